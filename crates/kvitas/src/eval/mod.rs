//! `kvitas eval`: reads corpus folders and scores the results against their truth.
//!
//! A corpus folder holds `X.json` (the truth) beside one or more inputs with the
//! same stem (`X.pdf`, `X.xml`, page images `X.p1.jpg`, `X.p2.jpg`…). Every input
//! is a document of its own, scored against the shared truth with the rules of
//! [`kvitas_extract::score`]. The report groups the scores by input kind and
//! folder; floors on the overall figures turn the run into a pass/fail gate.

mod report;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Context;
use indicatif::ProgressBar;
use kvitas_extract::score;
use kvitas_extract::{Extraction, KnownSupplier, Options};
use rayon::prelude::*;
use serde_json::Value;

use crate::inputs::{self, DocumentInput};
use crate::scan::scan_one;
use report::{Floor, Group, Report};

/// Arguments of `kvitas eval`.
#[derive(Debug, Clone, clap::Args)]
pub struct EvalArgs {
    /// Corpus folders: truth `X.json` beside inputs `X.pdf`, `X.xml`, `X.p1.jpg`…
    #[arg(required = true)]
    pub dirs: Vec<PathBuf>,
    /// Print the report as one JSON object.
    #[arg(long)]
    pub json: bool,
    /// Ignore e-invoice XML embedded in PDFs and read the visible pages instead.
    #[arg(long)]
    pub no_embedded_xml: bool,
    /// Score only these fields, e.g. `supplier.name,gross_total,line_items.quantity`.
    #[arg(long, value_delimiter = ',')]
    pub fields: Vec<String>,
    /// OCR languages, Tesseract style.
    #[arg(long, default_value = "lit+eng+dan")]
    pub lang: String,
    /// Keep page readings (OCR) in this folder and reuse them on later runs;
    /// a reading is reused only for the same pixels, languages and engine.
    #[arg(long, value_name = "DIR")]
    pub ocr_cache: Option<PathBuf>,
    /// Worker threads (default: one per core).
    #[arg(long)]
    pub jobs: Option<usize>,
    /// Use only the first N truth documents (by name) of each folder, with all their inputs.
    #[arg(long)]
    pub limit: Option<usize>,
    /// List, per document, every value that was wrong, missing or not in the
    /// truth, with the truth, the prediction and its confidence.
    #[arg(long)]
    pub misses: bool,
    /// Learn suppliers as an accountant's review would: each document's
    /// supplier is recognised among the suppliers of the truth of the
    /// documents before it (in the order they are listed), then its own truth
    /// joins them. Shows what confirmed suppliers add; without it every
    /// document is read as the first of its supplier.
    #[arg(long)]
    pub learn: bool,
    /// Fail (exit 1) when the overall header F1 is below this.
    #[arg(long)]
    pub min_header_f1: Option<f64>,
    /// Fail (exit 1) when the overall line-item F1 is below this.
    #[arg(long)]
    pub min_lines_f1: Option<f64>,
    /// Fail (exit 1) when fewer than this share of values with confidence ≥ 0.9 are right.
    #[arg(long)]
    pub min_calibration: Option<f64>,
}

/// A corpus folder: its truth files and the fields it annotates.
struct Folder {
    name: String,
    /// Truth by the path of its JSON file.
    truths: BTreeMap<PathBuf, Value>,
    /// Truth files left out by `--limit`; their inputs are skipped silently.
    skipped: BTreeSet<PathBuf>,
    /// The fields scored in this folder (see [`score::scored_fields`]) and
    /// whether addresses are matched approximately.
    scored: score::Scope,
}

/// One input to read, with the folder and truth file it is scored against.
struct Job {
    folder: usize,
    truth: Value,
    input: DocumentInput,
}

