//! Amounts, VAT rates and quantities as printed on invoices and receipts.
//!
//! The number grammar is shared: groups of ASCII digits joined by single
//! separators. `.` and `,` can mark decimals or group thousands; spaces
//! (including no-break and thin spaces) and apostrophes only group thousands.

use std::str::FromStr;

use rust_decimal::Decimal;

use crate::ids::ids_in;

use super::currency::{currency_after, currency_before, currency_ending_at};
use super::date::{DateOrder, dates_in};
use super::scan::{char_after, char_at, digits_end, is_inline_space, is_minus, is_word_char, prev_char};

/// Which decimal separator the document is believed to use. It only matters for
/// a number with one separator followed by exactly three digits, such as
/// `1.234`, which is a thousand-and-something in Lithuanian, Danish or German
/// and a bit more than one in English.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DecimalHint {
    /// Comma decimals (`1.234,56`), as in Lithuanian, Danish, German and French.
    Comma,
    /// Dot decimals (`1,234.56`), as in English and Malaysian documents.
    Dot,
    /// Unknown; a lone three-digit tail is then read as thousands, because
    /// amounts are printed with two decimals far more often than with three.
    Unknown,
}

/// A number found in text, with byte offsets into the input.
///
/// The span covers the whole notation that was recognised, including a sign,
/// parentheses and a currency written next to the number (`€ 12,00`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AmountMatch {
    /// Byte offset of the first character of the notation.
    pub start: usize,
    /// Byte offset just past the notation.
    pub end: usize,
    /// The value with the scale as printed (`12,00` keeps two decimals).
    pub value: Decimal,
    /// The currency printed next to the number: an ISO code or
    /// [`KRONE`](super::KRONE).
    pub currency: Option<&'static str>,
}

/// A percentage found in text, with byte offsets covering the number and `%`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RateMatch {
    /// Byte offset of the first digit.
    pub start: usize,
    /// Byte offset just past the `%` sign.
    pub end: usize,
    /// The rate without trailing zeros: `21`, `13.5`.
    pub rate: Decimal,
}

/// Whether a number is read as a money amount or as a quantity. Quantities
/// often carry three decimals (`0,845 kg`), so a lone separator is always a
/// decimal separator for them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reading {
    Amount,
    Quantity,
}

/// Characters that make a number directly after them part of something else: a
/// FI payment line (`<`, `+`), a phone number (`+`), a reference (`#`, `/`) or
/// a code.
const BLOCKED_BEFORE: [char; 13] = ['<', '>', '#', '@', '_', '/', '\\', '+', '=', '&', '|', '^', '~'];

/// Characters that make a number directly before them part of something else.
const BLOCKED_AFTER: [char; 9] = ['<', '>', '#', '@', '_', '\\', '+', '=', '&'];

/// More than this many digits is an identifier, not an amount, and would not
/// fit a `Decimal` comfortably.
const MAX_DIGITS: usize = 24;

/// Parses one token-ish string as an amount, returning the value and the
/// currency printed with it. Accepted notations include `1 234,56`,
/// `1.234,56`, `1,234.56`, `1'234.56`, `-12,00`, `12,00-`, `(12.00)`,
/// `−12,00`, `€ 12,00`, `12,00 €`, `kr. 1.234,56`, `£4,390.49`, `EUR 10`,
/// `RM 9.00` and `DKK 1.234,56`. The last separator decides the decimals when
/// it is followed by one, two or four or more digits; see [`DecimalHint`] for a
/// three-digit tail. Returns `None` for anything else.
pub fn parse_amount(s: &str, hint: DecimalHint) -> Option<(Decimal, Option<&'static str>)> {
    let (negative, core, currency) = strip_decorations(s)?;
    let value = parse_number(core, hint, Reading::Amount)?;
    Some((if negative { -value } else { value }, currency))
}

/// Parses a quantity such as `2`, `2,00`, `0,845`, `6,5` or `-1` and returns it
/// without trailing zeros. A single `.` or `,` is always a decimal separator.
pub fn parse_quantity(s: &str) -> Option<Decimal> {
    let s = s.trim();
    let (negative, body) = match s.chars().next() {
        Some(c) if is_minus(c) => (true, s[c.len_utf8()..].trim_start()),
        _ => (false, s),
    };
    let value = parse_number(body, DecimalHint::Unknown, Reading::Quantity)?.normalize();
    Some(if negative { -value } else { value })
}

