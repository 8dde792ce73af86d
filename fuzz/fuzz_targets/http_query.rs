//! Fuzzes the HTTP API's parsing of what a client sends: any path and query string, through
//! the real router over a small database. Whatever the bytes, the answer is an answer the
//! API documents — 200, 400 (bad parameter), 404 (no such page or id) or 503 (over its time
//! limit) — never a 500, a panic or a hang; an error is JSON with a message.
#![no_main]

use std::sync::OnceLock;

use annals_pipeline::{Knowledge, Pipeline};
use annals_store::{sha256_hex, Store};
use libfuzzer_sys::fuzz_target;
use tower::ServiceExt;

const TEXT: &str = "Tokyo, October 19, 1956\n\nOn October 19, 1956, Bulganin and Hatoyama signed the Joint Declaration in Moscow. The Soviet Union had vetoed the admission of Japan on December 13, 1955.\n";

fn app() -> &'static (tokio::runtime::Runtime, axum::Router) {
    static APP: OnceLock<(tokio::runtime::Runtime, axum::Router)> = OnceLock::new();
    APP.get_or_init(|| {
        let path = std::env::temp_dir().join(format!("annals-fuzz-http-{}.db", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let k = Knowledge::load(&[]).unwrap();
        let rec = Pipeline::new(k, None).analyze("memo.txt", TEXT, sha256_hex(TEXT.as_bytes()));
        let mut store = Store::open(&path).unwrap();
        let build = store.begin_build("fuzz").unwrap();
        build.add(&rec).unwrap();
        build.commit().unwrap();
        drop(store);
        let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build().unwrap();
        let router = annals_web::router(&path).unwrap();
        (rt, router)
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else { return };
    // the first line is the path, the rest the query string (percent-encoded as a client would)
    let (path, query) = s.split_once('\n').unwrap_or((s, ""));
    let enc = |x: &str| -> String {
        x.bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'/' | b'=' | b'&' | b'%' | b'-' | b'_' | b'.' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect()
    };
    let uri = format!("/{}?{}", enc(path.trim_start_matches('/')), enc(query));
    let Ok(req) = axum::http::Request::builder().uri(&uri).body(axum::body::Body::empty()) else {
        return;
    };
    let (rt, router) = app();
    let resp = rt.block_on(router.clone().oneshot(req)).unwrap();
    let status = resp.status().as_u16();
    assert!(matches!(status, 200 | 400 | 404 | 503), "{uri}: {status}");
});
