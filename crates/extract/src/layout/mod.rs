//! Field extraction from the visible content of a document.
//!
//! Labels from the lexicon announce values (same segment, right, or below);
//! party blocks sit under their headings; identifiers and arithmetic confirm
//! or weaken what was read, and set each field's confidence.

mod candidates;
mod context;
mod doctype;
mod header;
mod items;
pub mod lexicon;
mod parties;
mod receipt;
pub mod segments;
mod stacked;
mod vat;
mod witness;

#[cfg(test)]
mod tests;

use std::collections::HashSet;

use rust_decimal::Decimal;
use serde::Serialize;

use candidates::Candidate;
use context::Context;

use crate::data::{DocumentType, InvoiceData, Party};
use crate::document::{Document, Page};
use crate::extraction::{Field, Issue};

/// Fields chosen from a document's pages.
#[derive(Debug, Clone, Default)]
pub struct Found {
    /// The canonical data.
    pub data: InvoiceData,
    /// Evidence per value.
    pub fields: Vec<Field>,
    /// Doubts and failed checks.
    pub issues: Vec<Issue>,
}

/// Collects values into `data` and their evidence into `fields`.
struct Builder {
    found: Found,
}

impl Builder {
    fn take<T: Serialize + Clone>(&mut self, path: &str, c: Option<Candidate<T>>) -> Option<T> {
        let c = c?;
        let value = serde_json::to_value(&c.value).ok()?;
        self.found.fields.push(Field {
            path: path.to_owned(),
            value,
            confidence: c.score.clamp(0.0, 1.0),
            page: Some(c.page),
            bbox: Some(c.bbox),
            source: Some(c.source),
        });
        Some(c.value)
    }

    fn issue(&mut self, code: &str, message: String, field: Option<&str>) {
        self.found.issues.push(Issue { code: code.into(), message, field: field.map(str::to_owned) });
    }

    /// Raises (or lowers) the confidence of the named fields.
    fn adjust(&mut self, paths: &[&str], f: impl Fn(f32) -> f32) {
        for field in self.found.fields.iter_mut().filter(|f| paths.contains(&f.path.as_str())) {
            field.confidence = f(field.confidence).clamp(0.0, 1.0);
        }
    }
}

/// The language of a document, as far as its labels and letters tell.
pub fn language(doc: &Document) -> Option<lexicon::Lang> {
    if doc.word_count() == 0 {
        return None;
    }
    Context::new(doc).lang
}

/// The language a document's pages should be read in by OCR, when they are
/// in one that writes letters of its own (Danish "æøå"): a reading that
/// starts from another language's model turns "Søn" into "Sen". Other
/// languages read as well with any of the models.
pub fn reading_language(doc: &Document) -> Option<lexicon::Lang> {
    language(doc).filter(|l| context::has_own_letters(*l))
}

