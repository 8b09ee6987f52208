//! The PDF reader: opening, the embedded e-invoice, and each page's text layer.
//! A panic of the PDF library inside kvitas's containment is an error for the
//! file, not a crash, so the fuzzer's abort-on-panic hook lets those through;
//! any other panic still aborts and is reported.
#![no_main]

use kvitas_extract::{Limits, guard::in_contained_call, pdf::Pdf};
use libfuzzer_sys::fuzz_target;

fuzz_target!(
    init: {
        let abort_on_panic = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !in_contained_call() {
                abort_on_panic(info);
            }
        }));
    },
    |data: &[u8]| {
        let limits = Limits { max_pages: 8, ..Limits::default() };
        if let Ok(pdf) = Pdf::open(data.to_vec(), &limits) {
            let _ = pdf.embedded_einvoice();
            for i in 0..pdf.page_count() {
                let _ = pdf.text_page(i);
            }
        }
    }
);
