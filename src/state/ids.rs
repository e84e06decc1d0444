//! Articles found by their id, without a second copy of every id.

use std::hash::BuildHasher;

use foldhash::HashMap;

use crate::article::Article;

/// Each article's index by a hash of its id; the ids themselves are the articles' (a copy of
/// each, and the room a map of strings takes, was a megabyte and a half of the interface's
/// peak on 20,000 articles). Two articles of one id: the first is found.
#[derive(Debug, Clone, Default)]
pub struct ArticleIds(HashMap<u64, usize>);

fn hash_of(id: &str) -> u64 {
    foldhash::fast::FixedState::with_seed(0).hash_one(id)
}

impl ArticleIds {
    pub fn reserve(&mut self, additional: usize) {
        self.0.reserve(additional);
    }

    /// Notes that the article at `index` has `id`, unless one noted before has it.
    pub fn insert(&mut self, id: &str, index: usize) {
        self.0.entry(hash_of(id)).or_insert(index);
    }

    /// The index of the first of `articles` whose id is `id`.
    pub fn get(&self, id: &str, articles: &[Article]) -> Option<usize> {
        let index = *self.0.get(&hash_of(id))?;
        if articles.get(index).is_some_and(|article| article.id == id) {
            return Some(index);
        }
        // Two ids of one hash (or an id no article has, of the hash of one that does).
        articles.iter().position(|article| article.id == id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(id: &str) -> Article {
        let mut article = Article::from_text("x.txt", "x", crate::article::Format::Text, "text");
        article.id = id.to_owned();
        article
    }

    #[test]
    fn an_article_is_found_by_its_id_the_first_of_two_alike() {
        let articles = [article("a"), article("b"), article("a")];
        let mut ids = ArticleIds::default();
        for (index, article) in articles.iter().enumerate() {
            ids.insert(&article.id, index);
        }
        assert_eq!(ids.get("a", &articles), Some(0));
        assert_eq!(ids.get("b", &articles), Some(1));
        assert_eq!(ids.get("c", &articles), None);
    }

    #[test]
    fn two_ids_of_one_hash_are_told_apart() {
        let articles = [article("a"), article("b")];
        let mut ids = ArticleIds::default();
        // As if "b" had the hash of "a": noted at "a"'s index, found all the same.
        ids.0.insert(hash_of("b"), 0);
        ids.insert("a", 0);
        assert_eq!(ids.get("b", &articles), Some(1));
        assert_eq!(ids.get("a", &articles), Some(0));
    }
}
