//! Letters OCR confuses that the words around them, or the document's
//! language, tell apart. Only pages read by OCR are touched.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use crate::document::{Document, Line, TextSource, Unit, Word};
use crate::layout::lexicon::Lang;
use crate::layout::segments::{column_runs, typical_line_height};

/// Mends OCR's readings on the document's OCR'd pages, `lang` being the
/// document's language when known.
pub fn mend(doc: &mut Document, lang: Option<Lang>) {
    for page in doc.pages.iter_mut().filter(|p| p.source == TextSource::Ocr) {
        let columns = Columns { unit: page.unit, typical_height: typical_line_height(page) };
        for line in &mut page.lines {
            mend_line(line, lang, columns);
        }
    }
}

/// How a page's lines split into columns (see [`column_runs`]).
#[derive(Debug, Clone, Copy)]
struct Columns {
    unit: Unit,
    typical_height: f32,
}

fn mend_line(line: &mut Line, lang: Option<Lang>, columns: Columns) {
    join_split_cents(line);
    join_split_lt_postcodes(line);
    mend_legal_forms(line);
    if let Some(lang) = lang {
        mend_lettered_forms(line, lang, columns);
    }
    if lang == Some(Lang::Da) {
        mend_son(line);
        mend_danish_letters(line);
    }
    if lang == Some(Lang::En) {
        mend_english_words(line);
    }
    mend_postcodes(line);
    mend_iban_country(line);
    mend_number_sign(line);
    for k in 0..line.words.len() {
        let after_number = k > 0 && line.words[k - 1].text.ends_with(|c: char| c.is_ascii_digit());
        let before_unit = line.words.get(k + 1).is_some_and(|n| is_measure_unit(&n.text));
        let after_word = k > 0 && line.words[k - 1].text.chars().all(char::is_alphabetic);
        // (A measure ends a description: a word before the number, which
        // is short; a row's number starts the line, a registration's is long.)
        let measure = k > 1 && {
            let number = &line.words[k - 1].text;
            line.words[k - 2].text.chars().any(char::is_alphabetic)
                && is_figures(number)
                && number.chars().filter(char::is_ascii_digit).count() <= 4
        };
        let close_after_number = after_number && measure && letter_beside(&line.words[k - 1], &line.words[k]);
        let w = &mut line.words[k];
        // "10 I": after a number a lone capital I is the litre's l; "I kg":
        // before a unit of measure, the figure 1. A bar is the l too where it
        // stands a word's space from the number and about as tall ("0,5 |");
        // a table's ruling stands further off, or taller.
        if w.text == "I" && after_number || w.text == "|" && close_after_number {
            w.text = "l".into();
        } else if w.text == "I" && before_unit {
            w.text = "1".into();
        }
        // "m?", "g/m?,", "g/m’": a question mark or a closing quote right
        // after a unit of length, before any comma or stop that ends the
        // word, is its square's ² (no unit takes either mark).
        let body = before_stop(&w.text);
        if let Some(unit) = body.strip_suffix(['?', '’'])
            && is_length_unit_end(unit)
        {
            w.text = format!("{unit}²{}", &w.text[body.len()..]);
        }
        // "batai $3": Lithuanian and Danish print no dollar sign before a
        // bare figure or two; after a word, it is the S of a code ("S3").
        if matches!(lang, Some(Lang::Lt | Lang::Da))
            && after_word
            && w.text
                .strip_prefix('$')
                .is_some_and(|d| (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit()))
        {
            w.text = w.text.replacen('$', "S", 1);
        }
        // "30:/03/2018": a date or number with two marks where one belongs
        // keeps the one it uses elsewhere.
        if let Some(fixed) = single_separators(&w.text) {
            w.text = fixed;
        }
        // "-06-201B": a letter read for a figure of the year.
        if let Some(fixed) = year_letter(&w.text) {
            w.text = fixed;
        }
        // "12-02-2618", "04-04-9018": a year this century misread.
        if let Some(fixed) = mend_year(&w.text) {
            w.text = fixed;
        }
        // "17/83/2017", "2025-89-04": a day or month whose 0 was read as 8.
        if let Some(fixed) = mend_day_month(&w.text) {
            w.text = fixed;
        }
        // Danish and English write no Lithuanian letter: one read on their
        // pages is the plain letter with a speck ("Datė"), for ū the ü of a
        // foreign name ("Kūchlers"), for ą a g ("ką" for "kg").
        if matches!(lang, Some(Lang::Da | Lang::En)) && w.text.chars().any(is_lithuanian_letter) {
            w.text = w.text.chars().map(without_lithuanian_mark).collect();
        }
        // Lithuanian writes ė, never é.
        if lang == Some(Lang::Lt) && w.text.contains(['é', 'É']) {
            w.text = w.text.replace('é', "ė").replace('É', "Ė");
        }
        // Lithuanian marks OCR lost, in this order: a small š, ž or č read as
        // the capital ("KarSto"), whose caron stands higher than a small
        // letter; a final y for the plural's ų ("Kroviniy": no Lithuanian word
        // ends in y, and OCR reads the hook as y's tail); a first letter's
        // mark, which the dictionary knows ("Sviestuvas").
        if lang == Some(Lang::Lt) {
            for mend in [inner_caron, final_u_with_ogonek, initial_mark] {
                if let Some(fixed) = mended_core(&w.text, mend) {
                    w.text = fixed;
                }
            }
        }
    }
}

/// `text` with its core (from its first letter to its last, the marks around
/// it left out: "„PATALPY" has the core "PATALPY") mended by `mend`.
/// True when `next` stands a word's space after `word` (less than
/// [`LETTER_GAP`] of its height) and is about as tall (from six tenths of its
/// height to a fifth more): a letter of the same text, not a ruling between
/// cells or a speck.
fn letter_beside(word: &Word, next: &Word) -> bool {
    let h = word.bbox.height();
    next.bbox.x0 - word.bbox.x1 < LETTER_GAP * h && (0.6 * h..=1.2 * h).contains(&next.bbox.height())
}

/// The widest space, as a share of a word's height, between a figure and
/// a letter of the same text.
const LETTER_GAP: f32 = 0.7;

/// True when `text` is figures alone, with any decimal or thousands marks
/// ("0,5", "18.9", "10").
pub(crate) fn is_figures(text: &str) -> bool {
    text.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.')
}

fn mended_core(text: &str, mend: fn(&str) -> Option<String>) -> Option<String> {
    let start = text.find(char::is_alphabetic)?;
    let end = start + text[start..].trim_end_matches(|c: char| !c.is_alphabetic()).len();
    let core = mend(&text[start..end])?;
    Some(format!("{}{core}{}", &text[..start], &text[end..]))
}

/// A word in small letters (its first may be a capital) with a capital S, Z
/// or C among them, right after a small letter, read as the small š, ž or č
/// it is. The word must end as Lithuanian words do, in a vowel or an s, so
/// that a brand written in two capitalised parts ("PlayStation", "MasterCard")
/// stays as it is.
fn inner_caron(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < CARON_WORD || !chars.iter().all(|c| c.is_alphabetic()) {
        return None;
    }
    let inner = |i: usize| i > 0 && chars[i - 1].is_lowercase() && matches!(chars[i], 'S' | 'Z' | 'C');
    let last = chars[chars.len() - 1];
    let lithuanian_end = "aeiouyąęėįųūs".contains(last);
    let small = chars.iter().enumerate().skip(1).all(|(i, c)| c.is_lowercase() || inner(i));
    if !lithuanian_end || !small || !(1..chars.len()).any(inner) {
        return None;
    }
    let mended = chars
        .iter()
        .enumerate()
        .map(|(i, &c)| match c {
            'S' if inner(i) => 'š',
            'Z' if inner(i) => 'ž',
            'C' if inner(i) => 'č',
            c => c,
        })
        .collect();
    Some(mended)
}

