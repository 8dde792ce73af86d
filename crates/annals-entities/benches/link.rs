//! The linker with all of annals' knowledge loaded (curated files and the imported
//! dictionaries: some 19,000 entities and 50,000 names), on the bundled FRUS corpus: linking
//! throughput, and the cost of loading the knowledge and compiling the automaton; then the
//! same with the knowledge padded to 30,000 entities and 100,000 names.
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
    at_scale(c, &g, &text, &paragraphs);
}

/// The scale: the shipped knowledge padded with made-up people (an import record of
/// five names each, deterministic pseudo-words, a dated role) to at least 30,000 entities and
/// 100,000 names, so the figures say how loading and linking hold as the knowledge grows past
/// what ships today.
fn at_scale(c: &mut Criterion, shipped: &Gazetteer, text: &str, paragraphs: &[&str]) {
    let names = |g: &Gazetteer| -> usize {
        g.entities()
            .iter()
            .map(|e| 1 + e.aliases.len() + e.metonyms.len() + e.adjectives.len())
            .sum()
    };
    let (have, mut n) = (names(shipped), 0usize);
    // the shipped dictionary and the padding rows, one import as a bigger dictionary would be
    let mut tsv = annals_entities::import::PHOENIX.to_string();
    while shipped.entities().len() + n < 30_000 || have + 5 * n < 100_000 {
        let (given, family) = (word(n as u64 * 2 + 1), word(n as u64 * 2 + 2));
        let initial = &given[..1];
        tsv.push_str(&format!(
            "person\t{given} {family}\tFRA\t{family} {given}|{initial}. {family}|Mr. {family}|{given} X. {family}\t\tFRAGOV 19500101 19601231\t\n"
        ));
        n += 1;
    }
    let load = || {
        let mut g = Gazetteer::curated();
        annals_entities::import::add_import(
            &mut g,
            &tsv,
            annals_entities::import::PHOENIX_CODES,
            "padding.tsv",
        );
        g
    };
    let g = load();
    eprintln!(
        "knowledge at scale: {} entities, {} names",
        g.entities().len(),
        names(&g)
    );
    let linker = Linker::new(&g);
    let mut group = c.benchmark_group("annals-entities at scale");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("link paragraphs (frus corpus, 30k entities)", |b| {
        b.iter_batched_ref(
            || g.clone(),
            |g| {
                let mut doc = DocState::default();
                paragraphs
                    .iter()
                    .map(|p| linker.find(g, p, &mut doc).len())
                    .sum::<usize>()
            },
            criterion::BatchSize::LargeInput,
        )
    });
    group.finish();
    let mut group = c.benchmark_group("annals-entities load at scale");
    group.sample_size(10);
    // what a run pays; the drop at exit is not part of loading
    group.bench_function("linker compiled (30k entities)", |b| {
        b.iter_with_large_drop(|| Linker::new(&g))
    });
    group.bench_function("parsed and compiled (30k entities)", |b| {
        b.iter_with_large_drop(|| {
            let g = load();
            let linker = Linker::new(&g);
            (g, linker)
        })
    });
    group.finish();
}

/// A capitalized pseudo-word for `n` (syllables from a fixed table: no two `n` alike).
fn word(mut n: u64) -> String {
    const SYL: [&str; 16] = [
        "ka", "ro", "vi", "nel", "tor", "ma", "su", "zen", "lo", "bri", "dan", "qu", "fe", "hal",
        "mir", "op",
    ];
    let mut w = String::new();
    loop {
        w.push_str(SYL[(n % 16) as usize]);
        n /= 16;
        if n == 0 {
            break;
        }
    }
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

criterion_group!(benches, bench);
criterion_main!(benches);
