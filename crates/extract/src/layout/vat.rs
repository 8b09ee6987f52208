//! The VAT breakdown: one entry per rate, from tax lines such as
//! "21 %  5.031,70  1.056,66" (rate, taxable amount, tax) or
//! "PVM 21 %  903,49 EUR" (rate and tax only).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rust_decimal::{Decimal, RoundingStrategy};

use super::candidates::Candidate;
use super::context::Context;
use super::lexicon::{Role, lexicon};
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

/// Quantity × price rounded to cents, or `None` where figures read from a
/// page are too large to multiply.
pub fn line_amount(quantity: Decimal, price: Decimal) -> Option<Decimal> {
    quantity.checked_mul(price).map(round_cents)
}

/// Tax at `rate` on `net`, rounded to cents.
pub fn tax(net: Decimal, rate: Decimal) -> Decimal {
    round_cents(net * rate / Decimal::ONE_HUNDRED)
}

/// True when `vat` is the tax on `net` at `rate`, allowing a cent of rounding.
pub fn consistent(net: Decimal, vat: Decimal, rate: Decimal) -> bool {
    (tax(net, rate) - vat).abs() <= Decimal::new(1, 2)
}

/// True when a base and tax that agree at `rate` are evidence: at 0 % any
/// base agrees with a zero tax, which on a page read by OCR (`ocr`), where a
/// sign read as a figure can stand as the base, proves nothing.
pub fn agreement_confirms(rate: Decimal, ocr: bool) -> bool {
    !rate.is_zero() || !ocr
}

/// Reads the breakdown from lines that begin with a rate or a VAT label.
pub fn read(ctx: &Context<'_>) -> Vec<RateLine> {
    let mut by_rate: BTreeMap<Decimal, RateLine> = BTreeMap::new();
    let segs = &ctx.layout.segments;
    for range in ctx.layout.lines() {
        let (i, end) = (range.start, range.end);
        let (page, line) = (segs[i].page, segs[i].line);
        let ocr = ctx.ocr_pages.contains(&page);
        // On a scan a table's rule may be read as a bar before the rate ("| 0%").
        let bar = |t: &str| t.trim_start_matches(['|', '¦']).trim().is_empty();
        let i = if ocr && i + 1 < end && bar(&segs[i].text) { i + 1 } else { i };
        if !ctx.is_table_header(page, line) {
            // The tax part may follow other text on the line ("Bank: …   VAT 20%   £34.73").
            // A bare rate only counts at the start of a line: inside a line it is
            // an item row's VAT column.
            // A receipt's code letter run into its rate ("Z0%") is set apart.
            let first = code_apart(&segs[i].text);
            let first = match percent_mended(&first).filter(|_| ocr) {
                Some(mended) => Cow::Owned(mended),
                None => first,
            };
            let text_of = |j: usize| if j == i { &*first } else { segs[j].text.as_str() };
            // (The code letter may stand in a column of its own: "A   20%   5.87   1.18".)
            let opens = |j: usize| {
                (j == i && rates_in(&first).first().is_some_and(|r| r.start == 0 || is_code_prefix(&first[..r.start])))
                    || (j == i + 1
                        && is_code_prefix(&first)
                        && rates_in(&segs[j].text).first().is_some_and(|r| r.start == 0))
                    || ctx.label_of(j).is_some_and(|h| h.label.role == Role::VatTotal)
            };
            let start = (i..end).find(|&j| opens(j));
            // A receipt's tax code row: misread by OCR, or with a bare rate.
            let code_line = start
                .is_none()
                .then(|| {
                    let whole = segs[i..end].iter().map(|s| s.text.as_str()).collect::<Vec<_>>().join(" ");
                    let found = if ocr { misread_code_line(&whole) } else { None };
                    found.or_else(|| code_bare_rate_line(ctx, &whole)).map(|found| (found, whole))
                })
                .flatten();
            if let Some(((rate, net, vat), whole)) = code_line {
                let s = &segs[i];
                let evidence =
                    Candidate { value: (), score: 0.85, page: s.page, bbox: s.bbox, source: whole, segment: i };
                by_rate.entry(rate).or_insert(RateLine { rate, net: Some(net), vat: Some(vat), evidence });
            } else if let Some(j) = start {
                // A later VAT label with its own rate starts a tax part of its
                // own ("0 % PVM taikomas pagal … 45 str.   PVM 9 %   67,27").
                let mut parts: Vec<usize> = vec![j];
                let own_rate = |k: usize| {
                    !rates_in(&segs[k].text).is_empty() || (ocr && labelled_percent_mended(&segs[k].text).is_some())
                };
                parts.extend((j + 1..end).filter(|&k| opens(k) && own_rate(k)));
                for (n, &from) in parts.iter().enumerate() {
                    let to = parts.get(n + 1).copied().unwrap_or(end);
                    let text = (from..to).map(text_of).collect::<Vec<_>>().join("   ");
                    let text = if ocr {
                        let text = colons_mended(&text);
                        labelled_percent_mended(&text).unwrap_or(text)
                    } else {
                        text
                    };
                    if let Some(found) = tax_line(ctx, &text, from, ocr) {
                        keep(&mut by_rate, found);
                    }
                }
            } else if let Some((j, at)) = (i..end).find_map(|j| labelled_rate(&segs[j].text).map(|at| (j, at))) {
                // A rate after a VAT label within the line ("Steuerbasisbetrag
                // USt. 19%  198,00  37,62"): only a base and tax that agree
                // with the rate count, as an item row's VAT column could
                // stand there too.
                let text = std::iter::once(&segs[j].text[at..])
                    .chain(segs[j + 1..end].iter().map(|s| s.text.as_str()))
                    .collect::<Vec<_>>()
                    .join("   ");
                if let Some(found) = tax_line(ctx, &text, j, ocr).filter(|f| f.net.is_some()) {
                    keep(&mut by_rate, found);
                }
            }
        }
    }
    for found in summary_table(ctx) {
        keep(&mut by_rate, found);
    }
    for found in by_rate.values_mut() {
        base_below(ctx, found);
    }
    by_rate.into_values().rev().collect()
}

