//! Training: everything the `train` binary does, as a library so tests can train tiny
//! models. Deterministic: one seeded generator drives every shuffle and every exploration
//! choice, and all tables are built in sorted order.
//!
//! The parser is trained on *predicted* tags (jackknifing: the taggers are trained on all
//! folds but one and tag the one), so that it learns to live with the tagger's mistakes as
//! it will at run time.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rustc_hash::FxHashMap;

use crate::conllu::TreebankSentence;
use crate::feat::{normalize, str_hash};
use crate::lemma::Lemmatizer;
use crate::model::Model;
use crate::parser::{self, Config, Move, Moves, ParseWords};
use crate::perceptron::{Rng, Trainer, Weights};
use crate::tagger::{self, Words, N_UPOS};
use crate::UPOS;

/// Training settings.
#[derive(Clone, Debug)]
pub struct Options {
    pub tagger_epochs: usize,
    pub morph_epochs: usize,
    pub parser_epochs: usize,
    /// Folds for jackknifed tags (1 = train the parser on gold tags).
    pub folds: usize,
    pub seed: u64,
    /// From this parser epoch on, follow the model's own wrong moves...
    pub explore_from: usize,
    /// ...with this probability (dynamic-oracle exploration).
    pub explore_p: f64,
    /// Train the parser on non-projective trees too (the oracle then takes the cheapest
    /// move, which is no longer exact).
    pub nonprojective: bool,
    /// Parser features seen fewer times than this in the first epoch are dropped.
    pub min_count: u32,
    /// Score the parser on the dev set after every epoch (slower; for choosing settings).
    pub monitor: bool,
    /// Recorded in the model.
    pub about: String,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            tagger_epochs: 7,
            morph_epochs: 8,
            parser_epochs: 15,
            folds: 5,
            seed: 1956,
            explore_from: 1,
            explore_p: 0.9,
            min_count: 2,
            nonprojective: false,
            monitor: false,
            about: String::new(),
        }
    }
}

/// A treebank sentence prepared for training.
struct Item {
    forms: Vec<String>,
    upos: Vec<u8>,
    morph: Vec<u16>,
    heads: Vec<u32>,
    labels: Vec<u8>,
}

struct Tables {
    labels: Vec<String>,
    morph_classes: Vec<(String, String)>,
    morph_allowed: Vec<Vec<u16>>,
}

fn tables(data: &[TreebankSentence]) -> Tables {
    let mut labels: BTreeMap<String, usize> = BTreeMap::new();
    let mut morph: BTreeSet<(String, String)> = BTreeSet::new();
    for s in data {
        for w in &s.words {
            *labels.entry(w.deprel.clone()).or_default() += 1;
            morph.insert((w.xpos.clone(), w.feats.clone()));
        }
    }
    let mut labels: Vec<(String, usize)> = labels.into_iter().collect();
    labels.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let labels: Vec<String> = labels.into_iter().map(|(l, _)| l).collect();
    let morph_classes: Vec<(String, String)> = morph.into_iter().collect();
    let index: HashMap<&(String, String), u16> = morph_classes
        .iter()
        .enumerate()
        .map(|(i, m)| (m, i as u16))
        .collect();
    let mut allowed: Vec<BTreeSet<u16>> = vec![BTreeSet::new(); N_UPOS];
    for s in data {
        for w in &s.words {
            if let Some(u) = UPOS.iter().position(|&x| x == w.upos) {
                allowed[u].insert(index[&(w.xpos.clone(), w.feats.clone())]);
            }
        }
    }
    Tables {
        labels,
        morph_classes,
        morph_allowed: allowed
            .into_iter()
            .map(|s| s.into_iter().collect())
            .collect(),
    }
}

