//! What every field finder needs: the segments, the labels found on them, and
//! the document's language and number conventions.

use std::collections::{BTreeMap, HashSet};

use super::lexicon::{LabelHit, Lang, Role, lexicon};
use super::segments::{Layout, Segment};
use crate::document::{Document, TextSource};
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
    /// Lines of item rows: labels on them are item text, not field labels.
    pub item_rows: HashSet<(u32, usize)>,
    /// Pages read by OCR, where labels may have a misread letter.
    pub ocr_pages: HashSet<u32>,
}

/// The label at the start of `text`, tolerating one misread letter in OCR text.
pub fn label_hit(text: &str, ocr: bool) -> Option<LabelHit<'static>> {
    if ocr { lexicon().label_at_start_lenient(text) } else { lexicon().label_at_start(text) }
}

/// Letters that only some of the languages use.
const LETTERS: &[(Lang, &str)] =
    &[(Lang::Lt, "ąčęėįšųūž"), (Lang::Da, "æøå"), (Lang::De, "äöüß"), (Lang::Fr, "éèêàçô")];

impl<'a> Context<'a> {
    /// Builds the context of a document.
    pub fn new(doc: &'a Document) -> Context<'a> {
        let layout = Layout::of(doc);
        let ocr_pages: HashSet<u32> =
            doc.pages.iter().filter(|p| p.source == TextSource::Ocr).map(|p| p.number).collect();
        let hits: Vec<Option<LabelHit<'static>>> =
            layout.segments.iter().map(|s| label_hit(&s.text, ocr_pages.contains(&s.page))).collect();
        let lang = detect_language(&layout.segments, &hits);
        let hint = match lang {
            Some(Lang::En) => DecimalHint::Dot,
            Some(_) => DecimalHint::Comma,
            None => DecimalHint::Unknown,
        };
        let mut ctx = Context {
            doc,
            layout,
            hits,
            lang,
            hint,
            order: DateOrder::DayFirst,
            table_headers: HashSet::new(),
            item_rows: HashSet::new(),
            ocr_pages,
        };
        ctx.table_headers = ctx.find_table_headers();
        ctx
    }

    /// The label at the start of segment `i`, unless the segment is in an item
    /// table's header row.
    pub fn label_of(&self, i: usize) -> Option<&LabelHit<'static>> {
        let seg = self.layout.segments.get(i)?;
        let at = (seg.page, seg.line);
        if self.table_headers.contains(&at) || self.item_rows.contains(&at) {
            return None;
        }
        self.hits.get(i)?.as_ref()
    }

    /// Every (segment index, label) outside item-table headers, in reading order.
    pub fn labels(&self) -> impl Iterator<Item = (usize, LabelHit<'static>)> + '_ {
        (0..self.layout.segments.len()).filter_map(|i| self.label_of(i).map(|h| (i, h.clone())))
    }

    /// The nearest segment to the right of segment `i` on the same line.
    pub fn right_of(&self, i: usize) -> Option<usize> {
        let seg = &self.layout.segments[i];
        let next = i + 1;
        let s = self.layout.segments.get(next)?;
        (s.page == seg.page && s.line == seg.line).then_some(next)
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

    /// Lines holding three or more column names: the headers of item tables.
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
        columns.into_iter().filter(|(_, roles)| roles.len() >= 3).map(|(k, _)| k).collect()
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
    )
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
