//! The gazetteer's names, found in text: at each word start, the longest name that ends at a
//! word boundary.
//!
//! Why not an Aho–Corasick automaton over all names, as before: compiling one for 80,000
//! names took 150–250 ms, every process, and the knowledge is meant to grow past 100,000
//! names. Names are only ever wanted whole, from a word's start to a word's end, so the
//! automaton's strength (matches starting anywhere) was thrown away by the boundary check
//! anyway, and a match starting inside a word could hide a real one after it. Here names are
//! bucketed by their first four bytes (shorter ones by all their bytes), and a bucket of
//! more than a few names again by the next four, longest first; building is a pass and a
//! sort, and a lookup at a word start compares a handful of names per level.
//! Case-sensitive, like the names themselves.

use foldhash::HashMap;

/// A set of names, each with an id (its position in the list given to [`NameIndex::new`]).
///
/// Everything lives in a few flat arrays (one string of all names, one array of ids that
/// nodes slice): at 100,000 names, one allocation per name or per node was most of the
/// build time and of dropping it.
#[derive(Debug, Clone, Default)]
pub struct NameIndex {
    names: Names,
    /// The id lists nodes point into.
    ids: Vec<u32>,
    /// First four bytes → the names of four or more bytes opening so.
    long: HashMap<[u8; 4], Node>,
    /// Names of one to three bytes ("US", "UN", "NSC") → id.
    short: HashMap<Box<[u8]>, u32>,
}

/// All names in one string; name `i` is `text[ends[i - 1]..ends[i]]`.
#[derive(Debug, Clone, Default)]
struct Names {
    text: String,
    ends: Vec<u32>,
}

impl Names {
    fn get(&self, i: u32) -> &[u8] {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text.as_bytes()[start..self.ends[i] as usize]
    }

    fn str(&self, i: u32) -> &str {
        let i = i as usize;
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.text[start..self.ends[i] as usize]
    }
}

/// A slice `[from, to)` of [`NameIndex::ids`].
#[derive(Debug, Clone, Copy)]
struct Ids {
    from: u32,
    to: u32,
}

impl Ids {
    fn of(self, ids: &[u32]) -> &[u32] {
        &ids[self.from as usize..self.to as usize]
    }
}

/// The names that share their first `d` bytes (`d` a multiple of four). A few are compared
/// one by one; many ("Mr. …", "Muhammad …") are split again by their next four bytes, so
/// no lookup compares more than [`FLAT`] names at one level.
#[derive(Debug, Clone)]
enum Node {
    /// Longest first.
    Flat(Ids),
    Split {
        /// Names that end within the next four bytes, longest first.
        ending: Ids,
        children: HashMap<[u8; 4], Node>,
    },
}

/// The most names a node compares one by one.
const FLAT: usize = 8;

impl Node {
    /// The node of `group` (ids of names sharing their first `d` bytes); its id lists are
    /// appended to `ids`.
    fn build(names: &Names, mut group: Vec<u32>, d: usize, ids: &mut Vec<u32>) -> Node {
        group.sort_by_key(|&i| (std::cmp::Reverse(names.get(i).len()), i));
        let push = |ids: &mut Vec<u32>, v: &[u32]| {
            let from = ids.len() as u32;
            ids.extend_from_slice(v);
            Ids {
                from,
                to: ids.len() as u32,
            }
        };
        if group.len() <= FLAT {
            return Node::Flat(push(ids, &group));
        }
        let (mut ending, mut groups) = (Vec::new(), HashMap::<[u8; 4], Vec<u32>>::default());
        for i in group {
            match names.get(i).get(d..d + 4) {
                Some(k) => groups.entry([k[0], k[1], k[2], k[3]]).or_default().push(i),
                None => ending.push(i),
            }
        }
        let ending = push(ids, &ending);
        let children = groups
            .into_iter()
            .map(|(k, v)| (k, Node::build(names, v, d + 4, ids)))
            .collect();
        Node::Split { ending, children }
    }

    /// The longest name of this node that `at` (the text from the word start) opens with
    /// and `whole` accepts (it ends a word); `d` bytes are known to match.
    fn longest(
        &self,
        ix: &NameIndex,
        at: &[u8],
        d: usize,
        whole: &dyn Fn(usize) -> bool,
    ) -> Option<u32> {
        let fits = |i: &&u32| {
            let n = ix.names.get(**i);
            at.starts_with(n) && whole(n.len())
        };
        match self {
            Node::Flat(v) => v.of(&ix.ids).iter().find(fits).copied(),
            Node::Split { ending, children } => at
                .get(d..d + 4)
                .and_then(|k| children.get(&[k[0], k[1], k[2], k[3]]))
                .and_then(|c| c.longest(ix, at, d + 4, whole))
                .or_else(|| ending.of(&ix.ids).iter().find(fits).copied()),
        }
    }
}

/// A name found: bytes `[start, end)` of the text, and the name's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    pub start: usize,
    pub end: usize,
    pub id: usize,
}

/// What a name may neither start after nor end before: letters, digits and the combining
/// breve of transliterations ("Slavinskiĭ" written with U+0306).
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '\u{306}'
}

