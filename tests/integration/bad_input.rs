//! Bad input gets one clear line naming the file, position or argument, exit code 2, no panic,
//! and no output file left behind. The corpus lives in tests/fixtures/bad-input/.

use crate::harness::{cogref, cogref_run, fixture, run, Run};

fn assert_clean_failure(r: &Run, must_name: &str, what: &str) {
    assert_eq!(
        r.code, 2,
        "{what}: exit code {} stderr {}",
        r.code, r.stderr
    );
    assert_eq!(
        r.stderr.lines().count(),
        1,
        "{what}: not one line:\n{}",
        r.stderr
    );
    assert!(
        r.stderr.starts_with("cogref: ") || r.stderr.starts_with("error: "),
        "{what}: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(must_name),
        "{what}: {:?} does not name {must_name:?}",
        r.stderr
    );
    assert!(!r.stderr.contains("panicked"), "{what}: panic");
    assert!(r.stdout.is_empty(), "{what}: stdout not empty");
}

/// (file, what the message must say besides the file name)
const CORPUS: &[(&str, &str)] = &[
    ("truncated.json", "EOF while parsing"),
    ("not-utf8.json", "not UTF-8"),
    ("latin1.json", "not UTF-8"),
    ("schema-version-99.json", "unsupported schema_version 99"),
    (
        "schema-version-string.json",
        "unsupported schema_version \"1\"",
    ),
    ("schema-version-missing.json", "no `schema_version`"),
    (
        "user-pools-object.json",
        "invalid type: map, expected a sequence",
    ),
    (
        "estimated-users-string.json",
        "invalid type: string \"many\"",
    ),
    ("unknown-top-level-field.json", "unknown field `surprise`"),
    ("pool-missing-id.json", "missing field `id`"),
    (
        "client-has-secret-string.json",
        "invalid type: string \"yes\"",
    ),
    ("roles-null.json", "invalid type: null"),
    ("captured-at-number.json", "invalid type: integer"),
    ("empty.json", "empty file"),
    ("whitespace.json", "empty file"),
    ("array.json", "expected a JSON object"),
    ("null.json", "expected a JSON object"),
    ("string.json", "expected a JSON object"),
    ("zeros.bin", "expected a JSON object"),
    ("deep-nesting.json", "unknown field `x`"), // 5000 levels deep: no stack overflow
    ("duplicate-field.json", "duplicate field `regions`"),
    ("number-overflow.json", "number out of range"),
    ("yaml-not-json.yaml", "expected a JSON object"),
    ("trailing-garbage.json", "trailing characters"),
    ("unterminated-string.json", "EOF while parsing a string"),
];

#[test]
fn every_malformed_snapshot_is_one_clear_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = fixture("bad-input");
    let listed = std::fs::read_dir(&corpus).unwrap().count();
    assert_eq!(listed, CORPUS.len(), "every corpus file has an expectation");
    for (file, says) in CORPUS {
        let path = corpus.join(file);
        let out = dir.path().join(format!("{file}.out"));
        let r = run(cogref()
            .args(["ls", "--snapshot"])
            .arg(&path)
            .arg("--out")
            .arg(&out));
        assert_clean_failure(&r, file, file);
        assert!(
            r.stderr.contains(says),
            "{file}: {:?} does not say {says:?}",
            r.stderr
        );
        assert!(!out.exists(), "{file}: an output file was left behind");
    }
    // Positions are given for JSON syntax errors.
    let r = cogref_run(&[
        "ls",
        "--snapshot",
        fixture("bad-input/truncated.json").to_str().unwrap(),
    ]);
    assert!(r.stderr.contains("at line "), "{}", r.stderr);
}

#[test]
fn a_50_mb_file_a_directory_and_a_missing_file_are_refused_cleanly() {
    let dir = tempfile::tempdir().unwrap();
    let big = dir.path().join("big.json");
    let mut content = b"{\"schema_version\": 1, \"junk\": \"".to_vec();
    content.resize(50 * 1024 * 1024, b'x');
    std::fs::write(&big, &content).unwrap();
    let r = cogref_run(&["ls", "--snapshot", big.to_str().unwrap()]);
    assert_clean_failure(&r, "big.json", "50 MB file");

    let r = cogref_run(&["ls", "--snapshot", dir.path().to_str().unwrap()]);
    assert_clean_failure(&r, "is a directory", "directory");

    let missing = dir.path().join("nope.json");
    let r = cogref_run(&["ls", "--snapshot", missing.to_str().unwrap()]);
    assert_clean_failure(&r, "nope.json", "missing file");
    assert!(r.stderr.contains("No such file"), "{}", r.stderr);
}

