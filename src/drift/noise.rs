//! What AWS and CloudFormation add to a resource that nobody declared: one small step per
//! source of noise, so that an unchanged real stack compares clean (issue 11; COGNITO-FACTS.md,
//! "Comparing without false drift").
//!
//! Two kinds of steps, both applied to BOTH sides of every comparison (template and baseline
//! alike), so adding a step never makes an old baseline drift:
//! - [`SIDE_STEPS`] look at one side at a time; [`super::normalise::canonical`] runs them
//!   after its own shaping and before Cognito's defaults are dropped;
//! - [`PAIR_STEPS`] need both sides (a value AWS derives is noise only when the desired side
//!   does not declare it); [`reconcile`] runs them on the canonical documents of a matched
//!   pair.
//!
//! Plain defaults (a value equal to Cognito's default is the same as an omitted one) are not
//! here: they are rows of the defaults table in [`super::normalise`].

use super::template::UNKNOWN_KEY;
use super::ResourceType;
use serde_json::{json, Map, Value};

/// A one-sided step: rewrites a resource's CloudFormation-shaped properties in place.
pub type SideStep = fn(ResourceType, &mut Map<String, Value>);

/// A two-sided step: `(type, desired, live)`, canonical documents of a matched pair.
pub type PairStep = fn(ResourceType, &mut Map<String, Value>, &mut Map<String, Value>);

/// The one-sided steps, in order, each with the source of the noise it removes.
pub const SIDE_STEPS: &[(&str, SideStep)] = &[
    // CloudFormation tags every taggable resource it creates with
    // aws:cloudformation:stack-name, stack-id and logical-id; nobody can set or remove an
    // `aws:` tag (Tagging AWS resources, "Tag naming limits and requirements": the aws: prefix
    // is reserved for AWS use).
    ("aws-reserved-tags", drop_aws_tags),
    // A declared PasswordPolicy stores `false` for the Require* booleans it omits; the
    // all-true defaults apply only when no policy is declared (live reads in
    // go-to-k/cdk-real-drift tests/corpus: UserPool.Users0A0EEA89 vs UserPool.PlainPool09E8D5A8).
    ("declared-password-policy", declared_password_policy),
    // AWS mirrors PasswordPolicy.TemporaryPasswordValidityDays (default 7) into the deprecated
    // AdminCreateUserConfig.UnusedAccountValidityDays (live reads in go-to-k/cdk-real-drift
    // tests/corpus: UserPool.Users0A0EEA89 3 -> 3, PoolD3F588B8 7 -> 7; the aws-cli example
    // of create-user-pool: 7): the mirrored value says nothing of its own.
    ("mirrored-unused-account-days", mirrored_unused_account_days),
    // The email MFA message is stored in GetUserPoolMfaConfig's EmailMfaConfiguration, which
    // exists only while email MFA is enabled (SetUserPoolMfaConfig EmailMfaConfiguration;
    // CloudFormation sends it with `EMAIL_OTP` in EnabledMfas): a template that declares the
    // message without email MFA reads back without it.
    (
        "email-message-without-email-mfa",
        email_message_without_email_mfa,
    ),
];

/// The two-sided steps, in order.
pub const PAIR_STEPS: &[(&str, PairStep)] = &[
    // Cognito fills in the endpoints of social providers and the endpoints it discovers at an
    // OIDC issuer (CloudFormation UserPoolIdentityProvider ProviderDetails: "The following keys
    // are only present if Amazon Cognito didn't discover them at the oidc_issuer URL ...
    // Amazon Cognito sets the value of the following keys automatically. They are read-only.")
    // and the SAML endpoints it reads from the metadata.
    ("derived-provider-details", derived_provider_details),
];

/// Runs every one-sided step.
pub fn side(rtype: ResourceType, map: &mut Map<String, Value>) {
    for (_, step) in SIDE_STEPS {
        step(rtype, map);
    }
}

/// Runs every two-sided step on a matched pair of canonical documents.
pub fn reconcile(rtype: ResourceType, desired: &mut Value, live: &mut Value) {
    if let (Value::Object(d), Value::Object(l)) = (desired, live) {
        for (_, step) in PAIR_STEPS {
            step(rtype, d, l);
        }
    }
}

/// The tag collections of each type.
fn tag_properties(rtype: ResourceType) -> &'static [&'static str] {
    match rtype {
        ResourceType::UserPool => &["UserPoolTags"],
        ResourceType::IdentityPool => &["IdentityPoolTags"],
        _ => &[],
    }
}

