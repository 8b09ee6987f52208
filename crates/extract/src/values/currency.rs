//! Currency codes and symbols.
//!
//! Design: a currency token is reported with an ISO 4217 code when the token
//! names one currency (`€`, `£`, `EUR`, `Eur`, `RM`, `DKK`, …). The Scandinavian
//! abbreviation `kr`/`kr.` is shared by the Danish, Swedish, Norwegian and
//! Icelandic krone, so it is reported as the marker [`KRONE`] (`"KR"`, which is
//! not an ISO code); the caller resolves it from context with [`resolve_krone`],
//! for example to `DKK` on a Danish document. `$` is reported as `USD` although
//! other dollars, and the Malaysian ringgit on some receipts, print it too;
//! callers that know the country should prefer their own evidence.

use super::scan::{char_at, is_inline_space, prev_char};

/// Marker code for `kr`/`kr.`, which names a krone without saying whose.
pub const KRONE: &str = "KR";

/// ISO codes recognised when printed in capitals as a word of their own. The
/// list holds the currencies seen on European and Malaysian invoices and
/// receipts; codes that are also common English words (ALL, TOP, CUP…) are left
/// out on purpose.
const ISO_CODES: [&str; 26] = [
    "EUR", "DKK", "GBP", "USD", "SEK", "NOK", "ISK", "PLN", "CHF", "CZK", "HUF", "RON", "BGN", "MYR", "SGD", "JPY",
    "CNY", "CAD", "AUD", "NZD", "HKD", "INR", "IDR", "THB", "UAH", "TRY",
];

/// Replaces the krone marker with `fallback` (typically `DKK`, `SEK` or `NOK`,
/// chosen by the caller from the document's language or country) and passes
/// every other code through unchanged.
pub fn resolve_krone(code: &'static str, fallback: &'static str) -> &'static str {
    if code == KRONE { fallback } else { code }
}

