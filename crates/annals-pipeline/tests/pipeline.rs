//! The pipeline on short documents of archival style (fixtures written for these tests):
//! types, agents, targets and dates of the events, as a historian would check them.

use annals_pipeline::{Knowledge, Pipeline};
use annals_store::{DocumentRecord, EventRecord};

fn run(text: &str) -> DocumentRecord {
    let mut p = Pipeline::new(Knowledge::load(&[]).unwrap(), None);
    p.analyze("fixture.txt", text, "0".repeat(64))
}

fn names(v: &[annals_store::EntityRecord]) -> Vec<&str> {
    v.iter().map(|e| e.name.as_str()).collect()
}

fn at<'a>(rec: &'a DocumentRecord, text: &str, phrase: &str) -> Vec<&'a EventRecord> {
    let start = text.find(phrase).unwrap();
    rec.records
        .events
        .iter()
        .filter(|e| e.evidence.0 <= start && start < e.evidence.1)
        .collect()
}

const TELEGRAM: &str = "\
12. Telegram From the Embassy in Japan to the Department of State
Tokyo, May 3, 1955—6 p.m.

[Source: Department of State, Central Files. Secret.]

Foreign Minister called me in this morning. Shigemitsu said that Hatoyama had approved a \
postponement of the talks. I told him that the Department would regret any delay. He replied that \
he would raise the matter again on May 10.

Recommend that Department instruct me to urge early resumption.

Allison
";

#[test]
fn a_telegram_is_its_senders_statement_and_its_turns_are_dated_by_it() {
    let rec = run(TELEGRAM);
    assert_eq!(rec.dct.as_deref(), Some("1955-05-03"));
    let doc = &rec.records.events[0];
    assert_eq!(doc.kind, "statement");
    assert_eq!(doc.date, "1955-05-03T18:00");
    assert_eq!(doc.date_source, "document");
    assert!(
        names(&doc.agents).contains(&"John M. Allison"),
        "{:?}",
        doc.agents
    );
    assert!(names(&doc.targets).contains(&"US Department of State"));

    let said = at(&rec, TELEGRAM, "Shigemitsu said");
    assert_eq!(
        said.len(),
        2,
        "the statement and the decision it reports: {said:?}"
    );
    assert_eq!(said[0].kind, "statement");
    assert_eq!(names(&said[0].agents), ["Shigemitsu Mamoru", "Japan"]);
    assert_eq!(said[0].date, "1955-05-03T18:00");
    // told to the Ambassador, who reports it
    assert_eq!(
        names(&said[0].targets),
        ["John M. Allison", "United States"]
    );
    assert_eq!(said[1].kind, "agree");
    assert_eq!(names(&said[1].agents)[0], "Hatoyama Ichirō");
    assert_eq!(said[1].sources, ["Shigemitsu Mamoru"]);

    // "I" is the signer; "him" the last person named
    let told = at(&rec, TELEGRAM, "I told him");
    assert_eq!(names(&told[0].agents), ["John M. Allison", "United States"]);
    // and says how it knows (annals show prints it with each claim)
    assert!(
        told[0]
            .roles
            .contains("the subject \"I\": the document's sender"),
        "{}",
        told[0].roles
    );
    let replied = at(&rec, TELEGRAM, "He replied");
    assert!(
        replied[0].roles.contains("(Shigemitsu Mamoru)"),
        "{}",
        replied[0].roles
    );
    assert!(
        names(&told[0].targets).contains(&"Shigemitsu Mamoru"),
        "{told:?}"
    );

    // "again on May 10" is what he would do: it dates nothing
    let replied = at(&rec, TELEGRAM, "He replied");
    assert_eq!(replied[0].date, "1955-05-03T18:00");
    assert!(rec
        .records
        .events
        .iter()
        .all(|e| !e.date.starts_with("1955-05-10")));

    // telegram style: the subjectless recommendation is the sender's proposal
    let rec_ = at(&rec, TELEGRAM, "Recommend that");
    assert_eq!(rec_[0].kind, "propose");
    assert_eq!(names(&rec_[0].agents)[0], "John M. Allison");
}

