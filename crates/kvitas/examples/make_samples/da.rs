//! The Danish invoices: `da-faktura.p1.jpg`/`.p2.jpg`, a two-page faktura
//! scanned to JPEG, and `rotated-page.pdf`, a one-page faktura whose page is
//! stored sideways with `/Rotate 90`.

use anyhow::{Result, ensure};
use chrono::NaiveDate;
use kvitas_extract::{DocumentType, InvoiceData};
use rust_decimal::Decimal;

use crate::canvas::{Face, Fonts, Meta, build_pdf};
use crate::ids::{dk_cvr, grouped4, iban, luhn};
use crate::locale::{da_long, date, dotted};
use crate::money::{DA, Item, invoice_totals, item, line_items};
use crate::party::{Trader, address, trader};
use crate::scan::{Look, degrade, jpeg, render_gray};
use crate::sheet::{Align, Note, PartyBlock, Sheet, column, layout, note, total};
use crate::{Sample, pdfobj, verify};

/// What differs between the two Danish invoices.
struct Faktura {
    supplier: Trader,
    buyer: Trader,
    tagline: &'static str,
    number: &'static str,
    issued: NaiveDate,
    due: NaiveDate,
    long_dates: bool,
    items: Vec<Item>,
    payment_reference: Option<String>,
    bank_line: String,
}

fn party_lines(t: &Trader, with_vat: bool) -> Vec<String> {
    let mut lines = t.address.lines();
    lines.extend(t.company_code.as_ref().map(|c| format!("CVR-nr.: {c}")));
    if with_vat {
        lines.extend(t.vat_id.as_ref().map(|v| format!("Momsnr.: {v}")));
    }
    lines
}

/// The truth and the printed sheet of a faktura.
fn faktura(f: &Faktura) -> Result<(InvoiceData, Sheet)> {
    let mut truth = InvoiceData {
        document_type: Some(DocumentType::Invoice),
        language: Some("da".into()),
        invoice_number: Some(f.number.into()),
        issue_date: Some(f.issued),
        due_date: Some(f.due),
        currency: Some("DKK".into()),
        supplier: Some(f.supplier.party()),
        buyer: Some(f.buyer.party()),
        line_items: line_items(&f.items),
        payment_reference: f.payment_reference.clone(),
        ..InvoiceData::default()
    };
    invoice_totals(&mut truth);
    ensure!(truth.vat_breakdown.len() == 1, "a Danish faktura here has one VAT rate");
    let show_date = |d| if f.long_dates { da_long(d) } else { dotted(d) };
    let kr = |d: Option<Decimal>| DA.amount(d.unwrap_or_default());
    let mut notes: Vec<Note> = vec![
        note(&format!("Betalingsbetingelser: netto 30 dage. Forfaldsdato {}.", show_date(f.due)), Face::Regular, 8.8),
        note(&f.bank_line, Face::Regular, 8.8),
    ];
    if let Some(line) = &f.payment_reference {
        notes.push(note("Indbetalingskort (FI-kort 71) – betalingslinje:", Face::Regular, 8.8));
        notes.push(note(line, Face::Mono, 11.0));
    }
    notes.push(note("Tak for handlen!", Face::Bold, 9.0));
    let sheet = Sheet {
        brand: f.supplier.name.clone(),
        tagline: f.tagline.into(),
        title: "FAKTURA".into(),
        details: vec![
            ("Fakturanr.".into(), f.number.into()),
            ("Fakturadato".into(), show_date(f.issued)),
            ("Forfaldsdato".into(), show_date(f.due)),
        ],
        parties: [
            PartyBlock { heading: "FRA".into(), name: f.supplier.name.clone(), lines: party_lines(&f.supplier, true) },
            PartyBlock {
                heading: "FAKTURERES TIL".into(),
                name: f.buyer.name.clone(),
                lines: party_lines(&f.buyer, false),
            },
        ],
        columns: vec![
            column("Pos.", 28.0, Align::Right),
            column("Beskrivelse", 245.0, Align::Left),
            column("Antal", 48.0, Align::Right),
            column("Enhed", 44.0, Align::Left),
            column("Pris", 66.0, Align::Right),
            column("Beløb", 80.0, Align::Right),
        ],
        wrap_column: 1,
        rows: truth
            .line_items
            .iter()
            .enumerate()
            .map(|(i, l)| {
                vec![
                    (i + 1).to_string(),
                    l.description.clone().unwrap_or_default(),
                    DA.plain(l.quantity.unwrap_or_default()),
                    l.unit.clone().unwrap_or_default(),
                    kr(l.unit_price),
                    kr(l.net_amount),
                ]
            })
            .collect(),
        totals: vec![
            total("I alt ekskl. moms", kr(truth.net_total), false),
            total(&format!("Moms {} %", truth.vat_breakdown[0].rate), kr(truth.vat_total), false),
            total("I alt DKK", kr(truth.gross_total), true),
        ],
        notes,
        footer: format!(
            "{} · {} · CVR-nr. {}",
            f.supplier.name,
            f.supplier.address.one_line(),
            f.supplier.company_code.as_deref().unwrap_or_default()
        ),
        continued_title: format!("Faktura {} (fortsat)", f.number),
        continued: "Fortsættes på næste side …".into(),
        page_label: |n, of| format!("Side {n} af {of}"),
    };
    Ok((truth, sheet))
}

