//! Tests of the interface state: what each action does to it.

use super::*;
use crate::article::original::OriginalText;
use crate::article::{AS_WRITTEN_NOTE, Article};
use crate::corpus;

fn state(width: u16, height: u16) -> State {
    State::new(
        corpus::bundled().articles,
        Rect::new(0, 0, width, height),
        HashMap::new(),
        None,
    )
}

#[test]
fn starts_on_the_list_with_the_first_article_open() {
    let s = state(100, 30);
    assert_eq!(
        (s.focus, s.open, s.selected, s.top),
        (Focus::List, 0, 0, Spot::default())
    );
    assert_eq!(s.layout.width, 66);
}

#[test]
fn opening_an_article_focuses_the_reader() {
    let mut s = state(100, 30);
    s.update(Action::SelectNext);
    assert_eq!(s.update(Action::OpenSelected), Some(Effect::SavePositions));
    assert_eq!((s.focus, s.open), (Focus::Reader, 1));
}

#[test]
fn scrolling_is_clamped_to_the_article() {
    let mut s = state(100, 30);
    s.update(Action::ScrollUp);
    assert_eq!(s.top, Spot::default());
    s.update(Action::Bottom);
    let bottom = s.top;
    assert!(bottom > Spot::default());
    s.update(Action::ScrollDown);
    assert_eq!(s.top, bottom);
    assert_eq!(s.percent(), 100);
    s.update(Action::Top);
    assert_eq!(s.percent(), 0);
}

#[test]
fn page_keys_move_by_a_page_less_a_line() {
    let mut s = state(100, 30);
    s.update(Action::SwitchFocus);
    s.update(Action::NextArticle);
    let page = s.page_height() as isize;
    let at = |lines: isize| s.view().unwrap().advance(Spot::default(), lines);
    let (one_page, and_a_half, half) = (at(page - 1), at(page - 1 + page / 2), at(page / 2));
    s.update(Action::PageDown);
    assert_eq!(s.top, one_page);
    s.update(Action::HalfPageDown);
    assert_eq!(s.top, and_a_half);
    s.update(Action::PageUp);
    assert_eq!(s.top, half);
}

#[test]
fn resize_keeps_the_passage_at_the_top() {
    let mut s = state(120, 40);
    s.update(Action::SelectNext);
    s.update(Action::OpenSelected);
    for _ in 0..25 {
        s.update(Action::ScrollDown);
    }
    let (block, offset) = s.view().unwrap().anchor_of(s.top);
    s.update(Action::Resize {
        width: 60,
        height: 20,
    });
    let line = s.view().unwrap().line(s.top).unwrap().clone();
    assert_eq!(line.part, crate::wrap::Part::Block(block));
    assert!(line.range.start <= offset && offset < line.range.end.max(offset + 1));
}

#[test]
fn positions_are_remembered_per_article() {
    let mut s = state(100, 30);
    s.update(Action::SwitchFocus);
    s.update(Action::NextArticle);
    s.update(Action::PageDown);
    let top = s.top;
    assert!(top > Spot::default());
    s.update(Action::PreviousArticle);
    assert_eq!((s.open, s.top), (0, Spot::default()));
    s.update(Action::NextArticle);
    assert_eq!((s.open, s.top), (1, top));
    assert!(s.progress(0).is_some());
}

#[test]
fn the_last_open_article_is_reopened_where_it_was() {
    let articles = corpus::bundled().articles;
    let id = articles[1].id.clone();
    let positions = HashMap::from([(
        id.clone(),
        Position {
            block: 3,
            offset: 0,
            percent: 20,
            ..Position::default()
        },
    )]);
    let s = State::new(articles, Rect::new(0, 0, 100, 30), positions, Some(&id));
    assert_eq!((s.open, s.focus), (1, Focus::Reader));
    assert_eq!(s.view().unwrap().anchor_of(s.top), (3, 0));
}

#[test]
fn the_list_selection_stays_in_range() {
    let mut s = state(100, 30);
    s.update(Action::SelectPrevious);
    assert_eq!(s.selected, 0);
    assert_eq!(s.progress(0), None, "a preview is not reading");
    s.update(Action::SelectLast);
    s.update(Action::SelectNext);
    assert_eq!(s.selected, 1);
    s.update(Action::SelectPageUp);
    assert_eq!(s.selected, 0);
}

#[test]
fn the_reading_column_adjusts_within_bounds() {
    let mut s = state(200, 40);
    assert_eq!(s.layout.width, 80);
    s.update(Action::WidenColumn);
    assert_eq!(s.layout.width, 84);
    for _ in 0..100 {
        s.update(Action::NarrowColumn);
    }
    assert_eq!(s.column, screen::COLUMN_MIN);
    assert_eq!(s.layout.width, usize::from(screen::COLUMN_MIN));
}

