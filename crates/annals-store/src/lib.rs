//! `annals-store`: the `store` stage — everything annals extracted, in one SQLite file.
//!
//! * A versioned schema ([`SCHEMA_VERSION`] in table `meta`); a database of another version,
//!   or a file that is not an annals database, is refused with a clear error.
//! * A build is one transaction: an interrupted or failed build leaves the database as it was.
//! * Documents are keyed by the SHA-256 of their bytes: rebuilding unchanged inputs is a
//!   no-op. When the knowledge that shaped the extraction (gazetteer, lexicon, engine
//!   version — the `config` key) changes, the next build re-extracts everything.
//! * The same event told twice (two sentences, two documents) is one event with two claims.
//!
//! The store knows nothing of how records were made: callers hand it plain [`DocumentRecord`]s
//! with byte offsets into the original input.

use std::path::Path;

use rusqlite::{params, Connection, OpenFlags, OptionalExtension};
use sha2::{Digest, Sha256};

/// The schema this code reads and writes.
pub const SCHEMA_VERSION: i64 = 3;

const SCHEMA: &str = r#"
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE documents (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL, sha256 TEXT NOT NULL UNIQUE,
  bytes INTEGER NOT NULL, dct TEXT, text TEXT NOT NULL);
CREATE TABLE segments (
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  kind TEXT NOT NULL, start INTEGER NOT NULL, end INTEGER NOT NULL);
CREATE TABLE timexes (
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, type TEXT NOT NULL,
  value TEXT NOT NULL, mod TEXT, interval_start TEXT, interval_end TEXT, anchor TEXT);
CREATE TABLE entities (
  id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, kind TEXT NOT NULL, state TEXT,
  wikidata TEXT, source TEXT NOT NULL);
CREATE TABLE mentions (
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  entity INTEGER NOT NULL REFERENCES entities(id), start INTEGER NOT NULL,
  end INTEGER NOT NULL, text TEXT NOT NULL, via TEXT NOT NULL);
CREATE TABLE ambiguous (
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  entity INTEGER NOT NULL REFERENCES entities(id), start INTEGER NOT NULL,
  end INTEGER NOT NULL, text TEXT NOT NULL);
CREATE INDEX ambiguous_doc ON ambiguous(doc, start);
CREATE TABLE bibliography (
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, author TEXT NOT NULL,
  year TEXT NOT NULL);
CREATE TABLE citations (
  id INTEGER PRIMARY KEY, doc INTEGER NOT NULL REFERENCES documents(id),
  start INTEGER NOT NULL, end INTEGER NOT NULL, text TEXT NOT NULL, authors TEXT NOT NULL,
  year TEXT NOT NULL, locator TEXT NOT NULL, reference INTEGER REFERENCES bibliography(id));
CREATE TABLE events (
  id INTEGER PRIMARY KEY, type TEXT NOT NULL, cameo TEXT, plover TEXT, date TEXT NOT NULL,
  start TEXT, end TEXT, negated INTEGER NOT NULL, modality TEXT, summary TEXT NOT NULL,
  place TEXT, instrument INTEGER REFERENCES entities(id),
  rival_of INTEGER REFERENCES events(id), key TEXT NOT NULL, who TEXT NOT NULL);
CREATE INDEX events_key ON events(key);
CREATE TABLE participants (
  event INTEGER NOT NULL REFERENCES events(id), entity INTEGER NOT NULL REFERENCES entities(id),
  role TEXT NOT NULL, PRIMARY KEY (event, entity, role));
CREATE VIRTUAL TABLE search USING fts5(kind UNINDEXED, ref UNINDEXED, text);
CREATE TABLE claims (
  id INTEGER PRIMARY KEY, event INTEGER NOT NULL REFERENCES events(id),
  doc INTEGER NOT NULL REFERENCES documents(id), date TEXT NOT NULL, date_start INTEGER,
  date_end INTEGER, trigger_start INTEGER, trigger_end INTEGER,
  evidence_start INTEGER NOT NULL, evidence_end INTEGER NOT NULL, sources TEXT NOT NULL,
  date_source TEXT NOT NULL, roles TEXT NOT NULL DEFAULT '');
CREATE INDEX claims_event ON claims(event);
CREATE INDEX participants_entity ON participants(entity);
CREATE INDEX citations_doc ON citations(doc);
"#;

/// Indexes the readers' queries (and one of the build's) walk, created `IF NOT EXISTS` whenever a database is opened
/// for writing, so a database built before one was added gains it at its next build (no
/// schema version change: an index changes no answer, only how fast it comes).
/// * `events_order`: the timeline's order, so a page (`LIMIT 50`) reads 50 index entries
///   instead of sorting every event;
/// * `events_rival`: an event's rival tellings without reading every event;
/// * `events_who`: a build's search for an earlier telling of a one-off event with the same
///   parties (a signing told with another date), which scanned every event per event: a
///   build of 100,000 events took 150 s, quadratically;
/// * `mentions_span` / `timexes_span`: a document's mentions and dates in a byte range (one
///   claim's evidence, one page of the reader) without reading all of the document's.
const READ_INDEXES: &str = "
CREATE INDEX IF NOT EXISTS events_order ON events(coalesce(start, date), id);
CREATE INDEX IF NOT EXISTS mentions_span ON mentions(doc, start);
CREATE INDEX IF NOT EXISTS timexes_span ON timexes(doc, start);
CREATE INDEX IF NOT EXISTS events_rival ON events(rival_of) WHERE rival_of IS NOT NULL;
CREATE INDEX IF NOT EXISTS events_who ON events(type, who);
";

/// Most words a full-text query may have; more is refused (each word is a posting list
/// to intersect and a phrase to rank and highlight in every match).
pub const MAX_SEARCH_WORDS: usize = 16;
/// Matches a search ranks by relevance; a search with more answers with the latest.
pub const RANKED_MATCHES: i64 = 10_000;
/// Most bytes a full-text query may have.
pub const MAX_SEARCH_BYTES: usize = 512;

/// Errors of the store, each naming the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: {source}")]
    Sqlite {
        path: String,
        #[source]
        source: rusqlite::Error,
    },
    #[error(
        "{path}: not an annals database (no annals schema in it); choose another file or remove it"
    )]
    Foreign { path: String },
    #[error("{path}: annals database schema version {found}, but this annals reads version {expected}; rebuild it into a new file")]
    Version {
        path: String,
        found: i64,
        expected: i64,
    },
    #[error("{path}: no database here; run `annals build` first")]
    Missing { path: String },
    #[error("{path}: the database is damaged ({detail}); restore it from a copy, or build into a new file")]
    Corrupt { path: String, detail: String },
    /// A query ran past the time limit set with [`Store::set_time_limit`].
    #[error("{path}: the query took longer than its time limit and was stopped")]
    Interrupted { path: String },
}

/// A SQLite error of the database at `path`; an interrupted query is its own error.
fn sqlite_error(path: &str, source: rusqlite::Error) -> StoreError {
    match source {
        rusqlite::Error::SqliteFailure(ref f, _)
            if f.code == rusqlite::ErrorCode::OperationInterrupted =>
        {
            StoreError::Interrupted { path: path.into() }
        }
        rusqlite::Error::SqliteFailure(ref f, _)
            if f.code == rusqlite::ErrorCode::DatabaseCorrupt =>
        {
            StoreError::Corrupt {
                path: path.into(),
                detail: source.to_string(),
            }
        }
        source => StoreError::Sqlite {
            path: path.into(),
            source,
        },
    }
}

