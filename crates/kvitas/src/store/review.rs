//! Changes made after reading: corrections, approval, export, rejection, and
//! the sync errors an accounting system reports back.

use kvitas_extract::KnownSupplier;
use sqlx::Row;

use super::sql::{SqlStore, insert_event, now_ms};
use super::{
    AccountId, Correction, Document, DocumentId, NewSyncError, Queue, Status, StoreError, StoreResult, SyncError,
};

/// States in which an accountant may still change a document.
pub const CORRECTABLE: [Status; 3] = [Status::Digitized, Status::NeedsReview, Status::Reviewed];

impl SqlStore {
    pub(super) async fn correct(
        &self,
        account: AccountId,
        id: DocumentId,
        seen: i64,
        extraction: serde_json::Value,
        corrections: &[Correction],
        actor: &str,
    ) -> StoreResult<Document> {
        let mut tx = self.begin_write().await?;
        let now = now_ms().max(seen + 1);
        let done = sqlx::query(
            "UPDATE documents SET extraction = $1, updated_at = $2 WHERE id = $3 AND account_id = $4 \
             AND updated_at = $5 AND status IN ('digitized', 'needs_review', 'reviewed') RETURNING status",
        )
        .bind(extraction.to_string())
        .bind(now)
        .bind(id.to_string())
        .bind(account)
        .bind(seen)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(done) = done else {
            tx.rollback().await?;
            let doc = super::Store::document(self, account, id).await?;
            return Err(StoreError::Conflict(if CORRECTABLE.contains(&doc.status) {
                format!("document {id} changed meanwhile; read it again and retry")
            } else {
                format!("document {id} is {}; it can be corrected after reading and before export", doc.status)
            }));
        };
        for c in corrections {
            let change = (Some(c.field.as_str()), c.old_value.as_deref(), c.new_value.as_deref());
            insert_event(&mut tx, &id.to_string(), actor, "correction", change, now).await?;
        }
        // A document already approved confirms its supplier as corrected.
        if done.try_get::<String, _>(0)? == Status::Reviewed.as_str() {
            let known = supplier_of(id, serde_json::from_value(extraction["data"].clone()));
            remember_supplier(&mut tx, account, id, known, now).await?;
        }
        tx.commit().await?;
        super::Store::document(self, account, id).await
    }

    pub(super) async fn move_to(
        &self,
        account: AccountId,
        id: DocumentId,
        from: &[Status],
        to: Status,
        reason: Option<&str>,
        actor: &str,
    ) -> StoreResult<Document> {
        let mut tx = self.begin_write().await?;
        let now = now_ms();
        let row = sqlx::query(
            "SELECT status, extraction FROM documents WHERE id = $1 AND account_id = $2", //
        )
        .bind(id.to_string())
        .bind(account)
        .fetch_optional(&mut *tx)
        .await?;
        let Some(row) = row else {
            tx.rollback().await?;
            return Err(StoreError::NotFound);
        };
        let current: Status = row.try_get::<String, _>(0)?.parse().map_err(StoreError::Corrupt)?;
        if !from.contains(&current) {
            tx.rollback().await?;
            let allowed: Vec<&str> = from.iter().map(|s| s.as_str()).collect();
            return Err(StoreError::Conflict(format!(
                "document {id} is {current}; it can become {to} only from {}",
                allowed.join(", ")
            )));
        }
        sqlx::query(
            "UPDATE documents SET status = $1, reject_reason = COALESCE($2, reject_reason), updated_at = $3 \
             WHERE id = $4 AND account_id = $5 AND status = $6",
        )
        .bind(to.as_str())
        .bind(reason)
        .bind(now)
        .bind(id.to_string())
        .bind(account)
        .bind(current.as_str())
        .execute(&mut *tx)
        .await?;
        insert_event(&mut tx, &id.to_string(), actor, "status", (None, Some(current.as_str()), Some(to.as_str())), now)
            .await?;
        if to == Status::Exported {
            self.enqueue(&mut tx, account, Queue::Exported, &id.to_string(), now).await?;
        }
        if matches!(to, Status::Reviewed | Status::Exported) {
            let extraction: Option<String> = row.try_get(1)?;
            let known = extraction.and_then(|text| {
                let data = serde_json::from_str::<serde_json::Value>(&text)
                    .and_then(|x| serde_json::from_value(x["data"].clone()));
                supplier_of(id, data)
            });
            remember_supplier(&mut tx, account, id, known, now).await?;
        }
        tx.commit().await?;
        super::Store::document(self, account, id).await
    }

