//! UBL 2.1 `Invoice` and `CreditNote`, including Peppol BIS 3 and the Danish OIOUBL.
//!
//! The EN 16931 business terms map onto UBL elements directly. OIOUBL, an older
//! national profile, differs in two ways that matter here: its
//! `TaxExclusiveAmount` holds the total tax rather than the net, and its VAT scheme
//! is identified as `63`/`Moms` rather than `VAT`.

use roxmltree::Node;
use rust_decimal::Decimal;

use super::common::{
    address, amount, bic_shaped, child, child_any, children, decimal, decimal_at, iban_shaped, iso_date, path, plain,
    text, text_at,
};
use crate::data::{DocumentType, InvoiceData, LineItem, Party, VatLine};

/// Maps a UBL document (root `Invoice` or `CreditNote`) to the canonical schema.
pub(super) fn read(root: Node) -> InvoiceData {
    let oioubl = text_at(root, &["CustomizationID"]).is_some_and(|id| id.to_ascii_uppercase().starts_with("OIOUBL"));
    let currency = text_at(root, &["DocumentCurrencyCode"]);
    let (vat_total, vat_breakdown) = vat_totals(root, currency.as_deref());
    let gross_total = decimal_at(root, &["LegalMonetaryTotal", "TaxInclusiveAmount"]).map(amount);
    let net_total = if oioubl {
        // OIOUBL puts the total of all taxes in TaxExclusiveAmount, so the net is
        // what remains of the gross once the VAT is taken off.
        gross_total.zip(vat_total).and_then(|(gross, vat)| gross.checked_sub(vat)).map(amount)
    } else {
        decimal_at(root, &["LegalMonetaryTotal", "TaxExclusiveAmount"]).map(amount)
    };
    let credit = root.tag_name().name() == "CreditNote";
    InvoiceData {
        document_type: Some(if credit { DocumentType::CreditNote } else { DocumentType::Invoice }),
        invoice_number: text_at(root, &["ID"]),
        issue_date: text_at(root, &["IssueDate"]).and_then(|d| iso_date(&d)),
        due_date: due_date(root),
        currency,
        supplier: Some(with_bank(party(root, "AccountingSupplierParty"), root)).filter(|p| !p.is_empty()),
        buyer: Some(party(root, "AccountingCustomerParty")).filter(|p| !p.is_empty()),
        net_total,
        vat_total,
        gross_total,
        vat_breakdown,
        line_items: line_items(root),
        payment_reference: payment_reference(root, oioubl),
        ..InvoiceData::default()
    }
}

/// BT-9: the invoice's `DueDate`, or the first payment means' due date, which is
/// where credit notes and OIOUBL put it.
fn due_date(root: Node) -> Option<chrono::NaiveDate> {
    let stated = text_at(root, &["DueDate"]);
    let from_means = || children(root, "PaymentMeans").find_map(|m| text_at(m, &["PaymentDueDate"]));
    stated.or_else(from_means).and_then(|d| iso_date(&d))
}

/// True when a tax scheme element names VAT: `VAT` in EN 16931, `63`/`Moms` in
/// OIOUBL. A missing scheme is taken as VAT, the only tax most invoices carry.
fn is_vat_scheme(scheme: Option<Node>) -> bool {
    let Some(scheme) = scheme else { return true };
    let id = text_at(scheme, &["ID"]).unwrap_or_default().to_ascii_uppercase();
    let name = text_at(scheme, &["Name"]).unwrap_or_default().to_ascii_uppercase();
    matches!(id.as_str(), "VAT" | "63") || matches!(name.as_str(), "VAT" | "MOMS") || (id.is_empty() && name.is_empty())
}

/// True for a tax category that carries no VAT by definition, so a missing rate
/// can only be zero.
fn is_zero_category(category: Node) -> bool {
    let id = text_at(category, &["ID"]).unwrap_or_default().to_ascii_uppercase();
    matches!(id.as_str(), "O" | "E" | "Z" | "AE" | "K" | "G" | "ZERORATED" | "REVERSECHARGE")
}

