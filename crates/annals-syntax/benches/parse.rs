//! Throughput of the syntax stage (tokenize, tag, lemmatize, parse) on the sentences of the
//! bundled FRUS corpus, as annals-ingest splits them, in tokens per second.
//!
//! Run: `cargo bench -p annals-syntax`. `scripts/bench_syntax.sh` runs spaCy's
//! `en_core_web_sm` on the same text for the side-by-side ratio.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use annals_syntax::{tokenize, Model};

/// The corpus's sentences, each a (cleaned text, span) pair.
fn sentences() -> Vec<(String, std::ops::Range<usize>)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/frus");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/frus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for p in names {
        let text = std::fs::read_to_string(p).expect("utf-8");
        for b in annals_ingest::blocks(&text, 0) {
            for r in annals_ingest::sentences(&b.clean.text) {
                out.push((b.clean.text.clone(), r));
            }
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let model = Model::builtin();
    let sents = sentences();
    let tokens: usize = sents
        .iter()
        .map(|(t, r)| tokenize::tokenize(t, r.clone()).len())
        .sum();
    let mut g = c.benchmark_group("annals-syntax");
    g.throughput(Throughput::Elements(tokens as u64));
    g.sample_size(10);
    g.bench_function("parse sentences (frus corpus)", |b| {
        b.iter(|| {
            let mut heads = 0usize;
            for (t, r) in &sents {
                let s = model.parse_sentence(t, r.clone());
                heads += s.tokens.iter().filter(|t| t.head.is_some()).count();
            }
            heads
        })
    });
    g.finish();
    c.bench_function("load the built-in model", |b| {
        let bytes = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../data/syntax/en_ewt.model"
        ))
        .expect("model");
        b.iter(|| Model::from_bytes(&bytes).expect("model").sizes())
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
