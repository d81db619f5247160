//! A snapshot as CloudFormation-shaped resources: every user pool, app client, group, identity
//! provider, resource server, domain, identity pool and role attachment with the properties a
//! template would give it (`Policies.PasswordPolicy.MinimumLength`, `EnabledMfas`, ...).
//!
//! This is drift's own mapping, kept inside `drift` on purpose: the output is only compared,
//! after [`super::normalise`], never deployed. Both a live snapshot and a baseline snapshot go
//! through it, so a baseline compares against live state on equal terms.

use super::ResourceType;
use crate::model::{AppClient, IdentityPool, Snapshot, UserPool};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// One resource read from a snapshot.
#[derive(Debug, Clone)]
pub struct LiveResource {
    pub rtype: ResourceType,
    /// How drift identifies it: pool and identity pool ids, client ids, `POOL_ID/NAME` for the
    /// other pool children; the identity pool id for its role attachment.
    pub physical_id: String,
    /// The name used for matching by name (pool name, client name, group name, ...).
    pub name: String,
    /// The physical id of the user pool or identity pool it belongs to.
    pub parent: Option<String>,
    /// What `Ref` returns for this resource in CloudFormation.
    pub ref_value: String,
    /// What `Fn::GetAtt` returns, by attribute name.
    pub attributes: BTreeMap<String, String>,
    /// Users of the pool (user pools only): the users a replacement must migrate.
    pub users: Option<i64>,
    /// CloudFormation-shaped properties.
    pub props: Value,
}

/// Every comparable resource of a snapshot, in snapshot order.
pub fn resources(snapshot: &Snapshot) -> Vec<LiveResource> {
    let mut out = Vec::new();
    for pool in &snapshot.user_pools {
        out.push(user_pool(pool, snapshot.account_id.as_deref()));
        for client in &pool.clients {
            out.push(app_client(pool, client));
        }
        for g in &pool.groups {
            let mut p = Map::new();
            p.insert("UserPoolId".into(), json!(pool.id));
            p.insert("GroupName".into(), json!(g.name));
            put_opt(&mut p, "Description", g.description.as_ref());
            put_opt(&mut p, "Precedence", g.precedence.as_ref());
            put_opt(&mut p, "RoleArn", g.role_arn.as_ref());
            out.push(child(ResourceType::UserPoolGroup, pool, &g.name, p));
        }
        for idp in &pool.identity_providers {
            let mut p = Map::new();
            p.insert("UserPoolId".into(), json!(pool.id));
            p.insert("ProviderName".into(), json!(idp.name));
            p.insert("ProviderType".into(), json!(idp.provider_type));
            p.insert("ProviderDetails".into(), json!(idp.details));
            p.insert("AttributeMapping".into(), json!(idp.attribute_mapping));
            p.insert("IdpIdentifiers".into(), json!(idp.idp_identifiers));
            out.push(child(
                ResourceType::UserPoolIdentityProvider,
                pool,
                &idp.name,
                p,
            ));
        }
        for rs in &pool.resource_servers {
            let mut p = Map::new();
            p.insert("UserPoolId".into(), json!(pool.id));
            p.insert("Identifier".into(), json!(rs.identifier));
            p.insert("Name".into(), json!(rs.name));
            let scopes: Vec<Value> = rs
                .scopes
                .iter()
                .map(|s| json!({"ScopeName": s.name, "ScopeDescription": s.description}))
                .collect();
            p.insert("Scopes".into(), Value::Array(scopes));
            out.push(child(
                ResourceType::UserPoolResourceServer,
                pool,
                &rs.identifier,
                p,
            ));
        }
        for (domain, custom) in [(&pool.domain, false), (&pool.custom_domain, true)] {
            let Some(d) = domain else { continue };
            let mut p = Map::new();
            p.insert("UserPoolId".into(), json!(pool.id));
            p.insert("Domain".into(), json!(d.domain));
            if custom {
                if let Some(cert) = &d.certificate_arn {
                    p.insert("CustomDomainConfig".into(), json!({"CertificateArn": cert}));
                }
            }
            put_opt(
                &mut p,
                "ManagedLoginVersion",
                d.managed_login_version.as_ref(),
            );
            let mut r = child(ResourceType::UserPoolDomain, pool, &d.domain, p);
            if let Some(cf) = &d.cloud_front_distribution {
                r.attributes
                    .insert("CloudFrontDistribution".into(), cf.clone());
            }
            out.push(r);
        }
    }
    for ip in &snapshot.identity_pools {
        out.push(identity_pool(ip));
        if !ip.roles.is_empty() || !ip.role_mappings.is_empty() {
            out.push(role_attachment(ip));
        }
    }
    out
}

