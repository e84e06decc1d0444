use proptest::prelude::*;

use super::*;
use std::path::PathBuf;

use crate::article::Article;

const STAMP: &str = "0.1.0 test";
const ROOT: &str = "/home/ada/articles";

fn key(identity: &str) -> Key<'_> {
    Key {
        identity,
        size: 1234,
        modified: (1_700_000_000, 123_456_789),
        stem: "harbour",
    }
}

/// Where `markdown_article`'s text is, for the raw view.
const FILE: &str = "/home/ada/articles/harbour.md";

/// An article with a bit of everything: marks, links, a list item, a note, and where its text
/// is (read from `FILE`).
fn markdown_article(shown: &str) -> Article {
    let mut article = Article::from_text(
        "/home/ada/articles/harbour.md",
        "harbour",
        Format::Markdown,
        "---\ntitle: The harbour\nauthor: Ada\n---\n\n# Tides\n\nThe *harbour* at **dawn**, \
         see [the map](https://example.org/map).\n\n- one\n- two\n\n> quoted\n\n```\ncode\n```\n",
    );
    article.path = shown.to_owned();
    article.read_from(PathBuf::from(FILE), None);
    article
}

type Encoded = (Vec<u8>, Vec<u8>);

fn file_of(entries: &[Encoded]) -> Vec<u8> {
    file(
        STAMP,
        ROOT,
        entries.iter().map(|(e, r)| (e.as_slice(), r.as_slice())),
    )
}

/// A cache file's entries and originals, checked as a reader checks them.
fn open(file: &[u8]) -> Option<(HashMap<&str, Entry<'_>>, &[u8])> {
    let head = head(file, STAMP, ROOT)?;
    let entries = file.get(head.length..head.length + head.entries.length)?;
    let originals = file.get(head.length + head.entries.length..)?;
    if !head.entries.holds(entries) || !head.originals.holds(originals) {
        return None;
    }
    Some((index(entries, originals.len())?, originals))
}

#[test]
fn an_entry_reads_back_as_it_was_written_under_another_shown_path() {
    let article = markdown_article("articles/harbour.md");
    assert!(!article.links.is_empty() && article.blocks.iter().any(|b| !b.marks.is_empty()));
    let entry = encode_entry(
        &key("/a/harbour.md"),
        "articles/harbour.md",
        std::slice::from_ref(&article),
        true,
    )
    .unwrap();
    let file = file_of(&[entry]);
    let (index, originals) = open(&file).unwrap();
    let stored = &index["/a/harbour.md"];
    assert_eq!(stored.key, key("/a/harbour.md"));
    assert!(stored.filterable);
    assert_eq!(
        stored
            .articles("articles/harbour.md", Some((Path::new(FILE), originals)))
            .unwrap(),
        vec![article.clone()]
    );
    // Named another way this time: the path is the new one, everything else the same.
    let elsewhere = stored
        .articles("./articles/harbour.md", Some((Path::new(FILE), originals)))
        .unwrap();
    assert_eq!(elsewhere[0].path, "./articles/harbour.md");
    assert_eq!(elsewhere[0].blocks, article.blocks);
    // Without the original.
    let without_original = stored.articles("articles/harbour.md", None).unwrap();
    assert_eq!(without_original[0].original, Original::default());
    assert_eq!(without_original[0].blocks, article.blocks);
}

#[test]
fn the_messages_of_an_mbox_keep_their_numbers() {
    let mut first = markdown_article("list.mbox#1");
    first.format = Format::Mail;
    let mut second = first.clone();
    second.path = "list.mbox#2".to_owned();
    second.id = "0123456789ab".to_owned();
    let entry = encode_entry(&key("/m/list.mbox"), "list.mbox", &[first, second], false).unwrap();
    let file = file_of(&[entry]);
    let (index, _) = open(&file).unwrap();
    let paths: Vec<String> = index["/m/list.mbox"]
        .articles("mail/list.mbox", None)
        .unwrap()
        .into_iter()
        .map(|a| a.path)
        .collect();
    assert_eq!(paths, ["mail/list.mbox#1", "mail/list.mbox#2"]);
}

