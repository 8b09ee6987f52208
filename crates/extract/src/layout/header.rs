//! Header fields announced by labels: number, dates, currency, totals, tip,
//! payment reference and bank details.

use std::collections::HashMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::candidates::{
    Candidate, MENDED_ID, Place, Source, UNVERIFIED_MAX, VERIFIED, all, best, label_weight, last_amount,
};
use super::context::Context;
use super::lexicon::{Role, lexicon};
use super::segments::line_parts;
use crate::ids::{IdKind, LOOKALIKES, bic_valid, iban_shaped, ids_in, misread_vat_id};
use crate::values::{currencies_in, dates_in, resolve_krone};

/// The header fields found by labels.
#[derive(Debug, Default)]
pub struct Header {
    pub invoice_number: Option<Candidate<String>>,
    pub issue_date: Option<Candidate<NaiveDate>>,
    pub due_date: Option<Candidate<NaiveDate>>,
    pub currency: Option<Candidate<String>>,
    pub net_total: Option<Candidate<Decimal>>,
    pub vat_total: Option<Candidate<Decimal>>,
    pub gross_total: Option<Candidate<Decimal>>,
    pub tip: Option<Candidate<Decimal>>,
    /// Cash tendered minus change given: what was paid in cash.
    pub paid: Option<Candidate<Decimal>>,
    /// Cash tendered, where no change was read.
    pub tendered: Option<Candidate<Decimal>>,
    /// The amount charged to a card.
    pub card: Option<Candidate<Decimal>>,
    /// A discount is taken off the subtotal ("Coupon Discount 8.40").
    pub discounted: bool,
    pub payment_reference: Option<Candidate<String>>,
    pub iban: Option<Candidate<String>>,
    pub swift: Option<Candidate<String>>,
    /// The document rounds its total to the coin (it prints a rounding line).
    pub rounded: bool,
}

/// How far a total rounded to the coin may be from the unrounded one.
pub const ROUNDING_LIMIT: Decimal = Decimal::from_parts(10, 0, 0, false, 2);

/// Reads the labelled header fields; `receipt`: the document is a receipt.
pub fn read(ctx: &Context<'_>, receipt: bool) -> Header {
    let date = |roles: &[Role]| {
        best(ctx, roles, |s| {
            let read = dates_in(s.text, ctx.order).first().map(|d| (d.date, 1.0));
            read.or_else(|| {
                ctx.ocr_pages.contains(&s.segment.page).then(|| separators_lost(s.text, ctx.order)).flatten()
            })
        })
    };
    // Total labels that run on in the same word on several lines ("Total 0%
    // supplies:", "Total 6% supplies (excl. GST):") print a breakdown;
    // their figures are the document's total less often than a total's
    // label standing alone.
    let mut counts: HashMap<String, usize> = HashMap::new();
    for (i, h) in ctx.labels().filter(|(_, h)| h.label.role == Role::GrossTotal) {
        if let Some(w) = first_word(&ctx.layout.segments[i].text[h.rest..]) {
            *counts.entry(w).or_default() += 1;
        }
    }
    let run_on: Vec<String> = counts.into_iter().filter(|(_, n)| *n >= 2).map(|(w, _)| w).collect();
    let amounts = |roles: &[Role]| {
        all(ctx, roles, |s| {
            // "Moms 25% af 272 970,02      DKK 68 242,51": the amount at the
            // right end of the line is the total, not the one in the label's text.
            let right = ctx.right_of(s.index).map(|r| ctx.layout.segments[r].text.as_str());
            if s.place == Place::Inline && right.is_some_and(|t| last_amount(ctx, t).is_some()) {
                return None;
            }
            // A line of several parts ("TVA : FR119… - SIRET : … - SARL au
            // capital de 120 000,00 €"): the label's value is in its own part.
            let text = if s.place == Place::Inline { line_parts(s.text)[0] } else { s.text };
            let below = (s.place == Place::Below).then(|| column_total(ctx, s.index)).flatten();
            let value = below.or_else(|| last_amount(ctx, text))?;
            let breakdown =
                roles == [Role::GrossTotal] && first_word(s.after_label).is_some_and(|w| run_on.contains(&w));
            // A whole number ("Total 1", or "Total OK 14 49" read from a
            // faded "14.35") is a count or a fragment more often than a
            // total, which prints its cents: a total under a more specific
            // label read with some doubt is likelier.
            let whole = value.scale() == 0;
            Some((value, if breakdown { 0.8 } else { 1.0 } * if whole { 0.6 } else { 1.0 }))
        })
    };
    let amount = |roles: &[Role]| amounts(roles).into_iter().reduce(Candidate::better);
    let rounding = ctx.labels().find(|(_, h)| h.label.role == Role::Rounding).map(|(i, _)| i);
    let title = title(ctx);
    let nets = amounts(&[Role::NetTotal]);
    // After the rounding line, a net label's figure (below) or one on a
    // further rounding line ("Rounding Adjustment RM 0.02 / Rounding RM
    // 14.40", a "Rounded total" read short) may be the rounded total.
    let grosses = amounts(&[Role::GrossTotal]);
    // A total with the tip added to another is what was paid; the bill's
    // total is the one before the tip ("MOKĖTI 138,47 / Arbatpinigiai 11,08
    // / Iš viso sumokėta 149,55").
    let tip = amount(&[Role::Tip]);
    let tipped = |g: &Candidate<Decimal>| {
        tip.as_ref()
            .filter(|t| !t.value.is_zero())
            .is_some_and(|t| grosses.iter().any(|b| b.value + t.value == g.value))
    };
    let grosses: Vec<Candidate<Decimal>> = grosses.iter().filter(|g| !tipped(g)).cloned().collect();
    let near_total = |c: &Candidate<Decimal>| {
        c.value.abs() > ROUNDING_LIMIT && grosses.iter().any(|g| (g.value - c.value).abs() <= ROUNDING_LIMIT)
    };
    let after_rounding: Vec<Candidate<Decimal>> =
        nets.iter().cloned().chain(amounts(&[Role::Rounding]).into_iter().filter(near_total)).collect();
    let (cash, change) = (amount(&[Role::Cash]), amount(&[Role::Change]));
    let tendered = if change.is_none() { cash.clone() } else { None };
    let paid = paid(cash, change);
    let gross_total = settled_total(&grosses, rounding.map(|r| (r, &after_rounding[..])), paid.as_ref());
    // A net label whose figure is the total paid (after a rounding line)
    // gives no net.
    let nets: Vec<Candidate<Decimal>> =
        nets.into_iter().filter(|n| gross_total.as_ref().is_none_or(|g| g.segment != n.segment)).collect();
    let net_total = nets.iter().cloned().reduce(Candidate::better);
    let vats = amounts(&[Role::VatTotal]);
    // Of several net figures, one with which a VAT figure adds up to the
    // gross is the total ("Basisbetrag: -2,90" is a discount's base).
    let adds_up = |n: &Candidate<Decimal>| {
        gross_total.as_ref().is_some_and(|g| vats.iter().any(|v| n.value + v.value == g.value))
    };
    let net_total = if net_total.as_ref().is_some_and(adds_up) {
        net_total
    } else {
        nets.iter().find(|n| adds_up(n)).cloned().or(net_total)
    };
    let vat_total = adding_up(vats, net_total.as_ref(), gross_total.as_ref());
    Header {
        invoice_number: invoice_number(ctx).or_else(|| title.as_ref().map(|t| t.number.clone())),
        issue_date: date(&[Role::IssueDate])
            .or_else(|| title.and_then(|t| t.date))
            .or_else(|| unlabelled_date(ctx))
            .or_else(|| stamped_date(ctx))
            .or_else(|| sole_date(ctx))
            .or_else(|| if receipt { till_date(ctx).or_else(|| run_together_date(ctx)) } else { None }),
        due_date: date(&[Role::DueDate]).or_else(|| terms_due_date(ctx)),
        currency: currency(ctx),
        net_total,
        vat_total,
        gross_total,
        tip,
        paid,
        tendered,
        card: amount(&[Role::Card]),
        discounted: discounted(ctx),
        payment_reference: payment_reference(ctx),
        iban: id(ctx, Role::Iban, IdKind::Iban),
        swift: id(ctx, Role::Swift, IdKind::Bic),
        rounded: rounding.is_some(),
    }
}

