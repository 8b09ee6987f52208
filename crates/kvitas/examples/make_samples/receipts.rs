//! The receipts: `kavine-kvitas.html` (a café's e-mailed receipt),
//! `store-receipt.txt` (a till slip as plain text) and
//! `receipt-photo-rotated.png` (a bakery slip photographed sideways).
//!
//! Receipt prices include VAT, so the truth's line amounts are VAT-inclusive and
//! the VAT is split out per rate (`money::receipt_totals`). A line printed
//! without "n x price" states no quantity or unit price, and its truth leaves
//! them out.

use anyhow::{Context, Result};
use image::{GrayImage, Luma};
use kvitas_extract::{DocumentType, InvoiceData, LineItem, PaymentMethod};
use rust_decimal::Decimal;

use crate::Sample;
use crate::canvas::{Face, Fonts, Meta, Page, build_pdf};
use crate::ids::{dk_cvr, gb_vat, lt_company_code, lt_vat_code};
use crate::locale::date;
use crate::money::{DA, EN, Item, LT, NumberStyle, cents, item, line_items, receipt_totals};
use crate::party::{Trader, address, trader};
use crate::scan::{Look, degrade, png, render_gray};

/// Receipt lines; single items print no quantity or unit price.
fn receipt_lines(items: &[Item]) -> Vec<LineItem> {
    let mut lines = line_items(items);
    for line in &mut lines {
        if line.quantity == Some(Decimal::ONE) && line.unit.is_none() {
            line.quantity = None;
            line.unit_price = None;
        }
    }
    lines
}

fn receipt(language: &str, number: &str, currency: &str, supplier: &Trader, lines: Vec<LineItem>) -> InvoiceData {
    let mut data = InvoiceData {
        document_type: Some(DocumentType::Receipt),
        language: Some(language.into()),
        invoice_number: Some(number.into()),
        currency: Some(currency.into()),
        supplier: Some(supplier.party()),
        line_items: lines,
        tip: Some(cents(Decimal::ZERO)),
        ..InvoiceData::default()
    };
    receipt_totals(&mut data);
    data
}

/// `left` and `right` on one line of `width` characters.
fn spread(left: &str, right: &str, width: usize) -> String {
    let gap = width.saturating_sub(left.chars().count() + right.chars().count()).max(1);
    format!("{left}{}{right}", " ".repeat(gap))
}

fn centred(text: &str, width: usize) -> String {
    let pad = width.saturating_sub(text.chars().count()) / 2;
    format!("{}{text}", " ".repeat(pad))
}

/// The item block of a till slip: name (and amount, when there is no quantity
/// line), then an indented "n x price" line with the price after `sign`.
fn item_rows(
    lines: &[LineItem],
    (style, sign): (NumberStyle, &str),
    width: usize,
    code: impl Fn(&LineItem) -> String,
) -> Vec<String> {
    let mut rows = Vec::new();
    for line in lines {
        let name = line.description.clone().unwrap_or_default();
        let amount = format!("{}{}", style.amount(line.net_amount.unwrap_or_default()), code(line));
        match (line.quantity, line.unit_price) {
            (Some(q), Some(p)) => {
                rows.push(name);
                let detail = match &line.unit {
                    Some(unit) => format!("  {} {unit} @ {sign}{}/{unit}", style.plain(q), style.amount(p)),
                    None => format!("  {} x {sign}{}", style.plain(q), style.amount(p)),
                };
                rows.push(spread(&detail, &amount, width));
            }
            _ => rows.push(spread(&name, &amount, width)),
        }
    }
    rows
}

