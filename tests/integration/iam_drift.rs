//! IAM role drift (issue 13) end to end: `tests/fixtures/drift/iam-roles.yaml` deployed into
//! the faithful emulator by `scripts/deploy_template.py`, then edited as a console user would
//! with IAM's own calls. Policies written differently from what IAM returns compare clean; a
//! trust policy that lost its `aud` condition or gained a principal is `trust-policy-widened`
//! (exit 3 under every `--fail-on` but `none`); an inline policy or `MaxSessionDuration` edit
//! is in place (exit 1); a baseline sees the same; users are listed once as data; every call is
//! a read `cogref iam-policy` lists.

use crate::harness::{assert_golden, fixture, root, run, Emulator, Run};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn deploy(emulator: &Emulator, stack: &str, work: &Path) -> (Value, std::path::PathBuf) {
    let import = work.join("import.json");
    let out = run(Command::new(root().join(".venv/bin/python"))
        .arg(root().join("scripts/deploy_template.py"))
        .arg(fixture("drift/iam-roles.yaml"))
        .args(["--endpoint", &emulator.url, "--stack-name", stack])
        .arg("--import-out")
        .arg(&import));
    assert_eq!(out.code, 0, "deploying: {}", out.stderr);
    let doc = serde_json::from_slice(&std::fs::read(&import).unwrap()).unwrap();
    (doc, import)
}

