//! The annals syntax stage: Universal Dependencies tokens, tags, features, lemmas and a
//! labelled dependency tree for every sentence, from a model that ships inside the binary.
//!
//! ```
//! let model = annals_syntax::Model::builtin();
//! let text = "The Protocol was signed by Ben-Gurion.";
//! let s = model.parse_sentence(text, 0..text.len());
//! let signed = s.tokens.iter().position(|t| s.form(text, t) == "signed").unwrap();
//! assert_eq!(s.tokens[signed].deprel, "root");
//! assert_eq!(s.tokens[signed].feat("Voice"), Some("Pass"));
//! ```
//!
//! The stage has four learned parts, all averaged perceptrons over hashed features (see
//! `ARCHITECTURE.md` for why this family): a UPOS tagger, a morphology classifier (XPOS and
//! FEATS), a lemmatizer (suffix rules and exceptions) and a greedy arc-eager parser trained
//! with a dynamic oracle. The shipped model is trained on UD English EWT (CC BY-SA 4.0) by
//! `cargo run -p annals-syntax --release --bin train`; `data/syntax/README.md` says how.
//!
//! Sentences come from the caller (annals-ingest's splitter); this stage never re-splits
//! them. Every token keeps its byte span in the caller's text.

pub mod conllu;
pub mod feat;
pub mod lemma;
mod model;
pub mod parser;
pub mod perceptron;
mod repair;
pub mod tagger;
pub mod tokenize;
pub mod train;

use std::ops::Range;
use std::sync::OnceLock;

pub use model::{Model, ModelError};

/// The 17 universal part-of-speech tags, in the order the model numbers them.
pub const UPOS: [&str; 17] = [
    "ADJ", "ADP", "ADV", "AUX", "CCONJ", "DET", "INTJ", "NOUN", "NUM", "PART", "PRON", "PROPN",
    "PUNCT", "SCONJ", "SYM", "VERB", "X",
];

/// A universal part-of-speech tag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Upos(u8);

impl Upos {
    pub const ADJ: Upos = Upos(0);
    pub const ADP: Upos = Upos(1);
    pub const ADV: Upos = Upos(2);
    pub const AUX: Upos = Upos(3);
    pub const CCONJ: Upos = Upos(4);
    pub const DET: Upos = Upos(5);
    pub const INTJ: Upos = Upos(6);
    pub const NOUN: Upos = Upos(7);
    pub const NUM: Upos = Upos(8);
    pub const PART: Upos = Upos(9);
    pub const PRON: Upos = Upos(10);
    pub const PROPN: Upos = Upos(11);
    pub const PUNCT: Upos = Upos(12);
    pub const SCONJ: Upos = Upos(13);
    pub const SYM: Upos = Upos(14);
    pub const VERB: Upos = Upos(15);
    pub const X: Upos = Upos(16);

    /// The tag named `s` ("NOUN").
    pub fn from_name(s: &str) -> Option<Upos> {
        UPOS.iter().position(|&u| u == s).map(|i| Upos(i as u8))
    }

    pub fn name(self) -> &'static str {
        UPOS[self.0 as usize]
    }

    pub fn index(self) -> usize {
        self.0 as usize
    }
}

impl std::fmt::Display for Upos {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

/// One syntactic word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token<'m> {
    /// Byte span in the caller's text.
    pub span: Range<usize>,
    pub upos: Upos,
    /// Penn Treebank tag, as EWT writes it ("VBN").
    pub xpos: &'m str,
    /// UD features, `Name=Value|…` sorted by name, or `_`.
    pub feats: &'m str,
    pub lemma: String,
    /// Index of the head in the sentence's tokens, or `None` for the root.
    pub head: Option<usize>,
    /// UD v2 relation with its subtype ("nsubj:pass", "obl:agent").
    pub deprel: &'m str,
}

impl Token<'_> {
    /// The value of feature `name` ("Tense" → "Past").
    pub fn feat(&self, name: &str) -> Option<&str> {
        self.feats.split('|').find_map(|kv| {
            let (k, v) = kv.split_once('=')?;
            (k == name).then_some(v)
        })
    }
}

/// A parsed sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence<'m> {
    /// Byte span of the sentence in the caller's text.
    pub span: Range<usize>,
    pub tokens: Vec<Token<'m>>,
}