fn drop_aws_tags(rtype: ResourceType, map: &mut Map<String, Value>) {
    for prop in tag_properties(rtype) {
        if let Some(Value::Object(tags)) = map.get_mut(*prop) {
            tags.retain(|k, _| !k.starts_with("aws:"));
        }
    }
}

/// What a declared PasswordPolicy stores for a field it omits.
const DECLARED_POLICY_OMITTED: &[(&str, bool)] = &[
    ("RequireUppercase", false),
    ("RequireLowercase", false),
    ("RequireNumbers", false),
    ("RequireSymbols", false),
];

fn declared_password_policy(rtype: ResourceType, map: &mut Map<String, Value>) {
    if rtype != ResourceType::UserPool {
        return;
    }
    let Some(Value::Object(policies)) = map.get_mut("Policies") else {
        return;
    };
    let Some(Value::Object(policy)) = policies.get_mut("PasswordPolicy") else {
        return;
    };
    for (field, value) in DECLARED_POLICY_OMITTED {
        policy.entry(*field).or_insert(json!(value));
    }
}

fn mirrored_unused_account_days(rtype: ResourceType, map: &mut Map<String, Value>) {
    if rtype != ResourceType::UserPool {
        return;
    }
    let temporary = map
        .get("Policies")
        .and_then(|p| p.get("PasswordPolicy"))
        .and_then(|p| p.get("TemporaryPasswordValidityDays"))
        .cloned()
        .unwrap_or(json!(7));
    if let Some(Value::Object(config)) = map.get_mut("AdminCreateUserConfig") {
        if config.get("UnusedAccountValidityDays") == Some(&temporary) {
            config.remove("UnusedAccountValidityDays");
        }
    }
}

fn email_message_without_email_mfa(rtype: ResourceType, map: &mut Map<String, Value>) {
    if rtype != ResourceType::UserPool {
        return;
    }
    let email_mfa = match map.get("EnabledMfas") {
        None => false,
        Some(Value::Array(list)) => list.iter().any(|m| m == "EMAIL_OTP"),
        Some(_) => true, // unknown: keep what is declared, it is reported as unknown
    };
    if !email_mfa {
        map.remove("EmailAuthenticationMessage");
        map.remove("EmailAuthenticationSubject");
    }
}

/// `ProviderDetails` keys Cognito derives, per provider type.
fn derived_detail_keys(provider_type: &str) -> &'static [&'static str] {
    const SOCIAL: &[&str] = &[
        "attributes_url",
        "attributes_url_add_attributes",
        "authorize_url",
        "oidc_issuer",
        "token_request_method",
        "token_url",
    ];
    const OIDC: &[&str] = &[
        "attributes_url",
        "attributes_url_add_attributes",
        "authorize_url",
        "jwks_uri",
        "token_request_method",
        "token_url",
    ];
    const SAML: &[&str] = &[
        "ActiveEncryptionCertificate",
        "SLORedirectBindingURI",
        "SSORedirectBindingURI",
    ];
    match provider_type {
        "Google" | "Facebook" | "LoginWithAmazon" | "SignInWithApple" => SOCIAL,
        "OIDC" => OIDC,
        "SAML" => SAML,
        _ => &[],
    }
}

