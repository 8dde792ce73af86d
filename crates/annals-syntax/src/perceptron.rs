//! Averaged perceptron over hashed sparse features: the one learner behind the tagger, the
//! morphology classifier and the parser.
//!
//! Features are 32-bit hashes of a template id and its values (see [`crate::feat`]). Two
//! forms exist: [`Trainer`], a hash map with one small vector of `(class, weight)` per
//! feature, updated online and averaged at the end; and [`Weights`], its frozen form —
//! weights quantized to `i16`, features in an open-addressing table — which is what ships in
//! the binary. A perceptron update only touches the gold and the predicted class, so most
//! features carry a handful of classes and the frozen model stays small.

use rustc_hash::FxHashMap;

/// One class weight of one feature during training, with the bookkeeping for averaging.
#[derive(Clone, Copy, Debug)]
struct Slot {
    class: u16,
    w: f32,
    /// Sum of `w` over all instances up to `ts`.
    total: f64,
    /// Instance counter at the last change of `w`.
    ts: u32,
}

/// A perceptron being trained.
pub struct Trainer {
    n_classes: usize,
    feats: FxHashMap<u32, Vec<Slot>>,
    /// How often each feature occurred (see [`Trainer::observe`]), for pruning.
    counts: FxHashMap<u32, u32>,
    /// Number of training instances seen (the averaging clock).
    now: u32,
}

impl Trainer {
    pub fn new(n_classes: usize) -> Trainer {
        Trainer {
            n_classes,
            feats: FxHashMap::default(),
            counts: FxHashMap::default(),
            now: 0,
        }
    }

    /// Adds the current weights of `feats` to `scores` (length `n_classes`).
    pub fn score(&self, feats: &[u32], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for f in feats {
            if let Some(slots) = self.feats.get(f) {
                for s in slots {
                    scores[s.class as usize] += s.w;
                }
            }
        }
    }

    /// Counts the features of one instance (call it for every instance of one epoch):
    /// [`Trainer::freeze`] drops features seen fewer than `min_count` times.
    pub fn observe(&mut self, feats: &[u32]) {
        for &f in feats {
            *self.counts.entry(f).or_default() += 1;
        }
    }

    /// Counts one training instance (call once per decision, updated or not).
    pub fn tick(&mut self) {
        self.now += 1;
    }

    /// The perceptron update: `truth` up, `guess` down, for every feature.
    pub fn update(&mut self, truth: usize, guess: usize, feats: &[u32]) {
        if truth == guess {
            return;
        }
        let now = self.now;
        for &f in feats {
            let slots = self.feats.entry(f).or_default();
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0f32)] {
                let class = class as u16;
                let slot = match slots.iter().position(|s| s.class == class) {
                    Some(i) => &mut slots[i],
                    None => {
                        slots.push(Slot {
                            class,
                            w: 0.0,
                            total: 0.0,
                            ts: now,
                        });
                        slots.last_mut().unwrap()
                    }
                };
                slot.total += f64::from(now - slot.ts) * f64::from(slot.w);
                slot.ts = now;
                slot.w += delta;
            }
        }
    }

    /// The averaged weights, quantized and frozen. Weights whose average rounds to zero at
    /// `i16` precision are dropped, and so are features left without weights and, when
    /// features were observed, those seen fewer than `min_count` times: rare features are
    /// most of a perceptron's size and little of its accuracy.
    pub fn freeze(&self, min_count: u32) -> Weights {
        let now = f64::from(self.now.max(1));
        let keep = |f: &u32| {
            self.counts.is_empty() || self.counts.get(f).copied().unwrap_or(0) >= min_count
        };
        let mut avg: Vec<(u32, Vec<(u16, f32)>)> = self
            .feats
            .iter()
            .filter(|(f, _)| keep(f))
            .map(|(&f, slots)| {
                let ws = slots
                    .iter()
                    .map(|s| {
                        let total = s.total + f64::from(self.now - s.ts) * f64::from(s.w);
                        (s.class, (total / now) as f32)
                    })
                    .collect();
                (f, ws)
            })
            .collect();
        avg.sort_unstable_by_key(|(f, _)| *f);
        let max = avg
            .iter()
            .flat_map(|(_, ws)| ws.iter().map(|(_, w)| w.abs()))
            .fold(0.0f32, f32::max)
            .max(1e-9);
        let scale = max / f32::from(i16::MAX);
        let mut rows = Vec::with_capacity(avg.len());
        for (f, mut ws) in avg {
            ws.sort_unstable_by_key(|(c, _)| *c);
            let row: Vec<(u16, i16)> = ws
                .into_iter()
                .map(|(c, w)| (c, (w / scale).round() as i16))
                .filter(|&(_, q)| q != 0)
                .collect();
            if !row.is_empty() {
                rows.push((f, row));
            }
        }
        Weights::from_rows(self.n_classes, scale, rows)
    }
}