/// A letter only Lithuanian among kvitas's languages writes.
fn is_lithuanian_letter(c: char) -> bool {
    "ąčęėįšųūžĄČĘĖĮŠŲŪŽ".contains(c)
}

/// A Lithuanian letter as read on a page of another language: ū is the ü
/// of a foreign name, a small ą the g whose tail OCR took for the hook ("ką"
/// for "kg"), the others the letter without its mark.
fn without_lithuanian_mark(c: char) -> char {
    match c {
        'ą' => 'g',
        'č' => 'c',
        'ę' | 'ė' => 'e',
        'į' => 'i',
        'š' => 's',
        'ų' => 'u',
        'ū' => 'ü',
        'ž' => 'z',
        'Ą' => 'A',
        'Č' => 'C',
        'Ę' | 'Ė' => 'E',
        'Į' => 'I',
        'Š' => 'S',
        'Ų' => 'U',
        'Ū' => 'Ü',
        'Ž' => 'Z',
        c => c,
    }
}

/// See [`inner_caron`]: shorter words may be codes.
const CARON_WORD: usize = 4;

/// Lithuanian base words that begin with s, z, c, i, u, a or e or with a
/// marked letter OCR reads as one of them (`lexicon/words-lt.txt`), sorted.
static LITHUANIAN_WORDS: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
    let mut words: Vec<&str> = include_str!("../lexicon/words-lt.txt").lines().collect();
    words.sort_unstable();
    words
});

/// Whether some Lithuanian base word begins with `prefix` (lower case).
fn begins_lithuanian_word(prefix: &str) -> bool {
    let words = &*LITHUANIAN_WORDS;
    words.get(words.partition_point(|w| *w < prefix)).is_some_and(|w| w.starts_with(prefix))
}

/// A Lithuanian word of [`MARK_WORD`] letters or more, in small letters but
/// for its first, whose first letter OCR read without its mark: its stem (the
/// word without the last two letters, where endings change) begins no
/// dictionary word as read, and begins one with exactly one of the marked
/// letters OCR reads as that letter ("Sviestuvas" -> "Šviestuvas",
/// "Zoliapjovės" -> "Žoliapjovės", "Irankių" -> "Įrankių").
fn initial_mark(word: &str) -> Option<String> {
    let chars: Vec<char> = word.chars().collect();
    if chars.len() < MARK_WORD
        || !chars.iter().all(|c| c.is_alphabetic())
        || !chars[1..].iter().all(|c| c.is_lowercase())
    {
        return None;
    }
    let marks: &[char] = match chars[0].to_ascii_lowercase() {
        's' => &['š'],
        'z' => &['ž'],
        'c' => &['č'],
        'i' => &['į'],
        'u' => &['ū', 'ų'],
        'a' => &['ą'],
        'e' => &['ę', 'ė'],
        _ => return None,
    };
    let stem: String = chars[..chars.len() - 2].iter().collect::<String>().to_lowercase();
    if begins_lithuanian_word(&stem) {
        return None;
    }
    let rest: String = stem.chars().skip(1).collect();
    let mut fitting = marks.iter().filter(|m| begins_lithuanian_word(&format!("{m}{rest}")));
    let mark = *fitting.next()?;
    if fitting.next().is_some() {
        return None;
    }
    let mark = if chars[0].is_uppercase() { mark.to_uppercase().next()? } else { mark };
    let tail: String = chars[1..].iter().collect();
    Some(format!("{mark}{tail}"))
}

/// See [`initial_mark`]: a shorter word's stem is too short to tell.
const MARK_WORD: usize = 7;

/// A word of [`OGONEK_WORD`] letters or more, in one case, whose last
/// letter is a y (marks after it aside), with that y read as the ų it is.
fn final_u_with_ogonek(word: &str) -> Option<String> {
    let (stem, last) = word.char_indices().last().map(|(i, c)| (&word[..i], c))?;
    let right = match last {
        'y' if stem.chars().skip(1).all(char::is_lowercase) => 'ų',
        'Y' if stem.chars().all(char::is_uppercase) => 'Ų',
        _ => return None,
    };
    (stem.chars().count() + 1 >= OGONEK_WORD).then(|| format!("{stem}{right}"))
}

/// See [`final_u_with_ogonek`]: shorter words are codes ("YDY").
const OGONEK_WORD: usize = 4;

/// A legal form of two words misread ("SON BHD", "Sdn Ehd", "SON. HD" for
/// "SDN BHD"): the form is a closed list, so the nearest one is meant. The
/// words' letters (a figure read for one counts as a letter) may be one
/// letter off in all, or one in each word where the pair ends the line (but
/// for a registration number in brackets), as a form ends a name. Each word
/// keeps its case and the marks around it ("SON." becomes "SDN.").
fn mend_legal_forms(line: &mut Line) {
    let lex = crate::layout::lexicon::lexicon();
    // Each word's letters, without the marks around it; `None` without a letter.
    let cores: Vec<Option<String>> = line
        .words
        .iter()
        .map(|w| {
            let t = form_letters(&w.text);
            t.chars().any(char::is_alphabetic).then(|| t.to_lowercase())
        })
        .collect();
    for k in 0..cores.len().saturating_sub(1) {
        // (A registration number in brackets may follow the name.)
        let closes = k + 2 == cores.len() || line.words[k + 2].text.starts_with('(');
        // The form's first word read, and at the end of the name a speck of
        // no letter the reader was unsure of where its second word stands
        // ("SDN 1." for "SDN BHD"): the form's first word has no other end.
        if let (Some(a), None) = (&cores[k], &cores[k + 1])
            && closes
            && line.words[k + 1].confidence < UNREAD
            && let Some([_, second]) = lex.compound_forms().find(|f| f[0].chars().count() >= 3 && f[0] == *a)
        {
            let second = cased_as(&line.words[k].text, second);
            line.words[k + 1].text = second;
            continue;
        }
        let (Some(a), Some(b)) = (&cores[k], &cores[k + 1]) else { continue };
        let budget = if k > 0 && closes { 2 } else { 1 };
        // (Forms of one-letter words, "e.k", are too short to tell.)
        let Some(form) = lex.compound_forms().find(|f| {
            let [first, second] = f else { return false };
            let (d0, d1) = (strsim::levenshtein(first, a), strsim::levenshtein(second, b));
            first.chars().count() >= 3
                && second.chars().count() >= 3
                && d0 <= 1
                && d1 <= 1
                && (1..=budget).contains(&(d0 + d1))
        }) else {
            continue;
        };
        for (i, right) in form.iter().enumerate() {
            let w = &mut line.words[k + i];
            let letters = form_letters(&w.text);
            w.text = w.text.replacen(letters, &cased_as(letters, right), 1);
        }
    }
}

/// Confidence under which a word of no letter after a legal form's first
/// word is taken for its second word read as nothing (see
/// [`mend_legal_forms`]).
const UNREAD: f32 = 0.5;

