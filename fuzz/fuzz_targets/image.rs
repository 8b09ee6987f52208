//! Image decoding within limits (JPEG, PNG, TIFF, WebP by content).
#![no_main]

use kvitas_extract::{Limits, detect, image_input};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_pixels: 4_000_000, ..Limits::default() };
    if let Ok(kind) = detect::detect_kind(data) {
        if kind.is_image() {
            let _ = image_input::decode(kind, data, &limits);
        }
    }
});
