//! Segments: the blocks of a document (headings, paragraphs, footnotes, block quotations and
//! their attribution lines, page furniture) and the sentences inside them.
//!
//! The input is text as it comes out of a PDF or an archive export: physical lines, blank
//! lines between blocks, footnotes that interrupt the running text, quotations introduced by
//! a colon and closed by an attribution line ("khrushchev 1979, 1–635"). Block kinds matter
//! downstream: a footnote's dates must not move the narrative clock of the main text, and an
//! attribution line's year is a citation, not a date.

use std::ops::Range;

use crate::clean::{clean_lines, Cleaned};

/// What a block is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BlockKind {
    /// A title, byline or numbered section heading.
    Heading,
    /// The dateline of a letter, memorandum or telegram ("Tokyo, August 30, 1956—11 a.m.").
    Dateline,
    /// Running text.
    Paragraph,
    /// A footnote ("1   On September 8, 1956, ...").
    Footnote,
    /// A block quotation.
    Quote,
    /// The source line under a block quotation ("FRUS 1955–1957, vol. 23, doc. 89").
    Attribution,
    /// Page numbers and other print furniture.
    Furniture,
    /// An entry of the reference list (under a "References" or "Bibliography" heading).
    Reference,
}

impl BlockKind {
    /// A short lowercase name, for output.
    pub fn as_str(self) -> &'static str {
        match self {
            BlockKind::Heading => "heading",
            BlockKind::Dateline => "dateline",
            BlockKind::Paragraph => "paragraph",
            BlockKind::Footnote => "footnote",
            BlockKind::Quote => "quote",
            BlockKind::Attribution => "attribution",
            BlockKind::Furniture => "furniture",
            BlockKind::Reference => "reference",
        }
    }
}

/// A block: its kind, where its lines are in the input, and its cleaned text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// The kind.
    pub kind: BlockKind,
    /// Absolute byte ranges of the block's physical lines (without line terminators). A
    /// paragraph interrupted by a footnote has lines on both sides of it.
    pub lines: Vec<Range<usize>>,
    /// The cleaned text and its offset map.
    pub clean: Cleaned,
}

impl Block {
    /// Absolute byte offset of the block's first line.
    pub fn start(&self) -> usize {
        self.lines.first().map_or(0, |r| r.start)
    }
}

fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end();
    let t = t.trim_end_matches(['”', '"', '’', '\'', ')', ']']);
    t.ends_with(['.', '!', '?', '…'])
}

fn ends_with_colon(s: &str) -> bool {
    s.trim_end().ends_with(':')
}

/// "12", "- 12 -": a page number alone on a line.
fn is_page_number(line: &str) -> bool {
    let t = line
        .trim()
        .trim_matches(|c| c == '-' || c == '–' || c == ' ');
    !t.is_empty() && t.len() <= 4 && t.bytes().all(|b| b.is_ascii_digit())
}

/// "1   On September 8, 1956, ..." — a note number and two or more spaces, or a note number,
/// one space and a capital letter when the block interrupts running text.
fn footnote_number(line: &str) -> Option<(usize, bool)> {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let rest = &line[digits..];
    // any white space counts: PDF extraction writes the gap as an en space (U+2002) as often
    // as as spaces
    let spaces = rest.chars().take_while(|c| c.is_whitespace()).count();
    if spaces == 0 || spaces == rest.chars().count() {
        return None;
    }
    let wide = spaces >= 2 || !rest.starts_with(' ');
    Some((digits, wide))
}

