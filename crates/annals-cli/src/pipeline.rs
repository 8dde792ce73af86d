//! The pipeline as the commands run it: input → chunks → blocks → timexes → output.

use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::Path;

use annals_ingest::{blocks, sentences, BlockKind, Chunks};
use annals_pipeline::{dateline_date, role};
use annals_time::{Tagger, Timex};
use anyhow::{Context, Result};

/// Writes `s` as one TSV field: line break `\n`, tab `\t`, backslash `\\` (GOLD_FORMAT.md).
pub fn escape_into(out: &mut Vec<u8>, s: &str) {
    for b in s.bytes() {
        match b {
            b'\n' => out.extend_from_slice(b"\\n"),
            b'\t' => out.extend_from_slice(b"\\t"),
            b'\\' => out.extend_from_slice(b"\\\\"),
            b'\r' => out.extend_from_slice(b"\\r"),
            _ => out.push(b),
        }
    }
}

fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Opens an input. For a regular file, the whole input is checked first (UTF-8, NUL bytes)
/// in a streaming pass, so that a bad byte at the end is reported before any output is
/// written: output is never a partial result passed off as complete. Standard input, a FIFO
/// or a process substitution (`<(…)`) cannot be read twice: each is opened once, and the
/// output is held back until the input has been read (the `bool`).
fn open(path: &Path) -> Result<(Box<dyn Read>, String, bool, u64)> {
    let name = display(path);
    if name == "-" {
        return Ok((Box::new(io::stdin().lock()), "<stdin>".to_string(), true, 0));
    }
    let meta = std::fs::metadata(path).with_context(|| format!("{name}: cannot open"))?;
    if meta.is_dir() {
        anyhow::bail!("{name}: is a directory, not a text file");
    }
    let f = File::open(path).with_context(|| format!("{name}: cannot open"))?;
    if !meta.is_file() {
        return Ok((
            Box::new(io::BufReader::with_capacity(1 << 16, f)),
            name,
            true,
            0,
        ));
    }
    for chunk in Chunks::new(&name, io::BufReader::new(f)) {
        chunk?;
    }
    let f = File::open(path).with_context(|| format!("{name}: cannot open"))?;
    Ok((
        Box::new(io::BufReader::with_capacity(1 << 16, f)),
        name,
        false,
        meta.len(),
    ))
}

