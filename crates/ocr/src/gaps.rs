//! Ink that the page reading passed over or was unsure of.
//!
//! Tesseract's layout analysis now and then drops a whole column of a page:
//! the amounts beside a receipt's "Total", "Cash" and "Change", or the day of
//! a date set apart from its month. The letters are on the page, they are just
//! never sent to recognition. Other times it cuts a line badly and reads it
//! as noise ("VAT 0%  £0.00" as "varva  mat"). This module finds both: the
//! page's ink is split into connected blobs, blobs the size of letters that
//! no confident word covers are grouped into the runs of a line, and each run
//! is handed back to be read on its own; the new reading replaces the doubtful
//! words it covers when it is surer of itself.
//!
//! Receipt printers print the total in double-height type: letters as wide as
//! the others but twice as tall, which the recogniser reads badly or not at
//! all ("140" for "7.40"). Runs of such narrow, tall letters are read again
//! stretched sideways to ordinary proportions, whether or not a word covers
//! them.

use image::GrayImage;
use kvitas_extract::{BBox, Word};

/// At most this many runs are read again per page: a page that leaves more
/// unread is noise or a picture, not text that was skipped.
const MAX_RUNS: usize = 40;

/// At most this many runs of double-height type per page: receipts print a
/// few lines so (the total, the change); more is something else.
const MAX_TALL_RUNS: usize = 6;

/// Ink for finding letters is at least this much darker than the paper.
const INK_BELOW_PAPER: u8 = 40;

/// Faint letters, which a run is widened over, are at least this much
/// darker than the paper.
const FAINT_BELOW_PAPER: u8 = 20;

/// Words read with less confidence than this are read again.
const DOUBTFUL: f32 = 0.7;

/// Words read from a run below this confidence are dropped. A line read on
/// its own scores lower than in its context, so this is lower than one would
/// ask of a page.
pub(crate) const MIN_CONFIDENCE: f32 = 0.5;

/// Letters of double-height type are this many times as tall as the page's
/// ordinary ones, or more (up to [`TALL_MAX`])…
const TALL_MIN: f32 = 1.5;
const TALL_MAX: f32 = 3.0;
/// …and narrow: most of a run's letters are at most this wide for their
/// height (ordinary type is about half as wide as tall).
const NARROW: f32 = 0.4;

/// A rectangle of the page, in pixels, ends exclusive, with how much wider
/// it is to be made before it is read (1 for ordinary type).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Region {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
    pub stretch: f32,
}

/// One connected blob of ink.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Blob {
    pub x0: u32,
    pub y0: u32,
    pub x1: u32,
    pub y1: u32,
}

impl Blob {
    fn height(&self) -> f32 {
        (self.y1 - self.y0) as f32
    }
    fn width(&self) -> f32 {
        (self.x1 - self.x0) as f32
    }
    /// Grows to cover `b` as well.
    fn take_in(&mut self, b: &Blob) {
        self.x0 = self.x0.min(b.x0);
        self.y0 = self.y0.min(b.y0);
        self.x1 = self.x1.max(b.x1);
        self.y1 = self.y1.max(b.y1);
    }
}

