//! Parsers for the values printed on invoices and receipts: amounts, VAT rates,
//! quantities, dates, currencies and countries.
//!
//! Every finder works on arbitrary text and reports byte offsets that are valid
//! `str` slice boundaries, so a caller can slice the input with them. None of the
//! functions panics on any input.

mod amount;
mod country;
mod currency;
mod date;
pub(crate) mod scan;

pub use amount::{AmountMatch, DecimalHint, RateMatch, amounts_in, parse_amount, parse_quantity, rates_in};
pub use country::country_code;
pub use currency::{KRONE, currencies_in, resolve_krone};
pub use date::{DateMatch, DateOrder, dates_in, infer_date_order};
