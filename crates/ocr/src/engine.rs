//! The Tesseract engine wrapper.

use std::ffi::{CStr, CString};
use std::path::PathBuf;
use std::ptr;

use image::GrayImage;
use kvitas_extract::{ExtractError, Ocr, OcrPage, Word};
use tesseract_sys as tess;

use crate::bands;
use crate::dotted;
use crate::faint;
use crate::gaps;
use crate::pix::Pix;
use crate::rulings;
use crate::signs;
use crate::tsv;

/// Names the way pages are prepared and read. It changes whenever that changes,
/// so that stored readings (`kvitas eval --ocr-cache`) made the old way are not
/// reused.
pub const REVISION: &str = "22";

/// Pages with fewer words than this, or a lower mean confidence, are checked for
/// a wrong orientation.
const MIN_WORDS: usize = 8;
const MIN_MEAN_CONFIDENCE: f32 = 0.6;

/// An owned `TessBaseAPI` handle.
struct Api(*mut tess::TessBaseAPI);

impl Api {
    /// Starts an engine for `lang` (e.g. `lit+eng`) with the given engine mode.
    fn new(lang: &str, oem: tess::TessOcrEngineMode) -> Result<Api, ExtractError> {
        let c_lang = CString::new(lang).map_err(|_| ExtractError::Ocr("language names cannot hold NUL".into()))?;
        // SAFETY: TessBaseAPICreate has no preconditions and never returns null
        // except on allocation failure, which is checked.
        let api = Api(unsafe { tess::TessBaseAPICreate() });
        if api.0.is_null() {
            return Err(ExtractError::Ocr("could not create a Tesseract engine".into()));
        }
        let datapath = tessdata_dir().and_then(|d| CString::new(d.to_string_lossy().into_owned()).ok());
        let datapath_ptr = datapath.as_ref().map_or(ptr::null(), |d| d.as_ptr());
        // SAFETY: valid handle, NUL-terminated strings that outlive the call.
        let rc = unsafe { tess::TessBaseAPIInit2(api.0, datapath_ptr, c_lang.as_ptr(), oem) };
        if rc != 0 {
            let have = available_languages().join(", ");
            return Err(ExtractError::Ocr(format!(
                "Tesseract could not load language data '{lang}' (installed: {})",
                if have.is_empty() { "none found" } else { &have }
            )));
        }
        // Tesseract writes diagnostics ("Estimating resolution…") to stderr, which
        // would garble the command line's output; send them nowhere. Leptonica,
        // under the layout analysis, reports boxes it clipped the same way.
        api.set("debug_file", "/dev/null");
        // SAFETY: sets a process-wide message level; no pointers involved.
        unsafe { leptonica_sys::setMsgSeverity(leptonica_sys::L_SEVERITY_NONE as i32) };
        Ok(api)
    }

    fn set(&self, name: &str, value: &str) {
        if let (Ok(n), Ok(v)) = (CString::new(name), CString::new(value)) {
            // SAFETY: valid handle and NUL-terminated strings.
            unsafe { tess::TessBaseAPISetVariable(self.0, n.as_ptr(), v.as_ptr()) };
        }
    }

    fn set_image(&self, pix: &Pix, dpi: Option<u32>) {
        // SAFETY: valid handle and pix; Tesseract takes its own reference
        // to the image, so `pix` may be dropped afterwards.
        unsafe { tess::TessBaseAPISetImage2(self.0, pix.as_ptr().cast()) };
        if let Some(d) = dpi.and_then(|d| i32::try_from(d).ok()) {
            // SAFETY: valid handle.
            unsafe { tess::TessBaseAPISetSourceResolution(self.0, d) };
        }
    }

    fn set_page_mode(&self, mode: tess::TessPageSegMode) {
        // SAFETY: valid handle.
        unsafe { tess::TessBaseAPISetPageSegMode(self.0, mode) };
    }

