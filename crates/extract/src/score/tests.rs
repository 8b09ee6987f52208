//! Unit tests of the scoring rules.

use serde_json::json;

use super::normalize::normalize;
use super::*;
use crate::data::InvoiceData;
use crate::detect::InputKind;
use crate::document::Document;
use crate::extraction::fields_from_data;

/// An extraction of `data` whose values all carry `confidence`.
fn extraction(data: Value, confidence: f32) -> Extraction {
    let data: InvoiceData = serde_json::from_value(data).expect("valid canonical data");
    let fields = fields_from_data(&data, confidence, None);
    Extraction {
        kind: InputKind::Pdf,
        reader: "pdf_text",
        data,
        fields,
        issues: Vec::new(),
        page_count: 1,
        document: Document::default(),
    }
}

fn all_fields() -> Scope {
    Scope::strict(FIELDS.iter().map(|f| f.to_string()).collect())
}

fn same(key: &str, a: &str, b: &str) -> bool {
    normalize(key, &json!(a)) == normalize(key, &json!(b))
}

fn tally(tp: usize, fp: usize, fn_: usize) -> Tally {
    Tally { tp, fp, fn_ }
}

#[test]
fn names_compare_without_quotes_case_or_punctuation() {
    assert!(same("supplier.name", "UAB „Baltijos sprendimai“", "uab \"BALTIJOS  sprendimai\""));
    assert!(same("supplier.name", "«Nordisk Træ» ApS", "NORDISK TRÆ APS"));
    assert!(same("buyer.address", "Gedimino pr. 12-5, LT-01103 Vilnius", "Gedimino pr 12-5 LT-01103 vilnius"));
    assert!(same("line_items.description", "Oﬃce chair (black)", "office chair black"), "NFKC unfolds ligatures");
    assert!(!same("supplier.name", "Baltijos sprendimai", "Baltijos sprendimas"));
    // Hyphens are kept in text: they separate house numbers and postcodes.
    assert!(!same("buyer.address", "Gedimino pr. 12-5", "Gedimino pr. 125"));
}

#[test]
fn identifiers_compare_without_spaces_hyphens_or_case() {
    assert!(same("supplier.vat_id", "DE 123 456 789", "de123456789"));
    assert!(same("invoice_number", "ab-0012345", "AB 0012345"));
    assert!(same("supplier.iban", "LT12 1000 0111 0100 1000", "LT121000011101001000"));
    assert!(same("currency", "eur", "EUR"));
    assert!(!same("invoice_number", "AB 0012345", "AB 0012346"));
}

#[test]
fn amounts_compare_as_decimals_and_dates_as_dates() {
    assert!(same("gross_total", "121.0", "121.00"));
    assert!(same("line_items.quantity", "2", "2.000"));
    assert!(same("vat_breakdown.rate", "13.5", "13.50"));
    assert!(same("tip", "-0.00", "0"));
    assert!(!same("gross_total", "121.00", "121.01"));
    assert!(same("issue_date", "2025-03-04", " 2025-03-04"));
    assert!(!same("issue_date", "2025-03-04", "2025-04-03"));
    assert_eq!(normalize("gross_total", &json!("")), None, "an empty value is absent");
}

#[test]
fn a_wrong_value_is_both_false_positive_and_false_negative() {
    let truth = json!({"invoice_number": "A-1", "gross_total": "121.00", "due_date": "2025-04-03"});
    let pred = extraction(json!({"invoice_number": "A 1", "gross_total": "120.00", "net_total": "100.00"}), 0.8);
    let s = score_document(&truth, &pred, &all_fields());
    assert_eq!(s.fields["invoice_number"], tally(1, 0, 0));
    assert_eq!(s.fields["gross_total"], tally(0, 1, 1));
    assert_eq!(s.fields["due_date"], tally(0, 0, 1));
    assert_eq!(s.fields["net_total"], tally(0, 1, 0));
    assert_eq!(s.header(), tally(1, 2, 2));
    assert_eq!(s.header().f1(), Some(2.0 / 6.0));
    assert_eq!(Tally::default().f1(), None);
    let missed: Vec<(&str, Option<&Value>, Option<&Value>)> =
        s.misses.iter().map(|m| (m.path.as_str(), m.truth.as_ref(), m.predicted.as_ref())).collect();
    assert_eq!(
        missed,
        [
            ("due_date", Some(&json!("2025-04-03")), None),
            ("gross_total", Some(&json!("121.00")), Some(&json!("120.00"))),
            ("net_total", None, Some(&json!("100.00"))),
        ]
    );
    assert_eq!(s.misses[1].confidence, Some(0.8));
}

