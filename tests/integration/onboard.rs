//! `cogref emit reference-auth`, `emit outputs` and `emit env` on the sample account: golden
//! files, refusal on findings, `--out` placement, the amplify_outputs.json schema, and the
//! per-branch env files.
//!
//! `tests/fixtures/amplify-outputs-schema-v1.5.json` is a verbatim copy of
//! `../shared/reference/amplify-outputs-schema-v1.5.json` (Amplify's client config schema 1.5,
//! `https://amplify.aws/2024-02/outputs-schema.json`), kept here so the tests do not depend on
//! a directory outside the repository; a test checks the copy is still identical when the
//! original is present.

use crate::check::{derived_snapshot, pool_mut};
use crate::harness::{assert_golden, cogref_run, fixture, root, run, sample_account};
use serde_json::Value;
use std::path::Path;

const SHOP: &str = "us-east-1_7bf47042bd1541c8b764fbda3108d448";
const SHOP_WEB: &str = "ed7bf656218a45368c99a89444";
const SHOP_IDENTITY: &str = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718";
const PARTNER: &str = "us-east-1_78f2ce6bd46b415daada79a34970ed9a";
const PARTNER_WEB: &str = "62fb26d7f4db4a07a506f67070";
const FIELD_OPS: &str = "us-east-1_eedaa8024568442689e03e22d3f4a49b";
const FIELD_APP: &str = "2999394c54a7469b9cd66b09cf";

fn sample() -> String {
    fixture("sample-snapshot.json").display().to_string()
}

