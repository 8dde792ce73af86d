use super::*;

/// (text, type, value, mod) of every timex found in `text`.
fn tag(text: &str) -> Vec<(String, &'static str, String, &'static str)> {
    let mut t = Tagger::new();
    t.tag(text, Role::Narrative)
        .into_iter()
        .map(|x| {
            (
                text[x.start..x.end].to_string(),
                x.kind.as_str(),
                x.value,
                x.modifier.map_or("", Mod::as_str),
            )
        })
        .collect()
}

fn one(text: &str) -> (String, String, String) {
    let v = tag(text);
    assert_eq!(v.len(), 1, "{text:?} -> {v:?}");
    let (s, _, val, m) = v.into_iter().next().unwrap();
    (s, val, m.to_string())
}

#[test]
fn absolute_dates() {
    assert_eq!(
        one("on September 4, 1951, at"),
        ("September 4, 1951".into(), "1951-09-04".into(), "".into())
    );
    assert_eq!(
        one("In April 1949 the"),
        ("April 1949".into(), "1949-04".into(), "".into())
    );
    assert_eq!(
        one("signed in 1951."),
        ("1951".into(), "1951".into(), "".into())
    );
    assert_eq!(
        one("of 1 January 1942, and"),
        ("1 January 1942".into(), "1942-01-01".into(), "".into())
    );
    assert_eq!(
        one("Izvestiya (April 24, 1991)."),
        ("April 24, 1991".into(), "1991-04-24".into(), "".into())
    );
}

#[test]
fn times() {
    let v = tag("It was at 6:45 p.m. on September 4, 1951, at the Opera House");
    assert_eq!(
        v,
        vec![(
            "6:45 p.m. on September 4, 1951".into(),
            "TIME",
            "1951-09-04T18:45".into(),
            ""
        )]
    );
    let v = tag("Tokyo, August 30, 1956—11 a.m.");
    assert_eq!(v[0].2, "1956-08-30T11:00");
    let v = tag("Washington, August 24, 1955, Noon");
    assert_eq!(v[0].2, "1955-08-24T12:00");
    let v = tag("San Francisco, June 21, 1955, 4:30 p.m.");
    assert_eq!(v[0].2, "1955-06-21T16:30");
}

#[test]
fn vague_periods() {
    assert_eq!(
        one("the first half of 1949 was"),
        ("the first half of 1949".into(), "1949-H1".into(), "".into())
    );
    assert_eq!(
        one("in the second half of January 1954."),
        (
            "the second half of January 1954".into(),
            "1954-01".into(),
            "END".into()
        )
    );
    assert_eq!(
        one("From the early 1950s onward"),
        ("the early 1950s".into(), "195".into(), "START".into())
    );
    assert_eq!(
        one("in the summer of 1955, Moscow"),
        ("the summer of 1955".into(), "1955-SU".into(), "".into())
    );
    assert_eq!(
        one("held in early 1957, during"),
        ("early 1957".into(), "1957".into(), "START".into())
    );
    assert_eq!(
        one("At the end of October 1950, the"),
        (
            "the end of October 1950".into(),
            "1950-10".into(),
            "END".into()
        )
    );
    assert_eq!(
        one("In mid-March 1951, the"),
        ("mid-March 1951".into(), "1951-03".into(), "MID".into())
    );
    assert_eq!(
        one("dramatic in the 1950s."),
        ("the 1950s".into(), "195".into(), "".into())
    );
    assert_eq!(
        one("in early January of 1951."),
        (
            "early January of 1951".into(),
            "1951-01".into(),
            "START".into()
        )
    );
}

#[test]
fn ranges() {
    assert_eq!(
        one("the Cold War (1947–1991). The"),
        ("1947–1991".into(), "1947/1991".into(), "".into())
    );
    assert_eq!(
        one("in London (August 16–23, \n1956), and"),
        (
            "August 16–23, \n1956".into(),
            "1956-08-16/1956-08-23".into(),
            "".into()
        )
    );
    assert_eq!(
        one("who from 1955 to 1956 held"),
        ("1955 to 1956".into(), "1955/1956".into(), "".into())
    );
    assert_eq!(
        one("from the Late 1940s to the 1950s"),
        (
            "the Late 1940s to the 1950s".into(),
            "194/195".into(),
            "".into()
        )
    );
}

