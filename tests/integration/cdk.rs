//! `cogref emit cdk` on the sample fixture: golden files of both styles, the exact file set,
//! the `cdk import --resource-mapping` file derived from resources-to-import.json, the adopt
//! construct carrying every resource and logical id of the CloudFormation template, no secret
//! in any file, byte-identical reruns, and errors that leave nothing behind. The real toolchain
//! (tsc, synth, cfn-lint, drift) runs in scripts/validate-cdk.sh, and on every snapshot of the
//! emit corpus in tests/integration/emit_corpus.rs.

use crate::harness::{assert_golden, cogref_run, fixture};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;

fn sample() -> String {
    fixture("sample-snapshot.json").display().to_string()
}

fn ids() -> Value {
    serde_json::from_slice(&std::fs::read(fixture("sample-ids.json")).unwrap()).unwrap()
}

fn shop_pool() -> String {
    ids()["user_pools"]["shop-customers"]["id"]
        .as_str()
        .unwrap()
        .to_string()
}

/// Every file under `dir`, by path relative to it.
fn read_tree(dir: &Path, base: &Path, out: &mut BTreeMap<String, String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            read_tree(&path, base, out);
        } else {
            let rel = path.strip_prefix(base).unwrap().display().to_string();
            out.insert(rel, std::fs::read_to_string(&path).unwrap());
        }
    }
}

fn emit(args: &[&str]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.display().to_string();
    let snapshot = sample();
    let mut all = vec!["--snapshot", &snapshot, "emit", "cdk", "--out", &out_s];
    all.extend_from_slice(args);
    let run = cogref_run(&all);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let mut files = BTreeMap::new();
    read_tree(&out, &out, &mut files);
    files
}

fn cloudformation() -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cfn");
    let out_s = out.display().to_string();
    let snapshot = sample();
    let run = cogref_run(&[
        "--snapshot",
        &snapshot,
        "emit",
        "cloudformation",
        "--out",
        &out_s,
    ]);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    let mut files = BTreeMap::new();
    read_tree(&out, &out, &mut files);
    files
}

#[test]
fn adopt_style_writes_the_construct_the_mapping_and_import_md() {
    let files = emit(&["--style", "adopt"]);
    let names: Vec<&str> = files.keys().map(String::as_str).collect();
    assert_eq!(
        names,
        [
            "IMPORT.md",
            "lib/existing-auth.ts",
            "resource-mapping.json",
            "resources-to-import.json"
        ]
    );
    assert_golden("cdk-adopt-existing-auth.ts", &files["lib/existing-auth.ts"]);
    assert_golden(
        "cdk-adopt-resource-mapping.json",
        &files["resource-mapping.json"],
    );
    assert_golden("cdk-adopt-IMPORT.md", &files["IMPORT.md"]);

    // The same resources and logical ids as the CloudFormation template, each adopted with
    // its logical id; the mapping is resources-to-import.json keyed by logical id.
    let cfn = cloudformation();
    assert_eq!(
        files["resources-to-import.json"],
        cfn["resources-to-import.json"]
    );
    let template: Value = serde_json::from_str(&cfn["template.json"]).unwrap();
    let resources = template["Resources"].as_object().unwrap();
    let ts = &files["lib/existing-auth.ts"];
    let mapping: Value = serde_json::from_str(&files["resource-mapping.json"]).unwrap();
    assert_eq!(mapping.as_object().unwrap().len(), resources.len());
    for (logical, r) in resources {
        let class = format!(
            "Cfn{}",
            r["Type"].as_str().unwrap().rsplit("::").next().unwrap()
        );
        assert!(
            ts.contains(&format!("{class}(this, '{logical}', {{")),
            "{logical} ({class}) missing"
        );
        assert!(
            ts.contains(&format!("}}), '{logical}');")),
            "{logical} not adopted"
        );
    }
    let import: Value = serde_json::from_str(&cfn["resources-to-import.json"]).unwrap();
    for e in import.as_array().unwrap() {
        let logical = e["LogicalResourceId"].as_str().unwrap();
        assert_eq!(mapping[logical], e["ResourceIdentifier"], "{logical}");
    }
    // Typed props in lowerCamelCase, free-form JSON verbatim, references as construct attributes.
    assert!(ts.contains("callbackUrLs: ["));
    assert!(ts.contains("assumeRolePolicyDocument: {\n        Statement: ["));
    assert!(ts.contains("snsCallerArn: this.roleFieldOpsSmsRole.attrArn,"));
    assert!(ts.contains("userPoolId: this.userPoolShopCustomers.ref,"));
    assert!(ts.contains("client_secret: userPoolIdentityProviderShopCustomersGoogleClientSecretParameter.valueAsString,"));
    assert!(ts.contains("noEcho: true,"));
    assert!(ts.contains("this.userPoolClientShopCustomersShopWeb.addResourceDependency(this.userPoolIdentityProviderShopCustomersGoogle);"));
    // Every construct is created after the ones it refers to.
    let pos = |needle: &str| ts.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(pos("this.roleFieldOpsSmsRole = ") < pos("this.userPoolFieldOps = "));
    assert!(pos("this.identityPoolShopIdentity = ") < pos("this.roleShopAuthRole = "));
}