/// "1 The San Francisco Peace Conference and the USSR", "2.1 Results": a numbered heading.
fn is_numbered_heading(text: &str) -> bool {
    let t = text.trim();
    let num = t
        .bytes()
        .take_while(|b| b.is_ascii_digit() || *b == b'.')
        .count();
    if num == 0 || num > 6 || t.len() > 160 || ends_sentence(t) {
        return false;
    }
    let rest = &t[num..];
    rest.starts_with(' ')
        && rest
            .trim_start()
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
        && !rest.starts_with("  ")
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "Tokyo, August 30, 1956—11 a.m.", "Washington, April 7, 1955": a place, a comma, a date.
fn is_dateline(line: &str) -> bool {
    let t = line.trim();
    if t.is_empty() || t.len() > 90 {
        return false;
    }
    let Some(comma) = t.find(", ") else {
        return false;
    };
    let head = &t[..comma];
    if !head.chars().next().is_some_and(char::is_uppercase) || head.split(' ').count() > 4 {
        return false;
    }
    let tail = &t[comma + 2..];
    let has_month = MONTHS.iter().any(|m| tail.contains(m)) || MONTHS.contains(&head);
    let has_year = tail
        .as_bytes()
        .windows(4)
        .any(|w| w.iter().all(u8::is_ascii_digit) && (w[0] == b'1' || w[0] == b'2'));
    has_month && has_year
}

/// Whether a paragraph opens more curly quotations than it closes: a quotation that goes
/// on in the next paragraph. (Straight quotes cannot say which way they face.)
fn leaves_quote_open(text: &str) -> bool {
    text.matches('“').count() > text.matches('”').count()
}

/// Is this single short line the source line under a quotation? ("khrushchev 1979, 1–635",
/// "FRUS 1955–1957, vol. 23, doc. 89", "Article 9 of the Joint Declaration")
fn is_attribution_line(line: &str) -> bool {
    let t = line.trim();
    !t.is_empty()
        && t.len() <= 100
        && !t.ends_with(['.', ':', ';', ',', '!', '?', '”', '"'])
        && !is_numbered_heading(t)
        && !is_page_number(t)
}

/// "References", "Bibliography", "Works Cited", "Sources", "Literature" (with an optional
/// section number).
fn is_reference_heading(line: &str) -> bool {
    let t = line
        .trim()
        .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.')
        .trim()
        .trim_end_matches(':');
    [
        "references",
        "bibliography",
        "works cited",
        "sources",
        "literature",
        "sources and literature",
    ]
    .iter()
    .any(|h| t.eq_ignore_ascii_case(h))
}

/// Most words capitalized: a byline or a title, not a sentence.
fn title_case(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().filter(|w| w.len() > 3).collect();
    let caps = words
        .iter()
        .filter(|w| w.starts_with(char::is_uppercase))
        .count();
    !words.is_empty() && caps * 3 >= words.len() * 2
}

/// Running heads: short lines (not sentences, not list items) that stand alone on a line
/// three times or more in `src` — a journal's title, an author's name at the top of each page.
fn running_heads(src: &str) -> foldhash::HashSet<&str> {
    // foldhash, not SipHash: every line of every document passes here; it is randomly
    // seeded too, so a crafted file cannot make the count quadratic
    let mut counts: foldhash::HashMap<&str, u32> = foldhash::HashMap::default();
    for line in src.lines() {
        let t = line.trim();
        if (4..=80).contains(&t.len())
            && !t.ends_with(['.', ':', ';', ','])
            && t.chars().any(char::is_alphabetic)
        {
            *counts.entry(t).or_default() += 1;
        }
    }
    counts
        .into_iter()
        .filter(|&(_, n)| n >= 3)
        .map(|(t, _)| t)
        .collect()
}

/// Splits `src` (starting at absolute offset `base`) into classified, cleaned blocks.
pub fn blocks(src: &str, base: usize) -> Vec<Block> {
    // 1. physical lines, grouped at blank lines. Page furniture (page numbers, running heads:
    //    the same short line three times or more) is set aside without ending the paragraph
    //    it interrupts.
    let heads = running_heads(src);
    let mut furniture: Vec<Range<usize>> = Vec::new();
    let mut groups: Vec<Vec<Range<usize>>> = Vec::new();
    let mut cur: Vec<Range<usize>> = Vec::new();
    let mut pos = 0;
    let bytes = src.as_bytes();
    while pos <= src.len() {
        let end = memchr::memchr(b'\n', &bytes[pos..]).map_or(src.len(), |i| pos + i);
        let mut line_end = end;
        if line_end > pos && bytes[line_end - 1] == b'\r' {
            line_end -= 1;
        }
        let line = &src[pos..line_end];
        if line.trim().is_empty() {
            if !cur.is_empty() {
                groups.push(std::mem::take(&mut cur));
            }
        } else if is_page_number(line) || heads.contains(line.trim()) {
            furniture.push(pos..line_end);
        } else {
            cur.push(pos..line_end);
        }
        if end == src.len() {
            break;
        }
        pos = end + 1;
    }
    if !cur.is_empty() {
        groups.push(cur);
    }

    // 2. a quotation set off only by indentation after a lead-in ending with ':' starts a
    //    block of its own ("... for decades to come:\n The San Francisco Treaty was ...")
    let mut groups2: Vec<Vec<Range<usize>>> = Vec::with_capacity(groups.len());
    for g in groups {
        let mut cur: Vec<Range<usize>> = Vec::new();
        for (k, r) in g.iter().enumerate() {
            if k > 0
                && ends_with_colon(&src[g[k - 1].clone()])
                && src[r.clone()].starts_with([' ', '\t'])
            {
                groups2.push(std::mem::take(&mut cur));
            }
            cur.push(r.clone());
        }
        groups2.push(cur);
    }
    let groups = groups2;

    // 3. a dateline among the first lines of a document stands alone
    let mut split_groups: Vec<Vec<Range<usize>>> = Vec::with_capacity(groups.len());
    for (gi, g) in groups.into_iter().enumerate() {
        if base == 0 && gi < 3 && g.len() > 1 {
            if let Some(k) = g.iter().position(|r| is_dateline(&src[r.clone()])) {
                if k > 0 {
                    split_groups.push(g[..k].to_vec());
                }
                split_groups.push(vec![g[k].clone()]);
                if k + 1 < g.len() {
                    split_groups.push(g[k + 1..].to_vec());
                }
                continue;
            }
        }
        split_groups.push(g);
    }

    // 4. classify, splitting a footnote from the running text that resumes after it
    let line = |r: &Range<usize>| &src[r.clone()];
    let mut out: Vec<(BlockKind, Vec<Range<usize>>)> = Vec::new();
    for (gi, g) in split_groups.iter().enumerate() {
        let first = line(&g[0]);
        let prev_body_open = out
            .iter()
            .rev()
            .find(|(k, _)| matches!(k, BlockKind::Paragraph | BlockKind::Quote))
            .is_some_and(|(_, ls)| !ends_sentence(line(ls.last().unwrap())));
        if g.len() == 1 && is_page_number(first) {
            out.push((BlockKind::Furniture, g.clone()));
            continue;
        }
        if base == 0 && gi < 3 && g.len() == 1 && is_dateline(first) {
            out.push((BlockKind::Dateline, g.clone()));
            continue;
        }
        let whole: String = g.iter().map(line).collect::<Vec<_>>().join(" ");
        if let Some((_, wide)) = footnote_number(first) {
            if (wide || prev_body_open) && !is_numbered_heading(&whole) {
                // The note runs until a line that follows a finished sentence and starts
                // with indentation (the next page's running text), if any.
                let split = (1..g.len()).find(|&k| {
                    ends_sentence(line(&g[k - 1])) && line(&g[k]).starts_with([' ', '\t'])
                });
                match split {
                    Some(k) => {
                        out.push((BlockKind::Footnote, g[..k].to_vec()));
                        push_continuation(&mut out, g[k..].to_vec(), src);
                    }
                    None => out.push((BlockKind::Footnote, g.clone())),
                }
                continue;
            }
        }
        let title_like =
            gi == 0 || (out.iter().all(|(k, _)| *k == BlockKind::Heading) && title_case(&whole));
        if title_like && g.len() <= 3 && !ends_sentence(&whole) && whole.len() < 200 {
            out.push((BlockKind::Heading, g.clone())); // title, byline
            continue;
        }
        if g.len() == 1 && is_reference_heading(first) {
            out.push((BlockKind::Heading, g.clone()));
            continue;
        }
        if g.len() <= 2 && is_numbered_heading(&whole) {
            out.push((BlockKind::Heading, g.clone()));
            continue;
        }
        if prev_body_open
            && !first.starts_with(char::is_uppercase)
            && out.last().is_some_and(|(k, _)| *k == BlockKind::Footnote)
        {
            push_continuation(&mut out, g.clone(), src);
            continue;
        }
        out.push((BlockKind::Paragraph, g.clone()));
    }

    // 4b. an editor's note written into the middle of a sentence ("an agreement similar to
    //     the Korean Minute [Footnote 5: For text …] would be desirable") is a footnote of
    //     its own, and the sentence reads on across it
    let mut out = carve_inline_notes(src, out);

    // 5. quotations: a block after a lead-in ending with ':', and short source lines after
    //    a quotation
    //    — and of a quotation of several paragraphs, each paragraph that opens with a
    //    quotation mark while the one before left its quotation open (printed style: only
    //    the last paragraph closes it)
    let n = out.len();
    let mut lead_in = false;
    let mut open_quote = false;
    for i in 0..n {
        let (kind, ls) = &out[i];
        match kind {
            BlockKind::Paragraph => {
                let last = line(ls.last().unwrap());
                let first = line(&ls[0]).trim_start();
                let opens = first.starts_with(['“', '"']);
                if lead_in || (open_quote && opens) {
                    let text: String = ls.iter().map(&line).collect();
                    open_quote = opens && leaves_quote_open(&text);
                    out[i].0 = BlockKind::Quote;
                    lead_in = false;
                    continue;
                }
                open_quote = false;
                let prev_quote = out[..i]
                    .iter()
                    .rev()
                    .find(|(k, _)| *k != BlockKind::Footnote && *k != BlockKind::Furniture)
                    .is_some_and(|(k, _)| *k == BlockKind::Quote);
                if prev_quote && ls.len() == 1 && is_attribution_line(last) {
                    out[i].0 = BlockKind::Attribution;
                    continue;
                }
                lead_in = ends_with_colon(last);
            }
            BlockKind::Footnote | BlockKind::Furniture => {}
            _ => lead_in = false,
        }
    }
    // A single short line right after a plain paragraph that itself follows nothing
    // quote-like stays a paragraph; but a short line after a quotation that had no lead-in
    // (a quotation opening with an ellipsis) is still its source line.
    for i in 1..out.len() {
        if out[i].0 == BlockKind::Paragraph && out[i].1.len() == 1 {
            let t = line(&out[i].1[0]);
            let prev = &out[i - 1];
            let prev_text = line(&prev.1[0]).trim_start();
            if prev.0 == BlockKind::Paragraph
                && prev_text.starts_with(['…', '“', '"'])
                && is_attribution_line(t)
                && t.len() < 60
            {
                out[i - 1].0 = BlockKind::Quote;
                out[i].0 = BlockKind::Attribution;
            }
        }
    }

    out.extend(
        furniture
            .into_iter()
            .map(|r| (BlockKind::Furniture, vec![r])),
    );
    // 6. a reference list: everything under a "References" heading, one entry per line
    //    (lines indented under an entry continue it)
    if let Some(h) = out
        .iter()
        .position(|(k, ls)| *k == BlockKind::Heading && is_reference_heading(&src[ls[0].clone()]))
    {
        let tail: Vec<(BlockKind, Vec<Range<usize>>)> = out.drain(h + 1..).collect();
        let mut listing = true;
        for (kind, lines) in tail {
            // the list ends where running prose resumes ("The President has this date
            // approved …" after a memorandum's list of references)
            listing = listing
                && (kind != BlockKind::Paragraph || looks_like_reference(&src[lines[0].clone()]));
            if kind == BlockKind::Furniture || !listing {
                out.push((kind, lines));
                continue;
            }
            for r in lines {
                let continues = src[r.clone()].starts_with([' ', '\t']);
                match out.last_mut() {
                    Some((BlockKind::Reference, ls)) if continues => ls.push(r),
                    _ => out.push((BlockKind::Reference, vec![r])),
                }
            }
        }
    }
    let mut blocks: Vec<Block> = out
        .into_iter()
        .map(|(kind, lines)| {
            let clean = clean_lines(src, base, &lines);
            let lines = lines
                .into_iter()
                .map(|r| base + r.start..base + r.end)
                .collect();
            Block { kind, lines, clean }
        })
        .collect();
    blocks.sort_by_key(Block::start);
    blocks
}

/// Where an editor's note opens in `src[r]` ("[Footnote 5: "): its offset.
fn note_open(src: &str, r: &Range<usize>) -> Option<usize> {
    let line = &src[r.clone()];
    let mut from = 0;
    while let Some(k) = line[from..].find("[Footnote ") {
        let at = from + k;
        let rest = &line[at + "[Footnote ".len()..];
        let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(':') {
            return Some(r.start + at);
        }
        from = at + 1;
    }
    None
}

/// The lines an editor's note opening at `open` (in line `first`) spans, taking the lines
/// after `first` from `rest` (a stack, next line last), and the offset after its closing
/// bracket (none when the block ends first).
fn note_extent(
    src: &str,
    open: usize,
    first: Range<usize>,
    rest: &mut Vec<Range<usize>>,
) -> (Vec<Range<usize>>, Option<usize>) {
    let mut depth = 0usize;
    let mut lines = vec![first];
    loop {
        let cur = lines.last().unwrap().clone();
        let from = if lines.len() == 1 { open } else { cur.start };
        for (k, c) in src[from..cur.end].char_indices() {
            match c {
                '[' => depth += 1,
                ']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return (lines, Some(from + k + 1));
                    }
                }
                _ => {}
            }
        }
        match rest.pop() {
            Some(next) => lines.push(next),
            None => return (lines, None),
        }
    }
}

