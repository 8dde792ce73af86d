//! `annals-time`: the temporal engine of annals.
//!
//! It finds every temporal expression in English history prose and normalizes it the way
//! the research literature does (TIMEX3 type, value and mod), and also as a historian needs
//! it: a calendar interval `[start, end)`, the four-point uncertainty of vague expressions,
//! an EDTF string, and a record of what the text stated and what was implied.
//!
//! ```
//! use annals_time::{Role, Tagger};
//!
//! let mut tagger = Tagger::new();
//! let text = "On October 19, 1950, Moscow halted its boycott. On November 8, Derevyanko appeared.";
//! let found = tagger.tag(text, Role::Narrative);
//! assert_eq!(found[1].value, "1950-11-08");          // the year comes from narrative time
//! assert_eq!(found[1].implied, vec!["year"]);
//! assert_eq!(&text[found[1].start..found[1].end], "November 8");
//! ```
//!
//! The engine reads text in order and keeps a *narrative time*: the last date the text
//! stated. Underspecified dates ("On November 8") take their year from it, relative ones
//! ("the next day", "two days later") are computed from it, deictic ones ("yesterday",
//! "this morning") from the document creation time (DCT) when one is known. Years inside
//! bibliographic citations and reference numbers are not dates.
//!
//! Pipeline inside the crate: [`token`] (one pass, fixed lexicon) → [`recognize`]
//! (longest-match token patterns → [`recognize::Expr`]) → resolution here (narrative
//! time, DCT) → [`timex::Timex`].

pub mod julian;
pub mod recognize;
pub mod timex;
pub mod token;

use jiff::civil::Date;

use recognize::{find_all, paren_depths, Match, Matcher};
pub use recognize::{Expr, QuarterExpr, QuarterRef, Rel, Tense};
use timex::{describe, duration_value};
pub use timex::{Anchor, Cal, FourPoint, Granularity, Interval, Mod, Part, Timex, TimexType};
use token::{tokenize, Tok, Unit};

/// How a piece of text takes part in the narrative.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Running text: its dates move the narrative time.
    Narrative,
    /// A footnote, quotation or heading: tagged and resolved from the narrative time, but
    /// its dates do not move the narrative time of the running text.
    Aside,
    /// Only its editorial notes in square brackets and the dates it says are a paper's
    /// ("…, dated March 4, 1955") are tagged, as asides: a list of references ("A. NSC
    /// 5429/5 [Footnote 2: Dated December 22, 1954; printed in …]") whose own numbers and
    /// years are not dates of the story, but whose notes are.
    Notes,
    /// Not tagged at all (attribution lines under quotations, page furniture).
    Skip,
}

/// Annotation conventions for the output. The engine resolves the same way under both;
/// only how a result is written differs.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Convention {
    /// A historian's chronology (annals' gold format): "1945–1952" is one range
    /// `1945/1952`, "six decades" is `P6DE`.
    #[default]
    Historian,
    /// TimeML 1.2 as TimeBank and TempEval-3 annotate it: a range is two expressions, one
    /// per endpoint; decades and centuries are counted in years (`P60Y`).
    TimeMl,
}

/// Parses a DCT given as `YYYY-MM-DD` (a time part, if any, is ignored).
pub fn parse_dct(s: &str) -> Result<Date, TimeError> {
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>().map_err(|e| TimeError::BadDct {
        given: s.to_string(),
        reason: e.to_string(),
    })
}

/// Errors of the temporal engine's public API.
#[derive(Debug, thiserror::Error)]
pub enum TimeError {
    /// A document creation time that is not a calendar date.
    #[error("invalid document date {given:?}: {reason} (expected YYYY-MM-DD)")]
    BadDct {
        /// What was given.
        given: String,
        /// Why it was refused.
        reason: String,
    },
}

#[derive(Debug, Clone, Default)]
struct Narrative {
    /// The last stated date with a year (any granularity finer than a decade).
    year_ref: Option<Cal>,
    /// The last stated day.
    day_ref: Option<Cal>,
    /// The quarter the text is reporting on ("third-quarter profit ... a year earlier").
    quarter_ref: Option<Cal>,
    /// The last day the text stated, even one after the document date (which `day_ref`
    /// does not follow): what "the same date", "that day" name ("the note sent April 3,
    /// and the reply of the same date", in a telegram of April 2's editorial summary).
    said_day: Option<Cal>,
}

impl Narrative {
    fn update(&mut self, c: &Cal) {
        if c.year.is_none()
            || c.modifier
                .is_some_and(|m| matches!(m, Mod::Before | Mod::After))
        {
            return;
        }
        let mut c = *c;
        c.modifier = None;
        c.time = None;
        c.tod = None;
        c.uncertain = false;
        self.year_ref = Some(c);
        if c.day.is_some() {
            self.day_ref = Some(c);
        } else if self
            .day_ref
            .is_some_and(|d| d.year != c.year || (c.month.is_some() && d.month != c.month))
        {
            // a new month or year makes the old day a poor anchor for "the next day"
            self.day_ref = None;
        }
    }
}

