//! `annals-views`: the chronology handed to the tools historians already use.
//!
//! Every export carries, for every event, the evidence (the sentence that states it, with its
//! document and byte offsets) and the sources it rests on, and says how a vague date was
//! written: the TIMEX3 value as annals normalized it and the calendar interval it stands for,
//! so that "the first half of 1949" is never passed off as January 1.
//!
//! * [`timelinejs`]: TimelineJS 3 JSON.
//! * [`palladio_csv`]: one row per event for Palladio (ISO dates, actors as a list column).
//! * [`gexf`]: GEXF 1.3 for Gephi: actors as nodes, events as dated edges.
//! * [`jsonld`]: JSON-LD with schema.org `Event`, `Place`, `Person`, `Organization`,
//!   `CreativeWork` (for sources).
//! * [`plover`]: PLOVER-style event records (JSON lines) for event-data tools.

use std::collections::{BTreeMap, HashMap};

use annals_store::{ClaimRow, Filter, Store, StoreError, TimelineRow};
use serde_json::{json, Value};

/// Errors of the exports.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot write the export: {0}")]
    Write(String),
}

/// Filters as people give them: names or aliases become canonical entities ("Moscow" →
/// USSR), partial dates the start (`from`) or the end (`to`) of their period. The message of
/// an error says what was wrong, for a command line or an HTTP 400.
/// The event types of the built-in lexicon (`data/events.toml`), read once: a type filter
/// outside them is a typo, not a question with no answer.
fn event_types() -> &'static [String] {
    static TYPES: std::sync::OnceLock<Vec<String>> = std::sync::OnceLock::new();
    TYPES.get_or_init(|| {
        annals_events::Lexicon::builtin()
            .types()
            .iter()
            .map(|t| t.name.clone())
            .collect()
    })
}

pub fn filter(
    gazetteer: &annals_entities::Gazetteer,
    actors: &[String],
    from: Option<&str>,
    to: Option<&str>,
    kind: Option<&str>,
    text: Option<&str>,
    source: Option<&str>,
) -> Result<Filter, String> {
    for d in [from, to].into_iter().flatten() {
        if annals_store::partial_date_start(d).is_none() {
            return Err(format!(
                "invalid date {d:?} (expected YYYY, YYYY-MM or YYYY-MM-DD)"
            ));
        }
    }
    if let Some(k) = kind {
        let types = event_types();
        if !types.iter().any(|t| t == k) {
            return Err(format!(
                "unknown event type {k:?} (the types are: {})",
                types.join(", ")
            ));
        }
    }
    // a name stands for every entity that bore it: "Russia" finds the Russian Empire's
    // events and the USSR's
    let actors = actors
        .iter()
        .flat_map(|a| {
            let all = gazetteer.lookup_all(a);
            if all.is_empty() {
                vec![a.clone()]
            } else {
                all.into_iter()
                    .map(|i| gazetteer.get(i).id.clone())
                    .collect()
            }
        })
        .collect();
    Ok(Filter {
        actors,
        from: from.and_then(annals_store::partial_date_start),
        to: to.and_then(annals_store::partial_date_end),
        kind: kind.map(String::from),
        text: text.map(String::from),
        source: source.map(String::from),
        ..Filter::default()
    })
}

/// One event with what an export needs.
#[derive(Debug, Clone)]
pub struct ExportEvent {
    pub row: TimelineRow,
    pub claims: Vec<ClaimRow>,
    /// The evidence sentence of the first claim.
    pub evidence: String,
    /// The sources of all claims, without repeats.
    pub sources: Vec<String>,
}

impl ExportEvent {
    /// "E12".
    pub fn id(&self) -> String {
        format!("E{}", self.row.id)
    }

    /// Whether the date names a day (or a time): anything coarser is vague.
    pub fn precise(&self) -> bool {
        self.row.date.len() >= 10 && !self.row.date.contains('/')
    }

