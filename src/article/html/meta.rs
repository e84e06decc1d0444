//! A page's metadata: title, byline, publication date, site name, and its own address (for
//! resolving relative links), from the places publishers put them, best source first.
//!
//! Reads; never decides what the body is. Values are raw text: `Article::from_text` sanitizes
//! them and `clean` turns a readable date into ISO form.

use std::collections::HashMap;

use ego_tree::NodeRef;
use scraper::Node;

use html5ever::{LocalName, local_name};

use super::hints::any_hint_word;
use super::page::{Page, Visit, attribute};
use super::title::{is_part_of_title, trim_site_name};
use crate::article::date::parse_date;

/// What the page says about itself.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub date: Option<String>,
    pub site: Option<String>,
    /// The page's own address, when it says it (`<base>`, og:url, canonical link).
    pub address: Option<String>,
    /// Where the page was saved from, for the person: the address folio recorded when it saved
    /// the page (`folio:url`), else the page's og:url or canonical link.
    pub url: Option<String>,
}

/// Meta tags whose content is a publication date, best first.
const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "dcterms.date",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
];

/// How many headings are read when looking for the title.
const MAX_HEADINGS: usize = 8;

/// Everything one walk over the page collects.
#[derive(Default)]
struct Found {
    title_element: Option<String>,
    metas: HashMap<String, String>,
    canonical: Option<String>,
    base: Option<String>,
    h1: Vec<String>,
    /// Second-level headings outside furniture, to recognise in the <title>.
    h2: Vec<String>,
    author_link: Option<String>,
    author_itemprop: Option<String>,
    byline_class: Option<String>,
    date_itemprop: Option<String>,
    time: Option<String>,
}

