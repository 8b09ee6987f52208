//! Parsing Tesseract's TSV output into words.

use kvitas_extract::{BBox, Word};

/// Words (TSV level 5) with their boxes and confidences scaled to [0, 1].
pub(crate) fn words(tsv: &str) -> Vec<Word> {
    tsv.lines().filter_map(word).collect()
}

fn word(line: &str) -> Option<Word> {
    let cols: Vec<&str> = line.splitn(12, '\t').collect();
    if cols.len() != 12 || cols[0] != "5" {
        return None;
    }
    let num = |i: usize| cols[i].trim().parse::<f32>().ok();
    let (left, top, width, height, conf) = (num(6)?, num(7)?, num(8)?, num(9)?, num(10)?);
    let text = cols[11].trim();
    if text.is_empty() || conf < 0.0 {
        return None;
    }
    Some(Word {
        text: text.to_owned(),
        bbox: BBox::new(left, top, left + width, top + height),
        confidence: (conf / 100.0).clamp(0.0, 1.0),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_rows_become_words_and_others_are_skipped() {
        let tsv = "1\t1\t0\t0\t0\t0\t0\t0\t100\t50\t-1\t\n\
                   5\t1\t1\t1\t1\t1\t10\t20\t30\t12\t96.5\tSąskaita\n\
                   5\t1\t1\t1\t1\t2\t45\t20\t10\t12\t-1\t \n";
        let w = words(tsv);
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].text, "Sąskaita");
        assert_eq!(w[0].bbox, BBox::new(10.0, 20.0, 40.0, 32.0));
        assert!((w[0].confidence - 0.965).abs() < 1e-6);
    }
}
