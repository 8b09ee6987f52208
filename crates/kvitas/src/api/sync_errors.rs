//! `POST /v1/sync-errors` and `GET /v1/sync-errors`: what the accounting
//! system refused, for the accountant to see.

use axum::extract::rejection::{JsonRejection, QueryRejection};
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::post;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiResult, AppState, Caller, Error, view};
use crate::store::NewSyncError;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/sync-errors", post(create).get(list))
}

#[utoipa::path(post, path = "/v1/sync-errors", tag = "sync errors",
    request_body(content = serde_json::Value, description = "{\"document_id\", \"company_code\", \"message\"}"),
    responses((status = 201, description = "Recorded", body = serde_json::Value), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 422, description = "Invalid body or unknown document", body = super::openapi::ErrorBody)))]
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    body: Result<Json<NewSyncError>, JsonRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let Json(e) = body?;
    if e.message.trim().is_empty() || e.message.len() > 4000 {
        return Err(Error::Unprocessable("message must be 1 to 4000 characters".into()));
    }
    let saved = state.store.insert_sync_error(caller.account.id, &e).await.map_err(|err| match Error::from(err) {
        Error::NotFound(_) => Error::Unprocessable(format!("no document {}", e.document_id)),
        other => other,
    })?;
    Ok((StatusCode::CREATED, Json(entry(&saved))))
}

fn entry(e: &crate::store::SyncError) -> Value {
    json!({
        "id": e.id, "document_id": e.document_id, "company_code": e.company_code,
        "message": e.message, "created_at": view::time(e.created_at),
    })
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListParams {
    after: Option<i64>,
    limit: Option<u32>,
}

#[utoipa::path(get, path = "/v1/sync-errors", tag = "sync errors",
    params(("after" = Option<i64>, Query, description = "Id to continue after"), ("limit" = Option<u32>, Query, description = "1 to 1000")),
    responses((status = 200, description = "Sync errors, oldest first", body = serde_json::Value), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody)))]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    params: Result<Query<ListParams>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(p) = params.map_err(|e| Error::BadRequest(e.body_text()))?;
    let limit = super::page_limit(p.limit, 1000)?;
    let after = p.after.unwrap_or(0);
    let errors = state.store.list_sync_errors(caller.account.id, after, limit).await?;
    let next = errors.last().map(|e| e.id).unwrap_or(after);
    Ok(Json(json!({ "sync_errors": errors.iter().map(entry).collect::<Vec<_>>(), "next_after": next })))
}