/// Splits the notes that open mid-sentence out of paragraphs and quotations: the host keeps
/// its lines around the note (the cleaner joins them with one space, as it does across a
/// footnote between pages), the note becomes a footnote block. A note after a finished
/// sentence stays where it is: the sentence splitter already ends it there.
fn carve_inline_notes(
    src: &str,
    blocks: Vec<(BlockKind, Vec<Range<usize>>)>,
) -> Vec<(BlockKind, Vec<Range<usize>>)> {
    let mut out = Vec::with_capacity(blocks.len());
    for (kind, lines) in blocks {
        if !matches!(kind, BlockKind::Paragraph | BlockKind::Quote) {
            out.push((kind, lines));
            continue;
        }
        let mut host: Vec<Range<usize>> = Vec::new();
        let mut notes: Vec<Vec<Range<usize>>> = Vec::new();
        let mut rest: Vec<Range<usize>> = lines.into_iter().rev().collect();
        while let Some(r) = rest.pop() {
            let Some(open) = note_open(src, &r) else {
                host.push(r);
                continue;
            };
            // the host's text before the note: nothing, or a finished sentence, is no host
            let before = if open > r.start {
                src[r.start..open].trim_end()
            } else {
                host.last().map_or("", |h| src[h.clone()].trim_end())
            };
            let finished = before.is_empty() || ends_sentence(before) || before.ends_with(':');
            // a note that dates the paper named right before it ("General Order No. 1
            // [Footnote 4: Issued September 2, 1945.]") is read with the paper: it stays
            let body = src[open..r.end].split_once(": ").map_or("", |(_, b)| b);
            let dates_paper = ["Dated ", "Issued ", "“", "\""]
                .iter()
                .any(|p| body.starts_with(p));
            let finished = finished || dates_paper;
            let (span_lines, close) = note_extent(src, open, r.clone(), &mut rest);
            let last = span_lines.last().unwrap().clone();
            let after_empty =
                close.is_none_or(|c| src[c..last.end].trim().is_empty() && rest.is_empty());
            let Some(close) = close.filter(|_| !finished && !after_empty) else {
                // not carved: the note's lines stay the host's, and what follows the note
                // on its last line is looked at for another note
                match close {
                    Some(c) if c < last.end => {
                        let (done, _) = span_lines.split_at(span_lines.len() - 1);
                        host.extend(done.iter().cloned());
                        let from = if span_lines.len() == 1 {
                            r.start
                        } else {
                            last.start
                        };
                        host.push(from..c);
                        rest.push(c..last.end);
                    }
                    _ => host.extend(span_lines),
                }
                continue;
            };
            let mut note: Vec<Range<usize>> = Vec::new();
            for (k, l) in span_lines.iter().enumerate() {
                let a = if k == 0 { open } else { l.start };
                let b = if k + 1 == span_lines.len() {
                    close
                } else {
                    l.end
                };
                note.push(a..b);
            }
            if open > r.start {
                host.push(r.start..open);
            }
            if close < last.end {
                // what follows the note on its last line may hold another note
                rest.push(close..last.end);
            }
            notes.push(note);
        }
        out.push((kind, host));
        out.extend(notes.into_iter().map(|n| (BlockKind::Footnote, n)));
    }
    out
}

