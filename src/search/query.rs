//! What a typed query means and where it matches: smart case, `/regex/`, whitespace that matches
//! any run of whitespace.
//!
//! Pure. A `Query` is compiled once and then matched against many strings; it never allocates per
//! match beyond what the caller collects.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;
use std::sync::{Arc, OnceLock};

use memchr::memmem::Finder;
use regex::{Regex, RegexBuilder};
use regex_syntax::ast;
use regex_syntax::hir::translate::TranslatorBuilder;

use super::Match;
use super::smart_case;
use crate::article::Article;

/// The most memory a compiled pattern, and separately the lazy DFA's cache, may take. A person's
/// query needs a few KB; the limit makes `/\w{500}/` (Unicode classes are large) fail with a
/// message instead of eating the memory of a shared machine.
pub const REGEX_SIZE_LIMIT: usize = 4 * 1024 * 1024;

/// A parsed, compiled query. Cheap to clone (the compiled pattern is shared).
#[derive(Debug, Clone)]
pub struct Query {
    text: String,
    regex: bool,
    case_sensitive: bool,
    matcher: Matcher,
    /// The pattern compiled for bytes, when first asked (`count_in_parts`): a search through
    /// the cache counts in stored text it does not check as UTF-8 first (on UTF-8, a bytes
    /// pattern matches as the `str` one does).
    bytes: Arc<OnceLock<Option<regex::bytes::Regex>>>,
    /// For one caseless word whose letters have no case variant outside ASCII (`folds_in_ascii`):
    /// the word in lower case, which `count_in_parts` looks for in the text lowered byte by
    /// byte. It finds what the caseless pattern finds, in a third less time.
    folded: Option<Arc<Finder<'static>>>,
}

/// How a query searches.
///
/// A single word in exact case goes straight to `memmem` (SIMD substring search, memory speed).
/// `regex` would end up running the same `memmem` for such a pattern, but only after its strategy
/// dispatch and per-search cache checkout, which is what dominates on thousands of short blocks.
/// Everything else needs `regex`: caseless matching must be Unicode-aware and report offsets in
/// the original text (lowercasing the text first changes byte lengths: "İ" and "ẞ" do), and a
/// phrase must match across any run of whitespace. `regex` keeps those close to memory speed too:
/// it extracts the literal parts (all their case variants) into a SIMD prefilter and only runs its
/// automaton where the prefilter hits.
#[derive(Debug, Clone)]
enum Matcher {
    // Shared: a `Finder` is a few hundred bytes, and a `Query` is cloned into every search.
    Exact(Arc<Finder<'static>>),
    Pattern(Regex),
}

/// Why a query cannot be searched for. `Display` is one short line, fit for a status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QueryError {
    /// The text between the slashes is not a regular expression. `column` counts `char`s of the
    /// trimmed query from 1, the opening slash being column 1.
    InvalidRegex {
        reason: String,
        column: Option<usize>,
    },
    /// The pattern would compile to more than `REGEX_SIZE_LIMIT` bytes.
    TooLarge,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            QueryError::InvalidRegex {
                reason,
                column: Some(column),
            } => write!(f, "invalid regex at column {column}: {reason}"),
            QueryError::InvalidRegex {
                reason,
                column: None,
            } => write!(f, "invalid regex: {reason}"),
            QueryError::TooLarge => write!(
                f,
                "query too large: it would need over {} MB to search with",
                REGEX_SIZE_LIMIT >> 20
            ),
        }
    }
}

impl std::error::Error for QueryError {}

impl QueryError {
    /// From regex-syntax's structured errors: their `kind` is one line ("unclosed group"), unlike
    /// their `Display`, which draws the pattern with carets over several lines.
    fn syntax(reason: &dyn fmt::Display, span: &ast::Span) -> QueryError {
        QueryError::InvalidRegex {
            reason: one_line(&reason.to_string()),
            // +1 for the opening slash, which the pattern's own columns do not count.
            column: Some(span.start.column + 1),
        }
    }

