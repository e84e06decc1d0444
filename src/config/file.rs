//! config.toml: a person's settings (theme and colours, reading width, mouse, keys) read into
//! `Settings`. Every mistake is reported with its line and key, and only that setting falls back
//! to its default: a typo in one colour never costs someone their key bindings. Pure: `parse`
//! takes the text (the caller reads the file).

use std::ops::Range;

use ratatui::style::Color;
use toml::de::{DeTable, DeValue};

use super::names::{parse_action, parse_key, parse_section};
use crate::action::Action;
use crate::keymap::{Context, Keymap};
use crate::screen::{COLUMN_MAX, COLUMN_MIN};
use crate::state::Sort;
use crate::ui::theme::{Role, ThemeName};

/// The settings in force.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Settings {
    pub theme: ThemeName,
    /// Colours set by role (each role at most once: a TOML table has no repeated keys).
    pub colors: Vec<(Role, Color)>,
    /// The reading column folio starts with; `None`: the width last chosen with `-`/`+`.
    pub width: Option<u16>,
    /// The list's order folio starts with; `None`: the order last chosen with `s`.
    pub sort: Option<Sort>,
    /// Folder headings in the list (`None`: on, the default).
    pub group: Option<bool>,
    /// Capture the mouse without `--mouse`.
    pub mouse: bool,
    /// Draw link text as OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// The library folder as written (`~/` for the home folder); `--library` and FOLIO_LIBRARY
    /// win over it.
    pub library: Option<String>,
    pub keymap: Keymap,
}

/// One mistake in the file: where, which setting, and what is wrong with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// From 1; 0 when the whole file is at fault.
    pub line: usize,
    /// The setting as a dotted path: `keys.reader.next_article`.
    pub key: String,
    pub message: String,
}

impl ConfigError {
    /// "config.toml:7: keys.reader.next_article: `Q+` is not a key …".
    pub fn describe(&self, file: &str) -> String {
        match (self.line, self.key.is_empty()) {
            (0, _) => format!("{file}: {}", self.message),
            (line, true) => format!("{file}:{line}: {}", self.message),
            (line, false) => format!("{file}:{line}: {}: {}", self.key, self.message),
        }
    }
}

/// Reads `text`; returns the settings (defaults where the file is silent or wrong) and every
/// mistake found.
pub fn parse(text: &str) -> (Settings, Vec<ConfigError>) {
    let mut reader = Reader {
        text,
        settings: Settings::default(),
        errors: Vec::new(),
    };
    match DeTable::parse(text) {
        Ok(table) => reader.top(table.get_ref()),
        Err(error) => {
            let line = error.span().map_or(0, |span| reader.line(&span));
            let message = error.message().trim().to_owned();
            reader.errors.push(ConfigError {
                line,
                key: String::new(),
                message: format!("{message}; using the default settings"),
            });
        }
    }
    reader.errors.sort_by_key(|e| e.line);
    (reader.settings, reader.errors)
}

struct Reader<'t> {
    text: &'t str,
    settings: Settings,
    errors: Vec<ConfigError>,
}

type Entry<'a, 'i> = (
    &'a toml::Spanned<std::borrow::Cow<'i, str>>,
    &'a toml::Spanned<DeValue<'i>>,
);

