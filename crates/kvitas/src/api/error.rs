//! The one error type at the HTTP edge: every failure becomes JSON
//! `{error, message}` with the status that says whose fault it was.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

use crate::blob::BlobError;
use crate::store::StoreError;

/// An API failure.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// No valid API key.
    #[error("a valid API key is required (x-api-key or Authorization: Bearer)")]
    Unauthorized,
    /// A signed link that is expired or was tampered with.
    #[error("{0}")]
    Forbidden(String),
    /// Nothing here (or not this account's).
    #[error("{0}")]
    NotFound(String),
    /// The request conflicts with the current state.
    #[error("{0}")]
    Conflict(String),
    /// The body is too large.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The content is of a type kvitas does not read.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Well-formed but not acceptable.
    #[error("{0}")]
    Unprocessable(String),
    /// Waited too long.
    #[error("{0}")]
    Timeout(String),
    /// The service failed; the cause is logged, not returned.
    #[error("internal error")]
    Internal(#[from] anyhow::Error),
    /// Too many requests with this key; retry after this many seconds.
    #[error("too many requests with this API key; retry in {0} s")]
    RateLimited(u64),
    /// A dependency is down.
    #[error("{0}")]
    Unavailable(String),
}

impl Error {
    /// The HTTP status.
    pub fn status_code(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Forbidden(_) => StatusCode::FORBIDDEN,
            Error::NotFound(_) => StatusCode::NOT_FOUND,
            Error::Conflict(_) => StatusCode::CONFLICT,
            Error::PayloadTooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            Error::UnsupportedMediaType(_) => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            Error::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::Timeout(_) => StatusCode::REQUEST_TIMEOUT,
            Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
            Error::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Error::RateLimited(_) => StatusCode::TOO_MANY_REQUESTS,
        }
    }

    /// The machine-readable code in the body.
    pub fn code(&self) -> &'static str {
        match self {
            Error::BadRequest(_) => "bad_request",
            Error::Unauthorized => "unauthorized",
            Error::Forbidden(_) => "forbidden",
            Error::NotFound(_) => "not_found",
            Error::Conflict(_) => "conflict",
            Error::PayloadTooLarge(_) => "payload_too_large",
            Error::UnsupportedMediaType(_) => "unsupported_media_type",
            Error::Unprocessable(_) => "unprocessable",
            Error::Timeout(_) => "timeout",
            Error::Internal(_) => "internal",
            Error::Unavailable(_) => "unavailable",
            Error::RateLimited(_) => "rate_limited",
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        if let Error::Internal(cause) = &self {
            tracing::error!(error = %format!("{cause:#}"), "request failed");
        }
        let body = json!({ "error": self.code(), "message": self.to_string() });
        let mut response = (self.status_code(), Json(body)).into_response();
        if let Error::RateLimited(secs) = self
            && let Ok(v) = secs.to_string().parse()
        {
            response.headers_mut().insert(axum::http::header::RETRY_AFTER, v);
        }
        response
    }
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::NotFound => Error::NotFound("not found".into()),
            StoreError::Conflict(msg) => Error::Conflict(msg),
            other => Error::Internal(other.into()),
        }
    }
}

impl From<JsonRejection> for Error {
    fn from(e: JsonRejection) -> Error {
        match e {
            JsonRejection::MissingJsonContentType(e) => Error::UnsupportedMediaType(e.body_text()),
            JsonRejection::JsonDataError(e) => Error::Unprocessable(e.body_text()),
            other => Error::BadRequest(other.body_text()),
        }
    }
}

impl From<BlobError> for Error {
    fn from(e: BlobError) -> Error {
        Error::Internal(e.into())
    }
}

/// Result of handlers.
pub type ApiResult<T> = Result<T, Error>;
