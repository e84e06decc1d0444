//! Saved web pages to an article, the way a browser's reader mode does it: parse the page
//! (html5ever, into scraper's tree) and read its metadata, let dom_smoothie (a port of Mozilla's
//! Readability.js) choose the article, and turn only that into blocks with folio's own renderer;
//! menus, sidebars, banners, scripts and footers are left out.
//!
//! A page too large or too deeply nested to build a tree from quickly is not parsed into one:
//! the tokenizer pass that feeds the tree builder measures that first, token by token, and such
//! a page is shown as its plain text, with a note saying why (`Metadata::notes`, which becomes
//! `Article::notes`).
//!
//! - `parse`: the tree, built in the tokenizer pass that checks the budget (`budget` models the
//!   tree builder).
//! - `scan`: the plain-text fallback, a tokenizer pass with no tree.
//! - `page`: the tree, the walker, per-element measurements.
//! - `hints`: what counts as furniture, and what as the article, by tag, role and class words.
//! - `choose`: dom_smoothie's choice of the article's HTML, and what it read of the metadata.
//! - `meta`: title, byline, date, site name; `title` trims the site's name from a title.
//! - `score`: folio's own choice of the elements that hold the article, when dom_smoothie has none.
//! - `body`: those elements to blocks.

mod body;
mod budget;
mod choose;
mod hints;
mod meta;
mod page;
mod parse;
mod scan;
mod score;
mod title;

use super::build::Builder;
use super::links::Links;
use super::{Block, Metadata, plain};
use dom_smoothie::ParsePolicy;

/// Pages larger than this (in bytes of text) are shown as plain text.
pub const MAX_BYTES: usize = 5 * 1024 * 1024;
/// Pages nested deeper than this are shown as plain text: real pages nest a few dozen deep, and
/// the tree builder's cost grows with depth for every tag.
pub const MAX_DEPTH: usize = 256;
/// Pages whose tree could exceed this many nodes are shown as plain text.
pub const MAX_NODES: usize = 400_000;

/// Pages whose tree could exceed this many nodes are not given to dom_smoothie: real pages have
/// a few thousand, and its cost grows faster than the page's.
pub const MAX_EXTRACTOR_NODES: usize = 100_000;

/// What the reader and `folio show` say when neither extractor finds any article text.
pub const NO_ARTICLE_TEXT: &str = "no article text found in this page";

/// Articles shorter than this many characters are taken from folio's own choice when it has one
/// (Readability.js's `charThreshold`, under which it returns the whole body).
const SHORT_ARTICLE: usize = 500;
/// Folio's own choice of at least this share of the extractor's text (and no more) is the same
/// article with less around it.
const SAME_ARTICLE: (usize, usize) = (85, 100);

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
    let parsed = if text.len() > MAX_BYTES {
        Err(None)
    } else {
        parse::parse_within(text, limits).map_err(Some)
    };
    let parsed = match parsed {
        Ok(parsed) => parsed,
        Err(cost) => return fallback(text, cost, limits),
    };
    let page = page::Page::from_html(parsed.html, false);
    let found = meta::read(&page);
    let builder = || Builder::new(Links::with_base(found.address.clone()));
    // The extractor's choice, walked by folio's own renderer, with folio's own choice as a
    // second opinion (both measured in characters of text, furniture left out). Under
    // `SHORT_ARTICLE` characters Readability.js gives up choosing and returns the whole body,
    // menus and all; and where folio's choice is nearly the same text, a little shorter, it is
    // the same article with less of the page around it (a menu in a layout table).
    let roots = score::article_roots(&page);
    let own_len: usize = roots.iter().map(|root| page.stats(*root).text).sum();
    let (chosen, content) = extractor_choice(&page, parsed.cost.nodes);
    let chosen_len = content.stats(content.body()).text;
    let own_first = own_len > 0
        && (chosen_len < SHORT_ARTICLE
            || (own_len <= chosen_len && own_len * SAME_ARTICLE.1 >= chosen_len * SAME_ARTICLE.0));
    let (mut blocks, links) = if own_first || chosen_len == 0 {
        body::blocks(&page, &roots, builder())
    } else {
        body::blocks(&content, &[content.body()], builder())
    };
    // Never a silent empty page: say so, and show every word the page has.
    let mut notes = Vec::new();
    if blocks.is_empty() {
        blocks = plain::parse(&scan::scan(text, limits).text);
        notes.push(if blocks.is_empty() {
            NO_ARTICLE_TEXT.to_owned()
        } else {
            format!("{NO_ARTICLE_TEXT}: showing all of its text")
        });
    }
    let visits = page.visits() + content.visits();
    // dom_smoothie reads the title and byline from the page's metadata (JSON-LD, Open Graph,
    // Dublin Core, meta author) before guessing as Readability.js does: with folio's reading as
    // below, right on 127 of 127 titles and 69 of 76 bylines of Mozilla's test pages, against 88
    // and 44 for folio's reading alone, which stays as the fallback and gives the date
    // (`<time>`, itemprop) first.
    let site = found.site.or(chosen.site);
    Extracted {
        blocks,
        metadata: Metadata {
            title: title(chosen.title, found.title, site.as_deref()),
            byline: byline(chosen.byline, found.byline),
            date: found.date.or(chosen.date),
            source: site,
            url: found.url,
            links,
            notes,
            ..Metadata::default()
        },
        nodes: page.node_count(),
        visits,
    }
}

