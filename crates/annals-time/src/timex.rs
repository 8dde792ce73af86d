//! What the engine outputs: TIMEX3-style mentions with calendar intervals, the four-point
//! uncertainty of vague expressions, EDTF strings, and where a value came from.

use jiff::civil::Date;
use serde::Serialize;

use crate::token::Unit;

/// TIMEX3 type.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    Date,
    Time,
    Duration,
    Set,
}

impl TimexType {
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TIMEX3 `mod`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum Mod {
    Start,
    Mid,
    End,
    Approx,
    Before,
    After,
    OnOrAfter,
}

impl Mod {
    pub fn as_str(self) -> &'static str {
        match self {
            Mod::Start => "START",
            Mod::Mid => "MID",
            Mod::End => "END",
            Mod::Approx => "APPROX",
            Mod::Before => "BEFORE",
            Mod::After => "AFTER",
            Mod::OnOrAfter => "ON_OR_AFTER",
        }
    }
}

/// The finest calendar unit a value states.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    Minute,
    Day,
    Week,
    Month,
    Season,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// A sub-year or sub-month part: season, half, quarter.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// 0 spring, 1 summer, 2 autumn, 3 winter.
    Season(u8),
    /// 1 or 2.
    Half(u8),
    /// 1 to 4.
    Quarter(u8),
    /// An ISO 8601 week, 1 to 53; the year is then the ISO week-year ("2013-W12").
    Week(u8),
    /// The Saturday and Sunday of an ISO week ("2013-W12-WE").
    Weekend(u8),
}

/// A calendar expression: the fields the text gives, resolved or not.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cal {
    pub year: Option<i32>,
    /// Decade as its first three digits: 195 for the 1950s.
    pub decade: Option<i32>,
    /// Century as TIMEX3 writes it: 19 for the twentieth century (the 1900s).
    pub century: Option<i32>,
    pub month: Option<u8>,
    pub day: Option<u8>,
    pub part: Option<Part>,
    /// Hour and minute.
    pub time: Option<(u8, u8)>,
    /// Part of day: 0 morning, 1 afternoon, 2 evening, 3 night.
    pub tod: Option<u8>,
    pub modifier: Option<Mod>,
    /// Printed with a question mark ("August 27?, 1956").
    pub uncertain: bool,
}

impl Cal {
    /// The day `d`, with the other fields of `self`.
    pub fn on(self, d: Date) -> Cal {
        Cal {
            year: Some(d.year() as i32),
            month: Some(d.month() as u8),
            day: Some(d.day() as u8),
            ..self
        }
    }

    /// The same fields in year `y`.
    pub fn with_year(self, y: i32) -> Cal {
        Cal {
            year: Some(y),
            ..self
        }
    }

    pub fn granularity(&self) -> Option<Granularity> {
        Some(if self.time.is_some() {
            Granularity::Minute
        } else if self.day.is_some() {
            Granularity::Day
        } else if self.month.is_some() {
            Granularity::Month
        } else if let Some(p) = self.part {
            match p {
                Part::Season(_) => Granularity::Season,
                Part::Half(_) => Granularity::Half,
                Part::Quarter(_) => Granularity::Quarter,
                Part::Week(_) | Part::Weekend(_) => Granularity::Week,
            }
        } else if self.year.is_some() {
            Granularity::Year
        } else if self.decade.is_some() {
            Granularity::Decade
        } else if self.century.is_some() {
            Granularity::Century
        } else {
            return None;
        })
    }