    /// How the date was written, for people: empty for a plain day.
    pub fn date_note(&self) -> String {
        let how = self
            .claims
            .first()
            .map_or("text", |c| c.date_source.as_str());
        let origin = match how {
            "registry" => " (from the registry of instruments, not stated by the text)",
            "narrative" => " (not in the sentence: the date of the passage it continues)",
            "resolved" => " (a relative expression resolved against the narrative)",
            _ => "",
        };
        if self.precise() {
            return origin
                .trim()
                .trim_start_matches('(')
                .trim_end_matches(')')
                .to_string();
        }
        format!(
            "vague date, written {} = [{}, {}) end exclusive{origin}",
            self.row.date, self.row.start, self.row.end
        )
    }

    /// The last day of the interval (inclusive), for tools that want an end date.
    pub fn last_day(&self) -> String {
        iso_minus_one_day(&self.row.end).unwrap_or_else(|| self.row.start.clone())
    }
}

fn iso_minus_one_day(s: &str) -> Option<String> {
    let mut p = s.split('-').map(|x| x.parse::<i32>().ok());
    let (y, m, d) = (p.next()??, p.next()??, p.next()??);
    let days_in = |y: i32, m: i32| match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    };
    let (y, m, d) = if d > 1 {
        (y, m, d - 1)
    } else if m > 1 {
        (y, m - 1, days_in(y, m - 1))
    } else {
        (y - 1, 12, 31)
    };
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The events of the store that pass `filter`, with claims, evidence and sources.
pub fn collect(store: &Store, filter: &Filter) -> Result<Vec<ExportEvent>, ViewError> {
    let mut texts: HashMap<String, Option<String>> = HashMap::new();
    let mut out = Vec::new();
    for row in store.timeline(filter)? {
        let claims = store.claims(row.id)?;
        if !texts.contains_key(&row.doc) {
            let t = store.document_text(&row.doc)?;
            texts.insert(row.doc.clone(), t);
        }
        let evidence = texts[&row.doc]
            .as_deref()
            .and_then(|t| t.get(row.evidence_start as usize..row.evidence_end as usize))
            .map(|e| e.split_whitespace().collect::<Vec<_>>().join(" "))
            .unwrap_or_default();
        let mut sources: Vec<String> = Vec::new();
        for c in &claims {
            for s in &c.sources {
                if !sources.contains(s) {
                    sources.push(s.clone());
                }
            }
        }
        out.push(ExportEvent {
            row,
            claims,
            evidence,
            sources,
        });
    }
    Ok(out)
}

fn source_line(e: &ExportEvent) -> String {
    if e.sources.is_empty() {
        format!("{} (the author)", e.row.doc)
    } else {
        format!("{}; in {}", e.sources.join("; "), e.row.doc)
    }
}

fn date_parts(iso: &str) -> Value {
    let mut p = iso.split(['-', 'T']);
    let mut v = serde_json::Map::new();
    for key in ["year", "month", "day"] {
        if let Some(n) = p.next().and_then(|x| x.parse::<i64>().ok()) {
            v.insert(key.into(), n.into());
        }
    }
    Value::Object(v)
}

/// TimelineJS 3 JSON (`{"title": …, "events": […]}`). Vague dates span their interval and
/// show the date as written (`display_date`).
pub fn timelinejs(events: &[ExportEvent], title: &str) -> Value {
    let evs: Vec<Value> = events
        .iter()
        .filter(|e| !e.row.start.is_empty())
        .map(|e| {
            let who = if e.row.targets.is_empty() {
                e.row.actors.join(", ")
            } else {
                format!("{} → {}", e.row.actors.join(", "), e.row.targets.join(", "))
            };
            let mut text = format!(
                "<p>{}</p><p><small>Evidence: {} bytes {}–{}. Source: {}.</small></p>",
                html(&e.evidence),
                html(&e.row.doc),
                e.row.evidence_start,
                e.row.evidence_end,
                html(&source_line(e))
            );
            let note = e.date_note();
            if !note.is_empty() {
                text.push_str(&format!("<p><small>Date: {}</small></p>", html(&note)));
            }
            let mut v = json!({
                "unique_id": e.id(),
                "start_date": date_parts(&e.row.start),
                "text": {"headline": html(&format!("{}{}: {}", e.row.kind, if e.row.negated { " (did not happen)" } else { "" }, who)), "text": text},
                "group": e.row.kind,
                "display_date": e.row.date,
            });
            if !e.precise() {
                v["end_date"] = date_parts(&e.last_day());
            }
            v
        })
        .collect();
    json!({
        "title": {"text": {"headline": html(title), "text": "<p>Built by annals. Every event links to its evidence.</p>"}},
        "events": evs,
    })
}

