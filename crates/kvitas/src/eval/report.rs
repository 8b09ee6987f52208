//! The report of `kvitas eval`: tables as text, or the same figures as one JSON object.

use std::collections::BTreeMap;
use std::io::{self, Write};

use kvitas_extract::score::{self, Bin, DocScore, Miss, Tally};
use serde_json::{Map, Value, json};

/// Scores merged over a set of documents (one kind in one folder, one kind, or all).
#[derive(Debug, Default)]
pub(super) struct Group {
    /// Inputs scored, read or not.
    pub documents: usize,
    /// Inputs that could not be read.
    pub failures: usize,
    /// Their merged scores.
    pub score: DocScore,
}

impl Group {
    /// Adds one document's score; `failed` is 1 when it could not be read.
    pub fn add(&mut self, doc: &DocScore, failed: usize) {
        self.documents += 1;
        self.failures += failed;
        self.score.absorb(doc);
    }
}

/// A floor given on the command line and the figure it was checked against.
#[derive(Debug)]
pub(super) struct Floor {
    /// The option that set it, e.g. `--min-header-f1`.
    pub flag: &'static str,
    /// What is measured, for the message.
    pub what: &'static str,
    /// The lowest acceptable value.
    pub floor: f64,
    /// The value measured; `None` when nothing was scored.
    pub measured: Option<f64>,
}

impl Floor {
    /// True when the measured value reaches the floor. A figure that could not be
    /// measured does not: a gate should not pass because nothing was scored.
    pub fn met(&self) -> bool {
        self.measured.is_some_and(|m| m >= self.floor)
    }

    /// A sentence naming the floor and the measured value.
    pub fn describe(&self) -> String {
        match self.measured {
            Some(m) => format!("{} is {m:.4}; {} {}", self.what, self.flag, self.floor),
            None => format!("{} could not be measured (nothing was scored); {} {}", self.what, self.flag, self.floor),
        }
    }
}

/// Everything `kvitas eval` reports.
#[derive(Debug, Default)]
pub(super) struct Report {
    /// The folders in command-line order; groups refer to them by index.
    pub folders: Vec<String>,
    /// Per folder and input kind.
    pub groups: BTreeMap<(usize, &'static str), Group>,
    /// Per input kind over all folders.
    pub kinds: BTreeMap<&'static str, Group>,
    /// All documents.
    pub overall: Group,
    /// The slowest documents with their reading time in milliseconds.
    pub slowest: Vec<(String, f64)>,
    /// Documents that could not be read, with the error.
    pub failures: Vec<(String, String)>,
    /// Per document, the values that were not right (with `--misses`).
    pub misses: Vec<(String, Vec<Miss>)>,
    /// Inputs without a truth file, which were not scored.
    pub no_truth: Vec<String>,
    /// The floors asked for.
    pub floors: Vec<Floor>,
}

/// The fields of a score in schema order, then any the schema does not know,
/// leaving out fields with nothing counted.
fn rows(score: &DocScore) -> Vec<(&str, Tally)> {
    let known = score::FIELDS.iter().filter_map(|f| score.fields.get_key_value(*f));
    let extra = score.fields.iter().filter(|(f, _)| !score::FIELDS.contains(&f.as_str()));
    known.chain(extra).filter(|(_, t)| **t != Tally::default()).map(|(f, t)| (f.as_str(), *t)).collect()
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "-".to_owned(), |v| format!("{v:.3}"))
}

fn share(bin: &Bin) -> String {
    bin.accuracy().map_or_else(|| "-".to_owned(), |a| format!("{:.1}% of {}", a * 100.0, bin.count))
}