/// A numeric date at the start of a labelled value whose separators OCR
/// garbled ("09- 06 2018", "01- -06-2018"): day, month and a four-figure
/// year apart by any run of dashes, slashes, dots and spaces. Less sure
/// than a date read whole.
fn separators_lost(text: &str, order: crate::values::DateOrder) -> Option<(NaiveDate, f32)> {
    let run: &str = text.trim_start().split(|c: char| !(c.is_ascii_digit() || "-/. ".contains(c))).next()?;
    let groups: Vec<&str> = run.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let [a, b, year, ..] = groups[..] else { return None };
    if a.len() > 2 || b.len() > 2 || year.len() != 4 {
        return None;
    }
    dates_in(&format!("{a}/{b}/{year}"), order).first().map(|d| (d.date, 0.8))
}

/// The first word of `text` (two letters or more, small letters), other
/// than a currency's code or sign.
fn first_word(text: &str) -> Option<String> {
    let mut rest = text.to_owned();
    for (start, end, _) in currencies_in(text).into_iter().rev() {
        rest.replace_range(start..end, " ");
    }
    rest.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .find(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
        .map(str::to_lowercase)
}

/// The total at the foot of a column of figures under a total's label, as
/// in a summary table with a row per VAT rate ("Nettobetrag" over "-4,85",
/// "-2,82", "-7,67"): the last figure, where the ones above add up to it.
/// `first` is the segment right under the label.
fn column_total(ctx: &Context<'_>, first: usize) -> Option<Decimal> {
    let segs = &ctx.layout.segments;
    let sole_amount = |j: usize| match crate::values::amounts_in(&segs[j].text, ctx.hint).as_slice() {
        [m] if m.start == 0 && m.end >= segs[j].text.trim_end().len() => Some(m.value),
        _ => None,
    };
    let mut figures = vec![sole_amount(first)?];
    let mut j = first;
    while let Some(next) = ctx.below(j)
        && let Some(v) = sole_amount(next)
    {
        figures.push(v);
        j = next;
    }
    let (total, rows) = figures.split_last()?;
    (rows.len() >= 2 && rows.iter().sum::<Decimal>() == *total).then_some(*total)
}

/// The VAT total: of the amounts VAT labels announce, the one with which net
/// and VAT add up to the gross ("Umsatzsteuer 7 %  275,00" is a rate's base,
/// "Steuerbetrag 56,87" the total), or else the most telling.
fn adding_up(
    vats: Vec<Candidate<Decimal>>,
    net: Option<&Candidate<Decimal>>,
    gross: Option<&Candidate<Decimal>>,
) -> Option<Candidate<Decimal>> {
    if let (Some(n), Some(g)) = (net, gross)
        && let Some(c) = vats.iter().find(|c| n.value + c.value == g.value)
    {
        return Some(c.clone());
    }
    vats.into_iter().reduce(Candidate::better)
}

/// True when a line opening with a discount's label shows a figure other
/// than zero ("Coupon Discount 8.40"; "Discount 0 8.80" with its colon read
/// as a nought).
fn discounted(ctx: &Context<'_>) -> bool {
    let segs = &ctx.layout.segments;
    ctx.labels().filter(|(_, h)| h.label.role == Role::Discount).any(|(i, _)| {
        ctx.layout
            .on_line(segs[i].page, segs[i].line)
            .flat_map(|s| crate::values::amounts_in(&s.text, ctx.hint))
            .any(|a| !a.value.is_zero())
    })
}

/// What was paid in cash: the cash tendered minus the change given back,
/// where both are read and the change is less than the cash.
fn paid(cash: Option<Candidate<Decimal>>, change: Option<Candidate<Decimal>>) -> Option<Candidate<Decimal>> {
    let (cash, change) = (cash?, change?);
    if change.value.is_sign_negative() || cash.value <= change.value {
        return None;
    }
    let value = cash.value - change.value;
    Some(Candidate { value, score: 0.6, source: "cash tendered minus change".into(), ..cash })
}

/// The total, checked against a cash payment (`paid`). A total equal to it
/// is confirmed (or the total label that gives it is chosen); with no
/// readable total, it is the total, unconfirmed.
fn settled_total(
    totals: &[Candidate<Decimal>],
    rounding: Option<(usize, &[Candidate<Decimal>])>,
    paid: Option<&Candidate<Decimal>>,
) -> Option<Candidate<Decimal>> {
    let best = rounded_total(totals, rounding);
    let Some(paid) = paid else { return best };
    let confirmed = best.iter().chain(totals).find(|t| t.value == paid.value);
    if let Some(t) = confirmed {
        return Some(Candidate { score: VERIFIED, ..t.clone() });
    }
    best.or_else(|| Some(paid.clone()))
}

/// The most telling total, except that after a rounding line (segment
/// `rounding`: "Total 127.37 / Rounding Adj -0.02 / Total After Adj 127.35")
/// the total printed there, a few cents off one before it, is what is paid.
/// It may carry a net label there ("Nett Total: RM7.70" under "Rounding:
/// -RM0.02"): net of the rounding, not of tax, since it follows the total;
/// or a second rounding label, a "Rounded total" read short. Those figures
/// are `later`.
fn rounded_total(
    totals: &[Candidate<Decimal>],
    rounding: Option<(usize, &[Candidate<Decimal>])>,
) -> Option<Candidate<Decimal>> {
    let Some((rounding, later)) = rounding else { return totals.iter().cloned().reduce(Candidate::better) };
    // With no total labelled, a net total under the rounding line is the
    // rounded total ("GST 6%  0.42 / Rounding Adj -0.02 / Net Total  7.40").
    let Some(best) = totals.iter().cloned().reduce(Candidate::better) else {
        return later.iter().filter(|c| c.segment > rounding).min_by_key(|c| c.segment).cloned();
    };
    let before: Vec<Decimal> = totals.iter().filter(|c| c.segment < rounding).map(|c| c.value).collect();
    let after = totals
        .iter()
        .chain(later)
        .filter(|c| {
            c.segment > rounding && before.iter().any(|&v| c.value != v && (c.value - v).abs() <= ROUNDING_LIMIT)
        })
        .min_by_key(|c| c.segment);
    Some(after.map_or(best.clone(), |c| Candidate { score: c.score.max(best.score), ..c.clone() }))
}

/// A date printed without a label near the top of the first page (under the
/// title, beside the number): the issue date, unless a label of another date
/// stands to its left or above it. A time may follow it.
fn unlabelled_date(ctx: &Context<'_>) -> Option<Candidate<NaiveDate>> {
    let segs = &ctx.layout.segments;
    let page = ctx.doc.pages.first()?;
    segs.iter().enumerate().take_while(|(_, s)| s.page == 1).find_map(|(i, s)| {
        if s.bbox.y0 > page.height * 0.4 || ctx.label_of(i).is_some() || ctx.in_item_row(s) {
            return None;
        }
        let found = dates_in(&s.text, ctx.order);
        let d = found.first().filter(|d| d.start == 0)?;
        let rest = s.text[d.end..].trim();
        if found.len() > 1 || !(rest.is_empty() || is_time(rest)) {
            return None;
        }
        if another_date(ctx, i) {
            return None;
        }
        Some(Candidate::at(ctx, i, d.date, 0.7))
    })
}

/// How much a due date read from a payment-terms sentence is believed.
const TERMS_SCORE: f32 = 0.7;

/// The due date that a payment-terms sentence gives: the first date after an
/// "until" word in a text that opens with a payment lead ("Zahlbar innerhalb
/// 30 Tagen netto bis 04.04.2013, 3% Skonto … bis 15.03.2013" gives
/// 04.04.2013; the later date is the discount's).
fn terms_due_date(ctx: &Context<'_>) -> Option<Candidate<NaiveDate>> {
    ctx.layout.segments.iter().enumerate().find_map(|(i, s)| {
        let lang = lexicon().due_lead(&s.text)?;
        let d = dates_in(&s.text, ctx.order)
            .into_iter()
            .find(|d| lexicon().ends_with_due_until(s.text[..d.start].trim_end(), lang))?;
        Some(Candidate::at(ctx, i, d.date, TERMS_SCORE))
    })
}

/// True when a label of another date (due date, delivery date) stands left
/// of segment `i` or just above it.
fn another_date(ctx: &Context<'_>, i: usize) -> bool {
    let segs = &ctx.layout.segments;
    let s = &segs[i];
    let other_date = |j: usize| ctx.label_of(j).is_some_and(|h| matches!(h.label.role, Role::DueDate | Role::Avoid));
    let left = i.checked_sub(1).filter(|&j| segs[j].page == s.page && segs[j].line == s.line);
    let lh = ctx.layout.line_height(s.page);
    let mut above = (0..i).filter(|&j| {
        let a = &segs[j];
        a.page == s.page && a.line < s.line && s.bbox.y0 - a.bbox.y1 <= lh * 2.2 && a.overlaps_x(s)
    });
    other_date(i) || left.is_some_and(other_date) || above.any(other_date)
}

/// A date with a time of day after it anywhere on the first page
/// ("29-12-2017 Time : 20:17", "21/09/2017 10:20:37 AM"): the moment a
/// receipt was printed, unless a label of another date announces it.
fn stamped_date(ctx: &Context<'_>) -> Option<Candidate<NaiveDate>> {
    let segs = &ctx.layout.segments;
    segs.iter().enumerate().take_while(|(_, s)| s.page == 1).find_map(|(i, s)| {
        let found = dates_in(&s.text, ctx.order);
        let d = found.first()?;
        // The time may stand apart, in the next segment of the line.
        let next = ctx.right_of(i).map_or("", |j| segs[j].text.as_str());
        let after = format!("{} {next}", &s.text[d.end..]);
        let rest = after.trim_start();
        let rest = rest
            .split_once(':')
            .filter(|(label, _)| label.trim().eq_ignore_ascii_case("time"))
            .map_or(rest, |(_, r)| r);
        let time = rest.split_whitespace().next().is_some_and(is_time);
        (time && !another_date(ctx, i)).then(|| Candidate::at(ctx, i, d.date, 0.65))
    })
}

/// The one date printed on the first page, wherever it stands ("Tax Invoice:
/// BAT0220180312 12/03/18"), when no other date is printed there and no
/// label of another date announces it.
fn sole_date(ctx: &Context<'_>) -> Option<Candidate<NaiveDate>> {
    let mut found: Option<(usize, NaiveDate)> = None;
    for (i, s) in ctx.layout.segments.iter().enumerate().take_while(|(_, s)| s.page == 1) {
        for d in dates_in(&s.text, ctx.order) {
            if another_date(ctx, i) {
                return None;
            }
            match found {
                Some((_, date)) if date != d.date => return None,
                Some(_) => {}
                None => found = Some((i, d.date)),
            }
        }
    }
    found.map(|(i, date)| Candidate::at(ctx, i, date, 0.6))
}

/// A till slip's date printed as "dd-mm-yy" with no time readable beside it
/// ("563094 14-12-16"): on a receipt, which prints no bank sort code (the
/// other thing written so), the one such group that makes a date is its date.
fn till_date(ctx: &Context<'_>) -> Option<Candidate<NaiveDate>> {
    let found = word_dates(ctx, |token| {
        let groups: Vec<&str> = token.split('-').collect();
        if groups.len() != 3 || !groups.iter().all(|g| g.len() == 2 && g.chars().all(|c| c.is_ascii_digit())) {
            return None;
        }
        dates_in(&groups.join("/"), ctx.order).first().map(|d| d.date)
    });
    let &(i, date) = found.first()?;
    found.iter().all(|(_, d)| *d == date).then(|| Candidate::at(ctx, i, date, 0.55))
}

/// A receipt's date whose separators OCR lost altogether ("30032018
/// CS-20322"): on a scanned first page that prints no other date, the one
/// word of eight figures that makes a date of this century, day and month
/// in the document's order.
fn run_together_date(ctx: &Context<'_>) -> Option<Candidate<NaiveDate>> {
    if !ctx.ocr_pages.contains(&1) {
        return None;
    }
    let found = word_dates(ctx, |token| {
        if token.len() != 8 || !token.chars().all(|c| c.is_ascii_digit()) || !token[4..].starts_with("20") {
            return None;
        }
        let written = format!("{}/{}/{}", &token[..2], &token[2..4], &token[4..]);
        dates_in(&written, ctx.order).first().map(|d| d.date)
    });
    let [(i, date)] = found[..] else { return None };
    Some(Candidate::at(ctx, i, date, RUN_TOGETHER_DATE))
}

/// The dates `parse` reads from the words of the first page, in reading
/// order, each with its segment.
fn word_dates(ctx: &Context<'_>, parse: impl Fn(&str) -> Option<NaiveDate>) -> Vec<(usize, NaiveDate)> {
    let mut found = Vec::new();
    for (i, s) in ctx.layout.segments.iter().enumerate().take_while(|(_, s)| s.page == 1) {
        found.extend(s.text.split_whitespace().filter_map(&parse).map(|d| (i, d)));
    }
    found
}

/// How much a date read from eight figures run together is believed.
const RUN_TOGETHER_DATE: f32 = 0.45;

/// "18:16", "18:16:04", "8:01:11 PM": a time of day.
fn is_time(text: &str) -> bool {
    let text = text.trim();
    let text = ["am", "pm", "AM", "PM"].iter().find_map(|m| text.strip_suffix(m)).unwrap_or(text).trim();
    let parts: Vec<&str> = text.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| (1..=2).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
}

/// What a document's title line states about it.
struct Title {
    number: Candidate<String>,
    date: Option<Candidate<NaiveDate>>,
}

/// How many words may stand between a title word and the number label
/// ("Rechnung des Versicherers (575) Nr. …").
const TITLE_REACH: usize = 4;

/// How many words may come before a title word ("Buchungshilfe - KEINE
/// Rechnung Nr. …": a dash counts as a word).
const TITLE_START: usize = 4;

/// The first line of the first page that names the document and gives its
/// number, and perhaps its date ("Handelsrechnung (380) Nr. 471102 vom
/// 05.03.2018", "Rechnung # RE-20140522/501 vom 22.05.2014", "Facture
/// FA-2017-0009", "Invoice INV-7 dated 3 March 2025"). The number follows the
/// title word at once (or after "#"), or after a number label a few words on;
/// a code in brackets ("(380)") is skipped.
fn title(ctx: &Context<'_>) -> Option<Title> {
    let segs = &ctx.layout.segments;
    segs.iter().enumerate().take_while(|(_, s)| s.page == 1).find_map(|(i, s)| {
        if ctx.in_item_row(s) || ctx.is_table_header(s.page, s.line) {
            return None;
        }
        let words = word_spans(&s.text);
        let t = words.iter().take(TITLE_START).position(|(_, w)| is_title_word(w))?;
        let mut number = None;
        // Where a number with no label before it may stand.
        let mut next = t + 1;
        for (k, &(at, word)) in words.iter().enumerate().skip(t + 1).take(TITLE_REACH + 1) {
            let rest = &s.text[at..];
            if (word.starts_with('(') && word.ends_with(')')) || word == "№" || lone_mark(word) {
                if k == next {
                    next += 1;
                }
                continue;
            }
            if let Some(h) = lexicon().label_at_start(rest).filter(|h| h.label.role == Role::InvoiceNumber) {
                number = number_token(&rest[h.rest..]).map(|n| (n, at + h.rest));
                break;
            }
            if k == next {
                number = number_token(word).map(|n| (n, at));
                if number.is_some() {
                    break;
                }
            }
        }
        let (number, at) = number?;
        let after = &s.text[at..];
        let date = dates_in(after, ctx.order).first().map(|d| Candidate::at(ctx, i, d.date, TITLE_SCORE));
        // A title too long for one line may give its date on the next, alone
        // or after one short word ("vom 05.03.2018").
        let date = date.or_else(|| {
            let j = ctx.line_start_after(i)?;
            let below = &segs[j];
            let lh = ctx.layout.line_height(s.page);
            if below.line != s.line + 1 || below.bbox.y0 - s.bbox.y1 > lh {
                return None;
            }
            let d = dates_in(&below.text, ctx.order).into_iter().next()?;
            let rest = format!("{} {}", &below.text[..d.start], &below.text[d.end..]);
            let words: Vec<&str> = rest.split_whitespace().collect();
            let short = |w: &&str| w.chars().count() <= 5 && w.chars().all(char::is_alphabetic);
            (words.len() <= 1 && words.iter().all(short)).then(|| Candidate::at(ctx, j, d.date, TITLE_SCORE))
        });
        Some(Title { number: Candidate::at(ctx, i, number, TITLE_SCORE), date })
    })
}

/// The belief in a number or date read from the title line.
const TITLE_SCORE: f32 = 0.8;

/// A word that names the document: an invoice or credit-note title
/// ("Invoice", "Facture"), or a German compound built on one
/// ("Handelsrechnung", "Baurechnung").
fn is_title_word(word: &str) -> bool {
    let lower = word.to_lowercase();
    let title_role = |w: &str| {
        lexicon()
            .label_at_start(w)
            .is_some_and(|h| matches!(h.label.role, Role::Invoice | Role::CreditNote) && w[h.rest..].trim().is_empty())
    };
    title_role(&lower)
        || lexicon().title_compounds().iter().any(|c| lower.len() > c.len() && lower.ends_with(c.as_str()))
}

/// The words of `text` with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

/// A "#" as printed after a label, or as OCR reads it ("Invoice 4
/// A/2024/921"): one character, but not a capital, which is a series ("A
/// 12345").
fn lone_mark(token: &str) -> bool {
    let mut chars = token.chars();
    chars.next().is_some_and(|c| !c.is_ascii_uppercase()) && chars.next().is_none()
}

/// A token that can be a document number: it holds a digit and only letters,
/// digits and the separators numbers are printed with, and it is more than
/// one character (a lone character is a misread "#", or a page's count).
fn number_token(text: &str) -> Option<String> {
    let mut tokens = text.split_whitespace().peekable();
    if tokens.peek().is_some_and(|t| lone_mark(t)) {
        tokens.next();
    }
    let first = tokens.next()?;
    // A series printed before the number ("AB 021760"): capitals, then digits.
    let series = (1..=4).contains(&first.len()) && first.chars().all(|c| c.is_ascii_uppercase());
    if series && let Some(n) = tokens.next().filter(|n| n.chars().all(|c| c.is_ascii_digit())) {
        return Some(format!("{first} {n}"));
    }
    let token = first.trim_end_matches([',', ';', '.']);
    // A number may hold a date's shape in part ("8354/83/4151"); it may not
    // be a date.
    let ok = token.chars().any(|c| c.is_ascii_digit())
        && token.chars().all(|c| c.is_alphanumeric() || "-/_.#".contains(c))
        && !is_whole_date(token);
    ok.then(|| token.trim_start_matches('#').to_owned())
}

/// A document number as a text layer prints it after its label on the same
/// line, where it has no digit or joins its parts with signs other numbers do
/// not ("Vat-Z", "061828591|01/10/2020|0|1.1|0|1"): one token of letters and
/// figures in two or more parts. (OCR may misread a letter or a sign, so
/// there a number needs its digit.)
fn printed_number(text: &str) -> Option<String> {
    let token = text.split_whitespace().next()?.trim_end_matches([',', ';', '.']);
    let parts: Vec<&str> = token.split(['-', '/', '_', '|', '.']).collect();
    let ok = parts.len() >= 2 && parts.iter().all(|p| !p.is_empty() && p.chars().all(char::is_alphanumeric));
    (ok && !is_whole_date(token)).then(|| token.to_owned())
}

/// True when the whole token is a date, which no document number is.
fn is_whole_date(token: &str) -> bool {
    dates_in(token, Default::default()).iter().any(|d| d.start == 0 && d.end == token.len())
}

/// A number after a label's dotted leader, which OCR reads as a word or two
/// of letters ("Fakturanr. TRS Megas 226997"): the first token of four or
/// more digits after at most two short words of letters only.
fn past_leader(text: &str) -> Option<String> {
    let tokens: Vec<&str> = text.split_whitespace().take(3).collect();
    let at = tokens.iter().position(|t| t.chars().filter(char::is_ascii_digit).count() >= 4)?;
    let leader = tokens[..at].iter().all(|t| t.chars().count() <= 6 && t.chars().all(char::is_alphabetic));
    (at > 0 && leader).then(|| number_token(tokens[at])).flatten()
}

/// The document number; a Lithuanian series printed apart ("Serija AB Nr.
/// 0012345") is joined to the number with one space.
fn invoice_number(ctx: &Context<'_>) -> Option<Candidate<String>> {
    // "Serija ABC Nr. 0168484": the series, and often the number after it.
    let parse = |s: &Source<'_>| {
        let mut tokens = s.text.split_whitespace();
        let series = tokens.next()?;
        let ok = series.chars().all(char::is_alphanumeric) && series.chars().any(char::is_alphabetic);
        let rest = tokens.collect::<Vec<_>>().join(" ");
        // The number follows its own label, or, under a label naming both
        // ("Serija ir numeris KSF 0063742"), the series itself.
        let number = lexicon()
            .label_at_start(&rest)
            .filter(|h| h.label.role == Role::InvoiceNumber)
            .and_then(|h| number_token(&rest[h.rest..]))
            .or_else(|| {
                let next = rest.split_whitespace().next()?;
                (next.len() >= 3 && next.chars().all(|c| c.is_ascii_digit())).then(|| next.to_owned())
            });
        // On a page read by OCR the number may stand under the series with
        // its short label misread ("Serija AB" over "NE 29998" for "Nr.").
        // (Where the series stands in a column of values right of its label,
        // the misread label stands at the left of the number's line.)
        let under = || {
            let j = ctx.below(s.index).filter(|_| ctx.ocr_pages.contains(&s.segment.page))?;
            let below = &ctx.layout.segments[j];
            number_under_misread_label(&below.text).or_else(|| {
                let left = j.checked_sub(1).map(|k| &ctx.layout.segments[k]).filter(|l| l.line == below.line);
                let l = left.filter(|_| s.place == Place::Right)?;
                number_under_misread_label(&format!("{} {}", l.text, below.text))
            })
        };
        let (number, quality) = match number {
            Some(n) => (Some(n), 1.0),
            None => under().map_or((None, 1.0), |n| (Some(n), 0.8)),
        };
        ok.then(|| ((series.to_owned(), number), quality))
    };
    let series = best(ctx, &[Role::Series], parse).or_else(|| series_under_its_label(ctx, parse));
    let number = best(ctx, &[Role::InvoiceNumber], |s| {
        // "Sąskaitos Nr." names a bank account as well as an invoice: a
        // value that is an IBAN is the account's.
        if opens_with_iban(s.text) {
            return None;
        }
        let ocr = ctx.ocr_pages.contains(&s.segment.page);
        let twin = || s.text.split_whitespace().next().and_then(|t| clean_twin(ctx, t)).filter(|_| ocr);
        number_token(s.text)
            .map(|t| (t, 1.0))
            .or_else(|| past_leader(s.text).map(|t| (t, 0.8)))
            .or_else(|| twin().map(|t| (t, 0.8)))
            .or_else(|| printed_number(s.text).filter(|_| !ocr && s.place == Place::Inline).map(|t| (t, 0.7)))
    });
    let Some(series) = series else { return number };
    let joined =
        |n: &str| if n.starts_with(&series.value.0) { n.to_owned() } else { format!("{} {n}", series.value.0) };
    if let Some(n) = &series.value.1 {
        let value = joined(n);
        return Some(Candidate {
            value,
            score: series.score,
            page: series.page,
            bbox: series.bbox,
            source: series.source.clone(),
            segment: series.segment,
        });
    }
    match number {
        Some(mut number) if near(ctx, &series, &number) => {
            number.value = joined(&number.value);
            Some(number)
        }
        number => number,
    }
}

