//! `load`: a bounded load test of `annals serve` on a generated database.
//!
//! ```sh
//! cargo run -p annals-web --release --bin load -- --events 10000
//! ```
//!
//! Generates (once, deterministically) a database of `--events` events in
//! `target/load-<events>.db` through the store API, serves it in this process with the
//! server's own limits ([`annals_web::serve_on`]), and sends a fixed number of requests from
//! `--clients` keep-alive connections on loopback: a timeline page, a page further on, one
//! event, an actor's events and a full-text search, in turn. It prints requests per second
//! and the latency percentiles of each endpoint, then sends the hostile searches (50 words,
//! 16,000 words) while the ordinary requests go on, and prints how long those took and how
//! the others fared meanwhile. Last, the process's peak resident memory (`VmHWM`).
//!
//! No other tool is needed (no `wrk`, no `oha`): the client is a few lines of HTTP/1.1 over
//! tokio, which is all a loopback measurement needs.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use annals_store::{
    sha256_hex, DocumentRecord, EntityRecord, EventRecord, MentionRecord, Records, Store,
};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::TcpStream;

const TYPES: &[(&str, &str, &str)] = &[
    ("meet", "040", "CONSULT"),
    ("sign", "057", "AGREE"),
    ("propose", "036", "REQUEST"),
    ("reject", "120", "REJECT"),
    ("statement", "010", "STATEMENT"),
    ("protest", "140", "PROTEST"),
];
const WORDS: &[&str] = &[
    "treaty",
    "fisheries",
    "islands",
    "delegation",
    "memorandum",
    "settlement",
    "admission",
    "repatriation",
    "normalization",
    "declaration",
    "talks",
    "ambassador",
    "frontier",
    "trade",
    "claims",
    "reparations",
    "protocol",
    "conference",
    "note",
    "proposal",
];

/// A small deterministic generator (a 64-bit LCG): the same database on every machine.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) as usize) % n
    }
}

fn actor(i: usize) -> EntityRecord {
    EntityRecord {
        name: format!("Actor {i:03}"),
        kind: if i.is_multiple_of(3) {
            "state"
        } else {
            "person"
        }
        .into(),
        state: None,
        wikidata: None,
        source: "load".into(),
    }
}

/// One document of `n` events, event `first` onwards: a sentence per event, each event's
/// evidence that sentence, its actors mentioned in it.
fn document(first: usize, n: usize, rng: &mut Lcg) -> DocumentRecord {
    let mut text = String::new();
    let mut events = Vec::with_capacity(n);
    let mut mentions = Vec::new();
    for k in first..first + n {
        let (kind, cameo, plover) = TYPES[rng.next(TYPES.len())];
        let day = jiff::civil::date(1900, 1, 1)
            .checked_add(jiff::Span::new().days(k as i64 % 36_000))
            .expect("in range");
        let next = day.tomorrow().expect("in range");
        let (a, t) = (rng.next(300), rng.next(300));
        let start = text.len();
        let date = format!("On {day}");
        text.push_str(&date);
        text.push_str(", ");
        let a_at = text.len();
        text.push_str(&actor(a).name);
        let a_end = text.len();
        text.push_str(&format!(" and {} discussed the ", actor(t).name));
        for _ in 0..6 {
            text.push_str(WORDS[rng.next(WORDS.len())]);
            text.push(' ');
        }
        text.push_str(&format!("(event {k}).\n"));
        mentions.push(MentionRecord {
            start: a_at,
            end: a_end,
            text: actor(a).name,
            entity: actor(a),
            via: "load".into(),
        });
        events.push(EventRecord {
            kind: kind.into(),
            cameo: cameo.into(),
            plover: plover.into(),
            date: day.to_string(),
            interval: Some((day.to_string(), next.to_string())),
            date_span: (start + 3, start + date.len()),
            date_source: "text".into(),
            roles: String::new(),
            trigger: None,
            evidence: (start, text.len() - 1),
            agents: vec![actor(a)],
            targets: vec![actor(t)],
            negated: false,
            modality: None,
            sources: vec![],
            summary: text[start..text.len() - 1].to_string(),
            place: None,
            instrument: None,
            distinct: true,
        });
    }
    DocumentRecord {
        name: format!("load/doc-{first:07}.txt"),
        sha256: sha256_hex(text.as_bytes()),
        records: Records {
            segments: vec![("paragraph".into(), 0, text.len())],
            events,
            mentions,
            ..Records::default()
        },
        text,
        ..DocumentRecord::default()
    }
}

