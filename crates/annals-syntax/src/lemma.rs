//! Lemmas: suffix rules learned from the treebank, plus the exceptions the rules get wrong.
//!
//! A rule is keyed by UPOS, the capitalization of the form and a suffix of the lower-cased
//! form (longest first, up to [`MAX_SUFFIX`] characters); it says whether to lower-case,
//! how many characters to strip and what to append ("killed" VERB x/"ed" → strip 2). The
//! exceptions are the (form, UPOS) pairs of the treebank whose most frequent lemma the rules
//! miss ("was" AUX → "be", "better" ADJ → "good").

use std::collections::HashMap;

use crate::feat::str_hash;

/// Longest suffix a rule looks at.
pub const MAX_SUFFIX: usize = 5;

/// How to turn a form into its lemma.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Edit {
    pub lower: bool,
    pub strip: u8,
    pub append: String,
}

impl Edit {
    /// The edit that turns `form` into `lemma`, lower-casing first when that shares more.
    pub fn between(form: &str, lemma: &str) -> Edit {
        let keep = common_prefix(form, lemma);
        let low = form.to_lowercase();
        let lowp = common_prefix(&low, lemma);
        let (lower, base, cp) = if lowp > keep {
            (true, low.as_str(), lowp)
        } else {
            (false, form, keep)
        };
        Edit {
            lower,
            strip: base[cp..].chars().count().min(255) as u8,
            append: lemma[cp..].to_string(),
        }
    }

    pub fn apply(&self, form: &str) -> String {
        let base = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let n = base.chars().count();
        if usize::from(self.strip) > n {
            return base;
        }
        let cut = base
            .char_indices()
            .nth(n - usize::from(self.strip))
            .map_or(base.len(), |(i, _)| i);
        let mut out = base[..cut].to_string();
        out.push_str(&self.append);
        out
    }
}

/// Byte length of the common prefix, on character boundaries.
fn common_prefix(a: &str, b: &str) -> usize {
    a.char_indices()
        .zip(b.chars())
        .find(|((_, x), y)| x != y)
        .map_or_else(|| a.len().min(b.len()), |((i, _), _)| i)
}

/// Capitalization class of a form: 0 lower or no letters, 1 Title, 2 UPPER, 3 mixed,
/// 4 letters and digits. The last is its own class because the treebank keeps the case of
/// codes and dates ("01-Feb-02", "A380") more often than it lower-cases them, unlike words.
pub fn case_class(form: &str) -> u8 {
    if form.chars().any(|c| c.is_ascii_digit()) && form.chars().any(char::is_alphabetic) {
        return 4;
    }
    let mut letters = form.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return 0;
    };
    let rest_upper = form.chars().skip(1).any(char::is_uppercase);
    let rest_lower = form.chars().skip(1).any(char::is_lowercase);
    match (first.is_uppercase(), rest_upper, rest_lower) {
        (false, false, _) => 0,
        (true, false, _) => 1,
        (true, true, false) => 2,
        _ => 3,
    }
}

/// The lemmatizer. Its tables are keyed by hashes of their keys ([`rule_key`],
/// [`pair_key`], [`xpos_key`]), so a lookup allocates nothing.
#[derive(Clone, Debug, Default)]
pub struct Lemmatizer {
    /// (upos, case class, suffix) → edit.
    pub(crate) rules: HashMap<u64, Edit>,
    /// (form, upos) → lemma, where the rules are wrong.
    pub(crate) exceptions: HashMap<u64, String>,
    /// (form, upos, xpos) → lemma, where the pair's lemma is wrong.
    pub(crate) by_xpos: HashMap<u64, String>,
}

/// The key of a rule.
pub fn rule_key(upos: u8, case: u8, suffix: &str) -> u64 {
    str_hash(suffix) ^ (u64::from(upos) << 56) ^ (u64::from(case) << 48)
}