/// Runs of letter-sized ink on the page that no confident word of `words`
/// covers, padded for reading, in reading order.
pub(crate) fn runs_to_read(img: &GrayImage, words: &[Word]) -> Vec<Region> {
    let heights: Vec<f32> = words
        .iter()
        .filter(|w| w.text.chars().filter(|c| c.is_alphanumeric()).count() >= 2)
        .map(|w| w.bbox.height())
        .collect();
    // Without a few words there is no telling what size letters are.
    if heights.len() < 3 {
        return Vec::new();
    }
    let h = median(heights);
    // A light shaded band (a table's header row, a party box's heading) is
    // above the paper/ink split of a mostly white page: its letters would
    // join it into one blob. Ink is also well darker than the paper.
    let paper = crate::bands::percentile(img.as_raw().iter().copied(), 0.5);
    let ink = otsu(img).min(paper.saturating_sub(INK_BELOW_PAPER));
    let covered = |b: &Blob| {
        let (cx, cy) = ((b.x0 + b.x1) as f32 / 2.0, (b.y0 + b.y1) as f32 / 2.0);
        let pad = h * 0.25;
        words
            .iter()
            .filter(|w| w.confidence >= DOUBTFUL)
            .any(|w| cx >= w.bbox.x0 - pad && cx <= w.bbox.x1 + pad && cy >= w.bbox.y0 - pad && cy <= w.bbox.y1 + pad)
    };
    // Letters: as tall as a small letter up to a capital with some margin,
    // no wider than a word whose letters run together (bold type on a
    // blurred scan joins a whole heading into one blob).
    let found = blobs(img, ink);
    let letters: Vec<Blob> = found
        .iter()
        .filter(|b| b.height() >= h * 0.3 && b.height() <= h * 1.4 && b.width() <= h * 12.0 && b.width() >= 1.0)
        .filter(|b| !covered(b))
        .copied()
        .collect();
    // Light print ("2017" of a date fading at its end) falls apart at the
    // ink threshold: a run is widened over the fainter letters beside it, so
    // that its reading is not cut off mid-word.
    let faint: Vec<Blob> = blobs(img, paper.saturating_sub(FAINT_BELOW_PAPER).max(ink))
        .into_iter()
        .filter(|b| b.height() >= h * 0.3 && b.height() <= h * 1.4 && b.width() <= h * 12.0 && !covered(b))
        .collect();
    // A run worth reading holds at least a letter's width of ink and reaches
    // a letter's height (dots and commas alone do not).
    let runs: Vec<(Blob, f32)> = group(letters, h)
        .into_iter()
        .filter(|(r, _)| r.width() >= h * 0.5 && r.height() >= h * 0.5)
        .map(|(r, _)| (widened(r, &faint, h), 1.0))
        .collect();
    let runs = joined_runs(runs);
    let Some(mut runs) = within(runs, MAX_RUNS, words) else {
        return Vec::new();
    };
    let tall: Vec<Blob> = found
        .iter()
        .filter(|b| b.height() >= h * TALL_MIN && b.height() <= h * TALL_MAX && b.width() >= 1.0)
        .copied()
        .collect();
    // Double-height letters are all of one height; blobs where letters of
    // two lines touch are not, and words of both lines are read there.
    let tall_runs: Vec<(Blob, f32)> = group(tall, h)
        .into_iter()
        .filter_map(|(r, members)| {
            let height = median(members.iter().map(Blob::height).collect());
            let even = members.iter().all(|b| (b.height() - height).abs() <= height * 0.2);
            let narrow = median(members.iter().map(|b| b.width() / b.height()).collect()) <= NARROW;
            (members.len() >= 2 && even && narrow && !two_lines(words, &r, h))
                .then(|| (r, (height / h).clamp(TALL_MIN, TALL_MAX)))
        })
        .collect();
    if let Some(tall_runs) = within(tall_runs, MAX_TALL_RUNS, words) {
        runs.extend(tall_runs.into_iter().map(|(r, stretch)| (widened(r, &found, h), stretch)));
    }
    runs.sort_by_key(|(r, _)| (r.y0, r.x0));
    let (w, hgt) = img.dimensions();
    let pad = (h * 0.3).ceil() as u32;
    runs.iter()
        .map(|&(r, stretch)| Region {
            x0: r.x0.saturating_sub(pad),
            y0: r.y0.saturating_sub(pad),
            x1: (r.x1 + pad).min(w),
            y1: (r.y1 + pad).min(hgt),
            stretch,
        })
        .collect()
}

