//! Entity mentions: names, metonyms and role adjectives from the gazetteer found in text
//! (one Aho–Corasick pass), short-name coreference ("Kuznetsov" after "Vasiliĭ V.
//! Kuznetsov"), and an open-class recognizer for people the gazetteer lacks ("the Soviet
//! diplomat Vladimir N. Kuznetsov", "Ambassador Tani").

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::gazetteer::{EntityKind, Gazetteer};

/// How a mention refers to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    /// A name or alias ("Gromyko", "the Soviet Union").
    Name,
    /// A place or institution standing for a state ("Moscow", "the White House").
    Metonym,
    /// A role with a state adjective ("the Soviet representative").
    Role,
    /// A short name resolved against earlier mentions in the document ("Kuznetsov").
    Surname,
    /// A person the gazetteer lacks, recognized by a title ("Ambassador Tani").
    Title,
}

impl Via {
    pub fn as_str(self) -> &'static str {
        match self {
            Via::Name => "name",
            Via::Metonym => "metonym",
            Via::Role => "role",
            Via::Surname => "surname",
            Via::Title => "title",
        }
    }
}

/// A mention: bytes `[start, end)` of the text given, and the entity (an index into the
/// gazetteer).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
    pub via: Via,
}

/// Nouns after a state adjective that make the phrase an actor for the state.
const ROLE_NOUNS: &[&str] = &[
    "representative",
    "representatives",
    "delegation",
    "delegate",
    "delegates",
    "ambassador",
    "government",
    "side",
    "leader",
    "leaders",
    "leadership",
    "diplomat",
    "diplomats",
    "minister",
    "authorities",
    "troops",
    "forces",
    "embassy",
    "mission",
    "envoy",
    "negotiators",
    "officials",
    "official",
    "president",
    "premier",
    "military",
    "propaganda",
    "bloc",
    "proposal",
    "proposals",
    "position",
    "veto",
    "press",
    "media",
    "army",
    "navy",
    "candidates",
];

/// Titles before a personal name.
const TITLES: &[&str] = &[
    "Prime Minister",
    "Foreign Minister",
    "Minister of Foreign Affairs",
    "Deputy Minister of Foreign Affairs",
    "Deputy Foreign Minister",
    "Ambassador",
    "General",
    "Major General",
    "Lieutenant General",
    "Admiral",
    "Secretary of State",
    "Secretary",
    "Under Secretary",
    "Assistant Secretary",
    "President",
    "Chairman",
    "Senator",
    "Governor",
    "Marshal",
    "Minister",
    "Mr.",
    "Mrs.",
    "Dr.",
    "diplomat",
    "historian",
    "scholar",
    "journalist",
    "Premier",
    "Emperor",
    "Colonel",
    "Counselor",
    "Consul",
];

#[derive(Debug, Clone, Copy)]
struct Pattern {
    entity: usize,
    via: Via,
}

/// Finds mentions; built once from a gazetteer.
#[derive(Debug, Clone)]
pub struct Linker {
    names: AhoCorasick,
    patterns: Vec<Pattern>,
    titles: AhoCorasick,
    /// Surname → people whose names end with it.
    surnames: HashMap<String, Vec<usize>>,
}

/// Per-document state of the linker: who was named last, for short names.
#[derive(Debug, Clone, Default)]
pub struct DocState {
    /// Most recent person for each surname.
    last: HashMap<String, usize>,
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{306}'
}

fn boundary_ok(text: &str, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    !before.is_some_and(is_word_char) && !after.is_some_and(|c| is_word_char(c) || c == '\u{306}')
}

fn surname(name: &str) -> Option<&str> {
    let last = name.split_whitespace().next_back()?;
    let last = last.trim_end_matches(['.', ',']);
    (last.chars().count() > 2 && last.chars().next()?.is_uppercase()).then_some(last)
}

