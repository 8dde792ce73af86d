//! The chronology commands: `build`, `timeline`, `show`, `actors`, `sources`.
//!
//! `analyze` runs the whole pipeline on one document (ingest → time → entities → cite →
//! events) and turns clean offsets into input offsets; `build` stores the results.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use annals_entities::{DocState, Gazetteer, Linker};
use annals_events::frame::person_named;
use annals_events::{citations, extract, Citation, DocFrame, DocKind, Lexicon};
use annals_ingest::{blocks, sentences, BlockKind};
use annals_store::{
    sha256_hex, CitationRecord, DocumentRecord, EntityRecord, EventRecord, Filter, MentionRecord,
    ReferenceRecord, Store, TimelineRow, TimexRecord,
};
use annals_time::{Role, Tagger};
use anyhow::{bail, Context, Result};

use crate::pipeline::role;

/// The knowledge the chronology is made with.
pub struct Knowledge {
    pub gazetteer: Gazetteer,
    pub linker: Linker,
    pub lexicon: Lexicon,
    /// A fingerprint of it all, with the program version: a change re-extracts every document.
    pub fingerprint: String,
}

impl Knowledge {
    /// The bundled gazetteer and lexicon plus the user's gazetteer files.
    pub fn load(extra: &[PathBuf]) -> Result<Knowledge> {
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
    }
}