impl NameIndex {
    /// Indexes `names`; the id of a name is its position. Empty names are never found.
    pub fn new<S: AsRef<str>>(names: impl IntoIterator<Item = S>) -> NameIndex {
        let mut all = Names::default();
        for n in names {
            all.text.push_str(n.as_ref());
            all.ends.push(all.text.len() as u32);
        }
        let mut groups: HashMap<[u8; 4], Vec<u32>> = HashMap::default();
        groups.reserve(all.ends.len() / 2);
        let mut short: HashMap<Box<[u8]>, u32> = HashMap::default();
        for i in 0..all.ends.len() as u32 {
            let b = all.get(i);
            if b.len() >= 4 {
                groups.entry([b[0], b[1], b[2], b[3]]).or_default().push(i);
            } else if !b.is_empty() {
                short.entry(b.into()).or_insert(i);
            }
        }
        let mut ids = Vec::with_capacity(all.ends.len());
        let long = groups
            .into_iter()
            .map(|(k, v)| (k, Node::build(&all, v, 4, &mut ids)))
            .collect();
        NameIndex {
            names: all,
            ids,
            long,
            short,
        }
    }

    /// The name with id `id`.
    pub fn name(&self, id: usize) -> &str {
        self.names.str(id as u32)
    }

    /// How many names there are.
    pub fn len(&self) -> usize {
        self.names.ends.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.names.ends.is_empty()
    }

    /// The longest name at `start` (a word start) that ends at a word boundary.
    fn longest_at(&self, text: &str, start: usize) -> Option<Found> {
        let b = &text.as_bytes()[start..];
        let ends_word = |len: usize| {
            text.is_char_boundary(start + len)
                && !text[start + len..].chars().next().is_some_and(is_word_char)
        };
        let found = |id: u32| Found {
            start,
            end: start + self.names.get(id).len(),
            id: id as usize,
        };
        let long = b
            .get(..4)
            .and_then(|k| self.long.get(&[k[0], k[1], k[2], k[3]]))
            .and_then(|n| n.longest(self, b, 4, &ends_word));
        if let Some(id) = long {
            return Some(found(id));
        }
        (1..=3.min(b.len())).rev().find_map(|len| {
            let id = *self.short.get(&b[..len])?;
            ends_word(len).then(|| found(id))
        })
    }

    /// The names in `text`, left to right, without overlaps: at each word start the longest
    /// whole name, then on after it.
    pub fn find_iter<'t>(&'t self, text: &'t str) -> impl Iterator<Item = Found> + 't {
        let mut at = 0;
        let mut prev_word = false;
        std::iter::from_fn(move || {
            while at < text.len() {
                let c = text[at..].chars().next()?;
                let word = is_word_char(c);
                if word && !prev_word {
                    if let Some(f) = self.longest_at(text, at) {
                        at = f.end;
                        prev_word = false; // a name ends before a non-word character
                        return Some(f);
                    }
                }
                prev_word = word;
                at += c.len_utf8();
            }
            None
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(names: &[&str], text: &str) -> Vec<(String, usize)> {
        let ix = NameIndex::new(names);
        ix.find_iter(text)
            .map(|f| (text[f.start..f.end].to_string(), f.id))
            .collect()
    }

    #[test]
    fn longest_whole_names_left_to_right() {
        let names = [
            "Japan",
            "Japanese",
            "Soviet Union",
            "Soviet",
            "US",
            "UN",
            "U.S.",
        ];
        assert_eq!(
            found(
                &names,
                "The Soviet Union and Japan; Japanese and US, U.S.-UN."
            ),
            [
                ("Soviet Union".to_string(), 2),
                ("Japan".to_string(), 0),
                ("Japanese".to_string(), 1),
                ("US".to_string(), 4),
                ("U.S.".to_string(), 6),
                ("UN".to_string(), 5),
            ]
        );
        // never inside a word, never a shorter name's prefix of a longer word
        assert!(found(&names, "Japanology, USA, UNESCO, NotJapan").is_empty());
        // a longer name that does not end a word gives way to a shorter one that does
        assert_eq!(
            found(&["Soviet Unions", "Soviet"], "Soviet Unionist")[0].0,
            "Soviet"
        );
    }

    #[test]
    fn many_names_of_one_opening_split_and_stay_longest_first() {
        let mut names: Vec<String> = (0..100).map(|i| format!("Mr. Name{i:03}")).collect();
        names.push("Mr. Name001 Junior".into());
        names.push("Mr. N".into());
        names.push("Mr. Na".into());
        let ix = NameIndex::new(names);
        let text = "Mr. Name001 Junior met Mr. Name042, Mr. Name999 and Mr. Na.";
        let f: Vec<&str> = ix.find_iter(text).map(|f| ix.name(f.id)).collect();
        assert_eq!(f, ["Mr. Name001 Junior", "Mr. Name042", "Mr. Na"]);
    }

    #[test]
    fn non_ascii_text_and_names() {
        let names = ["Shigemitsu Mamoru", "Iturup", "Slavinskiĭ"];
        let text = "«Shigemitsu Mamoru» visited Iturup; Boris Slavinskiĭ wrote. Iturupя";
        let f = found(&names, text);
        assert_eq!(
            f.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["Shigemitsu Mamoru", "Iturup", "Slavinskiĭ"]
        );
        assert!(found(&["ab"], "ĭab ab").len() == 1);
    }
}