/// Running text that resumes after a footnote: appended to the interrupted block when that
/// block ended mid-sentence, otherwise a paragraph of its own.
fn push_continuation(
    out: &mut Vec<(BlockKind, Vec<Range<usize>>)>,
    lines: Vec<Range<usize>>,
    src: &str,
) {
    let open = out
        .iter_mut()
        .rev()
        .find(|(k, _)| matches!(k, BlockKind::Paragraph | BlockKind::Quote));
    match open {
        Some((_, ls)) if !ends_sentence(&src[ls.last().unwrap().clone()]) => ls.extend(lines),
        _ => out.push((BlockKind::Paragraph, lines)),
    }
}

/// Words whose final period does not end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "a.m", "p.m", "no", "nos", "vol", "vols", "doc", "docs", "p", "pp", "ch", "art", "jr", "sr",
    "mr", "mrs", "ms", "dr", "st", "gen", "lt", "col", "capt", "adm", "gov", "sen", "rep", "e.g",
    "i.e", "cf", "ibid", "op", "ed", "eds", "fig", "u.s", "u.n", "u.k", "u.s.s.r", "ltd", "co",
    "inc", "messrs", "amb", "prof", "rev", "hon", "sec", "dept", "deptel", "embtel", "ca", "c",
    "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "al", "approx", "esp", "pt", "pts", "para", "paras", "par", "sect", "encl",
];

