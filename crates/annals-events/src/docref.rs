//! Documents an archival text dates by name: "NSC 5429/5 [Footnote 2: Dated December 22,
//! 1954; …]", "Memo for NSC from Executive Secretary, … dated March 4, 1955", "General Order
//! No. 1 [Footnote 4: Issued September 2, 1945.]", "NIE 41–54 [Footnote 6: “Probable
//! Developments in Japan Through 1957”, August 10, 1954. …]".
//!
//! An editor who dates a paper names an act: the paper was issued (or the order given) on
//! that day by whoever its name says issued it. Reference lists of policy papers and
//! editors' notes are full of them, and no verb in the text tells it, so the parse-driven
//! reader never sees them. The paper is the text before the date's "dated"/"issued" (or
//! before the note that dates it) back to the start of its list item or clause; its issuer
//! is the actors it names ("Memo for NSC from Executive Secretary": the sender is who it is
//! from, the addressee whom it is for), else the issuer of the paper named before it in the
//! same passage ("NSC 125/2 … and 125/6").

use std::ops::Range;

use annals_entities::{Gazetteer, Mention};
use annals_time::{Timex, TimexType};

use crate::clause::{with_states, Clock};
use crate::extract::{interval_of, DateSource, Event};
use crate::lexicon::Lexicon;

/// Abbreviations whose period ends no sentence inside a paper's name.
const ABBREVIATIONS: &[&str] = &[
    "No", "Nos", "no", "Art", "Vol", "vol", "Mr", "Dr", "St", "pp",
];

/// Words of a paper's name that make its issue an order given (CAMEO's "demand").
const ORDERS: &[&str] = &["order", "directive", "instruction", "decree", "ultimatum"];

/// The dated papers of a block: one event each.
pub fn dated_papers(
    text: &str,
    timexes: &[Timex],
    mentions: &[Mention],
    gazetteer: &Gazetteer,
    lexicon: &Lexicon,
) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    let mut last_issuer: Vec<usize> = Vec::new();
    for t in timexes {
        if !matches!(t.kind, TimexType::Date) || t.value.len() < 10 {
            continue; // a paper is dated to the day
        }
        let Some(paper) = paper_before(text, t.start) else {
            continue;
        };
        let Some(interval) = interval_of(&t.value) else {
            continue;
        };
        let (mut agents, targets) = issuer(text, &paper, mentions, gazetteer);
        if agents.is_empty() {
            agents = last_issuer.clone();
        } else {
            last_issuer = agents.clone();
        }
        let name = text[paper.clone()].to_lowercase();
        let order = name
            .split(|c: char| !c.is_alphabetic())
            .any(|w| ORDERS.contains(&w));
        let Some(ty) = lexicon.named(if order { "demand" } else { "statement" }) else {
            continue;
        };
        let clock = Clock {
            value: t.value.clone(),
            interval: Some(interval),
            source: DateSource::Text,
        };
        let summary: String = text[paper.start..t.end].chars().take(220).collect();
        out.push(Event {
            trigger: Some(paper.clone()),
            agents,
            targets,
            summary,
            roles: "a paper the text dates: actors: whom its name says issued it (\"from\"), else the issuer of the paper named before it; targets: whom it is for".to_string(),
            ..Event::new(ty, &clock, paper.start..t.end, t.start..t.end)
        });
    }
    out
}

/// The name of the paper a date at `at` dates, when the words before the date say it is
/// its date: "…, dated ", "Dated ", "Issued ", or an editor's note opening with the date
/// (after the paper's title, if any) right after the paper's name.
fn paper_before(text: &str, at: usize) -> Option<Range<usize>> {
    let before = &text[..at];
    let lead = before.trim_end();
    let dated = ["dated", "issued"]
        .iter()
        .find(|w| {
            lead.len() >= w.len()
                && lead.is_char_boundary(lead.len() - w.len())
                && lead[lead.len() - w.len()..].eq_ignore_ascii_case(w)
        })
        .map(|w| lead.len() - w.len());
    // the note's opening: "[Footnote 6: " then an optional “Title”, then the date
    // (only the last 4 KiB: an editor's note that opens farther back is no paper's date)
    let mut from = at.saturating_sub(4096);
    while !before.is_char_boundary(from) {
        from -= 1;
    }
    if let Some(note) = before[from..].rfind("[Footnote").map(|i| from + i) {
        let opening = &before[note..];
        if let Some(colon) = opening.find(": ").map(|i| note + i + 2) {
            let rest = before[colon..].trim();
            let rest = dated
                .filter(|&d| d >= colon)
                .map_or(rest, |d| before[colon..d].trim());
            let titled = rest.is_empty()
                || (rest.starts_with('“') && rest.trim_end_matches(',').ends_with('”'));
            if titled && !opening.contains(']') {
                // the paper is the name before the note
                return name_before(text, note);
            }
        }
    }
    // "…, dated March 4, 1955" in the running text or in a list item
    let d = dated?;
    let end = text[..d].trim_end().trim_end_matches(',').len();
    name_before(text, end)
}

