//! Line items: the table under a header row of column names, its columns taken
//! from where the names stand, rows split into cells by those columns, and
//! descriptions that wrap over several lines joined.

use rust_decimal::Decimal;

use super::candidates::UNVERIFIED_MAX;
use super::context::{Context, TableLines, column_label, label_hit};
use super::lexicon::{Role, lexicon};
use crate::document::{BBox, Unit, Word};
use crate::values::{amounts_in, parse_quantity, rates_in};

/// A column of the item table.
#[derive(Debug, Clone)]
struct Column {
    role: Role,
    x0: f32,
    x1: f32,
    /// The top and bottom of the words that named the column.
    y0: f32,
    y1: f32,
}

impl Column {
    /// How far a box overlaps the column across (negative: the gap between).
    fn overlap(&self, b: BBox) -> f32 {
        b.x1.min(self.x1) - b.x0.max(self.x0)
    }

    /// True when a box stands at least partly in the column.
    fn holds(&self, b: BBox) -> bool {
        self.overlap(b) > 0.0
    }
}

/// One item row as read.
#[derive(Debug, Clone, Default)]
pub struct Item {
    pub description: Option<String>,
    pub quantity: Option<Decimal>,
    pub unit: Option<String>,
    pub unit_price: Option<Decimal>,
    pub net_amount: Option<Decimal>,
    pub vat_rate: Option<Decimal>,
    /// The discount printed in the row's discount column (a percentage or
    /// an amount), which the line amount has had taken off.
    pub discount: Option<Decimal>,
    pub page: u32,
    pub bbox: Option<BBox>,
    pub confidence: f32,
    /// The number that was not read but worked out from the other two.
    pub worked_out: Option<WorkedOut>,
}

/// An item's number worked out from the other two (see [`work_out`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkedOut {
    Quantity,
    UnitPrice,
}

impl WorkedOut {
    /// The number's key in the schema's line item.
    pub fn key(self) -> &'static str {
        match self {
            WorkedOut::Quantity => "quantity",
            WorkedOut::UnitPrice => "unit_price",
        }
    }
}

/// Reads every item table of the document, in order, with the lines (page,
/// line) that its rows take.
pub fn read(ctx: &Context<'_>) -> (Vec<Item>, TableLines) {
    let mut used = TableLines::default();
    let mut headers: Vec<(u32, usize)> = ctx.table_headers.iter().copied().collect();
    headers.sort();
    let mut items = Vec::new();
    for (page, line) in headers {
        let mut columns = columns(&header_words(ctx, page, line), ctx.ocr_pages.contains(&page));
        if !columns.iter().any(|c| matches!(c.role, Role::ColNetAmount | Role::ColUnitPrice | Role::ColQuantity)) {
            continue;
        }
        // A table that names no description nor quantity ("VAT  Rate  Net
        // VAT", "Tax Code  %  Tax" under a till receipt's total) sums up the
        // tax per code; it lists no items.
        let vat_summary = !columns.iter().any(|c| matches!(c.role, Role::ColDescription | Role::ColQuantity));
        if vat_summary {
            continue;
        }
        let last = ctx.header_lines.get(&(page, line)).map_or(line, |&(_, last)| last);
        unnamed_amount_column(ctx, page, last, &mut columns);
        name_unnamed(ctx, page, last, &mut columns);
        unnamed_unit_column(ctx, page, last, &mut columns);
        rows(ctx, page, last, &columns, &mut items, &mut used);
    }
    for item in &mut items {
        item.confidence = confidence(item);
    }
    (items, used)
}

/// The words of a header row, name by name. A name is a run of close words
/// (a segment) on the row, with the words of the header's other lines that
/// stand over or under it ("Suma be" + "PVM, €"); words of those lines clear
/// of every name on the row, stacked over each other, make a name of their
/// own ("Positions-" + "betrag" + "ohne" + "USt."). A word broken at a line's
/// end by a hyphen is joined again.
fn header_words(ctx: &Context<'_>, page: u32, line: usize) -> Vec<Word> {
    let Some(lines) = ctx.doc.pages.get(page as usize - 1).map(|p| &p.lines) else { return Vec::new() };
    let (first, last) = ctx.header_lines.get(&(page, line)).copied().unwrap_or((line, line));
    // The row's names: its segments, split where words stand further apart
    // than a word's space when other lines add to the names ("Vnt." and
    // "PVM," set close, with "kaina," and "%" under them). (In character
    // cells a segment's words are one space apart: nothing to split.)
    let char_cells = ctx.doc.pages.get(page as usize - 1).is_some_and(|p| p.unit == Unit::Cell);
    let mut heads: Vec<(f32, f32, Vec<&Word>)> = Vec::new();
    for s in ctx.layout.on_line(page, line) {
        let mut prev: Option<&Word> = None;
        for w in &s.words {
            let apart = first < last
                && !char_cells
                && prev.is_some_and(|p| w.bbox.x0 - p.bbox.x1 > w.bbox.height() * WORD_SPACE);
            match heads.last_mut() {
                Some(h) if prev.is_some() && !apart => {
                    h.1 = w.bbox.x1;
                    h.2.push(w);
                }
                _ => heads.push((w.bbox.x0, w.bbox.x1, vec![w])),
            }
            prev = Some(w);
        }
    }
    // Each name: its left edge and its words top to bottom.
    let mut names: Vec<(f32, Vec<Word>)> = heads.iter().map(|h| (h.0, Vec::new())).collect();
    let mut stacks: Vec<(f32, f32, Vec<Word>)> = Vec::new();
    for (n, l) in lines.iter().enumerate().take(last + 1).skip(first) {
        if n == line {
            for (name, h) in names.iter_mut().zip(&heads) {
                name.1.extend(h.2.iter().map(|&w| w.clone()));
            }
            continue;
        }
        for w in &l.words {
            let overlap = |x0: f32, x1: f32| w.bbox.x1.min(x1) - w.bbox.x0.max(x0);
            let best = heads.iter().enumerate().max_by(|a, b| overlap(a.1.0, a.1.1).total_cmp(&overlap(b.1.0, b.1.1)));
            match best {
                Some((k, h)) if overlap(h.0, h.1) > 0.0 => names[k].1.push(w.clone()),
                _ => match stacks.iter_mut().find(|st| overlap(st.0, st.1) > 0.0) {
                    Some(st) => {
                        st.0 = st.0.min(w.bbox.x0);
                        st.1 = st.1.max(w.bbox.x1);
                        st.2.push(w.clone());
                    }
                    None => stacks.push((w.bbox.x0, w.bbox.x1, vec![w.clone()])),
                },
            }
        }
    }
    names.extend(stacks.into_iter().map(|(x0, _, words)| (x0, words)));
    names.sort_by(|a, b| a.0.total_cmp(&b.0));
    names.into_iter().flat_map(|(_, words)| join_hyphenated(words)).filter(|w| !is_ruling(w)).collect()
}

