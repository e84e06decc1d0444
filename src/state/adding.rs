//! Adding a web page from the interface: `a` opens a line for its address, Enter hands it to the
//! app to fetch and save in the background, the status bar says so until it is done, and Esc
//! (with nothing else to clear) stops it. The page then joins the list and is selected.
//!
//! Pure like the rest of the state: the fetching is the app's (`Effect::AddPage`).

use crate::article::Article;
use crate::sanitize::sanitize_line;

use super::{Effect, Focus, Prompt, Purpose, State};
use crate::input_line::InputLine;

impl State {
    /// Opens the line for an address.
    pub(super) fn start_adding(&mut self) {
        if let Some(url) = &self.adding {
            self.message = Some(format!("still adding {url} (Esc stops it)"));
            return;
        }
        self.prompt = Some(Prompt::new(Purpose::AddPage, InputLine::default()));
    }

    /// The address was typed: the app fetches it.
    pub(super) fn submit_address(&mut self, text: &str) -> Option<Effect> {
        let url = sanitize_line(text.trim());
        if url.is_empty() {
            return None;
        }
        self.adding = Some(url.clone());
        Some(Effect::AddPage(url))
    }

    /// Whether Esc should stop the page being added: it does when it has nothing nearer to clear.
    pub(super) fn esc_stops_adding(&self) -> bool {
        self.adding.is_some()
            && match self.focus {
                Focus::List => self.filter.is_none(),
                Focus::Reader => self.selection.is_none(),
            }
    }

    pub(super) fn stop_adding(&mut self) -> Option<Effect> {
        let url = self.adding.take()?;
        self.message = Some(format!("stopped adding {url}; nothing was saved"));
        Some(Effect::StopAdding)
    }

    /// What became of the page being added: its article (saved now, or saved before), or why
    /// not. A result for a page that was stopped meanwhile is not expected (the app drops it)
    /// and is ignored.
    pub fn page_added(&mut self, result: Result<Article, String>) {
        let Some(url) = self.adding.take() else {
            return;
        };
        match result {
            Ok(article) => {
                let title = article.title.clone();
                let index = match self.article_ids.get(&article.id, &self.articles) {
                    Some(index) => index,
                    None => {
                        self.add_articles(vec![article], 0, &[]);
                        self.articles.len() - 1
                    }
                };
                self.filter = None;
                self.refresh_rows();
                if let Some(row) = self.row_of(index) {
                    self.select(row);
                }
                self.message = Some(format!("saved {title} in the library"));
            }
            Err(reason) => self.message = Some(format!("could not add {url}: {reason}")),
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use ratatui::layout::Rect;

    use crate::action::Action;
    use crate::article::{Article, Format};
    use crate::corpus;
    use crate::state::{Effect, State};

    fn state() -> State {
        State::new(
            corpus::bundled().articles,
            Rect::new(0, 0, 100, 30),
            HashMap::new(),
            None,
        )
    }

    fn type_line(s: &mut State, text: &str) -> Option<Effect> {
        for c in text.chars() {
            s.update(Action::PromptChar(c));
        }
        s.update(Action::PromptSubmit)
    }

    fn page(title: &str) -> Article {
        let html =
            format!("<html><head><title>{title}</title></head><body><p>Text.</p></body></html>");
        Article::from_text(&format!("/lib/{title}.html"), title, Format::Html, &html)
    }

    #[test]
    fn a_page_added_during_a_search_shows_in_the_whole_list() {
        let mut s = state();
        s.update(Action::StartSearch);
        for c in "zzzz".chars() {
            s.update(Action::PromptChar(c));
        }
        s.update(Action::PromptSubmit);
        assert_eq!(s.row_count(), 0, "nothing matches");
        s.update(Action::AddPage);
        type_line(&mut s, "https://example.com/b");
        s.page_added(Ok(page("Night trains")));
        assert_eq!(s.article_at(s.selected), Some(2));
        assert!(s.row_count() >= 3, "every article again");
    }

    #[test]
    fn a_typed_address_is_fetched_and_the_page_joins_the_list_selected() {
        let mut s = state();
        assert_eq!(s.update(Action::AddPage), None);
        let effect = type_line(&mut s, " https://example.com/a ");
        assert_eq!(
            effect,
            Some(Effect::AddPage("https://example.com/a".to_owned()))
        );
        assert_eq!(s.adding.as_deref(), Some("https://example.com/a"));
        assert!(s.prompt.is_none());

        s.page_added(Ok(page("Night trains")));
        assert_eq!(s.adding, None);
        assert_eq!(s.articles.len(), 3);
        assert_eq!(s.article_at(s.selected), Some(2));
        assert_eq!(
            s.message.as_deref(),
            Some("saved Night trains in the library")
        );
    }

    #[test]
    fn a_page_already_listed_is_selected_not_listed_twice() {
        let mut s = state();
        let first = s.articles[0].clone();
        s.update(Action::SelectNext);
        s.update(Action::AddPage);
        type_line(&mut s, "https://example.com/a");
        s.page_added(Ok(first));
        assert_eq!((s.articles.len(), s.selected), (2, 0));
    }

    #[test]
    fn a_failure_is_said_and_an_empty_line_fetches_nothing() {
        let mut s = state();
        s.update(Action::AddPage);
        assert_eq!(type_line(&mut s, "   "), None);
        assert_eq!(s.adding, None);
        s.update(Action::AddPage);
        type_line(&mut s, "https://example.com/gone");
        s.page_added(Err("the server answered HTTP 404".to_owned()));
        assert_eq!(
            s.message.as_deref(),
            Some("could not add https://example.com/gone: the server answered HTTP 404")
        );
        assert_eq!(s.articles.len(), 2);
    }

    #[test]
    fn esc_stops_the_page_being_added_and_its_late_result_is_ignored() {
        let mut s = state();
        s.update(Action::AddPage);
        type_line(&mut s, "https://example.com/slow");
        // A second `a` meanwhile says one is under way.
        s.update(Action::AddPage);
        assert!(s.prompt.is_none());
        assert!(s.message.as_deref().unwrap().starts_with("still adding"));
        assert_eq!(s.update(Action::ClearFilter), Some(Effect::StopAdding));
        assert_eq!(s.adding, None);
        s.page_added(Ok(page("Late")));
        assert_eq!(s.articles.len(), 2);
    }

    #[test]
    fn esc_in_the_address_line_only_closes_it() {
        let mut s = state();
        s.update(Action::AddPage);
        s.update(Action::PromptChar('h'));
        assert_eq!(s.update(Action::PromptCancel), None);
        assert!(s.prompt.is_none() && s.adding.is_none());
    }
}
