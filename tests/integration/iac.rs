//! `cogref emit cloudformation` and `cogref emit terraform` on the sample fixture: golden files,
//! the exact `--resources-to-import` shape, Terraform that a real HCL parser reads with import
//! ids in the provider's documented formats, no secret in any file, byte-identical reruns, and
//! clear errors that leave nothing behind.

use crate::harness::{assert_golden, cogref_run, fixture};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

fn sample() -> String {
    fixture("sample-snapshot.json").display().to_string()
}

fn snapshot() -> Value {
    serde_json::from_slice(&std::fs::read(fixture("sample-snapshot.json")).unwrap()).unwrap()
}

/// Runs `cogref --snapshot SNAPSHOT emit KIND ARGS --out DIR` and returns every file written.
fn emit(snapshot: &str, kind: &str, args: &[&str]) -> BTreeMap<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.display().to_string();
    let mut all = vec!["--snapshot", snapshot, "emit", kind, "--out", &out_s];
    all.extend_from_slice(args);
    let run = cogref_run(&all);
    assert_eq!(run.code, 0, "stderr: {}", run.stderr);
    read_dir(&out)
}

fn read_dir(dir: &Path) -> BTreeMap<String, String> {
    let mut files = BTreeMap::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        files.insert(
            entry.file_name().to_string_lossy().into_owned(),
            std::fs::read_to_string(entry.path()).unwrap(),
        );
    }
    files
}

/// A modified copy of the sample snapshot in a temporary file.
fn derived_snapshot(dir: &Path, change: impl FnOnce(&mut Value)) -> String {
    let mut v = snapshot();
    change(&mut v);
    let path = dir.join("snapshot.json");
    std::fs::write(&path, serde_json::to_vec_pretty(&v).unwrap()).unwrap();
    path.display().to_string()
}

