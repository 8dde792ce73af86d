//! The model file: every learned part of the syntax stage in one binary blob.
//!
//! Layout (little-endian): magic, format version, then the label tables, the tag
//! dictionary, the lemmatizer and the three weight sets. Weights are written in the order of
//! their open-addressing table (slot deltas and run lengths as LEB128 varints, classes as one
//! byte where they fit), so that reading fills the table front to back. Not compressed: the
//! keys are hashes and the weights near-random, deflate saves little of it and costs more
//! than the rest of loading.

use std::collections::HashMap;

use rustc_hash::FxHashMap;

use crate::lemma::{Edit, Lemmatizer};
use crate::parser::Moves;
use crate::perceptron::Weights;

const MAGIC: &[u8; 8] = b"ANNSYNTX";
const VERSION: u32 = 1;

/// Why a model could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("not an annals syntax model (bad magic bytes)")]
    BadMagic,
    #[error("syntax model format version {found}, this build reads version {VERSION}")]
    Version { found: u32 },
    #[error("syntax model is corrupt: {0}")]
    Corrupt(&'static str),
}

/// Everything the syntax stage learned from the treebank.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) upos: Weights,
    pub(crate) morph: Weights,
    /// Morphology classes: (XPOS, FEATS).
    pub(crate) morph_classes: Vec<(String, String)>,
    /// For each UPOS, the morphology classes seen with it.
    pub(crate) morph_allowed: Vec<Vec<u16>>,
    /// Normalized form hash → bit set of the UPOS it had in training.
    pub(crate) dict: FxHashMap<u64, u32>,
    pub(crate) lemma: Lemmatizer,
    pub(crate) parser: Weights,
    pub(crate) labels: Vec<String>,
    pub(crate) moves: Moves,
    /// Free text: what the model was trained on, and how.
    pub(crate) about: String,
}