#[test]
fn no_size_panics() {
    let mut s = state(100, 30);
    for (w, h) in [
        (1, 1),
        (0, 0),
        (29, 7),
        (30, 8),
        (69, 20),
        (70, 20),
        (500, 200),
    ] {
        s.update(Action::Resize {
            width: w,
            height: h,
        });
        for action in [
            Action::Bottom,
            Action::PageDown,
            Action::SelectNext,
            Action::Top,
        ] {
            s.update(action);
        }
    }
}

#[test]
fn no_articles_is_not_a_crash() {
    let mut s = State::new(Vec::new(), Rect::new(0, 0, 80, 24), HashMap::new(), None);
    for action in [
        Action::OpenSelected,
        Action::NextArticle,
        Action::Bottom,
        Action::SelectLast,
    ] {
        s.update(action);
    }
    assert!(s.open_article().is_none());
}

fn type_text(s: &mut State, text: &str) {
    for c in text.chars() {
        s.update(Action::PromptChar(c));
    }
}

/// Runs a corpus search under way to the end, as the loop does between keys.
fn finish_search(s: &mut State) {
    while s.search_pending() {
        s.update(Action::SearchStep);
    }
}

#[test]
fn typing_a_query_jumps_to_the_first_match_from_where_the_reader_is() {
    let mut s = reading(100, 30);
    s.update(Action::PageDown);
    let before = s.top;
    s.update(Action::StartSearch);
    assert_eq!(s.context(), Context::Prompt);
    type_text(&mut s, "kidnapped");
    let find = s.find.as_ref().unwrap();
    assert!(find.len() >= 3);
    let current = find.current_match().unwrap();
    let (block, offset) = s.view().unwrap().anchor_of(before);
    assert!((current.block, current.range.start) >= (block, offset));
    assert!(s.top >= before);
    s.update(Action::PromptSubmit);
    assert_eq!(s.context(), Context::Reader);
    assert!(s.find.is_some(), "Enter keeps the query");
}

#[test]
fn enter_on_a_search_of_the_list_opens_the_first_match_under_a_folder_heading() {
    let mut articles = corpus::bundled().articles;
    articles[0].path = "one/first.md".to_owned();
    articles[1].path = "two/second.md".to_owned();
    let mut s = State::new(articles, Rect::new(0, 0, 100, 30), HashMap::new(), None);
    s.update(Action::StartSearch);
    type_text(&mut s, "japan");
    finish_search(&mut s);
    assert_eq!(
        s.article_at(s.selected),
        None,
        "a folder's heading is selected first"
    );
    let first_listed = (0..s.row_count())
        .find_map(|row| s.article_at(row))
        .unwrap();
    s.update(Action::PromptSubmit);
    assert_eq!(s.message, None, "it said no article matched");
    assert_eq!((s.open, s.context()), (first_listed, Context::Reader));
}

#[test]
fn escape_returns_to_where_the_reader_was() {
    let mut s = reading(100, 30);
    let before = s.top;
    s.update(Action::StartSearch);
    type_text(&mut s, "agricultural");
    assert_ne!(s.top, before, "the match is further down");
    s.update(Action::PromptCancel);
    assert_eq!(s.top, before);
    assert!(s.find.is_none());
    assert_eq!(s.context(), Context::Reader);
}

#[test]
fn n_and_n_walk_the_matches_and_wrap_with_a_word() {
    let mut s = reading(100, 30);
    s.update(Action::StartSearch);
    type_text(&mut s, "kidnapped");
    s.update(Action::PromptSubmit);
    let count = s.find.as_ref().unwrap().len();
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(0));
    for expected in 1..count {
        s.update(Action::NextMatch);
        assert_eq!(s.find.as_ref().unwrap().current_number(), Some(expected));
        assert_eq!(s.message, None);
    }
    s.update(Action::NextMatch);
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(0));
    assert_eq!(s.message.as_deref(), Some("search wrapped to the top"));
    s.update(Action::PreviousMatch);
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(count - 1));
    assert_eq!(s.message.as_deref(), Some("search wrapped to the bottom"));
}

#[test]
fn a_bad_regex_is_reported_and_breaks_nothing() {
    let mut s = state(100, 30);
    s.update(Action::SwitchFocus);
    s.update(Action::StartSearch);
    type_text(&mut s, "/summit(/");
    let prompt = s.prompt.as_ref().unwrap();
    assert!(prompt.error.is_some());
    s.update(Action::PromptBackspace);
    s.update(Action::PromptBackspace);
    type_text(&mut s, "s?/");
    assert_eq!(s.prompt.as_ref().unwrap().line.text(), "/summits?/");
    assert!(s.prompt.as_ref().unwrap().error.is_none());
    assert!(!s.find.as_ref().unwrap().is_empty());
}

#[test]
fn n_without_a_search_says_how_to_start_one() {
    let mut s = state(100, 30);
    s.update(Action::SwitchFocus);
    s.update(Action::NextMatch);
    assert!(s.message.as_deref().unwrap().contains('/'));
}

