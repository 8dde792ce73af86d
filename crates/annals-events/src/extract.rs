//! Event extraction: dated events from the sentences of a block.
//!
//! A sentence yields one event per calendar date it states (a sentence that dates three
//! things — "In April 1949, the North Atlantic Treaty was forged, in August the Soviet Union
//! launched its first nuclear weapon, and in June 1950, the war … erupted" — yields three).
//! Each date owns the stretch of the sentence around it, up to the neighbouring dates; in
//! that stretch the trigger nearest the date gives the type, and entity mentions before and
//! after the trigger give agents and targets. Polarity ("refused to sign", "did not
//! attend") and modality ("would use the right of veto") are read from the words before the
//! trigger. Sources are the citations of the sentence, the source line of a quotation, and an
//! "According to …" opening.

use std::ops::Range;

use annals_entities::{EntityKind, Gazetteer, Mention, Via};
use annals_time::{Timex, TimexType};
use jiff::civil::Date;

use crate::cite::Citation;
use crate::clause::{clause_events, ClauseInput, Clock};
use crate::lexicon::{Frame, Lexicon};

/// How an event's date was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateSource {
    /// A date stated in the sentence.
    Text,
    /// A relative expression resolved against narrative time ("six years later").
    Resolved,
    /// Not dated in its sentence: the date of the event told just before it in the same
    /// passage ("Czechoslovakia and Poland refused to sign the treaty" after the signing).
    Narrative,
    /// From the gazetteer's registry of instruments: "the signing ceremony" of a treaty whose
    /// signing date the registry knows, "three years after the first coming into force".
    Registry,
    /// The date of the document (its dateline or `--dct`): what a telegram or memorandum
    /// reports without a date of its own happened when it was written.
    Document,
}

impl DateSource {
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::Text => "text",
            DateSource::Resolved => "resolved",
            DateSource::Narrative => "narrative",
            DateSource::Registry => "registry",
            DateSource::Document => "document",
        }
    }
}

/// A TIMEX3 value and its calendar interval.
type DateValue = (String, Option<(Date, Date)>);

/// A date as an event gets it: TIMEX3 value, calendar interval, where it came from.
type Dated = (String, Option<(Date, Date)>, DateSource);

/// What carries over from one sentence to the next while extracting a document.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The date of the last event told in the current passage: value and interval.
    last: Option<(String, Option<(Date, Date)>)>,
    /// The instrument named last ("the treaty" refers to it).
    instrument: Option<usize>,
    /// The date of the last event told anywhere in the document.
    doc_last: Option<Date>,
    /// The actors of the last dated event.
    last_actors: Vec<usize>,
    /// The last passage's final date and actors: a new passage that goes on with the same
    /// actors ("Yoshida was not allowed to finish his speech") goes on at that date.
    carry: Option<(DateValue, Vec<usize>)>,
    /// The document's date, when it has one: sentences without a date of their own are read
    /// predicate by predicate on the parse ([`crate::clause`]) and dated by it.
    pub document: Option<crate::clause::Clock>,
    /// Who the document's pronouns are.
    pub voices: crate::clause::Voices,
    /// Inside an editor's footnote written into the running text ("[Footnote 2: In
    /// telegram 2487, April 1, …]"): the text's state outside it, restored at its end.
    outside_note: Option<Aside>,
}

/// What an editor's note beside the text must not change for the text: the passage's date
/// and who "he" is. The note's "In telegram 735, September 17, the Embassy suggested …"
/// neither dates the letter's own sentences after it nor makes the Embassy's man "he".
#[derive(Debug, Clone, Default)]
pub struct Aside {
    last: Option<DateValue>,
    person: Option<usize>,
}

impl Context {
    /// The text's state before a note.
    pub fn aside(&self) -> Aside {
        Aside {
            last: self.last.clone(),
            person: self.voices.last_person,
        }
    }

    /// Back to the text after a note.
    pub fn resume(&mut self, aside: Aside) {
        self.last = aside.last;
        self.voices.last_person = aside.person;
    }
}

/// One block's text and what the earlier stages found in it. Offsets are bytes of `text`.
#[derive(Debug, Clone, Copy)]
pub struct BlockInput<'a> {
    pub text: &'a str,
    pub sentences: &'a [Range<usize>],
    /// The parse of each sentence, in the same order (or none: no clause reading).
    pub parses: &'a [annals_syntax::Sentence<'a>],
    pub timexes: &'a [Timex],
    pub mentions: &'a [Mention],
    pub citations: &'a [Citation],
    /// The source line of a quotation block.
    pub quote_source: Option<&'a str>,
}

impl Context {
    /// A new passage (paragraph, footnote, quotation): dates do not carry over into it, except
    /// through the same actors.
    pub fn new_passage(&mut self) {
        if self.document.is_some() {
            // a dated document's report goes on across its paragraphs ("called on him
            // yesterday morning. … He stressed …" in the next paragraph)
            return;
        }
        if let Some(last) = self.last.take() {
            self.carry = Some((last, std::mem::take(&mut self.last_actors)));
        }
    }
}

/// Which registry date of an instrument.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RegistryDate {
    Signed,
    InForce,
}

fn parse_iso(s: &str) -> Option<Date> {
    s.get(..10)?.parse().ok()
}

/// The registry date an expression refers to: "the signing of the treaty", "its signing",
/// "the first coming into force of the present Treaty". `words` is the expression's text.
fn registry(
    gazetteer: &Gazetteer,
    instrument: Option<usize>,
    words: &str,
) -> Option<(Date, RegistryDate)> {
    let lower = words.to_lowercase();
    let which = if lower.contains("into force") || lower.contains("entry into") {
        RegistryDate::InForce
    } else if lower.contains("sign") {
        RegistryDate::Signed
    } else {
        return None;
    };
    let e = gazetteer.get(instrument?);
    let d = match which {
        RegistryDate::Signed => e.signed.as_deref(),
        RegistryDate::InForce => e.in_force.as_deref(),
    }?;
    Some((parse_iso(d)?, which))
}

/// The instrument whose signing falls in the week after `near`: "the signing ceremony" told
/// right after the conference days, with no treaty named yet.
fn instrument_near(gazetteer: &Gazetteer, near: Option<Date>) -> Option<usize> {
    let near = near?;
    let week = near.checked_add(jiff::Span::new().days(7)).ok()?;
    gazetteer.entities().iter().position(|e| {
        e.kind == EntityKind::Instrument
            && e.signed
                .as_deref()
                .and_then(parse_iso)
                .is_some_and(|d| near <= d && d <= week)
    })
}

/// Instruments named in `text[range]`, the last one first.
fn instrument_in(mentions: &[Mention], gazetteer: &Gazetteer, r: &Range<usize>) -> Option<usize> {
    mentions
        .iter()
        .rev()
        .find(|m| {
            m.start >= r.start
                && m.end <= r.end
                && gazetteer.get(m.entity).kind == EntityKind::Instrument
        })
        .map(|m| m.entity)
}

/// Does the text refer to this instrument without naming it? "the treaty" refers to a
/// treaty, "the declaration" to a declaration; "the signing ceremony" to whichever was named.
fn refers_to(text: &str, gazetteer: &Gazetteer, instrument: usize) -> bool {
    let l = text.to_lowercase();
    let id = gazetteer.get(instrument).id.to_lowercase();
    [
        "treaty",
        "declaration",
        "agreement",
        "charter",
        "convention",
    ]
    .iter()
    .any(|head| l.contains(head) && id.contains(head))
        || l.contains("signing ceremony")
        || l.contains("its signing")
}

/// Does the text refer to an instrument without naming it ("the treaty", "its signing")?
fn refers_to_instrument(text: &str) -> bool {
    let l = text.to_lowercase();
    [
        "treaty",
        "declaration",
        "agreement",
        "signing ceremony",
        "its signing",
        "the signing",
        "convention",
        "charter",
    ]
    .iter()
    .any(|w| l.contains(w))
}

/// A date moved to the registry's: when the event is a signing (or entry into force) of an
/// instrument the text refers to, and the registry date lies inside the date the text gives
/// (or the text gives none of its own), the registry's day is the better date.
fn with_registry(
    value: &str,
    interval: Option<(Date, Date)>,
    source: DateSource,
    clause: &str,
    instrument: Option<usize>,
    gazetteer: &Gazetteer,
) -> Option<Dated> {
    if !refers_to_instrument(clause) && instrument.is_none() {
        return None;
    }
    // the instrument referred to, or else one signed in the week from this date
    let near = interval.map(|(a, _)| a);
    [instrument, instrument_near(gazetteer, near)]
        .into_iter()
        .find_map(|i| {
            let (d, _) = registry(gazetteer, i, clause)?;
            registry_fits(value, interval, source, d)
        })
}

/// Is the trigger at `tr` part of a bracketed locator with the date at `date`: "in his
/// address (8th Plenary Session, September 7, 1951)" — the bracket dates the noun before it;
/// the session is where the address was given, not the act.
fn locator(text: &str, s: &Range<usize>, date: Range<usize>, tr: Range<usize>) -> bool {
    let Some(open) = text[s.start..date.start].rfind('(').map(|k| s.start + k) else {
        return false;
    };
    if text[open..date.start].contains(')') {
        return false;
    }
    let Some(close) = text[date.end..s.end].find(')').map(|k| date.end + k) else {
        return false;
    };
    open < tr.start && tr.end <= close
}

/// The words of `region` that may name the instrument an event of `kind` is dated by: a
/// refusal or a boycott is of what follows its trigger closely ("refused to sign the
/// treaty", "did not recognize the San Francisco Peace Treaty"), not of an instrument the
/// sentence names further on ("did not consider the reasons …, which included that China had
/// signed documents with the Allies").
fn registry_clause(
    text: &str,
    kind: &str,
    trigger: Option<&Range<usize>>,
    region: Range<usize>,
) -> Range<usize> {
    const REACH: usize = 6; // words after the trigger
    let Some(tr) = trigger.filter(|_| matches!(kind, "reject" | "boycott")) else {
        return region;
    };
    let start = tr.start.clamp(region.start, region.end);
    let after = tr.end.clamp(start, region.end);
    let end = text[after..region.end]
        .match_indices(' ')
        .nth(REACH)
        .map_or(region.end, |(k, _)| after + k);
    start..end
}

