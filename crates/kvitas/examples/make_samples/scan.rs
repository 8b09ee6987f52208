//! Turning generated pages into "scans" and "photos".
//!
//! A page is rendered by pdf_oxide, converted to grayscale and then degraded the
//! way a cheap scanner or a phone camera degrades paper: the contrast shrinks,
//! the light is uneven, the sheet sits slightly askew, the optics blur and the
//! sensor adds grain. Every random choice comes from a seeded ChaCha stream, so
//! the same seed always gives the same pixels.

use anyhow::{Context, Result};
use image::codecs::jpeg::{JpegEncoder, PixelDensity};
use image::codecs::png::{CompressionType, FilterType, PngEncoder};
use image::{ExtendedColorType, GrayImage, ImageEncoder, Luma};
use pdf_oxide::PdfDocument;
use pdf_oxide::rendering::{RenderOptions, render_page};
use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{RngCore, SeedableRng};

use crate::pdfobj::{RawPdf, stream, text_string};

/// Renders one page of a PDF to a grayscale image at `dpi`.
pub fn render_gray(pdf: &[u8], page: usize, dpi: u32) -> Result<GrayImage> {
    let doc = PdfDocument::from_bytes(pdf.to_vec()).context("pdf_oxide cannot reopen the generated PDF")?;
    let rendered = render_page(&doc, page, &RenderOptions::with_dpi(dpi).as_raw())
        .with_context(|| format!("cannot render page {}", page + 1))?;
    // The background is opaque white, so premultiplied and straight RGBA agree.
    let luma = rendered
        .data
        .chunks_exact(4)
        .map(|p| ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8)
        .collect();
    GrayImage::from_raw(rendered.width, rendered.height, luma).context("rendered page has the wrong size")
}

/// How a page is degraded.
#[derive(Debug, Clone, Copy)]
pub struct Look {
    pub seed: u64,
    /// Rotation in degrees, counter-clockwise.
    pub angle: f32,
    /// Gaussian blur radius (sigma) in pixels.
    pub blur: f32,
    /// Standard deviation of the sensor grain, in gray levels.
    pub grain: f32,
    /// Darkest ink and brightest paper after the contrast is squeezed.
    pub ink: u8,
    pub paper: u8,
    /// How much darker the far corner is than the near one (0..1).
    pub shading: f32,
    /// Standard deviation of blotchy, low-frequency noise (uneven paper and
    /// sensor), in gray levels. Unlike grain it costs little in a PNG.
    pub mottle: f32,
    /// Fraction of pixels that catch a dark speck of dust.
    pub specks: f32,
}

/// A seeded source of uniform and normal numbers.
struct Noise(ChaCha8Rng);

impl Noise {
    fn uniform(&mut self) -> f32 {
        // 24 random bits are exactly representable in an f32 mantissa.
        (self.0.next_u32() >> 8) as f32 / (1u32 << 24) as f32
    }

    /// A standard normal number by the Box-Muller transform.
    fn normal(&mut self) -> f32 {
        let u = self.uniform().max(1e-7);
        let v = self.uniform();
        (-2.0 * u.ln()).sqrt() * (std::f32::consts::TAU * v).cos()
    }
}

/// Applies `look` to a clean page.
pub fn degrade(page: &GrayImage, look: &Look) -> GrayImage {
    let (w, h) = page.dimensions();
    let (ink, paper) = (f32::from(look.ink), f32::from(look.paper));
    let diagonal = ((w * w + h * h) as f32).sqrt();
    // Squeeze the contrast and darken towards one corner, as a lid that does
    // not close flat lets light fall off across the glass.
    let lit = GrayImage::from_fn(w, h, |x, y| {
        let level = ink + (paper - ink) * f32::from(page.get_pixel(x, y)[0]) / 255.0;
        let distance = ((x * x + y * y) as f32).sqrt() / diagonal;
        Luma([(level * (1.0 - look.shading * distance)).round().clamp(0.0, 255.0) as u8])
    });
    let tilted = rotate(&lit, look.angle);
    let blurred = if look.blur > 0.0 { image::imageops::blur(&tilted, look.blur) } else { tilted };
    let mut noise = Noise(ChaCha8Rng::seed_from_u64(look.seed));
    let blotches = Blotches::new(&mut noise, w, h, look.mottle);
    let mut out = blurred;
    for (x, y, pixel) in out.enumerate_pixels_mut() {
        let mut value = f32::from(pixel[0]) + blotches.at(x, y);
        if look.grain > 0.0 {
            value += look.grain * noise.normal();
        }
        if look.specks > 0.0 && noise.uniform() < look.specks {
            value -= 40.0 + 60.0 * noise.uniform();
        }
        pixel[0] = value.round().clamp(0.0, 255.0) as u8;
    }
    out
}

/// Low-frequency noise: random values on a coarse grid, interpolated between.
struct Blotches {
    cell: u32,
    columns: u32,
    values: Vec<f32>,
}

impl Blotches {
    fn new(noise: &mut Noise, w: u32, h: u32, amplitude: f32) -> Blotches {
        let cell = 6;
        let (columns, rows) = (w / cell + 2, h / cell + 2);
        let count = if amplitude > 0.0 { columns * rows } else { 0 };
        let values = (0..count).map(|_| amplitude * noise.normal()).collect();
        Blotches { cell, columns, values }
    }

    fn at(&self, x: u32, y: u32) -> f32 {
        if self.values.is_empty() {
            return 0.0;
        }
        let (gx, gy) = (x / self.cell, y / self.cell);
        let (fx, fy) = ((x % self.cell) as f32 / self.cell as f32, (y % self.cell) as f32 / self.cell as f32);
        let v = |cx: u32, cy: u32| self.values[(cy * self.columns + cx) as usize];
        let top = v(gx, gy) * (1.0 - fx) + v(gx + 1, gy) * fx;
        let bottom = v(gx, gy + 1) * (1.0 - fx) + v(gx + 1, gy + 1) * fx;
        top * (1.0 - fy) + bottom * fy
    }
}

