//! The search in a large article, driven by the actions a person's keys and the loop send: the
//! matches near the screen after the key, the count in steps, n and N before it ends.

use std::collections::HashMap;

use ratatui::layout::Rect;

use super::FIND_STEP_BYTES;
use crate::action::Action;
use crate::article::{Article, Block, BlockKind, Format};
use crate::state::{Focus, Position, State};

/// Paragraphs of the large article, each about 400 bytes.
const BLOCKS: usize = 8_000;
/// The blocks that hold "beacon" (once each); the title holds it too.
const BEACONS: [usize; 6] = [500, 1_500, 2_500, 4_500, 5_500, 7_500];
/// Where the reader is: between the third and fourth beacon, a megabyte from either end.
const READING_AT: usize = 4_000;

/// An article of about 3 MB, three steps of the count, open in the reader at `READING_AT`.
fn reading_a_large_article() -> State {
    let filler = "The tide came in over the flats and the gulls went with it, \
                  wheeling above the old pier where the nets were hung to dry. ";
    let mut article = Article::from_text("large.txt", "The beacon", Format::Text, "x");
    article.title = "The beacon".to_owned();
    article.blocks = (0..BLOCKS)
        .map(|i| {
            let mut text = format!("Paragraph {i}. {}", filler.repeat(3));
            if BEACONS.contains(&i) {
                text.push_str("A beacon burned on the headland.");
            }
            Block::new(BlockKind::Paragraph, text)
        })
        .collect();
    let bytes: usize = article.blocks.iter().map(|b| b.text.len()).sum();
    assert!(bytes > 2 * FIND_STEP_BYTES, "more than two steps: {bytes}");
    let id = article.id.clone();
    let place = Position {
        block: READING_AT,
        ..Position::default()
    };
    let s = State::new(
        vec![article],
        Rect::new(0, 0, 100, 30),
        HashMap::from([(id.clone(), place)]),
        Some(&id),
    );
    assert_eq!(s.focus, Focus::Reader);
    s
}

fn search_for(s: &mut State, text: &str) {
    s.update(Action::StartSearch);
    for c in text.chars() {
        s.update(Action::PromptChar(c));
    }
}

fn finish_count(s: &mut State) -> usize {
    let mut steps = 0;
    while s.search_pending() {
        s.update(Action::SearchStep);
        steps += 1;
    }
    steps
}

/// The block of the current match, in the body.
fn current_block(s: &State) -> Option<usize> {
    s.find.as_ref()?.current_match().map(|m| m.block)
}

/// Whether block `block` is on the screen.
fn on_screen(s: &State, block: usize) -> bool {
    let view = s.view().unwrap();
    let height = s.page_height() as isize;
    let spot = view.spot_of(block, 0);
    s.top <= spot && spot <= view.advance(s.top, height - 1)
}

#[test]
fn the_key_finds_the_match_near_the_screen_and_the_steps_count_the_rest() {
    let mut s = reading_a_large_article();
    search_for(&mut s, "beacon");
    assert_eq!(
        current_block(&s),
        Some(4_500),
        "the first match after the reader"
    );
    assert!(on_screen(&s, 4_500));
    assert!(s.search_pending(), "one key does not count 3 MB");
    let find = s.find.as_ref().unwrap();
    assert!(find.len() < 1 + BEACONS.len());
    assert!(find.percent_done() < 100);

    let steps = finish_count(&mut s);
    assert!(steps >= 2, "{steps} steps");
    let find = s.find.as_ref().unwrap();
    assert!(find.is_done());
    assert_eq!(find.len(), 1 + BEACONS.len(), "the title's and the body's");
    assert_eq!(find.percent_done(), 100);
    // The title's match is number 0, then 500, 1,500, 2,500, and this one.
    assert_eq!(find.current_number(), Some(4));
    assert_eq!(
        current_block(&s),
        Some(4_500),
        "the steps leave the view alone"
    );
}

#[test]
fn n_and_shift_n_are_right_before_the_count_ends() {
    let mut s = reading_a_large_article();
    search_for(&mut s, "beacon");
    s.update(Action::PromptSubmit);
    let mut walked = vec![current_block(&s)];
    for _ in 0..3 {
        assert!(s.search_pending());
        s.update(Action::NextMatch);
        walked.push(current_block(&s));
    }
    assert_eq!(
        walked,
        [Some(4_500), Some(5_500), Some(7_500), None],
        "on to the end, then the title"
    );
    assert_eq!(s.message.as_deref(), Some("search wrapped to the top"));
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(0));
    s.update(Action::NextMatch);
    assert_eq!(current_block(&s), Some(500));
    assert!(on_screen(&s, 500));
    s.update(Action::PreviousMatch);
    s.update(Action::PreviousMatch);
    assert_eq!(current_block(&s), Some(7_500));
    assert_eq!(s.message.as_deref(), Some("search wrapped to the bottom"));
    for expected in [5_500, 4_500, 2_500, 1_500] {
        s.update(Action::PreviousMatch);
        assert_eq!(current_block(&s), Some(expected));
    }
    assert!(s.search_pending(), "all of it done before the count ended");
    finish_count(&mut s);
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(2));
}