fn items(data: &[TreebankSentence], t: &Tables) -> Vec<Item> {
    let label: HashMap<&str, u8> = t
        .labels
        .iter()
        .enumerate()
        .map(|(i, l)| (l.as_str(), i as u8))
        .collect();
    let morph: HashMap<(&str, &str), u16> = t
        .morph_classes
        .iter()
        .enumerate()
        .map(|(i, (x, f))| ((x.as_str(), f.as_str()), i as u16))
        .collect();
    data.iter()
        .map(|s| Item {
            forms: s.words.iter().map(|w| w.form.clone()).collect(),
            upos: s
                .words
                .iter()
                .map(|w| UPOS.iter().position(|&x| x == w.upos).unwrap_or(16) as u8)
                .collect(),
            morph: s
                .words
                .iter()
                .map(|w| {
                    morph
                        .get(&(w.xpos.as_str(), w.feats.as_str()))
                        .copied()
                        .unwrap_or(0)
                })
                .collect(),
            heads: s.words.iter().map(|w| w.head).collect(),
            labels: s
                .words
                .iter()
                .map(|w| label.get(w.deprel.as_str()).copied().unwrap_or(0))
                .collect(),
        })
        .collect()
}

/// Normalized form → bit set of UPOS, from `items`, for words seen at least
/// [`DICT_MIN_COUNT`] times: rarer words have no ambiguity class in training, as unknown
/// words have none at run time, so the tagger learns to do without it.
fn dictionary<'a>(items: impl Iterator<Item = &'a Item>) -> FxHashMap<u64, u32> {
    let mut d: FxHashMap<u64, [u32; N_UPOS]> = FxHashMap::default();
    for it in items {
        for (f, &u) in it.forms.iter().zip(&it.upos) {
            d.entry(str_hash(&normalize(f))).or_insert([0; N_UPOS])[u as usize] += 1;
        }
    }
    d.into_iter()
        .filter(|(_, c)| c.iter().sum::<u32>() >= DICT_MIN_COUNT)
        .map(|(k, c)| {
            let set = (0..N_UPOS)
                .filter(|&u| c[u] > 0)
                .fold(0u32, |s, u| s | 1 << u);
            // most frequent, the lowest tag on ties
            let mft = (0..N_UPOS)
                .max_by_key(|&u| (c[u], std::cmp::Reverse(u)))
                .unwrap();
            (k, set | ((mft as u32 + 1) << tagger::MFT_SHIFT))
        })
        .collect()
}

/// How often a word must occur to get an ambiguity class.
pub const DICT_MIN_COUNT: u32 = 3;

fn words(it: &Item, dict: &FxHashMap<u64, u32>) -> Words {
    let forms: Vec<&str> = it.forms.iter().map(String::as_str).collect();
    Words::new(&forms, &|h| dict.get(&h).copied().unwrap_or(0))
}

fn train_upos(data: &[&Item], dict: &FxHashMap<u64, u32>, epochs: usize, rng: &mut Rng) -> Weights {
    let mut t = Trainer::new(N_UPOS);
    let prepared: Vec<(Words, &Item)> = data.iter().map(|it| (words(it, dict), *it)).collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0; N_UPOS];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (w, it) = &prepared[k];
            let mut prev: Vec<u8> = Vec::with_capacity(w.len());
            for i in 0..w.len() {
                let p1 = prev.last().map_or(0xfff0, |&t| u64::from(t));
                let p2 = if i >= 2 {
                    u64::from(prev[i - 2])
                } else {
                    0xfff0
                };
                tagger::upos_features(w, i, p1, p2, &mut feats);
                t.score(&feats, &mut scores);
                let guess = tagger::argmax(&scores);
                t.update(it.upos[i] as usize, guess, &feats);
                t.tick();
                prev.push(guess as u8);
            }
        }
    }
    t.freeze(0)
}

fn train_morph(
    data: &[&Item],
    dict: &FxHashMap<u64, u32>,
    tables: &Tables,
    epochs: usize,
    rng: &mut Rng,
) -> Weights {
    let n = tables.morph_classes.len();
    let mut t = Trainer::new(n);
    let prepared: Vec<(Words, &Item)> = data.iter().map(|it| (words(it, dict), *it)).collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0; n];
    for _ in 0..epochs {
        rng.shuffle(&mut order);
        for &k in &order {
            let (w, it) = &prepared[k];
            let upos: Vec<u64> = it.upos.iter().map(|&u| u64::from(u)).collect();
            let mut prev: Option<u16> = None;
            for i in 0..w.len() {
                let m1 = prev.map_or(0xfff0, u64::from);
                tagger::morph_features(w, &upos, i, m1, &mut feats);
                t.score(&feats, &mut scores);
                let cands = &tables.morph_allowed[it.upos[i] as usize];
                let guess = cands
                    .iter()
                    .copied()
                    .max_by(|&a, &b| {
                        scores[a as usize]
                            .total_cmp(&scores[b as usize])
                            .then_with(|| b.cmp(&a))
                    })
                    .unwrap_or(0);
                t.update(it.morph[i] as usize, guess as usize, &feats);
                t.tick();
                prev = Some(guess);
            }
        }
    }
    t.freeze(0)
}

