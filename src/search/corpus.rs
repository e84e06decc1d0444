//! Which articles of a corpus match a query, ranked; all at once (`search_corpus`) or in bounded
//! steps (`CorpusSearch`) so that an event loop can search a large corpus between keystrokes.
//!
//! Pure: the steps run on the caller's thread. Cancelling is dropping: a `CorpusSearch` does work
//! only inside `step`, so when the query changes the caller replaces it with a new one and the old
//! search costs nothing more. That is how "the newest query wins" without a worker thread, a
//! cancel flag or a generation counter. (`CorpusSearch` is `Send`, should a caller still want to
//! step it on another thread.)

use std::cmp::Reverse;

use super::Query;
use crate::article::Article;

/// An article that matches, by its index in the slice searched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub article: usize,
    pub title_matches: usize,
    pub body_matches: usize,
}

impl Hit {
    pub fn matches(&self) -> usize {
        self.title_matches + self.body_matches
    }
}

/// Orders hits for a result list: articles whose title matches first, then more matches (title
/// and body together) before fewer, then the order the articles were given in.
pub fn rank(hits: &mut [Hit]) {
    rank_by(hits, |hit| hit);
}

/// `rank` for things that each have a hit.
pub fn rank_by<T>(items: &mut [T], hit_of: impl Fn(&T) -> &Hit) {
    items.sort_by_key(|item| {
        let hit = hit_of(item);
        (
            Reverse(hit.title_matches > 0),
            Reverse(hit.matches()),
            hit.article,
        )
    });
}

/// The articles that match `query` in their title or body, ranked by `rank`.
pub fn search_corpus(query: &Query, articles: &[Article]) -> Vec<Hit> {
    let mut search = CorpusSearch::new(query.clone());
    while !search.step(articles, usize::MAX) {}
    search.hits()
}

/// A corpus search that advances in steps of bounded work.
///
/// Give every `step` the same `articles` slice, or the same one with articles appended (as the
/// interface's corpus grows while it loads) and `corpus_grew` called; when articles change or go,
/// start a new search.
#[derive(Debug, Clone)]
pub struct CorpusSearch {
    query: Query,
    /// Index of the article being scanned (or next to be).
    next_article: usize,
    /// The counts of the article being scanned; `None` before its title is read.
    scan: Option<Scan>,
    /// Matching articles found so far, in article order.
    found: Vec<Hit>,
    done: bool,
}

#[derive(Debug, Clone, Copy)]
struct Scan {
    hit: Hit,
    next_block: usize,
}

impl CorpusSearch {
    pub fn new(query: Query) -> CorpusSearch {
        CorpusSearch {
            query,
            next_article: 0,
            scan: None,
            found: Vec::new(),
            done: false,
        }
    }

    /// Scans about `budget` bytes of text, a title or a whole block at a time (so at least one
    /// per call, however small the budget), and returns whether the search is complete.
    pub fn step(&mut self, articles: &[Article], budget: usize) -> bool {
        let mut spent = 0;
        while !self.done && spent < budget.max(1) {
            spent += self.advance(articles);
        }
        self.done
    }

    /// One unit of work: read the next article's title, scan its next block, or close it.
    /// Returns the bytes read, at least 1 so that empty blocks still use up budget.
    fn advance(&mut self, articles: &[Article]) -> usize {
        let Some(article) = articles.get(self.next_article) else {
            self.done = true;
            return 0;
        };
        let Some(scan) = &mut self.scan else {
            self.scan = Some(Scan {
                hit: Hit {
                    article: self.next_article,
                    title_matches: self.query.count_in(&article.title),
                    body_matches: 0,
                },
                next_block: 0,
            });
            return article.title.len().max(1);
        };
        if let Some(block) = article.blocks.get(scan.next_block) {
            scan.hit.body_matches += self.query.count_in(&block.text);
            scan.next_block += 1;
            return block.text.len().max(1);
        }
        if scan.hit.matches() > 0 {
            self.found.push(scan.hit);
        }
        self.scan = None;
        self.next_article += 1;
        1
    }

    pub fn is_done(&self) -> bool {
        self.done
    }

    /// Articles were appended to the slice `step` reads: the search goes on into them.
    pub fn corpus_grew(&mut self) {
        self.done = false;
    }

