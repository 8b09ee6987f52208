//! Every identifier in the synthetic corpus truth validates: supplier IBANs and
//! BICs, supplier and buyer VAT ids, Lithuanian (9-digit) and Danish (8-digit,
//! on Danish documents) company codes, and FI payment lines. The identifiers
//! were generated with valid check digits, so any failure is a bug in the
//! checks. A second test runs `ids_in` over lines printed as in the corpus.

use std::path::PathBuf;

use kvitas_extract::ids::{
    IdKind, bic_valid, dk_cvr_valid, fi_payment_line, iban_valid, ids_in, lt_company_code_valid, vat_id_valid,
};
use serde_json::Value;

/// The evaluation corpus: `KVITAS_CORPUS`, or `shared/corpus` beside the checkout.
fn corpus_dir() -> PathBuf {
    std::env::var_os("KVITAS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus")))
}

/// The truth files of the synthetic set, sorted by name.
fn truths() -> Vec<(String, Value)> {
    let dir = corpus_dir().join("synthetic");
    let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            let truth = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
            (p.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(), truth)
        })
        .collect()
}

/// One identifier to check: the document, the field, its value and the
/// validator it must pass.
struct Check {
    doc: String,
    field: String,
    value: String,
    passes: fn(&str) -> bool,
}

/// The identifiers of one truth document with the check each must pass.
fn checks_of(doc: &str, truth: &Value) -> Vec<Check> {
    let mut out = Vec::new();
    let danish = truth["language"] == "da";
    let mut add = |field: String, value: &Value, passes: fn(&str) -> bool| {
        if let Some(v) = value.as_str() {
            out.push(Check { doc: doc.to_string(), field, value: v.to_string(), passes });
        }
    };
    add("supplier.iban".into(), &truth["supplier"]["iban"], iban_valid);
    add("supplier.swift".into(), &truth["supplier"]["swift"], bic_valid);
    for party in ["supplier", "buyer"] {
        add(format!("{party}.vat_id"), &truth[party]["vat_id"], |v| vat_id_valid(v) == Some(true));
        let code = truth[party]["company_code"].as_str().unwrap_or_default();
        let all_digits = code.bytes().all(|b| b.is_ascii_digit());
        if all_digits && code.len() == 9 {
            add(format!("{party}.company_code"), &truth[party]["company_code"], lt_company_code_valid);
        } else if all_digits && code.len() == 8 && danish {
            add(format!("{party}.company_code"), &truth[party]["company_code"], dk_cvr_valid);
        }
    }
    if truth["payment_reference"].as_str().is_some_and(|r| r.starts_with("+7")) {
        add("payment_reference".into(), &truth["payment_reference"], |v| {
            fi_payment_line(v).is_some_and(|l| l.check_ok)
        });
    }
    out
}

#[test]
fn every_identifier_in_the_synthetic_truth_validates() {
    let truths = truths();
    assert!(truths.len() >= 150, "expected the synthetic corpus at {}, found {}", corpus_dir().display(), truths.len());
    let checks: Vec<_> = truths.iter().flat_map(|(doc, truth)| checks_of(doc, truth)).collect();
    let failures: Vec<String> = checks
        .iter()
        .filter(|c| !(c.passes)(&c.value))
        .map(|c| format!("{} {} = {}", c.doc, c.field, c.value))
        .collect();
    assert!(checks.len() >= 400, "only {} identifiers found in the truth", checks.len());
    assert!(failures.is_empty(), "{} of {} identifiers fail:\n{}", failures.len(), checks.len(), failures.join("\n"));
}

/// Lines as `pdftotext -layout` prints them for corpus documents, with the
/// identifiers the truth expects from them.
const PRINTED_LINES: [(&str, IdKind, &str); 12] = [
    ("IBAN                     LT047010099081542286", IdKind::Iban, "LT047010099081542286"),
    ("BIC                      MDBALT22", IdKind::Bic, "MDBALT22"),
    (
        "PVM mokėtojo kodas       LT100070516911         PVM mokėtojo kodas  LT100030821515",
        IdKind::VatId,
        "LT100070516911",
    ),
    (
        " IBAN: LT647044043664146981                      El. p.: pardavimai@uabvejodirbtuv.lt",
        IdKind::Iban,
        "LT647044043664146981",
    ),
    (" SWIFT/BIC: CBVILT2X", IdKind::Bic, "CBVILT2X"),
    ("SE/Moms-nr. DK 57141344", IdKind::VatId, "DK57141344"),
    ("Moms-nr.        DK 98 00 87 64                             CVR-nr.        68698294", IdKind::VatId, "DK98008764"),
    ("IBAN: DK83 5301 0873 0241 64", IdKind::Iban, "DK8353010873024164"),
    ("Betalings-ID: +71<000000000514398+85968766<", IdKind::FiLine, "+71<000000000514398+85968766<"),
    ("Registered office: 26 Granby Row, Belfast, BT1 9HU | VAT Reg No GB 975 2523 56", IdKind::VatId, "GB975252356"),
    ("VAT Registration Number: IE 2443672Q                 Bank: AIB", IdKind::VatId, "IE2443672Q"),
    ("                  IBAN: GB61 BARC 2061 3319 6432 83", IdKind::Iban, "GB61BARC20613319643283"),
];

#[test]
fn ids_in_finds_the_truth_identifiers_in_printed_lines() {
    for (line, kind, value) in PRINTED_LINES {
        let found = ids_in(line);
        assert!(found.iter().any(|m| m.kind == kind && m.value == value && m.valid), "{line:?} gave {found:?}");
    }
}

#[test]
fn an_iban_wrapped_onto_the_next_line_is_found_whole() {
    let text = "Betaling til: Pengeinstitut Arbejdernes Landsbank, Reg. nr. 6470, Konto nr. 1286525317, IBAN DK56 6470\n\
                1286 5253 17, BIC ALBADKKK";
    let found = ids_in(text);
    assert!(found.iter().any(|m| m.kind == IdKind::Iban && m.value == "DK5664701286525317" && m.valid), "{found:?}");
    assert!(found.iter().any(|m| m.kind == IdKind::Bic && m.value == "ALBADKKK"), "{found:?}");
}
