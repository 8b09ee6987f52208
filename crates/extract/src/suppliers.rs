//! Suppliers an accountant has confirmed before, and recognising them again.
//!
//! Once a document's supplier has been checked (reviewed, corrected), its
//! name and address as the accountant left them are known. A later document
//! from the same supplier is recognised by its identifiers or its name:
//!
//! - A name read exactly as known, or an identifier (company code, VAT id)
//!   equal to a known one, confirms the supplier: its name is taken as known
//!   and trusted more. A text layer's name is as printed, so there an
//!   identifier confirms only the known name, and never replaces another.
//! - On pages read by OCR, a name a few letters off a known one ("SANYO
//!   STATIONERY SHOP" for "SANYU STATIONERY SHOP", "GARDENIA BAKER (KL) SDN
//!   BHD") is that supplier misread, when no other known supplier is as near
//!   and no identifier says otherwise. Text layers are exact, so there a near
//!   name is another company ("UAB Alfa" is not "UAB Alga").
//! - On OCR pages, the address read is replaced by the nearest address known
//!   for that supplier when the two are nearly the same; a chain's branches
//!   have addresses of their own, so a distant one is left as read. An
//!   address equal to a known one is confirmed on any page.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::extraction::{Extraction, Field};

/// A supplier as an accountant confirmed it on an earlier document.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KnownSupplier {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
}

impl KnownSupplier {
    /// The supplier of a confirmed record, when it has a name.
    pub fn from_data(data: &crate::InvoiceData) -> Option<KnownSupplier> {
        let s = data.supplier.as_ref()?;
        let name = s.name.as_ref().filter(|n| !n.trim().is_empty())?;
        Some(KnownSupplier {
            name: name.clone(),
            address: s.address.clone(),
            company_code: s.company_code.clone(),
            vat_id: s.vat_id.clone(),
        })
    }
}

/// How alike (1 − edit distance ÷ the longer length, letters and figures
/// only, case aside) a name read by OCR and a known name must be to be taken
/// for it.
const NAME_SIMILARITY: f64 = 0.8;

/// A near name must be this much nearer to its supplier than to any other.
const NAME_MARGIN: f64 = 0.1;

/// Names shorter than this (letters and figures) are too short to tell
/// misreadings from other names.
const MIN_NAME_LEN: usize = 6;

/// How alike an address read and a known one must be to be taken for it.
const ADDRESS_SIMILARITY: f64 = 0.9;

/// Confidence of a name confirmed exactly or by an identifier.
const CONFIRMED: f32 = 0.9;

/// Confidence of a name recognised from a near reading.
const RECOGNISED: f32 = 0.85;

