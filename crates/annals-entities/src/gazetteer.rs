//! The gazetteer: what annals knows about the world, as data.
//!
//! Entities (states, coalitions, organizations, people, territories, instruments) come from
//! TOML files: the ones bundled in `data/gazetteer/` and any a user adds. A file is a list of
//! `[[entity]]` tables; see the comments at the top of each bundled file for the fields.

use foldhash::HashMap;
use std::path::Path;

use jiff::civil::Date;
use serde::Deserialize;

/// What kind of thing an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    State,
    Coalition,
    Organization,
    Person,
    Territory,
    Instrument,
    /// A city or site where things happen.
    Place,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::State => "state",
            EntityKind::Coalition => "coalition",
            EntityKind::Organization => "organization",
            EntityKind::Person => "person",
            EntityKind::Territory => "territory",
            EntityKind::Instrument => "instrument",
            EntityKind::Place => "place",
        }
    }

    /// States, coalitions, organizations and people act; territories and instruments are
    /// acted on or under.
    pub fn is_actor(self) -> bool {
        matches!(
            self,
            EntityKind::State
                | EntityKind::Coalition
                | EntityKind::Organization
                | EntityKind::Person
        )
    }
}

/// A role held over a span of years (inclusive).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RoleSpan {
    pub role: String,
    pub from: i32,
    pub to: i32,
}

/// One entity.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    /// Canonical name, unique in the gazetteer.
    pub id: String,
    pub kind: EntityKind,
    /// Names that refer to the entity itself.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Places and institutions that stand for a state ("Moscow", "the White House").
    #[serde(default)]
    pub metonyms: Vec<String>,
    /// Adjectives that make a role refer to the state ("the Soviet representative").
    #[serde(default)]
    pub adjectives: Vec<String>,
    /// The state a person or organization acts for.
    #[serde(default)]
    pub state: Option<String>,
    #[serde(default)]
    pub roles: Vec<RoleSpan>,
    #[serde(default)]
    pub wikidata: Option<String>,
    /// States: when the state existed, `FROM/TO` (ISO dates, `..` for an open end,
    /// inclusive). A name several states have borne ("Russia") means the one valid on the
    /// date the text is at.
    #[serde(default)]
    pub valid: Option<String>,
    /// `valid`, parsed.
    #[serde(skip)]
    pub period: Option<Period>,
    /// Instruments: date of signature (ISO).
    #[serde(default)]
    pub signed: Option<String>,
    /// Instruments: date of entry into force (ISO).
    #[serde(default)]
    pub in_force: Option<String>,
    #[serde(default)]
    pub signatories: Vec<String>,
    #[serde(default)]
    pub articles: Vec<String>,
    /// Where the entity was defined: a file name, or "text" for one found by the open-class
    /// recognizer.
    #[serde(skip)]
    pub source: String,
    /// The surname alone never stands for this person (an imported person whose surname is
    /// an ordinary word: "May").
    #[serde(skip)]
    pub no_surname: bool,
    /// Allows names of one letter ("U", a code name). Without it a one-letter name is an
    /// error: "a" or "I" would make every article or pronoun a mention.
    #[serde(default)]
    pub short_names: bool,
}

/// When an entity existed: an interval of days, inclusive, either end open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Option<Date>,
    pub to: Option<Date>,
}

impl Period {
    /// Parses `FROM/TO` with ISO dates (`1922-12-30`, `1922-12`, `1922`) or `..`.
    pub fn parse(s: &str) -> Result<Period, String> {
        let (a, b) = s
            .split_once('/')
            .ok_or_else(|| format!("valid {s:?} is not FROM/TO"))?;
        let end = |x: &str, last: bool| -> Result<Option<Date>, String> {
            let x = x.trim();
            if x == ".." || x.is_empty() {
                return Ok(None);
            }
            let parts: Vec<&str> = x.split('-').collect();
            let num = |k: usize| -> Result<Option<i64>, String> {
                parts
                    .get(k)
                    .map(|p| {
                        p.parse::<i64>()
                            .map_err(|_| format!("valid {s:?}: bad date {x:?}"))
                    })
                    .transpose()
            };
            let y = num(0)?.ok_or_else(|| format!("valid {s:?}: bad date {x:?}"))?;
            let bad = || format!("valid {s:?}: bad date {x:?}");
            let y = i16::try_from(y).map_err(|_| bad())?;
            let d = match (num(1)?, num(2)?) {
                (None, _) if last => Date::new(y, 12, 31),
                (None, _) => Date::new(y, 1, 1),
                (Some(m), None) => {
                    let first =
                        Date::new(y, i8::try_from(m).map_err(|_| bad())?, 1).map_err(|_| bad())?;
                    Ok(if last { first.last_of_month() } else { first })
                }
                (Some(m), Some(d)) => Date::new(
                    y,
                    i8::try_from(m).map_err(|_| bad())?,
                    i8::try_from(d).map_err(|_| bad())?,
                ),
            }
            .map_err(|_| bad())?;
            Ok(Some(d))
        };
        let p = Period {
            from: end(a, false)?,
            to: end(b, true)?,
        };
        if let (Some(f), Some(t)) = (p.from, p.to) {
            if f > t {
                return Err(format!("valid {s:?} ends before it starts"));
            }
        }
        Ok(p)
    }

