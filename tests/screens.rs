//! Whole-screen snapshots: the real `State`, driven by the actions a person's keys produce, drawn
//! into ratatui's TestBackend at the sizes people use, from a wide terminal down to a tiny one.

mod common;

use std::collections::HashMap;

use folio::action::Action;
use folio::article::{Article, Format};
use folio::corpus;
use folio::keymap::{self, Context};
use folio::state::{Position, State};
use folio::ui::{self, Theme};
use insta::assert_snapshot;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;

fn state(width: u16, height: u16) -> State {
    State::new(
        corpus::bundled().articles,
        Rect::new(0, 0, width, height),
        HashMap::new(),
        None,
    )
}

/// Draws `state` as it stands and returns the screen.
fn draw(state: &State, theme: &Theme) -> Terminal<TestBackend> {
    let mut terminal =
        Terminal::new(TestBackend::new(state.size.width, state.size.height)).unwrap();
    terminal
        .draw(|frame| ui::render(frame, state, theme))
        .unwrap();
    terminal
}

fn screen(state: &State) -> String {
    draw(state, &Theme::color()).backend().to_string()
}

fn press(state: &mut State, actions: &[Action]) {
    for action in actions {
        state.update(*action);
    }
}

#[test]
fn list_of_the_bundled_articles_at_120x40() {
    assert_snapshot!(screen(&state(120, 40)));
}

#[test]
fn an_open_article_scrolled_at_80x24() {
    let mut s = state(80, 24);
    press(
        &mut s,
        &[
            Action::SelectNext,
            Action::OpenSelected,
            Action::PageDown,
            Action::ScrollDown,
        ],
    );
    assert_snapshot!(screen(&s));
}

#[test]
fn a_long_article_listed_before_its_text_says_the_text_is_coming_at_80x24() {
    let mut articles = corpus::bundled().articles;
    let blocks = std::mem::take(&mut articles[0].blocks);
    let first_paragraph = blocks[0].text.clone();
    let mut s = State::new(Vec::new(), Rect::new(0, 0, 80, 24), HashMap::new(), None);
    s.start_loading();
    s.add_articles(articles, 1, &[0]);
    assert_snapshot!(screen(&s));
    s.fill_blocks(0, vec![blocks]);
    let shown = screen(&s);
    assert!(!shown.contains("Reading the text"), "{shown}");
    let words: Vec<&str> = first_paragraph.split_whitespace().take(3).collect();
    assert!(shown.contains(&words.join(" ")), "{shown}");
}

#[test]
fn one_pane_at_60x20_switches_with_tab() {
    let mut s = state(60, 20);
    assert_snapshot!("60x20_list", screen(&s));
    press(&mut s, &[Action::SwitchFocus]);
    assert_snapshot!("60x20_reader", screen(&s));
}

#[test]
fn too_small_at_20x6() {
    assert_snapshot!(screen(&state(20, 6)));
}

#[test]
fn help_overlay_at_80x24() {
    let mut s = state(80, 24);
    press(&mut s, &[Action::ToggleHelp]);
    assert_snapshot!(screen(&s));
}

#[test]
fn the_help_lists_every_binding_when_scrolled_through() {
    let mut s = state(100, 30);
    s.update(Action::ToggleHelp);
    assert_eq!(s.context(), Context::Help);
    let mut seen = String::new();
    for _ in 0..keymap::BINDINGS.len() {
        seen.push_str(&screen(&s));
        s.update(Action::HelpDown);
    }
    for binding in keymap::BINDINGS {
        assert!(
            seen.contains(binding.description),
            "{}",
            binding.description
        );
    }
}

#[test]
fn resize_reflows_and_keeps_the_passage_on_top() {
    let mut s = state(120, 40);
    press(&mut s, &[Action::SelectNext, Action::OpenSelected]);
    for _ in 0..30 {
        s.update(Action::ScrollDown);
    }
    assert_snapshot!("resize_before_120x40", screen(&s));
    s.update(Action::Resize {
        width: 80,
        height: 24,
    });
    assert_snapshot!("resize_after_80x24", screen(&s));
}