/// Every amount in a printed line (or a longer text), in order.
///
/// Numbers whose thousands are grouped with single spaces are joined only when
/// every following group has exactly three digits and the last group ends with
/// one or two decimals: `2 459,87` is one amount, while `4 vnt. 189,90 759,60`
/// gives three. A quantity followed by a price without a unit between them is
/// ambiguous: `Kiekis 2 300,00` is read as the single amount 2300.00, because a
/// grouped thousand is the likelier reading of one space. Two or more spaces
/// never join, since they separate table columns.
///
/// Skipped on purpose: percentages (`21 %`, see [`rates_in`]); dates and
/// times; digits inside identifiers found by [`crate::ids::ids_in`] (IBAN
/// groups, VAT numbers, FI lines); numbers glued to letters (`A4`, `34C`,
/// `LT-01103`); numbers right after `+` or `<` (phone numbers, payment lines);
/// and digit runs with a leading zero (`0042`), which are references rather
/// than amounts.
pub fn amounts_in(text: &str, hint: DecimalHint) -> Vec<AmountMatch> {
    let taken: Vec<(usize, usize)> = dates_in(text, DateOrder::DayFirst)
        .into_iter()
        .map(|d| (d.start, d.end))
        .chain(ids_in(text).into_iter().map(|m| (m.start, m.end)))
        .collect();
    let overlaps_other = |m: &AmountMatch| taken.iter().any(|&(start, end)| start < m.end && m.start < end);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = next_digit(text, from) {
        let run = NumberRun::scan(text, start);
        // When a space-joined reading fails (say "A4 300,00", where the first
        // group belongs to a code), the groups are read again one by one.
        let floor = out.last().map_or(0, |m: &AmountMatch| m.end);
        let (found, run_end) = match run.to_amount(text, hint, floor) {
            None if run.unglued_end != run.end => (run.unglued().to_amount(text, hint, floor), run.unglued_end),
            found => (found, run.end),
        };
        from = run_end;
        if let Some(m) = found.filter(|m| !overlaps_other(m)) {
            from = from.max(m.end);
            out.push(m);
        }
    }
    out
}

/// Every percentage in the text: `21 %`, `21%`, `PVM 21%`, `Moms 25 %`,
/// `13,5 %`, `13.5%`. Values above 100 are ignored.
pub fn rates_in(text: &str) -> Vec<RateMatch> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(start) = next_digit(text, from) {
        let run = NumberRun::scan(text, start);
        from = run.end;
        if let Some(m) = run.to_rate(text) {
            from = m.end;
            out.push(m);
        }
    }
    out
}

/// The byte offset of the next ASCII digit at or after `from`. ASCII bytes are
/// always character boundaries, so the result can be used for slicing.
fn next_digit(text: &str, from: usize) -> Option<usize> {
    text.as_bytes().get(from..)?.iter().position(u8::is_ascii_digit).map(|n| from + n)
}

/// A maximal run of digits and separators starting at a digit.
#[derive(Clone, Copy, Debug)]
struct NumberRun {
    start: usize,
    end: usize,
    /// The end before any space-separated groups were joined.
    unglued_end: usize,
    /// The run contains `-`, `/` or `:` between digits, as dates, times, ranges,
    /// sort codes and phone numbers do; such a run is never an amount.
    compound: bool,
}

impl NumberRun {
    /// Scans the run that starts at the digit at `start`, joining space-grouped
    /// thousands where [`glue_spaced_groups`] allows it.
    fn scan(text: &str, start: usize) -> NumberRun {
        let mut end = digits_end(text, start);
        let mut compound = false;
        while let Some(c) = char_at(text, end) {
            if !char_after(text, end).is_some_and(|d| d.is_ascii_digit()) {
                break;
            }
            if matches!(c, '-' | '/' | ':') || is_minus(c) {
                compound = true;
            } else if !is_point(c) && !is_apostrophe(c) {
                break;
            }
            end = digits_end(text, end + c.len_utf8());
        }
        let unglued_end = end;
        if !compound && end - start <= 3 && text[start..end].bytes().all(|b| b.is_ascii_digit()) {
            end = glue_spaced_groups(text, end).unwrap_or(end);
        }
        NumberRun { start, end, unglued_end, compound }
    }