/// Sentence spans (byte ranges) of a cleaned block.
///
/// A sentence ends at `.`, `!`, `?` or `…` (with any closing quotes and brackets after it)
/// followed by white space and an uppercase letter, a digit or an opening quote — unless the
/// period belongs to an abbreviation ("p.m.", "no. 5", "vol. 23", "Jr."), an initial
/// ("John F. Dulles", "Yakov A. Malik") or a number.
/// Does a line open a reference entry: a year early on ("Hara, Kimie. 1998. …"), a letter
/// or number label ("A. NSC 5429/5", "[12]"), or a line too short to be prose?
fn looks_like_reference(line: &str) -> bool {
    let t = line.trim();
    let head: String = t.chars().take(160).collect();
    let year = head.as_bytes().windows(4).enumerate().any(|(i, w)| {
        w.iter().all(u8::is_ascii_digit)
            && matches!(w[0], b'1' | b'2')
            && !head.as_bytes().get(i + 4).is_some_and(u8::is_ascii_digit)
            && !(i > 0 && head.as_bytes()[i - 1].is_ascii_digit())
    });
    let b = t.as_bytes();
    let label = (b.len() > 2 && b[0].is_ascii_uppercase() && b[1] == b'.' && b[2] == b' ')
        || t.starts_with('[');
    year || label || t.split_whitespace().count() < 8
}

pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut start = 0;
    let mut i = 0;
    // square brackets open: an editor's note written into the text ("… 2487. [Footnote 2:
    // In telegram 2487, …(Ibid.)] Despite …") ends its sentence when it closes
    let mut depth = 0usize;
    // round brackets open since a sentence began with one: a citation standing after the
    // sentence it cites ("… April 3. (Ibid.) Text of the note …") is a sentence of its own
    let mut round = 0usize;
    while i < b.len() {
        let c = b[i];
        if c == b'(' && (i == start || round > 0) {
            round += 1;
        } else if c == b')' && round > 0 {
            round -= 1;
            let ws = text[i + 1..].len() - text[i + 1..].trim_start().len();
            let next = text[i + 1 + ws..].chars().next();
            if round == 0 && ws > 0 && next.is_some_and(char::is_uppercase) {
                out.push(start..i + 1);
                start = i + 1 + ws;
                i = start;
                continue;
            }
        }
        if c == b'[' {
            depth += 1;
        } else if c == b']' && depth > 0 {
            depth -= 1;
            let ws = text[i + 1..].len() - text[i + 1..].trim_start().len();
            let next = text[i + 1 + ws..].chars().next();
            if depth == 0 && ws > 0 && next.is_some_and(|n| n.is_uppercase() || n == '[') {
                out.push(start..i + 1);
                start = i + 1 + ws;
                i = start;
                continue;
            }
        }
        let ellipsis = b[i..].starts_with("…".as_bytes());
        if c == b'.' || c == b'!' || c == b'?' || ellipsis {
            let mut j = i + if ellipsis { '…'.len_utf8() } else { 1 };
            let mut closed_citation = false;
            // closing quotes/brackets
            loop {
                let rest = &text[j..];
                if let Some(ch) = rest.chars().next() {
                    if matches!(ch, '"' | '\'' | ')' | ']' | '”' | '’') {
                        if ch == ']' {
                            depth = depth.saturating_sub(1);
                        }
                        if ch == ')' && round > 0 {
                            round -= 1;
                            closed_citation = round == 0;
                        }
                        j += ch.len_utf8();
                        continue;
                    }
                }
                break;
            }
            let ws = text[j..].len() - text[j..].trim_start().len();
            let next = text[j + ws..].chars().next();
            let boundary = ws > 0
                && next.is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '“' | '"' | '(' | '‘' | '[')
                })
                && (closed_citation
                    || !(c == b'.' && !ellipsis && is_abbreviation(text, i, next.unwrap())));
            if boundary || j + ws == b.len() {
                out.push(start..j);
                start = j + ws;
                i = start;
                continue;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    if start < b.len() && !text[start..].trim().is_empty() {
        out.push(start..text.trim_end().len().max(start));
    }
    cap_sentences(text, out)
}