/// A series that is a word of the lexicon standing under its label alone
/// ("PVM" under "Serija" in a grid, the VAT label's word), which the
/// candidates pass over as a label of its own: read with `parse`.
fn series_under_its_label<'a, T>(
    ctx: &'a Context<'a>,
    parse: impl Fn(&Source<'a>) -> Option<(T, f32)>,
) -> Option<Candidate<T>> {
    ctx.labels().filter(|(_, hit)| hit.label.role == Role::Series).find_map(|(i, hit)| {
        let label = &ctx.layout.segments[i];
        let j = ctx.below(i).filter(|_| label.text[hit.rest..].trim().is_empty())?;
        ctx.label_of(j)?;
        let s = &ctx.layout.segments[j];
        let first = s.text.split_whitespace().next()?;
        if first.chars().count() > 4 || !first.chars().all(char::is_uppercase) {
            return None;
        }
        let source = Source { text: &s.text, segment: s, index: j, place: Place::Below, after_label: "" };
        let (value, quality) = parse(&source)?;
        Some(Candidate::at(ctx, j, value, source.belief(&hit, quality)))
    })
}

/// The number on a line that opens with a short word of letters where the
/// number's label stands ("NE 29998" for "Nr. 29998"): a word of one to
/// three letters (a point after it aside), then four or more figures.
fn number_under_misread_label(text: &str) -> Option<String> {
    let mut tokens = text.split_whitespace();
    let label = tokens.next()?.trim_end_matches('.');
    let short = (1..=3).contains(&label.chars().count()) && label.chars().all(char::is_alphabetic);
    let number = tokens.next()?;
    let figures = number.chars().filter(char::is_ascii_digit).count() >= 4;
    (short && figures && lexicon().label_at_start(text).is_none()).then(|| number_token(number)).flatten()
}

