//! Saved web pages to an article, the way a browser's reader mode does it: parse the page
//! (html5ever, through scraper), read its metadata, score its containers to find the article,
//! and turn only that into blocks; menus, sidebars, banners, scripts and footers are left out.
//!
//! A page too large or too deeply nested to build a tree from quickly is not parsed into one:
//! a linear tokenizer pass (`scan`) measures that first, and such a page is shown as its plain
//! text, with a note saying why (`Metadata::notes`, which becomes `Article::notes`).
//!
//! - `scan`: one tokenizer pass for the budget (`budget` models the tree builder) and the
//!   plain-text fallback.
//! - `page`: the tree, the walker, per-element measurements.
//! - `hints`: what counts as furniture, and what as the article, by tag, role and class words.
//! - `meta`: title, byline, date, site name; `title` trims the site's name from a title.
//! - `score`: which elements hold the article.
//! - `body`: those elements to blocks.

mod body;
mod budget;
mod hints;
mod meta;
mod page;
mod scan;
mod score;
mod title;

use super::build::Builder;
use super::links::Links;
use super::{Block, Metadata, plain};

/// Pages larger than this (in bytes of text) are shown as plain text.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Pages nested deeper than this are shown as plain text: real pages nest a few dozen deep, and
/// the tree builder's cost grows with depth for every tag.
pub const MAX_DEPTH: usize = 256;
/// Pages whose tree could exceed this many nodes are shown as plain text.
pub const MAX_NODES: usize = 400_000;

/// An extracted page, and what extracting it cost.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub blocks: Vec<Block>,
    pub metadata: Metadata,
    /// Nodes in the parsed tree (0 when the page was not parsed into one).
    pub nodes: usize,
    /// Nodes visited by all the extraction passes together.
    pub visits: usize,
}

/// Parses a saved web page into the article's blocks and metadata.
pub fn parse(text: &str) -> (Vec<Block>, Metadata) {
    let extracted = extract(text);
    (extracted.blocks, extracted.metadata)
}

/// `parse`, reporting the work done: for tests that check extraction stays within its budget.
pub fn extract(text: &str) -> Extracted {
    let limits = budget::Limits {
        depth: MAX_DEPTH,
        nodes: MAX_NODES,
    };
    let scan = scan::scan(text, limits);
    if let Some(reason) = over_budget(text.len(), &scan) {
        return fallback(scan, &reason);
    }
    let page = page::Page::parse(text);
    let found = meta::read(&page);
    let roots = score::article_roots(&page);
    let builder = Builder::new(Links::with_base(found.address));
    let (blocks, links) = body::blocks(&page, &roots, builder);
    Extracted {
        blocks,
        metadata: Metadata {
            title: found.title,
            byline: found.byline,
            date: found.date,
            source: found.site,
            url: found.url,
            links,
            ..Metadata::default()
        },
        nodes: page.node_count(),
        visits: page.visits(),
    }
}

/// Why a page is too costly to parse into a tree, in words for the person; `None` when it is not.
fn over_budget(bytes: usize, scan: &scan::Scan) -> Option<String> {
    const MB: usize = 1024 * 1024;
    if bytes > MAX_BYTES {
        Some(format!(
            "larger than {} MB ({:.1} MB)",
            MAX_BYTES / MB,
            bytes as f64 / MB as f64
        ))
    } else if scan.depth > MAX_DEPTH {
        Some(format!(
            "nested deeper than {MAX_DEPTH} elements ({})",
            scan.depth
        ))
    } else if scan.nodes > MAX_NODES {
        Some(format!("made of more than {MAX_NODES} elements"))
    } else {
        None
    }
}

/// The page as plain text: every word of it, menus included, in paragraphs at block tags.
fn fallback(scan: scan::Scan, reason: &str) -> Extracted {
    Extracted {
        blocks: plain::parse(&scan.text),
        metadata: Metadata {
            title: scan.title.map(|t| title::trim_site_name(&t, None)),
            notes: vec![format!(
                "page {reason}: showing all of its text, not the article alone"
            )],
            ..Metadata::default()
        },
        nodes: 0,
        visits: 0,
    }
}

#[cfg(test)]
mod tests;
