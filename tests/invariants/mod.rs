//! What must hold for any input, as functions that panic when it does not: shared by the property
//! tests (`tests/properties.rs`, run by `cargo test`) and the fuzz targets (`fuzz/`, which include
//! this file by path), so a fuzzer and a test check exactly the same thing.
//!
//! Uses only folio's public API and its dependencies, no test framework.

#![allow(dead_code)] // each user calls a different part

use folio::article::{Article, Format, MAX_BLOCK_BYTES};
use folio::bookmarks::{BookmarksFile, Selection, capture, resolve_passage};
use folio::positions::StateFile;
use folio::sanitize::{is_terminal_safe, sanitize, sanitize_line};
use folio::search::{Query, snippet};
use folio::store::parse;
use folio::wrap::{Layout, Part, Spot, cell_width, prefix};
use unicode_segmentation::UnicodeSegmentation;

/// The sanitizer: output a terminal will not act on, one line from `sanitize_line`, and nothing
/// left to change when run again.
pub fn sanitizer(text: &str) {
    let clean = sanitize(text);
    assert!(is_terminal_safe(&clean), "{text:?} -> {clean:?}");
    assert!(
        !clean.contains('\t') && !clean.contains('\u{feff}'),
        "{clean:?}"
    );
    assert_eq!(sanitize(&clean), clean, "not idempotent on {text:?}");
    let line = sanitize_line(text);
    assert!(is_terminal_safe(&line) && !line.contains('\n'), "{line:?}");
}

/// The decoder: no panic; text without carriage returns; valid UTF-8 (no BOM, no early NUL) comes
/// back as it was, line endings aside.
pub fn decoder(bytes: &[u8]) {
    let Ok(decoded) = folio::decode::decode(bytes) else {
        return;
    };
    assert!(!decoded.text.contains('\r'));
    let sniffed = &bytes[..bytes.len().min(folio::decode::BINARY_SNIFF_LEN)];
    if let Ok(text) = std::str::from_utf8(bytes)
        && !sniffed.contains(&0)
        && !text.starts_with('\u{feff}')
        && !bytes.starts_with(&[0xff, 0xfe])
        && !bytes.starts_with(&[0xfe, 0xff])
    {
        assert_eq!(decoded.text, text.replace("\r\n", "\n").replace('\r', "\n"));
    }
    sanitizer(&decoded.text);
}

/// The loader and the layout: every string of the article is terminal-safe, blocks respect their
/// size limit, and at `width` every line is a slice of its text on `char` boundaries, the lines of
/// a block cover it without overlaps and without gaps but its hard line breaks, and each fits (but
/// for a lone wide grapheme).
pub fn loader(text: &str, format: Format, width: usize) {
    let article = Article::from_text("fuzz/input.txt", "fallback", format, text);
    let raw = article.original.kept().expect("built in memory, so kept");
    for field in [article.title.as_str(), &article.path, raw]
        .into_iter()
        .chain(article.title_original.as_deref())
        .chain(article.byline.as_deref())
        .chain(article.date.as_deref())
        .chain(article.source.as_deref())
    {
        assert!(is_terminal_safe(field), "{field:?}");
    }
    for one_line in [&article.title, &article.path]
        .into_iter()
        .chain(&article.byline)
        .chain(&article.date)
    {
        assert!(!one_line.contains('\n'), "{one_line:?}");
    }
    for block in &article.blocks {
        assert!(is_terminal_safe(&block.text), "{:?}", block.text);
        assert!(
            block.text.len() <= MAX_BLOCK_BYTES,
            "{} bytes",
            block.text.len()
        );
    }
    layout(&article, width);
}