    /// The TIMEX3 value: `1951-09-04T18:45`, `1955-SU`, `1949-H1`, `195`, `XXXX-11-08`.
    pub fn value(&self) -> String {
        use std::fmt::Write;
        let mut s = String::new();
        if let Some(c) = self
            .century
            .filter(|_| self.year.is_none() && self.decade.is_none())
        {
            let _ = write!(s, "{c:02}");
            return s;
        }
        if let Some(d) = self.decade.filter(|_| self.year.is_none()) {
            let _ = write!(s, "{d:03}");
            return s;
        }
        match self.year {
            Some(y) => {
                let _ = write!(s, "{y:04}");
            }
            None => s.push_str("XXXX"),
        }
        if let Some(m) = self.month {
            let _ = write!(s, "-{m:02}");
            if let Some(d) = self.day {
                let _ = write!(s, "-{d:02}");
                if let Some((h, mi)) = self.time {
                    let _ = write!(s, "T{h:02}:{mi:02}");
                } else if let Some(t) = self.tod {
                    s.push_str(["TMO", "TAF", "TEV", "TNI"][t as usize & 3]);
                }
            }
        } else if let Some(p) = self.part {
            match p {
                Part::Season(k) => s.push_str(["-SP", "-SU", "-FA", "-WI"][k as usize & 3]),
                Part::Half(h) => {
                    let _ = write!(s, "-H{h}");
                }
                Part::Quarter(q) => {
                    let _ = write!(s, "-Q{q}");
                }
                Part::Week(w) => {
                    let _ = write!(s, "-W{w:02}");
                }
                Part::Weekend(w) => {
                    let _ = write!(s, "-W{w:02}-WE");
                }
            }
        }
        s
    }

    /// Is every field that the granularity needs known (no X in the value)?
    pub fn is_complete(&self) -> bool {
        self.year.is_some() || (self.month.is_none() && self.day.is_none() && self.part.is_none())
    }

    /// The calendar interval `[start, end)` the value names, narrowed by its modifier.
    pub fn interval(&self) -> Option<(Date, Date)> {
        let (s, e) = self.base_interval()?;
        Some(match self.modifier {
            Some(Mod::Start) => (s, fraction(s, e, self.vague_fraction())),
            Some(Mod::End) => (fraction(s, e, 1.0 - self.vague_fraction()), e),
            Some(Mod::Mid) => (fraction(s, e, 0.3), fraction(s, e, 0.7)),
            _ => (s, e),
        })
    }

    fn vague_fraction(&self) -> f64 {
        match self.granularity() {
            Some(Granularity::Decade | Granularity::Century) => 0.4,
            _ => 1.0 / 3.0,
        }
    }

    /// The interval of the named period, before any modifier.
    pub fn base_interval(&self) -> Option<(Date, Date)> {
        let d = |y: i32, m: i32, day: i32| -> Option<Date> {
            Date::new(
                i16::try_from(y).ok()?,
                i8::try_from(m).ok()?,
                i8::try_from(day).ok()?,
            )
            .ok()
        };
        let next_month = |y: i32, m: u8| {
            if m == 12 {
                d(y + 1, 1, 1)
            } else {
                d(y, m as i32 + 1, 1)
            }
        };
        let Some(y) = self.year else {
            if let Some(dec) = self.decade {
                return Some((d(dec * 10, 1, 1)?, d(dec * 10 + 10, 1, 1)?));
            }
            if let Some(c) = self.century {
                return Some((d(c * 100, 1, 1)?, d(c * 100 + 100, 1, 1)?));
            }
            return None;
        };
        if let Some(m) = self.month {
            if let Some(day) = self.day {
                let s = d(y, m as i32, day as i32)?;
                return Some((s, s.tomorrow().ok()?));
            }
            let s = d(y, m as i32, 1)?;
            let e = next_month(y, m)?;
            return Some(match self.part {
                Some(Part::Half(1)) => (s, d(y, m as i32, 16)?),
                Some(Part::Half(_)) => (d(y, m as i32, 16)?, e),
                _ => (s, e),
            });
        }
        if let Some(p) = self.part {
            return Some(match p {
                Part::Season(0) => (d(y, 3, 1)?, d(y, 6, 1)?),
                Part::Season(1) => (d(y, 6, 1)?, d(y, 9, 1)?),
                Part::Season(2) => (d(y, 9, 1)?, d(y, 12, 1)?),
                Part::Season(_) => (d(y, 12, 1)?, d(y + 1, 3, 1)?),
                Part::Half(1) => (d(y, 1, 1)?, d(y, 7, 1)?),
                Part::Half(_) => (d(y, 7, 1)?, d(y + 1, 1, 1)?),
                Part::Quarter(q) => {
                    let m = 1 + 3 * (q.clamp(1, 4) as i32 - 1);
                    (
                        d(y, m, 1)?,
                        if m == 10 {
                            d(y + 1, 1, 1)?
                        } else {
                            d(y, m + 3, 1)?
                        },
                    )
                }
                Part::Week(w) => {
                    let monday = iso_monday(y, w)?;
                    (monday, monday.checked_add(jiff::Span::new().days(7)).ok()?)
                }
                Part::Weekend(w) => {
                    let monday = iso_monday(y, w)?;
                    (
                        monday.checked_add(jiff::Span::new().days(5)).ok()?,
                        monday.checked_add(jiff::Span::new().days(7)).ok()?,
                    )
                }
            });
        }
        Some((d(y, 1, 1)?, d(y + 1, 1, 1)?))
    }

