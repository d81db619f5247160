//! The one canonical form both sides of a comparison are turned into, so that only real
//! differences remain (see COGNITO-FACTS.md, "Comparing without false drift").
//!
//! Input is CloudFormation-shaped properties (from a template, or from a snapshot through
//! [`super::live`]); output is the same shape with:
//! - strings that are whole integers or `true`/`false` turned into numbers and booleans (both
//!   sides alike: `"MinLength": "0"` equals `0`);
//! - `Schema` as an object keyed by attribute: standard ones by name, custom and developer-only
//!   ones as `custom:NAME` whatever prefix a side used; standard attributes filled with and then
//!   compared to their defaults, and dropped when equal to them;
//! - client token validities in seconds (`TokenValidityUnits` folded in, defaults hours, hours,
//!   days) and `TokenValidityUnits` removed;
//! - the legacy `EmailVerificationMessage`/`EmailVerificationSubject`/`SmsVerificationMessage`
//!   folded into `VerificationMessageTemplate`;
//! - lists sorted and deduplicated (they are sets in Cognito), except role-mapping rules, whose
//!   order matters;
//! - tags as `{key: value}` objects, role mappings keyed by their identity provider;
//! - secrets (identity-provider `client_secret`, ...) replaced by a marker: presence is
//!   compared, never the value;
//! - what AWS and CloudFormation add that nobody declares removed ([`super::noise`]:
//!   `aws:` tags, the booleans a declared password policy stores);
//! - values equal to Cognito's default removed, then empty lists, objects and nulls removed,
//!   so "omitted" and "set to the default" compare equal;
//! - only the properties drift knows how to read from a live account kept; the others are
//!   returned as "not compared".

use super::template::{is_unknown, NO_VALUE_KEY, UNKNOWN_KEY};
use super::ResourceType;
use serde_json::{json, Map, Value};

/// What a secret value becomes on both sides.
pub const SECRET_MARKER: &str = "<secret>";

/// The canonical form of one resource's properties, and the top-level properties that were
/// dropped because drift cannot read them from a live account.
pub fn canonical(rtype: ResourceType, props: &Value) -> (Value, Vec<String>) {
    let mut doc = match props {
        Value::Object(_) => props.clone(),
        _ => Value::Object(Map::new()),
    };
    coerce(&mut doc);
    let Value::Object(map) = &mut doc else {
        return (doc, Vec::new());
    };
    let mut not_compared = Vec::new();
    let known = compared_properties(rtype);
    let keys: Vec<String> = map.keys().cloned().collect();
    for key in keys {
        if !known.contains(&key.as_str()) {
            map.remove(&key);
            not_compared.push(key);
        }
    }
    match rtype {
        ResourceType::UserPool => user_pool(map),
        ResourceType::UserPoolClient => client(map),
        ResourceType::IdentityPool => identity_pool(map),
        ResourceType::IdentityPoolRoleAttachment => role_attachment(map),
        ResourceType::UserPoolIdentityProvider => {
            if let Some(Value::Object(details)) = map.get_mut("ProviderDetails") {
                for (k, v) in details.iter_mut() {
                    if crate::model::is_secret_detail_key(k) {
                        *v = json!(SECRET_MARKER);
                    }
                }
            }
        }
        _ => {}
    }
    super::noise::side(rtype, map);
    sort_lists(&mut doc, false);
    for (path, default) in defaults(rtype) {
        drop_if_equal(&mut doc, path, &default);
    }
    prune(&mut doc);
    if !doc.is_object() {
        doc = Value::Object(Map::new());
    }
    (doc, not_compared)
}

