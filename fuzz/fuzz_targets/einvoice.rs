//! The e-invoice mapper on arbitrary XML, as each of the four kinds.
#![no_main]

use kvitas_extract::{InputKind, einvoice};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    for kind in [InputKind::UblInvoice, InputKind::UblCreditNote, InputKind::Cii, InputKind::Zugferd1] {
        let _ = einvoice::read(kind, data);
    }
});