    fn from_regex(error: regex::Error) -> QueryError {
        match error {
            regex::Error::CompiledTooBig(_) => QueryError::TooLarge,
            // Syntax errors were caught by the parse and translation before compiling; this is
            // a fallback that keeps the message one line whatever the crate says.
            _ => QueryError::InvalidRegex {
                reason: "not a pattern folio can search with".to_owned(),
                column: None,
            },
        }
    }
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Query {
    /// Parses what a person typed, trimmed of surrounding whitespace.
    ///
    /// `Ok(None)` means "no query": empty or whitespace-only input, or an empty `//`. That is not
    /// an error (clearing a search box is normal) and not a query that matches everything or
    /// nothing, so the `Option` makes every caller decide what "no query" shows.
    ///
    /// - `/pattern/` is a regular expression; anything else is literal text, in which each run of
    ///   whitespace matches any run of whitespace (so a phrase still matches across a line break).
    /// - Smart case: with no upper-case letter the query matches regardless of case (Unicode
    ///   simple case folding: "étude" finds "ÉTUDE"; accents still count: "etude" does not find
    ///   "étude"). Any capital makes it exact. In a regex only literal letters count (`\S`,
    ///   `\p{Lu}` do not), and `(?i)`/`(?-i)` inside it override the rule.
    pub fn parse(input: &str) -> Result<Option<Query>, QueryError> {
        let text = input.trim();
        let regex_body = text.strip_prefix('/').and_then(|t| t.strip_suffix('/'));
        let (matcher, case_sensitive, folded) = match regex_body {
            Some("") => return Ok(None),
            Some(pattern) => {
                let (matcher, case_sensitive) = regex_matcher(pattern)?;
                (matcher, case_sensitive, None)
            }
            None if text.is_empty() => return Ok(None),
            None => literal_matcher(text)?,
        };
        Ok(Some(Query {
            text: text.to_owned(),
            regex: regex_body.is_some(),
            case_sensitive,
            matcher,
            bytes: Arc::default(),
            folded,
        }))
    }

    /// The query as typed, trimmed.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    pub fn is_regex(&self) -> bool {
        self.regex
    }

    /// Whether smart case chose exact matching (the query has a capital letter).
    pub fn is_case_sensitive(&self) -> bool {
        self.case_sensitive
    }

