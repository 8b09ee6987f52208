//! Items printed as stacked blocks rather than table rows, as e-invoice
//! renderings and web shops lay them out: the item's name first (maybe after
//! its position number), lines of details, a price line ("Price á 400.00
//! EUR", maybe per a base quantity "Price á 2 C62 200.00"), charges and
//! allowances included in the line, then the line's own row: quantity and
//! unit first, the amount last, maybe a VAT rate between. Such a block is read
//! only where its figures agree — quantity × price ÷ base quantity, plus what
//! the line includes, is the amount — since without column names nothing
//! else says which figure is which.

use rust_decimal::Decimal;

use super::candidates::UNVERIFIED_MAX;
use super::context::{Context, Row};
use super::items::{Item, WORKED_OUT, quotient};
use super::lexicon::{Role, lexicon};
use super::vat::round_cents;
use crate::values::{amounts_in, parse_quantity, rates_in};

/// Reads the stacked items of the document, in order.
pub fn read(ctx: &Context<'_>) -> Vec<Item> {
    let rows = ctx.rows();
    let mut items = Vec::new();
    // Where the current block starts: after the last row read as an item.
    let mut from = 0;
    for (i, row) in rows.iter().enumerate() {
        let Some(line) = line_row(ctx, row) else { continue };
        let Some(k) = (from..i).rev().find(|&k| rows[k].role == Some(Role::ColUnitPrice)) else { continue };
        let Some((base, price)) = price_of(ctx, &rows[k]) else { continue };
        let included: Option<Decimal> =
            rows[k + 1..i].iter().map(|r| amounts_in(&r.text, ctx.hint).last().map(|m| m.value)).sum();
        // A rendering may print no quantity (a credit note's line): the
        // amount over the price, where that is a whole number, gives it.
        // (Only right under the price line, with no figures between.)
        let bare = || rows[k + 1..i].iter().all(|r| amounts_in(&r.text, ctx.hint).is_empty());
        let inferred = || quotient(line.amount.checked_mul(base)?, price, 0).filter(|_| bare());
        let Some(quantity) = line.quantity.or_else(inferred) else { continue };
        // (Figures from the page: no product may overflow.)
        let Some(gross) = quantity.checked_mul(price).and_then(|g| g.checked_div(base)) else { continue };
        let agrees = round_cents(gross) == line.amount
            || included
                .is_some_and(|inc| gross.checked_add(inc).map(round_cents) == Some(line.amount) && !inc.is_zero());
        if !agrees {
            continue;
        }
        let confidence = if line.quantity.is_some() { UNVERIFIED_MAX } else { WORKED_OUT };
        items.push(Item {
            description: description(ctx, &rows[from..k]),
            quantity: Some(quantity),
            unit: line.unit,
            unit_price: Some(price),
            net_amount: Some(line.amount),
            vat_rate: line.rate,
            discount: None,
            page: row.page,
            bbox: Some(row.bbox),
            confidence,
            worked_out: None,
        });
        from = i + 1;
    }
    items
}

/// An item's own row as read: "7 DAY   VAT:S (25%)   2,800.00 EUR", or
/// without its quantity, a VAT rate and the amount ("VAT:S (25%)   -1,500.00
/// EUR", maybe after an accounting string).
struct LineRow {
    quantity: Option<Decimal>,
    unit: Option<String>,
    rate: Option<Decimal>,
    amount: Decimal,
}

/// Reads a row that opens with a quantity (and maybe a unit) and ends with
/// an amount (and maybe its currency), with no label before them.
fn line_row(ctx: &Context<'_>, row: &Row) -> Option<LineRow> {
    let mut words = row.text.split_whitespace();
    let quantity = parse_quantity(words.next()?);
    // A row without a quantity may open with its tax category ("VAT:S
    // (25%)"), which reads as a VAT label; no other label opens an item.
    let vat_first = quantity.is_none() && row.role == Some(Role::VatTotal);
    if row.role.is_some() && !vat_first {
        return None;
    }
    let unit = words
        .next()
        .filter(|_| quantity.is_some())
        .filter(|w| w.len() <= 5 && w.chars().all(|c| c.is_alphanumeric()) && w.chars().any(char::is_alphabetic))
        .map(str::to_owned);
    let amounts = amounts_in(&row.text, ctx.hint);
    let rate = rates_in(&row.text).into_iter().next();
    // Without a quantity first, the row needs its rate before the amount.
    let least = if quantity.is_some() { 2 } else { 1 };
    let last = amounts.last().filter(|m| amounts.len() >= least && m.start > 0)?;
    if quantity.is_none() && rate.as_ref().is_none_or(|r| r.end > last.start) {
        return None;
    }
    let after = row.text[last.end..].trim();
    if !(after.is_empty() || after.chars().all(|c| c.is_alphabetic()) && after.chars().count() <= 3) {
        return None;
    }
    Some(LineRow { quantity, unit, rate: rate.map(|r| r.rate), amount: last.value })
}

/// The base quantity and price of a price line: "Price á 400.00 EUR" (base
/// one), "Price á 2 C62 200.00 EUR" (base two).
fn price_of(ctx: &Context<'_>, row: &Row) -> Option<(Decimal, Decimal)> {
    let hit = lexicon().label_at_start(&row.text)?;
    let rest = &row.text[hit.rest..];
    let amounts = amounts_in(rest, ctx.hint);
    let price = amounts.last()?;
    let base = rest[..price.start]
        .split_whitespace()
        .find_map(parse_quantity)
        .filter(|b| *b > Decimal::ZERO)
        .unwrap_or(Decimal::ONE);
    Some((base, price.value))
}

/// The item's name: among the rows before its price line, the one after the
/// position number that may head the block, or else after the last row that
/// ends in an amount (the item or total before).
fn description(ctx: &Context<'_>, rows: &[Row]) -> Option<String> {
    let ends_in_amount = |r: &Row| {
        amounts_in(&r.text, ctx.hint).last().is_some_and(|m| m.value.scale() == 2 && r.text[m.end..].trim().len() <= 3)
    };
    let start = rows.iter().rposition(|r| is_position(&r.text) || ends_in_amount(r)).map(|p| p + 1)?;
    rows.get(start).map(|r| r.text.trim().to_owned())
}

/// A position number alone on its line ("1", "12.").
fn is_position(text: &str) -> bool {
    let t = text.trim().trim_end_matches('.');
    !t.is_empty() && t.len() <= 4 && t.chars().all(|c| c.is_ascii_digit())
}
