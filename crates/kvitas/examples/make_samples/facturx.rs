//! `facturx-rechnung.pdf`: a German/English invoice whose PDF carries the same
//! data as an embedded `factur-x.xml` (CII, Factur-X profile EN 16931).

use anyhow::Result;
use kvitas_extract::{DocumentType, InvoiceData};
use rust_decimal::Decimal;

use crate::canvas::{Face, Fonts, Meta, build_pdf};
use crate::cii::{self, CiiExtras};
use crate::ids::{de_vat, grouped4, iban};
use crate::locale::{date, dotted};
use crate::money::{DA as DE, invoice_totals, item, line_items};
use crate::party::{Trader, address, trader};
use crate::pdfobj::{RawPdf, stream, text_string};
use crate::sheet::{Align, PartyBlock, Sheet, column, layout, note, total};
use crate::{Sample, verify};

fn party_lines(t: &Trader) -> Vec<String> {
    let mut lines = t.address.lines();
    lines.extend(t.vat_id.as_ref().map(|v| format!("USt-IdNr. / VAT ID: {v}")));
    lines.extend(t.company_code.as_ref().map(|c| format!("Amtsgericht Köln {c}")));
    lines
}

pub fn invoice(fonts: &Fonts) -> Result<Sample> {
    let seller = trader("Rheinwerk Bürobedarf GmbH", address("Schildergasse 72", "50667", "Köln").with_country("DE"))
        .code("HRB 104512".into())
        .vat(format!("DE{}", de_vat("28461937")?))
        .bank(iban("DE", "370501980012345678")?, "COLSDE33");
    let buyer =
        trader("Altstadt Architekten PartG mbB", address("Severinstraße 118", "50678", "Köln").with_country("DE"))
            .vat(format!("DE{}", de_vat("31572046")?));
    let items = [
        item("Kopierpapier A4, 80 g/m², 500 Blatt", "20", Some("XPK"), "4.85", "19"),
        item("Toner-Kartusche schwarz, 3.000 Seiten", "3", Some("H87"), "68.90", "19"),
        item("Bürostuhl „Ergo Flex“ mit Armlehnen", "2", Some("H87"), "249.00", "19"),
        item("Montage und Einweisung vor Ort", "1.5", Some("HUR"), "58.00", "19"),
        item("Fachbuch „Baurecht kompakt“, 4. Auflage", "2", Some("H87"), "39.80", "7"),
        item("Zeitschrift „Bauwelt Praxis“, Abonnement 1. Quartal", "1", Some("C62"), "24.50", "7"),
    ];
    let (issued, due, delivered) = (date(2025, 3, 18), date(2025, 4, 17), date(2025, 3, 17));
    let mut truth = InvoiceData {
        document_type: Some(DocumentType::Invoice),
        language: Some("de".into()),
        invoice_number: Some("RE-2025-0087".into()),
        issue_date: Some(issued),
        due_date: Some(due),
        currency: Some("EUR".into()),
        supplier: Some(seller.party()),
        buyer: Some(buyer.party()),
        line_items: line_items(&items),
        payment_reference: Some("RE-2025-0087".into()),
        ..InvoiceData::default()
    };
    invoice_totals(&mut truth);

    let eur = |d: Option<Decimal>| format!("{} €", DE.amount(d.unwrap_or_default()));
    let mut totals = vec![total("Nettobetrag / Net total", eur(truth.net_total), false)];
    for vat in &truth.vat_breakdown {
        let label = format!("USt. / VAT {} % auf {}", vat.rate, DE.amount(vat.net.unwrap_or_default()));
        totals.push(total(&label, eur(vat.vat), false));
    }
    totals.push(total("Gesamtbetrag / Total", eur(truth.gross_total), true));
    let sheet = Sheet {
        brand: "RHEINWERK BÜROBEDARF".into(),
        tagline: "Büromaterial · Büromöbel · Fachliteratur".into(),
        title: "RECHNUNG / INVOICE".into(),
        details: vec![
            ("Rechnungs-Nr. / Invoice no.".into(), "RE-2025-0087".into()),
            ("Rechnungsdatum / Invoice date".into(), dotted(issued)),
            ("Leistungsdatum / Delivery date".into(), dotted(delivered)),
            ("Fällig am / Due date".into(), dotted(due)),
        ],
        parties: [
            PartyBlock {
                heading: "VERKÄUFER / SELLER".into(), name: seller.name.clone(), lines: party_lines(&seller)
            },
            PartyBlock { heading: "KÄUFER / BUYER".into(), name: buyer.name.clone(), lines: party_lines(&buyer) },
        ],
        columns: vec![
            column("Pos.", 26.0, Align::Right),
            column("Bezeichnung / Description", 211.0, Align::Left),
            column("Menge\nQty", 42.0, Align::Right),
            column("Einheit\nUnit", 44.0, Align::Center),
            column("Einzelpreis\nUnit price", 66.0, Align::Right),
            column("USt.\nVAT", 40.0, Align::Right),
            column("Betrag\nAmount", 82.0, Align::Right),
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
                    DE.plain(l.quantity.unwrap_or_default()),
                    l.unit.clone().unwrap_or_default(),
                    DE.amount(l.unit_price.unwrap_or_default()),
                    format!("{} %", l.vat_rate.unwrap_or_default()),
                    DE.amount(l.net_amount.unwrap_or_default()),
                ]
            })
            .collect(),
        totals,
        notes: vec![
            note(
                &format!("Zahlbar bis {} ohne Abzug. / Payable by {} without deduction.", dotted(due), dotted(due)),
                Face::Regular,
                8.8,
            ),
            note("Verwendungszweck / Payment reference: RE-2025-0087", Face::Bold, 9.2),
            note(
                &format!(
                    "Bankverbindung / Bank: Sparkasse KölnBonn · IBAN {} · BIC {}",
                    grouped4(seller.iban.as_deref().unwrap_or_default()),
                    seller.swift.as_deref().unwrap_or_default()
                ),
                Face::Regular,
                8.8,
            ),
            note(
                "Einheiten nach UN/ECE-Empfehlung 20/21 (H87 Stück, XPK Packung, HUR Stunde, C62 Einheit). \
                 Diese Rechnung enthält ihre Daten zusätzlich als eingebettete Datei factur-x.xml \
                 (Factur-X, Profil EN 16931). / This invoice embeds its data as factur-x.xml.",
                Face::Regular,
                7.8,
            ),
        ],
        footer: format!("{} · Geschäftsführerin: Jana Overbeck · Amtsgericht Köln HRB 104512", seller.name),
        continued_title: "Rechnung RE-2025-0087 (Fortsetzung)".into(),
        continued: "Fortsetzung auf der nächsten Seite".into(),
        page_label: |n, of| format!("Seite {n} von {of}"),
    };
    let pages = layout(fonts, &sheet);
    let meta = Meta { title: "Rechnung RE-2025-0087", author: &seller.name, subject: "Rechnung / Invoice" };
    let mut pdf = build_pdf(fonts, &pages, &meta)?;
    let extras =
        CiiExtras { type_code: "380", legal_scheme: None, delivery_date: Some(delivered), corrects: None, note: None };
    let xml = cii::write(&truth, &seller, &buyer, &extras)?;
    attach_facturx(&mut pdf, xml.as_bytes(), "D:20250318090000+01'00'")?;
    let bytes = pdf.to_bytes();
    verify::pages("facturx-rechnung.pdf", &bytes, 1)?;
    verify::exact_read("facturx-rechnung.pdf", &bytes, &truth)?;
    Ok(Sample::single("facturx-rechnung", "pdf", bytes, truth))
}

