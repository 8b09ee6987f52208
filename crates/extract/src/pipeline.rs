//! From input bytes to an `Extraction`: detect, read the text, choose the fields.

use crate::data::InvoiceData;
use crate::detect::{self, InputKind};
use crate::document::{Document, Page, TextSource, Unit};
use crate::error::ExtractError;
use crate::extraction::{Extraction, Issue, fields_from_data};
use crate::image_input::{self, PageImage};
use crate::limits::Limits;
use crate::ocr::Ocr;
use crate::pdf::Pdf;
use crate::suppliers::KnownSupplier;
use crate::{einvoice, html, layout};

/// One document to read.
#[derive(Debug, Clone)]
pub enum Input {
    /// A single file of any supported type.
    Bytes(Vec<u8>),
    /// Page images in page order (`X.p1.jpg`, `X.p2.jpg`…) forming one document.
    Pages(Vec<Vec<u8>>),
}

/// How to read.
#[derive(Debug, Clone)]
pub struct Options {
    /// Resource limits.
    pub limits: Limits,
    /// Use an e-invoice XML attached to a PDF instead of reading its pages.
    pub embedded_xml: bool,
    /// Resolution at which scanned PDF pages are rendered for OCR.
    pub render_dpi: u32,
    /// Suppliers confirmed on earlier documents, to recognise the
    /// document's supplier among (see [`crate::suppliers`]).
    pub known_suppliers: Vec<KnownSupplier>,
}

impl Default for Options {
    fn default() -> Options {
        Options { limits: Limits::default(), embedded_xml: true, render_dpi: 300, known_suppliers: Vec::new() }
    }
}

/// Reads one document: detects its type, reads its text (or its e-invoice XML)
/// and extracts the canonical data.
pub fn read(input: Input, ocr: &mut dyn Ocr, opts: &Options) -> Result<Extraction, ExtractError> {
    let mut ex = match input {
        Input::Bytes(bytes) => read_one(bytes, ocr, opts),
        Input::Pages(pages) => read_pages(pages, ocr, opts),
    }?;
    crate::suppliers::recognise(&mut ex, &opts.known_suppliers);
    Ok(ex)
}

fn read_one(bytes: Vec<u8>, ocr: &mut dyn Ocr, opts: &Options) -> Result<Extraction, ExtractError> {
    let detected = detect::detect(bytes, &opts.limits)?;
    let kind = detected.kind;
    match kind {
        k if k.is_einvoice() => {
            let data = einvoice::read(k, &detected.bytes)?;
            Ok(exact(kind, "xml", data, 0))
        }
        InputKind::Pdf => read_pdf(detected.bytes, ocr, opts),
        InputKind::Html | InputKind::Text => {
            let text = detect::decode_text(&detected.bytes).ok_or_else(|| ExtractError::Corrupt {
                kind: kind.name(),
                detail: "not valid UTF-8 or UTF-16".into(),
            })?;
            let page = if kind == InputKind::Html { html::read_html(&text) } else { html::read_text(&text) };
            Ok(visual(kind, "markup", Document { pages: vec![page] }))
        }
        _ => {
            let img = image_input::decode(kind, &detected.bytes, &opts.limits)?;
            let page = PageReader::new(ocr).read(&img, 1)?;
            Ok(visual(kind, "ocr", Document { pages: vec![page] }))
        }
    }
}

fn read_pages(pages: Vec<Vec<u8>>, ocr: &mut dyn Ocr, opts: &Options) -> Result<Extraction, ExtractError> {
    opts.limits.check_pages(pages.len())?;
    let mut kind = None;
    let mut doc = Document::default();
    let mut reader = PageReader::new(ocr);
    for (i, bytes) in pages.into_iter().enumerate() {
        let d = detect::detect(bytes, &opts.limits)?;
        if !d.kind.is_image() {
            return Err(ExtractError::Pages(format!("page {} is {}, not an image", i + 1, d.kind.name())));
        }
        kind.get_or_insert(d.kind);
        let img = image_input::decode(d.kind, &d.bytes, &opts.limits)?;
        doc.pages.push(reader.read(&img, i as u32 + 1)?);
    }
    let kind = kind.ok_or_else(|| ExtractError::Pages("a document needs at least one page".into()))?;
    Ok(visual(kind, "ocr", doc))
}

