//! After reading: `PATCH /v1/documents/{id}` (corrections and allocation),
//! `POST …/approve`, `POST …/export`, `POST …/reject`.

use std::collections::BTreeMap;

use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Map, Value};

use super::documents::find;
use super::documents::with_history;
use super::{ApiResult, AppState, Caller, Error};
use crate::store::{Correction, Status};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/v1/documents/{id}", axum::routing::patch(correct))
        .route("/v1/documents/{id}/approve", post(approve))
        .route("/v1/documents/{id}/export", post(export))
        .route("/v1/documents/{id}/reject", post(reject))
}

/// Corrections: field paths of the canonical data (`supplier.vat_id`,
/// `line_items[0].quantity`) to new values (null removes), and the
/// allocation of lines to expense accounts and VAT classes.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Changes {
    #[serde(default)]
    fields: BTreeMap<String, Value>,
    #[serde(default)]
    lines: Vec<LineAllocation>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct LineAllocation {
    index: usize,
    #[serde(default)]
    expense_account: Option<String>,
    #[serde(default)]
    vat_class: Option<String>,
}

/// One step of a field path: a key, and an index when the key holds a list.
fn parse_path(path: &str) -> Option<Vec<(String, Option<usize>)>> {
    path.split('.')
        .map(|seg| {
            let (name, index) = match seg.split_once('[') {
                Some((name, rest)) => (name, Some(rest.strip_suffix(']')?.parse::<usize>().ok()?)),
                None => (seg, None),
            };
            let plain = !name.is_empty() && name.bytes().all(|b| b.is_ascii_lowercase() || b == b'_');
            plain.then(|| (name.to_string(), index))
        })
        .collect()
}

/// Sets `value` at `path` in `data`, creating objects and appending list
/// entries (at index = length) as needed; null removes.
fn set_path(data: &mut Value, path: &str, value: Value) -> ApiResult<Option<Value>> {
    let steps = parse_path(path).ok_or_else(|| Error::Unprocessable(format!("{path:?} is not a field path")))?;
    let mut node = data;
    for (i, (name, index)) in steps.iter().enumerate() {
        let last = i + 1 == steps.len();
        let obj =
            node.as_object_mut().ok_or_else(|| Error::Unprocessable(format!("{path:?} does not fit the data")))?;
        if last && index.is_none() {
            return Ok(if value.is_null() { obj.remove(name) } else { obj.insert(name.clone(), value) });
        }
        let child = obj
            .entry(name.clone())
            .or_insert_with(|| if index.is_some() { Value::Array(vec![]) } else { Value::Object(Map::new()) });
        node = match index {
            None => child,
            Some(n) => {
                let list = child.as_array_mut().ok_or_else(|| Error::Unprocessable(format!("{name} is not a list")))?;
                if *n == list.len() {
                    list.push(Value::Object(Map::new()));
                }
                let entry = list
                    .get_mut(*n)
                    .ok_or_else(|| Error::Unprocessable(format!("{path:?}: {name} has no entry {n}")))?;
                if last {
                    let old = std::mem::replace(entry, value);
                    return Ok(Some(old));
                }
                entry
            }
        };
    }
    Ok(None)
}

fn text(v: &Option<Value>) -> Option<String> {
    v.as_ref().filter(|v| !v.is_null()).map(|v| v.as_str().map(str::to_owned).unwrap_or_else(|| v.to_string()))
}

/// Applies changes to an extraction, all or nothing; the corrected data must
/// still be valid canonical data (known fields, decimal amounts, ISO dates).
fn apply(extraction: &mut Value, changes: &Changes) -> ApiResult<Vec<Correction>> {
    let mut changed = extraction.clone();
    let corrections = apply_to(&mut changed, changes)?;
    *extraction = changed;
    Ok(corrections)
}