fn generate(path: &Path, events: usize) -> Result<(), Box<dyn std::error::Error>> {
    let tmp = path.with_extension("tmp");
    let _ = std::fs::remove_file(&tmp);
    let mut store = Store::open(&tmp)?;
    let build = store.begin_build("load")?;
    let mut rng = Lcg(1956);
    for first in (0..events).step_by(1000) {
        build.add(&document(first, 1000.min(events - first), &mut rng))?;
    }
    build.commit()?;
    drop(store);
    std::fs::rename(&tmp, path)?;
    Ok(())
}

/// One keep-alive connection: GET `path`, read the whole response; (status, body length).
struct Client {
    r: BufReader<TcpStream>,
}

impl Client {
    async fn connect(addr: std::net::SocketAddr) -> std::io::Result<Client> {
        Ok(Client {
            r: BufReader::new(TcpStream::connect(addr).await?),
        })
    }

    async fn get(&mut self, path: &str) -> std::io::Result<(u16, usize)> {
        let req = format!("GET {path} HTTP/1.1\r\nHost: load\r\n\r\n");
        self.r.get_mut().write_all(req.as_bytes()).await?;
        let mut line = String::new();
        self.r.read_line(&mut line).await?;
        let status: u16 = line.get(9..12).and_then(|s| s.parse().ok()).unwrap_or(0);
        let mut len = 0usize;
        loop {
            line.clear();
            if self.r.read_line(&mut line).await? == 0 {
                return Err(std::io::ErrorKind::UnexpectedEof.into());
            }
            if line == "\r\n" {
                break;
            }
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("content-length") {
                    len = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; len];
        self.r.read_exact(&mut body).await?;
        Ok((status, len))
    }
}

/// The request of round `i` for endpoint `e`.
fn request(e: usize, i: usize, events: usize) -> String {
    match e {
        0 => "/api/events?limit=50".to_string(),
        1 => format!("/api/events?limit=50&offset={}", (i * 7919) % events.max(1)),
        2 => format!("/api/events/E{}", 1 + (i * 104_729) % events.max(1)),
        3 => format!("/api/events?limit=50&actor=Actor%20{:03}", i % 300),
        _ => format!(
            "/api/search?q={}%20{}",
            WORDS[i % WORDS.len()],
            WORDS[(i / 3) % WORDS.len()]
        ),
    }
}
const ENDPOINTS: &[&str] = &[
    "/api/events?limit=50",
    "/api/events?limit=50&offset=…",
    "/api/events/E…",
    "/api/events?limit=50&actor=…",
    "/api/search?q=…",
];

/// `clients` connections, `per_client` requests each, endpoints in turn: latencies per
/// endpoint, errors, wall time.
async fn run(
    addr: std::net::SocketAddr,
    clients: usize,
    per_client: usize,
    events: usize,
) -> (Vec<Vec<Duration>>, usize, Duration) {
    let t0 = Instant::now();
    let mut tasks = Vec::new();
    for c in 0..clients {
        tasks.push(tokio::spawn(async move {
            let mut lat = vec![Vec::new(); ENDPOINTS.len()];
            let mut errors = 0;
            let mut client = Client::connect(addr).await.expect("connect");
            for i in 0..per_client {
                let e = (c + i) % ENDPOINTS.len();
                let t = Instant::now();
                match client.get(&request(e, c * per_client + i, events)).await {
                    Ok((200, _)) => lat[e].push(t.elapsed()),
                    Ok(_) => errors += 1,
                    Err(_) => {
                        errors += 1;
                        client = Client::connect(addr).await.expect("reconnect");
                    }
                }
            }
            (lat, errors)
        }));
    }
    let mut lat = vec![Vec::new(); ENDPOINTS.len()];
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.expect("client");
        for (all, mine) in lat.iter_mut().zip(l) {
            all.extend(mine);
        }
        errors += e;
    }
    (lat, errors, t0.elapsed())
}

fn pct(v: &mut [Duration], p: f64) -> f64 {
    if v.is_empty() {
        return 0.0;
    }
    v.sort();
    let i = ((v.len() as f64 * p).ceil() as usize).clamp(1, v.len()) - 1;
    v[i].as_secs_f64() * 1000.0
}

fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|k| k.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

struct Args {
    events: usize,
    clients: usize,
    requests: usize,
    db: Option<PathBuf>,
}

fn args() -> Result<Args, String> {
    let mut a = Args {
        events: 10_000,
        clients: 20,
        requests: 10_000,
        db: None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(k) = it.next() {
        let mut num = |what: &str| -> Result<usize, String> {
            it.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{what} needs a number"))
        };
        match k.as_str() {
            "--events" => a.events = num("--events")?,
            "--clients" => a.clients = num("--clients")?.max(1),
            "--requests" => a.requests = num("--requests")?,
            "--db" => a.db = it.next().map(PathBuf::from),
            "-h" | "--help" => {
                return Err("usage: load [--events N (10000)] [--clients N (20)] [--requests N (10000)] [--db FILE]".into())
            }
            other => return Err(format!("unknown argument {other:?}; --help")),
        }
    }
    Ok(a)
}

#[tokio::main]
async fn main() {
    let a = match args() {
        Ok(a) => a,
        Err(m) => {
            eprintln!("{m}");
            std::process::exit(2);
        }
    };
    let db = a.db.clone().unwrap_or_else(|| {
        PathBuf::from(env!("CARGO_MANIFEST_DIR"))
            .join("../../target")
            .join(format!("load-{}.db", a.events))
    });
    if !db.exists() {
        let t = Instant::now();
        eprintln!("load: generating {} events into {}", a.events, db.display());
        if let Err(e) = generate(&db, a.events) {
            eprintln!("load: {e}");
            std::process::exit(1);
        }
        eprintln!("load: generated in {:.1} s", t.elapsed().as_secs_f64());
    }
    let app = annals_web::router(&db).expect("router");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("addr");
    tokio::spawn(annals_web::serve_on(listener, app, std::future::pending()));

    let per_client = a.requests / a.clients;
    // warm the pool and the page cache
    run(addr, a.clients, ENDPOINTS.len(), a.events).await;
    let (mut lat, errors, wall) = run(addr, a.clients, per_client, a.events).await;
    let n: usize = lat.iter().map(Vec::len).sum();
    println!(
        "{} events, {} clients: {n} requests in {:.2} s = {:.0} requests/s, {errors} errors",
        a.events,
        a.clients,
        wall.as_secs_f64(),
        n as f64 / wall.as_secs_f64()
    );
    for (name, l) in ENDPOINTS.iter().zip(lat.iter_mut()) {
        println!(
            "  {name:<32} p50 {:7.2} ms  p99 {:7.2} ms  max {:7.2} ms",
            pct(l, 0.5),
            pct(l, 0.99),
            pct(l, 1.0)
        );
    }

    // hostile searches while ordinary clients go on
    let hostile: Vec<(&str, String)> = vec![
        ("50 words", vec!["the"; 50].join("%20")),
        (
            "16,000 words",
            (0..16_000)
                .map(|i| ((b'a' + (i % 26) as u8) as char).to_string())
                .collect::<Vec<_>>()
                .join("+"),
        ),
    ];
    let background = tokio::spawn(run(addr, a.clients, per_client / 2, a.events));
    let hostile_times = Arc::new(std::sync::Mutex::new(Vec::new()));
    for (what, q) in &hostile {
        let mut c = Client::connect(addr).await.expect("connect");
        let t = Instant::now();
        let (status, _) = c.get(&format!("/api/search?q={q}")).await.unwrap_or((0, 0));
        hostile_times
            .lock()
            .expect("times")
            .push((what.to_string(), status, t.elapsed()));
    }
    let (mut lat, errors, wall) = background.await.expect("background");
    for (what, status, t) in hostile_times.lock().expect("times").iter() {
        println!(
            "  search of {what:<14} answered {status} in {:.1} ms",
            t.as_secs_f64() * 1000.0
        );
    }
    let mut all: Vec<Duration> = lat.iter_mut().flat_map(|l| l.drain(..)).collect();
    println!(
        "  meanwhile: {} requests at {:.0} requests/s, p99 {:.2} ms, {errors} errors",
        all.len(),
        all.len() as f64 / wall.as_secs_f64(),
        pct(&mut all, 0.99)
    );
    println!(
        "peak resident memory (server and clients): {:.0} MB",
        peak_rss_mb()
    );
}
