//! Dates in the numeric and textual notations of Lithuanian, Danish, English,
//! German and French documents.

use chrono::NaiveDate;

use super::scan::{Cursor, char_after, char_at, is_word_char, prev_char};

/// How to read a numeric date whose parts could be read more than one way.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum DateOrder {
    /// `04/03/2025` is 4 March (Europe, Malaysia).
    #[default]
    DayFirst,
    /// `04/03/2025` is 3 April (United States); dotted dates stay day-first.
    MonthFirst,
    /// `25/03/04` is 4 March 2025; dates with a four-digit year read as
    /// [`DateOrder::DayFirst`].
    YearFirst,
}

/// A date found in text, with byte offsets into the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    /// Byte offset of the first character of the date.
    pub start: usize,
    /// Byte offset just past the date (including a trailing `d.` in
    /// Lithuanian dates).
    pub end: usize,
    /// The calendar date.
    pub date: NaiveDate,
}

/// Month names and abbreviations, lower-case, in English, Danish, German,
/// French and Lithuanian (genitive, as used in dates, with and without
/// diacritics because OCR often drops them).
const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("januar", 1),
    ("jänner", 1),
    ("janvier", 1),
    ("janv", 1),
    ("sausio", 1),
    ("february", 2),
    ("feb", 2),
    ("februar", 2),
    ("février", 2),
    ("fevrier", 2),
    ("févr", 2),
    ("fevr", 2),
    ("vasario", 2),
    ("march", 3),
    ("mar", 3),
    ("marts", 3),
    ("märz", 3),
    ("maerz", 3),
    ("mär", 3),
    ("mrz", 3),
    ("mars", 3),
    ("kovo", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("balandžio", 4),
    ("balandzio", 4),
    ("may", 5),
    ("maj", 5),
    ("mai", 5),
    ("gegužės", 5),
    ("geguzes", 5),
    ("june", 6),
    ("jun", 6),
    ("juni", 6),
    ("juin", 6),
    ("birželio", 6),
    ("birzelio", 6),
    ("july", 7),
    ("jul", 7),
    ("juli", 7),
    ("juillet", 7),
    ("juil", 7),
    ("liepos", 7),
    ("august", 8),
    ("aug", 8),
    ("août", 8),
    ("aout", 8),
    ("rugpjūčio", 8),
    ("rugpjucio", 8),
    ("september", 9),
    ("sep", 9),
    ("sept", 9),
    ("septembre", 9),
    ("rugsėjo", 9),
    ("rugsejo", 9),
    ("october", 10),
    ("oct", 10),
    ("oktober", 10),
    ("okt", 10),
    ("octobre", 10),
    ("spalio", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("lapkričio", 11),
    ("lapkricio", 11),
    ("december", 12),
    ("dec", 12),
    ("dezember", 12),
    ("dez", 12),
    ("décembre", 12),
    ("decembre", 12),
    ("déc", 12),
    ("gruodžio", 12),
    ("gruodzio", 12),
    // Nominative Lithuanian names, which appear in headings such as
    // "2025 m. kovas" but also in the odd "kovas 4 d.".
    ("sausis", 1),
    ("vasaris", 2),
    ("kovas", 3),
    ("balandis", 4),
    ("gegužė", 5),
    ("birželis", 6),
    ("liepa", 7),
    ("rugpjūtis", 8),
    ("rugsėjis", 9),
    ("spalis", 10),
];

/// Ordinal suffixes printed after a day number: "4th", "1er".
const ORDINALS: [&str; 5] = ["st", "nd", "rd", "th", "er"];

/// A matcher tries one notation at a cursor and returns the date and its end.
type Matcher = fn(Cursor<'_>, DateOrder) -> Option<(NaiveDate, usize)>;

/// Every date in `text`, in order.
///
/// Numeric notations: `2025-03-04`, `2025.03.04`, `2025/03/04`, `04.03.2025`,
/// `04-03-2025`, `04/03/2025`, `4.3.2025`, `04.03.25` and `04/03/25` (two-digit
/// years are 20xx; not with hyphens, which sort codes such as `20-06-12` use),
/// and the OCR variant `04 . 03 . 2025`. Slashed and hyphenated dates follow
/// `order` when both readings are valid; an impossible reading (month above
/// 12) is never chosen. Bare eight-digit numbers are not dates.
///
/// Textual notations, in any letter case: `2025 m. kovo 4 d.`, `4. marts 2025`,
/// `4 March 2025`, `4 Mar 2025`, `04-Mar-2025`, `March 4, 2025`,
/// `DEC 25, 2018`, `4. März 2025`, `1er mars 2025`, `4th March 2025`.
///
/// Invalid dates (`31.02.2025`) and times (`08:47`) are not reported.
pub fn dates_in(text: &str, order: DateOrder) -> Vec<DateMatch> {
    const MATCHERS: [Matcher; 4] = [numeric, lithuanian, day_month_year, month_day_year];
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = char_at(text, i) {
        let found = if is_candidate_start(text, i, c) {
            let cursor = Cursor::new(text, i);
            MATCHERS.iter().find_map(|m| m(cursor, order).filter(|&(_, end)| ends_cleanly(text, end)))
        } else {
            None
        };
        match found {
            Some((date, end)) => {
                out.push(DateMatch { start: i, end, date });
                i = end;
            }
            None => i += c.len_utf8(),
        }
    }
    out
}

/// Infers whether the numeric dates of a document are written day-first or
/// month-first, from the dates that can only be read one way (`25/12/2018` is
/// day-first, `11/17/2017` month-first) and have a four-figure year. `None` when no date decides or when
/// the evidence conflicts; the caller then keeps its default.
pub fn infer_date_order(text: &str) -> Option<DateOrder> {
    let mut day_first = false;
    let mut month_first = false;
    for m in dates_in(text, DateOrder::DayFirst) {
        // Only dates with a four-figure year: "11.14.00" is as likely a time.
        let year = text[m.start..m.end].chars().rev().take_while(char::is_ascii_digit).count();
        if year != 4 {
            continue;
        }
        if let Some((a, b)) = day_month_parts(Cursor::new(text, m.start)) {
            day_first |= a > 12 && b <= 12;
            month_first |= b > 12 && a <= 12;
        }
    }
    match (day_first, month_first) {
        (true, false) => Some(DateOrder::DayFirst),
        (false, true) => Some(DateOrder::MonthFirst),
        _ => None,
    }
}

/// The first two parts of a numeric date that does not start with the year.
fn day_month_parts(mut c: Cursor<'_>) -> Option<(u32, u32)> {
    let a = c.digits().filter(|a| a.len() <= 2)?;
    numeric_separator(&mut c)?;
    let b = c.digits().filter(|b| b.len() <= 2)?;
    Some((a.parse().ok()?, b.parse().ok()?))
}

/// A date starts at a letter or digit that begins a word and is not the tail of
/// a longer dotted or dashed number (so `1.04.03.2025` yields nothing).
fn is_candidate_start(text: &str, i: usize, c: char) -> bool {
    if !c.is_alphanumeric() {
        return false;
    }
    match prev_char(text, i) {
        None => true,
        Some(p) if is_word_char(p) => false,
        Some(p @ ('.' | '-' | '/')) => !prev_char(text, i - p.len_utf8()).is_some_and(|q| q.is_ascii_digit()),
        Some(_) => true,
    }
}

/// A date must not run on into more digits or another separated number.
fn ends_cleanly(text: &str, end: usize) -> bool {
    match char_at(text, end) {
        Some(c) if c.is_ascii_digit() => false,
        Some('.' | '-' | '/') => !char_after(text, end).is_some_and(|c| c.is_ascii_digit()),
        _ => true,
    }
}

/// `2025-03-04`, `04.03.2025`, `04/03/25` and the like.
fn numeric(mut c: Cursor<'_>, order: DateOrder) -> Option<(NaiveDate, usize)> {
    let a = c.digits()?;
    let sep = numeric_separator(&mut c)?;
    let b = c.digits()?;
    if numeric_separator(&mut c)? != sep {
        return None;
    }
    let y = c.digits()?;
    // A hyphenated date with a two-digit year is read when a time of day
    // follows it, as on a till slip ("28-12-17 18:52"); a sort code has none.
    let sep = if sep == '-' && y.len() == 2 && time_follows(c) { '/' } else { sep };
    numeric_date([a, b, y], sep, order).map(|d| (d, c.pos))
}

/// True when a time of day ("18:52") follows, after a space or two.
fn time_follows(mut c: Cursor<'_>) -> bool {
    if c.spaces(3) == 0 {
        return false;
    }
    let hours = c.digits().is_some_and(|h| h.len() <= 2);
    hours && c.eat(':') && c.digits().is_some_and(|m| m.len() == 2)
}

/// One of `.`, `-`, `/`, optionally with a single space on each side.
fn numeric_separator(c: &mut Cursor<'_>) -> Option<char> {
    c.spaces(1);
    let sep = c.eat_if(|x| matches!(x, '.' | '-' | '/'))?;
    c.spaces(1);
    Some(sep)
}

/// Reads three numeric parts as a date, choosing the reading by part lengths,
/// the separator and the preferred order.
fn numeric_date(parts: [&str; 3], sep: char, order: DateOrder) -> Option<NaiveDate> {
    let lens = parts.map(str::len);
    if parts.iter().any(|p| p.len() > 4) || lens[1] > 2 {
        return None;
    }
    let [a, b, c] = parts.map(|p| p.parse::<i32>().unwrap_or(-1));
    if lens[0] == 4 && lens[2] <= 2 {
        return ymd(a, b, c);
    }
    if lens[0] > 2 || !(lens[2] == 4 || lens[2] == 2 && sep != '-') {
        return None;
    }
    let short_year = lens[2] == 2;
    if order == DateOrder::YearFirst
        && short_year
        && let Some(d) = ymd(2000 + a, b, c)
    {
        return Some(d);
    }
    let year = if short_year { 2000 + c } else { c };
    let day_first = ymd(year, b, a);
    let month_first = ymd(year, a, b);
    if order == DateOrder::MonthFirst && sep != '.' { month_first.or(day_first) } else { day_first.or(month_first) }
}

/// `2025 m. kovo 4 d.`, also without the final `d.` and with `mėn.` after the
/// month.
fn lithuanian(mut c: Cursor<'_>, _: DateOrder) -> Option<(NaiveDate, usize)> {
    let year = c.digits().filter(|y| y.len() == 4)?;
    if c.spaces(2) == 0 || c.letters()? != "m" {
        return None;
    }
    c.eat('.');
    c.spaces(2);
    let month = month_number(c.letters()?)?;
    skip_optional_word(&mut c, "mėn");
    if c.spaces(2) == 0 {
        return None;
    }
    let day = c.digits().filter(|d| d.len() <= 2)?;
    skip_optional_word(&mut c, "d");
    let date = ymd(year.parse().ok()?, i32::try_from(month).ok()?, day.parse().ok()?)?;
    Some((date, c.pos))
}

/// Consumes ` word.` (the point optional) when it comes next, else nothing.
fn skip_optional_word(c: &mut Cursor<'_>, word: &str) {
    let mut probe = *c;
    probe.spaces(1);
    if probe.letters() == Some(word) {
        probe.eat('.');
        *c = probe;
    }
}

/// `4 March 2025`, `4. marts 2025`, `04-Mar-2025`, `1er mars 2025`.
fn day_month_year(mut c: Cursor<'_>, _: DateOrder) -> Option<(NaiveDate, usize)> {
    let day = c.digits().filter(|d| d.len() <= 2)?;
    let had_point = skip_ordinal(&mut c);
    // The month may be set against the day ("12Mar 2018"), as till slips print it.
    let glued = c.peek().is_some_and(char::is_alphabetic);
    if text_separator(&mut c, false).is_none() && !had_point && !glued {
        return None;
    }
    let month = month_word(&mut c)?;
    let sep = text_separator(&mut c, true)?;
    let year = c.digits()?;
    let year = match year.len() {
        4 => year.parse().ok()?,
        2 if matches!(sep, '-' | '/') => 2000 + year.parse::<i32>().ok()?,
        _ => return None,
    };
    ymd(year, i32::try_from(month).ok()?, day.parse().ok()?).map(|d| (d, c.pos))
}

/// `March 4, 2025`, `DEC 25, 2018`, `Dec 25 2018`, `March 4th, 2025`.
fn month_day_year(mut c: Cursor<'_>, _: DateOrder) -> Option<(NaiveDate, usize)> {
    let month = month_word(&mut c)?;
    if c.spaces(2) == 0 {
        return None;
    }
    let day = c.digits().filter(|d| d.len() <= 2)?;
    skip_ordinal(&mut c);
    text_separator(&mut c, true)?;
    let year = c.digits().filter(|y| y.len() == 4)?;
    ymd(year.parse().ok()?, i32::try_from(month).ok()?, day.parse().ok()?).map(|d| (d, c.pos))
}

/// Consumes a month name and an abbreviation point after it.
fn month_word(c: &mut Cursor<'_>) -> Option<u32> {
    let month = month_number(c.letters()?)?;
    c.eat('.');
    Some(month)
}

/// Consumes an ordinal marker after a day number (`4.`, `4th`, `1er`) and
/// tells whether it was a point, which may stand in for a separator.
fn skip_ordinal(c: &mut Cursor<'_>) -> bool {
    if c.eat('.') {
        return true;
    }
    let mut probe = *c;
    if probe.letters().is_some_and(|w| ORDINALS.contains(&w.to_lowercase().as_str())) {
        *c = probe;
    }
    false
}

/// Consumes the gap between parts of a textual date: up to three spaces and at
/// most one of `-`, `/`, `.` (and `,` or a quotation mark before a year). Returns the punctuation,
/// or a space when the gap was spaces only; `None` when there is no gap.
fn text_separator(c: &mut Cursor<'_>, before_year: bool) -> Option<char> {
    let spaces = c.spaces(3);
    // A speck before the year may be read as a quotation mark ("27 Nov "2025").
    let punct = c.eat_if(|x| matches!(x, '-' | '/' | '.') || before_year && matches!(x, ',' | '"' | '\'' | '‘' | '’'));
    let after = c.spaces(3);
    match punct {
        Some(p) => Some(p),
        None => (spaces + after > 0).then_some(' '),
    }
}

/// The month number of a (case-insensitive) month name or abbreviation.
fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_lowercase();
    MONTHS.iter().find(|(name, _)| *name == lower).map(|&(_, n)| n)
}

/// A date in the years 1900 to 2099, which bounds the plausible invoice dates
/// and keeps arbitrary numbers from passing as dates.
fn ymd(year: i32, month: i32, day: i32) -> Option<NaiveDate> {
    if !(1900..=2099).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, u32::try_from(month).ok()?, u32::try_from(day).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("test date")
    }

    fn dates(text: &str) -> Vec<NaiveDate> {
        dates_in(text, DateOrder::DayFirst).into_iter().map(|m| m.date).collect()
    }

    fn one(text: &str) -> Option<NaiveDate> {
        match dates(text).as_slice() {
            [d] => Some(*d),
            _ => None,
        }
    }

    #[test]
    fn every_numeric_notation_of_the_corpus_reads_as_the_same_day() {
        for s in ["2025-03-04", "2025.03.04", "2025/03/04", "04.03.2025", "04-03-2025", "04/03/2025", "4.3.2025"] {
            assert_eq!(one(s), Some(day(2025, 3, 4)), "{s}");
        }
    }

    #[test]
    fn two_digit_years_are_in_this_century() {
        assert_eq!(one("04.03.25"), Some(day(2025, 3, 4)));
        assert_eq!(one("04/03/25"), Some(day(2025, 3, 4)));
    }

    #[test]
    fn hyphenated_two_digit_groups_are_not_dates_because_sort_codes_look_like_that() {
        assert_eq!(dates("Sort code: 20-06-12"), []);
        assert_eq!(dates("Sort code: 20-06-12 Account 12345678"), []);
        // With a time after it, the group is a till slip's date.
        assert_eq!(dates("28-12-17 18:52"), [day(2017, 12, 28)]);
        assert_eq!(dates("03-05-18  14:12 SH02"), [day(2018, 5, 3)]);
    }

    #[test]
    fn a_month_set_against_the_day_is_read() {
        assert_eq!(dates("12Mar 2018 18:19"), [day(2018, 3, 12)]);
        assert_eq!(dates("10kg 2018"), []);
    }

    #[test]
    fn slashed_dates_are_day_first_unless_month_first_is_preferred() {
        assert_eq!(one("04/03/2025"), Some(day(2025, 3, 4)));
        let us = dates_in("04/03/2025", DateOrder::MonthFirst);
        assert_eq!(us[0].date, day(2025, 4, 3));
    }

    #[test]
    fn an_impossible_reading_decides_the_order() {
        assert_eq!(one("12/25/2018"), Some(day(2018, 12, 25)));
        assert_eq!(dates_in("25/12/2018", DateOrder::MonthFirst)[0].date, day(2018, 12, 25));
    }

    #[test]
    fn the_date_order_is_inferred_from_dates_that_read_only_one_way() {
        assert_eq!(infer_date_order("Invoice Date 11/03/2017 Paid 11/17/2017"), Some(DateOrder::MonthFirst));
        assert_eq!(infer_date_order("25/12/2018 and 03/04/2018"), Some(DateOrder::DayFirst));
        assert_eq!(infer_date_order("03/04/2018 2018-12-25 4 March 2025"), None);
        assert_eq!(infer_date_order("25/12/2018 12/25/2018"), None);
        // A time printed like a date with a two-figure year decides nothing.
        assert_eq!(infer_date_order("Date 05/02/2018 Time 11.14.00"), None);
    }

    #[test]
    fn dotted_dates_stay_day_first_even_when_month_first_is_preferred() {
        assert_eq!(dates_in("04.03.2025", DateOrder::MonthFirst)[0].date, day(2025, 3, 4));
    }

    #[test]
    fn year_first_preference_reads_short_all_two_digit_dates_as_year_month_day() {
        assert_eq!(dates_in("25/03/04", DateOrder::YearFirst)[0].date, day(2025, 3, 4));
        assert_eq!(dates_in("04.03.2025", DateOrder::YearFirst)[0].date, day(2025, 3, 4));
    }

    #[test]
    fn lithuanian_textual_dates_are_read_with_their_day_suffix() {
        let text = "Išrašymo data: 2025 m. kovo 4 d.";
        let found = dates_in(text, DateOrder::DayFirst);
        assert_eq!(found[0].date, day(2025, 3, 4));
        assert_eq!(&text[found[0].start..found[0].end], "2025 m. kovo 4 d.");
        assert_eq!(one("2025 m. birželio 1 d."), Some(day(2025, 6, 1)));
        assert_eq!(one("2024 m. gruodžio mėn. 31 d."), Some(day(2024, 12, 31)));
        assert_eq!(one("2025 m. rugpjucio 4"), Some(day(2025, 8, 4)));
    }

    #[test]
    fn danish_german_and_french_month_names_are_read() {
        assert_eq!(one("4. marts 2025"), Some(day(2025, 3, 4)));
        assert_eq!(one("4 marts 2025"), Some(day(2025, 3, 4)));
        assert_eq!(one("4. März 2025"), Some(day(2025, 3, 4)));
        assert_eq!(one("4. MAERZ 2025"), Some(day(2025, 3, 4)));
        assert_eq!(one("4 mars 2025"), Some(day(2025, 3, 4)));
        assert_eq!(one("1er décembre 2024"), Some(day(2024, 12, 1)));
        assert_eq!(one("17. maj 2024"), Some(day(2024, 5, 17)));
    }

    #[test]
    fn english_day_month_year_forms_are_read() {
        for s in [
            "4 March 2025",
            "4 Mar 2025",
            "04-Mar-2025",
            "4th March 2025",
            "4 Mar. 2025",
            "4 March, 2025",
            "4 Mar \"2025",
        ] {
            assert_eq!(one(s), Some(day(2025, 3, 4)), "{s}");
        }
        assert_eq!(one("25 Dec 2018"), Some(day(2018, 12, 25)));
        assert_eq!(one("30-Nov-25"), Some(day(2025, 11, 30)));
    }

    #[test]
    fn english_month_day_year_forms_are_read() {
        assert_eq!(one("March 4, 2025"), Some(day(2025, 3, 4)));
        assert_eq!(one("DEC 25, 2018"), Some(day(2018, 12, 25)));
        assert_eq!(one("Dec 25 2018"), Some(day(2018, 12, 25)));
        assert_eq!(one("March 4th, 2025"), Some(day(2025, 3, 4)));
    }

    #[test]
    fn invalid_dates_and_times_are_not_reported() {
        assert_eq!(dates("31.02.2025 08:47 13:29:57 30 February 2025"), []);
    }

    #[test]
    fn bare_numbers_and_partial_dates_are_not_dates() {
        assert_eq!(dates("20250304 37/2025 12.2025 Side 1/1 May 2025 1.2.3"), []);
    }

    #[test]
    fn a_longer_dotted_number_is_not_cut_into_a_date() {
        assert_eq!(dates("1.04.03.2025 04.03.2025.7"), []);
    }

    #[test]
    fn ocr_spaces_around_separators_are_tolerated() {
        assert_eq!(one("04 . 03 . 2025"), Some(day(2025, 3, 4)));
    }

    #[test]
    fn spans_cover_exactly_the_date() {
        let text = "Fakturadato: 21.02.2025, Forfald 23.03.2025";
        let spans: Vec<&str> = dates_in(text, DateOrder::DayFirst).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, ["21.02.2025", "23.03.2025"]);
    }

    #[test]
    fn a_receipt_date_beside_a_time_is_found() {
        assert_eq!(dates("26.12.2024 13:29:57"), [day(2024, 12, 26)]);
        assert_eq!(dates("2025-10-15                10:49:06"), [day(2025, 10, 15)]);
    }

    #[test]
    fn words_glued_to_digits_do_not_start_dates() {
        assert_eq!(dates("AB04.03.2025"), []);
    }

    #[test]
    fn odd_and_multibyte_input_never_panics() {
        for s in ["ąčęėįšųūž æøå ü 4. marts 2025", "4.", "2025 m.", "2025 m. kovo", "März", "4 März", "1er", "..--//"]
        {
            let _ = dates_in(s, DateOrder::DayFirst);
            let _ = dates_in(s, DateOrder::MonthFirst);
            let _ = dates_in(s, DateOrder::YearFirst);
        }
        assert_eq!(dates("ąčęėįšųūž æøå ü 4. marts 2025"), [day(2025, 3, 4)]);
    }

    #[test]
    fn pseudo_random_strings_never_panic_and_spans_slice_cleanly() {
        for text in
            crate::values::scan::random_strings("0123456789 .-/,:mdkovMarchDecėžäü æ", 28, 2000, 0x2545_f491_4f6c_dd1d)
        {
            for m in dates_in(&text, DateOrder::DayFirst) {
                assert!(text.get(m.start..m.end).is_some(), "{text:?}");
            }
        }
    }
}
