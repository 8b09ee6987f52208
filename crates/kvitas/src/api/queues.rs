//! `GET /v1/queues/{digitized|exported}`: result queues paged by an opaque,
//! strictly increasing cursor.
//!
//! A page holds the entries after the cursor in position order, and
//! `next_cursor` is the position of its last entry (or the cursor given, for
//! an empty page), so a client that always asks with the last `next_cursor`
//! sees every document exactly once.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiResult, AppState, Caller, Error, view};
use crate::store::Queue;

const MAX_LIMIT: u32 = 1000;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/queues/{queue}", get(page))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PageParams {
    after: Option<String>,
    limit: Option<u32>,
}

/// Cursors are a version letter and the position in hex; clients should
/// treat them as opaque.
pub fn encode_cursor(position: i64) -> String {
    format!("c{position:x}")
}

/// The position a cursor stands for.
pub fn decode_cursor(cursor: &str) -> Option<i64> {
    let hex = cursor.strip_prefix('c')?;
    if hex.is_empty() || hex.len() > 16 {
        return None;
    }
    i64::from_str_radix(hex, 16).ok().filter(|p| *p >= 0)
}

#[utoipa::path(get, path = "/v1/queues/{queue}", tag = "queues",
    params(("queue" = String, Path, description = "digitized or exported"),
        ("after" = Option<String>, Query, description = "Cursor: the next_cursor of the previous page"),
        ("limit" = Option<u32>, Query, description = "1 to 1000, default 100")),
    responses((status = 200, description = "Entries after the cursor, oldest first", body = super::openapi::QueuePage), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such queue", body = super::openapi::ErrorBody)))]
pub(super) async fn page(
    State(state): State<AppState>,
    caller: Caller,
    Path(queue): Path<String>,
    params: Result<Query<PageParams>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let queue: Queue = queue.parse().map_err(Error::NotFound)?;
    let Query(params) = params.map_err(|e| Error::BadRequest(e.body_text()))?;
    let after = match params.after.as_deref() {
        None | Some("") => 0,
        Some(c) => decode_cursor(c).ok_or_else(|| Error::BadRequest(format!("invalid cursor {c:?}")))?,
    };
    let limit = super::page_limit(params.limit, MAX_LIMIT)?;
    let entries = state.store.page_queue(caller.account.id, queue, after, limit).await?;
    let next = entries.last().map(|e| e.position).unwrap_or(after);
    let documents: Vec<Value> = entries
        .iter()
        .map(|e| {
            let mut v = view::document(&e.document);
            v["cursor"] = Value::String(encode_cursor(e.position));
            v["queued_at"] = view::time(e.position);
            v
        })
        .collect();
    Ok(Json(json!({ "documents": documents, "next_cursor": encode_cursor(next) })))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cursors_round_trip_and_junk_is_refused() {
        for p in [0, 1, 1_700_000_000_123, i64::MAX] {
            assert_eq!(decode_cursor(&encode_cursor(p)), Some(p));
        }
        for junk in ["", "c", "x12", "c-1", "cffffffffffffffffff", "c12g"] {
            assert_eq!(decode_cursor(junk), None, "{junk}");
        }
    }
}
