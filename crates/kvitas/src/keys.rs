//! API keys: made from 32 random bytes, shown once, stored only as a SHA-256
//! hash. A key has so much entropy that a fast hash is as safe as a slow one
//! here, and it lets every request be checked with one indexed lookup.

use sha2::{Digest, Sha256};

/// The fixed start of every key, so leaked keys are easy to recognise.
pub const KEY_PREFIX: &str = "kvitas_";

/// A newly made key.
#[derive(Debug)]
pub struct NewKey {
    /// The key, to show once.
    pub key: String,
    /// The first characters, stored to recognise the key in listings.
    pub prefix: String,
    /// What is stored.
    pub hash: String,
}

/// Makes a random key.
pub fn generate() -> anyhow::Result<NewKey> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).map_err(|e| anyhow::anyhow!("no randomness for a key: {e}"))?;
    let key = format!("{KEY_PREFIX}{}", hex::encode(bytes));
    Ok(NewKey { prefix: prefix(&key), hash: hash(&key), key })
}

/// The start of a key shown in listings and the history: the fixed start
/// and 8 characters of the random part.
pub fn prefix(key: &str) -> String {
    key.chars().take(KEY_PREFIX.len() + 8).collect()
}

/// The stored form of a key.
pub fn hash(key: &str) -> String {
    hex::encode(Sha256::digest(key.as_bytes()))
}

/// SHA-256 of content, hex: the identity of an uploaded file.
pub fn content_hash(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_unique_and_only_their_hash_matches() {
        let a = generate().unwrap();
        let b = generate().unwrap();
        assert_ne!(a.key, b.key);
        assert_eq!(a.key.len(), KEY_PREFIX.len() + 64);
        assert_eq!(hash(&a.key), a.hash);
        assert_ne!(hash(&b.key), a.hash);
        assert!(a.key.starts_with(&a.prefix));
    }
}
