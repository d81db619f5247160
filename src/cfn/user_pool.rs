//! A user pool and its children (domains, identity providers, resource servers, app clients,
//! groups) as CloudFormation resources.

use super::{
    domain_certificate, partition_of, put, put_list, reference, strings, CfnResource, Mapper,
};
use crate::emit::iac::{
    client_dependencies, is_server_managed_detail, legacy_message_value, nested_lambda_config,
    pascal_case, secret_detail_keys, template_schema, LambdaValue,
};
use crate::model::{AppClient, SchemaAttribute, UserPool};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

impl Mapper<'_> {
    pub(super) fn user_pool(&mut self, p: &UserPool, account: Option<&str>) {
        let logical = self
            .link
            .ids()
            .and_then(|ids| ids.pools.get(&p.id))
            .cloned();
        let props = self.user_pool_props(p);
        let partition = partition_of(&p.region);
        let arn = p.arn.clone().unwrap_or_else(|| {
            format!(
                "arn:{partition}:cognito-idp:{}:{}:userpool/{}",
                p.region,
                account.unwrap_or("ACCOUNT"),
                p.id
            )
        });
        let mut attributes = BTreeMap::new();
        attributes.insert("Arn".to_string(), arn);
        attributes.insert(
            "ProviderName".to_string(),
            format!("cognito-idp.{}.amazonaws.com/{}", p.region, p.id),
        );
        attributes.insert(
            "ProviderURL".to_string(),
            format!("https://cognito-idp.{}.amazonaws.com/{}", p.region, p.id),
        );
        attributes.insert("UserPoolId".to_string(), p.id.clone());
        self.push(CfnResource {
            resource_type: "AWS::Cognito::UserPool",
            logical_id: logical,
            physical_id: p.id.clone(),
            name: p.name.clone(),
            parent: None,
            ref_value: p.id.clone(),
            attributes,
            users: Some(p.estimated_number_of_users),
            import_identifier: vec![("UserPoolId", p.id.clone())],
            depends_on: Vec::new(),
            props,
        });
        self.domains(p);
        self.identity_providers(p);
        self.resource_servers(p);
        for c in &p.clients {
            self.client(p, c);
        }
        self.groups(p);
        self.pool_settings(p);
    }

    fn user_pool_props(&self, p: &UserPool) -> Map<String, Value> {
        let mut m = Map::new();
        m.insert("UserPoolName".into(), p.name.clone().into());
        put_list(&mut m, "AliasAttributes", &p.alias_attributes);
        put_list(&mut m, "UsernameAttributes", &p.username_attributes);
        if let Some(cs) = p.username_case_sensitive {
            m.insert(
                "UsernameConfiguration".into(),
                json!({ "CaseSensitive": cs }),
            );
        }
        put_list(
            &mut m,
            "AutoVerifiedAttributes",
            &p.auto_verified_attributes,
        );
        if !p.attributes_require_verification_before_update.is_empty() {
            m.insert(
                "UserAttributeUpdateSettings".into(),
                json!({
                    "AttributesRequireVerificationBeforeUpdate":
                        strings(&p.attributes_require_verification_before_update)
                }),
            );
        }
        let schema: Vec<Value> = template_schema(p).into_iter().map(schema_entry).collect();
        if !schema.is_empty() {
            m.insert("Schema".into(), Value::Array(schema));
        }
        let mut policies = Map::new();
        if let Some(pp) = &p.password_policy {
            let mut x = Map::new();
            put(&mut x, "MinimumLength", pp.minimum_length);
            x.insert("RequireUppercase".into(), pp.require_uppercase.into());
            x.insert("RequireLowercase".into(), pp.require_lowercase.into());
            x.insert("RequireNumbers".into(), pp.require_numbers.into());
            x.insert("RequireSymbols".into(), pp.require_symbols.into());
            put(&mut x, "PasswordHistorySize", pp.password_history_size);
            put(
                &mut x,
                "TemporaryPasswordValidityDays",
                pp.temporary_password_validity_days,
            );
            policies.insert("PasswordPolicy".into(), Value::Object(x));
        }
        if !p.allowed_first_auth_factors.is_empty() {
            policies.insert(
                "SignInPolicy".into(),
                json!({ "AllowedFirstAuthFactors": strings(&p.allowed_first_auth_factors) }),
            );
        }
        if !policies.is_empty() {
            m.insert("Policies".into(), Value::Object(policies));
        }
        if let Some(w) = &p.web_authn {
            put(&mut m, "WebAuthnRelyingPartyID", w.relying_party_id.clone());
            put(
                &mut m,
                "WebAuthnUserVerification",
                w.user_verification.clone(),
            );
            put(
                &mut m,
                "WebAuthnFactorConfiguration",
                w.factor_configuration.clone(),
            );
        }
        put(&mut m, "MfaConfiguration", p.mfa_configuration.clone());
        // EnabledMfas is write-only in CloudFormation; it comes from GetUserPoolMfaConfig.
        put_list(&mut m, "EnabledMfas", &p.enabled_mfas);
        put(
            &mut m,
            "SmsAuthenticationMessage",
            p.sms_authentication_message.clone(),
        );
        put(
            &mut m,
            "EmailAuthenticationMessage",
            p.email_authentication_message.clone(),
        );
        put(
            &mut m,
            "EmailAuthenticationSubject",
            p.email_authentication_subject.clone(),
        );
        self.messaging(p, &mut m);
        let lambda = nested_lambda_config(&p.lambda_config, false);
        if !lambda.is_empty() {
            let mut x = Map::new();
            for (k, v) in lambda {
                let v = match v {
                    LambdaValue::Arn(a) => Value::String(a),
                    LambdaValue::Nested(n) => {
                        Value::Object(n.into_iter().map(|(k, v)| (k, Value::String(v))).collect())
                    }
                };
                x.insert(k, v);
            }
            m.insert("LambdaConfig".into(), Value::Object(x));
        }
        account_settings(p, &mut m);
        m
    }

    /// SMS and email: `SmsConfiguration`, the verification messages, `EmailConfiguration`.
    fn messaging(&self, p: &UserPool, m: &mut Map<String, Value>) {
        if let Some(sms) = &p.sms_configuration {
            let mut x = Map::new();
            if let Some(arn) = &sms.sns_caller_arn {
                x.insert("SnsCallerArn".into(), self.link.role_arn(arn));
            }
            put(&mut x, "ExternalId", sms.external_id.clone());
            put(&mut x, "SnsRegion", sms.sns_region.clone());
            m.insert("SmsConfiguration".into(), Value::Object(x));
        }
        if let Some(t) = &p.verification_message_template {
            let mut x = Map::new();
            put(&mut x, "DefaultEmailOption", t.default_email_option.clone());
            put(&mut x, "EmailMessage", t.email_message.clone());
            put(&mut x, "EmailSubject", t.email_subject.clone());
            put(
                &mut x,
                "EmailMessageByLink",
                t.email_message_by_link.clone(),
            );
            put(
                &mut x,
                "EmailSubjectByLink",
                t.email_subject_by_link.clone(),
            );
            put(&mut x, "SmsMessage", t.sms_message.clone());
            m.insert("VerificationMessageTemplate".into(), Value::Object(x));
        }
        for name in [
            "EmailVerificationMessage",
            "EmailVerificationSubject",
            "SmsVerificationMessage",
        ] {
            put(m, name, legacy_message_value(p, name));
        }
        if let Some(e) = &p.email_configuration {
            let mut x = Map::new();
            put(
                &mut x,
                "EmailSendingAccount",
                e.email_sending_account.clone(),
            );
            put(&mut x, "SourceArn", e.source_arn.clone());
            put(&mut x, "From", e.from.clone());
            put(
                &mut x,
                "ReplyToEmailAddress",
                e.reply_to_email_address.clone(),
            );
            put(&mut x, "ConfigurationSet", e.configuration_set.clone());
            m.insert("EmailConfiguration".into(), Value::Object(x));
        }
    }

    fn domains(&mut self, p: &UserPool) {
        for domain in [&p.domain, &p.custom_domain] {
            let Some(d) = domain else { continue };
            let logical = self
                .link
                .ids()
                .and_then(|ids| ids.domains.get(&(p.id.clone(), d.domain.clone())))
                .cloned();
            let mut x = Map::new();
            x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
            x.insert("Domain".into(), d.domain.clone().into());
            if let Some(cert) = domain_certificate(d) {
                let mut c = Map::new();
                c.insert("CertificateArn".into(), cert.into());
                put(&mut c, "SecurityPolicy", d.security_policy.clone());
                x.insert("CustomDomainConfig".into(), Value::Object(c));
            }
            put(&mut x, "ManagedLoginVersion", d.managed_login_version);
            if let Some(f) = &d.failover {
                x.insert(
                    "Routing".into(),
                    json!({ "Failover": {
                        "SecondaryRegion": f.secondary_region,
                        "PrimaryRoute53HealthCheckId":
                            f.primary_route53_health_check_id.clone().unwrap_or_default(),
                    }}),
                );
            }
            let mut r = child("AWS::Cognito::UserPoolDomain", p, &d.domain, logical, x);
            r.import_identifier = vec![("UserPoolId", p.id.clone()), ("Domain", d.domain.clone())];
            if let Some(cf) = &d.cloud_front_distribution {
                r.attributes
                    .insert("CloudFrontDistribution".into(), cf.clone());
            }
            self.push(r);
        }
    }

    fn identity_providers(&mut self, p: &UserPool) {
        for idp in &p.identity_providers {
            let logical = self
                .link
                .ids()
                .and_then(|ids| ids.idps.get(&(p.id.clone(), idp.name.clone())))
                .cloned();
            let secrets = secret_detail_keys(idp);
            let mut details = Map::new();
            for (k, v) in &idp.details {
                if is_server_managed_detail(k) {
                    continue;
                }
                let value = match (&logical, secrets.contains(&k.as_str())) {
                    (Some(l), true) => {
                        let param = format!("{l}{}", pascal_case(k));
                        self.out.parameters.insert(
                            param.clone(),
                            json!({
                                "Type": "String",
                                "NoEcho": true,
                                "Description": format!(
                                    "{k} of identity provider {} of user pool {} (a secret cogref never reads)",
                                    idp.name, p.name
                                ),
                            }),
                        );
                        reference(&param)
                    }
                    _ => v.clone().into(),
                };
                details.insert(k.clone(), value);
            }
            let mut x = Map::new();
            x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
            x.insert("ProviderName".into(), idp.name.clone().into());
            x.insert("ProviderType".into(), idp.provider_type.clone().into());
            x.insert("ProviderDetails".into(), Value::Object(details));
            if !idp.attribute_mapping.is_empty() {
                x.insert(
                    "AttributeMapping".into(),
                    Value::Object(
                        idp.attribute_mapping
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone().into()))
                            .collect(),
                    ),
                );
            }
            put_list(&mut x, "IdpIdentifiers", &idp.idp_identifiers);
            let mut r = child(
                "AWS::Cognito::UserPoolIdentityProvider",
                p,
                &idp.name,
                logical,
                x,
            );
            r.import_identifier = vec![
                ("UserPoolId", p.id.clone()),
                ("ProviderName", idp.name.clone()),
            ];
            self.push(r);
        }
    }

    fn resource_servers(&mut self, p: &UserPool) {
        for rs in &p.resource_servers {
            let logical = self
                .link
                .ids()
                .and_then(|ids| {
                    ids.resource_servers
                        .get(&(p.id.clone(), rs.identifier.clone()))
                })
                .cloned();
            let mut x = Map::new();
            x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
            x.insert("Identifier".into(), rs.identifier.clone().into());
            x.insert("Name".into(), rs.name.clone().into());
            if !rs.scopes.is_empty() {
                x.insert(
                    "Scopes".into(),
                    Value::Array(
                        rs.scopes
                            .iter()
                            .map(|s| json!({ "ScopeName": s.name, "ScopeDescription": s.description }))
                            .collect(),
                    ),
                );
            }
            let mut r = child(
                "AWS::Cognito::UserPoolResourceServer",
                p,
                &rs.identifier,
                logical,
                x,
            );
            r.import_identifier = vec![
                ("UserPoolId", p.id.clone()),
                ("Identifier", rs.identifier.clone()),
            ];
            self.push(r);
        }
    }

    fn groups(&mut self, p: &UserPool) {
        for g in &p.groups {
            let logical = self
                .link
                .ids()
                .and_then(|ids| ids.groups.get(&(p.id.clone(), g.name.clone())))
                .cloned();
            let mut x = Map::new();
            x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
            x.insert("GroupName".into(), g.name.clone().into());
            put(&mut x, "Description", g.description.clone());
            put(&mut x, "Precedence", g.precedence);
            if let Some(arn) = &g.role_arn {
                x.insert("RoleArn".into(), self.link.role_arn(arn));
            }
            let mut r = child("AWS::Cognito::UserPoolGroup", p, &g.name, logical, x);
            r.import_identifier = vec![("UserPoolId", p.id.clone()), ("GroupName", g.name.clone())];
            self.push(r);
        }
    }

    fn client(&mut self, p: &UserPool, c: &AppClient) {
        let logical = self.link.client_logical(&p.id, &c.id).cloned();
        let x = client_props(self.link.pool_id(&p.id), c);
        // The client names identity providers and resource-server scopes by value: depend on
        // the resources that define them so that a fresh deploy creates them first.
        let depends_on = match self.link.ids() {
            Some(ids) => {
                let (idps, servers) = client_dependencies(p, c);
                let mut d: Vec<String> =
                    idps.into_iter()
                        .filter_map(|n| ids.idps.get(&(p.id.clone(), n.to_string())))
                        .chain(servers.into_iter().filter_map(|i| {
                            ids.resource_servers.get(&(p.id.clone(), i.to_string()))
                        }))
                        .cloned()
                        .collect();
                d.sort();
                d.dedup();
                d
            }
            None => Vec::new(),
        };
        let mut attributes = BTreeMap::new();
        attributes.insert("ClientId".to_string(), c.id.clone());
        attributes.insert("Name".to_string(), c.name.clone());
        self.push(CfnResource {
            resource_type: "AWS::Cognito::UserPoolClient",
            logical_id: logical,
            physical_id: c.id.clone(),
            name: c.name.clone(),
            parent: Some(p.id.clone()),
            ref_value: c.id.clone(),
            attributes,
            users: None,
            import_identifier: vec![("UserPoolId", p.id.clone()), ("ClientId", c.id.clone())],
            depends_on,
            props: x,
        });
    }
}

