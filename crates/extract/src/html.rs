//! HTML and plain-text input: text with its line structure.
//!
//! Boxes are in character cells: x counts characters from the left, y counts
//! lines from the top. HTML block elements start new lines and table cells are
//! laid out in aligned columns, so that a label and its value keep the relation
//! a reader sees. A definition list's term and its first description share a
//! line (`Term: description`), as the label and value they are.

use scraper::{Html, Node};

use crate::document::{BBox, Line, Page, TextSource, Unit, Word};

/// Elements whose content is never shown.
const HIDDEN: &[&str] = &["script", "style", "head", "noscript", "template", "title", "svg"];

/// Elements that start and end a line of their own.
const BLOCKS: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "body",
    "caption",
    "dd",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "ul",
];

/// Spaces between table columns.
const COLUMN_GAP: usize = 3;

/// Reads plain text into one page, one line per text line.
pub fn read_text(text: &str) -> Page {
    let lines: Vec<String> = text.lines().map(expand_tabs).collect();
    page_from_lines(&lines)
}

/// Reads an HTML document into one page of text lines.
pub fn read_html(html: &str) -> Page {
    let doc = Html::parse_document(html);
    let mut out = Layout::default();
    walk(doc.tree.root(), &mut out);
    out.flush();
    page_from_lines(&out.lines)
}

#[derive(Default)]
struct Layout {
    lines: Vec<String>,
    current: String,
    /// Rows of the data table being collected.
    table: Option<Vec<Vec<String>>>,
    /// The current line holds a `<dt>` term waiting for its description.
    open_term: bool,
}

impl Layout {
    fn text(&mut self, t: &str) {
        for (i, part) in t.split_whitespace().enumerate() {
            let joins = i == 0 && !t.starts_with(char::is_whitespace);
            if !self.current.is_empty() && !joins && !self.current.ends_with(' ') {
                self.current.push(' ');
            }
            self.current.push_str(part);
        }
        if t.ends_with(char::is_whitespace) && !self.current.is_empty() && !self.current.ends_with(' ') {
            self.current.push(' ');
        }
    }

    fn space(&mut self) {
        if !self.current.is_empty() && !self.current.ends_with(' ') {
            self.current.push(' ');
        }
    }

    /// Ends a `<dt>`: its description continues the line.
    fn end_term(&mut self) {
        let term = self.current.trim_end().to_owned();
        if term.is_empty() {
            return;
        }
        self.current = if term.ends_with(':') { term } else { format!("{term}:") };
        self.current.push(' ');
        self.open_term = true;
    }

    /// Ends the current line (or, inside a table, the current cell's text run).
    fn flush(&mut self) {
        self.open_term = false;
        if self.table.is_some() {
            self.space();
            return;
        }
        let line = std::mem::take(&mut self.current);
        let line = line.trim();
        if !line.is_empty() {
            self.lines.push(line.to_owned());
        }
    }

    fn end_cell(&mut self) {
        let cell = std::mem::take(&mut self.current).trim().to_owned();
        if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
            row.push(cell);
        }
    }

    fn end_table(&mut self) {
        let Some(rows) = self.table.take() else { return };
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        let mut widths = vec![0usize; cols];
        for row in &rows {
            for (i, cell) in row.iter().enumerate() {
                widths[i] = widths[i].max(cell.chars().count());
            }
        }
        for row in rows {
            let mut line = String::new();
            for (i, cell) in row.iter().enumerate() {
                line.push_str(cell);
                if i + 1 < row.len() {
                    let pad = widths[i] - cell.chars().count() + COLUMN_GAP;
                    line.extend(std::iter::repeat_n(' ', pad));
                }
            }
            let line = line.trim_end();
            if !line.trim().is_empty() {
                self.lines.push(line.to_owned());
            }
        }
    }
}

/// A data table holds only inline content in its cells: its rows are laid out
/// as aligned columns. Tables used for page layout (as HTML e-mails do), whose
/// cells hold blocks, line breaks or other tables, are read as blocks instead.
fn is_data_table(table: ego_tree::NodeRef<'_, Node>) -> bool {
    table.descendants().skip(1).all(|n| match n.value() {
        Node::Element(e) => {
            let name = e.name();
            name != "table" && name != "br" && !BLOCKS.contains(&name)
        }
        _ => true,
    })
}

fn walk(root: ego_tree::NodeRef<'_, Node>, out: &mut Layout) {
    use ego_tree::iter::Edge;
    let mut hidden_depth = 0usize;
    // The data table being collected, if any; data tables nest no tables.
    let mut data_table = None;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    let name = e.name();
                    if hidden_depth > 0 || HIDDEN.contains(&name) {
                        hidden_depth += 1;
                        continue;
                    }
                    if name == "table" && data_table.is_none() && is_data_table(node) {
                        data_table = Some(node.id());
                        out.flush();
                        out.table = Some(Vec::new());
                    } else if data_table.is_some() {
                        open_in_table(name, out);
                    } else {
                        open(name, out);
                    }
                }
                Node::Text(t) if hidden_depth == 0 => out.text(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if hidden_depth > 0 {
                        hidden_depth -= 1;
                        continue;
                    }
                    if data_table == Some(node.id()) {
                        data_table = None;
                        out.end_table();
                    } else if data_table.is_some() {
                        close_in_table(e.name(), out);
                    } else if e.name() == "dt" {
                        out.end_term();
                    } else if is_block(e.name()) {
                        out.flush();
                    }
                }
            }
        }
    }
}