/// Joins a word that ends in a hyphen with the lower-case word after it
/// ("Positions-" + "betrag" = "Positionsbetrag").
fn join_hyphenated(words: Vec<Word>) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for w in words {
        match out.last_mut() {
            Some(prev)
                if prev.text.len() > 1
                    && prev.text.ends_with('-')
                    && w.text.chars().next().is_some_and(char::is_lowercase) =>
            {
                prev.text.pop();
                prev.text.push_str(&w.text);
                prev.bbox = prev.bbox.union(w.bbox);
            }
            _ => out.push(w),
        }
    }
    out
}

/// The widest gap, in word heights, between two words of one column name.
const WORD_SPACE: f32 = 0.8;

/// A word that is only a table's ruling as OCR reads it: bars and brackets.
fn is_ruling(w: &Word) -> bool {
    w.text.chars().all(|c| matches!(c, '|' | '¦' | '[' | ']' | '!'))
}

/// The columns named on a header line, from the positions of the names.
fn columns(words: &[Word], ocr: bool) -> Vec<Column> {
    let mut out: Vec<Column> = Vec::new();
    // Left edge of unnamed words that lead into the next name ("Prekių
    // (paslaugų) pavadinimas"): they widen that column, not the one before.
    let mut lead: Option<f32> = None;
    // The columns headed by a word that names none.
    let mut unknown: Vec<usize> = Vec::new();
    // The last word read was a slash that joined the name before it.
    let mut slash = false;
    let mut i = 0;
    while i < words.len() {
        let after_slash = std::mem::take(&mut slash);
        // A name never spans a column's gap ("Vnt.      Kaina" are two
        // columns, though "vnt. kaina" names one).
        let gapped = |(a, b): (&Word, &Word)| {
            let same_line = b.bbox.y0 < a.bbox.y1 && a.bbox.y0 < b.bbox.y1;
            same_line && b.bbox.x0 - a.bbox.x1 > a.bbox.height() * NAME_GAP
        };
        let end = words[i..].windows(2).position(|p| gapped((&p[0], &p[1]))).map_or(words.len(), |k| i + k + 1);
        let tail = words[i..end].iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        let hit = column_label(&tail, ocr);
        match hit {
            Some(h) => {
                let n = h.label.text.split_whitespace().count().max(1).min(words.len() - i);
                // A name with a number right after it ("CRO No: 595754", a
                // sidebar's line beside the header) is a label and its
                // value, not a column's name.
                if let Some(next) = words.get(i + n)
                    && next.text.chars().filter(char::is_ascii_digit).count() >= 3
                    && next.bbox.x0 - words[i + n - 1].bbox.x1 < words[i].bbox.height() * 1.1
                {
                    lead = None;
                    i += n + 1;
                    continue;
                }
                let bbox = words[i..i + n].iter().fold(words[i].bbox, |b, w| b.union(w.bbox));
                let x0 = lead.take().map_or(bbox.x0, |l| l.min(bbox.x0));
                let stacked = |c: &Column| {
                    let w = &words[i];
                    w.bbox.x0 < c.x1 && c.x0 < w.bbox.x1 && !(w.bbox.y0 < c.y1 && c.y0 < w.bbox.y1)
                };
                // A known name stacked with a word kvitas does not know
                // ("Mat." over "vnt.") names that word's column.
                if let Some(k) = unknown.iter().position(|&k| stacked(&out[k])) {
                    let c = &mut out[unknown.swap_remove(k)];
                    (c.role, c.x0, c.x1) = (h.label.role, c.x0.min(bbox.x0), c.x1.max(bbox.x1));
                    i += n;
                    continue;
                }
                match out.last_mut() {
                    // A name stacked over or under the one before ("Preis/"
                    // over "Einheit") is part of it.
                    Some(c) if stacked(c) => c.x1 = c.x1.max(bbox.x1),
                    // Two names of the description joined by a slash
                    // ("Prekės /  pavadinimas") name one column.
                    Some(c)
                        if c.role == Role::ColDescription && h.label.role == Role::ColDescription && after_slash =>
                    {
                        c.x1 = c.x1.max(bbox.x1)
                    }
                    // Of two descriptions a column apart ("Item  Item
                    // description"), the first names the article number.
                    Some(c)
                        if c.role == Role::ColDescription
                            && h.label.role == Role::ColDescription
                            && x0 - c.x1 > words[i].bbox.height() =>
                    {
                        c.role = Role::ColCode;
                        out.push(Column { role: h.label.role, x0, x1: bbox.x1, y0: bbox.y0, y1: bbox.y1 });
                    }
                    // A second name for the same column ("Kaina, EUR") widens
                    // it; set far apart, it names a column of its own.
                    Some(c) if c.role == h.label.role && x0 - c.x1 <= words[i].bbox.height() * UNNAMED_GAP => {
                        c.x1 = bbox.x1
                    }
                    _ => out.push(Column { role: h.label.role, x0, x1: bbox.x1, y0: bbox.y0, y1: bbox.y1 }),
                }
                i += n;
            }
            None => {
                let w = &words[i];
                // (On the same line: a word under a name does not lead into the next.)
                let close_to_next = words.get(i + 1).is_some_and(|n| {
                    n.bbox.x0 - w.bbox.x1 < w.bbox.height() * 1.1 && n.bbox.y0 < w.bbox.y1 && w.bbox.y0 < n.bbox.y1
                });
                let far = |gap: f32| gap > w.bbox.height() * UNNAMED_GAP;
                let alone = out.last().is_some_and(|c| far(w.bbox.x0 - c.x1));
                if close_to_next {
                    lead = Some(lead.map_or(w.bbox.x0, |l| l.min(w.bbox.x0)));
                } else if alone {
                    // A name standing apart that kvitas does not know (or OCR
                    // misread) heads a column of its own; which one, its cells
                    // tell (see `name_unnamed`).
                    unknown.push(out.len());
                    out.push(Column {
                        role: Role::ColCode,
                        x0: w.bbox.x0,
                        x1: w.bbox.x1,
                        y0: w.bbox.y0,
                        y1: w.bbox.y1,
                    });
                } else if let Some(c) = out.last_mut() {
                    // Words that name no column ("EUR", "%") belong to the one before.
                    c.x1 = c.x1.max(w.bbox.x1);
                    slash = w.text == "/";
                }
                i += 1;
            }
        }
    }
    // Two price columns and no amount column ("Stk. pris" … "Pris"): the one
    // further right is the line amount.
    if !out.iter().any(|c| c.role == Role::ColNetAmount)
        && out.iter().filter(|c| c.role == Role::ColUnitPrice).count() >= 2
        && let Some(last) = out.iter_mut().rev().find(|c| c.role == Role::ColUnitPrice)
    {
        last.role = Role::ColNetAmount;
    }
    out
}

/// Words of one column's name stand less than this many times their height
/// apart.
const NAME_GAP: f32 = 1.5;

/// A header word this many times its height clear of its neighbours stands
/// for a column of its own.
const UNNAMED_GAP: f32 = 3.0;

