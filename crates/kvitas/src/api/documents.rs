//! `/v1/documents` and `/v1/scan`: upload, read back, download.

use std::time::{Duration, Instant};

use axum::extract::{DefaultBodyLimit, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use futures_util::StreamExt;
use kvitas_extract::{ExtractError, Limits};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::auth::Reader;
use super::links::{Origin, lifetime};
use super::{ApiResult, AppState, Caller, Error, view};
use crate::blob::Access;
use crate::config::Config;
use crate::store::{AccountId, Arrival, Document, DocumentId, Hints, NewDocument};

/// The body limit of routes that take a file: the configured size plus room
/// for multipart framing and the metadata part beside the file.
pub(super) fn upload_limit(config: &Config) -> usize {
    usize::try_from(config.server.max_upload_bytes()).unwrap_or(usize::MAX).saturating_add(64 * 1024)
}

pub fn router(config: &Config) -> Router<AppState> {
    let upload_limit = upload_limit(config);
    let uploads = Router::new()
        .route("/v1/documents", post(create))
        .route("/v1/scan", post(scan))
        .layer(DefaultBodyLimit::max(upload_limit))
        .layer(middleware::from_fn_with_state(upload_limit, refuse_oversized));
    Router::new()
        .merge(uploads)
        .route("/v1/documents/{id}", get(show))
        .route("/v1/documents/{id}/file", get(file))
        .route("/v1/documents/{id}/pages/{n}", get(page))
}

/// Most bytes of an oversized body read and thrown away so the client can
/// see the 413 (a server that answers and closes while the client is still
/// sending makes most clients report a broken connection instead).
const DRAIN_AT_MOST: u64 = 256 << 20;

/// Answers 413 to a declared length over the limit before anything is parsed.
pub(super) async fn refuse_oversized(State(limit): State<usize>, req: Request, next: Next) -> Response {
    let declared =
        req.headers().get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<u64>().ok());
    let Some(declared) = declared.filter(|len| *len > limit as u64) else {
        return next.run(req).await;
    };
    if declared <= DRAIN_AT_MOST {
        let mut body = req.into_body().into_data_stream();
        while let Some(Ok(_)) = body.next().await {}
    }
    Error::PayloadTooLarge(format!("the upload is {declared} bytes, the limit is {limit} bytes")).into_response()
}

/// The optional `metadata` part of an upload.
#[derive(Debug, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub(super) struct Metadata {
    external_id: Option<String>,
    userdata: Option<Value>,
    company_code: Option<String>,
    document_type: Option<String>,
    language: Option<String>,
}

impl Metadata {
    pub(super) fn validate(&self) -> ApiResult<()> {
        let bad = |m: String| Err(Error::Unprocessable(m));
        if self.external_id.as_ref().is_some_and(|s| s.is_empty() || s.len() > 255) {
            return bad("metadata.external_id must be 1 to 255 characters".into());
        }
        if self.company_code.as_ref().is_some_and(|s| s.is_empty() || s.len() > 64) {
            return bad("metadata.company_code must be 1 to 64 characters".into());
        }
        if self.userdata.as_ref().is_some_and(|u| u.to_string().len() > 64 * 1024) {
            return bad("metadata.userdata must be at most 64 KiB of JSON".into());
        }
        if let Some(t) = &self.document_type
            && !matches!(t.as_str(), "invoice" | "credit_note" | "receipt")
        {
            return bad(format!("metadata.document_type {t:?} is not one of invoice, credit_note, receipt"));
        }
        if let Some(l) = &self.language
            && !(l.len() == 2 && l.bytes().all(|b| b.is_ascii_lowercase()))
        {
            return bad(format!("metadata.language {l:?} is not a two-letter ISO 639-1 code"));
        }
        Ok(())
    }
}

/// A file arriving with its name and metadata.
pub(super) struct Incoming {
    pub(super) bytes: Vec<u8>,
    pub(super) filename: Option<String>,
    pub(super) metadata: Metadata,
}

