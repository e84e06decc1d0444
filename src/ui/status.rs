//! The status bar: mode, article n of N, position, then the query being typed, the message of the
//! moment, a page being added, the state of a search, or key hints.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

use super::{Theme, fit};
use crate::keymap::Context;
use crate::state::{Focus, Purpose, State};
use crate::wrap::cell_width;

pub fn render(frame: &mut Frame, area: Rect, state: &State, theme: &Theme) {
    let mode = match state.context() {
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
        Context::Anywhere => " ",
    };
    let position = match state.loading {
        Some(loading) => match loading.files {
            Some(files) => format!(" loading {}/{files} files ", loading.read),
            None => " finding files… ".to_owned(),
        },
        None => format!(
            " {}/{}  {:>3}% ",
            (state.open + 1).min(state.articles.len()),
            state.articles.len(),
            state.percent()
        ),
    };
    let width = usize::from(area.width);
    let room = width.saturating_sub(cell_width(mode) + cell_width(&position) + 1);
    let mut spans = vec![
        Span::styled(mode, theme.status_mode),
        Span::styled(position, theme.status),
    ];
    for (text, style) in detail(state, theme) {
        let used: usize = spans.iter().map(|s| cell_width(&s.content)).sum();
        let left = width.saturating_sub(used);
        if left == 0 {
            break;
        }
        spans.push(Span::styled(fit(&text, left.min(room)), style));
    }
    let used: usize = spans.iter().map(|s| cell_width(&s.content)).sum();
    spans.push(Span::styled(
        " ".repeat(width.saturating_sub(used)),
        theme.status,
    ));
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// What follows the position, most urgent first: the query line, a message, search results, hints.
fn detail(state: &State, theme: &Theme) -> Vec<(String, Style)> {
    if let Some(prompt) = &state.prompt {
        if prompt.purpose.is_note() {
            let hint = match prompt.purpose {
                Purpose::EditNote { .. } => {
                    "Enter saves · Ctrl-d removes the bookmark · Esc cancels"
                }
                _ => "Enter saves the bookmark · Esc cancels",
            };
            return vec![
                (format!(" note: {}▏", prompt.text), theme.status_prompt),
                (format!("  {hint}"), theme.status),
            ];
        }
        if let Purpose::AddPage = prompt.purpose {
            return vec![
                (format!(" address: {}▏", prompt.text), theme.status_prompt),
                (
                    "  Enter fetches and saves it · Esc cancels".to_owned(),
                    theme.status,
                ),
            ];
        }
        let mut parts = vec![(format!(" /{}▏", prompt.text), theme.status_prompt)];
        match &prompt.error {
            Some(error) => parts.push((format!(" {error}"), theme.status_message)),
            None => parts.push((
                format!("  {}", results(state, &prompt.purpose)),
                theme.status,
            )),
        }
        return parts;
    }
    if let Some(message) = &state.message {
        return vec![(format!(" {message}"), theme.status_message)];
    }
    if let Some(url) = &state.adding {
        return vec![(format!(" adding {url}… · Esc stops"), theme.status)];
    }
    match state.focus {
        Focus::List if state.filter.is_some() => vec![(
            format!(" {} · Esc shows all · ? help", list_results(state)),
            theme.status,
        )],
        Focus::Reader if state.find.is_some() => vec![(
            format!(" {} · n/N next/previous · ? help", find_results(state)),
            theme.status,
        )],
        _ => vec![(format!(" {}", hints(state.context())), theme.status)],
    }
}

fn results(state: &State, purpose: &Purpose) -> String {
    match purpose {
        Purpose::FindInArticle { .. } if state.find.is_some() => find_results(state),
        Purpose::FilterList { .. } if state.filter.is_some() => list_results(state),
        Purpose::FilterBookmarks { .. } => {
            format!(
                "{} bookmarks shown · Enter keeps · Esc cancels",
                state.listed_bookmarks().len()
            )
        }
        _ => "Enter keeps · Esc cancels".to_owned(),
    }
}

/// "match 3 of 17", "17 matches", "no match".
fn find_results(state: &State) -> String {
    let Some(find) = &state.find else {
        return String::new();
    };
    match (find.current, find.matches.len()) {
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

fn hints(context: Context) -> &'static str {
    match context {
        Context::List => "Enter open · / search · j/k move · Tab reader · ? help · q quit",
        Context::Reader => "Space page · / search · [ ] article · Tab list · ? help · q quit",
        Context::Bookmarks => "Enter go · e edit · d delete · u undo · / filter · Esc close",
        Context::Help | Context::Anywhere | Context::Prompt => "j/k scroll · Esc close",
    }
}
