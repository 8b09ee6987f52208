//! `/v1/uploads`: two-step uploads for large files and browsers. The client
//! asks for an upload, PUTs the bytes straight to the returned URL (the S3
//! bucket's pre-signed URL, or kvitas's own signed address with the local
//! store), then completes the upload, which turns the file into a document
//! exactly as `POST /v1/documents` would.

use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{post, put};
use axum::{Json, Router, middleware};
use serde::Deserialize;
use serde_json::{Value, json};

use super::auth::Signed;
use super::documents::{Incoming, Metadata, refuse_oversized, store_incoming, upload_limit};
use super::links::{Origin, lifetime};
use super::{ApiResult, AppState, Caller, Error, view};
use crate::blob::{Access, BlobError};
use crate::config::Config;
use crate::store::{AccountId, NewUpload, Upload, UploadId};

pub fn router(config: &Config) -> Router<AppState> {
    let limit = upload_limit(config);
    let content = Router::new()
        .route("/v1/uploads/{id}/content", put(content))
        .layer(DefaultBodyLimit::max(limit))
        .layer(middleware::from_fn_with_state(limit, refuse_oversized));
    Router::new().merge(content).route("/v1/uploads", post(create)).route("/v1/uploads/{id}/complete", post(complete))
}

/// The body of `POST /v1/uploads`.
#[derive(Debug, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub(super) struct UploadRequest {
    /// The file's name.
    filename: Option<String>,
    /// As the `metadata` part of `POST /v1/documents`.
    #[schema(value_type = Option<Object>)]
    metadata: Option<Value>,
}

fn upload_id(raw: &str) -> ApiResult<UploadId> {
    raw.parse().map_err(|_| Error::BadRequest(format!("{raw:?} is not an upload id")))
}

async fn find(state: &AppState, account: AccountId, raw: &str) -> ApiResult<Upload> {
    let id = upload_id(raw)?;
    state.store.upload(account, id).await.map_err(|e| match Error::from(e) {
        Error::NotFound(_) => Error::NotFound(format!("no upload {id}")),
        other => other,
    })
}