/// The temporal tagger: recognizes and resolves, keeping narrative time across calls.
///
/// Feed it the blocks of a document in order; it reuses its buffers, so tagging allocates
/// little beyond the output.
#[derive(Debug, Default)]
pub struct Tagger {
    dct: Option<Date>,
    narrative: Narrative,
    toks: Vec<Tok>,
    paren: Vec<u16>,
    bracket: Vec<u16>,
    masked: Vec<bool>,
    matches: Vec<Match>,
    /// Inside square brackets (an editor's note) right now.
    editorial: bool,
    convention: Convention,
}

impl Tagger {
    /// A tagger with no document date.
    pub fn new() -> Tagger {
        Tagger::default()
    }

    /// Sets the document creation time, which anchors "yesterday", "this morning", and
    /// underspecified dates when the narrative has none.
    pub fn set_dct(&mut self, dct: Option<Date>) {
        self.dct = dct;
    }

    /// The year the story is in before the text states one: an editor's note without a
    /// dateline tells "April 19" before it first writes "August 19, 1955". Only where the
    /// narrative has no year yet; the first date with a year replaces it.
    pub fn assume_year(&mut self, year: i32) {
        if self.narrative.year_ref.is_none() {
            self.narrative.year_ref = Some(timex::Cal {
                year: Some(year),
                ..timex::Cal::default()
            });
        }
    }

    /// Chooses the annotation conventions of the output (historian's by default).
    pub fn set_convention(&mut self, convention: Convention) {
        self.convention = convention;
    }

    /// The document creation time, if known.
    pub fn dct(&self) -> Option<Date> {
        self.dct
    }

    /// The days the story is at, `[first, last]`: the narrative's last stated date (a day,
    /// a month, a year), else the document date. Entity linking reads it: "Russia" in 1905
    /// is not the USSR.
    pub fn narrative_date(&self) -> Option<(Date, Date)> {
        let last_day = |(s, e): (Date, Date)| Some((s, e.yesterday().ok()?));
        self.narrative
            .day_ref
            .or(self.narrative.year_ref)
            .and_then(|c| c.base_interval())
            .and_then(last_day)
            .or(self.dct.map(|d| (d, d)))
    }

    /// Forgets narrative time (for a new document).
    pub fn reset(&mut self) {
        self.narrative = Narrative::default();
        self.dct = None;
    }

    /// Finds and normalizes the temporal expressions of `text`. Offsets in the result are
    /// byte offsets into `text`.
    pub fn tag(&mut self, text: &str, role: Role) -> Vec<Timex> {
        let mut out = Vec::new();
        self.tag_into(text, role, &mut out);
        out
    }

    /// Like [`Tagger::tag`], appending to `out`.
    pub fn tag_into(&mut self, text: &str, role: Role, out: &mut Vec<Timex>) {
        if role == Role::Skip {
            return;
        }
        tokenize(text, &mut self.toks);
        paren_depths(&self.toks, &mut self.paren, &mut self.bracket);
        Matcher::mask_citations(
            &self.toks,
            text,
            &self.paren,
            &self.bracket,
            &mut self.masked,
        );
        let m = Matcher {
            t: &self.toks,
            text,
            paren: &self.paren,
            bracket: &self.bracket,
            masked: &self.masked,
        };
        find_all(&m, &mut self.matches);
        if self.convention == Convention::TimeMl {
            split_ranges(&self.toks, &mut self.matches);
        }
        let saved = matches!(role, Role::Aside | Role::Notes).then(|| self.narrative.clone());
        let matches = std::mem::take(&mut self.matches);
        // Editorial insertions in square brackets ("[Footnote 3: In telegram 713, September
        // 22, Allison reported he had that day ...]") are asides with a narrative of their
        // own: it starts from the running text's, moves inside the brackets, and is dropped
        // when they close.
        let mut in_note: Option<Narrative> = None;
        for mt in &matches {
            if mt.timeml_drop && self.convention == Convention::TimeMl {
                continue;
            }
            let (first, last) = match self.convention {
                Convention::TimeMl => (
                    mt.timeml_start.unwrap_or(mt.start),
                    mt.timeml_end.unwrap_or(mt.end),
                ),
                Convention::Historian => (mt.start, mt.end),
            };
            let start = self.toks[first].start;
            let end = self.toks[last - 1].end;
            let bracketed = self.bracket[mt.start] > 0;
            // a reference's own date, stated as such ("Memo for NSC …, dated March 4,
            // 1955"), is the date of a paper of the story
            let dated = || {
                let lead = text[..start].trim_end();
                let b = lead.as_bytes();
                b.len() >= 5 && b[b.len() - 5..].eq_ignore_ascii_case(b"dated")
            };
            if role == Role::Notes && !bracketed && !dated() {
                continue;
            }
            match (&in_note, bracketed) {
                (None, true) => in_note = Some(self.narrative.clone()),
                (Some(_), false) => self.narrative = in_note.take().expect("checked"),
                _ => {}
            }
            self.editorial = bracketed;
            let before = (mt.attributive || self.is_flash(mt) || recollected(text, start, end))
                .then(|| self.narrative.clone());
            if let Some(mut t) = self.resolve(mt, start, end) {
                if self.convention == Convention::TimeMl {
                    t.to_timeml();
                }
                out.push(t);
            }
            if let Some(n) = before {
                self.narrative = n;
            }
        }
        if let Some(n) = in_note {
            self.narrative = n;
        }
        self.editorial = false;
        self.matches = matches;
        if let Some(n) = saved {
            self.narrative = n;
        }
    }

