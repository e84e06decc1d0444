//! The article's elements to blocks: headings, paragraphs, quotes, lists, preformatted text,
//! tables, images and links, through the same `Builder` as Markdown.
//!
//! Page furniture is passed over with everything inside it, and so is any container inside the
//! article that is mostly links (a "related stories" box, a row of share links without class
//! names); that is readability's "conditional cleaning".

use ego_tree::NodeRef;
use html5ever::local_name;
use scraper::Node;
use scraper::node::Element;

use super::page::{Page, Visit, attribute};
use crate::article::build::Builder;
use crate::article::{Block, MarkStyle, table};

/// Containers inside the article whose text is more than this share of link text are dropped…
const MAX_LINK_DENSITY: f64 = 0.5;
/// …unless they have this many commas, which link lists do not.
const PROSE_COMMAS: usize = 10;

/// The blocks of the article whose content is `roots`, and the link addresses in number order.
pub fn blocks(
    page: &Page,
    roots: &[NodeRef<'_, Node>],
    builder: Builder,
) -> (Vec<Block>, Vec<String>) {
    let mut emitter = Emitter {
        page,
        builder,
        table: None,
    };
    for root in roots {
        page.walk(*root, |visit| match visit {
            Visit::Open(node) => emitter.open(node, node.id() == root.id()),
            Visit::Close(node) => {
                emitter.close(node);
                true
            }
        });
    }
    emitter.builder.finish()
}

/// Wikipedia's "[edit]" beside every heading: a link for editors, not text.
fn is_edit_link(element: &Element) -> bool {
    attribute(element, &local_name!("class"))
        .is_some_and(|class| class.split_whitespace().any(|c| c == "mw-editsection"))
}

/// A page's own footnote marker ("[3]" in a `<sup>`) in superscript ("⁽³⁾"), so that it reads
/// apart from folio's link numbers ("text[3]"); `None` for any other superscript.
fn footnote_marker(text: &str) -> Option<String> {
    const SUPERSCRIPT: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    let digits = text.trim().strip_prefix('[')?.strip_suffix(']')?.trim();
    if digits.is_empty() || digits.len() > 4 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let raised: String = digits
        .bytes()
        .map(|b| SUPERSCRIPT[usize::from(b - b'0')])
        .collect();
    Some(format!("⁽{raised}⁾"))
}

/// The rows of a data table being read.
#[derive(Default)]
struct Table {
    rows: Vec<Vec<String>>,
    header_rows: usize,
    in_head: bool,
    /// Every cell of the current row so far is a `<th>`.
    row_of_headers: bool,
    caption: Option<String>,
}

struct Emitter<'p> {
    page: &'p Page,
    builder: Builder,
    table: Option<Table>,
}