    /// An EDTF string: `1955-06-14`, `195X`, `1955-22` (summer), `1956-08-27?`, `1957-01/1957-04`.
    pub fn edtf(&self) -> Option<String> {
        let base = if self.year.is_none() {
            if let Some(dec) = self.decade {
                format!("{dec:03}X")
            } else if let Some(c) = self.century {
                format!("{c:02}XX")
            } else {
                return None;
            }
        } else if self.month.is_some() || self.part.is_none() {
            let mut v = self.value();
            if let Some(t) = v.find('T') {
                v.truncate(t);
            }
            v
        } else {
            let y = self.year?;
            let code = match self.part? {
                Part::Season(k) => 21 + k as u32,
                Part::Quarter(q) => 32 + q as u32,
                Part::Half(h) => 39 + h as u32,
                Part::Week(_) | Part::Weekend(_) => {
                    // EDTF has no week: the days it covers
                    let (s, e) = self.base_interval()?;
                    return Some(format!("{s}/{}", e.yesterday().ok()?));
                }
            };
            format!("{y:04}-{code}")
        };
        Some(match self.modifier {
            Some(Mod::Start | Mod::Mid | Mod::End) => {
                let (s, e) = self.interval()?;
                let e = e.yesterday().ok()?;
                format!("{s}/{e}")
            }
            Some(Mod::Approx) => format!("{base}~"),
            Some(Mod::Before) => format!("../{base}"),
            Some(Mod::After | Mod::OnOrAfter) => format!("{base}/.."),
            None if self.uncertain => format!("{base}?"),
            None => base,
        })
    }
}

/// The Monday of ISO week `w` of ISO week-year `y`.
fn iso_monday(y: i32, w: u8) -> Option<Date> {
    jiff::civil::ISOWeekDate::new(
        i16::try_from(y).ok()?,
        i8::try_from(w).ok()?,
        jiff::civil::Weekday::Monday,
    )
    .ok()
    .map(|d| d.date())
}

/// The ISO week of a day, as a calendar value: `(week-year, week)`.
pub fn iso_week(d: Date) -> (i32, u8) {
    let w = d.iso_week_date();
    (w.year() as i32, w.week() as u8)
}

/// A point `f` of the way from `s` to `e`, snapped to a month start for spans of a year
/// or more (so "early 1957" ends on May 1, not May 2).
fn fraction(s: Date, e: Date, f: f64) -> Date {
    let days = s.until(e).map(|sp| sp.get_days() as f64).unwrap_or(0.0);
    let off = (days * f).round() as i64;
    let p = s.checked_add(jiff::Span::new().days(off)).unwrap_or(s);
    if days >= 360.0 {
        // snap to the nearest first of a month
        let first = p.first_of_month();
        let next = first
            .checked_add(jiff::Span::new().months(1))
            .unwrap_or(first);
        let to_first = first.until(p).map(|x| x.get_days()).unwrap_or(0);
        let to_next = p.until(next).map(|x| x.get_days()).unwrap_or(0);
        if days >= 3600.0 {
            // decades and centuries: snap to a year start
            let y0 = Date::new(p.year(), 1, 1).unwrap_or(p);
            let y1 = Date::new(p.year().saturating_add(1), 1, 1).unwrap_or(p);
            return if y0.until(p).map(|x| x.get_days()).unwrap_or(0)
                <= p.until(y1).map(|x| x.get_days()).unwrap_or(0)
            {
                y0
            } else {
                y1
            };
        }
        return if to_first <= to_next { first } else { next };
    }
    p
}