/// Predicted (UPOS, XPOS hash) per word of every item, by jackknifing over `folds`.
fn jackknife(
    items: &[Item],
    tables: &Tables,
    opts: &Options,
    rng: &mut Rng,
    log: &mut dyn FnMut(&str),
) -> Vec<(Vec<u8>, Vec<u64>)> {
    let mut out: Vec<(Vec<u8>, Vec<u64>)> = vec![(Vec::new(), Vec::new()); items.len()];
    if opts.folds <= 1 {
        for (o, it) in out.iter_mut().zip(items) {
            o.0 = it.upos.clone();
            o.1 = it
                .morph
                .iter()
                .map(|&m| str_hash(&tables.morph_classes[m as usize].0))
                .collect();
        }
        return out;
    }
    for f in 0..opts.folds {
        let train: Vec<&Item> = items
            .iter()
            .enumerate()
            .filter(|(i, _)| i % opts.folds != f)
            .map(|(_, it)| it)
            .collect();
        let dict = dictionary(train.iter().copied());
        let upos = train_upos(&train, &dict, opts.tagger_epochs, rng);
        let morph = train_morph(&train, &dict, tables, opts.morph_epochs, rng);
        for (i, it) in items.iter().enumerate() {
            if i % opts.folds != f {
                continue;
            }
            let w = words(it, &dict);
            let u = tagger::tag_upos(&upos, &w);
            let m = tagger::tag_morph(&morph, &w, &u, &tables.morph_allowed);
            out[i] = (
                u,
                m.iter()
                    .map(|&m| str_hash(&tables.morph_classes[m as usize].0))
                    .collect(),
            );
        }
        log(&format!("jackknife fold {}/{} tagged", f + 1, opts.folds));
    }
    out
}

/// Costs of every valid class (u32::MAX for an invalid one).
fn costs(c: &Config, moves: &Moves, gh: &[u32], gl: &[u8], out: &mut [u32]) {
    let n = moves.n_classes();
    let s0 = c.stack.last().copied();
    let left_base = s0.map(|s| {
        let l = if gh[s as usize] == c.b {
            gl[s as usize]
        } else {
            0
        };
        c.cost(Move::Left(l), gh, gl)
    });
    let right_base = s0.filter(|_| c.b < c.n).map(|s| {
        let l = if gh[c.b as usize] == s {
            gl[c.b as usize]
        } else {
            0
        };
        c.cost(Move::Right(l), gh, gl)
    });
    for (k, o) in out.iter_mut().enumerate().take(n) {
        *o = u32::MAX;
        if !c.valid(moves, k) {
            continue;
        }
        *o = match moves.decode(k) {
            Move::Shift => c.cost(Move::Shift, gh, gl),
            Move::Reduce => c.cost(Move::Reduce, gh, gl),
            Move::Left(l) => {
                let s = s0.unwrap() as usize;
                left_base.unwrap() + u32::from(gh[s] == c.b && l != gl[s])
            }
            Move::Right(l) => {
                let b = c.b as usize;
                right_base.unwrap() + u32::from(gh[b] == s0.unwrap() && l != gl[b])
            }
        };
    }
}

/// Dev sentences as the parser sees them at run time (predicted tags), with gold trees
/// (heads 0 = root, else 1-based, as [`parser::parse`] returns them).
pub struct DevSet {
    words: Vec<(ParseWords, Vec<u32>, Vec<u8>)>,
}

