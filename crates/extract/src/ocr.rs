//! The OCR boundary: the extraction core asks for words on a page image and does
//! not care which engine answers.

use image::GrayImage;
use serde::{Deserialize, Serialize};

use crate::document::Word;
use crate::error::ExtractError;

/// Words recognised on one page image.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OcrPage {
    /// Width of the image the boxes refer to (after any rotation).
    pub width: u32,
    /// Height of the image the boxes refer to.
    pub height: u32,
    /// Clockwise rotation in degrees that the engine applied to make the page
    /// upright: a multiple of 90 for orientation plus the small skew correction.
    pub rotation: f32,
    /// Recognised words with pixel boxes and confidences in [0, 1].
    pub words: Vec<Word>,
}

/// An OCR engine. Engines are stateful and not shared between threads: keep one
/// per worker thread and reuse it across pages and documents.
pub trait Ocr {
    /// Recognises the words on a grayscale page image. `dpi` is the image's
    /// resolution when known.
    fn recognize(&mut self, image: &GrayImage, dpi: Option<u32>) -> Result<OcrPage, ExtractError>;

    /// Reads the pages that follow with `lang` (ISO 639-2, as `dan`) as the
    /// first of the engine's languages, or with its languages in their
    /// configured order when `None`. Returns true when that changes how pages
    /// are read. Engines with one way of reading ignore it.
    fn prefer_language(&mut self, _lang: Option<&str>) -> bool {
        false
    }
}

/// A language list (`lit+eng+dan`) with `first` moved to its front; the list
/// as it is when it does not hold `first`.
pub fn languages_first(configured: &str, first: &str) -> String {
    let langs: Vec<&str> = configured.split('+').collect();
    if !langs.contains(&first) {
        return configured.to_owned();
    }
    std::iter::once(first).chain(langs.into_iter().filter(|l| *l != first)).collect::<Vec<_>>().join("+")
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_preferred_language_moves_to_the_front_when_it_is_listed() {
        assert_eq!(super::languages_first("lit+eng+dan", "dan"), "dan+lit+eng");
        assert_eq!(super::languages_first("lit+eng+dan", "lit"), "lit+eng+dan");
        assert_eq!(super::languages_first("lit+eng", "dan"), "lit+eng");
    }
}

/// An engine that refuses every page; for callers that read only text-bearing
/// inputs (e-invoices, born-digital PDFs, HTML).
#[derive(Debug, Default, Clone, Copy)]
pub struct NoOcr;

impl Ocr for NoOcr {
    fn recognize(&mut self, _: &GrayImage, _: Option<u32>) -> Result<OcrPage, ExtractError> {
        Err(ExtractError::Ocr("no OCR engine is configured".into()))
    }
}
