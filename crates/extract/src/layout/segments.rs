//! Segments: runs of words on a line that belong together. A wide gap between
//! two words on the same line separates columns (a label from its value, one
//! table cell from the next), so fields are read from segments, not lines.

use crate::document::{BBox, Document, Page, Unit, Word};

/// The parts of a text that holds several, separated by bars, middle dots,
/// bullets or dashes with a space on each side ("TVA : FR119… - SIRET : 999…
/// | APE : 4778C"); a hyphen inside a word or number ("152-3") separates
/// nothing. There is always at least one part.
pub fn line_parts(text: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let mut start = 0;
    for (at, sep) in text.char_indices() {
        let after = at + sep.len_utf8();
        let spaced_dash = matches!(sep, '-' | '–') && text[..at].ends_with(' ') && text[after..].starts_with(' ');
        if matches!(sep, '|' | '·' | '•' | '●' | '∙') || spaced_dash {
            parts.push(&text[start..at]);
            start = after;
        }
    }
    parts.push(&text[start..]);
    parts
}

/// Words of one line that are close together.
#[derive(Debug, Clone, PartialEq)]
pub struct Segment {
    /// 1-based page number.
    pub page: u32,
    /// Index of the line on its page.
    pub line: usize,
    /// The words, left to right.
    pub words: Vec<Word>,
    /// The words joined by single spaces.
    pub text: String,
    /// The union of the word boxes.
    pub bbox: BBox,
    /// The lowest word confidence.
    pub confidence: f32,
}

impl Segment {
    fn from_words(page: u32, line: usize, words: Vec<Word>) -> Option<Segment> {
        let first = words.first()?.bbox;
        let bbox = words.iter().fold(first, |b, w| b.union(w.bbox));
        let text = words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ");
        let confidence = words.iter().map(|w| w.confidence).fold(1.0, f32::min);
        Some(Segment { page, line, words, text, bbox, confidence })
    }

    /// True when the two segments overlap horizontally.
    pub fn overlaps_x(&self, other: &Segment) -> bool {
        self.bbox.x0 < other.bbox.x1 && other.bbox.x0 < self.bbox.x1
    }

    /// The segment made of this segment's words from `word` on.
    pub fn tail(&self, word: usize) -> Option<Segment> {
        Segment::from_words(self.page, self.line, self.words.get(word..)?.to_vec())
    }
}

/// All segments of a document, page by page, line by line, left to right.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    /// The segments in reading order.
    pub segments: Vec<Segment>,
    /// For each page (index = page number - 1), the typical line height.
    pub line_height: Vec<f32>,
}

impl Layout {
    /// Splits every line of `doc` into segments.
    pub fn of(doc: &Document) -> Layout {
        let mut segments = Vec::new();
        let mut line_height = Vec::new();
        for page in &doc.pages {
            let typical = typical_line_height(page);
            line_height.push(typical);
            for (i, line) in page.lines.iter().enumerate() {
                for words in split(&line.words, page.unit, typical) {
                    segments.extend(Segment::from_words(page.number, i, words));
                }
            }
        }
        Layout { segments, line_height }
    }

    /// The segments of line `line` of page `page`, left to right.
    pub fn on_line(&self, page: u32, line: usize) -> impl Iterator<Item = &Segment> + '_ {
        self.segments.iter().filter(move |s| s.page == page && s.line == line)
    }

    /// The index ranges of the segments of each printed line, in reading order.
    pub fn lines(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        let segs = &self.segments;
        let mut start = 0;
        std::iter::from_fn(move || {
            let first = segs.get(start)?;
            let len = segs[start..].iter().take_while(|s| s.page == first.page && s.line == first.line).count();
            let range = start..start + len;
            start += len;
            Some(range)
        })
    }

    /// The typical line height on a page.
    pub fn line_height(&self, page: u32) -> f32 {
        self.line_height.get(page as usize - 1).copied().unwrap_or(1.0)
    }

    /// The lower edge of a page's lowest text (0 on a page without any).
    pub fn text_bottom(&self, page: u32) -> f32 {
        self.segments.iter().filter(|s| s.page == page).map(|s| s.bbox.y1).fold(0.0, f32::max)
    }
}

/// The median height of a page's lines.
pub(crate) fn typical_line_height(page: &Page) -> f32 {
    let mut heights: Vec<f32> = page.lines.iter().map(|l| l.bbox.height()).filter(|h| *h > 0.0).collect();
    heights.sort_by(f32::total_cmp);
    heights.get(heights.len() / 2).copied().unwrap_or(1.0)
}

/// Splits a line's words where the gap is wider than a column gap. On a
/// scan, a table's ruling read as a bar ("042184 | 2025-03-30 | 2025-05-14"
/// under "Nr.  Data  Apmokėti iki") parts the cells beside it whatever the
/// gap, and is no text of theirs.
fn split(words: &[Word], unit: Unit, typical_height: f32) -> Vec<Vec<Word>> {
    let bar = |w: &Word| unit == Unit::Pixel && !w.text.is_empty() && w.text.chars().all(|c| matches!(c, '|' | '¦'));
    words
        .split(bar)
        .flat_map(|cell| column_runs(cell, unit, typical_height).into_iter().map(|r| cell[r].to_vec()))
        .collect()
}

