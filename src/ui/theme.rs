//! Styles for every element: the 16 basic colours by default (right in any terminal and over SSH),
//! or no colour at all under NO_COLOR, where focus, selection and emphasis still show through
//! bold, reverse, underline and the border's line style.

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

/// All the styles the renderer uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Theme {
    pub border: Style,
    pub border_focused: Style,
    pub border_type: BorderType,
    pub border_type_focused: BorderType,
    pub pane_title: Style,
    pub article_title: Style,
    pub meta: Style,
    pub heading: Style,
    pub heading_major: Style,
    pub quote: Style,
    pub quote_bar: Style,
    pub code: Style,
    /// Inline marks in the text.
    pub emphasis: Style,
    pub strong: Style,
    pub inline_code: Style,
    pub link: Style,
    pub marker: Style,
    /// The passage cursor and selection in the gutter.
    pub cursor: Style,
    /// The text of passages selected with `v`.
    pub selection: Style,
    pub list_title: Style,
    pub list_meta: Style,
    pub selected: Style,
    pub selected_unfocused: Style,
    pub status: Style,
    pub status_mode: Style,
    pub status_message: Style,
    pub status_prompt: Style,
    /// A search match in the text, and the one the person is on.
    pub found: Style,
    pub found_current: Style,
    pub help_key: Style,
    pub help_section: Style,
}

/// The built-in colour themes: for a dark terminal background or a light one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ThemeName {
    #[default]
    Dark,
    Light,
}

impl ThemeName {
    pub fn name(self) -> &'static str {
        match self {
            ThemeName::Dark => "dark",
            ThemeName::Light => "light",
        }
    }
}

/// What a person can colour in config.toml; each role paints several elements alike.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// The focused pane's border, the passage cursor, the mode in the status bar.
    Focus,
    /// The selected row's background.
    Selection,
    /// A search match's background.
    Match,
    Heading,
    /// The bar beside a quote.
    Quote,
    Link,
    /// Bylines, dates, borders of the pane without focus.
    Dim,
    /// The status bar's background.
    Status,
}

impl Role {
    pub const ALL: [Role; 8] = [
        Role::Focus,
        Role::Selection,
        Role::Match,
        Role::Heading,
        Role::Quote,
        Role::Link,
        Role::Dim,
        Role::Status,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Role::Focus => "focus",
            Role::Selection => "selection",
            Role::Match => "match",
            Role::Heading => "heading",
            Role::Quote => "quote",
            Role::Link => "link",
            Role::Dim => "dim",
            Role::Status => "status",
        }
    }
}

