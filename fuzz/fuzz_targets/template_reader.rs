//! Fuzz target: the desired-state reader (CloudFormation JSON/YAML templates and snapshots)
//! and the whole drift comparison against the sample snapshot never panic or loop.
#![no_main]

use cogref::drift::{compare, read_desired, Options};
use cogref::model::Snapshot;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn live() -> &'static Snapshot {
    static LIVE: OnceLock<Snapshot> = OnceLock::new();
    LIVE.get_or_init(|| {
        Snapshot::from_json(include_bytes!("../../tests/fixtures/sample-snapshot.json"))
            .expect("the sample fixture reads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(desired) = read_desired(text) {
        let _ = compare(&desired, live(), &Options::default());
    }
});