    /// The same run without the joined groups.
    fn unglued(self) -> NumberRun {
        NumberRun { end: self.unglued_end, ..self }
    }

    /// The amount this run stands for, with its sign and currency, or `None`
    /// when the context shows it is something else. Nothing before `floor`
    /// (the end of the previous amount) is taken, so that in `12,00 EUR 5,00`
    /// the code belongs to the first amount only.
    fn to_amount(self, text: &str, hint: DecimalHint, floor: usize) -> Option<AmountMatch> {
        if self.compound || is_percent_after(text, self.end) {
            return None;
        }
        let (mut start, mut negative, mut currency) = self.left_context(text, floor)?;
        let mut end = self.end;
        if let Some((after, code)) = currency_after(text, end).filter(|&(_, c)| currency.is_none_or(|x| x == c)) {
            currency = Some(code);
            end = after;
        } else {
            check_right_neighbour(text, end)?;
            if !negative && trailing_minus_at(text, end) {
                negative = true;
                end += 1;
            }
        }
        if prev_char(text, start) == Some('(') && char_at(text, end) == Some(')') {
            negative = true;
            start -= 1;
            end += 1;
        }
        let value = parse_number(&text[self.start..self.end], hint, Reading::Amount)?;
        Some(AmountMatch { start, end, value: if negative { -value } else { value }, currency })
    }

    /// Reads what precedes the digits: a currency, a minus sign or a blocking
    /// character. Returns the start of the notation, whether it is negative and
    /// the currency, or `None` when the number belongs to a word or code.
    fn left_context(self, text: &str, floor: usize) -> Option<(usize, bool, Option<&'static str>)> {
        if let Some((cur_start, code)) = currency_before(text, self.start).filter(|&(s, _)| s >= floor) {
            return Some(match leading_minus_before(text, cur_start) {
                Some(minus_start) => (minus_start, true, Some(code)),
                None => (cur_start, false, Some(code)),
            });
        }
        let Some(prev) = prev_char(text, self.start) else { return Some((self.start, false, None)) };
        let before_prev = self.start - prev.len_utf8();
        if is_minus(prev) {
            let minus_start = leading_minus_before(text, self.start)?;
            let currency = currency_ending_at(text, minus_start);
            return Some(match currency {
                Some((cur_start, code)) => (cur_start, true, Some(code)),
                None => (minus_start, true, None),
            });
        }
        let glued_to_word = prev.is_alphabetic() && !is_times_after_number(text, before_prev, prev);
        let after_abbreviation = is_point(prev) && prev_char(text, before_prev).is_some_and(is_word_char);
        if glued_to_word || after_abbreviation || BLOCKED_BEFORE.contains(&prev) {
            return None;
        }
        Some((self.start, false, None))
    }

    /// The percentage this run stands for, if a `%` follows it.
    fn to_rate(self, text: &str) -> Option<RateMatch> {
        if self.compound || prev_char(text, self.start).is_some_and(is_word_char) {
            return None;
        }
        let digits = &text[self.start..self.end];
        let points = digits.chars().filter(|&c| is_point(c)).count();
        if points > 1 || digits.chars().any(|c| !c.is_ascii_digit() && !is_point(c)) {
            return None;
        }
        let percent_end = percent_end(text, self.end)?;
        let rate = parse_number(digits, DecimalHint::Unknown, Reading::Quantity)?.normalize();
        (rate <= Decimal::ONE_HUNDRED).then_some(RateMatch { start: self.start, end: percent_end, rate })
    }
}

/// Joins thousands groups separated by one inline space to the group that ends
/// at `end`: each following group must have exactly three digits, and the last
/// must end in a decimal separator and one or two digits. Returns the new end.
fn glue_spaced_groups(text: &str, end: usize) -> Option<usize> {
    let mut pos = end;
    loop {
        let space = char_at(text, pos).filter(|&c| is_inline_space(c))?;
        let group_start = pos + space.len_utf8();
        let group_end = digits_end(text, group_start);
        if group_end - group_start != 3 {
            return None;
        }
        match char_at(text, group_end) {
            Some(c) if is_point(c) => return decimals_end(text, group_end + 1),
            Some(c) if is_inline_space(c) => pos = group_end,
            _ => return None,
        }
    }
}

