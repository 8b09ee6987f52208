//! Shared helpers for the corpus tests: where the corpus is, which inputs have a
//! truth, and a field-by-field comparison with the corpus scoring rules for
//! numbers (compared as decimals, so `121.0` equals `121.00`).

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::str::FromStr;

use rust_decimal::Decimal;
use serde_json::Value;

/// Keys whose string values are amounts, quantities or rates.
const NUMERIC_KEYS: [&str; 11] = [
    "net_total",
    "vat_total",
    "gross_total",
    "rate",
    "net",
    "vat",
    "quantity",
    "unit_price",
    "net_amount",
    "vat_rate",
    "tip",
];

/// The evaluation corpus: `KVITAS_CORPUS`, or `shared/corpus` beside the checkout.
pub fn corpus_dir() -> PathBuf {
    std::env::var_os("KVITAS_CORPUS")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus")))
}

/// Every `X.<ext>` in `dir` with its truth `X.json`, sorted by path. Panics when
/// the folder cannot be listed, so a missing corpus fails loudly.
pub fn cases(dir: &Path, ext: &str) -> Vec<(PathBuf, Value)> {
    let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("cannot list {}: {e}", dir.display()));
    let mut files: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x.eq_ignore_ascii_case(ext)))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|p| {
            let truth_path = p.with_extension("json");
            let bytes = std::fs::read(&truth_path).unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
            let truth = serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{}: {e}", truth_path.display()));
            (p, truth)
        })
        .collect()
}

/// Every difference between the truth and a prediction, ignoring `language`
/// (a heuristic guess in the truth that is not scored).
pub fn diff(expected: &Value, actual: &Value) -> Vec<String> {
    let mut out = Vec::new();
    compare("", "", expected, actual, &mut out);
    out
}

fn differs(key: &str, expected: &Value, actual: &Value) -> bool {
    match (expected, actual) {
        (Value::String(e), Value::String(a)) if NUMERIC_KEYS.contains(&key) => {
            !matches!((Decimal::from_str(e), Decimal::from_str(a)), (Ok(x), Ok(y)) if x == y)
        }
        _ => expected != actual,
    }
}

fn compare(at: &str, key: &str, expected: &Value, actual: &Value, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            let keys = e.keys().chain(a.keys().filter(|k| !e.contains_key(*k)));
            for k in keys.filter(|k| k.as_str() != "language") {
                let (ev, av) = (e.get(k).unwrap_or(&Value::Null), a.get(k).unwrap_or(&Value::Null));
                compare(&format!("{at}.{k}"), k, ev, av, out);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                out.push(format!("{at}: expected {} entries, got {}", e.len(), a.len()));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                compare(&format!("{at}[{i}]"), key, ev, av, out);
            }
        }
        _ if differs(key, expected, actual) => out.push(format!("{at}: expected {expected}, got {actual}")),
        _ => {}
    }
}