#[test]
fn a_wide_terminal_keeps_a_centred_reading_column() {
    let mut s = state(200, 30);
    press(&mut s, &[Action::OpenSelected]);
    let terminal = draw(&s, &Theme::color());
    let buffer = terminal.backend().buffer();
    let reader_row: String = (0..200)
        .map(|x| buffer[(x, 3)].symbol().to_owned())
        .collect();
    let text = reader_row.trim_end_matches(['│', '┃', ' ']);
    let start = text.find("A rising").expect("first paragraph on row 3");
    assert!(
        start > 60,
        "the column is centred, not flush left: {reader_row}"
    );
    assert!(
        text.len() - start <= 80 + 4,
        "the column is at most 80 cells"
    );
}

/// Every cell of the buffer, for style checks.
fn cells(buffer: &Buffer) -> impl Iterator<Item = &ratatui::buffer::Cell> {
    buffer.content.iter()
}

#[test]
fn no_color_draws_no_colour_but_shows_focus_and_selection() {
    let mut s = state(100, 30);
    let terminal = draw(&s, &Theme::monochrome());
    let buffer = terminal.backend().buffer();
    assert!(
        cells(buffer)
            .all(|c| c.fg == ratatui::style::Color::Reset && c.bg == ratatui::style::Color::Reset),
        "a cell has a colour under NO_COLOR"
    );
    // The selected row is reversed; the focused pane's border is drawn double and bold.
    assert!(buffer[(3, 1)].modifier.contains(Modifier::REVERSED));
    assert_eq!(buffer[(0, 0)].symbol(), "╔");
    assert!(buffer[(0, 0)].modifier.contains(Modifier::BOLD));
    press(&mut s, &[Action::SwitchFocus]);
    let terminal = draw(&s, &Theme::monochrome());
    let buffer = terminal.backend().buffer();
    assert_eq!(buffer[(0, 0)].symbol(), "┌", "the list lost focus");
    assert!(!buffer[(3, 1)].modifier.contains(Modifier::REVERSED));
    assert!(buffer[(3, 1)].modifier.contains(Modifier::UNDERLINED));
    assert_snapshot!("no_color_reader_focused", terminal.backend().to_string());
}

#[test]
fn no_size_panics_when_drawing() {
    for (w, h) in [
        (1, 1),
        (2, 2),
        (10, 3),
        (29, 8),
        (30, 7),
        (30, 8),
        (69, 24),
        (70, 24),
    ] {
        let mut s = state(w, h);
        screen(&s);
        press(&mut s, &[Action::ToggleHelp]);
        screen(&s);
        press(
            &mut s,
            &[Action::ToggleHelp, Action::OpenSelected, Action::Bottom],
        );
        screen(&s);
    }
}

/// The text drawn in `colour` (as background), row by row: what a search highlights.
fn highlighted_rows(buffer: &Buffer, colour: ratatui::style::Color) -> Vec<String> {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            (0..area.width)
                .filter(|&x| buffer[(x, y)].bg == colour)
                .map(|x| buffer[(x, y)].symbol().to_owned())
                .collect::<String>()
        })
        .filter(|row| !row.is_empty())
        .collect()
}

#[test]
fn a_phrase_across_a_line_break_is_highlighted_on_both_lines_before_and_after_a_resize() {
    let text = "Wrapping Test\n\nThe deal covered a great many things, including military and civil \
                aircraft and agricultural products, and it went on for a while after that.";
    let article =
        folio::article::Article::from_text("t.txt", "t", folio::article::Format::Text, text);
    let mut s = State::new(vec![article], Rect::new(0, 0, 80, 24), HashMap::new(), None);
    press(&mut s, &[Action::SwitchFocus, Action::StartSearch]);
    for c in "military and civil aircraft".chars() {
        s.update(Action::PromptChar(c));
    }
    s.update(Action::PromptSubmit);
    let current = Theme::color().found_current.bg.unwrap();
    for (width, height) in [(80, 24), (64, 20), (50, 16), (120, 30)] {
        s.update(Action::Resize { width, height });
        let terminal = draw(&s, &Theme::color());
        let rows = highlighted_rows(terminal.backend().buffer(), current);
        assert_eq!(
            rows.concat().replace(' ', ""),
            "militaryandcivilaircraft",
            "at {width}x{height}: {rows:?}"
        );
        if width == 64 {
            assert_eq!(
                rows.len(),
                2,
                "the phrase straddles a wrap at 64 columns: {rows:?}"
            );
            assert_snapshot!("match_across_a_wrap_64x20", terminal.backend().to_string());
        }
    }
}