/// One feature of a frozen model: its table slot, its key, its (class, weight) pairs.
pub(crate) type SlotRow = (usize, u32, Vec<(u16, i16)>);

/// Frozen, quantized perceptron weights.
///
/// One open-addressing table maps a feature to its run in `data`: a header word (the
/// number of weights) followed by one word per weight, class in the low half, `i16` weight
/// in the high half. A lookup touches the table slot and then one run, usually one cache
/// line; [`Weights::score`] prefetches both for all features of a decision before it reads
/// any, so the cache misses of a large model overlap instead of queueing.
#[derive(Clone, Debug)]
pub struct Weights {
    pub(crate) n_classes: usize,
    pub(crate) scale: f32,
    /// `key << 32 | offset`, 0 for an empty slot (keys are never 0). The offset is into
    /// `data` (a sparse run), or, with [`DENSE`] set, into `dense`.
    table: Vec<u64>,
    data: Vec<u32>,
    /// Dense rows: `n_classes` weights each, for features that weigh many classes (the
    /// bias, a tag alone); added in one vectorized loop.
    dense: Vec<i16>,
    n_weights: usize,
}

impl Weights {
    /// Builds the table from rows sorted by feature.
    pub(crate) fn from_rows(
        n_classes: usize,
        scale: f32,
        rows: Vec<(u32, Vec<(u16, i16)>)>,
    ) -> Weights {
        let mut w = Weights::with_capacity(n_classes, scale, rows.len());
        for (k, row) in rows {
            w.push(k, &row);
        }
        w
    }

    pub(crate) fn with_capacity(n_classes: usize, scale: f32, n_features: usize) -> Weights {
        // load factor between 1/4 and 1/2. A fifth of the parser's lookups are of features
        // the model does not have, and linear probing walks to an empty slot for each: at
        // a load of 3/4 that is 8.5 slots on average, at 1/2 2.5. The larger table parses
        // about a tenth faster, though every lookup touches it at random.
        let cap = (2 * n_features).next_power_of_two().max(16);
        Weights::with_table(n_classes, scale, cap)
    }

    /// An empty model with `cap` (a power of two) table slots.
    pub(crate) fn with_table(n_classes: usize, scale: f32, cap: usize) -> Weights {
        let table = vec![0u64; cap];
        // before the first write: the kernel then backs the table with huge pages
        advise_huge(&table);
        Weights {
            n_classes,
            scale,
            table,
            data: Vec::new(),
            dense: Vec::new(),
            n_weights: 0,
        }
    }

    /// Adds one feature's weights (the table must have room: see `with_capacity`), in the
    /// first free slot from its hash.
    pub(crate) fn push(&mut self, key: u32, row: &[(u16, i16)]) {
        let mask = self.table.len() - 1;
        let mut slot = spread(key) & mask;
        while self.table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        self.put(slot, key, row);
    }

    /// Adds one feature's weights at a given slot (reading a model written in slot order).
    pub(crate) fn put(&mut self, slot: usize, key: u32, row: &[(u16, i16)]) {
        let off = if row.len() * 4 >= self.n_classes {
            let off = u64::from(DENSE) | (self.dense.len() / self.n_classes) as u64;
            let start = self.dense.len();
            self.dense.resize(start + self.n_classes, 0);
            for &(c, w) in row {
                self.dense[start + c as usize] = w;
            }
            off
        } else {
            let off = self.data.len() as u64;
            self.data.push(row.len() as u32);
            for &(c, w) in row {
                self.data.push(u32::from(c) | (u32::from(w as u16) << 16));
            }
            off
        };
        self.table[slot] = (u64::from(key) << 32) | off;
        self.n_weights += row.len();
    }

