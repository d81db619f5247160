//! `cogref check`: referenceAuth readiness of the sample account's combinations, offline from
//! the fixture (every format, golden files, exit codes 0/1/2) and live against the emulator.

use crate::harness::{assert_golden, cogref_run, fixture, run, sample_account};
use serde_json::Value;
use std::path::Path;

const SHOP: &str = "us-east-1_7bf47042bd1541c8b764fbda3108d448";
const SHOP_WEB: &str = "ed7bf656218a45368c99a89444";
const SHOP_BACKEND: &str = "570210496a394aa69abac50dca";
const SHOP_IDENTITY: &str = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718";
const PARTNER: &str = "us-east-1_78f2ce6bd46b415daada79a34970ed9a";
const FIELD_OPS: &str = "us-east-1_eedaa8024568442689e03e22d3f4a49b";

fn sample() -> String {
    fixture("sample-snapshot.json").display().to_string()
}

fn check(args: &[&str]) -> crate::harness::Run {
    let snapshot = sample();
    let mut all = vec!["check", "--snapshot", snapshot.as_str()];
    all.extend_from_slice(args);
    cogref_run(&all)
}

fn codes(json: &Value) -> Vec<String> {
    json["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// Writes the sample snapshot changed by `edit` into `dir` and returns its path.
pub fn derived_snapshot(dir: &Path, edit: impl FnOnce(&mut Value)) -> String {
    let mut snap: Value =
        serde_json::from_slice(&std::fs::read(fixture("sample-snapshot.json")).unwrap()).unwrap();
    edit(&mut snap);
    let path = dir.join("derived-snapshot.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&snap).unwrap()).unwrap();
    path.display().to_string()
}

pub fn pool_mut<'a>(snap: &'a mut Value, id: &str) -> &'a mut Value {
    snap["user_pools"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|p| p["id"] == id)
        .unwrap()
}

#[test]
fn the_ready_combination_passes_in_every_format() {
    let r = check(&["--pool", SHOP]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stdout.contains("READY for referenceAuth"), "{}", r.stdout);
    assert_golden("check-shop.txt", &r.stdout);

    let r = check(&["--pool", SHOP, "--format", "json"]);
    assert_eq!(r.code, 0);
    let j = r.json();
    assert_eq!(j["ready"], true);
    assert_eq!(j["client"]["id"], SHOP_WEB);
    assert_eq!(j["identity_pool"]["id"], SHOP_IDENTITY);
    assert_eq!(j["findings"], serde_json::json!([]));
    assert_golden("check-shop.json", &r.stdout);

    let r = check(&["--pool", SHOP, "--format", "markdown"]);
    assert_eq!(r.code, 0);
    assert_golden("check-shop.md", &r.stdout);
}

#[test]
fn the_unready_combination_has_its_findings() {
    let r = check(&["--pool", PARTNER]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_golden("check-partner.txt", &r.stdout);

    let r = check(&["--pool", PARTNER, "--format", "json"]);
    assert_eq!(r.code, 1);
    let j = r.json();
    assert_eq!(j["ready"], false);
    assert_eq!(
        codes(&j),
        [
            "alias-attributes",
            "idp-without-domain",
            "identity-pool-role-missing"
        ]
    );
    let alias = &j["findings"][0];
    assert_eq!(alias["fix_impossible"], true);
    assert_eq!(alias["amplify_rejects"], true);
    assert!(alias["resource"].as_str().unwrap().contains(PARTNER));
    for key in ["message", "why", "fix"] {
        assert!(!alias[key].as_str().unwrap().is_empty(), "{key} empty");
    }
    assert_golden("check-partner.json", &r.stdout);

    let r = check(&["--pool", PARTNER, "--format", "markdown"]);
    assert_eq!(r.code, 1);
    assert_golden("check-partner.md", &r.stdout);
}

#[test]
fn a_pool_with_no_compatible_combination_lists_the_candidates() {
    let r = check(&["--pool", FIELD_OPS]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert!(
        r.stdout
            .contains("no compatible app client + identity pool"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("field-sync"), "{}", r.stdout);
    assert_golden("check-field-ops.txt", &r.stdout);
    let j = check(&["--pool", FIELD_OPS, "--format", "json"]).json();
    let candidates = j["candidates"].as_array().unwrap();
    assert_eq!(candidates.len(), 2);
    assert!(candidates.iter().all(|c| c["fits"] == false));
}

#[test]
fn a_named_client_with_a_secret_is_reported() {
    let r = check(&[
        "--pool",
        SHOP,
        "--client",
        SHOP_BACKEND,
        "--identity-pool",
        SHOP_IDENTITY,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_eq!(
        codes(&r.json()),
        [
            "client-missing-redirect-urls",
            "not-identity-pool-provider",
            "client-secret"
        ]
    );
}

#[test]
fn options_trigger_region_role_and_group_findings() {
    let r = check(&[
        "--pool",
        SHOP,
        "--app-region",
        "eu-west-1",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    assert_eq!(
        codes(&r.json()),
        ["app-region-mismatch", "app-region-mismatch"]
    );
    let r = check(&["--pool", SHOP, "--app-region", "us-east-1"]);
    assert_eq!(r.code, 0, "{}", r.stdout);

    let wrong = "arn:aws:iam::123456789012:role/shop-staff-role";
    let r = check(&["--pool", SHOP, "--unauth-role", wrong, "--format", "json"]);
    assert_eq!(codes(&r.json()), ["role-mismatch", "role-trust"]);

    let r = check(&[
        "--pool",
        SHOP,
        "--group",
        &format!("admins={wrong}"),
        "--format",
        "json",
    ]);
    assert_eq!(codes(&r.json()), ["group-role-unmatched"]);
    let r = check(&[
        "--pool",
        SHOP,
        "--group",
        "admins=arn:aws:iam::123456789012:role/shop-admins-role",
    ]);
    assert_eq!(r.code, 0);
}

#[test]
fn derived_snapshots_trigger_the_other_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = derived_snapshot(dir.path(), |s| {
        let pool = pool_mut(s, SHOP);
        pool.as_object_mut().unwrap().remove("password_policy");
        pool.as_object_mut().unwrap().remove("domain");
        let ip = &mut s["identity_pools"][0];
        assert_eq!(ip["id"], SHOP_IDENTITY);
        ip["roles"]
            .as_object_mut()
            .unwrap()
            .remove("unauthenticated");
    });
    let r = cogref_run(&[
        "check",
        "--snapshot",
        &path,
        "--pool",
        SHOP,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_eq!(
        codes(&r.json()),
        [
            "idp-without-domain",
            "guest-access-without-unauth-role",
            "no-password-policy"
        ]
    );

    let path = derived_snapshot(dir.path(), |s| {
        s["identity_pools"][0]["cognito_identity_providers"] = serde_json::json!([]);
    });
    let r = cogref_run(&[
        "check",
        "--snapshot",
        &path,
        "--pool",
        SHOP,
        "--client",
        SHOP_WEB,
        "--identity-pool",
        SHOP_IDENTITY,
        "--format",
        "json",
    ]);
    assert_eq!(codes(&r.json()), ["identity-pool-no-cognito-provider"]);
}

#[test]
fn errors_exit_2_with_one_clear_line() {
    let r = check(&["--pool", "us-east-1_doesnotexist"]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr.trim(),
        "cogref: --pool us-east-1_doesnotexist: no such user pool in the snapshot"
    );
    assert!(r.stdout.is_empty());

    let r = check(&["--pool", SHOP, "--client", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--client nope"), "{}", r.stderr);

    let r = check(&["--pool", "not-a-pool"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("malformed user pool id"), "{}", r.stderr);

    let r = cogref_run(&[
        "check",
        "--snapshot",
        "/nonexistent/snap.json",
        "--pool",
        SHOP,
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/nonexistent/snap.json"), "{}", r.stderr);
}

#[test]
fn out_writes_the_report_to_a_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.json");
    let r = check(&[
        "--pool",
        PARTNER,
        "--format",
        "json",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    let written: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(written["ready"], false);
}

#[test]
fn live_check_against_the_emulator() {
    let sample = sample_account();
    let shop = sample.pool_id("shop-customers");
    let r = run(sample
        .emulator
        .cogref()
        .args(["check", "--pool", &shop, "--format", "json"]));
    assert_eq!(r.code, 0, "stdout: {}\nstderr: {}", r.stdout, r.stderr);
    let j = r.json();
    assert_eq!(
        j["client"]["id"],
        sample.client_id("shop-customers", "shop-web")
    );
    assert_eq!(
        j["identity_pool"]["id"],
        sample.identity_pool_id("shop_identity")
    );

    let partner = sample.pool_id("partner-portal");
    let r = run(sample
        .emulator
        .cogref()
        .args(["check", "--pool", &partner, "--format", "json"]));
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert_eq!(
        codes(&r.json()),
        [
            "alias-attributes",
            "idp-without-domain",
            "identity-pool-role-missing"
        ]
    );
}