/// Extracts the canonical fields from a document's words and lines.
pub fn extract(doc: &Document) -> Found {
    if doc.word_count() == 0 {
        return Found::default();
    }
    // Without a single figure there is no amount, date or number: whatever
    // the document is, it is no invoice, credit note or receipt, and its
    // first line is nobody's name.
    if !doc.pages.iter().flat_map(Page::words).any(|w| w.text.chars().any(|c| c.is_ascii_digit())) {
        let mut b = Builder { found: Found::default() };
        let message = "no figure is printed on it: it does not read as an invoice, credit note or receipt";
        b.issue("not_a_bill", message.into(), Some("document_type"));
        return b.found;
    }
    let mut ctx = Context::new(doc);
    let (items, tables) = items::read(&ctx);
    ctx.tables = tables;
    let mut b = Builder { found: Found::default() };
    let doc_type = doctype::document_type(&ctx);
    b.found.data.document_type = b.take("document_type", Some(doc_type.clone()));
    b.found.data.language = ctx.lang.map(|l| l.code().to_owned());

    let is_receipt = doc_type.value == DocumentType::Receipt;
    let h = header::read(&ctx, is_receipt);
    let p = parties::read(&ctx);
    // A number read after "No" at the start of a party's address ("No 8,
    // Jalan 7/118B") is the street number, not the document's.
    let address_segments: Vec<usize> =
        [&p.supplier.address, &p.buyer.address].into_iter().flatten().map(|c| c.segment).collect();
    let invoice_number = h.invoice_number.filter(|c| {
        let street = c.source.split_whitespace().next().is_some_and(parties::is_street_number_word);
        !(street && address_segments.contains(&c.segment))
    });
    let invoice_number = b.take("invoice_number", invoice_number);
    let issue_date = b.take("issue_date", h.issue_date);
    let due_date = b.take("due_date", h.due_date);
    let currency = b.take("currency", h.currency);
    let supplier = party(&mut b, "supplier", p.supplier, h.iban, h.swift);
    let buyer = party(&mut b, "buyer", p.buyer, None, None);
    let [net, vat, gross] = mend_sign(&ctx, [h.net_total, h.vat_total, h.gross_total]);
    let ([net, vat, gross], credited) = credit_signs(&ctx, doc_type.value, &items, [net, vat, gross]);
    // A VAT figure above the gross is some other number under a VAT label
    // ("GST LD: 00038 1399040", an id with a letter misread).
    let vat = vat.filter(|v| gross.as_ref().is_none_or(|g| v.value.abs() <= g.value.abs()));
    // Without an item table: a receipt's lines, or items stacked in blocks.
    let items = if !items.is_empty() {
        items
    } else if is_receipt {
        receipt::read(&ctx)
    } else {
        stacked::read(&ctx)
    };
    let mut rates = vat::read(&ctx);
    if credited {
        // Its tax lines lost their minus signs with the totals.
        for r in rates.iter_mut().filter(|r| ctx.ocr_pages.contains(&r.evidence.page)) {
            for v in [&mut r.net, &mut r.vat].into_iter().flatten().filter(|v| !v.is_zero()) {
                *v = -v.abs();
            }
        }
    }
    // A receipt's total read by OCR is checked against the figures that
    // show what it must be (with no tip, which they leave out; an invoice's
    // items are net of VAT).
    let tipped = h.tip.as_ref().is_some_and(|t| !t.value.is_zero());
    let on_ocr = gross.as_ref().map_or(!ctx.ocr_pages.is_empty(), |g| ctx.ocr_pages.contains(&g.page));
    let gross = if is_receipt && on_ocr && !tipped {
        let handed = witness::Handed { paid: h.paid.as_ref(), tendered: h.tendered.as_ref(), card: h.card.as_ref() };
        let witnesses = witness::gather(handed, net.as_ref(), vat.as_ref(), &rates, &items, h.discounted);
        let evidence = handed.paid.or(handed.tendered).or(handed.card).or(net.as_ref());
        witness::witnessed_total(gross, &witnesses, evidence)
    } else {
        gross
    };
    let vat_segment = vat.as_ref().map(|c| c.segment);
    let net = b.take("net_total", net);
    let vat = b.take("vat_total", vat);
    let gross = b.take("gross_total", gross);
    let payment_reference = b.take("payment_reference", h.payment_reference);
    let payment_method = if is_receipt { b.take("payment_method", doctype::payment_method(&ctx)) } else { None };
    let tip = if is_receipt {
        let tip = h.tip.or_else(|| Some(doctype::no_tip()));
        b.take("tip", tip)
    } else {
        None
    };
    let items = complete_items(items, &mut rates, [net, vat, gross]);
    // Tax lines read by OCR without their minus signs, under bases that have
    // them (a credit note's items summed per rate).
    for r in rates.iter_mut().filter(|r| ctx.ocr_pages.contains(&r.evidence.page)) {
        if let (Some(n), Some(v)) = (r.net, r.vat)
            && n.is_sign_negative()
            && v.is_sign_positive()
            && !v.is_zero()
            && vat::consistent(n, -v, r.rate)
        {
            r.vat = Some(-v);
        }
    }
    let (net, vat, gross) = complete_totals(&ctx, &mut b, &rates, h.rounded, net, vat, gross);
    // A total computed from the other two adds up by construction and
    // confirms nothing.
    let fitted = b.found.fields.iter().any(|f| {
        ["net_total", "vat_total", "gross_total"].contains(&f.path.as_str())
            && f.source.as_deref().is_some_and(|s| FITTED.contains(&s))
    });
    check_totals(&mut b, (net, vat, gross), !fitted, h.rounded);
    // Where no tax line was read: a document without VAT (exempt, outside
    // its scope, reverse charge) has one rate, 0 % on the whole net; one whose
    // items mostly carry one rate (some may be misread), or whose VAT total's
    // line shows a rate, and whose VAT total is the net at that rate, has
    // that rate on the whole net.
    let shared_rate = most_common(items.iter().filter_map(|i| i.vat_rate));
    if rates.is_empty()
        && let (Some(n), Some(v), Some(g)) = (net, vat, gross)
        && !n.is_zero()
        && let Some(rate) = if v.is_zero() && n == g {
            Some(Decimal::ZERO)
        } else {
            shared_rate
                .filter(|r| vat::consistent(n, v, *r))
                .or_else(|| {
                    let rates = vat_segment.map(|i| vat::rates_before(&ctx, i)).unwrap_or_default();
                    rates.into_iter().find(|r| vat::tax(n, *r) == v)
                })
                .filter(|r| !r.is_zero())
        }
        && let Some(read) = b.found.fields.iter().find(|f| f.path == "vat_total")
    {
        let evidence = Candidate {
            value: (),
            score: read.confidence.min(0.9),
            page: read.page.unwrap_or(1),
            bbox: read.bbox.unwrap_or_else(|| crate::document::BBox::new(0.0, 0.0, 0.0, 0.0)),
            source: read.source.clone().unwrap_or_default(),
            segment: 0,
        };
        rates.push(vat::RateLine { rate, net: Some(n), vat: Some(v), evidence });
    }
    // The one rate line of a credit note read by OCR without its minus signs
    // ("20%  4,554.23  910.85" under totals of −4,554.23 and −910.85) takes
    // the totals' signs.
    if let ([r], Some(n), Some(v)) = (&mut rates[..], net, vat)
        && ctx.ocr_pages.contains(&r.evidence.page)
        && r.net.is_some_and(|x| !x.is_zero() && x == -n)
        && r.vat == Some(-v)
    {
        (r.net, r.vat) = (Some(n), Some(v));
    }
    b.found.data.vat_breakdown = breakdown(&mut b, rates, net, &ctx.ocr_pages);
    let rates: Vec<Decimal> = b.found.data.vat_breakdown.iter().map(|r| r.rate.normalize()).collect();
    b.found.data.line_items = line_items(&mut b, items, net, &rates);
    let data = &mut b.found.data;
    data.invoice_number = invoice_number;
    data.issue_date = issue_date;
    data.due_date = due_date;
    data.currency = currency;
    data.supplier = supplier;
    data.buyer = buyer;
    data.net_total = net;
    data.vat_total = vat;
    data.gross_total = gross;
    data.payment_reference = payment_reference;
    data.payment_method = payment_method;
    data.tip = tip;
    b.found
}

