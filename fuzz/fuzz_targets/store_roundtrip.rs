//! Fuzzes the store round trip: a text through the whole pipeline, built into a database,
//! and read back the way `annals serve` and the views read it. Beyond "no panic", what was
//! stored comes back: the document's text byte for byte, every page of it at the offset
//! asked (narrowed to character boundaries only), each claim's evidence as the input's bytes,
//! the mentions of a page inside the page, and every event in the timeline once.
#![no_main]

use std::sync::OnceLock;

use annals_ingest::check_text;
use annals_pipeline::{Knowledge, Pipeline};
use annals_store::{sha256_hex, Filter, Store};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = check_text("fuzz", data, 0) else { return };
    static K: OnceLock<Knowledge> = OnceLock::new();
    let k = K.get_or_init(|| Knowledge::load(&[]).unwrap()).clone();
    let rec = Pipeline::new(k, None).analyze("fuzz.txt", text, sha256_hex(text.as_bytes()));

    let path = std::env::temp_dir().join(format!("annals-fuzz-store-{}.db", std::process::id()));
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    {
        let mut store = Store::open(&path).unwrap();
        let build = store.begin_build("fuzz").unwrap();
        build.add(&rec).unwrap();
        build.commit().unwrap();
    }
    let store = Store::open_read_only(&path).unwrap();
    let docs = store.documents().unwrap();
    assert_eq!(docs.len(), 1);
    let id = docs[0].0;
    // the whole text, and pages at offsets the input chooses
    let whole = store.document(id, 0..usize::MAX).unwrap().unwrap();
    assert_eq!(whole.text, text);
    assert_eq!(whole.bytes as usize, text.len());
    let step = 1 + data.first().copied().unwrap_or(0) as usize;
    let mut at = 0;
    while at <= text.len() {
        let page = store.document(id, at..at + step).unwrap().unwrap();
        let s = page.start as usize;
        assert!(s >= at.min(text.len()) && s <= text.len());
        assert!(text.is_char_boundary(s));
        assert_eq!(page.text, &text[s..s + page.text.len()]);
        assert!(s + page.text.len() <= (at + step).min(text.len()));
        for m in &page.mentions {
            assert!(m.0 as usize >= s && (m.0 as usize) < s + page.text.len().max(1));
        }
        at += step;
    }
    // every event once, every claim's evidence as the input has it
    let rows = store.timeline(&Filter::default()).unwrap();
    let mut ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), rows.len());
    for r in &rows {
        for c in store.claims(r.id).unwrap() {
            let (a, b) = (c.evidence.0 as usize, c.evidence.1 as usize);
            let (s, got) = store.text_range(c.doc_id, a..b).unwrap();
            assert_eq!((s, got.as_str()), (a, &text[a..b]));
        }
        let page = Filter { event: Some(r.id), limit: Some(1), ..Filter::default() };
        assert_eq!(store.timeline(&page).unwrap().len(), 1);
    }
});