/// A column whose name kvitas did not read holds units when most of the first
/// rows print a unit-like word in it ("vnt.", "m²", "kompl.") and the table
/// has no unit column: a word, short, with no digits but a power sign.
/// Otherwise it stays an unnamed column, whose words stay out of the
/// description.
fn name_unnamed(ctx: &Context<'_>, page: u32, header: usize, columns: &mut [Column]) {
    if columns.iter().any(|c| c.role == Role::ColUnit) {
        return;
    }
    let Some(p) = ctx.doc.pages.get(page as usize - 1) else { return };
    let rows: Vec<&crate::document::Line> = p.lines.iter().skip(header + 1).take(UNNAMED_REACH).collect();
    // A VAT rate column whose cells hold words and no figures was misnamed
    // too ("Mat. vnt." read as "Vat.").
    for c in columns.iter_mut().filter(|c| matches!(c.role, Role::ColCode | Role::ColVatRate)) {
        let cells: Vec<Vec<&Word>> = rows
            .iter()
            // (A word's middle tells its cell: a long description may reach
            // a little into the next column.)
            .map(|l| {
                l.words.iter().filter(|w| (c.x0..=c.x1).contains(&((w.bbox.x0 + w.bbox.x1) / 2.0))).collect::<Vec<_>>()
            })
            .filter(|ws| !ws.is_empty())
            .collect();
        let units = cells.iter().filter(|ws| ws.len() == 1 && is_unit_word(&ws[0].text)).count();
        // Rates print figures; a unit may be read as one now and then ("l"
        // as "1"), not in a third of the rows.
        let figures = cells.iter().filter(|ws| ws.iter().any(|w| w.text.chars().any(|ch| ch.is_ascii_digit()))).count();
        if c.role == Role::ColVatRate && figures * 3 >= cells.len() {
            continue;
        }
        if units >= 2 && units * 3 >= cells.len() * 2 {
            c.role = Role::ColUnit;
            return;
        }
    }
}

/// A unit column whose name was not read: in most of the first rows, a
/// single unit word stands well clear after the description's text and
/// before the next named column ("Scaffolding hire        week   3").
fn unnamed_unit_column(ctx: &Context<'_>, page: u32, header: usize, columns: &mut Vec<Column>) {
    if columns.iter().any(|c| c.role == Role::ColUnit) {
        return;
    }
    let Some(d) = columns.iter().find(|c| c.role == Role::ColDescription).cloned() else { return };
    let Some(next) = columns.iter().map(|c| c.x0).filter(|x| *x > d.x1).reduce(f32::min) else { return };
    let Some(p) = ctx.doc.pages.get(page as usize - 1) else { return };
    let mut spans: Vec<(f32, f32)> = Vec::new();
    let mut rows = 0;
    for l in p.lines.iter().skip(header + 1).take(UNNAMED_REACH) {
        let words: Vec<&Word> = l.words.iter().filter(|w| w.bbox.x0 >= d.x0 && w.bbox.x1 < next).collect();
        let [.., before, last] = words[..] else { continue };
        rows += 1;
        let clear = last.bbox.x0 - before.bbox.x1 > last.bbox.height() * 3.0;
        if clear && is_unit_word(&last.text) {
            spans.push((last.bbox.x0, last.bbox.x1));
        }
    }
    if spans.len() >= 2 && spans.len() * 3 >= rows * 2 {
        let x0 = spans.iter().map(|s| s.0).fold(f32::INFINITY, f32::min);
        let x1 = spans.iter().map(|s| s.1).fold(f32::NEG_INFINITY, f32::max);
        // The description's name may have been read wide over the unit's
        // place ("Item description" joined by a misread "tM").
        for c in columns.iter_mut().filter(|c| c.role == Role::ColDescription) {
            c.x1 = c.x1.min(x0 - 1.0);
        }
        columns.push(Column { role: Role::ColUnit, x0, x1, y0: d.y0, y1: d.y1 });
    }
}

/// A word that may be a unit: a few letters, maybe a power or a slash
/// ("vnt.", "m²", "kg", "h/md").
fn is_unit_word(t: &str) -> bool {
    let t = t.trim_end_matches('.');
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    (1..=8).contains(&letters)
        && t.chars().all(|c| c.is_alphabetic() || "²³23/".contains(c))
        && t.chars().next().is_some_and(char::is_alphabetic)
}

/// How many lines under a header are looked at for an amount column whose
/// name was not read.
const UNNAMED_REACH: usize = 6;

/// A header whose last name was not read (white on a dark band, cut by OCR)
/// leaves the rows' amounts right of every named column: where two or more
/// of the first rows print a number there, it is the amount column.
fn unnamed_amount_column(ctx: &Context<'_>, page: u32, header: usize, columns: &mut Vec<Column>) {
    if columns.iter().any(|c| c.role == Role::ColNetAmount) {
        return;
    }
    let Some(right) = columns.iter().map(|c| c.x1).reduce(f32::max) else { return };
    let Some(p) = ctx.doc.pages.get(page as usize - 1) else { return };
    let mut spans: Vec<(f32, f32)> = Vec::new();
    for line in p.lines.iter().skip(header + 1).take(UNNAMED_REACH) {
        let beyond: Vec<&Word> =
            line.words.iter().filter(|w| w.bbox.x0 > right && !amounts_in(&w.text, ctx.hint).is_empty()).collect();
        if let (Some(first), Some(last)) = (beyond.first(), beyond.last()) {
            spans.push((first.bbox.x0, last.bbox.x1));
        }
    }
    if spans.len() >= 2 {
        let x0 = spans.iter().map(|s| s.0).fold(f32::INFINITY, f32::min);
        let x1 = spans.iter().map(|s| s.1).fold(f32::NEG_INFINITY, f32::max);
        let (y0, y1) = p.lines.get(header).map_or((0.0, 0.0), |l| (l.bbox.y0, l.bbox.y1));
        columns.push(Column { role: Role::ColNetAmount, x0, x1, y0, y1 });
    }
}

/// The column a word belongs to: the one its box overlaps most; otherwise the
/// nearest, by right edges for numbers (they are right-aligned) and by left
/// edges for text.
fn column_of<'a>(columns: &'a [Column], w: &Word) -> Option<&'a Column> {
    let overlap = |c: &Column| c.overlap(w.bbox).max(0.0);
    if let Some(c) = columns.iter().filter(|c| overlap(c) > 0.0).max_by(|a, b| overlap(a).total_cmp(&overlap(b))) {
        return Some(c);
    }
    let numeric = w.text.chars().any(|c| c.is_ascii_digit());
    let distance = |c: &Column| if numeric { (c.x1 - w.bbox.x1).abs() } else { (c.x0 - w.bbox.x0).abs() };
    columns.iter().min_by(|a, b| distance(a).total_cmp(&distance(b)))
}