fn party(
    b: &mut Builder,
    prefix: &str,
    p: parties::PartyFound,
    iban: Option<Candidate<String>>,
    swift: Option<Candidate<String>>,
) -> Option<Party> {
    let party = Party {
        name: b.take(&format!("{prefix}.name"), p.name),
        company_code: b.take(&format!("{prefix}.company_code"), p.company_code),
        vat_id: b.take(&format!("{prefix}.vat_id"), p.vat_id),
        address: b.take(&format!("{prefix}.address"), p.address),
        iban: b.take(&format!("{prefix}.iban"), iban),
        swift: b.take(&format!("{prefix}.swift"), swift),
    };
    flag_failed_checksums(b, prefix, &party);
    (!party.is_empty()).then_some(party)
}

/// An identifier kept although its checksum fails (printed so, or misread)
/// is an issue for the reviewer to check against the document.
fn flag_failed_checksums(b: &mut Builder, prefix: &str, party: &Party) {
    let failed = [
        ("vat_id", "VAT id", party.vat_id.as_deref().filter(|v| crate::ids::vat_id_valid(v) == Some(false))),
        ("iban", "IBAN", party.iban.as_deref().filter(|v| !crate::ids::iban_valid(v))),
    ];
    for (field, what, value) in failed {
        if let Some(value) = value {
            let path = format!("{prefix}.{field}");
            b.issue("checksum_failed", format!("{what} {value} fails its checksum"), Some(&path));
        }
    }
}