/// Recognises the extraction's supplier among `known` and takes its name
/// (and a nearly equal address) as known; see the module's description.
pub fn recognise(ex: &mut Extraction, known: &[KnownSupplier]) {
    let Some(read) = ex.data.supplier.clone() else { return };
    let Some(name) = read.name.as_deref() else { return };
    let ocr = ex.reader.contains("ocr");
    let (read_code, read_vat) = (read.company_code.as_deref().map(squeeze), read.vat_id.as_deref().map(squeeze));
    // Whether each identifier both have is equal: (some equal, some differ).
    let ids = |k: &KnownSupplier| {
        let mut out = (false, false);
        for (a, b) in [(&read_code, &k.company_code), (&read_vat, &k.vat_id)] {
            if let (Some(a), Some(b)) = (a, b) {
                let equal = squeezed(b).eq(a.chars());
                out.0 |= equal;
                out.1 |= !equal;
            }
        }
        out
    };
    let read_name = squeeze(name);
    // Every known entry of the supplier (one per confirmed document; a
    // chain's branches differ in address), and how the name was matched.
    let same_id: Vec<&KnownSupplier> = known.iter().filter(|k| ids(k).0).collect();
    let (entries, confidence) = if !same_id.is_empty() {
        // A text layer's name is as printed (a company may have renamed
        // since): an identifier confirms it only when it is the known one.
        if !one_supplier(&same_id) || (!ocr && squeeze(&same_id[0].name) != read_name) {
            return;
        }
        (same_id, CONFIRMED)
    } else {
        let others = |k: &KnownSupplier| ids(k).1;
        let read_chars: Vec<char> = read_name.chars().collect();
        // Each known entry with its name squeezed, and how near the reading
        // is (in a text layer, only an exact name counts).
        let mut near: Vec<(f64, Vec<char>, &KnownSupplier)> = known
            .iter()
            .filter(|k| !others(k))
            .filter_map(|k| {
                if !ocr {
                    return squeezed(&k.name).eq(read_chars.iter().copied()).then(|| (1.0, read_chars.clone(), k));
                }
                let known: Vec<char> = squeezed(&k.name).collect();
                let similarity = name_similarity(&read_chars, &known);
                (similarity > 0.0).then_some((similarity, known, k))
            })
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let Some((best, first)) = near.first().map(|(s, n, _)| (*s, n.clone())) else { return };
        let exact = best >= 1.0;
        let near_enough = ocr && best >= NAME_SIMILARITY && read_name.chars().count() >= MIN_NAME_LEN;
        if !(exact || near_enough) {
            return;
        }
        if near.iter().any(|(s, n, _)| *s > best - NAME_MARGIN && *n != first) {
            return;
        }
        let entries = near.into_iter().filter(|(_, n, _)| *n == first).map(|(_, _, k)| k).collect();
        (entries, if exact { CONFIRMED } else { RECOGNISED })
    };
    let source = format!("known supplier (read as \"{name}\")");
    set(ex, "supplier.name", &entries[0].name, confidence, &source);
    if let Some(address) = read.address.as_deref() {
        let nearest = entries
            .iter()
            .filter_map(|k| k.address.as_deref())
            .map(|a| (strsim::normalized_levenshtein(&squeeze(address), &squeeze(a)), a))
            .max_by(|a, b| a.0.total_cmp(&b.0));
        // A text layer's address is as printed: confirmed, never replaced.
        let reach = if ocr { ADDRESS_SIMILARITY } else { 1.0 };
        if let Some((s, known_address)) = nearest.filter(|(s, _)| *s >= reach) {
            let confidence = if s >= 1.0 { CONFIRMED } else { RECOGNISED };
            let source = format!("known supplier's address (read as \"{address}\")");
            set(ex, "supplier.address", known_address, confidence, &source);
        }
    }
}

/// How alike a name read (squeezed) is to a known one: as a whole, or its
/// start as long as the known name give or take a few letters, for a name
/// OCR read with a registration number or ink after it ("G ARDENI A
/// BAKERIES (KL) SDN Bun (139386"). 0 when the reading is too short to be
/// anywhere near.
fn name_similarity(read: &[char], known: &[char]) -> f64 {
    let m = known.len();
    if m == 0 || (read.len() as f64) < m as f64 * (NAME_SIMILARITY - NAME_MARGIN) {
        return 0.0;
    }
    // Letters a reading lacks are edits it needs: most known names are far
    // from the reading and are passed over without the full comparison.
    let reach = NAME_SIMILARITY - NAME_MARGIN;
    let head = &read[..read.len().min(m + 3)];
    let bound = |part: &[char], longest: usize| 1.0 - lacking(part, known) as f64 / longest as f64;
    if bound(head, m + 3) < reach && bound(read, read.len().max(m)) < reach {
        return 0.0;
    }
    let distances = prefix_distances(read, known);
    let similarity = |i: usize| 1.0 - distances[i] as f64 / i.max(m) as f64;
    (m.saturating_sub(2)..=m + 3)
        .filter(|&i| i > 0 && i < read.len())
        .map(similarity)
        .fold(similarity(read.len()), f64::max)
}

/// How many of `known`'s letters and figures (ASCII ones, each as often as
/// it occurs) `read` lacks: a lower bound on the edit distance between them.
fn lacking(read: &[char], known: &[char]) -> usize {
    let mut counts = [0i32; 36];
    let bin = |c: char| c.to_digit(36).map(|d| d as usize);
    for b in read.iter().filter_map(|&c| bin(c)) {
        counts[b] += 1;
    }
    let mut lacking = 0;
    for b in known.iter().filter_map(|&c| bin(c)) {
        counts[b] -= 1;
        lacking += usize::from(counts[b] < 0);
    }
    lacking
}

/// The edit distance between `known` and each start of `read`: entry `i` is
/// for `read[..i]` (the last column of the usual table, filled in one pass).
fn prefix_distances(read: &[char], known: &[char]) -> Vec<usize> {
    let mut row: Vec<usize> = (0..=known.len()).collect();
    let mut out = Vec::with_capacity(read.len() + 1);
    out.push(known.len());
    for (i, &r) in read.iter().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &k) in known.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (diagonal + usize::from(r != k)).min(above + 1).min(row[j] + 1);
            diagonal = above;
        }
        out.push(row[known.len()]);
    }
    out
}

