//! `annals-pipeline`: the whole pipeline on one document — ingest → syntax → time →
//! entities → cite → events — as a library the CLI, the server and the tests share.
//!
//! [`Pipeline::analyze`] takes a document's text and returns everything the store keeps of it
//! ([`DocumentRecord`]: segments, timexes, mentions, citations, references, events with
//! their claims), every offset a byte offset of the input. It never fails: a text it cannot
//! read well yields fewer records, never an error. The per-document steps:
//! 1. blocks ([`annals_ingest::blocks`]) and the document's frame ([`DocFrame`]: heading,
//!    signature, drafting note, PARTICIPANTS list) — who "I" and "we" are;
//! 2. per block: time expressions (the dateline sets the document date and, for a dated
//!    document, the document's own event and the clock of its clauses), mentions,
//!    citations, the parse of each sentence (dated documents), then events
//!    ([`annals_events::extract`]) and a telegram's points ([`DocFrame::points`]);
//! 3. a quotation's events wait for the attribution line that follows it.

use annals_entities::{DocState, Gazetteer, GazetteerError, Linker};
use annals_events::frame::person_named;
use annals_events::{citations, extract, Citation, DocFrame, DocKind, Lexicon};
use annals_ingest::{blocks, sentences, BlockKind, Chunk};
use annals_store::{
    sha256_hex, AmbiguousRecord, CitationRecord, DocumentRecord, EntityRecord, EventRecord,
    MentionRecord, Records, ReferenceRecord, TimexRecord,
};
use annals_time::{Role, Tagger, Timex, TimexType};

/// How a block takes part in temporal tagging.
pub fn role(kind: BlockKind) -> Role {
    match kind {
        BlockKind::Paragraph | BlockKind::Dateline => Role::Narrative,
        BlockKind::Heading | BlockKind::Footnote | BlockKind::Quote => Role::Aside,
        // a reference list's years are citations; its editorial notes are prose
        BlockKind::Reference => Role::Notes,
        BlockKind::Attribution | BlockKind::Furniture => Role::Skip,
    }
}

/// The days a block's dates start on, by offset, for entity linking: dates of the story
/// only (not attributive, not vague).
fn dates_stated(timexes: &[Timex]) -> Vec<(usize, annals_entities::mentions::Span)> {
    timexes
        .iter()
        .filter(|t| !t.attributive && matches!(t.kind, TimexType::Date | TimexType::Time))
        .filter_map(|t| {
            let iv = t.interval?;
            Some((t.start, (iv.start?, iv.end?.yesterday().ok()?)))
        })
        .collect()
}

/// Papers a ministry and its missions send each other: "telegram 2501 from Tokyo" is from
/// the writer's own embassy in Tokyo, not from Japan.
const MISSION_TRAFFIC: &[&str] = &["telegram", "despatch", "dispatch", "airgram", "cable"];

/// Is mention `m` the city of a mission's paper ("telegram 2501 from Tokyo", "despatch 1169
/// from Tokyo", "telegram to Tokyo", "Embtel 366 from Tokyo")? A metonym after "from"/"to"
/// after such a noun (and its number): the place the paper came from or went to, which
/// names no actor.
fn mission_place(text: &str, m: &annals_entities::Mention) -> bool {
    if m.via != annals_entities::Via::Metonym {
        return false;
    }
    let before = &text[..m.start];
    let mut words = before
        .rsplit(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty());
    if !matches!(words.next(), Some("from" | "to")) {
        return false;
    }
    for w in words.take(3) {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        let w = w.strip_suffix('s').unwrap_or(&w);
        if MISSION_TRAFFIC.contains(&w) {
            return true;
        }
        // the paper's number ("2501", "No. 12", "Niact 366") may stand between
        if !(w.chars().any(|c| c.is_ascii_digit()) || w == "no") {
            return false;
        }
    }
    false
}

/// The city of a mission's paper never stands for the city's state, which neither sent nor
/// received it, but for the mission there ("telegram 55 to Tokyo", "Telegram 2632 from
/// Tokyo, April 14": the Embassy in Tokyo, when the gazetteer knows one by that name), else
/// for nobody. The mission is the paper's sender or recipient; where a verb tells the event
/// ("Allison submitted … in telegram 409 from Tokyo") word order may still make the sender
/// a target.
fn missions_for_cities(
    g: &Gazetteer,
    text: &str,
    mentions: Vec<annals_entities::Mention>,
) -> Vec<annals_entities::Mention> {
    mentions
        .into_iter()
        .filter_map(|mut m| {
            if !mission_place(text, &m) {
                return Some(m);
            }
            let mission = g.lookup(&format!("Embassy in {}", &text[m.start..m.end]))?;
            m.entity = mission;
            m.via = annals_entities::Via::Name;
            Some(m)
        })
        .collect()
}

/// The date a dateline states ("Tokyo, August 30, 1956—11 a.m." → 1956-08-30): the
/// document's creation time.
pub fn dateline_date(timexes: &[Timex]) -> Option<jiff::civil::Date> {
    timexes.iter().find_map(|t| {
        (matches!(t.kind, TimexType::Date | TimexType::Time) && t.value.len() >= 10)
            .then(|| annals_time::parse_dct(&t.value).ok())
            .flatten()
    })
}

/// The knowledge the chronology is made with.
#[derive(Clone)]
pub struct Knowledge {
    pub gazetteer: Gazetteer,
    pub linker: Linker,
    pub lexicon: Lexicon,
    /// A fingerprint of it all, with the program version: a change re-extracts every document.
    pub fingerprint: String,
}