#[test]
fn reference_style_brings_in_every_selected_resource_without_creating_any() {
    let files = emit(&["--style", "reference"]);
    assert_eq!(files.keys().collect::<Vec<_>>(), ["lib/existing-auth.ts"]);
    let ts = &files["lib/existing-auth.ts"];
    assert_golden("cdk-reference-literal.ts", ts);
    assert!(!ts.contains("new cognito.Cfn") && !ts.contains("new iam."));
    let pool = shop_pool();
    assert!(ts.contains(&format!(
        "this.userPoolShopCustomers = cognito.UserPool.fromUserPoolId(this, 'UserPoolShopCustomers', '{pool}');"
    )));
    assert!(ts.contains("iam.Role.fromRoleArn(this, 'RoleShopAuthRole', 'arn:aws:iam::123456789012:role/shop-auth-role', { mutable: false });"));
    assert_eq!(ts.matches("cognito.UserPool.fromUserPoolId(").count(), 3);
    assert_eq!(
        ts.matches("identitypool.IdentityPool.fromIdentityPoolId(")
            .count(),
        2
    );
}

#[test]
fn reference_style_with_env_reads_the_variables_of_emit_env() {
    let pool = shop_pool();
    let files = emit(&[
        "--style",
        "reference",
        "--env",
        "SHOP_AUTH",
        "--pool",
        &pool,
    ]);
    let ts = &files["lib/existing-auth.ts"];
    assert_golden("cdk-reference-env.ts", ts);
    // The names `emit env` writes for the same pool.
    let dir = tempfile::tempdir().unwrap();
    let mapping = dir.path().join("branches.toml");
    std::fs::write(&mapping, format!("[branches.main]\npool = \"{pool}\"\n")).unwrap();
    let snapshot = sample();
    let run = cogref_run(&[
        "--snapshot",
        &snapshot,
        "emit",
        "env",
        "--mapping",
        &mapping.display().to_string(),
        "--branch",
        "main",
        "--prefix",
        "SHOP_AUTH",
        "--env-format",
        "json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let vars: BTreeMap<String, String> = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(vars.len(), 7);
    for name in vars.keys() {
        assert!(ts.contains(&format!("setting(this, '{name}')")), "{name}");
    }
    assert_eq!(ts.matches("setting(this, '").count(), vars.len());
    for value in vars.values() {
        assert!(
            !ts.contains(value.as_str()),
            "literal {value} in the --env style"
        );
    }
}

#[test]
fn output_is_deterministic_and_secret_free() {
    let secrets: Vec<String> = ids()["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert!(!secrets.is_empty());
    for style in ["adopt", "reference"] {
        let first = emit(&["--style", style]);
        assert_eq!(
            first,
            emit(&["--style", style]),
            "{style} differs between runs"
        );
        for (name, text) in &first {
            for s in &secrets {
                assert!(!text.contains(s.as_str()), "{style} {name} holds a secret");
            }
        }
    }
}

#[test]
fn bad_arguments_are_one_line_errors_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.display().to_string();
    let snapshot = sample();
    for args in [
        vec!["--style", "adopt", "--env", "X"],
        vec!["--style", "reference", "--env", "X"],
        vec![
            "--style",
            "reference",
            "--env",
            "9bad",
            "--pool",
            "us-east-1_7bf47042bd1541c8b764fbda3108d448",
        ],
        vec!["--style", "adopt", "--pool", "us-east-1_NoSuchPool"],
    ] {
        let mut all = vec![
            "--snapshot",
            snapshot.as_str(),
            "emit",
            "cdk",
            "--out",
            &out_s,
        ];
        all.extend_from_slice(&args);
        let run = cogref_run(&all);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert_eq!(
            run.stderr.trim().lines().count(),
            1,
            "{args:?}: {}",
            run.stderr
        );
        assert!(!out.exists(), "{args:?} wrote files");
    }
    let run = cogref_run(&["--snapshot", &snapshot, "emit", "cdk", "--style", "adopt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--out DIR"), "{}", run.stderr);
}