fn put_opt<T: serde::Serialize>(map: &mut Map<String, Value>, key: &str, value: Option<&T>) {
    if let Some(v) = value {
        map.insert(key.to_string(), json!(v));
    }
}

fn put_list(map: &mut Map<String, Value>, key: &str, list: &[String]) {
    if !list.is_empty() {
        map.insert(key.to_string(), json!(list));
    }
}

fn child(
    rtype: ResourceType,
    pool: &UserPool,
    name: &str,
    props: Map<String, Value>,
) -> LiveResource {
    LiveResource {
        rtype,
        physical_id: format!("{}/{}", pool.id, name),
        name: name.to_string(),
        parent: Some(pool.id.clone()),
        ref_value: name.to_string(),
        attributes: BTreeMap::new(),
        users: None,
        props: Value::Object(props),
    }
}

/// `a.b.c` keys of the snapshot's `lambda_config` become nested objects.
fn nest(map: &BTreeMap<String, String>) -> Value {
    let mut root = Map::new();
    for (key, value) in map {
        let parts: Vec<&str> = key.split('.').collect();
        let mut cur = &mut root;
        for part in &parts[..parts.len() - 1] {
            let entry = cur
                .entry(part.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            match entry {
                Value::Object(m) => cur = m,
                _ => unreachable!("just made an object"),
            }
        }
        if let Some(last) = parts.last() {
            cur.insert(last.to_string(), json!(value));
        }
    }
    Value::Object(root)
}

fn user_pool(pool: &UserPool, account: Option<&str>) -> LiveResource {
    let mut p = Map::new();
    p.insert("UserPoolName".into(), json!(pool.name));
    put_list(&mut p, "UsernameAttributes", &pool.username_attributes);
    put_list(&mut p, "AliasAttributes", &pool.alias_attributes);
    if let Some(cs) = pool.username_case_sensitive {
        p.insert("UsernameConfiguration".into(), json!({"CaseSensitive": cs}));
    }
    put_list(
        &mut p,
        "AutoVerifiedAttributes",
        &pool.auto_verified_attributes,
    );
    if !pool
        .attributes_require_verification_before_update
        .is_empty()
    {
        p.insert(
            "UserAttributeUpdateSettings".into(),
            json!({"AttributesRequireVerificationBeforeUpdate": pool.attributes_require_verification_before_update}),
        );
    }
    let schema: Vec<Value> = pool
        .schema
        .iter()
        .map(|a| {
            let mut s = Map::new();
            s.insert("Name".into(), json!(a.name));
            put_opt(&mut s, "AttributeDataType", a.data_type.as_ref());
            s.insert("DeveloperOnlyAttribute".into(), json!(a.developer_only));
            s.insert("Mutable".into(), json!(a.mutable));
            s.insert("Required".into(), json!(a.required));
            let mut sc = Map::new();
            put_opt(&mut sc, "MinLength", a.string_min_length.as_ref());
            put_opt(&mut sc, "MaxLength", a.string_max_length.as_ref());
            if !sc.is_empty() {
                s.insert("StringAttributeConstraints".into(), Value::Object(sc));
            }
            let mut nc = Map::new();
            put_opt(&mut nc, "MinValue", a.number_min_value.as_ref());
            put_opt(&mut nc, "MaxValue", a.number_max_value.as_ref());
            if !nc.is_empty() {
                s.insert("NumberAttributeConstraints".into(), Value::Object(nc));
            }
            Value::Object(s)
        })
        .collect();
    p.insert("Schema".into(), Value::Array(schema));
    let mut policies = Map::new();
    if let Some(pp) = &pool.password_policy {
        let mut m = Map::new();
        put_opt(&mut m, "MinimumLength", pp.minimum_length.as_ref());
        m.insert("RequireUppercase".into(), json!(pp.require_uppercase));
        m.insert("RequireLowercase".into(), json!(pp.require_lowercase));
        m.insert("RequireNumbers".into(), json!(pp.require_numbers));
        m.insert("RequireSymbols".into(), json!(pp.require_symbols));
        put_opt(
            &mut m,
            "PasswordHistorySize",
            pp.password_history_size.as_ref(),
        );
        put_opt(
            &mut m,
            "TemporaryPasswordValidityDays",
            pp.temporary_password_validity_days.as_ref(),
        );
        policies.insert("PasswordPolicy".into(), Value::Object(m));
    }
    if !pool.allowed_first_auth_factors.is_empty() {
        policies.insert(
            "SignInPolicy".into(),
            json!({"AllowedFirstAuthFactors": pool.allowed_first_auth_factors}),
        );
    }
    if !policies.is_empty() {
        p.insert("Policies".into(), Value::Object(policies));
    }
    if let Some(w) = &pool.web_authn {
        put_opt(
            &mut p,
            "WebAuthnRelyingPartyID",
            w.relying_party_id.as_ref(),
        );
        put_opt(
            &mut p,
            "WebAuthnUserVerification",
            w.user_verification.as_ref(),
        );
    }
    put_opt(&mut p, "MfaConfiguration", pool.mfa_configuration.as_ref());
    put_list(&mut p, "EnabledMfas", &pool.enabled_mfas);
    put_opt(
        &mut p,
        "SmsAuthenticationMessage",
        pool.sms_authentication_message.as_ref(),
    );
    if let Some(sms) = &pool.sms_configuration {
        let mut m = Map::new();
        put_opt(&mut m, "SnsCallerArn", sms.sns_caller_arn.as_ref());
        put_opt(&mut m, "ExternalId", sms.external_id.as_ref());
        put_opt(&mut m, "SnsRegion", sms.sns_region.as_ref());
        p.insert("SmsConfiguration".into(), Value::Object(m));
    }
    put_opt(
        &mut p,
        "SmsVerificationMessage",
        pool.sms_verification_message.as_ref(),
    );
    put_opt(
        &mut p,
        "EmailVerificationMessage",
        pool.email_verification_message.as_ref(),
    );
    put_opt(
        &mut p,
        "EmailVerificationSubject",
        pool.email_verification_subject.as_ref(),
    );
    if let Some(t) = &pool.verification_message_template {
        let mut m = Map::new();
        put_opt(
            &mut m,
            "DefaultEmailOption",
            t.default_email_option.as_ref(),
        );
        put_opt(&mut m, "EmailMessage", t.email_message.as_ref());
        put_opt(&mut m, "EmailSubject", t.email_subject.as_ref());
        put_opt(
            &mut m,
            "EmailMessageByLink",
            t.email_message_by_link.as_ref(),
        );
        put_opt(
            &mut m,
            "EmailSubjectByLink",
            t.email_subject_by_link.as_ref(),
        );
        put_opt(&mut m, "SmsMessage", t.sms_message.as_ref());
        p.insert("VerificationMessageTemplate".into(), Value::Object(m));
    }
    if let Some(e) = &pool.email_configuration {
        let mut m = Map::new();
        put_opt(
            &mut m,
            "EmailSendingAccount",
            e.email_sending_account.as_ref(),
        );
        put_opt(&mut m, "SourceArn", e.source_arn.as_ref());
        put_opt(&mut m, "From", e.from.as_ref());
        put_opt(
            &mut m,
            "ReplyToEmailAddress",
            e.reply_to_email_address.as_ref(),
        );
        put_opt(&mut m, "ConfigurationSet", e.configuration_set.as_ref());
        p.insert("EmailConfiguration".into(), Value::Object(m));
    }
    p.insert("LambdaConfig".into(), nest(&pool.lambda_config));
    if !pool.account_recovery.is_empty() {
        let mechanisms: Vec<Value> = pool
            .account_recovery
            .iter()
            .map(|r| json!({"Name": r.name, "Priority": r.priority}))
            .collect();
        p.insert(
            "AccountRecoverySetting".into(),
            json!({ "RecoveryMechanisms": mechanisms }),
        );
    }
    if let Some(a) = &pool.admin_create_user_config {
        let mut m = Map::new();
        m.insert(
            "AllowAdminCreateUserOnly".into(),
            json!(a.allow_admin_create_user_only),
        );
        let mut t = Map::new();
        put_opt(&mut t, "EmailMessage", a.invite_email_message.as_ref());
        put_opt(&mut t, "EmailSubject", a.invite_email_subject.as_ref());
        put_opt(&mut t, "SMSMessage", a.invite_sms_message.as_ref());
        m.insert("InviteMessageTemplate".into(), Value::Object(t));
        p.insert("AdminCreateUserConfig".into(), Value::Object(m));
    }
    if let Some(d) = &pool.device_configuration {
        p.insert(
            "DeviceConfiguration".into(),
            json!({
                "ChallengeRequiredOnNewDevice": d.challenge_required_on_new_device,
                "DeviceOnlyRememberedOnUserPrompt": d.device_only_remembered_on_user_prompt,
            }),
        );
    }
    if let Some(mode) = &pool.advanced_security_mode {
        p.insert(
            "UserPoolAddOns".into(),
            json!({"AdvancedSecurityMode": mode}),
        );
    }
    put_opt(
        &mut p,
        "DeletionProtection",
        pool.deletion_protection.as_ref(),
    );
    put_opt(&mut p, "UserPoolTier", pool.user_pool_tier.as_ref());
    p.insert("UserPoolTags".into(), json!(pool.tags));

    let partition = partition_of(&pool.region);
    let arn = pool.arn.clone().unwrap_or_else(|| {
        format!(
            "arn:{partition}:cognito-idp:{}:{}:userpool/{}",
            pool.region,
            account.unwrap_or("ACCOUNT"),
            pool.id
        )
    });
    let mut attributes = BTreeMap::new();
    attributes.insert("Arn".to_string(), arn);
    attributes.insert(
        "ProviderName".to_string(),
        format!("cognito-idp.{}.amazonaws.com/{}", pool.region, pool.id),
    );
    attributes.insert(
        "ProviderURL".to_string(),
        format!(
            "https://cognito-idp.{}.amazonaws.com/{}",
            pool.region, pool.id
        ),
    );
    attributes.insert("UserPoolId".to_string(), pool.id.clone());
    LiveResource {
        rtype: ResourceType::UserPool,
        physical_id: pool.id.clone(),
        name: pool.name.clone(),
        parent: None,
        ref_value: pool.id.clone(),
        attributes,
        users: Some(pool.estimated_number_of_users),
        props: Value::Object(p),
    }
}

fn app_client(pool: &UserPool, c: &AppClient) -> LiveResource {
    let mut p = Map::new();
    p.insert("UserPoolId".into(), json!(pool.id));
    p.insert("ClientName".into(), json!(c.name));
    p.insert("GenerateSecret".into(), json!(c.has_secret));
    put_opt(
        &mut p,
        "AccessTokenValidity",
        c.access_token_validity.as_ref(),
    );
    put_opt(&mut p, "IdTokenValidity", c.id_token_validity.as_ref());
    put_opt(
        &mut p,
        "RefreshTokenValidity",
        c.refresh_token_validity.as_ref(),
    );
    if let Some(u) = &c.token_validity_units {
        let mut m = Map::new();
        put_opt(&mut m, "AccessToken", u.access_token.as_ref());
        put_opt(&mut m, "IdToken", u.id_token.as_ref());
        put_opt(&mut m, "RefreshToken", u.refresh_token.as_ref());
        p.insert("TokenValidityUnits".into(), Value::Object(m));
    }
    put_opt(
        &mut p,
        "AuthSessionValidity",
        c.auth_session_validity.as_ref(),
    );
    put_list(&mut p, "ExplicitAuthFlows", &c.explicit_auth_flows);
    put_list(
        &mut p,
        "SupportedIdentityProviders",
        &c.supported_identity_providers,
    );
    put_list(&mut p, "CallbackURLs", &c.callback_urls);
    put_list(&mut p, "LogoutURLs", &c.logout_urls);
    put_opt(
        &mut p,
        "DefaultRedirectURI",
        c.default_redirect_uri.as_ref(),
    );
    put_list(&mut p, "AllowedOAuthFlows", &c.allowed_oauth_flows);
    put_list(&mut p, "AllowedOAuthScopes", &c.allowed_oauth_scopes);
    p.insert(
        "AllowedOAuthFlowsUserPoolClient".into(),
        json!(c.allowed_oauth_flows_user_pool_client),
    );
    put_list(&mut p, "ReadAttributes", &c.read_attributes);
    put_list(&mut p, "WriteAttributes", &c.write_attributes);
    put_opt(
        &mut p,
        "PreventUserExistenceErrors",
        c.prevent_user_existence_errors.as_ref(),
    );
    put_opt(
        &mut p,
        "EnableTokenRevocation",
        c.enable_token_revocation.as_ref(),
    );
    put_opt(
        &mut p,
        "EnablePropagateAdditionalUserContextData",
        c.enable_propagate_additional_user_context_data.as_ref(),
    );
    let mut attributes = BTreeMap::new();
    attributes.insert("ClientId".to_string(), c.id.clone());
    attributes.insert("Name".to_string(), c.name.clone());
    LiveResource {
        rtype: ResourceType::UserPoolClient,
        physical_id: c.id.clone(),
        name: c.name.clone(),
        parent: Some(pool.id.clone()),
        ref_value: c.id.clone(),
        attributes,
        users: None,
        props: Value::Object(p),
    }
}

fn identity_pool(ip: &IdentityPool) -> LiveResource {
    let mut p = Map::new();
    p.insert("IdentityPoolName".into(), json!(ip.name));
    p.insert(
        "AllowUnauthenticatedIdentities".into(),
        json!(ip.allow_unauthenticated_identities),
    );
    put_opt(&mut p, "AllowClassicFlow", ip.allow_classic_flow.as_ref());
    let providers: Vec<Value> = ip
        .cognito_identity_providers
        .iter()
        .map(|c| {
            json!({
                "ProviderName": c.provider_name,
                "ClientId": c.client_id,
                "ServerSideTokenCheck": c.server_side_token_check,
            })
        })
        .collect();
    p.insert("CognitoIdentityProviders".into(), Value::Array(providers));
    p.insert(
        "SupportedLoginProviders".into(),
        json!(ip.supported_login_providers),
    );
    put_opt(
        &mut p,
        "DeveloperProviderName",
        ip.developer_provider_name.as_ref(),
    );
    put_list(
        &mut p,
        "OpenIdConnectProviderARNs",
        &ip.open_id_connect_provider_arns,
    );
    put_list(&mut p, "SamlProviderARNs", &ip.saml_provider_arns);
    let tags: Vec<Value> = ip
        .tags
        .iter()
        .map(|(k, v)| json!({"Key": k, "Value": v}))
        .collect();
    p.insert("IdentityPoolTags".into(), Value::Array(tags));
    let mut attributes = BTreeMap::new();
    attributes.insert("Id".to_string(), ip.id.clone());
    attributes.insert("Name".to_string(), ip.name.clone());
    LiveResource {
        rtype: ResourceType::IdentityPool,
        physical_id: ip.id.clone(),
        name: ip.name.clone(),
        parent: None,
        ref_value: ip.id.clone(),
        attributes,
        users: None,
        props: Value::Object(p),
    }
}

fn role_attachment(ip: &IdentityPool) -> LiveResource {
    let mut mappings = Map::new();
    for (provider, m) in &ip.role_mappings {
        let mut v = Map::new();
        v.insert("IdentityProvider".into(), json!(provider));
        v.insert("Type".into(), json!(m.mapping_type));
        put_opt(
            &mut v,
            "AmbiguousRoleResolution",
            m.ambiguous_role_resolution.as_ref(),
        );
        if !m.rules.is_empty() {
            let rules: Vec<Value> = m
                .rules
                .iter()
                .map(|r| {
                    json!({"Claim": r.claim, "MatchType": r.match_type, "Value": r.value, "RoleARN": r.role_arn})
                })
                .collect();
            v.insert("RulesConfiguration".into(), json!({ "Rules": rules }));
        }
        mappings.insert(provider.clone(), Value::Object(v));
    }
    let props = json!({
        "IdentityPoolId": ip.id,
        "Roles": ip.roles,
        "RoleMappings": mappings,
    });
    let mut attributes = BTreeMap::new();
    attributes.insert("Id".to_string(), ip.id.clone());
    LiveResource {
        rtype: ResourceType::IdentityPoolRoleAttachment,
        physical_id: ip.id.clone(),
        name: ip.name.clone(),
        parent: Some(ip.id.clone()),
        ref_value: ip.id.clone(),
        attributes,
        users: None,
        props,
    }
}

/// The partition a region belongs to (`aws-cn`, `aws-us-gov`, otherwise `aws`).
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}
