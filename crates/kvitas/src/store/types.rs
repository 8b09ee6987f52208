//! The rows the store hands out.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// An account (tenant) id.
pub type AccountId = i64;

/// A document id (UUID v7: time-ordered, not guessable across accounts).
pub type DocumentId = uuid::Uuid;

/// A tenant: everything it owns is scoped by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    /// Internal id.
    pub id: AccountId,
    /// Unique name.
    pub name: String,
    /// Creation time, ms since the epoch.
    pub created_at: i64,
}

/// An API key as listed (the key itself is never stored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ApiKey {
    /// Key id, for revoking.
    pub id: i64,
    /// The first characters of the key, to recognise it.
    pub prefix: String,
    /// Free text given at creation.
    pub label: String,
    /// Creation time, ms since the epoch.
    pub created_at: i64,
    /// When it was revoked, if it was.
    pub revoked_at: Option<i64>,
}

/// A company within an account, whose documents the account digitizes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// Company (registration) code, unique within the account.
    pub code: String,
    /// VAT id.
    pub vat_id: Option<String>,
    /// Name.
    pub name: String,
}

/// Where a document is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Stored, waiting for a worker.
    Received,
    /// A worker is reading it.
    Processing,
    /// Read, every field confident and consistent: final.
    Digitized,
    /// Read, but an accountant must check it.
    NeedsReview,
    /// Checked by an accountant.
    Reviewed,
    /// Handed to the accounting system.
    Exported,
    /// Not an invoice or receipt, unreadable or unsupported.
    Rejected,
}

impl Status {
    /// The name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Received => "received",
            Status::Processing => "processing",
            Status::Digitized => "digitized",
            Status::NeedsReview => "needs_review",
            Status::Reviewed => "reviewed",
            Status::Exported => "exported",
            Status::Rejected => "rejected",
        }
    }

    /// Whether machine reading has finished.
    pub fn is_read(self) -> bool {
        !matches!(self, Status::Received | Status::Processing)
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Status {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        Ok(match s {
            "received" => Status::Received,
            "processing" => Status::Processing,
            "digitized" => Status::Digitized,
            "needs_review" => Status::NeedsReview,
            "reviewed" => Status::Reviewed,
            "exported" => Status::Exported,
            "rejected" => Status::Rejected,
            other => return Err(format!("unknown document status {other:?}")),
        })
    }
}

/// Hints given with an upload.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hints {
    /// Expected document type (invoice, credit_note, receipt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<String>,
    /// Expected language (ISO 639-1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
}

/// What arrived with a document and stays as it came: the file and the
/// client's metadata.
#[derive(Debug, Clone, PartialEq)]
pub struct Arrival {
    /// SHA-256 of the file, hex.
    pub content_hash: String,
    /// Where the file is in the blob store.
    pub blob_key: String,
    /// The name it was uploaded under.
    pub filename: Option<String>,
    /// Detected media type.
    pub media_type: String,
    /// File size.
    pub size_bytes: i64,
    /// The client's own id for it.
    pub external_id: Option<String>,
    /// Client data returned as given.
    pub userdata: Option<serde_json::Value>,
    /// The company it belongs to.
    pub company_code: Option<String>,
    /// Reading hints.
    pub hints: Hints,
}

/// A document to store.
#[derive(Debug, Clone)]
pub struct NewDocument {
    /// Owner.
    pub account: AccountId,
    /// The file and its metadata.
    pub arrival: Arrival,
    /// Who uploaded it (for the history).
    pub actor: String,
}

/// The result of [`super::Store::insert_document`].
#[derive(Debug, Clone)]
pub struct Inserted {
    /// The stored document.
    pub document: Document,
    /// False when an identical file was already stored.
    pub created: bool,
}

/// A stored document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Id.
    pub id: DocumentId,
    /// Owner.
    pub account: AccountId,
    /// The file and its metadata.
    pub arrival: Arrival,
    /// Lifecycle state.
    pub status: Status,
    /// Why it was rejected.
    pub reject_reason: Option<String>,
    /// The extraction (fields, confidence, issues), once read.
    pub extraction: Option<serde_json::Value>,
    /// Upload time, ms since the epoch.
    pub created_at: i64,
    /// Last change, ms since the epoch.
    pub updated_at: i64,
}

