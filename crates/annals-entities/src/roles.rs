//! Role nouns to people: "the Secretary" in a document of 1955 is the one person the
//! gazetteer has as Secretary of State in 1955. The phrases are data (`data/roles.toml`).

use serde::Deserialize;

use crate::gazetteer::Gazetteer;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    role: Vec<Role>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct Role {
    say: Vec<String>,
    means: String,
}

/// The bundled role phrases.
pub const BUILTIN: &str = include_str!("../../../data/roles.toml");

/// Role phrases and the gazetteer role each means.
#[derive(Debug, Clone)]
pub struct Roles {
    roles: Vec<Role>,
}

/// Words that make a role another one: a deputy minister is no minister.
const LESSER: &[&str] = &["deputy", "vice", "under", "assistant", "former", "acting"];

impl Roles {
    /// The bundled role phrases, read once per process.
    pub fn builtin() -> &'static Roles {
        static ROLES: std::sync::OnceLock<Roles> = std::sync::OnceLock::new();
        ROLES.get_or_init(|| {
            let f: File = toml::from_str(BUILTIN).expect("data/roles.toml is valid (tested)");
            Roles { roles: f.role }
        })
    }

    /// The gazetteer role a phrase means ("foreign minister" → "minister of foreign affairs").
    pub fn meaning(&self, phrase: &str) -> Option<&str> {
        let p = phrase.trim().to_lowercase();
        self.roles
            .iter()
            .find(|r| r.say.contains(&p))
            .map(|r| r.means.as_str())
    }

    /// The person a role phrase names in `year`: the one holder, else the one holder among
    /// `known` (people the document has named), else the one who acts for `side` (the
    /// document's own state: "the President" in a State Department memorandum). None when
    /// the phrase is no role, or two or no people fit.
    pub fn holder(
        &self,
        g: &Gazetteer,
        phrase: &str,
        year: i32,
        known: &[usize],
        side: Option<usize>,
    ) -> Option<usize> {
        let role = self.meaning(phrase)?;
        let mut holders: Vec<usize> = g
            .held_roles()
            .iter()
            .filter(|h| h.from <= year && year <= h.to && holds(&h.role, role))
            .map(|h| h.entity)
            .collect();
        holders.dedup();
        let only = |pick: &dyn Fn(usize) -> bool| {
            let mut it = holders.iter().copied().filter(|&h| pick(h));
            match (it.next(), it.next()) {
                (Some(one), None) => Some(one),
                _ => None,
            }
        };
        only(&|_| true)
            .or_else(|| only(&|h| known.contains(&h)))
            .or_else(|| side.and_then(|s| only(&|h| g.state_of(h) == Some(s))))
    }
    /// People a line names by role alone ("The Secretary", "the Foreign Minister", "to the
    /// Secretary of State"): the one holder of each role phrase after a "the" in `year` (see
    /// [`Roles::holder`]), at the offset of the phrase. The longest phrase of up to four
    /// words wins ("the Secretary of State", not "the Secretary").
    pub fn named_in(
        &self,
        g: &Gazetteer,
        line: &str,
        year: i32,
        known: &[usize],
    ) -> Vec<(usize, usize)> {
        let lower = line.to_lowercase();
        let mut out = Vec::new();
        for (at, _) in lower.match_indices("the ") {
            if at > 0
                && lower[..at]
                    .chars()
                    .next_back()
                    .is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let words: Vec<&str> = lower[at + 4..]
                .split(|c: char| !c.is_alphabetic())
                .take_while(|w| !w.is_empty())
                .take(4)
                .collect();
            let holder = (1..=words.len())
                .rev()
                .find_map(|n| self.holder(g, &words[..n].join(" "), year, known, None));
            out.extend(holder.map(|h| (at, h)));
        }
        out
    }
}

/// Does the gazetteer role `held` contain the role `role` as a whole phrase, not lessened
/// ("US ambassador to Japan" holds "ambassador"; "deputy minister of …" does not hold
/// "minister of …")? `held` is lowercase (see [`Gazetteer::held_roles`]).
fn holds(held: &str, role: &str) -> bool {
    if !held.contains(role) {
        return false;
    }
    let words: Vec<&str> = held.split_whitespace().collect();
    let want: Vec<&str> = role.split_whitespace().collect();
    (0..words.len())
        .any(|i| words[i..].starts_with(&want) && !(i > 0 && LESSER.contains(&words[i - 1])))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_nouns_name_the_holder_of_the_year() {
        let g = Gazetteer::builtin();
        let r = Roles::builtin();
        let id = |p: &str, y: i32, known: &[usize]| {
            r.holder(&g, p, y, known, None).map(|i| g.get(i).id.clone())
        };
        assert_eq!(
            id("Secretary", 1955, &[]).as_deref(),
            Some("John Foster Dulles")
        );
        assert_eq!(
            id("president", 1955, &[]).as_deref(),
            Some("Dwight D. Eisenhower")
        );
        // Hatoyama and Churchill were both prime ministers in 1955: the one named before
        let hatoyama = g.index("Hatoyama Ichirō").unwrap();
        assert_eq!(id("Prime Minister", 1955, &[]), None);
        assert_eq!(
            id("Prime Minister", 1955, &[hatoyama]).as_deref(),
            Some("Hatoyama Ichirō")
        );
        // two foreign ministers in 1955: the one the document named
        let shigemitsu = g.index("Shigemitsu Mamoru").unwrap();
        assert_eq!(
            id("foreign minister", 1955, &[shigemitsu]).as_deref(),
            Some("Shigemitsu Mamoru")
        );
        assert_eq!(id("foreign minister", 1955, &[]), None);
        assert_eq!(id("the weather", 1955, &[]), None);
        // or else the document's own side
        let japan = g.index("Japan");
        let pm = r.holder(&g, "prime minister", 1955, &[], japan);
        assert_eq!(pm, Some(hatoyama));
        assert!(!holds(
            "first deputy minister of foreign affairs",
            "minister of foreign affairs"
        ));
        assert!(holds("US ambassador to Japan", "ambassador"));
    }
}
