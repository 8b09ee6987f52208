//! Scoring predictions against truth with the corpus rules.
//!
//! Every field is counted per document as true positive (the prediction equals the
//! truth after normalisation), false positive (a predicted value that is wrong or
//! not in the truth) and false negative (a truth value that is missing or wrong in
//! the prediction); a wrong value is therefore both. Fields are keyed by their
//! schema path without indices (`supplier.name`, `vat_breakdown.net`,
//! `line_items.quantity`). VAT breakdown entries are paired by rate and line items
//! by position. This module is pure: it sees JSON values and an [`Extraction`],
//! never files.

mod normalize;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use serde_json::Value;

use crate::extraction::Extraction;
use normalize::{Norm, normalize, similar_addresses, unit_of_code};

/// Every scorable field of the canonical schema, in schema order (`language` is
/// never scored).
pub const FIELDS: &[&str] = &[
    "document_type",
    "invoice_number",
    "issue_date",
    "due_date",
    "currency",
    "supplier.name",
    "supplier.company_code",
    "supplier.vat_id",
    "supplier.address",
    "supplier.iban",
    "supplier.swift",
    "buyer.name",
    "buyer.company_code",
    "buyer.vat_id",
    "buyer.address",
    "net_total",
    "vat_total",
    "gross_total",
    "vat_breakdown.rate",
    "vat_breakdown.net",
    "vat_breakdown.vat",
    "line_items.description",
    "line_items.quantity",
    "line_items.unit",
    "line_items.unit_price",
    "line_items.net_amount",
    "line_items.vat_rate",
    "payment_reference",
    "payment_method",
    "tip",
];

/// The bins of the calibration table as (from, to), each including `from` and
/// excluding `to` except the last: [0, 0.5), [0.5, 0.7), [0.7, 0.9), [0.9, 0.95), [0.95, 1].
pub const CONFIDENCE_BINS: [(f32, f32); 5] = [(0.0, 0.5), (0.5, 0.7), (0.7, 0.9), (0.9, 0.95), (0.95, 1.0)];

/// The confidence from which a value counts as "sure" in the calibration headline.
pub const HIGH_CONFIDENCE: f32 = 0.9;

/// True, false positive and false negative counts of one field.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Tally {
    /// Predicted values equal to the truth.
    pub tp: usize,
    /// Predicted values that are wrong or not in the truth.
    pub fp: usize,
    /// Truth values missing or wrong in the prediction.
    pub fn_: usize,
}

impl Tally {
    /// Adds another tally's counts to this one.
    pub fn add(&mut self, other: Tally) {
        self.tp += other.tp;
        self.fp += other.fp;
        self.fn_ += other.fn_;
    }

    /// How many truth values there were (each is either found or missed).
    pub fn support(&self) -> usize {
        self.tp + self.fn_
    }

    /// Share of predicted values that are right; `None` when nothing was predicted.
    pub fn precision(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fp)
    }

    /// Share of truth values that were found; `None` when the truth had none.
    pub fn recall(&self) -> Option<f64> {
        ratio(self.tp, self.tp + self.fn_)
    }

    /// The harmonic mean of precision and recall, written as 2TP / (2TP + FP + FN)
    /// so that it stays defined when only one of them is; `None` when there was
    /// neither a truth value nor a prediction.
    pub fn f1(&self) -> Option<f64> {
        ratio(2 * self.tp, 2 * self.tp + self.fp + self.fn_)
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// The outcome of scoring one document, or of many merged with [`DocScore::absorb`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocScore {
    /// Counts per field key (`supplier.name`, `line_items.quantity`…).
    pub fields: BTreeMap<String, Tally>,
    /// For every scored predicted value: its confidence and whether it was right.
    pub calibration: Vec<(f32, bool)>,
    /// Scored predicted values that had no confidence in the extraction's fields.
    pub unrated: usize,
    /// The values that were wrong, missing or not in the truth, for showing one
    /// document's errors; [`DocScore::absorb`] does not collect them.
    pub misses: Vec<Miss>,
}

/// One scored value that was not right.
#[derive(Debug, Clone, PartialEq)]
pub struct Miss {
    /// Where the value sits (`supplier.name`, `line_items[2].quantity`).
    pub path: String,
    /// The truth as written in the truth file, when it has the value.
    pub truth: Option<Value>,
    /// The predicted value, when there was one.
    pub predicted: Option<Value>,
    /// The confidence the extraction gave the predicted value.
    pub confidence: Option<f32>,
}

impl DocScore {
    /// Merges another score into this one.
    pub fn absorb(&mut self, other: &DocScore) {
        for (key, tally) in &other.fields {
            self.fields.entry(key.clone()).or_default().add(*tally);
        }
        self.calibration.extend_from_slice(&other.calibration);
        self.unrated += other.unrated;
    }

    /// The micro-averaged tally of the header fields (everything but line items,
    /// so the VAT breakdown included).
    pub fn header(&self) -> Tally {
        self.sum(|key| !is_line_field(key))
    }

    /// The micro-averaged tally of the line-item fields.
    pub fn lines(&self) -> Tally {
        self.sum(is_line_field)
    }

