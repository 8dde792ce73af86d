//! The document as an act: who sends it to whom, who takes part in the conversation it
//! records — read from its heading ("Telegram From the Embassy in Japan to the Department of
//! State", "Memorandum of a Conversation Between Foreign Secretary Macmillan and Secretary of
//! State Dulles, …", "Memorandum From the Under Secretary of State (Hoover) to the Secretary
//! of State"), its signature line ("Allison") and its drafting note ("Drafted by Dulles").
//!
//! Archival documents speak in the first person and in telegram style ("I told Tani …",
//! "Recommend that …"); the frame says who that is ([`DocFrame::voices`]). A telegram, a
//! memorandum or a letter is itself a statement of its sender to its addressee, a memorandum
//! of conversation a meeting of its participants, dated by the dateline
//! ([`DocFrame::event`]).

use std::ops::Range;

use annals_entities::{EntityKind, Gazetteer, Mention};

use crate::clause::{with_states, Clock, Voices};
use crate::extract::Event;
use crate::lexicon::Lexicon;

/// What kind of document a heading announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    Telegram,
    /// A memorandum of conversation: a meeting of its participants.
    Conversation,
    Memorandum,
    Letter,
    /// A report, paper, study or note sent or circulated.
    Report,
}

/// Who a document is from and to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocFrame {
    pub kind: DocKind,
    /// Bytes of the heading in the text it was read from.
    pub heading: Range<usize>,
    /// The sender: the signer or named author first, then the office or state.
    pub senders: Vec<usize>,
    pub addressees: Vec<usize>,
    /// Conversation participants.
    pub participants: Vec<usize>,
}

/// The kind a heading names, if it names a document.
fn kind_of(lower: &str) -> Option<DocKind> {
    let has = |w: &str| lower.contains(w);
    if has("editorial note") {
        return None;
    }
    Some(
        if has("memorandum of a conversation")
            || has("memorandum of conversation")
            || has("memorandum of a telephone conversation")
        {
            DocKind::Conversation
        } else if has("telegram") || has("cable") || has("despatch") || has("airgram") {
            DocKind::Telegram
        } else if has("memorandum") {
            DocKind::Memorandum
        } else if has("letter") || has("message") {
            DocKind::Letter
        } else if has("report") || has("paper") || has("study") || has("estimate") || has("note") {
            DocKind::Report
        } else {
            return None;
        },
    )
}

/// The sender's and the addressee's part of a heading: after " from " up to " to ", and after
/// " to " to the end.
fn sides(lower: &str) -> (Option<Range<usize>>, Option<Range<usize>>) {
    let from = word_at(lower, " from ");
    let to = word_at(lower, " to ");
    let end = lower.len();
    (
        from.map(|f| f..to.filter(|&t| t > f).map_or(end, |t| t - 4)),
        to.map(|t| t..end),
    )
}

/// Byte offset of the word `w` (lower case, with its spaces) in `lower`.
fn word_at(lower: &str, w: &str) -> Option<usize> {
    lower.find(w).map(|i| i + w.len())
}

impl DocFrame {
    /// Reads a heading. `mentions` are those of `heading` (offsets into it); people named in
    /// parentheses that the gazetteer lacks ("(Hoover)") are added to it as found.
    pub fn read(
        heading: &str,
        at: usize,
        mentions: &[Mention],
        gazetteer: &mut Gazetteer,
    ) -> Option<DocFrame> {
        let lower = heading.to_lowercase();
        let kind = kind_of(&lower)?;
        let actors_in = |r: Range<usize>, g: &Gazetteer| -> Vec<usize> {
            let mut out = Vec::new();
            for m in mentions
                .iter()
                .filter(|m| m.start >= r.start && m.end <= r.end)
            {
                // "the Embassy in Japan": where the post is, not who acts
                let place =
                    lower[..m.start].ends_with(" in ") || lower[..m.start].ends_with(" at ");
                if !place && g.get(m.entity).kind.is_actor() && !out.contains(&m.entity) {
                    out.push(m.entity);
                }
            }
            out
        };
        let end = heading.len();
        let mut frame = DocFrame {
            kind,
            heading: at..at + end,
            senders: Vec::new(),
            addressees: Vec::new(),
            participants: Vec::new(),
        };
        if kind == DocKind::Conversation {
            // "Between A and B, <place>, <date>": the participants end at the first comma
            // after the "and"
            if let Some(from) = word_at(&lower, " between ") {
                let and = lower[from..].find(" and ").map_or(from, |i| from + i + 5);
                let to = lower[and..].find(',').map_or(end, |i| and + i);
                frame.participants = actors_in(from..to, gazetteer);
            }
            // "Memorandum of a Conversation, Department of State, Washington, …": the
            // office that kept the record is its "we"
            if let Some(c) = word_at(&lower, "conversation,") {
                let to = lower[c..].find(',').map_or(end, |i| c + i);
                frame.senders = actors_in(c..to, gazetteer)
                    .into_iter()
                    .filter(|&e| gazetteer.get(e).kind == EntityKind::Organization)
                    .collect();
            }
            return Some(frame);
        }
        let (from, to) = sides(&lower);
        if let Some(r) = from {
            frame.senders = named_in_parentheses(heading, r.clone(), gazetteer);
            frame.senders.extend(actors_in(r, gazetteer));
        }
        if let Some(r) = to {
            frame.addressees = named_in_parentheses(heading, r.clone(), gazetteer);
            frame.addressees.extend(actors_in(r, gazetteer));
        }
        Some(frame)
    }

