//! The chronology commands: `build`, `timeline`, `show`, `actors`, `sources`.
//!
//! `build` runs the pipeline ([`annals_pipeline::Pipeline`]) on each input, both cores at
//! once, and stores the results in input order; the views read the store.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use annals_entities::Gazetteer;
use annals_pipeline::{Knowledge, Pipeline};
use annals_store::{sha256_hex, Filter, Store, TimelineRow};
use anyhow::{bail, Context, Result};

/// A document to analyze and store: its name, text and store key.
struct Todo {
    name: String,
    text: String,
    sha: String,
}

/// What a pipeline thread hands the storing thread for one document.
enum Part {
    /// Records, with the document date as known when they were made.
    Records(annals_store::Records, Option<String>),
    Done(annals_pipeline::Analyzed),
}

impl Part {
    /// The document date as known when the part was made.
    fn dct(&self) -> Option<&str> {
        match self {
            Part::Records(_, dct) => dct.as_deref(),
            Part::Done(done) => done.dct.as_deref(),
        }
    }
}

/// Parts a document may have waiting: a pipeline thread that is this far ahead of the store
/// waits, so that a long document is held a few parts at a time, not whole.
const PARTS_AHEAD: usize = 2;

/// Analyzes `todo` on as many threads as there are pipelines and hands each document's
/// parts to `store`, documents in input order (the same database whatever the machine).
/// Stops at the first error of `store`.
fn analyze_and_store(
    pipelines: &[std::sync::Mutex<Pipeline>],
    todo: &[Todo],
    mut store: impl FnMut(&Todo, std::sync::mpsc::Receiver<Part>) -> Result<()>,
) -> Result<()> {
    use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let (senders, receivers): (Vec<_>, Vec<_>) = todo
        .iter()
        .map(|_| {
            let (tx, rx) = std::sync::mpsc::sync_channel(PARTS_AHEAD);
            (std::sync::Mutex::new(Some(tx)), rx)
        })
        .unzip();
    std::thread::scope(|scope| {
        for p in pipelines.iter().take(todo.len().max(1)) {
            scope.spawn(|| {
                let mut p = p.lock().unwrap_or_else(|e| e.into_inner());
                while !failed.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = todo.get(i) else {
                        break;
                    };
                    let Some(tx) = senders[i].lock().unwrap_or_else(|e| e.into_inner()).take()
                    else {
                        break;
                    };
                    // a send fails only when the storing thread has given up (an error):
                    // the parts are dropped, and no other document is begun
                    let done = p.analyze_in_parts(&doc.text, &mut |r, so_far| {
                        let _ = tx.send(Part::Records(r, so_far.dct.clone()));
                    });
                    let _ = tx.send(Part::Done(done));
                }
            });
        }
        for (doc, rx) in todo.iter().zip(receivers) {
            if let Err(e) = store(doc, rx) {
                failed.store(true, Ordering::Relaxed);
                return Err(e);
            }
        }
        Ok(())
    })
}

/// The texts a build holds at once are at most this many bytes, or one document when it is
/// larger: memory follows the largest document, not the window.
const WINDOW_BYTES: u64 = 16 << 20;

