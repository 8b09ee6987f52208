//! Inputs that tests of this crate and of the application build on.

/// A minimal one-page PDF whose font maps a code through a ToUnicode entry
/// with non-ASCII letters where hex digits belong.
pub fn pdf_with_broken_tounicode() -> Vec<u8> {
    let cmap = "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n1 begincodespacerange\n<00> <FF>\nendcodespacerange\n1 beginbfchar\n<41> <aąąąąąąąąąą>\nendbfchar\nendcmap end end\n";
    let map = format!("<< /Length {} >>\nstream\n{cmap}endstream", cmap.len());
    one_page("BT /F1 24 Tf 72 720 Td (AAAA AAAA AAAA AAAA AAAA) Tj ET", " /ToUnicode 6 0 R", Some(map))
}

/// A one-page PDF (612 × 792 points) that draws `content` with Helvetica as
/// font `/F1`.
pub fn pdf_with_content(content: &str) -> Vec<u8> {
    one_page(content, "", None)
}

/// A one-page PDF drawing `content` with Helvetica as `/F1`, whose font
/// dictionary ends with `font_extra`; `more` is object 6.
fn one_page(content: &str, font_extra: &str, more: Option<String>) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_owned(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_owned(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>".to_owned(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
        format!("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica{font_extra} >>"),
    ];
    objects.extend(more);
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{body}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes(),
    );
    out
}
