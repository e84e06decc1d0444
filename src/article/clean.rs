//! Cleans the debris of saved web pages out of an article body and lifts its metadata out of it.
//!
//! Conservative by design: a rule only fires on a block whose whole shape is debris (a "print"
//! button, a bare date, a run of one-word tag bullets at the very end, an author box, a "first
//! published at" line), never on a line of prose. What it drops stays visible in the raw view.

use std::collections::HashMap;

use super::date::parse_date;
use super::{Block, BlockKind, Mark, Metadata};

/// Words that only ever appear as page furniture: buttons, share bars, menus.
const INTERFACE_WORDS: &[&str] = &[
    "print",
    "share",
    "email",
    "e-mail",
    "mail",
    "tweet",
    "twitter",
    "facebook",
    "linkedin",
    "whatsapp",
    "telegram",
    "reddit",
    "pinterest",
    "save",
    "bookmark",
    "menu",
    "close",
    "subscribe",
    "login",
    "log",
    "sign",
    "in",
    "up",
    "search",
    "home",
    "comments",
    "comment",
    "listen",
    "download",
    "pdf",
    "copy",
    "link",
    "skip",
    "to",
    "content",
    "this",
    "article",
    "page",
    "a+",
    "a-",
    "font",
    "text",
    "size",
    "back",
    "top",
    "more",
    "x",
];

/// The words with which an author box opens at the end of a saved page.
const AUTHOR_MARKERS: &[&str] = &[
    "author",
    "authors",
    "about the author",
    "about the authors",
    "written by",
];

/// Blocks at the start searched for a date, a title and a byline.
const HEAD_BLOCKS: usize = 4;

/// Cleans `blocks`, filling the metadata fields the parser left empty.
pub fn clean(mut blocks: Vec<Block>, mut meta: Metadata) -> (Vec<Block>, Metadata) {
    drop_leading_interface_lines(&mut blocks);
    take_head_dates(&mut blocks, &mut meta);
    take_title(&mut blocks, &mut meta);
    take_head_dates(&mut blocks, &mut meta);
    take_byline_line(&mut blocks, &mut meta);
    split_date_from_byline(&mut meta);
    blocks.retain(|block| !is_caption_label(block));
    let readable = meta
        .title
        .as_deref()
        .filter(|title| is_shouting(title))
        .map(|title| readable_case(title, &blocks));
    if let Some(readable) = readable {
        meta.title_original = meta.title.replace(readable);
    }
    while drop_trailing_debris(&mut blocks, &mut meta) {}
    join_paragraphs_split_by_page_breaks(&mut blocks);
    if let Some(date) = &meta.date
        && let Some(iso) = parse_date(date)
    {
        meta.date = Some(iso);
    }
    (blocks, meta)
}

/// "Nathan Willis March 25, 2015": the name is the byline, the date the date (when the page gave
/// none of its own).
fn split_date_from_byline(meta: &mut Metadata) {
    let Some(byline) = meta.byline.as_deref() else {
        return;
    };
    let words: Vec<&str> = byline.split_whitespace().collect();
    // A date is two to four words ("25 March 2015", "March 25, 2015", "on Mar 25 2015").
    for date_words in (2..=4).rev() {
        let Some(name_words) = words.len().checked_sub(date_words).filter(|n| *n > 0) else {
            continue;
        };
        let date = words[name_words..].join(" ");
        if let Some(iso) = parse_date(&date) {
            let name = words[..name_words].join(" ");
            let name = name
                .trim_end_matches([',', '·', '-', '|', '—', ':'])
                .trim_end();
            let name = name.strip_suffix(" on").unwrap_or(name);
            if name.is_empty() {
                return;
            }
            // "Last Updated: January 7, 2025" is a date, not a person.
            let label = DATE_LABELS.contains(&name.to_lowercase().as_str());
            meta.byline = (!label).then(|| name.to_owned());
            meta.date.get_or_insert(iso);
            return;
        }
    }
}

/// What stands before a date on a page, never a person's name.
const DATE_LABELS: &[&str] = &[
    "updated",
    "last updated",
    "published",
    "posted",
    "first published",
    "date",
];

/// A caption that is only a label ("Photo", "Image"): what a picture left behind, not text.
fn is_caption_label(block: &Block) -> bool {
    block.kind == BlockKind::Paragraph
        && matches!(
            block
                .text
                .trim()
                .trim_end_matches(':')
                .to_lowercase()
                .as_str(),
            "photo" | "image" | "photograph" | "video" | "picture"
        )
}

fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
}

/// Whether `text` has at most `limit` words. Counts no further than it must: the rules ask this
/// of blocks that can be a whole article (a file that is one long paragraph).
fn at_most_words(text: &str, limit: usize) -> bool {
    words(text).nth(limit).is_none()
}

fn is_interface_line(block: &Block) -> bool {
    block.kind == BlockKind::Paragraph
        && at_most_words(&block.text, 6)
        && words(&block.text).all(|w| INTERFACE_WORDS.contains(&w.to_lowercase().as_str()))
}

fn drop_leading_interface_lines(blocks: &mut Vec<Block>) {
    let debris = blocks.iter().take_while(|b| is_interface_line(b)).count();
    blocks.drain(..debris);
}

/// A block that is only a date ("18.06.18", "Published: June 18, 2018").
fn date_line(block: &Block) -> Option<String> {
    if block.kind != BlockKind::Paragraph || block.text.len() > 60 {
        return None;
    }
    let text = block.text.trim();
    let text = [
        "published:",
        "published",
        "updated:",
        "posted:",
        "posted on",
        "date:",
    ]
    .iter()
    .find_map(|prefix| {
        let head = text.get(..prefix.len())?;
        head.eq_ignore_ascii_case(prefix)
            .then(|| &text[prefix.len()..])
    })
    .unwrap_or(text);
    parse_date(text)
}

fn take_head_dates(blocks: &mut Vec<Block>, meta: &mut Metadata) {
    let mut index = 0;
    while index < blocks.len().min(HEAD_BLOCKS) {
        if let Some(date) = date_line(&blocks[index]) {
            meta.date.get_or_insert(date);
            blocks.remove(index);
        } else {
            index += 1;
        }
    }
}

/// The first heading, or a short single-line first paragraph that does not read as a sentence.
fn take_title(blocks: &mut Vec<Block>, meta: &mut Metadata) {
    let Some(first) = blocks.first() else {
        return;
    };
    let is_title = match first.kind {
        // A "heading" of a whole file (a hostile or broken one) stays in the body, where it is
        // cut into pieces like any long block, instead of becoming a title of megabytes.
        BlockKind::Heading { level } => {
            level <= 2
                && first
                    .text
                    .chars()
                    .nth(crate::article::MAX_META_CHARS)
                    .is_none()
        }
        BlockKind::Paragraph => looks_like_title(&first.text) && blocks.len() > 1,
        _ => false,
    };
    if !is_title {
        return;
    }
    match &meta.title {
        // Front matter named the title; a first heading that repeats it is not body text.
        Some(title) if title.to_lowercase() == first.text.to_lowercase() => {
            blocks.remove(0);
        }
        Some(_) => {}
        None => meta.title = Some(blocks.remove(0).text),
    }
}

fn looks_like_title(text: &str) -> bool {
    let text = text.trim();
    !text.contains('\n')
        && text.chars().nth(150).is_none()
        && at_most_words(text, 25)
        && text.chars().any(char::is_alphabetic)
        && !text.ends_with(['.', ',', ';', ':'])
}

/// "By Anna Kireeva" right under the title.
fn take_byline_line(blocks: &mut Vec<Block>, meta: &mut Metadata) {
    let found = blocks.iter().take(HEAD_BLOCKS).position(|block| {
        block.kind == BlockKind::Paragraph
            && block
                .text
                .strip_prefix("By ")
                .or_else(|| block.text.strip_prefix("by "))
                .is_some_and(looks_like_name)
    });
    if let Some(index) = found {
        let block = blocks.remove(index);
        meta.byline
            .get_or_insert_with(|| block.text[3..].trim().to_owned());
    }
}

/// Two to five capitalised words with no digits: "Anna Kireeva", "Jean-Paul de la Tour".
fn looks_like_name(text: &str) -> bool {
    text.len() <= 60
        && (2..=5).contains(&words(text).count())
        && !text.chars().any(|c| c.is_ascii_digit())
        && !text.ends_with('.')
        && words(text)
            .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
            .count()
            >= 2
}

/// A title typed in capitals: at least four letters, nearly all upper case.
fn is_shouting(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    letters.len() >= 4 && upper * 10 >= letters.len() * 9
}

