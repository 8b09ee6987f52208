//! `kvitas scan`: the extraction engine over files and directories.

use std::cell::RefCell;
use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};
use kvitas_extract::{ExtractError, GrayImage, Input, Limits, Ocr, OcrPage, Options};
use kvitas_ocr::Tesseract;
use rayon::prelude::*;

use crate::cli::ScanArgs;
use crate::inputs::{self, DocumentInput};
use crate::ocr_cache::CachedOcr;
use crate::output::{self, ScanResult};

thread_local! {
    /// One OCR engine per worker thread with the languages it was started for,
    /// started on first use and reused for every later page on that thread.
    static ENGINE: RefCell<Option<(String, Result<Tesseract, String>)>> = const { RefCell::new(None) };
}

/// An [`Ocr`] that uses this thread's engine, starting it when first needed, so
/// that documents without scanned pages never pay for starting Tesseract.
pub struct ThreadEngine<'a> {
    /// Languages for the engine, e.g. `lit+eng+dan`.
    lang: &'a str,
    /// The order to read the languages in, when not the configured one.
    preferred: Option<String>,
}

impl<'a> ThreadEngine<'a> {
    /// This thread's engine for the languages `lang` (e.g. `lit+eng+dan`).
    pub fn new(lang: &'a str) -> ThreadEngine<'a> {
        ThreadEngine { lang, preferred: None }
    }
}

impl Ocr for ThreadEngine<'_> {
    fn prefer_language(&mut self, lang: Option<&str>) -> bool {
        let order = lang.map(|l| kvitas_extract::languages_first(self.lang, l)).filter(|o| o != self.lang);
        let changed = order != self.preferred;
        self.preferred = order;
        changed
    }

    fn recognize(&mut self, image: &GrayImage, dpi: Option<u32>) -> Result<OcrPage, ExtractError> {
        ENGINE.with(|cell| {
            let mut slot = cell.borrow_mut();
            if slot.as_ref().is_none_or(|(lang, _)| lang != self.lang) {
                let engine = Tesseract::new(self.lang).map_err(|e| e.to_string());
                *slot = Some((self.lang.to_owned(), engine));
            }
            match slot.as_mut().map(|(_, engine)| engine) {
                Some(Ok(engine)) => {
                    // The thread's engine may have read another document in
                    // another order.
                    let first = self.preferred.as_deref().and_then(|o| o.split('+').next());
                    engine.prefer_language(first);
                    engine.recognize(image, dpi)
                }
                Some(Err(msg)) => Err(ExtractError::Ocr(msg.clone())),
                None => Err(ExtractError::Ocr("no OCR engine".into())),
            }
        })
    }
}

/// Reads one document from disk and extracts it; page readings are kept in and
/// taken from `ocr_cache` when given (see [`crate::ocr_cache`]).
pub fn scan_one(doc: &DocumentInput, opts: &Options, lang: &str, ocr_cache: Option<&Path>) -> ScanResult {
    let result = read_input(doc, &opts.limits).and_then(|input| {
        let engine = ThreadEngine::new(lang);
        let read = match ocr_cache {
            Some(dir) => {
                kvitas_extract::read(input, &mut CachedOcr { inner: engine, dir, lang, preferred: None }, opts)
            }
            None => kvitas_extract::read(input, &mut { engine }, opts),
        };
        read.map_err(anyhow::Error::from)
    });
    ScanResult { source: doc.paths.clone(), result }
}

fn read_input(doc: &DocumentInput, limits: &Limits) -> anyhow::Result<Input> {
    let mut files = Vec::with_capacity(doc.paths.len());
    for p in &doc.paths {
        let size = std::fs::metadata(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?.len();
        limits.check_size(size)?;
        files.push(std::fs::read(p).map_err(|e| anyhow::anyhow!("{}: {e}", p.display()))?);
    }
    Ok(if files.len() == 1 { Input::Bytes(files.remove(0)) } else { Input::Pages(files) })
}

/// Runs `kvitas scan`; exit code 1 when any document failed.
pub fn run(args: &ScanArgs) -> anyhow::Result<ExitCode> {
    let docs = inputs::collect(&args.paths)?;
    let opts = Options {
        limits: Limits { max_file_bytes: args.max_file_mb << 20, max_pages: args.max_pages, ..Limits::default() },
        embedded_xml: !args.no_embedded_xml,
        ..Options::default()
    };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build()?;
    let bar = progress_bar(docs.len() as u64);
    let results: Vec<ScanResult> = pool.install(|| {
        docs.par_iter()
            .map(|d| {
                let r = scan_one(d, &opts, &args.lang, None);
                bar.inc(1);
                r
            })
            .collect()
    });
    bar.finish_and_clear();
    let failed = results.iter().filter(|r| r.result.is_err()).count();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    output::write(&mut out, args.format, &results, args.words)?;
    out.flush()?;
    if failed > 0 {
        eprintln!("{failed} of {} documents failed", results.len());
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {elapsed} elapsed, eta {eta}") {
        bar.set_style(style);
    }
    bar
}