fn derived_provider_details(
    rtype: ResourceType,
    desired: &mut Map<String, Value>,
    live: &mut Map<String, Value>,
) {
    if rtype != ResourceType::UserPoolIdentityProvider {
        return;
    }
    let provider_type = desired
        .get("ProviderType")
        .or_else(|| live.get("ProviderType"))
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let provider_type = provider_type.as_str();
    let declared = desired.get("ProviderDetails");
    if declared.is_some_and(|d| d.get(UNKNOWN_KEY).is_some()) {
        return; // the whole map is unknown: reported as such
    }
    let declared: Vec<String> = declared
        .and_then(Value::as_object)
        .map(|m| m.keys().cloned().collect())
        .unwrap_or_default();
    if let Some(Value::Object(details)) = live.get_mut("ProviderDetails") {
        details.retain(|k, _| {
            !derived_detail_keys(provider_type).contains(&k.as_str()) || declared.contains(k)
        });
        if details.is_empty() {
            live.remove("ProviderDetails");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aws_tags_are_dropped_on_pools_and_identity_pools() {
        for (rtype, prop) in [
            (ResourceType::UserPool, "UserPoolTags"),
            (ResourceType::IdentityPool, "IdentityPoolTags"),
        ] {
            let mut m = json!({prop: {"aws:cloudformation:stack-name": "S", "team": "x"}});
            side(rtype, m.as_object_mut().unwrap());
            assert_eq!(m, json!({prop: {"team": "x"}}));
        }
    }

    #[test]
    fn a_declared_password_policy_stores_false_for_omitted_booleans() {
        let mut m =
            json!({"Policies": {"PasswordPolicy": {"MinimumLength": 12, "RequireNumbers": true}}});
        side(ResourceType::UserPool, m.as_object_mut().unwrap());
        assert_eq!(
            m["Policies"]["PasswordPolicy"],
            json!({"MinimumLength": 12, "RequireNumbers": true, "RequireUppercase": false,
                   "RequireLowercase": false, "RequireSymbols": false})
        );
        let mut absent = json!({"UserPoolName": "p"});
        side(ResourceType::UserPool, absent.as_object_mut().unwrap());
        assert_eq!(absent, json!({"UserPoolName": "p"}));
    }

    #[test]
    fn a_mirrored_unused_account_validity_is_dropped() {
        // Mirrored from the default 7 / from the declared 3: noise.
        for (pool, expected) in [
            (
                json!({"AdminCreateUserConfig": {"UnusedAccountValidityDays": 7}}),
                json!({"AdminCreateUserConfig": {}}),
            ),
            (
                json!({"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 3}},
                       "AdminCreateUserConfig": {"UnusedAccountValidityDays": 3}}),
                json!({"Policies": {"PasswordPolicy": {"TemporaryPasswordValidityDays": 3}},
                       "AdminCreateUserConfig": {}}),
            ),
            // Set to something else: kept.
            (
                json!({"AdminCreateUserConfig": {"UnusedAccountValidityDays": 30}}),
                json!({"AdminCreateUserConfig": {"UnusedAccountValidityDays": 30}}),
            ),
        ] {
            let mut m = pool;
            mirrored_unused_account_days(ResourceType::UserPool, m.as_object_mut().unwrap());
            assert_eq!(m, expected);
        }
    }

    #[test]
    fn the_email_mfa_message_counts_only_with_email_mfa() {
        let message =
            json!({"EmailAuthenticationMessage": "m {####}", "EmailAuthenticationSubject": "s"});
        let mut without = message.clone();
        side(ResourceType::UserPool, without.as_object_mut().unwrap());
        assert_eq!(without, json!({}));
        let mut totp_only = message.clone();
        totp_only["EnabledMfas"] = json!(["SOFTWARE_TOKEN_MFA"]);
        side(ResourceType::UserPool, totp_only.as_object_mut().unwrap());
        assert_eq!(totp_only, json!({"EnabledMfas": ["SOFTWARE_TOKEN_MFA"]}));
        let mut with = message.clone();
        with["EnabledMfas"] = json!(["EMAIL_OTP"]);
        let expected = with.clone();
        side(ResourceType::UserPool, with.as_object_mut().unwrap());
        assert_eq!(with, expected);
    }

    #[test]
    fn derived_provider_details_count_only_when_declared() {
        let mut d = json!({"ProviderType": "Google", "ProviderDetails": {"client_id": "c", "token_url": "t1"}});
        let mut l = json!({"ProviderType": "Google", "ProviderDetails": {"client_id": "c",
            "token_url": "t2", "authorize_url": "a", "oidc_issuer": "https://accounts.google.com"}});
        reconcile(ResourceType::UserPoolIdentityProvider, &mut d, &mut l);
        assert_eq!(
            l["ProviderDetails"],
            json!({"client_id": "c", "token_url": "t2"})
        );
        // Not derived for this type: kept.
        let mut d = json!({"ProviderType": "SAML", "ProviderDetails": {"MetadataURL": "m"}});
        let mut l = json!({"ProviderType": "SAML", "ProviderDetails": {"MetadataURL": "m",
            "IDPSignout": "true", "SSORedirectBindingURI": "s"}});
        reconcile(ResourceType::UserPoolIdentityProvider, &mut d, &mut l);
        assert_eq!(
            l["ProviderDetails"],
            json!({"MetadataURL": "m", "IDPSignout": "true"})
        );
    }
}