#[test]
fn a_memorandum_of_conversation_is_a_meeting_and_role_nouns_are_people() {
    let text = "\
7. Memorandum of a Conversation Between Secretary of State Dulles and Foreign Minister Shigemitsu, Washington, August 30, 1955
Washington, August 30, 1955.

The Secretary said that the United States hoped for an early settlement. The Foreign Minister \
agreed.
";
    let rec = run(text);
    let meet = &rec.records.events[0];
    assert_eq!(meet.kind, "meet");
    assert!(names(&meet.agents).contains(&"John Foster Dulles"));
    assert!(names(&meet.targets).contains(&"Shigemitsu Mamoru"));
    let said = at(&rec, text, "The Secretary said");
    assert_eq!(
        names(&said[0].agents),
        ["John Foster Dulles", "United States"]
    );
    assert!(names(&said[0].targets).contains(&"Shigemitsu Mamoru"));
    let agreed = at(&rec, text, "The Foreign Minister");
    assert_eq!(agreed[0].kind, "agree");
    assert_eq!(names(&agreed[0].agents)[0], "Shigemitsu Mamoru");
}

#[test]
fn an_undated_note_that_yields_nothing_says_so() {
    let rec = run("Editorial Note\n\nThe files contain nothing further on the question.\n");
    assert!(rec.records.events.is_empty());
    assert!(
        rec.warnings.iter().any(|w| w.contains("no dateline")),
        "{:?}",
        rec.warnings
    );
}

#[test]
fn in_a_narrative_the_parse_corrects_word_order() {
    // the signers of a passive act, not its targets; the verb the date belongs to types it
    let text = "The Protocol was signed on October 24, 1956, by Dulles and Shigemitsu.\n\n\
                On May 3, 1955, Gromyko rejected the proposal of Dulles.\n";
    let rec = run(text);
    let signed = at(&rec, text, "The Protocol");
    assert_eq!(signed[0].kind, "sign");
    assert_eq!(signed[0].date, "1956-10-24");
    assert_eq!(
        names(&signed[0].agents),
        [
            "John Foster Dulles",
            "United States",
            "Shigemitsu Mamoru",
            "Japan"
        ]
    );
    assert!(signed[0].targets.is_empty());
    let rejected = at(&rec, text, "Gromyko rejected");
    assert_eq!(
        rejected[0].kind, "reject",
        "the rejection, not the proposal"
    );
    assert_eq!(names(&rejected[0].agents), ["Andrei A. Gromyko", "USSR"]);
    assert!(names(&rejected[0].targets).contains(&"John Foster Dulles"));
}

#[test]
fn he_after_a_dated_sentence_is_its_subject() {
    // the subject of a dated sentence of a narrative is who "he" is next, whoever "he" was
    let text = "The US president Dwight D. Eisenhower asked Chiang Kai-shek to be patient.\n\n\
                On the morning of December 14, 1955, however, the Deputy Minister of Foreign \
                Affairs Vasilii Kuznetsov unexpectedly asked that the Security Council \
                convene an urgent meeting. He offered to accept sixteen countries.\n";
    let rec = run(text);
    let offered = at(&rec, text, "He offered");
    assert_eq!(offered.len(), 1, "{offered:?}");
    assert_eq!(offered[0].kind, "propose");
    assert_eq!(offered[0].date, "1955-12-14TMO");
    assert_eq!(names(&offered[0].agents), ["Vasilii V. Kuznetsov", "USSR"]);
}

#[test]
fn a_meeting_reported_as_a_gerund_is_the_reporters() {
    // "Allison reported meeting … with Kishi": Allison met Kishi, on the day the clause says
    let text = "Tokyo, August 31, 1956\n\n\
                In telegram 530 from Tokyo, August 31, Allison reported meeting on both \
                August 30 and 31 with Nobusuke Kishi, Secretary General of the Liberal \
                Democratic Party.\n";
    let rec = run(text);
    let meeting = rec
        .records
        .events
        .iter()
        .find(|e| e.kind == "meet")
        .unwrap();
    assert_eq!(meeting.date, "1956-08-30");
    assert_eq!(names(&meeting.agents), ["John M. Allison", "United States"]);
    assert!(names(&meeting.targets).contains(&"Kishi Nobusuke"));
}

#[test]
fn a_paper_is_no_act_of_the_country_it_is_about() {
    // "new Japan policy paper has been stressing …": the paper's compound is its topic
    let text = "Tokyo, March 25, 1955\n\n\
                Allison agreed. “Department in current discussions new Japan policy \
                paper has been stressing priority in time and emphasis for developing \
                political stability.”\n";
    let rec = run(text);
    for e in &rec.records.events {
        assert!(!names(&e.agents).contains(&"Japan"), "Japan acts in {e:?}");
    }
}