fn near<A, B>(ctx: &Context<'_>, a: &Candidate<A>, b: &Candidate<B>) -> bool {
    a.page == b.page && (a.bbox.center_y() - b.bbox.center_y()).abs() <= ctx.layout.line_height(a.page) * 2.5
}

fn currency(ctx: &Context<'_>) -> Option<Candidate<String>> {
    let fallback = match ctx.lang {
        Some(super::lexicon::Lang::Da) => "DKK",
        _ => "",
    };
    let resolve = |code: &'static str| {
        let c = resolve_krone(code, fallback);
        (!c.is_empty() && c != crate::values::KRONE).then(|| c.to_owned())
    };
    if let Some(c) =
        best(ctx, &[Role::Currency], |s| currencies_in(s.text).first().and_then(|c| resolve(c.2)).map(|c| (c, 1.0)))
    {
        return Some(c);
    }
    // Otherwise the currency printed most often next to amounts.
    // (times seen, first segment, seen as other than the `$` sign, which many
    // currencies share)
    let mut counts: std::collections::BTreeMap<String, (usize, usize, bool)> = Default::default();
    for (i, seg) in ctx.layout.segments.iter().enumerate() {
        for (start, end, code) in currencies_in(&seg.text) {
            if let Some(c) = resolve(code) {
                let e = counts.entry(c).or_insert((0, i, false));
                e.0 += 1;
                e.2 |= &seg.text[start..end] != "$";
            }
        }
    }
    // Of two seen as often, a code or sign of one currency outranks the `$`
    // (on a scan, an "S" read as "$": "$1-14721" for "SI-14721").
    let (code, (n, i, plain)) = counts.into_iter().max_by_key(|(_, (n, _, plain))| (*n, *plain))?;
    let score = match (plain, n >= 2) {
        (false, _) => 0.6,
        (true, true) => 0.9,
        (true, false) => 0.75,
    };
    Some(Candidate::at(ctx, i, code, score))
}

