//! Saved web pages and rich Markdown through the real binary: the fixtures in tests/fixtures/
//! (written for these tests), and pages generated into temporary folders for encodings, hostile
//! entities and pages over budget.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{find_control_sequence, folio};
use tempfile::TempDir;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// `folio show QUERY PATH --width 0` (each block on one line): stdout, checked safe.
fn show(path: &Path, query: &str) -> String {
    let config = TempDir::new().unwrap();
    let output = folio(config.path())
        .args(["show", query])
        .arg(path)
        .args(["--width", "0"])
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    assert_eq!(find_control_sequence(&output.stdout), None);
    String::from_utf8(output.stdout).unwrap()
}

/// The one article `folio list --json PATH` finds.
fn listed(path: &Path) -> serde_json::Value {
    let config = TempDir::new().unwrap();
    let output = folio(config.path())
        .args(["list", "--json"])
        .arg(path)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let list: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_eq!(list.as_array().map(Vec::len), Some(1), "{list}");
    list[0].clone()
}

/// The body's blocks as `show --width 0` prints them: after the title and metadata lines, up to
/// the list of links. List items of one list share a block here.
fn body(shown: &str) -> Vec<&str> {
    shown
        .split("\n\n")
        .skip(1)
        .map(str::trim_end)
        .filter(|p| !p.is_empty())
        .take_while(|p| *p != "Links")
        .collect()
}

fn assert_metadata(article: &serde_json::Value, title: &str, byline: &str, date: &str) {
    assert_eq!(article["title"], title, "{article}");
    assert_eq!(article["byline"], byline, "{article}");
    assert_eq!(article["date"], date, "{article}");
}

fn assert_absent(shown: &str, debris: &[&str]) {
    for text in debris {
        assert!(!shown.contains(text), "{text:?} in:\n{shown}");
    }
}

#[test]
fn a_news_page_is_its_article_only() {
    let path = fixture("news.html");
    let article = listed(&path);
    assert_metadata(
        &article,
        "Harbour town votes to restore its tidal mill",
        "Marta Ilves",
        "2024-05-21",
    );
    assert_eq!(article["source"], "The Coastline Courier");
    assert_eq!(article["format"], "html");
    let shown = show(&path, "tidal mill");
    let body = body(&shown);
    assert!(
        body[0].starts_with("Councillors in Eastmouth voted by nine to two"),
        "{shown}"
    );
    assert_eq!(
        *body.last().unwrap(),
        "Two councillors voted against, arguing that the money would be better spent on the \
         harbour’s crumbling slipway. The appeal closes at the end of September."
    );
    assert!(shown.contains("drawn up with the county heritage trust[1], will"));
    assert!(shown.contains("[image: The tidal mill at low water, its wheel half buried in silt]"));
    assert!(
        shown.ends_with("Links\n\n[1] https://heritage-trust.example/mills\n"),
        "{shown}"
    );
    assert_absent(
        &shown,
        &[
            "Skip to content",
            "Puzzles",
            "Search the Courier",
            "cookies",
            "Accept all",
            "Share on Social",
            "Email this story",
            "window.print",
            "Related stories",
            "Ferry timetable",
            "in your inbox",
            "Subscribe",
            "Tags:",
            "Comments (14)",
            "grandfather",
            "Most read",
            "Regatta",
            "All rights reserved",
            "Privacy policy",
            "TRACKING_SCRIPT_TEXT",
            "font-family",
            "Local news",
            "local affairs reporter",
            "21 May 2024",
        ],
    );
}

#[test]
fn a_blog_post_keeps_its_structure() {
    let path = fixture("blog.html");
    let article = listed(&path);
    assert_metadata(
        &article,
        "Why I keep a paper logbook",
        "Tomás Berg",
        "2023-09-14",
    );
    assert_eq!(article["source"], "fieldnotes.example");
    let shown = show(&path, "logbook");
    let body = body(&shown);
    assert!(body[0].starts_with("For eleven years I have written down, by hand,"));
    assert_eq!(
        *body.last().unwrap(),
        "If you keep a logbook too, I would like to hear what you put in it. Write to me at \
         tomas@fieldnotes.example."
    );
    for expected in [
        "\n\nWhat goes in it\n\n",
        "1. The date and the weather, because humidity changes everything.\n\
         2. What I worked on:\n  • the piece and its stage\n  • tools that misbehaved\n\
         3. One thing I would do differently.",
        "│ The palest ink is better than the best memory.",
        "  #!/bin/sh\n  # count the scanned pages of this year\n  ls scans/2023-*.jpg | wc -l\n",
        "run with logcount --since 2023-01-01.",
        "Line one\nline two of a short verse",
        "\n\n* * *\n\n",
    ] {
        assert!(shown.contains(expected), "{expected:?} in:\n{shown}");
    }
    // A mailto link whose text is its address gets no number, so there is no list of links.
    assert!(!shown.contains("Links"), "{shown}");
    assert_absent(
        &shown,
        &[
            "Field Notes",
            "Small tools, slow work",
            "Archive",
            "6 min read",
            "September 14, 2023",
            "builds chairs in a shed",
            "Powered by",
            "analytics",
        ],
    );
}

