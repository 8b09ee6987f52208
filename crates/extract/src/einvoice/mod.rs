//! E-invoice XML (UBL 2.1, UN/CEFACT CII, ZUGFeRD 1) mapped to the canonical schema.
//!
//! An e-invoice states every field exactly, so nothing here is guessed: each value
//! comes from the element the EN 16931 business term names, found by local name so
//! that namespace prefixes and syntax versions do not matter. Absent elements leave
//! the field empty.

mod cii;
mod common;
mod parse;
mod ubl;

use crate::data::InvoiceData;
use crate::detect::InputKind;
use crate::error::ExtractError;

/// Reads an e-invoice of the given kind into the canonical schema.
pub fn read(kind: InputKind, xml: &[u8]) -> Result<InvoiceData, ExtractError> {
    let expected_root = match kind {
        InputKind::UblInvoice => "Invoice",
        InputKind::UblCreditNote => "CreditNote",
        InputKind::Cii => "CrossIndustryInvoice",
        InputKind::Zugferd1 => "CrossIndustryDocument",
        other => {
            return Err(ExtractError::EInvoice(format!("{other:?} input is not an e-invoice kind")));
        }
    };
    let text = parse::decode(xml)?;
    let document = parse::parse(&text)?;
    let root = document.root_element();
    let found = root.tag_name().name();
    // The ZUGFeRD 1 release candidate named its root `Invoice` (in a UN/CEFACT
    // namespace), so detection by root name calls it UBL; its structure tells.
    let release_candidate = kind == InputKind::UblInvoice && cii::is_cross_industry(root);
    if found != expected_root && !release_candidate {
        return Err(ExtractError::EInvoice(format!("expected a <{expected_root}> root element, found <{found}>")));
    }
    let cross_industry = matches!(kind, InputKind::Cii | InputKind::Zugferd1) || release_candidate;
    Ok(if cross_industry { cii::read(root) } else { ubl::read(root) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn malformed_xml_is_an_error() {
        let result = read(InputKind::UblInvoice, b"<Invoice><cbc:ID>1</Invoice>");
        assert!(matches!(result, Err(ExtractError::EInvoice(_))));
    }

    #[test]
    fn dtd_is_refused() {
        let xml = br#"<?xml version="1.0"?>
<!DOCTYPE Invoice [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>
<Invoice><ID>&b;</ID></Invoice>"#;
        match read(InputKind::UblInvoice, xml) {
            Err(ExtractError::EInvoice(message)) => assert!(message.contains("DTD")),
            other => panic!("expected a refusal, got {other:?}"),
        }
    }

    #[test]
    fn wrong_root_and_kind_are_errors() {
        assert!(read(InputKind::Cii, b"<Invoice/>").is_err());
        assert!(read(InputKind::Pdf, b"<Invoice/>").is_err());
        assert!(read(InputKind::UblInvoice, &[0xFF, 0x00, 0xC3]).is_err());
    }
}
