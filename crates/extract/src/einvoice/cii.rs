//! UN/CEFACT Cross Industry Invoice (Factur-X, ZUGFeRD 2, XRechnung) and its
//! predecessor, the ZUGFeRD 1 `CrossIndustryDocument`.
//!
//! Both syntaxes share the same party, tax and amount elements; they differ in the
//! names of the containers (`ApplicableHeaderTradeSettlement` against
//! `ApplicableSupplyChainTradeSettlement`, and so on) and in the name of the rate
//! (`RateApplicablePercent` against `ApplicablePercent`). Each lookup therefore
//! accepts either name.

use roxmltree::Node;
use rust_decimal::Decimal;

use super::common::{
    address, amount, bic_shaped, child, child_any, children, compact_date, decimal, decimal_at, iban_shaped, iso_date,
    plain, text, text_at,
};
use crate::data::{DocumentType, InvoiceData, LineItem, Party, VatLine};

/// Containers named differently in CII (first) and ZUGFeRD 1 (second).
const HEADER: [&str; 2] = ["ExchangedDocument", "HeaderExchangedDocument"];
const TRANSACTION: [&str; 2] = ["SupplyChainTradeTransaction", "SpecifiedSupplyChainTradeTransaction"];
const AGREEMENT: [&str; 2] = ["ApplicableHeaderTradeAgreement", "ApplicableSupplyChainTradeAgreement"];
const SETTLEMENT: [&str; 2] = ["ApplicableHeaderTradeSettlement", "ApplicableSupplyChainTradeSettlement"];
const SUMMATION: [&str; 2] =
    ["SpecifiedTradeSettlementHeaderMonetarySummation", "SpecifiedTradeSettlementMonetarySummation"];
const LINE_AGREEMENT: [&str; 2] = ["SpecifiedLineTradeAgreement", "SpecifiedSupplyChainTradeAgreement"];
const LINE_DELIVERY: [&str; 2] = ["SpecifiedLineTradeDelivery", "SpecifiedSupplyChainTradeDelivery"];
const LINE_SETTLEMENT: [&str; 2] = ["SpecifiedLineTradeSettlement", "SpecifiedSupplyChainTradeSettlement"];
const LINE_SUMMATION: [&str; 2] =
    ["SpecifiedTradeSettlementLineMonetarySummation", "SpecifiedTradeSettlementMonetarySummation"];

/// Document type codes (UNTDID 1001) that mean a credit note.
const CREDIT_NOTE_CODES: [&str; 9] = ["81", "83", "261", "262", "296", "308", "381", "396", "532"];

/// True when the root holds a cross-industry trade transaction, whatever the root
/// is called.
pub(super) fn is_cross_industry(root: Node) -> bool {
    child_any(root, &TRANSACTION).is_some()
}

/// Maps a CII or ZUGFeRD 1 document to the canonical schema.
pub(super) fn read(root: Node) -> InvoiceData {
    let header = child_any(root, &HEADER);
    let transaction = child_any(root, &TRANSACTION);
    let agreement = transaction.and_then(|t| child_any(t, &AGREEMENT));
    let settlement = transaction.and_then(|t| child_any(t, &SETTLEMENT));
    let summation = settlement.and_then(|s| child_any(s, &SUMMATION));
    let currency = settlement.and_then(|s| text_at(s, &["InvoiceCurrencyCode"]));
    let party_of = |role: &str| agreement.and_then(|a| child(a, role)).map(party).unwrap_or_default();
    InvoiceData {
        document_type: Some(document_type(header)),
        invoice_number: header.and_then(|h| text_at(h, &["ID"])),
        issue_date: header.and_then(|h| child(h, "IssueDateTime")).and_then(date_time),
        due_date: settlement.and_then(due_date),
        supplier: Some(with_bank(party_of("SellerTradeParty"), settlement)).filter(|p| !p.is_empty()),
        buyer: Some(party_of("BuyerTradeParty")).filter(|p| !p.is_empty()),
        net_total: summation.and_then(net_total),
        vat_total: summation.and_then(|s| vat_total(s, currency.as_deref())),
        gross_total: summation.and_then(|s| decimal_at(s, &["GrandTotalAmount"])).map(amount),
        vat_breakdown: settlement.map(vat_breakdown).unwrap_or_default(),
        line_items: transaction.map(line_items).unwrap_or_default(),
        payment_reference: settlement.and_then(|s| text_at(s, &["PaymentReference"])),
        currency,
        ..InvoiceData::default()
    }
}

fn document_type(header: Option<Node>) -> DocumentType {
    let code = header.and_then(|h| text_at(h, &["TypeCode"])).unwrap_or_default();
    if CREDIT_NOTE_CODES.contains(&code.as_str()) { DocumentType::CreditNote } else { DocumentType::Invoice }
}

