//! The OpenAPI 3.1 description of the native API, served at
//! `/v1/openapi.json`, with an interactive page at `/docs` whose files are
//! built into the binary (it works with no internet access).

use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi, ToSchema};
use utoipa_swagger_ui::SwaggerUi;

use super::{account, companies, documents, health, queues, review, suppliers, sync_errors, uploads};

/// An error answer.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct ErrorBody {
    /// Machine-readable code: bad_request, unauthorized, forbidden, not_found,
    /// conflict, payload_too_large, unsupported_media_type, unprocessable,
    /// timeout, rate_limited, internal, unavailable.
    error: String,
    /// A sentence for people.
    message: String,
}

/// A document: state, metadata, and once read its extraction.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct DocumentView {
    id: uuid::Uuid,
    /// received, processing, digitized, needs_review, reviewed, exported, rejected.
    status: String,
    reject_reason: Option<String>,
    filename: Option<String>,
    media_type: String,
    size_bytes: i64,
    /// SHA-256 of the file, hex.
    content_hash: String,
    external_id: Option<String>,
    userdata: Option<serde_json::Value>,
    company_code: Option<String>,
    hints: serde_json::Value,
    created_at: String,
    updated_at: String,
    /// How the text was obtained: xml, embedded_xml, pdf_text, ocr, markup…
    reader: Option<String>,
    /// The canonical data (see the corpus schema).
    data: Option<serde_json::Value>,
    /// Every value with path, confidence, page, box and source.
    fields: Option<Vec<serde_json::Value>>,
    /// Doubts and failed checks.
    issues: Option<Vec<serde_json::Value>>,
    /// Pages that can be shown as pictures (PDF pages, images; 0 for e-invoices).
    page_count: Option<u64>,
    /// State changes and corrections (single-document answers only).
    history: Option<Vec<serde_json::Value>>,
    /// Single-document answers only: `self`, and expiring links that need no
    /// key: `file` {url, expires_at} and `pages` [{url, expires_at}].
    links: Option<serde_json::Value>,
}

/// The multipart upload form.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct UploadForm {
    /// The document: PDF, JPEG, PNG, TIFF, WebP, HTML, text, UBL/CII XML (or gzip of these).
    #[schema(format = Binary, content_media_type = "application/octet-stream")]
    file: String,
    /// JSON: external_id, userdata, company_code, document_type (invoice, credit_note,
    /// receipt), language (ISO 639-1).
    metadata: Option<String>,
}

/// A page of a result queue.
#[derive(ToSchema)]
#[allow(dead_code)]
pub struct QueuePage {
    /// Documents in queue order, each with its `cursor` and `queued_at`.
    documents: Vec<DocumentView>,
    /// Ask with `after=next_cursor` for what follows.
    next_cursor: String,
}

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components
            .add_security_scheme("api_key", SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("x-api-key"))));
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
    }
}

#[derive(OpenApi)]
#[openapi(
    info(title = "kvitas", description = "Invoice and receipt digitization: the native API."),
    paths(
        documents::create, documents::scan, documents::show, documents::file, documents::page,
        uploads::create, uploads::content, uploads::complete,
        review::correct, review::approve, review::export, review::reject,
        queues::page, sync_errors::create, sync_errors::list, account::show, companies::list, companies::upsert, suppliers::list, suppliers::forget,
        health::health, health::ready,
    ),
    components(schemas(ErrorBody, DocumentView, UploadForm, QueuePage, uploads::UploadRequest, companies::CompanyBody)),
    modifiers(&Security),
    security(("api_key" = []), ("bearer" = [])),
)]
struct ApiDoc;

/// The OpenAPI document.
pub fn document() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// `/docs` and `/v1/openapi.json`.
pub fn router<S: Clone + Send + Sync + 'static>() -> axum::Router<S> {
    SwaggerUi::new("/docs").url("/v1/openapi.json", document()).into()
}