    /// Restricts recognition to a rectangle of the current image.
    fn set_rectangle(&self, r: &gaps::Region) {
        let (Ok(x), Ok(y), Ok(w), Ok(h)) =
            (i32::try_from(r.x0), i32::try_from(r.y0), i32::try_from(r.x1 - r.x0), i32::try_from(r.y1 - r.y0))
        else {
            return;
        };
        // SAFETY: valid handle with an image set; Tesseract clips the
        // rectangle to the image.
        unsafe { tess::TessBaseAPISetRectangle(self.0, x, y, w, h) };
    }

    /// Recognises the current image and returns its words.
    fn words(&self) -> Result<Vec<Word>, ExtractError> {
        // SAFETY: valid handle with an image set; a null monitor is allowed.
        if unsafe { tess::TessBaseAPIRecognize(self.0, ptr::null_mut()) } != 0 {
            return Err(ExtractError::Ocr("recognition failed".into()));
        }
        // SAFETY: valid handle; the returned string is owned by us and freed
        // with TessDeleteText below.
        let raw = unsafe { tess::TessBaseAPIGetTsvText(self.0, 0) };
        if raw.is_null() {
            return Err(ExtractError::Ocr("the engine returned no text".into()));
        }
        // SAFETY: non-null NUL-terminated string from Tesseract.
        let text = unsafe { CStr::from_ptr(raw) }.to_string_lossy().into_owned();
        // SAFETY: `raw` came from GetTsvText and is freed exactly once.
        unsafe { tess::TessDeleteText(raw) };
        Ok(tsv::words(&text))
    }

    /// The clockwise quarter turns that make the current image upright.
    fn orientation(&self) -> Option<i32> {
        let (mut deg, mut conf, mut script_conf) = (0i32, 0f32, 0f32);
        let mut script: *const std::os::raw::c_char = ptr::null();
        // SAFETY: valid handle with an image set; all out-pointers are valid.
        let ok = unsafe {
            tess::TessBaseAPIDetectOrientationScript(self.0, &mut deg, &mut conf, &mut script, &mut script_conf)
        };
        // Tesseract reports how far the page is turned clockwise; the page is
        // made upright by turning it the same amount back, which in clockwise
        // quarter turns is the complement.
        (ok != 0 && conf > 1.0).then_some((4 - deg.rem_euclid(360) / 90) % 4)
    }
}

impl Drop for Api {
    fn drop(&mut self) {
        // SAFETY: we own the handle; End releases the models, Delete the handle.
        unsafe {
            tess::TessBaseAPIEnd(self.0);
            tess::TessBaseAPIDelete(self.0);
        }
    }
}

/// A Tesseract engine with its language models loaded. Not shared between
/// threads: create one per worker thread.
pub struct Tesseract {
    /// Engines for the language orders used so far, the configured order
    /// first; each is started once and kept, since starting one costs far
    /// more than reading a page.
    apis: Vec<(String, Api)>,
    /// The one in use.
    current: usize,
    /// The orientation detector, started on first need.
    osd: Option<Api>,
    lang: String,
}

// SAFETY: a TessBaseAPI may move between threads; it is only never used from two
// threads at once, which `&mut self` on every use guarantees.
unsafe impl Send for Tesseract {}

impl std::fmt::Debug for Tesseract {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Tesseract").field("lang", &self.lang).finish()
    }
}

/// Starts an engine for a language list and sets it to analyse page layout.
fn page_engine(lang: &str) -> Result<Api, ExtractError> {
    let api = Api::new(lang, tess::TessOcrEngineMode_OEM_LSTM_ONLY)?;
    // The library's default treats the page as one block of text, which
    // reads ruled tables and multi-column pages as noise; the automatic
    // layout analysis finds the blocks and columns first.
    api.set_page_mode(tess::TessPageSegMode_PSM_AUTO);
    Ok(api)
}

