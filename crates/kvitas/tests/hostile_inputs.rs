//! Broken and hostile inputs end with a clear error and exit code 1, never with
//! a panic, a hang or unbounded memory.

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use crate::helpers::{corpus, kvitas, path_str};

const LIMIT: Duration = Duration::from_secs(60);

/// Scans one file and returns its error message, checking the exit code.
fn error_for(path: &Path) -> String {
    let run = kvitas(&["scan", "--format", "json", path_str(path)], LIMIT);
    assert_eq!(run.code, 1, "expected exit code 1, stderr: {}", run.stderr);
    let out = run.json();
    let error = out[0]["error"].as_str().unwrap_or_else(|| panic!("no error in {out}"));
    assert!(out[0].get("data").is_none());
    error.to_owned()
}

#[test]
fn a_truncated_pdf_is_reported_as_truncated() {
    let dir = tempfile::tempdir().unwrap();
    let whole = std::fs::read(corpus().join("synthetic/doc-0001.pdf")).unwrap();
    let path = dir.path().join("cut.pdf");
    std::fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    assert_eq!(error_for(&path), "corrupt pdf: the file is truncated (no end-of-file marker)");
}

#[test]
fn a_jpeg_with_a_bogus_header_is_reported_as_corrupt() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("photo.jpg");
    std::fs::write(
        &path,
        b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x48\x00\x48\x00\x00\xff\xc0\x00\x11garbage",
    )
    .unwrap();
    let err = error_for(&path);
    assert!(err.starts_with("corrupt jpeg: "), "{err}");
}

#[test]
fn a_gzip_bomb_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invoice.xml.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![b' '; 1 << 20];
    for _ in 0..128 {
        enc.write_all(&zeros).unwrap();
    }
    std::fs::write(&path, enc.finish().unwrap()).unwrap();
    let err = error_for(&path);
    assert!(err.starts_with("decompression limit exceeded: gzip stream expands beyond"), "{err}");
}

#[test]
fn a_100_megapixel_png_is_refused_before_decoding() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.png");
    let file = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let mut enc = png::Encoder::new(file, 10_000, 10_000);
    enc.set_color(png::ColorType::Grayscale);
    enc.set_compression(png::Compression::Fastest);
    let mut writer = enc.write_header().unwrap();
    let mut stream = writer.stream_writer().unwrap();
    let row = vec![255u8; 10_000];
    for _ in 0..10_000 {
        stream.write_all(&row).unwrap();
    }
    stream.finish().unwrap();
    let err = error_for(&path);
    assert_eq!(err, "image too large: 10000x10000 pixels, the limit is 50000000 pixels per page");
}

#[test]
fn a_pdf_with_a_billion_object_xref_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("xref.pdf");
    let body = "%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n\
                2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\n\
                xref\n0 1000000000\n0000000000 65535 f \n0000000009 00000 n \n\
                trailer\n<< /Size 1000000000 /Root 1 0 R >>\nstartxref\n110\n%%EOF\n";
    std::fs::write(&path, body).unwrap();
    assert_eq!(error_for(&path), "PDF declares 1000000000 objects, the limit is 1000000");
}

#[test]
fn unsupported_content_names_what_was_detected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("invoice.pdf");
    std::fs::write(&path, b"<?xml version='1.0'?><Order xmlns='urn:x'/>").unwrap();
    assert_eq!(error_for(&path), "unsupported type: detected XML document with root element <Order>");
}

#[test]
fn one_bad_file_does_not_stop_the_batch() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a-bad.pdf"), b"%PDF-1.4\n").unwrap();
    let good = corpus().join("xml/en16931-ubl_guide-example1.xml");
    let run = kvitas(&["scan", "--format", "jsonl", path_str(dir.path()), path_str(&good)], LIMIT);
    assert_eq!(run.code, 1);
    let lines: Vec<serde_json::Value> = run.stdout.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 2);
    assert!(lines[0]["error"].is_string());
    assert_eq!(lines[1]["data"]["invoice_number"], "12115118");
}

#[test]
fn a_pdf_that_breaks_the_pdf_library_is_one_files_error() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cmap.pdf");
    std::fs::write(&path, kvitas_extract::test_support::pdf_with_broken_tounicode()).unwrap();
    let err = error_for(&path);
    assert!(err.starts_with("corrupt pdf: the pdf reader failed on this file"), "{err}");
}
