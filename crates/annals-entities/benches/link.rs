//! The linker with all of annals' knowledge loaded (curated files and the imported
//! dictionaries: some 19,000 entities and 50,000 names), on the bundled FRUS corpus: linking
//! throughput, and the cost of loading the knowledge and compiling the automaton.
//!
//! Run: `cargo bench -p annals-entities`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

use annals_entities::{DocState, Gazetteer, Linker};

fn corpus() -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/frus");
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("examples/frus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    names.sort();
    names
        .iter()
        .map(|p| std::fs::read_to_string(p).expect("utf-8"))
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let paragraphs: Vec<&str> = text
        .split("\n\n")
        .filter(|p| !p.trim().is_empty())
        .collect();
    let g = Gazetteer::builtin();
    let names: usize = g
        .entities()
        .iter()
        .map(|e| 1 + e.aliases.len() + e.metonyms.len() + e.adjectives.len())
        .sum();
    eprintln!("knowledge: {} entities, {names} names", g.entities().len());
    let linker = Linker::new(&g);
    let mut group = c.benchmark_group("annals-entities");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("link paragraphs (frus corpus, all knowledge)", |b| {
        b.iter_batched_ref(
            || g.clone(),
            |g| {
                let mut doc = DocState::default();
                let mut n = 0;
                for p in &paragraphs {
                    n += linker.find(g, p, &mut doc).len();
                }
                n
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
    let mut group = c.benchmark_group("annals-entities load");
    group.sample_size(10);
    group.bench_function("curated files + import, parsed", |b| {
        b.iter(|| {
            let mut g = Gazetteer::curated();
            annals_entities::import::add_phoenix(&mut g);
            g.entities().len()
        })
    });
    group.bench_function("linker compiled", |b| b.iter(|| Linker::new(&g)));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
