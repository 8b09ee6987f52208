//! `/healthz` (the process answers) and `/readyz` (and its database does).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::{ApiResult, AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health)).route("/readyz", get(ready))
}

#[utoipa::path(get, path = "/healthz", tag = "health", security(), responses((status = 200, description = "The process answers")))]
pub(super) async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

#[utoipa::path(get, path = "/readyz", tag = "health", security(), responses((status = 200, description = "The database answers"), (status = 503, description = "The database does not answer", body = super::openapi::ErrorBody)))]
pub(super) async fn ready(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    state.store.ping().await.map_err(|e| Error::Unavailable(format!("database unavailable: {e}")))?;
    Ok(Json(json!({ "status": "ready" })))
}