/// Reads the page's metadata.
pub fn read(page: &Page) -> PageMeta {
    let found = collect(page);
    let meta = |key: &str| {
        found
            .metas
            .get(key)
            .map(String::as_str)
            .filter(|v| !v.is_empty())
    };
    let absolute = |candidates: &[Option<&str>]| {
        candidates
            .iter()
            .flatten()
            .find(|a| a.contains("://"))
            .map(|a| (*a).to_owned())
    };
    let address = absolute(&[
        found.base.as_deref(),
        meta("folio:url"),
        meta("og:url"),
        found.canonical.as_deref(),
    ]);
    let url = absolute(&[
        meta("folio:url"),
        meta("og:url"),
        found.canonical.as_deref(),
    ]);
    let site = meta("og:site_name").map(str::to_owned).or_else(|| {
        [meta("og:url"), found.canonical.as_deref()]
            .into_iter()
            .flatten()
            .find_map(domain_of)
    });
    // A <title> of "Heading - Site Name" where the page has that heading: the heading.
    let title_element = found.title_element.as_deref().map(|title| {
        found
            .h2
            .iter()
            .find(|heading| is_part_of_title(heading, title))
            .map_or_else(|| title.to_owned(), String::clone)
    });
    let title = [
        meta("og:title"),
        meta("twitter:title"),
        found.h1.first().map(String::as_str),
        title_element.as_deref(),
    ]
    .into_iter()
    .flatten()
    .map(|t| trim_site_name(t, site.as_deref()))
    .find(|t| !t.is_empty());
    let byline = [
        meta("author"),
        meta("article:author"),
        meta("byl"),
        found.author_itemprop.as_deref(),
        found.author_link.as_deref(),
        found.byline_class.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(clean_byline);
    let dates: Vec<&str> = DATE_KEYS
        .iter()
        .filter_map(|key| meta(key))
        .chain(found.date_itemprop.as_deref())
        .chain(found.time.as_deref())
        .map(str::trim)
        .filter(|d| !d.is_empty() && d.chars().count() <= 60)
        .collect();
    // A date folio can read beats a better-placed one it cannot.
    let date = dates
        .iter()
        .find(|d| parse_date(d).is_some())
        .or(dates.first())
        .map(|d| d.to_string());
    PageMeta {
        title,
        byline,
        date,
        site,
        address,
        url,
    }
}

/// Where an element sits: inside page furniture, inside an `article` or `main`.
#[derive(Clone, Copy)]
struct Place {
    furniture: bool,
    article: bool,
}

/// How many elements with "author" or "byline" class words are read before giving up: the first
/// is usually it, and reading many large author boxes would cost more than it finds.
const MAX_BYLINE_TRIES: usize = 8;

fn collect(page: &Page) -> Found {
    let mut found = Found::default();
    // Furniture still counts for most metadata (a byline often sits in a header), but a heading
    // in a site header or a time in a sidebar of other stories does not, unless inside the article.
    let mut furniture_depth = 0usize;
    let mut article_depth = 0usize;
    let mut elements: Vec<(NodeRef<'_, Node>, Place)> = Vec::new();
    // What each open element added to the depths, so that closing it need not ask again.
    let mut open: Vec<(usize, usize)> = Vec::new();
    let counts = |node: NodeRef<'_, Node>| {
        let element = node.value().as_element();
        // The page knows the outermost furniture already (`Page::measure`); what lies inside
        // it is inside furniture anyway.
        let furniture = page.is_furniture(node);
        let article = element.is_some_and(|e| matches!(e.name(), "article" | "main"));
        (usize::from(furniture), usize::from(article))
    };
    page.walk(page.root(), |visit| match visit {
        Visit::Open(node) => match node.value() {
            Node::Document => true,
            Node::Element(_) => {
                let (furniture, article) = counts(node);
                open.push((furniture, article));
                furniture_depth += furniture;
                article_depth += article;
                let place = Place {
                    furniture: furniture_depth > 0,
                    article: article_depth > 0,
                };
                elements.push((node, place));
                true
            }
            _ => false,
        },
        Visit::Close(node) => {
            if node.value().is_element()
                && let Some((furniture, article)) = open.pop()
            {
                furniture_depth -= furniture;
                article_depth -= article;
            }
            true
        }
    });
    let mut h1 = Vec::new();
    let mut times = Vec::new();
    let mut byline_tries = 0;
    for (node, place) in elements {
        let Some(element) = node.value().as_element() else {
            continue;
        };
        let attr = |name: LocalName| attribute(element, &name).map(str::trim);
        let in_text = place.article || !place.furniture;
        match element.name() {
            "title" if found.title_element.is_none() => {
                found.title_element = Some(page.text_of(node));
            }
            "meta" => {
                let key = attr(local_name!("property"))
                    .or(attr(local_name!("name")))
                    .or(attr(local_name!("itemprop")));
                if let (Some(key), Some(content)) = (key, attr(local_name!("content"))) {
                    found
                        .metas
                        .entry(key.to_ascii_lowercase())
                        .or_insert_with(|| content.to_owned());
                }
            }
            "link"
                if has_word(attr(local_name!("rel")), "canonical") && found.canonical.is_none() =>
            {
                found.canonical = attr(local_name!("href")).map(str::to_owned);
            }
            "base" if found.base.is_none() => {
                found.base = attr(local_name!("href")).map(str::to_owned)
            }
            "h1" if in_text && h1.len() < MAX_HEADINGS => {
                h1.push((page.text_of(node), place.article));
            }
            "h2" if in_text && found.h2.len() < MAX_HEADINGS => {
                found.h2.push(page.text_of(node));
            }
            "time" if in_text => {
                if let Some(datetime) = attr(local_name!("datetime")) {
                    times.push((datetime.to_owned(), place.article));
                }
            }
            _ => {}
        }
        if has_word(attr(local_name!("rel")), "author")
            && element.name() == "a"
            && found.author_link.is_none()
        {
            found.author_link = Some(page.text_of(node));
        }
        match attr(local_name!("itemprop")) {
            Some("author") if found.author_itemprop.is_none() => {
                found.author_itemprop = attr(local_name!("content"))
                    .map(str::to_owned)
                    .or_else(|| Some(page.text_of(node)));
            }
            Some("datePublished") if found.date_itemprop.is_none() => {
                found.date_itemprop = attr(local_name!("content"))
                    .or(attr(local_name!("datetime")))
                    .map(str::to_owned)
                    .or_else(|| Some(page.text_of(node)));
            }
            _ => {}
        }
        if found.byline_class.is_none()
            && byline_tries < MAX_BYLINE_TRIES
            && any_hint_word(element, |w| matches!(w, "byline" | "author"))
        {
            byline_tries += 1;
            let text = page.text_of(node);
            if !text.is_empty() && text.chars().count() <= 100 {
                found.byline_class = Some(text);
            }
        }
    }
    // The article's own heading and time beat those elsewhere on the page.
    let first = |list: Vec<(String, bool)>| {
        let in_article = list.iter().position(|(_, article)| *article);
        list.into_iter()
            .nth(in_article.unwrap_or(0))
            .map(|(text, _)| text)
    };
    found.h1 = first(h1).into_iter().collect();
    found.time = first(times);
    found
}

fn has_word(list: Option<&str>, word: &str) -> bool {
    list.is_some_and(|l| l.split_whitespace().any(|w| w.eq_ignore_ascii_case(word)))
}

/// "By Jane Doe" → "Jane Doe"; an address (article:author is often a profile URL) is no byline.
pub fn clean_byline(text: &str) -> Option<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let lower = text.to_lowercase();
    let text = ["written by ", "by "]
        .iter()
        .find_map(|prefix| lower.starts_with(prefix).then(|| &text[prefix.len()..]))
        .unwrap_or(&text)
        .trim();
    let useful = !text.is_empty()
        && text.chars().count() <= 100
        && !text.contains("://")
        && !text.starts_with('@');
    useful.then(|| text.to_owned())
}

