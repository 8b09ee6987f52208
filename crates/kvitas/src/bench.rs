//! `kvitas bench`: reading speed on corpus files, against the usual command-line
//! tools measured on the same files in the same run.
//!
//! Two sets: born-digital PDFs (kvitas's text-layer reader against `pdftotext`)
//! and scanned page images (kvitas's OCR against the `tesseract` command). Both
//! sides run one document at a time on one core, so the ratio compares the
//! readers and not the parallelism; kvitas's multi-core throughput is printed
//! as a separate line.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use kvitas_extract::{Extraction, Input, KnownSupplier, Options};
use rayon::prelude::*;

use crate::scan::ThreadEngine;

/// Arguments of `kvitas bench`.
#[derive(Debug, Clone, clap::Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct BenchArgs {
    /// Measure the service instead of reading speed.
    #[command(subcommand)]
    pub service: Option<crate::bench_service::BenchCommand>,
    /// The evaluation corpus (its `synthetic/` folder is used).
    #[arg(long, default_value = "../shared/corpus")]
    pub corpus: PathBuf,
    /// Born-digital PDFs to read.
    #[arg(long, default_value_t = 40)]
    pub pdfs: usize,
    /// Scanned page images to read.
    #[arg(long, default_value_t = 12)]
    pub scans: usize,
    /// OCR languages, for kvitas and for the tesseract command alike.
    #[arg(long, default_value = "lit+eng+dan")]
    pub lang: String,
}

/// One timed run over a set.
struct Timing {
    pages: usize,
    elapsed: Duration,
}

