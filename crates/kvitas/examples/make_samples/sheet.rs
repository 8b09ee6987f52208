//! The one invoice layout all printed invoices share, in several languages.
//!
//! Language modules fill a `Sheet` with ready-made strings (labels, formatted
//! amounts and dates); this module only places them: a letterhead, the title
//! and document details, the two parties, the item table that flows over as many
//! pages as it needs, the totals, free notes, and a footer with page numbers.

use crate::canvas::{A4, Face, Fonts, Page};

const LEFT: f32 = 42.0;
const RIGHT: f32 = 553.0;
const BOTTOM: f32 = 772.0;
const BODY: f32 = 8.8;
const LEAD: f32 = 11.6;

#[derive(Debug, Clone, Copy)]
pub enum Align {
    Left,
    Right,
    Center,
}

/// A table column; the header may hold a line break.
pub struct Column {
    pub header: String,
    pub width: f32,
    pub align: Align,
}

pub fn column(header: &str, width: f32, align: Align) -> Column {
    Column { header: header.to_string(), width, align }
}

/// A supplier or buyer box: a small heading, the name in bold, then lines.
pub struct PartyBlock {
    pub heading: String,
    pub name: String,
    pub lines: Vec<String>,
}

/// A line of the totals block.
pub struct Total {
    pub label: String,
    pub value: String,
    pub strong: bool,
}

pub fn total(label: &str, value: String, strong: bool) -> Total {
    Total { label: label.to_string(), value, strong }
}

/// A paragraph after the totals.
pub struct Note {
    pub text: String,
    pub face: Face,
    pub size: f32,
}

pub fn note(text: &str, face: Face, size: f32) -> Note {
    Note { text: text.to_string(), face, size }
}

/// Everything printed on an invoice, already formatted.
pub struct Sheet {
    pub brand: String,
    pub tagline: String,
    pub title: String,
    /// Label and value pairs under the title (number, dates…).
    pub details: Vec<(String, String)>,
    pub parties: [PartyBlock; 2],
    pub columns: Vec<Column>,
    /// The column whose text wraps; the others stay on one line.
    pub wrap_column: usize,
    pub rows: Vec<Vec<String>>,
    pub totals: Vec<Total>,
    pub notes: Vec<Note>,
    pub footer: String,
    /// The heading of continuation pages and the line that announces them.
    pub continued_title: String,
    pub continued: String,
    /// Formats "page n of m".
    pub page_label: fn(usize, usize) -> String,
}

/// Lays the sheet out on as many A4 pages as it needs.
pub fn layout(fonts: &Fonts, sheet: &Sheet) -> Vec<Page> {
    let mut pages = vec![Page::new(A4)];
    let mut y = first_page_header(fonts, sheet, &mut pages[0]);
    y = table_header(fonts, sheet, pages.last_mut().expect("one page"), y);
    for (number, row) in sheet.rows.iter().enumerate() {
        let wrapped = wrap_row(fonts, sheet, row);
        let height = wrapped.len() as f32 * LEAD + 6.0;
        // The last row keeps some room below it, so that a page never ends
        // with a lone row and the totals alone on the next one.
        let reserve = if number + 1 == sheet.rows.len() { 60.0 } else { 0.0 };
        if y + height + reserve > BOTTOM {
            y = new_page(fonts, sheet, &mut pages, y);
            y = table_header(fonts, sheet, pages.last_mut().expect("one page"), y);
        }
        let page = pages.last_mut().expect("one page");
        y = draw_row(fonts, sheet, page, &wrapped, y);
    }
    let needed = closing_height(fonts, sheet);
    if y + needed > BOTTOM {
        y = new_page(fonts, sheet, &mut pages, y);
    }
    closing(fonts, sheet, pages.last_mut().expect("one page"), y + 14.0);
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        page.rule(LEFT, 800.0, RIGHT - LEFT, 0.5, 0.6);
        page.gray_text(LEFT, 812.0, 7.2, Face::Regular, 0.35, &sheet.footer);
        page.text_right(fonts, RIGHT, 812.0, 7.2, Face::Regular, &(sheet.page_label)(i + 1, count));
    }
    pages
}

/// Letterhead, title, details and parties; returns where the table starts.
fn first_page_header(fonts: &Fonts, sheet: &Sheet, page: &mut Page) -> f32 {
    page.fill(0.0, 0.0, A4.0, 10.0, 0.3);
    page.text(LEFT, 58.0, 16.0, Face::Bold, &sheet.brand);
    page.gray_text(LEFT, 72.0, 8.0, Face::Regular, 0.4, &sheet.tagline);
    page.text_right(fonts, RIGHT, 58.0, 15.0, Face::Bold, &sheet.title);
    let mut y = 78.0;
    for (label, value) in &sheet.details {
        page.gray_text(345.0, y, BODY, Face::Regular, 0.35, label);
        page.text_right(fonts, RIGHT, y, BODY, Face::Bold, value);
        y += LEAD + 1.0;
    }
    let top = y.max(100.0) + 16.0;
    let mut bottom = top;
    for (block, x) in sheet.parties.iter().zip([LEFT, 310.0]) {
        let width = 240.0;
        page.gray_text(x, top, 7.2, Face::Bold, 0.4, &block.heading);
        page.rule(x, top + 4.0, width, 0.6, 0.3);
        let mut line_y = top + 18.0;
        for line in fonts.wrap(Face::Bold, 10.0, &block.name, width) {
            page.text(x, line_y, 10.0, Face::Bold, &line);
            line_y += 13.0;
        }
        for text in &block.lines {
            for line in fonts.wrap(Face::Regular, BODY, text, width) {
                page.text(x, line_y, BODY, Face::Regular, &line);
                line_y += LEAD;
            }
        }
        bottom = bottom.max(line_y);
    }
    bottom + 14.0
}