impl Emitter<'_> {
    /// Handles entering `node`; false passes over it and all it holds.
    fn open(&mut self, node: NodeRef<'_, Node>, is_root: bool) -> bool {
        let element = match node.value() {
            Node::Text(text) => {
                self.builder.text(text);
                return false;
            }
            Node::Element(element) => element,
            _ => return false,
        };
        let link_box = !is_root && !self.page.is_chosen() && self.is_link_box(node, element);
        if self.page.is_furniture(node) || link_box {
            return false;
        }
        if is_edit_link(element) {
            return false;
        }
        if element.name() == "sup"
            && let Some(marker) = footnote_marker(&self.page.text_of(node))
        {
            self.builder.text(&marker);
            return false;
        }
        if self.table.is_some() {
            self.open_in_table(element);
            return true;
        }
        let data_table = element.name() == "table" && self.is_data_table(node);
        let builder = &mut self.builder;
        match element.name() {
            name @ ("h1" | "h2" | "h3" | "h4" | "h5" | "h6") => {
                builder.start_heading(name.as_bytes()[1] - b'0');
            }
            "blockquote" => builder.start_quote(),
            "pre" | "listing" | "plaintext" | "xmp" => builder.start_code(),
            "ul" | "menu" | "dir" => builder.start_list(None),
            "ol" => {
                let first = element.attr("start").and_then(|s| s.trim().parse().ok());
                builder.start_list(Some(first.unwrap_or(1)));
            }
            "li" => builder.start_item(),
            "br" => builder.hard_break(),
            "hr" => builder.separator(),
            "img" => self.image(element),
            "table" if data_table => {
                builder.flush();
                self.table = Some(Table::default());
            }
            name if is_block_boundary(name) => builder.flush(),
            _ => self.open_inline(element),
        }
        true
    }

    fn close(&mut self, node: NodeRef<'_, Node>) {
        let Some(element) = node.value().as_element() else {
            return;
        };
        if self.table.is_some() {
            self.close_in_table(element);
            return;
        }
        let builder = &mut self.builder;
        match element.name() {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => builder.end_heading(),
            "blockquote" => builder.end_quote(),
            "pre" | "listing" | "plaintext" | "xmp" => builder.end_code(),
            "ul" | "menu" | "dir" | "ol" => builder.end_list(),
            "li" => builder.end_item(),
            name if is_block_boundary(name) => builder.flush(),
            _ => self.close_inline(element),
        }
    }

    /// Emphasis, strong, code and links: marks on the running text.
    fn open_inline(&mut self, element: &Element) {
        let name = element.name();
        if name == "a" {
            if let Some(href) = element.attr("href") {
                self.builder.start_link(href);
            }
        } else if let Some(style) = inline_style(name)
            && !self.builder.in_code()
        {
            self.builder.open_mark(style);
        }
    }

    /// Closing what was never opened does nothing, so marks are closed whatever happened
    /// in between: a mark left open would style the rest of the article.
    fn close_inline(&mut self, element: &Element) {
        let name = element.name();
        if name == "a" {
            if element.attr("href").is_some() {
                self.builder.end_link();
            }
        } else if let Some(style) = inline_style(name) {
            self.builder.close_mark(style);
        }
    }

    /// An image reads as its description; an image without one (a spacer, an icon, or one the
    /// page marked decorative with `alt=""`) is left out.
    fn image(&mut self, element: &Element) {
        let description = element
            .attr("alt")
            .or(element.attr("title"))
            .map(str::trim)
            .unwrap_or_default();
        if !description.is_empty() {
            self.builder.start_image();
            self.builder.text(description);
            self.builder.end_image();
        }
    }

    /// A container inside the article that is mostly links.
    fn is_link_box(&self, node: NodeRef<'_, Node>, element: &Element) -> bool {
        if !matches!(
            element.name(),
            "div" | "section" | "ul" | "ol" | "dl" | "table" | "figure"
        ) {
            return false;
        }
        let stats = self.page.stats(node);
        stats.link_density() > MAX_LINK_DENSITY && stats.commas < PROSE_COMMAS
    }

    /// A table of data (rows and columns) rather than one that lays out a page: it holds no
    /// other table and no paragraphs, lists or headings.
    fn is_data_table(&self, node: NodeRef<'_, Node>) -> bool {
        !self.page.stats(node).has_prose
    }

    fn open_in_table(&mut self, element: &Element) {
        let Some(table) = self.table.as_mut() else {
            return;
        };
        match element.name() {
            "thead" => table.in_head = true,
            "tr" => {
                table.rows.push(Vec::new());
                table.row_of_headers = true;
                if table.in_head {
                    table.header_rows = table.rows.len();
                }
            }
            // What came before the cell (whitespace between tags) is not part of it.
            name @ ("td" | "th" | "caption") => {
                table.row_of_headers &= name == "th";
                drop(self.builder.take_text());
            }
            "br" => self.builder.text(" "),
            "img" => self.image(element),
            _ => self.open_inline(element),
        }
    }

    fn close_in_table(&mut self, element: &Element) {
        match element.name() {
            "td" | "th" => {
                let cell = self.builder.take_text();
                let Some(table) = self.table.as_mut() else {
                    return;
                };
                if table.rows.is_empty() {
                    table.rows.push(Vec::new());
                }
                if let Some(row) = table.rows.last_mut() {
                    row.push(cell);
                }
            }
            "caption" => {
                let caption = self.builder.take_text();
                if let Some(table) = &mut self.table {
                    table.caption = Some(caption).filter(|c| !c.is_empty());
                }
            }
            "thead" => {
                if let Some(table) = &mut self.table {
                    table.in_head = false;
                }
            }
            "tr" => {
                // A first row of header cells is the header when there is no <thead>.
                let Some(table) = self.table.as_mut() else {
                    return;
                };
                let first = table.rows.len() == 1 && !table.rows[0].is_empty();
                if first && table.header_rows == 0 && table.row_of_headers {
                    table.header_rows = 1;
                }
            }
            "table" => {
                let Some(table) = self.table.take() else {
                    return;
                };
                drop(self.builder.take_text());
                let mut blocks: Vec<Block> =
                    table.caption.into_iter().map(Block::paragraph).collect();
                blocks.extend(table::blocks(&table.rows, table.header_rows));
                self.builder.push_blocks(blocks);
            }
            _ => self.close_inline(element),
        }
    }
}

/// Elements that end the running text and start a new block.
fn is_block_boundary(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "body"
            | "figure"
            | "figcaption"
            | "address"
            | "details"
            | "summary"
            | "dl"
            | "dt"
            | "dd"
            | "center"
            | "hgroup"
            | "caption"
            | "fieldset"
            | "legend"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "td"
            | "th"
    )
}

fn inline_style(name: &str) -> Option<MarkStyle> {
    match name {
        "em" | "i" | "cite" | "dfn" => Some(MarkStyle::Emphasis),
        "strong" | "b" => Some(MarkStyle::Strong),
        "code" | "kbd" | "samp" | "tt" => Some(MarkStyle::Code),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::footnote_marker;

    #[test]
    fn footnote_markers_are_raised_and_other_superscripts_kept() {
        assert_eq!(footnote_marker("[3]").as_deref(), Some("⁽³⁾"));
        assert_eq!(footnote_marker(" [ 47 ] ").as_deref(), Some("⁽⁴⁷⁾"));
        assert_eq!(footnote_marker("2"), None);
        assert_eq!(footnote_marker("[note 1]"), None);
        assert_eq!(footnote_marker("[]"), None);
        assert_eq!(footnote_marker("[123456]"), None);
    }
}