fn nordlys() -> Result<Trader> {
    let cvr = dk_cvr("3914728")?;
    let vat = format!("DK{cvr}");
    Ok(trader("Nordlys Tømrer & Snedker ApS", address("Skovvejen 14", "8600", "Silkeborg"))
        .code(cvr)
        .vat(vat)
        .bank(iban("DK", "70400001234567")?, "JYBADKKK"))
}

/// Materials and labour for refitting a bakery shop: enough lines for the
/// table to run onto a second page.
fn bakery_refit() -> Vec<Item> {
    let rows: [(&str, &str, &str, &str); 34] = [
        ("Opmåling og projektering af butiksinventar", "3", "timer", "495.00"),
        ("Egetræsplanke 28 × 195 mm, høvlet og olieret", "42.5", "m", "89.50"),
        ("Birkekrydsfiner 18 mm, 1220 × 2440 mm", "9", "stk.", "612.00"),
        ("MDF-plade 16 mm, hvidlakeret", "6", "stk.", "348.75"),
        ("Skruer rustfri 5 × 60 mm (pakke à 200)", "4", "pk.", "129.00"),
        ("Beslag til skjulte hylder, galvaniseret", "24", "stk.", "38.40"),
        ("Skuffeskinner med soft-close, 500 mm", "12", "sæt", "214.00"),
        ("Greb i børstet messing, 160 mm", "18", "stk.", "64.95"),
        ("Nedtagning af eksisterende disk og hylder", "6", "timer", "475.00"),
        ("Bortskaffelse af affald (container 6 m³)", "1", "stk.", "2150.00"),
        ("Tømrerarbejde: ny salgsdisk med glasfront", "14", "timer", "475.00"),
        ("Hærdet glas 8 mm til disk, slebne kanter", "3.6", "m²", "1185.00"),
        ("Snedkerarbejde: brødreol med skrå hylder", "11.5", "timer", "495.00"),
        ("Bordplade i massiv eg, 40 mm, olieret", "4.2", "m", "1640.00"),
        ("Træolie, natur (2,5 l)", "3", "stk.", "289.00"),
        ("Slibepapir korn 120/180/240, assorteret", "2", "pk.", "96.50"),
        ("Montering af LED-lysliste i hylder", "5", "timer", "475.00"),
        ("LED-lysliste 24 V, varmhvid, inkl. profil", "16", "m", "142.00"),
        ("Transformer 24 V / 100 W", "2", "stk.", "385.00"),
        ("Silikonefuge, fødevaregodkendt", "6", "stk.", "74.50"),
        ("Gulvbeskyttelse og afdækning under arbejdet", "1", "stk.", "650.00"),
        ("Tilpasning af vindueskarm ved udstilling", "2.5", "timer", "475.00"),
        ("Vindueskarm i eg, 30 × 250 mm", "3.2", "m", "412.00"),
        ("Lim, vandfast D3 (750 g)", "2", "stk.", "118.00"),
        ("Kantbånd i eg, 22 mm, forlimet", "50", "m", "6.80"),
        ("Hængsler 110°, med dæmper", "20", "stk.", "27.90"),
        ("Snedkerarbejde: skabe under disk med låger", "9", "timer", "495.00"),
        ("Malerarbejde på synlige kanter og fronter", "4", "timer", "440.00"),
        ("Maling, halvblank, farve \"Havre\" (2,7 l)", "2", "stk.", "459.00"),
        ("Slutrengøring efter håndværkere", "3", "timer", "395.00"),
        ("Kørsel, Silkeborg–Aarhus t/r", "6", "stk.", "320.00"),
        ("Parkering ved arbejdssted", "6", "stk.", "85.00"),
        ("Småmaterialer (dybler, kiler, tape)", "1", "stk.", "420.00"),
        ("Aflevering og gennemgang med kunden", "1.5", "timer", "495.00"),
    ];
    rows.iter()
        .map(|(description, quantity, unit, price)| item(description, quantity, Some(unit), price, "25"))
        .collect()
}