#[test]
fn tables_are_aligned_when_narrow_and_read_by_row_when_wide() {
    let path = fixture("tides.html");
    let article = listed(&path);
    assert_metadata(
        &article,
        "Tide tables for the spring fair",
        "Harbourmaster Idris Penhale",
        "2024-04-02",
    );
    let shown = show(&path, "Tide tables");
    let body = body(&shown);
    assert!(body[0].starts_with("Visitors arriving by boat for the spring fair"));
    assert!(
        body.last()
            .unwrap()
            .starts_with("Skippers are asked to keep their speed")
    );
    assert!(
        shown.contains(
            "High and low water, fair weekend\n\n\
         \x20 Day      │ High water │ Height │ Low water │ Height\n\
         \x20 ─────────┼────────────┼────────┼───────────┼───────\n\
         \x20 Friday   │ 06:12      │ 4.8 m  │ 12:31     │ 0.9 m\n"
        ),
        "{shown}"
    );
    assert!(
        shown.contains(
            "\n\nBerth: Pontoon A; What it suits: Boats up to eight metres with a shallow draught, \
         bilge keelers and most small motor cruisers; Weekend charge and conditions: £42, payable \
         on arrival, no rafting more than two deep\n\n"
        ),
        "{shown}"
    );
    assert_absent(
        &shown,
        &[
            "Harbour Office home",
            "Notices to mariners",
            "Open 8am to 6pm",
            "Published by",
        ],
    );
}

#[test]
fn a_declared_legacy_charset_is_honoured() {
    let dir = TempDir::new().unwrap();
    let page = dir.path().join("gazette.htm");
    let mut bytes = b"<html><head><meta http-equiv=\"Content-Type\" \
        content=\"text/html; charset=windows-1252\">\
        <title>Le caf\xe9 du port rouvre \x96 La Gazette</title>\
        <meta property=\"og:site_name\" content=\"La Gazette\"></head><body><article>\
        <p class=\"auteur\">Par Ana\xefs Lef\xe8vre</p>\
        <p>Le caf\xe9 du port rouvre apr\xe8s deux ans de travaux, avec une cr\xe8me br\xfbl\xe9e \
        que les habitu\xe9s disent \x93meilleure qu\x92avant\x94.</p>"
        .to_vec();
    bytes.extend_from_slice(b"</article></body></html>");
    fs::write(&page, &bytes).unwrap();
    let article = listed(&page);
    assert_eq!(article["title"], "Le café du port rouvre");
    let shown = show(&page, "café");
    assert!(
        shown.contains(
            "Le café du port rouvre après deux ans de travaux, avec une crème brûlée que les \
             habitués disent “meilleure qu’avant”."
        ),
        "{shown}"
    );
    assert!(!shown.contains('\u{fffd}'));

    // The declaration decides even where a guess could go elsewhere: KOI8-R Cyrillic.
    let koi8 = dir.path().join("privet.html");
    fs::write(
        &koi8,
        b"<meta charset=\"koi8-r\"><title>\xf0\xd2\xc9\xd7\xc5\xd4</title><p>\xf0\xd2\xc9\xd7\xc5\xd4, \xcd\xc9\xd2</p>",
    )
    .unwrap();
    assert_eq!(listed(&koi8)["title"], "Привет");
}

#[test]
fn markdown_front_matter_lists_code_and_links() {
    let path = fixture("sourdough.md");
    let article = listed(&path);
    assert_metadata(
        &article,
        "A sourdough starter from scratch",
        "Lena Fischer",
        "2022-02-06",
    );
    assert_eq!(article["format"], "markdown");
    let shown = show(&path, "sourdough");
    let body = body(&shown);
    assert!(body[0].starts_with("A starter is only flour, water and patience."));
    assert!(
        body.last()
            .unwrap()
            .starts_with("When it doubles reliably, keep it in the fridge")
    );
    for expected in [
        "• Flour:\n  • rye for the first week, because it ferments quickly\n  • then plain white flour\n",
        "2. Add equal weights of flour and water, see the baker's table[1].",
        "  def feed(starter_g, ratio=1):\n      flour = water = starter_g * ratio\n",
        "  Day │ Rise     │ Smell\n",
        "│ A starter that doubles within six hours",
        "Links\n\n[1] https://bakers-table.example/ratios\n",
    ] {
        assert!(shown.contains(expected), "{expected:?} in:\n{shown}");
    }
    assert_absent(
        &shown,
        &["tags:", "baking, bread", "---", "```", "# A sourdough"],
    );
}

