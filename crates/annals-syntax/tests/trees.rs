//! Trees of short sentences of history prose, from the built-in model: heads and relations
//! as UD English EWT would annotate them.

use annals_syntax::{Model, Sentence, Upos};

struct Parsed {
    text: &'static str,
    s: Sentence<'static>,
}

fn parse(text: &'static str) -> Parsed {
    let s = Model::builtin().parse_sentence(text, 0..text.len());
    Parsed { text, s }
}

impl Parsed {
    /// Index of the token with this form (the first one).
    fn at(&self, form: &str) -> usize {
        self.s
            .tokens
            .iter()
            .position(|t| &self.text[t.span.clone()] == form)
            .unwrap_or_else(|| panic!("no token {form:?} in {:?}", self.forms()))
    }

    fn forms(&self) -> Vec<&str> {
        self.s
            .tokens
            .iter()
            .map(|t| &self.text[t.span.clone()])
            .collect()
    }

    /// `(head form, relation)` of the token `form`.
    fn arc(&self, form: &str) -> (&str, &str) {
        let t = &self.s.tokens[self.at(form)];
        let head = t
            .head
            .map_or("ROOT", |h| &self.text[self.s.tokens[h].span.clone()]);
        (head, t.deprel)
    }

    fn assert_arcs(&self, want: &[(&str, &str, &str)]) {
        for &(dep, head, rel) in want {
            assert_eq!(
                self.arc(dep),
                (head, rel),
                "{dep:?} in {:?}\n{:#?}",
                self.text,
                self.table()
            );
        }
    }

    fn table(&self) -> Vec<String> {
        self.s
            .tokens
            .iter()
            .map(|t| {
                format!(
                    "{} {} {} {} -> {}",
                    &self.text[t.span.clone()],
                    t.upos,
                    t.xpos,
                    t.deprel,
                    t.head
                        .map_or("ROOT", |h| &self.text[self.s.tokens[h].span.clone()])
                )
            })
            .collect()
    }
}

#[test]
fn subject_and_object() {
    let p = parse("Japan rejected the Soviet proposal.");
    p.assert_arcs(&[
        ("rejected", "ROOT", "root"),
        ("Japan", "rejected", "nsubj"),
        ("proposal", "rejected", "obj"),
        ("the", "proposal", "det"),
        (".", "rejected", "punct"),
    ]);
    let t = &p.s.tokens[p.at("rejected")];
    assert_eq!(t.upos, Upos::VERB);
    assert_eq!(t.lemma, "reject");
    assert_eq!(t.feat("Tense"), Some("Past"));
    assert_eq!(t.feat("VerbForm"), Some("Fin"));
}

#[test]
fn passive_with_by_agent() {
    let p = parse("The Protocol was signed by Shigemitsu in Moscow.");
    p.assert_arcs(&[
        ("signed", "ROOT", "root"),
        ("Protocol", "signed", "nsubj:pass"),
        ("was", "signed", "aux:pass"),
        ("Shigemitsu", "signed", "obl:agent"),
        ("by", "Shigemitsu", "case"),
        ("Moscow", "signed", "obl"),
    ]);
    let t = &p.s.tokens[p.at("signed")];
    assert_eq!(t.feat("Voice"), Some("Pass"));
    assert_eq!(t.xpos, "VBN");
    assert_eq!(p.s.tokens[p.at("was")].lemma, "be");
}

#[test]
fn relative_clause() {
    let p = parse("The delegation that arrived in London met the Soviet ambassador.");
    p.assert_arcs(&[
        ("met", "ROOT", "root"),
        ("delegation", "met", "nsubj"),
        ("arrived", "delegation", "acl:relcl"),
        ("that", "arrived", "nsubj"),
        ("ambassador", "met", "obj"),
    ]);
}

#[test]
fn apposition() {
    let p = parse("Shigemitsu, the Foreign Minister, flew to Moscow.");
    p.assert_arcs(&[
        ("flew", "ROOT", "root"),
        ("Shigemitsu", "flew", "nsubj"),
        ("Minister", "Shigemitsu", "appos"),
        ("Moscow", "flew", "obl"),
        ("to", "Moscow", "case"),
    ]);
}

#[test]
fn coordinated_verbs_share_a_subject() {
    let p = parse("Gromyko protested and left the hall.");
    p.assert_arcs(&[
        ("protested", "ROOT", "root"),
        ("Gromyko", "protested", "nsubj"),
        ("left", "protested", "conj"),
        ("and", "left", "cc"),
        ("hall", "left", "obj"),
    ]);
}

#[test]
fn reported_speech() {
    let p = parse("Malik told Matsumoto that the Soviet Union would return the islands.");
    p.assert_arcs(&[
        ("told", "ROOT", "root"),
        ("Malik", "told", "nsubj"),
        ("Matsumoto", "told", "iobj"),
        ("return", "told", "ccomp"),
        ("that", "return", "mark"),
        ("would", "return", "aux"),
        ("Union", "return", "nsubj"),
        ("islands", "return", "obj"),
    ]);
}

