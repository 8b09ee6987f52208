//! Turning untrusted bytes into an XML tree: decoding the text, and the limits
//! that keep a crafted file from exhausting memory or the stack.

use roxmltree::{Document, ParsingOptions};

use crate::error::ExtractError;

/// The most nodes one e-invoice may have. Real invoices have a few thousand; the
/// cap stops a crafted file from exhausting memory.
const NODES_LIMIT: u32 = 5_000_000;

/// The deepest element nesting accepted. E-invoices nest about twenty levels. The
/// parser recurses once per level, so a crafted file nested a few thousand deep
/// would overflow a worker thread's stack before any other limit applied.
const DEPTH_LIMIT: usize = 256;

/// Parses XML text, refusing DTDs so that entity expansion bombs never run, and
/// refusing absurd nesting before the parser sees it.
pub(super) fn parse(text: &str) -> Result<Document<'_>, ExtractError> {
    if nesting_exceeds(text, DEPTH_LIMIT) {
        return Err(ExtractError::EInvoice(format!(
            "the XML nests elements deeper than {DEPTH_LIMIT} levels; refused"
        )));
    }
    let options = ParsingOptions { allow_dtd: false, nodes_limit: NODES_LIMIT };
    Document::parse_with_options(text, options).map_err(|e| match e {
        roxmltree::Error::DtdDetected => {
            ExtractError::EInvoice("the XML declares a DTD, which e-invoices never need; refused".into())
        }
        roxmltree::Error::NodesLimitReached => {
            ExtractError::EInvoice(format!("the XML has more than {NODES_LIMIT} nodes; refused"))
        }
        other => ExtractError::EInvoice(format!("malformed XML: {other}")),
    })
}

/// True when elements nest deeper than `limit`. This is a light scan, not a
/// parser: it skips comments, CDATA, processing instructions and declarations and
/// honours quoted attribute values, which is enough to count depth on any input
/// the parser would accept.
fn nesting_exceeds(text: &str, limit: usize) -> bool {
    let mut depth = 0usize;
    let mut rest = text;
    while let Some(start) = rest.find('<') {
        rest = rest.get(start..).unwrap_or_default();
        let skip_to = |end: &str| rest.find(end).and_then(|i| rest.get(i + end.len()..)).unwrap_or_default();
        rest = if rest.starts_with("<!--") {
            skip_to("-->")
        } else if rest.starts_with("<![CDATA[") {
            skip_to("]]>")
        } else if rest.starts_with("<?") {
            skip_to("?>")
        } else if rest.starts_with("<!") || rest.starts_with("</") {
            depth = depth.saturating_sub(usize::from(rest.starts_with("</")));
            skip_to(">")
        } else {
            let (after, self_closing) = tag_end(rest);
            if !self_closing {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            after
        };
    }
    false
}

/// The text after a start tag beginning `tag`, and whether the tag closes itself.
/// A `>` inside a quoted attribute value does not end the tag.
fn tag_end(tag: &str) -> (&str, bool) {
    let mut quote = None;
    let mut previous = ' ';
    for (i, c) in tag.char_indices() {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), _) if c == q => quote = None,
            (None, '>') => return (tag.get(i + 1..).unwrap_or_default(), previous == '/'),
            _ => {}
        }
        previous = c;
    }
    ("", false)
}

/// Turns the raw bytes into text. UTF-8 (with or without a byte order mark) is the
/// norm; UTF-16 with a byte order mark and ISO-8859-1 declarations also occur in
/// older files, so they are decoded here because the parser only takes UTF-8.
pub(super) fn decode(bytes: &[u8]) -> Result<String, ExtractError> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    if declares_latin1(bytes) {
        // Every byte of ISO-8859-1 is the Unicode code point of the same value.
        return Ok(bytes.iter().map(|&b| char::from(b)).collect());
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, ExtractError> {
    String::from_utf8(bytes.to_vec()).map_err(|e| ExtractError::EInvoice(format!("the XML is not valid UTF-8: {e}")))
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, ExtractError> {
    let units: Vec<u16> = bytes.chunks_exact(2).filter_map(|pair| pair.try_into().ok()).map(word).collect();
    String::from_utf16(&units).map_err(|e| ExtractError::EInvoice(format!("the XML is not valid UTF-16: {e}")))
}

/// True when the XML declaration names a single-byte Latin encoding.
fn declares_latin1(bytes: &[u8]) -> bool {
    let head: String = bytes.iter().take(200).map(|&b| char::from(b)).collect::<String>().to_ascii_lowercase();
    let Some(declaration) = head.strip_prefix("<?xml").and_then(|rest| rest.split("?>").next()) else {
        return false;
    };
    ["iso-8859-1", "iso8859-1", "latin1", "latin-1"].iter().any(|name| declaration.contains(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_is_counted_outside_comments_and_quotes() {
        assert!(!nesting_exceeds("<a><b x='>'/><!-- <c><c> --><![CDATA[<d>]]></a>", 1));
        assert!(nesting_exceeds("<a><b><c/></b></a>", 1));
        assert!(parse(&"<a>".repeat(100_000)).is_err());
    }

    #[test]
    fn latin1_declaration_is_decoded() {
        let bytes = b"<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Stra\xdfe</a>";
        assert_eq!(decode(bytes).ok().as_deref(), Some("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><a>Straße</a>"));
    }
}
