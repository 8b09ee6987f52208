//! HTML and plain-text input: text with its line structure.
//!
//! Boxes are in character cells: x counts characters from the left, y counts
//! lines from the top. HTML block elements start new lines and table cells are
//! laid out in aligned columns, so that a label and its value keep the relation
//! a reader sees. A definition list's term and its first description share a
//! line (`Term: description`), as the label and value they are.
//!
//! Vertical space a browser would show between blocks (the default margins of
//! paragraphs, headings, lists and rules, or margins and padding set in an
//! element's own `style`) is kept as one blank line, so that blocks set apart
//! on screen stay apart. A CSS grid row (`class="row"` with `col-*` children)
//! whose cells hold only inline content is one line, each cell at the place
//! its column span gives it.

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

/// Elements a browser sets apart from their neighbours by default margins.
const SPACED: &[&str] =
    &["blockquote", "dl", "figure", "h1", "h2", "h3", "h4", "h5", "h6", "hr", "ol", "p", "pre", "ul"];

/// Spaces between table columns.
const COLUMN_GAP: usize = 3;

/// Character cells per twelfth of a grid row.
const GRID_CELL: usize = 6;

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
    table: Option<Vec<Vec<Cell>>>,
    /// Lines of the table cell being collected, before the current one.
    cell_lines: Vec<String>,
    /// The current line holds a `<dt>` term waiting for its description.
    open_term: bool,
    /// Vertical space is due before the next line.
    gap: bool,
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
        self.push_line(line.trim());
    }

    /// Adds a line of text, after a blank one where vertical space is due
    /// (space at the very top and runs of space show as one blank line).
    fn push_line(&mut self, line: &str) {
        if line.trim().is_empty() {
            return;
        }
        if std::mem::take(&mut self.gap) && !self.lines.is_empty() {
            self.lines.push(String::new());
        }
        self.lines.push(line.to_owned());
    }

    /// Ends the current line and asks for vertical space before the next.
    fn spacing(&mut self) {
        self.flush();
        self.gap = true;
    }

    /// Ends the current line within a table cell (a `<br>`).
    fn break_cell_line(&mut self) {
        let line = std::mem::take(&mut self.current).trim().to_owned();
        self.cell_lines.push(line);
    }

    fn end_cell(&mut self, span: usize) {
        self.break_cell_line();
        let mut lines = std::mem::take(&mut self.cell_lines);
        while lines.last().is_some_and(String::is_empty) {
            lines.pop();
        }
        if let Some(row) = self.table.as_mut().and_then(|t| t.last_mut()) {
            row.push(Cell { span, lines });
        }
    }

    /// Lays the table's rows out in aligned columns: each column as wide as
    /// its widest line (cells spanning columns count where they would widen
    /// the last column they span), a row as many lines as its tallest cell.
    fn end_table(&mut self) {
        let Some(mut rows) = self.table.take() else { return };
        // A span reaches no further than the columns the table has (a span
        // of 99 is often written for "the whole row").
        let cols = rows.iter().map(Vec::len).max().unwrap_or(0);
        for row in &mut rows {
            let mut col = 0;
            for cell in row.iter_mut() {
                cell.span = cell.span.min(cols.saturating_sub(col)).max(1);
                col += cell.span;
            }
        }
        let cols = rows.iter().map(|r| r.iter().map(|c| c.span).sum::<usize>()).max().unwrap_or(0);
        let mut widths = vec![0usize; cols];
        for single in [true, false] {
            for row in &rows {
                let mut col = 0;
                for cell in row {
                    let width = cell.lines.iter().map(|l| l.chars().count()).max().unwrap_or(0);
                    if (cell.span == 1) == single {
                        let last = col + cell.span - 1;
                        let before: usize = (col..last).map(|k| widths[k] + COLUMN_GAP).sum();
                        widths[last] = widths[last].max(width.saturating_sub(before));
                    }
                    col += cell.span;
                }
            }
        }
        for row in rows {
            let height = row.iter().map(|c| c.lines.len()).max().unwrap_or(0);
            for k in 0..height {
                let mut line = String::new();
                let mut col = 0;
                for cell in &row {
                    let start: usize = widths[..col].iter().map(|w| w + COLUMN_GAP).sum();
                    let used = line.chars().count();
                    if let Some(text) = cell.lines.get(k).filter(|t| !t.is_empty()) {
                        let pad = if used == 0 { start } else { start.max(used + 1) - used };
                        line.extend(std::iter::repeat_n(' ', pad));
                        line.push_str(text);
                    }
                    col += cell.span;
                }
                self.push_line(line.trim_end());
            }
        }
    }
}

