//! The words of a generated article: English news prose about one topic, Chinese and Japanese
//! sentences, and the book-length texts of the long articles. `page` writes them out as files.

use std::fmt::Write as _;

use super::corpus_gen::Rng;
use super::vocab::{self, Topic};

/// An article before it is written in a format.
pub struct Piece {
    pub title: String,
    pub byline: String,
    pub source: &'static str,
    pub blocks: Vec<Part>,
}

pub enum Part {
    Paragraph(String),
    Heading(String),
    Quote(String),
    List(Vec<String>),
}

pub fn english_article(rng: &mut Rng, topic: &Topic, target: usize) -> Piece {
    let writer = Prose::new(rng, topic);
    let title = writer.title(rng);
    let byline = format!(
        "{} {}",
        rng.pick(vocab::FIRST_NAMES),
        rng.pick(vocab::SURNAMES)
    );
    let mut blocks = Vec::new();
    let mut size = 0;
    while size < target {
        let part = match rng.below(100) {
            0..=5 if size > 1500 => Part::Heading(writer.heading(rng)),
            6..=9 => Part::Quote(writer.quote(rng)),
            10..=12 => Part::List((0..2 + rng.below(4)).map(|_| writer.clause(rng)).collect()),
            _ => Part::Paragraph(writer.paragraph(rng)),
        };
        size += part.len();
        blocks.push(part);
    }
    Piece {
        title,
        byline,
        source: rng.pick(vocab::SOURCES),
        blocks,
    }
}

impl Part {
    pub fn len(&self) -> usize {
        match self {
            Part::Paragraph(t) | Part::Heading(t) | Part::Quote(t) => t.len() + 2,
            Part::List(items) => items.iter().map(|i| i.len() + 3).sum(),
        }
    }
}

/// Writes sentences about one topic, coming back to the same few names and places as a news story
/// does.
pub struct Prose {
    nouns: Vec<&'static str>,
    pub people: Vec<String>,
    places: Vec<String>,
}

impl Prose {
    pub fn new(rng: &mut Rng, topic: &Topic) -> Prose {
        let people = (0..3)
            .map(|_| {
                format!(
                    "{} {}",
                    rng.pick(vocab::FIRST_NAMES),
                    rng.pick(vocab::SURNAMES)
                )
            })
            .collect();
        let places = (0..2).map(|_| place_name(rng)).collect();
        let mut nouns = topic.nouns.to_vec();
        nouns.extend_from_slice(vocab::NOUNS);
        Prose {
            nouns,
            people,
            places,
        }
    }

    fn noun(&self, rng: &mut Rng) -> &'static str {
        // Topic nouns first in the list, so the zipf draw favours them.
        self.nouns[rng.zipf(self.nouns.len())]
    }

    fn noun_phrase(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0..=3 => format!("the {}", self.noun(rng)),
            4..=6 => format!(
                "the {} {}",
                rng.zipf_pick(vocab::ADJECTIVES),
                self.noun(rng)
            ),
            7 => format!("the {} of {}", self.noun(rng), rng.pick(&self.places)),
            8 => format!("a {} {}", rng.zipf_pick(vocab::ADJECTIVES), self.noun(rng)),
            _ => format!("{} {}", rng.pick(&self.places), self.noun(rng)),
        }
    }

    fn subject(&self, rng: &mut Rng) -> String {
        match rng.below(10) {
            0..=1 => rng.pick(&self.people),
            2 => rng.pick(vocab::ORGANISATIONS).to_owned(),
            _ => self.noun_phrase(rng),
        }
    }

    pub fn clause(&self, rng: &mut Rng) -> String {
        let mut clause = format!(
            "{} {} {}",
            self.subject(rng),
            rng.zipf_pick(vocab::VERBS),
            self.noun_phrase(rng)
        );
        if rng.below(3) == 0 {
            let _ = write!(
                clause,
                " {} {}",
                rng.pick(vocab::PREPOSITIONS),
                self.noun_phrase(rng)
            );
        }
        clause
    }

    fn sentence(&self, rng: &mut Rng) -> String {
        let body = match rng.below(12) {
            0..=4 => self.clause(rng),
            5..=6 => format!("{}, {}", rng.pick(vocab::CONNECTIVES), self.clause(rng)),
            7 => format!(
                "{} {} that {}",
                self.subject(rng),
                rng.pick(vocab::SAYING),
                self.clause(rng)
            ),
            8 => format!(
                "The {} rose by {}.{} percent in {}, according to {}",
                self.noun(rng),
                rng.below(12),
                rng.below(10),
                1990 + rng.below(35),
                rng.pick(vocab::ORGANISATIONS)
            ),
            9 => format!(
                "{} {} {}, and {}",
                self.subject(rng),
                rng.pick(vocab::ADVERBS),
                rng.zipf_pick(vocab::VERBS),
                self.clause(rng)
            ),
            10 => format!(
                "\"{}\", {} {}, {} {}",
                capitalize(&self.clause(rng)),
                rng.pick(&self.people),
                rng.pick(vocab::SAYING),
                rng.pick(vocab::ROLES),
                rng.pick(vocab::ORGANISATIONS)
            ),
            _ => format!(
                "{} {} people in {} were affected by {}",
                ["Some", "About", "More than", "Nearly"][rng.below(4) as usize],
                (1 + rng.below(900)) * 10,
                rng.pick(&self.places),
                self.noun_phrase(rng)
            ),
        };
        let end = if body.ends_with('"') { "" } else { "." };
        format!("{}{end}", capitalize(&body))
    }

    pub fn paragraph(&self, rng: &mut Rng) -> String {
        let sentences: Vec<String> = (0..2 + rng.below(5)).map(|_| self.sentence(rng)).collect();
        sentences.join(" ")
    }

    fn quote(&self, rng: &mut Rng) -> String {
        format!("{} {}", self.sentence(rng), self.sentence(rng))
    }

    pub fn heading(&self, rng: &mut Rng) -> String {
        title_case(&format!(
            "{} {}",
            rng.zipf_pick(vocab::ADJECTIVES),
            self.noun(rng)
        ))
    }

    pub fn title(&self, rng: &mut Rng) -> String {
        let title = match rng.below(4) {
            0 => format!(
                "{} {} {}",
                rng.pick(&self.places),
                rng.zipf_pick(vocab::VERBS),
                self.noun_phrase(rng)
            ),
            1 => format!(
                "Why {} {} {}",
                self.noun_phrase(rng),
                rng.zipf_pick(vocab::VERBS),
                self.noun_phrase(rng)
            ),
            2 => format!(
                "{} {}: what it means for {}",
                rng.zipf_pick(vocab::ADJECTIVES),
                self.noun(rng),
                rng.pick(&self.places)
            ),
            _ => format!(
                "{} {} {}",
                self.subject(rng),
                rng.zipf_pick(vocab::VERBS),
                self.noun_phrase(rng)
            ),
        };
        title_case(&title)
    }
}

