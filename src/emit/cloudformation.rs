//! `cogref emit cloudformation`: a CloudFormation template describing live Cognito resources
//! exactly, the `resources-to-import.json` of an IMPORT change set, and an `IMPORT.md` with the
//! commands to run and everything not carried over.
//!
//! Pure: a function of an [`IacScope`]. Every resource gets `DeletionPolicy: Retain` and
//! `UpdateReplacePolicy: Retain` (an import requires a deletion policy, and a stack must never
//! delete a pool full of users). Resources the template owns are linked with `Ref` /
//! `Fn::GetAtt`; everything else stays a literal id or ARN. Secrets are never written: a
//! confidential client says `GenerateSecret: true`, an identity-provider secret becomes a
//! `NoEcho` parameter.
//!
//! Property names and shapes follow the CloudFormation registry schemas (cfn-lint 1.58.0 copies
//! in `shared/reference/cfn-schemas/`).

mod yaml;

use super::iac::{
    client_dependencies, is_server_managed_detail, legacy_message_value, nested_lambda_config,
    omissions_markdown, pascal_case, secret_detail_keys, template_schema, IacScope, LambdaValue,
    Namer,
};
use crate::model::{AppClient, CognitoProvider, IdentityPool, Role, UserPool};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

/// Serialization of the template file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateFormat {
    Json,
    Yaml,
}

impl TemplateFormat {
    pub fn file_name(self) -> &'static str {
        match self {
            TemplateFormat::Json => "template.json",
            TemplateFormat::Yaml => "template.yaml",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CloudFormationError {
    #[error("serialising the template as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The files of `emit cloudformation`, by file name, in the order they are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudFormationFiles {
    pub files: Vec<(String, String)>,
}

/// The import identifier properties of each resource type (the `ResourceIdentifier` keys of
/// `--resources-to-import`). Source: `shared/reference/import-identifiers.json`, itself from the
/// `primaryIdentifier` of the cfn-lint 1.58.0 registry schemas.
/// `AWS::Cognito::IdentityPoolRoleAttachment` is identified by its read-only `Id`, which is the
/// identity pool id (unconfirmed; `IdentityPoolId` is its additional identifier).
pub const IMPORT_IDENTIFIERS: &[(&str, &[&str])] = &[
    ("AWS::Cognito::UserPool", &["UserPoolId"]),
    ("AWS::Cognito::UserPoolClient", &["UserPoolId", "ClientId"]),
    ("AWS::Cognito::UserPoolDomain", &["UserPoolId", "Domain"]),
    ("AWS::Cognito::UserPoolGroup", &["UserPoolId", "GroupName"]),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        &["UserPoolId", "ProviderName"],
    ),
    (
        "AWS::Cognito::UserPoolResourceServer",
        &["UserPoolId", "Identifier"],
    ),
    ("AWS::Cognito::IdentityPool", &["Id"]),
    ("AWS::Cognito::IdentityPoolRoleAttachment", &["Id"]),
    ("AWS::IAM::Role", &["RoleName"]),
];

/// Logical ids of everything the template owns, keyed by physical id.
#[derive(Debug, Default)]
struct LogicalIds {
    pools: HashMap<String, String>,
    clients: HashMap<(String, String), String>,
    idps: HashMap<(String, String), String>,
    resource_servers: HashMap<(String, String), String>,
    groups: HashMap<(String, String), String>,
    domains: HashMap<(String, String), String>,
    identity_pools: HashMap<String, String>,
    attachments: HashMap<String, String>,
    roles: HashMap<String, String>,
}

impl LogicalIds {
    fn assign(scope: &IacScope) -> LogicalIds {
        let mut namer = Namer::default();
        let mut ids = LogicalIds::default();
        for p in &scope.user_pools {
            let base = pascal_case(&p.name);
            let suffix = pascal_case(p.id.rsplit('_').next().unwrap_or(&p.id));
            let pool = namer.unique(format!("UserPool{base}"), &suffix);
            let short = pool.strip_prefix("UserPool").unwrap_or(&pool).to_string();
            ids.pools.insert(p.id.clone(), pool);
            for (kind, d) in [("", &p.domain), ("Custom", &p.custom_domain)] {
                if let Some(d) = d {
                    let l = namer.unique(format!("UserPool{kind}Domain{short}"), "");
                    ids.domains.insert((p.id.clone(), d.domain.clone()), l);
                }
            }
            for g in &p.groups {
                let l = namer.unique(format!("UserPoolGroup{short}{}", pascal_case(&g.name)), "");
                ids.groups.insert((p.id.clone(), g.name.clone()), l);
            }
            for c in &p.clients {
                let l = namer.unique(
                    format!("UserPoolClient{short}{}", pascal_case(&c.name)),
                    &pascal_case(&c.id),
                );
                ids.clients.insert((p.id.clone(), c.id.clone()), l);
            }
            for idp in &p.identity_providers {
                let l = namer.unique(
                    format!("UserPoolIdentityProvider{short}{}", pascal_case(&idp.name)),
                    "",
                );
                ids.idps.insert((p.id.clone(), idp.name.clone()), l);
            }
            for rs in &p.resource_servers {
                let l = namer.unique(
                    format!("UserPoolResourceServer{short}{}", pascal_case(&rs.name)),
                    &pascal_case(&rs.identifier),
                );
                ids.resource_servers
                    .insert((p.id.clone(), rs.identifier.clone()), l);
            }
        }
        for ip in &scope.identity_pools {
            let suffix = pascal_case(ip.id.split(':').nth(1).unwrap_or(&ip.id));
            let l = namer.unique(format!("IdentityPool{}", pascal_case(&ip.name)), &suffix);
            let a = namer.unique(
                format!(
                    "IdentityPoolRoleAttachment{}",
                    l.strip_prefix("IdentityPool").unwrap_or(&l)
                ),
                "",
            );
            ids.identity_pools.insert(ip.id.clone(), l);
            ids.attachments.insert(ip.id.clone(), a);
        }
        for r in &scope.roles {
            let l = namer.unique(
                format!("Role{}", pascal_case(&r.name)),
                &pascal_case(&r.path),
            );
            ids.roles.insert(r.arn.clone(), l);
        }
        ids
    }