impl Reader<'_> {
    fn line(&self, span: &Range<usize>) -> usize {
        let end = span.start.min(self.text.len());
        self.text.as_bytes()[..end]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1
    }

    fn error(&mut self, span: &Range<usize>, key: &str, message: impl Into<String>) {
        self.errors.push(ConfigError {
            line: self.line(span),
            key: key.to_owned(),
            message: message.into(),
        });
    }

    fn top(&mut self, table: &DeTable<'_>) {
        for (name, value) in table.iter() {
            let key = name.get_ref().as_ref();
            let span = name.span();
            match key {
                "theme" => match value.get_ref().as_str() {
                    Some("dark") => self.settings.theme = ThemeName::Dark,
                    Some("light") => self.settings.theme = ThemeName::Light,
                    _ => self.error(&span, key, "write \"dark\" or \"light\""),
                },
                "width" => match value.get_ref().as_integer().map(|i| i.as_str().parse::<u16>()) {
                    Some(Ok(width)) if (COLUMN_MIN..=COLUMN_MAX).contains(&width) => {
                        self.settings.width = Some(width);
                    }
                    _ => self.error(
                        &span,
                        key,
                        format!("the reading column is a number of cells from {COLUMN_MIN} to {COLUMN_MAX}"),
                    ),
                },
                "sort" => match value.get_ref().as_str().and_then(Sort::parse) {
                    Some(sort) => self.settings.sort = Some(sort),
                    None => self.error(&span, key, "write \"path\", \"date\", \"title\" or \"read\""),
                },
                "group" => match value.get_ref().as_bool() {
                    Some(on) => self.settings.group = Some(on),
                    None => self.error(&span, key, "write true or false"),
                },
                "mouse" => match value.get_ref().as_bool() {
                    Some(on) => self.settings.mouse = on,
                    None => self.error(&span, key, "write true or false"),
                },
                "hyperlinks" => match value.get_ref().as_bool() {
                    Some(on) => self.settings.hyperlinks = on,
                    None => self.error(&span, key, "write true or false"),
                },
                "library" => match value.get_ref().as_str() {
                    Some(dir) if dir.starts_with('/') || dir.starts_with("~/") => {
                        self.settings.library = Some(dir.to_owned());
                    }
                    _ => self.error(
                        &span,
                        key,
                        "write the folder as a string, a full path or one from your home \
                         folder: \"~/articles\"",
                    ),
                },
                "colors" => match value.get_ref().as_table() {
                    Some(colors) => colors.iter().for_each(|entry| self.color(entry)),
                    None => self.error(&span, key, "a table of colours by role: [colors]"),
                },
                "keys" => match value.get_ref().as_table() {
                    Some(keys) => self.keys(keys),
                    None => self.error(&span, key, "a table of key bindings: [keys]"),
                },
                _ => self.error(
                    &span,
                    key,
                    "not a setting folio knows (theme, width, sort, group, mouse, hyperlinks, library, [colors], [keys])",
                ),
            }
        }
    }

    fn color(&mut self, (name, value): Entry<'_, '_>) {
        let role_name = name.get_ref().as_ref();
        let key = format!("colors.{role_name}");
        let Some(role) = Role::ALL.iter().copied().find(|r| r.name() == role_name) else {
            let roles: Vec<&str> = Role::ALL.iter().map(|r| r.name()).collect();
            return self.error(
                &name.span(),
                &key,
                format!("not a colour role; the roles are {}", roles.join(", ")),
            );
        };
        match value.get_ref().as_str().map(str::parse::<Color>) {
            Some(Ok(color)) => self.settings.colors.push((role, color)),
            _ => self.error(
                &name.span(),
                &key,
                "not a colour: write a name (\"cyan\", \"light-red\", \"dark-gray\"), \
                 \"#rrggbb\", or a number from 0 to 255",
            ),
        }
    }

    /// `[keys]`: `action = [...]` applies wherever the action has keys; `[keys.CONTEXT]`
    /// sets them in one context. Each setting is applied alone and undone if it clashes.
    fn keys(&mut self, table: &DeTable<'_>) {
        for (name, value) in table.iter() {
            let name_str = name.get_ref().as_ref();
            match value.get_ref() {
                DeValue::Table(section) => {
                    let Some(context) = parse_section(name_str) else {
                        let sections: Vec<&str> =
                            super::names::SECTIONS.iter().map(|(n, _)| *n).collect();
                        self.error(
                            &name.span(),
                            &format!("keys.{name_str}"),
                            format!(
                                "not a place for keys; the places are {}",
                                sections.join(", ")
                            ),
                        );
                        continue;
                    };
                    for entry in section.iter() {
                        self.binding(Some((context, name_str)), entry);
                    }
                }
                _ => self.binding(None, (name, value)),
            }
        }
    }

    fn binding(&mut self, context: Option<(Context, &str)>, (name, value): Entry<'_, '_>) {
        let action_str = name.get_ref().as_ref();
        let key = match context {
            Some((_, section)) => format!("keys.{section}.{action_str}"),
            None => format!("keys.{action_str}"),
        };
        let span = name.span();
        let Some(action) = parse_action(action_str) else {
            return self.error(
                &span,
                &key,
                "not an action; `folio config --default` lists every action with its keys",
            );
        };
        let keys = match key_list(value.get_ref()) {
            Ok(keys) => keys,
            Err(message) => return self.error(&span, &key, message),
        };
        let mut keymap = self.settings.keymap.clone();
        match context {
            Some((context, _)) => {
                if let Err(message) = keymap.rebind(context, action, keys) {
                    return self.error(&span, &key, message);
                }
            }
            None => keymap.rebind_everywhere(action, &keys),
        }
        if let Some(clash) = keymap.clash() {
            let other = if clash.first == action {
                clash.second
            } else {
                clash.first
            };
            return self.error(
                &span,
                &key,
                format!(
                    "`{}` already means {} in {}; keeping the default keys",
                    clash.key.label(),
                    super::names::action_name(other),
                    clash.context.title().to_lowercase()
                ),
            );
        }
        if action == Action::Quit
            && keymap
                .rows()
                .iter()
                .all(|r| r.action != Action::Quit || r.keys.is_empty())
        {
            return self.error(&span, &key, "quit needs at least one key");
        }
        self.settings.keymap = keymap;
    }
}