/// Turns a title in capitals into the case a person would write it in: the same words in mixed
/// case if the text has them (a "Source:" line often does), otherwise sentence case with each
/// word in the form the body writes it ("NORTH KOREA" becomes "North Korea", "THE" becomes "the").
fn readable_case(title: &str, blocks: &[Block]) -> String {
    let wanted = title.to_lowercase();
    for block in blocks {
        if block.text.len() <= title.len() * 2 + 40 {
            let lower = block.text.to_lowercase();
            // Only when lowering kept byte offsets (true for the scripts that have capitals here).
            if lower.len() == block.text.len()
                && let Some(start) = lower.find(&wanted)
            {
                let found = &block.text[start..start + wanted.len()];
                if !is_shouting(found) {
                    return found.to_owned();
                }
            }
        }
    }
    let forms = body_word_forms(blocks);
    let mut out = String::with_capacity(title.len());
    for (index, token) in title.split(' ').enumerate() {
        if index > 0 {
            out.push(' ');
        }
        let core = word_core(token);
        let form = forms
            .get(&word_key(core))
            .cloned()
            .unwrap_or_else(|| core.to_lowercase());
        let start = token.find(core).unwrap_or(0);
        out.push_str(&token[..start]);
        out.push_str(&form);
        out.push_str(&token[start + core.len()..]);
    }
    capitalize_first(&out)
}

/// The word inside its punctuation: `"fears?"` gives `fears`, `(CVID)` gives `CVID`.
fn word_core(token: &str) -> &str {
    token.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '’'))
}

fn word_key(word: &str) -> String {
    word.to_lowercase().replace('’', "'")
}

/// For each word of the body, its most frequent spelling where case carries meaning: words that
/// open a sentence are skipped, since their capital says nothing about the word.
fn body_word_forms(blocks: &[Block]) -> HashMap<String, String> {
    let mut counts: HashMap<String, HashMap<String, usize>> = HashMap::new();
    for block in blocks {
        let mut sentence_start = true;
        for token in words(&block.text) {
            let core = word_core(token);
            if !core.is_empty() && !sentence_start {
                *counts
                    .entry(word_key(core))
                    .or_default()
                    .entry(core.replace('’', "'"))
                    .or_default() += 1;
            }
            sentence_start = token.ends_with(['.', '!', '?', ':', '"', '“', '”']);
        }
    }
    counts
        .into_iter()
        .filter_map(|(key, forms)| {
            let best = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
            Some((key, best.0))
        })
        .collect()
}

fn capitalize_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// Removes one piece of debris from the end of the body; false when the end is prose.
fn drop_trailing_debris(blocks: &mut Vec<Block>, meta: &mut Metadata) -> bool {
    let tags = trailing_tag_run(blocks);
    if tags >= 2 {
        blocks.truncate(blocks.len() - tags);
        return true;
    }
    if take_author_box(blocks, meta) {
        return true;
    }
    let Some(last) = blocks.last() else {
        return false;
    };
    if is_interface_line(last) {
        blocks.pop();
        return true;
    }
    if let Some(source) = published_at(&last.text) {
        meta.source.get_or_insert(source);
        blocks.pop();
        return true;
    }
    if is_source_line(&last.text) {
        if let Some(domain) = words(&last.text).find_map(domain_of) {
            meta.source.get_or_insert(domain);
        }
        blocks.pop();
        return true;
    }
    false
}

/// How many blocks at the end are tag or navigation bullets: list items of a few words that do
/// not read as sentences.
/// A real list that ends an article is usually introduced ("You will need:") or has sentences in
/// it; a tag run is three or more capitalised names of at most three words.
fn trailing_tag_run(blocks: &[Block]) -> usize {
    let run = blocks
        .iter()
        .rev()
        .take_while(|block| {
            matches!(block.kind, BlockKind::ListItem { .. })
                && at_most_words(&block.text, 3)
                && block
                    .text
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                && !block.text.ends_with(['.', '!', '?', ';', ',', ':'])
        })
        .count();
    let introduced = blocks
        .len()
        .checked_sub(run + 1)
        .is_some_and(|i| blocks[i].text.trim_end().ends_with(':'));
    if run >= 3 && !introduced { run } else { 0 }
}

