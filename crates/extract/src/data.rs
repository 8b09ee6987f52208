//! The canonical accounting data of one document (the corpus schema).
//!
//! Field names, order and value formats follow the canonical schema: amounts are
//! decimal strings with a dot, dates are ISO dates, rates carry no `%`, and absent
//! fields are left out of the JSON entirely.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};

/// What kind of accounting document this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocumentType {
    /// An invoice (including a VAT invoice or a debit note).
    Invoice,
    /// A credit note; its amounts are negative.
    CreditNote,
    /// A till receipt or restaurant bill.
    Receipt,
}

/// How a receipt was paid.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// Paid by a payment card.
    Card,
    /// Paid in cash.
    Cash,
}

/// A supplier or buyer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Name as printed, including the legal form.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// National registration number (LT įmonės kodas, DK CVR, UK CRN…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub company_code: Option<String>,
    /// VAT identifier with its country prefix.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_id: Option<String>,
    /// Address lines joined with `", "`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// Bank account as an IBAN, without spaces (supplier only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub iban: Option<String>,
    /// Bank identifier code (supplier only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub swift: Option<String>,
}

impl Party {
    /// True when no field is set.
    pub fn is_empty(&self) -> bool {
        self == &Party::default()
    }
}

/// Taxable amount and tax at one VAT rate.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VatLine {
    /// The rate in percent, e.g. `21`.
    pub rate: Decimal,
    /// The taxable amount at this rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net: Option<Decimal>,
    /// The tax at this rate.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat: Option<Decimal>,
}

/// One line of the item table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LineItem {
    /// The item text; wrapped lines joined with one space.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Quantity, signed on credit notes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<Decimal>,
    /// Unit as printed (`vnt.`, `kg`, `stk.`, a UN/ECE code…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Price per unit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_price: Option<Decimal>,
    /// Line total (before VAT on invoices, VAT-inclusive on receipts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_amount: Option<Decimal>,
    /// VAT rate applying to the line, in percent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_rate: Option<Decimal>,
}

/// The accounting data of one document in the canonical schema.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InvoiceData {
    /// Invoice, credit note or receipt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_type: Option<DocumentType>,
    /// ISO 639-1 code of the document's main language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub language: Option<String>,
    /// The document's own number (series and number joined by a space).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invoice_number: Option<String>,
    /// Date of issue.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue_date: Option<NaiveDate>,
    /// Payment deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_date: Option<NaiveDate>,
    /// ISO 4217 currency code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub currency: Option<String>,
    /// The seller or issuing merchant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub supplier: Option<Party>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub buyer: Option<Party>,
    /// Total before VAT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub net_total: Option<Decimal>,
    /// Total VAT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vat_total: Option<Decimal>,
    /// Total including VAT.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gross_total: Option<Decimal>,
    /// One entry per VAT rate, in descending rate order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vat_breakdown: Vec<VatLine>,
    /// Item lines in printed order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub line_items: Vec<LineItem>,
    /// Structured reference the payer must quote.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_reference: Option<String>,
    /// Receipts: how the bill was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethod>,
    /// Receipts: tip or service on top of the bill.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tip: Option<Decimal>,
}