    /// Does the period contain day `d`?
    pub fn contains(&self, d: Date) -> bool {
        self.from.is_none_or(|f| f <= d) && self.to.is_none_or(|t| d <= t)
    }

    /// Days of `[first, last]` inside the period.
    pub fn overlap(&self, (first, last): (Date, Date)) -> i64 {
        let s = self.from.map_or(first, |f| f.max(first));
        let e = self.to.map_or(last, |t| t.min(last));
        if s > e {
            return 0;
        }
        s.until(e).map_or(0, |sp| sp.get_days() as i64 + 1)
    }

    /// Days from `d` to the period (0 inside it).
    pub fn distance(&self, d: Date) -> i64 {
        let days = |a: Date, b: Date| a.until(b).map_or(i64::MAX, |s| s.get_days().abs() as i64);
        match (self.from, self.to) {
            (Some(f), _) if d < f => days(d, f),
            (_, Some(t)) if d > t => days(t, d),
            _ => 0,
        }
    }
}

impl Entity {
    /// Did the entity exist on day `d`? (Entities without a period always did.)
    pub fn valid_on(&self, d: Date) -> bool {
        self.period.is_none_or(|p| p.contains(d))
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    #[serde(default)]
    entity: Vec<Entity>,
}

/// Why a gazetteer file was refused.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}: {message}")]
    Invalid {
        path: String,
        line: usize,
        message: String,
    },
}

/// The bundled gazetteer files, compiled into the binary so that annals needs nothing at run
/// time.
pub const BUILTIN: &[(&str, &str)] = &[
    (
        "data/gazetteer/states.toml",
        include_str!("../../../data/gazetteer/states.toml"),
    ),
    (
        "data/gazetteer/periods.toml",
        include_str!("../../../data/gazetteer/periods.toml"),
    ),
    (
        "data/gazetteer/organizations.toml",
        include_str!("../../../data/gazetteer/organizations.toml"),
    ),
    (
        "data/gazetteer/officials.toml",
        include_str!("../../../data/gazetteer/officials.toml"),
    ),
    (
        "data/gazetteer/people.toml",
        include_str!("../../../data/gazetteer/people.toml"),
    ),
    (
        "data/gazetteer/territories.toml",
        include_str!("../../../data/gazetteer/territories.toml"),
    ),
    (
        "data/gazetteer/instruments.toml",
        include_str!("../../../data/gazetteer/instruments.toml"),
    ),
    (
        "data/gazetteer/places.toml",
        include_str!("../../../data/gazetteer/places.toml"),
    ),
];

/// Byte offsets of the `[[entity]]` headers of a TOML file, in order (the n-th is the n-th
/// entity), so that an error names the line of the entity it is about, not the first line
/// that happens to hold the same name.
fn entity_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        if line.trim() == "[[entity]]" {
            out.push(at);
        }
        at += line.len();
    }
    out
}