/// The VAT rate of a tax category: its percent, or zero for a no-VAT category.
fn category_rate(category: Node) -> Option<Decimal> {
    decimal_at(category, &["Percent"]).or_else(|| is_zero_category(category).then_some(Decimal::ZERO)).map(plain)
}

/// The VAT subtotals of a `TaxTotal`, skipping other taxes such as excise duties.
fn vat_subtotals<'a, 'i>(tax_total: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    children(tax_total, "TaxSubtotal").filter(|s| is_vat_scheme(path(*s, &["TaxCategory", "TaxScheme"])))
}

/// BT-110 and the BG-23 breakdown: the document-level `TaxTotal` in the document
/// currency that holds VAT subtotals. A `TaxTotal` in another currency (BT-111)
/// or for another tax is not the VAT total.
fn vat_totals(root: Node, currency: Option<&str>) -> (Option<Decimal>, Vec<VatLine>) {
    let in_currency = |total: &Node| {
        let stated = child(*total, "TaxAmount").and_then(|a| a.attribute("currencyID"));
        stated.is_none() || currency.is_none() || stated == currency
    };
    let totals: Vec<Node> = children(root, "TaxTotal").filter(in_currency).collect();
    let with_vat = totals.iter().find(|t| vat_subtotals(**t).next().is_some());
    let chosen = with_vat.or_else(|| totals.iter().find(|t| child(**t, "TaxSubtotal").is_none()));
    let Some(total) = chosen else { return (None, Vec::new()) };
    let breakdown = vat_subtotals(*total)
        .filter_map(|subtotal| {
            let rate = child(subtotal, "TaxCategory").and_then(category_rate)?;
            let net = decimal_at(subtotal, &["TaxableAmount"]).map(amount);
            let vat = decimal_at(subtotal, &["TaxAmount"]).map(amount);
            Some(VatLine { rate, net, vat })
        })
        .collect();
    (decimal_at(*total, &["TaxAmount"]).map(amount), breakdown)
}

/// A seller or buyer from `AccountingSupplierParty/Party` or the customer twin;
/// empty when the document has no such party.
fn party(root: Node, role: &str) -> Party {
    let Some(node) = path(root, &[role, "Party"]) else {
        return Party::default();
    };
    let legal = child(node, "PartyLegalEntity");
    let name = legal.and_then(|l| text_at(l, &["RegistrationName"])).or_else(|| text_at(node, &["PartyName", "Name"]));
    Party {
        name,
        company_code: legal.and_then(|l| child(l, "CompanyID")).and_then(company_code),
        vat_id: children(node, "PartyTaxScheme")
            .find(|s| is_vat_scheme(child(*s, "TaxScheme")))
            .and_then(|s| text_at(s, &["CompanyID"])),
        address: child(node, "PostalAddress").and_then(postal_address),
        ..Party::default()
    }
}

/// BT-30. OIOUBL writes Danish CVR numbers as `DK12345678` under scheme `DK:CVR`;
/// the registration number itself is the eight digits, so the prefix is dropped.
fn company_code(id: Node) -> Option<String> {
    let value = text(id)?;
    let cvr = id.attribute("schemeID").is_some_and(|s| s.eq_ignore_ascii_case("DK:CVR"));
    match value.strip_prefix("DK") {
        Some(digits) if cvr && !digits.is_empty() => Some(digits.to_string()),
        _ => Some(value),
    }
}

/// A postal address: street (with building number), additional street, free
/// address lines, then postcode and city, then country code.
fn postal_address(node: Node) -> Option<String> {
    let street = [text_at(node, &["StreetName"]), text_at(node, &["BuildingNumber"])]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" ");
    let free_lines = children(node, "AddressLine").filter_map(|l| text_at(l, &["Line"]));
    let lines = Some(street).into_iter().chain(text_at(node, &["AdditionalStreetName"])).chain(free_lines).collect();
    let country = text_at(node, &["Country", "IdentificationCode"]);
    address(lines, text_at(node, &["PostalZone"]), text_at(node, &["CityName"]), country)
}