#[test]
fn bad_arguments_are_one_line_and_exit_2() {
    let sample = fixture("sample-snapshot.json");
    let sample = sample.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["scan", "--pool", "not-a-pool"],
            "malformed user pool id",
        ),
        (
            vec!["scan", "--pool", "us-east-1-abc"],
            "malformed user pool id",
        ),
        (
            vec!["scan", "--identity-pool", "us-east-1_abc"],
            "malformed identity pool id",
        ),
        (
            vec!["scan", "--region", "mars-north-1"],
            "--region \"mars-north-1\"",
        ),
        (vec!["ls", "--format", "xml"], "--format"),
        (vec!["scan", "--concurrency", "0"], "--concurrency"),
        (vec!["scan", "--timeout", "nope"], "--timeout"),
        (
            vec!["scan", "--endpoint-url", "ftp://127.0.0.1"],
            "--endpoint-url",
        ),
        (vec!["scan", "--rate-limit", "fast"], "--rate-limit"),
        (vec!["scan", "--rate-limit", "Nope=3"], "unknown category"),
        (vec!["scan", "--snapshot", sample], "--snapshot"),
        (vec!["frobnicate"], "frobnicate"),
        (
            vec![
                "ls",
                "--snapshot",
                sample,
                "--out",
                dir.path().to_str().unwrap(),
            ],
            "is a directory",
        ),
    ];
    for (args, says) in cases {
        let r = cogref_run(&args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{args:?}");
        assert!(
            r.stderr.contains(says),
            "{args:?}: {:?} does not say {says:?}",
            r.stderr
        );
        assert!(r.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn unknown_profile_and_missing_credentials_are_one_clear_line() {
    let r = run(cogref()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args([
            "scan",
            "--profile",
            "no-such-profile",
            "--endpoint-url",
            "http://127.0.0.1:9",
        ]));
    assert_clean_failure(&r, "no-such-profile", "unknown profile");

    let r = run(cogref()
        .env_remove("AWS_ACCESS_KEY_ID")
        .env_remove("AWS_SECRET_ACCESS_KEY")
        .args([
            "scan",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "--timeout",
            "2",
        ]));
    assert_clean_failure(&r, "no AWS credentials", "no credentials");
}

/// (file, what the message must say) for `cogref drift --desired FILE`.
const BAD_TEMPLATES: &[(&str, &str)] = &[
    (
        "circular-depends-on.yaml",
        "circular dependency between resources: A -> B -> C -> A",
    ),
    (
        "circular-ref.yaml",
        "circular dependency between resources: Client -> Pool -> Client",
    ),
    (
        "self-reference-sub.yaml",
        "circular dependency between resources: Pool -> Pool",
    ),
    ("duplicate-keys.json", "duplicate key \"Resources\""),
    ("duplicate-keys.yaml", "duplicate entry with key \"A\""),
    ("tabs.yaml", "invalid YAML at line 2, column 1"),
    ("empty.yaml", "no `Resources` mapping"),
    ("resources-list.yaml", "no `Resources` mapping"),
    ("malformed-type.yaml", "is not a resource type"),
    (
        "unknown-cognito-type.yaml",
        "unknown resource type AWS::Cognito::UserPol",
    ),
    ("properties-list.json", "`Properties` is not a mapping"),
];

#[test]
fn every_malformed_template_is_one_clear_line_and_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = fixture("bad-templates");
    let listed = std::fs::read_dir(&corpus).unwrap().count();
    assert_eq!(
        listed,
        BAD_TEMPLATES.len(),
        "every corpus file has an expectation"
    );
    let live = fixture("sample-snapshot.json");
    for (file, says) in BAD_TEMPLATES {
        let out = dir.path().join(format!("{file}.md"));
        let r = run(cogref()
            .args(["drift", "--snapshot"])
            .arg(&live)
            .arg("--desired")
            .arg(corpus.join(file))
            .arg("--out")
            .arg(&out));
        assert_clean_failure(&r, file, file);
        assert!(
            r.stderr.contains(says),
            "{file}: {:?} does not say {says:?}",
            r.stderr
        );
        assert!(!out.exists(), "{file}: an output file was left behind");
    }
    // Resources of other services are not errors: drift skips them; but a template with
    // nothing else compares nothing, which is an error, never "no drift" (issue 12).
    let other = dir.path().join("lambda.yaml");
    std::fs::write(
        &other,
        "Resources:\n  F:\n    Type: AWS::Lambda::Function\n",
    )
    .unwrap();
    let r = cogref_run(&[
        "drift",
        "--snapshot",
        live.to_str().unwrap(),
        "--desired",
        other.to_str().unwrap(),
    ]);
    assert_clean_failure(&r, "lambda.yaml", "lambda.yaml");
    assert!(
        r.stderr
            .contains("the template has no Cognito resource (it has 1 other resource)"),
        "{}",
        r.stderr
    );
    let mut with_pool = std::fs::read_to_string(&other).unwrap();
    with_pool.push_str(
        "  P:\n    Type: AWS::Cognito::UserPool\n    Properties: {UserPoolName: shop-customers}\n",
    );
    std::fs::write(&other, with_pool).unwrap();
    let r = cogref_run(&[
        "drift",
        "--snapshot",
        live.to_str().unwrap(),
        "--desired",
        other.to_str().unwrap(),
    ]);
    assert_ne!(r.code, 2, "{}", r.stderr);
}