/// An identifier of `kind` after a label of `role`, or anywhere on the page
/// when unlabelled (valid checksums only).
fn id(ctx: &Context<'_>, role: Role, kind: IdKind) -> Option<Candidate<String>> {
    // An account the amount is debited from is the customer's.
    let debit = |text: &str| kind == IdKind::Iban && lexicon().is_debit_text(text);
    let labelled = best(ctx, &[role], |s| {
        if debit(&s.segment.text) {
            return None;
        }
        let Some(m) = ids_in(s.text).into_iter().find(|m| m.kind == kind) else {
            let ocr = ctx.ocr_pages.contains(&s.segment.page);
            // An IBAN printed in a column of its own beside its label, whole
            // but with check digits that fail, is what the issuer printed
            // (a misread would not keep the country's layout); reported
            // unconfirmed. On an OCR page it is more likely misread.
            if kind == IdKind::Iban {
                let text = s.text.trim();
                let compact = || text.split_whitespace().collect::<String>().to_ascii_uppercase();
                return (!ocr && iban_shaped(text)).then(|| ((compact(), false), 0.5));
            }
            // A BIC in the column beside its label: the label stands apart,
            // so the value is a BIC by its place, letters only or not
            // ("BIC   NDEADKKK").
            if kind == IdKind::Bic {
                let text = s.text.trim();
                let capitals = text.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
                return (capitals && bic_valid(text)).then(|| ((text.to_owned(), true), 1.0));
            }
            // On an OCR page, a VAT id with one letter misread, which its
            // checksum confirms once mended; still a guess, so not verified.
            return misread_vat_id(s.text).filter(|_| ocr && kind == IdKind::VatId).map(|v| ((v, false), MENDED_ID));
        };
        Some(((m.value, m.valid), if m.valid { 1.0 } else { 0.5 }))
    })
    .map(|mut c| {
        // A labelled identifier whose checksum holds is confirmed.
        if c.value.1 {
            c.score = VERIFIED;
        }
        c.map(|(value, _)| value)
    });
    if labelled.as_ref().is_some_and(|c| c.score >= 0.6) {
        return labelled;
    }
    // (Nor is an account under a label kvitas avoids, "Käufer-IBAN".)
    let avoided = |i: usize| {
        let left = i.checked_sub(1).filter(|&l| ctx.right_of(l) == Some(i));
        [Some(i), left].into_iter().flatten().any(|j| ctx.label_of(j).is_some_and(|h| h.label.role == Role::Avoid))
    };
    let anywhere =
        ctx.layout.segments.iter().enumerate().filter(|(i, seg)| !debit(&seg.text) && !avoided(*i)).find_map(
            |(i, seg)| {
                let m = ids_in(&seg.text).into_iter().find(|m| m.kind == kind && m.valid).or_else(|| {
                    // An IBAN that wraps onto the next line ("… LT26 7290
                    // 0855 3454" over "0191"); mod-97 and the country's
                    // length decide which of that line's groups end it.
                    let next = (kind == IdKind::Iban && has_iban_start(&seg.text)).then(|| ctx.next_line_text(i))??;
                    let text = format!("{}\n{next}", seg.text);
                    ids_in(&text).into_iter().find(|m| m.kind == kind && m.valid && m.start < seg.text.len())
                })?;
                Some(Candidate::at(ctx, i, m.value, 0.85))
            },
        );
    match (labelled, anywhere) {
        (Some(a), Some(b)) => Some(a.better(b)),
        (a, b) => a.or(b),
    }
}