    /// Names the sender or addressee a heading gives by office alone ("… to the Secretary of
    /// State", "Letter From the Prime Minister to …"): the holder of that office in `year`
    /// (the dateline's), put first on a side that names no person. A side with a person
    /// named keeps it ("the Under Secretary of State (Hoover)").
    pub fn by_office(&mut self, heading: &str, year: i32, gazetteer: &Gazetteer) {
        let roles = annals_entities::Roles::builtin();
        let lower = heading.to_lowercase();
        if self.kind == DocKind::Conversation {
            // "… Conversation Between the Secretary of State in Washington and Senator
            // Walter F. George …": who holds the office takes part
            if let Some(from) = word_at(&lower, " between ") {
                let and = lower[from..].find(" and ").map_or(from, |i| from + i + 5);
                let to = lower[and..].find(',').map_or(lower.len(), |i| and + i);
                for (at, p) in roles.named_in(gazetteer, &heading[from..to], year, &[]) {
                    if self.participants.contains(&p) {
                        continue;
                    }
                    // in the heading's order: the office before the "and" comes first
                    if from + at < and {
                        self.participants.insert(0, p);
                    } else {
                        self.participants.push(p);
                    }
                }
            }
            return;
        }
        let (from, to) = sides(&lower);
        let person = |v: &[usize]| {
            v.iter()
                .any(|&e| gazetteer.get(e).kind == EntityKind::Person)
        };
        for (side, r) in [(&mut self.senders, from), (&mut self.addressees, to)] {
            let Some(r) = r else { continue };
            if person(side) {
                continue;
            }
            let found = roles.named_in(gazetteer, &heading[r], year, &[]);
            if let Some(&(_, p)) = found.first() {
                side.insert(0, p);
            }
        }
    }

    /// Adds the signer (the person of the signature line) or the drafter of a memorandum of
    /// conversation as the document's first person.
    pub fn signed(&mut self, person: usize) {
        self.senders.retain(|&s| s != person);
        self.senders.insert(0, person);
    }

    /// Who "I", "we" and the addressed are.
    pub fn voices(&self, gazetteer: &Gazetteer) -> Voices {
        let person = |v: &[usize]| {
            v.iter()
                .copied()
                .find(|&e| gazetteer.get(e).kind == EntityKind::Person)
        };
        let with_state = |e: usize| with_states(gazetteer, [e]);
        let mut v = Voices::default();
        match self.kind {
            DocKind::Conversation => {
                // each speaker addresses the others (an event drops its own agents); with no
                // drafter known, "we" is the office the heading names ("Memorandum of a
                // Conversation, Department of State": "We had instructed Tokyo …")
                v.first = match person(&self.senders) {
                    Some(p) => with_state(p),
                    None => self.senders.clone(),
                };
                v.counterpart = self.participants.clone();
                v.counterpart_states = self
                    .participants
                    .iter()
                    .map(|&p| gazetteer.state_of(p))
                    .collect();
                v.conversation = true;
            }
            _ => {
                v.first = match person(&self.senders) {
                    Some(p) => with_state(p),
                    None => self.senders.clone(),
                };
                v.counterpart = self.addressees.clone();
            }
        }
        v.known = self
            .senders
            .iter()
            .chain(&self.addressees)
            .chain(&self.participants)
            .copied()
            .filter(|&e| gazetteer.get(e).kind == EntityKind::Person)
            .collect();
        v.we = v
            .first
            .iter()
            .filter_map(|&e| match gazetteer.get(e).kind {
                EntityKind::Person | EntityKind::Organization => gazetteer.state_of(e),
                _ => Some(e),
            })
            .take(1)
            .collect();
        v
    }

