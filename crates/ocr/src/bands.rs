//! Light text on dark bands, made dark text on white before recognition.
//!
//! Invoices print their title, the seller's name or the item table's column
//! names in white on a coloured band. Tesseract binarises the page with one
//! threshold, which turns such a band into a black slab with the letters lost
//! in it, so whole item tables went unread for want of their column names.
//! Each band is found as a large rectangle of mostly dark pixels and its
//! contrast turned around: the band's own shade becomes white and its
//! brightest ink black.

use image::GrayImage;

/// The side of the square cells the page is first judged in, in pixels.
const CELL: u32 = 16;
/// A pixel is dark when it is below this share of the page's background.
const DARK_SHARE: f32 = 0.72;
/// A cell, a row or a rectangle is dark when at least this share of its
/// pixels is.
const CELL_DARK: f32 = 0.5;
const BAND_DARK: f32 = 0.6;
/// Pages whose middle shade is darker than this are not white paper.
const MIN_BACKGROUND: u8 = 140;
/// The brightest ink must stand at least this far above the band's shade to
/// be text; a band without it is left as it is.
const MIN_CONTRAST: u8 = 24;

/// A rectangle of the page, in pixels, ends exclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rect {
    x0: u32,
    y0: u32,
    x1: u32,
    y1: u32,
}

/// Finds dark bands on a page of white paper and rewrites each as dark text
/// on white; returns how many it rewrote.
pub(crate) fn lift_dark_bands(img: &mut GrayImage) -> usize {
    let (w, h) = img.dimensions();
    if w < CELL * 4 || h < CELL * 4 {
        return 0;
    }
    let background = percentile(img.as_raw().iter().copied(), 0.5);
    if background < MIN_BACKGROUND {
        return 0;
    }
    let dark = (f32::from(background) * DARK_SHARE) as u8;
    let bands = find_bands(img, dark);
    let mut lifted = 0;
    for band in bands {
        if lift(img, band) {
            lifted += 1;
        }
    }
    lifted
}

/// Rectangles at least an eighth of the page wide and two cells high in
/// which most pixels are dark.
fn find_bands(img: &GrayImage, dark: u8) -> Vec<Rect> {
    let (w, h) = img.dimensions();
    let (gw, gh) = (w.div_ceil(CELL) as usize, h.div_ceil(CELL) as usize);
    let mut counts = vec![0u32; gw * gh];
    let mut sizes = vec![0u32; gw * gh];
    for (x, y, p) in img.enumerate_pixels() {
        let c = (y / CELL) as usize * gw + (x / CELL) as usize;
        sizes[c] += 1;
        if p.0[0] < dark {
            counts[c] += 1;
        }
    }
    let is_dark: Vec<bool> = counts.iter().zip(&sizes).map(|(&n, &s)| n as f32 >= s as f32 * CELL_DARK).collect();
    let mut seen = vec![false; gw * gh];
    let mut bands = Vec::new();
    for start in 0..gw * gh {
        if !is_dark[start] || seen[start] {
            continue;
        }
        // One connected group of dark cells, with its bounding box in cells.
        let (mut cx0, mut cy0, mut cx1, mut cy1) = (usize::MAX, usize::MAX, 0, 0);
        let mut members = 0usize;
        let mut stack = vec![start];
        seen[start] = true;
        while let Some(c) = stack.pop() {
            let (cx, cy) = (c % gw, c / gw);
            (cx0, cy0, cx1, cy1) = (cx0.min(cx), cy0.min(cy), cx1.max(cx), cy1.max(cy));
            members += 1;
            let mut visit = |n: usize| {
                if is_dark[n] && !seen[n] {
                    seen[n] = true;
                    stack.push(n);
                }
            };
            if cx > 0 {
                visit(c - 1);
            }
            if cx + 1 < gw {
                visit(c + 1);
            }
            if cy > 0 {
                visit(c - gw);
            }
            if cy + 1 < gh {
                visit(c + gw);
            }
        }
        let (cw, ch) = (cx1 - cx0 + 1, cy1 - cy0 + 1);
        // A band is a solid rectangle; text, rules and photos are not.
        if (cw as u32 * CELL) < w / 8 || ch < 2 || (members as f32) < (cw * ch) as f32 * 0.8 {
            continue;
        }
        let cells = Rect {
            x0: cx0 as u32 * CELL,
            y0: cy0 as u32 * CELL,
            x1: ((cx1 as u32 + 1) * CELL).min(w),
            y1: ((cy1 as u32 + 1) * CELL).min(h),
        };
        let band = refine(img, cells, dark);
        if band.y1 > band.y0 + CELL && dark_share(img, band, dark) >= BAND_DARK && solid_edges(img, band, dark) {
            bands.push(band);
        }
    }
    bands
}

/// Moves each edge of a rectangle of whole cells to the band's own edge:
/// outwards while the next row or column is mostly dark, inwards while the
/// edge itself is not.
fn refine(img: &GrayImage, r: Rect, dark: u8) -> Rect {
    let (w, h) = img.dimensions();
    let row = |y: u32, r: Rect| dark_share(img, Rect { y0: y, y1: y + 1, ..r }, dark) >= CELL_DARK;
    let col = |x: u32, r: Rect| dark_share(img, Rect { x0: x, x1: x + 1, ..r }, dark) >= CELL_DARK;
    let mut r = r;
    while r.y0 > 0 && row(r.y0 - 1, r) {
        r.y0 -= 1;
    }
    while r.y0 + 1 < r.y1 && !row(r.y0, r) {
        r.y0 += 1;
    }
    while r.y1 < h && row(r.y1, r) {
        r.y1 += 1;
    }
    while r.y1 > r.y0 + 1 && !row(r.y1 - 1, r) {
        r.y1 -= 1;
    }
    while r.x0 > 0 && col(r.x0 - 1, r) {
        r.x0 -= 1;
    }
    while r.x0 + 1 < r.x1 && !col(r.x0, r) {
        r.x0 += 1;
    }
    while r.x1 < w && col(r.x1, r) {
        r.x1 += 1;
    }
    while r.x1 > r.x0 + 1 && !col(r.x1 - 1, r) {
        r.x1 -= 1;
    }
    r
}

