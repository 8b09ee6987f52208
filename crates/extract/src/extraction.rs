//! The result of reading one document: canonical data plus per-field evidence.

use serde::Serialize;
use serde_json::Value;

use crate::data::InvoiceData;
use crate::detect::InputKind;
use crate::document::{BBox, Document};

/// One extracted value with its evidence.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Field {
    /// Where the value sits in `data`, e.g. `supplier.vat_id` or `line_items[2].quantity`.
    pub path: String,
    /// The value as it appears in `data`.
    pub value: Value,
    /// How sure kvitas is that the value is right, in [0, 1].
    pub confidence: f32,
    /// 1-based page the value was read from, when it came from a page.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub page: Option<u32>,
    /// Where on the page, in the page's unit.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bbox: Option<BBox>,
    /// The text the value was read from (for e-invoices: the XML element).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// Something wrong or doubtful about the extracted data, for a reviewer to see.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Issue {
    /// A stable machine-readable code, e.g. `totals_mismatch`.
    pub code: String,
    /// A sentence for the reviewer.
    pub message: String,
    /// The field the issue is about, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
}

/// Everything kvitas learned from one input document.
#[derive(Debug, Clone, Serialize)]
pub struct Extraction {
    /// The detected input type.
    pub kind: InputKind,
    /// How the text was obtained: `embedded_xml`, `xml`, `pdf_text`, `ocr`, `markup`…
    pub reader: &'static str,
    /// The canonical data.
    pub data: InvoiceData,
    /// One entry per value in `data`, with confidence and source.
    pub fields: Vec<Field>,
    /// Doubts and failed checks.
    pub issues: Vec<Issue>,
    /// Pages of a PDF or image input (0 for e-invoices and markup).
    pub page_count: usize,
    /// What was read from the pages (empty for pure e-invoices).
    #[serde(skip)]
    pub document: Document,
}

/// One `Field` for every leaf value of `data`, all with the same confidence and no
/// position. Used where the whole record comes from one trusted source, such as an
/// e-invoice, whose values are exact.
pub fn fields_from_data(data: &InvoiceData, confidence: f32, source: Option<&str>) -> Vec<Field> {
    let mut out = Vec::new();
    if let Ok(value) = serde_json::to_value(data) {
        walk(&value, String::new(), &mut |path, v| {
            out.push(Field {
                path,
                value: v.clone(),
                confidence,
                page: None,
                bbox: None,
                source: source.map(str::to_owned),
            })
        });
    }
    out
}

fn walk(value: &Value, path: String, f: &mut dyn FnMut(String, &Value)) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                walk(v, p, f);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                walk(v, format!("{path}[{i}]"), f);
            }
        }
        _ => f(path, value),
    }
}