/// Whether registry date `d` may replace the date a text gives: it lies inside it (and the
/// text's is coarser than a day), or the text's date was only carried over from the passage
/// and the registry date is within a week after it.
fn registry_fits(
    value: &str,
    interval: Option<(Date, Date)>,
    source: DateSource,
    d: Date,
) -> Option<Dated> {
    let inside = interval.is_some_and(|(a, b)| a <= d && d < b);
    let coarse = value.len() < 10;
    if (source == DateSource::Narrative
        && interval.is_some_and(|(a, b)| {
            a <= d && d < b.checked_add(jiff::Span::new().days(7)).unwrap_or(b)
        }))
        || (inside && coarse)
    {
        return Some((
            d.to_string(),
            Some((d, d.tomorrow().ok()?)),
            DateSource::Registry,
        ));
    }
    None
}

/// An event. Offsets are bytes of the block's cleaned text.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Event type name (from the lexicon), or "other".
    pub kind: String,
    pub cameo: String,
    pub plover: String,
    /// The trigger word(s), if any.
    pub trigger: Option<Range<usize>>,
    /// The sentence that states the event.
    pub evidence: Range<usize>,
    /// The date expression.
    pub date_span: Range<usize>,
    /// TIMEX3 value of the date.
    pub date: String,
    pub date_source: DateSource,
    /// Calendar interval `[start, end)`.
    pub interval: Option<(Date, Date)>,
    /// Gazetteer indices.
    pub agents: Vec<usize>,
    pub targets: Vec<usize>,
    /// The event is stated as not having happened ("did not recognize", "was absent").
    pub negated: bool,
    /// "would", "could", "threatened to": not asserted as fact.
    pub modality: Option<&'static str>,
    /// Sources: citation texts, a quotation's source line, or an "According to" phrase.
    pub sources: Vec<String>,
    pub summary: String,
    /// Where it happened ("in London", "at the Opera House in San Francisco").
    pub place: Option<String>,
    /// The instrument it is about or under (gazetteer index).
    pub instrument: Option<usize>,
    /// An act of a dated document's own report, read from the parse: never merged with
    /// another telling (two "Hatoyama said" of one day are two turns).
    pub distinct: bool,
    /// How the agents and targets were found, for the reader ("actors: the subject;
    /// targets: the object").
    pub roles: String,
}

impl Event {
    /// The event as one of type `ty` (its name and codes).
    fn retype(&mut self, ty: &crate::lexicon::EventType) {
        (self.kind, self.cameo, self.plover) =
            (ty.name.clone(), ty.cameo.clone(), ty.plover.clone());
    }

    /// An event of type `ty` dated by `clock`, told by `evidence`, its date at `date_span`:
    /// no trigger, participants, polarity or sources yet — each reader sets what it found.
    /// Distinct: acts read off a document are never merged with another telling.
    pub fn new(
        ty: &crate::lexicon::EventType,
        clock: &Clock,
        evidence: Range<usize>,
        date_span: Range<usize>,
    ) -> Event {
        Event {
            kind: ty.name.clone(),
            cameo: ty.cameo.clone(),
            plover: ty.plover.clone(),
            trigger: None,
            evidence,
            date_span,
            date: clock.value.clone(),
            date_source: clock.source,
            interval: clock.interval,
            agents: Vec::new(),
            targets: Vec::new(),
            negated: false,
            modality: None,
            sources: Vec::new(),
            summary: String::new(),
            place: None,
            instrument: None,
            distinct: true,
            roles: String::new(),
        }
    }
}

/// How the word-order extractor finds participants.
const WORD_ORDER: &str = "actors: named before the trigger; targets: named after it (word order)";

/// Is the mention the object of a locative preposition ("in London", "at Geneva")?
fn locative(text: &str, m: &Mention) -> bool {
    let before = text[..m.start].trim_end();
    let before = before.strip_suffix("the").map_or(before, str::trim_end);
    let word = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or("");
    matches!(word, "in" | "In" | "at" | "At" | "near")
}

/// Is the mention where something happened rather than who took part: a capital for its
/// state or a state's name after "in"/"at" ("a meeting in Moscow", "riots in Japan")?
fn place_named(text: &str, m: &Mention, kind: EntityKind) -> bool {
    (m.via == Via::Metonym || kind == EntityKind::State) && locative(text, m)
}

/// The place of an event: the first place, territory or seat of government in the clause
/// that stands after "in" or "at".
fn place_in(
    text: &str,
    mentions: &[Mention],
    gazetteer: &Gazetteer,
    r: &Range<usize>,
) -> Option<String> {
    mentions
        .iter()
        .filter(|m| m.start >= r.start && m.end <= r.end)
        .find_map(|m| {
            let e = gazetteer.get(m.entity);
            let placeish = m.via == Via::Metonym
                || matches!(e.kind, EntityKind::Place | EntityKind::Territory);
            (placeish && locative(text, m)).then(|| {
                if m.via == Via::Metonym {
                    text[m.start..m.end].to_string()
                } else {
                    e.id.clone()
                }
            })
        })
}

/// Who asserts what a sentence says, when it names them: "According to Kubota, …",
/// "Soviet historians claim that …", "Khrushchev wrote in his memoirs …".
pub fn attribution(sentence: &str) -> Option<String> {
    if let Some(rest) = sentence.strip_prefix("According to ") {
        let end = rest.find(',')?;
        return (end < 80).then(|| rest[..end].to_string());
    }
    const VERBS: &[&str] = &[
        " claim ",
        " claimed ",
        " claims ",
        " argue ",
        " argued ",
        " argues ",
        " assert ",
        " asserted ",
        " asserts ",
        " maintain ",
        " maintained ",
        " maintains ",
        " believe ",
        " believed ",
        " believes ",
        " wrote ",
        " writes ",
        " note ",
        " noted ",
        " notes ",
        " describe ",
        " described ",
        " recall ",
        " recalled ",
        " stress ",
        " stressed ",
    ];
    // only the opening of a sentence can name who asserts it
    let head_end = sentence
        .char_indices()
        .nth(90)
        .map_or(sentence.len(), |(i, _)| i);
    let head = &sentence[..head_end];
    if !head.is_ascii() && head.to_lowercase().len() != head.len() {
        return None; // lowercasing changed byte offsets; such openings are rare
    }
    let lower = head.to_lowercase();
    for v in VERBS {
        let Some(i) = lower.find(v) else { continue };
        let subject = sentence[..i].trim();
        let words: Vec<&str> = subject.split_whitespace().collect();
        if words.is_empty() || words.len() > 6 {
            continue;
        }
        let lw = subject.to_lowercase();
        let scholarly = [
            "historians",
            "historiography",
            "scholars",
            "sources",
            "experts",
            "scientists",
            "journalists",
        ]
        .iter()
        .any(|w| lw.contains(w));
        let named = words.iter().any(|w| w.starts_with(char::is_uppercase))
            && !lw.starts_with("it ")
            && !lw.starts_with("this ");
        if scholarly || (named && words.len() <= 3) {
            return Some(subject.trim_start_matches(['(', '“']).to_string());
        }
    }
    None
}

const NEGATIONS: &[&str] = &["not ", "n’t ", "n't ", "never ", "failed to ", "no longer "];
const MODALS: &[(&str, &str)] = &[
    ("would ", "hypothetical"),
    ("could ", "hypothetical"),
    ("might ", "hypothetical"),
    ("threatened to ", "threat"),
    ("planned to ", "intention"),
    ("intended to ", "intention"),
    ("wished to ", "intention"),
    ("hoped to ", "intention"),
    ("was ready to ", "intention"),
    ("were ready to ", "intention"),
];

fn usable(t: &Timex) -> Option<Dated> {
    if t.attributive {
        return None; // "the 1956 Joint Declaration" dates a thing, not an event of the sentence
    }
    match t.kind {
        TimexType::Date | TimexType::Time => {
            if t.value.ends_with("_REF") || t.value.contains('X') {
                return None;
            }
            // a decade or a century dates a period, not an event ("the 1950s were dramatic")
            let plain = t.value.split('/').next().unwrap_or("");
            if plain.len() < 4 && !t.value.contains('/') {
                return None;
            }
            let iv = t.interval.and_then(|i| Some((i.start?, i.end?)));
            Some((t.value.clone(), iv, DateSource::Text))
        }
        TimexType::Duration => {
            let r = t.resolved.clone()?;
            if r.contains('X') {
                return None;
            }
            let iv = interval_of(&r);
            Some((r, iv, DateSource::Resolved))
        }
        TimexType::Set => None,
    }
}

/// The interval of a plain calendar value (YYYY, YYYY-MM, YYYY-MM-DD).
pub fn interval_of(v: &str) -> Option<(Date, Date)> {
    let parts: Vec<&str> = v.split('-').collect();
    let y: i16 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some((Date::new(y, 1, 1).ok()?, Date::new(y + 1, 1, 1).ok()?)),
        2 => {
            let m: i8 = parts[1].parse().ok()?;
            let s = Date::new(y, m, 1).ok()?;
            Some((s, s.checked_add(jiff::Span::new().months(1)).ok()?))
        }
        _ => {
            let m: i8 = parts[1].parse().ok()?;
            let d: i8 = parts[2].get(..2)?.parse().ok()?;
            let s = Date::new(y, m, d).ok()?;
            Some((s, s.tomorrow().ok()?))
        }
    }
}