/// Writes the report as text tables.
pub(super) fn text(r: &Report, out: &mut dyn Write) -> io::Result<()> {
    for ((folder, kind), g) in &r.groups {
        let name = r.folders.get(*folder).map_or("?", String::as_str);
        writeln!(out, "{kind} · {name}: {} documents, {} unread", g.documents, g.failures)?;
        writeln!(out, "  {:<24} {:>9} {:>7} {:>7} {:>8}", "field", "precision", "recall", "F1", "support")?;
        for (field, t) in rows(&g.score) {
            let (p, rc, f1) = (num(t.precision()), num(t.recall()), num(t.f1()));
            writeln!(out, "  {field:<24} {p:>9} {rc:>7} {f1:>7} {:>8}", t.support())?;
        }
        let (h, l) = (num(g.score.header().f1()), num(g.score.lines().f1()));
        writeln!(out, "  header F1 {h}   line items F1 {l}\n")?;
    }

    writeln!(out, "By kind")?;
    writeln!(
        out,
        "  {:<10} {:>9} {:>7} {:>10} {:>9}  right at confidence ≥ 0.9",
        "kind", "documents", "unread", "header F1", "lines F1"
    )?;
    let overall = std::iter::once(("overall", &r.overall));
    for (kind, g) in r.kinds.iter().map(|(k, g)| (*k, g)).chain(overall) {
        let (h, l) = (num(g.score.header().f1()), num(g.score.lines().f1()));
        let sure = share(&score::high_confidence(&g.score.calibration));
        writeln!(out, "  {kind:<10} {:>9} {:>7} {h:>10} {l:>9}  {sure}", g.documents, g.failures)?;
    }

    let pairs = &r.overall.score.calibration;
    writeln!(out, "\nCalibration (scored predicted values by confidence)")?;
    writeln!(out, "  {:<14} {:>7} {:>9}", "confidence", "values", "accuracy")?;
    for (i, b) in score::calibration_bins(pairs).iter().enumerate() {
        let close = if i + 1 == score::CONFIDENCE_BINS.len() { ']' } else { ')' };
        let range = format!("[{:.2}, {:.2}{close}", b.from, b.to);
        writeln!(out, "  {range:<14} {:>7} {:>9}", b.count, num(b.accuracy()))?;
    }
    let sure = score::high_confidence(pairs);
    let pct = sure.accuracy().map_or_else(|| "-".to_owned(), |a| format!("{:.1}%", a * 100.0));
    writeln!(out, "  confidence ≥ {:.2}: {pct} right ({} of {})", sure.from, sure.correct, sure.count)?;
    if r.overall.score.unrated > 0 {
        writeln!(out, "  {} scored values had no confidence in the extraction", r.overall.score.unrated)?;
    }

    if !r.misses.is_empty() {
        writeln!(out, "\nMisses (field: truth | predicted, confidence)")?;
        for (doc, misses) in &r.misses {
            writeln!(out, "  {doc}")?;
            for m in misses {
                let shown = |v: &Option<Value>| match v {
                    Some(Value::String(s)) => format!("{s:?}"),
                    Some(v) => v.to_string(),
                    None => "-".to_owned(),
                };
                let conf = m.confidence.map_or_else(String::new, |c| format!(", {c:.2}"));
                writeln!(out, "    {}: {} | {}{conf}", m.path, shown(&m.truth), shown(&m.predicted))?;
            }
        }
    }

    writeln!(out, "\nSlowest documents")?;
    for (doc, ms) in &r.slowest {
        writeln!(out, "  {ms:>9.1} ms  {doc}")?;
    }
    if !r.failures.is_empty() {
        writeln!(out, "\nUnread documents (every truth value counted as missed)")?;
        for (doc, error) in &r.failures {
            writeln!(out, "  {doc}: {error}")?;
        }
    }
    if !r.no_truth.is_empty() {
        writeln!(out, "\nInputs without truth (not scored)")?;
        for doc in &r.no_truth {
            writeln!(out, "  error: {doc}: no truth file")?;
        }
    }
    if !r.floors.is_empty() {
        writeln!(out, "\nFloors")?;
        for f in &r.floors {
            writeln!(out, "  {}: {}", if f.met() { "met" } else { "NOT MET" }, f.describe())?;
        }
    }
    Ok(())
}

fn tally_json(t: Tally) -> Value {
    json!({
        "tp": t.tp, "fp": t.fp, "fn": t.fn_, "support": t.support(),
        "precision": t.precision(), "recall": t.recall(), "f1": t.f1(),
    })
}

fn bin_json(b: &Bin) -> Value {
    json!({"from": b.from, "to": b.to, "count": b.count, "correct": b.correct, "accuracy": b.accuracy()})
}

/// A group's figures; with `fields`, also its per-field table.
fn group_json(g: &Group, fields: bool) -> Value {
    let mut v = json!({
        "documents": g.documents,
        "unread": g.failures,
        "header_f1": g.score.header().f1(),
        "lines_f1": g.score.lines().f1(),
        "header": tally_json(g.score.header()),
        "lines": tally_json(g.score.lines()),
        "high_confidence": bin_json(&score::high_confidence(&g.score.calibration)),
    });
    if fields && let Value::Object(map) = &mut v {
        let table: Map<String, Value> =
            rows(&g.score).into_iter().map(|(f, t)| (f.to_owned(), tally_json(t))).collect();
        map.insert("fields".into(), Value::Object(table));
    }
    v
}

/// The report as one JSON object.
pub(super) fn json(r: &Report) -> Value {
    let groups: Vec<Value> = r
        .groups
        .iter()
        .map(|((folder, kind), g)| {
            let mut v = group_json(g, true);
            if let Value::Object(map) = &mut v {
                map.insert("folder".into(), json!(r.folders.get(*folder)));
                map.insert("kind".into(), json!(kind));
            }
            v
        })
        .collect();
    let kinds: Map<String, Value> = r.kinds.iter().map(|(k, g)| ((*k).to_owned(), group_json(g, true))).collect();
    let pairs = &r.overall.score.calibration;
    json!({
        "groups": groups,
        "kinds": kinds,
        "overall": group_json(&r.overall, true),
        "calibration": {
            "bins": score::calibration_bins(pairs).iter().map(bin_json).collect::<Vec<_>>(),
            "high_confidence": bin_json(&score::high_confidence(pairs)),
            "unrated": r.overall.score.unrated,
        },
        "slowest": r.slowest.iter().map(|(doc, ms)| json!({"document": doc, "ms": ms})).collect::<Vec<_>>(),
        "unread": r.failures.iter().map(|(doc, e)| json!({"document": doc, "error": e})).collect::<Vec<_>>(),
        "no_truth": r.no_truth,
        "misses": r.misses.iter().map(|(doc, misses)| json!({
            "document": doc,
            "values": misses.iter().map(|m| json!({
                "path": m.path, "truth": m.truth, "predicted": m.predicted, "confidence": m.confidence,
            })).collect::<Vec<_>>(),
        })).collect::<Vec<_>>(),
        "floors": r.floors.iter().map(|f| json!({
            "flag": f.flag, "floor": f.floor, "measured": f.measured, "met": f.met(),
        })).collect::<Vec<_>>(),
    })
}
