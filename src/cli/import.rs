//! `folio import`: exports from Omnivore and Pocket into the library, a line per article as it
//! goes, then a summary and the list of what failed. Exit code as for `folio add`.

use std::path::PathBuf;
use std::time::Duration;

use super::{EXIT_ERROR, EXIT_NOTHING, EXIT_OK};
use crate::config::Paths;
use crate::fetch::Limits;
use crate::import::{self, ImportOptions, Report};
use crate::library::Library;
use crate::output;
use crate::sanitize::sanitize_line;

/// Runs `folio import`.
pub fn run(
    library: Option<&Library>,
    config_dir: Option<&std::path::Path>,
    files: &[PathBuf],
    timeout: Duration,
    jobs: usize,
) -> u8 {
    let Some(library) = library else {
        output::message("no library folder: give one with --library DIR or FOLIO_LIBRARY");
        return EXIT_ERROR;
    };
    let config = Paths::resolve(config_dir);
    let options = ImportOptions {
        limits: Limits {
            timeout,
            ..Limits::default()
        },
        jobs,
    };
    let mut total = Report::default();
    let mut unreadable = false;
    for file in files {
        let mut progress = |line: String| output::stdout(&(sanitize_line(&line) + "\n"));
        match import::import_file(file, library, config.as_ref(), &options, &mut progress) {
            Ok(report) => {
                total.saved += report.saved;
                total.already += report.already;
                total.bookmarks += report.bookmarks;
                total.marked_read += report.marked_read;
                total.failed.extend(report.failed);
            }
            Err(reason) => {
                unreadable = true;
                output::message(format!("{}: {reason}", file.display()));
            }
        }
    }
    output::stdout(&summary(&total));
    for (url, reason) in &total.failed {
        output::message(format!("failed {url}: {reason}"));
    }
    if unreadable || !total.failed.is_empty() {
        EXIT_ERROR
    } else if total.saved > 0 {
        EXIT_OK
    } else {
        EXIT_NOTHING
    }
}

/// `3 saved, 1 already in the library, 2 highlights as bookmarks, 1 marked read, 0 failed`
fn summary(report: &Report) -> String {
    format!(
        "{} saved, {} already in the library, {} highlights as bookmarks, {} marked read, {} failed\n",
        report.saved,
        report.already,
        report.bookmarks,
        report.marked_read,
        report.failed.len()
    )
}

/// Parses `--jobs`: 1 to 16 pages at once.
pub fn parse_jobs(text: &str) -> Result<usize, String> {
    match text.trim().parse::<usize>() {
        Ok(jobs) if (1..=16).contains(&jobs) => Ok(jobs),
        _ => Err("a number from 1 to 16".to_owned()),
    }
}