/// Takes the base of a tax line from the line under it when that line gives
/// it on its own ("PVM A 21%   8,42" over "Be PVM   40,10", as Lithuanian
/// tills print it) and the rate's arithmetic agrees, in place of a base the
/// arithmetic does not confirm or none.
fn base_below(ctx: &Context<'_>, found: &mut RateLine) {
    let Some(vat) = found.vat else { return };
    if found.net.is_some_and(|net| consistent(net, vat, found.rate)) {
        return;
    }
    if found.evidence.segment >= ctx.layout.segments.len() {
        return;
    }
    let Some(text) = ctx.next_line_text(found.evidence.segment).filter(|t| lexicon().is_base_line(t)) else {
        return;
    };
    if let [only] = amounts_in(&text, ctx.hint).as_slice()
        && consistent(only.value, vat, found.rate)
    {
        found.net = Some(only.value);
    }
}

/// The rows of a VAT summary table: a header line naming a net column, a
/// VAT column and a rate column ("Nettobetrag   MwSt-Betrag   MwSt-%"), and
/// under it a row per rate ("-4,85   -0,92   19,0") whose figures sit under
/// those names. Only rows whose base, tax and rate agree are taken.
fn summary_table(ctx: &Context<'_>) -> Vec<RateLine> {
    let segs = &ctx.layout.segments;
    let role_at = |j: usize| ctx.label_of(j).map(|h| h.label.role);
    let is_rate_column = |j: usize| {
        segs[j].text.contains('%')
            && super::context::column_label(&segs[j].text, false).is_some_and(|h| h.label.role == Role::ColVatRate)
    };
    let mut out = Vec::new();
    let lines: Vec<std::ops::Range<usize>> = ctx.layout.lines().collect();
    for (n, range) in lines.iter().enumerate() {
        let find = |pred: &dyn Fn(usize) -> bool| range.clone().find(|&j| pred(j));
        let (Some(rate_col), Some(net_col)) = (find(&is_rate_column), find(&|j| role_at(j) == Some(Role::NetTotal)))
        else {
            continue;
        };
        let Some(vat_col) = find(&|j| j != rate_col && role_at(j) == Some(Role::VatTotal)) else { continue };
        let page = segs[range.start].page;
        for row in lines[n + 1..].iter().take_while(|r| segs[r.start].page == page).take(8) {
            let cell =
                |col: usize| row.clone().find(|&j| segs[j].overlaps_x(&segs[col])).map(|j| segs[j].text.as_str());
            let amount = |col: usize| cell(col).and_then(|t| amounts_in(t, ctx.hint).first().map(|m| m.value));
            let rate = cell(rate_col)
                .and_then(|t| t.trim().trim_end_matches('%').trim().replace(',', ".").parse::<Decimal>().ok())
                .filter(|r| *r <= MAX_RATE);
            let (Some(rate), Some(net), Some(vat)) = (rate, amount(net_col), amount(vat_col)) else { continue };
            if consistent(net, vat, rate) && (rate.is_zero() || !net.is_zero()) {
                let evidence = Candidate::at(ctx, row.start, (), 0.97);
                out.push(RateLine { rate: rate.normalize(), net: Some(net), vat: Some(vat), evidence });
            }
        }
    }
    out
}

