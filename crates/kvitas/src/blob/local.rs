//! Blobs as files in a local directory.

use std::path::{Path, PathBuf};
use std::time::Duration;

use async_trait::async_trait;

use super::{Access, BlobError, BlobStore, check_key};

/// Files in a local directory.
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
        check_key(key)?;
        Ok(self.root.join(key))
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

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        let path = self.path(key)?;
        match tokio::fs::remove_file(&path).await {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    async fn presigned_url(&self, _: Access, key: &str, _: Duration) -> Result<Option<String>, BlobError> {
        check_key(key)?;
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_stored_blob_reads_back_deletes_and_a_missing_one_is_not_found() {
        let dir = tempfile::tempdir().unwrap();
        let blobs = LocalBlobs::new(dir.path()).unwrap();
        blobs.put("1/abc", b"hello".to_vec()).await.unwrap();
        assert_eq!(blobs.get("1/abc").await.unwrap(), b"hello");
        assert!(matches!(blobs.get("1/zzz").await, Err(BlobError::NotFound(_))));
        blobs.delete("1/abc").await.unwrap();
        blobs.delete("1/abc").await.unwrap();
        assert!(matches!(blobs.get("1/abc").await, Err(BlobError::NotFound(_))));
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
