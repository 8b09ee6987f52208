//! An owned Leptonica image, and the few Leptonica operations kvitas needs.

use image::GrayImage;
use leptonica_sys as lept;

/// An owned `PIX`; destroyed on drop.
pub(crate) struct Pix(*mut lept::PIX);

impl Pix {
    /// Copies an 8-bit grayscale image into a new Leptonica image.
    pub(crate) fn from_gray(img: &GrayImage, dpi: Option<u32>) -> Option<Pix> {
        let (w, h) = (i32::try_from(img.width()).ok()?, i32::try_from(img.height()).ok()?);
        // SAFETY: pixCreate returns a zeroed 8 bpp image or null; null is checked.
        let pix = unsafe { lept::pixCreate(w, h, 8) };
        if pix.is_null() {
            return None;
        }
        let pix = Pix(pix);
        // SAFETY: the pix is valid and 8 bpp, so its data holds `wpl * h` words.
        let (wpl, data) = unsafe { (lept::pixGetWpl(pix.0) as usize, lept::pixGetData(pix.0)) };
        if data.is_null() {
            return None;
        }
        // SAFETY: see above; the slice covers exactly the pixel buffer.
        let words = unsafe { std::slice::from_raw_parts_mut(data, wpl * h as usize) };
        for (y, row) in img.rows().enumerate() {
            let line = &mut words[y * wpl..(y + 1) * wpl];
            for (x, p) in row.enumerate() {
                // Leptonica packs 8 bpp pixels into 32-bit words, first pixel in
                // the most significant byte.
                line[x / 4] |= u32::from(p.0[0]) << (24 - 8 * (x % 4));
            }
        }
        if let Some(d) = dpi.and_then(|d| i32::try_from(d).ok()) {
            // SAFETY: valid pix.
            unsafe { lept::pixSetResolution(pix.0, d, d) };
        }
        Some(pix)
    }

    /// Copies an 8-bit image back out of Leptonica; `None` for other depths.
    pub(crate) fn to_gray(&self) -> Option<GrayImage> {
        // SAFETY: valid pix.
        if unsafe { lept::pixGetDepth(self.0) } != 8 {
            return None;
        }
        let (w, h) = (self.width(), self.height());
        // SAFETY: the pix is valid and 8 bpp, so its data holds `wpl * h` words.
        let (wpl, data) = unsafe { (lept::pixGetWpl(self.0) as usize, lept::pixGetData(self.0)) };
        if data.is_null() {
            return None;
        }
        // SAFETY: see above; the slice covers exactly the pixel buffer and is
        // only read while `self` is borrowed.
        let words = unsafe { std::slice::from_raw_parts(data, wpl * h as usize) };
        Some(GrayImage::from_fn(w, h, |x, y| {
            let word = words[y as usize * wpl + x as usize / 4];
            image::Luma([(word >> (24 - 8 * (x % 4))) as u8])
        }))
    }

    pub(crate) fn as_ptr(&self) -> *mut lept::PIX {
        self.0
    }

    pub(crate) fn width(&self) -> u32 {
        // SAFETY: valid pix.
        unsafe { lept::pixGetWidth(self.0) }.max(0) as u32
    }

    pub(crate) fn height(&self) -> u32 {
        // SAFETY: valid pix.
        unsafe { lept::pixGetHeight(self.0) }.max(0) as u32
    }

    /// Finds the skew angle (degrees) and returns the straightened image, or
    /// `None` when no confident angle was found or the page is straight.
    pub(crate) fn deskewed(&self) -> Option<(Pix, f32)> {
        let (mut angle, mut conf) = (0f32, 0f32);
        // SAFETY: valid pix; zero arguments select Leptonica's defaults; the
        // result is a new image (or a clone) owned by the caller, or null.
        let out = unsafe { lept::pixDeskewGeneral(self.0, 0, 0.0, 0.0, 0, 0, &mut angle, &mut conf) };
        if out.is_null() {
            return None;
        }
        let out = Pix(out);
        (angle.abs() >= 0.05 && conf > 0.0).then_some((out, angle))
    }

    /// The page with its paper brought to one shade (Leptonica's background
    /// normalisation with its default tiles; paper becomes 200), so that print
    /// lighter than a photo's dark surroundings stands apart from the paper.
    pub(crate) fn background_normalized(&self) -> Option<Pix> {
        // SAFETY: valid 8 bpp pix; null mask and gray map select the defaults;
        // the result is a new image owned by the caller, or null.
        let out = unsafe { lept::pixBackgroundNormSimple(self.0, std::ptr::null_mut(), std::ptr::null_mut()) };
        (!out.is_null()).then_some(Pix(out))
    }

    /// The image turned clockwise by `quarters` quarter turns.
    pub(crate) fn rotated(&self, quarters: i32) -> Option<Pix> {
        // SAFETY: valid pix; the result is a new image or null.
        let out = unsafe { lept::pixRotateOrth(self.0, quarters.rem_euclid(4)) };
        (!out.is_null()).then_some(Pix(out))
    }
}

impl Drop for Pix {
    fn drop(&mut self) {
        // SAFETY: we own the only reference; pixDestroy nulls the pointer.
        unsafe { lept::pixDestroy(&mut self.0) };
    }
}