/// An "AUTHOR" heading near the end followed only by a name and profile lines ("Senior Fellow",
/// "Location: Moscow"): the name becomes the byline and the box is dropped. A box followed by
/// anything else is left alone, byline apart.
fn take_author_box(blocks: &mut Vec<Block>, meta: &mut Metadata) -> bool {
    // An author box closes the article: look in its last dozen blocks (or its second half).
    let search_from = blocks.len().saturating_sub(12).min(blocks.len() / 2);
    let Some(marker) = blocks[search_from..]
        .iter()
        .rposition(|b| {
            let text = b.text.trim().trim_end_matches(':');
            // Lower-casing shrinks a character to a third of its bytes at most (KELVIN SIGN to
            // `k`): longer text cannot become a marker, and is not lower-cased whole.
            text.len() <= 3 * AUTHOR_MARKERS.iter().map(|m| m.len()).max().unwrap_or(0)
                && AUTHOR_MARKERS.contains(&text.to_lowercase().as_str())
        })
        .map(|i| i + search_from)
    else {
        return false;
    };
    let Some(name) = blocks.get(marker + 1).filter(|b| looks_like_name(&b.text)) else {
        return false;
    };
    meta.byline
        .get_or_insert_with(|| name.text.trim().to_owned());
    let profile_only = blocks[marker + 2..].iter().all(is_profile_line);
    if profile_only {
        blocks.truncate(marker);
    }
    profile_only
}

/// "Senior Fellow", "Location: Moscow, Russia", "Field of expertise: Anna is an expert ...".
fn is_profile_line(block: &Block) -> bool {
    if at_most_words(&block.text, 8) && !block.text.ends_with('.') {
        return true;
    }
    block
        .text
        .split_once(':')
        .is_some_and(|(label, _)| (1..=4).contains(&words(label).count()) && label.len() <= 40)
}

/// "First published at valdaiclub.com" gives `valdaiclub.com`.
fn published_at(text: &str) -> Option<String> {
    if !at_most_words(text, 12) {
        return None;
    }
    let lower = text.to_lowercase();
    let prefixes = [
        "first published at ",
        "first published in ",
        "first published on ",
        "originally published at ",
        "originally published in ",
        "originally published on ",
        "this article was first published at ",
        "this article was originally published at ",
        "this article was originally published in ",
    ];
    let rest = prefixes
        .iter()
        .find_map(|prefix| lower.starts_with(prefix).then(|| &text[prefix.len()..]))?;
    let rest = rest.trim().trim_end_matches('.');
    Some(domain_of(rest).unwrap_or_else(|| rest.to_owned())).filter(|s| !s.is_empty())
}

/// "Source: [the title](#)" or "Source: example.com": a short line naming where a copy came from.
fn is_source_line(text: &str) -> bool {
    // The cheap tests first: the last block can be a whole article.
    if text.contains('\n') || !at_most_words(text, 20) {
        return false;
    }
    let lower = text.trim_start().to_lowercase();
    lower.starts_with("source:") || lower.starts_with("via:") || lower.starts_with("via ")
}

/// The host of a URL or a bare domain ("https://www.example.com/a" gives `example.com`).
fn domain_of(word: &str) -> Option<String> {
    let word = word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | '<' | '>' | ','));
    let word = word
        .strip_prefix("https://")
        .or_else(|| word.strip_prefix("http://"))
        .unwrap_or(word);
    let host = word.split('/').next()?.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    let labels: Vec<&str> = host.split('.').collect();
    let looks_like_domain = labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && labels
            .last()
            .is_some_and(|tld| tld.len() >= 2 && tld.chars().all(|c| c.is_ascii_alphabetic()));
    looks_like_domain.then(|| host.to_owned())
}

/// A paragraph cut in two by a page break ("... military and civil" / "aircraft and ..."): the
/// first half does not end a sentence and the second starts in lower case.
fn join_paragraphs_split_by_page_breaks(blocks: &mut Vec<Block>) {
    // Built anew rather than joined in place: removing from the middle of the list moved every
    // later block, quadratic in a file of many short paragraphs.
    let mut joined: Vec<Block> = Vec::with_capacity(blocks.len());
    for second in blocks.drain(..) {
        let Some(first) = joined.last_mut() else {
            joined.push(second);
            continue;
        };
        let unfinished = first.kind == BlockKind::Paragraph
            && first
                .text
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
        let continues = second.kind == BlockKind::Paragraph
            && second.text.chars().next().is_some_and(char::is_lowercase);
        if unfinished && continues {
            first.text.push(' ');
            // The second half's marks move with its text.
            let offset = first.text.len();
            first.text.push_str(&second.text);
            let shifted = second.marks.iter().map(|mark| Mark {
                range: mark.range.start + offset..mark.range.end + offset,
                style: mark.style,
            });
            first.marks = first.marks.iter().cloned().chain(shifted).collect();
        } else {
            joined.push(second);
        }
    }
    *blocks = joined;
}

#[cfg(test)]
mod tests;
