//! Greedy arc-eager dependency parsing with labelled transitions.
//!
//! The transition system is arc-eager with the root at the *end* of the buffer (Ballesteros
//! & Nivre 2013: fewer premature root attachments than a root at the start). Classes are
//! SHIFT, REDUCE, LEFT-l and RIGHT-l for every label l; LEFT-root is the only arc into the
//! root. Features are Zhang & Nivre's (2011) rich non-local set — words and tags of the
//! stack, buffer, heads and outermost children, distance, valency and the label sets of
//! children — hashed. Training uses Goldberg & Nivre's dynamic oracle, exploring the model's
//! own mistakes (see [`crate::train`]).

use crate::feat::{f1, f2, f3, str_hash};
use crate::perceptron::Weights;

pub const NONE: u32 = u32::MAX;
const NONE_H: u64 = 0xfee1;
const ROOT_H: u64 = 0xfee2;
const NOLABEL: u64 = 0xfee3;

pub const SHIFT: usize = 0;
pub const REDUCE: usize = 1;

/// What the parser knows of each word: hashes of the normalized form, the fine tag (XPOS),
/// the UPOS, and form+tag; index `n` is the root.
pub struct ParseWords {
    pub w: Vec<u64>,
    pub p: Vec<u64>,
    pub u: Vec<u64>,
    pub wp: Vec<u64>,
}

impl ParseWords {
    pub fn new(w: Vec<u64>, p: Vec<u64>, u: Vec<u64>) -> ParseWords {
        let mut w = w;
        let mut p = p;
        let mut u = u;
        w.push(ROOT_H);
        p.push(ROOT_H);
        u.push(ROOT_H);
        let wp = w
            .iter()
            .zip(&p)
            .map(|(a, b)| a.rotate_left(17) ^ b.wrapping_mul(0x9E37_79B9_7F4A_7C15))
            .collect();
        ParseWords { w, p, u, wp }
    }