/// Stores a file for `caller` as an upload would (used to load the demo
/// documents); `Ok(true)` when it was new.
pub async fn ingest(state: &AppState, caller: &Caller, bytes: Vec<u8>, filename: Option<String>) -> ApiResult<bool> {
    let incoming = Incoming { bytes, filename, metadata: Metadata::default() };
    Ok(store_incoming(state, caller, incoming).await?.1)
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> Error {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Error::PayloadTooLarge(format!("the upload is larger than the limit: {}", e.body_text()))
    } else {
        Error::BadRequest(format!("invalid multipart body: {}", e.body_text()))
    }
}

async fn read_upload(mut form: Multipart) -> ApiResult<Incoming> {
    let mut file = None;
    let mut metadata = None;
    while let Some(field) = form.next_field().await.map_err(multipart_error)? {
        match field.name().unwrap_or("") {
            "file" => {
                let filename = field.file_name().map(str::to_owned);
                let bytes = field.bytes().await.map_err(multipart_error)?;
                file = Some((bytes.to_vec(), filename));
            }
            "metadata" => {
                let text = field.text().await.map_err(multipart_error)?;
                let parsed: Metadata = serde_json::from_str(&text)
                    .map_err(|e| Error::Unprocessable(format!("metadata is not valid: {e}")))?;
                metadata = Some(parsed);
            }
            other => return Err(Error::BadRequest(format!("unexpected form field {other:?}: send file and metadata"))),
        }
    }
    let (bytes, filename) = file.ok_or_else(|| Error::BadRequest("the form has no file field".into()))?;
    if bytes.is_empty() {
        return Err(Error::BadRequest("the uploaded file is empty".into()));
    }
    let metadata = metadata.unwrap_or_default();
    metadata.validate()?;
    Ok(Incoming { bytes, filename, metadata })
}

/// Checks the content before anything is stored: the type must be one kvitas reads.
fn media_type(bytes: &[u8], config: &Config) -> ApiResult<String> {
    let limits = Limits { max_file_bytes: config.server.max_upload_bytes(), ..Limits::default() };
    match kvitas_extract::detect::sniff(bytes, &limits) {
        Ok((_, Some(_))) => Ok("application/gzip".into()),
        Ok((kind, None)) => Ok(kind.media_type().into()),
        Err(e @ ExtractError::Unsupported { .. }) => Err(Error::UnsupportedMediaType(e.to_string())),
        Err(e @ (ExtractError::TooLarge { .. } | ExtractError::DecompressionBomb { .. })) => {
            Err(Error::PayloadTooLarge(e.to_string()))
        }
        Err(e) => Err(Error::Unprocessable(e.to_string())),
    }
}

/// Stores an incoming file; `Ok((document, created))` once file and row are durable.
pub(super) async fn store_incoming(state: &AppState, caller: &Caller, upload: Incoming) -> ApiResult<(Document, bool)> {
    let media_type = media_type(&upload.bytes, &state.config)?;
    let content_hash = crate::keys::content_hash(&upload.bytes);
    let blob_key = format!("{}/{}", caller.account.id, content_hash);
    let size_bytes = i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX);
    state.blobs.put(&blob_key, upload.bytes).await?;
    let m = upload.metadata;
    let inserted = state
        .store
        .insert_document(NewDocument {
            account: caller.account.id,
            arrival: Arrival {
                content_hash,
                blob_key,
                filename: upload.filename,
                media_type,
                size_bytes,
                external_id: m.external_id,
                userdata: m.userdata,
                company_code: m.company_code,
                hints: Hints { document_type: m.document_type, language: m.language },
            },
            actor: caller.actor.clone(),
        })
        .await?;
    if inserted.created {
        metrics::counter!("kvitas_documents_uploaded_total").increment(1);
        state.wake.notify_waiters();
    }
    Ok((inserted.document, inserted.created))
}

/// `POST /v1/documents`: 202 for a new document, 200 when the account already
/// has this file (the existing document is returned).
#[utoipa::path(post, path = "/v1/documents", tag = "documents",
    request_body(content = super::openapi::UploadForm, content_type = "multipart/form-data"),
    responses((status = 202, description = "Stored; reading is queued", body = super::openapi::DocumentView),
        (status = 200, description = "The account already has this file: that document", body = super::openapi::DocumentView),
        (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 413, description = "File too large", body = super::openapi::ErrorBody), (status = 415, description = "Not a type kvitas reads", body = super::openapi::ErrorBody), (status = 422, description = "Invalid metadata", body = super::openapi::ErrorBody)))]
