//! Tesseract OCR for kvitas, through the engine's C API.
//!
//! One [`Tesseract`] engine is created per worker thread and reused across pages
//! and documents: starting an engine costs far more than recognising a page.
//! Before recognition each page is deskewed (Leptonica), and when a page reads
//! poorly its orientation is detected (Tesseract OSD) and the page turned upright.
//! Table rulings are painted over so that boxed cells are read as text.
//! A page whose ink lies mostly outside the words read (print fainter than a
//! photo's dark surroundings) is read again with its paper brought to one shade.
//! Ink the reading passed over, or read unsurely, is read again line by line
//! (fading letters beside it included; from a copy on a margin of paper where
//! reading it in place stays unsure);
//! double-height print (a receipt's total) is read again stretched sideways.
//! A multiplication sign read as the letter x is told from it by where it sits.
//!
//! ```no_run
//! use kvitas_extract::Ocr;
//! let mut engine = kvitas_ocr::Tesseract::new("lit+eng").unwrap();
//! let page = image::GrayImage::new(100, 100);
//! let words = engine.recognize(&page, Some(300)).unwrap().words;
//! ```

mod bands;
mod dotted;
mod engine;
mod faint;
mod gaps;
mod pix;
mod rulings;
mod signs;
#[cfg(test)]
mod test_support;
mod tsv;

pub use engine::{REVISION, Tesseract, available_languages, tessdata_dir};
