//! The `kvitas` command: parses the command line and dispatches.

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    kvitas::ocr_env::limit_openmp_threads();
    // A reader that fails inside a contained call is reported as that file's
    // error; only panics outside such calls are printed.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !kvitas_extract::guard::in_contained_call() {
            default_hook(info);
        }
    }));
    let cli = kvitas::cli::Cli::parse();
    match kvitas::cli::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
