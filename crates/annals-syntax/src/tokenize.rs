//! Tokenization to UD English conventions, over a sentence the caller has already split.
//!
//! White space separates chunks; each chunk gives up its leading and trailing punctuation,
//! its clitics ("do|n't", "ca|n't", "Japan|'s", "they|'re", "can|not"), its dashes, and
//! the hyphens of compounds ("Al|-|Zaman", "so|-|called", as EWT writes them; "e-mail" and
//! number groups "713-853-3989" stay whole). Abbreviations and initials keep their period
//! ("Mr.", "U.S.", "John F. Dulles"). Every token is a byte span of the caller's text.

use std::ops::Range;

/// Words that keep a final period.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt", "capt",
    "cmdr", "adm", "maj", "sgt", "gov", "sen", "rep", "rev", "hon", "amb", "inc", "ltd", "co",
    "corp", "bros", "vs", "etc", "no", "nos", "vol", "vols", "pp", "cf", "fig", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt", "ft", "esq",
    "dept", "ave", "approx", "ca", "op", "cit", "ibid", "viz", "al", "ed", "eds", "trans",
];

/// Clitics split from the end of a word (lower-cased, with a straight apostrophe).
const CLITICS: &[&str] = &["'s", "'re", "'ve", "'ll", "'d", "'m"];

/// The tokens of `text[span]`.
pub fn tokenize(text: &str, span: Range<usize>) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let s = &text[span.clone()];
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(a) = start.take() {
                chunk(text, span.start + a, span.start + i, &mut out);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(a) = start {
        chunk(text, span.start + a, span.end, &mut out);
    }
    out
}

fn is_lead(c: char) -> bool {
    matches!(
        c,
        '(' | '[' | '{' | '"' | '“' | '‘' | '«' | '<' | '¿' | '¡' | '*' | '$' | '£' | '€' | '#'
    )
}

fn is_trail(c: char) -> bool {
    matches!(
        c,
        ')' | ']' | '}' | '"' | '”' | '»' | '>' | ',' | ';' | ':' | '!' | '?' | '%' | '*'
    )
}

fn is_dash(c: char) -> bool {
    matches!(c, '—' | '–' | '―')
}

/// Splits one white-space-free chunk `text[a..b]`.
fn chunk(text: &str, mut a: usize, mut b: usize, out: &mut Vec<Range<usize>>) {
    let w = &text[a..b];
    if w.contains("://") || w.starts_with("www.") || (w.contains('@') && w.contains('.')) {
        let mut tail = Vec::new();
        while let Some(c) = text[a..b].chars().last() {
            if (is_trail(c) || c == '.') && b - c.len_utf8() > a {
                b -= c.len_utf8();
                tail.push(b..b + c.len_utf8());
            } else {
                break;
            }
        }
        out.push(a..b);
        out.extend(tail.into_iter().rev());
        return;
    }
    // leading punctuation
    loop {
        let rest = &text[a..b];
        if rest.starts_with("...") && rest.len() > 3 {
            out.push(a..a + 3);
            a += 3;
            continue;
        }
        let Some(c) = rest.chars().next() else { return };
        let single_quote = (c == '\'' || c == '’') && !is_clitic(rest);
        if (is_lead(c) || is_dash(c) || single_quote) && rest.len() > c.len_utf8() {
            out.push(a..a + c.len_utf8());
            a += c.len_utf8();
        } else {
            break;
        }
    }
    // trailing punctuation, collected right to left
    let mut tail: Vec<Range<usize>> = Vec::new();
    loop {
        let rest = &text[a..b];
        if rest.len() > 3 && rest.ends_with("...") {
            b -= 3;
            tail.push(b..b + 3);
            continue;
        }
        let Some(c) = rest.chars().last() else { break };
        let l = c.len_utf8();
        if rest.len() <= l {
            break;
        }
        let keep_period = c == '.' && abbreviation(&rest[..rest.len() - 1]);
        let quote = c == '\'' || c == '’';
        if (is_trail(c) || is_dash(c) || quote || c == '.') && !keep_period {
            b -= l;
            tail.push(b..b + l);
        } else {
            break;
        }
    }
    middle(text, a, b, out);
    out.extend(tail.into_iter().rev());
}

fn is_clitic(s: &str) -> bool {
    let low = s.to_lowercase().replace('’', "'");
    CLITICS.contains(&low.as_str()) || low == "n't"
}

