//! Where uploaded files are kept: a local directory (the default) or an
//! S3-compatible object store, behind one interface.
//!
//! A `put` that returns `Ok` is durable: the local store writes to a
//! temporary file, syncs it, renames it into place and syncs the directory,
//! so a crash leaves either the whole file or none of it; S3 acknowledges a
//! PUT only once the object is stored.
//!
//! Keys are relative names of `[A-Za-z0-9._-]` parts joined by `/`; both
//! stores refuse anything else.

mod local;
mod s3;

use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use async_trait::async_trait;

pub use local::LocalBlobs;
pub use s3::S3Blobs;

use crate::config::{BlobBackend, Config};

/// What went wrong with a blob.
#[derive(Debug, thiserror::Error)]
pub enum BlobError {
    /// No blob under this key.
    #[error("blob not found: {0}")]
    NotFound(String),
    /// The key is not a plain relative name.
    #[error("invalid blob key {0:?}")]
    InvalidKey(String),
    /// The storage failed.
    #[error("blob storage failed: {0}")]
    Io(#[from] std::io::Error),
    /// The object store failed.
    #[error("object store failed: {0}")]
    ObjectStore(String),
}

/// The HTTP method a pre-signed URL is good for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Download.
    Get,
    /// Upload.
    Put,
}

/// Stores files by key.
#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores `bytes` under `key`, durably.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), BlobError>;
    /// Reads the blob under `key`.
    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError>;
    /// Removes the blob under `key`; a missing blob is not an error.
    async fn delete(&self, key: &str) -> Result<(), BlobError>;
    /// A URL that lets its holder `access` the blob under `key` without
    /// credentials for `expires_in`, when the store can make one (S3 can);
    /// `None` means the service must hand out its own signed URL instead.
    async fn presigned_url(&self, access: Access, key: &str, expires_in: Duration)
    -> Result<Option<String>, BlobError>;
}

/// A shared handle on the blob store.
pub type SharedBlobs = Arc<dyn BlobStore>;

/// Opens the blob store the configuration names.
pub fn open(config: &Config) -> anyhow::Result<SharedBlobs> {
    Ok(match config.blobs.backend {
        BlobBackend::Local => {
            let dir = config.data_dir.join("blobs");
            Arc::new(
                LocalBlobs::new(&dir).with_context(|| format!("cannot open the blob directory {}", dir.display()))?,
            )
        }
        BlobBackend::S3 => Arc::new(S3Blobs::new(&config.blobs.s3)?),
    })
}

/// Checks that `key` is a plain relative name.
fn check_key(key: &str) -> Result<(), BlobError> {
    let plain = !key.is_empty()
        && key.split('/').all(|part| {
            !part.is_empty()
                && part != "."
                && part != ".."
                && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
        });
    if plain { Ok(()) } else { Err(BlobError::InvalidKey(key.to_string())) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_keys_pass() {
        for key in ["../x", "/etc/passwd", "a//b", "a/./b", "", "a b", "a/\u{e9}"] {
            assert!(matches!(check_key(key), Err(BlobError::InvalidKey(_))), "{key}");
        }
        for key in ["1/abc", "uploads/7/0b1c-9a.bin", "x"] {
            assert!(check_key(key).is_ok(), "{key}");
        }
    }
}