    /// A year far from the day the story is at, stated inside a sentence rather than
    /// opening it, is a flash-forward or a recollection ("… the BBC revealed its existence in
    /// 1996. On October 29, Israeli paratroopers landed"): it dates its own clause but does
    /// not move the story's clock.
    fn is_flash(&self, mt: &Match) -> bool {
        let Expr::Cal(c) = &mt.expr else {
            return false;
        };
        let (Some(y), Some(day)) = (c.year, self.narrative.day_ref) else {
            return false;
        };
        c.month.is_none() && !mt.opens_sentence && day.year.is_some_and(|d| (y - d).abs() > 2)
    }

    fn resolve_cal(
        &mut self,
        mut c: Cal,
        tense: Tense,
        implied: &mut Vec<&'static str>,
    ) -> (Cal, Option<Anchor>) {
        let mut anchor = None;
        let needs_year = c.year.is_none() && c.decade.is_none() && c.century.is_none();
        let needs_date = c.time.is_some() && c.day.is_none();
        if needs_date {
            if let Some(d) = self.narrative.day_ref {
                c.year = d.year;
                c.month = d.month;
                c.day = d.day;
                implied.extend(["year", "month", "day"]);
                anchor = Some(Anchor::Narrative { value: d.value() });
            } else if let Some(d) = self.dct {
                c.year = Some(d.year() as i32);
                c.month = Some(d.month() as u8);
                c.day = Some(d.day() as u8);
                implied.extend(["year", "month", "day"]);
                anchor = Some(Anchor::Dct {
                    value: d.to_string(),
                });
            }
        } else if needs_year {
            // With a document date, a narrative year stated alone ("by 1957") is a weaker
            // anchor than the date the document was written.
            // So is a flashback to another year: a telegram of July 1955 that recalls
            // "October 1952" still means July 1955 by "July 8".
            let usable = self.narrative.year_ref.filter(|r| match self.dct {
                None => true,
                Some(d) => {
                    (r.month.is_some() || r.part.is_some())
                        && r.year.is_some_and(|y| (y - d.year() as i32).abs() <= 1)
                }
            });
            if let Some(r) = usable {
                c.year = r.year;
                // a document written at a known date tells its recent past and near future:
                // "Nov. 25" after a January date is the November before it
                // a week, quarter or season anchors by the month it starts in
                let month = r
                    .month
                    .or_else(|| r.base_interval().map(|(s, _)| s.month() as u8));
                if let (Some(_), Some(y), Some(rm)) = (self.dct, r.year, month) {
                    c.year = Some(year_toward((y, rm, r.day), self.dct, &c, tense));
                }
                implied.push("year");
                anchor = Some(Anchor::Narrative { value: r.value() });
            } else if let Some(d) = self.dct {
                let y = d.year() as i32;
                let r = (y, d.month() as u8, Some(d.day() as u8));
                c.year = Some(year_toward(r, self.dct, &c, tense));
                implied.push("year");
                anchor = Some(Anchor::Dct {
                    value: d.to_string(),
                });
            }
        }
        (c, anchor)
    }

    /// Moves narrative time to `c` — unless the document's own date shows that `c` lies in
    /// the writer's future: a memorandum does not narrate its future ("to be completed by
    /// December 31, 1957" is a plan, not the story's clock).
    fn advance(&mut self, c: &Cal) {
        if c.year.is_some() && c.day.is_some() && c.modifier.is_none() {
            self.narrative.said_day = Some(Cal { tod: None, ..*c });
        }
        if self.editorial {
            // an editor's note is written long after the document: no future to guard
            self.narrative.update(c);
            return;
        }
        if let (Some(dct), Some((start, _))) = (self.dct, c.base_interval()) {
            if start > dct {
                return;
            }
        }
        self.narrative.update(c);
    }