#[test]
fn he_in_what_a_person_reports_is_that_person_and_a_question_asserts_nothing() {
    let text = "Washington, April 7, 1955\n\n\
                Mr. Dillon Anderson inquired whether the Council desired to change the first \
                sentence. Secretary Dulles indicated that he opposed the proposal by the Joint \
                Chiefs of Staff. Governor Stassen said that he wished to comment on the \
                paragraph.\n";
    let rec = run(text);
    // the question is Anderson's statement, and no proposal of the Council
    let asked = at(&rec, text, "Mr. Dillon Anderson");
    let kinds: Vec<&str> = asked.iter().map(|e| e.kind.as_str()).collect();
    assert_eq!(kinds, ["statement"], "{asked:?}");
    // "he opposed": Dulles, not Anderson, named before
    let opposed = at(&rec, text, "Secretary Dulles");
    let reject = opposed.iter().find(|e| e.kind == "reject").unwrap();
    assert_eq!(
        names(&reject.agents),
        ["John Foster Dulles", "United States"]
    );
    // "said that he wished to comment": the speaker's own wish, one turn, not Dulles's
    let wished = at(&rec, text, "Governor Stassen");
    assert!(
        wished
            .iter()
            .all(|e| !names(&e.agents).contains(&"John Foster Dulles")),
        "{wished:?}"
    );
}

#[test]
fn who_makes_a_journey_is_its_of_and_where_it_goes_is_its_target() {
    // "the arrival of X in Moscow": X arrives, in the USSR
    let text = "The talks reached a climax with the arrival of Prime Minister Hatoyama in \
                Moscow on October 12, 1956.\n";
    let rec = run(text);
    let arrival = at(&rec, text, "The talks reached");
    assert_eq!(arrival[0].kind, "visit");
    assert_eq!(arrival[0].date, "1956-10-12");
    assert_eq!(names(&arrival[0].agents), ["Hatoyama Ichirō", "Japan"]);
    assert_eq!(names(&arrival[0].targets), ["USSR"]);
    // two who arrive are who "they" are next; a date fronted in the second of two
    // coordinated clauses dates that clause's act
    let text = "The talks reached a climax with the arrival of Prime Minister Hatoyama and \
                Kono Ichiro in Moscow on October 12, 1956. The next day they met with \
                Bulganin at the Kremlin, and on October 19, 1956, they signed the Joint \
                Declaration.\n";
    let rec = run(text);
    let next_day = at(&rec, text, "The next day");
    let kinds: Vec<(&str, &str)> = next_day
        .iter()
        .map(|e| (e.kind.as_str(), e.date.as_str()))
        .collect();
    assert_eq!(kinds, [("meet", "1956-10-13"), ("sign", "1956-10-19")]);
    for e in next_day {
        assert_eq!(
            names(&e.agents),
            ["Hatoyama Ichirō", "Japan", "Kōno Ichirō"],
            "{e:?}"
        );
    }
    // "during a visit to Japan, Y hinted": Y visits, Japan is visited, and the hint is Y's
    // statement
    let text = "Tokyo, May 3, 1972\n\n\
                During a visit to Japan in January 1972, Gromyko hinted to Prime Minister \
                Sato Eisaku that a return to the old model was possible.\n";
    let rec = run(text);
    let hinted = at(&rec, text, "During a visit");
    let statement = hinted.iter().find(|e| e.kind == "statement").unwrap();
    assert_eq!(statement.date, "1972-01");
    assert_eq!(names(&statement.agents), ["Andrei A. Gromyko", "USSR"]);
    assert!(names(&statement.targets).contains(&"Satō Eisaku"));
    let visit = hinted.iter().find(|e| e.kind == "visit").unwrap();
    assert_eq!(names(&visit.agents), ["Andrei A. Gromyko", "USSR"]);
    assert_eq!(names(&visit.targets), ["Japan"]);
}

const MEMO: &str = "\
42. Memorandum of a Conversation, Department of State, Washington, August 24, 1955, Noon
Washington, August 24, 1955, Noon

[Source: Department of State, Conference Files. Secret. Drafted by Selby. Approved by Sebald. \
Substantive discussions began on August 29.]

Mr. McClurkin stated that an agreement similar to the Korean Minute [Footnote 5: The Agreed \
Minute signed at Seoul on November 17, 1954, is printed in 6 UST 3919.] would be desirable.
";

