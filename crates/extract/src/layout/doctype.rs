//! Document type (invoice, credit note, receipt) and how a receipt was paid.

use rust_decimal::Decimal;

use super::candidates::Candidate;
use super::context::Context;

use super::lexicon::{LabelHit, Role, folded, lexicon};
use crate::data::{DocumentType, PaymentMethod};
use crate::document::BBox;

/// The type told by the document's title on its first page; receipts are also
/// told by their narrow page.
pub fn document_type(ctx: &Context<'_>) -> Candidate<DocumentType> {
    let titles: Vec<(usize, Role)> = ctx
        .labels()
        .filter(|(i, _)| ctx.layout.segments[*i].page == 1)
        .filter(|(_, h)| matches!(h.label.role, Role::CreditNote | Role::Receipt | Role::Invoice))
        .map(|(i, h)| (i, h.label.role))
        .collect();
    if let Some((i, kind)) = titles.iter().find_map(|(i, _)| type_code(&ctx.layout.segments[*i].text).map(|k| (i, k))) {
        return Candidate::at(ctx, *i, kind, 0.9);
    }
    if let Some((i, _)) = titles.iter().find(|(_, r)| *r == Role::CreditNote) {
        return Candidate::at(ctx, *i, DocumentType::CreditNote, 0.9);
    }
    if let Some(i) = misread_credit_title(ctx) {
        return Candidate::at(ctx, i, DocumentType::CreditNote, 0.7);
    }
    let narrow = ctx.doc.pages.first().is_some_and(|p| p.width < p.height * 0.55);
    if let Some((i, _)) = titles.iter().find(|(_, r)| *r == Role::Receipt) {
        return Candidate::at(ctx, *i, DocumentType::Receipt, if narrow { 0.95 } else { 0.8 });
    }
    let paid = ctx.labels().any(|(_, h)| matches!(h.label.role, Role::Card | Role::Cash | Role::Change));
    // A till slip titled "tax invoice" that shows how it was paid, with no
    // buyer and no payment deadline, is a receipt.
    let billed = ctx.labels().any(|(i, h)| bills(ctx, i, &h));
    if let Some((i, _)) = titles.iter().find(|(_, r)| *r == Role::Invoice) {
        if paid && !billed {
            return Candidate::at(ctx, *i, DocumentType::Receipt, 0.7);
        }
        return Candidate::at(ctx, *i, DocumentType::Invoice, if narrow { 0.7 } else { 0.85 });
    }
    let kind = if narrow || paid { DocumentType::Receipt } else { DocumentType::Invoice };
    Candidate {
        value: kind,
        score: 0.6,
        page: 1,
        bbox: BBox::new(0.0, 0.0, 0.0, 0.0),
        source: String::new(),
        segment: 0,
    }
}

/// True when segment `i`, opening with label `hit`, shows a buyer billed or
/// a payment deadline: a due date's label with figures after it ("Pay by:
/// CASH" says how, not when), a buyer's label of several words ("Bill to"),
/// or of one word as a heading or before a name ("To:", "Customer: Acme";
/// not "to view our terms", nor a loyalty number "Customer: [7785]").
fn bills(ctx: &Context<'_>, i: usize, hit: &LabelHit<'_>) -> bool {
    let segs = &ctx.layout.segments;
    let text = &segs[i].text;
    let rest = text.get(hit.rest..).unwrap_or_default().trim();
    match hit.label.role {
        Role::DueDate => {
            let right = ctx.right_of(i).map(|j| segs[j].text.as_str()).unwrap_or_default();
            rest.chars().chain(right.chars()).any(|c| c.is_ascii_digit())
        }
        Role::Buyer => {
            let colon = text.get(..hit.rest).is_some_and(|t| t.contains(':'));
            hit.label.text.contains(' ') || rest.is_empty() || (colon && rest.chars().any(char::is_alphabetic))
        }
        _ => false,
    }
}

/// A credit note's title read by OCR with a letter lost or misread
/// ("REDITINĖ PVM SĄSKAITA", "KREDITINE PVM SĄSKAITA FAKTURA"): a segment in
/// the top part of a scanned first page that opens with a word one edit from
/// the first word of a credit-note title, a long word (eight letters or more)
/// so that no ordinary word comes that close.
fn misread_credit_title(ctx: &Context<'_>) -> Option<usize> {
    if !ctx.ocr_pages.contains(&1) {
        return None;
    }
    let words: Vec<String> = lexicon()
        .labels_of(Role::CreditNote)
        .filter_map(|l| l.split_whitespace().next())
        .filter(|w| w.chars().count() >= 8)
        .map(folded)
        .collect();
    let bottom = ctx.layout.text_bottom(1);
    ctx.layout.segments.iter().position(|s| {
        let first = s.text.split_whitespace().next().unwrap_or_default();
        s.page == 1
            && s.bbox.y0 < bottom * 0.4
            && first.chars().count() >= 8
            && first.chars().all(char::is_alphabetic)
            && words.iter().any(|w| strsim::levenshtein(&folded(first), w) <= 1)
    })
}

/// Document type codes of UNTDID 1001 as EN 16931 and its German profiles use
/// them: invoices (commercial, partial, corrected, self-billed, prepayment,
/// insurer's…) and credit notes.
const INVOICE_CODES: &[&str] = &["380", "383", "384", "386", "389", "326", "751", "875", "876", "877", "575"];
const CREDIT_NOTE_CODES: &[&str] = &["381", "261", "262", "296", "308", "396", "420", "458", "532"];

/// The type a title states by its code in brackets ("Handelsrechnung (380)",
/// "Gutschrift (Selbst ausgestellte Rechnung) (389)": a self-billed invoice).
fn type_code(title: &str) -> Option<DocumentType> {
    title.split_whitespace().find_map(|w| {
        let code = w.strip_prefix('(')?.strip_suffix(')')?;
        if INVOICE_CODES.contains(&code) {
            Some(DocumentType::Invoice)
        } else if CREDIT_NOTE_CODES.contains(&code) {
            Some(DocumentType::CreditNote)
        } else {
            None
        }
    })
}

/// Card or cash, from the payment lines at the foot of a receipt.
pub fn payment_method(ctx: &Context<'_>) -> Option<Candidate<PaymentMethod>> {
    let mut found: Option<Candidate<PaymentMethod>> = None;
    for (i, h) in ctx.labels() {
        let method = match h.label.role {
            Role::Card => PaymentMethod::Card,
            Role::Cash | Role::Change => PaymentMethod::Cash,
            _ => continue,
        };
        // The last payment line decides: "Cash 20,00 / Change 2,60" is cash.
        found = Some(Candidate::at(ctx, i, method, 0.85));
    }
    found
}

/// A receipt without a tip line has a tip of zero.
pub fn no_tip() -> Candidate<Decimal> {
    Candidate {
        value: Decimal::new(0, 2),
        score: 0.8,
        page: 1,
        bbox: BBox::new(0.0, 0.0, 0.0, 0.0),
        source: String::new(),
        segment: 0,
    }
}