impl Linker {
    /// A linker for every entity of `g`.
    pub fn new(g: &Gazetteer) -> Linker {
        let mut strings: Vec<String> = Vec::new();
        let mut patterns = Vec::new();
        let mut surnames: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, e) in g.entities().iter().enumerate() {
            let mut push = |s: &str, via: Via| {
                strings.push(s.to_string());
                patterns.push(Pattern { entity: i, via });
            };
            push(&e.id, Via::Name);
            for a in &e.aliases {
                push(a, Via::Name);
            }
            for m in &e.metonyms {
                push(m, Via::Metonym);
            }
            for a in &e.adjectives {
                push(a, Via::Role);
            }
            if e.kind == EntityKind::Person {
                if let Some(s) = surname(&e.id) {
                    let v = surnames.entry(s.to_string()).or_default();
                    if !v.contains(&i) {
                        v.push(i);
                    }
                }
            }
        }
        let names = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&strings)
            .expect("gazetteer patterns compile");
        let titles = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(TITLES)
            .expect("titles compile");
        Linker {
            names,
            patterns,
            titles,
            surnames,
        }
    }

    /// The mentions in `text`, in order, without overlaps. People found by title are added to
    /// `g` (they are part of what the text teaches); `doc` carries coreference across the
    /// blocks of one document.
    pub fn find(&self, g: &mut Gazetteer, text: &str, doc: &mut DocState) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        for m in self.names.find_iter(text) {
            let (s, e) = (m.start(), m.end());
            if !boundary_ok(text, s, e) {
                continue;
            }
            let p = self.patterns[m.pattern().as_usize()];
            if p.via == Via::Role {
                // "the Soviet representative": the adjective must qualify a role noun
                let rest = text[e..].trim_start();
                let next: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
                let lower = next.to_lowercase();
                let after_next = rest[next.len()..].trim_start();
                let next2: String = after_next
                    .chars()
                    .take_while(|c| c.is_alphabetic())
                    .collect();
                let lower2 = next2.to_lowercase();
                if !ROLE_NOUNS.contains(&lower.as_str()) && !ROLE_NOUNS.contains(&lower2.as_str()) {
                    continue;
                }
            }
            out.push(Mention {
                start: s,
                end: e,
                entity: p.entity,
                via: p.via,
            });
        }
        // people named by a title the gazetteer lacks
        for m in self.titles.find_iter(text) {
            if !boundary_ok(text, m.start(), m.end()) {
                continue;
            }
            let Some((ns, ne)) = name_after(text, m.end()) else {
                continue;
            };
            if out.iter().any(|x| x.start < ne && ns < x.end) {
                continue; // already a known name
            }
            let name = &text[ns..ne];
            if surname(name).is_some_and(|s| self.surnames.contains_key(s)) && !name.contains(' ') {
                continue; // a short name of a known person: coreference below
            }
            let state = state_before(g, &out, m.start(), text);
            let i = g.add_found(name, EntityKind::Person, state);
            out.push(Mention {
                start: ns,
                end: ne,
                entity: i,
                via: Via::Title,
            });
        }
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        out.dedup_by(|b, a| b.start < a.end); // keep the first, longest
                                              // short names: a capitalized word that is the surname of a person named before
        let mut extra = Vec::new();
        let mut k = 0;
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < text.len() {
            if !text.is_char_boundary(i)
                || (i > 0 && text[..i].chars().next_back().is_some_and(is_word_char))
            {
                i += 1;
                continue;
            }
            let word_end = text[i..]
                .char_indices()
                .find(|&(_, c)| !(c.is_alphabetic() || c == '\u{306}'))
                .map_or(text.len(), |(j, _)| i + j);
            if word_end > i && bytes[i].is_ascii_uppercase() {
                let w = &text[i..word_end];
                while k < out.len() && out[k].end <= i {
                    // people named before this word are candidates for its short name
                    if g.get(out[k].entity).kind == EntityKind::Person {
                        if let Some(s) = surname(&g.get(out[k].entity).id) {
                            doc.last.insert(s.to_string(), out[k].entity);
                        }
                    }
                    k += 1;
                }
                let covered = out.get(k).is_some_and(|m| m.start <= i);
                if !covered {
                    if let Some(cands) = self.surnames.get(w) {
                        let pick = doc
                            .last
                            .get(w)
                            .copied()
                            .or_else(|| (cands.len() == 1).then(|| cands[0]));
                        if let Some(e) = pick {
                            extra.push(Mention {
                                start: i,
                                end: word_end,
                                entity: e,
                                via: Via::Surname,
                            });
                        }
                    }
                }
            }
            i = word_end.max(i + 1);
        }
        out.extend(extra);
        out.sort_by_key(|m| m.start);
        for m in &out {
            if g.get(m.entity).kind == EntityKind::Person {
                if let Some(s) = surname(&g.get(m.entity).id) {
                    doc.last.insert(s.to_string(), m.entity);
                }
            }
        }
        out
    }
}

