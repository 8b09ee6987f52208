//! PDF input: the text layer with positions, embedded e-invoices, and page
//! rendering for scanned pages.

use image::GrayImage;
use pdf_oxide::PdfDocument;

use crate::document::{BBox, Line, Page, TextSource, Unit, Word, group_into_lines};
use crate::error::ExtractError;
use crate::guard::contained;
use crate::limits::Limits;

/// File names under which PDF/A-3 invoices carry their XML (compared without case).
const EINVOICE_ATTACHMENTS: &[&str] = &["factur-x.xml", "zugferd-invoice.xml", "xrechnung.xml"];

/// A page whose text layer has fewer characters than this is treated as scanned.
const MIN_TEXT_CHARS: usize = 16;

/// An opened PDF.
pub struct Pdf {
    doc: PdfDocument,
    pages: usize,
}

impl std::fmt::Debug for Pdf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pdf").field("pages", &self.pages).finish()
    }
}

fn corrupt(e: impl std::fmt::Display) -> ExtractError {
    ExtractError::corrupt("pdf", e)
}

/// How far from the end of a complete PDF its end-of-file marker may sit; some
/// writers append a little junk after it.
const EOF_WINDOW: usize = 4096;

/// Refuses a PDF that was cut short. Parsers recover what they can from such a
/// file and would report a damaged invoice as one with fewer pages or no text.
fn check_complete(bytes: &[u8]) -> Result<(), ExtractError> {
    let tail = &bytes[bytes.len().saturating_sub(EOF_WINDOW)..];
    if crate::detect::find(tail, b"%%EOF").is_none() && crate::detect::find(tail, b"startxref").is_none() {
        return Err(corrupt("the file is truncated (no end-of-file marker)"));
    }
    Ok(())
}

impl Pdf {
    /// Opens a PDF after checking the size and the declared object count.
    pub fn open(bytes: Vec<u8>, limits: &Limits) -> Result<Pdf, ExtractError> {
        contained("pdf", || Pdf::open_inner(bytes, limits))
    }