    /// Moves narrative time to a date the text stated; with a document date, a year annals
    /// inferred is no anchor for the next underspecified date: guessed years would drift
    /// ("May", "February", "September" stepping back a year each).
    fn advance_stated(&mut self, c: &Cal, year_inferred: bool) {
        let year_ref = self.narrative.year_ref;
        self.advance(c);
        if self.dct.is_some() && year_inferred {
            self.narrative.year_ref = year_ref;
        }
    }

    /// The reference for a shift by `unit`: a day for days and weeks, else the last year.
    fn reference(&self, unit: Unit, prefer_dct: bool) -> Option<(Cal, Anchor)> {
        let from_dct = |d: Date| {
            (
                Cal {
                    year: Some(d.year() as i32),
                    month: Some(d.month() as u8),
                    day: Some(d.day() as u8),
                    ..Cal::default()
                },
                Anchor::Dct {
                    value: d.to_string(),
                },
            )
        };
        if prefer_dct {
            if let Some(d) = self.dct {
                return Some(from_dct(d));
            }
        }
        let narrative = match unit {
            Unit::Day | Unit::Week | Unit::Hour | Unit::Minute => {
                self.narrative.day_ref.or(self.narrative.year_ref)
            }
            _ => self.narrative.year_ref,
        };
        if let Some(c) = narrative {
            return Some((c, Anchor::Narrative { value: c.value() }));
        }
        self.dct.map(from_dct)
    }

    /// The quarter an [`Expr::Quarter`] names: its stated number and year where given,
    /// else the quarter the text is reporting on, else the document date's (the current
    /// quarter, or the last completed one for "the quarter", "the latest quarter").
    fn quarter(&self, x: &QuarterExpr, tense: Tense) -> Option<Cal> {
        let ctx = self.narrative.quarter_ref.and_then(|c| match c.part {
            Some(Part::Quarter(q)) => Some((c.year?, q)),
            _ => None,
        });
        let dct = self
            .dct
            .map(|d| (d.year() as i32, (d.month() as u8 - 1) / 3 + 1));
        let previous = |(y, q): (i32, u8)| if q == 1 { (y - 1, 4) } else { (y, q - 1) };
        let year_of = || {
            ctx.map(|c| c.0)
                .or(dct.map(|d| d.0))
                .or(self.narrative.year_ref.and_then(|r| r.year))
        };
        let (y, q) = match (x.q, x.year) {
            (Some(q), Some(y)) => (y, q),
            (Some(q), None) => {
                // "the fourth quarter was weak" in February: last year's, unless spoken of
                // as ahead
                let y = year_of()?;
                let ahead = dct.is_some_and(|(dy, dq)| (y, q) > (dy, dq));
                if ahead && ctx.is_none() && tense != Tense::Future {
                    (y - 1, q)
                } else {
                    (y, q)
                }
            }
            (None, year) => {
                let found = match x.which {
                    QuarterRef::Current => dct.or(ctx),
                    QuarterRef::Context | QuarterRef::Latest => ctx.or(dct.map(previous)),
                };
                match (found, year) {
                    (Some((_, q)), Some(y)) if ctx.is_some() => (y, q),
                    (Some(found), None) if ctx.is_some() || !x.or_year => found,
                    _ if x.or_year => {
                        let y = year.or(dct.map(|d| d.0))? + x.years;
                        return Some(Cal {
                            year: Some(y),
                            ..Cal::default()
                        });
                    }
                    _ => return None,
                }
            }
        };
        Some(Cal {
            year: Some(y + x.years),
            part: Some(Part::Quarter(q)),
            ..Cal::default()
        })
    }

    /// Turns a distance back from the present ("four years ago") into the date it names,
    /// keeping the distance in [`Timex::duration`].
    fn name_by_distance(&self, t: &mut Timex, c: &Cal) {
        t.kind = TimexType::Date;
        t.duration = Some(std::mem::replace(&mut t.value, c.value()));
        t.modifier = None;
        describe(t, c, None);
    }

