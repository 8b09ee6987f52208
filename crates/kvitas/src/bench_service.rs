//! `kvitas bench queue` and `kvitas bench uploads`: the service's figures,
//! each printed beside a baseline measured in the same run.
//!
//! - `queue`: latency of one page of the digitized queue in an account with
//!   a million documents, against the same page size in an account of a
//!   thousand documents in the same database (scale independence is the
//!   claim; the ratio shows it).
//! - `uploads`: uploads per second and tail latency over HTTP with `wrk`, each
//!   upload a new file, against `GET /healthz` on the same server (the
//!   cost of the HTTP stack alone).

use std::path::PathBuf;
use std::process::Command;
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::store::{Queue, Store, postgres};

/// What `kvitas bench` measures besides reading speed.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum BenchCommand {
    /// Queue page latency with many documents, against a small account.
    Queue(QueueArgs),
    /// Uploads per second and p99 latency with wrk, against GET /healthz.
    Uploads(UploadArgs),
}

/// Database backends for `bench queue`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Backend {
    /// A new SQLite file in a temporary directory.
    Sqlite,
    /// A new database on the PostgreSQL server of `--postgres-url`, dropped afterwards.
    Postgres,
}

/// Arguments of `kvitas bench queue`.
#[derive(Debug, Clone, clap::Args)]
pub struct QueueArgs {
    /// Database to measure.
    #[arg(long, value_enum, default_value_t = Backend::Sqlite)]
    pub backend: Backend,
    /// A PostgreSQL server where a scratch database may be created.
    #[arg(long, default_value = "postgres://postgres@127.0.0.1:5432/test")]
    pub postgres_url: String,
    /// Documents in the large account.
    #[arg(long, default_value_t = 1_000_000)]
    pub docs: i64,
    /// Documents in the baseline account.
    #[arg(long, default_value_t = 1_000)]
    pub baseline_docs: i64,
    /// Pages fetched from each account.
    #[arg(long, default_value_t = 300)]
    pub pages: usize,
    /// Documents per page.
    #[arg(long, default_value_t = 100)]
    pub limit: u32,
}

/// Arguments of `kvitas bench uploads`.
#[derive(Debug, Clone, clap::Args)]
pub struct UploadArgs {
    /// Seconds each load runs.
    #[arg(long, default_value_t = 10)]
    pub seconds: u32,
    /// Open connections.
    #[arg(long, default_value_t = 16)]
    pub connections: u32,
    /// wrk threads.
    #[arg(long, default_value_t = 2)]
    pub threads: u32,
    /// The file uploaded (made unique per request); default: a built-in
    /// one-page PDF invoice.
    #[arg(long)]
    pub file: Option<PathBuf>,
}

/// A sample e-invoice, read once to get a realistic stored extraction.
const SAMPLE_XML: &[u8] = include_bytes!("../../../samples/ubl-invoice.xml");
/// A one-page PDF invoice for upload load.
const SAMPLE_PDF: &[u8] = include_bytes!("../../../samples/lt-pvm-saskaita.pdf");

fn warn_debug() {
    if cfg!(debug_assertions) {
        eprintln!("note: debug build of kvitas (dependencies optimised); --release gives lower figures");
    }
}

/// Runs a service benchmark.
pub fn run(command: &BenchCommand) -> anyhow::Result<()> {
    warn_debug();
    match command {
        BenchCommand::Queue(args) => crate::serve::runtime()?.block_on(queue(args)),
        BenchCommand::Uploads(args) => crate::serve::runtime()?.block_on(uploads(args)),
    }
}

/// Percentile `p` (0–100) of sorted durations, in milliseconds.
fn percentile(sorted: &[Duration], p: f64) -> f64 {
    if sorted.is_empty() {
        return 0.0;
    }
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)].as_secs_f64() * 1000.0
}

async fn queue(args: &QueueArgs) -> anyhow::Result<()> {
    anyhow::ensure!(
        args.pages >= 1
            && args.limit >= 1
            && args.baseline_docs > i64::from(args.limit)
            && args.docs > args.baseline_docs,
        "need --pages ≥ 1, --limit ≥ 1, and --docs > --baseline-docs > --limit"
    );
    let dir = tempfile::tempdir()?;
    let (scratch, url) = match args.backend {
        Backend::Sqlite => (None, format!("sqlite://{}", dir.path().join("bench.db").display())),
        Backend::Postgres => {
            let (name, url) = postgres::create_scratch(&args.postgres_url, "kvitas_bench").await?;
            (Some(name), url)
        }
    };
    let result = queue_on(&url, args).await;
    if let Some(name) = scratch {
        postgres::drop_scratch(&args.postgres_url, &name).await;
    }
    result
}