/// A band's ink keeps clear of its edges: just inside each edge runs a strip
/// that is dark from end to end. Bold print, whose dense strokes may make a
/// mostly dark rectangle too, has no such frame.
fn solid_edges(img: &GrayImage, r: Rect, dark: u8) -> bool {
    let inset = ((r.y1 - r.y0) / 8).min(4);
    let strip = 2;
    if r.x1 - r.x0 <= 2 * (inset + strip) || r.y1 - r.y0 <= 2 * (inset + strip) {
        return false;
    }
    let strips = [
        Rect { y0: r.y0 + inset, y1: r.y0 + inset + strip, ..r },
        Rect { y0: r.y1 - inset - strip, y1: r.y1 - inset, ..r },
        Rect { x0: r.x0 + inset, x1: r.x0 + inset + strip, ..r },
        Rect { x0: r.x1 - inset - strip, x1: r.x1 - inset, ..r },
    ];
    strips.iter().all(|s| dark_share(img, *s, dark) >= EDGE_DARK)
}

/// How solid the strips inside a band's edges are.
const EDGE_DARK: f32 = 0.85;

/// The share of a rectangle's pixels that are darker than `dark`.
fn dark_share(img: &GrayImage, r: Rect, dark: u8) -> f32 {
    let area = (r.x1 - r.x0) as usize * (r.y1 - r.y0) as usize;
    if area == 0 {
        return 0.0;
    }
    dark_pixels(img, r).filter(|&p| p < dark).count() as f32 / area as f32
}

fn dark_pixels(img: &GrayImage, r: Rect) -> impl Iterator<Item = u8> + '_ {
    (r.y0..r.y1).flat_map(move |y| (r.x0..r.x1).map(move |x| img.get_pixel(x, y).0[0]))
}

/// Rewrites a band: its middle shade becomes white, its brightest ink black,
/// and what lies between is stretched between them. Returns false, leaving
/// the band alone, when nothing in it stands out as text.
fn lift(img: &mut GrayImage, r: Rect) -> bool {
    let shade = percentile(dark_pixels(img, r), 0.5);
    let ink = percentile(dark_pixels(img, r), 0.98);
    if ink < shade.saturating_add(MIN_CONTRAST) {
        return false;
    }
    let span = f32::from(ink - shade);
    for y in r.y0..r.y1 {
        for x in r.x0..r.x1 {
            let p = img.get_pixel_mut(x, y);
            let v = (f32::from(p.0[0].saturating_sub(shade)) / span).min(1.0);
            p.0[0] = (255.0 * (1.0 - v)).round() as u8;
        }
    }
    true
}

/// The value below which the share `q` of the pixels lie.
pub(crate) fn percentile(pixels: impl Iterator<Item = u8>, q: f32) -> u8 {
    let mut hist = [0usize; 256];
    let mut n = 0usize;
    for p in pixels {
        hist[p as usize] += 1;
        n += 1;
    }
    let target = (n as f32 * q) as usize;
    let mut seen = 0;
    for (v, &count) in hist.iter().enumerate() {
        seen += count;
        if seen > target {
            return v as u8;
        }
    }
    255
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fill;
    use image::Luma;

    /// A white page with black "text" strokes, and a grey band holding white
    /// strokes.
    fn page() -> GrayImage {
        let mut img = GrayImage::from_pixel(400, 300, Luma([235]));
        for x in (40..360).step_by(12) {
            for y in 30..50 {
                for dx in 0..4 {
                    img.put_pixel(x + dx, y, Luma([30]));
                }
            }
        }
        fill(&mut img, 20..380, 100..160, 90);
        for x in (40..360).step_by(12) {
            for y in 120..140 {
                for dx in 0..4 {
                    img.put_pixel(x + dx, y, Luma([220]));
                }
            }
        }
        img
    }

    #[test]
    fn white_text_on_a_dark_band_becomes_dark_text_on_white() {
        let mut img = page();
        assert_eq!(lift_dark_bands(&mut img), 1);
        // The band's shade is white now, its letters black.
        assert_eq!(img.get_pixel(30, 110).0[0], 255);
        assert_eq!(img.get_pixel(41, 130).0[0], 0);
        // The edges were found to the pixel.
        assert_eq!(img.get_pixel(20, 100).0[0], 255);
        assert_eq!(img.get_pixel(379, 159).0[0], 255);
        // Black text on the white page is untouched.
        assert_eq!(img.get_pixel(41, 40).0[0], 30);
        assert_eq!(img.get_pixel(45, 40).0[0], 235);
    }

    #[test]
    fn a_page_without_bands_is_left_as_it_is() {
        let mut img = page();
        fill(&mut img, 20..380, 100..160, 235);
        let before = img.clone();
        assert_eq!(lift_dark_bands(&mut img), 0);
        assert_eq!(img, before);
    }

    #[test]
    fn a_band_without_text_and_a_thin_rule_are_left_alone() {
        let mut img = GrayImage::from_pixel(400, 300, Luma([235]));
        fill(&mut img, 20..380, 100..160, 90);
        fill(&mut img, 20..380, 200..203, 20);
        let before = img.clone();
        assert_eq!(lift_dark_bands(&mut img), 0);
        assert_eq!(img, before);
    }
}