    fn pool(&self, id: &str) -> Option<&str> {
        self.pools.get(id).map(String::as_str)
    }
}

fn reference(logical: &str) -> Value {
    json!({ "Ref": logical })
}

fn get_att(logical: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [logical, attribute] })
}

/// A role ARN: `Fn::GetAtt` when the template owns the role, else the literal ARN.
fn role_arn(ids: &LogicalIds, arn: &str) -> Value {
    match ids.roles.get(arn) {
        Some(l) => get_att(l, "Arn"),
        None => Value::String(arn.to_string()),
    }
}

fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
}

/// Inserts `key: value` when `value` is present.
fn put<T: Into<Value>>(m: &mut Map<String, Value>, key: &str, value: Option<T>) {
    if let Some(v) = value {
        m.insert(key.to_string(), v.into());
    }
}

/// Inserts a list when it is not empty.
fn put_list(m: &mut Map<String, Value>, key: &str, value: &[String]) {
    if !value.is_empty() {
        m.insert(key.to_string(), strings(value));
    }
}

fn resource(ty: &str, props: Map<String, Value>, depends_on: Vec<String>) -> Value {
    let mut r = Map::new();
    r.insert("Type".into(), ty.into());
    r.insert("DeletionPolicy".into(), "Retain".into());
    r.insert("UpdateReplacePolicy".into(), "Retain".into());
    if !depends_on.is_empty() {
        let mut d = depends_on;
        d.sort();
        d.dedup();
        r.insert("DependsOn".into(), strings(&d));
    }
    r.insert("Properties".into(), Value::Object(props));
    Value::Object(r)
}

