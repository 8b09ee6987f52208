//! Who is calling: the account of the request's API key.

use axum::extract::FromRequestParts;
use axum::http::header::AUTHORIZATION;
use axum::http::request::Parts;

use super::{AppState, Error};
use crate::store::Account;

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
