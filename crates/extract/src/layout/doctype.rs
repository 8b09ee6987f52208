//! Document type (invoice, credit note, receipt) and how a receipt was paid.

use rust_decimal::Decimal;

use super::candidates::Candidate;
use super::context::Context;
use super::lexicon::Role;
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
    let narrow = ctx.doc.pages.first().is_some_and(|p| p.width < p.height * 0.55);
    if let Some((i, _)) = titles.iter().find(|(_, r)| *r == Role::Receipt) {
        return Candidate::at(ctx, *i, DocumentType::Receipt, if narrow { 0.95 } else { 0.8 });
    }
    let paid = ctx.labels().any(|(_, h)| matches!(h.label.role, Role::Card | Role::Cash | Role::Change));
    // A till slip titled "tax invoice" that shows how it was paid, with no
    // buyer and no payment deadline, is a receipt.
    let billed = ctx.labels().any(|(_, h)| matches!(h.label.role, Role::Buyer | Role::DueDate));
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
