//! Recognition: token patterns → temporal expressions as written ([`Expr`]), before any
//! resolution against narrative time or the document date.
//!
//! Matching is longest-match, left to right, without overlaps. Each matcher starts at a token
//! and returns where its expression ends; the span is the exact tokens matched (leading
//! prepositions are never part of it, a leading "the" is when it belongs to the expression:
//! "the 1950s", "the first half of 1949", "the next day").

use crate::timex::{Cal, Mod, Part};
use crate::token::{Kind, Lex, Tok, Unit};

/// What anchors a relative duration.
#[derive(Debug, Clone, PartialEq)]
pub enum Rel {
    /// A plain duration ("for six years", "an eight-month absence").
    None,
    /// "... later": after the narrative time.
    Later,
    /// "... earlier": before the narrative time.
    Earlier,
    /// "... ago": before the document date.
    Ago,
    /// "the last sixty years": up to the writer's present.
    Present,
    /// "... after the signing of the treaty": an event the text names.
    Event(String),
}

/// An expression as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// A date or time, possibly underspecified.
    Cal(Cal),
    /// A range between two dates ("1945–1952", "August 16–23, 1956", "from 1955 to 1956").
    Range(Cal, Cal),
    /// A duration ("six years later", "more than six decades after ...").
    Dur {
        n: Option<u32>,
        unit: Unit,
        modifier: Option<Mod>,
        rel: Rel,
    },
    /// A date relative to the narrative time or document date ("the next day", "that year",
    /// "April the following year", "yesterday"); `dct` marks deictic words that prefer the
    /// document date.
    Shift {
        unit: Unit,
        offset: i32,
        month: Option<u8>,
        tod: Option<u8>,
        dct: bool,
        /// "that spring": the season of the shifted year.
        season: Option<u8>,
        /// "the end of the year": START, MID or END.
        modifier: Option<Mod>,
    },
    /// "last October", "next March", "this December": a month relative to the reference.
    MonthRel { month: u8, dir: i8, dct: bool },
    /// A day of the week; `dir` is -1 (last), 0 (by the clause's tense), +1 (next); `tod`
    /// a part of the day ("Friday afternoon").
    Weekday {
        day: u8,
        dir: i8,
        tod: Option<u8>,
        time: Option<(u8, u8)>,
    },
    /// PRESENT_REF, PAST_REF, FUTURE_REF.
    Ref(&'static str),
    /// A calendar quarter named by its place in the text's reporting ("the third quarter",
    /// "the latest quarter", "the year-earlier period"): resolved against the last quarter
    /// the text spoke of, else the document date.
    Quarter(QuarterExpr),
    /// A weekend: -1 the last one, +1 the next one, 2 the one of the document's week
    /// ("this weekend"), 0 by the clause's tense ("the weekend": the one before in the past
    /// tense, else the one of the document's week).
    Weekend(i8),
    /// A holiday: its date in the year stated, else the year the text is at
    /// ("Thanksgiving Day", "Christmas 1914").
    Holiday(Holiday, Option<i32>),
    /// A fiscal year: "FY 1958", "JFY 55", "fiscal 1989", "the fiscal year" (the year of
    /// the text, `None`). Not the calendar year it is numbered by: it names a budget's
    /// period and dates no event.
    Fiscal(Option<i32>),
    /// A day written in the Julian calendar: one of the two readings of "May 30 (June 12),
    /// 1905", or a date marked "O.S." (Old Style).
    Julian(Cal),
    /// A recurring time ("weekly").
    Set(Unit),
    /// A recurring day or month, by its TimeML value: "each Thursday" (`XXXX-WXX-4`),
    /// "every July" (`XXXX-07`).
    Recurring(String),
}

/// A holiday's date rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Holiday {
    /// The same day every year (month, day): Christmas, Independence Day, Bastille Day.
    Fixed(u8, u8),
    /// The `n`th `weekday` (1 Monday … 7 Sunday) of `month`; `n` = 5 is the last.
    Nth { month: u8, weekday: u8, n: u8 },
    /// US Election Day: the Tuesday after the first Monday of November.
    Election,
    /// Easter Sunday moved by `offset` days (Good Friday -2, Easter Monday +1).
    Easter(i8),
}

impl Holiday {
    /// The month and a typical day, to choose the year before the exact day is known.
    pub fn around(self) -> (u8, u8) {
        match self {
            Holiday::Fixed(m, d) => (m, d),
            Holiday::Nth { month, .. } => (month, 15),
            Holiday::Election => (11, 5),
            Holiday::Easter(_) => (4, 5),
        }
    }

    /// The day in year `y`.
    pub fn date(self, y: i32) -> Option<jiff::civil::Date> {
        use jiff::civil::Date;
        let y16 = i16::try_from(y).ok()?;
        match self {
            Holiday::Fixed(m, d) => Date::new(y16, m as i8, d as i8).ok(),
            // the laws changed: Thanksgiving was the last Thursday of November until 1941,
            // Memorial Day May 30 until 1970
            Holiday::Nth {
                month: 11,
                weekday: 4,
                n: 4,
            } if y < 1942 => Holiday::Nth {
                month: 11,
                weekday: 4,
                n: 5,
            }
            .date(y),
            Holiday::Nth {
                month: 5,
                weekday: 1,
                n: 5,
            } if y < 1971 => Holiday::Fixed(5, 30).date(y),
            Holiday::Nth { month, weekday, n } => {
                let first = Date::new(y16, month as i8, 1).ok()?;
                let wd = first.weekday().to_monday_one_offset() as i64;
                let first_hit = 1 + (weekday as i64 - wd).rem_euclid(7);
                let mut day = first_hit + 7 * (n as i64 - 1);
                let len = first.days_in_month() as i64;
                while day > len {
                    day -= 7; // n = 5: the last one
                }
                Date::new(y16, month as i8, day as i8).ok()
            }
            Holiday::Election => {
                let first_monday = Holiday::Nth {
                    month: 11,
                    weekday: 1,
                    n: 1,
                }
                .date(y)?;
                first_monday.tomorrow().ok()
            }
            Holiday::Easter(offset) => {
                // the Anonymous Gregorian algorithm (Meeus, Astronomical Algorithms, ch. 8)
                let (a, b, c) = (y % 19, y / 100, y % 100);
                let (d, e) = (b / 4, b % 4);
                let f = (b + 8) / 25;
                let g = (b - f + 1) / 3;
                let h = (19 * a + b - d - g + 15) % 30;
                let (i, k) = (c / 4, c % 4);
                let l = (32 + 2 * e + 2 * i - h - k) % 7;
                let m = (a + 11 * h + 22 * l) / 451;
                let month = (h + l - 7 * m + 114) / 31;
                let day = (h + l - 7 * m + 114) % 31 + 1;
                let sunday = Date::new(y16, month as i8, day as i8).ok()?;
                sunday
                    .checked_add(jiff::Span::new().days(offset as i64))
                    .ok()
            }
        }
    }
}

/// Ordinary words that open a holiday's name ("New Year's Day", "Good Friday").
const HOLIDAY_WORDS: &[&str] = &[
    "New",
    "Independence",
    "Veterans",
    "Labor",
    "Memorial",
    "Election",
    "Boxing",
    "Valentine",
    "Good",
];

/// Holidays by name: the words after the first, and the rule.
const HOLIDAYS: &[(&str, &[&str], Holiday)] = &[
    ("Christmas", &["Eve"], Holiday::Fixed(12, 24)),
    ("Christmas", &["Day"], Holiday::Fixed(12, 25)),
    ("Christmas", &[], Holiday::Fixed(12, 25)),
    ("New", &["Year's", "Eve"], Holiday::Fixed(12, 31)),
    ("New", &["Year's", "Day"], Holiday::Fixed(1, 1)),
    ("Independence", &["Day"], Holiday::Fixed(7, 4)),
    ("Bastille", &["Day"], Holiday::Fixed(7, 14)),
    ("Armistice", &["Day"], Holiday::Fixed(11, 11)),
    ("Veterans", &["Day"], Holiday::Fixed(11, 11)),
    ("Halloween", &[], Holiday::Fixed(10, 31)),
    ("Valentine's", &["Day"], Holiday::Fixed(2, 14)),
    ("Boxing", &["Day"], Holiday::Fixed(12, 26)),
    (
        "Thanksgiving",
        &["Day"],
        Holiday::Nth {
            month: 11,
            weekday: 4,
            n: 4,
        },
    ),
    (
        "Thanksgiving",
        &[],
        Holiday::Nth {
            month: 11,
            weekday: 4,
            n: 4,
        },
    ),
    (
        "Labor",
        &["Day"],
        Holiday::Nth {
            month: 9,
            weekday: 1,
            n: 1,
        },
    ),
    (
        "Memorial",
        &["Day"],
        Holiday::Nth {
            month: 5,
            weekday: 1,
            n: 5,
        },
    ),
    ("Election", &["Day"], Holiday::Election),
    ("Easter", &["Sunday"], Holiday::Easter(0)),
    ("Easter", &["Monday"], Holiday::Easter(1)),
    ("Easter", &[], Holiday::Easter(0)),
    ("Good", &["Friday"], Holiday::Easter(-2)),
];

/// Which quarter a [`Expr::Quarter`] names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuarterRef {
    /// "the quarter", "the period": the one the text is speaking of.
    Context,
    /// "this quarter", "the current quarter": the quarter of the document date.
    Current,
    /// "the latest quarter": the one spoken of, else the last one completed.
    Latest,
}

/// A quarter as written: the number and year when stated, years back or forward ("the
/// year-earlier quarter" is -1), and which quarter is meant when the number is not stated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuarterExpr {
    pub q: Option<u8>,
    pub year: Option<i32>,
    pub years: i32,
    pub which: QuarterRef,
    /// "year-earlier", "the 1988 period": a year where the text does not speak of quarters.
    pub or_year: bool,
}

/// A recognized expression: tokens `[start, end)`.
#[derive(Debug, Clone, PartialEq)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub expr: Expr,
    /// The date names or qualifies a thing ("the Yalta Agreement of February 1945", "the
    /// 1956 season") rather than situating the sentence: it must not move narrative time.
    pub attributive: bool,
    /// The tense of the clause around an underspecified expression ("Tuesday", "in
    /// April"), from the nearest auxiliary or verb form: it decides the direction in which
    /// the expression is resolved.
    pub tense: Tense,
    /// The expression opens its sentence: a scene-setting date ("In 1960, …"), not an
    /// aside ("… revealed in 1996").
    pub opens_sentence: bool,
    /// TimeML leaves the expression out altogether.
    pub timeml_drop: bool,
    /// Where TimeML starts the expression when it leaves out a leading signal word.
    pub timeml_start: Option<usize>,
    /// Where TimeML ends it (exclusive) when it leaves out a trailing one.
    pub timeml_end: Option<usize>,
}

/// The tense of a clause as far as a cheap local cue tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Tense {
    Past,
    Future,
    /// No cue, or one not worth trusting: resolve to the nearest candidate.
    #[default]
    Unknown,
}

/// Words that make a clause future: auxiliaries and the verbs of plans and schedules.
const FUTURE_CUES: &[&str] = &[
    "will",
    "ll",
    "shall",
    "should",
    "would",
    "wo",
    "going",
    "scheduled",
    "expected",
    "expects",
    "plans",
    "intends",
    "due",
    "upcoming",
    "coming",
    "next",
    "tomorrow",
    "planned",
];

/// Words that make a clause past, besides verb forms in -ed.
const PAST_CUES: &[&str] = &[
    "was",
    "were",
    "had",
    "did",
    "said",
    "told",
    "ago",
    "last",
    "yesterday",
    "earlier",
    "came",
    "went",
    "took",
    "made",
    "met",
    "began",
    "won",
    "lost",
    "left",
    "sent",
    "found",
    "gave",
    "held",
    "fell",
    "rose",
    "saw",
    "got",
    "became",
    "ran",
    "spoke",
    "wrote",
    "flew",
    "knew",
    "thought",
    "brought",
    "bought",
    "sold",
    "paid",
    "struck",
    "hit",
    "led",
    "kept",
    "put",
    "shot",
    "quit",
];