/// The CloudFormation properties compared per type.
pub fn compared_properties(rtype: ResourceType) -> &'static [&'static str] {
    match rtype {
        ResourceType::UserPool => &[
            "AccountRecoverySetting",
            "AdminCreateUserConfig",
            "AliasAttributes",
            "AutoVerifiedAttributes",
            "DeletionProtection",
            "DeviceConfiguration",
            "EmailAuthenticationMessage",
            "EmailAuthenticationSubject",
            "EmailConfiguration",
            "EmailVerificationMessage",
            "EmailVerificationSubject",
            "EnabledMfas",
            "LambdaConfig",
            "MfaConfiguration",
            "Policies",
            "Schema",
            "SmsAuthenticationMessage",
            "SmsConfiguration",
            "SmsVerificationMessage",
            "UserAttributeUpdateSettings",
            "UserPoolAddOns",
            "UserPoolName",
            "UserPoolTags",
            "UserPoolTier",
            "UsernameAttributes",
            "UsernameConfiguration",
            "VerificationMessageTemplate",
            "WebAuthnFactorConfiguration",
            "WebAuthnRelyingPartyID",
            "WebAuthnUserVerification",
        ],
        ResourceType::UserPoolClient => &[
            "AccessTokenValidity",
            "AllowedOAuthFlows",
            "AllowedOAuthFlowsUserPoolClient",
            "AllowedOAuthScopes",
            "AnalyticsConfiguration",
            "AuthSessionValidity",
            "CallbackURLs",
            "ClientName",
            "DefaultRedirectURI",
            "EnablePropagateAdditionalUserContextData",
            "EnableTokenRevocation",
            "ExplicitAuthFlows",
            "GenerateSecret",
            "IdTokenValidity",
            "LogoutURLs",
            "PreventUserExistenceErrors",
            "ReadAttributes",
            "RefreshTokenRotation",
            "RefreshTokenValidity",
            "SupportedIdentityProviders",
            "TokenValidityUnits",
            "UserPoolId",
            "WriteAttributes",
        ],
        ResourceType::UserPoolGroup => &[
            "Description",
            "GroupName",
            "Precedence",
            "RoleArn",
            "UserPoolId",
        ],
        ResourceType::UserPoolIdentityProvider => &[
            "AttributeMapping",
            "IdpIdentifiers",
            "ProviderDetails",
            "ProviderName",
            "ProviderType",
            "UserPoolId",
        ],
        ResourceType::UserPoolResourceServer => &["Identifier", "Name", "Scopes", "UserPoolId"],
        ResourceType::UserPoolDomain => &[
            "CustomDomainConfig",
            "Domain",
            "ManagedLoginVersion",
            "Routing",
            "UserPoolId",
        ],
        ResourceType::IdentityPool => &[
            "AllowClassicFlow",
            "AllowUnauthenticatedIdentities",
            "CognitoIdentityProviders",
            "DeveloperProviderName",
            "IdentityPoolName",
            "IdentityPoolTags",
            "OpenIdConnectProviderARNs",
            "SamlProviderARNs",
            "SupportedLoginProviders",
        ],
        ResourceType::IdentityPoolRoleAttachment => &["IdentityPoolId", "RoleMappings", "Roles"],
        ResourceType::UserPoolRiskConfigurationAttachment => &[
            "AccountTakeoverRiskConfiguration",
            "ClientId",
            "CompromisedCredentialsRiskConfiguration",
            "RiskExceptionConfiguration",
            "UserPoolId",
        ],
        // ImageUrl is not a CloudFormation property; the image is not compared.
        ResourceType::UserPoolUICustomizationAttachment => &["CSS", "ClientId", "UserPoolId"],
        // ReturnMergedResources is a write-only request flag, not state.
        ResourceType::ManagedLoginBranding => &[
            "Assets",
            "ClientId",
            "Settings",
            "UseCognitoProvidedValues",
            "UserPoolId",
        ],
        ResourceType::LogDeliveryConfiguration => &["LogConfigurations", "UserPoolId"],
        ResourceType::IdentityPoolPrincipalTag => &[
            "IdentityPoolId",
            "IdentityProviderName",
            "PrincipalTags",
            "UseDefaults",
        ],
    }
}