#[test]
fn the_list_narrowed_by_a_search_at_80x24() {
    let mut s = state(80, 24);
    s.update(Action::StartSearch);
    for c in "korea".chars() {
        s.update(Action::PromptChar(c));
    }
    while s.search_pending() {
        s.update(Action::SearchStep);
    }
    assert_snapshot!(screen(&s));
}

#[test]
fn inline_marks_are_drawn_with_their_styles() {
    let text =
        "# Marks\n\nSome *emphasis*, **strong**, `code` and a [link](https://example.com).\n";
    let article =
        folio::article::Article::from_text("m.md", "m", folio::article::Format::Markdown, text);
    let mut s = State::new(
        vec![article],
        Rect::new(0, 0, 100, 20),
        HashMap::new(),
        None,
    );
    s.update(Action::SwitchFocus);
    let terminal = draw(&s, &Theme::monochrome());
    let buffer = terminal.backend().buffer();
    let styled = |word: &str| {
        (0..20)
            .find_map(|y| {
                let row: String = (0..100)
                    .map(|x| buffer[(x, y)].symbol().to_owned())
                    .collect();
                let column = row.find(word)?;
                let x = u16::try_from(row[..column].chars().count()).unwrap();
                Some(buffer[(x, y)].modifier)
            })
            .unwrap_or_else(|| panic!("{word} not on screen"))
    };
    assert!(styled("emphasis").contains(Modifier::ITALIC));
    assert!(styled("strong").contains(Modifier::BOLD));
    assert!(styled("link").contains(Modifier::UNDERLINED));
    assert!(!styled("Some").intersects(Modifier::ITALIC | Modifier::BOLD));
}

#[test]
fn the_selected_row_is_drawn_in_the_selection_colours_throughout() {
    let mut s = state(100, 30);
    // A title that fits, so the selected row keeps its byline.
    s.articles[1].title = "North Korea".to_owned();
    s.update(Action::SelectNext);
    let theme = Theme::color();
    let terminal = draw(&s, &theme);
    let buffer = terminal.backend().buffer();
    // The second article's rows are 3 and 4; its byline sits on row 4.
    let byline: String = (3..27)
        .map(|x| buffer[(x, 4)].symbol().to_owned())
        .collect();
    assert!(byline.starts_with("Anna Kireeva"), "{byline:?}");
    for x in 1..29 {
        for y in [3, 4] {
            let cell = &buffer[(x, y)];
            assert_eq!(
                (cell.fg, cell.bg),
                (theme.selected.fg.unwrap(), theme.selected.bg.unwrap()),
                "cell {x},{y} {:?}",
                cell.symbol()
            );
        }
    }
}

#[test]
fn adding_a_page_shows_its_line_then_its_progress_at_80x24() {
    let mut s = state(80, 24);
    s.update(Action::AddPage);
    for c in "https://example.com/night-trains".chars() {
        s.update(Action::PromptChar(c));
    }
    assert_snapshot!("add_page_line_80x24", screen(&s));
    s.update(Action::PromptSubmit);
    assert_snapshot!("add_page_fetching_80x24", screen(&s));
}

#[test]
fn the_help_at_50x20_says_more_follows_and_cuts_with_an_ellipsis() {
    let mut s = state(50, 20);
    s.update(Action::ToggleHelp);
    let top = screen(&s);
    assert!(top.contains("Space more"), "{top}");
    assert!(
        top.contains('…'),
        "a cut description ends in an ellipsis: {top}"
    );
    assert_snapshot!("help_50x20_top", top);
    s.update(Action::HelpBottom);
    let end = screen(&s);
    assert!(end.contains("· end"), "{end}");
    assert!(end.contains("close the help"), "{end}");
    assert_snapshot!("help_50x20_end", end);
}

/// The bottom row of the screen: the status bar.
fn status_row(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_owned()
}

/// The second article open in the reader.
fn reading(width: u16, height: u16) -> State {
    let mut s = state(width, height);
    press(&mut s, &[Action::SelectNext, Action::OpenSelected]);
    s
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        s.update(Action::PromptChar(c));
    }
}

