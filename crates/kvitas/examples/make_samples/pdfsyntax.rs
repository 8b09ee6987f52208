//! Just enough PDF syntax to edit the dictionaries this generator writes: find
//! the top-level entries of a dictionary, read or replace one value, and follow
//! indirect references. Values are skipped by their grammar (names, numbers,
//! references, strings, arrays, nested dictionaries), so a key is never matched
//! inside a nested dictionary or a string.

use std::ops::Range;

use anyhow::{Context, Result, bail, ensure};

/// Replaces the value of `key` in a dictionary, or adds the entry if absent.
pub fn dict_set(dict: &[u8], key: &str, value: &str) -> Result<Vec<u8>> {
    let (inner, _) = dict_span(dict)?;
    let found = entries(dict)?.into_iter().find(|(k, _)| k == key);
    let mut out = Vec::with_capacity(dict.len() + value.len() + key.len() + 2);
    match found {
        Some((_, range)) => {
            out.extend_from_slice(&dict[..range.start]);
            out.push(b' ');
            out.extend_from_slice(value.as_bytes());
            out.extend_from_slice(&dict[range.end..]);
        }
        None => {
            out.extend_from_slice(&dict[..inner.end]);
            out.extend_from_slice(format!("/{key} {value}").as_bytes());
            out.extend_from_slice(&dict[inner.end..]);
        }
    }
    Ok(out)
}

/// The raw value of `key` in a dictionary.
pub fn dict_get<'a>(dict: &'a [u8], key: &str) -> Result<Option<&'a [u8]>> {
    Ok(entries(dict)?.into_iter().find(|(k, _)| k == key).map(|(_, r)| &dict[r]))
}

/// The inner range of the dictionary that opens the body, and where it ends.
fn dict_span(body: &[u8]) -> Result<(Range<usize>, usize)> {
    let start = skip_ws(body, 0);
    ensure!(body[start..].starts_with(b"<<"), "not a dictionary");
    let end = skip_value(body, start)?;
    Ok((start + 2..end - 2, end))
}

/// The top-level entries of the dictionary that opens `body`: key names and the
/// byte ranges of their values.
pub fn entries(body: &[u8]) -> Result<Vec<(String, Range<usize>)>> {
    let (inner, _) = dict_span(body)?;
    let mut out = Vec::new();
    let mut i = skip_ws(body, inner.start);
    while i < inner.end {
        ensure!(body[i] == b'/', "dictionary key expected at byte {i}");
        let key_end = skip_value(body, i)?;
        let key = ascii(&body[i + 1..key_end])?.to_string();
        let value_end = skip_value(body, skip_ws(body, key_end))?;
        out.push((key, key_end..value_end));
        i = skip_ws(body, value_end);
    }
    Ok(out)
}

fn is_delimiter(b: u8) -> bool {
    b.is_ascii_whitespace() || b"()<>[]{}/%".contains(&b)
}

fn skip_ws(b: &[u8], mut i: usize) -> usize {
    while i < b.len() && b[i].is_ascii_whitespace() {
        i += 1;
    }
    i
}

/// The end of the value that starts at `i`: a name, number, reference,
/// string, array or dictionary.
fn skip_value(b: &[u8], i: usize) -> Result<usize> {
    let at = |j: usize| b.get(j).copied();
    match at(i) {
        Some(b'/') => {
            let mut j = i + 1;
            while j < b.len() && !is_delimiter(b[j]) {
                j += 1;
            }
            Ok(j)
        }
        Some(b'[') => {
            let mut j = skip_ws(b, i + 1);
            while at(j) != Some(b']') {
                ensure!(j < b.len(), "unterminated array");
                j = skip_ws(b, skip_value(b, j)?);
            }
            Ok(j + 1)
        }
        Some(b'<') if at(i + 1) == Some(b'<') => {
            let mut j = skip_ws(b, i + 2);
            while !(at(j) == Some(b'>') && at(j + 1) == Some(b'>')) {
                ensure!(j < b.len(), "unterminated dictionary");
                j = skip_ws(b, skip_value(b, j)?);
            }
            Ok(j + 2)
        }
        Some(b'<') => Ok(i + find(&b[i..], b">").context("unterminated hex string")? + 1),
        Some(b'(') => {
            let (mut depth, mut j) = (0usize, i);
            loop {
                match at(j) {
                    Some(b'\\') => j += 1,
                    Some(b'(') => depth += 1,
                    Some(b')') => {
                        depth -= 1;
                        if depth == 0 {
                            return Ok(j + 1);
                        }
                    }
                    None => bail!("unterminated string"),
                    _ => {}
                }
                j += 1;
            }
        }
        Some(_) => {
            let word_end = |from: usize| {
                let mut j = from;
                while j < b.len() && !is_delimiter(b[j]) {
                    j += 1;
                }
                j
            };
            let end = word_end(i);
            // `12 0 R` is one value: look ahead for a generation and an R.
            let generation = skip_ws(b, end);
            let generation_end = word_end(generation);
            let r = skip_ws(b, generation_end);
            let is_number = |r: Range<usize>| !r.is_empty() && b[r].iter().all(u8::is_ascii_digit);
            if is_number(i..end) && is_number(generation..generation_end) && at(r) == Some(b'R') && word_end(r) == r + 1
            {
                Ok(r + 1)
            } else {
                Ok(end)
            }
        }
        None => bail!("value expected at end of input"),
    }
}

pub fn parse_ref(value: &[u8]) -> Result<u32> {
    let text = ascii(value)?;
    let mut parts = text.split_whitespace();
    match (parts.next(), parts.next(), parts.next()) {
        (Some(n), Some(_), Some("R")) => Ok(n.parse()?),
        _ => bail!("{text:?} is not an indirect reference"),
    }
}

pub fn ascii(bytes: &[u8]) -> Result<&str> {
    // Dictionaries written here are ASCII; the bytes after them (stream data,
    // the rest of the file) are not, so only a valid prefix is needed.
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(e) if e.valid_up_to() > 0 => Ok(std::str::from_utf8(&bytes[..e.valid_up_to()])?),
        Err(e) => Err(e.into()),
    }
}

pub fn trim(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(bytes.len());
    let end = bytes.iter().rposition(|b| !b.is_ascii_whitespace()).map_or(start, |e| e + 1);
    &bytes[start..end]
}

pub fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

pub fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}
