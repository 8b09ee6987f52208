//! The PostgreSQL backend, for many `kvitas serve` and `kvitas worker`
//! processes sharing one database.
//!
//! Workers claim jobs with `FOR UPDATE SKIP LOCKED`, so concurrent claims
//! never wait on each other or take the same job.

use std::time::Duration;

use sqlx::AnyPool;
use sqlx::any::AnyPoolOptions;

/// Leases the oldest runnable job that no other transaction is claiming:
/// queued and due, or running with a lease that ran out (its worker died).
/// Binds: token, lease end, now.
pub const CLAIM_JOB: &str = "UPDATE jobs SET status = 'running', attempts = attempts + 1, lease_token = $1, \
     lease_expires_at = $2 \
     WHERE id = (SELECT id FROM jobs \
                 WHERE (status = 'queued' AND run_after <= $3) OR (status = 'running' AND lease_expires_at < $3) \
                 ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED) \
     RETURNING id, document_id, account_id, attempts";

/// Hands out the next queue position: now in ms, or one past the last one.
/// The upsert locks the head row until commit, which orders concurrent
/// writers of one account's queue. Binds: account, queue, now.
pub const NEXT_POSITION: &str = "INSERT INTO queue_heads (account_id, queue, position) VALUES ($1, $2, $3) \
     ON CONFLICT (account_id, queue) DO UPDATE SET position = GREATEST(EXCLUDED.position, queue_heads.position + 1) \
     RETURNING position";

/// Connects and migrates.
pub async fn connect(url: &str) -> anyhow::Result<AnyPool> {
    let pool = AnyPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(30))
        .connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL: {e}"))?;
    sqlx::migrate!("migrations/postgres").run(&pool).await?;
    Ok(pool)
}
