//! Tests of the cleaner, on articles made for them: what goes, what stays, what it learns.

use super::*;
use crate::article::plain;

fn cleaned(text: &str) -> (Vec<Block>, Metadata) {
    clean(plain::parse(text), Metadata::default())
}

fn texts(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn interface_lines_before_the_title_go() {
    let (blocks, meta) = cleaned("Share Tweet Email\n\nA Title Here\n\nBody text.");
    assert_eq!(meta.title.as_deref(), Some("A Title Here"));
    assert_eq!(texts(&blocks), vec!["Body text."]);
}

#[test]
fn a_bare_date_becomes_the_date() {
    let (blocks, meta) = cleaned("March 3, 2021\n\nTitle\n\nBody.");
    assert_eq!(meta.date.as_deref(), Some("2021-03-03"));
    assert_eq!(texts(&blocks), vec!["Body."]);
}

#[test]
fn a_sentence_is_not_a_title() {
    let (blocks, meta) = cleaned("This opens with a sentence.\n\nAnd goes on.");
    assert_eq!(meta.title, None);
    assert_eq!(blocks.len(), 2);
}

#[test]
fn a_lone_paragraph_is_not_taken_as_the_title() {
    let (blocks, meta) = cleaned("Just one line");
    assert_eq!(meta.title, None);
    assert_eq!(texts(&blocks), vec!["Just one line"]);
}

#[test]
fn shouted_titles_take_the_body_casing() {
    let (_, meta) = cleaned(
        "THE RETURN OF THE ROMAN EMPIRE IN EUROPE\n\nHistorians in Europe say the Roman \
         Empire left roads. Every return is slow.",
    );
    assert_eq!(
        meta.title.as_deref(),
        Some("The return of the Roman Empire in Europe")
    );
    assert_eq!(
        meta.title_original.as_deref(),
        Some("THE RETURN OF THE ROMAN EMPIRE IN EUROPE")
    );
}

#[test]
fn a_byline_under_the_title_is_lifted() {
    let (blocks, meta) = cleaned("Title\n\nBy Jane Q. Public\n\nBody.");
    assert_eq!(meta.byline.as_deref(), Some("Jane Q. Public"));
    assert_eq!(texts(&blocks), vec!["Body."]);
}

#[test]
fn trailing_tag_bullets_go_but_a_real_list_stays() {
    let (blocks, _) = cleaned("Title\n\nBody.\n\n• Politics\n• Europe\n• Trending Now");
    assert_eq!(texts(&blocks), vec!["Body."]);
    let (blocks, _) = cleaned("Title\n\nBring these:\n\n• Water\n• Bread\n• Maps");
    assert_eq!(blocks.len(), 4, "an introduced list is content");
    let (blocks, _) = cleaned(
        "Title\n\nBody.\n\n- Buy milk before the shop closes.\n- Call the plumber about the sink.",
    );
    assert_eq!(blocks.len(), 3);
}

#[test]
fn author_box_gives_the_byline() {
    let text = "Title\n\nBody one.\n\nBody two.\n\nBody three.\n\nAbout the author\n\nMaria Lopez\n\n\
                Staff Writer\n\nBased in: Madrid";
    let (blocks, meta) = cleaned(text);
    assert_eq!(meta.byline.as_deref(), Some("Maria Lopez"));
    assert_eq!(
        texts(&blocks),
        vec!["Body one.", "Body two.", "Body three."]
    );
}

#[test]
fn an_author_box_followed_by_prose_is_kept() {
    let text = "Title\n\nBody one.\n\nAuthor\n\nMaria Lopez\n\nShe then went on to write many \
                more things that matter, at length, and this is a sentence.";
    let (blocks, meta) = cleaned(text);
    assert_eq!(meta.byline.as_deref(), Some("Maria Lopez"));
    assert_eq!(blocks.len(), 4);
}

#[test]
fn published_at_and_source_lines_give_the_source() {
    let (blocks, meta) = cleaned(
        "Title\n\nBody.\n\nOriginally published at https://www.example.org/post/1\n\nSource: [Title](#)",
    );
    assert_eq!(meta.source.as_deref(), Some("example.org"));
    assert_eq!(texts(&blocks), vec!["Body."]);
}

#[test]
fn paragraphs_split_by_a_page_break_are_joined() {
    let (blocks, _) = cleaned("Title\n\nIt bought military and civil\n\n\n\naircraft and more.");
    assert_eq!(
        texts(&blocks),
        vec!["It bought military and civil aircraft and more."]
    );
}

#[test]
fn marks_follow_a_joined_paragraph() {
    let mut second = Block::paragraph("aircraft and more.");
    second.marks = Box::new([Mark {
        range: 0..8,
        style: super::super::MarkStyle::Strong,
    }]);
    let blocks = vec![Block::paragraph("It bought civil"), second];
    let (blocks, _) = clean(blocks, Metadata::default());
    let mark = &blocks[0].marks[0];
    assert_eq!(&blocks[0].text[mark.range.clone()], "aircraft");
}

#[test]
fn prose_is_never_dropped() {
    let text = "Title\n\nFirst paragraph.\n\nPrint the form and sign it.\n\nLast words here.";
    let (blocks, _) = cleaned(text);
    assert_eq!(
        texts(&blocks),
        vec![
            "First paragraph.",
            "Print the form and sign it.",
            "Last words here."
        ]
    );
}

#[test]
fn domains_are_recognised() {
    assert_eq!(
        domain_of("valdaiclub.com").as_deref(),
        Some("valdaiclub.com")
    );
    assert_eq!(
        domain_of("(https://WWW.Example.co.uk/x)").as_deref(),
        Some("example.co.uk")
    );
    assert_eq!(domain_of("[Title](#)"), None);
    assert_eq!(domain_of("U.S."), None);
}

#[test]
fn a_date_glued_to_the_byline_becomes_the_date() {
    let byline = |text: &str, date: Option<&str>| {
        let meta = Metadata {
            byline: Some(text.to_owned()),
            date: date.map(str::to_owned),
            ..Metadata::default()
        };
        let (_, meta) = clean(plain::parse("Body."), meta);
        (meta.byline, meta.date)
    };
    let pair = |name: &str, date: &str| (Some(name.to_owned()), Some(date.to_owned()));
    assert_eq!(
        byline("Nathan Willis March 25, 2015", None),
        pair("Nathan Willis", "2015-03-25")
    );
    assert_eq!(
        byline("Ana Lee, 3 May 2019", Some("2019-05-04")),
        pair("Ana Lee", "2019-05-04")
    );
    assert_eq!(
        byline("Last Updated: January 7, 2025", Some("2020-07-10")),
        (None, Some("2020-07-10".to_owned()))
    );
    // A name without a date, and a byline that is only a date, stay as they are.
    assert_eq!(
        byline("Mary June Smith", None),
        (Some("Mary June Smith".to_owned()), None)
    );
    assert_eq!(
        byline("March 25, 2015", None),
        (Some("March 25, 2015".to_owned()), None)
    );
}

#[test]
fn a_lone_photo_label_goes_and_a_sentence_about_a_photo_stays() {
    let (blocks, _) =
        cleaned("Title\n\nFirst paragraph.\n\nPhoto\n\nImage:\n\nThe photo shows a mill.");
    assert_eq!(
        texts(&blocks),
        vec!["First paragraph.", "The photo shows a mill."]
    );
}
