//! `o` in the reader: the links of the passage under the cursor (or the selection), one opened at
//! once, several offered by number in the query line ("link 1-3:").
//!
//! Pure: the address goes out as `Effect::OpenLink`; the app decides whether to open or copy it.

use crate::article::links;
use crate::input_line::InputLine;

use super::search::{Prompt, Purpose};
use super::{Effect, State};

impl State {
    /// The addresses of the marked passages, in the order they appear.
    pub fn marked_links(&self) -> Vec<String> {
        let Some(article) = self.open_article() else {
            return Vec::new();
        };
        let (first, last) = self.marked_blocks();
        article
            .blocks
            .get(first..=last)
            .map_or_else(Vec::new, |blocks| {
                links::in_passages(blocks, &article.links)
            })
    }

    pub(super) fn open_link(&mut self) -> Option<Effect> {
        let mut found = self.marked_links();
        match found.len() {
            0 => {
                self.message = Some("no link in this passage ({ and } move the cursor)".to_owned());
                None
            }
            1 => found.pop().map(Effect::OpenLink),
            _ => {
                self.prompt = Some(Prompt::new(
                    Purpose::ChooseLink { links: found },
                    InputLine::default(),
                ));
                None
            }
        }
    }

    /// Enter in the "link 1-3:" line: the link of that number.
    pub(super) fn choose_link(&mut self, links: &[String], typed: &str) -> Option<Effect> {
        let chosen = typed
            .trim()
            .parse::<usize>()
            .ok()
            .and_then(|n| links.get(n.checked_sub(1)?));
        match chosen {
            Some(address) => Some(Effect::OpenLink(address.clone())),
            None => {
                self.message = Some(format!(
                    "no link {}: the passage has links 1-{}",
                    typed.trim(),
                    links.len()
                ));
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use ratatui::layout::Rect;

    use super::*;
    use crate::action::Action;
    use crate::article::{Article, Format};

    /// The reader on an article whose passages have no link, one link, and two.
    fn reading() -> State {
        let text = "# Links\n\nNo link here.\n\nThe [ministry](https://gov.example/) said.\n\n\
                    The [court](https://court.example/) and [press](mailto:desk@news.example).\n";
        let article = Article::from_text("links.md", "links", Format::Markdown, text);
        let mut state = State::new(
            vec![article],
            Rect::new(0, 0, 100, 30),
            HashMap::new(),
            None,
        );
        state.update(Action::OpenSelected);
        state
    }

    fn type_text(state: &mut State, text: &str) {
        text.chars()
            .for_each(|c| drop(state.update(Action::PromptChar(c))));
    }

    #[test]
    fn a_passage_without_links_says_so() {
        let mut s = reading();
        assert_eq!(s.update(Action::OpenLink), None);
        assert!(s.message.as_deref().unwrap().starts_with("no link"));
        assert!(s.prompt.is_none());
    }

    #[test]
    fn one_link_opens_at_once() {
        let mut s = reading();
        s.update(Action::NextPassage);
        assert_eq!(
            s.update(Action::OpenLink),
            Some(Effect::OpenLink("https://gov.example/".to_owned()))
        );
    }

    #[test]
    fn several_links_ask_for_a_number() {
        let mut s = reading();
        s.update(Action::NextPassage);
        s.update(Action::NextPassage);
        assert_eq!(s.update(Action::OpenLink), None);
        assert!(matches!(
            &s.prompt.as_ref().unwrap().purpose,
            Purpose::ChooseLink { links } if links.len() == 2
        ));
        type_text(&mut s, "2");
        assert_eq!(
            s.update(Action::PromptSubmit),
            Some(Effect::OpenLink("mailto:desk@news.example".to_owned()))
        );
        assert!(s.prompt.is_none());
    }

    #[test]
    fn a_number_out_of_range_opens_nothing_and_says_which_there_are() {
        let mut s = reading();
        s.update(Action::NextPassage);
        s.update(Action::NextPassage);
        s.update(Action::OpenLink);
        type_text(&mut s, "3");
        assert_eq!(s.update(Action::PromptSubmit), None);
        assert_eq!(
            s.message.as_deref(),
            Some("no link 3: the passage has links 1-2")
        );
    }

    #[test]
    fn a_selection_offers_the_links_of_every_passage_in_it() {
        let mut s = reading();
        s.update(Action::NextPassage);
        s.update(Action::ToggleSelection);
        s.update(Action::NextPassage);
        assert_eq!(
            s.marked_links(),
            vec![
                "https://gov.example/",
                "https://court.example/",
                "mailto:desk@news.example"
            ]
        );
    }

    #[test]
    fn the_list_of_links_at_the_end_opens_its_items() {
        let mut s = reading();
        s.update(Action::Bottom);
        assert_eq!(
            s.update(Action::OpenLink),
            Some(Effect::OpenLink("mailto:desk@news.example".to_owned()))
        );
    }
}