/// Longest sentence handed on, in bytes: a run of text with no sentence end (a table, a
/// list run together) is cut at a clause break or white space, so that the parse and the
/// clause reading of one "sentence" stay bounded.
pub const MAX_SENTENCE: usize = 4096;

fn cap_sentences(text: &str, v: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if v.iter().all(|r| r.len() <= MAX_SENTENCE) {
        return v;
    }
    let mut out = Vec::with_capacity(v.len());
    for r in v {
        let mut a = r.start;
        while r.end - a > MAX_SENTENCE {
            let mut lim = a + MAX_SENTENCE;
            while !text.is_char_boundary(lim) {
                lim -= 1;
            }
            let w = &text[a..lim];
            let cut = w
                .rfind([';', ','])
                .filter(|&i| i > MAX_SENTENCE / 2)
                .map(|i| a + i + 1)
                .or_else(|| w.rfind(' ').filter(|&i| i > 0).map(|i| a + i))
                .unwrap_or(lim);
            out.push(a..cut);
            a = cut + (text[cut..].len() - text[cut..].trim_start().len());
        }
        if a < r.end {
            out.push(a..r.end);
        }
    }
    out
}

fn is_abbreviation(text: &str, dot: usize, next: char) -> bool {
    let before = &text[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|(_, c)| c.is_whitespace() || matches!(c, '(' | '“' | '"' | '['))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    // An initial: one uppercase letter ("F." in "John F. Dulles").
    let mut chars = word.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if c.is_uppercase() {
            return true;
        }
    }
    let lower = word.to_lowercase();
    if ABBREVIATIONS.contains(&lower.as_str()) {
        // "no. 5", "vol. 23", "p.m. On": numbering abbreviations before a digit never end a
        // sentence; "a.m."/"p.m." before a capital can, but in dated prose rarely do.
        let numbering = matches!(
            lower.as_str(),
            "no" | "nos"
                | "vol"
                | "vols"
                | "doc"
                | "p"
                | "pp"
                | "ch"
                | "art"
                | "pt"
                | "pts"
                | "para"
                | "paras"
                | "par"
                | "sect"
                | "encl"
        );
        return !numbering || next.is_ascii_digit() || next.is_uppercase();
    }
    false
}

/// Base letter and combining mark of the precomposed letters the cleaner writes.
fn decompose(c: char) -> Option<(char, char)> {
    Some(match c {
        'ĭ' => ('i', '\u{306}'),
        'Ĭ' => ('I', '\u{306}'),
        'ŭ' => ('u', '\u{306}'),
        'é' => ('e', '\u{301}'),
        'á' => ('a', '\u{301}'),
        'ó' => ('o', '\u{301}'),
        'è' => ('e', '\u{300}'),
        'à' => ('a', '\u{300}'),
        'ō' => ('o', '\u{304}'),
        'ū' => ('u', '\u{304}'),
        'Ō' => ('O', '\u{304}'),
        'Ū' => ('U', '\u{304}'),
        'ë' => ('e', '\u{308}'),
        'ö' => ('o', '\u{308}'),
        'ü' => ('u', '\u{308}'),
        'ä' => ('a', '\u{308}'),
        _ => return None,
    })
}

fn letters(s: &str) -> Vec<char> {
    let mut v = Vec::new();
    for c in s.chars() {
        if c.is_whitespace() {
            continue;
        }
        match decompose(c) {
            Some((a, b)) => v.extend([a, b]),
            None => v.push(c),
        }
    }
    v
}