/// `right` (lower case) in the case `read` is printed in: capitals, a
/// capital first, or lower case.
pub(crate) fn cased_as(read: &str, right: &str) -> String {
    let upper = read.chars().filter(|c| c.is_alphabetic()).all(char::is_uppercase);
    let title = read.chars().find(|c| c.is_alphabetic()).is_some_and(char::is_uppercase);
    if upper {
        right.to_uppercase()
    } else if title {
        let mut chars = right.chars();
        chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
    } else {
        right.to_owned()
    }
}

/// English words of seven letters or more, lower case (`lexicon/words-en.txt`).
static ENGLISH_WORDS: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("../lexicon/words-en.txt").lines().collect());

/// True when `word` (lower case) is an English word of seven letters or more.
pub(crate) fn is_english_word(word: &str) -> bool {
    ENGLISH_WORDS.contains(word)
}

/// Pairs of letters that print OCR takes for one another (lower case).
pub(crate) const LOOKALIKES: &[(char, char)] = &[
    ('o', 'u'),
    ('o', 'c'),
    ('o', 'd'),
    ('o', 'q'),
    ('o', 'a'),
    ('a', 'e'),
    ('e', 'c'),
    ('c', 'g'),
    ('f', 'p'),
    ('f', 't'),
    ('b', 'h'),
    ('b', 'g'),
    ('h', 'n'),
    ('h', 'k'),
    ('m', 'n'),
    ('r', 'n'),
    ('i', 'l'),
    ('i', 'j'),
    ('l', 't'),
    ('u', 'v'),
    ('v', 'y'),
    ('g', 'q'),
    ('g', 's'),
];

/// Danish words written with æ, ø or å (`lexicon/words-da.txt`), by their
/// spelling without the marks.
static DANISH_MARKED: LazyLock<HashMap<String, &'static str>> =
    LazyLock::new(|| include_str!("../lexicon/words-da.txt").lines().map(|w| (without_danish_marks(w), w)).collect());

/// A Danish word as OCR reads it when it drops the marks: ø as o, å as a,
/// æ as ae.
fn without_danish_marks(word: &str) -> String {
    word.replace('ø', "o").replace('å', "a").replace('æ', "ae")
}

/// A Danish word of four letters or more read without the marks of its æ,
/// ø or å ("Okologiske", "mobler", "Trae"): the list holds only words whose
/// unmarked spelling is no Danish word itself and no other word's, so the
/// word with its marks is the one meant. Only on Danish documents.
fn mend_danish_letters(line: &mut Line) {
    mend_words(line, 4, |letters| DANISH_MARKED.get(&letters.to_ascii_lowercase()).map(|w| (*w).to_owned()));
}

/// Puts `right(letters)` (lower case, in the case read) in place of each
/// word's letters, for words of at least `min` letters a–z and nothing else
/// but the marks around them.
fn mend_words(line: &mut Line, min: usize, right: impl Fn(&str) -> Option<String>) {
    for w in &mut line.words {
        let letters = form_letters(&w.text);
        if letters.len() < min || !letters.chars().all(|c| c.is_ascii_alphabetic()) {
            continue;
        }
        if let Some(right) = right(letters) {
            w.text = w.text.replacen(letters, &cased_as(letters, &right), 1);
        }
    }
}

/// True when `a` and `b` (lower case) differ in just one letter, a pair
/// OCR takes for one another ("sanyo", "sanyu").
pub(crate) fn one_lookalike_apart(a: &str, b: &str) -> bool {
    let (mut x, mut y) = (a.chars(), b.chars());
    let mut differ = None;
    loop {
        match (x.next(), y.next()) {
            (None, None) => break,
            (Some(p), Some(q)) if p == q => {}
            (Some(p), Some(q)) if differ.is_none() => differ = Some((p, q)),
            _ => return false,
        }
    }
    differ.is_some_and(|(p, q)| lookalikes(p).any(|o| o == q))
}

/// The letters OCR takes `c` for, and takes for `c` (see [`LOOKALIKES`]).
fn lookalikes(c: char) -> impl Iterator<Item = char> {
    LOOKALIKES.iter().filter_map(move |&(a, b)| (a == c).then_some(b).or((b == c).then_some(a)))
}

/// An English word of seven letters or more misread in one letter
/// ("POFULAR", "CONFECTIUNERY", "Deliverv"): where the word read is no
/// English word and exactly one English word differs from it in one letter
/// OCR confuses with the one read, that word is meant. Short words are left
/// alone: they have too many neighbours, and names that are not English
/// words ("Kuala", "Leeds", "Carter") lie one letter from English ones. A
/// capital that starts a word is kept: a name differs from the English word
/// nearest it most often there ("Glover", "Clover"). Only on English
/// documents.
fn mend_english_words(line: &mut Line) {
    mend_words(line, 7, |letters| {
        let lower = letters.to_ascii_lowercase();
        if ENGLISH_WORDS.contains(lower.as_str()) {
            return None;
        }
        let from = usize::from(letters.starts_with(|c: char| c.is_ascii_uppercase()));
        let lower = lower.as_str();
        let mut found = lower
            .char_indices()
            .skip(from)
            .flat_map(|(i, c)| lookalikes(c).map(move |other| format!("{}{other}{}", &lower[..i], &lower[i + 1..])))
            .filter(|candidate| ENGLISH_WORDS.contains(candidate.as_str()));
        match (found.next(), found.next()) {
            (Some(right), None) => Some(right),
            _ => None,
        }
    })
}

/// A word without the marks around it ("SON." → "SON").
fn form_letters(text: &str) -> &str {
    text.trim_matches(|c: char| !c.is_alphanumeric())
}

/// A numeric date ("12-02-2618", "04/04/9018") whose year OCR misread by
/// one digit: a year of 2100 to 2999 with a third digit of 0 to 2 loses its
/// stray second digit, and a year starting "90" its misread first one, so
/// that it falls in this century.
fn mend_year(text: &str) -> Option<String> {
    let (head, year) = year_apart(text)?;
    let parts: Vec<&str> = head[..head.len() - 1].split(['-', '/', '.']).collect();
    let small =
        |p: &str, max: u32| (1..=2).contains(&p.len()) && p.parse::<u32>().is_ok_and(|n| (1..=max).contains(&n));
    if parts.len() != 2 || !parts.iter().all(|p| small(p, 31)) || !(small(parts[0], 12) || small(parts[1], 12)) {
        return None;
    }
    let y: Vec<char> = year.chars().collect();
    if y.len() != 4 || !y.iter().all(char::is_ascii_digit) {
        return None;
    }
    let fixed = match (y[0], y[1], y[2]) {
        ('2', '1'..='9', '0'..='2') => format!("20{}{}", y[2], y[3]),
        ('9', '0', '0'..='2') => format!("2{}{}{}", y[1], y[2], y[3]),
        _ => return None,
    };
    Some(format!("{head}{fixed}"))
}

/// A numeric date's four-figure year this century with one figure read as
/// the letter it looks like ("01-06-201B", "-06-2O18"): the figure. The
/// text before the year must be figures and date marks only, ending in a
/// mark, so that only a date's year is touched.
fn year_letter(text: &str) -> Option<String> {
    let (head, year) = year_apart(text)?;
    let date_head = head.chars().all(|c| c.is_ascii_digit() || matches!(c, '-' | '/' | '.'))
        && head.chars().any(|c| c.is_ascii_digit());
    let figure = |c: char| match c {
        'B' => Some('8'),
        'O' | 'o' | 'D' => Some('0'),
        'S' | 's' => Some('5'),
        'I' | 'l' | '|' => Some('1'),
        'Z' | 'z' => Some('2'),
        _ => None,
    };
    let letters = year.chars().filter(|c| !c.is_ascii_digit()).count();
    let fixed: String =
        year.chars().map(|c| if c.is_ascii_digit() { Some(c) } else { figure(c) }).collect::<Option<_>>()?;
    (date_head && year.chars().count() == 4 && letters == 1 && fixed.starts_with("20"))
        .then(|| format!("{head}{fixed}"))
}

