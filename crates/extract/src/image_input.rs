//! Raster image input: decoding within limits, and the resolution stored in the
//! file (which OCR needs to judge text size).

use std::io::Cursor;

use image::{GrayImage, ImageDecoder, ImageReader};

use crate::detect::InputKind;
use crate::error::ExtractError;
use crate::limits::Limits;

/// A decoded page image with its resolution, when the file states one.
#[derive(Debug, Clone)]
pub struct PageImage {
    /// The grayscale pixels.
    pub image: GrayImage,
    /// Dots per inch from the file header.
    pub dpi: Option<u32>,
}

/// Decodes an image file to grayscale, refusing it before decoding when it has
/// more pixels than allowed.
pub fn decode(kind: InputKind, bytes: &[u8], limits: &Limits) -> Result<PageImage, ExtractError> {
    let name = kind.name();
    let corrupt = |e: image::ImageError| match e {
        image::ImageError::Limits(l) => ExtractError::corrupt(name, format!("decoder limit: {l}")),
        other => ExtractError::corrupt(name, other),
    };
    let mut reader =
        ImageReader::new(Cursor::new(bytes)).with_guessed_format().map_err(|e| ExtractError::corrupt(name, e))?;
    let mut image_limits = image::Limits::default();
    image_limits.max_alloc = Some(limits.max_pixels.saturating_mul(4));
    reader.limits(image_limits);
    let decoder = reader.into_decoder().map_err(corrupt)?;
    let (w, h) = decoder.dimensions();
    limits.check_pixels(u64::from(w), u64::from(h))?;
    let dpi = header_dpi(kind, bytes);
    let image = image::DynamicImage::from_decoder(decoder).map_err(corrupt)?;
    Ok(PageImage { image: image.into_luma8(), dpi })
}

/// The resolution recorded in a JPEG (JFIF) or PNG (pHYs) header.
pub fn header_dpi(kind: InputKind, bytes: &[u8]) -> Option<u32> {
    let dpi = match kind {
        InputKind::Jpeg => jfif_dpi(bytes),
        InputKind::Png => png_dpi(bytes),
        _ => None,
    }?;
    // Values outside this range are placeholders (72, 1) or nonsense.
    (100..=1200).contains(&dpi).then_some(dpi)
}

fn jfif_dpi(bytes: &[u8]) -> Option<u32> {
    let pos = crate::detect::find(&bytes[..bytes.len().min(64)], b"JFIF\0")?;
    let d = bytes.get(pos + 7..pos + 12)?;
    let density = u32::from(u16::from_be_bytes([d[1], d[2]]));
    match d[0] {
        1 => Some(density),
        2 => Some((density as f32 * 2.54).round() as u32),
        _ => None,
    }
}

fn png_dpi(bytes: &[u8]) -> Option<u32> {
    let pos = crate::detect::find(&bytes[..bytes.len().min(4096)], b"pHYs")?;
    let d = bytes.get(pos + 4..pos + 13)?;
    let per_metre = u32::from_be_bytes([d[0], d[1], d[2], d[3]]);
    (d[8] == 1).then(|| (per_metre as f32 * 0.0254).round() as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn images_over_the_pixel_limit_are_refused_before_decoding() {
        let mut png = Vec::new();
        image::GrayImage::new(200, 200).write_to(&mut Cursor::new(&mut png), image::ImageFormat::Png).unwrap();
        let limits = Limits { max_pixels: 10_000, ..Limits::default() };
        let err = decode(InputKind::Png, &png, &limits).unwrap_err();
        assert!(matches!(err, ExtractError::TooManyPixels { width: 200, height: 200, .. }), "{err}");
        assert!(decode(InputKind::Png, &png, &Limits::default()).is_ok());
    }

    #[test]
    fn a_jpeg_with_a_bogus_header_is_a_clear_error() {
        let bytes = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00garbage-after-the-marker";
        let err = decode(InputKind::Jpeg, bytes, &Limits::default()).unwrap_err();
        assert!(err.to_string().starts_with("corrupt jpeg"), "{err}");
    }

    #[test]
    fn jfif_density_gives_the_dpi() {
        let head = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x01\x00\xc8\x00\xc8\x00\x00";
        assert_eq!(header_dpi(InputKind::Jpeg, head), Some(200));
    }
}