/// Reads rows below the header at (`page`, `line`) until the totals. A table
/// that runs to the foot of its page goes on at the top of the next one when
/// an item row comes within its first few lines (running headers aside),
/// with the same columns.
fn rows(ctx: &Context<'_>, page: u32, header: usize, columns: &[Column], items: &mut Vec<Item>, used: &mut TableLines) {
    let ocr = ctx.ocr_pages.contains(&page);
    let mut open: Option<usize> = None; // index in `items` of the row wrapped text joins
    let mut pending: Option<(Item, Option<Fragment>)> = None; // a row waiting for its amount on the next line
    let first = items.len();
    // The description lines of each row read, by row from `first`.
    let mut fragments: Vec<Vec<Fragment>> = Vec::new();
    // The lines of text alone since the last row, and the row (by index in
    // `items`) they were taken to continue.
    let mut since_row: (Vec<Fragment>, Option<usize>) = (Vec::new(), None);
    // Those of them that continue no row: the table's only if a row of
    // figures alone below claims them as its name.
    let mut unclaimed: Vec<(u32, usize)> = Vec::new();
    // Numbers wholly left of the first named column stand in a column whose
    // name was not read (a row number, an article code).
    let first_x0 = columns.iter().map(|c| c.x0).fold(f32::INFINITY, f32::min);
    let unnamed = |w: &Word| w.bbox.x1 < first_x0 && w.text.chars().any(|c| c.is_ascii_digit());
    // Text in a column of the page beside the table (a sidebar with the
    // customer and the invoice's details) is no part of it.
    let margin = margin_edge(ctx, page, header, columns);
    let beside = |x1: f32| margin.is_some_and(|edge| x1 < edge);
    let has_amount_column = columns.iter().any(|c| c.role == Role::ColNetAmount);
    let (mut page, mut start) = (page, header + 1);
    let mut last_y = ctx.doc.pages.get(page as usize - 1).and_then(|p| p.lines.get(header)).map(|l| l.bbox.y1);
    while let Some(p) = ctx.doc.pages.get(page as usize - 1) {
        let lh = ctx.layout.line_height(page);
        // On a page the table goes on to, nothing is read until its first row.
        let mut waiting = start == 0;
        let mut skipped = 0;
        let mut ended = false;
        for (n, line) in p.lines.iter().enumerate().skip(start) {
            // A header (printed again on every page, maybe) starts a table of its own.
            if ctx.is_table_header(page, n) {
                ended = true;
                break;
            }
            if ctx.running.contains(&(page, n)) {
                if waiting {
                    continue;
                }
                // A running footer ends the page, not the table, when only
                // running lines follow it.
                ended = !(n..p.lines.len()).all(|k| ctx.running.contains(&(page, k)));
                break;
            }
            // OCR reads a table's ruling as bars and brackets.
            let words: Vec<&Word> =
                line.words.iter().filter(|w| !(unnamed(w) || beside(w.bbox.x1) || ocr && is_ruling(w))).collect();
            if words.is_empty() && !line.words.is_empty() && margin.is_some() {
                continue;
            }
            let cells = split_cells(columns, &words, p.unit == Unit::Cell);
            let text = |role: Role| -> Option<String> {
                let ws = &cells.iter().find(|(r, _)| *r == role)?.1;
                (!ws.is_empty()).then(|| ws.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "))
            };
            let fragment = cells.iter().find(|(r, _)| *r == Role::ColDescription).and_then(|(_, ws)| Fragment::of(ws));
            let row = parse_row(ctx, &text, has_amount_column);
            // A totals word without a figure before the first row is more
            // of the header ("ohne USt."), not the end of the table; nor is
            // one in a row whose quantity × price gives its amount (a unit
            // "vnt." that OCR read as "vat.").
            let figures = line.words.iter().any(|w| w.text.chars().any(|c| c.is_ascii_digit()));
            let adds_up = row.as_ref().is_some_and(|i| confidence(i) >= UNVERIFIED_MAX);
            if last_y.is_some_and(|y| line.bbox.y0 - y > lh * 3.5)
                || (ends_table(ctx, page, n) && (figures || items.len() > first) && !adds_up)
            {
                ended = true;
                break;
            }
            // Nor is a line over the table's header printed again a few
            // lines down ("Aagaard ApS   Fakturanummer 75523 – fortsat"): the
            // page's running head, even where its figures fit the columns.
            let header_follows = || (n + 1..=n + RESUME_REACH).any(|k| ctx.is_table_header(page, k));
            if waiting && (row.is_none() || header_follows()) {
                // Header lines or a note carried over; a table that does not
                // resume within a few lines, or a line naming columns of a
                // table of its own ("Art  Basisbetrag  Steuer  Betrag"), ends it.
                skipped += 1;
                let names = ctx.layout.on_line(page, n).filter(|s| column_label(&s.text, ocr).is_some()).count();
                if skipped > RESUME_REACH || names >= 2 {
                    ended = true;
                    break;
                }
                continue;
            }
            waiting = false;
            // A line wholly left of the table's first column stands in a
            // column of the page beside it (a sidebar's e-mail address, the
            // customer's block under a one-row table): no part of the
            // table, though a line in its place all the same (text after
            // it may still be set apart by a blank line).
            if row.is_none() && line.words.iter().all(|w| w.bbox.x1 < first_x0) {
                last_y = Some(line.bbox.y1);
                continue;
            }
            // A blank line's height or more since the table's line above.
            let set_apart = last_y.is_some_and(|y| line.bbox.y0 - y > lh);
            last_y = Some(line.bbox.y1);
            let edge = margin.unwrap_or(f32::NEG_INFINITY);
            if row.is_some() {
                used.rows.insert((page, n), edge);
            }
            match row {
                // A running total carried over a page break is no item, nor
                // is text after it more of one.
                Some(item) if carried(ocr, &item, items) => {
                    since_row = (Vec::new(), None);
                    unclaimed.clear();
                    open = None;
                }
                Some(mut item) => {
                    let mut lines: Vec<Fragment> = fragment.into_iter().collect();
                    // The amount of a row printed a line lower, alone or
                    // beside the rest of its description ("Trennblätter A4
                    // 9,90  20 Stk  19 %" over "198,00").
                    if let Some((p, above)) = pending.take()
                        && item.unit_price.is_none()
                        && item.quantity.is_none()
                    {
                        item = Item { net_amount: item.net_amount, vat_rate: p.vat_rate.or(item.vat_rate), ..p };
                        lines = above.into_iter().chain(lines).collect();
                    }
                    // A row of figures alone ("1,631 kg   1,54   2,51") is
                    // the item named on the lines of text right above it
                    // ("Bananai"), not more of the row before them.
                    let (texts, taken_by) = std::mem::take(&mut since_row);
                    let loose = std::mem::take(&mut unclaimed);
                    if lines.is_empty() && item.description.is_none() && !texts.is_empty() {
                        used.rows.extend(loose.into_iter().map(|at| (at, edge)));
                        if let Some(i) = taken_by {
                            let before = &mut fragments[i - first];
                            before.truncate(before.len().saturating_sub(texts.len()));
                        }
                        lines = texts;
                    }
                    if ocr {
                        restore_separators(&mut item, text(Role::ColQuantity).as_deref());
                    }
                    if item.quantity.is_none() {
                        let figures: Vec<&Word> = cells
                            .iter()
                            .filter(|(r, _)| matches!(r, Role::ColUnitPrice | Role::ColNetAmount | Role::ColVatRate))
                            .flat_map(|(_, ws)| ws.iter().copied())
                            .collect();
                        let rest = line.words.iter().filter(|w| !figures.iter().any(|f| std::ptr::eq(*f, *w)));
                        item.quantity = quantity_by_product(&item, rest);
                    }
                    item.page = page;
                    item.bbox = Some(line.bbox);
                    items.push(item);
                    fragments.push(lines);
                    open = Some(items.len() - 1);
                }
                None => {
                    // A row with description and price but its amount on the next line.
                    pending = parse_row(ctx, &text, false)
                        .filter(|i| i.description.is_some() && i.unit_price.is_some())
                        .map(|i| (i, fragment.clone()));
                    if pending.is_some() {
                        used.rows.insert((page, n), edge);
                        continue;
                    }
                    // A line with only text continues the description above
                    // it (or names a row of figures alone below it); a line
                    // that gives a named detail ("GTIN: 4012345001235",
                    // "Bruttopreis : 9,90") is a note on the item, not more of it.
                    let described = fragment.is_some();
                    let fragment = fragment.map(|f| run_on(&cells, &words).unwrap_or(f));
                    // A description does not wrap over a blank line: text
                    // set apart below the rows is a note under the table
                    // ("Thank you for your business.").
                    if set_apart && since_row.0.is_empty() {
                        open = None;
                    }
                    match fragment.filter(|f| !is_detail(&f.text)) {
                        Some(more) => {
                            since_row.0.push(more.clone());
                            since_row.1 = open;
                            if let Some(i) = open {
                                fragments[i - first].push(more);
                                used.rows.insert((page, n), edge);
                            } else {
                                unclaimed.push((page, n));
                                used.notes.insert((page, n), edge);
                            }
                        }
                        None => {
                            used.rows.insert((page, n), edge);
                            since_row = (Vec::new(), None);
                            unclaimed.clear();
                            if !described {
                                open = None;
                            }
                        }
                    }
                }
            }
        }
        if ended || page as usize >= ctx.doc.pages.len() {
            break;
        }
        (page, start, last_y) = (page + 1, 0, None);
    }
    // Descriptions wrap before the column to their right.
    let next = columns
        .iter()
        .find(|c| c.role == Role::ColDescription)
        .and_then(|d| columns.iter().filter(|c| c.x0 > d.x1).map(|c| c.x0).min_by(f32::total_cmp));
    join_wrapped(&mut items[first..], &fragments, next);
    if ocr {
        restore_cents(&mut items[first..]);
        items[first..].iter_mut().for_each(mend_scanned);
        // A cell OCR left empty in a column the table has (once the money
        // has its cents back).
        let named = |role: Role| columns.iter().any(|c| c.role == role);
        let (quantities, prices) = (named(Role::ColQuantity), named(Role::ColUnitPrice));
        for item in &mut items[first..] {
            work_out(item, quantities, prices);
        }
    }
}

/// True for a row of an amount alone that carries the items' running total
/// over a page break ("Carried forward  30 107,89" under a page's rows,
/// "Perkelta" over the next page's): its amount is the sum of all the items
/// read before it (two or more), or its description is a carried total's
/// label and its amount is larger than any of theirs (a figure of the sum
/// may be misread on a scan; a fee named like the label, "Transport
/// 150,00", is smaller than the items it follows).
fn carried(ocr: bool, row: &Item, before: &[Item]) -> bool {
    let Some(amount) = row.net_amount else { return false };
    if row.quantity.is_some() || row.unit_price.is_some() || before.is_empty() {
        return false;
    }
    let sum = before.iter().try_fold(Decimal::ZERO, |s, i| s.checked_add(i.net_amount?));
    if before.len() >= 2 && sum == Some(amount) {
        return true;
    }
    let labelled = row.description.as_deref().is_some_and(|d| {
        label_hit(d, ocr).is_some_and(|h| {
            h.label.role == Role::CarriedForward && d.get(h.rest..).is_some_and(|rest| rest.trim().is_empty())
        })
    });
    labelled && before.iter().all(|i| i.net_amount.is_none_or(|a| a.abs() < amount.abs()))
}

/// Mends what OCR commonly does to an item's text: a speck run into the
/// description's first word, a litre's "l" read as a one, a unit with a
/// letter misread ("pes" for "pcs").
pub(super) fn mend_scanned(item: &mut Item) {
    if let Some(d) = item.description.as_mut() {
        if let Some(rest) = after_leading_speck(d) {
            *d = rest.to_owned();
        }
        // A lone character a column gap after the words ("Avocado Toast   K"):
        // a speck at the paper's edge.
        if let Some((head, last)) = d.rsplit_once("   ")
            && last.trim().chars().count() == 1
            && !head.trim().is_empty()
        {
            *d = head.trim_end().to_owned();
        }
        if let Some(head) = litre_read_as_one(d) {
            *d = format!("{head} l");
        }
    }
    if let Some(u) = item.unit.as_mut()
        && let Some(printed) = lexicon().unit_as_printed(u)
        && printed != u.as_str()
    {
        *u = printed.to_owned();
    }
}

/// A description read by OCR that ends in a measure in litres whose "l"
/// was read as a one ("Kefyras 1 1", "Pienas 2,5 % 1 1"): the text before
/// that one. A figure alone after a figure is no quantity of anything.
fn litre_read_as_one(text: &str) -> Option<&str> {
    let head = text.strip_suffix(" 1")?;
    let number = head.rsplit(' ').next()?;
    let figure = number.starts_with(|c: char| c.is_ascii_digit()) && crate::ocr_fix::is_figures(number);
    figure.then_some(head)
}

/// A text read by OCR after a speck or a ruling run into its first word
/// ("[Programinės", "‘Printed", "_Washing", "+Smėlio g.", "-Nørrebro"): the
/// text after it. A bracket or quotation mark closed further on is the
/// text's own.
pub(super) fn after_leading_speck(text: &str) -> Option<&str> {
    let mut chars = text.chars();
    let first = chars.next()?;
    let rest = chars.as_str();
    let closed = match first {
        '[' => rest.contains(']'),
        '‘' => rest.contains('’'),
        '|' | '_' | '+' | '-' | '–' | '.' | ',' => false,
        _ => return None,
    };
    (!closed && rest.starts_with(char::is_alphabetic)).then_some(rest)
}

/// The quantity of a row whose quantity column was not found: a number
/// printed on the row (outside its price, amount and rate) that times the
/// unit price gives the amount ("400,00" under "#" with 0,79 and 316,00). A
/// bare "1" is more likely the row's number than its quantity.
fn quantity_by_product<'w>(item: &Item, words: impl Iterator<Item = &'w Word>) -> Option<Decimal> {
    let (price, amount) = (item.unit_price?, item.net_amount?);
    if price.is_zero() {
        return None;
    }
    words.filter_map(|w| parse_quantity(&w.text).map(|q| (q, w.text.as_str()))).find_map(|(q, text)| {
        let ordinal = q == Decimal::ONE && text.chars().all(|c| c.is_ascii_digit());
        (!q.is_zero() && !ordinal && super::vat::line_amount(q, price) == Some(amount)).then_some(q)
    })
}

