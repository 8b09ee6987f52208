//! Drawing test pages.

use image::{GrayImage, Luma};

/// Paints the rectangle `x` × `y` of `img` in `shade`.
pub(crate) fn fill(img: &mut GrayImage, x: std::ops::Range<u32>, y: std::ops::Range<u32>, shade: u8) {
    for yy in y {
        for xx in x.clone() {
            img.put_pixel(xx, yy, Luma([shade]));
        }
    }
}
