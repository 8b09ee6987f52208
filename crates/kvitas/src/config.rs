//! The service's configuration: defaults for everything, overridden by a TOML
//! file (`--config`), then by `KVITAS__SECTION__KEY` environment variables,
//! then by command-line flags. See `config.example.toml`.

use std::fmt;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Serialized, Toml};
use serde::{Deserialize, Serialize};

/// A value that is never printed: `Debug` shows `"***"`.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(pub String);

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("\"***\"")
    }
}

/// Everything the service can be told.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// Where the SQLite database and local files live.
    pub data_dir: PathBuf,
    /// HTTP server.
    pub server: ServerConfig,
    /// Database.
    pub database: DatabaseConfig,
    /// Background reading of documents.
    pub worker: WorkerConfig,
    /// Text recognition.
    pub ocr: OcrConfig,
    /// Where uploaded files are kept.
    pub blobs: BlobsConfig,
}

/// HTTP server settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServerConfig {
    /// Address to listen on.
    pub listen: SocketAddr,
    /// Largest upload, MiB.
    pub max_upload_mb: u64,
    /// How long `POST /v1/scan` waits for a result before answering 408, seconds.
    pub scan_timeout_secs: u64,
    /// On shutdown, how long running jobs may take to finish, seconds.
    pub shutdown_grace_secs: u64,
    /// Requests per second per API key (0: no limit); beyond it, 429.
    pub rate_limit_per_sec: u32,
    /// Requests a key may make at once before the rate applies.
    pub rate_limit_burst: u32,
    /// The address clients reach the service at, for the signed links it
    /// hands out (e.g. `https://kvitas.example.com`); unset: taken from the
    /// request's `Host` header, over plain HTTP.
    pub public_url: Option<String>,
    /// Key that signs the service's own expiring links; unset: a random key
    /// kept in `DATA_DIR/signing.key`. Set it when several servers share a
    /// database so that each accepts the others' links.
    pub signing_key: Option<Secret>,
    /// How long signed upload and download links stay valid, seconds.
    pub signed_url_secs: u64,
}

/// Which blob store keeps the files.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BlobBackend {
    /// `DATA_DIR/blobs`.
    #[default]
    Local,
    /// An S3-compatible bucket (`[blobs.s3]`).
    S3,
}

/// Blob store settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct BlobsConfig {
    /// `local` or `s3`.
    pub backend: BlobBackend,
    /// The bucket, when `backend` is `s3`.
    pub s3: S3Config,
}

/// An S3-compatible bucket.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct S3Config {
    /// Bucket name (must exist).
    pub bucket: String,
    /// Region.
    pub region: String,
    /// Service address for S3-compatible servers; empty: AWS.
    pub endpoint: String,
    /// Access key id; unset: taken from the environment (`AWS_…`) or instance role.
    pub access_key_id: Option<Secret>,
    /// Secret access key.
    pub secret_access_key: Option<Secret>,
    /// Allow `http://` endpoints.
    pub allow_http: bool,
    /// Address buckets as `bucket.host` rather than `host/bucket`.
    pub virtual_hosted_style: bool,
    /// Prefix of every key in the bucket.
    pub prefix: String,
}

impl Default for S3Config {
    fn default() -> S3Config {
        S3Config {
            bucket: String::new(),
            region: "us-east-1".into(),
            endpoint: String::new(),
            access_key_id: None,
            secret_access_key: None,
            allow_http: false,
            virtual_hosted_style: false,
            prefix: String::new(),
        }
    }
}

/// Database settings.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatabaseConfig {
    /// `postgres://…` or `sqlite://…`; empty means `DATA_DIR/kvitas.db`.
    pub url: Option<Secret>,
}