    pub(super) async fn known_suppliers(&self, account: AccountId, limit: u32) -> StoreResult<Vec<KnownSupplier>> {
        let rows = sqlx::query(
            "SELECT supplier, MAX(confirmed_at) AS latest FROM known_suppliers WHERE account_id = $1 \
             GROUP BY supplier ORDER BY latest DESC, supplier LIMIT $2",
        )
        .bind(account)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(|r| decode_supplier(&r.try_get::<String, _>(0)?)).collect()
    }

    pub(super) async fn forget_known_suppliers(&self, account: AccountId, name: &str) -> StoreResult<u64> {
        let mut tx = self.begin_write().await?;
        // Each distinct supplier once (the account's index holds them), and
        // every confirmation of the ones of that name deleted at once.
        let rows = sqlx::query("SELECT DISTINCT supplier FROM known_suppliers WHERE account_id = $1")
            .bind(account)
            .fetch_all(&mut *tx)
            .await?;
        let mut forgotten = 0;
        for r in &rows {
            let text: String = r.try_get(0)?;
            if decode_supplier(&text)?.name != name {
                continue;
            }
            forgotten += sqlx::query("DELETE FROM known_suppliers WHERE account_id = $1 AND supplier = $2")
                .bind(account)
                .bind(text)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        }
        tx.commit().await?;
        Ok(forgotten)
    }

    pub(super) async fn add_sync_error(&self, account: AccountId, e: &NewSyncError) -> StoreResult<SyncError> {
        // The document must be this account's; the answer is the same as for
        // a document that does not exist.
        super::Store::document(self, account, e.document_id).await?;
        let at = now_ms();
        let row = sqlx::query(
            "INSERT INTO sync_errors (account_id, document_id, company_code, message, created_at) \
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
        )
        .bind(account)
        .bind(e.document_id.to_string())
        .bind(e.company_code.as_deref())
        .bind(&e.message)
        .bind(at)
        .fetch_one(self.pool())
        .await?;
        Ok(SyncError {
            id: row.try_get(0)?,
            document_id: e.document_id,
            company_code: e.company_code.clone(),
            message: e.message.clone(),
            created_at: at,
        })
    }

    pub(super) async fn sync_errors(&self, account: AccountId, after: i64, limit: u32) -> StoreResult<Vec<SyncError>> {
        let rows = sqlx::query(
            "SELECT id, document_id, company_code, message, created_at FROM sync_errors \
             WHERE account_id = $1 AND id > $2 ORDER BY id LIMIT $3",
        )
        .bind(account)
        .bind(after)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter()
            .map(|r| {
                let doc: String = r.try_get(1)?;
                Ok(SyncError {
                    id: r.try_get(0)?,
                    document_id: doc.parse().map_err(|e| StoreError::Corrupt(format!("sync error document: {e}")))?,
                    company_code: r.try_get(2)?,
                    message: r.try_get(3)?,
                    created_at: r.try_get(4)?,
                })
            })
            .collect()
    }
}

/// A known supplier as stored (the JSON that [`remember_supplier`] writes).
fn decode_supplier(text: &str) -> StoreResult<KnownSupplier> {
    serde_json::from_str(text).map_err(|e| StoreError::Corrupt(format!("known supplier: {e}")))
}

/// The supplier a document's data confirms, if it names one. Learning is a
/// side effect: data that cannot be read (kvitas wrote it, so it should not
/// happen) is logged and the approval goes on.
fn supplier_of(id: DocumentId, data: serde_json::Result<kvitas_extract::InvoiceData>) -> Option<KnownSupplier> {
    let data = data
        .inspect_err(
            |e| tracing::warn!(document = %id, error = %e, "stored data unreadable; its supplier is not learned"),
        )
        .ok()?;
    KnownSupplier::from_data(&data)
}

/// Records `known`, the supplier of a document an accountant has just
/// approved, exported or corrected after approval, in place of what the
/// document confirmed before (none: it confirms nothing now).
async fn remember_supplier(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    account: AccountId,
    id: DocumentId,
    known: Option<KnownSupplier>,
    now: i64,
) -> StoreResult<()> {
    let Some(known) = known else {
        sqlx::query("DELETE FROM known_suppliers WHERE document_id = $1")
            .bind(id.to_string())
            .execute(&mut **tx)
            .await?;
        return Ok(());
    };
    let json = serde_json::to_string(&known).map_err(|e| StoreError::Corrupt(format!("known supplier: {e}")))?;
    sqlx::query(
        "INSERT INTO known_suppliers (document_id, account_id, supplier, confirmed_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (document_id) DO UPDATE SET supplier = excluded.supplier, confirmed_at = excluded.confirmed_at",
    )
    .bind(id.to_string())
    .bind(account)
    .bind(json)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
