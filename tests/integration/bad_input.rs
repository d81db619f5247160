//! Bad input gets one clear line naming the file, position or argument, exit code 2, no panic,
//! and no output file left behind. The corpus lives in tests/fixtures/bad-input/.

use crate::harness::{cogref, cogref_run, fixture, run, Emulator, Run};

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
        assert_clean_failure(&r, says, &format!("{args:?}"));
    }
}

/// Usage errors are one line too: clap's message (with its possible values or tip), never its
/// usage block; conflicting options and missing values name the argument.
#[test]
fn usage_errors_are_one_line_naming_the_argument() {
    let sample = fixture("sample-snapshot.json");
    let sample = sample.to_str().unwrap();
    let template = fixture("drift/shop-cdk.template.json");
    let template = template.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> =
        vec![
        (
            vec!["ls", "--format", "xml"],
            "invalid value 'xml' for '--format <FORMAT>' [possible values: text, json, markdown]",
        ),
        (vec!["ls", "--snapshot", sample, "--format"], "'--format <FORMAT>'"),
        (
            vec!["scan", "--all-regions", "--region", "us-east-1"],
            "'--all-regions' cannot be used with '--region <REGION>'",
        ),
        (
            vec!["scan", "--stack", "a", "--all-stacks"],
            "cannot be used with '--all-stacks'",
        ),
        (
            vec!["emit", "env", "--branch", "main", "--all-branches"],
            "'--branch <NAME>' cannot be used with '--all-branches'",
        ),
        (
            vec!["iam-policy", "--assume-role", "x"],
            "required arguments were not provided: --fleet",
        ),
        (vec!["scan", "--rate-limit", "-3"], "'-3'"),
        (
            vec!["drift", "--snapshot", sample, "--desired", template, "--parameter", "Env"],
            "'--parameter <NAME=VALUE>': expected NAME=VALUE",
        ),
        (
            vec!["drift", "--snapshot", sample, "--desired", template, "--map", "Pool"],
            "'--map <LOGICAL_ID=PHYSICAL_ID>'",
        ),
        (
            vec!["drift", "--snapshot", sample, "--desired", template, "--fail-on", "often"],
            "'--fail-on <LEVEL>'",
        ),
        (
            vec!["check", "--snapshot", sample, "--pool", "shop"],
            "malformed user pool id \"shop\"",
        ),
        (vec!["emit", "yaml"], "unrecognized subcommand 'yaml'"),
        (
            vec!["--snapshot", sample, "emit"],
            "'cogref emit' needs a subcommand: reference-auth, outputs, env, cloudformation, terraform, cdk",
        ),
        (vec![], "'cogref' needs a subcommand: scan, ls, check, emit, drift"),
        (vec!["frobnicate"], "unrecognized subcommand 'frobnicate'"),
    ];
    for (args, says) in cases {
        let r = cogref_run(&args);
        assert_clean_failure(&r, says, &format!("{args:?}"));
        assert!(
            !r.stderr.contains("Usage:") && !r.stderr.contains("For more information"),
            "{args:?}: {}",
            r.stderr
        );
    }
    // Help and version are no errors: full text on stdout, exit 0.
    let r = cogref_run(&["--version"]);
    assert_eq!((r.code, r.stdout.trim()), (0, "cogref 0.1.0"));
    let r = cogref_run(&["drift", "--help"]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("--fail-on"), "{}", r.stdout);
}

