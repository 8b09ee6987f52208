//! Label lexicons: the words that announce each field, per language, loaded from
//! `lexicon/labels.toml` and checked when first used.

use std::collections::{BTreeMap, HashMap};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use serde::Deserialize;

/// What a label announces: a field, a party block, a document title, a payment
/// kind, or an item-table column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Role {
    InvoiceNumber,
    Series,
    IssueDate,
    DueDate,
    Currency,
    NetTotal,
    VatTotal,
    GrossTotal,
    Tip,
    /// Rounding of the total to the smallest coin ("Rounding Adj", "Øreafrunding").
    Rounding,
    /// A discount taken off a receipt's subtotal ("Coupon Discount").
    Discount,
    /// The items' total before discounts are taken off ("Goods total",
    /// "Suma be nuolaidų"): no net total, but it ends the item table.
    GoodsTotal,
    /// A running total carried from one page of the item table to the next
    /// ("Carried forward", "Perkelta", "Transport"): no item.
    CarriedForward,
    PaymentReference,
    Iban,
    Swift,
    CompanyCode,
    VatId,
    /// The buyer's VAT id, labelled as the buyer's outside the buyer's block
    /// ("Customer VAT Number", "N° TVA client").
    BuyerVatId,
    Address,
    /// A party's name, labelled inside its block ("Name:", "Firma:").
    PartyName,
    /// The heading of a delivery address ("Delivery Address", "Ship to"),
    /// which is not the invoiced party's.
    ShipTo,
    Supplier,
    Buyer,
    CreditNote,
    Invoice,
    Receipt,
    Card,
    Cash,
    /// Change given back on a cash payment.
    Change,
    ColDescription,
    ColQuantity,
    ColUnit,
    ColUnitPrice,
    ColNetAmount,
    ColVatRate,
    ColPosition,
    ColCode,
    /// The discount taken off a line, in per cent or as an amount.
    ColDiscount,
    /// A value that looks like a field but is not it (delivery date, customer number).
    Avoid,
}

/// A language the lexicon has words for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
#[allow(missing_docs)]
pub enum Lang {
    Lt,
    Da,
    En,
    De,
    Fr,
}

impl Lang {
    /// The ISO 639-1 code.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Lt => "lt",
            Lang::Da => "da",
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
        }
    }

    /// The ISO 639-2 code, as OCR language data is named.
    pub fn code3(self) -> &'static str {
        match self {
            Lang::Lt => "lit",
            Lang::Da => "dan",
            Lang::En => "eng",
            Lang::De => "deu",
            Lang::Fr => "fra",
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    labels: BTreeMap<Role, BTreeMap<Lang, Vec<String>>>,
    avoid: BTreeMap<Lang, Vec<String>>,
    company_forms: BTreeMap<Lang, Vec<String>>,
    units: BTreeMap<Lang, Vec<String>>,
    street_words: BTreeMap<Lang, Vec<String>>,
    salutations: BTreeMap<Lang, Vec<String>>,
    title_compounds: BTreeMap<Lang, Vec<String>>,
    due_leads: BTreeMap<Lang, Vec<String>>,
    due_until: BTreeMap<Lang, Vec<String>>,
    debit_phrases: BTreeMap<Lang, Vec<String>>,
    base_leads: BTreeMap<Lang, Vec<String>>,
}

/// One label text with what it announces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The normalised label text (lower case, single spaces, no trailing punctuation).
    pub text: String,
    /// What it announces.
    pub role: Role,
    /// The language it belongs to.
    pub lang: Lang,
}

/// All labels, longest first, so that the first match is the most specific.
#[derive(Debug)]
pub struct Lexicon {
    labels: Vec<Label>,
    /// For each first character, the indices of the labels that start with
    /// it, in the order of `labels`: a text is compared only with those.
    by_first: HashMap<char, Vec<usize>>,
    /// Legal forms and words that mark a business name ("uab", "aps",
    /// "sdn bhd"), as word sequences of [`words`].
    company_forms: Vec<Vec<String>>,
    /// One-word legal forms with letters outside ASCII ("iį", "všį"), by
    /// language.
    lettered_forms: Vec<(Lang, String)>,
    /// Units of measure as printed ("vnt.", "m³", "pcs").
    units: Vec<String>,
    /// Words that name a street ("jalan", "rue"), lower case.
    street_words: Vec<String>,
    /// Forms of address that open a person's name ("herrn", "mr."), lower case.
    salutations: Vec<String>,
    /// Word endings that make a document's name out of a compound
    /// ("handelsrechnung" ends in "rechnung"), lower case.
    title_compounds: Vec<String>,
    /// Words that open a payment-terms sentence ("zahlbar", "payable"), and
    /// the words after which such a sentence gives the due date ("bis",
    /// "by"), each with its language, lower case.
    due_leads: Vec<(Lang, String)>,
    due_until: Vec<(Lang, String)>,
    /// Phrases that say an amount is taken from the customer's own account
    /// ("von Ihrem Konto"), lower case.
    debit_phrases: Vec<(Lang, String)>,
    /// Words that open a line giving the base of the tax line above it
    /// ("Be PVM", "excl. VAT"), lower case.
    base_leads: Vec<(Lang, String)>,
}

