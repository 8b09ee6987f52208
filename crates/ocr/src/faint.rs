//! Faint print: text lighter than the page's darkest parts.
//!
//! Tesseract splits ink from paper with one threshold for the whole page. On
//! a photo of a thermal receipt lying on a dark table the split falls between
//! the table and the paper, and light gray print is read as paper: the page
//! yields a handful of words. Such pages are found by comparing where ink is
//! with where words were read: once the paper is brought to one shade
//! (Leptonica's background normalisation), ink is whatever is clearly darker
//! than it, and when most of that ink lies outside every word read, the page
//! is read again from the normalised image cut to black and white.

use image::{GrayImage, Luma};
use kvitas_extract::Word;

/// The shade Leptonica's background normalisation gives the paper.
const PAPER: u8 = 200;

/// On a normalised page, pixels darker than this are ink (0.9 of the paper).
const INK: u8 = (PAPER as u16 * 9 / 10) as u8;

/// Horizontal runs of ink longer than this share of the page width are not
/// strokes of letters but rules, bars and the dark surroundings of a photo.
const MAX_STROKE_SHARE: f32 = 0.03;

/// Read the page again when more of its stroke ink than this lies outside the
/// words read.
pub(crate) const UNREAD_SHARE: f32 = 0.5;

/// Pages with less stroke ink than this (pixels) are blank, not faint.
const MIN_INK: usize = 2_000;

/// The share of the stroke ink of a normalised page that no word box covers
/// (each box widened by half its height, as ink reaches past the box of the
/// word it belongs to); 0 when the page holds too little ink to tell.
pub(crate) fn unread_share(norm: &GrayImage, words: &[Word]) -> f32 {
    let (w, h) = (norm.width() as usize, norm.height() as usize);
    if w == 0 || h == 0 {
        return 0.0;
    }
    let mut covered = vec![false; w * h];
    for word in words {
        let pad = (word.bbox.y1 - word.bbox.y0).max(0.0) / 2.0;
        let clamp = |v: f32, max: usize| (v.max(0.0) as usize).min(max);
        let (x0, x1) = (clamp(word.bbox.x0 - pad, w), clamp(word.bbox.x1 + pad, w));
        let (y0, y1) = (clamp(word.bbox.y0 - pad, h), clamp(word.bbox.y1 + pad, h));
        for row in covered[y0 * w..y1 * w].chunks_mut(w) {
            row[x0..x1].fill(true);
        }
    }
    let max_run = ((w as f32 * MAX_STROKE_SHARE) as usize).clamp(4, usize::from(u8::MAX) - 1);
    let raw = norm.as_raw();
    let dark = |i: usize| raw[i] < INK;
    // The length of the dark run down through each pixel (one byte a pixel,
    // as a page may hold tens of millions); the runs across are followed
    // row by row.
    let down = runs_down(raw, w, h);
    let (mut ink, mut unread) = (0usize, 0usize);
    for y in 0..h {
        let mut x = 0;
        while x < w {
            if !dark(y * w + x) {
                x += 1;
                continue;
            }
            let start = x;
            while x < w && dark(y * w + x) {
                x += 1;
            }
            let across = x - start;
            for i in y * w + start..y * w + x {
                let d = usize::from(down[i]);
                // A stroke: short both ways, and more than a speck.
                if across <= max_run && d <= max_run && across.max(d) >= 2 {
                    ink += 1;
                    unread += usize::from(!covered[i]);
                }
            }
        }
    }
    if ink < MIN_INK { 0.0 } else { unread as f32 / ink as f32 }
}

/// For each dark pixel, the length of the run of dark pixels down through
/// it, saturating at 255 (longer than any stroke); 0 for light pixels.
fn runs_down(raw: &[u8], w: usize, h: usize) -> Vec<u8> {
    let mut out = vec![0u8; w * h];
    for x in 0..w {
        let mut y = 0;
        while y < h {
            if raw[y * w + x] >= INK {
                y += 1;
                continue;
            }
            let start = y;
            while y < h && raw[y * w + x] < INK {
                y += 1;
            }
            let n = u8::try_from(y - start).unwrap_or(u8::MAX);
            for k in start..y {
                out[k * w + x] = n;
            }
        }
    }
    out
}

/// The normalised page cut to black ink on white paper.
pub(crate) fn binarized(norm: &GrayImage) -> GrayImage {
    let mut out = norm.clone();
    for p in out.pixels_mut() {
        *p = Luma([if p.0[0] < INK { 0 } else { 255 }]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use kvitas_extract::BBox;

    /// A page of paper with `strokes` short dark strokes per text line.
    fn page(lines: &[u32], shade: u8) -> GrayImage {
        let mut img = GrayImage::from_pixel(400, 400, Luma([PAPER]));
        for &y in lines {
            for x in (20..380).step_by(8) {
                for dy in 0..12 {
                    for dx in 0..3 {
                        img.put_pixel(x + dx, y + dy, Luma([shade]));
                    }
                }
            }
        }
        img
    }

    fn word(x0: f32, y0: f32, x1: f32, y1: f32) -> Word {
        Word { text: "x".into(), bbox: BBox::new(x0, y0, x1, y1), confidence: 0.9 }
    }

    #[test]
    fn ink_outside_the_words_read_is_unread() {
        let img = page(&[50, 100, 150, 200], 120);
        // Every line read: nothing unread.
        let all: Vec<Word> = [50.0, 100.0, 150.0, 200.0].iter().map(|&y| word(20.0, y, 380.0, y + 12.0)).collect();
        assert!(unread_share(&img, &all) < 0.01);
        // One line of four read: three quarters unread.
        let share = unread_share(&img, &all[..1]);
        assert!((share - 0.75).abs() < 0.02, "{share}");
        assert!(share > UNREAD_SHARE);
    }

    #[test]
    fn long_dark_runs_and_blank_pages_are_not_print() {
        // A dark band across the page (a table edge, a rule) is no text.
        let mut img = GrayImage::from_pixel(400, 400, Luma([PAPER]));
        for y in 0..60 {
            for x in 0..400 {
                img.put_pixel(x, y, Luma([40]));
            }
        }
        assert_eq!(unread_share(&img, &[]), 0.0);
        // Light marks that are not darker than 0.9 of the paper are no ink.
        assert_eq!(unread_share(&page(&[50, 100], 190), &[]), 0.0);
    }

    #[test]
    fn binarizing_makes_ink_black_and_paper_white() {
        let img = binarized(&page(&[50], 150));
        assert_eq!(img.get_pixel(20, 55).0[0], 0);
        assert_eq!(img.get_pixel(24, 55).0[0], 255);
        assert_eq!(img.get_pixel(200, 300).0[0], 255);
    }
}
