//! The imported layer of the gazetteer: the event-data field's actor dictionaries
//! (CAMEO/Phoenix, as PETRARCH2 ships them; MIT licence), converted by
//! `scripts/phoenix/convert.py` into `data/knowledge/phoenix/actors.tsv` — 181 states with
//! their name variants and adjectives, ~18,000 people with dated roles, the international
//! organizations.
//!
//! It is loaded *under* annals' curated TOML files: an imported entity that shares a name
//! with a curated one (or, for a person, the surname, first initial and state) is merged into
//! it — the curated entity keeps its id, its fields, its place in the gazetteer's order — and
//! adds only the names no other entity has and its roles. What is new is appended after
//! everything curated, so a name's first meaning stays the curated one.

use std::hash::BuildHasher;

use foldhash::HashMap;

use jiff::civil::Date;

use crate::gazetteer::{Entity, EntityKind, Gazetteer, Period, RoleSpan};

/// The converted dictionaries, compiled in.
pub const PHOENIX: &str = include_str!("../../../data/knowledge/phoenix/actors.tsv");
/// Country codes to annals' state ids (with the periods a code meant a state).
pub const PHOENIX_CODES: &str = include_str!("../../../data/knowledge/phoenix/states.tsv");
/// Where imported entities say they came from.
pub const PHOENIX_SOURCE: &str = "data/knowledge/phoenix/actors.tsv";

/// Country code → (annals state id, the period it applies to), in file order.
fn codes(text: &str) -> HashMap<&str, Vec<(&str, Option<Period>)>> {
    let mut out: HashMap<&str, Vec<(&str, Option<Period>)>> = HashMap::default();
    for line in text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let mut f = line.split('\t');
        let (Some(code), Some(id)) = (f.next(), f.next()) else {
            continue;
        };
        let period = f.next().and_then(|v| Period::parse(v).ok());
        out.entry(code).or_default().push((id, period));
    }
    out
}

/// The annals state a code means on day `d` (today's state without a day).
fn state_of<'a>(
    map: &HashMap<&str, Vec<(&'a str, Option<Period>)>>,
    code: &str,
    d: Option<Date>,
) -> Option<&'a str> {
    let cands = map.get(code)?;
    match d {
        Some(d) => cands
            .iter()
            .find(|(_, p)| p.is_none_or(|p| p.contains(d)))
            .or(cands.last())
            .map(|c| c.0),
        None => cands.last().map(|c| c.0),
    }
}

/// A role `CODE FROM TO` of the dictionaries, as years; `..` is open. Elite codes (ELI,
/// "out of office", mostly with invented dates) and undated codes are no office.
fn role(s: &str) -> Option<(RoleSpan, Option<Date>)> {
    let mut f = s.split_whitespace();
    let (code, from, to) = (f.next()?, f.next()?, f.next()?);
    if code.ends_with("ELI") || (from == ".." && to == "..") {
        return None;
    }
    let day = |x: &str| -> Option<Date> {
        if x == ".." || x.len() < 8 {
            return None;
        }
        let n = |r: std::ops::Range<usize>| x.get(r)?.parse::<i16>().ok();
        Date::new(
            n(0..4)?,
            i8::try_from(n(4..6)?).ok()?,
            i8::try_from(n(6..8)?).ok()?,
        )
        .ok()
    };
    let year = |x: &str, open: i32| x.get(..4).and_then(|y| y.parse().ok()).unwrap_or(open);
    Some((
        RoleSpan {
            role: code.to_string(),
            from: year(from, -9999),
            to: year(to, 9999),
        },
        day(from),
    ))
}

/// The key that makes two records one person: surname, given name, state ("Andrei A.
/// Gromyko" and "Andrei Gromyko"), written into `key` (one buffer for every row: at 30,000
/// people a key allocated per row was a noticeable share of loading). False without one.
fn person_key(id: &str, state: Option<&str>, key: &mut String) -> bool {
    key.clear();
    let mut words = id.split_whitespace();
    let (Some(first), Some(last), Some(state)) = (words.next(), words.next_back(), state) else {
        return false;
    };
    let lower = |key: &mut String, w: &str| key.extend(w.chars().flat_map(char::to_lowercase));
    lower(key, last.trim_end_matches(['.', ',']));
    key.push('\t');
    lower(key, first);
    key.push('\t');
    key.push_str(state);
    true
}

