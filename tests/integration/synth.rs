//! The templates `scripts/synth.sh` synthesizes with the real CDK and Amplify Gen2 toolchains
//! (`.cache/synth/out/`, listed in its `manifest.json`): the manifest lists what was meant, the
//! templates hold the resources and settings the apps in `scripts/synth/` declare (so a toolchain
//! upgrade that changes them is noticed), nested stacks are found through `aws:asset:path`, and
//! `cogref drift --desired` reads every one of them without crashing or leaking a literal secret.
//! A missing manifest is a failure that says how to make it, never a skip.

use crate::harness::{cogref_run, fixture, root};
use serde_json::Value;
use std::path::{Path, PathBuf};

fn out_dir() -> PathBuf {
    root().join(".cache/synth/out")
}

fn read_json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}): run `bash scripts/synth.sh` (scripts/test.sh does it)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn manifest() -> Value {
    read_json(&out_dir().join("manifest.json"))
}

/// The manifest entry named `name`.
fn entry(manifest: &Value, name: &str) -> Value {
    manifest["templates"]
        .as_array()
        .expect("manifest templates")
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("manifest has no template {name}: run `bash scripts/synth.sh`"))
        .clone()
}

/// Every template file of an entry: the root, then its nested templates, depth first.
fn template_paths(entry: &Value) -> Vec<PathBuf> {
    fn walk(nested: &Value, into: &mut Vec<PathBuf>) {
        for n in nested.as_array().into_iter().flatten() {
            into.push(out_dir().join(n["template"].as_str().expect("nested template path")));
            walk(&n["nested"], into);
        }
    }
    let mut paths = vec![out_dir().join(entry["template"].as_str().expect("template path"))];
    walk(&entry["nested"], &mut paths);
    paths
}

/// The only nested template of an Amplify root stack (the auth stack).
fn auth_nested(entry: &Value) -> Value {
    let nested = entry["nested"].as_array().expect("nested list");
    assert_eq!(nested.len(), 1, "one nested (auth) stack: {entry}");
    read_json(&out_dir().join(nested[0]["template"].as_str().expect("path")))
}

fn resources<'a>(template: &'a Value, kind: &str) -> Vec<(&'a String, &'a Value)> {
    template["Resources"]
        .as_object()
        .expect("Resources")
        .iter()
        .filter(|(_, r)| r["Type"] == kind)
        .collect()
}

fn one<'a>(template: &'a Value, kind: &str) -> &'a Value {
    let found = resources(template, kind);
    assert_eq!(found.len(), 1, "exactly one {kind}");
    &found[0].1["Properties"]
}

fn strings(v: &Value) -> Vec<&str> {
    v.as_array()
        .unwrap_or_else(|| panic!("not a list: {v}"))
        .iter()
        .map(|s| s.as_str().unwrap_or_else(|| panic!("not a string: {s}")))
        .collect()
}

/// Schema attribute `name` of a user pool's properties.
fn attribute<'a>(pool: &'a Value, name: &str) -> &'a Value {
    pool["Schema"]
        .as_array()
        .expect("Schema")
        .iter()
        .find(|a| a["Name"] == name)
        .unwrap_or_else(|| panic!("no schema attribute {name}"))
}

#[test]
fn manifest_lists_every_app_with_its_toolchain() {
    let m = manifest();
    assert_eq!(m["schema_version"], 1);
    let names: Vec<&str> = m["templates"]
        .as_array()
        .expect("templates")
        .iter()
        .map(|t| t["name"].as_str().expect("name"))
        .collect();
    assert_eq!(
        names,
        [
            "cdk-app/CogrefCdkFull",
            "cdk-app/CogrefCdkModern",
            "amplify-email",
            "amplify-phone",
            "amplify-overrides"
        ]
    );
    // The versions the README's "Tested against" note names, read from what is installed.
    let pinned = read_json(&root().join("scripts/ts-check/package.json"));
    for package in ["aws-cdk-lib", "constructs", "@aws-amplify/backend"] {
        assert_eq!(
            m["toolchain"][package], pinned["dependencies"][package],
            "{package}: installed version differs from scripts/ts-check/package.json"
        );
    }
    for t in m["templates"].as_array().expect("templates") {
        assert!(
            !strings(&t["exercises"]).is_empty(),
            "{} says what it exercises",
            t["name"]
        );
        for path in template_paths(t) {
            assert!(path.is_file(), "{} is missing", path.display());
        }
        if t["kind"] == "amplify-gen2" {
            // The cdk.out layout: the nested auth template is next to its root, and the root
            // points at it through the CDK asset metadata.
            let root_template = read_json(&template_paths(t)[0]);
            let stacks = resources(&root_template, "AWS::CloudFormation::Stack");
            assert_eq!(stacks.len(), 1, "{}: one nested stack", t["name"]);
            let asset = stacks[0].1["Metadata"]["aws:asset:path"]
                .as_str()
                .expect("asset path");
            assert!(asset.ends_with(".nested.template.json"), "{asset}");
            assert_eq!(t["nested"][0]["logical_id"], stacks[0].0.as_str());
            assert!(t["template"]
                .as_str()
                .expect("path")
                .starts_with(&format!("{}/", t["app"].as_str().expect("app"))));
            assert_eq!(resources(&root_template, "AWS::Cognito::UserPool").len(), 0);
        }
    }
}

