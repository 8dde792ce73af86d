//! Throughput of the temporal engine alone (tokenize, recognize, resolve) and of the whole
//! `annals time` path minus I/O (ingest + tag + offset mapping), on the bundled FRUS corpus.
//!
//! Run: `cargo bench -p annals-time`. The end-to-end figure for the README comes from
//! `scripts/bench.sh`, which also runs the peer tools on the same input.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use annals_time::{Role, Tagger};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/frus");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/frus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    let mut s = String::new();
    for p in names {
        s.push_str(&std::fs::read_to_string(p).expect("utf-8"));
        s.push_str("\n\n");
    }
    s
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let mut g = c.benchmark_group("annals-time");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tag paragraphs (frus corpus)", |b| {
        b.iter(|| {
            let mut t = Tagger::new();
            let mut out = Vec::new();
            for p in &paragraphs {
                t.tag_into(p, Role::Narrative, &mut out);
            }
            out.len()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