/// One `Schema` entry: the bare name CloudFormation takes (`tier` for `custom:tier`,
/// `dev:custom:tier` and `dev:tier`), `DeveloperOnlyAttribute` when set.
fn schema_entry(a: &SchemaAttribute) -> Value {
    let mut s = Map::new();
    s.insert("Name".into(), a.bare_name().into());
    put(&mut s, "AttributeDataType", a.data_type.clone());
    if a.developer_only {
        s.insert("DeveloperOnlyAttribute".into(), true.into());
    }
    s.insert("Mutable".into(), a.mutable.into());
    s.insert("Required".into(), a.required.into());
    let mut sc = Map::new();
    put(&mut sc, "MinLength", a.string_min_length.clone());
    put(&mut sc, "MaxLength", a.string_max_length.clone());
    if !sc.is_empty() {
        s.insert("StringAttributeConstraints".into(), Value::Object(sc));
    }
    let mut nc = Map::new();
    put(&mut nc, "MinValue", a.number_min_value.clone());
    put(&mut nc, "MaxValue", a.number_max_value.clone());
    if !nc.is_empty() {
        s.insert("NumberAttributeConstraints".into(), Value::Object(nc));
    }
    Value::Object(s)
}

/// The temporary-password validity in days that applies to the pool: the password policy's,
/// else Cognito's default of 7.
pub(crate) fn temporary_password_days(p: &UserPool) -> i32 {
    p.password_policy
        .as_ref()
        .and_then(|pp| pp.temporary_password_validity_days)
        .unwrap_or(7)
}

