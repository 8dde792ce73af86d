//! The two taggers: UPOS (17 classes, greedy left to right) and morphology (XPOS and FEATS
//! as one class, chosen among the classes seen with the token's UPOS).
//!
//! Both see the words around the token, their suffixes and shapes, the tags already chosen
//! to the left, and — so that the right context counts before it is tagged — each word's
//! *ambiguity class*: the set of UPOS tags it had in the treebank.

use crate::feat::{f1, f2, f3, normalize, prefix, shape, str_hash, suffix};
use crate::perceptron::Weights;

/// Number of UPOS classes.
pub const N_UPOS: usize = 17;
const START: u64 = 0xfff0;
const END: u64 = 0xfff1;

/// The low bits of a dictionary entry: the set of UPOS a word had.
pub const AMB_MASK: u32 = (1 << N_UPOS) - 1;
/// Where a dictionary entry keeps the word's most frequent UPOS (+1).
pub const MFT_SHIFT: u32 = 24;

/// What the taggers know of each word of a sentence, computed once.
pub struct Words {
    /// Normalized (lower-cased, digits as 0) form hashes.
    pub norm: Vec<u64>,
    pub suf1: Vec<u64>,
    pub suf2: Vec<u64>,
    pub suf3: Vec<u64>,
    pub suf4: Vec<u64>,
    pub pre2: Vec<u64>,
    /// The word's most frequent UPOS in training (+1), 0 for an unknown word.
    pub mft: Vec<u64>,
    /// The form as written (case kept).
    pub form: Vec<u64>,
    pub shape: Vec<u64>,
    /// Ambiguity class (bit set of UPOS) or 0 for an unknown word.
    pub amb: Vec<u64>,
    /// Flags: 1 capitalized, 2 all capitals, 4 has digit, 8 has hyphen, 16 has a dot.
    pub flags: Vec<u64>,
}

impl Words {
    pub fn new(forms: &[&str], dict: &dyn Fn(u64) -> u32) -> Words {
        let n = forms.len();
        let mut w = Words {
            norm: Vec::with_capacity(n),
            suf1: Vec::with_capacity(n),
            suf2: Vec::with_capacity(n),
            suf3: Vec::with_capacity(n),
            suf4: Vec::with_capacity(n),
            pre2: Vec::with_capacity(n),
            mft: Vec::with_capacity(n),
            form: Vec::with_capacity(n),
            shape: Vec::with_capacity(n),
            amb: Vec::with_capacity(n),
            flags: Vec::with_capacity(n),
        };
        for form in forms {
            let norm = normalize(form);
            let h = str_hash(&norm);
            w.norm.push(h);
            w.suf1.push(str_hash(suffix(&norm, 1)));
            w.suf2.push(str_hash(suffix(&norm, 2)));
            w.suf3.push(str_hash(suffix(&norm, 3)));
            w.suf4.push(str_hash(suffix(&norm, 4)));
            w.pre2.push(str_hash(prefix(&norm, 2)));
            w.form.push(str_hash(form));
            w.shape.push(str_hash(&shape(form)));
            let d = dict(h);
            w.amb.push(u64::from(d & AMB_MASK));
            w.mft.push(u64::from(d >> MFT_SHIFT));
            let mut fl = 0;
            let mut chars = form.chars();
            if chars.next().is_some_and(char::is_uppercase) {
                fl |= 1;
            }
            if form.chars().any(char::is_alphabetic) && !form.chars().any(char::is_lowercase) {
                fl |= 2;
            }
            if form.bytes().any(|b| b.is_ascii_digit()) {
                fl |= 4;
            }
            if form.contains('-') {
                fl |= 8;
            }
            if form.contains('.') {
                fl |= 16;
            }
            w.flags.push(fl);
        }
        w
    }

    pub fn len(&self) -> usize {
        self.norm.len()
    }

    pub fn is_empty(&self) -> bool {
        self.norm.is_empty()
    }

    fn at(v: &[u64], i: isize, pad_left: u64, pad_right: u64) -> u64 {
        if i < 0 {
            pad_left
        } else if i as usize >= v.len() {
            pad_right
        } else {
            v[i as usize]
        }
    }
}