    pub(crate) fn occupied(&self, slot: usize) -> bool {
        self.table[slot] != 0
    }

    /// Reserves room for `data` and `dense` words before they are written, backed by huge
    /// pages where the kernel allows (see [`advise_huge`]).
    pub(crate) fn reserve(&mut self, data: usize, dense: usize) {
        self.data.reserve_exact(data);
        self.dense.reserve_exact(dense);
        advise_huge(self.data.spare_capacity_mut());
        advise_huge(self.dense.spare_capacity_mut());
    }

    /// Number of table slots.
    pub(crate) fn capacity(&self) -> usize {
        self.table.len()
    }

    pub fn n_classes(&self) -> usize {
        self.n_classes
    }

    /// Number of (feature, class) weights kept.
    pub fn len(&self) -> usize {
        self.n_weights
    }

    pub fn is_empty(&self) -> bool {
        self.n_weights == 0
    }

    /// The rows in table order, each with its slot (for writing the model).
    pub(crate) fn rows(&self) -> Vec<SlotRow> {
        self.table
            .iter()
            .enumerate()
            .filter(|(_, &e)| e != 0)
            .map(|(slot, &e)| {
                let off = (e & 0xffff_ffff) as u32;
                let row = if off & DENSE != 0 {
                    let start = (off & !DENSE) as usize * self.n_classes;
                    self.dense[start..start + self.n_classes]
                        .iter()
                        .enumerate()
                        .filter(|(_, &w)| w != 0)
                        .map(|(c, &w)| (c as u16, w))
                        .collect()
                } else {
                    let off = off as usize;
                    let head = self.data[off];
                    self.data[off + 1..off + 1 + head as usize]
                        .iter()
                        .map(|&x| ((x & 0xffff) as u16, (x >> 16) as u16 as i16))
                        .collect()
                };
                (slot, (e >> 32) as u32, row)
            })
            .collect()
    }

    /// The same weights without those smaller than `min_abs` (quantized units), and
    /// without the features left empty.
    pub fn pruned(&self, min_abs: i16) -> Weights {
        let rows: Vec<(u32, Vec<(u16, i16)>)> = self
            .rows()
            .into_iter()
            .map(|(_, k, row)| {
                let row: Vec<(u16, i16)> = row
                    .into_iter()
                    .filter(|&(_, w)| w.unsigned_abs() >= min_abs.unsigned_abs())
                    .collect();
                (k, row)
            })
            .filter(|(_, row)| !row.is_empty())
            .collect();
        let mut rows = rows;
        rows.sort_unstable_by_key(|r| r.0);
        Weights::from_rows(self.n_classes, self.scale, rows)
    }

    #[inline]
    fn find(&self, key: u32) -> Option<usize> {
        let mask = self.table.len() - 1;
        let mut slot = spread(key) & mask;
        loop {
            let e = self.table[slot];
            if e == 0 {
                return None;
            }
            if (e >> 32) as u32 == key {
                return Some((e & 0xffff_ffff) as usize);
            }
            slot = (slot + 1) & mask;
        }
    }

