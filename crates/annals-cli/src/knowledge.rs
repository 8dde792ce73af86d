//! `annals knowledge`: what annals knows of the world, and where it came from.

use std::io::Write;
use std::path::PathBuf;

use annals_entities::{EntityKind, Gazetteer, Roles};
use anyhow::{bail, Result};

/// `annals knowledge search NAME [--on DATE]`: every entity the name may mean (by name,
/// alias, metonym or adjective, case-insensitively), what is known of each and from which
/// file; with a date, which one the name means then, and who holds a role phrase then.
pub fn search(name: &str, on: Option<&str>, extra: &[PathBuf]) -> Result<()> {
    let mut g = Gazetteer::builtin();
    for p in extra {
        g.add_file(p)?;
    }
    let day = on.map(parse_day).transpose()?;
    let mut found = g.lookup_all(name);
    for (i, e) in g.entities().iter().enumerate() {
        // an adjective ("Soviet"), or a person's surname ("Nasser")
        let surname = e.kind == EntityKind::Person
            && e.id
                .split_whitespace()
                .next_back()
                .is_some_and(|s| s.eq_ignore_ascii_case(name));
        let adjective = e.adjectives.iter().any(|a| a.eq_ignore_ascii_case(name));
        if !found.contains(&i) && (surname || adjective) {
            found.push(i);
        }
    }
    let roles = Roles::builtin();
    let role = roles.meaning(name);
    let mut out = std::io::stdout().lock();
    if found.is_empty() && role.is_none() {
        bail!(
            "annals knows nothing named {name:?} (try a shorter name, or add it with --gazetteer)"
        );
    }
    if let (Some(d), true) = (day, found.len() > 1) {
        let now: Vec<&str> = found
            .iter()
            .filter(|&&i| g.get(i).valid_on(d))
            .map(|&i| g.get(i).id.as_str())
            .collect();
        match now.first() {
            Some(first) => writeln!(out, "on {d}, {name:?} means {first}")?,
            None => writeln!(out, "on {d}, none of the entities named {name:?} existed")?,
        }
    }
    if let Some(role) = role {
        let year = day.map(|d| i32::from(d.year()));
        match year.and_then(|y| roles.holder(&g, name, y, &[], None).map(|h| (y, h))) {
            Some((y, h)) => writeln!(
                out,
                "{name:?} is the role {role:?}; in {y}: {}",
                g.get(h).id
            )?,
            None => writeln!(
                out,
                "{name:?} is the role {role:?}{}",
                match year {
                    Some(y) => format!("; in {y} no one person holds it in the gazetteer"),
                    None => " (give --on DATE for its holder)".to_string(),
                }
            )?,
        }
    }
    for i in found {
        describe(&mut out, &g, i)?;
    }
    out.flush()?;
    Ok(())
}

fn describe(out: &mut impl Write, g: &Gazetteer, i: usize) -> Result<()> {
    let e = g.get(i);
    writeln!(out, "\n{} ({})", e.id, e.kind.as_str())?;
    if let Some(v) = &e.valid {
        writeln!(out, "  valid: {v}")?;
    }
    let list = |xs: &[String]| xs.join(", ");
    if !e.aliases.is_empty() {
        writeln!(out, "  aliases: {}", list(&e.aliases))?;
    }
    if !e.metonyms.is_empty() {
        writeln!(out, "  stands for it: {}", list(&e.metonyms))?;
    }
    if !e.adjectives.is_empty() {
        writeln!(out, "  adjectives: {}", list(&e.adjectives))?;
    }
    if let Some(s) = &e.state {
        writeln!(out, "  acts for: {s}")?;
    }
    for r in &e.roles {
        writeln!(out, "  role: {} ({}–{})", r.role, r.from, r.to)?;
    }
    if e.kind == EntityKind::Instrument {
        if let Some(s) = &e.signed {
            writeln!(out, "  signed: {s}")?;
        }
        if let Some(s) = &e.in_force {
            writeln!(out, "  in force: {s}")?;
        }
    }
    if let Some(w) = &e.wikidata {
        writeln!(out, "  wikidata: {w}")?;
    }
    writeln!(out, "  from: {}", e.source)?;
    Ok(())
}

fn parse_day(s: &str) -> Result<jiff::civil::Date> {
    let start = annals_store::partial_date_start(s).ok_or_else(|| {
        anyhow::anyhow!("invalid date {s:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)")
    })?;
    Ok(start.parse()?)
}