/// A time expression to store (byte offsets into the document).
#[derive(Debug, Clone, PartialEq)]
pub struct TimexRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub kind: String,
    pub value: String,
    pub modifier: Option<String>,
    pub interval: Option<(String, String)>,
    pub anchor: Option<String>,
}

/// An entity mention to store.
#[derive(Debug, Clone, PartialEq)]
pub struct MentionRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub entity: EntityRecord,
    pub via: String,
}

/// A name linked to no entity because it may mean several (one row per candidate in table
/// `ambiguous`): the reader is shown the candidates, never a guess.
#[derive(Debug, Clone, PartialEq)]
pub struct AmbiguousRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub candidates: Vec<EntityRecord>,
}

/// An entity as the store keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRecord {
    pub name: String,
    pub kind: String,
    pub state: Option<String>,
    pub wikidata: Option<String>,
    pub source: String,
}

/// A citation to store. `key` (first author's surname, year) links it to the document's
/// reference list, when it has one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CitationRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub authors: String,
    pub year: String,
    pub locator: String,
    pub key: (String, String),
}

/// An entry of a document's reference list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceRecord {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub author: String,
    pub year: String,
}

/// One telling of an event in a document.
#[derive(Debug, Clone, PartialEq)]
pub struct EventRecord {
    pub kind: String,
    pub cameo: String,
    pub plover: String,
    pub date: String,
    pub interval: Option<(String, String)>,
    pub date_span: (usize, usize),
    pub date_source: String,
    /// How the actors and targets were found ("actors: the subject; targets: the object").
    pub roles: String,
    pub trigger: Option<(usize, usize)>,
    pub evidence: (usize, usize),
    pub agents: Vec<EntityRecord>,
    pub targets: Vec<EntityRecord>,
    pub negated: bool,
    pub modality: Option<String>,
    pub sources: Vec<String>,
    pub summary: String,
    pub place: Option<String>,
    pub instrument: Option<EntityRecord>,
    /// One act of a document's own report (a turn of a conversation, a point of a
    /// telegram): never merged with another telling of the same type, date and actors.
    pub distinct: bool,
}

/// What annals extracted from a stretch of a document, at input offsets. A document's
/// records reach the store whole ([`DocumentRecord`]) or in parts
/// ([`Build::add_records`]): a long document is stored a few thousand records at a time, so
/// a build never holds all the events of a 200 MB text at once.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Records {
    pub segments: Vec<(String, usize, usize)>,
    pub timexes: Vec<TimexRecord>,
    pub mentions: Vec<MentionRecord>,
    /// Names left unlinked between several candidates.
    pub ambiguous: Vec<AmbiguousRecord>,
    pub citations: Vec<CitationRecord>,
    pub references: Vec<ReferenceRecord>,
    pub events: Vec<EventRecord>,
}

impl Records {
    /// How many records there are, of every kind.
    pub fn len(&self) -> usize {
        self.segments.len()
            + self.timexes.len()
            + self.mentions.len()
            + self.ambiguous.len()
            + self.citations.len()
            + self.references.len()
            + self.events.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Moves `other`'s records after these.
    pub fn append(&mut self, mut other: Records) {
        self.segments.append(&mut other.segments);
        self.timexes.append(&mut other.timexes);
        self.mentions.append(&mut other.mentions);
        self.ambiguous.append(&mut other.ambiguous);
        self.citations.append(&mut other.citations);
        self.references.append(&mut other.references);
        self.events.append(&mut other.events);
    }
}

/// Everything extracted from one document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocumentRecord {
    pub name: String,
    /// The document's text, as read (evidence is shown from it).
    pub text: String,
    /// The document's key: the SHA-256 of its text, followed by `@dct=DATE` when the build
    /// gave a document date (the same text read against another date is another
    /// extraction). A build skips a file whose key is stored and replaces the other
    /// versions stored under its name.
    pub sha256: String,
    pub dct: Option<String>,
    pub records: Records,
    /// What the reader should know about how the document was read (not stored).
    pub warnings: Vec<String>,
}

/// Hex SHA-256 of `bytes`.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let d = Sha256::digest(bytes);
    d.iter().map(|b| format!("{b:02x}")).collect()
}

/// A name left unlinked between candidates, as [`Store::ambiguous`] reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AmbiguousRow {
    pub doc: String,
    pub start: i64,
    pub end: i64,
    pub text: String,
    pub candidates: Vec<String>,
}

/// A row of the timeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TimelineRow {
    pub id: i64,
    pub date: String,
    pub start: String,
    pub end: String,
    pub kind: String,
    pub actors: Vec<String>,
    pub targets: Vec<String>,
    pub summary: String,
    pub evidence_start: i64,
    pub evidence_end: i64,
    pub doc: String,
    pub claims: i64,
    pub negated: bool,
    pub modality: Option<String>,
    pub place: Option<String>,
    pub instrument: Option<String>,
    /// Another event that tells the same thing with another date.
    pub rival_of: Option<i64>,
    pub cameo: Option<String>,
    pub plover: Option<String>,
}

/// Timeline filters.
#[derive(Debug, Clone, Default)]
pub struct Filter {
    /// Canonical entity names: an event matches if any of them takes part.
    pub actors: Vec<String>,
    /// ISO date: events that end after it.
    pub from: Option<String>,
    /// ISO date: events that start before it.
    pub to: Option<String>,
    pub kind: Option<String>,
    /// Full-text search in the events' sentences (SQLite FTS5; words, all required).
    pub text: Option<String>,
    /// A document name or a cited work ("Kurusu 2008"): events with a claim from it.
    pub source: Option<String>,
    /// One event by id.
    pub event: Option<i64>,
    /// At most this many rows (a page), after skipping `offset`: both go into the SQL, so a
    /// page costs its own rows, not the whole timeline's.
    pub limit: Option<usize>,
    pub offset: usize,
}

/// Appends the conditions of `f` on events `e` to `sql` (which ends in `WHERE `); returns
/// the arguments of its placeholders, in order.
fn filter_sql(f: &Filter, sql: &mut String) -> Vec<rusqlite::types::Value> {
    sql.push_str("1 = 1");
    let mut args: Vec<rusqlite::types::Value> = Vec::new();
    if let Some(id) = f.event {
        sql.push_str(" AND e.id = ?");
        args.push(id.into());
    }
    if !f.actors.is_empty() {
        let marks: Vec<&str> = f.actors.iter().map(|_| "?").collect();
        sql.push_str(&format!(
            " AND e.id IN (SELECT p.event FROM participants p JOIN entities n ON n.id = p.entity WHERE n.name IN ({}))",
            marks.join(",")
        ));
        args.extend(f.actors.iter().map(|a| a.clone().into()));
    }
    if let Some(from) = &f.from {
        sql.push_str(" AND (e.end IS NULL OR e.end > ?)");
        args.push(from.clone().into());
    }
    if let Some(to) = &f.to {
        sql.push_str(" AND (e.start IS NULL OR e.start < ?)");
        args.push(to.clone().into());
    }
    if let Some(k) = &f.kind {
        sql.push_str(" AND e.type = ?");
        args.push(k.clone().into());
    }
    if let Some(t) = f.text.as_deref().filter(|t| !t.trim().is_empty()) {
        sql.push_str(
            " AND e.id IN (SELECT ref FROM search WHERE search MATCH ? AND kind = 'event')",
        );
        args.push(fts_query(t).into());
    }
    if let Some(src) = &f.source {
        sql.push_str(
            " AND e.id IN (SELECT c.event FROM claims c JOIN documents d ON d.id = c.doc
                           WHERE d.name = ? OR instr(c.sources, ?) > 0)",
        );
        args.push(src.clone().into());
        args.push(src.clone().into());
    }
    args
}