async fn queue_on(url: &str, args: &QueueArgs) -> anyhow::Result<()> {
    let store = crate::store::sql::SqlStore::open(url).await?;
    let extraction = kvitas_extract::read(
        kvitas_extract::Input::Bytes(SAMPLE_XML.to_vec()),
        &mut kvitas_extract::NoOcr,
        &kvitas_extract::Options::default(),
    )?;
    let extraction = serde_json::to_string(&extraction)?;
    let big = store.ensure_account("bench-large").await?;
    let small = store.ensure_account("bench-small").await?;
    println!(
        "queue page latency, {:?}: {} documents vs {} (baseline), {} per page, {} B of extraction per document",
        store.dialect(),
        args.docs,
        args.baseline_docs,
        args.limit,
        extraction.len()
    );
    let started = Instant::now();
    store.seed_digitized(big.id, 1, args.docs, &extraction).await?;
    store.seed_digitized(small.id, args.docs + 1, args.baseline_docs, &extraction).await?;
    println!("  seeded in {:.1} s", started.elapsed().as_secs_f64());
    let store: Arc<dyn Store> = Arc::new(store);
    let large = page_latencies(&store, big.id, args.docs, args).await?;
    let baseline = page_latencies(&store, small.id, args.baseline_docs, args).await?;
    println!("  {:<28} {:>9} {:>9} {:>9}", "", "p50 ms", "p99 ms", "max ms");
    for (name, t) in
        [(format!("{} documents", args.docs), &large), (format!("{} (baseline)", args.baseline_docs), &baseline)]
    {
        println!(
            "  {name:<28} {:>9.3} {:>9.3} {:>9.3}",
            percentile(t, 50.0),
            percentile(t, 99.0),
            percentile(t, 100.0)
        );
    }
    println!(
        "  ratio large/baseline: p50 {:.2}x, p99 {:.2}x",
        percentile(&large, 50.0) / percentile(&baseline, 50.0).max(1e-9),
        percentile(&large, 99.0) / percentile(&baseline, 99.0).max(1e-9)
    );
    Ok(())
}

/// Times `args.pages` pages of the account's digitized queue, starting at
/// positions spread evenly over its `count` documents (after a warm-up).
async fn page_latencies(
    store: &Arc<dyn Store>,
    account: i64,
    count: i64,
    args: &QueueArgs,
) -> anyhow::Result<Vec<Duration>> {
    let first = store.page_queue(account, Queue::Digitized, 0, 1).await?;
    let start = first.first().map(|e| e.position).context("the seeded queue is empty")? - 1;
    let mut times = Vec::with_capacity(args.pages);
    for i in 0..args.pages + 20 {
        // A stride coprime with most counts visits positions all over the
        // queue; every page is a full one.
        let offset = (i as i64 * 7_919) % (count - i64::from(args.limit)).max(1);
        let t = Instant::now();
        let page = store.page_queue(account, Queue::Digitized, start + offset, args.limit).await?;
        let elapsed = t.elapsed();
        anyhow::ensure!(!page.is_empty(), "an empty page at offset {offset}");
        if i >= 20 {
            times.push(elapsed);
        }
    }
    times.sort();
    Ok(times)
}

/// What wrk reported for one run.
#[derive(Debug, Default)]
struct Load {
    requests_per_sec: f64,
    p50_ms: f64,
    p99_ms: f64,
    errors: u64,
}

fn wrk_millis(text: &str) -> Option<f64> {
    let text = text.trim();
    let (num, factor) = if let Some(v) = text.strip_suffix("us") {
        (v, 0.001)
    } else if let Some(v) = text.strip_suffix("ms") {
        (v, 1.0)
    } else if let Some(v) = text.strip_suffix('s') {
        (v, 1000.0)
    } else {
        (text, 1.0)
    };
    num.parse::<f64>().ok().map(|v| v * factor)
}

fn parse_wrk(out: &str) -> anyhow::Result<Load> {
    let mut load = Load::default();
    for line in out.lines().map(str::trim) {
        let mut parts = line.split_whitespace();
        match (parts.next(), parts.next()) {
            (Some("Requests/sec:"), Some(v)) => load.requests_per_sec = v.parse()?,
            (Some("50%"), Some(v)) => load.p50_ms = wrk_millis(v).context("wrk's p50")?,
            (Some("99%"), Some(v)) => load.p99_ms = wrk_millis(v).context("wrk's p99")?,
            _ => {}
        }
        if let Some(v) = line.strip_prefix("Non-2xx or 3xx responses:") {
            load.errors += v.trim().parse::<u64>()?;
        }
    }
    anyhow::ensure!(load.requests_per_sec > 0.0, "wrk printed no rate:\n{out}");
    Ok(load)
}

fn run_wrk(args: &UploadArgs, script: Option<&std::path::Path>, url: &str) -> anyhow::Result<Load> {
    let mut cmd = Command::new("wrk");
    cmd.arg(format!("-t{}", args.threads))
        .arg(format!("-c{}", args.connections))
        .arg(format!("-d{}s", args.seconds))
        .arg("--latency");
    if let Some(script) = script {
        cmd.arg("-s").arg(script);
    }
    let out = cmd.arg(url).output().context("cannot run wrk (install it: `make bench-service` does)")?;
    anyhow::ensure!(out.status.success(), "wrk failed: {}", String::from_utf8_lossy(&out.stderr));
    parse_wrk(&String::from_utf8_lossy(&out.stdout))
}

