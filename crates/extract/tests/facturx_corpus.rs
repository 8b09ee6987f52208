//! Every Factur-X / ZUGFeRD PDF of the corpus yields its truth from the attached
//! XML, read through the PDF reader (not a separately extracted file).

mod common;

use kvitas_extract::{Input, NoOcr, Options, read};

#[test]
fn facturx_pdfs_yield_the_truth_of_their_embedded_xml() {
    let dir = common::corpus_dir().join("facturx");
    let mut checked = 0;
    let mut failures = Vec::new();
    for (pdf, truth) in common::cases(&dir, "pdf") {
        let bytes = std::fs::read(&pdf).expect("read pdf");
        match read(Input::Bytes(bytes), &mut NoOcr, &Options::default()) {
            Ok(x) => {
                assert_eq!(x.reader, "embedded_xml", "{}", pdf.display());
                let diffs = common::diff(&truth, &serde_json::to_value(&x.data).expect("json"));
                if !diffs.is_empty() {
                    failures.push(format!("{}: {}", pdf.display(), diffs.join("; ")));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", pdf.display())),
        }
        checked += 1;
    }
    assert!(checked >= 50, "expected the facturx corpus at {}, found {checked} documents", dir.display());
    assert!(failures.is_empty(), "{} of {checked} differ:\n{}", failures.len(), failures.join("\n"));
}
