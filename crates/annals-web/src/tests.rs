//! The API over a real database built from the bundled corpus, through HTTP on loopback.

use std::path::PathBuf;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// A database file of its own for each test (tests run at once).
fn db(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-web-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(format!("{name}.db"))
}

/// Builds a small database with the store API (the full pipeline is tested in annals-cli).
fn build(p: &std::path::Path) {
    use annals_store::*;
    let _ = std::fs::remove_file(p);
    let mut s = Store::open(p).unwrap();
    let b = s.begin_build("test").unwrap();
    let text = "On December 13, 1955, the Soviet Union vetoed the admission of Japan.";
    let ent = |n: &str| EntityRecord {
        name: n.into(),
        kind: "state".into(),
        state: None,
        wikidata: None,
        source: "t".into(),
    };
    b.add(&DocumentRecord {
        name: "doc.txt".into(),
        text: text.into(),
        sha256: sha256_hex(text.as_bytes()),
        records: annals_store::Records {
            events: vec![EventRecord {
                kind: "veto".into(),
                cameo: "12".into(),
                plover: "REJECT".into(),
                date: "1955-12-13".into(),
                interval: Some(("1955-12-13".into(), "1955-12-14".into())),
                date_span: (3, 20),
                date_source: "text".into(),
                trigger: Some((39, 45)),
                evidence: (0, text.len()),
                agents: vec![ent("USSR")],
                targets: vec![ent("Japan")],
                negated: false,
                modality: None,
                sources: vec!["Kurusu 2008, 128".into()],
                summary: text.into(),
                place: None,
                instrument: None,
                distinct: false,
                roles: String::new(),
            }],
            ..Default::default()
        },
        ..DocumentRecord::default()
    })
    .unwrap();
    b.commit().unwrap();
}

/// The whole raw response to `GET path` on a connection of its own.
async fn raw_get(addr: std::net::SocketAddr, path: &str) -> String {
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut buf = Vec::new();
    c.read_to_end(&mut buf).await.unwrap();
    String::from_utf8_lossy(&buf).to_string()
}

async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let s = raw_get(addr, path).await;
    let status: u16 = s[9..12].parse().unwrap();
    let body = s
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    (status, body)
}

/// Serves the test database on a free loopback port, as `annals serve` does.
async fn start(name: &str) -> std::net::SocketAddr {
    let p = db(name);
    build(&p);
    let app = crate::router(&p).unwrap();
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(crate::serve_on(l, app, std::future::pending()));
    addr
}

