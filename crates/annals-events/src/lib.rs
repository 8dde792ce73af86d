//! `annals-events`: the `cite` and `events` stages of the pipeline.
//!
//! * [`cite`]: author–year citations and quotation source lines, parsed.
//! * [`lexicon`]: the event lexicon as data (`data/events.toml`).
//! * [`extract`]: dated events with type, trigger, agents, targets, polarity, modality,
//!   evidence and sources, from a block's sentences, time expressions and entity mentions.
//! * [`clause`]: events from the parse tree — one per main-clause predicate, with subject,
//!   objects, negation and modality — for the sentences that state no date of their own.
//! * [`docref`]: papers an archival text dates by name ("NSC 5429/5 [Footnote 2: Dated
//!   December 22, 1954]"): their issue.
//! * [`frame`]: the document as an act (sender, addressee, participants) and who its "I"
//!   and "we" are.

pub mod cite;
pub mod clause;
pub mod docref;
pub mod extract;
pub mod frame;
pub mod lexicon;

pub use cite::{citations, Citation};
pub use clause::{Clock, Voices};
pub use extract::{extract, BlockInput, Context, DateSource, Event};
pub use frame::{DocFrame, DocKind};
pub use lexicon::{EventType, Lexicon, LexiconError};