impl Knowledge {
    /// The bundled gazetteer and lexicon plus the user's gazetteer files.
    pub fn load(extra: &[std::path::PathBuf]) -> Result<Knowledge, GazetteerError> {
        let mut gazetteer = Gazetteer::builtin();
        let mut fp = String::from(env!("CARGO_PKG_VERSION"));
        for (_, text) in annals_entities::gazetteer::BUILTIN {
            fp.push_str(text);
        }
        fp.push_str(annals_events::lexicon::BUILTIN);
        for p in extra {
            gazetteer.add_file(p)?;
            fp.push_str(&std::fs::read_to_string(p).unwrap_or_default());
        }
        let linker = Linker::new(&gazetteer);
        // built once here, not once per worker that clones the knowledge
        gazetteer.held_roles();
        Ok(Knowledge {
            gazetteer,
            linker,
            lexicon: Lexicon::builtin(),
            fingerprint: sha256_hex(fp.as_bytes()),
        })
    }
}

fn entity_record(g: &Gazetteer, i: usize) -> EntityRecord {
    let e = g.get(i);
    EntityRecord {
        name: e.id.clone(),
        kind: e.kind.as_str().to_string(),
        state: e.state.clone(),
        wikidata: e.wikidata.clone(),
        source: e.source.clone(),
    }
}

/// A citation for the store, at input offsets `a..b`.
fn citation_record(c: &Citation, a: usize, b: usize) -> CitationRecord {
    CitationRecord {
        start: a,
        end: b,
        text: c.text.clone(),
        authors: c.authors.clone(),
        year: c.year.clone(),
        locator: c.locator.clone(),
        key: annals_events::cite::citation_key(c),
    }
}

/// An event for the store, its offsets mapped to the input by `map`.
fn event_record(
    ev: annals_events::Event,
    map: &dyn Fn(usize, usize) -> (usize, usize),
    g: &Gazetteer,
) -> EventRecord {
    EventRecord {
        kind: ev.kind,
        cameo: ev.cameo,
        plover: ev.plover,
        date: ev.date,
        interval: ev.interval.map(|(a, b)| (a.to_string(), b.to_string())),
        date_span: map(ev.date_span.start, ev.date_span.end),
        date_source: ev.date_source.as_str().to_string(),
        trigger: ev.trigger.map(|t| map(t.start, t.end)),
        evidence: map(ev.evidence.start, ev.evidence.end),
        agents: ev.agents.iter().map(|&i| entity_record(g, i)).collect(),
        targets: ev.targets.iter().map(|&i| entity_record(g, i)).collect(),
        negated: ev.negated,
        modality: ev.modality.map(String::from),
        sources: ev.sources,
        summary: ev.summary,
        place: ev.place,
        instrument: ev.instrument.map(|i| entity_record(g, i)),
        distinct: ev.distinct,
        roles: ev.roles,
    }
}

/// The document's frame (who sends it to whom, who converses), from its heading, signature
/// line and drafting note; heading offsets are input offsets. `all` is the document's
/// blocks, or its first ones when it is read a piece at a time; `end` its last ones (the
/// signature is there).
fn document_frame(
    all: &[annals_ingest::Block],
    end: &[annals_ingest::Block],
    k: &mut Knowledge,
) -> Option<DocFrame> {
    // the first block before the dateline (a FRUS heading reads as a paragraph: "49.
    // Memorandum of a Conversation Between …")
    let heading = all
        .iter()
        .take_while(|b| b.kind != BlockKind::Dateline)
        .find(|b| matches!(b.kind, BlockKind::Heading | BlockKind::Paragraph))?;
    let clean = &heading.clean;
    let mut scratch = DocState::default();
    let mentions = k.linker.find(&mut k.gazetteer, &clean.text, &mut scratch);
    let mut frame = DocFrame::read(&clean.text, 0, &mentions, &mut k.gazetteer)?;
    let (hs, he) = clean.map.span(0, clean.text.len());
    frame.heading = hs..he;
    let year = all
        .iter()
        .find(|b| b.kind == BlockKind::Dateline)
        .and_then(|b| year_in(&b.clean.text));
    if let Some(y) = year {
        frame.by_office(&clean.text, y, &k.gazetteer);
    }
    // "2559. Pass Defense." opening a telegram: a copy goes to Defense too
    if frame.kind == DocKind::Telegram {
        // the first paragraph after the dateline and its source note
        let body = all
            .iter()
            .skip_while(|b| b.kind != BlockKind::Dateline)
            .find(|b| b.kind == BlockKind::Paragraph && !b.clean.text.starts_with('['));
        for d in body
            .map(|b| k.linker.routed(first_sentence(&b.clean.text)))
            .unwrap_or_default()
        {
            if !frame.addressees.contains(&d) {
                frame.addressees.push(d);
            }
        }
    }
    // a memorandum of conversation without "Between …" lists them: "PARTICIPANTS", then a
    // short line each ("The Secretary", "FE—Mr. Sebald")
    if frame.kind == DocKind::Conversation && frame.participants.is_empty() {
        let list = all
            .iter()
            .position(|b| b.clean.text.trim().eq_ignore_ascii_case("participants"));
        for b in list.map_or(&all[..0], |i| &all[i + 1..]) {
            if !participant_line(&b.clean.text) {
                break;
            }
            let t = &b.clean.text;
            let mut people: Vec<(usize, usize)> = k
                .linker
                .find(&mut k.gazetteer, t, &mut scratch)
                .into_iter()
                .filter(|m| k.gazetteer.get(m.entity).kind == annals_entities::EntityKind::Person)
                .map(|m| (m.start, m.entity))
                .collect();
            if let Some(y) = year {
                people.extend(annals_entities::Roles::builtin().named_in(
                    &k.gazetteer,
                    t,
                    y,
                    &frame.participants,
                ));
            }
            people.sort_unstable();
            for (_, p) in people {
                if !frame.participants.contains(&p) {
                    frame.participants.push(p);
                }
            }
        }
    }
    // the signature: a short line naming a person ("Allison"), the last of the document or
    // of its letter before the attachments
    let signer = signature_lines(end).find_map(|line| {
        let m = k.linker.find(&mut k.gazetteer, line, &mut scratch);
        person_named(line, &m, &k.gazetteer)
    });
    // "Drafted by Dulles." in the source note: the "I" of a memorandum of conversation
    let drafter = all.iter().take(4).find_map(|b| {
        let t = &b.clean.text;
        let at = t.find("Drafted by ")? + "Drafted by ".len();
        let line = t[at..].split(['.', ';']).next()?;
        let m = k.linker.find(&mut k.gazetteer, line, &mut scratch);
        person_named(line, &m, &k.gazetteer)
    });
    match (frame.kind, signer, drafter) {
        (_, Some(p), _) => frame.signed(p),
        (DocKind::Conversation, None, Some(p)) if frame.participants.contains(&p) => {
            frame.signed(p)
        }
        _ => {}
    }
    Some(frame)
}