impl DevSet {
    /// Unlabelled and labelled attachment of `weights` on the set (labels compared whole).
    fn score(&self, weights: &Weights, moves: &Moves) -> (f64, f64) {
        let (mut n, mut ua, mut la) = (0usize, 0usize, 0usize);
        for (pw, gh, gl) in &self.words {
            let (h, l) = parser::parse(weights, moves, pw);
            for i in 0..h.len() {
                n += 1;
                if h[i] == gh[i] {
                    ua += 1;
                    la += usize::from(l[i] == gl[i]);
                }
            }
        }
        (ua as f64 / n.max(1) as f64, la as f64 / n.max(1) as f64)
    }
}

fn train_parser(
    items: &[Item],
    tags: &[(Vec<u8>, Vec<u64>)],
    moves: &Moves,
    opts: &Options,
    rng: &mut Rng,
    dev: Option<&DevSet>,
    log: &mut dyn FnMut(&str),
) -> Weights {
    let ncls = moves.n_classes();
    let mut t = Trainer::new(ncls);
    let prepared: Vec<(ParseWords, Vec<u32>, &[u8])> = items
        .iter()
        .zip(tags)
        .filter(|(it, _)| opts.nonprojective || parser::projective(&it.heads))
        .map(|(it, (u, p))| {
            let n = it.forms.len() as u32;
            let w = it.forms.iter().map(|f| str_hash(&normalize(f))).collect();
            let pw = ParseWords::new(w, p.clone(), u.iter().map(|&x| u64::from(x)).collect());
            let gh = it
                .heads
                .iter()
                .map(|&h| if h == 0 { n } else { h - 1 })
                .collect();
            (pw, gh, it.labels.as_slice())
        })
        .collect();
    log(&format!(
        "parser: {} sentences of {}",
        prepared.len(),
        items.len()
    ));
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut feats = Vec::new();
    let mut scores = vec![0.0f32; ncls];
    let mut cost = vec![0u32; ncls];
    for epoch in 0..opts.parser_epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &k in &order {
            let (pw, gh, gl) = &prepared[k];
            let mut c = Config::new(pw.len());
            while !c.terminal() {
                c.features(pw, &mut feats);
                if epoch == 0 {
                    t.observe(&feats);
                }
                t.score(&feats, &mut scores);
                costs(&c, moves, gh, gl, &mut cost);
                let mut guess = usize::MAX;
                let mut gold = usize::MAX;
                let min_cost = cost.iter().copied().min().unwrap();
                for k in 0..ncls {
                    if cost[k] == u32::MAX {
                        continue;
                    }
                    if guess == usize::MAX || scores[k] > scores[guess] {
                        guess = k;
                    }
                    if cost[k] == min_cost && (gold == usize::MAX || scores[k] > scores[gold]) {
                        gold = k;
                    }
                }
                t.update(gold, guess, &feats);
                t.tick();
                total += 1;
                right += usize::from(cost[guess] == min_cost);
                let follow = if cost[guess] == min_cost
                    || (epoch >= opts.explore_from && rng.unit() < opts.explore_p)
                {
                    guess
                } else {
                    gold
                };
                c.apply(moves.decode(follow));
            }
        }
        let dev_scores = dev.map_or_else(String::new, |d| {
            let (uas, las) = d.score(&t.freeze(opts.min_count), moves);
            format!("; dev UAS {uas:.4} LAS {las:.4}")
        });
        log(&format!(
            "parser epoch {}/{}: {:.4} of moves optimal{dev_scores}",
            epoch + 1,
            opts.parser_epochs,
            right as f64 / total.max(1) as f64
        ));
    }
    t.freeze(opts.min_count)
}

