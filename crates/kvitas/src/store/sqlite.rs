//! The SQLite backend: the embedded default, one file under the data
//! directory.
//!
//! SQLite has one writer at a time. Write transactions start with
//! `BEGIN IMMEDIATE` (see [`super::sql::SqlStore`]), so a job claim is simply
//! "take the first runnable job" inside that lock.

use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

/// Leases the oldest runnable job: queued and due, or running with a lease
/// that ran out (its worker died). Binds: token, lease end, now.
pub const CLAIM_JOB: &str = "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = $1, \
     lease_expires_at = $2 \
     WHERE id = (SELECT id FROM jobs \
                 WHERE (status = 'queued' AND run_after <= $3) OR (status = 'running' AND lease_expires_at < $3) \
                 ORDER BY id LIMIT 1) \
     RETURNING id, document_id, account_id, attempts";

/// Hands out the next queue position: now in ms, or one past the last one.
/// Binds: account, queue, now.
pub const NEXT_POSITION: &str = "INSERT INTO queue_heads (account_id, queue, position) VALUES ($1, $2, $3) \
     ON CONFLICT (account_id, queue) DO UPDATE SET position = max(excluded.position, queue_heads.position + 1) \
     RETURNING position";

/// Opens (creating when missing) the database file and migrates it.
pub async fn connect(url: &str) -> anyhow::Result<AnyPool> {
    let url = if url.contains('?') { url.to_string() } else { format!("{url}?mode=rwc") };
    let pool = AnyPoolOptions::new()
        .max_connections(8)
        .acquire_timeout(Duration::from_secs(30))
        .connect(&url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the SQLite database: {e}"))?;
    // Write-ahead logging lets readers run beside the writer; the setting is
    // kept in the file. Synchronous commits stay on (the driver's default), so
    // a committed upload survives a crash.
    sqlx::query("PRAGMA journal_mode = WAL").execute(&pool).await?;
    sqlx::migrate!("migrations/sqlite").run(&pool).await?;
    Ok(pool)
}