/// The end of one or two decimals starting at `start`, provided the number does
/// not continue with another separator and digit after them.
fn decimals_end(text: &str, start: usize) -> Option<usize> {
    let end = digits_end(text, start);
    let continues = char_at(text, end).is_some_and(|c| is_point(c) || is_apostrophe(c))
        && char_after(text, end).is_some_and(|c| c.is_ascii_digit());
    ((1..=2).contains(&(end - start)) && !continues).then_some(end)
}

/// True when a letter before a number is a multiplication sign written as `x`
/// right after another number (`2x5,55`).
fn is_times_after_number(text: &str, letter_start: usize, letter: char) -> bool {
    matches!(letter, 'x' | 'X') && prev_char(text, letter_start).is_some_and(|c| c.is_ascii_digit())
}

/// The start of a minus sign that ends at `end` and stands alone, that is, is
/// not the hyphen of a code such as `LT-01103` or `AB-12`.
fn leading_minus_before(text: &str, end: usize) -> Option<usize> {
    let minus = prev_char(text, end).filter(|&c| is_minus(c))?;
    let start = end - minus.len_utf8();
    (!prev_char(text, start).is_some_and(is_word_char)).then_some(start)
}

/// True when a trailing minus (`12,00-`) starts at `end`: a minus that is not
/// followed by a letter or digit.
fn trailing_minus_at(text: &str, end: usize) -> bool {
    char_at(text, end) == Some('-') && !char_after(text, end).is_some_and(is_word_char)
}

/// Rejects a number that runs into a letter (`34C`, `4mg`) or into a character
/// that marks a code; a multiplication `x` (`2x 5,55`) is allowed.
fn check_right_neighbour(text: &str, end: usize) -> Option<()> {
    match char_at(text, end) {
        Some(c) if c.is_alphabetic() => {
            let times = matches!(c, 'x' | 'X') && !char_after(text, end).is_some_and(char::is_alphabetic);
            times.then_some(())
        }
        Some(c) if BLOCKED_AFTER.contains(&c) => None,
        _ => Some(()),
    }
}

/// The end of a `%` sign at `end`, allowing one inline space before it.
fn percent_end(text: &str, end: usize) -> Option<usize> {
    match char_at(text, end)? {
        '%' => Some(end + 1),
        c if is_inline_space(c) => (char_at(text, end + c.len_utf8()) == Some('%')).then_some(end + c.len_utf8() + 1),
        _ => None,
    }
}

/// True when a `%` sign follows at `end`, so the number is a rate.
fn is_percent_after(text: &str, end: usize) -> bool {
    percent_end(text, end).is_some()
}

/// True for the separators that may mark decimals as well as thousands.
fn is_point(c: char) -> bool {
    c == '.' || c == ','
}

/// True for the apostrophes used to group thousands in Swiss style (`1'234.56`).
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Strips parentheses, signs and a currency from a single token and returns
/// whether it is negative, the bare number and the currency.
fn strip_decorations(s: &str) -> Option<(bool, &str, Option<&'static str>)> {
    let mut s = s.trim();
    let mut negatives = 0;
    let mut currency = None;
    if let Some(inner) = s.strip_prefix('(').and_then(|x| x.strip_suffix(')')) {
        negatives += 1;
        s = inner.trim();
    }
    loop {
        let before = s;
        if let Some(c) = s.chars().next().filter(|&c| is_minus(c) || c == '+') {
            negatives += usize::from(c != '+');
            s = s[c.len_utf8()..].trim_start();
        }
        if let Some(c) = s.chars().next_back().filter(|&c| is_minus(c)) {
            negatives += 1;
            s = s[..s.len() - c.len_utf8()].trim_end();
        }
        if currency.is_none() {
            (s, currency) = strip_currency(s);
        }
        if s == before {
            break;
        }
    }
    (negatives <= 1).then_some((negatives == 1, s, currency))
}

