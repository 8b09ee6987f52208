//! `/v1/companies`: the companies of an account whose documents it
//! digitizes (company code, VAT id, name). Documents name theirs by
//! `company_code`.

use axum::extract::{Path, State};
use axum::routing::{get, put};
use axum::{Json, Router};
use serde::Deserialize;
use serde_json::{Value, json};

use super::{ApiResult, AppState, Caller, Error};
use crate::store::Company;

pub fn router() -> Router<AppState> {
    Router::new().route("/v1/companies", get(list)).route("/v1/companies/{code}", put(upsert))
}

/// The body of `PUT /v1/companies/{code}`.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct CompanyBody {
    /// Registered name.
    name: String,
    /// VAT id with its country prefix, e.g. LT216907510.
    vat_id: Option<String>,
}

fn check_code(code: &str) -> ApiResult<()> {
    let ok = !code.is_empty()
        && code.len() <= 64
        && code.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if ok {
        Ok(())
    } else {
        Err(Error::BadRequest(format!("{code:?} is not a company code: 1 to 64 letters, digits, '-', '_' or '.'")))
    }
}

/// A VAT id has a two-letter country prefix and 2 to 13 letters or digits;
/// for the countries whose check digits kvitas knows, they must be right.
fn vat_id_acceptable(v: &str) -> bool {
    let shape = v.len() >= 4
        && v.len() <= 15
        && v.bytes().take(2).all(|b| b.is_ascii_uppercase())
        && v.bytes().skip(2).all(|b| b.is_ascii_alphanumeric());
    shape && kvitas_extract::ids::vat_id_valid(v) != Some(false)
}

/// `GET /v1/companies`.
#[utoipa::path(get, path = "/v1/companies", tag = "account",
    responses((status = 200, description = "The account's companies, by code", body = Object), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody)))]
pub(super) async fn list(State(state): State<AppState>, caller: Caller) -> ApiResult<Json<Value>> {
    let companies = state.store.list_companies(caller.account.id).await?;
    Ok(Json(json!({ "companies": companies })))
}

/// `PUT /v1/companies/{code}`: records a company or updates its name and VAT id.
#[utoipa::path(put, path = "/v1/companies/{code}", tag = "account", request_body = CompanyBody,
    params(("code" = String, Path, description = "Company (registration) code")),
    responses((status = 200, description = "The company as stored", body = Object),
        (status = 400, description = "Malformed code or body", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 422, description = "Invalid name or VAT id", body = super::openapi::ErrorBody)))]
pub(super) async fn upsert(
    State(state): State<AppState>,
    caller: Caller,
    Path(code): Path<String>,
    body: Result<Json<CompanyBody>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Json<Company>> {
    check_code(&code)?;
    let Json(body) = body?;
    let name = body.name.trim().to_string();
    if name.is_empty() || name.len() > 255 {
        return Err(Error::Unprocessable("name must be 1 to 255 characters".into()));
    }
    let vat_id = body.vat_id.map(|v| v.chars().filter(|c| !c.is_whitespace()).collect::<String>().to_uppercase());
    if let Some(v) = &vat_id
        && !vat_id_acceptable(v)
    {
        return Err(Error::Unprocessable(format!(
            "vat_id {v:?} is not a valid VAT id (country prefix and number, with a correct check digit where the country has one)"
        )));
    }
    let company = Company { code, vat_id, name };
    state.store.upsert_company(caller.account.id, &company).await?;
    Ok(Json(company))
}