#[test]
fn cdk_full_stack_holds_what_the_app_declares() {
    let e = entry(&manifest(), "cdk-app/CogrefCdkFull");
    let t = read_json(&template_paths(&e)[0]);
    for (kind, n) in [
        ("AWS::Cognito::UserPool", 1),
        ("AWS::Cognito::UserPoolClient", 3),
        ("AWS::Cognito::UserPoolIdentityProvider", 3),
        ("AWS::Cognito::UserPoolDomain", 1),
        ("AWS::Cognito::UserPoolResourceServer", 1),
        ("AWS::Cognito::UserPoolGroup", 2),
        ("AWS::Cognito::IdentityPool", 1),
        ("AWS::Cognito::IdentityPoolRoleAttachment", 1),
    ] {
        assert_eq!(resources(&t, kind).len(), n, "{kind}");
        assert_eq!(e["resource_types"][kind], n, "manifest count of {kind}");
    }
    let pool = one(&t, "AWS::Cognito::UserPool");
    assert_eq!(pool["MfaConfiguration"], "OPTIONAL");
    let mut mfas = strings(&pool["EnabledMfas"]);
    mfas.sort_unstable();
    assert_eq!(mfas, ["SMS_MFA", "SOFTWARE_TOKEN_MFA"]);
    assert_eq!(strings(&pool["AliasAttributes"]), ["email"]);
    assert_eq!(pool["Policies"]["PasswordPolicy"]["RequireSymbols"], false);
    // Custom attributes of every type, bare names, one developer-only through the L1 override.
    for (name, data_type, mutable) in [
        ("tier", "String", true),
        ("tenant_id", "String", false),
        ("internal_ref", "String", true),
        ("seats", "Number", true),
        ("signup_year", "Number", false),
        ("beta", "Boolean", true),
        ("joined_at", "DateTime", false),
        ("last_review", "DateTime", true),
    ] {
        let a = attribute(pool, name);
        assert_eq!(a["AttributeDataType"], data_type, "{name}");
        assert_eq!(a["Mutable"], mutable, "{name}");
    }
    assert_eq!(
        attribute(pool, "internal_ref")["DeveloperOnlyAttribute"],
        true
    );
    assert_eq!(
        attribute(pool, "seats")["NumberAttributeConstraints"]["MaxValue"],
        "1000"
    );
    assert_eq!(attribute(pool, "family_name")["Mutable"], false);

    let clients: Vec<&Value> = resources(&t, "AWS::Cognito::UserPoolClient")
        .into_iter()
        .map(|(_, r)| &r["Properties"])
        .collect();
    let secret: Vec<&&Value> = clients
        .iter()
        .filter(|c| c["GenerateSecret"] == true)
        .collect();
    assert_eq!(secret.len(), 1, "one confidential client");
    assert_eq!(
        strings(&secret[0]["AllowedOAuthFlows"]),
        ["client_credentials"]
    );
    let web = clients
        .iter()
        .find(|c| c["ClientName"] == "cogref-cdk-web")
        .expect("web client");
    assert_eq!(strings(&web["AllowedOAuthFlows"]), ["code"]);
    assert!(strings(&web["CallbackURLs"]).contains(&"https://app.example.com/callback"));
    assert!(strings(&web["LogoutURLs"]).contains(&"https://app.example.com/signout"));

    let mut providers: Vec<&str> = resources(&t, "AWS::Cognito::UserPoolIdentityProvider")
        .iter()
        .map(|(_, r)| r["Properties"]["ProviderType"].as_str().expect("type"))
        .collect();
    providers.sort_unstable();
    assert_eq!(providers, ["Google", "OIDC", "SAML"]);

    let groups = resources(&t, "AWS::Cognito::UserPoolGroup");
    assert_eq!(
        groups
            .iter()
            .filter(|(_, g)| g["Properties"].get("RoleArn").is_some())
            .count(),
        1,
        "one group with a role"
    );

    // Identity pool: two user-pool providers, a Token and a Rules role mapping.
    let ip = one(&t, "AWS::Cognito::IdentityPool");
    assert_eq!(ip["AllowUnauthenticatedIdentities"], true);
    assert_eq!(
        ip["CognitoIdentityProviders"].as_array().map(Vec::len),
        Some(2)
    );
    let attachment = one(&t, "AWS::Cognito::IdentityPoolRoleAttachment");
    let mut kinds: Vec<&str> = attachment["RoleMappings"]
        .as_object()
        .expect("RoleMappings")
        .values()
        .map(|m| m["Type"].as_str().expect("mapping type"))
        .collect();
    kinds.sort_unstable();
    assert_eq!(kinds, ["Rules", "Token"]);
    assert!(attachment["Roles"].get("authenticated").is_some());
    assert!(attachment["Roles"].get("unauthenticated").is_some());
}

