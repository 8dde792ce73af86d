//! Cleanup of text extracted from PDFs: wrapped lines joined, split words repaired, broken
//! diacritics put back together — with every change recorded in an [`OffsetMap`].
//!
//! The cleaner works on one block (a paragraph, a footnote, a quotation) given as the list of
//! its physical lines. Lines need not be contiguous in the input: a paragraph interrupted by a
//! footnote is cleaned as one text whose map simply skips the footnote's bytes.

use std::ops::Range;

use crate::offsets::OffsetMap;

/// A cleaned block: the text and how it maps back to the input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The cleaned text: one logical line, no line breaks.
    pub text: String,
    /// Clean offsets to absolute input offsets.
    pub map: OffsetMap,
}

/// First words of hyphenated compounds that a line break must not swallow: "left-\nwing"
/// stays "left-wing", while "negotia-\ntions" becomes "negotiations". A prefix that also
/// starts plain words ("re", "ex", "pro", "out") is deliberately not here: for those, joining
/// is right far more often than not.
const COMPOUND_FIRST: &[&str] = &[
    "all", "anti", "cold", "cross", "far", "full", "half", "high", "left", "long", "low", "middle",
    "mid", "most", "near", "non", "part", "post", "quasi", "right", "self", "semi", "short", "so",
    "vice", "well", "wide", "world", "large", "small", "first", "second", "third", "last", "pre",
];

/// Number words: "eight-\nmonth" keeps its hyphen when a unit follows ("ten-\nsions" does not).
const NUMBER_WORDS: &[&str] = &[
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
];
const NUMBER_TAILS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
    "minutes", "decade", "decades", "century", "member", "members", "nation", "nations", "power",
    "powers", "party", "point", "one", "two", "three", "four", "five", "six", "seven", "eight",
    "nine", "thousand", "hundred", "fold", "way", "sided", "time",
];

/// Decides whether the hyphen in `left-⏎right` is a real hyphen (kept) or a line-break
/// hyphen (dropped, the word joined).
pub fn keep_hyphen(left: &str, right: &str) -> bool {
    let Some(r0) = right.chars().next() else {
        return true;
    };
    if r0.is_uppercase() || r0.is_ascii_digit() {
        return true; // "Soviet-\nJapanese", "Russo-\nJapanese", "mid-\nMarch"
    }
    if left.len() >= 2 && left.chars().all(|c| c.is_uppercase()) {
        return true; // "US-\nbacked"
    }
    let l = left.to_lowercase();
    if COMPOUND_FIRST.contains(&l.as_str()) {
        return true;
    }
    if NUMBER_WORDS.contains(&l.as_str()) {
        let r = right.to_lowercase();
        return NUMBER_TAILS.contains(&r.as_str());
    }
    false
}

fn is_combining(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Precomposed forms for the marks PDF extraction most often tears off (transliterated
/// Russian and Japanese names: ĭ, ō, ū, é ...). Anything else stays decomposed, which is
/// still correct Unicode.
fn compose(base: char, mark: char) -> Option<char> {
    Some(match (base, mark) {
        ('i', '\u{306}') => 'ĭ',
        ('I', '\u{306}') => 'Ĭ',
        ('u', '\u{306}') => 'ŭ',
        ('e', '\u{301}') => 'é',
        ('a', '\u{301}') => 'á',
        ('o', '\u{301}') => 'ó',
        ('e', '\u{300}') => 'è',
        ('a', '\u{300}') => 'à',
        ('o', '\u{304}') => 'ō',
        ('u', '\u{304}') => 'ū',
        ('O', '\u{304}') => 'Ō',
        ('U', '\u{304}') => 'Ū',
        ('e', '\u{308}') => 'ë',
        ('o', '\u{308}') => 'ö',
        ('u', '\u{308}') => 'ü',
        ('a', '\u{308}') => 'ä',
        _ => return None,
    })
}

struct Builder<'a> {
    src: &'a str,
    base: usize,
    out: Cleaned,
}

impl Builder<'_> {
    fn copy(&mut self, r: Range<usize>) {
        let clean = self.out.text.len();
        self.out.text.push_str(&self.src[r.clone()]);
        self.out.map.push_copy(clean, self.base + r.start, r.len());
    }

    fn replace(&mut self, with: &str, r: Range<usize>) {
        let clean = self.out.text.len();
        self.out.text.push_str(with);
        self.out
            .map
            .push_replace(clean, with.len(), self.base + r.start, r.len());
    }

    /// Copies `r`, repairing a combining mark that extraction separated from its letter by
    /// a space or a punctuation mark ("Andrei ̆A." -> "Andreĭ A.", "Tikhvinskii,̆" ->
    /// "Tikhvinskiĭ,").
    fn copy_repairing(&mut self, r: Range<usize>) {
        let s = &self.src[r.clone()];
        // Fast path: combining diacritics U+0300..U+036F are encoded with lead byte CC or CD.
        if !s.bytes().any(|b| b == 0xCC || b == 0xCD) {
            self.copy(r);
            return;
        }
        let mut done = r.start;
        let chars: Vec<(usize, char)> = s.char_indices().map(|(i, c)| (r.start + i, c)).collect();
        for k in 0..chars.len() {
            let (mpos, m) = chars[k];
            if !is_combining(m) || k < 2 {
                continue;
            }
            let (_, gap) = chars[k - 1];
            let (lpos, letter) = chars[k - 2];
            let gap_is_space = gap == ' ';
            let gap_is_punct = matches!(gap, ',' | '.' | ';' | ':' | ')');
            if !(gap_is_space || gap_is_punct) || !letter.is_alphabetic() || lpos < done {
                continue;
            }
            let mend = mpos + m.len_utf8();
            let next = chars.get(k + 1).map(|&(_, c)| c);
            let mut with = String::new();
            match compose(letter, m) {
                Some(c) => with.push(c),
                None => {
                    with.push(letter);
                    with.push(m);
                }
            }
            if gap_is_punct {
                with.push(gap);
            } else if next.is_some_and(|c| !c.is_whitespace()) {
                with.push(' '); // the mark stood where the space was: "ĭ V." not "ĭV."
            }
            self.copy(done..lpos);
            self.replace(&with, lpos..mend);
            done = mend;
        }
        self.copy(done..r.end);
    }
}