    fn open_inner(bytes: Vec<u8>, limits: &Limits) -> Result<Pdf, ExtractError> {
        limits.check_size(bytes.len() as u64)?;
        check_complete(&bytes)?;
        check_declared_objects(&bytes, limits)?;
        let doc = PdfDocument::from_bytes(bytes).map_err(corrupt)?;
        if doc.is_encrypted() && !doc.is_authenticated() {
            // Most "encrypted" invoices only restrict printing and open with the
            // empty user password.
            let ok = doc.authenticate(b"").unwrap_or(false);
            if !ok {
                return Err(corrupt("the PDF is password-protected"));
            }
        }
        let pages = doc.page_count().map_err(corrupt)?;
        if pages == 0 {
            return Err(corrupt("the PDF has no pages"));
        }
        limits.check_pages(pages)?;
        Ok(Pdf { doc, pages })
    }

    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages
    }

    /// The e-invoice XML attached to the PDF, if any, with its file name.
    pub fn embedded_einvoice(&self) -> Option<(String, Vec<u8>)> {
        let files = contained("pdf", || Ok(self.doc.extract_embedded_files().ok())).ok().flatten()?;
        files.into_iter().find(|(name, _)| {
            let name = clean_name(name);
            let base = name.rsplit(['/', '\\']).next().unwrap_or(&name).to_ascii_lowercase();
            EINVOICE_ATTACHMENTS.contains(&base.as_str())
        })
    }

    /// The text layer of page `index` (0-based) in upright page coordinates, or
    /// `None` when the page has no usable text (a scan).
    pub fn text_page(&self, index: usize) -> Result<Option<Page>, ExtractError> {
        contained("pdf", || self.text_page_inner(index))
    }

    fn text_page_inner(&self, index: usize) -> Result<Option<Page>, ExtractError> {
        let (x0, y0, x1, y1) = self.doc.get_page_media_box(index).map_err(corrupt)?;
        let rotation = self.doc.get_page_rotation(index).unwrap_or(0).rem_euclid(360);
        let (w, h) = ((x1 - x0).abs(), (y1 - y0).abs());
        let words = self.doc.extract_words(index).map_err(corrupt)?;
        let chars: usize = words.iter().map(|w| w.text.trim().chars().count()).sum();
        if chars < MIN_TEXT_CHARS {
            return Ok(None);
        }
        // The text layer reports boxes in the displayed page's frame (after
        // `/Rotate`), with y upwards. For glyph runs that are themselves turned
        // (how upright text is drawn on a rotated page) the reported height is
        // the run's length, not the glyph height, but its upper edge is where
        // the run's bottom is displayed; the font size gives the height.
        let (pw, ph) = if rotation % 180 == 90 { (h, w) } else { (w, h) };
        let words: Vec<Word> = words
            .into_iter()
            // On a page not turned by `/Rotate`, turned runs are text set
            // sideways (a note up the margin): their letters would land in
            // the page's lines one by one, so they are left out.
            .filter(|w| rotation != 0 || !sideways(w.rotation_degrees))
            .flat_map(|w| {
                let b = w.bbox;
                let (left, right) = (b.x - x0, b.x - x0 + b.width);
                let bbox = if sideways(w.rotation_degrees) {
                    let bottom = ph - (b.y - y0 + b.height);
                    BBox::new(left, bottom - w.avg_font_size.max(1.0), right, bottom)
                } else {
                    BBox::new(left, ph - (b.y - y0) - b.height, right, ph - (b.y - y0))
                };
                split_spaces(&w.text, bbox)
            })
            .collect();
        Ok(Some(Page {
            number: index as u32 + 1,
            width: pw,
            height: ph,
            unit: Unit::Point,
            rotation: rotation as f32,
            source: TextSource::PdfText,
            lines: group_into_lines(words).into_iter().filter_map(join_touching).collect(),
        }))
    }

    /// Renders page `index` to a grayscale image at `dpi`, within the pixel limit.
    pub fn render_gray(&self, index: usize, dpi: u32, limits: &Limits) -> Result<GrayImage, ExtractError> {
        Ok(self.render(index, dpi, limits)?.into_luma8())
    }

    /// Renders page `index` in colour at `dpi`, within the pixel limit.
    pub fn render(&self, index: usize, dpi: u32, limits: &Limits) -> Result<image::DynamicImage, ExtractError> {
        contained("pdf", || self.render_inner(index, dpi, limits))
    }

    fn render_inner(&self, index: usize, dpi: u32, limits: &Limits) -> Result<image::DynamicImage, ExtractError> {
        let (x0, y0, x1, y1) = self.doc.get_page_media_box(index).map_err(corrupt)?;
        let scale = dpi as f32 / 72.0;
        let (pw, ph) = (((x1 - x0).abs() * scale) as u64, ((y1 - y0).abs() * scale) as u64);
        limits.check_pixels(pw, ph)?;
        let mut opts = pdf_oxide::rendering::RenderOptions::with_dpi(dpi);
        opts.format = pdf_oxide::rendering::ImageFormat::RawRgba8;
        opts.render_annotations = false;
        opts.max_output_pixels = limits.max_pixels;
        let img = pdf_oxide::rendering::render_page(&self.doc, index, &opts).map_err(corrupt)?;
        let rgba = image::RgbaImage::from_raw(img.width, img.height, img.data)
            .ok_or_else(|| corrupt("the renderer returned a malformed raster"))?;
        Ok(image::DynamicImage::ImageRgba8(rgba))
    }
}