#[test]
fn a_long_note_scrolls_to_keep_the_cursor_in_view_at_80x24_and_50x20() {
    let note = "This is a long note that goes well beyond the width of the status bar, ending HERE";
    let mut s = reading(80, 24);
    s.update(Action::Bookmark);
    type_text(&mut s, note);
    let end = status_row(&screen(&s));
    assert!(
        end.contains("ending HERE"),
        "the end being typed shows: {end}"
    );
    assert!(end.contains('…'), "the cut start is marked: {end}");
    s.update(Action::PromptHome);
    let start = status_row(&screen(&s));
    assert!(start.contains("note: This is a long"), "{start}");
    // Left, then a character: typed at the cursor, not at the end.
    s.update(Action::PromptEnd);
    for _ in 0.."HERE".len() {
        s.update(Action::PromptLeft);
    }
    s.update(Action::PromptChar('>'));
    let typed = status_row(&screen(&s));
    assert!(typed.contains("ending >HERE"), "{typed}");
    s.update(Action::PromptSubmit);

    let mut narrow = reading(50, 20);
    narrow.update(Action::Bookmark);
    type_text(&mut narrow, note);
    let at_50 = status_row(&screen(&narrow));
    assert!(at_50.contains("HERE"), "{at_50}");
    assert_snapshot!("long_note_50x20", screen(&narrow));
}

#[test]
fn at_50_columns_the_status_bar_keeps_help_and_quit() {
    let mut s = state(50, 20);
    let list = status_row(&screen(&s));
    assert!(list.contains("? help") && list.contains("q quit"), "{list}");
    s.update(Action::SwitchFocus);
    let reader = status_row(&screen(&s));
    assert!(
        reader.contains("? help") && reader.contains("q quit"),
        "{reader}"
    );
    assert!(
        !reader.contains('…'),
        "hints are dropped whole, not cut: {reader}"
    );
}

#[test]
fn a_long_error_gets_lines_of_its_own_and_stays_until_esc() {
    let mut s = state(50, 20);
    let error = "/home/me/.config/folio/bookmarks.json does not have the expected contents: it is not \
                 valid JSON at line 3; bookmarks are not saved until it is fixed";
    s.notice = Some(error.to_owned());
    let shown = screen(&s);
    let words: String = shown.split_whitespace().collect::<Vec<_>>().join(" ");
    for word in ["expected", "contents:", "fixed", "Esc"] {
        assert!(words.contains(word), "{word} missing: {shown}");
    }
    assert_snapshot!("long_error_50x20", shown);
    s.update(Action::SelectNext);
    assert!(screen(&s).contains("fixed"), "a key does not hide it");
    s.update(Action::ClearFilter);
    assert!(!screen(&s).contains("fixed"), "Esc does");
}

#[test]
fn a_selection_of_passages_is_highlighted_and_counted() {
    let mut s = reading(100, 30);
    press(
        &mut s,
        &[
            Action::ToggleSelection,
            Action::NextPassage,
            Action::NextPassage,
        ],
    );
    let theme = Theme::color();
    let terminal = draw(&s, &theme);
    let selection = theme.selection.bg.unwrap();
    let rows = highlighted_rows(terminal.backend().buffer(), selection);
    assert!(
        rows.len() >= 3,
        "the selected passages are drawn selected: {rows:?}"
    );
    let text = terminal.backend().to_string();
    assert!(status_row(&text).contains("3 passages selected"), "{text}");
    assert_snapshot!("selection_100x30", text);
}

/// A bookmark as the store would hold it, on passage `block` of `article`.
fn saved_bookmark(
    article: &folio::article::Article,
    block: usize,
    note: &str,
) -> folio::bookmarks::Bookmark {
    let new = folio::bookmarks::NewBookmark::from_selection(
        article,
        folio::bookmarks::Selection::blocks(block, block),
        note,
    )
    .unwrap();
    folio::bookmarks::Bookmark {
        id: "id-1".into(),
        article: new.article,
        passage: new.passage,
        note: new.note,
        created: folio::timestamp::Timestamp(1),
        updated: folio::timestamp::Timestamp(1),
        extra: Default::default(),
    }
}

