//! A real `kvitas` service for tests: bound to port 0 on loopback, on a fresh
//! SQLite file or a fresh PostgreSQL database, stopped when dropped.

use std::time::{Duration, Instant};

use kvitas::api::AppState;
use kvitas::app::App;
use kvitas::config::{Config, Secret};
use serde_json::Value;
use tokio::sync::oneshot;

/// The backends every service test runs on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The PostgreSQL server tests use: `KVITAS_TEST_DATABASE_URL` (the Makefile
/// sets it to this machine's 127.0.0.1:5432/test).
fn postgres_admin_url() -> String {
    std::env::var("KVITAS_TEST_DATABASE_URL").unwrap_or_else(|_| {
        panic!("KVITAS_TEST_DATABASE_URL is not set: the PostgreSQL tests need a server (see the README)")
    })
}

/// A database made for one test and dropped after it.
pub struct FreshPostgres {
    admin: String,
    name: String,
    pub url: String,
}

impl FreshPostgres {
    pub async fn create() -> FreshPostgres {
        let admin = postgres_admin_url();
        let (name, url) = kvitas::store::postgres::create_scratch(&admin, "kvitas_test").await.unwrap();
        FreshPostgres { url, admin, name }
    }
}

impl Drop for FreshPostgres {
    fn drop(&mut self) {
        let (admin, name) = (self.admin.clone(), self.name.clone());
        // Drop runs inside the test's runtime, which cannot block; a thread
        // with its own runtime can.
        let _ = std::thread::spawn(move || {
            let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            rt.block_on(kvitas::store::postgres::drop_scratch(&admin, &name));
        })
        .join();
    }
}

/// A running service.
pub struct TestServer {
    pub base: String,
    pub state: AppState,
    pub client: reqwest::Client,
    _dir: tempfile::TempDir,
    stop: Option<oneshot::Sender<()>>,
    task: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    _pg: Option<FreshPostgres>,
}

/// A config for tests: a temp data dir, loopback port 0, fast polling.
pub async fn test_config(backend: Backend) -> (Config, tempfile::TempDir, Option<FreshPostgres>) {
    let dir = tempfile::tempdir().unwrap();
    let mut config = Config { data_dir: dir.path().to_path_buf(), ..Config::default() };
    config.server.listen = "127.0.0.1:0".parse().unwrap();
    config.worker.poll_ms = 50;
    // Tests poll hard; the one test of the limit turns it on.
    config.server.rate_limit_per_sec = 0;
    config.worker.threads = 2;
    config.ocr.lang = "eng".into();
    let pg = match backend {
        Backend::Sqlite => None,
        Backend::Postgres => Some(FreshPostgres::create().await),
    };
    if let Some(pg) = &pg {
        config.database.url = Some(Secret(pg.url.clone()));
    }
    (config, dir, pg)
}

impl TestServer {
    pub async fn start(backend: Backend) -> TestServer {
        Self::start_with(backend, |_| {}).await
    }

    pub async fn start_with(backend: Backend, tweak: impl FnOnce(&mut Config)) -> TestServer {
        let (mut config, dir, pg) = test_config(backend).await;
        tweak(&mut config);
        let app = App::build(config).await.expect("build the app");
        let base = format!("http://{}", app.local_addr().unwrap());
        let state = app.state().clone();
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(app.run_until_stopped(async {
            let _ = stopped.await;
        }));
        TestServer {
            base,
            state,
            client: reqwest::Client::new(),
            _dir: dir,
            stop: Some(stop),
            task: Some(task),
            _pg: pg,
        }
    }

    /// Makes an account (when missing) and a key for it.
    pub async fn key(&self, account: &str) -> String {
        let account = self.state.store.ensure_account(account).await.unwrap();
        let key = kvitas::keys::generate().unwrap();
        self.state.store.insert_api_key(account.id, &key.prefix, &key.hash, "test").await.unwrap();
        key.key
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// Uploads a file with optional metadata JSON.
    pub async fn upload(&self, key: &str, name: &str, bytes: Vec<u8>, metadata: Option<Value>) -> reqwest::Response {
        self.upload_to("/v1/documents", key, name, bytes, metadata).await
    }

    pub async fn upload_to(
        &self,
        path: &str,
        key: &str,
        name: &str,
        bytes: Vec<u8>,
        metadata: Option<Value>,
    ) -> reqwest::Response {
        let mut form = reqwest::multipart::Form::new()
            .part("file", reqwest::multipart::Part::bytes(bytes).file_name(name.to_string()));
        if let Some(m) = metadata {
            form = form.text("metadata", m.to_string());
        }
        self.client.post(self.url(path)).header("x-api-key", key).multipart(form).send().await.unwrap()
    }

    pub async fn get(&self, key: &str, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).bearer_auth(key).send().await.unwrap()
    }

    /// Waits until the document's machine reading has finished.
    pub async fn wait_read(&self, key: &str, id: &str) -> Value {
        let started = Instant::now();
        loop {
            let doc: Value = self.get(key, &format!("/v1/documents/{id}")).await.json().await.unwrap();
            let status = doc["status"].as_str().unwrap_or("").to_string();
            if !matches!(status.as_str(), "received" | "processing") {
                return doc;
            }
            assert!(started.elapsed() < Duration::from_secs(120), "document {id} was not read in time: {doc}");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    pub async fn stop(mut self) {
        self.halt().await;
    }

    /// Shuts the service down as SIGTERM would, keeping its database and
    /// files for inspection through `state`.
    pub async fn halt(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            task.await.unwrap().unwrap();
        }
    }
}

/// A sample document's bytes.
pub fn sample(name: &str) -> Vec<u8> {
    std::fs::read(crate::helpers::samples().join(name)).unwrap()
}

/// An S3-compatible server on loopback for one test (moto in server mode),
/// with one empty bucket; killed when dropped.
pub struct S3Server {
    pub endpoint: String,
    pub bucket: String,
    child: std::process::Child,
}

impl S3Server {
    /// Starts `KVITAS_TEST_S3_SERVER` (the Makefile installs moto and sets it),
    /// or `moto_server` from the PATH.
    pub async fn start() -> S3Server {
        let program = std::env::var("KVITAS_TEST_S3_SERVER").unwrap_or_else(|_| "moto_server".into());
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        let child = std::process::Command::new(&program)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the S3 test server {program:?} ({e}); run the tests with `make test`, which installs it")
            });
        let server = S3Server { endpoint: format!("http://127.0.0.1:{port}"), bucket: "kvitas-test".into(), child };
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            if let Ok(r) = client.put(format!("{}/{}", server.endpoint, server.bucket)).send().await
                && r.status().is_success()
            {
                break;
            }
            assert!(started.elapsed() < Duration::from_secs(60), "the S3 test server did not start");
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
        server
    }

    /// Points `config` at this server's bucket.
    pub fn configure(&self, config: &mut Config) {
        config.blobs.backend = kvitas::config::BlobBackend::S3;
        let s3 = &mut config.blobs.s3;
        s3.bucket = self.bucket.clone();
        s3.endpoint = self.endpoint.clone();
        s3.allow_http = true;
        s3.access_key_id = Some(Secret("test".into()));
        s3.secret_access_key = Some(Secret("test".into()));
        s3.prefix = "kv".into();
    }
}

impl Drop for S3Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