/// The quantity or unit price of an item whose cell OCR left empty (a lone
/// "1" is often read as nothing), where the table has that column: the
/// amount over the other, where that has no more decimals than such figures
/// are printed with and gives the amount back exactly.
fn work_out(item: &mut Item, quantities: bool, prices: bool) {
    let Some(amount) = item.net_amount.filter(|a| *a > Decimal::ZERO) else { return };
    // A discounted line's amount is no product of the other two.
    if item.discount.is_some_and(|d| !d.is_zero()) {
        return;
    }
    let over = |by: Decimal, decimals: u32| quotient(amount, by, decimals).filter(|_| by > Decimal::ZERO);
    match (item.quantity, item.unit_price) {
        (None, Some(price)) if quantities => {
            item.quantity =
                over(price, MAX_QUANTITY_DECIMALS).filter(|&q| super::vat::line_amount(q, price) == Some(amount));
            item.worked_out = item.quantity.map(|_| WorkedOut::Quantity);
        }
        (Some(quantity), None) if prices => {
            item.unit_price =
                over(quantity, MAX_PRICE_DECIMALS).filter(|&p| super::vat::line_amount(quantity, p) == Some(amount));
            item.worked_out = item.unit_price.map(|_| WorkedOut::UnitPrice);
        }
        _ => {}
    }
}