#[test]
fn searching_the_list_narrows_it_and_enter_opens_the_first_match() {
    let mut s = state(100, 30);
    s.update(Action::StartSearch);
    type_text(&mut s, "kidnapped");
    finish_search(&mut s);
    assert_eq!(s.row_count(), 1, "only the second article mentions it");
    assert_eq!(s.article_at(0), Some(1));
    assert_eq!(s.update(Action::PromptSubmit), Some(Effect::SavePositions));
    assert_eq!((s.open, s.focus), (1, Focus::Reader));
    let find = s.find.as_ref().unwrap();
    assert_eq!(find.current_number(), Some(0));
    assert_eq!(find.query.as_str(), "kidnapped");
    s.update(Action::NextMatch);
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(1));
}

#[test]
fn escape_in_the_list_search_restores_the_list_and_the_selection() {
    let mut s = state(100, 30);
    s.update(Action::SelectNext);
    s.update(Action::StartSearch);
    type_text(&mut s, "cede");
    finish_search(&mut s);
    assert_eq!(s.row_count(), 1);
    s.update(Action::PromptCancel);
    assert_eq!(s.row_count(), 2);
    assert_eq!(s.selected, 1);
}

#[test]
fn title_matches_rank_first_and_esc_shows_every_article() {
    let mut s = state(100, 30);
    s.update(Action::StartSearch);
    type_text(&mut s, "korea");
    finish_search(&mut s);
    // Both mention Korea; only the second has it in its title.
    assert_eq!(s.row_count(), 2);
    assert_eq!(s.article_at(0), Some(1));
    s.update(Action::PromptSubmit);
    s.update(Action::FocusList);
    s.update(Action::ClearFilter);
    assert_eq!(s.row_count(), 2);
    assert_eq!(s.article_at(0), Some(0));
    assert_eq!(
        s.article_at(s.selected),
        Some(1),
        "the selection stays on the article"
    );
}

#[test]
fn the_search_follows_the_reader_to_the_next_article() {
    let mut s = state(100, 30);
    s.update(Action::SwitchFocus);
    s.update(Action::StartSearch);
    type_text(&mut s, "Trump");
    s.update(Action::PromptSubmit);
    let first = s.find.as_ref().unwrap().len();
    s.update(Action::NextArticle);
    let second = s.find.as_ref().unwrap().len();
    assert!(first > 0 && second > first);
}

/// A bookmark of blocks `first..=last` of `article`, as the store would hand it back.
fn saved_bookmark(
    article: &Article,
    first: usize,
    last: usize,
    note: &str,
    created: i64,
) -> Bookmark {
    let new = NewBookmark::from_selection(
        article,
        crate::bookmarks::Selection::blocks(first, last),
        note,
    )
    .unwrap();
    Bookmark {
        id: format!("id-{created}"),
        article: new.article,
        passage: new.passage,
        note: new.note,
        created: crate::timestamp::Timestamp(created),
        updated: crate::timestamp::Timestamp(created),
        extra: Default::default(),
    }
}

/// Whether block `block` has a line on screen.
fn in_view(s: &State, block: usize) -> bool {
    s.view()
        .and_then(|view| view.blocks_in_view(s.top, s.page_height()))
        .is_some_and(|(first, last)| (first..=last).contains(&block))
}

/// The second (long) article open in the reader.
fn reading(width: u16, height: u16) -> State {
    let mut s = state(width, height);
    s.update(Action::SelectNext);
    s.update(Action::OpenSelected);
    s
}

#[test]
fn the_passage_cursor_moves_and_the_view_follows() {
    let mut s = reading(80, 24);
    assert_eq!(s.cursor, 0);
    let last = s.articles[1].blocks.len() - 1;
    for step in 1..=last + 2 {
        s.update(Action::NextPassage);
        assert_eq!(
            s.cursor,
            step.min(last),
            "the cursor stops at the last passage"
        );
        assert!(in_view(&s, s.cursor), "the cursor stays in view");
    }
    s.update(Action::Top);
    assert!(in_view(&s, s.cursor), "scrolling brings the cursor along");
    s.update(Action::PreviousPassage);
    assert!(s.cursor < last);
}

#[test]
fn m_bookmarks_the_passage_with_a_note_and_esc_cancels() {
    let mut s = reading(100, 30);
    s.update(Action::NextPassage);
    s.update(Action::Bookmark);
    assert_eq!(s.context(), Context::Prompt);
    type_text(&mut s, "why it matters");
    let Some(Effect::AddBookmark(new)) = s.update(Action::PromptSubmit) else {
        panic!("Enter saves the bookmark");
    };
    assert_eq!(new.note, "why it matters");
    assert_eq!(new.passage.quote, s.articles[1].blocks[1].text);
    s.update(Action::Bookmark);
    type_text(&mut s, "never mind");
    assert_eq!(s.update(Action::PromptCancel), None);
    assert_eq!(s.context(), Context::Reader);
}