fn trim_range(src: &str, r: Range<usize>) -> Range<usize> {
    let line = &src[r.clone()];
    let lead = line.len() - line.trim_start().len();
    let trail = line.len() - line.trim_end().len();
    if lead == line.len() {
        return r.start..r.start;
    }
    r.start + lead..r.end - trail
}

fn trailing_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .take_while(|(_, c)| c.is_alphabetic())
        .last()
        .map_or(s.len(), |(i, _)| i);
    &s[start..]
}

fn leading_word(s: &str) -> &str {
    let end = s
        .char_indices()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Cleans the lines `lines` (ranges into `src`, which starts at absolute offset `base`) into
/// one logical line.
pub fn clean_lines(src: &str, base: usize, lines: &[Range<usize>]) -> Cleaned {
    let mut b = Builder {
        src,
        base,
        out: Cleaned::default(),
    };
    let contents: Vec<Range<usize>> = lines
        .iter()
        .map(|r| trim_range(src, r.clone()))
        .filter(|c| !c.is_empty())
        .collect();
    for (i, c) in contents.iter().enumerate() {
        let Some(next) = contents.get(i + 1) else {
            b.copy_repairing(c.clone());
            break;
        };
        let line = &src[c.clone()];
        let next_line = &src[next.clone()];
        let hyphen_break = line.ends_with('-')
            && line[..line.len() - 1]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic)
            && next_line.chars().next().is_some_and(char::is_alphabetic);
        if hyphen_break {
            let left = trailing_word(&line[..line.len() - 1]);
            let right = leading_word(next_line);
            if keep_hyphen(left, right) {
                b.copy_repairing(c.clone()); // the hyphen stays; the break is dropped
            } else {
                b.copy_repairing(c.start..c.end - 1); // hyphen and break dropped
            }
        } else {
            b.copy_repairing(c.clone());
            // The space stands for the white space between the lines; when the lines are
            // not neighbours (a footnote came between), only for the white space that ends
            // the first line (none when a note is cut out right after a word).
            let gap = &src[c.end..next.start];
            let join_end = if gap.chars().all(char::is_whitespace) {
                next.start
            } else {
                c.end + (gap.len() - gap.trim_start().len())
            };
            b.replace(" ", c.end..join_end);
        }
    }
    b.out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(s: &str) -> Vec<Range<usize>> {
        let mut v = Vec::new();
        let mut start = 0;
        for (i, b) in s.bytes().enumerate() {
            if b == b'\n' {
                v.push(start..i);
                start = i + 1;
            }
        }
        v.push(start..s.len());
        v
    }

    fn clean(s: &str) -> Cleaned {
        clean_lines(s, 0, &lines_of(s))
    }

    #[test]
    fn joins_and_dehyphenates() {
        let c = clean("the negotia-\ntions of the left-\nwing and Russo-\nJapanese \n talks");
        assert_eq!(
            c.text,
            "the negotiations of the left-wing and Russo-Japanese talks"
        );
    }

    #[test]
    fn numbers_keep_hyphen_only_before_units() {
        assert_eq!(
            clean("an eight-\nmonth absence").text,
            "an eight-month absence"
        );
        assert_eq!(clean("rising ten-\nsions").text, "rising tensions");
    }

    #[test]
    fn repairs_torn_diacritics() {
        assert_eq!(clean("Anatolii ̆V. Torkunov").text, "Anatoliĭ V. Torkunov");
        assert_eq!(clean("Tikhvinskii,̆ who").text, "Tikhvinskiĭ, who");
        assert_eq!(clean("Slavinskii ̆ 1994").text, "Slavinskiĭ 1994");
        assert_eq!(clean("Andrei ̆\nA. Gromyko").text, "Andreĭ A. Gromyko");
    }

    #[test]
    fn every_clean_span_maps_back() {
        let raw = "at 6:45 \n p.m. on Sept-\nember 4 by Andrei ̆A.";
        let c = clean(raw);
        assert_eq!(c.text, "at 6:45 p.m. on September 4 by Andreĭ A.");
        let s = c.text.find("6:45").unwrap();
        let e = c.text.find("p.m.").unwrap() + 4;
        let (rs, re) = c.map.span(s, e);
        assert_eq!(&raw[rs..re], "6:45 \n p.m.");
        let s = c.text.find("September").unwrap();
        let (rs, re) = c.map.span(s, s + "September 4".len());
        assert_eq!(&raw[rs..re], "Sept-\nember 4");
        let s = c.text.find("Andreĭ").unwrap();
        let (rs, re) = c.map.span(s, s + "Andreĭ".len());
        assert_eq!(&raw[rs..re], "Andrei ̆");
    }
}
