//! The status bar: mode, where the list selection or the reader is, then the line being typed,
//! the message of the moment, a page being added, the state of a search, or key hints shortened
//! to fit (help and quit last to go). A message or error too long for the bar gets lines of its own above it
//! (`banner`), so nothing is cut.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};

use super::{Theme, fit};
use crate::action::Action;
use crate::keymap::Context;
use crate::state::{Focus, Prompt, Purpose, State};
use crate::wrap::cell_width;

/// Lines above the status bar a long message may always take; more, up to half the screen.
const BANNER_MIN_LINES: usize = 4;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let width = usize::from(area.width);
    let mode = mode(state);
    let mut position = position(state);
    // In a narrow bar the counter gives way to the line being typed.
    if state.prompt.is_some() && width < 60 {
        position = " ".to_owned();
    }
    let mut spans = vec![
        Span::styled(mode, theme.status_mode),
        Span::styled(position, theme.status),
    ];
    let used: usize = spans.iter().map(|s| cell_width(&s.content)).sum();
    let room = width.saturating_sub(used);
    if let Some(prompt) = &state.prompt {
        let (typed, cursor) = prompt_spans(state, prompt, room, theme);
        frame.set_cursor_position(Position::new(
            area.x + u16::try_from(used + cursor).unwrap_or(u16::MAX),
            area.y,
        ));
        spans.extend(typed);
    } else if let Some(message) = shown_message(state) {
        // Too long for the bar: the banner above shows it whole, the bar a pointer to it.
        let text = if cell_width(&message) + 1 > room {
            fit(" see above", room)
        } else {
            format!(" {message}")
        };
        spans.push(Span::styled(text, theme.status_message));
    } else {
        spans.push(Span::styled(
            fit(&idle_detail(state, room), room),
            theme.status,
        ));
    }
    let used: usize = spans.iter().map(|s| cell_width(&s.content)).sum();
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(used)),
        theme.status,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// A standing error and, when it does not fit in the bar, the message of the moment: wrapped on
/// lines of their own just above the status bar, over the bottom of the panes.
pub fn render_banner(frame: &mut Frame, status: Rect, state: &State, theme: &Theme) {
    let width = usize::from(status.width);
    let mut lines: Vec<Line> = Vec::new();
    if let Some(notice) = &state.notice {
        let text = format!("{notice} (Esc hides this)");
        lines.extend(wrapped(&text, width, theme.status_message));
    }
    if state.prompt.is_none()
        && let Some(message) = &state.message
    {
        let room = width.saturating_sub(cell_width(&mode(state)) + cell_width(&position(state)));
        if cell_width(message) + 1 > room {
            lines.extend(wrapped(message, width, theme.status_message));
        }
    }
    if lines.is_empty() {
        return;
    }
    let keep = BANNER_MIN_LINES
        .max(usize::from(status.y) / 2)
        .min(usize::from(status.y));
    if lines.len() > keep {
        lines.drain(..lines.len() - keep);
    }
    let height = u16::try_from(lines.len()).unwrap_or(0);
    let area = Rect {
        y: status.y - height,
        height,
        ..status
    };
    frame.render_widget(Clear, area);
    frame.render_widget(Paragraph::new(lines).style(theme.status_message), area);
}

fn wrapped(text: &str, width: usize, style: Style) -> Vec<Line<'static>> {
    let options = textwrap::Options::new(width.saturating_sub(2).max(1))
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit);
    textwrap::wrap(text, options)
        .into_iter()
        .map(|line| {
            let padded = format!(" {line}");
            let pad = width.saturating_sub(cell_width(&padded));
            Line::styled(format!("{padded}{}", " ".repeat(pad)), style)
        })
        .collect()
}

/// The message the status bar shows, if any (the standing error shows above it instead).
fn shown_message(state: &State) -> Option<String> {
    state.message.clone()
}

fn mode(state: &State) -> String {
    match state.context() {
        Context::List => " LIST ",
        Context::Reader => " READ ",
        Context::Help => " HELP ",
        Context::Prompt if state.prompt.as_ref().is_some_and(|p| p.purpose.is_note()) => " NOTE ",
        Context::Prompt
            if state
                .prompt
                .as_ref()
                .is_some_and(|p| matches!(p.purpose, Purpose::AddPage)) =>
        {
            " ADD "
        }
        Context::Prompt => " FIND ",
        Context::Bookmarks => " MARKS ",
        Context::Outline => " OUTLINE ",
        Context::Anywhere => " ",
    }
    .to_owned()
}

