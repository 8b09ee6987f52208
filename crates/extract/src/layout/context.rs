//! What every field finder needs: the segments, the labels found on them, and
//! the document's language and number conventions.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::lexicon::{LabelHit, Lang, Role, lexicon};
use super::segments::{Layout, Segment};
use crate::document::{Document, Line, TextSource, Word};
use crate::values::{DateOrder, DecimalHint};

/// Shared state of one extraction.
#[derive(Debug)]
pub struct Context<'a> {
    /// The document.
    pub doc: &'a Document,
    /// Its segments.
    pub layout: Layout,
    /// The label at the start of each segment, if any.
    hits: Vec<Option<LabelHit<'static>>>,
    /// The document's main language, if any labels were found.
    pub lang: Option<Lang>,
    /// How to read `1.234`.
    pub hint: DecimalHint,
    /// How to read `04/03/2025`.
    pub order: DateOrder,
    /// Lines (page, line) that are item-table header rows: their labels are
    /// column names, not field labels.
    pub table_headers: HashSet<(u32, usize)>,
    /// The first and last line of a header whose column names are printed
    /// over several lines ("Suma be" over "PVM, €"; "Positions-" / "betrag"
    /// / "ohne" / "USt." beside a one-line row of names), by the (page, line)
    /// of its row in `table_headers`.
    pub header_lines: HashMap<(u32, usize), (usize, usize)>,
    /// Running headers and footers: lines (page, line) printed again at the
    /// same height on another page (page numbers aside).
    pub running: HashSet<(u32, usize)>,
    /// The lines of the item tables: labels in a row are item text, not
    /// field labels; those in a note under the rows are read, but a party
    /// block beside the table takes no text from a note.
    pub tables: TableLines,
    /// Pages read by OCR, where labels may have a misread letter.
    pub ocr_pages: HashSet<u32>,
}

/// The label at the start of `text`, tolerating one misread letter in OCR text.
pub fn label_hit(text: &str, ocr: bool) -> Option<LabelHit<'static>> {
    if !ocr {
        return lexicon().label_at_start(text);
    }
    lexicon().label_at_start_lenient(text).or_else(|| {
        // A speck read as a letter before a long label ("Ė PARDAVĖJAS": the
        // corner of the box the label heads).
        let (speck, rest) = text.split_once(' ')?;
        let letter = speck.chars().count() == 1 && speck.chars().all(char::is_alphabetic);
        let mut hit = lexicon().label_at_start_lenient(rest).filter(|h| letter && h.label.text.chars().count() >= 6)?;
        hit.rest += text.len() - rest.len();
        Some(hit)
    })
}

/// How many lines above or below its row of names a header reaches.
const HEADER_REACH: usize = 3;

/// How much wider than the spacing beyond it a stacked header line may sit
/// from the header line before it.
const STACK_SLACK: f32 = 1.25;

/// Letters that only some of the languages use.
const LETTERS: &[(Lang, &str)] =
    &[(Lang::Lt, "ąčęėįšųūž"), (Lang::Da, "æøå"), (Lang::De, "äöüß"), (Lang::Fr, "éèêàçô")];

/// True for a language that writes letters the others here do not ("æøå").
pub fn has_own_letters(lang: Lang) -> bool {
    LETTERS.iter().any(|(l, _)| *l == lang)
}

/// A printed line of the document as one text (its segments a column gap
/// apart), where it is, and the label it opens with; read so by the item
/// readers that work without column names.
pub(super) struct Row {
    pub(super) text: String,
    pub(super) page: u32,
    pub(super) bbox: crate::document::BBox,
    /// The role of the label that opens the line (one letter may be
    /// misread on a scan).
    pub(super) role: Option<Role>,
}