/// `--out` is checked before any work: its directory must exist (cogref does not create the
/// directory it is given) and take a new file; nothing is left behind.
#[test]
fn out_into_a_missing_or_unwritable_directory_fails_first_in_one_line() {
    let sample = fixture("sample-snapshot.json");
    let sample = sample.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("no-such-dir").join("ls.txt");
    let r = cogref_run(&[
        "ls",
        "--snapshot",
        sample,
        "--out",
        missing.to_str().unwrap(),
    ]);
    assert_clean_failure(
        &r,
        "no-such-dir does not exist",
        "--out into a missing directory",
    );
    assert!(
        !dir.path().join("no-such-dir").exists(),
        "the directory was created"
    );

    // A directory emitter: the same rule for the directory that holds DIR.
    let cfn = dir.path().join("no-such-dir").join("cfn");
    let r = cogref_run(&[
        "--snapshot",
        sample,
        "emit",
        "cloudformation",
        "--out",
        cfn.to_str().unwrap(),
    ]);
    assert_clean_failure(
        &r,
        "no-such-dir does not exist",
        "emit into a missing directory",
    );

    // emit reference-auth: a file that is not a .ts where the app directory should be.
    let r = cogref_run(&[
        "emit",
        "reference-auth",
        "--snapshot",
        sample,
        "--pool",
        "us-east-1_7bf47042bd1541c8b764fbda3108d448",
        "--out",
        sample,
    ]);
    assert_clean_failure(
        &r,
        "sample-snapshot.json: is a file, expected a directory (or a path ending in .ts)",
        "reference-auth --out FILE",
    );

    // A file where the directory should be.
    let under_file = format!("{sample}/ls.txt");
    let r = cogref_run(&["ls", "--snapshot", sample, "--out", &under_file]);
    assert_clean_failure(
        &r,
        "sample-snapshot.json is not a directory",
        "--out under a file",
    );

    // A directory that takes no new file (procfs refuses them even to root, so this holds
    // however the tests run).
    let r = cogref_run(&["ls", "--snapshot", sample, "--out", "/proc/cogref-ls.txt"]);
    assert_clean_failure(
        &r,
        "--out /proc/cogref-ls.txt: cannot write in directory /proc",
        "read-only directory",
    );

    // Checked before the scan: no AWS call is made (the endpoint is unreachable and would
    // time out, not fail at once).
    let started = std::time::Instant::now();
    let r = run(cogref()
        .args(["scan", "--endpoint-url", "http://127.0.0.1:9", "--out"])
        .arg(&missing));
    assert_clean_failure(
        &r,
        "no-such-dir does not exist",
        "scan into a missing directory",
    );
    assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
}