/// What dom_smoothie chose in the page (whose tree has at most `nodes` nodes), and that article
/// parsed. As Readability.js does, its strictest pass first, and while the article found is short
/// the next pass, each cleaning less; the longest when all are short. (dom_smoothie's own
/// `parse` does the same but starts again from the strict pass, which folio has already run.)
fn extractor_choice(page: &page::Page, nodes: usize) -> (choose::Chosen, page::Page) {
    // Its time grows faster than the page (2.9 s on 150,000 paragraphs under 250 nested divs,
    // within the guards); far past any real article, folio's own choice alone.
    if nodes > MAX_EXTRACTOR_NODES {
        return (choose::Chosen::default(), page::Page::parse_chosen(""));
    }
    let mut longest: Option<(choose::Chosen, page::Page, usize)> = None;
    for policy in [
        ParsePolicy::Strict,
        ParsePolicy::Moderate,
        ParsePolicy::Clean,
        ParsePolicy::Raw,
    ] {
        let chosen = choose::article(page, policy).unwrap_or_default();
        let content = page::Page::parse_chosen(&chosen.html);
        let length = content.stats(content.body()).text;
        if length >= SHORT_ARTICLE {
            return (chosen, content);
        }
        if longest
            .as_ref()
            .is_none_or(|(_, _, longest)| length > *longest)
        {
            longest = Some((chosen, content, length));
        }
    }
    let (chosen, content, _) = longest.expect("four passes were run");
    (chosen, content)
}

/// The extractor's title with the site's name cut, or folio's where the extractor's is folio's
/// with the site's name still on it ("Mozilla - Wikipedia" where folio read "Mozilla"), or
/// folio's when the extractor has none.
fn title(chosen: Option<String>, own: Option<String>, site: Option<&str>) -> Option<String> {
    let chosen = chosen
        .map(|t| title::trim_site_name(&t, site))
        .filter(|t| !t.is_empty());
    match (chosen, own) {
        (Some(full), Some(own)) if title::is_part_of_title(&own, &full) => Some(own),
        (chosen, own) => chosen.or(own),
    }
}

/// The extractor's byline, or folio's when it is the name within the extractor's ("Jane Doe" of
/// "By Jane Doe, local affairs reporter") and no other name follows it ("Jane Doe, Ali Khan"),
/// or folio's when the extractor has none.
fn byline(chosen: Option<String>, own: Option<String>) -> Option<String> {
    let names_only_own = |chosen: &str, own: &str| {
        chosen.split_once(own).is_some_and(|(_, after)| {
            !after
                .split([',', '&'])
                .skip(1)
                .chain(after.split(" and ").skip(1))
                .any(|next| next.trim_start().starts_with(char::is_uppercase))
        })
    };
    match (chosen, own) {
        (Some(chosen), Some(own)) if names_only_own(&chosen, &own) => Some(own),
        (chosen, own) => chosen.or(own),
    }
}

/// Why a page is too costly to parse into a tree, in words for the person: larger than
/// `MAX_BYTES` (no `cost`: it was not measured), or over the limits of depth or nodes.
fn over_budget(bytes: usize, cost: Option<parse::Cost>) -> String {
    const MB: usize = 1024 * 1024;
    match cost {
        None => format!(
            "larger than {} MB ({:.1} MB)",
            MAX_BYTES / MB,
            bytes as f64 / MB as f64
        ),
        Some(cost) if cost.depth > MAX_DEPTH => {
            format!("nested deeper than {MAX_DEPTH} elements ({})", cost.depth)
        }
        Some(_) => format!("made of more than {MAX_NODES} elements"),
    }
}

/// The page as plain text, for a page too costly to parse (`cost` as in `over_budget`): every
/// word of it, menus included, in paragraphs at block tags.
fn fallback(text: &str, cost: Option<parse::Cost>, limits: budget::Limits) -> Extracted {
    let reason = over_budget(text.len(), cost);
    let scan = scan::scan(text, limits);
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