/// Extracts the events of one block.
pub fn extract(
    block: &BlockInput<'_>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    ctx: &mut Context,
) -> Vec<Event> {
    let BlockInput {
        text,
        sentences,
        parses,
        timexes: _,
        mentions: _,
        citations: _,
        quote_source,
    } = *block;
    let mut triggers = lexicon.find(text);
    triggers.retain(|t| {
        (lexicon.types()[t.ty].name != "statement" || !authorial(text, t.start))
            && !inside_name(text, t)
            && !after_prefix(text, t.start)
    });
    let mut out = Vec::new();
    // events of the sentence before, whose roles the parse may correct
    let mut pending: Option<(usize, usize)> = None;
    let whole = *block;
    let all_triggers = triggers;
    // the subject of a dated narrative sentence, who "he" is from the next sentence on
    // (once the parse has repaired the sentence's own roles, whose "him" is still the one
    // before)
    let mut next_person: Option<usize> = None;
    // the events told before this sentence, whose actors "they" may be
    let mut told = out.len();
    for (si, s) in sentences.iter().enumerate() {
        if let Some((from, sj)) = pending.take() {
            let wb = window_block(&whole, &sentences[sj]);
            repair_roles(&wb, sj, &mut out[from..], gazetteer, lexicon, &ctx.voices);
        }
        if let Some(p) = next_person.take() {
            ctx.voices.last_person = Some(p);
        }
        note_group(&out[told..], gazetteer, &mut ctx.voices);
        told = out.len();
        let wb = window_block(&whole, s);
        let block = &wb;
        let (mentions, citations) = (wb.mentions, wb.citations);
        let triggers: Vec<crate::lexicon::Trigger> = {
            let lo = all_triggers.partition_point(|t| t.start < s.start);
            let hi = lo + all_triggers[lo..].partition_point(|t| t.start < s.end);
            all_triggers[lo..hi].to_vec()
        };
        if ctx.document.is_none() {
            pending = Some((out.len(), si));
        }
        let instrument = instrument_in(mentions, gazetteer, s).or(ctx.instrument);
        let candidates = [ctx.instrument, instrument];
        let dated = dates_of(block, s, &candidates, gazetteer);
        if let (Some(doc), Some(parse)) = (ctx.document.clone(), parses.get(si)) {
            // an archival document: the parse says who acts, the clock when
            document_sentence(
                block, s, parse, &dated, &doc, gazetteer, lexicon, ctx, &mut out,
            );
            if instrument.is_some() {
                ctx.instrument = instrument;
            }
            continue;
        }
        if dated.is_empty() {
            let sentence = &text[s.clone()];
            let lower = sentence.to_lowercase();
            if ctx.last.is_none() {
                if let Some((date, actors)) = &ctx.carry {
                    // the same actor goes on: the story goes on at the same date
                    let first_trigger = triggers
                        .iter()
                        .find(|t| t.start >= s.start && t.end <= s.end)
                        .map_or(s.end, |t| t.start);
                    let continues = mentions
                        .iter()
                        .filter(|m| m.start >= s.start && m.end <= first_trigger)
                        .any(|m| {
                            actors.contains(&m.entity)
                                && gazetteer.get(m.entity).kind == EntityKind::Person
                        });
                    if continues {
                        ctx.last = Some(date.clone());
                    }
                }
            }
            if ctx.last.is_none() && lower.contains("into force") && refers_to_instrument(sentence)
            {
                // "When the treaty entered into force": the registry knows when
                if let Some((rd, _)) = [instrument, ctx.instrument]
                    .into_iter()
                    .find_map(|i| registry(gazetteer, i, sentence))
                {
                    ctx.last = Some((rd.to_string(), Some((rd, rd.tomorrow().unwrap_or(rd)))));
                }
            }
            if ctx.last.is_none() && lower.contains("sign") {
                // no date in the passage yet: a signing can still be dated by the registry
                // the instrument named last, or else the one signed in the days after the
                // last date told
                for inst in [instrument, instrument_near(gazetteer, ctx.doc_last)] {
                    let (Some(i), Some(d)) = (inst, ctx.doc_last) else {
                        continue;
                    };
                    let Some((rd, _)) = registry(gazetteer, Some(i), sentence) else {
                        continue;
                    };
                    if rd >= d
                        && rd.since(d).is_ok_and(|sp| {
                            sp.get_days() <= 7 && sp.get_months() == 0 && sp.get_years() == 0
                        })
                    {
                        ctx.last = Some((rd.to_string(), Some((rd, rd.tomorrow().unwrap_or(rd)))));
                        break;
                    }
                }
            }
            let mut redated: Option<(String, Dated)> = None;
            for mut ev in
                narrative_clauses(block, si, gazetteer, lexicon, ctx).unwrap_or_else(|| {
                    let nouns = fallback_triggers(block, si, &triggers, lexicon);
                    inherited(
                        text,
                        s,
                        &nouns,
                        mentions,
                        citations,
                        quote_source,
                        gazetteer,
                        lexicon,
                        ctx,
                        instrument.or(ctx.instrument),
                    )
                })
            {
                // "Gromyko noted that … He also emphasized that …": one turn
                if let Some(prev) = out.last_mut().filter(|p| {
                    p.kind == "statement"
                        && same_act(p, &ev)
                        && si > 0
                        && p.evidence == sentences[si - 1]
                }) {
                    prev.evidence.end = ev.evidence.end;
                    continue;
                }
                let clause = registry_clause(text, &ev.kind, ev.trigger.as_ref(), s.clone());
                if let Some((v, iv, src)) = with_registry(
                    &ev.date,
                    ev.interval,
                    ev.date_source,
                    &text[clause],
                    instrument,
                    gazetteer,
                ) {
                    if matches!(
                        ev.kind.as_str(),
                        "sign" | "boycott" | "reject" | "enter_into_force" | "ratify"
                    ) {
                        let old = std::mem::replace(&mut ev.date, v.clone());
                        (ev.interval, ev.date_source) = (iv, src);
                        redated = Some((old, (v, iv, src)));
                    }
                } else if let Some((old, (v, iv, src))) = &redated {
                    // "… refused to sign the treaty, and China likewise did not recognize
                    // the document": a later act of the sentence, on the clock it carried,
                    // keeps the day the registry gave the sentence
                    if ev.date == *old && ev.date_source == DateSource::Narrative {
                        (ev.date, ev.interval, ev.date_source) = (v.clone(), *iv, *src);
                    }
                }
                out.push(ev);
            }
            if instrument.is_some() {
                ctx.instrument = instrument;
            }
            continue;
        }
        if let Some(parse) = parses.get(si).filter(|p| !p.tokens.is_empty()) {
            let input = ClauseInput {
                text,
                sentence: parse,
                mentions,
                dates: &[],
            };
            next_person = crate::clause::subject_person(&input, gazetteer, &ctx.voices);
        }
        let sentence = &text[s.clone()];
        let sources = sources_of(text, s, citations, quote_source);
        let mut last_trigger: Option<(usize, String)> = None;
        for (k, (t, (value, interval, source))) in dated.iter().enumerate() {
            // the same date stated twice in a sentence ("on May 3 …, that day"), unless an
            // act is told between them ("exchanged notes on August 19, 1955, and the
            // agreement entered into force that day")
            if k > 0 && dated[k - 1].1 .0 == *value {
                let (a, b) = (dated[k - 1].0.end, t.start);
                if !triggers.iter().any(|tr| tr.start >= a && tr.end <= b) {
                    continue;
                }
            }
            // "Moscow demanded that the conference be convened in July": a date inside what
            // was demanded, proposed or said is content, not another event
            if let Some((tr_end, kind)) = &last_trigger {
                let between = text.get(*tr_end..t.start).unwrap_or("");
                if matches!(
                    kind.as_str(),
                    "demand" | "propose" | "statement" | "agree" | "reject"
                ) && between.contains(" that ")
                {
                    continue;
                }
            }
            // the clause of the date: from the last comma or semicolon before it (after the
            // previous date) to the last one before the next date
            let clause_break = |from: usize, to: usize| {
                let mut from = from.min(to);
                while !text.is_char_boundary(from) {
                    from += 1;
                }
                text[from..to].rfind([',', ';', '—']).map(|i| from + i)
            };
            let region_start = if k == 0 {
                s.start
            } else {
                let prev_end = dated[k - 1].0.end;
                clause_break(prev_end, t.start).unwrap_or(prev_end)
            };
            // a comma right after the date ("on June 10, Moscow demanded") does not end its
            // clause
            let region_end = match dated.get(k + 1) {
                None => s.end,
                Some(n) => clause_break((t.end + 2).min(n.0.start), n.0.start).unwrap_or(n.0.start),
            };
            let parse = parses.get(si).filter(|p| !p.tokens.is_empty());
            let clause_input = parse.map(|p| ClauseInput {
                text,
                sentence: p,
                mentions,
                dates: &[],
            });
            // a trigger of the date's own clause, where the parse tells the clauses apart
            let own_clause = |r: Range<usize>| {
                clause_input.as_ref().is_none_or(|input| {
                    crate::clause::same_clause(input, gazetteer, &(t.start..t.end), &r)
                        .unwrap_or(true)
                })
            };
            let in_region: Vec<_> = triggers
                .iter()
                .filter(|tr| {
                    tr.start >= region_start
                        && tr.end <= region_end
                        && !(tr.start < t.end && t.start < tr.end)
                        && own_clause(tr.start..tr.end)
                        && !locator(text, s, t.start..t.end, tr.start..tr.end)
                })
                .collect();
            // the trigger nearest the date, preferring one after it
            let trigger = in_region
                .iter()
                .min_by_key(|tr| {
                    if tr.start >= t.end {
                        tr.start - t.end
                    } else {
                        2 * (t.start - tr.end) + 1
                    }
                })
                .copied();
            // content dates are told by the words: what the nearest trigger frames
            let word_trigger = trigger.map(|tr| (tr.end, lexicon.types()[tr.ty].name.clone()));
            // the verb whose clause the date belongs to, where the parse says so
            let trigger = parses
                .get(si)
                .filter(|p| !p.tokens.is_empty())
                .and_then(|p| {
                    let input = ClauseInput {
                        text,
                        sentence: p,
                        mentions,
                        dates: &[],
                    };
                    crate::clause::date_owner(&input, gazetteer, lexicon, &(t.start..t.end))
                })
                // the owner is the trigger: its type, and the pivot the parse repairs roles on
                .map(|(ty, span)| crate::lexicon::Trigger {
                    start: span.start,
                    end: span.end,
                    ty,
                })
                .or(trigger.copied());
            let (kind, cameo, plover, frame) = match trigger {
                Some(tr) => {
                    let ty = &lexicon.types()[tr.ty];
                    (
                        ty.name.clone(),
                        ty.cameo.clone(),
                        ty.plover.clone(),
                        ty.frame,
                    )
                }
                // an instrument named with its date: its conclusion
                None if t.attributive => (
                    "sign".to_string(),
                    "057".to_string(),
                    "AGREE".to_string(),
                    Frame::AgentTarget,
                ),
                None => (
                    "other".to_string(),
                    String::new(),
                    String::new(),
                    Frame::AgentTarget,
                ),
            };
            if word_trigger.is_some() {
                last_trigger = word_trigger;
            }
            let (mut value, mut interval, mut source) = (value.clone(), *interval, *source);
            if matches!(
                kind.as_str(),
                "sign" | "boycott" | "reject" | "enter_into_force" | "ratify"
            ) {
                let clause = registry_clause(
                    text,
                    &kind,
                    trigger.map(|tr| tr.start..tr.end).as_ref(),
                    region_start..region_end,
                );
                if let Some(r) = with_registry(
                    &value,
                    interval,
                    source,
                    &text[clause],
                    instrument,
                    gazetteer,
                ) {
                    (value, interval, source) = r;
                }
            }
            let pivot = trigger.map_or(t.start, |tr| tr.start);
            let mut agents: Vec<usize> = Vec::new();
            let mut targets: Vec<usize> = Vec::new();
            let push = |v: &mut Vec<usize>, e: usize| {
                if !v.contains(&e) {
                    v.push(e);
                }
            };
            for m in mentions
                .iter()
                .filter(|m| m.start >= region_start && m.end <= region_end)
            {
                // mentions inside a citation are sources, not participants
                if citations
                    .iter()
                    .any(|c| c.start <= m.start && m.end <= c.end)
                {
                    continue;
                }
                let e = gazetteer.get(m.entity);
                if !e.kind.is_actor()
                    || place_named(text, m, e.kind)
                    || voice_only(text, region_start, pivot, m)
                {
                    continue;
                }
                let before = m.end <= pivot || frame == Frame::Patient && m.start < pivot;
                let list = if before || trigger.is_none() {
                    &mut agents
                } else {
                    &mut targets
                };
                push(list, m.entity);
                if e.kind == EntityKind::Person || e.kind == EntityKind::Organization {
                    if let Some(st) = gazetteer.state_of(m.entity) {
                        push(list, st);
                    }
                }
            }
            targets.retain(|x| !agents.contains(x));
            if trigger.is_none() && t.attributive {
                // an instrument's own date tells its conclusion: its signatories concluded
                // it, not the names around ("Japan will be prepared to conclude with any
                // State which signed … the United Nations Declaration of 1 January 1942")
                let signed = named_with_date(text, t, mentions, gazetteer);
                agents = signed
                    .map(|i| signatories(gazetteer, i))
                    .unwrap_or_default();
                targets.clear();
            }
            let (negated, modality) = match trigger {
                Some(tr) => {
                    let from = text[..tr.start]
                        .char_indices()
                        .rev()
                        .nth(40)
                        .map_or(region_start.max(s.start), |(i, _)| i.max(s.start));
                    let window = &text[from..tr.start];
                    let lower = window.to_lowercase();
                    (
                        NEGATIONS.iter().any(|n| lower.contains(n)),
                        MODALS
                            .iter()
                            .find(|(w, _)| lower.contains(w))
                            .map(|(_, m)| *m),
                    )
                }
                None => (false, None),
            };
            if !agents.is_empty() || !targets.is_empty() {
                ctx.last_actors = agents.iter().chain(&targets).copied().collect();
            }
            let event_instrument = instrument_in(mentions, gazetteer, &(region_start..region_end))
                .or_else(|| {
                    matches!(kind.as_str(), "sign" | "ratify" | "enter_into_force")
                        .then_some(instrument)
                        .flatten()
                });
            let mut summary: String = sentence.chars().take(220).collect();
            if summary.len() < sentence.len() {
                summary.push('…');
            }
            out.push(Event {
                kind,
                cameo,
                plover,
                trigger: trigger.map(|tr| tr.start..tr.end),
                evidence: s.clone(),
                date_span: t.start..t.end,
                date: value.clone(),
                date_source: source,
                interval,
                agents,
                targets,
                negated,
                modality,
                sources: sources.clone(),
                summary,
                place: place_in(text, mentions, gazetteer, &(region_start..region_end)),
                instrument: event_instrument,
                distinct: false,
                roles: WORD_ORDER.to_string(),
            });
            // a date told in a relative clause (the parse says so, or ", where …" opens the
            // stretch before it) dates its act, not the story after the sentence
            let before = &text[s.start..t.start];
            let relative = [", where ", ", when ", ", which ", ", who "]
                .iter()
                .filter_map(|w| before.rfind(w).map(|i| i + w.len()))
                .max()
                .is_some_and(|i| !before[i..].contains(','));
            let digression = relative
                || clause_input.as_ref().is_some_and(|input| {
                    crate::clause::in_relative_clause(input, gazetteer, &(t.start..t.end))
                });
            if !digression {
                if let Some((a, _)) = interval {
                    ctx.doc_last = Some(a);
                }
                ctx.last = Some((value, interval));
            }
        }
        if instrument.is_some() {
            ctx.instrument = instrument;
        }
    }
    if let Some((from, sj)) = pending {
        let wb = window_block(&whole, &sentences[sj]);
        repair_roles(&wb, sj, &mut out[from..], gazetteer, lexicon, &ctx.voices);
    }
    if let Some(p) = next_person {
        ctx.voices.last_person = Some(p);
    }
    note_group(&out[told..], gazetteer, &mut ctx.voices);
    out
}

