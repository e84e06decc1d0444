//! Points in time as the saved files write them: RFC 3339 in UTC with milliseconds
//! (`2025-05-01T09:30:12.345Z`).
//!
//! Written by hand rather than with `time` or `jiff`: folio only needs "now", UTC formatting and
//! parsing of its own files, which is about a hundred lines of well-known calendar arithmetic
//! (Howard Hinnant's days-from-civil), while either crate brings time zones and formatting
//! machinery folio would never use. Pure apart from `now`, which reads the clock.

use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// Milliseconds since 1970-01-01T00:00:00Z. Ordered, so "the newer one wins" is a comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp(pub i64);

const MS_PER_DAY: i64 = 86_400_000;

impl Timestamp {
    /// The current time; a clock set before 1970 reads as 1970.
    pub fn now() -> Timestamp {
        let since = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp(i64::try_from(since.as_millis()).unwrap_or(i64::MAX))
    }

    /// The UTC calendar date, `2025-05-01`: what a list of bookmarks shows.
    pub fn date(self) -> String {
        let (year, month, day) = civil_from_days(self.0.div_euclid(MS_PER_DAY));
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// Parses RFC 3339: `YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`.
    /// Fractions beyond milliseconds are truncated. `None` for anything else.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        let digits = |range: std::ops::Range<usize>| -> Option<i64> {
            let part = b.get(range)?;
            part.iter()
                .all(u8::is_ascii_digit)
                .then(|| part.iter().fold(0i64, |n, d| n * 10 + i64::from(d - b'0')))
        };
        let year = digits(0..4)?;
        let month = digits(5..7)?;
        let day = digits(8..10)?;
        let (hour, minute, second) = (digits(11..13)?, digits(14..16)?, digits(17..19)?);
        let separators_ok = b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && matches!(b.get(10), Some(b'T' | b't' | b' '))
            && b.get(13) == Some(&b':')
            && b.get(16) == Some(&b':');
        let in_range = (1..=12).contains(&month)
            && (1..=days_in_month(year, month)).contains(&day)
            && hour < 24
            && minute < 60
            && second <= 60; // a leap second is read as the next second
        if !separators_ok || !in_range {
            return None;
        }
        let mut rest = &text[19..];
        let mut millis = 0;
        if let Some(fraction) = rest.strip_prefix('.') {
            let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return None;
            }
            let padded = format!("{:0<3}", &fraction[..len.min(3)]);
            millis = padded.parse::<i64>().ok()?;
            rest = &fraction[len..];
        }
        let offset_minutes = match rest.as_bytes() {
            [b'Z' | b'z'] => 0,
            [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
                let hours = digits_of(&[*h1, *h2])?;
                let minutes = digits_of(&[*m1, *m2])?;
                if hours > 23 || minutes > 59 {
                    return None;
                }
                let total = hours * 60 + minutes;
                if *sign == b'-' { -total } else { total }
            }
            _ => return None,
        };
        let days = days_from_civil(year, month, day);
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
        Some(Timestamp(seconds * 1000 + millis))
    }
}

fn digits_of(pair: &[u8; 2]) -> Option<i64> {
    pair.iter()
        .all(u8::is_ascii_digit)
        .then(|| i64::from(pair[0] - b'0') * 10 + i64::from(pair[1] - b'0'))
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let days = self.0.div_euclid(MS_PER_DAY);
        let in_day = self.0.rem_euclid(MS_PER_DAY);
        let (year, month, day) = civil_from_days(days);
        let (second, millis) = (in_day / 1000, in_day % 1000);
        write!(
            f,
            "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
            second / 3600,
            second / 60 % 60,
            second % 60
        )
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "{text:?} is not an RFC 3339 time such as 2025-05-01T09:30:00Z"
            ))
        })
    }
}

fn is_leap(year: i64) -> bool {
    year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 for a proleptic Gregorian date (Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The inverse of `days_from_civil`.
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants_format_as_rfc_3339() {
        assert_eq!(Timestamp(0).to_string(), "1970-01-01T00:00:00.000Z");
        // `date -u -d @1717245296` = Sat Jun  1 12:34:56 UTC 2024
        assert_eq!(
            Timestamp(1_717_245_296_789).to_string(),
            "2024-06-01T12:34:56.789Z"
        );
        assert_eq!(Timestamp(951_782_400_000).date(), "2000-02-29");
        assert_eq!(Timestamp(-1).to_string(), "1969-12-31T23:59:59.999Z");
    }

    #[test]
    fn formatting_and_parsing_round_trip() {
        for ms in [0, 1, 951_782_400_000, 1_717_245_296_789, 4_102_444_799_999] {
            let stamp = Timestamp(ms);
            assert_eq!(Timestamp::parse(&stamp.to_string()), Some(stamp));
        }
    }

    #[test]
    fn other_rfc_3339_spellings_parse() {
        let expected = Some(Timestamp(1_717_245_296_000));
        assert_eq!(Timestamp::parse("2024-06-01T12:34:56Z"), expected);
        assert_eq!(Timestamp::parse("2024-06-01t12:34:56z"), expected);
        assert_eq!(Timestamp::parse("2024-06-01T14:34:56+02:00"), expected);
        assert_eq!(Timestamp::parse("2024-06-01T07:04:56-05:30"), expected);
        assert_eq!(
            Timestamp::parse("2024-06-01T12:34:56.5Z"),
            Some(Timestamp(1_717_245_296_500))
        );
        assert_eq!(
            Timestamp::parse("2024-06-01T12:34:56.123456789Z"),
            Some(Timestamp(1_717_245_296_123))
        );
    }

    #[test]
    fn malformed_times_are_rejected() {
        for bad in [
            "",
            "2024-06-01",
            "2024-06-01T12:34:56",
            "2024-13-01T12:34:56Z",
            "2023-02-29T12:34:56Z",
            "2024-06-01T24:00:00Z",
            "2024-06-01T12:34:56.Z",
            "2024-06-01T12:34:56+2:00",
            "2024/06/01T12:34:56Z",
            "2024-06-01T12:34:56Zjunk",
            "२०२४-06-01T12:34:56Z",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn serde_uses_the_text_form() {
        let json = serde_json::to_string(&Timestamp(0)).unwrap();
        assert_eq!(json, "\"1970-01-01T00:00:00.000Z\"");
        assert_eq!(
            serde_json::from_str::<Timestamp>(&json).unwrap(),
            Timestamp(0)
        );
        let err = serde_json::from_str::<Timestamp>("\"yesterday\"").unwrap_err();
        assert!(err.to_string().contains("RFC 3339"), "{err}");
    }
}