#[test]
fn a_source_note_tells_only_its_editors_sentences_and_a_note_inside_a_sentence_is_read_apart() {
    let rec = run(MEMO);
    // the filing sentences tell nothing ("Approved by Sebald" is no agreement)
    assert!(at(&rec, MEMO, "Approved by").is_empty());
    let began = at(&rec, MEMO, "Substantive discussions began");
    assert_eq!(began.len(), 1, "{began:?}");
    assert_eq!(began[0].kind, "negotiate");
    assert_eq!(began[0].date, "1955-08-29");
    // the sentence reads across the note: a proposal, dated by the memorandum
    let stated = at(&rec, MEMO, "Mr. McClurkin stated");
    assert_eq!(stated[0].kind, "propose");
    assert_eq!(stated[0].date, "1955-08-24T12:00");
    assert_eq!(names(&stated[0].agents)[0], "Robert J. G. McClurkin");
    // and the note is a passage of its own with its own date, told by a participle
    let signed: Vec<_> = at(&rec, MEMO, "signed at Seoul")
        .into_iter()
        .filter(|e| e.kind != "propose")
        .collect();
    assert_eq!(signed.len(), 1, "{signed:?}");
    assert_eq!(signed[0].kind, "sign");
    assert_eq!(signed[0].date, "1954-11-17");
}

#[test]
fn a_narrative_tells_no_act_of_what_was_only_wished_or_quoted() {
    let text = "\
Moscow and the Peace

In November 1946 Moscow protested to Washington. Initially, Moscow wished to use its position \
as a bargaining chip at the peace conference. The guidelines enabled the delegation to quit \
“in case of objections to our amendments”.
";
    let rec = run(text);
    let kinds: Vec<&str> = rec.records.events.iter().map(|e| e.kind.as_str()).collect();
    assert!(kinds.contains(&"protest"), "{kinds:?}");
    assert!(
        at(&rec, text, "bargaining").is_empty(),
        "{:?}",
        rec.records.events
    );
    assert!(
        at(&rec, text, "objections")
            .iter()
            .all(|e| e.kind != "protest"),
        "{:?}",
        rec.records.events
    );
}

#[test]
fn an_editorial_note_without_dateline_is_in_the_year_of_its_first_full_date() {
    let text = "\
Editorial Note

The agreement was announced in a joint press release, transmitted in telegram 2671 from Tokyo, \
April 19. The notes were exchanged at Tokyo August 19, 1955.
";
    let rec = run(text);
    let sent = at(&rec, text, "The agreement was announced");
    assert!(!sent.is_empty(), "{:?}", rec.records.events);
    assert_eq!(sent[0].date, "1955-04-19");
    assert_eq!(sent[0].kind, "statement");
}

#[test]
fn a_dated_document_a_sentence_names_is_its_senders_statement() {
    let text = "\
24. Telegram From the Department of State to the Embassy in Japan
Washington, April 6, 1955—7 p.m.

Text of the note sent to Shigemitsu, April 3, is enclosed with despatch 1169 from Tokyo, April 5.

Dulles
";
    let rec = run(text);
    let named = at(&rec, text, "Text of the note");
    let dates: Vec<&str> = named.iter().map(|e| e.date.as_str()).collect();
    assert!(dates.contains(&"1955-04-03"), "{named:?}");
    let note = named.iter().find(|e| e.date == "1955-04-03").unwrap();
    assert_eq!(note.kind, "statement");
    assert!(
        names(&note.targets).contains(&"Shigemitsu Mamoru"),
        "{note:?}"
    );
    // the despatch "from Tokyo" is the Embassy's — not Japan's — to this telegram's side
    // (its signer, the Secretary)
    let despatch = named.iter().find(|e| e.date == "1955-04-05");
    let despatch = despatch.unwrap_or_else(|| panic!("{named:?}"));
    assert_eq!(
        names(&despatch.agents),
        ["US Embassy in Japan", "United States"]
    );
    assert_eq!(names(&despatch.targets), ["John Foster Dulles"]);
}

#[test]
fn a_citation_in_parentheses_dates_the_report_before_it_and_a_relay_or_a_plan_is_no_act() {
    let text = "\
12. Telegram From the Embassy in Japan to the Department of State
Tokyo, April 8, 1955—4 p.m.

Pass Defense. In reply the Department stated that its own investigation confirmed this theory. \
(Telegram 2027 to Tokyo, April 4; ibid.) I shall forward our combined views.

Allison
";
    let rec = run(text);
    // "Pass Defense": the telegram goes to Defense too; relaying it is no vote
    let doc = &rec.records.events[0];
    assert_eq!(
        names(&doc.targets),
        ["US Department of State", "US Department of Defense"]
    );
    assert!(
        at(&rec, text, "Pass Defense").is_empty(),
        "{:?}",
        rec.records.events
    );
    // the parenthesis is the source of the Department's statement: one event, of April 4
    let reply = at(&rec, text, "In reply");
    assert_eq!(reply.len(), 1, "{reply:?}");
    assert_eq!(
        (reply[0].kind.as_str(), reply[0].date.as_str()),
        ("statement", "1955-04-04")
    );
    assert_eq!(at(&rec, text, "(Telegram 2027").len(), 1);
    assert!(reply[0].evidence.1 >= text.find("ibid.)").unwrap());
    // the sender's "I shall forward" is a plan
    assert!(
        at(&rec, text, "I shall forward").is_empty(),
        "{:?}",
        rec.records.events
    );
}