/// A paragraph's opening up to its first two full stops ("2559. Pass Defense."), where a
/// telegram's routing instruction stands.
fn first_sentence(text: &str) -> &str {
    let mut stops = text.match_indices(". ").map(|(i, _)| i + 1);
    &text[..stops.nth(1).unwrap_or(text.len())]
}

/// Whether a block is the question of a transcript: it opens with the questioner's label
/// ("Query:", "Question:", "Q:", "Q.") — a press conference's reporters, whose "we" and
/// subjectless clauses are not the document's sender.
fn question_turn(text: &str) -> bool {
    let t = text.trim_start();
    ["Query:", "Question:", "Q:", "Q. "]
        .iter()
        .any(|label| t.starts_with(label))
}

/// The first year (1800–2099) a line writes ("Washington, August 29, 1955").
fn year_in(line: &str) -> Option<i32> {
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|w| w.len() == 4)
        .filter_map(|w| w.parse().ok())
        .find(|y| (1800..2100).contains(y))
}

/// Whether a block after "PARTICIPANTS" still lists people: a short line, or a longer one
/// that is no sentence ("Nobusuke Kishi, Secretary General of the Democratic Party", or a
/// side's whole list run together: "United States The Secretary G—Mr. Murphy …"). The
/// conversation's first sentence ends the list.
fn participant_line(text: &str) -> bool {
    let text = text.trim();
    text.split_whitespace().count() <= 6 || !text.ends_with(['.', '?', '!', ':'])
}

/// The lines that may hold a signature, most likely first: the last block, and in a letter
/// followed by attachments the block after its complimentary close ("Sincerely yours,") or
/// before the first attachment heading. Editor's notes are cut off ("Herbert Hoover, Jr.
/// [Footnote 2: Printed from a copy …]"), and only short lines count.
fn signature_lines(all: &[annals_ingest::Block]) -> impl Iterator<Item = &str> {
    fn text(b: &annals_ingest::Block) -> &str {
        let t = b.clean.text.as_str();
        t[..t.find('[').unwrap_or(t.len())].trim()
    }
    let lines: Vec<&str> = all.iter().map(text).filter(|t| !t.is_empty()).collect();
    let attachment = lines.iter().position(|t| {
        let w = t.split_whitespace().next().unwrap_or("").to_lowercase();
        matches!(w.as_str(), "attachment" | "enclosure" | "annex")
            && t.split_whitespace().count() <= 4
    });
    let close = lines.iter().position(|t| {
        let l = t.to_lowercase();
        l.len() < 30 && (l.ends_with("yours,") || l.ends_with("yours") || l == "respectfully,")
    });
    let mut out = Vec::new();
    out.extend(lines.last().copied());
    out.extend(close.and_then(|i| lines.get(i + 1)).copied());
    out.extend(attachment.and_then(|i| i.checked_sub(1)).map(|i| lines[i]));
    out.into_iter().filter(|t| t.len() < 40)
}