/// A `DateTimeString`. Format 102 is `YYYYMMDD`; formats 610 (a month) and 616
/// (a week) name no single day, so they give no date.
fn date(node: Node) -> Option<chrono::NaiveDate> {
    let raw = text(node)?;
    match node.attribute("format").map(str::trim) {
        Some("102") => compact_date(&raw),
        Some("610" | "616") => None,
        _ => compact_date(&raw).or_else(|| iso_date(&raw)),
    }
}

/// A date-time element: normally a wrapper around a `DateTimeString`, but the
/// ZUGFeRD 1 release candidate put the formatted text in the element itself.
fn date_time(node: Node) -> Option<chrono::NaiveDate> {
    date(child(node, "DateTimeString").unwrap_or(node))
}

/// BT-9: the first payment terms that state a due date.
fn due_date(settlement: Node) -> Option<chrono::NaiveDate> {
    children(settlement, "SpecifiedTradePaymentTerms")
        .find_map(|terms| child(terms, "DueDateDateTime").and_then(date_time))
}

/// BT-109. Early ZUGFeRD 1 files may leave out `TaxBasisTotalAmount`; when they
/// state neither allowances nor charges, the sum of the lines is the same amount.
fn net_total(summation: Node) -> Option<Decimal> {
    let adjusted = ["ChargeTotalAmount", "AllowanceTotalAmount"]
        .iter()
        .any(|name| decimal_at(summation, &[name]).is_some_and(|v| !v.is_zero()));
    let from_lines = || (!adjusted).then(|| decimal_at(summation, &["LineTotalAmount"])).flatten();
    decimal_at(summation, &["TaxBasisTotalAmount"]).or_else(from_lines).map(amount)
}

/// BT-110: the `TaxTotalAmount` in the invoice currency. A second one may state
/// the tax in the accounting currency (BT-111), which is not the invoice's VAT.
fn vat_total(summation: Node, currency: Option<&str>) -> Option<Decimal> {
    let totals: Vec<Node> = children(summation, "TaxTotalAmount").collect();
    let in_currency = totals.iter().find(|t| {
        let stated = t.attribute("currencyID");
        stated.is_none() || currency.is_none() || stated == currency
    });
    in_currency.or(totals.first()).and_then(|t| decimal(*t)).map(amount)
}

/// True for a trade tax of type VAT; a missing type is taken as VAT, the only tax
/// most invoices carry. Other taxes (such as German insurance tax) are skipped.
fn is_vat(tax: Node) -> bool {
    text_at(tax, &["TypeCode"]).is_none_or(|code| code.eq_ignore_ascii_case("VAT"))
}

/// The rate of a trade tax, or zero for a category that carries no VAT.
fn tax_rate(tax: Node) -> Option<Decimal> {
    let stated = child_any(tax, &["RateApplicablePercent", "ApplicablePercent"]).and_then(decimal);
    let category = text_at(tax, &["CategoryCode"]).unwrap_or_default();
    let zero_category = matches!(category.as_str(), "O" | "E" | "Z" | "AE" | "K" | "G");
    stated.or_else(|| zero_category.then_some(Decimal::ZERO)).map(plain)
}

/// BG-23: one entry per header VAT row, in document order.
fn vat_breakdown(settlement: Node) -> Vec<VatLine> {
    children(settlement, "ApplicableTradeTax")
        .filter(|tax| is_vat(*tax))
        .filter_map(|tax| {
            Some(VatLine {
                rate: tax_rate(tax)?,
                net: decimal_at(tax, &["BasisAmount"]).map(amount),
                vat: decimal_at(tax, &["CalculatedAmount"]).map(amount),
            })
        })
        .collect()
}

/// A seller or buyer trade party.
fn party(node: Node) -> Party {
    let vat_id = children(node, "SpecifiedTaxRegistration")
        .filter_map(|r| child(r, "ID"))
        .find(|id| id.attribute("schemeID").is_some_and(|s| s.trim().eq_ignore_ascii_case("VA")))
        .and_then(text);
    Party {
        name: text_at(node, &["Name"]),
        company_code: text_at(node, &["SpecifiedLegalOrganization", "ID"]),
        vat_id,
        address: child(node, "PostalTradeAddress").and_then(postal_address),
        ..Party::default()
    }
}

/// Address lines one to three, then postcode and city, then country code.
fn postal_address(node: Node) -> Option<String> {
    let lines = ["LineOne", "LineTwo", "LineThree"].iter().filter_map(|name| text_at(node, &[name])).collect();
    let country = text_at(node, &["CountryID"]);
    address(lines, text_at(node, &["PostcodeCode"]), text_at(node, &["CityName"]), country)
}