/// Removes a currency token from the start or the end of `s`.
fn strip_currency(s: &str) -> (&str, Option<&'static str>) {
    if let Some((end, code)) = super::currency::currency_at(s, 0) {
        return (s[end..].trim_start(), Some(code));
    }
    match currency_ending_at(s, s.len()) {
        Some((start, code)) => (s[..start].trim_end(), Some(code)),
        None => (s, None),
    }
}

/// The digit groups of a bare number and the separators between them.
struct Groups<'a> {
    digits: Vec<&'a str>,
    seps: Vec<char>,
}

impl<'a> Groups<'a> {
    /// Splits a bare number into groups; `None` unless it is digits joined by
    /// single separators, starting and ending with a digit.
    fn split(s: &'a str) -> Option<Self> {
        let mut groups = Groups { digits: Vec::new(), seps: Vec::new() };
        let mut start = 0;
        for (i, c) in s.char_indices() {
            if c.is_ascii_digit() {
                continue;
            }
            if !is_point(c) && !is_apostrophe(c) && !is_inline_space(c) {
                return None;
            }
            groups.digits.push(s.get(start..i).filter(|g| !g.is_empty())?);
            groups.seps.push(c);
            start = i + c.len_utf8();
        }
        groups.digits.push(s.get(start..).filter(|g| !g.is_empty())?);
        Some(groups)
    }

    /// The index of the separator that marks decimals, `Ok(None)` for an
    /// integer, or `Err(())` when the separators contradict each other.
    fn decimal_separator(&self, hint: DecimalHint, reading: Reading) -> Result<Option<usize>, ()> {
        let points: Vec<usize> = (0..self.seps.len()).filter(|&i| is_point(self.seps[i])).collect();
        let Some(&last) = points.last() else { return Ok(None) };
        if last + 1 != self.seps.len() {
            // A point is followed by more grouping, as in "1.234.567" (fine,
            // all grouping) or "1,234 567" (contradictory; rejected below).
            return Ok(None);
        }
        let mark = self.seps[last];
        if points.iter().any(|&i| self.seps[i] != mark) || self.seps.len() > 1 && points.len() == 1 {
            // Mixed marks ("1.234,56") or a point after space or apostrophe
            // grouping ("1 234,567"): the last mark is the decimal one.
            return Ok(Some(last));
        }
        if points.len() > 1 {
            return Ok(None);
        }
        Ok(self.lone_separator_is_decimal(mark, hint, reading).then_some(last))
    }

    /// Decides a number with exactly one separator, `.` or `,`.
    fn lone_separator_is_decimal(&self, mark: char, hint: DecimalHint, reading: Reading) -> bool {
        let head = self.digits[0];
        let tail_len = self.digits[1].len();
        if reading == Reading::Quantity || tail_len != 3 || head.len() > 3 || head == "0" {
            return true;
        }
        match hint {
            DecimalHint::Comma => mark == ',',
            DecimalHint::Dot => mark == '.',
            DecimalHint::Unknown => false,
        }
    }

    /// Checks the thousands grouping of the integer groups: one separator kind,
    /// a first group of one to three digits without a leading zero, then groups
    /// of exactly three.
    fn integer_grouping_ok(&self, integer_groups: usize) -> bool {
        let first = self.digits[0];
        if first.len() > 1 && first.starts_with('0') {
            return false;
        }
        if integer_groups == 1 {
            return true;
        }
        let seps = &self.seps[..integer_groups - 1];
        (1..=3).contains(&first.len())
            && seps.iter().all(|&c| c == seps[0])
            && self.digits[1..integer_groups].iter().all(|g| g.len() == 3)
    }
}