/// Where an underspecified or relative value was anchored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Anchor {
    /// The narrative time: the last date the text stated before this point.
    Narrative { value: String },
    /// The document creation time (a dateline or `--dct`).
    Dct { value: String },
    /// Another date in the same expression or sentence.
    Mention { value: String },
    /// An event named by the text; resolvable once the event's date is known.
    Event { text: String },
    /// The writer's present.
    Present,
}

/// HeidelTime-style four-point uncertainty: the period begins somewhere in
/// `[earliest_begin, latest_begin]` and ends somewhere in `[earliest_end, latest_end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct FourPoint {
    pub earliest_begin: Date,
    pub latest_begin: Date,
    pub earliest_end: Date,
    pub latest_end: Date,
}

/// A calendar interval `[start, end)`. An open end is `None`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Interval {
    pub start: Option<Date>,
    pub end: Option<Date>,
}

/// One recognized and normalized temporal expression.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Timex {
    /// Byte offset of the expression's start in the text given to the engine.
    pub start: usize,
    /// Byte offset of the end (exclusive).
    pub end: usize,
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value (resolved where the text allows).
    pub value: String,
    #[serde(rename = "mod", skip_serializing_if = "Option::is_none")]
    pub modifier: Option<Mod>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub granularity: Option<Granularity>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub interval: Option<Interval>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fuzzy: Option<FourPoint>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub edtf: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub anchor: Option<Anchor>,
    /// Fields of the value that the text did not state but that were taken from the anchor
    /// ("year" for "On November 8" in a 1950 narrative).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub implied: Vec<&'static str>,
    /// For a relative duration ("two days later"): the date it points to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub resolved: Option<String>,
    /// For a day written in the Julian calendar ("May 30 (June 12), 1905", "May 30 O.S."):
    /// its Julian reading; `value` is the Gregorian one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub julian: Option<String>,
    /// For a date named by its distance ("four years ago", TimeML's DATE 2009): the
    /// distance, as a TIMEX3 duration (`P4Y`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration: Option<String>,
    /// The date names or qualifies a thing ("the Yalta Agreement of February 1945", "the
    /// “1956 model”") rather than situating what the sentence tells.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub attributive: bool,
}

impl Timex {
    /// Rewrites the timex as TimeML 1.2 annotates it: a distance from the narrative time
    /// ("a year earlier") is the DATE it names, with the distance kept in `duration`;
    /// durations in decades and centuries are counted in years (`P6DE` → `P60Y`).
    pub fn to_timeml(&mut self) {
        if self.kind == TimexType::Duration {
            // only a date as fine as the distance ("ten days later" after "In 1955" stays a
            // duration: 1955 is not the day it names)
            let fine = |r: &str| match self.value.chars().last() {
                Some('D' | 'W') => r.len() >= 10,
                Some('M') if !self.value.starts_with("PT") => r.len() >= 7,
                _ => true,
            };
            if let Some(r) = self.resolved.clone().filter(|r| fine(r)) {
                if !r.contains('X') {
                    self.kind = TimexType::Date;
                    self.duration = Some(std::mem::replace(&mut self.value, r));
                    self.modifier = None;
                    return;
                }
            }
        }
        if self.kind == TimexType::Duration {
            self.value = years_not_decades(&self.value);
        }
    }
}

