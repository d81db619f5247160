//! `cogref scan` and `cogref ls` against the seeded sample account on the local emulator:
//! field-by-field values, pagination, secrets, determinism, selection, partial scans.

use crate::harness::{self, run, sample_account, Emulator};
use serde_json::{json, Value};

fn scan(emulator: &Emulator, args: &[&str]) -> (harness::Run, Value) {
    let r = run(emulator.cogref().arg("scan").args(args));
    let snapshot = if r.stdout.trim().is_empty() {
        Value::Null
    } else {
        r.json()
    };
    (r, snapshot)
}

fn pool<'a>(snapshot: &'a Value, name: &str) -> &'a Value {
    snapshot["user_pools"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == name)
        .unwrap_or_else(|| panic!("no pool {name}"))
}

fn named<'a>(list: &'a Value, key: &str, name: &str) -> &'a Value {
    list.as_array()
        .unwrap()
        .iter()
        .find(|x| x[key] == name)
        .unwrap_or_else(|| panic!("no {name} in {list}"))
}

#[test]
fn scan_reads_every_value_the_seeder_set() {
    let sample = sample_account();
    let (r, snap) = scan(&sample.emulator, &[]);
    assert_eq!(r.code, 0, "stderr: {}", r.stderr);
    assert_eq!(snap["schema_version"], 1);
    assert_eq!(snap["account_id"], "123456789012");
    assert_eq!(snap["regions"], json!(["us-east-1"]));
    assert_eq!(snap["errors"], json!([]));

    // shop-customers: email as username, custom attributes with constraints, policies.
    let shop = pool(&snap, "shop-customers");
    assert_eq!(shop["id"], sample.pool_id("shop-customers"));
    assert_eq!(shop["username_attributes"], json!(["email"]));
    assert_eq!(shop["username_case_sensitive"], false);
    assert_eq!(shop["auto_verified_attributes"], json!(["email"]));
    assert_eq!(
        shop["password_policy"],
        json!({"minimum_length": 12, "require_uppercase": true, "require_lowercase": true,
               "require_numbers": true, "require_symbols": true,
               "temporary_password_validity_days": 3})
    );
    let tier = named(&shop["schema"], "name", "custom:tier");
    assert_eq!(tier["data_type"], "String");
    assert_eq!(tier["string_min_length"], "1");
    assert_eq!(tier["string_max_length"], "32");
    assert_eq!(tier["mutable"], true);
    let points = named(&shop["schema"], "name", "custom:loyalty_points");
    assert_eq!(points["data_type"], "Number");
    assert_eq!(points["number_min_value"], "0");
    assert_eq!(points["number_max_value"], "100000");
    assert_eq!(named(&shop["schema"], "name", "email")["required"], true);
    assert_eq!(shop["mfa_configuration"], "OPTIONAL");
    assert_eq!(shop["enabled_mfas"], json!(["SOFTWARE_TOKEN_MFA"]));
    assert_eq!(
        shop["lambda_config"]["PreSignUp"],
        "arn:aws:lambda:us-east-1:123456789012:function:shop-pre-signup"
    );
    assert_eq!(
        shop["email_configuration"]["email_sending_account"],
        "DEVELOPER"
    );
    assert_eq!(
        shop["account_recovery"],
        json!([{"priority": 1, "name": "verified_email"}])
    );
    assert_eq!(shop["tags"], json!({"env": "prod", "team": "shop"}));
    assert_eq!(shop["deletion_protection"], "ACTIVE");
    assert_eq!(shop["domain"]["domain"], "shop-customers-demo");
    assert_eq!(shop["domain"]["status"], "ACTIVE");

    // Clients: OAuth settings, token validity with units, secrets only as a flag.
    let web = named(&shop["clients"], "name", "shop-web");
    assert_eq!(web["id"], sample.client_id("shop-customers", "shop-web"));
    assert_eq!(web["has_secret"], false);
    assert_eq!(web["allowed_oauth_flows"], json!(["code"]));
    assert_eq!(
        web["allowed_oauth_scopes"],
        json!(["email", "openid", "profile"])
    );
    assert_eq!(web["allowed_oauth_flows_user_pool_client"], true);
    assert_eq!(
        web["callback_urls"],
        json!([
            "http://localhost:3000/callback",
            "https://shop.example.com/callback"
        ])
    );
    assert_eq!(
        web["logout_urls"],
        json!(["http://localhost:3000/", "https://shop.example.com/logout"])
    );
    assert_eq!(web["access_token_validity"], 60);
    assert_eq!(web["id_token_validity"], 60);
    assert_eq!(web["refresh_token_validity"], 30);
    assert_eq!(
        web["token_validity_units"],
        json!({"access_token": "minutes", "id_token": "minutes", "refresh_token": "days"})
    );
    assert_eq!(web["prevent_user_existence_errors"], "ENABLED");
    let backend = named(&shop["clients"], "name", "shop-backend");
    assert_eq!(backend["has_secret"], true);
    assert!(backend.get("client_secret").is_none());

    // Groups with role ARNs and precedence; resource server scopes.
    let admins = named(&shop["groups"], "name", "admins");
    assert_eq!(admins["precedence"], 1);
    assert_eq!(
        admins["role_arn"],
        "arn:aws:iam::123456789012:role/shop-admins-role"
    );
    assert!(named(&shop["groups"], "name", "customers")
        .get("role_arn")
        .is_none());
    let rs = named(
        &shop["resource_servers"],
        "identifier",
        "https://api.shop.example.com",
    );
    assert_eq!(rs["name"], "shop-api");
    assert_eq!(rs["scopes"].as_array().unwrap().len(), 2);

    // partner-portal: alias attributes, OIDC and SAML providers with the secret redacted.
    let partner = pool(&snap, "partner-portal");
    assert_eq!(
        partner["alias_attributes"],
        json!(["email", "preferred_username"])
    );
    assert_eq!(partner["password_policy"]["minimum_length"], 8);
    assert_eq!(partner["password_policy"]["require_symbols"], false);
    assert!(partner.get("domain").is_none());
    let oidc = named(&partner["identity_providers"], "name", "PartnerOIDC");
    assert_eq!(oidc["provider_type"], "OIDC");
    assert_eq!(
        oidc["details"]["client_secret"],
        "<redacted: secret exists>"
    );
    assert_eq!(
        oidc["details"]["oidc_issuer"],
        "https://idp.partner.example.com"
    );
    assert_eq!(oidc["attribute_mapping"]["email"], "email");
    let saml = named(&partner["identity_providers"], "name", "PartnerSAML");
    assert_eq!(saml["provider_type"], "SAML");

    // field-ops: phone number, MFA ON with SMS configuration.
    let field = pool(&snap, "field-ops");
    assert_eq!(field["username_attributes"], json!(["phone_number"]));
    assert_eq!(field["mfa_configuration"], "ON");
    assert_eq!(field["enabled_mfas"], json!(["SMS_MFA"]));
    assert_eq!(field["sms_authentication_message"], "Your code is {####}");
    assert_eq!(
        field["sms_configuration"],
        json!({"sns_caller_arn": "arn:aws:iam::123456789012:role/field-ops-sms-role",
               "external_id": "field-ops-external"})
    );
    let app = named(&field["clients"], "name", "field-app");
    assert_eq!(
        app["token_validity_units"],
        json!({"access_token": "hours", "refresh_token": "days"})
    );

    // Identity pools: providers linked to pools, roles and role mappings (served by our
    // launcher's GetIdentityPoolRoles, read through the Rust SDK).
    let shop_ip = named(&snap["identity_pools"], "name", "shop_identity");
    assert_eq!(shop_ip["id"], sample.identity_pool_id("shop_identity"));
    assert_eq!(shop_ip["allow_unauthenticated_identities"], true);
    let provider = &shop_ip["cognito_identity_providers"][0];
    assert_eq!(provider["user_pool_id"], sample.pool_id("shop-customers"));
    assert_eq!(
        provider["client_id"],
        sample.client_id("shop-customers", "shop-web")
    );
    assert_eq!(
        provider["provider_name"],
        format!(
            "cognito-idp.us-east-1.amazonaws.com/{}",
            sample.pool_id("shop-customers")
        )
    );
    assert_eq!(
        shop_ip["roles"],
        json!({"authenticated": "arn:aws:iam::123456789012:role/shop-auth-role",
               "unauthenticated": "arn:aws:iam::123456789012:role/shop-unauth-role"})
    );
    let key = format!(
        "cognito-idp.us-east-1.amazonaws.com/{}:{}",
        sample.pool_id("shop-customers"),
        sample.client_id("shop-customers", "shop-web")
    );
    assert_eq!(
        shop_ip["role_mappings"][&key],
        json!({"type": "Token", "ambiguous_role_resolution": "AuthenticatedRole", "rules": []})
    );
    // The shop provider's principal tag map; partner_identity's provider is untouched, which
    // the emulator answers with UseDefaults true and no tags (aws-defaults.json
    // principal_tags_untouched): that reads as none.
    assert_eq!(
        shop_ip["principal_tags"],
        json!({ provider["provider_name"].as_str().unwrap(): {
            "use_defaults": false,
            "principal_tags": {"client": "aud", "tier": "custom:tier"}
        }})
    );
    let partner_ip = named(&snap["identity_pools"], "name", "partner_identity");
    assert!(
        partner_ip.get("principal_tags").is_none(),
        "{}",
        partner_ip["principal_tags"]
    );
    assert_eq!(partner_ip["allow_unauthenticated_identities"], false);
    let mapping = partner_ip["role_mappings"]
        .as_object()
        .unwrap()
        .values()
        .next()
        .unwrap();
    assert_eq!(mapping["type"], "Rules");
    assert_eq!(mapping["ambiguous_role_resolution"], "Deny");
    assert_eq!(
        mapping["rules"],
        json!([{"claim": "custom:company", "match_type": "Equals", "value": "acme",
                "role_arn": "arn:aws:iam::123456789012:role/partner/partner-auth-role"}])
    );

    // The settings resources (issue 13), every value the seeder set (scripts/seed.py
    // shop_settings), and none where nothing was set.
    assert_eq!(
        shop["risk_configuration"],
        json!({
            "compromised_credentials": {"EventFilter": ["SIGN_IN", "PASSWORD_CHANGE"],
                                        "Actions": {"EventAction": "BLOCK"}},
            "risk_exception": {"BlockedIPRangeList": ["192.0.2.0/24"]}
        })
    );
    assert_eq!(
        web["risk_configuration"],
        json!({"account_takeover": {"Actions": {
            "LowAction": {"EventAction": "NO_ACTION", "Notify": false},
            "MediumAction": {"EventAction": "MFA_IF_CONFIGURED", "Notify": false},
            "HighAction": {"EventAction": "BLOCK", "Notify": false}
        }}})
    );
    assert_eq!(
        shop["ui_customization"],
        json!({"css": ".banner-customizable {background-color: #0f1b2d;}"})
    );
    assert_eq!(
        web["ui_customization"],
        json!({"css": ".submitButton-customizable {background-color: #e4572e;}"})
    );
    let branding = &web["managed_login_branding"];
    assert_eq!(
        branding["id"],
        sample.ids["user_pools"]["shop-customers"]["managed_login_branding_id"]
    );
    assert_eq!(branding["use_cognito_provided_values"], false);
    assert_eq!(
        branding["settings"],
        json!({
            "components": {"primaryButton": {"lightMode": {"defaults":
                {"backgroundColor": "e4572eff", "textColor": "ffffffff"}}}},
            "categories": {"global": {"colorSchemeMode": "LIGHT"}}
        })
    );
    assert_eq!(
        branding["assets"],
        json!([{"Category": "FAVICON_SVG", "ColorMode": "DYNAMIC", "Extension": "SVG",
                "Bytes": "PHN2ZyB4bWxucz0iaHR0cDovL3d3dy53My5vcmcvMjAwMC9zdmciPjwvc3ZnPg=="}])
    );
    assert_eq!(
        shop["log_delivery"],
        json!([{"event_source": "userNotification", "log_level": "ERROR",
                "cloud_watch_logs_log_group_arn":
                    "arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/shop-customers"}])
    );
    // Nothing set: the backend client inherits, the other pools have none (partner-portal has
    // no domain, so its UI customization is not read at all).
    for key in [
        "risk_configuration",
        "ui_customization",
        "managed_login_branding",
    ] {
        assert!(
            backend.get(key).is_none(),
            "shop-backend {key}: {}",
            backend[key]
        );
    }
    for p in [partner, field] {
        for key in ["risk_configuration", "ui_customization", "log_delivery"] {
            assert!(p.get(key).is_none(), "{} {key}: {}", p["name"], p[key]);
        }
    }

    // Roles: decoded trust policy conditions, inline and managed policy documents, each read
    // once with every reference recorded.
    let roles = &snap["roles"];
    assert_eq!(roles.as_array().unwrap().len(), 6);
    let auth = named(roles, "name", "shop-auth-role");
    let stmt = &auth["trust_policy"]["Statement"][0];
    assert_eq!(
        stmt["Principal"]["Federated"],
        "cognito-identity.amazonaws.com"
    );
    assert_eq!(stmt["Action"], "sts:AssumeRoleWithWebIdentity");
    assert_eq!(
        stmt["Condition"]["StringEquals"]["cognito-identity.amazonaws.com:aud"],
        sample.identity_pool_id("shop_identity")
    );
    assert_eq!(
        stmt["Condition"]["ForAnyValue:StringLike"]["cognito-identity.amazonaws.com:amr"],
        "authenticated"
    );
    let inline = named(&auth["inline_policies"], "name", "allow-s3-read");
    assert_eq!(
        inline["document"]["Statement"][0]["Action"],
        json!(["s3:GetObject"])
    );
    let managed = named(&auth["managed_policies"], "name", "shop-auth-policy");
    assert_eq!(managed["default_version_id"], "v1");
    assert_eq!(
        managed["document"]["Statement"][0]["Action"],
        json!(["dynamodb:GetItem", "dynamodb:Query"])
    );
    let aws_managed = named(&auth["managed_policies"], "name", "AmazonS3ReadOnlyAccess");
    assert_eq!(
        aws_managed["arn"],
        "arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess"
    );
    let partner_role = named(roles, "name", "partner-auth-role");
    assert_eq!(partner_role["path"], "/partner/");
    assert_eq!(partner_role["referenced_by"].as_array().unwrap().len(), 2);
    let sms = named(roles, "name", "field-ops-sms-role");
    assert_eq!(
        sms["trust_policy"]["Statement"][0]["Principal"]["Service"],
        "cognito-idp.amazonaws.com"
    );
}

