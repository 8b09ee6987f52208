//! Table rulings, painted over with the paper's shade before recognition.
//!
//! Item tables drawn as a grid of boxed cells defeat Tesseract's layout
//! analysis: it takes the grid for a picture and reads none of the text in
//! it, so whole tables and totals boxes went unread on otherwise clean pages.
//! A ruling is a thin run of darker pixels, straight along the page's axes
//! (the page is deskewed first), at least half an inch long — far longer than
//! any stroke of a letter. Thick dark areas (bands, logos, photos) are not
//! thin and are left alone. Only pages with a grid (rules down the page
//! between columns) are changed.

use image::GrayImage;
use kvitas_extract::Word;

/// A pixel is ink for this purpose when it is at least this much darker than
/// the paper.
const INK_BELOW_PAPER: u8 = 40;
/// Pages whose middle shade is darker than this are not white paper.
const MIN_PAPER: u8 = 140;
/// Fewer words than this per line of text a grid has room for leave it
/// unread.
const WORDS_PER_LINE: f32 = 2.0;
/// The fewest column rules that make a grid: a table of two columns.
const MIN_COLUMN_RULES: usize = 3;
/// The resolution assumed when the image does not state one.
const DEFAULT_DPI: u32 = 300;

/// Where a page's grid is, in pixels, and how tall a line of text is there.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct GridArea {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
    pub line_height: f32,
}

impl GridArea {
    /// True when a reading left the grid mostly unread: fewer words in it
    /// than [`WORDS_PER_LINE`] for each line of text it has room for (a
    /// table row holds a description, a quantity, prices and an amount).
    pub(crate) fn unread(&self, words: &[Word]) -> bool {
        let inside = words
            .iter()
            .filter(|w| {
                let (x, y) = ((w.bbox.x0 + w.bbox.x1) / 2.0, w.bbox.center_y());
                (self.x0..=self.x1).contains(&x) && (self.y0..=self.y1).contains(&y)
            })
            .count();
        (inside as f32) < WORDS_PER_LINE * (self.y1 - self.y0) / self.line_height
    }
}

/// Paints the rules of a page's grid with its paper shade; returns where the
/// grid is, or `None` (and the page untouched) when it has none.
pub(crate) fn remove_rulings(img: &mut GrayImage, dpi: Option<u32>) -> Option<GridArea> {
    let (w, h) = (img.width() as usize, img.height() as usize);
    let dpi = dpi.filter(|d| (72..=1200).contains(d)).unwrap_or(DEFAULT_DPI) as usize;
    let (min_len, max_thick, max_gap) = (dpi / 2, (dpi / 40).max(3), (dpi / 20).max(2));
    if w < min_len || h < min_len {
        return None;
    }
    let paper = crate::bands::percentile(img.as_raw().iter().copied(), 0.5);
    if paper < MIN_PAPER {
        return None;
    }
    let ink: Vec<bool> = img.as_raw().iter().map(|&p| p < paper - INK_BELOW_PAPER).collect();
    let grid = Grid { w, h };
    // A ruling along rows is thin down the columns, and the other way round.
    let across = grid.long_runs(&grid.thin(&ink, max_thick, false), min_len, max_gap, true);
    let down = grid.long_runs(&grid.thin(&ink, max_thick, true), min_len, max_gap, false);
    // Only a grid (a table with column rules) is taken apart: rules across
    // alone (a receipt's dashes, rows under one another) do not hide text
    // from the layout analysis, and painting them over costs more than it gains.
    if vertical_rules(&down, w, h, min_len) < MIN_COLUMN_RULES {
        return None;
    }
    let (mut x0, mut y0, mut x1, mut y1) = (w, h, 0, 0);
    for k in (0..w * h).filter(|&k| down[k]) {
        let (x, y) = (k % w, k / w);
        (x0, y0, x1, y1) = (x0.min(x), y0.min(y), x1.max(x), y1.max(y));
    }
    let area = GridArea { x0: x0 as f32, y0: y0 as f32, x1: x1 as f32, y1: y1 as f32, line_height: dpi as f32 / 6.0 };
    // The ruling, and the lighter (not ink) fringe a blurred scan gives it on
    // either side: left standing, the fringe still draws the grid.
    let edge = max_thick / 2 + 1;
    let mut paint = vec![false; w * h];
    for (mask, step, limit) in [(&across, w, h), (&down, 1, w)] {
        for k in (0..w * h).filter(|&k| mask[k]) {
            paint[k] = true;
            let pos = if step == 1 { k % w } else { k / w };
            for d in 1..=edge {
                if pos >= d && !ink[k - d * step] {
                    paint[k - d * step] = true;
                }
                if pos + d < limit && !ink[k + d * step] {
                    paint[k + d * step] = true;
                }
            }
        }
    }
    for (p, _) in img.iter_mut().zip(&paint).filter(|(_, on)| **on) {
        *p = paper;
    }
    Some(area)
}