impl Tesseract {
    /// Starts an engine for languages such as `lit+eng+dan`.
    pub fn new(lang: &str) -> Result<Tesseract, ExtractError> {
        let valid = !lang.is_empty()
            && lang.split('+').all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'));
        if !valid {
            return Err(ExtractError::Ocr(format!("'{lang}' is not a language list like lit+eng+dan")));
        }
        let api = page_engine(lang)?;
        Ok(Tesseract { apis: vec![(lang.to_owned(), api)], current: 0, osd: None, lang: lang.to_owned() })
    }

    fn api(&self) -> &Api {
        &self.apis[self.current].1
    }

    /// The languages this engine reads.
    pub fn languages(&self) -> &str {
        &self.lang
    }

    fn read(&mut self, pix: &Pix, dpi: Option<u32>) -> Result<Vec<Word>, ExtractError> {
        self.api().set_image(pix, dpi);
        self.api().words()
    }

    /// Reads again, one line at a time, the runs of ink that the page
    /// reading passed over or was unsure of, and puts what it reads in
    /// `words` (see [`gaps`]).
    fn read_again(
        &mut self,
        pix: &Pix,
        dpi: Option<u32>,
        gray: &GrayImage,
        words: &mut Vec<Word>,
    ) -> Result<(), ExtractError> {
        let runs = gaps::runs_to_read(gray, words);
        if runs.is_empty() {
            return Ok(());
        }
        self.api().set_page_mode(tess::TessPageSegMode_PSM_SINGLE_LINE);
        let read = self.read_runs(pix, dpi, gray, &runs);
        self.api().set_page_mode(tess::TessPageSegMode_PSM_AUTO);
        for (run, found) in read? {
            gaps::merge(words, &run, found);
        }
        Ok(())
    }

    /// Reads each run as one line: ordinary ones in place on the page; where
    /// that reads unsurely (below [`gaps::MIN_CONFIDENCE`]), again from a copy
    /// on a margin of paper, kept when surer (faint print cut out of the page
    /// by a rectangle: a light date read at 0.40 in place, 0.89 from the
    /// copy); and again from a copy half the size where nothing was found
    /// (bold type blurred at a large size can read as no text at all).
    /// Double-height runs are read from a copy made wider. See [`rescaled`].
    fn read_runs(
        &self,
        pix: &Pix,
        dpi: Option<u32>,
        gray: &GrayImage,
        runs: &[gaps::Region],
    ) -> Result<Vec<(gaps::Region, Vec<Word>)>, ExtractError> {
        let mut read = Vec::with_capacity(runs.len());
        let mut again = Vec::new();
        // Whether the engine holds the page (rather than a run's copy).
        let mut on_page = false;
        for run in runs.iter().filter(|r| r.stretch <= 1.0) {
            if !on_page {
                self.api().set_image(pix, dpi);
                on_page = true;
            }
            self.api().set_rectangle(run);
            let mut found = self.api().words()?;
            if mean_text_confidence(&found).is_none_or(|c| c < gaps::MIN_CONFIDENCE) {
                on_page = false;
                let copy = self.read_copy(gray, dpi, run, Scale { x: 1.0, y: 1.0 })?;
                if mean_text_confidence(&copy) > mean_text_confidence(&found) {
                    found = copy;
                }
            }
            if found.iter().any(|w| gaps::is_text(&w.text)) {
                read.push((*run, found));
            } else {
                again.push((*run, Scale { x: HALF, y: HALF }));
            }
        }
        again.extend(runs.iter().filter(|r| r.stretch > 1.0).map(|r| (*r, Scale { x: r.stretch, y: 1.0 })));
        for (run, scale) in again {
            let found = self.read_copy(gray, dpi, &run, scale)?;
            read.push((run, found));
        }
        Ok(read)
    }