/// -ed words that are not past verbs.
const NOT_PAST: &[&str] = &[
    "need", "speed", "seed", "feed", "indeed", "red", "bed", "hundred", "united", "based",
    "related", "limited", "succeed", "proceed", "exceed", "breed", "bleed", "heed", "shed",
];

/// Words before a number that make it a reference number, not a year ("no. 1955",
/// "Deptel 1234", "NSC 1955").
const LOCATOR_WORDS: &[&str] = &[
    "no",
    "nos",
    "vol",
    "vols",
    "doc",
    "docs",
    "p",
    "pp",
    "page",
    "pages",
    "deptel",
    "embtel",
    "telegram",
    "tel",
    "despatch",
    "dispatch",
    "number",
    "numbers",
    "paragraph",
    "para",
    "section",
    "article",
    "room",
    "resolution",
    "document",
    "annex",
    "item",
    "note",
    "memo",
    "file",
    "box",
    "folder",
    "nsc",
    "ch",
    "chapter",
    "footnote",
    "circular",
    "res",
    "serial",
    "flight",
    "route",
    "highway",
    "code",
    "cable",
    "msg",
    "ref",
    "reftel",
    "infotel",
    "mytel",
    "urtel",
    "sc",
    "ga",
    "deptels",
    "embtels",
    "telegrams",
    "tels",
    "reftels",
    "despatches",
    "documents",
    "circulars",
    "cables",
    "items",
    "paragraphs",
    "sections",
    "articles",
];

/// Locator words that open a list of reference numbers ("Deptels 1898 and 1899").
const LIST_LOCATORS: &[&str] = &[
    "deptels",
    "embtels",
    "telegrams",
    "tels",
    "reftels",
    "nos",
    "numbers",
    "documents",
    "despatches",
    "circulars",
    "cables",
    "paragraphs",
    "sections",
    "articles",
    "items",
];

pub(crate) struct Matcher<'a> {
    pub t: &'a [Tok],
    pub text: &'a str,
    /// Parenthesis depth before each token.
    pub paren: &'a [u16],
    /// Square-bracket depth before each token (editorial matter).
    pub bracket: &'a [u16],
    /// Tokens inside a citation's locator ("1988, 1112", "1979, 1–635"): never dates.
    pub masked: &'a [bool],
}