/// `P6DE` → `P60Y`, `P2CE` → `P200Y`, `PXDE` → `PXY`; other values unchanged.
fn years_not_decades(v: &str) -> String {
    for (suffix, k) in [("DE", 10), ("CE", 100)] {
        if let Some(n) = v.strip_prefix('P').and_then(|x| x.strip_suffix(suffix)) {
            return match n.parse::<u32>() {
                Ok(n) => format!("P{}Y", n * k),
                Err(_) => "PXY".into(),
            };
        }
    }
    v.to_string()
}

/// Formats a duration value: `P6Y`, `P8M`, `PT3H`, `P6DE`, `PXY` (unknown count).
pub fn duration_value(n: Option<u32>, unit: Unit) -> String {
    let count = n.map_or_else(|| "X".to_string(), |n| n.to_string());
    if unit.is_time() {
        format!("PT{count}{}", unit.code())
    } else {
        format!("P{count}{}", unit.code())
    }
}

/// Fills interval, four-point uncertainty, granularity and EDTF of a timex from its calendar
/// expression(s).
pub fn describe(t: &mut Timex, from: &Cal, to: Option<&Cal>) {
    let first = from.interval();
    let last = match to {
        Some(c) => c.interval(),
        None => first,
    };
    t.granularity = from.granularity();
    if let (Some((s, _)), Some((_, e))) = (first, last) {
        t.interval = Some(match from.modifier {
            Some(Mod::After | Mod::OnOrAfter) if to.is_none() => Interval {
                start: Some(s),
                end: None,
            },
            Some(Mod::Before) if to.is_none() => Interval {
                start: None,
                end: Some(e),
            },
            _ => Interval {
                start: Some(s),
                end: Some(e),
            },
        });
        let fp = |c: &Cal| -> Option<FourPoint> {
            let (bs, be) = c.base_interval()?;
            let (s, e) = c.interval()?;
            Some(match c.modifier {
                Some(Mod::Start) => FourPoint {
                    earliest_begin: bs,
                    latest_begin: s,
                    earliest_end: fraction(bs, be, 0.25),
                    latest_end: e,
                },
                Some(Mod::End) => FourPoint {
                    earliest_begin: s,
                    latest_begin: fraction(bs, be, 0.75),
                    earliest_end: be,
                    latest_end: be,
                },
                Some(Mod::Mid) => FourPoint {
                    earliest_begin: fraction(bs, be, 0.25),
                    latest_begin: s,
                    earliest_end: e,
                    latest_end: fraction(bs, be, 0.75),
                },
                Some(Mod::Approx) => {
                    let span = bs.until(be).map(|x| x.get_days()).unwrap_or(0) as i64;
                    let half = jiff::Span::new().days((span / 2).max(1));
                    FourPoint {
                        earliest_begin: bs.checked_sub(half).unwrap_or(bs),
                        latest_begin: bs.checked_add(half).unwrap_or(bs),
                        earliest_end: be.checked_sub(half).unwrap_or(be),
                        latest_end: be.checked_add(half).unwrap_or(be),
                    }
                }
                _ => FourPoint {
                    earliest_begin: s,
                    latest_begin: s,
                    earliest_end: e,
                    latest_end: e,
                },
            })
        };
        let a = fp(from);
        let b = match to {
            Some(c) => fp(c),
            None => a,
        };
        if let (Some(a), Some(b)) = (a, b) {
            if !(a.earliest_begin == a.latest_begin
                && b.earliest_end == b.latest_end
                && from.modifier.is_none())
                || to.is_some()
            {
                t.fuzzy = Some(FourPoint {
                    earliest_begin: a.earliest_begin,
                    latest_begin: a.latest_begin,
                    earliest_end: b.earliest_end,
                    latest_end: b.latest_end,
                });
            }
        }
    }
    t.edtf = match to {
        Some(c) => match (from.edtf(), c.edtf()) {
            (Some(a), Some(b)) => Some(format!(
                "{}/{}",
                a.split('/').next().unwrap_or(&a),
                b.rsplit('/').next().unwrap_or(&b)
            )),
            _ => None,
        },
        None => from.edtf(),
    };
}
