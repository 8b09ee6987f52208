//! Output of `kvitas scan`: JSON, JSON Lines and CSV.

use std::io::Write;
use std::path::PathBuf;

use kvitas_extract::{Extraction, Page};
use serde::Serialize;
use serde_json::Value;

use crate::cli::Format;

/// The outcome for one document.
#[derive(Debug)]
pub struct ScanResult {
    /// The files the document was read from.
    pub source: Vec<PathBuf>,
    /// The extraction, or why it failed.
    pub result: anyhow::Result<Extraction>,
}

#[derive(Serialize)]
struct Success<'a> {
    source: &'a [PathBuf],
    kind: &'static str,
    reader: &'static str,
    data: &'a kvitas_extract::InvoiceData,
    fields: &'a [kvitas_extract::Field],
    issues: &'a [kvitas_extract::Issue],
    #[serde(skip_serializing_if = "Option::is_none")]
    pages: Option<&'a [Page]>,
}

#[derive(Serialize)]
struct Failure<'a> {
    source: &'a [PathBuf],
    error: String,
}

/// The JSON object for one result.
pub fn to_json(r: &ScanResult, words: bool) -> Value {
    let value = match &r.result {
        Ok(x) => serde_json::to_value(Success {
            source: &r.source,
            kind: x.kind.name(),
            reader: x.reader,
            data: &x.data,
            fields: &x.fields,
            issues: &x.issues,
            pages: words.then_some(x.document.pages.as_slice()),
        }),
        Err(e) => serde_json::to_value(Failure { source: &r.source, error: format!("{e:#}") }),
    };
    value.unwrap_or_else(|e| serde_json::json!({ "source": r.source, "error": e.to_string() }))
}

/// Writes all results in the chosen format.
pub fn write(out: &mut dyn Write, format: Format, results: &[ScanResult], words: bool) -> anyhow::Result<()> {
    match format {
        Format::Json => {
            let all: Vec<Value> = results.iter().map(|r| to_json(r, words)).collect();
            serde_json::to_writer_pretty(&mut *out, &all)?;
            writeln!(out)?;
        }
        Format::Jsonl => {
            for r in results {
                serde_json::to_writer(&mut *out, &to_json(r, words))?;
                writeln!(out)?;
            }
        }
        Format::Csv => write_csv(out, results)?,
    }
    Ok(())
}

/// Header fields, one column each, as dotted paths into `data`: the scored
/// fields of the schema without the per-rate and per-line ones.
fn csv_columns() -> impl Iterator<Item = &'static str> {
    kvitas_extract::score::FIELDS
        .iter()
        .copied()
        .filter(|f| !f.starts_with("vat_breakdown.") && !f.starts_with("line_items."))
}

fn write_csv(out: &mut dyn Write, results: &[ScanResult]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["source", "kind", "error"];
    header.extend(csv_columns());
    header.push("line_items");
    w.write_record(&header)?;
    for r in results {
        let source = r.source.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(";");
        let mut row = vec![source];
        match &r.result {
            Ok(x) => {
                let data = serde_json::to_value(&x.data)?;
                row.push(x.kind.name().to_owned());
                row.push(String::new());
                for col in csv_columns() {
                    row.push(lookup(&data, col));
                }
                row.push(x.data.line_items.len().to_string());
            }
            Err(e) => {
                row.push(String::new());
                row.push(format!("{e:#}"));
                row.extend(std::iter::repeat_n(String::new(), csv_columns().count() + 1));
            }
        }
        w.write_record(&row)?;
    }
    w.flush()?;
    Ok(())
}

fn lookup(data: &Value, path: &str) -> String {
    let v = path.split('.').try_fold(data, |v, k| v.get(k));
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Null) | None => String::new(),
        Some(other) => other.to_string(),
    }
}