/// A numeric date's text up to and with its last mark, and the year after it.
fn year_apart(text: &str) -> Option<(&str, &str)> {
    let cut = text.rfind(['-', '/', '.'])?;
    Some(text.split_at(cut + 1))
}

/// A one-word legal form of the document's language read without its
/// diacritics at the start or end of a line, or of a column's part of it
/// (two parties side by side), where other words stand beside it in that part ("Gagys II"
/// for "Gagys IĮ", "VSI Sveikata").
fn mend_lettered_forms(line: &mut Line, lang: Lang, columns: Columns) {
    let runs = column_runs(&line.words, columns.unit, columns.typical_height);
    for run in runs.into_iter().filter(|r| r.len() >= 2) {
        for k in [run.start, run.end - 1] {
            let w = &mut line.words[k];
            if let Some(form) = crate::layout::lexicon::lexicon().form_without_diacritics(&w.text, lang) {
                let upper = w.text.chars().all(char::is_uppercase);
                w.text = if upper { form.to_uppercase() } else { form.to_owned() };
            }
        }
    }
}

/// "& Søn", "& Sønner" in a Danish firm's name, read with the ø as o or e
/// ("Winther & Son A/S"): after "&" no Danish name has "Son". The "&" itself
/// may be read as a 6 or an 8 ("Winther 6 Son"), which the name's reading
/// mends later; a capital S then shows it is a name.
fn mend_son(line: &mut Line) {
    for k in 1..line.words.len() {
        let amp = match line.words[k - 1].text.as_str() {
            "&" => true,
            "6" | "8" => line.words[k].text.starts_with('S'),
            _ => false,
        };
        if !amp {
            continue;
        }
        let w = &mut line.words[k];
        let mut chars: Vec<char> = w.text.chars().collect();
        let lower: String = chars.iter().collect::<String>().to_lowercase();
        if ["son", "sen", "sonner", "senner"].contains(&lower.as_str()) {
            chars[1] = if chars[1].is_uppercase() { 'Ø' } else { 'ø' };
            w.text = chars.into_iter().collect();
        }
    }
}

/// A numeric date with a four-figure year first or last ("17/83/2017",
/// "2025-89-04", "66/68/2017") whose day or month is past 31 with a first
/// figure OCR confuses with 0 (6, 8, 9): that figure is the 0, where the
/// date is then valid (its year mended by [`mend_year`] where need be).
fn mend_day_month(text: &str) -> Option<String> {
    let sep = text.chars().find(|c| matches!(c, '-' | '/' | '.'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    let digits = |p: &str| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit());
    if !parts.iter().all(|p| digits(p)) {
        return None;
    }
    let mend = |p: &str| match p.as_bytes() {
        [b'6' | b'8' | b'9', d] if p.parse::<u32>().is_ok_and(|n| n > 31) && *d != b'0' => format!("0{}", *d as char),
        _ => p.to_owned(),
    };
    let fixed = match (a.len(), b.len(), c.len()) {
        (4, 1..=2, 1..=2) => [a.to_owned(), mend(b), mend(c)],
        (1..=2, 1..=2, 4) => [mend(a), mend(b), c.to_owned()],
        _ => return None,
    };
    let out = fixed.join(&sep.to_string());
    // A year misread as well ("63/09/2617") is mended once the day is.
    let out = mend_year(&out).unwrap_or(out);
    let valid =
        |order| crate::values::dates_in(&out, order).first().is_some_and(|d| d.start == 0 && d.end == out.len());
    (out != text && (valid(crate::values::DateOrder::DayFirst) || valid(crate::values::DateOrder::MonthFirst)))
        .then_some(out)
}

/// An IBAN printed in groups whose country code OCR read with a figure for
/// a letter ("1E48 AIBK 9373 …" for IE48): the code is two letters, so a
/// figure there is the letter it looks like, kept only where the IBAN then
/// passes its check digits.
fn mend_iban_country(line: &mut Line) {
    let letter = |c: char| match c {
        'A'..='Z' => Some(c),
        '0'..='9' => crate::ids::letter_like(c),
        _ => None,
    };
    for k in 0..line.words.len() {
        let head = &line.words[k].text;
        let b = head.as_bytes();
        if b.len() != 4 || !b[2].is_ascii_digit() || !b[3].is_ascii_digit() || !b[..2].iter().any(u8::is_ascii_digit) {
            continue;
        }
        let (Some(a), Some(c)) = (letter(b[0] as char), letter(b[1] as char)) else { continue };
        let fixed = format!("{a}{c}{}", &head[2..]);
        // The groups after it, joined one by one, until a valid IBAN.
        let mut compact = fixed.clone();
        let valid =
            line.words[k + 1..].iter().take_while(|w| w.text.chars().all(|c| c.is_ascii_alphanumeric())).any(|w| {
                compact.push_str(&w.text);
                crate::ids::iban_valid(&compact)
            });
        if valid {
            line.words[k].text = fixed;
        }
    }
}

/// A number sign read as a figure ("Invoice 4 A/2024/921"): a lone "4"
/// that, read as "#", completes the words before it into a label that ends
/// in one ("invoice #", "receipt #"), with an identifier after it, is that
/// sign.
fn mend_number_sign(line: &mut Line) {
    for k in 1..line.words.len().saturating_sub(1) {
        if line.words[k].text != "4" || !line.words[k + 1].text.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        let head: Vec<&str> = line.words[..k].iter().map(|w| w.text.as_str()).collect();
        let label = format!("{} #", head.join(" "));
        let completes = crate::layout::lexicon::lexicon()
            .labels_at_start(&label)
            .any(|h| h.label.text.ends_with('#') && h.rest >= label.len());
        if completes {
            line.words[k].text = "#".into();
        }
    }
}

/// Postcodes whose letters and digits have fixed places, read with O for 0
/// or I for 1 where the other kind belongs: an Irish Eircode ("D02 OP4E":
/// its last four characters never use O or I) and a British postcode ("BAI
/// 3AP": a digit ends the outward code's letters); a British postcode run
/// together after a town ("Liverpool, L14DB") gets its space back.
fn mend_postcodes(line: &mut Line) {
    let n = line.words.len();
    for k in 0..n {
        if let [w, next, ..] = &mut line.words[k..] {
            if is_eircode_key(&w.text)
                && let Some(fixed) = eircode_unique(&next.text)
            {
                next.text = fixed;
                continue;
            }
            if is_uk_inward(&next.text)
                && let Some(fixed) = uk_outward(&w.text)
            {
                w.text = fixed;
                continue;
            }
            // "CB2 520", "N1 70P": the inward code's letters never include O,
            // so a 0 there is a Q (and a 2 a Z), where the postcode ends the
            // line or a part of it.
            let last = n == k + 2 || next.text.ends_with(',');
            if last
                && uk_outward(&w.text).as_deref() == Some(w.text.as_str())
                && let Some(fixed) = uk_inward_letters(next.text.trim_end_matches(','))
            {
                next.text = next.text.replacen(next.text.trim_end_matches(','), &fixed, 1);
                continue;
            }
        }
        let prev_comma = k > 0 && line.words[k - 1].text.ends_with(',');
        let w = &mut line.words[k];
        let t = w.text.trim_end_matches([',', '.']);
        if prev_comma && t.len() >= 5 && t.is_char_boundary(t.len() - 3) {
            let (outward, inward) = t.split_at(t.len() - 3);
            if is_uk_inward(inward) && uk_outward(outward).as_deref() == Some(outward) {
                w.text = format!("{outward} {}", &w.text[outward.len()..]);
            }
        }
    }
}

/// An Eircode's routing key: a letter and two digits ("D02"), or "D6W".
fn is_eircode_key(t: &str) -> bool {
    let c: Vec<char> = t.chars().collect();
    c.len() == 3 && c[0].is_ascii_uppercase() && c[1].is_ascii_digit() && (c[2].is_ascii_digit() || c[2] == 'W')
}

/// An Eircode's unique part with O and I read back as 0 and 1, when that
/// changed something and every character is one Eircodes use.
fn eircode_unique(t: &str) -> Option<String> {
    const LETTERS: &str = "ACDEFHKNPRTVWXY";
    if t.chars().count() != 4 || !t.contains(['O', 'I']) || !t.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    let fixed: String = t
        .chars()
        .map(|c| {
            if c == 'O' {
                '0'
            } else if c == 'I' {
                '1'
            } else {
                c
            }
        })
        .collect();
    fixed.chars().all(|c| c.is_ascii_digit() || LETTERS.contains(c)).then_some(fixed)
}

/// A British postcode's inward code: a digit and two letters ("3AP").
fn is_uk_inward(t: &str) -> bool {
    let c: Vec<char> = t.chars().collect();
    c.len() == 3 && c[0].is_ascii_digit() && c[1].is_ascii_uppercase() && c[2].is_ascii_uppercase()
}

/// A British inward code whose letters were read as figures ("520" for
/// "5ZQ", "70P" for "7QP"): 0 as Q (inward codes never use O), 2 as Z.
fn uk_inward_letters(t: &str) -> Option<String> {
    let c: Vec<char> = t.chars().collect();
    if c.len() != 3 || !c[0].is_ascii_digit() {
        return None;
    }
    let letter = |x: char| match x {
        '0' => Some('Q'),
        '2' => Some('Z'),
        x if x.is_ascii_uppercase() => Some(x),
        _ => None,
    };
    let fixed = format!("{}{}{}", c[0], letter(c[1])?, letter(c[2])?);
    (fixed != t).then_some(fixed)
}

/// A British outward code ("M1", "BA1", "SW1A", "L14"), with an O or I read
/// where its first digit belongs put back as 0 or 1.
fn uk_outward(t: &str) -> Option<String> {
    let c: Vec<char> = t.chars().collect();
    if !(2..=4).contains(&c.len()) || !c.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()) {
        return None;
    }
    let as_digit = |c: char| match c {
        'O' => Some('0'),
        'I' => Some('1'),
        c if c.is_ascii_digit() => Some(c),
        _ => None,
    };
    // One or two letters, a digit, then a letter or digit at most.
    for letters in [2, 1] {
        if c.len() <= letters || !c[..letters].iter().all(char::is_ascii_uppercase) {
            continue;
        }
        let Some(digit) = as_digit(c[letters]) else { continue };
        if c.len() - letters > 2 {
            continue;
        }
        let mut out: String = c[..letters].iter().collect();
        out.push(digit);
        out.extend(&c[letters + 1..]);
        return Some(out);
    }
    None
}