/// " 3/12   40% ": the selected row and how far it has been read while the list has focus, the
/// open article and the reader's place otherwise.
fn position(state: &State) -> String {
    if let Some(loading) = state.loading {
        return match loading.files {
            Some(1) => format!(" loading {}/1 file ", loading.read),
            Some(files) => format!(" loading {}/{files} files ", loading.read),
            // Loading goes on while the walk still finds files.
            None if loading.read == 1 => " loading 1 file… ".to_owned(),
            None if loading.read > 0 => format!(" loading {} files… ", loading.read),
            None => " finding files… ".to_owned(),
        };
    }
    if state.focus == Focus::List {
        let percent = state
            .article_at(state.selected)
            .and_then(|article| state.progress(article))
            .unwrap_or(0);
        let (at, listed) = state.listed_position(state.selected);
        return format!(" {at}/{listed}  {percent:>3}% ");
    }
    // The open article's place in the list as sorted and filtered, when it is listed.
    let (at, listed) = match state.row_of(state.open) {
        Some(row) => state.listed_position(row),
        None => (
            (state.open + 1).min(state.articles.len()),
            state.articles.len(),
        ),
    };
    format!(" {at}/{listed}  {:>3}% ", state.percent())
}

/// The line being typed, in `room` cells: its label, the text around the cursor (the cursor's
/// cell drawn reversed), then what the line does if there is room for it. Returns the spans and
/// the cursor's cell within them.
fn prompt_spans(
    state: &State,
    prompt: &Prompt,
    room: usize,
    theme: &Theme,
) -> (Vec<Span<'static>>, usize) {
    let label = match &prompt.purpose {
        _ if prompt.purpose.is_note() => " note: ".to_owned(),
        Purpose::AddPage => " address: ".to_owned(),
        Purpose::ChooseLink { links } => format!(" link 1-{}: ", links.len()),
        _ => " /".to_owned(),
    };
    let after = match (&prompt.error, &prompt.purpose) {
        (Some(error), _) => format!("  {error}"),
        (None, Purpose::EditNote { .. }) if prompt.confirm_remove => {
            "Ctrl-d again removes the bookmark · any other key keeps it".to_owned()
        }
        (None, Purpose::EditNote { .. }) => {
            "  Enter saves · Ctrl-d removes the bookmark · Esc cancels".to_owned()
        }
        (None, Purpose::NewNote { .. }) => "  Enter saves the bookmark · Esc cancels".to_owned(),
        (None, Purpose::AddPage) => "  Enter fetches and saves it · Esc cancels".to_owned(),
        (None, Purpose::ChooseLink { .. }) => "  Enter opens it · Esc cancels".to_owned(),
        (None, purpose) => format!("  {}", results(state, purpose)),
    };
    // A pending removal must be seen, whatever the width: it takes the text's place.
    if prompt.confirm_remove {
        let ask = fit(&after, room.saturating_sub(cell_width(&label)));
        let spans = vec![
            Span::styled(label.clone(), theme.status_prompt),
            Span::styled(ask, theme.status_message),
        ];
        return (spans, cell_width(&label));
    }
    let typed = cell_width(prompt.line.text()) + 1;
    let for_text = room.saturating_sub(cell_width(&label));
    // What the line does shows beside the text while both fit; the text comes first.
    let show_after = cell_width(&label) + typed + cell_width(&after) <= room;
    let view = prompt.line.view(for_text);
    let mut spans = vec![Span::styled(label.clone(), theme.status_prompt)];
    let mut cursor = cell_width(&label);
    if view.more_left {
        spans.push(Span::styled("…", theme.status));
        cursor += 1;
    }
    cursor += cell_width(&view.before);
    spans.push(Span::styled(view.before, theme.status_prompt));
    spans.push(Span::styled(
        view.at,
        theme.status_prompt.add_modifier(Modifier::REVERSED),
    ));
    spans.push(Span::styled(view.after, theme.status_prompt));
    if view.more_right {
        spans.push(Span::styled("…", theme.status));
    }
    if show_after {
        let style = if prompt.error.is_some() {
            theme.status_message
        } else {
            theme.status
        };
        spans.push(Span::styled(after, style));
    }
    (spans, cursor)
}

