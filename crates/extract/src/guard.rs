//! Containing failures of third-party readers.
//!
//! The PDF library is large and parses hostile input; when it panics on a file
//! (a bug of the library, found by fuzzing) the panic must not take the process
//! down with it. Calls into it run inside [`contained`], which turns a panic
//! into a `Corrupt` error for that one file. While such a call runs,
//! [`in_contained_call`] is true, so that a program's panic hook can stay quiet
//! about a failure that is reported as an error anyway.

use std::cell::Cell;
use std::panic::{AssertUnwindSafe, catch_unwind};

use crate::error::ExtractError;

thread_local! {
    static CONTAINED: Cell<bool> = const { Cell::new(false) };
}

/// True while this thread runs inside [`contained`].
pub fn in_contained_call() -> bool {
    CONTAINED.with(Cell::get)
}

/// Runs `f`; a panic inside it becomes `ExtractError::Corrupt` for `kind`.
pub fn contained<T>(kind: &'static str, f: impl FnOnce() -> Result<T, ExtractError>) -> Result<T, ExtractError> {
    let outer = CONTAINED.with(|c| c.replace(true));
    // The closure's captures are not used after a panic: the value that might be
    // left half-updated is dropped with the error.
    let result = catch_unwind(AssertUnwindSafe(f));
    CONTAINED.with(|c| c.set(outer));
    result.unwrap_or_else(|payload| {
        let reason = payload
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown failure".to_owned());
        Err(ExtractError::corrupt(kind, format!("the {kind} reader failed on this file ({reason})")))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_inside_becomes_an_error_and_the_flag_is_restored() {
        let prev = std::panic::take_hook();
        std::panic::set_hook(Box::new(|_| {}));
        let r: Result<(), _> = contained("pdf", || {
            assert!(in_contained_call());
            panic!("byte index 3 is not a char boundary")
        });
        std::panic::set_hook(prev);
        let err = r.unwrap_err().to_string();
        assert!(err.contains("the pdf reader failed on this file (byte index 3"), "{err}");
        assert!(!in_contained_call());
    }
}