/// "65. 20", "18: 52": OCR splits an amount at its separator when the cents
/// stand a little apart, and a time at its colon; a number ending in a
/// separator and two digits close after it are one.
fn join_split_cents(line: &mut Line) {
    let mut k = 0;
    while k + 1 < line.words.len() {
        let (a, b) = (&line.words[k], &line.words[k + 1]);
        let head = a.text.trim_start_matches(|c: char| !c.is_ascii_digit());
        let whole =
            head.strip_suffix(['.', ',', ':']).is_some_and(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        let cents = b.text.len() == 2 && b.text.chars().all(|c| c.is_ascii_digit());
        if whole && cents && b.bbox.x0 - a.bbox.x1 < a.bbox.height() * 0.8 {
            join_next(line, k);
        }
        k += 1;
    }
}

/// Word `k` of `line` with the word after it run on to it.
fn join_next(line: &mut Line, k: usize) {
    let b = line.words.remove(k + 1);
    let a = &mut line.words[k];
    a.text.push_str(&b.text);
    a.bbox = a.bbox.union(b.bbox);
    a.confidence = a.confidence.min(b.confidence);
}

/// A Lithuanian postcode ("LT-" and five figures) that OCR split in two
/// ("LT-901 10"): the parts are joined.
fn join_split_lt_postcodes(line: &mut Line) {
    let mut k = 0;
    while k + 1 < line.words.len() {
        let (a, b) = (&line.words[k], &line.words[k + 1]);
        let head = a.text.strip_prefix("LT-").filter(|d| !d.is_empty() && d.chars().all(|c| c.is_ascii_digit()));
        let tail = b.text.trim_end_matches(',');
        if let Some(head) = head
            && !tail.is_empty()
            && tail.chars().all(|c| c.is_ascii_digit())
            && head.len() + tail.len() == 5
        {
            join_next(line, k);
        }
        k += 1;
    }
}

/// A token of digits and separators with two different marks side by side
/// ("30:/03/2018", "12.-05-2018"), with the stray one dropped: of the pair,
/// the mark the token also uses on its own stays.
fn single_separators(text: &str) -> Option<String> {
    let marks = |c: char| matches!(c, '.' | ',' | ':' | '/' | '-');
    if !text.chars().all(|c| c.is_ascii_digit() || marks(c)) || !text.starts_with(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let chars: Vec<char> = text.chars().collect();
    let pair = chars.windows(2).position(|p| marks(p[0]) && marks(p[1]) && p[0] != p[1])?;
    let alone = |m: char| chars.iter().enumerate().any(|(i, &c)| c == m && i != pair && i != pair + 1);
    let drop = if alone(chars[pair + 1]) {
        pair
    } else if alone(chars[pair]) {
        pair + 1
    } else {
        return None;
    };
    Some(chars.iter().enumerate().filter(|(i, _)| *i != drop).map(|(_, c)| c).collect())
}

/// True when `text`, less a comma or stop after it, is a unit of mass,
/// volume or length ("kg", "l", "mm").
fn is_measure_unit(text: &str) -> bool {
    ["kg", "g", "t", "l", "ml", "mm", "cm", "m", "km"].contains(&before_stop(text))
}

/// `text` less the commas, semicolons and stops that end it.
fn before_stop(text: &str) -> &str {
    text.trim_end_matches([',', ';', '.'])
}

/// True when `text` ends in a unit of length ("m", "cm", "mm") standing on
/// its own or after a number or a slash ("80 g/m").
fn is_length_unit_end(text: &str) -> bool {
    ["mm", "cm", "dm", "km", "m"].iter().any(|u| {
        text.strip_suffix(u).is_some_and(|before| {
            before.is_empty() || before.ends_with(['/', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9'])
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BBox, Word};

    fn line(texts: &[&str]) -> Line {
        let words = texts
            .iter()
            .enumerate()
            .map(|(i, t)| Word {
                text: (*t).into(),
                bbox: BBox::new(i as f32 * 10.0, 0.0, i as f32 * 10.0 + 8.0, 10.0),
                confidence: 0.9,
            })
            .collect();
        Line::from_words(words).unwrap()
    }

    /// A scanned page whose lines are as high as the test words.
    const COLUMNS: Columns = Columns { unit: Unit::Pixel, typical_height: 10.0 };

    fn mended(texts: &[&str], lang: Option<Lang>) -> String {
        let mut l = line(texts);
        mend_line(&mut l, lang, COLUMNS);
        l.text()
    }

    /// [`mended`] on a Lithuanian page.
    fn lt(texts: &[&str]) -> String {
        mended(texts, Some(Lang::Lt))
    }

    #[test]
    fn cents_split_from_their_amount_are_joined() {
        assert_eq!(mended(&["TOTAL", "RM", "65.", "20"], None), "TOTAL RM 65.20");
        assert_eq!(mended(&["Nr.", "12"], None), "Nr. 12");
    }

    #[test]
    fn a_letter_read_for_a_figure_of_a_dates_year_is_the_figure() {
        assert_eq!(mended(&["Date", ":", "01-", "-06-201B"], None), "Date : 01- -06-2018");
        assert_eq!(mended(&["12/05/2O18"], None), "12/05/2018");
        // Not a year with two letters, nor one that would not be this
        // century's, nor a word that is no date.
        assert_eq!(mended(&["12/05/2OI8", "12/05/1B18", "A-201B", "201B"], None), "12/05/2OI8 12/05/1B18 A-201B 201B");
    }

    #[test]
    fn a_stray_mark_in_a_date_is_dropped() {
        assert_eq!(mended(&["30:/03/2018"], None), "30/03/2018");
        assert_eq!(mended(&["28-12-17", "18:", "52"], None), "28-12-17 18:52");
        assert_eq!(mended(&["1.-2"], None), "1.-2");
    }

    #[test]
    fn a_long_english_word_misread_in_one_letter_is_mended() {
        let en = Some(Lang::En);
        assert_eq!(mended(&["POFULAR", "BOOK.", "CO."], en), "POPULAR BOOK. CO.");
        assert_eq!(mended(&["VERBENA", "CONFECTIUNERY", "SDN", "BHD"], en), "VERBENA CONFECTIONERY SDN BHD");
        assert_eq!(mended(&["Delivary,", "narkets"], en), "Delivery, markets");
        assert_eq!(mended(&["buardian"], en), "guardian");
        // English words, names no English word is near, short words, and
        // words two English words are as near to stay as read.
        for kept in [
            "STATIONERY",
            "Kirsteinsvej",
            "Fregh",
            "Kuala",
            "matarial",
            "Sdn4BHD",
            "Liguid",
            "Carter",
            "Glovers",
            "GLOVERS",
        ] {
            assert_eq!(mended(&[kept], en), kept);
        }
        // Only on English documents: "centras" is Lithuanian, not "centres" misread.
        assert_eq!(mended(&["UAB", "Gintaro", "centras"], Some(Lang::Lt)), "UAB Gintaro centras");
        assert_eq!(mended(&["POFULAR"], None), "POFULAR");
    }

    #[test]
    fn words_one_look_alike_letter_apart_are_told() {
        assert!(one_lookalike_apart("sanyo", "sanyu"));
        assert!(one_lookalike_apart("fregh", "fresh"));
        assert!(!one_lookalike_apart("sanyo", "sanyo"));
        assert!(!one_lookalike_apart("sanyo", "sanxo"));
        assert!(!one_lookalike_apart("sanyo", "sanuu"));
        assert!(!one_lookalike_apart("sanyo", "sanyou"));
        assert!(!one_lookalike_apart("sany", "sanyu"));
    }

    #[test]
    fn a_danish_word_read_without_its_marks_gets_them_back() {
        let da = Some(Lang::Da);
        assert_eq!(mended(&["Okologiske", "kaffebønner"], da), "Økologiske kaffebønner");
        assert_eq!(mended(&["Flytning", "af", "mobler"], da), "Flytning af møbler");
        assert_eq!(mended(&["Nordisk", "Trae", "ApS"], da), "Nordisk Træ ApS");
        assert_eq!(mended(&["ARLIG", "LICENS"], da), "ÅRLIG LICENS");
        // Words that are Danish without the marks, short words, and other
        // languages' documents stay as read.
        for kept in ["Bog", "Alle", "Maling", "ApS", "Tomrerx"] {
            assert_eq!(mended(&[kept], da), kept);
        }
        assert_eq!(mended(&["Flytning", "af", "mobler"], Some(Lang::En)), "Flytning af mobler");
    }

    #[test]
    fn the_danish_word_list_holds_marked_words_only() {
        assert!(DANISH_MARKED.len() > 50_000);
        assert!(
            DANISH_MARKED
                .iter()
                .all(|(k, w)| w.contains(['æ', 'ø', 'å']) && k.len() >= 4 && *k == without_danish_marks(w))
        );
    }

    #[test]
    fn the_english_word_list_holds_long_lower_case_words() {
        assert!(ENGLISH_WORDS.len() > 40_000);
        assert!(ENGLISH_WORDS.iter().all(|w| w.len() >= 7 && w.bytes().all(|b| b.is_ascii_lowercase())));
        assert!(["popular", "confectionery", "stationery", "hardware"].iter().all(|w| ENGLISH_WORDS.contains(w)));
    }

    #[test]
    fn a_legal_form_with_one_letter_wrong_is_mended() {
        assert_eq!(mended(&["MR.", "D.I.Y.", "SON", "BHD"], None), "MR. D.I.Y. SDN BHD");
        assert_eq!(mended(&["Broadview", "Sdn", "Ehd"], None), "Broadview Sdn Bhd");
        assert_eq!(mended(&["SON", "BHD."], None), "SDN BHD.");
        // Two letters off where the form ends the line, marks kept.
        assert_eq!(mended(&["HOLDINGS", "SON.", "HD"], None), "HOLDINGS SDN. BHD");
        assert_eq!(mended(&["CO", "SON.", "HD", "(123456-X)"], None), "CO SDN. BHD (123456-X)");
        assert_eq!(mended(&["CO", "SON.", "HD", "LOT", "3"], None), "CO SON. HD LOT 3");
        // Two letters off in one word is another word; so is a pair two
        // letters off that does not close a name.
        assert_eq!(mended(&["SDN", "BOX"], None), "SDN BOX");
        assert_eq!(mended(&["SUN", "BAD"], None), "SUN BAD");
        assert_eq!(mended(&["SDN", "BHD"], None), "SDN BHD");
        assert_eq!(mended(&["CARRY", "SDN", "3HD"], None), "CARRY SDN BHD");
        // Initials are not the one-letter words of a form ("e.K.").
        assert_eq!(mended(&["M.", "K.", "Čiurlionio"], None), "M. K. Čiurlionio");
    }

    #[test]
    fn a_legal_forms_second_word_read_as_a_doubtful_speck_is_restored() {
        let mended = |texts: &[&str], confidence: f32| {
            let mut l = line(texts);
            for w in l.words.iter_mut().filter(|w| !w.text.chars().any(char::is_alphabetic)) {
                w.confidence = confidence;
            }
            mend_line(&mut l, None, COLUMNS);
            l.text()
        };
        assert_eq!(mended(&["SEAFOOD", "RESTAURANT", "SDN", "1."], 0.46), "SEAFOOD RESTAURANT SDN BHD");
        assert_eq!(mended(&["Seafood", "Sdn", "1."], 0.3), "Seafood Sdn Bhd");
        // Not a figure read surely, nor where the name goes on after it.
        assert_eq!(mended(&["SEAFOOD", "SDN", "1."], 0.9), "SEAFOOD SDN 1.");
        assert_eq!(mended(&["SEAFOOD", "SDN", "1.", "LOT"], 0.46), "SEAFOOD SDN 1. LOT");
    }

    #[test]
    fn a_dollar_sign_starting_a_code_in_lithuanian_or_danish_is_an_s() {
        assert_eq!(lt(&["Apsauginiai", "batai", "$3"]), "Apsauginiai batai S3");
        // Not a price, nor where no word comes before, nor in English.
        assert_eq!(lt(&["batai", "$3.50", "$3"]), "batai $3.50 $3");
        assert_eq!(mended(&["Coffee", "$3"], Some(Lang::En)), "Coffee $3");
    }

    #[test]
    fn a_capital_i_before_a_unit_is_the_figure_one() {
        assert_eq!(mended(&["Kava", "pupelėmis,", "I", "kg"], None), "Kava pupelėmis, 1 kg");
        assert_eq!(mended(&["dažai,", "I", "l,", "balti"], None), "dažai, 1 l, balti");
        // Not before a word that is no unit, nor a small l.
        assert_eq!(mended(&["I", "kgs", "l", "kg"], None), "I kgs l kg");
    }

    #[test]
    fn a_capital_i_after_a_number_is_a_litre() {
        assert_eq!(mended(&["Kefyras", "1", "I"], None), "Kefyras 1 l");
        assert_eq!(mended(&["I", "agree"], None), "I agree");
    }

    #[test]
    fn a_bar_a_words_space_after_a_number_is_a_litre() {
        let word = |t: &str, x0: f32, x1: f32, h: f32| Word {
            text: t.into(),
            bbox: BBox::new(x0, 0.0, x1, h),
            confidence: 0.9,
        };
        let mended = |words: Vec<Word>| {
            let mut l = Line::from_words(words).unwrap();
            mend_line(&mut l, None, COLUMNS);
            l.text()
        };
        let gira = |bar: Word| vec![word("Gira", 0.0, 40.0, 20.0), word("0,5", 50.0, 80.0, 20.0), bar];
        assert_eq!(mended(gira(word("|", 90.0, 94.0, 18.0))), "Gira 0,5 l");
        // A ruling: a column's gap off, or taller than the figures.
        assert_eq!(mended(gira(word("|", 100.0, 104.0, 18.0))), "Gira 0,5 |");
        assert_eq!(mended(gira(word("|", 90.0, 94.0, 32.0))), "Gira 0,5 |");
        // Nor after a word, a row's number or a long number, nor a speck.
        assert_eq!(mended(vec![word("Gira", 0.0, 40.0, 20.0), word("|", 50.0, 54.0, 18.0)]), "Gira |");
        let row = vec![word("3", 0.0, 10.0, 20.0), word("|", 20.0, 24.0, 18.0), word("Gira", 34.0, 74.0, 20.0)];
        assert_eq!(mended(row), "3 | Gira");
        let long =
            vec![word("No.", 0.0, 30.0, 20.0), word("00389556", 40.0, 120.0, 20.0), word("|", 130.0, 134.0, 18.0)];
        assert_eq!(mended(long), "No. 00389556 |");
        let code = vec![word("X91", 0.0, 30.0, 20.0), word("7EC9", 40.0, 80.0, 20.0), word("|", 90.0, 94.0, 18.0)];
        assert_eq!(mended(code), "X91 7EC9 |");
        assert_eq!(mended(gira(word("|", 90.0, 94.0, 4.0))), "Gira 0,5 |");
    }

    #[test]
    fn a_question_mark_or_closing_quote_after_a_unit_of_length_is_a_square() {
        assert_eq!(mended(&["m?", "6"], None), "m² 6");
        assert_eq!(mended(&["80", "g/m?,"], None), "80 g/m²,");
        assert_eq!(mended(&["80", "g/m?"], None), "80 g/m²");
        // A closing quote stands for it as well (not the plain apostrophe
        // some write after a metre that is run, "12 m'").
        assert_eq!(mended(&["80", "g/m’,"], None), "80 g/m²,");
        assert_eq!(mended(&["12", "m’"], None), "12 m²");
        assert_eq!(mended(&["Kiek?", "I’m", "Tom’", "m'", "cm?."], None), "Kiek? I’m Tom’ m' cm².");
    }

    #[test]
    fn lithuanian_e_with_an_acute_is_e_with_a_dot() {
        assert_eq!(mended(&["Programinés", "įrangos"], Some(Lang::Lt)), "Programinės įrangos");
        assert_eq!(mended(&["Café"], Some(Lang::En)), "Café");
    }

    #[test]
    fn a_lithuanian_word_ending_in_y_ends_in_u_with_an_ogonek() {
        assert_eq!(lt(&["Kroviniy", "pervežimas"]), "Krovinių pervežimas");
        assert_eq!(lt(&["500", "lapy,"]), "500 lapų,");
        assert_eq!(lt(&["„PATALPY"]), "„PATALPŲ");
        // Not a short code, a word of mixed case, nor another language.
        assert_eq!(lt(&["kabelis", "YDY"]), "kabelis YDY");
        assert_eq!(lt(&["ProxY"]), "ProxY");
        assert_eq!(mended(&["Kroviniy"], Some(Lang::En)), "Kroviniy");
    }

    #[test]
    fn a_small_caron_letter_read_as_a_capital_inside_a_lithuanian_word_gets_its_caron() {
        assert_eq!(lt(&["KarSto", "vandens"]), "Karšto vandens");
        assert_eq!(lt(&["NeSiojamas", "kompiuteris"]), "Nešiojamas kompiuteris");
        assert_eq!(lt(&["(vaZiavimas)"]), "(važiavimas)");
        // Not a brand in two capitalised parts, a word in capitals, a short
        // code, a capital after a capital, nor another language.
        assert_eq!(lt(&["PlayStation", "MasterCard"]), "PlayStation MasterCard");
        assert_eq!(lt(&["KASOS", "aPS"]), "KASOS aPS");
        assert_eq!(lt(&["MAXIMA", "LTSaulė"]), "MAXIMA LTSaulė");
        assert_eq!(mended(&["Tømrer", "ApS"], Some(Lang::Da)), "Tømrer ApS");
        assert_eq!(mended(&["KarSto"], Some(Lang::En)), "KarSto");
    }

    #[test]
    fn a_lithuanian_words_first_letter_read_without_its_mark_gets_it_back() {
        assert_eq!(lt(&["Sviestuvas", "LED,"]), "Šviestuvas LED,");
        assert_eq!(lt(&["Zoliapjovės", "remontas"]), "Žoliapjovės remontas");
        assert_eq!(lt(&["Irankių", "rinkinys"]), "Įrankių rinkinys");
        assert_eq!(lt(&["Sildymo", "katilo"]), "Šildymo katilo");
        // With the caron inside and the plural's ų mended first.
        assert_eq!(lt(&["SiukSliy"]), "Šiukšlių");
        // A word that begins a dictionary word as read stays, as do short
        // words, words in capitals, words the dictionary does not know, and
        // other languages.
        assert_eq!(lt(&["Sąskaita", "Elektros", "Sieninis"]), "Sąskaita Elektros Sieninis");
        assert_eq!(lt(&["Ukio", "SVIESTUVAS", "Samsung"]), "Ukio SVIESTUVAS Samsung");
        // A six-letter name is too short to tell ("čarteris" begins "čart").
        assert_eq!(lt(&["Carter"]), "Carter");
        assert_eq!(mended(&["Sviestuvas"], Some(Lang::En)), "Sviestuvas");
    }

    #[test]
    fn a_lithuanian_letter_on_a_danish_or_english_page_loses_its_mark() {
        assert_eq!(mended(&["Kūchlers", "Allé", "4"], Some(Lang::Da)), "Küchlers Allé 4");
        assert_eq!(mended(&["Datė:"], Some(Lang::En)), "Date:");
        assert_eq!(mended(&["1", "ką"], Some(Lang::Da)), "1 kg");
        // Lithuanian pages keep their letters, as do pages of no known language.
        assert_eq!(mended(&["Ūkio", "Datė"], Some(Lang::Lt)), "Ūkio Datė");
        assert_eq!(mended(&["Ūkio"], None), "Ūkio");
    }

    #[test]
    fn postcodes_get_their_digits_back() {
        let mended = |texts: &[&str]| mended(texts, None);
        assert_eq!(mended(&["Dublin", "2,", "D02", "OP4E"]), "Dublin 2, D02 0P4E");
        assert_eq!(mended(&["Limerick,", "V94", "VON9"]), "Limerick, V94 V0N9");
        assert_eq!(mended(&["Bath,", "BAI", "3AP"]), "Bath, BA1 3AP");
        assert_eq!(mended(&["Liverpool,", "L14DB"]), "Liverpool, L1 4DB");
        // Words that only look alike stay.
        assert_eq!(mended(&["Flat", "B12", "INTO"]), "Flat B12 INTO");
        assert_eq!(mended(&["SKU", "AB12CD"]), "SKU AB12CD");
    }

    #[test]
    fn years_misread_by_one_digit_come_back_to_this_century() {
        assert_eq!(mend_year("12-02-2618").as_deref(), Some("12-02-2018"));
        assert_eq!(mend_year("04-04-9018").as_deref(), Some("04-04-2018"));
        assert_eq!(mend_year("09/03/2918").as_deref(), Some("09/03/2018"));
        assert_eq!(mend_year("12-02-2018"), None);
        assert_eq!(mend_year("1-2-3456"), None);
        assert_eq!(mend_year("45-67-2618"), None);
    }

    #[test]
    fn a_legal_form_read_without_its_diacritics_gets_them_back() {
        let mend = |words: &[&str], lang| mended(words, Some(lang));
        assert_eq!(mend(&["Gagys", "II"], Lang::Lt), "Gagys IĮ");
        assert_eq!(mend(&["VSI", "Sveikata"], Lang::Lt), "VŠĮ Sveikata");
        assert_eq!(mend(&["Wisma", "UOA", "II"], Lang::En), "Wisma UOA II", "only in the form's language");
        assert_eq!(mend(&["Pirkėjas", "II", "aukštas"], Lang::Lt), "Pirkėjas II aukštas", "only at a line's ends");
        // Two parties side by side: each column's part of the line has ends.
        let at =
            |text: &str, x: f32| Word { text: text.into(), bbox: BBox::new(x, 0.0, x + 8.0, 10.0), confidence: 0.9 };
        let mut two =
            Line::from_words(vec![at("Stankevičius", 0.0), at("II", 10.0), at("Kalvėnas", 200.0), at("IĮ", 210.0)])
                .unwrap();
        mend_line(&mut two, Some(Lang::Lt), COLUMNS);
        assert_eq!(two.text(), "Stankevičius IĮ Kalvėnas IĮ");
    }

    #[test]
    fn a_british_inward_code_read_with_figures_for_letters_is_mended() {
        assert_eq!(mended(&["Cambridge,", "CB2", "520"], None), "Cambridge, CB2 5ZQ");
        assert_eq!(mended(&["London", "N1", "70P,", "UK"], None), "London N1 7QP, UK");
        assert_eq!(mended(&["Box", "A4", "500", "sheets"], None), "Box A4 500 sheets", "not a postcode's place");
        assert_eq!(mended(&["Leeds", "LS1", "5DU"], None), "Leeds LS1 5DU");
    }

    #[test]
    fn a_lithuanian_postcode_split_in_two_is_joined() {
        assert_eq!(mended(&["LT-901", "10", "Plungė"], None), "LT-90110 Plungė");
        assert_eq!(mended(&["LT-9011", "0,", "Plungė"], None), "LT-90110, Plungė");
        assert_eq!(mended(&["LT-90110", "10"], None), "LT-90110 10");
    }

    #[test]
    fn a_danish_firms_son_gets_its_o_back() {
        assert_eq!(mended(&["Winther", "&", "Son", "A/S"], Some(Lang::Da)), "Winther & Søn A/S");
        assert_eq!(mended(&["HENRIKSEN", "&", "SEN"], Some(Lang::Da)), "HENRIKSEN & SØN");
        assert_eq!(mended(&["Jensen", "&", "Sonner"], Some(Lang::Da)), "Jensen & Sønner");
        assert_eq!(mended(&["Smith", "&", "Son", "Ltd"], Some(Lang::En)), "Smith & Son Ltd");
        assert_eq!(mended(&["Son", "&", "Co"], Some(Lang::Da)), "Son & Co");
        // The "&" read as a 6 or an 8, before a capital S only.
        assert_eq!(mended(&["Winther", "6", "Son", "A/S"], Some(Lang::Da)), "Winther 6 Søn A/S");
        assert_eq!(mended(&["Rødvin", "6", "son"], Some(Lang::Da)), "Rødvin 6 son");
    }

    #[test]
    fn a_number_sign_read_as_a_four_after_its_label_is_mended() {
        assert_eq!(mended(&["Invoice", "4", "A/2024/921", "Billed", "to"], None), "Invoice # A/2024/921 Billed to");
        assert_eq!(mended(&["Receipt", "4", "10293"], None), "Receipt # 10293");
        // A four that is a quantity or the number itself stays.
        assert_eq!(mended(&["Pencils", "4", "12.00"], None), "Pencils 4 12.00");
        assert_eq!(mended(&["Invoice", "4"], None), "Invoice 4");
        assert_eq!(mended(&["Invoice", "4", "of", "5"], None), "Invoice 4 of 5");
    }

    #[test]
    fn an_iban_country_code_read_with_a_figure_gets_its_letter_back() {
        let iban = ["1E48", "AIBK", "9373", "4103", "9896", "46"];
        assert_eq!(mended(&iban, None), "IE48 AIBK 9373 4103 9896 46");
        let wrong = ["1E48", "AIBK", "9373", "4103", "9896", "47"];
        assert_eq!(mended(&wrong, None), "1E48 AIBK 9373 4103 9896 47", "the check digits fail");
        assert_eq!(mended(&["Tel.", "1234", "5678"], None), "Tel. 1234 5678");
    }

    #[test]
    fn a_day_or_month_whose_0_was_read_as_8_is_mended() {
        assert_eq!(mend_day_month("17/83/2017").as_deref(), Some("17/03/2017"));
        assert_eq!(mend_day_month("2025-89-04").as_deref(), Some("2025-09-04"));
        assert_eq!(mend_day_month("66/68/2017").as_deref(), Some("06/08/2017"));
        assert_eq!(mend_day_month("63/09/2617").as_deref(), Some("03/09/2017"), "its year misread too");
        assert_eq!(mend_day_month("17/03/2017"), None, "a valid date stays");
        assert_eq!(mend_day_month("45/03/2017"), None, "4 is no misread 0");
        assert_eq!(mend_day_month("80/03/2017"), None, "00 is no day");
        assert_eq!(mend_day_month("12.34.56"), None, "no four-figure year");
    }
}