/// The value of response header `name` (lowercase) in a raw response.
async fn header_of(addr: std::net::SocketAddr, path: &str, name: &str) -> Option<String> {
    let s = raw_get(addr, path).await;
    let head = s.split_once("\r\n\r\n")?.0.to_string();
    head.lines().find_map(|l| {
        let (k, v) = l.split_once(':')?;
        (k.eq_ignore_ascii_case(name)).then(|| v.trim().to_string())
    })
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn api_answers_and_refuses() {
    let addr = start("api_answers_and_refuses").await;

    let (st, body) = get(addr, "/api/events?actor=Moscow&from=1955&to=1955-12").await;
    assert_eq!(st, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v[0]["id"], "E1");
    assert_eq!(v[0]["targets"][0], "Japan");

    let (st, body) = get(addr, "/api/events/E1").await;
    assert_eq!(st, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["claims"][0]["date_span"], serde_json::json!([3, 20]));
    assert_eq!(v["claims"][0]["sources"][0], "Kurusu 2008, 128");
    assert_eq!(v["claims"][0]["trigger_span"], serde_json::json!([39, 45]));

    let (st, body) = get(addr, "/api/search?q=vetoed%20Japan").await;
    assert_eq!(st, 200);
    assert!(body.contains("[vetoed]"), "{body}");
    // FTS syntax in the input is only words
    let (st, _) = get(addr, "/api/search?q=%22unbalanced%20OR%20(").await;
    assert_eq!(st, 200);
    let (st, body) = get(addr, "/api/events?q=vetoed").await;
    assert_eq!((st, body.matches("\"id\"").count()), (200, 1));

    // bad parameters: 400 with a message; unknown ids: 404
    let (st, body) = get(addr, "/api/events?from=1955-13").await;
    assert_eq!(st, 400);
    assert!(body.contains("invalid date"), "{body}");
    let (st, body) = get(addr, "/api/events?type=sgn").await;
    assert_eq!(st, 400);
    assert!(
        body.contains("unknown event type") && body.contains("sign"),
        "{body}"
    );
    let (st, body) = get(addr, "/api/events?colour=red").await;
    assert_eq!(st, 400);
    assert!(body.contains("unknown parameter"), "{body}");
    assert_eq!(get(addr, "/api/events/E999").await.0, 404);
    assert_eq!(get(addr, "/api/events/xyz").await.0, 400);
    assert_eq!(get(addr, "/api/documents/99").await.0, 404);

    // assets by name only: no way out of the asset table
    assert_eq!(get(addr, "/").await.0, 200);
    assert_eq!(get(addr, "/assets/app.js").await.0, 200);
    assert_eq!(get(addr, "/assets/../Cargo.toml").await.0, 404);
    assert_eq!(get(addr, "/assets/%2e%2e/%2e%2e/Cargo.toml").await.0, 404);
    assert_eq!(get(addr, "/etc/passwd").await.0, 404);

    let (st, body) = get(addr, "/api/network").await;
    assert_eq!(st, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        v["edges"][0],
        serde_json::json!({"source": "USSR", "target": "Japan", "events": 1})
    );
    assert_eq!(v["nodes"].as_array().unwrap().len(), 2, "{body}");
    // the network takes the timeline's filters: an actor by alias, words, a period
    let nodes = |body: &str| {
        let v: serde_json::Value = serde_json::from_str(body).unwrap();
        v["nodes"].as_array().unwrap().len()
    };
    let (st, body) = get(addr, "/api/network?actor=Moscow&q=vetoed").await;
    assert_eq!((st, nodes(&body)), (200, 2), "{body}");
    let (st, body) = get(addr, "/api/network?actor=Egypt").await;
    assert_eq!((st, nodes(&body)), (200, 0), "{body}");
    let (st, body) = get(addr, "/api/network?from=1956").await;
    assert_eq!((st, nodes(&body)), (200, 0), "{body}");
    // the page's icon is there (a browser asks for it on every load)
    let (st, _) = get(addr, "/favicon.ico").await;
    assert_eq!(st, 200);
    assert_eq!(get(addr, "/assets/favicon.svg").await.0, 200);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_answer_is_a_page() {
    let addr = start("every_answer_is_a_page").await;
    // events: limit and offset go into the query
    let (st, body) = get(addr, "/api/events?limit=1").await;
    assert_eq!((st, body.matches("\"id\"").count()), (200, 1), "{body}");
    let (st, body) = get(addr, "/api/events?offset=1").await;
    assert_eq!((st, body.as_str()), (200, "[]"));
    let (st, body) = get(addr, "/api/events?limit=100000").await;
    assert_eq!(st, 400);
    assert!(body.contains("more than 10000"), "{body}");
    assert_eq!(get(addr, "/api/events?limit=-1").await.0, 400);

    // a document: a page of its text with the mentions and dates in it
    let (st, body) = get(addr, "/api/documents/1?offset=3&limit=17").await;
    assert_eq!(st, 200, "{body}");
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["text"], "December 13, 1955");
    assert_eq!(
        (v["offset"].as_i64(), v["next_offset"].as_i64()),
        (Some(3), Some(20))
    );
    assert_eq!(v["bytes"], 69);
    // past the end: empty, no next page
    let (_, body) = get(addr, "/api/documents/1?offset=500").await;
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (v["text"].as_str(), v["next_offset"].is_null()),
        (Some(""), true)
    );

    // an event: a page of its claims, the total in a header
    let (st, body) = get(addr, "/api/events/E1?limit=0").await;
    assert_eq!(st, 200);
    let v: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (
            v["claims"].as_array().unwrap().len(),
            v["claims_total"].as_i64()
        ),
        (0, Some(1))
    );
    assert_eq!(
        header_of(addr, "/api/events/E1", "x-total-count")
            .await
            .as_deref(),
        Some("1")
    );
    assert_eq!(
        header_of(addr, "/api/entities?limit=1", "x-total-count")
            .await
            .as_deref(),
        Some("2")
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hostile_queries_are_refused_quickly() {
    let addr = start("hostile_queries_are_refused_quickly").await;
    let t = std::time::Instant::now();
    // 50 words, one of them fifty times: one word to search
    let q = vec!["the"; 50].join("%20");
    assert_eq!(get(addr, &format!("/api/search?q={q}")).await.0, 200);
    // 16,000 different words: refused, not searched
    let many: Vec<String> = (0..16_000).map(|i| format!("w{i}")).collect();
    let (st, body) = get(addr, &format!("/api/search?q={}", many[..40].join("%20"))).await;
    assert_eq!(st, 400);
    assert!(body.contains("at most 16"), "{body}");
    let (st, body) = get(addr, &format!("/api/events?q={}", many[..40].join("+"))).await;
    assert_eq!(st, 400, "{body}");
    // control characters are no search
    let (st, body) = get(addr, "/api/search?q=%00").await;
    assert_eq!(st, 400);
    assert!(body.contains("control character"), "{body}");
    assert_eq!(get(addr, "/api/events?actor=Japan%01").await.0, 400);
    assert!(
        t.elapsed() < std::time::Duration::from_secs(2),
        "{:?}",
        t.elapsed()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_closed() {
    let addr = start("a_client_that_never_finishes_its_headers_is_closed").await;
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(b"GET /api/events HTTP/1.1\r\nHost: x\r\n")
        .await
        .unwrap();
    let t = std::time::Instant::now();
    let mut buf = Vec::new();
    // the server closes the connection (with or without a 408) after HEADER_TIME
    let r = tokio::time::timeout(
        crate::HEADER_TIME + std::time::Duration::from_secs(3),
        c.read_to_end(&mut buf),
    )
    .await;
    assert!(r.is_ok(), "still open after {:?}", t.elapsed());
    assert!(t.elapsed() >= crate::HEADER_TIME - std::time::Duration::from_millis(100));
    // and the server goes on answering
    assert_eq!(get(addr, "/api/events").await.0, 200);
}

#[test]
fn a_missing_database_is_refused_before_listening() {
    let e = crate::router(std::path::Path::new("/nonexistent/annals.db"))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("run `annals build` first"), "{e}");
}