impl<'a> Context<'a> {
    /// Builds the context of a document.
    pub fn new(doc: &'a Document) -> Context<'a> {
        let layout = Layout::of(doc);
        let ocr_pages: HashSet<u32> =
            doc.pages.iter().filter(|p| p.source == TextSource::Ocr).map(|p| p.number).collect();
        let mut hits: Vec<Option<LabelHit<'static>>> =
            layout.segments.iter().map(|s| label_hit(&s.text, ocr_pages.contains(&s.page))).collect();
        // A short label word that opens the value of a label to its left
        // ("Mandatsreferenz d. Lastschrift:  REF A-123") is part of that value.
        for (pair, hit) in layout.segments.windows(2).zip(hits.iter_mut().skip(1)) {
            let [prev, seg] = pair else { continue };
            // (Not one in a column of its own far to the right: "Bank:  …  VAT 20%".)
            let near = seg.bbox.x0 - prev.bbox.x1 < layout.line_height(seg.page) * 8.0;
            let value_of_left =
                prev.page == seg.page && prev.line == seg.line && near && prev.text.trim_end().ends_with(':');
            if value_of_left
                && hit
                    .as_ref()
                    .is_some_and(|h| h.label.text.chars().count() <= 3 && !seg.text[h.rest..].trim().is_empty())
            {
                *hit = None;
            }
        }
        let lang = detect_language(&layout.segments, &hits);
        let hint = match lang {
            Some(Lang::En) => DecimalHint::Dot,
            Some(_) => DecimalHint::Comma,
            None => DecimalHint::Unknown,
        };
        // Numeric dates are read day first unless the document's own dates
        // that read only one way ("11/17/2017") say otherwise.
        let all: String = layout.segments.iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("\n");
        let order = crate::values::infer_date_order(&all).unwrap_or(DateOrder::DayFirst);
        let mut ctx = Context {
            doc,
            layout,
            hits,
            lang,
            hint,
            order,
            table_headers: HashSet::new(),
            header_lines: HashMap::new(),
            running: running_lines(doc),
            tables: TableLines::default(),
            ocr_pages,
        };
        ctx.table_headers = ctx.find_table_headers();
        ctx.header_lines =
            ctx.table_headers.iter().map(|&(page, line)| ((page, line), ctx.header_extent(page, line))).collect();
        // A header line that continues the header above it heads no table of its own.
        let inner: Vec<(u32, usize)> = ctx
            .table_headers
            .iter()
            .copied()
            .filter(|&(page, line)| {
                ctx.header_lines
                    .iter()
                    .any(|(&(p, l), &(first, last))| p == page && l != line && (first..=last).contains(&line))
            })
            .collect();
        for key in inner {
            ctx.table_headers.remove(&key);
            ctx.header_lines.remove(&key);
        }
        ctx
    }

    /// True for the lines of item-table headers (every line of one printed
    /// over several).
    pub fn is_table_header(&self, page: u32, line: usize) -> bool {
        self.table_headers.contains(&(page, line))
            || self.header_lines.iter().any(|(&(p, _), &(first, last))| p == page && (first..=last).contains(&line))
    }

    /// The first and last line of the header whose row of names is `line`.
    /// Lines below it continue the names when every word stands under a name
    /// of the row ("PVM, €" under "Suma be"), or carry names of their own
    /// when every word stands clear of the row's names ("ohne" / "USt." right
    /// of "… Menge  USt."); lines above may do both at once. Any such
    /// line has no digits, is not a header or running line itself, follows
    /// the line before it within a line's height, and sits closer to the
    /// header than to the line beyond it; or, for lines below, the first row
    /// sits further below them than they sit from each other.
    fn header_extent(&self, page: u32, line: usize) -> (usize, usize) {
        let Some(lines) = self.doc.pages.get(page as usize - 1).map(|p| &p.lines) else { return (line, line) };
        let Some(head) = lines.get(line) else { return (line, line) };
        let overlaps = |w: &Word| head.words.iter().any(|h| h.bbox.x0 < w.bbox.x1 && w.bbox.x0 < h.bbox.x1);
        let names_only = |k: usize, near: &Line, below: bool| {
            let l = &lines[k];
            let adjacent = (if below { l.bbox.y0 - near.bbox.y1 } else { near.bbox.y0 - l.bbox.y1 }) < l.bbox.height();
            let wordy = l.words.iter().all(|w| !w.text.chars().any(|c| c.is_ascii_digit()));
            // Above the row, names over the row's names and names of their
            // own may share a line ("Menge  Meng.-  Preis/" over "…
            // einheit  Einheit"); below it, where a row of text could stand,
            // a line is one or the other.
            let clear = l.words.iter().all(|w| !overlaps(w));
            let under = l.words.iter().all(overlaps);
            // A line of names that stand under the row's own continues the
            // header even where it would name columns by itself ("vnt.
            // kaina, EUR  %  PVM, EUR" under "Mat.  Vnt.  PVM,  Suma be").
            adjacent
                && wordy
                && (clear || under || !below)
                && (!self.table_headers.contains(&(page, k)) || below && under)
                && !self.running.contains(&(page, k))
        };
        let spaced = |k: usize, near: &Line, beyond: Option<&Line>| {
            let l = &lines[k];
            let gap = (l.bbox.y0 - near.bbox.y0).abs();
            // The lines next to the row must sit closer to it than to the
            // lines beyond; further lines of a stack may be spaced a little
            // more widely than the line after them.
            let slack = if k + 1 == line || k == line + 1 { 1.0 } else { STACK_SLACK };
            beyond.is_none_or(|b| gap < (b.bbox.y0 - l.bbox.y0).abs() * slack)
        };
        let within = |k: usize| k.abs_diff(line) <= HEADER_REACH;
        let (mut first, mut last) = (line, line);
        while last + 1 < lines.len()
            && within(last + 1)
            && names_only(last + 1, &lines[last], true)
            && spaced(last + 1, &lines[last], lines.get(last + 2))
        {
            last += 1;
        }
        let mut end = last;
        while end + 1 < lines.len() && within(end + 1) && names_only(end + 1, &lines[end], true) {
            end += 1;
        }
        if end > last {
            let inner = (line..end).map(|k| lines[k + 1].bbox.y0 - lines[k].bbox.y0).fold(0.0, f32::max);
            if lines.get(end + 1).is_none_or(|n| n.bbox.y0 - lines[end].bbox.y0 > inner) {
                last = end;
            }
        }
        while first > 0
            && within(first - 1)
            && names_only(first - 1, &lines[first], false)
            && spaced(first - 1, &lines[first], first.checked_sub(2).map(|b| &lines[b]))
        {
            first -= 1;
        }
        (first, last)
    }

    /// The label at the start of segment `i`, unless the segment is in an item
    /// table's header row.
    pub fn label_of(&self, i: usize) -> Option<&LabelHit<'static>> {
        let seg = self.layout.segments.get(i)?;
        let at = (seg.page, seg.line);
        if self.is_table_header(at.0, at.1) || self.in_item_row(seg) {
            return None;
        }
        self.hits.get(i)?.as_ref()
    }

