//! The event lexicon, as data (`data/events.toml`): trigger words → event type, CAMEO and
//! PLOVER codes, argument frame.

use aho_corasick::{AhoCorasick, MatchKind};
use serde::Deserialize;

/// How the entities around a trigger take part.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Frame {
    /// Entities before the trigger act; entities after it are acted on.
    AgentTarget,
    /// Entities before the trigger are what happened to ("the Council was dissolved").
    Patient,
}

/// One event type.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EventType {
    #[serde(rename = "type")]
    pub name: String,
    pub cameo: String,
    pub plover: String,
    pub frame: Frame,
    pub triggers: Vec<String>,
    /// Lemmas that head an event of this type in a parse tree (see `clause`).
    #[serde(default)]
    pub predicates: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    event: Vec<EventType>,
}

/// Why a lexicon file was refused.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}: {message}")]
pub struct LexiconError {
    pub path: String,
    pub line: usize,
    pub message: String,
}

/// A trigger found in text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Trigger {
    pub start: usize,
    pub end: usize,
    /// Index into [`Lexicon::types`].
    pub ty: usize,
}

/// The compiled lexicon.
#[derive(Debug, Clone)]
pub struct Lexicon {
    types: Vec<EventType>,
    ac: AhoCorasick,
    pattern_type: Vec<usize>,
    /// Predicate lemma → index into `types`.
    predicates: std::collections::HashMap<String, usize>,
    /// The first word of every predicate ("call" of "call on").
    heads: std::collections::HashSet<String>,
}

/// The bundled lexicon.
pub const BUILTIN: &str = include_str!("../../../data/events.toml");

impl Lexicon {
    /// The bundled lexicon.
    pub fn builtin() -> Lexicon {
        Lexicon::from_str("data/events.toml", BUILTIN)
            .expect("the bundled lexicon is valid (tested)")
    }

    /// A lexicon from TOML text named `name` (for errors).
    pub fn from_str(name: &str, text: &str) -> Result<Lexicon, LexiconError> {
        let f: File = toml::from_str(text).map_err(|e| LexiconError {
            path: name.to_string(),
            line: e.span().map_or(1, |s| {
                text[..s.start.min(text.len())].matches('\n').count() + 1
            }),
            message: e.message().to_string(),
        })?;
        let mut pats = Vec::new();
        let mut pattern_type = Vec::new();
        for (i, t) in f.event.iter().enumerate() {
            for w in &t.triggers {
                pats.push(w.clone());
                pattern_type.push(i);
            }
        }
        let ac = AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .build(&pats)
            .map_err(|e| LexiconError {
                path: name.into(),
                line: 1,
                message: e.to_string(),
            })?;
        let mut predicates = std::collections::HashMap::new();
        for (i, t) in f.event.iter().enumerate() {
            for p in &t.predicates {
                if let Some(j) = predicates.insert(p.to_lowercase(), i) {
                    let line = text
                        .find(&format!("\"{p}\""))
                        .map_or(1, |at| text[..at].matches('\n').count() + 1);
                    return Err(LexiconError {
                        path: name.into(),
                        line,
                        message: format!(
                            "predicate \"{p}\" is listed under both {} and {}",
                            f.event[j].name, t.name
                        ),
                    });
                }
            }
        }
        let heads = predicates
            .keys()
            .filter_map(|k: &String| k.split(' ').next().map(String::from))
            .collect();
        Ok(Lexicon {
            types: f.event,
            ac,
            pattern_type,
            predicates,
            heads,
        })
    }

    pub fn types(&self) -> &[EventType] {
        &self.types
    }

    /// The event type of this name ("statement").
    pub fn named(&self, name: &str) -> Option<&EventType> {
        self.types.iter().find(|t| t.name == name)
    }

    /// The index into [`Lexicon::types`] of the type of this name.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.types.iter().position(|t| t.name == name)
    }

    /// The event type a predicate lemma heads, as an index into [`Lexicon::types`].
    pub fn predicate(&self, lemma: &str) -> Option<usize> {
        self.predicates.get(lemma).copied()
    }

    /// Does some predicate start with this lemma ("call" for "call on")?
    pub fn heads_predicate(&self, lemma: &str) -> bool {
        self.heads.contains(lemma)
    }

    /// Triggers in `text`, whole words only, in order.
    pub fn find(&self, text: &str) -> Vec<Trigger> {
        let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        self.ac
            .find_iter(text)
            .filter(|m| {
                !word(text[..m.start()].chars().next_back())
                    && !word(text[m.end()..].chars().next())
            })
            .map(|m| Trigger {
                start: m.start(),
                end: m.end(),
                ty: self.pattern_type[m.pattern().as_usize()],
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_covers_the_required_types() {
        let l = Lexicon::builtin();
        let names: Vec<&str> = l.types().iter().map(|t| t.name.as_str()).collect();
        for t in [
            "meet",
            "negotiate",
            "propose",
            "demand",
            "agree",
            "reject",
            "sign",
            "ratify",
            "enter_into_force",
            "vote",
            "veto",
            "abstain",
            "admit",
            "statement",
            "protest",
            "boycott",
            "appoint",
            "resign",
            "visit",
            "attack",
            "establish",
            "dissolve",
            "die",
            "defect",
        ] {
            assert!(names.contains(&t), "{t}");
        }
        let found =
            l.find("The treaty entered into force; Poland refused to sign; the signing ceremony.");
        let v: Vec<_> = found
            .iter()
            .map(|t| l.types()[t.ty].name.as_str())
            .collect();
        assert_eq!(v, vec!["enter_into_force", "reject", "sign", "sign"]);
    }

    #[test]
    fn bad_lexicon_names_file_and_line() {
        let e = Lexicon::from_str("mine.toml", "[[event]]\ntype = \"x\"\ncameo = \"1\"\nplover = \"P\"\nframe = \"sideways\"\ntriggers = []\n").unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("mine.toml", 5));
    }

    #[test]
    fn predicates_map_lemmas_to_one_type() {
        let l = Lexicon::builtin();
        let ty = |lemma: &str| l.predicate(lemma).map(|i| l.types()[i].name.as_str());
        assert_eq!(ty("say"), Some("statement"));
        assert_eq!(ty("recommend"), Some("propose"));
        assert_eq!(ty("urge"), Some("demand"));
        assert_eq!(ty("concur"), Some("agree"));
        assert_eq!(ty("walk"), None);
        let twice = "[[event]]\ntype = \"a\"\ncameo = \"1\"\nplover = \"P\"\nframe = \"patient\"\ntriggers = []\npredicates = [\"say\"]\n\n[[event]]\ntype = \"b\"\ncameo = \"1\"\nplover = \"P\"\nframe = \"patient\"\ntriggers = []\npredicates = [\"say\"]\n";
        let e = Lexicon::from_str("mine.toml", twice).unwrap_err();
        assert!(e.message.contains("both a and b"), "{e}");
    }
}
