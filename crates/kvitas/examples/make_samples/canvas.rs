//! A small drawing surface over pdf_oxide's PDF writer.
//!
//! Pages are first collected as a list of drawing operations in top-down
//! coordinates (points from the top-left corner), so that layout code can measure,
//! paginate and number pages before anything is written. `build_pdf` then emits
//! them with the embedded fonts and hands the file to `pdfobj` for a tidy,
//! reproducible object order.

use std::path::PathBuf;

use anyhow::{Context, Result, anyhow};
use pdf_oxide::writer::{EmbeddedFont, PdfWriter, PdfWriterConfig};

use crate::pdfobj::RawPdf;

/// A4 in PDF points.
pub const A4: (f32, f32) = (595.0, 842.0);

/// The typefaces the samples use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Face {
    Regular,
    Bold,
    Mono,
}

/// The font programs, kept as bytes (for embedding) and parsed (for measuring).
pub struct Fonts {
    files: Vec<(Face, String, Vec<u8>)>,
    metrics: Vec<(Face, EmbeddedFont)>,
}

/// Where a face's file is looked up: an environment variable, else a file in the
/// Debian `fonts-dejavu-core` directory.
const FONT_FILES: [(Face, &str, &str); 3] = [
    (Face::Regular, "KVITAS_SAMPLE_FONT", "DejaVuSans.ttf"),
    (Face::Bold, "KVITAS_SAMPLE_FONT_BOLD", "DejaVuSans-Bold.ttf"),
    (Face::Mono, "KVITAS_SAMPLE_FONT_MONO", "DejaVuSansMono.ttf"),
];
const DEJAVU_DIR: &str = "/usr/share/fonts/truetype/dejavu";

impl Fonts {
    /// Loads the three faces. A missing file is an error that names the variable
    /// to set, because without an embedded Unicode font the Lithuanian and Danish
    /// letters would not survive in the text layer.
    pub fn load() -> Result<Fonts> {
        let mut files = Vec::new();
        let mut metrics = Vec::new();
        for (face, variable, file) in FONT_FILES {
            let path =
                std::env::var_os(variable).map(PathBuf::from).unwrap_or_else(|| PathBuf::from(DEJAVU_DIR).join(file));
            let bytes = std::fs::read(&path).with_context(|| {
                format!(
                    "cannot read the font {} ({file}); install the Debian package fonts-dejavu-core \
                     or point {variable} at a TrueType font with Lithuanian and Danish letters",
                    path.display()
                )
            })?;
            let parsed = EmbeddedFont::from_data(Some(file.trim_end_matches(".ttf").to_string()), bytes.clone())
                .map_err(|e| anyhow!("{} is not a usable TrueType font: {e}", path.display()))?;
            // The file name (DejaVuSans-Bold…) becomes the font's PDF name,
            // since the writer cannot always read the PostScript name.
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            let name: String = stem.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
            files.push((face, name, bytes));
            metrics.push((face, parsed));
        }
        Ok(Fonts { files, metrics })
    }

    fn metric(&self, face: Face) -> &EmbeddedFont {
        let found = self.metrics.iter().find(|(f, _)| *f == face);
        &found.expect("every face is loaded by Fonts::load").1
    }

    /// The advance width of `text` in points.
    pub fn width(&self, face: Face, size: f32, text: &str) -> f32 {
        self.metric(face).text_width(text, size)
    }

    /// Breaks `text` at spaces into lines no wider than `max_width`. A single
    /// word wider than the line stays whole rather than being cut.
    pub fn wrap(&self, face: Face, size: f32, text: &str, max_width: f32) -> Vec<String> {
        let mut lines: Vec<String> = Vec::new();
        let mut current = String::new();
        for word in text.split_whitespace() {
            let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
            if !current.is_empty() && self.width(face, size, &candidate) > max_width {
                lines.push(std::mem::replace(&mut current, word.to_string()));
            } else {
                current = candidate;
            }
        }
        if !current.is_empty() {
            lines.push(current);
        }
        lines
    }
}

#[derive(Debug, Clone)]
enum Op {
    Text { x: f32, y: f32, size: f32, face: Face, gray: f32, text: String },
    Fill { x: f32, y: f32, w: f32, h: f32, gray: f32 },
}

