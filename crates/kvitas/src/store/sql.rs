//! The store on a SQL database: SQLite or PostgreSQL through sqlx's `Any`
//! driver. Both dialects accept the same `$n` placeholders, `RETURNING` and
//! `ON CONFLICT`, so the statements here are shared; where they differ the
//! text comes from [`Dialect`].

use std::time::Duration;

use async_trait::async_trait;
use kvitas_extract::KnownSupplier;
use sqlx::any::AnyRow;
use sqlx::{AnyPool, Row};

use super::{
    Account, AccountId, ApiKey, Arrival, Company, Document, DocumentEvent, DocumentId, Hints, Inserted, Job,
    NewDocument, NewUpload, Outcome, Queue, QueueEntry, Status, Store, StoreError, StoreResult, Upload, UploadId,
    Usage,
};
use super::{Correction, NewSyncError, SyncError};

/// The SQL dialect of the database behind the pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dialect {
    /// SQLite: one writer at a time.
    Sqlite,
    /// PostgreSQL: row locks.
    Postgres,
}

/// A [`Store`] on a SQL pool.
#[derive(Debug, Clone)]
pub struct SqlStore {
    pool: AnyPool,
    dialect: Dialect,
}

/// Milliseconds since the epoch, now.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

const DOCUMENT_COLUMNS: &str = "d.id, d.account_id, d.content_hash, d.blob_key, d.filename, d.media_type, \
     d.size_bytes, d.external_id, d.userdata, d.company_code, d.hints, d.status, d.reject_reason, d.extraction, \
     d.created_at, d.updated_at";

impl SqlStore {
    /// Connects to `url` (`sqlite://…` or `postgres://…`) and runs the migrations.
    pub async fn open(url: &str) -> anyhow::Result<Self> {
        sqlx::any::install_default_drivers();
        let dialect = if url.starts_with("sqlite:") {
            Dialect::Sqlite
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            Dialect::Postgres
        } else {
            anyhow::bail!("unsupported database url: use sqlite://PATH or postgres://…")
        };
        let pool = match dialect {
            Dialect::Sqlite => super::sqlite::connect(url).await?,
            Dialect::Postgres => super::postgres::connect(url).await?,
        };
        Ok(SqlStore { pool, dialect })
    }

    /// The dialect in use.
    pub fn dialect(&self) -> Dialect {
        self.dialect
    }

    /// The pool.
    pub(super) fn pool(&self) -> &AnyPool {
        &self.pool
    }

    pub(super) async fn begin_write(&self) -> StoreResult<sqlx::Transaction<'static, sqlx::Any>> {
        Ok(match self.dialect {
            // A deferred SQLite transaction that later writes can fail at once
            // with "database is locked"; taking the write lock up front makes
            // writers wait their turn instead.
            Dialect::Sqlite => self.pool.begin_with("BEGIN IMMEDIATE").await?,
            Dialect::Postgres => self.pool.begin().await?,
        })
    }

    fn next_position_sql(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => super::sqlite::NEXT_POSITION,
            Dialect::Postgres => super::postgres::NEXT_POSITION,
        }
    }

    fn claim_sql(&self) -> &'static str {
        match self.dialect {
            Dialect::Sqlite => super::sqlite::CLAIM_JOB,
            Dialect::Postgres => super::postgres::CLAIM_JOB,
        }
    }
}

fn account_from_row(row: &AnyRow) -> StoreResult<Account> {
    Ok(Account { id: row.try_get(0)?, name: row.try_get(1)?, created_at: row.try_get(2)? })
}

/// The account's document `id`, read through `db` (the pool, or a
/// transaction that must see its own writes).
async fn document_in<'e>(
    db: impl sqlx::Executor<'e, Database = sqlx::Any>,
    account: AccountId,
    id: impl std::fmt::Display,
) -> StoreResult<Document> {
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT {DOCUMENT_COLUMNS} FROM documents d WHERE d.id = $1 AND d.account_id = $2"
    ));
    let row = sqlx::query(sql).bind(id.to_string()).bind(account).fetch_optional(db).await?;
    row.as_ref().map(document_from_row).transpose()?.ok_or(StoreError::NotFound)
}

