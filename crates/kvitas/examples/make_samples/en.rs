//! `en-invoice-scan.pdf`: a UK invoice printed, scanned and saved as an
//! image-only PDF, so the only way to its text is OCR.

use anyhow::{Result, ensure};
use kvitas_extract::{DocumentType, InvoiceData};
use rust_decimal::Decimal;

use crate::canvas::{Face, Fonts, Meta, build_pdf};
use crate::ids::{gb_vat, grouped4, iban};
use crate::locale::{date, en_long};
use crate::money::{EN, invoice_totals, item, line_items};
use crate::party::{address, trader};
use crate::scan::{Look, degrade, image_pdf, jpeg, render_gray};
use crate::sheet::{Align, PartyBlock, Sheet, column, layout, note, total};
use crate::{Sample, verify};

/// Resolution of the "scan"; 200 DPI is a common office-scanner default.
const DPI: u32 = 200;

pub fn scanned_invoice(fonts: &Fonts) -> Result<Sample> {
    let vat_number = gb_vat("2874521")?;
    let supplier =
        trader("Harbourside Print Works Ltd", address("Unit 7, Cumberland Road", "BS1 6XL", "Bristol").british())
            .code("08451237".into())
            .vat(format!("GB{vat_number}"))
            .bank(iban("GB", "NWBK60924531926819")?, "NWBKGB2L");
    let buyer =
        trader("Meadowbank Veterinary Practice Ltd", address("14 Kingsdown Parade", "BS6 5UD", "Bristol").british());
    let items = [
        item("A5 flyers, 170gsm silk, printed both sides in full colour", "2500", Some("each"), "0.07", "20"),
        item("Roller banner 850 × 2000 mm with carry case", "2", Some("each"), "64.50", "20"),
        item("Design and artwork preparation", "3.5", Some("hrs"), "42.00", "20"),
        item("Business cards, 400gsm matt laminated (box of 250)", "4", Some("box"), "18.75", "20"),
        item("Courier delivery, next working day", "1", Some("each"), "12.50", "20"),
    ];
    let (issued, due) = (date(2025, 2, 27), date(2025, 3, 29));
    let reference = "HPW-0142-MVP";
    let mut truth = InvoiceData {
        document_type: Some(DocumentType::Invoice),
        language: Some("en".into()),
        invoice_number: Some("INV-2025-0142".into()),
        issue_date: Some(issued),
        due_date: Some(due),
        currency: Some("GBP".into()),
        supplier: Some(supplier.party()),
        buyer: Some(buyer.party()),
        line_items: line_items(&items),
        payment_reference: Some(reference.into()),
        ..InvoiceData::default()
    };
    invoice_totals(&mut truth);
    let gbp = |d: Option<Decimal>| format!("£{}", EN.amount(d.unwrap_or_default()));
    let mut supplier_lines = supplier.address.lines();
    supplier_lines.extend([
        "Company No. 08451237 (England and Wales)".to_string(),
        format!("VAT Reg. No. GB {} {} {}", &vat_number[..3], &vat_number[3..7], &vat_number[7..]),
        "Tel. 0117 496 0721".to_string(),
    ]);
    let sheet = Sheet {
        brand: "HARBOURSIDE PRINT WORKS".into(),
        tagline: "Litho & digital printing · design · finishing".into(),
        title: "INVOICE".into(),
        details: vec![
            ("Invoice no.".into(), "INV-2025-0142".into()),
            ("Invoice date".into(), en_long(issued)),
            ("Due date".into(), en_long(due)),
            ("Your order".into(), "PO 3391".into()),
        ],
        parties: [
            PartyBlock { heading: "FROM".into(), name: supplier.name.clone(), lines: supplier_lines },
            PartyBlock { heading: "BILL TO".into(), name: buyer.name.clone(), lines: buyer.address.lines() },
        ],
        columns: vec![
            column("Description", 243.0, Align::Left),
            column("Qty", 46.0, Align::Right),
            column("Unit", 40.0, Align::Left),
            column("Unit price", 66.0, Align::Right),
            column("VAT", 38.0, Align::Right),
            column("Amount", 78.0, Align::Right),
        ],
        wrap_column: 0,
        rows: truth
            .line_items
            .iter()
            .map(|l| {
                vec![
                    l.description.clone().unwrap_or_default(),
                    EN.plain(l.quantity.unwrap_or_default()),
                    l.unit.clone().unwrap_or_default(),
                    EN.amount(l.unit_price.unwrap_or_default()),
                    format!("{}%", l.vat_rate.unwrap_or_default()),
                    EN.amount(l.net_amount.unwrap_or_default()),
                ]
            })
            .collect(),
        totals: vec![
            total("Subtotal", gbp(truth.net_total), false),
            total("VAT @ 20%", gbp(truth.vat_total), false),
            total("Total due", gbp(truth.gross_total), true),
        ],
        notes: vec![
            note(&format!("Payment reference: {reference}"), Face::Bold, 9.5),
            note(
                &format!(
                    "Please pay by {} by bank transfer to NatWest, sort code 60-92-45, account 31926819 \
                     (IBAN {}, BIC {}), quoting the payment reference.",
                    en_long(due),
                    grouped4(supplier.iban.as_deref().unwrap_or_default()),
                    supplier.swift.as_deref().unwrap_or_default()
                ),
                Face::Regular,
                8.8,
            ),
            note("Thank you for your business.", Face::Regular, 8.8),
        ],
        footer: format!("{} · Registered in England and Wales No. 08451237", supplier.name),
        continued_title: "Invoice INV-2025-0142 (continued)".into(),
        continued: "Continued overleaf".into(),
        page_label: |n, of| format!("Page {n} of {of}"),
    };
    let pages = layout(fonts, &sheet);
    ensure!(pages.len() == 1, "the UK invoice should fit one page");
    let meta = Meta { title: "Invoice INV-2025-0142", author: &supplier.name, subject: "Invoice" };
    let clean_pdf = build_pdf(fonts, &pages, &meta)?.to_bytes();
    let look = Look {
        seed: 0x0e4_0142,
        angle: -0.9,
        blur: 0.8,
        grain: 4.5,
        ink: 35,
        paper: 232,
        shading: 0.08,
        mottle: 0.0,
        specks: 0.0,
    };
    let scanned = degrade(&render_gray(&clean_pdf, 0, DPI)?, &look);
    let (width, height) = scanned.dimensions();
    let pdf = image_pdf(&[(jpeg(&scanned, 75, DPI as u16)?, width, height)], DPI, "Scan 27/02/2025 10:42");
    verify::pages("en-invoice-scan.pdf", &pdf, 1)?;
    Ok(Sample::single("en-invoice-scan", "pdf", pdf, truth))
}