/// `["J", "ctrl-n"]`, or one key as a string.
fn key_list(value: &DeValue<'_>) -> Result<Vec<crate::keymap::Key>, String> {
    let one = |v: &DeValue<'_>| match v.as_str() {
        Some(text) => parse_key(text),
        None => Err("write keys as strings: [\"J\", \"ctrl-n\"]".to_owned()),
    };
    match value {
        DeValue::Array(items) => items.iter().map(|item| one(item.get_ref())).collect(),
        other => one(other).map(|key| vec![key]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Context::{Help, List, Reader};
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

    fn press(c: char) -> KeyEvent {
        KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE)
    }

    #[test]
    fn an_empty_file_is_the_defaults() {
        assert_eq!(parse(""), (Settings::default(), Vec::new()));
        assert_eq!(parse("# nothing\n").0, Settings::default());
    }

    #[test]
    fn every_setting_is_read() {
        let (settings, errors) = parse(
            "theme = \"light\"\nwidth = 100\nsort = \"date\"\ngroup = false\nmouse = true\nhyperlinks = true\nlibrary = \"~/articles\"\n\n[colors]\nheading = \"magenta\"\n\
             link = \"#00aaff\"\n\n[keys]\nquit = [\"x\", \"ctrl-c\"]\n\n[keys.reader]\n\
             next_article = [\"J\"]\n",
        );
        assert_eq!(errors, Vec::new());
        assert_eq!(settings.theme, ThemeName::Light);
        assert_eq!(settings.width, Some(100));
        assert_eq!(
            (settings.sort, settings.group),
            (Some(Sort::Date), Some(false))
        );
        assert!(settings.mouse);
        assert!(settings.hyperlinks);
        assert_eq!(settings.library.as_deref(), Some("~/articles"));
        assert_eq!(
            settings.colors,
            vec![
                (Role::Heading, Color::Magenta),
                (Role::Link, Color::Rgb(0, 0xaa, 0xff))
            ]
        );
        let keymap = &settings.keymap;
        assert_eq!(keymap.resolve(Reader, &press('x')), Some(Action::Quit));
        assert_eq!(
            keymap.resolve(Help, &press('x')),
            Some(Action::Quit),
            "everywhere"
        );
        assert_eq!(keymap.resolve(List, &press('q')), None);
        assert_eq!(
            keymap.resolve(Reader, &press('J')),
            Some(Action::NextArticle)
        );
        assert_eq!(keymap.resolve(Reader, &press(']')), None);
    }

    #[test]
    fn a_sort_or_group_folio_does_not_know_names_its_line() {
        let (settings, errors) = parse("sort = \"size\"\ngroup = \"yes\"\nwidth = 90\n");
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key.as_str())).collect();
        assert_eq!(found, [(1, "sort"), (2, "group")]);
        assert!(
            errors[0].message.contains("\"date\""),
            "{}",
            errors[0].message
        );
        assert_eq!(
            (settings.sort, settings.group, settings.width),
            (None, None, Some(90))
        );
    }

    #[test]
    fn each_mistake_names_its_line_and_key_and_the_rest_still_applies() {
        let text = "width = 7\nmoose = true\n[colors]\nheading = \"purpleish\"\nglow = \"red\"\n\
                    link = \"red\"\n[keys]\nfly = [\"f\"]\n[keys.reader]\nnext_article = [\"Q+\"]\n\
                    previous_article = [\"j\"]\nhelp_down = [\"x\"]\n[keys.sidebar]\nquit = [\"z\"]\n";
        let (settings, errors) = parse(text);
        let found: Vec<(usize, &str)> = errors.iter().map(|e| (e.line, e.key.as_str())).collect();
        assert_eq!(
            found,
            vec![
                (1, "width"),
                (2, "moose"),
                (4, "colors.heading"),
                (5, "colors.glow"),
                (8, "keys.fly"),
                (10, "keys.reader.next_article"),
                (11, "keys.reader.previous_article"),
                (12, "keys.reader.help_down"),
                (13, "keys.sidebar"),
            ]
        );
        assert_eq!(
            settings.colors,
            vec![(Role::Link, Color::Red)],
            "the good line applies"
        );
        assert_eq!(settings.width, None);
        assert_eq!(
            settings.keymap,
            Keymap::default(),
            "every bad binding kept its default"
        );
        let clash = &errors[6].message;
        assert!(
            clash.contains("`j` already means scroll_down in reader"),
            "{clash}"
        );
        assert_eq!(
            errors[5].describe("/home/a/.config/folio/config.toml"),
            format!(
                "/home/a/.config/folio/config.toml:10: keys.reader.next_article: {}",
                errors[5].message
            )
        );
    }

    #[test]
    fn a_file_that_is_not_toml_gives_the_defaults_and_its_line() {
        let (settings, errors) = parse("width = 90\n[keys\nquit = 1\n");
        assert_eq!(settings, Settings::default());
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert_eq!(errors[0].line, 2);
        assert!(errors[0].message.ends_with("using the default settings"));
    }

    #[test]
    fn the_library_is_a_full_path_or_one_from_home() {
        for good in ["/srv/articles", "~/articles"] {
            let (settings, errors) = parse(&format!("library = \"{good}\"\n"));
            assert_eq!(
                (settings.library.as_deref(), errors),
                (Some(good), Vec::new())
            );
        }
        for bad in ["library = \"articles\"", "library = \"\"", "library = 3"] {
            let (settings, errors) = parse(bad);
            assert_eq!(settings.library, None, "{bad}");
            assert_eq!(
                (errors[0].line, errors[0].key.as_str()),
                (1, "library"),
                "{bad}"
            );
        }
    }

    #[test]
    fn quit_cannot_be_left_without_a_key() {
        let (settings, errors) = parse("[keys]\nquit = []\n");
        assert_eq!(errors[0].key, "keys.quit");
        assert_eq!(settings.keymap, Keymap::default());
    }
}
