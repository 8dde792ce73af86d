//! `annals-web`: `annals serve` — a JSON API over the chronology and the web page that shows
//! it (a timeline where vague dates are bands, a network of who acted on whom, a reader).
//!
//! * The database is opened read-only; every query is parameterized (filters go through
//!   [`annals_views::filter`] and the store's prepared statements; full-text search words are
//!   quoted before they reach FTS5).
//! * Assets are compiled into the binary and served from a fixed table by name: no request
//!   reaches the file system, so none can leave the asset directory.
//! * Bad parameters answer 400 with a message, unknown ids 404, as JSON `{"error": …}`.
//!
//! API (all GET, JSON):
//! `/api/events?actor=&type=&from=&to=&q=&source=&limit=` · `/api/events/{id}` ·
//! `/api/entities` · `/api/documents` · `/api/documents/{id}` · `/api/search?q=` ·
//! `/api/network?from=&to=&type=`.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use annals_entities::Gazetteer;
use annals_store::{Store, StoreError};
use axum::extract::{Path as UrlPath, Query, State};
use axum::http::{header, StatusCode};
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
];

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

struct AppState {
    store: Mutex<Store>,
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
        ApiError(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())
    }
}

type ApiResult = Result<Json<Value>, ApiError>;

/// The router for a database (opened read-only now, so a missing or foreign file fails
/// before the server listens).
pub fn router(db: &Path) -> Result<Router, WebError> {
    let store = Store::open_read_only(db)?;
    let state = Arc::new(AppState {
        store: Mutex::new(store),
        gazetteer: Gazetteer::builtin(),
    });
    Ok(Router::new()
        .route("/", get(|| async { asset("index.html") }))
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
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
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
        .map_err(|_| ApiError(StatusCode::BAD_REQUEST, format!("invalid id {s:?}")))
}

const EVENT_PARAMS: &[&str] = &["actor", "type", "from", "to", "q", "source", "limit"];

fn check_params(q: &HashMap<String, String>, allowed: &[&str]) -> Result<(), ApiError> {
    match q.keys().find(|k| !allowed.contains(&k.as_str())) {
        Some(k) => Err(ApiError(
            StatusCode::BAD_REQUEST,
            format!("unknown parameter {k:?}; allowed: {}", allowed.join(", ")),
        )),
        None => Ok(()),
    }
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

async fn events(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    check_params(&q, EVENT_PARAMS)?;
    let actors: Vec<String> = q.get("actor").map(|a| vec![a.clone()]).unwrap_or_default();
    let filter = annals_views::filter(
        &s.gazetteer,
        &actors,
        q.get("from").map(String::as_str),
        q.get("to").map(String::as_str),
        q.get("type").map(String::as_str),
        q.get("q").map(String::as_str),
        q.get("source").map(String::as_str),
    )
    .map_err(|m| ApiError(StatusCode::BAD_REQUEST, m))?;
    let limit = match q.get("limit") {
        Some(l) => l
            .parse::<usize>()
            .map_err(|_| ApiError(StatusCode::BAD_REQUEST, format!("invalid limit {l:?}")))?,
        None => usize::MAX,
    };
    let rows = s.store.lock().expect("store lock").timeline(&filter)?;
    Ok(Json(Value::Array(
        rows.iter().take(limit).map(event_json).collect(),
    )))
}

async fn event(State(s): State<Shared>, UrlPath(id): UrlPath<String>) -> ApiResult {
    let id = id_of(&id, 'E')?;
    let store = s.store.lock().expect("store lock");
    let Some((row, claims)) = store.event(id)? else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no event E{id}")));
    };
    let mut texts: HashMap<String, Option<String>> = HashMap::new();
    let mut cl = Vec::new();
    for c in &claims {
        if !texts.contains_key(&c.doc) {
            let t = store.document_text(&c.doc)?;
            texts.insert(c.doc.clone(), t);
        }
        let text = texts[&c.doc].as_deref().unwrap_or("");
        let (s0, e0) = (c.evidence.0 as usize, c.evidence.1 as usize);
        let rel = |a: i64, b: i64| -> Value {
            let (a, b) = (a as usize, b as usize);
            if a >= s0 && b <= e0 && b > a {
                json!([a - s0, b - s0])
            } else {
                Value::Null
            }
        };
        let actors: Vec<Value> = store
            .mentions_in(&c.doc, c.evidence.0, c.evidence.1)?
            .into_iter()
            .map(|(a, b, n)| json!({"span": rel(a, b), "entity": n}))
            .collect();
        cl.push(json!({
            "actor_spans": actors,
            "doc": c.doc, "date": c.date, "date_source": c.date_source, "sources": c.sources,
            "evidence_start": c.evidence.0, "evidence_end": c.evidence.1,
            "evidence": text.get(s0..e0).unwrap_or(""),
            "date_span": rel(c.date_span.0, c.date_span.1),
            "trigger_span": c.trigger.map_or(Value::Null, |(a, b)| rel(a, b)),
        }));
    }
    let rivals: Vec<Value> = store
        .rivals(id)?
        .into_iter()
        .filter_map(|r| store.event(r).ok().flatten())
        .map(|(r, _)| event_json(&r))
        .collect();
    let mut v = event_json(&row);
    v["claims"] = Value::Array(cl);
    v["rivals"] = Value::Array(rivals);
    Ok(Json(v))
}

async fn entities(State(s): State<Shared>) -> ApiResult {
    let rows = s.store.lock().expect("store lock").actors()?;
    Ok(Json(Value::Array(
        rows.into_iter()
            .map(|(n, k, st, c)| json!({"name": n, "kind": k, "acts_for": st, "events": c}))
            .collect(),
    )))
}

async fn documents(State(s): State<Shared>) -> ApiResult {
    let rows = s.store.lock().expect("store lock").documents()?;
    Ok(Json(Value::Array(
        rows.into_iter()
            .map(|(id, n, b, d)| json!({"id": id, "name": n, "bytes": b, "dct": d}))
            .collect(),
    )))
}

async fn document(State(s): State<Shared>, UrlPath(id): UrlPath<String>) -> ApiResult {
    let id = id_of(&id, 'D')?;
    let Some(d) = s.store.lock().expect("store lock").document(id)? else {
        return Err(ApiError(StatusCode::NOT_FOUND, format!("no document {id}")));
    };
    Ok(Json(json!({
        "id": d.id, "name": d.name, "text": d.text, "dct": d.dct,
        "mentions": d.mentions.iter().map(|(a, b, n, k, v)| json!({"start": a, "end": b, "entity": n, "kind": k, "via": v})).collect::<Vec<_>>(),
        "timexes": d.timexes.iter().map(|(a, b, t, v)| json!({"start": a, "end": b, "type": t, "value": v})).collect::<Vec<_>>(),
    })))
}

async fn search(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    check_params(&q, &["q"])?;
    let Some(words) = q.get("q").filter(|w| !w.trim().is_empty()) else {
        return Err(ApiError(
            StatusCode::BAD_REQUEST,
            "missing parameter q (the words to search)".into(),
        ));
    };
    let rows = s.store.lock().expect("store lock").search(words)?;
    Ok(Json(Value::Array(
        rows.into_iter()
            .map(|(k, r, snip)| json!({"kind": k, "id": if k == "event" { format!("E{r}") } else { r.to_string() }, "snippet": snip}))
            .collect(),
    )))
}

/// Who acted on whom: nodes are actors, edges agent → target weighted by events.
async fn network(State(s): State<Shared>, Query(q): Query<HashMap<String, String>>) -> ApiResult {
    check_params(&q, &["from", "to", "type"])?;
    let filter = annals_views::filter(
        &s.gazetteer,
        &[],
        q.get("from").map(String::as_str),
        q.get("to").map(String::as_str),
        q.get("type").map(String::as_str),
        None,
        None,
    )
    .map_err(|m| ApiError(StatusCode::BAD_REQUEST, m))?;
    let store = s.store.lock().expect("store lock");
    let kinds: HashMap<String, String> = store
        .actors()?
        .into_iter()
        .map(|(n, k, _, _)| (n, k))
        .collect();
    let mut edges: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut weight: BTreeMap<String, usize> = BTreeMap::new();
    for r in store.timeline(&filter)? {
        for a in &r.actors {
            *weight.entry(a.clone()).or_default() += 1;
            for t in &r.targets {
                *weight.entry(t.clone()).or_default() += 1;
                *edges.entry((a.clone(), t.clone())).or_default() += 1;
            }
        }
    }
    Ok(Json(json!({
        "nodes": weight.iter().map(|(n, w)| json!({"id": n, "kind": kinds.get(n), "events": w})).collect::<Vec<_>>(),
        "edges": edges.iter().map(|((a, b), w)| json!({"source": a, "target": b, "events": w})).collect::<Vec<_>>(),
    })))
}

#[cfg(test)]
mod tests;
