//! Input detection by content: magic bytes and the XML root element, never the
//! file name.

use std::io::Read;

use serde::Serialize;

use crate::error::ExtractError;
use crate::limits::Limits;

/// The type of an input, as told by its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum InputKind {
    /// A PDF file (text layer, scanned pages, or a PDF/A-3 with an e-invoice attached).
    Pdf,
    /// A JPEG image.
    Jpeg,
    /// A PNG image.
    Png,
    /// A TIFF image (possibly several pages).
    Tiff,
    /// A WebP image.
    Webp,
    /// An HTML page.
    Html,
    /// Plain text.
    Text,
    /// A UBL 2.1 `Invoice` (including Peppol BIS and OIOUBL).
    UblInvoice,
    /// A UBL 2.1 `CreditNote`.
    UblCreditNote,
    /// A UN/CEFACT `CrossIndustryInvoice` (Factur-X, ZUGFeRD 2, XRechnung CII).
    Cii,
    /// A ZUGFeRD 1 `CrossIndustryDocument`.
    Zugferd1,
}

impl InputKind {
    /// True for the e-invoice XML kinds.
    pub fn is_einvoice(self) -> bool {
        matches!(self, InputKind::UblInvoice | InputKind::UblCreditNote | InputKind::Cii | InputKind::Zugferd1)
    }

    /// True for raster image kinds.
    pub fn is_image(self) -> bool {
        matches!(self, InputKind::Jpeg | InputKind::Png | InputKind::Tiff | InputKind::Webp)
    }

    /// The IANA media type of content of this kind.
    pub fn media_type(self) -> &'static str {
        match self {
            InputKind::Pdf => "application/pdf",
            InputKind::Jpeg => "image/jpeg",
            InputKind::Png => "image/png",
            InputKind::Tiff => "image/tiff",
            InputKind::Webp => "image/webp",
            InputKind::Html => "text/html",
            InputKind::Text => "text/plain",
            InputKind::UblInvoice | InputKind::UblCreditNote | InputKind::Cii | InputKind::Zugferd1 => {
                "application/xml"
            }
        }
    }

    /// The short name used in output and errors.
    pub fn name(self) -> &'static str {
        match self {
            InputKind::Pdf => "pdf",
            InputKind::Jpeg => "jpeg",
            InputKind::Png => "png",
            InputKind::Tiff => "tiff",
            InputKind::Webp => "webp",
            InputKind::Html => "html",
            InputKind::Text => "text",
            InputKind::UblInvoice => "ubl_invoice",
            InputKind::UblCreditNote => "ubl_credit_note",
            InputKind::Cii => "cii",
            InputKind::Zugferd1 => "zugferd1",
        }
    }
}

/// An input after detection: its kind, and its bytes with any gzip wrapper removed.
#[derive(Debug, Clone)]
pub struct Detected {
    /// What the content is.
    pub kind: InputKind,
    /// True when the input was gzip-compressed.
    pub gzipped: bool,
    /// The (decompressed) content.
    pub bytes: Vec<u8>,
}

const GZIP_MAGIC: &[u8] = &[0x1f, 0x8b];

/// Detects the type of `bytes`, unwrapping one layer of gzip within `limits`.
pub fn detect(bytes: Vec<u8>, limits: &Limits) -> Result<Detected, ExtractError> {
    Ok(match sniff(&bytes, limits)? {
        (kind, Some(inner)) => Detected { kind, gzipped: true, bytes: inner },
        (kind, None) => Detected { kind, gzipped: false, bytes },
    })
}

/// Detects the type of `bytes` without taking them: the kind, and the
/// unwrapped content when they were gzip-compressed.
pub fn sniff(bytes: &[u8], limits: &Limits) -> Result<(InputKind, Option<Vec<u8>>), ExtractError> {
    limits.check_size(bytes.len() as u64)?;
    if bytes.starts_with(GZIP_MAGIC) {
        let inner = gunzip(bytes, limits)?;
        if inner.starts_with(GZIP_MAGIC) {
            return Err(ExtractError::Unsupported { detected: "gzip inside gzip".into() });
        }
        return Ok((detect_kind(&inner)?, Some(inner)));
    }
    Ok((detect_kind(bytes)?, None))
}