/// Offline inputs that name something the file does not hold: one line naming it, exit 2.
#[test]
fn offline_arguments_that_name_nothing_are_errors() {
    let sample = fixture("sample-snapshot.json");
    let sample = sample.to_str().unwrap();
    let template = fixture("drift/shop-cdk.template.json");
    let template = template.to_str().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.txt");
    let out = out.to_str().unwrap();
    let empty_dir = dir.path().join("empty");
    std::fs::create_dir(&empty_dir).unwrap();
    let empty_dir = empty_dir.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        // --region is checked offline too, where it is unused: a typo is never ignored.
        (
            vec![
                "ls",
                "--snapshot",
                sample,
                "--region",
                "us-eats-1",
                "--out",
                out,
            ],
            "--region \"us-eats-1\": not a region code (like us-east-1)",
        ),
        // ls selects from a snapshot as from a live scan.
        (
            vec![
                "ls",
                "--snapshot",
                sample,
                "--pool",
                "us-east-1_nope",
                "--out",
                out,
            ],
            "--pool us-east-1_nope: no such user pool in the snapshot",
        ),
        (
            vec![
                "ls",
                "--snapshot",
                sample,
                "--identity-pool",
                "us-east-1:00000000-0000-0000-0000-000000000000",
                "--out",
                out,
            ],
            "no such identity pool in the snapshot",
        ),
        // drift selects from a snapshot as a live scan does.
        (
            vec![
                "drift",
                "--snapshot",
                sample,
                "--desired",
                sample,
                "--pool",
                "us-east-1_nope",
                "--out",
                out,
            ],
            "--pool us-east-1_nope: no such user pool in the snapshot",
        ),
        // --map of a logical id the template does not have.
        (
            vec![
                "drift",
                "--snapshot",
                sample,
                "--desired",
                template,
                "--map",
                "Nope=us-east-1_abc",
                "--out",
                out,
            ],
            "shop-cdk.template.json has no resource Nope",
        ),
        // A plain directory as the desired state: not taken for a fleet baseline.
        (
            vec![
                "drift",
                "--snapshot",
                sample,
                "--desired",
                empty_dir,
                "--out",
                out,
            ],
            "is a directory without index.json: expected a template or snapshot file",
        ),
    ];
    for (args, says) in cases {
        let r = cogref_run(&args);
        assert_clean_failure(&r, says, &format!("{args:?}"));
        assert!(
            !std::path::Path::new(out).exists(),
            "{args:?}: output left behind"
        );
    }
    // An import file entry naming no resource of the template is one warning, not silence.
    let import = dir.path().join("resources-to-import.json");
    std::fs::write(
        &import,
        r#"[{"ResourceType": "AWS::Cognito::UserPool", "LogicalResourceId": "Nope",
             "ResourceIdentifier": {"UserPoolId": "us-east-1_abc"}}]"#,
    )
    .unwrap();
    let r = cogref_run(&[
        "drift",
        "--snapshot",
        sample,
        "--desired",
        template,
        "--import-file",
        import.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        "cogref: warning: resources-to-import.json: 1 entry names no resource of shop-cdk.template.json (ignored): Nope"
            .replace("resources-to-import.json", import.to_str().unwrap())
            .replace("shop-cdk.template.json", template)
    );
    // So is a --parameter the template does not declare (its Default would stay in force).
    let r = cogref_run(&[
        "drift",
        "--snapshot",
        sample,
        "--desired",
        template,
        "--parameter",
        "Stagee=prod",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        r.stderr.trim(),
        format!("cogref: warning: --parameter Stagee: not declared by {template} (ignored)")
    );
}

/// `ls --pool` from a snapshot shows that pool and the identity pools that accept it, as a
/// live `ls --pool` reads them.
#[test]
fn ls_selects_from_a_snapshot_as_a_live_scan_does() {
    let sample = fixture("sample-snapshot.json");
    let sample = sample.to_str().unwrap();
    let shop = "us-east-1_7bf47042bd1541c8b764fbda3108d448";
    let r = cogref_run(&[
        "ls",
        "--snapshot",
        sample,
        "--pool",
        shop,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows: Vec<(String, String)> = r
        .json()
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["client_name"].as_str().unwrap_or("-").to_string(),
                row["identity_pool_name"]
                    .as_str()
                    .unwrap_or("-")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("shop-backend".to_string(), "-".to_string()),
            ("shop-web".to_string(), "shop_identity".to_string())
        ]
    );
    let r = cogref_run(&[
        "ls",
        "--snapshot",
        sample,
        "--identity-pool",
        "us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = r.json();
    let pools: std::collections::BTreeSet<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .map(|row| row["user_pool_name"].as_str().unwrap())
        .collect();
    assert_eq!(pools.into_iter().collect::<Vec<_>>(), ["partner-portal"]);

    // A fleet directory: each account shows what it holds of the selection; an id no account
    // holds is an error.
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(sample, dir.path().join("123456789012.json")).unwrap();
    std::fs::write(
        dir.path().join("index.json"),
        r#"{"schema_version": 1, "captured_at": "2026-01-01T00:00:00Z", "regions": ["us-east-1"],
            "accounts": [{"account_id": "123456789012", "status": "ok",
                          "snapshot": "123456789012.json", "errors": []}]}"#,
    )
    .unwrap();
    let fleet = dir.path().to_str().unwrap();
    let r = cogref_run(&["ls", "--snapshot", fleet, "--pool", shop]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], "=== account 123456789012 ===");
    assert_eq!(
        lines.len(),
        5,
        "heading, header, 2 shop rows, blank: {lines:?}"
    );
    assert!(
        lines[2..4].iter().all(|l| l.starts_with("shop-customers")),
        "{lines:?}"
    );
    let r = cogref_run(&["ls", "--snapshot", fleet, "--pool", "us-east-1_nope"]);
    assert_clean_failure(
        &r,
        "no account of the fleet holds us-east-1_nope",
        "fleet --pool",
    );
}

/// A branch mapping with a TOML syntax error: one line with the position, not the parser's
/// drawing of the line.
#[test]
fn a_mapping_with_a_toml_syntax_error_is_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("cogref-branches.toml");
    std::fs::write(&mapping, "prefix = \"SHOP\"\n[branches.main]\npool = \n").unwrap();
    let out = dir.path().join("env");
    let r = run(cogref()
        .args(["emit", "env", "--all-branches", "--snapshot"])
        .arg(fixture("sample-snapshot.json"))
        .arg("--mapping")
        .arg(&mapping)
        .arg("--out")
        .arg(&out));
    assert_clean_failure(
        &r,
        "cogref-branches.toml: invalid TOML at line 3, column 8: ",
        "toml",
    );
    assert!(!out.exists());
}