/// Recovery, admin-create-user, devices, add-ons, deletion protection, tier, tags.
fn account_settings(p: &UserPool, m: &mut Map<String, Value>) {
    if !p.account_recovery.is_empty() {
        let mechanisms: Vec<Value> = p
            .account_recovery
            .iter()
            .map(|r| json!({ "Name": r.name, "Priority": r.priority }))
            .collect();
        m.insert(
            "AccountRecoverySetting".into(),
            json!({ "RecoveryMechanisms": mechanisms }),
        );
    }
    if let Some(a) = &p.admin_create_user_config {
        let mut x = Map::new();
        x.insert(
            "AllowAdminCreateUserOnly".into(),
            a.allow_admin_create_user_only.into(),
        );
        // AWS mirrors the temporary-password validity into this deprecated field: written
        // only where it says something else (see `crate::drift::noise`).
        put(
            &mut x,
            "UnusedAccountValidityDays",
            a.unused_account_validity_days
                .filter(|d| *d != temporary_password_days(p)),
        );
        let mut t = Map::new();
        put(&mut t, "EmailMessage", a.invite_email_message.clone());
        put(&mut t, "EmailSubject", a.invite_email_subject.clone());
        put(&mut t, "SMSMessage", a.invite_sms_message.clone());
        if !t.is_empty() {
            x.insert("InviteMessageTemplate".into(), Value::Object(t));
        }
        m.insert("AdminCreateUserConfig".into(), Value::Object(x));
    }
    if let Some(d) = &p.device_configuration {
        m.insert(
            "DeviceConfiguration".into(),
            json!({
                "ChallengeRequiredOnNewDevice": d.challenge_required_on_new_device,
                "DeviceOnlyRememberedOnUserPrompt": d.device_only_remembered_on_user_prompt,
            }),
        );
    }
    let mut add_ons = Map::new();
    put(
        &mut add_ons,
        "AdvancedSecurityMode",
        p.advanced_security_mode.clone(),
    );
    if let Some(mode) = &p.advanced_security_custom_auth_mode {
        add_ons.insert(
            "AdvancedSecurityAdditionalFlows".into(),
            json!({ "CustomAuthMode": mode }),
        );
    }
    if !add_ons.is_empty() {
        m.insert("UserPoolAddOns".into(), Value::Object(add_ons));
    }
    put(m, "DeletionProtection", p.deletion_protection.clone());
    put(m, "UserPoolTier", p.user_pool_tier.clone());
    if !p.tags.is_empty() {
        m.insert(
            "UserPoolTags".into(),
            Value::Object(
                p.tags
                    .iter()
                    .map(|(k, v)| (k.clone(), v.clone().into()))
                    .collect(),
            ),
        );
    }
}