#[test]
fn cdk_modern_stack_holds_passwordless_email_mfa_threat_protection_and_triggers() {
    let e = entry(&manifest(), "cdk-app/CogrefCdkModern");
    let t = read_json(&template_paths(&e)[0]);
    let pool = one(&t, "AWS::Cognito::UserPool");
    assert_eq!(pool["UserPoolTier"], "PLUS");
    let mut factors = strings(&pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"]);
    factors.sort_unstable();
    assert_eq!(factors, ["EMAIL_OTP", "PASSWORD", "WEB_AUTHN"]);
    assert_eq!(pool["WebAuthnRelyingPartyID"], "auth.example.com");
    assert_eq!(pool["WebAuthnUserVerification"], "required");
    let mut mfas = strings(&pool["EnabledMfas"]);
    mfas.sort_unstable();
    assert_eq!(mfas, ["EMAIL_OTP", "SOFTWARE_TOKEN_MFA"]);
    assert_eq!(pool["UserPoolAddOns"]["AdvancedSecurityMode"], "ENFORCED");
    assert_eq!(pool["DeletionProtection"], "ACTIVE");
    let lambda = pool["LambdaConfig"].as_object().expect("LambdaConfig");
    for trigger in ["PreSignUp", "CustomMessage", "PreTokenGenerationConfig"] {
        assert!(
            lambda.contains_key(trigger),
            "trigger {trigger}: {lambda:?}"
        );
    }
    assert_eq!(
        pool["LambdaConfig"]["PreTokenGenerationConfig"]["LambdaVersion"],
        "V2_0"
    );
    assert_eq!(resources(&t, "AWS::Lambda::Function").len(), 3);
    let client = one(&t, "AWS::Cognito::UserPoolClient");
    assert!(strings(&client["ExplicitAuthFlows"]).contains(&"ALLOW_USER_AUTH"));
}

#[test]
fn amplify_email_auth_stack_has_mfa_groups_attributes_and_providers() {
    let auth = auth_nested(&entry(&manifest(), "amplify-email"));
    let pool = one(&auth, "AWS::Cognito::UserPool");
    assert_eq!(strings(&pool["UsernameAttributes"]), ["email"]);
    assert_eq!(pool["MfaConfiguration"], "OPTIONAL");
    for (name, data_type) in [
        ("display_name", "String"),
        ("favorite_number", "Number"),
        ("is_beta_user", "Boolean"),
        ("started_free_trial", "DateTime"),
    ] {
        assert_eq!(
            attribute(pool, name)["AttributeDataType"],
            data_type,
            "{name}"
        );
    }
    let mut providers: Vec<&str> = resources(&auth, "AWS::Cognito::UserPoolIdentityProvider")
        .iter()
        .map(|(_, r)| r["Properties"]["ProviderType"].as_str().expect("type"))
        .collect();
    providers.sort_unstable();
    assert_eq!(providers, ["Google", "OIDC", "SAML"]);
    let groups = resources(&auth, "AWS::Cognito::UserPoolGroup");
    let mut names: Vec<&str> = groups
        .iter()
        .map(|(_, g)| g["Properties"]["GroupName"].as_str().expect("group name"))
        .collect();
    names.sort_unstable();
    assert_eq!(names, ["ADMINS", "EDITORS"]);
    assert!(groups
        .iter()
        .all(|(_, g)| g["Properties"].get("RoleArn").is_some()));
    assert_eq!(resources(&auth, "AWS::Cognito::UserPoolDomain").len(), 1);
    let client = one(&auth, "AWS::Cognito::UserPoolClient");
    assert!(strings(&client["CallbackURLs"]).contains(&"https://app.example.com/profile"));
    assert!(strings(&client["LogoutURLs"]).contains(&"https://app.example.com/"));
    assert_eq!(resources(&auth, "AWS::Cognito::IdentityPool").len(), 1);
}

#[test]
fn amplify_phone_is_a_branch_deployment_with_phone_login() {
    let e = entry(&manifest(), "amplify-phone");
    assert_eq!(e["context"]["amplify-backend-type"], "branch");
    let root_template = read_json(&template_paths(&e)[0]);
    assert_eq!(
        resources(&root_template, "Custom::AmplifyBranchLinkerResource").len(),
        1
    );
    let pool = one(&auth_nested(&e), "AWS::Cognito::UserPool").clone();
    assert_eq!(strings(&pool["UsernameAttributes"]), ["phone_number"]);
}

#[test]
fn amplify_overrides_reach_the_nested_user_pool() {
    let auth = auth_nested(&entry(&manifest(), "amplify-overrides"));
    let pool = one(&auth, "AWS::Cognito::UserPool");
    let factors = strings(&pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"]);
    assert!(factors.contains(&"WEB_AUTHN"), "{factors:?}");
    assert_eq!(factors, ["PASSWORD", "WEB_AUTHN", "EMAIL_OTP", "SMS_OTP"]);
    assert_eq!(pool["Policies"]["PasswordPolicy"]["MinimumLength"], 10);
    assert_eq!(
        pool["Policies"]["PasswordPolicy"]["TemporaryPasswordValidityDays"],
        20
    );
    assert_eq!(strings(&pool["EnabledMfas"]), ["SMS_MFA", "EMAIL_OTP"]);
    assert_eq!(pool["UserPoolAddOns"]["AdvancedSecurityMode"], "AUDIT");
    assert_eq!(pool["WebAuthnRelyingPartyID"], "auth.example.com");
    assert_eq!(pool["WebAuthnUserVerification"], "preferred");
    assert_eq!(pool["UserPoolTier"], "ESSENTIALS");
    let client = one(&auth, "AWS::Cognito::UserPoolClient");
    assert_eq!(
        strings(&client["ExplicitAuthFlows"]),
        ["ALLOW_REFRESH_TOKEN_AUTH", "ALLOW_USER_AUTH"]
    );
}

/// `cogref drift --desired` on every synthesized template (roots and nested) against the sample
/// snapshot: no crash, JSON out, and the literal test secrets of the CDK app never echoed.
/// A template with Cognito resources gives 0, 1 or 3; an Amplify root, whose Cognito resources
/// sit in its nested auth stack next to it, is followed into that stack (a section per
/// template of the tree).
#[test]
fn drift_reads_every_synthesized_template() {
    let m = manifest();
    let snapshot = fixture("sample-snapshot.json");
    let secrets = ["cogref-test-google-secret", "cogref-test-oidc-secret"];
    for e in m["templates"].as_array().expect("templates") {
        for path in template_paths(e) {
            let template = read_json(&path);
            let direct = template["Resources"]
                .as_object()
                .expect("Resources")
                .values()
                .any(|r| {
                    r["Type"]
                        .as_str()
                        .is_some_and(|t| t.starts_with("AWS::Cognito::"))
                });
            let run = cogref_run(&[
                "drift",
                "--snapshot",
                snapshot.to_str().expect("utf-8 path"),
                "--desired",
                path.to_str().expect("utf-8 path"),
                "--format",
                "json",
            ]);
            let what = format!(
                "{}: exit {}, stderr {}",
                path.display(),
                run.code,
                run.stderr
            );
            assert!(!run.stderr.contains("panicked"), "{what}");
            if direct {
                assert!([0, 1, 3].contains(&run.code), "{what}");
            } else {
                // An Amplify root: its Cognito resources are in the nested auth stack next to
                // it, which drift follows (aws:asset:path): one section per template.
                assert_eq!(run.code, 1, "{what}");
                let doc = run.json();
                let sections = doc["stacks"].as_array().expect("stacks sections");
                assert!(
                    sections
                        .iter()
                        .any(|s| s["path"].as_array().is_some_and(|p| p.len() == 2)
                            && s["report"]["findings"]
                                .as_array()
                                .is_some_and(|f| f.iter().any(|f| {
                                    f["code"] == "resource-missing-live"
                                        && f["resource"]["type"] == "AWS::Cognito::UserPool"
                                }))),
                    "{what}: {}",
                    run.stdout
                );
            }
            for s in secrets {
                assert!(
                    !run.stdout.contains(s) && !run.stderr.contains(s),
                    "{what}: leaks {s}"
                );
            }
            if direct {
                let report = run.json();
                // None of these pools is in the sample account: each is reported missing.
                assert_eq!(run.code, 1, "{what}");
                assert!(
                    report["findings"]
                        .as_array()
                        .expect("findings")
                        .iter()
                        .any(|f| {
                            f["code"] == "resource-missing-live"
                                && f["resource"]["type"] == "AWS::Cognito::UserPool"
                        }),
                    "{what}: {}",
                    run.stdout
                );
            }
        }
    }
}
