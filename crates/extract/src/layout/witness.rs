//! A total read by OCR checked against the figures that show what it must
//! be: cash tendered minus change, net plus VAT as labelled, the subtotal,
//! the VAT breakdown's bases and taxes, the items' amounts. Each is read apart from
//! the total's own line, so where two of them agree on a figure the total
//! does not match, or one shows a figure of which the total read is what
//! is left ("35" for 8.35, "75." for 75.70), that figure is the total.

use rust_decimal::Decimal;

use super::candidates::Candidate;
use super::header::ROUNDING_LIMIT;
use super::items::Item;
use super::vat::RateLine;

/// How much a total taken from its witnesses is believed.
const WITNESSED: f32 = 0.6;

/// How much a total is believed that only its witnesses show (none read).
const UNREAD: f32 = 0.5;

/// One way of showing what the total must be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Witness {
    /// Cash tendered minus change.
    Paid,
    /// Cash tendered, where no change was read (paid exactly).
    Tendered,
    /// The amount charged to a card.
    Card,
    /// The net and VAT totals as labelled.
    Labelled,
    /// The figure labelled as the net or subtotal.
    Subtotal,
    /// The VAT breakdown: every rate's base plus its tax.
    Breakdown,
    /// The items' amounts.
    Items,
}

impl Witness {
    fn describe(self) -> &'static str {
        match self {
            Witness::Paid => "cash tendered minus change",
            Witness::Tendered => "cash tendered",
            Witness::Card => "charged to a card",
            Witness::Labelled => "net plus VAT",
            Witness::Subtotal => "the subtotal",
            Witness::Breakdown => "bases plus taxes per rate",
            Witness::Items => "sum of the items",
        }
    }
}

/// A figure that shows what the total must be.
#[derive(Debug, Clone, Copy)]
pub struct Witnessed {
    kind: Witness,
    value: Decimal,
    /// The net figure that the witness adds VAT to, where it is surely net
    /// (a tax summary's bases).
    base: Option<Decimal>,
}

impl Witnessed {
    fn new(kind: Witness, value: Decimal, base: Option<Decimal>) -> Witnessed {
        Witnessed { kind, value, base }
    }
}

/// The money a receipt shows handed over.
#[derive(Debug, Clone, Copy)]
pub struct Handed<'a> {
    /// Cash tendered less change.
    pub paid: Option<&'a Candidate<Decimal>>,
    /// Cash tendered, where no change was read.
    pub tendered: Option<&'a Candidate<Decimal>>,
    /// The amount charged to a card.
    pub card: Option<&'a Candidate<Decimal>>,
}

/// The witnesses a receipt prints, listed from the surest: money `handed`
/// over, the tax summary, the labelled subtotal and net plus VAT, the items.
/// Where a discount is taken off (`discounted`), the subtotal and the items
/// show what was due before it, and witness nothing.
pub fn gather(
    handed: Handed<'_>,
    net: Option<&Candidate<Decimal>>,
    vat: Option<&Candidate<Decimal>>,
    rates: &[RateLine],
    items: &[Item],
    discounted: bool,
) -> Vec<Witnessed> {
    let mut witnesses = Vec::new();
    witnesses.extend(handed.paid.map(|p| Witnessed::new(Witness::Paid, p.value, None)));
    witnesses.extend(handed.tendered.map(|c| Witnessed::new(Witness::Tendered, c.value, None)));
    witnesses.extend(handed.card.map(|c| Witnessed::new(Witness::Card, c.value, None)));
    if !rates.is_empty() && rates.iter().all(|r| r.net.is_some() && r.vat.is_some()) {
        let base: Decimal = rates.iter().filter_map(|r| r.net).sum();
        let tax: Decimal = rates.iter().filter_map(|r| r.vat).sum();
        witnesses.push(Witnessed::new(Witness::Breakdown, base + tax, Some(base)));
    }
    if discounted {
        return witnesses;
    }
    // A receipt's "subtotal" is as often the total with its tax as without,
    // so it is no sure base.
    witnesses.extend(net.map(|n| Witnessed::new(Witness::Subtotal, n.value, None)));
    if let (Some(n), Some(v)) = (net, vat) {
        witnesses.push(Witnessed::new(Witness::Labelled, n.value + v.value, None));
    }
    if !items.is_empty()
        && let Some(sum) = items.iter().map(|i| i.net_amount).sum::<Option<Decimal>>()
    {
        witnesses.push(Witnessed::new(Witness::Items, sum, None));
    }
    witnesses
}

