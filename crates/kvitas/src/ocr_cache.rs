//! A store of page readings on disk, so that repeated evaluations of the same
//! scans skip recognition. Work on the rules that read fields from words then
//! takes seconds instead of the minutes OCR needs.
//!
//! A reading is kept under the SHA-256 of everything that decides it: the
//! engine's [`REVISION`](kvitas_ocr::REVISION), the languages, the resolution
//! and the pixels. A changed image, language list or engine revision misses
//! the store and is read afresh.

use std::path::{Path, PathBuf};

use kvitas_extract::{ExtractError, GrayImage, Ocr, OcrPage};
use sha2::{Digest, Sha256};

/// An [`Ocr`] that answers from `dir` when it can and asks `inner` otherwise,
/// keeping what `inner` answers.
pub struct CachedOcr<'a, O: Ocr> {
    /// The engine that reads pages the store does not hold.
    pub inner: O,
    /// Where readings are kept, one JSON file per page image.
    pub dir: &'a Path,
    /// The languages `inner` reads; part of the key.
    pub lang: &'a str,
    /// The order `inner` was asked to read them in, when not the configured
    /// one; part of the key too.
    pub preferred: Option<String>,
}

impl<O: Ocr> CachedOcr<'_, O> {
    fn path(&self, image: &GrayImage, dpi: Option<u32>) -> PathBuf {
        let mut h = Sha256::new();
        for part in [kvitas_ocr::REVISION, self.preferred.as_deref().unwrap_or(self.lang)] {
            h.update((part.len() as u64).to_le_bytes());
            h.update(part.as_bytes());
        }
        h.update(dpi.unwrap_or(0).to_le_bytes());
        h.update(image.width().to_le_bytes());
        h.update(image.height().to_le_bytes());
        h.update(image.as_raw());
        self.dir.join(format!("{}.json", hex::encode(h.finalize())))
    }
}

impl<O: Ocr> Ocr for CachedOcr<'_, O> {
    fn prefer_language(&mut self, lang: Option<&str>) -> bool {
        let changed = self.inner.prefer_language(lang);
        if changed {
            self.preferred = lang.map(|l| kvitas_extract::languages_first(self.lang, l)).filter(|o| o != self.lang);
        }
        changed
    }

    fn recognize(&mut self, image: &GrayImage, dpi: Option<u32>) -> Result<OcrPage, ExtractError> {
        let path = self.path(image, dpi);
        // A stored reading that cannot be read back (cut short, older format)
        // is simply read again and replaced.
        if let Some(page) = std::fs::read(&path).ok().and_then(|b| serde_json::from_slice(&b).ok()) {
            return Ok(page);
        }
        let page = self.inner.recognize(image, dpi)?;
        // The store is a convenience: failing to write it must not fail the
        // reading. A temporary file and a rename keep parallel readers from
        // seeing half a file.
        if let Ok(json) = serde_json::to_vec(&page) {
            let tmp = path.with_extension(format!("tmp{}", std::process::id()));
            if std::fs::write(&tmp, json).is_ok() && std::fs::rename(&tmp, &path).is_err() {
                let _ = std::fs::remove_file(&tmp);
            }
        }
        Ok(page)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Counts the pages it was asked to read.
    struct Counting(usize);

    impl Ocr for Counting {
        fn recognize(&mut self, image: &GrayImage, _: Option<u32>) -> Result<OcrPage, ExtractError> {
            self.0 += 1;
            Ok(OcrPage { width: image.width(), height: image.height(), rotation: 0.0, words: Vec::new() })
        }
    }

    #[test]
    fn a_page_read_once_is_answered_from_the_store() {
        let dir = tempfile::tempdir().unwrap();
        let mut ocr = CachedOcr { inner: Counting(0), dir: dir.path(), lang: "eng", preferred: None };
        let page = GrayImage::from_pixel(8, 4, image_pixel(200));
        let first = ocr.recognize(&page, Some(300)).unwrap();
        let second = ocr.recognize(&page, Some(300)).unwrap();
        assert_eq!(first, second);
        assert_eq!(ocr.inner.0, 1);
        // Another resolution, other pixels or other languages are other readings.
        ocr.recognize(&page, Some(200)).unwrap();
        ocr.recognize(&GrayImage::from_pixel(8, 4, image_pixel(10)), Some(300)).unwrap();
        let mut danish = CachedOcr { inner: Counting(0), dir: dir.path(), lang: "dan", preferred: None };
        danish.recognize(&page, Some(300)).unwrap();
        assert_eq!((ocr.inner.0, danish.inner.0), (3, 1));
    }

    fn image_pixel(v: u8) -> image::Luma<u8> {
        image::Luma([v])
    }
}
