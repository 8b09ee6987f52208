//! Countries as addresses print them: the ISO 3166-1 English short name
//! ("Denmark", "United Kingdom of Great Britain and Northern Ireland"), or the
//! name in the country's own language for the countries whose documents
//! kvitas reads most ("Lietuva", "Danmark").

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

/// The alpha-2 code of the country that `text` names, alone on its line
/// (case, surrounding spaces and a final full stop or comma aside).
pub fn country_code(text: &str) -> Option<&'static str> {
    let name = text.trim().trim_end_matches(['.', ',']).trim().to_lowercase();
    if name.is_empty() || name.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    if let Some((_, code)) = OWN_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(code);
    }
    CountryCode::iter().find(|c| c.name().chars().flat_map(char::to_lowercase).eq(name.chars())).map(|c| c.alpha2())
}

/// The ISO 3166-1 English short name of the country with alpha-2 `code`
/// (upper or lower case).
pub fn country_name(code: &str) -> Option<&'static str> {
    CountryCode::for_alpha2_caseless(code).ok().map(|c| c.name())
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
        assert_eq!(country_name("no"), Some("Norway"));
        assert_eq!(country_name("XX"), None);
    }
}