#[test]
fn narrative_time_resolves_underspecified_dates() {
    let v = tag("On October 19, 1950, it halted. On November 8, he appeared. On May 7, 1951, notes were released. Around a month later, on June 10, Moscow demanded a conference in July or August.");
    let vals: Vec<_> = v
        .iter()
        .map(|x| (x.0.as_str(), x.2.as_str(), x.3))
        .collect();
    assert_eq!(
        vals,
        vec![
            ("October 19, 1950", "1950-10-19", ""),
            ("November 8", "1950-11-08", ""),
            ("May 7, 1951", "1951-05-07", ""),
            ("Around a month later", "P1M", "APPROX"),
            ("June 10", "1951-06-10", ""),
            ("July", "1951-07", ""),
            ("August", "1951-08", ""),
        ]
    );
}

#[test]
fn relative_expressions() {
    let mut t = Tagger::new();
    let text = "On November 3, 1955, Zamyatin approached McSweeney. The next day, Molotov agreed. Two days later it failed.";
    let v = t.tag(text, Role::Narrative);
    assert_eq!(v[1].value, "1955-11-04");
    assert_eq!(&text[v[1].start..v[1].end], "The next day");
    assert_eq!(v[2].value, "P2D");
    assert_eq!(v[2].resolved.as_deref(), Some("1955-11-06"));
    let v = tag("the Declaration in 1956. Later that year, in December, a trade agreement");
    assert_eq!(v[1], ("Later that year".into(), "DATE", "1956".into(), ""));
    assert_eq!(v[2].2, "1956-12");
    let v = tag("in August 1953. In April the following year, JETRO was");
    assert_eq!(
        v[1],
        (
            "April the following year".into(),
            "DATE",
            "1954-04".into(),
            ""
        )
    );
    let v = tag("Rastvorov disappeared in the second half of January 1954. Six months later, on August 14, the");
    assert_eq!(v[1].2, "P6M");
    assert_eq!(v[2].2, "1954-08-14");
}

#[test]
fn durations_and_event_anchors() {
    assert_eq!(
        one("after an eight-month absence"),
        ("eight-month".into(), "P8M".into(), "".into())
    );
    let mut t = Tagger::new();
    let text = "Fifty years after the signing of the treaty the scholar spoke.";
    let v = t.tag(text, Role::Narrative);
    assert_eq!(v.len(), 1);
    assert_eq!(&text[v[0].start..v[0].end], "Fifty years after");
    assert_eq!(v[0].value, "P50Y");
    assert_eq!(
        v[0].anchor,
        Some(Anchor::Event {
            text: "the signing of the treaty the scholar spoke".into()
        })
    );
    let v = tag("Today, more than six decades after the signing");
    assert_eq!(v[0].2, "PRESENT_REF");
    assert_eq!(
        v[1],
        (
            "more than six decades after".into(),
            "DURATION",
            "P6DE".into(),
            "AFTER"
        )
    );
    assert_eq!(
        one("the experience of the last sixty years, we"),
        ("the last sixty years".into(), "P60Y".into(), "".into())
    );
    assert_eq!(
        one("problematic for decades to come"),
        ("decades".into(), "PXDE".into(), "".into())
    );
    assert_eq!(
        one("coinciding with the fifth anniversary of the treaty"),
        ("fifth anniversary".into(), "P5Y".into(), "".into())
    );
    assert_eq!(
        one("expire three years after the first coming"),
        ("three years after".into(), "P3Y".into(), "".into())
    );
    assert_eq!(
        one("within just a few hours following the signing"),
        ("a few hours following".into(), "PTXH".into(), "".into())
    );
}

#[test]
fn citations_and_reference_numbers_are_not_dates() {
    assert!(tag("a bloc” (Hara 2013, 147). The").is_empty());
    assert!(tag("(Slavinskii 1994–1995, no. 5, 58).").is_empty());
    assert!(tag("FRUS 1955–1957, vol. 23, doc. 89").is_empty());
    assert!(tag("khrushchev 1979, 1–635").is_empty());
    assert!(tag("(Gaimushō 1951, 302–3; Shigeta and Suezawa 1988, 121)").is_empty());
    assert!(tag("(Iokibe et al. 2008, 13)").is_empty());
    assert!(tag("(Morris 1947).").is_empty());
    assert!(tag("Reference: 661.941/8–3056 and Deptel 442 and NSC 5516/1.").is_empty());
    assert!(tag("(Togo [Tōgō] 2010, 232)").is_empty());
    assert!(tag("2383. Deptels 1898 [Footnote 2: Not printed.] and 1899.").is_empty());
    // but a year that names historical time stays
    assert_eq!(
        tag("the years of Allied Occupation (1945–1952) in Japan")[0].2,
        "1945/1952"
    );
}

