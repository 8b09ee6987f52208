//! Where uploaded files are kept: a local directory (the default) or an
//! S3-compatible object store.
//!
//! A `put` that returns `Ok` is durable: the local store writes to a
//! temporary file, syncs it, renames it into place and syncs the directory,
//! so a crash leaves either the whole file or none of it.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use async_trait::async_trait;

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
}

/// Stores files by key.
#[async_trait]
pub trait BlobStore: Send + Sync + 'static {
    /// Stores `bytes` under `key`, durably.
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), BlobError>;
    /// Reads the blob under `key`.
    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError>;
}

/// A shared handle on the blob store.
pub type SharedBlobs = Arc<dyn BlobStore>;

/// Files in a local directory; keys are relative paths of `[a-z0-9/_-]`.
#[derive(Debug, Clone)]
pub struct LocalBlobs {
    root: PathBuf,
}

impl LocalBlobs {
    /// Uses (and creates) `root`.
    pub fn new(root: &Path) -> std::io::Result<LocalBlobs> {
        std::fs::create_dir_all(root)?;
        Ok(LocalBlobs { root: root.to_path_buf() })
    }

    fn path(&self, key: &str) -> Result<PathBuf, BlobError> {
        let plain = !key.is_empty()
            && key.split('/').all(|part| {
                !part.is_empty()
                    && part != "."
                    && part != ".."
                    && part.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || b == b'.')
            });
        if plain { Ok(self.root.join(key)) } else { Err(BlobError::InvalidKey(key.to_string())) }
    }
}

fn write_durably(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let dir = path.parent().ok_or_else(|| std::io::Error::other("blob path has no parent"))?;
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    std::fs::File::open(dir)?.sync_all()
}

#[async_trait]
impl BlobStore for LocalBlobs {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), BlobError> {
        let path = self.path(key)?;
        tokio::task::spawn_blocking(move || write_durably(&path, &bytes))
            .await
            .map_err(|e| BlobError::Io(std::io::Error::other(e)))??;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError> {
        let path = self.path(key)?;
        match tokio::fs::read(&path).await {
            Ok(bytes) => Ok(bytes),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(BlobError::NotFound(key.to_string())),
            Err(e) => Err(e.into()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_stored_blob_reads_back_and_a_missing_one_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path()).unwrap();
        blobs.put("1/abc", b"hello".to_vec()).await.unwrap();
        assert_eq!(blobs.get("1/abc").await.unwrap(), b"hello");
        assert!(matches!(blobs.get("1/zzz").await, Err(BlobError::NotFound(_))));
    }

    #[tokio::test]
    async fn keys_cannot_leave_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path()).unwrap();
        for key in ["../x", "/etc/passwd", "a//b", "a/./b", ""] {
            assert!(matches!(blobs.put(key, vec![]).await, Err(BlobError::InvalidKey(_))), "{key}");
        }
    }
}
