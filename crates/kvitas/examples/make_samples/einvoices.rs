//! The pure e-invoice samples: `ubl-invoice.xml` (Peppol BIS 3, Lithuanian
//! hotel, two VAT rates) and `cii-credit-note.xml` (CII type 381, Danish
//! supplier).
//!
//! A credit note's XML states positive amounts; the type code says they are
//! credited. The truth here mirrors the XML, as the corpus's XML truth does
//! (`shared/corpus/xml`, e.g. the UBL and OIOUBL credit notes) and as
//! `kvitas_extract::einvoice` reads it, rather than flipping the signs the way the
//! printed credit notes of the synthetic corpus do.

use anyhow::Result;
use kvitas_extract::{DocumentType, InvoiceData};

use crate::cii::{self, CiiExtras};
use crate::ids::{dk_cvr, iban, lt_company_code, lt_vat_code};
use crate::locale::date;
use crate::money::{invoice_totals, item, line_items};
use crate::party::{address, trader};
use crate::ubl::{self, UblExtras};
use crate::{Sample, verify};

pub fn ubl_invoice() -> Result<Sample> {
    let seller = trader("UAB „Kopų vėjas“", address("Taikos g. 32", "93121", "Neringa").with_country("LT"))
        .code(lt_company_code("30419876")?)
        .vat(lt_vat_code("4198762")?)
        .bank(iban("LT", "7300010123456789")?, "HABALT22");
    let buyer =
        trader("UAB „Pajūrio logistikos centras“", address("Minijos g. 180", "93269", "Klaipėda").with_country("LT"))
            .code(lt_company_code("30533418")?)
            .vat(lt_vat_code("5334189")?);
    let items = [
        item("Dviviečio kambario nakvynė su pusryčiais", "6", Some("DAY"), "89.00", "9"),
        item("Konferencijų salės nuoma", "8", Some("HUR"), "35.00", "21"),
        item("Kavos pertrauka (asmeniui)", "24", Some("C62"), "6.50", "21"),
        item("Vakarienė su gėrimais (asmeniui)", "12", Some("C62"), "27.90", "21"),
        item("Automobilio stovėjimo vieta, para", "6", Some("DAY"), "5.00", "21"),
    ];
    let mut truth = InvoiceData {
        document_type: Some(DocumentType::Invoice),
        language: Some("lt".into()),
        invoice_number: Some("KV-2025/0311".into()),
        issue_date: Some(date(2025, 3, 7)),
        due_date: Some(date(2025, 3, 21)),
        currency: Some("EUR".into()),
        supplier: Some(seller.party()),
        buyer: Some(buyer.party()),
        line_items: line_items(&items),
        payment_reference: Some("KV-2025/0311".into()),
        ..InvoiceData::default()
    };
    invoice_totals(&mut truth);
    let seller_vat = seller.vat_id.clone().unwrap_or_default();
    let buyer_code = buyer.company_code.clone().unwrap_or_default();
    let extras = UblExtras {
        endpoints: [("9937", &seller_vat), ("0200", &buyer_code)],
        legal_scheme: "0200",
        buyer_reference: "Konferencija 2025-03-03/06",
        delivery_date: Some(date(2025, 3, 6)),
        terms: "Apmokėti per 14 dienų nuo sąskaitos išrašymo.",
    };
    let xml = ubl::write(&truth, &seller, &buyer, &extras)?.into_bytes();
    verify::exact_read("ubl-invoice.xml", &xml, &truth)?;
    Ok(Sample::single("ubl-invoice", "xml", xml, truth))
}

pub fn cii_credit_note() -> Result<Sample> {
    let seller_cvr = dk_cvr("2547318")?;
    let seller = trader("Vestjysk Køkkenudstyr A/S", address("Industrivej 21", "7400", "Herning").with_country("DK"))
        .code(seller_cvr.clone())
        .vat(format!("DK{seller_cvr}"))
        .bank(iban("DK", "20000123456789")?, "NDEADKKK");
    let buyer_cvr = dk_cvr("3790415")?;
    let buyer = trader("Café Åkanden ApS", address("Søndergade 5", "8700", "Horsens").with_country("DK"))
        .code(buyer_cvr.clone())
        .vat(format!("DK{buyer_cvr}"));
    let items = [
        item("Espressomaskine, 2 grupper, rustfri (returneret)", "1", Some("H87"), "18450.00", "25"),
        item("Mælkekande 600 ml, stål (returneret)", "6", Some("H87"), "89.00", "25"),
        item("Returfragt, afhentning hos kunden", "1", Some("C62"), "450.00", "25"),
    ];
    let mut truth = InvoiceData {
        document_type: Some(DocumentType::CreditNote),
        language: Some("da".into()),
        invoice_number: Some("KN-2025-0042".into()),
        issue_date: Some(date(2025, 3, 14)),
        currency: Some("DKK".into()),
        supplier: Some(seller.party()),
        buyer: Some(buyer.party()),
        line_items: line_items(&items),
        ..InvoiceData::default()
    };
    invoice_totals(&mut truth);
    let extras = CiiExtras {
        type_code: "381",
        legal_scheme: Some("0184"),
        delivery_date: None,
        corrects: Some(("2025-0296", date(2025, 2, 20))),
        note: Some("Kreditnota for returnerede varer, jf. faktura 2025-0296."),
    };
    let xml = cii::write(&truth, &seller, &buyer, &extras)?.into_bytes();
    verify::exact_read("cii-credit-note.xml", &xml, &truth)?;
    Ok(Sample::single("cii-credit-note", "xml", xml, truth))
}