fn pool_id(name: &str) -> String {
    snapshot()["user_pools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string()
}

#[test]
fn cloudformation_matches_golden_files() {
    let json = emit(&sample(), "cloudformation", &[]);
    assert_eq!(
        json.keys().collect::<Vec<_>>(),
        ["IMPORT.md", "resources-to-import.json", "template.json"]
    );
    assert_golden("cloudformation-template.json", &json["template.json"]);
    assert_golden(
        "cloudformation-resources-to-import.json",
        &json["resources-to-import.json"],
    );
    assert_golden("cloudformation-IMPORT.md", &json["IMPORT.md"]);

    let yaml = emit(&sample(), "cloudformation", &["--template-format", "yaml"]);
    assert_golden("cloudformation-template.yaml", &yaml["template.yaml"]);
    // The YAML says exactly what the JSON says, and YAML 1.1 words stay strings.
    let from_yaml: Value = serde_yaml::from_str(&yaml["template.yaml"]).unwrap();
    let from_json: Value = serde_json::from_str(&json["template.json"]).unwrap();
    assert_eq!(from_yaml, from_json);
    assert!(yaml["template.yaml"].contains("MfaConfiguration: \"ON\""));
    assert!(yaml["template.yaml"].contains("MfaConfiguration: \"OFF\""));
}

#[test]
fn cloudformation_maps_properties_faithfully() {
    let files = emit(&sample(), "cloudformation", &[]);
    let t: Value = serde_json::from_str(&files["template.json"]).unwrap();
    let r = &t["Resources"];
    for (logical, res) in r.as_object().unwrap() {
        assert_eq!(res["DeletionPolicy"], "Retain", "{logical}");
        assert_eq!(res["UpdateReplacePolicy"], "Retain", "{logical}");
    }
    // Schema: custom attributes with bare names, and only standard ones that differ.
    let shop = &r["UserPoolShopCustomers"]["Properties"];
    let names: Vec<&str> = shop["Schema"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["Name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["loyalty_points", "tier", "email"]);
    assert_eq!(shop["Schema"][2]["Required"], true);
    assert_eq!(
        shop["Schema"][0]["NumberAttributeConstraints"],
        serde_json::json!({"MinValue": "0", "MaxValue": "100000"})
    );
    // field-ops lists 20 standard attributes, all at their defaults: no Schema at all.
    assert!(r["UserPoolFieldOps"]["Properties"].get("Schema").is_none());
    // MFA from GetUserPoolMfaConfig.
    assert_eq!(shop["MfaConfiguration"], "OPTIONAL");
    assert_eq!(
        shop["EnabledMfas"],
        serde_json::json!(["SOFTWARE_TOKEN_MFA"])
    );
    assert_eq!(
        r["UserPoolFieldOps"]["Properties"]["EnabledMfas"],
        serde_json::json!(["SMS_MFA"])
    );
    // Token validity with units (defaults written explicitly).
    let web = &r["UserPoolClientShopCustomersShopWeb"]["Properties"];
    assert_eq!(web["AccessTokenValidity"], 60);
    assert_eq!(
        web["TokenValidityUnits"],
        serde_json::json!({"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"})
    );
    assert_eq!(
        r["UserPoolClientShopCustomersShopBackend"]["Properties"]["TokenValidityUnits"],
        serde_json::json!({"RefreshToken": "days"})
    );
    // Confidential clients: GenerateSecret, never a secret.
    assert_eq!(
        r["UserPoolClientShopCustomersShopBackend"]["Properties"]["GenerateSecret"],
        true
    );
    assert!(web.get("GenerateSecret").is_none());
    // IdP secrets become NoEcho parameters.
    let google = &r["UserPoolIdentityProviderShopCustomersGoogle"]["Properties"];
    let param = google["ProviderDetails"]["client_secret"]["Ref"]
        .as_str()
        .unwrap();
    assert_eq!(t["Parameters"][param]["NoEcho"], true);
    assert_eq!(t["Parameters"][param]["Type"], "String");
    // Links instead of hard-coded ids where the template owns both ends.
    assert_eq!(
        web["UserPoolId"],
        serde_json::json!({"Ref": "UserPoolShopCustomers"})
    );
    let ip = &r["IdentityPoolShopIdentity"]["Properties"]["CognitoIdentityProviders"][0];
    assert_eq!(
        ip["ClientId"],
        serde_json::json!({"Ref": "UserPoolClientShopCustomersShopWeb"})
    );
    assert_eq!(
        ip["ProviderName"],
        serde_json::json!({"Fn::GetAtt": ["UserPoolShopCustomers", "ProviderName"]})
    );
    assert_eq!(
        r["UserPoolGroupShopCustomersAdmins"]["Properties"]["RoleArn"],
        serde_json::json!({"Fn::GetAtt": ["RoleShopAdminsRole", "Arn"]})
    );
    assert_eq!(
        r["IdentityPoolRoleAttachmentShopIdentity"]["Properties"]["Roles"]["unauthenticated"],
        serde_json::json!({"Fn::GetAtt": ["RoleShopUnauthRole", "Arn"]})
    );
    // Roles: trust policy, inline policies as Policies, managed policy ARNs.
    let role = &r["RoleShopAuthRole"]["Properties"];
    assert_eq!(
        role["AssumeRolePolicyDocument"]["Statement"][0]["Condition"]["StringEquals"]
            ["cognito-identity.amazonaws.com:aud"],
        serde_json::json!({"Ref": "IdentityPoolShopIdentity"})
    );
    assert_eq!(role["Policies"][0]["PolicyName"], "allow-s3-read");
    assert_eq!(
        role["ManagedPolicyArns"],
        serde_json::json!([
            "arn:aws:iam::123456789012:policy/shop-auth-policy",
            "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
        ])
    );
    assert_eq!(r["RolePartnerAuthRole"]["Properties"]["Path"], "/partner/");
}

/// The identifier keys of each type: the `primaryIdentifier` of its registry schema (as in
/// shared/reference/import-identifiers.json).
const IDENTIFIER_KEYS: &[(&str, &[&str])] = &[
    ("AWS::Cognito::UserPool", &["UserPoolId"]),
    ("AWS::Cognito::UserPoolClient", &["ClientId", "UserPoolId"]),
    ("AWS::Cognito::UserPoolDomain", &["Domain", "UserPoolId"]),
    ("AWS::Cognito::UserPoolGroup", &["GroupName", "UserPoolId"]),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        &["ProviderName", "UserPoolId"],
    ),
    (
        "AWS::Cognito::UserPoolResourceServer",
        &["Identifier", "UserPoolId"],
    ),
    ("AWS::Cognito::IdentityPool", &["Id"]),
    ("AWS::Cognito::IdentityPoolRoleAttachment", &["Id"]),
    (
        "AWS::Cognito::UserPoolRiskConfigurationAttachment",
        &["ClientId", "UserPoolId"],
    ),
    (
        "AWS::Cognito::UserPoolUICustomizationAttachment",
        &["ClientId", "UserPoolId"],
    ),
    (
        "AWS::Cognito::ManagedLoginBranding",
        &["ManagedLoginBrandingId", "UserPoolId"],
    ),
    ("AWS::Cognito::LogDeliveryConfiguration", &["Id"]),
    (
        "AWS::Cognito::IdentityPoolPrincipalTag",
        &["IdentityPoolId", "IdentityProviderName"],
    ),
    ("AWS::IAM::Role", &["RoleName"]),
];

#[test]
fn resources_to_import_has_the_change_set_shape() {
    let files = emit(&sample(), "cloudformation", &[]);
    let t: Value = serde_json::from_str(&files["template.json"]).unwrap();
    let list: Value = serde_json::from_str(&files["resources-to-import.json"]).unwrap();
    let list = list.as_array().expect("a JSON array");
    let resources = t["Resources"].as_object().unwrap();
    assert_eq!(
        list.len(),
        resources.len(),
        "one entry per template resource"
    );
    let snap = snapshot();
    let shop = pool_id("shop-customers");
    let mut seen = BTreeSet::new();
    for entry in list {
        let keys: Vec<&String> = entry.as_object().unwrap().keys().collect();
        assert_eq!(
            keys,
            ["LogicalResourceId", "ResourceIdentifier", "ResourceType"]
        );
        let ty = entry["ResourceType"].as_str().unwrap();
        let logical = entry["LogicalResourceId"].as_str().unwrap();
        assert!(seen.insert(logical.to_string()), "{logical} listed twice");
        assert_eq!(resources[logical]["Type"], ty, "{logical}");
        let id = entry["ResourceIdentifier"].as_object().unwrap();
        let expected = IDENTIFIER_KEYS.iter().find(|(t, _)| *t == ty).unwrap().1;
        assert_eq!(
            id.keys().map(String::as_str).collect::<Vec<_>>(),
            expected,
            "{ty}"
        );
        for v in id.values() {
            assert!(v.as_str().is_some_and(|s| !s.is_empty()), "{logical}: {v}");
        }
        let props = &resources[logical]["Properties"];
        // Values name the live resource the template describes.
        match ty {
            "AWS::Cognito::UserPool" => {
                let pool = snap["user_pools"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|p| p["id"] == id["UserPoolId"])
                    .unwrap();
                assert_eq!(props["UserPoolName"], pool["name"]);
            }
            "AWS::Cognito::UserPoolGroup" => assert_eq!(props["GroupName"], id["GroupName"]),
            "AWS::Cognito::UserPoolDomain" => {
                assert_eq!(props["Domain"], id["Domain"]);
                assert_eq!(id["UserPoolId"], shop.as_str());
            }
            "AWS::Cognito::UserPoolIdentityProvider" => {
                assert_eq!(props["ProviderName"], id["ProviderName"])
            }
            "AWS::Cognito::UserPoolResourceServer" => {
                assert_eq!(props["Identifier"], id["Identifier"])
            }
            "AWS::IAM::Role" => assert_eq!(props["RoleName"], id["RoleName"]),
            // Issue 13: the settings resources name their pool (or identity pool) and client.
            "AWS::Cognito::UserPoolRiskConfigurationAttachment"
            | "AWS::Cognito::UserPoolUICustomizationAttachment" => {
                assert_eq!(id["UserPoolId"], shop.as_str());
                let client = id["ClientId"].as_str().unwrap();
                assert!(
                    client == "ALL" || client == "ed7bf656218a45368c99a89444",
                    "{logical}: {client}"
                );
            }
            "AWS::Cognito::ManagedLoginBranding" => {
                assert_eq!(id["UserPoolId"], shop.as_str());
                assert_eq!(
                    props["ClientId"],
                    json!({"Ref": "UserPoolClientShopCustomersShopWeb"})
                );
            }
            "AWS::Cognito::LogDeliveryConfiguration" => assert_eq!(id["Id"], shop.as_str()),
            "AWS::Cognito::IdentityPoolPrincipalTag" => {
                assert_eq!(
                    props["IdentityProviderName"],
                    json!({"Fn::GetAtt": ["UserPoolShopCustomers", "ProviderName"]})
                );
                assert_eq!(
                    id["IdentityProviderName"],
                    format!("cognito-idp.us-east-1.amazonaws.com/{shop}")
                );
            }
            _ => {}
        }
    }
    let web = list
        .iter()
        .find(|e| e["LogicalResourceId"] == "UserPoolClientShopCustomersShopWeb")
        .unwrap();
    assert_eq!(web["ResourceIdentifier"]["UserPoolId"], shop.as_str());
    assert_eq!(
        web["ResourceIdentifier"]["ClientId"],
        "ed7bf656218a45368c99a89444"
    );
}

#[test]
fn terraform_matches_golden_files() {
    let files = emit(&sample(), "terraform", &[]);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        ["IMPORT.md", "imports.tf", "main.tf", "variables.tf"]
    );
    for (name, text) in &files {
        assert_golden(&format!("terraform-{name}"), text);
    }
}

/// `to` address -> `id` of every import block, and the addresses of every resource block.
fn parse_terraform(
    files: &BTreeMap<String, String>,
) -> (BTreeMap<String, String>, BTreeSet<String>) {
    let mut imports = BTreeMap::new();
    let mut resources = BTreeSet::new();
    for (name, text) in files.iter().filter(|(n, _)| n.ends_with(".tf")) {
        let body = hcl::parse(text).unwrap_or_else(|e| panic!("{name} is not valid HCL: {e}"));
        for block in body.blocks() {
            match block.identifier() {
                "import" => {
                    let attr = |k: &str| {
                        block
                            .body()
                            .attributes()
                            .find(|a| a.key() == k)
                            .unwrap_or_else(|| panic!("import block without {k}"))
                            .expr()
                            .clone()
                    };
                    let to = attr("to");
                    assert!(matches!(to, hcl::Expression::Traversal(_)), "{to}");
                    let hcl::Expression::String(id) = attr("id") else {
                        panic!("import id is not a plain string");
                    };
                    assert!(imports.insert(to.to_string(), id).is_none());
                }
                "resource" => {
                    let labels: Vec<String> = block
                        .labels()
                        .iter()
                        .map(|l| l.clone().into_inner())
                        .collect();
                    assert_eq!(labels.len(), 2);
                    resources.insert(labels.join("."));
                }
                _ => {}
            }
        }
    }
    (imports, resources)
}

#[test]
fn terraform_parses_and_import_ids_follow_the_provider_formats() {
    let files = emit(&sample(), "terraform", &[]);
    let (imports, resources) = parse_terraform(&files);
    assert_eq!(
        imports.keys().cloned().collect::<BTreeSet<_>>(),
        resources,
        "one import block per resource block"
    );
    let snap = snapshot();
    let pools = snap["user_pools"].as_array().unwrap();
    let pool_ids: BTreeSet<&str> = pools.iter().map(|p| p["id"].as_str().unwrap()).collect();
    let find_pool = |id: &str| pools.iter().find(|p| p["id"] == id).unwrap();
    let names = |v: &Value, key: &str| -> BTreeSet<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x[key].as_str().unwrap().to_string())
            .collect()
    };
    let ip_ids: BTreeSet<&str> = snap["identity_pools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["id"].as_str().unwrap())
        .collect();
    let roles = snap["roles"].as_array().unwrap();
    let mut by_type: BTreeMap<&str, usize> = BTreeMap::new();
    for (to, id) in &imports {
        let ty = to.split('.').next().unwrap();
        *by_type.entry(ty).or_default() += 1;
        match ty {
            // The id of the pool.
            "aws_cognito_user_pool" => assert!(pool_ids.contains(id.as_str()), "{id}"),
            // USER_POOL_ID/CLIENT_ID
            "aws_cognito_user_pool_client" => {
                let (pool, client) = id.split_once('/').unwrap();
                assert!(
                    names(&find_pool(pool)["clients"], "id").contains(client),
                    "{id}"
                );
            }
            // The domain itself.
            "aws_cognito_user_pool_domain" => assert_eq!(id, "shop-customers-demo"),
            // USER_POOL_ID/GROUP_NAME
            "aws_cognito_user_group" => {
                let (pool, group) = id.split_once('/').unwrap();
                assert!(
                    names(&find_pool(pool)["groups"], "name").contains(group),
                    "{id}"
                );
            }
            // USER_POOL_ID:PROVIDER_NAME
            "aws_cognito_identity_provider" => {
                let (pool, idp) = id.split_once(':').unwrap();
                assert!(pool_ids.contains(pool), "{id}");
                assert!(names(&find_pool(pool)["identity_providers"], "name").contains(idp));
            }
            // USER_POOL_ID|IDENTIFIER
            "aws_cognito_resource_server" => {
                assert_eq!(
                    id,
                    &format!("{}|https://api.shop.example.com", pool_id("shop-customers"))
                )
            }
            // The identity pool id, for the pool and its roles attachment.
            "aws_cognito_identity_pool" | "aws_cognito_identity_pool_roles_attachment" => {
                assert!(ip_ids.contains(id.as_str()), "{id}")
            }
            // The role name (not its ARN or path).
            "aws_iam_role" => assert!(roles.iter().any(|r| r["name"] == id.as_str()), "{id}"),
            // ROLE_NAME:POLICY_NAME
            "aws_iam_role_policy" => {
                let (role, policy) = id.split_once(':').unwrap();
                let r = roles.iter().find(|r| r["name"] == role).unwrap();
                assert!(
                    names(&r["inline_policies"], "name").contains(policy),
                    "{id}"
                );
            }
            // ROLE_NAME/POLICY_ARN
            "aws_iam_role_policy_attachment" => {
                let (role, arn) = id.split_once('/').unwrap();
                let r = roles.iter().find(|r| r["name"] == role).unwrap();
                assert!(names(&r["managed_policies"], "arn").contains(arn), "{id}");
            }
            // Issue 13. USER_POOL_ID or USER_POOL_ID:CLIENT_ID
            "aws_cognito_risk_configuration" => {
                let pool = id.split(':').next().unwrap();
                assert_eq!(pool, pool_id("shop-customers"), "{id}");
            }
            // USER_POOL_ID,CLIENT_ID (ALL pool-wide)
            "aws_cognito_user_pool_ui_customization" => {
                let (pool, client) = id.split_once(',').unwrap();
                assert_eq!(pool, pool_id("shop-customers"), "{id}");
                assert!(client == "ALL" || client == "ed7bf656218a45368c99a89444");
            }
            // BRANDING_ID|USER_POOL_ID|CLIENT_ID
            "aws_cognito_managed_login_branding" => {
                let parts: Vec<&str> = id.split('|').collect();
                assert_eq!(parts.len(), 3, "{id}");
                assert_eq!(parts[1], pool_id("shop-customers"), "{id}");
                assert_eq!(parts[2], "ed7bf656218a45368c99a89444", "{id}");
            }
            "aws_cognito_log_delivery_configuration" => {
                assert_eq!(id, &pool_id("shop-customers"))
            }
            // IDENTITY_POOL_ID:PROVIDER_NAME (the identity pool id has a `:` of its own)
            "aws_cognito_identity_pool_provider_principal_tag" => {
                let (ip, provider) = id.rsplit_once(":cognito-idp.").unwrap();
                assert!(ip_ids.contains(ip), "{id}");
                assert!(provider.ends_with(&pool_id("shop-customers")), "{id}");
            }
            other => panic!("unexpected resource type {other}"),
        }
    }
    assert_eq!(by_type["aws_cognito_user_pool"], 3);
    assert_eq!(by_type["aws_cognito_user_pool_client"], 6);
    assert_eq!(by_type["aws_cognito_user_group"], 3);
    assert_eq!(by_type["aws_cognito_identity_provider"], 3);
    assert_eq!(by_type["aws_cognito_identity_pool_roles_attachment"], 2);
    assert_eq!(by_type["aws_iam_role"], 6);
    assert_eq!(by_type["aws_cognito_risk_configuration"], 2);
    assert_eq!(by_type["aws_cognito_user_pool_ui_customization"], 2);
    assert_eq!(by_type["aws_cognito_managed_login_branding"], 1);
    assert_eq!(by_type["aws_cognito_log_delivery_configuration"], 1);
    assert_eq!(
        by_type["aws_cognito_identity_pool_provider_principal_tag"],
        1
    );

    // Secrets are sensitive variables.
    let vars = hcl::parse(&files["variables.tf"]).unwrap();
    let mut count = 0;
    for v in vars.blocks().filter(|b| b.identifier() == "variable") {
        count += 1;
        let sensitive = v
            .body()
            .attributes()
            .find(|a| a.key() == "sensitive")
            .unwrap();
        assert_eq!(sensitive.expr(), &hcl::Expression::Bool(true));
    }
    assert_eq!(count, 2);
    assert!(
        files["main.tf"].lines().any(|l| {
            let (key, value) = l.split_once('=').unwrap_or_default();
            key.trim() == "client_secret"
                && value.trim() == "var.shop_customers_google_client_secret"
        }),
        "the Google provider's secret is the sensitive variable"
    );
}