fn html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// CSV for Palladio: one row per event; `actors` and `targets` are list columns (Palladio's
/// default delimiter `;`), dates ISO.
pub fn palladio_csv(events: &[ExportEvent]) -> Result<Vec<u8>, ViewError> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let err = |e: csv::Error| ViewError::Write(e.to_string());
    w.write_record([
        "id",
        "date",
        "start",
        "end",
        "date_note",
        "type",
        "cameo",
        "plover",
        "actors",
        "targets",
        "place",
        "instrument",
        "negated",
        "modality",
        "summary",
        "evidence",
        "source",
        "document",
        "evidence_start",
        "evidence_end",
        "claims",
    ])
    .map_err(err)?;
    for e in events {
        let r = &e.row;
        w.write_record([
            e.id(),
            r.date.clone(),
            r.start.clone(),
            e.last_day(),
            e.date_note(),
            r.kind.clone(),
            r.cameo.clone().unwrap_or_default(),
            r.plover.clone().unwrap_or_default(),
            r.actors.join(";"),
            r.targets.join(";"),
            r.place.clone().unwrap_or_default(),
            r.instrument.clone().unwrap_or_default(),
            r.negated.to_string(),
            r.modality.clone().unwrap_or_default(),
            r.summary.clone(),
            e.evidence.clone(),
            source_line(e),
            r.doc.clone(),
            r.evidence_start.to_string(),
            r.evidence_end.to_string(),
            r.claims.to_string(),
        ])
        .map_err(err)?;
    }
    w.into_inner().map_err(|e| ViewError::Write(e.to_string()))
}

