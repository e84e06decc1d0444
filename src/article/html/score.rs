//! Finds the article in a page the way a browser's reader mode does: every paragraph scores its
//! container (more for long text and commas), containers gain or lose by their tag and by class
//! words, scores shrink by link density, and the best container wins, with those of its siblings
//! that score well or read as prose.

use ego_tree::{NodeId, NodeRef};
use foldhash::{HashMap, HashMapExt};
use scraper::Node;

use super::hints::class_weight;
use super::page::{Page, Visit};

/// Paragraphs shorter than this are not evidence of an article (captions, buttons, labels).
const MIN_PARAGRAPH: usize = 25;

/// How many ancestors a paragraph's score reaches.
const ANCESTOR_LEVELS: usize = 5;

/// The elements whose content is the article, in document order: the best container and the
/// siblings that belong with it; the page's body when nothing scores.
pub fn article_roots<'a>(page: &'a Page) -> Vec<NodeRef<'a, Node>> {
    let scores = score_containers(page);
    let best = scores
        .iter()
        .filter_map(|(id, score)| Some((page.root().tree().get(*id)?, *score)))
        .max_by(|(a_node, a), (b_node, b)| {
            // Equal scores: the earlier element, so the choice is the same on every run.
            a.total_cmp(b).then(b_node.id().cmp(&a_node.id()))
        });
    let Some((best, best_score)) = best else {
        return vec![page.body()];
    };
    let Some(parent) = best.parent().filter(|p| p.value().is_element()) else {
        return vec![best];
    };
    let threshold = f64::max(10.0, best_score * 0.2);
    let best_class = best.value().as_element().and_then(|e| e.attr("class"));
    parent
        .children()
        .filter(|sibling| {
            let Some(element) = sibling.value().as_element() else {
                return false;
            };
            if sibling.id() == best.id() {
                return true;
            }
            if page.is_furniture(*sibling) {
                return false;
            }
            let mut score = scores.get(&sibling.id()).copied().unwrap_or(0.0);
            if best_class.is_some() && element.attr("class") == best_class {
                score += best_score * 0.2;
            }
            score >= threshold || (element.name() == "p" && reads_as_prose(page, *sibling))
        })
        .collect()
}

/// A paragraph next to the article that is likely part of it: long with few links, or a short
/// finished sentence with none.
fn reads_as_prose(page: &Page, paragraph: NodeRef<'_, Node>) -> bool {
    let stats = page.stats(paragraph);
    let density = stats.link_density();
    if stats.text >= 80 {
        return density < 0.25;
    }
    stats.text > 0 && density == 0.0 && {
        let text = page.text_of(paragraph);
        text.ends_with(['.', '!', '?', '"', '”'])
    }
}

/// The final score of every container that holds a paragraph.
fn score_containers(page: &Page) -> HashMap<NodeId, f64> {
    let mut scores: HashMap<NodeId, f64> = HashMap::new();
    page.walk(page.body(), |visit| {
        let Visit::Open(node) = visit else {
            return true;
        };
        let Some(element) = node.value().as_element() else {
            return false;
        };
        if page.is_furniture(node) {
            return false;
        }
        let stats = page.stats(node);
        let scored = match element.name() {
            "p" | "pre" => true,
            // A div or cell that holds only text is a paragraph by another name; one that holds
            // paragraphs is a container (a layout table's cell), scored by them instead.
            "div" | "section" | "td" => !stats.has_block,
            _ => false,
        };
        if !scored || stats.text < MIN_PARAGRAPH {
            return true;
        }
        let content = 1.0 + stats.commas as f64 + (stats.text / 100).min(3) as f64;
        for (level, ancestor) in node
            .ancestors()
            .filter(|a| a.value().is_element())
            .take(ANCESTOR_LEVELS)
            .enumerate()
        {
            let divider = match level {
                0 => 1.0,
                1 => 2.0,
                _ => level as f64 * 3.0,
            };
            *scores
                .entry(ancestor.id())
                .or_insert_with(|| initial_score(ancestor)) += content / divider;
        }
        true
    });
    for (id, score) in &mut scores {
        if let Some(node) = page.root().tree().get(*id) {
            *score *= 1.0 - page.stats(node).link_density();
        }
    }
    scores
}

/// What a container's tag and class words say before its paragraphs are counted.
fn initial_score(node: NodeRef<'_, Node>) -> f64 {
    let Some(element) = node.value().as_element() else {
        return 0.0;
    };
    let by_tag = match element.name() {
        "div" => 5.0,
        "pre" | "td" | "blockquote" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    by_tag + class_weight(element)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root_ids(html: &str) -> Vec<String> {
        let page = Page::parse(html);
        article_roots(&page)
            .iter()
            .map(|n| {
                let e = n.value().as_element().unwrap();
                e.id().unwrap_or(e.name()).to_owned()
            })
            .collect()
    }

    const PROSE: &str = "A sentence of the article, long enough to count, with a comma or two, \
                         and some more words so that it reads like a real paragraph of news.";

    #[test]
    fn the_container_of_the_paragraphs_wins_over_link_lists() {
        let html = format!(
            "<body><div id=links>{}</div><div id=story><p>{PROSE}</p><p>{PROSE}</p></div></body>",
            "<p><a href=/a>A link that is long enough to be counted as text</a></p>".repeat(5)
        );
        assert_eq!(root_ids(&html), vec!["story"]);
    }

    #[test]
    fn siblings_that_read_as_prose_are_kept() {
        let html = format!(
            "<body><div id=wrap><p id=lede>{PROSE}</p><div id=story><p>{PROSE}</p><p>{PROSE}</p>\
             <p>{PROSE}</p></div><p id=caption>Short text with a <a href=/>link</a></p></div></body>"
        );
        assert_eq!(root_ids(&html), vec!["lede", "story"]);
    }

    #[test]
    fn a_page_without_paragraphs_is_read_whole() {
        assert_eq!(
            root_ids("<body><span>just text</span></body>"),
            vec!["body"]
        );
    }
}
