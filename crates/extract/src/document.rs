//! The `Document` model: what was read from an input, before any field is chosen.
//!
//! Every reader (PDF text layer, OCR, HTML, plain text) produces the same shape:
//! pages with their size and rotation, and on each page words with a bounding box,
//! text and confidence, grouped into lines in reading order.

use serde::{Deserialize, Serialize};

/// An axis-aligned box in page units, origin at the top-left corner, y downwards.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl BBox {
    /// A box from its edges; the edges are reordered so that `x0 <= x1` and `y0 <= y1`.
    pub fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> BBox {
        BBox { x0: x0.min(x1), y0: y0.min(y1), x1: x0.max(x1), y1: y0.max(y1) }
    }

    /// The smallest box holding both.
    pub fn union(self, other: BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }

    /// Width of the box.
    pub fn width(&self) -> f32 {
        self.x1 - self.x0
    }

    /// Height of the box.
    pub fn height(&self) -> f32 {
        self.y1 - self.y0
    }

    /// Vertical centre of the box.
    pub fn center_y(&self) -> f32 {
        (self.y0 + self.y1) / 2.0
    }

    /// Horizontal centre of the box.
    pub fn center_x(&self) -> f32 {
        (self.x0 + self.x1) / 2.0
    }
}

/// The unit that page sizes and boxes are measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    /// PDF points (1/72 inch): the text layer of a PDF.
    Point,
    /// Pixels of the (deskewed, upright) page image that was recognised.
    Pixel,
    /// Character cells: x counts characters, y counts lines (HTML and text).
    Cell,
}

/// One word as read, with where it is and how sure the reader was.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Word {
    /// The word's text (never empty, no whitespace inside).
    pub text: String,
    /// Where the word is on its page.
    pub bbox: BBox,
    /// Reader confidence in [0, 1]: 1.0 for a text layer, Tesseract's for OCR.
    pub confidence: f32,
}

/// Words that read as one line, left to right.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Line {
    /// The line's words in reading order.
    pub words: Vec<Word>,
    /// The union of the words' boxes.
    pub bbox: BBox,
}

impl Line {
    /// A line from words in reading order; `None` when there are no words.
    pub fn from_words(words: Vec<Word>) -> Option<Line> {
        let first = words.first()?.bbox;
        let bbox = words.iter().fold(first, |b, w| b.union(w.bbox));
        Some(Line { words, bbox })
    }

    /// The line's text: its words joined by single spaces.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text);
        }
        out
    }
}

/// How a page's text was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TextSource {
    /// The text layer of a born-digital PDF.
    PdfText,
    /// Optical character recognition of a page image.
    Ocr,
    /// Markup or plain text.
    Text,
}

/// One page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Page {
    /// 1-based page number.
    pub number: u32,
    /// Page width in `unit`.
    pub width: f32,
    /// Page height in `unit`.
    pub height: f32,
    /// The unit of the size and of every box on this page.
    pub unit: Unit,
    /// Rotation in degrees (clockwise) that was applied to make the page upright:
    /// the PDF `/Rotate` entry, or for a scan the detected orientation plus skew.
    pub rotation: f32,
    /// How the text was obtained.
    pub source: TextSource,
    /// Lines in reading order (top to bottom, then left to right).
    pub lines: Vec<Line>,
}

impl Page {
    /// All words of the page in reading order.
    pub fn words(&self) -> impl Iterator<Item = &Word> {
        self.lines.iter().flat_map(|l| l.words.iter())
    }

    /// The page's text, one line per line.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for line in &self.lines {
            out.push_str(&line.text());
            out.push('\n');
        }
        out
    }
}

/// Everything read from one input document.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Pages in order.
    pub pages: Vec<Page>,
}

impl Document {
    /// The whole text, pages separated by a form feed.
    pub fn text(&self) -> String {
        let pages: Vec<String> = self.pages.iter().map(Page::text).collect();
        pages.join("\u{c}")
    }

    /// Number of words over all pages.
    pub fn word_count(&self) -> usize {
        self.pages.iter().map(|p| p.words().count()).sum()
    }
}

/// Groups words into lines and orders them for reading.
///
/// Words whose vertical centres lie within half of the smaller word's height of a
/// line's centre join that line; lines are sorted top to bottom and words within a
/// line left to right. Used by readers whose source gives words without lines.
///
/// A page photographed or scanned askew lets a line's words drift downwards
/// (or upwards) from left to right, so that an amount at the right edge falls
/// out of its description's line. The drift is measured on the lines that
/// span a wide stretch of the page (the median slope from their first word to
/// their last), and where it is more than slight the words are grouped again
/// with their centres taken back by it.
pub fn group_into_lines(words: Vec<Word>) -> Vec<Line> {
    let words: Vec<Word> = words.into_iter().filter(|w| !w.text.trim().is_empty()).collect();
    let lines = group_rows(words, 0.0);
    let slope = skew(&lines);
    if slope.abs() < MIN_SKEW {
        return lines;
    }
    group_rows(lines.into_iter().flat_map(|l| l.words).collect(), slope)
}

