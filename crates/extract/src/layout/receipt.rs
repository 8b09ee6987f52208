//! Items of till receipts, which print no column names: lines above the total
//! that end in an amount (and maybe a VAT code letter), with "2 x 9,50" lines
//! giving quantity and unit price, and descriptions that stand on a line of
//! their own above those.

use std::collections::HashMap;

use rust_decimal::Decimal;

use super::context::{Context, Row};
use super::items::Item;
use super::lexicon::Role;
use crate::values::{amounts_in, dates_in, parse_quantity, rates_in};

/// The row opens with a label (other than an item column's name).
fn labelled(row: &Row) -> bool {
    row.role.is_some_and(|r| !matches!(r, Role::ColDescription | Role::ColUnit))
}

/// Reads receipt items above the first total line, or where no total's
/// label was read, above the first payment line.
pub fn read(ctx: &Context<'_>) -> Vec<Item> {
    let rows = ctx.rows();
    let total = rows.iter().position(|r| opens(ctx, r, &[Role::GrossTotal, Role::NetTotal]));
    let Some(total) =
        total.or_else(|| rows.iter().position(|r| opens(ctx, r, &[Role::Cash, Role::Card, Role::Change])))
    else {
        return Vec::new();
    };
    let codes = vat_codes(&rows[total..]);
    let mut items: Vec<Item> = Vec::new();
    let mut pending: Option<String> = None;
    for row in &rows[..total] {
        if labelled(row) || !dates_in(&row.text, ctx.order).is_empty() {
            pending = None;
            continue;
        }
        if let Some(q) = quantity_line(ctx, &row.text) {
            // "2 x 9,50   19,00": belongs to the description above it.
            match pending.take() {
                Some(description) => {
                    let mut it = item(row, Some(description), q.quantity, q.price, q.amount, Some(&q.code), &codes);
                    it.unit = q.unit;
                    items.push(it);
                }
                None => {
                    if let Some(last) = items.last_mut() {
                        last.quantity = Some(q.quantity);
                        last.unit_price = Some(q.price);
                    }
                }
            }
            continue;
        }
        // Money on receipts is printed with cents; "1 kg" or "200 g" in a
        // description is not a price.
        let amounts: Vec<_> = amounts_in(&row.text, ctx.hint).into_iter().filter(|m| m.value.scale() == 2).collect();
        match amounts.last() {
            Some(m) if m.start > 0 && row.text[..m.start].chars().any(char::is_alphabetic) => {
                let description = row.text[..m.start].trim().trim_end_matches(['.', ':']).trim();
                let code = row.text[m.end..].trim();
                // "Kapučino 2 × 3,40   6,80": quantity and price after the
                // name, where they give the amount.
                let (description, quantity, price) = match inline_quantity(ctx, description, m.value) {
                    Some((name, q)) => (name, q.quantity, q.price),
                    None => (description, Decimal::ONE, m.value),
                };
                items.push(item(row, Some(description.to_owned()), quantity, price, m.value, Some(code), &codes));
                pending = None;
            }
            Some(_) => pending = None,
            None if row.text.chars().any(char::is_alphabetic) && !is_rule(&row.text) => {
                pending = Some(row.text.clone())
            }
            None => pending = None,
        }
    }
    // A last row whose figure is the sum of the ones above is their
    // subtotal, its label unread ("SUBTUTA  RM20.40").
    if let [rest @ .., last] = &items[..]
        && rest.len() >= 2
        && rest.iter().map(|i| i.net_amount).sum::<Option<Decimal>>() == last.net_amount
    {
        items.pop();
    }
    for it in &mut items {
        it.confidence = super::items::confidence(it);
        if ctx.ocr_pages.contains(&it.page) {
            super::items::mend_scanned(it);
        }
    }
    items
}

fn item(
    row: &Row,
    description: Option<String>,
    quantity: Decimal,
    price: Decimal,
    amount: Decimal,
    code: Option<&str>,
    codes: &HashMap<String, Decimal>,
) -> Item {
    let vat_rate = code
        .and_then(|c| printed_rate(c).or_else(|| codes.get(c).copied()))
        .or_else(|| (codes.len() == 1).then(|| codes.values().next().copied()).flatten());
    Item {
        description,
        quantity: Some(quantity),
        unit: None,
        unit_price: Some(price),
        net_amount: Some(amount),
        vat_rate,
        discount: None,
        page: row.page,
        bbox: Some(row.bbox),
        confidence: 0.0,
        worked_out: None,
    }
}