/// Live: a `--stack` that does not exist is one line with CloudFormation's answer (never the
/// partial-scan hint: --allow-partial cannot help), and `--profile` names the credentials even
/// when the environment has keys too (as with the AWS CLI), so a missing profile fails instead of
/// reading the environment's account.
#[test]
fn a_missing_stack_and_a_missing_profile_are_one_line() {
    let emulator = Emulator::start();
    for extra in [&[][..], &["--allow-partial"]] {
        let r = run(emulator
            .cogref()
            .args(["drift", "--stack", "no-such-stack"])
            .args(extra));
        assert_clean_failure(
            &r,
            "--stack no-such-stack: could not be read (DescribeStacks): ValidationError: \
             Stack with id no-such-stack does not exist",
            "missing stack",
        );
    }
    let r = run(emulator
        .cogref()
        .args(["ls", "--profile", "no-such-profile"]));
    assert_clean_failure(
        &r,
        "--profile \"no-such-profile\": no AWS credentials",
        "missing profile with env keys",
    );
    // The profile, when it exists, is what is used: its keys reach the emulator.
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config");
    std::fs::write(
        &config,
        "[profile prod]\naws_access_key_id = AKIAPROFILEKEY\naws_secret_access_key = x\n\
         [profile chained]\nrole_arn = arn:aws:iam::123456789012:role/shop-auth-role\n\
         source_profile = prod\n",
    )
    .unwrap();
    let r =
        run(emulator
            .cogref()
            .env("AWS_CONFIG_FILE", &config)
            .args(["ls", "--profile", "prod"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A role profile: its AssumeRole (the emulator's STS, through AWS_ENDPOINT_URL) is signed
    // for the region the default chain gives (it failed with "missing signing region"). The
    // emulator refuses a role that does not exist: the sample account's role is assumed.
    emulator.seed(&[]);
    let r =
        run(emulator
            .cogref()
            .env("AWS_CONFIG_FILE", &config)
            .args(["ls", "--profile", "chained"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("shop-customers ("), "{}", r.stdout);
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

/// A `--region` shaped like a region code but not in cogref's list (AWS opens regions after a
/// build: mx-central-1 and ap-southeast-7 in 2025) is used, with one warning naming it; a typo
/// is refused (see `offline_arguments_that_name_nothing_are_errors`).
#[test]
fn a_region_newer_than_the_build_is_used_with_a_warning() {
    let sample = fixture("sample-snapshot.json").display().to_string();
    let r = cogref_run(&["ls", "--snapshot", &sample, "--region", "mx-central-1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(
        r.stderr
            .starts_with("cogref: warning: --region \"mx-central-1\" is not in cogref's list"),
        "{}",
        r.stderr
    );
    let quiet = cogref_run(&[
        "ls",
        "-q",
        "--snapshot",
        &sample,
        "--region",
        "mx-central-1",
    ]);
    assert_eq!(quiet.code, 0, "{}", quiet.stderr);
    assert!(quiet.stderr.is_empty(), "{}", quiet.stderr);
}
