//! Tokens and the temporal lexicon.
//!
//! The recognizer never runs a regular expression over the text: one pass splits it into
//! words, numbers and punctuation (with byte offsets and "was there white space before"),
//! and each word is looked up once in a fixed lexicon. Matching then works on token
//! classes, which is what makes `annals time` fast and its rules readable.

/// A calendar unit for durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
    Decade,
    Century,
}

impl Unit {
    /// The TIMEX3 duration letter(s): `Y`, `M`, `W`, `D`, `H` (time part), `DE`, `CE`.
    pub fn code(self) -> &'static str {
        match self {
            Unit::Minute => "M",
            Unit::Hour => "H",
            Unit::Day => "D",
            Unit::Week => "W",
            Unit::Month => "M",
            Unit::Year => "Y",
            Unit::Decade => "DE",
            Unit::Century => "CE",
        }
    }

    /// Hours and minutes are written after `T` in an ISO 8601 duration.
    pub fn is_time(self) -> bool {
        matches!(self, Unit::Minute | Unit::Hour)
    }
}

/// What a word means to the recognizer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lex {
    /// Not a temporal word.
    Other,
    Month(u8),
    /// An abbreviated month ("Jan", "Sept"); needs a following period or number.
    MonthAbbr(u8),
    /// Season: 0 spring, 1 summer, 2 autumn/fall, 3 winter.
    Season(u8),
    Weekday(u8),
    /// A unit; the flag says the word was plural ("years").
    Unit(Unit, bool),
    /// A number word: "six", "fifty".
    NumWord(u32),
    /// An ordinal: "first", "fifth".
    Ordinal(u32),
    /// "a", "an".
    A,
    /// "few", "several", "many": an unspecified count.
    Few,
    The,
    In,
    On,
    At,
    Of,
    From,
    To,
    Until,
    By,
    Since,
    During,
    Between,
    And,
    Or,
    Through,
    Before,
    After,
    Later,
    Earlier,
    Ago,
    Following,
    Next,
    Previous,
    Same,
    That,
    This,
    Last,
    Past,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Half,
    Quarter,
    Approx,
    More,
    Less,
    Than,
    Over,
    Within,
    Now,
    Today,
    Tonight,
    Yesterday,
    Tomorrow,
    /// Part of day: 0 morning, 1 afternoon, 2 evening, 3 night.
    PartOfDay(u8),
    Noon,
    Midnight,
    /// "weekly", "annually" ...: a set, with its period.
    Every(Unit),
    Each,
    Anniversary,
    Present,
    Future,
    Nowadays,
    Short,
    /// An adverb that is a vague reference by itself: "currently" (PRESENT_REF),
    /// "recently" (PAST_REF).
    RefWord(&'static str),
    /// "current": the writer's present, or the current period ("the current quarter").
    Current,
    /// "recent": with a plural unit, the recent past ("recent years").
    Recent,
    /// "latest": the most recent reported period ("the latest quarter").
    Latest,
    /// "period": a reporting period, a quarter where the text speaks of quarters.
    Period,
    /// "fiscal": a fiscal period ("the fiscal first quarter").
    Fiscal,
    Weekend,
    Near,
    /// "FY", "JFY": a fiscal year's abbreviation (matched upper case only).
    Fy,
    /// The first word of a holiday's name ("Christmas", "Thanksgiving", "Independence
    /// Day"): matched capitalized only.
    Holiday,
}

/// Token class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Word,
    Num,
    Punct,
}

/// One token: its bytes in the text, its class and meaning.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// Value of a number (digits) token, saturated; 0 otherwise.
    pub num: u32,
    /// Number of digits of a number token.
    pub digits: u8,
    /// The word starts with an uppercase letter.
    pub cap: bool,
    /// White space precedes the token.
    pub space: bool,
    /// The punctuation character, for punctuation tokens.
    pub ch: char,
}

