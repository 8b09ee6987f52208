//! Generates the repository's sample documents and their ground truth.
//!
//! ```text
//! cargo run -p kvitas --example make_samples -- [OUT_DIR]    (default: samples)
//! ```
//!
//! Every document is fictitious: names, companies and addresses are invented,
//! identifiers are built from made-up base numbers with valid check digits, and
//! all amounts are computed exactly with `rust_decimal`. Each document is written
//! with a truth file `X.json` in the canonical schema (`kvitas_extract::InvoiceData`)
//! that holds exactly the values printed on it. All randomness (scan noise) comes
//! from fixed seeds, so a rerun reproduces the same files byte for byte.
//!
//! The text-layer PDFs embed DejaVu Sans; set `KVITAS_SAMPLE_FONT`,
//! `KVITAS_SAMPLE_FONT_BOLD` and `KVITAS_SAMPLE_FONT_MONO` to use other files.

mod canvas;
mod cii;
mod da;
mod einvoices;
mod en;
mod facturx;
mod ids;
mod locale;
mod lt;
mod money;
mod party;
mod pdfobj;
mod pdfsyntax;
mod receipts;
mod scan;
mod sheet;
mod ubl;
mod verify;

use std::path::PathBuf;

use anyhow::{Context, Result};
use kvitas_extract::InvoiceData;

/// One generated document: the input files that show it and its truth.
pub struct Sample {
    pub stem: &'static str,
    pub inputs: Vec<(String, Vec<u8>)>,
    pub truth: InvoiceData,
}

impl Sample {
    /// A sample whose single input is `stem.extension`.
    pub fn single(stem: &'static str, extension: &str, bytes: Vec<u8>, truth: InvoiceData) -> Sample {
        Sample { stem, inputs: vec![(format!("{stem}.{extension}"), bytes)], truth }
    }
}

fn main() -> Result<()> {
    let out = std::env::args_os().nth(1).map(PathBuf::from).unwrap_or_else(|| PathBuf::from("samples"));
    let fonts = canvas::Fonts::load()?;
    let samples = vec![
        lt::vat_invoice(&fonts)?,
        da::long_invoice(&fonts)?,
        en::scanned_invoice(&fonts)?,
        facturx::invoice(&fonts)?,
        einvoices::ubl_invoice()?,
        einvoices::cii_credit_note()?,
        receipts::cafe_email()?,
        receipts::till_text()?,
        receipts::rotated_photo(&fonts)?,
        da::rotated_page(&fonts)?,
    ];
    std::fs::create_dir_all(&out).with_context(|| format!("cannot create {}", out.display()))?;
    let mut total = 0;
    for sample in &samples {
        let mut json = serde_json::to_vec_pretty(&sample.truth)?;
        json.push(b'\n');
        let truth = (format!("{}.json", sample.stem), json);
        for (name, bytes) in sample.inputs.iter().chain([&truth]) {
            let path = out.join(name);
            std::fs::write(&path, bytes).with_context(|| format!("cannot write {}", path.display()))?;
            println!("{:>9} bytes  {}", bytes.len(), path.display());
            total += bytes.len();
        }
    }
    let readme = out.join("README.md");
    std::fs::write(&readme, README).with_context(|| format!("cannot write {}", readme.display()))?;
    println!("{total:>9} bytes in all");
    Ok(())
}

const README: &str = "\
# Sample documents

Demo and test inputs for kvitas (`kvitas scan samples/`). They are generated, not
collected: `cargo run -p kvitas --example make_samples` writes them all again, byte
for byte, from `crates/kvitas/examples/make_samples/`. Edit the generator, not these
files.

All data is fictitious: the people, companies and addresses are invented, the
identifiers (company codes, VAT numbers, CVR numbers, IBANs, FI payment ids) are
made-up numbers given valid check digits, and the amounts are computed exactly.
A few real bank BIC codes appear in bank details.

Each document `X` has a truth file `X.json` in the canonical schema (see
`crates/extract/src/data.rs`) holding exactly the values printed on it.

| file | what it is |
| --- | --- |
| `lt-pvm-saskaita.pdf` | Lithuanian PVM sąskaita faktūra, born digital with a text layer (EUR, PVM 21 %) |
| `da-faktura.p1.jpg`, `da-faktura.p2.jpg` | Danish faktura whose item table continues onto page 2, scanned at 200 DPI in grayscale (DKK, moms 25 %, FI payment line) |
| `en-invoice-scan.pdf` | UK invoice as an image-only \"scanned\" PDF without a text layer (GBP, VAT 20 %) |
| `facturx-rechnung.pdf` | German/English invoice with an embedded `factur-x.xml` (CII, EN 16931 profile; VAT 19 % and 7 %). Not a validated PDF/A-3 file |
| `ubl-invoice.xml` | UBL 2.1 invoice in Peppol BIS 3 style from a Lithuanian hotel (PVM 21 % and 9 %) |
| `cii-credit-note.xml` | UN/CEFACT CII credit note (type code 381) from a Danish supplier. As in the corpus's XML truth, its amounts are the positive values the XML states |
| `kavine-kvitas.html` | HTML e-mail receipt from a Lithuanian café, paid by card with a tip |
| `store-receipt.txt` | plain-text UK till receipt with VAT codes, paid in cash |
| `receipt-photo-rotated.png` | Danish bakery receipt photographed sideways (rotated 90°), 300 DPI |
| `rotated-page.pdf` | Danish one-page invoice whose page has `/Rotate 90`; it displays upright and keeps its text layer |
";