fn emit(args: &[&str]) -> crate::harness::Run {
    let snapshot = sample();
    let mut all = vec!["emit"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--snapshot", snapshot.as_str()]);
    cogref_run(&all)
}

// ---------------------------------------------------------------- reference-auth

#[test]
fn reference_auth_literal_for_the_ready_combination() {
    let r = emit(&["reference-auth", "--pool", SHOP]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(
        r.stdout.contains(&format!("userPoolId: '{SHOP}'")),
        "{}",
        r.stdout
    );
    assert!(r
        .stdout
        .contains(&format!("userPoolClientId: '{SHOP_WEB}'")));
    assert!(r
        .stdout
        .contains("admins: 'arn:aws:iam::123456789012:role/shop-admins-role'"));
    // customers has no role: not in groups.
    assert!(!r.stdout.contains("customers:"), "{}", r.stdout);
    assert_golden("reference-auth-literal.ts", &r.stdout);
}

#[test]
fn reference_auth_env_style_prints_the_variable_names() {
    let r = emit(&["reference-auth", "--pool", SHOP, "--env", "SHOP_AUTH"]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(
        r.stdout
            .contains("userPoolId: required('SHOP_AUTH_USER_POOL_ID')"),
        "{}",
        r.stdout
    );
    assert!(
        !r.stdout.contains(SHOP_WEB),
        "ids must not be literal: {}",
        r.stdout
    );
    for var in [
        "SHOP_AUTH_USER_POOL_ID",
        "SHOP_AUTH_USER_POOL_CLIENT_ID",
        "SHOP_AUTH_IDENTITY_POOL_ID",
        "SHOP_AUTH_AUTH_ROLE_ARN",
        "SHOP_AUTH_UNAUTH_ROLE_ARN",
        "SHOP_AUTH_GROUP_ADMINS_ROLE_ARN",
        "SHOP_AUTH_GROUP_STAFF_ROLE_ARN",
    ] {
        assert!(
            r.stderr.contains(&format!("  {var}\n")),
            "{var} not listed: {}",
            r.stderr
        );
    }
    assert_golden("reference-auth-env.ts", &r.stdout);
    // --env without a value uses COGNITO.
    let r = emit(&["reference-auth", "--pool", SHOP, "--env"]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stdout.contains("required('COGNITO_USER_POOL_ID')"));
    let r = emit(&["reference-auth", "--pool", SHOP, "--env", "bad-prefix"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--env \"bad-prefix\""), "{}", r.stderr);
}

#[test]
fn reference_auth_refuses_an_unready_combination() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("app");
    let r = emit(&[
        "reference-auth",
        "--pool",
        PARTNER,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("[alias-attributes]"), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert!(!out.exists(), "nothing may be written");

    // No compatible combination: the candidates, exit 1, even with --force.
    let r = emit(&["reference-auth", "--pool", FIELD_OPS, "--force"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("field-app"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn reference_auth_force_writes_despite_findings() {
    let dir = tempfile::tempdir().unwrap();
    let snap = derived_snapshot(dir.path(), |s| {
        pool_mut(s, SHOP)
            .as_object_mut()
            .unwrap()
            .remove("password_policy");
    });
    let r = cogref_run(&[
        "emit",
        "reference-auth",
        "--snapshot",
        &snap,
        "--pool",
        SHOP,
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[no-password-policy]"), "{}", r.stderr);
    let r = cogref_run(&[
        "emit",
        "reference-auth",
        "--snapshot",
        &snap,
        "--pool",
        SHOP,
        "--force",
    ]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    assert!(r.stdout.contains("referenceAuth({"));
}

#[test]
fn reference_auth_out_is_a_project_directory_or_a_ts_file() {
    let dir = tempfile::tempdir().unwrap();
    let r = emit(&[
        "reference-auth",
        "--pool",
        SHOP,
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stdout.is_empty());
    let written = std::fs::read_to_string(dir.path().join("amplify/auth/resource.ts")).unwrap();
    assert_golden("reference-auth-literal.ts", &written);

    let file = dir.path().join("custom.ts");
    let r = emit(&[
        "reference-auth",
        "--pool",
        SHOP,
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), written);
}

// ---------------------------------------------------------------- outputs

fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_slice(
        &std::fs::read(fixture("amplify-outputs-schema-v1.5.json")).unwrap(),
    )
    .unwrap();
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid_outputs(text: &str) -> Value {
    let outputs: Value = serde_json::from_str(text).expect("outputs are JSON");
    let validator = schema_validator();
    let errors: Vec<String> = validator
        .iter_errors(&outputs)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "schema violations: {errors:#?}\n{text}");
    outputs
}

#[test]
fn the_schema_copy_matches_the_shared_reference() {
    let shared = root().join("../shared/reference/amplify-outputs-schema-v1.5.json");
    if shared.exists() {
        assert_eq!(
            std::fs::read(&shared).unwrap(),
            std::fs::read(fixture("amplify-outputs-schema-v1.5.json")).unwrap(),
            "tests/fixtures/amplify-outputs-schema-v1.5.json differs from {}",
            shared.display()
        );
    }
    // The validator really rejects what the schema forbids.
    let validator = schema_validator();
    let bad = serde_json::json!({"version": "1.5", "auth": {"aws_region": "us-east-1",
        "user_pool_id": "x", "user_pool_client_id": "y", "username_attributes": [],
        "mfa_methods": ["SMS_MFA"]}});
    assert!(validator.iter_errors(&bad).count() >= 2);
}

#[test]
fn outputs_for_every_sample_pool_validate_against_the_schema() {
    let r = emit(&["outputs", "--pool", SHOP]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let o = assert_valid_outputs(&r.stdout);
    assert_eq!(o["version"], "1.5");
    let auth = &o["auth"];
    assert_eq!(auth["user_pool_client_id"], SHOP_WEB);
    assert_eq!(auth["identity_pool_id"], SHOP_IDENTITY);
    assert_eq!(
        auth["oauth"]["domain"],
        "shop-customers-demo.auth.us-east-1.amazoncognito.com"
    );
    assert_eq!(
        auth["oauth"]["identity_providers"],
        serde_json::json!(["GOOGLE"])
    );
    assert_eq!(auth["oauth"]["response_type"], "code");
    assert_eq!(auth["mfa_configuration"], "OPTIONAL");
    assert_eq!(auth["mfa_methods"], serde_json::json!(["TOTP"]));
    assert_eq!(
        auth["groups"],
        serde_json::json!([{"admins": {"precedence": 1}}, {"staff": {"precedence": 10}},
                           {"customers": {"precedence": 100}}])
    );
    assert_golden("outputs-shop.json", &r.stdout);

    let r = emit(&["outputs", "--pool", PARTNER]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let o = assert_valid_outputs(&r.stdout);
    assert_eq!(o["auth"]["user_pool_client_id"], PARTNER_WEB);
    assert_eq!(
        o["auth"]["username_attributes"],
        serde_json::json!(["username"])
    );
    assert_eq!(o["auth"]["mfa_configuration"], "NONE");
    assert!(o["auth"].get("oauth").is_none(), "no domain, no oauth");
    assert_golden("outputs-partner.json", &r.stdout);

    let r = emit(&["outputs", "--pool", FIELD_OPS]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let o = assert_valid_outputs(&r.stdout);
    assert_eq!(o["auth"]["user_pool_client_id"], FIELD_APP);
    assert!(o["auth"].get("identity_pool_id").is_none());
    assert_eq!(o["auth"]["mfa_configuration"], "REQUIRED");
    assert_eq!(o["auth"]["mfa_methods"], serde_json::json!(["SMS"]));
    assert_eq!(
        o["auth"]["username_attributes"],
        serde_json::json!(["phone_number"])
    );
    assert_golden("outputs-field-ops.json", &r.stdout);

    // Every client of every pool, with and without identity pool, validates (confidential
    // clients are refused, and validate when forced).
    let snap: Value =
        serde_json::from_slice(&std::fs::read(fixture("sample-snapshot.json")).unwrap()).unwrap();
    for pool in snap["user_pools"].as_array().unwrap() {
        for client in pool["clients"].as_array().unwrap() {
            let mut args = vec![
                "outputs",
                "--pool",
                pool["id"].as_str().unwrap(),
                "--client",
                client["id"].as_str().unwrap(),
                "--no-identity-pool",
            ];
            if client["has_secret"] == true {
                let r = emit(&args);
                assert_eq!(r.code, 1, "stderr: {}", r.stderr);
                args.push("--force");
            }
            let r = emit(&args);
            assert_eq!(r.code, 0, "stderr: {}", r.stderr);
            assert_valid_outputs(&r.stdout);
        }
    }
}

#[test]
fn outputs_refuses_a_confidential_client_like_reference_auth() {
    const SHOP_BACKEND: &str = "570210496a394aa69abac50dca";
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("amplify_outputs.json");
    let r = emit(&[
        "outputs",
        "--pool",
        SHOP,
        "--client",
        SHOP_BACKEND,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert!(r.stdout.is_empty());
    assert!(!out.exists(), "nothing may be written");
    assert!(
        r.stderr.contains(&format!(
            "[client-secret] app-client shop-backend ({SHOP_BACKEND}): the app client has a secret"
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("no SECRET_HASH"), "{}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    let r = emit(&[
        "outputs",
        "--pool",
        SHOP,
        "--client",
        SHOP_BACKEND,
        "--force",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(r.stderr.contains("--force"), "{}", r.stderr);
    let o = assert_valid_outputs(&std::fs::read_to_string(&out).unwrap());
    assert_eq!(o["auth"]["user_pool_client_id"], SHOP_BACKEND);
}

#[test]
fn outputs_keeps_oauth_for_a_client_without_logout_urls() {
    let dir = tempfile::tempdir().unwrap();
    let snap = derived_snapshot(dir.path(), |s| {
        let web = pool_mut(s, SHOP)["clients"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .find(|c| c["id"] == SHOP_WEB)
            .unwrap();
        web["logout_urls"] = serde_json::json!([]);
    });
    let r = cogref_run(&["emit", "outputs", "--snapshot", &snap, "--pool", SHOP]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let o: Value = serde_json::from_str(&r.stdout).unwrap();
    let oauth = &o["auth"]["oauth"];
    assert_eq!(
        oauth["redirect_sign_in_uri"],
        serde_json::json!([
            "http://localhost:3000/callback",
            "https://shop.example.com/callback"
        ])
    );
    assert_eq!(oauth["redirect_sign_out_uri"], serde_json::json!([]));
    assert_eq!(
        oauth["domain"],
        "shop-customers-demo.auth.us-east-1.amazoncognito.com"
    );
    assert!(
        r.stderr.contains(&format!(
            "app client shop-web ({SHOP_WEB}) has no logout URLs"
        )),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("signOut after a redirect sign-in fails"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("referenceAuth would still reject this client")
            && r.stderr.contains("client-missing-redirect-urls"),
        "{}",
        r.stderr
    );
    // Schema 1.5 asks for at least one sign-out URI: that is the one and only departure.
    let violations: Vec<String> = schema_validator()
        .iter_errors(&o)
        .map(|e| e.instance_path.to_string())
        .collect();
    assert_eq!(violations, ["/auth/oauth/redirect_sign_out_uri"]);
    // The check agrees: referenceAuth rejects it.
    let r = cogref_run(&["check", "--snapshot", &snap, "--pool", SHOP]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout.contains("client-missing-redirect-urls"),
        "{}",
        r.stdout
    );
}

/// The sample snapshot plus an identity pool in us-west-2 that accepts field-ops + field-app
/// (a user pool in us-east-1); `regions` says which regions the snapshot covers.
fn cross_region_snapshot(dir: &Path, regions: &[&str], with_west_pool: bool) -> String {
    derived_snapshot(dir, |s| {
        s["regions"] = serde_json::json!(regions);
        if with_west_pool {
            s["identity_pools"]
                .as_array_mut()
                .unwrap()
                .push(serde_json::json!({
                    "id": FIELD_WEST,
                    "region": "us-west-2",
                    "name": "field_west",
                    "allow_unauthenticated_identities": false,
                    "cognito_identity_providers": [{
                        "provider_name": format!("cognito-idp.us-east-1.amazonaws.com/{FIELD_OPS}"),
                        "client_id": FIELD_APP,
                        "user_pool_id": FIELD_OPS,
                        "server_side_token_check": false
                    }],
                    "supported_login_providers": {},
                    "open_id_connect_provider_arns": [],
                    "saml_provider_arns": [],
                    "tags": {},
                    "roles": {},
                    "role_mappings": {}
                }));
        }
    })
}

const FIELD_WEST: &str = "us-west-2:0b5c4a8e-1f0d-4f52-9d1e-3a1f6c2b7e90";

#[test]
fn an_identity_pool_in_another_region_is_used_when_scanned_or_named() {
    let dir = tempfile::tempdir().unwrap();
    // The snapshot covers us-west-2 too: the link is found from --pool alone.
    let snap = cross_region_snapshot(dir.path(), &["us-east-1", "us-west-2"], true);
    let r = cogref_run(&["emit", "outputs", "--snapshot", &snap, "--pool", FIELD_OPS]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let o = assert_valid_outputs(&r.stdout);
    assert_eq!(o["auth"]["identity_pool_id"], FIELD_WEST);
    assert_eq!(o["auth"]["aws_region"], "us-east-1");
    assert!(!r.stderr.contains("not searched"), "{}", r.stderr);
    let r = cogref_run(&[
        "check",
        "--snapshot",
        &snap,
        "--pool",
        FIELD_OPS,
        "--format",
        "json",
    ]);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["identity_pool"]["id"], FIELD_WEST, "{report:#}");
    assert_eq!(report["client"]["id"], FIELD_APP);
    assert!(report.get("notes").is_none(), "{report:#}");
    // Amplify's referenceAuth reads the identity pool in the app's region: the check says so,
    // and reference-auth refuses for that reason (not for a missing link).
    let codes: Vec<&str> = report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"app-region-mismatch"), "{codes:?}");
    assert!(!codes.contains(&"not-identity-pool-provider"), "{codes:?}");
    let r = cogref_run(&[
        "emit",
        "reference-auth",
        "--snapshot",
        &snap,
        "--pool",
        FIELD_OPS,
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("[app-region-mismatch]"), "{}", r.stderr);
    assert!(!r.stderr.contains("no compatible"), "{}", r.stderr);

    // Named with --identity-pool: used even where the snapshot's regions do not list it.
    let snap = cross_region_snapshot(dir.path(), &["us-east-1"], true);
    let r = cogref_run(&[
        "emit",
        "outputs",
        "--snapshot",
        &snap,
        "--pool",
        FIELD_OPS,
        "--identity-pool",
        FIELD_WEST,
    ]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(
        assert_valid_outputs(&r.stdout)["auth"]["identity_pool_id"],
        FIELD_WEST
    );
}

#[test]
fn identity_pools_of_unscanned_regions_are_said_to_be_unsearched() {
    let dir = tempfile::tempdir().unwrap();
    let snap = cross_region_snapshot(dir.path(), &["us-east-1"], false);
    let r = cogref_run(&["emit", "outputs", "--snapshot", &snap, "--pool", FIELD_OPS]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(assert_valid_outputs(&r.stdout)["auth"]
        .get("identity_pool_id")
        .is_none());
    assert!(
        r.stderr
            .contains("identity pools were searched only in us-east-1")
            && r.stderr.contains("--identity-pool")
            && r.stderr.contains("--region"),
        "{}",
        r.stderr
    );
    let r = cogref_run(&[
        "check",
        "--snapshot",
        &snap,
        "--pool",
        FIELD_OPS,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    let notes = report["notes"].as_array().expect("notes");
    assert_eq!(notes.len(), 1);
    assert!(notes[0]
        .as_str()
        .unwrap()
        .contains("searched only in us-east-1"));
    let r = cogref_run(&["check", "--snapshot", &snap, "--pool", FIELD_OPS]);
    assert!(
        r.stdout
            .contains("\nnote: no identity pool accepts user pool"),
        "{}",
        r.stdout
    );
    // Not said when the pool has an identity pool (nothing was missed).
    let r = cogref_run(&["emit", "outputs", "--snapshot", &snap, "--pool", SHOP]);
    assert!(!r.stderr.contains("not searched"), "{}", r.stderr);
}

#[test]
fn outputs_of_a_derived_passwordless_pool_validate() {
    let dir = tempfile::tempdir().unwrap();
    let snap = derived_snapshot(dir.path(), |s| {
        let pool = pool_mut(s, SHOP);
        pool["allowed_first_auth_factors"] =
            serde_json::json!(["EMAIL_OTP", "PASSWORD", "WEB_AUTHN"]);
        pool["web_authn"] = serde_json::json!({"relying_party_id": "shop.example.com",
                                               "user_verification": "required"});
        pool["enabled_mfas"] = serde_json::json!(["EMAIL_OTP", "SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
        pool["mfa_configuration"] = serde_json::json!("ON");
        pool.as_object_mut().unwrap().remove("domain");
    });
    let r = cogref_run(&["emit", "outputs", "--snapshot", &snap, "--pool", SHOP]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let o = assert_valid_outputs(&r.stdout);
    assert_eq!(
        o["auth"]["mfa_methods"],
        serde_json::json!(["EMAIL", "SMS", "TOTP"])
    );
    assert_eq!(o["auth"]["mfa_configuration"], "REQUIRED");
    assert_eq!(
        o["auth"]["passwordless"],
        serde_json::json!({"email_otp_enabled": true, "sms_otp_enabled": false,
            "web_authn": {"relying_party_id": "shop.example.com", "user_verification": "required"}})
    );
    assert!(o["auth"].get("oauth").is_none());
}

#[test]
fn outputs_errors() {
    let r = emit(&["outputs", "--pool", SHOP, "--client", "nope"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--client nope"), "{}", r.stderr);
    let r = emit(&[
        "outputs",
        "--pool",
        SHOP,
        "--identity-pool",
        "us-east-1:00000000-0000",
    ]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no such identity pool"), "{}", r.stderr);
}

// ---------------------------------------------------------------- env

fn mapping(dir: &Path, text: &str) -> String {
    let path = dir.join("cogref-branches.toml");
    std::fs::write(&path, text).unwrap();
    path.display().to_string()
}

fn shop_mapping() -> String {
    format!(
        "prefix = \"SHOP_AUTH\"\n\n[branches.main]\npool = \"{SHOP}\"\n\n[branches.\"feature/login\"]\npool = \"{SHOP}\"\nclient = \"{SHOP_WEB}\"\nidentity_pool = \"{SHOP_IDENTITY}\"\nregion = \"us-east-1\"\n"
    )
}

#[test]
fn env_for_one_branch_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let m = mapping(dir.path(), &shop_mapping());
    for (format, golden) in [
        ("dotenv", "env-main.env"),
        ("shell", "env-main.sh"),
        ("json", "env-main.json"),
        ("github", "env-main.github-env.sh"),
    ] {
        let r = emit(&[
            "env",
            "--mapping",
            &m,
            "--branch",
            "main",
            "--env-format",
            format,
        ]);
        assert_eq!(r.code, 0, "{format}: {}", r.stderr);
        assert!(r.stdout.contains("SHOP_AUTH_USER_POOL_ID"), "{}", r.stdout);
        assert!(r.stdout.contains(SHOP_WEB));
        assert_golden(golden, &r.stdout);
    }
    let j: Value = serde_json::from_str(
        &emit(&[
            "env",
            "--mapping",
            &m,
            "--branch",
            "main",
            "--env-format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    assert_eq!(j["SHOP_AUTH_IDENTITY_POOL_ID"], SHOP_IDENTITY);
    assert_eq!(
        j["SHOP_AUTH_GROUP_ADMINS_ROLE_ARN"],
        "arn:aws:iam::123456789012:role/shop-admins-role"
    );
    assert_eq!(j.as_object().unwrap().len(), 7);
}

#[test]
fn env_names_match_reference_auth_env() {
    let dir = tempfile::tempdir().unwrap();
    let m = mapping(dir.path(), &shop_mapping());
    let vars: Value = serde_json::from_str(
        &emit(&[
            "env",
            "--mapping",
            &m,
            "--branch",
            "main",
            "--env-format",
            "json",
        ])
        .stdout,
    )
    .unwrap();
    let ts = emit(&["reference-auth", "--pool", SHOP, "--env", "SHOP_AUTH"]).stdout;
    for name in vars.as_object().unwrap().keys() {
        assert!(
            ts.contains(&format!("required('{name}')")),
            "{name} not read by resource.ts"
        );
    }
}

#[test]
fn env_all_branches_writes_one_file_per_branch() {
    let dir = tempfile::tempdir().unwrap();
    let m = mapping(dir.path(), &shop_mapping());
    let out = dir.path().join("env");
    let r = emit(&[
        "env",
        "--mapping",
        &m,
        "--all-branches",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let mut files: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    assert_eq!(files, ["feature-login.env", "main.env"]);
    let main = std::fs::read_to_string(out.join("main.env")).unwrap();
    assert_golden("env-main.env", &main);

    let r = emit(&["env", "--mapping", &m, "--all-branches"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("--out DIR"), "{}", r.stderr);
}

#[test]
fn env_refuses_unready_and_unresolvable_branches() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("env");
    // An unready branch: findings, exit 1, no file for any branch.
    let m = mapping(
        dir.path(),
        &format!(
            "{}\n[branches.partners]\npool = \"{PARTNER}\"\n",
            shop_mapping()
        ),
    );
    let r = emit(&[
        "env",
        "--mapping",
        &m,
        "--all-branches",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(r.code, 1, "stderr: {}", r.stderr);
    assert!(r.stderr.contains("branch partners"), "{}", r.stderr);
    assert!(r.stderr.contains("[alias-attributes]"), "{}", r.stderr);
    assert!(!out.exists(), "no file may be written");

    // Forced, a missing role is still an error naming the branch and the variable.
    let r = emit(&["env", "--mapping", &m, "--branch", "partners", "--force"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("branch \"partners\": SHOP_AUTH_UNAUTH_ROLE_ARN"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());

    // A pool no identity pool accepts: cannot be resolved.
    let m = mapping(
        dir.path(),
        &format!("[branches.field]\npool = \"{FIELD_OPS}\"\n"),
    );
    let r = emit(&["env", "--mapping", &m, "--branch", "field"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("branch \"field\": client: cannot be resolved"),
        "{}",
        r.stderr
    );

    // Mapping errors name the file, the branch and the key.
    let m = mapping(dir.path(), "[branches.main]\npool = \"nope\"\n");
    let r = emit(&["env", "--mapping", &m, "--branch", "main"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("cogref-branches.toml"), "{}", r.stderr);
    assert!(r.stderr.contains("branch \"main\": pool"), "{}", r.stderr);
    let r = emit(&["env", "--mapping", &m, "--branch", "dev"]);
    assert_eq!(r.code, 2);
    let m = mapping(dir.path(), &shop_mapping());
    let r = emit(&["env", "--mapping", &m, "--branch", "dev"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("branch \"dev\" is not in the mapping"),
        "{}",
        r.stderr
    );
    let r = emit(&["env", "--mapping", "/nonexistent.toml", "--branch", "main"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("/nonexistent.toml"), "{}", r.stderr);
}

#[test]
fn live_emit_against_the_emulator() {
    let sample = sample_account();
    let shop = sample.pool_id("shop-customers");
    let dir = tempfile::tempdir().unwrap();
    let r = run(sample.emulator.cogref().args([
        "emit",
        "reference-auth",
        "--pool",
        &shop,
        "--out",
        dir.path().to_str().unwrap(),
    ]));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    let ts = std::fs::read_to_string(dir.path().join("amplify/auth/resource.ts")).unwrap();
    assert!(ts.contains(&sample.client_id("shop-customers", "shop-web")));
    assert!(ts.contains(&sample.identity_pool_id("shop_identity")));
    for secret in sample.secrets() {
        assert!(!ts.contains(&secret), "secret leaked");
    }

    let r = run(sample
        .emulator
        .cogref()
        .args(["emit", "outputs", "--pool", &shop]));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_valid_outputs(&r.stdout);
    for secret in sample.secrets() {
        assert!(!r.stdout.contains(&secret), "secret leaked");
    }

    let m = mapping(dir.path(), &format!("[branches.main]\npool = \"{shop}\"\n"));
    let r =
        run(sample
            .emulator
            .cogref()
            .args(["emit", "env", "--mapping", &m, "--branch", "main"]));
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert!(
        r.stdout.contains(&format!("COGNITO_USER_POOL_ID={shop}")),
        "{}",
        r.stdout
    );
}
