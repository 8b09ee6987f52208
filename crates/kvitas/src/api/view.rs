//! How documents look in API answers.

use serde_json::{Value, json};

use crate::store::{Document, DocumentEvent};

/// Milliseconds since the epoch as RFC 3339 UTC with milliseconds.
pub fn time(ms: i64) -> Value {
    chrono::DateTime::from_timestamp_millis(ms)
        .map(|t| Value::String(t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)))
        .unwrap_or(Value::Null)
}

/// A document with its extraction (`data`, `fields`, `issues`) once read.
pub fn document(doc: &Document) -> Value {
    let part = |name: &str| doc.extraction.as_ref().and_then(|e| e.get(name)).cloned().unwrap_or(Value::Null);
    json!({
        "id": doc.id,
        "status": doc.status,
        "reject_reason": doc.reject_reason,
        "filename": doc.arrival.filename,
        "media_type": doc.arrival.media_type,
        "size_bytes": doc.arrival.size_bytes,
        "content_hash": doc.arrival.content_hash,
        "external_id": doc.arrival.external_id,
        "userdata": doc.arrival.userdata,
        "company_code": doc.arrival.company_code,
        "hints": doc.arrival.hints,
        "created_at": time(doc.created_at),
        "updated_at": time(doc.updated_at),
        "reader": part("reader"),
        "data": part("data"),
        "fields": part("fields"),
        "issues": part("issues"),
        "page_count": part("page_count"),
    })
}

/// Pages of a read document that can be drawn (0 until it is read).
pub fn page_count(doc: &Document) -> u64 {
    doc.extraction.as_ref().and_then(|e| e.get("page_count")).and_then(Value::as_u64).unwrap_or(0)
}

/// A document with its history.
pub fn document_with_history(doc: &Document, events: &[DocumentEvent]) -> Value {
    let mut v = document(doc);
    let history: Vec<Value> = events
        .iter()
        .map(|e| {
            json!({
                "actor": e.actor, "kind": e.kind, "field": e.field,
                "old_value": e.old_value, "new_value": e.new_value, "at": time(e.at),
            })
        })
        .collect();
    v["history"] = Value::Array(history);
    v
}