#[test]
fn a_selection_spans_passages_and_is_copied_whole() {
    let mut s = reading(100, 30);
    s.update(Action::ToggleSelection);
    s.update(Action::NextPassage);
    s.update(Action::NextPassage);
    assert_eq!(s.marked_blocks(), (0, 2));
    let blocks = &s.articles[1].blocks;
    let expected = format!(
        "{}\n\n{}\n\n{}",
        blocks[0].text, blocks[1].text, blocks[2].text
    );
    assert_eq!(s.update(Action::CopyPassage), Some(Effect::Copy(expected)));
    s.update(Action::ClearSelection);
    assert_eq!(s.marked_blocks(), (2, 2));
}

#[test]
fn a_bookmarked_passage_is_marked_and_m_edits_or_removes_it() {
    let mut s = reading(100, 30);
    let bookmark = saved_bookmark(&s.articles[1], 0, 0, "first note", 1);
    s.set_bookmarks(vec![bookmark]);
    assert_eq!(s.bookmark_count(1), 1);
    assert_eq!(s.bookmark_count(0), 0);
    assert_eq!(s.bookmarked_blocks().collect::<Vec<_>>(), vec![(0, 0)]);
    s.update(Action::Bookmark);
    let prompt = s.prompt.as_ref().unwrap();
    assert_eq!(prompt.line.text(), "first note", "the note to edit");
    s.update(Action::PromptClear);
    type_text(&mut s, "second note");
    assert_eq!(
        s.update(Action::PromptSubmit),
        Some(Effect::UpdateNote {
            id: "id-1".into(),
            note: "second note".into()
        })
    );
    s.update(Action::Bookmark);
    assert_eq!(
        s.update(Action::PromptRemoveBookmark),
        None,
        "one Ctrl-d (half a page down to a less user) only asks"
    );
    assert!(s.prompt.as_ref().unwrap().confirm_remove);
    s.update(Action::PromptEnd);
    assert!(
        !s.prompt.as_ref().unwrap().confirm_remove,
        "another key keeps it"
    );
    s.update(Action::PromptRemoveBookmark);
    assert_eq!(
        s.update(Action::PromptRemoveBookmark),
        Some(Effect::RemoveBookmark { id: "id-1".into() })
    );
}

#[test]
fn a_bookmark_deleted_from_its_note_comes_back_with_u_in_the_bookmarks_view() {
    let mut s = reading(100, 30);
    let bookmark = saved_bookmark(&s.articles[1], 0, 0, "a note", 1);
    s.set_bookmarks(vec![bookmark.clone()]);
    s.update(Action::Bookmark);
    s.update(Action::PromptRemoveBookmark);
    assert_eq!(
        s.update(Action::PromptRemoveBookmark),
        Some(Effect::RemoveBookmark { id: "id-1".into() })
    );
    s.set_bookmarks(Vec::new());
    s.update(Action::ToggleBookmarks);
    assert_eq!(
        s.update(Action::UndoDelete),
        Some(Effect::RestoreBookmark(bookmark)),
        "not \"nothing to undo\""
    );
}

#[test]
fn the_note_line_edits_at_its_cursor_and_a_paste_goes_in_sanitized() {
    let mut s = reading(100, 30);
    s.update(Action::Bookmark);
    type_text(&mut s, "abc");
    s.update(Action::PromptLeft);
    type_text(&mut s, "X");
    assert_eq!(s.prompt.as_ref().unwrap().line.text(), "abXc");
    s.update(Action::PromptHome);
    s.update(Action::PromptDelete);
    s.paste("one\ntwo\u{202e}");
    assert_eq!(s.prompt.as_ref().unwrap().line.text(), "one two<U+202E>bXc");
    assert!(
        matches!(s.update(Action::PromptSubmit), Some(Effect::AddBookmark(new)) if new.note == "one two<U+202E>bXc")
    );
}

#[test]
fn a_standing_error_stays_until_esc() {
    let mut s = state(100, 30);
    s.notice = Some("state.json is not valid JSON".to_owned());
    s.update(Action::SelectNext);
    s.update(Action::SwitchFocus);
    assert!(s.notice.is_some(), "keys do not hide it");
    s.update(Action::ClearSelection);
    assert!(s.notice.is_none());
}