#[test]
fn what_cannot_be_rebuilt_is_not_stored() {
    let mut article = markdown_article("a.md");
    article.title = "\u{feff}a byte-order mark".to_owned();
    assert!(encode_entry(&key("/a.md"), "a.md", &[article], false).is_none());
    // An article that keeps its text (from a pipe) cannot be read again from the file.
    let mut article = markdown_article("a.md");
    article.original = Original::Kept("text".to_owned());
    assert!(encode_entry(&key("/a.md"), "a.md", &[article], false).is_none());
    // A path that is not under the shown path cannot be rebuilt.
    assert!(encode_entry(&key("/a.md"), "b.md", &[markdown_article("a.md")], false).is_none());
}

#[test]
fn another_schema_stamp_or_root_is_not_read() {
    let entry = encode_entry(&key("/a.md"), "a.md", &[markdown_article("a.md")], false).unwrap();
    let good = file_of(&[entry]);
    assert!(head(&good, STAMP, ROOT).is_some());
    assert!(head(&good, "0.1.1 test", ROOT).is_none());
    assert!(head(&good, STAMP, "/home/ada").is_none());
    let mut other_schema = good.clone();
    other_schema[MAGIC.len()..MAGIC.len() + 4].copy_from_slice(&(SCHEMA + 1).to_le_bytes());
    assert!(head(&other_schema, STAMP, ROOT).is_none());
}

#[test]
fn every_truncation_and_every_flipped_byte_is_refused() {
    let entries: Vec<Encoded> = ["/a.md", "/b.md"]
        .iter()
        .map(|identity| {
            encode_entry(&key(identity), "a.md", &[markdown_article("a.md")], false).unwrap()
        })
        .collect();
    let good = file_of(&entries);
    for length in 0..good.len() {
        assert!(open(&good[..length]).is_none(), "cut at {length}");
    }
    for at in 0..good.len() {
        let mut bad = good.clone();
        bad[at] ^= 0x10;
        assert!(open(&bad).is_none(), "byte {at} flipped");
    }
}

#[test]
fn an_empty_cache_file_is_a_cache_of_nothing() {
    let file = file_of(&[]);
    assert!(open(&file).unwrap().0.is_empty());
}

#[test]
fn entries_copied_from_one_file_make_the_next() {
    let a = encode_entry(&key("/a.md"), "a.md", &[markdown_article("a.md")], false).unwrap();
    let b = encode_entry(&key("/b.md"), "b.md", &[markdown_article("b.md")], false).unwrap();
    let first = file_of(&[a, b]);
    let (index, originals) = open(&first).unwrap();
    let b = &index["/b.md"];
    let second = file(
        STAMP,
        ROOT,
        std::iter::once((b.bytes, &originals[b.originals.clone()])),
    );
    let (kept, originals) = open(&second).unwrap();
    assert_eq!(kept.len(), 1);
    let article = &kept["/b.md"]
        .articles("b.md", Some((Path::new(FILE), originals)))
        .unwrap()[0];
    assert_eq!(article.path, "b.md");
    assert_eq!(article.original, markdown_article("b.md").original);
}

/// A mark's range in the middle of a character, or outside its text, or a heading of level 9:
/// read back, such an entry is refused rather than panicking later in drawing.
#[test]
fn a_body_with_a_bad_mark_or_level_is_refused() {
    let mut article = markdown_article("a.md");
    article.blocks = vec![Block::paragraph("café")];
    article.blocks[0].marks = vec![Mark {
        range: 0..4,
        style: MarkStyle::Strong,
    }];
    let entry = encode_entry(&key("/a.md"), "a.md", &[article.clone()], false).unwrap();
    let file = file_of(&[entry]);
    let (index, _) = open(&file).unwrap();
    assert!(
        index["/a.md"].articles("a.md", None).is_none(),
        "0..4 cuts é"
    );
    article.blocks = vec![Block::new(BlockKind::Heading { level: 9 }, "Nine")];
    let entry = encode_entry(&key("/a.md"), "a.md", &[article], false).unwrap();
    let file = file_of(&[entry]);
    let (index, _) = open(&file).unwrap();
    assert!(index["/a.md"].articles("a.md", None).is_none());
}

fn text() -> impl Strategy<Value = String> {
    // Sanitized text: no control characters but the line break.
    "[a-zA-Z0-9 .,é日\n-]{0,40}"
}