/// Does the sentence have a word that, as a verb, could head an event? Sentences without
/// one are not parsed: their parse would yield nothing. A base form counts only where a verb
/// can stand ("Recommend …", "I agree", "to point out", "would suggest"); after anything
/// else "report", "state", "point" are nouns.
fn may_hold_event(model: &annals_syntax::Model, lexicon: &Lexicon, sentence: &str) -> bool {
    const BEFORE_VERB: &[&str] = &[
        "i",
        "we",
        "you",
        "they",
        "he",
        "she",
        "it",
        "to",
        "not",
        "also",
        "then",
        "would",
        "will",
        "shall",
        "should",
        "may",
        "might",
        "can",
        "could",
        "must",
        "do",
        "did",
        "does",
        "and",
        "please",
        "strongly",
        "therefore",
        "now",
    ];
    // a noun of the lexicon with a date of its own ("Meetings … began in London on June 1"),
    // a dated document ("the note sent to Shigemitsu, April 3")
    if sentence.bytes().any(|b| b.is_ascii_digit())
        && (!lexicon.find(sentence).is_empty() || annals_events::clause::names_document(sentence))
    {
        return true;
    }
    let words: Vec<String> = sentence
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    // a stay ("Dulles was in San Francisco")
    let stay = words
        .windows(2)
        .any(|p| matches!(p[0].as_str(), "was" | "were") && matches!(p[1].as_str(), "in" | "at"));
    // a verb that carries an event noun of the sentence ("left … an informal statement")
    let nouns = std::cell::OnceCell::new();
    let has_noun = || *nouns.get_or_init(|| !lexicon.find(sentence).is_empty());
    stay || words.iter().enumerate().any(|(i, w)| {
        let lemma = model.verb_lemma(w);
        let verb = lemma != *w || i == 0 || BEFORE_VERB.contains(&words[i - 1].as_str());
        let heads = annals_events::clause::could_head(lexicon, &lemma)
            || annals_events::clause::could_carry(&lemma) && lemma != *w && has_noun();
        heads && verb
    })
}

/// The year of the first date a text writes in full ("August 19, 1955"), if any. A day
/// whose year the tagger took from elsewhere ("On September 7, …" before a "since 1951")
/// is not written in full.
fn first_full_date_year(whole: &str) -> Option<i32> {
    let mut scan = Tagger::new();
    // piece by piece (64 KiB, cut at line breaks or spaces), stopping at the first full
    // date: tagging a large document at once held every token and date of it (53 MB for
    // each MB of dense dates)
    annals_ingest::Chunks::with_target("", whole.as_bytes(), 64 << 10)
        .find_map(|c| full_date_year_in(&mut scan, &c.ok()?.text))
}

fn full_date_year_in(scan: &mut Tagger, text: &str) -> Option<i32> {
    scan.tag(text, Role::Narrative).iter().find_map(|t| {
        let v = t.value.as_bytes();
        let full = matches!(t.kind, TimexType::Date)
            && v.len() >= 10
            && v[..4].iter().all(u8::is_ascii_digit)
            && v[4] == b'-'
            && v[5..7].iter().all(u8::is_ascii_digit)
            && v[8..10].iter().all(u8::is_ascii_digit)
            && text[t.start..t.end].contains(&t.value[..4]);
        full.then(|| t.value[..4].parse().ok()).flatten()
    })
}

/// A document longer than this is read a piece of about [`DOC_PIECE`] bytes at a time
/// (cut at blank lines, as `annals segments` reads its input): its blocks, their cleaned
/// text and offset maps are made as the pipeline reaches them, so a build holds the text
/// and a piece, not the text and all of its blocks (about twice the text again). Below it
/// the document's blocks are made at once, which sees page furniture across the whole text.
const WHOLE_DOCUMENT: usize = 8 << 20;
const DOC_PIECE: usize = 2 << 20;
/// How much of the end of a document read in pieces is read early for its signature.
const DOC_TAIL: usize = 64 << 10;

/// The blocks a document's frame is read from: all of them, or the first piece's and the
/// last lines' when it is read a piece at a time ([`WHOLE_DOCUMENT`]).
struct FirstBlocks<'t> {
    blocks: Vec<annals_ingest::Block>,
    continued: Vec<bool>,
    /// The blocks of the last lines (for the signature) of a document read in pieces.
    tail: Option<Vec<annals_ingest::Block>>,
    /// The pieces not yet read (none for a document read whole), and whether the last one
    /// read ended inside a paragraph.
    pieces: Option<(annals_ingest::Chunks<&'t [u8]>, bool)>,
}

