//! Blobs in an S3-compatible object store.

use std::time::Duration;

use async_trait::async_trait;
use object_store::aws::{AmazonS3, AmazonS3Builder};
use object_store::path::Path;
use object_store::signer::{Method, Signer};
use object_store::{ObjectStoreExt, PutPayload};

use super::{Access, BlobError, BlobStore, check_key};
use crate::config::S3Config;

/// A bucket of an S3-compatible service.
#[derive(Debug)]
pub struct S3Blobs {
    store: AmazonS3,
    prefix: String,
}

impl S3Blobs {
    /// Connects to the bucket `config` names (no request is made yet).
    pub fn new(config: &S3Config) -> anyhow::Result<S3Blobs> {
        anyhow::ensure!(!config.bucket.is_empty(), "blobs.s3.bucket must be set when blobs.backend is \"s3\"");
        let mut builder = AmazonS3Builder::new()
            .with_bucket_name(&config.bucket)
            .with_region(&config.region)
            .with_allow_http(config.allow_http)
            .with_virtual_hosted_style_request(config.virtual_hosted_style);
        if !config.endpoint.is_empty() {
            builder = builder.with_endpoint(&config.endpoint);
        }
        if let Some(id) = &config.access_key_id {
            builder = builder.with_access_key_id(&id.0);
        }
        if let Some(secret) = &config.secret_access_key {
            builder = builder.with_secret_access_key(&secret.0);
        }
        let store = builder.build().map_err(|e| anyhow::anyhow!("invalid S3 settings: {e}"))?;
        let prefix = config.prefix.trim_matches('/').to_string();
        if !prefix.is_empty() {
            check_key(&prefix).map_err(|_| anyhow::anyhow!("blobs.s3.prefix {prefix:?} is not a plain key prefix"))?;
        }
        Ok(S3Blobs { store, prefix })
    }

    fn path(&self, key: &str) -> Result<Path, BlobError> {
        check_key(key)?;
        let full = if self.prefix.is_empty() { key.to_string() } else { format!("{}/{key}", self.prefix) };
        Path::parse(&full).map_err(|_| BlobError::InvalidKey(key.to_string()))
    }
}

fn failed(key: &str, e: object_store::Error) -> BlobError {
    match e {
        object_store::Error::NotFound { .. } => BlobError::NotFound(key.to_string()),
        other => BlobError::ObjectStore(other.to_string()),
    }
}

#[async_trait]
impl BlobStore for S3Blobs {
    async fn put(&self, key: &str, bytes: Vec<u8>) -> Result<(), BlobError> {
        let path = self.path(key)?;
        self.store.put(&path, PutPayload::from(bytes)).await.map_err(|e| failed(key, e))?;
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<Vec<u8>, BlobError> {
        let path = self.path(key)?;
        let got = self.store.get(&path).await.map_err(|e| failed(key, e))?;
        Ok(got.bytes().await.map_err(|e| failed(key, e))?.to_vec())
    }

    async fn delete(&self, key: &str) -> Result<(), BlobError> {
        let path = self.path(key)?;
        match self.store.delete(&path).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(failed(key, e)),
        }
    }

    async fn presigned_url(
        &self,
        access: Access,
        key: &str,
        expires_in: Duration,
    ) -> Result<Option<String>, BlobError> {
        let path = self.path(key)?;
        let method = match access {
            Access::Get => Method::GET,
            Access::Put => Method::PUT,
        };
        let url = self.store.signed_url(method, &path, expires_in).await.map_err(|e| failed(key, e))?;
        Ok(Some(url.to_string()))
    }
}