    /// The document as an event: a meeting of the participants of a conversation, else a
    /// statement of the sender to the addressee. None when nobody is known.
    pub fn event(&self, lexicon: &Lexicon, gazetteer: &Gazetteer, clock: &Clock) -> Option<Event> {
        let (ty, agents, targets) = if self.kind == DocKind::Conversation {
            let (a, t) = self.participants.split_at(self.participants.len().min(1));
            ("meet", a.to_vec(), t.to_vec())
        } else {
            ("statement", self.senders.clone(), self.addressees.clone())
        };
        if agents.is_empty() {
            return None;
        }
        let ty = lexicon.named(ty)?;
        let agents = with_states(gazetteer, agents);
        let mut targets = with_states(gazetteer, targets);
        targets.retain(|x| !agents.contains(x));
        Some(Event {
            agents,
            targets,
            roles: if self.kind == DocKind::Conversation {
                "the participants the heading or its PARTICIPANTS list names".to_string()
            } else {
                "actors: the document's sender (heading, signature); targets: its addressee"
                    .to_string()
            },
            ..Event::new(
                ty,
                clock,
                self.heading.clone(),
                self.heading.start..self.heading.start,
            )
        })
    }
}

/// A telegram's reference to another ("Your 3385.", "Re Embtel 2487.", "Deptel 55."): a
/// few words, a number, and a reference word first.
fn reference_line(t: &str) -> bool {
    let words: Vec<&str> = t.split_whitespace().collect();
    let first = words
        .first()
        .map(|w| w.trim_end_matches(['.', ',']))
        .unwrap_or("");
    words.len() <= 4
        && t.bytes().any(|b| b.is_ascii_digit())
        && (matches!(first, "Your" | "Re" | "Ref" | "Reference" | "Our" | "My")
            || first.ends_with("tel"))
}

/// Does a telegram's sentence announce what its sender will do ("I shall forward our combined
/// views", "We are now preparing further analysis", "Will report")? A plan of the sender's
/// own reporting is no point of the telegram.
fn announces_plan(t: &str) -> bool {
    let l = t.trim().to_lowercase();
    let words: Vec<&str> = l
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let first_person = |w: &str| matches!(w, "i" | "we");
    let plan = |w: &[&str]| match w {
        ["shall" | "will", ..] => true,
        ["am" | "are", "now", v, ..] | ["am" | "are", v, ..] => v.ends_with("ing"),
        _ => false,
    };
    words.first() == Some(&"will")
        || words
            .windows(4)
            .any(|w| first_person(w[0]) && plan(&w[1..]))
}