#[test]
fn the_bookmarks_filter_counts_in_the_singular() {
    let mut s = state(100, 30);
    let bookmark = saved_bookmark(&s.articles[1], 2, "a note");
    s.set_bookmarks(vec![bookmark]);
    press(&mut s, &[Action::ToggleBookmarks, Action::StartSearch]);
    type_text(&mut s, "note");
    let status = status_row(&screen(&s));
    assert!(status.contains("1 bookmark shown"), "{status}");
}

#[test]
fn in_the_list_the_counter_and_the_reader_follow_the_selection() {
    let mut s = state(100, 30);
    s.update(Action::SelectLast);
    let shown = screen(&s);
    assert!(status_row(&shown).contains(" LIST  2/2 "), "{shown}");
    let reader_top = shown.lines().nth(1).unwrap_or_default();
    assert!(
        reader_top.contains("North Korea coming in from the cold"),
        "{shown}"
    );
    s.update(Action::SwitchFocus);
    assert!(status_row(&screen(&s)).contains(" READ  2/2 "));
}

#[test]
fn a_long_title_goes_on_to_a_second_row_in_a_36_column_list() {
    let mut s = state(120, 35);
    s.update(Action::SelectNext);
    let shown = screen(&s);
    let list: String = shown
        .lines()
        .map(|line| line.chars().skip(1).take(36).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n");
    // The first has no byline: its title takes both rows. The second is selected: whole too.
    assert!(list.contains("concessions to DPRK"), "{list}");
    assert!(list.contains("Japan's fears?"), "{list}");
    assert_snapshot!("long_titles_120x35", shown);
}

#[test]
fn a_search_in_the_article_finds_its_title_first() {
    let mut s = reading(100, 30);
    s.update(Action::StartSearch);
    type_text(&mut s, "Japan's fears");
    s.update(Action::PromptSubmit);
    let theme = Theme::color();
    let terminal = draw(&s, &theme);
    let rows = highlighted_rows(terminal.backend().buffer(), theme.found_current.bg.unwrap());
    assert_eq!(
        rows,
        vec!["Japan's fears".to_owned()],
        "the title's match is current"
    );
    let status = status_row(&terminal.backend().to_string());
    assert!(status.contains("match 1 of"), "{status}");
}

#[test]
fn at_50_columns_ctrl_d_in_a_note_asks_where_it_can_be_seen() {
    let mut s = reading(50, 20);
    let bookmark = saved_bookmark(
        &s.articles[1],
        0,
        "a long note that fills the narrow status bar and more besides",
    );
    s.set_bookmarks(vec![bookmark]);
    press(&mut s, &[Action::Bookmark, Action::PromptRemoveBookmark]);
    let status = status_row(&screen(&s));
    assert!(status.contains("Ctrl-d again removes"), "{status}");
}

#[test]
fn a_quoted_reply_with_a_patch_and_a_signature_at_100x44() {
    let post = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/news/54321");
    let mut s = State::new(
        corpus::load(&[post]).articles,
        Rect::new(0, 0, 100, 44),
        HashMap::new(),
        None,
    );
    press(&mut s, &[Action::OpenSelected]);
    let terminal = draw(&s, &Theme::color());
    assert_snapshot!(terminal.backend());
    // The signature is dimmed, line for line; the quote bars are the quote's colour.
    let buffer = terminal.backend().buffer();
    let row_of = |text: &str| {
        (0..44)
            .find(|&y| {
                let row: String = (0..100).map(|x| buffer[(x, y)].symbol()).collect();
                row.contains(text)
            })
            .unwrap_or_else(|| panic!("{text} not on screen"))
    };
    let first_cell = |y: u16, text: &str| {
        let row: String = (0..100).map(|x| buffer[(x, y)].symbol()).collect();
        let x = u16::try_from(row[..row.find(text).unwrap()].chars().count()).unwrap();
        buffer[(x, y)].clone()
    };
    for line in [
        "Rainer Hochreiter ",
        "ELIN-Energieanwendung ",
        "Vienna, Austria ",
    ] {
        let cell = first_cell(row_of(line), line);
        assert_eq!(cell.fg, Theme::color().meta.fg.unwrap(), "{line}");
    }
    let y = row_of("Has anyone built");
    let row: String = (0..100).map(|x| buffer[(x, y)].symbol()).collect();
    let text_x = row[..row.find("Has anyone").unwrap()].chars().count();
    let bars: Vec<ratatui::buffer::Cell> = (text_x - 6..text_x)
        .step_by(2)
        .map(|x| buffer[(u16::try_from(x).unwrap(), y)].clone())
        .collect();
    for bar in bars {
        assert_eq!(
            (bar.symbol(), bar.fg),
            ("│", Theme::color().quote_bar.fg.unwrap())
        );
    }
}

/// A saved page with no article in it: only a menu and a search form.
const PORTAL_PAGE: &str = "<!doctype html><html><head><title>City Portal</title></head>\
    <body><nav><a href=/news>News</a> <a href=/events>Events</a> <a href=/maps>Maps</a></nav>\
    <form><label>Search the city's pages</label><input name=q></form></body></html>";

fn portal_state() -> State {
    let article = folio::article::Article::from_text(
        "portal.html",
        "portal",
        folio::article::Format::Html,
        PORTAL_PAGE,
    );
    State::new(vec![article], Rect::new(0, 0, 80, 20), HashMap::new(), None)
}

#[test]
fn a_page_with_no_article_text_says_so_in_the_reader_at_80x20() {
    let mut s = portal_state();
    press(&mut s, &[Action::OpenSelected]);
    let shown = screen(&s);
    assert!(
        shown.contains("no article text found in this page"),
        "{shown}"
    );
    assert_snapshot!(shown);
}

#[test]
fn r_shows_the_file_as_it_is_and_r_again_the_article_at_80x20() {
    let mut s = portal_state();
    press(&mut s, &[Action::OpenSelected]);
    let article = screen(&s);
    let key = keymap::BINDINGS
        .iter()
        .find(|b| b.action == Action::ToggleRaw && b.context == Context::Reader)
        .expect("a key for the raw view");
    assert_eq!(key.keys[0].label(), "r");
    press(&mut s, &[Action::ToggleRaw]);
    let raw = screen(&s);
    assert!(raw.contains("the file as it is"), "{raw}");
    assert!(raw.contains("<nav><a href=/news>News</a>"), "{raw}");
    assert_snapshot!(raw);
    press(&mut s, &[Action::ToggleRaw]);
    assert_eq!(screen(&s), article);
}

#[test]
fn r_on_a_file_changed_since_it_was_loaded_says_so_at_80x20() {
    let mut s = portal_state();
    s.articles[0].read_from(std::path::PathBuf::from("portal.html"), None);
    press(&mut s, &[Action::OpenSelected]);
    let id = s.articles[0].id.clone();
    assert_eq!(
        s.update(Action::ToggleRaw),
        Some(folio::state::Effect::ReadOriginal { id: id.clone() })
    );
    let now = "<!doctype html><title>City Portal</title>\n\n<p>Moved to a new address.</p>";
    s.original_read(
        &id,
        Ok(folio::article::original::OriginalText {
            text: now.to_owned(),
            changed: true,
        }),
    );
    let raw = screen(&s);
    assert!(raw.contains("changed since folio read it"), "{raw}");
    assert!(raw.contains("<p>Moved to a new address.</p>"), "{raw}");
    assert_snapshot!(raw);
}

/// `common::tides_text` open in the reader at its middle.
fn reading_a_large_article(width: u16, height: u16) -> State {
    let article = Article::from_text("tides.txt", "Tides", Format::Text, common::tides_text());
    let id = article.id.clone();
    let middle = Position {
        block: 4_000,
        ..Position::default()
    };
    State::new(
        vec![article],
        Rect::new(0, 0, width, height),
        HashMap::from([(id.clone(), middle)]),
        Some(&id),
    )
}

#[test]
fn a_search_in_a_large_article_says_it_is_still_counting_at_80x24() {
    let mut s = reading_a_large_article(80, 24);
    s.update(Action::StartSearch);
    type_text(&mut s, "beacon");
    assert!(s.search_pending());
    let counting = screen(&s);
    assert!(status_row(&counting).contains("searching"), "{counting}");
    assert_snapshot!("large_article_counting_80x24", counting);
    while s.search_pending() {
        s.update(Action::SearchStep);
    }
    let counted = status_row(&screen(&s));
    assert!(counted.contains("match 4 of 6 "), "{counted}");
}
