use super::*;
use crate::article::test_support::texts;

fn kinds(blocks: &[Block]) -> Vec<&BlockKind> {
    blocks.iter().map(|b| &b.kind).collect()
}

fn quote(depth: u8) -> BlockKind {
    BlockKind::Quote { depth }
}

#[test]
fn blank_lines_separate_paragraphs_and_wrapped_lines_join() {
    let blocks = parse(
        "The first line of a paragraph that the writer's editor wrapped\nhere, at the width.\n\n  \n\nSecond.\n",
    );
    assert_eq!(
        blocks,
        vec![
            Block::paragraph(
                "The first line of a paragraph that the writer's editor wrapped here, at the width."
            ),
            Block::paragraph("Second.")
        ]
    );
}

#[test]
fn bullets_become_list_items() {
    let blocks = parse("  • Ambassador\n  • Ukraine\n- dash item\n  continued");
    assert_eq!(blocks.len(), 3);
    assert_eq!(blocks[0].text, "Ambassador");
    assert_eq!(
        blocks[0].kind,
        BlockKind::ListItem {
            depth: 1,
            marker: "•".into()
        }
    );
    assert_eq!(blocks[2].text, "dash item continued");
}

#[test]
fn a_list_after_an_introducing_line_is_still_a_list() {
    let blocks = parse("You need:\n- flour\n- water, as much as the flour\n  takes up\n");
    assert_eq!(
        texts(&blocks),
        ["You need:", "flour", "water, as much as the flour takes up"]
    );
}

#[test]
fn numbered_items_keep_their_number() {
    let blocks = parse("1. one\n2) two");
    assert_eq!(
        blocks[1].kind,
        BlockKind::ListItem {
            depth: 0,
            marker: "2.".into()
        }
    );
    assert_eq!(blocks[1].text, "two");
}

#[test]
fn quotes_and_code_are_recognised() {
    let blocks = parse(
        "> quoted text that was wrapped by the mail program when it\n> reached the width\n\n    fn main() {\n        body\n    }",
    );
    assert_eq!(kinds(&blocks), vec![&quote(1), &BlockKind::Code]);
    assert_eq!(
        blocks[0].text,
        "quoted text that was wrapped by the mail program when it reached the width"
    );
    assert_eq!(blocks[1].text, "fn main() {\n    body\n}");
}

#[test]
fn a_number_in_prose_is_not_a_list() {
    let blocks = parse("2018 was a year.\n");
    assert_eq!(kinds(&blocks), vec![&BlockKind::Paragraph]);
}

#[test]
fn empty_and_blank_text_gives_no_blocks() {
    assert!(parse("").is_empty());
    assert!(parse(" \n\n   \n").is_empty());
}

#[test]
fn each_quote_level_is_its_own_block_never_merged_with_the_text_around_it() {
    let text = "\
In article <1993Apr20.1@a.example>, bob@b.example (Bob) writes:
> > >>Rule #4: no quiz answers
> > >>before the quiz.
> > ^^^^^ this one
>anyone?
I disagree.
";
    let blocks = parse(text);
    let shown: Vec<(&BlockKind, &str)> =
        blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
    assert_eq!(
        shown,
        [
            (
                &BlockKind::Paragraph,
                "In article <1993Apr20.1@a.example>, bob@b.example (Bob) writes:"
            ),
            (&quote(4), "Rule #4: no quiz answers\nbefore the quiz."),
            (&quote(2), "^^^^^ this one"),
            (&quote(1), "anyone?"),
            (&BlockKind::Paragraph, "I disagree."),
        ]
    );
}

#[test]
fn a_quoted_paragraph_wrapped_at_the_width_is_joined_and_blank_quote_lines_split_it() {
    let text = "\
> The moon and the sun pull on the sea together twice a month, and
> the sea answers with its highest tides.
>
> A second paragraph.
";
    let blocks = parse(text);
    assert_eq!(
        texts(&blocks),
        [
            "The moon and the sun pull on the sea together twice a month, and the sea answers with its highest tides.",
            "A second paragraph."
        ]
    );
    assert!(blocks.iter().all(|b| b.kind == quote(1)));
}

#[test]
fn an_attribution_at_the_end_of_a_paragraph_gets_its_own_line() {
    let blocks = parse("Some reply text.\nOn Mon, 2 Mar 2026, Ann wrote:\n> quoted\n");
    assert_eq!(
        texts(&blocks),
        [
            "Some reply text.",
            "On Mon, 2 Mar 2026, Ann wrote:",
            "quoted"
        ]
    );
}