impl DocFrame {
    /// A telegram's paragraphs are its sender's points, one event each: a numbered point
    /// ("2. US fully appreciates …") always, with what the sender's own clauses in it say
    /// folded in (a recommendation makes it a proposal); an unnumbered paragraph when
    /// nothing else was read from it ("This completely irresponsible action … places U.S.
    /// in most awkward position."). Offsets are of `text`, the paragraph.
    pub fn points(
        &self,
        text: &str,
        sentences: &[Range<usize>],
        events: &mut Vec<Event>,
        voices: &Voices,
        knowledge: (&Lexicon, &Gazetteer),
        clock: &Clock,
    ) {
        let (lexicon, gazetteer) = knowledge;
        if self.kind != DocKind::Telegram || voices.first.is_empty() {
            return;
        }
        let trimmed = text.trim_start();
        // a bracketed note, a signature, a telegram's reference line ("2490. Re Embtel 2487.")
        if trimmed.starts_with('[')
            || trimmed.starts_with('(')
            || sentences.is_empty()
            || trimmed.split_whitespace().count() < 6
        {
            return;
        }
        let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
        let numbered = (1..=2).contains(&digits) && trimmed[digits..].starts_with(". ");
        if !numbered && (!events.is_empty() || announces_plan(&text[sentences[0].clone()])) {
            return;
        }
        // a numbered point is its first sentence after the number ("2." parses as one); an
        // unnumbered paragraph the sender's whole
        let first = if numbered {
            // past the number, a reference line and its note ("6. Your 3385. [Footnote 2:
            // …] Similar questions …")
            let real = sentences
                .iter()
                .find(|r| {
                    let t = &text[(*r).clone()];
                    let t = t.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
                    t.split_whitespace().count() > 1
                        && !reference_line(t)
                        && !t.trim_start().starts_with(['[', '('])
                })
                .unwrap_or(&sentences[0]);
            sentences[0].start..real.end
        } else {
            sentences[0].start..sentences[sentences.len() - 1].end
        };
        // the sender's own clauses are this point: the sender's, or the sending state's
        // ("2. US fully appreciates … and hopes …" in the Department's telegram)
        let sending = |a: &usize| {
            voices.first.contains(a)
                || voices
                    .first
                    .iter()
                    .any(|&f| gazetteer.state_of(f) == Some(*a))
        };
        let mut kind = "statement";
        events.retain(|e| {
            let own = e.agents == voices.first
                || numbered
                    && e.evidence.start >= first.start
                    && e.evidence.end <= first.end
                    && !e.agents.is_empty()
                    && e.agents.iter().all(sending);
            if own && matches!(e.kind.as_str(), "propose" | "demand") {
                kind = if e.kind == "propose" {
                    "propose"
                } else {
                    "demand"
                };
            }
            !own
        });
        let Some(ty) = lexicon.named(kind) else {
            return;
        };
        let mut targets = voices.counterpart.clone();
        targets.retain(|x| !voices.first.contains(x));
        events.insert(
            0,
            Event {
                agents: voices.first.clone(),
                targets,
                summary: text[first.clone()].chars().take(220).collect(),
                roles: "actors: the telegram's sender (a point of the telegram); targets: its addressee"
                    .to_string(),
                ..Event::new(ty, clock, first.clone(), first.start..first.start)
            },
        );
    }
}

/// People named in parentheses in `text[r]` ("the Under Secretary of State (Hoover)"),
/// added to the gazetteer when it lacks them.
fn named_in_parentheses(text: &str, r: Range<usize>, gazetteer: &mut Gazetteer) -> Vec<usize> {
    let mut out = Vec::new();
    let mut rest = &text[r];
    while let Some(open) = rest.find('(') {
        let Some(close) = rest[open..].find(')') else {
            break;
        };
        let name = rest[open + 1..open + close].trim();
        let words: Vec<&str> = name.split_whitespace().collect();
        let is_name = !words.is_empty()
            && words.len() <= 4
            && words
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if is_name {
            let e = gazetteer
                .lookup(name)
                .unwrap_or_else(|| gazetteer.add_found(name, EntityKind::Person, None));
            out.push(e);
        }
        rest = &rest[open + close..];
    }
    out
}