fn block() -> impl Strategy<Value = Block> {
    let kind = prop_oneof![
        (1u8..=6).prop_map(|level| BlockKind::Heading { level }),
        Just(BlockKind::Paragraph),
        any::<u8>().prop_map(|depth| BlockKind::Quote { depth }),
        Just(BlockKind::Signature),
        (any::<u8>(), "[0-9•.]{0,3}")
            .prop_map(|(depth, marker)| BlockKind::ListItem { depth, marker }),
        Just(BlockKind::Code),
    ];
    (kind, text(), 0usize..4).prop_map(|(kind, text, marks)| {
        let ends: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let marks = (0..marks.min(ends.len() - 1))
            .map(|i| Mark {
                range: ends[i]..ends[i + 1],
                style: [
                    MarkStyle::Emphasis,
                    MarkStyle::Strong,
                    MarkStyle::Code,
                    MarkStyle::Link,
                ][i],
            })
            .collect();
        Block { kind, text, marks }
    })
}

fn article() -> impl Strategy<Value = Article> {
    (
        (
            text(),
            text(),
            proptest::option::of(text()),
            proptest::option::of(text()),
        ),
        (
            0usize..4,
            0usize..100_000,
            prop::collection::vec(text(), 0..3),
        ),
        (
            prop::collection::vec(text(), 0..3),
            prop::collection::vec(block(), 0..6),
            (proptest::option::of(1usize..100_000), any::<u64>()),
        ),
    )
        .prop_map(
            |(
                (id, title, byline, date),
                (format, word_count, notes),
                (links, blocks, (message, digest)),
            )| {
                Article {
                    id,
                    title,
                    title_original: None,
                    byline,
                    date,
                    source: None,
                    url: Some("https://example.org/".to_owned()),
                    path: "shown/path.txt#2".to_owned(),
                    format: [Format::Text, Format::Markdown, Format::Html, Format::Mail][format],
                    word_count,
                    notes,
                    blocks,
                    original: Original::File {
                        path: PathBuf::from(FILE),
                        message,
                        digest,
                    },
                    links,
                }
            },
        )
}

proptest! {
    #[test]
    fn any_articles_read_back_as_they_were(articles in prop::collection::vec(article(), 0..4)) {
        let entry = encode_entry(&key("/x"), "shown/path.txt", &articles, false).unwrap();
        let file = file_of(&[entry]);
        let (index, originals) = open(&file).unwrap();
        prop_assert_eq!(index["/x"].articles("shown/path.txt", Some((Path::new(FILE), originals))).unwrap(), articles);
    }

    /// Whatever the bytes after a valid head (the checksum made right, as a careless or hostile
    /// writer could), reading never panics.
    #[test]
    fn any_body_is_read_or_refused_without_a_panic(
        garbage in prop::collection::vec(any::<u8>(), 0..200),
        originals in prop::collection::vec(any::<u8>(), 0..50),
    ) {
        let file = file(STAMP, ROOT, std::iter::once((garbage.as_slice(), originals.as_slice())));
        if let Some((index, originals)) = open(&file) {
            for entry in index.values() {
                let _ = entry.articles("p", Some((Path::new(FILE), originals)));
            }
        }
    }
}

#[test]
fn a_word_is_looked_for_in_the_articles_text() {
    let article = markdown_article("a.md");
    let entry = encode_entry(&key("/a.md"), "a.md", &[article], false).unwrap();
    let file = file_of(&[entry]);
    let (index, _) = open(&file).unwrap();
    let holds = |word: &'static str| {
        move |bytes: &[u8]| bytes.windows(word.len()).any(|w| w == word.as_bytes())
    };
    assert!(index["/a.md"].may_hold(holds("harbour")));
    assert!(index["/a.md"].may_hold(holds("example.org/map")), "a link");
    assert!(!index["/a.md"].may_hold(holds("zebra")));
}

#[test]
fn headers_are_the_articles_without_their_blocks() {
    let articles = [markdown_article("a.md"), markdown_article("a.md")];
    let entry = encode_entry(&key("/a.md"), "a.md", &articles, false).unwrap();
    let file = file_of(&[entry]);
    let (index, _) = open(&file).unwrap();
    let mut expected = index["/a.md"].articles("a.md", None).unwrap();
    expected.iter_mut().for_each(|a| a.blocks.clear());
    assert_eq!(index["/a.md"].headers("a.md").unwrap(), expected);
}