/// What the bar says when nothing is typed and no message stands: the selection, the state of a
/// search, or key hints.
fn idle_detail(state: &State, room: usize) -> String {
    let context = state.context();
    if let Some(url) = &state.adding {
        // Esc stops it where it has nothing nearer to clear: the key that clears there.
        let stop: &'static [Action] = match state.focus {
            Focus::List => &[Action::ClearFilter],
            Focus::Reader => &[Action::ClearSelection],
        };
        return hints(
            state,
            &format!("adding {url}…"),
            &[(stop, "stops", 1)],
            room,
        );
    }
    if context == Context::Reader
        && let Some(anchor) = state.selection
    {
        let count = anchor.abs_diff(state.cursor) + 1;
        let what = if count == 1 { "passage" } else { "passages" };
        let head = format!("{count} {what} selected");
        return hints(
            state,
            &head,
            &[
                (&[Action::Bookmark], "bookmark", 3),
                (&[Action::CopyPassage], "copy", 3),
                (&[Action::ClearSelection], "drop", 2),
                (&[Action::ToggleHelp], "help", 1),
            ],
            room,
        );
    }
    match state.focus {
        Focus::List if context == Context::List && state.filter.is_some() => hints(
            state,
            &list_results(state),
            &[
                (&[Action::OpenSelected], "open", 3),
                (&[Action::ClearFilter], "shows all", 2),
                (&[Action::ToggleHelp], "help", 1),
            ],
            room,
        ),
        Focus::Reader if context == Context::Reader && state.find.is_some() => hints(
            state,
            &find_results(state),
            &[
                (
                    &[Action::NextMatch, Action::PreviousMatch],
                    "next/previous",
                    1,
                ),
                (&[Action::ToggleHelp], "help", 1),
            ],
            room,
        ),
        _ => hints(state, "", key_hints(context), room),
    }
}

/// A key hint: the actions whose keys it shows, what they do, and how much it is needed (1 most).
type Hint = (&'static [Action], &'static str, u8);

/// "j/k move": the first key of each action in the keys in force (config.toml's included), then
/// what they do; `None` when an action has no key there, so no hint names a key that does nothing.
fn hint_text(state: &State, (actions, what, _): &Hint) -> Option<String> {
    let context = state.context();
    let keys: Option<Vec<String>> = actions
        .iter()
        .map(|&action| state.keymap.first_key(context, action).map(|k| k.label()))
        .collect();
    keys.map(|keys| format!("{} {what}", keys.join("/")))
}

/// `head` then as many of `hints` as fit in `room`, in the keys in force.
fn hints(state: &State, head: &str, hints: &[Hint], room: usize) -> String {
    let texts: Vec<(String, u8)> = hints
        .iter()
        .filter_map(|hint| hint_text(state, hint).map(|text| (text, hint.2)))
        .collect();
    fit_hints(head, texts, room)
}

/// `head` then as many hints as fit in `room`, dropping the least needed first (the highest
/// number); hints keep their order.
fn fit_hints(head: &str, mut kept: Vec<(String, u8)>, room: usize) -> String {
    loop {
        let mut parts: Vec<&str> = Vec::new();
        if !head.is_empty() {
            parts.push(head);
        }
        parts.extend(kept.iter().map(|(text, _)| text.as_str()));
        let line = format!(" {}", parts.join(" · "));
        if cell_width(&line) <= room || kept.is_empty() {
            return line;
        }
        let least = kept
            .iter()
            .enumerate()
            .max_by_key(|(i, (_, priority))| (*priority, *i))
            .map(|(i, _)| i)
            .unwrap_or(0);
        kept.remove(least);
    }
}

/// The key hints of each context, with how much each is needed (1 most).
fn key_hints(context: Context) -> &'static [Hint] {
    match context {
        Context::List => &[
            (&[Action::OpenSelected], "open", 2),
            (&[Action::StartSearch], "search", 3),
            (&[Action::SelectNext, Action::SelectPrevious], "move", 4),
            (&[Action::SwitchFocus], "reader", 5),
            (&[Action::ToggleHelp], "help", 1),
            (&[Action::Quit], "quit", 1),
        ],
        Context::Reader => &[
            (&[Action::PageDown], "page", 2),
            (&[Action::StartSearch], "search", 3),
            (
                &[Action::PreviousArticle, Action::NextArticle],
                "article",
                5,
            ),
            (&[Action::SwitchFocus], "list", 4),
            (&[Action::ToggleHelp], "help", 1),
            (&[Action::Quit], "quit", 1),
        ],
        Context::Bookmarks => &[
            (&[Action::JumpToBookmark], "go", 2),
            (&[Action::EditBookmarkNote], "edit", 3),
            (&[Action::DeleteBookmark], "delete", 3),
            (&[Action::UndoDelete], "undo", 3),
            (&[Action::StartSearch], "filter", 4),
            (&[Action::ToggleBookmarks], "close", 1),
        ],
        Context::Outline => &[
            (&[Action::JumpToHeading], "go", 2),
            (&[Action::OutlineNext, Action::OutlinePrevious], "move", 3),
            (&[Action::StartSearch], "filter", 4),
            (&[Action::ToggleOutline], "close", 1),
        ],
        Context::Help | Context::Anywhere | Context::Prompt => &[
            (&[Action::HelpPageDown], "page", 2),
            (&[Action::HelpDown, Action::HelpUp], "scroll", 3),
            (&[Action::ToggleHelp], "close", 1),
        ],
    }
}