/// The host of an address, without "www.".
fn domain_of(address: &str) -> Option<String> {
    let (_, rest) = address.split_once("://")?;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host
        .rsplit('@')
        .next()?
        .split(':')
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_html(html: &str) -> PageMeta {
        read(&Page::parse(html))
    }

    #[test]
    fn open_graph_and_article_tags_come_first() {
        let meta = read_html(
            r#"<head><title>Other | Ledger</title>
            <meta property="og:title" content="Ministry opens its archive | The Ledger">
            <meta property="og:site_name" content="The Ledger">
            <meta name="author" content="By Jane Doe">
            <meta property="article:published_time" content="2024-03-05T08:00:00Z">
            </head><body><h1>Something else</h1></body>"#,
        );
        assert_eq!(meta.title.as_deref(), Some("Ministry opens its archive"));
        assert_eq!(meta.byline.as_deref(), Some("Jane Doe"));
        assert_eq!(meta.date.as_deref(), Some("2024-03-05T08:00:00Z"));
        assert_eq!(meta.site.as_deref(), Some("The Ledger"));
    }

    #[test]
    fn the_page_itself_when_there_are_no_meta_tags() {
        let meta = read_html(
            r#"<head><title>Fallback title - Blog</title>
            <link rel="canonical" href="https://www.blog.example/posts/1"></head>
            <body><header><h1 class=logo>Blog</h1></header>
            <article><h1>Real title</h1><p class="byline">by <a rel="author" href="/me">Sam Lee</a></p>
            <time datetime="2023-11-30">Nov 30</time></article></body>"#,
        );
        assert_eq!(meta.title.as_deref(), Some("Real title"));
        assert_eq!(meta.byline.as_deref(), Some("Sam Lee"));
        assert_eq!(meta.date.as_deref(), Some("2023-11-30"));
        assert_eq!(meta.site.as_deref(), Some("blog.example"));
        assert_eq!(
            meta.address.as_deref(),
            Some("https://www.blog.example/posts/1")
        );
    }

    #[test]
    fn profile_addresses_are_not_bylines() {
        assert_eq!(clean_byline("https://social.example/jane"), None);
        assert_eq!(
            clean_byline("  Written by  Ana  Ruiz "),
            Some("Ana Ruiz".into())
        );
    }
}