    /// True when segment `s` is part of an item row (not beside its table).
    pub fn in_item_row(&self, s: &Segment) -> bool {
        TableLines::holds(&self.tables.rows, s)
    }

    /// True when segment `s` is in an item table: in a row, or a note among
    /// or under the rows.
    pub fn in_item_table(&self, s: &Segment) -> bool {
        self.in_item_row(s) || TableLines::holds(&self.tables.notes, s)
    }

    /// Every (segment index, label) outside item-table headers, in reading order.
    pub fn labels(&self) -> impl Iterator<Item = (usize, LabelHit<'static>)> + '_ {
        (0..self.layout.segments.len()).filter_map(|i| self.label_of(i).map(|h| (i, h.clone())))
    }

    /// The first segment of the line after segment `i`'s, on the same page.
    pub fn line_start_after(&self, i: usize) -> Option<usize> {
        let segs = &self.layout.segments;
        let (page, line) = (segs[i].page, segs[i].line);
        (i + 1..segs.len()).take_while(|&j| segs[j].page == page).find(|&j| segs[j].line > line)
    }

    /// The lines of the document, each as one [`Row`].
    pub(super) fn rows(&self) -> Vec<Row> {
        let segs = &self.layout.segments;
        self.layout
            .lines()
            .map(|range| {
                let (i, end) = (range.start, range.end);
                let text = segs[i..end].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("   ");
                let bbox = segs[i..end].iter().fold(segs[i].bbox, |b, s| b.union(s.bbox));
                let role = self.label_of(i).map(|h| h.label.role);
                Row { text, page: segs[i].page, bbox, role }
            })
            .collect()
    }

    /// The text of the line after segment `i`'s on its page, its segments
    /// joined with a column gap.
    pub fn next_line_text(&self, i: usize) -> Option<String> {
        let segs = &self.layout.segments;
        let first = self.line_start_after(i)?;
        let next = &segs[first];
        let parts: Vec<&str> = segs[first..]
            .iter()
            .take_while(|s| s.page == next.page && s.line == next.line)
            .map(|s| s.text.as_str())
            .collect();
        Some(parts.join("   "))
    }

    /// The nearest segment to the right of segment `i` on the same line.
    pub fn right_of(&self, i: usize) -> Option<usize> {
        let seg = &self.layout.segments[i];
        let next = i + 1;
        let s = self.layout.segments.get(next)?;
        (s.page == seg.page && s.line == seg.line).then_some(next)
    }

    /// On a scan, the first segment right of segment `i` that OCR put on the
    /// line above or below though each one's middle is level with the other (a value in
    /// larger type beside its label, grouped with a line of the next
    /// column); only where nothing stands right of `i` on its own line.
    pub fn right_across(&self, i: usize) -> Option<usize> {
        let seg = &self.layout.segments[i];
        if !self.ocr_pages.contains(&seg.page) || self.right_of(i).is_some() {
            return None;
        }
        let middle = |s: &Segment| (s.bbox.y0 + s.bbox.y1) / 2.0;
        let level = |s: &Segment| {
            (seg.bbox.y0..=seg.bbox.y1).contains(&middle(s)) && (s.bbox.y0..=s.bbox.y1).contains(&middle(seg))
        };
        self.layout
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| s.page == seg.page && s.line.abs_diff(seg.line) == 1)
            .filter(|(_, s)| s.bbox.x0 > seg.bbox.x1 && level(s))
            .min_by(|a, b| a.1.bbox.x0.total_cmp(&b.1.bbox.x0))
            .map(|(j, _)| j)
    }