/// GEXF 1.3 for Gephi: actors as nodes, events as dated directed edges from each actor to
/// each target (an event with no target is a self-loop on its actor). Edges carry the event
/// type, the date as written, the evidence and the source.
pub fn gexf(
    events: &[ExportEvent],
    kinds: &BTreeMap<String, String>,
) -> Result<Vec<u8>, ViewError> {
    use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
    let mut w = quick_xml::Writer::new_with_indent(Vec::new(), b' ', 2);
    let err = |e: std::io::Error| ViewError::Write(e.to_string());
    let mut nodes: BTreeMap<&str, usize> = BTreeMap::new();
    for e in events {
        for n in e.row.actors.iter().chain(&e.row.targets) {
            let k = nodes.len();
            nodes.entry(n.as_str()).or_insert(k);
        }
    }
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
        .map_err(err)?;
    let mut root = BytesStart::new("gexf");
    root.push_attribute(("xmlns", "http://gexf.net/1.3"));
    root.push_attribute(("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"));
    root.push_attribute((
        "xsi:schemaLocation",
        "http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd",
    ));
    root.push_attribute(("version", "1.3"));
    w.write_event(Event::Start(root)).map_err(err)?;
    w.write_event(Event::Start(BytesStart::new("meta")))
        .map_err(err)?;
    w.write_event(Event::Start(BytesStart::new("creator")))
        .map_err(err)?;
    w.write_event(Event::Text(BytesText::new("annals")))
        .map_err(err)?;
    w.write_event(Event::End(BytesEnd::new("creator")))
        .map_err(err)?;
    w.write_event(Event::Start(BytesStart::new("description")))
        .map_err(err)?;
    w.write_event(Event::Text(BytesText::new("Actors and the events between them; edge dates are calendar intervals, date_written keeps the TIMEX3 value as the text gave it."))).map_err(err)?;
    w.write_event(Event::End(BytesEnd::new("description")))
        .map_err(err)?;
    w.write_event(Event::End(BytesEnd::new("meta")))
        .map_err(err)?;
    let mut graph = BytesStart::new("graph");
    graph.push_attribute(("defaultedgetype", "directed"));
    graph.push_attribute(("mode", "dynamic"));
    graph.push_attribute(("timeformat", "date"));
    w.write_event(Event::Start(graph)).map_err(err)?;
    // attribute declarations
    let decl = |w: &mut quick_xml::Writer<Vec<u8>>,
                class: &str,
                attrs: &[(&str, &str)]|
     -> std::io::Result<()> {
        let mut a = BytesStart::new("attributes");
        a.push_attribute(("class", class));
        w.write_event(Event::Start(a))?;
        for (i, (title, ty)) in attrs.iter().enumerate() {
            let mut at = BytesStart::new("attribute");
            let id = i.to_string();
            at.push_attribute(("id", id.as_str()));
            at.push_attribute(("title", *title));
            at.push_attribute(("type", *ty));
            w.write_event(Event::Empty(at))?;
        }
        w.write_event(Event::End(BytesEnd::new("attributes")))
    };
    decl(&mut w, "node", &[("kind", "string")]).map_err(err)?;
    decl(
        &mut w,
        "edge",
        &[
            ("type", "string"),
            ("date_written", "string"),
            ("evidence", "string"),
            ("source", "string"),
            ("event", "string"),
        ],
    )
    .map_err(err)?;
    let values = |w: &mut quick_xml::Writer<Vec<u8>>, vals: &[&str]| -> std::io::Result<()> {
        w.write_event(Event::Start(BytesStart::new("attvalues")))?;
        for (i, v) in vals.iter().enumerate() {
            let mut av = BytesStart::new("attvalue");
            let id = i.to_string();
            av.push_attribute(("for", id.as_str()));
            av.push_attribute(("value", *v));
            w.write_event(Event::Empty(av))?;
        }
        w.write_event(Event::End(BytesEnd::new("attvalues")))
    };
    w.write_event(Event::Start(BytesStart::new("nodes")))
        .map_err(err)?;
    for (name, id) in &nodes {
        let mut n = BytesStart::new("node");
        let ids = format!("n{id}");
        n.push_attribute(("id", ids.as_str()));
        n.push_attribute(("label", *name));
        w.write_event(Event::Start(n)).map_err(err)?;
        let kind = kinds.get(*name).map_or("", String::as_str);
        values(&mut w, &[kind]).map_err(err)?;
        w.write_event(Event::End(BytesEnd::new("node")))
            .map_err(err)?;
    }
    w.write_event(Event::End(BytesEnd::new("nodes")))
        .map_err(err)?;
    w.write_event(Event::Start(BytesStart::new("edges")))
        .map_err(err)?;
    let mut k = 0;
    for e in events.iter().filter(|e| !e.row.start.is_empty()) {
        let targets: Vec<&String> = if e.row.targets.is_empty() {
            e.row.actors.iter().collect()
        } else {
            e.row.targets.iter().collect()
        };
        for a in &e.row.actors {
            for t in &targets {
                let mut ed = BytesStart::new("edge");
                let id = format!("e{k}");
                k += 1;
                let (s, t_id) = (
                    format!("n{}", nodes[a.as_str()]),
                    format!("n{}", nodes[t.as_str()]),
                );
                ed.push_attribute(("id", id.as_str()));
                ed.push_attribute(("source", s.as_str()));
                ed.push_attribute(("target", t_id.as_str()));
                ed.push_attribute(("label", e.row.kind.as_str()));
                ed.push_attribute(("start", e.row.start.as_str()));
                let last = e.last_day();
                ed.push_attribute(("end", last.as_str()));
                w.write_event(Event::Start(ed)).map_err(err)?;
                let src = source_line(e);
                let eid = e.id();
                values(
                    &mut w,
                    &[
                        e.row.kind.as_str(),
                        e.row.date.as_str(),
                        e.evidence.as_str(),
                        src.as_str(),
                        eid.as_str(),
                    ],
                )
                .map_err(err)?;
                w.write_event(Event::End(BytesEnd::new("edge")))
                    .map_err(err)?;
            }
        }
    }
    w.write_event(Event::End(BytesEnd::new("edges")))
        .map_err(err)?;
    w.write_event(Event::End(BytesEnd::new("graph")))
        .map_err(err)?;
    w.write_event(Event::End(BytesEnd::new("gexf")))
        .map_err(err)?;
    let mut out = w.into_inner();
    out.push(b'\n');
    Ok(out)
}