    /// Scores of every class for `feats`, in quantized units (only their order matters).
    pub fn score(&self, feats: &[u32], scores: &mut [i32]) {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") {
            // SAFETY: the processor has AVX2, checked just above.
            return unsafe { self.score_avx2(feats, scores) };
        }
        self.score_any(feats, scores)
    }

    /// [`Weights::score`] compiled for AVX2: the dense rows (two fifths of the parser's
    /// lookups, each a hundred weights) are added sixteen at a time instead of eight.
    #[cfg(target_arch = "x86_64")]
    #[target_feature(enable = "avx2")]
    unsafe fn score_avx2(&self, feats: &[u32], scores: &mut [i32]) {
        self.score_any(feats, scores)
    }

    #[inline(always)]
    fn score_any(&self, feats: &[u32], scores: &mut [i32]) {
        let n = self.n_classes;
        let scores = &mut scores[..n];
        scores.iter_mut().for_each(|s| *s = 0);
        let mask = self.table.len() - 1;
        let mut offs = [0u32; 128];
        for chunk in feats.chunks(offs.len()) {
            for &f in chunk {
                prefetch(self.table.as_ptr().wrapping_add(spread(f) & mask));
            }
            let mut k = 0;
            for &f in chunk {
                if let Some(o) = self.find(f) {
                    let o = o as u32;
                    if o & DENSE != 0 {
                        let start = (o & !DENSE) as usize * n;
                        prefetch(self.dense.as_ptr().wrapping_add(start));
                    } else {
                        prefetch(self.data.as_ptr().wrapping_add(o as usize));
                    }
                    offs[k] = o;
                    k += 1;
                }
            }
            for &o in &offs[..k] {
                if o & DENSE != 0 {
                    let start = (o & !DENSE) as usize * n;
                    for (s, &w) in scores.iter_mut().zip(&self.dense[start..start + n]) {
                        *s += i32::from(w);
                    }
                } else {
                    let o = o as usize;
                    let len = self.data[o] as usize;
                    for &x in &self.data[o + 1..o + 1 + len] {
                        scores[(x & 0xffff) as usize] += i32::from((x >> 16) as u16 as i16);
                    }
                }
            }
        }
    }
}

/// Asks the kernel for huge pages under `v`. Lookups land at random in tens of megabytes;
/// with 4 KiB pages nearly every one also misses the TLB, and the page walk costs as much as
/// the lookup. Only a hint, and only for memory not yet written: nothing changes where the
/// kernel says no.
#[cfg(target_os = "linux")]
fn advise_huge<T>(v: &[T]) {
    const HUGE: usize = 2 << 20;
    let start = v.as_ptr() as usize;
    let end = start + std::mem::size_of_val(v);
    let (a, b) = (start.next_multiple_of(HUGE), end - end % HUGE);
    if b > a {
        // SAFETY: madvise only advises on memory this slice owns ([a, b) lies inside it);
        // MADV_HUGEPAGE does not change its contents or validity.
        unsafe {
            libc::madvise(a as *mut libc::c_void, b - a, libc::MADV_HUGEPAGE);
        }
    }
}

#[cfg(not(target_os = "linux"))]
fn advise_huge<T>(_: &[T]) {}

/// Offset bit of a dense row.
const DENSE: u32 = 1 << 31;

/// Asks the processor to bring the line of `p` into cache (a hint; no effect elsewhere).
#[inline(always)]
fn prefetch<T>(p: *const T) {
    #[cfg(target_arch = "x86_64")]
    // SAFETY: a prefetch never faults, whatever the address.
    #[allow(unused_unsafe)]
    unsafe {
        std::arch::x86_64::_mm_prefetch(p as *const i8, std::arch::x86_64::_MM_HINT_T0);
    }
    #[cfg(not(target_arch = "x86_64"))]
    let _ = p;
}

/// Scatters a feature hash over the table (the low bits of a hash of hashes are fine, but
/// keys that differ only in high bits must not crowd one run).
#[inline]
fn spread(k: u32) -> usize {
    (u64::from(k).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32) as usize
}

/// Deterministic pseudo-random numbers for shuffling and exploration (xorshift64*): the
/// trainer must reproduce the shipped model bit for bit.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed.max(1))
    }

    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_freezes_a_separable_problem() {
        let mut t = Trainer::new(3);
        let data = [
            (vec![10u32, 11], 0usize),
            (vec![20, 11], 1),
            (vec![30, 12], 2),
        ];
        let mut scores = vec![0.0; 3];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = crate::tagger::argmax(&scores);
                t.update(*y, guess, f);
                t.tick();
            }
        }
        let w = t.freeze(0);
        let mut s = vec![0i32; 3];
        for (f, y) in &data {
            w.score(f, &mut s);
            assert_eq!(s.iter().enumerate().max_by_key(|(_, v)| **v).unwrap().0, *y);
        }
        // an unknown feature scores nothing
        w.score(&[999], &mut s);
        assert_eq!(s, vec![0, 0, 0]);
    }
}