    fn sum(&self, keep: impl Fn(&str) -> bool) -> Tally {
        let mut total = Tally::default();
        for (_, tally) in self.fields.iter().filter(|(key, _)| keep(key)) {
            total.add(*tally);
        }
        total
    }
}

/// True for the fields of `line_items` entries, which are reported apart.
pub fn is_line_field(key: &str) -> bool {
    key.starts_with("line_items.")
}

/// The fields to score in a folder: those that at least one of its truth files
/// has. A set annotated with only some fields then does not count predictions of
/// the others as false positives.
pub fn scored_fields(truths: &[Value]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for truth in truths {
        let mut flat = Vec::new();
        leaves(truth, String::new(), &mut flat);
        out.extend(flat.into_iter().map(|(key, _)| key));
        for list in ["vat_breakdown", "line_items"] {
            for entry in entries(truth, list) {
                let mut flat = Vec::new();
                leaves(entry, format!("{list}."), &mut flat);
                out.extend(flat.into_iter().map(|(key, _)| key));
            }
        }
    }
    out.remove("language");
    out
}

/// What is scored in a folder, and how.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Scope {
    /// The fields scored (see [`scored_fields`]).
    pub fields: BTreeSet<String>,
    /// Addresses count as equal when nearly equal, not only when equal after
    /// normalisation: for sets whose address truth is the printed lines joined
    /// by hand or rebuilt from structured parts (a set's README says so).
    pub approximate_addresses: bool,
}

impl Scope {
    /// Every field of `fields`, compared strictly.
    pub fn strict(fields: BTreeSet<String>) -> Scope {
        Scope { fields, approximate_addresses: false }
    }
}

/// Scores one extraction against its truth, counting only the fields in scope.
pub fn score_document(truth: &Value, pred: &Extraction, scope: &Scope) -> DocScore {
    // Serialising the canonical data cannot fail in practice; if it ever did, the
    // document would count as one with nothing predicted, which is visible.
    let data = serde_json::to_value(&pred.data).unwrap_or(Value::Null);
    let confidence: HashMap<&str, f32> = pred.fields.iter().map(|f| (f.path.as_str(), f.confidence)).collect();
    score_values(truth, &data, &confidence, scope)
}

/// Scores a document that could not be read: every scored truth value is missed.
pub fn score_unread(truth: &Value, scope: &Scope) -> DocScore {
    score_values(truth, &Value::Null, &HashMap::new(), scope)
}

/// One value slot to compare: the field key, where the prediction sits in the
/// extraction's `fields`, and the two values when present.
struct Slot<'a> {
    key: String,
    pred_path: String,
    truth: Option<&'a Value>,
    pred: Option<&'a Value>,
}

fn score_values(truth: &Value, pred: &Value, confidence: &HashMap<&str, f32>, scope: &Scope) -> DocScore {
    let mut slots = Vec::new();
    pair("", "", Some(truth), Some(pred), &mut slots);

    // VAT lines are paired by rate: each truth line takes the first unused
    // predicted line with the same rate, whatever the order of either list.
    let predicted = entries(pred, "vat_breakdown");
    let mut used = vec![false; predicted.len()];
    for t in entries(truth, "vat_breakdown") {
        let rate = t.get("rate").and_then(|r| normalize("vat_breakdown.rate", r));
        let hit = rate.and_then(|rate| {
            (0..predicted.len()).find(|&j| {
                !used[j]
                    && predicted[j].get("rate").and_then(|r| normalize("vat_breakdown.rate", r)).as_ref() == Some(&rate)
            })
        });
        match hit {
            Some(j) => {
                used[j] = true;
                pair("vat_breakdown.", &format!("vat_breakdown[{j}]."), Some(t), Some(predicted[j]), &mut slots);
            }
            None => pair("vat_breakdown.", "", Some(t), None, &mut slots),
        }
    }
    for (j, p) in predicted.iter().enumerate().filter(|(j, _)| !used[*j]) {
        pair("vat_breakdown.", &format!("vat_breakdown[{j}]."), None, Some(p), &mut slots);
    }

    // Line items are paired by position, and only scored when the truth lists
    // them: some truths leave out lines that the document does print.
    let truth_lines = entries(truth, "line_items");
    if !truth_lines.is_empty() {
        let pred_lines = entries(pred, "line_items");
        for i in 0..truth_lines.len().max(pred_lines.len()) {
            let path = format!("line_items[{i}].");
            pair("line_items.", &path, truth_lines.get(i).copied(), pred_lines.get(i).copied(), &mut slots);
        }
    }

    let mut score = DocScore::default();
    for slot in slots.into_iter().filter(|s| s.key != "language" && scope.fields.contains(&s.key)) {
        let truth = slot.truth.and_then(|v| normalize(&slot.key, v));
        let pred = slot.pred.and_then(|v| normalize(&slot.key, v));
        let near = |a: &Norm, b: &Norm| {
            scope.approximate_addresses && slot.key.ends_with(".address") && similar_addresses(a, b)
        };
        let right = match (&truth, &pred) {
            (Some(t), Some(p)) => t == p || near(t, p) || slot.key.ends_with(".unit") && unit_of_code(t, p),
            _ => false,
        };
        if !right && (truth.is_some() || pred.is_some()) {
            score.misses.push(Miss {
                path: miss_path(&slot),
                truth: slot.truth.cloned(),
                predicted: slot.pred.cloned(),
                confidence: confidence.get(slot.pred_path.as_str()).copied(),
            });
        }
        let tally = score.fields.entry(slot.key).or_default();
        match (&truth, &pred) {
            (Some(_), Some(_)) if right => tally.tp += 1,
            (Some(_), Some(_)) => {
                tally.fp += 1;
                tally.fn_ += 1;
            }
            (Some(_), None) => tally.fn_ += 1,
            (None, Some(_)) => tally.fp += 1,
            (None, None) => {}
        }
        if pred.is_some() {
            match confidence.get(slot.pred_path.as_str()) {
                Some(&c) => score.calibration.push((c, right)),
                None => score.unrated += 1,
            }
        }
    }
    score
}