/// Whether `w` (without its final period) is an abbreviation or an initial.
fn abbreviation(w: &str) -> bool {
    let mut letters = w.chars();
    if let (Some(c), None) = (letters.next(), letters.next()) {
        return c.is_alphabetic();
    }
    if w.contains('.')
        && w.split('.')
            .all(|p| p.chars().count() <= 3 && !p.is_empty())
    {
        return true;
    }
    ABBREVIATIONS.contains(&w.to_lowercase().as_str())
}

/// The inside of a chunk: clitics, dashes, compound hyphens.
fn middle(text: &str, a: usize, b: usize, out: &mut Vec<Range<usize>>) {
    if a >= b {
        return;
    }
    let w = &text[a..b];
    // dashes split anywhere
    if let Some((i, c)) = w.char_indices().find(|&(i, c)| is_dash(c) && i > 0) {
        middle(text, a, a + i, out);
        out.push(a + i..a + i + c.len_utf8());
        middle(text, a + i + c.len_utf8(), b, out);
        return;
    }
    // compound hyphens: letters on both sides, more than one letter before
    if let Some(i) = compound_hyphen(w) {
        middle(text, a, a + i, out);
        out.push(a + i..a + i + 1);
        middle(text, a + i + 1, b, out);
        return;
    }
    let low = w.to_lowercase().replace('’', "'");
    if low.len() > 3 && low.ends_with("n't") {
        let cut = b - (w.len() - w.char_indices().rev().nth(2).map_or(0, |(i, _)| i));
        out.push(a..cut);
        out.push(cut..b);
        return;
    }
    if low == "cannot" {
        out.push(a..a + 3);
        out.push(a + 3..b);
        return;
    }
    for c in CLITICS {
        if low.len() > c.len() && low.ends_with(c) {
            let n = c.chars().count();
            let cut = w.char_indices().rev().nth(n - 1).map_or(0, |(i, _)| i);
            out.push(a..a + cut);
            out.push(a + cut..b);
            return;
        }
    }
    out.push(a..b);
}

/// Byte index of a hyphen joining two words ("so-called", "Al-Zaman"), not one inside a
/// number group ("713-853-3989", "1955-56") or after a single letter ("e-mail", "X-ray").
fn compound_hyphen(w: &str) -> Option<usize> {
    let bytes = w.as_bytes();
    for (i, &c) in bytes.iter().enumerate() {
        if c != b'-' || i == 0 || i + 1 >= bytes.len() {
            continue;
        }
        let left = &w[..i];
        let right = &w[i + 1..];
        let lword = left.rsplit('-').next().unwrap_or(left);
        let l_alpha = lword.chars().last().is_some_and(char::is_alphabetic);
        let r_alpha = right.chars().next().is_some_and(char::is_alphabetic);
        if l_alpha && r_alpha && lword.chars().count() > 1 {
            return Some(i);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s, 0..s.len()).into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn clitics_and_punctuation() {
        assert_eq!(toks("I don't know."), ["I", "do", "n't", "know", "."]);
        assert_eq!(toks("Japan's claim"), ["Japan", "'s", "claim"]);
        assert_eq!(
            toks("They can’t, we won't"),
            ["They", "ca", "n’t", ",", "we", "wo", "n't"]
        );
        assert_eq!(toks("he cannot"), ["he", "can", "not"]);
        assert_eq!(
            toks("(the “Kurils”)"),
            ["(", "the", "“", "Kurils", "”", ")"]
        );
        assert_eq!(toks("the states' rights"), ["the", "states", "'", "rights"]);
    }

    #[test]
    fn abbreviations_initials_and_hyphens() {
        assert_eq!(toks("John F. Dulles"), ["John", "F.", "Dulles"]);
        assert_eq!(
            toks("Yakov A. Malik of the U.S.S.R."),
            ["Yakov", "A.", "Malik", "of", "the", "U.S.S.R."]
        );
        assert_eq!(toks("Mr. Hatoyama left."), ["Mr.", "Hatoyama", "left", "."]);
        assert_eq!(
            toks("Al-Zaman so-called e-mail"),
            ["Al", "-", "Zaman", "so", "-", "called", "e-mail"]
        );
        assert_eq!(
            toks("1955–56 and 713-853-3989"),
            ["1955", "–", "56", "and", "713-853-3989"]
        );
        assert_eq!(toks("$5 or 5%"), ["$", "5", "or", "5", "%"]);
    }

    #[test]
    fn spans_are_input_offsets() {
        let s = "x  Soviet-Japanese talks.";
        let t = tokenize(s, 3..s.len());
        assert_eq!(t[0], 3..9);
        assert_eq!(&s[t[1].clone()], "-");
        assert_eq!(t.last().unwrap().clone(), 24..25);
    }
}
