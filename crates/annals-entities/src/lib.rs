//! `annals-entities`: the `entities` stage of the pipeline.
//!
//! * [`gazetteer`]: what annals knows about the world, as data (`data/gazetteer/*.toml`,
//!   bundled; users add files): states, coalitions, organizations, people with roles over
//!   time, territories, instruments with articles and dates.
//! * [`mentions`]: finds mentions of those entities in text (names, metonyms such as "the
//!   Kremlin", role phrases such as "the Soviet representative"), resolves short names against
//!   earlier mentions, and recognizes people the gazetteer lacks by their titles.
//! * [`roles`]: role nouns ("the Secretary", "the Foreign Minister") to the person who held
//!   the role in a given year (`data/roles.toml`).

pub mod gazetteer;
pub mod import;
pub mod mentions;
pub mod names;
pub mod roles;

pub use gazetteer::{Entity, EntityKind, Gazetteer, GazetteerError, RoleSpan};
pub use mentions::{DocState, Linker, Mention, Unresolved, Via};
pub use roles::Roles;
