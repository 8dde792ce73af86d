//! Text ingestion for annals: the first stage of the pipeline (`text → segments`).
//!
//! * [`read`] decodes input, refusing what is not text (invalid UTF-8, NUL bytes, an empty
//!   file) with an error that names the input and the byte offset.
//! * [`Chunks`] reads large inputs in pieces that end at block boundaries, so memory stays flat
//!   however large the input (a 100 MB single line is cut at white space).
//! * [`segments::blocks`] classifies blocks (headings, paragraphs, footnotes, quotations,
//!   attribution lines, datelines, page furniture) and cleans each one with [`clean`], which
//!   records every change in an [`offsets::OffsetMap`]: every cleaned byte maps back to the
//!   input.
//! * [`segments::sentences`] splits cleaned text into sentences.
//!
//! Offsets are sacred: nothing downstream sees a span that does not map back to the exact
//! bytes of the input.

pub mod clean;
pub mod offsets;
pub mod segments;

use std::io::Read;

pub use clean::Cleaned;
pub use offsets::OffsetMap;
pub use segments::{blocks, sentences, Block, BlockKind};

/// Why an input could not be read as text.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// Reading failed.
    #[error("{name}: cannot read: {source}")]
    Io {
        /// The input's name (a path, or `-` for standard input).
        name: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The input is empty (or only white space).
    #[error("{name}: the input is empty")]
    Empty {
        /// The input's name.
        name: String,
    },
    /// The input holds a NUL byte: it is binary, not text.
    #[error("{name}: not a text file: NUL byte at byte offset {offset}")]
    Binary {
        /// The input's name.
        name: String,
        /// Absolute byte offset of the first NUL byte.
        offset: usize,
    },
    /// The input is not valid UTF-8.
    #[error("{name}: invalid UTF-8 at byte offset {offset} (annals reads UTF-8 text; convert it first, e.g. with iconv)")]
    InvalidUtf8 {
        /// The input's name.
        name: String,
        /// Absolute byte offset of the first invalid byte.
        offset: usize,
    },
}

/// Checks that `bytes` are text: not empty, no NUL byte, valid UTF-8. `base` is the
/// absolute offset of `bytes` in the input, for error messages.
pub fn check_text<'a>(name: &str, bytes: &'a [u8], base: usize) -> Result<&'a str, IngestError> {
    if let Some(i) = memchr::memchr(0, bytes) {
        return Err(IngestError::Binary {
            name: name.to_string(),
            offset: base + i,
        });
    }
    std::str::from_utf8(bytes).map_err(|e| IngestError::InvalidUtf8 {
        name: name.to_string(),
        offset: base + e.valid_up_to(),
    })
}

/// Reads a whole input into a `String`, checking that it is text.
pub fn read(name: &str, mut r: impl Read) -> Result<String, IngestError> {
    let mut bytes = Vec::new();
    r.read_to_end(&mut bytes)
        .map_err(|source| IngestError::Io {
            name: name.to_string(),
            source,
        })?;
    from_bytes(name, bytes)
}

/// Checks and converts bytes already in memory.
pub fn from_bytes(name: &str, bytes: Vec<u8>) -> Result<String, IngestError> {
    check_text(name, &bytes, 0)?;
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(IngestError::Empty {
            name: name.to_string(),
        });
    }
    // check_text proved validity
    Ok(String::from_utf8(bytes).expect("validated above"))
}

/// A piece of a large input: whole blocks (it ends at a blank line where one can be found).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chunk {
    /// Absolute byte offset of the chunk in the input.
    pub base: usize,
    /// The chunk's text.
    pub text: String,
}

/// Reads an input in chunks of about `target` bytes that end at block boundaries.
///
/// A chunk ends after the last blank line in the window; failing that, after the last line
/// break; failing that (one enormous line), after the last space; failing that, at a character
/// boundary. Each chunk is checked with [`check_text`] before it is handed out, with absolute
/// offsets in errors.
pub struct Chunks<R> {
    name: String,
    reader: R,
    buf: Vec<u8>,
    base: usize,
    target: usize,
    eof: bool,
    any_text: bool,
    failed: bool,
}

impl<R: Read> Chunks<R> {
    /// Default chunk size: large enough that block-level context (a paragraph interrupted by a
    /// footnote) is almost never cut, small enough that memory stays flat.
    pub const DEFAULT_TARGET: usize = 1 << 20;

    /// A chunk reader over `reader`, named `name` in errors.
    pub fn new(name: &str, reader: R) -> Chunks<R> {
        Chunks::with_target(name, reader, Chunks::<R>::DEFAULT_TARGET)
    }

    /// A chunk reader with a chosen target size (at least 64 bytes).
    pub fn with_target(name: &str, reader: R, target: usize) -> Chunks<R> {
        Chunks {
            name: name.to_string(),
            reader,
            buf: Vec::new(),
            base: 0,
            target: target.max(64),
            eof: false,
            any_text: false,
            failed: false,
        }
    }

