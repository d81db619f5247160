//! Issue 11 item 5: the fields AWS returns that cogref used to drop (client
//! `AnalyticsConfiguration` and `RefreshTokenRotation`, `EmailAuthenticationMessage`/`Subject`,
//! `UserPoolAddOns.AdvancedSecurityAdditionalFlows`, `WebAuthnFactorConfiguration`, domain
//! `CustomDomainConfig.SecurityPolicy`; `AdminCreateUserConfig.UnusedAccountValidityDays` as AWS
//! mirrors it) go through scan -> snapshot -> emit cloudformation (cfn-lint clean) -> drift, on
//! a template deployed unchanged into the faithful emulator, and an edit of one of them is
//! in-place drift.

use crate::emit_corpus::{emit_all, lint_all, lint_outcome};
use crate::harness::{fixture, root, run, Emulator};
use serde_json::Value;
use std::process::Command;

/// Drift findings of a `--format json` report as `(class, path)`.
fn findings(report: &Value) -> Vec<(String, String)> {
    report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|f| {
            (
                f["class"].as_str().unwrap_or_default().to_string(),
                f["path"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn every_field_aws_returns_is_scanned_emitted_and_compared() {
    let emulator = Emulator::start();
    let work = tempfile::tempdir().unwrap();
    let template = fixture("drift/every-field.template.json");
    let import = work.path().join("import.json");
    let deployed = run(Command::new(root().join(".venv/bin/python"))
        .arg(root().join("scripts/deploy_template.py"))
        .arg(&template)
        .args(["--endpoint", &emulator.url, "--stack-name", "fields"])
        .arg("--import-out")
        .arg(&import));
    assert_eq!(deployed.code, 0, "{}", deployed.stderr);

    // Scan: every field is in the snapshot with the value the template set.
    let snapshot = work.path().join("snapshot.json");
    let scan = run(emulator.cogref().args(["scan", "--out"]).arg(&snapshot));
    assert_eq!(scan.code, 0, "{}", scan.stderr);
    let snap: Value = serde_json::from_slice(&std::fs::read(&snapshot).unwrap()).unwrap();
    let pool = &snap["user_pools"][0];
    assert_eq!(
        pool["email_authentication_message"],
        "Your sign-in code is {####}"
    );
    assert_eq!(pool["email_authentication_subject"], "Your sign-in code");
    assert_eq!(pool["advanced_security_mode"], "AUDIT");
    assert_eq!(pool["advanced_security_custom_auth_mode"], "AUDIT");
    assert_eq!(
        pool["web_authn"]["factor_configuration"],
        "MULTI_FACTOR_WITH_USER_VERIFICATION"
    );
    // AWS mirrors the temporary password validity (default 7) into the deprecated field.
    assert_eq!(
        pool["admin_create_user_config"]["unused_account_validity_days"],
        7
    );
    assert_eq!(pool["custom_domain"]["security_policy"], "TLS_V1_2_2021");
    let client = &pool["clients"][0];
    assert_eq!(
        client["refresh_token_rotation"],
        serde_json::json!({"feature": "ENABLED", "retry_grace_period_seconds": 10})
    );
    assert_eq!(
        client["analytics_configuration"],
        serde_json::json!({
            "application_id": "0123456789abcdef0123456789abcdef",
            "role_arn": "arn:aws:iam::123456789012:role/pinpoint-events",
            "external_id": "fields-external-id",
            "user_data_shared": true
        })
    );

    // The deployed template against live: no drift (the mirrored UnusedAccountValidityDays
    // included).
    let drift = run(emulator
        .cogref()
        .args(["drift", "--format", "json", "--snapshot"])
        .arg(&snapshot)
        .arg("--desired")
        .arg(&template)
        .arg("--import-file")
        .arg(&import));
    assert_eq!(drift.code, 0, "{}\n{}", drift.stdout, drift.stderr);
    assert_eq!(findings(&drift.json()), Vec::<(String, String)>::new());

    // emit cloudformation carries them, the template is cfn-lint clean and compares clean.
    let out = work.path().join("cfn");
    let emit = run(emulator
        .cogref()
        .args(["emit", "cloudformation", "--snapshot"])
        .arg(&snapshot)
        .arg("--out")
        .arg(&out));
    assert_eq!(emit.code, 0, "{}", emit.stderr);
    let emitted = out.join("template.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&emitted).unwrap()).unwrap();
    let props = |ty: &str| -> Value {
        doc["Resources"]
            .as_object()
            .unwrap()
            .values()
            .find(|r| r["Type"] == ty)
            .map(|r| r["Properties"].clone())
            .unwrap_or_else(|| panic!("no {ty} in {doc}"))
    };
    let p = props("AWS::Cognito::UserPool");
    assert_eq!(
        p["UserPoolAddOns"]["AdvancedSecurityAdditionalFlows"]["CustomAuthMode"],
        "AUDIT"
    );
    assert_eq!(p["EmailAuthenticationSubject"], "Your sign-in code");
    assert_eq!(
        p["WebAuthnFactorConfiguration"],
        "MULTI_FACTOR_WITH_USER_VERIFICATION"
    );
    // Mirrored, so not written (CreateUserPool/UpdateUserPool want TemporaryPasswordValidityDays).
    assert!(p["AdminCreateUserConfig"]
        .get("UnusedAccountValidityDays")
        .is_none());
    let c = props("AWS::Cognito::UserPoolClient");
    assert_eq!(c["RefreshTokenRotation"]["RetryGracePeriodSeconds"], 10);
    assert_eq!(c["AnalyticsConfiguration"]["UserDataShared"], true);
    assert_eq!(
        props("AWS::Cognito::UserPoolDomain")["CustomDomainConfig"]["SecurityPolicy"],
        "TLS_V1_2_2021"
    );
    let lint = lint_all(std::slice::from_ref(&emitted));
    let (errors, _) = lint_outcome(&lint[&emitted]);
    assert_eq!(errors, None);
    let roundtrip = run(emulator
        .cogref()
        .args(["drift", "--format", "json", "--snapshot"])
        .arg(&snapshot)
        .arg("--desired")
        .arg(&emitted)
        .arg("--import-file")
        .arg(out.join("resources-to-import.json")));
    assert_eq!(roundtrip.code, 0, "{}", roundtrip.stdout);
    assert!(findings(&roundtrip.json()).is_empty());

    // Terraform (every block and argument checked against the provider's documented names)
    // and amplify_outputs.json pass the same checks as the corpus; main.tf carries the fields
    // the provider has arguments for.
    let all = emit_all(&snapshot, &work.path().join("all"));
    for stage in ["terraform", "outputs", "drift-roundtrip"] {
        assert_eq!(all.stages[stage], None, "{stage}");
    }
    let main_tf = std::fs::read_to_string(work.path().join("all/terraform/main.tf")).unwrap();
    for needle in [
        "refresh_token_rotation {",
        "retry_grace_period_seconds = 10",
        "analytics_configuration {",
        "advanced_security_additional_flows {",
        "custom_auth_mode = \"AUDIT\"",
        "subject = \"Your sign-in code\"",
    ] {
        assert!(
            main_tf.contains(needle),
            "{needle} not in main.tf:\n{main_tf}"
        );
    }

    // A console edit of the refresh token rotation (UpdateUserPoolClient with the full
    // configuration; the pinned boto3 lacks RefreshTokenRotation, so it goes into the body
    // the way scripts/deploy_template.py forwards it): drift-in-place, exit 1.
    let ids: Value = serde_json::from_slice(&std::fs::read(&import).unwrap()).unwrap();
    let client_ids = &ids
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["LogicalResourceId"] == "FieldsClient")
        .unwrap()["ResourceIdentifier"];
    let script = "import boto3,sys,json\n\
        c=boto3.client('cognito-idp', endpoint_url=sys.argv[1], region_name='us-east-1', \
        aws_access_key_id='x', aws_secret_access_key='x')\n\
        def forward(params, **_):\n\
        \x20   body=json.loads(params['body']); \
        body['RefreshTokenRotation']={'Feature': 'ENABLED', 'RetryGracePeriodSeconds': 30}; \
        params['body']=json.dumps(body).encode()\n\
        c.meta.events.register('before-call.cognito-identity-provider.UpdateUserPoolClient', forward)\n\
        c.update_user_pool_client(UserPoolId=sys.argv[2], ClientId=sys.argv[3], \
        ClientName='fields-web', ExplicitAuthFlows=['ALLOW_USER_SRP_AUTH'], \
        AnalyticsConfiguration={'ApplicationId': '0123456789abcdef0123456789abcdef', \
        'RoleArn': 'arn:aws:iam::123456789012:role/pinpoint-events', \
        'ExternalId': 'fields-external-id', 'UserDataShared': True})\n";
    let edit = run(Command::new(root().join(".venv/bin/python"))
        .args(["-c", script, &emulator.url])
        .arg(client_ids["UserPoolId"].as_str().unwrap())
        .arg(client_ids["ClientId"].as_str().unwrap()));
    assert_eq!(edit.code, 0, "{}", edit.stderr);
    let edited = run(emulator
        .cogref()
        .args(["drift", "--format", "json", "--desired"])
        .arg(&template)
        .arg("--import-file")
        .arg(&import));
    assert_eq!(edited.code, 1, "{}\n{}", edited.stdout, edited.stderr);
    assert_eq!(
        findings(&edited.json()),
        vec![(
            "in-place".to_string(),
            "RefreshTokenRotation.RetryGracePeriodSeconds".to_string()
        )]
    );
}
