//! Issue 13: the settings CloudFormation models as resources of their own (risk configuration,
//! UI customization, managed login branding, log delivery, principal tags) go all the way:
//! scanned from the emulator, emitted as a cfn-lint-clean template, compared clean by drift,
//! and a change made through the API (SetRiskConfiguration, SetPrincipalTagAttributeMap) is
//! in-place drift (exit 1) naming the call that fixes it.

use crate::emit_corpus::{lint_all, lint_outcome};
use crate::harness::{root, run, sample_account, Emulator};
use serde_json::{json, Value};
use std::path::Path;
use std::process::Command;

/// Runs `statements` with `idp` and `identity`, boto3 clients on the emulator, and
/// `sys.argv[2..]` = `args`: a change made by hand, outside any stack.
fn api_edit(emulator: &Emulator, statements: &str, args: &[&str]) {
    let script = format!(
        "import boto3,sys\n\
         kw=dict(endpoint_url=sys.argv[1], region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x')\n\
         idp=boto3.client('cognito-idp', **kw); identity=boto3.client('cognito-identity', **kw)\n\
         {statements}"
    );
    let r = run(Command::new(root().join(".venv/bin/python"))
        .args(["-c", &script, &emulator.url])
        .args(args));
    assert_eq!(r.code, 0, "{}", r.stderr);
}

fn drift(emulator: &Emulator, dir: &Path) -> (i32, Value) {
    let r = run(emulator
        .cogref()
        .args(["drift", "--format", "json", "--desired"])
        .arg(dir.join("template.json"))
        .arg("--import-file")
        .arg(dir.join("resources-to-import.json")));
    assert!(r.code == 0 || r.code == 1, "{}\n{}", r.stdout, r.stderr);
    (r.code, r.json())
}

