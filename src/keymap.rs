//! The key table: which key does what, in which pane. Data, not code, so the same table drives the
//! event loop, the help overlay and the README's keys table.
//!
//! Keys left free on purpose, for search and bookmarks: / n N { } v m y B.

use std::sync::LazyLock;

use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

use crate::action::Action;

/// Where a binding applies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Whatever has focus (and no overlay is open).
    Anywhere,
    /// The document list has focus.
    List,
    /// The reader has focus.
    Reader,
    /// The help overlay is open.
    Help,
    /// A query is being typed in the status bar.
    Prompt,
    /// The bookmarks view is open.
    Bookmarks,
    /// The outline of the article is open.
    Outline,
}

impl Context {
    pub fn title(self) -> &'static str {
        match self {
            Context::Anywhere => "Anywhere",
            Context::List => "Document list",
            Context::Reader => "Reader",
            Context::Help => "Help",
            Context::Prompt => "Query or note line (any other key types itself)",
            Context::Bookmarks => "Bookmarks view",
            Context::Outline => "Outline",
        }
    }
}

/// A key as written in the table: a code plus Ctrl or not (Shift is part of the character).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    /// Alt (Meta): what terminals send as Esc then the key.
    pub alt: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn alt(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

impl Key {
    /// "j", "Ctrl-f", "PageDown", "Space".
    pub fn label(&self) -> String {
        let name = match self.code {
            KeyCode::Char(' ') => "Space".to_owned(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".to_owned(),
            KeyCode::Esc => "Esc".to_owned(),
            KeyCode::Tab => "Tab".to_owned(),
            KeyCode::Backspace => "Backspace".to_owned(),
            KeyCode::Up => "Up".to_owned(),
            KeyCode::Down => "Down".to_owned(),
            KeyCode::Left => "Left".to_owned(),
            KeyCode::Right => "Right".to_owned(),
            KeyCode::PageUp => "PageUp".to_owned(),
            KeyCode::PageDown => "PageDown".to_owned(),
            KeyCode::Home => "Home".to_owned(),
            KeyCode::End => "End".to_owned(),
            KeyCode::Delete => "Delete".to_owned(),
            other => format!("{other:?}"),
        };
        match (self.ctrl, self.alt) {
            (true, _) => format!("Ctrl-{name}"),
            (false, true) => format!("Alt-{name}"),
            (false, false) => name,
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub context: Context,
    pub keys: &'static [Key],
    pub action: Action,
    pub description: &'static str,
}

const fn bind(
    context: Context,
    keys: &'static [Key],
    action: Action,
    description: &'static str,
) -> Binding {
    Binding {
        context,
        keys,
        action,
        description,
    }
}

use Context::{Anywhere, Bookmarks, Help, List, Outline, Prompt, Reader};
use KeyCode::{
    Backspace, Delete, Down, End, Enter, Esc, Home, Left, PageDown, PageUp, Right, Tab, Up,
};

/// Every binding, in the order the help overlay lists them.
#[rustfmt::skip] // a table: one binding a line reads better than what rustfmt makes of it
pub const BINDINGS: &[Binding] = &[
    bind(List, &[ch('j'), code(Down), ctrl('e')], Action::SelectNext, "next article"),
    bind(List, &[ch('k'), code(Up), ctrl('y')], Action::SelectPrevious, "previous article"),
    bind(List, &[ch(' '), code(PageDown), ctrl('f'), ch('f')], Action::SelectPageDown, "page down"),
    bind(List, &[ch('d')], Action::SelectHalfPageDown, "half a page down"),
    bind(List, &[ch('u')], Action::SelectHalfPageUp, "half a page up"),
    bind(List, &[ch('b'), code(PageUp), ctrl('b')], Action::SelectPageUp, "page up"),
    bind(List, &[ch('g'), code(Home)], Action::SelectFirst, "first article"),
    bind(List, &[ch('G'), code(End)], Action::SelectLast, "last article"),
    bind(List, &[code(Enter), ch('l'), code(Right)], Action::OpenSelected, "open the article and read it, or a folder"),
    bind(List, &[ch('h'), code(Left)], Action::CloseFolder, "close the folder"),
    bind(List, &[ch('r')], Action::ToggleRead, "mark read, or unread when read"),
    bind(List, &[ch('U')], Action::ToggleUnfinishedOnly, "only unread and in progress (again: all)"),
    bind(List, &[ch('s')], Action::NextSort, "sort by path, date, title, recently read"),
    bind(List, &[ch('F')], Action::ToggleGrouping, "group by folder, or a flat list"),
    bind(List, &[code(Tab)], Action::SwitchFocus, "focus the reader"),
    bind(List, &[ch('/')], Action::StartSearch, "search every article (titles and text)"),
    bind(List, &[code(Esc)], Action::ClearFilter, "show every article again after a search"),
    bind(Reader, &[ch('j'), code(Down), ctrl('e')], Action::ScrollDown, "scroll one line down"),
    bind(Reader, &[ch('k'), code(Up), ctrl('y')], Action::ScrollUp, "scroll one line up"),
    bind(Reader, &[ch(' '), code(PageDown), ctrl('f'), ch('f')], Action::PageDown, "page down"),
    bind(Reader, &[ch('b'), code(PageUp), ctrl('b')], Action::PageUp, "page up"),
    bind(Reader, &[ctrl('d'), ch('d')], Action::HalfPageDown, "half a page down"),
    bind(Reader, &[ctrl('u'), ch('u')], Action::HalfPageUp, "half a page up"),
    bind(Reader, &[ch('g'), code(Home)], Action::Top, "top of the article"),
    bind(Reader, &[ch('G'), code(End)], Action::Bottom, "bottom of the article"),
    bind(Reader, &[ch('/')], Action::StartSearch, "search this article"),
    bind(Reader, &[ch('n')], Action::NextMatch, "next match"),
    bind(Reader, &[ch('N')], Action::PreviousMatch, "previous match"),
    bind(Reader, &[ch('}')], Action::NextPassage, "passage cursor to the next passage"),
    bind(Reader, &[ch('{')], Action::PreviousPassage, "passage cursor to the previous passage"),
    bind(Reader, &[ch('v')], Action::ToggleSelection, "select passages from the cursor (again: drop)"),
    bind(Reader, &[code(Esc)], Action::ClearSelection, "drop the selection"),
    bind(Reader, &[ch('m')], Action::Bookmark, "bookmark the passage with a note (again: edit)"),
    bind(Reader, &[ch('y')], Action::CopyPassage, "copy the passage to your clipboard (OSC 52)"),
    bind(Reader, &[ch('o')], Action::OpenLink, "open a link of the passage (several: ask which)"),
    bind(Reader, &[ch(']')], Action::NextArticle, "next article"),
    bind(Reader, &[ch('[')], Action::PreviousArticle, "previous article"),
    bind(Reader, &[ch('r')], Action::ToggleRaw, "the file as it is (again: the article)"),
    bind(Reader, &[ch('t')], Action::ToggleOutline, "the outline: the article's headings"),
    bind(Reader, &[ch('-')], Action::NarrowColumn, "narrower reading column"),
    bind(Reader, &[ch('+'), ch('=')], Action::WidenColumn, "wider reading column"),
    bind(Reader, &[ch('h'), code(Left)], Action::FocusList, "focus the list"),
    bind(Reader, &[code(Tab)], Action::SwitchFocus, "focus the list"),
    bind(Anywhere, &[ch('?')], Action::ToggleHelp, "show or hide this help"),
    bind(Anywhere, &[ch('q'), ctrl('c')], Action::Quit, "quit"),
    bind(Anywhere, &[ch('B')], Action::ToggleBookmarks, "the bookmarks view"),
    bind(Anywhere, &[ch('a')], Action::AddPage, "save a web page into the library"),
    bind(Anywhere, &[ctrl('z')], Action::Suspend, "suspend to the shell (fg returns)"),
    bind(Help, &[ch('j'), code(Down), ctrl('e')], Action::HelpDown, "scroll the help down"),
    bind(Help, &[ch('k'), code(Up), ctrl('y')], Action::HelpUp, "scroll the help up"),
    bind(Help, &[ch(' '), code(PageDown), ctrl('f'), ch('f')], Action::HelpPageDown, "page down"),
    bind(Help, &[ch('b'), code(PageUp), ctrl('b')], Action::HelpPageUp, "page up"),
    bind(Help, &[ch('g'), code(Home)], Action::HelpTop, "start of the help"),
    bind(Help, &[ch('G'), code(End)], Action::HelpBottom, "end of the help"),
    bind(Help, &[code(Esc), ch('?'), ch('q')], Action::ToggleHelp, "close the help"),
    bind(Help, &[ctrl('c')], Action::Quit, "quit"),
    bind(Prompt, &[code(Enter)], Action::PromptSubmit, "keep the query"),
    bind(Prompt, &[code(Esc), ctrl('c')], Action::PromptCancel, "cancel, back to where you were"),
    bind(Prompt, &[code(Left)], Action::PromptLeft, "cursor a character left"),
    bind(Prompt, &[code(Right)], Action::PromptRight, "cursor a character right"),
    bind(Prompt, &[alt('b')], Action::PromptWordLeft, "cursor a word left"),
    bind(Prompt, &[alt('f')], Action::PromptWordRight, "cursor a word right"),
    bind(Prompt, &[code(Home), ctrl('a')], Action::PromptHome, "cursor to the start"),
    bind(Prompt, &[code(End), ctrl('e')], Action::PromptEnd, "cursor to the end"),
    bind(Prompt, &[code(Backspace)], Action::PromptBackspace, "delete the character before the cursor"),
    bind(Prompt, &[code(Delete)], Action::PromptDelete, "delete the character under the cursor"),
    bind(Prompt, &[ctrl('w')], Action::PromptDeleteWord, "delete the word before the cursor"),
    bind(Prompt, &[ctrl('u')], Action::PromptClear, "delete everything before the cursor"),
    bind(Prompt, &[ctrl('d')], Action::PromptRemoveBookmark, "in a bookmark's note: remove the bookmark"),
    bind(Bookmarks, &[ch('j'), code(Down)], Action::BookmarkNext, "next bookmark"),
    bind(Bookmarks, &[ch('k'), code(Up)], Action::BookmarkPrevious, "previous bookmark"),
    bind(Bookmarks, &[code(Enter)], Action::JumpToBookmark, "go to the passage"),
    bind(Bookmarks, &[ch('e')], Action::EditBookmarkNote, "edit the note"),
    bind(Bookmarks, &[ch('d')], Action::DeleteBookmark, "delete the bookmark"),
    bind(Bookmarks, &[ch('u')], Action::UndoDelete, "undo the last delete"),
    bind(Bookmarks, &[ch('/')], Action::StartSearch, "show only bookmarks containing a text"),
    bind(Bookmarks, &[code(Esc), ch('B'), ch('q')], Action::ToggleBookmarks, "close the view"),
    bind(Bookmarks, &[ctrl('c')], Action::Quit, "quit"),
    bind(Outline, &[ch('j'), code(Down)], Action::OutlineNext, "next heading"),
    bind(Outline, &[ch('k'), code(Up)], Action::OutlinePrevious, "previous heading"),
    bind(Outline, &[code(Enter)], Action::JumpToHeading, "go to the heading"),
    bind(Outline, &[ch('/')], Action::StartSearch, "show only headings containing a text"),
    bind(Outline, &[code(Esc), ch('t'), ch('q')], Action::ToggleOutline, "close the outline"),
    bind(Outline, &[ctrl('c')], Action::Quit, "quit"),
];

/// The contexts in the order the help lists them.
pub const HELP_ORDER: [Context; 7] = [
    Context::List,
    Context::Reader,
    Context::Anywhere,
    Context::Prompt,
    Context::Bookmarks,
    Context::Outline,
    Context::Help,
];

/// The action for `event` in `context` with the default keys (see `Keymap::resolve`).
pub fn resolve(context: Context, event: &KeyEvent) -> Option<Action> {
    static DEFAULTS: LazyLock<Keymap> = LazyLock::new(Keymap::default);
    DEFAULTS.resolve(context, event)
}

/// The key table in force: `BINDINGS`, with the keys a person set in config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    rows: Vec<Row>,
}

/// One row of the table in force.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    pub context: Context,
    pub keys: Vec<Key>,
    pub action: Action,
    pub description: &'static str,
}

impl Default for Keymap {
    fn default() -> Keymap {
        let rows = BINDINGS
            .iter()
            .map(|b| Row {
                context: b.context,
                keys: b.keys.to_vec(),
                action: b.action,
                description: b.description,
            })
            .collect();
        Keymap { rows }
    }
}

/// Two actions that one key would trigger in the same place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Clash {
    pub context: Context,
    pub key: Key,
    pub first: Action,
    pub second: Action,
}

impl Keymap {
    pub fn rows(&self) -> &[Row] {
        &self.rows
    }

    /// How many lines the help has: a title per context, a line per row, a blank between.
    pub fn help_line_count(&self) -> usize {
        HELP_ORDER.len() * 2 - 1 + self.rows.len()
    }

    /// The action for `event` in `context` (falling back to `Anywhere` in the list and the
    /// reader). Key releases are ignored; Shift is folded into the character.
    pub fn resolve(&self, context: Context, event: &KeyEvent) -> Option<Action> {
        if event.kind == KeyEventKind::Release {
            return None;
        }
        let key = Key {
            code: event.code,
            ctrl: event.modifiers.contains(KeyModifiers::CONTROL),
            alt: event.modifiers.contains(KeyModifiers::ALT),
        };
        let lookup = |wanted: Context| {
            self.rows
                .iter()
                .find(|r| r.context == wanted && r.keys.contains(&key))
                .map(|r| r.action)
        };
        match context {
            Help | Bookmarks | Outline => lookup(context),
            // In the query line every printable key is text, `q` and `?` included.
            Prompt => lookup(Prompt).or(match key {
                Key {
                    code: KeyCode::Char(c),
                    ctrl: false,
                    alt: false,
                } => Some(Action::PromptChar(c)),
                _ => None,
            }),
            _ => lookup(context).or_else(|| lookup(Anywhere)),
        }
    }

    /// Gives `action` exactly `keys` in `context`, freeing the keys it had there. An action that
    /// works anywhere may also get keys of its own in the list or the reader. `Err` says why
    /// the action has no place there.
    pub fn rebind(
        &mut self,
        context: Context,
        action: Action,
        keys: Vec<Key>,
    ) -> Result<(), String> {
        if let Some(row) = self
            .rows
            .iter_mut()
            .find(|r| r.context == context && r.action == action)
        {
            row.keys = keys;
            return Ok(());
        }
        let global = self
            .rows
            .iter()
            .find(|r| r.context == Anywhere && r.action == action)
            .cloned();
        match global {
            Some(row) if matches!(context, List | Reader) => {
                self.rows.push(Row {
                    context,
                    keys,
                    ..row
                });
                Ok(())
            }
            _ => Err(format!(
                "it is not an action of {}",
                context.title().to_lowercase()
            )),
        }
    }

    /// The first key of `action` in `context`, or anywhere for the list and the reader: the key
    /// a hint names.
    pub fn first_key(&self, context: Context, action: Action) -> Option<Key> {
        let in_context = |wanted: Context| {
            self.rows
                .iter()
                .find(|r| r.context == wanted && r.action == action)
                .and_then(|r| r.keys.first().copied())
        };
        in_context(context).or_else(|| {
            matches!(context, List | Reader)
                .then(|| in_context(Anywhere))
                .flatten()
        })
    }

    /// Gives `action` exactly `keys` in every context that has it.
    pub fn rebind_everywhere(&mut self, action: Action, keys: &[Key]) {
        for row in self.rows.iter_mut().filter(|r| r.action == action) {
            row.keys = keys.to_vec();
        }
    }

    /// A key that means two actions in one place: twice in a context, or in the list or the
    /// reader and also, for another action, anywhere (where it would never be reached).
    pub fn clash(&self) -> Option<Clash> {
        for (i, row) in self.rows.iter().enumerate() {
            for other in &self.rows[i + 1..] {
                let overlaps = row.context == other.context
                    || matches!(
                        (row.context, other.context),
                        (Anywhere, List | Reader) | (List | Reader, Anywhere)
                    );
                if !overlaps || row.action == other.action {
                    continue;
                }
                if let Some(&key) = row.keys.iter().find(|k| other.keys.contains(k)) {
                    return Some(Clash {
                        context: if row.context == Anywhere {
                            other.context
                        } else {
                            row.context
                        },
                        key,
                        first: row.action,
                        second: other.action,
                    });
                }
            }
        }
        None
    }
}

/// The key table as Markdown rows, for the README (a test keeps the README in step).
pub fn markdown_table() -> String {
    let mut out = String::from("| where | keys | what | in config.toml |\n|---|---|---|---|\n");
    for binding in BINDINGS {
        let keys: Vec<String> = binding
            .keys
            .iter()
            .map(|k| format!("`{}`", k.label()))
            .collect();
        out.push_str(&format!(
            "| {} | {} | {} | `{}` |\n",
            binding.context.title(),
            keys.join(" "),
            binding.description,
            crate::config::names::action_name(binding.action)
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, modifiers: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, modifiers)
    }

    #[test]
    fn the_default_table_has_no_clash() {
        assert_eq!(Keymap::default().clash(), None);
    }

    #[test]
    fn rebinding_frees_the_old_keys_and_can_add_a_pane_of_its_own() {
        let mut keymap = Keymap::default();
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        keymap.rebind_everywhere(Action::Quit, &[ch('x')]);
        assert_eq!(keymap.resolve(Reader, &x), Some(Action::Quit));
        assert_eq!(keymap.resolve(Help, &x), Some(Action::Quit));
        assert_eq!(keymap.resolve(Reader, &q), None);
        let big_j = key(KeyCode::Char('J'), KeyModifiers::SHIFT);
        keymap
            .rebind(Reader, Action::NextArticle, vec![ch('J')])
            .unwrap();
        assert_eq!(keymap.resolve(Reader, &big_j), Some(Action::NextArticle));
        let big_t = key(KeyCode::Char('T'), KeyModifiers::SHIFT);
        keymap
            .rebind(List, Action::ToggleHelp, vec![ch('T')])
            .unwrap();
        assert_eq!(keymap.resolve(List, &big_t), Some(Action::ToggleHelp));
        assert_eq!(
            keymap.resolve(Reader, &big_t),
            None,
            "only where it was set"
        );
        assert!(
            keymap
                .rebind(Help, Action::NextArticle, vec![ch('n')])
                .is_err()
        );
    }

    #[test]
    fn a_key_for_two_actions_in_one_place_is_a_clash() {
        let mut keymap = Keymap::default();
        keymap
            .rebind(Reader, Action::NextArticle, vec![ch('j')])
            .unwrap();
        let clash = keymap.clash().unwrap();
        assert_eq!((clash.context, clash.key), (Reader, ch('j')));
        let mut keymap = Keymap::default();
        keymap.rebind_everywhere(Action::Quit, &[ch('k')]);
        assert!(
            keymap.clash().is_some(),
            "k scrolls the reader, so quit would never come"
        );
    }

    #[test]
    fn the_same_key_means_different_things_per_pane() {
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(resolve(List, &j), Some(Action::SelectNext));
        assert_eq!(resolve(Reader, &j), Some(Action::ScrollDown));
        assert_eq!(resolve(Help, &j), Some(Action::HelpDown));
    }

    #[test]
    fn global_keys_work_in_both_panes_but_not_through_help() {
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(resolve(List, &q), Some(Action::Quit));
        assert_eq!(resolve(Reader, &q), Some(Action::Quit));
        assert_eq!(resolve(Help, &q), Some(Action::ToggleHelp));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Help, &ctrl_c), Some(Action::Quit));
    }

    #[test]
    fn shift_is_part_of_the_character() {
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(resolve(Reader, &big_g), Some(Action::Bottom));
        let ctrl_f = key(KeyCode::Char('f'), KeyModifiers::CONTROL);
        assert_eq!(resolve(Reader, &ctrl_f), Some(Action::PageDown));
        let plain_x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(resolve(Reader, &plain_x), None);
    }

    #[test]
    fn the_query_line_takes_every_printable_key() {
        for c in ['q', '?', 'j', '/', ' ', 'é'] {
            let event = key(KeyCode::Char(c), KeyModifiers::NONE);
            assert_eq!(resolve(Prompt, &event), Some(Action::PromptChar(c)));
        }
        let escape = key(KeyCode::Esc, KeyModifiers::NONE);
        assert_eq!(resolve(Prompt, &escape), Some(Action::PromptCancel));
    }

    #[test]
    fn no_key_is_bound_twice_in_one_context() {
        for (i, a) in BINDINGS.iter().enumerate() {
            for b in &BINDINGS[i + 1..] {
                if a.context == b.context {
                    for k in a.keys {
                        assert!(!b.keys.contains(k), "{} bound twice", k.label());
                    }
                }
            }
        }
    }

    #[test]
    fn the_readme_keys_table_matches_the_key_table() {
        let readme = include_str!("../README.md");
        assert!(
            readme.contains(&markdown_table()),
            "README.md's keys table is out of date; it should read:\n{}",
            markdown_table()
        );
    }

    #[test]
    fn releases_are_ignored() {
        let mut release = key(KeyCode::Char('j'), KeyModifiers::NONE);
        release.kind = KeyEventKind::Release;
        assert_eq!(resolve(List, &release), None);
    }
}