/// Rates that may stand, misread, before the VAT total in segment `seg`
/// ("PVM 21 46  -690,34" with its "%" read as "46", "PVM 1(21 96)"): every
/// number on the line before it up to [`MAX_RATE`] ("13,5"; "13.54" as 13.5),
/// and the first two digits of longer runs ("2196"). Only a candidate that
/// the totals' arithmetic confirms exactly may be taken.
pub fn rates_before(ctx: &Context<'_>, seg: usize) -> Vec<Decimal> {
    let segs = &ctx.layout.segments;
    let Some(s) = segs.get(seg) else { return Vec::new() };
    let before = segs[..seg].iter().rev().take_while(|o| o.page == s.page && o.line == s.line);
    let text: Vec<&str> = before.map(|o| o.text.as_str()).collect();
    let mut out = Vec::new();
    let runs = text.iter().rev().flat_map(|t| t.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == ',')));
    for run in runs.map(|r| r.trim_matches(['.', ','])).filter(|r| !r.is_empty()) {
        // Rates have at most one decimal: a second is the "%" misread ("13.54").
        let whole = run
            .replace(',', ".")
            .parse::<Decimal>()
            .ok()
            .map(|r| r.trunc_with_scale(1).normalize())
            .filter(|r| *r <= MAX_RATE);
        let head = || run.get(..2.min(run.len())).and_then(|h| h.parse::<Decimal>().ok());
        if let Some(rate) = whole.or_else(head)
            && !rate.is_zero()
            && rate <= MAX_RATE
            && !out.contains(&rate)
        {
            out.push(rate);
        }
    }
    out
}

/// How much a base at 0 % read by OCR is believed that no sum confirms.
const ZERO_RATE_BASE: f32 = 0.8;

/// The belief in a tax worked out from its base and rate where the figure
/// printed for it was misread (see [`tax_line`]).
const WORKED_OUT_TAX: f32 = 0.6;

/// How many figures an amount is printed with ("73.73": 4).
fn figure_count(x: Decimal) -> usize {
    x.mantissa().unsigned_abs().to_string().len()
}

/// Keeps a tax line as its rate's, unless the rate has one already; a line
/// with a base replaces one without, or one whose figures are less sure.
fn keep(by_rate: &mut BTreeMap<Decimal, RateLine>, found: RateLine) {
    let entry = by_rate.entry(found.rate).or_insert_with(|| found.clone());
    if found.net.is_some() && (entry.net.is_none() || found.evidence.score > entry.evidence.score) {
        *entry = found;
    }
}

/// Where a VAT label followed at once by a rate starts within `text` ("USt.
/// 19%" in "Steuerbasisbetrag USt. 19%"), as a byte offset.
fn labelled_rate(text: &str) -> Option<usize> {
    let starts = text.char_indices().filter(|&(k, c)| !c.is_whitespace() && (k == 0 || text[..k].ends_with(' ')));
    starts.map(|(k, _)| k).find(|&k| {
        lexicon().label_at_start(&text[k..]).is_some_and(|h| {
            let rest = &text[k + h.rest..];
            let gap = rest.len() - rest.trim_start().len();
            h.label.role == Role::VatTotal && rates_in(rest).first().is_some_and(|r| r.start == gap)
        })
    })
}