/// JSON-LD with schema.org: each event an `Event` with `startDate`/`endDate` (the interval),
/// `temporalCoverage` (the date as written), `location` (`Place`), `organizer` (the actors) and
/// `attendee` (the targets) as `Person`/`Organization`/`Country`, and `subjectOf` the sources
/// as `CreativeWork`s quoting the evidence.
pub fn jsonld(events: &[ExportEvent], kinds: &BTreeMap<String, String>) -> Value {
    let agent = |name: &String| {
        let ty = match kinds.get(name).map(String::as_str) {
            Some("person") => "Person",
            Some("state") => "Country",
            _ => "Organization",
        };
        json!({"@type": ty, "name": name})
    };
    let graph: Vec<Value> = events
        .iter()
        .map(|e| {
            let mut v = json!({
                "@id": format!("urn:annals:event:{}", e.id()),
                "@type": "Event",
                "name": format!("{}: {}", e.row.kind, e.row.actors.join(", ")),
                "description": e.row.summary,
                "temporalCoverage": e.row.date,
                "startDate": e.row.start,
                "endDate": e.last_day(),
                "organizer": e.row.actors.iter().map(agent).collect::<Vec<_>>(),
                "attendee": e.row.targets.iter().map(agent).collect::<Vec<_>>(),
                "additionalType": e.row.kind,
                "subjectOf": e.claims.iter().map(|c| json!({
                    "@type": "CreativeWork",
                    "name": c.doc,
                    "citation": c.sources,
                    "text": e.evidence,
                    "position": format!("bytes {}-{}", c.evidence.0, c.evidence.1),
                })).collect::<Vec<_>>(),
            });
            let note = e.date_note();
            if !note.is_empty() {
                v["disambiguatingDescription"] = note.into();
            }
            if let Some(p) = &e.row.place {
                v["location"] = json!({"@type": "Place", "name": p});
            }
            if e.row.negated {
                v["eventStatus"] = "https://schema.org/EventCancelled".into();
            }
            v
        })
        .collect();
    json!({"@context": "https://schema.org", "@graph": graph})
}