/// A wrk script that uploads `file` with a per-request suffix, so that
/// every request is a new document.
fn upload_script(file: &std::path::Path, key: &str) -> String {
    format!(
        r#"local f = assert(io.open("{file}", "rb"))
local base = f:read("*a")
f:close()
local threads = 0
function setup(thread)
  threads = threads + 1
  thread:set("tid", threads)
end
local n = 0
function request()
  n = n + 1
  local body = "--kvitasbench\r\nContent-Disposition: form-data; name=\"file\"; filename=\"bench.pdf\"\r\n"
    .. "Content-Type: application/pdf\r\n\r\n" .. base .. "\n%" .. tid .. "-" .. n .. "\n\r\n--kvitasbench--\r\n"
  return wrk.format("POST", "/v1/documents",
    {{["Content-Type"] = "multipart/form-data; boundary=kvitasbench", ["x-api-key"] = "{key}"}}, body)
end
"#,
        file = file.display()
    )
}

async fn uploads(args: &UploadArgs) -> anyhow::Result<()> {
    let dir = tempfile::tempdir()?;
    let mut config = crate::config::Config { data_dir: dir.path().join("data"), ..Default::default() };
    config.server.listen = "127.0.0.1:0".parse()?;
    config.server.rate_limit_per_sec = 0;
    // Ingest only: reading would compete with the server for the cores.
    config.worker.serve_workers = Some(0);
    let app = crate::app::App::build(config).await?;
    let addr = app.local_addr()?;
    let state = app.state().clone();
    let account = state.store.ensure_account("bench").await?;
    let key = crate::keys::generate()?;
    state.store.insert_api_key(account.id, &key.prefix, &key.hash, "bench").await?;
    let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));

    let file = match &args.file {
        Some(f) => f.clone(),
        None => {
            let f = dir.path().join("upload.pdf");
            std::fs::write(&f, SAMPLE_PDF)?;
            f
        }
    };
    let size = std::fs::metadata(&file)?.len();
    let script = dir.path().join("upload.lua");
    std::fs::write(&script, upload_script(&file, &key.key))?;
    let base = format!("http://{addr}");
    let (health, upload) = tokio::task::spawn_blocking({
        let args = args.clone();
        move || -> anyhow::Result<(Load, Load)> {
            let health = run_wrk(&args, None, &format!("{base}/healthz"))?;
            let upload = run_wrk(&args, Some(&script), &base)?;
            Ok((health, upload))
        }
    })
    .await??;
    let _ = stop.send(());
    server.await??;
    let stored = state.store.usage(account.id, 0).await?;

    println!(
        "uploads over HTTP (wrk, {} threads, {} connections, {} s each; SQLite and local files; {} B file, unique per request)",
        args.threads, args.connections, args.seconds, size
    );
    println!("  {:<22} {:>10} {:>9} {:>9} {:>7}", "", "req/s", "p50 ms", "p99 ms", "errors");
    for (name, l) in [("POST /v1/documents", &upload), ("GET /healthz (baseline)", &health)] {
        println!("  {name:<22} {:>10.1} {:>9.2} {:>9.2} {:>7}", l.requests_per_sec, l.p50_ms, l.p99_ms, l.errors);
    }
    println!(
        "  uploads/healthz: {:.3}x the request rate; documents stored durably: {}",
        upload.requests_per_sec / health.requests_per_sec.max(1e-9),
        stored.documents_total
    );
    anyhow::ensure!(upload.errors == 0, "{} uploads failed", upload.errors);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrk_output_is_parsed() {
        let out = "Running 10s test\n  Latency Distribution\n     50%  1.20ms\n     75%    2ms\n     99%   15.31ms\n\
                   12000 requests in 10.00s, 1.2MB read\n  Non-2xx or 3xx responses: 3\nRequests/sec:   1200.50\n";
        let l = parse_wrk(out).unwrap();
        assert_eq!(l.requests_per_sec, 1200.5);
        assert!((l.p50_ms - 1.2).abs() < 1e-9 && (l.p99_ms - 15.31).abs() < 1e-9);
        assert_eq!(l.errors, 3);
        assert_eq!(wrk_millis("850.00us"), Some(0.85));
        assert_eq!(wrk_millis("1.50s"), Some(1500.0));
        assert!(parse_wrk("nothing").is_err());
    }

    #[test]
    fn percentiles_pick_ranks() {
        let v: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        assert_eq!(percentile(&v, 50.0).round(), 51.0);
        assert_eq!(percentile(&v, 99.0), 99.0);
        assert_eq!(percentile(&[], 99.0), 0.0);
    }
}