#[test]
fn dct_anchors_deictic_expressions() {
    let mut t = Tagger::new();
    t.set_dct(Some(parse_dct("1956-08-19").unwrap()));
    let text = "Yesterday Shigemitsu called. This morning he left. On August 13 he had met Dulles. He will go Tuesday.";
    let v = t.tag(text, Role::Narrative);
    let vals: Vec<_> = v.iter().map(|x| x.value.as_str()).collect();
    assert_eq!(
        vals,
        // written on Sunday the 19th, "will go Tuesday" is the 21st
        vec!["1956-08-18", "1956-08-19TMO", "1956-08-13", "1956-08-21"]
    );
}

/// (text, type, value) of every timex of `text` written on `dct`, in `convention`.
fn tag_at(text: &str, dct: &str, convention: Convention) -> Vec<(String, String, String)> {
    let mut t = Tagger::new();
    t.set_dct(Some(parse_dct(dct).unwrap()));
    t.set_convention(convention);
    t.tag(text, Role::Narrative)
        .into_iter()
        .map(|x| {
            (
                text[x.start..x.end].to_string(),
                x.kind.as_str().to_string(),
                x.value,
            )
        })
        .collect()
}

fn values_at(text: &str, dct: &str) -> Vec<String> {
    tag_at(text, dct, Convention::TimeMl)
        .into_iter()
        .map(|x| x.2)
        .collect()
}

#[test]
fn quarters_of_a_reporting_year() {
    // an earnings report of October 1989: the quarter just closed, its year-earlier twin
    let text = "Third-quarter profit rose to $5 million from $4 million a year earlier. \
                Sales in the latest quarter fell. The year-earlier quarter had a gain; in the \
                1988 period it lost. The company expects the fourth quarter to be weak.";
    assert_eq!(
        tag_at(text, "1989-10-25", Convention::TimeMl),
        vec![
            ("Third-quarter".into(), "DATE".into(), "1989-Q3".into()),
            ("a year earlier".into(), "DATE".into(), "1988-Q3".into()),
            ("the latest quarter".into(), "DATE".into(), "1989-Q3".into()),
            (
                "The year-earlier quarter".into(),
                "DATE".into(),
                "1988-Q3".into()
            ),
            ("the 1988 period".into(), "DATE".into(), "1988-Q3".into()),
            ("the fourth quarter".into(), "DATE".into(), "1989-Q4".into()),
        ]
    );
    // without a quarter in view: "the quarter" is the last one completed, "this quarter"
    // the current one, "year-earlier" a year
    assert_eq!(
        values_at("Net for the quarter fell.", "1989-11-02"),
        vec!["1989-Q3"]
    );
    assert_eq!(
        values_at("This quarter looks weak.", "1989-11-02"),
        vec!["1989-Q4"]
    );
    assert_eq!(
        values_at("Year-earlier sales were flat.", "1989-11-02"),
        vec!["1988"]
    );
    // an earlier quarter named for comparison is not the one reported on
    assert_eq!(
        values_at(
            "Profit rose in the third quarter after a flat second quarter. The \
             year-earlier quarter had a loss.",
            "1989-10-25"
        ),
        vec!["1989-Q3", "1989-Q2", "1988-Q3"]
    );
    // not quarters: a share, and a quarter of a period (matched as a whole)
    assert!(values_at("He sold a quarter of the shares.", "1989-11-02").is_empty());
    assert_eq!(
        values_at("in the first quarter of 1956", "1989-11-02"),
        vec!["1956-Q1"]
    );
}

#[test]
fn a_distance_back_names_a_date() {
    let found = tag_at(
        "Four years ago it failed; two months ago, again. Several years ago it began.",
        "2013-03-20",
        Convention::Historian,
    );
    let got: Vec<_> = found.iter().map(|x| (x.1.as_str(), x.2.as_str())).collect();
    assert_eq!(
        got,
        vec![("DATE", "2009"), ("DATE", "2013-01"), ("DATE", "PAST_REF")]
    );
    // the distance is kept
    let mut t = Tagger::new();
    t.set_dct(Some(parse_dct("2013-03-20").unwrap()));
    let v = t.tag("six weeks ago", Role::Narrative);
    assert_eq!(
        (v[0].value.as_str(), v[0].duration.as_deref()),
        ("2013-W06", Some("P6W"))
    );
}

#[test]
fn weeks_and_weekends() {
    // Wednesday, March 20, 2013 is in ISO week 12
    assert_eq!(
        values_at(
            "He left last week and returns next week. Earlier this week he spoke. \
             Over the weekend they met. They will meet this weekend.",
            "2013-03-20"
        ),
        vec![
            "2013-W11",
            "2013-W13",
            "2013-W12",
            "2013-W11-WE",
            "2013-W12-WE"
        ]
    );
    // a week from a week: "the following week"
    assert_eq!(
        values_at(
            "He came last week. The following week he sat.",
            "2013-03-20"
        ),
        vec!["2013-W11", "2013-W12"]
    );
}