    /// The byte ranges of `text` that match, in order, never overlapping. Empty matches (which
    /// `/x*/` finds between every two characters) are left out: there is nothing to show for them.
    pub fn find_iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = Range<usize>> + 'a {
        let (exact, pattern) = match &self.matcher {
            Matcher::Exact(finder) => {
                let len = finder.needle().len();
                let starts = finder.find_iter(text.as_bytes());
                (Some(starts.map(move |start| start..start + len)), None)
            }
            Matcher::Pattern(regex) => {
                let ranges = regex.find_iter(text).map(|m| m.range());
                (None, Some(ranges.filter(|range| !range.is_empty())))
            }
        };
        exact
            .into_iter()
            .flatten()
            .chain(pattern.into_iter().flatten())
    }

    /// How many times the query matches `text`.
    pub fn count_in(&self, text: &str) -> usize {
        self.find_iter(text).count()
    }

    /// `find_iter` on bytes (UTF-8 or not), or `None` when the pattern cannot be compiled for
    /// bytes (it can: it was compiled for text).
    fn find_iter_bytes<'a>(
        &'a self,
        text: &'a [u8],
    ) -> Option<impl Iterator<Item = Range<usize>> + 'a> {
        let (exact, pattern) = match &self.matcher {
            Matcher::Exact(finder) => {
                let len = finder.needle().len();
                let starts = finder.find_iter(text);
                (Some(starts.map(move |start| start..start + len)), None)
            }
            Matcher::Pattern(regex) => {
                let bytes = self.bytes.get_or_init(|| {
                    regex::bytes::RegexBuilder::new(regex.as_str())
                        .case_insensitive(!self.case_sensitive)
                        .size_limit(REGEX_SIZE_LIMIT)
                        .dfa_size_limit(REGEX_SIZE_LIMIT)
                        .build()
                        .ok()
                });
                let ranges = bytes.as_ref()?.find_iter(text).map(|m| m.range());
                (None, Some(ranges.filter(|range| !range.is_empty())))
            }
        };
        Some(
            exact
                .into_iter()
                .flatten()
                .chain(pattern.into_iter().flatten()),
        )
    }

    fn count_in_bytes(&self, text: &[u8]) -> usize {
        self.find_iter_bytes(text).map_or(0, Iterator::count)
    }

    /// How many times the query matches within `parts` of `text` (byte ranges in order, apart):
    /// what `count_in` of each part would add up to. A literal query, which looks at nothing
    /// around a match, searches the text once, where a paragraph at a time was a search (and
    /// its setting up) per paragraph, most of a search through the cache. A match that runs
    /// from one part into what follows is not one: that part is searched alone from where it
    /// starts, and the search goes on at the next part. A `/regex/` may look around a match
    /// (`^`, `\b`), so it searches part by part.
    pub fn count_in_parts(&self, text: &[u8], parts: &[Range<usize>]) -> usize {
        if self.regex {
            return parts
                .iter()
                .map(|p| self.count_in_bytes(&text[p.clone()]))
                .sum();
        }
        if let Some(folded) = &self.folded {
            return count_folded(folded, text, parts);
        }
        count_within(text, 0, parts, |hay| self.find_iter_bytes(hay))
    }

    /// Whether the query matches a title (for ranking; titles are not part of `find_in_article`).
    pub fn matches_title(&self, title: &str) -> bool {
        self.find_iter(title).next().is_some()
    }

    /// What a text must hold for an article built from it to match, when every word of that
    /// article's body is a word of the text as written (a plain-text file): the query's longest
    /// word, under the query's own case rule, since every match of a literal query holds each of
    /// its words. `None` for a `/regex/`, which requires nothing this simple.
    pub fn required_word(&self) -> Option<RequiredWord> {
        if self.regex {
            return None;
        }
        let word = self.text.split_whitespace().max_by_key(|w| w.len())?;
        let required = if self.case_sensitive {
            Required::Exact(Arc::new(Finder::new(word).into_owned()))
        } else {
            let caseless = regex::bytes::RegexBuilder::new(&regex::escape(word))
                .case_insensitive(true)
                .size_limit(REGEX_SIZE_LIMIT)
                .dfa_size_limit(REGEX_SIZE_LIMIT)
                .build()
                .ok()?;
            Required::Caseless(caseless)
        };
        Some(RequiredWord(required))
    }

    /// Every match in the article's body, in reading order.
    pub fn find_in_article(&self, article: &Article) -> Vec<Match> {
        article
            .blocks
            .iter()
            .enumerate()
            .flat_map(|(block, b)| {
                self.find_iter(&b.text)
                    .map(move |range| Match { block, range })
            })
            .collect()
    }
}

/// One word a text must hold to match a query (see `Query::required_word`).
#[derive(Debug, Clone)]
pub struct RequiredWord(Required);

/// A word in exact case, or any case. On bytes, so that a cache file's stored text (`cache`)
/// can be asked before it is decoded; on UTF-8 it matches as a `Regex` on the `str` would.
#[derive(Debug, Clone)]
enum Required {
    Exact(Arc<Finder<'static>>),
    Caseless(regex::bytes::Regex),
}

impl RequiredWord {
    /// Whether `text` holds the word: a memmem or a regex prefilter's scan, at memory speed.
    pub fn is_in(&self, text: &str) -> bool {
        self.is_in_bytes(text.as_bytes())
    }