/// Runs `kvitas eval`; exit code 1 when a floor is not met.
pub fn run(args: &EvalArgs) -> anyhow::Result<ExitCode> {
    let wanted = wanted_fields(&args.fields)?;
    let mut folders = Vec::new();
    let mut jobs = Vec::new();
    let mut report = Report::default();
    for dir in &args.dirs {
        let folder = load_folder(dir, args.limit, wanted.as_ref())?;
        for input in inputs::collect(std::slice::from_ref(dir))? {
            let path = truth_path(&input);
            let truth = path.as_ref().and_then(|p| folder.truths.get(p));
            if let Some(truth) = truth {
                jobs.push(Job { folder: folders.len(), truth: truth.clone(), input });
            } else if !path.is_some_and(|p| folder.skipped.contains(&p)) {
                report.no_truth.push(display(&input.paths));
            }
        }
        report.folders.push(folder.name.clone());
        folders.push(folder);
    }

    if let Some(dir) = &args.ocr_cache {
        std::fs::create_dir_all(dir).with_context(|| format!("--ocr-cache: creating {}", dir.display()))?;
    }
    let opts = Options { embedded_xml: !args.no_embedded_xml, ..Options::default() };
    let pool = rayon::ThreadPoolBuilder::new().num_threads(args.jobs.unwrap_or(0)).build()?;
    let bar = progress_bar(jobs.len() as u64);
    let outcomes: Vec<_> = pool.install(|| {
        jobs.par_iter()
            .map(|job| {
                let start = Instant::now();
                let read = scan_one(&job.input, &opts, &args.lang, args.ocr_cache.as_deref()).result;
                let millis = start.elapsed().as_secs_f64() * 1000.0;
                bar.inc(1);
                (read, millis)
            })
            .collect()
    });
    bar.finish_and_clear();

    let mut timings = Vec::with_capacity(jobs.len());
    // Suppliers confirmed so far, by the truth file that confirmed them.
    let mut known: Vec<(Option<PathBuf>, KnownSupplier)> = Vec::new();
    for (job, (mut read, millis)) in jobs.iter().zip(outcomes) {
        let folder = &folders[job.folder];
        let truth = &job.truth;
        let source = display(&job.input.paths);
        if args.learn {
            // Only other documents' suppliers: a PDF's truth is not known
            // when its own scan is read.
            let own = truth_path(&job.input);
            if let Ok(x) = read.as_mut() {
                let others: Vec<KnownSupplier> =
                    known.iter().filter(|(p, _)| *p != own).map(|(_, k)| k.clone()).collect();
                kvitas_extract::suppliers::recognise(x, &others);
            }
            let confirmed = serde_json::from_value(truth.clone()).ok();
            known.extend(confirmed.as_ref().and_then(KnownSupplier::from_data).map(|k| (own, k)));
        }
        let (kind, doc) = match &read {
            Ok(x) => (kind_of(x), score::score_document(truth, x, &folder.scored)),
            Err(e) => {
                report.failures.push((source.clone(), format!("{e:#}")));
                (kind_from_name(&job.input.paths[0]), score::score_unread(truth, &folder.scored))
            }
        };
        let failed = usize::from(read.is_err());
        if args.misses && !doc.misses.is_empty() {
            report.misses.push((source.clone(), doc.misses.clone()));
        }
        for group in [
            report.groups.entry((job.folder, kind)).or_default(),
            report.kinds.entry(kind).or_default(),
            &mut report.overall,
        ] {
            group.add(&doc, failed);
        }
        timings.push((source, millis));
    }
    timings.sort_by(|a, b| b.1.total_cmp(&a.1));
    report.slowest = timings.into_iter().take(5).collect();
    report.floors = floors(args, &report.overall);

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.json {
        serde_json::to_writer_pretty(&mut out, &report::json(&report))?;
        writeln!(out)?;
    } else {
        report::text(&report, &mut out)?;
    }
    out.flush()?;
    let failed: Vec<&Floor> = report.floors.iter().filter(|f| !f.met()).collect();
    for f in &failed {
        eprintln!("floor not met: {}", f.describe());
    }
    Ok(if failed.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Checks `--fields` against the schema; `None` means every field.
fn wanted_fields(names: &[String]) -> anyhow::Result<Option<BTreeSet<String>>> {
    if names.is_empty() {
        return Ok(None);
    }
    let mut wanted = BTreeSet::new();
    for name in names.iter().map(|n| n.trim()).filter(|n| !n.is_empty()) {
        anyhow::ensure!(
            score::FIELDS.contains(&name),
            "--fields: unknown field {name:?}; known fields: {}",
            score::FIELDS.join(", ")
        );
        wanted.insert(name.to_owned());
    }
    Ok(Some(wanted))
}

/// Reads a folder's truth files. The scored fields come from all of them, even
/// under `--limit`, because which fields a set annotates is a property of the set.
fn load_folder(dir: &Path, limit: Option<usize>, wanted: Option<&BTreeSet<String>>) -> anyhow::Result<Folder> {
    anyhow::ensure!(dir.is_dir(), "{}: not a directory", dir.display());
    let mut truths = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name() {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if !entry.file_type().is_file() || hidden || path.extension().is_none_or(|e| e != "json") {
            continue;
        }
        let text = std::fs::read_to_string(path).with_context(|| format!("reading truth {}", path.display()))?;
        let truth: Value =
            serde_json::from_str(&text).with_context(|| format!("truth {} is not valid JSON", path.display()))?;
        truths.insert(entry.into_path(), truth);
    }
    anyhow::ensure!(!truths.is_empty(), "{}: no truth files (X.json) in this folder", dir.display());
    let all: Vec<Value> = truths.values().cloned().collect();
    let mut scored = score::scored_fields(&all);
    if let Some(wanted) = wanted {
        scored.retain(|f| wanted.contains(f));
    }
    let scored = score::Scope { fields: scored, approximate_addresses: approximate_addresses(dir)? };
    let keep = limit.unwrap_or(usize::MAX);
    let skipped: BTreeSet<PathBuf> = truths.keys().skip(keep).cloned().collect();
    truths.retain(|path, _| !skipped.contains(path));
    Ok(Folder { name: dir.display().to_string(), truths, skipped, scored })
}

/// True when the folder's `README.md` says that address matching is
/// approximate: its address truth is printed lines joined by hand, or an
/// address rebuilt from structured parts, which a reading of the page can only
/// come close to.
fn approximate_addresses(dir: &Path) -> anyhow::Result<bool> {
    let readme = dir.join("README.md");
    if !readme.is_file() {
        return Ok(false);
    }
    let text = std::fs::read_to_string(&readme).with_context(|| format!("reading {}", readme.display()))?;
    Ok(text.to_lowercase().contains("address matching is approximate"))
}

/// The truth file of an input: `X.json` beside it, where X is the file stem, or
/// for a page image `X.p3.jpg` the part before the page number.
fn truth_path(input: &DocumentInput) -> Option<PathBuf> {
    let first = input.paths.first()?;
    let stem = first.file_stem()?.to_str()?;
    let base = match stem.rsplit_once(".p") {
        Some((base, page)) if !base.is_empty() && page.parse::<u32>().is_ok_and(|n| n > 0) => base,
        _ => stem,
    };
    Some(first.with_file_name(format!("{base}.json")))
}

/// The report's name for what was read: all e-invoice XML kinds are `xml`, all
/// raster images `scan`, the rest by their kind name (`pdf`, `html`, `text`).
fn kind_of(x: &Extraction) -> &'static str {
    if x.kind.is_einvoice() {
        "xml"
    } else if x.kind.is_image() {
        "scan"
    } else {
        x.kind.name()
    }
}

/// The kind of an input that could not be read, told from its file name since
/// detection may be what failed.
fn kind_from_name(path: &Path) -> &'static str {
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or_default().to_ascii_lowercase();
    match ext.as_str() {
        "xml" => "xml",
        "pdf" => "pdf",
        "html" | "htm" => "html",
        "txt" => "text",
        "jpg" | "jpeg" | "png" | "tif" | "tiff" | "webp" => "scan",
        _ => "other",
    }
}

