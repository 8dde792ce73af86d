//! Fuzzes the whole pipeline short of I/O: text checks, segmentation and cleanup with its
//! offset map, the temporal engine, the syntax stage on every sentence, and
//! `Pipeline::analyze` (document frame, clause events, the date-driven extractor). Beyond
//! "no panic", it checks the invariants users rely on: the offset map round-trips
//! (`Block::verify`), every span lies inside the input, on character boundaries, in order,
//! and every sentence's parse is one tree.
#![no_main]

use std::sync::OnceLock;

use annals_entities::{DocState, Gazetteer, Linker};
use annals_events::{citations, Lexicon};
use annals_pipeline::{Knowledge, Pipeline};
use annals_ingest::{blocks, check_text, sentences};
use annals_time::{Role, Tagger};
use libfuzzer_sys::fuzz_target;

fn knowledge() -> &'static (Gazetteer, Linker, Lexicon) {
    static K: OnceLock<(Gazetteer, Linker, Lexicon)> = OnceLock::new();
    K.get_or_init(|| {
        let g = Gazetteer::builtin();
        let l = Linker::new(&g);
        (g, l, Lexicon::builtin())
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = check_text("fuzz", data, 0) else { return };
    let (g0, linker, _lexicon) = knowledge();
    let mut g = g0.clone();
    let mut doc = DocState::default();
    let mut tagger = Tagger::new();
    if data.first().is_some_and(|b| b & 1 == 1) {
        tagger.set_dct(annals_time::parse_dct("1956-08-19").ok());
    }
    for block in blocks(text, 0) {
        block.verify(text, 0).unwrap();
        let clean = &block.clean;
        let timexes = tagger.tag(&clean.text, Role::Narrative);
        let mentions = linker.find(&mut g, &clean.text, &mut doc);
        for m in &mentions {
            assert!(m.start < m.end && clean.text.is_char_boundary(m.start) && clean.text.is_char_boundary(m.end));
        }
        let cites = citations(&clean.text);
        for c in &cites {
            assert!(clean.text.is_char_boundary(c.start) && clean.text.is_char_boundary(c.end) && c.end <= clean.text.len());
        }
        let sents = sentences(&clean.text);
        // the syntax stage: one tree per sentence, spans inside it, heads inside it
        for r in &sents {
            let parsed = annals_syntax::Model::builtin().parse_sentence(&clean.text, r.clone());
            let n = parsed.tokens.len();
            assert!(n == 0 || parsed.tokens.iter().filter(|t| t.head.is_none()).count() == 1);
            for t in &parsed.tokens {
                assert!(r.start <= t.span.start && t.span.start < t.span.end && t.span.end <= r.end);
                assert!(clean.text.is_char_boundary(t.span.start) && clean.text.is_char_boundary(t.span.end));
                assert!(t.head.is_none_or(|h| h < n));
            }
        }
        for t in timexes {
            assert!(t.start < t.end && t.end <= clean.text.len());
            assert!(clean.text.is_char_boundary(t.start) && clean.text.is_char_boundary(t.end));
            let (s, e) = clean.map.span(t.start, t.end);
            assert!(s <= e && e <= text.len(), "raw span {s}..{e} outside input");
            assert!(text.is_char_boundary(s) && text.is_char_boundary(e));
            assert!(!t.value.is_empty());
        }
    }
    // the whole pipeline: every record's span is a span of the input
    static K: OnceLock<Knowledge> = OnceLock::new();
    let k = K.get_or_init(|| Knowledge::load(&[]).unwrap()).clone();
    let rec = Pipeline::new(k, None).analyze("fuzz", text, String::new());
    let ok = |(s, e): (usize, usize)| s <= e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e);
    for ev in &rec.records.events {
        assert!(ok(ev.evidence) && ok(ev.date_span), "event span outside the input");
        assert!(ev.trigger.is_none_or(ok));
    }
    for m in &rec.records.mentions {
        assert!(ok((m.start, m.end)));
    }
});