#[test]
fn a_new_letter_cancels_the_count_of_the_old_query() {
    let mut s = reading_a_large_article();
    // "b" matches in every block; its count is dropped for "beacon"'s.
    search_for(&mut s, "b");
    assert!(s.search_pending());
    for c in "eacon".chars() {
        s.update(Action::PromptChar(c));
    }
    let find = s.find.as_ref().unwrap();
    assert_eq!(find.query.as_str(), "beacon");
    assert!(find.len() < 1 + BEACONS.len(), "no match of \"b\" is left");
    finish_count(&mut s);
    assert_eq!(s.find.as_ref().unwrap().len(), 1 + BEACONS.len());
}

#[test]
fn enter_before_the_count_ends_says_no_match_when_it_does() {
    let mut s = reading_a_large_article();
    let before = s.top;
    search_for(&mut s, "lighthouse");
    s.update(Action::PromptSubmit);
    assert!(s.search_pending());
    assert_eq!(s.message, None, "not known yet");
    finish_count(&mut s);
    assert_eq!(s.message.as_deref(), Some("no match for lighthouse"));
    assert_eq!(s.top, before);
    s.update(Action::NextMatch);
    assert_eq!(s.message.as_deref(), Some("no match for lighthouse"));
}

#[test]
fn escape_brings_back_the_search_before_and_its_current_match() {
    let mut s = reading_a_large_article();
    search_for(&mut s, "beacon");
    s.update(Action::PromptSubmit);
    s.update(Action::NextMatch);
    finish_count(&mut s);
    let (top, current) = (s.top, current_block(&s));
    assert_eq!(current, Some(5_500));
    search_for(&mut s, "paragraph 6000.");
    assert_eq!(current_block(&s), Some(6_000));
    s.update(Action::PromptCancel);
    assert_eq!((s.top, current_block(&s)), (top, current));
    let find = s.find.as_ref().unwrap();
    assert_eq!(find.query.as_str(), "beacon");
    finish_count(&mut s);
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(5));
}

#[test]
fn typing_at_the_top_goes_to_the_title_or_else_the_first_match() {
    let mut s = reading_a_large_article();
    s.update(Action::Top);
    search_for(&mut s, "beacon");
    assert_eq!(
        s.find.as_ref().unwrap().current_number(),
        Some(0),
        "the title"
    );
    s.update(Action::PromptCancel);
    search_for(&mut s, "headland");
    assert!(s.search_pending());
    assert_eq!(current_block(&s), Some(500));
    assert!(on_screen(&s, 500));
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(0));
    finish_count(&mut s);
    assert_eq!(s.find.as_ref().unwrap().len(), BEACONS.len());
}

/// An article of about 12 MB with "Beacon" in two paragraphs near its ends only, open at its
/// middle: its matches are further from the reader than a key searches.
fn reading_far_apart_beacons() -> State {
    let filler = "The tide came in over the flats and the gulls went with it. ".repeat(6);
    let mut article = Article::from_text("far.txt", "Tides", Format::Text, "x");
    article.blocks = (0..30_000)
        .map(|i| {
            let beacon = if i == 100 || i == 29_900 {
                " Beacon."
            } else {
                ""
            };
            Block::new(BlockKind::Paragraph, format!("{filler}{beacon}"))
        })
        .collect();
    let id = article.id.clone();
    let place = Position {
        block: 15_000,
        ..Position::default()
    };
    State::new(
        vec![article],
        Rect::new(0, 0, 100, 30),
        HashMap::from([(id.clone(), place)]),
        Some(&id),
    )
}

#[test]
fn n_and_shift_n_search_on_between_keys_for_a_far_match() {
    let mut s = reading_far_apart_beacons();
    search_for(&mut s, "Beacon");
    s.update(Action::PromptSubmit);
    assert_eq!(current_block(&s), None, "6 MB ahead: not found by the key");
    s.update(Action::NextMatch);
    assert_eq!(current_block(&s), None, "nor by n");
    assert_eq!(s.message.as_deref(), Some("searching on for the match…"));
    let mut steps = 0;
    while current_block(&s).is_none() {
        assert!(s.search_pending());
        s.update(Action::SearchStep);
        steps += 1;
    }
    assert_eq!(current_block(&s), Some(29_900), "after {steps} steps");
    assert_eq!(s.message, None);
    assert!(on_screen(&s, 29_900));

    s.update(Action::PreviousMatch);
    assert_eq!(
        current_block(&s),
        Some(29_900),
        "12 MB back: still searching"
    );
    while current_block(&s) == Some(29_900) {
        s.update(Action::SearchStep);
    }
    assert_eq!(current_block(&s), Some(100));
    assert_eq!(s.message, None, "no wrap between the two");

    s.update(Action::PreviousMatch);
    while s.find.as_ref().unwrap().is_seeking() {
        s.update(Action::SearchStep);
    }
    assert_eq!(current_block(&s), Some(29_900));
    assert_eq!(s.message.as_deref(), Some("search wrapped to the bottom"));
    finish_count(&mut s);
    assert_eq!(s.find.as_ref().unwrap().len(), 2);
    assert_eq!(s.find.as_ref().unwrap().current_number(), Some(1));
}