/// A label found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelHit<'a> {
    /// The label.
    pub label: &'a Label,
    /// Byte offset in the original text where the value may start (after the
    /// label and any `:`, `.`, `#` or `No` that follows it).
    pub rest: usize,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| {
    // The file ships inside the binary, so a mistake in it is a programming error
    // found by the unit tests, not something a user can cause.
    Lexicon::parse(include_str!("../../lexicon/labels.toml")).unwrap_or_else(|e| panic!("lexicon/labels.toml: {e}"))
});

/// The built-in lexicon.
pub fn lexicon() -> &'static Lexicon {
    &LEXICON
}

/// The words of `text` in lower case, split at anything but letters, digits
/// and `/` ("S/B", "A/S" stay whole; "SDN. BHD." gives "sdn", "bhd").
fn words(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !(c.is_alphanumeric() || c == '/'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// True when `text` starts with the words of `phrase` (both lower case).
fn starts_with_words(text: &str, phrase: &str) -> bool {
    text.strip_prefix(phrase).is_some_and(at_word_end)
}

/// True when `after` (the text after a match) does not go on with a letter
/// or digit of the same word: "nr" does not end a word in "nrx".
fn at_word_end(after: &str) -> bool {
    after.chars().next().is_none_or(|c| !c.is_alphanumeric())
}

/// Lower case with runs of whitespace folded to one space.
pub fn normalize(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Lexicon {
    /// Parses and checks a lexicon file.
    pub fn parse(toml_text: &str) -> Result<Lexicon, String> {
        let file: File = toml::from_str(toml_text).map_err(|e| e.to_string())?;
        let mut labels = Vec::new();
        let entries = file.labels.into_iter().chain(std::iter::once((Role::Avoid, file.avoid)));
        for (role, langs) in entries {
            for (lang, texts) in langs {
                for t in texts {
                    let text = normalize(t.trim_end_matches([':', ' ']));
                    if text.is_empty() {
                        return Err(format!("an empty label for {role:?} in {}", lang.code()));
                    }
                    labels.push(Label { text, role, lang });
                }
            }
        }
        labels.sort_by(|a, b| b.text.chars().count().cmp(&a.text.chars().count()).then(a.text.cmp(&b.text)));
        let mut by_first: HashMap<char, Vec<usize>> = HashMap::new();
        for (i, label) in labels.iter().enumerate() {
            if let Some(c) = label.text.chars().next() {
                by_first.entry(c).or_default().push(i);
            }
        }
        let mut company_forms = Vec::new();
        let mut lettered_forms = Vec::new();
        for (lang, forms) in file.company_forms {
            for form in forms {
                let w = words(&form);
                if w.is_empty() {
                    return Err(format!("an empty company form in {}", lang.code()));
                }
                if let [one] = &w[..]
                    && !one.is_ascii()
                {
                    lettered_forms.push((lang, one.clone()));
                }
                company_forms.push(w);
            }
        }
        // Sections whose entries are single words, in the form `form` gives
        // them, each once.
        let one_words =
            |map: BTreeMap<Lang, Vec<String>>, what: &str, form: fn(&str) -> String| -> Result<Vec<String>, String> {
                let mut out: Vec<String> = Vec::new();
                for (lang, words) in map {
                    for word in words {
                        let word = form(&word);
                        if word.is_empty() || word.contains(char::is_whitespace) {
                            return Err(format!("a {what} in {} must be one word", lang.code()));
                        }
                        if !out.contains(&word) {
                            out.push(word);
                        }
                    }
                }
                Ok(out)
            };
        // Units as printed: case, dots and superscripts tell them apart.
        let units = one_words(file.units, "unit", str::to_owned)?;
        let street_words = one_words(file.street_words, "street word", normalize)?;
        let salutations = one_words(file.salutations, "salutation", normalize)?;
        let title_compounds = one_words(file.title_compounds, "title compound", normalize)?;
        let phrases = |map: BTreeMap<Lang, Vec<String>>, what: &str| -> Result<Vec<(Lang, String)>, String> {
            let mut out = Vec::new();
            for (lang, texts) in map {
                for t in texts {
                    let t = normalize(&t);
                    if t.is_empty() {
                        return Err(format!("an empty {what} in {}", lang.code()));
                    }
                    out.push((lang, t));
                }
            }
            // Longest first, so that "bis zum" is tried before "bis".
            out.sort_by_key(|(_, t)| std::cmp::Reverse(t.len()));
            Ok(out)
        };
        let due_leads = phrases(file.due_leads, "payment-terms lead")?;
        let due_until = phrases(file.due_until, "due-date word")?;
        let debit_phrases = phrases(file.debit_phrases, "direct-debit phrase")?;
        let base_leads = phrases(file.base_leads, "tax-base lead")?;
        Ok(Lexicon {
            labels,
            by_first,
            company_forms,
            lettered_forms,
            units,
            street_words,
            salutations,
            title_compounds,
            due_leads,
            due_until,
            debit_phrases,
            base_leads,
        })
    }

    /// True when `text` starts with words that say it gives a tax line's
    /// base ("Be PVM   40,10" under "PVM A 21%   8,42").
    pub fn is_base_line(&self, text: &str) -> bool {
        let lower = normalize(text);
        self.base_leads.iter().any(|(_, p)| starts_with_words(&lower, p))
    }

    /// True when `text` says an amount is collected from the customer's own
    /// account ("… wird von Ihrem Konto mit IBAN … eingezogen"): an account
    /// named there is the buyer's.
    pub fn is_debit_text(&self, text: &str) -> bool {
        let lower = normalize(text);
        self.debit_phrases.iter().any(|(_, p)| lower.contains(p.as_str()))
    }

    /// The legal forms of two or more words ("sdn bhd"), lower case.
    pub fn compound_forms(&self) -> impl Iterator<Item = &[String]> {
        self.company_forms.iter().filter(|f| f.len() >= 2).map(Vec::as_slice)
    }

    /// The label texts of a role, normalised.
    pub fn labels_of(&self, role: Role) -> impl Iterator<Item = &str> {
        self.labels.iter().filter(move |l| l.role == role).map(|l| l.text.as_str())
    }

    /// The unit of measure that a unit read by OCR stands for: itself when
    /// it is one; otherwise the one unit of three or more characters that
    /// differs from it in one character ("pes" → "pcs", "malš." → "maiš.");
    /// a capital I alone is a litre's "l".
    pub fn unit_as_printed<'a>(&'a self, read: &'a str) -> Option<&'a str> {
        if self.units.iter().any(|u| u == read) {
            return Some(read);
        }
        if read == "I" {
            return self.units.iter().find(|u| *u == "l").map(String::as_str);
        }
        let chars: Vec<char> = read.chars().collect();
        if chars.len() < 3 {
            return None;
        }
        let mut near = self.units.iter().filter(|u| {
            let unit: Vec<char> = u.chars().collect();
            unit.len() == chars.len() && unit.iter().zip(&chars).filter(|(a, b)| a != b).count() == 1
        });
        if let (Some(u), None) = (near.next(), near.next()) {
            return Some(u);
        }
        // Its marks and final stop lost ("men" for "mėn.", "vnt" for "vnt."):
        // the one unit that reads so without them.
        let bare = |t: &str| folded(t.strip_suffix('.').unwrap_or(t));
        let read_bare = bare(read);
        let mut plain = self.units.iter().filter(|u| bare(u) == read_bare);
        match (plain.next(), plain.next()) {
            (Some(u), None) => Some(u),
            _ => None,
        }
    }

    /// True when `text` is only a form of address ("Herrn", "Mr.").
    pub fn is_salutation(&self, text: &str) -> bool {
        let t = normalize(text);
        self.salutations.iter().any(|s| *s == t || s.strip_suffix('.').is_some_and(|s| s == t))
    }

    /// True when `text`, bracketed parts aside, is nothing but legal forms
    /// ("(M) SDN BHD", "CO. (M) SDN BHD"): the end of a name whose start
    /// stands on the line above.
    pub fn only_company_forms(&self, text: &str) -> bool {
        let mut depth = 0usize;
        let unbracketed: String = text
            .chars()
            .filter(|&c| {
                match c {
                    '(' | '[' => depth += 1,
                    ')' | ']' => depth = depth.saturating_sub(1),
                    _ => return depth == 0,
                }
                false
            })
            .collect();
        let w = words(&unbracketed);
        let mut i = 0;
        while i < w.len() {
            if let Some(form) = self.company_forms.iter().find(|f| w[i..].starts_with(f)) {
                i += form.len();
            } else if matches!(w[i].as_str(), "co" | "&") {
                i += 1;
            } else {
                return false;
            }
        }
        !w.is_empty()
    }

    /// True when `text` holds a word that names a street ("Jalan Lapangan
    /// Terbang", "Autoroute Rabat Meknès").
    pub fn names_street(&self, text: &str) -> bool {
        words(text).iter().any(|w| self.street_words.contains(w))
    }

    /// True when `text` holds a legal form or business word as whole words
    /// ("BOOK TA.K SDN. BHD", "UAB „Liepų kepykla“").
    pub fn has_company_form(&self, text: &str) -> bool {
        let w = words(text);
        self.company_forms.iter().any(|form| w.windows(form.len()).any(|win| win == form.as_slice()))
    }

    /// The one-word legal form of `lang` that `word` spells without its
    /// diacritics ("II" for "iį", "VSI" for "všį"), in lower case.
    pub fn form_without_diacritics(&self, word: &str, lang: Lang) -> Option<&str> {
        let lower = word.to_lowercase();
        (word.is_ascii() && word.chars().all(char::is_alphabetic))
            .then(|| self.lettered_forms.iter().find(|(l, f)| *l == lang && folded(f) == lower))
            .flatten()
            .map(|(_, f)| f.as_str())
    }

    /// Word endings that name a document inside a compound word.
    pub fn title_compounds(&self) -> &[String] {
        &self.title_compounds
    }

    /// The language of the payment-terms lead that `text` starts with
    /// ("Zahlbar innerhalb 30 Tagen …"), if any.
    pub fn due_lead(&self, text: &str) -> Option<Lang> {
        let lower = normalize(text);
        self.due_leads.iter().find(|(_, l)| starts_with_words(&lower, l)).map(|(lang, _)| *lang)
    }

    /// True when `text` ends with a word of `lang` after which payment terms
    /// give the due date ("… netto bis").
    pub fn ends_with_due_until(&self, text: &str, lang: Lang) -> bool {
        let lower = normalize(text);
        self.due_until.iter().filter(|(l, _)| *l == lang).any(|(_, u)| {
            lower.strip_suffix(u.as_str()).is_some_and(|before| before.is_empty() || before.ends_with(' '))
        })
    }

    /// Every label.
    pub fn labels(&self) -> &[Label] {
        &self.labels
    }

    /// The most specific label that `text` starts with, on a word boundary.
    pub fn label_at_start<'a>(&'a self, text: &str) -> Option<LabelHit<'a>> {
        self.labels_at_start(text).next()
    }

    /// All labels that `text` starts with, most specific first.
    pub fn labels_at_start<'a, 'b>(&'a self, text: &'b str) -> impl Iterator<Item = LabelHit<'a>> + 'b
    where
        'a: 'b,
    {
        let lower = normalize_with_map(text);
        let candidates = lower.0.chars().next().and_then(|c| self.by_first.get(&c)).map_or(&[][..], Vec::as_slice);
        candidates.iter().filter_map(move |&i| {
            let label = &self.labels[i];
            let (norm, map) = &lower;
            if !norm.starts_with(label.text.as_str()) {
                return None;
            }
            let after = &norm[label.text.len()..];
            // A label must end on a word boundary: "nr" must not match "nrx".
            let boundary = at_word_end(after) || label.text.ends_with(|c: char| !c.is_alphanumeric());
            if !boundary {
                return None;
            }
            let skip = value_start(after);
            let norm_offset = label.text.len() + skip;
            let rest = map.get(norm_offset).copied().unwrap_or(text.len());
            Some(LabelHit { label, rest })
        })
    }

    /// Like [`Lexicon::label_at_start`], but for OCR text: when no label matches
    /// exactly, a label of five or more letters matches with one letter misread
    /// ("Klekis" for "Kiekis", "kalna" for "kaina"); and a label may follow
    /// a speck read as a token of punctuation, or as up to three small letters
    /// before a label printed in capitals ("| Total", "hei TOTAL").
    pub fn label_at_start_lenient<'a>(&'a self, text: &str) -> Option<LabelHit<'a>> {
        if let Some(hit) = self.misread_label_at_start(text) {
            return Some(hit);
        }
        // A speck or a box's rule run into the label ("[Pirkėjas", "_VAT"), or one
        // read as a quotation mark ("‘Bonnr.", "\"INVOICE NUMBER", "„Co. Reg").
        if let Some(first) = text.chars().next().filter(|c| "|¦‖[(_\"“”„‘’‚'".contains(*c))
            && let after = &text[first.len_utf8()..]
            && after.chars().next().is_some_and(char::is_alphabetic)
            && let Some(hit) = self.misread_label_at_start(after)
        {
            return Some(LabelHit { label: hit.label, rest: first.len_utf8() + hit.rest });
        }
        // Specks and rules at the paper's edge read as a short token before
        // the label ("| Total Sales", "hei TOTAL 343.95").
        let (first, after) = text.trim_start().split_once(char::is_whitespace)?;
        let after = after.trim_start();
        // A word in capitals of four or more letters after a short one in
        // small letters ("hei TOTAL"); a short word of the language before an
        // acronym ("be PVM") is text.
        let word = after.split_whitespace().next().unwrap_or_default();
        let shouted = word.chars().filter(|c| c.is_alphabetic()).count() >= 4
            && word.chars().all(|c| !c.is_alphabetic() || c.is_uppercase());
        let noise = first.chars().all(|c| SPECKS.contains(c))
            || (shouted && first.chars().count() <= 3 && first.chars().all(char::is_lowercase));
        if !noise || after.is_empty() {
            return None;
        }
        let offset = text.len() - after.len();
        self.misread_label_at_start(after).map(|h| LabelHit { label: h.label, rest: offset + h.rest })
    }

    /// [`Lexicon::label_at_start`], or a label of five or more letters with
    /// one letter misread; a longer label that starts with the one read
    /// exactly ("cash" in "Cash Saie") and matches but for a misread letter
    /// in a word of its own ("cash sale"), or but for its "#" read as another
    /// sign ("INVOICE +"), is the one printed.
    fn misread_label_at_start<'a>(&'a self, text: &str) -> Option<LabelHit<'a>> {
        let exact = self.label_at_start(text);
        let longer = |l: &Label| {
            exact.as_ref().is_none_or(|h| {
                l.text.strip_prefix(h.label.text.as_str()).is_some_and(|r| {
                    (r.starts_with(' ') && r.chars().filter(|c| c.is_alphabetic()).count() >= 3) || r == " #"
                })
            })
        };
        if exact.is_some() && !self.labels.iter().any(|l| l.text.chars().count() >= 5 && longer(l)) {
            return exact;
        }
        self.one_letter_misread(text, longer).or(exact)
    }

    /// A label of five or more letters, of those `allowed`, at the start of
    /// `text` with one letter misread.
    fn one_letter_misread<'a>(&'a self, text: &str, allowed: impl Fn(&Label) -> bool) -> Option<LabelHit<'a>> {
        let (norm, map) = normalize_with_map(text);
        let chars: Vec<(usize, char)> = norm.char_indices().collect();
        self.labels.iter().filter(|l| l.text.chars().count() >= 5 && allowed(l)).find_map(|label| {
            let n = label.text.chars().count();
            let prefix = chars.get(..n)?;
            let misses = prefix.iter().zip(label.text.chars()).filter(|((_, a), b)| a != b).count();
            // Spaces and punctuation must be where the label has them.
            // (OCR reads a thin "i" or "l" as "!" or "|": "IK!" for "iki";
            // at a word's end also as "]" or ":": "Tota]", "Grand Tota: :".)
            let word_end = |k: usize| chars.get(k + 1).is_none_or(|(_, c)| !c.is_alphanumeric());
            let thin = |k: usize, a: char, b: char| {
                matches!(b, 'i' | 'l') && (matches!(a, '!' | '|') || (matches!(a, ']' | ':') && word_end(k)))
            };
            let same_shape = prefix
                .iter()
                .zip(label.text.chars())
                .enumerate()
                .all(|(k, ((_, a), b))| a.is_alphanumeric() == b.is_alphanumeric() || thin(k, *a, b));
            let end = chars.get(n).map_or(norm.len(), |(i, _)| *i);
            let boundary = chars.get(n).is_none_or(|(_, c)| !c.is_alphanumeric());
            if misses > 1 || !same_shape || !boundary {
                return None;
            }
            // In a word of one or two letters only a misreading OCR makes
            // stands for the label's letter (its mark lost, a figure for a
            // letter, a look-alike: "IS VISO", "C0.REG"); another letter
            // makes another word ("Serija KR Nr." is not "Serija ir Nr.").
            let label_chars: Vec<char> = label.text.chars().collect();
            let miss = prefix.iter().zip(&label_chars).position(|((_, a), b)| a != b);
            if let Some(k) = miss {
                // (The letters of the label's word up to the end of the
                // misread run of letters.)
                let start = label_chars[..k].iter().rposition(|c| !c.is_alphanumeric()).map_or(0, |i| i + 1);
                let end =
                    label_chars[k..].iter().position(|c| !c.is_alphanumeric()).map_or(label_chars.len(), |i| k + i);
                let len = end - start;
                let (read, meant) = (prefix[k].1, label_chars[k]);
                let like = read.is_ascii_digit()
                    || folded(&read.to_string()) == folded(&meant.to_string())
                    || crate::ocr_fix::one_lookalike_apart(&read.to_string(), &meant.to_string());
                if (1..=2).contains(&len) && !like {
                    return None;
                }
            }
            // A word of the language is no misreading ("supplies" is not
            // "supplier"): the word read where the label differs is checked.
            let label_words: Vec<&str> = label.text.split(|c: char| !c.is_alphanumeric()).collect();
            let mut misread = norm[..end].split(|c: char| !c.is_alphanumeric()).filter(|w| !label_words.contains(w));
            if misread.any(crate::ocr_fix::is_english_word) {
                return None;
            }
            let skip = value_start(&norm[end..]);
            let rest = map.get(end + skip).copied().unwrap_or(text.len());
            Some(LabelHit { label, rest })
        })
    }

    /// True when `text` is, as a whole, one of the labels of `role` (give or
    /// take trailing punctuation).
    pub fn is_label(&self, text: &str, role: Role) -> bool {
        let n = normalize(text.trim_end_matches([':', '.', ' ']));
        self.labels.iter().any(|l| l.role == role && l.text == n)
    }
}