/// Decompresses gzip data, refusing output beyond the size or ratio limit.
pub fn gunzip(bytes: &[u8], limits: &Limits) -> Result<Vec<u8>, ExtractError> {
    let cap = limits.decompressed_cap(bytes.len() as u64);
    let mut out = Vec::new();
    let mut reader = flate2::read::MultiGzDecoder::new(bytes).take(cap + 1);
    reader.read_to_end(&mut out).map_err(|e| ExtractError::corrupt("gzip", e))?;
    if out.len() as u64 > cap {
        return Err(ExtractError::DecompressionBomb {
            what: "gzip stream",
            limit: cap,
            ratio: limits.max_decompression_ratio,
        });
    }
    Ok(out)
}

/// Tells the kind of unwrapped content.
pub fn detect_kind(bytes: &[u8]) -> Result<InputKind, ExtractError> {
    if bytes.is_empty() {
        return Err(ExtractError::Unsupported { detected: "empty file".into() });
    }
    // A PDF header may be preceded by junk; readers accept it within the first KiB.
    if find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_some() {
        return Ok(InputKind::Pdf);
    }
    if let Some(t) = infer::get(bytes) {
        return match t.mime_type() {
            "image/jpeg" => Ok(InputKind::Jpeg),
            "image/png" => Ok(InputKind::Png),
            "image/tiff" => Ok(InputKind::Tiff),
            "image/webp" => Ok(InputKind::Webp),
            "application/pdf" => Ok(InputKind::Pdf),
            "text/html" => Ok(InputKind::Html),
            "text/xml" | "application/xml" => detect_text(bytes),
            other => Err(ExtractError::Unsupported { detected: format!("{other} ({})", t.extension()) }),
        };
    }
    detect_text(bytes)
}

fn detect_text(bytes: &[u8]) -> Result<InputKind, ExtractError> {
    let text = decode_text(bytes)
        .ok_or_else(|| ExtractError::Unsupported { detected: "binary data of unknown type".into() })?;
    let head = text.trim_start_matches('\u{feff}').trim_start();
    if head.starts_with('<') {
        if let Some(root) = xml_root_name(head) {
            let local = root.rsplit(':').next().unwrap_or(&root).to_ascii_lowercase();
            return match local.as_str() {
                "invoice" => Ok(InputKind::UblInvoice),
                "creditnote" => Ok(InputKind::UblCreditNote),
                "crossindustryinvoice" => Ok(InputKind::Cii),
                "crossindustrydocument" => Ok(InputKind::Zugferd1),
                "html" => Ok(InputKind::Html),
                _ => Err(ExtractError::Unsupported { detected: format!("XML document with root element <{root}>") }),
            };
        }
        let lower: String = head.chars().take(512).collect::<String>().to_ascii_lowercase();
        if lower.starts_with("<!doctype html") || lower.contains("<html") || lower.contains("<body") {
            return Ok(InputKind::Html);
        }
    }
    Ok(InputKind::Text)
}

/// Decodes text input: UTF-8 (with or without BOM) or UTF-16 with a BOM. `None`
/// for binary content (NUL bytes or invalid encoding).
pub fn decode_text(bytes: &[u8]) -> Option<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        return decode_utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        return decode_utf16(rest, u16::from_be_bytes);
    }
    let s = std::str::from_utf8(bytes).ok()?;
    if s.contains('\0') {
        return None;
    }
    Some(s.trim_start_matches('\u{feff}').to_owned())
}

fn decode_utf16(bytes: &[u8], f: fn([u8; 2]) -> u16) -> Option<String> {
    let units: Vec<u16> = bytes.chunks_exact(2).map(|c| f([c[0], c[1]])).collect();
    let s = String::from_utf16(&units).ok()?;
    (!s.contains('\0')).then_some(s)
}

