//! Looks for inputs that take super-linear time: a file's bytes go through everything folio does
//! to a file (decode, both parsers, the full layout, a search for its first word). Run it with
//! libFuzzer's `-timeout` and a large `-max_len` (see README.md): a unit that takes seconds for a
//! few hundred KB is a quadratic path, reported as a timeout with the input saved.
#![no_main]

use folio::article::{Article, Format};
use folio::search::Query;
use folio::wrap::{Layout, Spot};

libfuzzer_sys::fuzz_target!(|bytes: &[u8]| {
    let Ok(decoded) = folio::decode::decode(bytes) else {
        return;
    };
    let word = decoded.text.split_whitespace().next().unwrap_or("a");
    let query = Query::parse(&word.chars().take(20).collect::<String>())
        .ok()
        .flatten();
    for format in [Format::Text, Format::Markdown] {
        let article = Article::from_text("slow.txt", "slow", format, &decoded.text);
        let layout = Layout::new(&article, 37);
        let lines = layout.view(&article).lines_from(Spot::default()).count();
        std::hint::black_box(lines);
        if let Some(query) = &query {
            std::hint::black_box(query.find_in_article(&article).len());
        }
    }
});