fn floors(args: &EvalArgs, overall: &Group) -> Vec<Floor> {
    let wanted = [
        ("--min-header-f1", "header F1", args.min_header_f1, overall.score.header().f1()),
        ("--min-lines-f1", "line-item F1", args.min_lines_f1, overall.score.lines().f1()),
        (
            "--min-calibration",
            "share right at confidence ≥ 0.9",
            args.min_calibration,
            score::high_confidence(&overall.score.calibration).accuracy(),
        ),
    ];
    wanted
        .into_iter()
        .filter_map(|(flag, what, floor, measured)| floor.map(|floor| Floor { flag, what, floor, measured }))
        .collect()
}

/// How a document is named in the report: its file, or a page set's first page
/// with the number of pages.
fn display(paths: &[PathBuf]) -> String {
    match paths {
        [one] => one.display().to_string(),
        [first, ..] => format!("{} ({} pages)", first.display(), paths.len()),
        [] => String::new(),
    }
}

fn progress_bar(len: u64) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:40} {pos}/{len} documents, eta {eta}") {
        bar.set_style(style);
    }
    bar
}

#[cfg(test)]
mod tests {
    use super::*;

    fn truth_of(paths: &[&str]) -> Option<PathBuf> {
        truth_path(&DocumentInput { paths: paths.iter().map(PathBuf::from).collect() })
    }

    #[test]
    fn inputs_find_their_truth_by_base_name() {
        assert_eq!(truth_of(&["d/doc-0001.pdf"]), Some(PathBuf::from("d/doc-0001.json")));
        assert_eq!(truth_of(&["d/doc-0001.p1.jpg", "d/doc-0001.p2.jpg"]), Some(PathBuf::from("d/doc-0001.json")));
        assert_eq!(truth_of(&["d/a.b.p1.png"]), Some(PathBuf::from("d/a.b.json")));
        assert_eq!(truth_of(&["d/x.p0.jpg"]), Some(PathBuf::from("d/x.p0.json")));
        assert_eq!(truth_of(&[]), None);
    }
}