#[test]
fn the_tense_decides_the_direction_of_underspecified_dates() {
    // Friday, January 7, 2000
    assert_eq!(
        values_at(
            "The vote was held Monday. The vote will be held Monday.",
            "2000-01-07"
        ),
        vec!["2000-01-03", "2000-01-10"]
    );
    // far from the document date the tense decides; near it, the nearest
    assert_eq!(
        values_at(
            "It happened in April. It will happen in April.",
            "1998-12-05"
        ),
        vec!["1998-04", "1999-04"]
    );
    assert_eq!(
        values_at("He was born on Nov. 25.", "2000-01-07"),
        vec!["1999-11-25"]
    );
    assert_eq!(
        values_at("He arrives on January 3.", "1999-12-30"),
        vec!["2000-01-03"]
    );
}

#[test]
fn vague_references() {
    assert_eq!(
        values_at(
            "It is currently weak; prices fell recently, in recent years, and current \
             realities differ.",
            "1998-01-01"
        ),
        vec!["PRESENT_REF", "PAST_REF", "PXY", "PRESENT_REF"]
    );
    // "recent months" is a vague stretch up to now, a duration of its unit
    assert_eq!(
        values_at(
            "Prices rose in recent months and recent weeks.",
            "1998-01-01"
        ),
        vec!["PXM", "PXW"]
    );
    // ages are not times; "annual" sales are not a set
    assert!(values_at("the 6-year-old boy reported annual sales", "1998-01-01").is_empty());
}

#[test]
fn timeml_convention_counts_decades_in_years_and_dates_distances() {
    let text = "Six decades later, on June 1, 1955, and a year earlier, in 1954.";
    let historian: Vec<_> = tag_at(text, "2013-01-01", Convention::Historian)
        .into_iter()
        .map(|x| x.2)
        .collect();
    assert_eq!(historian, vec!["P6DE", "1955-06-01", "P1Y", "1954"]);
    let timeml: Vec<_> = tag_at(
        "for six decades; a year earlier",
        "2013-01-01",
        Convention::TimeMl,
    )
    .into_iter()
    .map(|x| (x.1, x.2))
    .collect();
    assert_eq!(
        timeml,
        vec![
            ("DURATION".to_string(), "P60Y".to_string()),
            ("DATE".to_string(), "2012".to_string())
        ]
    );
}

#[test]
fn asides_do_not_move_narrative_time() {
    let mut t = Tagger::new();
    t.tag("On April 23, 1952, Kislenko protested.", Role::Narrative);
    t.tag("On September 8, 1956, Yoshida said so.", Role::Aside);
    let v = t.tag("The Council was dissolved on April 28.", Role::Narrative);
    assert_eq!(v[0].value, "1952-04-28");
}

#[test]
fn bare_months_need_context() {
    assert!(tag("May I ask? March on, said August Bebel.").is_empty());
    assert_eq!(
        tag("In April 1949, the treaty was forged, in August the bomb")[1].2,
        "1949-08"
    );
}

#[test]
fn intervals_and_uncertainty() {
    let mut t = Tagger::new();
    let v = t.tag(
        "the early 1950s and the summer of 1955 and August 27?, 1956",
        Role::Narrative,
    );
    let iv = v[0].interval.unwrap();
    assert_eq!(
        (iv.start.unwrap().to_string(), iv.end.unwrap().to_string()),
        ("1950-01-01".into(), "1954-01-01".into())
    );
    assert_eq!(v[0].edtf.as_deref(), Some("1950-01-01/1953-12-31"));
    let iv = v[1].interval.unwrap();
    assert_eq!(
        (iv.start.unwrap().to_string(), iv.end.unwrap().to_string()),
        ("1955-06-01".into(), "1955-09-01".into())
    );
    assert_eq!(v[1].edtf.as_deref(), Some("1955-22"));
    assert_eq!(v[2].edtf.as_deref(), Some("1956-08-27?"));
    assert_eq!(v[2].value, "1956-08-27");
}