/// The value that occurs most often (the first of equals), if any.
fn most_common(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    let mut counts: Vec<(Decimal, usize)> = Vec::new();
    for v in values {
        match counts.iter_mut().find(|(x, _)| *x == v) {
            Some((_, n)) => *n += 1,
            None => counts.push((v, 1)),
        }
    }
    counts.iter().rev().max_by_key(|(_, n)| *n).map(|(v, _)| *v)
}

/// Net + VAT = gross confirms all three; a mismatch is an issue and lowers them.
/// Where the document rounds its total to the coin (`rounded`), a difference
/// within [`header::ROUNDING_LIMIT`] is the rounding: it neither confirms nor
/// contradicts.
fn check_totals(
    b: &mut Builder,
    (net, vat, gross): (Option<Decimal>, Option<Decimal>, Option<Decimal>),
    independent: bool,
    rounded: bool,
) {
    let paths = ["net_total", "vat_total", "gross_total"];
    match (net, vat, gross) {
        (Some(n), Some(v), Some(g)) if n + v == g && independent => b.adjust(&paths, |c| c.max(0.97)),
        (Some(n), Some(v), Some(g)) if n + v == g => {}
        (Some(n), Some(v), Some(g)) if rounded && (n + v - g).abs() <= header::ROUNDING_LIMIT => {}
        (Some(n), Some(v), Some(g)) => {
            b.adjust(&paths, |c| c * 0.6);
            b.issue(
                "totals_mismatch",
                format!("net {n} + VAT {v} is {}, not the gross total {g}", n + v),
                Some("gross_total"),
            );
        }
        _ => {}
    }
}

/// Totals read by OCR where one sign was misread ("+£4,554.23" for the
/// "−£4,554.23" of a credit note beside "−£910.85" and "−£5,465.08"): when
/// net + VAT = gross holds with exactly one of them negated, and that one
/// was read by OCR, it is negated.
type Total = Option<Candidate<Decimal>>;
fn mend_sign(ctx: &Context<'_>, mut totals: [Total; 3]) -> [Total; 3] {
    let [Some(n), Some(v), Some(g)] = &totals else { return totals };
    let values = [n.value, v.value, g.value];
    let adds_up = |t: [Decimal; 3]| t[0] + t[1] == t[2];
    if adds_up(values) {
        return totals;
    }
    let flips: Vec<usize> = (0..3)
        .filter(|&k| {
            let mut t = values;
            t[k] = -t[k];
            !t[k].is_zero() && adds_up(t)
        })
        .collect();
    if let [k] = flips[..]
        && let Some(c) = totals[k].as_mut()
        && ctx.ocr_pages.contains(&c.page)
    {
        c.value = -c.value;
    }
    totals
}

/// A credit note's totals read by OCR without their minus signs ("«kr.
/// 21.544,10" for "-kr. 21.544,10") under items that have them: where the
/// items' amounts, all negative, sum to the net total negated, the totals
/// read on OCR pages take the items' sign (and the second value says so).
fn credit_signs(
    ctx: &Context<'_>,
    kind: DocumentType,
    items: &[items::Item],
    mut totals: [Total; 3],
) -> ([Total; 3], bool) {
    let amounts: Vec<Decimal> = items.iter().filter_map(|i| i.net_amount).collect();
    let negative = !amounts.is_empty() && amounts.len() == items.len() && amounts.iter().all(|a| a.is_sign_negative());
    let sum: Decimal = amounts.iter().sum();
    let mirrored =
        totals[0].as_ref().is_some_and(|n| n.value.is_sign_positive() && !n.value.is_zero() && n.value == -sum);
    if kind != DocumentType::CreditNote || !negative || !mirrored {
        return (totals, false);
    }
    for c in totals.iter_mut().flatten() {
        if ctx.ocr_pages.contains(&c.page) && c.value.is_sign_positive() && !c.value.is_zero() {
            c.value = -c.value;
        }
    }
    (totals, true)
}