fn client_props(pool_id: Value, c: &AppClient) -> Map<String, Value> {
    let mut x = Map::new();
    x.insert("UserPoolId".into(), pool_id);
    x.insert("ClientName".into(), c.name.clone().into());
    if c.has_secret {
        x.insert("GenerateSecret".into(), true.into());
    }
    // Units default to hours, hours, days when Cognito returns none; written explicitly.
    let units = c.token_validity_units.clone().unwrap_or_default();
    let mut u = Map::new();
    for (prop, unit_prop, value, unit, default) in [
        (
            "AccessTokenValidity",
            "AccessToken",
            c.access_token_validity,
            &units.access_token,
            "hours",
        ),
        (
            "IdTokenValidity",
            "IdToken",
            c.id_token_validity,
            &units.id_token,
            "hours",
        ),
        (
            "RefreshTokenValidity",
            "RefreshToken",
            c.refresh_token_validity,
            &units.refresh_token,
            "days",
        ),
    ] {
        if let Some(v) = value {
            x.insert(prop.into(), v.into());
            u.insert(
                unit_prop.into(),
                unit.clone().unwrap_or_else(|| default.to_string()).into(),
            );
        }
    }
    if !u.is_empty() {
        x.insert("TokenValidityUnits".into(), Value::Object(u));
    }
    put(&mut x, "AuthSessionValidity", c.auth_session_validity);
    put_list(&mut x, "ExplicitAuthFlows", &c.explicit_auth_flows);
    put_list(
        &mut x,
        "SupportedIdentityProviders",
        &c.supported_identity_providers,
    );
    put_list(&mut x, "CallbackURLs", &c.callback_urls);
    put_list(&mut x, "LogoutURLs", &c.logout_urls);
    put(&mut x, "DefaultRedirectURI", c.default_redirect_uri.clone());
    put_list(&mut x, "AllowedOAuthFlows", &c.allowed_oauth_flows);
    put_list(&mut x, "AllowedOAuthScopes", &c.allowed_oauth_scopes);
    if c.allowed_oauth_flows_user_pool_client {
        x.insert("AllowedOAuthFlowsUserPoolClient".into(), true.into());
    }
    put_list(&mut x, "ReadAttributes", &c.read_attributes);
    put_list(&mut x, "WriteAttributes", &c.write_attributes);
    put(
        &mut x,
        "PreventUserExistenceErrors",
        c.prevent_user_existence_errors.clone(),
    );
    put(&mut x, "EnableTokenRevocation", c.enable_token_revocation);
    put(
        &mut x,
        "EnablePropagateAdditionalUserContextData",
        c.enable_propagate_additional_user_context_data,
    );
    if let Some(a) = &c.analytics_configuration {
        let mut y = Map::new();
        put(&mut y, "ApplicationArn", a.application_arn.clone());
        put(&mut y, "ApplicationId", a.application_id.clone());
        put(&mut y, "ExternalId", a.external_id.clone());
        put(&mut y, "RoleArn", a.role_arn.clone());
        y.insert("UserDataShared".into(), a.user_data_shared.into());
        x.insert("AnalyticsConfiguration".into(), Value::Object(y));
    }
    if let Some(r) = &c.refresh_token_rotation {
        let mut y = Map::new();
        y.insert("Feature".into(), r.feature.clone().into());
        put(
            &mut y,
            "RetryGracePeriodSeconds",
            r.retry_grace_period_seconds,
        );
        x.insert("RefreshTokenRotation".into(), Value::Object(y));
    }
    x
}

/// A pool child identified by `POOL_ID/NAME` whose `Ref` is its name.
fn child(
    resource_type: &'static str,
    pool: &UserPool,
    name: &str,
    logical_id: Option<String>,
    props: Map<String, Value>,
) -> CfnResource {
    CfnResource {
        resource_type,
        logical_id,
        physical_id: format!("{}/{}", pool.id, name),
        name: name.to_string(),
        parent: Some(pool.id.clone()),
        ref_value: name.to_string(),
        attributes: BTreeMap::new(),
        users: None,
        import_identifier: Vec::new(),
        depends_on: Vec::new(),
        props,
    }
}
