//! Who is calling: the account of the request's API key, or of a signed link.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::{AppState, Error};
use crate::signing::Link;
use crate::store::{Account, AccountId};

/// The authenticated caller.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The key's account; every query of the request is scoped by it.
    pub account: Account,
    /// For the history: `api-key:<prefix>`.
    pub actor: String,
}

fn presented_key(parts: &Parts) -> Option<&str> {
    if let Some(v) = parts.headers.get("x-api-key") {
        return v.to_str().ok().map(str::trim);
    }
    let auth = parts.headers.get(AUTHORIZATION)?.to_str().ok()?;
    let (scheme, token) = auth.trim().split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim())
}

impl FromRequestParts<AppState> for Caller {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Caller, Error> {
        let key = presented_key(parts).filter(|k| !k.is_empty()).ok_or(Error::Unauthorized)?;
        let hash = crate::keys::hash(key);
        let account = state.store.authenticate(&hash).await?.ok_or(Error::Unauthorized)?;
        if let Some(limiter) = &state.limiter
            && let Err(wait) = limiter.check_key(&hash)
        {
            let now = governor::clock::Clock::now(&governor::clock::DefaultClock::default());
            let secs = wait.wait_time_from(now).as_secs().max(1);
            return Err(Error::RateLimited(secs));
        }
        Ok(Caller { account, actor: format!("api-key:{}", crate::keys::prefix(key)) })
    }
}

/// The query of a link kvitas signed (see [`crate::signing`]).
#[derive(Debug, serde::Deserialize)]
struct SignedQuery {
    account: i64,
    expires: i64,
    signature: String,
}

/// A request carrying a valid signed link instead of an API key: the link
/// covers this method and path, for one account, until it expires.
#[derive(Debug, Clone, Copy)]
pub struct Signed {
    /// The account the link was made for.
    pub account: AccountId,
}

impl FromRequestParts<AppState> for Signed {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Signed, Error> {
        let axum::extract::Query(q) = axum::extract::Query::<SignedQuery>::try_from_uri(&parts.uri).map_err(|_| {
            Error::Forbidden("this address needs a signed link (account, expires and signature in the query)".into())
        })?;
        let link =
            Link { method: parts.method.as_str(), path: parts.uri.path(), account: q.account, expires: q.expires };
        let now = chrono::Utc::now().timestamp();
        state.signer.verify(&link, &q.signature, now).map_err(|e| Error::Forbidden(e.to_string()))?;
        Ok(Signed { account: q.account })
    }
}

/// Who may read a document's file and pages: an API key's account, or the
/// account of a signed link (so that browsers can load them in `<img>`).
#[derive(Debug, Clone, Copy)]
pub struct Reader {
    /// The account whose documents may be read.
    pub account: AccountId,
}

impl FromRequestParts<AppState> for Reader {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Reader, Error> {
        let signed = parts.uri.query().is_some_and(|q| q.split('&').any(|kv| kv.starts_with("signature=")));
        let account = if signed {
            Signed::from_request_parts(parts, state).await?.account
        } else {
            Caller::from_request_parts(parts, state).await?.account.id
        };
        Ok(Reader { account })
    }
}