#[test]
fn a_letter_is_signed_before_its_attachments_and_its_source_note_dates_nothing_of_it() {
    let text = "\
53. Letter From the Acting Secretary of State to the Assistant Secretary of Defense (Gray)
Washington, September 23, 1955.

[Source: Department of State, Central Files. Secret. As pointed out in the memorandum, the \
Embassy had in telegram 735 from Tokyo, September 17, suggested that the visit be used.]

Dear Gordon: I think it will be necessary for me to have the current thinking of the Department \
of Defense. I believe that a repetition of last year's negotiations would prejudice our efforts.

Sincerely yours,

Herbert Hoover, Jr. [Footnote 2: Printed from a copy that bears this stamped signature.]

Attachment

ALTERNATIVE SCHEDULES ON JAPANESE DEFENSE SPENDING
";
    let rec = run(text);
    let letter = at(&rec, text, "I believe that a repetition");
    assert!(!letter.is_empty(), "{:?}", rec.records.events);
    assert_eq!(letter[0].date, "1955-09-23");
    assert_eq!(names(&letter[0].agents)[0], "Herbert Hoover, Jr.");
}

#[test]
fn a_telephone_conversation_lists_its_participants_in_long_lines() {
    let text = "\
46. Memorandum of a Telephone Conversation, Department of State, Washington, August 31, 1955
Washington, August 31, 1955.

PARTICIPANTS

Nobusuke Kishi, Secretary General of the Democratic Party of Japan

Ambassador John M. Allison, United States Embassy, Tokyo

Mr. Kishi said that the party would support the government.
";
    let rec = run(text);
    let meet = rec
        .records
        .events
        .iter()
        .find(|e| e.kind == "meet")
        .expect("the conversation");
    let all: Vec<&str> = names(&meet.agents)
        .into_iter()
        .chain(names(&meet.targets))
        .collect();
    assert!(all.contains(&"Kishi Nobusuke"), "{meet:?}");
    assert!(all.contains(&"John M. Allison"), "{meet:?}");
    let said = at(&rec, text, "Mr. Kishi said");
    assert!(
        names(&said[0].targets).contains(&"John M. Allison"),
        "{said:?}"
    );
}

#[test]
fn a_reporters_question_in_a_transcript_is_no_act_of_the_sender() {
    let text = "\
50. Telegram From the Department of State to the Embassy in Japan
Washington, September 2, 1955—8:53 p.m.

Query: Did the Japanese say they would send forces abroad?

Reply: They recognized that this possibility would arise.

Hoover
";
    let rec = run(text);
    assert!(
        at(&rec, text, "Query:").is_empty(),
        "{:?}",
        rec.records.events
    );
}

#[test]
fn a_paragraph_of_megabytes_is_read_in_pieces_with_its_offsets() {
    // one line of 6,000 dated sentences (~400 KB, over the 256 KiB a block is read whole):
    // the pieces it is read in tell every act, at the input's own offsets
    let months = ["March", "April", "May", "June"];
    let mut text = String::from("Protests\n\n");
    for i in 0..6000 {
        let (m, d) = (months[i % 4], 1 + i % 28);
        text.push_str(&format!(
            "On {m} {d}, {}, Japan protested to the Soviet Union. ",
            1900 + i / 112
        ));
    }
    text.push('\n');
    let rec = run(&text);
    let protests: Vec<&EventRecord> = rec
        .records
        .events
        .iter()
        .filter(|e| e.kind == "protest")
        .collect();
    assert_eq!(protests.len(), 6000);
    for e in &protests {
        let told = &text[e.evidence.0..e.evidence.1];
        assert!(
            told.starts_with("On ") && told.contains("Japan protested"),
            "{told:?}"
        );
        // the date written in the sentence is the date of its event
        let date = &text[e.date_span.0..e.date_span.1];
        assert!(told.contains(date), "{date:?} not in {told:?}");
        assert_eq!(names(&e.agents), ["Japan"]);
    }
    let last = protests.iter().max_by_key(|e| e.evidence.0).unwrap();
    assert_eq!(last.date, "1953-06-08"); // i = 5999: June 8, 1953
}

