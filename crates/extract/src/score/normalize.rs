//! The normalisation under which a predicted value equals its truth.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// A value in the form in which equality is decided.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Norm {
    /// Amounts, quantities and rates; `Decimal` equality ignores trailing zeros.
    Number(Decimal),
    Date(NaiveDate),
    Text(String),
}

/// How a field's values are compared.
enum Rule {
    Number,
    Identifier,
    Date,
    Text,
}

fn rule(key: &str) -> Rule {
    match key.rsplit('.').next().unwrap_or(key) {
        "net_total" | "vat_total" | "gross_total" | "tip" | "rate" | "net" | "vat" | "quantity" | "unit_price"
        | "net_amount" | "vat_rate" => Rule::Number,
        "invoice_number" | "company_code" | "vat_id" | "iban" | "swift" | "payment_reference" | "currency" => {
            Rule::Identifier
        }
        "issue_date" | "due_date" => Rule::Date,
        _ => Rule::Text,
    }
}

/// Normalises a leaf value by its field's rule; `None` for an empty value, which
/// counts as absent. A value that does not parse as its rule expects (a number or
/// date) is kept as trimmed text, so it can only equal the same text.
pub(super) fn normalize(key: &str, value: &Value) -> Option<Norm> {
    let raw = match value {
        Value::String(s) => s.trim().to_owned(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        _ => return None,
    };
    if raw.is_empty() {
        return None;
    }
    let norm = match rule(key) {
        Rule::Number => Decimal::from_str(&raw).map(Norm::Number).unwrap_or(Norm::Text(raw)),
        Rule::Date => NaiveDate::parse_from_str(&raw, "%Y-%m-%d").map(Norm::Date).unwrap_or(Norm::Text(raw)),
        Rule::Identifier => {
            Norm::Text(raw.chars().filter(|c| !c.is_whitespace() && *c != '-').flat_map(char::to_uppercase).collect())
        }
        Rule::Text => Norm::Text(normalize_text(&raw)),
    };
    Some(norm)
}

/// Punctuation and quotation marks that names and addresses are compared without.
const IGNORED: &[char] =
    &['.', ',', ';', ':', '"', '\'', '(', ')', '“', '”', '„', '‟', '«', '»', '‘', '’', '‚', '‛', '‹', '›'];

/// Compatibility composition first (so full-width and ligature forms become plain
/// letters and quotes), then lower case, punctuation to spaces, and single spaces.
fn normalize_text(s: &str) -> String {
    let folded: String =
        s.nfkc().flat_map(char::to_lowercase).map(|c| if IGNORED.contains(&c) { ' ' } else { c }).collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// How alike two addresses must be, as 1 − edit distance ÷ the longer length,
/// compared without spaces, to count as the same under approximate matching.
pub(super) const ADDRESS_SIMILARITY: f64 = 0.9;

/// True when two normalised addresses, the truth's `a` and the predicted `b`,
/// are nearly the same: where lines were joined by hand, a space, a hyphen or
/// a letter may differ while the address is the one printed, and its parts
/// may stand in another order (a country code printed before the postcode,
/// "DE 80333 München", is written after the city in "80333 München, DE").
/// Where the truth ends in a country's ISO 3166-1 code and the page printed
/// the country's name ("…, DK" for "…, Denmark"), the name counts as the
/// code: e-invoices state the code, pages print the name.
pub(super) fn similar_addresses(a: &Norm, b: &Norm) -> bool {
    let (Norm::Text(a), Norm::Text(b)) = (a, b) else { return false };
    let coded = country_as_code(a, b);
    let b = coded.as_deref().unwrap_or(b);
    if a == b {
        return true;
    }
    let squeeze = |s: &str| s.chars().filter(|c| c.is_alphanumeric()).collect::<String>();
    let sorted = |s: &str| {
        let mut words: Vec<String> = s.split_whitespace().map(squeeze).filter(|w| !w.is_empty()).collect();
        words.sort();
        words.concat()
    };
    strsim::normalized_levenshtein(&squeeze(a), &squeeze(b)) >= ADDRESS_SIMILARITY
        || strsim::normalized_levenshtein(&sorted(a), &sorted(b)) >= ADDRESS_SIMILARITY
}

/// The predicted address `pred` with the country named at its end written as
/// the code the truth ends in, where the two are the same country.
fn country_as_code(truth: &str, pred: &str) -> Option<String> {
    let code = truth.rsplit(' ').next().filter(|c| c.len() == 2)?;
    let words: Vec<&str> = pred.split(' ').collect();
    (1..=words.len().min(COUNTRY_WORDS)).rev().find_map(|k| {
        let (head, name) = words.split_at(words.len() - k);
        let named = crate::values::country_code(&name.join(" "))?;
        named.eq_ignore_ascii_case(code).then(|| head.iter().chain([&code]).copied().collect::<Vec<_>>().join(" "))
    })
}

/// The most words a country's name has ("united kingdom of great britain and
/// northern ireland").
const COUNTRY_WORDS: usize = 8;

/// Printed names of a piece, which both "C62" (one) and "H87" (piece) stand for.
const PIECES: &[&str] = &["stk", "stück", "st", "pcs", "pc", "piece", "pieces", "each", "ea", "vnt"];

/// Common printed names of the UN/ECE Recommendation 20 unit codes that
/// e-invoices carry ("C62", "HUR"), in the normalised form of [`normalize`];
/// a code may have several entries.
const UNIT_NAMES: &[(&str, &[&str])] = &[
    ("c62", PIECES),
    ("c62", &["unit", "units", "x"]),
    ("h87", PIECES),
    ("hur", &["std", "h", "hr", "hrs", "hour", "hours", "stunde", "stunden", "val", "timer"]),
    ("day", &["tag", "tage", "day", "days", "d", "dienos", "dage"]),
    ("mon", &["monat", "monate", "month", "months", "mėn", "md", "mdr"]),
    ("ltr", &["l", "ltr", "liter", "litre", "litres", "liters"]),
    ("kgm", &["kg", "kilogramm", "kilogram"]),
    ("mtr", &["m", "meter", "metre", "lfm"]),
    ("mtk", &["m²", "m2", "qm"]),
    ("kwh", &["kwh"]),
    ("set", &["set", "satz", "rinkinys"]),
];

/// True when a truth's unit is a UN/ECE code and the prediction a printed name
/// of it ("Stk" for "C62", "Std" for "HUR"): e-invoices state the code, pages
/// print the name.
pub(super) fn unit_of_code(truth: &Norm, pred: &Norm) -> bool {
    let (Norm::Text(code), Norm::Text(name)) = (truth, pred) else { return false };
    UNIT_NAMES.iter().any(|(c, names)| c == code && names.contains(&name.as_str()))
}