/// One entry of `resources-to-import.json`.
fn import_entry(ty: &str, logical: &str, identifier: &[(&str, &str)]) -> Value {
    let keys = IMPORT_IDENTIFIERS
        .iter()
        .find(|(t, _)| *t == ty)
        .map(|(_, k)| *k)
        .unwrap_or(&[]);
    debug_assert_eq!(keys.len(), identifier.len(), "{ty}");
    let mut id = Map::new();
    for (k, v) in identifier {
        debug_assert!(keys.contains(k), "{ty} {k}");
        id.insert((*k).to_string(), Value::String((*v).to_string()));
    }
    json!({ "ResourceType": ty, "LogicalResourceId": logical, "ResourceIdentifier": id })
}

struct Builder<'s, 'a> {
    scope: &'s IacScope<'a>,
    ids: LogicalIds,
    resources: Map<String, Value>,
    parameters: Map<String, Value>,
    imports: Vec<Value>,
}

/// Builds the three files.
pub fn emit(
    scope: &IacScope,
    format: TemplateFormat,
) -> Result<CloudFormationFiles, CloudFormationError> {
    let mut b = Builder {
        scope,
        ids: LogicalIds::assign(scope),
        resources: Map::new(),
        parameters: Map::new(),
        imports: Vec::new(),
    };
    for p in &scope.user_pools {
        b.user_pool(p);
    }
    for ip in &scope.identity_pools {
        b.identity_pool(ip);
    }
    for r in &scope.roles {
        b.role(r);
    }

    let mut template = Map::new();
    template.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
    let account = scope.account_id.unwrap_or("unknown account");
    template.insert(
        "Description".into(),
        format!(
            "Amazon Cognito resources of {account} in {}, written by cogref for an IMPORT \
             change set",
            scope.region
        )
        .into(),
    );
    if !b.parameters.is_empty() {
        template.insert("Parameters".into(), Value::Object(b.parameters.clone()));
    }
    template.insert("Resources".into(), Value::Object(b.resources.clone()));
    let template = Value::Object(template);

    let rendered = match format {
        TemplateFormat::Json => {
            let mut s = serde_json::to_string_pretty(&template)?;
            s.push('\n');
            s
        }
        TemplateFormat::Yaml => yaml::to_string(&template),
    };
    b.imports.sort_by(|a, c| {
        a["LogicalResourceId"]
            .as_str()
            .cmp(&c["LogicalResourceId"].as_str())
    });
    let mut imports = serde_json::to_string_pretty(&Value::Array(b.imports.clone()))?;
    imports.push('\n');
    let params: Vec<String> = b.parameters.keys().cloned().collect();
    let md = import_markdown(scope, format, &params, rendered.len());
    Ok(CloudFormationFiles {
        files: vec![
            (format.file_name().to_string(), rendered),
            ("resources-to-import.json".to_string(), imports),
            ("IMPORT.md".to_string(), md),
        ],
    })
}

impl Builder<'_, '_> {
    fn add(
        &mut self,
        logical: &str,
        ty: &str,
        props: Map<String, Value>,
        deps: Vec<String>,
        identifier: &[(&str, &str)],
    ) {
        self.resources
            .insert(logical.to_string(), resource(ty, props, deps));
        self.imports.push(import_entry(ty, logical, identifier));
    }

