//! Everything kvitas keeps, behind one narrow trait.
//!
//! [`Store`] speaks in domain verbs (`insert_document`, `claim_job`,
//! `page_queue`); all SQL lives in this module. One implementation,
//! [`sql::SqlStore`], runs on SQLite (the embedded default, [`sqlite`]) and on
//! PostgreSQL ([`postgres`]); the two differ only where their dialects do
//! (how a write transaction starts, how a job is claimed) and in their
//! migrations (`migrations/sqlite`, `migrations/postgres`).
//!
//! Every read and write of tenant data takes the account it acts for, so a
//! query cannot reach another account's rows.

pub mod postgres;
mod review;
mod seed;
pub mod sql;
pub mod sqlite;
mod types;
mod uploads;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use kvitas_extract::KnownSupplier;
pub use review::CORRECTABLE;
pub use types::*;

/// What went wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The row does not exist (or belongs to another account).
    #[error("not found")]
    NotFound,
    /// The change conflicts with the current state.
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database failed.
    #[error(transparent)]
    Database(#[from] sqlx::Error),
    /// A stored value could not be read back.
    #[error("corrupt row: {0}")]
    Corrupt(String),
}

/// Result of store calls.
pub type StoreResult<T> = Result<T, StoreError>;

/// The storage of accounts, keys, documents, jobs and queues.
#[async_trait]
pub trait Store: Send + Sync + 'static {
    /// Checks that the database answers.
    async fn ping(&self) -> StoreResult<()>;

    /// Returns the account with this name, creating it when missing.
    async fn ensure_account(&self, name: &str) -> StoreResult<Account>;
    /// The account with this name.
    async fn account_by_name(&self, name: &str) -> StoreResult<Option<Account>>;
    /// Stores a key's hash; the key itself is never stored.
    async fn insert_api_key(&self, account: AccountId, prefix: &str, hash: &str, label: &str) -> StoreResult<ApiKey>;
    /// The account's keys, revoked ones included.
    async fn list_api_keys(&self, account: AccountId) -> StoreResult<Vec<ApiKey>>;
    /// Revokes a key of this account.
    async fn revoke_api_key(&self, account: AccountId, key: i64) -> StoreResult<()>;
    /// The account of a live (not revoked) key, by the key's hash.
    async fn authenticate(&self, hash: &str) -> StoreResult<Option<Account>>;
    /// Records a company of the account, or updates its VAT id and name.
    async fn upsert_company(&self, account: AccountId, company: &Company) -> StoreResult<()>;
    /// The account's companies.
    async fn list_companies(&self, account: AccountId) -> StoreResult<Vec<Company>>;
    /// The suppliers of the account's documents an accountant has checked,
    /// as the data stood when each was approved, exported or last corrected
    /// after approval, most recently confirmed first, each distinct supplier
    /// once, at most `limit`.
    async fn confirmed_suppliers(&self, account: AccountId, limit: u32) -> StoreResult<Vec<KnownSupplier>>;
    /// Forgets every confirmation of a supplier named exactly `name` (whatever
    /// its address or identifiers), until a document of it is approved again.
    /// How many confirmations were forgotten; 0 when none had that name.
    async fn forget_suppliers(&self, account: AccountId, name: &str) -> StoreResult<u64>;

    /// Stores a new document and queues its job, in one transaction. When the
    /// account already has a document with the same content hash, that one is
    /// returned instead and `created` is false.
    async fn insert_document(&self, doc: NewDocument) -> StoreResult<Inserted>;
    /// One document of the account.
    async fn document(&self, account: AccountId, id: DocumentId) -> StoreResult<Document>;
    /// The document's history: state changes and corrections, oldest first.
    async fn document_events(&self, account: AccountId, id: DocumentId) -> StoreResult<Vec<DocumentEvent>>;

    /// Records a two-step upload.
    async fn insert_upload(&self, upload: &NewUpload) -> StoreResult<Upload>;
    /// One upload of the account.
    async fn upload(&self, account: AccountId, id: UploadId) -> StoreResult<Upload>;
    /// Uploads of any account never completed whose link expired before
    /// `expired_before` (ms), oldest first: for clean-up.
    async fn abandoned_uploads(&self, expired_before: i64, limit: u32) -> StoreResult<Vec<Upload>>;
    /// Forgets an upload that was never completed.
    async fn delete_upload(&self, account: AccountId, id: UploadId) -> StoreResult<()>;
    /// Records the document an upload became (once; later calls change nothing).
    async fn finish_upload(&self, account: AccountId, id: UploadId, document: DocumentId) -> StoreResult<()>;

    /// Replaces a read document's extraction with a corrected one and records
    /// each correction, provided the document is still as `seen` (its
    /// `updated_at`) and in a state that allows corrections.
    async fn correct_document(
        &self,
        account: AccountId,
        id: DocumentId,
        seen: i64,
        extraction: serde_json::Value,
        corrections: &[Correction],
        actor: &str,
    ) -> StoreResult<Document>;
    /// Moves a document from one of `from` to `to` (entering the exported
    /// queue when `to` is exported); `Conflict` when it is in another state.
    async fn transition(
        &self,
        account: AccountId,
        id: DocumentId,
        from: &[Status],
        to: Status,
        reason: Option<&str>,
        actor: &str,
    ) -> StoreResult<Document>;
    /// Records that the accounting system refused a document.
    async fn insert_sync_error(&self, account: AccountId, error: &NewSyncError) -> StoreResult<SyncError>;
    /// The account's sync errors with id above `after`, oldest first.
    async fn list_sync_errors(&self, account: AccountId, after: i64, limit: u32) -> StoreResult<Vec<SyncError>>;

    /// Leases the next runnable job (queued, or running with an expired lease)
    /// for `lease`; `None` when there is nothing to do.
    async fn claim_job(&self, lease: Duration) -> StoreResult<Option<Job>>;
    /// Extends a lease still held; false when it was lost.
    async fn extend_lease(&self, job: &Job, lease: Duration) -> StoreResult<bool>;
    /// Writes a job's result and the document's new state, once: false when
    /// the lease was lost, in which case nothing was written.
    async fn complete_job(&self, job: &Job, outcome: Outcome) -> StoreResult<bool>;
    /// Gives a job back to the queue, to run again after `delay`. A run that
    /// was interrupted (`failed` false, e.g. at shutdown) does not count
    /// towards the attempts after which a document is given up.
    async fn release_job(&self, job: &Job, error: &str, delay: Duration, failed: bool) -> StoreResult<()>;

    /// Up to `limit` entries of a queue after `after`, oldest first.
    async fn page_queue(
        &self,
        account: AccountId,
        queue: Queue,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<QueueEntry>>;
    /// Document counts for the account since `since_ms` and in total.
    async fn usage(&self, account: AccountId, since_ms: i64) -> StoreResult<Usage>;
}

/// A shared handle on the store.
pub type SharedStore = Arc<dyn Store>;

/// Opens the store at `url`: `sqlite://…` or `postgres://…`, running
/// migrations.
pub async fn open(url: &str) -> anyhow::Result<SharedStore> {
    Ok(Arc::new(sql::SqlStore::open(url).await?))
}