/// The page's size, to walk a row-major mask along rows or down columns.
struct Grid {
    w: usize,
    h: usize,
}

impl Grid {
    /// The index of the `i`th pixel of line `line`: a row (`along_rows`) or a
    /// column.
    fn at(&self, along_rows: bool, line: usize, i: usize) -> usize {
        if along_rows { line * self.w + i } else { i * self.w + line }
    }

    /// The runs of `marked` pixels along each line, as (start, end) with the
    /// end exclusive.
    fn runs(&self, marked: &[bool], along_rows: bool, line: usize) -> Vec<(usize, usize)> {
        let len = if along_rows { self.w } else { self.h };
        let mut out = Vec::new();
        let mut start = None;
        for i in 0..=len {
            match (i < len && marked[self.at(along_rows, line, i)], start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    out.push((s, i));
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    /// The ink pixels whose run of ink down their column (or, `along_rows`,
    /// along their row) is at most `max_thick` long.
    fn thin(&self, ink: &[bool], max_thick: usize, along_rows: bool) -> Vec<bool> {
        let mut out = vec![false; ink.len()];
        let lines = if along_rows { self.h } else { self.w };
        for line in 0..lines {
            for (s, e) in self.runs(ink, along_rows, line).into_iter().filter(|(s, e)| e - s <= max_thick) {
                (s..e).for_each(|i| out[self.at(along_rows, line, i)] = true);
            }
        }
        out
    }

    /// The spans of chains of `marked` pixels along rows (`along_rows`) or
    /// columns at least `min_len` long, where a chain's runs are at most
    /// `max_gap` apart (crossing rulings and touching letters break it).
    fn long_runs(&self, marked: &[bool], min_len: usize, max_gap: usize, along_rows: bool) -> Vec<bool> {
        let mut out = vec![false; marked.len()];
        let lines = if along_rows { self.h } else { self.w };
        for line in 0..lines {
            let runs = self.runs(marked, along_rows, line);
            let mut chain_start = 0;
            for k in 0..runs.len() {
                let ends_chain = runs.get(k + 1).is_none_or(|next| next.0 - runs[k].1 > max_gap);
                if !ends_chain {
                    continue;
                }
                // The whole span, gaps included: a gap is where a crossing
                // ruling or a touching letter broke the run, and a crossing
                // left standing reads as a speck.
                let (s, e) = (runs[chain_start].0, runs[k].1);
                if e - s >= min_len {
                    (s..e).for_each(|i| out[self.at(along_rows, line, i)] = true);
                }
                chain_start = k + 1;
            }
        }
        out
    }
}

/// How many separate vertical rules at least `min_len` long `down` holds.
fn vertical_rules(down: &[bool], w: usize, h: usize, min_len: usize) -> usize {
    let long = |x: usize| (0..h).filter(|&y| down[y * w + x]).count() >= min_len;
    let mut rules = 0;
    let mut in_rule = false;
    for x in 0..w {
        let here = long(x);
        if here && !in_rule {
            rules += 1;
        }
        in_rule = here;
    }
    rules
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fill;
    use image::Luma;

    const PAPER: u8 = 225;

    /// A page at 300 dpi with a table of two boxed cells (an inch tall) holding letter-like strokes, and a
    /// solid dark block.
    fn page() -> GrayImage {
        let mut img = GrayImage::from_pixel(800, 600, Luma([PAPER]));
        // The cell's four sides, 3 px thick, grey.
        fill(&mut img, 100..700, 100..103, 150);
        fill(&mut img, 100..700, 300..303, 150);
        fill(&mut img, 100..103, 100..303, 150);
        fill(&mut img, 697..700, 100..303, 150);
        // A rule between its two columns.
        fill(&mut img, 400..403, 100..303, 150);
        // Strokes of letters inside it, one touching the ruling.
        for x in (150..650).step_by(20) {
            fill(&mut img, x..x + 4, 130..170, 40);
        }
        fill(&mut img, 120..124, 103..140, 40);
        // A solid block, far thicker than a ruling.
        fill(&mut img, 100..500, 400..500, 60);
        img
    }

    #[test]
    fn the_rules_of_a_grid_are_painted_over_and_its_text_kept() {
        let mut img = page();
        let area = remove_rulings(&mut img, Some(300)).expect("a grid");
        assert_eq!((area.x0, area.y0, area.x1, area.y1), (100.0, 103.0, 699.0, 299.0));
        for (x, y) in [(300, 101), (300, 301), (101, 150), (698, 250)] {
            assert_eq!(img.get_pixel(x, y).0[0], PAPER, "ruling at ({x}, {y})");
        }
        for (x, y) in [(151, 150), (631, 150), (121, 120)] {
            assert_eq!(img.get_pixel(x, y).0[0], 40, "stroke at ({x}, {y})");
        }
        assert_eq!(img.get_pixel(300, 450).0[0], 60, "the solid block stays");
    }

    #[test]
    fn a_page_without_a_grid_or_not_on_white_paper_is_left_as_it_is() {
        let mut img = GrayImage::from_pixel(800, 600, Luma([PAPER]));
        for x in (150..650).step_by(20) {
            fill(&mut img, x..x + 4, 130..170, 40);
        }
        let before = img.clone();
        assert_eq!(remove_rulings(&mut img, Some(300)), None);
        assert_eq!(img, before);
        // Rules across only (a receipt's dashes).
        let mut across = before.clone();
        fill(&mut across, 100..700, 100..103, 150);
        fill(&mut across, 100..700, 300..303, 150);
        let kept = across.clone();
        assert_eq!(remove_rulings(&mut across, Some(300)), None);
        assert_eq!(across, kept);
        let mut dark = page();
        fill(&mut dark, 0..800, 0..600, 100);
        fill(&mut dark, 100..700, 100..103, 20);
        assert_eq!(remove_rulings(&mut dark, Some(300)), None);
    }

    #[test]
    fn a_grid_holding_fewer_words_than_lines_of_text_is_unread() {
        let area = GridArea { x0: 100.0, y0: 100.0, x1: 700.0, y1: 400.0, line_height: 50.0 };
        let word = |x: f32, y: f32| Word {
            text: "7,00".into(),
            bbox: kvitas_extract::BBox::new(x, y, x + 40.0, y + 20.0),
            confidence: 0.9,
        };
        let few: Vec<Word> = (0..5).map(|k| word(150.0, 120.0 + k as f32 * 50.0)).chain([word(10.0, 10.0)]).collect();
        assert!(area.unread(&few));
        let many: Vec<Word> =
            (0..6).flat_map(|k| [word(150.0, 120.0 + k as f32 * 50.0), word(400.0, 120.0 + k as f32 * 50.0)]).collect();
        assert!(!area.unread(&many));
    }
}
