//! Detection and gzip unwrapping on arbitrary bytes.
#![no_main]

use kvitas_extract::{Limits, detect};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let limits = Limits { max_decompressed_bytes: 8 << 20, ..Limits::default() };
    let _ = detect::detect(data.to_vec(), &limits);
});
