//! Signs the recogniser reads as their look-alikes.
//!
//! Dimensions are printed with a multiplication sign ("45×145 mm",
//! "3×2,5 mm²"), which the recogniser reads as the letter x, and ranges and
//! routes with an en dash ("Vilnius–Kaunas"), which it reads as a hyphen.
//! They differ on the page in where they sit and how long they are: a letter
//! x stands on the baseline, with the figures beside it, while the sign floats
//! above it, at the middle of the figures' height; an en dash is longer than
//! a hyphen (about 0.6 of a capital's height or more, against 0.3 to 0.5). Where a
//! word reads a figure, an x and a figure, or a letter, a hyphen and a
//! letter, the ink at that place is measured and the sign given back. A
//! letter x printed between figures ("600x600") and a hyphen ("IT-drift")
//! stay. In bold type a dash runs into the letters on either side; its
//! length is then that of the stretch of columns whose only ink is one flat
//! bar at the middle of the line.

use image::GrayImage;
use kvitas_extract::Word;

use crate::bands::percentile;
use crate::gaps::{self, Blob};

/// A sign stands clear of the baseline by at least this share of the
/// figures' height (a letter x stands on it: a share of about 0)…
const RAISED: f32 = 0.08;
/// …and its ink starts at least this far below the figures' tops.
const BELOW_TOP: f32 = 0.12;
/// The tall blobs' usual bottom lies below the letters' by more than this
/// share of their height where tails and brackets made it.
const TAIL_SHARE: f32 = 0.1;
/// Figures shorter than this many pixels are too small to tell.
const MIN_HEIGHT: u32 = 10;

/// A dash this long for the height of the capitals, or longer, is an en
/// dash: measured on scans, en dashes came out at 0.57 to 0.76 of it (a few
/// shorter, beside a bracket that makes the capitals seem taller), hyphens at
/// 0.3 to 0.5…
const EN_DASH_MIN: f32 = 0.55;
/// …up to this long (longer is an em dash or a rule, not told here).
const EN_DASH_MAX: f32 = 0.85;
/// A bar measured between the letters it runs into (see [`Ink::bar_run`]):
/// on bold scans, en dashes came out at 0.54 to 0.78 of the capitals'
/// height (one at 0.38 beside a bracket), hyphens at 0.27 to 0.40; the
/// measure takes in a little of the letters' edges.
const JOINED_EN_DASH: std::ops::RangeInclusive<f32> = 0.5..=1.1;

/// Gives back the multiplication signs read as x and the en dashes read as
/// hyphens in `words`, judging by the ink of `gray` (the page the words were
/// read from).
pub(crate) fn mend(gray: &GrayImage, words: &mut [Word]) {
    for word in words.iter_mut() {
        if let Some(text) = signs_given_back(gray, word) {
            word.text = text;
        }
    }
}

/// The word's text with its look-alikes given back as the signs the ink shows,
/// or `None` when nothing changes.
fn signs_given_back(gray: &GrayImage, word: &Word) -> Option<String> {
    let mut chars: Vec<char> = word.text.chars().collect();
    let between = |i: usize, side: fn(&char) -> bool| side(&chars[i - 1]) && side(&chars[i + 1]);
    let spots: Vec<(usize, char)> = (1..chars.len().saturating_sub(1))
        .filter_map(|i| match chars[i] {
            'x' | 'X' if between(i, char::is_ascii_digit) => Some((i, '×')),
            '-' if between(i, |c| c.is_alphabetic()) => Some((i, '–')),
            _ => None,
        })
        .collect();
    if spots.is_empty() {
        return None;
    }
    let ink = Ink::of(gray, word)?;
    let mut changed = false;
    for (i, sign) in spots {
        let shows = match sign {
            '×' => ink.raised_at(i, chars.len()),
            _ => ink.en_dash_at(i, chars.len()),
        };
        if shows {
            chars[i] = sign;
            changed = true;
        }
    }
    changed.then(|| chars.into_iter().collect())
}

/// A word's ink as blobs (connected strokes), with where its figures' tops
/// and baseline lie, in pixels of the word's box.
struct Ink {
    /// The word's box cut from the page.
    part: GrayImage,
    /// The lightest shade that is still ink.
    ink: u8,
    blobs: Vec<Blob>,
    top: u32,
    baseline: u32,
}