    /// `is_in` for bytes that hold the text among others (any text in them is UTF-8).
    pub fn is_in_bytes(&self, bytes: &[u8]) -> bool {
        match &self.0 {
            Required::Exact(finder) => finder.find(bytes).is_some(),
            Required::Caseless(regex) => regex.is_match(bytes),
        }
    }
}

/// How many matches `find` finds within `parts` (in order, apart) of a text of which `text`
/// holds what starts at `origin` (up to the last part's end): a match that runs from one part
/// into what follows is not one, so that part is searched alone from where it starts, and the
/// search goes on at the next part. `find` gives the matches in the slice it is given, from its
/// start.
fn count_within<'t, I>(
    text: &'t [u8],
    origin: usize,
    parts: &[Range<usize>],
    find: impl Fn(&'t [u8]) -> Option<I>,
) -> usize
where
    I: Iterator<Item = Range<usize>>,
{
    let (Some(first), Some(last)) = (parts.first(), parts.last()) else {
        return 0;
    };
    let within_text = |range: Range<usize>| &text[range.start - origin..range.end - origin];
    let mut count = 0;
    let mut part = 0;
    let mut at = first.start;
    'search: while part < parts.len() {
        let from = at;
        let Some(found) = find(within_text(from..last.end)) else {
            break;
        };
        for found in found {
            let (start, end) = (from + found.start, from + found.end);
            while parts.get(part).is_some_and(|p| p.end <= start) {
                part += 1;
            }
            let Some(within) = parts.get(part) else {
                break 'search;
            };
            if start < within.start {
                // Begun between two parts: no match of the part's own begins before this.
                at = within.start;
                continue 'search;
            }
            if end <= within.end {
                count += 1;
                continue;
            }
            count += find(within_text(start..within.end)).map_or(0, Iterator::count);
            part += 1;
            match parts.get(part) {
                Some(next) => at = next.start,
                None => break 'search,
            }
            continue 'search;
        }
        break;
    }
    count
}

/// The most text lowered at once by `count_folded`: it is still in the processor's cache when
/// it is searched.
const FOLDED_RUN: usize = 64 * 1024;

thread_local! {
    /// The text `count_folded` lowers, kept from one count to the next.
    static LOWERED: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
}

/// `count_in_parts` of a query with a `folded` word: the parts a run of about `FOLDED_RUN`
/// bytes at a time, lowered byte by byte (ASCII letters only: a byte of a longer character is
/// left as it is, and equals no byte of the word), searched with `memmem`. Since no part
/// spans two runs, that is counting each part alone.
fn count_folded(folded: &Finder, text: &[u8], parts: &[Range<usize>]) -> usize {
    let length = folded.needle().len();
    LOWERED.with_borrow_mut(|lowered| {
        let mut count = 0;
        let mut first = 0;
        while first < parts.len() {
            let start = parts[first].start;
            let mut next = first + 1;
            while next < parts.len() && parts[next].end - start <= FOLDED_RUN {
                next += 1;
            }
            lowered.clear();
            lowered.extend(
                text[start..parts[next - 1].end]
                    .iter()
                    .map(u8::to_ascii_lowercase),
            );
            count += count_within(lowered, start, &parts[first..next], |hay| {
                Some(folded.find_iter(hay).map(move |at| at..at + length))
            });
            first = next;
        }
        count
    })
}

/// Whether, matched regardless of case, `word` matches the same bytes as its ASCII letters
/// matched regardless of ASCII case: it is ASCII, and without the two letters Unicode's simple
/// case folding also gives a character outside ASCII ("K" the Kelvin sign, "ſ" a long s; a
/// test holds this to what `regex` folds).
fn folds_in_ascii(word: &str) -> bool {
    word.is_ascii() && !word.chars().any(|c| matches!(c, 'k' | 'K' | 's' | 'S'))
}

/// The lower-case word a caseless query of one word is counted with (`Query::folded`).
type Folded = Option<Arc<Finder<'static>>>;

