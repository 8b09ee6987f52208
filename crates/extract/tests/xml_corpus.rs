//! Every e-invoice XML of the evaluation corpus, read through detection and the
//! e-invoice mapper, equals the truth JSON beside it (language aside, numbers as
//! decimals).

mod common;

use kvitas_extract::{Input, NoOcr, Options, read};

#[test]
fn xml_corpus_matches_truth() {
    let dir = common::corpus_dir().join("xml");
    let cases = common::cases(&dir, "xml");
    assert!(cases.len() >= 50, "expected the xml corpus at {}, found {} documents", dir.display(), cases.len());
    let mut failures = Vec::new();
    for (xml, truth) in &cases {
        let bytes = std::fs::read(xml).expect("read xml");
        match read(Input::Bytes(bytes), &mut NoOcr, &Options::default()) {
            Ok(x) => {
                assert_eq!(x.reader, "xml");
                assert!(x.fields.iter().all(|f| f.confidence == 1.0));
                let diffs = common::diff(truth, &serde_json::to_value(&x.data).expect("json"));
                if !diffs.is_empty() {
                    failures.push(format!("{}: {}", xml.display(), diffs.join("; ")));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", xml.display())),
        }
    }
    assert!(failures.is_empty(), "{} of {} differ:\n{}", failures.len(), cases.len(), failures.join("\n"));
}