/// One entry of a document's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DocumentEvent {
    /// Who: `api-key:<prefix>`, `worker`, a user name.
    pub actor: String,
    /// What: `uploaded`, `status`, `correction`.
    pub kind: String,
    /// The field changed, for corrections.
    pub field: Option<String>,
    /// Value before.
    pub old_value: Option<String>,
    /// Value after.
    pub new_value: Option<String>,
    /// When, ms since the epoch.
    pub at: i64,
}

/// A leased job.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// Job id.
    pub id: i64,
    /// The document to read.
    pub document: DocumentId,
    /// Its account.
    pub account: AccountId,
    /// Runs so far, this one included.
    pub attempts: i64,
    /// Proof of the lease; a result is only accepted with the current token.
    pub lease_token: String,
}

/// What reading a document came to.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Read; `needs_review` when some field is unsure or inconsistent.
    Read {
        /// The extraction as JSON.
        extraction: serde_json::Value,
        /// Whether an accountant must check it.
        needs_review: bool,
    },
    /// Not readable as an invoice or receipt.
    Rejected {
        /// Why, for the client.
        reason: String,
    },
}

/// The result queues clients page through.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Queue {
    /// Documents whose machine reading finished.
    Digitized,
    /// Documents exported.
    Exported,
}

impl Queue {
    /// The name used in the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Digitized => "digitized",
            Queue::Exported => "exported",
        }
    }
}

impl FromStr for Queue {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s {
            "digitized" => Ok(Queue::Digitized),
            "exported" => Ok(Queue::Exported),
            other => Err(format!("unknown queue {other:?}: use digitized or exported")),
        }
    }
}

/// A document's place in a queue.
#[derive(Debug, Clone, PartialEq)]
pub struct QueueEntry {
    /// Position: a millisecond timestamp, strictly increasing per account and queue.
    pub position: i64,
    /// The document as it is now.
    pub document: Document,
}

/// Document counts of an account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Usage {
    /// Uploaded since the start of the period asked for.
    pub documents_this_month: i64,
    /// Uploaded in total.
    pub documents_total: i64,
}

/// One changed value, for the history.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The field, e.g. `supplier.vat_id` or `line_items[0].expense_account`.
    pub field: String,
    /// Value before, as JSON text.
    pub old_value: Option<String>,
    /// Value after, as JSON text.
    pub new_value: Option<String>,
}

/// A sync error to record.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSyncError {
    /// The document the accounting system refused.
    pub document_id: DocumentId,
    /// The company it was exported for.
    #[serde(default)]
    pub company_code: Option<String>,
    /// What the accounting system said.
    pub message: String,
}

/// A recorded sync error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SyncError {
    /// Id, increasing.
    pub id: i64,
    /// The document.
    pub document_id: DocumentId,
    /// The company.
    pub company_code: Option<String>,
    /// The message.
    pub message: String,
    /// When, ms since the epoch.
    pub created_at: i64,
}

/// Id of a two-step upload.
pub type UploadId = uuid::Uuid;

/// A two-step upload to record.
#[derive(Debug, Clone)]
pub struct NewUpload {
    /// Its id (random).
    pub id: UploadId,
    /// Owner.
    pub account: AccountId,
    /// The staging key the client uploads to.
    pub blob_key: String,
    /// The file's name, if the client gave one.
    pub filename: Option<String>,
    /// The document metadata to apply on completion, as validated JSON.
    pub metadata: serde_json::Value,
    /// When the upload link stops working, ms.
    pub expires_at: i64,
}

/// A two-step upload.
#[derive(Debug, Clone)]
pub struct Upload {
    /// Its id.
    pub id: UploadId,
    /// Owner.
    pub account: AccountId,
    /// The staging key.
    pub blob_key: String,
    /// The file's name.
    pub filename: Option<String>,
    /// Document metadata for completion.
    pub metadata: serde_json::Value,
    /// Created, ms.
    pub created_at: i64,
    /// Link expiry, ms.
    pub expires_at: i64,
    /// The document it became, once completed.
    pub document: Option<DocumentId>,
}
