//! The native HTTP API, `/v1`. One module per resource, each with its own
//! `router()`; handlers parse, call the store, and map the result.

mod account;
mod auth;
mod companies;
pub mod documents;
mod error;
mod health;
mod links;
pub mod metrics;
mod openapi;
mod queues;
mod review;
mod suppliers;
mod sync_errors;
pub mod uploads;
mod view;

use std::sync::Arc;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use tokio::sync::Notify;

pub use auth::Caller;
pub use error::{ApiResult, Error};

use crate::blob::SharedBlobs;
use crate::config::Config;
use crate::store::SharedStore;

/// Bodies of routes other than uploads are small JSON.
const SMALL_BODY: usize = 256 * 1024;

/// What handlers share.
#[derive(Clone)]
pub struct AppState {
    /// The store.
    pub store: SharedStore,
    /// Uploaded files.
    pub blobs: SharedBlobs,
    /// Configuration in force.
    pub config: Arc<Config>,
    /// Wakes idle workers when a document arrives.
    pub wake: Arc<Notify>,
    /// Signs and checks the service's own expiring links.
    pub signer: Arc<crate::signing::UrlSigner>,
    /// Requests per key and second (None: unlimited).
    pub limiter: Option<Arc<KeyLimiter>>,
}

/// A rate limiter keyed by API key hash.
pub type KeyLimiter = governor::DefaultKeyedRateLimiter<String>;

/// The per-key limiter the configuration asks for.
pub fn key_limiter(config: &Config) -> Option<Arc<KeyLimiter>> {
    let rate = std::num::NonZeroU32::new(config.server.rate_limit_per_sec)?;
    let burst = std::num::NonZeroU32::new(config.server.rate_limit_burst).unwrap_or(rate);
    Some(Arc::new(governor::RateLimiter::keyed(governor::Quota::per_second(rate).allow_burst(burst))))
}

/// Entries a list endpoint returns when the request does not say.
const DEFAULT_PAGE: u32 = 100;

/// The `limit` of a list request: [`DEFAULT_PAGE`] when absent, 1 to `max`
/// otherwise (400 beyond).
fn page_limit(asked: Option<u32>, max: u32) -> ApiResult<u32> {
    let limit = asked.unwrap_or(DEFAULT_PAGE);
    if !(1..=max).contains(&limit) {
        return Err(Error::BadRequest(format!("limit must be between 1 and {max}")));
    }
    Ok(limit)
}

/// The whole HTTP surface.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(documents::router(&state.config))
        .merge(uploads::router(&state.config))
        .merge(queues::router())
        .merge(review::router())
        .merge(sync_errors::router())
        .merge(account::router())
        .merge(companies::router())
        .merge(suppliers::router())
        .merge(health::router())
        .merge(openapi::router())
        .merge(metrics::router())
        .fallback(not_found)
        .layer(DefaultBodyLimit::max(SMALL_BODY))
        .route_layer(axum::middleware::from_fn(metrics::track))
        .with_state(state)
}

async fn not_found() -> Error {
    Error::NotFound("no such route".into())
}
