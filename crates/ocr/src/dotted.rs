//! Dot-matrix print: letters drawn as rows of separate dots.
//!
//! Tesseract cuts the page into ink and paper before it reads; a letter of a
//! dot-matrix till printer, faint and small, falls apart into specks there,
//! and whole receipts come back as a few words of noise. Enlarged and
//! smoothed so that neighbouring dots run together, the same page reads as
//! solid type. Such pages are found as the faint ones are, by ink that lies
//! outside every word read; the smoothed reading is kept where it holds clearly
//! more confident text ([`MARGIN`]).

use image::GrayImage;
use image::imageops::{self, FilterType};

/// Try the smoothed reading when more of the page's stroke ink than this lies
/// outside the words read.
pub(crate) const UNREAD_SHARE: f32 = 0.25;

/// The smoothed reading is kept only when it holds this many times as much
/// confident text as the plain one: a page of solid type reads about as well
/// either way, with different letters wrong, while dotted print read plainly
/// gives little but noise.
pub(crate) const MARGIN: f32 = 1.5;

/// The copy is made this many times larger, so that smoothing joins dots
/// without filling the counters of small letters.
pub(crate) const ENLARGE: u32 = 2;

/// Pages larger than this (pixels, before enlarging) are high-resolution
/// scans whose dots are already resolved; they are only smoothed.
const MAX_ENLARGED_PIXELS: u64 = 4_000_000;

/// How far the smoothing reaches, in pixels of the enlarged copy.
const SIGMA: f32 = 2.0;

/// The page enlarged (when small enough) and smoothed, with the factor it was
/// enlarged by.
pub(crate) fn joined(gray: &GrayImage) -> (GrayImage, u32) {
    let (w, h) = gray.dimensions();
    let factor = if u64::from(w) * u64::from(h) <= MAX_ENLARGED_PIXELS { ENLARGE } else { 1 };
    let larger =
        if factor > 1 { imageops::resize(gray, w * factor, h * factor, FilterType::CatmullRom) } else { gray.clone() };
    (imageops::blur(&larger, SIGMA * factor as f32 / ENLARGE as f32), factor)
}

#[cfg(test)]
mod tests {
    use image::Luma;

    use super::*;
    use crate::gaps::blobs;

    /// A bar of `w` × `h` pixels drawn as a lattice of 2 × 2 dots, one pixel
    /// apart, on light paper.
    fn dotted_bar(w: u32, h: u32) -> GrayImage {
        GrayImage::from_fn(w + 20, h + 20, |x, y| {
            let inside = (10..10 + w).contains(&x) && (10..10 + h).contains(&y);
            Luma([if inside && (x - 10) % 3 < 2 && (y - 10) % 3 < 2 { 150 } else { 235 }])
        })
    }

    /// Ink is what is darker than halfway between the darkest pixel and the paper.
    fn ink_level(img: &GrayImage) -> u8 {
        let darkest = img.pixels().map(|p| p.0[0]).min().unwrap_or(0);
        ((u16::from(darkest) + 235) / 2) as u8
    }

    #[test]
    fn smoothing_joins_the_dots_of_a_stroke() {
        let bar = dotted_bar(42, 6);
        assert_eq!(blobs(&bar, ink_level(&bar)).len(), 28, "14 dots across, 2 down");
        let (joined, factor) = joined(&bar);
        assert_eq!(factor, ENLARGE);
        assert_eq!(joined.dimensions(), (bar.width() * ENLARGE, bar.height() * ENLARGE));
        assert_eq!(blobs(&joined, ink_level(&joined)).len(), 1);
    }

    #[test]
    fn large_pages_are_smoothed_without_enlarging() {
        let page = GrayImage::from_pixel(2_500, 2_000, Luma([235]));
        let (joined, factor) = joined(&page);
        assert_eq!((factor, joined.dimensions()), (1, (2_500, 2_000)));
    }
}
