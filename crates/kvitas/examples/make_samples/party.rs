//! Fictitious traders with structured addresses.
//!
//! The structured form is what the XML writers need; the canonical `Party` takes
//! the printed lines joined with ", ", so both come from the same fields and
//! cannot drift apart.

use kvitas_extract::Party;

/// A postal address. `town_first` prints "Bristol BS1 6XL" the British way
/// instead of "50667 Köln".
#[derive(Debug, Clone)]
pub struct Address {
    pub street: &'static str,
    pub postcode: &'static str,
    pub city: &'static str,
    pub country: Option<&'static str>,
    pub town_first: bool,
}

pub const fn address(street: &'static str, postcode: &'static str, city: &'static str) -> Address {
    Address { street, postcode, city, country: None, town_first: false }
}

impl Address {
    pub fn with_country(self, country: &'static str) -> Address {
        Address { country: Some(country), ..self }
    }

    pub fn british(self) -> Address {
        Address { town_first: true, ..self }
    }

    /// The address as printed, one entry per line.
    pub fn lines(&self) -> Vec<String> {
        let town = if self.town_first {
            format!("{} {}", self.city, self.postcode)
        } else {
            format!("{} {}", self.postcode, self.city)
        };
        let mut lines = vec![self.street.to_string(), town];
        lines.extend(self.country.map(str::to_string));
        lines
    }

    /// The address on one line, which is also its canonical form.
    pub fn one_line(&self) -> String {
        self.lines().join(", ")
    }
}

/// A supplier or buyer.
#[derive(Debug, Clone)]
pub struct Trader {
    pub name: String,
    pub company_code: Option<String>,
    pub vat_id: Option<String>,
    pub address: Address,
    pub iban: Option<String>,
    pub swift: Option<String>,
}

pub fn trader(name: &str, address: Address) -> Trader {
    Trader { name: name.to_string(), company_code: None, vat_id: None, address, iban: None, swift: None }
}

impl Trader {
    pub fn code(mut self, code: String) -> Trader {
        self.company_code = Some(code);
        self
    }

    pub fn vat(mut self, vat_id: String) -> Trader {
        self.vat_id = Some(vat_id);
        self
    }

    pub fn bank(mut self, iban: String, swift: &str) -> Trader {
        self.iban = Some(iban);
        self.swift = Some(swift.to_string());
        self
    }

    /// The canonical party: exactly the fields this trader prints.
    pub fn party(&self) -> Party {
        Party {
            name: Some(self.name.clone()),
            company_code: self.company_code.clone(),
            vat_id: self.vat_id.clone(),
            address: Some(self.address.one_line()),
            iban: self.iban.clone(),
            swift: self.swift.clone(),
        }
    }
}