/// A table cell as collected: how many columns it spans and its lines.
struct Cell {
    span: usize,
    lines: Vec<String>,
}

/// A data table holds only inline content and line breaks in its cells: its
/// rows are laid out as aligned columns. Tables used for page layout (as HTML
/// e-mails do), whose cells hold blocks or other tables, are read as blocks
/// instead.
fn is_data_table(table: ego_tree::NodeRef<'_, Node>) -> bool {
    table.descendants().skip(1).all(|n| match n.value() {
        Node::Element(e) => {
            let name = e.name();
            name != "table" && !BLOCKS.contains(&name)
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
                    if data_table.is_none() && node.id() != root.id() {
                        if let Some(line) = grid_line(node) {
                            // Written whole; its content is not walked again.
                            hidden_depth = 1;
                            spaced(out, e, Side::Before);
                            out.flush();
                            out.push_line(&line);
                            spaced(out, e, Side::After);
                            continue;
                        }
                        spaced(out, e, Side::Before);
                    }
                    if name == "table" && data_table.is_none() && is_data_table(node) {
                        data_table = Some(node.id());
                        out.flush();
                        out.table = Some(Vec::new());
                    } else if data_table.is_some() {
                        open_in_table(e, out);
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
                        close_in_table(e, out);
                    } else if e.name() == "dt" {
                        out.end_term();
                    } else if is_block(e.name()) {
                        out.flush();
                    }
                    if data_table.is_none() && node.id() != root.id() {
                        spaced(out, e, Side::After);
                    }
                }
            }
        }
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Side {
    Before,
    After,
}

/// Asks for vertical space on one side of a block element where a browser
/// shows some: its own `style` margin or padding on that side, or else the
/// default margin of its kind.
fn spaced(out: &mut Layout, e: &scraper::node::Element, side: Side) {
    if !is_block(e.name()) || (e.name() == "dt" && side == Side::After) {
        return;
    }
    let styled = e.attr("style").and_then(|s| styled_space(s, side));
    if styled.unwrap_or_else(|| SPACED.contains(&e.name())) {
        out.spacing();
    }
}

/// Whether an inline style leaves visible space on one side: margin or
/// padding of at least about half a line there. `None` when the style sets
/// no margin at all (the element keeps its default).
fn styled_space(style: &str, side: Side) -> Option<bool> {
    let mut margin = None;
    let mut padding = false;
    for (prop, value) in declarations(style) {
        let (box_prop, edge) = prop.split_once('-').map_or((prop.as_str(), None), |(p, edge)| (p, Some(edge)));
        if box_prop != "margin" && box_prop != "padding" {
            continue;
        }
        let length = match edge {
            Some("top") if side == Side::Before => Some(value),
            Some("bottom") if side == Side::After => Some(value),
            Some(_) => continue,
            None => shorthand_side(value, side),
        };
        let wide = length.is_some_and(is_visible_length);
        if box_prop == "margin" {
            margin = Some(wide);
        } else {
            padding |= wide;
        }
    }
    match (margin, padding) {
        (_, true) => Some(true),
        (m, false) => m,
    }
}

/// The declarations of an inline `style`: each property in lower case with
/// its value trimmed.
fn declarations(style: &str) -> impl Iterator<Item = (String, &str)> {
    style.split(';').filter_map(|decl| {
        let (prop, value) = decl.split_once(':')?;
        Some((prop.trim().to_ascii_lowercase(), value.trim()))
    })
}

/// The top or bottom value of a `margin` or `padding` shorthand (one to four
/// values: all; vertical horizontal; top horizontal bottom; top right bottom
/// left).
fn shorthand_side(value: &str, side: Side) -> Option<&str> {
    let parts: Vec<&str> = value.split_whitespace().collect();
    match (parts.len(), side) {
        (1 | 2, _) | (3 | 4, Side::Before) => parts.first().copied(),
        (3 | 4, Side::After) => parts.get(2).copied(),
        _ => None,
    }
}

/// A CSS length of about half a line or more (8 px, 6 pt, 0.5 em); `auto`
/// and percentages count as none.
fn is_visible_length(v: &str) -> bool {
    let v = v.trim().trim_end_matches("!important").trim().to_ascii_lowercase();
    let split = v.find(|c: char| !(c.is_ascii_digit() || c == '.')).unwrap_or(v.len());
    let (num, unit) = v.split_at(split);
    let Ok(n) = num.parse::<f32>() else { return false };
    match unit {
        "px" | "" => n >= 8.0,
        "pt" => n >= 6.0,
        "em" | "rem" | "ex" => n >= 0.5,
        "mm" => n >= 2.0,
        "cm" | "in" => n > 0.0,
        _ => false,
    }
}

/// The one line a row of cells makes when each cell holds only inline
/// content. In a CSS grid row (`class="row"`) every child is a column (`col`,
/// `col-6`, `col-sm-4`…) whose text starts where the column starts (in
/// twelfths of the row, after any offset; right-aligned cells end where it
/// ends); columns past twelve twelfths wrap onto a new line, which a single
/// line cannot show, so such rows are read as blocks. In a flex row (see
/// [`is_flex_row`]) the cells follow each other. Either way a cell stands at
/// least a column gap after the one before.
fn grid_line(row: ego_tree::NodeRef<'_, Node>) -> Option<String> {
    let e = row.value().as_element()?;
    let grid = e.classes().any(|c| c == "row");
    if !grid && !is_flex_row(e) {
        return None;
    }
    let mut cells = Vec::new();
    let mut at = 0u32;
    for child in row.children() {
        match child.value() {
            Node::Element(c) => {
                // In a flex row every child is a cell, one after the other.
                let (span, offset) = if grid { grid_span(c)? } else { (0, 0) };
                if matches!(c.name(), "table" | "ul" | "ol" | "dl" | "hr") || has_blocks(child) {
                    return None;
                }
                at += offset;
                let right = c.classes().any(|k| k == "text-right" || k == "text-end");
                cells.push((at, at + span, right, inline_text(child)));
                at += span;
            }
            Node::Text(t) if !t.trim().is_empty() => return None,
            _ => {}
        }
    }
    if cells.len() < 2 || at > 12 {
        return None;
    }
    let mut line = String::new();
    for (start, end, right, text) in cells {
        if text.is_empty() {
            continue;
        }
        let used = line.chars().count();
        let min = if used == 0 { 0 } else { used + COLUMN_GAP };
        let n = text.chars().count();
        let want = if right { (end as usize * GRID_CELL).saturating_sub(n) } else { start as usize * GRID_CELL };
        line.extend(std::iter::repeat_n(' ', want.max(min) - used));
        line.push_str(&text);
    }
    Some(line)
}

/// An element laid out as a flex row by its own style (`display: flex` or
/// `inline-flex`, not in a column): its children stand side by side, as
/// e-mailed receipts set an item's name and price, or a total's label and
/// amount.
fn is_flex_row(e: &scraper::node::Element) -> bool {
    let Some(style) = e.attr("style") else { return false };
    let mut flex = false;
    let mut column = false;
    for (prop, value) in declarations(style) {
        let value = value.to_ascii_lowercase();
        match prop.as_str() {
            "display" => flex = matches!(value.as_str(), "flex" | "inline-flex"),
            "flex-direction" => column = value.starts_with("column"),
            "flex-flow" => column = value.split_whitespace().any(|v| v.starts_with("column")),
            _ => {}
        }
    }
    flex && !column
}

/// A grid column's span and offset in twelfths, from its classes; at a wide
/// screen the class of the widest breakpoint given applies.
fn grid_span(e: &scraper::node::Element) -> Option<(u32, u32)> {
    const BREAKPOINTS: &[&str] = &["", "xs", "sm", "md", "lg", "xl", "xxl"];
    let mut span: Option<(usize, u32)> = None;
    let mut offset: Option<(usize, u32)> = None;
    for class in e.classes() {
        let Some(rest) = class.strip_prefix("col") else { continue };
        let parts: Vec<&str> = rest.split('-').skip(1).collect();
        let (bp, n, is_offset) = match parts.as_slice() {
            [] => ("", None, false),
            [n] if n.parse::<u32>().is_ok() => ("", n.parse().ok(), false),
            [bp] => (*bp, None, false),
            [bp, n] => (*bp, n.parse().ok(), false),
            [bp, "offset", n] => (*bp, n.parse().ok(), true),
            _ => continue,
        };
        let Some(rank) = BREAKPOINTS.iter().position(|b| *b == bp) else { continue };
        let slot = if is_offset { &mut offset } else { &mut span };
        if slot.is_none_or(|(r, _)| rank >= r) {
            *slot = Some((rank, n.unwrap_or(0)));
        }
    }
    // A bare `col` shares the row: counted as one twelfth, at least.
    let span = span?.1.max(1);
    Some((span, offset.map_or(0, |(_, n)| n)))
}

/// The element holds a block, a line break or a table somewhere inside.
fn has_blocks(node: ego_tree::NodeRef<'_, Node>) -> bool {
    node.descendants().skip(1).any(|n| n.value().as_element().is_some_and(|e| is_block(e.name())))
}

/// The text of inline content, its runs joined as a browser shows them.
fn inline_text(node: ego_tree::NodeRef<'_, Node>) -> String {
    let mut cell = Layout::default();
    walk(node, &mut cell);
    cell.flush();
    cell.lines.join(" ")
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

fn open_in_table(e: &scraper::node::Element, out: &mut Layout) {
    match e.name() {
        "tr" => {
            if let Some(t) = out.table.as_mut() {
                t.push(Vec::new());
            }
            out.current.clear();
        }
        "td" | "th" => {
            out.current.clear();
            out.cell_lines.clear();
        }
        "br" => out.break_cell_line(),
        _ => {}
    }
}

fn close_in_table(e: &scraper::node::Element, out: &mut Layout) {
    if matches!(e.name(), "td" | "th") {
        let span = e.attr("colspan").and_then(|v| v.trim().parse::<usize>().ok()).filter(|n| *n >= 1);
        out.end_cell(span.unwrap_or(1));
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

    /// Each line's text with its row, blank rows left out.
    fn rows(page: &Page) -> Vec<(f32, String)> {
        page.lines.iter().map(|l| (l.bbox.y0, l.text())).collect()
    }

    #[test]
    fn space_a_browser_shows_between_blocks_is_a_blank_line() {
        let page = read_html(
            "<body style=\"margin:0\"><h3>Supplier</h3><div style=\"margin-bottom: 10pt;\"><div>Name</div>\
             <div>Street 1</div></div><div>Registered</div><div style=\"margin:0 0 4px\">tight</div>\
             <p style=\"margin:0\">no space</p><div>after</div></body>",
        );
        assert_eq!(
            rows(&page),
            [
                (0.0, "Supplier".to_owned()),
                (2.0, "Name".to_owned()),
                (3.0, "Street 1".to_owned()),
                (5.0, "Registered".to_owned()),
                (6.0, "tight".to_owned()),
                (7.0, "no space".to_owned()),
                (8.0, "after".to_owned()),
            ]
        );
        assert!(!styled_space("margin: 0 0 10px", Side::Before).unwrap());
        assert!(styled_space("margin: 0 0 10px", Side::After).unwrap());
        assert!(styled_space("padding-top: 1em; margin: 0", Side::Before).unwrap());
        assert_eq!(styled_space("color: red", Side::After), None);
    }

    #[test]
    fn grid_rows_of_inline_cells_are_one_line_in_their_columns() {
        let page = read_html(
            "<div class=\"row\"><div class=\"col-sm-3 col-sm-offset-1\">7&nbsp;<small>DAY</small></div>\
             <div class=\"col-sm-4\"></div><div class=\"col-sm-2\"><small>VAT:</small>S<small>&nbsp;(25%)</small></div>\
             <div class=\"col-sm-2 text-right\">2,800.00&nbsp;<small>EUR</small></div></div>\
             <div class=\"row\"><div class=\"col-xs-6 col-sm-9\">Price</div><div class=\"col-xs-6 col-sm-3 text-right\">400.00 EUR</div></div>\
             <div class=\"row\"><div class=\"col-md-7\"><div>Name</div><div>Street</div></div><div class=\"col-md-5\">x</div></div>",
        );
        assert_eq!(texts(&page), ["7 DAY VAT:S (25%) 2,800.00 EUR", "Price 400.00 EUR", "Name", "Street", "x"]);
        let words =
            |i: usize| page.lines[i].words.iter().map(|w| (w.text.clone(), w.bbox.x0, w.bbox.x1)).collect::<Vec<_>>();
        // One twelfth is six cells: "7" at the offset, the rate at 8/12, the
        // price ending at 12/12; the amount would too, but the rate overflows
        // its two twelfths, so it stands a column gap after it.
        assert_eq!(words(0)[0], ("7".to_owned(), 6.0, 7.0));
        assert_eq!(words(0)[2].1, 48.0);
        assert_eq!(words(0)[4].1, words(0)[3].2 + COLUMN_GAP as f32);
        assert_eq!(words(1)[2].2, 72.0);
        assert!(grid_span(&element("<div class=\"col\"></div>")).is_some_and(|(span, _)| span == 1));
    }

    #[test]
    fn flex_rows_of_inline_cells_are_one_line() {
        let page = read_html(
            "<div style=\"display:flex; justify-content:space-between\"><div>Flat white</div><strong>€3.90</strong></div>\
             <div style=\"display: flex; flex-direction: column\"><div>Paid by card</div><div>€3.90</div></div>\
             <div style=\"display:flex\"><div><p>Name</p><p>Street</p></div><div>x</div></div>",
        );
        assert_eq!(texts(&page), ["Flat white €3.90", "Paid by card", "€3.90", "Name", "Street", "x"]);
        assert_eq!(page.lines[0].words[2].bbox.x0, 10.0 + COLUMN_GAP as f32);
    }

    fn element(html: &str) -> scraper::node::Element {
        let frag = Html::parse_fragment(html);
        let div =
            frag.tree.root().descendants().find_map(|n| n.value().as_element().filter(|e| e.name() == "div").cloned());
        div.expect("a div")
    }

    #[test]
    fn table_cells_may_break_lines_and_span_columns() {
        let page = read_html(
            "<table><tr><th>Category</th><th>Taxable</th><th>Tax</th></tr>\
             <tr><td>VAT:E (0%)<br><small>Exempt</small></td><td>0.00</td><td>0.00</td></tr>\
             <tr><td colspan=\"2\">Total</td><td>130.00</td></tr></table>",
        );
        assert_eq!(texts(&page), ["Category Taxable Tax", "VAT:E (0%) 0.00 0.00", "Exempt", "Total 130.00"]);
        let x = |line: usize, word: usize| page.lines[line].words[word].bbox.x0;
        assert_eq!(x(3, 1), x(0, 2), "the total stands under the tax column");
        assert_eq!(x(1, 3), x(0, 2));
    }

    #[test]
    fn plain_text_keeps_line_positions() {
        let p = read_text("KVITAS\n\nSuma\t12,00");
        assert_eq!(texts(&p), ["KVITAS", "Suma 12,00"]);
        assert_eq!(p.lines[1].bbox.y0, 2.0);
        assert_eq!(p.lines[1].words[1].bbox.x0, 8.0);
    }
}