/// Parses a bare number (digits and separators only) with the rules described
/// on [`parse_amount`] and [`parse_quantity`].
fn parse_number(s: &str, hint: DecimalHint, reading: Reading) -> Option<Decimal> {
    let groups = Groups::split(s)?;
    let decimal = groups.decimal_separator(hint, reading).ok()?;
    let integer_groups = decimal.map_or(groups.digits.len(), |i| i + 1);
    if !groups.integer_grouping_ok(integer_groups) {
        return None;
    }
    let mut plain: String = groups.digits[..integer_groups].concat();
    if let Some(fraction) = groups.digits.get(integer_groups) {
        plain.push('.');
        plain.push_str(fraction);
    }
    if plain.len() > MAX_DIGITS {
        return None;
    }
    Decimal::from_str(&plain).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dec(s: &str) -> Decimal {
        Decimal::from_str(s).expect("test literal")
    }

    fn amount(s: &str) -> Option<Decimal> {
        parse_amount(s, DecimalHint::Unknown).map(|(v, _)| v)
    }

    fn values(text: &str, hint: DecimalHint) -> Vec<Decimal> {
        amounts_in(text, hint).into_iter().map(|m| m.value).collect()
    }

    fn decs(list: &[&str]) -> Vec<Decimal> {
        list.iter().map(|s| dec(s)).collect()
    }

    #[test]
    fn comma_and_dot_decimals_with_thousands_are_both_read() {
        for s in ["1 234,56", "1.234,56", "1,234.56", "1'234.56", "1\u{a0}234,56", "1\u{202f}234,56"] {
            assert_eq!(amount(s), Some(dec("1234.56")), "{s}");
        }
        assert_eq!(amount("1234.5"), Some(dec("1234.5")));
        assert_eq!(amount("1.234.567,89"), Some(dec("1234567.89")));
    }

    #[test]
    fn negative_notations_all_give_a_negative_value() {
        for s in ["-12,00", "12,00-", "(12.00)", "\u{2212}12,00", "-€12.00", "€-12.00", "- 12,00"] {
            assert_eq!(amount(s), Some(dec("-12.00")), "{s}");
        }
    }

    #[test]
    fn a_double_negative_is_not_an_amount() {
        assert_eq!(amount("(-12.00)"), None);
    }

    #[test]
    fn currency_before_or_after_the_number_is_reported() {
        let cases = [
            ("€ 12,00", "12.00", "EUR"),
            ("12,00 €", "12.00", "EUR"),
            ("kr. 1.234,56", "1234.56", "KR"),
            ("1.234,56 kr", "1234.56", "KR"),
            ("£4,390.49", "4390.49", "GBP"),
            ("EUR 10", "10", "EUR"),
            ("RM 9.00", "9.00", "MYR"),
            ("DKK 1.234,56", "1234.56", "DKK"),
        ];
        for (s, v, c) in cases {
            assert_eq!(parse_amount(s, DecimalHint::Unknown), Some((dec(v), Some(c))), "{s}");
        }
    }

    #[test]
    fn a_three_digit_tail_follows_the_hint() {
        assert_eq!(parse_amount("1.234", DecimalHint::Comma), Some((dec("1234"), None)));
        assert_eq!(parse_amount("1,234", DecimalHint::Comma), Some((dec("1.234"), None)));
        assert_eq!(parse_amount("1.234", DecimalHint::Dot), Some((dec("1.234"), None)));
        assert_eq!(parse_amount("1,234", DecimalHint::Dot), Some((dec("1234"), None)));
        assert_eq!(parse_amount("1.234", DecimalHint::Unknown), Some((dec("1234"), None)));
    }

    #[test]
    fn a_three_digit_tail_after_zero_is_always_decimal() {
        assert_eq!(parse_amount("0,845", DecimalHint::Dot), Some((dec("0.845"), None)));
    }

    #[test]
    fn four_decimals_are_kept() {
        assert_eq!(amount("9,9000"), Some(dec("9.9000")));
    }

    #[test]
    fn malformed_groupings_are_not_amounts() {
        for s in ["1.23.45", "12 34,56", "1.234.56", "04.03.2025", "1,234 567", "0042", "1..2", ",5", "5,", "", "EUR"] {
            assert_eq!(amount(s), None, "{s}");
        }
    }

    #[test]
    fn words_and_other_junk_are_not_amounts() {
        for s in ["abc", "12a", "x12", "12 %", "2025-03-04", "08:47", "€€12"] {
            assert_eq!(amount(s), None, "{s}");
        }
    }

    #[test]
    fn quantities_lose_trailing_zeros() {
        assert_eq!(parse_quantity("2,00"), Some(dec("2")));
        assert_eq!(parse_quantity("0,845"), Some(dec("0.845")));
        assert_eq!(parse_quantity("15,237"), Some(dec("15.237")));
        assert_eq!(parse_quantity("6,5"), Some(dec("6.5")));
        assert_eq!(parse_quantity("-1"), Some(dec("-1")));
        assert_eq!(parse_quantity("\u{2212}2,00"), Some(dec("-2")));
        assert_eq!(parse_quantity("1.000,5"), Some(dec("1000.5")));
        assert_eq!(parse_quantity("2 vnt."), None);
    }

    #[test]
    fn space_grouped_thousands_in_a_line_are_one_amount() {
        assert_eq!(values("Iš viso 2 459,87 EUR", DecimalHint::Comma), decs(&["2459.87"]));
        assert_eq!(values("1 300,00", DecimalHint::Comma), decs(&["1300.00"]));
        assert_eq!(values("Total 1 234 567,89", DecimalHint::Comma), decs(&["1234567.89"]));
    }

    #[test]
    fn a_quantity_with_a_unit_is_not_glued_to_the_price() {
        assert_eq!(values("4 vnt. 189,90 759,60", DecimalHint::Comma), decs(&["4", "189.90", "759.60"]));
        assert_eq!(values("2 vnt. 189,90", DecimalHint::Comma), decs(&["2", "189.90"]));
    }

    #[test]
    fn an_ambiguous_quantity_and_price_is_read_as_one_grouped_amount() {
        assert_eq!(values("Kiekis 2 300,00", DecimalHint::Comma), decs(&["2300.00"]));
    }

    #[test]
    fn a_rejected_first_group_does_not_hide_the_amount_after_it() {
        assert_eq!(values("A4 300,00", DecimalHint::Comma), decs(&["300.00"]));
    }

    #[test]
    fn two_spaces_never_join_groups() {
        assert_eq!(values("2  300,00", DecimalHint::Comma), decs(&["2", "300.00"]));
    }

    #[test]
    fn a_group_of_other_than_three_digits_is_not_joined() {
        assert_eq!(values("12 34,56", DecimalHint::Comma), decs(&["12", "34.56"]));
        assert_eq!(values("2 459", DecimalHint::Comma), decs(&["2", "459"]));
    }

    #[test]
    fn percentages_are_not_amounts() {
        assert_eq!(values("PVM 21 % 76,63 EUR", DecimalHint::Comma), decs(&["76.63"]));
        assert_eq!(values("25% 740,90 185,23", DecimalHint::Comma), decs(&["740.90", "185.23"]));
    }

    #[test]
    fn a_table_row_gives_each_cell() {
        let row = "  1       A78843        Žoliapjovės remontas    vnt.   4,00   91,23   21   364,92";
        assert_eq!(values(row, DecimalHint::Comma), decs(&["1", "4.00", "91.23", "21", "364.92"]));
    }

    #[test]
    fn english_totals_with_symbols_are_found_with_their_currency() {
        let found = amounts_in("Subtotal €7,503.44 VAT @ 23% €1,725.79", DecimalHint::Dot);
        let pairs: Vec<_> = found.iter().map(|m| (m.value, m.currency)).collect();
        assert_eq!(pairs, [(dec("7503.44"), Some("EUR")), (dec("1725.79"), Some("EUR"))]);
    }

    #[test]
    fn the_span_covers_sign_currency_and_parentheses() {
        let text = "Saldo (€ 12.00) and -5,00 kr";
        let spans: Vec<&str> = amounts_in(text, DecimalHint::Unknown).iter().map(|m| &text[m.start..m.end]).collect();
        assert_eq!(spans, ["(€ 12.00)", "-5,00 kr"]);
    }

    #[test]
    fn a_currency_between_two_amounts_belongs_to_the_first() {
        let found = amounts_in("364,92 EUR 76,63", DecimalHint::Comma);
        let pairs: Vec<_> = found.iter().map(|m| (m.value, m.currency)).collect();
        assert_eq!(pairs, [(dec("364.92"), Some("EUR")), (dec("76.63"), None)]);
        assert!(found[0].end <= found[1].start);
    }

    #[test]
    fn credit_note_amounts_keep_their_sign() {
        let row = "Interneto svetainės talpinimas   mėn.   -2,00   23,47 EUR   -46,94 EUR";
        assert_eq!(values(row, DecimalHint::Comma), decs(&["-2.00", "23.47", "-46.94"]));
        assert_eq!(values("Saldo 12,00-", DecimalHint::Comma), decs(&["-12.00"]));
    }

    #[test]
    fn dates_times_and_codes_are_not_amounts() {
        let line = "2025-03-04 08:47 04.03.2025 LT-01103 AB-0012 A4 34C Nr.12 4 March 2025";
        assert_eq!(values(line, DecimalHint::Comma), Vec::<Decimal>::new());
    }

    #[test]
    fn digits_of_ibans_and_vat_ids_are_not_amounts() {
        assert!(values("IBAN: GB61 BARC 2061 3319 6432 83 VAT No: GB 943 9082 58", DecimalHint::Dot).is_empty());
    }

    #[test]
    fn fi_lines_and_phone_numbers_do_not_leak_amounts() {
        assert!(values("+71<000000002269975+86176156<", DecimalHint::Comma).is_empty());
        assert!(values("Tel. +370", DecimalHint::Comma).is_empty());
    }

    #[test]
    fn a_hyphenated_code_is_not_a_negative_amount() {
        assert!(values("INV-2025", DecimalHint::Comma).is_empty());
    }

    #[test]
    fn receipt_multiplications_give_both_numbers() {
        assert_eq!(values("  2 x 5,55                 11,10 A", DecimalHint::Comma), decs(&["2", "5.55", "11.10"]));
        assert_eq!(values("2x5,55", DecimalHint::Comma), decs(&["2", "5.55"]));
    }

    #[test]
    fn ringgit_amounts_glued_to_the_code_are_found() {
        let found = amounts_in("TOTAL RM9.00", DecimalHint::Dot);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].value, found[0].currency), (dec("9.00"), Some("MYR")));
    }

    #[test]
    fn rates_are_found_with_or_without_a_space() {
        let rates: Vec<Decimal> =
            rates_in("PVM 21% Moms 25 % VAT 20% 13,5 % 13.5% 0%").into_iter().map(|r| r.rate).collect();
        assert_eq!(rates, decs(&["21", "25", "20", "13.5", "13.5", "0"]));
    }

    #[test]
    fn rate_spans_cover_the_percent_sign() {
        let text = "PVM 21 %";
        let found = rates_in(text);
        assert_eq!(&text[found[0].start..found[0].end], "21 %");
    }

    #[test]
    fn numbers_without_percent_or_above_a_hundred_are_not_rates() {
        assert!(rates_in("21 EUR 150% A21%").is_empty());
    }

    #[test]
    fn odd_and_multibyte_input_never_panics() {
        let samples = [
            "ąčęėįšųūž æøå ü 12,00 €",
            "€",
            "−",
            "(",
            "1\u{a0}",
            "9999999999999999999999999999999999,99",
            "1 2 3 4 5 6",
            "%%%1%",
            "12,00-\u{2212}",
            "kr.kr.1",
            "()",
            "(1",
            "1)",
            "\u{202f}1\u{202f}000,00",
        ];
        for s in samples {
            let _ = amounts_in(s, DecimalHint::Unknown);
            let _ = rates_in(s);
            let _ = parse_amount(s, DecimalHint::Comma);
            let _ = parse_quantity(s);
        }
    }

    #[test]
    fn pseudo_random_strings_never_panic_and_spans_slice_cleanly() {
        for text in crate::values::scan::random_strings(
            "0123456789 .,'-−()%€£$kKrRMEUDą æø\u{a0}:/<+x",
            24,
            2000,
            0x9e37_79b9_7f4a_7c15,
        ) {
            for m in amounts_in(&text, DecimalHint::Comma) {
                assert!(text.get(m.start..m.end).is_some(), "{text:?}");
            }
            for r in rates_in(&text) {
                assert!(text.get(r.start..r.end).is_some(), "{text:?}");
            }
            let _ = parse_amount(&text, DecimalHint::Dot);
            let _ = parse_quantity(&text);
        }
    }
}
