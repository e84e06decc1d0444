//! The outline of the open article (`t` in the reader): its headings as a list, the section the
//! reader is in marked, a filter (`/`), and Enter to go to a heading with the passage cursor on it.

use crate::action::Action;
use crate::article::BlockKind;

use super::{Effect, Focus, Overlay, State};

/// The outline overlay: which listed heading is selected, and the text that narrows the list.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OutlineView {
    pub selected: usize,
    pub filter: String,
}

/// One heading: its block in the open article and its level (1 largest).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heading {
    pub block: usize,
    pub level: u8,
}

impl State {
    /// Every heading of the open article, in order.
    pub fn headings(&self) -> Vec<Heading> {
        let Some(article) = self.open_article() else {
            return Vec::new();
        };
        article
            .blocks
            .iter()
            .enumerate()
            .filter_map(|(block, b)| match b.kind {
                BlockKind::Heading { level } => Some(Heading { block, level }),
                _ => None,
            })
            .collect()
    }

    /// The headings the outline lists: those whose text contains the filter (case aside).
    pub fn listed_headings(&self) -> Vec<Heading> {
        let filter = match &self.overlay {
            Some(Overlay::Outline(view)) => view.filter.to_lowercase(),
            _ => String::new(),
        };
        let Some(article) = self.open_article() else {
            return Vec::new();
        };
        self.headings()
            .into_iter()
            .filter(|h| {
                filter.is_empty()
                    || article.blocks[h.block]
                        .text
                        .to_lowercase()
                        .contains(&filter)
            })
            .collect()
    }

    /// The heading of the section the reader is in: the last one at or above the top of the view.
    pub fn current_heading(&self) -> Option<usize> {
        let (top_block, _) = self.view()?.anchor_of(self.top);
        self.headings()
            .into_iter()
            .take_while(|h| h.block <= top_block)
            .last()
            .map(|h| h.block)
    }

    /// `t`: opens the outline on the current section, or closes it.
    pub(super) fn toggle_outline(&mut self) {
        if matches!(self.overlay, Some(Overlay::Outline(_))) {
            self.overlay = None;
            return;
        }
        let current = self.current_heading();
        let selected = self
            .headings()
            .iter()
            .position(|h| Some(h.block) == current)
            .unwrap_or(0);
        self.overlay = Some(Overlay::Outline(OutlineView {
            selected,
            filter: String::new(),
        }));
    }

    pub(super) fn apply_outline(&mut self, action: Action) -> Option<Effect> {
        let count = self.listed_headings().len();
        let Some(Overlay::Outline(view)) = &mut self.overlay else {
            return None;
        };
        match action {
            Action::OutlineNext => view.selected = (view.selected + 1).min(count.saturating_sub(1)),
            Action::OutlinePrevious => view.selected = view.selected.saturating_sub(1),
            Action::JumpToHeading => return self.jump_to_heading(),
            _ => {}
        }
        None
    }

    /// Enter: the reader at the selected heading, with the passage cursor on it.
    fn jump_to_heading(&mut self) -> Option<Effect> {
        let Some(Overlay::Outline(view)) = &self.overlay else {
            return None;
        };
        let heading = self.listed_headings().get(view.selected).copied()?;
        self.overlay = None;
        self.focus = Focus::Reader;
        self.engaged = true;
        self.cursor = heading.block.min(self.last_block());
        if let Some(view) = self.view() {
            self.top = view.spot_of(heading.block, 0);
        }
        self.clamp_top();
        None
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;

    use ratatui::layout::Rect;

    use super::*;
    use crate::article::{Article, Format};
    use crate::keymap::Context;

    fn reading(text: &str) -> State {
        let article = Article::from_text("notes/a.md", "a", Format::Markdown, text);
        let mut s = State::new(
            vec![article],
            Rect::new(0, 0, 100, 30),
            HashMap::new(),
            None,
        );
        s.update(Action::SwitchFocus);
        s
    }

    fn sections() -> String {
        let mut text = String::from("# Voyage\n\n");
        for section in ["Launch", "Orbit", "Return"] {
            text.push_str(&format!("## {section}\n\n"));
            for n in 0..20 {
                text.push_str(&format!("Paragraph {n} of {section}.\n\n"));
            }
        }
        text
    }

    fn titles(s: &State) -> Vec<String> {
        let article = s.open_article().unwrap();
        s.listed_headings()
            .iter()
            .map(|h| article.blocks[h.block].text.clone())
            .collect()
    }

    #[test]
    fn the_outline_opens_on_the_current_section_and_enter_goes_there() {
        let mut s = reading(&sections());
        // Down into the second section.
        for _ in 0..50 {
            s.update(Action::ScrollDown);
        }
        s.update(Action::ToggleOutline);
        assert_eq!(s.context(), Context::Outline);
        // The title is the article's, above the outline, not a heading in it.
        assert_eq!(titles(&s), ["Launch", "Orbit", "Return"]);
        let Some(Overlay::Outline(view)) = &s.overlay else {
            panic!("the outline is open");
        };
        assert_eq!(view.selected, 1, "Orbit, where the reader is");
        s.update(Action::OutlineNext);
        s.update(Action::JumpToHeading);
        assert_eq!(s.overlay, None);
        let article = s.open_article().unwrap();
        assert_eq!(article.blocks[s.cursor].text, "Return");
        assert_eq!(s.view().unwrap().anchor_of(s.top).0, s.cursor, "at the top");
        assert_eq!(s.current_heading(), Some(s.cursor));
    }

    #[test]
    fn the_filter_narrows_the_headings() {
        let mut s = reading(&sections());
        s.update(Action::ToggleOutline);
        s.update(Action::StartSearch);
        for c in "RET".chars() {
            s.update(Action::PromptChar(c));
        }
        assert_eq!(titles(&s), ["Return"]);
        s.update(Action::PromptSubmit);
        s.update(Action::JumpToHeading);
        assert_eq!(s.open_article().unwrap().blocks[s.cursor].text, "Return");
    }

    #[test]
    fn an_article_without_headings_has_an_empty_outline() {
        let mut s = reading("Just a paragraph.\n\nAnd another.\n");
        s.update(Action::ToggleOutline);
        assert!(s.listed_headings().is_empty());
        assert_eq!(s.update(Action::JumpToHeading), None);
        s.update(Action::ToggleOutline);
        assert_eq!(s.overlay, None);
    }
}