/// The name of the first element of an XML text, skipping the prolog, comments,
/// processing instructions and a DOCTYPE.
fn xml_root_name(text: &str) -> Option<String> {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if let Some(r) = rest.strip_prefix("<?") {
            rest = &r[r.find("?>")? + 2..];
        } else if let Some(r) = rest.strip_prefix("<!--") {
            rest = &r[r.find("-->")? + 3..];
        } else if rest.get(..9).is_some_and(|head| head.eq_ignore_ascii_case("<!doctype")) {
            let end = rest.find('>')?;
            if rest[..end].to_ascii_lowercase().contains("html") {
                return Some("html".into());
            }
            rest = &rest[end + 1..];
        } else if let Some(r) = rest.strip_prefix('<') {
            let end = r.find(|c: char| c.is_whitespace() || c == '>' || c == '/')?;
            let name = &r[..end];
            return (!name.is_empty()).then(|| name.to_owned());
        } else {
            return None;
        }
    }
}

pub(crate) fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(bytes: &[u8]) -> Result<InputKind, ExtractError> {
        detect(bytes.to_vec(), &Limits::default()).map(|d| d.kind)
    }

    #[test]
    fn xml_roots_decide_the_einvoice_kind() {
        let ubl = br#"<?xml version="1.0"?><!-- c --><Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"#;
        assert_eq!(kind(ubl).unwrap(), InputKind::UblInvoice);
        assert_eq!(kind(b"<ubl:CreditNote xmlns:ubl='x'/>").unwrap(), InputKind::UblCreditNote);
        assert_eq!(kind(b"\xef\xbb\xbf<rsm:CrossIndustryInvoice/>").unwrap(), InputKind::Cii);
        assert_eq!(kind(b"<rsm:CrossIndustryDocument>").unwrap(), InputKind::Zugferd1);
    }

    #[test]
    fn markup_with_wide_characters_after_a_bracket_is_not_sliced_inside_a_character() {
        // Regression: found by the `detect` fuzz target; the DOCTYPE check sliced
        // nine bytes, which ended inside a three-byte character.
        // Nine bytes end inside the character that starts at byte 7.
        let err = kind("<!docty繾 x>".as_bytes()).unwrap_err().to_string();
        assert!(err.contains("root element <!docty繾>"), "{err}");
    }

    #[test]
    fn unknown_xml_is_refused_with_its_root_named() {
        let err = kind(b"<?xml version='1.0'?><Order/>").unwrap_err().to_string();
        assert!(err.contains("<Order>"), "{err}");
    }

    #[test]
    fn html_and_text_are_told_apart() {
        assert_eq!(kind(b"<!DOCTYPE html><html><body>x</body></html>").unwrap(), InputKind::Html);
        assert_eq!(kind(b"  <div>hello</div> <body>").unwrap(), InputKind::Html);
        assert_eq!(kind("Kvitas Nr. 5\nSuma 1,00 €".as_bytes()).unwrap(), InputKind::Text);
    }

    #[test]
    fn binary_of_unknown_type_is_unsupported() {
        let err = kind(b"PK\x03\x04\x14\x00\x00\x00\x08\x00junkjunkjunkjunkjunkjunkjunk").unwrap_err().to_string();
        assert!(err.starts_with("unsupported type"), "{err}");
        assert!(kind(b"\x00\x01\x02\x03\xff").is_err());
    }

    #[test]
    fn gzip_wrapped_content_is_detected_inside() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"<Invoice/>").unwrap();
        let gz = enc.finish().unwrap();
        let d = detect(gz, &Limits::default()).unwrap();
        assert!(d.gzipped);
        assert_eq!(d.kind, InputKind::UblInvoice);
    }

    #[test]
    fn gzip_bomb_is_refused() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..64 {
            enc.write_all(&zeros).unwrap();
        }
        let gz = enc.finish().unwrap();
        let limits = Limits { max_decompressed_bytes: 16 << 20, ..Limits::default() };
        let err = detect(gz, &limits).unwrap_err();
        assert!(matches!(err, ExtractError::DecompressionBomb { .. }), "{err}");
    }
}
