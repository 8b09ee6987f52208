//! Checks run on the generated files before they are written, so that a broken
//! sample fails the generator instead of misleading a test later.

use anyhow::{Context, Result, bail, ensure};
use kvitas_extract::{Input, InvoiceData, NoOcr, Options};
use pdf_oxide::PdfDocument;

/// The PDF opens again and has the expected number of pages.
pub fn pages(name: &str, pdf: &[u8], expected: usize) -> Result<()> {
    let doc = PdfDocument::from_bytes(pdf.to_vec()).with_context(|| format!("{name} does not reopen"))?;
    let count = doc.page_count().with_context(|| format!("{name} has no readable page tree"))?;
    ensure!(count == expected, "{name} has {count} pages, expected {expected}");
    Ok(())
}

/// Reading the file through kvitas's own exact path (e-invoice XML, or the XML
/// embedded in a PDF) gives the truth. `language` is a guess in the truth and is
/// not stated by the XML, so it is left out of the comparison.
pub fn exact_read(name: &str, bytes: &[u8], truth: &InvoiceData) -> Result<()> {
    let extraction = kvitas_extract::read(Input::Bytes(bytes.to_vec()), &mut NoOcr, &Options::default())
        .with_context(|| format!("kvitas cannot read {name}"))?;
    let mut expected = truth.clone();
    expected.language = None;
    let mut actual = extraction.data;
    actual.language = None;
    if actual != expected {
        let show = |d: &InvoiceData| serde_json::to_string_pretty(d).unwrap_or_default();
        bail!(
            "{name} does not read back as its truth (reader {}).\nexpected: {}\nread:     {}",
            extraction.reader,
            show(&expected),
            show(&actual)
        );
    }
    Ok(())
}

/// The text layer of page `page` contains each of `needles`. This catches a
/// font without Lithuanian or Danish glyphs, which would draw and extract
/// `.notdef` boxes instead of letters.
pub fn text_layer(name: &str, pdf: &[u8], page: usize, needles: &[&str]) -> Result<()> {
    let doc = PdfDocument::from_bytes(pdf.to_vec()).with_context(|| format!("{name} does not reopen"))?;
    let text = doc.extract_text(page).with_context(|| format!("{name}: no text on page {}", page + 1))?;
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for needle in needles {
        ensure!(squeezed.contains(needle), "{name}: the text layer lacks {needle:?}");
    }
    Ok(())
}

/// The page carries the expected `/Rotate`.
pub fn rotation(name: &str, pdf: &[u8], page: usize, degrees: i32) -> Result<()> {
    let doc = PdfDocument::from_bytes(pdf.to_vec()).with_context(|| format!("{name} does not reopen"))?;
    let found = doc.get_page_rotation(page)?;
    ensure!(found == degrees, "{name}: page {} is rotated {found}°, expected {degrees}°", page + 1);
    Ok(())
}