/// Trains a model on `data`. `log` receives progress lines.
pub fn train(
    data: &[TreebankSentence],
    dev: Option<&[TreebankSentence]>,
    opts: &Options,
    log: &mut dyn FnMut(&str),
) -> Model {
    let mut rng = Rng::new(opts.seed);
    let tables = tables(data);
    let items = items(data, &tables);
    log(&format!(
        "{} sentences, {} words, {} labels, {} morphology classes",
        items.len(),
        items.iter().map(|i| i.forms.len()).sum::<usize>(),
        tables.labels.len(),
        tables.morph_classes.len()
    ));
    let all: Vec<&Item> = items.iter().collect();
    let dict = dictionary(all.iter().copied());
    let upos = train_upos(&all, &dict, opts.tagger_epochs, &mut rng);
    log(&format!("UPOS tagger: {} weights", upos.len()));
    let morph = train_morph(&all, &dict, &tables, opts.morph_epochs, &mut rng);
    log(&format!("morphology: {} weights", morph.len()));
    let lemma = Lemmatizer::learn(data.iter().flat_map(|s| {
        s.words.iter().map(|w| {
            let u = UPOS.iter().position(|&x| x == w.upos).unwrap_or(16) as u8;
            (w.form.as_str(), u, w.xpos.as_str(), w.lemma.as_str())
        })
    }));
    log(&format!(
        "lemmatizer: {} rules, {} + {} exceptions",
        lemma.rules.len(),
        lemma.exceptions.len(),
        lemma.by_xpos.len()
    ));
    let tags = jackknife(&items, &tables, opts, &mut rng, log);
    let root_label = tables.labels.iter().position(|l| l == "root").unwrap_or(0) as u8;
    let fallback_label = tables
        .labels
        .iter()
        .position(|l| l == "parataxis")
        .or_else(|| tables.labels.iter().position(|l| l != "root"))
        .unwrap_or(0) as u8;
    let moves = Moves {
        n_labels: tables.labels.len(),
        root_label,
        fallback_label,
        grammar: parser::Grammar::for_labels(&tables.labels),
    };
    let dev = dev.filter(|_| opts.monitor).map(|d| {
        let label: HashMap<&str, u8> = tables
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| (l.as_str(), i as u8))
            .collect();
        DevSet {
            words: d
                .iter()
                .map(|s| {
                    let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                    let w = Words::new(&forms, &|h| dict.get(&h).copied().unwrap_or(0));
                    let u = tagger::tag_upos(&upos, &w);
                    let m = tagger::tag_morph(&morph, &w, &u, &tables.morph_allowed);
                    let p = m
                        .iter()
                        .map(|&m| str_hash(&tables.morph_classes[m as usize].0))
                        .collect();
                    let pw = ParseWords::new(
                        w.norm.clone(),
                        p,
                        u.iter().map(|&x| u64::from(x)).collect(),
                    );
                    let gh = s.words.iter().map(|w| w.head).collect();
                    let gl = s
                        .words
                        .iter()
                        .map(|w| label.get(w.deprel.as_str()).copied().unwrap_or(255))
                        .collect();
                    (pw, gh, gl)
                })
                .collect(),
        }
    });
    let parser = train_parser(&items, &tags, &moves, opts, &mut rng, dev.as_ref(), log);
    log(&format!("parser: {} weights", parser.len()));
    Model {
        upos,
        morph,
        morph_classes: tables.morph_classes,
        morph_allowed: tables.morph_allowed,
        dict,
        lemma,
        parser,
        labels: tables.labels,
        moves,
        about: opts.about.clone(),
    }
}

/// Accuracies on gold tokenization (the CoNLL 2018 metrics where they coincide with
/// word-level accuracy: UPOS, XPOS, UFeats, Lemma, UAS, LAS; punctuation included).
#[derive(Clone, Copy, Debug, Default)]
pub struct Scores {
    pub words: usize,
    pub upos: f64,
    pub xpos: f64,
    pub feats: f64,
    pub lemma: f64,
    pub uas: f64,
    pub las: f64,
}

