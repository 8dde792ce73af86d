//! `annals-web`: `annals serve` — a JSON API over the chronology and the web page that shows
//! it (a timeline where vague dates are bands, a network of who acted on whom, a reader).
//!
//! * The database is opened read-only; every query is parameterized (filters go through
//!   [`annals_views::filter`] and the store's prepared statements; full-text search words are
//!   quoted before they reach FTS5).
//! * Assets are compiled into the binary and served from a fixed table by name: no request
//!   reaches the file system, so none can leave the asset directory.
//! * Bad parameters answer 400 with a message, unknown ids 404, as JSON `{"error": …}`; a
//!   parameter holding a control character (a NUL) is a bad parameter.
//!
//! No request can hold the server (issue: one search of 50 words took 12 s and every other
//! request waited behind it):
//! * Queries run on a few blocking threads ([`DB_WORKERS`]), each with its own read-only
//!   connection from a pool, never on the threads that answer HTTP: assets and quick
//!   requests keep answering while a slow one runs.
//! * Every request's database work stops after [`QUERY_TIME`] (SQLite's progress handler)
//!   and answers 503 with a message; a request that cannot get a worker within
//!   [`WAIT_TIME`] answers 503 too.
//! * Every answer is a page: `limit` (with a default and a maximum per endpoint) and
//!   `offset` go into the SQL. The total is in the `X-Total-Count` header where it is cheap.
//! * A searcher gives at most [`annals_store::MAX_SEARCH_WORDS`] words.
//! * Connections: at most [`MAX_CONNECTIONS`] at once (more are closed at once), and a
//!   client gets [`HEADER_TIME`] to send a request's headers, for its first request and
//!   for each next one on a kept-alive connection.
//!
//! API (all GET, JSON):
//! `/api/events?actor=&type=&from=&to=&q=&source=&limit=&offset=` ·
//! `/api/events/{id}?limit=&offset=` (a page of its claims) · `/api/entities?limit=&offset=` ·
//! `/api/documents?limit=&offset=` · `/api/documents/{id}?offset=&limit=` (a page of the text,
//! in bytes, with its mentions and dates) · `/api/search?q=&limit=` ·
//! `/api/network?from=&to=&type=&limit=`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use annals_entities::Gazetteer;
use annals_store::{Store, StoreError};
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{json, Value};

/// The embedded assets: name → (content type, bytes).
const ASSETS: &[(&str, &str, &[u8])] = &[
    (
        "index.html",
        "text/html; charset=utf-8",
        include_bytes!("../assets/index.html"),
    ),
    (
        "app.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/app.js"),
    ),
    (
        "app.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/app.css"),
    ),
    (
        "vendor/vis-timeline-graph2d.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline-graph2d.min.js"),
    ),
    (
        "vendor/vis-timeline-graph2d.min.css",
        "text/css; charset=utf-8",
        include_bytes!("../assets/vendor/vis-timeline-graph2d.min.css"),
    ),
    (
        "vendor/cytoscape.min.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape.min.js"),
    ),
    (
        "vendor/cytoscape-fcose.js",
        "text/javascript; charset=utf-8",
        include_bytes!("../assets/vendor/cytoscape-fcose.js"),
    ),
    (
        "favicon.svg",
        "image/svg+xml",
        include_bytes!("../assets/favicon.svg"),
    ),
];

/// Database work one request may do.
pub const QUERY_TIME: Duration = Duration::from_millis(900);
/// How long a request waits for a database worker before it is told the server is busy.
pub const WAIT_TIME: Duration = Duration::from_secs(1);
/// Requests whose database work runs at once; the rest wait (at most [`WAIT_TIME`]).
pub const DB_WORKERS: usize = 4;
/// Open connections at once; a connection beyond them is closed when accepted.
pub const MAX_CONNECTIONS: usize = 512;
/// Time a client has to send a request's headers.
pub const HEADER_TIME: Duration = Duration::from_secs(5);