    pub fn query(&self) -> &Query {
        &self.query
    }

    /// How many articles have been scanned completely, for a progress display.
    pub fn articles_scanned(&self) -> usize {
        self.next_article
    }

    /// The hits found so far, ranked; complete once `is_done`.
    pub fn hits(&self) -> Vec<Hit> {
        let mut hits = self.found.clone();
        rank(&mut hits);
        hits
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn article(title: &str, body: &str) -> Article {
        let text = format!("{title}\n\n{body}");
        Article::from_text(&format!("{title}.txt"), title, Format::Text, &text)
    }

    fn query(text: &str) -> Query {
        Query::parse(text).unwrap().unwrap()
    }

    fn corpus() -> Vec<Article> {
        vec![
            article("Rice", "Nothing about the word here."),
            article("Apples", "One apple."),
            article("Pears", "An apple, an apple, an apple."),
            article("Plums", "An apple, an apple."),
            article("Apple harvest", "Nothing else."),
            article("Figs", "Still an apple, an apple, an apple."),
        ]
    }

    fn order(hits: &[Hit]) -> Vec<usize> {
        hits.iter().map(|h| h.article).collect()
    }

    #[test]
    fn only_matching_articles_are_hits() {
        let hits = search_corpus(&query("plum"), &corpus());
        assert_eq!(
            hits,
            [Hit {
                article: 3,
                title_matches: 1,
                body_matches: 0
            }]
        );
        assert!(search_corpus(&query("zebra"), &corpus()).is_empty());
        assert!(search_corpus(&query("zebra"), &[]).is_empty());
    }

    #[test]
    fn title_matches_rank_first_then_more_matches_then_order() {
        let hits = search_corpus(&query("apple"), &corpus());
        // Titles: "Apples" (1 + 1 matches), "Apple harvest" (1 + 0). Bodies: Pears and Figs
        // have 3 each (Pears comes first), Plums 2.
        assert_eq!(order(&hits), [1, 4, 2, 5, 3]);
        assert_eq!(hits[0].title_matches, 1);
        assert_eq!(hits[0].body_matches, 1);
    }

    #[test]
    fn stepping_finds_what_one_call_finds() {
        let articles = corpus();
        let mut search = CorpusSearch::new(query("apple"));
        let mut steps = 0;
        let mut seen = 0;
        while !search.step(&articles, 8) {
            steps += 1;
            let partial = search.hits().len();
            assert!(partial >= seen, "hits are never taken back");
            seen = partial;
        }
        assert!(steps > articles.len(), "a small budget takes many steps");
        assert!(search.is_done());
        assert_eq!(search.articles_scanned(), articles.len());
        assert_eq!(search.hits(), search_corpus(&query("apple"), &articles));
    }

    #[test]
    fn a_step_stops_after_its_budget() {
        let articles = corpus();
        let mut search = CorpusSearch::new(query("apple"));
        // A zero budget still reads one title, so a caller can never stall the search.
        assert!(!search.step(&articles, 0));
        assert_eq!(search.articles_scanned(), 0);
        assert!(search.hits().is_empty());
        // The first article is "Rice" (4 bytes) and one block: a budget of 5 takes the title and
        // the block, and the article is closed by the next step.
        let mut search = CorpusSearch::new(query("apple"));
        search.step(&articles, 5);
        assert_eq!(search.articles_scanned(), 0);
        search.step(&articles, 1);
        assert_eq!(search.articles_scanned(), 1);
    }

    #[test]
    fn a_replaced_search_leaves_nothing_behind() {
        let articles = corpus();
        let mut search = CorpusSearch::new(query("apple"));
        search.step(&articles, 30);
        assert!(!search.is_done());
        // The person typed more: the new query replaces the old search outright.
        search = CorpusSearch::new(query("apple harvest"));
        while !search.step(&articles, 30) {}
        assert_eq!(search.query().as_str(), "apple harvest");
        assert_eq!(order(&search.hits()), [4]);
    }

    #[test]
    fn a_search_can_move_to_another_thread() {
        fn assert_send<T: Send>() {}
        assert_send::<CorpusSearch>();
    }
}