/// Adds the payee account's IBAN (BT-84) and the BIC (BT-86) of the payment means.
fn with_bank(mut supplier: Party, settlement: Option<Node>) -> Party {
    let means: Vec<Node> =
        settlement.into_iter().flat_map(|s| children(s, "SpecifiedTradeSettlementPaymentMeans")).collect();
    supplier.iban = means.iter().find_map(|m| {
        let account = child(*m, "PayeePartyCreditorFinancialAccount")?;
        let ids = [text_at(account, &["IBANID"]), text_at(account, &["ProprietaryID"])];
        ids.into_iter().flatten().find_map(|id| iban_shaped(&id))
    });
    supplier.swift = means.iter().find_map(|m| {
        text_at(*m, &["PayeeSpecifiedCreditorFinancialInstitution", "BICID"]).and_then(|b| bic_shaped(&b))
    });
    supplier
}

/// BG-25: the trade line items in document order. Lines that carry only a note (a text line in COMFORT and EXTENDED profiles)
/// have no item data and are left out.
fn line_items(transaction: Node) -> Vec<LineItem> {
    let items = children(transaction, "IncludedSupplyChainTradeLineItem").map(line_item);
    items.filter(|item| item != &LineItem::default()).collect()
}

fn line_item(line: Node) -> LineItem {
    let agreement = child_any(line, &LINE_AGREEMENT);
    let delivery = child_any(line, &LINE_DELIVERY);
    let settlement = child_any(line, &LINE_SETTLEMENT);
    let quantity = delivery.and_then(|d| child(d, "BilledQuantity"));
    let product = child(line, "SpecifiedTradeProduct");
    let mut item = LineItem {
        description: product.and_then(|p| text_at(p, &["Name"]).or_else(|| text_at(p, &["Description"]))),
        quantity: quantity.and_then(decimal).map(plain),
        unit: quantity.and_then(|q| q.attribute("unitCode")).map(str::trim).filter(|u| !u.is_empty()).map(String::from),
        unit_price: agreement.and_then(|a| decimal_at(a, &["NetPriceProductTradePrice", "ChargeAmount"])).map(amount),
        net_amount: settlement.and_then(line_total).map(amount),
        vat_rate: settlement.and_then(line_rate),
    };
    if states_gross_as_net(&item) {
        item.net_amount = None;
    }
    item
}

/// BT-152. A line carries one trade tax, normally VAT; when it carries another tax
/// instead (ZUGFeRD 1 insurance tax), that tax's rate is the one the line states.
fn line_rate(settlement: Node) -> Option<Decimal> {
    let vat = children(settlement, "ApplicableTradeTax").find(|t| is_vat(*t));
    vat.or_else(|| child(settlement, "ApplicableTradeTax")).and_then(tax_rate)
}

/// BT-131, the line net amount.
fn line_total(settlement: Node) -> Option<Decimal> {
    let summation = child_any(settlement, &LINE_SUMMATION)?;
    decimal_at(summation, &["LineTotalAmount"])
}

/// Some early ZUGFeRD 1 generators wrote the VAT-inclusive line total where the
/// net belongs. When the stated amount is quantity × price plus VAT and not
/// quantity × price, it is not a net amount and is left out rather than passed on.
fn states_gross_as_net(item: &LineItem) -> bool {
    let (Some(quantity), Some(price), Some(stated), Some(rate)) =
        (item.quantity, item.unit_price, item.net_amount, item.vat_rate)
    else {
        return false;
    };
    // Checked arithmetic, because the numbers come from the file and may be absurd.
    let Some(net) = quantity.checked_mul(price) else {
        return false;
    };
    let tax = net.checked_mul(rate).and_then(|t| t.checked_div(Decimal::ONE_HUNDRED));
    let Some(gross) = tax.and_then(|t| net.checked_add(t)) else {
        return false;
    };
    !rate.is_zero() && stated != net.round_dp(2) && stated == gross.round_dp(2)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_date(xml: &str) -> Option<chrono::NaiveDate> {
        let doc = roxmltree::Document::parse(xml).ok()?;
        date(doc.root_element())
    }

    #[test]
    fn date_formats() {
        let day = chrono::NaiveDate::from_ymd_opt(2013, 3, 5);
        assert_eq!(first_date(r#"<DateTimeString format="102">20130305</DateTimeString>"#), day);
        assert_eq!(first_date(r#"<DateTimeString format="610">201303</DateTimeString>"#), None);
        assert_eq!(first_date(r#"<DateTimeString>2013-03-05</DateTimeString>"#), day);
    }

    #[test]
    fn vat_inclusive_line_total_is_dropped() {
        let item = LineItem {
            quantity: Some(Decimal::new(400, 0)),
            unit_price: Some(Decimal::new(79, 2)),
            net_amount: Some(Decimal::new(37604, 2)),
            vat_rate: Some(Decimal::new(19, 0)),
            ..LineItem::default()
        };
        assert!(states_gross_as_net(&item));
        assert!(!states_gross_as_net(&LineItem { net_amount: Some(Decimal::new(31600, 2)), ..item }));
    }
}