impl Ink {
    fn of(gray: &GrayImage, word: &Word) -> Option<Ink> {
        let (w, h) = gray.dimensions();
        let x0 = (word.bbox.x0.max(0.0) as u32).min(w);
        let x1 = (word.bbox.x1.max(0.0).ceil() as u32).min(w);
        let y0 = (word.bbox.y0.max(0.0) as u32).min(h);
        let y1 = (word.bbox.y1.max(0.0).ceil() as u32).min(h);
        if x1 <= x0 || y1 < y0 + MIN_HEIGHT {
            return None;
        }
        let part = image::imageops::crop_imm(gray, x0, y0, x1 - x0, y1 - y0).to_image();
        // Ink is darker than halfway between the box's paper and its darkest
        // strokes (`blobs` takes the darkest shade that is still ink).
        let shade = |q: f32| percentile(part.as_raw().iter().copied(), q);
        let (dark, paper) = (shade(0.05), shade(0.9));
        if paper <= dark.saturating_add(40) {
            return None;
        }
        let ink = (dark / 2 + paper / 2).saturating_sub(1);
        let blobs = gaps::blobs(&part, ink);
        // Most ink is figures': the usual bottom of the tall blobs is the
        // baseline and their usual top the figures' top…
        let tallest = blobs.iter().map(|b| b.y1 - b.y0).max()?;
        let mut tall: Vec<&Blob> = blobs.iter().filter(|b| (b.y1 - b.y0) * 4 >= tallest * 3).collect();
        if tall.len() < 2 {
            return None;
        }
        tall.sort_by_key(|b| b.y1);
        let low = tall[tall.len() / 2].y1;
        tall.sort_by_key(|b| b.y0);
        let top = tall[tall.len() / 2].y0;
        // …but in a word of letters the tall blobs may be brackets and
        // letters with a tail, which reach below the line: where the usual
        // bottom of all letters, small ones too, lies clearly higher, that
        // is the baseline.
        let mut bottoms: Vec<u32> = blobs.iter().filter(|b| (b.y1 - b.y0) * 10 >= tallest * 3).map(|b| b.y1).collect();
        bottoms.sort_unstable();
        let letters = bottoms[bottoms.len() / 2];
        let baseline = if low.saturating_sub(letters) as f32 > TAIL_SHARE * low.saturating_sub(top) as f32 {
            letters
        } else {
            low
        };
        (baseline >= top + MIN_HEIGHT).then_some(Ink { part, ink, blobs, top, baseline })
    }

    /// The figures' height.
    fn height(&self) -> f32 {
        (self.baseline - self.top) as f32
    }

    /// The columns within `reach` character widths of the place of
    /// character `i` of `n` (placed by share of the word's width), as the
    /// span from its first to past its last.
    fn around(&self, i: usize, n: usize, reach: f32) -> (f32, f32) {
        let step = self.part.width() as f32 / n as f32;
        let centre = (i as f32 + 0.5) * step;
        (centre - reach * step, centre + reach * step)
    }

    /// The blobs whose middle lies [`Ink::around`] character `i` of `n`.
    fn near(&self, i: usize, n: usize, reach: f32) -> impl Iterator<Item = &Blob> {
        let (from, to) = self.around(i, n, reach);
        self.blobs.iter().filter(move |b| (from..=to).contains(&((b.x0 + b.x1) as f32 / 2.0)))
    }

    /// The first row of column `x` holding ink and the row after its last.
    fn column(&self, x: u32) -> Option<(u32, u32)> {
        let mut rows = (0..self.part.height()).filter(|&y| self.part.get_pixel(x, y).0[0] <= self.ink);
        let first = rows.next()?;
        Some((first, rows.next_back().unwrap_or(first) + 1))
    }

    /// True when a blob at the place of character `i` of `n` stands clear of
    /// the baseline and starts below the figures' tops: a sign, not a letter.
    fn raised_at(&self, i: usize, n: usize) -> bool {
        let height = self.height();
        self.near(i, n, 0.8).any(|b| {
            (b.y1 as f32) <= self.baseline as f32 - RAISED * height
                && (b.y0 as f32) >= self.top as f32 + BELOW_TOP * height
                && (b.x1 - b.x0) as f32 >= 0.25 * height
                && (b.y1 - b.y0) as f32 >= 0.25 * height
        })
    }

    /// True when ink from row `y0` to the row before `y1` is a flat bar at
    /// the middle of the line: thin, clear of the baseline and of the tops.
    fn mid_bar(&self, y0: u32, y1: u32) -> bool {
        let height = self.height();
        ((y1 - y0) as f32) < 0.3 * height
            && (y1 as f32) <= self.baseline as f32 - 0.2 * height
            && (y0 as f32) >= self.top as f32 + 0.3 * height
    }

    /// True when a blob at the place of character `i` of `n` is a flat bar
    /// at the middle of the line as long as an en dash, or, where the bar
    /// runs into the letters beside it, the columns whose only ink is that
    /// bar stretch that long.
    fn en_dash_at(&self, i: usize, n: usize) -> bool {
        let height = self.height();
        let apart = self.near(i, n, 1.5).any(|b| {
            self.mid_bar(b.y0, b.y1) && (EN_DASH_MIN..=EN_DASH_MAX).contains(&((b.x1 - b.x0) as f32 / height))
        });
        apart || JOINED_EN_DASH.contains(&(self.bar_run(i, n) as f32 / height))
    }

