//! A UBL 2.1 invoice in Peppol BIS Billing 3.0 style, written from the
//! canonical data, and the small XML helpers both e-invoice writers share.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use kvitas_extract::InvoiceData;
use rust_decimal::Decimal;

use crate::party::Trader;

/// Escapes text for element content and attribute values.
pub fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Puts each element on its own line, indented by depth, keeping leaf
/// elements (`<a>text</a>`) on one line. The writers emit compact XML without
/// mixed content, which is all this has to handle.
pub fn indent(xml: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut leaf_open = false;
    let mut rest = xml;
    while let Some(start) = rest.find('<') {
        let text = rest[..start].trim();
        let end = start + rest[start..].find('>').map_or(rest.len() - start, |e| e + 1);
        let tag = &rest[start..end];
        rest = &rest[end..];
        out.push_str(text);
        let newline = |out: &mut String, depth: usize| {
            if !out.is_empty() {
                out.push('\n');
            }
            out.push_str(&"  ".repeat(depth));
        };
        if tag.starts_with("</") {
            depth = depth.saturating_sub(1);
            if !leaf_open {
                newline(&mut out, depth);
            }
            out.push_str(tag);
            leaf_open = false;
        } else if tag.starts_with("<?") || tag.ends_with("/>") {
            newline(&mut out, depth);
            out.push_str(tag);
            leaf_open = false;
        } else {
            newline(&mut out, depth);
            out.push_str(tag);
            depth += 1;
            leaf_open = true;
        }
    }
    out.push('\n');
    out
}

/// A `cbc` element with text.
fn cbc(name: &str, value: impl std::fmt::Display) -> String {
    format!("<cbc:{name}>{}</cbc:{name}>", escape(&value.to_string()))
}

fn money(name: &str, value: Decimal, currency: &str) -> String {
    format!("<cbc:{name} currencyID=\"{currency}\">{value}</cbc:{name}>")
}

fn iso(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// What the canonical schema does not hold but a Peppol invoice states.
pub struct UblExtras<'a> {
    /// Peppol endpoint scheme and identifier of seller and buyer.
    pub endpoints: [(&'a str, &'a str); 2],
    /// Scheme of the legal registration numbers (`0200` for a Lithuanian company code).
    pub legal_scheme: &'a str,
    pub buyer_reference: &'a str,
    pub delivery_date: Option<NaiveDate>,
    pub terms: &'a str,
}

fn party(role: &str, t: &Trader, endpoint: (&str, &str), legal_scheme: &str) -> Result<String> {
    let a = &t.address;
    let mut x = format!(
        "<cac:{role}><cac:Party><cbc:EndpointID schemeID=\"{}\">{}</cbc:EndpointID>\
         <cac:PartyName>{}</cac:PartyName><cac:PostalAddress>{}{}{}\
         <cac:Country>{}</cac:Country></cac:PostalAddress>",
        endpoint.0,
        escape(endpoint.1),
        cbc("Name", &t.name),
        cbc("StreetName", a.street),
        cbc("CityName", a.city),
        cbc("PostalZone", a.postcode),
        cbc("IdentificationCode", a.country.context("UBL addresses state a country")?),
    );
    if let Some(vat) = &t.vat_id {
        x += &format!(
            "<cac:PartyTaxScheme>{}<cac:TaxScheme>{}</cac:TaxScheme></cac:PartyTaxScheme>",
            cbc("CompanyID", vat),
            cbc("ID", "VAT")
        );
    }
    x += &format!("<cac:PartyLegalEntity>{}", cbc("RegistrationName", &t.name));
    if let Some(code) = &t.company_code {
        x += &format!("<cbc:CompanyID schemeID=\"{legal_scheme}\">{}</cbc:CompanyID>", escape(code));
    }
    Ok(x + &format!("</cac:PartyLegalEntity></cac:Party></cac:{role}>"))
}

fn category(rate: Decimal) -> String {
    format!("{}{}<cac:TaxScheme>{}</cac:TaxScheme>", cbc("ID", "S"), cbc("Percent", rate), cbc("ID", "VAT"))
}