/// The actors of the first of a sentence's events that has two people among them are who
/// "they" are next.
fn note_group(events: &[Event], gazetteer: &Gazetteer, voices: &mut crate::clause::Voices) {
    let people = |e: &Event| {
        e.agents
            .iter()
            .filter(|&&a| gazetteer.get(a).kind == EntityKind::Person)
            .count()
    };
    if let Some(e) = events.iter().find(|e| people(e) >= 2) {
        voices.last_group = e.agents.clone();
    }
}

/// The block as seen from sentence `s`: mentions, timexes and citations that start inside it.
fn window_block<'a>(b: &BlockInput<'a>, s: &Range<usize>) -> BlockInput<'a> {
    fn win<'v, T>(v: &'v [T], st: impl Fn(&T) -> usize, r: &Range<usize>) -> &'v [T] {
        let lo = v.partition_point(|x| st(x) < r.start);
        let hi = lo + v[lo..].partition_point(|x| st(x) < r.end);
        &v[lo..hi]
    }
    BlockInput {
        mentions: win(b.mentions, |m| m.start, s),
        timexes: win(b.timexes, |t| t.start, s),
        citations: win(b.citations, |c| c.start, s),
        ..*b
    }
}

/// Agents and targets from the parse for events the word-order extractor found: where the
/// trigger is a verb whose subject (or by-agent) names an actor, the tree's roles replace
/// the guess from word order ("the Protocol was signed on October 24, 1956, by Ben-Gurion,
/// Pineau and Dean": the signers act).
fn repair_roles(
    block: &BlockInput<'_>,
    si: usize,
    events: &mut [Event],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    voices: &crate::clause::Voices,
) {
    let Some(parse) = block.parses.get(si).filter(|p| !p.tokens.is_empty()) else {
        return;
    };
    let input = ClauseInput {
        text: block.text,
        sentence: parse,
        mentions: block.mentions,
        dates: &[],
    };
    let triggers: Vec<Option<Range<usize>>> = events.iter().map(|e| e.trigger.clone()).collect();
    for ev in events {
        let Some(mut tr) = ev.trigger.clone() else {
            continue;
        };
        let head = crate::clause::governing_verb(&input, lexicon, &tr).or_else(|| {
            // a relative date's reference event: the event is what the date is relative
            // for, unless that is an event of its own already
            crate::clause::anchoring_head(&input, lexicon, &tr)
                .filter(|(_, span)| !triggers.contains(&Some(span.clone())))
        });
        if let Some((ty, span)) = head {
            ev.retype(&lexicon.types()[ty]);
            ev.trigger = Some(span.clone());
            tr = span;
        }
        if ev.kind == "propose" && crate::clause::hands_over_paper(&input, gazetteer, &tr) {
            if let Some(ty) = lexicon.named("statement") {
                ev.retype(ty);
            }
        }
        let roles = crate::clause::roles_at(&input, gazetteer, voices, &tr);
        if roles.is_none() && crate::clause::relative_subject(&input, gazetteer, &tr) {
            // "any State which signed …": the unnamed antecedent acts, not the names before
            ev.agents.clear();
        }
        if roles.is_none() {
            // no named agent: the targets word order found, but only in the trigger's own
            // clause
            if let Some(own) = crate::clause::clause_entities(&input, gazetteer, &tr) {
                ev.targets.retain(|t| own.contains(t));
            }
        }
        if let Some((agents, targets, how)) = roles {
            // the tree's targets where it has some; else the ones word order found
            let targets_how = if targets.is_empty() {
                "named after the trigger (word order)"
            } else {
                ev.targets = targets;
                "the objects and to/with/against obliques"
            };
            ev.targets.retain(|t| !agents.contains(t));
            ev.agents = agents;
            ev.roles = format!("actors: {how}; targets: {targets_how}");
        }
    }
}

