//! `annals` as a user runs it: real files in, TSV/JSON out, clear errors for bad input.

use std::io::Write;
use std::process::{Command, Output, Stdio};

fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .output()
        .unwrap()
}

fn root(p: &str) -> String {
    format!("{}/../../{p}", env!("CARGO_MANIFEST_DIR"))
}

/// Rows of the TSV output: (start, end, text, type, value, mod).
fn rows(out: &Output) -> Vec<(usize, usize, String, String, String, String)> {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = String::from_utf8(out.stdout.clone()).unwrap();
    let mut lines = s.lines();
    assert_eq!(lines.next(), Some("start\tend\ttext\ttype\tvalue\tmod"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split('\t').collect();
            assert_eq!(f.len(), 6, "{l}");
            (
                f[0].parse().unwrap(),
                f[1].parse().unwrap(),
                f[2].into(),
                f[3].into(),
                f[4].into(),
                f[5].into(),
            )
        })
        .collect()
}

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('r') => out.push('\r'),
                Some(o) => out.push(o),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn telegram_dateline_anchors_deictic_dates() {
    let path = root("examples/frus/doc_95.txt");
    let raw = std::fs::read(&path).unwrap();
    let r = rows(&annals(&["time", &path]));
    for (s, e, text, ..) in &r {
        assert_eq!(
            std::str::from_utf8(&raw[*s..*e]).unwrap(),
            unescape(text),
            "offsets must give back the text"
        );
    }
    let find = |t: &str| {
        r.iter()
            .find(|x| x.2 == t)
            .unwrap_or_else(|| panic!("{t} not found in {r:?}"))
    };
    assert_eq!(find("August 30, 1956—11 a.m.").3, "TIME");
    assert_eq!(find("August 30, 1956—11 a.m.").4, "1956-08-30T11:00");
    assert_eq!(find("yesterday").4, "1956-08-29");
    assert_eq!(find("this evening").4, "1956-08-30TEV");
}

#[test]
fn dct_flag_overrides_the_dateline() {
    let path = root("examples/frus/doc_95.txt");
    let r = rows(&annals(&["time", &path, "--dct", "1956-09-10"]));
    assert_eq!(
        r.iter().find(|x| x.2 == "yesterday").unwrap().4,
        "1956-09-09"
    );
}

#[test]
fn article_excerpt_snapshot() {
    let out = annals(&["time", &root("tests/fixtures/article_excerpt.txt")]);
    assert!(out.status.success());
    insta::assert_snapshot!(
        "article_excerpt_tsv",
        String::from_utf8(out.stdout).unwrap()
    );
}

#[test]
fn json_carries_interval_anchor_and_implied_parts() {
    let out = annals(&[
        "time",
        &root("tests/fixtures/article_excerpt.txt"),
        "--format",
        "json",
    ]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    let nov8 = arr.iter().find(|x| x["text"] == "November 8").unwrap();
    assert_eq!(nov8["value"], "1950-11-08");
    assert_eq!(nov8["implied"], serde_json::json!(["year"]));
    assert_eq!(
        nov8["anchor"],
        serde_json::json!({"kind": "narrative", "value": "1950-10-19"})
    );
    assert_eq!(
        nov8["interval"],
        serde_json::json!({"start": "1950-11-08", "end": "1950-11-09"})
    );
    let decades = arr.iter().find(|x| x["value"] == "194/195").unwrap();
    assert_eq!(decades["interval"]["start"], "1946-01-01");
    assert_eq!(decades["interval"]["end"], "1960-01-01");
    assert_eq!(decades["block"], "heading");
    let later = arr
        .iter()
        .find(|x| x["text"] == "Around a month later")
        .unwrap();
    assert_eq!(later["mod"], "APPROX");
    assert_eq!(later["resolved"], "1951-06-07");
}

#[test]
fn standard_input() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(["time", "-", "--dct", "1955-12-15"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"Yesterday the Security Council met.")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        rows(&out),
        vec![(
            0,
            9,
            "Yesterday".into(),
            "DATE".into(),
            "1955-12-14".into(),
            "".into()
        )]
    );
}