fn apply_to(extraction: &mut Value, changes: &Changes) -> ApiResult<Vec<Correction>> {
    let mut corrections = Vec::new();
    let data = &mut extraction["data"];
    if !data.is_object() {
        *data = Value::Object(Map::new());
    }
    for (path, value) in &changes.fields {
        let old = set_path(data, path, value.clone())?;
        corrections.push(Correction {
            field: path.clone(),
            old_value: text(&old),
            new_value: text(&Some(value.clone())),
        });
    }
    let checked: kvitas_extract::InvoiceData = serde_json::from_value(data.clone())
        .map_err(|e| Error::Unprocessable(format!("the corrected data is not valid: {e}")))?;
    *data = serde_json::to_value(&checked).map_err(|e| Error::Internal(e.into()))?;
    let lines = checked.line_items.len();
    for a in &changes.lines {
        // A document without item lines is allocated as one line, index 0.
        if a.index >= lines.max(1) {
            return Err(Error::Unprocessable(format!(
                "line {} does not exist; the document has {lines} lines",
                a.index
            )));
        }
        let slot = &mut extraction["allocation"]["lines"];
        let mut allocated = match slot.take() {
            Value::Array(lines) => lines,
            _ => Vec::new(),
        };
        allocated.resize_with(allocated.len().max(a.index + 1), || Value::Object(Map::new()));
        for (key, value) in [("expense_account", &a.expense_account), ("vat_class", &a.vat_class)] {
            let Some(value) = value else { continue };
            let old = allocated[a.index].get(key).cloned();
            allocated[a.index][key] = Value::String(value.clone());
            let field = format!("allocation.lines[{}].{key}", a.index);
            corrections.push(Correction { field, old_value: text(&old), new_value: Some(value.clone()) });
        }
        *slot = Value::Array(allocated);
    }
    mark_corrected(extraction, &changes.fields);
    Ok(corrections)
}

/// Corrected values are certain: their evidence says so.
fn mark_corrected(extraction: &mut Value, fields: &BTreeMap<String, Value>) {
    let Some(list) = extraction.get_mut("fields").and_then(Value::as_array_mut) else { return };
    list.retain(|f| f["path"].as_str().is_none_or(|p| !fields.contains_key(p)));
    for (path, value) in fields.iter().filter(|(_, v)| !v.is_null()) {
        list.push(serde_json::json!({ "path": path, "value": value, "confidence": 1.0, "source": "correction" }));
    }
}