/// A drift (height per width) below which lines are grouped as printed.
const MIN_SKEW: f32 = 0.004;

/// The median slope of lines that span at least eight times their height,
/// from the centre of their first word to that of their last; zero when
/// fewer than three such lines tell.
fn skew(lines: &[Line]) -> f32 {
    let mut slopes: Vec<f32> = lines
        .iter()
        .filter_map(|l| {
            let (first, last) = (l.words.first()?, l.words.last()?);
            let dx = last.bbox.center_x() - first.bbox.center_x();
            let h = l.words.iter().map(|w| w.bbox.height()).fold(0.0, f32::max);
            (h > 0.0 && dx >= h * 8.0).then(|| (last.bbox.center_y() - first.bbox.center_y()) / dx)
        })
        .collect();
    if slopes.len() < 3 {
        return 0.0;
    }
    slopes.sort_by(f32::total_cmp);
    slopes[slopes.len() / 2]
}

/// Groups words into lines by their centres less `slope` times their distance
/// from the left edge.
fn group_rows(mut words: Vec<Word>, slope: f32) -> Vec<Line> {
    let centre = |w: &Word| w.bbox.center_y() - slope * w.bbox.center_x();
    words.sort_by(|a, b| centre(a).total_cmp(&centre(b)));
    let mut rows: Vec<(f32, f32, Vec<Word>)> = Vec::new(); // (centre, height, words)
    for w in words {
        let c = centre(&w);
        let h = w.bbox.height().max(0.1);
        let slot = rows.iter_mut().rev().take(3).find(|(rc, rh, _)| (c - *rc).abs() <= rh.min(h) * 0.5);
        match slot {
            Some((rc, rh, ws)) => {
                let n = ws.len() as f32;
                *rc = (*rc * n + c) / (n + 1.0);
                *rh = rh.max(h);
                ws.push(w);
            }
            None => rows.push((c, h, vec![w])),
        }
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    rows.into_iter()
        .filter_map(|(_, _, mut ws)| {
            ws.sort_by(|a, b| a.bbox.x0.total_cmp(&b.bbox.x0));
            Line::from_words(ws)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(text: &str, x: f32, y: f32) -> Word {
        Word { text: text.into(), bbox: BBox::new(x, y, x + text.len() as f32 * 15.0, y + 30.0), confidence: 0.9 }
    }

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::text).collect()
    }

    #[test]
    fn words_at_one_height_make_a_line_and_lines_read_top_down() {
        let lines =
            group_into_lines(vec![word("12.22", 900.0, 102.0), word("Tea", 100.0, 100.0), word("Total", 100.0, 160.0)]);
        assert_eq!(texts(&lines), ["Tea 12.22", "Total"]);
    }

    #[test]
    fn on_a_page_photographed_askew_an_amount_stays_on_its_descriptions_line() {
        // Every line drifts 2 % downwards to the right: 16 px over 800 px,
        // more than half a word's height between a description at the left
        // and its amount at the right.
        // Lines of words set close together hold together all the same, and
        // tell the drift.
        let row = |y: f32, left: &str, right: &str| vec![word(left, 100.0, y), word(right, 900.0, y + 16.0)];
        let close = |y: f32, text: &str| {
            text.split(' ').enumerate().map(|(i, t)| word(t, 100.0 + i as f32 * 100.0, y + i as f32 * 2.0)).collect()
        };
        let words: Vec<Word> = [
            close(0.0, "OAKWOOD CAFE LTD 187 NORTH STREET BATH BA1 1YQ"),
            row(100.0, "Full", "12.22"),
            row(150.0, "Flat", "3.90"),
            row(200.0, "Avocado", "26.22"),
            row(250.0, "TOTAL", "42.34"),
            close(300.0, "VAT RATE NET VAT TOTAL A 20% 35.28"),
            close(350.0, "THANKS FOR VISITING AND SEE YOU SOON"),
        ]
        .into_iter()
        .flatten()
        .collect();
        let lines = group_into_lines(words.clone());
        assert_eq!(&texts(&lines)[1..5], ["Full 12.22", "Flat 3.90", "Avocado 26.22", "TOTAL 42.34"]);
        assert_eq!(lines.len(), 7);
        // Grouped without regard to the drift, they would part.
        assert_eq!(group_rows(words, 0.0).len(), 11);
    }
}
