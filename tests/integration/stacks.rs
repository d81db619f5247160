//! `cogref drift --stack` / `--all-stacks` against stacks deployed into the emulator by
//! `scripts/deploy_template.py` (which registers them, so DescribeStacks, GetTemplate and
//! ListStackResources answer as AWS does): every logical id matched exactly, references to the
//! stack's own Lambda and roles resolved, nested stacks followed, a console edit classified,
//! a stack without Cognito resources refused, the same answers offline from a snapshot, and
//! nothing but reads sent.

use crate::harness::{fixture, root, run, Emulator, Proxy, Run};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn deploy(emulator: &Emulator, template: &Path, stack: &str, extra: &[&str], work: &Path) -> Value {
    let import = work.join(format!("{stack}-import.json"));
    let out = run(Command::new(root().join(".venv/bin/python"))
        .arg(root().join("scripts/deploy_template.py"))
        .arg(template)
        .args(["--endpoint", &emulator.url, "--stack-name", stack])
        .args(extra)
        .arg("--import-out")
        .arg(&import));
    assert_eq!(
        out.code,
        0,
        "deploying {}: {}",
        template.display(),
        out.stderr
    );
    serde_json::from_slice(&std::fs::read(&import).unwrap()).unwrap()
}

/// A change made by hand, as in the console: `statements` run with `c`, a boto3 cognito-idp
/// client on the emulator, and `sys.argv[2..]` = `args`.
fn console_edit(emulator: &Emulator, statements: &str, args: &[&str]) {
    let script = format!(
        "import boto3,sys; c=boto3.client('cognito-idp', endpoint_url=sys.argv[1], \
         region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x'); {statements}"
    );
    let r = run(Command::new(root().join(".venv/bin/python"))
        .args(["-c", &script, &emulator.url])
        .args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn identifier(import: &Value, logical: &str, key: &str) -> String {
    import
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["LogicalResourceId"] == logical)
        .and_then(|e| e["ResourceIdentifier"][key].as_str())
        .unwrap_or_else(|| panic!("{logical}.{key} not in the import file: {import}"))
        .to_string()
}

/// Every finding of a `--format json` stacks report, as `(stack path, class, property)`.
fn findings(r: &Run) -> Vec<(String, String, String)> {
    let doc = r.json();
    let mut out = Vec::new();
    for s in doc["stacks"].as_array().expect("stacks") {
        let path = s["path"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("/");
        for f in s["report"]["findings"].as_array().unwrap() {
            out.push((
                path.clone(),
                f["class"].as_str().unwrap_or_default().to_string(),
                f["path"].as_str().unwrap_or_default().to_string(),
            ));
        }
    }
    out
}

#[test]
fn drift_by_stack_name_matches_logical_ids_and_classifies_an_edit() {
    let work = tempfile::tempdir().unwrap();
    let record = work.path().join("requests.jsonl");
    let emulator = Emulator::start_recording(&record);
    let import = deploy(
        &emulator,
        &fixture("stacks/pool-stack.yaml"),
        "auth-dev",
        &[],
        work.path(),
    );
    deploy(
        &emulator,
        &fixture("stacks/no-cognito.yaml"),
        "plain",
        &[],
        work.path(),
    );
    let deployed = emulator.recorded().len();

    // Unchanged: every Cognito resource matched by its physical id, the Lambda trigger's
    // Fn::GetAtt resolved from the stack, no finding at all.
    let clean = run(emulator
        .cogref()
        .args(["drift", "--stack", "auth-dev", "--format", "json"]));
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    assert_eq!(findings(&clean), vec![], "{}", clean.stdout);
    let doc = clean.json();
    let section = &doc["stacks"][0];
    assert_eq!(section["stack_name"], "auth-dev");
    assert_eq!(section["status"], "CREATE_COMPLETE");
    let resources = section["report"]["resources"].as_array().unwrap();
    let pool = resources
        .iter()
        .find(|r| r["resource"]["logical_id"] == "Pool")
        .expect("the pool was compared");
    assert_eq!(
        pool["resource"]["physical_id"].as_str().unwrap(),
        identifier(&import, "Pool", "UserPoolId")
    );
    assert_eq!(pool["matched_by"], "stack");
    for logical in ["WebClient", "Admins", "Identities", "Attachment"] {
        assert!(
            resources
                .iter()
                .any(|r| r["resource"]["logical_id"] == logical && r["status"] == "matched"),
            "{logical} matched: {}",
            clean.stdout
        );
    }

    // A stack that holds no Cognito resource is refused in one line, never "no drift".
    let plain = run(emulator.cogref().args(["drift", "--stack", "plain"]));
    assert_eq!(plain.code, 2, "{}", plain.stdout);
    assert!(plain.stdout.is_empty());
    assert!(
        plain.stderr.contains("stack plain has no Cognito resource"),
        "{}",
        plain.stderr
    );
    assert_eq!(plain.stderr.trim().lines().count(), 1, "{}", plain.stderr);

    // A console-style edit of a mutable client setting: in place, exit 1, in --all-stacks too.
    let pool_id = identifier(&import, "WebClient", "UserPoolId");
    let client_id = identifier(&import, "WebClient", "ClientId");
    console_edit(
        &emulator,
        "c.update_user_pool_client(UserPoolId=sys.argv[2], ClientId=sys.argv[3], ClientName='web', ExplicitAuthFlows=['ALLOW_USER_SRP_AUTH','ALLOW_REFRESH_TOKEN_AUTH','ALLOW_USER_PASSWORD_AUTH'])",
        &[&pool_id, &client_id],
    );

    let drifted = run(emulator
        .cogref()
        .args(["drift", "--all-stacks", "--format", "json"]));
    assert_eq!(drifted.code, 1, "{}\n{}", drifted.stdout, drifted.stderr);
    assert_eq!(
        findings(&drifted),
        vec![(
            "auth-dev".to_string(),
            "in-place".to_string(),
            "ExplicitAuthFlows".to_string()
        )],
        "{}",
        drifted.stdout
    );
    assert_eq!(
        drifted.json()["stacks"].as_array().unwrap().len(),
        1,
        "only the stack holding Cognito resources is a section"
    );

    // The same answer offline, from a snapshot that recorded the stack.
    let snap = work.path().join("snap.json");
    let scanned = run(emulator
        .cogref()
        .args(["scan", "--stack", "auth-dev", "--out"])
        .arg(&snap));
    assert_eq!(scanned.code, 0, "{}", scanned.stderr);
    let offline = run(crate::harness::cogref()
        .args(["drift", "--snapshot"])
        .arg(&snap)
        .args(["--stack", "auth-dev", "--format", "json"]));
    assert_eq!(offline.code, 1, "{}", offline.stderr);
    assert_eq!(findings(&offline), findings(&drifted));

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
        if op == "UpdateUserPoolClient" || service == "sts" {
            continue; // the test's own edit; STS GetCallerIdentity needs no permission
        }
        assert!(
            actions.contains(&format!("{service}:{op}")),
            "{service}:{op} is not in cogref iam-policy"
        );
    }
    assert!(calls
        .iter()
        .any(|(s, op)| s == "cloudformation" && op == "ListStackResources"));
}

#[test]
fn drift_by_root_stack_follows_the_amplify_nested_auth_stack() {
    let manifest_path = root().join(".cache/synth/out/manifest.json");
    let manifest: Value =
        serde_json::from_slice(&std::fs::read(&manifest_path).unwrap_or_else(|_| {
            panic!(
                "{} missing: run `bash scripts/synth.sh`",
                manifest_path.display()
            )
        }))
        .unwrap();
    let entry = manifest["templates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "amplify-phone")
        .expect("amplify-phone in the synth manifest");
    let out = root().join(".cache/synth/out");
    let root_template = out.join(entry["template"].as_str().unwrap());
    let nested = &entry["nested"][0];
    let nested_arg = format!(
        "{}={}",
        nested["logical_id"].as_str().unwrap(),
        out.join(nested["template"].as_str().unwrap()).display()
    );

    let work = tempfile::tempdir().unwrap();
    let emulator = Emulator::start();
    deploy(
        &emulator,
        &root_template,
        "amplify-phone-main",
        &["--nested", &nested_arg],
        work.path(),
    );
    let import_file = work.path().join("amplify-phone-main-import.json");

    // The local cdk.out root: its nested auth template is next to it (aws:asset:path) and is
    // followed, one section per template of the tree; clean with the import file.
    let local = run(emulator
        .cogref()
        .arg("drift")
        .arg("--desired")
        .arg(&root_template)
        .arg("--import-file")
        .arg(&import_file)
        .args(["--format", "json"]));
    assert_eq!(local.code, 0, "{}\n{}", local.stdout, local.stderr);
    assert_eq!(findings(&local), vec![], "{}", local.stdout);
    let local_doc = local.json();
    let local_sections = local_doc["stacks"].as_array().unwrap();
    assert_eq!(local_sections.len(), 1, "{}", local.stdout);
    assert_eq!(
        local_sections[0]["path"][1].as_str().unwrap(),
        nested["logical_id"].as_str().unwrap()
    );
    assert!(
        local_sections[0]["report"]["resources"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x["resource"]["type"] == "AWS::Cognito::UserPool" && x["status"] == "matched"),
        "{}",
        local.stdout
    );
    let r =
        run(emulator
            .cogref()
            .args(["drift", "--stack", "amplify-phone-main", "--format", "json"]));
    assert_eq!(r.code, 0, "{}\n{}", r.stdout, r.stderr);
    assert_eq!(findings(&r), vec![], "{}", r.stdout);
    let doc = r.json();
    let sections = doc["stacks"].as_array().unwrap();
    assert_eq!(
        sections.len(),
        1,
        "only the auth stack holds Cognito: {}",
        r.stdout
    );
    assert_eq!(
        sections[0]["path"][1].as_str().unwrap(),
        nested["logical_id"].as_str().unwrap()
    );
    let compared = sections[0]["report"]["resources"].as_array().unwrap();
    for t in [
        "AWS::Cognito::UserPool",
        "AWS::Cognito::UserPoolClient",
        "AWS::Cognito::IdentityPool",
        "AWS::Cognito::IdentityPoolRoleAttachment",
    ] {
        assert!(
            compared
                .iter()
                .any(|x| x["resource"]["type"] == t && x["status"] == "matched"),
            "{t} matched: {}",
            r.stdout
        );
    }
}

/// SAM: the processed template of SAM's own translator test (what GetTemplate's Processed stage
/// returns for a SAM stack) resolves its functions' ARNs from the stack, where `--desired`
/// leaves them unknown; `--all-stacks` reports each stack, and only the edited one drifts.
#[test]
fn sam_stacks_resolve_their_functions_and_all_stacks_reports_each() {
    let corpus = crate::corpus::corpus_dir();
    let work = tempfile::tempdir().unwrap();
    let emulator = Emulator::start();
    deploy(
        &emulator,
        &corpus.join(
            "aws__serverless-application-model__translator-output-cognito-userpool-with-event.json",
        ),
        "sam-processed",
        &[],
        work.path(),
    );
    let source = deploy(
        &emulator,
        &corpus.join(
            "aws__serverless-application-model__translator-input-cognito-userpool-with-event.yaml",
        ),
        "sam-source",
        &[],
        work.path(),
    );

    let processed =
        run(emulator
            .cogref()
            .args(["drift", "--stack", "sam-processed", "--format", "json"]));
    assert_eq!(
        processed.code, 0,
        "{}\n{}",
        processed.stdout, processed.stderr
    );
    assert_eq!(
        findings(&processed),
        vec![],
        "no value-unknown: {}",
        processed.stdout
    );
    let doc = processed.json();
    let pool = doc["stacks"][0]["report"]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["resource"]["type"] == "AWS::Cognito::UserPool")
        .expect("the pool was compared")
        .clone();
    assert!(
        pool["desired"]["LambdaConfig"]["PreSignUp"]
            .as_str()
            .is_some_and(|a| a.starts_with("arn:aws:lambda:us-east-1:")),
        "the trigger's Fn::GetAtt resolved from the stack: {pool}"
    );

    let all = run(emulator
        .cogref()
        .args(["drift", "--all-stacks", "--format", "json"]));
    assert_eq!(all.code, 0, "{}\n{}", all.stdout, all.stderr);
    assert_eq!(
        all.json()["stacks"].as_array().unwrap().len(),
        2,
        "{}",
        all.stdout
    );

    // A tag added by hand to the source stack's pool: in place, in that section only.
    let pool_id = identifier(&source, "UserPool", "UserPoolId");
    console_edit(
        &emulator,
        "arn=c.describe_user_pool(UserPoolId=sys.argv[2])['UserPool']['Arn']; c.tag_resource(ResourceArn=arn, Tags={'team': 'payments'})",
        &[&pool_id],
    );
    let drifted = run(emulator
        .cogref()
        .args(["drift", "--all-stacks", "--format", "json"]));
    assert_eq!(drifted.code, 1, "{}\n{}", drifted.stdout, drifted.stderr);
    assert_eq!(
        findings(&drifted),
        vec![(
            "sam-source".to_string(),
            "in-place".to_string(),
            "UserPoolTags[team]".to_string()
        )],
        "{}",
        drifted.stdout
    );
}

#[test]
fn attributes_cloud_control_reads_resolve_and_a_denied_read_stays_unknown_with_why() {
    let work = tempfile::tempdir().unwrap();
    let record = work.path().join("requests.jsonl");
    let emulator = Emulator::start_recording(&record);
    deploy(
        &emulator,
        &fixture("stacks/webapp-stack.yaml"),
        "webapp",
        &[],
        work.path(),
    );
    let deployed = emulator.recorded().len();

    // Unchanged: the callback URL (a CloudFront DomainName) and the role policy's ARNs (a
    // DynamoDB table and a CodeBuild project derived, a CodeCommit repository read) resolve.
    let snap = work.path().join("snap.json");
    let scanned = run(emulator
        .cogref()
        .args(["scan", "--stack", "webapp", "--out"])
        .arg(&snap));
    assert_eq!(scanned.code, 0, "{}", scanned.stderr);
    let calls = emulator.recorded_since(deployed);
    let reads: Vec<_> = calls.iter().filter(|(_, op)| op == "GetResource").collect();
    // Exactly the two resources whose attributes the stack uses and cogref cannot derive.
    assert_eq!(reads.len(), 2, "{calls:?}");
    assert!(
        reads.iter().all(|(s, _)| s == "cloudcontrolapi"),
        "{reads:?}"
    );
    let doc: Value = serde_json::from_slice(&std::fs::read(&snap).unwrap()).unwrap();
    let resources = doc["stacks"][0]["resources"].as_array().unwrap();
    let record_of = |logical: &str| {
        resources
            .iter()
            .find(|r| r["logical_id"] == logical)
            .unwrap_or_else(|| panic!("{logical} in the snapshot"))
            .clone()
    };
    let site = record_of("Site");
    let domain = site["attributes"]["DomainName"].as_str().unwrap();
    assert!(
        domain.len() == "d111111abcdef8.cloudfront.net".len()
            && domain.starts_with('d')
            && domain.ends_with(".cloudfront.net"),
        "{site}"
    );
    let repo = record_of("Repo");
    assert_eq!(
        repo["attributes"],
        serde_json::json!({"Arn": "arn:aws:codecommit:us-east-1:123456789012:webapp-source"})
    );
    assert_eq!(repo["physical_id"].as_str().unwrap().len(), 36, "a GUID");
    for derived in ["Books", "Build", "Pool", "AppRole"] {
        assert!(record_of(derived).get("attributes").is_none(), "{derived}");
    }

    let clean = run(emulator
        .cogref()
        .args(["drift", "--stack", "webapp", "--format", "json"]));
    assert_eq!(clean.code, 0, "{}\n{}", clean.stdout, clean.stderr);
    assert_eq!(findings(&clean), vec![], "{}", clean.stdout);
    // The same offline, from the snapshot's stored attributes.
    let offline = run(crate::harness::cogref()
        .args(["drift", "--snapshot"])
        .arg(&snap)
        .args(["--stack", "webapp", "--format", "json"]));
    assert_eq!(offline.code, 0, "{}\n{}", offline.stdout, offline.stderr);
    assert_eq!(findings(&offline), vec![], "{}", offline.stdout);

    // GetResource denied: no scan error, the two values stay unknown with the reason, exit 0.
    let proxy = Proxy::start(
        &emulator.url,
        serde_json::json!([{"operation": "GetResource", "fault": "access_denied"}]),
        &[],
    );
    let denied = run(proxy
        .cogref()
        .args(["drift", "--stack", "webapp", "--format", "json"]));
    assert_eq!(denied.code, 0, "{}\n{}", denied.stdout, denied.stderr);
    let unknown = findings(&denied);
    assert!(!unknown.is_empty(), "{}", denied.stdout);
    assert!(
        unknown.iter().all(|(_, class, _)| class == "unknown"),
        "{unknown:?}"
    );
    let paths: Vec<&str> = unknown.iter().map(|(_, _, p)| p.as_str()).collect();
    assert!(
        paths.iter().any(|p| p.starts_with("CallbackURLs")),
        "{paths:?}"
    );
    for needle in [
        "Fn::GetAtt Site.DomainName: Cloud Control GetResource failed: AccessDenied",
        "Fn::GetAtt Repo.Arn: Cloud Control GetResource failed: AccessDenied",
    ] {
        assert!(
            denied.stdout.contains(needle),
            "{needle}: {}",
            denied.stdout
        );
    }
    // A scan through the same proxy is complete (exit 0, no error), the two reads listed as
    // not read, the reasons stored on the resources.
    let denied_snap = work.path().join("denied.json");
    let scanned = run(proxy
        .cogref()
        .args(["scan", "--stack", "webapp", "--out"])
        .arg(&denied_snap));
    assert_eq!(scanned.code, 0, "{}", scanned.stderr);
    assert!(
        scanned
            .stderr
            .contains("not read: AWS::CloudFront::Distribution"),
        "{}",
        scanned.stderr
    );
    let doc: Value = serde_json::from_slice(&std::fs::read(&denied_snap).unwrap()).unwrap();
    assert_eq!(doc["errors"], serde_json::json!([]), "{doc}");
    let not_read: Vec<&str> = doc["not_read"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["operation"].as_str().unwrap())
        .collect();
    assert_eq!(not_read, vec!["GetResource", "GetResource"]);
    let site = doc["stacks"][0]["resources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["logical_id"] == "Site")
        .unwrap()
        .clone();
    assert!(site.get("attributes").is_none(), "{site}");
    assert!(
        site["attributes_unread"]["DomainName"]
            .as_str()
            .unwrap()
            .starts_with("Cloud Control GetResource failed: AccessDeniedException"),
        "{site}"
    );
    let stats = proxy.stop();
    assert_eq!(stats["by_operation"]["GetResource"], 4, "{stats}");
}