#[test]
fn more_general_forms() {
    assert_eq!(
        one("It ended early in 1957, when"),
        ("early in 1957".into(), "1957".into(), "START".into())
    );
    assert_eq!(
        one("since the nineteenth century"),
        ("the nineteenth century".into(), "18".into(), "".into())
    );
    assert_eq!(
        one("in the 19th century."),
        ("the 19th century".into(), "18".into(), "".into())
    );
    assert_eq!(
        one("on 13–14 December 1955 the Council"),
        (
            "13–14 December 1955".into(),
            "1955-12-13/1955-12-14".into(),
            "".into()
        )
    );
    assert_eq!(
        one("signed on 19 October 1956."),
        ("19 October 1956".into(), "1956-10-19".into(), "".into())
    );
    assert_eq!(
        one("in the mid-1950s, the"),
        ("the mid-1950s".into(), "195".into(), "MID".into())
    );
    assert_eq!(
        one("In 1956–57 the talks"),
        ("1956–57".into(), "1956/1957".into(), "".into())
    );
    assert_eq!(
        one("Sept. 4, 1951 was"),
        ("Sept. 4, 1951".into(), "1951-09-04".into(), "".into())
    );
    assert_eq!(
        one("a decade later"),
        ("a decade later".into(), "P1DE".into(), "".into())
    );
    let v = tag("On July 3, 1955, talks began. The day before, Malik arrived.");
    assert_eq!(
        v[1],
        ("The day before".into(), "DATE", "1955-07-02".into(), "")
    );
    let v = tag("In October 1955 Canada proposed it. The following month, Moscow agreed.");
    assert_eq!(
        v[1],
        ("The following month".into(), "DATE", "1955-11".into(), "")
    );
}

#[test]
fn seasons_parts_of_day_and_vague_past() {
    assert!(tag("after the fall of the government, prices began to spring up").is_empty());
    let v = tag("In March 1956 talks began. That spring, the fishing lobby went to Moscow.");
    assert_eq!(v[1], ("That spring".into(), "DATE", "1956-SP".into(), ""));
    let v =
        tag("On July 3, 1955, talks began. That evening Malik called. The next morning he left.");
    assert_eq!(v[1].2, "1955-07-03TEV");
    assert_eq!(
        v[2],
        (
            "The next morning".into(),
            "TIME",
            "1955-07-04TMO".into(),
            ""
        )
    );
    assert_eq!(
        one("the agreement was reached within a week."),
        ("a week".into(), "P1W".into(), "".into())
    );
    assert_eq!(
        one("the Cold War ended a long time ago"),
        ("a long time ago".into(), "PAST_REF".into(), "".into())
    );
    assert!(tag("(Hara, 2013, p. 147) and (Moscow: Nauka, 1979)").is_empty());
}

#[test]
fn counts_and_telegram_numbers_are_not_years() {
    assert!(tag("2010. Your 2487 was received.").is_empty());
    assert!(tag("amnesty to about 1365 Japanese prisoners").is_empty());
    assert_eq!(
        one("the treaty of exchange of 1875"),
        ("1875".into(), "1875".into(), "".into())
    );
}

#[test]
fn bracketed_notes_keep_a_narrative_of_their_own() {
    let mut t = Tagger::new();
    t.set_dct(Some(parse_dct("1955-09-23").unwrap()));
    // the note is the editors': its September 25 lies after the document's date and still
    // anchors "that day"
    let text = "On September 20 we met. [Footnote 2: In telegram 713, September 25, Allison reported he had that day seen him.] The next day he left.";
    let v = t.tag(text, Role::Narrative);
    let vals: Vec<_> = v
        .iter()
        .map(|x| (&text[x.start..x.end], x.value.as_str()))
        .collect();
    assert_eq!(
        vals,
        vec![
            ("September 20", "1955-09-20"),
            ("September 25", "1955-09-25"),
            ("that day", "1955-09-25"),
            ("The next day", "1955-09-21")
        ]
    );
}

#[test]
fn parts_of_day_stay_with_their_day() {
    // Saturday, March 23, 2013
    let got = tag_at(
        "He came Friday afternoon. Yesterday morning he spoke; last night he left. \
         Early next year he returns.",
        "2013-03-23",
        Convention::TimeMl,
    );
    let got: Vec<_> = got
        .iter()
        .map(|x| (x.0.as_str(), x.1.as_str(), x.2.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Friday afternoon", "TIME", "2013-03-22TAF"),
            ("Yesterday morning", "TIME", "2013-03-22TMO"),
            ("last night", "TIME", "2013-03-22TNI"),
            ("Early next year", "DATE", "2014"),
        ]
    );
    // a weekday with its date is one expression, dated by the date
    let got = tag_at(
        "They met Thursday morning, June 15, 1905.",
        "1905-07-01",
        Convention::Historian,
    );
    assert_eq!(got[0].0, "Thursday morning, June 15, 1905");
    assert_eq!(got[0].2, "1905-06-15TMO");
    // "last Wednesday" said on a Wednesday is a week back
    assert_eq!(
        values_at("He came last Wednesday.", "1989-11-01"),
        vec!["1989-10-25"]
    );
}