/// Objects whose keys are data (attribute names, tag keys, provider names), not property
/// names: drift paths show their entries as `Name[key]`.
pub fn keyed_collections(rtype: ResourceType) -> &'static [&'static str] {
    match rtype {
        ResourceType::UserPool => &["Schema", "UserPoolTags"],
        ResourceType::IdentityPool => &["IdentityPoolTags", "SupportedLoginProviders"],
        ResourceType::IdentityPoolRoleAttachment => &["RoleMappings", "Roles"],
        ResourceType::UserPoolIdentityProvider => &["AttributeMapping", "ProviderDetails"],
        ResourceType::IdentityPoolPrincipalTag => &["PrincipalTags"],
        _ => &[],
    }
}

/// Strings holding whole integers or booleans become numbers and booleans, everywhere.
fn coerce(v: &mut Value) {
    match v {
        Value::String(s) => {
            if s == "true" {
                *v = Value::Bool(true);
            } else if s == "false" {
                *v = Value::Bool(false);
            } else if let Ok(n) = s.parse::<i64>() {
                if n.to_string() == *s {
                    *v = json!(n);
                }
            }
        }
        Value::Array(a) => a.iter_mut().for_each(coerce),
        Value::Object(m) if !(m.len() == 1 && m.contains_key(UNKNOWN_KEY)) => {
            m.values_mut().for_each(coerce)
        }
        _ => {}
    }
}

/// The default attributes Cognito gives every user pool, as `(name, data type, mutable,
/// required, string min, string max)`; `updated_at` is a number with minimum 0.
type StandardAttribute = (
    &'static str,
    &'static str,
    bool,
    bool,
    Option<i64>,
    Option<i64>,
);

const STANDARD_ATTRIBUTES: &[StandardAttribute] = &[
    ("address", "String", true, false, Some(0), Some(2048)),
    ("birthdate", "String", true, false, Some(10), Some(10)),
    ("email", "String", true, false, Some(0), Some(2048)),
    ("email_verified", "Boolean", true, false, None, None),
    ("family_name", "String", true, false, Some(0), Some(2048)),
    ("gender", "String", true, false, Some(0), Some(2048)),
    ("given_name", "String", true, false, Some(0), Some(2048)),
    ("identities", "String", true, false, Some(0), Some(2048)),
    ("locale", "String", true, false, Some(0), Some(2048)),
    ("middle_name", "String", true, false, Some(0), Some(2048)),
    ("name", "String", true, false, Some(0), Some(2048)),
    ("nickname", "String", true, false, Some(0), Some(2048)),
    ("phone_number", "String", true, false, Some(0), Some(2048)),
    ("phone_number_verified", "Boolean", true, false, None, None),
    ("picture", "String", true, false, Some(0), Some(2048)),
    (
        "preferred_username",
        "String",
        true,
        false,
        Some(0),
        Some(2048),
    ),
    ("profile", "String", true, false, Some(0), Some(2048)),
    ("sub", "String", false, true, Some(1), Some(2048)),
    ("updated_at", "Number", true, false, None, None),
    ("website", "String", true, false, Some(0), Some(2048)),
    ("zoneinfo", "String", true, false, Some(0), Some(2048)),
];

/// The canonical default of a standard attribute, or `None` for a custom one.
pub fn standard_attribute_default(name: &str) -> Option<Value> {
    let (n, data_type, mutable, required, min, max) =
        STANDARD_ATTRIBUTES.iter().find(|a| a.0 == name)?;
    let mut m = Map::new();
    m.insert("AttributeDataType".into(), json!(data_type));
    m.insert("DeveloperOnlyAttribute".into(), json!(false));
    m.insert("Mutable".into(), json!(mutable));
    m.insert("Required".into(), json!(required));
    if let (Some(min), Some(max)) = (min, max) {
        m.insert(
            "StringAttributeConstraints".into(),
            json!({"MinLength": min, "MaxLength": max}),
        );
    }
    if *n == "updated_at" {
        m.insert("NumberAttributeConstraints".into(), json!({"MinValue": 0}));
    }
    Some(Value::Object(m))
}