pub fn place_name(rng: &mut Rng) -> String {
    let syllables = 2 + rng.below(2);
    let name: String = (0..syllables)
        .map(|_| rng.pick(vocab::NAME_SYLLABLES))
        .collect();
    capitalize(&name)
}

pub fn cjk_article(rng: &mut Rng, target: usize, japanese: bool) -> Piece {
    let sentence = |rng: &mut Rng| {
        if japanese {
            japanese_sentence(rng)
        } else {
            chinese_sentence(rng)
        }
    };
    let title: String = (0..3).map(|_| rng.pick(vocab::CHINESE)).collect();
    let title = if japanese {
        format!(
            "{}{}{}",
            rng.pick(vocab::JAPANESE),
            "の",
            rng.pick(vocab::JAPANESE)
        )
    } else {
        title
    };
    let mut blocks = Vec::new();
    let mut size = 0;
    while size < target {
        let paragraph: String = (0..2 + rng.below(4)).map(|_| sentence(rng)).collect();
        size += paragraph.len() + 2;
        blocks.push(Part::Paragraph(paragraph));
    }
    Piece {
        title,
        byline: rng.pick(vocab::CJK_NAMES).to_owned(),
        source: rng.pick(vocab::SOURCES),
        blocks,
    }
}

pub fn chinese_sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    for part in 0..1 + rng.below(3) {
        if part > 0 {
            s.push('，');
        }
        s.push_str(rng.zipf_pick(vocab::CHINESE));
        s.push_str(rng.pick(vocab::CHINESE_GLUE));
        s.push_str(rng.pick(vocab::CHINESE_VERBS));
        s.push_str(rng.zipf_pick(vocab::CHINESE));
        s.push_str(rng.zipf_pick(vocab::CHINESE));
    }
    s.push('。');
    s
}

pub fn japanese_sentence(rng: &mut Rng) -> String {
    let mut s = String::new();
    for _ in 0..2 + rng.below(3) {
        s.push_str(rng.zipf_pick(vocab::JAPANESE));
        s.push_str(rng.pick(vocab::JAPANESE_PARTICLES));
    }
    s.push_str(rng.pick(vocab::JAPANESE));
    s.push('を');
    s.push_str(rng.pick(vocab::JAPANESE_VERBS));
    s.push('。');
    s
}

/// A long English article: a book-length text in chapters, as plain text or Markdown.
pub fn long_text(rng: &mut Rng, bytes: usize, markdown: bool) -> String {
    let topic = &vocab::TOPICS[rng.below(vocab::TOPICS.len() as u64) as usize];
    let writer = Prose::new(rng, topic);
    let mut text = String::with_capacity(bytes + 4096);
    let title = writer.title(rng);
    if markdown {
        let _ = write!(text, "# {title}\n\n*By {}*\n\n", rng.pick(&writer.people));
    } else {
        let _ = write!(text, "{title}\n\nBy {}\n\n", rng.pick(&writer.people));
    }
    let mut chapter = 0;
    while text.len() < bytes {
        if text.len() >= chapter * 200_000 {
            chapter += 1;
            let heading = writer.heading(rng);
            if markdown {
                let _ = write!(text, "## Chapter {chapter}: {heading}\n\n");
            } else {
                let _ = write!(text, "CHAPTER {chapter}\n\n");
            }
        }
        text.push_str(&writer.paragraph(rng));
        text.push_str("\n\n");
    }
    text
}

pub fn long_japanese(rng: &mut Rng, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 4096);
    let _ = write!(
        text,
        "{}の{}について\n\n{}\n\n",
        rng.pick(vocab::JAPANESE),
        rng.pick(vocab::JAPANESE),
        rng.pick(vocab::CJK_NAMES)
    );
    while text.len() < bytes {
        for _ in 0..3 + rng.below(5) {
            text.push_str(&japanese_sentence(rng));
        }
        text.push_str("\n\n");
    }
    text
}

pub fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

pub fn title_case(text: &str) -> String {
    const SMALL: [&str; 8] = ["a", "an", "the", "of", "in", "for", "and", "to"];
    text.split(' ')
        .enumerate()
        .map(|(i, w)| {
            if i > 0 && SMALL.contains(&w) {
                w.to_owned()
            } else {
                capitalize(w)
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}