/// Starts a continuation page after announcing it on the current one.
fn new_page(fonts: &Fonts, sheet: &Sheet, pages: &mut Vec<Page>, y: f32) -> f32 {
    let current = pages.last_mut().expect("one page");
    current.gray_text(LEFT, y + 14.0, BODY, Face::Regular, 0.35, &sheet.continued);
    let mut page = Page::new(A4);
    page.fill(0.0, 0.0, A4.0, 10.0, 0.3);
    page.text(LEFT, 50.0, 11.0, Face::Bold, &sheet.brand);
    page.text_right(fonts, RIGHT, 50.0, 11.0, Face::Bold, &sheet.continued_title);
    pages.push(page);
    72.0
}

fn column_x(sheet: &Sheet, index: usize) -> f32 {
    LEFT + sheet.columns[..index].iter().map(|c| c.width).sum::<f32>()
}

/// Places `text` in a column according to its alignment.
fn cell(fonts: &Fonts, page: &mut Page, column: &Column, (x, y): (f32, f32), (face, size): (Face, f32), text: &str) {
    let pad = 4.0;
    match column.align {
        Align::Left => page.text(x + pad, y, size, face, text),
        Align::Right => page.text_right(fonts, x + column.width - pad, y, size, face, text),
        Align::Center => page.text_center(fonts, x + column.width / 2.0, y, size, face, text),
    }
}

fn table_header(fonts: &Fonts, sheet: &Sheet, page: &mut Page, y: f32) -> f32 {
    let lines = sheet.columns.iter().map(|c| c.header.lines().count()).max().unwrap_or(1);
    let height = lines as f32 * 9.5 + 9.0;
    page.fill(LEFT, y, RIGHT - LEFT, height, 0.88);
    for (i, column) in sheet.columns.iter().enumerate() {
        for (j, line) in column.header.lines().enumerate() {
            let line_y = y + 12.5 + j as f32 * 9.5;
            cell(fonts, page, column, (column_x(sheet, i), line_y), (Face::Bold, 7.6), line);
        }
    }
    y + height
}

fn wrap_row(fonts: &Fonts, sheet: &Sheet, row: &[String]) -> Vec<Vec<String>> {
    let width = sheet.columns[sheet.wrap_column].width - 8.0;
    let wrapped = fonts.wrap(Face::Regular, BODY, &row[sheet.wrap_column], width);
    (0..wrapped.len())
        .map(|line| {
            (0..row.len())
                .map(|i| match (i == sheet.wrap_column, line) {
                    (true, _) => wrapped[line].clone(),
                    (false, 0) => row[i].clone(),
                    (false, _) => String::new(),
                })
                .collect()
        })
        .collect()
}

fn draw_row(fonts: &Fonts, sheet: &Sheet, page: &mut Page, lines: &[Vec<String>], y: f32) -> f32 {
    let mut line_y = y + 4.0 + LEAD - 2.5;
    for line in lines {
        for (i, column) in sheet.columns.iter().enumerate() {
            let at = (column_x(sheet, i), line_y);
            cell(fonts, page, column, at, (Face::Regular, BODY), &line[i]);
        }
        line_y += LEAD;
    }
    let bottom = y + lines.len() as f32 * LEAD + 6.0;
    page.rule(LEFT, bottom, RIGHT - LEFT, 0.4, 0.75);
    bottom
}

fn closing_height(fonts: &Fonts, sheet: &Sheet) -> f32 {
    let totals = sheet.totals.len() as f32 * 15.0 + 20.0;
    let notes: f32 = sheet
        .notes
        .iter()
        .map(|n| fonts.wrap(n.face, n.size, &n.text, RIGHT - LEFT).len() as f32 * (n.size + 3.2) + 4.0)
        .sum();
    totals + notes + 16.0
}

/// The totals block on the right, then the notes across the page.
fn closing(fonts: &Fonts, sheet: &Sheet, page: &mut Page, mut y: f32) {
    for line in &sheet.totals {
        y += 15.0;
        let (face, size) = if line.strong { (Face::Bold, 10.5) } else { (Face::Regular, 9.4) };
        if line.strong {
            page.rule(330.0, y - 12.0, RIGHT - 330.0, 0.8, 0.2);
        }
        page.text(336.0, y, size, face, &line.label);
        page.text_right(fonts, RIGHT - 4.0, y, size, face, &line.value);
    }
    y += 26.0;
    for note in &sheet.notes {
        for line in fonts.wrap(note.face, note.size, &note.text, RIGHT - LEFT) {
            page.text(LEFT, y, note.size, note.face, &line);
            y += note.size + 3.2;
        }
        y += 4.0;
    }
}
