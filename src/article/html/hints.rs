//! The signs that an element is page furniture (navigation, banners, share bars, comments …) or
//! the article itself: its tag, its ARIA role, whether it is hidden, and the words of its class
//! and id. Pure functions of one element; the tree is `page`'s business.

use html5ever::local_name;
use scraper::node::Element;

use super::page::attribute;

/// Elements that are never article text, whatever they contain.
fn is_furniture_tag(name: &str) -> bool {
    matches!(
        name,
        "aside"
            | "audio"
            | "button"
            | "canvas"
            | "dialog"
            | "embed"
            | "footer"
            | "form"
            | "header"
            | "iframe"
            | "input"
            | "label"
            | "link"
            | "menu"
            | "meta"
            | "nav"
            | "noscript"
            | "object"
            | "script"
            | "select"
            | "style"
            | "svg"
            | "template"
            | "textarea"
            | "title"
            | "video"
    )
}

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "alert",
    "alertdialog",
    "banner",
    "complementary",
    "contentinfo",
    "dialog",
    "menu",
    "menubar",
    "navigation",
    "search",
];

/// Class and id words that mark furniture even inside an article ("main-nav", "article-share").
/// A trailing `*` also matches words that start so ("navbar", "cookies").
const STRONG_NEGATIVE: &[&str] = &[
    "ad",
    "ads",
    "advert*",
    "banner*",
    "breadcrumb*",
    "byline*",
    "consent*",
    "cookie*",
    "dateline",
    "gdpr",
    "menu*",
    "meta",
    "modal*",
    "nav*",
    "newsletter*",
    "paywall*",
    "popup*",
    "promo*",
    "share*",
    "sharing",
    "sidebar*",
    "signup",
    "skip",
    "social*",
    "sponsor*",
    "subscri*",
    "toolbar*",
];

/// Class and id words that mark furniture unless a word of the article is there too
/// ("comments" yes, "comment-body" of an article about comments no).
const WEAK_NEGATIVE: &[&str] = &[
    "author*",
    "bio",
    "comment*",
    "disqus*",
    "footer*",
    "header*",
    "masthead",
    "outbrain*",
    "pager",
    "pagination",
    "related*",
    "taboola*",
    "tag",
    "tags",
    "widget*",
];

/// Class and id words of the article itself.
const POSITIVE: &[&str] = &[
    "article*", "body", "content*", "entry*", "main", "post", "story*", "text",
];

/// Page furniture: by tag, by role, hidden, or by class and id words.
pub fn is_furniture(element: &Element) -> bool {
    is_furniture_by_kind(element)
        || says_furniture(
            element,
            attribute(element, &local_name!("class"))
                .into_iter()
                .chain(attribute(element, &local_name!("id"))),
        )
}

/// Furniture by the words of its class alone: inside an article an extractor chose, ids are
/// often made from headings ("sharing-with-a-single-developer") and say nothing of the kind.
pub fn is_furniture_by_class(element: &Element) -> bool {
    says_furniture(
        element,
        attribute(element, &local_name!("class")).into_iter(),
    )
}

/// Whether the words of `sources` (class and id values) say furniture. Run for every element of
/// every page, so the words are looked at one by one in a reused buffer, never collected.
fn says_furniture<'a>(element: &Element, sources: impl Iterator<Item = &'a str>) -> bool {
    if matches!(element.name(), "html" | "body" | "main" | "article") {
        return false;
    }
    let (mut strong, mut weak, mut positive) = (false, false, false);
    let mut word = String::new();
    for source in sources {
        each_word(source, &mut word, |w| {
            strong |= matches_hint(w, STRONG_NEGATIVE);
            weak |= matches_hint(w, WEAK_NEGATIVE);
            positive |= matches_hint(w, POSITIVE);
        });
    }
    strong || (weak && !positive)
}

/// Furniture by what the element is (tag, role, hidden), not by the words of its class and id:
/// inside an article an extractor chose, "share-buttons-parent" may hold the whole story.
pub fn is_furniture_by_kind(element: &Element) -> bool {
    let name = element.name();
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    is_furniture_tag(name) || is_hidden(element) || has_furniture_role(element)
}