/// Features of token `i` for the UPOS tagger, given the two tags to its left.
pub fn upos_features(w: &Words, i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    out.clear();
    let ii = i as isize;
    let at = |v: &[u64], d: isize| Words::at(v, ii + d, START, END);
    let n0 = w.norm[i];
    out.push(f1(0, 0));
    out.push(f1(1, n0));
    out.push(f1(2, w.suf1[i]));
    out.push(f1(3, w.suf2[i]));
    out.push(f1(4, w.suf3[i]));
    out.push(f1(5, w.suf4[i]));
    out.push(f1(6, w.pre2[i]));
    out.push(f1(7, w.shape[i]));
    out.push(f1(8, w.flags[i] | if i == 0 { 64 } else { 0 }));
    out.push(f1(9, at(&w.norm, -1)));
    out.push(f1(10, at(&w.norm, -2)));
    out.push(f1(11, at(&w.norm, 1)));
    out.push(f1(12, at(&w.norm, 2)));
    out.push(f1(13, at(&w.suf3, -1)));
    out.push(f1(14, at(&w.suf3, 1)));
    out.push(f1(15, p1));
    out.push(f2(16, p1, p2));
    out.push(f2(17, p1, n0));
    out.push(f2(18, at(&w.norm, -1), n0));
    out.push(f2(19, n0, at(&w.norm, 1)));
    out.push(f1(20, w.amb[i]));
    out.push(f1(21, at(&w.amb, 1)));
    out.push(f1(22, at(&w.amb, 2)));
    out.push(f2(23, p1, at(&w.amb, 1)));
    out.push(f2(24, w.amb[i], at(&w.amb, 1)));
    out.push(f2(25, p1, w.amb[i]));
    out.push(f2(26, w.shape[i], at(&w.shape, 1)));
    out.push(f2(27, at(&w.shape, -1), w.shape[i]));
    out.push(f3(28, p1, w.suf3[i], at(&w.amb, 1)));
    out.push(f2(29, w.flags[i], p1));
    out.push(f1(30, at(&w.shape, 1)));
    out.push(f1(31, at(&w.shape, -1)));
    out.push(f1(32, w.form[i]));
    out.push(f2(36, p1, at(&w.norm, 1)));
    out.push(f2(37, at(&w.mft, 1), at(&w.mft, 2)));
    out.push(f3(38, p1, w.mft[i], at(&w.mft, 1)));
}

/// Features of token `i` for the morphology classifier, given every token's UPOS and the
/// morphology class chosen for the token before.
pub fn morph_features(w: &Words, upos: &[u64], i: usize, m1: u64, out: &mut Vec<u32>) {
    out.clear();
    let ii = i as isize;
    let at = |v: &[u64], d: isize| Words::at(v, ii + d, START, END);
    let u = upos[i];
    let n0 = w.norm[i];
    out.push(f1(40, u));
    out.push(f2(41, u, n0));
    out.push(f2(42, u, w.suf1[i]));
    out.push(f2(43, u, w.suf2[i]));
    out.push(f2(44, u, w.suf3[i]));
    out.push(f2(45, u, w.shape[i]));
    out.push(f2(46, u, w.flags[i]));
    out.push(f2(47, u, at(upos, -1)));
    out.push(f2(48, u, at(upos, 1)));
    out.push(f2(49, u, at(&w.norm, -1)));
    out.push(f2(50, u, at(&w.norm, -2)));
    out.push(f2(51, u, at(&w.norm, -3)));
    out.push(f2(52, u, at(&w.norm, 1)));
    out.push(f2(53, u, m1));
    out.push(f3(54, u, at(upos, -1), at(upos, -2)));
    out.push(f3(55, u, at(&w.norm, -1), at(upos, 1)));
    out.push(f2(56, u, w.suf4[i]));
    out.push(f3(57, u, at(upos, 1), at(upos, 2)));
    out.push(f3(58, u, at(&w.norm, -2), at(&w.norm, -1)));
}

/// Greedy UPOS decoding.
pub fn tag_upos(weights: &Weights, w: &Words) -> Vec<u8> {
    let mut out = Vec::with_capacity(w.len());
    let mut feats = Vec::with_capacity(40);
    let mut scores = vec![0i32; N_UPOS];
    for i in 0..w.len() {
        let p1 = out.last().map_or(START, |&t: &u8| u64::from(t));
        let p2 = if i >= 2 { u64::from(out[i - 2]) } else { START };
        upos_features(w, i, p1, p2, &mut feats);
        weights.score(&feats, &mut scores);
        out.push(argmax(&scores) as u8);
    }
    out
}

/// Greedy morphology decoding; `allowed[u]` lists the classes seen with UPOS `u`.
pub fn tag_morph(weights: &Weights, w: &Words, upos: &[u8], allowed: &[Vec<u16>]) -> Vec<u16> {
    let upos64: Vec<u64> = upos.iter().map(|&u| u64::from(u)).collect();
    let mut out: Vec<u16> = Vec::with_capacity(w.len());
    let mut feats = Vec::with_capacity(24);
    let mut scores = vec![0i32; weights.n_classes()];
    for i in 0..w.len() {
        let m1 = out.last().map_or(START, |&m| u64::from(m));
        morph_features(w, &upos64, i, m1, &mut feats);
        weights.score(&feats, &mut scores);
        let cands = &allowed[upos[i] as usize];
        let best = cands
            .iter()
            .copied()
            .max_by_key(|&c| (scores[c as usize], std::cmp::Reverse(c)))
            .unwrap_or(0);
        out.push(best);
    }
    out
}

/// Index of the highest score; the first one on ties.
pub fn argmax<T: PartialOrd>(s: &[T]) -> usize {
    let mut best = 0;
    for i in 1..s.len() {
        if s[i] > s[best] {
            best = i;
        }
    }
    best
}