/// The evidence of totals computed so that net + VAT = gross holds.
const FROM_NET: &str = "gross total minus VAT";
const FROM_GROSS: &str = "net total plus VAT";
const FROM_BASES: &str = "sum of the bases per rate";
const FITTED: &[&str] = &[FROM_NET, FROM_GROSS, FROM_BASES];

/// Fills totals that are not printed from the ones that are: the VAT total is
/// the sum of the per-rate taxes, the gross is net plus VAT. `rounded`: the
/// document rounds its total to the coin.
fn complete_totals(
    ctx: &Context<'_>,
    b: &mut Builder,
    rates: &[vat::RateLine],
    rounded: bool,
    net: Option<Decimal>,
    vat: Option<Decimal>,
    gross: Option<Decimal>,
) -> (Option<Decimal>, Option<Decimal>, Option<Decimal>) {
    let derived = |value: Decimal, score: f32, source: &str| Candidate {
        value,
        score,
        page: 1,
        bbox: crate::document::BBox::new(0.0, 0.0, 0.0, 0.0),
        source: source.to_owned(),
        segment: 0,
    };
    // With several rates, a VAT total that is just one rate's tax was read from
    // that rate's line; the total is their sum.
    // The rates' taxes and bases, each summed where every rate prints it.
    let sum_of = |part: fn(&vat::RateLine) -> Option<Decimal>| {
        rates.iter().map(part).sum::<Option<Decimal>>().filter(|_| !rates.is_empty())
    };
    let (all_vats, all_bases) = (sum_of(|r| r.vat), sum_of(|r| r.net));
    let several = rates.len() > 1;
    let per_rate = all_vats.filter(|_| several);
    // So is one that does not add up where their sum does (a figure from a
    // note: "PVM neskaičiuojamas pagal PVMĮ 45 str.").
    let sum_adds_up =
        |v: Decimal, sum: Decimal| matches!((net, gross), (Some(n), Some(g)) if n + sum == g && n + v != g);
    let vat = match (vat, per_rate) {
        (Some(v), Some(sum)) if v != sum && (rates.iter().any(|r| r.vat == Some(v)) || sum_adds_up(v, sum)) => {
            b.found.fields.retain(|f| f.path != "vat_total");
            b.take("vat_total", Some(derived(sum, 0.85, "sum of the VAT per rate")))
        }
        (v, _) => v,
    };
    let vat = vat.or_else(|| b.take("vat_total", Some(derived(all_vats?, 0.85, "sum of the VAT per rate"))));
    // A net total that does not add up, where the per-rate bases do: the
    // "net" read was one rate's base (a "VAT  Net  VAT  Gross" table).
    let net = match (net, vat, gross, all_bases.filter(|_| several)) {
        (Some(n), Some(v), Some(g), Some(sum)) if n + v != g && sum + v == g => {
            b.found.fields.retain(|f| f.path != "net_total");
            b.take("net_total", Some(derived(sum, 0.9, FROM_BASES)))
        }
        (n, ..) => n,
    };
    // (A total rounded to the coin less VAT is not the net.)
    let net = net.or_else(|| match (gross, vat) {
        (Some(g), Some(v)) if !rounded => b.take("net_total", Some(derived(g - v, 0.8, FROM_NET))),
        _ => None,
    });
    // A gross read by OCR as a fragment of net plus VAT ("105" and "96" for
    // "105.862,96", "69.97" for "38 969,97"): part of the amount was lost.
    // And a gross equal to the net where there is VAT, and the rates' bases
    // add up to that net, is the net's figure under the total's label (a VAT
    // summary's row of sums, "Iš viso  18 984,17  3 893,75", over "Iš viso:
    // 22 877,92 EUR"); a till receipt's "Net Total" is often what is paid.
    let read_by_ocr =
        b.found.fields.iter().any(|f| f.path == "gross_total" && f.page.is_some_and(|p| ctx.ocr_pages.contains(&p)));
    let digits = |x: Decimal| x.abs().to_string().chars().filter(char::is_ascii_digit).collect::<String>();
    let fragment_of = |sum: Decimal, g: Decimal| {
        let (whole, part) = (digits(sum), digits(g));
        read_by_ocr
            && part.len() >= 2
            && part.len() < whole.len()
            && (whole.starts_with(&part) || whole.ends_with(&part))
    };
    let net_under_total = |n: Decimal, v: Decimal, g: Decimal| g == n && !v.is_zero() && all_bases == Some(n);
    let gross = match (net, vat, gross) {
        (Some(n), Some(v), Some(g)) if n + v != g && (net_under_total(n, v, g) || fragment_of(n + v, g)) => {
            b.found.fields.retain(|f| f.path != "gross_total");
            b.take("gross_total", Some(derived(n + v, 0.8, FROM_GROSS)))
        }
        (.., g) => g,
    };
    let gross = gross.or_else(|| match (net, vat) {
        (Some(n), Some(v)) => b.take("gross_total", Some(derived(n + v, 0.8, FROM_GROSS))),
        _ => None,
    });
    (net, vat, gross)
}