fn read_pdf(bytes: Vec<u8>, ocr: &mut dyn Ocr, opts: &Options) -> Result<Extraction, ExtractError> {
    let pdf = Pdf::open(bytes, &opts.limits)?;
    if let Some((_, xml)) = pdf.embedded_einvoice().filter(|_| opts.embedded_xml) {
        let inner = detect::detect(xml, &opts.limits)?;
        if inner.kind.is_einvoice() {
            let data = einvoice::read(inner.kind, &inner.bytes)?;
            return Ok(exact(InputKind::Pdf, "embedded_xml", data, pdf.page_count()));
        }
    }
    let mut reader = PageReader::new(ocr);
    let mut doc = Document::default();
    let (mut text_pages, mut ocr_pages) = (0, 0);
    for index in 0..pdf.page_count() {
        let page = match pdf.text_page(index)? {
            Some(p) => {
                text_pages += 1;
                p
            }
            None => {
                ocr_pages += 1;
                let image = pdf.render_gray(index, opts.render_dpi, &opts.limits)?;
                reader.read(&PageImage { image, dpi: Some(opts.render_dpi) }, index as u32 + 1)?
            }
        };
        doc.pages.push(page);
    }
    let reader = match (text_pages, ocr_pages) {
        (_, 0) => "pdf_text",
        (0, _) => "ocr",
        _ => "pdf_text+ocr",
    };
    Ok(visual(InputKind::Pdf, reader, doc))
}

/// OCR of one document's pages, which settles on the document's language
/// after the first page that shows it: where that language writes letters of
/// its own and the engine can read it first, the page is read again that way,
/// and so are the pages after it.
struct PageReader<'a> {
    ocr: &'a mut dyn Ocr,
    settled: bool,
}