    fn fill(&mut self) -> Result<(), IngestError> {
        while !self.eof && self.buf.len() < self.target {
            let old = self.buf.len();
            self.buf.resize(self.target, 0);
            match self.reader.read(&mut self.buf[old..]) {
                Ok(0) => {
                    self.buf.truncate(old);
                    self.eof = true;
                }
                Ok(n) => self.buf.truncate(old + n),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => self.buf.truncate(old),
                Err(source) => {
                    self.buf.truncate(old);
                    return Err(IngestError::Io {
                        name: self.name.clone(),
                        source,
                    });
                }
            }
        }
        Ok(())
    }

    fn cut(&self) -> usize {
        let b = &self.buf;
        if self.eof {
            return b.len();
        }
        // last blank line: "\n" followed by optional spaces and "\n"
        let mut end = b.len();
        while let Some(i) = memchr::memrchr(b'\n', &b[..end]) {
            let before = &b[..i];
            let j = before
                .iter()
                .rposition(|&c| !(c == b' ' || c == b'\t' || c == b'\r'));
            if let Some(j) = j {
                if b[j] == b'\n' && j > 0 {
                    return i + 1;
                }
            }
            end = i;
            if b.len() - i > self.target / 2 && end < b.len() / 2 {
                break;
            }
        }
        if let Some(i) = memchr::memrchr(b'\n', b) {
            return i + 1;
        }
        if let Some(i) = memchr::memrchr2(b' ', b'\t', b) {
            return i + 1;
        }
        // one enormous token: cut at a character boundary
        let mut i = b.len();
        while i > 0 && (b[i - 1] & 0b1100_0000) == 0b1000_0000 {
            i -= 1;
        }
        if i > 0 && b[i - 1] >= 0xC0 {
            i - 1
        } else {
            b.len()
        }
        .max(1)
    }
}

impl<R: Read> Iterator for Chunks<R> {
    type Item = Result<Chunk, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.failed {
            return None;
        }
        if let Err(e) = self.fill() {
            self.failed = true;
            return Some(Err(e));
        }
        if self.buf.is_empty() {
            if !self.any_text {
                self.failed = true;
                return Some(Err(IngestError::Empty {
                    name: self.name.clone(),
                }));
            }
            return None;
        }
        let cut = self.cut();
        let rest = self.buf.split_off(cut);
        let bytes = std::mem::replace(&mut self.buf, rest);
        let base = self.base;
        self.base += bytes.len();
        if let Err(e) = check_text(&self.name, &bytes, base) {
            self.failed = true;
            return Some(Err(e));
        }
        if !bytes.iter().all(u8::is_ascii_whitespace) {
            self.any_text = true;
        }
        let text = String::from_utf8(bytes).expect("validated above");
        Some(Ok(Chunk { base, text }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_name_the_input_and_offset() {
        let e = from_bytes("a.txt", b"abc\xffdef".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string().split(" (").next().unwrap(),
            "a.txt: invalid UTF-8 at byte offset 3"
        );
        let e = from_bytes("b.bin", b"ab\0".to_vec()).unwrap_err();
        assert_eq!(
            e.to_string(),
            "b.bin: not a text file: NUL byte at byte offset 2"
        );
        let e = from_bytes("c.txt", b" \n".to_vec()).unwrap_err();
        assert_eq!(e.to_string(), "c.txt: the input is empty");
    }

    #[test]
    fn chunks_cut_at_blank_lines_and_keep_offsets() {
        let text = "para one line\nstill one\n\npara two\n\npara three is here\n".repeat(20);
        let chunks: Vec<Chunk> = Chunks::with_target("t", text.as_bytes(), 100)
            .map(Result::unwrap)
            .collect();
        assert!(chunks.len() > 5);
        let mut joined = String::new();
        for c in &chunks {
            assert_eq!(c.base, joined.len());
            joined.push_str(&c.text);
            if c.base + c.text.len() < text.len() {
                assert!(
                    c.text.ends_with("\n\n") || c.text.ends_with('\n'),
                    "{:?}",
                    c.text
                );
            }
        }
        assert_eq!(joined, text);
    }

    #[test]
    fn one_huge_line_is_cut_at_spaces_or_char_boundaries() {
        let text = "é".repeat(500) + " " + &"ab ".repeat(300);
        let chunks: Vec<Chunk> = Chunks::with_target("t", text.as_bytes(), 128)
            .map(Result::unwrap)
            .collect();
        let joined: String = chunks.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(joined, text);
    }

    #[test]
    fn invalid_utf8_in_a_later_chunk_reports_the_absolute_offset() {
        let mut bytes = "fine text here\n\n".repeat(40).into_bytes();
        let at = bytes.len() - 5;
        bytes[at] = 0xFF;
        let mut it = Chunks::with_target("x.txt", &bytes[..], 100);
        let err = it.find_map(Result::err).unwrap();
        match err {
            IngestError::InvalidUtf8 { offset, .. } => assert_eq!(offset, at),
            e => panic!("{e}"),
        }
        assert!(it.next().is_none(), "no chunk after an error");
    }

    #[test]
    fn empty_input_is_an_error() {
        let mut it = Chunks::new("e.txt", &b""[..]);
        assert!(matches!(it.next(), Some(Err(IngestError::Empty { .. }))));
    }
}