    /// The closest segment below segment `i` that overlaps it horizontally,
    /// within two line heights.
    pub fn below(&self, i: usize) -> Option<usize> {
        let seg = &self.layout.segments[i];
        let reach = self.layout.line_height(seg.page) * 2.2;
        self.layout
            .segments
            .iter()
            .enumerate()
            .skip(i + 1)
            .take_while(|(_, s)| s.page == seg.page && s.bbox.y0 - seg.bbox.y1 <= reach)
            .find(|(_, s)| s.line > seg.line && s.overlaps_x(seg) && s.bbox.y0 >= seg.bbox.y1 - 0.5)
            .map(|(j, _)| j)
    }

    /// Lines holding three or more column names, one of them a column of
    /// numbers: the headers of item tables.
    fn find_table_headers(&self) -> HashSet<(u32, usize)> {
        let mut columns: BTreeMap<(u32, usize), HashSet<Role>> = BTreeMap::new();
        for seg in &self.layout.segments {
            for word_start in 0..seg.words.len() {
                let Some(tail) = seg.tail(word_start) else { continue };
                if let Some(hit) = column_label(&tail.text, self.ocr_pages.contains(&seg.page)) {
                    columns.entry((seg.page, seg.line)).or_default().insert(hit.label.role);
                }
            }
        }
        // A strip of header fields ("Invoice no.  Date  Tax point  Your ref")
        // can name three roles too; an item table has a column of numbers.
        let numbers = |roles: &HashSet<Role>| {
            roles.iter().any(|r| matches!(r, Role::ColQuantity | Role::ColUnitPrice | Role::ColNetAmount))
        };
        // Nor does a header row print amounts ("Rate  Net  VAT    Total net  -4,266.57").
        let amounts = |&(page, line): &(u32, usize)| {
            self.doc.pages.get(page as usize - 1).and_then(|p| p.lines.get(line)).is_some_and(|l| {
                l.words
                    .iter()
                    .any(|w| crate::values::amounts_in(&w.text, self.hint).iter().any(|m| m.value.scale() == 2))
            })
        };
        columns
            .into_iter()
            .filter(|(at, roles)| roles.len() >= 3 && numbers(roles) && !amounts(at))
            .map(|(k, _)| k)
            .collect()
    }
}