/// A tax line read by OCR with the decimal point of an amount read as a colon
/// ("A 20%  19.54  3:91"), put back; the rate's arithmetic checks the result.
fn colons_mended(text: &str) -> String {
    let words: Vec<String> =
        text.split(' ').map(|w| super::items::colon_cents(w).unwrap_or_else(|| w.to_owned())).collect();
    words.join(" ")
}

/// A line that starts with a code letter run into a rate ("Z0%  18.37"),
/// with a space put between them; other lines as they are.
fn code_apart(text: &str) -> Cow<'_, str> {
    let mut chars = text.chars();
    let glued = chars.next().is_some_and(|c| c.is_ascii_uppercase())
        && chars.next().is_some_and(|c| c.is_ascii_digit())
        && rates_in(&format!(" {}", &text[1..])).first().is_some_and(|r| r.start == 1);
    if glued { Cow::Owned(format!("{} {}", &text[..1], &text[1..])) } else { Cow::Borrowed(text) }
}

/// Rates that VAT is charged at in the countries kvitas reads, whole
/// percent: a rate misread with its "%" must be one of them.
const WHOLE_RATES: [u32; 12] = [0, 5, 6, 9, 10, 12, 19, 20, 21, 23, 24, 25];

/// True when `figures` are one of [`WHOLE_RATES`] as printed ("0", "25"; not "025").
fn whole_rate(figures: &str) -> bool {
    let printed = figures == "0" || !figures.starts_with('0');
    printed && figures.parse::<u32>().is_ok_and(|r| WHOLE_RATES.contains(&r))
}

/// A line read by OCR that starts with a rate whose "%" became figures, before
/// a VAT label ("2596 moms  2.750,03" for "25% moms", "036 moms  0,00" for "0%
/// moms"), with the sign put back; `None` for other lines.
fn percent_mended(text: &str) -> Option<String> {
    let (head, rest) = text.split_once(' ')?;
    if !(2..=4).contains(&head.len()) || !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let label = lexicon().label_at_start(rest.trim_start()).is_some_and(|h| h.label.role == Role::VatTotal);
    if !label {
        return None;
    }
    let rate = rate_before_misread_percent(head)?;
    Some(format!("{rate}% {rest}"))
}

/// The figures OCR reads a "%" after a rate's figures as ("2596" for "25%",
/// "036" for "0%", "2106" for "21%", "2584" for "25%").
const PERCENT_READINGS: [&str; 7] = ["96", "36", "06", "84", "9", "6", "4"];

/// The whole rate at the start of `figures` whose "%" OCR read as figures
/// after it (see [`PERCENT_READINGS`]).
pub(super) fn rate_before_misread_percent(figures: &str) -> Option<&str> {
    PERCENT_READINGS.iter().find_map(|sign| figures.strip_suffix(sign).filter(|r| whole_rate(r)))
}

/// The whole rate of a cell read by OCR as its figures and, a space apart,
/// its "%" read as a figure ("25 6" for "25 %").
pub(super) fn rate_before_percent_read_apart(figures: &str) -> Option<&str> {
    let (rate, sign) = figures.split_once(' ')?;
    (PERCENT_READINGS.contains(&sign) && whole_rate(rate)).then_some(rate)
}

/// A tax line read by OCR whose rate after the VAT label lost its "%" to a
/// figure set apart at the end of its segment ("PVM 9 4   67,27" for "PVM 9 %
/// 67,27"), with the sign put back; `None` for other lines. (A figure run on
/// with one space is an amount's thousands: "PVM 21 4 000,00".)
fn labelled_percent_mended(text: &str) -> Option<String> {
    let hit = lexicon().label_at_start(text).filter(|h| h.label.role == Role::VatTotal)?;
    let rest = &text[hit.rest..];
    let mut words = rest.split_whitespace();
    let (rate, sign) = (words.next()?, words.next()?);
    let after_sign = &rest[rest.find(rate)? + rate.len()..];
    let after_sign = &after_sign[after_sign.find(sign)? + sign.len()..];
    let apart = after_sign.is_empty() || after_sign.starts_with("  ");
    let sign_like = PERCENT_READINGS.contains(&sign);
    (whole_rate(rate) && sign_like && apart).then(|| format!("{} {rate}%{after_sign}", text[..hit.rest].trim_end()))
}