    fn resolve(&mut self, m: &Match, start: usize, end: usize) -> Option<Timex> {
        let mut t = Timex {
            start,
            end,
            kind: TimexType::Date,
            value: String::new(),
            modifier: None,
            granularity: None,
            interval: None,
            fuzzy: None,
            edtf: None,
            anchor: None,
            implied: Vec::new(),
            resolved: None,
            julian: None,
            duration: None,
            attributive: m.attributive,
        };
        match &m.expr {
            Expr::Cal(c) => {
                let (c, anchor) = self.resolve_cal(*c, m.tense, &mut t.implied);
                t.kind = if c.time.is_some() || c.tod.is_some() {
                    TimexType::Time
                } else {
                    TimexType::Date
                };
                t.value = c.value();
                t.modifier = c.modifier;
                t.anchor = anchor;
                describe(&mut t, &c, None);
                self.advance_stated(&c, t.implied.contains(&"year"));
            }
            Expr::Range(a, b) => {
                // the year of a day range is stated once, at its end: "August 16–23, 1956"
                let mut a = *a;
                let mut b = *b;
                if a.year.is_none() && b.year.is_some() && a.month.is_some() {
                    a.year = b.year;
                }
                let (a, anchor) = self.resolve_cal(a, m.tense, &mut t.implied);
                if b.year.is_none() && b.month.is_some() {
                    b.year = a.year;
                }
                let strip = |c: &Cal| Cal {
                    modifier: None,
                    ..*c
                };
                t.value = format!("{}/{}", strip(&a).value(), strip(&b).value());
                t.anchor = anchor;
                describe(&mut t, &a, Some(&b));
                self.advance(&a);
            }
            Expr::Dur {
                n,
                unit,
                modifier,
                rel,
            } => {
                t.kind = TimexType::Duration;
                t.value = duration_value(*n, *unit);
                t.modifier = *modifier;
                match rel {
                    Rel::None => {}
                    Rel::Present => t.anchor = Some(Anchor::Present),
                    Rel::Event(e) => t.anchor = Some(Anchor::Event { text: e.clone() }),
                    Rel::Ago if n.is_none() => {
                        // "several years ago", "months ago": some time before the present
                        t.kind = TimexType::Date;
                        t.duration = Some(std::mem::replace(&mut t.value, "PAST_REF".into()));
                        t.anchor = Some(Anchor::Present);
                    }
                    // (one year only: "ten years ago" in an earnings report is a year)
                    Rel::Earlier | Rel::Ago
                        if *unit == Unit::Year
                            && n.unwrap_or(1) == 1
                            && self.narrative.quarter_ref.is_some() =>
                    {
                        // "profit rose from $5 million a year earlier": the same quarter
                        let q = self.narrative.quarter_ref.expect("checked");
                        let c = q.with_year(q.year? - n.unwrap_or(1) as i32);
                        t.anchor = Some(Anchor::Mention { value: q.value() });
                        t.resolved = Some(c.value());
                        if matches!(rel, Rel::Ago) {
                            self.name_by_distance(&mut t, &c);
                        }
                    }
                    Rel::Later | Rel::Earlier | Rel::Ago => {
                        let sign = if matches!(rel, Rel::Later) { 1 } else { -1 };
                        if let Some((r, anchor)) = self.reference(*unit, matches!(rel, Rel::Ago)) {
                            t.anchor = Some(anchor);
                            if let Some(n) = n {
                                if let Some(c) = shift(&r, *unit, sign * *n as i32) {
                                    if matches!(rel, Rel::Ago) {
                                        // "four years ago" names a date: 2009 in 2013
                                        let c = at_unit(c, *unit);
                                        t.resolved = Some(c.value());
                                        self.name_by_distance(&mut t, &c);
                                    } else {
                                        t.resolved = Some(c.value());
                                    }
                                    // "later" moves the story on; "earlier" is a flashback
                                    if matches!(rel, Rel::Later) {
                                        self.advance(&c);
                                    }
                                }
                            }
                        }
                    }
                }
            }
            Expr::Shift {
                unit,
                offset,
                month,
                tod,
                dct,
                season,
                modifier,
            } => {
                if *dct && *offset == 0 && *unit == Unit::Day && tod.is_none() && self.dct.is_none()
                {
                    // "today" in prose without a document date: the writer's present
                    t.value = "PRESENT_REF".into();
                    t.anchor = Some(Anchor::Present);
                    return Some(t);
                }
                // "the same date", "that day", "later that day": the day just stated
                let same_day = (*unit == Unit::Day && *offset == 0 && !*dct)
                    .then_some(self.narrative.said_day)
                    .flatten()
                    .map(|c| (c, Anchor::Narrative { value: c.value() }));
                let Some((r, anchor)) = same_day.or_else(|| self.reference(*unit, *dct)) else {
                    t.value = match unit {
                        Unit::Year => "XXXX".into(),
                        Unit::Month => "XXXX-XX".into(),
                        _ => "XXXX-XX-XX".into(),
                    };
                    return Some(t);
                };
                let mut c = shift(&r, *unit, *offset)?;
                // keep only the granularity the expression names
                match unit {
                    Unit::Week => c = at_unit(c, Unit::Week),
                    Unit::Year => {
                        c.month = *month;
                        c.day = None;
                        c.part = season.map(Part::Season);
                    }
                    Unit::Month => c.day = None,
                    _ => {}
                }
                c.tod = *tod;
                c.modifier = *modifier;
                t.modifier = *modifier;
                t.implied = vec!["year", "month", "day"];
                t.implied.truncate(match c.granularity() {
                    Some(Granularity::Day | Granularity::Minute) => 3,
                    Some(Granularity::Month) => 2,
                    _ => 1,
                });
                if month.is_some() {
                    t.implied = vec!["year"];
                }
                t.kind = if c.tod.is_some() {
                    TimexType::Time
                } else {
                    TimexType::Date
                };
                t.value = c.value();
                t.anchor = Some(anchor);
                describe(&mut t, &c, None);
                self.advance(&c);
            }
            Expr::MonthRel { month, dir, dct } => {
                let Some((r, anchor)) = self.reference(Unit::Month, *dct) else {
                    t.value = format!("XXXX-{month:02}");
                    return Some(t);
                };
                let (ry, rm) = (r.year?, r.month.unwrap_or(if *dir < 0 { 12 } else { 1 }));
                let y = match dir {
                    -1 if *month < rm => ry,
                    -1 => ry - 1,
                    1 if *month > rm => ry,
                    1 => ry + 1,
                    _ => ry,
                };
                let c = Cal {
                    year: Some(y),
                    month: Some(*month),
                    ..Cal::default()
                };
                t.value = c.value();
                t.anchor = Some(anchor);
                t.implied = vec!["year"];
                describe(&mut t, &c, None);
                self.advance(&c);
            }
            Expr::Weekday {
                day,
                dir,
                tod,
                time,
            } => {
                let Some((r, anchor)) = self.reference(Unit::Day, true) else {
                    t.value = "XXXX-WXX-".to_string() + &day.to_string();
                    return Some(t);
                };
                let base = Date::new(r.year? as i16, r.month? as i8, r.day? as i8).ok()?;
                let wd = base.weekday().to_monday_one_offset() as i32;
                let want = *day as i32;
                let back = -((wd - want).rem_euclid(7) as i64);
                let ahead = (want - wd).rem_euclid(7) as i64;
                // "last Wednesday" said on a Wednesday is a week back, "next Wednesday" a
                // week ahead
                let delta = match (dir, m.tense) {
                    (1, _) => {
                        if ahead == 0 {
                            7
                        } else {
                            ahead
                        }
                    }
                    (-1, _) => {
                        if back == 0 {
                            -7
                        } else {
                            back
                        }
                    }
                    (_, Tense::Future) => ahead,
                    (_, Tense::Past) => back,
                    _ if ahead < -back => ahead,
                    _ => back,
                };
                let d = base.checked_add(jiff::Span::new().days(delta)).ok()?;
                let c = Cal {
                    tod: *tod,
                    time: *time,
                    ..Cal::default()
                }
                .on(d);
                if tod.is_some() || time.is_some() {
                    t.kind = TimexType::Time;
                }
                t.value = c.value();
                t.anchor = Some(anchor);
                t.implied = vec!["year", "month", "day"];
                describe(&mut t, &c, None);
                self.advance(&c);
            }
            Expr::Ref(v) => {
                t.value = (*v).to_string();
                t.anchor = Some(Anchor::Present);
            }
            Expr::Quarter(x) => {
                let c = self.quarter(x, m.tense)?;
                t.value = c.value();
                t.anchor = self
                    .narrative
                    .quarter_ref
                    .map(|q| Anchor::Mention { value: q.value() })
                    .or(self.dct.map(|d| Anchor::Dct {
                        value: d.to_string(),
                    }));
                describe(&mut t, &c, None);
                // the quarter a report is on: one told in the past or over by the document
                // date, and never an earlier one named for comparison ("… after a flat second
                // quarter" does not make "the year-earlier period" the second quarter's)
                let ended = match (self.dct, c.base_interval()) {
                    (Some(d), Some((_, e))) => e <= d.tomorrow().unwrap_or(d),
                    _ => true,
                };
                let not_earlier = match (
                    self.narrative.quarter_ref.and_then(|q| q.base_interval()),
                    c.base_interval(),
                ) {
                    (Some((q, _)), Some((s, _))) => s >= q,
                    _ => true,
                };
                let reported =
                    (m.tense == Tense::Past || (m.tense != Tense::Future && ended)) && not_earlier;
                if x.years == 0 && x.year.is_none() && c.part.is_some() && reported {
                    self.narrative.quarter_ref = Some(c);
                }
            }
            Expr::Julian(c) => {
                let (j, anchor) = self.resolve_cal(*c, m.tense, &mut t.implied);
                let g = crate::julian::to_gregorian(j.year?, j.month?, j.day?)?;
                let c = Cal::default().on(g);
                t.julian = Some(j.value());
                t.value = c.value();
                t.anchor = anchor;
                describe(&mut t, &c, None);
                self.advance(&c);
            }
            Expr::Holiday(h, year) => {
                let (month, day) = h.around();
                let c = Cal {
                    year: *year,
                    month: Some(month),
                    day: Some(day),
                    ..Cal::default()
                };
                let (c, anchor) = self.resolve_cal(c, m.tense, &mut t.implied);
                let c = Cal::default().on(h.date(c.year?)?);
                t.value = c.value();
                t.anchor = anchor;
                describe(&mut t, &c, None);
                self.advance_stated(&c, t.implied.contains(&"year"));
            }
            Expr::Fiscal(y) => {
                let y = match y {
                    Some(y) => *y,
                    None => self.reference(Unit::Year, false)?.0.year?,
                };
                // TimeML writes the year it is numbered by; a historian's chronology keeps
                // it apart from the calendar year
                t.value = match self.convention {
                    Convention::TimeMl => format!("{y:04}"),
                    Convention::Historian => format!("FY{y:04}"),
                };
            }
            Expr::Weekend(dir) => {
                let Some((r, anchor)) = self.reference(Unit::Day, true) else {
                    t.value = "XXXX-WXX-WE".into();
                    return Some(t);
                };
                let day = Date::new(r.year? as i16, r.month? as i8, r.day? as i8).ok()?;
                let wd = day.weekday().to_monday_one_offset() as i64;
                // the weekend of the anchor's week, the one before it (said on a weekday,
                // "the weekend" in the past tense is the one just gone), or the one after
                let weeks = match dir {
                    -1 => -7,
                    1 => {
                        if wd <= 5 {
                            0
                        } else {
                            7
                        }
                    }
                    2 => 0,
                    _ if m.tense != Tense::Future && wd <= 5 => -7,
                    _ => 0,
                };
                let day = day.checked_add(jiff::Span::new().days(weeks)).ok()?;
                let (y, w) = timex::iso_week(day);
                let c = Cal {
                    year: Some(y),
                    part: Some(Part::Weekend(w)),
                    ..Cal::default()
                };
                t.value = c.value();
                t.anchor = Some(anchor);
                describe(&mut t, &c, None);
            }
            Expr::Set(u) => {
                t.kind = TimexType::Set;
                t.value = duration_value(Some(1), *u);
            }
            Expr::Recurring(v) => {
                t.kind = TimexType::Set;
                t.value = v.clone();
            }
        }
        Some(t)
    }
}

