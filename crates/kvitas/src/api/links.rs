//! Absolute links the API hands out: signed ones for kvitas's own file,
//! page and upload routes, or the blob store's pre-signed URLs.

use std::time::Duration;

use axum::extract::FromRequestParts;
use axum::http::header::HOST;
use axum::http::request::Parts;

use super::{AppState, Error};
use crate::signing::Link;
use crate::store::AccountId;

/// Where clients reach this service: `server.public_url`, or `http://` and
/// the request's `Host`.
#[derive(Debug, Clone)]
pub struct Origin(String);

impl FromRequestParts<AppState> for Origin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Origin, Error> {
        if let Some(url) = state.config.server.public_url.as_deref().filter(|u| !u.is_empty()) {
            return Ok(Origin(url.trim_end_matches('/').to_string()));
        }
        let host = parts
            .headers
            .get(HOST)
            .and_then(|h| h.to_str().ok())
            .filter(|h| !h.is_empty() && h.bytes().all(|b| b.is_ascii_graphic()))
            .or_else(|| parts.uri.authority().map(|a| a.as_str()))
            .ok_or_else(|| Error::BadRequest("the request has no Host header to build links from".into()))?;
        Ok(Origin(format!("http://{host}")))
    }
}

/// A link with its expiry.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Signed {
    /// The absolute URL.
    pub url: String,
    /// When it stops working, RFC 3339.
    pub expires_at: serde_json::Value,
}

impl Origin {
    /// A signed link to this service's `path` for `method`, valid for the
    /// configured time.
    pub fn signed(&self, state: &AppState, method: &str, path: &str, account: AccountId) -> Signed {
        let expires = chrono::Utc::now().timestamp() + lifetime(state).as_secs() as i64;
        let link = Link { method, path, account, expires };
        Signed {
            url: format!("{}{path}?{}", self.0, state.signer.query(&link)),
            expires_at: super::view::time(expires * 1000),
        }
    }

    /// An unsigned absolute link to `path`.
    pub fn plain(&self, path: &str) -> String {
        format!("{}{path}", self.0)
    }
}

/// The longest a link may live: seven days, as for S3 pre-signed URLs.
const LONGEST: u64 = 7 * 24 * 3600;

/// How long handed-out links live: the configured time, within 1 s to 7 days.
pub fn lifetime(state: &AppState) -> Duration {
    Duration::from_secs(state.config.server.signed_url_secs.clamp(1, LONGEST))
}