/// True when the entries are all one supplier (one name).
fn one_supplier(entries: &[&KnownSupplier]) -> bool {
    entries.windows(2).all(|w| squeeze(&w[0].name) == squeeze(&w[1].name))
}

/// Letters and figures only, in capitals: what stays of a name or an address
/// however its spaces and signs were read.
fn squeeze(s: &str) -> String {
    squeezed(s).collect()
}

/// The characters of [`squeeze`].
fn squeezed(s: &str) -> impl Iterator<Item = char> + '_ {
    s.chars().filter(|c| c.is_alphanumeric()).flat_map(char::to_uppercase)
}

/// Sets a supplier field in the data and its evidence; confidence only rises
/// (a value read and confirmed keeps what reading it gave).
fn set(ex: &mut Extraction, path: &str, value: &str, confidence: f32, source: &str) {
    let Some(supplier) = ex.data.supplier.as_mut() else { return };
    let slot = if path == "supplier.name" { &mut supplier.name } else { &mut supplier.address };
    let same = slot.as_deref() == Some(value);
    *slot = Some(value.to_owned());
    match ex.fields.iter_mut().find(|f| f.path == path) {
        Some(f) => {
            f.value = Value::String(value.to_owned());
            f.confidence = f.confidence.max(confidence);
            if !same {
                f.source = Some(source.to_owned());
            }
        }
        None => ex.fields.push(Field {
            path: path.to_owned(),
            value: Value::String(value.to_owned()),
            confidence,
            page: None,
            bbox: None,
            source: Some(source.to_owned()),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::data::{InvoiceData, Party};
    use crate::detect::InputKind;
    use crate::document::Document;

    fn extraction(reader: &'static str, name: &str, address: Option<&str>, vat: Option<&str>) -> Extraction {
        let supplier = Party {
            name: Some(name.into()),
            address: address.map(Into::into),
            vat_id: vat.map(Into::into),
            ..Party::default()
        };
        let data = InvoiceData { supplier: Some(supplier), ..InvoiceData::default() };
        let fields = crate::extraction::fields_from_data(&data, 0.75, None);
        Extraction {
            kind: InputKind::Jpeg,
            reader,
            data,
            fields,
            issues: Vec::new(),
            page_count: 1,
            document: Document::default(),
        }
    }

    fn known(name: &str, address: Option<&str>, vat: Option<&str>) -> KnownSupplier {
        KnownSupplier {
            name: name.into(),
            address: address.map(Into::into),
            vat_id: vat.map(Into::into),
            ..KnownSupplier::default()
        }
    }

    fn name(ex: &Extraction) -> (&str, f32) {
        let f = ex.fields.iter().find(|f| f.path == "supplier.name").unwrap();
        (ex.data.supplier.as_ref().unwrap().name.as_deref().unwrap(), f.confidence)
    }

    #[test]
    fn a_name_misread_by_ocr_is_taken_as_known() {
        let book = [known("SANYU STATIONERY SHOP", None, None), known("POPULAR BOOK CO. (M) SDN BHD", None, None)];
        let mut ex = extraction("ocr", "SANYO STATIONERY SHOP", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex), ("SANYU STATIONERY SHOP", RECOGNISED));
        let mut ex = extraction("ocr", "POFULAR BOOK. CO. (M) SDN BHD", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex).0, "POPULAR BOOK CO. (M) SDN BHD");
    }

    #[test]
    fn a_name_read_with_ink_after_it_is_recognised_by_its_start() {
        let book = [known("GARDENIA BAKERIES (KL) SDN BHD", None, None)];
        let mut ex = extraction("ocr", "G ARDENI A BAKERIES (KL) SDN Bun (139386", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex).0, "GARDENIA BAKERIES (KL) SDN BHD");
        // A start that is another name is not.
        let mut ex = extraction("ocr", "GARDEN CITY BAKERS SDN BHD (139386", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex).0, "GARDEN CITY BAKERS SDN BHD (139386");
    }

    #[test]
    fn prefix_distances_are_edit_distances_of_every_start() {
        let words = ["", "A", "GARDENIA", "GARDENIABAKERIES139386", "SANYO", "SANYUSTATIONERY", "99SPEEDMART"];
        for read in words {
            for known in words {
                let chars: Vec<char> = read.chars().collect();
                let known_chars: Vec<char> = known.chars().collect();
                let got = prefix_distances(&chars, &known_chars);
                for (i, d) in got.iter().enumerate() {
                    let start: String = chars[..i].iter().collect();
                    assert_eq!(*d, strsim::levenshtein(&start, known), "{start:?} / {known:?}");
                }
            }
        }
    }

    #[test]
    fn a_near_name_in_a_text_layer_is_another_company() {
        let book = [known("UAB Alga Statyba", None, None)];
        let mut ex = extraction("pdf_text", "UAB Alfa Statyba", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex), ("UAB Alfa Statyba", 0.75));
        // An exact name is confirmed all the same.
        let mut ex = extraction("pdf_text", "UAB Alga Statyba", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex), ("UAB Alga Statyba", CONFIRMED));
    }

    #[test]
    fn identifiers_decide_over_names() {
        let book = [known("UAB Alga", None, Some("LT100001234517")), known("Nordvik ApS", None, Some("DK13585628"))];
        // The same VAT id: that supplier, however the name was read.
        let mut ex = extraction("ocr", "UA8 AIga", None, Some("LT 100001234517"));
        recognise(&mut ex, &book);
        assert_eq!(name(&ex), ("UAB Alga", CONFIRMED));
        // In a text layer, the name printed stands even beside a known id.
        let mut ex = extraction("pdf_text", "Alga Group UAB", None, Some("LT100001234517"));
        recognise(&mut ex, &book);
        assert_eq!(name(&ex), ("Alga Group UAB", 0.75));
        // A near name with another VAT id is another company.
        let mut ex = extraction("ocr", "Nordvig ApS", None, Some("DK12345674"));
        recognise(&mut ex, &book);
        assert_eq!(name(&ex).0, "Nordvig ApS");
    }

    #[test]
    fn two_known_names_as_near_leave_the_reading_alone() {
        let book = [known("ALFA TRADING SDN BHD", None, None), known("ALGA TRADING SDN BHD", None, None)];
        let mut ex = extraction("ocr", "ALXA TRADING SDN BHD", None, None);
        recognise(&mut ex, &book);
        assert_eq!(name(&ex).0, "ALXA TRADING SDN BHD");
        // Nor is a short or distant name taken for one.
        let mut ex = extraction("ocr", "ALFA", None, None);
        recognise(&mut ex, &[known("ALFE", None, None)]);
        assert_eq!(name(&ex).0, "ALFA");
    }

    #[test]
    fn an_address_is_replaced_only_by_a_near_one_of_the_same_supplier() {
        let book = [
            known("99 SPEED MART S/B", Some("LOT P.T. 2811, JALAN ANGSA, 41150 KLANG, 1214-JINJANG UTARA"), None),
            known("99 SPEED MART S/B", Some("LOT P.T. 2811, JALAN ANGSA, 41150 KLANG, 1317 TRILLIUM SG BESI"), None),
        ];
        let mut ex = extraction(
            "ocr",
            "99 SPEED HART S/B",
            Some("LOT 2811, JALAN ANGSA, 41150 KLANG, 1317 TRILLIUM 56 BESI"),
            None,
        );
        recognise(&mut ex, &book);
        let s = ex.data.supplier.as_ref().unwrap();
        assert_eq!(s.name.as_deref(), Some("99 SPEED MART S/B"));
        assert_eq!(s.address.as_deref(), book[1].address.as_deref());
        // In a text layer the address printed stands.
        let printed = "LOT 2811, JALAN ANGSA, 41150 KLANG, 1317 TRILLIUM SG BESI";
        let mut ex = extraction("pdf_text", "99 SPEED MART S/B", Some(printed), None);
        recognise(&mut ex, &book);
        assert_eq!(ex.data.supplier.as_ref().unwrap().address.as_deref(), Some(printed));
        // Another branch's address stays as read.
        let branch = "NO 5, JALAN PUDU ULU, 56100 KUALA LUMPUR";
        let mut ex = extraction("ocr", "99 SPEED MART S/B", Some(branch), None);
        recognise(&mut ex, &book);
        assert_eq!(ex.data.supplier.as_ref().unwrap().address.as_deref(), Some(branch));
    }
}
