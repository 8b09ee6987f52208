//! `GET /v1/suppliers`: the suppliers the account's accountants have
//! confirmed, which documents are read with (see `kvitas_extract::suppliers`).

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiResult, AppState, Caller, Error};
use crate::worker::KNOWN_SUPPLIERS;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/suppliers", get(list))
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ListParams {
    limit: Option<u32>,
}

/// `GET /v1/suppliers`.
#[utoipa::path(get, path = "/v1/suppliers", tag = "account",
    params(("limit" = Option<u32>, Query, description = "1 to 2000 (the most a document is read with); 100 when absent")),
    responses((status = 200, description = "Known suppliers (name, address, company code, VAT id), most recently confirmed first", body = Object),
        (status = 400, description = "Malformed request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody)))]
pub(super) async fn list(
    State(state): State<AppState>,
    caller: Caller,
    params: Result<Query<ListParams>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(p) = params.map_err(|e| Error::BadRequest(e.body_text()))?;
    let limit = super::page_limit(p.limit, KNOWN_SUPPLIERS)?;
    let suppliers = state.store.confirmed_suppliers(caller.account.id, limit).await?;
    Ok(Json(json!({ "suppliers": suppliers })))
}
