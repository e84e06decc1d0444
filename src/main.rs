//! The `folio` binary: parses the command line and hands it to the library.

fn main() -> std::process::ExitCode {
    match folio::Cli::parse_or_explain() {
        Ok(cli) => folio::run(cli),
        Err(code) => code,
    }
}