fn document_from_row(row: &AnyRow) -> StoreResult<Document> {
    let id: String = row.try_get("id")?;
    let status: String = row.try_get("status")?;
    let json = |col: &str| -> StoreResult<Option<serde_json::Value>> {
        let text: Option<String> = row.try_get(col)?;
        text.map(|t| serde_json::from_str(&t).map_err(|e| StoreError::Corrupt(format!("{col}: {e}")))).transpose()
    };
    let hints: String = row.try_get("hints")?;
    Ok(Document {
        id: id.parse().map_err(|e| StoreError::Corrupt(format!("document id {id:?}: {e}")))?,
        account: row.try_get("account_id")?,
        arrival: Arrival {
            content_hash: row.try_get("content_hash")?,
            blob_key: row.try_get("blob_key")?,
            filename: row.try_get("filename")?,
            media_type: row.try_get("media_type")?,
            size_bytes: row.try_get("size_bytes")?,
            external_id: row.try_get("external_id")?,
            userdata: json("userdata")?,
            company_code: row.try_get("company_code")?,
            hints: serde_json::from_str::<Hints>(&hints).map_err(|e| StoreError::Corrupt(format!("hints: {e}")))?,
        },
        status: status.parse().map_err(StoreError::Corrupt)?,
        reject_reason: row.try_get("reject_reason")?,
        extraction: json("extraction")?,
        created_at: row.try_get("created_at")?,
        updated_at: row.try_get("updated_at")?,
    })
}