/// A tax line read by OCR with the "%" of its rate run into it as a figure
/// ("GST 67  10.61  0.64" for "GST 6%"): a whole rate and one more figure
/// after the label, then a base and its tax at that rate.
fn sign_as_figure(ctx: &Context<'_>, text: &str) -> Option<(Decimal, Decimal, Decimal)> {
    let hit = lexicon().label_at_start(text).filter(|h| h.label.role == Role::VatTotal)?;
    let rest = text[hit.rest..].trim_start();
    let (token, after) = rest.split_once(' ')?;
    if !(2..=3).contains(&token.len()) || !token.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let printed = &token[..token.len() - 1];
    if !whole_rate(printed) {
        return None;
    }
    let rate: Decimal = printed.parse().ok()?;
    let amounts = figures(ctx, after);
    let [net, vat] = amounts[..] else { return None };
    (!net.is_zero() && !vat.is_zero() && consistent(net, vat, rate)).then_some((rate, net, vat))
}

/// A receipt's VAT code before a rate: a letter or two, perhaps with a
/// colon ("A 20%", "SR 6%", "T:6%").
fn is_code_prefix(head: &str) -> bool {
    let h = head.trim();
    let h = h.strip_suffix(':').unwrap_or(h);
    (1..=2).contains(&h.len()) && h.chars().all(|c| c.is_ascii_uppercase())
}

/// A receipt's tax summary row with its rate printed bare after the tax
/// code ("SR  6  93.40  5.60", "SR  6.00  16.98  1.02"): (rate, net, tax),
/// where the tax is the net at that rate.
fn code_bare_rate_line(ctx: &Context<'_>, text: &str) -> Option<(Decimal, Decimal, Decimal)> {
    let (code, rest) = text.trim_start().split_once(' ')?;
    if !is_code_prefix(code) {
        return None;
    }
    let amounts = figures(ctx, rest);
    let [rate, net, vat, ..] = amounts[..] else { return None };
    // Rates print whole or with one decimal ("6", "6.00", "13,5").
    let rate_like = rate >= Decimal::ZERO && rate <= MAX_RATE && rate.normalize().scale() <= 1;
    (rate_like && !net.is_zero() && consistent(net, vat, rate)).then_some((rate, net, vat))
}

/// The amounts in `text`, in order.
fn figures(ctx: &Context<'_>, text: &str) -> Vec<Decimal> {
    amounts_in(text, ctx.hint).into_iter().map(|m| m.value).collect()
}

