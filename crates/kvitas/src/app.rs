//! The service assembled: store, blobs, HTTP API and workers.
//!
//! `App::build` opens everything and binds the listener (port 0 picks a free
//! one, which tests use); `run_until_stopped` serves until the given future
//! completes, then stops taking requests, lets running jobs finish within the
//! grace period, and returns.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;
use tokio::sync::{Notify, watch};

use crate::api::{self, AppState};
use crate::blob::LocalBlobs;
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
    let blobs = LocalBlobs::new(&config.data_dir.join("blobs")).context("cannot open the blob directory")?;
    crate::api::metrics::init();
    let limiter = crate::api::key_limiter(&config);
    Ok(AppState { store, blobs: Arc::new(blobs), config: Arc::new(config), wake: Arc::new(Notify::new()), limiter })
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
        let (stop, stopped) = watch::channel(false);
        let workers = spawn_workers(&state, state.config.worker.threads_in_serve(), &stopped);
        let grace = Duration::from_secs(state.config.server.shutdown_grace_secs);
        let router = api::router(state);
        axum::serve(listener, router)
            .with_graceful_shutdown(async move {
                shutdown.await;
                let _ = stop.send(true);
            })
            .await?;
        wait_for(workers, grace).await;
        Ok(())
    }
}

/// Starts `n` workers on the state's store.
pub fn spawn_workers(state: &AppState, n: usize, stopped: &watch::Receiver<bool>) -> Vec<tokio::task::JoinHandle<()>> {
    (0..n)
        .map(|_| {
            let worker = Worker::new(state.store.clone(), state.blobs.clone(), state.config.clone());
            tokio::spawn(worker.run_until_stopped(stopped.clone(), state.wake.clone()))
        })
        .collect()
}

/// Waits for workers to finish their current job, up to `grace`. A job still
/// running after that keeps its lease until it runs out; then another worker
/// takes it over.
pub async fn wait_for(workers: Vec<tokio::task::JoinHandle<()>>, grace: Duration) {
    let all = async {
        for w in workers {
            let _ = w.await;
        }
    };
    if tokio::time::timeout(grace, all).await.is_err() {
        tracing::warn!("workers did not finish within the shutdown grace period; their jobs will be retried");
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