/// "1955" → 1955-01-01, "1955-06" → 1955-06-01, "1955-06-14" as is; None if not a date.
pub fn partial_date_start(s: &str) -> Option<String> {
    let p: Vec<&str> = s.split('-').collect();
    if p.len() > 3 || p[0].len() != 4 {
        return None;
    }
    let y: i16 = p[0].parse().ok()?;
    let m: i8 = p.get(1).map_or(Some(1), |m| m.parse().ok())?;
    let d: i8 = p.get(2).map_or(Some(1), |d| d.parse().ok())?;
    jiff::civil::Date::new(y, m, d).ok().map(|d| d.to_string())
}

/// The exclusive end of a partial date: "1956" → 1957-01-01, "1956-12" → 1957-01-01.
pub fn partial_date_end(s: &str) -> Option<String> {
    let start: jiff::civil::Date = partial_date_start(s)?.parse().ok()?;
    let span = match s.split('-').count() {
        1 => jiff::Span::new().years(1),
        2 => jiff::Span::new().months(1),
        _ => jiff::Span::new().days(1),
    };
    start.checked_add(span).ok().map(|d| d.to_string())
}

/// A user's words as an FTS5 query: each word quoted (so that no input is FTS syntax), all
/// required.
/// A word given twice is one word: "the the the" asks what "the" asks, at a third of the cost.
pub fn fts_query(words: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    words
        .split_whitespace()
        .filter(|w| seen.insert(*w))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Why `words` cannot be a full-text query, if it cannot: too long, too many distinct words,
/// or control characters (a NUL is no word anyone searches for).
pub fn check_search(words: &str) -> Result<(), String> {
    if words.len() > MAX_SEARCH_BYTES {
        return Err(format!(
            "the search is {} bytes long; at most {MAX_SEARCH_BYTES} are searched",
            words.len()
        ));
    }
    if words.chars().any(|c| c.is_control() && !c.is_whitespace()) {
        return Err("the search holds control characters".into());
    }
    let distinct: std::collections::HashSet<&str> = words.split_whitespace().collect();
    if distinct.len() > MAX_SEARCH_WORDS {
        return Err(format!(
            "the search has {} different words; at most {MAX_SEARCH_WORDS} are searched together",
            distinct.len()
        ));
    }
    Ok(())
}

/// A stored document, or a page of it, for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentView {
    pub id: i64,
    pub name: String,
    /// The length of the whole text, in bytes.
    pub bytes: i64,
    /// Where `text` starts in the document (byte offset).
    pub start: i64,
    /// The text of the page asked for.
    pub text: String,
    pub dct: Option<String>,
    /// (start, end, entity name, entity kind, how it was found)
    pub mentions: Vec<(i64, i64, String, String, String)>,
    /// (start, end, type, value)
    pub timexes: Vec<(i64, i64, String, String)>,
}

/// The database.
pub struct Store {
    conn: Connection,
    path: String,
}

impl Store {
    fn err(&self, source: rusqlite::Error) -> StoreError {
        sqlite_error(&self.path, source)
    }