/// The runs to read when there are at most `limit`. Past it, a page holds
/// much type the reading found doubtful (a noisy photo, a receipt printed
/// all in large type) and only the runs where nothing at all was read are
/// kept (the amounts column the layout analysis skipped), if they are few
/// enough; `None` when even those are too many.
fn within(runs: Vec<(Blob, f32)>, limit: usize, words: &[Word]) -> Option<Vec<(Blob, f32)>> {
    if runs.len() <= limit {
        return Some(runs);
    }
    let read_in = |r: &Blob| words.iter().any(|w| centre_within(&w.bbox, [r.x0, r.y0, r.x1, r.y1]));
    let unread: Vec<(Blob, f32)> = runs.into_iter().filter(|(r, _)| !read_in(r)).collect();
    (unread.len() <= limit).then_some(unread)
}

/// True when the centre of `b` lies in the rectangle `[x0, y0, x1, y1]`.
fn centre_within(b: &BBox, [x0, y0, x1, y1]: [u32; 4]) -> bool {
    let (cx, cy) = (b.center_x(), b.center_y());
    cx >= x0 as f32 && cx <= x1 as f32 && cy >= y0 as f32 && cy <= y1 as f32
}

/// A run widened over the blobs of `found` beside it on its line: letters of
/// double-height type that touch each other or a line below are not among
/// its blobs, nor are letters too faint for the ink threshold.
fn widened(mut r: Blob, found: &[Blob], h: f32) -> Blob {
    let beside = |r: &Blob, b: &Blob| {
        let middle = (b.y0 + b.y1) as f32 / 2.0;
        let gap = (b.x0 as f32 - r.x1 as f32).max(r.x0 as f32 - b.x1 as f32);
        middle >= r.y0 as f32 && middle <= r.y1 as f32 && b.height() >= h * 0.5 && gap <= h * 1.2
    };
    while let Some(b) = found.iter().find(|b| (b.x0 < r.x0 || b.x1 > r.x1) && beside(&r, b)) {
        r.x0 = r.x0.min(b.x0);
        r.x1 = r.x1.max(b.x1);
    }
    r
}

/// Runs of one line that widening made overlap, joined into one.
fn joined_runs(mut runs: Vec<(Blob, f32)>) -> Vec<(Blob, f32)> {
    runs.sort_by_key(|(r, _)| (r.x0, r.y0));
    let mut out: Vec<(Blob, f32)> = Vec::with_capacity(runs.len());
    for (b, stretch) in runs {
        let same = out.iter_mut().find(|(r, _)| {
            let overlap = (r.y1.min(b.y1) as f32 - r.y0.max(b.y0) as f32).max(0.0);
            overlap >= 0.5 * r.height().min(b.height()) && b.x0 < r.x1 && r.x0 < b.x1
        });
        match same {
            Some((r, _)) => r.take_in(&b),
            None => out.push((b, stretch)),
        }
    }
    out
}

/// True when words read inside `r` lie on two lines (their middles more than
/// half a letter's height apart).
fn two_lines(words: &[Word], r: &Blob, h: f32) -> bool {
    let middles: Vec<f32> = words
        .iter()
        .map(|w| ((w.bbox.x0 + w.bbox.x1) / 2.0, (w.bbox.y0 + w.bbox.y1) / 2.0))
        .filter(|&(x, y)| x >= r.x0 as f32 && x <= r.x1 as f32 && y >= r.y0 as f32 && y <= r.y1 as f32)
        .map(|(_, y)| y)
        .collect();
    let (lo, hi) = middles.iter().fold((f32::MAX, f32::MIN), |(lo, hi), &y| (lo.min(y), hi.max(y)));
    middles.len() >= 2 && hi - lo > h * 0.5
}