/// TimeML annotates the two ends of a range as two expressions: "2009-2010" is 2009 and
/// 2010, "from 1955 to 1956" is 1955 and 1956. Each end takes the year the other states
/// ("August 16–23, 1956": August 16, 1956 and 23, 1956).
fn split_ranges(toks: &[Tok], matches: &mut Vec<Match>) {
    let is_sep = |t: &Tok| {
        (t.kind == token::Kind::Punct && matches!(t.ch, '-' | '–' | '—'))
            || matches!(
                t.lex,
                token::Lex::To | token::Lex::And | token::Lex::Through | token::Lex::Until
            )
    };
    let mut out = Vec::with_capacity(matches.len());
    for mt in matches.drain(..) {
        let Expr::Range(a, b) = mt.expr else {
            out.push(mt);
            continue;
        };
        let Some(sep) = (mt.start + 1..mt.end.saturating_sub(1)).find(|&k| is_sep(&toks[k])) else {
            out.push(Match {
                expr: Expr::Range(a, b),
                ..mt
            });
            continue;
        };
        let mut a = a;
        let mut b = b;
        if a.year.is_none() && a.month.is_some() {
            a.year = b.year;
        }
        if b.month.is_none() && b.day.is_some() {
            b.month = a.month;
        }
        if b.year.is_none() {
            b.year = a.year;
        }
        out.push(Match {
            end: sep,
            expr: Expr::Cal(a),
            timeml_end: None,
            ..mt.clone()
        });
        out.push(Match {
            start: sep + 1,
            expr: Expr::Cal(b),
            timeml_start: None,
            ..mt
        });
    }
    *matches = out;
}

