//! config.toml as folio writes it: `folio config` (the settings in force) and `folio config
//! --default` (a file to start from). Every setting is there with a comment saying what it does,
//! and what folio writes it reads back as the same settings.

use std::fmt::Write;

use super::file::Settings;
use super::names::{action_name, section_name};
use crate::keymap::{HELP_ORDER, Keymap};
use crate::screen::{COLUMN_DEFAULT, COLUMN_MAX, COLUMN_MIN};
use crate::ui::theme::{Role, Theme, ThemeName};

/// `settings` as a config file. Colours and width that are not set are written commented out,
/// with the value in force, so changing `theme` in the file still changes every colour.
pub fn render(settings: &Settings) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# folio's settings. A setting that is missing or wrong keeps its default;"
    );
    let _ = writeln!(w, "# folio names the line of each mistake when it starts.");
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Colours for a dark or a light terminal background: \"dark\" or \"light\"."
    );
    let _ = writeln!(
        w,
        "# NO_COLOR in the environment turns every colour off, whatever is set here."
    );
    let _ = writeln!(w, "theme = \"{}\"", settings.theme.name());
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# The widest the reading column gets, in cells ({COLUMN_MIN} to {COLUMN_MAX}). When set, folio"
    );
    let _ = writeln!(
        w,
        "# starts at this width; when not, at the width last chosen with - and +."
    );
    match settings.width {
        Some(width) => writeln!(w, "width = {width}"),
        None => writeln!(w, "# width = {COLUMN_DEFAULT}"),
    }
    .ok();
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# The list's order: \"path\" (as the files are found), \"date\" (newest first), \"title\""
    );
    let _ = writeln!(
        w,
        "# or \"read\" (recently read first). When set, folio starts in this order; when not, in"
    );
    let _ = writeln!(w, "# the order last chosen with s.");
    match settings.sort {
        Some(sort) => writeln!(w, "sort = \"{}\"", sort.name()),
        None => writeln!(w, "# sort = \"path\""),
    }
    .ok();
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Articles from several folders listed under a heading per folder (F in the list turns"
    );
    let _ = writeln!(w, "# the headings off and on).");
    match settings.group {
        Some(group) => writeln!(w, "group = {group}"),
        None => writeln!(w, "# group = true"),
    }
    .ok();
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Capture the mouse (wheel scrolling, clicking rows) as --mouse does; the terminal's own"
    );
    let _ = writeln!(w, "# text selection then needs Shift.");
    let _ = writeln!(w, "mouse = {}", settings.mouse);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Make link text clickable in the terminal (OSC 8 hyperlinks). Off by default: terminals"
    );
    let _ = writeln!(
        w,
        "# differ; tmux 3.4 and later pass them on with set -as terminal-features ',*:hyperlinks'."
    );
    let _ = writeln!(w, "hyperlinks = {}", settings.hyperlinks);
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Where saved pages are kept (folio add, folio import, a in the reader), and what folio"
    );
    let _ = writeln!(
        w,
        "# opens with no path: a full path or one from your home folder (\"~/articles\")."
    );
    let _ = writeln!(
        w,
        "# --library and FOLIO_LIBRARY win over it; unset: the platform's data folder."
    );
    match &settings.library {
        Some(dir) => writeln!(w, "library = \"{}\"", toml_escape(dir)),
        None => writeln!(w, "# library = \"~/articles\""),
    }
    .ok();
    let _ = writeln!(w);
    let _ = writeln!(
        w,
        "# Colours by role, over the theme's: a name (\"cyan\", \"light-red\", \"dark-gray\"),"
    );
    let _ = writeln!(
        w,
        "# \"#rrggbb\", or a number from 0 to 255. Commented: the theme's own."
    );
    let _ = writeln!(w, "[colors]");
    for role in Role::ALL {
        match settings.colors.iter().rev().find(|(r, _)| *r == role) {
            Some((_, color)) => writeln!(w, "{} = \"{color}\"", role.name()),
            None => writeln!(
                w,
                "# {} = \"{}\"",
                role.name(),
                Theme::role_color(settings.theme, role)
            ),
        }
        .ok();
    }
    let _ = writeln!(w);
    write_keys(w, &settings.keymap);
    out
}

/// The default file.
pub fn default_file() -> String {
    render(&Settings {
        theme: ThemeName::Dark,
        ..Settings::default()
    })
}

/// Every action with its keys, a table per place, each line with what the action does.
fn write_keys(w: &mut String, keymap: &Keymap) {
    let _ = writeln!(
        w,
        "# Keys: a character (\"J\" is Shift-j), \"ctrl-\" or \"alt-\" and a character, or a name:"
    );
    let _ = writeln!(
        w,
        "# Space, Enter, Esc, Tab, Backspace, Delete, Up, Down, Left, Right, PageUp, PageDown, Home,"
    );
    let _ = writeln!(w, "# End.");
    let _ = writeln!(
        w,
        "# Setting an action's keys replaces its default keys in that place. An action"
    );
    let _ = writeln!(
        w,
        "# directly under [keys] (quit = [\"x\"]) gets the keys everywhere it has any."
    );
    let _ = writeln!(w, "[keys]");
    for context in HELP_ORDER {
        let rows: Vec<_> = keymap
            .rows()
            .iter()
            .filter(|r| r.context == context)
            .collect();
        if rows.is_empty() {
            continue;
        }
        let _ = writeln!(w);
        let _ = writeln!(w, "# {}", context.title());
        let _ = writeln!(w, "[keys.{}]", section_name(context));
        for row in rows {
            let keys: Vec<String> = row
                .keys
                .iter()
                .map(|k| format!("\"{}\"", toml_escape(&k.label())))
                .collect();
            let _ = writeln!(
                w,
                "{} = [{}]  # {}",
                action_name(row.action),
                keys.join(", "),
                row.description
            );
        }
    }
}

/// Text inside a TOML basic string: `"`, `\` and the control characters are escaped.
fn toml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::file::parse;
    use ratatui::style::Color;

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let (settings, errors) = parse(&default_file());
        assert_eq!(errors, Vec::new(), "{}", default_file());
        assert_eq!(settings, Settings::default());
    }

    #[test]
    fn settings_in_force_read_back_unchanged() {
        let (settings, errors) = parse(
            "theme = \"light\"\nwidth = 96\nsort = \"title\"\ngroup = false\nmouse = true\nhyperlinks = true\nlibrary = \"~/my \\\"saved\\\" \\\\ pages\\u0007\"\n[colors]\nlink = \"#00AAFF\"\n\
             dim = \"244\"\n[keys]\nquit = [\"x\", \"ctrl-c\"]\n[keys.reader]\n\
             next_article = [\"J\", \"\\\\\"]\n",
        );
        assert_eq!(errors, Vec::new());
        let written = render(&settings);
        let (again, errors) = parse(&written);
        assert_eq!(errors, Vec::new(), "{written}");
        assert_eq!(again, settings, "{written}");
        assert!(written.contains("# heading = \"Magenta\""), "{written}");
        assert!(written.contains("link = \"#00AAFF\""), "{written}");
        assert!(again.colors.contains(&(Role::Dim, Color::Indexed(244))));
        assert_eq!(
            again.library.as_deref(),
            Some("~/my \"saved\" \\ pages\u{7}")
        );
        assert!(default_file().contains("# library = \"~/articles\""));
    }
}
