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
