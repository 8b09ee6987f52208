//! Object-level PDF editing for the few things the writer cannot do itself.
//!
//! pdf_oxide's writer emits objects in hash-map order, registers the twelve
//! standard fonts on every page, and has no way to set `/Rotate` or attach a file
//! to a freshly written document. This module reads such a file back as numbered
//! objects (through its classic cross-reference table), lets the generator edit
//! dictionaries entry by entry, and writes one clean file with the objects in
//! numeric order, so that the same input always gives the same bytes.

use std::collections::BTreeMap;

use anyhow::{Context, Result, anyhow, ensure};

use crate::pdfsyntax::{ascii, dict_get, dict_set, entries, find, parse_ref, rfind, trim};

/// A PDF as numbered object bodies (what lies between `obj` and `endobj`).
pub struct RawPdf {
    objects: BTreeMap<u32, Vec<u8>>,
    root: u32,
    info: Option<u32>,
}

impl RawPdf {
    /// A document with only a catalog; used for image-only PDFs.
    pub fn empty() -> RawPdf {
        let mut objects = BTreeMap::new();
        objects.insert(1, b"<</Type /Catalog>>".to_vec());
        RawPdf { objects, root: 1, info: None }
    }

    /// Reads a file with a classic `xref` table, as the writer produces.
    pub fn parse(bytes: &[u8]) -> Result<RawPdf> {
        let start = rfind(bytes, b"startxref").context("no startxref")?;
        let xref_at: usize =
            ascii(&bytes[start + 9..])?.split_whitespace().next().context("empty startxref")?.parse()?;
        let table = ascii(bytes.get(xref_at..).context("startxref out of range")?)?;
        let mut words = table.split_whitespace();
        ensure!(words.next() == Some("xref"), "only classic xref tables are supported");
        let mut offsets: Vec<(usize, u32)> = Vec::new();
        let mut word = words.next();
        while let Some(first) = word.filter(|w| *w != "trailer") {
            let first: u32 = first.parse()?;
            let count: u32 = words.next().context("truncated xref")?.parse()?;
            for number in first..first + count {
                let offset = words.next().context("truncated xref")?;
                let _generation = words.next();
                if words.next() == Some("n") {
                    offsets.push((offset.parse()?, number));
                }
            }
            word = words.next();
        }
        let trailer_at = xref_at + find(&bytes[xref_at..], b"trailer").context("no trailer")? + 7;
        let trailer = &bytes[trailer_at..start];
        let reference =
            |key: &str| -> Result<Option<u32>> { dict_get(trailer, key)?.map(|v| parse_ref(trim(v))).transpose() };
        let root = reference("Root")?.context("trailer without /Root")?;
        let info = reference("Info")?;

        offsets.sort();
        let mut objects = BTreeMap::new();
        for (i, &(offset, number)) in offsets.iter().enumerate() {
            let end = offsets.get(i + 1).map_or(xref_at, |next| next.0);
            let span = bytes.get(offset..end).context("object offset out of range")?;
            let header_end = find(span, b"obj").context("object without header")? + 3;
            let body_end = rfind(span, b"endobj").context("object without endobj")?;
            objects.insert(number, trim(&span[header_end..body_end]).to_vec());
        }
        Ok(RawPdf { objects, root, info })
    }

    pub fn root(&self) -> u32 {
        self.root
    }

    pub fn get(&self, number: u32) -> Result<&[u8]> {
        self.objects.get(&number).map(Vec::as_slice).ok_or_else(|| anyhow!("object {number} does not exist"))
    }

    pub fn set(&mut self, number: u32, body: Vec<u8>) {
        self.objects.insert(number, body);
    }

    /// Adds an object and returns its number.
    pub fn add(&mut self, body: Vec<u8>) -> u32 {
        let number = self.objects.keys().next_back().map_or(1, |n| n + 1);
        self.objects.insert(number, body);
        number
    }

    /// Sets one entry of a dictionary object.
    pub fn set_entry(&mut self, number: u32, key: &str, value: &str) -> Result<()> {
        let body = dict_set(self.get(number)?, key, value)?;
        self.set(number, body);
        Ok(())
    }

    pub fn set_info(&mut self, info: u32) {
        self.info = Some(info);
    }

    /// The page objects in page order (flat page trees only, as written here).
    pub fn pages(&self) -> Result<Vec<u32>> {
        let pages = parse_ref(trim(dict_get(self.get(self.root)?, "Pages")?.context("catalog without /Pages")?))?;
        let kids = dict_get(self.get(pages)?, "Kids")?.context("page tree without /Kids")?;
        let kids = ascii(kids)?.trim().trim_start_matches('[').trim_end_matches(']').to_string();
        let parts: Vec<&str> = kids.split_whitespace().collect();
        parts.chunks(3).map(|c| Ok(c[0].parse()?)).collect()
    }