/// `(code, type, path)` of every finding.
fn findings(report: &Value) -> Vec<(String, String, String)> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["resource"]["type"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn settings_are_scanned_emitted_lint_clean_and_drift_clean_until_changed() {
    let sample = sample_account();
    let pool = sample.pool_id("shop-customers");
    let web = sample.client_id("shop-customers", "shop-web");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("cfn");
    let r = run(sample
        .emulator
        .cogref()
        .args(["emit", "cloudformation", "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);

    // Every settings resource is in the template, with what the seeder set.
    let template: Value =
        serde_json::from_slice(&std::fs::read(out.join("template.json")).unwrap()).unwrap();
    let resources = template["Resources"].as_object().unwrap();
    let props = |logical: &str| resources[logical]["Properties"].clone();
    let pool_ref = json!({"Ref": "UserPoolShopCustomers"});
    let web_ref = json!({"Ref": "UserPoolClientShopCustomersShopWeb"});
    let risk = props("UserPoolRiskConfigurationShopCustomersAll");
    assert_eq!(risk["UserPoolId"], pool_ref);
    assert_eq!(risk["ClientId"], "ALL");
    assert_eq!(
        risk["RiskExceptionConfiguration"],
        json!({"BlockedIPRangeList": ["192.0.2.0/24"]})
    );
    let web_risk = props("UserPoolRiskConfigurationShopCustomersShopWeb");
    assert_eq!(web_risk["ClientId"], web_ref);
    assert_eq!(
        web_risk["AccountTakeoverRiskConfiguration"]["Actions"]["HighAction"],
        json!({"EventAction": "BLOCK", "Notify": false})
    );
    assert_eq!(
        props("UserPoolUICustomizationShopCustomersShopWeb")["CSS"],
        ".submitButton-customizable {background-color: #e4572e;}"
    );
    assert_eq!(
        resources["UserPoolUICustomizationShopCustomersAll"]["DependsOn"],
        json!(["UserPoolDomainShopCustomers"])
    );
    let branding = props("ManagedLoginBrandingShopCustomersShopWeb");
    assert_eq!(branding["ClientId"], web_ref);
    assert_eq!(branding["Assets"][0]["Category"], "FAVICON_SVG");
    assert_eq!(
        branding["Settings"]["categories"]["global"]["colorSchemeMode"],
        "LIGHT"
    );
    assert_eq!(
        props("LogDeliveryConfigurationShopCustomers")["LogConfigurations"][0]["EventSource"],
        "userNotification"
    );
    let tags = props("IdentityPoolPrincipalTagShopIdentityShopCustomers");
    assert_eq!(
        tags["PrincipalTags"],
        json!({"client": "aud", "tier": "custom:tier"})
    );
    // Only shop-web has settings of its own: shop-backend inherits the pool's.
    assert!(!resources
        .keys()
        .any(|l| l.contains("ShopBackend") && !l.starts_with("UserPoolClient")));

    // The import file names them by their primary identifiers.
    let import: Value =
        serde_json::from_slice(&std::fs::read(out.join("resources-to-import.json")).unwrap())
            .unwrap();
    let id_of = |logical: &str| {
        import
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["LogicalResourceId"] == logical)
            .unwrap_or_else(|| panic!("{logical} not in the import file"))["ResourceIdentifier"]
            .clone()
    };
    assert_eq!(
        id_of("UserPoolRiskConfigurationShopCustomersShopWeb"),
        json!({"UserPoolId": pool, "ClientId": web})
    );
    assert_eq!(
        id_of("ManagedLoginBrandingShopCustomersShopWeb")["ManagedLoginBrandingId"],
        sample.ids["user_pools"]["shop-customers"]["managed_login_branding_id"]
    );

    // cfn-lint has no error to report.
    let template_path = out.join("template.json");
    let linted = lint_all(std::slice::from_ref(&template_path));
    let (errors, _) = lint_outcome(&linted[&template_path]);
    assert_eq!(errors, None);

    // Deployed as it is: no drift, every settings resource matched.
    let (code, report) = drift(&sample.emulator, &out);
    assert_eq!(code, 0, "{report:#}");
    assert_eq!(findings(&report), vec![]);
    for ty in [
        "AWS::Cognito::UserPoolRiskConfigurationAttachment",
        "AWS::Cognito::UserPoolUICustomizationAttachment",
        "AWS::Cognito::ManagedLoginBranding",
        "AWS::Cognito::LogDeliveryConfiguration",
        "AWS::Cognito::IdentityPoolPrincipalTag",
    ] {
        let matched = report["resources"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| r["resource"]["type"] == ty && r["status"] == "matched")
            .count();
        assert!(matched >= 1, "{ty} not matched: {report:#}");
    }

    // A console change to the client's threat protection: drift in place, exit 1, fixed with
    // SetRiskConfiguration (which replaces the whole configuration).
    api_edit(
        &sample.emulator,
        "idp.set_risk_configuration(UserPoolId=sys.argv[2], ClientId=sys.argv[3], \
         AccountTakeoverRiskConfiguration={'Actions': {\
           'LowAction': {'EventAction': 'NO_ACTION', 'Notify': False}, \
           'MediumAction': {'EventAction': 'MFA_IF_CONFIGURED', 'Notify': False}, \
           'HighAction': {'EventAction': 'MFA_REQUIRED', 'Notify': False}}})",
        &[&pool, &web],
    );
    let (code, report) = drift(&sample.emulator, &out);
    assert_eq!(code, 1, "{report:#}");
    assert_eq!(
        findings(&report),
        vec![(
            "drift-in-place".to_string(),
            "AWS::Cognito::UserPoolRiskConfigurationAttachment".to_string(),
            "AccountTakeoverRiskConfiguration.Actions.HighAction.EventAction".to_string()
        )]
    );
    let finding = report["findings"][0].clone();
    assert_eq!(finding["desired"], "BLOCK");
    assert_eq!(finding["live"], "MFA_REQUIRED");
    assert_eq!(finding["fix"]["call"], "SetRiskConfiguration");
    assert_eq!(finding["fix"]["resets_omitted"], true);

    // A principal tag removed from the identity pool's map: in-place drift on that key.
    let identity_pool = sample.identity_pool_id("shop_identity");
    api_edit(
        &sample.emulator,
        "identity.set_principal_tag_attribute_map(IdentityPoolId=sys.argv[2], \
         IdentityProviderName=sys.argv[3], UseDefaults=False, PrincipalTags={'tier': 'custom:tier'})",
        &[
            &identity_pool,
            &format!("cognito-idp.us-east-1.amazonaws.com/{pool}"),
        ],
    );
    let (code, report) = drift(&sample.emulator, &out);
    assert_eq!(code, 1, "{report:#}");
    assert!(
        findings(&report).contains(&(
            "drift-in-place".to_string(),
            "AWS::Cognito::IdentityPoolPrincipalTag".to_string(),
            "PrincipalTags[client]".to_string()
        )),
        "{report:#}"
    );
}