/// The column name at the start of `text` (the most specific one, even where a
/// longer label of another role also matches), tolerating one misread letter
/// in OCR text.
pub fn column_label(text: &str, ocr: bool) -> Option<LabelHit<'static>> {
    let exact = lexicon().labels_at_start(text).find(|h| is_column(h.label.role));
    exact.or_else(|| label_hit(text, ocr).filter(|h| is_column(h.label.role)))
}

/// True for the roles that name item-table columns.
pub fn is_column(role: Role) -> bool {
    matches!(
        role,
        Role::ColDescription
            | Role::ColQuantity
            | Role::ColUnit
            | Role::ColUnitPrice
            | Role::ColNetAmount
            | Role::ColVatRate
            | Role::ColPosition
            | Role::ColCode
            | Role::ColDiscount
    )
}

/// The lines (page, line) of the item tables, each with where its table
/// starts across the line: text left of that stands beside the table.
#[derive(Debug, Default)]
pub struct TableLines {
    /// Lines that hold a row or continue its description.
    pub rows: HashMap<(u32, usize), f32>,
    /// Lines of text among or under the rows that continue none (notes
    /// under the table, or text in the page's other column beside it).
    pub notes: HashMap<(u32, usize), f32>,
}

impl TableLines {
    /// True when `lines` has segment `s`'s line and `s` reaches into the table.
    fn holds(lines: &HashMap<(u32, usize), f32>, s: &Segment) -> bool {
        lines.get(&(s.page, s.line)).is_some_and(|&start| s.bbox.x1 >= start)
    }
}

/// Lines in the top or bottom margin that recur on another page at about the
/// same height, compared with their digits left out (so "Side 1/2" and
/// "Side 2/2" match).
fn running_lines(doc: &Document) -> HashSet<(u32, usize)> {
    let mut out = HashSet::new();
    if doc.pages.len() < 2 {
        return out;
    }
    let key = |words: &[crate::document::Word]| -> String {
        let text: String = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        text.chars().filter(|c| !c.is_ascii_digit()).collect()
    };
    let mut seen: HashMap<String, Vec<(u32, usize, f32)>> = HashMap::new();
    for page in &doc.pages {
        // Only the margins: a page's body may repeat an item row of another page.
        let margin = |y: f32| y < page.height * 0.15 || y > page.height * 0.85;
        for (i, line) in page.lines.iter().enumerate().filter(|(_, l)| margin(l.bbox.center_y())) {
            seen.entry(key(&line.words)).or_default().push((page.number, i, line.bbox.center_y()));
        }
    }
    let telling = |k: &String| k.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    for places in seen.iter().filter(|(k, p)| p.len() >= 2 && telling(k)).map(|(_, p)| p) {
        for &(page, line, y) in places {
            let tolerance = doc.pages.get(page as usize - 1).map_or(0.0, |p| p.height * 0.02);
            if places.iter().any(|&(q, _, z)| q != page && (z - y).abs() <= tolerance) {
                out.insert((page, line));
            }
        }
    }
    out
}

/// The language with the most label hits, with letters unique to a language
/// as extra votes.
fn detect_language(segments: &[Segment], hits: &[Option<LabelHit<'_>>]) -> Option<Lang> {
    let mut votes: BTreeMap<Lang, f32> = BTreeMap::new();
    for h in hits.iter().flatten() {
        *votes.entry(h.label.lang).or_default() += h.label.text.chars().count() as f32;
    }
    for seg in segments {
        let lower = seg.text.to_lowercase();
        for (lang, letters) in LETTERS {
            let n = lower.chars().filter(|c| letters.contains(*c)).count();
            *votes.entry(*lang).or_default() += n as f32 * 2.0;
        }
    }
    votes.into_iter().filter(|(_, v)| *v > 0.0).max_by(|a, b| a.1.total_cmp(&b.1)).map(|(l, _)| l)
}
