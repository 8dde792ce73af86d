//! A passage written for this test in the style of diplomatic history (not taken from the
//! founding article), with every expected timex written out by hand: a guard against rules
//! that only fit one text.

use annals_time::{Role, Tagger};

const TEXT: &str = "The Geneva summit of July 1955 raised hopes in Tokyo. In the autumn of \
1955, Prime Minister Hatoyama sent Kōno to Moscow; he arrived on 14 October and stayed for \
three weeks. Two weeks later the talks collapsed. By the end of the year, the Foreign \
Ministry (Tanaka 1993, 88–91) had drafted a new proposal, which the cabinet approved on \
December 27. The following January, Matsumoto returned to London. Between 1956 and 1958 \
the two governments exchanged more than forty notes (Hellmann, 1969). Early in 1957 a \
trade mission visited Moscow, and in mid-1957 the Soviet side proposed a commission that \
would meet annually. On the morning of March 3, 1958, at 10:30 a.m., the commission \
convened for the first time. The agreement of 1958 was renewed every year until the \
1970s. Nearly two decades after the Joint Declaration, the issue remained open.";

fn run() -> Vec<(String, String, String)> {
    let mut t = Tagger::new();
    t.tag(TEXT, Role::Narrative)
        .into_iter()
        .map(|x| {
            (
                TEXT[x.start..x.end].to_string(),
                x.value,
                x.modifier.map_or("", |m| m.as_str()).to_string(),
            )
        })
        .collect()
}

#[test]
fn every_expression_with_its_value() {
    let got = run();
    let want = [
        ("July 1955", "1955-07", ""),
        ("the autumn of 1955", "1955-FA", ""),
        ("14 October", "1955-10-14", ""),
        ("three weeks", "P3W", ""),
        ("Two weeks later", "P2W", ""),
        ("the end of the year", "1955", "END"),
        // "(Tanaka 1993, 88–91)" is a citation: no row
        ("December 27", "1955-12-27", ""),
        ("The following January", "1956-01", ""),
        ("1956 and 1958", "1956/1958", ""),
        // "more than forty notes" is not a duration; "(Hellmann, 1969)" is a citation
        ("Early in 1957", "1957", "START"),
        ("mid-1957", "1957", "MID"),
        ("annually", "P1Y", ""),
        ("the morning of March 3, 1958", "1958-03-03TMO", ""),
        ("10:30 a.m.", "1958-03-03T10:30", ""),
        ("1958", "1958", ""),
        ("every year", "P1Y", ""),
        ("the 1970s", "197", ""),
        ("Nearly two decades after", "P2DE", "APPROX"),
    ];
    let got: Vec<(&str, &str, &str)> = got
        .iter()
        .map(|(a, b, c)| (a.as_str(), b.as_str(), c.as_str()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn relative_durations_carry_the_date_they_point_to() {
    let mut t = Tagger::new();
    let v = t.tag(TEXT, Role::Narrative);
    let two_weeks = v
        .iter()
        .find(|x| &TEXT[x.start..x.end] == "Two weeks later")
        .unwrap();
    assert_eq!(two_weeks.resolved.as_deref(), Some("1955-10-28"));
    let ev = v.iter().find(|x| x.value == "P2DE").unwrap();
    assert_eq!(
        ev.anchor,
        Some(annals_time::Anchor::Event {
            text: "the Joint Declaration".into()
        })
    );
}