/// The key of a (form, UPOS) exception.
pub fn pair_key(form: &str, upos: u8) -> u64 {
    str_hash(form).rotate_left(7) ^ u64::from(upos).wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

/// The key of a (form, UPOS, XPOS) exception.
pub fn xpos_key(form: &str, upos: u8, xpos: &str) -> u64 {
    pair_key(form, upos) ^ str_hash(xpos).rotate_left(31)
}

impl Lemmatizer {
    /// Learns rules and exceptions from `(form, upos, xpos, lemma)` quadruples.
    pub fn learn<'a>(words: impl Iterator<Item = (&'a str, u8, &'a str, &'a str)>) -> Lemmatizer {
        let mut counts: HashMap<(u8, u8, String), HashMap<Edit, u32>> = HashMap::new();
        // (the tie-breaks below make the result independent of iteration order)
        let mut pairs: HashMap<(String, u8), HashMap<String, u32>> = HashMap::new();
        let mut triples: HashMap<(String, u8, String), HashMap<String, u32>> = HashMap::new();
        for (form, upos, xpos, lemma) in words {
            *pairs
                .entry((form.to_string(), upos))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            *triples
                .entry((form.to_string(), upos, xpos.to_string()))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
        }
        // rules count each distinct (form, upos) once, by its most frequent lemma, so that a
        // few frequent irregular words do not outvote the regular pattern
        let mut best: Vec<((String, u8), String)> = pairs
            .into_iter()
            .map(|(k, ls)| (k, most_frequent(ls)))
            .collect();
        best.sort();
        for ((form, upos), lemma) in &best {
            let edit = Edit::between(form, lemma);
            let low = form.to_lowercase();
            let cc = case_class(form);
            // a rule keyed by a suffix rewrites only that suffix: "ed" may strip two
            // letters, never four ("GOOGLEZON" is no "ENRON")
            let first = usize::from(edit.strip);
            for n in first..=MAX_SUFFIX.min(low.chars().count()) {
                let suf = crate::feat::suffix(&low, n).to_string();
                *counts
                    .entry((*upos, cc, suf))
                    .or_default()
                    .entry(edit.clone())
                    .or_default() += 1;
            }
        }
        let mut rules = HashMap::new();
        for (key, edits) in counts {
            let total: u32 = edits.values().sum();
            let (edit, n) = edits
                .into_iter()
                .max_by(|a, b| {
                    a.1.cmp(&b.1)
                        .then_with(|| b.0.strip.cmp(&a.0.strip))
                        .then_with(|| b.0.append.cmp(&a.0.append))
                        .then_with(|| b.0.lower.cmp(&a.0.lower))
                })
                .unwrap();
            // a suffix seen once is no rule, unless it is the only thing known (n = 0)
            if key.2.is_empty() || (total >= 2 && n * 2 > total) || total >= 5 {
                rules.insert(rule_key(key.0, key.1, &key.2), edit);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            exceptions: HashMap::new(),
            by_xpos: HashMap::new(),
        };
        for ((form, upos), lemma) in best {
            if lem.by_rule(&form, upos) != lemma {
                lem.exceptions.insert(pair_key(&form, upos), lemma);
            }
        }
        let mut by_xpos: Vec<((String, u8, String), String)> = triples
            .into_iter()
            .map(|(k, ls)| (k, most_frequent(ls)))
            .collect();
        by_xpos.sort();
        for ((form, upos, xpos), lemma) in by_xpos {
            if lem.by_pair(&form, upos) != lemma {
                lem.by_xpos.insert(xpos_key(&form, upos, &xpos), lemma);
            }
        }
        lem
    }

    fn by_rule(&self, form: &str, upos: u8) -> String {
        if let Some(n) = grouped_number(form, upos) {
            return n;
        }
        let low = form.to_lowercase();
        let cc = case_class(form);
        let n = low.chars().count();
        for len in (0..=MAX_SUFFIX.min(n)).rev() {
            let suf = crate::feat::suffix(&low, len);
            if let Some(e) = self.rules.get(&rule_key(upos, cc, suf)) {
                return e.apply(form);
            }
        }
        form.to_string()
    }

    /// The lemma of `form` tagged `upos` and `xpos`.
    pub fn lemma(&self, form: &str, upos: u8, xpos: &str) -> String {
        if let Some(l) = self.by_xpos.get(&xpos_key(form, upos, xpos)) {
            return l.clone();
        }
        let low = (case_class(form) != 0).then(|| form.to_lowercase());
        if let Some(low) = &low {
            if let Some(l) = self.by_xpos.get(&xpos_key(low, upos, xpos)) {
                return l.clone();
            }
        }
        if let Some(l) = self.exceptions.get(&pair_key(form, upos)) {
            return l.clone();
        }
        if let Some(low) = &low {
            if let Some(l) = self.exceptions.get(&pair_key(low, upos)) {
                return l.clone();
            }
        }
        silent_e(form, upos, self.by_rule(form, upos))
    }

    fn by_pair(&self, form: &str, upos: u8) -> String {
        if let Some(l) = self.exceptions.get(&pair_key(form, upos)) {
            return l.clone();
        }
        if case_class(form) != 0 {
            if let Some(l) = self.exceptions.get(&pair_key(&form.to_lowercase(), upos)) {
                return l.clone();
            }
        }
        self.by_rule(form, upos)
    }
}

/// Verbs whose base form ends in a silent e (`data/syntax/silent_e_verbs.txt`, from SCOWL).
static SILENT_E: &str = include_str!("../../../data/syntax/silent_e_verbs.txt");