/// Groups letters into the runs of a line (letters that overlap in height,
/// at most a gap of about a letter apart), each with its letters.
fn group(mut letters: Vec<Blob>, h: f32) -> Vec<(Blob, Vec<Blob>)> {
    letters.sort_by_key(|b| (b.x0, b.y0));
    let mut runs: Vec<(Blob, Vec<Blob>)> = Vec::new();
    for b in letters {
        let joins = runs.iter_mut().rev().find(|(r, _)| {
            let overlap = (r.y1.min(b.y1) as f32 - r.y0.max(b.y0) as f32).max(0.0);
            overlap >= 0.5 * r.height().min(b.height()) && (b.x0 as f32) <= r.x1 as f32 + h * 1.2
        });
        match joins {
            Some((r, members)) => {
                r.take_in(&b);
                members.push(b);
            }
            None => runs.push((b, vec![b])),
        }
    }
    runs
}

/// Puts the words read again from `run` into `words`. Where the run held
/// doubtful words (in a run of double-height type, any word), the new reading replaces them when its mean confidence is
/// higher; elsewhere new words are added when the reader is fairly sure of
/// them, they hold a letter or a digit and no word already read lies there.
pub(crate) fn merge(words: &mut Vec<Word>, run: &Region, found: Vec<Word>) {
    let inside = |w: &Word| centre_within(&w.bbox, [run.x0, run.y0, run.x1, run.y1]);
    let doubtful: Vec<usize> = (0..words.len())
        .filter(|&i| (words[i].confidence < DOUBTFUL || run.stretch > 1.0) && inside(&words[i]))
        .collect();
    let mut found: Vec<Word> = found.into_iter().filter(|w| is_text(&w.text)).collect();
    trim_overlaps(&mut found);
    if !doubtful.is_empty() {
        let old = doubtful.iter().map(|&i| words[i].confidence).sum::<f32>() / doubtful.len() as f32;
        let new = found.iter().map(|w| w.confidence).sum::<f32>() / found.len().max(1) as f32;
        if found.is_empty() || new <= old {
            return;
        }
        for i in doubtful.into_iter().rev() {
            words.remove(i);
        }
    }
    let fresh: Vec<Word> = found
        .into_iter()
        .filter(|w| w.confidence >= MIN_CONFIDENCE)
        .filter(|w| !words.iter().any(|o| overlap(&o.bbox, &w.bbox) > 0.3 * area(&w.bbox)))
        .collect();
    words.extend(fresh);
}

/// Cuts back each word of a line read on its own that reaches past the start
/// of the next: reading one line, the recogniser now and then gives its first
/// word a box running far into the words after it ("Fadden" over "& Boylan"),
/// which would hide the gaps the layout splits columns at.
fn trim_overlaps(line: &mut [Word]) {
    for k in 1..line.len() {
        let next = line[k].bbox.x0;
        let w = &mut line[k - 1].bbox;
        if w.x1 > next && next > w.x0 {
            w.x1 = next;
        }
    }
}

/// A word worth keeping from a run read again: letters or figures, or a
/// sign that stands alone in names and amounts ("Fadden & Boylan", "€ 12");
/// rules, bars and specks are the ink of lines and stains.
pub(crate) fn is_text(text: &str) -> bool {
    text.chars().any(char::is_alphanumeric) || matches!(text, "&" | "€" | "£" | "$")
}

fn area(b: &BBox) -> f32 {
    (b.x1 - b.x0).max(0.0) * (b.y1 - b.y0).max(0.0)
}

fn overlap(a: &BBox, b: &BBox) -> f32 {
    (a.x1.min(b.x1) - a.x0.max(b.x0)).max(0.0) * (a.y1.min(b.y1) - a.y0.max(b.y0)).max(0.0)
}

fn median(mut v: Vec<f32>) -> f32 {
    v.sort_by(f32::total_cmp);
    v[v.len() / 2]
}