#[test]
fn vat_lines_are_paired_by_rate_whatever_their_order() {
    let truth = json!({"vat_breakdown": [
        {"rate": "21", "net": "100.00", "vat": "21.00"},
        {"rate": "9", "net": "50.00", "vat": "4.50"}]});
    let mut pred = extraction(
        json!({"vat_breakdown": [
            {"rate": "9.0", "net": "50", "vat": "4.5"},
            {"rate": "21", "net": "100.00", "vat": "20.00"},
            {"rate": "5", "net": "10.00"}]}),
        0.95,
    );
    for f in pred.fields.iter_mut().filter(|f| f.path == "vat_breakdown[1].vat") {
        f.confidence = 0.3;
    }
    let s = score_document(&truth, &pred, &all_fields());
    assert_eq!(s.fields["vat_breakdown.rate"], tally(2, 1, 0));
    assert_eq!(s.fields["vat_breakdown.net"], tally(2, 1, 0));
    assert_eq!(s.fields["vat_breakdown.vat"], tally(1, 1, 1));
    assert!(s.calibration.contains(&(0.3, false)), "the wrong VAT keeps its own confidence");
    assert_eq!(s.calibration.iter().filter(|(_, right)| *right).count(), 5);
    assert_eq!(s.unrated, 0);
    let missed: Vec<&str> = s.misses.iter().map(|m| m.path.as_str()).collect();
    assert_eq!(missed, ["vat_breakdown[1].vat", "vat_breakdown[2].net", "vat_breakdown[2].rate"]);
}

#[test]
fn line_items_are_paired_by_position_and_only_where_the_truth_has_them() {
    let truth = json!({"line_items": [
        {"description": "Apples", "quantity": "2", "net_amount": "3.00"},
        {"description": "Pears", "quantity": "1", "net_amount": "2.00"}]});
    let pred = extraction(
        json!({"line_items": [
            {"description": "APPLES", "quantity": "2.0", "net_amount": "3"},
            {"description": "Plums", "quantity": "1", "unit": "kg"},
            {"description": "Extra"}]}),
        0.9,
    );
    let s = score_document(&truth, &pred, &all_fields());
    assert_eq!(s.fields["line_items.description"], tally(1, 2, 1));
    assert_eq!(s.fields["line_items.quantity"], tally(2, 0, 0));
    assert_eq!(s.fields["line_items.net_amount"], tally(1, 0, 1));
    assert_eq!(s.fields["line_items.unit"], tally(0, 1, 0));
    assert_eq!(s.lines(), tally(4, 3, 2));
    assert_eq!(s.header(), Tally::default());

    let without = score_document(&json!({"gross_total": "5.00"}), &pred, &all_fields());
    assert_eq!(without.lines(), Tally::default(), "no line items in the truth, none scored");
    assert!(without.calibration.is_empty());
}

#[test]
fn only_fields_that_a_folder_annotates_are_scored() {
    let truths = [
        json!({"language": "en", "supplier": {"name": "A", "address": "B"}, "issue_date": "2018-12-25"}),
        json!({"language": "en", "gross_total": "9.00", "line_items": [{"quantity": "1"}]}),
    ];
    let scored = scored_fields(&truths);
    let expected = ["gross_total", "issue_date", "line_items.quantity", "supplier.address", "supplier.name"];
    assert_eq!(scored, expected.iter().map(|s| s.to_string()).collect());
    let pred = extraction(
        json!({"language": "en", "invoice_number": "7", "supplier": {"name": "a", "vat_id": "X"}, "gross_total": "9"}),
        1.0,
    );
    let s = score_document(&truths[0], &pred, &Scope::strict(scored));
    assert_eq!(s.fields.keys().collect::<Vec<_>>(), ["gross_total", "issue_date", "supplier.address", "supplier.name"]);
    assert_eq!(s.header(), tally(1, 1, 2));
    assert_eq!(s.calibration.len(), 2, "unscored predictions are not calibrated either");
}

#[test]
fn an_unread_document_misses_every_scored_truth_value() {
    let truth = json!({"language": "da", "invoice_number": "1", "supplier": {"name": "A"},
        "vat_breakdown": [{"rate": "25", "vat": "2.50"}], "line_items": [{"quantity": "1"}]});
    let s = score_unread(&truth, &Scope::strict(scored_fields(std::slice::from_ref(&truth))));
    assert_eq!(s.header(), tally(0, 0, 4));
    assert_eq!(s.lines(), tally(0, 0, 1));
    assert!(!s.fields.contains_key("language"));
}