/// PLOVER-style event records, one JSON object per line: id, date, event (PLOVER type),
/// mode (negated/hypothetical), actor, recipient, the source text and where it is.
pub fn plover(events: &[ExportEvent]) -> Vec<u8> {
    let mut out = Vec::new();
    for e in events {
        let mode = if e.row.negated {
            "negated"
        } else {
            e.row.modality.as_deref().unwrap_or("")
        };
        let v = json!({
            "id": e.id(),
            "date": e.row.start,
            "date_end": e.last_day(),
            "date_written": e.row.date,
            "date_note": e.date_note(),
            "event": e.row.plover.clone().unwrap_or_else(|| "OTHER".into()),
            "event_subtype": e.row.kind,
            "cameo": e.row.cameo,
            "mode": mode,
            "actor": e.row.actors,
            "recipient": e.row.targets,
            "location": e.row.place,
            "source": source_line(e),
            "text": e.evidence,
            "document": e.row.doc,
            "offsets": [e.row.evidence_start, e.row.evidence_end],
        });
        out.extend(v.to_string().bytes());
        out.push(b'\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(date: &str, start: &str, end: &str) -> ExportEvent {
        ExportEvent {
            row: TimelineRow {
                id: 7,
                date: date.into(),
                start: start.into(),
                end: end.into(),
                kind: "veto".into(),
                actors: vec!["USSR".into()],
                targets: vec!["Japan".into()],
                summary: "The USSR vetoed Japan.".into(),
                evidence_start: 10,
                evidence_end: 40,
                doc: "a.txt".into(),
                claims: 1,
                negated: false,
                modality: None,
                place: Some("New York".into()),
                instrument: None,
                rival_of: None,
                cameo: Some("12".into()),
                plover: Some("REJECT".into()),
            },
            claims: vec![ClaimRow {
                doc_id: 1,
                doc: "a.txt".into(),
                date: date.into(),
                evidence: (10, 40),
                trigger: None,
                date_span: (0, 0),
                sources: vec!["Kurusu 2008, 128".into()],
                date_source: "text".into(),
                roles: String::new(),
            }],
            evidence: "the Soviet Union used the veto".into(),
            sources: vec!["Kurusu 2008, 128".into()],
        }
    }

    fn kinds() -> BTreeMap<String, String> {
        [
            ("USSR".to_string(), "state".to_string()),
            ("Japan".to_string(), "state".to_string()),
        ]
        .into_iter()
        .collect()
    }

    #[test]
    fn vague_dates_say_how_they_were_written() {
        let e = ev("1949-H1", "1949-01-01", "1949-07-01");
        assert_eq!(
            e.date_note(),
            "vague date, written 1949-H1 = [1949-01-01, 1949-07-01) end exclusive"
        );
        assert_eq!(e.last_day(), "1949-06-30");
        let t = timelinejs(&[e], "t");
        assert_eq!(
            t["events"][0]["start_date"],
            json!({"year": 1949, "month": 1, "day": 1})
        );
        assert_eq!(
            t["events"][0]["end_date"],
            json!({"year": 1949, "month": 6, "day": 30})
        );
        assert_eq!(t["events"][0]["display_date"], "1949-H1");
        let p = ev("1955-12-13", "1955-12-13", "1955-12-14");
        assert_eq!(p.date_note(), "");
        assert!(timelinejs(&[p], "t")["events"][0].get("end_date").is_none());
    }

    #[test]
    fn csv_and_plover_carry_evidence_and_source() {
        let e = ev("1955-12-13", "1955-12-13", "1955-12-14");
        let csv = String::from_utf8(palladio_csv(std::slice::from_ref(&e)).unwrap()).unwrap();
        let mut lines = csv.lines();
        assert!(lines
            .next()
            .unwrap()
            .starts_with("id,date,start,end,date_note,type"));
        let row = lines.next().unwrap();
        assert!(
            row.starts_with(
                "E7,1955-12-13,1955-12-13,1955-12-13,,veto,12,REJECT,USSR,Japan,New York"
            ),
            "{row}"
        );
        assert!(
            row.contains("the Soviet Union used the veto")
                && row.contains("Kurusu 2008, 128; in a.txt")
        );
        let pl: Value = serde_json::from_slice(&plover(&[e])).unwrap();
        assert_eq!(pl["event"], "REJECT");
        assert_eq!(pl["actor"], json!(["USSR"]));
        assert_eq!(pl["recipient"], json!(["Japan"]));
        assert_eq!(pl["offsets"], json!([10, 40]));
    }

    #[test]
    fn gexf_is_well_formed_with_dated_edges() {
        let e = ev("1955-12-13", "1955-12-13", "1955-12-14");
        let x = String::from_utf8(gexf(&[e], &kinds()).unwrap()).unwrap();
        assert!(x.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>"));
        assert!(x.contains("<gexf xmlns=\"http://gexf.net/1.3\""));
        assert!(x.contains("<node id=\"n0\" label=\"USSR\">"));
        assert!(x.contains("<edge id=\"e0\" source=\"n0\" target=\"n1\" label=\"veto\" start=\"1955-12-13\" end=\"1955-12-13\">"));
        // well-formed: every start tag closed, in order
        let mut r = quick_xml::Reader::from_str(&x);
        let mut depth = 0i32;
        loop {
            match r.read_event().unwrap() {
                quick_xml::events::Event::Start(_) => depth += 1,
                quick_xml::events::Event::End(_) => depth -= 1,
                quick_xml::events::Event::Eof => break,
                _ => {}
            }
        }
        assert_eq!(depth, 0);
    }

    #[test]
    fn jsonld_uses_schema_org() {
        let v = jsonld(&[ev("1955-12-13", "1955-12-13", "1955-12-14")], &kinds());
        assert_eq!(v["@context"], "https://schema.org");
        let e = &v["@graph"][0];
        assert_eq!(e["@type"], "Event");
        assert_eq!(
            e["organizer"][0],
            json!({"@type": "Country", "name": "USSR"})
        );
        assert_eq!(e["location"], json!({"@type": "Place", "name": "New York"}));
        assert_eq!(e["subjectOf"][0]["@type"], "CreativeWork");
        assert_eq!(e["subjectOf"][0]["citation"], json!(["Kurusu 2008, 128"]));
    }
}
