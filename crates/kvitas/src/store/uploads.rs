//! Two-step uploads: a staged file waiting for its completion call.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::sql::{SqlStore, now_ms};
use super::{AccountId, DocumentId, NewUpload, StoreError, StoreResult, Upload, UploadId};

fn upload_from_row(row: &AnyRow) -> StoreResult<Upload> {
    let id: String = row.try_get("id")?;
    let metadata: String = row.try_get("metadata")?;
    let document: Option<String> = row.try_get("document_id")?;
    Ok(Upload {
        id: id.parse().map_err(|e| StoreError::Corrupt(format!("upload id {id:?}: {e}")))?,
        account: row.try_get("account_id")?,
        blob_key: row.try_get("blob_key")?,
        filename: row.try_get("filename")?,
        metadata: serde_json::from_str(&metadata).map_err(|e| StoreError::Corrupt(format!("metadata: {e}")))?,
        created_at: row.try_get("created_at")?,
        expires_at: row.try_get("expires_at")?,
        document: document
            .map(|d| d.parse().map_err(|e| StoreError::Corrupt(format!("document id {d:?}: {e}"))))
            .transpose()?,
    })
}

impl SqlStore {
    pub(super) async fn insert_upload_row(&self, upload: &NewUpload) -> StoreResult<Upload> {
        let at = now_ms();
        sqlx::query(
            "INSERT INTO uploads (id, account_id, blob_key, filename, metadata, created_at, expires_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(upload.id.to_string())
        .bind(upload.account)
        .bind(&upload.blob_key)
        .bind(upload.filename.as_deref())
        .bind(upload.metadata.to_string())
        .bind(at)
        .bind(upload.expires_at)
        .execute(self.pool())
        .await?;
        self.upload_row(upload.account, upload.id).await
    }

    pub(super) async fn upload_row(&self, account: AccountId, id: UploadId) -> StoreResult<Upload> {
        let row = sqlx::query(
            "SELECT id, account_id, blob_key, filename, metadata, created_at, expires_at, document_id \
             FROM uploads WHERE id = $1 AND account_id = $2",
        )
        .bind(id.to_string())
        .bind(account)
        .fetch_optional(self.pool())
        .await?
        .ok_or(StoreError::NotFound)?;
        upload_from_row(&row)
    }

    pub(super) async fn abandoned_upload_rows(&self, expired_before: i64, limit: u32) -> StoreResult<Vec<Upload>> {
        let rows = sqlx::query(
            "SELECT id, account_id, blob_key, filename, metadata, created_at, expires_at, document_id \
             FROM uploads WHERE document_id IS NULL AND expires_at < $1 ORDER BY expires_at LIMIT $2",
        )
        .bind(expired_before)
        .bind(i64::from(limit))
        .fetch_all(self.pool())
        .await?;
        rows.iter().map(upload_from_row).collect()
    }

    pub(super) async fn delete_upload_row(&self, account: AccountId, id: UploadId) -> StoreResult<()> {
        sqlx::query("DELETE FROM uploads WHERE id = $1 AND account_id = $2 AND document_id IS NULL")
            .bind(id.to_string())
            .bind(account)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    pub(super) async fn finish_upload_row(
        &self,
        account: AccountId,
        id: UploadId,
        document: DocumentId,
    ) -> StoreResult<()> {
        sqlx::query("UPDATE uploads SET document_id = $1 WHERE id = $2 AND account_id = $3 AND document_id IS NULL")
            .bind(document.to_string())
            .bind(id.to_string())
            .bind(account)
            .execute(self.pool())
            .await?;
        Ok(())
    }
}