/// A personal name right after a title: one to four capitalized words or initials.
fn name_after(text: &str, at: usize) -> Option<(usize, usize)> {
    let rest = &text[at..];
    let lead = rest.len() - rest.trim_start().len();
    if lead == 0 || lead > 2 {
        return None;
    }
    let start = at + lead;
    let mut end = start;
    let mut words = 0;
    let mut pos = start;
    while words < 4 {
        let r = &text[pos..];
        let w_end = r
            .char_indices()
            .find(|&(_, c)| !(c.is_alphabetic() || c == '’' || c == '\u{306}' || c == '-'))
            .map_or(r.len(), |(j, _)| j);
        if w_end == 0 || !r.starts_with(char::is_uppercase) {
            break;
        }
        let mut e = pos + w_end;
        let initial = w_end == 1 && text[e..].starts_with('.');
        if initial {
            e += 1;
        }
        end = e;
        words += 1;
        let after = &text[e..];
        if !after.starts_with(' ') {
            break;
        }
        pos = e + 1;
    }
    if words == 0 || text[start..end].ends_with('.') && words == 1 {
        return None;
    }
    let name = &text[start..end];
    // a name has a word of two or more letters that is not a function word
    let ok = name.split_whitespace().any(|w| w.chars().count() > 2)
        && !["The", "On", "In"].contains(&name);
    ok.then_some((start, end))
}

/// The state of an adjective mention just before a title ("the Soviet diplomat X").
fn state_before(
    g: &Gazetteer,
    found: &[Mention],
    title_start: usize,
    text: &str,
) -> Option<String> {
    let m = found
        .iter()
        .rev()
        .find(|m| m.end <= title_start && title_start - m.end <= 2)?;
    let _ = text;
    g.state_of(m.entity).map(|s| g.get(s).id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, String, &'static str)> {
        let mut g = Gazetteer::builtin();
        let l = Linker::new(&g);
        let mut d = DocState::default();
        let ms = l.find(&mut g, text, &mut d);
        ms.into_iter()
            .map(|m| {
                (
                    text[m.start..m.end].to_string(),
                    g.get(m.entity).id.clone(),
                    m.via.as_str(),
                )
            })
            .collect()
    }

    #[test]
    fn names_metonyms_and_roles() {
        let v = names("Moscow halted its boycott of the Far Eastern Commission, and the Soviet representative, General Kuz’ma N. Derevyanko, demanded it.");
        assert_eq!(
            v,
            vec![
                ("Moscow".into(), "USSR".into(), "metonym"),
                (
                    "Far Eastern Commission".into(),
                    "Far Eastern Commission".into(),
                    "name"
                ),
                ("Soviet".into(), "USSR".into(), "role"),
                (
                    "Kuz’ma N. Derevyanko".into(),
                    "Kuz’ma N. Derevyanko".into(),
                    "name"
                ),
            ]
        );
        // an adjective without a role noun is not an actor
        assert!(names("the Soviet threat to Japan")
            .iter()
            .all(|m| m.0 != "Soviet"));
    }

    #[test]
    fn three_kuznetsovs() {
        let v = names("According to Deputy Minister of Foreign Affairs Vasiliĭ V. Kuznetsov, Moscow had doubts. Kuznetsov also issued a statement.");
        let k: Vec<_> = v
            .iter()
            .filter(|m| m.0.contains("Kuznetsov"))
            .map(|m| (m.1.as_str(), m.2))
            .collect();
        assert_eq!(
            k,
            vec![
                ("Vasilii V. Kuznetsov", "name"),
                ("Vasilii V. Kuznetsov", "surname")
            ]
        );
        let v = names(
            "At a later press conference, the Soviet diplomat Vladimir N. Kuznetsov announced it.",
        );
        assert!(v.iter().any(|m| m.1 == "Vladimir N. Kuznetsov"), "{v:?}");
        let v = names("the scholar Yuriĭ D. Kuznetsov called it a mistake");
        assert!(v.iter().any(|m| m.1 == "Yurii D. Kuznetsov"), "{v:?}");
    }

    #[test]
    fn open_class_people_by_title() {
        let mut g = Gazetteer::builtin();
        let l = Linker::new(&g);
        let mut d = DocState::default();
        let text = "the Soviet Ambassador Ivan A. Petrov met Ambassador Tani.";
        let ms = l.find(&mut g, text, &mut d);
        let petrov = ms
            .iter()
            .find(|m| &text[m.start..m.end] == "Ivan A. Petrov")
            .unwrap();
        assert_eq!(petrov.via, Via::Title);
        assert_eq!(g.get(petrov.entity).state.as_deref(), Some("USSR"));
        assert!(ms.iter().any(|m| g.get(m.entity).id == "Tani Masayuki"));
    }
}