/// The dates sentence `s` states that can date an event: calendar dates, dates anchored on
/// an instrument or an event, an instrument's own date; "Around a month later, on June 10"
/// is June 10, "in July or August" one date.
fn dates_of<'b>(
    block: &BlockInput<'b>,
    s: &Range<usize>,
    instruments: &[Option<usize>],
    gazetteer: &Gazetteer,
) -> Vec<(&'b Timex, Dated)> {
    let text = block.text;
    let in_sentence: Vec<&Timex> = block
        .timexes
        .iter()
        .filter(|t| t.start >= s.start && t.end <= s.end)
        .collect();
    let mut dated: Vec<(&Timex, Dated)> = Vec::new();
    for (i, t) in in_sentence.iter().enumerate() {
        let u = usable(t)
            .or_else(|| event_anchored(t, instruments, gazetteer))
            .or_else(|| instrument_date(text, t, block.mentions, gazetteer));
        let Some(u) = u else { continue };
        // "Around a month later, on June 10": the precise date that follows wins
        let next = in_sentence.get(i + 1);
        if u.2 == DateSource::Resolved
            && next.is_some_and(|n| n.start.saturating_sub(t.end) <= 6 && usable(n).is_some())
        {
            continue;
        }
        // "in July or August": a disjunction is one uncertain date, not two events
        if let Some(p) = dated.last() {
            let between = text[p.0.end..t.start].trim();
            if matches!(between, "or" | "and" | ",") || between.is_empty() {
                continue;
            }
        }
        dated.push((t, u));
    }
    dated
}

/// One sentence of a dated document: its clause events (dated by their clause, the passage
/// or the document), an editor's note's clock kept apart, one speaker's run of sentences
/// made one turn.
#[allow(clippy::too_many_arguments)]
fn document_sentence(
    block: &BlockInput<'_>,
    s: &Range<usize>,
    parse: &annals_syntax::Sentence<'_>,
    dated: &[(&Timex, Dated)],
    doc: &Clock,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    ctx: &mut Context,
    out: &mut Vec<Event>,
) {
    let text = block.text;
    let said = text[s.clone()].trim();
    note_people(block, s, parse, gazetteer, &mut ctx.voices);
    // a note's voice is the editor's: its sentences are no turn of the text's speaker (the
    // last sentence of a note goes on the note's own turn: "Allison stressed … However, he
    // also suggested: “…” (Ibid.)]")
    let note_edge =
        said.starts_with("[Footnote") || said.ends_with(']') && ctx.outside_note.is_none();
    if said.starts_with("[Footnote") && ctx.outside_note.is_none() {
        ctx.outside_note = Some(ctx.aside());
        ctx.last = None;
    }
    let dates: Vec<(Range<usize>, Clock)> = dated
        .iter()
        .map(|(t, (value, interval, source))| {
            let clock = Clock {
                value: value.clone(),
                interval: *interval,
                source: *source,
            };
            (t.start..t.end, clock)
        })
        .collect();
    let input = ClauseInput {
        text,
        sentence: parse,
        mentions: block.mentions,
        dates: &dates,
    };
    let found = clause_sentence(&input, gazetteer, lexicon, ctx, doc);
    if said.ends_with(']') {
        if let Some(outside) = ctx.outside_note.take() {
            ctx.resume(outside);
        }
    }
    let sources = sources_of(text, s, block.citations, block.quote_source);
    let block_start = block.sentences.first().map_or(s.start, |f| f.start);
    if cites_the_sentence_before(said) {
        if let Some(prev) = out.last_mut().filter(|p| p.evidence.start >= block_start) {
            cited_by(prev, found, s.end);
            return;
        }
    }
    for mut ev in found {
        // the sentence's sources, then the speaker a reported act is claimed by
        let by = std::mem::replace(&mut ev.sources, sources.clone());
        ev.sources.extend(by);
        // one speaker going on in the same passage is one turn (among the events of the
        // sentence before: the acts a turn reports stand after it, and the turn it went on
        // reaches past its claims)
        let before = out.last().map(|e| e.evidence.start);
        // inside an editor's note, no turn goes on from the text before the note opened
        let in_note = ctx.outside_note.is_some();
        let across_note = |prev: &Event| {
            in_note
                && text
                    .get(prev.evidence.start..s.start)
                    .is_some_and(|between| between.contains("[Footnote"))
        };
        // the speaker's words quoted right after the telling ("In reply, the Department
        // stated … that …. “We are concerned Japanese make and support their own case …”")
        let quoted = said.starts_with('“');
        let turn = out
            .iter_mut()
            .rev()
            .take_while(|prev| before.is_some_and(|b| prev.evidence.end > b))
            .find(|prev| {
                let next_to = text
                    .get(prev.evidence.end..s.start)
                    .is_some_and(|between| between.trim().is_empty());
                !note_edge
                    && !across_note(prev)
                    && (same_turn(prev, &ev, next_to && goes_on(parse, &ev))
                        || next_to && quoted && quotes(prev, &ev))
            });
        match turn {
            Some(prev) => {
                prev.evidence.end = ev.evidence.end;
                // "I stated … I also suggested …": the turn is the stronger act (what a
                // quotation says is what the speech was)
                if prev.kind == "statement" && ev.kind != prev.kind && !quoted {
                    prev.kind = ev.kind;
                    prev.cameo = ev.cameo;
                    prev.plover = ev.plover;
                    prev.trigger = ev.trigger;
                }
            }
            None => out.push(ev),
        }
    }
}

/// A sentence wholly in parentheses ("(Telegram 2027 to Tokyo, April 4; ibid.)"): the
/// editor citing the paper the sentence before reports, not another act.
fn cites_the_sentence_before(said: &str) -> bool {
    said.starts_with('(') && said.trim_end_matches([']', '.', ' ']).ends_with(')')
}

/// Event `prev` as the paper cited after it tells it: its evidence runs on to `end`; the
/// paper's date where `prev` had only the document's, the paper's sender where it had none.
fn cited_by(prev: &mut Event, papers: Vec<Event>, end: usize) {
    prev.evidence.end = end;
    for paper in papers {
        if prev.agents.is_empty() && !paper.agents.is_empty() {
            prev.agents = paper.agents;
            prev.targets = paper.targets;
        }
        if matches!(
            prev.date_source,
            DateSource::Document | DateSource::Narrative
        ) && paper.date_source == DateSource::Text
        {
            prev.date = paper.date;
            prev.interval = paper.interval;
            prev.date_span = paper.date_span;
            prev.date_source = paper.date_source;
        }
    }
}

/// The people a sentence names: who the document has named so far (role nouns prefer
/// them), and, for a sentence not parsed (nothing in it can head an event), its first
/// person is who "he" is next.
fn note_people(
    block: &BlockInput<'_>,
    s: &Range<usize>,
    parse: &annals_syntax::Sentence<'_>,
    gazetteer: &Gazetteer,
    voices: &mut crate::clause::Voices,
) {
    let people = block.mentions.iter().filter(|m| {
        m.start >= s.start && m.end <= s.end && gazetteer.get(m.entity).kind == EntityKind::Person
    });
    for (k, m) in people.enumerate() {
        if k == 0 && parse.tokens.is_empty() {
            voices.last_person = Some(m.entity);
        }
        if !voices.known.contains(&m.entity) {
            voices.known.push(m.entity);
        }
    }
}

/// The clause events of a sentence of a dated document: dated by their own clause, else by
/// the passage's date, else by the document's; a date a main clause states becomes the
/// passage's.
fn clause_sentence(
    input: &ClauseInput<'_>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    ctx: &mut Context,
    doc: &Clock,
) -> Vec<Event> {
    let clock = match &ctx.last {
        Some((value, interval)) => Clock {
            value: value.clone(),
            interval: *interval,
            source: DateSource::Narrative,
        },
        None => doc.clone(),
    };
    let (found, moved) = clause_events(input, gazetteer, lexicon, &mut ctx.voices, &clock);
    if let Some(m) = moved {
        if let Some((a, _)) = m.interval {
            ctx.doc_last = Some(a);
        }
        ctx.last = Some((m.value, m.interval));
    }
    found
}

/// Consecutive sentences of one speaker and one date, in one passage (the date the
/// document's, or stated by the first and carried to the next): one turn — of one
/// act, or of speech that states and then proposes or demands (the turn is then the
/// stronger act).
fn same_turn(prev: &Event, next: &Event, goes_on: bool) -> bool {
    let speech = |k: &str| matches!(k, "statement" | "propose" | "demand");
    let acts = prev.kind == next.kind
        || speech(&prev.kind)
            && speech(&next.kind)
            && (prev.kind == "statement" || next.kind == "statement");
    // both dated by the document, or the next only by the day the first one stated
    // ("Allison submitted … in telegram 409 from Tokyo, August 12. He commented …")
    // — or by the day the story is at, when the next sentence, right after, says its
    // speaker goes on ([`goes_on`]: "I pointed out … I also stated …", "Allison stressed
    // … However, he also suggested …"; but "Hatoyama expressed surprise … In closing
    // Hatoyama again pleaded …" is a new turn, as the archive's readers count it)
    let dated = prev.date_source == DateSource::Document
        && next.date_source == DateSource::Document
        || next.date_span.is_empty() && (!prev.date_span.is_empty() || goes_on);
    dated && acts && same_teller(prev, next)
}