impl<'t> FirstBlocks<'t> {
    fn of(text: &'t str) -> FirstBlocks<'t> {
        FirstBlocks::sized(text, WHOLE_DOCUMENT, DOC_PIECE)
    }

    /// [`FirstBlocks::of`] with other sizes than [`WHOLE_DOCUMENT`] and [`DOC_PIECE`].
    fn sized(text: &'t str, whole: usize, piece: usize) -> FirstBlocks<'t> {
        if text.len() <= whole {
            let (blocks, continued) = split_huge(blocks(text, 0));
            return FirstBlocks {
                blocks,
                continued,
                tail: None,
                pieces: None,
            };
        }
        let mut pieces = annals_ingest::Chunks::with_target("", text.as_bytes(), piece);
        let mut open = false;
        let (head, continued) = match pieces.next() {
            Some(Ok(c)) => piece_blocks(&c, &mut open),
            _ => Default::default(),
        };
        // the last lines, from a blank line (else a line start) near the end
        let mut from = text.len().saturating_sub(DOC_TAIL);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let tail = text[from..]
            .find("\n\n")
            .map(|i| from + i + 2)
            .or_else(|| text[from..].find('\n').map(|i| from + i + 1))
            .map(|t| blocks(&text[t..], t));
        FirstBlocks {
            blocks: head,
            continued,
            tail,
            pieces: Some((pieces, open)),
        }
    }

    /// The blocks the signature is read from.
    fn end(&self) -> &[annals_ingest::Block] {
        self.tail.as_deref().unwrap_or(&self.blocks)
    }

    /// Every block of the document in order, these first.
    fn into_all(self) -> DocumentBlocks<'t> {
        DocumentBlocks {
            ready: self.blocks.into_iter().zip(self.continued),
            pieces: self.pieces,
        }
    }
}

/// The blocks of one piece of a document. A piece cut inside a paragraph (a line of
/// megabytes has no blank line to cut at) leaves it `open`: the next piece's first block
/// continues its passage.
fn piece_blocks(c: &Chunk, open: &mut bool) -> (Vec<annals_ingest::Block>, Vec<bool>) {
    let (blocks, mut continued) = split_huge(blocks(&c.text, c.base));
    if let Some(first) = continued.first_mut() {
        *first |= *open;
    }
    // a blank line: a line break, then only spaces up to the piece's last line break
    let spaces: &[char] = &[' ', '\t', '\r'];
    let last_line = c.text.trim_end_matches(spaces).strip_suffix('\n');
    *open = !last_line.is_some_and(|t| t.trim_end_matches(spaces).ends_with('\n'));
    (blocks, continued)
}

/// A document's blocks, each with whether it continues the passage of the one before (see
/// [`split_huge`]), made a piece at a time.
struct DocumentBlocks<'t> {
    ready: std::iter::Zip<std::vec::IntoIter<annals_ingest::Block>, std::vec::IntoIter<bool>>,
    pieces: Option<(annals_ingest::Chunks<&'t [u8]>, bool)>,
}

impl Iterator for DocumentBlocks<'_> {
    type Item = (annals_ingest::Block, bool);

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(b) = self.ready.next() {
                return Some(b);
            }
            let (pieces, open) = self.pieces.as_mut()?;
            let c = pieces.next()?.ok()?;
            let (blocks, continued) = piece_blocks(&c, open);
            self.ready = blocks.into_iter().zip(continued);
        }
    }
}

/// A paragraph longer than [`HUGE_BLOCK`] (a whole file on one line, a table run together)
/// is read as consecutive pieces of about [`BLOCK_PIECE`], cut at sentence starts; the second
/// value says which blocks continue the one before (one passage: its clock carries over).
/// Everything per block — its parse trees, the tagger's tokens, its dates and mentions — is
/// then held for a piece at a time: a 6 MB single line took 918 MB, its pieces 130 MB.
fn split_huge(all: Vec<annals_ingest::Block>) -> (Vec<annals_ingest::Block>, Vec<bool>) {
    if all.iter().all(|b| b.clean.text.len() <= HUGE_BLOCK) {
        let n = all.len();
        return (all, vec![false; n]);
    }
    let (mut out, mut continued) = (Vec::with_capacity(all.len()), Vec::new());
    for b in all {
        if b.clean.text.len() <= HUGE_BLOCK || b.kind != BlockKind::Paragraph {
            out.push(b);
            continued.push(false);
            continue;
        }
        let t = &b.clean.text;
        let mut cuts = vec![0];
        for r in sentences(t) {
            if r.start - cuts.last().copied().unwrap_or(0) >= BLOCK_PIECE {
                cuts.push(r.start);
            }
        }
        cuts.push(t.len());
        for (i, w) in cuts.windows(2).enumerate() {
            let (a, c) = (w[0], w[1]);
            if a >= c {
                continue;
            }
            let map = sub_map(&b.clean.map, a, c);
            let (ra, rc) = b.clean.map.span(a, c);
            out.push(annals_ingest::Block {
                kind: b.kind,
                // the input lines the piece covers
                lines: {
                    // lines are in input order: the piece's are one run of them
                    let lo = b.lines.partition_point(|l| l.end <= ra);
                    let hi = lo + b.lines[lo..].partition_point(|l| l.start < rc);
                    b.lines[lo..hi].to_vec()
                },
                clean: annals_ingest::Cleaned {
                    text: t[a..c].to_string(),
                    map,
                },
            });
            continued.push(i > 0);
        }
    }
    (out, continued)
}

const HUGE_BLOCK: usize = 256 << 10;
const BLOCK_PIECE: usize = 64 << 10;

/// The offset map of the cleaned bytes `a..c`, re-based at `a`.
fn sub_map(map: &annals_ingest::OffsetMap, a: usize, c: usize) -> annals_ingest::OffsetMap {
    let mut out = annals_ingest::OffsetMap::new();
    for p in map.pieces() {
        let (ps, pe) = (p.clean, p.clean + p.clean_len);
        if pe <= a || ps >= c {
            continue;
        }
        if p.clean_len == p.raw_len {
            let (os, oe) = (ps.max(a), pe.min(c));
            out.push_copy(os - a, p.raw + (os - ps), oe - os);
        } else {
            // a replaced run (a joined line break) stays whole in the piece it starts in
            out.push_replace(ps.max(a) - a, pe.min(c) - ps.max(a), p.raw, p.raw_len);
        }
    }
    out
}

