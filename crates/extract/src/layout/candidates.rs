//! Candidate values: every place a label announces a value, with the value read
//! from the same segment, the segment to its right, or the one below.

use rust_decimal::Decimal;

use super::context::Context;
use super::lexicon::{LabelHit, Role};
use super::segments::Segment;
use crate::document::BBox;

/// Where a candidate's value sits relative to its label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    /// In the label's own segment, after the label.
    Inline,
    /// In a segment to the right on the same line.
    Right,
    /// In a segment below the label.
    Below,
}

impl Place {
    /// How much a value in this place is believed, before any validation.
    pub fn weight(self) -> f32 {
        match self {
            Place::Inline => 1.0,
            Place::Right => 0.95,
            Place::Below => 0.85,
        }
    }
}

/// Text that may hold a labelled value, with the evidence to report.
#[derive(Debug, Clone)]
pub struct Source<'a> {
    /// The text after the label.
    pub text: &'a str,
    /// The segment it comes from.
    pub segment: &'a Segment,
    /// That segment's index in the layout.
    pub index: usize,
    /// Where it is relative to the label.
    pub place: Place,
    /// The words after the label on the label's own segment ("Total" | "6%
    /// supplies (excl. GST):" | "26.60"); for a value inline, its text too.
    pub after_label: &'a str,
}

/// A value found for a field.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate<T> {
    /// The value.
    pub value: T,
    /// Belief in [0, 1].
    pub score: f32,
    /// 1-based page.
    pub page: u32,
    /// Where the value is.
    pub bbox: BBox,
    /// The text it was read from.
    pub source: String,
    /// Index of the segment that holds the value.
    pub segment: usize,
}

impl<T> Candidate<T> {
    /// A candidate whose evidence is segment `i`.
    pub fn at(ctx: &Context<'_>, i: usize, value: T, score: f32) -> Candidate<T> {
        let s = &ctx.layout.segments[i];
        Candidate { value, score, page: s.page, bbox: s.bbox, source: s.text.clone(), segment: i }
    }

    /// The same evidence with the value changed by `f`.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Candidate<U> {
        Candidate {
            value: f(self.value),
            score: self.score,
            page: self.page,
            bbox: self.bbox,
            source: self.source,
            segment: self.segment,
        }
    }

    /// The better of two candidates; the earlier one on ties.
    pub fn better(self, other: Candidate<T>) -> Candidate<T> {
        if other.score > self.score { other } else { self }
    }
}

/// The highest confidence of a value that no check has confirmed.
pub const UNVERIFIED_MAX: f32 = 0.85;

/// The confidence of a value confirmed by a checksum or by arithmetic.
pub const VERIFIED: f32 = 0.97;

/// Score of an identifier read by OCR with a letter misread that its
/// checksum confirms once mended: likely, but a guess.
pub const MENDED_ID: f32 = 0.8;

/// How specific a label is: long labels ("sąskaitos nr") are strong, short and
/// generic ones ("nr", "data", "total") weak.
pub fn label_weight(hit: &LabelHit<'_>) -> f32 {
    let n = hit.label.text.chars().count() as f32;
    (0.55 + n * 0.04).min(1.0)
}

/// The places where the value announced by the label at the start of segment
/// `index` may be, best first.
pub fn sources<'a>(ctx: &'a Context<'a>, index: usize, hit: &LabelHit<'_>) -> Vec<Source<'a>> {
    let seg = &ctx.layout.segments[index];
    let mut out = Vec::new();
    let inline = seg.text[hit.rest..].trim();
    if !inline.is_empty() {
        out.push(Source { text: inline, segment: seg, index, place: Place::Inline, after_label: inline });
    }
    if let Some(right) = ctx.right_of(index)
        && ctx.label_of(right).is_none()
    {
        let s = &ctx.layout.segments[right];
        out.push(Source { text: &s.text, segment: s, index: right, place: Place::Right, after_label: inline });
        // A label may run on in a segment of its own ("Total RM Incl." | "of
        // GST" | "11.80"): past words without a figure, the next segment.
        if !s.text.chars().any(|c| c.is_ascii_digit())
            && let Some(further) = ctx.right_of(right)
            && ctx.label_of(further).is_none()
        {
            let s = &ctx.layout.segments[further];
            out.push(Source { text: &s.text, segment: s, index: further, place: Place::Right, after_label: inline });
        }
    }
    if let Some(across) = ctx.right_across(index)
        && ctx.label_of(across).is_none()
    {
        let s = &ctx.layout.segments[across];
        out.push(Source { text: &s.text, segment: s, index: across, place: Place::Right, after_label: inline });
    }
    if let Some(below) = ctx.below(index)
        && ctx.label_of(below).is_none()
    {
        let s = &ctx.layout.segments[below];
        out.push(Source { text: &s.text, segment: s, index: below, place: Place::Below, after_label: inline });
    }
    out
}

impl Source<'_> {
    /// How much a value read here after the label `hit` is believed, its
    /// reading being of `quality`. A value read next to a label is a
    /// reading, not a proof: it stays below the 0.9 that means "no review
    /// needed" unless a check (checksum, arithmetic) later confirms it.
    pub fn belief(&self, hit: &LabelHit<'_>, quality: f32) -> f32 {
        (label_weight(hit) * self.place.weight() * quality * self.segment.confidence.max(0.3)).min(UNVERIFIED_MAX)
    }
}

/// Reads every labelled value of `role` with `parse`, and returns the best.
pub fn best<'a, T>(
    ctx: &'a Context<'a>,
    roles: &[Role],
    parse: impl Fn(&Source<'a>) -> Option<(T, f32)>,
) -> Option<Candidate<T>> {
    all(ctx, roles, parse).into_iter().reduce(Candidate::better)
}

/// Reads every labelled value of `role` with `parse`, in reading order: one
/// per label, from the first place that holds a value.
pub fn all<'a, T>(
    ctx: &'a Context<'a>,
    roles: &[Role],
    parse: impl Fn(&Source<'a>) -> Option<(T, f32)>,
) -> Vec<Candidate<T>> {
    let mut out = Vec::new();
    for (index, hit) in ctx.labels() {
        if !roles.contains(&hit.label.role) {
            continue;
        }
        for src in sources(ctx, index, &hit) {
            let Some((value, quality)) = parse(&src) else { continue };
            let score = src.belief(&hit, quality);
            let c = Candidate {
                value,
                score,
                page: src.segment.page,
                bbox: src.segment.bbox,
                source: src.segment.text.clone(),
                segment: src.index,
            };
            out.push(c);
            break;
        }
    }
    out
}

/// The last amount in a text (totals print the amount at the right end),
/// passing over a lone digit after an amount with cents ("159.00 P 4": a
/// tax code, or specks read as a figure).
pub fn last_amount(ctx: &Context<'_>, text: &str) -> Option<Decimal> {
    match crate::values::amounts_in(text, ctx.hint).as_slice() {
        [.., a, b] if b.end - b.start == 1 && b.value.scale() == 0 && a.value.scale() > 0 => Some(a.value),
        [.., last] => Some(last.value),
        [] => None,
    }
}