/// An identifier read by OCR with a character no identifier holds ("S!-919823",
/// "$1-020315") that the page prints cleanly elsewhere ("Please quote
/// reference: SI-919823"): the clean spelling, where exactly one differs from
/// it only in look-alike characters.
fn clean_twin(ctx: &Context<'_>, value: &str) -> Option<String> {
    let clean = |t: &str| t.chars().all(|c| c.is_alphanumeric() || "-/.".contains(c));
    if clean(value) {
        return None;
    }
    let alike = |a: char, b: char| a == b || LOOKALIKES.iter().any(|g| g.contains(a) && g.contains(b));
    let want: Vec<char> = value.chars().collect();
    let twins: std::collections::BTreeSet<&str> = ctx
        .layout
        .segments
        .iter()
        .flat_map(|s| s.text.split_whitespace())
        .map(|t| t.trim_end_matches([',', '.', ';', ':']))
        .filter(|t| clean(t) && t.chars().count() == want.len())
        .filter(|t| t.chars().zip(&want).all(|(a, b)| alike(a, *b)))
        .collect();
    match twins.into_iter().collect::<Vec<_>>()[..] {
        [one] => Some(one.to_owned()),
        _ => None,
    }
}

/// True when `text` starts with an IBAN (spaced in fours or not), valid or
/// of an IBAN's shape.
fn opens_with_iban(text: &str) -> bool {
    let text = text.trim_start();
    ids_in(text).iter().any(|m| m.kind == IdKind::Iban && m.start == 0)
}