/// `files` in windows of at most `count` files and `bytes` bytes (as their sizes say; a file
/// larger than `bytes` is a window of its own), each with the index of its first file.
fn windows(files: &[PathBuf], count: usize, bytes: u64) -> Vec<(usize, &[PathBuf])> {
    let mut out = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (i, f) in files.iter().enumerate() {
        let n = std::fs::metadata(f).map_or(0, |m| m.len());
        if i > start && (i - start == count || size + n > bytes) {
            out.push((start, &files[start..i]));
            (start, size) = (i, 0);
        }
        size += n;
    }
    if start < files.len() {
        out.push((start, &files[start..]));
    }
    out
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

/// `annals build`. A build that fails leaves the database as it was; a failed first build
/// leaves no database (not an empty one that later commands would take for a chronology).
pub fn build(
    paths: &[PathBuf],
    db: &Path,
    gazetteers: &[PathBuf],
    dct: Option<&str>,
) -> Result<()> {
    let created = !db.exists();
    let result = build_into(paths, db, gazetteers, dct);
    if result.is_err() && created {
        for suffix in ["", "-wal", "-shm", "-journal"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
    }
    result
}

fn build_into(
    paths: &[PathBuf],
    db: &Path,
    gazetteers: &[PathBuf],
    dct: Option<&str>,
) -> Result<()> {
    let dct = dct.map(annals_time::parse_dct).transpose()?;
    let k = Knowledge::load(gazetteers)?;
    let files = inputs(paths)?;
    if files.is_empty() {
        bail!("no input files (give text files, or directories with .txt files)");
    }
    let mut store = Store::open(db)?;
    // tests only: a small page cache, so that a killed build has written into the file
    if let Some(pages) = std::env::var("ANNALS_TEST_CACHE_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
    {
        store.set_cache_pages(pages)?;
    }
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
    // Documents are analyzed a window at a time, in parallel, and stored in input order: the
    // same database whatever the machine, and memory bounded by the window (`windows`), not
    // the corpus. A window's end is a barrier (one core idles while the other finishes its
    // last document), so windows hold many documents: with two per core, documents of
    // unequal size made two cores 1.6 times as fast as one; with 32, 1.8.
    let workers = std::thread::available_parallelism().map_or(1, |n| n.get());
    let pipelines: Vec<std::sync::Mutex<Pipeline>> = (0..workers)
        .map(|_| std::sync::Mutex::new(Pipeline::new(k.clone(), dct)))
        .collect();
    for (first, window) in windows(&files, workers * 32, WINDOW_BYTES) {
        let mut todo: Vec<Todo> = Vec::new();
        for (j, f) in window.iter().enumerate() {
            if abort_after == Some(first + j) {
                // simulates a build killed mid-way (tests only): no commit, no cleanup
                std::process::abort();
            }
            let name = f.display().to_string();
            let bytes = std::fs::read(f).with_context(|| format!("{name}: cannot read"))?;
            let text = annals_ingest::from_bytes(&name, bytes)?;
            // the document's key: its bytes, and the document date it was read against
            // when one was given (the same text read with another `--dct` is another
            // extraction)
            let sha = match &dct {
                None => sha256_hex(text.as_bytes()),
                Some(d) => format!("{}@dct={d}", sha256_hex(text.as_bytes())),
            };
            if build.has_document(&sha)? {
                unchanged += 1;
                pb.inc(1);
            } else {
                todo.push(Todo { name, text, sha });
            }
        }
        analyze_and_store(&pipelines, &todo, |doc, parts| {
            // an edited file (or one read against another --dct) replaces its earlier version
            build.remove_other_versions(&doc.name, &doc.sha)?;
            // the row is written with the first part, which knows the document date
            let mut parts = parts.into_iter().peekable();
            let Some(first) = parts.peek() else {
                bail!("{}: the analysis stopped before the end", doc.name)
            };
            let mut stored = build.begin_document(&doc.name, &doc.sha, &doc.text, first.dct())?;
            for part in parts {
                match part {
                    Part::Records(r, _) => build.add_records(&mut stored, &r)?,
                    Part::Done(done) => {
                        for w in &done.warnings {
                            pb.suspend(|| eprintln!("annals: warning: {}: {w}", doc.name));
                        }
                        build.finish_document(stored, done.dct.as_deref())?;
                        added += 1;
                        pb.inc(1);
                        return Ok(());
                    }
                }
            }
            bail!("{}: the analysis stopped before the end", doc.name)
        })?;
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

/// `annals show NAME` for a name no actor bears: where annals left it unlinked between
/// candidates, each place and the candidates; else an error.
fn show_ambiguous(store: &Store, db: &Path, what: &str, out: &mut impl Write) -> Result<()> {
    let found = store.ambiguous(Some(what.trim()), None)?;
    if found.is_empty() {
        bail!("no event or entity {what:?} in {}", db.display())
    }
    writeln!(
        out,
        "{what:?} is linked to no entity: {} mention(s) that may mean more than one",
        found.len()
    )?;
    for a in &found {
        writeln!(
            out,
            "  {} bytes {}..{}: {}",
            a.doc,
            a.start,
            a.end,
            a.candidates.join(" or ")
        )?;
    }
    writeln!(
        out,
        "(name one in full in the text, or add an alias with --gazetteer, to link it)"
    )?;
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
            if !c.roles.is_empty() {
                writeln!(out, "roles: {}", c.roles)?;
            }
            if let Some(text) = store.document_text(&c.doc)? {
                writeln!(out, "  {}", mark(&text, c))?;
            }
            if c.sources.is_empty() {
                writeln!(out, "  source: the document's author")?;
            } else {
                writeln!(out, "  sources: {}", c.sources.join("; "))?;
            }
            let within = (c.doc.as_str(), c.evidence.0, c.evidence.1);
            for a in store.ambiguous(None, Some(within))? {
                writeln!(
                    out,
                    "  not linked: {:?} (bytes {}..{}) may be {}",
                    a.text,
                    a.start,
                    a.end,
                    a.candidates.join(" or ")
                )?;
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
        return show_ambiguous(&store, db, what, &mut out);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_hold_a_few_files_and_a_large_one_alone() {
        let dir = std::env::temp_dir().join(format!("annals-windows-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let sizes = [10, 10, 10, 10, 10, 50, 10, 10];
        let files: Vec<PathBuf> = sizes
            .iter()
            .enumerate()
            .map(|(i, &n)| {
                let p = dir.join(format!("{i}.txt"));
                std::fs::write(&p, "x".repeat(n)).unwrap();
                p
            })
            .collect();
        let got: Vec<(usize, usize)> = windows(&files, 4, 30)
            .iter()
            .map(|(first, w)| (*first, w.len()))
            .collect();
        // three of 10 fill 30 bytes; the 50-byte file is a window of its own
        assert_eq!(got, [(0, 3), (3, 2), (5, 1), (6, 2)]);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
