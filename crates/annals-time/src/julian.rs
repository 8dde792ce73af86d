//! The Julian calendar, for Old Style dates.
//!
//! Russia kept the Julian calendar until 14 February 1918 (N.S.), Britain and its colonies
//! until 14 September 1752, Greece until 1923; diplomatic texts about them often give both
//! readings ("May 30 (June 12), 1905") or mark one ("May 30 O.S."). annals writes values in
//! the Gregorian calendar — what TIMEX3 and every other date in the store use — and keeps
//! the Julian reading beside it. jiff's civil dates are proleptic Gregorian, so the
//! conversion is done here, through the Julian Day Number (the standard algorithms of
//! Richards, *Mapping Time*, 1998, as given in the Explanatory Supplement to the
//! Astronomical Almanac).

use jiff::civil::Date;

/// The Julian Day Number of a day of the Julian calendar.
fn jdn_of_julian(y: i32, m: i32, d: i32) -> i64 {
    let a = (14 - m) / 12;
    let y = (y + 4800 - a) as i64;
    let m = (m + 12 * a - 3) as i64;
    d as i64 + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - 32083
}

/// The Julian Day Number of a day of the Gregorian calendar.
fn jdn_of_gregorian(y: i32, m: i32, d: i32) -> i64 {
    let a = (14 - m) / 12;
    let y = (y + 4800 - a) as i64;
    let m = (m + 12 * a - 3) as i64;
    d as i64 + (153 * m + 2) / 5 + 365 * y + y.div_euclid(4) - y.div_euclid(100) + y.div_euclid(400)
        - 32045
}

/// The Gregorian date of the Julian-calendar day `y-m-d` (None for a day that does not
/// exist in the Julian calendar, or outside jiff's range).
pub fn to_gregorian(y: i32, m: u8, d: u8) -> Option<Date> {
    if !(1..=12).contains(&m) || d == 0 || d > julian_month_len(y, m) {
        return None;
    }
    let jdn = jdn_of_julian(y, m as i32, d as i32);
    let days = jdn - jdn_of_gregorian(2000, 1, 1);
    Date::new(2000, 1, 1)
        .ok()?
        .checked_add(jiff::Span::new().days(days))
        .ok()
}

/// The Julian-calendar reading `(y, m, d)` of a Gregorian date.
pub fn from_gregorian(g: Date) -> (i32, u8, u8) {
    let jdn = jdn_of_gregorian(g.year() as i32, g.month() as i32, g.day() as i32);
    // inverse of jdn_of_julian (Richards' algorithm, Julian variant)
    let c = jdn + 32082;
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    let day = e - (153 * m + 2).div_euclid(5) + 1;
    let month = m + 3 - 12 * m.div_euclid(10);
    let year = d - 4800 + m.div_euclid(10);
    (year as i32, month as u8, day as u8)
}

/// Days in month `m` of Julian year `y` (every fourth year is leap).
fn julian_month_len(y: i32, m: u8) -> u8 {
    match m {
        4 | 6 | 9 | 11 => 30,
        2 if y.rem_euclid(4) == 0 => 29,
        2 => 28,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_days() {
        // the Treaty of Portsmouth, signed August 23 O.S. = September 5 N.S. 1905
        assert_eq!(to_gregorian(1905, 8, 23), Some(Date::constant(1905, 9, 5)));
        // "May 30 (June 12), 1905"
        assert_eq!(to_gregorian(1905, 5, 30), Some(Date::constant(1905, 6, 12)));
        // the last Julian day in Russia, January 31, 1918 = February 13 N.S.
        assert_eq!(to_gregorian(1918, 1, 31), Some(Date::constant(1918, 2, 13)));
        // Britain's switch: September 2, 1752 O.S. was followed by September 14 N.S.
        assert_eq!(to_gregorian(1752, 9, 2), Some(Date::constant(1752, 9, 13)));
        // the October Revolution: October 25, 1917 O.S. = November 7 N.S.
        assert_eq!(
            to_gregorian(1917, 10, 25),
            Some(Date::constant(1917, 11, 7))
        );
        // February 29, 1900 exists in the Julian calendar only
        assert_eq!(to_gregorian(1900, 2, 29), Some(Date::constant(1900, 3, 13)));
        assert_eq!(to_gregorian(1901, 2, 29), None);
    }

    #[test]
    fn round_trip() {
        for (y, m, d) in [(1905, 5, 30), (1700, 2, 29), (1582, 10, 4), (1917, 12, 31)] {
            let g = to_gregorian(y, m, d).unwrap();
            assert_eq!(from_gregorian(g), (y, m, d));
        }
    }
}