fn results(state: &State, purpose: &Purpose) -> String {
    match purpose {
        Purpose::FindInArticle { .. } if state.find.is_some() => find_results(state),
        Purpose::FilterList { .. } if state.filter.is_some() => list_results(state),
        Purpose::FilterOutline { .. } => {
            let shown = match state.listed_headings().len() {
                0 => "no heading shown".to_owned(),
                1 => "1 heading shown".to_owned(),
                n => format!("{n} headings shown"),
            };
            format!("{shown} · Enter keeps · Esc cancels")
        }
        Purpose::FilterBookmarks { .. } => {
            let shown = match state.listed_bookmarks().len() {
                0 => "no bookmark shown".to_owned(),
                1 => "1 bookmark shown".to_owned(),
                n => format!("{n} bookmarks shown"),
            };
            format!("{shown} · Enter keeps · Esc cancels")
        }
        _ => "Enter keeps · Esc cancels".to_owned(),
    }
}

/// "match 3 of 17", "17 matches", "no match"; while a large article is still being counted,
/// "match 3 of 17+ · searching 40%" (the number once every match before it is found).
fn find_results(state: &State) -> String {
    let Some(find) = &state.find else {
        return String::new();
    };
    if !find.is_done() {
        let found = match (find.current_number(), find.len()) {
            (_, 0) => "no match yet".to_owned(),
            (Some(current), total) => format!("match {} of {total}+", current + 1),
            (None, total) => format!("{total}+ matches"),
        };
        return format!("{found} · searching {}%", find.percent_done());
    }
    match (find.current_number(), find.len()) {
        (_, 0) => "no match".to_owned(),
        (Some(current), total) => format!("match {} of {total}", current + 1),
        (None, 1) => "1 match".to_owned(),
        (None, total) => format!("{total} matches"),
    }
}

/// "12 articles match", with the progress of a search still under way.
fn list_results(state: &State) -> String {
    let Some(filter) = &state.filter else {
        return String::new();
    };
    let found = match filter.hits.len() {
        0 => "no article matches".to_owned(),
        1 => "1 article matches".to_owned(),
        n => format!("{n} articles match"),
    };
    if filter.is_done() {
        found
    } else {
        let scanned = filter.search.articles_scanned() * 100 / state.articles.len().max(1);
        format!("{found} · searching {scanned}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::Keymap;
    use ratatui::layout::Rect;
    use std::collections::HashMap;

    #[test]
    fn hints_drop_the_least_needed_first_and_keep_help_and_quit() {
        let all = || {
            [
                ("Enter open", 2),
                ("/ search", 3),
                ("? help", 1),
                ("q quit", 1),
            ]
            .map(|(text, priority)| (text.to_owned(), priority))
            .to_vec()
        };
        assert_eq!(
            fit_hints("", all(), 80),
            " Enter open · / search · ? help · q quit"
        );
        assert_eq!(fit_hints("", all(), 30), " Enter open · ? help · q quit");
        assert_eq!(fit_hints("", all(), 16), " ? help · q quit");
        assert_eq!(
            fit_hints("2 matches", all(), 30),
            " 2 matches · ? help · q quit"
        );
    }

    #[test]
    fn hints_name_the_keys_in_force() {
        let mut state = State::new(Vec::new(), Rect::new(0, 0, 100, 30), HashMap::new(), None);
        assert_eq!(
            hints(&state, "", key_hints(Context::List), 100),
            " Enter open · / search · j/k move · Tab reader · ? help · q quit"
        );
        let mut keymap = Keymap::default();
        keymap.rebind_everywhere(
            Action::Quit,
            &[crate::config::names::parse_key("x").unwrap()],
        );
        keymap
            .rebind(Context::List, Action::StartSearch, Vec::new())
            .unwrap();
        state.keymap = keymap;
        assert_eq!(
            hints(&state, "", key_hints(Context::List), 100),
            " Enter open · j/k move · Tab reader · ? help · x quit",
            "a search with no key has no hint"
        );
    }
}