/// The document's frame (who sends it to whom, who converses), from its heading, signature
/// line and drafting note; heading offsets are input offsets.
fn document_frame(all: &[annals_ingest::Block], k: &mut Knowledge) -> Option<DocFrame> {
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
    // a memorandum of conversation without "Between …" lists them: "PARTICIPANTS", then a
    // short line each ("The Secretary", "FE—Mr. Sebald")
    if frame.kind == DocKind::Conversation && frame.participants.is_empty() {
        let list = all
            .iter()
            .position(|b| b.clean.text.trim().eq_ignore_ascii_case("participants"));
        for b in list.map_or(&all[..0], |i| &all[i + 1..]) {
            if b.clean.text.split_whitespace().count() > 6 {
                break;
            }
            for m in k.linker.find(&mut k.gazetteer, &b.clean.text, &mut scratch) {
                let e = k.gazetteer.get(m.entity);
                if e.kind == annals_entities::EntityKind::Person
                    && !frame.participants.contains(&m.entity)
                {
                    frame.participants.push(m.entity);
                }
            }
        }
    }
    // the signature: a short last line naming a person ("Allison")
    let last = all.iter().rev().find(|b| !b.clean.text.trim().is_empty());
    let signer = last.filter(|b| b.clean.text.len() < 40).and_then(|b| {
        let m = k.linker.find(&mut k.gazetteer, &b.clean.text, &mut scratch);
        person_named(&b.clean.text, &m, &k.gazetteer)
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

/// Runs the pipeline on one document's text.
pub fn analyze(
    name: &str,
    text: &str,
    sha256: String,
    k: &mut Knowledge,
    dct: Option<jiff::civil::Date>,
) -> Result<DocumentRecord> {
    let mut tagger = Tagger::new();
    tagger.set_dct(dct);
    let mut doc = DocState::default();
    let mut rec = DocumentRecord {
        name: name.to_string(),
        text: text.to_string(),
        bytes: text.len(),
        sha256,
        dct: dct.map(|d| d.to_string()),
        ..DocumentRecord::default()
    };
    // Quotation events wait for the source line that follows the quotation.
    let mut pending_quote: Vec<EventRecord> = Vec::new();
    let mut ctx = annals_events::Context::default();
    // The document is in memory already (it is stored whole): one pass over it, no chunks.
    {
        let all = blocks(text, 0);
        let frame = document_frame(&all, k);
        if let Some(f) = &frame {
            ctx.voices = f.voices(&k.gazetteer);
        }
        let mut clock_set = false;
        let model = annals_syntax::Model::builtin();
        for (bi, block) in all.iter().enumerate() {
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
                continue;
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
            let timexes = tagger.tag(&clean.text, r);
            let mut doc_date = None;
            if block.kind == BlockKind::Dateline && dct.is_none() {
                if let Some(d) = crate::pipeline::dateline_date(&timexes) {
                    tagger.set_dct(Some(d));
                    rec.dct = Some(d.to_string());
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
            if r == Role::Skip {
                continue;
            }
            let mentions = k.linker.find(&mut k.gazetteer, &clean.text, &mut doc);
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
            let cites: Vec<Citation> = citations(&clean.text);
            for c in &cites {
                let (a, b) = map(c.start, c.end);
                rec.citations.push(citation_record(c, a, b));
            }
            let is_frame_heading = frame.as_ref().is_some_and(|f| f.heading == (s..e));
            // an archive's note on its copy ("[Source: … Drafted by Sebald. Approved by …]")
            // tells how the document was filed, not what happened
            let archival_note = clean.text.starts_with("[Source:");
            if block.kind == BlockKind::Heading
                || is_frame_heading
                || archival_note
                || (frame.is_some() && block.kind == BlockKind::Dateline)
            {
                ctx.new_passage();
                continue; // a title dates a period, not an event; a document heading is the
                          // document's own event
            }
            let sents = sentences(&clean.text);
            // each block is a passage of its own: dates carry over between its sentences only
            ctx.new_passage();
            let parses: Vec<annals_syntax::Sentence> = if ctx.document.is_some() {
                sents
                    .iter()
                    .map(|s| model.parse_sentence(&clean.text, without_note_mark(&clean.text, s)))
                    .collect()
            } else {
                Vec::new()
            };
            let input = annals_events::BlockInput {
                text: &clean.text,
                sentences: &sents,
                parses: &parses,
                timexes: &timexes,
                mentions: &mentions,
                citations: &cites,
                quote_source: None,
            };
            let mut events = extract(&input, &k.gazetteer, &k.lexicon, &mut ctx);
            if let (Some(f), Some(clock), BlockKind::Paragraph) =
                (&frame, &ctx.document, block.kind)
            {
                f.points(
                    &clean.text,
                    &sents,
                    &mut events,
                    &ctx.voices,
                    &k.lexicon,
                    clock,
                );
            }
            let is_quote = block.kind == BlockKind::Quote
                && all
                    .get(bi + 1)
                    .is_some_and(|n| n.kind == BlockKind::Attribution);
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
    Ok(rec)
}

/// Input files: files as given, directories searched for `*.txt`, in a stable order.
fn inputs(paths: &[PathBuf]) -> Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut v: Vec<PathBuf> = std::fs::read_dir(p)
                .with_context(|| format!("{}: cannot list", p.display()))?
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|f| f.is_file() && f.extension().is_some_and(|x| x == "txt"))
                .collect();
            v.sort();
            out.extend(v);
        } else if p.exists() {
            out.push(p.clone());
        } else {
            bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(out)
}

/// `annals build`.
pub fn build(
    paths: &[PathBuf],
    db: &Path,
    gazetteers: &[PathBuf],
    dct: Option<&str>,
) -> Result<()> {
    let dct = dct.map(annals_time::parse_dct).transpose()?;
    let mut k = Knowledge::load(gazetteers)?;
    let files = inputs(paths)?;
    if files.is_empty() {
        bail!("no input files (give text files, or directories with .txt files)");
    }
    let mut store = Store::open(db)?;
    let build = store.begin_build(&k.fingerprint)?;
    let pb = if files.len() > 1 {
        indicatif::ProgressBar::with_draw_target(
            Some(files.len() as u64),
            indicatif::ProgressDrawTarget::stderr(),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let abort_after: Option<usize> = std::env::var("ANNALS_TEST_ABORT_AFTER")
        .ok()
        .and_then(|v| v.parse().ok());
    let (mut added, mut unchanged) = (0, 0);
    for (i, f) in files.iter().enumerate() {
        if abort_after == Some(i) {
            // simulates a build killed mid-way (tests only): no commit, no cleanup
            std::process::abort();
        }
        let name = f.display().to_string();
        let bytes = std::fs::read(f).with_context(|| format!("{name}: cannot read"))?;
        let text = annals_ingest::from_bytes(&name, bytes)?;
        let sha = sha256_hex(text.as_bytes());
        if build.has_document(&sha)? {
            unchanged += 1;
        } else {
            let rec = analyze(&name, &text, sha, &mut k, dct)?;
            build.add(&rec)?;
            added += 1;
        }
        pb.inc(1);
    }
    build.commit()?;
    pb.finish_and_clear();
    let counts = store.counts()?;
    let c = |t: &str| counts.iter().find(|(n, _)| *n == t).map_or(0, |(_, v)| *v);
    eprintln!(
        "annals: {added} document(s) added, {unchanged} unchanged; {} now holds {} documents, {} events ({} claims), {} entities, {} citations",
        store.path(),
        c("documents"),
        c("events"),
        c("claims"),
        c("entities"),
        c("citations")
    );
    Ok(())
}

/// Output formats of the chronology views.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ViewFormat {
    /// Aligned columns for reading.
    Table,
    /// Tab-separated with a header.
    Tsv,
    /// JSON array.
    Json,
}

fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// Timeline filters from the command line (see [`annals_views::filter`]).
pub fn make_filter(
    actors: &[String],
    from: Option<&str>,
    to: Option<&str>,
    kind: Option<&str>,
) -> Result<Filter> {
    annals_views::filter(&Gazetteer::builtin(), actors, from, to, kind, None, None)
        .map_err(anyhow::Error::msg)
}

/// Export formats.
#[derive(Copy, Clone, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// TimelineJS 3 JSON.
    Timelinejs,
    /// CSV for Palladio: one row per event.
    Csv,
    /// GEXF 1.3 for Gephi: actors as nodes, events as dated edges.
    Gexf,
    /// JSON-LD with schema.org Event, Place, Person, Organization, CreativeWork.
    Jsonld,
    /// PLOVER-style event records, one JSON object per line.
    Plover,
}

/// `annals export`.
pub fn export(db: &Path, filter: &Filter, format: ExportFormat) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let events = annals_views::collect(&store, filter)?;
    let kinds: std::collections::BTreeMap<String, String> = store
        .actors()?
        .into_iter()
        .map(|(n, k, _, _)| (n, k))
        .collect();
    let bytes = match format {
        ExportFormat::Timelinejs => {
            let mut v =
                serde_json::to_vec_pretty(&annals_views::timelinejs(&events, "annals chronology"))?;
            v.push(b'\n');
            v
        }
        ExportFormat::Csv => annals_views::palladio_csv(&events)?,
        ExportFormat::Gexf => annals_views::gexf(&events, &kinds)?,
        ExportFormat::Jsonld => {
            let mut v = serde_json::to_vec_pretty(&annals_views::jsonld(&events, &kinds))?;
            v.push(b'\n');
            v
        }
        ExportFormat::Plover => annals_views::plover(&events),
    };
    let mut out = io::stdout().lock();
    out.write_all(&bytes)?;
    out.flush()?;
    Ok(())
}

/// `annals timeline`.
pub fn timeline(db: &Path, filter: &Filter, format: ViewFormat) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let rows = store.timeline(filter)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    match format {
        ViewFormat::Tsv => {
            writeln!(out, "id\tdate\tstart\tend\ttype\tactors\ttargets\tsummary\tevidence_start\tevidence_end\tdoc")?;
            for r in &rows {
                writeln!(
                    out,
                    "E{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    r.id,
                    r.date,
                    r.start,
                    r.end,
                    r.kind,
                    r.actors.join(";"),
                    r.targets.join(";"),
                    one_line(&r.summary),
                    r.evidence_start,
                    r.evidence_end,
                    r.doc
                )?;
            }
        }
        ViewFormat::Json => {
            let v: Vec<serde_json::Value> = rows.iter().map(row_json).collect();
            serde_json::to_writer_pretty(&mut out, &v)?;
            writeln!(out)?;
        }
        ViewFormat::Table => {
            for r in &rows {
                let who = if r.targets.is_empty() {
                    r.actors.join(", ")
                } else {
                    format!("{} → {}", r.actors.join(", "), r.targets.join(", "))
                };
                let neg = if r.negated { " (not)" } else { "" };
                let summary: String = one_line(&r.summary).chars().take(90).collect();
                writeln!(
                    out,
                    "E{:<5} {:<23} {:<16} {:<40} {}",
                    r.id,
                    r.date,
                    format!("{}{neg}", r.kind),
                    who,
                    summary
                )?;
            }
            writeln!(out, "{} event(s)", rows.len())?;
        }
    }
    out.flush()?;
    Ok(())
}

fn row_json(r: &TimelineRow) -> serde_json::Value {
    serde_json::json!({
        "id": format!("E{}", r.id), "date": r.date, "start": r.start, "end": r.end, "type": r.kind,
        "actors": r.actors, "targets": r.targets, "summary": r.summary,
        "evidence_start": r.evidence_start, "evidence_end": r.evidence_end, "doc": r.doc,
        "claims": r.claims, "negated": r.negated, "modality": r.modality,
        "place": r.place, "instrument": r.instrument, "rival_of": r.rival_of.map(|i| format!("E{i}")),
    })
}

/// `annals show ID|NAME`.
pub fn show(db: &Path, what: &str) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let id = what
        .strip_prefix(['E', 'e'])
        .unwrap_or(what)
        .parse::<i64>()
        .ok();
    if let Some(id) = id {
        let Some((row, claims)) = store.event(id)? else {
            bail!("no event E{id} in {}", db.display())
        };
        writeln!(
            out,
            "E{}  {}  {}{}",
            row.id,
            row.date,
            row.kind,
            if row.negated { " (did not happen)" } else { "" }
        )?;
        if let Some(m) = &row.modality {
            writeln!(out, "modality: {m}")?;
        }
        writeln!(out, "interval: [{}, {})", row.start, row.end)?;
        if let Some(p) = &row.place {
            writeln!(out, "place:    {p}")?;
        }
        if let Some(i) = &row.instrument {
            writeln!(out, "under:    {i}")?;
        }
        let rivals = store.rivals(row.id)?;
        if !rivals.is_empty() {
            let list: Vec<String> = rivals.iter().map(|r| format!("E{r}")).collect();
            writeln!(
                out,
                "RIVAL CLAIMS: {} tell(s) this with another date",
                list.join(", ")
            )?;
        }
        writeln!(out, "actors:   {}", row.actors.join("; "))?;
        writeln!(out, "targets:  {}", row.targets.join("; "))?;
        let dates: std::collections::BTreeSet<&str> =
            claims.iter().map(|c| c.date.as_str()).collect();
        if dates.len() > 1 {
            writeln!(
                out,
                "RIVAL DATES: the claims disagree: {}",
                dates.into_iter().collect::<Vec<_>>().join(" vs ")
            )?;
        }
        for (i, c) in claims.iter().enumerate() {
            writeln!(
                out,
                "\nclaim {} — {} bytes {}..{} (date {} from the {})",
                i + 1,
                c.doc,
                c.evidence.0,
                c.evidence.1,
                c.date,
                c.date_source
            )?;
            if let Some(text) = store.document_text(&c.doc)? {
                writeln!(out, "  {}", mark(&text, c))?;
            }
            if c.sources.is_empty() {
                writeln!(out, "  source: the document's author")?;
            } else {
                writeln!(out, "  sources: {}", c.sources.join("; "))?;
            }
        }
        out.flush()?;
        return Ok(());
    }
    let g = Gazetteer::builtin();
    let name = g
        .lookup(what)
        .map_or_else(|| what.to_string(), |i| g.get(i).id.clone());
    let actors = store.actors()?;
    let Some((n, kind, state, count)) = actors.into_iter().find(|a| a.0 == name) else {
        bail!("no event or entity {what:?} in {}", db.display())
    };
    writeln!(
        out,
        "{n} ({kind}{})  {count} event(s)",
        state.map(|s| format!(", acts for {s}")).unwrap_or_default()
    )?;
    if let Some(i) = g.index(&n) {
        let e = g.get(i);
        if !e.aliases.is_empty() {
            writeln!(out, "aliases: {}", e.aliases.join(", "))?;
        }
        for r in &e.roles {
            writeln!(out, "role: {} ({}–{})", r.role, r.from, r.to)?;
        }
        if let Some(w) = &e.wikidata {
            writeln!(out, "wikidata: {w}")?;
        }
    }
    for r in store.timeline(&Filter {
        actors: vec![n.clone()],
        ..Filter::default()
    })? {
        writeln!(
            out,
            "  E{:<5} {:<23} {:<16} {}",
            r.id,
            r.date,
            r.kind,
            one_line(&r.summary).chars().take(80).collect::<String>()
        )?;
    }
    out.flush()?;
    Ok(())
}

/// The evidence sentence with the date «…» and the trigger [[…]] marked.
fn mark(text: &str, c: &annals_store::ClaimRow) -> String {
    let (s, e) = (c.evidence.0 as usize, c.evidence.1 as usize);
    let Some(ev) = text.get(s..e) else {
        return String::new();
    };
    let mut marks: Vec<(usize, &str)> = Vec::new();
    let (ds, de) = (c.date_span.0 as usize, c.date_span.1 as usize);
    if ds >= s && de <= e && de > ds {
        marks.push((ds - s, "«"));
        marks.push((de - s, "»"));
    }
    if let Some((ts, te)) = c.trigger {
        let (ts, te) = (ts as usize, te as usize);
        if ts >= s && te <= e {
            marks.push((ts - s, "[["));
            marks.push((te - s, "]]"));
        }
    }
    marks.sort();
    let mut out = String::new();
    let mut at = 0;
    for (p, m) in marks {
        if ev.is_char_boundary(p) && p >= at {
            out.push_str(&ev[at..p]);
            out.push_str(m);
            at = p;
        }
    }
    out.push_str(&ev[at..]);
    one_line(&out)
}

/// `annals actors`.
pub fn actors(db: &Path) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "events\tkind\tname\tacts_for")?;
    for (n, k, s, c) in store.actors()? {
        writeln!(out, "{c}\t{k}\t{n}\t{}", s.unwrap_or_default())?;
    }
    out.flush()?;
    Ok(())
}

/// `annals sources`.
pub fn sources(db: &Path) -> Result<()> {
    let store = Store::open_read_only(db)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    writeln!(out, "citations\tauthors\tyear\treference")?;
    for (a, y, c, r) in store.sources()? {
        writeln!(
            out,
            "{c}\t{a}\t{y}\t{}",
            r.map(|r| one_line(&r)).unwrap_or_default()
        )?;
    }
    out.flush()?;
    Ok(())
}
