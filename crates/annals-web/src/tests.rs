//! The API over a real database built from the bundled corpus, through HTTP on loopback.

use std::path::PathBuf;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

fn db() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("annals-web-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join("w.db")
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
        bytes: text.len(),
        sha256: sha256_hex(text.as_bytes()),
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
        ..DocumentRecord::default()
    })
    .unwrap();
    b.commit().unwrap();
}

async fn get(addr: std::net::SocketAddr, path: &str) -> (u16, String) {
    let mut c = tokio::net::TcpStream::connect(addr).await.unwrap();
    c.write_all(format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").as_bytes())
        .await
        .unwrap();
    let mut buf = Vec::new();
    c.read_to_end(&mut buf).await.unwrap();
    let s = String::from_utf8_lossy(&buf).to_string();
    let status: u16 = s[9..12].parse().unwrap();
    let body = s
        .split_once("\r\n\r\n")
        .map(|x| x.1.to_string())
        .unwrap_or_default();
    (status, body)
}

#[tokio::test]
async fn api_answers_and_refuses() {
    let p = db();
    build(&p);
    let app = crate::router(&p).unwrap();
    let l = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = l.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(l, app).await.unwrap() });

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
    assert!(
        body.contains("\"source\":\"USSR\"") && body.contains("\"target\":\"Japan\""),
        "{body}"
    );
}

#[test]
fn a_missing_database_is_refused_before_listening() {
    let e = crate::router(std::path::Path::new("/nonexistent/annals.db"))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("run `annals build` first"), "{e}");
}
