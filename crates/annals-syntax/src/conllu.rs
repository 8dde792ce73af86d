//! CoNLL-U, as far as training and output need it: syntactic words with their ten columns.
//! Multiword-token lines (`3-4`) and empty nodes (`8.1`) are read past; the words they
//! stand for are what the model learns from.

use std::fmt::Write as _;
use std::ops::Range;

use crate::Sentence;

/// One word line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    pub form: String,
    pub lemma: String,
    pub upos: String,
    pub xpos: String,
    pub feats: String,
    /// 0 = root, else 1-based.
    pub head: u32,
    pub deprel: String,
}

/// One sentence of a treebank.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TreebankSentence {
    /// The comment lines, without `# ` (`sent_id = …`, `text = …`, `newpar …`).
    pub comments: Vec<String>,
    pub words: Vec<Word>,
}

impl TreebankSentence {
    /// The `# text =` comment.
    pub fn text(&self) -> Option<&str> {
        self.comments.iter().find_map(|c| c.strip_prefix("text = "))
    }

    /// Whether a `# newpar` or `# newdoc` comment opens the sentence.
    pub fn starts_paragraph(&self) -> bool {
        self.comments
            .iter()
            .any(|c| c.starts_with("newpar") || c.starts_with("newdoc"))
    }
}

/// A malformed line.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {what}")]
pub struct ConlluError {
    pub line: usize,
    pub what: String,
}

/// Reads a CoNLL-U document.
pub fn read(text: &str) -> Result<Vec<TreebankSentence>, ConlluError> {
    let mut out = Vec::new();
    let mut cur = TreebankSentence::default();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            if !cur.words.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ConlluError {
                line: i + 1,
                what: format!("{} columns, CoNLL-U has 10", cols.len()),
            });
        }
        if cols[0].contains('-') || cols[0].contains('.') {
            continue;
        }
        let head = cols[6].parse().map_err(|_| ConlluError {
            line: i + 1,
            what: format!("head {:?} is not a number", cols[6]),
        })?;
        cur.words.push(Word {
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Writes one parsed sentence as CoNLL-U, each token's byte span in MISC as
/// `TokenRange=start:end` (UDPipe's convention) and `SpaceAfter=No` where the next token
/// follows without a space. `map` turns spans of `text` into the spans written (the
/// input's, when `text` is a cleaned block); `gold_text` replaces the `# text` line.
pub fn write_sentence(
    out: &mut String,
    text: &str,
    s: &Sentence<'_>,
    sent_id: &str,
    map: &dyn Fn(Range<usize>) -> Range<usize>,
    gold_text: Option<&str>,
) {
    let _ = writeln!(out, "# sent_id = {sent_id}");
    let flat: String = text[s.span.clone()]
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    let _ = writeln!(out, "# text = {}", gold_text.unwrap_or(flat.trim()));
    for (i, t) in s.tokens.iter().enumerate() {
        let form = clean_field(&text[t.span.clone()]);
        let lemma = clean_field(&t.lemma);
        let head = t.head.map_or(0, |h| h + 1);
        let mut misc = String::new();
        let next = s.tokens.get(i + 1).map(|n| n.span.start);
        if next == Some(t.span.end) {
            misc.push_str("SpaceAfter=No|");
        }
        let r = map(t.span.clone());
        let _ = write!(misc, "TokenRange={}:{}", r.start, r.end);
        let _ = writeln!(
            out,
            "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t_\t{}",
            i + 1,
            form,
            lemma,
            t.upos,
            t.xpos,
            t.feats,
            head,
            t.deprel,
            misc
        );
    }
    out.push('\n');
}

/// A form as a CoNLL-U field: no tabs or line breaks, never empty.
fn clean_field(s: &str) -> String {
    let f: String = s
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect();
    if f.is_empty() {
        "_".to_string()
    } else {
        f
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_words_and_skips_multiword_lines() {
        let t = "# text = I'm here\n1-2\tI'm\t_\t_\t_\t_\t_\t_\t_\t_\n\
                 1\tI\tI\tPRON\tPRP\tCase=Nom\t3\tnsubj\t_\t_\n\
                 2\t'm\tbe\tAUX\tVBP\t_\t3\tcop\t_\t_\n\
                 3\there\there\tADV\tRB\t_\t0\troot\t_\t_\n\n";
        let s = read(t).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].text(), Some("I'm here"));
        assert_eq!(s[0].words.len(), 3);
        assert_eq!(s[0].words[1].lemma, "be");
        assert_eq!(s[0].words[2].head, 0);
        let err = read("1\tx\n").unwrap_err();
        assert_eq!(err.line, 1);
    }
}
