//! Helpers shared by the UBL and CII readers: namespace-agnostic element lookup
//! and the value formats of the canonical schema.

use std::str::FromStr;

use chrono::NaiveDate;
use roxmltree::Node;
use rust_decimal::Decimal;
use unicode_normalization::UnicodeNormalization;

/// The first child element with the given local name.
pub(super) fn child<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && c.tag_name().name() == name)
}

/// The first child element whose local name is any of `names`. Used where the
/// syntax versions name the same element differently.
pub(super) fn child_any<'a, 'i>(node: Node<'a, 'i>, names: &[&str]) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.is_element() && names.contains(&c.tag_name().name()))
}

/// All child elements with the given local name, in document order.
pub(super) fn children<'a, 'i>(node: Node<'a, 'i>, name: &'static str) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(move |c| c.is_element() && c.tag_name().name() == name)
}

/// Follows a path of local names from `node`, taking the first match at each step.
pub(super) fn path<'a, 'i>(node: Node<'a, 'i>, steps: &[&str]) -> Option<Node<'a, 'i>> {
    steps.iter().try_fold(node, |current, step| child(current, step))
}

/// The element's text with surrounding whitespace trimmed, inner runs of
/// whitespace (such as a wrapped line) collapsed to one space, and accented
/// letters composed (Unicode NFC); `None` when empty.
pub(super) fn text(node: Node) -> Option<String> {
    let raw = node.text()?;
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    (!joined.is_empty()).then(|| joined.nfc().collect())
}

/// The text at a path below `node`.
pub(super) fn text_at(node: Node, steps: &[&str]) -> Option<String> {
    path(node, steps).and_then(text)
}

/// A decimal number from an element; `None` when absent or not a number.
pub(super) fn decimal(node: Node) -> Option<Decimal> {
    let raw = node.text()?.trim();
    let unsigned = raw.strip_prefix('+').unwrap_or(raw);
    Decimal::from_str(unsigned).ok().or_else(|| Decimal::from_scientific(unsigned).ok())
}

/// A decimal number at a path below `node`.
pub(super) fn decimal_at(node: Node, steps: &[&str]) -> Option<Decimal> {
    path(node, steps).and_then(decimal)
}

/// A money amount in the schema's form: trailing zeros dropped, but never fewer
/// than two decimals, so `250.3300` becomes `250.33` and `7` becomes `7.00`.
pub(super) fn amount(value: Decimal) -> Decimal {
    let mut value = value.normalize();
    if value.scale() < 2 {
        value.rescale(2);
    }
    value
}

/// A quantity or rate in the schema's form: without trailing zeros.
pub(super) fn plain(value: Decimal) -> Decimal {
    value.normalize()
}

/// An ISO date (`YYYY-MM-DD`), ignoring any time-zone suffix UBL allows.
pub(super) fn iso_date(raw: &str) -> Option<NaiveDate> {
    let head = raw.trim().get(..10)?;
    NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}

/// A date written as `YYYYMMDD` (UN/EDIFACT format 102).
pub(super) fn compact_date(raw: &str) -> Option<NaiveDate> {
    let raw = raw.trim();
    if raw.len() != 8 {
        return None;
    }
    NaiveDate::parse_from_str(raw, "%Y%m%d").ok()
}

/// Joins address parts the way the schema prints them: street lines first, then
/// "postcode city", then the country code, separated by `", "`.
pub(super) fn address(
    lines: Vec<String>,
    postcode: Option<String>,
    city: Option<String>,
    country: Option<String>,
) -> Option<String> {
    let town = [postcode, city].into_iter().flatten().collect::<Vec<_>>().join(" ");
    let parts: Vec<String> =
        lines.into_iter().chain(Some(town)).chain(country).filter(|part| !part.is_empty()).collect();
    (!parts.is_empty()).then(|| parts.join(", "))
}

/// The account identifier without spaces when it has the shape of an IBAN
/// (country letters, two check digits, 11 to 30 letters or digits). The check
/// digits are not verified: the document states what it states.
pub(super) fn iban_shaped(raw: &str) -> Option<String> {
    let compact: String = raw.chars().filter(|c| !c.is_whitespace()).collect();
    let bytes = compact.as_bytes();
    let shaped = (15..=34).contains(&bytes.len())
        && bytes.iter().take(2).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(2).take(2).all(u8::is_ascii_digit)
        && bytes.iter().skip(4).all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    shaped.then_some(compact)
}

/// The identifier when it has the shape of a BIC: four bank letters, two country
/// letters, two location characters and an optional three-character branch.
pub(super) fn bic_shaped(raw: &str) -> Option<String> {
    let raw = raw.trim();
    let bytes = raw.as_bytes();
    let shaped = matches!(bytes.len(), 8 | 11)
        && bytes.iter().take(6).all(u8::is_ascii_uppercase)
        && bytes.iter().skip(6).all(|b| b.is_ascii_uppercase() || b.is_ascii_digit());
    shaped.then(|| raw.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_keep_two_decimals_and_quantities_none() {
        assert_eq!(amount(Decimal::new(2503300, 4)).to_string(), "250.33");
        assert_eq!(amount(Decimal::new(7, 0)).to_string(), "7.00");
        assert_eq!(amount(Decimal::new(12345, 3)).to_string(), "12.345");
        assert_eq!(plain(Decimal::new(200, 2)).to_string(), "2");
    }

    #[test]
    fn dates_in_both_syntaxes() {
        assert_eq!(iso_date("2015-01-09+01:00"), NaiveDate::from_ymd_opt(2015, 1, 9));
        assert_eq!(compact_date("20130305"), NaiveDate::from_ymd_opt(2013, 3, 5));
        assert_eq!(compact_date("201303"), None);
    }

    #[test]
    fn account_shapes() {
        assert_eq!(iban_shaped("NL57 RABO 0107307510").as_deref(), Some("NL57RABO0107307510"));
        assert_eq!(iban_shaped("1234567891234"), None);
        assert_eq!(bic_shaped("DNBANOKK").as_deref(), Some("DNBANOKK"));
        assert_eq!(bic_shaped("1234"), None);
    }

    #[test]
    fn decomposed_umlauts_are_composed() {
        let doc = roxmltree::Document::parse("<a>Ku\u{308}nstlerische</a>").unwrap();
        assert_eq!(text(doc.root_element()).as_deref(), Some("Künstlerische"));
    }
}
