use proptest::prelude::*;

use super::*;
use std::ops::Range;
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

/// An entry of one article for each identity, its path the identity itself.
fn entries_of(identities: &[&str]) -> Vec<Encoded> {
    (identities.iter())
        .map(|identity| {
            let article = markdown_article(identity);
            encode_entry(&key(identity), "", &[article], false).unwrap()
        })
        .collect()
}

fn file_of(entries: &[Encoded]) -> Vec<u8> {
    file(STAMP, ROOT, entries.iter().map(Encoded::parts))
}

/// A cache file as a reader sees it: its entries (checked), its section of bodies (each checked
/// when it is used) and its originals (checked).
struct Opened<'a> {
    index: Index<'a>,
    bodies: &'a [u8],
    originals: &'a [u8],
}

impl Opened<'_> {
    fn body(&self, identity: &str) -> Option<Body<'_>> {
        self.index
            .get(identity, None)
            .unwrap()
            .1
            .body(self.bodies, 0)
    }

    /// The articles of an entry, with where their text is.
    fn articles(&self, identity: &str, shown: &str) -> Option<Vec<Article>> {
        let originals = Some((Path::new(FILE), self.originals));
        self.index.get(identity, None).unwrap().1.articles(
            shown,
            Some(self.body(identity)?),
            originals,
        )
    }
}

fn open(file: &[u8]) -> Option<Opened<'_>> {
    let head = head(file, STAMP, ROOT)?;
    let entries = file.get(head.length..head.bodies_offset())?;
    let bodies = file.get(head.bodies_offset()..head.originals_offset())?;
    let originals = file.get(head.originals_offset()..)?;
    if !head.entries.holds(entries) || !head.originals.holds(originals) {
        return None;
    }
    let index = index(entries, bodies.len(), originals.len())?;
    // As a load would: an entry whose body is not right is parsed again.
    for entry in index.iter() {
        entry.body(bodies, 0)?;
    }
    Some(Opened {
        index,
        bodies,
        originals,
    })
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
    let opened = open(&file).unwrap();
    let stored = &opened.index.get("/a/harbour.md", None).unwrap().1;
    assert_eq!(stored.key, key("/a/harbour.md"));
    assert!(stored.filterable);
    assert_eq!(
        opened
            .articles("/a/harbour.md", "articles/harbour.md")
            .unwrap(),
        vec![article.clone()]
    );
    // Named another way this time: the path is the new one, everything else the same.
    let elsewhere = opened
        .articles("/a/harbour.md", "./articles/harbour.md")
        .unwrap();
    assert_eq!(elsewhere[0].path, "./articles/harbour.md");
    assert_eq!(elsewhere[0].blocks, article.blocks);
    // Without the original.
    let body = opened.body("/a/harbour.md").unwrap();
    let without_original = stored
        .articles("articles/harbour.md", Some(body), None)
        .unwrap();
    assert_eq!(without_original[0].original, Original::default());
    assert_eq!(without_original[0].blocks, article.blocks);
    // Without the body, its blocks read apart: how the interface lists a long article first.
    let mut later = stored.articles("articles/harbour.md", None, None).unwrap();
    assert!(later[0].blocks.is_empty());
    later[0].blocks = stored.blocks(body).unwrap().remove(0);
    assert_eq!(later, without_original);
}

