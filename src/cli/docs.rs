//! `folio man` and `folio completions`: the manual page and shell completion scripts, generated
//! from the same clap definitions that parse the command line, and the keys from the key table,
//! so neither can drift from what folio does.
//!
//! Both print to stdout only; installing them is the packager's or the person's step (README).

use clap::CommandFactory;
use clap_complete::Shell;
use roff::{Roff, bold, roman};

use super::{Cli, EXIT_ERROR, EXIT_OK};
use crate::keymap::{BINDINGS, HELP_ORDER};
use crate::output;

/// Prints the roff manual page for `folio(1)`.
pub fn man() -> u8 {
    match man_page() {
        Ok(page) => {
            output::stdout(&page);
            EXIT_OK
        }
        Err(_) => EXIT_ERROR,
    }
}

/// Prints the completion script for `shell`.
pub fn completions(shell: Shell) -> u8 {
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "folio", &mut script);
    output::stdout(&String::from_utf8_lossy(&script));
    EXIT_OK
}

/// The whole page: clap_mangen's sections for the program, then one sub-section per command
/// (instead of clap_mangen's references to folio-list(1) and others, which are not installed),
/// then the keys, files, environment and exit codes, which clap knows nothing of.
pub fn man_page() -> std::io::Result<String> {
    let mut command = Cli::command().disable_help_subcommand(true);
    command.build();
    let man = clap_mangen::Man::new(command.clone()).manual("User Commands");
    let mut page = Vec::new();
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;

    let mut commands = Roff::new();
    commands.control("SH", ["COMMANDS"]);
    page.extend(commands.render().into_bytes());
    for sub in command.get_subcommands() {
        let sub_man = clap_mangen::Man::new(sub.clone());
        let mut heading = Roff::new();
        heading.control("SS", [sub.get_name()]);
        page.extend(heading.render().into_bytes());
        let mut part = Vec::new();
        sub_man.render_synopsis_section(&mut part)?;
        sub_man.render_description_section(&mut part)?;
        if sub
            .get_arguments()
            .any(|a| !a.is_positional() && !a.is_hide_set())
        {
            sub_man.render_options_section(&mut part)?;
        }
        page.extend(without_section_headings(&String::from_utf8_lossy(&part)).into_bytes());
    }

    page.extend(extra_sections().render().into_bytes());
    man.render_version_section(&mut page)?;
    Ok(String::from_utf8_lossy(&page).into_owned())
}

/// A command's own sections, made part of the COMMANDS section: its `.SH` headings dropped (with
/// the preamble each render repeats), an `.SH OPTIONS` kept as a paragraph break.
fn without_section_headings(roff: &str) -> String {
    let body = roff.find("\n.SH").map_or(roff, |at| &roff[at + 1..]);
    body.lines()
        .map(|line| if line.starts_with(".SH") { ".PP" } else { line })
        .fold(String::new(), |mut out, line| {
            out.push_str(line);
            out.push('\n');
            out
        })
}

/// KEYS (from the key table), FILES, ENVIRONMENT and EXIT STATUS.
fn extra_sections() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["KEYS"]);
    roff.text([roman(
        "In the reader (folio with no command), as they are by default; config.toml can change \
         them, and the help overlay (?) lists the keys in force.",
    )]);
    for context in HELP_ORDER {
        roff.control("SS", [context.title()]);
        for binding in BINDINGS.iter().filter(|b| b.context == context) {
            let keys: Vec<String> = binding.keys.iter().map(|k| k.label()).collect();
            roff.control("TP", []);
            roff.text([bold(keys.join(", "))]);
            roff.text([roman(binding.description)]);
        }
    }

    roff.control("SH", ["FILES"]);
    for (file, what) in [
        (
            "bookmarks.json",
            "the bookmarked passages and their notes, in the config folder",
        ),
        (
            "state.json",
            "reading positions and the article last open, in the config folder",
        ),
        (
            "config.toml",
            "settings: theme, colours by role, reading width, mouse, keys (folio config \
             --default prints a file to start from), in the config folder",
        ),
    ] {
        roff.control("TP", []);
        roff.text([bold(file)]);
        roff.text([roman(what)]);
    }
    roff.text([roman(
        "The config folder is --config-dir, else $FOLIO_CONFIG_DIR, else the platform's \
         config folder ($XDG_CONFIG_HOME/folio, usually ~/.config/folio, on Linux).",
    )]);
    roff.control("TP", []);
    roff.text([bold("*.cache")]);
    roff.text([roman(
        "the parsed articles of each folder or file named, in the cache folder: $FOLIO_CACHE_DIR, \
         else the platform's ($XDG_CACHE_HOME/folio, usually ~/.cache/folio, on Linux). A file \
         changed since is parsed again; the least recently used go beyond 512 MB. --no-cache \
         passes it by, folio cache --clear empties it.",
    )]);

    roff.control("SH", ["ENVIRONMENT"]);
    for (name, what) in [
        (
            "FOLIO_CONFIG_DIR",
            "the folder for bookmarks and reading positions",
        ),
        (
            "FOLIO_CACHE_DIR",
            "the folder for the cache of parsed articles",
        ),
        ("NO_COLOR", "when set, the interface uses no colours"),
    ] {
        roff.control("TP", []);
        roff.text([bold(name)]);
        roff.text([roman(what)]);
    }

    roff.control("SH", ["EXIT STATUS"]);
    for (code, what) in [
        ("0", "success"),
        (
            "1",
            "nothing found: no articles, no match, several matches, no bookmarks",
        ),
        (
            "2",
            "bad usage, a bad search query, a named path that could not be loaded, or a \
             bookmarks file that cannot be read",
        ),
    ] {
        roff.control("TP", []);
        roff.text([bold(code)]);
        roff.text([roman(what)]);
    }
    roff
}