    /// Reads `run` from a copy of its part of the page resized by `scale`
    /// (see [`rescaled`]), with the words placed back on the page.
    fn read_copy(
        &self,
        gray: &GrayImage,
        dpi: Option<u32>,
        run: &gaps::Region,
        scale: Scale,
    ) -> Result<Vec<Word>, ExtractError> {
        let Some((copy, pad)) = rescaled(gray, run, scale) else { return Ok(Vec::new()) };
        let Some(copy_pix) = Pix::from_gray(&copy, dpi) else { return Ok(Vec::new()) };
        self.api().set_image(&copy_pix, dpi);
        let found = self.api().words()?;
        Ok(found.into_iter().map(|w| back_from_rescaled(w, run, pad, scale)).collect())
    }

    fn detect_orientation(&mut self, pix: &Pix, dpi: Option<u32>) -> Option<i32> {
        if self.osd.is_none() {
            // Orientation detection needs the legacy engine and the `osd` model.
            self.osd = Api::new("osd", tess::TessOcrEngineMode_OEM_TESSERACT_ONLY).ok();
        }
        let osd = self.osd.as_ref()?;
        osd.set_image(pix, dpi);
        osd.orientation()
    }
}

/// How a run's copy is resized before it is read: each way's factor.
#[derive(Debug, Clone, Copy)]
struct Scale {
    x: f32,
    y: f32,
}

/// The size a run that read as nothing is read again at.
const HALF: f32 = 0.5;

/// The run's part of the page resized by `scale`, on a margin of paper (the
/// recogniser reads a line on its own best with space around it), and the
/// margin's width.
fn rescaled(gray: &GrayImage, run: &gaps::Region, scale: Scale) -> Option<(GrayImage, u32)> {
    let (w, h) = (run.x1.checked_sub(run.x0)?, run.y1.checked_sub(run.y0)?);
    let (new_w, new_h) = ((w as f32 * scale.x).round() as u32, (h as f32 * scale.y).round() as u32);
    if new_w == 0 || new_h == 0 {
        return None;
    }
    let part = image::imageops::crop_imm(gray, run.x0, run.y0, w, h).to_image();
    let resized = image::imageops::resize(&part, new_w, new_h, image::imageops::FilterType::Triangle);
    let paper = crate::bands::percentile(part.as_raw().iter().copied(), 0.9);
    let pad = new_h / 2;
    let mut canvas = GrayImage::from_pixel(new_w + 2 * pad, new_h + 2 * pad, image::Luma([paper]));
    image::imageops::replace(&mut canvas, &resized, i64::from(pad), i64::from(pad));
    Some((canvas, pad))
}

/// A word read from [`rescaled`] placed back on the page.
fn back_from_rescaled(mut word: Word, run: &gaps::Region, pad: u32, scale: Scale) -> Word {
    let x = |v: f32| run.x0 as f32 + (v - pad as f32).max(0.0) / scale.x;
    let y = |v: f32| run.y0 as f32 + (v - pad as f32).max(0.0) / scale.y;
    word.bbox = kvitas_extract::BBox::new(x(word.bbox.x0), y(word.bbox.y0), x(word.bbox.x1), y(word.bbox.y1));
    word
}

fn reads_poorly(words: &[Word]) -> bool {
    words.len() < MIN_WORDS || mean_confidence(words) < MIN_MEAN_CONFIDENCE
}

/// True when most words of three or more letters are taller than wide: the
/// layout analysis read lines of a page turned on its side.
fn mostly_vertical(words: &[Word]) -> bool {
    let long: Vec<&Word> = words.iter().filter(|w| w.text.chars().count() >= 3).collect();
    let tall = long.iter().filter(|w| w.bbox.height() > w.bbox.x1 - w.bbox.x0).count();
    !long.is_empty() && tall * 2 > long.len()
}

/// The mean confidence of the words of `words` that hold text, if any.
fn mean_text_confidence(words: &[Word]) -> Option<f32> {
    let text: Vec<f32> = words.iter().filter(|w| gaps::is_text(&w.text)).map(|w| w.confidence).collect();
    (!text.is_empty()).then(|| text.iter().sum::<f32>() / text.len() as f32)
}

