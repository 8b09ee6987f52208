//! HTML and plain-text reading.
#![no_main]

use kvitas_extract::html;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = html::read_html(text);
        let _ = html::read_text(text);
    }
});