/// The paper's name ending at `end`: back to the start of its list item ("B. Memo for …"),
/// the end of an earlier note ("] and 125/6") or the clause ("; ", ". ").
fn name_before(text: &str, end: usize) -> Option<Range<usize>> {
    let head = &text[..end];
    // a name has at most 30 words: look no farther back than 40
    let lim = head
        .rmatch_indices(char::is_whitespace)
        .filter(|(i, _)| *i > 0 && !head[..*i].ends_with(char::is_whitespace))
        .nth(40)
        .map_or(0, |(i, _)| i);
    // a sentence ends at ". " unless the period closes an abbreviation ("No. 1") or an
    // initial
    let sentence_end = head[lim..]
        .rmatch_indices(". ")
        .map(|(i, m)| (lim + i, m))
        .find(|(i, _)| {
            let word = head[..*i]
                .rsplit(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            word.chars().count() > 1 && !ABBREVIATIONS.contains(&word)
        })
        .map_or(0, |(i, _)| i + 2);
    let start = head[lim..]
        .rfind([']', ';', '\n'])
        .map_or(0, |i| lim + i + 1)
        .max(sentence_end);
    if start < lim {
        return None; // more than 30 words
    }
    let mut start = start + (head[start..].len() - head[start..].trim_start().len());
    // the list item's letter or number: "A. ", "4. "
    let item = &head[start..];
    let mark = item.find(". ").filter(|&i| {
        (i == 1 && item.as_bytes()[0].is_ascii_uppercase())
            || (1..=3).contains(&i) && item[..i].bytes().all(|b| b.is_ascii_digit())
    });
    if let Some(i) = mark {
        start += i + 2;
    }
    let mut name = head[start..].trim_end();
    for w in ["and ", "or "] {
        if let Some(rest) = name.strip_prefix(w) {
            start += w.len();
            name = rest;
        }
    }
    let has_name = name.split_whitespace().count() <= 30
        && name.chars().any(|c| c.is_ascii_digit() || c.is_uppercase());
    (has_name && !name.is_empty()).then(|| start..start + name.len())
}

/// Who issued the paper and for whom: actors its name names, those after "for"/"to" the
/// addressees, those after "from" (or all others) the issuers.
fn issuer(
    text: &str,
    paper: &Range<usize>,
    mentions: &[Mention],
    gazetteer: &Gazetteer,
) -> (Vec<usize>, Vec<usize>) {
    let name = &text[paper.clone()];
    let from = name.find(" from ").map(|i| paper.start + i);
    let to = [" for ", " to "]
        .iter()
        .filter_map(|w| name.find(w))
        .min()
        .map(|i| paper.start + i);
    let (mut agents, mut targets) = (Vec::new(), Vec::new());
    let lo = mentions.partition_point(|m| m.start < paper.start);
    for m in mentions[lo..]
        .iter()
        .take_while(|m| m.start < paper.end)
        .filter(|m| m.start >= paper.start && m.end <= paper.end)
        .filter(|m| gazetteer.get(m.entity).kind.is_actor())
    {
        let addressed =
            to.is_some_and(|t| m.start > t && from.is_none_or(|f| m.start < f || f < t));
        if addressed {
            targets.push(m.entity);
        } else {
            agents.push(m.entity);
        }
    }
    (
        with_states(gazetteer, agents),
        with_states(gazetteer, targets),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use annals_entities::{DocState, Linker};
    use annals_time::{Role, Tagger};

    fn papers(text: &str) -> Vec<(String, String, Vec<String>)> {
        let mut g = Gazetteer::builtin();
        let linker = Linker::new(&g);
        let mentions = linker.find(&mut g, text, &mut DocState::default());
        // a reference list's item is tagged as the pipeline tags it; anything else as prose
        let role = if text.as_bytes().get(1) == Some(&b'.') {
            Role::Notes
        } else {
            Role::Aside
        };
        let timexes = Tagger::new().tag(text, role);
        assert!(!timexes.is_empty(), "no dates in {text}");
        dated_papers(text, &timexes, &mentions, &g, &Lexicon::builtin())
            .into_iter()
            .map(|e| {
                let who = e.agents.iter().map(|&a| g.get(a).id.clone()).collect();
                (text[e.trigger.unwrap()].to_string(), e.date, who)
            })
            .collect()
    }

    #[test]
    fn a_note_dates_the_paper_before_it() {
        let v = papers("A. NSC 5429/5 [Footnote 2: Dated December 22, 1954; printed in Foreign Relations, 1952–1954, vol. II, Part 1, p. 1062.]");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "NSC 5429/5");
        assert_eq!(v[0].1, "1954-12-22");
        assert!(
            v[0].2.contains(&"US National Security Council".to_string()),
            "{v:?}"
        );
    }

    #[test]
    fn a_title_then_the_date_and_the_issuer_goes_on() {
        let v = papers("C. NSC 125/2 [Footnote 4: “United States Objectives”, dated August 7, 1952. For text, see ibid.] and 125/6 [Footnote 5: “United States Objectives”, dated June 29, 1953.]");
        let dates: Vec<_> = v.iter().map(|x| (x.0.as_str(), x.1.as_str())).collect();
        assert_eq!(
            dates,
            [("NSC 125/2", "1952-08-07"), ("125/6", "1953-06-29")]
        );
        assert_eq!(v[0].2, v[1].2);
    }

    #[test]
    fn dated_in_the_running_text() {
        let v = papers("B. Memo for NSC from Executive Secretary, subject: “Review of Policies in the Far East”, dated March 4, 1955");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].1, "1955-03-04");
    }

    #[test]
    fn an_order_numbered_in_a_list() {
        let v = papers("4. SCAP General Order No. 1 [Footnote 4: Issued September 2, 1945. For text, see ibid.]");
        assert_eq!(v.len(), 1);
        assert_eq!(v[0].0, "SCAP General Order No. 1");
        assert_eq!(v[0].1, "1945-09-02");
    }

    #[test]
    fn a_date_that_dates_no_paper() {
        assert!(papers("The Council met on April 7, 1955 [Footnote 3: Not printed.]").is_empty());
        assert!(
            papers("[Footnote 2: In telegram 2487, April 1, 1955, Allison reported it.]")
                .is_empty()
        );
    }
}