/// Parses every sentence of a block that may hold an event (the others get an empty tree).
/// A long block's sentences are parsed on two threads, halves in order: parsing is most of a
/// build, and a document of one huge paragraph would otherwise use one core however many
/// the machine has (a 10 MB single line took 39 s).
fn parse_block<'t>(
    model: &'t annals_syntax::Model,
    lexicon: &Lexicon,
    text: &'t str,
    sents: &[std::ops::Range<usize>],
) -> Vec<annals_syntax::Sentence<'t>> {
    let one = |s: &std::ops::Range<usize>| {
        let span = without_note_mark(text, s);
        if may_hold_event(model, lexicon, &text[span.clone()]) {
            model.parse_sentence(text, span)
        } else {
            annals_syntax::Sentence {
                span,
                tokens: Vec::new(),
            }
        }
    };
    if sents.len() < 64 {
        return sents.iter().map(one).collect();
    }
    let (a, b) = sents.split_at(sents.len() / 2);
    std::thread::scope(|sc| {
        let later = sc.spawn(|| b.iter().map(one).collect::<Vec<_>>());
        let mut v: Vec<_> = a.iter().map(one).collect();
        v.extend(later.join().expect("a parse thread panicked"));
        v
    })
}

/// Words that open the filing sentences of an archive's source note: where the copy is
/// ("[Source: Department of State, Central Files, …"), its classification and handling
/// ("Secret; Niact."), who drafted, cleared, approved it and where it was sent.
const FILING: &[&str] = &[
    "Source",
    "Secret",
    "Top",
    "Confidential",
    "Unclassified",
    "Restricted",
    "Limited",
    "Official",
    "Eyes",
    "Priority",
    "Niact",
    "Drafted",
    "Cleared",
    "Approved",
    "Repeated",
    "Sent",
    "Also",
    "Pouched",
    "Transmitted",
    "Received",
    "No",
    "Initialed",
    "Signed",
    "Copy",
    "Printed",
    "Attached",
    "Enclosure",
];

/// Is this sentence of a source note one of its filing sentences (see [`FILING`])?
fn filing(sentence: &str) -> bool {
    let first = sentence
        .trim_start_matches(|c: char| !c.is_alphabetic())
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    FILING.contains(&first)
}

/// A sentence without the "[Footnote 2: " that opens an editor's note written into the
/// text: the parser should see "In telegram 2487, April 1, Allison reported …".
fn without_note_mark(text: &str, s: &std::ops::Range<usize>) -> std::ops::Range<usize> {
    let t = &text[s.clone()];
    match t
        .strip_prefix("[Footnote")
        .and_then(|r| r.find(": ").map(|i| i + 2))
    {
        Some(i) if i < 16 => s.start + "[Footnote".len() + i..s.end,
        _ => s.clone(),
    }
}

/// The pipeline with its knowledge: one per thread (it learns people found by title as it
/// goes, so it is not shared).
#[derive(Clone)]
pub struct Pipeline {
    knowledge: Knowledge,
    dct: Option<jiff::civil::Date>,
}

impl Pipeline {
    /// A pipeline; `dct` is the document date for every input (else each dateline's).
    pub fn new(knowledge: Knowledge, dct: Option<jiff::civil::Date>) -> Pipeline {
        Pipeline { knowledge, dct }
    }

    /// Everything annals extracts from one document's text, at input offsets. `sha256` is
    /// the store's document key (the text's hash; see `DocumentRecord::sha256`).
    pub fn analyze(&mut self, name: &str, text: &str, sha256: String) -> DocumentRecord {
        let mut records = Records::default();
        let done = self.analyze_in_parts(text, &mut |part, _| records.append(part));
        DocumentRecord {
            name: name.to_string(),
            text: text.to_string(),
            sha256,
            dct: done.dct,
            records,
            warnings: done.warnings,
        }
    }

    /// [`Pipeline::analyze`] that hands the records to `sink` as it goes, a few thousand at
    /// a time (at least [`PART`], at block ends, and the rest at the end), in document
    /// order: what a build holds of a long document is a part, not all its events. With
    /// each part comes what is known of the document so far (its date is known from the
    /// dateline on, before the first part).
    pub fn analyze_in_parts(
        &mut self,
        text: &str,
        sink: &mut dyn FnMut(Records, &Analyzed),
    ) -> Analyzed {
        let mut done = analyze(text, &mut self.knowledge, self.dct, sink);
        if done.dct.is_none() && done.events == 0 {
            // an editorial note without dateline whose narrative dates nothing: say so
            done.warnings.push(
                "no dateline and no dated event: nothing of it is in the chronology (give --dct?)"
                    .to_string(),
            );
        }
        done
    }
}

/// What is known of a document once all its records are out ([`Pipeline::analyze_in_parts`]).
#[derive(Debug, Clone, Default)]
pub struct Analyzed {
    /// The document date: the one given, else the dateline's.
    pub dct: Option<String>,
    /// How many events the document told.
    pub events: usize,
    /// What the reader should know about how the document was read.
    pub warnings: Vec<String>,
}

/// The fewest records handed to the sink at once (a part ends at a block's end).
pub const PART: usize = 4096;

