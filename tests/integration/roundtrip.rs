//! The emitted CloudFormation template describes the live resources exactly: fed back as the
//! desired side of `cogref drift`, it reports no drift (issue 5's done-when, landed with drift).

use crate::harness::{cogref_run, fixture, run, sample_account};

#[test]
fn the_emitted_template_is_no_drift_against_the_snapshot_it_came_from() {
    let dir = tempfile::tempdir().unwrap();
    let snapshot = fixture("sample-snapshot.json");
    let snapshot = snapshot.to_str().unwrap();
    for format in ["json", "yaml"] {
        let out = dir.path().join(format);
        let r = cogref_run(&[
            "emit",
            "cloudformation",
            "--snapshot",
            snapshot,
            "--template-format",
            format,
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        let template = out.join(format!("template.{format}"));
        let import = out.join("resources-to-import.json");
        // Matched through the import file, and by name alone.
        for matching in [vec!["--import-file", import.to_str().unwrap()], vec![]] {
            let mut args = vec![
                "drift",
                "--snapshot",
                snapshot,
                "--desired",
                template.to_str().unwrap(),
                "--format",
                "json",
            ];
            args.extend(matching.iter());
            let r = cogref_run(&args);
            assert_eq!(
                r.code, 0,
                "{format} {matching:?}: {}\n{}",
                r.stdout, r.stderr
            );
            let report = r.json();
            assert_eq!(
                report["findings"].as_array().map(Vec::len),
                Some(0),
                "{report}"
            );
        }
    }
}

#[test]
fn the_emitted_template_is_no_drift_against_the_live_account() {
    let sample = sample_account();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cfn");
    let r = run(sample
        .emulator
        .cogref()
        .args(["emit", "cloudformation", "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = run(sample
        .emulator
        .cogref()
        .args(["drift", "--desired"])
        .arg(out.join("template.json"))
        .arg("--import-file")
        .arg(out.join("resources-to-import.json")));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("No drift"), "{}", r.stdout);
}