/// Writes the UBL invoice for `data`, sold by `seller` to `buyer`.
pub fn write(data: &InvoiceData, seller: &Trader, buyer: &Trader, extras: &UblExtras) -> Result<String> {
    let currency = data.currency.as_deref().context("currency")?;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <Invoice xmlns=\"urn:oasis:names:specification:ubl:schema:xsd:Invoice-2\" \
         xmlns:cac=\"urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2\" \
         xmlns:cbc=\"urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2\">",
    );
    x += &cbc("CustomizationID", "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0");
    x += &cbc("ProfileID", "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0");
    x += &cbc("ID", data.invoice_number.as_deref().context("number")?);
    x += &cbc("IssueDate", iso(data.issue_date.context("issue date")?));
    if let Some(due) = data.due_date {
        x += &cbc("DueDate", iso(due));
    }
    x += &cbc("InvoiceTypeCode", 380);
    x += &cbc("DocumentCurrencyCode", currency);
    x += &cbc("BuyerReference", extras.buyer_reference);
    x += &party("AccountingSupplierParty", seller, extras.endpoints[0], extras.legal_scheme)?;
    x += &party("AccountingCustomerParty", buyer, extras.endpoints[1], extras.legal_scheme)?;
    if let Some(d) = extras.delivery_date {
        x += &format!("<cac:Delivery>{}</cac:Delivery>", cbc("ActualDeliveryDate", iso(d)));
    }
    x += "<cac:PaymentMeans><cbc:PaymentMeansCode name=\"Credit transfer\">30</cbc:PaymentMeansCode>";
    if let Some(reference) = &data.payment_reference {
        x += &cbc("PaymentID", reference);
    }
    x += &format!(
        "<cac:PayeeFinancialAccount>{}{}<cac:FinancialInstitutionBranch>{}</cac:FinancialInstitutionBranch>\
         </cac:PayeeFinancialAccount></cac:PaymentMeans>",
        cbc("ID", seller.iban.as_deref().context("seller IBAN")?),
        cbc("Name", &seller.name),
        cbc("ID", seller.swift.as_deref().context("seller BIC")?)
    );
    x += &format!("<cac:PaymentTerms>{}</cac:PaymentTerms>", cbc("Note", extras.terms));
    x += &format!("<cac:TaxTotal>{}", money("TaxAmount", data.vat_total.context("vat")?, currency));
    for vat in &data.vat_breakdown {
        x += &format!(
            "<cac:TaxSubtotal>{}{}<cac:TaxCategory>{}</cac:TaxCategory></cac:TaxSubtotal>",
            money("TaxableAmount", vat.net.context("net")?, currency),
            money("TaxAmount", vat.vat.context("vat")?, currency),
            category(vat.rate)
        );
    }
    let line_total: Decimal = data.line_items.iter().filter_map(|l| l.net_amount).sum();
    let gross = data.gross_total.context("gross")?;
    x += &format!(
        "</cac:TaxTotal><cac:LegalMonetaryTotal>{}{}{}{}</cac:LegalMonetaryTotal>",
        money("LineExtensionAmount", line_total, currency),
        money("TaxExclusiveAmount", data.net_total.context("net")?, currency),
        money("TaxInclusiveAmount", gross, currency),
        money("PayableAmount", gross, currency)
    );
    for (i, line) in data.line_items.iter().enumerate() {
        x += &format!(
            "<cac:InvoiceLine>{}<cbc:InvoicedQuantity unitCode=\"{}\">{}</cbc:InvoicedQuantity>{}\
             <cac:Item>{}<cac:ClassifiedTaxCategory>{}</cac:ClassifiedTaxCategory></cac:Item>\
             <cac:Price>{}</cac:Price></cac:InvoiceLine>",
            cbc("ID", i + 1),
            escape(line.unit.as_deref().context("unit code")?),
            line.quantity.context("quantity")?,
            money("LineExtensionAmount", line.net_amount.context("amount")?, currency),
            cbc("Name", line.description.as_deref().context("description")?),
            category(line.vat_rate.context("rate")?),
            money("PriceAmount", line.unit_price.context("price")?, currency),
        );
    }
    x += "</Invoice>";
    Ok(indent(&x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_keeps_leaves_on_one_line() {
        let xml = indent("<?xml version=\"1.0\"?><a><b>1</b><c><d>x &amp; y</d></c></a>");
        assert_eq!(xml, "<?xml version=\"1.0\"?>\n<a>\n  <b>1</b>\n  <c>\n    <d>x &amp; y</d>\n  </c>\n</a>\n");
    }
}