/// `amount` ÷ `by` where that is not zero and has at most `decimals`
/// decimals.
pub(super) fn quotient(amount: Decimal, by: Decimal, decimals: u32) -> Option<Decimal> {
    let q = amount.checked_div(by)?.normalize();
    (!q.is_zero() && q.scale() <= decimals).then_some(q)
}

/// Confidence of an item's number not printed, or not read, but worked out
/// from the others.
pub const WORKED_OUT: f32 = 0.6;

/// Printed quantities have at most this many decimals (kilograms to the gram).
const MAX_QUANTITY_DECIMALS: u32 = 3;

/// Printed unit prices have at most this many decimals (fuel by the litre).
const MAX_PRICE_DECIMALS: u32 = 4;

/// One line of an item's description as printed: its text, where it ends
/// and how wide its first word is.
#[derive(Debug, Clone)]
struct Fragment {
    text: String,
    x1: f32,
    first_width: f32,
    height: f32,
}

impl Fragment {
    fn of(words: &[&Word]) -> Option<Fragment> {
        let (first, last) = (words.first()?, words.last()?);
        Some(Fragment {
            text: words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" "),
            x1: last.bbox.x1,
            first_width: first.bbox.width(),
            height: first.bbox.height(),
        })
    }
}

/// Sets each item's description from its lines: a line joins the one above
/// when it was wrapped there, that is when its first word would not have
/// fitted after the line above within the widest description line of the
/// table (and left of the column after the descriptions, `next`). A line
/// that would have fitted was broken on purpose and starts a note on the item ("Physiotherapie" over "Behandlungen aufgrund der
/// Verordnung …"), which is not part of its description. A word broken at a
/// hyphen before a capital keeps the hyphen ("Beamer-" + "Deckenhalterung").
fn join_wrapped(items: &mut [Item], fragments: &[Vec<Fragment>], next: Option<f32>) {
    let widest = fragments.iter().flatten().map(|f| f.x1).fold(f32::NEG_INFINITY, f32::max);
    let right = next.map_or(widest, |x| x.min(widest));
    for (item, lines) in items.iter_mut().zip(fragments) {
        let Some((head, rest)) = lines.split_first() else { continue };
        let mut text = head.text.clone();
        let mut above = head;
        for line in rest {
            let room = right - above.x1 - line.height * (SPACE + MARGIN);
            if line.first_width < room {
                break;
            }
            let capital = line.text.starts_with(char::is_uppercase);
            let broken = text.len() > 1 && text.ends_with('-') && !text.ends_with(" -");
            if !(broken && capital) {
                text.push(' ');
            }
            text.push_str(&line.text);
            above = line;
        }
        item.description = Some(text);
    }
}

/// The description of a line of text alone that runs on over the columns
/// to its right ("Kava „Paulig Presidentti“ 500 g" over a receipt's
/// quantity and price): its words in the description's cell and those
/// after them at a word's space. None when nothing runs on.
fn run_on(cells: &[(Role, Vec<&Word>)], words: &[&Word]) -> Option<Fragment> {
    let described = &cells.iter().find(|(r, _)| *r == Role::ColDescription)?.1;
    let last = described.last()?;
    let k = words.iter().position(|w| std::ptr::eq(*w, *last))?;
    let mut run: Vec<&Word> = described.clone();
    for pair in words[k..].windows(2) {
        if pair[1].bbox.x0 - pair[0].bbox.x1 > pair[0].bbox.height() {
            break;
        }
        run.push(pair[1]);
    }
    (run.len() > described.len()).then(|| Fragment::of(&run)).flatten()
}

/// A word space and the slack for boxes drawn a little wide, in text heights.
const SPACE: f32 = 0.25;
const MARGIN: f32 = 3.0;

/// A note under an item row that names what it gives: a short name starting
/// with a letter, a colon, and a value ("Verpackung : Flasche", "GTIN:
/// 4012345001235"; not the wrapped "(Stunde): Einer Beispielrechnung").
fn is_detail(text: &str) -> bool {
    text.split_once(':').is_some_and(|(name, value)| {
        let name = name.trim();
        name.chars().next().is_some_and(char::is_alphabetic)
            && name.split_whitespace().count() <= 2
            && !value.trim().is_empty()
    })
}

/// A row's words by column.
fn split_cells<'w>(columns: &[Column], words: &[&'w Word], char_cells: bool) -> Vec<(Role, Vec<&'w Word>)> {
    let mut cells: Vec<(Role, Vec<&Word>)> = columns.iter().map(|c| (c.role, Vec::new())).collect();
    let mut prev: Option<&Column> = None;
    for (k, &w) in words.iter().enumerate() {
        prev = cell_of(columns, words, k, prev, char_cells);
        if let Some(c) = prev
            && let Some(cell) = cells.iter_mut().find(|(r, _)| *r == c.role)
        {
            cell.1.push(w);
        }
    }
    cells
}

/// How many lines at the top of a page may come before the first row of a
/// table that goes on from the page before.
const RESUME_REACH: usize = 3;