impl<'a> Matcher<'a> {
    fn tok(&self, i: usize) -> Option<&'a Tok> {
        self.t.get(i)
    }

    fn lex(&self, i: usize) -> Lex {
        match self.t.get(i) {
            Some(t) if t.kind == Kind::Word => t.lex,
            _ => Lex::Other,
        }
    }

    fn str(&self, i: usize) -> &'a str {
        self.t.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn word_is(&self, i: usize, w: &str) -> bool {
        self.t.get(i).is_some_and(|t| t.kind == Kind::Word) && self.str(i).eq_ignore_ascii_case(w)
    }

    fn punct(&self, i: usize, c: char) -> bool {
        self.t.get(i).is_some_and(|t| t.is_punct(c))
    }

    /// Token `i` follows token `i-1` with no white space.
    fn adjacent(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(|t| !t.space)
    }

    fn dash(&self, i: usize) -> bool {
        self.t.get(i).is_some_and(Tok::is_dash)
    }

    /// The previous word (skipping one period), lowercased comparison helper.
    fn prev_word_in(&self, i: usize, list: &[&str]) -> bool {
        if i == 0 {
            return false;
        }
        let mut k = i - 1;
        if self.punct(k, '.') && k > 0 {
            k -= 1;
        }
        let t = &self.t[k];
        if t.kind != Kind::Word {
            return false;
        }
        let w = self.str(k);
        w.len() <= 10 && list.iter().any(|l| w.eq_ignore_ascii_case(l))
    }

    /// A four-digit year in 1000–2099 standing alone (not part of a reference number such as
    /// "661.941/8–3056" or "NSC 5516/1", not a thousands group, not after a locator word).
    pub fn year_at(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if self.masked.get(i).copied().unwrap_or(false) {
            return None;
        }
        if t.kind != Kind::Num || t.digits != 4 || !(1000..=2099).contains(&t.num) {
            return None;
        }
        if let Some(n) = self.tok(i + 1) {
            if !n.space {
                let bad = match n.kind {
                    Kind::Word => true, // "1950s" is a decade, "1955a" a label
                    Kind::Num => true,
                    Kind::Punct => {
                        matches!(n.ch, '/' | '%' | '°')
                            || (matches!(n.ch, '.' | ',' | ':')
                                && self
                                    .tok(i + 2)
                                    .is_some_and(|m| m.kind == Kind::Num && !m.space))
                    }
                };
                if bad {
                    return None;
                }
            }
        }
        if i > 0 && !t.space {
            let p = &self.t[i - 1];
            if p.kind == Kind::Punct
                && matches!(p.ch, '/' | '.' | '#' | '$' | '£' | '№' | ',' | ':')
            {
                return None;
            }
            if p.is_dash() && i >= 2 && self.t[i - 2].kind == Kind::Num && !p.space {
                // the second half of "1994–1995" (taken whole from its start, or refused
                // with it as a citation), or of a file number "8–3056"
                return None;
            }
        }
        if self.prev_word_in(i, LOCATOR_WORDS) {
            return None;
        }
        // "2010. Your 2487 ...": a telegram or paragraph number opening a text
        if i == 0 && self.punct(1, '.') && self.adjacent(1) {
            return None;
        }
        // Before 1800 a four-digit number is a year only where a date is expected ("the
        // treaty of exchange of 1875", "in 1648"); "about 1365 Japanese" is a count.
        if t.num < 1800 && !self.early_year_context(i) {
            return None;
        }
        Some(t.num as i32)
    }

    fn early_year_context(&self, i: usize) -> bool {
        i > 0
            && (matches!(
                self.lex(i - 1),
                Lex::In
                    | Lex::Since
                    | Lex::From
                    | Lex::Until
                    | Lex::By
                    | Lex::Of
                    | Lex::During
                    | Lex::Before
                    | Lex::After
                    | Lex::To
                    | Lex::Between
                    | Lex::And
                    | Lex::Through
                    | Lex::The
                    | Lex::Early
                    | Lex::Late
                    | Lex::Mid
                    | Lex::Unit(Unit::Year, false)
            ) || self.t[i - 1].is_dash()
                || (self.t[i - 1].is_punct(',') && i > 1 && self.t[i - 2].kind == Kind::Num))
    }

    /// The second year of "1945–1952": a four-digit year right after the dash.
    fn range_end_year(&self, i: usize) -> Option<i32> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.digits != 4 || !(1000..=2099).contains(&t.num) || t.space {
            return None;
        }
        if self
            .tok(i + 1)
            .is_some_and(|n| !n.space && (n.kind != Kind::Punct || matches!(n.ch, '/' | '%')))
        {
            return None;
        }
        Some(t.num as i32)
    }

    /// A day of the month (1–31), with an optional ordinal suffix; returns the day and the
    /// token after it.
    fn day_at(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Num || t.digits > 2 || !(1..=31).contains(&t.num) {
            return None;
        }
        let mut j = i + 1;
        if let Some(n) = self.tok(j) {
            if !n.space {
                // "10:30" is a clock time; "April 25: The court …" a day before a colon
                let minutes = self
                    .tok(j + 1)
                    .is_some_and(|m| m.kind == Kind::Num && !m.space);
                if n.kind == Kind::Punct && n.ch == ':' && minutes {
                    return None;
                }
                if n.kind == Kind::Word {
                    let w = self.str(j);
                    if ["st", "nd", "rd", "th"]
                        .iter()
                        .any(|s| w.eq_ignore_ascii_case(s))
                    {
                        j += 1;
                    } else {
                        return None;
                    }
                }
            }
        }
        Some((t.num as u8, j))
    }

    fn month_at(&self, i: usize) -> Option<(u8, usize)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word || !t.cap {
            return None;
        }
        match t.lex {
            Lex::Month(m) => Some((m, i + 1)),
            Lex::MonthAbbr(m) => {
                if self.punct(i + 1, '.') && self.adjacent(i + 1) {
                    let after = i + 2;
                    if self.day_at(after).is_some() || self.year_at(after).is_some() {
                        return Some((m, after));
                    }
                    None
                } else if self.day_at(i + 1).is_some() {
                    Some((m, i + 1))
                } else {
                    None
                }
            }
            _ => None,
        }
    }

    /// Is the year at token `i` (ending before token `after`) part of a bibliographic
    /// citation ("(Hara 2013, 147)", "FRUS 1955–1957, vol. 23", "khrushchev 1979, 1–635")?
    fn citation_year(&self, i: usize, after: usize) -> bool {
        if i == 0 {
            return false;
        }
        let p = &self.t[i - 1];
        let word_author = |k: usize| {
            let w = &self.t[k];
            w.kind == Kind::Word && w.lex == Lex::Other && self.str(k).chars().count() > 1
        };
        let in_paren = self.paren.get(i).is_some_and(|&d| d > 0);
        let in_round_paren =
            self.paren.get(i).copied().unwrap_or(0) > self.bracket.get(i).copied().unwrap_or(0);
        let authorish = match p.kind {
            Kind::Word => word_author(i - 1),
            Kind::Punct => {
                (p.ch == '.' && i >= 2 && self.word_is(i - 2, "al"))
                    || p.ch == ']'
                    // "(Hara, 2013)", "(Moscow: Nauka, 1979)": author or publisher, comma, year
                    || (p.ch == ',' && in_round_paren && i >= 2 && word_author(i - 2) && self.t[i - 2].cap)
            }
            Kind::Num => false,
        };
        let next = self.tok(after);
        let strong_locator = next.is_some_and(|n| n.is_punct(','))
            && self.punct(after + 2, '.')
            && ["vol", "pp", "no", "doc"]
                .iter()
                .any(|w| self.str(after + 1).eq_ignore_ascii_case(w));
        if strong_locator {
            return true; // "Foreign Relations, 1952–1954, vol. II": a citation whoever the author
        }
        if !authorish {
            return false;
        }
        let capital = p.kind != Kind::Word || p.cap;
        let locator_follows = next.is_some_and(|n| n.is_punct(',') || n.is_punct(':'))
            && self.tok(after + 1).is_some_and(|m| {
                m.kind == Kind::Num
                    || (m.kind == Kind::Word
                        && ["no", "vol", "p", "pp", "doc", "ch", "UN", "FO"]
                            .iter()
                            .any(|w| self.str(after + 1).eq_ignore_ascii_case(w)))
            });
        let closes = next.is_some_and(|n| n.is_punct(')') || n.is_punct(';'));
        locator_follows || (capital && (in_paren || closes))
    }

    /// The core calendar expression at `i`: month-day-year, day-month-year, month-year,
    /// year, decade, season of year, and day ranges. `bare` is set for a month or season
    /// standing alone (valid only in a temporal context).
    fn cal_core(&self, i: usize) -> Option<(usize, Expr, bool)> {
        if let Some((m, j)) = self.month_at(i) {
            if let Some((d, j2)) = self.day_at(j) {
                let mut k = j2;
                let mut d2 = None;
                if self.dash(k) && self.adjacent(k) {
                    if let Some((dd, k2)) = self.day_at(k + 1) {
                        if dd > d {
                            d2 = Some(dd);
                            k = k2;
                        }
                    }
                }
                let mut uncertain = false;
                if self.punct(k, '?') && self.adjacent(k) {
                    uncertain = true;
                    k += 1;
                }
                let mut year = None;
                if self.punct(k, ',') {
                    if let Some(y) = self.year_at(k + 1) {
                        year = Some(y);
                        k += 2;
                    }
                } else if let Some(y) = self.year_at(k) {
                    year = Some(y);
                    k += 1;
                }
                let c = Cal {
                    year,
                    month: Some(m),
                    day: Some(d),
                    uncertain,
                    ..Cal::default()
                };
                return Some(match d2 {
                    Some(d2) => (
                        k,
                        Expr::Range(
                            c,
                            Cal {
                                day: Some(d2),
                                uncertain: false,
                                ..c
                            },
                        ),
                        false,
                    ),
                    None => (k, Expr::Cal(c), false),
                });
            }
            if self.lex(j) == Lex::Of {
                if let Some(y) = self.year_at(j + 1) {
                    return Some((j + 2, month_year(y, m), false));
                }
            }
            if let Some(y) = self.year_at(j) {
                return Some((j + 1, month_year(y, m), false));
            }
            if self.punct(j, ',') {
                if let Some(y) = self.year_at(j + 1) {
                    if !self.tok(j + 2).is_some_and(|t| {
                        t.is_punct(',') && self.tok(j + 3).is_some_and(|x| x.kind == Kind::Num)
                    }) {
                        return Some((j + 2, month_year(y, m), false));
                    }
                }
            }
            if self.t[i].lex == Lex::Month(m) {
                return Some((
                    j,
                    Expr::Cal(Cal {
                        month: Some(m),
                        ..Cal::default()
                    }),
                    true,
                ));
            }
            return None;
        }
        if let Some((d, j)) = self.day_at(i) {
            if let Some((m, j2)) = self.month_at(j) {
                let mut k = j2;
                let mut year = None;
                if self.punct(k, ',') {
                    if let Some(y) = self.year_at(k + 1) {
                        year = Some(y);
                        k += 2;
                    }
                } else if let Some(y) = self.year_at(k) {
                    year = Some(y);
                    k += 1;
                }
                return Some((
                    k,
                    Expr::Cal(Cal {
                        year,
                        month: Some(m),
                        day: Some(d),
                        ..Cal::default()
                    }),
                    false,
                ));
            }
        }
        let t = self.tok(i)?;
        // decade: "1950s", "1950’s"
        if t.kind == Kind::Num && t.digits == 4 && t.num % 10 == 0 && (1000..=2090).contains(&t.num)
        {
            if self.adjacent(i + 1) && self.word_is(i + 1, "s") {
                return Some((
                    i + 2,
                    Expr::Cal(Cal {
                        decade: Some(t.num as i32 / 10),
                        ..Cal::default()
                    }),
                    false,
                ));
            }
            if self.adjacent(i + 1)
                && (self.punct(i + 1, '’') || self.punct(i + 1, '\''))
                && self.adjacent(i + 2)
                && self.word_is(i + 2, "s")
            {
                return Some((
                    i + 3,
                    Expr::Cal(Cal {
                        decade: Some(t.num as i32 / 10),
                        ..Cal::default()
                    }),
                    false,
                ));
            }
            if t.num % 100 == 0 && self.adjacent(i + 1) && self.word_is(i + 1, "s") {
                return Some((
                    i + 2,
                    Expr::Cal(Cal {
                        century: Some(t.num as i32 / 100),
                        ..Cal::default()
                    }),
                    false,
                ));
            }
        }
        // centuries: "the nineteenth century", "the 19th century" (TIMEX3 writes 18)
        let ordinal = match (t.kind, t.lex) {
            (Kind::Word, Lex::Ordinal(n)) => Some((n, i + 1)),
            (Kind::Num, _)
                if t.digits <= 2
                    && self.adjacent(i + 1)
                    && ["st", "nd", "rd", "th"]
                        .iter()
                        .any(|x| self.str(i + 1).eq_ignore_ascii_case(x)) =>
            {
                Some((t.num, i + 2))
            }
            _ => None,
        };
        if let Some((n, j)) = ordinal {
            if (1..=21).contains(&n) && matches!(self.lex(j), Lex::Unit(Unit::Century, false)) {
                return Some((
                    j + 1,
                    Expr::Cal(Cal {
                        century: Some(n as i32 - 1),
                        ..Cal::default()
                    }),
                    false,
                ));
            }
        }
        // British day ranges: "13–14 December 1955"
        if let Some((d1, j)) = self.day_at(i) {
            if self.dash(j) && self.adjacent(j) {
                if let Some((d2, k)) = self.day_at(j + 1) {
                    if let Some((m, k2)) = self.month_at(k) {
                        if d2 > d1 {
                            let (year, end) = match self.year_at(k2) {
                                Some(y) => (Some(y), k2 + 1),
                                None => (None, k2),
                            };
                            let a = Cal {
                                year,
                                month: Some(m),
                                day: Some(d1),
                                ..Cal::default()
                            };
                            return Some((end, Expr::Range(a, Cal { day: Some(d2), ..a }), false));
                        }
                    }
                }
            }
        }
        if let Some(y) = self.year_at(i) {
            // year ranges: 1945–1952, 1945–52, 1994-1995
            if self.dash(i + 1) && self.adjacent(i + 1) {
                if let Some(y2) = self.range_end_year(i + 2) {
                    if y2 > y {
                        if self.citation_year(i, i + 3) {
                            return None;
                        }
                        return Some((i + 3, year_range(y, y2), false));
                    }
                }
                if let Some(n) = self.tok(i + 2) {
                    if n.kind == Kind::Num
                        && n.digits == 2
                        && self.adjacent(i + 2)
                        && self
                            .tok(i + 3)
                            .is_none_or(|x| !(x.kind == Kind::Num || x.is_punct('/')))
                    {
                        let y2 = y / 100 * 100 + n.num as i32;
                        if y2 > y && !self.citation_year(i, i + 3) {
                            return Some((i + 3, year_range(y, y2), false));
                        }
                    }
                }
                // "1979, 1–635" style locators are caught by the citation test below
            }
            if self.citation_year(i, i + 1) {
                return None;
            }
            return Some((
                i + 1,
                Expr::Cal(Cal {
                    year: Some(y),
                    ..Cal::default()
                }),
                false,
            ));
        }
        if let Lex::Season(s) = self.lex(i) {
            let mut j = i + 1;
            let of = self.lex(j) == Lex::Of;
            if of {
                j += 1;
            }
            if of && self.year_at(j).is_none() {
                return None; // "the fall of the government", "the spring of hope"
            }
            if let Some(y) = self.year_at(j) {
                return Some((
                    j + 1,
                    Expr::Cal(Cal {
                        year: Some(y),
                        part: Some(Part::Season(s)),
                        ..Cal::default()
                    }),
                    false,
                ));
            }
            return Some((
                i + 1,
                Expr::Cal(Cal {
                    part: Some(Part::Season(s)),
                    ..Cal::default()
                }),
                true,
            ));
        }
        None
    }

    /// A capitalized month name at `i` with no day or year after it ("last October").
    fn lone_month(&self, i: usize) -> Option<u8> {
        match self.lex(i) {
            Lex::Month(m)
                if self.t[i].cap
                    && self.day_at(i + 1).is_none()
                    && self.year_at(i + 1).is_none() =>
            {
                Some(m)
            }
            _ => None,
        }
    }

    /// Words after which a bare season is a time of year: seasons are also verbs ("to
    /// spring", "will fall"), so fewer words qualify than for months.
    fn season_context(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.lex(i - 1),
                Lex::In
                    | Lex::By
                    | Lex::Until
                    | Lex::Since
                    | Lex::During
                    | Lex::Early
                    | Lex::Late
                    | Lex::Mid
                    | Lex::Last
                    | Lex::Next
                    | Lex::This
                    | Lex::That
                    | Lex::Each
                    | Lex::Through
            )
    }

    /// Words after which a bare month or season is a date ("in August", "July or August").
    fn temporal_context(&self, i: usize) -> bool {
        if i == 0 {
            return false;
        }
        matches!(
            self.lex(i - 1),
            Lex::In
                | Lex::Of
                | Lex::By
                | Lex::Until
                | Lex::Since
                | Lex::During
                | Lex::From
                | Lex::To
                | Lex::Before
                | Lex::After
                | Lex::Early
                | Lex::Late
                | Lex::Mid
                | Lex::Or
                | Lex::And
                | Lex::Through
                | Lex::Between
                | Lex::Last
                | Lex::Next
                | Lex::This
                | Lex::That
                | Lex::Following
                | Lex::Previous
                | Lex::Each
                | Lex::The
                | Lex::Past
                | Lex::On
        ) || (self.dash(i - 1) && i >= 2 && self.lex(i - 2) == Lex::Mid)
    }

    /// A calendar expression with its modifiers: "the early 1950s", "the end of October
    /// 1950", "the first half of 1949", "mid-March 1951", "the summer of 1955", "the
    /// morning of December 14, 1955".
    fn modded(&self, i: usize) -> Option<(usize, Expr, bool)> {
        let mut j = i;
        let the = self.lex(j) == Lex::The;
        if the {
            j += 1;
        }
        let mut modifier = None;
        let mut half = None;
        let mut quarter = None;
        let mut tod = None;
        match self.lex(j) {
            Lex::Early | Lex::Late => {
                modifier = Some(if self.lex(j) == Lex::Early {
                    Mod::Start
                } else {
                    Mod::End
                });
                j += 1;
                // "early in 1957", "late in the 1950s"
                if self.lex(j) == Lex::In
                    && (self.year_at(j + 1).is_some() || self.lex(j + 1) == Lex::The)
                {
                    j += 1;
                    if self.lex(j) == Lex::The {
                        j += 1;
                    }
                }
            }
            Lex::Mid => {
                modifier = Some(Mod::Mid);
                j += 1;
                if self.dash(j) && self.adjacent(j) {
                    j += 1;
                }
            }
            Lex::Middle | Lex::End | Lex::Beginning | Lex::Start if self.lex(j + 1) == Lex::Of => {
                let m = match self.lex(j) {
                    Lex::Middle => Mod::Mid,
                    Lex::End => Mod::End,
                    _ => Mod::Start,
                };
                // "the end of the year", "the beginning of that month": a part of the
                // narrative's year or month
                if matches!(self.lex(j + 2), Lex::The | Lex::That) {
                    if let Lex::Unit(u @ (Unit::Month | Unit::Year | Unit::Decade), false) =
                        self.lex(j + 3)
                    {
                        return Some((
                            j + 4,
                            Expr::Shift {
                                unit: u,
                                offset: 0,
                                month: None,
                                tod: None,
                                dct: false,
                                season: None,
                                modifier: Some(m),
                            },
                            false,
                        ));
                    }
                }
                modifier = Some(m);
                j += 2;
            }
            Lex::Ordinal(n @ 1..=2)
                if self.lex(j + 1) == Lex::Half && self.lex(j + 2) == Lex::Of =>
            {
                half = Some(n as u8);
                j += 3;
            }
            Lex::Ordinal(n @ 1..=4)
                if self.lex(j + 1) == Lex::Quarter && self.lex(j + 2) == Lex::Of =>
            {
                quarter = Some(n as u8);
                j += 3;
            }
            Lex::PartOfDay(p) if self.lex(j + 1) == Lex::Of => {
                tod = Some(p);
                j += 2;
            }
            _ => {}
        }
        let prefixed = j > i + usize::from(the);
        if !prefixed && !the {
            return None; // the plain core is matched by the caller
        }
        let (end, expr, bare) = self.cal_core(j)?;
        let mut expr = expr;
        let apply = |c: &mut Cal| {
            if let Some(h) = half {
                if c.month.is_some() {
                    c.part = Some(Part::Half(h));
                    c.modifier = Some(if h == 1 { Mod::Start } else { Mod::End });
                } else {
                    c.part = Some(Part::Half(h));
                }
            }
            if let Some(q) = quarter {
                c.part = Some(Part::Quarter(q));
            }
            if modifier.is_some() {
                c.modifier = modifier;
            }
            if tod.is_some() {
                c.tod = tod;
            }
        };
        match &mut expr {
            Expr::Cal(c) => {
                if !prefixed {
                    // a bare "the" belongs only to decades, centuries and seasons
                    let ok = (c.decade.is_some() || c.century.is_some()) && c.year.is_none()
                        || c.part.is_some();
                    if !ok {
                        return None;
                    }
                }
                if tod.is_some() && c.day.is_none() {
                    return None;
                }
                if (half.is_some() || quarter.is_some()) && c.day.is_some() {
                    return None;
                }
                apply(c);
            }
            Expr::Range(a, b) => {
                if tod.is_some() {
                    // "the night of May 19–20": the night that begins on the first day
                    let mut c = *a;
                    c.tod = tod;
                    expr = Expr::Cal(c);
                } else if prefixed {
                    apply(a);
                    apply(b);
                } else {
                    return None;
                }
            }
            _ => return None,
        }
        Some((end, expr, bare && !prefixed && !the))
    }

    /// A clock time: "6:45 p.m.", "11 a.m.", "Noon", "14:30"; returns (hour, minute) and
    /// the token after it.
    fn clock(&self, i: usize) -> Option<((u8, u8), usize)> {
        let t = self.tok(i)?;
        match t.lex {
            Lex::Noon if t.kind == Kind::Word => return Some(((12, 0), i + 1)),
            Lex::Midnight if t.kind == Kind::Word => return Some(((0, 0), i + 1)),
            _ => {}
        }
        if t.kind != Kind::Num || t.digits > 2 || t.num > 23 {
            return None;
        }
        let mut h = t.num as u8;
        let mut m = 0u8;
        let mut j = i + 1;
        let mut explicit_minutes = false;
        if self.punct(j, ':') && self.adjacent(j) {
            let mt = self.tok(j + 1)?;
            if mt.kind != Kind::Num || mt.digits != 2 || mt.num > 59 || mt.space {
                return None;
            }
            m = mt.num as u8;
            j += 2;
            explicit_minutes = true;
        }
        // a.m. / p.m. / am / pm / A.M.
        let w = self.str(j);
        let mut ampm = None;
        if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
            && self.punct(j + 1, '.')
            && self.word_is(j + 2, "m")
        {
            ampm = Some(w.eq_ignore_ascii_case("p"));
            j += 3;
            if self.punct(j, '.') && self.adjacent(j) {
                j += 1;
            }
        } else if (w.eq_ignore_ascii_case("am") || w.eq_ignore_ascii_case("pm"))
            && self.tok(j).is_some_and(|x| x.kind == Kind::Word)
        {
            ampm = Some(w.eq_ignore_ascii_case("pm"));
            j += 1;
        } else if w.eq_ignore_ascii_case("o")
            && self.tok(j + 1).is_some_and(|x| x.kind == Kind::Punct)
            && self.word_is(j + 2, "clock")
        {
            ampm = Some(false);
            j += 3;
        }
        match ampm {
            Some(pm) => {
                if h == 0 || h > 12 {
                    return None;
                }
                if pm && h < 12 {
                    h += 12;
                }
                if !pm && h == 12 {
                    h = 0;
                }
            }
            None if explicit_minutes => {}
            None => return None,
        }
        Some(((h, m), j))
    }

    /// A year spelled out, as transcripts write it: "nineteen ninety-one", "nineteen
    /// fifty six", "two thousand", "two thousand and three"; returns it and the token after.
    fn spelled_year(&self, i: usize) -> Option<(i32, usize)> {
        let num = |k: usize| match self.lex(k) {
            Lex::NumWord(n) => Some(n),
            _ => None,
        };
        // tens and units: "ninety-one", "fifty six", "ninety"
        let tens_units = |k: usize| -> Option<(u32, usize)> {
            let t = num(k).filter(|n| (10..=90).contains(n))?;
            if t < 20 {
                return Some((t, k + 1)); // "nineteen ten" .. "nineteen nineteen"
            }
            let k2 = if self.dash(k + 1) && self.adjacent(k + 1) {
                k + 2
            } else {
                k + 1
            };
            match num(k2).filter(|u| (1..=9).contains(u)) {
                Some(u) => Some((t + u, k2 + 1)),
                None => Some((t, k + 1)),
            }
        };
        match num(i)? {
            c @ 17..=19 => {
                let (rest, e) = tens_units(i + 1)?;
                Some((c as i32 * 100 + rest as i32, e))
            }
            2 if self.word_is(i + 1, "thousand") => {
                let k = if self.lex(i + 2) == Lex::And {
                    i + 3
                } else {
                    i + 2
                };
                match num(k).filter(|n| *n < 100) {
                    Some(n) => {
                        let (v, e) = tens_units(k).unwrap_or((n, k + 1));
                        Some((2000 + v as i32, e))
                    }
                    None => Some((2000, i + 2)),
                }
            }
            _ => None,
        }
    }

    /// A date, a time, or both, with modifiers and ranges.
    fn date_or_time(&self, i: usize) -> Option<(usize, Expr)> {
        // a spelled year, alone or after "the year" / a month: "in nineteen ninety-one",
        // "the year two thousand", "January nineteen ninety-seven"
        let lead = if self.lex(i) == Lex::The && self.lex(i + 1) == Lex::Unit(Unit::Year, false) {
            i + 2
        } else {
            i
        };
        if let Some((y, e)) = self.spelled_year(lead) {
            // a bare "two thousand" is a number ("two thousand troops") unless "the year" or
            // a temporal preposition introduces it; "nineteen twenty-one delegates" likewise
            let introduced = lead > i
                || (i > 0
                    && matches!(
                        self.lex(i - 1),
                        Lex::In
                            | Lex::By
                            | Lex::Until
                            | Lex::Since
                            | Lex::Of
                            | Lex::Before
                            | Lex::After
                    ));
            let noun_after = self
                .tok(e)
                .is_some_and(|t| t.kind == Kind::Word && t.lex == Lex::Other && !t.cap);
            if introduced || (y != 2000 && !noun_after) {
                return Some((
                    e,
                    Expr::Cal(Cal {
                        year: Some(y),
                        ..Cal::default()
                    }),
                ));
            }
            return None;
        }
        if let Some(m) = self.lone_month(i) {
            if let Some((y, e)) = self.spelled_year(i + 1) {
                return Some((e, month_year(y, m)));
            }
        }
        // time first: "6:45 p.m. on September 4, 1951"
        if let Some((hm, j)) = self.clock(i) {
            let mut k = j;
            // "5 p.m. EST Nov. 9", "4 a.m. EDT Thursday"
            if [
                "EST", "EDT", "CST", "CDT", "MST", "MDT", "PST", "PDT", "GMT", "UTC", "BST",
            ]
            .iter()
            .any(|z| self.word_is(k, z))
            {
                k += 1;
            }
            if self.lex(k) == Lex::On || self.punct(k, ',') {
                k += 1;
            }
            if let Some((
                e,
                Expr::Weekday {
                    day,
                    dir,
                    tod: None,
                    time: None,
                },
            )) = self.relative_core(k)
            {
                // "10 p.m. Wednesday", "noon Thursday"
                return Some((
                    e,
                    Expr::Weekday {
                        day,
                        dir,
                        tod: None,
                        time: Some(hm),
                    },
                ));
            }
            if let Some((e, Expr::Cal(c), false)) = self.modded(k).or_else(|| self.cal_core(k)) {
                if c.day.is_some() {
                    return Some((
                        e,
                        Expr::Cal(Cal {
                            time: Some(hm),
                            ..c
                        }),
                    ));
                }
            }
            return Some((
                j,
                Expr::Cal(Cal {
                    time: Some(hm),
                    ..Cal::default()
                }),
            ));
        }
        let (mut end, mut expr, bare) = self.modded(i).or_else(|| self.cal_core(i))?;
        // "job figures for January", "a June agreement": a month after "for" or "a" is one
        // (not "may" and "march", which are verbs there as often)
        let month_after = i > 0
            && (self.word_is(i - 1, "for") || self.word_is(i - 1, "a"))
            && !self.word_is(i, "may")
            && !self.word_is(i, "march")
            && matches!(&expr, Expr::Cal(c) if c.month.is_some() && c.day.is_none());
        if bare && !self.temporal_context(i) && !month_after {
            return None;
        }
        if bare && matches!(self.lex(i), Lex::Season(_)) && !self.season_context(i) {
            return None; // "to spring from", "prices fall and"
        }
        // "January this year", "June last year", "in March of next year": the month of
        // the year named relative to the document
        if let Expr::Cal(c) = &expr {
            if c.month.is_some() && c.day.is_none() && c.year.is_none() && c.part.is_none() {
                let k = if self.lex(end) == Lex::Of {
                    end + 1
                } else {
                    end
                };
                let off = match self.lex(k) {
                    Lex::This => Some(0),
                    Lex::Last => Some(-1),
                    Lex::Next => Some(1),
                    _ => None,
                };
                if let (Some(offset), Lex::Unit(Unit::Year, false)) = (off, self.lex(k + 1)) {
                    return Some((
                        k + 2,
                        Expr::Shift {
                            unit: Unit::Year,
                            offset,
                            month: c.month,
                            tod: None,
                            dct: true,
                            season: None,
                            modifier: c.modifier,
                        },
                    ));
                }
            }
        }
        // date then time: "August 24, 1955, Noon", "March 25, 1955—6 p.m."
        if let Expr::Cal(c) = &expr {
            if c.day.is_some() && c.time.is_none() && c.tod.is_none() {
                let k = if self.punct(end, ',') || self.dash(end) || self.lex(end) == Lex::At {
                    end + 1
                } else {
                    end
                };
                if k > end {
                    if let Some((hm, j)) = self.clock(k) {
                        return Some((
                            j,
                            Expr::Cal(Cal {
                                time: Some(hm),
                                ..*c
                            }),
                        ));
                    }
                }
            }
        }
        // a month followed by "the following year": "April the following year"
        if let Expr::Cal(c) = &expr {
            if bare
                && c.month.is_some()
                && self.lex(end) == Lex::The
                && self.lex(end + 1) == Lex::Following
                && matches!(self.lex(end + 2), Lex::Unit(Unit::Year, false))
            {
                return Some((
                    end + 3,
                    Expr::Shift {
                        unit: Unit::Year,
                        offset: 1,
                        month: c.month,
                        tod: None,
                        dct: false,
                        season: None,
                        modifier: None,
                    },
                ));
            }
        }
        // ranges: "1955 to 1956", "the Late 1940s to the 1950s", "between 1950 and 1953"
        let between = i > 0 && self.lex(i - 1) == Lex::Between;
        let joiner = matches!(self.lex(end), Lex::To | Lex::Until | Lex::Through)
            || (between && self.lex(end) == Lex::And)
            || (self.dash(end) && !self.adjacent(end));
        if joiner {
            if let Expr::Cal(a) = &expr {
                if a.year.is_some() || a.decade.is_some() {
                    if let Some((e2, Expr::Cal(b), false)) =
                        self.modded(end + 1).or_else(|| self.cal_core(end + 1))
                    {
                        let same_kind = (b.year.is_some() && a.year.is_some() && b.year >= a.year)
                            || (b.decade.is_some() && a.decade.is_some());
                        if same_kind && b.granularity() == a.granularity() {
                            // a range states its ends; their modifiers stay in the interval and
                            // are dropped from the value when it is written
                            end = e2;
                            expr = Expr::Range(*a, b);
                        }
                    }
                }
            }
        }
        Some((end, expr))
    }

    /// Count words: "six", "twenty-five", "a", "a few", "several", "10".
    fn count(&self, i: usize) -> Option<(Option<u32>, usize, bool)> {
        let t = self.tok(i)?;
        match (t.kind, t.lex) {
            (Kind::Word, Lex::NumWord(n)) => {
                if self.dash(i + 1) && self.adjacent(i + 1) && self.adjacent(i + 2) {
                    if let Lex::NumWord(m) = self.lex(i + 2) {
                        if m < 10 && n >= 20 {
                            return Some((Some(n + m), i + 3, false));
                        }
                    }
                }
                // "twenty four hours", as transcripts write it
                if let Lex::NumWord(m) = self.lex(i + 1) {
                    if (1..10).contains(&m) && (20..100).contains(&n) && n % 10 == 0 {
                        return Some((Some(n + m), i + 2, false));
                    }
                }
                Some((Some(n), i + 1, false))
            }
            (Kind::Word, Lex::A) => {
                if self.lex(i + 1) == Lex::Few {
                    return Some((None, i + 2, false));
                }
                Some((Some(1), i + 1, true))
            }
            (Kind::Word, Lex::Few) => Some((None, i + 1, false)),
            (Kind::Num, _) if t.digits <= 3 && t.num > 0 => Some((Some(t.num), i + 1, false)),
            _ => None,
        }
    }

    /// Text of an event anchor: the words after "after"/"of", up to punctuation.
    fn event_text(&self, from: usize) -> Option<String> {
        let mut k = from;
        let mut last = None;
        while let Some(t) = self.tok(k) {
            if t.kind == Kind::Punct && !matches!(t.ch, '’' | '\'' | '-' | '“' | '”') {
                break;
            }
            if k - from >= 10 {
                break;
            }
            last = Some(k);
            k += 1;
        }
        let last = last?;
        Some(self.text[self.t[from].start..self.t[last].end].to_string())
    }

    /// Durations: "six years later", "an eight-month absence", "Around a month later",
    /// "more than six decades after ...", "the last sixty years", "for decades",
    /// "fifth anniversary".
    fn duration(&self, i: usize) -> Option<(usize, Expr)> {
        let mut j = i;
        let mut rel = Rel::None;
        let mut modifier = None;
        let mut framed = false; // "the last/past/next ..."
        if self.lex(j) == Lex::The && matches!(self.lex(j + 1), Lex::Last | Lex::Past | Lex::Next) {
            if self.lex(j + 1) != Lex::Next {
                rel = Rel::Present;
            }
            framed = true;
            j += 2;
        } else if self.lex(j) == Lex::The {
            // "the nine months", "the first nine months", "the latest six months": a
            // reporting period counted in its units (the count must follow)
            let k = if matches!(self.lex(j + 1), Lex::Ordinal(1) | Lex::Latest) {
                j + 2
            } else {
                j + 1
            };
            let counted = matches!(self.lex(k), Lex::NumWord(_))
                || self
                    .tok(k)
                    .is_some_and(|t| t.kind == Kind::Num && t.digits <= 3);
            if counted && matches!(self.lex(k + 1), Lex::Unit(_, true)) {
                j = k;
            }
        }
        let ordinal = match self.lex(j) {
            Lex::Ordinal(n) => Some((n, j + 1)),
            // "10th anniversary"
            _ => self
                .tok(j)
                .filter(|t| t.kind == Kind::Num && t.digits <= 3)
                .and_then(|t| {
                    let suffix = ["th", "st", "nd", "rd"]
                        .iter()
                        .any(|x| self.word_is(j + 1, x));
                    (suffix && self.adjacent(j + 1)).then_some((t.num, j + 2))
                }),
        };
        if let Some((n, after)) = ordinal {
            let j = after - 1;
            if self.lex(j + 1) == Lex::Anniversary {
                let ev = if self.lex(j + 2) == Lex::Of {
                    self.event_text(j + 3)
                } else {
                    None
                };
                let rel = ev.map_or(Rel::None, Rel::Event);
                return Some((
                    j + 2,
                    Expr::Dur {
                        n: Some(n),
                        unit: Unit::Year,
                        modifier: None,
                        rel,
                    },
                ));
            }
        }
        match self.lex(j) {
            Lex::Approx => {
                modifier = Some(Mod::Approx);
                j += 1;
            }
            Lex::More | Lex::Less if self.lex(j + 1) == Lex::Than => {
                modifier = Some(if self.lex(j) == Lex::More {
                    Mod::After
                } else {
                    Mod::Before
                });
                j += 2;
            }
            Lex::Over if self.count(j + 1).is_some() => {
                modifier = Some(Mod::After);
                j += 1;
            }
            _ => {}
        }
        let counted = self.count(j);
        let (n, mut k, article) = match counted {
            Some(c) => c,
            None => (None, j, false),
        };
        if counted.is_some() && article {
            // "an eight-month absence": the span starts at the count, not the article
            if matches!(self.lex(k), Lex::NumWord(_)) {
                return None;
            }
        }
        if self.lex(k) == Lex::Short {
            k += 1;
        }
        let hyphenated =
            counted.is_some() && self.dash(k) && self.adjacent(k) && self.adjacent(k + 1);
        if hyphenated {
            k += 1;
        }
        let Lex::Unit(unit, plural) = self.lex(k) else {
            return None;
        };
        if counted.is_none() && !framed {
            // a bare plural unit is a duration only as "for decades" or "years later"
            let after = matches!(self.lex(k + 1), Lex::Later | Lex::Earlier | Lex::Ago);
            let for_before = k > 0 && self.word_is(k - 1, "for");
            if !plural || !(after || for_before) || modifier.is_some() {
                return None;
            }
        }
        if hyphenated && plural {
            return None;
        }
        // an age ("a 6-year-old boy", "52 years old") measures a life, not a time of the
        // story
        let old_at = |k: usize| self.word_is(k, "old");
        if old_at(k + 1) || (self.dash(k + 1) && self.adjacent(k + 1) && old_at(k + 2)) {
            return None;
        }
        let n = if counted.is_none() && framed && !plural {
            Some(1)
        } else {
            n
        };
        let mut end = k + 1;
        if !hyphenated {
            match self.lex(end) {
                Lex::Later => {
                    rel = Rel::Later;
                    end += 1;
                }
                Lex::Earlier => {
                    rel = Rel::Earlier;
                    end += 1;
                }
                Lex::Ago => {
                    rel = Rel::Ago;
                    end += 1;
                }
                // "six weeks after he introduced ...": the anchor is an event, unless a
                // date follows ("three days after July 4, 1955" is left to the date)
                Lex::After | Lex::Before | Lex::Following
                    if self.date_or_time(end + 1).is_none() =>
                {
                    if let Some(ev) = self.event_text(end + 1) {
                        rel = Rel::Event(ev);
                        end += 1;
                    }
                }
                _ => {}
            }
        }
        // "within a week", "for a year": the preposition makes the measure explicit
        let measured = i > 0
            && (matches!(
                self.lex(i - 1),
                Lex::In | Lex::During | Lex::Within | Lex::Over | Lex::After
            ) || self.word_is(i - 1, "for"));
        if article && matches!(rel, Rel::None) && !framed && modifier.is_none() && !measured {
            // "a year" alone is too weak ("a day of mourning"); "a month later" is not
            return None;
        }
        Some((
            end,
            Expr::Dur {
                n,
                unit,
                modifier,
                rel,
            },
        ))
    }

    /// "year-earlier", "year-ago" (tokens `year - earlier`): one year back, as an adjective.
    fn year_back(&self, i: usize) -> bool {
        self.lex(i) == Lex::Unit(Unit::Year, false)
            && self.dash(i + 1)
            && self.adjacent(i + 1)
            && self.adjacent(i + 2)
            && matches!(self.lex(i + 2), Lex::Earlier | Lex::Ago)
    }

    /// "this year's", "last year's", "next year's": a year offset before a quarter.
    fn years_possessive(&self, i: usize) -> Option<i32> {
        let off = match self.lex(i) {
            Lex::This => 0,
            Lex::Last => -1,
            Lex::Next => 1,
            _ => return None,
        };
        let possessive =
            self.lex(i + 1) == Lex::Unit(Unit::Year, false) && self.possessive_at(i + 2);
        possessive.then_some(off)
    }

    /// Quarters of the reporting year: "third-quarter", "the fiscal first quarter", "the
    /// quarter", "the latest quarter", "this year's third quarter", "the 1988 quarter", "the
    /// year-earlier period", and the adjective "year-earlier" alone.
    fn quarter(&self, i: usize) -> Option<(usize, Expr)> {
        let mut x = QuarterExpr {
            q: None,
            year: None,
            years: 0,
            which: QuarterRef::Context,
            or_year: false,
        };
        let mut j = i;
        let mut determined = false; // "the", "this", "that", a possessive year
        let mut modified = false; // a word that makes "period" a reporting period
        if let Some(off) = self.years_possessive(j) {
            x.years = off;
            determined = true;
            modified = true;
            j += 4;
        } else {
            match self.lex(j) {
                Lex::The | Lex::That => {
                    determined = true;
                    j += 1;
                }
                Lex::This => {
                    x.which = QuarterRef::Current;
                    determined = true;
                    j += 1;
                }
                _ => {}
            }
        }
        loop {
            match self.lex(j) {
                Lex::Latest => x.which = QuarterRef::Latest,
                Lex::Current => x.which = QuarterRef::Current,
                Lex::Fiscal => {
                    if self.dash(j + 1) && self.adjacent(j + 1) {
                        j += 1;
                    }
                }
                _ if self.word_is(j, "comparable") || self.word_is(j, "corresponding") => {}
                _ if self.year_back(j) => {
                    x.years = -1;
                    j += 2;
                }
                _ => match self.year_at(j).filter(|_| determined && x.year.is_none()) {
                    Some(y) => x.year = Some(y),
                    None => break,
                },
            }
            modified = true;
            j += 1;
        }
        let mut hyphen = false;
        let bare_determiner = !modified && determined && x.which == QuarterRef::Context;
        if let Lex::Ordinal(n @ 1..=4) = self.lex(j) {
            x.q = Some(n as u8);
            j += 1;
            if self.dash(j) && self.adjacent(j) && self.adjacent(j + 1) {
                if bare_determiner {
                    return None; // "the third-quarter loss": the adjective alone is the date
                }
                hyphen = true;
                j += 1;
            }
        }
        match self.lex(j) {
            Lex::Quarter => {
                if self.lex(j + 1) == Lex::Of || (!determined && x.q.is_none()) {
                    return None; // "a quarter of the shares", "the first quarter of 1956"
                }
            }
            Lex::Period if x.q.is_none() && !hyphen && modified => {
                x.or_year = x.year.is_some();
            }
            _ => {
                // "year-earlier" before any other noun: the year (or quarter) before
                if self.year_back(i) && !hyphen {
                    x.or_year = true;
                    return Some((i + 3, Expr::Quarter(x)));
                }
                return None;
            }
        }
        Some((j + 1, Expr::Quarter(x)))
    }

    /// A holiday by name, capitalized ("Thanksgiving Day", "Christmas Eve", "Easter"),
    /// with its year if stated ("Christmas 1914").
    fn holiday(&self, i: usize) -> Option<(usize, Expr)> {
        let first =
            self.t[i].lex == Lex::Holiday || HOLIDAY_WORDS.iter().any(|w| self.word_is(i, w));
        if !first || !self.t[i].cap {
            return None;
        }
        // "Easter Island", "the Easter Rising", "Christmas Island": a name, not the day
        let named = |k: usize| {
            self.tok(k)
                .is_some_and(|t| t.kind == Kind::Word && t.cap && t.lex == Lex::Other)
        };
        // "Valentine's" and "Year's" are three tokens (word, apostrophe — straight or curly —,
        // "s")
        let word_at = |k: usize, w: &str| -> Option<usize> {
            if let Some(stem) = w.strip_suffix("'s").or_else(|| w.strip_suffix("’s")) {
                return (self.word_is(k, stem) && self.possessive_at(k + 1)).then_some(k + 3);
            }
            self.word_is(k, w).then_some(k + 1)
        };
        let (end, rule) = HOLIDAYS.iter().find_map(|(first, rest, rule)| {
            let mut k = word_at(i, first)?;
            for w in rest.iter() {
                k = word_at(k, w)?;
            }
            Some((k, *rule))
        })?;
        if named(end) {
            return None;
        }
        let (end, year) = match self.year_at(end) {
            Some(y) => (end + 1, Some(y)),
            None if self.punct(end, ',') && self.year_at(end + 1).is_some() => {
                (end + 2, self.year_at(end + 1))
            }
            None => (end, None),
        };
        Some((end, Expr::Holiday(rule, year)))
    }

    /// Fiscal years: "FY 1958", "FY55", "JFY 55", "fiscal 1989", "fiscal year 1956", "the
    /// fiscal year", "the current fiscal year".
    fn fiscal(&self, i: usize) -> Option<(usize, Expr)> {
        let two_or_four = |k: usize| {
            self.tok(k)
                .filter(|t| t.kind == Kind::Num)
                .and_then(|t| match t.digits {
                    2 => Some(if t.num < 30 {
                        2000 + t.num as i32
                    } else {
                        1900 + t.num as i32
                    }),
                    4 if (1800..=2099).contains(&t.num) => Some(t.num as i32),
                    _ => None,
                })
        };
        if self.lex(i) == Lex::Fy && self.str(i).bytes().all(|b| b.is_ascii_uppercase()) {
            let k = if self.dash(i + 1) { i + 2 } else { i + 1 };
            return two_or_four(k).map(|y| (k + 1, Expr::Fiscal(Some(y))));
        }
        let mut j = i;
        if self.lex(j) == Lex::The {
            j += 1;
            if self.lex(j) == Lex::Current {
                j += 1;
            }
        }
        if self.lex(j) != Lex::Fiscal {
            return None;
        }
        let year_word = self.lex(j + 1) == Lex::Unit(Unit::Year, false);
        let k = if year_word { j + 2 } else { j + 1 };
        if let Some(y) = self.year_at(k) {
            return Some((k + 1, Expr::Fiscal(Some(y))));
        }
        // "the fiscal year", not "fiscal policy"
        (year_word && j > i).then_some((j + 2, Expr::Fiscal(None)))
    }

    /// "O.S." / "N.S." / "Old Style" / "New Style" after a date, in parentheses or not;
    /// returns whether it says Old Style, and the token after the marker.
    fn style_marker(&self, i: usize) -> Option<(bool, usize)> {
        let open = self.punct(i, '(');
        let k = if open { i + 1 } else { i };
        let (old, mut e) = if (self.word_is(k, "O") || self.word_is(k, "N"))
            && self.punct(k + 1, '.')
            && self.word_is(k + 2, "S")
            && self.adjacent(k + 1)
        {
            let e = if self.punct(k + 3, '.') { k + 4 } else { k + 3 };
            (self.word_is(k, "O"), e)
        } else if (self.word_is(k, "Old") || self.word_is(k, "New")) && self.word_is(k + 1, "Style")
        {
            (self.word_is(k, "Old"), k + 2)
        } else {
            return None;
        };
        if open {
            if !self.punct(e, ')') {
                return None;
            }
            e += 1;
        }
        Some((old, e))
    }

    /// Old Style dates: "May 30 (June 12), 1905", "30 May (12 June) 1905" — the two
    /// readings of one day, checked against each other — and "May 30, 1905 O.S.".
    fn old_style(&self, i: usize) -> Option<(usize, Expr)> {
        let (e1, Expr::Cal(a), _) = self.cal_core(i)? else {
            return None;
        };
        let (Some(am), Some(ad)) = (a.month, a.day) else {
            return None;
        };
        if a.time.is_some() || a.part.is_some() {
            return None;
        }
        if let Some((old, e)) = self.style_marker(e1) {
            return Some((e, if old { Expr::Julian(a) } else { Expr::Cal(a) }));
        }
        if !self.punct(e1, '(') {
            return None;
        }
        let (e2, Expr::Cal(b), _) = self.cal_core(e1 + 1)? else {
            return None;
        };
        let (Some(bm), Some(bd)) = (b.month, b.day) else {
            return None;
        };
        if !self.punct(e2, ')') {
            return None;
        }
        let mut end = e2 + 1;
        let mut year = a.year.or(b.year);
        if year.is_none() {
            let k = if self.punct(end, ',') { end + 1 } else { end };
            year = self.year_at(k);
            if year.is_some() {
                end = k + 1;
            }
        }
        let y = year?;
        let is_reading = |j: (u8, u8), g: (u8, u8)| {
            crate::julian::to_gregorian(y, j.0, j.1)
                .is_some_and(|d| d.month() as u8 == g.0 && d.day() as u8 == g.1)
        };
        let julian = |m: u8, d: u8| Cal {
            year: Some(y),
            month: Some(m),
            day: Some(d),
            ..Cal::default()
        };
        if is_reading((am, ad), (bm, bd)) {
            Some((end, Expr::Julian(julian(am, ad))))
        } else if is_reading((bm, bd), (am, ad)) {
            Some((end, Expr::Julian(julian(bm, bd))))
        } else {
            None
        }
    }

    /// Relative and deictic dates with what may qualify them: a part of the day after a day
    /// ("Friday afternoon", "yesterday morning", "last night"), "early" or "late" before
    /// ("early next year", "late yesterday").
    fn relative(&self, i: usize) -> Option<(usize, Expr)> {
        if matches!(self.lex(i), Lex::Early | Lex::Late) {
            let m = if self.lex(i) == Lex::Early {
                Mod::Start
            } else {
                Mod::End
            };
            if let Some((end, mut expr @ Expr::Shift { modifier: None, .. })) = self.relative(i + 1)
            {
                if let Expr::Shift { modifier, .. } = &mut expr {
                    *modifier = Some(m);
                }
                return Some((end, expr));
            }
        }
        let (mut end, mut expr) = self.relative_core(i)?;
        if let Lex::PartOfDay(p) = self.lex(end) {
            match &mut expr {
                Expr::Weekday {
                    tod: tod @ None, ..
                } => {
                    *tod = Some(p);
                    end += 1;
                }
                Expr::Shift {
                    unit: Unit::Day,
                    tod: tod @ None,
                    month: None,
                    ..
                } => {
                    *tod = Some(p);
                    return Some((end + 1, expr));
                }
                _ => {}
            }
        }
        if let Expr::Weekday { tod, .. } = expr {
            // "Saturday, April 25", "Thursday morning, June 15": the date says which one
            let k = if self.punct(end, ',') { end + 1 } else { end };
            if let Some((e, Expr::Cal(c))) = self.date_or_time(k) {
                if c.day.is_some() && c.time.is_none() {
                    return Some((
                        e,
                        Expr::Cal(Cal {
                            tod: tod.or(c.tod),
                            ..c
                        }),
                    ));
                }
            }
        }
        Some((end, expr))
    }

    /// Relative and deictic dates, references to the present, sets.
    fn relative_core(&self, i: usize) -> Option<(usize, Expr)> {
        let t = self.tok(i)?;
        if t.kind != Kind::Word {
            return None;
        }
        let unit_at = |k: usize| match self.lex(k) {
            Lex::Unit(u, false)
                if matches!(u, Unit::Day | Unit::Week | Unit::Month | Unit::Year) =>
            {
                Some(u)
            }
            _ => None,
        };
        let shift = |unit, offset, dct| Expr::Shift {
            unit,
            offset,
            month: None,
            tod: None,
            dct,
            season: None,
            modifier: None,
        };
        match t.lex {
            Lex::The => {
                let off = match self.lex(i + 1) {
                    Lex::Next | Lex::Following => Some(1),
                    Lex::Previous => Some(-1),
                    Lex::Same => Some(0),
                    _ => None,
                };
                if let (Some(off @ (1 | -1)), Some(mo)) = (off, self.lone_month(i + 2)) {
                    // "the following January", "the previous December"
                    return Some((
                        i + 3,
                        Expr::MonthRel {
                            month: mo,
                            dir: off as i8,
                            dct: false,
                        },
                    ));
                }
                if let Some(off) = off {
                    if let Some(u) = unit_at(i + 2) {
                        return Some((i + 3, shift(u, off, false)));
                    }
                    if let Lex::PartOfDay(p) = self.lex(i + 2) {
                        // "the next morning", "the same evening"
                        return Some((i + 3, day_part(off, p, false)));
                    }
                }
                // "the day before", "the year after" — but not "the day after the signing",
                // whose anchor is an event
                if let Some(u) = unit_at(i + 1) {
                    let dir = match self.lex(i + 2) {
                        Lex::Before => -1,
                        Lex::After => 1,
                        _ => 0,
                    };
                    if dir != 0 && self.tok(i + 3).is_none_or(|x| x.kind == Kind::Punct) {
                        return Some((i + 3, shift(u, dir, false)));
                    }
                }
                if self.lex(i + 1) == Lex::Weekend {
                    return Some((i + 2, Expr::Weekend(0)));
                }
                // "the year", "the full year": the reporting year — or, as
                // "the year ended Aug. 31", a year's length; not "the year before", "the
                // year of the crisis", "the year when …"
                // (a fiscal year is left alone: it is not the calendar year it is numbered by)
                let k = if ["full", "entire", "whole"]
                    .iter()
                    .any(|w| self.word_is(i + 1, w))
                {
                    i + 2
                } else {
                    i + 1
                };
                if self.lex(k) == Lex::Unit(Unit::Year, false) && !self.dash(k + 1) {
                    let next = self.lex(k + 1);
                    let clause = ["when", "that", "which", "in", "before", "after"]
                        .iter()
                        .any(|w| self.word_is(k + 1, w));
                    if ["ended", "ending"].iter().any(|w| self.word_is(k + 1, w)) {
                        return Some((
                            k + 1,
                            Expr::Dur {
                                n: Some(1),
                                unit: Unit::Year,
                                modifier: None,
                                rel: Rel::None,
                            },
                        ));
                    }
                    if !clause && !matches!(next, Lex::Of | Lex::Before | Lex::After | Lex::Ago) {
                        return Some((k + 1, shift(Unit::Year, 0, false)));
                    }
                }
                if self.lex(i + 1) == Lex::Current {
                    if let Some(u) = unit_at(i + 2) {
                        return Some((i + 3, shift(u, 0, true)));
                    }
                    if self.lex(i + 2) == Lex::Fiscal && unit_at(i + 3) == Some(Unit::Year) {
                        return Some((i + 4, shift(Unit::Year, 0, true)));
                    }
                }
                // "the near future", "the foreseeable future", "the recent past"
                let qualifier = [
                    "near",
                    "immediate",
                    "distant",
                    "foreseeable",
                    "recent",
                    "remote",
                ]
                .iter()
                .any(|w| self.word_is(i + 1, w));
                if qualifier {
                    match self.lex(i + 2) {
                        Lex::Future => return Some((i + 3, Expr::Ref("FUTURE_REF"))),
                        Lex::Past => return Some((i + 3, Expr::Ref("PAST_REF"))),
                        _ => {}
                    }
                }
                // "in the future", "into the future": a time; "the future of our people",
                // "worried about the future" name a prospect, not a time
                let when = i > 0 && ["in", "into"].iter().any(|w| self.word_is(i - 1, w));
                if when && self.lex(i + 1) == Lex::Future {
                    return Some((i + 2, Expr::Ref("FUTURE_REF")));
                }
                if self.lex(i + 2) == Lex::Other && self.word_is(i + 2, "date") {
                    // "the same date": the day the text is at
                    if self.lex(i + 1) == Lex::Same {
                        return Some((i + 3, shift(Unit::Day, 0, false)));
                    }
                }
                if let Lex::PartOfDay(p) = self.lex(i + 1) {
                    // "the night before", "the morning after"
                    let off = match self.lex(i + 2) {
                        Lex::Before => -1,
                        Lex::After => 1,
                        _ => 0,
                    };
                    let clause_follows = ["he", "she", "they", "it", "we", "i", "you", "there"]
                        .iter()
                        .any(|w| self.word_is(i + 3, w));
                    // "what I had said the night before at the dinner": a preposition or a
                    // conjunction after it, not the object of "before" ("the night before
                    // the election")
                    let phrase_follows = [
                        "at", "in", "on", "with", "when", "while", "and", "but", "during", "by",
                    ]
                    .iter()
                    .any(|w| self.word_is(i + 3, w));
                    let alone = self.tok(i + 3).is_none_or(|x| x.kind == Kind::Punct);
                    if off != 0 && (alone || clause_follows || phrase_follows) {
                        return Some((i + 3, day_part(off, p, false)));
                    }
                }
                let word_after = |k: usize| {
                    self.tok(k).is_none_or(|x| x.kind == Kind::Punct)
                        || self
                            .tok(k)
                            .is_some_and(|x| x.kind == Kind::Word && x.lex == Lex::Other)
                };
                match self.lex(i + 1) {
                    Lex::Present if self.word_is(i + 2, "time") => {
                        return Some((i + 3, Expr::Ref("PRESENT_REF")))
                    }
                    Lex::Present if self.tok(i + 2).is_none_or(|x| x.kind == Kind::Punct) => {
                        return Some((i + 2, Expr::Ref("PRESENT_REF")))
                    }
                    // "in the past Hatoyama said": the past, not "the past two months"
                    Lex::Past if word_after(i + 2) && !self.word_is(i + 2, "tense") => {
                        return Some((i + 2, Expr::Ref("PAST_REF")))
                    }
                    Lex::Present if unit_at(i + 2) == Some(Unit::Day) => {
                        return Some((i + 3, Expr::Ref("PRESENT_REF")))
                    }
                    Lex::Past if self.tok(i + 2).is_none_or(|x| x.kind == Kind::Punct) => {
                        return Some((i + 2, Expr::Ref("PAST_REF")))
                    }
                    Lex::Future if self.tok(i + 2).is_none_or(|x| x.kind == Kind::Punct) => {
                        return Some((i + 2, Expr::Ref("FUTURE_REF")))
                    }
                    _ => {}
                }
                None
            }
            Lex::Later | Lex::Earlier => {
                if matches!(self.lex(i + 1), Lex::That | Lex::This) {
                    let this = self.lex(i + 1) == Lex::This;
                    if let Some(u) = unit_at(i + 2) {
                        return Some((i + 3, shift(u, 0, this)));
                    }
                    if let Lex::PartOfDay(p) = self.lex(i + 2) {
                        // "later this morning", "later that morning"
                        return Some((i + 3, day_part(0, p, this)));
                    }
                }
                if t.lex == Lex::Earlier && matches!(self.lex(i + 1), Lex::Unit(_, true)) {
                    return Some((i + 2, Expr::Ref("PAST_REF")));
                }
                None
            }
            Lex::That | Lex::This | Lex::Last | Lex::Next => {
                let off = match t.lex {
                    Lex::This | Lex::That => 0,
                    Lex::Last => -1,
                    _ => 1,
                };
                let deictic = t.lex != Lex::That;
                if i > 0 && self.lex(i - 1) == Lex::The {
                    return None;
                }
                if t.lex == Lex::This && self.word_is(i + 1, "date") {
                    // "The President has this date approved": the document's day
                    return Some((i + 2, shift(Unit::Day, 0, true)));
                }
                if let Some(u) = unit_at(i + 1) {
                    if t.lex == Lex::This && u == Unit::Day {
                        // "to this day": the writer's present
                        return Some((i + 2, Expr::Ref("PRESENT_REF")));
                    }
                    return Some((i + 2, shift(u, off, deictic)));
                }
                if let Some(mo) = self.lone_month(i + 1) {
                    if deictic {
                        return Some((
                            i + 2,
                            Expr::MonthRel {
                                month: mo,
                                dir: off as i8,
                                dct: true,
                            },
                        ));
                    }
                }
                if let Lex::Season(sn) = self.lex(i + 1) {
                    // "that spring", "last summer": the season of the narrative's (or the
                    // document's) year
                    return Some((
                        i + 2,
                        Expr::Shift {
                            unit: Unit::Year,
                            offset: off,
                            month: None,
                            tod: None,
                            dct: deictic,
                            season: Some(sn),
                            modifier: None,
                        },
                    ));
                }
                if let Lex::PartOfDay(p) = self.lex(i + 1) {
                    if t.lex == Lex::Last && p == 3 {
                        // "last night": the night before the document date
                        return Some((i + 2, day_part(-1, p, true)));
                    }
                    if t.lex == Lex::That {
                        return Some((i + 2, day_part(0, p, false)));
                    }
                    if t.lex == Lex::This {
                        return Some((i + 2, day_part(0, p, true)));
                    }
                }
                if self.lex(i + 1) == Lex::Weekend && t.lex != Lex::That {
                    // "last weekend", "next weekend": their word decides; "this weekend" is
                    // the one of the document's week
                    let dir = match t.lex {
                        Lex::Last => -1,
                        Lex::Next => 1,
                        _ => 2,
                    };
                    return Some((i + 2, Expr::Weekend(dir)));
                }
                if let Lex::Weekday(d) = self.lex(i + 1) {
                    return Some((
                        i + 2,
                        Expr::Weekday {
                            day: d,
                            dir: off as i8,
                            tod: None,
                            time: None,
                        },
                    ));
                }
                None
            }
            Lex::Yesterday => Some((i + 1, shift(Unit::Day, -1, true))),
            Lex::Tomorrow => Some((i + 1, shift(Unit::Day, 1, true))),
            Lex::Today => Some((i + 1, shift(Unit::Day, 0, true))),
            Lex::Tonight => Some((i + 1, day_part(0, 3, true))),
            Lex::Now | Lex::Nowadays => Some((i + 1, Expr::Ref("PRESENT_REF"))),
            Lex::RefWord(v) => Some((i + 1, Expr::Ref(v))),
            // "recent years", "in recent months": a vague stretch up to the present (TimeML
            // PXY, PXM; TimeBank writes PAST_REF for some, the guidelines a duration)
            Lex::Recent => match self.lex(i + 1) {
                Lex::Unit(unit, true) => Some((
                    i + 2,
                    Expr::Dur {
                        n: None,
                        unit,
                        modifier: None,
                        rel: Rel::Present,
                    },
                )),
                _ => None,
            },
            // "current realities", "his current wife": the writer's present; "the current
            // year" and "the current quarter" are matched as periods
            Lex::Current
                if self
                    .tok(i + 1)
                    .is_some_and(|n| n.kind == Kind::Word && n.lex == Lex::Other) =>
            {
                Some((i + 1, Expr::Ref("PRESENT_REF")))
            }
            // "a long time ago", "long ago"
            Lex::A
                if self.lex(i + 1) == Lex::Short
                    && self.word_is(i + 2, "time")
                    && self.lex(i + 3) == Lex::Ago =>
            {
                Some((i + 4, Expr::Ref("PAST_REF")))
            }
            Lex::Short if self.word_is(i, "long") && self.lex(i + 1) == Lex::Ago => {
                Some((i + 2, Expr::Ref("PAST_REF")))
            }
            // "at present" is a fixed phrase: the preposition belongs to it
            Lex::At if self.lex(i + 1) == Lex::Present => Some((i + 2, Expr::Ref("PRESENT_REF"))),
            // "near future" in telegraphese ("decide send near future official representative")
            Lex::Near if self.lex(i + 1) == Lex::Future => Some((i + 2, Expr::Ref("FUTURE_REF"))),
            // "in earlier years", "in ensuing years", "in later years": a vague past or future
            Lex::Previous if matches!(self.lex(i + 1), Lex::Unit(_, true)) => {
                Some((i + 2, Expr::Ref("PAST_REF")))
            }
            Lex::Weekday(d) if t.cap => Some((
                i + 1,
                Expr::Weekday {
                    day: d,
                    dir: 0,
                    tod: None,
                    time: None,
                },
            )),
            Lex::Every(u) => Some((i + 1, Expr::Set(u))),
            Lex::Each => match self.lex(i + 1) {
                Lex::Weekday(d) => Some((i + 2, Expr::Recurring(format!("XXXX-WXX-{d}")))),
                Lex::Month(m) => Some((i + 2, Expr::Recurring(format!("XXXX-{m:02}")))),
                _ => unit_at(i + 1).map(|u| (i + 2, Expr::Set(u))),
            },
            _ => None,
        }
    }

    /// The longest expression starting at token `i`.
    pub fn at(&self, i: usize) -> Option<Match> {
        let t = &self.t[i];
        // cheap rejection: most tokens cannot start an expression (a capitalized ordinary
        // word may open a holiday's name)
        if t.kind == Kind::Punct || (t.kind == Kind::Word && t.lex == Lex::Other && !t.cap) {
            return None;
        }
        let best = if t.kind == Kind::Word && t.lex == Lex::Other {
            self.holiday(i)
        } else {
            let mut best: Option<(usize, Expr)> = None;
            let mut consider = |c: Option<(usize, Expr)>| {
                if let Some((e, x)) = c {
                    if best.as_ref().is_none_or(|(be, _)| e > *be) {
                        best = Some((e, x));
                    }
                }
            };
            consider(self.date_or_time(i));
            consider(self.relative(i));
            consider(self.duration(i));
            consider(self.quarter(i));
            consider(self.old_style(i));
            consider(self.fiscal(i));
            consider(self.holiday(i));
            best
        };
        best.map(|(end, expr)| {
            let attributive = self.attributive(i, end, &expr);
            let tense = if needs_direction(&expr) {
                self.tense_near(i, end)
            } else {
                Tense::Unknown
            };
            let expr_rel = match &expr {
                Expr::Dur { rel, .. } => Some(rel.clone()),
                _ => None,
            };
            // TimeML leaves "earlier" out of "earlier this week" (a signal, not the time)
            let signal = matches!(self.lex(i), Lex::Later | Lex::Earlier)
                && matches!(self.lex(i + 1), Lex::This | Lex::That)
                && matches!(self.lex(i + 2), Lex::Unit(..));
            Match {
                start: i,
                end,
                expr,
                attributive,
                tense,
                opens_sentence: self.opens_sentence(i),
                // TimeML does not annotate an anniversary ("the 50th anniversary"); a
                // historian's chronology counts it as a duration
                timeml_drop: self.lex(end - 1) == Lex::Anniversary,
                timeml_start: signal.then_some(i + 1),
                // and "after" out of "twenty years after the war"
                timeml_end: matches!(expr_rel, Some(Rel::Event(_))).then(|| end - 1),
            }
        })
    }

    /// Is there a possessive "'s" at token `k` (apostrophe, then "s")?
    fn possessive_at(&self, k: usize) -> bool {
        self.tok(k).is_some_and(|t| matches!(t.ch, '\'' | '’')) && self.word_is(k + 1, "s")
    }

    /// The tense cue nearest to tokens `[i, end)` within their sentence (at most a dozen
    /// tokens either way): "said Tuesday" is past, "will vote Tuesday" future.
    pub fn tense_near(&self, i: usize, end: usize) -> Tense {
        const REACH: usize = 12;
        // "Thursday's closing price": a day already past
        if self.possessive_at(end) {
            return Tense::Past;
        }
        // the clause: up to a sentence end — not the period of "Sept." or "443.6"
        let stop = |k: usize| {
            self.tok(k).is_some_and(|t| {
                t.kind == Kind::Punct
                    && (matches!(t.ch, ';' | '!' | '?' | '\n') || t.ch == '.' && self.full_stop(k))
            })
        };
        let mut from = i;
        while from > 0 && i - from < 40 && !stop(from - 1) {
            from -= 1;
        }
        let mut to = end;
        while to < self.t.len() && to - end < 40 && !stop(to) {
            to += 1;
        }
        let perfect = (from..to).any(|k| self.word_is(k, "had"));
        // "by February", "until Monday": a deadline ahead — unless the clause looks back on
        // it ("had filed by Wednesday"); "since" looks back
        if i > 0 && matches!(self.lex(i - 1), Lex::By | Lex::Until | Lex::Through) && !perfect {
            return Tense::Future;
        }
        if i > 0 && self.lex(i - 1) == Lex::Since {
            return Tense::Past;
        }
        // an intention or schedule before the date makes it future whatever auxiliary is
        // nearer (one after it governs another verb: "the report Friday showed … faster than
        // expected to cut"):
        // "were planning to drive … on Monday", "is to resume trading Tuesday", "as soon as
        // Tuesday"
        if !perfect && (from..i).any(|k| self.intends(k)) {
            return Tense::Future;
        }
        let (mut l, mut r) = (i, end);
        let (mut l_open, mut r_open) = (true, true);
        for _ in 0..REACH {
            if l_open && l > 0 {
                l -= 1;
                if stop(l) {
                    l_open = false;
                } else if let Some(t) = self.cue(l) {
                    return self.in_perfect(t, l, perfect);
                }
            }
            if r_open && r < self.t.len() {
                if stop(r) {
                    r_open = false;
                } else if let Some(t) = self.cue(r) {
                    return self.in_perfect(t, r, perfect);
                }
                r += 1;
            }
        }
        Tense::Unknown
    }

    /// A cue of plan or schedule at `k` in a clause in the past perfect looks back: "it
    /// had been due to expire Friday evening", "had been scheduled to expire at midnight
    /// Friday" tell of a Friday gone. A modal stays future ("had agreed that it would
    /// resume Monday").
    fn in_perfect(&self, t: Tense, k: usize, perfect: bool) -> Tense {
        const MODALS: &[&str] = &["will", "ll", "shall", "should", "would", "wo"];
        if t == Tense::Future && perfect && !MODALS.iter().any(|m| self.word_is(k, m)) {
            return Tense::Past;
        }
        t
    }

    /// Is the period at `k` the end of a sentence, not an abbreviation's ("Sept.", "Mr.",
    /// "p.m.") nor a decimal point ("443.6")?
    fn full_stop(&self, k: usize) -> bool {
        let next_digit = self
            .tok(k + 1)
            .is_some_and(|n| n.kind == Kind::Num && !n.space);
        if next_digit {
            return false;
        }
        if k == 0 || !self.adjacent(k) {
            return true;
        }
        let prev = &self.t[k - 1];
        let w = self.str(k - 1);
        let abbrev = prev.kind == Kind::Word
            && (w.len() <= 2
                || matches!(prev.lex, Lex::MonthAbbr(_))
                || [
                    "Sept", "Corp", "Inc", "Bros", "Gen", "Sen", "Rep", "Gov", "Capt", "Lt", "Col",
                    "Sgt", "Dept", "Ltd", "Jr", "Sr", "etc", "approx",
                ]
                .iter()
                .any(|a| w.eq_ignore_ascii_case(a)));
        !abbrev
    }

    /// Does token `k` open a construction of intention or schedule: "be to VERB", "plan(s)
    /// / planning / set / scheduled / due / expected / ready / likely to VERB", "as soon
    /// as", "as early as"? (Modals are left to the nearest-cue scan: a modal anywhere in the
    /// clause was measured to mislead more than it helps.)
    fn intends(&self, k: usize) -> bool {
        let w = |j: usize, x: &str| self.word_is(j, x);
        let to_verb = || {
            w(k + 1, "to")
                && self
                    .tok(k + 2)
                    .is_some_and(|t| t.kind == Kind::Word && t.lex == Lex::Other)
        };
        let be = ["is", "are", "was", "were", "am"].iter().any(|b| w(k, b));
        let plan = [
            "plan",
            "plans",
            "planned",
            "planning",
            "set",
            "scheduled",
            "due",
            "expected",
            "ready",
            "likely",
            "intends",
            "intend",
        ]
        .iter()
        .any(|b| w(k, b));
        (be || plan) && to_verb()
            || (w(k, "as") && (w(k + 1, "soon") || w(k + 1, "early")) && w(k + 2, "as"))
    }

    fn cue(&self, k: usize) -> Option<Tense> {
        let t = self.tok(k)?;
        if t.kind != Kind::Word || t.end - t.start > 12 {
            return None;
        }
        let w = self.str(k);
        let is = |list: &[&str]| list.iter().any(|c| w.eq_ignore_ascii_case(c));
        if is(FUTURE_CUES) {
            return Some(Tense::Future);
        }
        let lower = w.len() > 4 && w.as_bytes()[0].is_ascii_lowercase();
        // "a still unspecified date": an -ed word after a determiner or adverb is an
        // adjective
        let adjective = k > 0
            && (matches!(self.lex(k - 1), Lex::A | Lex::The | Lex::This | Lex::That)
                || self.str(k - 1).ends_with("ly")
                || ["still", "yet", "newly", "as"]
                    .iter()
                    .any(|x| self.word_is(k - 1, x)));
        let past = is(PAST_CUES) || lower && w.ends_with("ed") && !is(NOT_PAST) && !adjective;
        // a participle after "be" is a passive of any tense: "will be held"
        let passive = k > 0
            && ["be", "been", "being"]
                .iter()
                .any(|b| self.word_is(k - 1, b));
        (past && !passive).then_some(Tense::Past)
    }

    /// Does the expression at `i` open its sentence ("In 1996, …", "On October 29 …"),
    /// with at most a preposition before it?
    fn opens_sentence(&self, i: usize) -> bool {
        let boundary = |k: usize| {
            self.t[k].kind == Kind::Punct && matches!(self.t[k].ch, '.' | ';' | '!' | '?' | '\n')
        };
        match i {
            0 => true,
            1 => self.t[0].kind == Kind::Word || boundary(0),
            _ => boundary(i - 1) || (self.t[i - 1].kind == Kind::Word && boundary(i - 2)),
        }
    }

    fn attributive(&self, i: usize, end: usize, expr: &Expr) -> bool {
        if matches!(expr, Expr::Fiscal(_)) {
            return true; // a budget's period, not a time of the story
        }
        // "the previous day's meeting", "last week's vote", "Thursday's closing price": a
        // possessive date names a thing of that time
        if self.possessive_at(end) {
            return true;
        }
        if !matches!(expr, Expr::Cal(_) | Expr::Range(..)) || i == 0 {
            return false;
        }
        // "the Agreement of February 1945", "the Declaration of 1956"
        if self.lex(i - 1) == Lex::Of && i >= 2 {
            let w = &self.t[i - 2];
            if w.kind == Kind::Word && w.lex == Lex::Other {
                return true;
            }
        }
        // "the 1956 season", "the “1955 System”": a bare year before a noun
        if let Expr::Cal(c) = expr {
            if c.month.is_none() && c.decade.is_none() && c.part.is_none() && c.year.is_some() {
                let before = &self.t[i - 1];
                let lead = before.kind == Kind::Word && before.lex == Lex::The
                    || before.kind == Kind::Punct && matches!(before.ch, '“' | '"');
                let noun_after = self
                    .tok(end)
                    .is_some_and(|n| n.kind == Kind::Word && n.lex == Lex::Other);
                return lead && noun_after;
            }
        }
        false
    }

    /// Marks the tokens of citation locators: after a citation year ("Hara 2013, 147",
    /// "shigeta and suezawa 1988, 1112"), the numbers, dashes and locator words up to the end
    /// of the citation are page numbers, never dates.
    pub fn mask_citations(
        t: &[Tok],
        text: &str,
        paren: &[u16],
        bracket: &[u16],
        masked: &mut Vec<bool>,
    ) {
        masked.clear();
        masked.resize(t.len(), false);
        let m = Matcher {
            t,
            text,
            paren,
            bracket,
            masked: &[],
        };
        let mut i = 0;
        while i < t.len() {
            let tk = &t[i];
            // "Deptels 1898 [Footnote 2: ...] and 1899": every number of the list
            if tk.kind == Kind::Word && m.tok(i + 1).is_some_and(|n| n.kind == Kind::Num) {
                let w = m.str(i);
                if w.len() <= 12 && LIST_LOCATORS.iter().any(|l| w.eq_ignore_ascii_case(l)) {
                    let mut k = i + 1;
                    while let Some(x) = t.get(k) {
                        let inside_note = bracket.get(k).copied().unwrap_or(0)
                            > bracket.get(i).copied().unwrap_or(0);
                        if inside_note || x.is_punct('[') || x.is_punct(']') {
                            k += 1; // an editorial note inside the list
                            continue;
                        }
                        let list_word = x.kind == Kind::Word && matches!(x.lex, Lex::And | Lex::Or);
                        if x.kind == Kind::Num {
                            masked[k] = true;
                        } else if !(x.is_punct(',') || list_word) {
                            break;
                        }
                        k += 1;
                    }
                    i = k;
                    continue;
                }
            }
            if tk.kind == Kind::Num && tk.digits == 4 {
                let mut after = i + 1;
                if m.dash(after)
                    && m.adjacent(after)
                    && m.tok(after + 1)
                        .is_some_and(|x| x.kind == Kind::Num && !x.space)
                {
                    after += 2;
                }
                if m.citation_year(i, after) {
                    let mut k = after;
                    while let Some(x) = t.get(k) {
                        let ok = match x.kind {
                            Kind::Num => true,
                            Kind::Punct => matches!(x.ch, ',' | '.' | ':' | '/' | '-' | '–' | '—'),
                            Kind::Word => {
                                let w = &text[x.start..x.end];
                                ["no", "nos", "vol", "p", "pp", "doc", "ch", "fn", "n"]
                                    .iter()
                                    .any(|l| w.eq_ignore_ascii_case(l))
                                    || (w.len() <= 3 && w.chars().all(|c| c.is_ascii_uppercase()))
                            }
                        };
                        if !ok {
                            break;
                        }
                        masked[k] = true;
                        k += 1;
                    }
                    i = k.max(i + 1);
                    continue;
                }
            }
            i += 1;
        }
    }
}