/// Errors of the server.
#[derive(Debug, thiserror::Error)]
pub enum WebError {
    #[error(transparent)]
    Store(#[from] StoreError),
    #[error("cannot listen on {addr}: {source}")]
    Bind {
        addr: String,
        #[source]
        source: std::io::Error,
    },
    #[error("server: {0}")]
    Serve(#[from] std::io::Error),
}

/// Read-only connections, opened on demand and kept for the next request.
struct Pool {
    path: PathBuf,
    idle: Mutex<Vec<Store>>,
}

impl Pool {
    fn take(&self) -> Result<Store, StoreError> {
        let idle = self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop();
        match idle {
            Some(s) => Ok(s),
            None => Store::open_read_only(&self.path),
        }
    }

    fn give(&self, s: Store) {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(s);
    }
}

struct AppState {
    pool: Pool,
    workers: Arc<tokio::sync::Semaphore>,
    gazetteer: Gazetteer,
}

type Shared = Arc<AppState>;

/// An API error: status and message.
struct ApiError(StatusCode, String);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (self.0, Json(json!({"error": self.1}))).into_response()
    }
}

impl From<StoreError> for ApiError {
    fn from(e: StoreError) -> ApiError {
        match e {
            StoreError::Interrupted { .. } => ApiError(
                StatusCode::SERVICE_UNAVAILABLE,
                format!(
                    "this request needs more than {} ms of the database; narrow it (a filter, a smaller limit)",
                    QUERY_TIME.as_millis()
                ),
            ),
            e => ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        }
    }
}

fn bad(msg: impl Into<String>) -> ApiError {
    ApiError(StatusCode::BAD_REQUEST, msg.into())
}

type ApiResult = Result<Response, ApiError>;

