use super::*;

fn ent(name: &str, kind: &str) -> EntityRecord {
    EntityRecord {
        name: name.into(),
        kind: kind.into(),
        state: None,
        wikidata: None,
        source: "test".into(),
    }
}

fn doc(name: &str, text: &str, date: &str) -> DocumentRecord {
    DocumentRecord {
        name: name.into(),
        text: text.into(),
        sha256: sha256_hex(text.as_bytes()),
        dct: None,
        records: doc_records(text, date),
        warnings: Vec::new(),
    }
}

fn doc_records(text: &str, date: &str) -> Records {
    Records {
        segments: vec![("paragraph".into(), 0, text.len())],
        timexes: vec![],
        mentions: vec![],
        ambiguous: vec![],
        citations: vec![CitationRecord {
            start: 0,
            end: 4,
            text: "Hara 2013, 147".into(),
            authors: "Hara".into(),
            year: "2013".into(),
            locator: "147".into(),
            key: ("Hara".into(), "2013".into()),
        }],
        references: vec![ReferenceRecord {
            start: 5,
            end: 9,
            text: "Hara, Kimie. 2013. Cold War Frontiers.".into(),
            author: "Hara".into(),
            year: "2013".into(),
        }],
        events: vec![EventRecord {
            kind: "sign".into(),
            cameo: "057".into(),
            plover: "AGREE".into(),
            date: date.into(),
            interval: Some((date.into(), "1956-10-20".into())),
            date_span: (0, 4),
            date_source: "text".into(),
            trigger: Some((5, 11)),
            evidence: (0, text.len()),
            agents: vec![ent("USSR", "state"), ent("Japan", "state")],
            targets: vec![],
            negated: false,
            modality: None,
            sources: vec!["Matsumoto 2012, 188–89".into()],
            summary: text.into(),
            place: Some("Moscow".into()),
            instrument: None,
            distinct: false,
            roles: String::new(),
        }],
    }
}

fn tmp(name: &str) -> std::path::PathBuf {
    let d = std::env::temp_dir().join(format!("annals-store-{}-{name}", std::process::id()));
    let _ = std::fs::remove_file(&d);
    d
}

#[test]
fn build_merges_retellings_and_is_idempotent() {
    let p = tmp("merge.db");
    let mut s = Store::open(&p).unwrap();
    let b = s.begin_build("cfg1").unwrap();
    b.add(&doc(
        "a.txt",
        "Oct. 19 signed the declaration",
        "1956-10-19",
    ))
    .unwrap();
    b.add(&doc("b.txt", "Both signed on October 19", "1956-10-19"))
        .unwrap();
    assert!(b
        .has_document(&sha256_hex(b"Both signed on October 19"))
        .unwrap());
    b.commit().unwrap();
    let t = s.timeline(&Filter::default()).unwrap();
    assert_eq!(t.len(), 1, "one event, two claims");
    assert_eq!(t[0].claims, 2);
    assert_eq!(t[0].actors, vec!["USSR", "Japan"]);
    let (_, claims) = s.event(t[0].id).unwrap().unwrap();
    assert_eq!(
        claims.iter().map(|c| c.doc.as_str()).collect::<Vec<_>>(),
        vec!["a.txt", "b.txt"]
    );
    // filters
    let f = Filter {
        actors: vec!["Japan".into()],
        from: Some("1956-01-01".into()),
        to: Some("1957-01-01".into()),
        kind: Some("sign".into()),
        ..Filter::default()
    };
    assert_eq!(s.timeline(&f).unwrap().len(), 1);
    // full-text search and source filters
    let f = Filter {
        text: Some("declaration".into()),
        ..Filter::default()
    };
    assert_eq!(s.timeline(&f).unwrap().len(), 1);
    let f = Filter {
        source: Some("b.txt".into()),
        ..Filter::default()
    };
    assert_eq!(s.timeline(&f).unwrap().len(), 1);
    let f = Filter {
        source: Some("Matsumoto 2012".into()),
        ..Filter::default()
    };
    assert_eq!(s.timeline(&f).unwrap().len(), 1);
    let f = Filter {
        source: Some("nobody".into()),
        ..Filter::default()
    };
    assert_eq!(s.timeline(&f).unwrap().len(), 0);
    assert_eq!(partial_date_end("1956-12").as_deref(), Some("1957-01-01"));
    assert_eq!(partial_date_start("1956-02-30"), None);
    let f = Filter {
        to: Some("1956-01-01".into()),
        ..Filter::default()
    };
    assert_eq!(s.timeline(&f).unwrap().len(), 0);
    std::fs::remove_file(&p).ok();
}

