//! Other crises and decades (fixtures written for these tests, in `fixtures/`): the main
//! actors are linked, each to the state of its period — "Russia" in 1905 is the Russian
//! Empire, "Germany" in 1919 the Weimar Republic and in 1933 Nazi Germany — and people the
//! curated files lack come from the imported dictionaries (Nasser, Khrushchev, Sadat).

use annals_pipeline::{Knowledge, Pipeline};

/// (date, actors) of every event of a fixture.
fn events(text: &str) -> Vec<(String, Vec<String>)> {
    let mut p = Pipeline::new(Knowledge::load(&[]).unwrap(), None);
    let rec = p.analyze("fixture.txt", text, "0".repeat(64));
    rec.records
        .events
        .iter()
        .map(|e| {
            let actors = e.agents.iter().map(|a| a.name.clone()).collect();
            (e.date.clone(), actors)
        })
        .collect()
}

fn actors_on(evs: &[(String, Vec<String>)], date: &str) -> Vec<String> {
    evs.iter()
        .filter(|e| e.0 == date)
        .flat_map(|e| e.1.clone())
        .collect()
}

#[test]
fn portsmouth_1905() {
    let evs = events(include_str!("fixtures/portsmouth_1905.txt"));
    let opening = actors_on(&evs, "1905-08-09");
    for who in ["Sergei Witte", "Russian Empire", "Komura Jutarō", "Japan"] {
        assert!(opening.contains(&who.to_string()), "{who} in {opening:?}");
    }
    assert_eq!(
        actors_on(&evs, "1905-09-05"),
        vec!["Russian Empire", "Japan"]
    );
}

#[test]
fn versailles_1919_and_after() {
    let evs = events(include_str!("fixtures/versailles_1919.txt"));
    assert_eq!(actors_on(&evs, "1919-06-28"), vec!["Weimar Republic"]);
    assert_eq!(actors_on(&evs, "1933-10-14"), vec!["Nazi Germany"]);
    assert!(actors_on(&evs, "1945-05-08").contains(&"Nazi Germany".to_string()));
}

#[test]
fn suez_1956() {
    let evs = events(include_str!("fixtures/suez_1956.txt"));
    assert_eq!(
        actors_on(&evs, "1956-07-26"),
        vec!["Gamal Abdel Nasser", "Egypt"]
    );
    assert_eq!(actors_on(&evs, "1956-10-29"), vec!["Israel"]);
    assert_eq!(
        actors_on(&evs, "1956-11-05"),
        vec!["United Kingdom", "France"]
    );
    assert!(actors_on(&evs, "1956-11-06").contains(&"USSR".to_string()));
}

#[test]
fn cuba_1962() {
    let evs = events(include_str!("fixtures/cuba_1962.txt"));
    assert_eq!(
        actors_on(&evs, "1962-10-22"),
        vec!["John F. Kennedy", "United States"]
    );
    assert_eq!(
        actors_on(&evs, "1962-10-28"),
        vec!["Nikita Khrushchev", "USSR"]
    );
}

#[test]
fn camp_david_1978() {
    let evs = events(include_str!("fixtures/camp_david_1978.txt"));
    let signing = actors_on(&evs, "1978-09-17");
    for who in ["Egypt", "Menachem Begin", "Israel"] {
        assert!(signing.contains(&who.to_string()), "{who} in {signing:?}");
    }
    assert_eq!(actors_on(&evs, "1979-03-26"), vec!["Egypt", "Israel"]);
}

#[test]
fn a_surname_means_the_one_in_office() {
    let evs =
        events("In 1905, President Roosevelt mediated. In 1943, President Roosevelt met Stalin.");
    assert_eq!(actors_on(&evs, "1905")[0], "Theodore Roosevelt");
    assert_eq!(actors_on(&evs, "1943")[0], "Franklin D. Roosevelt");
}