/// A literal query: `memmem` for one word in exact case, an escaped regex otherwise; and for one
/// caseless word that `folds_in_ascii`, that word in lower case.
fn literal_matcher(text: &str) -> Result<(Matcher, bool, Folded), QueryError> {
    let case_sensitive = smart_case::literal_is_exact(text);
    let words: Vec<&str> = text.split_whitespace().collect();
    if case_sensitive && words.len() == 1 {
        let finder = Arc::new(Finder::new(text).into_owned());
        return Ok((Matcher::Exact(finder), true, None));
    }
    // One word here is a caseless one.
    let folded = (words.len() == 1 && folds_in_ascii(text))
        .then(|| Arc::new(Finder::new(&text.to_ascii_lowercase()).into_owned()));
    // `split_whitespace` and `\s` agree on what whitespace is (Unicode White_Space), so a
    // no-break space in the text matches a space in the query.
    let escaped: Vec<String> = words.iter().map(|w| regex::escape(w)).collect();
    let regex = compile(&escaped.join(r"\s+"), case_sensitive)?;
    Ok((Matcher::Pattern(regex), case_sensitive, folded))
}

/// A `/pattern/` query. It is parsed and translated here first, with regex-syntax, for two things
/// the compiled `Regex` cannot give: the literal letters (for smart case) and errors as structured
/// values (for a one-line message).
fn regex_matcher(pattern: &str) -> Result<(Matcher, bool), QueryError> {
    let ast = ast::parse::Parser::new()
        .parse(pattern)
        .map_err(|e| QueryError::syntax(e.kind(), e.span()))?;
    let case_sensitive = smart_case::pattern_is_exact(&ast);
    TranslatorBuilder::new()
        .case_insensitive(!case_sensitive)
        .build()
        .translate(pattern, &ast)
        .map_err(|e| QueryError::syntax(e.kind(), e.span()))?;
    let regex = compile(pattern, case_sensitive)?;
    Ok((Matcher::Pattern(regex), case_sensitive))
}