#[test]
fn a_rolled_back_build_leaves_the_database_as_it_was() {
    let p = tmp("rollback.db");
    let mut s = Store::open(&p).unwrap();
    let b = s.begin_build("cfg1").unwrap();
    b.add(&doc("a.txt", "first", "1956-10-19")).unwrap();
    b.commit().unwrap();
    {
        let b = s.begin_build("cfg1").unwrap();
        b.add(&doc("b.txt", "second", "1955-01-01")).unwrap();
        // dropped without commit: as if killed
    }
    assert_eq!(s.counts().unwrap()[0], ("documents", 1));
    std::fs::remove_file(&p).ok();
}

#[test]
fn foreign_and_future_databases_are_refused() {
    let p = tmp("foreign.db");
    std::fs::write(
        &p,
        b"this is not a database at all, just some text that is long enough",
    )
    .unwrap();
    let e = Store::open(&p).err().unwrap().to_string();
    assert!(e.contains("not an annals database"), "{e}");
    std::fs::remove_file(&p).ok();

    let p = tmp("other.db");
    let c = Connection::open(&p).unwrap();
    c.execute_batch("CREATE TABLE t(x)").unwrap();
    drop(c);
    let e = Store::open(&p).err().unwrap().to_string();
    assert!(e.contains("not an annals database"), "{e}");
    std::fs::remove_file(&p).ok();

    let p = tmp("future.db");
    drop(Store::open(&p).unwrap());
    let c = Connection::open(&p).unwrap();
    c.execute(
        "UPDATE meta SET value = '99' WHERE key = 'schema_version'",
        [],
    )
    .unwrap();
    drop(c);
    let e = Store::open(&p).err().unwrap().to_string();
    assert!(e.contains("schema version 99"), "{e}");
    std::fs::remove_file(&p).ok();

    let e = Store::open_read_only(&tmp("missing.db"))
        .err()
        .unwrap()
        .to_string();
    assert!(e.contains("run `annals build` first"), "{e}");
}

#[test]
fn truncated_database_is_an_error_not_a_panic() {
    let p = tmp("trunc.db");
    let mut s = Store::open(&p).unwrap();
    let b = s.begin_build("cfg").unwrap();
    b.add(&doc("a.txt", "first", "1956-10-19")).unwrap();
    b.commit().unwrap();
    drop(s);
    let bytes = std::fs::read(&p).unwrap();
    std::fs::write(&p, &bytes[..bytes.len() / 3]).unwrap();
    let r = Store::open_read_only(&p).and_then(|s| s.timeline(&Filter::default()));
    assert!(r.is_err(), "a truncated file must not read as a database");
    std::fs::remove_file(&p).ok();
}

#[test]
fn a_new_config_reextracts_everything() {
    let p = tmp("config.db");
    let mut s = Store::open(&p).unwrap();
    let b = s.begin_build("cfg1").unwrap();
    b.add(&doc("a.txt", "first", "1956-10-19")).unwrap();
    b.commit().unwrap();
    let b = s.begin_build("cfg2").unwrap();
    assert!(!b.has_document(&sha256_hex(b"first")).unwrap());
    b.commit().unwrap();
    std::fs::remove_file(&p).ok();
}