fn user_pool(map: &mut Map<String, Value>) {
    // Legacy message fields mirror VerificationMessageTemplate; keep one copy.
    let legacy = [
        ("EmailVerificationMessage", "EmailMessage"),
        ("EmailVerificationSubject", "EmailSubject"),
        ("SmsVerificationMessage", "SmsMessage"),
    ];
    for (old, new) in legacy {
        if let Some(v) = map.remove(old) {
            let template = map
                .entry("VerificationMessageTemplate")
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(t) = template {
                t.entry(new).or_insert(v);
            }
        }
    }
    if let Some(schema) = map.remove("Schema") {
        map.insert("Schema".into(), canonical_schema(&schema));
    }
}

fn canonical_schema(schema: &Value) -> Value {
    let Value::Array(attrs) = schema else {
        return schema.clone(); // unknown, or not a list: compared whole
    };
    let mut out = Map::new();
    for attr in attrs {
        let Value::Object(a) = attr else {
            return json!({ UNKNOWN_KEY: "a Schema entry is not an object" });
        };
        let name = match a.get("Name") {
            Some(Value::String(n)) => n.clone(),
            Some(Value::Number(n)) => n.to_string(),
            _ => return json!({ UNKNOWN_KEY: "a Schema entry has no resolvable Name" }),
        };
        let (bare, prefixed_dev, prefixed) = if let Some(b) = name.strip_prefix("custom:") {
            (b.to_string(), false, true)
        } else if let Some(b) = name.strip_prefix("dev:") {
            (b.to_string(), true, true)
        } else {
            (name.clone(), false, false)
        };
        let mut fields = a.clone();
        fields.remove("Name");
        let standard = if prefixed {
            None
        } else {
            standard_attribute_default(&bare)
        };
        let (key, mut entry) = match standard {
            Some(Value::Object(default)) => (bare.clone(), default),
            _ => {
                let mut d = Map::new();
                d.insert("AttributeDataType".into(), json!("String"));
                d.insert("DeveloperOnlyAttribute".into(), json!(prefixed_dev));
                // Assumed API default for an omitted Mutable (unconfirmed): mutable.
                d.insert("Mutable".into(), json!(true));
                d.insert("Required".into(), json!(false));
                (format!("custom:{bare}"), d)
            }
        };
        for (k, v) in fields {
            match (entry.get_mut(&k), v) {
                (Some(Value::Object(existing)), Value::Object(given)) => {
                    for (ck, cv) in given {
                        existing.insert(ck, cv);
                    }
                }
                (_, v) => {
                    entry.insert(k, v);
                }
            }
        }
        if prefixed_dev {
            entry.insert("DeveloperOnlyAttribute".into(), json!(true));
        }
        let entry = Value::Object(entry);
        if standard_attribute_default(&key).as_ref() == Some(&entry) {
            continue; // a standard attribute at its defaults is as good as absent
        }
        out.insert(key, entry);
    }
    Value::Object(out)
}

/// Seconds per unit of `TokenValidityUnits`.
fn unit_seconds(unit: &Value) -> Option<i64> {
    match unit.as_str()? {
        "seconds" => Some(1),
        "minutes" => Some(60),
        "hours" => Some(3600),
        "days" => Some(86400),
        _ => None,
    }
}

