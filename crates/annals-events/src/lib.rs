//! `annals-events`: the `cite` and `events` stages of the pipeline.
//!
//! * [`cite`]: author–year citations and quotation source lines, parsed.
//! * [`lexicon`]: the event lexicon as data (`data/events.toml`).
//! * [`extract`]: dated events with type, trigger, agents, targets, polarity, modality,
//!   evidence and sources, from a block's sentences, time expressions and entity mentions.

pub mod cite;
pub mod extract;
pub mod lexicon;

pub use cite::{citations, Citation};
pub use extract::{extract, Context, DateSource, Event};
pub use lexicon::{EventType, Lexicon, LexiconError};