#[test]
fn a_signature_keeps_its_lines_in_a_block_of_its_own() {
    let text = "Reply.\n\n-- \nRainer Hochreiter | Telephone: +43 (1) 89100 / 3961\nELIN-Energieanwendung GesmbH |\n";
    let blocks = parse(text);
    assert_eq!(blocks[1].kind, BlockKind::Signature);
    assert_eq!(
        blocks[1].text,
        "--\nRainer Hochreiter | Telephone: +43 (1) 89100 / 3961\nELIN-Energieanwendung GesmbH |"
    );
}

#[test]
fn a_patch_is_kept_line_for_line_blank_lines_and_all() {
    let text = "\
Try this:

*** 1.1 1993/04/28 06:05:03
--- Imakefile 1993/04/30 10:11:12
***************
*** 1,3 ****
! all::
!   @echo \"\"

  clean::
--- 1,3 ----
! all:: xterm
Hope this helps.
";
    let blocks = parse(text);
    assert_eq!(
        kinds(&blocks),
        [
            &BlockKind::Paragraph,
            &BlockKind::Code,
            &BlockKind::Paragraph
        ]
    );
    assert_eq!(
        blocks[1].text,
        "*** 1.1 1993/04/28 06:05:03\n--- Imakefile 1993/04/30 10:11:12\n***************\n*** 1,3 ****\n! all::\n!   @echo \"\"\n\n  clean::\n--- 1,3 ----\n! all:: xterm"
    );
}

#[test]
fn lines_broken_on_purpose_are_kept_and_prose_is_joined() {
    let text = "\
The tide tables for the spring are printed at the back of this
letter, with the times of the new and the full moon beside them.

Thanks,
Ann Example
12 Harbour Road
";
    let blocks = parse(text);
    assert_eq!(
        texts(&blocks),
        [
            "The tide tables for the spring are printed at the back of this letter, with the times of the new and the full moon beside them.",
            "Thanks,\nAnn Example\n12 Harbour Road"
        ]
    );
}

#[test]
fn tables_aligned_with_spaces_keep_their_columns() {
    let text =
        "Tides this week:\n\nDay    High    Low\nMon    06:12   12:30\nTue    06:58   13:15\n";
    let blocks = parse(text);
    assert_eq!(blocks[1].kind, BlockKind::Code);
    assert_eq!(
        blocks[1].text,
        "Day    High    Low\nMon    06:12   12:30\nTue    06:58   13:15"
    );
}

#[test]
fn form_feeds_are_page_breaks() {
    let blocks = parse("Page one.\n^L\nPage two.\n^LPage three.\n^L\n");
    assert_eq!(
        texts(&blocks),
        [
            "Page one.",
            SEPARATOR,
            "Page two.",
            SEPARATOR,
            "Page three."
        ]
    );
    assert_eq!(texts(&parse("^L\nFirst.")), ["First."]);
}

#[test]
fn a_gutenberg_book_gives_title_and_author_and_its_licence_follows_the_book() {
    let text = "\
The Project Gutenberg eBook of The Tides

Title: The Tides

Author: Ann Example

*** START OF THE PROJECT GUTENBERG EBOOK THE TIDES ***

The sea rose.

*** END OF THE PROJECT GUTENBERG EBOOK THE TIDES ***

Section 1. General Terms of Use.
";
    let (blocks, meta) = parse_document(text);
    assert_eq!(meta.title.as_deref(), Some("The Tides"));
    assert_eq!(meta.byline.as_deref(), Some("Ann Example"));
    assert_eq!(blocks[0].text, "The sea rose.");
    assert_eq!(blocks[1].text, GUTENBERG_LICENCE);
    assert!(texts(&blocks).contains(&"Section 1. General Terms of Use."));
    let plain = parse_document("Just text.\n");
    assert_eq!(
        (texts(&plain.0), plain.1),
        (vec!["Just text."], Metadata::default())
    );
}

#[test]
fn underlined_lines_are_headings_and_rules_are_breaks() {
    let blocks = parse(
        "Tides\n=====\n\nThe sea.\n\nSpring tides\n------------\nText.\n---\n diffstat | 2 +-\n",
    );
    let shown: Vec<(&BlockKind, &str)> =
        blocks.iter().map(|b| (&b.kind, b.text.as_str())).collect();
    assert_eq!(
        shown,
        [
            (&BlockKind::Heading { level: 1 }, "Tides"),
            (&BlockKind::Paragraph, "The sea."),
            (&BlockKind::Heading { level: 2 }, "Spring tides"),
            (&BlockKind::Paragraph, "Text."),
            (&BlockKind::Paragraph, SEPARATOR),
            (&BlockKind::Paragraph, "diffstat | 2 +-"),
        ]
    );
    assert_eq!(rule_char("* * *"), Some('*'));
    assert_eq!(rule_char("--"), None);
    assert_eq!(rule_char("-=-"), None);
}