/// Embeds the CII as `factur-x.xml` the way Factur-X prescribes: an embedded
/// file in the catalog's name tree, listed again in the catalog's `/AF` array
/// with its relationship, and announced in the XMP metadata.
fn attach_facturx(pdf: &mut RawPdf, xml: &[u8], modified: &str) -> Result<()> {
    let file = pdf.add(stream(
        &format!(
            "/Type /EmbeddedFile/Subtype /text#2Fxml/Params <</Size {}/ModDate {}>>",
            xml.len(),
            text_string(modified)
        ),
        xml,
    ));
    // "Alternative": the XML is an equivalent, machine-readable form of the
    // printed invoice, as ZUGFeRD 2 and Factur-X specify for the EN 16931 profile.
    let spec = pdf.add(
        format!(
            "<</Type /Filespec/F (factur-x.xml)/UF (factur-x.xml)/Desc (Factur-X invoice data)\
             /AFRelationship /Alternative/EF <</F {file} 0 R/UF {file} 0 R>>>>"
        )
        .into_bytes(),
    );
    let metadata = pdf.add(stream("/Type /Metadata/Subtype /XML", xmp(modified).as_bytes()));
    let root = pdf.root();
    pdf.set_entry(root, "Names", &format!("<</EmbeddedFiles <</Names [(factur-x.xml) {spec} 0 R]>>>>"))?;
    pdf.set_entry(root, "AF", &format!("[{spec} 0 R]"))?;
    pdf.set_entry(root, "Metadata", &format!("{metadata} 0 R"))
}