/// Runs annals with `{}` in `args` replaced by a FIFO that a thread fills with `content`
/// (a FIFO can be read once: a command that opens its input twice hangs or sees nothing).
#[cfg(unix)]
fn through_fifo(name: &str, args: &[&str], content: &'static [u8]) -> Output {
    let dir = std::env::temp_dir().join(format!("annals-fifo-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let fifo = dir.join("in.txt");
    assert!(Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap()
        .success());
    let f = fifo.clone();
    let writer = std::thread::spawn(move || std::fs::write(f, content).unwrap());
    let args: Vec<String> = args
        .iter()
        .map(|a| {
            a.replace("{}", fifo.to_str().unwrap())
                .replace("{dir}", dir.to_str().unwrap())
        })
        .collect();
    let out = Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(&args)
        .output()
        .unwrap();
    writer.join().unwrap();
    std::fs::remove_dir_all(&dir).ok();
    out
}

#[cfg(unix)]
#[test]
fn fifos_are_read_once() {
    const MEMO: &[u8] = b"Tokyo, August 30, 1956\n\nYesterday Shigemitsu met Dulles in London.\n";
    let out = through_fifo("time", &["time", "{}"], MEMO);
    assert_eq!(
        rows(&out).iter().map(|r| r.4.as_str()).collect::<Vec<_>>(),
        ["1956-08-30", "1956-08-29"]
    );
    let out = through_fifo("segments", &["segments", "{}"], MEMO);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("dateline\t0\t22\tTokyo, August 30, 1956"), "{s}");
    let out = through_fifo(
        "build",
        &["build", "{}", "--db", "{dir}/a.db", "--timeline"],
        MEMO,
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("1 document(s) added"));
    // an input read once that proves bad: an error and no output at all
    let out = through_fifo("bad", &["segments", "{}"], b"A paragraph.\n\nThen \xff.\n");
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "partial output: {:?}", out.stdout);
}

fn fails(args: &[&str], content: Option<&[u8]>, expect: &str) {
    let dir = std::env::temp_dir().join(format!(
        "annals-cli-{}-{}",
        std::process::id(),
        expect.len()
    ));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("input.txt");
    if let Some(c) = content {
        std::fs::write(&file, c).unwrap();
    }
    let f = file.to_str().unwrap().to_string();
    let args: Vec<&str> = args
        .iter()
        .map(|a| if *a == "FILE" { f.as_str() } else { a })
        .collect();
    let out = annals(&args);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        out.stdout.is_empty(),
        "no partial output: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert!(err.contains(expect), "{err:?} lacks {expect:?}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn bad_input_gets_a_clear_error_and_no_output() {
    let mut late_bad = b"On May 7, 1951, notes were released.\n\n".repeat(50_000);
    let at = late_bad.len() - 3;
    late_bad[at] = 0xC3;
    fails(
        &["time", "FILE"],
        Some(&late_bad),
        &format!("invalid UTF-8 at byte offset {at}"),
    );
    fails(
        &["time", "FILE"],
        Some(b""),
        "input.txt: the input is empty",
    );
    fails(
        &["time", "FILE"],
        Some(b"PK\x03\x04\x00\x00binary"),
        "not a text file: NUL byte at byte offset 4",
    );
    fails(&["time", "FILE"], None, "input.txt: cannot open");
    fails(
        &["time", "FILE", "--dct", "1956-02-30"],
        Some(b"text"),
        "invalid document date \"1956-02-30\"",
    );
}

#[test]
fn one_huge_line_is_handled() {
    let dir = std::env::temp_dir().join(format!("annals-huge-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("huge.txt");
    let mut s = "word ".repeat(1_200_000); // 6 MB, no line break
    s.push_str("and on September 4, 1951, the conference opened");
    std::fs::write(&file, &s).unwrap();
    let r = rows(&annals(&["time", file.to_str().unwrap()]));
    assert_eq!(r.len(), 1);
    assert_eq!(r[0].4, "1951-09-04");
    assert_eq!(r[0].0, s.find("September").unwrap());
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn segments_lists_blocks_with_offsets() {
    let out = annals(&["segments", &root("tests/fixtures/article_excerpt.txt")]);
    assert!(out.status.success());
    let s = String::from_utf8(out.stdout).unwrap();
    let kinds: Vec<&str> = s
        .lines()
        .skip(1)
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "heading",
            "heading",
            "paragraph",
            "paragraph",
            "paragraph",
            "paragraph",
            "footnote",
            "paragraph",
            "quote",
            "attribution",
            "paragraph"
        ]
    );
}

/// CoNLL-U word lines: (id, form, upos, head, deprel, misc).
fn conllu_words(out: &Output) -> Vec<(usize, String, String, usize, String, String)> {
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout.clone())
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            assert_eq!(c.len(), 10, "{l}");
            (
                c[0].parse().unwrap(),
                c[1].into(),
                c[3].into(),
                c[6].parse().unwrap(),
                c[7].into(),
                c[9].into(),
            )
        })
        .collect()
}

