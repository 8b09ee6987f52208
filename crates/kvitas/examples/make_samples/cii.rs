//! A UN/CEFACT Cross Industry Invoice (D16B, as used by Factur-X and XRechnung)
//! written from the canonical data.
//!
//! Elements are emitted in the order the CII schema prescribes, and each value
//! comes from the truth, so that reading the XML back gives the truth again.

use anyhow::{Context, Result};
use chrono::NaiveDate;
use kvitas_extract::InvoiceData;
use rust_decimal::Decimal;

use crate::party::Trader;
use crate::ubl::{escape, indent};

/// What the canonical schema does not hold but an EN 16931 invoice states.
pub struct CiiExtras<'a> {
    /// 380 for an invoice, 381 for a credit note.
    pub type_code: &'a str,
    /// Scheme of the parties' legal registration numbers (e.g. `0184` for a CVR).
    pub legal_scheme: Option<&'a str>,
    pub delivery_date: Option<NaiveDate>,
    /// The invoice a credit note corrects, with its date.
    pub corrects: Option<(&'a str, NaiveDate)>,
    pub note: Option<&'a str>,
}

fn ymd(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

fn date_element(tag: &str, d: NaiveDate) -> String {
    format!("<{tag}><udt:DateTimeString format=\"102\">{}</udt:DateTimeString></{tag}>", ymd(d))
}

fn party(tag: &str, t: &Trader, legal_scheme: Option<&str>) -> String {
    let mut x = format!("<ram:{tag}><ram:Name>{}</ram:Name>", escape(&t.name));
    if let Some(code) = &t.company_code {
        let scheme = legal_scheme.map(|s| format!(" schemeID=\"{s}\"")).unwrap_or_default();
        x += &format!(
            "<ram:SpecifiedLegalOrganization><ram:ID{scheme}>{}</ram:ID></ram:SpecifiedLegalOrganization>",
            escape(code)
        );
    }
    let a = &t.address;
    x += &format!(
        "<ram:PostalTradeAddress><ram:PostcodeCode>{}</ram:PostcodeCode><ram:LineOne>{}</ram:LineOne>\
         <ram:CityName>{}</ram:CityName><ram:CountryID>{}</ram:CountryID></ram:PostalTradeAddress>",
        escape(a.postcode),
        escape(a.street),
        escape(a.city),
        a.country.unwrap_or_default()
    );
    if let Some(vat) = &t.vat_id {
        x += &format!(
            "<ram:SpecifiedTaxRegistration><ram:ID schemeID=\"VA\">{}</ram:ID></ram:SpecifiedTaxRegistration>",
            escape(vat)
        );
    }
    x + &format!("</ram:{tag}>")
}

fn tax(rate: Decimal, amounts: Option<(Decimal, Decimal)>) -> String {
    let (calculated, basis) = match amounts {
        Some((vat, net)) => (
            format!("<ram:CalculatedAmount>{vat}</ram:CalculatedAmount>"),
            format!("<ram:BasisAmount>{net}</ram:BasisAmount>"),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        "<ram:ApplicableTradeTax>{calculated}<ram:TypeCode>VAT</ram:TypeCode>{basis}\
         <ram:CategoryCode>S</ram:CategoryCode><ram:RateApplicablePercent>{rate}</ram:RateApplicablePercent>\
         </ram:ApplicableTradeTax>"
    )
}

/// Writes the CII document for `data`, sold by `seller` to `buyer`.
pub fn write(data: &InvoiceData, seller: &Trader, buyer: &Trader, extras: &CiiExtras) -> Result<String> {
    let currency = data.currency.as_deref().context("currency")?;
    let mut x = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <rsm:CrossIndustryInvoice xmlns:rsm=\"urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100\" \
         xmlns:qdt=\"urn:un:unece:uncefact:data:standard:QualifiedDataType:100\" \
         xmlns:ram=\"urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100\" \
         xmlns:udt=\"urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100\">\
         <rsm:ExchangedDocumentContext><ram:GuidelineSpecifiedDocumentContextParameter>\
         <ram:ID>urn:cen.eu:en16931:2017</ram:ID></ram:GuidelineSpecifiedDocumentContextParameter>\
         </rsm:ExchangedDocumentContext>",
    );
    x += &format!(
        "<rsm:ExchangedDocument><ram:ID>{}</ram:ID><ram:TypeCode>{}</ram:TypeCode>{}",
        escape(data.invoice_number.as_deref().context("number")?),
        extras.type_code,
        date_element("ram:IssueDateTime", data.issue_date.context("issue date")?)
    );
    if let Some(note) = extras.note {
        x += &format!("<ram:IncludedNote><ram:Content>{}</ram:Content></ram:IncludedNote>", escape(note));
    }
    x += "</rsm:ExchangedDocument><rsm:SupplyChainTradeTransaction>";
    for (i, line) in data.line_items.iter().enumerate() {
        x += &format!(
            "<ram:IncludedSupplyChainTradeLineItem>\
             <ram:AssociatedDocumentLineDocument><ram:LineID>{}</ram:LineID></ram:AssociatedDocumentLineDocument>\
             <ram:SpecifiedTradeProduct><ram:Name>{}</ram:Name></ram:SpecifiedTradeProduct>\
             <ram:SpecifiedLineTradeAgreement><ram:NetPriceProductTradePrice><ram:ChargeAmount>{}</ram:ChargeAmount>\
             </ram:NetPriceProductTradePrice></ram:SpecifiedLineTradeAgreement>\
             <ram:SpecifiedLineTradeDelivery><ram:BilledQuantity unitCode=\"{}\">{}</ram:BilledQuantity>\
             </ram:SpecifiedLineTradeDelivery>\
             <ram:SpecifiedLineTradeSettlement>{}<ram:SpecifiedTradeSettlementLineMonetarySummation>\
             <ram:LineTotalAmount>{}</ram:LineTotalAmount></ram:SpecifiedTradeSettlementLineMonetarySummation>\
             </ram:SpecifiedLineTradeSettlement></ram:IncludedSupplyChainTradeLineItem>",
            i + 1,
            escape(line.description.as_deref().context("description")?),
            line.unit_price.context("unit price")?,
            escape(line.unit.as_deref().context("unit code")?),
            line.quantity.context("quantity")?,
            tax(line.vat_rate.context("line rate")?, None),
            line.net_amount.context("line amount")?,
        );
    }
    x += "<ram:ApplicableHeaderTradeAgreement>";
    x += &party("SellerTradeParty", seller, extras.legal_scheme);
    x += &party("BuyerTradeParty", buyer, extras.legal_scheme);
    x += "</ram:ApplicableHeaderTradeAgreement><ram:ApplicableHeaderTradeDelivery>";
    if let Some(d) = extras.delivery_date {
        x += &format!(
            "<ram:ActualDeliverySupplyChainEvent>{}</ram:ActualDeliverySupplyChainEvent>",
            date_element("ram:OccurrenceDateTime", d)
        );
    }
    x += "</ram:ApplicableHeaderTradeDelivery><ram:ApplicableHeaderTradeSettlement>";
    if let Some(reference) = &data.payment_reference {
        x += &format!("<ram:PaymentReference>{}</ram:PaymentReference>", escape(reference));
    }
    x += &format!("<ram:InvoiceCurrencyCode>{currency}</ram:InvoiceCurrencyCode>");
    if let (Some(iban), Some(bic)) = (&seller.iban, &seller.swift) {
        x += &format!(
            "<ram:SpecifiedTradeSettlementPaymentMeans><ram:TypeCode>58</ram:TypeCode>\
             <ram:PayeePartyCreditorFinancialAccount><ram:IBANID>{iban}</ram:IBANID></ram:PayeePartyCreditorFinancialAccount>\
             <ram:PayeeSpecifiedCreditorFinancialInstitution><ram:BICID>{bic}</ram:BICID>\
             </ram:PayeeSpecifiedCreditorFinancialInstitution></ram:SpecifiedTradeSettlementPaymentMeans>"
        );
    }
    for vat in &data.vat_breakdown {
        x += &tax(vat.rate, Some((vat.vat.context("vat")?, vat.net.context("net")?)));
    }
    if let Some(due) = data.due_date {
        x += &format!(
            "<ram:SpecifiedTradePaymentTerms>{}</ram:SpecifiedTradePaymentTerms>",
            date_element("ram:DueDateDateTime", due)
        );
    }
    let net = data.net_total.context("net total")?;
    let line_total: Decimal = data.line_items.iter().filter_map(|l| l.net_amount).sum();
    let gross = data.gross_total.context("gross total")?;
    x += &format!(
        "<ram:SpecifiedTradeSettlementHeaderMonetarySummation><ram:LineTotalAmount>{line_total}</ram:LineTotalAmount>\
         <ram:TaxBasisTotalAmount>{net}</ram:TaxBasisTotalAmount>\
         <ram:TaxTotalAmount currencyID=\"{currency}\">{}</ram:TaxTotalAmount>\
         <ram:GrandTotalAmount>{gross}</ram:GrandTotalAmount><ram:DuePayableAmount>{gross}</ram:DuePayableAmount>\
         </ram:SpecifiedTradeSettlementHeaderMonetarySummation>",
        data.vat_total.context("vat total")?
    );
    if let Some((number, date)) = extras.corrects {
        x += &format!(
            "<ram:InvoiceReferencedDocument><ram:IssuerAssignedID>{}</ram:IssuerAssignedID>\
             <ram:FormattedIssueDateTime><qdt:DateTimeString format=\"102\">{}</qdt:DateTimeString>\
             </ram:FormattedIssueDateTime></ram:InvoiceReferencedDocument>",
            escape(number),
            ymd(date)
        );
    }
    x += "</ram:ApplicableHeaderTradeSettlement></rsm:SupplyChainTradeTransaction></rsm:CrossIndustryInvoice>";
    Ok(indent(&x))
}