#[test]
fn calibration_bins_cover_the_confidence_range() {
    let pairs = [
        (0.1, true),
        (0.5, false),
        (0.69, true),
        (0.7, true),
        (0.9, true),
        (0.94, false),
        (0.95, true),
        (1.0, true),
        (1.2, true),
        (f32::NAN, false),
    ];
    let bins = calibration_bins(&pairs);
    let counts: Vec<(usize, usize)> = bins.iter().map(|b| (b.count, b.correct)).collect();
    assert_eq!(counts, [(2, 1), (2, 1), (1, 1), (2, 1), (3, 3)]);
    let sure = high_confidence(&pairs);
    assert_eq!((sure.count, sure.correct), (5, 4));
    assert_eq!(sure.accuracy(), Some(0.8));
    assert_eq!(high_confidence(&[]).accuracy(), None);
}

#[test]
fn merged_scores_add_up() {
    let truth = json!({"gross_total": "1.00"});
    let right = score_document(&truth, &extraction(json!({"gross_total": "1"}), 0.99), &all_fields());
    let wrong = score_document(&truth, &extraction(json!({"gross_total": "2"}), 0.99), &all_fields());
    let mut all = DocScore::default();
    all.absorb(&right);
    all.absorb(&wrong);
    assert_eq!(all.fields["gross_total"], tally(1, 1, 1));
    assert_eq!(all.calibration, [(0.99, true), (0.99, false)]);
}

#[test]
fn addresses_match_approximately_only_where_the_set_says_so() {
    let truth =
        json!({"supplier": {"address": "NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR."}});
    let near = extraction(
        json!({"supplier": {"address": "NO.53 55,57 & 59, JALAN SAGU 18 TAMAN DAYA 81100 JOHORBAHRU JOHOR"}}),
        0.9,
    );
    let far = extraction(json!({"supplier": {"address": "JALAN SAGU 18, TAMAN DAYA"}}), 0.9);
    let strict = all_fields();
    let approximate = Scope { approximate_addresses: true, ..all_fields() };
    assert_eq!(score_document(&truth, &near, &strict).header(), tally(0, 1, 1));
    assert_eq!(score_document(&truth, &near, &approximate).header(), tally(1, 0, 0));
    assert_eq!(score_document(&truth, &far, &approximate).header(), tally(0, 1, 1));
    // The same words in another order: a country code before the postcode.
    let truth = json!({"supplier": {"address": "Lieferantenstraße 20, 80333 München, DE"}});
    let moved = extraction(json!({"supplier": {"address": "Lieferantenstraße 20, DE 80333 München"}}), 0.9);
    let other = extraction(json!({"supplier": {"address": "Lieferantenstraße 2, DE 80331 Berlin"}}), 0.9);
    assert_eq!(score_document(&truth, &moved, &strict).header(), tally(0, 1, 1));
    assert_eq!(score_document(&truth, &moved, &approximate).header(), tally(1, 0, 0));
    assert_eq!(score_document(&truth, &other, &approximate).header(), tally(0, 1, 1));
    // Names are never matched approximately.
    let truth = json!({"supplier": {"name": "BOOK TA .K (TAMAN DAYA) SDN BHD"}});
    let name = extraction(json!({"supplier": {"name": "BOOK TA K TAMAN DAYA SDN BHO"}}), 0.9);
    assert_eq!(score_document(&truth, &name, &approximate).header(), tally(0, 1, 1));
}

#[test]
fn a_printed_country_name_equals_the_code_the_truth_ends_in() {
    let truth = json!({"supplier": {"address": "Main street 1, GB 123 EW London, GB"}, "buyer": {"address": "AF"}});
    let named = extraction(
        json!({
            "supplier": {"address": "Main street 1, GB 123 EW London, United Kingdom of Great Britain and Northern Ireland"},
            "buyer": {"address": "Afghanistan"}
        }),
        0.9,
    );
    let other = extraction(
        json!({"supplier": {"address": "Main street 1, GB 123 EW London, Denmark"}, "buyer": {"address": "Albania"}}),
        0.9,
    );
    let approximate = Scope { approximate_addresses: true, ..all_fields() };
    assert_eq!(score_document(&truth, &named, &approximate).header(), tally(2, 0, 0));
    assert_eq!(score_document(&truth, &other, &approximate).header(), tally(0, 2, 2));
    // Only where the set says its addresses are approximate.
    assert_eq!(score_document(&truth, &named, &all_fields()).header(), tally(0, 2, 2));
}

#[test]
fn a_printed_unit_name_equals_its_un_ece_code() {
    let truth = json!({"line_items": [{"unit": "C62"}, {"unit": "HUR"}, {"unit": "KGM"}]});
    let pred = extraction(json!({"line_items": [{"unit": "Stk."}, {"unit": "Std"}, {"unit": "Stk"}]}), 0.9);
    assert_eq!(score_document(&truth, &pred, &all_fields()).lines(), tally(2, 1, 1));
}
