//! Limits that protect the process from hostile or broken input.

use crate::error::ExtractError;

/// Resource limits for reading one document. Every refusal is a clear error.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest input accepted, in bytes.
    pub max_file_bytes: u64,
    /// Most pages read from one document.
    pub max_pages: usize,
    /// Most pixels in one page image (decoded or rendered).
    pub max_pixels: u64,
    /// Largest ratio of decompressed to compressed size.
    pub max_decompression_ratio: u64,
    /// Largest decompressed output of any one stream, in bytes.
    pub max_decompressed_bytes: u64,
    /// Most objects a PDF may declare in its cross-reference data.
    pub max_pdf_objects: u64,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 50 << 20,
            max_pages: 100,
            max_pixels: 50_000_000,
            max_decompression_ratio: 200,
            max_decompressed_bytes: 256 << 20,
            max_pdf_objects: 1_000_000,
        }
    }
}

impl Limits {
    /// Refuses an input larger than `max_file_bytes`.
    pub fn check_size(&self, size: u64) -> Result<(), ExtractError> {
        if size > self.max_file_bytes {
            return Err(ExtractError::TooLarge { size, limit: self.max_file_bytes });
        }
        Ok(())
    }

    /// Refuses a document with more than `max_pages` pages.
    pub fn check_pages(&self, pages: usize) -> Result<(), ExtractError> {
        if pages > self.max_pages {
            return Err(ExtractError::TooManyPages { pages, limit: self.max_pages });
        }
        Ok(())
    }

    /// Refuses an image with more than `max_pixels` pixels.
    pub fn check_pixels(&self, width: u64, height: u64) -> Result<(), ExtractError> {
        if width.saturating_mul(height) > self.max_pixels {
            return Err(ExtractError::TooManyPixels { width, height, limit: self.max_pixels });
        }
        Ok(())
    }

    /// How many bytes `compressed` input bytes may expand to.
    pub fn decompressed_cap(&self, compressed: u64) -> u64 {
        compressed.saturating_mul(self.max_decompression_ratio).max(1 << 20).min(self.max_decompressed_bytes)
    }
}