    /// Number of words (without the root).
    pub fn len(&self) -> usize {
        self.w.len() - 1
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The transition classes for `n_labels` labels.
#[derive(Clone, Copy, Debug)]
pub struct Moves {
    pub n_labels: usize,
    pub root_label: u8,
    /// The label of extra roots re-attached to the main one (`parataxis`).
    pub fallback_label: u8,
    /// What a tree of UD English never has, which the greedy parser must not build either.
    pub grammar: Grammar,
}

/// Arcs a UD English tree does not have, which the greedy parser made:
/// - a possessor (`nmod:poss`) that is neither a possessive pronoun nor marked by "'s"
///   (18 of 3,688 in EWT train, typos): "Meetings between Japanese and Soviet officials
///   began …" read "Meetings" as the officials' possessor;
/// - a word of the wrong class for its relation ([`LABEL_CLASSES`]): a verb as `nmod` or
///   `obl` (1 of 15,700 in EWT train) — "the Agreed Minute of Understanding signed at
///   Seoul" hung "signed" from "Minute" as an `nmod`, where UD has `acl`; an auxiliary
///   relation on a word that is not an auxiliary ("the latter led by …" made "latter" the
///   `aux:pass` of "led"). The attachment stays the parser's, only the label changes.
///
/// Forbidding a second subject or object of one head as well was tried: it cost 0.15 UAS
/// on EWT test, the parser then going wrong further on.
#[derive(Clone, Copy, Debug)]
pub struct Grammar {
    /// `nmod:poss`, if the label set has it.
    pub poss: Option<u8>,
    /// Hashes of the fine tags that make a word a possessor by themselves (PRP$, WP$)...
    pub possessive_tags: [u64; 2],
    /// ...and of the tag of the marker a possessor takes ("'s": POS).
    pub possessive_marker: u64,
    /// Per label index, the UPOS numbers its dependent may have (bit per UPOS).
    pub classes: [u32; 128],
}

impl Default for Grammar {
    fn default() -> Grammar {
        Grammar::for_labels(&[])
    }
}

/// The relations of UD English whose dependent is of some word classes only: `(label,
/// true, classes)` takes only those classes, `(label, false, classes)` any class but those
/// (EWT train: 0 or 1 exception each). Requiring a determiner, numeral, expletive or
/// particle class of `det`, `nummod`, `expl`, `compound:prt` as well cost 0.02 UAS on EWT
/// test (the tagger's errors then force a wrong label).
pub const LABEL_CLASSES: [(&str, bool, &[&str]); 11] = [
    ("aux", true, &["AUX"]),
    ("aux:pass", true, &["AUX"]),
    ("cop", true, &["AUX"]),
    ("obl", false, &["VERB"]),
    ("obl:agent", false, &["VERB"]),
    ("obl:unmarked", false, &["VERB"]),
    ("obl:tmod", false, &["VERB"]),
    ("nmod", false, &["VERB"]),
    ("nmod:unmarked", false, &["VERB"]),
    ("nmod:tmod", false, &["VERB"]),
    ("nmod:desc", false, &["VERB"]),
];

impl Grammar {
    /// The constraints for a label set (labels by index, as the model stores them).
    pub fn for_labels(labels: &[String]) -> Grammar {
        let mask = |classes: &[&str]| {
            classes
                .iter()
                .filter_map(|c| crate::UPOS.iter().position(|u| u == c))
                .fold(0u32, |m, i| m | 1 << i)
        };
        let mut classes = [u32::MAX; 128];
        for (i, l) in labels.iter().enumerate().take(128) {
            if let Some((_, only, cs)) = LABEL_CLASSES.iter().find(|(name, ..)| name == l) {
                classes[i] = if *only { mask(cs) } else { !mask(cs) };
            }
        }
        Grammar {
            poss: labels
                .iter()
                .position(|l| l == "nmod:poss")
                .map(|i| i as u8),
            possessive_tags: [str_hash("PRP$"), str_hash("WP$")],
            possessive_marker: str_hash("POS"),
            classes,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Shift,
    Reduce,
    Left(u8),
    Right(u8),
}

impl Moves {
    pub fn n_classes(&self) -> usize {
        2 + 2 * self.n_labels
    }

    pub fn decode(&self, class: usize) -> Move {
        match class {
            SHIFT => Move::Shift,
            REDUCE => Move::Reduce,
            c if c < 2 + self.n_labels => Move::Left((c - 2) as u8),
            c => Move::Right((c - 2 - self.n_labels) as u8),
        }
    }

    pub fn encode(&self, m: Move) -> usize {
        match m {
            Move::Shift => SHIFT,
            Move::Reduce => REDUCE,
            Move::Left(l) => 2 + l as usize,
            Move::Right(l) => 2 + self.n_labels + l as usize,
        }
    }
}

/// A parser configuration: stack, buffer front and the arcs made so far.
pub struct Config {
    pub n: u32,
    pub stack: Vec<u32>,
    pub b: u32,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
    in_stack: Vec<bool>,
    lc1: Vec<u32>,
    lc2: Vec<u32>,
    rc1: Vec<u32>,
    rc2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl Config {
    pub fn new(n: usize) -> Config {
        let m = n + 1;
        Config {
            n: n as u32,
            stack: Vec::with_capacity(m),
            b: 0,
            heads: vec![NONE; m],
            labels: vec![0; m],
            in_stack: vec![false; m],
            lc1: vec![NONE; m],
            lc2: vec![NONE; m],
            rc1: vec![NONE; m],
            rc2: vec![NONE; m],
            nl: vec![0; m],
            nr: vec![0; m],
            lset: vec![0; m],
            rset: vec![0; m],
        }
    }

    pub fn terminal(&self) -> bool {
        self.stack.is_empty() && self.b == self.n
    }

    fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    /// Whether `class` may be taken now.
    pub fn valid(&self, moves: &Moves, class: usize) -> bool {
        let s0 = self.s0();
        let at_root = self.b == self.n;
        match moves.decode(class) {
            Move::Shift => !at_root,
            Move::Reduce => s0 != NONE && self.heads[s0 as usize] != NONE,
            Move::Left(l) => {
                s0 != NONE && self.heads[s0 as usize] == NONE && (l == moves.root_label) == at_root
            }
            Move::Right(l) => s0 != NONE && !at_root && l != moves.root_label,
        }
    }

    /// Whether an arc into `d` labelled `l` keeps the tree grammatical (see [`Grammar`]).
    fn grammatical(&self, g: &Grammar, x: &ParseWords, d: u32, l: u8) -> bool {
        let du = d as usize;
        if g.classes[l as usize % 128] >> (x.u[du] % 32) & 1 == 0 {
            return false;
        }
        if g.poss != Some(l) {
            return true;
        }
        let marked = [self.rc1[du], self.rc2[du]]
            .iter()
            .any(|&c| c != NONE && x.p[c as usize] == g.possessive_marker);
        marked || g.possessive_tags.contains(&x.p[du])
    }

    /// The valid move with the highest score (the lowest class on ties), checking each
    /// kind of move once rather than every labelled class; no move that makes the tree
    /// ungrammatical ([`Grammar`]).
    pub fn best(&self, moves: &Moves, x: &ParseWords, scores: &[i32]) -> Move {
        let s0 = self.s0();
        let at_root = self.b == self.n;
        let headed = s0 != NONE && self.heads[s0 as usize] != NONE;
        let g = &moves.grammar;
        let mut best: Option<(i32, Move)> = None;
        // whether a score beats the best so far: an arc's grammar is checked only then
        // (same result; most labels lose on their score alone)
        let beats = |best: &Option<(i32, Move)>, score: i32| best.is_none_or(|(b, _)| score > b);
        if !at_root {
            best = Some((scores[SHIFT], Move::Shift));
        }
        if headed && beats(&best, scores[REDUCE]) {
            best = Some((scores[REDUCE], Move::Reduce));
        }
        if s0 != NONE && !headed {
            if at_root {
                let m = Move::Left(moves.root_label);
                let score = scores[moves.encode(m)];
                if beats(&best, score) {
                    best = Some((score, m));
                }
            } else {
                for l in 0..moves.n_labels as u8 {
                    let score = scores[2 + l as usize];
                    if l != moves.root_label && beats(&best, score) && self.grammatical(g, x, s0, l)
                    {
                        best = Some((score, Move::Left(l)));
                    }
                }
            }
        }
        if s0 != NONE && !at_root {
            for l in 0..moves.n_labels as u8 {
                let score = scores[2 + moves.n_labels + l as usize];
                if l != moves.root_label && beats(&best, score) && self.grammatical(g, x, self.b, l)
                {
                    best = Some((score, Move::Right(l)));
                }
            }
        }
        best.expect("a non-terminal configuration has a valid move")
            .1
    }

    fn arc(&mut self, h: u32, d: u32, l: u8) {
        let (hu, du) = (h as usize, d as usize);
        self.heads[du] = h;
        self.labels[du] = l;
        if d < h {
            if self.lc1[hu] == NONE || d < self.lc1[hu] {
                self.lc2[hu] = self.lc1[hu];
                self.lc1[hu] = d;
            } else if self.lc2[hu] == NONE || d < self.lc2[hu] {
                self.lc2[hu] = d;
            }
            self.nl[hu] = self.nl[hu].saturating_add(1);
            self.lset[hu] |= 1u64 << (l % 64);
        } else {
            if self.rc1[hu] == NONE || d > self.rc1[hu] {
                self.rc2[hu] = self.rc1[hu];
                self.rc1[hu] = d;
            } else if self.rc2[hu] == NONE || d > self.rc2[hu] {
                self.rc2[hu] = d;
            }
            self.nr[hu] = self.nr[hu].saturating_add(1);
            self.rset[hu] |= 1u64 << (l % 64);
        }
    }

    pub fn apply(&mut self, m: Move) {
        match m {
            Move::Shift => {
                self.in_stack[self.b as usize] = true;
                self.stack.push(self.b);
                self.b += 1;
            }
            Move::Reduce => {
                let s = self.stack.pop().unwrap();
                self.in_stack[s as usize] = false;
            }
            Move::Left(l) => {
                let s = self.stack.pop().unwrap();
                self.in_stack[s as usize] = false;
                self.arc(self.b, s, l);
            }
            Move::Right(l) => {
                let s = self.s0();
                self.arc(s, self.b, l);
                self.in_stack[self.b as usize] = true;
                self.stack.push(self.b);
                self.b += 1;
            }
        }
    }

    /// Dynamic-oracle cost of a move: how many gold arcs it makes unreachable (Goldberg &
    /// Nivre 2012), plus one for a wrong label on a right arc.
    pub fn cost(&self, m: Move, gh: &[u32], gl: &[u8]) -> u32 {
        let b = self.b;
        let n = self.n;
        let children_in_buffer = |s: u32| (b..n).filter(|&k| gh[k as usize] == s).count() as u32;
        let headless_children_in_stack = |x: u32| {
            self.stack
                .iter()
                .filter(|&&k| gh[k as usize] == x && self.heads[k as usize] == NONE)
                .count() as u32
        };
        match m {
            Move::Shift => {
                let h = gh[b as usize];
                u32::from(h < n && self.in_stack[h as usize]) + headless_children_in_stack(b)
            }
            Move::Reduce => children_in_buffer(self.s0()),
            Move::Left(l) => {
                let s = self.s0();
                let h = gh[s as usize];
                let head_lost = h > b;
                let label = h == b && l != gl[s as usize];
                u32::from(head_lost) + u32::from(label) + children_in_buffer(s)
            }
            Move::Right(l) => {
                let s = self.s0();
                let h = gh[b as usize];
                let head_lost = h != s && (h > b || (h < n && self.in_stack[h as usize]));
                let label = h == s && l != gl[b as usize];
                u32::from(head_lost) + u32::from(label) + headless_children_in_stack(b)
            }
        }
    }

    /// The parser's features for this configuration.
    pub fn features(&self, x: &ParseWords, out: &mut Vec<u32>) {
        out.clear();
        let get = |v: &[u64], i: u32| if i == NONE { NONE_H } else { v[i as usize] };
        let w = |i| get(&x.w, i);
        let p = |i| get(&x.p, i);
        let u = |i| get(&x.u, i);
        let wp = |i| get(&x.wp, i);
        let lab = |i: u32| {
            if i == NONE || self.heads[i as usize] == NONE {
                NOLABEL
            } else {
                u64::from(self.labels[i as usize])
            }
        };
        let head = |i: u32| {
            if i == NONE {
                NONE
            } else {
                self.heads[i as usize]
            }
        };
        let of = |v: &[u32], i: u32| if i == NONE { NONE } else { v[i as usize] };
        let cnt = |v: &[u8], i: u32| {
            if i == NONE {
                99
            } else {
                u64::from(v[i as usize])
            }
        };
        let set = |v: &[u64], i: u32| if i == NONE { NONE_H } else { v[i as usize] };

        let s0 = self.s0();
        let s1 = if self.stack.len() >= 2 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        };
        let n0 = if self.b <= self.n { self.b } else { NONE };
        let nx = |k: u32| {
            if n0 != NONE && n0 + k <= self.n {
                n0 + k
            } else {
                NONE
            }
        };
        let (n1, n2, n3) = (nx(1), nx(2), nx(3));
        let s0h = head(s0);
        let s0h2 = head(s0h);
        let (s0l, s0l2) = (of(&self.lc1, s0), of(&self.lc2, s0));
        let (s0r, s0r2) = (of(&self.rc1, s0), of(&self.rc2, s0));
        let (n0l, n0l2) = (of(&self.lc1, n0), of(&self.lc2, n0));
        let d = if s0 != NONE && n0 != NONE {
            match n0 - s0 {
                0..=4 => u64::from(n0 - s0),
                5..=6 => 5,
                7..=9 => 6,
                _ => 7,
            }
        } else {
            NONE_H
        };

        out.push(f2(100, w(s0), p(s0)));
        out.push(f1(101, w(s0)));
        out.push(f1(102, p(s0)));
        out.push(f2(103, w(n0), p(n0)));
        out.push(f1(104, w(n0)));
        out.push(f1(105, p(n0)));
        out.push(f2(106, w(n1), p(n1)));
        out.push(f1(107, w(n1)));
        out.push(f1(108, p(n1)));
        out.push(f2(109, w(n2), p(n2)));
        out.push(f1(110, w(n2)));
        out.push(f1(111, p(n2)));

        out.push(f2(112, wp(s0), wp(n0)));
        out.push(f2(113, wp(s0), w(n0)));
        out.push(f2(114, w(s0), wp(n0)));
        out.push(f2(115, wp(s0), p(n0)));
        out.push(f2(116, p(s0), wp(n0)));
        out.push(f2(117, w(s0), w(n0)));
        out.push(f2(118, p(s0), p(n0)));
        out.push(f2(119, p(n0), p(n1)));

        out.push(f3(120, p(n0), p(n1), p(n2)));
        out.push(f3(121, p(s0), p(n0), p(n1)));
        out.push(f3(122, p(s0h), p(s0), p(n0)));
        out.push(f3(123, p(s0), p(s0l), p(n0)));
        out.push(f3(124, p(s0), p(s0r), p(n0)));
        out.push(f3(125, p(s0), p(n0), p(n0l)));

        out.push(f2(126, w(s0), d));
        out.push(f2(127, p(s0), d));
        out.push(f2(128, w(n0), d));
        out.push(f2(129, p(n0), d));
        out.push(f3(130, w(s0), w(n0), d));
        out.push(f3(131, p(s0), p(n0), d));

        out.push(f2(132, w(s0), cnt(&self.nr, s0)));
        out.push(f2(133, p(s0), cnt(&self.nr, s0)));
        out.push(f2(134, w(s0), cnt(&self.nl, s0)));
        out.push(f2(135, p(s0), cnt(&self.nl, s0)));
        out.push(f2(136, w(n0), cnt(&self.nl, n0)));
        out.push(f2(137, p(n0), cnt(&self.nl, n0)));

        out.push(f1(138, w(s0h)));
        out.push(f1(139, p(s0h)));
        out.push(f1(140, lab(s0)));
        out.push(f1(141, w(s0l)));
        out.push(f1(142, p(s0l)));
        out.push(f1(143, lab(s0l)));
        out.push(f1(144, w(s0r)));
        out.push(f1(145, p(s0r)));
        out.push(f1(146, lab(s0r)));
        out.push(f1(147, w(n0l)));
        out.push(f1(148, p(n0l)));
        out.push(f1(149, lab(n0l)));

        out.push(f1(150, w(s0h2)));
        out.push(f1(151, p(s0h2)));
        out.push(f1(152, lab(s0h)));
        out.push(f1(153, w(s0l2)));
        out.push(f1(154, p(s0l2)));
        out.push(f1(155, lab(s0l2)));
        out.push(f1(156, w(s0r2)));
        out.push(f1(157, p(s0r2)));
        out.push(f1(158, lab(s0r2)));
        out.push(f1(159, w(n0l2)));
        out.push(f1(160, p(n0l2)));
        out.push(f1(161, lab(n0l2)));
        out.push(f3(162, p(s0), p(s0l), p(s0l2)));
        out.push(f3(163, p(s0), p(s0r), p(s0r2)));
        out.push(f3(164, p(s0), p(s0h), p(s0h2)));
        out.push(f3(165, p(n0), p(n0l), p(n0l2)));

        out.push(f2(166, w(s0), set(&self.rset, s0)));
        out.push(f2(167, p(s0), set(&self.rset, s0)));
        out.push(f2(168, w(s0), set(&self.lset, s0)));
        out.push(f2(169, p(s0), set(&self.lset, s0)));
        out.push(f2(170, w(n0), set(&self.lset, n0)));
        out.push(f2(171, p(n0), set(&self.lset, n0)));

        let headed = u64::from(s0 != NONE && self.heads[s0 as usize] != NONE);
        out.push(f1(172, p(s1)));
        out.push(f1(173, w(s1)));
        out.push(f3(174, p(s1), p(s0), p(n0)));
        out.push(f3(175, headed, p(s0), p(n0)));
        out.push(f2(176, u(s0), u(n0)));
        out.push(f3(177, u(s0), u(n0), u(n1)));
        out.push(f1(178, 0));
        out.push(f1(179, p(n3)));
        out.push(f3(180, headed, lab(s0), p(n0)));
        out.push(f3(181, w(s0), p(n0), p(n1)));
        out.push(f3(182, p(s0), w(n0), p(n1)));
        // attachment of a phrase with its function word ("met ... in London"): the
        // candidate head, the buffer word's first left child and the buffer word
        out.push(f3(186, w(s0), w(n0l), p(n0)));
        out.push(f3(187, p(s0), w(n0l), w(n0)));
        out.push(f3(188, w(s0), w(n0l), w(n0)));
        out.push(f3(189, p(s0h), w(n0l), p(n0)));
        out.push(f3(190, w(s1), w(n0l), p(n0)));
    }
}

/// Parses one sentence greedily. Returns each word's head (0 = root, else 1-based) and label.
pub fn parse(weights: &Weights, moves: &Moves, x: &ParseWords) -> (Vec<u32>, Vec<u8>) {
    let n = x.len();
    let mut c = Config::new(n);
    let mut feats = Vec::with_capacity(96);
    let mut scores = vec![0i32; moves.n_classes()];
    while !c.terminal() {
        c.features(x, &mut feats);
        weights.score(&feats, &mut scores);
        c.apply(c.best(moves, x, &scores));
    }
    finish(&c, moves)
}

/// One root: when several words were attached to the root, the one with the most
/// dependents stays and the others hang from it with the fallback label (`parataxis`).
fn finish(c: &Config, moves: &Moves) -> (Vec<u32>, Vec<u8>) {
    let n = c.n;
    let mut heads: Vec<u32> = c.heads[..n as usize].to_vec();
    let mut labels: Vec<u8> = c.labels[..n as usize].to_vec();
    let roots: Vec<usize> = (0..n as usize)
        .filter(|&i| heads[i] == n || heads[i] == NONE)
        .collect();
    if let Some(&main) = roots.iter().max_by_key(|&&r| {
        let deps = heads.iter().filter(|&&h| h == r as u32).count();
        (deps, std::cmp::Reverse(r))
    }) {
        for &r in &roots {
            if r == main {
                heads[r] = n;
                labels[r] = moves.root_label;
            } else {
                heads[r] = main as u32;
                labels[r] = moves.fallback_label;
            }
        }
    }
    let heads = heads
        .into_iter()
        .map(|h| if h == n { 0 } else { h + 1 })
        .collect();
    (heads, labels)
}

/// Whether a tree (heads 0 = root, 1-based) has no crossing arcs, the arc from the root
/// included.
pub fn projective(heads: &[u32]) -> bool {
    let arcs: Vec<(u32, u32)> = heads
        .iter()
        .enumerate()
        .map(|(i, &h)| {
            let d = i as u32 + 1;
            (d.min(h), d.max(h))
        })
        .collect();
    for &(a, b) in &arcs {
        for &(c, d) in &arcs {
            if a < c && c < b && b < d {
                return false;
            }
        }
    }
    true
}