#[test]
fn archival_phrases_of_time() {
    let mut t = Tagger::new();
    t.set_dct(Some(parse_dct("1955-04-09").unwrap()));
    let text = "The President has this date approved it. At present Japan waits; in the past \
                Hatoyama spoke of it, in earlier years too. Decide send near future a \
                representative. On April 3 he wrote, and on the same date he left; the night \
                before he had dined. The 10th anniversary of the Charter passed.";
    let got: Vec<_> = t
        .tag(text, Role::Narrative)
        .into_iter()
        .map(|x| (text[x.start..x.end].to_string(), x.value))
        .collect();
    let want = [
        ("this date", "1955-04-09"),
        ("At present", "PRESENT_REF"),
        ("the past", "PAST_REF"),
        ("earlier years", "PAST_REF"),
        ("near future", "FUTURE_REF"),
        ("April 3", "1955-04-03"),
        ("the same date", "1955-04-03"),
        ("the night before", "1955-04-02TNI"),
        ("10th anniversary", "P10Y"),
    ];
    let got: Vec<_> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
}

#[test]
fn the_same_date_is_the_day_just_stated_even_after_the_document_date() {
    // an editor's summary inside a telegram of April 2 tells what followed it: April 3 does
    // not move the narrative past the document date, but "the same date" and "that day" are
    // still April 3 and August 19
    let text = "The note sent to Shigemitsu, April 3, and his reply of the same date are \
                enclosed. Notes were exchanged August 19, 1955, and entered into force that day.";
    let got = tag_at(text, "1955-04-02", Convention::Historian);
    let got: Vec<_> = got
        .iter()
        .map(|(a, _, v)| (a.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("April 3", "1955-04-03"),
            ("the same date", "1955-04-03"),
            ("August 19, 1955", "1955-08-19"),
            ("that day", "1955-08-19"),
        ]
    );
}

#[test]
fn a_reference_list_tags_only_its_notes() {
    let mut t = Tagger::new();
    let text = "A. NSC 5429/5 [Footnote 2: Dated December 22, 1954; printed in Foreign \
                Relations, 1952–1954, vol. II.] B. NIE 41–54, 1955. C. Memo for NSC, dated March 4, 1955.";
    let v: Vec<_> = t
        .tag(text, Role::Notes)
        .into_iter()
        .map(|x| x.value)
        .collect();
    // the note's date and the one a paper is said to bear
    assert_eq!(v, vec!["1954-12-22", "1955-03-04"]);
}

#[test]
fn timeml_leaves_signals_out_of_the_span() {
    let text = "Earlier this week, twenty years after the war, he spoke.";
    let spans = |c| -> Vec<String> {
        tag_at(text, "2013-03-20", c)
            .into_iter()
            .map(|x| x.0)
            .collect()
    };
    assert_eq!(spans(Convention::TimeMl), vec!["this week", "twenty years"]);
    assert_eq!(
        spans(Convention::Historian),
        vec!["Earlier this week", "twenty years after"]
    );
}

#[test]
fn old_style_dates_are_one_day_with_two_readings() {
    let mut t = Tagger::new();
    let text = "On May 30 (June 12), 1905, the talks began. On 23 August (5 September) 1905 \
                the treaty was signed. Then October 25, 1917 O.S. came. On May 30 (June 14), \
                1905, nothing matched.";
    let v = t.tag(text, Role::Narrative);
    let got: Vec<_> = v
        .iter()
        .map(|x| (&text[x.start..x.end], x.value.as_str(), x.julian.as_deref()))
        .collect();
    assert_eq!(
        got[..3],
        [
            ("May 30 (June 12), 1905", "1905-06-12", Some("1905-05-30")),
            (
                "23 August (5 September) 1905",
                "1905-09-05",
                Some("1905-08-23")
            ),
            ("October 25, 1917 O.S.", "1917-11-07", Some("1917-10-25")),
        ]
    );
    // two dates that are not one day's two readings stay two dates
    assert_eq!(got[3].0, "May 30");
    assert!(got[3].2.is_none());
}