fn progress(total: u64) -> indicatif::ProgressBar {
    if total < (8 << 20) {
        return indicatif::ProgressBar::hidden();
    }
    let pb = indicatif::ProgressBar::with_draw_target(
        Some(total),
        indicatif::ProgressDrawTarget::stderr(),
    );
    pb.set_style(
        indicatif::ProgressStyle::with_template(
            "{bar:40} {bytes}/{total_bytes} {bytes_per_sec} {eta}",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
    );
    pb
}

/// `annals time`.
pub fn time(
    path: &Path,
    dct: Option<&str>,
    json: bool,
    convention: annals_time::Convention,
) -> Result<()> {
    let mut tagger = Tagger::new();
    tagger.set_convention(convention);
    let fixed_dct = match dct {
        Some(s) => Some(annals_time::parse_dct(s)?),
        None => None,
    };
    tagger.set_dct(fixed_dct);
    let (reader, name, hold, total) = open(path)?;
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    // standard input's output is held back until all of the input proved to be text
    let mut held: Option<Vec<u8>> = hold.then(Vec::new);
    let pb = progress(total);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    let mut found: Vec<Timex> = Vec::new();
    let mut first_json = true;
    if json {
        buf.extend_from_slice(b"[");
    } else {
        buf.extend_from_slice(b"start\tend\ttext\ttype\tvalue\tmod\n");
    }
    // rows of one chunk, sorted by offset before writing: a paragraph interrupted by a
    // footnote is one block, but its dates are printed in document order
    let mut rows: Vec<(usize, usize, Timex, BlockKind)> = Vec::new();
    for chunk in Chunks::new(&name, reader) {
        let chunk = chunk?;
        rows.clear();
        for block in blocks(&chunk.text, chunk.base) {
            found.clear();
            tagger.tag_into(&block.clean.text, role(block.kind), &mut found);
            if block.kind == BlockKind::Dateline && fixed_dct.is_none() {
                if let Some(d) = dateline_date(&found) {
                    tagger.set_dct(Some(d));
                }
            }
            for t in found.drain(..) {
                let (s, e) = block.clean.map.span(t.start, t.end);
                rows.push((s, e, t, block.kind));
            }
        }
        rows.sort_by_key(|r| (r.0, r.1));
        for (s, e, t, kind) in &rows {
            let (s, e) = (*s, *e);
            let text = &chunk.text[s - chunk.base..e - chunk.base];
            if json {
                let mut v = serde_json::to_value(t)?;
                v["start"] = s.into();
                v["end"] = e.into();
                v["text"] = text.into();
                v["block"] = kind.as_str().into();
                buf.extend_from_slice(if first_json { b"\n" } else { b",\n" });
                first_json = false;
                serde_json::to_writer(&mut buf, &v)?;
            } else {
                let _ = write!(buf, "{s}\t{e}\t");
                escape_into(&mut buf, text);
                buf.push(b'\t');
                buf.extend_from_slice(t.kind.as_str().as_bytes());
                buf.push(b'\t');
                buf.extend_from_slice(t.value.as_bytes());
                buf.push(b'\t');
                if let Some(m) = t.modifier {
                    buf.extend_from_slice(m.as_str().as_bytes());
                }
                buf.push(b'\n');
            }
            if buf.len() >= 1 << 15 {
                match &mut held {
                    Some(h) => h.extend_from_slice(&buf),
                    None => out.write_all(&buf)?,
                }
                buf.clear();
            }
        }
        pb.inc(chunk.text.len() as u64);
    }
    if json {
        buf.extend_from_slice(b"\n]\n");
    }
    pb.finish_and_clear();
    if let Some(h) = held {
        out.write_all(&h)?;
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

/// `annals segments`.
pub fn segments(path: &Path, with_sentences: bool) -> Result<()> {
    let (reader, name, hold, _) = open(path)?;
    let mut out = BufWriter::new(io::stdout().lock());
    // an input read once is shown only once all of it proved to be text
    let mut held: Option<Vec<u8>> = hold.then(Vec::new);
    let mut buf: Vec<u8> = Vec::with_capacity(1 << 16);
    buf.extend_from_slice(b"kind\tstart\tend\ttext\n");
    let row = |buf: &mut Vec<u8>, kind: &str, (s, e): (usize, usize), text: &str| {
        let _ = write!(buf, "{kind}\t{s}\t{e}\t");
        escape_into(buf, text);
        buf.push(b'\n');
    };
    for chunk in Chunks::new(&name, reader) {
        let chunk = chunk?;
        for b in blocks(&chunk.text, chunk.base) {
            let span = b.clean.map.span(0, b.clean.text.len());
            row(&mut buf, b.kind.as_str(), span, &b.clean.text);
            if with_sentences {
                for r in sentences(&b.clean.text) {
                    let span = b.clean.map.span(r.start, r.end);
                    row(&mut buf, "sentence", span, &b.clean.text[r]);
                }
            }
            if buf.len() >= 1 << 15 {
                match &mut held {
                    Some(h) => h.extend_from_slice(&buf),
                    None => out.write_all(&buf)?,
                }
                buf.clear();
            }
        }
    }
    if let Some(h) = held {
        out.write_all(&h)?;
    }
    out.write_all(&buf)?;
    out.flush()?;
    Ok(())
}

/// How `annals parse` reads its input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ParseInput {
    /// Text: annals' own blocks, sentences and UD tokenization.
    Text,
    /// CoNLL-U: its sentences and words as given (gold tokenization); the annotation
    /// columns are replaced.
    Conllu,
}

/// `annals parse`: CoNLL-U (or JSON) for every sentence of the input, each token's byte
/// span in MISC as `TokenRange=start:end`.
pub fn parse(path: &Path, input: ParseInput, json: bool, model: Option<&Path>) -> Result<()> {
    let loaded;
    let model = match model {
        Some(p) => {
            let bytes =
                std::fs::read(p).with_context(|| format!("{}: cannot read", p.display()))?;
            loaded = annals_syntax::Model::from_bytes(&bytes)
                .with_context(|| format!("{}: cannot load the model", p.display()))?;
            &loaded
        }
        None => annals_syntax::Model::builtin(),
    };
    let (reader, name, hold, total) = open(path)?;
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut held: Option<Vec<u8>> = hold.then(Vec::new);
    let pb = progress(total);
    let mut w = ParsedWriter::new(json);
    let mut emit = |buf: &mut String, held: &mut Option<Vec<u8>>| -> Result<()> {
        match held {
            Some(h) => h.extend_from_slice(buf.as_bytes()),
            None => out.write_all(buf.as_bytes())?,
        }
        buf.clear();
        Ok(())
    };
    match input {
        ParseInput::Conllu => {
            let mut text = String::new();
            let mut r = reader;
            r.read_to_string(&mut text)
                .with_context(|| format!("{name}: not UTF-8 text"))?;
            let sents = annals_syntax::conllu::read(&text).with_context(|| name.clone())?;
            for s in &sents {
                // the words laid out with single spaces: TokenRange indexes that line
                let mut line = String::new();
                let mut spans = Vec::with_capacity(s.words.len());
                for w in &s.words {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    spans.push(line.len()..line.len() + w.form.len());
                    line.push_str(&w.form);
                }
                let parsed = model.parse_tokens(&line, 0..line.len(), spans);
                w.sentence(&line, &parsed, &|r| r, s.text());
                if w.buf.len() >= 1 << 15 {
                    emit(&mut w.buf, &mut held)?;
                }
            }
        }
        ParseInput::Text => {
            for chunk in Chunks::new(&name, reader) {
                let chunk = chunk?;
                // every block, page furniture too: a parser drops no text
                for b in blocks(&chunk.text, chunk.base) {
                    let text = &b.clean.text;
                    for r in sentences(text) {
                        let parsed = model.parse_sentence(text, r);
                        if parsed.tokens.is_empty() {
                            continue;
                        }
                        let map = |r: std::ops::Range<usize>| {
                            let (s, e) = b.clean.map.span(r.start, r.end);
                            s..e
                        };
                        w.sentence(text, &parsed, &map, None);
                        if w.buf.len() >= 1 << 15 {
                            emit(&mut w.buf, &mut held)?;
                        }
                    }
                }
                pb.inc(chunk.text.len() as u64);
            }
        }
    }
    w.finish();
    emit(&mut w.buf, &mut held)?;
    pb.finish_and_clear();
    if let Some(h) = held {
        out.write_all(&h)?;
    }
    out.flush()?;
    Ok(())
}

/// Writes parsed sentences as CoNLL-U or as one JSON array, numbering them.
struct ParsedWriter {
    json: bool,
    /// Sentences written so far.
    n: usize,
    buf: String,
}

impl ParsedWriter {
    fn new(json: bool) -> ParsedWriter {
        let mut buf = String::with_capacity(1 << 16);
        if json {
            buf.push('[');
        }
        ParsedWriter { json, n: 0, buf }
    }

    /// One sentence; `map` turns spans of `text` into spans of the input, `gold_text`
    /// replaces CoNLL-U's `# text` line.
    fn sentence(
        &mut self,
        text: &str,
        s: &annals_syntax::Sentence<'_>,
        map: &dyn Fn(std::ops::Range<usize>) -> std::ops::Range<usize>,
        gold_text: Option<&str>,
    ) {
        self.n += 1;
        if !self.json {
            let id = self.n.to_string();
            annals_syntax::conllu::write_sentence(&mut self.buf, text, s, &id, map, gold_text);
            return;
        }
        let tokens: Vec<serde_json::Value> = s
            .tokens
            .iter()
            .map(|t| {
                let r = map(t.span.clone());
                serde_json::json!({
                    "start": r.start, "end": r.end, "form": &text[t.span.clone()],
                    "upos": t.upos.name(), "xpos": t.xpos, "feats": t.feats, "lemma": t.lemma,
                    "head": t.head.map_or(0, |h| h + 1), "deprel": t.deprel,
                })
            })
            .collect();
        let r = map(s.span.clone());
        let v = serde_json::json!({ "start": r.start, "end": r.end, "tokens": tokens });
        self.buf.push_str(if self.n == 1 { "\n" } else { ",\n" });
        self.buf.push_str(&v.to_string());
    }

    fn finish(&mut self) {
        if self.json {
            self.buf.push_str("\n]\n");
        }
    }
}