#[test]
fn the_bookmarks_view_lists_newest_first_jumps_deletes_and_undoes() {
    let mut s = state(100, 30);
    let older = saved_bookmark(&s.articles[0], 1, 1, "older", 1);
    let newer = saved_bookmark(&s.articles[1], 5, 5, "newer", 2);
    s.set_bookmarks(vec![older.clone(), newer]);
    s.update(Action::ToggleBookmarks);
    assert_eq!(s.context(), Context::Bookmarks);
    assert_eq!(s.bookmarks[0].note, "newer");
    s.update(Action::BookmarkNext);
    assert_eq!(
        s.update(Action::DeleteBookmark),
        Some(Effect::RemoveBookmark { id: "id-1".into() })
    );
    s.set_bookmarks(vec![s.bookmarks[0].clone()]);
    assert_eq!(
        s.update(Action::UndoDelete),
        Some(Effect::RestoreBookmark(older))
    );
    s.update(Action::BookmarkPrevious);
    s.update(Action::JumpToBookmark);
    assert_eq!((s.open, s.focus, s.cursor), (1, Focus::Reader, 5));
    assert!(s.overlay.is_none());
    assert!(in_view(&s, 5));
}

#[test]
fn the_bookmarks_view_filters_by_text() {
    let mut s = state(100, 30);
    let a = saved_bookmark(&s.articles[0], 1, 1, "about Tokyo", 1);
    let b = saved_bookmark(&s.articles[1], 5, 5, "sanctions", 2);
    s.set_bookmarks(vec![a, b]);
    s.update(Action::ToggleBookmarks);
    s.update(Action::StartSearch);
    type_text(&mut s, "TOKYO");
    assert_eq!(s.listed_bookmarks(), vec![1]);
    s.update(Action::PromptCancel);
    assert_eq!(s.listed_bookmarks(), vec![0, 1]);
}

#[test]
fn an_orphaned_bookmark_is_listed_but_not_jumped_to() {
    let mut s = state(100, 30);
    let mut gone = saved_bookmark(&s.articles[1], 2, 2, "", 1);
    gone.passage.quote = "A passage that was edited away long ago.".into();
    s.set_bookmarks(vec![gone]);
    assert_eq!(
        s.bookmark_count(1),
        1,
        "still counted: never dropped silently"
    );
    s.update(Action::ToggleBookmarks);
    s.update(Action::JumpToBookmark);
    assert!(s.message.as_deref().unwrap().contains("orphaned"));
    assert!(s.overlay.is_some());
}

#[test]
fn with_bookmarking_off_m_says_why() {
    let mut s = reading(100, 30);
    s.bookmarking_off = Some("bookmarks.json is not valid JSON; bookmarking is off".into());
    s.update(Action::Bookmark);
    assert!(s.prompt.is_none());
    assert!(s.message.as_deref().unwrap().contains("not valid JSON"));
}

#[test]
fn the_help_scrolls_to_its_end_and_straight_back() {
    let mut s = state(80, 12);
    s.update(Action::ToggleHelp);
    for _ in 0..500 {
        s.update(Action::HelpDown);
    }
    let (_, furthest) = s.help_window();
    assert!(furthest > 0);
    assert_eq!(s.overlay, Some(Overlay::Help { scroll: furthest }));
    s.update(Action::HelpUp);
    assert_eq!(
        s.overlay,
        Some(Overlay::Help {
            scroll: furthest - 1
        })
    );
}

/// A state loading in the background, nothing arrived yet, that read the second bundled article
/// last time; with the two articles, to hand over in batches.
fn loading_state(last_open: bool) -> (State, Vec<Article>, Article) {
    let mut first = corpus::bundled().articles;
    let second = first.pop().unwrap();
    let last = last_open.then(|| second.id.clone());
    let mut s = State::new(
        Vec::new(),
        Rect::new(0, 0, 100, 30),
        HashMap::new(),
        last.as_deref(),
    );
    s.start_loading();
    (s, first, second)
}

#[test]
fn the_list_fills_as_batches_arrive_and_the_last_article_reopens_when_it_comes() {
    let (mut s, articles, second) = loading_state(true);
    assert!(s.open_article().is_none());
    s.files_found(2);
    s.add_articles(articles, 1, &[]);
    assert_eq!((s.articles.len(), s.open, s.focus), (1, 0, Focus::List));
    s.add_articles(vec![second], 1, &[]);
    assert_eq!((s.open, s.focus), (1, Focus::Reader), "reopened on arrival");
    assert_eq!(s.loading.unwrap().read, 2);
    s.finish_loading();
    assert!(s.loading.is_none());
}

#[test]
fn the_progress_counts_files_not_the_messages_of_an_mbox() {
    let (mut s, mut articles, second) = loading_state(false);
    s.files_found(1);
    articles.push(second);
    s.add_articles(articles, 1, &[]);
    assert_eq!(s.loading.unwrap().read, 1, "two messages of one file");
}

#[test]
fn a_late_arrival_does_not_pull_the_reader_away() {
    let (mut s, articles, second) = loading_state(true);
    s.add_articles(articles, 0, &[]);
    s.update(Action::OpenSelected);
    s.update(Action::PageDown);
    s.add_articles(vec![second], 0, &[]);
    assert_eq!(s.open, 0, "the person is reading the first article now");
}