/// `POST /v1/uploads`: where to PUT a file, and how to finish.
#[utoipa::path(post, path = "/v1/uploads", tag = "documents", request_body = UploadRequest,
    responses((status = 201, description = "PUT the file to `url` with `headers`, then POST `complete_url`", body = Object),
        (status = 400, description = "Malformed request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 422, description = "Invalid metadata", body = super::openapi::ErrorBody)))]
pub(super) async fn create(
    State(state): State<AppState>,
    caller: Caller,
    origin: Origin,
    body: Result<Json<UploadRequest>, axum::extract::rejection::JsonRejection>,
) -> ApiResult<Response> {
    let Json(request) = body?;
    let metadata: Metadata = match request.metadata {
        Some(m) => {
            serde_json::from_value(m).map_err(|e| Error::Unprocessable(format!("metadata is not valid: {e}")))?
        }
        None => Metadata::default(),
    };
    metadata.validate()?;
    if request.filename.as_ref().is_some_and(|f| f.is_empty() || f.len() > 255) {
        return Err(Error::Unprocessable("filename must be 1 to 255 characters".into()));
    }
    let id = uuid::Uuid::new_v4();
    let account = caller.account.id;
    let expires_in = lifetime(&state);
    let upload = NewUpload {
        id,
        account,
        blob_key: format!("staging/{account}/{id}"),
        filename: request.filename,
        metadata: serde_json::to_value(&metadata).map_err(|e| Error::Internal(e.into()))?,
        expires_at: chrono::Utc::now().timestamp_millis() + expires_in.as_millis() as i64,
    };
    let upload = state.store.insert_upload(&upload).await?;
    let target = match state.blobs.presigned_url(Access::Put, &upload.blob_key, expires_in).await? {
        Some(url) => url,
        None => origin.signed(&state, "PUT", &format!("/v1/uploads/{id}/content"), account).url,
    };
    let body = json!({
        "upload_id": id,
        "method": "PUT",
        "url": target,
        "headers": {},
        "expires_at": view::time(upload.expires_at),
        "complete_url": origin.plain(&format!("/v1/uploads/{id}/complete")),
        "max_bytes": state.config.server.max_upload_bytes(),
    });
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// `PUT /v1/uploads/{id}/content`: the file, sent to the signed address
/// `POST /v1/uploads` returned (used with the local blob store).
#[utoipa::path(put, path = "/v1/uploads/{id}/content", tag = "documents",
    params(("id" = String, Path, description = "Upload id"), ("account" = i64, Query, description = "From the signed link"), ("expires" = i64, Query, description = "From the signed link"), ("signature" = String, Query, description = "From the signed link")),
    request_body(content = Vec<u8>, content_type = "application/octet-stream"),
    responses((status = 200, description = "Stored; now complete the upload", body = Object),
        (status = 400, description = "Empty body", body = super::openapi::ErrorBody), (status = 403, description = "Link expired or altered", body = super::openapi::ErrorBody), (status = 404, description = "No such upload", body = super::openapi::ErrorBody), (status = 409, description = "Already completed", body = super::openapi::ErrorBody), (status = 413, description = "File too large", body = super::openapi::ErrorBody)),
    security(()))]
pub(super) async fn content(
    State(state): State<AppState>,
    signed: Signed,
    Path(id): Path<String>,
    body: Bytes,
) -> ApiResult<Json<Value>> {
    let upload = find(&state, signed.account, &id).await?;
    if upload.document.is_some() {
        return Err(Error::Conflict(format!("upload {} is already complete", upload.id)));
    }
    if body.is_empty() {
        return Err(Error::BadRequest("the uploaded file is empty".into()));
    }
    let size = body.len();
    state.blobs.put(&upload.blob_key, body.to_vec()).await?;
    Ok(Json(json!({ "upload_id": upload.id, "size_bytes": size })))
}

/// `POST /v1/uploads/{id}/complete`: turns the uploaded file into a document.
/// Repeating it returns the same document.
#[utoipa::path(post, path = "/v1/uploads/{id}/complete", tag = "documents", params(("id" = String, Path, description = "Upload id")),
    responses((status = 202, description = "Stored; reading is queued", body = super::openapi::DocumentView),
        (status = 200, description = "Already completed, or the account already has this file: that document", body = super::openapi::DocumentView),
        (status = 400, description = "Malformed id", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such upload", body = super::openapi::ErrorBody), (status = 409, description = "Nothing was uploaded yet", body = super::openapi::ErrorBody), (status = 413, description = "File too large", body = super::openapi::ErrorBody), (status = 415, description = "Not a type kvitas reads", body = super::openapi::ErrorBody)))]
pub(super) async fn complete(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> ApiResult<Response> {
    let upload = find(&state, caller.account.id, &id).await?;
    if let Some(document) = upload.document {
        let doc = state.store.document(caller.account.id, document).await?;
        return Ok((StatusCode::OK, Json(view::document(&doc))).into_response());
    }
    let bytes = match state.blobs.get(&upload.blob_key).await {
        Ok(bytes) => bytes,
        Err(BlobError::NotFound(_)) => {
            return Err(Error::Conflict(format!(
                "nothing has been uploaded for upload {} yet: PUT the file to its url first",
                upload.id
            )));
        }
        Err(e) => return Err(e.into()),
    };
    let limit = state.config.server.max_upload_bytes();
    if bytes.len() as u64 > limit {
        state.blobs.delete(&upload.blob_key).await?;
        return Err(Error::PayloadTooLarge(format!(
            "the uploaded file is {} bytes, the limit is {limit} bytes",
            bytes.len()
        )));
    }
    if bytes.is_empty() {
        return Err(Error::BadRequest("the uploaded file is empty".into()));
    }
    let metadata: Metadata = serde_json::from_value(upload.metadata.clone())
        .map_err(|e| Error::Internal(anyhow::anyhow!("stored upload metadata unreadable: {e}")))?;
    let incoming = Incoming { bytes, filename: upload.filename.clone(), metadata };
    let (doc, created) = store_incoming(&state, &caller, incoming).await?;
    state.store.finish_upload(caller.account.id, upload.id, doc.id).await?;
    state.blobs.delete(&upload.blob_key).await?;
    let status = if created { StatusCode::ACCEPTED } else { StatusCode::OK };
    Ok((status, Json(view::document(&doc))).into_response())
}

/// How long after its link expired an upload that was never completed is
/// kept (a client may have PUT the file just before the expiry).
pub const KEEP_ABANDONED: std::time::Duration = std::time::Duration::from_secs(24 * 3600);

/// Deletes the staged files and rows of uploads never completed whose link
/// expired more than [`KEEP_ABANDONED`] before `now_ms`; returns how many.
pub async fn sweep_abandoned(state: &AppState, now_ms: i64) -> anyhow::Result<usize> {
    let before = now_ms - KEEP_ABANDONED.as_millis() as i64;
    let mut swept = 0;
    loop {
        let batch = state.store.abandoned_uploads(before, 100).await?;
        if batch.is_empty() {
            return Ok(swept);
        }
        for upload in batch {
            state.blobs.delete(&upload.blob_key).await?;
            state.store.delete_upload(upload.account, upload.id).await?;
            swept += 1;
        }
    }
}