fn compile(pattern: &str, case_sensitive: bool) -> Result<Regex, QueryError> {
    RegexBuilder::new(pattern)
        .case_insensitive(!case_sensitive)
        .size_limit(REGEX_SIZE_LIMIT)
        .dfa_size_limit(REGEX_SIZE_LIMIT)
        .build()
        .map_err(QueryError::from_regex)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::Format;

    fn query(input: &str) -> Query {
        Query::parse(input).unwrap().unwrap()
    }

    /// The matched substrings of `text`.
    fn found<'t>(input: &str, text: &'t str) -> Vec<&'t str> {
        query(input).find_iter(text).map(|r| &text[r]).collect()
    }

    #[test]
    fn the_required_word_is_the_longest_under_the_query_case_rule() {
        let caseless = query("interest rates").required_word().unwrap();
        assert!(caseless.is_in("RISING INTEREST"));
        assert!(!caseless.is_in("rates alone"));
        let exact = query("Harbour").required_word().unwrap();
        assert!(exact.is_in("the Harbour"));
        assert!(!exact.is_in("the harbour"));
        // Unicode simple case folding, as the query itself: KELVIN SIGN is a `k`.
        assert!(query("kin").required_word().unwrap().is_in("\u{212a}IN"));
        assert!(query("/harbou?r/").required_word().is_none());
    }

    #[test]
    fn empty_and_blank_queries_are_no_query() {
        for input in ["", "   ", "\t\n", "//", "  //  "] {
            assert!(Query::parse(input).unwrap().is_none(), "{input:?}");
        }
    }

    #[test]
    fn lower_case_matches_any_case_and_a_capital_makes_it_exact() {
        let text = "japan Japan JAPAN";
        assert_eq!(found("japan", text), ["japan", "Japan", "JAPAN"]);
        assert_eq!(found("Japan", text), ["Japan"]);
        assert!(!query("japan").is_case_sensitive());
        assert!(query("Japan").is_case_sensitive());
    }

    #[test]
    fn case_folding_is_unicode_aware_but_keeps_accents() {
        let text = "Étude, ÉTUDE, étude, etude";
        assert_eq!(found("étude", text), ["Étude", "ÉTUDE", "étude"]);
        assert_eq!(found("ÉTUDE", text), ["ÉTUDE"]);
        assert_eq!(found("etude", text), ["etude"]);
        assert_eq!(found("σας", "ΣΑΣ"), ["ΣΑΣ"]);
    }

    #[test]
    fn ranges_are_bytes_of_the_text() {
        let ranges: Vec<_> = query("café").find_iter("café Café").collect();
        assert_eq!(ranges, [0..5, 6..11]);
        let exact: Vec<_> = query("Café").find_iter("café Café").collect();
        assert_eq!((exact.len(), &exact[0]), (1, &(6..11)));
    }

    #[test]
    fn one_exact_word_uses_memmem_and_everything_else_regex() {
        assert!(matches!(query("Japan").matcher, Matcher::Exact(_)));
        assert!(matches!(query("japan").matcher, Matcher::Pattern(_)));
        assert!(matches!(query("New York").matcher, Matcher::Pattern(_)));
    }

    #[test]
    fn whitespace_in_a_phrase_matches_any_run_of_whitespace() {
        let text = "military and\ncivil aircraft, military  and \u{a0} civil";
        assert_eq!(
            found("military and civil", text),
            ["military and\ncivil", "military  and \u{a0} civil"]
        );
        assert_eq!(found("  military   and civil ", text).len(), 2);
        assert!(found("Military and civil", text).is_empty());
        assert!(found("militaryand civil", text).is_empty());
    }

    #[test]
    fn regex_metacharacters_in_a_literal_are_literal() {
        assert_eq!(found("a.b (c)", "axb (c) a.b (c)"), ["a.b (c)"]);
        assert_eq!(found("/usr", "/usr/bin"), ["/usr"]);
    }

    #[test]
    fn slashes_make_a_regex_with_smart_case_on_its_literals() {
        assert!(query("/col(d|our)/").is_regex());
        assert_eq!(found("/col(d|our)/", "cold COLOUR"), ["cold", "COLOUR"]);
        // Escapes and class names are not letters the person typed in upper case.
        assert_eq!(found(r"/\Sapan/", "JAPAN"), ["JAPAN"]);
        assert_eq!(found(r"/\p{Lu}apan/", "JAPAN"), ["JAPAN"]);
        assert_eq!(found(r"/\bJapan\b/", "JAPAN Japan"), ["Japan"]);
        assert_eq!(found("/[A-Z]apan/", "japan Japan"), ["Japan"]);
        assert_eq!(found("/(?i)Japan/", "JAPAN"), ["JAPAN"]);
    }

    #[test]
    fn empty_regex_matches_are_left_out() {
        assert_eq!(found("/x*/", "axxbx"), ["xx", "x"]);
        assert!(found("/^/", "text").is_empty());
    }

    #[test]
    fn an_invalid_regex_is_a_one_line_error() {
        for (input, reason) in [
            ("/(oops/", "unclosed group"),
            ("/a{2,1}/", "invalid"),
            (r"/\p{Nope}/", "Unicode property not found"),
        ] {
            let error = Query::parse(input).unwrap_err();
            let message = error.to_string();
            assert!(message.starts_with("invalid regex"), "{message}");
            assert!(message.contains(reason), "{message}");
            assert!(!message.contains('\n'), "{message:?}");
        }
        let error = Query::parse("/ab(c/").unwrap_err();
        assert_eq!(
            error.to_string(),
            "invalid regex at column 4: unclosed group"
        );
    }

    #[test]
    fn a_huge_regex_hits_the_size_limit() {
        // Unicode `\w` is large: a hundred of them compile to more than our limit, though within
        // the regex crate's own default, so this is the limit set here at work.
        assert!(Regex::new(r"\w{100}").is_ok());
        let error = Query::parse(r"/\w{100}/").unwrap_err();
        assert_eq!(error, QueryError::TooLarge);
        assert!(Query::parse(r"/\w{50}/").is_ok());
        assert!(!error.to_string().contains('\n'));
        // Deep nesting is refused by the parser before it can recurse far.
        let deep = format!("/{}a{}/", "(".repeat(1000), ")".repeat(1000));
        assert!(Query::parse(&deep).is_err());
    }

    #[test]
    fn titles_are_counted_apart_from_the_body() {
        let q = query("japan");
        assert!(q.matches_title("Japan worried about Japan"));
        assert_eq!(q.count_in("Japan worried about Japan"), 2);
        assert!(!q.matches_title("North Korea"));
    }

    #[test]
    fn matches_are_found_per_block_across_hard_breaks_and_code() {
        let article = Article::from_text(
            "a.md",
            "a",
            Format::Markdown,
            "# Title\n\nNothing here.\n\n```\nmilitary and\ncivil\n```\n\nmilitary and  \ncivil aircraft\n",
        );
        let matches = query("military and civil").find_in_article(&article);
        let blocks: Vec<usize> = matches.iter().map(|m| m.block).collect();
        assert_eq!(blocks, [1, 2], "{:?}", article.blocks);
        for m in &matches {
            assert_eq!(
                &article.blocks[m.block].text[m.range.clone()],
                "military and\ncivil"
            );
        }
    }

    #[test]
    fn a_phrase_cut_by_a_wrap_point_is_one_match_its_lines_cover() {
        let article = Article::from_text(
            "a.txt",
            "a",
            Format::Text,
            "Title\n\nTrade including military and civil aircraft and agricultural products.",
        );
        let matches = query("military and civil").find_in_article(&article);
        assert_eq!(matches.len(), 1);
        let layout = crate::wrap::Layout::new(&article, 24);
        let view = layout.view(&article);
        let first = view.spot_of(0, matches[0].range.start);
        let last = view.spot_of(0, matches[0].range.end - 1);
        assert!(first < last, "the phrase should straddle a wrap point");
    }

    #[test]
    fn only_k_and_s_fold_to_characters_outside_ascii() {
        for byte in 0x20u8..0x7f {
            let c = char::from(byte);
            let hir = regex_syntax::ParserBuilder::new()
                .case_insensitive(true)
                .build()
                .parse(&regex::escape(&c.to_string()))
                .unwrap();
            let outside = match hir.kind() {
                regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => {
                    class.ranges().iter().any(|r| !r.end().is_ascii())
                }
                _ => false,
            };
            assert_eq!(outside, !folds_in_ascii(&c.to_string()), "{c:?}");
        }
        assert!(query("harbour").folded.is_some());
        assert!(query("kayak").folded.is_none() && query("Harbour").folded.is_none());
        assert!(query("two words").folded.is_none() && query("/harbour/").folded.is_none());
    }

    proptest::proptest! {
        /// Counting over the parts of one text, as a search through the cache does, finds what
        /// counting each part alone finds: matches that would run from one part into the next
        /// (or into what lies between) are not counted, and do not hide the part's own.
        #[test]
        fn counting_in_parts_is_counting_each_part(
            text in "[abAB é\nkKsSſ\u{212A}]{0,60}",
            cuts in proptest::collection::vec(0usize..64, 0..12),
            query in proptest::sample::select(vec![
                "ab", "a b", "AB", "aba", "b", "é a", "ab a", "/ab?/", "/\\bab/", "/^a/", "ka",
                "sab", "Ks", "bb",
            ]),
        ) {
            let query = Query::parse(query).unwrap().unwrap();
            let mut bounds: Vec<usize> = cuts
                .into_iter()
                .map(|c| c.min(text.len()))
                .filter(|&c| text.is_char_boundary(c))
                .collect();
            bounds.push(0);
            bounds.push(text.len());
            bounds.sort_unstable();
            // Every other stretch a part, the rest between them (as a list item's marker is).
            let parts: Vec<Range<usize>> = bounds
                .windows(2)
                .map(|w| w[0]..w[1])
                .enumerate()
                .filter(|(i, _)| i % 3 != 2)
                .map(|(_, r)| r)
                .collect();
            let alone: usize = parts.iter().map(|p| query.count_in(&text[p.clone()])).sum();
            proptest::prop_assert_eq!(query.count_in_parts(text.as_bytes(), &parts), alone);
        }
    }
}