impl<'a> PageReader<'a> {
    fn new(ocr: &'a mut dyn Ocr) -> PageReader<'a> {
        // The engine may still prefer the language of the document before.
        ocr.prefer_language(None);
        PageReader { ocr, settled: false }
    }

    fn read(&mut self, img: &PageImage, number: u32) -> Result<Page, ExtractError> {
        let page = ocr_page(self.ocr, img, number)?;
        if self.settled {
            return Ok(page);
        }
        let lang = layout::reading_language(&Document { pages: vec![page.clone()] });
        self.settled = page.words().next().is_some();
        match lang {
            Some(l) if self.ocr.prefer_language(Some(l.code3())) => ocr_page(self.ocr, img, number),
            _ => Ok(page),
        }
    }
}

/// Tesseract reads small print best at about 300 DPI; scans made at lower
/// resolutions are enlarged to it first.
const OCR_DPI: u32 = 300;

fn ocr_page(ocr: &mut dyn Ocr, img: &PageImage, number: u32) -> Result<Page, ExtractError> {
    let r = match img.dpi.filter(|d| (100..OCR_DPI - 25).contains(d)) {
        Some(dpi) => {
            let scale = OCR_DPI as f32 / dpi as f32;
            let (w, h) = ((img.image.width() as f32 * scale) as u32, (img.image.height() as f32 * scale) as u32);
            let larger = image::imageops::resize(&img.image, w, h, image::imageops::FilterType::CatmullRom);
            ocr.recognize(&larger, Some(OCR_DPI))?
        }
        None => ocr.recognize(&img.image, img.dpi)?,
    };
    Ok(Page {
        number,
        width: r.width as f32,
        height: r.height as f32,
        unit: Unit::Pixel,
        rotation: r.rotation,
        source: TextSource::Ocr,
        lines: crate::document::group_into_lines(without_flat(r.words).into_iter().map(without_ruling).collect()),
    })
}

/// OCR reads a table's horizontal rules as words of letters a few pixels
/// high ("OPRETTER", "SEE" along a ruled grid); no printed word is much
/// flatter than the page's text, so words under [`FLAT`] of the page's
/// middle word height are left out.
fn without_flat(words: Vec<crate::document::Word>) -> Vec<crate::document::Word> {
    let mut heights: Vec<f32> = words
        .iter()
        .filter(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .map(|w| w.bbox.height())
        .collect();
    if heights.len() < 5 {
        return words;
    }
    heights.sort_by(f32::total_cmp);
    let middle = heights[heights.len() / 2];
    // Marks standing alone go too: OCR attaches real punctuation to its
    // word, and flat marks on their own are specks and pieces of rule.
    words.into_iter().filter(|w| w.bbox.height() >= middle * FLAT).collect()
}

/// See [`without_flat`].
const FLAT: f32 = 0.35;

/// OCR reads the vertical rules of a table as bars stuck to the words beside
/// them ("|Description", "%|"); they are never part of a word. A bar standing
/// alone stays: it may separate the parts of a footer line.
fn without_ruling(mut w: crate::document::Word) -> crate::document::Word {
    let bars = ['|', '¦'];
    let trimmed = w.text.trim_matches(bars);
    if !trimmed.is_empty() && trimmed.len() != w.text.len() {
        w.text = trimmed.to_owned();
    }
    w
}

/// An extraction from an e-invoice: every value exact.
fn exact(kind: InputKind, reader: &'static str, data: InvoiceData, page_count: usize) -> Extraction {
    let fields = fields_from_data(&data, 1.0, Some(reader));
    Extraction { kind, reader, data, fields, issues: Vec::new(), page_count, document: Document::default() }
}

/// An extraction from what is visible on the pages.
fn visual(kind: InputKind, reader: &'static str, mut document: Document) -> Extraction {
    if document.pages.iter().any(|p| p.source == TextSource::Ocr) {
        let lang = layout::language(&document);
        crate::ocr_fix::mend(&mut document, lang);
    }
    let mut found = layout::extract(&document);
    if document.word_count() == 0 {
        found.issues.push(Issue {
            code: "no_text".into(),
            message: "no text could be read from the document".into(),
            field: None,
        });
    }
    let page_count = if kind == InputKind::Pdf || kind.is_image() { document.pages.len() } else { 0 };
    Extraction { kind, reader, data: found.data, fields: found.fields, issues: found.issues, page_count, document }
}

#[cfg(test)]
mod tests {
    use crate::document::{BBox, Word};
    use crate::ocr::{Ocr, OcrPage};

    /// An engine that "reads" a Danish invoice, better once asked to read
    /// Danish first, and counts what it was asked.
    #[derive(Default)]
    struct Danish {
        first: Option<String>,
        reads: Vec<Option<String>>,
    }

    impl Ocr for Danish {
        fn prefer_language(&mut self, lang: Option<&str>) -> bool {
            let changed = self.first.as_deref() != lang;
            self.first = lang.map(str::to_owned);
            changed
        }

        fn recognize(&mut self, _: &image::GrayImage, _: Option<u32>) -> Result<OcrPage, crate::ExtractError> {
            self.reads.push(self.first.clone());
            let son = if self.first.as_deref() == Some("dan") { "Søn" } else { "Sen" };
            let line = ["Faktura", "Hansen", "&", son, "ApS", "Beløb", "i", "alt:", "1.250,00", "kr."];
            let words = line
                .iter()
                .enumerate()
                .map(|(i, t)| Word {
                    text: (*t).to_owned(),
                    bbox: BBox::new(i as f32 * 100.0, 10.0, i as f32 * 100.0 + 80.0, 40.0),
                    confidence: 0.9,
                })
                .collect();
            Ok(OcrPage { width: 1000, height: 1000, rotation: 0.0, words })
        }
    }

    fn png() -> Vec<u8> {
        let mut out = std::io::Cursor::new(Vec::new());
        image::GrayImage::new(20, 20).write_to(&mut out, image::ImageFormat::Png).unwrap();
        out.into_inner()
    }

    #[test]
    fn a_danish_page_is_read_again_with_danish_first_and_so_are_the_pages_after_it() {
        let mut ocr = Danish { first: Some("lit".into()), ..Danish::default() };
        let pages = super::Input::Pages(vec![png(), png()]);
        let x = super::read(pages, &mut ocr, &super::Options::default()).unwrap();
        // Page 1 read as configured, then again in Danish; page 2 in Danish.
        assert_eq!(ocr.reads, [None, Some("dan".into()), Some("dan".into())]);
        assert!(x.document.pages.iter().all(|p| p.lines[0].text().contains("Søn")));
    }
    #[test]
    fn words_far_flatter_than_the_text_are_rules_read_as_letters() {
        let word = |t: &str, y0: f32, y1: f32| crate::document::Word {
            text: t.to_owned(),
            bbox: crate::document::BBox::new(0.0, y0, 50.0, y1),
            confidence: 0.9,
        };
        let mut words: Vec<_> = (0..6).map(|i| word("Total", i as f32 * 50.0, i as f32 * 50.0 + 40.0)).collect();
        words.push(word("OPRETTER", 400.0, 401.0));
        words.push(word(",", 450.0, 460.0));
        let kept: Vec<String> = super::without_flat(words).into_iter().map(|w| w.text).collect();
        assert_eq!(kept.len(), 6);
        assert!(!kept.contains(&"OPRETTER".to_owned()));
    }

    #[test]
    fn table_rules_read_as_bars_are_not_text() {
        let word = |t: &str| crate::document::Word {
            text: t.to_owned(),
            bbox: crate::document::BBox::new(0.0, 0.0, 1.0, 1.0),
            confidence: 0.9,
        };
        let kept = |t: &str| super::without_ruling(word(t)).text;
        assert_eq!(kept("|Description"), "Description");
        assert_eq!(kept("%|"), "%");
        assert_eq!(kept("|"), "|", "a separator between footer parts");
        assert_eq!(kept("A/S"), "A/S");
    }
}
