//! The pure extraction core of kvitas: bytes or text in, accounting fields out.
//!
//! No async runtime, database or network is used here. OCR enters through the
//! [`Ocr`] trait so that this crate stays free of native engines; the application
//! supplies a Tesseract engine.
//!
//! ```
//! use kvitas_extract::{read, Input, NoOcr, Options};
//! let ubl = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
//!   xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
//!   <cbc:ID>INV-1</cbc:ID><cbc:IssueDate>2025-03-04</cbc:IssueDate></Invoice>"#;
//! let out = read(Input::Bytes(ubl.to_vec()), &mut NoOcr, &Options::default()).unwrap();
//! assert_eq!(out.data.invoice_number.as_deref(), Some("INV-1"));
//! ```

pub mod data;
pub mod detect;
pub mod document;
pub mod einvoice;
pub mod error;
pub mod extraction;
pub mod guard;
pub mod html;
pub mod ids;
pub mod image_input;
pub mod layout;
pub mod limits;
pub mod ocr;
mod ocr_fix;
pub mod pdf;
mod pipeline;
pub mod preview;
pub mod score;
pub mod suppliers;
#[doc(hidden)]
pub mod test_support;
pub mod values;

pub use data::{DocumentType, InvoiceData, LineItem, Party, PaymentMethod, VatLine};
pub use detect::{Detected, InputKind};
pub use document::{BBox, Document, Line, Page, TextSource, Unit, Word};
pub use error::ExtractError;
pub use extraction::{Extraction, Field, Issue};
pub use image::GrayImage;
pub use limits::Limits;
pub use ocr::{NoOcr, Ocr, OcrPage, languages_first};
pub use pipeline::{Input, Options, read};
pub use suppliers::KnownSupplier;