    fn user_pool(&mut self, p: &UserPool) {
        let Some(logical) = self.ids.pool(&p.id).map(str::to_string) else {
            return;
        };
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
        let schema: Vec<Value> = template_schema(p)
            .into_iter()
            .map(|a| {
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
            })
            .collect();
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
        }
        put(&mut m, "MfaConfiguration", p.mfa_configuration.clone());
        // EnabledMfas is write-only in CloudFormation; it comes from GetUserPoolMfaConfig.
        put_list(&mut m, "EnabledMfas", &p.enabled_mfas);
        put(
            &mut m,
            "SmsAuthenticationMessage",
            p.sms_authentication_message.clone(),
        );
        if let Some(sms) = &p.sms_configuration {
            let mut x = Map::new();
            if let Some(arn) = &sms.sns_caller_arn {
                x.insert("SnsCallerArn".into(), role_arn(&self.ids, arn));
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
            put(&mut m, name, legacy_message_value(p, name));
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
        if let Some(mode) = &p.advanced_security_mode {
            m.insert(
                "UserPoolAddOns".into(),
                json!({ "AdvancedSecurityMode": mode }),
            );
        }
        put(&mut m, "DeletionProtection", p.deletion_protection.clone());
        put(&mut m, "UserPoolTier", p.user_pool_tier.clone());
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
        self.add(
            &logical,
            "AWS::Cognito::UserPool",
            m,
            Vec::new(),
            &[("UserPoolId", &p.id)],
        );

        for domain in [&p.domain, &p.custom_domain] {
            let Some(d) = domain else { continue };
            let Some(l) = self
                .ids
                .domains
                .get(&(p.id.clone(), d.domain.clone()))
                .cloned()
            else {
                continue;
            };
            let mut x = Map::new();
            x.insert("UserPoolId".into(), reference(&logical));
            x.insert("Domain".into(), d.domain.clone().into());
            if let Some(cert) = &d.certificate_arn {
                x.insert(
                    "CustomDomainConfig".into(),
                    json!({ "CertificateArn": cert }),
                );
            }
            put(&mut x, "ManagedLoginVersion", d.managed_login_version);
            self.add(
                &l,
                "AWS::Cognito::UserPoolDomain",
                x,
                Vec::new(),
                &[("UserPoolId", &p.id), ("Domain", &d.domain)],
            );
        }
        for idp in &p.identity_providers {
            let Some(l) = self
                .ids
                .idps
                .get(&(p.id.clone(), idp.name.clone()))
                .cloned()
            else {
                continue;
            };
            let secrets = secret_detail_keys(idp);
            let mut details = Map::new();
            for (k, v) in &idp.details {
                if is_server_managed_detail(k) {
                    continue;
                }
                if secrets.contains(&k.as_str()) {
                    let param = format!("{l}{}", pascal_case(k));
                    self.parameters.insert(
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
                    details.insert(k.clone(), reference(&param));
                } else {
                    details.insert(k.clone(), v.clone().into());
                }
            }
            let mut x = Map::new();
            x.insert("UserPoolId".into(), reference(&logical));
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
            self.add(
                &l,
                "AWS::Cognito::UserPoolIdentityProvider",
                x,
                Vec::new(),
                &[("UserPoolId", &p.id), ("ProviderName", &idp.name)],
            );
        }
        for rs in &p.resource_servers {
            let Some(l) = self
                .ids
                .resource_servers
                .get(&(p.id.clone(), rs.identifier.clone()))
                .cloned()
            else {
                continue;
            };
            let mut x = Map::new();
            x.insert("UserPoolId".into(), reference(&logical));
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
            self.add(
                &l,
                "AWS::Cognito::UserPoolResourceServer",
                x,
                Vec::new(),
                &[("UserPoolId", &p.id), ("Identifier", &rs.identifier)],
            );
        }
        for c in &p.clients {
            self.client(p, &logical, c);
        }
        for g in &p.groups {
            let Some(l) = self
                .ids
                .groups
                .get(&(p.id.clone(), g.name.clone()))
                .cloned()
            else {
                continue;
            };
            let mut x = Map::new();
            x.insert("UserPoolId".into(), reference(&logical));
            x.insert("GroupName".into(), g.name.clone().into());
            put(&mut x, "Description", g.description.clone());
            put(&mut x, "Precedence", g.precedence);
            if let Some(arn) = &g.role_arn {
                x.insert("RoleArn".into(), role_arn(&self.ids, arn));
            }
            self.add(
                &l,
                "AWS::Cognito::UserPoolGroup",
                x,
                Vec::new(),
                &[("UserPoolId", &p.id), ("GroupName", &g.name)],
            );
        }
    }

    fn client(&mut self, p: &UserPool, pool_logical: &str, c: &AppClient) {
        let Some(l) = self.ids.clients.get(&(p.id.clone(), c.id.clone())).cloned() else {
            return;
        };
        let mut x = Map::new();
        x.insert("UserPoolId".into(), reference(pool_logical));
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
        // The client names identity providers and resource-server scopes by value: depend on
        // the resources that define them so that a fresh deploy creates them first.
        let (idps, servers) = client_dependencies(p, c);
        let deps: Vec<String> = idps
            .into_iter()
            .filter_map(|n| self.ids.idps.get(&(p.id.clone(), n.to_string())))
            .chain(servers.into_iter().filter_map(|i| {
                self.ids
                    .resource_servers
                    .get(&(p.id.clone(), i.to_string()))
            }))
            .cloned()
            .collect();
        self.add(
            &l,
            "AWS::Cognito::UserPoolClient",
            x,
            deps,
            &[("UserPoolId", &p.id), ("ClientId", &c.id)],
        );
    }

    /// `cognito-idp.REGION.amazonaws.com/POOL` of a pool: `Fn::GetAtt ProviderName` when owned.
    fn provider_name(&self, provider_name: &str, pool_id: Option<&str>) -> Value {
        match pool_id.and_then(|id| self.ids.pool(id)) {
            Some(l) => get_att(l, "ProviderName"),
            None => Value::String(provider_name.to_string()),
        }
    }

    fn client_id(&self, pool_id: Option<&str>, client_id: &str) -> Value {
        match pool_id.and_then(|p| {
            self.ids
                .clients
                .get(&(p.to_string(), client_id.to_string()))
        }) {
            Some(l) => reference(l),
            None => Value::String(client_id.to_string()),
        }
    }

    fn identity_pool(&mut self, ip: &IdentityPool) {
        let Some(logical) = self.ids.identity_pools.get(&ip.id).cloned() else {
            return;
        };
        let mut x = Map::new();
        x.insert("IdentityPoolName".into(), ip.name.clone().into());
        x.insert(
            "AllowUnauthenticatedIdentities".into(),
            ip.allow_unauthenticated_identities.into(),
        );
        put(&mut x, "AllowClassicFlow", ip.allow_classic_flow);
        if !ip.cognito_identity_providers.is_empty() {
            let providers: Vec<Value> =
                ip.cognito_identity_providers
                    .iter()
                    .map(|cp| {
                        let pool = cp.user_pool_id.clone().or_else(|| {
                            CognitoProvider::pool_id_from_provider_name(&cp.provider_name)
                        });
                        json!({
                            "ProviderName": self.provider_name(&cp.provider_name, pool.as_deref()),
                            "ClientId": self.client_id(pool.as_deref(), &cp.client_id),
                            "ServerSideTokenCheck": cp.server_side_token_check,
                        })
                    })
                    .collect();
            x.insert("CognitoIdentityProviders".into(), Value::Array(providers));
        }
        if !ip.supported_login_providers.is_empty() {
            x.insert(
                "SupportedLoginProviders".into(),
                Value::Object(
                    ip.supported_login_providers
                        .iter()
                        .map(|(k, v)| (k.clone(), v.clone().into()))
                        .collect(),
                ),
            );
        }
        put(
            &mut x,
            "DeveloperProviderName",
            ip.developer_provider_name.clone(),
        );
        put_list(
            &mut x,
            "OpenIdConnectProviderARNs",
            &ip.open_id_connect_provider_arns,
        );
        put_list(&mut x, "SamlProviderARNs", &ip.saml_provider_arns);
        if !ip.tags.is_empty() {
            x.insert("IdentityPoolTags".into(), tag_list(&ip.tags));
        }
        self.add(
            &logical,
            "AWS::Cognito::IdentityPool",
            x,
            Vec::new(),
            &[("Id", &ip.id)],
        );

        if ip.roles.is_empty() && ip.role_mappings.is_empty() {
            return;
        }
        let mut x = Map::new();
        x.insert("IdentityPoolId".into(), reference(&logical));
        if !ip.roles.is_empty() {
            x.insert(
                "Roles".into(),
                Value::Object(
                    ip.roles
                        .iter()
                        .map(|(k, arn)| (k.clone(), role_arn(&self.ids, arn)))
                        .collect(),
                ),
            );
        }
        if !ip.role_mappings.is_empty() {
            let mut mappings = Map::new();
            for (key, m) in &ip.role_mappings {
                let mut rm = Map::new();
                let map_key = match self.scope.owned_provider(key) {
                    Some((pool, client)) => {
                        let pool_l = self.ids.pool(&pool.id).unwrap_or_default().to_string();
                        let client_l = self
                            .ids
                            .clients
                            .get(&(pool.id.clone(), client.clone()))
                            .cloned()
                            .unwrap_or_default();
                        rm.insert(
                            "IdentityProvider".into(),
                            json!({ "Fn::Join": [":", [get_att(&pool_l, "ProviderName"), reference(&client_l)]] }),
                        );
                        client_l
                    }
                    None => {
                        rm.insert("IdentityProvider".into(), key.clone().into());
                        key.clone()
                    }
                };
                rm.insert("Type".into(), m.mapping_type.clone().into());
                put(
                    &mut rm,
                    "AmbiguousRoleResolution",
                    m.ambiguous_role_resolution.clone(),
                );
                if m.mapping_type == "Rules" {
                    let rules: Vec<Value> = m
                        .rules
                        .iter()
                        .map(|r| {
                            json!({
                                "Claim": r.claim,
                                "MatchType": r.match_type,
                                "Value": r.value,
                                "RoleARN": role_arn(&self.ids, &r.role_arn),
                            })
                        })
                        .collect();
                    rm.insert("RulesConfiguration".into(), json!({ "Rules": rules }));
                }
                mappings.insert(map_key, Value::Object(rm));
            }
            x.insert("RoleMappings".into(), Value::Object(mappings));
        }
        let Some(l) = self.ids.attachments.get(&ip.id).cloned() else {
            return;
        };
        self.add(
            &l,
            "AWS::Cognito::IdentityPoolRoleAttachment",
            x,
            Vec::new(),
            &[("Id", &ip.id)],
        );
    }

    fn role(&mut self, r: &Role) {
        let Some(logical) = self.ids.roles.get(&r.arn).cloned() else {
            return;
        };
        let mut x = Map::new();
        x.insert("RoleName".into(), r.name.clone().into());
        x.insert("Path".into(), r.path.clone().into());
        put(&mut x, "Description", r.description.clone());
        put(&mut x, "MaxSessionDuration", r.max_session_duration);
        put(
            &mut x,
            "PermissionsBoundary",
            r.permissions_boundary.clone(),
        );
        x.insert(
            "AssumeRolePolicyDocument".into(),
            link_identity_pools(&r.trust_policy, &self.ids.identity_pools),
        );
        if !r.inline_policies.is_empty() {
            x.insert(
                "Policies".into(),
                Value::Array(
                    r.inline_policies
                        .iter()
                        .map(|p| json!({ "PolicyName": p.name, "PolicyDocument": p.document }))
                        .collect(),
                ),
            );
        }
        let managed: Vec<String> = r.managed_policies.iter().map(|p| p.arn.clone()).collect();
        put_list(&mut x, "ManagedPolicyArns", &managed);
        if !r.tags.is_empty() {
            x.insert("Tags".into(), tag_list(&r.tags));
        }
        self.add(
            &logical,
            "AWS::IAM::Role",
            x,
            Vec::new(),
            &[("RoleName", &r.name)],
        );
    }
}

fn tag_list(tags: &BTreeMap<String, String>) -> Value {
    Value::Array(
        tags.iter()
            .map(|(k, v)| json!({ "Key": k, "Value": v }))
            .collect(),
    )
}

/// Replaces every string in a (trust) policy that is exactly the id of an identity pool the
/// template owns with a `Ref` to it (the `cognito-identity.amazonaws.com:aud` condition).
fn link_identity_pools(doc: &Value, identity_pools: &HashMap<String, String>) -> Value {
    match doc {
        Value::String(s) => match identity_pools.get(s) {
            Some(l) => reference(l),
            None => doc.clone(),
        },
        Value::Array(a) => Value::Array(
            a.iter()
                .map(|v| link_identity_pools(v, identity_pools))
                .collect(),
        ),
        Value::Object(o) => Value::Object(
            o.iter()
                .map(|(k, v)| (k.clone(), link_identity_pools(v, identity_pools)))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// The largest template `--template-body` accepts; larger ones go through S3.
const TEMPLATE_BODY_LIMIT: usize = 51_200;

fn import_markdown(
    scope: &IacScope,
    format: TemplateFormat,
    params: &[String],
    template_len: usize,
) -> String {
    let file = format.file_name();
    let account = scope.account_id.unwrap_or("(unknown account)");
    let mut md = String::new();
    md.push_str("# Importing these Cognito resources into CloudFormation\n\n");
    md.push_str(&format!(
        "Written by `cogref emit cloudformation` for account {account}, region {}. `{file}` \
         describes the live resources as they are; `resources-to-import.json` names each one \
         for an IMPORT change set. Every resource has `DeletionPolicy: Retain` and \
         `UpdateReplacePolicy: Retain`: removing it from the stack later never deletes it.\n\n",
        scope.region
    ));
    md.push_str("## 1. Create the IMPORT change set\n\n");
    if template_len > TEMPLATE_BODY_LIMIT {
        md.push_str(&format!(
            "The template is {template_len} bytes, more than the {TEMPLATE_BODY_LIMIT} that \
             `--template-body` takes: upload it to S3 and pass `--template-url` instead.\n\n"
        ));
    }
    md.push_str("```sh\n");
    md.push_str("aws cloudformation create-change-set \\\n");
    md.push_str(&format!("  --region {} \\\n", scope.region));
    md.push_str("  --stack-name cognito \\\n");
    md.push_str("  --change-set-name cogref-import \\\n");
    md.push_str("  --change-set-type IMPORT \\\n");
    md.push_str(&format!("  --template-body file://{file} \\\n"));
    md.push_str("  --resources-to-import file://resources-to-import.json \\\n");
    if !params.is_empty() {
        md.push_str("  --parameters file://parameters.json \\\n");
    }
    md.push_str("  --capabilities CAPABILITY_NAMED_IAM\n");
    md.push_str("```\n\n");
    md.push_str(
        "Review it before executing: `aws cloudformation describe-change-set --stack-name \
         cognito --change-set-name cogref-import`. An existing stack works too: use its name \
         and add its own resources to the template.\n\n",
    );
    md.push_str("## 2. Execute it\n\n```sh\n");
    md.push_str(&format!(
        "aws cloudformation execute-change-set --region {} --stack-name cognito --change-set-name cogref-import\n",
        scope.region
    ));
    md.push_str("```\n\n");
    md.push_str(
        "Then run drift detection on the stack (or `cogref drift --desired TEMPLATE`): it \
         should report no differences.\n\n",
    );
    if !params.is_empty() {
        md.push_str("## Parameters (secrets)\n\n");
        md.push_str(
            "These `NoEcho` parameters stand for identity-provider secrets that cogref never \
             reads. Fill them in from your identity provider's console; an import does not \
             change the provider, but the next stack update writes the value you pass.\n\n",
        );
        md.push_str(
            "Write them to `parameters.json` (keep it out of version control), then pass it as \
             above:\n\n```json\n[\n",
        );
        for (i, p) in params.iter().enumerate() {
            let comma = if i + 1 < params.len() { "," } else { "" };
            md.push_str(&format!(
                "  {{ \"ParameterKey\": \"{p}\", \"ParameterValue\": \"...\" }}{comma}\n"
            ));
        }
        md.push_str("]\n```\n\n");
    }
    md.push_str("## Not carried over\n\n");
    md.push_str(&omissions_markdown(&scope.omissions()));
    if scope
        .identity_pools
        .iter()
        .any(|ip| !ip.roles.is_empty() || !ip.role_mappings.is_empty())
    {
        md.push_str(
        "- **IdentityPoolRoleAttachment**: identified by its `Id`, which cogref takes to be the \
         identity pool id (the registry schema's primary identifier is the read-only `Id`; \
         unconfirmed). If CloudFormation rejects it, import the identity pool first and let \
         the next update create the attachment.\n",
        );
    }
    md
}