pub fn long_invoice(fonts: &Fonts) -> Result<Sample> {
    let supplier = nordlys()?;
    let bank = format!(
        "Betaling til Jyske Bank · Reg.nr. 7040 Kontonr. 0001234567 · IBAN {} · BIC {}",
        grouped4(supplier.iban.as_deref().unwrap_or_default()),
        supplier.swift.as_deref().unwrap_or_default()
    );
    let buyer = trader("Fjordhavn Bageri A/S", address("Havnegade 31", "8000", "Aarhus C")).code(dk_cvr("2871465")?);
    let payment_id = luhn("00000020250318")?;
    let f = Faktura {
        supplier,
        buyer,
        tagline: "Tømrer- og snedkerarbejde · butiksinventar",
        number: "2025-0318",
        issued: date(2025, 3, 11),
        due: date(2025, 4, 10),
        long_dates: false,
        items: bakery_refit(),
        payment_reference: Some(format!("+71<{payment_id}+86417293<")),
        bank_line: bank,
    };
    let (truth, sheet) = faktura(&f)?;
    let pages = layout(fonts, &sheet);
    ensure!(pages.len() == 2, "the long faktura should take two pages, took {}", pages.len());
    let meta = Meta { title: "Faktura 2025-0318", author: &f.supplier.name, subject: "Faktura" };
    // The PDF is only an intermediate: the sample is its scan.
    let pdf = build_pdf(fonts, &pages, &meta)?.to_bytes();
    let mut inputs = Vec::new();
    for (page, (seed, angle)) in [(0x5ca1_0001u64, 0.6f32), (0x5ca1_0002, -0.8)].into_iter().enumerate() {
        let clean = render_gray(&pdf, page, 200)?;
        let look =
            Look { seed, angle, blur: 0.7, grain: 4.0, ink: 28, paper: 236, shading: 0.06, mottle: 0.0, specks: 0.0 };
        let scanned = degrade(&clean, &look);
        inputs.push((format!("da-faktura.p{}.jpg", page + 1), jpeg(&scanned, 80, 200)?));
    }
    Ok(Sample { stem: "da-faktura", inputs, truth })
}

pub fn rotated_page(fonts: &Fonts) -> Result<Sample> {
    let cvr = dk_cvr("4127309")?;
    let supplier = trader("Kystlinjen IT ApS", address("Strandvejen 112", "6400", "Sønderborg"))
        .code(cvr.clone())
        .vat(format!("DK{cvr}"))
        .bank(iban("DK", "34090012345678")?, "DABADKKK");
    let bank = format!(
        "Betaling til Danske Bank · IBAN {} · BIC {} · Angiv fakturanummer ved betaling.",
        grouped4(supplier.iban.as_deref().unwrap_or_default()),
        supplier.swift.as_deref().unwrap_or_default()
    );
    let buyer =
        trader("Sønderborg Cykelværksted I/S", address("Perlegade 9", "6400", "Sønderborg")).code(dk_cvr("3366120")?);
    let items = vec![
        item("Opsætning af ny bærbar computer til værksted", "2", Some("timer"), "650.00", "25"),
        item("Bærbar computer 14\", 16 GB RAM, 512 GB SSD", "1", Some("stk."), "6995.00", "25"),
        item("Kassesystem, månedligt abonnement (marts)", "1", Some("md."), "349.00", "25"),
        item("Netværksprinter til arbejdssedler", "1", Some("stk."), "1849.50", "25"),
        item("Fjernsupport efter aftale", "0.75", Some("timer"), "650.00", "25"),
    ];
    let f = Faktura {
        supplier,
        buyer,
        tagline: "IT-service til små virksomheder",
        number: "K-1047",
        issued: date(2025, 3, 12),
        due: date(2025, 4, 11),
        long_dates: true,
        items,
        payment_reference: None,
        bank_line: bank,
    };
    let (truth, sheet) = faktura(&f)?;
    let pages = layout(fonts, &sheet);
    ensure!(pages.len() == 1, "the rotated faktura should fit one page");
    let meta = Meta { title: "Faktura K-1047", author: &f.supplier.name, subject: "Faktura" };
    let mut pdf = build_pdf(fonts, &pages, &meta)?;
    let page = pdf.pages()?[0];
    pdfobj::store_sideways(&mut pdf, page, crate::canvas::A4)?;
    let bytes = pdf.to_bytes();
    verify::pages("rotated-page.pdf", &bytes, 1)?;
    verify::rotation("rotated-page.pdf", &bytes, 0, 90)?;
    verify::text_layer("rotated-page.pdf", &bytes, 0, &["Sønderborg Cykelværksted I/S", "Moms 25 %"])?;
    Ok(Sample::single("rotated-page", "pdf", bytes, truth))
}
