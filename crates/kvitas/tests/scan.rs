//! `kvitas scan` over one file of each kind, page sets, formats and options.

use std::time::Duration;

use crate::helpers::{corpus, kvitas, path_str, samples};

const LIMIT: Duration = Duration::from_secs(300);

fn scan(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["scan", "--format", "json"];
    all.extend_from_slice(args);
    let run = kvitas(&all, LIMIT);
    assert_eq!(run.code, 0, "stderr: {}\nstdout: {}", run.stderr, run.stdout);
    run.json()
}

#[test]
fn every_input_kind_yields_data() {
    let c = corpus();
    let xml = c.join("xml/en16931-cii_CII_example1.xml");
    let html = c.join("peppol-html/en16931-ubl_guide-example1.html");
    let pdf = c.join("synthetic/doc-0001.pdf");
    let jpg = c
        .join("sroie/")
        .read_dir()
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "jpg"))
        .unwrap();
    let out = scan(&[path_str(&xml), path_str(&html), path_str(&pdf), path_str(&jpg)]);
    let by_kind = |kind: &str| {
        out.as_array()
            .unwrap()
            .iter()
            .find(|d| d["kind"] == kind)
            .unwrap_or_else(|| panic!("no {kind} in {out}"))
            .clone()
    };
    assert_eq!(by_kind("cii")["reader"], "xml");
    assert_eq!(by_kind("html")["reader"], "markup");
    assert_eq!(by_kind("pdf")["reader"], "pdf_text");
    assert_eq!(by_kind("jpeg")["reader"], "ocr");
    for doc in out.as_array().unwrap() {
        assert!(doc["data"].is_object(), "{doc}");
        assert!(doc["fields"].is_array() && doc["issues"].is_array(), "{doc}");
    }
    assert_eq!(by_kind("cii")["data"]["currency"], "EUR");
}

#[test]
fn page_images_of_one_document_are_read_as_one() {
    let dir = corpus().join("synthetic");
    let multi = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".p2.jpg"))
        .expect("a two-page scan in the corpus");
    let name = multi.file_name().unwrap().to_string_lossy().replace(".p2.jpg", "");
    let tmp = tempfile::tempdir().unwrap();
    for page in ["p1", "p2", "p3"] {
        let src = dir.join(format!("{name}.{page}.jpg"));
        if src.exists() {
            std::fs::copy(&src, tmp.path().join(format!("doc.{page}.jpg"))).unwrap();
        }
    }
    let out = scan(&["--words", path_str(tmp.path())]);
    let docs = out.as_array().unwrap();
    assert_eq!(docs.len(), 1, "{out}");
    let pages = docs[0]["pages"].as_array().unwrap();
    assert!(pages.len() >= 2);
    assert_eq!(docs[0]["source"].as_array().unwrap().len(), pages.len());
    for (i, p) in pages.iter().enumerate() {
        assert_eq!(p["number"], i + 1);
        assert_eq!(p["unit"], "pixel");
        assert!(p["lines"].as_array().unwrap().len() > 5, "page {} has hardly any text", i + 1);
    }
}

/// The text of a scanned page, one string per line.
fn page_text(page: &serde_json::Value) -> Vec<String> {
    page["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            l["words"].as_array().unwrap().iter().map(|w| w["text"].as_str().unwrap()).collect::<Vec<_>>().join(" ")
        })
        .collect()
}

#[test]
fn dot_matrix_print_is_read() {
    // The top of a sample invoice printed as a dot-matrix till prints it:
    // each stroke a lattice of separate grey dots (two pixels wide, one
    // apart) on light paper. Read as it stands, such a page yields nothing.
    let page = image::open(samples().join("da-faktura.p1.jpg")).unwrap().into_luma8();
    let (w, h) = (page.width(), page.height() / 4);
    let dotted = image::GrayImage::from_fn(w, h, |x, y| {
        let on_lattice = x % 3 < 2 && y % 3 < 2;
        image::Luma([if page.get_pixel(x, y).0[0] < 128 && on_lattice { 150 } else { 235 }])
    });
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("dotted.png");
    dotted.save(&file).unwrap();
    let out = scan(&["--words", path_str(&file)]);
    let text = page_text(&out[0]["pages"][0]);
    assert!(text.iter().any(|l| l.contains("Nordlys")), "{text:?}");
    assert!(text.iter().any(|l| l.contains("Fjordhavn")), "{text:?}");
}

