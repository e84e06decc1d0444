//! `folio add`: saves pages into the library, one line per page saying what became of it.
//!
//! Exit code: 0 when every page was saved (or some were and none failed), 1 when nothing was new,
//! 2 when any page failed. Every line quotes a URL or a page's title, so every line is sanitized.

use std::path::Path;
use std::time::Duration;

use super::{EXIT_ERROR, EXIT_NOTHING, EXIT_OK};
use crate::fetch::Limits;
use crate::library::Library;
use crate::library::add::{Adder, Extra, Options, Outcome, Source};
use crate::output;
use crate::sanitize::sanitize_line;

/// Runs `folio add`.
pub fn run(library: Option<&Library>, sources: &[String], force: bool, timeout: Duration) -> u8 {
    let Some(library) = library else {
        output::message("no library folder: give one with --library DIR or FOLIO_LIBRARY");
        return EXIT_ERROR;
    };
    let options = Options {
        limits: Limits {
            timeout,
            ..Limits::default()
        },
        force,
    };
    let mut adder = Adder::new(library, options);
    let (mut saved, mut failed) = (0, 0);
    for source in sources {
        match adder.add(&Source::parse(source), &Extra::default()) {
            Ok(outcome) => {
                saved += usize::from(matches!(outcome, Outcome::Saved { .. }));
                output::stdout(&outcome_line(source, &outcome));
            }
            Err(reason) => {
                failed += 1;
                output::message(format!("{source}: {reason}"));
            }
        }
    }
    if failed > 0 {
        EXIT_ERROR
    } else if saved > 0 {
        EXIT_OK
    } else {
        EXIT_NOTHING
    }
}

/// `saved https://…: Title (2026-12-01-title.html)`, or `already saved …`.
pub fn outcome_line(source: &str, outcome: &Outcome) -> String {
    let line = match outcome {
        Outcome::Saved { file, title } => {
            format!("saved {source}: {title} ({})", file_name(file))
        }
        Outcome::AlreadySaved { file } => format!(
            "already saved {source} ({}); --force saves it again",
            file_name(file)
        ),
    };
    sanitize_line(&line) + "\n"
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .unwrap_or(file.as_os_str())
        .to_string_lossy()
        .into_owned()
}

/// Parses `--timeout`: seconds, fractions allowed, more than zero.
pub fn parse_timeout(text: &str) -> Result<Duration, String> {
    match text.trim().parse::<f64>() {
        Ok(seconds) if seconds > 0.0 && seconds.is_finite() && seconds <= 86_400.0 => {
            Ok(Duration::from_secs_f64(seconds))
        }
        _ => Err("a number of seconds greater than 0 (such as 30 or 2.5)".to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timeout_is_a_positive_number_of_seconds() {
        assert_eq!(parse_timeout("2.5"), Ok(Duration::from_millis(2500)));
        assert_eq!(parse_timeout("30"), Ok(Duration::from_secs(30)));
        for bad in ["0", "-1", "NaN", "inf", "soon", ""] {
            assert!(parse_timeout(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn lines_quote_sources_safely() {
        let outcome = Outcome::Saved {
            file: "/lib/2026-12-01-x.html".into(),
            title: "A \u{1b}[31mtitle".to_owned(),
        };
        let line = outcome_line("https://e.com/\u{202e}x", &outcome);
        assert!(
            !line.contains('\u{1b}') && !line.contains('\u{202e}'),
            "{line:?}"
        );
        assert!(line.ends_with("(2026-12-01-x.html)\n"));
    }
}
