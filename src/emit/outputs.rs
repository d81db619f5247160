//! `amplify_outputs.json` (Amplify client config schema 1.5) for apps that call
//! `Amplify.configure(outputs)` with existing pools and no Amplify backend.
//!
//! Avoids the known upstream mistakes (COGNITO-FACTS.md): `username_attributes` is never empty
//! (`username` for plain username pools), MFA methods are `SMS`/`TOTP`/`EMAIL` (not `SMS_MFA`),
//! Cognito's `OFF`/`ON` become `NONE`/`REQUIRED`, `groups` and `passwordless` are always
//! present, `response_type` is `code` or `token`, OAuth appears with a domain, callback URLs and
//! an OAuth flow, and only social providers go into `oauth.identity_providers`.
//!
//! A client without logout URLs still gets its `oauth` section, with an empty
//! `redirect_sign_out_uri`: Amplify's JavaScript runtime accepts that (its OAuth config check
//! tests the array, not its length), so `signInWithRedirect` keeps working. Schema 1.5 asks for
//! at least one sign-out URI there; [`warnings`] says so, with what breaks (sign-out after a
//! redirect sign-in) and what Amplify's referenceAuth would reject.

use crate::model::{AppClient, IdentityPool, UserPool};
use serde::Serialize;
use std::collections::BTreeMap;

/// The client config version written.
pub const VERSION: &str = "1.5";