/// Whether event `ev`'s speaker says he goes on from the sentence before: its predicate
/// has "also" ("he also suggested", "I also stated"). Taking every pronoun subject as
/// going on was tried: it joined turns the gold of frus-dev keeps apart.
fn goes_on(parse: &annals_syntax::Sentence<'_>, ev: &Event) -> bool {
    let Some(t) = ev.trigger.as_ref() else {
        return false;
    };
    let Some(i) = parse.tokens.iter().position(|k| k.span.start == t.start) else {
        return false;
    };
    parse
        .children(i)
        .any(|c| parse.tokens[c].deprel == "advmod" && parse.tokens[c].lemma == "also")
}

/// Whether `next`, read from a quotation right after `prev`, is `prev`'s speaker's own words:
/// `prev` a speech act, and `next` of the same teller and date and no date of its own.
fn quotes(prev: &Event, next: &Event) -> bool {
    matches!(prev.kind.as_str(), "statement" | "propose" | "demand")
        && next.date_span.is_empty()
        && same_teller(prev, next)
}

/// The same act going on: same type, agents and date, the next told after the first.
fn same_act(prev: &Event, next: &Event) -> bool {
    prev.kind == next.kind && same_teller(prev, next)
}

/// The same agents on the same date, the next told after the first.
fn same_teller(prev: &Event, next: &Event) -> bool {
    prev.agents == next.agents && prev.date == next.date && prev.evidence.end <= next.evidence.start
}

/// Is mention `m` someone a sentence's words come from, or what they say, not a participant
/// of the act at `pivot`: named in "according to …", or inside a quotation opened after the
/// trigger ("… erupted, which, according to the historian Torkunov, Stalin “believed …”")?
/// A quotation that holds the trigger is the source's own telling: its names take part.
fn voice_only(text: &str, from: usize, pivot: usize, m: &Mention) -> bool {
    let from = from.min(m.start);
    let before = &text[from..m.start];
    let quoted = open_quote(before).is_some_and(|q| from + q > pivot);
    let according = ["according to ", "According to "]
        .iter()
        .filter_map(|w| before.rfind(w))
        .max()
        .is_some_and(|a| !before[a..].contains([',', ';']));
    quoted || according
}

/// Where the quotation still open at the end of `before` opens, if one is.
fn open_quote(before: &str) -> Option<usize> {
    before.rfind('“').filter(|&q| !before[q..].contains('”'))
}

/// The sources of sentence `s`: its citations, a quotation's source line, an "According to".
fn sources_of(
    text: &str,
    s: &Range<usize>,
    citations: &[Citation],
    quote_source: Option<&str>,
) -> Vec<String> {
    citations
        .iter()
        .filter(|c| c.start >= s.start && c.end <= s.end + 2)
        .map(|c| c.text.clone())
        .chain(quote_source.map(String::from))
        .chain(attribution(&text[s.clone()]))
        .collect()
}

/// The date of an instrument, written with its name: "the United Nations Declaration of 1
/// January 1942", "the 1956 Joint Declaration". Such a date is attributive (it names the
/// instrument) but it is still the date of an event: the instrument's conclusion.
fn instrument_date(
    text: &str,
    t: &Timex,
    mentions: &[Mention],
    gazetteer: &Gazetteer,
) -> Option<Dated> {
    if !t.attributive || !matches!(t.kind, TimexType::Date) {
        return None;
    }
    named_with_date(text, t, mentions, gazetteer)?;
    usable(&Timex {
        attributive: false,
        ..t.clone()
    })
}

/// The parties the gazetteer records for instrument `i`, as gazetteer indices.
pub(crate) fn signatories(gazetteer: &Gazetteer, i: usize) -> Vec<usize> {
    let names = &gazetteer.get(i).signatories;
    names.iter().filter_map(|n| gazetteer.index(n)).collect()
}

/// The instrument whose name the date `t` is written with ("the United Nations Declaration
/// of 1 January 1942", "the 1956 Joint Declaration"), as a gazetteer index.
fn named_with_date(
    text: &str,
    t: &Timex,
    mentions: &[Mention],
    gazetteer: &Gazetteer,
) -> Option<usize> {
    mentions
        .iter()
        .find(|m| {
            gazetteer.get(m.entity).kind == EntityKind::Instrument
                && ((m.end <= t.start && text[m.end..t.start].trim() == "of")
                    || (m.start >= t.end && text[t.end..m.start].trim().is_empty()))
        })
        .map(|m| m.entity)
}

/// A duration anchored on an instrument's signing or entry into force ("Fifty years after
/// the signing of the treaty", "three years after the first coming into force of the present
/// Treaty", "a few hours following the signing ceremony"), dated from the registry.
fn event_anchored(t: &Timex, candidates: &[Option<usize>], gazetteer: &Gazetteer) -> Option<Dated> {
    if t.kind != TimexType::Duration {
        return None;
    }
    let Some(annals_time::Anchor::Event { text }) = &t.anchor else {
        return None;
    };
    if !refers_to_instrument(text) {
        return None;
    }
    // the instrument named in the anchor, else the first candidate with the date needed
    let named = gazetteer.entities().iter().position(|e| {
        e.kind == EntityKind::Instrument && e.aliases.iter().any(|a| text.contains(a.as_str()))
    });
    let (base, _) = std::iter::once(named)
        .chain(candidates.iter().copied())
        .find_map(|i| registry(gazetteer, i, text))?;
    // the count and unit from the TIMEX3 value: P50Y, P3Y, PTXH, P6DE
    let v = t.value.trim_start_matches('P').trim_start_matches('T');
    let digits: String = v.chars().take_while(char::is_ascii_digit).collect();
    let unit = &v[digits.len()..];
    let n: i64 = if digits.is_empty() {
        0
    } else {
        digits.parse().ok()?
    };
    let span = match unit.trim_start_matches('X') {
        "Y" => jiff::Span::new().years(n),
        "M" => jiff::Span::new().months(n),
        "W" => jiff::Span::new().weeks(n),
        "D" => jiff::Span::new().days(n),
        "DE" => jiff::Span::new().years(10 * n),
        "H" => jiff::Span::new(), // hours: the same day
        _ => return None,
    };
    if t.modifier.is_some() {
        return None; // "more than six decades after": not a date
    }
    let d = base.checked_add(span).ok()?;
    Some((
        d.to_string(),
        Some((d, d.tomorrow().ok()?)),
        DateSource::Registry,
    ))
}

/// The triggers of sentence `si` the word-order reading may still take when the clause
/// reading found no event in it: not a verb of a relative clause ("one that is still
/// discussed" is no negotiation), not a named war ("Moscow's position on the Korean
/// War", "the early years of the Cold War": a period named, not an event told).
fn fallback_triggers(
    block: &BlockInput<'_>,
    si: usize,
    triggers: &[crate::lexicon::Trigger],
    lexicon: &Lexicon,
) -> Vec<crate::lexicon::Trigger> {
    let s = &block.sentences[si];
    let parse = block.parses.get(si).filter(|p| !p.tokens.is_empty());
    triggers
        .iter()
        .filter(|t| t.start >= s.start && t.end <= s.end)
        .filter(|t| {
            // a verb the parse puts in a relative clause, or below one ("one that is still
            // discussed", "the stage that enabled the delegation to quit"); a trigger in what
            // someone wished or planned ("Moscow wished to use it as a bargaining chip")
            let verb = parse.is_some_and(|p| {
                let Some(mut k) = p
                    .tokens
                    .iter()
                    .position(|k| k.span.start <= t.start && t.start < k.span.end)
                else {
                    return false;
                };
                let is_verb = p.tokens[k].upos == annals_syntax::Upos::VERB;
                for _ in 0..p.tokens.len() {
                    let Some(h) = p.tokens[k].head else {
                        break;
                    };
                    if is_verb && p.tokens[k].deprel == "acl:relcl" {
                        return true;
                    }
                    // a participle that names a thing ("the reasons put forward by Gromyko")
                    if is_verb && p.tokens[k].deprel == "acl" && p.tokens[k].xpos == "VBN" {
                        return true;
                    }
                    let intended = matches!(p.tokens[k].deprel, "xcomp" | "ccomp")
                        && INTENT.contains(&p.tokens[h].lemma.to_lowercase().as_str());
                    if intended {
                        return true;
                    }
                    k = h;
                }
                false
            });
            let word = &block.text[t.start..t.end];
            let named_war =
                lexicon.types()[t.ty].name == "war" && word.contains("War") && t.start > s.start;
            // a paper's wording quoted ("… to quit the conference “in case of objections …”")
            let quoted = open_quote(&block.text[s.start..t.start]).is_some();
            !verb && !named_war && !quoted
        })
        .copied()
        .collect()
}

/// Verbs of what is wanted or planned: what they govern has not happened.
const INTENT: &[&str] = &[
    "wish", "want", "hope", "plan", "intend", "aim", "expect", "prefer", "like",
];

/// The events of a narrative sentence without a date of its own, read on its parse: one
/// per main-clause predicate with a named agent, dated by the passage. None when the
/// sentence was not parsed or its predicates name no agent (the word-order reading then
/// tries its nouns: "riots broke out").
fn narrative_clauses(
    block: &BlockInput<'_>,
    si: usize,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    ctx: &mut Context,
) -> Option<Vec<Event>> {
    let parse = block.parses.get(si).filter(|p| !p.tokens.is_empty())?;
    let (value, interval) = ctx.last.clone()?;
    let clock = crate::clause::Clock {
        value,
        interval,
        source: DateSource::Narrative,
    };
    let input = ClauseInput {
        text: block.text,
        sentence: parse,
        mentions: block.mentions,
        dates: &[],
    };
    let (found, _) =
        crate::clause::clause_events(&input, gazetteer, lexicon, &mut ctx.voices, &clock);
    if found.is_empty() {
        return None;
    }
    let s = &block.sentences[si];
    let sources = sources_of(block.text, s, block.citations, block.quote_source);
    Some(
        found
            .into_iter()
            .map(|mut ev| {
                // a retelling of an act merges with its first telling; what someone said is
                // individuated by what was said: two statements of a day are two
                ev.distinct = ev.kind == "statement";
                ev.date_span = s.start..s.start;
                let by = std::mem::replace(&mut ev.sources, sources.clone());
                ev.sources.extend(by);
                ev
            })
            .collect(),
    )
}

