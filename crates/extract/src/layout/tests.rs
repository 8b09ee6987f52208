//! Layout rules on small text documents (one character cell per letter).

use rust_decimal::Decimal;

use super::extract;
use crate::data::{DocumentType, InvoiceData};
use crate::document::Document;
use crate::html::read_text;

fn read(pages: &[&str]) -> InvoiceData {
    read_as(pages, false)
}

/// Like [`read`], with the pages marked as read by OCR (word confidence 0.9).
fn read_ocr(pages: &[&str]) -> InvoiceData {
    read_as(pages, true)
}

fn read_as(pages: &[&str], ocr: bool) -> InvoiceData {
    let doc = if ocr { ocr_document(pages, |_| 0.9) } else { document(pages) };
    extract(&doc).data
}

/// The pages as a document of a text layer.
fn document(pages: &[&str]) -> Document {
    let mut doc = Document { pages: pages.iter().map(|p| read_text(p)).collect() };
    for (i, page) in doc.pages.iter_mut().enumerate() {
        page.number = i as u32 + 1;
    }
    doc
}

/// The pages as a document read by OCR, the words of each page's line `n`
/// read with confidence `confidence(n)`.
fn ocr_document(pages: &[&str], confidence: impl Fn(usize) -> f32) -> Document {
    let mut doc = document(pages);
    for page in &mut doc.pages {
        page.source = crate::document::TextSource::Ocr;
        for (n, line) in page.lines.iter_mut().enumerate() {
            for w in &mut line.words {
                w.confidence = confidence(n);
            }
        }
    }
    doc
}

/// The VAT breakdown as (rate, base, tax) texts.
fn rate_lines(data: &InvoiceData) -> Vec<(String, Option<String>, Option<String>)> {
    data.vat_breakdown
        .iter()
        .map(|r| (r.rate.to_string(), r.net.map(|n| n.to_string()), r.vat.map(|v| v.to_string())))
        .collect()
}

/// A word as OCR reads it from a scan, at `x0..x1` across and `y0..y1` down.
fn scanned(text: &str, x0: f32, x1: f32, y0: f32, y1: f32) -> crate::document::Word {
    crate::document::Word { text: text.into(), bbox: crate::document::BBox::new(x0, y0, x1, y1), confidence: 0.95 }
}

/// A page of `width` × `height` pixels read by OCR, its lines' words as given, read.
fn read_scan(rows: Vec<Vec<crate::document::Word>>, width: f32, height: f32) -> InvoiceData {
    let lines = rows.into_iter().filter_map(crate::document::Line::from_words).collect();
    let page = crate::document::Page {
        number: 1,
        width,
        height,
        unit: crate::document::Unit::Pixel,
        rotation: 0.0,
        source: crate::document::TextSource::Ocr,
        lines,
    };
    extract(&Document { pages: vec![page] }).data
}

/// A party as read, empty when none was.
fn party(p: &Option<crate::data::Party>) -> crate::data::Party {
    p.clone().unwrap_or_default()
}

fn dec(s: &str) -> Option<Decimal> {
    s.parse().ok()
}

#[test]
fn a_header_printed_on_two_lines_names_its_columns_from_both() {
    let data = read(&["\
Nr.  Aprašymas             Mat.   Kiekis   Vnt. kaina,   PVM,   Suma be
                           vnt.            €             %      PVM, €

1    Darbo pirštinės       por.   2,00     2,38          21 %   4,76
2    Šiukšlių išvežimas    mėn.   1,00     48,52         21 %   48,52

Iš viso be PVM:   53,28
"]);
    let items = &data.line_items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].description.as_deref(), Some("Darbo pirštinės"));
    assert_eq!(items[0].unit.as_deref(), Some("por."));
    assert_eq!(items[0].net_amount, dec("4.76"));
    assert_eq!(items[1].unit_price, dec("48.52"));
    assert_eq!(items[1].vat_rate, dec("21"));
}

#[test]
fn of_two_price_columns_the_right_one_is_the_line_amount() {
    let data = read(&["\
Beskrivelse     Enhed   Antal   Stk. pris, DKK   Moms %   Pris, DKK
Træpiller       sæk     2,00    52,29            25%      104,58
"]);
    assert_eq!(data.line_items.len(), 1);
    assert_eq!(data.line_items[0].unit_price, dec("52.29"));
    assert_eq!(data.line_items[0].net_amount, dec("104.58"));
}

#[test]
fn a_running_footer_ends_the_table_on_each_page() {
    let footer = "Nordlys ApS · Havnevej 1 · 8000 Aarhus · CVR 12345678    12,50";
    let page = |rows: &str, n: u32| {
        let mut text =
            format!("Faktura 1001{}Beskrivelse     Enhed   Antal   Pris     Beløb\n{rows}\n", "\n".repeat(25));
        text.push_str(&format!("{footer}\nSide {n}/2\n"));
        text
    };
    let one = page("Træpiller       sæk     2       50,00    100,00", 1);
    let two = page("Fragt           stk.    1       40,00    40,00", 2);
    let data = read(&[&one, &two]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Træpiller"), Some("Fragt")]);
}

#[test]
fn a_running_head_over_the_header_printed_again_on_the_next_page_is_no_item() {
    let header = "Beskrivelse              Antal   Enhed     Stk.pris        Beløb";
    let rows = (1..=40)
        .map(|i| format!("Konsulentbistand {i:<8} 1       timer     100,00          100,00"))
        .collect::<Vec<_>>();
    let one = format!("Faktura\nFakturanr. 75523\n\n{header}\n{}\n", rows.join("\n"));
    let two = format!(
        "Aagaard ApS                                         Fakturanummer   75523\n\n{header}\n\
         Frokostordning           20      kuvert    143,01        2.860,20\n\n\
         Total inkl. moms DKK                                 7.075,25\n"
    );
    let data = read(&[&one, &two]);
    assert_eq!(data.line_items.len(), 41);
    assert_eq!(data.line_items[40].description.as_deref(), Some("Frokostordning"));
    assert_eq!(data.line_items[40].net_amount, dec("2860.20"));
}

#[test]
fn an_item_named_on_the_line_over_its_figures_takes_that_name() {
    let receipt = [
        "UAB „Neries vingis“",
        "Šilo g. 124, Kaunas",
        "",
        "KASOS ČEKIS",
        "Prekė                    Kiekis   Kaina       Suma     PVM",
        "Kava „Paulig Presidentti“ 500 g",
        "                             1     8,25        8,25    21%",
        "Bananai",
        "                      1,631 kg     1,54        2,51    21%",
        "Kiaušiniai L, 10 vnt.        2     2,67        5,34    21%",
        "",
        "MOKĖTI                                     16,10 EUR",
    ]
    .join("\n");
    let data = read(&[&receipt]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Kava „Paulig Presidentti“ 500 g"), Some("Bananai"), Some("Kiaušiniai L, 10 vnt.")]);
    assert_eq!(data.line_items[1].net_amount, dec("2.51"));
}

#[test]
fn a_sidebar_beside_the_item_table_is_read_apart_from_it() {
    let page = [
        "Hollis & Grant Limited                     INVOICE",
        "62 Queen Street, Cardiff CF10 9YR",
        "Company No: 12442465                       Description                        Qty   Unit price    Amount",
        "                                           A4 copier paper, boxed               4        25.66    102.64",
        "                                           Office chair, mesh back,             1       266.00    266.00",
        "BILL TO",
        "Harbourside Catering and Events Limited    adjustable",
        "58 Victoria Road, Sheffield S1 2WZ         Loft insulation installation,       12         7.06     84.72",
        "                                           residential",
        "INVOICE DETAILS",
        "Invoice No.         INV-2025-0337",
        "Invoice date        29 April 2025",
        "",
        "Subtotal                     £453.36",
        "VAT 20%                       90.67",
        "Total due                   £544.03",
    ]
    .join("\n");
    let data = read(&[&page]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(
        described,
        [
            Some("A4 copier paper, boxed"),
            Some("Office chair, mesh back, adjustable"),
            Some("Loft insulation installation, residential")
        ]
    );
    assert_eq!(data.invoice_number.as_deref(), Some("INV-2025-0337"));
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2025, 4, 29));
    // The customer's name beside a row's wrapped description is the name alone.
    assert_eq!(party(&data.buyer).name.as_deref(), Some("Harbourside Catering and Events Limited"));
}

#[test]
fn a_label_beside_a_row_of_the_item_table_is_read() {
    let page = [
        "Hollis & Grant Limited                     INVOICE",
        "62 Queen Street, Cardiff CF10 9YR          Description                        Qty   Unit price    Amount",
        "                                           A4 copier paper, boxed               4        25.66    102.64",
        "                                           Office chair, mesh back,             1       266.00    266.00",
        "BILLED TO                                  adjustable",
        "Severn Facilities Ltd                      Loft insulation installation,       12         7.06     84.72",
        "Suite 3, Albion House                      residential",
        "144 King's Road                            Consultancy services                 2       105.70    211.40",
        "Sheffield S1 1WB",
        "",
        "INVOICE DETAILS",
        "Invoice No.         HG/25/499",
        "",
        "Subtotal                     £664.76",
        "VAT 20%                      132.95",
        "Total due                   £797.71",
    ]
    .join("\n");
    let data = read(&[&page]);
    let buyer = party(&data.buyer);
    assert_eq!(buyer.name.as_deref(), Some("Severn Facilities Ltd"));
    assert_eq!(buyer.address.as_deref(), Some("Suite 3, Albion House, 144 King's Road, Sheffield S1 1WB"));
    assert_eq!(data.line_items.len(), 4);
}

#[test]
fn a_note_under_the_table_is_no_part_of_the_customers_name_beside_it() {
    let page = [
        "Kestrel IT Services LLP            CREDIT NOTE",
        "114 Station Road, Manchester",
        "Company No: OC428797               Description                      Qty   Unit price   Amount",
        "                                   A4 copier paper, box of 5         -1       19.17    -19.17",
        "                                   Cat6 network cable, grey         -50        1.09    -54.50",
        "",
        "",
        "BILLED TO",
        "Brightwater Consulting Limited     Thank you for your business.",
        "74 Victoria Road, Manchester M2 3RX",
        "",
        "Subtotal                       -£73.67",
        "VAT 20%                        -£14.73",
        "Total credit                   -£88.40",
    ]
    .join("\n");
    let data = read(&[&page]);
    assert_eq!(party(&data.buyer).name.as_deref(), Some("Brightwater Consulting Limited"));
}

#[test]
fn labels_under_a_one_row_table_set_apart_from_it_are_read() {
    let page = [
        "Brightwater Consulting Ltd",
        "7 King's Road                              INVOICE",
        "Bath BA1 1GU",
        "Company No: 12296728                       Description                          Qty   Unit price      Amount",
        "                                           Laptop 14in, 16GB RAM, 512GB SSD      20       703.00   14,060.00",
        "",
        "                                           Payment within 30 days of invoice date.",
        "BILLED TO",
        "Oakridge Building Supplies Ltd",
        "119 High Street, Leeds LS1 1LG",
        "",
        "Invoice date        13 Sep 2024",
        "Due date            13 Oct 2024",
        "",
        "Subtotal                  £14,060.00",
        "VAT 20%                    £2,812.00",
        "Total due                 £16,872.00",
    ]
    .join("\n");
    let data = read(&[&page]);
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2024, 9, 13));
    assert_eq!(data.due_date, chrono::NaiveDate::from_ymd_opt(2024, 10, 13));
    assert_eq!(data.line_items.len(), 1);
}

#[test]
fn a_sidebar_line_right_under_a_one_row_table_is_no_part_of_it() {
    // The sidebar's "CRO No: 595754" on the header's line names no column,
    // and its e-mail line under the one row is not the row's description
    // wrapping: the lines below it are the sidebar's, and are read.
    let page = [
        "Boyne Valley Foods Limited                 INVOICE",
        "210 King's Road, Waterford                 Tax invoice",
        "VAT No: IE5322592S",
        "CRO No: 595754                             Description                          Qty   Unit price      Amount",
        "                                           Toner cartridge, black                24        86.00    2,064.00",
        "billing@boynevalleyfoods.ie",
        "",
        "                                           Payment within 30 days of invoice date.",
        "BILL TO",
        "Burren Consulting DAC",
        "11 Albion Street, Galway H91 47RV",
        "",
        "INVOICE DETAILS",
        "Invoice Number      BV/24/928",
        "Invoice date        18/11/2024",
        "Due date            18/12/2024",
        "",
        "Subtotal                  €2,064.00",
        "VAT 23%                     €474.72",
        "Total due                 €2,538.72",
    ]
    .join("\n");
    let data = read(&[&page]);
    assert_eq!(data.invoice_number.as_deref(), Some("BV/24/928"));
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2024, 11, 18));
    assert_eq!(party(&data.buyer).name.as_deref(), Some("Burren Consulting DAC"));
    assert_eq!(data.line_items.len(), 1);
    assert_eq!(data.line_items[0].description.as_deref(), Some("Toner cartridge, black"));
}

#[test]
fn the_total_is_the_one_the_net_and_vat_add_up_to_not_a_summarys_row_of_sums() {
    let page = [
        "PVM SĄSKAITA FAKTŪRA",
        "Serija AB Nr. 0087890",
        "",
        "Nr.  Pavadinimas            Kiekis   Kaina      Suma",
        "1    Konsultacijos               2   100,00    200,00",
        "2    Žurnalas                    1   100,00    100,00",
        "",
        "PVM tarifas       Suma be PVM         PVM            Suma be PVM:      300,00",
        "21 %                   200,00       42,00            PVM 21 %:          42,00",
        "9 %                    100,00        9,00            PVM 9 %:            9,00",
        "Iš viso                300,00       51,00",
        "                                                     Iš viso:   351,00 EUR",
    ]
    .join("\n");
    let data = read(&[&page]);
    assert_eq!(data.net_total, dec("300.00"));
    assert_eq!(data.vat_total, dec("51.00"));
    assert_eq!(data.gross_total, dec("351.00"));
}