fn client(map: &mut Map<String, Value>) {
    let units = map.remove("TokenValidityUnits").unwrap_or(Value::Null);
    for (field, unit_key, default_unit) in [
        ("AccessTokenValidity", "AccessToken", "hours"),
        ("IdTokenValidity", "IdToken", "hours"),
        ("RefreshTokenValidity", "RefreshToken", "days"),
    ] {
        let Some(value) = map.remove(field) else {
            continue;
        };
        let unit = if let Some(reason) = is_unknown(&units) {
            Err(reason)
        } else {
            let u = units
                .get(unit_key)
                .cloned()
                .unwrap_or_else(|| json!(default_unit));
            if let Some(reason) = is_unknown(&u) {
                Err(reason)
            } else {
                unit_seconds(&u).ok_or_else(|| format!("unknown token validity unit {u}"))
            }
        };
        let seconds = match (value.as_i64(), unit) {
            _ if is_unknown(&value).is_some() => value,
            (Some(0), _) if field == "RefreshTokenValidity" => continue, // 0 means the default
            (Some(n), Ok(secs)) => json!(n * secs),
            (_, Err(reason)) => json!({ UNKNOWN_KEY: reason }),
            (None, Ok(_)) => value,
        };
        map.insert(field.to_string(), seconds);
    }
}

/// `[{Key, Value}]` -> `{Key: Value}`.
fn tag_list_to_map(v: &Value) -> Value {
    let Value::Array(items) = v else {
        return v.clone();
    };
    let mut out = Map::new();
    for item in items {
        match (item.get("Key").and_then(Value::as_str), item.get("Value")) {
            (Some(k), Some(val)) => {
                out.insert(k.to_string(), val.clone());
            }
            _ => return json!({ UNKNOWN_KEY: "a tag has no resolvable Key" }),
        }
    }
    Value::Object(out)
}

fn identity_pool(map: &mut Map<String, Value>) {
    if let Some(tags) = map.remove("IdentityPoolTags") {
        map.insert("IdentityPoolTags".into(), tag_list_to_map(&tags));
    }
    // A provider without a server-side token check is the default.
    if let Some(Value::Array(providers)) = map.get_mut("CognitoIdentityProviders") {
        for p in providers {
            if let Value::Object(m) = p {
                if m.get("ServerSideTokenCheck") == Some(&json!(false)) {
                    m.remove("ServerSideTokenCheck");
                }
            }
        }
    }
}

fn role_attachment(map: &mut Map<String, Value>) {
    let Some(Value::Object(mappings)) = map.remove("RoleMappings") else {
        return;
    };
    let mut out = Map::new();
    for (key, mapping) in mappings {
        if let Some(reason) = is_unknown(&mapping) {
            map.insert("RoleMappings".into(), json!({ UNKNOWN_KEY: reason }));
            return;
        }
        let mut m = match mapping {
            Value::Object(m) => m,
            other => {
                out.insert(key, other);
                continue;
            }
        };
        let provider = match m.remove("IdentityProvider") {
            Some(Value::String(p)) => p,

            _ => key,
        };
        out.insert(provider, Value::Object(m));
    }
    map.insert("RoleMappings".into(), Value::Object(out));
}

/// Sorts every list except role-mapping rules (first match wins).
fn sort_lists(v: &mut Value, keep_order: bool) {
    match v {
        Value::Array(items) => {
            for item in items.iter_mut() {
                sort_lists(item, false);
            }
            if !keep_order {
                items.sort_by_key(|a| a.to_string());
                items.dedup();
            }
        }
        Value::Object(m) => {
            for (k, child) in m.iter_mut() {
                sort_lists(child, k == "Rules");
            }
        }
        _ => {}
    }
}