fn is_hidden(element: &Element) -> bool {
    if attribute(element, &local_name!("hidden")).is_some()
        || attribute(element, &local_name!("aria-hidden"))
            .is_some_and(|v| v.eq_ignore_ascii_case("true"))
    {
        return true;
    }
    attribute(element, &local_name!("style")).is_some_and(|style| {
        let style: String = style
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect::<String>()
            .to_ascii_lowercase();
        style.contains("display:none") || style.contains("visibility:hidden")
    })
}

fn has_furniture_role(element: &Element) -> bool {
    attribute(element, &local_name!("role"))
        .is_some_and(|role| FURNITURE_ROLES.contains(&role.trim().to_ascii_lowercase().as_str()))
}

/// How much an element's class and id say it is the article (+25) or not (−25).
pub fn class_weight(element: &Element) -> f64 {
    let mut weight = 0.0;
    if any_hint_word(element, |w| matches_hint(w, POSITIVE)) {
        weight += 25.0;
    }
    if any_hint_word(element, |w| {
        matches_hint(w, STRONG_NEGATIVE) || matches_hint(w, WEAK_NEGATIVE)
    }) {
        weight -= 25.0;
    }
    if attribute(element, &local_name!("itemprop")) == Some("articleBody") {
        weight += 25.0;
    }
    weight
}

/// Whether any word of an element's class and id passes `test`. The words are split at
/// punctuation and camelCase and lower-cased ("site-header cookieBanner" gives site, header,
/// cookie, banner), one by one in a reused buffer, never collected: this runs for every element
/// of every page.
pub fn any_hint_word(element: &Element, mut test: impl FnMut(&str) -> bool) -> bool {
    let mut word = String::new();
    let mut found = false;
    for source in attribute(element, &local_name!("class"))
        .into_iter()
        .chain(attribute(element, &local_name!("id")))
    {
        each_word(source, &mut word, |w| found |= test(w));
    }
    found
}

/// The words `any_hint_word` tests, collected.
#[cfg(test)]
fn hint_words(element: &Element) -> Vec<String> {
    let mut words = Vec::new();
    any_hint_word(element, |w| {
        words.push(w.to_owned());
        false
    });
    words
}

/// Calls `visit` with each word of `source` (split at punctuation and at camelCase, lower-cased),
/// built in `word`.
fn each_word(source: &str, word: &mut String, mut visit: impl FnMut(&str)) {
    word.clear();
    let mut previous_lower = false;
    for ch in source.chars() {
        let boundary = !ch.is_alphanumeric() || (ch.is_uppercase() && previous_lower);
        if boundary && !word.is_empty() {
            visit(word);
            word.clear();
        }
        if ch.is_alphanumeric() {
            word.extend(ch.to_lowercase());
        }
        previous_lower = ch.is_lowercase();
    }
    if !word.is_empty() {
        visit(word);
    }
}

/// A word matches a hint it equals, or a `prefix*` hint it starts with ("navbar" is nav*, while
/// "adapt" is not ad).
fn matches_hint(word: &str, hints: &[&str]) -> bool {
    hints.iter().any(|hint| match hint.strip_suffix('*') {
        Some(prefix) => word.starts_with(prefix),
        None => word == *hint,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use scraper::Html;

    fn element(html: &str) -> Element {
        let fragment = Html::parse_fragment(html);
        let first = fragment.root_element().first_child().unwrap();
        first.value().as_element().unwrap().clone()
    }

    #[test]
    fn class_words_split_at_punctuation_and_camel_case() {
        let e = element(r#"<div class="site-header cookieBanner" id="main_NAV"></div>"#);
        assert_eq!(
            hint_words(&e),
            vec!["site", "header", "cookie", "banner", "main", "nav"]
        );
    }

    #[test]
    fn furniture_is_recognised_by_tag_role_class_and_hiding() {
        for html in [
            "<nav></nav>",
            "<div role=navigation></div>",
            r#"<div class="share-buttons"></div>"#,
            r#"<div id="cookieConsent"></div>"#,
            r#"<section class="comments"></section>"#,
            r#"<div style="display: none"></div>"#,
            r#"<p hidden></p>"#,
            r#"<div class="navbar"></div>"#,
        ] {
            assert!(is_furniture(&element(html)), "{html}");
        }
        for html in [
            "<p></p>",
            r#"<div class="article-body"></div>"#,
            r#"<div class="comment-content entry"></div>"#,
            r#"<div class="adapted read"></div>"#,
            r#"<article class="has-sidebar"></article>"#,
        ] {
            assert!(!is_furniture(&element(html)), "{html}");
        }
    }
}