pub(super) async fn create(State(state): State<AppState>, caller: Caller, form: Multipart) -> ApiResult<Response> {
    let upload = read_upload(form).await?;
    let (doc, created) = store_incoming(&state, &caller, upload).await?;
    let status = if created { StatusCode::ACCEPTED } else { StatusCode::OK };
    Ok((status, Json(view::document(&doc))).into_response())
}

/// `POST /v1/scan`: uploads and waits for the reading, up to the configured time.
#[utoipa::path(post, path = "/v1/scan", tag = "documents",
    request_body(content = super::openapi::UploadForm, content_type = "multipart/form-data"),
    responses((status = 200, description = "Read", body = super::openapi::DocumentView),
        (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 408, description = "Still being read after the configured wait", body = super::openapi::ErrorBody), (status = 413, description = "File too large", body = super::openapi::ErrorBody), (status = 415, description = "Not a type kvitas reads", body = super::openapi::ErrorBody), (status = 422, description = "Invalid metadata", body = super::openapi::ErrorBody)))]
pub(super) async fn scan(State(state): State<AppState>, caller: Caller, form: Multipart) -> ApiResult<Json<Value>> {
    let upload = read_upload(form).await?;
    let (mut doc, _) = store_incoming(&state, &caller, upload).await?;
    let deadline = Instant::now() + Duration::from_secs(state.config.server.scan_timeout_secs);
    while !doc.status.is_read() {
        if Instant::now() >= deadline {
            return Err(Error::Timeout(format!(
                "document {} is still being read; fetch it later from /v1/documents/{}",
                doc.id, doc.id
            )));
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
        doc = state.store.document(caller.account.id, doc.id).await?;
    }
    Ok(Json(view::document(&doc)))
}

fn document_id(raw: &str) -> ApiResult<DocumentId> {
    raw.parse().map_err(|_| Error::BadRequest(format!("{raw:?} is not a document id")))
}

pub(super) async fn find(state: &AppState, account: AccountId, raw: &str) -> ApiResult<Document> {
    let id = document_id(raw)?;
    state.store.document(account, id).await.map_err(|e| match Error::from(e) {
        Error::NotFound(_) => Error::NotFound(format!("no document {id}")),
        other => other,
    })
}

/// `GET /v1/documents/{id}`.
#[utoipa::path(get, path = "/v1/documents/{id}", tag = "documents", params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The document with its history", body = super::openapi::DocumentView), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 404, description = "No such document for this account", body = super::openapi::ErrorBody)))]
pub(super) async fn show(
    State(state): State<AppState>,
    caller: Caller,
    origin: Origin,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let doc = find(&state, caller.account.id, &id).await?;
    let mut out = with_history(&state, &doc).await?;
    out["links"] = links(&state, &origin, &doc).await?;
    Ok(Json(out))
}

/// The document as answered on its own: with its history.
pub(super) async fn with_history(state: &AppState, doc: &Document) -> ApiResult<Value> {
    let events = state.store.document_events(doc.account, doc.id).await?;
    Ok(view::document_with_history(doc, &events))
}

/// Expiring links to the file and page pictures that need no API key, for
/// browsers and hand-offs. The file link is the blob store's own pre-signed
/// URL when it has one.
async fn links(state: &AppState, origin: &Origin, doc: &Document) -> ApiResult<Value> {
    let base = format!("/v1/documents/{}", doc.id);
    let ttl = lifetime(state);
    let file = match state.blobs.presigned_url(Access::Get, &doc.arrival.blob_key, ttl).await? {
        Some(url) => {
            let expires = chrono::Utc::now().timestamp_millis() + ttl.as_millis() as i64;
            json!({ "url": url, "expires_at": view::time(expires) })
        }
        None => json!(origin.signed(state, "GET", &format!("{base}/file"), doc.account)),
    };
    let pages: Vec<Value> = (1..=view::page_count(doc))
        .map(|n| json!(origin.signed(state, "GET", &format!("{base}/pages/{n}"), doc.account)))
        .collect();
    Ok(json!({ "self": origin.plain(&base), "file": file, "pages": pages }))
}

/// `GET /v1/documents/{id}/file`: the file as uploaded.
#[utoipa::path(get, path = "/v1/documents/{id}/file", tag = "documents", params(("id" = String, Path, description = "Document id")),
    responses((status = 200, description = "The file as uploaded", content_type = "application/octet-stream"), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 403, description = "Signed link expired or altered", body = super::openapi::ErrorBody), (status = 404, description = "No such document for this account", body = super::openapi::ErrorBody)),
    security((), ("api_key" = [])))]