/// The rate a row prints after its amount in place of a code letter
/// ("1,63 20%"): the whole tail is that one rate.
fn printed_rate(tail: &str) -> Option<Decimal> {
    match rates_in(tail)[..] {
        [ref r] if r.start == 0 && r.end == tail.len() => Some(r.rate),
        _ => None,
    }
}

/// True when the row opens with a label of one of `roles` and has a figure
/// ("TOTAL 20.40", "CASH RM20.40").
fn opens(ctx: &Context<'_>, row: &Row, roles: &[Role]) -> bool {
    row.role.is_some_and(|r| roles.contains(&r)) && !amounts_in(&row.text, ctx.hint).is_empty()
}

/// Separator lines such as "-----" or "=====".
pub(super) fn is_rule(text: &str) -> bool {
    text.chars().all(|c| !c.is_alphanumeric())
}

/// A quantity line: "2 x 9,50  19,00 B", "0,845 kg x 3,20".
struct QuantityLine {
    quantity: Decimal,
    unit: Option<String>,
    price: Decimal,
    amount: Decimal,
    code: String,
}

/// Reads a quantity line; the line amount is computed when not printed.
fn quantity_line(ctx: &Context<'_>, text: &str) -> Option<QuantityLine> {
    let t = text.trim();
    let (left, right) = t.split_once(['x', '×', '@', '*'])?;
    let mut words = left.split_whitespace();
    let quantity = parse_quantity(words.next()?)?;
    let unit: Vec<&str> = words.collect();
    if unit.len() > 1 || unit.iter().any(|u| u.chars().any(|c| c.is_ascii_digit())) {
        return None;
    }
    let amounts = amounts_in(right, ctx.hint);
    let price = amounts.first()?.value;
    let last = amounts.last()?;
    let amount = if amounts.len() >= 2 { last.value } else { super::vat::line_amount(quantity, price)? };
    let code = right[last.end..].trim().to_owned();
    Some(QuantityLine { quantity, unit: unit.first().map(|u| (*u).to_owned()), price, amount, code })
}

/// A name that ends in a quantity and unit price ("Kapučino 2 × 3,40") whose
/// product is the line's `amount`: the name before them, and them.
fn inline_quantity<'t>(ctx: &Context<'_>, text: &'t str, amount: Decimal) -> Option<(&'t str, QuantityLine)> {
    let starts =
        text.char_indices().filter(|&(i, c)| c == ' ' && text[i + 1..].starts_with(|d: char| d.is_ascii_digit()));
    starts.map(|(i, _)| i).find_map(|i| {
        let (name, tail) = (text[..i].trim_end(), &text[i + 1..]);
        let q = quantity_line(ctx, tail).filter(|q| q.amount == amount && q.code.is_empty())?;
        name.chars().any(char::is_alphabetic).then_some((name, q))
    })
}

/// VAT code letters from the receipt's VAT table ("A 20%  5,13  1,03  6,16"),
/// or the single rate of a "Heraf moms 25 %" line under the code "".
fn vat_codes(rows: &[Row]) -> HashMap<String, Decimal> {
    let mut codes = HashMap::new();
    for row in rows {
        let Some(rate) = rates_in(&row.text).first().cloned() else { continue };
        let head = row.text[..rate.start].trim();
        let label = super::lexicon::lexicon().label_at_start(&row.text).filter(|h| h.label.role == Role::VatTotal);
        // The code may follow the VAT label ("PVM B 9%").
        let code = |t: &str| t.len() == 1 && t.chars().all(|c| c.is_ascii_uppercase());
        let after_label = label.as_ref().and_then(|h| row.text.get(h.rest..rate.start)).map(str::trim);
        if code(head) {
            codes.insert(head.to_owned(), rate.rate);
        } else if let Some(letter) = after_label.filter(|t| code(t)) {
            codes.insert(letter.to_owned(), rate.rate);
        } else if label.is_some() {
            codes.entry(String::new()).or_insert(rate.rate);
        }
    }
    codes
}