/// Does resolving `e` need a direction (the past or the future of the anchor)?
fn needs_direction(e: &Expr) -> bool {
    match e {
        Expr::Cal(c) | Expr::Julian(c) => {
            c.year.is_none() && c.decade.is_none() && c.century.is_none()
        }
        // a quarter spoken of in the future ("will result in a fourth-quarter charge") is
        // not the one a report is on
        Expr::Weekday { dir: 0, .. } | Expr::Weekend(0) | Expr::Quarter(_) => true,
        Expr::Holiday(_, year) => year.is_none(),
        _ => false,
    }
}

/// A part of a day relative to the reference day: "that evening", "the next morning".
fn day_part(offset: i32, tod: u8, dct: bool) -> Expr {
    Expr::Shift {
        unit: Unit::Day,
        offset,
        month: None,
        tod: Some(tod),
        dct,
        season: None,
        modifier: None,
    }
}

/// "April 1949" as an expression.
fn month_year(y: i32, m: u8) -> Expr {
    Expr::Cal(Cal {
        year: Some(y),
        month: Some(m),
        ..Cal::default()
    })
}

/// "1945–1952" as a range expression.
fn year_range(from: i32, to: i32) -> Expr {
    Expr::Range(
        Cal {
            year: Some(from),
            ..Cal::default()
        },
        Cal {
            year: Some(to),
            ..Cal::default()
        },
    )
}

/// Depth of round parentheses and of square brackets before each token. Brackets hold
/// editorial matter ("[Footnote 2: ...]", "[Here follow ...]").
pub(crate) fn paren_depths(t: &[Tok], paren: &mut Vec<u16>, bracket: &mut Vec<u16>) {
    paren.clear();
    bracket.clear();
    let (mut p, mut b) = (0u16, 0u16);
    for tok in t {
        paren.push(p.saturating_add(b));
        bracket.push(b);
        if tok.kind == Kind::Punct {
            match tok.ch {
                '(' => p = p.saturating_add(1),
                ')' => p = p.saturating_sub(1),
                '[' => b = b.saturating_add(1),
                ']' => b = b.saturating_sub(1),
                _ => {}
            }
        }
    }
}

/// All expressions in `t`, longest match first, left to right.
pub(crate) fn find_all(m: &Matcher<'_>, out: &mut Vec<Match>) {
    out.clear();
    let mut i = 0;
    while i < m.t.len() {
        match m.at(i) {
            Some(x) => {
                i = x.end.max(i + 1);
                out.push(x);
            }
            None => i += 1,
        }
    }
}