/// Scores `model` on gold-tokenized `data`. Labels compare on the universal part
/// ("nmod:poss" counts as "nmod"), as the shared task's LAS does.
pub fn evaluate(model: &Model, data: &[TreebankSentence]) -> Scores {
    let (mut n, mut up, mut xp, mut fe, mut le, mut ua, mut la) = (0, 0, 0, 0, 0, 0, 0);
    for s in data {
        let forms: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
        let out = model.analyze(&forms);
        for (g, p) in s.words.iter().zip(&out) {
            n += 1;
            up += usize::from(g.upos == p.upos.name());
            xp += usize::from(g.xpos == p.xpos);
            fe += usize::from(g.feats == p.feats);
            le += usize::from(g.lemma == p.lemma);
            let head = p.head.map_or(0, |h| h as u32 + 1);
            if head == g.head {
                ua += 1;
                let gu = g.deprel.split(':').next().unwrap_or("");
                let pu = p.deprel.split(':').next().unwrap_or("");
                la += usize::from(gu == pu);
            }
        }
    }
    let r = |k: usize| k as f64 / n.max(1) as f64;
    Scores {
        words: n,
        upos: r(up),
        xpos: r(xp),
        feats: r(fe),
        lemma: r(le),
        uas: r(ua),
        las: r(la),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    const TINY: &str = "\
1\tJapan\tJapan\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_
2\tsigned\tsign\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\ttreaty\ttreaty\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tMoscow\tMoscow\tPROPN\tNNP\tNumber=Sing\t2\tnsubj\t_\t_
2\trejected\treject\tVERB\tVBD\tMood=Ind|Tense=Past|VerbForm=Fin\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t4\tdet\t_\t_
4\tnote\tnote\tNOUN\tNN\tNumber=Sing\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\tDefinite=Def|PronType=Art\t2\tdet\t_\t_
2\ttreaty\ttreaty\tNOUN\tNN\tNumber=Sing\t4\tnsubj:pass\t_\t_
3\twas\tbe\tAUX\tVBD\tMood=Ind|Number=Sing|Person=3|Tense=Past|VerbForm=Fin\t4\taux:pass\t_\t_
4\tsigned\tsign\tVERB\tVBN\tTense=Past|VerbForm=Part|Voice=Pass\t0\troot\t_\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

";

    fn tiny_model() -> Model {
        let data = conllu::read(TINY).unwrap();
        let opts = Options {
            tagger_epochs: 3,
            morph_epochs: 3,
            parser_epochs: 4,
            folds: 1,
            min_count: 1,
            about: "tiny".into(),
            ..Options::default()
        };
        train(&data, None, &opts, &mut |_| {})
    }

    #[test]
    fn training_is_deterministic_and_the_model_round_trips() {
        let a = tiny_model().to_bytes();
        let b = tiny_model().to_bytes();
        assert_eq!(a, b, "same data and options, same bytes");
        let m = Model::from_bytes(&a).unwrap();
        assert_eq!(m.to_bytes(), a);
        assert_eq!(m.about(), "tiny");
        // it learned its training data
        let data = conllu::read(TINY).unwrap();
        let s = evaluate(&m, &data);
        assert_eq!(s.words, 15);
        assert!(s.upos > 0.99 && s.uas > 0.99 && s.lemma > 0.99, "{s:?}");
    }

    #[test]
    fn a_trained_model_is_laid_out_as_relayout_lays_it_out() {
        // `train --relayout` must write the bytes a retraining would: the trainer's tables
        // and the relaid ones are built by the same sizing rule from the same rows
        let trained = tiny_model();
        let mut relaid = Model::from_bytes(&trained.to_bytes()).unwrap();
        relaid.relayout();
        assert_eq!(relaid.to_bytes(), trained.to_bytes());
    }

    #[test]
    fn the_shipped_model_is_laid_out_by_the_current_sizing_rule() {
        // a change of `Weights::with_capacity` without `train --relayout` fails here
        let shipped = crate::Model::builtin();
        let mut relaid = Model::from_bytes(&shipped.to_bytes()).unwrap();
        relaid.relayout();
        assert!(relaid.to_bytes() == shipped.to_bytes());
    }

    #[test]
    fn a_damaged_model_is_an_error_not_a_panic() {
        let bytes = tiny_model().to_bytes();
        assert!(matches!(
            Model::from_bytes(b"not a model"),
            Err(crate::ModelError::BadMagic)
        ));
        for cut in [9, bytes.len() / 3, bytes.len() / 2, bytes.len() - 1] {
            assert!(Model::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
        }
        let mut flipped = bytes.clone();
        flipped[8] ^= 0xff; // the version
        assert!(matches!(
            Model::from_bytes(&flipped),
            Err(crate::ModelError::Version { .. })
        ));
    }
}
