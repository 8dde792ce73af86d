//! Repairs of the greedy parser's trees where a construction is certain from the words and
//! the parser, trained on web English, misses it in the prose of archives.
//!
//! Each repair is a rule over the finished tree, measured on EWT (it must not lower LAS
//! there) and on the dated documents whose events depend on it.

use crate::{Upos, Word};

/// Nouns that name the time of a clause as its object would: "has this date approved".
const TIME_NOUNS: &[&str] = &["date", "day", "morning", "afternoon", "evening", "week"];

/// Whether word `v` has a subject (active or passive).
fn has_subject(words: &[Word<'_>], v: usize) -> bool {
    words
        .iter()
        .any(|w| w.head == Some(v) && matches!(w.deprel, "nsubj" | "nsubj:pass"))
}

/// The perfect with words between the auxiliary and the participle: "had on April 6 passed
/// a resolution", "has this date approved", "We had, however, instructed the Embassy". The
/// parser makes "have" the main verb and the participle its conjunct or complement; the
/// participle is the head, "have" its auxiliary.
pub(crate) fn perfect_across_adverbials(words: &mut [Word<'_>]) {
    for h in 0..words.len() {
        if words[h].upos != Upos::VERB || words[h].lemma != "have" {
            continue;
        }
        let Some(p) = split_participle(words, h) else {
            continue;
        };
        // "have" hung from the participle ("We had, however, instructed": "had" a
        // parataxis of "instructed") keeps the participle's place in the tree
        let (head, rel) = if words[h].head == Some(p) {
            (words[p].head, words[p].deprel)
        } else {
            (words[h].head, words[h].deprel)
        };
        for (k, w) in words.iter_mut().enumerate() {
            if w.head == Some(h) && k != p {
                w.head = Some(p);
                if w.deprel == "obj" {
                    w.deprel = "obl:tmod";
                }
            }
        }
        words[p].head = head;
        words[p].deprel = rel;
        words[p].xpos = "VBN";
        words[p].feats = "Tense=Past|VerbForm=Part";
        words[h].head = Some(p);
        words[h].deprel = "aux";
        words[h].upos = Upos::AUX;
    }
}

/// A past form the tagger read as a passive participle, coordinated with a finite past verb
/// and taking an object, without an auxiliary: "called Secretary Wilson July 18 and advised
/// him" — the second verb is finite and active like the first ("was called and advised"
/// has its auxiliary, "advised him" its object).
pub(crate) fn coordinated_past(words: &mut [Word<'_>]) {
    // what each word's dependents are: (has aux, has obj), in one pass
    let mut dep = vec![(false, false); words.len()];
    for w in words.iter() {
        if let Some(h) = w.head {
            dep[h].0 |= matches!(w.deprel, "aux" | "aux:pass" | "nsubj:pass");
            dep[h].1 |= w.deprel == "obj";
        }
    }
    for k in 0..words.len() {
        let w = &words[k];
        let Some(h) = w.head else { continue };
        let finite_past = words[h].xpos == "VBD" && words[h].upos == Upos::VERB;
        if w.deprel != "conj" || w.xpos != "VBN" || w.upos != Upos::VERB || !finite_past {
            continue;
        }
        let (aux, obj) = dep[k];
        if obj && !aux {
            words[k].xpos = "VBD";
            words[k].feats = "Mood=Ind|Tense=Past|VerbForm=Fin";
        }
    }
}

/// A phrase with its own preposition the parser made a compound of the noun after it:
/// "in Tokyo, Ambassador Allison presented …" (Tokyo `compound` of Allison). A compound
/// takes no preposition; the phrase is the clause's place or time — an oblique of the verb
/// the noun is an argument of — or else a modifier of the noun.
pub(crate) fn compound_with_case(words: &mut [Word<'_>]) {
    // words with a `case` dependent before them (the loop changes only compounds' heads)
    let mut case_before = vec![false; words.len()];
    for (k, w) in words.iter().enumerate() {
        if let Some(h) = w.head {
            if k < h && w.deprel == "case" {
                case_before[h] = true;
            }
        }
    }
    for x in 0..words.len() {
        let Some(h) = words[x].head else { continue };
        if words[x].deprel != "compound" || x > h || !case_before[x] {
            continue;
        }
        let argument = matches!(words[h].deprel, "nsubj" | "nsubj:pass" | "obj" | "iobj");
        match words[h].head.filter(|_| argument) {
            Some(v) => {
                words[x].head = Some(v);
                words[x].deprel = "obl";
            }
            None => words[x].deprel = "nmod",
        }
    }
}

/// A clause after a fronted date or reference that the parser made the sentence's root:
/// "In telegram 2487, April 1, Allison reported …" (root "1", "reported" its `parataxis`).
/// A verb with its own subject, hanging by `parataxis` from a root that is a number or a
/// noun, after it, is the root; the date is its oblique, and the root's adverbials and
/// punctuation go with the verb.
pub(crate) fn clause_after_fronted_date(words: &mut [Word<'_>]) {
    let Some(r) = words.iter().position(|w| w.head.is_none()) else {
        return;
    };
    if !matches!(words[r].upos, Upos::NUM | Upos::NOUN | Upos::PROPN) {
        return;
    }
    let Some(v) = (r + 1..words.len()).find(|&k| {
        words[k].head == Some(r)
            && words[k].deprel == "parataxis"
            && words[k].upos == Upos::VERB
            && words[k].feats.contains("VerbForm=Fin")
            && has_subject(words, k)
    }) else {
        return;
    };
    // the root must read as a date or a time: a number, or a noun with a number in it
    let numeric = words[r].upos == Upos::NUM
        || words
            .iter()
            .any(|w| w.head == Some(r) && w.upos == Upos::NUM && w.deprel == "nummod");
    if !numeric {
        return;
    }
    for (k, w) in words.iter_mut().enumerate() {
        if k != v
            && w.head == Some(r)
            && matches!(w.deprel, "obl" | "advmod" | "advcl" | "punct" | "parataxis")
        {
            w.head = Some(v);
        }
    }
    words[v].head = None;
    words[v].deprel = "root";
    words[r].head = Some(v);
    let case = words
        .iter()
        .any(|w| w.head == Some(r) && w.deprel == "case");
    words[r].deprel = if case { "obl" } else { "obl:unmarked" };
}

/// A date fronted in a coordinated clause that the parser made a conjunct of the first
/// clause's verb, hanging the second verb from it or from the date by `parataxis`: "they
/// met with Bulganin at the Kremlin, and on October 19, 1956, they signed the Joint
/// Declaration" read "met … and … 19" with "signed" aside, dating the meeting. A numeric
/// conjunct with a preposition, followed (past its own words) by a finite verb with a
/// subject that hangs from the same verb or from it, is that verb's oblique; the verb is
/// the conjunct, with the "and".
pub(crate) fn date_of_a_coordinated_clause(words: &mut [Word<'_>]) {
    for d in 0..words.len() {
        let Some(h) = words[d].head else { continue };
        if words[d].deprel != "conj"
            || h > d
            || !matches!(words[d].upos, Upos::NUM | Upos::NOUN | Upos::PROPN)
        {
            continue;
        }
        let child = |words: &[Word<'_>], rel: &str| {
            words
                .iter()
                .position(|w| w.head == Some(d) && w.deprel == rel)
        };
        let numeric = words[d].upos == Upos::NUM
            || words
                .iter()
                .any(|w| w.head == Some(d) && w.upos == Upos::NUM);
        if !numeric || child(words, "case").is_none() {
            continue;
        }
        let Some(v) = (d + 1..words.len()).find(|&k| words[k].upos == Upos::VERB) else {
            continue;
        };
        let subject = has_subject(words, v);
        let hangs = (words[v].head == Some(h) || words[v].head == Some(d))
            && matches!(words[v].deprel, "parataxis" | "conj");
        if !subject || !hangs || !words[v].feats.contains("VerbForm=Fin") {
            continue;
        }
        for w in words.iter_mut() {
            if w.head == Some(d) && w.deprel == "cc" {
                w.head = Some(v);
            }
        }
        words[v].head = Some(h);
        words[v].deprel = "conj";
        words[d].head = Some(v);
        words[d].deprel = "obl";
    }
}

/// A content clause the parser made the root, with the verb that introduces it as its
/// adverbial clause: "Ambassador Malik told the Japanese ambassador …, Kase Toshikazu, that
/// Moscow had decided to vote …" read "decided" the root and "told" its `advcl`. A root
/// that opens with "that" after a verb with a subject hanging from it as `advcl` is that
/// verb's `ccomp`; the verb is the root, with the root's words before "that". Not a verb
/// with a subordinator of its own ("if they agree, that we authorize …"). On the article
/// and the FRUS documents it fires once; on EWT dev and test never.
pub(crate) fn content_clause_as_root(words: &mut [Word<'_>]) {
    let Some(r) = words.iter().position(|w| w.head.is_none()) else {
        return;
    };
    let Some(m) = words
        .iter()
        .position(|w| w.head == Some(r) && w.deprel == "mark" && w.lemma == "that")
    else {
        return;
    };
    let Some(v) = (0..m).find(|&k| {
        words[k].head == Some(r) && words[k].deprel == "advcl" && words[k].upos == Upos::VERB
    }) else {
        return;
    };
    let subject = has_subject(words, v);
    // a verb with a subordinator of its own is an adverbial clause ("if they agree, that
    // we authorize …")
    let subordinate = words
        .iter()
        .any(|w| w.head == Some(v) && w.deprel == "mark");
    if subordinate {
        return;
    }
    // "that" must open the root's clause: nothing of the root's but punctuation between
    // the verb's words and it
    let before_mark = (v + 1..m).all(|k| words[k].head != Some(r) || words[k].deprel == "punct");
    if !subject || !before_mark || !words[v].feats.contains("VerbForm=Fin") {
        return;
    }
    for (k, w) in words.iter_mut().enumerate() {
        if k < v && w.head == Some(r) {
            w.head = Some(v);
        }
    }
    words[v].head = None;
    words[v].deprel = "root";
    words[r].head = Some(v);
    words[r].deprel = "ccomp";
}

/// A relative clause set off by commas that the parser hung on the verb as an adverbial
/// clause, taking the verb's object after its closing comma: "I therefore left with
/// Matsumoto, who was interpreting, an informal statement" read "who was interpreting … a
/// statement". A clause whose subject is "who" or "which" right after "noun ," is that
/// noun's relative clause; what follows its closing comma is the verb's again.
pub(crate) fn relative_between_commas(words: &mut [Word<'_>]) {
    for v in 0..words.len() {
        let Some(m) = words[v].head else { continue };
        if words[v].deprel != "advcl" || words[v].upos != Upos::VERB || m > v {
            continue;
        }
        let Some(w) = (0..v).find(|&k| {
            words[k].head == Some(v)
                && words[k].deprel == "nsubj"
                && matches!(words[k].lemma.to_lowercase().as_str(), "who" | "which")
        }) else {
            continue;
        };
        let noun = w.checked_sub(2).filter(|&n| {
            words[w - 1].lemma == "," && matches!(words[n].upos, Upos::NOUN | Upos::PROPN) && m < n
        });
        let Some(n) = noun else { continue };
        // the closing comma: the first comma after the verb, inside its words
        let Some(c) = (v + 1..words.len()).find(|&k| words[k].lemma == ",") else {
            continue;
        };
        let under_v = |words: &[Word<'_>], mut k: usize| {
            while let Some(up) = words[k].head {
                if up == v {
                    return true;
                }
                k = up;
            }
            false
        };
        if !(v + 1..c).all(|k| under_v(words, k)) {
            continue;
        }
        for w in &mut words[c + 1..] {
            if w.head == Some(v) {
                w.head = Some(m);
            }
        }
        words[c].head = Some(v);
        words[c].deprel = "punct";
        words[v].head = Some(n);
        words[v].deprel = "acl:relcl";
    }
}

/// A name of the form "X of Y" modifying the common noun after it, which the parser read
/// as "X of [Y noun]": "A 3-day Department of Defense conference on military policy was
/// held …" made "conference" the Department's `nmod`, the Department the subject. A common
/// noun after "Name of Name", whose only words before it in its phrase are "of" and names,
/// is the head of the phrase: "Name of Name" is its compound, and the name's determiner
/// and modifiers before it are the noun's ("a Department of State official").
pub(crate) fn name_as_modifier(words: &mut [Word<'_>]) {
    for n in 0..words.len() {
        let Some(h) = words[n].head else { continue };
        if words[n].deprel != "nmod"
            || words[n].upos != Upos::NOUN
            || words[h].upos != Upos::PROPN
            || h + 3 > n
        {
            continue;
        }
        // "of", then only names, each a compound of the noun
        let of = h + 1;
        let names = of + 1..n;
        let shape = words[of].lemma == "of"
            && words[of].head == Some(n)
            && words[of].deprel == "case"
            && names.clone().all(|k| {
                words[k].upos == Upos::PROPN
                    && words[k].head == Some(n)
                    && words[k].deprel == "compound"
            });
        if !shape {
            continue;
        }
        // the name's own phrase is "of Y": Y its nmod, "of" Y's case
        let y = n - 1;
        for k in names.clone() {
            if k != y {
                words[k].head = Some(y);
            }
        }
        words[of].head = Some(y);
        words[y].head = Some(h);
        words[y].deprel = "nmod";
        for w in &mut words[..h] {
            if w.head == Some(h)
                && matches!(
                    w.deprel,
                    "det" | "amod" | "nummod" | "compound" | "nmod:poss"
                )
            {
                w.head = Some(n);
            }
        }
        words[n].head = words[h].head;
        words[n].deprel = words[h].deprel;
        words[h].head = Some(n);
        words[h].deprel = "compound";
    }
}

/// A time the parser made the subject of a relative clause without a relative word:
/// "The negotiations last year had put a strain on relations" read as "the negotiations
/// [that] last year had put …", rooted on "negotiations". A finite verb as `acl:relcl` of a
/// noun root, with no relative word, whose subject is a time phrase right after that noun
/// ("last year", "this week"), is the root; the noun is its subject and the time phrase
/// dates the noun ("the negotiations last year").
pub(crate) fn time_read_as_subject(words: &mut [Word<'_>]) {
    const TIMES: &[&str] = &[
        "year", "month", "week", "spring", "summer", "autumn", "fall", "winter",
    ];
    let children = |words: &[Word<'_>], i: usize| -> Vec<usize> {
        (0..words.len())
            .filter(|&k| words[k].head == Some(i))
            .collect()
    };
    let Some(root) = words.iter().position(|w| w.head.is_none()) else {
        return;
    };
    // the noun is the root, or the subject of a gerund or participle without auxiliary the
    // parser rooted the sentence on instead ("…, almost bringing down the Government")
    let nonfinite = |words: &[Word<'_>], r: usize| {
        words[r].upos == Upos::VERB
            && (words[r].feats.contains("VerbForm=Ger") || words[r].feats.contains("VerbForm=Part"))
            && !children(words, r)
                .iter()
                .any(|&a| words[a].deprel.starts_with("aux"))
    };
    let (n, gerund) = if words[root].upos == Upos::NOUN {
        (root, None)
    } else if nonfinite(words, root) {
        let subject = children(words, root)
            .into_iter()
            .find(|&k| k < root && words[k].deprel == "nsubj" && words[k].upos == Upos::NOUN);
        match subject {
            Some(n) => (n, Some(root)),
            None => return,
        }
    } else {
        return;
    };
    // finite, or a participle with its finite auxiliary ("had put")
    let finite = |words: &[Word<'_>], k: usize| {
        words[k].feats.contains("VerbForm=Fin")
            || children(words, k)
                .iter()
                .any(|&a| words[a].deprel == "aux" && words[a].feats.contains("VerbForm=Fin"))
    };
    let Some(v) = children(words, n).into_iter().find(|&k| {
        k > n && words[k].deprel == "acl:relcl" && words[k].upos == Upos::VERB && finite(words, k)
    }) else {
        return;
    };
    let of_v = children(words, v);
    let relative = of_v
        .iter()
        .any(|&k| words[k].feats.contains("PronType=Rel") || words[k].deprel == "mark");
    let Some(t) = of_v.iter().copied().find(|&k| words[k].deprel == "nsubj") else {
        return;
    };
    let time = TIMES.contains(&words[t].lemma.to_lowercase().as_str())
        && children(words, t)
            .iter()
            .all(|&k| k > n && matches!(words[k].upos, Upos::ADJ | Upos::DET))
        && (n + 1..t).all(|k| words[k].head == Some(t));
    if relative || !time || gerund.is_some_and(|r| r < v) {
        return;
    }
    let hang_on_v = gerund.unwrap_or(n);
    for k in children(words, hang_on_v) {
        if k > v && words[k].deprel == "punct" && (gerund.is_none() || words[k].lemma == ".") {
            words[k].head = Some(v);
        }
    }
    if let Some(r) = gerund {
        words[r].head = Some(v);
        words[r].deprel = "advcl";
    }
    words[v].head = None;
    words[v].deprel = "root";
    words[n].head = Some(v);
    words[n].deprel = "nsubj";
    words[t].head = Some(n);
    words[t].deprel = "nmod:tmod";
}

/// The participle that verb "have" at `h` is the auxiliary of, when the parser split them:
/// a past form after it, attached to it as conjunct or complement without a subject or a
/// conjunction of its own, with only adverbials, a date or commas between; and "have"
/// without an object of its own other than a time ("this date").
fn split_participle(words: &[Word<'_>], h: usize) -> Option<usize> {
    let children = |i: usize| (0..words.len()).filter(move |&k| words[k].head == Some(i));
    let has_object = children(h).any(|k| {
        words[k].deprel == "obj" && !TIME_NOUNS.contains(&words[k].lemma.to_lowercase().as_str())
    });
    if has_object {
        return None;
    }
    let past = |k: usize| {
        k > h && k <= h + 6 && words[k].upos == Upos::VERB && matches!(words[k].xpos, "VBD" | "VBN")
    };
    // the participle a dependent of "have", or "have" one of the participle's
    let p = children(h)
        .find(|&k| past(k) && matches!(words[k].deprel, "conj" | "xcomp" | "ccomp" | "parataxis"))
        .or_else(|| {
            let p = words[h].head?;
            let split = matches!(words[h].deprel, "parataxis" | "dep" | "advcl" | "ccomp");
            (past(p) && split).then_some(p)
        })?;
    let own_clause = children(p).any(|k| {
        k != h
            && matches!(
                words[k].deprel,
                "nsubj" | "nsubj:pass" | "cc" | "mark" | "aux" | "aux:pass"
            )
    });
    // between: adverbs, a date or time noun with its words, commas — no other verb
    let between_ok = (h + 1..p).all(|k| {
        matches!(
            words[k].upos,
            Upos::ADV | Upos::PUNCT | Upos::NUM | Upos::PROPN | Upos::ADP | Upos::DET
        ) || words[k].upos == Upos::NOUN
            && TIME_NOUNS.contains(&words[k].lemma.to_lowercase().as_str())
    });
    (!own_clause && between_ok).then_some(p)
}

#[cfg(test)]
mod tests {
    use crate::Model;

    fn tree(text: &str) -> Vec<(String, Option<String>, String)> {
        let m = Model::builtin();
        let s = m.parse_sentence(text, 0..text.len());
        s.tokens
            .iter()
            .map(|t| {
                let head = t.head.map(|h| s.form(text, &s.tokens[h]).to_string());
                (s.form(text, t).to_string(), head, t.deprel.to_string())
            })
            .collect()
    }

    fn of<'a>(
        t: &'a [(String, Option<String>, String)],
        w: &str,
    ) -> &'a (String, Option<String>, String) {
        t.iter().find(|x| x.0 == w).unwrap()
    }

    #[test]
    fn a_perfect_split_by_a_date_or_an_adverb_is_one_verb() {
        for (text, verb) in [
            (
                "The Lower House had on April 6 passed a resolution.",
                "passed",
            ),
            (
                "The President has this date approved the statement.",
                "approved",
            ),
            (
                "We had, however, instructed the Embassy to inform Hatoyama.",
                "instructed",
            ),
            // the parser hung "had" from the participle this time
            (
                "We had, however, instructed Tokyo to inform Hatoyama that Shigemitsu as head of the delegation would decide who attended meetings.",
                "instructed",
            ),
        ] {
            let t = tree(text);
            assert_eq!(of(&t, verb).2, "root", "{text}: {t:?}");
            let have = t.iter().find(|x| x.0 == "had" || x.0 == "has").unwrap();
            assert_eq!(
                (have.1.as_deref(), have.2.as_str()),
                (Some(verb), "aux"),
                "{t:?}"
            );
        }
        // the subject is the participle's
        let t = tree("The Lower House had on April 6 passed a resolution.");
        assert_eq!(of(&t, "House").1.as_deref(), Some("passed"));
        // a coordinated past with an object is active
        let m = Model::builtin();
        let text = "I called Secretary Wilson July 18 and advised him that it was late.";
        let s = m.parse_sentence(text, 0..text.len());
        let advised = s
            .tokens
            .iter()
            .find(|t| s.form(text, t) == "advised")
            .unwrap();
        assert_eq!(advised.feat("Voice"), None, "{advised:?}");
        assert_eq!(advised.feat("VerbForm"), Some("Fin"));
        // "had" with an object of its own stays the verb
        let t = tree("The Embassy had no instructions and waited.");
        assert_eq!(of(&t, "had").2, "root", "{t:?}");
    }

    #[test]
    fn a_time_read_as_a_relative_clauses_subject_dates_the_noun_before_it() {
        let t = tree("The negotiations last year had put an unbearable strain on relations.");
        assert_eq!(of(&t, "put").2, "root", "{t:?}");
        assert_eq!(of(&t, "negotiations").1.as_deref(), Some("put"));
        assert_eq!(of(&t, "negotiations").2, "nsubj");
        assert_eq!(of(&t, "year").1.as_deref(), Some("negotiations"));
        // the parser rooted it on the gerund after it
        let t = tree(
            "The negotiations last year had put an unbearable strain on Japanese-US relations, \
             almost bringing down the Japanese Government.",
        );
        assert_eq!(of(&t, "put").2, "root", "{t:?}");
        assert_eq!(of(&t, "bringing").1.as_deref(), Some("put"));
        assert_eq!(of(&t, "year").1.as_deref(), Some("negotiations"));
        // a relative clause with its relative word stays one
        let t = tree("The talks that last year had failed were resumed.");
        assert_ne!(of(&t, "failed").2, "root", "{t:?}");
    }

    #[test]
    fn a_clause_after_a_fronted_date_is_the_root() {
        // the parser makes "1" the root of this one (and gets the shorter "In telegram
        // 2487, April 1, Allison reported that …" right)
        let text = "In telegram 2487, April 1, 1955, Allison reported learning from Shigemitsu \
                    that the Cabinet had decided to send the Foreign Minister to the United States.";
        let t = tree(text);
        assert_eq!(of(&t, "reported").2, "root", "{t:?}");
        assert_eq!(of(&t, "Allison").1.as_deref(), Some("reported"));
        assert_eq!(of(&t, "learning").1.as_deref(), Some("reported"), "{t:?}");
        // the date hangs from the verb, as its oblique
        let date = t.iter().find(|x| x.0 == "1").unwrap();
        assert_eq!(date.1.as_deref(), Some("reported"), "{t:?}");
        assert!(date.2.starts_with("obl"), "{t:?}");
    }

    #[test]
    fn a_date_fronted_in_a_coordinated_clause_dates_that_clause() {
        let text = "The next day they met with the chairman of the USSR Council of Ministers, \
                    Nikolai A. Bulganin, at the Kremlin, and on October 19, 1956, they signed \
                    the Soviet-Japanese Joint Declaration.";
        let t = tree(text);
        assert_eq!(of(&t, "19").1.as_deref(), Some("signed"), "{t:?}");
        assert_eq!(of(&t, "19").2, "obl", "{t:?}");
        assert_eq!(
            (of(&t, "signed").1.as_deref(), of(&t, "signed").2.as_str()),
            (Some("met"), "conj"),
            "{t:?}"
        );
        assert_eq!(of(&t, "and").1.as_deref(), Some("signed"), "{t:?}");
    }

    #[test]
    fn what_is_told_is_the_tellings_content_not_its_root() {
        let text = "And a few days later, Ambassador Malik told the Japanese ambassador to the \
                    United Nations, Kase Toshikazu, that Moscow had decided to vote for the \
                    admission of Japan and Spain.";
        let t = tree(text);
        assert_eq!(of(&t, "told").2, "root", "{t:?}");
        assert_eq!(
            (of(&t, "decided").1.as_deref(), of(&t, "decided").2.as_str()),
            (Some("told"), "ccomp"),
            "{t:?}"
        );
        assert_eq!(of(&t, "later").1.as_deref(), Some("told"), "{t:?}");
        assert_eq!(of(&t, "Moscow").1.as_deref(), Some("decided"), "{t:?}");
    }

    #[test]
    fn a_phrase_with_a_preposition_is_no_compound() {
        let text = "On September 8, in Tokyo, Ambassador Allison presented the same paper.";
        let t = tree(text);
        assert_eq!(
            (of(&t, "Tokyo").1.as_deref(), of(&t, "Tokyo").2.as_str()),
            (Some("presented"), "obl"),
            "{t:?}"
        );
        assert_eq!(of(&t, "Allison").2, "nsubj");
    }
}
