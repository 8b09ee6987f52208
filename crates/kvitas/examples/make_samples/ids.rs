//! Identifiers with valid check digits, built from fictitious base numbers.
//!
//! Each builder takes the digits without the check digit and appends it, so a
//! sample can never print an identifier that a checksum validator rejects. The
//! algorithms are those of `shared/docs/domain.md`.

use anyhow::{Result, bail, ensure};

fn digits(text: &str) -> Result<Vec<u32>> {
    text.chars().map(|c| c.to_digit(10).ok_or_else(|| anyhow::anyhow!("{text:?} is not all digits"))).collect()
}

fn weighted(values: &[u32], weights: impl Iterator<Item = u32>) -> u32 {
    values.iter().zip(weights).map(|(d, w)| d * w).sum()
}

/// A Lithuanian company code (įmonės kodas): eight digits and a mod-11 check
/// digit with weights 1..8. A remainder of 10 has no agreed second pass for
/// company codes, so such a base is refused and the caller picks another.
pub fn lt_company_code(base: &str) -> Result<String> {
    let d = digits(base)?;
    ensure!(d.len() == 8, "a Lithuanian company code base has 8 digits, got {base:?}");
    let check = weighted(&d, 1..=8) % 11;
    ensure!(check != 10, "{base:?} gives remainder 10; choose another company code base");
    Ok(format!("{base}{check}"))
}

/// A Lithuanian legal-entity VAT code: `LT`, seven digits, the digit 1 and a
/// check digit (weights 1..8, falling back to 3..9,1 on a remainder of 10).
pub fn lt_vat_code(base7: &str) -> Result<String> {
    let body = format!("{base7}1");
    let d = digits(&body)?;
    ensure!(d.len() == 8, "a Lithuanian VAT code base has 7 digits, got {base7:?}");
    let mut check = weighted(&d, 1..=8) % 11;
    if check == 10 {
        check = weighted(&d, [3, 4, 5, 6, 7, 8, 9, 1].into_iter()) % 11 % 10;
    }
    Ok(format!("LT{body}{check}"))
}

/// A Danish CVR number: eight digits whose weighted sum (2,7,6,5,4,3,2,1) is a
/// multiple of 11. Some bases have no valid last digit; they are refused.
pub fn dk_cvr(base7: &str) -> Result<String> {
    let d = digits(base7)?;
    ensure!(d.len() == 7 && d[0] != 0, "a CVR base has 7 digits and no leading zero, got {base7:?}");
    let rest = weighted(&d, [2, 7, 6, 5, 4, 3, 2].into_iter()) % 11;
    let last = (11 - rest) % 11;
    ensure!(last < 10, "{base7:?} has no valid CVR check digit; choose another base");
    Ok(format!("{base7}{last}"))
}

/// A UK VAT number (without `GB`): seven digits and two check digits chosen so
/// that the sum with weights 8..2, 10, 1 is a multiple of 97.
pub fn gb_vat(base7: &str) -> Result<String> {
    let d = digits(base7)?;
    ensure!(d.len() == 7, "a UK VAT base has 7 digits, got {base7:?}");
    let sum = weighted(&d, (2..=8).rev());
    let check = (97 - sum % 97) % 97;
    Ok(format!("{base7}{check:02}"))
}

/// A German USt-IdNr. (without `DE`): eight digits and an ISO 7064 MOD 11,10
/// check digit.
pub fn de_vat(base8: &str) -> Result<String> {
    let d = digits(base8)?;
    ensure!(d.len() == 8 && d[0] != 0, "a German VAT base has 8 digits, got {base8:?}");
    let mut product = 10;
    for digit in d {
        let mut sum = (digit + product) % 10;
        if sum == 0 {
            sum = 10;
        }
        product = (2 * sum) % 11;
    }
    let check = (11 - product) % 10;
    Ok(format!("{base8}{check}"))
}

/// An IBAN: country code, ISO 7064 mod-97 check digits, then the national
/// account number (BBAN).
pub fn iban(country: &str, bban: &str) -> Result<String> {
    ensure!(country.len() == 2 && country.chars().all(|c| c.is_ascii_uppercase()), "bad IBAN country {country:?}");
    // Lengths of the countries the samples use (ISO 13616 registry), so that a
    // mistyped account number fails here rather than in a test later.
    let length = match country {
        "DK" => 18,
        "LT" => 20,
        "DE" | "GB" => 22,
        _ => bail!("no IBAN length known for {country}"),
    };
    ensure!(bban.len() + 4 == length, "a {country} IBAN has {length} characters; BBAN {bban:?} does not fit");
    let remainder = mod97(&format!("{bban}{country}00"))?;
    let iban = format!("{country}{:02}{bban}", 98 - remainder);
    ensure!(iban_is_valid(&iban), "built an invalid IBAN {iban}");
    Ok(iban)
}

/// True when an IBAN's check digits are right.
pub fn iban_is_valid(iban: &str) -> bool {
    iban.len() > 4 && mod97(&format!("{}{}", &iban[4..], &iban[..4])).is_ok_and(|r| r == 1)
}

/// The remainder mod 97 of an alphanumeric string read with A = 10 … Z = 35.
fn mod97(text: &str) -> Result<u32> {
    let mut remainder = 0u32;
    for c in text.chars() {
        let value = match c {
            '0'..='9' => c as u32 - '0' as u32,
            'A'..='Z' => c as u32 - 'A' as u32 + 10,
            _ => bail!("{c:?} cannot appear in an IBAN"),
        };
        let width = if value >= 10 { 100 } else { 10 };
        remainder = (remainder * width + value) % 97;
    }
    Ok(remainder)
}

/// Appends the Luhn (modulus 10) check digit, as on Danish FI payment ids.
pub fn luhn(payload: &str) -> Result<String> {
    let d = digits(payload)?;
    // Doubling starts at the rightmost payload digit, because the check digit
    // that follows it takes the undoubled position.
    let sum: u32 = d
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &digit)| {
            if i % 2 == 0 {
                let doubled = digit * 2;
                if doubled > 9 { doubled - 9 } else { doubled }
            } else {
                digit
            }
        })
        .sum();
    Ok(format!("{payload}{}", (10 - sum % 10) % 10))
}

/// Groups an identifier in blocks of four, the way IBANs are printed.
pub fn grouped4(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    chars.chunks(4).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_examples_check_out() {
        assert_eq!(lt_company_code("30281111").ok().as_deref(), Some("302811111"));
        assert_eq!(lt_vat_code("1234567").ok().as_deref(), Some("LT123456715"));
        assert_eq!(dk_cvr("1358562").ok().as_deref(), Some("13585628"));
        assert_eq!(luhn("00000000117180").ok().as_deref(), Some("000000001171800"));
        assert!(iban_is_valid("GB82WEST12345698765432"));
        assert_eq!(de_vat("13645845").ok().as_deref(), Some("136458457"));
    }
}
