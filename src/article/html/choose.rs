//! Chooses the article in a page with dom_smoothie, a port of Mozilla's Readability.js: its HTML
//! (a small page of its own, which folio then walks into blocks) and what it read of the title,
//! byline, date and site name.
//!
//! dom_smoothie bounds neither the depth nor the time of its work: it runs only on pages that
//! passed folio's guards (`scan`), so its worst case stays around a second.

use dom_smoothie::{Config, ParsePolicy, Readability};

use super::meta::clean_byline;

/// What the extractor chose and read.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Chosen {
    /// The article's HTML, empty when the extractor found none.
    pub html: String,
    /// The article's text length in characters, as the extractor counts it.
    pub text_len: usize,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
}

/// How hard the extractor tries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Effort {
    /// Readability.js's first, strictest attempt only: enough for any page with an article of
    /// some length, and a third faster than trying on.
    First,
    /// Every attempt, each cleaning less, the best kept: for pages the first attempt finds
    /// little in.
    All,
}

/// Runs the extractor over `text`; `None` when it fails on the page.
pub fn article(text: &str, effort: Effort) -> Option<Chosen> {
    let config = Config {
        // Class words are how folio knows a share bar or a signup box inside the article.
        keep_classes: true,
        ..Config::default()
    };
    let mut readability = Readability::new(text, None, Some(config)).ok()?;
    let article = match effort {
        Effort::First => readability.parse_with_policy(ParsePolicy::Strict),
        Effort::All => readability.parse(),
    }
    .ok()?;
    let some = |s: Option<String>| s.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Some(Chosen {
        html: article.content.to_string(),
        text_len: article.length,
        title: some(Some(article.title)),
        byline: article.byline.as_deref().and_then(clean_byline),
        date: some(article.published_time),
        site: some(article.site_name),
    })
}
