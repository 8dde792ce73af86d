//! Citations: author–year references in parentheses ("(Kurusu 2008, 128)", "(Gaimushō 1951,
//! 302–3; Shigeta and Suezawa 1988, 121)", "(National Archives 1955, UN 22516/191, FO
//! 371/117477)") and source lines under block quotations ("khrushchev 1979, 1–635"),
//! parsed into authors, year and locator.

/// One cited work. Offsets are bytes of the text given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    pub start: usize,
    pub end: usize,
    pub text: String,
    pub authors: String,
    /// "2008", or "1994/1995" for "1994–1995".
    pub year: String,
    pub locator: String,
}

/// Parses one reference ("Slavinskii 1994–1995, no. 5, 58") at `start`; None if it has no
/// author–year shape.
pub fn parse_one(text: &str, start: usize) -> Option<Citation> {
    let trimmed = text.trim();
    let lead = text.len() - text.trim_start().len();
    let mut body = trimmed;
    let mut skip = 0;
    for p in ["see also ", "see ", "cf. ", "e.g., ", "e.g. "] {
        if body.len() > p.len()
            && body
                .get(..p.len())
                .is_some_and(|h| h.eq_ignore_ascii_case(p))
        {
            skip = p.len();
            body = &body[p.len()..];
            break;
        }
    }
    // the first four-digit year preceded by an author word
    let b = body.as_bytes();
    let mut y = None;
    for i in 0..b.len().saturating_sub(3) {
        let four = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let before_ok = i > 0 && b[i - 1] == b' ';
        let after_ok = b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        if four && before_ok && after_ok {
            y = Some(i);
            break;
        }
    }
    let yi = y?;
    let authors = body[..yi].trim().trim_end_matches(',').trim();
    if authors.is_empty()
        || !authors.chars().any(char::is_alphabetic)
        || authors.split_whitespace().count() > 6
    {
        return None;
    }
    let mut ye = yi + 4;
    let mut year = body[yi..ye].to_string();
    // "1994–1995"
    let rest = &body[ye..];
    for dash in ['–', '-'] {
        if let Some(r) = rest.strip_prefix(dash) {
            if r.len() >= 4 && r.as_bytes()[..4].iter().all(u8::is_ascii_digit) {
                year = format!("{year}/{}", &r[..4]);
                ye += dash.len_utf8() + 4;
            }
        }
    }
    // "2013a"
    if body[ye..].starts_with(|c: char| c.is_ascii_lowercase())
        && !body[ye..].starts_with(|c: char| {
            c.is_ascii_lowercase() && body[ye + 1..].starts_with(char::is_alphabetic)
        })
    {
        ye += 1;
    }
    let locator = body[ye..].trim_start_matches([',', ':']).trim().to_string();
    let s = start + lead + skip;
    Some(Citation {
        start: s,
        end: s + body.len(),
        text: body.to_string(),
        authors: authors.to_string(),
        year,
        locator,
    })
}

/// An entry of a reference list: its first author's surname and its year, the keys an
/// author–year citation links by ("Hara, Kimie. 2013. Cold War Frontiers." → Hara, 2013).
pub fn parse_reference(entry: &str) -> Option<(String, String)> {
    let t = entry.trim();
    let end = t.find([',', '.', '(']).filter(|&i| i > 0)?;
    let surname = t[..end].trim();
    if !surname.starts_with(char::is_uppercase) || surname.split_whitespace().count() > 3 {
        return None;
    }
    let b = t.as_bytes();
    let year = (0..b.len().saturating_sub(3)).find_map(|i| {
        let four = b[i..i + 4].iter().all(u8::is_ascii_digit);
        let alone = (i == 0 || !b[i - 1].is_ascii_digit())
            && b.get(i + 4).is_none_or(|c| !c.is_ascii_digit());
        (four && alone).then(|| t[i..i + 4].to_string())
    })?;
    Some((surname.to_string(), year))
}