    /// Opens (creating if needed) a database for writing.
    ///
    /// An existing database is checked first (`PRAGMA quick_check`): a damaged file is
    /// refused, never written into. The journal is SQLite's write-ahead log, so a reader
    /// never meets the rollback journal of a build that was killed (which a read-only
    /// connection cannot roll back): readers see the last committed build, during a build
    /// and after it died.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let p = path.display().to_string();
        let conn = Connection::open(path).map_err(|source| sqlite_error(&p, source))?;
        let store = Store { conn, path: p };
        if store.check_or_create(true)? {
            store.quick_check()?;
        }
        // journal_mode answers with the mode now in force
        let mode: String = store
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
            .map_err(|e| store.err(e))?;
        if !mode.eq_ignore_ascii_case("wal") {
            return Err(StoreError::Corrupt {
                path: store.path.clone(),
                detail: format!("cannot use a write-ahead log (journal mode stays {mode})"),
            });
        }
        store
            .conn
            .execute_batch(READ_INDEXES)
            .map_err(|e| store.err(e))?;
        Ok(store)
    }

    /// Keeps at most `pages` database pages in memory. A build's changes that do not fit are
    /// written to the file before the commit; the tests shrink the cache so that a build
    /// they kill has already written into the database (`ANNALS_TEST_CACHE_PAGES`).
    pub fn set_cache_pages(&self, pages: i64) -> Result<(), StoreError> {
        self.conn
            .execute_batch(&format!("PRAGMA cache_size = {pages}"))
            .map_err(|e| self.err(e))
    }

    /// `PRAGMA quick_check`: the b-trees and their pages are sound.
    fn quick_check(&self) -> Result<(), StoreError> {
        let mut stmt = self
            .conn
            .prepare("PRAGMA quick_check(5)")
            .map_err(|e| self.err(e))?;
        let found: Vec<String> = stmt
            .query_map([], |r| r.get(0))
            .and_then(|rows| rows.collect())
            .map_err(|e| match sqlite_error(&self.path, e) {
                StoreError::Sqlite { source, .. } => StoreError::Corrupt {
                    path: self.path.clone(),
                    detail: source.to_string(),
                },
                other => other,
            })?;
        if found.len() == 1 && found[0] == "ok" {
            return Ok(());
        }
        Err(StoreError::Corrupt {
            path: self.path.clone(),
            detail: found.join("; "),
        })
    }

    /// Opens an existing database read-only.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let p = path.display().to_string();
        if !path.exists() {
            return Err(StoreError::Missing { path: p });
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|source| sqlite_error(&p, source))?;
        let store = Store { conn, path: p };
        store.check_or_create(false)?;
        Ok(store)
    }

    /// From now on, every query stops (with [`StoreError::Interrupted`]) once `limit` has
    /// passed; `None` lifts the limit. A server sets one per request so that no request
    /// holds a connection, or a core, for long.
    pub fn set_time_limit(&mut self, limit: Option<std::time::Duration>) {
        match limit {
            Some(l) => {
                let deadline = std::time::Instant::now() + l;
                // every 1,000 virtual machine steps: microseconds apart
                // (registering a handler fails only for a closed connection)
                let _ = self
                    .conn
                    .progress_handler(1000, Some(move || std::time::Instant::now() > deadline));
            }
            None => {
                let _ = self.conn.progress_handler(0, None::<fn() -> bool>);
            }
        }
    }

    /// Checks that this is an annals database of our schema version, creating the schema in
    /// an empty file when `create`. True when the database was there before.
    fn check_or_create(&self, create: bool) -> Result<bool, StoreError> {
        let tables: i64 = self
            .conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| match e {
                rusqlite::Error::SqliteFailure(ref f, _)
                    if f.code == rusqlite::ErrorCode::NotADatabase =>
                {
                    StoreError::Foreign {
                        path: self.path.clone(),
                    }
                }
                e => self.err(e),
            })?;
        if tables == 0 {
            if !create {
                return Err(StoreError::Foreign {
                    path: self.path.clone(),
                });
            }
            let tx = self.conn.unchecked_transaction().map_err(|e| self.err(e))?;
            tx.execute_batch(SCHEMA).map_err(|e| self.err(e))?;
            tx.execute(
                "INSERT INTO meta(key, value) VALUES ('schema_version', ?1)",
                params![SCHEMA_VERSION.to_string()],
            )
            .map_err(|e| self.err(e))?;
            tx.commit().map_err(|e| self.err(e))?;
            return Ok(false);
        }
        let version: Option<String> = self
            .conn
            .query_row(
                "SELECT value FROM meta WHERE key = 'schema_version'",
                [],
                |r| r.get(0),
            )
            .optional()
            .map_err(|_| StoreError::Foreign {
                path: self.path.clone(),
            })?;
        let Some(v) = version else {
            return Err(StoreError::Foreign {
                path: self.path.clone(),
            });
        };
        let found: i64 = v.parse().map_err(|_| StoreError::Foreign {
            path: self.path.clone(),
        })?;
        if found != SCHEMA_VERSION {
            return Err(StoreError::Version {
                path: self.path.clone(),
                found,
                expected: SCHEMA_VERSION,
            });
        }
        Ok(true)
    }

    /// The database path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Starts a build: one transaction. If `config` (a fingerprint of what shapes extraction)
    /// differs from the stored one, every document is dropped so it is extracted again.
    pub fn begin_build(&mut self, config: &str) -> Result<Build<'_>, StoreError> {
        let path = self.path.clone();
        let tx = self
            .conn
            .transaction()
            .map_err(|source| StoreError::Sqlite {
                path: path.clone(),
                source,
            })?;
        let e = |source| StoreError::Sqlite {
            path: path.clone(),
            source,
        };
        let old: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'config'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(e)?;
        if old.as_deref() != Some(config) {
            tx.execute_batch(
                "DELETE FROM search; DELETE FROM participants; DELETE FROM claims; DELETE FROM events; DELETE FROM mentions; DELETE FROM ambiguous;
                 DELETE FROM citations; DELETE FROM bibliography; DELETE FROM timexes; DELETE FROM segments; DELETE FROM documents;
                 DELETE FROM entities;",
            )
            .map_err(e)?;
            tx.execute(
                "INSERT OR REPLACE INTO meta(key, value) VALUES ('config', ?1)",
                params![config],
            )
            .map_err(e)?;
        }
        Ok(Build {
            tx,
            path,
            entity_ids: Default::default(),
        })
    }

    /// The timeline: one row per event, ordered by date.
    ///
    /// The page is chosen first, on the events alone, walking `events_order` (an offset of
    /// 50,000 reads 50,000 entries and their rows: ~10 ms of 100,000 events); only the
    /// page's rows are joined with their first claim, document and participants.
    pub fn timeline(&self, f: &Filter) -> Result<Vec<TimelineRow>, StoreError> {
        let mut sql = String::from("WITH page(id) AS (SELECT e.id FROM events e WHERE ");
        let mut args = filter_sql(f, &mut sql);
        sql.push_str(" ORDER BY coalesce(e.start, e.date), e.id LIMIT ? OFFSET ?)");
        args.push(f.limit.map_or(-1, |l| l as i64).into());
        args.push((f.offset as i64).into());
        sql.push_str(
            "SELECT e.id, e.date, coalesce(e.start, ''), coalesce(e.end, ''), e.type, e.summary,
                    c.evidence_start, c.evidence_end, d.name,
                    (SELECT count(*) FROM claims c2 WHERE c2.event = e.id), e.negated, e.modality,
                    e.place, (SELECT name FROM entities WHERE id = e.instrument), e.rival_of,
                    e.cameo, e.plover
             FROM page JOIN events e ON e.id = page.id
             JOIN claims c ON c.id = (SELECT min(id) FROM claims WHERE event = e.id)
             JOIN documents d ON d.id = c.doc
             ORDER BY coalesce(e.start, e.date), e.id",
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok(TimelineRow {
                    id: r.get(0)?,
                    date: r.get(1)?,
                    start: r.get(2)?,
                    end: r.get(3)?,
                    kind: r.get(4)?,
                    actors: Vec::new(),
                    targets: Vec::new(),
                    summary: r.get(5)?,
                    evidence_start: r.get(6)?,
                    evidence_end: r.get(7)?,
                    doc: r.get(8)?,
                    claims: r.get(9)?,
                    negated: r.get::<_, i64>(10)? != 0,
                    modality: r.get(11)?,
                    place: r.get(12)?,
                    instrument: r.get(13)?,
                    rival_of: r.get(14)?,
                    cameo: r.get(15)?,
                    plover: r.get(16)?,
                })
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(|e| self.err(e))?);
        }
        let mut p = self
            .conn
            .prepare("SELECT n.name, p.role FROM participants p JOIN entities n ON n.id = p.entity WHERE p.event = ? ORDER BY p.rowid")
            .map_err(|e| self.err(e))?;
        for row in &mut out {
            let parts = p
                .query_map(params![row.id], |r| {
                    Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
                })
                .map_err(|e| self.err(e))?;
            for part in parts {
                let (name, role) = part.map_err(|e| self.err(e))?;
                if role == "agent" {
                    row.actors.push(name);
                } else {
                    row.targets.push(name);
                }
            }
        }
        Ok(out)
    }

    /// Who acted on whom among the events `f` selects: the `limit` heaviest agent → target
    /// pairs (agent, target, events) and every actor of them with its number of events
    /// (name, kind, events), counted in SQL (a network of 100,000 events is a few thousand
    /// rows, not 100,000 timeline rows).
    pub fn network(&self, f: &Filter, limit: usize) -> Result<Network, StoreError> {
        let mut sql = String::from("WITH sel(id) AS (SELECT e.id FROM events e WHERE ");
        let mut args = filter_sql(f, &mut sql);
        sql.push_str(
            "),
             pairs(a, t, n) AS (
               SELECT p1.entity, p2.entity, count(DISTINCT p1.event)
               FROM sel JOIN participants p1 ON p1.event = sel.id AND p1.role = 'agent'
               JOIN participants p2 ON p2.event = p1.event AND p2.role != 'agent'
               GROUP BY p1.entity, p2.entity ORDER BY 3 DESC, 1, 2 LIMIT ?)
             SELECT a.name, t.name, pairs.n FROM pairs
             JOIN entities a ON a.id = pairs.a JOIN entities t ON t.id = pairs.t
             ORDER BY pairs.n DESC, a.name, t.name",
        );
        args.push((limit as i64).into());
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let edges: Vec<(String, String, i64)> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        let wanted: std::collections::HashSet<&str> = edges
            .iter()
            .flat_map(|(a, t, _)| [a.as_str(), t.as_str()])
            .collect();
        let mut sql = String::from("WITH sel(id) AS (SELECT e.id FROM events e WHERE ");
        let args = filter_sql(f, &mut sql);
        sql.push_str(
            ") SELECT n.name, n.kind, count(DISTINCT p.event) FROM sel
               JOIN participants p ON p.event = sel.id JOIN entities n ON n.id = p.entity
               GROUP BY p.entity ORDER BY 3 DESC, 1",
        );
        let mut stmt = self.conn.prepare(&sql).map_err(|e| self.err(e))?;
        let nodes: Vec<(String, String, i64)> = stmt
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get(2)?))
            })
            .map_err(|e| self.err(e))?
            .filter(|r| {
                r.as_ref()
                    .map_or(true, |(n, _, _)| wanted.contains(n.as_str()))
            })
            .collect::<Result<_, _>>()
            .map_err(|e| self.err(e))?;
        Ok(Network { nodes, edges })
    }

    /// Entities with how many events they take part in, most active first.
    pub fn actors(&self) -> Result<Vec<ActorRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT n.name, n.kind, n.state, count(DISTINCT p.event) AS k FROM entities n
                 JOIN participants p ON p.entity = n.id GROUP BY n.id ORDER BY k DESC, n.name",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Cited works: authors, year, number of citations, and the reference-list entry they
    /// link to, if the document has one.
    pub fn sources(&self) -> Result<Vec<SourceRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare(
                "SELECT c.authors, c.year, count(*), b.text
                 FROM citations c LEFT JOIN bibliography b ON b.id = c.reference
                 GROUP BY c.authors, c.year ORDER BY c.authors, c.year",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One event: its row and every claim (document, evidence span, date as told, sources).
    pub fn event(&self, id: i64) -> Result<Option<(TimelineRow, Vec<ClaimRow>)>, StoreError> {
        let Some(row) = self.event_row(id)? else {
            return Ok(None);
        };
        let claims = self.claims(id)?;
        Ok(Some((row, claims)))
    }

    /// One event's timeline row, without its claims.
    pub fn event_row(&self, id: i64) -> Result<Option<TimelineRow>, StoreError> {
        let f = Filter {
            event: Some(id),
            ..Filter::default()
        };
        Ok(self.timeline(&f)?.into_iter().next())
    }

    /// Every claim of an event, in the order they were stored.
    pub fn claims(&self, id: i64) -> Result<Vec<ClaimRow>, StoreError> {
        self.claims_page(id, 0, None)
    }

    /// The claims of an event after the first `offset`, at most `limit` of them.
    pub fn claims_page(
        &self,
        id: i64,
        offset: usize,
        limit: Option<usize>,
    ) -> Result<Vec<ClaimRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.name, c.date, c.evidence_start, c.evidence_end, c.trigger_start, c.trigger_end,
                        c.date_start, c.date_end, c.sources, c.date_source, c.roles, c.doc
                 FROM claims c JOIN documents d ON d.id = c.doc WHERE c.event = ? ORDER BY c.id
                 LIMIT ? OFFSET ?",
            )
            .map_err(|e| self.err(e))?;
        let limit = limit.map_or(-1, |l| l as i64);
        let claims = stmt
            .query_map(params![id, limit, offset as i64], |r| {
                Ok(ClaimRow {
                    doc_id: r.get(11)?,
                    doc: r.get(0)?,
                    date: r.get(1)?,
                    evidence: (r.get(2)?, r.get(3)?),
                    trigger: match (r.get::<_, Option<i64>>(4)?, r.get::<_, Option<i64>>(5)?) {
                        (Some(a), Some(b)) => Some((a, b)),
                        _ => None,
                    },
                    date_span: (
                        r.get::<_, Option<i64>>(6)?.unwrap_or(0),
                        r.get::<_, Option<i64>>(7)?.unwrap_or(0),
                    ),
                    sources: r
                        .get::<_, String>(8)?
                        .split('\n')
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect(),
                    date_source: r.get(9)?,
                    roles: r.get(10)?,
                })
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(claims)
    }

    /// Events that tell the same thing as `id` with another date (either direction).
    pub fn rivals(&self, id: i64) -> Result<Vec<i64>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id FROM events WHERE rival_of = ?1 UNION SELECT rival_of FROM events WHERE id = ?1 AND rival_of IS NOT NULL")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![id], |r| r.get(0))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Stored documents: id, name, size, document date.
    pub fn documents(&self) -> Result<Vec<DocumentRow>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT id, name, bytes, dct FROM documents ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One document, a page of it: the text of the byte range `range` (narrowed to character
    /// boundaries and to the text), with the mentions and time expressions that start in it.
    /// The text is read from the database a page at a time, never whole: a reader of a
    /// 200 MB document gets its page, not the document.
    pub fn document(
        &self,
        id: i64,
        range: std::ops::Range<usize>,
    ) -> Result<Option<DocumentView>, StoreError> {
        let head: Option<(String, i64, Option<String>)> = self
            .conn
            .query_row(
                "SELECT name, bytes, dct FROM documents WHERE id = ?",
                params![id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let Some((name, bytes, dct)) = head else {
            return Ok(None);
        };
        let (start, text) = self.text_range(id, range)?;
        let end = start + text.len();
        let (a, b) = (start as i64, end as i64);
        let mut stmt = self
            .conn
            .prepare_cached("SELECT m.start, m.end, n.name, n.kind, m.via FROM mentions m JOIN entities n ON n.id = m.entity WHERE m.doc = ? AND m.start >= ? AND m.start < ? ORDER BY m.start")
            .map_err(|e| self.err(e))?;
        let mentions = stmt
            .query_map(params![id, a, b], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT start, end, type, value FROM timexes WHERE doc = ? AND start >= ? AND start < ? ORDER BY start")
            .map_err(|e| self.err(e))?;
        let timexes = stmt
            .query_map(params![id, a, b], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
            })
            .map_err(|e| self.err(e))?
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| self.err(e))?;
        Ok(Some(DocumentView {
            id,
            name,
            bytes,
            start: a,
            text,
            dct,
            mentions,
            timexes,
        }))
    }

    /// The bytes `range` of document `id`'s text, narrowed to the text and to character
    /// boundaries: (where the returned text starts, the text).
    pub fn text_range(
        &self,
        id: i64,
        range: std::ops::Range<usize>,
    ) -> Result<(usize, String), StoreError> {
        let mut v = self.text_ranges(id, std::slice::from_ref(&range))?;
        Ok(v.pop().unwrap_or((range.start, String::new())))
    }

    /// [`Store::text_range`] for several ranges of one document. The text is read through
    /// SQLite's incremental blob I/O, which reads the pages of each range only; one handle
    /// serves every range, so the overflow pages of a long text are walked once, not once
    /// per range.
    pub fn text_ranges(
        &self,
        id: i64,
        ranges: &[std::ops::Range<usize>],
    ) -> Result<Vec<(usize, String)>, StoreError> {
        let blob = self
            .conn
            .blob_open(rusqlite::MAIN_DB, "documents", "text", id, true)
            .map_err(|e| self.err(e))?;
        let len = blob.len();
        // UTF-8: a character boundary is a byte that is not 0b10xx_xxxx (or the end)
        let at = |i: usize| -> Result<u8, StoreError> {
            let mut x = [0u8];
            blob.read_at_exact(&mut x, i).map_err(|e| self.err(e))?;
            Ok(x[0])
        };
        let mut out = Vec::with_capacity(ranges.len());
        for r in ranges {
            let mut a = r.start.min(len);
            let mut b = r.end.clamp(a, len);
            while a < b && at(a)? & 0xC0 == 0x80 {
                a += 1;
            }
            while b < len && b > a && at(b)? & 0xC0 == 0x80 {
                b -= 1;
            }
            let mut buf = vec![0u8; b - a];
            blob.read_at_exact(&mut buf, a).map_err(|e| self.err(e))?;
            out.push((a, String::from_utf8_lossy(&buf).into_owned()));
        }
        Ok(out)
    }

    /// Entity mentions of document `doc` (an id) inside `[start, end)`: (start, end, entity).
    pub fn mentions_in(
        &self,
        doc: i64,
        start: i64,
        end: i64,
    ) -> Result<Vec<(i64, i64, String)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT m.start, m.end, n.name FROM mentions m JOIN entities n ON n.id = m.entity
                 WHERE m.doc = ?1 AND m.start >= ?2 AND m.start < ?3 AND m.end <= ?3
                 ORDER BY m.start",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![doc, start, end], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Names left unlinked between several candidates: those written `text` (any case) in
    /// any document, or with `within` = (document name, start, end) those inside that span.
    /// Each with its document, offsets and candidate entity names, in document order.
    pub fn ambiguous(
        &self,
        text: Option<&str>,
        within: Option<(&str, i64, i64)>,
    ) -> Result<Vec<AmbiguousRow>, StoreError> {
        let (doc, start, end) = within.unwrap_or(("", 0, i64::MAX));
        let mut stmt = self
            .conn
            .prepare_cached(
                "SELECT d.name, a.start, a.end, a.text, group_concat(n.name, char(9))
                 FROM ambiguous a JOIN documents d ON d.id = a.doc JOIN entities n ON n.id = a.entity
                 WHERE (?1 IS NULL OR a.text = ?1 COLLATE NOCASE)
                   AND (?2 = '' OR (d.name = ?2 AND a.start >= ?3 AND a.end <= ?4))
                 GROUP BY a.doc, a.start ORDER BY a.doc, a.start LIMIT 1000",
            )
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![text, doc, start, end], |r| {
                let names: String = r.get(4)?;
                Ok(AmbiguousRow {
                    doc: r.get(0)?,
                    start: r.get(1)?,
                    end: r.get(2)?,
                    text: r.get(3)?,
                    candidates: names.split('\t').map(String::from).collect(),
                })
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Full-text search over events' sentences and documents: (kind, id, snippet with the
    /// matches in [brackets]).
    /// At most `limit` of the best matches (FTS5's bm25 rank). Ranking reads every match's
    /// length and costs microseconds a match: a word in nearly every row ("the", in 100,000
    /// events) took a second to rank. Past [`RANKED_MATCHES`] matches a ranking says little
    /// anyway, so those searches answer with the latest matches instead.
    pub fn search(
        &self,
        words: &str,
        limit: usize,
    ) -> Result<Vec<(String, i64, String)>, StoreError> {
        let q = fts_query(words);
        let matches: i64 = self
            .conn
            .prepare_cached(
                "SELECT count(*) FROM (SELECT 1 FROM search WHERE search MATCH ? LIMIT ?)",
            )
            .and_then(|mut st| st.query_row(params![q, RANKED_MATCHES + 1], |r| r.get(0)))
            .map_err(|e| self.err(e))?;
        let order = if matches > RANKED_MATCHES {
            "rowid DESC"
        } else {
            "rank"
        };
        let mut stmt = self
            .conn
            .prepare_cached(&format!("SELECT kind, ref, snippet(search, 2, '[', ']', '…', 12) FROM search WHERE search MATCH ? ORDER BY {order} LIMIT ?"))
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map(params![q, limit as i64], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// The text of a stored document, by name.
    pub fn document_text(&self, name: &str) -> Result<Option<String>, StoreError> {
        self.conn
            .query_row(
                // written as a blob (see `Build::begin_document`), read as the text it is
                "SELECT CAST(text AS TEXT) FROM documents WHERE name = ? ORDER BY id DESC",
                params![name],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Counts of rows per table, for reports.
    pub fn counts(&self) -> Result<Vec<(&'static str, i64)>, StoreError> {
        let mut out = Vec::new();
        for t in [
            "documents",
            "timexes",
            "entities",
            "mentions",
            "citations",
            "events",
            "claims",
        ] {
            let n: i64 = self
                .conn
                .query_row(&format!("SELECT count(*) FROM {t}"), [], |r| r.get(0))
                .map_err(|e| self.err(e))?;
            out.push((t, n));
        }
        Ok(out)
    }
}

/// Who acted on whom: actors (name, kind, events) and agent → target pairs (agent, target,
/// events).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Network {
    pub nodes: Vec<(String, String, i64)>,
    pub edges: Vec<(String, String, i64)>,
}

/// A stored document: id, name, size in bytes, document date.
pub type DocumentRow = (i64, String, i64, Option<String>);

/// A cited work: authors, year, number of citations, linked reference-list entry.
pub type SourceRow = (String, String, i64, Option<String>);

/// An actor of the chronology: name, kind, the state it acts for, number of events.
pub type ActorRow = (String, String, Option<String>, i64);

/// One claim of an event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRow {
    /// The document's id and name.
    pub doc_id: i64,
    pub doc: String,
    pub date: String,
    pub evidence: (i64, i64),
    pub trigger: Option<(i64, i64)>,
    pub date_span: (i64, i64),
    pub sources: Vec<String>,
    pub date_source: String,
    /// How the actors and targets were found in this telling.
    pub roles: String,
}

/// A document being stored (see [`Build::begin_document`]).
#[derive(Debug)]
pub struct StoredDocument {
    id: i64,
    sha256: String,
    /// The document date written with the row.
    dct: Option<String>,
    /// Citations (id, first author and year) whose reference entry may come later.
    unlinked: Vec<(i64, (String, String))>,
}

/// The most bytes of a document's text in one row of the full-text index (and in one write
/// of its blob).
pub const SEARCH_PIECE: usize = 1 << 20;

/// `text` in pieces of at most [`SEARCH_PIECE`] bytes, cut after a whitespace where there
/// is one in the piece's last quarter (so that no word is cut in two), else at a character
/// boundary. A text that fits is one piece.
fn search_pieces(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len();
        if end > SEARCH_PIECE {
            end = SEARCH_PIECE;
            while !rest.is_char_boundary(end) {
                end -= 1;
            }
            let mut floor = end - end / 4;
            while !rest.is_char_boundary(floor) {
                floor += 1;
            }
            if let Some(ws) = rest[floor..end].rfind(char::is_whitespace) {
                end = floor + ws + rest[floor + ws..].chars().next().map_or(1, char::len_utf8);
            }
        }
        let (piece, after) = rest.split_at(end);
        rest = after;
        Some(piece)
    })
}

/// A build in progress: one transaction. Dropping it without [`Build::commit`] rolls back.
pub struct Build<'a> {
    tx: rusqlite::Transaction<'a>,
    path: String,
    /// Entity ids by name, for this build: most mentions name a few entities.
    entity_ids: std::cell::RefCell<std::collections::HashMap<String, i64>>,
}

impl Build<'_> {
    fn e(&self) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        move |source| StoreError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// Whether a document with these bytes is already stored.
    /// Removes the documents stored under `name` whose key is not `sha256` — the earlier
    /// versions of a file that changed (or was read against another `--dct`) — with
    /// everything extracted from them: their segments, dates, mentions, citations and
    /// claims, and the events no other document's claim still tells. Returns how many
    /// documents went. Without it an edited file would be stored twice and its events
    /// counted twice.
    ///
    /// An event another document also tells stays, with the date, summary and participants
    /// it was first stored with.
    pub fn remove_other_versions(&self, name: &str, sha256: &str) -> Result<usize, StoreError> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .tx
                .prepare("SELECT id FROM documents WHERE name = ? AND sha256 != ?")
                .map_err(self.e())?;
            let rows = stmt
                .query_map(params![name, sha256], |r| r.get(0))
                .map_err(self.e())?;
            rows.collect::<Result<_, _>>().map_err(self.e())?
        };
        for id in &ids {
            self.tx
                .execute_batch(&format!(
                    "CREATE TEMP TABLE IF NOT EXISTS gone(id INTEGER PRIMARY KEY);
                     DELETE FROM temp.gone;
                     INSERT INTO temp.gone SELECT DISTINCT event FROM claims WHERE doc = {id};
                     DELETE FROM claims WHERE doc = {id};
                     DELETE FROM temp.gone WHERE id IN (SELECT event FROM claims);
                     DELETE FROM participants WHERE event IN temp.gone;
                     DELETE FROM search WHERE kind = 'event' AND ref IN temp.gone;
                     UPDATE events SET rival_of = NULL WHERE rival_of IN temp.gone;
                     DELETE FROM events WHERE id IN temp.gone;
                     DELETE FROM search WHERE kind = 'document' AND ref = {id};
                     DELETE FROM mentions WHERE doc = {id};
                     DELETE FROM ambiguous WHERE doc = {id};
                     DELETE FROM citations WHERE doc = {id};
                     UPDATE citations SET reference = NULL
                       WHERE reference IN (SELECT id FROM bibliography WHERE doc = {id});
                     DELETE FROM bibliography WHERE doc = {id};
                     DELETE FROM timexes WHERE doc = {id};
                     DELETE FROM segments WHERE doc = {id};
                     DELETE FROM documents WHERE id = {id};"
                ))
                .map_err(self.e())?;
        }
        Ok(ids.len())
    }

    pub fn has_document(&self, sha256: &str) -> Result<bool, StoreError> {
        let n: i64 = self
            .tx
            .query_row(
                "SELECT count(*) FROM documents WHERE sha256 = ?",
                params![sha256],
                |r| r.get(0),
            )
            .map_err(self.e())?;
        Ok(n > 0)
    }

    /// Runs a statement through the statement cache: a build runs the same few statements
    /// thousands of times, and preparing them again each time was most of its cost.
    fn exec<P: rusqlite::Params>(&self, sql: &str, p: P) -> rusqlite::Result<usize> {
        self.tx.prepare_cached(sql)?.execute(p)
    }

    fn row<T, P: rusqlite::Params, F: FnOnce(&rusqlite::Row<'_>) -> rusqlite::Result<T>>(
        &self,
        sql: &str,
        p: P,
        f: F,
    ) -> rusqlite::Result<T> {
        self.tx.prepare_cached(sql)?.query_row(p, f)
    }

    fn entity_id(&self, e: &EntityRecord) -> Result<i64, StoreError> {
        if let Some(&id) = self.entity_ids.borrow().get(&e.name) {
            return Ok(id);
        }
        self.exec(
            "INSERT INTO entities(name, kind, state, wikidata, source) VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT(name) DO NOTHING",
            params![e.name, e.kind, e.state, e.wikidata, e.source],
        )
        .map_err(self.e())?;
        self.row(
            "SELECT id FROM entities WHERE name = ?",
            params![e.name],
            |r| r.get(0),
        )
        .map_err(self.e())
        .inspect(|&id| {
            self.entity_ids.borrow_mut().insert(e.name.clone(), id);
        })
    }

    /// Stores a document and all that was extracted from it. Events already known (same type,
    /// date and agents) gain a claim instead of a duplicate.
    pub fn add(&self, d: &DocumentRecord) -> Result<(), StoreError> {
        let mut doc = self.begin_document(&d.name, &d.sha256, &d.text, d.dct.as_deref())?;
        self.add_records(&mut doc, &d.records)?;
        self.finish_document(doc, d.dct.as_deref())
    }

    /// Starts storing a document: its row, its text and its full-text index. Its records
    /// follow ([`Build::add_records`], as often as needed) and then
    /// [`Build::finish_document`], which writes what is known only at the end. `dct` is the
    /// document date as known now: changing it later rewrites the row, text and all (SQLite
    /// writes a row whole), so a caller gives it here when it can.
    ///
    /// The text is written through incremental blob I/O and indexed in pieces of at most
    /// [`SEARCH_PIECE`] bytes: binding a 200 MB text would have SQLite copy it, and FTS5
    /// holds a row's whole index in memory until the row is written (about 3× the text).
    pub fn begin_document(
        &self,
        name: &str,
        sha256: &str,
        text: &str,
        dct: Option<&str>,
    ) -> Result<StoredDocument, StoreError> {
        let e = self.e();
        self.exec(
            "INSERT INTO documents(name, sha256, bytes, dct, text) VALUES (?1, ?2, ?3, ?4, zeroblob(?3))",
            params![name, sha256, text.len() as i64, dct],
        )
        .map_err(&e)?;
        let doc = self.tx.last_insert_rowid();
        if !text.is_empty() {
            let mut blob = self
                .tx
                .blob_open(rusqlite::MAIN_DB, "documents", "text", doc, false)
                .map_err(&e)?;
            for (i, piece) in text.as_bytes().chunks(SEARCH_PIECE).enumerate() {
                blob.write_at(piece, i * SEARCH_PIECE).map_err(&e)?;
            }
        }
        for piece in search_pieces(text) {
            self.exec(
                "INSERT INTO search(kind, ref, text) VALUES ('document', ?1, ?2)",
                params![doc, piece],
            )
            .map_err(&e)?;
        }
        Ok(StoredDocument {
            id: doc,
            sha256: sha256.to_string(),
            dct: dct.map(str::to_string),
            unlinked: Vec::new(),
        })
    }

    /// Ends a stored document: its document date (known once its dateline is read), and the
    /// links of its citations to the reference-list entries stored after them.
    pub fn finish_document(&self, d: StoredDocument, dct: Option<&str>) -> Result<(), StoreError> {
        let e = self.e();
        if d.dct.as_deref() != dct {
            self.exec(
                "UPDATE documents SET dct = ?2 WHERE id = ?1",
                params![d.id, dct],
            )
            .map_err(&e)?;
        }
        for (citation, (author, year)) in &d.unlinked {
            self.exec(
                "UPDATE citations SET reference =
                   (SELECT id FROM bibliography WHERE doc = ?2 AND lower(author) = lower(?3) AND year = ?4 LIMIT 1)
                 WHERE id = ?1 AND reference IS NULL",
                params![citation, d.id, author, year],
            )
            .map_err(&e)?;
        }
        Ok(())
    }

    /// Stores records of document `doc` (see [`Build::begin_document`]).
    pub fn add_records(&self, stored: &mut StoredDocument, d: &Records) -> Result<(), StoreError> {
        let e = self.e();
        let (doc, sha256) = (stored.id, &stored.sha256);
        {
            let mut st = self
                .tx
                .prepare_cached(
                    "INSERT INTO segments(doc, kind, start, end) VALUES (?1, ?2, ?3, ?4)",
                )
                .map_err(&e)?;
            for (k, s, en) in &d.segments {
                st.execute(params![doc, k, *s as i64, *en as i64])
                    .map_err(&e)?;
            }
            let mut st = self
                .tx
                .prepare_cached(
                    "INSERT INTO timexes(doc, start, end, text, type, value, mod, interval_start, interval_end, anchor)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
                )
                .map_err(&e)?;
            for t in &d.timexes {
                let (a, b) = t.interval.clone().unzip();
                st.execute(params![
                    doc,
                    t.start as i64,
                    t.end as i64,
                    t.text,
                    t.kind,
                    t.value,
                    t.modifier,
                    a,
                    b,
                    t.anchor
                ])
                .map_err(&e)?;
            }
            let mut st = self
                .tx
                .prepare_cached("INSERT INTO bibliography(doc, start, end, text, author, year) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")
                .map_err(&e)?;
            for r in &d.references {
                st.execute(params![
                    doc,
                    r.start as i64,
                    r.end as i64,
                    r.text,
                    r.author,
                    r.year
                ])
                .map_err(&e)?;
            }
            // a citation links to the reference-list entry of the same first author and year
            let mut st = self
                .tx
                .prepare_cached(
                    "INSERT INTO citations(doc, start, end, text, authors, year, locator, reference)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7,
                       (SELECT id FROM bibliography WHERE doc = ?1 AND lower(author) = lower(?8) AND year = ?9 LIMIT 1))",
                )
                .map_err(&e)?;
            for c in &d.citations {
                st.execute(params![
                    doc,
                    c.start as i64,
                    c.end as i64,
                    c.text,
                    c.authors,
                    c.year,
                    c.locator,
                    c.key.0,
                    c.key.1
                ])
                .map_err(&e)?;
                // its reference may be in a later part of the document
                if !c.key.0.is_empty() {
                    let id = self.tx.last_insert_rowid();
                    stored.unlinked.push((id, c.key.clone()));
                }
            }
        }
        for m in &d.mentions {
            let ent = self.entity_id(&m.entity)?;
            self.exec(
                    "INSERT INTO mentions(doc, entity, start, end, text, via) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![doc, ent, m.start as i64, m.end as i64, m.text, m.via],
                )
                .map_err(&e)?;
        }
        for a in &d.ambiguous {
            for c in &a.candidates {
                let ent = self.entity_id(c)?;
                self.exec(
                    "INSERT INTO ambiguous(doc, entity, start, end, text) VALUES (?1, ?2, ?3, ?4, ?5)",
                    params![doc, ent, a.start as i64, a.end as i64, a.text],
                )
                .map_err(&e)?;
            }
        }
        for ev in &d.events {
            let mut agents: Vec<String> = ev.agents.iter().map(|a| a.name.clone()).collect();
            agents.sort();
            // Retellings merge when kind, date, actors and polarity agree. An event with no
            // named actor is never merged: "riots" on one day are not the "unrest" of another
            // sentence just because neither names who.
            // Nor are the acts of a document's own report (the turns of a conversation):
            // "Hatoyama said …" twice on one day is two turns. Two actorless events of
            // one sentence are two when their triggers differ ("the lockout …, the
            // assassination of …").
            let key = if agents.is_empty() || ev.distinct {
                let (ta, tb) = ev
                    .trigger
                    .filter(|_| agents.is_empty())
                    .unwrap_or(ev.evidence);
                format!(
                    "{}|{}||{}|{}:{}-{}:{ta}-{tb}",
                    ev.kind, ev.date, ev.negated, sha256, ev.evidence.0, ev.evidence.1
                )
            } else {
                format!(
                    "{}|{}|{}|{}",
                    ev.kind,
                    ev.date,
                    agents.join(";"),
                    ev.negated
                )
            };
            let existing: Option<i64> = self
                .tx
                .query_row("SELECT id FROM events WHERE key = ?", params![key], |r| {
                    r.get(0)
                })
                .optional()
                .map_err(&e)?;
            let id = match existing {
                Some(id) => id,
                None => {
                    let (s, en) = ev.interval.clone().unzip();
                    let instrument = ev
                        .instrument
                        .as_ref()
                        .map(|i| self.entity_id(i))
                        .transpose()?;
                    // A one-off event (a signing, a veto, a death) of the same kind, with the same
                    // parties and instrument, told with another date within a year: a rival
                    // claim, kept and linked, not resolved. Recurring kinds (statements,
                    // meetings) are not compared: two dates there are two events.
                    let mut who: Vec<String> = ev
                        .agents
                        .iter()
                        .chain(&ev.targets)
                        .map(|a| a.name.clone())
                        .collect();
                    who.sort();
                    who.dedup();
                    let who = who.join(";");
                    const ONE_OFF: &[&str] = &[
                        "sign",
                        "ratify",
                        "enter_into_force",
                        "veto",
                        "admit",
                        "establish",
                        "dissolve",
                        "die",
                        "appoint",
                        "resign",
                        "boycott",
                        "defect",
                        "war",
                    ];
                    let rival: Option<i64> = if who.is_empty()
                        || !ONE_OFF.contains(&ev.kind.as_str())
                    {
                        None
                    } else {
                        self.row(
                                "SELECT id FROM events WHERE type = ?1 AND who = ?2 AND key <> ?3 AND negated = ?4
                                 AND abs(julianday(coalesce(start, date)) - julianday(?5)) < 366
                                 AND instrument IS ?6 ORDER BY id LIMIT 1",
                                params![ev.kind, who, key, ev.negated as i64, s.clone().unwrap_or_else(|| ev.date.clone()), instrument],
                                |r| r.get(0),
                            )
                            .optional()
                            .map_err(&e)?
                    };
                    self.exec(
                            "INSERT INTO events(type, cameo, plover, date, start, end, negated, modality, summary, place, instrument, rival_of, key, who)
                             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
                            params![ev.kind, ev.cameo, ev.plover, ev.date, s, en, ev.negated as i64, ev.modality, ev.summary, ev.place, instrument, rival, key, who],
                        )
                        .map_err(&e)?;
                    let id = self.tx.last_insert_rowid();
                    self.exec(
                        "INSERT INTO search(kind, ref, text) VALUES ('event', ?1, ?2)",
                        params![id, ev.summary],
                    )
                    .map_err(&e)?;
                    for (list, role) in [(&ev.agents, "agent"), (&ev.targets, "target")] {
                        for a in list {
                            let ent = self.entity_id(a)?;
                            self.exec("INSERT OR IGNORE INTO participants(event, entity, role) VALUES (?1, ?2, ?3)", params![id, ent, role])
                                .map_err(&e)?;
                        }
                    }
                    id
                }
            };
            let (ts, te) = ev.trigger.unzip();
            self.exec(
                    "INSERT INTO claims(event, doc, date, date_start, date_end, trigger_start, trigger_end,
                                        evidence_start, evidence_end, sources, date_source, roles)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                    params![
                        id,
                        doc,
                        ev.date,
                        ev.date_span.0 as i64,
                        ev.date_span.1 as i64,
                        ts.map(|x| x as i64),
                        te.map(|x| x as i64),
                        ev.evidence.0 as i64,
                        ev.evidence.1 as i64,
                        ev.sources.join("\n"),
                        ev.date_source,
                        ev.roles
                    ],
                )
                .map_err(&e)?;
        }
        Ok(())
    }

    /// Makes the build durable.
    pub fn commit(self) -> Result<(), StoreError> {
        let path = self.path.clone();
        self.tx
            .commit()
            .map_err(|source| StoreError::Sqlite { path, source })
    }
}

#[cfg(test)]
mod tests;