/// Cognito's defaults: a value equal to one of these is the same as an omitted one.
fn defaults(rtype: ResourceType) -> Vec<(&'static [&'static str], Value)> {
    const DEFAULT_INVITE: &str = "Your username is {username} and temporary password is {####}. ";
    const DEFAULT_CODE: &str = "Your verification code is {####}. ";
    match rtype {
        ResourceType::UserPool => vec![
            (&["MfaConfiguration"][..], json!("OFF")),
            (&["DeletionProtection"], json!("INACTIVE")),
            (&["UserPoolTier"], json!("ESSENTIALS")),
            (&["UsernameConfiguration", "CaseSensitive"], json!(true)),
            (&["Policies", "PasswordPolicy", "MinimumLength"], json!(8)),
            (
                &["Policies", "PasswordPolicy", "RequireUppercase"],
                json!(true),
            ),
            (
                &["Policies", "PasswordPolicy", "RequireLowercase"],
                json!(true),
            ),
            (
                &["Policies", "PasswordPolicy", "RequireNumbers"],
                json!(true),
            ),
            (
                &["Policies", "PasswordPolicy", "RequireSymbols"],
                json!(true),
            ),
            (
                &[
                    "Policies",
                    "PasswordPolicy",
                    "TemporaryPasswordValidityDays",
                ],
                json!(7),
            ),
            (
                &["Policies", "PasswordPolicy", "PasswordHistorySize"],
                json!(0),
            ),
            (
                &["EmailConfiguration", "EmailSendingAccount"],
                json!("COGNITO_DEFAULT"),
            ),
            (
                &["VerificationMessageTemplate", "DefaultEmailOption"],
                json!("CONFIRM_WITH_CODE"),
            ),
            (
                &["VerificationMessageTemplate", "EmailMessage"],
                json!(DEFAULT_CODE),
            ),
            (
                &["VerificationMessageTemplate", "SmsMessage"],
                json!(DEFAULT_CODE),
            ),
            (
                &["VerificationMessageTemplate", "EmailSubject"],
                json!("Your verification code"),
            ),
            (
                &["AdminCreateUserConfig", "AllowAdminCreateUserOnly"],
                json!(false),
            ),
            (
                &[
                    "AdminCreateUserConfig",
                    "InviteMessageTemplate",
                    "EmailMessage",
                ],
                json!(DEFAULT_INVITE),
            ),
            (
                &[
                    "AdminCreateUserConfig",
                    "InviteMessageTemplate",
                    "SMSMessage",
                ],
                json!(DEFAULT_INVITE),
            ),
            (
                &[
                    "AdminCreateUserConfig",
                    "InviteMessageTemplate",
                    "EmailSubject",
                ],
                json!("Your temporary password"),
            ),
            (
                &["DeviceConfiguration", "ChallengeRequiredOnNewDevice"],
                json!(false),
            ),
            (
                &["DeviceConfiguration", "DeviceOnlyRememberedOnUserPrompt"],
                json!(false),
            ),
            (&["UserPoolAddOns", "AdvancedSecurityMode"], json!("OFF")),
            // DescribeUserPool returns this for every pool that never set a sign-in policy
            // (COGNITO-FACTS.md; live reads in go-to-k/cdk-real-drift tests/corpus).
            (
                &["Policies", "SignInPolicy", "AllowedFirstAuthFactors"],
                json!(["PASSWORD"]),
            ),
        ],
        // A group created without a description reads back as "".
        ResourceType::UserPoolGroup => vec![(&["Description"][..], json!(""))],
        ResourceType::UserPoolClient => vec![
            (&["GenerateSecret"][..], json!(false)),
            (&["AccessTokenValidity"], json!(3600)),
            (&["IdTokenValidity"], json!(3600)),
            (&["RefreshTokenValidity"], json!(30 * 86400)),
            (&["AuthSessionValidity"], json!(3)),
            (&["AllowedOAuthFlowsUserPoolClient"], json!(false)),
            (&["EnableTokenRevocation"], json!(true)),
            (&["EnablePropagateAdditionalUserContextData"], json!(false)),
            // Assumed (unconfirmed by a live read): a client without rotation reads back as
            // disabled with no grace period.
            (&["RefreshTokenRotation", "Feature"], json!("DISABLED")),
            (
                &["RefreshTokenRotation", "RetryGracePeriodSeconds"],
                json!(0),
            ),
            (&["AnalyticsConfiguration", "UserDataShared"], json!(false)),
            (&["PreventUserExistenceErrors"], json!("LEGACY")),
            (
                &["ExplicitAuthFlows"],
                json!([
                    "ALLOW_CUSTOM_AUTH",
                    "ALLOW_REFRESH_TOKEN_AUTH",
                    "ALLOW_USER_SRP_AUTH"
                ]),
            ),
        ],
        ResourceType::IdentityPool => vec![
            (&["AllowUnauthenticatedIdentities"][..], json!(false)),
            (&["AllowClassicFlow"], json!(false)),
        ],
        ResourceType::ManagedLoginBranding => {
            vec![(&["UseCognitoProvidedValues"][..], json!(false))]
        }
        ResourceType::IdentityPoolPrincipalTag => vec![(&["UseDefaults"][..], json!(false))],
        _ => Vec::new(),
    }
}

