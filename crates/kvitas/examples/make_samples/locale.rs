//! Printed forms of dates and amounts that depend on the language.

use chrono::{Datelike, NaiveDate};

/// A date from literal parts; an impossible date is a programming error.
pub fn date(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or_else(|| panic!("bad date {year}-{month}-{day}"))
}

/// Month names in the genitive, as Lithuanian long dates need them.
const LT_MONTHS: [&str; 12] = [
    "sausio",
    "vasario",
    "kovo",
    "balandžio",
    "gegužės",
    "birželio",
    "liepos",
    "rugpjūčio",
    "rugsėjo",
    "spalio",
    "lapkričio",
    "gruodžio",
];
const DA_MONTHS: [&str; 12] = [
    "januar",
    "februar",
    "marts",
    "april",
    "maj",
    "juni",
    "juli",
    "august",
    "september",
    "oktober",
    "november",
    "december",
];
const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month(names: &[&'static str; 12], d: NaiveDate) -> &'static str {
    names[d.month0() as usize]
}

/// `2025 m. kovo 4 d.`
pub fn lt_long(d: NaiveDate) -> String {
    format!("{} m. {} {} d.", d.year(), month(&LT_MONTHS, d), d.day())
}

/// `4. marts 2025`
pub fn da_long(d: NaiveDate) -> String {
    format!("{}. {} {}", d.day(), month(&DA_MONTHS, d), d.year())
}

/// `4 March 2025`
pub fn en_long(d: NaiveDate) -> String {
    format!("{} {} {}", d.day(), month(&EN_MONTHS, d), d.year())
}

/// `04.03.2025`, the Danish and German numeric form.
pub fn dotted(d: NaiveDate) -> String {
    d.format("%d.%m.%Y").to_string()
}

const LT_ONES: [&str; 20] = [
    "",
    "vienas",
    "du",
    "trys",
    "keturi",
    "penki",
    "šeši",
    "septyni",
    "aštuoni",
    "devyni",
    "dešimt",
    "vienuolika",
    "dvylika",
    "trylika",
    "keturiolika",
    "penkiolika",
    "šešiolika",
    "septyniolika",
    "aštuoniolika",
    "devyniolika",
];
const LT_TENS: [&str; 10] = [
    "",
    "",
    "dvidešimt",
    "trisdešimt",
    "keturiasdešimt",
    "penkiasdešimt",
    "šešiasdešimt",
    "septyniasdešimt",
    "aštuoniasdešimt",
    "devyniasdešimt",
];

/// The Lithuanian noun form a number takes: singular after 1 (but not 11),
/// genitive plural after 0 and 10–19, nominative plural otherwise.
fn lt_noun(n: u64, [one, few, many]: [&'static str; 3]) -> &'static str {
    match (n % 10, n % 100) {
        (_, 10..=19) | (0, _) => many,
        (1, _) => one,
        _ => few,
    }
}

/// Words for 1..=999.
fn lt_hundreds(n: u64) -> Vec<&'static str> {
    let mut words = Vec::new();
    let hundreds = n / 100;
    if hundreds > 0 {
        if hundreds > 1 {
            words.push(LT_ONES[hundreds as usize]);
        }
        words.push(lt_noun(hundreds, ["šimtas", "šimtai", "šimtų"]));
    }
    let rest = (n % 100) as usize;
    if rest >= 20 {
        words.push(LT_TENS[rest / 10]);
        if !rest.is_multiple_of(10) {
            words.push(LT_ONES[rest % 10]);
        }
    } else if rest > 0 {
        words.push(LT_ONES[rest]);
    }
    words
}

/// "Suma žodžiais" for an amount in euro below one million, such as
/// `Du tūkstančiai keturi šimtai keturi eurai 75 ct`.
pub fn lt_amount_in_words(euros: u64, cents: u32) -> String {
    let thousands = euros / 1000;
    let rest = euros % 1000;
    let mut words: Vec<&str> = Vec::new();
    if thousands > 0 {
        if thousands > 1 {
            words.extend(lt_hundreds(thousands));
        }
        words.push(lt_noun(thousands, ["tūkstantis", "tūkstančiai", "tūkstančių"]));
    }
    words.extend(lt_hundreds(rest));
    if words.is_empty() {
        words.push("nulis");
    }
    words.push(lt_noun(euros, ["euras", "eurai", "eurų"]));
    let text = format!("{} {cents:02} ct", words.join(" "));
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lithuanian_words() {
        assert_eq!(lt_amount_in_words(2404, 75), "Du tūkstančiai keturi šimtai keturi eurai 75 ct");
        assert_eq!(lt_amount_in_words(1011, 0), "Tūkstantis vienuolika eurų 00 ct");
        assert_eq!(lt_amount_in_words(121, 5), "Šimtas dvidešimt vienas euras 05 ct");
        assert_eq!(lt_long(date(2025, 3, 4)), "2025 m. kovo 4 d.");
    }
}