/// The tax line in `text` (segment `seg` on); `ocr`: its page was scanned.
fn tax_line(ctx: &Context<'_>, text: &str, seg: usize, ocr: bool) -> Option<RateLine> {
    let s = &ctx.layout.segments[seg];
    let evidence =
        |score| Candidate { value: (), score, page: s.page, bbox: s.bbox, source: text.to_owned(), segment: seg };
    let Some(rate) = rates_in(text).first().cloned() else {
        let found = bare_rate_line(ctx, text).or_else(|| if ocr { sign_as_figure(ctx, text) } else { None });
        return found.map(|(rate, net, vat)| RateLine {
            rate,
            net: Some(net),
            vat: Some(vat),
            evidence: evidence(if agreement_confirms(rate, ocr) { 0.97 } else { ZERO_RATE_BASE }),
        });
    };
    let amounts = figures(ctx, &text[rate.end..]);
    // A taxable amount followed by its tax, possibly followed by their sum.
    for (k, pair) in amounts.windows(2).enumerate() {
        // A zero base only pairs with a zero rate (an empty "0,00 0,00" is no evidence).
        if (rate.rate.is_zero() || !pair[0].is_zero()) && consistent(pair[0], pair[1], rate.rate) {
            // Where the agreement proves nothing, the sum after them
            // ("0 %  10.750,00  0,00  10.750,00") confirms the base.
            let summed = amounts.get(k + 2) == Some(&(pair[0] + pair[1]));
            let score = if agreement_confirms(rate.rate, ocr) || summed { 0.97 } else { ZERO_RATE_BASE };
            return Some(RateLine {
                rate: rate.rate,
                net: Some(pair[0]),
                vat: Some(pair[1]),
                evidence: evidence(score),
            });
        }
    }
    // A sentence that opens with a rate ("2 % discount if paid within 2
    // days") is terms, not a tax line: words run between the rate and the
    // figure.
    let between = &text[rate.end..];
    let before_figure = &between[..between.find(|c: char| c.is_ascii_digit()).unwrap_or(between.len())];
    let prose = before_figure.split_whitespace().filter(|w| w.chars().all(char::is_alphabetic)).count() > 2;
    // On a scan, a base with cents and after it a tax that does not fit it
    // but has as many figures as the tax at the rate would ("VAT 20% on
    // 368.64   1313" for 73.73: OCR lost the point and misread digits): the
    // tax worked out, believed less than one read.
    if let [base, read] = amounts.as_slice()
        && ocr
        && base.scale() > 0
        && !rate.rate.is_zero()
    {
        let worked = tax(*base, rate.rate);
        if figure_count(*read) == figure_count(worked) {
            let evidence = evidence(WORKED_OUT_TAX);
            return Some(RateLine { rate: rate.rate, net: Some(*base), vat: Some(worked), evidence });
        }
    }
    match amounts.as_slice() {
        // No tax is charged at 0 %: a figure after it is from the text.
        [vat] if rate.rate.is_zero() && !vat.is_zero() => None,
        [_] if prose => None,
        [vat] => Some(RateLine { rate: rate.rate, net: None, vat: Some(*vat), evidence: evidence(0.85) }),
        _ => None,
    }
}

/// A receipt's tax line as OCR may read it: a code letter, the rate with its
/// "%" read as a digit ("A 203" for "A 20%", "B 94" for "B 9%") or dropped,
/// then net, tax and gross whose decimal point may have become a space
/// ("5 43 1 03 6.16"). Only readings where net + tax = gross and the tax is
/// the net at the rate are taken; returns (rate, net, tax).
fn misread_code_line(text: &str) -> Option<(Decimal, Decimal, Decimal)> {
    // Specks before the code and after an amount ("\"A 204 11.55 2.31, 13.86").
    let mut tokens = text
        .split_whitespace()
        .map(|t| t.trim_start_matches(['"', '\'', '|', '`']).trim_end_matches([',', '.', '\'', '"']))
        .filter(|t| !t.is_empty());
    if !is_code_prefix(tokens.next()?) {
        return None;
    }
    let rate_token = tokens.next()?;
    if !(1..=3).contains(&rate_token.len()) || !rate_token.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let rates: Vec<Decimal> = [rate_token, &rate_token[..rate_token.len() - 1]]
        .iter()
        .filter_map(|t| t.parse::<Decimal>().ok())
        .filter(|r| *r <= MAX_RATE)
        .collect();
    let rest: Vec<&str> = tokens.collect();
    let plain = |t: &str| !t.is_empty() && t.len() <= 7 && t.chars().all(|c| c.is_ascii_digit());
    let decimal = |t: &str| t.split_once([',', '.']).is_some_and(|(a, b)| plain(a) && b.len() == 2 && plain(b));
    if rest.is_empty() || rest.len() > 8 || !rest.iter().all(|t| plain(t) || decimal(t)) {
        return None;
    }
    for amounts in readings(&rest) {
        for &rate in &rates {
            let fits = |net: Decimal, vat: Decimal| (rate.is_zero() || !net.is_zero()) && consistent(net, vat, rate);
            let [read, vat, gross] = amounts[..] else { continue };
            // The net may itself be misread by one digit ("5 43" for 5.13):
            // gross less tax then gives it, if the rate confirms.
            let net = gross - vat;
            if (read == net || one_digit_apart(read, net)) && fits(net, vat) {
                return Some((rate, net, vat));
            }
        }
    }
    None
}