#[test]
fn a_note_set_apart_under_the_last_row_is_not_its_description() {
    let page = [
        "Invoice INV-7",
        "Description                        Qty   Unit price    Amount",
        "Courier delivery, next working     1        12.00     12.00",
        "day",
        "Cat6 network cable, grey           2         4.50      9.00",
        "",
        "",
        "Thank you for your business.",
    ]
    .join("\n");
    let data = read(&[&page]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Courier delivery, next working day"), Some("Cat6 network cable, grey")]);
}

#[test]
fn a_percentage_in_a_description_is_not_the_rows_rate() {
    let receipt = [
        "UAB „Rytų tinklai“",
        "KASOS ČEKIS",
        "Prekė                   Kiekis    Kaina       Suma     PVM",
        "Sviestas 82 % 200 g           1    2,48        2,48    21%",
        "Žurnalas „Moteris“            1    2,82        2,82     9%",
        "MOKĖTI                                     5,30 EUR",
    ]
    .join("\n");
    let data = read(&[&receipt]);
    let item = &data.line_items[0];
    assert_eq!(item.description.as_deref(), Some("Sviestas 82 % 200 g"));
    assert_eq!(item.vat_rate, dec("21"));
    assert_eq!(item.quantity, dec("1"));
}

#[test]
fn a_lithuanian_receipts_short_company_code_label_is_read() {
    let receipt = "UAB „Neries vingis“\nŠilo g. 124\nLT-41153 Kaunas\nĮm. k. 300029656 PVM k. LT559157715\n\n\
                   KASOS ČEKIS\nPienas 1 l                1     1,07        1,07\nMOKĖTI                          1,07 EUR\n";
    let supplier = party(&read(&[receipt]).supplier);
    assert_eq!(supplier.company_code.as_deref(), Some("300029656"));
    assert_eq!(supplier.vat_id.as_deref(), Some("LT559157715"));
}

#[test]
fn the_address_follows_the_identifiers_and_continues_over_lines() {
    let data = read(&["\
PARDAVĖJAS                          PIRKĖJAS
UAB „Ekoversija“                    Gagys IĮ
Įm. kodas: 114650062                Įm. kodas: 304084002
Šiaulių g. 146-36                   Buveinės adresas: Šiaulių g. 12,
LT-55446 Jonava                     LT-28742 Utena
+370 416 369 662                    Bankas: AB Citadele
"]);
    assert_eq!(party(&data.supplier).address.as_deref(), Some("Šiaulių g. 146-36, LT-55446 Jonava"));
    assert_eq!(party(&data.buyer).address.as_deref(), Some("Šiaulių g. 12, LT-28742 Utena"));
}

#[test]
fn a_date_alone_under_the_title_is_the_issue_date_but_not_one_under_another_label() {
    let data = read(&["\
PVM SĄSKAITA FAKTŪRA
Serija KNS Nr. 162422
2025-03-11

Pristatymo data
2025-03-09
"]);
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2025, 3, 11));
    let late = read(&["SĄSKAITA\n\nPristatymo data\n2025-03-09\n"]);
    assert_eq!(late.issue_date, None);
}

#[test]
fn a_scans_misread_tax_is_worked_out_from_its_base_and_rate() {
    let page = [
        "Hollis & Grant Limited                 INVOICE",
        "Invoice No.      INV-2025-0337",
        "",
        "Subtotal                 £453.36",
        "VAT 20% on 368.64          1313",
        "VAT 5% on 84.72            4.24",
        "Total due                £531.33",
    ]
    .join("\n");
    let data = read_ocr(&[&page]);
    let rates = rate_lines(&data);
    assert!(rates.contains(&("20".into(), Some("368.64".into()), Some("73.73".into()))), "{rates:?}");
    assert_eq!(data.vat_total, dec("77.97"));
    // Not where the figure read has another length than the tax, nor from
    // a text layer.
    let unlike = page.replace("          1313", "           131");
    assert!(!rate_lines(&read_ocr(&[&unlike])).iter().any(|r| r.0 == "20"));
    assert!(!rate_lines(&read(&[&page])).iter().any(|r| r.0 == "20"));
}

#[test]
fn a_speck_read_as_a_letter_before_a_party_label_is_passed_over() {
    let page = [
        "UAB „Pajūrio technika“                 KREDITINĖ PVM SĄSKAITA FAKTŪRA",
        "                                       Serija KSF Nr. 0063742",
        "",
        "Ė PARDAVĖJAS                           PIRKĖJAS",
        "UAB „Pajūrio technika“                 R. Stankevičiaus IĮ",
        "Įmonės kodas: 128194875                Įmonės kodas: 308883263",
        "PVM mokėtojo kodas: LT413415712        Adresas: Sodų g. 127, LT-56933 Jonava",
        "Adresas: Statybininkų pr. 38, LT-38567 Panevėžys",
        "Bankas: AB Šiaulių bankas",
    ]
    .join("\n");
    let supplier = party(&read_ocr(&[&page]).supplier);
    assert_eq!(supplier.address.as_deref(), Some("Statybininkų pr. 38, LT-38567 Panevėžys"));
}

#[test]
fn a_scans_item_rate_with_two_decimals_is_a_rate_whose_sign_was_misread() {
    let page = [
        "Item                       Qty    Price    Total    VAT",
        "Soup of the day              2     6.48    12.96    13.54",
        "Soft drink                   1     2.96     2.96    23%",
        "",
        "TOTAL                                      15.92",
    ]
    .join("\n");
    assert_eq!(read_ocr(&[&page]).line_items[0].vat_rate, dec("13.5"));
    // Not on a text layer, where it is printed so.
    assert_eq!(read(&[&page]).line_items[0].vat_rate, dec("13.54"));
}

#[test]
fn a_series_that_is_a_label_word_is_read_under_its_label() {
    let page = [
        "MB Baltijos logistika                  PVM SĄSKAITA FAKTŪRA",
        "Mindaugo g. 82C, Telšiai",
        "                                       Serija    Nr.      Data          Apmokėti iki",
        "                                       PVM       06120    2025-08-06    2025-09-20",
        "",
        "Iš viso mokėti:       10,00 EUR",
    ]
    .join("\n");
    let data = read(&[&page]);
    assert_eq!(data.invoice_number.as_deref(), Some("PVM 06120"));
    assert_eq!(data.due_date, chrono::NaiveDate::from_ymd_opt(2025, 9, 20));
}

#[test]
fn a_series_printed_before_the_number_is_kept_with_it() {
    let data = read(&["PIRKĖJAS                 Nr.     AB 021760\nUAB „Ežerų centras“\n"]);
    assert_eq!(data.invoice_number.as_deref(), Some("AB 021760"));
}

#[test]
fn a_zero_rate_the_items_print_is_a_breakdown_line_of_its_own() {
    let page = [
        "FAKTURA",
        "Beskrivelse                          Antal    Stk.pris   Moms         Beløb",
        "Arbejdsløn, elektriker                   2      500,00    25%       1.000,00",
        "Avisabonnement                          10       43,40     0%         434,00",
        "",
        "                                   Subtotal                         1.434,00",
        "                                   Momspligtigt beløb               1.000,00",
        "                                   Momsfrit beløb                     434,00",
        "                                   Moms 25%                           250,00",
        "                                   Total DKK                        1.684,00",
    ]
    .join("\n");
    let lines = rate_lines(&read(&[&page]));
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        lines,
        [("25".to_owned(), some("1000.00"), some("250.00")), ("0".to_owned(), some("434.00"), some("0"))]
    );
}

#[test]
fn the_total_paid_with_the_tip_is_not_the_bills_total() {
    let page = [
        "                        SĄSKAITA",
        "Prekė                    Kiekis     Kaina      Suma      PVM",
        "Cepelinai su mėsa            4       9,78      39,12     21%",
        "Arbata su citrina            1       1,94       1,94     21%",
        "",
        "MOKĖTI                                    41,06 EUR",
        "Arbatpinigiai                                  4,00",
        "Iš viso sumokėta                              45,06",
        "Mokėta kortele (Maestro)                      45,06",
        "",
        "PVM %                 Be PVM           PVM          Su PVM",
        "21 %                   33,93          7,13           41,06",
        "Čekio Nr. 842/97/35",
    ]
    .join("\n");
    let data = read(&[&page]);
    assert_eq!((data.gross_total, data.tip), (dec("41.06"), dec("4.00")));
}

#[test]
fn a_label_naming_series_and_number_gives_both() {
    let data = read(&["PVM SĄSKAITA FAKTŪRA\n\nSerija ir numeris: KSF 0063742\nIšrašymo data: 2025-07-06\n"]);
    assert_eq!(data.invoice_number.as_deref(), Some("KSF 0063742"));
    let data = read(&["PVM SĄSKAITA FAKTŪRA\n\nSerija ir Nr.    BL 042184\n"]);
    assert_eq!(data.invoice_number.as_deref(), Some("BL 042184"));
}

#[test]
fn a_receipt_line_that_prints_its_rate_after_the_amount_has_that_rate() {
    let page = [
        "Mature cheddar 400g",
        "   2 x 4.07                        8.14 0%",
        "Orange juice 1L",
        "   1 x 1.63                       1.63 20%",
        "------------------------------------------",
        "TOTAL                             9.77 GBP",
        "Card payment VISA                      9.77",
        "",
        "VAT              Net        VAT      Gross",
        "20%             1.36       0.27       1.63",
        "0%              8.14       0.00       8.14",
    ]
    .join("\n");
    let data = read(&[&page]);
    let rates: Vec<_> = data.line_items.iter().map(|i| i.vat_rate).collect();
    assert_eq!(rates, [dec("0"), dec("20")]);
}

#[test]
fn a_figure_one_space_after_a_description_in_character_cells_is_part_of_it() {
    let page = [
        "Description                        Quantity   Unit price VAT     Amount",
        "Laptop 14in, 16GB RAM, 512GB SSD   20         703.00     20 %    14,060.00",
        "Gipsplade 12,5 mm, 900×2400        15         90.92      20 %    1,363.80",
        "",
        "Subtotal                 15,423.80",
    ]
    .join("\n");
    let data = read(&[&page]);
    let names: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref().unwrap_or("")).collect();
    assert_eq!(names, ["Laptop 14in, 16GB RAM, 512GB SSD", "Gipsplade 12,5 mm, 900×2400"]);
    assert_eq!(data.line_items[1].quantity, dec("15"));
}

#[test]
fn an_iban_after_an_account_number_label_is_no_invoice_number() {
    let page = "PVM SĄSKAITA FAKTŪRA\n\nUAB „Kopų projektai“\nBankas: „Swedbank“, AB\n\
                Sąskaitos Nr.: LT22 7300 0736 5133 1081\n";
    assert_eq!(read(&[page]).invoice_number, None);
    let page = format!("{page}Sąskaitos Nr. BL 042184\n");
    assert_eq!(read(&[&page]).invoice_number.as_deref(), Some("BL 042184"));
}

#[test]
fn a_number_under_its_series_with_its_label_misread_is_joined_to_it() {
    // The series' value in a column right of its label, and the number
    // under it with "Nr." read as "NE" at the left.
    let page = "\
UAB „Ežerų centras“
PVM SĄSKAITA FAKTŪRA
Serija                                   AB       Pirkėjas
NE                                    29998       UAB \"Telšių vandenys\"
";
    assert_eq!(read_ocr(&[page]).invoice_number.as_deref(), Some("AB 29998"));
    // Series and number on one segment each under the other.
    let stacked = "PVM SĄSKAITA FAKTŪRA\nSerija BLT\nSe 0584357\n";
    assert_eq!(read_ocr(&[stacked]).invoice_number.as_deref(), Some("BLT 0584357"));
    // Not on a text layer, where a label is never misread, nor a number of
    // fewer than four figures, nor under a word that is no short label.
    assert_eq!(read(&[page]).invoice_number, None);
    let short = page.replace("29998", "299");
    assert_eq!(read_ocr(&[&short]).invoice_number, None);
    let word = stacked.replace("Se 0584357", "Gatve 0584357");
    assert_eq!(read_ocr(&[&word]).invoice_number, None);
}

#[test]
fn a_party_block_does_not_start_at_the_invoice_numbers_box_beside_the_title() {
    // The parties side by side with their headings lost; the invoice
    // number's label and value in a box of their own above the buyer's.
    // (The string starts with a line break so that the label keeps its indent.)
    let page = "
                                                SĄSKAITOS NUMERIS
PVM SĄSKAITA FAKTŪRA                            VLN 83360


Elektrotechnika, UAB                            UAB „Kęstučio elektra“
Įmonės kodas: 139988513                         Įmonės kodas: 301957120
PVM mokėtojo kodas: LT399885110                 PVM mokėtojo kodas: LT100014131117
Sodų g. 101                                     M. K. Čiurlionio g. 148
LT-20682 Ukmergė                                LT-41846 Biržai
";
    let data = read_ocr(&[page]);
    let (supplier, buyer) = (party(&data.supplier), party(&data.buyer));
    assert_eq!(supplier.name.as_deref(), Some("Elektrotechnika, UAB"));
    assert_eq!(supplier.company_code.as_deref(), Some("139988513"));
    assert_eq!(buyer.company_code.as_deref(), Some("301957120"));
    assert_eq!(data.invoice_number.as_deref(), Some("VLN 83360"));
}

#[test]
fn the_total_at_the_end_of_the_line_wins_over_an_amount_in_the_label_text() {
    let data = read(&["\
Beløb ekskl. moms                 DKK 272 970,02
Moms 25% af 272 970,02            DKK 68 242,51
Total                             DKK 341 212,53
"]);
    assert_eq!(data.vat_total, dec("68242.51"));
    assert_eq!(data.net_total, dec("272970.02"));
}

#[test]
fn a_net_read_from_a_vat_table_gives_way_to_the_sum_of_its_bases() {
    let data = read(&["\
KVITTERING
Kaffe         25,00
TOTAL DUE     £26.04

VAT   Net     VAT    Gross
A 20%  5.13   1.03   6.16
B 5%   17.16  0.86   18.02
Z 0%   1.86   0.00   1.86
"]);
    assert_eq!(data.gross_total, dec("26.04"));
    assert_eq!(data.net_total, dec("24.15"));
}

#[test]
fn a_vat_number_in_a_footer_part_is_the_issuers() {
    let data = read(&["\
Kingfisher Marketing Ltd                INVOICE
26 Granby Row, Belfast

Registered office: 26 Granby Row, Belfast | VAT Reg No GB 975 2523 56
"]);
    assert_eq!(data.supplier.and_then(|s| s.vat_id).as_deref(), Some("GB975252356"));
}

#[test]
fn a_party_label_standing_alone_takes_its_value_from_the_column_right_of_it() {
    // A party block set as a form: bare labels at the left, values in a
    // column of their own further right.
    let page = "\
CREDIT NOTE
SELLER                                                      BILL TO
Simpson & Clarke LLP                                        Greenfield Plumbing & Heating LLP
Address                  Unit 4, Riverside Business Park    Address  122 Chapel Street, Birmingham
                         Market Place, Cambridge CB2 6EG
VAT Registration Number  GB492083046
Bank                     HSBC UK
Payee                    Simpson & Clarke LLP
";
    let supplier = party(&read(&[page]).supplier);
    assert_eq!(supplier.name.as_deref(), Some("Simpson & Clarke LLP"));
    assert_eq!(supplier.address.as_deref(), Some("Unit 4, Riverside Business Park, Market Place, Cambridge CB2 6EG"));
    assert_eq!(supplier.vat_id.as_deref(), Some("GB492083046"));
}

#[test]
fn a_speck_read_before_a_merchant_name_is_no_part_of_it() {
    let page = "\
-Nørrebro Købmand ApS
Tværager Allé 7
2304 Højby
CVR: 86189194
KVITTERING
I alt                        64,68
";
    assert_eq!(party(&read_ocr(&[page]).supplier).name.as_deref(), Some("Nørrebro Købmand ApS"));
    // A text layer's name is as printed.
    assert_eq!(party(&read(&[page]).supplier).name.as_deref(), Some("-Nørrebro Købmand ApS"));
}

#[test]
fn a_merchant_name_ocr_was_unsure_of_is_believed_less() {
    let page = "\
SANYU STATIONERY SHOP
NO. 31G&33G, JALAN SETIA INDAH X ,U13/X
40170 SETIA ALAM
CASH SALES
TOTAL                       RM 12.00
";
    let name_confidence = |first_line: f32| {
        let doc = ocr_document(&[page], |n| if n == 0 { first_line } else { 0.95 });
        let found = extract(&doc);
        let name = found.fields.iter().find(|f| f.path == "supplier.name").expect("merchant name");
        assert_eq!(name.value, "SANYU STATIONERY SHOP");
        name.confidence
    };
    let (sure, unsure) = (name_confidence(0.95), name_confidence(0.55));
    assert!(unsure < sure * 0.7, "{unsure} against {sure}");
    // Read as surely as the reader ever is, it keeps its place's belief.
    assert!((name_confidence(0.9) - sure).abs() < 1e-3);
}

#[test]
fn a_printed_vat_id_whose_checksum_fails_is_kept_unconfirmed_and_flagged() {
    let page = "\
Lieferant GmbH                          RECHNUNG
Lieferantenstraße 20, 80333 München

BIC: GENODEF1M04       USt.-Identnr.:   DE123456789
";
    let doc = Document { pages: vec![read_text(page)] };
    let found = extract(&doc);
    let vat = found.fields.iter().find(|f| f.path == "supplier.vat_id").expect("supplier VAT id");
    assert_eq!(vat.value, "DE123456789");
    assert!(vat.confidence < 0.9, "{}", vat.confidence);
    assert!(
        found.issues.iter().any(|i| i.code == "checksum_failed" && i.field.as_deref() == Some("supplier.vat_id")),
        "{:?}",
        found.issues
    );
    // Read by OCR, the same figures are more likely misread than misprinted.
    assert_eq!(read_ocr(&[page]).supplier.and_then(|s| s.vat_id), None);
}

#[test]
fn a_rate_whose_percent_sign_was_misread_is_taken_where_the_totals_confirm_it() {
    let page = |tax_line: &str| {
        format!(
            "\
PVM SĄSKAITA FAKTŪRA Nr. 123

Iš viso be PVM        -3 287,32 EUR
{tax_line}
Iš viso su PVM        -3 977,66 EUR
"
        )
    };
    let data = read_ocr(&[&page("PVM 21 46             -690,34 EUR")]);
    assert_eq!(rate_lines(&data), vec![("21".into(), Some("-3287.32".into()), Some("-690.34".into()))]);
    // A figure that does not give the tax is no rate.
    let data = read_ocr(&[&page("PVM 22 46             -690,34 EUR")]);
    assert_eq!(rate_lines(&data), vec![]);
}

#[test]
fn a_vat_summary_table_gives_the_rates_and_its_foot_row_the_totals() {
    let data = read(&["\
RECHNUNGS-KORREKTUR                     Beleg-Nr: RK21012345

Rechnungsrabatt 1:   Basisbetrag:   -2,90

Warenwert    Nettobetrag    MwSt-Betrag    MwSt-%    Endbetrag
    -5,00          -4,85          -0,92      19,0        -5,77
    -2,90          -2,82          -0,20       7,0        -3,02
    -7,90          -7,67          -1,12       EUR        -8,79
"]);
    assert_eq!((data.net_total, data.vat_total, data.gross_total), (dec("-7.67"), dec("-1.12"), dec("-8.79")));
    assert_eq!(
        rate_lines(&data),
        vec![
            ("19".into(), Some("-4.85".into()), Some("-0.92".into())),
            ("7".into(), Some("-2.82".into()), Some("-0.20".into()))
        ]
    );
}

#[test]
fn a_vat_label_that_ends_the_footer_line_has_its_number_on_the_next() {
    let page = |totals: &str, footer: &str| {
        format!(
            "\
Kingfisher Marketing Ltd                INVOICE
26 Granby Row, Belfast

Bill to:
Fadden & Boylan Ltd
151 Albert Road, Limerick

{totals}




Registered office: 26 Granby Row, Belfast | {footer}
"
        )
    };
    let vat_id = |text: String| read(&[&text]).supplier.and_then(|s| s.vat_id);
    let totals =
        "Subtotal                   100.00\nVAT 20%                     20.00\nTotal                      120.00";
    assert_eq!(vat_id(page(totals, "VAT Registration Number\nGB 975 2523 56")).as_deref(), Some("GB975252356"));
    // The label itself may wrap: "VAT Registration" | "Number GB …".
    let totals = "Total                      120.00";
    assert_eq!(vat_id(page(totals, "VAT Registration\nNumber GB 975 2523 56")).as_deref(), Some("GB975252356"));
    // On a scan, an Irish check letter read as a figure is mended where the
    // checksum then holds; on a text layer the id stays as printed.
    let scanned = |text: String| read_ocr(&[&text]).supplier.and_then(|s| s.vat_id);
    assert_eq!(scanned(page(totals, "VAT Registration Number: IE 24436720")).as_deref(), Some("IE2443672Q"));
    assert_eq!(vat_id(page(totals, "VAT Registration Number: IE 24436720")), None);
}

#[test]
fn a_currency_seen_only_as_the_dollar_sign_is_not_sure() {
    let doc = Document { pages: vec![read_text("KEDAI ABC\nTea      $2.50\nTOTAL    $2.50\n")] };
    let found = extract(&doc);
    let currency = found.fields.iter().find(|f| f.path == "currency").unwrap();
    assert_eq!(currency.value, "USD");
    assert!(currency.confidence < 0.9, "{}", currency.confidence);
    let doc = Document { pages: vec![read_text("Tea      EUR 2.50\nTOTAL    EUR 2.50\n")] };
    let found = extract(&doc);
    assert!(found.fields.iter().any(|f| f.path == "currency" && f.confidence >= 0.9));
    // Seen once as a code and once as the sign (an "S" misread in a
    // number), the code is the currency.
    let doc = Document { pages: vec![read_text("Invoice No.  $1-14721\nTea        2.50\nTotal due EUR   2.50\n")] };
    let found = extract(&doc);
    assert_eq!(found.data.currency.as_deref(), Some("EUR"));
}

#[test]
fn decimal_separators_lost_in_ocr_are_put_back_where_the_row_adds_up() {
    let page = "\
Nr.  Aprašymas             Kiekis   Kaina, €   Suma, €

1    Darbo pirštinės       1        225        225
2    Reklamos paslaugos    1        62147      62147
3    Programavimas         05       77,90      38,95
4    Šiukšlių išvežimas    2        48,52      97,04
5    Kopijavimo nuoma      1        62,50      62,50
6    Šviestuvas LED        2        35,99      71,98
7    Konsultacijos         25       40,00      100,00
8    Smėlis                12       4,00       48,00
9    Kabelis               600      4,00       24,00
10   Mediena               6191     10,00      61,91

Iš viso be PVM:   1032,60
";
    let items = read_ocr(&[page]).line_items;
    assert_eq!(items.len(), 10, "{items:?}");
    // A quantity's lost point falls before its last figure where the row
    // then adds up; one that adds up as read stays.
    assert_eq!((items[6].quantity, items[7].quantity), (dec("2.5"), dec("12")));
    assert_eq!((items[0].unit_price, items[0].net_amount), (dec("2.25"), dec("2.25")));
    assert_eq!(items[1].net_amount, dec("621.47"));
    assert_eq!((items[2].quantity, items[2].unit_price), (dec("0.5"), dec("77.90")));
    // Or before its last two or three ("6,00", "6,191").
    assert_eq!((items[8].quantity, items[9].quantity), (dec("6"), dec("6.191")));
    // A text layer is taken as printed.
    let printed = read(&[page]).line_items;
    assert_eq!(printed[0].net_amount, dec("225"));
}

#[test]
fn a_receipt_names_its_merchant_under_a_logo_and_a_note() {
    let data = read_ocr(&["\
   Ao30i8
   tan woon yann
   BOOK TA.K (TAMAN DAYA) SDN BHD
   (789117-W)
   NO.53 55,57 & 59, JALAN SAGU 18,
   TAMAN DAYA,
   81100 JOHOR BAHRU,
   JOHOR.

   Document No : TD01167104
   Date 25/12/2018 8:13:39 PM

   KF MODELLING CLAY KIDDY FISH      9.00
   Total :                           9.00
"]);
    let supplier = data.supplier.expect("a supplier");
    assert_eq!(supplier.name.as_deref(), Some("BOOK TA.K (TAMAN DAYA) SDN BHD"));
    assert_eq!(
        supplier.address.as_deref(),
        Some("NO.53 55,57 & 59, JALAN SAGU 18, TAMAN DAYA, 81100 JOHOR BAHRU, JOHOR.")
    );
    assert_eq!(supplier.company_code.as_deref(), Some("789117-W"));
}

#[test]
fn a_total_rounded_to_the_coin_is_the_one_after_the_rounding_line() {
    let data = read(&["\
SUNRISE MART SDN BHD
12, Jalan Tampoi 7/4, 81200 Johor Bahru

Frid, 29-12-2017      Time : 20:17

Bread                               3.50
Milk                                6.87

Total Sales Incl GST               10.37
Rounding Adj                       -0.02
Total After Adj Incl GST           10.35
Total GST                           0.59
Total Excl GST                      9.78
CASH                               20.00
"]);
    assert_eq!(data.gross_total, dec("10.35"));
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2017, 12, 29));
    // The arithmetic (9.78 + 0.59 = 10.37) is off by the rounding, not wrong.
    let without = read(&["\
Total Sales Incl GST               10.37
Total After Adj Incl GST           10.35
"]);
    assert_eq!(without.gross_total, dec("10.37"), "no rounding line, no rounded total");
    // A "Rounded total" read short, as a second rounding line.
    let data = read_ocr(&["\
99 SPEED MART S/B

Total Sales (Inclusive GST)     RM 14.38
Rounding Adjustment             RM 0.02
Rounding                        RM 14.40
CASH                            RM 20.00
"]);
    assert_eq!(data.gross_total, dec("14.40"));
}

#[test]
fn a_whole_figure_under_a_bare_total_loses_to_a_doubtful_total_with_cents() {
    // A faded "Total 0% supplies: 14.35" read as "Total OK 14"; the total
    // payable below it read with doubt.
    let page = "\
GARDENIA BAKERIES SDN BHD
Total OK                        14
Total Payable:                  41.44
";
    let doc = ocr_document(&[page], |n| if n == 2 { 0.46 } else { 0.9 });
    assert_eq!(extract(&doc).data.gross_total, dec("41.44"));
}

#[test]
fn a_net_labelled_total_after_the_rounding_line_is_the_rounded_total() {
    let data = read(&["\
BAR WANG RICE SDN BHD

Total Amount:                     RM7.72
GST (0%):                         RM0.00
Rounding:                        -RM0.02
Nett Total:                       RM7.70
"]);
    assert_eq!(data.gross_total, dec("7.70"));
    assert_eq!(data.net_total, None, "the nett total is net of the rounding, not of tax");
    // With no total labelled before the rounding line, too.
    let data = read(&["\
B & BEST RESTAURANT

1 FISHBALL NOODLE                  7.00
SUB TO                             7.00
GST 6%                             0.42
ROUNDING ADJ                      -0.02

NET TOTAL                          7.40
CHANGE                             0.00
"]);
    assert_eq!(data.gross_total, dec("7.40"));
    assert_eq!(data.net_total, None);
}

#[test]
fn a_labelled_date_whose_separators_ocr_garbled_is_read() {
    for (text, day) in [("Date : 09- 06 2018 16: 00:43", 9), ("Date : 01- -06-2018 18: 21:09", 1)] {
        let page = format!("TEO HENG STATIONERY\n\n{text}\n\nTotal      12.00\n");
        let data = read_ocr(&[&page]);
        assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2018, 6, day), "{text}");
        assert_eq!(read(&[&page]).issue_date, None, "text that is not OCR keeps its reading: {text}");
    }
}

#[test]
fn a_total_printed_without_cents_weighs_less_than_one_with() {
    let data = read_ocr(&["\
YAM FRESH

Total                                    3
Total                                15.90
"]);
    assert_eq!(data.gross_total, dec("15.90"));
}

#[test]
fn total_labels_that_run_on_alike_on_several_lines_are_a_breakdown() {
    let data = read_ocr(&["\
GARDENIA BAKERIES (KL) SDN BHD

Total 0% supplies:                       39.01
Total 6% supplies (excl. GST):          -17.73
Total 6% supplies (Inc. GST):           -18.80
Total                                    20.21
"]);
    assert_eq!(data.gross_total, dec("20.21"));
    // One such line alone is no breakdown.
    let data = read_ocr(&["\
AEON CO. (M) BHD

Total After Adj Incl GST                 31.00
CASH                                     50.00
"]);
    assert_eq!(data.gross_total, dec("31.00"));
}

#[test]
fn a_receipt_address_set_apart_under_the_registration_number_is_read() {
    let receipt = |rule: &str| {
        read_ocr(&[&format!(
            "\
   Ottogo Enterprise
   002570632-X


   SHELL STATION PT15944, Mukim Batu,
   Jln Besar Kepong
   {rule}
   Total :        9.00
"
        )])
        .supplier
        .expect("a supplier")
    };
    let supplier = receipt("");
    assert_eq!(supplier.name.as_deref(), Some("Ottogo Enterprise"));
    assert_eq!(supplier.address.as_deref(), Some("SHELL STATION PT15944, Mukim Batu, Jln Besar Kepong"));
    // A rule printed under the address ends it.
    let ruled = receipt("----------");
    assert_eq!(ruled.address.as_deref(), Some("SHELL STATION PT15944, Mukim Batu, Jln Besar Kepong"));
}

#[test]
fn a_lot_number_opens_an_address_rather_than_a_label() {
    let data = read_ocr(&["\
   AMPHAWA THAI TEA & CO.
   (1219716-T)
   LOT NO.: 4F-27 & 4FK-38, 4TH FLOOR
   PARADIGM MALL, 47301 PETALING JAYA
   TEL: 03-7887 1234

   Total :        9.00
"]);
    let supplier = data.supplier.expect("a supplier");
    assert_eq!(
        supplier.address.as_deref(),
        Some("LOT NO.: 4F-27 & 4FK-38, 4TH FLOOR, PARADIGM MALL, 47301 PETALING JAYA")
    );
}

#[test]
fn a_merchant_name_set_on_two_lines_is_read_whole() {
    let name = |page: &str| read_ocr(&[page]).supplier.and_then(|s| s.name);
    let above = "\
   POPULAR BOOK CO. (M)
   SDN BHD
   (113486-A)
   NO 8, JALAN 7/118B, DESA TUN RAZAK
   56000 KUALA LUMPUR

   Total :        9.00
";
    assert_eq!(name(above).as_deref(), Some("POPULAR BOOK CO. (M) SDN BHD"));
    let ampersand = "\
   HOME MASTER HARDWARE &
   ELECTRICAL
   NO.113G & 115G, JALAN SETIA GEMBILANG
   40170 BANDAR SETIA ALAM

   Total :        9.00
";
    assert_eq!(name(ampersand).as_deref(), Some("HOME MASTER HARDWARE & ELECTRICAL"));
    let registered = "\
   RESTAURANT JIAWEI
   JIAWEI HOUSE
   002693074-K
   13, JLN TASIK UTAMA 8
   57000 KUALA LUMPUR

   Total :        9.00
";
    assert_eq!(name(registered).as_deref(), Some("RESTAURANT JIAWEI JIAWEI HOUSE"));
    // A street under the name is its address, registration number or not;
    // a line ending as the name does is the name printed again.
    let street = registered.replace("JIAWEI HOUSE", "JALAN TASIK UTAMA");
    assert_eq!(name(&street).as_deref(), Some("RESTAURANT JIAWEI"));
    let again = registered.replace("RESTAURANT JIAWEI\n", "RESTAURANT JIAWEI HOUSE\n");
    assert_eq!(name(&again).as_deref(), Some("RESTAURANT JIAWEI HOUSE"));
    // A bracket opened on the name's second line is closed on its third.
    let bracket = "\
   AIK HUAT HARDWARE
   ENTERPRISE (SETIA
   ALAM) SDN BHD
   822737-X
   NO. 17-G, JALAN SETIA INDAH
   40170 SHAH ALAM

   Total :        9.00
";
    assert_eq!(name(bracket).as_deref(), Some("AIK HUAT HARDWARE ENTERPRISE (SETIA ALAM) SDN BHD"));
    // Not a line that holds figures: the address.
    let figures = bracket.replace("ALAM) SDN BHD", "ALAM) 40170");
    assert_eq!(name(&figures).as_deref(), Some("AIK HUAT HARDWARE ENTERPRISE (SETIA"));
}

#[test]
fn a_name_in_spaced_out_capitals_is_read_across_its_wide_gaps() {
    // As read from a receipt: the name's last word set apart by more than a
    // column gap and read a little taller than the others.
    let word = scanned;
    let page = |last: &str| {
        let end = 327.0 + 28.0 * last.chars().count() as f32;
        let rows = vec![
            vec![word("MEI", 101.0, 178.0, 231.0, 256.0), word("LET", 216.0, 285.0, 232.0, 256.0)]
                .into_iter()
                .chain([word(last, 327.0, end, 216.0, 254.0)])
                .collect::<Vec<_>>(),
            vec![word("NO", 87.0, 112.0, 264.0, 287.0), word("2,", 120.0, 140.0, 264.0, 287.0)]
                .into_iter()
                .chain(["JALAN", "BULAN", "U5"].iter().enumerate().map(|(i, t)| {
                    let x = 171.0 + i as f32 * 90.0;
                    word(t, x, x + 70.0, 265.0, 288.0)
                }))
                .collect(),
            vec![word("40150", 185.0, 254.0, 298.0, 322.0), word("SHAH", 270.0, 324.0, 297.0, 322.0)],
            vec![word("Total", 100.0, 170.0, 400.0, 424.0), word("9.00", 540.0, 600.0, 400.0, 424.0)],
        ];
        read_scan(rows, 700.0, 800.0).supplier.and_then(|s| s.name)
    };
    assert_eq!(page("RESTAURANT").as_deref(), Some("MEI LET RESTAURANT"));
    // Not the document's title beside the name, nor a word in small letters.
    assert_eq!(page("RECEIPT").as_deref(), Some("MEI LET"));
    assert_eq!(page("Restaurant").as_deref(), Some("MEI LET"));
}

#[test]
fn a_figure_a_scans_word_space_after_a_description_is_part_of_it() {
    // As read from a scan: OCR's word boxes leave spaces of more than half a
    // line's height between words, and "512GB" stands one such space after
    // "RAM,".
    let row =
        |y: f32, words: &[(&str, f32, f32)]| words.iter().map(|&(t, a, b)| scanned(t, a, b, y, y + 28.0)).collect();
    let rows = vec![
        row(
            340.0,
            &[
                ("Description", 948.0, 1146.0),
                ("Qty", 1651.0, 1711.0),
                ("Unit", 1766.0, 1837.0),
                ("price", 1850.0, 1935.0),
                ("VAT", 2010.0, 2070.0),
                ("Amount", 2150.0, 2280.0),
            ],
        ),
        row(
            398.0,
            &[
                ("Laptop", 948.0, 1059.0),
                ("14in,", 1074.0, 1151.0),
                ("16GB", 1168.0, 1254.0),
                ("RAM,", 1269.0, 1349.0),
                ("512GB", 1365.0, 1473.0),
                ("SSD", 1487.0, 1552.0),
                ("1", 1680.0, 1692.0),
                ("992.00", 1840.0, 1935.0),
                ("20%", 2010.0, 2070.0),
                ("992.00", 2185.0, 2280.0),
            ],
        ),
        row(
            456.0,
            &[
                ("Plumbing", 948.0, 1090.0),
                ("labour", 1105.0, 1205.0),
                ("3", 1680.0, 1692.0),
                ("60.00", 1850.0, 1935.0),
                ("20%", 2010.0, 2070.0),
                ("180.00", 2170.0, 2280.0),
            ],
        ),
        row(600.0, &[("Subtotal", 1800.0, 1950.0), ("1,172.00", 2150.0, 2280.0)]),
    ];
    let data = read_scan(rows, 2480.0, 3508.0);
    assert_eq!(data.line_items.len(), 2);
    assert_eq!(data.line_items[0].description.as_deref(), Some("Laptop 14in, 16GB RAM, 512GB SSD"));
    assert_eq!(data.line_items[0].quantity, dec("1"));
}

#[test]
fn a_ruling_read_as_a_bar_parts_the_cells_of_a_grid() {
    // As read from a scan of a boxed grid: the labels over their values,
    // the values a little apart and the grid's rules between them read as
    // bars.
    let word = |t: &str, x0: f32, x1: f32, y0: f32| scanned(t, x0, x1, y0, y0 + 32.0);
    let rows = vec![
        vec![word("PVM", 1557.0, 1681.0, 430.0), word("SĄSKAITA", 1706.0, 1995.0, 430.0)],
        vec![
            word("Nr.", 1563.0, 1602.0, 534.0),
            word("Data", 1814.0, 1873.0, 534.0),
            word("Apmokėti", 2060.0, 2184.0, 536.0),
            word("iki", 2195.0, 2222.0, 536.0),
        ],
        vec![
            word("042184", 1511.0, 1658.0, 603.0),
            word("|", 1691.0, 1711.0, 601.0),
            word("2025-03-30", 1732.0, 1956.0, 603.0),
            word("|", 1990.0, 2010.0, 601.0),
            word("2025-05-14", 2030.0, 2255.0, 603.0),
        ],
    ];
    let data = read_scan(rows, 2480.0, 3508.0);
    assert_eq!(data.invoice_number.as_deref(), Some("042184"));
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2025, 3, 30));
    assert_eq!(data.due_date, chrono::NaiveDate::from_ymd_opt(2025, 5, 14));
}

#[test]
fn a_name_word_the_rest_of_the_receipt_spells_otherwise_takes_its_spelling() {
    let receipt = "\
   SANYO STATIONERY SHOP
   NO. 31G, JALAN SETIA INDAH
   40170 SETIA ALAM
   Owned By:
   SANYU SUPPLY SDN BHD (1135772-K)

   Total :        9.00

   Follow us on Facebook: Sanyu.Stationery
";
    let name = |page: &str, ocr: bool| {
        let data = if ocr { read_ocr(&[page]) } else { read(&[page]) };
        data.supplier.and_then(|s| s.name)
    };
    assert_eq!(name(receipt, true).as_deref(), Some("SANYU STATIONERY SHOP"));
    // Not from one other reading, nor where the name's own spelling occurs
    // again, nor on a page with a text layer, nor to a letter OCR does not
    // confuse with the one read.
    let once = receipt.replace("Sanyu.Stationery", "Stationery");
    assert_eq!(name(&once, true).as_deref(), Some("SANYO STATIONERY SHOP"));
    let again = receipt.replace("Follow us", "SANYO: follow us");
    assert_eq!(name(&again, true).as_deref(), Some("SANYO STATIONERY SHOP"));
    assert_eq!(name(receipt, false).as_deref(), Some("SANYO STATIONERY SHOP"));
    let unlike = receipt.replace("SANYU", "SANYX").replace("Sanyu", "Sanyx");
    assert_eq!(name(&unlike, true).as_deref(), Some("SANYO STATIONERY SHOP"));
}

#[test]
fn the_amount_charged_to_a_card_witnesses_a_misread_total() {
    let receipt = |card_line: &str| {
        read_ocr(&[&format!(
            "\
PETRO SUBANG AIRPORT
Jalan Lapangan Terbang Subang

Item                         Amount
Fuel 97                       41.95
TOTAL SALES               RM  41.65
{card_line}
"
        )])
    };
    // The card and the items agree on a figure the total's line misread.
    let card = receipt("EDC MASTER                RM  41.95");
    assert_eq!(card.gross_total, dec("41.95"));
    assert_eq!(card.payment_method, Some(crate::data::PaymentMethod::Card));
    // The items alone do not outweigh it.
    assert_eq!(receipt("THANK YOU").gross_total, dec("41.65"));
}

#[test]
fn cash_tendered_minus_change_is_the_total_paid() {
    let receipt = |total_line: &str| {
        read(&[&format!(
            "\
MR. D.I.Y. (M) SDN BHD
Lot 1851-A, Jalan KPB 6

{total_line}
Tax Invoice 12 Incl. GST       RM 0.56
CASH                           RM 10.00
CHANGE                         RM 0.10
"
        )])
    };
    // The total's line could not be read: cash minus change stands in.
    assert_eq!(receipt("Tota) Incl. GST   RM 9,90").gross_total, dec("9.90"));
    assert_eq!(receipt("Total Incl. GST   RM 9.90").gross_total, dec("9.90"));
    assert_eq!(receipt("Total Incl. GST   RM 9.90").payment_method, Some(crate::data::PaymentMethod::Cash));
}

#[test]
fn a_total_misread_gives_way_to_what_the_payment_and_tax_summary_show() {
    let receipt = |total_line: &str, ocr: bool| {
        read_as(
            &[&format!(
                "\
KEDAI BUKU SDN BHD
Jalan Besar 3, Kuala Lumpur

Kertas A4                      16.98
{total_line}
CASH                           18.00
CHANGE                          0.00
GST SUMMARY     %     Amount    Tax
SR              6      16.98   1.02
"
            )],
            ocr,
        )
    };
    // Cash less change and the tax summary's row agree on 18.00.
    let data = receipt("TOTAL                          48.00", true);
    assert_eq!(data.gross_total, dec("18.00"));
    assert_eq!(rate_lines(&data), vec![("6".into(), Some("16.98".into()), Some("1.02".into()))]);
    // Read from the text layer, a total stands as printed.
    assert_eq!(receipt("TOTAL                          48.00", false).gross_total, dec("48.00"));
    // A total a witness agrees with stands.
    assert_eq!(receipt("TOTAL                          18.00", true).gross_total, dec("18.00"));
    // A summary row whose "%" was read as a figure, under a total read as its base.
    let data = read_ocr(&["\
KEDAI BUKU SDN BHD

Total Inclusive of Tax         10.61
CASH                           20.00
GST Summary     Amount    Tax
GST 67          10.61     0.64
"]);
    assert_eq!(rate_lines(&data), vec![("6".into(), Some("10.61".into()), Some("0.64".into()))]);
    assert_eq!(data.gross_total, dec("11.25"));
}

#[test]
fn with_no_total_read_the_items_and_the_cash_paid_agree_on_it() {
    let data = read_ocr(&["\
ROTI MAN BAKERY
117, Jalan Radin Bagus

Bacon                          RM4.90 S
Walnut Raisin                  RM8.60 S
Dark Rye Bun                   RM6.90 S
SUBTUTA                        RM20.40
CASH                           RM20.40
"]);
    // The misread subtotal is no item.
    assert_eq!(data.line_items.len(), 3);
    assert_eq!(data.gross_total, dec("20.40"));
}

#[test]
fn the_one_date_on_a_receipt_is_its_date() {
    let receipt = |extra: &str| {
        read(&[&format!(
            "\
BENS INDEPENDENT GROCER SDN. BHD
Lot 6, Jalan Batai

Slip: BAT022018031202 12/03/18
{extra}
Total                          53.50
"
        )])
        .issue_date
    };
    assert_eq!(receipt(""), chrono::NaiveDate::from_ymd_opt(2018, 3, 12));
    assert_eq!(receipt("Best before 20/03/18"), None, "two dates, neither labelled: no guess");
}

#[test]
fn the_title_line_gives_number_and_date() {
    let title = |line: &str| {
        let data = read(&[&format!("{line}\n\nWährung: EUR\nGesamtbetrag 12,00\n")]);
        (data.invoice_number, data.issue_date.map(|d| d.to_string()))
    };
    let some = |n: &str, d: Option<&str>| (Some(n.to_owned()), d.map(str::to_owned));
    assert_eq!(title("Handelsrechnung (380) Nr. 471102 vom 05.03.2018"), some("471102", Some("2018-03-05")));
    assert_eq!(
        title("Rechnung des Versicherers (575) Nr. 01.234.567.8-2018-1 vom 06.12.2018").0.as_deref(),
        Some("01.234.567.8-2018-1")
    );
    assert_eq!(title("Rechnung # RE-20140522/501 vom 22.05.2014"), some("RE-20140522/501", Some("2014-05-22")));
    assert_eq!(title("Facture FA-2017-0009"), some("FA-2017-0009", None));
    assert_eq!(title("Rechnung gemäß Bestellung vom 01.03.2018.").0, None, "no number: not a title");
    // The title word fourth, after a dash.
    assert_eq!(title("Buchungshilfe - KEINE Rechnung Nr. 471102 vom 13.11.2019"), some("471102", Some("2019-11-13")));
    // The date on the line under a long title, alone or after one short word.
    assert_eq!(
        title("Gutschrift (Selbst ausgestellte Rechnung) Nr. 471102\nvom 05.03.2018"),
        some("471102", Some("2018-03-05"))
    );
    assert_eq!(title("Rechnung Nr. 471102\nLieferung erfolgte am 05.03.2018\nZahlbar bis 20.03.2018").1, None);
}

#[test]
fn a_receipt_address_starts_at_its_number_and_ends_at_contact_and_tax_lines() {
    let data = read_ocr(&["\
   GOLDEN ARCHES RESTAURANTS SDN BHD
   (65351-M)
   Licensee of McDonald's
   Level 6, Bangunan TH, Damansara Uptown3
   No.3, Jalan SS21/39, 47400 Petaling Jaya
   T. 03-2093 7358
   (GST Reg. No : 000670224384)

   Total Incl. GST                 28.50
"]);
    let supplier = data.supplier.expect("a supplier");
    assert_eq!(
        supplier.address.as_deref(),
        Some("Level 6, Bangunan TH, Damansara Uptown3, No.3, Jalan SS21/39, 47400 Petaling Jaya")
    );
}

#[test]
fn columns_whose_names_ocr_lost_are_still_read() {
    // No line continuation: it would eat the header's indentation.
    let page = "
       PAVADINIMAS                 KIEKIS   KAINA

1  |   Šildymo priežiūra      |    1        88,00      88,00
2  |   Kasetė HP 305XL        |    2        22,76      45,52

Iš viso be PVM:   133,52
";
    let items = read_ocr(&[page]).line_items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].description.as_deref(), Some("Šildymo priežiūra"));
    assert_eq!((items[1].quantity, items[1].unit_price, items[1].net_amount), (dec("2"), dec("22.76"), dec("45.52")));
}

#[test]
fn a_tax_table_with_bare_rates_gives_the_breakdown_and_the_total_that_adds_up() {
    let data = read(&["\
Handelsrechnung Nr. 4711 vom 05.03.2018

Art (Kategorie)      Basisbetrag     Steuersatz [%]     Steuerbetrag
Umsatzsteuer S       275,00          7                  19,25
Umsatzsteuer S       198,00          19                 37,62

Rechnungssumme ohne USt.     473,00
Steuerbetrag                  56,87
Bruttosumme                  529,87
"]);
    let rates = rate_lines(&data);
    let line = |r: &str, n: &str, v: &str| (r.to_owned(), Some(n.to_owned()), Some(v.to_owned()));
    assert_eq!(rates, [line("19", "198.00", "37.62"), line("7", "275.00", "19.25")]);
    assert_eq!(data.vat_total.map(|v| v.to_string()).as_deref(), Some("56.87"));
    // Three numbers that do not make base × rate = tax are no tax line.
    let data = read(&["Umsatzsteuer S       275,00          7                  20,00\n"]);
    assert!(data.vat_breakdown.is_empty());
}

#[test]
fn a_rate_after_a_vat_label_within_a_line_gives_a_tax_line_only_where_it_adds_up() {
    let rates = |text: &str| -> Vec<(String, String, String)> {
        read(&[text])
            .vat_breakdown
            .iter()
            .map(|r| (r.rate.to_string(), r.net.unwrap_or_default().to_string(), r.vat.unwrap_or_default().to_string()))
            .collect()
    };
    let line = |r: &str, n: &str, v: &str| (r.to_owned(), n.to_owned(), v.to_owned());
    let text = "\
Rechnungssumme Netto (excl. USt.)                   473,00
Steuerbasisbetrag USt. 7%               275,00      19,25
Steuerbasisbetrag USt. 19%              198,00      37,62
Rechnungssumme Brutto (inkl. USt.)                  529,87
";
    assert_eq!(rates(text), [line("19", "198.00", "37.62"), line("7", "275.00", "19.25")]);
    // A base and tax that the rate does not give are no tax line.
    assert!(rates("Steuerbasisbetrag USt. 7%   275,00   21,00\n").is_empty());
}

#[test]
fn a_document_without_vat_has_one_zero_rate_on_its_whole_net() {
    let data = read(&["\
Rechnung Nr. 4711

Rechnungssumme ohne USt.     380,00
Steuerbetrag                   0,00
Bruttosumme                  380,00
"]);
    let rates = rate_lines(&data);
    assert_eq!(rates, [("0".to_owned(), Some("380.00".to_owned()), Some("0.00".to_owned()))]);
    // With VAT charged, no rate is made up.
    let data = read(&["Rechnung Nr. 4711\n\nNetto  100,00\nUSt.  19,00\nBrutto  119,00\n"]);
    assert!(data.vat_breakdown.is_empty(), "{:?}", data.vat_breakdown);
}

#[test]
fn numeric_dates_are_read_in_the_order_the_documents_own_dates_show() {
    let issue = |paid: &str| {
        read(&[&format!(
            "Invoice FA-2017-0008\nInvoice Date   11/03/2017\n\nPaid   {paid}   623.00\nTotal  2,076.76\n"
        )])
        .issue_date
        .map(|d| d.to_string())
    };
    // "11/17/2017" reads only month first: so does "11/03/2017".
    assert_eq!(issue("11/17/2017").as_deref(), Some("2017-11-03"));
    // Without such a date, day first.
    assert_eq!(issue("11/12/2017").as_deref(), Some("2017-03-11"));
    assert_eq!(issue("17/11/2017").as_deref(), Some("2017-03-11"));
}

#[test]
fn a_misread_hash_is_no_invoice_number_and_a_number_may_hold_a_dates_shape() {
    let number = |line: &str| read_ocr(&[&format!("{line}\n\nTotal  12.00\n")]).invoice_number;
    assert_eq!(number("Invoice No. 4 A/2024/921").as_deref(), Some("A/2024/921"));
    assert_eq!(number("Receipt #; 8354/83/4151").as_deref(), Some("8354/83/4151"));
    assert_eq!(number("Invoice No. A 12345").as_deref(), Some("A 12345"));
    // A lone figure after the label is a misread "#", not the number.
    assert_eq!(number("Invoice No. 8"), None);
    // A date is not a number.
    assert_eq!(number("Invoice No. 12/03/2024"), None);
}

#[test]
fn a_text_layer_number_may_have_no_digit_or_join_its_parts_with_pipes() {
    let text = |line: &str| format!("{line}\n\nTotal  12.00\n");
    let number = |line: &str| read(&[&text(line)]).invoice_number;
    assert_eq!(number("Identifier: Vat-Z").as_deref(), Some("Vat-Z"));
    assert_eq!(number("Identifier: 061828591|01/10/2020|0|1").as_deref(), Some("061828591|01/10/2020|0|1"));
    // One word alone is no number, nor a date.
    assert_eq!(number("Invoice No: Original"), None);
    assert_eq!(number("Invoice No. 12/03/2024"), None);
    // OCR may misread a sign or a letter: there a number needs a digit.
    assert_eq!(read_ocr(&[&text("Invoice No: Vat-Z")]).invoice_number, None);
}

#[test]
fn items_of_one_rate_give_the_breakdown_where_the_vat_total_is_the_net_at_that_rate() {
    let text = |vat: &str| {
        format!(
            "\
Sąskaita faktūra Nr. 4711

Nr.  Aprašymas             Kiekis    Kaina   PVM, %     Suma
1    Darbo pirštinės         2,00     2,38      21%     4,76
2    Šiukšlių išvežimas      1,00    48,52      21%    48,52

Iš viso be PVM   53,28
PVM 21 00        {vat}
Iš viso          64,47
"
        )
    };
    let data = read_ocr(&[&text("11,19")]);
    let rates: Vec<(String, Option<String>)> = rate_lines(&data).into_iter().map(|(r, n, _)| (r, n)).collect();
    assert_eq!(rates, [("21".to_owned(), Some("53.28".to_owned()))]);
    // A VAT total that is not the net at the items' rate gives none.
    assert!(read_ocr(&[&text("12,19")]).vat_breakdown.is_empty());
}

#[test]
fn a_colon_read_for_the_decimal_point_in_a_tax_line_is_a_point() {
    let data =
        read_ocr(&["Subtotal  23.45\nTOTAL  23.45 GBP\n\nVAT   Net.    VAT   Total\nA 20%  19.54  3:91  2345\n"]);
    let rates = rate_lines(&data);
    assert_eq!(rates, [("20".to_owned(), Some("19.54".to_owned()), Some("3.91".to_owned()))]);
}

#[test]
fn a_code_letter_run_into_its_rate_starts_a_tax_line() {
    let data = read_ocr(&[
        "TOTAL  41.11\n\nVAT   Net     VAT    Total\nA 23%  17.63   4.05   21.68\nZ0%    19.43   0.00   19.43\n",
    ]);
    let rates: Vec<(String, Option<String>)> = rate_lines(&data).into_iter().map(|(r, n, _)| (r, n)).collect();
    assert_eq!(rates, [("23".to_owned(), Some("17.63".to_owned())), ("0".to_owned(), Some("19.43".to_owned()))]);
    assert_eq!(data.net_total, dec("37.06"));
}

#[test]
fn a_vat_total_read_from_a_note_gives_way_to_the_rates_sum_that_adds_up() {
    let data = read(&["\
PVM SĄSKAITA FAKTŪRA Nr. 4711

PVM neskaičiuojamas pagal PVMĮ 45 str.

Suma be PVM     1 000,00 EUR
PVM 21 %          189,00 EUR
PVM 9 %             9,00 EUR
Iš viso         1 198,00 EUR
"]);
    assert_eq!(data.vat_total, dec("198.00"));
}

#[test]
fn a_receipt_address_starts_at_a_street_even_without_a_number() {
    let address = |second: &str| {
        let data = read_ocr(&[&format!(
            "\
PETRO SUBANG AIRPORT
{second}
47200 Subang
Selangor

TAX INVOICE
Fuel                        41.95
TOTAL                       41.95
"
        )]);
        data.supplier.unwrap_or_default().address
    };
    assert_eq!(
        address("Jalan Lapangan Terbang Subang").as_deref(),
        Some("Jalan Lapangan Terbang Subang, 47200 Subang, Selangor")
    );
    // A line under the name that names no street (a branch, a trade) is
    // still passed over.
    assert_eq!(address("Bistro & Cafe").as_deref(), Some("47200 Subang, Selangor"));
    // Nor is a speck of a logo read as a figure the address.
    assert_eq!(address("2").as_deref(), Some("47200 Subang, Selangor"));
}

#[test]
fn a_registration_label_misread_by_ocr_still_ends_no_address() {
    let data = read_ocr(&["\
KEDAI MAJU SDN BHD
(C0.REG :860671-D)
LOT 1851-A, JALAN KPB 6,
43300 SERI KEMBANGAN, SELANGOR

TAX INVOICE
Item              Qty     Amount
Roti                1       4.00
TOTAL                      12.00
"]);
    let supplier = data.supplier.unwrap_or_default();
    assert_eq!(supplier.address.as_deref(), Some("LOT 1851-A, JALAN KPB 6, 43300 SERI KEMBANGAN, SELANGOR"));
}

#[test]
fn a_type_code_in_the_title_tells_the_document_type() {
    let kind = |title: &str| read(&[&format!("{title}\n\nGesamtbetrag 12,00\n")]).document_type;
    assert_eq!(kind("Gutschrift (Selbst ausgestellte Rechnung) (389) Nr. 4711"), Some(DocumentType::Invoice));
    assert_eq!(kind("Rechnungskorrektur (384) Nr. RK21012345"), Some(DocumentType::Invoice));
    assert_eq!(kind("Gutschrift"), Some(DocumentType::CreditNote));
    assert_eq!(kind("Rechnung (381) Nr. 4711"), Some(DocumentType::CreditNote));
    // Without the code, the words tell a self-billed invoice.
    assert_eq!(kind("Gutschrift (Selbst ausgestellte Rechnung) Nr. 4711"), Some(DocumentType::Invoice));
    assert_eq!(kind("Self-billed invoice SB-104"), Some(DocumentType::Invoice));
}

#[test]
fn a_row_whose_amount_is_printed_a_line_lower_is_one_item() {
    let data = read(&["\
Pos   Beschreibung          Nettopreis     Menge      Steuersatz     Nettobetrag
1     Trennblätter A4           9,9000     20 Stk     19 %
                                                                          198,00
2     Joghurt Banane            5,5000     50 Stk     7 %
                                                                          275,00

Rechnungssumme ohne USt.     473,00
"]);
    let items: Vec<(Option<String>, Option<Decimal>, Option<Decimal>)> =
        data.line_items.iter().map(|i| (i.description.clone(), i.unit_price, i.net_amount)).collect();
    assert_eq!(
        items,
        [
            (Some("Trennblätter A4".to_owned()), Some(Decimal::new(99000, 4)), Some(Decimal::new(19800, 2))),
            (Some("Joghurt Banane".to_owned()), Some(Decimal::new(55000, 4)), Some(Decimal::new(27500, 2))),
        ]
    );
}

/// Moves line `n` of the first page by `dy` (in line heights).
fn shift(doc: &mut Document, n: usize, dy: f32) {
    let line = &mut doc.pages[0].lines[n];
    let d = line.bbox.height() * dy;
    line.bbox.y0 += d;
    line.bbox.y1 += d;
    for w in &mut line.words {
        w.bbox.y0 += d;
        w.bbox.y1 += d;
    }
}

#[test]
fn column_names_stacked_beside_the_header_row_name_a_column_of_their_own() {
    // A stylesheet sets the narrow amount column's name over four short lines,
    // two above and two below the row of the other names, which sits in the
    // middle of the stack.
    let mut doc = Document {
        pages: vec![read_text(
            "\
Rechnung 471102


                                                         Positions-
                                                         betrag
Pos  Beschreibung         Nettopreis   Menge     USt.
                                                         ohne
                                                         USt.


1    Trennblätter A4           9,90    20 Stk    19 %      198,00
2    Joghurt Banane            5,50    50 Stk     7 %      275,00


Summe netto                                                473,00
",
        )],
    };
    doc.pages[0].number = 1;
    for (n, dy) in [(1, 0.5), (2, 0.5), (4, -0.5), (5, -0.5)] {
        shift(&mut doc, n, dy);
    }
    let data = extract(&doc).data;
    let amounts: Vec<_> = data.line_items.iter().map(|i| i.net_amount).collect();
    assert_eq!(amounts, [dec("198.00"), dec("275.00")]);
    assert_eq!(data.line_items[1].description.as_deref(), Some("Joghurt Banane"));
    assert_eq!(data.line_items[1].vat_rate, dec("7"));
}

#[test]
fn a_table_that_runs_to_the_foot_of_a_page_goes_on_at_the_top_of_the_next() {
    let one = format!(
        "Rechnung 471102\n\nBeschreibung          Menge     Einzelpreis     Betrag\n\
         Trennblätter A4       20 Stk          9,90     198,00\n{}",
        "\n".repeat(30)
    );
    let two = "\
Joghurt Banane        50 Stk          5,50     275,00

Summe netto                                    473,00
";
    let data = read(&[&one, two]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Trennblätter A4"), Some("Joghurt Banane")]);
    assert_eq!(data.line_items[1].net_amount, dec("275.00"));
}

#[test]
fn a_percentage_between_two_columns_is_the_vat_rate() {
    let data = read(&["\
Rechnung 471102

Beschreibung         Nettopreis   Menge       Steuer      Entgelt
Trennblätter A4            9,90   20 Stk 19 % VAT (S)      198,00
"]);
    let item = &data.line_items[0];
    assert_eq!((item.quantity, item.unit.as_deref(), item.vat_rate), (dec("20"), Some("Stk"), dec("19")));
}

#[test]
fn a_percent_sign_read_as_a_digit_leaves_a_rate_the_document_shows() {
    let data = read_ocr(&["\
Sąskaita faktūra Nr. 568197

Nr.  Pavadinimas            Mato vnt.   Kiekis    Kaina   PVM %      Suma
1    Malkos, beržinės       erdm.       15,237    49,85      94    759,56
2    Žoliapjovės remontas   vnt.             1    52,49     215     52,49
3    Obliuotos lentos       m               17   249,99     21%   4249,83

Apmokestinamoji vertė   5061,88 EUR
PVM 21 %                 903,49 EUR
PVM 9 %                   68,36 EUR
"]);
    let rates: Vec<Option<Decimal>> = data.line_items.iter().map(|i| i.vat_rate).collect();
    assert_eq!(rates, [dec("9"), dec("21"), dec("21")]);
    // The rates' bases are then their items' sums.
    let bases: Vec<(String, Option<String>)> = rate_lines(&data).into_iter().map(|(r, n, _)| (r, n)).collect();
    assert_eq!(bases, [("21".to_owned(), Some("4302.32".to_owned())), ("9".to_owned(), Some("759.56".to_owned()))]);
}

#[test]
fn a_description_runs_on_past_the_end_of_its_column_name() {
    let data = read(&["\
Faktura 1001

Beskrivelse                               Enhed   Antal       Pris       Beløb
Kursusgebyr momsfritaget undervisning     stk.        2   5.271,99   10.543,98
"]);
    let item = &data.line_items[0];
    assert_eq!(item.description.as_deref(), Some("Kursusgebyr momsfritaget undervisning"));
    assert_eq!(item.unit.as_deref(), Some("stk."));
}

#[test]
fn of_two_description_names_a_column_apart_the_first_is_the_article_number() {
    let data = read(&["\
Invoice INV-2025-7407

Item      Item description        UoM     Qty   Unit Price    VAT   Net Amount
1056439   Laptop, 14-inch model   pcs    4.00     1,009.20    23%     4,036.80
"]);
    let item = &data.line_items[0];
    assert_eq!(item.description.as_deref(), Some("Laptop, 14-inch model"));
    assert_eq!(item.net_amount, dec("4036.80"));
}

#[test]
fn names_over_the_header_row_join_the_names_under_them() {
    // "Preis/" over "Einheit" names one column (the unit price), not two.
    let data = read(&["\
Rechnung 471102


                                Menge   Meng.-      Preis/
Beschreibung                            einheit    Einheit     Betrag   USt. %
Trennblätter A4                   20    Stk.          9,90     198,00       19
"]);
    let item = &data.line_items[0];
    assert_eq!((item.quantity, item.unit.as_deref()), (dec("20"), Some("Stk.")));
    assert_eq!((item.unit_price, item.net_amount, item.vat_rate), (dec("9.90"), dec("198.00"), dec("19")));
}

#[test]
fn a_named_detail_under_an_item_is_not_part_of_its_description() {
    let data = read(&["\
Rechnung 471102

Beschreibung          Menge     Einzelpreis     Betrag
Trennblätter A4       20 Stk          9,90     198,00
Extra stark
GTIN: 4012345001235
Joghurt Banane        50 Stk          5,50     275,00

Summe netto                                    473,00
"]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Trennblätter A4 Extra stark"), Some("Joghurt Banane")]);
}

#[test]
fn a_line_broken_where_more_would_have_fitted_starts_a_note_not_more_description() {
    // "Behandlungen" would have fitted after "Massage": the break is on
    // purpose. "Wartezeit" would not have fitted after "… und": wrapped.
    let data = read(&["\
Rechnung 471102

Beschreibung                        Menge   Einzelpreis    Betrag
Massage                            10 Stk         26,00    260,00
Behandlungen laut Verordnung
Hausbesuch mit Anfahrt und          1 Stk         12,00     12,00
Wartezeit

Summe netto                                                272,00
"]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Massage"), Some("Hausbesuch mit Anfahrt und Wartezeit")]);
}

#[test]
fn a_word_broken_at_a_hyphen_before_a_capital_keeps_its_hyphen() {
    let data = read(&["\
Rechnung 471102

Beschreibung      Menge   Einzelpreis    Betrag
Beamer-Decken-     1 Stk       43,20     43,20
Halterung

Summe netto                              43,20
"]);
    assert_eq!(data.line_items[0].description.as_deref(), Some("Beamer-Decken-Halterung"));
}

#[test]
fn a_payment_reference_is_a_figure_not_the_words_after_its_label() {
    let data = read(&["\
Rechnung Nr. 471102 vom 05.03.2018
Referenz (bitte bei Zahlung angeben)        2013-471102
"]);
    assert_eq!(data.payment_reference.as_deref(), Some("2013-471102"));
    let data = read(&["\
Rechnung Nr. 471102 vom 05.03.2018
Referenz: Liselotte Mustermann
"]);
    assert_eq!(data.payment_reference, None);
}

#[test]
fn a_figure_that_times_the_price_gives_the_amount_is_the_quantity() {
    // The quantity stands under "#", which names no column.
    let data = read(&["\
Rechnung RE-20140522/501

#        Produkt                        USt   Einzelpreis      Summe
400,00   Luftballon: Bunt, ca. 500ml    19%       0,79 €    316,00 €
1        Heiße Luft pro Liter           19%      20,00 €     20,00 €

Summe netto: 336,00 €
"]);
    let items = &data.line_items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].quantity, dec("400"));
    // A bare "1" is the row's number, not a quantity.
    assert_eq!(items[1].quantity, None);
}

#[test]
fn a_bare_number_after_the_unit_is_not_part_of_it() {
    let data = read(&["\
Gutschrift 471102

Artikelbezeichnung        Menge   VKE/Geb   Nettopreis   MwSt-%   Nettowert
Zitronensäure 100ml    -5,0000 Stk.    1       1,0000     19,0       -5,00

Summe netto                                                         -5,00
"]);
    let item = &data.line_items[0];
    assert_eq!((item.quantity, item.unit.as_deref()), (dec("-5"), Some("Stk.")));
}

#[test]
fn an_amount_printed_a_line_lower_beside_more_description_is_one_item() {
    let data = read(&["\
Rechnung 471102

Beschreibung           Nettopreis    Menge    Steuersatz    Nettobetrag
Mineralwasser Medium       5,4900   20 Stk         7 %
12 x 1,0l PET                                                   109,80
Pfand                      2,7700   20 Stk        19 %
                                                                 55,40

Summe netto                                                     165,20
"]);
    let items = &data.line_items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].description.as_deref(), Some("Mineralwasser Medium 12 x 1,0l PET"));
    assert_eq!((items[0].unit_price, items[0].net_amount), (dec("5.49"), dec("109.80")));
    assert_eq!(items[1].net_amount, dec("55.40"));
}

#[test]
fn a_header_line_that_names_columns_itself_still_continues_the_one_above() {
    // "vnt.  kaina,  %  PVM, EUR" would head a table alone; under the names
    // of the row above it, it completes them, and "vnt." names the column
    // of the unknown "Mat.".
    let data = read(&["\
PVM SĄSKAITA FAKTŪRA

Nr.  Aprašymas               Mat.   Kiekis    Vnt.     PVM,   Suma be
                             vnt.             kaina,   %      PVM, EUR
                                              EUR

1    Žoliapjovės remontas    vnt.     1,00    75,07    21 %      75,07
2    Karšto vandens tiekimas m³      12,00     5,22     9 %      62,64

Suma be PVM                                                     137,71
"]);
    let items = &data.line_items;
    assert_eq!(items.len(), 2, "{items:?}");
    assert_eq!(items[0].description.as_deref(), Some("Žoliapjovės remontas"), "{items:?}");
    assert_eq!((items[0].quantity, items[0].unit.as_deref()), (dec("1"), Some("vnt.")));
    assert_eq!((items[0].unit_price, items[0].vat_rate, items[0].net_amount), (dec("75.07"), dec("21"), dec("75.07")));
    assert_eq!((items[1].unit.as_deref(), items[1].net_amount), (Some("m³"), dec("62.64")));
}

#[test]
fn a_sign_misread_by_ocr_is_mended_where_the_totals_add_up_with_it() {
    let data = read_ocr(&["\
CREDIT NOTE CN-2024-118

Rate      Net        VAT        Gross
20%       4,554.23   910.85     5,465.08

Sub-total              +£4,554.23
VAT 20%                -£910.85
Total credit           -£5,465.08
"]);
    assert_eq!((data.net_total, data.vat_total, data.gross_total), (dec("-4554.23"), dec("-910.85"), dec("-5465.08")));
    assert_eq!((data.vat_breakdown[0].net, data.vat_breakdown[0].vat), (dec("-4554.23"), dec("-910.85")));
    // Printed (not read by OCR), the figures stand as they are.
    let data = read(&["\
CREDIT NOTE CN-2024-118

Sub-total              +£4,554.23
VAT 20%                -£910.85
Total credit           -£5,465.08
"]);
    assert_eq!(data.net_total, dec("4554.23"));
}

#[test]
fn a_colon_read_for_the_decimal_point_of_a_line_amount_is_a_point() {
    let data = read_ocr(&["\
INVOICE INV-1001

ITEM DESCRIPTION                  UOM    QTY     RATE    NET AMOUNT
Delivery charge                   each   3.00    17.39        52.17
Printer toner cartridge (black)   pcs    2.00   118.00       236:00
LED panel light 600x600           pcs    1.00    51.91        51.91

Subtotal                                                    340.08
"]);
    let items = &data.line_items;
    assert_eq!(items.len(), 3, "{items:?}");
    assert_eq!(items[1].net_amount, dec("236.00"));
    assert_eq!(items[2].description.as_deref(), Some("LED panel light 600x600"));
}

#[test]
fn two_description_names_joined_by_a_slash_name_one_column() {
    let data = read(&["\
PVM SĄSKAITA FAKTŪRA

Nr.  Prekės /          pavadinimas     Mat.   Kiekis    Kaina     Suma
1    Kopijavimo aparato nuoma          mėn.     2,00    59,59   119,18

Suma be PVM                                                     119,18
"]);
    let item = &data.line_items[0];
    assert_eq!(item.description.as_deref(), Some("Kopijavimo aparato nuoma"));
    assert_eq!(item.net_amount, dec("119.18"));
}

#[test]
fn payment_terms_give_the_due_date_after_their_until_word() {
    let data = read(&["\
Rechnung Nr. 471102 vom 05.03.2018

Zahlbar innerhalb 30 Tagen netto bis 04.04.2018, 3% Skonto innerhalb 10 Tagen bis 15.03.2018
"]);
    assert_eq!(data.due_date, chrono::NaiveDate::from_ymd_opt(2018, 4, 4));
    let data = read(&["\
Invoice 42 of 10 June 2019

Delivered by 01.07.2019.
"]);
    assert_eq!(data.due_date, None);
}

#[test]
fn a_column_whose_name_was_misread_holds_units_when_its_cells_are_units() {
    // OCR read "Mato vnt." on a dark band as "čios": the column still holds
    // the units, which are not part of the description.
    let data = read_ocr(&["\
Nr.  Prekių pavadinimas              čios     Kiekis   Vnt. kaina   Suma be PVM
1    Šildymo katilo priežiūra        vnt.          1        88,00         88,00
2    Ąžuolinės grindų lentos         m²            6        55,11        330,66
3    Šiukšlių išvežimas              mėn.          1        56,31         56,31
"]);
    let items: Vec<_> = data.line_items.iter().map(|i| (i.description.as_deref(), i.unit.as_deref())).collect();
    assert_eq!(
        items,
        [
            (Some("Šildymo katilo priežiūra"), Some("vnt.")),
            (Some("Ąžuolinės grindų lentos"), Some("m²")),
            (Some("Šiukšlių išvežimas"), Some("mėn."))
        ]
    );
}

#[test]
fn a_column_whose_name_was_misread_is_kept_out_of_the_description() {
    let data = read_ocr(&["\
Nr.  Prekių pavadinimas              xq1z       Kiekis   Vnt. kaina   Suma be PVM
1    Šildymo katilo priežiūra        A-1001          1        88,00         88,00
2    Ąžuolinės grindų lentos         B-2002          6        55,11        330,66
"]);
    let described: Vec<_> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(described, [Some("Šildymo katilo priežiūra"), Some("Ąžuolinės grindų lentos")]);
}

#[test]
fn two_price_names_far_apart_name_two_columns_even_with_the_name_between_misread() {
    // "Moms" read as "rs": "Stk. pris" and "Pris" are still two columns.
    let data = read_ocr(&["\
Varebeskrivelse              Enh.   Antal   Stk. pris   rs        Pris
Årlig licens                 stk.       2    1.800,00   25%   3.600,00
Webudvikling                 timer     16      761,67   25%  12.186,72
"]);
    let items: Vec<_> = data.line_items.iter().map(|i| (i.unit_price, i.net_amount)).collect();
    assert_eq!(items, [(dec("1800.00"), dec("3600.00")), (dec("761.67"), dec("12186.72"))]);
}

#[test]
fn figures_that_land_in_a_neighbours_cell_are_the_price_whose_name_was_misread() {
    // The price column's name was read as noise that joined the amount's
    // name on the first table, and the quantity's on the second.
    let amount_cell = read_ocr(&["\
Nr.  Prekės pavadinimas          Mat.   Kiekis          men Suma be PVM
1    Kopijavimo aparato nuoma    mėn.        1        62,50        62,50
2    Darbo pirštinės             por.        3         1,69         5,07
"]);
    let quantity_cell = read_ocr(&["\
Nr.  Prekės pavadinimas          Mat.   Kiekis  men    Suma be PVM
1    Kopijavimo aparato nuoma    mėn.        1  62,50        62,50
2    Darbo pirštinės             por.        3   1,69         5,07
"]);
    for data in [amount_cell, quantity_cell] {
        let items: Vec<_> =
            data.line_items.iter().map(|i| (i.quantity, i.unit.as_deref(), i.unit_price, i.net_amount)).collect();
        assert_eq!(
            items,
            [(dec("1"), Some("mėn."), dec("62.50"), dec("62.50")), (dec("3"), Some("por."), dec("1.69"), dec("5.07"))]
        );
    }
}

#[test]
fn a_totals_word_in_a_row_that_adds_up_does_not_end_the_table() {
    // OCR read the unit "vnt." as "vat.".
    let data = read_ocr(&["\
Nr.  Prekės pavadinimas          Mat.   Kiekis   Kaina      Suma
1    Spausdintuvo kasetė         vnt.        1   22,76     22,76
2    Spausdintuvo kasetė         vat.        2   29,49     58,98
3    Šiukšlių išvežimas          mėn.        2   29,60     59,20
"]);
    assert_eq!(data.line_items.len(), 3, "{:?}", data.line_items);
}

#[test]
fn a_form_of_address_and_a_name_set_over_two_lines_are_one_name() {
    let data = read(&["\
Lieferant                               Käufer
MVM Musterhafter                        Herrn
Versicherungsverein Musterstadt a.G.    Max Mustermann
Hauptstraße 1                           Kundenstraße 15
80333 München                           69876 Frankfurt
"]);
    assert_eq!(party(&data.supplier).name.as_deref(), Some("MVM Musterhafter Versicherungsverein Musterstadt a.G."));
    assert_eq!(party(&data.buyer).name.as_deref(), Some("Herrn Max Mustermann"));
    assert_eq!(party(&data.buyer).address.as_deref(), Some("Kundenstraße 15, 69876 Frankfurt"));
}

#[test]
fn a_legal_form_set_apart_from_the_name_or_under_it_is_part_of_it() {
    let name = |page: &str| read_ocr(&[page]).supplier.and_then(|s| s.name);
    // On the name's line, past a gap wider than a column's.
    assert_eq!(
        name(
            "\
MR. D.I.Y     (M) SDN BHD
LOT 1851-A, JALAN KPB 6
43300 SERI KEMBANGAN
"
        )
        .as_deref(),
        Some("MR. D.I.Y (M) SDN BHD")
    );
    // On a line of its own, a blank line under the start of the name.
    assert_eq!(
        name(
            "\
GARDENIA BAKERIES

(KL) SDN BHD
LOT 3, JALAN PELABUR 23/1
40300 SHAH ALAM
"
        )
        .as_deref(),
        Some("GARDENIA BAKERIES (KL) SDN BHD")
    );
}

#[test]
fn a_return_address_line_with_bullets_heads_the_buyers_block() {
    let data = read(&["\
                    Bei Spiel GmbH
                    Ecke 12
                    12345 Stadthausen
  Bei Spiel GmbH ● Ecke 12 ● 12345 Stadthausen
Theodor Est
Bahnstr. 42
88802 Spielkreis

Rechnung Nr. RE-503 vom 13.06.2015
"]);
    let buyer = data.buyer.expect("buyer");
    assert_eq!(buyer.name.as_deref(), Some("Theodor Est"));
    assert_eq!(buyer.address.as_deref(), Some("Bahnstr. 42, 88802 Spielkreis"));
}

#[test]
fn a_letterhead_on_one_line_gives_name_address_and_ids() {
    let data = read(&["\
Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France
+33 4 50 44 68 99 - http://www.aubonmoulin.fr
TVA : FR11999999998 - SIRET : 99999999800010 - SARL au capital de 120 000,00 €

Facture FA-2017-0009
Date de facture 05/11/2017

Total HT        530,75 €
Total taxes       0,00 €
Total TTC       530,75 €
"]);
    let supplier = data.supplier.expect("supplier");
    assert_eq!(supplier.name.as_deref(), Some("Au bon moulin SARL"));
    assert_eq!(supplier.address.as_deref(), Some("1242 chemin de l'olive, 84340 Malaucène, France"));
    assert_eq!(supplier.company_code.as_deref(), Some("99999999800010"));
    assert_eq!(data.vat_total, dec("0.00"));
    // The share capital in a footer that starts with a VAT label is not the
    // VAT total.
    let footer = read(&["Facture FA-2017-0009
TVA : FR11999999998 - SIRET : 99999999800010 - SARL au capital de 120 000,00 €
"]);
    assert_eq!(footer.vat_total, None);
}

#[test]
fn a_scanned_return_address_line_is_found_without_its_dots() {
    let buyer = |sender: &str| {
        let page = format!(
            "\
Nordisk Træ ApS                              Nordisk Træ ApS
                                             Adelstræde 52
                                             8665 Hedensted
{sender}
Pedersen & Winther ApS                       Fakturanr.: 80149
Artillerivej 82                              Fakturadato: 29-09-2025
4078 Hjørring

Tekst                      Antal    Pris      Beløb
Konsulenttimer                 2  500,00   1.000,00

Subtotal                                   1.000,00
Moms 25%                                     250,00
I alt                                      1.250,00
"
        );
        read_ocr(&[&page]).buyer.and_then(|b| b.name)
    };
    // The dots lost, the name spelt a little differently.
    assert_eq!(buyer("Nordisk Trae ApS Adelstræde 52").as_deref(), Some("Pedersen & Winther ApS"));
    // The small print after the first dash lost.
    assert_eq!(buyer("Nordisk Træ ApS -").as_deref(), Some("Pedersen & Winther ApS"));
    // Worse: specks around it, the name misspelt and the dots lost, but
    // most of its words there.
    assert_eq!(buyer("tees Nordisk Trea ApS Adelstrade ots 52").as_deref(), Some("Pedersen & Winther ApS"));
    // One word of the name is not enough.
    assert_eq!(buyer("tees Nordisk Tree AS Adelstrade ots 52"), None);
    // A long word of the name misread in a letter and the figures lost, but
    // a word of the street left.
    assert_eq!(buyer("ordisk Tre ApS Adelstrade").as_deref(), Some("Pedersen & Winther ApS"));
    // The name alone, misread so, is a logo.
    assert_eq!(buyer("ordisk Tre ApS"), None);
}

#[test]
fn a_block_whose_name_line_was_lost_starts_with_its_street() {
    let page = "\
Nordisk Træ ApS                              Nordisk Træ ApS
                                             Adelstræde 52
                                             8665 Hedensted
                                             CVR 87654328


Nordisk Træ ApS · Adelstræde 52 · 8665 Hedensted
Artillerivej 82                              Fakturanr.: 80149
4078 Hjørring                                Fakturadato: 29-09-2025
CVR 12345674

Tekst                      Antal    Pris      Beløb
Konsulenttimer                 2  500,00   1.000,00
";
    let buyer = read_ocr(&[page]).buyer.unwrap_or_default();
    assert_eq!(buyer.name, None);
    assert_eq!(buyer.address.as_deref(), Some("Artillerivej 82, 4078 Hjørring"));
    assert_eq!(buyer.company_code.as_deref(), Some("12345674"));
}

#[test]
fn an_address_label_value_wrapped_under_itself_goes_on() {
    let data = read(&["\
PVM SĄSKAITA FAKTŪRA                                 Serija BLT Nr. 162442

PARDAVĖJAS                                           PIRKĖJAS
AB Šilutės baldai                                    UAB Pušų namai
Įmonės kodas 179924408                               Įmonės kodas 306392657
Adresas J. Basanavičiaus g. 19, LT-55774             Adresas Statybininkų pr. 119B, LT-28685
                                Jonava                                                 Utena
A/s LT723250034401147907
"]);
    assert_eq!(party(&data.supplier).address.as_deref(), Some("J. Basanavičiaus g. 19, LT-55774, Jonava"));
    assert_eq!(party(&data.buyer).address.as_deref(), Some("Statybininkų pr. 119B, LT-28685, Utena"));
}

#[test]
fn a_unit_column_whose_name_was_not_read_is_found_from_its_cells() {
    let data = read_ocr(&["\
INVOICE 1001
Item      Item description                    Qty      Rate   VAT%    Net Amount
1055229   Scaffolding hire          week        3    296.90    20%        890.70
1091822   Network cabling, Cat6     m       18.82      1.08    20%         20.33
1079199   Bookkeeping services      month       3    350.00    20%      1,050.00

Total                                                                   1,961.03
"]);
    let units: Vec<Option<&str>> = data.line_items.iter().map(|i| i.unit.as_deref()).collect();
    assert_eq!(units, [Some("week"), Some("m"), Some("month")]);
    assert!(data.line_items[1].description.as_deref().is_some_and(|d| d.ends_with("Cat6")));
}

#[test]
fn a_unit_column_misnamed_as_rates_is_units_though_one_unit_reads_as_a_figure() {
    // "Mat. vnt." read as "Vat."; the litre sign "l" read as "1".
    let data = read_ocr(&["\
PVM SĄSKAITA FAKTŪRA Nr. 1001
Nr. Prekės pavadinimas        Vat.   Kiekis   Kaina be PVM, €   Suma be PVM, €
1   Šiukšlių išvežimas        mėn.        2             31,87            63,74
2   Spausdintuvo kasetė       vnt.        2             18,84            37,68
3   Darbo pirštinės           por.       10              2,64            26,40
4   Dyzelinas                 1         623              1,53           953,19
5   Kava pupelėmis            kg         15             60,49           907,35
"]);
    let units: Vec<Option<&str>> = data.line_items.iter().map(|i| i.unit.as_deref()).collect();
    assert_eq!(units, [Some("mėn."), Some("vnt."), Some("por."), None, Some("kg")]);
    assert_eq!(data.line_items[3].vat_rate, None);
}

#[test]
fn an_invoice_number_past_a_misread_dotted_leader() {
    let data = read_ocr(&["\
Jeppesen A/S
Faktura
Fakturanr. TRS Megas 226997
Fakturadato 27.05.2024
"]);
    assert_eq!(data.invoice_number.as_deref(), Some("226997"));
}

#[test]
fn an_identifier_line_over_a_partys_name_is_not_the_name() {
    let data = read(&["\
Lieferant                                Käufer                    RECHNUNG
GLN 4333741000005 Lief-Nr: 549910        GLN 4304171000002
MUSTERLIEFERANT GMBH                     MUSTER-KUNDE GMBH
BAHNHOFSTRASSE 99                        KUNDENWEG 88
99199 MUSTERHAUSEN                       40235 DUESSELDORF
"]);
    assert_eq!(party(&data.supplier).name.as_deref(), Some("MUSTERLIEFERANT GMBH"));
    assert_eq!(party(&data.buyer).name.as_deref(), Some("MUSTER-KUNDE GMBH"));
}

#[test]
fn a_name_values_first_line_above_its_label_is_part_of_it() {
    let data = read(&["\
Rechnung Nr. 01.234.567.8-2018-1 vom 06.12.2018
Verkäufer
Nummer:          549910
                 MVM Musterhafter
Name:            Versicherungsverein Musterstadt a.G.
Anschrift:       Musterstr. 12
                 DE 12345 Musterstadt
"]);
    let name = data.supplier.and_then(|s| s.name);
    assert_eq!(name.as_deref(), Some("MVM Musterhafter Versicherungsverein Musterstadt a.G."));
}

#[test]
fn a_street_number_is_not_the_document_number() {
    let data = read_ocr(&["\
POPULAR BOOK CO. (M) SDN BHD
(Co. No. 113825-W)
No 8, Jalan 7/118B, Desa Tun Razak
56000 Kuala Lumpur, Malaysia
11/02/18 19:21
Description                 Amount
PB D/S Tape 12mm              1.90
Total RM Incl. of GST        11.80
"]);
    assert_eq!(data.invoice_number, None);
}

#[test]
fn a_till_slips_short_hyphenated_date_is_its_date() {
    let data = read_ocr(&["\
99 SPEED MART S/B
LOT P.T. 2811, JALAN ANGSA
RECEIPT
08: S3PN 561781 05-12-16
MILO 1KG                  1   15.90
TOTAL                         15.90
CASH                          20.00
CHANGE                         4.10
"]);
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2016, 12, 5));
    // On an invoice the same group may be a bank sort code.
    let invoice = read(&["\
INVOICE 1001
Sort code 20-06-12
Total 15.90
"]);
    assert_eq!(invoice.issue_date, None);
}

#[test]
fn a_scanned_receipts_date_whose_separators_were_lost_is_read_from_its_eight_figures() {
    let slip = |date_line: &str| {
        format!(
            "LIAN HING STATIONERY SDN BHD\nTax Invoice\n{date_line}\nName Badge      2   4.40\nTotal Amt Payable   4.40\nPaid Amount   10.00\nChange   5.60\n"
        )
    };
    let data = read_ocr(&[&slip("30032018 CS-20322")]);
    assert_eq!(data.issue_date, chrono::NaiveDate::from_ymd_opt(2018, 3, 30));
    // Not where two such words make different dates, nor where the figures
    // make no date of this century, nor from a text layer.
    assert_eq!(read_ocr(&[&slip("30032018 12042018")]).issue_date, None);
    assert_eq!(read_ocr(&[&slip("30131999 CS-20322")]).issue_date, None);
    assert_eq!(read(&[&slip("30032018 CS-20322")]).issue_date, None);
}

#[test]
fn a_payment_reference_of_a_word_and_a_number_is_quoted_whole_even_when_the_word_is_a_label() {
    let data = read(&["Zahlungsreferenz:     Rechnung 181301674\nBuchungsreferenz:   420\n"]);
    assert_eq!(data.payment_reference.as_deref(), Some("Rechnung 181301674"));
    let data = read(&["Payment reference:     Invoice 181301674\n"]);
    assert_eq!(data.payment_reference.as_deref(), Some("Invoice 181301674"));
}

#[test]
fn a_form_of_address_above_a_labelled_name_in_the_value_column_is_part_of_it() {
    let data = read(&["\
Verkäufer
Nummer:                   549910
                          MVM Musterhafter
Name:                     Versicherungsverein Musterstadt a.G.
Anschrift:                Musterstr. 12
                          DE 12345 Musterstadt

Käufer/Leistungsempfänger
                          Herrn
Name:                     Max Mustermann
Anschrift:                Musterstr. 11
                          DE 12346 Bad Musterhausen
"]);
    assert_eq!(party(&data.supplier).name.as_deref(), Some("MVM Musterhafter Versicherungsverein Musterstadt a.G."));
    assert_eq!(party(&data.buyer).name.as_deref(), Some("Herrn Max Mustermann"));
}

#[test]
fn a_vat_id_labelled_as_the_customers_is_the_buyers() {
    let data = read(&["\
Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France
TVA : FR11999999998 - SIRET : 99999999800010

Invoice FA-2017-0008
Invoice Date            11/03/2017
Customer VAT Number     ESA12345674
"]);
    assert_eq!(party(&data.buyer).vat_id.as_deref(), Some("ESA12345674"));
    assert_eq!(party(&data.supplier).vat_id.as_deref(), Some("FR11999999998"));
}

#[test]
fn a_whole_iban_beside_its_label_is_kept_on_a_digital_page_though_its_check_digits_fail() {
    let page = "\
Musterlieferant GmbH
Lieferantenstraße 20, 80333 München
Rechnung Nr. 471102
IBAN :        DE12123456781234567890
";
    let iban = |d: InvoiceData| d.supplier.and_then(|p| p.iban);
    assert_eq!(iban(read(&[page])).as_deref(), Some("DE12123456781234567890"));
    assert_eq!(iban(read_ocr(&[page])), None);
    assert_eq!(iban(read(&[&page.replace("DE12123456781234567890", "DE5467894567876500")])), None);
}

#[test]
fn the_block_beside_a_delivery_address_is_the_buyers() {
    let page = "\
Au bon moulin SARL - 1242 chemin de l'olive - 84340 Malaucène - France
TVA : FR11999999998 - SIRET : 99999999800010


Invoice FA-2017-0008


Delivery Address                         Me gusta olive
Me gusta olive                           Pedro Sanchez
87 camino de la calor                    87 camino de la calor
41700 Dos Hermanas                       41700 Dos Hermanas
Spain                                    Spain

Invoice Date        11/03/2017
";
    let name = |d: InvoiceData| d.buyer.and_then(|p| p.name);
    assert_eq!(name(read(&[page])).as_deref(), Some("Me gusta olive"));
}

#[test]
fn a_short_label_word_inside_another_labels_value_is_no_label() {
    let page = "\
Handelsrechnung (380) Nr. 471102 vom 05.03.2018

Mandatsreferenz d. Lastschrift:  REF A-123

Gesamtbetrag 12,00
";
    assert_eq!(read(&[page]).invoice_number.as_deref(), Some("471102"));
}

#[test]
fn an_account_the_amount_is_debited_from_is_not_the_suppliers() {
    let iban = |page: &str| read(&[page]).supplier.and_then(|p| p.iban);
    let debit = "\
Lieferant GmbH
Lieferantenstraße 20, 80333 München
Rechnung Nr. 471102 vom 05.03.2018
Der Betrag wird am 20.03.2018 von Ihrem Konto mit IBAN DE21860000000086001055 eingezogen.
";
    assert_eq!(iban(debit), None);
    let buyers = "\
Lieferant GmbH
Lieferantenstraße 20, 80333 München
Rechnung Nr. 471102 vom 05.03.2018
Käufer-IBAN :      DE21860000000086001055
";
    assert_eq!(iban(buyers), None);
    let own = buyers.replace("Käufer-IBAN", "Bankverbindung");
    assert_eq!(iban(&own).as_deref(), Some("DE21860000000086001055"));
}

#[test]
fn items_without_a_rate_take_the_one_split_that_makes_each_rates_tax() {
    let text = |extra: &str, gross: &str| {
        format!(
            "\
Faktura nr. 2210

Beskrivelse              Antal    Enhedspris       Beløb
Konsulentbistand          2,00        300,00      600,00
Bogføring                 1,00        400,00      400,00
Porto                     1,00        150,00      150,00

                                  Beløb ekskl. moms   1.150,00
                                  25% moms              250,00
                                  0% moms                 0,00
{extra}                                  I alt               {gross}
"
        )
    };
    let data = read_ocr(&[&text("", "1.400,00")]);
    let with_rates = |rate: &str, net: &str, vat: &str| (rate.to_owned(), Some(net.to_owned()), Some(vat.to_owned()));
    assert_eq!(rate_lines(&data), [with_rates("25", "1000.00", "250.00"), with_rates("0", "150.00", "0.00")]);
    let rates: Vec<Option<Decimal>> = data.line_items.iter().map(|i| i.vat_rate).collect();
    assert_eq!(rates, [dec("25"), dec("25"), dec("0")]);
    // A VAT total other than the taxes shown (with a gross to match) means a
    // rate line is missing: no split is trusted.
    let data = read_ocr(&[&text("                                  Moms i alt            262,50\n", "1.412,50")]);
    assert!(data.line_items.iter().all(|i| i.vat_rate.is_none()), "{:?}", data.line_items);
    assert!(data.vat_breakdown.iter().all(|r| r.net.is_none()), "{:?}", data.vat_breakdown);
}

#[test]
fn a_note_on_the_left_of_a_tax_line_gives_no_rate_of_its_own() {
    let data = read(&["\
Sąskaita faktūra Nr. 77

                                                    Apmokestinamoji vertė   1 747,48 EUR
                                                    PVM 21 %                  210,00 EUR
0 % PVM taikomas pagal PVMĮ 45 straipsnį.           PVM 9 %                    67,27 EUR
                                                    PVM 0 %                     0,00 EUR
                                                    Bendra suma             2 024,75 EUR
"]);
    let rates: Vec<(String, Option<String>)> = rate_lines(&data).into_iter().map(|(r, _, v)| (r, v)).collect();
    let line = |r: &str, v: &str| (r.to_owned(), Some(v.to_owned()));
    assert_eq!(rates, [line("21", "210.00"), line("9", "67.27"), line("0", "0.00")]);
    assert_eq!(data.vat_total, dec("277.27"));
}

#[test]
fn payment_terms_that_open_with_a_rate_are_no_tax_line() {
    let page = |terms: &str| {
        format!(
            "\
Invoice 12

Net total 100.00
{terms}
VAT 25% 25.00
Total 125.00
"
        )
    };
    let data = read(&[&page("2 % discount if paid within 2 days")]);
    let rates: Vec<String> = rate_lines(&data).into_iter().map(|(r, _, _)| r).collect();
    assert_eq!(rates, ["25"]);
    // A rate with its tax and a word or two between them is one.
    let data = read(&[&page("9 % reduced VAT 4.50")]);
    let rates: Vec<String> = rate_lines(&data).into_iter().map(|(r, _, _)| r).collect();
    assert!(rates.contains(&"9".to_owned()), "{rates:?}");
}

#[test]
fn a_customer_number_label_is_no_buyer_heading() {
    let data = read(&["\
Jørgensen A/S                                              Faktura
                                                  Fakturanr. 2024-2350

Dato          Betales senest     Kunde nr.     Valuta
2024-10-11    2024-11-10         74360         DKK

SAELGER                          KUNDE
Jørgensen A/S                    Skovgård Tømrer & Snedker ApS
Adresse  Langagervej 50          Adresse  Brofogedvej 64
"]);
    assert_eq!(party(&data.buyer).name.as_deref(), Some("Skovgård Tømrer & Snedker ApS"));
    assert_eq!(party(&data.supplier).name.as_deref(), Some("Jørgensen A/S"));
}

#[test]
fn an_iban_that_wraps_onto_the_next_line_is_read_whole() {
    let page = |tail: &str| {
        format!(
            "\
PVM SĄSKAITA FAKTŪRA Nr. 4711

Atsiskaitomoji sąskaita: LT26 7290 0855 3454
{tail}
Bankas: AB Citadele bankas
"
        )
    };
    let iban = |text: &str| read(&[text]).supplier.and_then(|p| p.iban);
    assert_eq!(iban(&page("0191")).as_deref(), Some("LT267290085534540191"));
    // A next line that does not complete it to a valid IBAN gives none.
    assert_eq!(iban(&page("0192")), None);
}

#[test]
fn a_misread_number_takes_its_clean_spelling_from_elsewhere_on_the_page() {
    let page = |reference: &str| {
        format!(
            "\
Northern Catering LLP                              INVOICE
                                  Invoice No       S!-919823
                                  Invoice Date     23 Jul 2024

Please quote reference: {reference}
"
        )
    };
    assert_eq!(read_ocr(&[&page("SI-919823")]).invoice_number.as_deref(), Some("SI-919823"));
    // With no clean spelling to go by, nothing.
    assert_eq!(read_ocr(&[&page("the invoice number")]).invoice_number, None);
}

#[test]
fn a_rate_whose_percent_sign_became_figures_and_a_tax_without_its_minus_are_mended() {
    let data = read_ocr(&["\
Kreditnota nr. 2210

Beskrivelse              Antal    Enhedspris        Beløb
Konsulentbistand         -2,00        300,00      -600,00
Bogføring                -1,00        400,00      -400,00
Porto                    -1,00        150,00      -150,00

                                  Nettobeløb  kr.  -1.150,00
                                  2596 moms   kr.     250,00
                                  036 moms    kr.       0,00
                                  I alt       kr.  -1.400,00
"]);
    let line = |rate: &str, net: &str, vat: &str| (rate.to_owned(), Some(net.to_owned()), Some(vat.to_owned()));
    assert_eq!(
        rate_lines(&data),
        [line("25", "-1000.00", "-250.00"), line("0", "-150.00", "0.00")],
        "{:?}",
        data.line_items
    );
    assert_eq!(data.vat_total, dec("-250.00"));
}

#[test]
fn a_gross_read_as_a_fragment_of_net_plus_vat_is_their_sum() {
    let page = |gross: &str| {
        format!(
            "\
Faktura nr. 2210

                                  Beløb ekskl. moms   kr. 85.008,37
                                  25% moms            kr. 20.854,59
                                  I alt               kr. {gross}
"
        )
    };
    assert_eq!(read_ocr(&[&page("105.     96")]).gross_total, dec("105862.96"));
    // A gross that is no part of the sum stays as read.
    assert_eq!(read_ocr(&[&page("104.862,96")]).gross_total, dec("104862.96"));
    // On a digital page what is printed stands.
    assert_eq!(read(&[&page("105.     96")]).gross_total, dec("105"));
}

#[test]
fn a_scanned_credit_note_title_with_a_letter_lost_is_still_a_credit_note() {
    let page = |title: &str| {
        format!(
            "\
UAB Pušų spaustuvė                         {title} PVM SĄSKAITA FAKTŪRA
                                                  Serija KPS Nr. 0333671

Prekė                       Kiekis      Kaina       Suma
Popierius A4                    -2      10,00     -20,00
"
        )
    };
    assert_eq!(read_ocr(&[&page("REDITINĖ")]).document_type, Some(DocumentType::CreditNote));
    assert_eq!(read_ocr(&[&page("KREDITINE")]).document_type, Some(DocumentType::CreditNote));
    // Two letters lost is too far; and a digital page prints what it means.
    assert_eq!(read_ocr(&[&page("EDITINĖ")]).document_type, Some(DocumentType::Invoice));
    assert_eq!(read(&[&page("REDITINĖ")]).document_type, Some(DocumentType::Invoice));
}

#[test]
fn a_party_block_beside_the_suppliers_without_a_heading_is_the_buyers() {
    let page = |right: &str| {
        format!(
            "\
PVM SĄSKAITA FAKTŪRA Nr. SF/00584613

Pardavėjas
AB Žuvėdros statyba                     {right}
Įm. kodas: 129445355                    Įm. kodas: 304183662
PVM kodas: LT294453512                  PVM kodas: LT100070820616
Smėlio g. 70C-17                        J. Basanavičiaus g. 23
LT-00209 Palanga                        LT-89380 Mažeikiai
"
        )
    };
    let buyer = read_ocr(&[&page("Telšių vandenys, UAB")]).buyer.unwrap_or_default();
    assert_eq!(buyer.name.as_deref(), Some("Telšių vandenys, UAB"));
    assert_eq!(buyer.company_code.as_deref(), Some("304183662"));
    // Invoice details beside the supplier's name are not a party.
    let details = read_ocr(&[&page("Sąskaitos data: 2025.05.01")]).buyer.and_then(|b| b.name);
    assert_eq!(details, None);
}

#[test]
fn a_scanned_rate_whose_percent_sign_became_a_figure_apart_is_read() {
    let page = |line: &str| {
        format!(
            "\
Sąskaita faktūra Nr. 77

                                                    Apmokestinamoji vertė   1 747,48 EUR
                                                    PVM 21 %                  210,00 EUR
0 % PVM taikomas pagal PVMĮ 45 straipsnį.           {line}
                                                    Bendra suma             2 024,75 EUR
"
        )
    };
    let rates = |line: &str| rate_lines(&read_ocr(&[&page(line)])).into_iter().map(|(r, ..)| r).collect::<Vec<_>>();
    assert_eq!(rates("PVM 9 4                    67,27 EUR"), ["21", "9"]);
    // A figure run on with one space is an amount's thousands, not a "%".
    assert_eq!(rates("PVM 9 4 067,27 EUR"), ["21"]);
}

#[test]
fn a_credit_note_s_totals_read_without_their_minus_take_the_items_sign() {
    let page = "\
KREDITNOTA 2024-77

Beskrivelse            Antal   Pris       Moms   Beløb
Kursusgebyr            -2      5.271,99   0%     -10.543,98
Fragt og levering      -20     420,00     25%    -8.400,00

                          Nettobeløb   «kr. 18.943,98
                          25% moms     «kr. 2.100,00
                          I alt        «kr. 21.043,98
";
    let data = read_ocr(&[page]);
    assert_eq!(data.document_type, Some(DocumentType::CreditNote));
    assert_eq!(
        (data.net_total, data.vat_total, data.gross_total),
        (dec("-18943.98"), dec("-2100.00"), dec("-21043.98"))
    );
    // Printed (not read by OCR), the figures stand as they are.
    let data = read(&[page]);
    assert_eq!(data.net_total, dec("18943.98"));
}

#[test]
fn an_item_table_read_by_ocr_ends_at_a_total_label_with_a_letter_misread() {
    let data = read_ocr(&["\
TAX INVOICE
QTY ITEM                      TOTAL
1   Chicken burger            11.10
1   Nuggets                    7.50
Takedut Total (incl GST)      18.60
Cash Tendered                 20.00
Change                         1.40
"]);
    assert_eq!(data.line_items.len(), 2, "{:?}", data.line_items);
    assert_eq!(data.document_type, Some(DocumentType::Receipt));
    assert_eq!(data.gross_total, dec("18.60"));
}

#[test]
fn a_till_slip_paid_in_cash_with_a_coupon_is_a_receipt_whose_total_stands() {
    let data = read_ocr(&["\
TAX INVOICE
PIZZA PLACE TAMAN
CARRY OUT NOW      Pay By: CASH
Date :27/04/18
Qty Menu Desc                  Price
1   Pizza regular              15.60
Sub-Total :                    15.60
Coupon Discount                 8.40
Grand Total :                   7.20
Payment ;                      10.00
Change Due                      2.80
Visit our site
to view our Personal Data
"]);
    // "Pay by: CASH" names no deadline, "to view…" no buyer.
    assert_eq!(data.document_type, Some(DocumentType::Receipt));
    // The subtotal and the items show what was due before the discount.
    assert_eq!(data.gross_total, dec("7.20"));
}

#[test]
fn a_vat_figure_above_the_gross_is_no_vat_total() {
    let data = read_ocr(&["\
BAKERIES SDN BHD
GST LD: 00038 1399040
TAX INVOICE
Bread white          2.13      25.56
Total Payable:                 25.56
"]);
    assert_eq!(data.gross_total, dec("25.56"));
    assert_eq!(data.vat_total, None);
    assert!(data.net_total.is_none_or(|n| n > Decimal::ZERO), "{:?}", data.net_total);
}

#[test]
fn a_lone_number_under_a_slip_s_name_is_not_its_address() {
    let data = read_ocr(&["\
PERNIAGAAN RIANG RIA
122703:
NO7, JLN UERO, SHAH ALAM
TAX INVOICE
Bread                 2.00
TOTAL                 2.00
"]);
    assert_eq!(party(&data.supplier).address.as_deref(), Some("NO7, JLN UERO, SHAH ALAM"));
}

#[test]
fn a_speck_run_into_a_scanned_description_is_dropped_but_a_closed_bracket_stays() {
    let page = "\
INVOICE INV-1001

DESCRIPTION                       QTY     PRICE    AMOUNT
[Programming work                 1.00    50.00     50.00
[Kit] spare parts                 2.00    10.00     20.00
|Delivery charge                  1.00     5.00      5.00

Subtotal                                            75.00
";
    let data = read_ocr(&[page]);
    let descriptions: Vec<Option<&str>> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(descriptions, [Some("Programming work"), Some("[Kit] spare parts"), Some("Delivery charge")]);
    // Printed text is taken as it is.
    assert_eq!(read(&[page]).line_items[0].description.as_deref(), Some("[Programming work"));
}

#[test]
fn a_lone_speck_beyond_a_scanned_receipt_items_name_is_dropped() {
    let page = "\
CORNER CAFE
SALES RECEIPT
Date: 20/07/2024
Flat White                         3.90
Avocado Toast                             K
  3 x 8.74                        26.22
TOTAL                             30.12
CASH                              40.00
";
    let names = |data: InvoiceData| data.line_items.into_iter().map(|i| i.description).collect::<Vec<_>>();
    assert_eq!(names(read_ocr(&[page])), [Some("Flat White".to_owned()), Some("Avocado Toast".to_owned())]);
}

#[test]
fn a_speck_run_into_a_scanned_address_is_dropped() {
    let address = |street: &str| {
        let page = format!(
            "\
Pardavėjas
UAB „Pajūrio prekyba“
{street}
LT-00209 Palanga

PVM SĄSKAITA FAKTŪRA Nr. 1001
"
        );
        read_ocr(&[&page]).supplier.unwrap_or_default().address
    };
    assert_eq!(address("+Smėlio g. 70C-17").as_deref(), Some("Smėlio g. 70C-17, LT-00209 Palanga"));
    assert_eq!(address("Smėlio g. 70C-17").as_deref(), Some("Smėlio g. 70C-17, LT-00209 Palanga"));
}

#[test]
fn a_litre_read_as_a_one_after_a_measure_is_a_litre_again() {
    let page = "\
UAB PARDUOTUVE
Kefyras 1 1                 1,25 A
Mineralinis vanduo 1,5 1    0,89 A
Duona 800 g                 2,10 A
Kava 2 x 1                  3,00 A
IŠ VISO                     7,24
Grynieji                   10,00
Grąža                       2,76
";
    let data = read_ocr(&[page]);
    let descriptions: Vec<Option<&str>> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(
        descriptions,
        [Some("Kefyras 1 l"), Some("Mineralinis vanduo 1,5 l"), Some("Duona 800 g"), Some("Kava 2 x 1")]
    );
    // Printed text is taken as it is.
    assert_eq!(read(&[page]).line_items[0].description.as_deref(), Some("Kefyras 1 1"));
}

#[test]
fn a_scanned_unit_with_a_letter_misread_is_the_unit_printed() {
    let page = "\
INVOICE INV-2002

ITEM DESCRIPTION                  UOM    QTY     RATE    NET AMOUNT
Printer toner                     pes    2.00    10.00        20.00
Heating oil                       I      5.00     1.00         5.00

Subtotal                                          25.00
";
    let units: Vec<Option<String>> = read_ocr(&[page]).line_items.into_iter().map(|i| i.unit).collect();
    assert_eq!(units, [Some("pcs".to_owned()), Some("l".to_owned())]);
    let units: Vec<Option<String>> = read(&[page]).line_items.into_iter().map(|i| i.unit).collect();
    assert_eq!(units, [Some("pes".to_owned()), Some("I".to_owned())]);
}

#[test]
fn a_base_at_zero_rate_is_confirmed_only_by_its_sum() {
    let data = read_ocr(&["\
PVM SĄSKAITA FAKTŪRA AB91683

Tarifas   Apmokestinama vertė   PVM suma   Suma su PVM
PVM 21 %   541,08 EUR
21 %      2.576,56     541,08     3.117,64
PVM 0 46   0,00 EUR
|    0 %   10.750,00       0,00    10.750,00      Iš viso mokėti 13.880,28 EUR
"]);
    assert_eq!(
        rate_lines(&data),
        vec![
            ("21".into(), Some("2576.56".into()), Some("541.08".into())),
            ("0".into(), Some("10750.00".into()), Some("0.00".into()))
        ]
    );
}

#[test]
fn a_bic_beside_its_label_is_read_though_it_has_no_figure() {
    let swift = |bank: &str| {
        read(&[&format!(
            "\
Skovgård Tømrer & Snedker ApS                Faktura
Børskovgade 299, 9253 Outrup
{bank}

Total                    1.250,00
"
        )])
        .supplier
        .and_then(|s| s.swift)
    };
    assert_eq!(swift("BIC          NDEADKKK").as_deref(), Some("NDEADKKK"));
    assert_eq!(swift("BIC          DABADKKK").as_deref(), Some("DABADKKK"));
    // A word in that place is no BIC.
    assert_eq!(swift("BIC          Danmark"), None);
}

#[test]
fn a_scanned_value_grouped_with_the_next_columns_line_still_answers_its_label() {
    let number = |shift: f32| {
        let mut page = read_text(
            "\
Beacon Electrical Ltd
Dublin 8

                                   16868        Invoice To
Invoice No.
Date            4 October 2024                  Silverline Cleaning Co Limited

Total                 100.00
",
        );
        page.source = crate::document::TextSource::Ocr;
        // The number is printed larger, level with its label, yet read
        // as part of the line above.
        for w in page.lines.iter_mut().flat_map(|l| l.words.iter_mut()) {
            w.confidence = 0.9;
            if w.text == "16868" {
                w.bbox = crate::document::BBox::new(w.bbox.x0, w.bbox.y0 + shift, w.bbox.x1, w.bbox.y1 + shift + 0.4);
            }
        }
        extract(&Document { pages: vec![page] }).data.invoice_number
    };
    assert_eq!(number(0.6).as_deref(), Some("16868"));
    // Level with the line it was read with, it is not the label's.
    assert_eq!(number(0.0), None);
}

#[test]
fn a_form_of_address_under_the_letterhead_starts_the_recipients_block() {
    let page = "\
Nordwind Versicherung
Gegenseitigkeitsverein Hafenstadt a.G.

Frau
Erika Beispiel
Lindenweg 7
24103 Kiel

Geschäftsstelle
Hafenstraße 2
24105 Kiel

Beitragsrechnung Nr. 77.431.2                           3. Februar 2025

Gesamtbeitrag                                           500,00 €
Versicherungsteuer zur Hausratversicherung               95,00 €
Rechnungsbetrag                                         595,00 €
";
    let data = read(&[page]);
    let supplier = party(&data.supplier);
    assert_eq!(supplier.name.as_deref(), Some("Nordwind Versicherung Gegenseitigkeitsverein Hafenstadt a.G."));
    assert_eq!(supplier.address, None, "the recipient's address is not the issuer's");
    let buyer = party(&data.buyer);
    assert_eq!(buyer.name.as_deref(), Some("Frau Erika Beispiel"));
    assert_eq!(buyer.address.as_deref(), Some("Lindenweg 7, 24103 Kiel"));
    // The insurance tax charged in place of VAT is the invoice's tax.
    assert_eq!(data.vat_total, dec("95.00"));
    assert_eq!(data.gross_total, dec("595.00"));
}

#[test]
fn a_receipts_name_set_apart_from_its_registration_line_keeps_its_address() {
    let page = |registration: &str| {
        format!(
            "\
       KEDAI RUNCIT SINAR PAGI SDN BHD


            {registration}
         NO 5, JALAN MELATI 3,
      TAMAN MELATI 53100 KUALA LUMPUR
            Tel: 03-4108 2210
"
        )
    };
    for registration in ["Reg No: 1203194-W", "(1203194-W)"] {
        let supplier = party(&read_ocr(&[&page(registration)]).supplier);
        assert_eq!(supplier.name.as_deref(), Some("KEDAI RUNCIT SINAR PAGI SDN BHD"));
        assert_eq!(
            supplier.address.as_deref(),
            Some("NO 5, JALAN MELATI 3, TAMAN MELATI 53100 KUALA LUMPUR"),
            "{registration}"
        );
    }
    // Any other line that far below the name starts something else.
    let apart = page("Order 4471").replace("NO 5, JALAN MELATI 3,", "\n\n\nNO 5, JALAN MELATI 3,");
    assert_eq!(party(&read_ocr(&[&apart]).supplier).address, None);
}

#[test]
fn a_registration_number_read_with_a_speck_before_it_is_not_the_address() {
    let supplier = party(
        &read_ocr(&["\
        LIMAU MANIS RESTAURANT
      e (00161023\" P)
        GST NO. : 001800839168
   NO.12, JALAN SS4C/5,PETALING JAYA
        SELANGOR DARUL EHSAN
        TEL : 012-2060 778
"])
        .supplier,
    );
    assert_eq!(supplier.address.as_deref(), Some("NO.12, JALAN SS4C/5,PETALING JAYA, SELANGOR DARUL EHSAN"));
}

#[test]
fn a_tax_lines_base_printed_on_the_line_under_it_is_its_base() {
    let data = read(&["\
          UAB „Ąžuolas“
          PIRKIMO KVITAS
Duona                          2,02 A
Knyga                          7,91 B
Kava                          46,52 A
SUMA                          56,45 €
PVM A 21%                   8,42
  Be PVM                   40,10
PVM B 9%                    0,65
  Be PVM                    7,28
"]);
    let bases: Vec<(Option<Decimal>, Option<Decimal>, Option<Decimal>)> =
        data.vat_breakdown.iter().map(|r| (Some(r.rate), r.net, r.vat)).collect();
    assert_eq!(
        bases,
        [(dec("21"), dec("40.10"), dec("8.42")), (dec("9"), dec("7.28"), dec("0.65"))],
        "{:?}",
        data.vat_breakdown
    );
    // The code letters after the VAT label give the items their rates.
    let rates: Vec<Option<Decimal>> = data.line_items.iter().map(|i| i.vat_rate).collect();
    assert_eq!(rates, [dec("21"), dec("9"), dec("21")], "{:?}", data.line_items);
    // A figure under a tax line that its rate's arithmetic does not confirm
    // is not its base.
    let wrong = read(&["\
PVM A 21%                   8,42
  Be PVM                   41,10
SUMA                          50,00 €
"]);
    assert!(wrong.vat_breakdown.iter().all(|r| r.net != dec("41.10")), "{:?}", wrong.vat_breakdown);
}

#[test]
fn in_text_a_blank_line_ends_an_address_and_a_lone_line_between_blank_lines_the_block() {
    // As an HTML rendering of an e-invoice lays its parties out: the trading
    // name and address, then apart from them the registered name over its
    // identifier with its scheme, then labelled identifiers; a heading of
    // another part ends the block.
    let page = "\
Supplier

SupplierTradingName Ltd.
Main street 1
GB 123 EW London
United Kingdom

SupplierOfficialName Ltd (Legal information)
0088:GB983294

Tax Identification: VAT:GB1232434

Customer

Main street 2, Building 4
101 Anytown
Norway

The Buyercompany ()
:

Metadata

Address:
Delivery street 2
21234 Stockholm
";
    let data = read(&[page]);
    let (s, b) = (party(&data.supplier), party(&data.buyer));
    assert_eq!(s.name.as_deref(), Some("SupplierOfficialName Ltd"));
    assert_eq!(s.address.as_deref(), Some("Main street 1, GB 123 EW London, United Kingdom"));
    assert_eq!(s.company_code.as_deref(), Some("GB983294"));
    // Not a number any check confirms: kept as printed, unconfirmed.
    assert_eq!(s.vat_id.as_deref(), Some("GB1232434"));
    assert_eq!(b.name.as_deref(), Some("The Buyercompany"));
    assert_eq!(b.address.as_deref(), Some("Main street 2, Building 4, 101 Anytown, Norway"));
    assert_eq!(b.company_code, None);
}

#[test]
fn a_country_is_an_address_line_never_a_name() {
    // A party with no street: its address is the country alone, printed
    // above the registered name.
    let page = "\
Supplier

Afghanistan

SÄLJARNAMNET AB (Säte: Big City)
0007:1234567890

Customer

Afghanistan

Project services AB ()
0007:1234512345

Metadata

Identifier: 2018210
Payable: 830.00 SEK
";
    let data = read(&[page]);
    let (s, b) = (party(&data.supplier), party(&data.buyer));
    assert_eq!(s.name.as_deref(), Some("SÄLJARNAMNET AB"));
    assert_eq!(s.address.as_deref(), Some("Afghanistan"));
    assert_eq!(s.company_code.as_deref(), Some("1234567890"));
    assert_eq!(b.name.as_deref(), Some("Project services AB"));
    assert_eq!(b.address.as_deref(), Some("Afghanistan"));
}

#[test]
fn items_stacked_in_blocks_are_read_where_their_figures_agree() {
    let page = "\
Invoice 17

Details

1
Laptop computer
Processor: 1.4 GHz
Origin Country: Germany
Price á 1 1,273.00 NOK
Included allowance: Damage -12.00 NOK
Included charge: Testing 12.00 NOK
      1 NAR   BookingCode001   VAT:S (25%)   1,273.00 NOK
2
Network cable
Order Line: 4
Price á 2 C62 1.50 NOK
      250 MTR   VAT:S (25%)   187.50 NOK
3
Mouse
Price á 10.00 NOK
      2 EA   VAT:S (25%)   25.00 NOK
Line Total 1,485.50 NOK
";
    let data = read(&[page]);
    let items: Vec<_> = data
        .line_items
        .iter()
        .map(|i| {
            let text = |d: Option<Decimal>| d.map(|d| d.to_string());
            (
                i.description.clone(),
                text(i.quantity),
                i.unit.clone(),
                text(i.unit_price),
                text(i.net_amount),
                text(i.vat_rate),
            )
        })
        .collect();
    let some = |s: &str| Some(s.to_owned());
    // The mouse's figures disagree (2 × 10.00 is not 25.00): not an item.
    assert_eq!(
        items,
        [
            (some("Laptop computer"), some("1"), some("NAR"), some("1273.00"), some("1273.00"), some("25")),
            (some("Network cable"), some("250"), some("MTR"), some("1.50"), some("187.50"), some("25")),
        ]
    );
    // A credit note's rendering prints no quantity: the amount over the
    // price gives it where that is a whole number.
    let credit = "\
Credit note 18

Details

1
Consulting
Price á 400.00 EUR
Konteringsstreng VAT:S (25.0%) 2,800.00 EUR
2
Travel
Price á 500.00 EUR
VAT:S (25.0%) -1,500.00 EUR
3
Fee
Price á 300.00 EUR
VAT:S (25.0%) 250.00 EUR
Line Total 1,300.00 EUR
";
    let data = read(&[credit]);
    let items: Vec<_> = data
        .line_items
        .iter()
        .map(|i| (i.description.clone(), i.quantity.map(|q| q.to_string()), i.unit.clone()))
        .collect();
    assert_eq!(items, [(some("Consulting"), some("7"), None), (some("Travel"), some("-3"), None)]);
    // Figures too large to multiply are no item, and no panic.
    let huge = "\
Invoice 19

1
Gold
Price á 999999999999999999999.00 EUR
999999999999999999999 EA   VAT:S (25%)   999999999999999999999.00 EUR
2
Silver
Price á 0.000000000000000000001 EUR
VAT:S (25%)   999999999999999999999.00 EUR
";
    assert!(read(&[huge]).line_items.is_empty());
}

#[test]
fn a_minus_sign_after_a_label_is_the_values() {
    let data = read(&["Invoice\n\nTax Exclusive: -1,325.00 EUR\nTax Inclusive: -1,656.25 EUR\nInvoice Nr-123\n"]);
    assert_eq!(data.net_total, dec("-1325.00"));
    assert_eq!(data.gross_total, dec("-1656.25"));
    // A dash straight after the label word still only separates.
    assert_eq!(data.invoice_number.as_deref(), Some("123"));
}

#[test]
fn a_document_without_a_figure_is_flagged_and_not_read() {
    let page = "Unknown document type\n\nThe document you tried to render was not recognised.\n";
    let doc = Document { pages: vec![read_text(page)] };
    let found = extract(&doc);
    assert_eq!(found.data, InvoiceData::default());
    assert_eq!(found.issues.iter().map(|i| i.code.as_str()).collect::<Vec<_>>(), ["not_a_bill"]);
    // One figure is enough to read it.
    assert!(read(&["Kavinė Pelėda\nIš viso 4,20\n"]).supplier.is_some());
}

#[test]
fn a_tax_summary_naming_no_description_nor_quantity_lists_no_items() {
    let page = "\
SUSHI CORNER SDN BHD
Item          Qty   U.Price   Amount   Tax
FG-A00019       2      1.50     3.00   SR
FG-H00027       1      3.80     3.80   SR
SubTotal                        6.80
Total                           6.80
Cash                           10.00
Change                          3.20
Tax Summary
Code        Amount(MYR)     Tax(MYR)
SR                 6.42         0.38
";
    let data = read(&[page]);
    let amounts: Vec<_> = data.line_items.iter().map(|i| i.net_amount).collect();
    assert_eq!(amounts, [dec("3.00"), dec("3.80")]);
}

#[test]
fn a_receipts_vat_table_by_code_letter_is_its_breakdown_not_its_items() {
    let page = "\
        CORNER STORES
       42 High Street
----------------------------------------
Receipt No: 0311-004829
Date: 08/03/2025      Time: 17:42
----------------------------------------
Semi-skimmed milk 2L              1.65 Z
Bananas loose
  0.845 kg @ £0.94/kg             0.79 Z
Milk chocolate bar 100g
  3 x £0.95                       2.85 A
----------------------------------------
TOTAL                            £5.29
Cash                            £10.00
----------------------------------------
VAT  Rate         Net         VAT
A     20%        2.38        0.47
Z      0%        2.44        0.00
";
    let data = read(&[page]);
    assert_eq!(data.document_type, Some(DocumentType::Receipt));
    let items: Vec<_> = data.line_items.iter().map(|i| (i.description.clone(), i.net_amount, i.vat_rate)).collect();
    assert_eq!(
        items,
        [
            (Some("Semi-skimmed milk 2L".to_owned()), dec("1.65"), dec("0")),
            (Some("Bananas loose".to_owned()), dec("0.79"), dec("0")),
            (Some("Milk chocolate bar 100g".to_owned()), dec("2.85"), dec("20")),
        ]
    );
    let some = |s: &str| Some(s.to_owned());
    assert_eq!(
        rate_lines(&data),
        [("20".to_owned(), some("2.38"), some("0.47")), ("0".to_owned(), some("2.44"), some("0.00"))]
    );
    assert_eq!(data.net_total, dec("4.82"));
}

#[test]
fn a_quantity_and_price_after_a_receipt_items_name_are_read_where_they_give_its_amount() {
    let page = "\
KAVINE RYTAS
KVITAS
Kapučino 2 × 3,40                6,80
Sultys 0,33 l                    2,90
Arbata 2 x 1,50                  3,50
IŠ VISO                         13,20
GRYNAIS                         20,00
";
    let data = read(&[page]);
    let items: Vec<_> =
        data.line_items.iter().map(|i| (i.description.clone().unwrap_or_default(), i.quantity, i.unit_price)).collect();
    assert_eq!(
        items,
        [
            ("Kapučino".to_owned(), dec("2"), dec("3.40")),
            // A size is no quantity.
            ("Sultys 0,33 l".to_owned(), dec("1"), dec("2.90")),
            // Figures that do not give the amount stay in the name.
            ("Arbata 2 x 1,50".to_owned(), dec("1"), dec("3.50")),
        ]
    );
}

#[test]
fn an_items_rate_whose_percent_sign_was_read_as_figures_is_the_rate() {
    let page = "\
INVOICE No. 12

Description        Qty    Price    VAT %    Amount
Oak boards           2    10.00     2596     20.00
Pine boards          1     5.00     2106      5.00

Total                                        25.00
";
    let rates =
        |data: InvoiceData| data.line_items.iter().map(|i| i.vat_rate.map(|r| r.to_string())).collect::<Vec<_>>();
    assert_eq!(rates(read_ocr(&[page])), [Some("25".to_owned()), Some("21".to_owned())]);
    // A text layer is not misread: its figures stand as printed.
    assert_ne!(rates(read(&[page])), [Some("25".to_owned()), Some("21".to_owned())]);
}

#[test]
fn a_number_ocr_left_unread_is_worked_out_from_the_other_two_as_a_guess() {
    let page = "\
INVOICE No. 5521
Description            Qty    Unit price      Amount
Office chair             2        120.00      240.00
Desk lamp                          35.50       35.50
Paper A4 box             3         24.10       72.30
Stapler                  4                     31.60
Net total                                    379.40
";
    let doc = ocr_document(&[page], |_| 0.9);
    let found = extract(&doc);
    let numbers: Vec<(Option<String>, Option<String>)> = found
        .data
        .line_items
        .iter()
        .map(|i| (i.quantity.map(|q| q.to_string()), i.unit_price.map(|p| p.to_string())))
        .collect();
    let some = |q: &str, p: &str| (Some(q.to_string()), Some(p.to_string()));
    assert_eq!(numbers, [some("2", "120.00"), some("1", "35.50"), some("3", "24.10"), some("4", "7.9")]);
    let confidence = |path: &str| found.fields.iter().find(|f| f.path == path).map(|f| f.confidence);
    let guess = |path: &str| confidence(path).is_some_and(|c| c <= 0.6);
    assert!(guess("line_items[1].quantity"), "{:?}", confidence("line_items[1].quantity"));
    assert!(guess("line_items[3].unit_price"), "{:?}", confidence("line_items[3].unit_price"));
    // Worked out from them, it confirms neither of the other two.
    assert!(confidence("line_items[1].unit_price").is_some_and(|c| c < 0.9));
    assert!(confidence("line_items[3].quantity").is_some_and(|c| c < 0.9));
    assert!(confidence("line_items[0].unit_price").is_some_and(|c| c >= 0.9));
    // A text layer's empty cells are empty.
    let digital = read(&[page]);
    assert_eq!((digital.line_items[1].quantity, digital.line_items[3].unit_price), (None, None));
}

#[test]
fn a_price_run_into_the_unit_cell_is_the_price_where_it_makes_the_amount() {
    let data = read_ocr(&["\
PVM SĄSKAITA FAKTŪRA Nr. 2207
Nr. Pavadinimas                  Kiekis   Mato vnt.   Kaina, €   Suma, €
1   Spausdintuvo kasetė             2     vnt. 33,56               67,12
2   Programinės įrangos nuoma       3     mėn. 5,90                17,70
3   Kabelis                        10     m 1,32                    13,20
"]);
    let read: Vec<(Option<&str>, Option<String>)> =
        data.line_items.iter().map(|i| (i.unit.as_deref(), i.unit_price.map(|p| p.to_string()))).collect();
    assert_eq!(
        read,
        [
            (Some("vnt."), Some("33.56".to_string())),
            (Some("mėn."), Some("5.90".to_string())),
            (Some("m"), Some("1.32".to_string()))
        ]
    );
}

#[test]
fn two_column_names_a_columns_gap_apart_are_not_read_as_one() {
    // "Vnt. kaina" names the unit price; "Vnt." and "Kaina" set a column
    // apart are the unit and the price.
    let page = |header: &str| {
        let page = [
            "PVM SĄSKAITA FAKTŪRA",
            "",
            header,
            "1     Kavos pupelės „Gintarinė“, 1 kg       0,5   kg      15,26    21 %      7,63",
            "2     Biuro popierius A4, 500 lapų            4   pak.     4,80    21 %     19,20",
        ]
        .join("\n");
        read(&[&page]).line_items
    };
    let items = page("Nr.   Aprašymas                          Kiekis   Vnt.    Kaina    PVM       Suma");
    let units: Vec<Option<&str>> = items.iter().map(|i| i.unit.as_deref()).collect();
    assert_eq!(units, [Some("kg"), Some("pak.")]);
    assert_eq!(items[0].unit_price, dec("15.26"));
}

/// A letterhead with the supplier's name only, a window envelope's return
/// address over the buyer's block, and the supplier's details in a footer.
fn letterhead_page(letterhead: &str, sender: &str, footer: &str) -> String {
    [
        letterhead,
        "",
        "",
        "",
        sender,
        "Emerald Office Supplies Ltd                  Invoice no.        INV2469106",
        "38 Queen Street                              Invoice date    17 April 2024",
        "Dublin 8                                     Due date          8 May 2024",
        "D08 2FK8",
        "",
        "INVOICE",
        "",
        "Description                      Qty   Unit price      Amount",
        "Office desk, 1600mm, white         1       221.17      221.17",
        "",
        "                                   Net amount          221.17",
        "                                   VAT 23%              50.87",
        "                                   Total amount        272.04",
        "",
        footer,
        "72 Victoria Road                 hello@atlantic.ie",
        "Limerick",
        "V94 XWX4",
    ]
    .join("\n")
}

#[test]
fn a_letterheads_address_is_read_where_the_name_is_printed_again() {
    let supplier = |sender: &str, footer: &str| {
        let data =
            read(&[&letterhead_page("                                       Atlantic Seafoods DAC", sender, footer)]);
        let s = data.supplier.unwrap_or_default();
        (s.name, s.address)
    };
    let name = Some("Atlantic Seafoods DAC".to_owned());
    let address = Some("72 Victoria Road, Limerick, V94 XWX4".to_owned());
    // Over a block of address lines in the footer.
    assert_eq!(supplier("", "Atlantic Seafoods DAC            Tel. 061 555 0101"), (name.clone(), address.clone()));
    // In the return address, its parts set apart by dots.
    let sender = "Atlantic Seafoods DAC · 72 Victoria Road · Limerick · V94 XWX4";
    assert_eq!(supplier(sender, "Thank you for your business."), (name.clone(), address));
    // Not from a line that only starts with the name.
    let (_, address) = supplier("Atlantic Seafoods DAC thanks you · 2024", "Thank you for your business.");
    assert_eq!(address, None);
}

#[test]
fn a_return_address_ends_the_search_for_the_suppliers_name() {
    // The letterhead names no legal form; the addressee under the return
    // address does, and is the buyer.
    let sender = "Atlantic Seafoods · 72 Victoria Road · Limerick · V94 XWX4";
    let data = read(&[&letterhead_page("Atlantic Seafoods", sender, "")]);
    assert_eq!(data.supplier.and_then(|s| s.name).as_deref(), Some("Atlantic Seafoods"));
    assert_eq!(data.buyer.and_then(|b| b.name).as_deref(), Some("Emerald Office Supplies Ltd"));
}

#[test]
fn an_issuers_id_is_unsure_where_the_page_prints_another_of_its_kind() {
    let page = |buyer_code: &str| {
        [
            "                                        R. Kavaliausko IĮ",
            "",
            "",
            "",
            "UAB „Elektros srovė“                 Serija ir Nr.    AB 040239",
            "Liepų g. 130                         Išrašymo data   2024-06-15",
            "LT-54306 Kaunas",
            buyer_code,
            "",
            "PVM SĄSKAITA FAKTŪRA",
            "",
            "Aprašymas                    Kiekis    Kaina     Suma",
            "Kompiuterių remontas             20    28,40   568,00",
            "",
            "                          Suma be PVM    568,00",
            "                          PVM 21 %       119,28",
            "                          Iš viso        687,28",
            "",
            "",
            "",
            "",
            "R. Kavaliausko IĮ",
            "Draugystės g. 42-11",
            "LT-55177 Jonava",
            "Įmonės kodas 303688882",
        ]
        .join("\n")
    };
    let code = |buyer_code: &str| {
        let found = extract(&document(&[&page(buyer_code)]));
        let code = found.fields.iter().find(|f| f.path == "supplier.company_code").expect("a company code");
        (code.value.clone(), code.confidence)
    };
    // One code: the issuer's, checked.
    let (value, sure) = code("Dėkojame, kad perkate");
    assert_eq!(value, "303688882");
    assert!(sure >= 0.9, "{sure}");
    // Another valid code outside the party blocks (a buyer's, its block not
    // found): whichever is taken is a guess.
    let (_, unsure) = code("Įm. kodas 140890240");
    assert!(unsure < 0.9, "{unsure}");
}

#[test]
fn a_letterheads_name_repeated_at_the_top_heads_no_address_of_its_own() {
    // On a scan the return address's dots are lost and its gaps part it: the
    // name alone heads the buyer's block, not the supplier's address.
    let page = [
        "                                        Nordisk Træ ApS",
        "",
        "",
        "",
        "Nordisk Træ ApS    Adelstræde 52    8665 Hedensted",
        "Pedersen & Winther ApS                       Fakturanr.: 80149",
        "Artillerivej 82                              Fakturadato: 29-09-2025",
        "4078 Hjørring",
        "",
        "Tekst                      Antal    Pris      Beløb",
        "Konsulenttimer                 2  500,00   1.000,00",
        "",
        "Subtotal                                   1.000,00",
        "Moms 25%                                     250,00",
        "I alt                                      1.250,00",
    ]
    .join("\n");
    let data = read_ocr(&[&page]);
    let supplier = data.supplier.unwrap_or_default();
    assert!(!supplier.address.unwrap_or_default().contains("Artillerivej"));
    assert_eq!(data.buyer.and_then(|b| b.name).as_deref(), Some("Pedersen & Winther ApS"));
}

#[test]
fn a_discount_column_is_read_apart_and_its_lines_add_up() {
    // "7,5%" stands in the discount column, not in the VAT column beside
    // it; the amount is the quantity times the price less the discount.
    let page = "\
PVM SĄSKAITA FAKTŪRA
Serija ir Nr. AA 05888

Kodas   Prekės pavadinimas              Kiekis  Mato vnt.   Kaina  Nuolaida     PVM      Suma
M-2650  Programavimo darbai               12,5  val.        62,39      7,5%    21 %    721,38
P-6715  Kompiuterinės technikos remontas     3  val.        29,07       15%     9 %     74,13
K-1000  Popierius A4                         2  pak.        10,00         –    21 %     20,00

                                                          Suma be PVM             815,51
                                                          PVM 21 %                155,69
                                                          PVM 9 %                   6,67
                                                          Iš viso su PVM          977,87
";
    let found = extract(&document(&[page]));
    let rates: Vec<Option<String>> = found.data.line_items.iter().map(|i| i.vat_rate.map(|r| r.to_string())).collect();
    assert_eq!(rates, [Some("21".into()), Some("9".into()), Some("21".into())]);
    let prices: Vec<Option<Decimal>> = found.data.line_items.iter().map(|i| i.unit_price).collect();
    assert_eq!(prices, [dec("62.39"), dec("29.07"), dec("10.00")]);
    let confidence = |path: &str| found.fields.iter().find(|f| f.path == path).map_or(0.0, |f| f.confidence);
    for k in 0..3 {
        let path = format!("line_items[{k}].unit_price");
        assert!(confidence(&path) >= 0.85, "{path}: {}", confidence(&path));
    }
    // A discount as an amount off the line.
    let dec2 = |s: &str| s.parse::<Decimal>().expect("a number");
    assert!(super::items::adds_up(dec2("3"), dec2("10.00"), dec2("25.00"), Some(dec2("5.00"))));
    assert!(super::items::adds_up(dec2("-3"), dec2("10.00"), dec2("-25.00"), Some(dec2("5.00"))));
    assert!(!super::items::adds_up(dec2("3"), dec2("10.00"), dec2("25.00"), None));
    // A percentage printed with a minus; figures no line holds are no panic.
    assert!(super::items::adds_up(dec2("3"), dec2("10.00"), dec2("27.00"), Some(dec2("-10"))));
    let huge = dec2("-79228162514264337593543950335");
    assert!(!super::items::adds_up(huge, dec2("1"), dec2("1.00"), Some(huge)));
    assert!(!super::items::adds_up(dec2("1"), dec2("1.00"), dec2("2.00"), Some(huge)));
}

#[test]
fn a_running_total_carried_over_a_page_break_is_no_item() {
    let pages = |carried: &str, fee: &str| {
        let one = format!(
            "\
INVOICE No. 5521

Description              Qty    Unit price      Amount
Office chair               2        120.00      240.00
Desk lamp                  1         35.50       35.50
{fee}
{carried}
"
        );
        let two = format!(
            "\
Description              Qty    Unit price      Amount
{}
Paper A4 box               3         24.10       72.30

                         Net total              {{net}}
",
            carried.replace("Carried", "Brought")
        );
        (one, two)
    };
    let descriptions = |one: &str, two: &str, net: &str, ocr: bool| {
        let two = two.replace("{net}", net);
        read_as(&[one, &two], ocr).line_items.into_iter().map(|i| i.description.unwrap_or_default()).collect::<Vec<_>>()
    };
    let three = ["Office chair", "Desk lamp", "Paper A4 box"];
    // The running total is the sum of the items above it.
    let (one, two) = pages("Carried forward                                 275.50", "");
    assert_eq!(descriptions(&one, &two, "347.80", false), three);
    // Misread on a scan, it is still told by its label.
    let (one, two) = pages("Carried forward                                 275.60", "");
    assert_eq!(descriptions(&one, &two, "347.80", true), three);
    // A fee named like the label, smaller than the items, is an item.
    let (one, two) = pages(
        "Carried forward                                 290.50",
        "Transport                                        15.00",
    );
    assert_eq!(descriptions(&one, &two, "362.80", false), ["Office chair", "Desk lamp", "Transport", "Paper A4 box"]);
}

#[test]
fn the_goods_total_before_discounts_ends_the_item_table() {
    let page = "\
INVOICE No. SI-5521

Code     Item                   Qty    Price    Disc.     Total
P-8770   Office chair             2   120.00     10 %    216.00
K-4883   Desk lamp                1    35.50              35.50

                                Goods total              275.50
                                Less discount            -24.00
                                Net total                251.50
                                VAT @ 20%                 50.30
                                Total due GBP            301.80
";
    let data = read(&[page]);
    let descriptions: Vec<Option<&str>> = data.line_items.iter().map(|i| i.description.as_deref()).collect();
    assert_eq!(descriptions, [Some("Office chair"), Some("Desk lamp")]);
    assert_eq!(data.net_total, dec("251.50"));
    assert_eq!(data.gross_total, dec("301.80"));
}

#[test]
fn a_rates_percent_read_as_a_figure_in_the_vat_column_is_told() {
    // On a scan "25 %" comes out "25 6" and "0%" "04"; no rate is printed so.
    let page = "\
FAKTURA 1234

Tekst                 Antal     Pris    Moms       Beløb
Tømrerarbejde            20   531,00    25 6   10.620,00
Avisabonnement            4   421,00      04    1.684,00
Kørsel                    3     4,20    25 %       12,60

                          Beløb ekskl. moms           12.316,60
                          Moms 25 % af 10.632,60       2.658,15
                          Moms 0 % af 1.684,00             0,00
                          I alt DKK                   14.974,75
";
    let rates =
        |data: InvoiceData| data.line_items.iter().map(|i| i.vat_rate.map(|r| r.to_string())).collect::<Vec<_>>();
    let some = |r: &str| Some(r.to_string());
    assert_eq!(rates(read_ocr(&[page])), [some("25"), some("0"), some("25")]);
}