fn mean_confidence(words: &[Word]) -> f32 {
    if words.is_empty() {
        return 0.0;
    }
    words.iter().map(|w| w.confidence).sum::<f32>() / words.len() as f32
}

/// How much readable text a recognition produced: confident characters.
fn score(words: &[Word]) -> f32 {
    words.iter().map(|w| w.confidence * w.text.chars().count() as f32).sum()
}

impl Ocr for Tesseract {
    fn prefer_language(&mut self, lang: Option<&str>) -> bool {
        let order = lang.map_or_else(|| self.lang.clone(), |l| kvitas_extract::languages_first(&self.lang, l));
        if order == self.apis[self.current].0 {
            return false;
        }
        if let Some(k) = self.apis.iter().position(|(o, _)| *o == order) {
            self.current = k;
            return true;
        }
        match page_engine(&order) {
            Ok(api) => {
                self.apis.push((order, api));
                self.current = self.apis.len() - 1;
                true
            }
            // The languages loaded once; failing now, keep reading as before.
            Err(_) => false,
        }
    }

    fn recognize(&mut self, image: &GrayImage, dpi: Option<u32>) -> Result<OcrPage, ExtractError> {
        let original =
            Pix::from_gray(image, dpi).ok_or_else(|| ExtractError::Ocr("could not allocate the page image".into()))?;
        let (mut pix, skew) = match original.deskewed() {
            Some((straight, angle)) => (straight, angle),
            None => (original, 0.0),
        };
        // Bands are found once the page is straight, so that they are
        // rectangles along its axes.
        let mut ruled = None;
        if let Some(mut gray) = pix.to_gray() {
            if bands::lift_dark_bands(&mut gray) > 0
                && let Some(lifted) = Pix::from_gray(&gray, dpi)
            {
                pix = lifted;
            }
            if let Some(area) = rulings::remove_rulings(&mut gray, dpi) {
                ruled = Pix::from_gray(&gray, dpi).map(|p| (p, area));
            }
        }
        let mut words = self.read(&pix, dpi)?;
        // A page whose grid table was left mostly unread (the layout analysis
        // takes some for a picture) is read again without the grid's rules,
        // and the reading with more confident text kept.
        if let Some((clean, _)) = ruled.filter(|(_, area)| area.unread(&words)) {
            let again = self.read(&clean, dpi)?;
            if score(&again) > score(&words) {
                (pix, words) = (clean, again);
            }
        }
        // Print fainter than the page's darkest parts read as paper: read
        // again from the normalised page and keep the reading with more
        // confident text.
        let norm = pix.background_normalized().and_then(|n| n.to_gray());
        let mut unread = norm.as_ref().map(|n| faint::unread_share(n, &words));
        // The page before any cut, kept only where a step below may read it
        // again (neither runs on a page whose ink was read).
        let plain =
            unread.is_some_and(|u| u > faint::UNREAD_SHARE.min(dotted::UNREAD_SHARE)).then(|| pix.to_gray()).flatten();
        if let Some(norm) = &norm
            && unread.is_some_and(|u| u > faint::UNREAD_SHARE)
            && let Some(cut) = Pix::from_gray(&faint::binarized(norm), dpi)
        {
            let again = self.read(&cut, dpi)?;
            if score(&again) > score(&words) {
                // The share left unread is now the cut page's.
                unread = cut.background_normalized().and_then(|n| n.to_gray()).map(|n| faint::unread_share(&n, &again));
                (pix, words) = (cut, again);
            }
        }
        // Dot-matrix print falls apart into specks: read again from a copy
        // of the page (before any cut to black and white) enlarged and
        // smoothed, and keep that reading where it holds clearly more
        // confident text (see [`dotted`]).
        let mut dpi = dpi;
        if let Some(plain) = &plain
            && unread.is_some_and(|u| u > dotted::UNREAD_SHARE)
        {
            let (smooth, factor) = dotted::joined(plain);
            let smooth_dpi = dpi.map(|d| d * factor);
            if let Some(smooth_pix) = Pix::from_gray(&smooth, smooth_dpi) {
                let again = self.read(&smooth_pix, smooth_dpi)?;
                if score(&again) > score(&words) * dotted::MARGIN {
                    (pix, words, dpi) = (smooth_pix, again, smooth_dpi);
                }
            }
        }
        let mut quarters = 0;
        let sideways = mostly_vertical(&words);
        if (reads_poorly(&words) || sideways)
            && let Some(q) = self.detect_orientation(&pix, dpi).filter(|q| *q != 0)
            && let Some(turned) = pix.rotated(q)
        {
            let again = self.read(&turned, dpi)?;
            if score(&again) > score(&words) || (sideways && !mostly_vertical(&again)) {
                (pix, words, quarters) = (turned, again, q);
            }
        }
        if let Some(gray) = pix.to_gray() {
            self.read_again(&pix, dpi, &gray, &mut words)?;
            signs::mend(&gray, &mut words);
        }
        Ok(OcrPage { width: pix.width(), height: pix.height(), rotation: quarters as f32 * 90.0 + skew, words })
    }
}