pub(super) async fn insert_event(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    document: &str,
    actor: &str,
    kind: &str,
    change: (Option<&str>, Option<&str>, Option<&str>),
    at: i64,
) -> StoreResult<()> {
    sqlx::query(
        "INSERT INTO document_events (document_id, actor, kind, field, old_value, new_value, at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(document)
    .bind(actor)
    .bind(kind)
    .bind(change.0)
    .bind(change.1)
    .bind(change.2)
    .bind(at)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait]
impl Store for SqlStore {
    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn ensure_account(&self, name: &str) -> StoreResult<Account> {
        sqlx::query("INSERT INTO accounts (name, created_at) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(now_ms())
            .execute(&self.pool)
            .await?;
        self.account_by_name(name).await?.ok_or(StoreError::NotFound)
    }

    async fn account_by_name(&self, name: &str) -> StoreResult<Option<Account>> {
        let row = sqlx::query("SELECT id, name, created_at FROM accounts WHERE name = $1")
            .bind(name)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn insert_api_key(&self, account: AccountId, prefix: &str, hash: &str, label: &str) -> StoreResult<ApiKey> {
        let at = now_ms();
        let row = sqlx::query(
            "INSERT INTO api_keys (account_id, prefix, hash, label, created_at) VALUES ($1, $2, $3, $4, $5) \
             RETURNING id",
        )
        .bind(account)
        .bind(prefix)
        .bind(hash)
        .bind(label)
        .bind(at)
        .fetch_one(&self.pool)
        .await?;
        Ok(ApiKey {
            id: row.try_get(0)?,
            prefix: prefix.to_string(),
            label: label.to_string(),
            created_at: at,
            revoked_at: None,
        })
    }

    async fn list_api_keys(&self, account: AccountId) -> StoreResult<Vec<ApiKey>> {
        let rows = sqlx::query(
            "SELECT id, prefix, label, created_at, revoked_at FROM api_keys WHERE account_id = $1 ORDER BY id",
        )
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(ApiKey {
                    id: r.try_get(0)?,
                    prefix: r.try_get(1)?,
                    label: r.try_get(2)?,
                    created_at: r.try_get(3)?,
                    revoked_at: r.try_get(4)?,
                })
            })
            .collect()
    }

    async fn revoke_api_key(&self, account: AccountId, key: i64) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE api_keys SET revoked_at = $1 WHERE id = $2 AND account_id = $3 AND revoked_at IS NULL")
                .bind(now_ms())
                .bind(key)
                .bind(account)
                .execute(&self.pool)
                .await?;
        if done.rows_affected() == 0 { Err(StoreError::NotFound) } else { Ok(()) }
    }

    async fn authenticate(&self, hash: &str) -> StoreResult<Option<Account>> {
        let row = sqlx::query(
            "SELECT a.id, a.name, a.created_at FROM api_keys k JOIN accounts a ON a.id = k.account_id \
             WHERE k.hash = $1 AND k.revoked_at IS NULL",
        )
        .bind(hash)
        .fetch_optional(&self.pool)
        .await?;
        row.as_ref().map(account_from_row).transpose()
    }

    async fn upsert_company(&self, account: AccountId, company: &Company) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO companies (account_id, code, vat_id, name, created_at) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (account_id, code) DO UPDATE SET vat_id = excluded.vat_id, name = excluded.name",
        )
        .bind(account)
        .bind(&company.code)
        .bind(company.vat_id.as_deref())
        .bind(&company.name)
        .bind(now_ms())
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn list_companies(&self, account: AccountId) -> StoreResult<Vec<Company>> {
        let rows = sqlx::query("SELECT code, vat_id, name FROM companies WHERE account_id = $1 ORDER BY code")
            .bind(account)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(|r| Ok(Company { code: r.try_get(0)?, vat_id: r.try_get(1)?, name: r.try_get(2)? })).collect()
    }

    async fn confirmed_suppliers(&self, account: AccountId, limit: u32) -> StoreResult<Vec<KnownSupplier>> {
        self.known_suppliers(account, limit).await
    }

    async fn forget_suppliers(&self, account: AccountId, name: &str) -> StoreResult<u64> {
        self.forget_known_suppliers(account, name).await
    }

    async fn insert_document(&self, doc: NewDocument) -> StoreResult<Inserted> {
        let existing = sqlx::query("SELECT id FROM documents WHERE account_id = $1 AND content_hash = $2")
            .bind(doc.account)
            .bind(&doc.arrival.content_hash)
            .fetch_optional(&self.pool)
            .await?;
        if let Some(row) = existing {
            let id: String = row.try_get(0)?;
            let id = id.parse().map_err(|e| StoreError::Corrupt(format!("document id: {e}")))?;
            return Ok(Inserted { document: self.document(doc.account, id).await?, created: false });
        }
        let id = uuid::Uuid::now_v7();
        let at = now_ms();
        let userdata = doc.arrival.userdata.as_ref().map(serde_json::Value::to_string);
        let hints = serde_json::to_string(&doc.arrival.hints).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO documents (id, account_id, content_hash, blob_key, filename, media_type, size_bytes, \
             external_id, userdata, company_code, hints, status, created_at, updated_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $13)",
        )
        .bind(id.to_string())
        .bind(doc.account)
        .bind(&doc.arrival.content_hash)
        .bind(&doc.arrival.blob_key)
        .bind(doc.arrival.filename.as_deref())
        .bind(&doc.arrival.media_type)
        .bind(doc.arrival.size_bytes)
        .bind(doc.arrival.external_id.as_deref())
        .bind(userdata.as_deref())
        .bind(doc.arrival.company_code.as_deref())
        .bind(&hints)
        .bind(Status::Received.as_str())
        .bind(at)
        .execute(&mut *tx)
        .await;
        match inserted {
            Ok(_) => {}
            // Another upload of the same file won the race: answer with that one.
            Err(sqlx::Error::Database(e)) if e.is_unique_violation() => {
                drop(tx);
                return Box::pin(self.insert_document(doc)).await;
            }
            Err(e) => return Err(e.into()),
        }
        sqlx::query(
            "INSERT INTO jobs (document_id, account_id, status, attempts, run_after, created_at) \
             VALUES ($1, $2, 'queued', 0, $3, $3)",
        )
        .bind(id.to_string())
        .bind(doc.account)
        .bind(at)
        .execute(&mut *tx)
        .await?;
        insert_event(&mut tx, &id.to_string(), &doc.actor, "uploaded", (None, None, Some("received")), at).await?;
        // Read back before committing: once committed, a worker may claim the
        // job at once, and the answer must be the document as it was accepted.
        let document = document_in(&mut *tx, doc.account, id).await?;
        tx.commit().await?;
        Ok(Inserted { document, created: true })
    }

    async fn document(&self, account: AccountId, id: DocumentId) -> StoreResult<Document> {
        document_in(&self.pool, account, id).await
    }

    async fn document_events(&self, account: AccountId, id: DocumentId) -> StoreResult<Vec<DocumentEvent>> {
        let rows = sqlx::query(
            "SELECT e.actor, e.kind, e.field, e.old_value, e.new_value, e.at FROM document_events e \
             JOIN documents d ON d.id = e.document_id WHERE e.document_id = $1 AND d.account_id = $2 ORDER BY e.id",
        )
        .bind(id.to_string())
        .bind(account)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|r| {
                Ok(DocumentEvent {
                    actor: r.try_get(0)?,
                    kind: r.try_get(1)?,
                    field: r.try_get(2)?,
                    old_value: r.try_get(3)?,
                    new_value: r.try_get(4)?,
                    at: r.try_get(5)?,
                })
            })
            .collect()
    }

    async fn insert_upload(&self, upload: &NewUpload) -> StoreResult<Upload> {
        self.insert_upload_row(upload).await
    }

    async fn upload(&self, account: AccountId, id: UploadId) -> StoreResult<Upload> {
        self.upload_row(account, id).await
    }

    async fn abandoned_uploads(&self, expired_before: i64, limit: u32) -> StoreResult<Vec<Upload>> {
        self.abandoned_upload_rows(expired_before, limit).await
    }

    async fn delete_upload(&self, account: AccountId, id: UploadId) -> StoreResult<()> {
        self.delete_upload_row(account, id).await
    }

    async fn finish_upload(&self, account: AccountId, id: UploadId, document: DocumentId) -> StoreResult<()> {
        self.finish_upload_row(account, id, document).await
    }

    async fn correct_document(
        &self,
        account: AccountId,
        id: DocumentId,
        seen: i64,
        extraction: serde_json::Value,
        corrections: &[Correction],
        actor: &str,
    ) -> StoreResult<Document> {
        self.correct(account, id, seen, extraction, corrections, actor).await
    }

    async fn transition(
        &self,
        account: AccountId,
        id: DocumentId,
        from: &[Status],
        to: Status,
        reason: Option<&str>,
        actor: &str,
    ) -> StoreResult<Document> {
        self.move_to(account, id, from, to, reason, actor).await
    }

    async fn insert_sync_error(&self, account: AccountId, error: &NewSyncError) -> StoreResult<SyncError> {
        self.add_sync_error(account, error).await
    }

    async fn list_sync_errors(&self, account: AccountId, after: i64, limit: u32) -> StoreResult<Vec<SyncError>> {
        self.sync_errors(account, after, limit).await
    }

    async fn claim_job(&self, lease: Duration) -> StoreResult<Option<Job>> {
        let token = uuid::Uuid::new_v4().to_string();
        let mut tx = self.begin_write().await?;
        // Read the clock once the write lock is held: a time taken while
        // waiting for it can be older than jobs committed meanwhile.
        let now = now_ms();
        let row =
            sqlx::query(self.claim_sql()).bind(&token).bind(now + ms(lease)).bind(now).fetch_optional(&mut *tx).await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Ok(None);
        };
        let document: String = row.try_get(1)?;
        let job = Job {
            id: row.try_get(0)?,
            document: document.parse().map_err(|e| StoreError::Corrupt(format!("job document id: {e}")))?,
            account: row.try_get(2)?,
            attempts: row.try_get(3)?,
            lease_token: token,
        };
        let moved = sqlx::query(
            "UPDATE documents SET status = 'processing', updated_at = $1 WHERE id = $2 AND status = 'received'",
        )
        .bind(now)
        .bind(&document)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() > 0 {
            insert_event(&mut tx, &document, "worker", "status", (None, Some("received"), Some("processing")), now)
                .await?;
        }
        tx.commit().await?;
        Ok(Some(job))
    }

    async fn extend_lease(&self, job: &Job, lease: Duration) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE jobs SET lease_expires_at = $1 WHERE id = $2 AND lease_token = $3 AND status = 'running'",
        )
        .bind(now_ms() + ms(lease))
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn complete_job(&self, job: &Job, outcome: Outcome) -> StoreResult<bool> {
        let mut tx = self.begin_write().await?;
        let now = now_ms();
        let done = sqlx::query(
            "UPDATE jobs SET status = 'done', finished_at = $1, lease_token = NULL, lease_expires_at = NULL \
             WHERE id = $2 AND lease_token = $3 AND status = 'running'",
        )
        .bind(now)
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&mut *tx)
        .await?;
        if done.rows_affected() == 0 {
            tx.rollback().await?;
            return Ok(false);
        }
        let (status, reason, extraction) = match &outcome {
            Outcome::Read { extraction, needs_review } => {
                let status = if *needs_review { Status::NeedsReview } else { Status::Digitized };
                (status, None, Some(extraction.to_string()))
            }
            Outcome::Rejected { reason } => (Status::Rejected, Some(reason.as_str()), None),
        };
        let id = job.document.to_string();
        let moved = sqlx::query(
            "UPDATE documents SET status = $1, reject_reason = $2, extraction = $3, updated_at = $4 \
             WHERE id = $5 AND status IN ('received', 'processing')",
        )
        .bind(status.as_str())
        .bind(reason)
        .bind(extraction.as_deref())
        .bind(now)
        .bind(&id)
        .execute(&mut *tx)
        .await?;
        if moved.rows_affected() == 1 {
            insert_event(&mut tx, &id, "worker", "status", (None, Some("processing"), Some(status.as_str())), now)
                .await?;
            self.enqueue(&mut tx, job.account, Queue::Digitized, &id, now).await?;
        }
        tx.commit().await?;
        Ok(true)
    }

    async fn release_job(&self, job: &Job, error: &str, delay: Duration, failed: bool) -> StoreResult<()> {
        sqlx::query(
            "UPDATE jobs SET status = 'queued', lease_token = NULL, lease_expires_at = NULL, last_error = $1, \
             run_after = $2, attempts = attempts - $3 WHERE id = $4 AND lease_token = $5",
        )
        .bind(error)
        .bind(now_ms() + ms(delay))
        .bind(if failed { 0_i64 } else { 1_i64 })
        .bind(job.id)
        .bind(&job.lease_token)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn page_queue(
        &self,
        account: AccountId,
        queue: Queue,
        after: i64,
        limit: u32,
    ) -> StoreResult<Vec<QueueEntry>> {
        let sql = sqlx::AssertSqlSafe(format!(
            "SELECT q.position, {DOCUMENT_COLUMNS} FROM queue_entries q JOIN documents d ON d.id = q.document_id \
             WHERE q.account_id = $1 AND q.queue = $2 AND q.position > $3 ORDER BY q.position LIMIT $4"
        ));
        let rows = sqlx::query(sql)
            .bind(account)
            .bind(queue.as_str())
            .bind(after)
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        rows.iter()
            .map(|r| Ok(QueueEntry { position: r.try_get("position")?, document: document_from_row(r)? }))
            .collect()
    }

    async fn usage(&self, account: AccountId, since_ms: i64) -> StoreResult<Usage> {
        let row = sqlx::query(
            "SELECT COUNT(*), COALESCE(SUM(CASE WHEN created_at >= $2 THEN 1 ELSE 0 END), 0) \
             FROM documents WHERE account_id = $1",
        )
        .bind(account)
        .bind(since_ms)
        .fetch_one(&self.pool)
        .await?;
        Ok(Usage { documents_total: row.try_get(0)?, documents_this_month: row.try_get(1)? })
    }
}

impl SqlStore {
    /// Puts a document at the end of a queue. Positions come from the queue's
    /// head row, whose update holds a lock until commit, so positions are
    /// handed out in commit order: a reader that has seen position n will
    /// never later find a newly committed entry below n.
    pub(super) async fn enqueue(
        &self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        account: AccountId,
        queue: Queue,
        document: &str,
        now: i64,
    ) -> StoreResult<()> {
        let row = sqlx::query(self.next_position_sql())
            .bind(account)
            .bind(queue.as_str())
            .bind(now)
            .fetch_one(&mut **tx)
            .await?;
        let position: i64 = row.try_get(0)?;
        sqlx::query(
            "INSERT INTO queue_entries (account_id, queue, position, document_id) VALUES ($1, $2, $3, $4) \
             ON CONFLICT (queue, document_id) DO NOTHING",
        )
        .bind(account)
        .bind(queue.as_str())
        .bind(position)
        .bind(document)
        .execute(&mut **tx)
        .await?;
        Ok(())
    }
}
