//! Small helpers for walking a `str` by byte offset without ever landing inside a
//! multi-byte character.

/// The character that ends just before byte offset `i`, if any.
pub(crate) fn prev_char(text: &str, i: usize) -> Option<char> {
    text.get(..i)?.chars().next_back()
}

/// The character that starts at byte offset `i`, if any.
pub(crate) fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..)?.chars().next()
}

/// The character that follows the one starting at byte offset `i`.
pub(crate) fn char_after(text: &str, i: usize) -> Option<char> {
    let c = char_at(text, i)?;
    char_at(text, i + c.len_utf8())
}

/// True for the spaces that may sit inside one printed number or date: a plain
/// space, a no-break space, a narrow no-break space or a thin space. Tabs and
/// line breaks are excluded because they separate columns and lines.
pub(crate) fn is_inline_space(c: char) -> bool {
    matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}')
}

/// True for the characters printed as a minus sign: the ASCII hyphen, the
/// Unicode minus and the en dash that OCR and word processors substitute.
pub(crate) fn is_minus(c: char) -> bool {
    matches!(c, '-' | '\u{2212}' | '\u{2013}')
}

/// True when `c` continues a word, so a token next to it is not standalone.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The byte offset just past the ASCII digits starting at `i`.
pub(crate) fn digits_end(text: &str, i: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = i;
    while end < bytes.len() && bytes[end].is_ascii_digit() {
        end += 1;
    }
    end
}

/// A forward cursor over a `str` used by the pattern matchers. It is `Copy` so a
/// matcher can try an alternative by keeping the old value.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Cursor<'a> {
    pub text: &'a str,
    pub pos: usize,
}

impl<'a> Cursor<'a> {
    /// A cursor at byte offset `pos` of `text`.
    pub fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    /// The next character without consuming it.
    pub fn peek(&self) -> Option<char> {
        char_at(self.text, self.pos)
    }

    /// Consumes `c` if it is next.
    pub fn eat(&mut self, c: char) -> bool {
        self.eat_if(|x| x == c).is_some()
    }

    /// Consumes the next character if `pred` accepts it.
    pub fn eat_if(&mut self, pred: impl Fn(char) -> bool) -> Option<char> {
        let c = self.peek().filter(|&c| pred(c))?;
        self.pos += c.len_utf8();
        Some(c)
    }

    /// Consumes a run of ASCII digits; `None` when there is none.
    pub fn digits(&mut self) -> Option<&'a str> {
        let end = digits_end(self.text, self.pos);
        let run = self.text.get(self.pos..end).filter(|r| !r.is_empty())?;
        self.pos = end;
        Some(run)
    }

    /// Consumes a run of letters; `None` when there is none.
    pub fn letters(&mut self) -> Option<&'a str> {
        let start = self.pos;
        while self.eat_if(char::is_alphabetic).is_some() {}
        self.text.get(start..self.pos).filter(|r| !r.is_empty())
    }

    /// Consumes up to `max` inline spaces and returns how many it consumed.
    pub fn spaces(&mut self, max: usize) -> usize {
        let mut n = 0;
        while n < max && self.eat_if(is_inline_space).is_some() {
            n += 1;
        }
        n
    }
}

/// Deterministic pseudo-random strings over `alphabet` (xorshift), for the
/// no-panic tests of the parsers.
#[cfg(test)]
pub(crate) fn random_strings(alphabet: &str, len: usize, count: usize, seed: u64) -> Vec<String> {
    let alphabet: Vec<char> = alphabet.chars().collect();
    let mut state = seed;
    (0..count)
        .map(|_| {
            (0..len)
                .map(|_| {
                    state ^= state << 13;
                    state ^= state >> 7;
                    state ^= state << 17;
                    alphabet[(state % alphabet.len() as u64) as usize]
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn neighbours_of_multibyte_characters_are_whole_characters() {
        let text = "ąč5";
        assert_eq!(prev_char(text, 2), Some('ą'));
        assert_eq!(char_at(text, 2), Some('č'));
        assert_eq!(char_after(text, 2), Some('5'));
        assert_eq!(prev_char(text, 1), None, "an offset inside a character has no neighbour");
    }

    #[test]
    fn cursor_reads_digits_letters_and_spaces() {
        let mut c = Cursor::new("12 kovo", 0);
        assert_eq!(c.digits(), Some("12"));
        assert_eq!(c.spaces(3), 1);
        assert_eq!(c.letters(), Some("kovo"));
        assert_eq!(c.peek(), None);
    }
}