/// The directory holding `*.traineddata`: `TESSDATA_PREFIX`, or the first of the
/// usual system locations that exists.
pub fn tessdata_dir() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("TESSDATA_PREFIX") {
        return Some(PathBuf::from(p));
    }
    ["/usr/share/tesseract-ocr/5/tessdata", "/usr/share/tesseract-ocr/4.00/tessdata", "/usr/share/tessdata"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_dir())
}

/// The language models installed in [`tessdata_dir`], sorted.
pub fn available_languages() -> Vec<String> {
    let Some(dir) = tessdata_dir() else { return Vec::new() };
    let Ok(entries) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut langs: Vec<String> =
        entries.filter_map(|e| e.ok()?.file_name().to_str()?.strip_suffix(".traineddata").map(str::to_owned)).collect();
    langs.sort();
    langs
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fill;

    #[test]
    fn a_run_read_from_a_resized_copy_lands_back_where_it_was() {
        let mut page = GrayImage::from_pixel(400, 200, image::Luma([230]));
        fill(&mut page, 120..220, 60..100, 20);
        let run = gaps::Region { x0: 100, y0: 50, x1: 300, y1: 110, stretch: 1.0 };
        for scale in [Scale { x: HALF, y: HALF }, Scale { x: 2.0, y: 1.0 }] {
            let (copy, pad) = rescaled(&page, &run, scale).expect("a copy");
            let (w, h) = ((200.0 * scale.x) as u32, (60.0 * scale.y) as u32);
            assert_eq!((copy.width(), copy.height()), (w + 2 * pad, h + 2 * pad));
            // The ink's corners in the copy, placed back on the page.
            let (x0, y0) = (pad as f32 + 20.0 * scale.x, pad as f32 + 10.0 * scale.y);
            let (x1, y1) = (pad as f32 + 120.0 * scale.x, pad as f32 + 50.0 * scale.y);
            let ink = Word { text: "x".into(), confidence: 0.9, bbox: kvitas_extract::BBox::new(x0, y0, x1, y1) };
            let back = back_from_rescaled(ink, &run, pad, scale).bbox;
            assert_eq!((back.x0, back.y0, back.x1, back.y1), (120.0, 60.0, 220.0, 100.0), "{scale:?}");
            // The margin is paper; the ink is in the copy.
            assert_eq!(copy.get_pixel(0, 0).0[0], 230);
            assert!(copy.get_pixel(x0 as u32 + 2, y0 as u32 + 2).0[0] < 100, "{scale:?}");
        }
    }
}