#[test]
fn the_first_entries_are_read_before_the_rest_each_checked_on_its_own() {
    let entries = entries_of(&["/a/1.md", "/a/2.md", "/a/3.md"]);
    let file = file_of(&entries);
    // The length a writer is told before it writes (to keep the cache within its bound).
    let length = file_length(STAMP, ROOT, entries.iter().map(Encoded::parts));
    assert_eq!(length, file.len() as u64);
    let at = head(&file, STAMP, ROOT).unwrap();
    let section = &file[at.length..at.bodies_offset()];
    let (bodies, originals) = (at.bodies_length, at.originals.length);
    let identities = |index: &Index| -> Vec<String> {
        index.iter().map(|e| e.key.identity.to_owned()).collect()
    };
    let all = identities(&index(section, bodies, originals).unwrap());
    assert_eq!(all, ["/a/1.md", "/a/2.md", "/a/3.md"]);
    assert_eq!(identities(&glimpse(section, bodies, originals)), all);
    // Cut inside the third entry: the two before it.
    let two = entries[0].entry.len() + entries[1].entry.len();
    let cut = glimpse(&section[..two + 10], bodies, originals);
    assert_eq!(identities(&cut), all[..2]);
    // Its positions are those of all the entries, for the guesses of a load.
    assert_eq!(cut.get("/a/2.md", None).unwrap().0, 1);
    // A byte of the second entry changed: the first alone.
    let mut damaged = section.to_vec();
    damaged[entries[0].entry.len() + 12] ^= 0x20;
    assert_eq!(identities(&glimpse(&damaged, bodies, originals)), all[..1]);
    assert!(
        !at.entries.holds(&damaged),
        "read whole, its checksum says so"
    );
    // An entry whose body would reach past the section of bodies is not trusted either.
    let short = entries[0].body.len() + entries[1].body.len();
    assert_eq!(identities(&glimpse(section, short, originals)), all[..2]);
}

#[test]
fn the_places_of_the_entries_find_each_one_read_again_apart() {
    let entries = entries_of(&["/a/1.md", "/a/2.md", "/a/3.md"]);
    let file = file_of(&entries);
    let at = head(&file, STAMP, ROOT).unwrap();
    let section = &file[at.length..at.bodies_offset()];
    let (bodies, originals) = (at.bodies_length, at.originals.length);
    let places = Places::new(section, bodies, originals).unwrap();
    let all = index(section, bodies, originals).unwrap();
    assert_eq!(places.len(), 3);
    for (position, entry) in all.iter().enumerate() {
        // Found at the guess, and from anywhere else.
        let identity = entry.key.identity;
        assert_eq!(places.position_of(identity, position), Some(position));
        assert_eq!(places.position_of(identity, 7), Some(position));
        assert_eq!(places.body(position), Some(entry.body.clone()));
        assert_eq!(places.originals(position), Some(entry.originals.clone()));
        // Read from the bytes of the entry alone, as a chunk of files reads its own.
        let range = places.entry(position).unwrap();
        assert_eq!(&section[range.clone()], entry.bytes);
        let read = places
            .read(&section[range.clone()], range.start, position)
            .unwrap();
        assert_eq!(read.bytes, entry.bytes);
        assert_eq!(read.body, entry.body);
        // Not from bytes that do not hold all of it, nor from an entry changed since.
        assert!(
            places
                .read(
                    &section[range.start + 1..range.end],
                    range.start + 1,
                    position
                )
                .is_none()
        );
        let mut changed = section[range.clone()].to_vec();
        *changed.last_mut().unwrap() ^= 0x01;
        assert!(places.read(&changed, range.start, position).is_none());
    }
    assert_eq!(places.position_of("/a/4.md", 0), None);
    // Bodies or originals that do not add up to their sections: no places at all.
    assert!(Places::new(section, bodies + 1, originals).is_none());
    assert!(Places::new(section, bodies, originals - 1).is_none());
    assert!(Places::new(&section[..section.len() - 1], bodies, originals).is_none());
}