#[test]
fn scan_pages_through_more_than_60_pools() {
    let emulator = Emulator::start();
    emulator.seed(&["--extra-pools", "80"]);
    let (r, snap) = scan(&emulator, &["-q", "--rate-limit", "500"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pools = snap["user_pools"].as_array().unwrap();
    assert_eq!(pools.len(), 83);
    let extra = pools
        .iter()
        .filter(|p| p["name"].as_str().unwrap().starts_with("extra-pool-"))
        .count();
    assert_eq!(extra, 80);
    let mut ids: Vec<&str> = pools.iter().map(|p| p["id"].as_str().unwrap()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 83, "no pool read twice");
}

#[test]
fn secrets_appear_nowhere_in_snapshot_or_output() {
    let sample = sample_account();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snap.json");
    let r = run(sample
        .emulator
        .cogref()
        .args(["scan", "-vv", "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let written = std::fs::read_to_string(&out).unwrap();
    let ls = run(sample
        .emulator
        .cogref()
        .args(["ls", "-vv", "--format", "json"]));
    let secrets = sample.secrets();
    assert_eq!(
        secrets.len(),
        5,
        "3 client secrets and 2 IdP secrets seeded"
    );
    for secret in &secrets {
        for (what, text) in [
            ("snapshot", &written),
            ("scan stdout", &r.stdout),
            ("scan stderr", &r.stderr),
            ("ls stdout", &ls.stdout),
            ("ls stderr", &ls.stderr),
        ] {
            assert!(!text.contains(secret.as_str()), "secret leaked into {what}");
        }
    }
    assert!(written.contains("\"has_secret\": true"));
    assert!(written.contains("<redacted: secret exists>"));
}

#[test]
fn two_scans_of_an_unchanged_account_are_identical_but_for_captured_at() {
    let sample = sample_account();
    let (first, a) = scan(&sample.emulator, &[]);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let (_, b) = scan(&sample.emulator, &[]);
    assert_eq!(first.code, 0);
    assert_ne!(a["captured_at"], Value::Null);
    let strip = |mut v: Value| {
        v["captured_at"] = Value::Null;
        serde_json::to_string_pretty(&v).unwrap()
    };
    assert_eq!(strip(a), strip(b));

    let fixed = |emulator: &Emulator| {
        run(emulator
            .cogref()
            .env("COGREF_CAPTURED_AT", "2026-01-01T00:00:00Z")
            .arg("scan"))
        .stdout
    };
    assert_eq!(
        fixed(&sample.emulator),
        fixed(&sample.emulator),
        "byte-identical"
    );
}

/// Where `fixture` and `live` differ: every member of the fixture must be in the live scan with
/// the same value (lists: the same length, element by element). Members the fixture lacks are
/// allowed (fields carried since it was made), and so are the creation dates (the emulator's
/// clock) and an empty string the scan now leaves out (a prefix domain's `certificate_arn`).
fn differences(fixture: &Value, live: &Value, path: &str, out: &mut Vec<String>) {
    match (fixture, live) {
        (Value::Object(f), Value::Object(l)) => {
            for (k, fv) in f {
                if k == "creation_date" || k == "last_modified_date" {
                    continue;
                }
                match l.get(k) {
                    Some(lv) => differences(fv, lv, &format!("{path}.{k}"), out),
                    None if fv == "" => {}
                    None => out.push(format!("{path}.{k}: missing live")),
                }
            }
        }
        (Value::Array(f), Value::Array(l)) if f.len() == l.len() => {
            for (i, (fv, lv)) in f.iter().zip(l).enumerate() {
                differences(fv, lv, &format!("{path}[{i}]"), out);
            }
        }
        (f, l) if f == l => {}
        (f, l) => out.push(format!("{path}: fixture {f} live {l}")),
    }
}

/// The guard of the pipelined scan (user pools read while listing, IAM roles while Cognito is
/// still read, sliding-window pacing): with moto's ids fixed, a scan of the sample account
/// holds everything the committed fixture `tests/fixtures/sample-snapshot.json` holds (made by
/// `scripts/make-fixtures.sh` with the scan that read the whole account before any role): the
/// same pools, clients, roles, references, policies and (no) errors, value by value.
#[test]
fn a_scan_of_the_sample_account_with_fixed_ids_is_the_committed_fixture() {
    let emulator = Emulator::start();
    emulator.fix_ids();
    emulator.seed(&[]);
    let r = run(emulator
        .cogref()
        .env("COGREF_CAPTURED_AT", "2026-01-01T00:00:00Z")
        .arg("scan"));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let live = r.json();
    let fixture: Value = serde_json::from_str(
        &std::fs::read_to_string(harness::fixture("sample-snapshot.json")).unwrap(),
    )
    .unwrap();
    assert!(fixture["roles"].as_array().unwrap().len() >= 5);
    assert!(fixture["user_pools"].as_array().unwrap().len() == 3);
    let mut found = Vec::new();
    differences(&fixture, &live, "", &mut found);
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The comparison sees a change: one reference less is a difference.
    let mut edited = live.clone();
    edited["roles"][0]["referenced_by"]
        .as_array_mut()
        .unwrap()
        .pop();
    let mut found = Vec::new();
    differences(&fixture, &edited, "", &mut found);
    assert_eq!(found.len(), 1, "{found:?}");
}

#[test]
fn pool_selection_keeps_linked_identity_pools_and_their_roles() {
    let sample = sample_account();
    let shop = sample.pool_id("shop-customers");
    // No --region: the region comes from the pool id.
    let (r, snap) = scan(&sample.emulator, &["--pool", &shop]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let pools: Vec<&str> = snap["user_pools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(pools, ["shop-customers"]);
    let ips: Vec<&str> = snap["identity_pools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(ips, ["shop_identity"]);
    let roles: Vec<&str> = snap["roles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        roles,
        [
            "shop-admins-role",
            "shop-auth-role",
            "shop-staff-role",
            "shop-unauth-role"
        ]
    );

    // An identity pool alone brings in the user pool it links to.
    let partner_ip = sample.identity_pool_id("partner_identity");
    let (r, snap) = scan(&sample.emulator, &["--identity-pool", &partner_ip]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(snap["user_pools"][0]["name"], "partner-portal");
    assert_eq!(snap["user_pools"].as_array().unwrap().len(), 1);
}

#[test]
fn an_unreadable_resource_is_listed_and_fails_the_scan_unless_allowed() {
    let sample = sample_account();
    let shop = sample.pool_id("shop-customers");
    let missing = "us-east-1_0000000000000000000000000000dead";
    let (r, snap) = scan(&sample.emulator, &["--pool", &shop, "--pool", missing]);
    assert_eq!(r.code, 2);
    assert_eq!(
        snap["user_pools"].as_array().unwrap().len(),
        1,
        "the readable pool is complete"
    );
    // DescribeUserPool and GetUserPoolMfaConfig run concurrently: both fail, both are listed.
    let errors = snap["errors"].as_array().unwrap();
    let ops: Vec<&str> = errors
        .iter()
        .map(|e| e["operation"].as_str().unwrap())
        .collect();
    assert_eq!(ops, ["DescribeUserPool", "GetUserPoolMfaConfig"]);
    for e in errors {
        assert_eq!(e["resource"], format!("user-pool {missing}"));
        assert_eq!(e["code"], "ResourceNotFoundException");
    }
    assert!(r.stderr.contains("warning: could not read"), "{}", r.stderr);
    assert!(r.stderr.contains("--allow-partial"), "{}", r.stderr);

    let (r, _) = scan(
        &sample.emulator,
        &["--pool", &shop, "--pool", missing, "--allow-partial"],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
}

/// A role in another account cannot be read with the scanned account's credentials: that is
/// no failure of the scan (exit 0, `errors` empty, the role listed in `not_read`), but `check`
/// still does not count it as verified (`role-unreadable`, saying why).
#[test]
fn a_role_in_another_account_is_not_read_but_the_scan_is_complete() {
    let sample = sample_account();
    let shop = sample.pool_id("shop-customers");
    let identity = sample.identity_pool_id("shop_identity");
    let other = "arn:aws:iam::111122223333:role/partner-auth";
    let script = "import boto3,sys; c=boto3.client('cognito-identity', endpoint_url=sys.argv[1], \
         region_name='us-east-1', aws_access_key_id='x', aws_secret_access_key='x'); \
         r=c.get_identity_pool_roles(IdentityPoolId=sys.argv[2]); roles=r['Roles']; \
         roles['authenticated']=sys.argv[3]; \
         c.set_identity_pool_roles(IdentityPoolId=sys.argv[2], Roles=roles, RoleMappings=r.get('RoleMappings', {}))";
    let edited = run(
        std::process::Command::new(harness::root().join(".venv/bin/python")).args([
            "-c",
            script,
            &sample.emulator.url,
            &identity,
            other,
        ]),
    );
    assert_eq!(edited.code, 0, "{}", edited.stderr);

    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("snap.json");
    let r = run(sample
        .emulator
        .cogref()
        .args(["scan", "--pool", &shop, "--out"])
        .arg(&out));
    assert_eq!(r.code, 0, "{}", r.stderr);
    let snap: Value = serde_json::from_slice(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(snap["errors"], json!([]), "{snap}");
    assert_eq!(
        snap["not_read"],
        json!([{
            "resource": format!("role {other}"),
            "operation": "GetRole",
            "code": "CrossAccountRole",
            "message": "the role belongs to another account than the scanned one and cannot be read with these credentials"
        }])
    );
    assert!(
        r.stderr.contains(&format!(
            "warning: not read: role {other} (CrossAccountRole)"
        )),
        "{}",
        r.stderr
    );

    let checked = run(harness::cogref()
        .args(["check", "--snapshot"])
        .arg(&out)
        .args(["--pool", &shop, "--format", "json"]));
    assert_eq!(checked.code, 1, "{}\n{}", checked.stdout, checked.stderr);
    let doc = checked.json();
    let unreadable: Vec<&Value> = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["code"] == "role-unreadable")
        .collect();
    assert_eq!(unreadable.len(), 1, "{}", checked.stdout);
    let text = unreadable[0].to_string();
    assert!(
        text.contains(other) && text.contains("CrossAccountRole"),
        "{text}"
    );
}

#[test]
fn an_endpoint_that_refuses_connections_is_a_clear_bounded_error() {
    let started = std::time::Instant::now();
    let r = run(harness::cogref().args([
        "scan",
        "--endpoint-url",
        "http://127.0.0.1:9",
        "--max-attempts",
        "2",
        "--timeout",
        "2",
    ]));
    assert_eq!(r.code, 2);
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(r.stderr.lines().count(), 1, "one line: {}", r.stderr);
    assert!(
        r.stderr.starts_with("cogref: cannot identify the account"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn ls_shows_the_linkage_of_the_sample_fixture() {
    let fixture = harness::fixture("sample-snapshot.json");
    let fixture = fixture.to_str().unwrap();
    for (format, golden) in [
        ("text", "ls-sample.txt"),
        ("json", "ls-sample.json"),
        ("markdown", "ls-sample.md"),
    ] {
        let r = harness::cogref_run(&["ls", "--snapshot", fixture, "--format", format]);
        assert_eq!(r.code, 0, "{}", r.stderr);
        harness::assert_golden(golden, &r.stdout);
    }
    let rows = harness::cogref_run(&["ls", "--snapshot", fixture, "--format", "json"]).json();
    let ready = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["client_name"] == "shop-web")
        .unwrap();
    assert_eq!(ready["identity_pool_name"], "shop_identity");
    assert_eq!(ready["client_type"], "public");
    assert_eq!(
        ready["auth_role"],
        "arn:aws:iam::123456789012:role/shop-auth-role"
    );
}

#[test]
fn ls_live_matches_ls_from_a_snapshot() {
    let sample = sample_account();
    let dir = tempfile::tempdir().unwrap();
    let snap = dir.path().join("snap.json");
    let r = run(sample.emulator.cogref().args(["scan", "--out"]).arg(&snap));
    assert_eq!(r.code, 0);
    let live = run(sample.emulator.cogref().arg("ls"));
    let offline = harness::cogref_run(&["ls", "--snapshot", snap.to_str().unwrap()]);
    assert_eq!(live.code, 0);
    assert_eq!(live.stdout, offline.stdout);
    assert_eq!(
        live.stdout.lines().count(),
        7,
        "header + 6 clients:\n{}",
        live.stdout
    );
}