pub fn cafe_email() -> Result<Sample> {
    let supplier = trader("UAB „Pelėdų kampelis“", address("Vilniaus g. 22", "LT-01119", "Vilnius"))
        .code(lt_company_code("30611482")?)
        .vat(lt_vat_code("6114827")?);
    let items = [
        item("Kapučino", "2", None, "3.40", "21"),
        item("Cinamono bandelė", "2", None, "2.90", "21"),
        item("Šaltibarščiai su keptomis bulvėmis", "1", None, "7.50", "21"),
        item("Žolelių arbata „Miško uogos“", "1", None, "2.70", "21"),
        item("Obuolių pyragas su ledais", "1", None, "4.60", "21"),
    ];
    // Every row of the e-mail's table shows quantity and price, so none is
    // dropped here, unlike on a till slip.
    let mut truth = receipt("lt", "0042-118734", "EUR", &supplier, line_items(&items));
    truth.issue_date = Some(date(2025, 3, 6));
    truth.payment_method = Some(PaymentMethod::Card);
    let tip = cents(Decimal::TWO);
    truth.tip = Some(tip);
    let eur = |d: Decimal| format!("{}&nbsp;€", LT.amount(d));
    let rows: String = truth
        .line_items
        .iter()
        .map(|l| {
            format!(
                "          <tr><td style=\"border-bottom:1px solid #eee\">{}</td><td align=\"right\">{}</td>\
                 <td align=\"right\">{}</td><td align=\"right\">{}</td></tr>\n",
                l.description.as_deref().unwrap_or_default(),
                LT.plain(l.quantity.unwrap_or_default()),
                eur(l.unit_price.unwrap_or_default()),
                eur(l.net_amount.unwrap_or_default())
            )
        })
        .collect();
    let gross = truth.gross_total.context("totals")?;
    let html = format!(
        include_str!("cafe.html"),
        name = supplier.name,
        code = supplier.company_code.as_deref().unwrap_or_default(),
        vat = supplier.vat_id.as_deref().unwrap_or_default(),
        address = supplier.address.one_line(),
        rows = rows,
        net = eur(truth.net_total.context("net")?),
        vat_amount = eur(truth.vat_total.context("vat")?),
        gross = eur(gross),
        tip = eur(tip),
        paid = eur(gross + tip),
    );
    Ok(Sample::single("kavine-kvitas", "html", html.into_bytes(), truth))
}

pub fn till_text() -> Result<Sample> {
    let vat_number = gb_vat("3195540")?;
    let supplier = trader("Thornbury Corner Stores Ltd", address("42 High Street", "BS35 2AR", "Thornbury").british())
        .vat(format!("GB{vat_number}"));
    let items = [
        item("Semi-skimmed milk 2L", "1", None, "1.65", "0"),
        item("Wholemeal bread 800g", "1", None, "1.45", "0"),
        item("Mature cheddar 400g", "1", None, "3.80", "0"),
        item("Bananas loose", "0.845", Some("kg"), "0.94", "0"),
        item("Sparkling water 6 x 500ml", "1", None, "2.95", "20"),
        item("Milk chocolate bar 100g", "3", None, "0.95", "20"),
        item("Washing-up liquid 450ml", "1", None, "1.25", "20"),
        item("Free-range eggs x6", "1", None, "2.30", "0"),
    ];
    let mut truth = receipt("en", "0311-004829", "GBP", &supplier, receipt_lines(&items));
    truth.issue_date = Some(date(2025, 3, 8));
    truth.payment_method = Some(PaymentMethod::Cash);
    let gross = truth.gross_total.context("totals")?;
    let cash = cents(Decimal::from(20));
    let w = 40;
    let gbp = |d: Decimal| format!("£{}", EN.amount(d));
    let rule = "-".repeat(w);
    let mut text = vec![
        centred("THORNBURY CORNER STORES", w),
        centred(&supplier.name, w),
        centred(supplier.address.street, w),
        centred(&supplier.address.lines()[1], w),
        centred("Tel. 01454 860 213", w),
        centred(&format!("VAT No. GB {} {} {}", &vat_number[..3], &vat_number[3..7], &vat_number[7..]), w),
        rule.clone(),
        "Receipt No: 0311-004829".into(),
        "Date: 08/03/2025      Time: 17:42".into(),
        "Till: 02              Served by: Priya".into(),
        rule.clone(),
    ];
    let code = |l: &LineItem| if l.vat_rate.is_some_and(|r| r.is_zero()) { " Z".into() } else { " A".into() };
    text.extend(item_rows(&truth.line_items, (EN, "£"), w, code));
    // Totals end two columns short of the items, under their amounts rather
    // than under the VAT code letters.
    text.extend([
        rule.clone(),
        spread("TOTAL", &gbp(gross), w - 2),
        spread("Cash", &gbp(cash), w - 2),
        spread("Change", &gbp(cash - gross), w - 2),
        rule.clone(),
        "VAT  Rate         Net         VAT".into(),
    ]);
    for vat in &truth.vat_breakdown {
        let letter = if vat.rate.is_zero() { "Z" } else { "A" };
        text.push(format!(
            "{letter}    {:>3}%  {:>10}  {:>10}",
            vat.rate,
            EN.amount(vat.net.unwrap_or_default()),
            EN.amount(vat.vat.unwrap_or_default())
        ));
    }
    text.extend([rule, centred("Thank you for shopping with us!", w), centred("Please keep your receipt.", w)]);
    let body = text.join("\n") + "\n";
    Ok(Sample::single("store-receipt", "txt", body.into_bytes(), truth))
}