/// Is the trigger a word of a longer proper name ("the War Memorial Opera House", "the
/// Peace Treaty Commission")? A capitalized trigger, not opening its sentence, that a
/// capitalized word follows names a building, a body or a paper, not an event.
fn inside_name(text: &str, t: &crate::lexicon::Trigger) -> bool {
    let word = &text[t.start..t.end];
    if !word.starts_with(|c: char| c.is_uppercase()) {
        return false;
    }
    let before = text[..t.start].trim_end();
    if before.is_empty() || before.ends_with(['.', '!', '?', ':', '“', '"', '(', '[']) {
        return false;
    }
    let after = text[t.end..].trim_start_matches([' ', '\n']);
    after.len() < text.len() - t.end && after.starts_with(|c: char| c.is_uppercase())
}

/// Is the trigger the noun of an adjective made with a prefix ("post-war", "pre-war",
/// "anti-war", "inter-war", "non-aggression pact")? It names a time or a kind, not an act:
/// "the first substantial commitment Japan has made in post-war" is no war. (A
/// "counter-proposal" is still a proposal: only these prefixes.)
pub(crate) fn after_prefix(text: &str, start: usize) -> bool {
    const PREFIXES: &[&str] = &["post-", "pre-", "anti-", "inter-", "non-"];
    ends_with_lead(&lower_before(text, start, 8), PREFIXES)
}

/// Up to `n` bytes of `text` before `at`, lowercased (from a character boundary).
fn lower_before(text: &str, at: usize, n: usize) -> String {
    let mut from = at.saturating_sub(n);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    text[from..at].to_lowercase()
}

/// Does `before` end with one of `leads`, which starts a word there?
fn ends_with_lead(before: &str, leads: &[&str]) -> bool {
    leads.iter().any(|l| {
        before.ends_with(l)
            && before[..before.len() - l.len()]
                .chars()
                .last()
                .is_none_or(|c| !c.is_alphanumeric())
    })
}

/// Is the speech word at `at` the writer's own voice ("it should be noted that", "it was
/// stressed", "as noted above")? The writer's remarks about the story are no event of it.
fn authorial(text: &str, at: usize) -> bool {
    const LEADS: &[&str] = &[
        "it should be ",
        "it must be ",
        "it can be ",
        "it may be ",
        "it is to be ",
        "it will be ",
        "it has been ",
        "it is ",
        "it was ",
        "as ",
        "as has been ",
        "as was ",
        "as is ",
    ];
    let before = lower_before(text, at, 24);
    let before = before.split_whitespace().collect::<Vec<_>>().join(" ") + " ";
    ends_with_lead(&before, LEADS)
}