#[test]
fn no_secret_appears_in_any_emitted_file() {
    let ids: Value =
        serde_json::from_slice(&std::fs::read(fixture("sample-ids.json")).unwrap()).unwrap();
    let mut secrets: Vec<String> = ids["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert!(!secrets.is_empty());
    // A snapshot that, against the rules, carries an identity-provider secret in clear: the
    // emitters must still turn it into a parameter / variable.
    let dir = tempfile::tempdir().unwrap();
    let leaky = derived_snapshot(dir.path(), |v| {
        for pool in v["user_pools"].as_array_mut().unwrap() {
            for idp in pool["identity_providers"].as_array_mut().unwrap() {
                if idp["details"].get("client_secret").is_some() {
                    idp["details"]["client_secret"] = "leaked-secret-XYZ-123".into();
                }
            }
        }
    });
    secrets.push("leaked-secret-XYZ-123".into());
    for snapshot in [sample(), leaky] {
        for (kind, args) in [
            ("cloudformation", vec![]),
            ("cloudformation", vec!["--template-format", "yaml"]),
            ("terraform", vec![]),
        ] {
            for (name, text) in emit(&snapshot, kind, &args) {
                for s in &secrets {
                    assert!(
                        !text.contains(s.as_str()),
                        "{kind} {name} contains a secret"
                    );
                }
                assert!(
                    !text.contains("<redacted"),
                    "{kind} {name} carries the redaction marker"
                );
            }
        }
    }
}

#[test]
fn two_runs_are_byte_identical() {
    for (kind, args) in [
        ("cloudformation", vec![]),
        ("cloudformation", vec!["--template-format", "yaml"]),
        ("terraform", vec![]),
    ] {
        assert_eq!(
            emit(&sample(), kind, &args),
            emit(&sample(), kind, &args),
            "{kind}"
        );
    }
}

#[test]
fn pool_selection_brings_its_identity_pools_and_roles_only() {
    let shop = pool_id("shop-customers");
    let files = emit(&sample(), "cloudformation", &["--pool", &shop]);
    let t: Value = serde_json::from_str(&files["template.json"]).unwrap();
    let logical: Vec<&String> = t["Resources"].as_object().unwrap().keys().collect();
    assert!(logical.iter().any(|l| *l == "IdentityPoolShopIdentity"));
    assert!(logical.iter().any(|l| *l == "RoleShopAuthRole"));
    assert!(
        !logical
            .iter()
            .any(|l| l.contains("Partner") || l.contains("FieldOps")),
        "{logical:?}"
    );
    // 15, and issue 13's 7 settings resources of shop-customers and shop_identity.
    assert_eq!(logical.len(), 22, "{logical:?}");

    let tf = emit(&sample(), "terraform", &["--pool", &shop]);
    let (imports, _) = parse_terraform(&tf);
    assert!(imports
        .keys()
        .all(|a| !a.contains("partner") && !a.contains("field_ops")));
}

#[test]
fn bad_selections_fail_cleanly_and_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_s = out.display().to_string();
    let snap = sample();

    let run = cogref_run(&[
        "--snapshot",
        &snap,
        "emit",
        "cloudformation",
        "--pool",
        "us-east-1_nope",
        "--out",
        &out_s,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("--pool us-east-1_nope: no such user pool"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());

    let run = cogref_run(&["--snapshot", &snap, "emit", "terraform"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--out DIR"), "{}", run.stderr);

    let file = dir.path().join("file");
    std::fs::write(&file, "x").unwrap();
    let run = cogref_run(&[
        "--snapshot",
        &snap,
        "emit",
        "cloudformation",
        "--out",
        &file.display().to_string(),
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("is a file, expected a directory"),
        "{}",
        run.stderr
    );

    // A template describes one region.
    let two_regions = derived_snapshot(dir.path(), |v| {
        v["user_pools"][0]["region"] = "eu-west-1".into();
    });
    let run = cogref_run(&[
        "--snapshot",
        &two_regions,
        "emit",
        "terraform",
        "--out",
        &out_s,
    ]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .contains("span several regions (eu-west-1, us-east-1)"),
        "{}",
        run.stderr
    );
    assert!(!out.exists());
}

#[test]
fn live_account_emits_both_without_secrets() {
    let sample = crate::harness::sample_account();
    let dir = tempfile::tempdir().unwrap();
    for kind in ["cloudformation", "terraform"] {
        let out = dir.path().join(kind);
        let run = crate::harness::run(sample.emulator.cogref().args([
            "emit",
            kind,
            "--allow-partial",
            "-q",
            "--out",
            &out.display().to_string(),
        ]));
        assert_eq!(run.code, 0, "{kind}: {}", run.stderr);
        let files = read_dir(&out);
        for (name, text) in &files {
            for s in sample.secrets() {
                assert!(!text.contains(&s), "{kind} {name} contains a secret");
            }
        }
        if kind == "cloudformation" {
            let list: Value = serde_json::from_str(&files["resources-to-import.json"]).unwrap();
            let pools: BTreeSet<&str> = list
                .as_array()
                .unwrap()
                .iter()
                .filter(|e| e["ResourceType"] == "AWS::Cognito::UserPool")
                .map(|e| e["ResourceIdentifier"]["UserPoolId"].as_str().unwrap())
                .collect();
            let expected: BTreeSet<String> = ["shop-customers", "partner-portal", "field-ops"]
                .iter()
                .map(|n| sample.pool_id(n))
                .collect();
            assert_eq!(
                pools,
                expected.iter().map(String::as_str).collect::<BTreeSet<_>>()
            );
        } else {
            let (imports, resources) = parse_terraform(&files);
            assert_eq!(imports.keys().cloned().collect::<BTreeSet<_>>(), resources);
            let client = format!(
                "{}/{}",
                sample.pool_id("shop-customers"),
                sample.client_id("shop-customers", "shop-web")
            );
            assert!(imports.values().any(|id| *id == client), "{imports:?}");
        }
    }
}
