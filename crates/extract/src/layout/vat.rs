//! The VAT breakdown: one entry per rate, from tax lines such as
//! "21 %  5.031,70  1.056,66" (rate, taxable amount, tax) or
//! "PVM 21 %  903,49 EUR" (rate and tax only).

use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use super::candidates::Candidate;
use super::context::Context;
use super::lexicon::Role;
use crate::values::{amounts_in, rates_in};

/// What was read for one rate.
#[derive(Debug, Clone)]
pub struct RateLine {
    pub rate: Decimal,
    pub net: Option<Decimal>,
    pub vat: Option<Decimal>,
    pub evidence: Candidate<()>,
}

/// Rounds half away from zero to cents, as invoicing software does.
pub fn round_cents(x: Decimal) -> Decimal {
    x.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Tax at `rate` on `net`, rounded to cents.
pub fn tax(net: Decimal, rate: Decimal) -> Decimal {
    round_cents(net * rate / Decimal::ONE_HUNDRED)
}

/// True when `vat` is the tax on `net` at `rate`, allowing a cent of rounding.
pub fn consistent(net: Decimal, vat: Decimal, rate: Decimal) -> bool {
    (tax(net, rate) - vat).abs() <= Decimal::new(1, 2)
}

/// Reads the breakdown from lines that begin with a rate or a VAT label.
pub fn read(ctx: &Context<'_>) -> Vec<RateLine> {
    let mut by_rate: BTreeMap<Decimal, RateLine> = BTreeMap::new();
    let segs = &ctx.layout.segments;
    for range in ctx.layout.lines() {
        let (i, end) = (range.start, range.end);
        let (page, line) = (segs[i].page, segs[i].line);
        if !ctx.is_table_header(page, line) {
            // The tax part may follow other text on the line ("Bank: …   VAT 20%   £34.73").
            // A bare rate only counts at the start of a line: inside a line it is
            // an item row's VAT column.
            let start = (i..end).find(|&j| {
                (j == i
                    && rates_in(&segs[j].text)
                        .first()
                        .is_some_and(|r| r.start == 0 || is_code_prefix(&segs[j].text[..r.start])))
                    || ctx.label_of(j).is_some_and(|h| h.label.role == Role::VatTotal)
            });
            if let Some(j) = start {
                let text = segs[j..end].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join("   ");
                if let Some(found) = tax_line(ctx, &text, j) {
                    let entry = by_rate.entry(found.rate).or_insert_with(|| found.clone());
                    if entry.net.is_none() && found.net.is_some() {
                        *entry = found;
                    }
                }
            }
        }
    }
    by_rate.into_values().rev().collect()
}

/// A receipt's VAT code letter before a rate ("A 20%").
fn is_code_prefix(head: &str) -> bool {
    let h = head.trim();
    h.len() == 1 && h.chars().all(|c| c.is_ascii_uppercase())
}

fn tax_line(ctx: &Context<'_>, text: &str, seg: usize) -> Option<RateLine> {
    let s = &ctx.layout.segments[seg];
    let evidence =
        |score| Candidate { value: (), score, page: s.page, bbox: s.bbox, source: text.to_owned(), segment: seg };
    let Some(rate) = rates_in(text).first().cloned() else {
        return bare_rate_line(ctx, text).map(|(rate, net, vat)| RateLine {
            rate,
            net: Some(net),
            vat: Some(vat),
            evidence: evidence(0.97),
        });
    };
    let amounts: Vec<Decimal> = amounts_in(&text[rate.end..], ctx.hint).into_iter().map(|m| m.value).collect();
    // A taxable amount followed by its tax, possibly followed by their sum.
    for pair in amounts.windows(2) {
        // A zero base only pairs with a zero rate (an empty "0,00 0,00" is no evidence).
        if (rate.rate.is_zero() || !pair[0].is_zero()) && consistent(pair[0], pair[1], rate.rate) {
            return Some(RateLine {
                rate: rate.rate,
                net: Some(pair[0]),
                vat: Some(pair[1]),
                evidence: evidence(0.97),
            });
        }
    }
    match amounts.as_slice() {
        [vat] => Some(RateLine { rate: rate.rate, net: None, vat: Some(*vat), evidence: evidence(0.85) }),
        _ => None,
    }
}

/// The highest rate a number printed without "%" is taken for.
const BARE_RATE_MAX: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// A tax line whose rate stands in a column headed "%" and so is printed
/// bare ("Umsatzsteuer S  275,00  7  19,25"): base, rate and tax, in that
/// order or rate first, where the tax is the base at that rate. Only the
/// arithmetic tells the rate from the amounts, so it must hold.
fn bare_rate_line(ctx: &Context<'_>, text: &str) -> Option<(Decimal, Decimal, Decimal)> {
    let amounts: Vec<Decimal> = amounts_in(text, ctx.hint).into_iter().map(|m| m.value).collect();
    let is_rate = |r: Decimal| r >= Decimal::ZERO && r <= BARE_RATE_MAX && r.scale() <= 2;
    let fits =
        |net: Decimal, rate: Decimal, vat: Decimal| is_rate(rate) && !net.is_zero() && consistent(net, vat, rate);
    amounts.windows(3).find_map(|w| {
        if fits(w[0], w[1], w[2]) {
            Some((w[1], w[0], w[2]))
        } else if fits(w[1], w[0], w[2]) {
            Some((w[0], w[1], w[2]))
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tax_rounds_half_away_from_zero() {
        assert_eq!(tax(Decimal::new(74090, 2), Decimal::new(25, 0)), Decimal::new(18523, 2));
        assert_eq!(tax(Decimal::new(-74090, 2), Decimal::new(25, 0)), Decimal::new(-18523, 2));
        assert!(consistent(Decimal::new(503170, 2), Decimal::new(105666, 2), Decimal::new(21, 0)));
    }
}