/// Events in a sentence without a date of its own, dated by the passage. The sentence is
/// split into clauses (", and", ";", ", but"); a clause yields an event when it has a trigger
/// and a named actor before it — or, for violence ("riots", "an attack by activists"), a
/// trigger alone. At most three per sentence.
#[allow(clippy::too_many_arguments)]
fn inherited(
    text: &str,
    s: &Range<usize>,
    triggers: &[crate::lexicon::Trigger],
    mentions: &[Mention],
    citations: &[Citation],
    quote_source: Option<&str>,
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
    ctx: &Context,
    instrument: Option<usize>,
) -> Vec<Event> {
    let Some((date, interval)) = ctx.last.clone() else {
        return Vec::new();
    };
    let sentence = &text[s.clone()];
    let mut cuts = vec![s.start];
    for sep in [", and ", "; ", ", but "] {
        cuts.extend(sentence.match_indices(sep).map(|(i, _)| s.start + i));
    }
    cuts.sort_unstable();
    cuts.push(s.end);
    let sources = sources_of(text, s, citations, quote_source);
    let mut out = Vec::new();
    for w in cuts.windows(2) {
        let clause = w[0]..w[1];
        let in_clause: Vec<_> = triggers
            .iter()
            .filter(|t| t.start >= clause.start && t.end <= clause.end)
            .collect();
        let Some(first) = in_clause.first() else {
            continue;
        };
        let violent = |t: &crate::lexicon::Trigger| {
            matches!(lexicon.types()[t.ty].name.as_str(), "attack" | "war")
        };
        // a list of violent events in one clause: "the lockout ..., the assassination of ..."
        let mut picks = vec![**first];
        for t in in_clause.iter().skip(1) {
            let gap = &text[picks.last().map_or(clause.start, |p| p.end)..t.start];
            if violent(t) && gap.contains(", ") {
                picks.push(**t);
            }
        }
        for tr in picks {
            let ty = &lexicon.types()[tr.ty];
            let mut agents = Vec::new();
            let mut targets = Vec::new();
            for m in mentions
                .iter()
                .filter(|m| m.start >= clause.start && m.end <= clause.end)
            {
                if citations
                    .iter()
                    .any(|c| c.start <= m.start && m.end <= c.end)
                    || !gazetteer.get(m.entity).kind.is_actor()
                    || place_named(text, m, gazetteer.get(m.entity).kind)
                    || voice_only(text, clause.start, tr.start, m)
                {
                    continue;
                }
                let list = if m.end <= tr.start {
                    &mut agents
                } else {
                    &mut targets
                };
                for e in [Some(m.entity), gazetteer.state_of(m.entity)]
                    .into_iter()
                    .flatten()
                {
                    if !list.contains(&e) {
                        list.push(e);
                    }
                }
            }
            targets.retain(|x| !agents.contains(x));
            if agents.is_empty()
                && matches!(ty.name.as_str(), "sign" | "ratify" | "enter_into_force")
            {
                // "the treaty entered into force": its parties, from the registry — only for
                // an instrument the clause names or clearly refers to
                let named = instrument_in(mentions, gazetteer, &clause);
                let referred = named
                    .or(instrument.filter(|&i| refers_to(&text[clause.clone()], gazetteer, i)));
                if let Some(i) = referred {
                    agents.extend(signatories(gazetteer, i));
                }
            }
            if agents.is_empty() && !violent(&tr) && ty.name != "other" {
                continue; // an event without a date of its own needs a named actor before its trigger
            }
            let lower = text[clause.start..tr.start].to_lowercase();
            out.push(Event {
                kind: ty.name.clone(),
                cameo: ty.cameo.clone(),
                plover: ty.plover.clone(),
                trigger: Some(tr.start..tr.end),
                evidence: s.clone(),
                date_span: s.start..s.start,
                date: date.clone(),
                date_source: DateSource::Narrative,
                interval,
                agents,
                targets,
                negated: NEGATIONS.iter().any(|n| lower.contains(n)),
                modality: MODALS
                    .iter()
                    .find(|(w, _)| lower.contains(w))
                    .map(|(_, m)| *m),
                sources: sources.clone(),
                summary: sentence.chars().take(220).collect(),
                place: place_in(text, mentions, gazetteer, &clause),
                instrument: instrument_in(mentions, gazetteer, &clause).or_else(|| {
                    matches!(ty.name.as_str(), "sign" | "ratify" | "enter_into_force")
                        .then_some(instrument)
                        .flatten()
                }),
                distinct: false,
                roles: WORD_ORDER.to_string(),
            });
            if out.len() == 3 {
                return out;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_entities::{DocState, Linker};
    use annals_time::{Role, Tagger};

    #[test]
    fn a_prefixed_adjective_names_no_act() {
        let at = |text: &str, word: &str| after_prefix(text, text.find(word).unwrap());
        assert!(at("the commitment Japan has made in post-war to", "war"));
        assert!(at("a Pre-war treaty", "war"));
        assert!(at("the Soviet non-aggression pact", "aggression"));
        assert!(!at("the war ended", "war"));
        assert!(!at("a counter-proposal of Moscow", "proposal"));
        assert!(!at("the Cold War", "War"));
        // multi-byte text before the word is no panic
        assert!(!at("Kōno’s proposal", "proposal"));
    }

    fn run(text: &str) -> (Vec<Event>, Gazetteer) {
        run_with(text, false)
    }

    /// As [`run`], with every sentence parsed (the narrative of a document without dateline).
    fn run_parsed(text: &str) -> (Vec<Event>, Gazetteer) {
        run_with(text, true)
    }

    fn run_with(text: &str, parsed: bool) -> (Vec<Event>, Gazetteer) {
        let mut g = Gazetteer::builtin();
        let linker = Linker::new(&g);
        let mentions = linker.find(&mut g, text, &mut DocState::default());
        let timexes = Tagger::new().tag(text, Role::Narrative);
        let sentences = annals_ingest::sentences(text);
        let model = annals_syntax::Model::builtin();
        let parses: Vec<_> = match parsed {
            true => sentences
                .iter()
                .map(|s| model.parse_sentence(text, s.clone()))
                .collect(),
            false => Vec::new(),
        };
        let cites = crate::cite::citations(text);
        let input = BlockInput {
            text,
            sentences: &sentences,
            parses: &parses,
            timexes: &timexes,
            mentions: &mentions,
            citations: &cites,
            quote_source: None,
        };
        let ev = extract(&input, &g, &Lexicon::builtin(), &mut Context::default());
        (ev, g)
    }

    #[test]
    fn a_refusal_is_dated_by_the_instrument_it_refuses() {
        let text = "On September 7, 1951, the San Francisco Peace Treaty was debated. \
                    Czechoslovakia and Poland refused to sign the treaty, and not surprisingly \
                    China likewise did not recognize the document. Acheson did not consider \
                    the reasons of Gromyko, which included that China had signed declarations \
                    with the Allies.";
        let (ev, g) = run_parsed(text);
        let of = |who: &str| {
            ev.iter()
                .find(|e| e.kind == "reject" && names(&g, &e.agents).iter().any(|n| n == who))
                .map(|e| e.date.as_str())
        };
        // the signing day the registry knows, for both acts of the sentence
        assert_eq!(of("Poland"), Some("1951-09-08"), "{ev:?}");
        assert_eq!(of("PRC"), Some("1951-09-08"), "{ev:?}");
        // an instrument named far after the trigger is not what was refused
        assert_eq!(of("Dean Acheson"), Some("1951-09-07"), "{ev:?}");
    }

    #[test]
    fn a_bracketed_locator_dates_the_noun_before_it() {
        let (ev, g) = run(
            "Yoshida tried to explain the position of Japan in his address (8th Plenary \
             Session, September 7, 1951) to the delegates.",
        );
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            (ev[0].kind.as_str(), ev[0].date.as_str()),
            ("statement", "1951-09-07")
        );
        assert_eq!(names(&g, &ev[0].agents)[0], "Yoshida Shigeru");
    }

    #[test]
    fn a_dated_paper_is_its_authors_statement() {
        let (ev, g) = run_parsed(
            "In 1955 the study was filed as an attachment to a June 27 memorandum from \
             John Foster Dulles to the Embassy.",
        );
        let paper = ev
            .iter()
            .find(|e| e.date == "1955-06-27")
            .expect("the memorandum's");
        assert_eq!(paper.kind, "statement");
        assert_eq!(names(&g, &paper.agents)[0], "John Foster Dulles");
    }

    fn names(g: &Gazetteer, v: &[usize]) -> Vec<String> {
        v.iter().map(|&i| g.get(i).id.clone()).collect()
    }

    #[test]
    fn the_reference_event_of_a_relative_date_is_not_the_event() {
        let (ev, g) = run_parsed(
            "The next blow to Moscow was the signing of the security treaty between the \
             United States and Japan a few hours after the signing ceremony for the San \
             Francisco Peace Treaty.",
        );
        let signed: Vec<_> = ev.iter().filter(|e| e.kind == "sign").collect();
        assert_eq!(signed.len(), 1, "{ev:?}");
        // dated by the ceremony (the registry's day), done by the treaty's parties
        assert_eq!(signed[0].date, "1951-09-08");
        assert_eq!(names(&g, &signed[0].agents), ["United States", "Japan"]);
    }

    #[test]
    fn an_instrument_named_with_its_date_was_concluded_by_its_signatories() {
        let (ev, g) = run_parsed(
            "For the Soviet Union the Cairo Declaration of 27 November 1943 remained binding.",
        );
        let e = ev
            .iter()
            .find(|e| e.date == "1943-11-27")
            .expect("its date");
        assert_eq!(e.kind, "sign");
        assert_eq!(
            names(&g, &e.agents),
            ["United States", "United Kingdom", "ROC (Taiwan)"]
        );
        assert!(e.targets.is_empty(), "{e:?}");
    }

    #[test]
    fn names_and_the_writers_voice_are_no_triggers() {
        let lx = Lexicon::builtin();
        let text = "At the Opera House (today the War Memorial Opera House) it should be noted that the war ended; as noted, Acheson stated it.";
        let found: Vec<&str> = lx
            .find(text)
            .into_iter()
            .filter(|t| !inside_name(text, t))
            .filter(|t| lx.types()[t.ty].name != "statement" || !authorial(text, t.start))
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(found, ["war", "ended", "stated"]);
    }

    #[test]
    fn one_event_per_date_with_participants() {
        let text = "In April 1949, the North Atlantic Treaty was forged, in August the Soviet Union launched its first nuclear weapon, and in June 1950, the war on the Korean Peninsula erupted.";
        let (ev, g) = run(text);
        let v: Vec<_> = ev
            .iter()
            .map(|e| (e.date.as_str(), e.kind.as_str(), names(&g, &e.agents)))
            .collect();
        assert_eq!(
            v,
            vec![
                ("1949-04", "sign", vec![]),
                // launching a weapon (a test) is no attack: an event of no relation
                ("1949-08", "other", vec!["USSR".to_string()]),
                ("1950-06", "war", vec![]),
            ]
        );
        assert!(ev.iter().all(|e| e.evidence == (0..text.len())));
    }

    #[test]
    fn agents_targets_sources_and_polarity() {
        let text = "On March 2, 1950, the Soviet representative to the Allied Council, General Kuz’ma N. Derevyanko, demanded information from the United States (Hara 2013, 147).";
        let (ev, g) = run(text);
        assert_eq!(ev.len(), 1);
        assert_eq!(ev[0].kind, "demand");
        assert_eq!(
            names(&g, &ev[0].agents),
            vec!["USSR", "Allied Council for Japan", "Kuz’ma N. Derevyanko"]
        );
        assert_eq!(names(&g, &ev[0].targets), vec!["United States"]);
        assert_eq!(ev[0].sources, vec!["Hara 2013, 147"]);
        // "did not recognize" is itself a rejection; "did not sign" is a signing that did
        // not happen
        let (ev, _) = run("On September 8, 1951, China did not recognize the treaty.");
        assert_eq!((ev[0].kind.as_str(), ev[0].negated), ("reject", false));
        let (ev, _) = run("On September 8, 1951, the Soviet Union did not sign the treaty.");
        assert_eq!((ev[0].kind.as_str(), ev[0].negated), ("sign", true));
        let (ev, _) =
            run("On December 10, 1955, Kuznetsov said that Moscow would veto the package.");
        assert_eq!(ev[0].kind, "statement");
    }

    #[test]
    fn a_date_in_a_relative_clause_does_not_move_the_story() {
        let (ev, _) = run(
            "On September 4, 1951, at the Opera House, where six years earlier the charter was \
             drafted, Acheson declared the conference open. Japan attended the conference.",
        );
        let attended = ev
            .iter()
            .find(|e| e.summary.starts_with("Japan attended"))
            .unwrap();
        assert_eq!(attended.date, "1951-09-04", "{ev:?}");
    }

    #[test]
    fn who_tells_of_an_act_and_what_is_quoted_after_it_take_no_part_in_it() {
        let (ev, g) = run(
            "In June 1950 the war broke out in Korea, which, according to the historian \
             Torkunov, Stalin believed “would restrict the United States”.",
        );
        let war: Vec<_> = ev.iter().filter(|e| e.kind == "war").collect();
        assert_eq!(war.len(), 1, "{ev:?}");
        let who: Vec<String> = war[0]
            .agents
            .iter()
            .chain(&war[0].targets)
            .map(|&i| g.get(i).id.clone())
            .collect();
        assert!(
            !who.iter().any(|n| n == "United States"),
            "quoted after the trigger: {who:?}"
        );
    }

    /// Each event's date and type, in order.
    fn dated_kinds(ev: &[Event]) -> Vec<(&str, &str)> {
        ev.iter()
            .map(|e| (e.date.as_str(), e.kind.as_str()))
            .collect()
    }

    #[test]
    fn a_statement_of_a_wish_for_a_course_is_a_proposal() {
        let text = "On September 5, 1951, Gromyko made a statement about the desire to see \
                    representatives from China among the delegates. On September 6, 1951, \
                    Gromyko made a statement about the treaty.";
        let (ev, g) = run_parsed(text);
        let kinds = dated_kinds(&ev);
        assert_eq!(
            kinds,
            [("1951-09-05", "propose"), ("1951-09-06", "statement")],
            "{ev:?}"
        );
        assert_eq!(names(&g, &ev[0].agents)[0], "Andrei A. Gromyko");
    }

    #[test]
    fn adopting_ones_own_line_is_a_decision_and_claims_are_demands() {
        let text = "In February 1955 the Central Committee of the CPSU adopted new guidelines \
                    on Japan. In 1956 the Japanese claims to the islands took their final form.";
        let (ev, _) = run_parsed(text);
        let kinds = dated_kinds(&ev);
        assert_eq!(kinds, [("1955-02", "other"), ("1956", "demand")], "{ev:?}");
    }

    #[test]
    fn telling_another_what_it_must_not_do_is_a_demand() {
        let text = "In November 1946, Moscow made it clear that Washington should not deploy \
                    military bases on the Pacific islands.";
        let (ev, g) = run_parsed(text);
        assert_eq!(ev.len(), 1, "{ev:?}");
        assert_eq!(
            (ev[0].date.as_str(), ev[0].kind.as_str()),
            ("1946-11", "demand")
        );
        assert_eq!(names(&g, &ev[0].agents), ["USSR"]);
    }

    #[test]
    fn one_day_stated_twice_with_an_act_between_dates_both_acts() {
        let text = "The United States and Japan exchanged notes at Tokyo on August 19, 1955, \
                    and the agreement entered into force that day.";
        let (ev, _) = run_parsed(text);
        let kinds = dated_kinds(&ev);
        assert_eq!(
            kinds,
            [("1955-08-19", "sign"), ("1955-08-19", "enter_into_force")],
            "{ev:?}"
        );
    }
}

#[cfg(test)]
mod attribution_tests {
    use super::attribution;

    #[test]
    fn who_asserts_it() {
        assert_eq!(
            attribution(
                "According to Soviet historians and the media, almost every meeting was beset."
            )
            .as_deref(),
            Some("Soviet historians and the media")
        );
        assert_eq!(attribution("Soviet and post-Soviet historiography claimed that the United States had made every effort.").as_deref(), Some("Soviet and post-Soviet historiography"));
        assert_eq!(
            attribution("Hara Kimie believes that Washington’s stance was dictated.").as_deref(),
            Some("Hara Kimie")
        );
        assert_eq!(
            attribution("It was noted that the talks failed.").as_deref(),
            None
        );
        assert_eq!(
            attribution("Moscow demanded that the conference be convened.").as_deref(),
            None
        );
    }
}