/// The threshold that best splits the page's pixels into ink and paper
/// (Otsu's method); pixels below it are ink.
fn otsu(img: &GrayImage) -> u8 {
    let mut hist = [0u64; 256];
    for p in img.as_raw() {
        hist[*p as usize] += 1;
    }
    let total: u64 = hist.iter().sum();
    let sum: f64 = hist.iter().enumerate().map(|(v, &n)| v as f64 * n as f64).sum();
    let (mut below, mut sum_below, mut best, mut threshold) = (0u64, 0f64, 0f64, 128u8);
    for (v, &n) in hist.iter().enumerate() {
        below += n;
        sum_below += v as f64 * n as f64;
        let above = total - below;
        if below == 0 || above == 0 {
            continue;
        }
        let (m0, m1) = (sum_below / below as f64, (sum - sum_below) / above as f64);
        let between = below as f64 * above as f64 * (m0 - m1).powi(2);
        if between > best {
            best = between;
            threshold = v as u8;
        }
    }
    threshold
}

/// The bounding boxes of the 8-connected blobs of pixels at or below `ink`.
pub(crate) fn blobs(img: &GrayImage, ink: u8) -> Vec<Blob> {
    let (w, h) = img.dimensions();
    let (wu, hu) = (w as usize, h as usize);
    let raw = img.as_raw();
    let mut seen = vec![false; wu * hu];
    let mut out = Vec::new();
    let mut stack = Vec::new();
    for start in 0..wu * hu {
        if seen[start] || raw[start] > ink {
            continue;
        }
        seen[start] = true;
        stack.push(start);
        let mut b = Blob { x0: u32::MAX, y0: u32::MAX, x1: 0, y1: 0 };
        while let Some(i) = stack.pop() {
            let (x, y) = (i % wu, i / wu);
            b.x0 = b.x0.min(x as u32);
            b.y0 = b.y0.min(y as u32);
            b.x1 = b.x1.max(x as u32 + 1);
            b.y1 = b.y1.max(y as u32 + 1);
            for dy in [-1isize, 0, 1] {
                for dx in [-1isize, 0, 1] {
                    let (nx, ny) = (x as isize + dx, y as isize + dy);
                    if nx < 0 || ny < 0 || nx >= wu as isize || ny >= hu as isize {
                        continue;
                    }
                    let n = ny as usize * wu + nx as usize;
                    if !seen[n] && raw[n] <= ink {
                        seen[n] = true;
                        stack.push(n);
                    }
                }
            }
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fill;
    use image::Luma;

    fn word(text: &str, x0: f32, y0: f32, x1: f32, y1: f32) -> Word {
        Word { text: text.into(), bbox: BBox::new(x0, y0, x1, y1), confidence: 0.9 }
    }

    /// The words read confidently on the left of [`page`]'s first three
    /// lines.
    fn labels() -> Vec<Word> {
        vec![
            word("Total", 10.0, 20.0, 48.0, 40.0),
            word("Cash", 10.0, 60.0, 48.0, 80.0),
            word("Due", 10.0, 100.0, 48.0, 120.0),
        ]
    }

    /// A white page with black "letters" (solid 10 × 20 boxes, 4 apart) at
    /// the given rows and starting columns, `n` per run.
    fn page(runs: &[(u32, u32, u32)]) -> GrayImage {
        let mut img = GrayImage::from_pixel(400, 200, Luma([240]));
        for &(x, y, n) in runs {
            for k in 0..n {
                fill(&mut img, x + k * 14..x + k * 14 + 10, y..y + 20, 20);
            }
        }
        img
    }

    #[test]
    fn letters_no_word_covers_are_found_as_one_run_per_line() {
        // Three words read on the left; on the right of the first line, four
        // letters the reading passed over.
        let img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3), (300, 20, 4)]);
        let words = labels();
        let runs = runs_to_read(&img, &words);
        assert_eq!(runs.len(), 1);
        let r = runs[0];
        assert!(r.x0 <= 300 && r.x1 >= 352 && r.y0 <= 20 && r.y1 >= 40, "{r:?}");
    }

    #[test]
    fn past_the_limit_only_runs_where_nothing_was_read_are_read_again() {
        // A noisy page: 48 letters read with doubt, each a run of its own,
        // and one letter the reading passed over entirely.
        let mut img = GrayImage::from_pixel(900, 500, Luma([240]));
        let mut words = Vec::new();
        for row in 0..6u32 {
            for col in 0..8u32 {
                let (x, y) = (10 + col * 100, 10 + row * 60);
                fill(&mut img, x..x + 10, y..y + 20, 20);
                let (x, y) = (x as f32, y as f32);
                words.push(Word { confidence: 0.3, ..word("ab", x, y, x + 10.0, y + 20.0) });
            }
        }
        fill(&mut img, 850..860, 400..420, 20);
        let runs = runs_to_read(&img, &words);
        assert_eq!(runs.len(), 1, "{runs:?}");
        let r = runs[0];
        assert!(r.x0 <= 850 && r.x1 >= 860 && r.y0 <= 400 && r.y1 >= 420, "{r:?}");
    }

    #[test]
    fn a_run_reaches_over_the_fainter_letters_that_end_it() {
        // "20/09/2017" printed lighter towards its end: four letters dark
        // enough for the ink threshold, three beyond them only a little
        // darker than the paper.
        let mut img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3), (300, 20, 4)]);
        for k in 0..3 {
            fill(&mut img, 356 + k * 14..366 + k * 14, 20..40, 215);
        }
        let words = labels();
        let runs = runs_to_read(&img, &words);
        assert_eq!(runs.len(), 1, "{runs:?}");
        assert!(runs[0].x0 <= 300 && runs[0].x1 >= 394, "{:?}", runs[0]);
    }

    #[test]
    fn a_page_whose_ink_is_all_read_has_nothing_left() {
        let img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3)]);
        let words = labels();
        assert!(runs_to_read(&img, &words).is_empty());
    }

    #[test]
    fn words_read_again_must_be_sure_and_new() {
        let mut words = vec![word("Total", 10.0, 20.0, 48.0, 40.0)];
        let run = Region { x0: 0, y0: 10, x1: 400, y1: 50, stretch: 1.0 };
        let found = vec![
            word("31.45", 300.0, 20.0, 352.0, 40.0),
            word("Total", 11.0, 20.0, 48.0, 40.0),
            Word { confidence: 0.3, ..word("x1", 200.0, 20.0, 220.0, 40.0) },
            word("—", 250.0, 20.0, 260.0, 40.0),
            word("|", 270.0, 20.0, 274.0, 40.0),
        ];
        merge(&mut words, &run, found);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Total", "31.45"]);
    }

    /// The page's `words` after a line across it, 10 to 50 high, was read
    /// again as `found` (each word from x0 to x1).
    fn read_again(mut words: Vec<Word>, found: &[(&str, f32, f32)]) -> Vec<Word> {
        let run = Region { x0: 0, y0: 10, x1: 300, y1: 50, stretch: 1.0 };
        merge(&mut words, &run, found.iter().map(|&(t, x0, x1)| word(t, x0, 20.0, x1, 40.0)).collect());
        words
    }

    #[test]
    fn an_ampersand_read_again_is_kept() {
        let unsure = vec![Word { confidence: 0.6, ..word("Fadden", 10.0, 20.0, 80.0, 40.0) }];
        let words = read_again(unsure, &[("Fadden", 10.0, 80.0), ("&", 90.0, 100.0), ("Boylan", 110.0, 180.0)]);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Fadden", "&", "Boylan"]);
    }

    #[test]
    fn a_word_read_again_ends_where_the_next_begins() {
        let words = read_again(Vec::new(), &[("Company", 10.0, 250.0), ("Reg.", 120.0, 160.0), ("No.", 170.0, 200.0)]);
        let ends: Vec<f32> = words.iter().map(|w| w.bbox.x1).collect();
        assert_eq!(ends, [120.0, 160.0, 200.0]);
    }

    #[test]
    fn a_surer_reading_replaces_the_doubtful_words_of_its_run() {
        let unsure = |t: &str, x0: f32, x1: f32, c: f32| Word { confidence: c, ..word(t, x0, 20.0, x1, 40.0) };
        let line = vec![word("Bank", 10.0, 20.0, 48.0, 40.0), unsure("varva", 200.0, 260.0, 0.66)];
        let run = Region { x0: 190, y0: 10, x1: 300, y1: 50, stretch: 1.0 };
        let mut words = line.clone();
        merge(&mut words, &run, vec![unsure("VAT", 200.0, 230.0, 0.9), unsure("0%", 235.0, 260.0, 0.85)]);
        let texts: Vec<&str> = words.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["Bank", "VAT", "0%"]);
        // A reading no surer than the first one changes nothing.
        let mut words = line.clone();
        merge(&mut words, &run, vec![unsure("vAr", 200.0, 260.0, 0.5)]);
        assert_eq!(words, line);
    }

    #[test]
    fn ink_under_a_doubtful_word_is_read_again() {
        let img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3), (300, 20, 4)]);
        let mut words = labels();
        words.push(Word { confidence: 0.4, ..word("mat", 300.0, 20.0, 352.0, 40.0) });
        assert_eq!(runs_to_read(&img, &words).len(), 1);
    }

    #[test]
    fn double_height_figures_are_read_again_stretched_even_under_a_word() {
        // Ordinary letters 20 high; on the right of the first line, four
        // figures as wide but 40 high (a receipt's total), read as "140".
        let mut img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3)]);
        for k in 0..4 {
            fill(&mut img, 300 + k * 14..310 + k * 14, 10..50, 20);
        }
        let mut words = labels();
        words.push(Word { confidence: 0.85, ..word("140", 300.0, 10.0, 352.0, 50.0) });
        let runs = runs_to_read(&img, &words);
        assert_eq!(runs.len(), 1, "{runs:?}");
        let r = runs[0];
        assert!(r.x0 <= 300 && r.x1 >= 352 && r.y0 <= 10 && r.y1 >= 50, "{r:?}");
        assert!((r.stretch - 2.0).abs() < 0.01, "{r:?}");
        // The stretched reading replaces the confident word it covers when
        // it is surer still.
        let mut read = words.to_vec();
        merge(&mut read, &r, vec![Word { confidence: 0.95, ..word("7.40", 300.0, 10.0, 352.0, 50.0) }]);
        assert!(read.iter().any(|w| w.text == "7.40") && !read.iter().any(|w| w.text == "140"));
        // Tall blobs where two lines' letters touch hold words of both lines.
        let mut img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3)]);
        for k in 0..4 {
            fill(&mut img, 300 + k * 14..310 + k * 14, 140..180, 20);
        }
        let two = [word("ab", 300.0, 140.0, 352.0, 158.0), word("cd", 300.0, 162.0, 352.0, 180.0)];
        let words: Vec<Word> = words[..3].iter().cloned().chain(two).collect();
        assert!(runs_to_read(&img, &words).iter().all(|r| r.stretch == 1.0));
        // Wide tall letters are large type, read well as they are.
        let mut img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3)]);
        for k in 0..4 {
            fill(&mut img, 200 + k * 34..230 + k * 34, 140..180, 20);
        }
        assert!(runs_to_read(&img, &words[..3]).is_empty());
    }

    #[test]
    fn a_heading_on_a_light_band_is_found_even_with_its_letters_joined() {
        // Three words read on the left; on the right, a light grey band (a
        // party box's heading row) holding a word whose letters touch: one
        // blob nine letters wide.
        let mut img = page(&[(10, 20, 3), (10, 60, 3), (10, 100, 3)]);
        fill(&mut img, 100..400, 140..190, 205);
        fill(&mut img, 120..300, 150..170, 20);
        let words = labels();
        let runs = runs_to_read(&img, &words);
        assert_eq!(runs.len(), 1, "{runs:?}");
        let r = runs[0];
        assert!(r.x0 <= 120 && r.x1 >= 300 && r.y0 <= 150 && r.y1 >= 170 && r.y1 < 190, "{r:?}");
    }
}