/// Joins words of a line that touch: the text layer may break a word where
/// its glyphs are kerned apart ("RE-20201121/50" and "8", a seventh of a
/// point apart in 12-point type), far closer than any space between words.
fn join_touching(line: Line) -> Option<Line> {
    let mut words: Vec<Word> = Vec::with_capacity(line.words.len());
    for w in line.words {
        match words.last_mut() {
            Some(prev) if (w.bbox.x0 - prev.bbox.x1).abs() < TOUCHING * prev.bbox.height().min(w.bbox.height()) => {
                prev.text.push_str(&w.text);
                prev.bbox = prev.bbox.union(w.bbox);
            }
            _ => words.push(w),
        }
    }
    Line::from_words(words)
}

/// Words closer than this share of their height touch.
const TOUCHING: f32 = 0.05;

/// True for a glyph run turned by more than 45 degrees either way.
fn sideways(degrees: f32) -> bool {
    let d = degrees.rem_euclid(360.0);
    d > 45.0 && d < 315.0
}

/// An attachment name as plain text. Names stored as UTF-16 with a byte-order
/// mark reach us with the mark as replacement characters and NULs between the
/// letters; both are dropped.
fn clean_name(name: &str) -> String {
    name.chars().filter(|c| *c != '\u{fffd}' && *c != '\0' && *c != '\u{feff}').collect()
}

/// Splits a text block that holds several space-separated words, giving each a
/// share of the box proportional to its length.
fn split_spaces(text: &str, bbox: BBox) -> Vec<Word> {
    let total = text.chars().count().max(1) as f32;
    let per_char = (bbox.x1 - bbox.x0) / total;
    let mut out = Vec::new();
    let mut offset = 0usize;
    for part in text.split(' ') {
        let n = part.chars().count();
        let trimmed = part.trim();
        if !trimmed.is_empty() {
            let x0 = bbox.x0 + offset as f32 * per_char;
            out.push(Word {
                text: trimmed.to_owned(),
                bbox: BBox::new(x0, bbox.y0, x0 + n as f32 * per_char, bbox.y1),
                confidence: 1.0,
            });
        }
        offset += n + 1;
    }
    out
}

/// Refuses a PDF whose cross-reference data declares more objects than allowed,
/// before any parser sizes its tables from those numbers. The counts are the
/// `/Size` of trailers and cross-reference streams, and the subsection headers of
/// classic `xref` tables (`first count`). Other `/Size` keys (an attachment's
/// byte size, for one) are not object counts and are ignored.
fn check_declared_objects(bytes: &[u8], limits: &Limits) -> Result<(), ExtractError> {
    let mut declared = 0u64;
    let size_near = |from: usize, to: usize| -> u64 {
        let window = &bytes[from.min(bytes.len())..to.min(bytes.len())];
        find_all(window, b"/Size").filter_map(|p| number_after(&window[p + 5..])).max().unwrap_or(0)
    };
    for pos in find_all(bytes, b"trailer") {
        declared = declared.max(size_near(pos, pos + 2048));
    }
    for pos in find_all(bytes, b"/XRef") {
        declared = declared.max(size_near(pos.saturating_sub(1024), pos + 1024));
    }
    for pos in find_all(bytes, b"xref") {
        // Skip `startxref`, whose number is a byte offset.
        if pos > 0 && bytes[pos - 1].is_ascii_alphabetic() {
            continue;
        }
        let rest = &bytes[pos + 4..];
        let Some(first) = number_after(rest) else { continue };
        let skip = rest.iter().position(|c| c.is_ascii_digit()).unwrap_or(0);
        let after_first = &rest[skip..];
        let digits = after_first.iter().take_while(|c| c.is_ascii_digit()).count();
        if let Some(count) = number_after(&after_first[digits..]) {
            declared = declared.max(first.saturating_add(count));
        }
    }
    if declared > limits.max_pdf_objects {
        return Err(ExtractError::TooManyObjects { objects: declared, limit: limits.max_pdf_objects });
    }
    Ok(())
}

fn find_all<'a>(hay: &'a [u8], needle: &'a [u8]) -> impl Iterator<Item = usize> + 'a {
    hay.windows(needle.len()).enumerate().filter(move |(_, w)| *w == needle).map(|(i, _)| i)
}