/// `c` cut to the granularity of `unit`: a shift by years names a year, by months a month,
/// by weeks an ISO week.
fn at_unit(c: Cal, unit: Unit) -> Cal {
    match unit {
        Unit::Year | Unit::Decade | Unit::Century => Cal {
            year: c.year,
            ..Cal::default()
        },
        Unit::Month => Cal {
            day: None,
            tod: None,
            ..c
        },
        Unit::Week => match (c.year, c.month, c.day) {
            (Some(y), Some(m), Some(d)) => Date::new(y as i16, m as i8, d as i8)
                .map(|day| {
                    let (wy, w) = timex::iso_week(day);
                    Cal {
                        year: Some(wy),
                        part: Some(Part::Week(w)),
                        ..Cal::default()
                    }
                })
                .unwrap_or(c),
            _ => c,
        },
        _ => c,
    }
}

/// The year for the month (and day) of `c`, given the reference `r` (year, month, day):
/// the candidate nearest the reference — unless it lies well on the wrong side of the
/// document date for the clause's tense (after it in the past tense, before it in the
/// future), then the nearest on the right side. A
/// document tells its recent past and near future: "Nov. 25" in a January letter is the
/// November before.
fn year_toward(r: (i32, u8, Option<u8>), dct: Option<Date>, c: &Cal, tense: Tense) -> i32 {
    let (y, m, d) = r;
    let Some(month) = c.month else {
        return y;
    };
    // positions on a 372-day year: only order and rough distance matter; a month alone
    // compares by months
    let pos = |yy: i32, mm: u8, dd: Option<u8>| match c.day {
        Some(_) => yy * 372 + (mm as i32 - 1) * 31 + dd.map_or(15, |x| x as i32),
        None => (yy * 12 + mm as i32) * 31,
    };
    let at = |yy: i32| pos(yy, month, c.day);
    let anchor = pos(y, m, d);
    let doc = dct.map(|x| pos(x.year() as i32, x.month() as u8, Some(x.day() as u8)));
    let allowed = |yy: i32| match (tense, doc) {
        (Tense::Past, Some(x)) => at(yy) <= x,
        (Tense::Future, Some(x)) => at(yy) >= x,
        _ => true,
    };
    let cands = [y - 1, y, y + 1];
    let best = |ok: &dyn Fn(i32) -> bool| {
        cands
            .iter()
            .copied()
            .filter(|&yy| ok(yy))
            .min_by_key(|&yy| ((at(yy) - anchor).abs(), at(yy) > anchor))
    };
    let nearest = best(&|_| true).unwrap_or(y);
    // the tense cue is a guess: it overrides the nearest candidate only when that one lies
    // more than two months on the wrong side of the document date ("arrive April 3" in a
    // telegram of April 2 stays April 3 whatever the cue)
    let wrong_side = match (tense, doc) {
        (Tense::Past, Some(x)) => at(nearest) > x + 62,
        (Tense::Future, Some(x)) => at(nearest) < x - 62,
        _ => false,
    };
    if !wrong_side {
        return nearest;
    }
    best(&allowed).unwrap_or(nearest)
}

