//! `lt-pvm-saskaita.pdf`: a Lithuanian VAT invoice with a text layer.

use anyhow::{Context, Result};
use kvitas_extract::{DocumentType, InvoiceData};
use rust_decimal::Decimal;
use rust_decimal::prelude::ToPrimitive;

use crate::canvas::{Face, Fonts, Meta, build_pdf};
use crate::ids::{grouped4, iban, lt_company_code, lt_vat_code};
use crate::locale::{date, lt_amount_in_words, lt_long};
use crate::money::{LT, invoice_totals, item, line_items};
use crate::party::{Trader, address, trader};
use crate::sheet::{Align, PartyBlock, Sheet, column, layout, note, total};
use crate::{Sample, verify};

fn supplier() -> Result<Trader> {
    Ok(trader("UAB „Šilagirio baldai“", address("Ukmergės g. 241-12", "LT-07114", "Vilnius"))
        .code(lt_company_code("30548216")?)
        .vat(lt_vat_code("5482163")?)
        .bank(iban("LT", "7044006001234567")?, "CBVILT2X"))
}

fn buyer() -> Result<Trader> {
    Ok(trader("UAB „Nemuno vingio dizainas“", address("Laisvės al. 58-3", "LT-44240", "Kaunas"))
        .code(lt_company_code("30216917")?)
        .vat(lt_vat_code("2169075")?))
}

/// The lines of a Lithuanian party box: codes and address with their labels.
fn party_lines(t: &Trader) -> Vec<String> {
    let mut lines = Vec::new();
    lines.extend(t.company_code.as_ref().map(|c| format!("Įmonės kodas: {c}")));
    lines.extend(t.vat_id.as_ref().map(|v| format!("PVM mokėtojo kodas: {v}")));
    lines.push(format!("Adresas: {}", t.address.one_line()));
    lines
}

