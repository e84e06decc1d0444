//! The names config.toml uses for keys (`"ctrl-c"`, `"PageDown"`, `"J"`), actions (`next_article`,
//! the `Action` variant in snake case) and contexts (`[keys.reader]`). Pure; each name prints the
//! way it parses, so `folio config` output reads back unchanged.

use crossterm::event::KeyCode;

use crate::action::Action;
use crate::keymap::{BINDINGS, Context, Key};

/// Named keys, as `Key::label` writes them; matched without regard to case.
const NAMED: &[(&str, KeyCode)] = &[
    ("Space", KeyCode::Char(' ')),
    ("Enter", KeyCode::Enter),
    ("Esc", KeyCode::Esc),
    ("Tab", KeyCode::Tab),
    ("Backspace", KeyCode::Backspace),
    ("Delete", KeyCode::Delete),
    ("Up", KeyCode::Up),
    ("Down", KeyCode::Down),
    ("Left", KeyCode::Left),
    ("Right", KeyCode::Right),
    ("PageUp", KeyCode::PageUp),
    ("PageDown", KeyCode::PageDown),
    ("Home", KeyCode::Home),
    ("End", KeyCode::End),
];

/// Reads a key: one character (case counts: `J` is Shift-j), a name from `NAMED` (any case), or
/// either after `ctrl-` or `alt-`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let strip = |text: &'_ str, prefix: &str| -> Option<String> {
        let head = text.get(..prefix.len())?;
        (head.eq_ignore_ascii_case(prefix) && text.len() > prefix.len())
            .then(|| text[prefix.len()..].to_owned())
    };
    let (ctrl, alt, rest) = if let Some(rest) = strip(text, "ctrl-") {
        (true, false, rest)
    } else if let Some(rest) = strip(text, "alt-") {
        (false, true, rest)
    } else {
        (false, false, text.to_owned())
    };
    let mut chars = rest.chars();
    let code = match (chars.next(), chars.next()) {
        (Some(c), None) if !c.is_control() => {
            KeyCode::Char(if ctrl { c.to_ascii_lowercase() } else { c })
        }
        _ => NAMED
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(&rest))
            .map(|&(_, code)| code)
            .ok_or_else(|| {
                format!(
                    "`{text}` is not a key: write one character (\"J\"), ctrl- or alt- and a \
                     character (\"ctrl-f\"), or a name: {}",
                    NAMED.iter().map(|(n, _)| *n).collect::<Vec<_>>().join(", ")
                )
            })?,
    };
    Ok(Key { code, ctrl, alt })
}

/// The snake-case name of an action: `NextArticle` is `next_article`.
pub fn action_name(action: Action) -> String {
    let debug = format!("{action:?}");
    let mut name = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_ascii_uppercase() {
            if i > 0 {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else {
            name.push(c);
        }
    }
    name
}

/// The action a name stands for, among those the key table binds (the others, like a resize,
/// come from the terminal rather than from keys).
pub fn parse_action(name: &str) -> Option<Action> {
    BINDINGS
        .iter()
        .map(|b| b.action)
        .find(|&action| action_name(action) == name)
}

/// The contexts, by the name of their table in config.toml.
pub const SECTIONS: &[(&str, Context)] = &[
    ("global", Context::Anywhere),
    ("list", Context::List),
    ("reader", Context::Reader),
    ("help", Context::Help),
    ("prompt", Context::Prompt),
    ("bookmarks", Context::Bookmarks),
    ("outline", Context::Outline),
];

pub fn section_name(context: Context) -> &'static str {
    SECTIONS
        .iter()
        .find(|(_, c)| *c == context)
        .map_or("global", |(name, _)| name)
}

pub fn parse_section(name: &str) -> Option<Context> {
    SECTIONS.iter().find(|(n, _)| *n == name).map(|&(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_parse_as_written_and_print_back() {
        assert_eq!(
            parse_key("J").unwrap(),
            Key {
                code: KeyCode::Char('J'),
                ctrl: false,
                alt: false,
            }
        );
        assert_eq!(
            parse_key("ctrl-C").unwrap(),
            Key {
                code: KeyCode::Char('c'),
                ctrl: true,
                alt: false,
            }
        );
        assert_eq!(parse_key("pagedown").unwrap().code, KeyCode::PageDown);
        assert_eq!(
            parse_key("Ctrl-Space").unwrap(),
            Key {
                code: KeyCode::Char(' '),
                ctrl: true,
                alt: false,
            }
        );
        assert_eq!(parse_key("-").unwrap().code, KeyCode::Char('-'));
        assert_eq!(
            parse_key("Alt-b").unwrap(),
            Key {
                code: KeyCode::Char('b'),
                ctrl: false,
                alt: true
            }
        );
        for binding in BINDINGS {
            for key in binding.keys {
                assert_eq!(parse_key(&key.label()).as_ref(), Ok(key), "{}", key.label());
            }
        }
    }

    #[test]
    fn bad_keys_say_what_a_key_is() {
        for bad in ["", "ctrl-", "ctrl-xy", "Pgdn", "\u{1b}", "jj"] {
            let error = parse_key(bad).unwrap_err();
            assert!(error.contains("is not a key"), "{bad:?}: {error}");
        }
    }

    #[test]
    fn every_bound_action_has_a_name_that_reads_back() {
        assert_eq!(action_name(Action::NextArticle), "next_article");
        assert_eq!(action_name(Action::Quit), "quit");
        for binding in BINDINGS {
            let name = action_name(binding.action);
            assert_eq!(parse_action(&name), Some(binding.action), "{name}");
        }
        assert_eq!(parse_action("resize"), None, "not a key's action");
        assert_eq!(parse_action("NextArticle"), None);
    }

    #[test]
    fn sections_name_every_context() {
        for context in crate::keymap::HELP_ORDER {
            assert_eq!(parse_section(section_name(context)), Some(context));
        }
    }
}
