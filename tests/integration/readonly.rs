//! Read-only, proven: every request cogref sends during a full run of its commands against the
//! emulator is recorded by the emulator itself, and each one is a Describe/List/Get call (or STS
//! GetCallerIdentity). The operations recorded are exactly the actions `cogref iam-policy`
//! prints, so the policy is least-privilege and complete.

use crate::harness::{run, Emulator};
use std::collections::BTreeSet;

#[test]
fn a_full_run_sends_only_reads_and_exactly_the_iam_policy_actions() {
    let dir = tempfile::tempdir().unwrap();
    let record = dir.path().join("requests.jsonl");
    let emulator = Emulator::start_recording(&record);
    let ids = emulator.seed(&[]);
    let seeded = emulator.recorded().len();
    assert!(seeded > 0, "the recorder sees the seeder's calls");

    let pool = ids["user_pools"]["shop-customers"]["id"].as_str().unwrap();
    let out = dir.path().join("out");
    let commands: Vec<Vec<String>> = vec![
        vec!["scan".into(), "-vv".into()],
        vec!["ls".into()],
        vec!["scan".into(), "--pool".into(), pool.into()],
    ];
    for args in &commands {
        let r = run(emulator.cogref().args(args).arg("--out").arg(&out));
        assert!(r.code == 0, "cogref {args:?} failed: {}", r.stderr);
    }

    let calls = emulator.recorded_since(seeded);
    assert!(!calls.is_empty());
    for (service, op) in &calls {
        let read = ["Describe", "List", "Get"]
            .iter()
            .any(|p| op.starts_with(p));
        assert!(read, "cogref sent a non-read call: {service}:{op}");
    }
    let recorded: BTreeSet<String> = calls
        .iter()
        .filter(|(s, _)| s != "sts")
        .map(|(s, op)| format!("{s}:{op}"))
        .collect();
    assert!(calls
        .iter()
        .any(|(s, op)| s == "sts" && op == "GetCallerIdentity"));

    let policy = run(emulator.cogref().arg("iam-policy")).json();
    let actions: BTreeSet<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        recorded, actions,
        "recorded operations == iam-policy actions"
    );
}