/// The middle initials of a name ("George H. W. Bush" -> "hw"): two people with the same
/// given and family names but different middle initials are not one.
fn middle(id: &str) -> String {
    let words: Vec<&str> = id.split_whitespace().collect();
    if words.len() < 3 {
        return String::new();
    }
    words[1..words.len() - 1]
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A person's name without its middle initials ("Allen W. Dulles" -> "Allen Dulles",
/// "Yakov A. Malik" -> "Yakov Malik"), as prose often writes it; None when it has none (or
/// a middle word that is no initial: "John Foster Dulles" keeps his).
pub(crate) fn without_initials(id: &str) -> Option<String> {
    let words: Vec<&str> = id.split_whitespace().collect();
    if words.len() < 3 {
        return None;
    }
    let middle = &words[1..words.len() - 1];
    let initial = |w: &&str| {
        let w = w.trim_end_matches('.');
        w.len() == 1 && w.chars().all(|c| c.is_uppercase())
    };
    (middle.iter().all(initial) && words[0].chars().count() > 2)
        .then(|| format!("{} {}", words[0], words[words.len() - 1]))
}

/// One row of the converted dictionaries, read.
struct Record {
    kind: EntityKind,
    id: String,
    state: Option<String>,
    aliases: Vec<String>,
    adjectives: Vec<String>,
    roles: Vec<RoleSpan>,
    word_surname: bool,
}

type Codes<'a> = HashMap<&'a str, Vec<(&'a str, Option<Period>)>>;

/// The rows read, in order: each half on its own thread, since reading is independent per
/// row and most of loading (merging stays sequential, it depends on what came before).
fn records(lines: &[&str], map: &Codes, own: &HashMap<&str, &str>) -> Vec<Record> {
    let (a, b) = lines.split_at(lines.len() / 2);
    let read = |part: &[&str]| -> Vec<Record> {
        part.iter().filter_map(|l| record(l, map, own)).collect()
    };
    std::thread::scope(|scope| {
        let second = scope.spawn(|| read(b));
        let mut out = read(a);
        out.extend(second.join().expect("reading rows does not panic"));
        out
    })
}

/// A row as a record; `None` for a malformed row or a one-word person name that is an
/// ordinary word.
fn record(line: &str, map: &Codes, own: &HashMap<&str, &str>) -> Option<Record> {
    // the seven columns, without a vector per row
    let (mut f, mut n) = ([""; 7], 0);
    for (slot, v) in f.iter_mut().zip(line.split('\t')) {
        (*slot, n) = (v, n + 1);
    }
    if n < 6 {
        return None;
    }
    let kind = match f[0] {
        "state" => EntityKind::State,
        "person" => EntityKind::Person,
        "organization" => EntityKind::Organization,
        _ => return None,
    };
    let list = |s: &str| -> Vec<String> {
        s.split('|')
            .filter(|x| !x.is_empty())
            .map(String::from)
            .collect()
    };
    let mut roles = Vec::new();
    let mut first_day = None;
    for r in f[5].split(';').filter_map(role) {
        first_day = match (first_day, r.1) {
            (Some(a), Some(b)) => Some(std::cmp::min(a, b)),
            (a, b) => a.or(b),
        };
        roles.push(r.0);
    }
    let code = f[2];
    let mut id = f[1].to_string();
    let state = if kind == EntityKind::State {
        if let Some(s) = state_of(map, code, None) {
            id = s.to_string();
        }
        None
    } else {
        state_of(map, code, first_day)
            .or_else(|| own.get(code).copied())
            .map(String::from)
    };
    let word_surname = f[6] == "1";
    if kind == EntityKind::Person && word_surname && !id.contains(' ') {
        return None;
    }
    let adjectives = if kind == EntityKind::State {
        list(f[4])
    } else {
        Vec::new()
    };
    Some(Record {
        kind,
        id,
        state,
        aliases: list(f[3]),
        adjectives,
        roles,
        word_surname,
    })
}

/// Adds the imported dictionaries to `g` (which holds the curated files already).
pub fn add_phoenix(g: &mut Gazetteer) {
    add_import(g, PHOENIX, PHOENIX_CODES, PHOENIX_SOURCE);
}

/// Adds an import in the converter's TSV format (see the module documentation).
pub fn add_import(g: &mut Gazetteer, tsv: &str, code_table: &str, source: &str) {
    let map = codes(code_table);
    // every name the gazetteer has, and its entity
    let mut names: HashMap<String, usize> = HashMap::default();
    let mut people: HashMap<String, usize> = HashMap::default();
    let mut key = String::new();
    // names imported records took: no second record takes them as an alias. Hashes, not
    // the names: the names move into the entities, and a copy of each was a tenth of
    // loading at 100,000 names (two names sharing a 64-bit hash would cost one alias)
    let mut taken: foldhash::HashSet<u64> = foldhash::HashSet::default();
    let hash = |n: &str| foldhash::fast::FixedState::default().hash_one(n);
    // sized up front: growing these tables row by row was a fifth of loading at 100,000 names
    let rows = tsv.lines().count();
    taken.reserve(rows * 3);
    g.reserve(rows);
    for (i, e) in g.entities().iter().enumerate() {
        let all = std::iter::once(&e.id)
            .chain(&e.aliases)
            .chain(&e.metonyms)
            .chain(&e.adjectives);
        for n in all {
            names.entry(n.clone()).or_insert(i);
        }
        if e.kind == EntityKind::Person && person_key(&e.id, e.state.as_deref(), &mut key) {
            people.entry(key.clone()).or_insert(i);
        }
    }
    // the dictionaries' own name for each state code the table does not map
    let own: HashMap<&str, &str> = tsv
        .lines()
        .filter_map(|l| {
            let mut f = l.split('\t');
            (f.next()? == "state").then_some(())?;
            let id = f.next()?;
            Some((f.next()?, id))
        })
        .collect();
    let lines: Vec<&str> = tsv
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .collect();
    let records = records(&lines, &map, &own);
    // a name without middle initials is an alias only of the one person it can be: "John
    // Smith" is neither John A. Smith nor John B. Smith
    let mut plain: HashMap<String, u32> = HashMap::default();
    for r in records.iter().filter(|r| r.kind == EntityKind::Person) {
        if let Some(p) = without_initials(&r.id) {
            *plain.entry(p).or_default() += 1;
        }
    }
    for r in records {
        let Record {
            kind,
            id,
            state,
            mut aliases,
            adjectives,
            roles,
            word_surname,
        } = r;
        if kind == EntityKind::Person {
            if let Some(p) = without_initials(&id).filter(|p| plain.get(p) == Some(&1)) {
                if !aliases.contains(&p) {
                    aliases.push(p);
                }
            }
        }
        // the entity this record is: one the gazetteer has under any of its names, or (a
        // person) the same surname, initial and state
        let same = std::iter::once(&id)
            .chain(&aliases)
            .find_map(|n| names.get(n).copied().filter(|&i| g.get(i).kind == kind))
            .or_else(|| {
                let keyed =
                    kind == EntityKind::Person && person_key(&id, state.as_deref(), &mut key);
                let i = people.get(&key).copied().filter(|_| keyed)?;
                let (a, b) = (middle(&id), middle(&g.get(i).id));
                (a.is_empty() || b.is_empty() || a == b).then_some(i)
            });
        let is_fresh = |n: &String| !names.contains_key(n) && !taken.contains(&hash(n));
        let id_fresh = is_fresh(&id);
        aliases.retain(|n| *n != id && is_fresh(n));
        // only curated entities are merge targets (by name or by person key): two imported
        // people who share an alias ("George Bush") stay two
        taken.extend(aliases.iter().map(|n| hash(n)));
        if id_fresh {
            taken.insert(hash(&id));
        }
        match same {
            Some(i) => {
                if id_fresh {
                    aliases.insert(0, id);
                }
                g.extend_imported(i, &aliases, &adjectives, roles)
            }
            None => g.push_imported(Entity {
                id,
                kind,
                aliases,
                metonyms: vec![],
                adjectives,
                state,
                roles,
                wikidata: None,
                valid: None,
                period: None,
                signed: None,
                in_force: None,
                signatories: vec![],
                articles: vec![],
                source: source.to_string(),
                no_surname: word_surname,
                short_names: false,
            }),
        }
    }
}