#[test]
fn timeml_splits_ranges_into_their_ends() {
    let text = "from 1955 to 1956 and 2009-2010";
    let got: Vec<_> = tag_at(text, "2013-01-01", Convention::TimeMl)
        .into_iter()
        .map(|x| (x.0, x.2))
        .collect();
    let want = [
        ("1955", "1955"),
        ("1956", "1956"),
        ("2009", "2009"),
        ("2010", "2010"),
    ];
    assert_eq!(
        got,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    let historian: Vec<_> = tag_at(text, "2013-01-01", Convention::Historian)
        .into_iter()
        .map(|x| x.2)
        .collect();
    assert_eq!(historian, vec!["1955/1956", "2009/2010"]);
}

#[test]
fn asides_and_possessives_do_not_move_the_clock() {
    let mut t = Tagger::new();
    let text = "On October 24, 1956, the Protocol was signed; the BBC revealed its existence \
                in 1996. On October 29, paratroopers landed. Last week's vote stood. In 1957, \
                the Doctrine came. On January 5 it was announced.";
    let v: Vec<_> = t
        .tag(text, Role::Narrative)
        .into_iter()
        .map(|x| x.value)
        .collect();
    assert_eq!(v[1], "1996");
    assert_eq!(v[2], "1956-10-29"); // not 1996-10-29
                                    // a sentence-opening year does move it
    assert_eq!(v.last().unwrap(), "1957-01-05");
}

#[test]
fn news_forms_of_the_reporting_year() {
    // October 30, 1989
    let got = values_at(
        "Sales for the full year rose; net income for the year ended Aug. 31 fell. \
         In January this year police came; in June last year he left. \
         He was taken at 10 p.m. Wednesday. In nineteen ninety-one he was tried; \
         the approach of the year two thousand worried them.",
        "1989-10-30",
    );
    assert_eq!(
        got,
        vec![
            "1989",
            "P1Y",
            "1989-08-31",
            "1989-01",
            "1988-06",
            "1989-10-25T22:00",
            "1991",
            "2000"
        ]
    );
}

#[test]
fn tense_cues_read_the_clause() {
    // Monday, October 30, 1989
    let v = |t: &str| values_at(t, "1989-10-30");
    // an abbreviation's period does not end the clause: "bought" still rules "Thursday"
    assert_eq!(
        v("Shares were bought from Sept. 14 to Thursday."),
        vec!["1989-09-14", "1989-10-26"]
    );
    // an intention is future even after a past auxiliary
    assert_eq!(
        v("They were planning to drive there on Thursday."),
        vec!["1989-11-02"]
    );
    assert_eq!(v("Trading is to resume Thursday."), vec!["1989-11-02"]);
    // ...but an intention after the date does not govern it
    assert_eq!(
        v("The report Thursday showed it moving faster than expected to cut costs."),
        vec!["1989-10-26"]
    );
    // a deadline looked back on is past
    assert_eq!(
        v("They had filed the papers by Thursday."),
        vec!["1989-10-26"]
    );
    // so is a schedule in the past perfect; a modal in it stays future
    assert_eq!(
        v("The offer had been due to expire Friday evening."),
        vec!["1989-10-27TEV"]
    );
    assert_eq!(
        v("They had agreed that trading would resume Thursday."),
        vec!["1989-11-02"]
    );
    // "succeed", "proceed", "exceed" are no past forms in -ed
    assert_eq!(v("He will succeed Mr. Davison Feb. 1."), vec!["1990-02-01"]);
    assert_eq!(v("Talks will proceed Feb. 1."), vec!["1990-02-01"]);
}

#[test]
fn fiscal_years_are_their_own_periods() {
    let text = "a reduction for JFY 55, carried from JFY 54; during FY 1958 and fiscal 1989, \
                throughout the fiscal year; fiscal policy stays.";
    let historian: Vec<_> = tag_at(text, "1955-04-19", Convention::Historian)
        .into_iter()
        .map(|x| (x.0, x.2))
        .collect();
    let want = [
        ("JFY 55", "FY1955"),
        ("JFY 54", "FY1954"),
        ("FY 1958", "FY1958"),
        ("fiscal 1989", "FY1989"),
        ("the fiscal year", "FY1955"),
    ];
    assert_eq!(
        historian,
        want.map(|(a, b)| (a.to_string(), b.to_string())).to_vec()
    );
    // TimeML writes the year a fiscal year is numbered by
    assert_eq!(values_at("fiscal 1989", "1989-10-30"), vec!["1989"]);
    // and it dates no event: a budget's period is attributive
    let mut t = Tagger::new();
    assert!(t.tag("during JFY 55", Role::Narrative)[0].attributive);
}

#[test]
fn holidays_are_their_days() {
    let got = tag_at(
        "He died on Thanksgiving Day. On Christmas Eve 1914 they sang; Easter 1916 came, \
         and Good Friday. Election Day passed. The New York talks and good news.",
        "1999-12-01",
        Convention::Historian,
    );
    let got: Vec<_> = got.iter().map(|x| (x.0.as_str(), x.2.as_str())).collect();
    assert_eq!(
        got,
        vec![
            ("Thanksgiving Day", "1999-11-25"),
            ("Christmas Eve 1914", "1914-12-24"),
            ("Easter 1916", "1916-04-23"),
            // the year of a text written in 1999, not the 1916 of an aside
            ("Good Friday", "1999-04-02"),
            ("Election Day", "1999-11-02"),
        ]
    );
}

#[test]
fn timeml_leaves_anniversaries_out_and_reads_spoken_numbers() {
    let text = "the 50th anniversary came after twenty four hours";
    let timeml: Vec<_> = tag_at(text, "1998-01-01", Convention::TimeMl)
        .into_iter()
        .map(|x| (x.0, x.2))
        .collect();
    assert_eq!(
        timeml,
        vec![("twenty four hours".to_string(), "PT24H".to_string())]
    );
    let historian: Vec<_> = tag_at(text, "1998-01-01", Convention::Historian)
        .into_iter()
        .map(|x| x.2)
        .collect();
    assert_eq!(historian, vec!["P50Y", "PT24H"]);
}

#[test]
fn review_cases_stay_fixed() {
    // a number is not a year; a noun after a holiday's first word makes it a name
    assert!(values_at("Two thousand troops crossed the border.", "2013-03-20").is_empty());
    assert!(values_at("They sailed to Easter Island.", "2013-03-20").is_empty());
    assert_eq!(
        values_at("It ends in two thousand.", "1998-03-20"),
        vec!["2000"]
    );
    // "the 1956 election" still names a thing
    let mut t = Tagger::new();
    assert!(t.tag("The 1956 election was close.", Role::Narrative)[0].attributive);
    // "next weekend" is ahead, said on a Wednesday
    assert_eq!(
        values_at("The talks begin next weekend.", "2013-03-20"),
        vec!["2013-W12-WE"]
    );
    // a quarter not yet begun, told in the past: last year's
    assert_eq!(
        values_at("Fourth-quarter profit fell.", "2013-02-10"),
        vec!["2012-Q4"]
    );
    // the quarter a report is on does not make "ten years ago" a quarter
    assert_eq!(
        values_at(
            "Third-quarter profit rose. The plant opened ten years ago.",
            "1989-10-30"
        ),
        vec!["1989-Q3", "1979"]
    );
    // Thanksgiving before 1942 was the last Thursday of November
    assert_eq!(
        tag_at("Thanksgiving 1933", "1934-01-01", Convention::Historian)[0].2,
        "1933-11-30"
    );
    // a distance from a year is no day: "ten days later" after "In 1955" stays a duration
    let got = tag_at(
        "In 1955 they met. Ten days later they parted.",
        "1956-01-01",
        Convention::TimeMl,
    );
    assert_eq!(got[1].1, "DURATION");
}

#[test]
fn a_day_before_a_colon_is_a_day_and_a_clock_time_keeps_its_minutes() {
    assert_eq!(
        values_at(
            "The Times said in an editorial on Saturday, April 25: The court erred.",
            "1998-04-24"
        ),
        vec!["1998-04-25"]
    );
    assert_eq!(
        values_at("At 10:30 on April 25 he left.", "1998-04-24"),
        vec!["1998-04-25T10:30"]
    );
}

#[test]
fn in_the_future_is_a_time_and_the_future_of_a_people_is_not() {
    assert_eq!(
        values_at("Clients will pay more in the future.", "1998-04-24"),
        vec!["FUTURE_REF"]
    );
    assert!(values_at("It is important to the future of our people.", "1998-04-24").is_empty());
}

#[test]
fn a_month_after_for_or_a_is_a_date() {
    assert_eq!(
        values_at("The job figures for January were weak.", "1990-03-02"),
        vec!["1990-01"]
    );
    assert_eq!(
        values_at("It followed a June agreement with the union.", "1990-08-02"),
        vec!["1990-06"]
    );
    // "may" and "march" after "for" stay words
    assert!(values_at("They asked for a march on the capital.", "1990-08-02").is_empty());
}

#[test]
fn a_day_recalled_in_the_past_perfect_does_not_move_the_clock() {
    // "the night before" before a preposition is a time ("the night before the election" is
    // not); recalled from a past perfect, it dates its clause and the story stays at its day
    let text = "I reaffirmed what I had said the night before at the dinner. A call was held \
                later that morning. The night before the election he spoke.";
    let got = tag_at(text, "1955-09-01", Convention::Historian);
    let got: Vec<_> = got
        .iter()
        .map(|(a, _, v)| (a.as_str(), v.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("the night before", "1955-08-31TNI"),
            ("later that morning", "1955-09-01TMO"),
        ]
    );
}

#[test]
fn a_day_or_month_that_recurs_is_a_set_of_it() {
    assert_eq!(
        values_at(
            "The board meets each Thursday, every July it reviews the plan, and each month it votes.",
            "1998-02-10"
        ),
        vec!["XXXX-WXX-4", "XXXX-07", "P1M"]
    );
    // and dates no event of the story
    let mut t = Tagger::new();
    let found = t.tag("It met each Thursday.", Role::Narrative);
    assert_eq!(found[0].kind, TimexType::Set);
}