/// Worker settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkerConfig {
    /// Workers in this process; 0 means one per core.
    pub threads: usize,
    /// Workers inside `kvitas serve` when not `threads`; 0 runs none there,
    /// leaving documents to separate `kvitas worker` processes.
    pub serve_workers: Option<usize>,
    /// How long a claimed job is leased before another worker may take it,
    /// seconds. Running jobs renew their lease at a third of this.
    pub lease_secs: u64,
    /// How often an idle worker looks for work, milliseconds.
    pub poll_ms: u64,
    /// Runs of one job before its document is rejected as unreadable.
    pub max_attempts: i64,
}

/// OCR settings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OcrConfig {
    /// Tesseract languages.
    pub lang: String,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data_dir: PathBuf::from("kvitas-data"),
            server: ServerConfig::default(),
            database: DatabaseConfig::default(),
            worker: WorkerConfig::default(),
            ocr: OcrConfig::default(),
            blobs: BlobsConfig::default(),
        }
    }
}

impl Default for ServerConfig {
    fn default() -> ServerConfig {
        ServerConfig {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            max_upload_mb: 50,
            scan_timeout_secs: 60,
            shutdown_grace_secs: 30,
            rate_limit_per_sec: 50,
            rate_limit_burst: 200,
            public_url: None,
            signing_key: None,
            signed_url_secs: 3600,
        }
    }
}

impl Default for WorkerConfig {
    fn default() -> WorkerConfig {
        WorkerConfig { threads: 0, serve_workers: None, lease_secs: 300, poll_ms: 500, max_attempts: 5 }
    }
}

impl Default for OcrConfig {
    fn default() -> OcrConfig {
        OcrConfig { lang: "lit+eng+dan".into() }
    }
}

impl Config {
    /// Loads defaults, then `file` (when given), then `KVITAS__…` variables.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Config> {
        let mut figment = Figment::from(Serialized::defaults(Config::default()));
        if let Some(file) = file {
            anyhow::ensure!(file.is_file(), "config file {} not found", file.display());
            figment = figment.merge(Toml::file(file));
        }
        figment = figment.merge(Env::prefixed("KVITAS__").split("__"));
        figment.extract().map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))
    }

    /// The database URL in force.
    pub fn database_url(&self) -> String {
        match &self.database.url {
            Some(Secret(url)) if !url.is_empty() => url.clone(),
            _ => format!("sqlite://{}", self.data_dir.join("kvitas.db").display()),
        }
    }
}

impl ServerConfig {
    /// The largest upload, bytes.
    pub fn max_upload_bytes(&self) -> u64 {
        self.max_upload_mb.saturating_mul(1 << 20)
    }
}

impl WorkerConfig {
    /// Workers `kvitas serve` runs: `threads`, or one per core when it is
    /// unset. `serve_workers` (`--workers`) overrides, and may be 0.
    pub fn threads_in_serve(&self) -> usize {
        self.serve_workers.unwrap_or_else(|| self.threads_or_cores())
    }

    /// `threads`, or one per core when it is 0.
    pub fn threads_or_cores(&self) -> usize {
        match self.threads {
            0 => std::thread::available_parallelism().map(usize::from).unwrap_or(1),
            n => n,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_file_is_a_valid_configuration_equal_to_the_defaults() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../config.example.toml");
        let text = std::fs::read_to_string(path).unwrap();
        let parsed: Config =
            Figment::from(Serialized::defaults(Config::default())).merge(Toml::string(&text)).extract().unwrap();
        assert_eq!(parsed, Config::default());
    }

    #[test]
    fn secrets_are_not_printed() {
        let mut config = Config::default();
        config.database.url = Some(Secret("postgres://u:hunter2@db/x".into()));
        config.server.signing_key = Some(Secret("hunter3".into()));
        config.blobs.s3.secret_access_key = Some(Secret("hunter4".into()));
        assert!(!format!("{config:?}").contains("hunter"));
    }

    #[test]
    fn unknown_keys_are_refused() {
        let r: Result<Config, _> = Figment::from(Serialized::defaults(Config::default()))
            .merge(Toml::string("[server]\nlisten_at = 1"))
            .extract();
        assert!(r.is_err());
    }
}