/// True when `text` holds a country code and two check digits, as an IBAN
/// starts ("DK56").
fn has_iban_start(text: &str) -> bool {
    text.as_bytes().windows(4).any(|w| {
        w[0].is_ascii_uppercase() && w[1].is_ascii_uppercase() && w[2].is_ascii_digit() && w[3].is_ascii_digit()
    })
}

/// A labelled payment reference, or a Danish FI payment line anywhere.
fn payment_reference(ctx: &Context<'_>) -> Option<Candidate<String>> {
    let fi = ctx.layout.segments.iter().enumerate().find_map(|(i, seg)| {
        let m = ids_in(&seg.text).into_iter().find(|m| m.kind == IdKind::FiLine)?;
        let score = if m.valid { VERIFIED } else { 0.6 };
        Some(Candidate::at(ctx, i, m.value, score))
    });
    if fi.is_some() {
        return fi;
    }
    // A reference of a word and a number ("Rechnung 181301674") is quoted
    // whole, also where the word is itself a label (so the value's segment is
    // no plain value).
    let word_and_number = |text: &str| match text.split_whitespace().collect::<Vec<_>>().as_slice() {
        [word, number] if word.chars().all(char::is_alphabetic) && number.chars().any(|c| c.is_ascii_digit()) => {
            Some(format!("{word} {}", number.trim_end_matches(['.', ','])))
        }
        _ => None,
    };
    let quoted = ctx.labels().filter(|(_, h)| h.label.role == Role::PaymentReference).find_map(|(i, h)| {
        let own = ctx.layout.segments[i].text[h.rest..].trim();
        let (at, text) = if own.is_empty() {
            let right = ctx.right_of(i)?;
            (right, ctx.layout.segments[right].text.as_str())
        } else {
            (i, own)
        };
        let score = (label_weight(&h) * 0.9).min(UNVERIFIED_MAX);
        Some(Candidate::at(ctx, at, word_and_number(text)?, score))
    });
    if quoted.is_some() {
        return quoted;
    }
    best(ctx, &[Role::PaymentReference], |s| {
        let token = s.text.split_whitespace().next()?.trim_end_matches(['.', ',']);
        // A reference carries a figure; one read below its label, at least four characters.
        let ok = token.chars().any(|c| c.is_ascii_digit()) && (s.place != Place::Below || token.len() >= 4);
        ok.then(|| (token.to_owned(), 0.9))
    })
}
