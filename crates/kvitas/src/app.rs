//! The service assembled: store, blobs, HTTP API and workers.
//!
//! `App::build` opens everything and binds the listener (port 0 picks a free
//! one, which tests use); `run_until_stopped` serves until the given future
//! completes, then stops taking requests, lets running jobs finish within the
//! grace period, hands the ones still running back to the queue, and returns.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

use crate::api::{self, AppState};
use crate::config::Config;
use crate::worker::Worker;

/// A built, bound service.
pub struct App {
    listener: TcpListener,
    state: AppState,
}

/// Opens the store and blob store the configuration names.
pub async fn open_state(config: Config) -> anyhow::Result<AppState> {
    std::fs::create_dir_all(&config.data_dir)
        .with_context(|| format!("cannot create the data directory {}", config.data_dir.display()))?;
    let store = crate::store::open(&config.database_url()).await?;
    let blobs = crate::blob::open(&config)?;
    let signer = Arc::new(crate::signing::UrlSigner::load(&config)?);
    crate::api::metrics::init();
    let limiter = crate::api::key_limiter(&config);
    Ok(AppState { store, blobs, config: Arc::new(config), wake: Arc::new(Notify::new()), signer, limiter })
}

impl App {
    /// Opens the store and binds the listener.
    pub async fn build(config: Config) -> anyhow::Result<App> {
        let listen = config.server.listen;
        let state = open_state(config).await?;
        let listener = TcpListener::bind(listen).await.with_context(|| format!("cannot listen on {listen}"))?;
        Ok(App { listener, state })
    }

    /// The address actually bound.
    pub fn local_addr(&self) -> anyhow::Result<SocketAddr> {
        Ok(self.listener.local_addr()?)
    }

    /// The shared state (store, blobs, config).
    pub fn state(&self) -> &AppState {
        &self.state
    }

    /// Serves the API and runs the configured workers until `shutdown` completes.
    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        let App { listener, state } = self;
        let workers = WorkerPool::spawn(&state, state.config.worker.threads_in_serve());
        let sweeper = tokio::spawn(sweep_periodically(state.clone()));
        let grace = Duration::from_secs(state.config.server.shutdown_grace_secs);
        let router = api::router(state);
        axum::serve(listener, router).with_graceful_shutdown(shutdown).await?;
        // Sweeping is idempotent; stopping it half-way loses nothing.
        sweeper.abort();
        workers.shutdown(grace).await;
        Ok(())
    }
}

/// How often uploads that were never completed are looked for.
const SWEEP_EVERY: Duration = Duration::from_secs(3600);

/// Removes abandoned two-step uploads (staged file and row) every hour.
async fn sweep_periodically(state: AppState) {
    let mut every = tokio::time::interval(SWEEP_EVERY);
    loop {
        every.tick().await;
        match api::uploads::sweep_abandoned(&state, chrono::Utc::now().timestamp_millis()).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(uploads = n, "removed uploads that were never completed"),
            Err(e) => tracing::warn!(error = %format!("{e:#}"), "sweeping abandoned uploads failed"),
        }
    }
}

/// Workers running in this process.
pub struct WorkerPool {
    handles: Vec<tokio::task::JoinHandle<()>>,
    stop: watch::Sender<bool>,
    abandon: watch::Sender<bool>,
}

/// How long abandoned jobs get to be handed back.
const RELEASE_WAIT: Duration = Duration::from_secs(10);

impl WorkerPool {
    /// Starts `n` workers on the state's store.
    pub fn spawn(state: &AppState, n: usize) -> WorkerPool {
        let (stop, stopped) = watch::channel(false);
        let (abandon, abandoned) = watch::channel(false);
        let handles = (0..n)
            .map(|_| {
                let worker =
                    Worker::new(state.store.clone(), state.blobs.clone(), state.config.clone(), abandoned.clone());
                tokio::spawn(worker.run_until_stopped(stopped.clone(), state.wake.clone()))
            })
            .collect();
        WorkerPool { handles, stop, abandon }
    }

    /// Stops the workers: they take no new jobs, and those running get
    /// `grace` to finish. Jobs still running then are handed back to the
    /// queue, where another worker (or this one, after a restart) picks them
    /// up at once instead of waiting for the lease to run out.
    pub async fn shutdown(self, grace: Duration) {
        let WorkerPool { handles, stop, abandon } = self;
        let _ = stop.send(true);
        let mut finishing = Box::pin(async move {
            for h in handles {
                let _ = h.await;
            }
        });
        if tokio::time::timeout(grace, &mut finishing).await.is_ok() {
            return;
        }
        tracing::warn!("jobs still running after the shutdown grace period; handing them back to the queue");
        let _ = abandon.send(true);
        if tokio::time::timeout(RELEASE_WAIT, finishing).await.is_err() {
            tracing::warn!("some jobs could not be handed back; they are retried when their lease runs out");
        }
    }
}

/// Completes on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {}
        () = term => {}
    }
    tracing::info!("shutting down");
}