/// The XMP packet with the Factur-X properties and their schema description.
/// It does not claim PDF/A conformance: the file is not validated as PDF/A-3.
fn xmp(modified: &str) -> String {
    let date = format!(
        "{}-{}-{}T{}:{}:{}+01:00",
        &modified[2..6],
        &modified[6..8],
        &modified[8..10],
        &modified[10..12],
        &modified[12..14],
        &modified[14..16]
    );
    format!(
        r#"<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
 <rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
  <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/">
   <dc:title><rdf:Alt><rdf:li xml:lang="x-default">Rechnung RE-2025-0087</rdf:li></rdf:Alt></dc:title>
   <dc:creator><rdf:Seq><rdf:li>Rheinwerk Bürobedarf GmbH</rdf:li></rdf:Seq></dc:creator>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:xmp="http://ns.adobe.com/xap/1.0/">
   <xmp:CreatorTool>kvitas make_samples</xmp:CreatorTool>
   <xmp:CreateDate>{date}</xmp:CreateDate>
   <xmp:ModifyDate>{date}</xmp:ModifyDate>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:fx="urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#">
   <fx:DocumentType>INVOICE</fx:DocumentType>
   <fx:DocumentFileName>factur-x.xml</fx:DocumentFileName>
   <fx:Version>1.0</fx:Version>
   <fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>
  </rdf:Description>
  <rdf:Description rdf:about="" xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
    xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#" xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
   <pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
    <pdfaSchema:schema>Factur-X PDFA Extension Schema</pdfaSchema:schema>
    <pdfaSchema:namespaceURI>urn:factur-x:pdfa:CrossIndustryDocument:invoice:1p0#</pdfaSchema:namespaceURI>
    <pdfaSchema:prefix>fx</pdfaSchema:prefix>
    <pdfaSchema:property><rdf:Seq>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentFileName</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The name of the embedded XML document</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>DocumentType</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The type of the hybrid document in capital letters, e.g. INVOICE or ORDER</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>Version</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The actual version of the standard applying to the embedded XML document</pdfaProperty:description></rdf:li>
     <rdf:li rdf:parseType="Resource"><pdfaProperty:name>ConformanceLevel</pdfaProperty:name><pdfaProperty:valueType>Text</pdfaProperty:valueType><pdfaProperty:category>external</pdfaProperty:category><pdfaProperty:description>The conformance level of the embedded XML document</pdfaProperty:description></rdf:li>
    </rdf:Seq></pdfaSchema:property>
   </rdf:li></rdf:Bag></pdfaExtension:schemas>
  </rdf:Description>
 </rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"#
    )
}