/// An ISO date, `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, that is on the calendar.
fn check_date(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let bad = || format!("{s:?} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)");
    let num = |p: &str, len: usize| -> Result<i64, String> {
        if p.len() != len || !p.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        p.parse().map_err(|_| bad())
    };
    let (y, m, d) = match parts.as_slice() {
        [y] => (num(y, 4)?, 1, 1),
        [y, m] => (num(y, 4)?, num(m, 2)?, 1),
        [y, m, d] => (num(y, 4)?, num(m, 2)?, num(d, 2)?),
        _ => return Err(bad()),
    };
    Date::new(y as i16, m as i8, d as i8).map_err(|_| format!("{s:?} is not on the calendar"))?;
    Ok(())
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

/// All entities, by canonical name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    entities: Vec<Entity>,
    by_id: HashMap<String, usize>,
    /// Every role a person holds, lowercased, built on first use: role nouns are resolved
    /// for every argument of every parsed clause, and scanning 26,000 imported entities
    /// each time was a sixth of a build. Cleared by every change.
    held: std::sync::OnceLock<Vec<Held>>,
}

/// One role a person held: who, the role (lowercased) and the years.
#[derive(Debug, Clone)]
pub struct Held {
    pub entity: usize,
    pub role: String,
    pub from: i32,
    pub to: i32,
}

impl Gazetteer {
    /// An empty gazetteer.
    pub fn new() -> Gazetteer {
        Gazetteer::default()
    }

    /// The bundled gazetteer: annals' curated files, then the imported dictionaries under
    /// them ([`crate::import`]). Built once per process.
    pub fn builtin() -> Gazetteer {
        static BUILT: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
        BUILT
            .get_or_init(|| {
                let mut g = Gazetteer::curated();
                crate::import::add_phoenix(&mut g);
                g
            })
            .clone()
    }

    /// annals' curated files alone, without the imported dictionaries.
    pub fn curated() -> Gazetteer {
        let mut g = Gazetteer::new();
        for (name, text) in BUILTIN {
            g.add_str(name, text)
                .expect("the bundled gazetteer is valid (tested)");
        }
        g
    }

    /// Adds the entities of a TOML file.
    pub fn add_file(&mut self, path: &Path) -> Result<(), GazetteerError> {
        let name = path.display().to_string();
        let text = std::fs::read_to_string(path).map_err(|source| GazetteerError::Io {
            path: name.clone(),
            source,
        })?;
        self.add_str(&name, &text)
    }

