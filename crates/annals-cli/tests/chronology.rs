//! `annals build`, `timeline`, `show`, `actors`, `sources` as a user runs them, including what
//! goes wrong: foreign or truncated databases, read-only directories, a build killed half way,
//! invalid gazetteer files.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn annals(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .output()
        .unwrap()
}

fn annals_env(args: &[&str], env: (&str, &str)) -> Output {
    Command::new(env!("CARGO_BIN_EXE_annals"))
        .args(args)
        .env(env.0, env.1)
        .output()
        .unwrap()
}

fn root(p: &str) -> String {
    format!("{}/../../{p}", env!("CARGO_MANIFEST_DIR"))
}

fn scratch(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("annals-chron-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn ok(o: &Output) -> String {
    assert!(
        o.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout.clone()).unwrap()
}

fn err(o: &Output) -> String {
    assert_eq!(
        o.status.code(),
        Some(2),
        "stdout: {}",
        String::from_utf8_lossy(&o.stdout)
    );
    String::from_utf8_lossy(&o.stderr).to_string()
}

fn db_arg(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

#[test]
fn build_and_query_the_bundled_corpus() {
    let d = scratch("corpus");
    let db = db_arg(&d.join("a.db"));
    let out = annals(&["build", &root("examples/frus"), "--db", &db]);
    ok(&out);
    let report = String::from_utf8_lossy(&out.stderr);
    assert!(
        report.contains("47 document(s) added, 0 unchanged"),
        "{report}"
    );
    // a second build of the same inputs is a no-op
    let out = annals(&["build", &root("examples/frus"), "--db", &db]);
    ok(&out);
    assert!(String::from_utf8_lossy(&out.stderr).contains("0 document(s) added, 47 unchanged"));

    let tsv = ok(&annals(&["timeline", "--db", &db, "--format", "tsv"]));
    let mut lines = tsv.lines();
    assert_eq!(
        lines.next(),
        Some("id\tdate\tstart\tend\ttype\tactors\ttargets\tsummary\tevidence_start\tevidence_end\tdoc")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert!(rows.len() > 300, "{} events", rows.len());
    // every evidence span lies in its document and starts a sentence's text
    for r in rows.iter().take(50) {
        let text = std::fs::read_to_string(r[10]).unwrap();
        let (s, e): (usize, usize) = (r[8].parse().unwrap(), r[9].parse().unwrap());
        assert!(s < e && e <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(e));
    }
    // the dateline of document 95 is an event of August 30, 1956 in Tokyo's telegram
    assert!(rows
        .iter()
        .any(|r| r[1] == "1956-08-30T11:00" && r[10].ends_with("doc_95.txt")));

    // filters: an alias names its entity; dates are inclusive periods
    let japan = ok(&annals(&[
        "timeline", "--db", &db, "--actor", "Tokyo", "--from", "1956-08", "--to", "1956-08",
        "--format", "tsv",
    ]));
    let rows: Vec<Vec<&str>> = japan
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    assert!(!rows.is_empty());
    for r in &rows {
        assert!(r[5].contains("Japan") || r[6].contains("Japan"), "{r:?}");
        assert!(r[2] < "1956-09-01" && r[3] > "1956-08-01", "{r:?}");
    }
    let json: serde_json::Value = serde_json::from_str(&ok(&annals(&[
        "timeline", "--db", &db, "--type", "sign", "--format", "json",
    ])))
    .unwrap();
    assert!(json.as_array().unwrap().iter().all(|e| e["type"] == "sign"));

    let show = ok(&annals(&["show", "E1", "--db", &db]));
    assert!(show.starts_with("E1 "), "{show}");
    assert!(show.contains("claim 1 — "));
    let who = ok(&annals(&["show", "Shigemitsu", "--db", &db]));
    assert!(
        who.starts_with("Shigemitsu Mamoru (person, acts for Japan)"),
        "{who}"
    );
    let actors = ok(&annals(&["actors", "--db", &db]));
    // the bundled documents are the State Department's: its telegrams and memoranda speak
    // for the United States, about Japan
    let top: Vec<&str> = actors.lines().skip(1).take(5).collect();
    assert!(top[0].ends_with("\tstate\tUnited States\t"), "{actors}");
    assert!(
        top.iter().any(|l| l.ends_with("\tstate\tJapan\t")),
        "{actors}"
    );
    assert!(
        top.iter()
            .any(|l| l.ends_with("\tperson\tJohn Foster Dulles\tUnited States")),
        "{actors}"
    );
    let sources = ok(&annals(&["sources", "--db", &db]));
    assert!(sources.starts_with("citations\tauthors\tyear\treference\n"));
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn a_build_killed_half_way_leaves_the_database_as_it_was() {
    let d = scratch("killed");
    let db = db_arg(&d.join("a.db"));
    ok(&annals(&[
        "build",
        &root("examples/frus/doc_95.txt"),
        "--db",
        &db,
    ]));
    let before = ok(&annals(&["timeline", "--db", &db, "--format", "tsv"]));
    let out = annals_env(
        &["build", &root("examples/frus"), "--db", &db],
        ("ANNALS_TEST_ABORT_AFTER", "20"),
    );
    assert!(!out.status.success(), "the build was to be killed");
    let after = ok(&annals(&["timeline", "--db", &db, "--format", "tsv"]));
    assert_eq!(before, after);
    std::fs::remove_dir_all(&d).ok();
}

/// Every read command on `db`, their outputs concatenated.
fn read_all(db: &str) -> String {
    let mut out = String::new();
    for args in [
        vec!["timeline", "--db", db, "--format", "tsv"],
        vec!["show", "E1", "--db", db],
        vec!["actors", "--db", db],
        vec!["sources", "--db", db],
        vec!["export", "--format", "csv", "--db", db],
    ] {
        out.push_str(&ok(&annals(&args)));
    }
    out
}

#[test]
fn reads_work_at_once_after_a_build_is_killed() {
    let d = scratch("sigkill");
    let db = db_arg(&d.join("a.db"));
    ok(&annals(&["build", &root("examples/frus"), "--db", &db]));
    let before = read_all(&db);
    // another gazetteer: the next build re-extracts every document, rewriting most pages
    let g = d.join("more.toml");
    std::fs::write(
        &g,
        "[[entity]]\nid = \"Tani Masayuki\"\nkind = \"person\"\naliases = [\"the Japanese Ambassador\"]\n",
    )
    .unwrap();
    for ms in [100, 400, 1000, 2000, 3000] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_annals"))
            .args(["build", &root("examples/frus"), "--db", &db, "--gazetteer"])
            .arg(&g)
            .env("ANNALS_TEST_CACHE_PAGES", "8")
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(std::time::Duration::from_millis(ms));
        let finished = child.try_wait().unwrap().is_some();
        child.kill().unwrap(); // SIGKILL: no destructor, no rollback, no cleanup
        child.wait().unwrap();
        if finished {
            break; // this machine builds faster than the moments tried
        }
        // immediately, read-only: every read command answers with the previous content
        assert_eq!(read_all(&db), before, "killed after {ms} ms");
    }
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn bad_databases_and_places_are_reported() {
    let d = scratch("bad");
    let foreign = d.join("notes.db");
    std::fs::write(
        &foreign,
        "a text file that is not a database, long enough to look like one",
    )
    .unwrap();
    let e = err(&annals(&[
        "build",
        &root("examples/frus/doc_95.txt"),
        "--db",
        &db_arg(&foreign),
    ]));
    assert!(
        e.contains("notes.db") && e.contains("not an annals database"),
        "{e}"
    );

    // a truncated database: an error, not a panic, not an empty timeline
    let db = d.join("t.db");
    ok(&annals(&[
        "build",
        &root("examples/frus"),
        "--db",
        &db_arg(&db),
    ]));
    let bytes = std::fs::read(&db).unwrap();
    std::fs::write(&db, &bytes[..bytes.len() / 2]).unwrap();
    let e = err(&annals(&["timeline", "--db", &db_arg(&db)]));
    assert!(e.contains("t.db"), "{e}");
    // a damaged database is not built into: refused, and left as it was
    let e = err(&annals(&[
        "build",
        &root("examples/frus/doc_95.txt"),
        "--db",
        &db_arg(&db),
    ]));
    assert!(e.contains("t.db") && e.contains("damaged"), "{e}");
    assert_eq!(std::fs::read(&db).unwrap(), &bytes[..bytes.len() / 2]);

    // a failed first build leaves no database behind
    let bad = d.join("bad.txt");
    std::fs::write(&bad, b"On March 3, 1956 \xff the talks").unwrap();
    let fresh = d.join("fresh.db");
    let e = err(&annals(&[
        "build",
        bad.to_str().unwrap(),
        "--db",
        &db_arg(&fresh),
    ]));
    assert!(e.contains("bad.txt"), "{e}");
    assert!(
        !fresh.exists(),
        "a failed first build left {}",
        fresh.display()
    );

    let e = err(&annals(&["timeline", "--db", &db_arg(&d.join("none.db"))]));
    assert!(e.contains("run `annals build` first"), "{e}");

    let e = err(&annals(&[
        "build",
        &root("examples/frus/doc_95.txt"),
        "--db",
        "/proc/annals-cannot-write-here/a.db",
    ]));
    assert!(e.contains("/proc/annals-cannot-write-here/a.db"), "{e}");

    let e = err(&annals(&[
        "timeline",
        "--db",
        &db_arg(&db),
        "--from",
        "1955-13",
    ]));
    assert!(e.contains("invalid date \"1955-13\""), "{e}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn invalid_gazetteer_files_name_the_file_and_line() {
    let d = scratch("gaz");
    let g = d.join("people.toml");
    std::fs::write(
        &g,
        "[[entity]]\nid = \"Ivan Petrov\"\nkind = \"person\"\nstate = \"USSR\"\nrole = \"envoy\"\n",
    )
    .unwrap();
    let e = err(&annals(&[
        "build",
        &root("examples/frus/doc_95.txt"),
        "--db",
        &db_arg(&d.join("a.db")),
        "--gazetteer",
        g.to_str().unwrap(),
    ]));
    assert!(e.contains("people.toml:5:"), "{e}");
    assert!(
        !d.join("a.db").exists() || std::fs::metadata(d.join("a.db")).unwrap().len() == 0,
        "nothing built"
    );
    // a valid file teaches a new alias
    std::fs::write(&g, "[[entity]]\nid = \"Tani Masayuki\"\nkind = \"person\"\naliases = [\"the Japanese Ambassador\"]\n").unwrap();
    ok(&annals(&[
        "build",
        &root("examples/frus/doc_99.txt"),
        "--db",
        &db_arg(&d.join("b.db")),
        "--gazetteer",
        g.to_str().unwrap(),
    ]));
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn citations_link_to_the_reference_list() {
    let d = scratch("refs");
    let f = d.join("paper.txt");
    std::fs::write(
        &f,
        "A Paper\n\nOn October 19, 1956, they signed the declaration (Matsumoto 2012, 188).\n\nReferences\n\nMatsumoto, Shun’ichi. 2012. Mosukuwa ni kakeru niji.\n   Tokyo: Asahi.\nWada, Haruki. 1991. Hoppō ryōdo mondai.\n",
    )
    .unwrap();
    let db = db_arg(&d.join("a.db"));
    ok(&annals(&["build", f.to_str().unwrap(), "--db", &db]));
    let sources = ok(&annals(&["sources", "--db", &db]));
    assert!(sources.contains("1\tMatsumoto\t2012\tMatsumoto, Shun’ichi. 2012. Mosukuwa ni kakeru niji. Tokyo: Asahi."), "{sources}");
    // years of the reference list are not events
    let tl = ok(&annals(&["timeline", "--db", &db, "--format", "tsv"]));
    assert_eq!(tl.lines().count(), 2, "{tl}");
    std::fs::remove_dir_all(&d).ok();
}

#[test]
fn exports_parse_and_carry_evidence() {
    let d = scratch("export");
    let db = db_arg(&d.join("a.db"));
    ok(&annals(&[
        "build",
        &root("examples/frus/doc_95.txt"),
        &root("examples/frus/doc_89.txt"),
        "--db",
        &db,
    ]));
    let n_events = ok(&annals(&["timeline", "--db", &db, "--format", "tsv"]))
        .lines()
        .count()
        - 1;

    let tl: serde_json::Value = serde_json::from_str(&ok(&annals(&[
        "export",
        "--format",
        "timelinejs",
        "--db",
        &db,
    ])))
    .unwrap();
    let evs = tl["events"].as_array().unwrap();
    assert_eq!(evs.len(), n_events);
    assert!(evs.iter().all(|e| e["start_date"]["year"].is_i64()
        && e["text"]["text"].as_str().unwrap().contains("Evidence:")));

    let csv = ok(&annals(&["export", "--format", "csv", "--db", &db]));
    assert_eq!(
        csv.lines()
            .next()
            .unwrap()
            .split(',')
            .take(4)
            .collect::<Vec<_>>(),
        ["id", "date", "start", "end"]
    );

    let gexf = ok(&annals(&[
        "export", "--format", "gexf", "--db", &db, "--actor", "Japan",
    ]));
    assert!(gexf.contains("<gexf xmlns=\"http://gexf.net/1.3\"") && gexf.contains("<edge "));

    let ld: serde_json::Value =
        serde_json::from_str(&ok(&annals(&["export", "--format", "jsonld", "--db", &db]))).unwrap();
    assert_eq!(ld["@graph"].as_array().unwrap().len(), n_events);

    let pl = ok(&annals(&[
        "export",
        "--format",
        "plover",
        "--db",
        &db,
        "--type",
        "statement",
    ]));
    for line in pl.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert_eq!(v["event_subtype"], "statement");
        assert!(!v["text"].as_str().unwrap().is_empty());
    }
    std::fs::remove_dir_all(&d).ok();
}

/// An edited file replaces its earlier version (its events are not counted twice), and the
/// same text read against another `--dct` is extracted again, not reported unchanged.
#[test]
fn an_edited_file_replaces_its_earlier_version() {
    let d = scratch("edited");
    let db = db_arg(&d.join("a.db"));
    let doc = d.join("note.txt");
    let doc = doc.to_str().unwrap();
    let dates = |db: &str| -> Vec<String> {
        ok(&annals(&["timeline", "--db", db, "--format", "tsv"]))
            .lines()
            .skip(1)
            .map(|l| l.split('\t').nth(1).unwrap().to_string())
            .collect()
    };
    std::fs::write(
        doc,
        "Note\n\nOn March 3, 1956, Japan protested to the Soviet Union.\n",
    )
    .unwrap();
    ok(&annals(&["build", doc, "--db", &db]));
    std::fs::write(
        doc,
        "Note\n\nOn March 4, 1956, Japan protested to the Soviet Union.\n",
    )
    .unwrap();
    let o = annals(&["build", doc, "--db", &db]);
    ok(&o);
    assert!(String::from_utf8_lossy(&o.stderr).contains("holds 1 documents, 1 events"));
    assert_eq!(dates(&db), ["1956-03-04"]);

    // "Tuesday" is read toward the document date
    std::fs::write(
        doc,
        "Note\n\nOn Tuesday, Japan protested to the Soviet Union.\n",
    )
    .unwrap();
    ok(&annals(&["build", doc, "--db", &db, "--dct", "1956-05-10"]));
    assert_eq!(dates(&db), ["1956-05-08"]);
    let o = annals(&["build", doc, "--db", &db, "--dct", "1957-05-10"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("1 document(s) added, 0 unchanged"));
    assert_eq!(dates(&db), ["1957-05-07"]);
    let o = annals(&["build", doc, "--db", &db, "--dct", "1957-05-10"]);
    assert!(String::from_utf8_lossy(&o.stderr).contains("0 document(s) added, 1 unchanged"));
}

#[test]
fn a_name_of_two_people_is_shown_with_both_and_linked_to_neither() {
    let d = scratch("ambiguous");
    let doc = d.join("memo.txt");
    std::fs::write(
        &doc,
        "Tokyo, April 7, 1955.\n\nOn April 6 Hatoyama told me that he would send Matsumoto \
         to Washington. Matsumoto said nothing.\n",
    )
    .unwrap();
    let db = db_arg(&d.join("a.db"));
    ok(&annals(&["build", doc.to_str().unwrap(), "--db", &db]));
    let shown = ok(&annals(&["show", "matsumoto", "--db", &db]));
    assert!(
        shown.starts_with("\"matsumoto\" is linked to no entity: 2 mention(s)"),
        "{shown}"
    );
    for who in ["Matsumoto Shun’ichi", "Matsumoto Takizō"] {
        assert!(shown.contains(who), "{shown}");
    }
    // and the event that names him lists him unlinked, with both
    let event = ok(&annals(&["show", "E1", "--db", &db]));
    assert!(event.contains("not linked: \"Matsumoto\""), "{event}");
    // a name annals never saw is still an error
    assert!(err(&annals(&["show", "Nobody", "--db", &db])).contains("no event or entity"));
}
