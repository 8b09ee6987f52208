//! Errors for inputs that cannot be read at all.
//!
//! Problems with what was read (a checksum that fails, totals that do not add up)
//! are not errors: they are `Issue`s on the extraction.

/// Why an input could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    /// The content is of a type kvitas does not read.
    #[error("unsupported type: detected {detected}")]
    Unsupported {
        /// What the content looked like.
        detected: String,
    },
    /// The input is larger than the configured maximum.
    #[error("file too large: {size} bytes, the limit is {limit} bytes")]
    TooLarge {
        /// Size of the input in bytes.
        size: u64,
        /// The configured limit.
        limit: u64,
    },
    /// A compressed input expands beyond the allowed size or ratio.
    #[error("decompression limit exceeded: {what} expands beyond {limit} bytes (ratio limit {ratio}:1)")]
    DecompressionBomb {
        /// What was being decompressed.
        what: &'static str,
        /// The byte limit that was hit.
        limit: u64,
        /// The ratio limit in force.
        ratio: u64,
    },
    /// The document has more pages than allowed.
    #[error("too many pages: {pages}, the limit is {limit}")]
    TooManyPages {
        /// Pages in the document.
        pages: usize,
        /// The configured limit.
        limit: usize,
    },
    /// A page image is larger than allowed.
    #[error("image too large: {width}x{height} pixels, the limit is {limit} pixels per page")]
    TooManyPixels {
        /// Image width.
        width: u64,
        /// Image height.
        height: u64,
        /// The configured limit in pixels.
        limit: u64,
    },
    /// A PDF declares more objects than allowed.
    #[error("PDF declares {objects} objects, the limit is {limit}")]
    TooManyObjects {
        /// Objects declared by the cross-reference data.
        objects: u64,
        /// The configured limit.
        limit: u64,
    },
    /// The input claims a type but its content is damaged or truncated.
    #[error("corrupt {kind}: {detail}")]
    Corrupt {
        /// The type that was detected.
        kind: &'static str,
        /// What went wrong, in the reader's words.
        detail: String,
    },
    /// An XML document is not a well-formed or recognised e-invoice.
    #[error("invalid e-invoice: {0}")]
    EInvoice(String),
    /// The OCR engine failed.
    #[error("OCR failed: {0}")]
    Ocr(String),
    /// A document with pages named `X.p1…` is missing a page or mixes types.
    #[error("{0}")]
    Pages(String),
}

impl ExtractError {
    /// A `Corrupt` error with the reader's message tidied to one line.
    pub fn corrupt(kind: &'static str, detail: impl std::fmt::Display) -> ExtractError {
        let detail = detail.to_string().split_whitespace().collect::<Vec<_>>().join(" ");
        ExtractError::Corrupt { kind, detail }
    }
}