/// `c` moved by `n` units, at the granularity of `c` or of the unit, whichever is coarser.
fn shift(c: &Cal, unit: Unit, n: i32) -> Option<Cal> {
    let y = c.year?;
    let mut out = *c;
    out.modifier = None;
    out.time = None;
    match unit {
        Unit::Year | Unit::Decade | Unit::Century => {
            let k = match unit {
                Unit::Decade => 10,
                Unit::Century => 100,
                _ => 1,
            };
            out.year = Some(y + n * k);
            out.day = None;
            out.month = None;
            out.part = None;
        }
        Unit::Month => {
            let m = c.month? as i32 - 1 + n;
            out.year = Some(y + m.div_euclid(12));
            out.month = Some((m.rem_euclid(12) + 1) as u8);
            if let Some(d) = c.day {
                let date = Date::new(out.year? as i16, out.month? as i8, 1).ok()?;
                out.day = Some(d.min(date.days_in_month() as u8));
            }
        }
        Unit::Week => {
            // a week from a week names a week: "last week" is 2013-W11, not a day
            let day = match (c.month, c.day, c.part) {
                (Some(m), Some(d), _) => Date::new(y as i16, m as i8, d as i8).ok()?,
                (_, _, Some(Part::Week(w) | Part::Weekend(w))) => {
                    let (s, _) = Cal {
                        part: Some(Part::Week(w)),
                        ..Cal::default()
                    }
                    .with_year(y)
                    .base_interval()?;
                    s
                }
                _ => return Some(out), // coarser reference: keep it
            };
            let day = day.checked_add(jiff::Span::new().days(7 * n as i64)).ok()?;
            if c.day.is_some() {
                // "two weeks later" points to a day
                return Some(Cal {
                    year: Some(day.year() as i32),
                    month: Some(day.month() as u8),
                    day: Some(day.day() as u8),
                    ..out
                });
            }
            return Some(at_unit(Cal::default().on(day), Unit::Week));
        }
        Unit::Day | Unit::Hour | Unit::Minute => {
            let days = match unit {
                Unit::Day => n as i64,
                _ => 0,
            };
            match (c.month, c.day) {
                (Some(m), Some(d)) => {
                    let date = Date::new(y as i16, m as i8, d as i8).ok()?;
                    let date = date.checked_add(jiff::Span::new().days(days)).ok()?;
                    out.year = Some(date.year() as i32);
                    out.month = Some(date.month() as u8);
                    out.day = Some(date.day() as u8);
                }
                _ => return Some(out), // coarser reference: keep it
            }
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests;

/// A day looked back to from a past perfect ("what I had said the night before at the
/// dinner", "he had arrived the day before"): a recollection, which dates its own clause
/// but does not move the story's clock ("held later that morning" is still the story's day).
fn recollected(text: &str, start: usize, end: usize) -> bool {
    let said = &text.as_bytes()[start..end];
    let back = said.len() >= 6 && said[said.len() - 6..].eq_ignore_ascii_case(b"before");
    let lead = &text[..start];
    let mut words = lead
        .rsplit(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    back && words
        .by_ref()
        .take(4)
        .any(|w| w.eq_ignore_ascii_case("had"))
}