impl Sentence<'_> {
    /// The text of a token.
    pub fn form<'t>(&self, text: &'t str, t: &Token<'_>) -> &'t str {
        &text[t.span.clone()]
    }

    /// Indices of the dependents of token `i`, left to right.
    pub fn children(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.tokens
            .iter()
            .enumerate()
            .filter(move |(_, t)| t.head == Some(i))
            .map(|(j, _)| j)
    }

    /// The index of the root token.
    pub fn root(&self) -> Option<usize> {
        self.tokens.iter().position(|t| t.head.is_none())
    }
}

/// The model built into annals, trained on UD English EWT.
static BUILTIN: &[u8] = include_bytes!("../../../data/syntax/en_ewt.model");

impl Model {
    /// The embedded model, read once per process.
    pub fn builtin() -> &'static Model {
        static MODEL: OnceLock<Model> = OnceLock::new();
        MODEL.get_or_init(|| Model::from_bytes(BUILTIN).expect("the embedded syntax model reads"))
    }

    /// The lemma `form` would have as a verb ("said" → "say", "replied" → "reply"), without
    /// tagging or parsing: a cheap test of whether a sentence can hold a given predicate.
    pub fn verb_lemma(&self, form: &str) -> String {
        self.lemma.lemma(form, Upos::VERB.0, "")
    }

    /// Tokenizes `text[span]` to UD conventions and analyzes it as one sentence.
    pub fn parse_sentence(&self, text: &str, span: Range<usize>) -> Sentence<'_> {
        let spans = tokenize::tokenize(text, span.clone());
        self.parse_tokens(text, span, spans)
    }

    /// Analyzes a sentence whose tokens are given (`spans` index `text`).
    pub fn parse_tokens(
        &self,
        text: &str,
        span: Range<usize>,
        spans: Vec<Range<usize>>,
    ) -> Sentence<'_> {
        let forms: Vec<&str> = spans.iter().map(|r| &text[r.clone()]).collect();
        let a = self.analyze(&forms);
        let tokens = spans
            .into_iter()
            .zip(a)
            .map(|(span, w)| Token {
                span,
                upos: w.upos,
                xpos: w.xpos,
                feats: w.feats,
                lemma: w.lemma,
                head: w.head,
                deprel: w.deprel,
            })
            .collect();
        Sentence { span, tokens }
    }

    /// Tags, lemmatizes and parses a sentence given as word forms.
    pub fn analyze(&self, forms: &[&str]) -> Vec<Word<'_>> {
        if forms.is_empty() {
            return Vec::new();
        }
        let words = tagger::Words::new(forms, &|h| self.dict.get(&h).copied().unwrap_or(0));
        let upos = tagger::tag_upos(&self.upos, &words);
        let morph = tagger::tag_morph(&self.morph, &words, &upos, &self.morph_allowed);
        let p: Vec<u64> = morph
            .iter()
            .map(|&m| feat::str_hash(&self.morph_classes[m as usize].0))
            .collect();
        let u: Vec<u64> = upos.iter().map(|&u| u64::from(u)).collect();
        let pw = parser::ParseWords::new(words.norm.clone(), p, u);
        let (heads, labels) = parser::parse(&self.parser, &self.moves, &pw);
        let mut out = forms
            .iter()
            .enumerate()
            .map(|(i, form)| {
                let (xpos, feats) = &self.morph_classes[morph[i] as usize];
                Word {
                    upos: Upos(upos[i]),
                    xpos,
                    feats,
                    lemma: self.lemma.lemma(form, upos[i], xpos),
                    head: (heads[i] != 0).then(|| heads[i] as usize - 1),
                    deprel: &self.labels[labels[i] as usize],
                }
            })
            .collect::<Vec<_>>();
        repair::perfect_across_adverbials(&mut out);
        repair::coordinated_past(&mut out);
        repair::compound_with_case(&mut out);
        repair::clause_after_fronted_date(&mut out);
        repair::date_of_a_coordinated_clause(&mut out);
        repair::content_clause_as_root(&mut out);
        repair::time_read_as_subject(&mut out);
        repair::name_as_modifier(&mut out);
        repair::relative_between_commas(&mut out);
        out
    }
}

/// The analysis of one word form (see [`Token`], which adds the span).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word<'m> {
    pub upos: Upos,
    pub xpos: &'m str,
    pub feats: &'m str,
    pub lemma: String,
    pub head: Option<usize>,
    pub deprel: &'m str,
}
