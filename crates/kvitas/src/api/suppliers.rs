//! `GET /v1/suppliers`: the suppliers the account's accountants have
//! confirmed, which documents are read with (see `kvitas_extract::suppliers`);
//! `DELETE /v1/suppliers?name=`: forgets one that was confirmed by mistake.

use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use axum::routing::get;
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiResult, AppState, Caller, Error};
use crate::worker::KNOWN_SUPPLIERS;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/suppliers", get(list).delete(forget))
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

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ForgetParams {
    name: String,
}

/// `DELETE /v1/suppliers?name=`.
#[utoipa::path(delete, path = "/v1/suppliers", tag = "account",
    params(("name" = String, Query, description = "The known supplier's name, exactly as listed")),
    responses((status = 200, description = "Every confirmation of a supplier of that name is forgotten (whatever its address or identifiers); `forgotten` counts them. Documents read later no longer take it as known until a document of it is approved again", body = Object),
        (status = 400, description = "Malformed request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody),
        (status = 404, description = "No known supplier has that name", body = super::openapi::ErrorBody)))]
pub(super) async fn forget(
    State(state): State<AppState>,
    caller: Caller,
    params: Result<Query<ForgetParams>, QueryRejection>,
) -> ApiResult<Json<Value>> {
    let Query(p) = params.map_err(|e| Error::BadRequest(e.body_text()))?;
    if p.name.trim().is_empty() {
        return Err(Error::BadRequest("name must not be empty".into()));
    }
    let forgotten = state.store.forget_suppliers(caller.account.id, &p.name).await?;
    if forgotten == 0 {
        return Err(Error::NotFound(format!("no known supplier is named {:?}", p.name)));
    }
    Ok(Json(json!({ "name": p.name, "forgotten": forgotten })))
}