#[test]
fn the_messages_of_an_mbox_keep_their_numbers() {
    let mut first = markdown_article("list.mbox#1");
    first.format = Format::Mail;
    first.notes = vec!["the date could not be read".to_owned()];
    let mut second = first.clone();
    second.path = "list.mbox#2".to_owned();
    second.id = "0123456789ab".to_owned();
    let entry = encode_entry(&key("/m/list.mbox"), "list.mbox", &[first, second], false).unwrap();
    let file = file_of(&[entry]);
    let opened = open(&file).unwrap();
    let paths: Vec<String> = opened
        .articles("/m/list.mbox", "mail/list.mbox")
        .unwrap()
        .into_iter()
        .map(|a| a.path)
        .collect();
    assert_eq!(paths, ["mail/list.mbox#1", "mail/list.mbox#2"]);
    // What `folio search --count` needs of them: their paths, formats and notes.
    let stored = &opened.index.get("/m/list.mbox", None).unwrap().1;
    let heads = stored.headers("mail/list.mbox").unwrap();
    let light = stored.paths("mail/list.mbox").unwrap();
    assert_eq!(light.len(), 2);
    for (light, head) in light.iter().zip(&heads) {
        assert_eq!(
            (&light.path, light.format, &light.notes),
            (&head.path, head.format, &head.notes)
        );
        assert!(!head.notes.is_empty() && light.title.is_empty() && light.id.is_empty());
    }
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
    assert!(open(&file).unwrap().index.is_empty());
}

#[test]
fn entries_copied_from_one_file_make_the_next() {
    let a = encode_entry(&key("/a.md"), "a.md", &[markdown_article("a.md")], false).unwrap();
    let b = encode_entry(&key("/b.md"), "b.md", &[markdown_article("b.md")], false).unwrap();
    let first = file_of(&[a, b]);
    let opened = open(&first).unwrap();
    let b = &opened.index.get("/b.md", None).unwrap().1;
    let second = file(
        STAMP,
        ROOT,
        std::iter::once(Parts {
            entry: Held::Bytes(b.bytes),
            body: Held::Bytes(&opened.bodies[b.body.clone()]),
            originals: Held::Bytes(&opened.originals[b.originals.clone()]),
        }),
    );
    let kept = open(&second).unwrap();
    assert_eq!(kept.index.len(), 1);
    let article = &kept.articles("/b.md", "b.md").unwrap()[0];
    assert_eq!(article.path, "b.md");
    assert_eq!(article.original, markdown_article("b.md").original);
}

#[test]
fn parts_held_elsewhere_are_read_a_run_of_neighbours_at_a_time() {
    let entries = entries_of(&["/a.md", "/b.md", "/c.md"]);
    let first = file_of(&entries);
    let opened = open(&first).unwrap();
    let at = head(&first, STAMP, ROOT).unwrap();
    let in_first = |bytes: &[u8]| {
        let start = bytes.as_ptr() as usize - first.as_ptr() as usize;
        start..start + bytes.len()
    };
    let kept: Vec<Parts> = (opened.index.iter())
        .map(|e| Parts {
            entry: Held::Stored(in_first(e.bytes)),
            body: Held::Stored(at.bodies_offset() + e.body.start..at.bodies_offset() + e.body.end),
            originals: Held::Bytes(&opened.originals[e.originals.clone()]),
        })
        .collect();
    // What a load spilled of b: its entry, body and originals, one after the other.
    let b = &entries[1];
    let spill = [&b.entry[..], &b.body, &b.originals].concat();
    let (entry, body) = (b.entry.len() as u64, b.body.len() as u64);
    let spilled = Parts {
        entry: Held::Spilled(0..entry),
        body: Held::Spilled(entry..entry + body),
        originals: Held::Spilled(entry + body..spill.len() as u64),
    };
    let reads = std::cell::Cell::new(0);
    let mut read = |held: &Held, into: &mut Vec<u8>| {
        reads.set(reads.get() + 1);
        into.clear();
        match held {
            Held::Stored(range) => into.extend_from_slice(&first[range.clone()]),
            Held::Spilled(range) => {
                into.extend_from_slice(&spill[range.start as usize..range.end as usize])
            }
            Held::Bytes(_) => return false,
        }
        true
    };
    // Every entry kept; b made anew, in memory; b spilled. Kept neighbours are read together
    // (the entries, then the bodies); b between a and c parts them.
    for (b, runs) in [(&kept[1], 2), (&b.parts(), 4), (&spilled, 7)] {
        let parts = [kept[0].clone(), b.clone(), kept[2].clone()];
        let length = file_length(STAMP, ROOT, parts.iter().cloned());
        let mut again = std::io::Cursor::new(Vec::new());
        write_file(&mut again, STAMP, ROOT, parts.iter().cloned(), &mut read).unwrap();
        assert!(again.get_ref() == &first, "the same file again");
        assert_eq!(length, first.len() as u64);
        assert_eq!(reads.replace(0), runs);
    }
    // A part that cannot be read: the write fails (and the old file stays).
    let mut again = std::io::Cursor::new(Vec::new());
    let failed = write_file(
        &mut again,
        STAMP,
        ROOT,
        kept.iter().cloned(),
        &mut |_, _| false,
    );
    assert!(failed.is_err());
}

