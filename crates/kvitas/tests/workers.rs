//! Separate `kvitas worker` processes: a worker killed mid-job loses nothing,
//! and no document is processed twice.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use kvitas::store::Queue;
use serde_json::Value;

use crate::server::{Backend, FreshPostgres, sample};

struct Proc(Child);

impl Drop for Proc {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn command(args: &[&str], env: &[(&str, String)]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_kvitas"));
    cmd.args(args).stdin(Stdio::null()).env("RUST_LOG", "warn");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd
}

/// Starts `kvitas serve` on port 0 and returns it with its address.
fn start_server(dir: &str, env: &[(&str, String)]) -> (Proc, String) {
    let mut child = command(&["serve", "--data-dir", dir, "--listen", "127.0.0.1:0", "--workers", "0"], env)
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .expect("start kvitas serve");
    let stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    let line = rx.recv_timeout(Duration::from_secs(60)).expect("kvitas serve printed its address");
    let base = line.strip_prefix("kvitas listening on ").expect("address line").to_string();
    (Proc(child), base)
}

async fn status(client: &reqwest::Client, base: &str, key: &str, id: &str) -> String {
    let doc: Value =
        client.get(format!("{base}/v1/documents/{id}")).bearer_auth(key).send().await.unwrap().json().await.unwrap();
    doc["status"].as_str().unwrap().to_string()
}

async fn a_worker_killed_mid_job_loses_nothing_and_repeats_nothing(backend: Backend) {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().to_str().unwrap().to_string();
    let pg = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(FreshPostgres::create().await),
    };
    let mut env = vec![
        ("KVITAS__WORKER__LEASE_SECS", "2".to_string()),
        ("KVITAS__OCR__LANG", "eng".to_string()),
        // This test polls faster than the default per-key rate.
        ("KVITAS__SERVER__RATE_LIMIT_PER_SEC", "0".to_string()),
    ];
    if let Some(pg) = &pg {
        env.push(("KVITAS__DATABASE__URL", pg.url.clone()));
    }
    let keys = command(&["keys", "create", "--data-dir", &data, "--account", "acme"], &env).output().unwrap();
    assert!(keys.status.success(), "{}", String::from_utf8_lossy(&keys.stderr));
    let stdout = String::from_utf8(keys.stdout).unwrap();
    let last: Value = serde_json::from_str(stdout.lines().last().unwrap()).unwrap();
    let key = last["api_key"].as_str().unwrap().to_string();

    let (_server, base) = start_server(&data, &env);
    let client = reqwest::Client::new();
    // Scans first: the first job claimed takes long enough to be killed in.
    let files = ["receipt-photo-rotated.png", "da-faktura.p1.jpg", "ubl-invoice.xml", "store-receipt.txt"];
    let mut ids = Vec::new();
    for name in files {
        let form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(sample(name)).file_name(name.to_string()));
        let r = client.post(format!("{base}/v1/documents")).header("x-api-key", &key).multipart(form).send().await;
        let body: Value = r.unwrap().json().await.unwrap();
        ids.push(body["id"].as_str().unwrap().to_string());
    }

    let mut first = Proc(command(&["worker", "--data-dir", &data, "--workers", "1"], &env).spawn().unwrap());
    let started = Instant::now();
    while status(&client, &base, &key, &ids[0]).await != "processing" {
        assert!(started.elapsed() < Duration::from_secs(60), "the worker never started the first job");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    first.0.kill().unwrap(); // SIGKILL
    first.0.wait().unwrap();
    assert_eq!(status(&client, &base, &key, &ids[0]).await, "processing", "the job finished before the kill");

    let _second = Proc(command(&["worker", "--data-dir", &data, "--workers", "1"], &env).spawn().unwrap());
    let started = Instant::now();
    for id in &ids {
        loop {
            let s = status(&client, &base, &key, id).await;
            if s != "received" && s != "processing" {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(180), "document {id} was never read");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    let url = match &pg {
        Some(pg) => pg.url.clone(),
        None => format!("sqlite://{data}/kvitas.db"),
    };
    let store = kvitas::store::open(&url).await.unwrap();
    let account = store.account_by_name("acme").await.unwrap().unwrap().id;
    let page = store.page_queue(account, Queue::Digitized, 0, 100).await.unwrap();
    let mut queued: Vec<String> = page.iter().map(|e| e.document.id.to_string()).collect();
    queued.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(queued, expected, "every document is in the digitized queue exactly once");
    for id in &ids {
        let events = store.document_events(account, id.parse().unwrap()).await.unwrap();
        let finals = events.iter().filter(|e| e.old_value.as_deref() == Some("processing")).count();
        assert_eq!(finals, 1, "document {id} got {finals} results: {events:?}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_job_loses_nothing_and_repeats_nothing_on_sqlite() {
    a_worker_killed_mid_job_loses_nothing_and_repeats_nothing(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_worker_killed_mid_job_loses_nothing_and_repeats_nothing_on_postgres() {
    a_worker_killed_mid_job_loses_nothing_and_repeats_nothing(Backend::Postgres).await;
}