/// "The Foreign Office" of a telegram from Tokyo is Japan's ministry, not Britain (whose
/// metonym the words are), and "the Cabinet" Japan's; in one from London the Foreign
/// Office stays Britain.
#[test]
fn the_foreign_office_is_the_one_of_the_telegrams_place() {
    let from = |place: &str| {
        let text = format!(
            "Telegram From the Embassy to the Department of State\n{place}, July 8, 1955—4 p.m.\n\n\
             The Foreign Office has asked permission to quote from the aide-mémoire. \
             The Cabinet will meet tomorrow.\n\nAllison\n"
        );
        let rec = run(&text);
        let linked = |w: &str| {
            let at = text.find(w).unwrap();
            rec.records
                .mentions
                .iter()
                .find(|m| m.start == at)
                .map(|m| m.entity.name.clone())
        };
        (
            linked("Foreign Office has").unwrap(),
            linked("Cabinet will"),
        )
    };
    // "the Cabinet", no cabinet named before: the one of the telegram's state
    assert_eq!(
        from("Tokyo"),
        (
            "Japanese Ministry of Foreign Affairs".to_string(),
            Some("Japanese Cabinet".to_string())
        )
    );
    assert_eq!(from("London").0, "United Kingdom");
}

/// The city of a telegram is the mission's place, not the city's state: "telegram 2501 from
/// Tokyo" is no act of Japan's (it is the Embassy's), "telegram 55 to Tokyo" goes to the
/// Embassy in Tokyo.
#[test]
fn a_telegrams_city_is_no_actor() {
    let text = "Editorial Note\n\n\
        In telegram 2501 from Tokyo, April 4, 1955, the Ambassador complained that he had been \
        embarrassed by a leak.\n\n\
        In reply, the Department stated in telegram 55 to Tokyo, July 9, 1955, that the contents \
        should not be attributed to the United States.\n";
    let rec = run(text);
    let complained = at(&rec, text, "complained");
    assert!(!complained.is_empty());
    for e in &complained {
        let all: Vec<&str> = names(&e.agents)
            .into_iter()
            .chain(names(&e.targets))
            .collect();
        assert!(!all.contains(&"Japan"), "{all:?}");
    }
    let stated = at(&rec, text, "stated in telegram");
    assert_eq!(stated.len(), 1);
    assert!(
        names(&stated[0].targets).contains(&"US Embassy in Japan"),
        "{:?}",
        names(&stated[0].targets)
    );
    // the city a paper went to or came from is marked as the embassy there
    for at in [
        text.find("Tokyo, July").unwrap(),
        text.find("Tokyo, April").unwrap(),
    ] {
        assert!(rec
            .records
            .mentions
            .iter()
            .any(|m| m.start == at && m.entity.name == "US Embassy in Japan"));
    }
}

#[test]
fn a_long_document_comes_in_parts_that_add_up_to_the_whole() {
    // 600 dated paragraphs: several parts of at least PART records, each ending at a block
    let mut text = String::from("Tokyo, May 3, 1955\n\n");
    for i in 0..600 {
        let day = i % 28 + 1;
        text.push_str(&format!(
            "On March {day}, 1955, Shigemitsu met Allison in Tokyo. On April {day}, 1955, \
             the Soviet Union protested to Japan. Hatoyama said on May {day} that talks \
             would resume.\n\n"
        ));
    }
    let mut p = Pipeline::new(Knowledge::load(&[]).unwrap(), None);
    let whole = p.analyze("long.txt", &text, "0".repeat(64));
    let mut parts = Vec::new();
    let done = p.analyze_in_parts(&text, &mut |r, so_far| {
        assert_eq!(so_far.dct.as_deref(), Some("1955-05-03"));
        parts.push(r)
    });
    assert!(parts.len() >= 2, "{} part(s)", parts.len());
    assert!(parts[..parts.len() - 1]
        .iter()
        .all(|r| r.len() >= annals_pipeline::PART));
    let mut joined = annals_store::Records::default();
    for r in parts {
        joined.append(r);
    }
    assert_eq!(joined, whole.records);
    assert_eq!(done.dct.as_deref(), Some("1955-05-03"));
    assert_eq!(done.events, whole.records.events.len());
    assert!(
        whole.records.events.len() > 1000,
        "{}",
        whole.records.events.len()
    );
}

const BRIEFING: &str = "\
7. Memorandum of a Conversation, Department of State, Washington, May 20, 1955
Washington, May 20, 1955, 3 p.m.

