//! Bulk rows for benchmarks: many read documents in an account's digitized
//! queue, written in large set-based batches instead of one upload at a time.

use super::sql::{SqlStore, now_ms};
use super::{AccountId, StoreResult};

/// Rows per statement.
const BATCH: i64 = 50_000;

/// The documents of one batch: numbers `$1..=$2` of account `$3`, each with
/// the extraction `$4`, all made at `$5`. The ids are UUID-shaped and unique
/// per number; the same statement runs on SQLite and PostgreSQL.
const DOCUMENTS: &str = "WITH RECURSIVE s(n) AS (SELECT $1 UNION ALL SELECT n + 1 FROM s WHERE n < $2) \
     INSERT INTO documents (id, account_id, content_hash, blob_key, filename, media_type, size_bytes, hints, \
     status, extraction, created_at, updated_at) \
     SELECT '00000000-0000-4000-8000-' || (100000000000 + n), $3, 'seed' || n, 'seed/' || n, 'seed.pdf', \
     'application/pdf', 1000, '{}', 'digitized', $4, $5, $5 FROM s";

/// Their queue entries, at positions `$6 + n`.
const ENTRIES: &str = "WITH RECURSIVE s(n) AS (SELECT $1 UNION ALL SELECT n + 1 FROM s WHERE n < $2) \
     INSERT INTO queue_entries (account_id, queue, position, document_id) \
     SELECT $3, 'digitized', $4 + n, '00000000-0000-4000-8000-' || (100000000000 + n) FROM s";

impl SqlStore {
    /// Adds `count` read documents, each carrying `extraction`, to the
    /// account's digitized queue. For benchmarks on an otherwise empty account.
    pub async fn seed_digitized(
        &self,
        account: AccountId,
        first: i64,
        count: i64,
        extraction: &str,
    ) -> StoreResult<()> {
        let at = now_ms();
        let mut start = first;
        let end = first + count - 1;
        while start <= end {
            let stop = (start + BATCH - 1).min(end);
            let mut tx = self.begin_write().await?;
            sqlx::query(DOCUMENTS)
                .bind(start)
                .bind(stop)
                .bind(account)
                .bind(extraction)
                .bind(at)
                .execute(&mut *tx)
                .await?;
            sqlx::query(ENTRIES).bind(start).bind(stop).bind(account).bind(at).execute(&mut *tx).await?;
            tx.commit().await?;
            start = stop + 1;
        }
        Ok(())
    }
}