impl Block {
    /// Proves that the block's cleaned text maps back to `input` (which starts at absolute
    /// offset `base`): copied runs are byte-identical, replaced runs are a line join (white
    /// space → one space) or a diacritic repair (same letters and marks), and the only input
    /// bytes left out are white space at line ends and a line-final hyphen of a split word.
    pub fn verify(&self, input: &str, base: usize) -> Result<(), String> {
        let raw = |a: usize, b: usize| {
            input
                .get(a - base..b - base)
                .ok_or(format!("raw span {a}..{b} is not text"))
        };
        let clean = &self.clean.text;
        let pieces = self.clean.map.pieces();
        let mut clean_at = 0;
        let mut covered: Vec<(usize, usize)> = Vec::new();
        for p in pieces {
            if p.clean != clean_at {
                return Err(format!("clean gap at {clean_at}"));
            }
            clean_at = p.clean + p.clean_len;
            let c = clean
                .get(p.clean..p.clean + p.clean_len)
                .ok_or("clean span not text")?;
            let r = raw(p.raw, p.raw + p.raw_len)?;
            if p.clean_len == p.raw_len && c == r {
                // copy
            } else if c == " " && r.chars().all(char::is_whitespace) {
                // line join
            } else if letters(c)
                .iter()
                .filter(|ch| !matches!(ch, ',' | '.' | ';' | ':' | ')'))
                .eq(letters(r)
                    .iter()
                    .filter(|ch| !matches!(ch, ',' | '.' | ';' | ':' | ')')))
            {
                // diacritic repair
            } else {
                return Err(format!(
                    "piece {p:?}: clean {c:?} does not stand for raw {r:?}"
                ));
            }
            if let Some(last) = covered.last() {
                if p.raw < last.1 {
                    return Err(format!("raw offsets go backwards at {}", p.raw));
                }
            }
            covered.push((p.raw, p.raw + p.raw_len));
        }
        if clean_at != clean.len() {
            return Err("map does not cover the cleaned text".into());
        }
        // every byte of the block's lines that no piece covers is white space or the
        // line-final hyphen of a split word
        for line in &self.lines {
            let text = raw(line.start, line.end)?;
            let trimmed_end = line.start + text.trim_end().len();
            for (i, ch) in text.char_indices() {
                let at = line.start + i;
                if ch.is_whitespace() || covered.iter().any(|&(a, b)| a <= at && at < b) {
                    continue;
                }
                let line_final_hyphen = ch == '-' && at + 1 == trimmed_end;
                if !line_final_hyphen {
                    return Err(format!("input byte {at} ({ch:?}) is lost"));
                }
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        sentences(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn a_run_without_sentence_end_is_cut_at_clause_breaks() {
        // 3,000 list items with commas and no period: pieces of at most MAX_SENTENCE bytes,
        // cut after a comma, covering all the words in order
        let text: String = (0..3000).map(|i| format!("item {i}, ")).collect();
        let v = sentences(&text);
        assert!(v.len() > 1);
        assert!(
            v.iter().all(|r| r.len() <= MAX_SENTENCE),
            "{:?}",
            v.iter().map(|r| r.len()).max()
        );
        assert!(v[..v.len() - 1]
            .iter()
            .all(|r| text[r.clone()].ends_with(',')));
        let words: Vec<&str> = v
            .iter()
            .flat_map(|r| text[r.clone()].split_whitespace())
            .collect();
        assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn a_citation_after_its_sentence_stands_alone() {
        let t = "It was sent April 3. (Ibid.) Text of the note follows. (Ibid., 794.5/4–855) Then more.";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            [
                "It was sent April 3.",
                "(Ibid.)",
                "Text of the note follows.",
                "(Ibid., 794.5/4–855)",
                "Then more."
            ]
        );
    }

    #[test]
    fn bracketed_notes_are_sentences_of_their_own() {
        let t = "Re Embtel 2487. [Footnote 2: In telegram 2487, April 1, Allison reported it. (Ibid., 033.9411/4–155)] Despite caution all papers carry it. [Secret.] Next.";
        let got: Vec<&str> = sentences(t).into_iter().map(|r| &t[r]).collect();
        assert_eq!(
            got,
            [
                "Re Embtel 2487.",
                "[Footnote 2: In telegram 2487, April 1, Allison reported it.",
                "(Ibid., 033.9411/4–155)]",
                "Despite caution all papers carry it.",
                "[Secret.]",
                "Next."
            ]
        );
    }

    #[test]
    fn sentences_survive_abbreviations_and_initials() {
        let t = "At 6:45 p.m. on September 4, 1951, Acheson spoke. Secretary of State John F. \
                 Dulles met Yakov A. Malik (Slavinskii 1994, no. 5, 58). See vol. 23 of FRUS. \
                 Henry Cabot Lodge Jr. was there. “It is over.” He left. For its text, see 6 UST \
                 (pt. 3) 3919 and paras. 4 and 5.";
        assert_eq!(
            sents(t),
            vec![
                "At 6:45 p.m. on September 4, 1951, Acheson spoke.",
                "Secretary of State John F. Dulles met Yakov A. Malik (Slavinskii 1994, no. 5, 58).",
                "See vol. 23 of FRUS.",
                "Henry Cabot Lodge Jr. was there.",
                "“It is over.”",
                "He left.",
                "For its text, see 6 UST (pt. 3) 3919 and paras. 4 and 5.",
            ]
        );
    }

    #[test]
    fn a_note_inside_a_sentence_is_a_footnote_and_the_sentence_reads_across_it() {
        let src = "Your 3385. [Footnote 2: Not declassified.] Mr. McClurkin stated that an agreement similar to the Korean Minute [Footnote 5: For\ntext of the Agreed Minute, see 6 UST 3919.] would be desirable. Re Embtel 2487. [Footnote 2:\nIbid.] Despite caution.\n";
        let bs = blocks(src, 0);
        let texts: Vec<(BlockKind, &str)> =
            bs.iter().map(|b| (b.kind, b.clean.text.as_str())).collect();
        assert_eq!(
            texts,
            [
                (
                    BlockKind::Paragraph,
                    "Your 3385. [Footnote 2: Not declassified.] Mr. McClurkin stated that an \
                     agreement similar to the Korean Minute would be \
                     desirable. Re Embtel 2487. [Footnote 2: Ibid.] Despite caution."
                ),
                (
                    BlockKind::Footnote,
                    "[Footnote 5: For text of the Agreed Minute, see 6 UST 3919.]"
                ),
            ]
        );
        // offsets still point into the input
        let note = &bs[1];
        let (a, b) = note.clean.map.span(0, 12);
        assert_eq!(&src[a..b], "[Footnote 5:");
        for b in &bs {
            b.verify(src, 0).unwrap();
        }
    }

    #[test]
    fn footnote_splits_from_resumed_text() {
        let src = "A Title\n\nIt was absurd to imagine that the rights to the \n\n1   On September 8, 1956, Yoshida said so.\nHe wrote (Wada 1991, 20).\n Kuriles could be transferred.\n";
        let bs = blocks(src, 0);
        let kinds: Vec<_> = bs.iter().map(|b| b.kind).collect();
        // the first block counts as a heading only when it is short and unfinished; here it
        // is running text interrupted by the note
        assert!(kinds.contains(&BlockKind::Footnote));
        let note = bs.iter().find(|b| b.kind == BlockKind::Footnote).unwrap();
        assert!(note.clean.text.ends_with("(Wada 1991, 20)."));
        let body = bs
            .iter()
            .find(|b| b.clean.text.contains("Kuriles"))
            .unwrap();
        assert!(
            body.clean
                .text
                .contains("the rights to the Kuriles could be transferred."),
            "{:?}",
            body.clean.text
        );
    }

    #[test]
    fn a_quotation_of_several_paragraphs_is_quoted_to_its_closing_mark() {
        let src = "Intro text here.\n\nThe aide-mémoire reads as follows:\n\n“The Government believes that the war should end.\n\n“With respect to the territories, the United States regards the agreement as void.”\n\n“This is a new quotation.”\n\nThe two governments made it public.\n";
        let kinds: Vec<_> = blocks(src, 0).iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Quote,
                BlockKind::Quote,
                BlockKind::Paragraph,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn quotation_and_attribution() {
        let src = "Intro text here.\n\nKhrushchev wrote in his memoirs:\n\nWe were often ignored.\nWe were harassed.\n\nkhrushchev 1979, 1–635\n\nThe Kremlin agreed.\n";
        let bs = blocks(src, 0);
        let kinds: Vec<_> = bs.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            vec![
                BlockKind::Paragraph,
                BlockKind::Paragraph,
                BlockKind::Quote,
                BlockKind::Attribution,
                BlockKind::Paragraph
            ]
        );
    }

    #[test]
    fn page_furniture_does_not_split_paragraphs() {
        let src = "POSTWAR RELATIONS\n\nThe talks began in\n12\nPOSTWAR RELATIONS\nLondon in June.\n\nPOSTWAR RELATIONS\n";
        let bs = blocks(src, 0);
        let body: Vec<_> = bs
            .iter()
            .filter(|b| b.kind != BlockKind::Furniture)
            .collect();
        assert_eq!(body.len(), 1);
        assert_eq!(body[0].clean.text, "The talks began in London in June.");
        assert_eq!(
            bs.iter().filter(|b| b.kind == BlockKind::Furniture).count(),
            4
        );
        for b in &bs {
            b.verify(src, 0).unwrap();
        }
    }

    #[test]
    fn reference_list_entries() {
        let src = "Text (Hara 2013, 147).\n\nReferences\n\nHara, Kimie. 2013. Cold War Frontiers.\n   London: Routledge.\nKurusu, Kaoru. 2008. Japan and the UN.\n";
        let bs = blocks(src, 0);
        let refs: Vec<&str> = bs
            .iter()
            .filter(|b| b.kind == BlockKind::Reference)
            .map(|b| b.clean.text.as_str())
            .collect();
        assert_eq!(
            refs,
            vec![
                "Hara, Kimie. 2013. Cold War Frontiers. London: Routledge.",
                "Kurusu, Kaoru. 2008. Japan and the UN."
            ]
        );
    }

    #[test]
    fn dateline_is_recognized() {
        let src = "95. Telegram From the Embassy in Japan to the Department of State\nTokyo, August 30, 1956—11 a.m.\n\nBody text.\n";
        let bs = blocks(src, 0);
        assert_eq!(bs[0].kind, BlockKind::Heading);
        assert_eq!(bs[1].kind, BlockKind::Dateline);
        assert_eq!(bs[1].clean.text, "Tokyo, August 30, 1956—11 a.m.");
    }
}