/// Adds the payee's IBAN (BT-84) and BIC (BT-86) to the supplier. Only accounts
/// shaped like an IBAN count, since domestic account numbers are not IBANs.
fn with_bank(mut supplier: Party, root: Node) -> Party {
    let accounts: Vec<Node> =
        children(root, "PaymentMeans").filter_map(|m| child(m, "PayeeFinancialAccount")).collect();
    supplier.iban = accounts.iter().find_map(|a| text_at(*a, &["ID"]).and_then(|id| iban_shaped(&id)));
    supplier.swift = accounts.iter().find_map(|a| {
        let branch = child(*a, "FinancialInstitutionBranch")?;
        let ids = [text_at(branch, &["ID"]), text_at(branch, &["FinancialInstitution", "ID"])];
        ids.into_iter().flatten().find_map(|id| bic_shaped(&id))
    });
    supplier
}

/// BT-83. A Danish FI payment (means code 93, card type 71, 73 or 75) is written
/// as the payment line the payer types in, `+75<payment id+creditor<`. In OIOUBL
/// the `PaymentID` of FI and giro means is that card type, not a reference, so it
/// is not used on its own.
fn payment_reference(root: Node, oioubl: bool) -> Option<String> {
    let means: Vec<Node> = children(root, "PaymentMeans").collect();
    let code = |m: &Node| text_at(*m, &["PaymentMeansCode"]).unwrap_or_default();
    let fi_line = means.iter().filter(|m| code(m) == "93").find_map(|m| {
        let card = text_at(*m, &["PaymentID"]).filter(|c| matches!(c.as_str(), "71" | "73" | "75"))?;
        let id = text_at(*m, &["InstructionID"]).unwrap_or_default();
        let creditor = text_at(*m, &["CreditAccount", "AccountID"])?;
        Some(format!("+{card}<{id}+{creditor}<"))
    });
    let card_type_means = |m: &Node| oioubl && matches!(code(m).as_str(), "50" | "93");
    fi_line.or_else(|| means.iter().filter(|m| !card_type_means(m)).find_map(|m| text_at(*m, &["PaymentID"])))
}

/// BG-25: the invoice or credit note lines in document order.
/// Lines without any item data are left out.
fn line_items(root: Node) -> Vec<LineItem> {
    let lines = root.children().filter(|c| matches!(c.tag_name().name(), "InvoiceLine" | "CreditNoteLine"));
    lines.map(line_item).filter(|item| item != &LineItem::default()).collect()
}

fn line_item(line: Node) -> LineItem {
    let quantity = child_any(line, &["InvoicedQuantity", "CreditedQuantity"]);
    let item = child(line, "Item");
    LineItem {
        description: item.and_then(|i| text_at(i, &["Name"]).or_else(|| text_at(i, &["Description"]))),
        quantity: quantity.and_then(decimal).map(plain),
        unit: quantity.and_then(|q| q.attribute("unitCode")).map(str::trim).filter(|u| !u.is_empty()).map(String::from),
        unit_price: decimal_at(line, &["Price", "PriceAmount"]).map(amount),
        net_amount: decimal_at(line, &["LineExtensionAmount"]).map(amount),
        vat_rate: line_rate(line, item),
    }
}

