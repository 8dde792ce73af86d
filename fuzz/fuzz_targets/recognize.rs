//! Fuzzes the whole `annals time` path short of I/O: text checks, segmentation and cleanup
//! with its offset map, and the temporal engine. Beyond "no panic", it checks the invariants
//! users rely on: the offset map round-trips (`Block::verify`), every span lies inside the
//! input, on character boundaries, in order.
#![no_main]

use annals_ingest::{blocks, check_text};
use annals_time::{Role, Tagger};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = check_text("fuzz", data, 0) else { return };
    let mut tagger = Tagger::new();
    if data.first().is_some_and(|b| b & 1 == 1) {
        tagger.set_dct(annals_time::parse_dct("1956-08-19").ok());
    }
    for block in blocks(text, 0) {
        block.verify(text, 0).unwrap();
        let clean = &block.clean;
        for t in tagger.tag(&clean.text, Role::Narrative) {
            assert!(t.start < t.end && t.end <= clean.text.len());
            assert!(clean.text.is_char_boundary(t.start) && clean.text.is_char_boundary(t.end));
            let (s, e) = clean.map.span(t.start, t.end);
            assert!(s <= e && e <= text.len(), "raw span {s}..{e} outside input");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert!(!t.value.is_empty());
        }
    }
});