#[test]
fn rival_dates_are_kept_and_linked() {
    let p = tmp("rival.db");
    let mut s = Store::open(&p).unwrap();
    let b = s.begin_build("cfg").unwrap();
    b.add(&doc("a.txt", "signed on October 19", "1956-10-19"))
        .unwrap();
    b.add(&doc("b.txt", "signed on October 20", "1956-10-20"))
        .unwrap();
    b.commit().unwrap();
    let t = s.timeline(&Filter::default()).unwrap();
    assert_eq!(t.len(), 2, "two dates, two events");
    assert_eq!(t[1].rival_of, Some(t[0].id));
    assert_eq!(s.rivals(t[0].id).unwrap(), vec![t[1].id]);
    assert_eq!(t[0].place.as_deref(), Some("Moscow"));
    std::fs::remove_file(&p).ok();
}

#[test]
fn citations_link_to_the_reference_list() {
    let p = tmp("refs.db");
    let mut s = Store::open(&p).unwrap();
    let b = s.begin_build("cfg").unwrap();
    b.add(&doc("a.txt", "signed", "1956-10-19")).unwrap();
    b.commit().unwrap();
    let src = s.sources().unwrap();
    assert_eq!(
        src,
        vec![(
            "Hara".to_string(),
            "2013".to_string(),
            1,
            Some("Hara, Kimie. 2013. Cold War Frontiers.".to_string())
        )]
    );
    std::fs::remove_file(&p).ok();
}

#[test]
fn a_query_past_its_time_limit_is_interrupted() {
    let p = tmp("limit");
    let mut s = Store::open(&p).unwrap();
    s.set_time_limit(Some(std::time::Duration::from_millis(50)));
    let t = std::time::Instant::now();
    // a query that never ends on its own
    let e = s
        .conn
        .query_row(
            "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c) SELECT count(*) FROM c",
            [],
            |r| r.get::<_, i64>(0),
        )
        .map_err(|e| s.err(e))
        .unwrap_err();
    assert!(matches!(e, StoreError::Interrupted { .. }), "{e}");
    assert!(t.elapsed() < std::time::Duration::from_secs(2));
    // lifted: the connection works as before
    s.set_time_limit(None);
    assert_eq!(s.counts().unwrap()[0], ("documents", 0));
}

#[test]
fn pages_of_a_text_keep_to_character_boundaries() {
    let p = tmp("pages");
    let mut s = Store::open(&p).unwrap();
    let text = "Hatoyama → Moscow, «Joint Declaration», 1956.";
    let b = s.begin_build("test").unwrap();
    b.add(&doc("a.txt", text, "1956-10-19")).unwrap();
    b.commit().unwrap();
    let id = s.documents().unwrap()[0].0;
    // a range that starts inside the arrow (three bytes) starts after it
    let arrow = text.find('→').unwrap();
    assert_eq!(
        s.text_range(id, arrow + 1..arrow + 6).unwrap(),
        (arrow + 3, " Mo".into())
    );
    assert_eq!(s.text_range(id, 0..8).unwrap(), (0, "Hatoyama".into()));
    // past the end: empty at the end
    assert_eq!(
        s.text_range(id, 500..600).unwrap(),
        (text.len(), String::new())
    );
    let whole = s.document(id, 0..usize::MAX).unwrap().unwrap();
    assert_eq!(
        (whole.text.as_str(), whole.bytes),
        (text, text.len() as i64)
    );
    let page = s.document(id, 2..9).unwrap().unwrap();
    assert_eq!((page.start, page.text.as_str()), (2, "toyama "));
}