/// `text` in lower case without its diacritics ("Kreditinė" → "kreditine").
pub fn folded(text: &str) -> String {
    text.nfd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase()
}

/// What specks and the paper's edge are read as; a token of only these before
/// a label is no text. (Signs such as "=" or "*" may be part of a line.)
const SPECKS: &str = "|¦‖[]!'\"`_~.,:;";

/// Bytes to skip after a label before its value: spaces and the punctuation or
/// "no." that printed labels end with.
fn value_start(after: &str) -> usize {
    let mut i = 0;
    loop {
        let rest = &after[i..];
        let skip = if rest.starts_with("no.") || rest.starts_with("nr.") {
            3
        } else if rest.starts_with("n°") {
            "n°".len()
        } else {
            // A dash after a space and before a figure is a minus sign
            // ("Tax Exclusive: -1,325.00"), part of the value.
            let minus = i > 0
                && after[..i].ends_with(' ')
                && rest.starts_with(['-', '–'])
                && rest.chars().nth(1).is_some_and(|c| c.is_ascii_digit());
            match rest.chars().next() {
                Some(c @ (' ' | ':' | '.' | '#' | '-' | '–' | '/')) if !minus => c.len_utf8(),
                _ => 0,
            }
        };
        if skip == 0 {
            return i;
        }
        i += skip;
    }
}

