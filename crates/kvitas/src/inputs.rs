//! Turning command-line paths into documents: files, directories walked
//! recursively, and page images `X.p1.jpg, X.p2.jpg…` gathered into one document.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One document to read: a single file, or page files in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentInput {
    /// The files making up the document, in page order.
    pub paths: Vec<PathBuf>,
}

/// In directories, files with these endings are truth, notes or manifests, not
/// documents. Files named on the command line are always read.
const NOT_DOCUMENTS: &[&str] = &["json", "md", "csv"];

/// Expands paths into documents, in a stable order (sorted by path).
pub fn collect(paths: &[PathBuf]) -> anyhow::Result<Vec<DocumentInput>> {
    let mut files = Vec::new();
    for p in paths {
        if p.is_dir() {
            for entry in walkdir::WalkDir::new(p).follow_links(true).sort_by_file_name() {
                let entry = entry?;
                let hidden = entry.file_name().to_string_lossy().starts_with('.');
                if entry.file_type().is_file() && !hidden && !is_side_file(entry.path()) {
                    files.push(entry.into_path());
                }
            }
        } else if p.exists() {
            files.push(p.clone());
        } else {
            anyhow::bail!("{}: no such file or directory", p.display());
        }
    }
    Ok(group_pages(files))
}

fn is_side_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| NOT_DOCUMENTS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Splits `X.p3.jpg` into (`X`, 3); `None` for other names.
fn page_of(path: &Path) -> Option<(PathBuf, u32)> {
    let stem = path.file_stem()?.to_str()?; // "X.p3"
    let (base, page) = stem.rsplit_once(".p")?;
    let n: u32 = page.parse().ok().filter(|n| *n > 0)?;
    (!base.is_empty()).then(|| (path.with_file_name(base), n))
}

/// Gathers page files into documents; everything else is a document of its own.
/// Documents keep the order in which their first file was given (directories are walked
/// in name order), so output follows the command line.
pub fn group_pages(files: Vec<PathBuf>) -> Vec<DocumentInput> {
    let mut paged: BTreeMap<PathBuf, (usize, Vec<(u32, PathBuf)>)> = BTreeMap::new();
    let mut out: Vec<(usize, DocumentInput)> = Vec::new();
    for (i, f) in files.into_iter().enumerate() {
        match page_of(&f) {
            Some((base, n)) => paged.entry(base).or_insert_with(|| (i, Vec::new())).1.push((n, f)),
            None => out.push((i, DocumentInput { paths: vec![f] })),
        }
    }
    for (_, (first, mut pages)) in paged {
        pages.sort();
        pages.dedup_by(|a, b| a.1 == b.1);
        out.push((first, DocumentInput { paths: pages.into_iter().map(|(_, p)| p).collect() }));
    }
    out.sort_by_key(|(first, _)| *first);
    out.into_iter().map(|(_, d)| d).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn paths(v: &[&str]) -> Vec<PathBuf> {
        v.iter().map(PathBuf::from).collect()
    }

    #[test]
    fn page_images_form_one_document_in_page_order() {
        let docs = group_pages(paths(&["d/a.p10.jpg", "d/a.p2.jpg", "d/a.p1.jpg", "d/b.pdf", "d/a.pdf"]));
        assert_eq!(
            docs,
            vec![
                DocumentInput { paths: paths(&["d/a.p1.jpg", "d/a.p2.jpg", "d/a.p10.jpg"]) },
                DocumentInput { paths: paths(&["d/b.pdf"]) },
                DocumentInput { paths: paths(&["d/a.pdf"]) },
            ]
        );
    }

    #[test]
    fn names_that_only_look_like_pages_stay_single() {
        let docs = group_pages(paths(&["x.p0.jpg", "x.pdf.jpg", "report.p1"]));
        assert_eq!(docs.len(), 3);
    }
}
