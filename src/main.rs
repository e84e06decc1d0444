//! The `folio` binary: parses the command line and hands it to the library.

use clap::Parser;

fn main() -> std::process::ExitCode {
    folio::run(folio::Cli::parse())
}