#[test]
fn negation() {
    let p = parse("Japan did not sign the treaty.");
    p.assert_arcs(&[
        ("sign", "ROOT", "root"),
        ("Japan", "sign", "nsubj"),
        ("did", "sign", "aux"),
        ("not", "sign", "advmod"),
        ("treaty", "sign", "obj"),
    ]);
    assert_eq!(p.s.tokens[p.at("not")].feat("Polarity"), Some("Neg"));
    assert_eq!(p.s.tokens[p.at("did")].lemma, "do");
}

#[test]
fn clitics_are_words_with_their_own_spans() {
    let p = parse("Moscow didn't answer Tokyo's note.");
    assert_eq!(
        p.forms(),
        ["Moscow", "did", "n't", "answer", "Tokyo", "'s", "note", "."]
    );
    p.assert_arcs(&[
        ("answer", "ROOT", "root"),
        ("n't", "answer", "advmod"),
        ("Tokyo", "note", "nmod:poss"),
        ("'s", "Tokyo", "case"),
        ("note", "answer", "obj"),
    ]);
    assert_eq!(p.s.tokens[p.at("n't")].span, 10..13);
}

/// Every sentence is a tree: one root, every other token with a head inside the sentence,
/// no cycles.
fn assert_tree(s: &Sentence<'_>) {
    let n = s.tokens.len();
    assert_eq!(s.tokens.iter().filter(|t| t.head.is_none()).count(), 1);
    for (i, t) in s.tokens.iter().enumerate() {
        let mut at = i;
        let mut steps = 0;
        while let Some(h) = s.tokens[at].head {
            assert!(h < n);
            at = h;
            steps += 1;
            assert!(steps <= n, "cycle through token {i}");
        }
        if t.head.is_none() {
            assert_eq!(t.deprel, "root");
        } else {
            assert_ne!(t.deprel, "root");
        }
    }
}

#[test]
fn odd_inputs_still_give_trees() {
    let m = Model::builtin();
    let long: String = "the talks went on and on , ".repeat(715);
    let cases = [
        "Yes".to_string(),
        "?!... --- ((( )))".to_string(),
        "THE SOVIET UNION SHALL TRANSFER THE HABOMAI ISLANDS.".to_string(),
        "Москва и Токио подписали декларацию 19 октября.".to_string(),
        "日ソ共同宣言".to_string(),
        long,
    ];
    for text in &cases {
        let s = m.parse_sentence(text, 0..text.len());
        assert!(!s.tokens.is_empty(), "{text:?}");
        assert_tree(&s);
        for t in &s.tokens {
            assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
        }
    }
    let s = m.parse_sentence(&cases[5], 0..cases[5].len());
    assert_eq!(s.tokens.len(), 5005);
    assert!(m.parse_sentence("   ", 0..3).tokens.is_empty());
}

#[test]
fn the_model_says_what_it_was_trained_on() {
    let m = Model::builtin();
    assert!(m.about().contains("EWT"), "{}", m.about());
    assert!(m.about().contains("CC BY-SA 4.0"));
}

/// A possessor is a possessive pronoun or takes "'s"; a bare plural before its verb is a
/// subject, however the scores ran.
#[test]
fn no_possessor_without_a_possessive() {
    let p = parse("Meetings between Japanese and Soviet officials began in London on June 1.");
    p.assert_arcs(&[("Meetings", "began", "nsubj"), ("began", "ROOT", "root")]);
    let p = parse("Japan's reply and their note reached Washington.");
    p.assert_arcs(&[
        ("Japan", "reply", "nmod:poss"),
        ("their", "note", "nmod:poss"),
    ]);
}

/// A verb is never a nominal modifier or oblique: the participle after a noun is its `acl`
/// ("Understanding", read as an adjective, once made "signed" an `nmod`).
#[test]
fn no_verb_in_a_nominal_relation() {
    let p = parse(
        "For text of the Agreed Minute of Understanding signed at Seoul on November 17, 1954, \
         see 6 UST 3919.",
    );
    p.assert_arcs(&[("signed", "Minute", "acl"), ("Seoul", "signed", "obl")]);
}

/// "Name of Name" before a common noun is the noun's compound: the conference was held,
/// not the Department.
#[test]
fn a_name_of_a_name_modifies_the_noun_after_it() {
    let p =
        parse("A 3-day Department of Defense conference on military policy was held at Quantico.");
    p.assert_arcs(&[
        ("conference", "held", "nsubj:pass"),
        ("Department", "conference", "compound"),
        ("Defense", "Department", "nmod"),
        ("A", "conference", "det"),
    ]);
}

/// A relative clause between commas is its noun's, and what follows the closing comma is
/// the verb's again: the statement was left, not interpreted.
#[test]
fn a_relative_clause_between_commas_belongs_to_its_noun() {
    let p = parse(
        "I therefore left with Matsumoto, who was interpreting, an informal statement on these \
         problems.",
    );
    p.assert_arcs(&[
        ("interpreting", "Matsumoto", "acl:relcl"),
        ("statement", "left", "obj"),
    ]);
}
