//! Reads the dates people write into ISO 8601 (`2018-06-18`), refusing the ambiguous ones.

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Parses a whole string as a calendar date. Accepts `2018-06-18` (with an optional time after it),
/// `2018/06/18`, `18.06.2018`, `18.06.18`, `18/06/2018` or `06/18/2018` when the day gives the
/// order away, `June 18, 2018`, `18 June 2018`, `Jun 18 2018`. Returns `None` for anything else,
/// including `03/04/2018`, which means different days to different readers.
pub fn parse_date(text: &str) -> Option<String> {
    let text = text.trim();
    let text = text
        .split_once(['T', ' '])
        .filter(|(date, _)| date.len() == 10 && date.as_bytes()[4] == b'-')
        .map_or(text, |(date, _)| date);
    parse_numeric(text).or_else(|| parse_with_month_name(text))
}

fn parse_numeric(text: &str) -> Option<String> {
    let separator = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let (a_num, b_num, c_num): (u32, u32, u32) =
        (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    if a.len() == 4 {
        // Year first is always year-month-day.
        return iso(a_num, b_num, c_num);
    }
    let year = match c.len() {
        4 => c_num,
        2 => expand_two_digit_year(c_num),
        _ => return None,
    };
    match separator {
        // Dotted dates are day-first wherever they are written.
        '.' => iso(year, b_num, a_num),
        '/' | '-' if a_num > 12 => iso(year, b_num, a_num),
        '/' | '-' if b_num > 12 => iso(year, a_num, b_num),
        _ => None,
    }
}

fn parse_with_month_name(text: &str) -> Option<String> {
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || c == ',')
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .collect();
    let [first, second, third] = words.as_slice() else {
        return None;
    };
    let (month, day, year) = if let Some(month) = month_number(first) {
        (month, second, third)
    } else {
        (month_number(second)?, first, third)
    };
    let day = day.trim_end_matches(|c: char| c.is_ascii_alphabetic()); // 18th, 1st
    if year.len() != 4 {
        return None;
    }
    iso(year.parse().ok()?, month, day.parse().ok()?)
}

fn month_number(word: &str) -> Option<u32> {
    if word.len() < 3 {
        return None;
    }
    MONTHS
        .iter()
        .position(|name| {
            name.starts_with(word) && (word.len() == 3 || word == *name || word == "sept")
        })
        .map(|index| index as u32 + 1)
}

fn expand_two_digit_year(year: u32) -> u32 {
    if year < 70 { 2000 + year } else { 1900 + year }
}

fn iso(year: u32, month: u32, day: u32) -> Option<String> {
    let valid = (1..=12).contains(&month) && (1..=days_in_month(year, month)).contains(&day);
    valid.then(|| format!("{year:04}-{month:02}-{day:02}"))
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::parse_date;

    #[test]
    fn numeric_dates() {
        for (text, iso) in [
            ("18.06.18", "2018-06-18"),
            ("18.06.2018", "2018-06-18"),
            ("2018-06-18", "2018-06-18"),
            ("2018-06-18T09:30:00Z", "2018-06-18"),
            ("2018/6/8", "2018-06-08"),
            ("18/06/2018", "2018-06-18"),
            ("06/18/2018", "2018-06-18"),
            ("29.02.2000", "2000-02-29"),
        ] {
            assert_eq!(parse_date(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn dates_with_month_names() {
        for (text, iso) in [
            ("June 18, 2018", "2018-06-18"),
            ("18 June 2018", "2018-06-18"),
            ("Sept. 3, 1999", "1999-09-03"),
            ("3rd Dec 2021", "2021-12-03"),
        ] {
            assert_eq!(parse_date(text).as_deref(), Some(iso), "{text}");
        }
    }

    #[test]
    fn ambiguous_impossible_and_non_dates_are_refused() {
        for text in [
            "03/04/2018",
            "31.02.2018",
            "29.02.2019",
            "1.2.3",
            "June 2018",
            "Mayor 3 2018",
            "print",
            "",
            "2018",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