/// The breakdown entries; a single rate without a printed base takes the net
/// total as its base.
fn breakdown(
    b: &mut Builder,
    rates: Vec<vat::RateLine>,
    net: Option<Decimal>,
    ocr_pages: &HashSet<u32>,
) -> Vec<crate::data::VatLine> {
    let single = rates.len() == 1;
    let mut out = Vec::new();
    for (i, r) in rates.into_iter().enumerate() {
        let mut score = r.evidence.score;
        let base = r.net.or_else(|| net.filter(|_| single));
        if let (Some(n), Some(v)) = (base, r.vat) {
            if !vat::consistent(n, v, r.rate) {
                score *= 0.6;
            } else if vat::agreement_confirms(r.rate, ocr_pages.contains(&r.evidence.page)) {
                score = score.max(0.95);
            }
        }
        let ev = |value: serde_json::Value, path: &str| Field {
            path: format!("vat_breakdown[{i}].{path}"),
            value,
            confidence: score,
            page: Some(r.evidence.page),
            bbox: Some(r.evidence.bbox),
            source: Some(r.evidence.source.clone()),
        };
        b.found.fields.push(ev(serde_json::json!(r.rate.to_string()), "rate"));
        if let Some(n) = base {
            b.found.fields.push(ev(serde_json::json!(n.to_string()), "net"));
        }
        if let Some(v) = r.vat {
            b.found.fields.push(ev(serde_json::json!(v.to_string()), "vat"));
        }
        out.push(crate::data::VatLine { rate: r.rate, net: base, vat: r.vat });
    }
    out
}

/// Gives items their VAT rate when the document has only one, and rates
/// without a printed base the sum of their items' amounts.
fn complete_items(
    mut items: Vec<items::Item>,
    rates: &mut Vec<vat::RateLine>,
    totals: [Option<Decimal>; 3],
) -> Vec<items::Item> {
    // A "%" that OCR read as a digit makes a rate no VAT is charged at ("94"
    // for "9%", "215" for "21%"): without its last digit it is a rate the
    // document shows.
    let shown: Vec<Decimal> = rates
        .iter()
        .map(|r| r.rate)
        .chain(items.iter().filter_map(|i| i.vat_rate).filter(|r| *r <= vat::MAX_RATE))
        .collect();
    for item in &mut items {
        if let Some(r) = item.vat_rate.filter(|r| *r > vat::MAX_RATE && r.fract().is_zero())
            && let cut = (r / Decimal::TEN).trunc()
            && shown.contains(&cut)
        {
            item.vat_rate = Some(cut);
        }
    }
    if let [only] = &rates[..] {
        for item in items.iter_mut().filter(|i| i.vat_rate.is_none()) {
            item.vat_rate = Some(only.rate);
        }
    }
    exempt_line(&items, rates, totals[0]);
    if rates.len() > 1 {
        assign_rates(&mut items, rates, totals);
        for r in rates.iter_mut().filter(|r| r.net.is_none()) {
            let lines: Vec<Decimal> =
                items.iter().filter(|i| i.vat_rate == Some(r.rate)).filter_map(|i| i.net_amount).collect();
            if !lines.is_empty() {
                r.net = Some(lines.iter().sum());
            }
        }
    }
    items
}