#[test]
fn a_search_under_way_takes_in_articles_that_arrive() {
    let (mut s, articles, second) = loading_state(false);
    s.add_articles(articles, 0, &[]);
    s.update(Action::StartSearch);
    type_text(&mut s, "japan");
    finish_search(&mut s);
    assert_eq!(s.row_count(), 1);
    s.add_articles(vec![second], 0, &[]);
    assert!(s.search_pending());
    finish_search(&mut s);
    assert_eq!(s.row_count(), 2);
}

#[test]
fn an_article_listed_before_its_text_opens_where_it_was_left_once_the_text_comes() {
    let (mut s, articles, mut second) = loading_state(true);
    s.positions.insert(
        second.id.clone(),
        Position {
            block: 3,
            offset: 0,
            percent: 20,
            ..Position::default()
        },
    );
    let blocks = std::mem::take(&mut second.blocks);
    s.add_articles(articles, 1, &[]);
    s.add_articles(vec![second], 1, &[0]);
    assert_eq!((s.open, s.focus), (1, Focus::Reader), "reopened on arrival");
    assert!(
        s.view().unwrap().lines_from(s.top).count() <= 3,
        "its title alone"
    );
    // Moving away and back before the text comes keeps the place it was left at.
    s.update(Action::PageDown);
    s.remember_position();
    assert_eq!(s.positions[&s.articles[1].id].block, 3);
    s.fill_blocks(1, vec![blocks]);
    assert!(s.blocks_to_come.is_empty());
    assert_eq!(s.view().unwrap().anchor_of(s.top), (3, 0));
    assert_eq!(s.focus, Focus::Reader);
}

#[test]
fn a_search_across_the_articles_waits_for_an_article_whose_text_is_to_come() {
    let (mut s, mut articles, second) = loading_state(false);
    let blocks = std::mem::take(&mut articles[0].blocks);
    s.add_articles(articles, 1, &[0]);
    s.add_articles(vec![second], 1, &[]);
    s.update(Action::StartSearch);
    type_text(&mut s, "japan");
    finish_search(&mut s);
    assert_eq!(
        s.row_count(),
        0,
        "the first article is not searched without its text"
    );
    s.fill_blocks(0, vec![blocks]);
    assert!(s.search_pending());
    finish_search(&mut s);
    assert_eq!(s.row_count(), 2, "both now, in order");
}

#[test]
fn the_wheel_scrolls_the_pane_under_it_and_a_click_opens_a_row() {
    let mut s = reading(100, 30);
    let layout = s.app_layout();
    let (list, reader) = (layout.list.unwrap(), layout.reader.unwrap());
    let before = s.top;
    s.update(Action::Wheel {
        column: reader.x + 5,
        row: reader.y + 5,
        down: true,
    });
    assert_eq!(s.top, s.view().unwrap().advance(before, 3));
    s.update(Action::Wheel {
        column: list.x + 2,
        row: list.y + 2,
        down: false,
    });
    assert_eq!(s.selected, 0, "the wheel over the list moves the selection");
    // The first row (two lines) starts just inside the list's border.
    let effect = s.update(Action::Click {
        column: list.x + 3,
        row: list.y + 1,
    });
    assert_eq!(
        (effect, s.open, s.focus),
        (Some(Effect::SavePositions), 0, Focus::Reader)
    );
    assert_eq!(
        s.update(Action::Click {
            column: list.x + 3,
            row: list.y + 20,
        }),
        None,
        "a click below the last row does nothing"
    );
}

/// `count` short articles titled "Article 1".., each with a few paragraphs.
fn numbered(count: usize, width: u16, height: u16) -> State {
    let articles = (1..=count)
        .map(|n| {
            let text = format!(
                "Article {n}\n\nThe first paragraph of article {n}.\n\nA second one.\n\nA third."
            );
            Article::from_text(
                &format!("a{n}.txt"),
                "a",
                crate::article::Format::Text,
                &text,
            )
        })
        .collect();
    State::new(
        articles,
        Rect::new(0, 0, width, height),
        HashMap::new(),
        None,
    )
}

#[test]
fn brackets_step_through_the_search_results_not_the_whole_list() {
    let mut s = numbered(9, 100, 30);
    s.update(Action::StartSearch);
    type_text(&mut s, "/article [358]\\./");
    finish_search(&mut s);
    let listed: Vec<usize> = (0..s.row_count()).filter_map(|r| s.article_at(r)).collect();
    assert_eq!(listed.len(), 3, "{listed:?}");
    s.update(Action::PromptSubmit);
    let first = s.open;
    s.update(Action::NextArticle);
    assert_eq!(
        s.open,
        listed[1],
        "the next result, not article {}",
        first + 2
    );
    assert_eq!(
        s.row_of(s.open),
        Some(1),
        "the open article stays in the list"
    );
    s.update(Action::NextArticle);
    s.update(Action::NextArticle);
    assert_eq!(s.open, listed[2]);
    assert_eq!(s.message.as_deref(), Some("this is the last article"));
    s.update(Action::PreviousArticle);
    assert_eq!(s.open, listed[1]);
}

