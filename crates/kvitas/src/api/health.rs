//! `/healthz` (the process answers) and `/readyz` (and its database does).

use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};
use serde_json::{Value, json};

use super::{ApiResult, AppState, Error};

pub fn router() -> Router<AppState> {
    Router::new().route("/healthz", get(health)).route("/readyz", get(ready))
}

async fn health() -> Json<Value> {
    Json(json!({ "status": "ok" }))
}

async fn ready(State(state): State<AppState>) -> ApiResult<Json<Value>> {
    state.store.ping().await.map_err(|e| Error::Unavailable(format!("database unavailable: {e}")))?;
    Ok(Json(json!({ "status": "ready" })))
}