/// BT-152: the item's classified tax category, or in OIOUBL the line's own VAT
/// subtotal, which is where that profile states the rate.
fn line_rate(line: Node, item: Option<Node>) -> Option<Decimal> {
    // EN 16931 gives a line exactly one classified tax category (BT-151/152);
    // where a document lists several, the first one is the line's rate.
    let classified = item.into_iter().flat_map(|i| children(i, "ClassifiedTaxCategory")).next().and_then(category_rate);
    let from_line_tax = || {
        // OIOUBL lines carry their taxes as subtotals; like the classified
        // category, the first one listed is taken as the line's rate.
        children(line, "TaxTotal")
            .flat_map(|t| children(t, "TaxSubtotal"))
            .find_map(|s| child(s, "TaxCategory").and_then(category_rate))
    };
    classified.or_else(from_line_tax)
}

#[cfg(test)]
mod tests {
    use super::*;

    const OIOUBL: &str = r#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
      xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
      xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2">
      <cbc:CustomizationID>OIOUBL-2.02</cbc:CustomizationID>
      <cbc:DocumentCurrencyCode>DKK</cbc:DocumentCurrencyCode>
      <cac:AccountingSupplierParty><cac:Party><cac:PartyLegalEntity>
        <cbc:RegistrationName>Leverandør ApS</cbc:RegistrationName>
        <cbc:CompanyID schemeID="DK:CVR">DK16356700</cbc:CompanyID>
      </cac:PartyLegalEntity></cac:Party></cac:AccountingSupplierParty>
      <cac:PaymentMeans><cbc:PaymentMeansCode>93</cbc:PaymentMeansCode>
        <cbc:InstructionID>123412124135125</cbc:InstructionID><cbc:PaymentID>75</cbc:PaymentID>
        <cac:CreditAccount><cbc:AccountID>12345678</cbc:AccountID></cac:CreditAccount></cac:PaymentMeans>
      <cac:TaxTotal><cbc:TaxAmount currencyID="DKK">250.00</cbc:TaxAmount><cac:TaxSubtotal>
        <cbc:TaxableAmount currencyID="DKK">1000.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="DKK">250.00</cbc:TaxAmount>
        <cac:TaxCategory><cbc:ID>StandardRated</cbc:ID><cbc:Percent>25</cbc:Percent>
          <cac:TaxScheme><cbc:ID>63</cbc:ID><cbc:Name>Moms</cbc:Name></cac:TaxScheme></cac:TaxCategory>
      </cac:TaxSubtotal></cac:TaxTotal>
      <cac:TaxTotal><cbc:TaxAmount currencyID="DKK">50.00</cbc:TaxAmount><cac:TaxSubtotal>
        <cbc:TaxableAmount currencyID="DKK">1000.00</cbc:TaxableAmount><cbc:TaxAmount currencyID="DKK">50.00</cbc:TaxAmount>
        <cac:TaxCategory><cbc:ID>Excise</cbc:ID><cbc:Percent>5</cbc:Percent>
          <cac:TaxScheme><cbc:ID>31</cbc:ID><cbc:Name>Afgift</cbc:Name></cac:TaxScheme></cac:TaxCategory>
      </cac:TaxSubtotal></cac:TaxTotal>
      <cac:LegalMonetaryTotal>
        <cbc:TaxExclusiveAmount currencyID="DKK">300.00</cbc:TaxExclusiveAmount>
        <cbc:TaxInclusiveAmount currencyID="DKK">1300.00</cbc:TaxInclusiveAmount>
      </cac:LegalMonetaryTotal>
    </Invoice>"#;

    #[test]
    fn oioubl_net_is_gross_minus_vat_and_excise_is_left_out() {
        let Ok(doc) = roxmltree::Document::parse(OIOUBL) else { panic!("test XML must parse") };
        let data = read(doc.root_element());
        assert_eq!(data.vat_total, Some(Decimal::new(25000, 2)));
        assert_eq!(data.net_total, Some(Decimal::new(105000, 2)));
        assert_eq!(data.vat_breakdown.len(), 1);
        let supplier = data.supplier.unwrap_or_default();
        assert_eq!(supplier.company_code.as_deref(), Some("16356700"));
        assert_eq!(data.payment_reference.as_deref(), Some("+75<123412124135125+12345678<"));
    }
}
