//! Fleets: `cogref scan --org/--accounts` against an emulated organization (moto keeps state per
//! account; the credentials STS AssumeRole returns read the account in the role ARN), then
//! `ls`, `check` and `drift` over the fleet directory. Every value asserted comes from the
//! seeder's ids file.

use crate::harness::{root, run, Emulator, Run};
use serde_json::{json, Value};
use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

const EXTERNAL_ID: &str = "nightly";

/// An emulator with the sample account as management account of an organization of three
/// members (members 1 and 2 in OU `workloads`, member 3 under the root).
fn organization(record: Option<&Path>) -> (Emulator, Value) {
    let emulator = match record {
        Some(r) => Emulator::start_recording(r),
        None => Emulator::start(),
    };
    let ids = emulator.seed(&["--fleet", "3", "--fleet-external-id", EXTERNAL_ID]);
    (emulator, ids)
}

/// Member account ids by member number (1-based), from the ids file.
fn members(ids: &Value) -> Vec<String> {
    let accounts = ids["fleet"]["accounts"]
        .as_object()
        .expect("fleet accounts");
    let mut by_name: Vec<(String, String)> = accounts
        .iter()
        .map(|(id, a)| (a["name"].as_str().unwrap().to_string(), id.clone()))
        .collect();
    by_name.sort();
    by_name.into_iter().map(|(_, id)| id).collect()
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn fleet_scan(emulator: &Emulator, out: &Path, extra: &[&str]) -> Run {
    run(emulator
        .cogref()
        .args(["scan", "--assume-role", "cogref-read", "--out"])
        .arg(out)
        .args(extra))
}

#[test]
fn an_organization_is_read_account_by_account_through_the_read_role() {
    let work = tempfile::tempdir().unwrap();
    let record = work.path().join("requests.jsonl");
    let (emulator, ids) = organization(Some(&record));
    let seeded = emulator.recorded().len();
    let management = ids["fleet"]["management_account"].as_str().unwrap();
    assert_eq!(management, "123456789012");
    let out = work.path().join("fleet");
    let r = fleet_scan(
        &emulator,
        &out,
        &[
            "--org",
            "--exclude-account",
            management,
            "--external-id",
            EXTERNAL_ID,
            "--accounts-in-flight",
            "3",
        ],
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stdout.is_empty(), "a fleet scan writes files only");

    let index = read_json(&out.join("index.json"));
    assert_eq!(index["schema_version"], 1);
    assert_eq!(index["regions"], json!(["us-east-1"]));
    let accounts = index["accounts"].as_array().unwrap();
    let mut expected = members(&ids);
    expected.sort();
    let listed: Vec<&str> = accounts
        .iter()
        .map(|a| a["account_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed, expected,
        "every member, sorted, the management account excluded"
    );
    for (n, account) in members(&ids).iter().enumerate() {
        let member = n + 1;
        let seeded = &ids["fleet"]["accounts"][account];
        let entry = accounts
            .iter()
            .find(|a| a["account_id"] == account.as_str())
            .unwrap();
        assert_eq!(
            entry,
            &json!({
                "account_id": account,
                "status": "ok",
                "snapshot": format!("{account}.json"),
                "user_pools": 1,
                "identity_pools": if member % 2 == 1 { 1 } else { 0 },
                "errors": [],
            })
        );
        let snap = read_json(&out.join(format!("{account}.json")));
        assert_eq!(snap["account_id"], account.as_str());
        assert_eq!(snap["errors"], json!([]));
        let pool_name = format!("app-{member}-1");
        let pool = &snap["user_pools"][0];
        assert_eq!(pool["name"], pool_name.as_str());
        assert_eq!(pool["id"], seeded["user_pools"][&pool_name]["id"]);
        assert_eq!(pool["username_attributes"], json!(["email"]));
        assert_eq!(
            pool["clients"][0]["id"],
            seeded["user_pools"][&pool_name]["clients"][format!("{pool_name}-web")]
        );
        if member % 2 == 1 {
            let ip = &snap["identity_pools"][0];
            let seeded_ip = &seeded["identity_pools"][format!("app_{member}_identity")];
            assert_eq!(ip["id"], seeded_ip["id"]);
            assert_eq!(ip["roles"]["authenticated"], seeded_ip["auth_role_arn"]);
            assert_eq!(ip["roles"]["unauthenticated"], seeded_ip["unauth_role_arn"]);
            assert_eq!(snap["roles"].as_array().unwrap().len(), 2);
            // The role lives in the member account and was read with its credentials.
            let role = &snap["roles"][0];
            assert_eq!(role["arn"], seeded_ip["auth_role_arn"]);
            assert_eq!(
                role["trust_policy"]["Statement"][0]["Condition"]["StringEquals"]
                    ["cognito-identity.amazonaws.com:aud"],
                seeded_ip["id"]
            );
        } else {
            assert_eq!(snap["identity_pools"], json!([]));
        }
    }
    // The management account's sample pools are in no snapshot.
    assert!(!out.join(format!("{management}.json")).exists());

    // Read-only: one ListAccounts, one AssumeRole per member, everything else a read that the
    // role policy of `iam-policy --fleet` allows.
    let calls = emulator.recorded_since(seeded);
    let assume = calls
        .iter()
        .filter(|(s, o)| s == "sts" && o == "AssumeRole")
        .count();
    assert_eq!(assume, 3, "{calls:?}");
    let policy = run(emulator.cogref().args(["iam-policy", "--fleet"])).json();
    let allowed: BTreeSet<String> = ["source_policy", "role_policy"]
        .iter()
        .flat_map(|p| policy[p]["Statement"].as_array().unwrap().clone())
        .flat_map(|s| match &s["Action"] {
            Value::String(a) => vec![a.clone()],
            Value::Array(a) => a.iter().map(|x| x.as_str().unwrap().to_string()).collect(),
            _ => vec![],
        })
        .collect();
    for (service, op) in &calls {
        // Cloud Control's requests are signed for cloudcontrolapi; its IAM prefix is
        // cloudformation.
        let prefix = match service.as_str() {
            "cloudcontrolapi" => "cloudformation",
            s => s,
        };
        let action = format!("{prefix}:{op}");
        assert!(
            action == "sts:GetCallerIdentity" || allowed.contains(&action),
            "{action} is not in `iam-policy --fleet`"
        );
        assert!(
            ["Describe", "List", "Get"]
                .iter()
                .any(|p| op.starts_with(p))
                || action == "sts:AssumeRole",
            "non-read call {action}"
        );
    }
    assert!(calls.contains(&("organizations".into(), "ListAccounts".into())));
}

#[test]
fn an_account_that_cannot_be_reached_is_recorded_and_the_others_complete() {
    let work = tempfile::tempdir().unwrap();
    let (emulator, ids) = organization(None);
    let m = members(&ids);
    let stranger = "999999999999";
    let list = format!("{},{},{stranger}", m[0], m[1]);
    let out = work.path().join("fleet");
    let r = fleet_scan(
        &emulator,
        &out,
        &["--accounts", &list, "--external-id", EXTERNAL_ID],
    );
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    assert!(
        r.stderr.contains(&format!(
            "account {stranger}: not read: AssumeRole AccessDenied"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("partial fleet: 1 account(s) could not be read"),
        "{}",
        r.stderr
    );
    let index = read_json(&out.join("index.json"));
    let failed = index["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account_id"] == stranger)
        .unwrap();
    assert_eq!(failed["status"], "failed");
    assert!(failed.get("snapshot").is_none());
    assert_eq!(failed["errors"][0]["operation"], "AssumeRole");
    assert_eq!(failed["errors"][0]["code"], "AccessDenied");
    assert_eq!(
        failed["errors"][0]["resource"],
        format!("account {stranger}")
    );
    assert!(!out.join(format!("{stranger}.json")).exists());
    for a in &m[..2] {
        assert_eq!(
            read_json(&out.join(format!("{a}.json")))["account_id"],
            a.as_str()
        );
    }

    // The same with --allow-partial: exit 0, still recorded.
    let out2 = work.path().join("fleet2");
    let r = fleet_scan(
        &emulator,
        &out2,
        &[
            "--accounts",
            &list,
            "--external-id",
            EXTERNAL_ID,
            "--allow-partial",
            "-q",
        ],
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(r.stderr, "", "-q prints nothing");
    assert_eq!(
        read_json(&out2.join("index.json"))["accounts"],
        index["accounts"]
    );

    // The trust policies require the ExternalId: without it no account can be read.
    let r = fleet_scan(
        &emulator,
        &work.path().join("fleet3"),
        &["--accounts", &m[0]],
    );
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("AccessDenied"), "{}", r.stderr);

    // --ou: only the accounts directly under the OU (members 1 and 2).
    let ou = ids["fleet"]["ou_id"].as_str().unwrap();
    let out4 = work.path().join("fleet4");
    let r = fleet_scan(
        &emulator,
        &out4,
        &["--org", "--ou", ou, "--external-id", EXTERNAL_ID],
    );
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let ids_in_ou: Vec<Value> = read_json(&out4.join("index.json"))["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account_id"].clone())
        .collect();
    let mut want = vec![json!(m[0]), json!(m[1])];
    want.sort_by(|a, b| a.as_str().cmp(&b.as_str()));
    assert_eq!(ids_in_ou, want);
}

/// The role the tests use to act in a member account as its owner would (the seeder's
/// organization creates it; cogref itself reads through `cogref-read`).
fn admin_role(account: &str) -> String {
    format!("arn:aws:iam::{account}:role/OrganizationAccountAccessRole")
}

/// A change made by hand in a member account, as in its console: `statements` run with `idp`,
/// a boto3 cognito-idp client holding that account's credentials, and `sys.argv[2..]` = `args`.
fn member_edit(emulator: &Emulator, account: &str, statements: &str, args: &[&str]) {
    let script = format!(
        r#"
import boto3, sys
u = sys.argv[1]
c = boto3.client("sts", endpoint_url=u, region_name="us-east-1").assume_role(
    RoleArn="{role}", RoleSessionName="test")["Credentials"]
idp = boto3.client("cognito-idp", endpoint_url=u, region_name="us-east-1",
    aws_access_key_id=c["AccessKeyId"], aws_secret_access_key=c["SecretAccessKey"],
    aws_session_token=c["SessionToken"])
{statements}
"#,
        role = admin_role(account)
    );
    let r = run(Command::new(root().join(".venv/bin/python"))
        .args(["-c", &script, &emulator.url])
        .args(args)
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing"));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// Adds a group to a member account's pool, through that account's role.
fn add_group(emulator: &Emulator, account: &str, pool_id: &str) {
    member_edit(
        emulator,
        account,
        "idp.create_group(UserPoolId=sys.argv[2], GroupName='late-admins', Precedence=3)",
        &[pool_id],
    );
}

/// Deploys `tests/fixtures/stacks/pool-stack.yaml` as stack `name` into a member account
/// (scripts/deploy_template.py with that account's credentials, registered in that account
/// only, as a StackSet instance would be); its resources-to-import.json.
fn deploy_member_stack(emulator: &Emulator, account: &str, name: &str, work: &Path) -> Value {
    let import = work.join(format!("{name}-{account}-import.json"));
    let r = run(Command::new(root().join(".venv/bin/python"))
        .arg(root().join("scripts/deploy_template.py"))
        .arg(crate::harness::fixture("stacks/pool-stack.yaml"))
        .args(["--endpoint", &emulator.url, "--stack-name", name])
        .args(["--assume-role", &admin_role(account), "--import-out"])
        .arg(&import));
    assert_eq!(r.code, 0, "deploying into {account}: {}", r.stderr);
    read_json(&import)
}

/// A physical id of a deployed stack's resource, from its import file.
fn deployed_id(import: &Value, logical: &str, key: &str) -> String {
    import
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["LogicalResourceId"] == logical)
        .and_then(|e| e["ResourceIdentifier"][key].as_str())
        .unwrap_or_else(|| panic!("{logical}.{key} not in {import}"))
        .to_string()
}

#[test]
fn ls_check_and_drift_work_on_a_fleet_directory() {
    let work = tempfile::tempdir().unwrap();
    let (emulator, ids) = organization(None);
    let m = members(&ids);
    let list = m.join(",");
    let baseline = work.path().join("baseline");
    let args = ["--accounts", list.as_str(), "--external-id", EXTERNAL_ID];
    let r = fleet_scan(&emulator, &baseline, &args);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let b = baseline.to_str().unwrap();

    // ls: a section per account, in account order, with that account's pools.
    let r = run(crate::harness::cogref().args(["ls", "--snapshot", b]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut sorted = m.clone();
    sorted.sort();
    let positions: Vec<usize> = sorted
        .iter()
        .map(|a| {
            r.stdout
                .find(&format!("=== account {a} ==="))
                .expect("section")
        })
        .collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{}", r.stdout);
    for (n, a) in m.iter().enumerate() {
        let start = r.stdout.find(&format!("=== account {a} ===")).unwrap();
        let section = &r.stdout[start..];
        let section = &section[..section[1..]
            .find("=== account")
            .map_or(section.len(), |i| i + 1)];
        assert!(section.contains(&format!("app-{}-1", n + 1)), "{section}");
    }
    let r = run(crate::harness::cogref().args(["ls", "--snapshot", b, "--format", "json"]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ls = r.json();
    assert_eq!(ls["accounts"].as_array().unwrap().len(), 3);
    assert_eq!(ls["accounts"][0]["account_id"], sorted[0].as_str());
    assert_eq!(ls["accounts"][0]["status"], "ok");

    // check: the pool's account is found in the fleet.
    let pool1 = ids["fleet"]["accounts"][&m[0]]["user_pools"]["app-1-1"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let r = run(crate::harness::cogref().args([
        "check",
        "--snapshot",
        b,
        "--pool",
        &pool1,
        "--format",
        "json",
    ]));
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    assert!(r.stdout.contains(&pool1), "{}", r.stdout);
    let r = run(crate::harness::cogref().args([
        "check",
        "--snapshot",
        b,
        "--pool",
        "us-east-1_nowhere",
    ]));
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("no account of the fleet holds user pool us-east-1_nowhere"),
        "{}",
        r.stderr
    );

    // emit env: one branch per account, each pool found in its own account's snapshot.
    let pool3 = ids["fleet"]["accounts"][&m[2]]["user_pools"]["app-3-1"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    let mapping = work.path().join("branches.toml");
    std::fs::write(
        &mapping,
        format!("prefix = \"APP_AUTH\"\n[branches.dev]\npool = \"{pool1}\"\n[branches.prod]\npool = \"{pool3}\"\n"),
    )
    .unwrap();
    let r = run(crate::harness::cogref()
        .args([
            "emit",
            "env",
            "--snapshot",
            b,
            "--all-branches",
            "--force",
            "--mapping",
        ])
        .arg(&mapping)
        .arg("--out")
        .arg(work.path().join("env")));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut written: Vec<String> = std::fs::read_dir(work.path().join("env"))
        .unwrap()
        .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap())
        .collect();
    written.sort();
    assert_eq!(written.len(), 2);
    let all = written.join("");
    assert!(
        all.contains(&format!("APP_AUTH_USER_POOL_ID={pool1}")),
        "{all}"
    );
    assert!(
        all.contains(&format!("APP_AUTH_USER_POOL_ID={pool3}")),
        "{all}"
    );
    let ip3 = ids["fleet"]["accounts"][&m[2]]["identity_pools"]["app_3_identity"]["id"]
        .as_str()
        .unwrap();
    assert!(all.contains(ip3), "{all}");

    // drift: the fleet against itself is clean.
    let r = run(crate::harness::cogref().args(["drift", "--snapshot", b, "--desired", b]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    // Scanned without --all-stacks: no stack to compare anywhere is an error, never clean.
    let r = run(crate::harness::cogref().args(["drift", "--snapshot", b, "--all-stacks"]));
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("nothing to compare") && r.stderr.contains("--all-stacks"),
        "{}",
        r.stderr
    );

    // One account changes: only its section has drift, and the run exits 1 (in place).
    let pool2 = ids["fleet"]["accounts"][&m[1]]["user_pools"]["app-2-1"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    add_group(&emulator, &m[1], &pool2);
    let live = work.path().join("live");
    let r = fleet_scan(&emulator, &live, &args);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let r = run(crate::harness::cogref().args([
        "drift",
        "--snapshot",
        live.to_str().unwrap(),
        "--desired",
        b,
        "--format",
        "json",
    ]));
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let report = r.json();
    assert_eq!(report["exit_code"], 1);
    for section in report["accounts"].as_array().unwrap() {
        let findings = section["report"]["findings"]
            .as_array()
            .map_or(0, |f| f.len());
        if section["account_id"] == m[1].as_str() {
            assert_eq!(section["exit_code"], 1, "{section}");
            assert!(section.to_string().contains("late-admins"), "{section}");
        } else {
            assert_eq!(section["exit_code"], 0, "{section}");
            assert_eq!(findings, 0, "{section}");
        }
    }
    let r = run(crate::harness::cogref().args([
        "drift",
        "--snapshot",
        live.to_str().unwrap(),
        "--desired",
        b,
        "--format",
        "markdown",
    ]));
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains(&format!("## Account {}", m[1])),
        "{}",
        r.stdout
    );

    // A fleet baseline needs a fleet snapshot, and a directory without index.json is refused.
    let r = run(crate::harness::cogref().args([
        "drift",
        "--snapshot",
        &format!("{b}/{}.json", m[0]),
        "--desired",
        b,
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("fleet"), "{}", r.stderr);
    let empty = work.path().join("empty");
    std::fs::create_dir_all(&empty).unwrap();
    let r = run(crate::harness::cogref().args(["ls", "--snapshot", empty.to_str().unwrap()]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("is a directory"), "{}", r.stderr);
}

#[test]
fn fleet_arguments_are_checked_before_any_call() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("f");
    let o = out.to_str().unwrap();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["scan", "--accounts", "111111111111", "--out", o],
            "--assume-role",
        ),
        (
            vec!["scan", "--accounts", "111111111111", "--assume-role", "r"],
            "--out",
        ),
        (
            vec!["scan", "--accounts", "12", "--assume-role", "r", "--out", o],
            "\"12\"",
        ),
        (
            vec![
                "scan",
                "--accounts",
                "111111111111",
                "--assume-role",
                "bad role",
                "--out",
                o,
            ],
            "--assume-role",
        ),
        (
            vec![
                "scan",
                "--accounts",
                "111111111111",
                "--assume-role",
                "arn:aws:iam::111111111111:role/x",
                "--out",
                o,
            ],
            "{account}",
        ),
        (
            vec![
                "scan",
                "--org",
                "--ou",
                "nope",
                "--assume-role",
                "r",
                "--out",
                o,
            ],
            "--ou",
        ),
        (vec!["scan", "--ou", "ou-ab-12345678"], "--org"),
        (
            vec!["scan", "--org", "--accounts", "111111111111"],
            "--accounts",
        ),
    ];
    for (args, says) in cases {
        let r = run(crate::harness::cogref().args(&args));
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(
            r.stderr.contains(says),
            "{args:?} should mention {says}: {}",
            r.stderr
        );
        assert!(!r.stderr.contains("panicked"), "{args:?}");
        assert!(!out.exists(), "{args:?} created the output directory");
    }
}

#[test]
fn the_stackset_template_creates_the_read_role_and_the_fleet_workflow_parses() {
    let r = run(crate::harness::cogref().args([
        "iam-policy",
        "--fleet",
        "--policy-format",
        "cloudformation",
        "--source-account",
        "123456789012",
        "--external-id",
        EXTERNAL_ID,
    ]));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let t = r.json();
    let plain = run(crate::harness::cogref().arg("iam-policy")).json();
    let role = &t["Resources"]["CogrefReadRole"];
    assert_eq!(role["Type"], "AWS::IAM::Role");
    assert_eq!(role["Properties"]["RoleName"], "cogref-read");
    assert_eq!(role["Properties"]["Policies"][0]["PolicyDocument"], plain);
    let trust = &role["Properties"]["AssumeRolePolicyDocument"]["Statement"][0];
    assert_eq!(
        trust["Condition"]["StringEquals"]["sts:ExternalId"],
        EXTERNAL_ID
    );
    assert_eq!(
        t["Parameters"]["SourceAccountId"]["Default"],
        "123456789012"
    );

    let policy = run(crate::harness::cogref().args([
        "iam-policy",
        "--fleet",
        "--assume-role",
        "ops/cogref-read",
    ]))
    .json();
    assert_eq!(policy["role_policy"], plain);
    assert_eq!(
        policy["source_policy"]["Statement"][1]["Resource"],
        "arn:aws:iam::*:role/ops/cogref-read"
    );
    // The plain policy is unchanged: no organizations or AssumeRole in it.
    let text = plain.to_string();
    assert!(
        !text.contains("organizations:") && !text.contains("AssumeRole"),
        "{text}"
    );

    // The fleet workflow example: every cogref command in it parses with this cogref.
    let text =
        std::fs::read_to_string(root().join("docs/examples/drift-schedule-fleet.yml")).unwrap();
    let wf: Value = serde_yaml::from_str(&text).unwrap();
    let steps = wf["jobs"]["drift"]["steps"].as_array().unwrap();
    let runs: Vec<String> = steps
        .iter()
        .filter_map(|s| s["run"].as_str())
        .flat_map(|r| {
            r.replace("\\\n", " ")
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .filter(|l| l.trim_start().starts_with("cogref "))
        .collect();
    assert_eq!(runs.len(), 3, "{runs:?}");
    assert!(
        runs[0].contains("--org") && runs[0].contains("--assume-role"),
        "{}",
        runs[0]
    );
    assert!(
        runs[0].contains("--all-stacks")
            && runs[1].contains("drift")
            && runs[1].contains("--all-stacks"),
        "the stacks of every account are recorded, then compared: {runs:?}"
    );
    assert!(
        runs[2].contains("drift") && runs[2].contains("--desired"),
        "{}",
        runs[2]
    );
    // The README's fleet section (help.rs parses every example of the whole README).
    let readme_runs: Vec<String> = crate::harness::readme_commands(Some(
        "## Fleet: every account of an organization in one run",
    ))
    .into_iter()
    .map(|(command, _)| command)
    .collect();
    assert!(
        readme_runs
            .iter()
            .any(|l| l.contains("drift --all-stacks --org")),
        "{readme_runs:?}"
    );
    for line in runs.iter().chain(&readme_runs) {
        let line = line.replace("${{ matrix.ou }}", "ou-abcd-11111111");
        let argv: Vec<&str> = line.split_whitespace().collect();
        use clap::Parser;
        if let Err(e) = cogref::cli::Cli::try_parse_from(&argv) {
            panic!("{line}: {e}");
        }
    }
}

/// An assumed-role session expires (an hour by default); a scan that outlasts it must go on
/// with renewed credentials. Here the session lasts 15 s (COGREF_ROLE_SESSION_SECONDS; moto
/// accepts it) and the scan of one account is paced to take about 20 s: the SDK's identity
/// cache asks the role provider again before the expiry, the scan completes, and the emulator
/// records more than one AssumeRole for the account.
#[test]
fn role_credentials_are_renewed_when_a_scan_outlasts_the_session() {
    let work = tempfile::tempdir().unwrap();
    let record = work.path().join("requests.jsonl");
    let (emulator, ids) = organization(Some(&record));
    let m = members(&ids);
    let seeded = emulator.recorded().len();
    let out = work.path().join("fleet");
    let started = std::time::Instant::now();
    let r = run(emulator
        .cogref()
        .env("COGREF_ROLE_SESSION_SECONDS", "15")
        .args(["scan", "--assume-role", "cogref-read", "--out"])
        .arg(&out)
        .args(["--accounts", &m[0], "--external-id", EXTERNAL_ID])
        .args(["--rate-limit", "0.25"]));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(started.elapsed().as_secs() >= 15, "{:?}", started.elapsed());
    let assumed = emulator.recorded_since(seeded);
    let assumed = assumed.iter().filter(|(_, op)| op == "AssumeRole").count();
    assert!(assumed >= 2, "AssumeRole {assumed} time(s)");
    let snapshot = read_json(&out.join(format!("{}.json", m[0])));
    assert_eq!(snapshot["errors"], json!([]));
    assert_eq!(snapshot["account_id"], json!(m[0]));
    assert_eq!(snapshot["user_pools"].as_array().unwrap().len(), 1);
}

/// `drift --desired BASELINE_DIR --accounts ...`: the live fleet read in the same run against
/// a fleet baseline, one section per account, one exit code; nothing is left behind in the
/// temporary directory the live fleet was written to.
#[test]
fn drift_reads_a_live_fleet_against_a_baseline_directory() {
    let work = tempfile::tempdir().unwrap();
    let (emulator, ids) = organization(None);
    let m = members(&ids);
    let list = m.join(",");
    let baseline = work.path().join("baseline");
    let args = ["--accounts", list.as_str(), "--external-id", EXTERNAL_ID];
    let r = fleet_scan(&emulator, &baseline, &args);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let b = baseline.to_str().unwrap();
    let tmp = work.path().join("tmp");
    std::fs::create_dir_all(&tmp).unwrap();
    let live_drift = |format: &str| {
        run(emulator
            .cogref()
            .env("TMPDIR", &tmp)
            .args(["drift", "--desired", b, "--assume-role", "cogref-read"])
            .args(args)
            .args(["--format", format]))
    };

    // Unchanged: clean, exit 0.
    let r = live_drift("text");
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    for a in &m {
        assert!(
            r.stdout.contains(&format!("=== account {a} ===")),
            "{}",
            r.stdout
        );
    }

    // One account edited: only its section drifts, exit 1.
    let pool3 = ids["fleet"]["accounts"][&m[2]]["user_pools"]["app-3-1"]["id"]
        .as_str()
        .unwrap()
        .to_string();
    add_group(&emulator, &m[2], &pool3);
    let r = live_drift("json");
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let report = r.json();
    assert_eq!(report["exit_code"], 1);
    let sections = report["accounts"].as_array().unwrap();
    assert_eq!(sections.len(), 3);
    for section in sections {
        if section["account_id"] == m[2].as_str() {
            assert_eq!(section["exit_code"], 1, "{section}");
            assert!(section.to_string().contains("late-admins"), "{section}");
        } else {
            assert_eq!(section["exit_code"], 0, "{section}");
            let findings = section["report"]["findings"]
                .as_array()
                .map_or(0, |f| f.len());
            assert_eq!(findings, 0, "{section}");
        }
    }
    assert_eq!(
        std::fs::read_dir(&tmp).unwrap().count(),
        0,
        "temporary fleet left behind"
    );

    // An account that cannot be reached: listed with its error, exit 2 unless --allow-partial
    // (then the worst of the others: member 3's in-place drift), as for the fleet scan.
    let with_stranger = format!("{list},999999999999");
    for (extra, code) in [(&[][..], 2), (&["--allow-partial"][..], 1)] {
        let r = run(emulator
            .cogref()
            .args(["drift", "--desired", b, "--assume-role", "cogref-read"])
            .args(["--accounts", &with_stranger, "--external-id", EXTERNAL_ID])
            .args(extra));
        assert_eq!(r.code, code, "{extra:?}: {}\n{}", r.stdout, r.stderr);
        assert!(
            r.stdout
                .contains("=== account 999999999999 (not read: AssumeRole AccessDenied"),
            "{}",
            r.stdout
        );
    }

    // A live fleet needs a fleet baseline, and one live side only.
    let r = run(emulator.cogref().args([
        "drift",
        "--desired",
        &format!("{b}/{}.json", m[0]),
        "--assume-role",
        "cogref-read",
        "--accounts",
        &m[0],
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("fleet directory"), "{}", r.stderr);
    let r = run(emulator.cogref().args([
        "drift",
        "--desired",
        b,
        "--snapshot",
        b,
        "--assume-role",
        "cogref-read",
        "--accounts",
        &m[0],
    ]));
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("one"), "{}", r.stderr);
}

/// `drift --all-stacks` / `--stack NAME` over a fleet, live and from a fleet snapshot
/// directory: the same template deployed as stack `auth` in members 1 and 2 (not in member
/// 3), a console edit in each: one section per account, only the edited account's section
/// drifts, one exit code (the worst account's), the stack missing in member 3 visible in its
/// section and failing the run.
#[test]
fn drift_compares_the_stacks_of_every_account_of_a_fleet() {
    let work = tempfile::tempdir().unwrap();
    // Fixed ids: the golden report's sections come in account order.
    let emulator = Emulator::start_recording(&work.path().join("requests.jsonl"));
    emulator.fix_ids();
    let ids = emulator.seed(&["--fleet", "3", "--fleet-external-id", EXTERNAL_ID]);
    let m = members(&ids);
    let imports: Vec<Value> = m[..2]
        .iter()
        .map(|a| deploy_member_stack(&emulator, a, "auth", work.path()))
        .collect();
    let list = m.join(",");
    let fleet = ["--accounts", list.as_str(), "--external-id", EXTERNAL_ID];
    // Live and offline runs compare byte for byte: one capture time for all of them.
    let at = ("COGREF_CAPTURED_AT", "2026-11-30T09:00:00Z");
    let drift = |extra: &[&str]| {
        run(emulator
            .cogref()
            .env(at.0, at.1)
            .args(["drift", "--assume-role", "cogref-read"])
            .args(fleet)
            .args(extra))
    };
    let offline = |dir: &Path, extra: &[&str]| {
        run(crate::harness::cogref()
            .arg("drift")
            .arg("--snapshot")
            .arg(dir)
            .args(extra))
    };
    let mut sorted = m.clone();
    sorted.sort();

    // Unchanged, --stack auth: members 1 and 2 clean, member 3 lacks the stack: exit 1, and
    // its section says so.
    let r = drift(&["--stack", "auth"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let missing = format!(
        "=== account {} (stack auth: not deployed in this account) ===",
        m[2]
    );
    assert!(r.stdout.contains(&missing), "{}", r.stdout);
    for a in &m[..2] {
        assert!(
            r.stdout.contains(&format!("=== account {a} ===")),
            "{}",
            r.stdout
        );
    }
    assert_eq!(
        r.stdout
            .matches("== Stack auth (us-east-1, CREATE_COMPLETE)")
            .count(),
        2,
        "{}",
        r.stdout
    );
    // --fail-on none: reported, exit 0 (the user asked never to fail on drift).
    let r = drift(&["--stack", "auth", "--fail-on", "none"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains(&missing), "{}", r.stdout);
    // --all-stacks: member 3 has no stack to compare, which is clean.
    let r = drift(&["--all-stacks", "--format", "json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    let doc = r.json();
    assert_eq!(doc["exit_code"], 0);
    let listed: Vec<&str> = doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["account_id"].as_str().unwrap())
        .collect();
    assert_eq!(
        listed,
        sorted.iter().map(String::as_str).collect::<Vec<_>>()
    );

    // A mutable setting edited in member 1: only its section drifts, in place, exit 1.
    let pool1 = deployed_id(&imports[0], "Pool", "UserPoolId");
    let client1 = deployed_id(&imports[0], "WebClient", "ClientId");
    member_edit(
        &emulator,
        &m[0],
        "idp.update_user_pool_client(UserPoolId=sys.argv[2], ClientId=sys.argv[3], ClientName='web', ExplicitAuthFlows=['ALLOW_USER_SRP_AUTH','ALLOW_REFRESH_TOKEN_AUTH','ALLOW_USER_PASSWORD_AUTH'])",
        &[&pool1, &client1],
    );
    let r = drift(&["--all-stacks", "--format", "json"]);
    assert_eq!(r.code, 1, "{}\n{}", r.stdout, r.stderr);
    let doc = r.json();
    assert_eq!(doc["exit_code"], 1);
    for section in doc["accounts"].as_array().unwrap() {
        let findings: Vec<(String, String)> = section["report"]["stacks"]
            .as_array()
            .map(|stacks| {
                stacks
                    .iter()
                    .flat_map(|s| s["report"]["findings"].as_array().unwrap().clone())
                    .map(|f| {
                        (
                            f["class"].as_str().unwrap().to_string(),
                            f["path"].as_str().unwrap().to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if section["account_id"] == m[0].as_str() {
            assert_eq!(section["exit_code"], 1, "{section}");
            assert_eq!(
                findings,
                vec![("in-place".to_string(), "ExplicitAuthFlows".to_string())],
                "{section}"
            );
            assert_eq!(
                section["report"]["stacks"][0]["report"]["findings"][0]["resource"]["physical_id"],
                client1.as_str()
            );
        } else {
            assert_eq!(section["exit_code"], 0, "{section}");
            assert_eq!(findings, vec![], "{section}");
        }
    }
    let third = doc["accounts"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["account_id"] == m[2].as_str())
        .unwrap();
    assert_eq!(
        third["note"],
        "no stack in this account holds a Cognito resource"
    );
    assert_eq!(third["report"], Value::Null);

    // A setting that cannot be changed back (a custom attribute added) in member 2: exit 3.
    let pool2 = deployed_id(&imports[1], "Pool", "UserPoolId");
    member_edit(
        &emulator,
        &m[1],
        "idp.add_custom_attributes(UserPoolId=sys.argv[2], CustomAttributes=[{'Name': 'console_added', 'AttributeDataType': 'String', 'Mutable': True}])",
        &[&pool2],
    );
    let before = emulator.recorded().len();
    let live_text = drift(&["--all-stacks"]);
    assert_eq!(
        live_text.code, 3,
        "{}\n{}",
        live_text.stdout, live_text.stderr
    );
    // Read-only: AssumeRole into each account, then reads `iam-policy --fleet` allows.
    let calls = emulator.recorded_since(before);
    let policy = run(emulator.cogref().args(["iam-policy", "--fleet"])).json();
    let allowed = policy.to_string();
    assert!(
        calls.contains(&("cloudformation".into(), "GetTemplate".into())),
        "{calls:?}"
    );
    for (service, op) in &calls {
        // Cloud Control's requests are signed for cloudcontrolapi; its IAM prefix is
        // cloudformation.
        let prefix = match service.as_str() {
            "cloudcontrolapi" => "cloudformation",
            s => s,
        };
        let action = format!("{prefix}:{op}");
        assert!(
            action == "sts:GetCallerIdentity"
                || (allowed.contains(&format!("\"{action}\""))
                    && (["Describe", "List", "Get"]
                        .iter()
                        .any(|p| op.starts_with(p))
                        || action == "sts:AssumeRole")),
            "{action}: not a read `iam-policy --fleet` allows"
        );
    }
    // The same run over the organization (the management account left out: it has no read
    // role), as the README shows it.
    let mgmt = ids["fleet"]["management_account"].as_str().unwrap();
    let org = run(emulator
        .cogref()
        .env(at.0, at.1)
        .args(["drift", "--all-stacks", "--org", "--exclude-account", mgmt])
        .args(["--assume-role", "cogref-read", "--external-id", EXTERNAL_ID]));
    assert_eq!(
        (org.code, &org.stdout),
        (3, &live_text.stdout),
        "{}",
        org.stderr
    );
    let live_named = drift(&["--stack", "auth"]);
    assert_eq!(
        live_named.code, 3,
        "{}\n{}",
        live_named.stdout, live_named.stderr
    );
    assert!(
        live_named.stdout.contains(&missing),
        "{}",
        live_named.stdout
    );
    // An account that cannot be reached: listed with its error, exit 2 unless --allow-partial
    // (then the worst of the others, here member 1's in-place drift).
    let stranger = "999999999999";
    let reach = |extra: &[&str]| {
        run(emulator
            .cogref()
            .args(["drift", "--all-stacks", "--assume-role", "cogref-read"])
            .args(["--accounts", &format!("{},{stranger}", m[0])])
            .args(["--external-id", EXTERNAL_ID])
            .args(extra))
    };
    for (extra, code) in [(&[][..], 2), (&["--allow-partial"][..], 1)] {
        let r = reach(extra);
        assert_eq!(r.code, code, "{extra:?}: {}\n{}", r.stdout, r.stderr);
        assert!(
            r.stdout.contains(&format!(
                "=== account {stranger} (not read: AssumeRole AccessDenied"
            )),
            "{}",
            r.stdout
        );
        assert!(r.stdout.contains("ExplicitAuthFlows"), "{}", r.stdout);
    }
    let md = drift(&["--all-stacks", "--format", "markdown"]);
    assert_eq!(md.code, 3);
    for a in &m {
        assert!(
            md.stdout.contains(&format!("## Account {a}")),
            "{}",
            md.stdout
        );
    }

    // The golden text report: account and resource ids replaced by stable names.
    let mut golden = live_text.stdout.clone();
    for (n, import) in imports.iter().enumerate() {
        for e in import.as_array().unwrap() {
            let logical = e["LogicalResourceId"].as_str().unwrap();
            for (key, id) in e["ResourceIdentifier"].as_object().unwrap() {
                let id = id.as_str().unwrap();
                if id.len() > 8 {
                    golden = golden.replace(id, &format!("<member-{}:{logical}.{key}>", n + 1));
                }
            }
        }
    }
    for (n, a) in m.iter().enumerate() {
        golden = golden.replace(a.as_str(), &format!("<member-{}>", n + 1));
    }
    crate::harness::assert_golden("drift-fleet-all-stacks.txt", &golden);

    // The same from fleet snapshot directories: byte-identical reports, same exit codes.
    let all_dir = work.path().join("all-stacks");
    let scan = |dir: &Path, extra: &[&str]| {
        run(emulator
            .cogref()
            .env(at.0, at.1)
            .args(["scan", "--assume-role", "cogref-read", "--out"])
            .arg(dir)
            .args(fleet)
            .args(extra))
    };
    let r = scan(&all_dir, &["--all-stacks"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = offline(&all_dir, &["--all-stacks"]);
    assert_eq!((r.code, &r.stdout), (3, &live_text.stdout), "{}", r.stderr);
    let named_dir = work.path().join("named");
    let r = scan(&named_dir, &["--stack", "auth"]);
    assert_eq!(
        r.code, 2,
        "the scan could not read stack auth in member 3: {}",
        r.stderr
    );
    let r = offline(&named_dir, &["--stack", "auth"]);
    assert_eq!((r.code, &r.stdout), (3, &live_named.stdout), "{}", r.stderr);
    // A fleet directory scanned without the stack cannot say whether it exists: an error,
    // exit 2 even with --fail-on none (the highest code of any account wins: with drift in
    // another account it would be that account's 3).
    let r = offline(&all_dir, &["--stack", "auth", "--fail-on", "none"]);
    assert_eq!(r.code, 2, "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains(&format!(
            "=== account {} (stack auth: not in this account's snapshot",
            m[2]
        )),
        "{}",
        r.stdout
    );
}