fn layout(article: &Article, width: usize) {
    let layout = Layout::new(article, width);
    let view = layout.view(article);
    let meta = article.meta_line();
    let mut covered = vec![0usize; article.blocks.len()];
    let mut lines = 0usize;
    for (spot, line) in view.lines_from(Spot::default()) {
        lines += 1;
        let (prefix_text, text) = match line.part {
            Part::Title => (String::new(), &article.title),
            Part::Meta => (String::new(), &meta),
            Part::Note(index) => (String::new(), &article.notes[index]),
            Part::Blank => continue,
            Part::Block(index) => {
                let block = &article.blocks[index];
                // Lines follow each other; only a hard line break is on no line.
                let between = block.text.get(covered[index]..line.range.start);
                assert!(
                    matches!(between, Some("" | "\n")),
                    "gap or overlap before {spot:?}: {between:?}"
                );
                covered[index] = line.range.end;
                (prefix(&block.kind, line.first), &block.text)
            }
        };
        assert!(line.range.start <= line.range.end && line.range.end <= text.len());
        assert!(text.is_char_boundary(line.range.start) && text.is_char_boundary(line.range.end));
        let shown = text[line.range.clone()].trim_end();
        let one_grapheme = shown.graphemes(true).nth(1).is_none();
        let fits = cell_width(&prefix_text) + cell_width(shown) <= width;
        let prefix_too_wide = cell_width(&prefix_text) >= width;
        assert!(
            fits || one_grapheme || prefix_too_wide,
            "{shown:?} at {width}"
        );
    }
    for (index, block) in article.blocks.iter().enumerate() {
        assert_eq!(
            covered[index],
            block.text.len(),
            "block {index} not covered"
        );
    }
    // Moving about: never panics, stays inside the article.
    let last = view.last();
    for delta in [1, -1, 7, -7, lines as isize, -(lines as isize) - 1] {
        let spot = view.advance(Spot::default(), delta);
        assert!(spot <= last);
        assert!(view.line(spot).is_some() || lines == 0);
        let back = view.advance(last, delta);
        assert!(back <= last);
    }
    for block in [0, article.blocks.len() / 2, article.blocks.len()] {
        let spot = view.spot_of(block, usize::MAX / 2);
        let _ = view.anchor_of(spot);
        assert!(view.percent(spot, 10) <= 100);
    }
}

/// The search: a query parses or gives a one-line error; its matches are non-empty, ordered,
/// disjoint ranges on `char` boundaries, and their snippets hold the match.
pub fn search(query: &str, text: &str) {
    let parsed = match Query::parse(query) {
        Ok(Some(parsed)) => parsed,
        Ok(None) => return,
        Err(error) => {
            assert!(!error.to_string().contains('\n'), "{error}");
            return;
        }
    };
    let mut previous_end = 0;
    let mut count = 0;
    for range in parsed.find_iter(text) {
        assert!(previous_end <= range.start && range.start < range.end && range.end <= text.len());
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        previous_end = range.end;
        count += 1;
        if count <= 8 {
            let found = snippet(text, range.clone(), 60);
            assert_eq!(
                found.text[found.highlight.clone()],
                text[range].replace('\n', " ")
            );
        }
    }
    assert_eq!(parsed.count_in(text), count);
    let article = Article::from_text("q.md", "q", Format::Markdown, text);
    for found in parsed.find_in_article(&article) {
        let block = &article.blocks[found.block].text;
        assert!(
            block.is_char_boundary(found.range.start) && block.is_char_boundary(found.range.end)
        );
    }
}

/// The saved-file parsers: no panic, and a file that parses writes back to one that parses the
/// same. A bookmark's passage, however odd, is looked for in an article without panicking, and a
/// passage captured from any selection is found again.
pub fn saved_files(bytes: &[u8], article_text: &str) {
    let article = Article::from_text("b.txt", "b", Format::Text, article_text);
    if let Ok(file) = parse::<BookmarksFile>(bytes) {
        let written = serde_json::to_vec_pretty(&file).unwrap();
        assert_eq!(parse::<BookmarksFile>(&written).unwrap(), file);
        for bookmark in file.bookmarks.iter().take(16) {
            let _ = resolve_passage(&bookmark.passage, &article.blocks);
        }
    }
    if let Ok(file) = parse::<StateFile>(bytes) {
        let written = serde_json::to_vec_pretty(&file).unwrap();
        assert_eq!(parse::<StateFile>(&written).unwrap(), file);
    }
    let blocks = article.blocks.len();
    if blocks > 0 {
        let first = bytes.first().map_or(0, |b| usize::from(*b)) % blocks;
        let last = first + bytes.get(1).map_or(0, |b| usize::from(*b)) % (blocks - first);
        let selection = Selection::blocks(first, last);
        if let Some(passage) = capture(&article.blocks, selection) {
            let anchor = resolve_passage(&passage, &article.blocks);
            assert!(anchor.blocks().is_some(), "{passage:?} lost: {anchor:?}");
        }
    }
}