fn token_range(misc: &str) -> (usize, usize) {
    let r = misc
        .split('|')
        .find_map(|kv| kv.strip_prefix("TokenRange="))
        .unwrap();
    let (a, b) = r.split_once(':').unwrap();
    (a.parse().unwrap(), b.parse().unwrap())
}

#[test]
fn parse_writes_conllu_with_input_offsets() {
    let dir = std::env::temp_dir().join(format!("annals-parse-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("memo.txt");
    let text = "The Protocol was signed by Shigemitsu.\n\nThe Soviet dele-\ngate rose and left the hall.\n";
    std::fs::write(&file, text).unwrap();
    let words = conllu_words(&annals(&["parse", file.to_str().unwrap()]));
    let forms: Vec<&str> = words.iter().map(|w| w.1.as_str()).collect();
    assert_eq!(
        forms,
        [
            "The",
            "Protocol",
            "was",
            "signed",
            "by",
            "Shigemitsu",
            ".",
            "The",
            "Soviet",
            "delegate",
            "rose",
            "and",
            "left",
            "the",
            "hall",
            "."
        ]
    );
    // spans are bytes of the input: the joined word covers "dele-\ngate"
    for w in &words {
        let (a, b) = token_range(&w.5);
        let raw = &text[a..b];
        assert_eq!(raw.replace("-\n", ""), w.1, "{w:?}");
    }
    assert_eq!(token_range(&words[9].5), (51, 61));
    // two sentences, two roots, ids restart
    assert_eq!(words.iter().filter(|w| w.3 == 0).count(), 2);
    assert_eq!(words[7].0, 1);
    assert_eq!((words[3].4.as_str(), words[3].3), ("root", 0));
    assert_eq!(words[1].4, "nsubj:pass");
    assert_eq!(words[5].4, "obl:agent");

    let out = annals(&["parse", file.to_str().unwrap(), "--format", "json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), 2);
    assert_eq!(v[1]["tokens"][2]["form"], "delegate");
    assert_eq!(v[1]["tokens"][2]["start"], 51);
    assert_eq!(v[0]["tokens"][3]["lemma"], "sign");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parse_pretokenized_keeps_the_words() {
    let dir = std::env::temp_dir().join(format!("annals-parse-tok-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("in.conllu");
    let gold = "# text = Japan didn't sign.\n\
                1\tJapan\t_\t_\t_\t_\t0\t_\t_\t_\n\
                2-3\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_\n\
                2\tdid\t_\t_\t_\t_\t0\t_\t_\t_\n\
                3\tn't\t_\t_\t_\t_\t0\t_\t_\t_\n\
                4\tsign\t_\t_\t_\t_\t0\t_\t_\t_\n\
                5\t.\t_\t_\t_\t_\t0\t_\t_\t_\n\n";
    std::fs::write(&file, gold).unwrap();
    let words = conllu_words(&annals(&[
        "parse",
        "--pretokenized",
        file.to_str().unwrap(),
    ]));
    let forms: Vec<&str> = words.iter().map(|w| w.1.as_str()).collect();
    assert_eq!(forms, ["Japan", "did", "n't", "sign", "."]);
    assert_eq!((words[0].3, words[0].4.as_str()), (4, "nsubj"));
    assert_eq!(
        (words[2].2.as_str(), words[2].4.as_str()),
        ("PART", "advmod")
    );
    let out = annals(&["parse", "--pretokenized", file.to_str().unwrap()]);
    let s = String::from_utf8(out.stdout).unwrap();
    assert!(s.contains("# text = Japan didn't sign."), "{s}");
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn parse_rejects_bad_input_and_bad_models() {
    fails(
        &["parse", "FILE"],
        Some(b""),
        "input.txt: the input is empty",
    );
    fails(
        &["parse", "FILE"],
        Some(b"PK\x03\x04\x00\x00binary"),
        "not a text file: NUL byte at byte offset 4",
    );
    fails(
        &["parse", "--pretokenized", "FILE"],
        Some(b"1\tJapan\n"),
        "line 1: 2 columns, CoNLL-U has 10",
    );
    let cargo_toml = root("Cargo.toml");
    fails(
        &["parse", "FILE", "--model", &cargo_toml],
        Some(b"Text."),
        "not an annals syntax model",
    );
}