/// Runs the pipeline on one document's text.
fn analyze(
    text: &str,
    k: &mut Knowledge,
    dct: Option<jiff::civil::Date>,
    sink: &mut dyn FnMut(Records, &Analyzed),
) -> Analyzed {
    let mut tagger = Tagger::new();
    tagger.set_dct(dct);
    let mut doc = DocState::default();
    let mut done = Analyzed {
        dct: dct.map(|d| d.to_string()),
        ..Analyzed::default()
    };
    let mut rec = Records::default();
    // hands the records gathered so far to the sink, once there are enough of them
    let mut flush = |rec: &mut Records, done: &mut Analyzed, at_least: usize| {
        if rec.len() >= at_least.max(1) {
            done.events += rec.events.len();
            sink(std::mem::take(rec), done);
        }
    };
    // Quotation events wait for the source line that follows the quotation.
    let mut pending_quote: Vec<EventRecord> = Vec::new();
    let mut ctx = annals_events::Context::default();
    {
        let head = FirstBlocks::of(text);
        let frame = document_frame(&head.blocks, head.end(), k);
        if let Some(f) = &frame {
            ctx.voices = f.voices(&k.gazetteer);
        }
        if dct.is_none() && !head.blocks.iter().any(|b| b.kind == BlockKind::Dateline) {
            // no dateline: dates without a year before the first full date are in its year
            if let Some(y) = first_full_date_year(text) {
                tagger.assume_year(y);
            }
        }
        let mut all = head.into_all().peekable();
        let mut clock_set = false;
        let model = annals_syntax::Model::builtin();
        while let Some((ref block, continued)) = all.next() {
            flush(&mut rec, &mut done, PART);
            let clean = &block.clean;
            let (s, e) = clean.map.span(0, clean.text.len());
            rec.segments.push((block.kind.as_str().to_string(), s, e));
            let map = |a: usize, b: usize| clean.map.span(a, b);
            let raw = |a: usize, b: usize| text[a..b].to_string();
            if block.kind == BlockKind::Reference {
                if let Some((author, year)) = annals_events::cite::parse_reference(&clean.text) {
                    rec.references.push(ReferenceRecord {
                        start: s,
                        end: e,
                        text: clean.text.clone(),
                        author,
                        year,
                    });
                }
                if ctx.document.is_none() {
                    continue;
                }
                // a dated document's list of references names papers of the story: read on
            }
            if block.kind == BlockKind::Attribution {
                if let Some(c) = annals_events::cite::parse_one(&clean.text, 0) {
                    let (a, b) = map(c.start, c.end);
                    rec.citations.push(citation_record(&c, a, b));
                }
                for mut ev in pending_quote.drain(..) {
                    ev.sources.push(clean.text.clone());
                    rec.events.push(ev);
                }
                continue;
            }
            rec.events.append(&mut pending_quote);
            let r = role(block.kind);
            doc.when = tagger.narrative_date();
            let timexes = tagger.tag(&clean.text, r);
            doc.dated = dates_stated(&timexes);
            let mut doc_date = None;
            if block.kind == BlockKind::Dateline && dct.is_none() {
                if let Some(d) = dateline_date(&timexes) {
                    tagger.set_dct(Some(d));
                    done.dct = Some(d.to_string());
                    // the dateline's own value ("April 2, 1955—10 a.m." keeps its hour)
                    let v = timexes
                        .iter()
                        .find(|t| t.value.starts_with(&d.to_string()))
                        .map_or_else(|| d.to_string(), |t| t.value.clone());
                    doc_date = Some((d, v));
                }
            } else if !clock_set && block.kind != BlockKind::Heading {
                doc_date = dct.map(|d| (d, d.to_string()));
            }
            if let Some((d, value)) = doc_date.filter(|_| !clock_set) {
                clock_set = true;
                let clock = annals_events::Clock {
                    value,
                    interval: d.tomorrow().ok().map(|t| (d, t)),
                    source: annals_events::DateSource::Document,
                };
                if let Some(ev) = frame
                    .as_ref()
                    .and_then(|f| f.event(&k.lexicon, &k.gazetteer, &clock))
                {
                    rec.events
                        .push(event_record(ev, &|a, b| (a, b), &k.gazetteer));
                }
                ctx.voices.year = Some(i32::from(d.year()));
                ctx.document = Some(clock);
            }
            for t in &timexes {
                let (a, b) = map(t.start, t.end);
                rec.timexes.push(TimexRecord {
                    start: a,
                    end: b,
                    text: raw(a, b),
                    kind: t.kind.as_str().to_string(),
                    value: t.value.clone(),
                    modifier: t.modifier.map(|m| m.as_str().to_string()),
                    interval: t
                        .interval
                        .and_then(|i| Some((i.start?.to_string(), i.end?.to_string()))),
                    anchor: t
                        .anchor
                        .as_ref()
                        .map(|a| serde_json::to_string(a).unwrap_or_default()),
                });
            }
            if r == Role::Skip || (r == Role::Notes && ctx.document.is_none()) {
                continue;
            }
            let mentions = k.linker.find(&mut k.gazetteer, &clean.text, &mut doc);
            let mentions = missions_for_cities(&k.gazetteer, &clean.text, mentions);
            if block.kind == BlockKind::Dateline && doc.setting.is_none() {
                // the place a document is written in is its state's: "the Foreign Office"
                // of a telegram from Tokyo is Japan's
                doc.setting = mentions.iter().find_map(|m| k.gazetteer.state_of(m.entity));
            }
            for m in &mentions {
                let (a, b) = map(m.start, m.end);
                rec.mentions.push(MentionRecord {
                    start: a,
                    end: b,
                    text: raw(a, b),
                    entity: entity_record(&k.gazetteer, m.entity),
                    via: m.via.as_str().to_string(),
                });
            }
            for u in std::mem::take(&mut doc.unresolved) {
                let (a, b) = map(u.start, u.end);
                rec.ambiguous.push(AmbiguousRecord {
                    start: a,
                    end: b,
                    text: raw(a, b),
                    candidates: u
                        .candidates
                        .iter()
                        .map(|&c| entity_record(&k.gazetteer, c))
                        .collect(),
                });
            }
            // in a dated document, the papers its notes and reference lists date ("A. NSC
            // 5429/5 [Footnote 2: Dated …]", "General Order No. 1 [Footnote 4: Issued …]")
            let papers = match ctx.document {
                Some(_) => annals_events::docref::dated_papers(
                    &clean.text,
                    &timexes,
                    &mentions,
                    &k.gazetteer,
                    &k.lexicon,
                ),
                None => Vec::new(),
            };
            if r == Role::Notes {
                for ev in papers {
                    rec.events.push(event_record(ev, &map, &k.gazetteer));
                }
                continue;
            }
            let cites: Vec<Citation> = citations(&clean.text);
            for c in &cites {
                let (a, b) = map(c.start, c.end);
                rec.citations.push(citation_record(c, a, b));
            }
            let is_frame_heading = frame.as_ref().is_some_and(|f| f.heading == (s..e));
            // an archive's note on its copy ("[Source: … Secret. Drafted by Sebald. Approved by
            // …]") tells how the document was filed — except for the editor's sentences
            // after the filing ones ("Substantive discussions began on August 29.")
            let archival_note = clean.text.starts_with("[Source:");
            if block.kind == BlockKind::Heading
                || is_frame_heading
                || (frame.is_some() && block.kind == BlockKind::Dateline)
            {
                ctx.new_passage();
                continue; // a title dates a period, not an event; a document heading is the
                          // document's own event
            }
            if question_turn(&clean.text) {
                ctx.new_passage();
                continue; // a reporter's question in a transcript tells no act of the
                          // document's voices ("Query: Did Japanese discuss …?")
            }
            let mut sents = sentences(&clean.text);
            if archival_note {
                sents.retain(|s| !filing(&clean.text[s.clone()]));
            }
            // each block is a passage of its own: dates carry over between its sentences only
            // (and into the next piece of a paragraph cut for its size)
            if !continued {
                ctx.new_passage();
            }
            // every sentence that may hold an event is parsed: a dated document's are read
            // clause by clause, a narrative's parse corrects the word-order extractor
            let parses = parse_block(model, &k.lexicon, &clean.text, &sents);
            let input = annals_events::BlockInput {
                text: &clean.text,
                sentences: &sents,
                parses: &parses,
                timexes: &timexes,
                mentions: &mentions,
                citations: &cites,
                quote_source: None,
            };
            // the archive's note is the editor's aside: its dates and people are not the
            // text's ("… in telegram 735 from Tokyo, September 17, suggested …")
            let aside = archival_note.then(|| ctx.aside());
            let mut events = extract(&input, &k.gazetteer, &k.lexicon, &mut ctx);
            if let Some(aside) = aside {
                ctx.resume(aside);
            }
            // a paper's date no event has taken already
            for ev in papers {
                if !events.iter().any(|e| e.date_span == ev.date_span) {
                    events.push(ev);
                }
            }
            // a telegram's numbered points, also those set out as a quotation after a colon
            if let (Some(f), Some(clock), BlockKind::Paragraph | BlockKind::Quote) =
                (&frame, &ctx.document, block.kind)
            {
                f.points(
                    &clean.text,
                    &sents,
                    &mut events,
                    &ctx.voices,
                    (&k.lexicon, &k.gazetteer),
                    clock,
                );
            }
            let is_quote = block.kind == BlockKind::Quote
                && all
                    .peek()
                    .is_some_and(|(n, _)| n.kind == BlockKind::Attribution);
            for ev in events {
                let record = event_record(ev, &map, &k.gazetteer);
                if is_quote {
                    pending_quote.push(record);
                } else {
                    rec.events.push(record);
                }
            }
        }
    }
    rec.events.append(&mut pending_quote);
    flush(&mut rec, &mut done, 0);
    done
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(text: &str, whole: usize, piece: usize) -> Vec<(String, (usize, usize), bool)> {
        FirstBlocks::sized(text, whole, piece)
            .into_all()
            .map(|(b, continued)| {
                let span = b.clean.map.span(0, b.clean.text.len());
                (b.clean.text, span, continued)
            })
            .collect()
    }

    #[test]
    fn a_document_read_in_pieces_has_the_blocks_of_the_whole() {
        let mut text = String::from("Tokyo, May 3, 1955\n\n");
        for i in 0..200 {
            text.push_str(&format!("Paragraph {i} opens here\nand goes on.\n\n"));
        }
        text.push_str("Allison\n");
        let whole = read(&text, usize::MAX, 0);
        assert_eq!(whole.len(), 202);
        assert_eq!(read(&text, 1000, 300), whole);
        // the signature is read from the last lines
        let first = FirstBlocks::sized(&text, 1000, 300);
        assert_eq!(
            first.end().last().map(|b| b.clean.text.as_str()),
            Some("Allison")
        );
        assert!(first.blocks.len() < 20);
    }

    #[test]
    fn a_piece_cut_inside_a_paragraph_continues_its_passage() {
        // one line: pieces cut at spaces, each after the first continuing the passage
        let text = "On May 3 the talks resumed. ".repeat(100);
        let pieces = read(&text, 1000, 300);
        assert!(pieces.len() > 5);
        assert!(!pieces[0].2 && pieces[1..].iter().all(|p| p.2));
        let joined: String = pieces
            .iter()
            .map(|p| &text[p.1 .0..p.1 .1])
            .collect::<Vec<_>>()
            .join(" ");
        assert_eq!(joined, text.trim_end());
    }
}