#[test]
fn a_part_longer_than_a_run_is_read_a_run_at_a_time() {
    let mut article = markdown_article("a.md");
    article.blocks = vec![Block::paragraph("harbour ".repeat(300_000).trim_end())];
    let entry = encode_entry(&key("/a.md"), "a.md", &[article], false).unwrap();
    let first = file_of(std::slice::from_ref(&entry));
    let at = head(&first, STAMP, ROOT).unwrap();
    let parts = Parts {
        entry: Held::Bytes(&entry.entry),
        body: Held::Stored(at.bodies_offset()..at.originals_offset()),
        originals: Held::Bytes(&entry.originals),
    };
    let longest = std::cell::Cell::new(0);
    let mut read = |held: &Held, into: &mut Vec<u8>| {
        let Held::Stored(range) = held else {
            return false;
        };
        longest.set(longest.get().max(range.len()));
        into.clear();
        into.extend_from_slice(&first[range.clone()]);
        true
    };
    let mut again = std::io::Cursor::new(Vec::new());
    write_file(&mut again, STAMP, ROOT, std::iter::once(parts), &mut read).unwrap();
    assert!(again.get_ref() == &first);
    assert!(entry.body.len() > 2 * 1024 * 1024);
    assert_eq!(longest.get(), 1024 * 1024);
}