/// The zero rate a breakdown leaves out while items print it, its base the
/// sum of those items, where every item prints its rate and amount, the
/// amounts add up to the net total, and each rate the breakdown shows
/// without a base has its items' sum as the base its tax is charged on
/// ("Momspligtigt beløb 94.858,09 · Momsfrit beløb 8.028,02 · Moms 25%
/// 23.714,52": the 25 % rate's base is its items', not the net total).
/// (With the line added there are several rates, and those without a base
/// take their items' sum in [`complete_items`].)
fn exempt_line(items: &[items::Item], rates: &mut Vec<vat::RateLine>, net: Option<Decimal>) {
    let (Some(net), Some(first)) = (net, rates.first()) else { return };
    let Some(rated) = items.iter().map(|i| Some((i.vat_rate?, i.net_amount?))).collect::<Option<Vec<_>>>() else {
        return;
    };
    let sum = |rate: Decimal| rated.iter().filter(|(r, _)| *r == rate).map(|(_, n)| *n).sum::<Decimal>();
    let unshown = rated.iter().any(|(r, _)| r.is_zero()) && !rates.iter().any(|r| r.rate.is_zero());
    let covered = rates.iter().all(|r| rated.iter().any(|(rate, _)| *rate == r.rate));
    let bases_fit =
        rates.iter().all(|r| r.net.is_some() || r.vat.is_some_and(|v| vat::consistent(sum(r.rate), v, r.rate)));
    if !unshown || !covered || !bases_fit || rated.iter().map(|(_, n)| n).sum::<Decimal>() != net {
        return;
    }
    let evidence = Candidate { score: first.evidence.score.min(EXEMPT_SCORE), ..first.evidence.clone() };
    rates.push(vat::RateLine {
        rate: Decimal::ZERO,
        net: Some(sum(Decimal::ZERO)),
        vat: Some(Decimal::ZERO),
        evidence,
    });
}

/// Belief in a zero-rate line worked out from the items.
const EXEMPT_SCORE: f32 = 0.85;

/// The most rate assignments tried for items whose rate was not read.
const MAX_ASSIGNMENTS: usize = 1 << 14;