impl Tok {
    /// A punctuation token for `ch` at `start`.
    fn punct(start: usize, ch: char, space: bool) -> Tok {
        Tok {
            start,
            end: start + ch.len_utf8(),
            kind: Kind::Punct,
            lex: Lex::Other,
            num: 0,
            digits: 0,
            cap: false,
            space,
            ch,
        }
    }

    pub fn is_punct(&self, c: char) -> bool {
        self.kind == Kind::Punct && self.ch == c
    }

    /// A dash of any kind used in ranges: hyphen, en dash, em dash, minus.
    pub fn is_dash(&self) -> bool {
        self.kind == Kind::Punct && matches!(self.ch, '-' | '–' | '—' | '−')
    }
}

fn lookup(w: &[u8]) -> Lex {
    use Lex::*;
    match w {
        b"january" => Month(1),
        b"february" => Month(2),
        b"march" => Month(3),
        b"april" => Month(4),
        b"may" => Month(5),
        b"june" => Month(6),
        b"july" => Month(7),
        b"august" => Month(8),
        b"september" => Month(9),
        b"october" => Month(10),
        b"november" => Month(11),
        b"december" => Month(12),
        b"jan" => MonthAbbr(1),
        b"feb" => MonthAbbr(2),
        b"mar" => MonthAbbr(3),
        b"apr" => MonthAbbr(4),
        b"jun" => MonthAbbr(6),
        b"jul" => MonthAbbr(7),
        b"aug" => MonthAbbr(8),
        b"sep" | b"sept" => MonthAbbr(9),
        b"oct" => MonthAbbr(10),
        b"nov" => MonthAbbr(11),
        b"dec" => MonthAbbr(12),
        b"spring" => Season(0),
        b"summer" => Season(1),
        b"autumn" | b"fall" => Season(2),
        b"winter" => Season(3),
        b"monday" => Weekday(1),
        b"tuesday" => Weekday(2),
        b"wednesday" => Weekday(3),
        b"thursday" => Weekday(4),
        b"friday" => Weekday(5),
        b"saturday" => Weekday(6),
        b"sunday" => Weekday(7),
        b"minute" => Unit(self::Unit::Minute, false),
        b"minutes" => Unit(self::Unit::Minute, true),
        b"hour" => Unit(self::Unit::Hour, false),
        b"hours" => Unit(self::Unit::Hour, true),
        b"day" => Unit(self::Unit::Day, false),
        b"days" => Unit(self::Unit::Day, true),
        b"week" => Unit(self::Unit::Week, false),
        b"weeks" => Unit(self::Unit::Week, true),
        b"month" => Unit(self::Unit::Month, false),
        b"months" => Unit(self::Unit::Month, true),
        b"year" => Unit(self::Unit::Year, false),
        b"years" => Unit(self::Unit::Year, true),
        b"decade" => Unit(self::Unit::Decade, false),
        b"decades" => Unit(self::Unit::Decade, true),
        b"century" => Unit(self::Unit::Century, false),
        b"centuries" => Unit(self::Unit::Century, true),
        b"one" => NumWord(1),
        b"two" => NumWord(2),
        b"three" => NumWord(3),
        b"four" => NumWord(4),
        b"five" => NumWord(5),
        b"six" => NumWord(6),
        b"seven" => NumWord(7),
        b"eight" => NumWord(8),
        b"nine" => NumWord(9),
        b"ten" => NumWord(10),
        b"eleven" => NumWord(11),
        b"twelve" => NumWord(12),
        b"thirteen" => NumWord(13),
        b"fourteen" => NumWord(14),
        b"fifteen" => NumWord(15),
        b"sixteen" => NumWord(16),
        b"seventeen" => NumWord(17),
        b"eighteen" => NumWord(18),
        b"nineteen" => NumWord(19),
        b"twenty" => NumWord(20),
        b"thirty" => NumWord(30),
        b"forty" => NumWord(40),
        b"fifty" => NumWord(50),
        b"sixty" => NumWord(60),
        b"seventy" => NumWord(70),
        b"eighty" => NumWord(80),
        b"ninety" => NumWord(90),
        b"hundred" => NumWord(100),
        b"first" => Ordinal(1),
        b"second" => Ordinal(2),
        b"third" => Ordinal(3),
        b"fourth" => Ordinal(4),
        b"fifth" => Ordinal(5),
        b"sixth" => Ordinal(6),
        b"seventh" => Ordinal(7),
        b"eighth" => Ordinal(8),
        b"ninth" => Ordinal(9),
        b"tenth" => Ordinal(10),
        b"eleventh" => Ordinal(11),
        b"twelfth" => Ordinal(12),
        b"thirteenth" => Ordinal(13),
        b"fourteenth" => Ordinal(14),
        b"fifteenth" => Ordinal(15),
        b"sixteenth" => Ordinal(16),
        b"seventeenth" => Ordinal(17),
        b"eighteenth" => Ordinal(18),
        b"nineteenth" => Ordinal(19),
        b"twentieth" => Ordinal(20),
        b"twenty-fifth" => Ordinal(25),
        b"thirtieth" => Ordinal(30),
        b"fortieth" => Ordinal(40),
        b"fiftieth" => Ordinal(50),
        b"sixtieth" => Ordinal(60),
        b"hundredth" => Ordinal(100),
        b"a" | b"an" => A,
        b"few" | b"several" | b"many" | b"some" => Few,
        b"the" => The,
        b"in" => In,
        b"on" => On,
        b"at" => At,
        b"of" => Of,
        b"from" => From,
        b"to" => To,
        b"until" | b"till" => Until,
        b"by" => By,
        b"since" => Since,
        b"during" => During,
        b"between" => Between,
        b"and" => And,
        b"or" => Or,
        b"through" => Through,
        b"before" | b"prior" => Before,
        b"after" => After,
        b"later" => Later,
        b"earlier" => Earlier,
        b"ago" => Ago,
        b"following" => Following,
        b"next" => Next,
        b"previous" | b"preceding" => Previous,
        b"same" => Same,
        b"that" => That,
        b"this" => This,
        b"last" => Last,
        b"past" => Past,
        b"early" => Early,
        b"late" => Late,
        b"mid" => Mid,
        b"middle" => Middle,
        b"end" => End,
        b"beginning" => Beginning,
        b"start" => Start,
        b"half" => Half,
        b"quarter" => Quarter,
        b"around" | b"about" | b"approximately" | b"roughly" | b"circa" | b"nearly" | b"almost" => {
            Approx
        }
        b"more" => More,
        b"less" | b"fewer" => Less,
        b"than" => Than,
        b"over" => Over,
        b"within" => Within,
        b"now" => Now,
        b"today" => Today,
        b"tonight" => Tonight,
        b"yesterday" => Yesterday,
        b"tomorrow" => Tomorrow,
        b"morning" => PartOfDay(0),
        b"afternoon" => PartOfDay(1),
        b"evening" => PartOfDay(2),
        b"night" => PartOfDay(3),
        b"noon" => Noon,
        b"midnight" => Midnight,
        b"daily" => Every(self::Unit::Day),
        b"weekly" => Every(self::Unit::Week),
        b"monthly" => Every(self::Unit::Month),
        // "annual" is an adjective of amounts ("annual sales"), not a time
        b"annually" | b"yearly" => Every(self::Unit::Year),
        b"every" => Each,
        b"each" => Each,
        b"anniversary" => Anniversary,
        b"present" => Present,
        b"future" => Future,
        b"nowadays" => Nowadays,
        b"short" | b"long" => Short,
        b"currently" | b"presently" => RefWord("PRESENT_REF"),
        b"recently" => RefWord("PAST_REF"),
        b"current" => Current,
        b"recent" => Recent,
        b"latest" => Latest,
        b"period" => Period,
        b"fiscal" => Fiscal,
        b"weekend" => Weekend,
        b"near" => Near,
        b"fy" | b"jfy" => Fy,
        // words of their own only; "New Year's Day", "Election Day", "Good Friday" start
        // with ordinary words, which stay `Other` (the recognizer checks them by name)
        b"christmas" | b"thanksgiving" | b"easter" | b"halloween" | b"bastille" | b"armistice" => {
            Holiday
        }
        _ => Other,
    }
}