#[test]
fn a_document_stored_in_parts_is_the_document_stored_whole() {
    let text = "Hara 2013 signed the declaration";
    let whole = doc("a.txt", text, "1956-10-19");
    // the citation in the first part, its reference entry and the event in the second
    let mut first = whole.records.clone();
    let mut second = Records::default();
    std::mem::swap(&mut first.references, &mut second.references);
    std::mem::swap(&mut first.events, &mut second.events);
    let read = |p: &std::path::Path| {
        let s = Store::open_read_only(p).unwrap();
        let refs: Vec<(String, Option<String>)> = s
            .conn
            .prepare("SELECT c.text, b.text FROM citations c LEFT JOIN bibliography b ON b.id = c.reference")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        (
            refs,
            s.timeline(&Filter::default()).unwrap().len(),
            s.document_text("a.txt").unwrap(),
            s.documents().unwrap()[0].3.clone(),
        )
    };
    let (pw, pp) = (tmp("whole.db"), tmp("parts.db"));
    let mut s = Store::open(&pw).unwrap();
    let b = s.begin_build("test").unwrap();
    b.add(&DocumentRecord {
        dct: Some("1956-10-19".into()),
        ..whole.clone()
    })
    .unwrap();
    b.commit().unwrap();
    let mut s = Store::open(&pp).unwrap();
    let b = s.begin_build("test").unwrap();
    // the document date is learnt after the row is written
    let mut d = b
        .begin_document("a.txt", &whole.sha256, text, None)
        .unwrap();
    b.add_records(&mut d, &first).unwrap();
    b.add_records(&mut d, &second).unwrap();
    b.finish_document(d, Some("1956-10-19")).unwrap();
    b.commit().unwrap();
    let (w, p) = (read(&pw), read(&pp));
    assert_eq!(
        w.0,
        vec![(
            "Hara 2013, 147".to_string(),
            Some("Hara, Kimie. 2013. Cold War Frontiers.".to_string())
        )]
    );
    assert_eq!(w, p);
    assert_eq!(p.2.as_deref(), Some(text));
    assert_eq!(p.3.as_deref(), Some("1956-10-19"));
}

#[test]
fn a_long_text_is_indexed_in_pieces_cut_between_words() {
    // 2.5 MiB of words: three pieces, none over SEARCH_PIECE, none cutting a word
    let mut text = String::new();
    let mut i = 0;
    while text.len() < SEARCH_PIECE * 5 / 2 {
        text.push_str(&format!("Hatoyama word{i} «Moscow» "));
        i += 1;
    }
    text.push_str("Shigemitsu");
    let pieces: Vec<&str> = search_pieces(&text).collect();
    assert_eq!(pieces.len(), 3);
    assert_eq!(pieces.concat(), text);
    for p in &pieces[..2] {
        assert!(
            p.len() <= SEARCH_PIECE && p.ends_with(' '),
            "{}",
            &p[p.len() - 20..]
        );
    }
    // no whitespace at all, and three-byte characters: cut at character boundaries
    let arrows = "→".repeat(SEARCH_PIECE * 3 / 4 + 1);
    let pieces: Vec<&str> = search_pieces(&arrows).collect();
    assert_eq!(pieces.concat(), arrows);
    assert!(pieces.len() == 3 && pieces.iter().all(|p| p.len() <= SEARCH_PIECE));
    let path = tmp("long.db");
    let mut s = Store::open(&path).unwrap();
    let b = s.begin_build("test").unwrap();
    b.add(&doc("long.txt", &text, "1956-10-19")).unwrap();
    b.commit().unwrap();
    // the word of the last piece is found, and the text reads back whole
    assert_eq!(
        s.search("Shigemitsu", 10)
            .unwrap()
            .iter()
            .filter(|r| r.0 == "document")
            .map(|r| r.1)
            .collect::<Vec<_>>(),
        vec![1]
    );
    assert_eq!(
        s.document_text("long.txt").unwrap().as_deref(),
        Some(text.as_str())
    );
    assert_eq!(
        s.text_range(1, text.len() - 10..text.len()).unwrap().1,
        "Shigemitsu"
    );
}