impl Model {
    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        w.u32(VERSION);
        w.str(&self.about);
        w.u32(self.labels.len() as u32);
        for l in &self.labels {
            w.str(l);
        }
        w.u32(u32::from(self.moves.root_label));
        w.u32(u32::from(self.moves.fallback_label));
        w.u32(self.morph_classes.len() as u32);
        for (x, f) in &self.morph_classes {
            w.str(x);
            w.str(f);
        }
        w.u32(self.morph_allowed.len() as u32);
        for a in &self.morph_allowed {
            w.u32(a.len() as u32);
            a.iter().for_each(|&c| w.u16(c));
        }
        let mut dict: Vec<(u64, u32)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        w.u32(dict.len() as u32);
        for (k, v) in dict {
            w.u64(k);
            w.u32(v);
        }
        let mut rules: Vec<_> = self.lemma.rules.iter().collect();
        rules.sort_by_key(|r| *r.0);
        w.u32(rules.len() as u32);
        for (key, e) in rules {
            w.u64(*key);
            w.u8(u8::from(e.lower));
            w.u8(e.strip);
            w.str(&e.append);
        }
        for table in [&self.lemma.exceptions, &self.lemma.by_xpos] {
            let mut exc: Vec<_> = table.iter().collect();
            exc.sort();
            w.u32(exc.len() as u32);
            for (key, lemma) in exc {
                w.u64(*key);
                w.str(lemma);
            }
        }
        for weights in [&self.upos, &self.morph, &self.parser] {
            w.weights(weights);
        }
        let mut out = MAGIC.to_vec();
        out.extend(w.buf);
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, ModelError> {
        let body = bytes.strip_prefix(MAGIC).ok_or(ModelError::BadMagic)?;
        let mut r = Reader { b: body, at: 0 };
        let version = r.u32()?;
        if version != VERSION {
            return Err(ModelError::Version { found: version });
        }
        let about = r.str()?;
        let n = r.count()?;
        let labels = (0..n).map(|_| r.str()).collect::<Result<Vec<_>, _>>()?;
        let root_label = r.u32()? as u8;
        let fallback_label = r.u32()? as u8;
        let n = r.count()?;
        let morph_classes = (0..n)
            .map(|_| Ok((r.str()?, r.str()?)))
            .collect::<Result<Vec<_>, ModelError>>()?;
        let n = r.count()?;
        let mut morph_allowed = Vec::with_capacity(n);
        for _ in 0..n {
            let k = r.count()?;
            morph_allowed.push((0..k).map(|_| r.u16()).collect::<Result<Vec<_>, _>>()?);
        }
        let n = r.count()?;
        let mut dict = FxHashMap::default();
        dict.reserve(n);
        for _ in 0..n {
            let k = r.u64()?;
            dict.insert(k, r.u32()?);
        }
        let n = r.count()?;
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let key = r.u64()?;
            let lower = r.u8()? != 0;
            let strip = r.u8()?;
            let append = r.str()?;
            rules.insert(
                key,
                Edit {
                    lower,
                    strip,
                    append,
                },
            );
        }
        let mut tables = [HashMap::new(), HashMap::new()];
        for t in &mut tables {
            let n = r.count()?;
            t.reserve(n);
            for _ in 0..n {
                let key = r.u64()?;
                t.insert(key, r.str()?);
            }
        }
        let [exceptions, by_xpos] = tables;
        let upos = r.weights()?;
        let morph = r.weights()?;
        let parser = r.weights()?;
        let moves = Moves {
            n_labels: labels.len(),
            root_label,
            fallback_label,
            grammar: crate::parser::Grammar::for_labels(&labels),
        };
        if parser.n_classes() != moves.n_classes()
            || morph.n_classes() != morph_classes.len()
            || morph_allowed.len() != crate::tagger::N_UPOS
            || morph_allowed
                .iter()
                .flatten()
                .any(|&c| c as usize >= morph_classes.len())
            || root_label as usize >= labels.len()
            || fallback_label as usize >= labels.len()
        {
            return Err(ModelError::Corrupt("tables disagree"));
        }
        Ok(Model {
            upos,
            morph,
            morph_classes,
            morph_allowed,
            dict,
            lemma: Lemmatizer {
                rules,
                exceptions,
                by_xpos,
            },
            parser,
            labels,
            moves,
            about,
        })
    }

    /// Drops parser weights smaller than `min_abs` quantized units: a smaller, faster
    /// model (see `data/syntax/README.md`).
    pub fn prune_parser(&mut self, min_abs: i16) {
        self.parser = self.parser.pruned(min_abs);
    }

    /// Lays the three weight tables out again as a newly trained model would have them
    /// (after a change of [`Weights`]' table sizing); the weights stay what they are, so the
    /// bytes are those a retraining would write.
    pub fn relayout(&mut self) {
        for w in [&mut self.upos, &mut self.morph, &mut self.parser] {
            *w = w.pruned(0);
        }
    }

    /// What the model was trained on.
    pub fn about(&self) -> &str {
        &self.about
    }

    /// Number of weights kept in the three classifiers (UPOS, morphology, parser).
    pub fn sizes(&self) -> [usize; 3] {
        [self.upos.len(), self.morph.len(), self.parser.len()]
    }
}

#[derive(Default)]
struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    fn u8(&mut self, v: u8) {
        self.buf.push(v);
    }
    fn u16(&mut self, v: u16) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn u32(&mut self, v: u32) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn u64(&mut self, v: u64) {
        self.buf.extend_from_slice(&v.to_le_bytes());
    }
    fn varint(&mut self, mut v: u64) {
        while v >= 0x80 {
            self.buf.push((v as u8) | 0x80);
            v >>= 7;
        }
        self.buf.push(v as u8);
    }
    fn str(&mut self, s: &str) {
        self.u32(s.len() as u32);
        self.buf.extend_from_slice(s.as_bytes());
    }
    /// Rows in table order: the slot as a delta from the previous one, the key, the
    /// number of weights, then (class, weight) pairs. Reading them back fills the table
    /// front to back, with no probing and no random writes: that is most of load time.
    fn weights(&mut self, w: &Weights) {
        let rows = w.rows();
        self.u32(w.n_classes as u32);
        self.buf.extend_from_slice(&w.scale.to_le_bytes());
        self.u32(w.capacity() as u32);
        self.u32(rows.len() as u32);
        let wide = w.n_classes > 256;
        let mut prev = 0usize;
        for (slot, k, row) in rows {
            self.varint((slot - prev) as u64);
            prev = slot;
            self.u32(k);
            self.varint(row.len() as u64);
            for (c, x) in row {
                if wide {
                    self.u16(c);
                } else {
                    self.u8(c as u8);
                }
                self.u16(x as u16);
            }
        }
    }
}

struct Reader<'a> {
    b: &'a [u8],
    at: usize,
}