Mr. Sebald opened the meeting. [Footnote 2: Allison submitted a long evaluation of the Cabinet's \
standing in telegram 2611 from Tokyo, May 12. He commented on the coming talks as follows: \
“Hatoyama needs a success.” (Central Files, 794.00/5–1255)] We had, however, instructed Tokyo \
to inform Hatoyama that the delegation would be small.
";

/// A paper sent and dated in the sentence dates its sender's act, and the story stays at
/// that day for the sender's next sentence: one turn. The office that kept the record of a
/// conversation is its "we".
#[test]
fn the_sending_of_a_dated_telegram_is_its_senders_act_of_that_day() {
    let rec = run(BRIEFING);
    let sent = at(&rec, BRIEFING, "Allison submitted");
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(
        (sent[0].kind.as_str(), sent[0].date.as_str()),
        ("statement", "1955-05-12")
    );
    assert!(
        names(&sent[0].agents).contains(&"John M. Allison"),
        "{sent:?}"
    );
    let commented = at(&rec, BRIEFING, "He commented");
    assert_eq!(commented.len(), 1, "one turn: {commented:?}");
    assert_eq!(commented[0].date, "1955-05-12");
    let instructed = at(&rec, BRIEFING, "We had, however, instructed");
    assert_eq!(instructed.len(), 1, "{instructed:?}");
    assert_eq!(instructed[0].kind, "demand");
    assert!(names(&instructed[0].agents).contains(&"United States"));
}

const CABLE: &str = "\
9. Telegram From the Department of State to the Embassy in Japan
Washington, May 6, 1955—5 p.m.

[Source: Department of State, Central Files. Secret.]

2. US fully appreciates importance early agreement on Japan’s budget and hopes this can be \
reached through current Tokyo discussions.

3. Secretary expects no change in plans. [Footnote 3: In reply, the Department stated in telegram 2020 to Tokyo, May 5, that the figures should not \
be made public. “We are concerned Japanese make and support their own case.”] [Footnote 4: In a \
letter to the President, also dated May 5, Dulles commented as follows on the talks: “They went \
well.”]
";

/// A numbered point of a telegram is its sender's, also where the sending state is the
/// clause's subject ("2. US fully appreciates … and hopes …"): one event.
#[test]
fn a_telegram_point_whose_subject_is_the_sending_state_is_one_event() {
    let rec = run(CABLE);
    let point = at(&rec, CABLE, "US fully appreciates");
    assert_eq!(point.len(), 1, "{point:?}");
    assert_eq!(point[0].date, "1955-05-06T17:00");
    assert_eq!(
        names(&point[0].agents),
        ["US Department of State"],
        "{point:?}"
    );
}

const REPLY: &str = "\
11. Telegram From the Embassy in Japan to the Department of State
Tokyo, May 6, 1955—4 p.m.

[Source: Department of State, Central Files. Secret.]

2512. Re Embtel 2511. [Footnote 2: In telegram 2511, May 4, Allison stressed the Cabinet's \
weakness and pointed as well to the risk of publicity. However, he also suggested: “Quick \
response might pay big dividends.” (Central Files, 794.5/5–455)] Press today carries the story.

Allison
";

/// In an editor's note the telegram's writer is named, and "he" is him (not whoever was
/// named before); "he also suggested" goes on his turn, to the note's last sentence.
#[test]
fn an_editors_note_names_the_writer_and_his_turn_goes_on() {
    let rec = run(REPLY);
    let stressed = at(&rec, REPLY, "Allison stressed");
    assert_eq!(stressed.len(), 1, "{stressed:?}");
    let turn = stressed[0];
    assert_eq!(
        (turn.kind.as_str(), turn.date.as_str()),
        ("propose", "1955-05-04")
    );
    assert!(names(&turn.agents).contains(&"John M. Allison"), "{turn:?}");
    let suggested = at(&rec, REPLY, "he also");
    assert_eq!(suggested.len(), 1, "one turn: {suggested:?}");
    assert_eq!(suggested[0].evidence, turn.evidence);
}

/// The speaker's own words quoted right after the telling are that telling, not an act of
/// their own ("support their own case" is no agreement of the Department's).
#[test]
fn a_quotation_after_a_telling_is_the_telling() {
    let rec = run(CABLE);
    let stated = at(&rec, CABLE, "the Department stated");
    assert_eq!(stated.len(), 1, "{stated:?}");
    assert_eq!(stated[0].date, "1955-05-05");
    let quoted = at(&rec, CABLE, "We are concerned");
    assert_eq!(quoted.len(), 1, "{quoted:?}");
    assert_eq!(quoted[0].evidence, stated[0].evidence);
}

/// "In a letter …, also dated May 5, Dulles commented …": the letter's date is the date of
/// Dulles' act, and the letter is no second event.
#[test]
fn a_letter_dated_in_the_sentence_dates_its_writers_act() {
    let rec = run(CABLE);
    let letter = at(&rec, CABLE, "In a \\\nletter".replace("\\\n", "").as_str());
    assert_eq!(letter.len(), 1, "{letter:?}");
    assert_eq!(letter[0].date, "1955-05-05");
    assert!(
        names(&letter[0].agents).contains(&"John Foster Dulles"),
        "{letter:?}"
    );
}

const CALL: &str = "\
5. Memorandum From the Under Secretary of State (Hoover) to the Secretary of State
Washington, July 19, 1955.

I called Secretary Wilson July 18 and advised him that State had agreed to the move. I pointed \
out that the publicity would make the task more difficult. I also stated that there might be \
repercussions in Korea. Secretary Wilson said that he had been guided by budgetary \
considerations.
";

/// A speaker who "also" says, right after saying, at the day the story is at, goes on with
/// the same turn; the next speaker is a turn of his own.
#[test]
fn what_a_speaker_also_says_is_the_same_turn() {
    let rec = run(CALL);
    let pointed = at(&rec, CALL, "I pointed");
    assert_eq!(pointed.len(), 1, "{pointed:?}");
    assert_eq!(pointed[0].date, "1955-07-18");
    let also = at(&rec, CALL, "I also stated");
    assert_eq!(also.len(), 1, "{also:?}");
    assert_eq!(also[0].evidence, pointed[0].evidence);
    let wilson = at(&rec, CALL, "Secretary Wilson said");
    assert_eq!(wilson.len(), 1, "{wilson:?}");
    assert_ne!(wilson[0].evidence, pointed[0].evidence);
    assert_eq!(names(&wilson[0].agents)[0], "Charles E. Wilson");
}

const RECALL: &str = "\
49. Memorandum of a Conversation Between Secretary of State Dulles and Foreign Minister \
Shigemitsu, National Airport, Washington, September 1, 1955, 8:45 a.m.
Washington, September 1, 1955, 8:45 a.m.

[Source: Department of State, Central Files. Secret. Drafted by Dulles.]

I reaffirmed to Mr. Shigemitsu what I had said the night before at the dinner that our policy \
was to have Japan develop into a great power.
";

/// A telling the sentence recalls in the past perfect, with a date of its own, is an event
/// of that date, besides the act of the sentence.
#[test]
fn a_recalled_telling_is_an_event_of_its_own_day() {
    let rec = run(RECALL);
    let told = at(&rec, RECALL, "I reaffirmed");
    let mut dates: Vec<&str> = told.iter().map(|e| e.date.as_str()).collect();
    dates.sort();
    assert_eq!(dates, ["1955-08-31TNI", "1955-09-01T08:45"], "{told:?}");
    assert!(told.iter().all(|e| e.kind == "statement"));
    assert!(told
        .iter()
        .all(|e| names(&e.agents).contains(&"John Foster Dulles")));
}

const CALLED_ON: &str = "\
27. Telegram From the Embassy in Japan to the Department of State
Tokyo, April 8, 1955—4 p.m.

General Taylor and I called on the Prime Minister yesterday morning. Hatoyama said he had not \
realized what the situation was. I therefore left with Matsumoto, who was interpreting, an \
informal statement on these problems.

Allison
";

/// "General Taylor and I" are both the callers; a verb that carries an event noun ("left
/// … an informal statement") is the noun's act, on the day the story is at.
#[test]
fn a_pronoun_conjunct_acts_and_a_carried_statement_is_told() {
    let rec = run(CALLED_ON);
    let called = at(&rec, CALLED_ON, "General Taylor");
    assert_eq!(called.len(), 1, "{called:?}");
    assert_eq!(called[0].kind, "meet");
    let who = names(&called[0].agents);
    assert!(
        who.contains(&"Maxwell D. Taylor") && who.contains(&"John M. Allison"),
        "{who:?}"
    );
    let left = at(&rec, CALLED_ON, "I therefore left");
    assert_eq!(left.len(), 1, "{left:?}");
    assert_eq!(
        (left[0].kind.as_str(), left[0].date.as_str()),
        ("statement", "1955-04-07TMO")
    );
    assert!(names(&left[0].agents).contains(&"John M. Allison"));
}