/// Whether a canonical settings document declares nothing Cognito reads back apart from what
/// names it (and, for a principal tag map, `UseDefaults`). Cognito answers such a resource the
/// same as none: an attachment without any risk part or CSS, log delivery without targets, a
/// principal tag map without tags (the scan's absent rules, `aws::pool_settings`). Drift does
/// not report one that is not live: its absence cannot be told from its presence.
pub fn reads_as_none(rtype: ResourceType, doc: &Value) -> bool {
    let naming: &[&str] = match rtype {
        ResourceType::UserPoolRiskConfigurationAttachment
        | ResourceType::UserPoolUICustomizationAttachment => &["ClientId", "UserPoolId"],
        ResourceType::LogDeliveryConfiguration => &["UserPoolId"],
        // What an untouched provider answers is not settled (`aws::pool_settings` docs): a map
        // with `UseDefaults` alone cannot be told from one nobody configured.
        ResourceType::IdentityPoolPrincipalTag => {
            &["IdentityPoolId", "IdentityProviderName", "UseDefaults"]
        }
        _ => return false,
    };
    doc.as_object()
        .is_some_and(|m| m.keys().all(|k| naming.contains(&k.as_str())))
}

/// Cognito's default for a flattened path (`Policies.PasswordPolicy.MinimumLength`), shown
/// in place of an absent value.
pub fn default_for(rtype: ResourceType, path: &str) -> Option<Value> {
    defaults(rtype)
        .into_iter()
        .find(|(p, _)| p.join(".") == path)
        .map(|(_, v)| v)
}

fn drop_if_equal(doc: &mut Value, path: &[&str], default: &Value) {
    let Some((last, parents)) = path.split_last() else {
        return;
    };
    let mut cur = doc;
    for p in parents {
        match cur.get_mut(*p) {
            Some(next) => cur = next,
            None => return,
        }
    }
    if let Value::Object(m) = cur {
        if m.get(*last) == Some(default) {
            m.remove(*last);
        }
    }
}

/// Removes nulls, `AWS::NoValue` leftovers, empty lists and empty objects, recursively.
fn prune(v: &mut Value) -> bool {
    match v {
        Value::Null => false,
        Value::Array(items) => {
            items.retain_mut(prune);
            !items.is_empty()
        }
        Value::Object(m) => {
            if is_unknown_object(m) {
                return true;
            }
            if m.len() == 1 && m.contains_key(NO_VALUE_KEY) {
                return false;
            }
            m.retain(|_, child| prune(child));
            !m.is_empty()
        }
        _ => true,
    }
}