/// Gives the items whose rate was not read (or was misread as no rate can
/// be) the rates that make each rate's printed VAT the tax on its items, where the
/// breakdown prints the tax per rate but not its base ("25% moms 20.854,59 ·
/// 0% moms 0,00"). Only one assignment may fit; if several fit, no item
/// gets a rate from this.
fn assign_rates(items: &mut [items::Item], rates: &[vat::RateLine], [net, vat, gross]: [Option<Decimal>; 3]) {
    let shown: Vec<Decimal> = rates.iter().map(|r| r.rate).collect();
    // The breakdown must be whole: every rate shows its tax, and the taxes
    // are the VAT total, or with the net total make the gross, or no VAT
    // total was read to say otherwise.
    let Some(taxes) = rates.iter().map(|r| r.vat).sum::<Option<Decimal>>() else {
        return;
    };
    let whole = vat.is_none_or(|v| v == taxes) || matches!((net, gross), (Some(n), Some(g)) if n + taxes == g);
    if !whole {
        return;
    }
    // Only a rate with tax and no printed base says which items it covers.
    if !rates.iter().any(|r| r.net.is_none() && r.vat.is_some_and(|v| !v.is_zero())) {
        return;
    }
    // A rate can be: at most the highest VAT rate, with at most one decimal
    // ("13.54" is "13,5 %" misread). An item at such a rate that the
    // breakdown lacks means the breakdown was not read whole.
    let can_be = |r: &Decimal| *r <= vat::MAX_RATE && r.normalize().scale() <= 1;
    if items.iter().filter_map(|i| i.vat_rate).any(|r| can_be(&r) && !shown.contains(&r)) {
        return;
    }
    let open: Vec<usize> = (0..items.len())
        .filter(|&i| items[i].net_amount.is_some() && !items[i].vat_rate.is_some_and(|r| shown.contains(&r)))
        .collect();
    let k = shown.len();
    let Some(total) = u32::try_from(open.len()).ok().and_then(|n| k.checked_pow(n)) else {
        return;
    };
    if open.is_empty() || total > MAX_ASSIGNMENTS {
        return;
    }
    let fixed: Vec<Decimal> = shown
        .iter()
        .map(|r| items.iter().filter(|i| i.vat_rate == Some(*r)).filter_map(|i| i.net_amount).sum())
        .collect();
    let mut found = None;
    for code in 0..total {
        let mut sums = fixed.clone();
        let mut c = code;
        for &i in &open {
            sums[c % k] += items[i].net_amount.unwrap_or_default();
            c /= k;
        }
        // (Every rate shows its tax, checked above. A credit note's tax may
        // have lost its minus sign to OCR.)
        let fits = rates.iter().zip(&sums).all(|(r, s)| match r.net {
            Some(n) => n == *s,
            None => r.vat.is_some_and(|v| vat::consistent(*s, v, r.rate) || vat::consistent(*s, -v, r.rate)),
        });
        if fits {
            if found.is_some() {
                return;
            }
            found = Some(code);
        }
    }
    if let Some(mut c) = found {
        for &i in &open {
            items[i].vat_rate = Some(shown[c % k]);
            c /= k;
        }
    }
}

/// The items as schema lines with their evidence; lines that add up to the net
/// total confirm each other.
fn line_items(
    b: &mut Builder,
    items: Vec<items::Item>,
    net: Option<Decimal>,
    rates: &[Decimal],
) -> Vec<crate::data::LineItem> {
    let sum: Decimal = items.iter().filter_map(|i| i.net_amount).sum();
    let adds_up = net.is_some_and(|n| n == sum) && !items.is_empty();
    let mut out = Vec::new();
    for (i, item) in items.into_iter().enumerate() {
        let confidence = if adds_up && item.confidence >= candidates::UNVERIFIED_MAX {
            candidates::VERIFIED
        } else {
            item.confidence
        };
        let worked_out = item.worked_out.map(items::WorkedOut::key);
        let line = crate::data::LineItem {
            description: item.description,
            quantity: item.quantity.map(|q| q.normalize()),
            unit: item.unit,
            unit_price: item.unit_price,
            net_amount: item.net_amount,
            vat_rate: item.vat_rate.map(|r| r.normalize()),
        };
        if let Ok(serde_json::Value::Object(map)) = serde_json::to_value(&line) {
            for (key, value) in map {
                // Arithmetic confirms the numbers of a row, not its text.
                let confidence = match key.as_str() {
                    "description" | "unit" => confidence.min(candidates::UNVERIFIED_MAX),
                    // A number worked out, not read, is a guess to check.
                    key if worked_out == Some(key) => confidence.min(items::WORKED_OUT),
                    // Amounts that add up say nothing of the rate; a rate the
                    // VAT breakdown also has is confirmed by it.
                    "vat_rate" if !line.vat_rate.is_some_and(|r| rates.contains(&r)) => {
                        confidence.min(candidates::UNVERIFIED_MAX * 0.8)
                    }
                    _ => confidence,
                };
                b.found.fields.push(Field {
                    path: format!("line_items[{i}].{key}"),
                    value,
                    confidence,
                    page: Some(item.page),
                    bbox: item.bbox,
                    source: None,
                });
            }
        }
        out.push(line);
    }
    out
}