/// Every currency code or symbol in `text` as `(start, end, code)`, where `code`
/// is an ISO 4217 code or [`KRONE`]. Words must stand alone: `EUR` inside
/// `EUROPE` or `RM` inside `FIRMA` is not a currency.
pub fn currencies_in(text: &str) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        match currency_at(text, i) {
            Some((end, code)) => {
                out.push((i, end, code));
                i = end;
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// The currency token starting exactly at byte offset `i`, as its end offset and
/// code. A word token must start a word; its end is checked by construction
/// because the letter run is maximal.
pub(crate) fn currency_at(text: &str, i: usize) -> Option<(usize, &'static str)> {
    let c = char_at(text, i)?;
    if let Some(code) = symbol_code(c) {
        return Some((i + c.len_utf8(), code));
    }
    if !c.is_alphabetic() || prev_char(text, i).is_some_and(char::is_alphabetic) {
        return None;
    }
    let word_end = text[i..].find(|c: char| !c.is_alphabetic()).map_or(text.len(), |n| i + n);
    let code = word_code(&text[i..word_end])?;
    // "kr." and "Eur." are often written with an abbreviation point.
    let end = if char_at(text, word_end) == Some('.') { word_end + 1 } else { word_end };
    Some((end, code))
}

/// The currency token that ends exactly at byte offset `end`, as its start
/// offset and code.
pub(crate) fn currency_ending_at(text: &str, end: usize) -> Option<(usize, &'static str)> {
    let last = prev_char(text, end)?;
    if let Some(code) = symbol_code(last) {
        return Some((end - last.len_utf8(), code));
    }
    let word_end = if last == '.' { end - 1 } else { end };
    let head = text.get(..word_end)?;
    let start = head.char_indices().rev().find(|&(_, c)| !c.is_alphabetic()).map_or(0, |(n, c)| n + c.len_utf8());
    let (found_end, code) = currency_at(text, start)?;
    (found_end == end).then_some((start, code))
}

/// The currency printed right before byte offset `i`, allowing one inline space
/// between the token and the number: `€12`, `€ 12`, `EUR 12`.
pub(crate) fn currency_before(text: &str, i: usize) -> Option<(usize, &'static str)> {
    if let Some(hit) = currency_ending_at(text, i) {
        return Some(hit);
    }
    let space = prev_char(text, i).filter(|&c| is_inline_space(c))?;
    currency_ending_at(text, i - space.len_utf8())
}

/// The currency printed right after byte offset `i`, allowing one inline space:
/// `12€`, `12 €`, `12,00 kr.`.
pub(crate) fn currency_after(text: &str, i: usize) -> Option<(usize, &'static str)> {
    if let Some(hit) = currency_at(text, i) {
        return Some(hit);
    }
    let space = char_at(text, i).filter(|&c| is_inline_space(c))?;
    currency_at(text, i + space.len_utf8())
}

/// The ISO code of a one-character currency symbol.
fn symbol_code(c: char) -> Option<&'static str> {
    match c {
        '€' => Some("EUR"),
        '£' => Some("GBP"),
        '$' => Some("USD"),
        _ => None,
    }
}

/// The code for a whole word. ISO codes count only in capitals so that ordinary
/// words in lower case are never read as codes; the euro and krone
/// abbreviations are accepted in any case because invoices print `Eur` and `Kr.`.
fn word_code(word: &str) -> Option<&'static str> {
    if let Some(code) = ISO_CODES.iter().find(|&&code| code == word) {
        return Some(code);
    }
    match word {
        "RM" => return Some("MYR"),
        "zł" => return Some("PLN"),
        "Kč" => return Some("CZK"),
        _ => {}
    }
    match word.to_lowercase().as_str() {
        "eur" | "euro" | "euros" => Some("EUR"),
        "kr" => Some(KRONE),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<&'static str> {
        currencies_in(text).into_iter().map(|(_, _, c)| c).collect()
    }

    #[test]
    fn symbols_map_to_iso_codes() {
        assert_eq!(codes("€12 £4 $5"), ["EUR", "GBP", "USD"]);
    }

    #[test]
    fn iso_codes_are_found_as_words_in_capitals() {
        assert_eq!(codes("I alt DKK 6.292,50 and 10 EUR"), ["DKK", "EUR"]);
        assert_eq!(codes("EUROPE eurovision usd"), Vec::<&str>::new());
    }

    #[test]
    fn euro_abbreviations_are_found_in_any_case() {
        assert_eq!(codes("Vnt. kaina, Eur"), ["EUR"]);
        assert_eq!(codes("eur."), ["EUR"]);
    }

    #[test]
    fn krone_is_reported_as_a_marker_with_its_point() {
        assert_eq!(currencies_in("1.234,56 kr."), [(9, 12, KRONE)]);
        assert_eq!(resolve_krone(KRONE, "DKK"), "DKK");
        assert_eq!(resolve_krone("EUR", "DKK"), "EUR");
    }

    #[test]
    fn ringgit_is_found_only_in_capitals_and_alone() {
        assert_eq!(codes("RM 9.00"), ["MYR"]);
        assert_eq!(codes("RM9.00"), ["MYR"]);
        assert!(codes("FIRMA rm").is_empty());
    }

    #[test]
    fn a_currency_touching_a_number_is_found_from_either_side() {
        let text = "12,00EUR";
        assert_eq!(currency_at(text, 5), Some((8, "EUR")));
        assert_eq!(currency_ending_at(text, 8), Some((5, "EUR")));
        assert_eq!(currency_before("EUR 10", 4), Some((0, "EUR")));
        assert_eq!(currency_after("10 €", 2), Some((6, "EUR")));
    }

    #[test]
    fn currency_lookups_never_panic_inside_multibyte_text() {
        let text = "ąčęėįšųūž æøå ü €";
        for i in 0..=text.len() + 1 {
            let _ = currency_at(text, i);
            let _ = currency_ending_at(text, i);
            let _ = currency_before(text, i);
            let _ = currency_after(text, i);
        }
        assert_eq!(codes(text), ["EUR"]);
    }
}