#[test]
fn embedded_xml_can_be_ignored_to_read_the_visible_page() {
    let pdf = corpus().join("facturx/EN16931_Einfach.pdf");
    let with = scan(&[path_str(&pdf)]);
    assert_eq!(with[0]["reader"], "embedded_xml");
    assert_eq!(with[0]["data"]["invoice_number"], "471102");
    let without = scan(&["--no-embedded-xml", "--words", path_str(&pdf)]);
    assert_eq!(without[0]["reader"], "pdf_text");
    let text: String = without[0]["pages"][0]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|l| l["words"].as_array().unwrap().iter().map(|w| w["text"].as_str().unwrap().to_owned()))
        .collect::<Vec<_>>()
        .join(" ");
    assert!(text.contains("471102"), "{text}");
}

#[test]
fn jsonl_and_csv_give_one_record_per_document() {
    let dir = corpus().join("xml");
    let a = dir.join("en16931-ubl_guide-example1.xml");
    let b = dir.join("en16931-cii_CII_example1.xml");
    let run = kvitas(&["scan", "--format", "jsonl", path_str(&a), path_str(&b)], LIMIT);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout.lines().count(), 2);
    let run = kvitas(&["scan", "--format", "csv", path_str(&a), path_str(&b)], LIMIT);
    assert_eq!(run.code, 0);
    let mut rows = csv::Reader::from_reader(run.stdout.as_bytes());
    let header = rows.headers().unwrap().clone();
    let number = header.iter().position(|h| h == "invoice_number").unwrap();
    let records: Vec<csv::StringRecord> = rows.records().map(|r| r.unwrap()).collect();
    assert_eq!(records.len(), 2);
    assert_eq!(&records[0][number], "12115118");
}

#[test]
fn every_sample_reads_and_exact_samples_equal_their_truth() {
    let run = kvitas(&["scan", "--format", "json", "--words", path_str(&samples())], LIMIT);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let out = run.json();
    let docs = out.as_array().unwrap();
    assert!(docs.len() >= 10, "{} samples", docs.len());
    for doc in docs {
        let first = std::path::PathBuf::from(doc["source"][0].as_str().unwrap());
        let stem = first.file_name().unwrap().to_string_lossy().split('.').next().unwrap().to_owned();
        let truth: serde_json::Value =
            serde_json::from_slice(&std::fs::read(first.with_file_name(format!("{stem}.json"))).unwrap()).unwrap();
        let words: usize = doc["pages"].as_array().unwrap().iter().map(|p| p["lines"].as_array().unwrap().len()).sum();
        match doc["reader"].as_str().unwrap() {
            "xml" | "embedded_xml" => {
                let mut data = doc["data"].clone();
                let mut truth = truth.clone();
                data.as_object_mut().unwrap().remove("language");
                truth.as_object_mut().unwrap().remove("language");
                assert_eq!(data, truth, "{first:?}");
            }
            reader => assert!(words > 5, "{first:?} read by {reader} gave {words} lines"),
        }
    }
}

#[test]
fn a_rotated_pdf_page_reads_upright() {
    let out = scan(&["--words", path_str(&samples().join("rotated-page.pdf"))]);
    let page = &out[0]["pages"][0];
    assert_eq!(page["rotation"], 90.0);
    assert!(page["width"].as_f64().unwrap() < page["height"].as_f64().unwrap());
    let first_line: Vec<&str> =
        page["lines"][0]["words"].as_array().unwrap().iter().map(|w| w["text"].as_str().unwrap()).collect();
    assert_eq!(first_line.first(), Some(&"Kystlinjen"), "{first_line:?}");
}

#[test]
fn a_sideways_photo_is_turned_upright_before_reading() {
    let out = scan(&["--words", path_str(&samples().join("receipt-photo-rotated.png"))]);
    let page = &out[0]["pages"][0];
    let rotation = page["rotation"].as_f64().unwrap();
    assert!((rotation.rem_euclid(360.0) - 270.0).abs() < 5.0, "rotation {rotation}");
    let text = page_text(page);
    assert!(text.iter().any(|l| l.contains("Kornblomsten")), "{text:?}");
}