/// A mark's range in the middle of a character, or outside its text, or a heading of level 9:
/// read back, such an entry is refused rather than panicking later in drawing.
#[test]
fn a_body_with_a_bad_mark_or_level_is_refused() {
    let mut article = markdown_article("a.md");
    article.blocks = vec![Block::paragraph("café")];
    article.blocks[0].marks = Box::new([Mark {
        range: 0..4,
        style: MarkStyle::Strong,
    }]);
    let entry = encode_entry(&key("/a.md"), "a.md", &[article.clone()], false).unwrap();
    let file = file_of(&[entry]);
    let opened = open(&file).unwrap();
    assert!(opened.articles("/a.md", "a.md").is_none(), "0..4 cuts é");
    article.blocks = vec![Block::new(BlockKind::Heading { level: 9 }, "Nine")];
    let entry = encode_entry(&key("/a.md"), "a.md", &[article], false).unwrap();
    let file = file_of(&[entry]);
    let opened = open(&file).unwrap();
    assert!(opened.articles("/a.md", "a.md").is_none());
    let counted = opened
        .index
        .get("/a.md", None)
        .unwrap()
        .1
        .count_in_body(opened.body("/a.md").unwrap(), |_, _| 1);
    assert!(
        counted.is_none(),
        "a search reads the kinds as the reader does"
    );
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
        (any::<u8>(), "[0-9•.]{0,3}").prop_map(|(depth, marker)| BlockKind::ListItem {
            depth,
            marker: marker.into(),
        }),
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
        let opened = open(&file).unwrap();
        prop_assert_eq!(opened.articles("/x", "shown/path.txt").unwrap(), articles.clone());
        // A search counts in the stored text what it would count in the articles' blocks.
        let count = |text: &str| text.matches('e').count();
        let in_parts = |text: &[u8], parts: &[Range<usize>]| {
            parts.iter().map(|p| count(std::str::from_utf8(&text[p.clone()]).unwrap())).sum()
        };
        let counted = opened.index.get("/x", None).unwrap().1.count_in_body(opened.body("/x").unwrap(), in_parts);
        let expected: Vec<usize> = articles
            .iter()
            .map(|a| a.blocks.iter().map(|b| count(&b.text)).sum())
            .collect();
        prop_assert_eq!(counted.unwrap(), expected);
    }

    /// Whatever the bytes after a valid head (the checksum made right, as a careless or hostile
    /// writer could), reading never panics.
    #[test]
    fn any_body_is_read_or_refused_without_a_panic(
        garbage in prop::collection::vec(any::<u8>(), 0..200),
        body in prop::collection::vec(any::<u8>(), 0..200),
        originals in prop::collection::vec(any::<u8>(), 0..50),
    ) {
        let parts = Parts {
            entry: Held::Bytes(&garbage),
            body: Held::Bytes(&body),
            originals: Held::Bytes(&originals),
        };
        let file = file(STAMP, ROOT, std::iter::once(parts));
        if let Some(opened) = open(&file) {
            for entry in opened.index.iter() {
                let identity = entry.key.identity;
                let _ = opened.articles(identity, "p");
                let _ = entry.headers("p");
                let _ = entry.peek();
                if let Some(body) = opened.body(identity) {
                    let _ = entry.count_in_body(body, |text, parts| {
                        parts.iter().map(|p| text[p.clone()].len()).sum()
                    });
                }
            }
        }
    }

    /// A body that is not what the checksum says is refused.
    #[test]
    fn a_body_changed_after_it_was_written_is_refused(at in 0usize..1000) {
        let entry = encode_entry(&key("/a.md"), "a.md", &[markdown_article("a.md")], false).unwrap();
        let mut body = entry.body.clone();
        let at = at % body.len();
        body[at] ^= 0x04;
        let parts = Parts {
            entry: Held::Bytes(&entry.entry),
            body: Held::Bytes(&body),
            originals: Held::Bytes(&entry.originals),
        };
        let file = file(STAMP, ROOT, std::iter::once(parts));
        prop_assert!(open(&file).is_none());
    }
}

#[test]
fn a_word_is_looked_for_in_the_articles_text() {
    let article = markdown_article("a.md");
    let entry = encode_entry(&key("/a.md"), "a.md", &[article], false).unwrap();
    let file = file_of(&[entry]);
    let opened = open(&file).unwrap();
    let holds = |word: &'static str| {
        move |bytes: &[u8]| bytes.windows(word.len()).any(|w| w == word.as_bytes())
    };
    let (entry, body) = (
        &opened.index.get("/a.md", None).unwrap().1,
        opened.body("/a.md").unwrap(),
    );
    assert!(entry.may_hold(body, holds("harbour")));
    assert!(entry.may_hold(body, holds("The harbour")), "a title");
    assert!(entry.may_hold(body, holds("example.org/map")), "a link");
    assert!(entry.may_hold(body, holds("quoted")), "a block");
    assert!(!entry.may_hold(body, holds("zebra")));
}

#[test]
fn headers_are_the_articles_without_their_blocks() {
    let articles = [markdown_article("a.md"), markdown_article("a.md")];
    let entry = encode_entry(&key("/a.md"), "a.md", &articles, false).unwrap();
    let file = file_of(&[entry]);
    let opened = open(&file).unwrap();
    let mut expected = opened.articles("/a.md", "a.md").unwrap();
    expected.iter_mut().for_each(|a| {
        a.blocks.clear();
        a.original = Original::default();
    });
    assert_eq!(
        opened
            .index
            .get("/a.md", None)
            .unwrap()
            .1
            .headers("a.md")
            .unwrap(),
        expected
    );
    let peeked = opened.index.get("/a.md", None).unwrap().1.peek().unwrap();
    let titles: Vec<(&str, usize)> = expected
        .iter()
        .map(|a| (a.title.as_str(), a.notes.len()))
        .collect();
    assert_eq!(peeked, titles);
}
