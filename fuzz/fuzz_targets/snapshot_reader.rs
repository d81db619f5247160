//! Fuzz target: the snapshot reader never panics, whatever the bytes, and what it accepts
//! round-trips through its canonical form.
#![no_main]

use cogref::model::Snapshot;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(snapshot) = Snapshot::from_json(data) {
        let again = Snapshot::from_json(snapshot.to_json().as_bytes())
            .expect("a snapshot cogref wrote must read back");
        assert_eq!(again, snapshot);
    }
});
