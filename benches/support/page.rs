//! A generated article written out as a file the way such files come: plain text (some
//! hard-wrapped, some with a share bar above or a "Source:" line below), Markdown (front matter
//! or a heading and byline line, some emphasis), or a saved HTML page with its navigation.

use std::fmt::Write as _;

use super::corpus_gen::Rng;
use super::prose::{Part, Piece};
use super::vocab;

impl Piece {
    pub fn to_text(&self, rng: &mut Rng, date: &Date) -> String {
        let mut out = String::new();
        if rng.below(10) == 0 {
            let _ = write!(out, "{}\n\n", rng.pick(vocab::INTERFACE_LINES));
        }
        let _ = write!(
            out,
            "{}\n\nBy {}\n\n{}\n\n",
            self.title,
            self.byline,
            date.written(rng)
        );
        let wrap = rng.below(2) == 0;
        for part in &self.blocks {
            match part {
                Part::Paragraph(t) => push_wrapped(&mut out, t, "", wrap),
                Part::Heading(t) => out.push_str(t),
                Part::Quote(t) => push_wrapped(&mut out, t, "> ", wrap),
                Part::List(items) => {
                    let lines: Vec<String> = items.iter().map(|i| format!("- {i}")).collect();
                    out.push_str(&lines.join("\n"));
                }
            }
            out.push_str("\n\n");
        }
        if rng.below(5) == 0 {
            let _ = writeln!(out, "Source: {}", self.source);
        }
        out
    }

    pub fn to_markdown(&self, rng: &mut Rng, date: &Date) -> String {
        let mut out = String::new();
        if rng.below(2) == 0 {
            let _ = write!(
                out,
                "---\ntitle: \"{}\"\nauthor: {}\ndate: {}\nsource: {}\n---\n\n",
                self.title,
                self.byline,
                date.iso(),
                self.source
            );
        } else {
            let _ = write!(
                out,
                "# {}\n\n*By {}* · {}\n\n",
                self.title,
                self.byline,
                date.iso()
            );
        }
        for part in &self.blocks {
            match part {
                Part::Paragraph(t) => out.push_str(&emphasise(rng, t)),
                Part::Heading(t) => {
                    let _ = write!(out, "## {t}");
                }
                Part::Quote(t) => {
                    let _ = write!(out, "> {t}");
                }
                Part::List(items) => {
                    let lines: Vec<String> = items.iter().map(|i| format!("* {i}")).collect();
                    out.push_str(&lines.join("\n"));
                }
            }
            out.push_str("\n\n");
        }
        out
    }

    pub fn to_html(&self, date: &Date) -> String {
        let mut out = format!(
            "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
             <title>{title} | {source}</title>\n<meta name=\"author\" content=\"{byline}\">\n\
             <meta property=\"article:published_time\" content=\"{date}\">\n\
             <meta property=\"og:site_name\" content=\"{source}\">\n</head>\n<body>\n\
             <nav><a href=\"/\">Home</a> <a href=\"/subscribe\">Subscribe</a></nav>\n\
             <article>\n<h1>{title}</h1>\n<p class=\"byline\">By {byline}</p>\n\
             <time datetime=\"{date}\">{date}</time>\n",
            title = escape(&self.title),
            byline = escape(&self.byline),
            source = escape(self.source),
            date = date.iso(),
        );
        for part in &self.blocks {
            match part {
                Part::Paragraph(t) => {
                    let _ = writeln!(out, "<p>{}</p>", escape(t));
                }
                Part::Heading(t) => {
                    let _ = writeln!(out, "<h2>{}</h2>", escape(t));
                }
                Part::Quote(t) => {
                    let _ = writeln!(out, "<blockquote><p>{}</p></blockquote>", escape(t));
                }
                Part::List(items) => {
                    out.push_str("<ul>\n");
                    for item in items {
                        let _ = writeln!(out, "<li>{}</li>", escape(item));
                    }
                    out.push_str("</ul>\n");
                }
            }
        }
        out.push_str("</article>\n<footer>Share · Print · Email</footer>\n</body>\n</html>\n");
        out
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Appends `text` as one line, or hard-wrapped at 72 columns as text saved from an email or a
/// terminal often is (`article::plain` joins such lines back).
fn push_wrapped(out: &mut String, text: &str, prefix: &str, wrap: bool) {
    if !wrap {
        out.push_str(prefix);
        out.push_str(text);
        return;
    }
    let mut column = 0;
    for (i, word) in text.split(' ').enumerate() {
        if i == 0 {
            out.push_str(prefix);
        } else if column + 1 + word.len() > 72 {
            out.push('\n');
            out.push_str(prefix);
            column = 0;
        } else {
            out.push(' ');
            column += 1;
        }
        out.push_str(word);
        column += word.len();
    }
}

/// Marks a word in some paragraphs with Markdown emphasis, as writers do.
fn emphasise(rng: &mut Rng, text: &str) -> String {
    if rng.below(4) != 0 {
        return text.to_owned();
    }
    let words: Vec<&str> = text.split(' ').collect();
    let at = rng.below(words.len() as u64) as usize;
    let word = words[at];
    if word.chars().all(char::is_alphabetic) {
        let mut out = words.clone();
        let marked = format!("*{word}*");
        out[at] = &marked;
        return out.join(" ");
    }
    text.to_owned()
}

pub struct Date {
    pub year: u64,
    pub month: u64,
    pub day: u64,
}

impl Date {
    pub fn random(rng: &mut Rng) -> Date {
        Date {
            year: 2010 + rng.below(16),
            month: 1 + rng.below(12),
            day: 1 + rng.below(28),
        }
    }

    pub fn iso(&self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month, self.day)
    }

    /// The date as a saved page writes it, in one of the forms `article::date` reads.
    pub fn written(&self, rng: &mut Rng) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        let month = MONTHS[(self.month - 1) as usize];
        match rng.below(4) {
            0 => self.iso(),
            1 => format!("{month} {}, {}", self.day, self.year),
            2 => format!("{} {month} {}", self.day, self.year),
            _ => format!("{:02}.{:02}.{}", self.day, self.month, self.year),
        }
    }
}
