//! Command-line definitions and dispatch.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

/// kvitas: invoice and receipt digitization.
#[derive(Debug, Parser)]
#[command(name = "kvitas", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract accounting data from files and directories, without a server.
    Scan(ScanArgs),
    /// Measure reading speed on corpus files against pdftotext and tesseract.
    Bench(crate::bench::BenchArgs),
    /// Score extraction on corpus folders (truth X.json beside inputs X.pdf, X.xml…).
    Eval(crate::eval::EvalArgs),
    /// Run the HTTP API with its workers.
    Serve(crate::serve::ServeArgs),
    /// Run workers only, sharing the database of a `kvitas serve`.
    Worker(crate::serve::WorkerArgs),
    /// Create, list and revoke API keys.
    #[command(subcommand)]
    Keys(crate::serve::KeysCommand),
}

/// Output formats of `kvitas scan`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A JSON array, pretty-printed.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// One row per document with the header fields.
    Csv,
}

/// Arguments of `kvitas scan`.
#[derive(Debug, Clone, clap::Args)]
pub struct ScanArgs {
    /// Files and directories (read recursively). Page images named X.p1.jpg,
    /// X.p2.jpg… form one document.
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Json)]
    pub format: Format,
    /// OCR languages, Tesseract style.
    #[arg(long, default_value = "lit+eng+dan")]
    pub lang: String,
    /// Ignore e-invoice XML embedded in PDFs and read the visible pages instead.
    #[arg(long)]
    pub no_embedded_xml: bool,
    /// Include the pages with every word, its box and confidence.
    #[arg(long)]
    pub words: bool,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Largest input file in MiB.
    #[arg(long, default_value_t = 50)]
    pub max_file_mb: u64,
    /// Most pages read from one document.
    #[arg(long, default_value_t = 100)]
    pub max_pages: usize,
}

/// Runs a parsed command line and returns the process exit code.
pub fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    match cli.command {
        Command::Scan(args) => crate::scan::run(&args),
        Command::Bench(args) => crate::bench::run(&args).map(|()| ExitCode::SUCCESS),
        Command::Eval(args) => crate::eval::run(&args),
        Command::Serve(args) => crate::serve::serve(&args),
        Command::Worker(args) => crate::serve::worker(&args),
        Command::Keys(cmd) => crate::serve::keys(&cmd),
    }
}