    /// The longest stretch of columns within 1.5 character widths of the
    /// place of character `i` of `n` whose only ink is a middle bar at the
    /// same height all along (within a tenth of the capitals' height).
    fn bar_run(&self, i: usize, n: usize) -> u32 {
        let (from, to) = self.around(i, n, 1.5);
        let columns = from.max(0.0) as u32..(to.ceil() as u32).min(self.part.width());
        let slack = (0.1 * self.height()) as u32 + 1;
        let (mut best, mut run, mut start) = (0, 0, (0, 0));
        for x in columns {
            match self.column(x) {
                Some((y0, y1))
                    if self.mid_bar(y0, y1)
                        && (run == 0 || (y0.abs_diff(start.0) <= slack && y1.abs_diff(start.1) <= slack)) =>
                {
                    if run == 0 {
                        start = (y0, y1);
                    }
                    run += 1;
                    best = best.max(run);
                }
                _ => run = 0,
            }
        }
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::fill;
    use image::Luma;
    use kvitas_extract::BBox;

    /// A word of two figures (solid blocks 12 wide, 24 tall, standing on the
    /// baseline at row 44) with a mark between them from `top` to `bottom`.
    fn word_image(top: u32, bottom: u32) -> (GrayImage, Word) {
        let mut img = GrayImage::from_pixel(120, 60, Luma([235]));
        fill(&mut img, 20..32, 20..44, 25);
        fill(&mut img, 36..48, top..bottom, 25);
        fill(&mut img, 52..64, 20..44, 25);
        let word = Word { text: "4x4".into(), bbox: BBox::new(18.0, 18.0, 66.0, 46.0), confidence: 0.9 };
        (img, word)
    }

    #[test]
    fn a_sign_floating_between_figures_is_a_times_sign() {
        let (img, mut word) = word_image(27, 39);
        mend(&img, std::slice::from_mut(&mut word));
        assert_eq!(word.text, "4×4");
    }

    /// A word of capitals (solid blocks 14 wide, 20 tall on the baseline at
    /// row 40, 3 apart), `text` with one hyphen before its last: at the
    /// middle, a bar `long` pixels long, `gap` pixels clear of the capitals
    /// on either side (0: run into them, as in bold type).
    fn dashed(text: &str, long: u32, gap: u32) -> (GrayImage, Word) {
        let mut img = GrayImage::from_pixel(120, 60, Luma([235]));
        let before = text.find('-').unwrap_or(0) as u32;
        let first = 37 - 17 * before;
        for k in 0..before {
            fill(&mut img, first + 17 * k..first + 17 * k + 14, 20..40, 25);
        }
        fill(&mut img, 34 + gap..34 + gap + long, 29..32, 25);
        let last = 34 + 2 * gap + long;
        fill(&mut img, last..last + 14, 20..40, 25);
        let bbox = BBox::new(first as f32 - 2.0, 18.0, last as f32 + 16.0, 42.0);
        (img, Word { text: text.into(), bbox, confidence: 0.9 })
    }

    /// The text of [`dashed`]'s word once mended.
    fn mended_dash(text: &str, long: u32, gap: u32) -> String {
        let (img, mut word) = dashed(text, long, gap);
        mend(&img, std::slice::from_mut(&mut word));
        word.text
    }

    #[test]
    fn a_bar_as_long_as_an_en_dash_is_one_and_a_hyphen_stays() {
        assert_eq!(mended_dash("A-B", 12, 4), "A–B");
        assert_eq!(mended_dash("A-B", 6, 4), "A-B");
    }

    #[test]
    fn a_bar_run_into_the_letters_is_measured_between_them() {
        assert_eq!(mended_dash("CA-B", 13, 0), "CA–B");
        assert_eq!(mended_dash("CA-B", 7, 0), "CA-B");
    }

    #[test]
    fn brackets_reaching_below_the_line_do_not_stretch_the_capitals() {
        // "(CDA–B)": brackets from above the capitals to below their
        // baseline (row 40), a bar 12 long run into A and B.
        let mut img = GrayImage::from_pixel(120, 60, Luma([235]));
        for (x, top, bottom) in [(2, 18, 46), (8, 20, 40), (25, 20, 40), (42, 20, 40), (68, 20, 40), (85, 18, 46)] {
            fill(&mut img, x..x + if bottom == 46 { 4 } else { 14 }, top..bottom, 25);
        }
        fill(&mut img, 56..68, 29..32, 25);
        let mut word = Word { text: "(CDA-B)".into(), bbox: BBox::new(1.0, 17.0, 91.0, 47.0), confidence: 0.9 };
        mend(&img, std::slice::from_mut(&mut word));
        assert_eq!(word.text, "(CDA–B)");
    }

    #[test]
    fn a_letter_x_standing_on_the_baseline_stays() {
        let (img, mut word) = word_image(30, 44);
        mend(&img, std::slice::from_mut(&mut word));
        assert_eq!(word.text, "4x4");
        // An x between letters is never looked at.
        let (img, mut word) = word_image(27, 39);
        word.text = "axb".into();
        mend(&img, std::slice::from_mut(&mut word));
        assert_eq!(word.text, "axb");
    }
}
