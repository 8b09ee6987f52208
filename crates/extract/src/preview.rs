//! Page pictures for people: one page of a PDF or image input as a PNG no
//! larger than asked, for showing a document beside its fields.

use std::io::Cursor;

use image::DynamicImage;
use image::imageops::FilterType;

use crate::detect::{InputKind, detect};
use crate::error::ExtractError;
use crate::image_input;
use crate::limits::Limits;
use crate::pdf::Pdf;

/// Resolution PDF pages are drawn at before scaling down.
const PDF_DPI: u32 = 110;

/// The pages of a document and, when the page asked for exists, its picture.
#[derive(Debug, Clone)]
pub struct Preview {
    /// Pages in the document (0 for e-invoices and text receipts, which have none).
    pub page_count: usize,
    /// The page as PNG, at most `max_side` pixels wide and high; `None` when
    /// the page does not exist.
    pub png: Option<Vec<u8>>,
}

/// Draws page `page` (0-based) of `bytes`.
pub fn page_png(bytes: Vec<u8>, page: usize, max_side: u32, limits: &Limits) -> Result<Preview, ExtractError> {
    let detected = detect(bytes, limits)?;
    let kind = detected.kind;
    let (page_count, picture) = if kind == InputKind::Pdf {
        let pdf = Pdf::open(detected.bytes, limits)?;
        let count = pdf.page_count();
        let picture = if page < count { Some(pdf.render(page, PDF_DPI, limits)?) } else { None };
        (count, picture)
    } else if kind.is_image() {
        let picture = (page == 0)
            .then(|| image_input::decode(kind, &detected.bytes, limits).map(|p| DynamicImage::ImageLuma8(p.image)))
            .transpose()?;
        (1, picture)
    } else {
        (0, None)
    };
    let png = picture.map(|p| encode(shrink(p, max_side))).transpose()?;
    Ok(Preview { page_count, png })
}

fn shrink(picture: DynamicImage, max_side: u32) -> DynamicImage {
    if picture.width().max(picture.height()) <= max_side {
        picture
    } else {
        picture.resize(max_side, max_side, FilterType::Triangle)
    }
}

fn encode(picture: DynamicImage) -> Result<Vec<u8>, ExtractError> {
    let mut out = Cursor::new(Vec::new());
    picture.write_to(&mut out, image::ImageFormat::Png).map_err(|e| ExtractError::corrupt("png", e))?;
    Ok(out.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_of(w: u32, h: u32) -> Vec<u8> {
        let img = DynamicImage::ImageLuma8(image::GrayImage::from_pixel(w, h, image::Luma([200])));
        encode(img).unwrap()
    }

    #[test]
    fn an_image_has_one_page_scaled_to_fit() {
        let preview = page_png(png_of(3000, 1000), 0, 1200, &Limits::default()).unwrap();
        assert_eq!(preview.page_count, 1);
        let out = image::load_from_memory(&preview.png.unwrap()).unwrap();
        assert_eq!((out.width(), out.height()), (1200, 400));
        assert!(page_png(png_of(10, 10), 1, 1200, &Limits::default()).unwrap().png.is_none());
    }

    #[test]
    fn an_einvoice_has_no_pages() {
        let xml = br#"<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>"#.to_vec();
        let preview = page_png(xml, 0, 1200, &Limits::default()).unwrap();
        assert_eq!(preview.page_count, 0);
        assert!(preview.png.is_none());
    }
}