#[test]
fn the_first_and_last_article_say_so_on_brackets() {
    let mut s = state(100, 30);
    s.update(Action::SwitchFocus);
    s.update(Action::PreviousArticle);
    assert_eq!(s.message.as_deref(), Some("this is the first article"));
    s.update(Action::NextArticle);
    s.update(Action::NextArticle);
    assert_eq!(
        (s.open, s.message.as_deref()),
        (1, Some("this is the last article"))
    );
}

#[test]
fn g_and_capital_g_put_the_passage_cursor_on_the_first_and_last_passage() {
    let mut s = reading(80, 24);
    let last = s.articles[1].blocks.len() - 1;
    s.update(Action::Bottom);
    assert_eq!(s.cursor, last);
    s.update(Action::Top);
    assert_eq!(s.cursor, 0);
    s.update(Action::NextPassage);
    assert_eq!(
        s.cursor, 1,
        "the next passage after the top, not one far below"
    );
}

#[test]
fn a_grown_window_shows_the_list_rows_hidden_above() {
    let mut s = state(120, 35);
    s.update(Action::SelectNext);
    s.update(Action::Resize {
        width: 20,
        height: 6,
    });
    s.update(Action::Resize {
        width: 120,
        height: 35,
    });
    assert_eq!(s.list_offset, 0, "the first article is shown again");
    let mut s = numbered(30, 80, 24);
    s.update(Action::SelectLast);
    s.update(Action::Resize {
        width: 80,
        height: 40,
    });
    assert_eq!(s.list_offset + s.list_rows(), 30, "no empty rows below");
}

#[test]
fn the_reading_column_reports_the_width_drawn() {
    let mut s = reading(120, 35);
    let drawn = s.text_area().width;
    for _ in 0..60 {
        s.update(Action::WidenColumn);
    }
    assert_eq!(
        s.message.as_deref(),
        Some(format!("reading column: {drawn} cells, the widest this window allows").as_str())
    );
    s.update(Action::NarrowColumn);
    assert_eq!(
        s.text_area().width,
        drawn - screen::COLUMN_STEP,
        "narrowing shows at once"
    );
    let message = format!("reading column: {} cells", drawn - screen::COLUMN_STEP);
    assert_eq!(s.message.as_deref(), Some(message.as_str()));
}

#[test]
fn less_and_vim_keys_move_and_the_ends_say_so() {
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    let key = |c: char, m: KeyModifiers| KeyEvent::new(KeyCode::Char(c), m);
    let none = KeyModifiers::NONE;
    let ctrl = KeyModifiers::CONTROL;
    for (c, m, action) in [
        ('d', none, Action::HalfPageDown),
        ('u', none, Action::HalfPageUp),
        ('f', none, Action::PageDown),
        ('e', ctrl, Action::ScrollDown),
        ('y', ctrl, Action::ScrollUp),
    ] {
        assert_eq!(
            crate::keymap::resolve(Context::Reader, &key(c, m)),
            Some(action)
        );
    }
    assert_eq!(
        crate::keymap::resolve(Context::List, &key('d', none)),
        Some(Action::SelectHalfPageDown)
    );
    let mut s = reading(80, 24);
    s.update(Action::ScrollUp);
    assert_eq!(s.message.as_deref(), Some("top of the article"));
    s.update(Action::Bottom);
    s.update(Action::HalfPageDown);
    assert_eq!(s.message.as_deref(), Some("end of the article"));
    let mut s = numbered(30, 80, 24);
    s.update(Action::SelectHalfPageDown);
    assert_eq!(s.selected, s.list_rows() / 2);
    s.update(Action::SelectPrevious);
    s.update(Action::SelectFirst);
    s.update(Action::SelectPrevious);
    assert_eq!(s.message.as_deref(), Some("this is the first article"));
}

#[test]
fn the_help_pages_like_the_reader() {
    let mut s = state(50, 20);
    s.update(Action::ToggleHelp);
    let (rows, furthest) = s.help_window();
    let help_scroll = |s: &State| match s.overlay {
        Some(Overlay::Help { scroll }) => scroll,
        _ => panic!("the help closed"),
    };
    use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    for (code, modifiers, expected) in [
        (KeyCode::Char(' '), KeyModifiers::NONE, rows - 1),
        (KeyCode::PageDown, KeyModifiers::NONE, 2 * (rows - 1)),
        (KeyCode::Char('b'), KeyModifiers::NONE, rows - 1),
        (KeyCode::Char('G'), KeyModifiers::SHIFT, furthest),
        (KeyCode::Char('f'), KeyModifiers::CONTROL, furthest),
        (KeyCode::Char('g'), KeyModifiers::NONE, 0),
    ] {
        let action = crate::keymap::resolve(s.context(), &KeyEvent::new(code, modifiers)).unwrap();
        s.update(action);
        assert_eq!(help_scroll(&s), expected, "{code:?}");
    }
    s.update(Action::HelpBottom);
    s.update(Action::Resize {
        width: 120,
        height: 35,
    });
    assert_eq!(
        help_scroll(&s),
        s.help_window().1,
        "a resize keeps the scroll in range"
    );
}