pub fn vat_invoice(fonts: &Fonts) -> Result<Sample> {
    let (supplier, buyer) = (supplier()?, buyer()?);
    let items = [
        item("Biuro kėdė „Ergo Plius“, juoda", "4", Some("vnt."), "189.90", "21"),
        item(
            "Baldų išdėstymo projektas ir konsultacijos biure (planavimas, brėžiniai, derinimas su užsakovu)",
            "6.5",
            Some("val."),
            "45.00",
            "21",
        ),
        item("Natūralus medžio vaškas, bespalvis", "2.75", Some("kg"), "18.40", "21"),
        item("Rašomasis stalas su ąžuolo lukštu, 160 × 80 cm", "2", Some("vnt."), "412.35", "21"),
        item("Spintelė dokumentams, užrakinama, šviesaus uosio", "3", Some("vnt."), "157.49", "21"),
        item("Pristatymas ir surinkimas Kaune", "1", Some("vnt."), "60.00", "21"),
    ];
    let issued = date(2025, 3, 4);
    let due = date(2025, 4, 3);
    let mut truth = InvoiceData {
        document_type: Some(DocumentType::Invoice),
        language: Some("lt".into()),
        invoice_number: Some("KVS 000417".into()),
        issue_date: Some(issued),
        due_date: Some(due),
        currency: Some("EUR".into()),
        supplier: Some(supplier.party()),
        buyer: Some(buyer.party()),
        line_items: line_items(&items),
        ..InvoiceData::default()
    };
    invoice_totals(&mut truth);

    let gross = truth.gross_total.context("totals are set")?;
    let euros = gross.trunc().to_u64().context("gross total fits in u64")?;
    let cents = ((gross - gross.trunc()) * Decimal::ONE_HUNDRED).to_u32().context("cents")?;
    let iban_printed = grouped4(supplier.iban.as_deref().unwrap_or_default());
    let mut supplier_lines = party_lines(&supplier);
    supplier_lines.extend([
        "Bankas: AB SEB bankas".to_string(),
        format!("A. s.: {iban_printed}"),
        format!("SWIFT: {}", supplier.swift.as_deref().unwrap_or_default()),
        "Tel. +370 5 219 4410".to_string(),
    ]);
    let eur = |d: Option<Decimal>| format!("{} €", LT.amount(d.unwrap_or_default()));
    let vat_label = format!("PVM {} %", truth.vat_breakdown[0].rate);
    let sheet = Sheet {
        brand: "ŠILAGIRIO BALDAI".into(),
        tagline: "Biuro baldai ir interjero sprendimai".into(),
        title: "PVM SĄSKAITA FAKTŪRA".into(),
        details: vec![
            ("Serija".into(), "KVS".into()),
            ("Nr.".into(), "000417".into()),
            ("Išrašymo data".into(), lt_long(issued)),
            ("Apmokėti iki".into(), lt_long(due)),
        ],
        parties: [
            PartyBlock { heading: "PARDAVĖJAS".into(), name: supplier.name.clone(), lines: supplier_lines },
            PartyBlock { heading: "PIRKĖJAS".into(), name: buyer.name.clone(), lines: party_lines(&buyer) },
        ],
        columns: vec![
            column("Nr.", 24.0, Align::Right),
            column("Prekės ar paslaugos pavadinimas", 235.0, Align::Left),
            column("Kiekis", 50.0, Align::Right),
            column("Mato\nvnt.", 44.0, Align::Center),
            column("Kaina,\nEUR", 74.0, Align::Right),
            column("Suma,\nEUR", 84.0, Align::Right),
        ],
        wrap_column: 1,
        rows: truth
            .line_items
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    format!("{}.", i + 1),
                    l.description.clone().unwrap_or_default(),
                    LT.plain(l.quantity.unwrap_or_default()),
                    l.unit.clone().unwrap_or_default(),
                    LT.amount(l.unit_price.unwrap_or_default()),
                    LT.amount(l.net_amount.unwrap_or_default()),
                ]
            })
            .collect(),
        totals: vec![
            total("Suma be PVM", eur(truth.net_total), false),
            total(&vat_label, eur(truth.vat_total), false),
            total("Iš viso", eur(truth.gross_total), true),
        ],
        notes: vec![
            note(&format!("Suma žodžiais: {}.", lt_amount_in_words(euros, cents)), Face::Bold, 9.0),
            note(
                &format!(
                    "Apmokėti iki {} į sąskaitą {iban_printed}, mokėjimo paskirtyje nurodant sąskaitos \
                     seriją ir numerį (KVS 000417).",
                    lt_long(due)
                ),
                Face::Regular,
                8.8,
            ),
            note("Prekės pristatytos 2025-03-03. Garantija baldams – 24 mėnesiai.", Face::Regular, 8.8),
            note("Sąskaitą išrašė: direktorė Rūta Žemaitytė", Face::Regular, 8.8),
            note("Sąskaitą priėmė: ______________________________", Face::Regular, 8.8),
        ],
        footer: format!("{} · {} · Tel. +370 5 219 4410", supplier.name, supplier.address.one_line()),
        continued_title: "PVM sąskaita faktūra KVS 000417 (tęsinys)".into(),
        continued: "Tęsinys kitame puslapyje".into(),
        page_label: |n, of| format!("Puslapis {n} iš {of}"),
    };
    let pages = layout(fonts, &sheet);
    let meta =
        Meta { title: "PVM sąskaita faktūra KVS 000417", author: &supplier.name, subject: "PVM sąskaita faktūra" };
    let pdf = build_pdf(fonts, &pages, &meta)?.to_bytes();
    verify::pages("lt-pvm-saskaita.pdf", &pdf, 1)?;
    verify::text_layer("lt-pvm-saskaita.pdf", &pdf, 0, &["PVM SĄSKAITA FAKTŪRA", "UAB „Šilagirio baldai“", "Iš viso"])?;
    Ok(Sample::single("lt-pvm-saskaita", "pdf", pdf, truth))
}
