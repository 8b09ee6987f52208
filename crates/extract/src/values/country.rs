//! Countries as addresses print them: the ISO 3166-1 English short name
//! ("Denmark", "United Kingdom of Great Britain and Northern Ireland"), or the
//! name in the country's own language for the countries whose documents
//! kvitas reads most ("Lietuva", "Danmark").

use std::collections::HashMap;
use std::sync::LazyLock;

use isocountry::CountryCode;

/// Names in the country's own language (and the short English name where the
/// ISO name is a long one), as invoices from there print them, with the
/// country's alpha-2 code.
const OWN_NAMES: &[(&str, &str)] = &[
    ("lietuva", "LT"),
    ("lietuvos respublika", "LT"),
    ("danmark", "DK"),
    ("deutschland", "DE"),
    ("sverige", "SE"),
    ("norge", "NO"),
    ("suomi", "FI"),
    ("eesti", "EE"),
    ("latvija", "LV"),
    ("polska", "PL"),
    ("nederland", "NL"),
    ("österreich", "AT"),
    ("schweiz", "CH"),
    ("españa", "ES"),
    ("italia", "IT"),
    ("ελλάδα", "GR"),
    ("united kingdom", "GB"),
    ("great britain", "GB"),
    ("united states", "US"),
    ("usa", "US"),
];

/// Every name above and every ISO 3166-1 English short name, in lower case,
/// with its country's alpha-2 code; built once.
static NAMES: LazyLock<HashMap<String, &'static str>> = LazyLock::new(|| {
    let iso = CountryCode::iter().map(|c| (c.name().to_lowercase(), c.alpha2()));
    iso.chain(OWN_NAMES.iter().map(|(n, code)| ((*n).to_owned(), *code))).collect()
});

/// The alpha-2 code of the country that `text` names, alone on its line
/// (case, surrounding spaces and a final full stop or comma aside).
pub fn country_code(text: &str) -> Option<&'static str> {
    let name = text.trim().trim_end_matches(['.', ',']).trim().to_lowercase();
    NAMES.get(&name).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn countries_are_named_in_english_or_their_own_language() {
        assert_eq!(country_code("Denmark"), Some("DK"));
        assert_eq!(country_code("  DANMARK "), Some("DK"));
        assert_eq!(country_code("United Kingdom of Great Britain and Northern Ireland"), Some("GB"));
        assert_eq!(country_code("Lietuva"), Some("LT"));
        assert_eq!(country_code("MALAYSIA."), Some("MY"));
        assert_eq!(country_code("Big city"), None);
        assert_eq!(country_code("Denmark 2000"), None);
        assert_eq!(country_code(""), None);
    }
}