/// The total that the witnesses show, where the one read (`total`) is not it;
/// otherwise `total` as it was. A total read as a witness's base is a net
/// taken for the total, which counts against it as a further witness would.
/// With no total read, a figure two witnesses agree on is the total, placed
/// at `evidence` (a figure that went into it).
pub fn witnessed_total(
    total: Option<Candidate<Decimal>>,
    witnesses: &[Witnessed],
    evidence: Option<&Candidate<Decimal>>,
) -> Option<Candidate<Decimal>> {
    let Some(total) = total else {
        let (value, kinds) = agreed(witnesses, |_| false)?;
        return Some(Candidate { value, score: UNREAD, source: describe(&kinds), ..evidence?.clone() });
    };
    let g = total.value;
    // A total rounded to the coin is a few cents off the sums; one that
    // matches a witness that closely is confirmed, not corrected.
    if witnesses.iter().any(|w| (w.value - g).abs() <= ROUNDING_LIMIT) {
        return Some(total);
    }
    let cut = cut_at_point(&total.source, g);
    // What is left of the total tells only where it fits one witness's
    // figure: "62." fits 62.00 and 62.88 alike.
    let mut fitting: Vec<Decimal> = witnesses.iter().map(|w| w.value).filter(|&v| fragment_of(v, g, cut)).collect();
    fitting.sort();
    fitting.dedup();
    let fragment = |v: Decimal| fitting == [v];
    let against = |v: Decimal| fragment(v) || witnesses.iter().any(|w| w.value == v && w.base == Some(g));
    let Some((value, kinds)) = agreed(witnesses, against) else { return Some(total) };
    let source = format!("{} (read: {g})", describe(&kinds));
    Some(Candidate { value, score: WITNESSED.min(total.score), source, ..total })
}

/// The figure most kinds of witness agree on, where those kinds, with one
/// more where `against` holds for it, are two or more; of figures as well
/// supported, the one of the witness listed first (the surest).
fn agreed(witnesses: &[Witnessed], against: impl Fn(Decimal) -> bool) -> Option<(Decimal, Vec<Witness>)> {
    let support = |v: Decimal| {
        let mut kinds: Vec<Witness> = Vec::new();
        for w in witnesses.iter().filter(|w| w.value == v) {
            if !kinds.contains(&w.kind) {
                kinds.push(w.kind);
            }
        }
        kinds
    };
    witnesses
        .iter()
        .map(|w| w.value)
        .filter(|v| v.is_sign_positive() && !v.is_zero())
        .map(|v| (v, support(v)))
        .filter(|(v, kinds)| kinds.len() + usize::from(against(*v)) >= 2)
        .rev()
        .max_by_key(|(_, kinds)| kinds.len())
}

fn describe(kinds: &[Witness]) -> String {
    kinds.iter().map(|k| k.describe()).collect::<Vec<_>>().join(", ")
}

/// True when `read` is what is left of `value` where OCR lost its leading
/// figures ("35" for 8.35), or its cents where the read text ends at the
/// decimal point (`cut`: "75." for 75.70). (A figure that differs in one
/// digit is no such sign: the witness is as likely misread; nor is a whole
/// number printed as one, "62" for 62.00 or for 62.80.)
fn fragment_of(value: Decimal, read: Decimal, cut: bool) -> bool {
    let whole = digits(&format!("{:.2}", value.abs()));
    let part = digits(&read.abs().to_string());
    let cents_lost = cut && read.scale() == 0 && whole.len() == part.len() + 2 && whole.starts_with(&part);
    part.len() >= 2 && part.len() < whole.len() && (whole.ends_with(&part) || cents_lost)
}