impl Theme {
    /// The theme `name` with `colors` painted over it, unless NO_COLOR (https://no-color.org) is
    /// set and not empty: then no colour at all, whatever the config says.
    pub fn new(name: ThemeName, colors: &[(Role, Color)]) -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::monochrome(),
            _ => Theme::themed(name, colors),
        }
    }

    /// `new` without looking at the environment.
    pub fn themed(name: ThemeName, colors: &[(Role, Color)]) -> Theme {
        let mut theme = match name {
            ThemeName::Dark => Theme::color(),
            ThemeName::Light => Theme::light(),
        };
        for &(role, color) in colors {
            theme.paint(role, color);
        }
        theme
    }

    /// The colour a role has in the theme `name`, as config.toml would write it.
    pub fn role_color(name: ThemeName, role: Role) -> Color {
        let theme = Theme::themed(name, &[]);
        let color = match role {
            Role::Focus => theme.border_focused.fg,
            Role::Selection => theme.selected.bg,
            Role::Match => theme.found.bg,
            Role::Heading => theme.heading.fg,
            Role::Quote => theme.quote_bar.fg,
            Role::Link => theme.link.fg,
            Role::Dim => theme.meta.fg,
            Role::Status => theme.status.bg,
        };
        color.unwrap_or(Color::Reset)
    }

    fn paint(&mut self, role: Role, color: Color) {
        match role {
            Role::Focus => {
                self.border_focused = self.border_focused.fg(color);
                self.cursor = self.cursor.fg(color);
                self.status_mode = self.status_mode.bg(color);
                self.help_section = self.help_section.fg(color);
            }
            Role::Selection => self.selected = self.selected.bg(color),
            Role::Match => self.found = self.found.bg(color),
            Role::Heading => {
                self.heading = self.heading.fg(color);
                self.heading_major = self.heading_major.fg(color);
            }
            Role::Quote => self.quote_bar = self.quote_bar.fg(color),
            Role::Link => self.link = self.link.fg(color),
            Role::Dim => {
                self.meta = self.meta.fg(color);
                self.list_meta = self.list_meta.fg(color);
                self.border = self.border.fg(color);
            }
            Role::Status => {
                self.status = self.status.bg(color);
                self.status_message = self.status_message.bg(color);
                self.status_prompt = self.status_prompt.bg(color);
            }
        }
    }

    /// For a light background: no yellow or white text, which a white background washes out.
    pub fn light() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            border_focused: Style::new().fg(Color::Blue),
            article_title: bold.fg(Color::Blue),
            heading: bold.fg(Color::Magenta),
            heading_major: bold.fg(Color::Magenta).add_modifier(Modifier::UNDERLINED),
            quote_bar: Style::new().fg(Color::Green),
            marker: Style::new().fg(Color::Magenta),
            cursor: bold.fg(Color::Blue),
            selected: Style::new().fg(Color::White).bg(Color::Blue),
            status: Style::new().fg(Color::Black).bg(Color::Gray),
            status_mode: bold.fg(Color::White).bg(Color::Blue),
            status_message: bold.fg(Color::Red).bg(Color::Gray),
            status_prompt: bold.fg(Color::Black).bg(Color::Gray),
            help_key: bold.fg(Color::Magenta),
            help_section: bold.fg(Color::Blue),
            ..Theme::color()
        }
    }

    pub fn color() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            border: Style::new().fg(Color::DarkGray),
            border_focused: Style::new().fg(Color::Cyan),
            border_type: BorderType::Plain,
            border_type_focused: BorderType::Thick,
            pane_title: bold,
            article_title: bold.fg(Color::Yellow),
            meta: Style::new().fg(Color::DarkGray),
            heading: bold.fg(Color::Cyan),
            heading_major: bold.fg(Color::Cyan).add_modifier(Modifier::UNDERLINED),
            quote: Style::new().add_modifier(Modifier::ITALIC),
            quote_bar: Style::new().fg(Color::Green),
            code: Style::new().fg(Color::Green),
            emphasis: Style::new().add_modifier(Modifier::ITALIC),
            strong: bold,
            inline_code: Style::new().fg(Color::Green),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            marker: Style::new().fg(Color::Yellow),
            cursor: bold.fg(Color::Cyan),
            selection: Style::new().bg(Color::Blue).fg(Color::White),
            list_title: Style::new(),
            list_meta: Style::new().fg(Color::DarkGray),
            selected: Style::new().fg(Color::Black).bg(Color::Cyan),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            status: Style::new().fg(Color::White).bg(Color::DarkGray),
            status_mode: bold.fg(Color::Black).bg(Color::Cyan),
            status_message: bold.fg(Color::Yellow).bg(Color::DarkGray),
            status_prompt: bold.fg(Color::White).bg(Color::DarkGray),
            found: Style::new().fg(Color::Black).bg(Color::Yellow),
            found_current: bold.fg(Color::Black).bg(Color::Magenta),
            help_key: bold.fg(Color::Yellow),
            help_section: bold.fg(Color::Cyan),
        }
    }

    pub fn monochrome() -> Theme {
        let plain = Style::new();
        let bold = plain.add_modifier(Modifier::BOLD);
        Theme {
            border: plain,
            border_focused: bold,
            border_type: BorderType::Plain,
            border_type_focused: BorderType::Double,
            pane_title: bold,
            article_title: bold,
            meta: plain.add_modifier(Modifier::DIM),
            heading: bold,
            heading_major: bold.add_modifier(Modifier::UNDERLINED),
            quote: plain.add_modifier(Modifier::ITALIC),
            quote_bar: plain,
            code: plain,
            emphasis: plain.add_modifier(Modifier::ITALIC),
            strong: bold,
            inline_code: plain.add_modifier(Modifier::DIM),
            link: plain.add_modifier(Modifier::UNDERLINED),
            marker: bold,
            cursor: bold.add_modifier(Modifier::REVERSED),
            selection: plain.add_modifier(Modifier::REVERSED),
            list_title: plain,
            list_meta: plain.add_modifier(Modifier::DIM),
            selected: plain.add_modifier(Modifier::REVERSED),
            selected_unfocused: plain.add_modifier(Modifier::UNDERLINED),
            status: plain.add_modifier(Modifier::REVERSED),
            status_mode: bold,
            status_message: bold.add_modifier(Modifier::REVERSED),
            status_prompt: bold.add_modifier(Modifier::REVERSED),
            found: plain.add_modifier(Modifier::REVERSED),
            found_current: bold
                .add_modifier(Modifier::REVERSED)
                .add_modifier(Modifier::UNDERLINED),
            help_key: bold,
            help_section: bold.add_modifier(Modifier::UNDERLINED),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_paints_its_elements_and_reads_back() {
        let theme = Theme::themed(ThemeName::Dark, &[(Role::Heading, Color::Magenta)]);
        assert_eq!(theme.heading.fg, Some(Color::Magenta));
        assert_eq!(theme.heading_major.fg, Some(Color::Magenta));
        assert_eq!(
            theme.link,
            Theme::color().link,
            "other roles are left alone"
        );
        for name in [ThemeName::Dark, ThemeName::Light] {
            for role in Role::ALL {
                let color = Theme::role_color(name, role);
                let painted = Theme::themed(name, &[(role, color)]);
                assert_eq!(painted, Theme::themed(name, &[]), "{name:?} {role:?}");
            }
        }
        assert_ne!(Theme::light(), Theme::color());
    }

    #[test]
    fn monochrome_uses_no_colour_at_all() {
        let t = Theme::monochrome();
        for style in [
            t.border,
            t.border_focused,
            t.pane_title,
            t.article_title,
            t.meta,
            t.heading,
            t.heading_major,
            t.quote,
            t.quote_bar,
            t.code,
            t.emphasis,
            t.strong,
            t.inline_code,
            t.link,
            t.marker,
            t.cursor,
            t.selection,
            t.list_title,
            t.list_meta,
            t.selected,
            t.selected_unfocused,
            t.status,
            t.status_mode,
            t.status_message,
            t.help_key,
            t.help_section,
            t.status_prompt,
            t.found,
            t.found_current,
        ] {
            assert_eq!((style.fg, style.bg), (None, None), "{style:?}");
        }
        assert_ne!(t.selected, t.list_title, "selection shows without colour");
        assert_ne!(
            t.found, t.found_current,
            "the current match shows without colour"
        );
        assert_ne!(
            t.border_type, t.border_type_focused,
            "focus shows without colour"
        );
    }
}