/// The person a signature or drafting line names: the last line of a document ("Allison"),
/// "Drafted by Dulles." — one or two capitalized words that the mentions resolve to a person.
pub fn person_named(line: &str, mentions: &[Mention], gazetteer: &Gazetteer) -> Option<usize> {
    let mut people = mentions
        .iter()
        .filter(|m| gazetteer.get(m.entity).kind == EntityKind::Person)
        .map(|m| m.entity);
    let first = people.next()?;
    let words = line.split_whitespace().count();
    (words <= 3 && people.all(|p| p == first)).then_some(first)
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_entities::{DocState, Linker};

    #[test]
    fn the_senders_plan_of_reporting_is_no_point() {
        for t in [
            "After talk later this morning with General Taylor I shall forward our views.",
            "We are now preparing further analysis of situation.",
            "Will report results of meeting.",
        ] {
            assert!(announces_plan(t), "{t}");
        }
        for t in [
            "We are concerned that the Cabinet may fall.",
            "Shigemitsu will leave on April 12 if the Diet agrees.",
            "I told him we shared his concern.",
        ] {
            assert!(!announces_plan(t), "{t}");
        }
    }

    #[test]
    fn a_reference_to_another_telegram_is_no_point() {
        for t in [
            "Your 3385.",
            "Re Embtel 2487.",
            "Deptel 55.",
            "Ref Mytel 2501.",
        ] {
            assert!(reference_line(t), "{t}");
        }
        for t in [
            "Similar questions raised by Japanese Embassy here.",
            "Your 3385 raises three questions of law.",
            "Recommend approval.",
        ] {
            assert!(!reference_line(t), "{t}");
        }
    }

    fn frame(heading: &str) -> (Option<DocFrame>, Gazetteer) {
        let mut g = Gazetteer::builtin();
        let linker = Linker::new(&g);
        let mentions = linker.find(&mut g, heading, &mut DocState::default());
        let f = DocFrame::read(heading, 0, &mentions, &mut g);
        (f, g)
    }

    fn names(g: &Gazetteer, v: &[usize]) -> Vec<String> {
        v.iter().map(|&i| g.get(i).id.clone()).collect()
    }

    #[test]
    fn telegram_and_memorandum_headings() {
        let (f, g) = frame("24. Telegram From the Department of State to the Embassy in Japan");
        let f = f.unwrap();
        assert_eq!(f.kind, DocKind::Telegram);
        assert_eq!(names(&g, &f.senders), ["US Department of State"]);
        assert_eq!(names(&g, &f.addressees), ["US Embassy in Japan"]);
        // a post's place is not its actor
        let (f, g) = frame("Telegram From the Consulate in Japan to the Department of State");
        assert!(names(&g, &f.unwrap().senders).is_empty());
        let (f, g) = frame(
            "35. Memorandum From the Under Secretary of State (Hoover) to the Secretary of State",
        );
        let mut f = f.unwrap();
        assert_eq!(f.kind, DocKind::Memorandum);
        assert_eq!(names(&g, &f.senders)[0], "Herbert Hoover, Jr.");
        // the addressee named by office is its holder in the dateline's year; the sender
        // named in parentheses stays
        assert!(f.addressees.is_empty());
        let heading =
            "35. Memorandum From the Under Secretary of State (Hoover) to the Secretary of State";
        f.by_office(heading, 1955, &g);
        assert_eq!(names(&g, &f.addressees), ["John Foster Dulles"]);
        assert_eq!(names(&g, &f.senders)[0], "Herbert Hoover, Jr.");
        f.by_office(heading, 1950, &g);
        assert_eq!(
            names(&g, &f.addressees),
            ["John Foster Dulles"],
            "added once"
        );
        // a name the gazetteer lacks is added as found
        let (f, g) = frame("Memorandum From the Special Assistant (Quillfeather) to the President");
        assert_eq!(names(&g, &f.unwrap().senders)[0], "Quillfeather");
        assert!(frame("30. Editorial Note").0.is_none());
    }

    #[test]
    fn a_conversation_is_a_meeting_of_its_participants() {
        let (f, g) = frame("49. Memorandum of a Conversation Between Secretary of State Dulles and Foreign Minister Shigemitsu, National Airport, Washington, September 1, 1955, 8:45 a.m.");
        let mut f = f.unwrap();
        assert_eq!(f.kind, DocKind::Conversation);
        assert_eq!(
            names(&g, &f.participants),
            ["John Foster Dulles", "Shigemitsu Mamoru"]
        );
        f.signed(g.index("John Foster Dulles").unwrap());
        let v = f.voices(&g);
        assert_eq!(names(&g, &v.first), ["John Foster Dulles", "United States"]);
        assert_eq!(
            names(&g, &v.counterpart),
            ["John Foster Dulles", "Shigemitsu Mamoru"]
        );
        assert_eq!(names(&g, &v.we), ["United States"]);
    }

    #[test]
    fn a_conversations_participant_named_by_office_is_its_holder() {
        let heading = "48. Memorandum of a Telephone Conversation Between the Secretary of \
                       State in Washington and Senator Walter F. George in Vienna, Georgia, \
                       August 31, 1955, 6:21 p.m.";
        let (f, g) = frame(heading);
        let mut f = f.unwrap();
        assert_eq!(names(&g, &f.participants), ["Walter F. George"]);
        f.by_office(heading, 1955, &g);
        assert_eq!(
            names(&g, &f.participants),
            ["John Foster Dulles", "Walter F. George"]
        );
    }

    #[test]
    fn a_conversation_kept_by_an_office_speaks_as_that_office() {
        let (f, g) = frame(
            "42. Memorandum of a Conversation, Department of State, Washington, August 24, 1955, Noon",
        );
        let f = f.unwrap();
        assert_eq!(f.kind, DocKind::Conversation);
        assert_eq!(names(&g, &f.senders), ["US Department of State"]);
        let v = f.voices(&g);
        assert_eq!(names(&g, &v.first), ["US Department of State"]);
        assert_eq!(names(&g, &v.we), ["United States"]);
    }
}