/// True when the text a total was read from shows its figures ending at a
/// decimal point, the cents lost or read as something other than figures
/// ("TOTAL 75.", "75. rae").
fn cut_at_point(source: &str, read: Decimal) -> bool {
    let figures = digits(&read.abs().to_string());
    let mut tokens = source.split_whitespace();
    while let Some(t) = tokens.next() {
        if t.ends_with(['.', ',']) && digits(t) == figures {
            return tokens.next().is_none_or(|next| !next.chars().any(|c| c.is_ascii_digit()));
        }
    }
    false
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use std::str::FromStr;

    use super::*;
    use crate::document::BBox;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    fn total(s: &str) -> Option<Candidate<Decimal>> {
        Some(Candidate {
            value: d(s),
            score: 0.85,
            page: 1,
            bbox: BBox::new(0.0, 0.0, 1.0, 1.0),
            source: s.into(),
            segment: 3,
        })
    }

    fn witnessed(total: Option<Candidate<Decimal>>, w: &[Witnessed]) -> Option<Candidate<Decimal>> {
        witnessed_total(total, w, None)
    }

    fn value(c: Option<Candidate<Decimal>>) -> Option<String> {
        c.map(|c| c.value.to_string())
    }

    #[test]
    fn a_total_a_witness_agrees_with_stays() {
        // Even where two others agree on another figure (a discount after
        // the items, shown apart from the breakdown).
        let w = [
            Witnessed::new(Witness::Paid, d("18.90"), None),
            Witnessed::new(Witness::Items, d("17.00"), None),
            Witnessed::new(Witness::Breakdown, d("17.00"), None),
        ];
        let c = witnessed(total("18.90"), &w).unwrap();
        assert_eq!((c.value, c.score), (d("18.90"), 0.85));
    }

    #[test]
    fn two_witnesses_agreeing_outweigh_the_total() {
        let w = [Witnessed::new(Witness::Paid, d("18.00"), None), Witnessed::new(Witness::Breakdown, d("18.00"), None)];
        let c = witnessed(total("16.98"), &w).unwrap();
        assert_eq!(c.value, d("18.00"));
        assert!(c.score < 0.9);
        assert_eq!(c.segment, 3);
        assert!(c.source.contains("cash tendered minus change, bases plus taxes per rate"));
    }

    #[test]
    fn a_card_charge_is_a_witness_of_its_own() {
        let w = [Witnessed::new(Witness::Card, d("41.95"), None), Witnessed::new(Witness::Items, d("41.95"), None)];
        let c = witnessed(total("41.65"), &w).unwrap();
        assert_eq!(c.value, d("41.95"));
        assert!(c.source.contains("charged to a card"));
    }

    #[test]
    fn a_total_read_as_a_witness_base_is_a_net_taken_for_it() {
        let w = [Witnessed::new(Witness::Breakdown, d("99.00"), Some(d("93.40")))];
        assert_eq!(value(witnessed(total("93.40"), &w)), Some("99.00".into()));
        // Only the witness whose base the total is gains by it.
        let w = [
            Witnessed::new(Witness::Breakdown, d("99.00"), Some(d("93.00"))),
            Witnessed::new(Witness::Paid, d("97.00"), None),
        ];
        assert_eq!(value(witnessed(total("93.40"), &w)), Some("93.40".into()));
    }

    #[test]
    fn one_witness_completes_a_fragment() {
        assert_eq!(
            value(witnessed(total("35"), &[Witnessed::new(Witness::Paid, d("8.35"), None)])),
            Some("8.35".into())
        );
        let mut cut = total("75").unwrap();
        cut.source = "TOTAL 75.".into();
        let w = [Witnessed::new(Witness::Breakdown, d("75.70"), None)];
        assert_eq!(value(witnessed(Some(cut.clone()), &w)), Some("75.70".into()));
        // The cents read as letters after the point.
        cut.source = "75. rae".into();
        assert_eq!(value(witnessed(Some(cut.clone()), &w)), Some("75.70".into()));
        // Nor where what is left fits two witnesses' figures.
        let two =
            [Witnessed::new(Witness::Card, d("75.10"), None), Witnessed::new(Witness::Breakdown, d("75.70"), None)];
        assert_eq!(value(witnessed(Some(cut.clone()), &two)), Some("75".into()));
        // Figures after the point are cents read apart, not lost.
        cut.source = "75. 10".into();
        assert_eq!(value(witnessed(Some(cut), &w)), Some("75".into()));
        // A whole number printed as one could be any figure with those units.
        assert_eq!(
            value(witnessed(total("62"), &[Witnessed::new(Witness::Subtotal, d("62.80"), None)])),
            Some("62".into())
        );
    }

    #[test]
    fn one_witness_alone_does_not_outweigh_a_different_total() {
        // A tip or a service charge makes the total more than the items.
        assert_eq!(
            value(witnessed(total("23.40"), &[Witnessed::new(Witness::Items, d("20.00"), None)])),
            Some("23.40".into())
        );
        // Nor one digit apart: the witness is as likely misread as the total.
        assert_eq!(
            value(witnessed(total("8.20"), &[Witnessed::new(Witness::Paid, d("3.20"), None)])),
            Some("8.20".into())
        );
        // A total rounded to the coin is a few cents off the sums.
        let w = [Witnessed::new(Witness::Items, d("7.42"), None), Witnessed::new(Witness::Breakdown, d("7.42"), None)];
        assert_eq!(value(witnessed(total("7.40"), &w)), Some("7.40".into()));
        // The same witness twice is one witness.
        let w = [Witnessed::new(Witness::Items, d("20.00"), None), Witnessed::new(Witness::Items, d("20.00"), None)];
        assert_eq!(value(witnessed(total("23.40"), &w)), Some("23.40".into()));
    }

    #[test]
    fn with_no_total_read_two_witnesses_agreeing_give_it() {
        let w = [Witnessed::new(Witness::Tendered, d("20.40"), None), Witnessed::new(Witness::Items, d("20.40"), None)];
        let cash = total("20.40").map(|mut c| {
            c.segment = 7;
            c
        });
        let c = witnessed_total(None, &w, cash.as_ref()).unwrap();
        assert_eq!((c.value, c.segment, c.score), (d("20.40"), 7, UNREAD));
        // One witness is not enough, nor two with nowhere to place them.
        assert!(witnessed_total(None, &w[..1], cash.as_ref()).is_none());
        assert!(witnessed_total(None, &w, None).is_none());
    }
}