/// The column of the `k`th word of a row (`prev`: the column of the word
/// before): where it stands, except that a percentage standing clear of
/// every column ("19 %" between the quantity and the tax column) is a VAT
/// rate, and words standing clear of every column run on a description
/// they follow closely (`char_cells`: the page is laid out in character
/// cells, where a word's space is one cell, as wide as a line is high).
fn cell_of<'a>(
    columns: &'a [Column],
    words: &[&Word],
    k: usize,
    prev: Option<&'a Column>,
    char_cells: bool,
) -> Option<&'a Column> {
    let w = words[k];
    let percent = |w: &Word| w.text == "%";
    let number = |w: &Word| w.text.chars().any(|c| c.is_ascii_digit());
    let close = |a: &Word, b: &Word| b.bbox.x0 - a.bbox.x1 <= a.bbox.height();
    // The percentage this word belongs to, as a box.
    let rate = if number(w) && w.text.ends_with('%') {
        Some(w.bbox)
    } else if number(w) && words.get(k + 1).is_some_and(|n| percent(n) && close(w, n)) {
        Some(w.bbox.union(words[k + 1].bbox))
    } else if percent(w) && k > 0 && number(words[k - 1]) && close(words[k - 1], w) {
        Some(w.bbox.union(words[k - 1].bbox))
    } else {
        None
    };
    // (Not where the rate column itself holds a figure further on: then the
    // percentage is the description's, "Sviestas 82 % 200 g".)
    if let Some(b) = rate
        && !columns.iter().any(|c| c.holds(b))
        && let Some(c) = columns.iter().find(|c| c.role == Role::ColVatRate)
        && !words[k + 1..].iter().any(|n| number(n) && c.holds(n.bbox))
    {
        return Some(c);
    }
    // A description runs on past the end of its column's name: a word clear
    // of every column that follows it at a word's space goes with it
    // ("Kursusgebyr, momsfritaget undervisning" under a short "Beskrivelse");
    // a figure only at a narrow space ("ThinkPad E14"), as a quantity set
    // close to the text ("… 19 %") is not part of it. (In character cells
    // every word space is one cell, and columns stand further apart.)
    let overlaps = columns.iter().any(|c| c.holds(w.bbox));
    if !overlaps
        && k > 0
        && let Some(c) = prev.filter(|c| c.role == Role::ColDescription)
    {
        let gap = w.bbox.x0 - words[k - 1].bbox.x1;
        // (A figure may also stand as far as the widest word space the
        // words before it on the line show: OCR's boxes leave wider spaces
        // than a PDF's, "RAM,  512GB SSD".)
        let spaces = words[..k].windows(2).map(|p| p[1].bbox.x0 - p[0].bbox.x1);
        let widest = spaces.filter(|g| *g <= w.bbox.height()).fold(0.0, f32::max);
        let space = if number(w) && !char_cells { (w.bbox.height() * 0.5).max(widest * 1.1) } else { w.bbox.height() };
        if gap <= space {
            return Some(c);
        }
    }
    column_of(columns, w)
}

/// Lines that end an item table: a totals label anywhere on the line (on
/// pages read by OCR, one with a letter misread: "Takedut Total").
fn ends_table(ctx: &Context<'_>, page: u32, line: usize) -> bool {
    let ocr = ctx.ocr_pages.contains(&page);
    ctx.layout.on_line(page, line).any(|s| {
        label_hit(&s.text, ocr).is_some_and(|h| {
            matches!(h.label.role, Role::NetTotal | Role::GrossTotal | Role::VatTotal | Role::Tip | Role::GoodsTotal)
        })
    })
}

/// Where a column of the page beside an item table ends: words ending left
/// of it stand beside the table, not in it. The table's descriptions start
/// where its rows' descriptions start (the first quarter of the rows with
/// an amount before the totals: an item indented under another does not
/// move it); a sidebar's text ends more than a line's height left of that.
/// The header is no guide: its column names may be centred, and a sidebar's
/// words on its line read as the start of the first name. None for a table
/// without a description or an amount column, or with fewer than two rows.
fn margin_edge(ctx: &Context<'_>, page: u32, header: usize, columns: &[Column]) -> Option<f32> {
    let described = columns.iter().find(|c| c.role == Role::ColDescription)?;
    let amount = columns.iter().find(|c| c.role == Role::ColNetAmount)?;
    let lines = &ctx.doc.pages.get(page as usize - 1)?.lines;
    let mut starts: Vec<f32> = Vec::new();
    for (n, line) in lines.iter().enumerate().skip(header + 1) {
        if ctx.is_table_header(page, n) || ends_table(ctx, page, n) {
            break;
        }
        let priced = line.words.iter().any(|w| amount.holds(w.bbox) && w.text.chars().any(|c| c.is_ascii_digit()));
        // Where the row's description starts: its last run of words with
        // letters (set apart from others by a column's gap) that starts
        // left of the end of the descriptions' column name.
        let start = ctx
            .layout
            .on_line(page, n)
            .filter(|s| s.text.chars().any(char::is_alphabetic) && s.bbox.x0 < described.x1)
            .map(|s| s.bbox.x0)
            .max_by(f32::total_cmp);
        if let (true, Some(x)) = (priced, start) {
            starts.push(x);
        }
    }
    if starts.len() < 2 {
        return None;
    }
    starts.sort_by(f32::total_cmp);
    Some(starts[(starts.len() - 1) / 4] - ctx.layout.line_height(page))
}

/// A row's cells read as an item; `None` when the row has no amount or
/// quantity (a wrapped description line, or a note).
fn parse_row(ctx: &Context<'_>, text: &dyn Fn(Role) -> Option<String>, has_amount_column: bool) -> Option<Item> {
    let amount = |role| {
        let t = text(role)?;
        let last = |t: &str| amounts_in(t, ctx.hint).last().map(|m| m.value);
        last(&t).or_else(|| last(&colon_cents(&t)?))
    };
    let net_amount = amount(Role::ColNetAmount);
    let mut unit_price = amount(Role::ColUnitPrice);
    // Two figures in the amount's cell: the name of the price column before
    // it was misread into the amount's, and the first figure is the price.
    if unit_price.is_none()
        && let Some(t) = text(Role::ColNetAmount)
        && let [.., price, _] = &amounts_in(&t, ctx.hint)[..]
    {
        unit_price = Some(price.value);
    }
    let (quantity, mut unit_in_qty) = match text(Role::ColQuantity) {
        Some(t) => split_quantity(&t),
        None => (None, None),
    };
    // A number after the quantity is no unit: where the price column's name
    // was not read, its figures join the quantity's cell ("1  62147").
    if let Some(rest) = unit_in_qty.as_deref().filter(|r| r.starts_with(|c: char| c.is_ascii_digit())) {
        if unit_price.is_none() {
            unit_price = amounts_in(rest, ctx.hint).first().map(|m| m.value);
        }
        unit_in_qty = None;
    }
    // Where there is an amount column, an item has an amount in it.
    if net_amount.is_none() && (unit_price.is_none() || has_amount_column) {
        return None;
    }
    let description = text(Role::ColDescription);
    let mut unit = text(Role::ColUnit).filter(|u| !u.chars().all(|c| c.is_ascii_digit())).or(unit_in_qty);
    // The price's figures run into the unit's cell ("vnt. 33,56": the two
    // columns' words read as one): they are the price where the quantity
    // times them is the amount.
    if unit_price.is_none()
        && let (Some(u), Some(q), Some(a)) = (unit.as_deref(), quantity, net_amount)
        && let Some((name, price)) = u.rsplit_once(' ')
        && let [m] = &amounts_in(price, ctx.hint)[..]
        && m.start == 0
        && m.end == price.len()
        && super::vat::line_amount(q, m.value) == Some(a)
    {
        unit_price = Some(m.value);
        unit = Some(name.trim_end().to_owned());
    }
    let vat_rate = text(Role::ColVatRate).and_then(|t| {
        let figures = t.trim_end_matches('%').trim();
        let ocr = !ctx.ocr_pages.is_empty();
        // No rate is above 100 % nor printed with a leading zero: on a page
        // read by OCR, such figures are a rate whose "%" was read as figures
        // ("2596", "04").
        let misread =
            ocr && figures.parse::<u32>().is_ok_and(|v| v > 100 || figures.len() > 1 && figures.starts_with('0'));
        // Nor does any rate have two decimals: "13.54" is "13.5%" misread.
        let tenths = ocr
            && figures.split_once(['.', ',']).is_some_and(|(_, d)| d.len() == 2)
            && figures.ends_with(['4', '6', '9']);
        let mended = if tenths {
            Some(&figures[..figures.len() - 1])
        } else if misread {
            super::vat::rate_before_misread_percent(figures)
        } else {
            // The sign read as a figure a space apart ("25 6").
            ocr.then(|| super::vat::rate_before_percent_read_apart(figures)).flatten()
        };
        rates_in(&t).first().map(|r| r.rate).or_else(|| parse_quantity(mended.unwrap_or(figures)))
    });
    // A discount column's cell: a percentage or an amount; a dash or
    // nothing where the line has none.
    let discount = text(Role::ColDiscount).and_then(|t| parse_quantity(t.trim_end_matches('%').trim()));
    Some(Item { description, quantity, unit, unit_price, net_amount, vat_rate, discount, ..Item::default() })
}

