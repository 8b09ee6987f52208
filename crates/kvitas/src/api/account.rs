//! `GET /v1/account`: the caller's account and its usage.

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use chrono::{Datelike, TimeZone, Utc};
use serde_json::{Value, json};

use super::{ApiResult, AppState, Caller, view};

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/account", get(show))
}

fn month_start_ms() -> i64 {
    let now = Utc::now();
    Utc.with_ymd_and_hms(now.year(), now.month(), 1, 0, 0, 0).single().map(|t| t.timestamp_millis()).unwrap_or(0)
}

#[utoipa::path(get, path = "/v1/account", tag = "account",
    responses((status = 200, description = "Name, usage and companies", body = serde_json::Value), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody)))]
pub(super) async fn show(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let usage = state.store.usage(caller.account.id, month_start_ms()).await?;
    let companies = state.store.list_companies(caller.account.id).await?;
    Ok(Json(json!({
        "name": caller.account.name,
        "created_at": view::time(caller.account.created_at),
        "usage": usage,
        "companies": companies,
    })))
}
