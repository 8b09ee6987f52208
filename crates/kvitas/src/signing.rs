//! Expiring links the service signs itself: where the blob store cannot hand
//! out pre-signed URLs (the local directory), kvitas serves the upload and
//! download routes and accepts an HMAC-SHA256 signature over the method, the
//! path, the account and the expiry time in place of an API key.

use std::path::Path;

use anyhow::Context;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use crate::config::Config;

/// Signs and checks links.
#[derive(Clone)]
pub struct UrlSigner {
    key: Vec<u8>,
}

impl std::fmt::Debug for UrlSigner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("UrlSigner(***)")
    }
}

/// Why a signed link was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LinkError {
    /// Past its expiry time.
    #[error("this link expired; ask for a new one")]
    Expired,
    /// The signature does not match (altered or foreign link).
    #[error("this link's signature is not valid")]
    BadSignature,
}

/// The parts of a signed link that the signature covers.
#[derive(Debug, Clone, Copy)]
pub struct Link<'a> {
    /// `GET` or `PUT`.
    pub method: &'a str,
    /// The request path, e.g. `/v1/documents/…/file`.
    pub path: &'a str,
    /// The account the link acts for.
    pub account: i64,
    /// Expiry, seconds since the epoch.
    pub expires: i64,
}

impl UrlSigner {
    /// A signer with this key.
    pub fn new(key: &[u8]) -> UrlSigner {
        UrlSigner { key: key.to_vec() }
    }

    /// The configured key, or the one kept in `DATA_DIR/signing.key`
    /// (created with 32 random bytes on first use, readable by the owner only).
    pub fn load(config: &Config) -> anyhow::Result<UrlSigner> {
        if let Some(key) = config.server.signing_key.as_ref().filter(|k| !k.0.is_empty()) {
            anyhow::ensure!(key.0.len() >= 16, "server.signing_key must be at least 16 characters");
            return Ok(UrlSigner::new(key.0.as_bytes()));
        }
        let path = config.data_dir.join("signing.key");
        Ok(UrlSigner::new(&key_file(&path)?))
    }

    fn mac(&self, link: &Link<'_>) -> Hmac<Sha256> {
        // Hmac accepts keys of any length.
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("HMAC takes any key length");
        mac.update(format!("{}\n{}\n{}\n{}", link.method, link.path, link.account, link.expires).as_bytes());
        mac
    }

    /// The signature of `link`, hex.
    pub fn sign(&self, link: &Link<'_>) -> String {
        hex::encode(self.mac(link).finalize().into_bytes())
    }

    /// The query string that makes `link` valid: `account=…&expires=…&signature=…`.
    pub fn query(&self, link: &Link<'_>) -> String {
        format!("account={}&expires={}&signature={}", link.account, link.expires, self.sign(link))
    }

    /// Checks `signature` for `link` at time `now` (seconds since the epoch),
    /// in constant time.
    pub fn verify(&self, link: &Link<'_>, signature: &str, now: i64) -> Result<(), LinkError> {
        let given = hex::decode(signature).map_err(|_| LinkError::BadSignature)?;
        self.mac(link).verify_slice(&given).map_err(|_| LinkError::BadSignature)?;
        if now > link.expires { Err(LinkError::Expired) } else { Ok(()) }
    }
}

fn key_file(path: &Path) -> anyhow::Result<Vec<u8>> {
    match std::fs::read_to_string(path) {
        Ok(text) => {
            let key = hex::decode(text.trim()).with_context(|| format!("{} is not a hex key", path.display()))?;
            anyhow::ensure!(key.len() >= 16, "{} holds a key shorter than 16 bytes", path.display());
            Ok(key)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let mut key = [0u8; 32];
            getrandom::fill(&mut key).map_err(|e| anyhow::anyhow!("no randomness for the signing key: {e}"))?;
            let dir = path.parent().context("the signing key path has no directory")?;
            let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
            std::io::Write::write_all(&mut tmp, hex::encode(key).as_bytes())?;
            tmp.as_file().sync_all()?;
            // Another process may have created it meanwhile: keep theirs.
            match tmp.persist_noclobber(path) {
                Ok(_) => Ok(key.to_vec()),
                Err(e) if e.error.kind() == std::io::ErrorKind::AlreadyExists => key_file(path),
                Err(e) => Err(e.error).with_context(|| format!("cannot write {}", path.display())),
            }
        }
        Err(e) => Err(e).with_context(|| format!("cannot read {}", path.display())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(expires: i64) -> Link<'static> {
        Link { method: "GET", path: "/v1/documents/x/file", account: 7, expires }
    }

    #[test]
    fn a_signed_link_verifies_until_it_expires() {
        let s = UrlSigner::new(b"0123456789abcdef");
        let sig = s.sign(&link(100));
        assert_eq!(s.verify(&link(100), &sig, 100), Ok(()));
        assert_eq!(s.verify(&link(100), &sig, 101), Err(LinkError::Expired));
    }

    #[test]
    fn any_change_breaks_the_signature() {
        let s = UrlSigner::new(b"0123456789abcdef");
        let sig = s.sign(&link(100));
        assert_eq!(s.verify(&link(200), &sig, 0), Err(LinkError::BadSignature));
        let other_account = Link { account: 8, ..link(100) };
        assert_eq!(s.verify(&other_account, &sig, 0), Err(LinkError::BadSignature));
        let other_method = Link { method: "PUT", ..link(100) };
        assert_eq!(s.verify(&other_method, &sig, 0), Err(LinkError::BadSignature));
        assert_eq!(s.verify(&link(100), "zz", 0), Err(LinkError::BadSignature));
        let other_key = UrlSigner::new(b"fedcba9876543210");
        assert_eq!(other_key.verify(&link(100), &sig, 0), Err(LinkError::BadSignature));
    }

    #[test]
    fn the_key_file_is_created_once_and_reused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("signing.key");
        let first = key_file(&path).unwrap();
        assert_eq!(first.len(), 32);
        assert_eq!(key_file(&path).unwrap(), first);
    }
}