/// The first author's surname and the first year of a citation, for linking.
pub fn citation_key(c: &Citation) -> (String, String) {
    let first = c
        .authors
        .split([' ', ','])
        .find(|w| !w.is_empty())
        .unwrap_or("");
    (
        first.to_string(),
        c.year.split('/').next().unwrap_or("").to_string(),
    )
}

/// The parenthetical citations of `text` (one per work; several works in one parenthesis
/// are split at ';').
pub fn citations(text: &str) -> Vec<Citation> {
    let mut out = Vec::new();
    let b = text.as_bytes();
    let mut i = 0;
    while i < b.len() {
        if b[i] != b'(' {
            i += 1;
            continue;
        }
        // the matching ')' (one level of nesting is enough for "(Togo [Tōgō] 2010, 232)")
        let mut depth = 0;
        let mut j = i;
        while j < b.len() {
            match b[j] {
                b'(' => depth += 1,
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
            j += 1;
        }
        if j >= b.len() {
            break;
        }
        let inner = &text[i + 1..j];
        let mut at = i + 1;
        for part in inner.split(';') {
            if let Some(c) = parse_one(part, at) {
                out.push(c);
            }
            at += part.len() + 1;
        }
        i = j + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parenthetical_citations() {
        let t = "prevent its reconciliation” (Hara 2013, 147). Also (Gaimushō 1951, 302–3; Shigeta and Suezawa 1988, 121) and (Slavinskiĭ 1994–1995, no. 6, 52) and (see Kuznetsov 2002, 54) but not (today the War Memorial Opera House).";
        let c = citations(t);
        let v: Vec<_> = c
            .iter()
            .map(|c| (c.authors.as_str(), c.year.as_str(), c.locator.as_str()))
            .collect();
        assert_eq!(
            v,
            vec![
                ("Hara", "2013", "147"),
                ("Gaimushō", "1951", "302–3"),
                ("Shigeta and Suezawa", "1988", "121"),
                ("Slavinskiĭ", "1994/1995", "no. 6, 52"),
                ("Kuznetsov", "2002", "54"),
            ]
        );
        assert_eq!(&t[c[2].start..c[2].end], "Shigeta and Suezawa 1988, 121");
        assert_eq!(&t[c[4].start..c[4].end], "Kuznetsov 2002, 54");
    }

    #[test]
    fn reference_entries_and_keys() {
        assert_eq!(
            parse_reference(
                "Hara, Kimie. 2013. Cold War Frontiers in the Asia-Pacific. London: Routledge."
            ),
            Some(("Hara".into(), "2013".into()))
        );
        assert_eq!(
            parse_reference("Van Aduard, E. J. Lewe. 2012. Japan: From Surrender to Peace."),
            Some(("Van Aduard".into(), "2012".into()))
        );
        assert_eq!(parse_reference("a line of running text from 1955"), None);
        let c = &citations("(Shigeta and Suezawa 1988, 121)")[0];
        assert_eq!(citation_key(c), ("Shigeta".into(), "1988".into()));
    }

    #[test]
    fn attribution_lines() {
        let c = parse_one("khrushchev 1979, 1–635", 10).unwrap();
        assert_eq!(
            (
                c.authors.as_str(),
                c.year.as_str(),
                c.locator.as_str(),
                c.start
            ),
            ("khrushchev", "1979", "1–635", 10)
        );
        let c = parse_one("FRUS 1955–1957, vol. 23, doc. 89", 0).unwrap();
        assert_eq!(
            (c.authors.as_str(), c.year.as_str(), c.locator.as_str()),
            ("FRUS", "1955/1957", "vol. 23, doc. 89")
        );
        let c = parse_one("National Archives 1955, UN 22516/191, FO 371/117477", 0).unwrap();
        assert_eq!(c.locator, "UN 22516/191, FO 371/117477");
        assert!(parse_one("Article 9 of the Joint Declaration", 0).is_none());
    }
}
