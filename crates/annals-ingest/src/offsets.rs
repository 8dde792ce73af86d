//! The offset map: how every byte of cleaned text finds its way back to the original file.
//!
//! Cleanup (joining wrapped lines, repairing split words and broken diacritics) changes the
//! text, but annals promises that every fact points at the exact bytes it came from. So the
//! cleaner records, for every run of cleaned text, the run of original bytes it stands for.
//!
//! The map is a sorted list of [`Piece`]s. A *copy* piece has the same length on both sides and
//! maps byte for byte; a *replace* piece (a line break plus indentation that became one space,
//! `i ̆` that became `ĭ`) maps as a unit: a span that starts inside it starts at the original
//! run's start, a span that ends inside it ends at the original run's end. Original bytes that
//! were dropped (the `-\n` of a repaired word) simply lie between two pieces.
//!
//! Invariant: pieces are contiguous on the clean side (each starts where the previous ended)
//! and strictly increasing on the raw side. Memory is one piece per edit, not per byte.

/// One run of cleaned text and the run of original bytes it stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// Start of the run in the cleaned text.
    pub clean: usize,
    /// Start of the run in the original input (absolute byte offset).
    pub raw: usize,
    /// Length of the run in the cleaned text.
    pub clean_len: usize,
    /// Length of the run in the original input.
    pub raw_len: usize,
}

impl Piece {
    fn is_copy(&self) -> bool {
        self.clean_len == self.raw_len
    }
}

/// Maps byte offsets of cleaned text back to byte offsets of the original input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct OffsetMap {
    pieces: Vec<Piece>,
}

impl OffsetMap {
    /// An empty map.
    pub fn new() -> OffsetMap {
        OffsetMap { pieces: Vec::new() }
    }

    /// Records that `clean_len` bytes of cleaned text were copied unchanged from `raw`.
    /// Adjacent copies are merged, so a clean stretch of prose costs one piece.
    pub fn push_copy(&mut self, clean: usize, raw: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.pieces.last_mut() {
            debug_assert_eq!(
                last.clean + last.clean_len,
                clean,
                "pieces must be contiguous"
            );
            if last.is_copy() && last.raw + last.raw_len == raw {
                last.clean_len += len;
                last.raw_len += len;
                return;
            }
        }
        self.pieces.push(Piece {
            clean,
            raw,
            clean_len: len,
            raw_len: len,
        });
    }

    /// Records that `clean_len` bytes of cleaned text replace `raw_len` original bytes at `raw`.
    pub fn push_replace(&mut self, clean: usize, clean_len: usize, raw: usize, raw_len: usize) {
        if clean_len == 0 {
            return; // a pure deletion: the raw bytes fall between two pieces
        }
        self.pieces.push(Piece {
            clean,
            raw,
            clean_len,
            raw_len,
        });
    }

    /// The pieces, in order.
    pub fn pieces(&self) -> &[Piece] {
        &self.pieces
    }

    /// Length of the cleaned text this map covers.
    pub fn clean_len(&self) -> usize {
        self.pieces.last().map_or(0, |p| p.clean + p.clean_len)
    }

    fn find(&self, pos: usize) -> Option<&Piece> {
        let i = self
            .pieces
            .partition_point(|p| p.clean + p.clean_len <= pos);
        self.pieces.get(i)
    }

    /// The original offset where a span starting at clean offset `pos` starts.
    pub fn start(&self, pos: usize) -> usize {
        match self.find(pos) {
            Some(p) if p.is_copy() => p.raw + (pos - p.clean),
            Some(p) => p.raw,
            None => self.pieces.last().map_or(0, |p| p.raw + p.raw_len),
        }
    }

    /// The original offset where a span ending (exclusive) at clean offset `pos` ends.
    pub fn end(&self, pos: usize) -> usize {
        if pos == 0 {
            return self.pieces.first().map_or(0, |p| p.raw);
        }
        match self.find(pos - 1) {
            Some(p) if p.is_copy() => p.raw + (pos - p.clean),
            Some(p) => p.raw + p.raw_len,
            None => self.pieces.last().map_or(0, |p| p.raw + p.raw_len),
        }
    }

    /// Maps a clean span `[start, end)` to the original span.
    pub fn span(&self, start: usize, end: usize) -> (usize, usize) {
        if start >= end {
            let s = self.start(start);
            return (s, s);
        }
        (self.start(start), self.end(end))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn copies_merge_and_map_exactly() {
        let mut m = OffsetMap::new();
        m.push_copy(0, 100, 5);
        m.push_copy(5, 105, 5);
        assert_eq!(m.pieces().len(), 1);
        assert_eq!(m.span(2, 7), (102, 107));
    }

    #[test]
    fn deletion_and_replacement() {
        // raw:   "nego-\ntiations\n  x" at 0
        // clean: "negotiations x"
        let mut m = OffsetMap::new();
        m.push_copy(0, 0, 4); // "nego"
        m.push_copy(4, 6, 8); // "tiations" after the dropped "-\n"
        m.push_replace(12, 1, 14, 3); // "\n  " -> " "
        m.push_copy(13, 17, 1); // "x"
        assert_eq!(m.span(0, 12), (0, 14));
        assert_eq!(m.span(13, 14), (17, 18));
        assert_eq!(m.span(11, 13), (13, 17));
        assert_eq!(m.clean_len(), 14);
    }
}