fn is_unknown_object(m: &Map<String, Value>) -> bool {
    m.len() == 1 && m.contains_key(UNKNOWN_KEY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_without_a_setting_read_as_none() {
        let tag = ResourceType::IdentityPoolPrincipalTag;
        let (doc, _) = canonical(
            tag,
            &json!({"IdentityPoolId": "us-east-1:x", "IdentityProviderName": "p",
                    "UseDefaults": true, "PrincipalTags": {}}),
        );
        assert!(reads_as_none(tag, &doc));
        let (doc, _) = canonical(
            tag,
            &json!({"IdentityPoolId": "us-east-1:x", "IdentityProviderName": "p",
                    "PrincipalTags": {"dept": "custom:dept"}}),
        );
        assert!(!reads_as_none(tag, &doc));
        let risk = ResourceType::UserPoolRiskConfigurationAttachment;
        let (doc, _) = canonical(risk, &json!({"UserPoolId": "p", "ClientId": "c"}));
        assert!(reads_as_none(risk, &doc));
        let (doc, _) = canonical(
            risk,
            &json!({"UserPoolId": "p", "ClientId": "ALL",
                    "RiskExceptionConfiguration": {"BlockedIPRangeList": ["10.0.0.0/8"]}}),
        );
        assert!(!reads_as_none(risk, &doc));
        let logs = ResourceType::LogDeliveryConfiguration;
        let (doc, _) = canonical(logs, &json!({"UserPoolId": "p", "LogConfigurations": []}));
        assert!(reads_as_none(logs, &doc));
        // Branding styles are entities with an id: never "none".
        let (doc, _) = canonical(
            ResourceType::ManagedLoginBranding,
            &json!({"UserPoolId": "p", "ClientId": "c"}),
        );
        assert!(!reads_as_none(ResourceType::ManagedLoginBranding, &doc));
    }

    #[test]
    fn schema_is_a_set_keyed_by_name_without_defaults() {
        let live = json!({"Schema": [
            {"Name": "custom:tier", "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
             "Mutable": true, "Required": false,
             "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"}},
            {"Name": "email", "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
             "Mutable": true, "Required": true,
             "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}},
            {"Name": "address", "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
             "Mutable": true, "Required": false,
             "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}}
        ]});
        let template = json!({"Schema": [
            {"Name": "email", "Required": true, "Mutable": true},
            {"Name": "tier", "AttributeDataType": "String", "Mutable": true,
             "StringAttributeConstraints": {"MinLength": 1, "MaxLength": "32"}}
        ]});
        let (a, _) = canonical(ResourceType::UserPool, &live);
        let (b, _) = canonical(ResourceType::UserPool, &template);
        assert_eq!(a, b);
        assert_eq!(
            a["Schema"]["custom:tier"]["StringAttributeConstraints"]["MaxLength"],
            json!(32)
        );
        assert!(a["Schema"].get("address").is_none());
    }

    #[test]
    fn token_validity_is_compared_in_seconds() {
        let live = json!({"AccessTokenValidity": 60, "TokenValidityUnits": {"AccessToken": "minutes"},
                          "RefreshTokenValidity": 30});
        let template = json!({"AccessTokenValidity": 1});
        let (a, _) = canonical(ResourceType::UserPoolClient, &live);
        let (b, _) = canonical(ResourceType::UserPoolClient, &template);
        assert_eq!(a, b);
        assert_eq!(a, json!({}));
        let (c, _) = canonical(ResourceType::UserPoolClient, &json!({"IdTokenValidity": 2}));
        assert_eq!(c, json!({"IdTokenValidity": 7200}));
    }

    #[test]
    fn defaults_sets_and_secrets_do_not_drift() {
        let (a, _) = canonical(
            ResourceType::UserPoolClient,
            &json!({"CallbackURLs": ["b", "a", "a"], "EnableTokenRevocation": "true", "ReadAttributes": []}),
        );
        assert_eq!(a, json!({"CallbackURLs": ["a", "b"]}));
        let (idp, _) = canonical(
            ResourceType::UserPoolIdentityProvider,
            &json!({"ProviderDetails": {"client_secret": "{{resolve:secretsmanager:x}}", "client_id": "c"}}),
        );
        assert_eq!(
            idp["ProviderDetails"]["client_secret"],
            json!(SECRET_MARKER)
        );
    }

    #[test]
    fn unreadable_properties_are_not_compared() {
        let (doc, skipped) = canonical(
            ResourceType::UserPool,
            &json!({"UserPoolName": "x", "KeyConfiguration": {"KeyType": "AWS_OWNED_KEY"}}),
        );
        assert_eq!(doc, json!({"UserPoolName": "x"}));
        assert_eq!(skipped, vec!["KeyConfiguration"]);
    }
}