/// Outside data tables, table parts of a layout table act as blocks.
fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name) || matches!(name, "table" | "tr" | "td" | "th" | "br")
}

fn open(name: &str, out: &mut Layout) {
    if name == "dd" && out.open_term {
        out.open_term = false;
    } else if is_block(name) {
        out.flush();
    }
}

fn open_in_table(name: &str, out: &mut Layout) {
    match name {
        "tr" => {
            if let Some(t) = out.table.as_mut() {
                t.push(Vec::new());
            }
            out.current.clear();
        }
        "td" | "th" => out.current.clear(),
        _ => {}
    }
}

fn close_in_table(name: &str, out: &mut Layout) {
    if matches!(name, "td" | "th") {
        out.end_cell();
    }
}

fn expand_tabs(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut col = 0;
    for c in line.chars() {
        if c == '\t' {
            let n = 8 - col % 8;
            out.extend(std::iter::repeat_n(' ', n));
            col += n;
        } else if !c.is_control() {
            out.push(c);
            col += 1;
        }
    }
    out
}

/// Turns text lines into a page of words in character-cell coordinates; blank
/// lines keep their vertical space.
fn page_from_lines(lines: &[String]) -> Page {
    let mut out = Vec::new();
    let mut width = 0usize;
    for (row, text) in lines.iter().enumerate() {
        let mut words = Vec::new();
        let mut col = 0usize;
        for part in text.split(' ') {
            let n = part.chars().count();
            if n > 0 {
                let (x0, y0) = (col as f32, row as f32);
                words.push(Word {
                    text: part.to_owned(),
                    bbox: BBox::new(x0, y0, x0 + n as f32, y0 + 1.0),
                    confidence: 1.0,
                });
            }
            col += n + 1;
        }
        width = width.max(col.saturating_sub(1));
        if let Some(line) = Line::from_words(words) {
            out.push(line);
        }
    }
    Page {
        number: 1,
        width: width as f32,
        height: lines.len() as f32,
        unit: Unit::Cell,
        rotation: 0.0,
        source: TextSource::Text,
        lines: out,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(page: &Page) -> Vec<String> {
        page.lines.iter().map(Line::text).collect()
    }

    #[test]
    fn blocks_make_lines_and_inline_text_joins() {
        let p = read_html(
            "<html><head><title>x</title><style>p{}</style></head><body><h1>PVM sąskaita<br><small>faktūra</small></h1><div><b>Suma:</b> <span>121,00</span>&nbsp;EUR</div><script>var a=1;</script></body></html>",
        );
        assert_eq!(texts(&p), ["PVM sąskaita", "faktūra", "Suma: 121,00 EUR"]);
    }

    #[test]
    fn table_cells_keep_their_columns() {
        let p = read_html(
            "<table><tr><th>Prekė</th><th>Kiekis</th></tr><tr><td>Obuoliai raudoni</td><td>2</td></tr></table>",
        );
        let lines = &p.lines;
        assert_eq!(lines.len(), 2);
        assert_eq!(lines[0].words[1].text, "Kiekis");
        assert_eq!(lines[0].words[1].bbox.x0, lines[1].words[2].bbox.x0);
    }

    #[test]
    fn layout_tables_are_read_as_blocks_around_their_data_tables() {
        let p = read_html(
            "<table><tr><td><h1>Kavinė</h1><p>Kvito Nr. 7<br>Data: 2025-03-06</p>\
             <table><tr><td>Kava</td><td>3,40</td></tr><tr><td>Bandelė su cinamonu</td><td>2,90</td></tr></table>\
             </td></tr><tr><td>Iš viso 6,30</td></tr></table>",
        );
        assert_eq!(
            texts(&p),
            ["Kavinė", "Kvito Nr. 7", "Data: 2025-03-06", "Kava 3,40", "Bandelė su cinamonu 2,90", "Iš viso 6,30"]
        );
        assert_eq!(p.lines[3].words[1].bbox.x0, p.lines[4].words[3].bbox.x0);
    }

    #[test]
    fn a_definition_term_and_its_description_share_a_line() {
        let page = read_html(
            "<dl><dt>Issue Date</dt><dd>2017-11-13</dd><dt>Due:</dt><dd>2017-12-01</dd><dd>or later</dd>\
             <dt>Address</dt><dd><div>Main street 1</div><div>London</div></dd></dl><p>after</p>",
        );
        assert_eq!(
            texts(&page),
            ["Issue Date: 2017-11-13", "Due: 2017-12-01", "or later", "Address:", "Main street 1", "London", "after"]
        );
    }

    #[test]
    fn plain_text_keeps_line_positions() {
        let p = read_text("KVITAS\n\nSuma\t12,00");
        assert_eq!(texts(&p), ["KVITAS", "Suma 12,00"]);
        assert_eq!(p.lines[1].bbox.y0, 2.0);
        assert_eq!(p.lines[1].words[1].bbox.x0, 8.0);
    }
}
