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

/// Creates a new, empty database on the server of `admin_url` (a URL whose
/// role may create databases), for tests and benchmarks; returns its name
/// and URL.
pub async fn create_scratch(admin_url: &str, prefix: &str) -> anyhow::Result<(String, String)> {
    use sqlx::Connection;
    let name = format!("{prefix}_{}", uuid::Uuid::new_v4().simple());
    let mut conn = sqlx::PgConnection::connect(admin_url)
        .await
        .map_err(|e| anyhow::anyhow!("cannot connect to PostgreSQL at the admin URL: {e}"))?;
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(&mut conn).await?;
    let base = admin_url.rsplit_once('/').map(|(b, _)| b.to_string());
    let base = base.ok_or_else(|| anyhow::anyhow!("the PostgreSQL URL names no database"))?;
    Ok((name.clone(), format!("{base}/{name}")))
}

/// Drops a database made by [`create_scratch`], closing its connections.
pub async fn drop_scratch(admin_url: &str, name: &str) {
    use sqlx::Connection;
    if let Ok(mut conn) = sqlx::PgConnection::connect(admin_url).await {
        let sql = format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        let _ = sqlx::query(sqlx::AssertSqlSafe(sql)).execute(&mut conn).await;
    }
}