/// Runs `f` on a pooled read-only connection on a blocking thread, under [`QUERY_TIME`].
async fn with_store<T, F>(s: &Shared, f: F) -> Result<T, ApiError>
where
    T: Send + 'static,
    F: FnOnce(&Store) -> Result<T, ApiError> + Send + 'static,
{
    let busy = || {
        ApiError(
            StatusCode::SERVICE_UNAVAILABLE,
            "the server is busy; try again".into(),
        )
    };
    let permit = tokio::time::timeout(WAIT_TIME, s.workers.clone().acquire_owned())
        .await
        .map_err(|_| busy())?
        .map_err(|_| busy())?;
    let state = s.clone();
    tokio::task::spawn_blocking(move || {
        let _permit = permit;
        let mut store = state.pool.take()?;
        store.set_time_limit(Some(QUERY_TIME));
        let r = f(&store);
        store.set_time_limit(None);
        state.pool.give(store);
        r
    })
    .await
    .map_err(|e| ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?
}

/// The router for a database (opened read-only now, so a missing or foreign file fails
/// before the server listens).
pub fn router(db: &Path) -> Result<Router, WebError> {
    let first = Store::open_read_only(db)?;
    let state = Arc::new(AppState {
        pool: Pool {
            path: db.to_path_buf(),
            idle: Mutex::new(vec![first]),
        },
        workers: Arc::new(tokio::sync::Semaphore::new(DB_WORKERS)),
        gazetteer: Gazetteer::builtin(),
    });
    Ok(Router::new()
        .route("/", get(|| async { asset("index.html") }))
        .route("/favicon.ico", get(|| async { asset("favicon.svg") }))
        .route(
            "/assets/{*name}",
            get(|UrlPath(name): UrlPath<String>| async move { asset(&name) }),
        )
        .route("/api/events", get(events))
        .route("/api/events/{id}", get(event))
        .route("/api/entities", get(entities))
        .route("/api/documents", get(documents))
        .route("/api/documents/{id}", get(document))
        .route("/api/search", get(search))
        .route("/api/network", get(network))
        .fallback(|| async { ApiError(StatusCode::NOT_FOUND, "no such page".into()) })
        .with_state(state))
}

/// Serves `db` on `addr` until interrupted (Ctrl-C).
pub async fn serve(db: PathBuf, addr: String) -> Result<(), WebError> {
    let app = router(&db)?;
    let listener = tokio::net::TcpListener::bind(&addr)
        .await
        .map_err(|source| WebError::Bind {
            addr: addr.clone(),
            source,
        })?;
    let local = listener.local_addr()?;
    eprintln!(
        "annals: serving {} on http://{local}/ (Ctrl-C to stop)",
        db.display()
    );
    serve_on(listener, app, async {
        let _ = tokio::signal::ctrl_c().await;
    })
    .await?;
    Ok(())
}

/// Serves `app` on `listener` until `shutdown` completes, with the connection limits of
/// this module ([`MAX_CONNECTIONS`], [`HEADER_TIME`]); then lets open requests finish for
/// up to five seconds.
pub async fn serve_on(
    listener: tokio::net::TcpListener,
    app: Router,
    shutdown: impl std::future::Future<Output = ()>,
) -> std::io::Result<()> {
    use hyper_util::rt::{TokioIo, TokioTimer};
    let connections = Arc::new(tokio::sync::Semaphore::new(MAX_CONNECTIONS));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIME)
        .max_buf_size(64 * 1024);
    tokio::pin!(shutdown);
    loop {
        let accepted = tokio::select! {
            a = listener.accept() => a,
            () = &mut shutdown => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            // out of file descriptors and the like: let the other connections go on
            Err(_) => {
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let Ok(permit) = connections.clone().try_acquire_owned() else {
            drop(stream);
            continue;
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        let conn = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    tokio::select! {
        () = graceful.shutdown() => {}
        () = tokio::time::sleep(Duration::from_secs(5)) => {}
    }
    Ok(())
}

fn asset(name: &str) -> Response {
    match ASSETS.iter().find(|(n, _, _)| *n == name) {
        Some((_, ty, bytes)) => (
            [
                (header::CONTENT_TYPE, *ty),
                (header::CACHE_CONTROL, "max-age=3600"),
            ],
            *bytes,
        )
            .into_response(),
        None => ApiError(StatusCode::NOT_FOUND, format!("no asset {name:?}")).into_response(),
    }
}

fn id_of(s: &str, prefix: char) -> Result<i64, ApiError> {
    s.trim_start_matches([prefix, prefix.to_ascii_lowercase()])
        .parse()
        .map_err(|_| bad(format!("invalid id {s:?}")))
}

type Params = HashMap<String, String>;

/// Refuses parameters not in `allowed`, and values with control characters.
fn check_params(q: &Params, allowed: &[&str]) -> Result<(), ApiError> {
    if let Some(k) = q.keys().find(|k| !allowed.contains(&k.as_str())) {
        return Err(bad(format!(
            "unknown parameter {k:?}; allowed: {}",
            allowed.join(", ")
        )));
    }
    if let Some((k, _)) = q.iter().find(|(_, v)| v.chars().any(char::is_control)) {
        return Err(bad(format!("parameter {k:?} holds a control character")));
    }
    Ok(())
}

/// A page: `offset` (default 0) and `limit` (default `default`, at most `max`).
#[derive(Clone, Copy, Debug)]
struct Page {
    offset: usize,
    limit: usize,
}

fn page(q: &Params, default: usize, max: usize) -> Result<Page, ApiError> {
    let num = |k: &str| -> Result<Option<usize>, ApiError> {
        q.get(k)
            .map(|v| {
                v.parse::<usize>()
                    .map_err(|_| bad(format!("invalid {k} {v:?} (a whole number)")))
            })
            .transpose()
    };
    let limit = num("limit")?.unwrap_or(default);
    if limit > max {
        return Err(bad(format!("limit {limit} is more than {max}")));
    }
    Ok(Page {
        offset: num("offset")?.unwrap_or(0),
        limit,
    })
}

/// JSON with an `X-Total-Count` header.
fn counted(v: Value, total: i64) -> Response {
    let mut r = Json(v).into_response();
    r.headers_mut()
        .insert("x-total-count", HeaderValue::from(total));
    r
}

fn json(v: Value) -> ApiResult {
    Ok(Json(v).into_response())
}

fn event_json(r: &annals_store::TimelineRow) -> Value {
    json!({
        "id": format!("E{}", r.id), "date": r.date, "start": r.start, "end": r.end, "type": r.kind,
        "actors": r.actors, "targets": r.targets, "summary": r.summary,
        "evidence_start": r.evidence_start, "evidence_end": r.evidence_end, "doc": r.doc,
        "claims": r.claims, "negated": r.negated, "modality": r.modality, "place": r.place,
        "instrument": r.instrument, "rival_of": r.rival_of.map(|i| format!("E{i}")),
        "vague": r.date.len() < 10 || r.date.contains('/'),
    })
}

const EVENT_PARAMS: &[&str] = &[
    "actor", "type", "from", "to", "q", "source", "limit", "offset",
];
/// The network takes the timeline's filters (the page applies the same ones to both views).
const NETWORK_PARAMS: &[&str] = &["actor", "type", "from", "to", "q", "source", "limit"];
/// Events per page: the default, and the most one request may ask for.
const EVENTS_PAGE: (usize, usize) = (10_000, 10_000);
const CLAIMS_PAGE: (usize, usize) = (100, 1000);
const LIST_PAGE: (usize, usize) = (1000, 10_000);
/// Bytes of a document's text per page.
const TEXT_PAGE: (usize, usize) = (256 << 10, 1 << 20);
const SEARCH_PAGE: (usize, usize) = (100, 100);
const NETWORK_EDGES: (usize, usize) = (1000, 5000);

/// The `actor` parameter (one name or alias) as the filter's list of actors.
fn actor_param(q: &Params) -> Vec<String> {
    q.get("actor").map(|a| vec![a.clone()]).unwrap_or_default()
}

fn view_filter(
    s: &AppState,
    q: &Params,
    actors: &[String],
) -> Result<annals_store::Filter, ApiError> {
    let get = |k: &str| q.get(k).map(String::as_str);
    if let Some(words) = get("q") {
        annals_store::check_search(words).map_err(bad)?;
    }
    annals_views::filter(
        &s.gazetteer,
        actors,
        get("from"),
        get("to"),
        get("type"),
        get("q"),
        get("source"),
    )
    .map_err(bad)
}

async fn events(State(s): State<Shared>, Query(q): Query<Params>) -> ApiResult {
    check_params(&q, EVENT_PARAMS)?;
    let actors = actor_param(&q);
    let mut filter = view_filter(&s, &q, &actors)?;
    let p = page(&q, EVENTS_PAGE.0, EVENTS_PAGE.1)?;
    filter.limit = Some(p.limit);
    filter.offset = p.offset;
    let rows = with_store(&s, move |store| Ok(store.timeline(&filter)?)).await?;
    json(Value::Array(rows.iter().map(event_json).collect()))
}

async fn event(
    State(s): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<Params>,
) -> ApiResult {
    check_params(&q, &["limit", "offset"])?;
    let id = id_of(&id, 'E')?;
    let p = page(&q, CLAIMS_PAGE.0, CLAIMS_PAGE.1)?;
    with_store(&s, move |store| event_page(store, id, p)).await
}

/// One event with a page of its claims: each claim's evidence, the spans in it of its date,
/// trigger and actors (relative to the evidence), and the rival tellings.
fn event_page(store: &Store, id: i64, p: Page) -> ApiResult {
    let Some(row) = store.event_row(id)? else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no event E{id}")));
    };
    let claims = store.claims_page(id, p.offset, Some(p.limit))?;
    // evidence text: one read of each document for all its claims of this page
    let mut evidence: HashMap<(i64, i64, i64), String> = HashMap::new();
    let mut by_doc: HashMap<i64, Vec<std::ops::Range<usize>>> = HashMap::new();
    for c in &claims {
        by_doc
            .entry(c.doc_id)
            .or_default()
            .push(c.evidence.0 as usize..c.evidence.1 as usize);
    }
    for (doc, ranges) in &by_doc {
        for (r, (_, text)) in ranges.iter().zip(store.text_ranges(*doc, ranges)?) {
            evidence.insert((*doc, r.start as i64, r.end as i64), text);
        }
    }
    let mut cl = Vec::with_capacity(claims.len());
    for c in &claims {
        let (s0, e0) = c.evidence;
        let rel = |a: i64, b: i64| -> Value {
            if a >= s0 && b <= e0 && b > a {
                json!([a - s0, b - s0])
            } else {
                Value::Null
            }
        };
        let actors: Vec<Value> = store
            .mentions_in(c.doc_id, s0, e0)?
            .into_iter()
            .map(|(a, b, n)| json!({"span": rel(a, b), "entity": n}))
            .collect();
        let text = evidence.get(&(c.doc_id, s0, e0)).map_or("", String::as_str);
        cl.push(json!({
            "actor_spans": actors,
            "doc": c.doc, "date": c.date, "date_source": c.date_source, "sources": c.sources,
            "evidence_start": s0, "evidence_end": e0,
            "evidence": text,
            "date_span": rel(c.date_span.0, c.date_span.1),
            "trigger_span": c.trigger.map_or(Value::Null, |(a, b)| rel(a, b)),
        }));
    }
    let mut rivals = Vec::new();
    for r in store.rivals(id)? {
        if let Some(row) = store.event_row(r)? {
            rivals.push(event_json(&row));
        }
    }
    let total = row.claims;
    let mut v = event_json(&row);
    v["claims"] = Value::Array(cl);
    v["claims_total"] = total.into();
    v["claims_offset"] = p.offset.into();
    v["rivals"] = Value::Array(rivals);
    Ok(counted(v, total))
}

async fn entities(State(s): State<Shared>, Query(q): Query<Params>) -> ApiResult {
    let p = list_page(&q)?;
    let rows = with_store(&s, move |store| Ok(store.actors()?)).await?;
    Ok(paged(
        rows,
        p,
        |(n, k, st, c)| json!({"name": n, "kind": k, "acts_for": st, "events": c}),
    ))
}

async fn documents(State(s): State<Shared>, Query(q): Query<Params>) -> ApiResult {
    let p = list_page(&q)?;
    let rows = with_store(&s, move |store| Ok(store.documents()?)).await?;
    Ok(paged(
        rows,
        p,
        |(id, n, b, d)| json!({"id": id, "name": n, "bytes": b, "dct": d}),
    ))
}

/// The page of a list endpoint (only `limit` and `offset`).
fn list_page(q: &Params) -> Result<Page, ApiError> {
    check_params(q, &["limit", "offset"])?;
    page(q, LIST_PAGE.0, LIST_PAGE.1)
}

/// Page `p` of `rows` as a JSON array, the total in `X-Total-Count`. (Lists of actors and
/// documents are short next to events: read whole, answered a page at a time.)
fn paged<T>(rows: Vec<T>, p: Page, f: impl Fn(T) -> Value) -> Response {
    let total = rows.len() as i64;
    let v = rows
        .into_iter()
        .skip(p.offset)
        .take(p.limit)
        .map(f)
        .collect();
    counted(Value::Array(v), total)
}

async fn document(
    State(s): State<Shared>,
    UrlPath(id): UrlPath<String>,
    Query(q): Query<Params>,
) -> ApiResult {
    check_params(&q, &["limit", "offset"])?;
    let id = id_of(&id, 'D')?;
    let p = page(&q, TEXT_PAGE.0, TEXT_PAGE.1)?;
    let Some(d) = with_store(&s, move |store| {
        Ok(store.document(id, p.offset..p.offset.saturating_add(p.limit))?)
    })
    .await?
    else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no document {id}")));
    };
    let end = d.start + d.text.len() as i64;
    json(json!({
        "id": d.id, "name": d.name, "text": d.text, "dct": d.dct,
        "bytes": d.bytes, "offset": d.start,
        "next_offset": (end < d.bytes).then_some(end),
        "mentions": d.mentions.iter().map(|(a, b, n, k, v)| json!({"start": a, "end": b, "entity": n, "kind": k, "via": v})).collect::<Vec<_>>(),
        "timexes": d.timexes.iter().map(|(a, b, t, v)| json!({"start": a, "end": b, "type": t, "value": v})).collect::<Vec<_>>(),
    }))
}

async fn search(State(s): State<Shared>, Query(q): Query<Params>) -> ApiResult {
    check_params(&q, &["q", "limit"])?;
    let Some(words) = q.get("q").filter(|w| !w.trim().is_empty()).cloned() else {
        return Err(bad("missing parameter q (the words to search)"));
    };
    annals_store::check_search(&words).map_err(bad)?;
    let p = page(&q, SEARCH_PAGE.0, SEARCH_PAGE.1)?;
    let rows = with_store(&s, move |store| Ok(store.search(&words, p.limit)?)).await?;
    json(Value::Array(
        rows.into_iter()
            .map(|(k, r, snip)| json!({"kind": k, "id": if k == "event" { format!("E{r}") } else { r.to_string() }, "snippet": snip}))
            .collect(),
    ))
}

/// Who acted on whom: nodes are actors, edges agent → target weighted by events.
async fn network(State(s): State<Shared>, Query(q): Query<Params>) -> ApiResult {
    check_params(&q, NETWORK_PARAMS)?;
    let actors = actor_param(&q);
    let filter = view_filter(&s, &q, &actors)?;
    let p = page(&q, NETWORK_EDGES.0, NETWORK_EDGES.1)?;
    let net = with_store(&s, move |store| Ok(store.network(&filter, p.limit)?)).await?;
    json(json!({
        "nodes": net.nodes.iter().map(|(n, k, w)| json!({"id": n, "kind": k, "events": w})).collect::<Vec<_>>(),
        "edges": net.edges.iter().map(|(a, b, w)| json!({"source": a, "target": b, "events": w})).collect::<Vec<_>>(),
    }))
}

#[cfg(test)]
mod tests;