pub fn rotated_photo(fonts: &Fonts) -> Result<Sample> {
    let supplier =
        trader("Bageriet Kornblomsten ApS", address("Nørregade 7", "5000", "Odense C")).code(dk_cvr("3611502")?);
    let items = [
        item("Rugbrød, groft", "1", None, "32.00", "25"),
        item("Tebirkes", "4", None, "9.50", "25"),
        item("Kanelsnegl", "2", None, "16.00", "25"),
        item("Kaffe, stor", "2", None, "35.00", "25"),
        item("Hindbærsnitte", "3", None, "14.50", "25"),
    ];
    let mut truth = receipt("da", "48213", "DKK", &supplier, receipt_lines(&items));
    truth.issue_date = Some(date(2025, 3, 9));
    truth.payment_method = Some(PaymentMethod::Card);
    let gross = truth.gross_total.context("totals")?;
    let w = 38;
    let rule = "-".repeat(w);
    let mut text = vec![
        centred(&supplier.name, w),
        centred(supplier.address.street, w),
        centred(&supplier.address.lines()[1], w),
        centred(&format!("CVR-nr. {}", supplier.company_code.as_deref().unwrap_or_default()), w),
        centred("Tlf. 66 12 48 90", w),
        rule.clone(),
        "Kvittering nr. 48213".into(),
        "09.03.2025  kl. 10:14      Kasse 1".into(),
        rule.clone(),
    ];
    text.extend(item_rows(&truth.line_items, (DA, ""), w, |_| String::new()));
    let vat = &truth.vat_breakdown[0];
    text.extend([
        rule.clone(),
        spread("I ALT DKK", &DA.amount(gross), w),
        spread("Dankort", &DA.amount(gross), w),
        "XXXX XXXX XXXX 3391".into(),
        rule.clone(),
        spread(&format!("Heraf moms {} %", vat.rate), &DA.amount(vat.vat.unwrap_or_default()), w),
        spread("Beløb ekskl. moms", &DA.amount(vat.net.unwrap_or_default()), w),
        rule,
        centred("Tak for besøget – på gensyn!", w),
    ]);
    let photo = photograph(fonts, "BAGERIET KORNBLOMSTEN", &text)?;
    Ok(Sample::single("receipt-photo-rotated", "png", png(&photo, 300)?, truth))
}

/// Prints the slip on 80 mm paper, then photographs it lying on a desk with
/// the phone held sideways: the picture comes out turned by 90°.
fn photograph(fonts: &Fonts, brand: &str, text: &[String]) -> Result<GrayImage> {
    let (size, lead) = (8.4, 11.2);
    let width = 80.0 * 72.0 / 25.4;
    let height = 64.0 + text.len() as f32 * lead + 36.0;
    let mut page = Page::new((width, height));
    page.text_center(fonts, width / 2.0, 36.0, 12.0, Face::Bold, brand);
    for (i, line) in text.iter().enumerate() {
        page.text(16.0, 60.0 + i as f32 * lead, size, Face::Mono, line);
    }
    let meta = Meta { title: "Kvittering", author: brand, subject: "Kvittering" };
    let pdf = build_pdf(fonts, &[page], &meta)?.to_bytes();
    let slip = render_gray(&pdf, 0, 300)?;
    // The slip lies on a darker, slightly uneven desk; the whole picture is
    // then degraded together, as a camera sees it.
    let margin = 70;
    let (w, h) = (slip.width() + 2 * margin, slip.height() + 2 * margin);
    let mut desk = GrayImage::from_fn(w, h, |x, y| Luma([(88 + (x + 2 * y) * 30 / (w + 2 * h)) as u8]));
    image::imageops::overlay(&mut desk, &slip, i64::from(margin), i64::from(margin));
    let look = Look {
        seed: 0xb4_48213,
        angle: 1.2,
        blur: 0.9,
        grain: 0.0,
        ink: 40,
        paper: 236,
        shading: 0.2,
        mottle: 2.5,
        specks: 0.0004,
    };
    let photo = degrade(&desk, &look);
    Ok(image::imageops::rotate90(&photo))
}