impl Reader<'_> {
    fn take(&mut self, n: usize) -> Result<&[u8], ModelError> {
        let end = self
            .at
            .checked_add(n)
            .filter(|&e| e <= self.b.len())
            .ok_or(ModelError::Corrupt("truncated"))?;
        let s = &self.b[self.at..end];
        self.at = end;
        Ok(s)
    }
    fn u8(&mut self) -> Result<u8, ModelError> {
        Ok(self.take(1)?[0])
    }
    fn u16(&mut self) -> Result<u16, ModelError> {
        Ok(u16::from_le_bytes(self.take(2)?.try_into().unwrap()))
    }
    fn u32(&mut self) -> Result<u32, ModelError> {
        Ok(u32::from_le_bytes(self.take(4)?.try_into().unwrap()))
    }
    fn u64(&mut self) -> Result<u64, ModelError> {
        Ok(u64::from_le_bytes(self.take(8)?.try_into().unwrap()))
    }
    fn str(&mut self) -> Result<String, ModelError> {
        let n = self.u32()? as usize;
        String::from_utf8(self.take(n)?.to_vec()).map_err(|_| ModelError::Corrupt("string"))
    }
    /// A count of items that follow: each takes at least a byte, so a count larger than
    /// what is left is corruption (and must not become an allocation).
    fn count(&mut self) -> Result<usize, ModelError> {
        let n = self.u32()? as usize;
        if n > self.b.len() - self.at {
            return Err(ModelError::Corrupt("count"));
        }
        Ok(n)
    }

    fn varint(&mut self) -> Result<u64, ModelError> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            v |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(v);
            }
        }
        Err(ModelError::Corrupt("varint"))
    }

    /// Words of sparse and dense runs the next `nk` rows need, read ahead without moving.
    fn run_sizes(&mut self, nk: usize, n_classes: usize) -> Result<(usize, usize), ModelError> {
        let start = self.at;
        let entry = if n_classes > 256 { 4 } else { 3 };
        let (mut data, mut dense) = (0usize, 0usize);
        for _ in 0..nk {
            self.varint()?;
            self.take(4)?;
            let n = self.varint()? as usize;
            self.take(n.checked_mul(entry).ok_or(ModelError::Corrupt("sizes"))?)?;
            if n * 4 >= n_classes {
                dense += n_classes;
            } else {
                data += n + 1;
            }
        }
        self.at = start;
        Ok((data, dense))
    }

    fn weights(&mut self) -> Result<Weights, ModelError> {
        let n_classes = self.u32()? as usize;
        let scale = f32::from_le_bytes(self.take(4)?.try_into().unwrap());
        let cap = self.u32()? as usize;
        let nk = self.u32()? as usize;
        // each row takes at least 5 bytes; the table is at most 4 slots per row
        if nk > (self.b.len() - self.at) / 5
            || !cap.is_power_of_two()
            || nk > cap
            || cap > 4 * nk + 16
        {
            return Err(ModelError::Corrupt("sizes"));
        }
        let mut w = Weights::with_table(n_classes, scale, cap);
        let (data, dense) = self.run_sizes(nk, n_classes)?;
        w.reserve(data, dense);
        let wide = n_classes > 256;
        let entry = if wide { 4 } else { 3 };
        let mut slot = 0usize;
        let mut row = Vec::new();
        for i in 0..nk {
            slot = slot.saturating_add(self.varint()? as usize);
            if slot >= cap || (i > 0 && w.occupied(slot)) {
                return Err(ModelError::Corrupt("table slots"));
            }
            let key = self.u32()?;
            if key == 0 {
                return Err(ModelError::Corrupt("feature key"));
            }
            let n = self.varint()? as usize;
            if n > n_classes {
                return Err(ModelError::Corrupt("row length"));
            }
            let bytes = self.take(n * entry)?;
            row.clear();
            for e in bytes.chunks_exact(entry) {
                let (c, x) = if wide {
                    (u16::from_le_bytes([e[0], e[1]]), [e[2], e[3]])
                } else {
                    (u16::from(e[0]), [e[1], e[2]])
                };
                if c as usize >= n_classes {
                    return Err(ModelError::Corrupt("class out of range"));
                }
                row.push((c, i16::from_le_bytes(x)));
            }
            w.put(slot, key, &row);
        }
        Ok(w)
    }
}
