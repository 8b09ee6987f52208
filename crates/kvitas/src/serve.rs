//! `kvitas serve`, `kvitas worker` and `kvitas keys`: the service commands.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Subcommand};
use serde_json::json;

use crate::app::{self, App};
use crate::config::Config;

/// Options every service command shares.
#[derive(Debug, Clone, Args)]
pub struct ServiceArgs {
    /// Data directory (SQLite database and files); overrides `data_dir`.
    #[arg(long)]
    pub data_dir: Option<PathBuf>,
    /// Configuration file (see config.example.toml).
    #[arg(long)]
    pub config: Option<PathBuf>,
}

impl ServiceArgs {
    fn load(&self) -> anyhow::Result<Config> {
        let mut config = Config::load(self.config.as_deref())?;
        if let Some(dir) = &self.data_dir {
            config.data_dir = dir.clone();
        }
        Ok(config)
    }
}

/// Arguments of `kvitas serve`.
#[derive(Debug, Clone, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub service: ServiceArgs,
    /// Address to listen on, e.g. 127.0.0.1:8080.
    #[arg(long)]
    pub listen: Option<SocketAddr>,
    /// Workers inside the server (default: one per core); 0 leaves reading
    /// to `kvitas worker` processes.
    #[arg(long)]
    pub workers: Option<usize>,
    /// Try-out mode: load the documents of DIR into an account named `demo`
    /// and print a new API key for it.
    #[arg(long, value_name = "DIR")]
    pub demo: Option<PathBuf>,
}

/// Arguments of `kvitas worker`.
#[derive(Debug, Clone, Args)]
pub struct WorkerArgs {
    #[command(flatten)]
    pub service: ServiceArgs,
    /// Workers in this process (default: `worker.threads`, one per core).
    #[arg(long)]
    pub workers: Option<usize>,
}

/// `kvitas keys …`.
#[derive(Debug, Clone, Subcommand)]
pub enum KeysCommand {
    /// Make a key for an account (created when missing). The key is shown
    /// once; the last line of output is JSON holding `api_key`.
    Create {
        #[command(flatten)]
        service: ServiceArgs,
        /// Account name.
        #[arg(long)]
        account: String,
        /// A note to recognise the key by.
        #[arg(long, default_value = "")]
        label: String,
    },
    /// List an account's keys (never the keys themselves).
    List {
        #[command(flatten)]
        service: ServiceArgs,
        /// Account name.
        #[arg(long)]
        account: String,
    },
    /// Revoke a key by its id.
    Revoke {
        #[command(flatten)]
        service: ServiceArgs,
        /// Account name.
        #[arg(long)]
        account: String,
        /// Key id, from `kvitas keys list`.
        id: i64,
    },
}

/// The multi-threaded runtime the service commands run on.
pub fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().context("cannot start the async runtime")
}

fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        // The PDF library reports routine font details at info level.
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,pdf_oxide=warn"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).try_init();
}

/// Runs `kvitas serve`.
pub fn serve(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    init_logging();
    let mut config = args.service.load()?;
    if let Some(listen) = args.listen {
        config.server.listen = listen;
    }
    if args.workers.is_some() {
        config.worker.serve_workers = args.workers;
    }
    runtime()?.block_on(async move {
        let app = App::build(config).await?;
        let addr = app.local_addr()?;
        tracing::info!(%addr, workers = app.state().config.worker.threads_in_serve(), "kvitas is listening");
        println!("kvitas listening on http://{addr}");
        if let Some(dir) = &args.demo {
            load_demo(app.state(), dir, addr).await?;
        }
        app.run_until_stopped(app::shutdown_signal()).await?;
        Ok(ExitCode::SUCCESS)
    })
}

/// Loads every document file of `dir` into the `demo` account and prints a
/// fresh key for it with a first request to try.
async fn load_demo(state: &crate::api::AppState, dir: &std::path::Path, addr: SocketAddr) -> anyhow::Result<()> {
    let account = state.store.ensure_account("demo").await?;
    let key = crate::keys::generate()?;
    state.store.insert_api_key(account.id, &key.prefix, &key.hash, "demo").await?;
    let caller = crate::api::Caller { account, actor: "demo-loader".into() };
    let mut loaded = 0;
    for doc in crate::inputs::collect(&[dir.to_path_buf()])? {
        for path in &doc.paths {
            let bytes = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
            match crate::api::documents::ingest(state, &caller, bytes, name).await {
                Ok(_) => loaded += 1,
                Err(e) => eprintln!("{}: {e}", path.display()),
            }
        }
    }
    println!("Loaded {loaded} documents from {} into the account \"demo\".", dir.display());
    println!("API key (shown once): {}", key.key);
    println!("API docs: http://{addr}/docs");
    println!("Try: curl -H 'x-api-key: {}' http://{addr}/v1/queues/digitized", key.key);
    Ok(())
}

/// Runs `kvitas worker`: reading jobs without the HTTP API.
pub fn worker(args: &WorkerArgs) -> anyhow::Result<ExitCode> {
    init_logging();
    let mut config = args.service.load()?;
    if let Some(n) = args.workers {
        config.worker.threads = n.max(1);
    }
    runtime()?.block_on(async move {
        let state = app::open_state(config).await?;
        let n = state.config.worker.threads_or_cores();
        let workers = app::WorkerPool::spawn(&state, n);
        tracing::info!(workers = n, "kvitas worker running");
        app::shutdown_signal().await;
        workers.shutdown(std::time::Duration::from_secs(state.config.server.shutdown_grace_secs)).await;
        Ok(ExitCode::SUCCESS)
    })
}

/// Opens the store and finds the named account, which must exist.
async fn existing_account(
    service: &ServiceArgs,
    name: &str,
) -> anyhow::Result<(crate::api::AppState, crate::store::Account)> {
    let state = app::open_state(service.load()?).await?;
    let account =
        state.store.account_by_name(name).await?.ok_or_else(|| anyhow::anyhow!("no account named {name:?}"))?;
    Ok((state, account))
}

/// Runs `kvitas keys …`.
pub fn keys(cmd: &KeysCommand) -> anyhow::Result<ExitCode> {
    runtime()?.block_on(async move {
        match cmd {
            KeysCommand::Create { service, account, label } => {
                let account = account.trim();
                anyhow::ensure!(!account.is_empty(), "the account name is empty");
                let state = app::open_state(service.load()?).await?;
                let account = state.store.ensure_account(account).await?;
                let key = crate::keys::generate()?;
                let row = state.store.insert_api_key(account.id, &key.prefix, &key.hash, label).await?;
                eprintln!("Keep this key: it is shown only once.");
                println!(
                    "{}",
                    json!({ "account": account.name, "key_id": row.id, "prefix": row.prefix, "api_key": key.key })
                );
            }
            KeysCommand::List { service, account } => {
                let (state, account) = existing_account(service, account).await?;
                for k in state.store.list_api_keys(account.id).await? {
                    println!("{}", serde_json::to_string(&k)?);
                }
            }
            KeysCommand::Revoke { service, account, id } => {
                let (state, account) = existing_account(service, account).await?;
                state
                    .store
                    .revoke_api_key(account.id, *id)
                    .await
                    .map_err(|_| anyhow::anyhow!("account {:?} has no live key {id}", account.name))?;
                println!("{}", json!({ "revoked": id }));
            }
        }
        Ok(ExitCode::SUCCESS)
    })
}
