//! A deterministic corpus of articles for the benchmarks: prose that reads like newspaper text
//! (titles, bylines, dates, paragraphs, headings, quotes, lists, saved-page debris), as .txt and .md
//! files (and .html with `html`), a few long articles of several MB and some Chinese and Japanese
//! articles. The same options give the same bytes on every machine.
//!
//! Determinism: every article draws from its own generator seeded by (seed, index), so an article
//! does not depend on the others, and no floating-point function whose last bit may differ between
//! platforms (`ln`, `exp`) is used; sizes come from integer tables.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::page::Date;
use super::prose;
use super::vocab;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Options {
    /// Files in all, the long articles included.
    pub articles: usize,
    pub seed: u64,
    /// Multiplies every article's length, the long ones included.
    pub scale: f64,
    /// Also write .html files (for the HTML support being added elsewhere).
    pub html: bool,
    /// How many long articles (8, 4 and 2 MB at scale 1, then again); `None`: 3 in a corpus of
    /// 1,000 or more, else 1.
    pub long: Option<usize>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            articles: 20_000,
            seed: 1,
            scale: 1.0,
            html: false,
            long: None,
        }
    }
}

impl Options {
    fn long_count(&self) -> usize {
        self.long
            .unwrap_or(if self.articles >= 1000 { 3 } else { 1 })
            .min(self.articles)
    }
}

/// What was written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub files: usize,
    pub bytes: u64,
    pub long: usize,
    pub cjk: usize,
}

/// Sizes of the long articles at scale 1, in bytes, taken in turn.
const LONG_BYTES: [usize; 3] = [8 << 20, 4 << 20, 2 << 20];

/// Sizes of ordinary articles at scale 1: (weight in %, smallest, largest) in bytes. With the
/// long articles this puts 20,000 articles at about 50 MB.
const SIZE_BUCKETS: [(u64, usize, usize); 6] = [
    (16, 350, 750),
    (32, 750, 1_150),
    (30, 1_150, 1_850),
    (15, 1_850, 3_000),
    (6, 3_000, 6_000),
    (1, 6_000, 15_000),
];

/// One generated file: where it goes under the output folder and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct File {
    pub path: PathBuf,
    pub text: String,
    pub cjk: bool,
}

/// Writes the corpus into `out`, which must be empty or absent (a stale file from an earlier,
/// larger run would make the corpus differ from what the options say).
pub fn generate(options: &Options, out: &Path) -> io::Result<Summary> {
    if out.exists() && fs::read_dir(out)?.next().is_some() {
        return Err(io::Error::new(
            io::ErrorKind::AlreadyExists,
            format!("{} is not empty; give a new or empty folder", out.display()),
        ));
    }
    let mut summary = Summary::default();
    for index in 0..options.articles {
        let file = file(options, index);
        let path = out.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(&path, &file.text)?;
        summary.files += 1;
        summary.bytes += file.text.len() as u64;
        summary.long += usize::from(index < options.long_count());
        summary.cjk += usize::from(file.cjk);
    }
    Ok(summary)
}

/// Article `index` of the corpus: the first `long_count` are the long ones.
pub fn file(options: &Options, index: usize) -> File {
    let mut rng = Rng::new(options.seed, index as u64);
    if index < options.long_count() {
        let bytes = scaled(LONG_BYTES[index % LONG_BYTES.len()], options.scale);
        // The third long article is Japanese: wide characters and no spaces to wrap at.
        let (text, ext, cjk) = match index % 3 {
            0 => (prose::long_text(&mut rng, bytes, false), "txt", false),
            1 => (prose::long_text(&mut rng, bytes, true), "md", false),
            _ => (prose::long_japanese(&mut rng, bytes), "txt", true),
        };
        let path = PathBuf::from(format!("books/{index:03}-long-{}k.{ext}", bytes >> 10));
        return File { path, text, cjk };
    }
    let target = scaled(article_size(&mut rng), options.scale);
    let date = Date::random(&mut rng);
    let roll = rng.below(100);
    let cjk = roll < 2;
    let (format, ext) = match rng.below(100) {
        n if options.html && n < 20 => (Format::Html, "html"),
        n if n < 60 => (Format::Text, "txt"),
        _ => (Format::Markdown, "md"),
    };
    let topic = &vocab::TOPICS[rng.below(vocab::TOPICS.len() as u64) as usize];
    let piece = if cjk {
        prose::cjk_article(&mut rng, target, roll == 0)
    } else {
        prose::english_article(&mut rng, topic, target)
    };
    let text = match format {
        Format::Text => piece.to_text(&mut rng, &date),
        Format::Markdown => piece.to_markdown(&mut rng, &date),
        Format::Html => piece.to_html(&date),
    };
    let slug = slug(&piece.title, index);
    let path = PathBuf::from(format!(
        "{}/{}/{index:05}-{slug}.{ext}",
        topic.section, date.year
    ));
    File { path, text, cjk }
}

fn scaled(bytes: usize, scale: f64) -> usize {
    ((bytes as f64 * scale) as usize).max(40)
}

fn article_size(rng: &mut Rng) -> usize {
    let mut roll = rng.below(100);
    for (weight, low, high) in SIZE_BUCKETS {
        if roll < weight {
            return low + rng.below((high - low) as u64) as usize;
        }
        roll -= weight;
    }
    SIZE_BUCKETS[0].1
}

#[derive(Clone, Copy)]
enum Format {
    Text,
    Markdown,
    Html,
}

fn slug(title: &str, index: usize) -> String {
    let slug: String = title
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let slug: Vec<&str> = slug.split('-').filter(|w| !w.is_empty()).take(6).collect();
    if slug.is_empty() {
        format!("article-{index}")
    } else {
        slug.join("-")
    }
}

/// SplitMix64: tiny, fast, and fixed here so the bytes never change with a dependency's version.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64, stream: u64) -> Rng {
        let mut rng = Rng(seed ^ stream.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        rng.next();
        rng
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: u64) -> u64 {
        ((u128::from(self.next()) * u128::from(n)) >> 64) as u64
    }

    pub fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.below(items.len() as u64) as usize].clone()
    }

    /// An index in `0..n` skewed to the front, the way word frequencies are: a uniform draw
    /// 60% of the time, else the square of one. The first of 50 words comes up about 7% of the
    /// time, the last about 1%.
    pub fn zipf(&mut self, n: usize) -> usize {
        let u = u128::from(self.next() >> 32);
        if self.below(10) < 6 {
            ((u * n as u128) >> 32) as usize
        } else {
            ((u * u * n as u128) >> 64) as usize
        }
    }

    pub fn zipf_pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[self.zipf(items.len())].clone()
    }
}
