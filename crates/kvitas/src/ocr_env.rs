//! Process environment the OCR engine needs.

/// Makes Tesseract single-threaded inside each page.
///
/// Debian's Tesseract parallelises parts of recognition with OpenMP. kvitas
/// already runs one engine per core, and the two kinds of parallelism fight:
/// pages get about twice as slow. OpenMP reads `OMP_THREAD_LIMIT` only when the
/// library is loaded, before `main`, so when it is unset the process starts
/// itself again with it set. Nothing has run yet, so this is invisible to users.
pub fn limit_openmp_threads() {
    #[cfg(unix)]
    {
        use std::os::unix::process::CommandExt;
        if std::env::var_os("OMP_THREAD_LIMIT").is_some() {
            return;
        }
        let Ok(exe) = std::env::current_exe() else { return };
        let err = std::process::Command::new(exe).args(std::env::args_os().skip(1)).env("OMP_THREAD_LIMIT", "1").exec();
        // exec only returns on failure; carry on with OpenMP's default then.
        eprintln!("warning: could not restart with OMP_THREAD_LIMIT=1: {err}");
    }
}