/// Rotates by `degrees` (counter-clockwise) about the centre with bilinear
/// sampling. Uncovered corners repeat the nearest edge pixel, which is paper
/// on a scan and desk on a photo.
fn rotate(img: &GrayImage, degrees: f32) -> GrayImage {
    if degrees == 0.0 {
        return img.clone();
    }
    let (w, h) = img.dimensions();
    let (sin, cos) = degrees.to_radians().sin_cos();
    let (cx, cy) = (w as f32 / 2.0, h as f32 / 2.0);
    let sample = |x: f32, y: f32| -> f32 {
        let x = x.clamp(0.0, (w - 1) as f32);
        let y = y.clamp(0.0, (h - 1) as f32);
        let (x0, y0) = (x.floor() as u32, y.floor() as u32);
        let (x1, y1) = ((x0 + 1).min(w - 1), (y0 + 1).min(h - 1));
        let (fx, fy) = (x - x0 as f32, y - y0 as f32);
        let p = |x, y| f32::from(img.get_pixel(x, y)[0]);
        let top = p(x0, y0) * (1.0 - fx) + p(x1, y0) * fx;
        let bottom = p(x0, y1) * (1.0 - fx) + p(x1, y1) * fx;
        top * (1.0 - fy) + bottom * fy
    };
    GrayImage::from_fn(w, h, |x, y| {
        // Image rows grow downwards, so a counter-clockwise turn on paper maps
        // each output pixel back through the inverse rotation with y flipped.
        let (dx, dy) = (x as f32 - cx, y as f32 - cy);
        let sx = cx + dx * cos - dy * sin;
        let sy = cy + dx * sin + dy * cos;
        Luma([sample(sx, sy).round() as u8])
    })
}

/// Encodes a JFIF JPEG that records its resolution, as scanners do.
pub fn jpeg(img: &GrayImage, quality: u8, dpi: u16) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    let mut encoder = JpegEncoder::new_with_quality(&mut out, quality);
    encoder.set_pixel_density(PixelDensity::dpi(dpi));
    encoder.encode_image(img).context("JPEG encoding failed")?;
    Ok(out)
}

/// Encodes a PNG with a `pHYs` chunk stating `dpi`. The image crate writes no
/// resolution, so the chunk is inserted after the header chunk by hand.
pub fn png(img: &GrayImage, dpi: u32) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Best, FilterType::Adaptive)
        .write_image(img.as_raw(), img.width(), img.height(), ExtendedColorType::L8)
        .context("PNG encoding failed")?;
    // Signature (8 bytes) + IHDR (4 length + 4 type + 13 data + 4 CRC).
    let after_header = 8 + 25;
    anyhow::ensure!(&out[12..16] == b"IHDR", "unexpected PNG layout");
    let per_metre = (f64::from(dpi) / 0.0254).round() as u32;
    let mut chunk_data = b"pHYs".to_vec();
    chunk_data.extend_from_slice(&per_metre.to_be_bytes());
    chunk_data.extend_from_slice(&per_metre.to_be_bytes());
    chunk_data.push(1); // unit: metre
    let mut chunk = 9u32.to_be_bytes().to_vec();
    chunk.extend_from_slice(&chunk_data);
    chunk.extend_from_slice(&crc32(&chunk_data).to_be_bytes());
    out.splice(after_header..after_header, chunk);
    Ok(out)
}

/// The CRC-32 that PNG chunks carry (polynomial 0xEDB88320).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFFu32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xEDB8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

/// Wraps grayscale JPEG pages into a PDF without any text layer, the way a
/// scanner's "scan to PDF" does: one image per page, sized by its resolution.
pub fn image_pdf(pages: &[(Vec<u8>, u32, u32)], dpi: u32, title: &str) -> Vec<u8> {
    let mut pdf = RawPdf::empty();
    let pages_id = pdf.add(Vec::new());
    let mut kids = Vec::new();
    for (jpeg, width, height) in pages {
        let image = pdf.add(stream(
            &format!(
                "/Type /XObject/Subtype /Image/Width {width}/Height {height}/ColorSpace /DeviceGray\
                 /BitsPerComponent 8/Filter /DCTDecode"
            ),
            jpeg,
        ));
        let (w_pt, h_pt) = (points(*width, dpi), points(*height, dpi));
        let content = pdf.add(stream("", format!("q {w_pt} 0 0 {h_pt} 0 0 cm /Im0 Do Q").as_bytes()));
        let page = pdf.add(
            format!(
                "<</Type /Page/Parent {pages_id} 0 R/MediaBox [0 0 {w_pt} {h_pt}]\
                 /Resources <</XObject <</Im0 {image} 0 R>>>>/Contents {content} 0 R>>"
            )
            .into_bytes(),
        );
        kids.push(format!("{page} 0 R"));
    }
    pdf.set(pages_id, format!("<</Type /Pages/Kids [{}]/Count {}>>", kids.join(" "), kids.len()).into_bytes());
    let catalog = format!("<</Type /Catalog/Pages {pages_id} 0 R>>").into_bytes();
    pdf.set(pdf.root(), catalog);
    let info = pdf.add(format!("<</Title {}/Producer (kvitas make_samples)>>", text_string(title)).into_bytes());
    pdf.set_info(info);
    pdf.to_bytes()
}

/// Pixels at `dpi` as PDF points, to two decimals.
fn points(pixels: u32, dpi: u32) -> String {
    format!("{:.2}", f64::from(pixels) * 72.0 / f64::from(dpi))
}