/// The unsigned integer after optional PDF whitespace, saturating on overflow.
fn number_after(bytes: &[u8]) -> Option<u64> {
    let start = bytes.iter().take(16).position(|c| !c.is_ascii_whitespace())?;
    let digits: Vec<u8> = bytes[start..].iter().take(24).take_while(|c| c.is_ascii_digit()).copied().collect();
    if digits.is_empty() {
        return None;
    }
    Some(digits.iter().fold(0u64, |n, d| n.saturating_mul(10).saturating_add(u64::from(d - b'0'))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_set_sideways_on_an_upright_page_is_left_out() {
        let content = "BT /F1 12 Tf 72 700 Td (Rechnung 471102) Tj ET \
                       BT /F1 8 Tf 0 1 -1 0 30 600 Tm (Beispielrechnung COMFORT 2014) Tj ET";
        let pdf = Pdf::open(crate::test_support::pdf_with_content(content), &Limits::default()).unwrap();
        let page = pdf.text_page(0).unwrap().unwrap();
        let text: Vec<String> =
            page.lines.iter().map(|l| l.words.iter().map(|w| w.text.as_str()).collect::<Vec<_>>().join(" ")).collect();
        assert_eq!(text, ["Rechnung 471102"]);
    }

    #[test]
    fn a_billion_object_xref_is_refused_before_parsing() {
        let pdf = b"%PDF-1.4\n1 0 obj<<>>endobj\nxref\n0 1000000000\n0000000000 65535 f \ntrailer<</Size 1000000000>>\nstartxref\n20\n%%EOF";
        let err = Pdf::open(pdf.to_vec(), &Limits::default()).unwrap_err();
        assert!(matches!(err, ExtractError::TooManyObjects { objects: 1_000_000_000, .. }), "{err}");
    }

    #[test]
    fn a_reader_panic_on_a_broken_tounicode_map_is_a_corrupt_error() {
        // Regression: the PDF library slices such a map at a byte that is not a
        // character boundary and panics (found by the `pdf` fuzz target).
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let result = Pdf::open(crate::test_support::pdf_with_broken_tounicode(), &Limits::default())
            .and_then(|pdf| pdf.text_page(0));
        std::panic::set_hook(prev);
        match result {
            Err(ExtractError::Corrupt { kind: "pdf", detail }) => assert!(detail.contains("reader failed"), "{detail}"),
            other => panic!("expected a contained reader failure, got {other:?}"),
        }
    }

    #[test]
    fn utf16_attachment_names_are_cleaned() {
        assert_eq!(clean_name("\u{fffd}\u{fffd}\0f\0a\0c\0t"), "fact");
    }

    #[test]
    fn words_the_text_layer_broke_apart_are_joined_where_they_touch() {
        let word = |text: &str, x0: f32, x1: f32| Word {
            text: text.into(),
            bbox: BBox::new(x0, 0.0, x1, 12.0),
            confidence: 1.0,
        };
        let line = Line::from_words(vec![
            word("RE-20201121/50", 108.45, 198.46),
            word("8", 198.6, 205.27),
            word("issued", 208.7, 243.44),
            // Text drawn twice over itself (a poor man's bold) stays apart.
            word("at", 246.82, 256.83),
            word("at", 246.9, 256.9),
        ])
        .and_then(join_touching)
        .unwrap();
        let texts: Vec<&str> = line.words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["RE-20201121/508", "issued", "at", "at"]);
        assert_eq!(line.words[0].bbox.x1, 205.27);
    }

    #[test]
    fn blocks_with_spaces_split_into_words() {
        let words = split_spaces("Suma  121,00", BBox::new(0.0, 0.0, 120.0, 10.0));
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Suma", "121,00"]);
        assert!(words[1].bbox.x0 > words[0].bbox.x1);
    }
}