/// The index ranges of a line's words that a column gap separates, left to
/// right (`typical_height`: the page's [`typical_line_height`]).
pub(crate) fn column_runs(words: &[Word], unit: Unit, typical_height: f32) -> Vec<std::ops::Range<usize>> {
    let threshold = match unit {
        // Character cells: one space separates words, two or more columns.
        Unit::Cell => 1.5,
        // Printed text: a gap wider than about one line height is a column gap.
        Unit::Point | Unit::Pixel => typical_height * 1.1,
    };
    // A colon set apart ("Date      :   09/01/2019", receipts align them)
    // ends the label before it, however wide the gap.
    let colon = |w: &Word| !w.text.is_empty() && w.text.chars().all(|c| matches!(c, ':' | ';' | '：'));
    // In a wide type (a receipt's double-width heading) a space is wider
    // than a line is high: the gap is measured against the letters around it
    // too, where their width says more.
    let letter = |w: &Word| (w.bbox.x1 - w.bbox.x0) / w.text.chars().count().max(1) as f32;
    let wide = |a: &Word, b: &Word| match unit {
        Unit::Cell => threshold,
        Unit::Point | Unit::Pixel => threshold.max((letter(a) + letter(b)) / 2.0 * WIDE_SPACE),
    };
    // An ampersand joins the words on either side ("Hollis & Grant"): OCR
    // boxes it narrow, and the space around it reads wider than a word's.
    let joins = |a: &Word, b: &Word| if a.text == "&" || b.text == "&" { 2.0 } else { 1.0 };
    let mut out: Vec<std::ops::Range<usize>> = Vec::new();
    for (k, w) in words.iter().enumerate() {
        match out.last_mut() {
            Some(run)
                if colon(w) || w.bbox.x0 - words[k - 1].bbox.x1 <= wide(&words[k - 1], w) * joins(&words[k - 1], w) =>
            {
                run.end = k + 1
            }
            _ => out.push(k..k + 1),
        }
    }
    out
}

/// A gap of up to this many letter widths is a space between words.
const WIDE_SPACE: f32 = 1.6;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_splits_into_its_parts() {
        assert_eq!(
            line_parts("TVA : FR11 - SIRET : 999 | APE · 4778C"),
            ["TVA : FR11 ", " SIRET : 999 ", " APE ", " 4778C"]
        );
        assert_eq!(line_parts("Gėlių g. 152-3"), ["Gėlių g. 152-3"]);
    }

    use crate::html::read_text;

    #[test]
    fn an_ampersand_read_with_wide_spaces_around_it_joins_its_neighbours() {
        // As read from a scan: "&" boxed narrow, a line's height from either word.
        let word = |t: &str, x0: f32, x1: f32| Word {
            text: t.into(),
            bbox: crate::document::BBox::new(x0, 202.0, x1, 236.0),
            confidence: 0.92,
        };
        let words = [
            word("Hollis", 110.0, 242.0),
            word("&", 278.0, 294.0),
            word("Grant", 315.0, 451.0),
            word("Limited", 471.0, 649.0),
            word("INVOICE", 942.0, 1387.0),
        ];
        assert_eq!(column_runs(&words, Unit::Pixel, 32.0), [0..4, 4..5]);
        // Any other word that far away starts a segment of its own.
        let mut plus = words.clone();
        plus[1].text = "+".into();
        assert_eq!(column_runs(&plus, Unit::Pixel, 32.0), [0..1, 1..4, 4..5]);
    }

    #[test]
    fn wide_gaps_split_a_line_into_segments() {
        let doc = Document { pages: vec![read_text("Fakturanr.:      81275\nI alt DKK    6.292,50")] };
        let layout = Layout::of(&doc);
        let texts: Vec<&str> = layout.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Fakturanr.:", "81275", "I alt DKK", "6.292,50"]);
    }

    #[test]
    fn words_of_a_wide_type_stay_together_though_spaced_wider_than_a_line() {
        // A receipt's double-width heading: 30 px letters, 37 px spaces, on
        // 31 px lines; then an ordinary label and value with a column gap.
        let word = |t: &str, x0: f32, x1: f32, y0: f32| Word {
            text: t.into(),
            bbox: crate::document::BBox::new(x0, y0, x1, y0 + 31.0),
            confidence: 0.9,
        };
        let lines = vec![
            crate::document::Line::from_words(vec![
                word("SWC", 131.0, 218.0, 0.0),
                word("ENTERPRISE", 255.0, 560.0, 0.0),
                word("SDN", 597.0, 685.0, 0.0),
                word("BHD", 722.0, 809.0, 0.0),
            ])
            .unwrap(),
            crate::document::Line::from_words(vec![
                word("Total", 100.0, 170.0, 50.0),
                word("9.00", 600.0, 660.0, 50.0),
            ])
            .unwrap(),
        ];
        let page = crate::document::Page {
            number: 1,
            width: 900.0,
            height: 100.0,
            unit: Unit::Pixel,
            rotation: 0.0,
            source: crate::document::TextSource::Ocr,
            lines,
        };
        let layout = Layout::of(&Document { pages: vec![page] });
        let texts: Vec<&str> = layout.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["SWC ENTERPRISE SDN BHD", "Total", "9.00"]);
    }

    #[test]
    fn a_colon_set_apart_stays_with_its_label() {
        let doc = Document { pages: vec![read_text("Date      :    09/01/2019 8:01:11 PM")] };
        let layout = Layout::of(&doc);
        let texts: Vec<&str> = layout.segments.iter().map(|s| s.text.as_str()).collect();
        assert_eq!(texts, ["Date :", "09/01/2019 8:01:11 PM"]);
    }
}