/// True when two amounts print with the same number of characters and differ
/// in one of them.
fn one_digit_apart(a: Decimal, b: Decimal) -> bool {
    let (a, b) = (a.to_string(), b.to_string());
    a.len() == b.len() && a.chars().zip(b.chars()).filter(|(x, y)| x != y).count() == 1
}

/// Every way of reading tokens as amounts, where a whole number followed by
/// two digits may be one amount whose decimal point was read as a space.
fn readings(tokens: &[&str]) -> Vec<Vec<Decimal>> {
    let Some((first, rest)) = tokens.split_first() else { return vec![Vec::new()] };
    let parse = |t: &str| t.replace(',', ".").parse::<Decimal>().ok();
    let mut out = Vec::new();
    let mut extend = |head: Option<Decimal>, tail: &[&str]| {
        if let Some(head) = head {
            for mut reading in readings(tail) {
                reading.insert(0, head);
                out.push(reading);
            }
        }
    };
    let whole = first.chars().all(|c| c.is_ascii_digit());
    if whole && let Some(cents) = rest.first().filter(|c| c.len() == 2 && c.chars().all(|c| c.is_ascii_digit())) {
        extend(parse(&format!("{first}.{cents}")), &rest[1..]);
    }
    extend(parse(first), rest);
    out
}

/// No VAT rate in use is higher than this (the highest standard rate in the
/// EU is 27 %): a number printed without "%" above it is no rate.
pub const MAX_RATE: Decimal = Decimal::from_parts(30, 0, 0, false, 0);

/// A tax line whose rate stands in a column headed "%" and so is printed
/// bare ("Umsatzsteuer S  275,00  7  19,25"): base, rate and tax, in that
/// order or rate first, where the tax is the base at that rate. Only the
/// arithmetic tells the rate from the amounts, so it must hold.
fn bare_rate_line(ctx: &Context<'_>, text: &str) -> Option<(Decimal, Decimal, Decimal)> {
    let amounts = figures(ctx, text);
    let is_rate = |r: Decimal| r >= Decimal::ZERO && r <= MAX_RATE && r.scale() <= 2;
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
    fn misread_receipt_tax_lines_are_mended_by_arithmetic() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(misread_code_line("A 203 5 13 1 03 6.16"), Some((d("20"), d("5.13"), d("1.03"))));
        // A net misread by one digit is what gross less tax gives.
        assert_eq!(misread_code_line("A 203 5 43 1 03 6.16"), Some((d("20"), d("5.13"), d("1.03"))));
        assert_eq!(misread_code_line("B 94 26,85 2,42 29,27"), Some((d("9"), d("26.85"), d("2.42"))));
        assert_eq!(misread_code_line("Z 05 1 86 0.00 1 86"), Some((d("0"), d("1.86"), d("0.00"))));
        assert_eq!(misread_code_line("\"A 204 11.55 2.31, 13.86"), Some((d("20"), d("11.55"), d("2.31"))));
        // Amounts that do not add up are no tax line.
        assert_eq!(misread_code_line("A 203 5 13 1 03 9.16"), None);
        assert_eq!(misread_code_line("Washing Up Liquid 1.50 A"), None);
    }

    #[test]
    fn tax_codes_are_a_letter_or_two() {
        assert!(is_code_prefix("A ") && is_code_prefix("SR") && is_code_prefix("T:"));
        assert!(!is_code_prefix("GST") && !is_code_prefix("Sr") && !is_code_prefix("6"));
    }

    #[test]
    fn tax_rounds_half_away_from_zero() {
        assert_eq!(tax(Decimal::new(74090, 2), Decimal::new(25, 0)), Decimal::new(18523, 2));
        assert_eq!(tax(Decimal::new(-74090, 2), Decimal::new(25, 0)), Decimal::new(-18523, 2));
        assert!(consistent(Decimal::new(503170, 2), Decimal::new(105666, 2), Decimal::new(21, 0)));
    }
}