impl Timing {
    fn pages_per_second(&self) -> f64 {
        self.pages as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

fn files(dir: &Path, suffix: &str, n: usize) -> anyhow::Result<Vec<PathBuf>> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| anyhow::anyhow!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .collect();
    v.sort();
    v.truncate(n);
    anyhow::ensure!(!v.is_empty(), "no *{suffix} files in {}", dir.display());
    Ok(v)
}

/// Reads each file with kvitas on this thread; returns pages read and time.
fn kvitas_serial(files: &[PathBuf], opts: &Options, lang: &str) -> anyhow::Result<Timing> {
    let mut ocr = ThreadEngine::new(lang);
    // Start the OCR engine before the clock, as a running service has it started.
    if files.iter().any(|f| !f.to_string_lossy().ends_with(".pdf")) {
        let _ = kvitas_extract::Ocr::recognize(&mut ocr, &kvitas_extract::GrayImage::new(64, 64), None);
    }
    let start = Instant::now();
    let mut pages = 0;
    for f in files {
        let x = kvitas_extract::read(Input::Bytes(std::fs::read(f)?), &mut ocr, opts)?;
        pages += x.document.pages.len();
    }
    Ok(Timing { pages, elapsed: start.elapsed() })
}

fn kvitas_parallel(files: &[PathBuf], opts: &Options, lang: &str) -> anyhow::Result<Timing> {
    let start = Instant::now();
    let pages: anyhow::Result<Vec<usize>> = files
        .par_iter()
        .map(|f| {
            let mut ocr = ThreadEngine::new(lang);
            let x = kvitas_extract::read(Input::Bytes(std::fs::read(f)?), &mut ocr, opts)?;
            Ok(x.document.pages.len())
        })
        .collect();
    Ok(Timing { pages: pages?.iter().sum(), elapsed: start.elapsed() })
}

/// The files' extractions from their text layers (no OCR).
fn read_text_layers(files: &[PathBuf], opts: &Options) -> anyhow::Result<Vec<Extraction>> {
    files
        .iter()
        .map(|f| Ok(kvitas_extract::read(Input::Bytes(std::fs::read(f)?), &mut kvitas_extract::NoOcr, opts)?))
        .collect()
}

/// Time spent choosing fields on pages that were already read, over all
/// documents: the median of [`PASSES`] passes, as one pass over a few dozen
/// pages is at the mercy of whatever else the machine does meanwhile.
fn extraction_time(read: &[Extraction]) -> (usize, Duration) {
    let mut passes: Vec<Duration> = (0..PASSES)
        .map(|_| {
            let start = Instant::now();
            for x in read {
                std::hint::black_box(kvitas_extract::layout::extract(&x.document));
            }
            start.elapsed()
        })
        .collect();
    passes.sort();
    (read.iter().map(|x| x.document.pages.len()).sum(), passes[passes.len() / 2])
}

/// How many times field extraction is timed over the same pages.
const PASSES: usize = 5;

/// How many confirmed suppliers recognition is timed against: what a worker
/// reads with at most.
const KNOWN_SUPPLIERS: u32 = crate::worker::KNOWN_SUPPLIERS;

/// [`KNOWN_SUPPLIERS`] known suppliers: the party names of the set's truth
/// files, numbered to make that many.
fn known_suppliers(dir: &Path) -> anyhow::Result<Vec<KnownSupplier>> {
    let mut names = Vec::new();
    for truth in files(dir, ".json", usize::MAX)? {
        let data: kvitas_extract::InvoiceData =
            serde_json::from_slice(&std::fs::read(&truth)?).map_err(|e| anyhow::anyhow!("{}: {e}", truth.display()))?;
        names.extend([data.supplier, data.buyer].into_iter().flatten().filter_map(|p| p.name));
    }
    anyhow::ensure!(!names.is_empty(), "no party names in the truth files of {}", dir.display());
    Ok((0..KNOWN_SUPPLIERS as usize)
        .map(|i| KnownSupplier {
            name: format!("{} {}", names[i % names.len()], i / names.len()),
            ..Default::default()
        })
        .collect())
}

/// Time spent recognising the documents' suppliers among `known`.
/// `as_ocr`: each extraction is taken as read by OCR, where every known name
/// is compared, not only looked up.
fn recognition_time(read: &[Extraction], known: &[KnownSupplier], as_ocr: bool) -> Duration {
    let mut copies = read.to_vec();
    if as_ocr {
        copies.iter_mut().for_each(|x| x.reader = "ocr");
    }
    let start = Instant::now();
    for x in &mut copies {
        kvitas_extract::suppliers::recognise(x, known);
    }
    start.elapsed()
}

/// Runs a command once per file; `None` when the tool is not installed.
fn tool_serial(files: &[PathBuf], pages: usize, command: impl Fn(&Path) -> Command) -> Option<Timing> {
    let start = Instant::now();
    for f in files {
        let status = command(f).stdout(Stdio::null()).stderr(Stdio::null()).status().ok()?;
        if !status.success() {
            return None;
        }
    }
    Some(Timing { pages, elapsed: start.elapsed() })
}

fn report(set: &str, ours: &Timing, parallel: &Timing, tool: &str, theirs: Option<&Timing>) {
    println!("{set}: {} pages", ours.pages);
    println!("  kvitas, 1 core          {:>8.1} pages/s  ({:.1} ms/page)", ours.pages_per_second(), ms_per_page(ours));
    match theirs {
        Some(t) => {
            println!("  {tool:<23} {:>8.1} pages/s  ({:.1} ms/page)", t.pages_per_second(), ms_per_page(t));
            println!("  ratio kvitas / {tool}: {:.2}x", ours.pages_per_second() / t.pages_per_second());
        }
        None => println!("  {tool}: not available (install it to compare)"),
    }
    let cores = rayon::current_num_threads();
    println!("  kvitas, {cores} threads       {:>8.1} pages/s", parallel.pages_per_second());
}

fn ms_per_page(t: &Timing) -> f64 {
    t.elapsed.as_secs_f64() * 1000.0 / t.pages.max(1) as f64
}

/// Runs `kvitas bench`.
pub fn run(args: &BenchArgs) -> anyhow::Result<()> {
    if let Some(command) = &args.service {
        return crate::bench_service::run(command);
    }
    if cfg!(debug_assertions) {
        eprintln!("warning: this is a debug build; build with --release for meaningful figures");
    }
    let dir = args.corpus.join("synthetic");
    let opts = Options { embedded_xml: false, ..Options::default() };

    let pdfs = files(&dir, ".pdf", args.pdfs)?;
    let ours = kvitas_serial(&pdfs, &opts, &args.lang)?;
    let parallel = kvitas_parallel(&pdfs, &opts, &args.lang)?;
    let theirs = tool_serial(&pdfs, ours.pages, |f| {
        let mut c = Command::new("pdftotext");
        c.arg("-layout").arg(f).arg("-");
        c
    });
    report("digital PDFs (text layer)", &ours, &parallel, "pdftotext", theirs.as_ref());
    let read = read_text_layers(&pdfs, &opts)?;
    let (pages, field_time) = extraction_time(&read);
    let field_ms = field_time.as_secs_f64() * 1000.0;
    println!(
        "  of which field extraction {:>5.2} ms/page (layout on already-read pages; median of {PASSES} passes)",
        field_ms / pages.max(1) as f64
    );
    let known = known_suppliers(&dir)?;
    for (how, as_ocr) in [("as read (text layer)", false), ("as if read by OCR", true)] {
        let per_document = recognition_time(&read, &known, as_ocr).as_secs_f64() * 1000.0 / read.len().max(1) as f64;
        println!(
            "  supplier recognition among {KNOWN_SUPPLIERS} known suppliers, {how}: {per_document:.2} ms/document \
             ({:.2}x field extraction per page)",
            per_document * pages as f64 / field_ms.max(1e-9)
        );
    }

    let scans = files(&dir, ".jpg", args.scans)?;
    let ours = kvitas_serial(&scans, &opts, &args.lang)?;
    let parallel = kvitas_parallel(&scans, &opts, &args.lang)?;
    let theirs = tool_serial(&scans, ours.pages, |f| {
        let mut c = Command::new("tesseract");
        c.arg(f).arg("-").arg("-l").arg(&args.lang).env("OMP_THREAD_LIMIT", "1");
        c
    });
    report("scanned pages (OCR)", &ours, &parallel, "tesseract CLI", theirs.as_ref());
    Ok(())
}
