//! Exact money arithmetic and the printed number formats of each locale.
//!
//! Every amount is a `Decimal`; nothing here touches floating point. The rules are
//! the corpus rules: a line total is quantity × price rounded to cents, VAT is
//! computed once per rate, and rounding is half away from zero.

use std::str::FromStr;

use kvitas_extract::{InvoiceData, LineItem, VatLine};
use rust_decimal::{Decimal, RoundingStrategy};

/// A decimal from a literal written in the source. A malformed literal is a
/// programming error, so it panics instead of returning an error.
pub fn dec(literal: &str) -> Decimal {
    Decimal::from_str_exact(literal)
        .or_else(|_| Decimal::from_str(literal))
        .unwrap_or_else(|e| panic!("bad decimal literal {literal:?}: {e}"))
}

/// Rounds to cents, half away from zero, and always keeps two decimals so that
/// the truth JSON prints `7.00` rather than `7`.
pub fn cents(value: Decimal) -> Decimal {
    let mut rounded = value.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero);
    rounded.rescale(2);
    rounded
}

/// One item as the generator writes it down, before any arithmetic.
#[derive(Debug, Clone)]
pub struct Item {
    pub description: String,
    pub quantity: Decimal,
    pub unit: Option<String>,
    pub unit_price: Decimal,
    pub vat_rate: Decimal,
}

/// Shorthand for an item; literals keep the sample tables readable.
pub fn item(description: &str, quantity: &str, unit: Option<&str>, unit_price: &str, vat_rate: &str) -> Item {
    Item {
        description: description.to_string(),
        quantity: dec(quantity),
        unit: unit.map(str::to_string),
        unit_price: cents(dec(unit_price)),
        vat_rate: dec(vat_rate),
    }
}

/// The canonical line: quantities and rates without trailing zeros, amounts in
/// cents, and the line total rounded from quantity × price.
pub fn line_items(items: &[Item]) -> Vec<LineItem> {
    items
        .iter()
        .map(|i| LineItem {
            description: Some(i.description.clone()),
            quantity: Some(i.quantity.normalize()),
            unit: i.unit.clone(),
            unit_price: Some(i.unit_price),
            net_amount: Some(cents(i.quantity * i.unit_price)),
            vat_rate: Some(i.vat_rate.normalize()),
        })
        .collect()
}

/// The sums of line amounts per VAT rate, highest rate first.
fn sums_by_rate(lines: &[LineItem]) -> Vec<(Decimal, Decimal)> {
    let mut sums: Vec<(Decimal, Decimal)> = Vec::new();
    for line in lines {
        let rate = line.vat_rate.unwrap_or_default();
        let amount = line.net_amount.unwrap_or_default();
        match sums.iter_mut().find(|(r, _)| *r == rate) {
            Some((_, sum)) => *sum += amount,
            None => sums.push((rate, amount)),
        }
    }
    sums.sort_by_key(|(rate, _)| std::cmp::Reverse(*rate));
    sums
}

/// Fills the totals and the VAT breakdown of an invoice or credit note, whose
/// line amounts are before VAT.
pub fn invoice_totals(data: &mut InvoiceData) {
    let breakdown: Vec<VatLine> = sums_by_rate(&data.line_items)
        .into_iter()
        .map(|(rate, net)| VatLine { rate, net: Some(cents(net)), vat: Some(cents(net * rate / Decimal::ONE_HUNDRED)) })
        .collect();
    set_totals(data, breakdown);
}

/// Fills the totals of a receipt, whose line amounts include VAT: the VAT of each
/// rate is taken out of that rate's gross sum.
pub fn receipt_totals(data: &mut InvoiceData) {
    let breakdown: Vec<VatLine> = sums_by_rate(&data.line_items)
        .into_iter()
        .map(|(rate, gross)| {
            let vat = cents(gross * rate / (Decimal::ONE_HUNDRED + rate));
            VatLine { rate, net: Some(cents(gross - vat)), vat: Some(vat) }
        })
        .collect();
    set_totals(data, breakdown);
}

fn set_totals(data: &mut InvoiceData, breakdown: Vec<VatLine>) {
    let net: Decimal = breakdown.iter().filter_map(|b| b.net).sum();
    let vat: Decimal = breakdown.iter().filter_map(|b| b.vat).sum();
    data.net_total = Some(cents(net));
    data.vat_total = Some(cents(vat));
    data.gross_total = Some(cents(net + vat));
    data.vat_breakdown = breakdown;
}

/// How a locale writes numbers.
#[derive(Debug, Clone, Copy)]
pub struct NumberStyle {
    pub thousands: &'static str,
    pub decimal: char,
}

/// Lithuanian: `1 234,56`.
pub const LT: NumberStyle = NumberStyle { thousands: " ", decimal: ',' };
/// Danish and German: `1.234,56`.
pub const DA: NumberStyle = NumberStyle { thousands: ".", decimal: ',' };
/// British English: `1,234.56`.
pub const EN: NumberStyle = NumberStyle { thousands: ",", decimal: '.' };

impl NumberStyle {
    /// An amount with two decimals and grouped thousands.
    pub fn amount(&self, value: Decimal) -> String {
        let text = cents(value).abs().to_string();
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, "00"));
        let mut grouped = String::new();
        for (i, digit) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push_str(self.thousands);
            }
            grouped.push(digit);
        }
        let sign = if value.is_sign_negative() && !value.is_zero() { "-" } else { "" };
        format!("{sign}{grouped}{}{fraction}", self.decimal)
    }

    /// A quantity or rate as few digits as it needs: `2`, `6,5`, `0,845`.
    pub fn plain(&self, value: Decimal) -> String {
        value.normalize().to_string().replace('.', &self.decimal.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_is_half_away_from_zero() {
        assert_eq!(cents(dec("2.345")).to_string(), "2.35");
        assert_eq!(cents(dec("-2.345")).to_string(), "-2.35");
        assert_eq!(cents(dec("7")).to_string(), "7.00");
    }

    #[test]
    fn amounts_follow_the_locale() {
        assert_eq!(LT.amount(dec("1234.5")), "1 234,50");
        assert_eq!(DA.amount(dec("1234567.891")), "1.234.567,89");
        assert_eq!(EN.amount(dec("-0.5")), "-0.50");
        assert_eq!(DA.plain(dec("6.50")), "6,5");
    }
}
