//! Whole-screen snapshots of the library: folders as headings, an order, the filter to what is
//! not finished, and the outline of an article, at 120x35 and at 60x20 (one pane at a time).

use std::collections::HashMap;

use folio::action::Action;
use folio::article::{Article, Format};
use folio::state::State;
use folio::ui::{self, Theme};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const SIZES: [(u16, u16); 2] = [(120, 35), (60, 20)];

/// A Markdown article with sections, so it has an outline.
fn article(path: &str, title: &str, date: Option<&str>) -> Article {
    let mut text = format!("# {title}\n\n");
    for section in ["Launch", "Orbit", "Return"] {
        text.push_str(&format!("## {section}\n\n"));
        for n in 0..6 {
            text.push_str(&format!(
                "Paragraph {n} of {section}: what happened there, told at some length so that \
                 the article runs over several screens.\n\n"
            ));
        }
    }
    let mut article = Article::from_text(path, title, Format::Markdown, &text);
    article.date = date.map(str::to_owned);
    article
}

/// Three newsgroups: two folders of files and an mbox's messages.
fn library(width: u16, height: u16) -> State {
    // In the order a walk of `news/` finds them.
    let articles = vec![
        article(
            "news/comp.lang.mbox#1",
            "Borrowing explained",
            Some("2023-03-03"),
        ),
        article(
            "news/comp.lang.mbox#2",
            "Re: Borrowing explained",
            Some("2023-03-04"),
        ),
        article("news/rec.arts/1.md", "Banjo tunings", Some("2021-05-06")),
        article("news/rec.arts/2.md", "Cello suites", Some("1999-01-01")),
        article(
            "news/sci.space/1.md",
            "Orbits of the outer planets",
            Some("2020-01-02"),
        ),
        article("news/sci.space/2.md", "Apollo remembered", None),
        article(
            "news/sci.space/3.md",
            "Why launch windows close",
            Some("2022-11-30"),
        ),
    ];
    State::new(
        articles,
        Rect::new(0, 0, width, height),
        HashMap::new(),
        None,
    )
}

fn screen(state: &State) -> String {
    let size = state.size;
    let mut terminal = Terminal::new(TestBackend::new(size.width, size.height)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, state, &Theme::color()))
        .unwrap();
    terminal.backend().to_string()
}

fn press(state: &mut State, actions: &[Action]) {
    for action in actions {
        state.update(*action);
    }
}

#[test]
fn the_list_grouped_by_folder_with_one_closed() {
    for (w, h) in SIZES {
        let mut s = library(w, h);
        // Read one article to the end, then close its folder.
        press(
            &mut s,
            &[
                Action::SelectNext,
                Action::OpenSelected,
                Action::Bottom,
                Action::FocusList,
            ],
        );
        press(&mut s, &[Action::SelectLast, Action::CloseFolder]);
        assert_snapshot!(format!("grouped_{w}x{h}"), screen(&s));
    }
}

#[test]
fn the_list_sorted_by_date_flat() {
    for (w, h) in SIZES {
        let mut s = library(w, h);
        press(&mut s, &[Action::ToggleGrouping, Action::NextSort]);
        assert_snapshot!(format!("sorted_by_date_{w}x{h}"), screen(&s));
    }
}

#[test]
fn the_unread_filter_hides_what_is_finished() {
    for (w, h) in SIZES {
        let mut s = library(w, h);
        // The reply read by hand, the banjo half read (the next row is rec.arts's heading).
        press(&mut s, &[Action::SelectNext, Action::ToggleRead]);
        press(&mut s, &[Action::SelectNext, Action::SelectNext]);
        press(
            &mut s,
            &[
                Action::OpenSelected,
                Action::HalfPageDown,
                Action::FocusList,
            ],
        );
        press(&mut s, &[Action::ToggleUnfinishedOnly]);
        assert_snapshot!(format!("unfinished_{w}x{h}"), screen(&s));
    }
}

#[test]
fn the_outline_marks_the_section_being_read() {
    for (w, h) in SIZES {
        let mut s = library(w, h);
        press(&mut s, &[Action::OpenSelected]);
        for _ in 0..30 {
            s.update(Action::ScrollDown);
        }
        press(&mut s, &[Action::ToggleOutline, Action::OutlineNext]);
        assert_snapshot!(format!("outline_{w}x{h}"), screen(&s));
    }
}

#[test]
fn the_outline_of_an_article_without_headings_says_so() {
    let plain = Article::from_text("a.txt", "a", Format::Text, "Only a paragraph.\n");
    let mut s = State::new(vec![plain], Rect::new(0, 0, 60, 20), HashMap::new(), None);
    press(&mut s, &[Action::OpenSelected, Action::ToggleOutline]);
    let shown = screen(&s);
    assert!(shown.contains("No headings in this article."), "{shown}");
}

#[test]
fn the_counter_counts_articles_not_folder_headings() {
    let mut s = library(120, 35);
    let counter = |s: &State| {
        let text = screen(s);
        let status = text.lines().last().unwrap_or_default().to_owned();
        status
            .split_whitespace()
            .nth(2)
            .unwrap_or_default()
            .to_owned()
    };
    // Row 0 is comp.lang.mbox's heading, rows 1 and 2 its messages (the selection starts on
    // the first), row 3 rec.arts's heading, row 4 its first article.
    assert_eq!(counter(&s), "1/7");
    press(&mut s, &[Action::SelectNext]);
    assert_eq!(counter(&s), "2/7");
    press(&mut s, &[Action::SelectNext]);
    assert_eq!(
        counter(&s),
        "3/7",
        "a heading counts as the article after it"
    );
    press(&mut s, &[Action::SelectNext]);
    assert_eq!(counter(&s), "3/7", "rec.arts's first article");
    press(&mut s, &[Action::OpenSelected]);
    assert_eq!(
        counter(&s),
        "3/7",
        "the reader counts in the list's order too"
    );
}