#[test]
fn moving_the_list_selection_previews_the_article_without_reading_it() {
    let mut s = state(100, 30);
    assert_eq!(s.update(Action::SelectNext), None);
    assert_eq!(
        (s.open, s.focus),
        (1, Focus::List),
        "the reader shows the selection"
    );
    assert!(!s.engaged);
    assert_eq!(s.progress(1), None, "a preview is not reading");
    s.update(Action::SwitchFocus);
    s.update(Action::PageDown);
    let top = s.top;
    s.update(Action::SwitchFocus);
    assert_eq!(
        s.update(Action::SelectPrevious),
        Some(Effect::SavePositions),
        "leaving an article being read saves its place"
    );
    assert_eq!(s.open, 0);
    s.update(Action::SelectNext);
    assert_eq!(s.top, top, "the preview opens where reading stopped");
}

/// The bundled articles as if read from files: their text let go, as the loader does.
fn state_read_from_files() -> State {
    let mut articles = corpus::bundled().articles;
    for article in &mut articles {
        article.read_from(std::path::PathBuf::from(&article.path), None);
    }
    State::new(articles, Rect::new(0, 0, 100, 30), HashMap::new(), None)
}

fn read_again(text: &str, changed: bool) -> Result<OriginalText, String> {
    Ok(OriginalText {
        text: text.to_owned(),
        changed,
    })
}

#[test]
fn r_shows_a_kept_text_at_once_and_r_again_the_article_where_it_was() {
    let mut s = state(100, 30);
    s.update(Action::OpenSelected);
    s.update(Action::PageDown);
    let (top, id) = (s.top, s.articles[0].id.clone());
    assert_eq!(s.update(Action::ToggleRaw), None);
    let raw = s.as_written.as_ref().expect("the raw view");
    assert_eq!(
        (raw.id.as_str(), raw.notes.as_slice()),
        (id.as_str(), &[AS_WRITTEN_NOTE.to_owned()][..])
    );
    assert_eq!(s.top, Spot::default());
    s.update(Action::ToggleRaw);
    assert_eq!((s.as_written.is_none(), s.top), (true, top));
}

#[test]
fn r_asks_for_the_file_and_shows_what_comes_back() {
    let mut s = state_read_from_files();
    s.update(Action::OpenSelected);
    let id = s.articles[0].id.clone();
    assert_eq!(
        s.update(Action::ToggleRaw),
        Some(Effect::ReadOriginal { id: id.clone() })
    );
    assert!(s.as_written.is_none(), "nothing shown until the text comes");
    s.original_read(&id, read_again("Title\n\nas written\nhere", false));
    let raw = s.as_written.as_ref().expect("the raw view");
    let texts: Vec<_> = raw.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(texts, ["Title", "as written\nhere"]);
    assert_eq!(raw.notes, [AS_WRITTEN_NOTE]);
    assert_eq!(
        s.update(Action::ToggleRaw),
        None,
        "r again: back, nothing read"
    );
    assert!(s.as_written.is_none());
}

#[test]
fn a_changed_file_is_shown_as_it_is_now_and_says_so() {
    let mut s = state_read_from_files();
    s.update(Action::OpenSelected);
    let id = s.articles[0].id.clone();
    s.update(Action::ToggleRaw);
    s.original_read(&id, read_again("Other text", true));
    let raw = s.as_written.as_ref().expect("the raw view");
    assert_eq!(raw.notes, [crate::article::original::CHANGED_NOTE]);
    assert_eq!(raw.blocks[0].text, "Other text");
}

#[test]
fn a_file_that_cannot_be_read_is_reported_and_the_article_stays() {
    let mut s = state_read_from_files();
    s.update(Action::OpenSelected);
    s.update(Action::PageDown);
    let (top, id) = (s.top, s.articles[0].id.clone());
    s.update(Action::ToggleRaw);
    s.original_read(&id, Err("no such file or folder".to_owned()));
    assert!(s.as_written.is_none());
    assert_eq!(s.top, top);
    let message = s.message.clone().unwrap();
    assert!(
        message.starts_with("cannot show the file as it is: bundled/"),
        "{message}"
    );
    assert!(message.ends_with(": no such file or folder"), "{message}");
}

#[test]
fn text_that_arrives_after_the_reader_moved_on_is_dropped() {
    let mut s = state_read_from_files();
    s.update(Action::OpenSelected);
    let first = s.articles[0].id.clone();
    s.update(Action::ToggleRaw);
    s.update(Action::NextArticle);
    s.original_read(&first, read_again("late", false));
    assert_eq!((s.open, s.as_written.is_none()), (1, true));
}