/// One page under construction. `y` values are baselines (for text) or top
/// edges (for rectangles), measured downwards from the top of the page.
#[derive(Debug, Clone)]
pub struct Page {
    pub width: f32,
    pub height: f32,
    ops: Vec<Op>,
}

impl Page {
    pub fn new((width, height): (f32, f32)) -> Page {
        Page { width, height, ops: Vec::new() }
    }

    /// Left-aligned text.
    pub fn text(&mut self, x: f32, y: f32, size: f32, face: Face, text: &str) {
        self.gray_text(x, y, size, face, 0.0, text);
    }

    /// Left-aligned text in a shade of gray (0 is black).
    pub fn gray_text(&mut self, x: f32, y: f32, size: f32, face: Face, gray: f32, text: &str) {
        if text.is_empty() {
            return;
        }
        self.ops.push(Op::Text { x, y, size, face, gray, text: text.to_string() });
    }

    /// Text whose right edge is at `right`.
    pub fn text_right(&mut self, fonts: &Fonts, right: f32, y: f32, size: f32, face: Face, text: &str) {
        let x = right - fonts.width(face, size, text);
        self.text(x, y, size, face, text);
    }

    /// Text centred on `center`.
    pub fn text_center(&mut self, fonts: &Fonts, center: f32, y: f32, size: f32, face: Face, text: &str) {
        let x = center - fonts.width(face, size, text) / 2.0;
        self.text(x, y, size, face, text);
    }

    /// A filled rectangle; thin ones serve as rules.
    pub fn fill(&mut self, x: f32, y: f32, w: f32, h: f32, gray: f32) {
        self.ops.push(Op::Fill { x, y, w, h, gray });
    }

    /// A horizontal rule of the given thickness.
    pub fn rule(&mut self, x: f32, y: f32, w: f32, thickness: f32, gray: f32) {
        self.fill(x, y - thickness / 2.0, w, thickness, gray);
    }
}

/// Document information written into the PDF.
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
    pub subject: &'a str,
}

/// Writes the pages as a PDF with the fonts embedded (subset) and returns the
/// parsed file, ready for post-processing and serialisation.
pub fn build_pdf(fonts: &Fonts, pages: &[Page], meta: &Meta) -> Result<RawPdf> {
    let mut config = PdfWriterConfig::default()
        .with_compress(true)
        .with_title(meta.title)
        .with_author(meta.author)
        .with_subject(meta.subject);
    config.creator = Some("kvitas make_samples".to_string());
    let mut writer = PdfWriter::with_config(config);
    // Only faces that some page uses are registered: the writer embeds every
    // registered font, and an empty subset would be dead weight.
    let used = |face: Face| {
        let mut ops = pages.iter().flat_map(|p| &p.ops);
        ops.any(|op| matches!(op, Op::Text { face: f, .. } if *f == face))
    };
    let mut resources = Vec::new();
    for (face, name, bytes) in fonts.files.iter().filter(|(face, _, _)| used(*face)) {
        let font = EmbeddedFont::from_data(Some(name.clone()), bytes.clone()).map_err(|e| anyhow!("font: {e}"))?;
        resources.push((*face, writer.register_embedded_font(font)));
    }
    let resource = |face: Face| {
        let found = resources.iter().find(|(f, _)| *f == face);
        found.expect("every face is registered").1.clone()
    };
    for page in pages {
        let mut builder = writer.add_page(page.width, page.height);
        for op in &page.ops {
            match op {
                Op::Text { x, y, size, face, gray, text } => {
                    if *gray > 0.0 {
                        builder.set_fill_color(*gray, *gray, *gray);
                    }
                    builder.add_embedded_text(text, *x, page.height - y, &resource(*face), *size);
                    if *gray > 0.0 {
                        builder.set_fill_color(0.0, 0.0, 0.0);
                    }
                }
                Op::Fill { x, y, w, h, gray } => {
                    builder.fill_rect_colored(*x, page.height - y - h, *w, *h, *gray, *gray, *gray);
                }
            }
        }
    }
    let bytes = writer.finish().context("pdf_oxide could not write the PDF")?;
    let mut pdf = RawPdf::parse(&bytes)?;
    pdf.drop_unused_standard_fonts()?;
    Ok(pdf)
}