    /// Adds the entities of TOML text named `name` (for errors). An entity whose id is already
    /// known extends it: its aliases are added, its other fields replace the old ones when
    /// given. Nothing is added if the text has an error.
    pub fn add_str(&mut self, name: &str, text: &str) -> Result<(), GazetteerError> {
        self.held = Default::default();
        let file: File = toml::from_str(text).map_err(|e| GazetteerError::Invalid {
            path: name.to_string(),
            line: e.span().map_or(1, |s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        // validate everything before changing anything
        let starts = entity_starts(text);
        // the line of `needle` in entity `i`'s table (its header line if not found)
        let line_in = |i: usize, needle: &str| {
            let from = starts.get(i).copied().unwrap_or(0);
            let to = starts.get(i + 1).copied().unwrap_or(text.len());
            text[from..to]
                .find(needle)
                .map_or(line_of(text, from), |b| line_of(text, from + b))
        };
        // id -> kind and the entry that defined it here (None: an earlier file); lines are
        // found only for an error, since finding one counts lines from the file's start
        let mut kinds: HashMap<&str, (EntityKind, Option<usize>)> = HashMap::default();
        for (i, e) in file.entity.iter().enumerate() {
            let find_line = |needle: &str| line_in(i, &format!("\"{needle}\""));
            let invalid = |line: usize, message: String| GazetteerError::Invalid {
                path: name.into(),
                line,
                message,
            };
            let known = self
                .by_id
                .get(&e.id)
                .map(|&k| (self.entities[k].kind, None));
            if let Some((kind, first)) = kinds.get(e.id.as_str()).copied().or(known) {
                if kind != e.kind {
                    let earlier = match first {
                        Some(j) => format!("line {}", line_in(j, &format!("\"{}\"", e.id))),
                        None => self.entities[self.by_id[&e.id]].source.clone(),
                    };
                    return Err(invalid(
                        find_line(&e.id),
                        format!(
                            "entity {:?} is a {:?} here but a {kind:?} in {earlier}; one id is one entity",
                            e.id, e.kind
                        ),
                    ));
                }
            }
            kinds.entry(e.id.as_str()).or_insert((e.kind, Some(i)));
            if !e.short_names {
                if let Some(short) = e
                    .aliases
                    .iter()
                    .chain(&e.metonyms)
                    .chain(&e.adjectives)
                    .find(|a| a.trim().chars().count() == 1)
                {
                    return Err(invalid(
                        find_line(short),
                        format!(
                            "entity {:?} has the one-letter name {short:?}, which would match ordinary words; write `short_names = true` in its entry if it is meant",
                            e.id
                        ),
                    ));
                }
            }
            for (field, v) in [("signed", &e.signed), ("in_force", &e.in_force)] {
                if let Some(v) = v {
                    check_date(v).map_err(|m| {
                        invalid(line_in(i, field), format!("{field} of {:?}: {m}", e.id))
                    })?;
                }
            }
            if e.id.trim().is_empty() {
                return Err(GazetteerError::Invalid {
                    path: name.into(),
                    line: 1,
                    message: "an entity has an empty id".into(),
                });
            }
            if let Some(alias) = e
                .aliases
                .iter()
                .chain(&e.metonyms)
                .chain(&e.adjectives)
                .find(|a| a.trim().is_empty())
            {
                return Err(GazetteerError::Invalid {
                    path: name.into(),
                    line: find_line(&e.id),
                    message: format!("entity {:?} has an empty name {alias:?}", e.id),
                });
            }
            if let Some(v) = &e.valid {
                Period::parse(v).map_err(|message| GazetteerError::Invalid {
                    path: name.into(),
                    line: find_line(&e.id),
                    message,
                })?;
            }
            for r in &e.roles {
                if r.from > r.to {
                    return Err(GazetteerError::Invalid {
                        path: name.into(),
                        line: find_line(&r.role),
                        message: format!(
                            "role {:?} of {:?} ends ({}) before it starts ({})",
                            r.role, e.id, r.to, r.from
                        ),
                    });
                }
            }
        }
        for mut e in file.entity {
            e.source = name.to_string();
            e.period = e.valid.as_deref().and_then(|v| Period::parse(v).ok());
            match self.by_id.get(&e.id) {
                Some(&i) => {
                    let old = &mut self.entities[i];
                    for a in e.aliases {
                        if !old.aliases.contains(&a) {
                            old.aliases.push(a);
                        }
                    }
                    old.metonyms.extend(e.metonyms);
                    old.adjectives.extend(e.adjectives);
                    old.roles.extend(e.roles);
                    old.state = e.state.or(old.state.take());
                    old.wikidata = e.wikidata.or(old.wikidata.take());
                    if e.valid.is_some() {
                        old.valid = e.valid;
                        old.period = e.period;
                    }
                }
                None => {
                    self.by_id.insert(e.id.clone(), self.entities.len());
                    self.entities.push(e);
                }
            }
        }
        Ok(())
    }

    /// Adds an entity found in a text (open class); returns its index.
    ///
    /// The roles held ([`Gazetteer::held_roles`]) stay built: a found entity holds no role,
    /// and indexes of earlier entities do not move. (Clearing them here rebuilt the whole
    /// list, a tenth of a second's work, for every name a document introduced.)
    pub fn add_found(&mut self, id: &str, kind: EntityKind, state: Option<String>) -> usize {
        if let Some(&i) = self.by_id.get(id) {
            return i;
        }
        self.by_id.insert(id.to_string(), self.entities.len());
        self.entities.push(Entity {
            id: id.to_string(),
            kind,
            aliases: vec![id.to_string()],
            metonyms: vec![],
            adjectives: vec![],
            state,
            roles: vec![],
            wikidata: None,
            valid: None,
            period: None,
            no_surname: false,
            short_names: false,
            signed: None,
            in_force: None,
            signatories: vec![],
            articles: vec![],
            source: "text".to_string(),
        });
        self.entities.len() - 1
    }

    /// Appends an imported entity (see [`crate::import`]).
    /// Room for `n` more entities.
    pub(crate) fn reserve(&mut self, n: usize) {
        self.entities.reserve(n);
        self.by_id.reserve(n);
    }

    pub(crate) fn push_imported(&mut self, e: Entity) {
        self.held = Default::default();
        self.by_id
            .entry(e.id.clone())
            .or_insert(self.entities.len());
        self.entities.push(e);
    }

    /// Adds an imported record's new names, adjectives and roles to entity `i`; its other
    /// fields stay as curated.
    pub(crate) fn extend_imported(
        &mut self,
        i: usize,
        names: &[String],
        adjectives: &[String],
        roles: Vec<RoleSpan>,
    ) {
        self.held = Default::default();
        let e = &mut self.entities[i];
        for n in names {
            if *n != e.id && !e.aliases.contains(n) {
                e.aliases.push(n.clone());
            }
        }
        for a in adjectives {
            if !e.adjectives.contains(a) {
                e.adjectives.push(a.clone());
            }
        }
        if e.kind == EntityKind::Person {
            e.roles.extend(roles);
        }
    }

    pub fn entities(&self) -> &[Entity] {
        &self.entities
    }

    /// Every role held by a person of the gazetteer (see [`Held`]).
    pub fn held_roles(&self) -> &[Held] {
        self.held.get_or_init(|| {
            let mut out = Vec::new();
            for (i, e) in self.entities.iter().enumerate() {
                if e.kind != EntityKind::Person {
                    continue;
                }
                for r in &e.roles {
                    out.push(Held {
                        entity: i,
                        role: r.role.to_lowercase(),
                        from: r.from,
                        to: r.to,
                    });
                }
            }
            out
        })
    }

    pub fn get(&self, i: usize) -> &Entity {
        &self.entities[i]
    }

    pub fn index(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The entity a name (canonical, alias or metonym) refers to, case-insensitively.
    pub fn lookup(&self, name: &str) -> Option<usize> {
        if let Some(i) = self.index(name) {
            return Some(i);
        }
        let n = name.trim();
        self.entities.iter().position(|e| {
            e.id.eq_ignore_ascii_case(n)
                || e.aliases
                    .iter()
                    .chain(&e.metonyms)
                    .any(|a| a.eq_ignore_ascii_case(n))
        })
    }

    /// Every entity a name may mean (canonical, alias or metonym, case-insensitively), in
    /// gazetteer order: "Russia" is the Russian Empire, Soviet Russia, the USSR and the
    /// Russian Federation. The entity with that canonical name comes first.
    pub fn lookup_all(&self, name: &str) -> Vec<usize> {
        let n = name.trim();
        let mut out: Vec<usize> = self.index(n).into_iter().collect();
        for (i, e) in self.entities.iter().enumerate() {
            let named = e.id.eq_ignore_ascii_case(n)
                || e.aliases
                    .iter()
                    .chain(&e.metonyms)
                    .any(|a| a.eq_ignore_ascii_case(n));
            if named && !out.contains(&i) {
                out.push(i);
            }
        }
        out
    }

    /// The state entity an entity acts for: itself for a state, its `state` otherwise.
    pub fn state_of(&self, i: usize) -> Option<usize> {
        let e = &self.entities[i];
        match e.kind {
            EntityKind::State | EntityKind::Coalition => Some(i),
            _ => e.state.as_deref().and_then(|s| self.index(s)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_loads_and_links_states() {
        let g = Gazetteer::builtin();
        let gromyko = g.index("Andrei A. Gromyko").unwrap();
        assert_eq!(g.get(g.state_of(gromyko).unwrap()).id, "USSR");
        assert_eq!(g.get(g.lookup("the kremlin").unwrap()).id, "USSR");
        assert_eq!(g.get(g.lookup("Etorofu").unwrap()).id, "Iturup");
        // every `state` names a known entity
        for e in g.entities() {
            if let Some(s) = &e.state {
                assert!(g.index(s).is_some(), "{}: unknown state {s}", e.id);
            }
        }
    }

    #[test]
    fn an_imported_person_is_named_without_his_middle_initial_when_no_one_else_is() {
        let g = Gazetteer::builtin();
        // "Allen Dulles" is Allen W. Dulles; "Dulles" alone stays the Secretary of State
        assert_eq!(
            g.get(g.lookup("Allen Dulles").unwrap()).id,
            "Allen W. Dulles"
        );
        assert_eq!(g.get(g.lookup("Dulles").unwrap()).id, "John Foster Dulles");
        assert_eq!(
            crate::import::without_initials("Allen W. Dulles").as_deref(),
            Some("Allen Dulles")
        );
        assert_eq!(crate::import::without_initials("John Foster Dulles"), None);
        assert_eq!(
            crate::import::without_initials("George H. W. Bush").as_deref(),
            Some("George Bush")
        );
    }

    /// A name two curated entities share makes the second unreachable by it (the first
    /// meaning wins), unless one of them is a state of a period, which the linker chooses
    /// by date ("Russia" in 1905 and 1955). The NSC once stood twice, and every "National
    /// Security Council" went to the copy without the gold's name.
    #[test]
    fn curated_names_mean_one_entity_or_a_period() {
        let g = Gazetteer::curated();
        let mut by_name: HashMap<&str, usize> = HashMap::default();
        for (i, e) in g.entities().iter().enumerate() {
            let names = std::iter::once(&e.id).chain(&e.aliases).chain(&e.metonyms);
            for n in names {
                if let Some(&j) = by_name.get(n.as_str()) {
                    let dated = |k: usize| g.get(k).valid.is_some();
                    assert!(
                        j == i || dated(i) || dated(j),
                        "{n:?} names both {} and {}",
                        g.get(j).id,
                        e.id
                    );
                } else {
                    by_name.insert(n, i);
                }
            }
        }
    }

    #[test]
    fn errors_name_file_and_line() {
        let mut g = Gazetteer::builtin();
        let n = g.entities().len();
        let bad = "[[entity]]\nid = \"X\"\nkind = \"state\"\n\n[[entity]]\nid = \"Y\"\nkind = \"planet\"\n";
        let e = g.add_str("mine.toml", bad).unwrap_err().to_string();
        assert!(e.starts_with("mine.toml:7: "), "{e}");
        assert_eq!(g.entities().len(), n, "nothing added from a bad file");
        let bad = "[[entity]]\nid = \"Z\"\nkind = \"person\"\nroles = [{ role = \"envoy\", from = 1960, to = 1950 }]\n";
        let e = g.add_str("roles.toml", bad).unwrap_err().to_string();
        assert!(e.starts_with("roles.toml:4: "), "{e}");
        let e = g
            .add_str(
                "typo.toml",
                "[[entity]]\nid = \"Q\"\nkind = \"state\"\nalias = [\"q\"]\n",
            )
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("typo.toml:4: ") && e.contains("alias"), "{e}");
    }

    #[test]
    fn conflicts_short_names_and_bad_dates_are_errors() {
        let mut g = Gazetteer::curated();
        let n = g.entities().len();
        let two = "[[entity]]\nid = \"Ivanov\"\nkind = \"person\"\n\n[[entity]]\nid = \"Ivanov\"\nkind = \"state\"\n";
        let e = g.add_str("two.toml", two).unwrap_err().to_string();
        assert!(e.starts_with("two.toml:6: ") && e.contains("line 2"), "{e}");
        // against what is already known: USSR is a state in the bundled files
        let e = g
            .add_str(
                "mine.toml",
                "[[entity]]\nid = \"USSR\"\nkind = \"person\"\n",
            )
            .unwrap_err()
            .to_string();
        assert!(
            e.starts_with("mine.toml:2: ") && e.contains("states.toml"),
            "{e}"
        );
        let short =
            "[[entity]]\nid = \"Letter\"\nkind = \"person\"\naliases = [\"Letter\",\n  \"A\"]\n";
        let e = g.add_str("short.toml", short).unwrap_err().to_string();
        assert!(
            e.starts_with("short.toml:5: ") && e.contains("\"A\""),
            "{e}"
        );
        let allowed = short.replace("kind", "short_names = true\nkind");
        g.add_str("short.toml", &allowed).unwrap();
        assert_eq!(g.entities().len(), n + 1);
        let date = "[[entity]]\nid = \"Pact\"\nkind = \"instrument\"\n\nsigned = \"1956-13-45\"\n";
        let e = g.add_str("pact.toml", date).unwrap_err().to_string();
        assert!(
            e.starts_with("pact.toml:5: ") && e.contains("1956-13-45"),
            "{e}"
        );
        assert!(check_date("1956-10-19").is_ok() && check_date("1956").is_ok());
        assert!(check_date("1956-02-30").is_err() && check_date("56-10").is_err());
    }

    #[test]
    fn user_files_extend_entities() {
        let mut g = Gazetteer::builtin();
        g.add_str(
            "mine.toml",
            "[[entity]]\nid = \"USSR\"\nkind = \"state\"\naliases = [\"Sovetskii Soiuz\"]\n",
        )
        .unwrap();
        assert_eq!(g.get(g.lookup("Sovetskii Soiuz").unwrap()).id, "USSR");
    }
}