/// The indexed path of a slot (`line_items[2].quantity`), or its field key
/// where there is no index (header fields, a truth VAT line with no partner).
fn miss_path(slot: &Slot<'_>) -> String {
    if slot.pred_path.contains('[') { slot.pred_path.clone() } else { slot.key.clone() }
}

/// Adds one slot per leaf of either object, keyed `key_prefix + leaf` and found in
/// the extraction's fields under `pred_prefix + leaf`.
fn pair<'a>(key_prefix: &str, pred_prefix: &str, t: Option<&'a Value>, p: Option<&'a Value>, out: &mut Vec<Slot<'a>>) {
    let mut both: BTreeMap<String, (Option<&Value>, Option<&Value>)> = BTreeMap::new();
    let (mut tl, mut pl) = (Vec::new(), Vec::new());
    if let Some(t) = t {
        leaves(t, String::new(), &mut tl);
    }
    if let Some(p) = p {
        leaves(p, String::new(), &mut pl);
    }
    for (leaf, v) in tl {
        both.entry(leaf).or_default().0 = Some(v);
    }
    for (leaf, v) in pl {
        both.entry(leaf).or_default().1 = Some(v);
    }
    for (leaf, (truth, pred)) in both {
        out.push(Slot { key: format!("{key_prefix}{leaf}"), pred_path: format!("{pred_prefix}{leaf}"), truth, pred });
    }
}

/// The non-object, non-array values under `value`, with dotted paths. Arrays are
/// left out: the two that the schema has are paired separately.
fn leaves<'a>(value: &'a Value, prefix: String, out: &mut Vec<(String, &'a Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() || prefix.ends_with('.') {
                    format!("{prefix}{k}")
                } else {
                    format!("{prefix}.{k}")
                };
                leaves(v, path, out);
            }
        }
        Value::Array(_) | Value::Null => {}
        _ if !prefix.is_empty() => out.push((prefix, value)),
        _ => {}
    }
}

/// The object entries of a top-level list such as `line_items`.
fn entries<'a>(value: &'a Value, list: &str) -> Vec<&'a Value> {
    match value.get(list) {
        Some(Value::Array(items)) => items.iter().filter(|v| v.is_object()).collect(),
        _ => Vec::new(),
    }
}

/// One row of the calibration table.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Bin {
    /// Lowest confidence in the bin.
    pub from: f32,
    /// Upper end of the bin (exclusive, except for the last bin).
    pub to: f32,
    /// Values in the bin.
    pub count: usize,
    /// Of those, values that were right.
    pub correct: usize,
}

impl Bin {
    /// Share of right values; `None` for an empty bin.
    pub fn accuracy(&self) -> Option<f64> {
        ratio(self.correct, self.count)
    }
}

/// Counts (confidence, right) pairs into the [`CONFIDENCE_BINS`]. Confidences
/// above 1 fall in the last bin; negative or NaN ones in the first.
pub fn calibration_bins(pairs: &[(f32, bool)]) -> Vec<Bin> {
    let mut bins: Vec<Bin> = CONFIDENCE_BINS.iter().map(|&(from, to)| Bin { from, to, count: 0, correct: 0 }).collect();
    for &(confidence, right) in pairs {
        let i = CONFIDENCE_BINS.iter().rposition(|&(from, _)| confidence >= from).unwrap_or(0);
        bins[i].count += 1;
        bins[i].correct += usize::from(right);
    }
    bins
}

/// The calibration headline: the values with confidence of at least
/// [`HIGH_CONFIDENCE`] and how many of them were right.
pub fn high_confidence(pairs: &[(f32, bool)]) -> Bin {
    let sure = pairs.iter().filter(|(c, _)| *c >= HIGH_CONFIDENCE);
    let (count, correct) = sure.fold((0, 0), |(n, k), (_, right)| (n + 1, k + usize::from(*right)));
    Bin { from: HIGH_CONFIDENCE, to: 1.0, count, correct }
}

#[cfg(test)]
mod tests;