#[test]
fn hostile_pages_reach_the_terminal_as_visible_text() {
    let dir = TempDir::new().unwrap();
    fs::write(
        dir.path().join("evil.html"),
        "<title>Evil &#27;]0;pwned&#7;</title><article><p>Red &#27;[31mtext&#x1b;[0m, bell &#7;, \
         C1 &#x9b;31m, &#128;, bidi &#x202e;, and a long enough sentence to be the article.</p>\
         <p><img alt='&#27;[2J'> <a href='https://x.example/&#27;[5m'>link</a></p></article>",
    )
    .unwrap();
    let shown = show(dir.path(), "Evil");
    assert!(shown.starts_with("Evil ^[]0;pwned^G\n"), "{shown}");
    assert!(shown.contains("Red ^[[31mtext^[[0m, bell ^G"), "{shown}");
    assert!(shown.contains("[image: ^[[2J]"), "{shown}");
    assert!(shown.contains("https://x.example/^[[5m"), "{shown}");
}

#[test]
fn pages_over_budget_are_shown_as_text_with_a_note() {
    let dir = TempDir::new().unwrap();
    let page = format!(
        "<title>Nested page</title>{}<p>Words at the bottom of a very deep page.</p>",
        "<div>".repeat(2_000)
    );
    fs::write(dir.path().join("deep.html"), page).unwrap();
    let config = TempDir::new().unwrap();
    let output = folio(config.path())
        .args(["show", "Nested", "--width", "0"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(
        stdout.contains("Words at the bottom of a very deep page."),
        "{stdout}"
    );
    assert!(
        stderr.contains("deep.html: page nested deeper than 256"),
        "{stderr}"
    );
    assert!(stderr.contains("showing all of its text"), "{stderr}");
}

#[test]
fn raw_shows_the_page_as_written() {
    let shown = {
        let config = TempDir::new().unwrap();
        let output = folio(config.path())
            .args(["show", "tidal mill", "--raw"])
            .arg(fixture("news.html"))
            .output()
            .unwrap();
        String::from_utf8(output.stdout).unwrap()
    };
    assert!(shown.contains("<nav class=\"main-nav\""));
    assert!(shown.contains("TRACKING_SCRIPT_TEXT"));
}

fn readability_page(name: &str) -> PathBuf {
    fixture(&format!("readability/{name}/source.html"))
}

#[test]
fn real_pages_that_read_as_empty_now_read_as_their_article() {
    let liberation = readability_page("liberation-1");
    let article = listed(&liberation);
    assert_eq!(
        article["title"],
        "Un troisième Français mort dans le séisme au Népal"
    );
    assert!(article["word_count"].as_u64().unwrap() > 250, "{article}");
    let shown = show(&liberation, "séisme");
    assert!(
        body(&shown)[0].starts_with("Un troisième Français a été tué dans le tremblement de terre"),
        "{shown}"
    );

    let medical = readability_page("medicalnewstoday");
    let article = listed(&medical);
    assert_metadata(
        &article,
        "How does the brain turn unconscious information into conscious thought?",
        "Ana Sandoiu",
        "2017-07-27",
    );
    assert!(article["word_count"].as_u64().unwrap() > 800, "{article}");
    let shown = show(&medical, "unconscious");
    assert!(
        shown.contains("This \"mathematical trick\" was the evidence accumulation model."),
        "{shown}"
    );
}

#[test]
fn a_documentation_page_is_its_text_not_its_navigation_bar() {
    let mercurial = readability_page("mercurial");
    let article = listed(&mercurial);
    assert_eq!(article["title"], "Evolve: Shared Mutable History");
    assert!(article["word_count"].as_u64().unwrap() > 3000, "{article}");
    let shown = show(&mercurial, "Evolve");
    assert!(
        shown.contains("you can move up to the next level: shared mutable history."),
        "{shown}"
    );
    assert!(shown.contains("No changeset can be both obsolete and public"));
}

#[test]
fn a_utf8_page_that_declares_gb2312_reads_as_chinese() {
    let qq = readability_page("qq");
    let article = listed(&qq);
    let title = article["title"].as_str().unwrap();
    assert!(
        title.starts_with("DeepMind新电脑已可利用记忆自学 人工智能迈上新台阶"),
        "{title}"
    );
    let shown = show(&qq, "DeepMind");
    assert!(
        shown.contains("在2014年收购的人工智能公司DeepMind开发出一款能够用自己的记忆学习新知识"),
        "{shown}"
    );
    assert!(!shown.contains('\u{fffd}'), "{shown}");
}