/// True when `quantity` × `price`, less the row's `discount` where it has
/// one (a percentage, or else an amount), is the line amount `amount`.
/// (A discount printed with a minus, "-10 %", is the same discount.)
pub(super) fn adds_up(quantity: Decimal, price: Decimal, amount: Decimal, discount: Option<Decimal>) -> bool {
    use super::vat::round_cents;
    let Some(exact) = quantity.checked_mul(price) else { return false };
    let full = round_cents(exact);
    if full == amount {
        return true;
    }
    let Some(d) = discount.map(|d| d.abs()).filter(|d| !d.is_zero()) else { return false };
    let hundred = Decimal::ONE_HUNDRED;
    // Per cent of the exact product or of the rounded one (invoicing
    // programs differ), or an amount off.
    let percent = |base: Decimal| {
        (d < hundred).then(|| base.checked_mul(hundred - d)).flatten().map(|v| round_cents(v / hundred))
    };
    let off = if full.is_sign_negative() { full.checked_add(d) } else { full.checked_sub(d) };
    percent(exact) == Some(amount) || percent(full) == Some(amount) || off == Some(amount)
}

/// A price or amount cell whose decimal point OCR read as a colon
/// ("236:00"), with the point put back; in such a column it is no time.
pub(super) fn colon_cents(text: &str) -> Option<String> {
    let (units, cents) = text.split_once(':')?;
    let ok =
        units.ends_with(|c: char| c.is_ascii_digit()) && cents.len() == 2 && cents.chars().all(|c| c.is_ascii_digit());
    ok.then(|| format!("{units}.{cents}"))
}

/// OCR drops small decimal separators: "621,47" comes out as "62147",
/// "0,5" as "05". Where quantity × unit price does not give the line amount
/// as read, the readings with the separator put back (two decimals for money
/// printed as a bare integer; for a quantity of two to four figures, one after
/// its leading zero or else before its last figure, then before its last two
/// or three) are tried, and the first that adds up is kept.
fn restore_separators(item: &mut Item, quantity_text: Option<&str>) {
    let (Some(p), Some(a)) = (item.unit_price, item.net_amount) else { return };
    if item.quantity.is_some_and(|q| adds_up(q, p, a, item.discount)) {
        return;
    }
    let mut quantities: Vec<Decimal> = item.quantity.into_iter().collect();
    let digits = quantity_text.and_then(|t| t.split_whitespace().next()).unwrap_or_default();
    if (2..=4).contains(&digits.len())
        && digits.chars().all(|c| c.is_ascii_digit())
        && let Ok(n) = digits.parse::<u32>()
    {
        // "05" for "0,5"; "25" for "2,5": one decimal, as quantities are
        // printed most often; then two and three ("600" for "6,00", "6191"
        // for "6,191").
        let scale = if digits.starts_with('0') { digits.len() as u32 - 1 } else { 1 };
        quantities.push(Decimal::new(i64::from(n), scale));
        let more = (scale + 1..=MAX_QUANTITY_DECIMALS).take_while(|&s| (s as usize) < digits.len());
        quantities.extend(more.map(|s| Decimal::new(i64::from(n), s)));
    }
    for &q2 in &quantities {
        for p2 in std::iter::once(p).chain(lost_cents(p)) {
            for a2 in std::iter::once(a).chain(lost_cents(a)) {
                if adds_up(q2, p2, a2, item.discount) {
                    (item.quantity, item.unit_price, item.net_amount) = (Some(q2), Some(p2), Some(a2));
                    return;
                }
            }
        }
    }
}

/// In an OCR'd table whose money is mostly printed with cents, a bare
/// integer of three or more digits lost its separator ("225" for "2,25"); it
/// is read with two decimals where quantity × price = amount still holds.
fn restore_cents(items: &mut [Item]) {
    let money: Vec<Decimal> = items.iter().flat_map(|i| [i.unit_price, i.net_amount]).flatten().collect();
    if money.iter().filter(|v| v.scale() == 2).count() * 2 <= money.len() {
        return;
    }
    let fix = |v: Option<Decimal>| v.map(|v| lost_cents(v).unwrap_or(v));
    for it in items {
        let (p, a) = (fix(it.unit_price), fix(it.net_amount));
        let holds = match (it.quantity, p, a) {
            (Some(q), Some(p), Some(a)) => adds_up(q, p, a, it.discount),
            _ => true,
        };
        if holds {
            (it.unit_price, it.net_amount) = (p, a);
        }
    }
}

/// Money printed as a bare integer of three or more digits, read with the
/// two decimals whose separator OCR may have dropped ("62147" → 621.47).
fn lost_cents(v: Decimal) -> Option<Decimal> {
    let hundred = Decimal::from(100);
    (v.scale() == 0 && v.abs() >= hundred).then(|| v / hundred)
}

/// "2 vnt." or "2,00" as quantity and the unit printed with it.
fn split_quantity(text: &str) -> (Option<Decimal>, Option<String>) {
    let mut parts = text.split_whitespace();
    let q = parts.next().and_then(parse_quantity);
    let mut rest: Vec<&str> = parts.collect();
    // A bare number after the unit stands in a column of its own whose name
    // was not read ("Stk.  1" under "VKE/Geb"), unless it is all there is.
    while rest.len() > 1 && rest.last().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit())) {
        rest.pop();
    }
    let unit = (!rest.is_empty() && q.is_some()).then(|| rest.join(" "));
    (q, unit)
}

/// Quantity × unit price = line amount supports the row; the row is confirmed
/// only when, in addition, all rows add up to the net total (see the assembly),
/// since one spurious or missing row shifts every row after it.
pub fn confidence(item: &Item) -> f32 {
    // A number worked out from the other two confirms neither.
    if item.worked_out.is_some() {
        return UNVERIFIED_MAX * 0.9;
    }
    match (item.quantity, item.unit_price, item.net_amount) {
        (Some(q), Some(p), Some(n)) if adds_up(q, p, n, item.discount) => UNVERIFIED_MAX,
        (Some(_), Some(_), Some(_)) => 0.5,
        _ => UNVERIFIED_MAX * 0.9,
    }
}
