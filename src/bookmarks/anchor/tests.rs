//! Unit tests of capturing and finding passages: the cases the issue names (unchanged, moved by
//! an insertion, edited away, a quote that occurs twice) and the edges around them.

use super::*;

fn blocks(texts: &[&str]) -> Vec<Block> {
    texts.iter().map(|t| Block::paragraph(*t)).collect()
}

const BODY: &[&str] = &[
    "The summit was planned for June.",
    "Tokyo watched closely. The concessions worried officials most of all.",
    "Nobody knew what would follow.",
];

fn saved(selection: Selection) -> Passage {
    capture(&blocks(BODY), selection).unwrap()
}

#[test]
fn a_selection_keeps_its_quote_and_context() {
    let passage = saved(Selection {
        first_block: 1,
        start: 23,
        last_block: 1,
        end: 46,
    });
    assert_eq!(passage.quote, "The concessions worried");
    assert_eq!(
        passage.before,
        "The summit was planned for June. Tokyo watched closely."
    );
    assert_eq!(
        passage.after,
        "officials most of all. Nobody knew what would follow."
    );
}

#[test]
fn context_is_cut_to_about_eighty_characters() {
    let long = "word ".repeat(100);
    let body = blocks(&[&long, "the quote", &long]);
    let passage = capture(&body, Selection::blocks(1, 1)).unwrap();
    assert!(passage.before.chars().count() <= CONTEXT_CHARS);
    assert!(passage.before.chars().count() >= CONTEXT_CHARS - 1);
    assert!(passage.after.chars().count() <= CONTEXT_CHARS);
    assert!(!passage.after.ends_with(' ') && !passage.before.starts_with(' '));
}

#[test]
fn a_selection_can_span_blocks() {
    let passage = saved(Selection {
        first_block: 0,
        start: 4,
        last_block: 1,
        end: 22,
    });
    assert_eq!(
        passage.quote,
        "summit was planned for June.\n\nTokyo watched closely."
    );
    assert_eq!((passage.first_block, passage.last_block), (0, 1));
    assert_eq!(passage.before, "The");
    assert_eq!(
        resolve_passage(&passage, &blocks(BODY)),
        Anchor::Exact {
            first_block: 0,
            last_block: 1
        }
    );
}

#[test]
fn bad_selections_capture_nothing() {
    let body = blocks(&["héllo", "   "]);
    let at = |first_block, start, last_block, end| Selection {
        first_block,
        start,
        last_block,
        end,
    };
    assert_eq!(capture(&body, at(0, 2, 0, 4)), None, "splits the é");
    assert_eq!(capture(&body, at(1, 0, 0, 3)), None, "backwards");
    assert_eq!(capture(&body, at(0, 0, 5, 3)), None, "past the end");
    assert_eq!(capture(&body, Selection::blocks(1, 1)), None, "blank");
    assert_eq!(capture(&body, at(0, 3, 0, 3)), None, "empty");
}

#[test]
fn an_unchanged_article_resolves_exactly() {
    let passage = saved(Selection::blocks(1, 1));
    assert_eq!(
        resolve_passage(&passage, &blocks(BODY)),
        Anchor::Exact {
            first_block: 1,
            last_block: 1
        }
    );
}

#[test]
fn a_paragraph_inserted_before_moves_the_passage() {
    let passage = saved(Selection::blocks(1, 1));
    let mut edited = BODY.to_vec();
    edited.insert(0, "An editor's note added later.");
    assert_eq!(
        resolve_passage(&passage, &blocks(&edited)),
        Anchor::Moved {
            first_block: 2,
            last_block: 2
        }
    );
}

#[test]
fn rewrapped_whitespace_still_resolves_exactly() {
    let passage = saved(Selection::blocks(1, 1));
    let mut edited = BODY.to_vec();
    edited[1] = "Tokyo watched\nclosely.  The concessions\tworried officials most of all.";
    assert!(matches!(
        resolve_passage(&passage, &blocks(&edited)),
        Anchor::Exact { .. }
    ));
}

#[test]
fn a_passage_edited_away_is_orphaned() {
    let passage = saved(Selection::blocks(1, 1));
    let mut edited = BODY.to_vec();
    edited[1] = "Tokyo watched closely. Officials were calm.";
    assert_eq!(
        resolve_passage(&passage, &blocks(&edited)),
        Anchor::Orphaned
    );
    assert_eq!(resolve_passage(&passage, &[]), Anchor::Orphaned);
}

#[test]
fn a_quote_that_appears_twice_is_told_apart_by_context() {
    let body = [
        "Intro.",
        "First the ministers met. It was agreed. Then they left for Seoul.",
        "Middle.",
        "Later the generals met. It was agreed. Then they flew to Tokyo.",
    ];
    let text = body[3];
    let start = text.find("It was").unwrap();
    let passage = capture(
        &blocks(&body),
        Selection {
            first_block: 3,
            start,
            last_block: 3,
            end: start + "It was agreed.".len(),
        },
    )
    .unwrap();
    assert_eq!(
        resolve_passage(&passage, &blocks(&body)),
        Anchor::Exact {
            first_block: 3,
            last_block: 3
        }
    );
    // Two paragraphs removed above: the saved index 3 no longer exists and the nearest
    // occurrence by index is the wrong one; the context still finds the generals.
    let edited = [body[1], body[3]];
    assert_eq!(
        resolve_passage(&passage, &blocks(&edited)),
        Anchor::Moved {
            first_block: 1,
            last_block: 1
        }
    );
    // Inserted above, so the *other* occurrence now sits at the saved index: context wins.
    let edited = ["A", "B", body[0], body[1], body[2], body[3]];
    assert_eq!(
        resolve_passage(&passage, &blocks(&edited)),
        Anchor::Moved {
            first_block: 5,
            last_block: 5
        }
    );
}

#[test]
fn an_empty_quote_trusts_the_saved_position() {
    let passage = Passage {
        first_block: 1,
        last_block: 1,
        quote: " ".into(),
        before: String::new(),
        after: String::new(),
        extra: serde_json::Map::new(),
    };
    assert!(matches!(
        resolve_passage(&passage, &blocks(BODY)),
        Anchor::Exact { .. }
    ));
    assert_eq!(resolve_passage(&passage, &blocks(&["x"])), Anchor::Orphaned);
}