pub(super) async fn file(State(state): State<AppState>, reader: Reader, Path(id): Path<String>) -> ApiResult<Response> {
    let doc = find(&state, reader.account, &id).await?;
    let bytes = state.blobs.get(&doc.arrival.blob_key).await?;
    // Header values must be visible ASCII; anything else in the name is replaced.
    let name: String = doc
        .arrival
        .filename
        .as_deref()
        .unwrap_or("document")
        .chars()
        .map(|c| if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' { c } else { '_' })
        .collect();
    let headers = [
        (header::CONTENT_TYPE, doc.arrival.media_type.clone()),
        (header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\"")),
    ];
    Ok((headers, bytes).into_response())
}

/// Longest side of a page picture, pixels.
const PAGE_SIDE: u32 = 1600;

/// `GET /v1/documents/{id}/pages/{n}`: page `n` (from 1) as PNG. Drawn on
/// first request and kept beside the file.
#[utoipa::path(get, path = "/v1/documents/{id}/pages/{n}", tag = "documents",
    params(("id" = String, Path, description = "Document id"), ("n" = u32, Path, description = "Page number, from 1")),
    responses((status = 200, description = "The page as PNG, at most 1600 px on its longer side", content_type = "image/png"), (status = 400, description = "Malformed id or request", body = super::openapi::ErrorBody), (status = 401, description = "No valid API key", body = super::openapi::ErrorBody), (status = 403, description = "Signed link expired or altered", body = super::openapi::ErrorBody), (status = 404, description = "No such document or page", body = super::openapi::ErrorBody), (status = 422, description = "The file cannot be drawn", body = super::openapi::ErrorBody)),
    security((), ("api_key" = [])))]
pub(super) async fn page(
    State(state): State<AppState>,
    reader: Reader,
    Path((id, n)): Path<(String, String)>,
) -> ApiResult<Response> {
    let doc = find(&state, reader.account, &id).await?;
    let n: usize = n
        .parse()
        .ok()
        .filter(|n| *n >= 1)
        .ok_or_else(|| Error::BadRequest(format!("{n:?} is not a page number (pages are numbered from 1)")))?;
    let key = format!("{}.page{n}.png", doc.arrival.blob_key);
    let png = match state.blobs.get(&key).await {
        Ok(png) => png,
        Err(crate::blob::BlobError::NotFound(_)) => {
            let bytes = state.blobs.get(&doc.arrival.blob_key).await?;
            let limits = Limits { max_file_bytes: state.config.server.max_upload_bytes(), ..Limits::default() };
            let preview = tokio::task::spawn_blocking(move || {
                kvitas_extract::preview::page_png(bytes, n - 1, PAGE_SIDE, &limits)
            })
            .await
            .map_err(|e| Error::Internal(e.into()))?
            .map_err(|e| Error::Unprocessable(format!("page {n} cannot be drawn: {e}")))?;
            let png = preview.png.ok_or_else(|| match preview.page_count {
                0 => Error::NotFound(format!("document {} has no pages to show (it is not a PDF or an image)", doc.id)),
                count => Error::NotFound(format!("document {} has {count} page(s); there is no page {n}", doc.id)),
            })?;
            state.blobs.put(&key, png.clone()).await?;
            png
        }
        Err(e) => return Err(e.into()),
    };
    Ok(([(header::CONTENT_TYPE, "image/png")], png).into_response())
}