/// Standard attributes the schema allows in `standard_required_attributes` (`sub` excluded:
/// Cognito generates it, a sign-up form cannot ask for it).
const STANDARD_ATTRIBUTES: [&str; 17] = [
    "address",
    "birthdate",
    "email",
    "family_name",
    "gender",
    "given_name",
    "locale",
    "middle_name",
    "name",
    "nickname",
    "phone_number",
    "picture",
    "preferred_username",
    "profile",
    "updated_at",
    "website",
    "zoneinfo",
];

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AmplifyOutputs {
    pub auth: AuthOutputs,
    pub version: &'static str,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuthOutputs {
    pub aws_region: String,
    pub user_pool_id: String,
    pub user_pool_client_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub password_policy: Option<PasswordPolicyOutputs>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub oauth: Option<OauthOutputs>,
    pub standard_required_attributes: Vec<String>,
    pub username_attributes: Vec<String>,
    pub user_verification_types: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unauthenticated_identities_enabled: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mfa_configuration: Option<String>,
    pub mfa_methods: Vec<String>,
    pub passwordless: PasswordlessOutputs,
    /// `[{"admins": {"precedence": 1}}, ...]`, by precedence then name.
    pub groups: Vec<BTreeMap<String, GroupOutputs>>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PasswordPolicyOutputs {
    pub min_length: i32,
    pub require_numbers: bool,
    pub require_lowercase: bool,
    pub require_uppercase: bool,
    pub require_symbols: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OauthOutputs {
    pub identity_providers: Vec<String>,
    pub domain: String,
    pub scopes: Vec<String>,
    pub redirect_sign_in_uri: Vec<String>,
    pub redirect_sign_out_uri: Vec<String>,
    pub response_type: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PasswordlessOutputs {
    pub email_otp_enabled: bool,
    pub sms_otp_enabled: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub web_authn: Option<WebAuthnOutputs>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WebAuthnOutputs {
    pub relying_party_id: String,
    pub user_verification: String,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GroupOutputs {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub precedence: Option<i32>,
}

/// The hosted UI domain clients use: the custom domain, else
/// `PREFIX.auth.REGION.amazoncognito.com`.
pub fn hosted_domain(pool: &UserPool) -> Option<String> {
    if let Some(custom) = &pool.custom_domain {
        return Some(custom.domain.clone());
    }
    pool.domain
        .as_ref()
        .map(|d| format!("{}.auth.{}.amazoncognito.com", d.domain, pool.region))
}

/// Maps a Cognito social provider type to the schema's name; other types (OIDC, SAML) are not
/// social providers and have no place in `identity_providers`.
fn social_provider(provider_type: &str) -> Option<&'static str> {
    match provider_type {
        "Google" => Some("GOOGLE"),
        "Facebook" => Some("FACEBOOK"),
        "LoginWithAmazon" => Some("LOGIN_WITH_AMAZON"),
        "SignInWithApple" => Some("SIGN_IN_WITH_APPLE"),
        _ => None,
    }
}

fn oauth(pool: &UserPool, client: &AppClient) -> Option<OauthOutputs> {
    let domain = hosted_domain(pool)?;
    if client.callback_urls.is_empty() {
        return None;
    }
    let response_type = if client.allowed_oauth_flows.iter().any(|f| f == "code") {
        "code"
    } else if client.allowed_oauth_flows.iter().any(|f| f == "implicit") {
        "token"
    } else {
        return None;
    };
    let mut identity_providers: Vec<String> = pool
        .identity_providers
        .iter()
        .filter(|idp| client.supported_identity_providers.contains(&idp.name))
        .filter_map(|idp| social_provider(&idp.provider_type).map(str::to_string))
        .collect();
    identity_providers.sort();
    identity_providers.dedup();
    Some(OauthOutputs {
        identity_providers,
        domain,
        scopes: client.allowed_oauth_scopes.clone(),
        redirect_sign_in_uri: client.callback_urls.clone(),
        redirect_sign_out_uri: client.logout_urls.clone(),
        response_type: response_type.to_string(),
    })
}

/// What the user must know about the outputs of a pool + client: settings the file carries in
/// a degraded form. One line each, for stderr.
pub fn warnings(pool: &UserPool, client: &AppClient) -> Vec<String> {
    let mut out = Vec::new();
    if oauth(pool, client).is_some() && client.logout_urls.is_empty() {
        let mut line = format!(
            "app client {} ({}) has no logout URLs: `oauth.redirect_sign_out_uri` is empty. Amplify's client accepts that and signInWithRedirect works, but signOut after a redirect sign-in fails (no sign-out redirect to send to the hosted UI's /logout), and schema 1.5 asks for at least one URI there; set LogoutURLs on the client (UpdateUserPoolClient resets omitted settings: send the full current configuration)",
            client.name, client.id
        );
        if !pool.identity_providers.is_empty() {
            line.push_str(
                ". Amplify's referenceAuth would still reject this client: the pool has identity providers and the client has no logout URLs (cogref check: client-missing-redirect-urls)",
            );
        }
        out.push(line);
    }
    out
}

/// Builds the outputs for a pool + client (+ identity pool).
pub fn outputs(pool: &UserPool, client: &AppClient, ip: Option<&IdentityPool>) -> AmplifyOutputs {
    let password_policy = pool
        .password_policy
        .as_ref()
        .map(|p| PasswordPolicyOutputs {
            // Cognito's default minimum is 8; the schema allows 6-99 as Cognito does.
            min_length: p.minimum_length.unwrap_or(8).clamp(6, 99),
            require_numbers: p.require_numbers,
            require_lowercase: p.require_lowercase,
            require_uppercase: p.require_uppercase,
            require_symbols: p.require_symbols,
        });
    let mut standard_required_attributes: Vec<String> = pool
        .schema
        .iter()
        .filter(|a| a.required && !a.is_custom())
        .filter(|a| STANDARD_ATTRIBUTES.contains(&a.name.as_str()))
        .map(|a| a.name.clone())
        .collect();
    standard_required_attributes.sort();
    standard_required_attributes.dedup();
    let mut username_attributes: Vec<String> = pool
        .username_attributes
        .iter()
        .filter(|a| matches!(a.as_str(), "email" | "phone_number"))
        .cloned()
        .collect();
    if username_attributes.is_empty() {
        username_attributes.push("username".into());
    }
    let user_verification_types: Vec<String> = pool
        .auto_verified_attributes
        .iter()
        .filter(|a| matches!(a.as_str(), "email" | "phone_number"))
        .cloned()
        .collect();
    let mfa_configuration = pool.mfa_configuration.as_deref().map(|m| {
        match m {
            "ON" => "REQUIRED",
            "OPTIONAL" => "OPTIONAL",
            _ => "NONE",
        }
        .to_string()
    });
    let mut mfa_methods: Vec<String> = pool
        .enabled_mfas
        .iter()
        .filter_map(|m| match m.as_str() {
            "SMS_MFA" => Some("SMS"),
            "SOFTWARE_TOKEN_MFA" => Some("TOTP"),
            "EMAIL_OTP" => Some("EMAIL"),
            _ => None,
        })
        .map(str::to_string)
        .collect();
    mfa_methods.sort();
    mfa_methods.dedup();
    let factors = &pool.allowed_first_auth_factors;
    let web_authn = if factors.iter().any(|f| f == "WEB_AUTHN") {
        let rp = pool
            .web_authn
            .as_ref()
            .and_then(|w| w.relying_party_id.clone())
            .or_else(|| hosted_domain(pool));
        rp.map(|relying_party_id| WebAuthnOutputs {
            relying_party_id,
            user_verification: pool
                .web_authn
                .as_ref()
                .and_then(|w| w.user_verification.as_deref())
                .map(str::to_ascii_lowercase)
                .filter(|v| v == "required")
                .unwrap_or_else(|| "preferred".into()),
        })
    } else {
        None
    };
    let mut groups: Vec<_> = pool.groups.iter().collect();
    groups.sort_by(|a, b| {
        (a.precedence.is_none(), a.precedence, &a.name).cmp(&(
            b.precedence.is_none(),
            b.precedence,
            &b.name,
        ))
    });
    AmplifyOutputs {
        auth: AuthOutputs {
            aws_region: pool.region.clone(),
            user_pool_id: pool.id.clone(),
            user_pool_client_id: client.id.clone(),
            identity_pool_id: ip.map(|ip| ip.id.clone()),
            password_policy,
            oauth: oauth(pool, client),
            standard_required_attributes,
            username_attributes,
            user_verification_types,
            unauthenticated_identities_enabled: ip.map(|ip| ip.allow_unauthenticated_identities),
            mfa_configuration,
            mfa_methods,
            passwordless: PasswordlessOutputs {
                email_otp_enabled: factors.iter().any(|f| f == "EMAIL_OTP"),
                sms_otp_enabled: factors.iter().any(|f| f == "SMS_OTP"),
                web_authn,
            },
            groups: groups
                .into_iter()
                .map(|g| {
                    BTreeMap::from([(
                        g.name.clone(),
                        GroupOutputs {
                            precedence: g.precedence,
                        },
                    )])
                })
                .collect(),
        },
        version: VERSION,
    }
}

/// Pretty JSON with a trailing newline.
pub fn to_json(outputs: &AmplifyOutputs) -> String {
    let mut s = serde_json::to_string_pretty(outputs).unwrap_or_default();
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::{sample, PARTNER, SHOP, SHOP_IDENTITY, SHOP_WEB};
    use crate::model::{Domain, IdentityProvider, WebAuthnConfig};

    fn shop() -> (UserPool, AppClient, IdentityPool) {
        let s = sample();
        let pool = s.user_pool(SHOP).unwrap().clone();
        let client = pool.client(SHOP_WEB).unwrap().clone();
        (
            pool,
            client,
            s.identity_pool(SHOP_IDENTITY).unwrap().clone(),
        )
    }

    #[test]
    fn shop_outputs() {
        let (pool, client, ip) = shop();
        let o = outputs(&pool, &client, Some(&ip));
        assert_eq!(o.auth.username_attributes, ["email"]);
        assert_eq!(o.auth.mfa_configuration.as_deref(), Some("OPTIONAL"));
        assert_eq!(o.auth.mfa_methods, ["TOTP"]);
        assert_eq!(o.auth.standard_required_attributes, ["email"]);
        let oauth = o.auth.oauth.unwrap();
        assert_eq!(
            oauth.domain,
            "shop-customers-demo.auth.us-east-1.amazoncognito.com"
        );
        assert_eq!(oauth.identity_providers, ["GOOGLE"]);
        assert_eq!(oauth.response_type, "code");
        let names: Vec<&String> = o.auth.groups.iter().flat_map(|g| g.keys()).collect();
        assert_eq!(names, ["admins", "staff", "customers"]);
        assert_eq!(o.auth.unauthenticated_identities_enabled, Some(true));
    }

    #[test]
    fn username_pools_and_mfa_mapping() {
        let s = sample();
        let partner = s.user_pool(PARTNER).unwrap();
        let o = outputs(partner, &partner.clients[1], None);
        assert_eq!(o.auth.username_attributes, ["username"]);
        assert_eq!(o.auth.mfa_configuration.as_deref(), Some("NONE"));
        // Partner has OIDC and SAML providers but no domain: no oauth, and never OIDC names.
        assert!(o.auth.oauth.is_none());
        let mut p = partner.clone();
        p.domain = Some(Domain {
            domain: "partners".into(),
            ..Default::default()
        });
        let oauth = outputs(&p, &p.clients[1], None).auth.oauth.unwrap();
        assert!(oauth.identity_providers.is_empty());
        p.mfa_configuration = Some("ON".into());
        p.enabled_mfas = vec!["SMS_MFA".into(), "EMAIL_OTP".into()];
        let o = outputs(&p, &p.clients[1], None);
        assert_eq!(o.auth.mfa_configuration.as_deref(), Some("REQUIRED"));
        assert_eq!(o.auth.mfa_methods, ["EMAIL", "SMS"]);
    }

    #[test]
    fn oauth_needs_callback_urls_and_a_flow() {
        let (pool, mut client, _) = shop();
        assert!(warnings(&pool, &client).is_empty());
        client.logout_urls.clear();
        let oauth = outputs(&pool, &client, None).auth.oauth.unwrap();
        assert_eq!(oauth.redirect_sign_in_uri, client.callback_urls);
        assert!(oauth.redirect_sign_out_uri.is_empty());
        let w = warnings(&pool, &client);
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].contains("has no logout URLs"), "{w:?}");
        assert!(w[0].contains("client-missing-redirect-urls"), "{w:?}");
        // Without identity providers referenceAuth does not care about logout URLs.
        let mut plain = pool.clone();
        plain.identity_providers.clear();
        let w = warnings(&plain, &client);
        assert!(!w[0].contains("referenceAuth"), "{w:?}");
        client.callback_urls.clear();
        assert!(outputs(&pool, &client, None).auth.oauth.is_none());
        assert!(warnings(&pool, &client).is_empty());
        let (pool, mut client, _) = shop();
        client.allowed_oauth_flows = vec!["implicit".into()];
        assert_eq!(
            outputs(&pool, &client, None)
                .auth
                .oauth
                .unwrap()
                .response_type,
            "token"
        );
        client.allowed_oauth_flows.clear();
        assert!(outputs(&pool, &client, None).auth.oauth.is_none());
    }

    #[test]
    fn custom_domain_wins_and_social_providers_must_be_enabled_on_the_client() {
        let (mut pool, mut client, _) = shop();
        pool.custom_domain = Some(Domain {
            domain: "auth.shop.example.com".into(),
            ..Default::default()
        });
        pool.identity_providers.push(IdentityProvider {
            name: "SignInWithApple".into(),
            provider_type: "SignInWithApple".into(),
            ..Default::default()
        });
        let oauth = outputs(&pool, &client, None).auth.oauth.unwrap();
        assert_eq!(oauth.domain, "auth.shop.example.com");
        assert_eq!(oauth.identity_providers, ["GOOGLE"]);
        client
            .supported_identity_providers
            .push("SignInWithApple".into());
        let oauth = outputs(&pool, &client, None).auth.oauth.unwrap();
        assert_eq!(oauth.identity_providers, ["GOOGLE", "SIGN_IN_WITH_APPLE"]);
    }

    #[test]
    fn passwordless_settings() {
        let (mut pool, client, _) = shop();
        let o = outputs(&pool, &client, None);
        assert!(!o.auth.passwordless.email_otp_enabled && o.auth.passwordless.web_authn.is_none());
        pool.allowed_first_auth_factors =
            vec!["EMAIL_OTP".into(), "PASSWORD".into(), "WEB_AUTHN".into()];
        pool.web_authn = Some(WebAuthnConfig {
            relying_party_id: Some("shop.example.com".into()),
            user_verification: Some("REQUIRED".into()),
            ..Default::default()
        });
        let p = outputs(&pool, &client, None).auth.passwordless;
        assert!(p.email_otp_enabled && !p.sms_otp_enabled);
        let w = p.web_authn.unwrap();
        assert_eq!(
            (w.relying_party_id.as_str(), w.user_verification.as_str()),
            ("shop.example.com", "required")
        );
    }
}