fn silent_e_verbs() -> &'static std::collections::HashSet<&'static str> {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| {
        SILENT_E
            .lines()
            .filter(|l| !l.starts_with('#') && !l.is_empty())
            .collect()
    })
}

/// A verb the treebank never showed loses its silent e with the ending under the suffix
/// rules ("intervened" → "interven", "convening" → "conven"): the e comes back when the
/// stem plus e is a verb of the word list and the stem alone is no word.
fn silent_e(form: &str, upos: u8, lemma: String) -> String {
    if upos != crate::Upos::VERB.0 || lemma.ends_with('e') {
        return lemma;
    }
    let low = form.to_ascii_lowercase();
    if !(low.ends_with("ed") || low.ends_with("ing")) {
        return lemma;
    }
    let with_e = format!("{lemma}e");
    if silent_e_verbs().contains(with_e.as_str()) {
        with_e
    } else {
        lemma
    }
}

/// UD writes the lemma of a number with thousands separators without them ("420,588" →
/// "420588": all 108 such numbers of EWT train). No suffix rule can say that.
fn grouped_number(form: &str, upos: u8) -> Option<String> {
    if upos != crate::Upos::NUM.0 || !form.contains(',') {
        return None;
    }
    let (int, frac) = form.split_once('.').unwrap_or((form, ""));
    let mut groups = int.split(',');
    let head = groups.next()?;
    let digits = |g: &str| g.bytes().all(|b| b.is_ascii_digit());
    let ok = (1..=3).contains(&head.len())
        && digits(head)
        && groups.all(|g| g.len() == 3 && digits(g))
        && digits(frac);
    ok.then(|| form.replace(',', ""))
}

/// The most frequent key, the smallest on ties.
fn most_frequent(counts: HashMap<String, u32>) -> String {
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
        .unwrap()
        .0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits() {
        let e = Edit::between("killed", "kill");
        assert_eq!((e.lower, e.strip, e.append.as_str()), (false, 2, ""));
        assert_eq!(e.apply("signed"), "sign");
        let e = Edit::between("The", "the");
        assert!(e.lower);
        assert_eq!(
            Edit::between("Treaties", "treaty").apply("Parties"),
            "party"
        );
    }

    #[test]
    fn an_unknown_verb_keeps_its_silent_e() {
        let verb = crate::Upos::VERB.0;
        assert_eq!(silent_e("intervened", verb, "interven".into()), "intervene");
        assert_eq!(silent_e("convening", verb, "conven".into()), "convene");
        // a stem that is a word stays ("hopped"/"hoped" is the treebank's to say)
        assert_eq!(silent_e("opened", verb, "open".into()), "open");
        assert_eq!(
            silent_e("intervened", crate::Upos::NOUN.0, "interven".into()),
            "interven"
        );
    }

    #[test]
    fn grouped_numbers_lose_their_separators() {
        let num = crate::Upos::NUM.0;
        assert_eq!(grouped_number("420,588", num).as_deref(), Some("420588"));
        assert_eq!(
            grouped_number("1,993,045.50", num).as_deref(),
            Some("1993045.50")
        );
        assert_eq!(grouped_number("12,34", num), None);
        assert_eq!(grouped_number("420,588", crate::Upos::PROPN.0), None);
        assert_eq!(case_class("01-Feb-02"), 4);
        assert_eq!(case_class("Feb"), 1);
    }

    #[test]
    fn rules_generalize_and_exceptions_hold() {
        let data = [
            ("signed", 1u8, "VBD", "sign"),
            ("killed", 1, "VBD", "kill"),
            ("agreed", 1, "VBD", "agree"),
            ("walked", 1, "VBD", "walk"),
            ("was", 1, "VBD", "be"),
            ("treaties", 2, "NNS", "treaty"),
            ("parties", 2, "NNS", "party"),
            ("her", 3, "PRP", "she"),
            ("her", 3, "PRP", "she"),
            ("her", 3, "PRP$", "her"),
        ];
        let lem = Lemmatizer::learn(data.iter().copied());
        assert_eq!(lem.lemma("pleaded", 1, "VBD"), "plead"); // suffix "ed": strip 2
        assert_eq!(lem.lemma("was", 1, "VBD"), "be");
        assert_eq!(lem.lemma("Was", 1, "VBD"), "be");
        assert_eq!(lem.lemma("countries", 2, "NNS"), "country");
        assert_eq!(lem.lemma("signed", 1, "VBN"), "sign");
        assert_eq!(lem.lemma("her", 3, "PRP"), "she");
        assert_eq!(lem.lemma("her", 3, "PRP$"), "her");
        assert_eq!(lem.lemma("Her", 3, "PRP$"), "her");
    }
}