/// The normalised text and, for each byte of it, the byte offset in the original.
fn normalize_with_map(text: &str) -> (String, Vec<usize>) {
    let mut norm = String::with_capacity(text.len());
    let mut map = Vec::with_capacity(text.len() + 1);
    let mut pending_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            pending_space = !norm.is_empty();
            continue;
        }
        if pending_space {
            map.push(i);
            norm.push(' ');
            pending_space = false;
        }
        for lc in c.to_lowercase() {
            let before = norm.len();
            norm.push(lc);
            map.extend(std::iter::repeat_n(i, norm.len() - before));
        }
    }
    map.push(text.len());
    (norm, map)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_lexicon_loads() {
        assert!(lexicon().labels().len() > 200);
    }

    #[test]
    fn units_misread_by_one_character_are_told() {
        let l = lexicon();
        for (read, unit) in [("pes", "pcs"), ("malš.", "maiš."), ("men.", "mėn."), ("I", "l"), ("vnt.", "vnt.")] {
            assert_eq!(l.unit_as_printed(read), Some(unit), "{read}");
        }
        // Marks and the final stop lost.
        for (read, unit) in [("men", "mėn."), ("vnt", "vnt."), ("kompl", "kompl.")] {
            assert_eq!(l.unit_as_printed(read), Some(unit), "{read}");
        }
        // Short units are too alike to guess at; an ambiguous one is left.
        for read in ["mš", "x", "ab", "qqqq"] {
            assert_eq!(l.unit_as_printed(read), None, "{read}");
        }
    }

    #[test]
    fn street_words_count_as_whole_words() {
        let l = lexicon();
        for text in ["Jalan Lapangan Terbang Subang", "AUTOROUTE RABAT MEKNES", "Kauno gatvė", "12 rue de la Paix"] {
            assert!(l.names_street(text), "{text}");
        }
        for text in ["BISTRO & CAFE", "Rueful Trading", "Bistrooad"] {
            assert!(!l.names_street(text), "{text}");
        }
    }

    #[test]
    fn unknown_roles_are_refused() {
        let err =
            Lexicon::parse("[labels.invoice_nmuber]\nen = [\"x\"]\n[avoid]\n[company_forms]\n[units]\n[salutations]\n[title_compounds]\n[due_leads]\n[due_until]\n")
                .unwrap_err();
        assert!(err.contains("invoice_nmuber"), "{err}");
    }

    #[test]
    fn the_longest_label_wins_and_the_value_follows() {
        let text = "Suma be PVM:  2 459,87 €";
        let hit = lexicon().label_at_start(text).unwrap();
        assert_eq!(hit.label.role, Role::NetTotal);
        assert_eq!(&text[hit.rest..], "2 459,87 €");
    }

    #[test]
    fn every_label_that_a_text_starts_with_is_found_in_order() {
        let l = lexicon();
        // Every label as printed, in capitals, and run into a longer word.
        let texts = l.labels().iter().flat_map(|label| {
            [format!("{}: 12,50", label.text), format!("  {} 7", label.text.to_uppercase()), format!("{}x", label.text)]
        });
        for text in texts {
            let norm = normalize(&text);
            let all: Vec<&str> = l
                .labels()
                .iter()
                .filter(|label| {
                    norm.strip_prefix(label.text.as_str())
                        .is_some_and(|after| at_word_end(after) || label.text.ends_with(|c: char| !c.is_alphanumeric()))
                })
                .map(|label| label.text.as_str())
                .collect();
            let found: Vec<&str> = l.labels_at_start(&text).map(|h| h.label.text.as_str()).collect();
            assert_eq!(found, all, "{text}");
        }
    }

    #[test]
    fn labels_end_on_word_boundaries() {
        assert!(lexicon().label_at_start("Nrx 5").is_none_or(|h| h.label.text != "nr"));
        let hit = lexicon().label_at_start("Invoice No. 4711").unwrap();
        assert_eq!(hit.label.role, Role::InvoiceNumber);
        assert_eq!(&"Invoice No. 4711"[hit.rest..], "4711");
    }

    #[test]
    fn ocr_text_may_misread_one_letter_of_a_long_label() {
        let hit = lexicon().label_at_start_lenient("Klekis 4,00").unwrap();
        assert_eq!(hit.label.role, Role::ColQuantity);
        assert_eq!(&"Klekis 4,00"[hit.rest..], "4,00");
        assert!(lexicon().label_at_start_lenient("Klxxis 4,00").is_none());
        assert!(lexicon().label_at_start("Klekis 4,00").is_none());
        // Not a word of one or two letters: "KR" is a series, not "ir".
        let text = "Serija KR Nr. 644762";
        let hit = lexicon().label_at_start_lenient(text).unwrap();
        assert_eq!((hit.label.text.as_str(), &text[hit.rest..]), ("serija", "KR Nr. 644762"));
        let hit = lexicon().label_at_start_lenient("APMOKĖTI IK! 2024-07-19").unwrap();
        assert_eq!((hit.label.role, hit.label.text.as_str()), (Role::DueDate, "apmokėti iki"));
        // A short label read exactly may start a longer one misread.
        let hit = lexicon().label_at_start_lenient("Cash Saie").unwrap();
        assert_eq!((hit.label.role, hit.label.text.as_str()), (Role::Receipt, "cash sale"));
        assert_eq!(lexicon().label_at_start("Cash Saie").map(|h| h.label.role), Some(Role::Cash));
        // Only where the longer one adds words: "VAT @" is not "vat %".
        let hit = lexicon().label_at_start_lenient("VAT @ 20% 1495.30").unwrap();
        assert_eq!(hit.label.role, Role::VatTotal);
        // A thin letter at a word's end read as a bracket or a colon.
        for (text, label) in [("Grand Tota: : 6.70", "grand total"), ("Tota] Rounded 28.50", "total rounded")] {
            let hit = lexicon().label_at_start_lenient(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(hit.label.text, label);
            assert!(text[hit.rest..].trim_start_matches([':', ' ']).starts_with(char::is_numeric), "{text}");
        }
        // Not inside a word.
        assert!(lexicon().label_at_start_lenient("Ca:sh 4.00").is_none_or(|h| h.label.role != Role::Cash));
    }

    #[test]
    fn a_word_of_the_language_is_no_misread_label() {
        // "supplies" is a letter off "supplier" but a word of its own, as on
        // a receipt's "Total 0% supplies" whose "0%" OCR lost.
        let role = |text: &str| lexicon().label_at_start_lenient(text).map(|h| h.label.role);
        assert_ne!(role("supplies 54.31"), Some(Role::Supplier));
        assert_eq!(role("Supplicr: Alfa Ltd"), Some(Role::Supplier));
    }

    #[test]
    fn ocr_specks_before_a_label_are_passed_over() {
        for text in ["hei TOTAL 343.95", "|| Total GST 0.42", "i TOTAL 12.00"] {
            let hit = lexicon().label_at_start_lenient(text).unwrap_or_else(|| panic!("{text}"));
            assert!(matches!(hit.label.role, Role::GrossTotal | Role::VatTotal), "{text}");
            assert!(text[hit.rest..].starts_with(char::is_numeric), "{text}");
        }
        // A word of the text, or a lowercase word before a lowercase one, is no speck.
        assert!(lexicon().label_at_start_lenient("Grand TOTAL 3.00").is_none_or(|h| h.label.text != "total"));
        assert!(lexicon().label_at_start_lenient("the total 3.00").is_none());
        assert!(lexicon().label_at_start_lenient("be PVM 3,00").is_none());
        assert!(lexicon().label_at_start_lenient("i Total 3.00").is_none());
        assert!(lexicon().label_at_start_lenient("= VERTĖ BE PVM").is_none());
        let hit = lexicon().label_at_start_lenient("[Pirkėjas").expect("a heading after a speck");
        assert_eq!((hit.label.role, hit.rest), (Role::Buyer, "[Pirkėjas".len()));
        for text in ["‘Bonnr. 566009", "\"INVOICE NUMBER 45603"] {
            let hit = lexicon().label_at_start_lenient(text).unwrap_or_else(|| panic!("{text}"));
            assert_eq!(
                (hit.label.role, &text[hit.rest..]),
                (Role::InvoiceNumber, text.split(' ').next_back().unwrap())
            );
        }
        let text = "„Co. Reg: 02513731";
        let hit = lexicon().label_at_start_lenient(text).expect("a low quotation mark as speck");
        assert_eq!((hit.label.role, text[hit.rest..].trim_start_matches([':', ' '])), (Role::CompanyCode, "02513731"));
        assert!(lexicon().label_at_start("hei TOTAL 343.95").is_none());
        // A "#" read as another sign still ends the longer label.
        let hit = lexicon().label_at_start_lenient("INVOICE +").expect("a number's label");
        assert_eq!(hit.label.role, Role::InvoiceNumber);
        assert_eq!(lexicon().label_at_start_lenient("INVOICE").map(|h| h.label.role), Some(Role::Invoice));
        let text = "_VAT @ 20% GBP 5254.97";
        let hit = lexicon().label_at_start_lenient(text).expect("a label after an underscore");
        assert_eq!((hit.label.role, text[hit.rest..].trim_start()), (Role::VatTotal, "@ 20% GBP 5254.97"));
    }

    #[test]
    fn company_forms_match_whole_words() {
        let lx = lexicon();
        assert!(lx.has_company_form("BOOK TA.K (TAMAN DAYA) SDN. BHD."));
        assert!(lx.has_company_form("UAB „Liepų kepykla“"));
        assert!(lx.has_company_form("Nordlys Design ApS"));
        assert!(lx.has_company_form("99 SPEED MART S/B"));
        assert!(!lx.has_company_form("Ubaldo's bakery"), "a form must be a whole word");
        assert!(!lx.has_company_form("12, Jalan Tampoi 7/4"));
    }

    #[test]
    fn accented_labels_match_in_any_case() {
        let text = "IŠRAŠYMO DATA 2025-03-04";
        let hit = lexicon().label_at_start(text).unwrap();
        assert_eq!(hit.label.role, Role::IssueDate);
        assert_eq!(&text[hit.rest..], "2025-03-04");
    }
}