    /// Removes the standard-14 font entries the writer puts on every page
    /// although the samples draw only with embedded fonts. Readers then list
    /// just the embedded fonts, as in a typical born-digital invoice.
    pub fn drop_unused_standard_fonts(&mut self) -> Result<()> {
        let standard: Vec<u32> = self
            .objects
            .iter()
            .filter(|(_, body)| find(body, b"/Subtype /Type1").is_some() && find(body, b"/FontFile").is_none())
            .map(|(n, _)| *n)
            .collect();
        for page in self.pages()? {
            let body = self.get(page)?.to_vec();
            let Some(resources) = dict_get(&body, "Resources")? else { continue };
            let Some(fonts) = dict_get(resources, "Font")? else { continue };
            let mut kept = String::from("<<");
            for (key, range) in entries(fonts)? {
                let value = &fonts[range];
                if !standard.contains(&parse_ref(trim(value)).unwrap_or(0)) {
                    kept.push_str(&format!("/{key} {}", ascii(value)?.trim()));
                }
            }
            kept.push_str(">>");
            let resources = dict_set(resources, "Font", &kept)?;
            self.set(page, dict_set(&body, "Resources", ascii(&resources)?)?);
        }
        for number in standard {
            self.objects.remove(&number);
        }
        Ok(())
    }

    /// Serialises the document with objects in numeric order. Numbers left free
    /// by removed objects are chained into the free list as the format asks.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut out: Vec<u8> = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = BTreeMap::new();
        for (number, body) in &self.objects {
            offsets.insert(*number, out.len());
            out.extend_from_slice(format!("{number} 0 obj\n").as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let size = self.objects.keys().next_back().map_or(1, |n| n + 1);
        let free: Vec<u32> = (1..size).filter(|n| !offsets.contains_key(n)).collect();
        let xref_at = out.len();
        out.extend_from_slice(format!("xref\n0 {size}\n").as_bytes());
        let next_free = |after: u32| free.iter().copied().find(|n| *n > after).unwrap_or(0);
        out.extend_from_slice(format!("{:010} 65535 f \n", next_free(0)).as_bytes());
        for number in 1..size {
            let entry = match offsets.get(&number) {
                Some(offset) => format!("{offset:010} 00000 n \n"),
                None => format!("{:010} 00001 f \n", next_free(number)),
            };
            out.extend_from_slice(entry.as_bytes());
        }
        // The file identifier is a hash of the content, so it is stable across
        // runs yet differs between documents.
        let id = format!("{:016x}{:016x}", fnv64(&out, 0), fnv64(&out, 1));
        let info = self.info.map(|i| format!("/Info {i} 0 R")).unwrap_or_default();
        out.extend_from_slice(
            format!(
                "trailer\n<</Size {size}/Root {} 0 R{info}/ID [<{id}> <{id}>]>>\nstartxref\n{xref_at}\n%%EOF\n",
                self.root
            )
            .as_bytes(),
        );
        out
    }
}

/// Stores a portrait page the way many scanners and print drivers do: the media
/// box is landscape, the content is drawn turned by a quarter, and `/Rotate 90`
/// tells viewers to turn it back. The page looks the same as before, but in the
/// file's own coordinates its text runs vertically.
pub fn store_sideways(pdf: &mut RawPdf, page: u32, (width, height): (f32, f32)) -> Result<()> {
    let body = pdf.get(page)?.to_vec();
    let contents = ascii(dict_get(&body, "Contents")?.context("page without /Contents")?)?.trim().to_string();
    // Viewers turn a /Rotate 90 page clockwise, so the content is drawn turned
    // anticlockwise: user point (x, y) lands on media point (height - y, x).
    let before = pdf.add(stream("", format!("q 0 1 -1 0 {height} 0 cm\n").as_bytes()));
    let after = pdf.add(stream("", b"Q\n"));
    let body = dict_set(&body, "Contents", &format!("[{before} 0 R {contents} {after} 0 R]"))?;
    let body = dict_set(&body, "MediaBox", &format!("[0 0 {height} {width}]"))?;
    let body = dict_set(&body, "Rotate", "90")?;
    pdf.set(page, body);
    Ok(())
}

/// A stream object body: the dictionary entries (without `<<`/`>>` and
/// `/Length`) and the data.
pub fn stream(entries: &str, data: &[u8]) -> Vec<u8> {
    let mut body = format!("<<{entries}/Length {}>>\nstream\n", data.len()).into_bytes();
    body.extend_from_slice(data);
    body.extend_from_slice(b"\nendstream");
    body
}

/// A PDF text string: literal for ASCII, UTF-16BE with a byte-order mark
/// otherwise, as the format requires for text outside PDFDocEncoding's ASCII part.
pub fn text_string(text: &str) -> String {
    if text.is_ascii() {
        let escaped = text.replace('\\', "\\\\").replace('(', "\\(").replace(')', "\\)");
        format!("({escaped})")
    } else {
        let hex: String = text.encode_utf16().map(|u| format!("{u:04X}")).collect();
        format!("<FEFF{hex}>")
    }
}

/// FNV-1a, seeded so that two seeds give two independent halves of the ID.
fn fnv64(bytes: &[u8], seed: u64) -> u64 {
    let mut hash = 0xcbf2_9ce4_8422_2325u64 ^ seed.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}