/// An IAM edit by hand: `statements` run with `c`, a boto3 IAM client on the emulator, and
/// `json` imported.
fn iam_edit(emulator: &Emulator, statements: &str) {
    let script = format!(
        "import boto3,sys,json; c=boto3.client('iam', endpoint_url=sys.argv[1], \
         region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x'); {statements}"
    );
    let r = run(Command::new(root().join(".venv/bin/python")).args(["-c", &script, &emulator.url]));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// `(logical id or name, code, path)` of every finding of a single-template JSON report.
fn findings(r: &Run) -> Vec<(String, String, String)> {
    let mut out: Vec<(String, String, String)> = r.json()["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            let who = f["resource"]["logical_id"]
                .as_str()
                .or(f["resource"]["name"].as_str())
                .unwrap_or_default();
            (
                who.to_string(),
                f["code"].as_str().unwrap_or_default().to_string(),
                f["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// `(type, logical ids)` of the "not compared" entries.
fn skipped(report: &Value) -> Vec<(String, String)> {
    report["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["type"].as_str().unwrap().to_string(),
                s["logical_id"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn triple(a: &str, b: &str, c: &str) -> (String, String, String) {
    (a.to_string(), b.to_string(), c.to_string())
}

const AUTH_TRUST: &str = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"POOL"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}"#;

#[test]
fn iam_roles_compare_by_meaning_and_a_widened_trust_policy_exits_3() {
    let work = tempfile::tempdir().unwrap();
    let record = work.path().join("requests.jsonl");
    let emulator = Emulator::start_recording(&record);
    let (import, import_file) = deploy(&emulator, "iam-drift", work.path());
    let deployed = emulator.recorded().len();
    let identity_pool = import
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["LogicalResourceId"] == "Identities")
        .and_then(|e| e["ResourceIdentifier"]["Id"].as_str())
        .expect("identity pool id")
        .to_string();
    let template = fixture("drift/iam-roles.yaml");
    let drift = |extra: &[&str]| {
        run(emulator
            .cogref()
            .arg("drift")
            .arg("--desired")
            .arg(&template)
            .arg("--import-file")
            .arg(&import_file)
            .args(extra))
    };

    // Deployed unchanged: every policy written differently from what IAM returns (single
    // Statement object, strings for lists, Sids, no Version, other order, JSON text) is equal.
    let clean = drift(&["--format", "json"]);
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    assert_eq!(findings(&clean), vec![], "{}", clean.stdout);
    let doc = clean.json();
    let resources = doc["resources"].as_array().unwrap();
    for (logical, ty, by) in [
        ("AuthRole", "AWS::IAM::Role", "import-file"),
        // No Cognito resource references it: the live scan reads it because the template
        // declares it.
        ("WorkerRole", "AWS::IAM::Role", "import-file"),
        ("GuestRole", "AWS::IAM::Role", "import-file"),
        ("GuestPolicy", "AWS::IAM::Policy", "parent"),
        ("SharedReadPolicy", "AWS::IAM::ManagedPolicy", "parent"),
    ] {
        let r = resources
            .iter()
            .find(|r| r["resource"]["logical_id"] == logical)
            .unwrap_or_else(|| panic!("{logical} compared: {}", clean.stdout));
        assert_eq!(r["resource"]["type"], ty);
        assert_eq!(r["status"], "matched", "{logical}");
        assert_eq!(r["matched_by"], by, "{logical}");
    }
    // The managed policy's name, path and description, as GetPolicy returns them, are
    // compared (equal).
    let shared = resources
        .iter()
        .find(|r| r["resource"]["logical_id"] == "SharedReadPolicy")
        .unwrap();
    for side in ["desired", "live"] {
        assert_eq!(
            shared[side]["ManagedPolicyName"], "iam-drift-shared-read",
            "{shared}"
        );
        assert_eq!(shared[side]["Path"], "/", "{shared}");
        assert_eq!(
            shared[side]["Description"], "read the shared assets bucket",
            "{shared}"
        );
    }
    assert_eq!(shared["not_compared"], serde_json::json!([]), "{shared}");
    // The inline policy of its own and the managed policy are compared there, not on the role.
    let guest = resources
        .iter()
        .find(|r| r["resource"]["logical_id"] == "GuestRole")
        .unwrap();
    assert!(guest["live"].get("Policies").is_none(), "{}", guest["live"]);
    assert!(guest["live"].get("ManagedPolicyArns").is_none());
    // Users are data: listed once per type, not per user.
    let users = vec![
        (
            "AWS::Cognito::UserPoolUser".to_string(),
            "Alice, Bob".to_string(),
        ),
        (
            "AWS::Cognito::UserPoolUserToGroupAttachment".to_string(),
            "AliceIsAdmin".to_string(),
        ),
    ];
    assert_eq!(skipped(&doc), users, "{}", clean.stdout);
    assert!(doc["skipped"][0]["reason"]
        .as_str()
        .unwrap()
        .starts_with("users are data"));

    // From a plain scan (it reads only the roles Cognito resources reference), the worker
    // role was not read: listed as not compared, never clean and never missing.
    let plain = work.path().join("plain.json");
    let scanned = run(emulator.cogref().args(["scan", "--out"]).arg(&plain));
    assert_eq!(scanned.code, 0, "{}", scanned.stderr);
    let offline = run(crate::harness::cogref()
        .arg("--snapshot")
        .arg(&plain)
        .arg("drift")
        .arg("--desired")
        .arg(&template)
        .arg("--import-file")
        .arg(&import_file)
        .args(["--format", "json"]));
    assert_eq!(offline.code, 0, "{}\n{}", offline.stdout, offline.stderr);
    assert_eq!(findings(&offline), vec![], "{}", offline.stdout);
    let mut expected = users.clone();
    expected.push(("AWS::IAM::Role".into(), "WorkerRole".into()));
    assert_eq!(skipped(&offline.json()), expected, "{}", offline.stdout);

    // By stack: the stack's roles are read too, so the role nothing references is compared.
    let by_stack =
        run(emulator
            .cogref()
            .args(["drift", "--stack", "iam-drift", "--format", "json"]));
    assert_eq!(by_stack.code, 0, "{}\n{}", by_stack.stdout, by_stack.stderr);
    let section = &by_stack.json()["stacks"][0]["report"];
    assert_eq!(section["findings"], serde_json::json!([]), "{section}");
    let worker = section["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"]["logical_id"] == "WorkerRole")
        .unwrap_or_else(|| panic!("WorkerRole compared by stack: {}", by_stack.stdout));
    assert_eq!(worker["matched_by"], "stack");
    // What is not compared is reported the same way by both paths: the "Not compared" lines
    // of the report, and (with -v) on stderr.
    let not_compared = |r: &Run| -> (Vec<String>, Vec<String>) {
        let out: Vec<String> = r
            .stdout
            .lines()
            .skip_while(|l| *l != "Not compared:")
            .skip(1)
            .take_while(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        let err = r
            .stderr
            .lines()
            .filter(|l| l.starts_with("cogref: not compared: "))
            .map(str::to_string)
            .collect();
        (out, err)
    };
    let single = not_compared(&drift(&["-v"]));
    let stacked = not_compared(&run(emulator.cogref().args([
        "drift",
        "--stack",
        "iam-drift",
        "-v",
    ])));
    assert_eq!(
        single.0,
        vec![
            "  AWS::Cognito::UserPoolUser Alice, Bob: users are data: 2 resources not compared \
             (drift compares configuration, not the users and memberships of a pool)",
            "  AWS::Cognito::UserPoolUserToGroupAttachment AliceIsAdmin: users are data: 1 \
             resource not compared (drift compares configuration, not the users and memberships \
             of a pool)",
        ]
    );
    assert_eq!(single.1.len(), 2, "{:?}", single.1);
    assert_eq!(stacked, single);

    // The baseline: this state, scanned.
    let baseline = work.path().join("baseline.json");
    let scanned = run(emulator.cogref().args(["scan", "--out"]).arg(&baseline));
    assert_eq!(scanned.code, 0, "{}", scanned.stderr);

    // The aud condition removed: any identity pool's users may assume the role.
    let widened = AUTH_TRUST.replace(
        r#""StringEquals":{"cognito-identity.amazonaws.com:aud":"POOL"},"#,
        "",
    );
    iam_edit(
        &emulator,
        &format!(
            "c.update_assume_role_policy(RoleName='iam-drift-auth', PolicyDocument={widened:?})"
        ),
    );
    let r = drift(&["--format", "json"]);
    assert_eq!(r.code, 3, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        findings(&r),
        vec![
            triple("AuthRole", "drift-in-place", "AssumeRolePolicyDocument"),
            triple(
                "AuthRole",
                "trust-policy-widened",
                "AssumeRolePolicyDocument"
            ),
        ],
        "{}",
        r.stdout
    );
    assert_eq!(r.json()["summary"]["trust_widened"], 1);
    let text = drift(&[]);
    assert_eq!(text.code, 3);
    let redacted = text
        .stdout
        .replace(&identity_pool, "IDENTITY_POOL_ID")
        .lines()
        .map(|l| match l.find(", captured ") {
            Some(i) if l.starts_with("Desired:") => format!("{}, captured TIME", &l[..i]),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert_golden("drift-iam-trust-widened.txt", &format!("{redacted}\n"));
    // Severe under every --fail-on but none.
    for (level, code) in [("replacement", 3), ("impossible", 3), ("none", 0)] {
        let r = drift(&["--fail-on", level]);
        assert_eq!(r.code, code, "--fail-on {level}: {}", r.stdout);
    }
    // A baseline sees it too (the role matched by its ARN).
    let b = run(emulator
        .cogref()
        .arg("drift")
        .arg("--desired")
        .arg(&baseline)
        .args(["--format", "json"]));
    assert_eq!(b.code, 3, "{}\n{}", b.stdout, b.stderr);
    assert_eq!(
        findings(&b),
        vec![
            triple(
                "iam-drift-auth",
                "drift-in-place",
                "AssumeRolePolicyDocument"
            ),
            triple(
                "iam-drift-auth",
                "trust-policy-widened",
                "AssumeRolePolicyDocument"
            ),
        ],
        "{}",
        b.stdout
    );

    // Restored in yet another spelling (aud as a list, other key order): clean again.
    let restored = AUTH_TRUST.replace(r#""POOL""#, &format!(r#"["{identity_pool}"]"#));
    iam_edit(
        &emulator,
        &format!(
            "c.update_assume_role_policy(RoleName='iam-drift-auth', PolicyDocument={restored:?})"
        ),
    );
    let r = drift(&["--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stdout);

    // A principal added to the guest role's trust policy: widened as well.
    iam_edit(
        &emulator,
        "d=json.loads(json.dumps(c.get_role(RoleName='iam-drift-guest')['Role']['AssumeRolePolicyDocument'])); \
         d['Statement'][0]['Principal']['AWS']='arn:aws:iam::210987654321:root'; \
         c.update_assume_role_policy(RoleName='iam-drift-guest', PolicyDocument=json.dumps(d))",
    );
    let r = drift(&["--format", "json"]);
    assert_eq!(r.code, 3, "{}", r.stdout);
    let widenings: Vec<String> = r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "trust-policy-widened")
        .map(|f| f["reason"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(widenings.len(), 1, "{}", r.stdout);
    assert!(
        widenings[0].contains("(principal-added)"),
        "{}",
        widenings[0]
    );
    iam_edit(
        &emulator,
        "d=json.loads(json.dumps(c.get_role(RoleName='iam-drift-guest')['Role']['AssumeRolePolicyDocument'])); \
         del d['Statement'][0]['Principal']['AWS']; \
         c.update_assume_role_policy(RoleName='iam-drift-guest', PolicyDocument=json.dumps(d))",
    );

    // An inline policy edited, the session duration changed: in place, exit 1.
    iam_edit(
        &emulator,
        "c.put_role_policy(RoleName='iam-drift-auth', PolicyName='as-text', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':['mobileanalytics:PutEvents','cognito-sync:*','s3:PutObject'],'Resource':'*'}]})); \
         c.update_role(RoleName='iam-drift-auth', Description='signed-in app users', MaxSessionDuration=7200)",
    );
    let r = drift(&["--format", "json"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        findings(&r),
        vec![
            triple("AuthRole", "drift-in-place", "MaxSessionDuration"),
            triple("AuthRole", "drift-in-place", "Policies[as-text]"),
        ],
        "{}",
        r.stdout
    );
    let policy_finding = r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "Policies[as-text]")
        .cloned()
        .unwrap();
    // The policy diff, one line per difference; the documents in full for machines.
    assert_eq!(
        policy_finding["differences"],
        serde_json::json!([
            "statement changed: Allow cognito-sync:*, mobileanalytics:putevents on *",
            "  Action: added s3:putobject"
        ]),
        "{policy_finding}"
    );
    assert_eq!(policy_finding["reason"], "the policy differs in meaning");
    assert_eq!(
        policy_finding["live"]["Statement"][0]["Action"],
        serde_json::json!([
            "cognito-sync:*",
            "mobileanalytics:putevents",
            "s3:putobject"
        ]),
        "{policy_finding}"
    );
    assert_eq!(policy_finding["fix"]["call"], "PutRolePolicy");
    let max = r.json()["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["path"] == "MaxSessionDuration")
        .cloned()
        .unwrap();
    assert_eq!(
        (max["desired"].clone(), max["live"].clone()),
        (3600.into(), 7200.into())
    );
    assert_eq!(
        drift(&["--fail-on", "replacement"]).code,
        0,
        "in-place drift does not fail --fail-on replacement"
    );

    // The policy resources: their inline policy edited on the role they name, their managed
    // policy detached from one role - found on those resources, not on the roles.
    iam_edit(
        &emulator,
        "c.put_role_policy(RoleName='iam-drift-guest', PolicyName='guest-analytics', PolicyDocument=json.dumps({'Version':'2012-10-17','Statement':[{'Effect':'Allow','Action':'mobileanalytics:*','Resource':'*'}]})); \
         c.detach_role_policy(RoleName='iam-drift-guest', PolicyArn='arn:aws:iam::123456789012:policy/iam-drift-shared-read')",
    );
    let r = drift(&["--format", "json"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let got: Vec<_> = findings(&r)
        .into_iter()
        .filter(|f| f.0 != "AuthRole")
        .collect();
    assert_eq!(
        got,
        vec![
            triple("GuestPolicy", "drift-in-place", "Roles[iam-drift-guest]"),
            triple(
                "SharedReadPolicy",
                "drift-in-place",
                "Roles[iam-drift-guest]"
            ),
        ],
        "{}",
        r.stdout
    );

    // Nothing but reads, and only actions `cogref iam-policy` lists.
    let policy = run(crate::harness::cogref().arg("iam-policy")).json();
    let actions: Vec<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    let calls = emulator.recorded_since(deployed);
    for (service, op) in &calls {
        if service == "sts"
            || [
                "UpdateAssumeRolePolicy",
                "PutRolePolicy",
                "UpdateRole",
                "DetachRolePolicy",
            ]
            .contains(&op.as_str())
        {
            continue; // the test's own edits; STS GetCallerIdentity needs no permission
        }
        assert!(
            actions.contains(&format!("{service}:{op}")),
            "{service}:{op} is not in cogref iam-policy"
        );
    }
    for op in [
        "GetRole",
        "ListRolePolicies",
        "GetRolePolicy",
        "ListAttachedRolePolicies",
    ] {
        assert!(
            calls.iter().any(|(s, o)| s == "iam" && o == op),
            "{op} was called"
        );
    }
}