fn classify(word: &str) -> Lex {
    let b = word.as_bytes();
    if b.len() > 13 || !b.is_ascii() {
        return Lex::Other;
    }
    let mut buf = [0u8; 13];
    for (d, s) in buf.iter_mut().zip(b) {
        *d = s.to_ascii_lowercase();
    }
    lookup(&buf[..b.len()])
}

/// Splits `text` into tokens, appending to `out` (cleared first).
pub fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let b = text.as_bytes();
    let mut i = 0;
    let mut space = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        if c.is_ascii_digit() {
            let s = i;
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add((b[i] - b'0') as u32);
                i += 1;
            }
            let digits = (i - s).min(255) as u8;
            out.push(Tok {
                start: s,
                end: i,
                kind: Kind::Num,
                lex: Lex::Other,
                num: v,
                digits,
                cap: false,
                space,
                ch: '\0',
            });
            space = false;
            continue;
        }
        if c.is_ascii_alphabetic() || c >= 0x80 {
            // A word: letters (any script). Non-letter non-ASCII chars are punctuation.
            let s = i;
            let mut cap = false;
            let mut first = true;
            let mut is_word = false;
            while i < b.len() {
                let bi = b[i];
                if bi.is_ascii_alphabetic() {
                    if first {
                        cap = bi.is_ascii_uppercase();
                    }
                    i += 1;
                } else if bi >= 0x80 {
                    let ch = text[i..].chars().next().unwrap();
                    if ch.is_alphabetic() || ('\u{300}'..='\u{36f}').contains(&ch) {
                        if first {
                            cap = ch.is_uppercase();
                        }
                        i += ch.len_utf8();
                    } else {
                        break;
                    }
                } else {
                    break;
                }
                first = false;
                is_word = true;
            }
            if is_word {
                let lex = classify(&text[s..i]);
                out.push(Tok {
                    start: s,
                    end: i,
                    kind: Kind::Word,
                    lex,
                    num: 0,
                    digits: 0,
                    cap,
                    space,
                    ch: '\0',
                });
                space = false;
                continue;
            }
            // a non-letter, non-ASCII character: punctuation (dashes, quotes) or white space
            let ch = text[i..].chars().next().unwrap();
            if ch.is_whitespace() {
                space = true;
                i += ch.len_utf8();
                continue;
            }
            out.push(Tok::punct(i, ch, space));
            i += ch.len_utf8();
            space = false;
            continue;
        }
        out.push(Tok::punct(i, c as char, space));
        i += 1;
        space = false;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_carry_offsets_and_meaning() {
        let mut t = Vec::new();
        tokenize("On Nov. 8, 1950s—mid-March Kōno", &mut t);
        let kinds: Vec<_> = t.iter().map(|t| (t.start, t.end, t.kind)).collect();
        assert_eq!(kinds[0], (0, 2, Kind::Word));
        assert_eq!(t[1].lex, Lex::MonthAbbr(11));
        assert_eq!(t[3].num, 8);
        assert_eq!((t[5].num, t[5].digits), (1950, 4));
        assert!(!t[6].space && t[6].kind == Kind::Word); // the "s" of "1950s"
        assert!(t[7].is_dash());
        assert_eq!(t[8].lex, Lex::Mid);
        assert_eq!(t[10].lex, Lex::Month(3));
        assert_eq!(
            &"On Nov. 8, 1950s—mid-March Kōno"[t[11].start..t[11].end],
            "Kōno"
        );
    }
}