#[utoipa::path(patch, path = "/v1/documents/{id}", tag = "review", params(("id" = String, Path, description = "Document id")),
    request_body(content = serde_json::Value, description = "{\"fields\": {path: value}, \"lines\": [{\"index\", \"expense_account\", \"vat_class\"}]}"),
    responses((status = 200, description = "Corrected", body = super::openapi::DocumentView), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such document for this account", body = super::openapi::ErrorBody), (status = 409, description = "Not correctable in its state, or changed meanwhile", body = super::openapi::ErrorBody), (status = 422, description = "Invalid field path or value", body = super::openapi::ErrorBody)))]
pub(super) async fn correct(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    changes: Result<Json<Changes>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let Json(changes) = changes?;
    if changes.fields.is_empty() && changes.lines.is_empty() {
        return Err(Error::Unprocessable("nothing to change: give fields and/or lines".into()));
    }
    let doc = find(&state, caller.account.id, &id).await?;
    if !crate::store::CORRECTABLE.contains(&doc.status) {
        return Err(Error::Conflict(format!(
            "document {} is {}; it can be corrected after reading and before export",
            doc.id, doc.status
        )));
    }
    let mut extraction = doc.extraction.clone().unwrap_or_else(|| serde_json::json!({}));
    let corrections = apply(&mut extraction, &changes)?;
    let a = caller.account.id;
    let doc = state.store.correct_document(a, doc.id, doc.updated_at, extraction, &corrections, &caller.actor).await?;
    Ok(Json(with_history(&state, &doc).await?))
}

async fn change_status(
    state: &AppState,
    caller: &Caller,
    id: &str,
    from: &[Status],
    to: Status,
    reason: Option<&str>,
) -> ApiResult<Json<Value>> {
    let doc = find(state, caller.account.id, id).await?;
    let a = caller.account.id;
    let doc = state.store.transition(a, doc.id, from, to, reason, &caller.actor).await?;
    Ok(Json(with_history(state, &doc).await?))
}

/// `POST …/approve`: an accountant confirms the data.
#[utoipa::path(post, path = "/v1/documents/{id}/approve", tag = "review", params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "Reviewed", body = super::openapi::DocumentView), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such document for this account", body = super::openapi::ErrorBody), (status = 409, description = "Not in a state that can be approved", body = super::openapi::ErrorBody)))]
pub(super) async fn approve(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let from = [Status::Digitized, Status::NeedsReview];
    change_status(&state, &caller, &id, &from, Status::Reviewed, None).await
}

/// `POST …/export`: hands the document to the accounting system (it enters
/// the exported queue). Documents that need review must be approved first.
#[utoipa::path(post, path = "/v1/documents/{id}/export", tag = "review", params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "Exported; it entered the exported queue", body = super::openapi::DocumentView), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such document for this account", body = super::openapi::ErrorBody), (status = 409, description = "Not in a state that can be exported", body = super::openapi::ErrorBody)))]
pub(super) async fn export(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let from = [Status::Digitized, Status::Reviewed];
    change_status(&state, &caller, &id, &from, Status::Exported, None).await
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Rejection {
    reason: String,
}

/// `POST …/reject` with `{"reason": "…"}`.
#[utoipa::path(post, path = "/v1/documents/{id}/reject", tag = "review", params(("id" = String, Path, description = "Document id")),
    request_body(content = serde_json::Value, description = "{\"reason\": text}"),
    responses((status = 200, description = "Rejected", body = super::openapi::DocumentView), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such document for this account", body = super::openapi::ErrorBody), (status = 409, description = "Not in a state that can be rejected", body = super::openapi::ErrorBody), (status = 422, description = "Missing reason", body = super::openapi::ErrorBody)))]
pub(super) async fn reject(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
    rejection: Result<Json<Rejection>, JsonRejection>,
) -> ApiResult<Json<Value>> {
    let Json(r) = rejection?;
    let reason = r.reason.trim();
    if reason.is_empty() || reason.len() > 1000 {
        return Err(Error::Unprocessable("reason must be 1 to 1000 characters".into()));
    }
    let from = [Status::Digitized, Status::NeedsReview, Status::Reviewed];
    change_status(&state, &caller, &id, &from, Status::Rejected, Some(reason)).await
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn paths_set_nested_values_and_lists_grow_by_one() {
        let mut data = json!({"supplier": {"name": "A"}, "line_items": [{"quantity": "1"}]});
        assert_eq!(set_path(&mut data, "supplier.name", json!("B")).unwrap(), Some(json!("A")));
        set_path(&mut data, "line_items[1].quantity", json!("2")).unwrap();
        set_path(&mut data, "buyer.vat_id", json!("LT1")).unwrap();
        assert_eq!(data["line_items"][1]["quantity"], "2");
        assert_eq!(data["buyer"]["vat_id"], "LT1");
        assert!(set_path(&mut data, "line_items[5].quantity", json!("2")).is_err());
        assert!(set_path(&mut data, "Supplier..x", json!(1)).is_err());
    }

    #[test]
    fn corrections_must_leave_valid_canonical_data() {
        let mut e = json!({"data": {"gross_total": "10.00"}, "fields": []});
        let bad = Changes { fields: BTreeMap::from([("gross_total".into(), json!("ten"))]), lines: vec![] };
        assert!(apply(&mut e, &bad).is_err());
        let bad = Changes { fields: BTreeMap::from([("colour".into(), json!("red"))]), lines: vec![] };
        assert!(apply(&mut e, &bad).is_err());
        let good = Changes { fields: BTreeMap::from([("issue_date".into(), json!("2025-03-04"))]), lines: vec![] };
        let c = apply(&mut e, &good).unwrap();
        assert_eq!(c[0].new_value.as_deref(), Some("2025-03-04"));
        assert_eq!(e["fields"][0]["confidence"], 1.0);
    }
}
