//! Reads user pools and everything that hangs off them (MFA config, domains, app clients,
//! groups, identity providers, resource servers) and converts them into [`crate::model`] types.
//!
//! Secrets stop here: a client's `ClientSecret` becomes `has_secret: true` and an identity
//! provider's secret details become [`crate::model::REDACTED`].
//!
//! Empty structures are absent ones. AWS answers some reads with an empty or partial structure
//! (`"CustomDomainConfig": {}` for a prefix domain, as in the aws-cli example of
//! describe-user-pool-domain), and the SDK fills the members the model marks required with
//! `""` / `false` / an empty enum. Checked, and kept out of the snapshot when empty:
//! - DescribeUserPoolDomain `CustomDomainConfig` (`CertificateArn` ""), `CloudFrontDistribution`,
//!   `Status`;
//! - DescribeUserPool `SmsConfiguration` (`SnsCallerArn` ""; all members empty -> absent),
//!   `EmailConfiguration` and `VerificationMessageTemplate` (all members empty -> absent),
//!   `LambdaConfig.CustomSMSSender` / `CustomEmailSender` / `PreTokenGenerationConfig`
//!   (`LambdaArn` "", `LambdaVersion` ""), `UserPoolAddOns` (`AdvancedSecurityMode` "");
//! - ListUserPoolClients/DescribeUserPoolClient `RefreshTokenValidity` 0 (absent),
//!   `RefreshTokenRotation` (`Feature` "" -> absent), `AnalyticsConfiguration` (all members
//!   empty -> absent); `Policies.PasswordPolicy.TemporaryPasswordValidityDays` 0 (absent),
//!   `AdminCreateUserConfig.UnusedAccountValidityDays` 0 (absent),
//!   `UserPoolAddOns.AdvancedSecurityAdditionalFlows` without a mode (absent);
//! - DescribeUserPoolDomain `Routing.Failover` (`SecondaryRegion` "" -> absent) and
//!   `CustomDomainConfig.SecurityPolicy` (kept only with a certificate);
//! - GetIdentityPoolRoles (in [`super::identity_pools`]) role mappings with an empty `Type`,
//!   and rules with an empty `Claim` or `RoleARN`.
//!
//! Left as the SDK gives them, because the filled value is also the meaning of "absent":
//! `DeviceConfiguration` (both booleans default false), `UsernameConfiguration.CaseSensitive`
//! (false), `PasswordPolicy` booleans (false), `AdminCreateUserConfig.AllowAdminCreateUserOnly`
//! (false).

use super::pool_settings;
use super::scan::{self, Ctx, ScanProgress};
use super::RegionClients;
use crate::model::{self, is_secret_detail_key, UserPoolId};
use aws_sdk_cognitoidentityprovider::types as t;
use aws_smithy_types::date_time::Format;
use std::collections::BTreeMap;

/// ListUserPools, every page (60 per page, the API's maximum); each page's ids go to
/// `on_page` as soon as it arrives.
pub(crate) async fn list(ctx: &Ctx, c: &RegionClients, on_page: impl FnMut(Vec<String>)) {
    let request = |token| {
        c.idp
            .list_user_pools()
            .max_results(60)
            .set_next_token(token)
            .send()
    };
    ctx.paginate_each(
        &format!("region {}", c.region),
        "ListUserPools",
        request,
        |out| {
            let ids = out
                .user_pools()
                .iter()
                .filter_map(|p| p.id().map(str::to_string));
            (ids.collect(), out.next_token)
        },
        on_page,
    )
    .await
}

/// Where a pool read hands the IAM roles it finds references to (role ARN, who refers), as
/// soon as it finds them, so the roles are read while the rest of the pool still is.
pub(crate) type OnRoles<'a> = &'a (dyn Fn(Vec<(String, String)>) + Sync);

/// Reads one pool with the clients of its region. `None` when its DescribeUserPool fails (the
/// error is recorded).
pub(crate) async fn read_one(
    ctx: &Ctx,
    clients: &BTreeMap<String, RegionClients>,
    config: &aws_config::SdkConfig,
    id: &str,
    on_roles: OnRoles<'_>,
) -> Option<model::UserPool> {
    let region = id
        .parse::<UserPoolId>()
        .map(|p| p.region().to_string())
        .unwrap_or_default();
    match clients.get(&region) {
        Some(client) => read_pool(ctx, client, id, on_roles).await,
        None => read_pool(ctx, &RegionClients::new(config, &region), id, on_roles).await,
    }
}

async fn read_pool(
    ctx: &Ctx,
    c: &RegionClients,
    id: &str,
    on_roles: OnRoles<'_>,
) -> Option<model::UserPool> {
    let resource = format!("user-pool {id}");
    let describe = || c.idp.describe_user_pool().user_pool_id(id).send();
    let mfa = || c.idp.get_user_pool_mfa_config().user_pool_id(id).send();
    let (described, mfa) = futures::join!(
        ctx.call(&resource, "DescribeUserPool", describe),
        ctx.call(&resource, "GetUserPoolMfaConfig", mfa)
    );
    let described = described?;
    let up = described.user_pool()?;
    let mut pool = convert_pool(up, &c.region);
    if let Some(mfa) = mfa {
        apply_mfa(&mut pool, &mfa);
    }
    on_roles(scan::sms_role_references(&pool));
    let pool_id = pool.id.clone();
    let groups = async {
        let groups = read_groups(ctx, c, id).await;
        on_roles(scan::group_role_references(&pool_id, &groups));
        groups
    };

    let domain = async {
        match up.domain() {
            Some(d) => read_domain(ctx, c, &resource, d).await,
            None => None,
        }
    };
    let custom_domain = async {
        match up.custom_domain() {
            Some(d) => read_domain(ctx, c, &resource, d).await,
            None => None,
        }
    };
    // The pool-wide settings are read into their own value while the children are read.
    let mut settings = model::UserPool {
        id: id.to_string(),
        ..Default::default()
    };
    let has_domain = up.domain().is_some() || up.custom_domain().is_some();
    let (domain, custom_domain, clients, groups, providers, servers, ()) = futures::join!(
        domain,
        custom_domain,
        read_clients(ctx, c, id, has_domain),
        groups,
        read_identity_providers(ctx, c, id),
        read_resource_servers(ctx, c, id),
        pool_settings::read_pool_settings(ctx, c, &mut settings, has_domain)
    );
    pool.risk_configuration = settings.risk_configuration;
    pool.ui_customization = settings.ui_customization;
    pool.log_delivery = settings.log_delivery;
    pool.domain = domain;
    pool.custom_domain = custom_domain;
    pool.clients = clients;
    pool.groups = groups;
    pool.identity_providers = providers;
    pool.resource_servers = servers;
    ScanProgress::bump(&ctx.progress.user_pools);
    Some(pool)
}

async fn read_domain(
    ctx: &Ctx,
    c: &RegionClients,
    resource: &str,
    domain: &str,
) -> Option<model::Domain> {
    let req = || c.idp.describe_user_pool_domain().domain(domain).send();
    let out = ctx.call(resource, "DescribeUserPoolDomain", req).await;
    let desc = out.as_ref().and_then(|o| o.domain_description());
    Some(convert_domain(domain, desc))
}

fn convert_domain(domain: &str, desc: Option<&t::DomainDescriptionType>) -> model::Domain {
    model::Domain {
        domain: domain.to_string(),
        // A prefix domain comes back as `"CustomDomainConfig": {}`, which the SDK turns into
        // a `CertificateArn` of "": an empty configuration is an absent one.
        certificate_arn: desc
            .and_then(|d| d.custom_domain_config())
            .map(|c| c.certificate_arn().to_string())
            .and_then(non_empty),
        cloud_front_distribution: desc
            .and_then(|d| d.cloud_front_distribution())
            .map(str::to_string)
            .and_then(non_empty),
        managed_login_version: desc.and_then(|d| d.managed_login_version()),
        status: desc
            .and_then(|d| d.status())
            .map(|s| s.as_str().to_string())
            .and_then(non_empty),
        // A security policy belongs to a custom domain's configuration: kept only with a
        // certificate, so `"CustomDomainConfig": {}` stays absent.
        security_policy: desc
            .and_then(|d| d.custom_domain_config())
            .filter(|c| !c.certificate_arn().trim().is_empty())
            .and_then(|c| c.security_policy())
            .map(|p| p.as_str().to_string())
            .and_then(non_empty),
        failover: desc
            .and_then(|d| d.routing())
            .and_then(|r| r.failover())
            .filter(|f| !f.secondary_region().trim().is_empty())
            .map(|f| model::DomainFailover {
                secondary_region: f.secondary_region().to_string(),
                primary_route53_health_check_id: non_empty(
                    f.primary_route53_health_check_id().to_string(),
                ),
            }),
    }
}

async fn read_clients(
    ctx: &Ctx,
    c: &RegionClients,
    pool_id: &str,
    has_domain: bool,
) -> Vec<model::AppClient> {
    let resource = format!("user-pool {pool_id}");
    let request = |token| {
        c.idp
            .list_user_pool_clients()
            .user_pool_id(pool_id)
            .max_results(60)
            .set_next_token(token)
            .send()
    };
    let ids = ctx
        .paginate(&resource, "ListUserPoolClients", request, |out| {
            let ids = out.user_pool_clients().iter().filter_map(|d| d.client_id());
            (ids.map(str::to_string).collect::<Vec<_>>(), out.next_token)
        })
        .await;
    let reads = ids.iter().map(|client_id| async move {
        let resource = format!("app-client {pool_id}/{client_id}");
        let req = || {
            c.idp
                .describe_user_pool_client()
                .user_pool_id(pool_id)
                .client_id(client_id)
                .send()
        };
        let out = ctx
            .call_in_pool(pool_id, &resource, "DescribeUserPoolClient", req)
            .await?;
        let mut client = convert_client(out.user_pool_client()?);
        pool_settings::read_client_settings(ctx, c, pool_id, &mut client, has_domain).await;
        ScanProgress::bump(&ctx.progress.clients);
        Some(client)
    });
    futures::future::join_all(reads)
        .await
        .into_iter()
        .flatten()
        .collect()
}

async fn read_groups(ctx: &Ctx, c: &RegionClients, pool_id: &str) -> Vec<model::Group> {
    let resource = format!("user-pool {pool_id}");
    let request = |token| {
        c.idp
            .list_groups()
            .user_pool_id(pool_id)
            .limit(60)
            .set_next_token(token)
            .send()
    };
    ctx.paginate(&resource, "ListGroups", request, |out| {
        let groups = out.groups().iter().map(|g| model::Group {
            name: g.group_name().unwrap_or_default().to_string(),
            description: g.description().map(str::to_string),
            precedence: g.precedence(),
            role_arn: g.role_arn().map(str::to_string),
        });
        (groups.collect(), out.next_token)
    })
    .await
}

async fn read_identity_providers(
    ctx: &Ctx,
    c: &RegionClients,
    pool_id: &str,
) -> Vec<model::IdentityProvider> {
    let resource = format!("user-pool {pool_id}");
    let request = |token| {
        c.idp
            .list_identity_providers()
            .user_pool_id(pool_id)
            .max_results(60)
            .set_next_token(token)
            .send()
    };
    let names = ctx
        .paginate(&resource, "ListIdentityProviders", request, |out| {
            let names = out.providers().iter().filter_map(|p| p.provider_name());
            (
                names.map(str::to_string).collect::<Vec<_>>(),
                out.next_token,
            )
        })
        .await;
    let reads = names.iter().map(|name| async move {
        let resource = format!("identity-provider {pool_id}/{name}");
        let req = || {
            c.idp
                .describe_identity_provider()
                .user_pool_id(pool_id)
                .provider_name(name)
                .send()
        };
        // One read per provider of the pool: paced by the pool's own 5/s per operation too.
        let out = ctx
            .call_in_pool(pool_id, &resource, "DescribeIdentityProvider", req)
            .await?;
        out.identity_provider().map(convert_identity_provider)
    });
    futures::future::join_all(reads)
        .await
        .into_iter()
        .flatten()
        .collect()
}

async fn read_resource_servers(
    ctx: &Ctx,
    c: &RegionClients,
    pool_id: &str,
) -> Vec<model::ResourceServer> {
    let resource = format!("user-pool {pool_id}");
    let request = |token| {
        c.idp
            .list_resource_servers()
            .user_pool_id(pool_id)
            .max_results(50)
            .set_next_token(token)
            .send()
    };
    ctx.paginate(&resource, "ListResourceServers", request, |out| {
        let servers = out
            .resource_servers()
            .iter()
            .map(|rs| model::ResourceServer {
                identifier: rs.identifier().unwrap_or_default().to_string(),
                name: rs.name().unwrap_or_default().to_string(),
                scopes: rs
                    .scopes()
                    .iter()
                    .map(|s| model::ResourceServerScope {
                        name: s.scope_name().to_string(),
                        description: s.scope_description().to_string(),
                    })
                    .collect(),
            });
        (servers.collect(), out.next_token)
    })
    .await
}

/// `None` for a structure whose members are all absent (`{}`).
trait NonEmpty: Default + PartialEq + Sized {
    fn into_non_empty(self) -> Option<Self> {
        (self != Self::default()).then_some(self)
    }
}

impl<T: Default + PartialEq> NonEmpty for T {}

/// `None` for an empty string (a required member the SDK filled in).
fn non_empty(s: String) -> Option<String> {
    Some(s).filter(|s| !s.trim().is_empty())
}

fn strings(list: &[String]) -> Vec<String> {
    list.to_vec()
}

fn date(d: Option<&aws_smithy_types::DateTime>) -> Option<String> {
    d.and_then(|d| d.fmt(Format::DateTime).ok())
}

fn convert_pool(up: &t::UserPoolType, region: &str) -> model::UserPool {
    let policy = up.policies();
    let password_policy = policy
        .and_then(|p| p.password_policy())
        .map(|p| model::PasswordPolicy {
            minimum_length: p.minimum_length(),
            require_uppercase: p.require_uppercase(),
            require_lowercase: p.require_lowercase(),
            require_numbers: p.require_numbers(),
            require_symbols: p.require_symbols(),
            password_history_size: p.password_history_size(),
            temporary_password_validity_days: Some(p.temporary_password_validity_days())
                .filter(|d| *d != 0),
        });
    let allowed_first_auth_factors = policy
        .and_then(|p| p.sign_in_policy())
        .map(|s| {
            s.allowed_first_auth_factors()
                .iter()
                .map(|f| f.as_str().to_string())
                .collect()
        })
        .unwrap_or_default();
    model::UserPool {
        id: up.id().unwrap_or_default().to_string(),
        region: region.to_string(),
        name: up.name().unwrap_or_default().to_string(),
        arn: up.arn().map(str::to_string),
        creation_date: date(up.creation_date()),
        last_modified_date: date(up.last_modified_date()),
        estimated_number_of_users: i64::from(up.estimated_number_of_users()),
        username_attributes: up
            .username_attributes()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        alias_attributes: up
            .alias_attributes()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        username_case_sensitive: up.username_configuration().map(|u| u.case_sensitive()),
        auto_verified_attributes: up
            .auto_verified_attributes()
            .iter()
            .map(|a| a.as_str().to_string())
            .collect(),
        attributes_require_verification_before_update: up
            .user_attribute_update_settings()
            .map(|s| {
                s.attributes_require_verification_before_update()
                    .iter()
                    .map(|a| a.as_str().to_string())
                    .collect()
            })
            .unwrap_or_default(),
        schema: up.schema_attributes().iter().map(convert_schema).collect(),
        password_policy,
        allowed_first_auth_factors,
        web_authn: None,
        mfa_configuration: up.mfa_configuration().map(|m| m.as_str().to_string()),
        enabled_mfas: Vec::new(),
        sms_authentication_message: up.sms_authentication_message().map(str::to_string),
        sms_configuration: up.sms_configuration().and_then(convert_sms),
        sms_verification_message: up.sms_verification_message().map(str::to_string),
        email_verification_message: up.email_verification_message().map(str::to_string),
        email_verification_subject: up.email_verification_subject().map(str::to_string),
        verification_message_template: up.verification_message_template().and_then(|v| {
            model::VerificationMessageTemplate {
                default_email_option: v
                    .default_email_option()
                    .map(|o| o.as_str().to_string())
                    .and_then(non_empty),
                email_message: v.email_message().map(str::to_string),
                email_subject: v.email_subject().map(str::to_string),
                email_message_by_link: v.email_message_by_link().map(str::to_string),
                email_subject_by_link: v.email_subject_by_link().map(str::to_string),
                sms_message: v.sms_message().map(str::to_string),
            }
            .into_non_empty()
        }),
        email_configuration: up.email_configuration().and_then(|e| {
            model::EmailConfiguration {
                email_sending_account: e
                    .email_sending_account()
                    .map(|a| a.as_str().to_string())
                    .and_then(non_empty),
                source_arn: e.source_arn().map(str::to_string),
                from: e.from().map(str::to_string),
                reply_to_email_address: e.reply_to_email_address().map(str::to_string),
                configuration_set: e.configuration_set().map(str::to_string),
            }
            .into_non_empty()
        }),
        lambda_config: up.lambda_config().map(convert_lambda).unwrap_or_default(),
        account_recovery: up
            .account_recovery_setting()
            .map(|a| {
                a.recovery_mechanisms()
                    .iter()
                    .map(|m| model::RecoveryOption {
                        priority: m.priority(),
                        name: m.name().as_str().to_string(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        admin_create_user_config: up.admin_create_user_config().map(|a| {
            let template = a.invite_message_template();
            model::AdminCreateUserConfig {
                allow_admin_create_user_only: a.allow_admin_create_user_only(),
                invite_email_message: template.and_then(|t| t.email_message()).map(str::to_string),
                invite_email_subject: template.and_then(|t| t.email_subject()).map(str::to_string),
                invite_sms_message: template.and_then(|t| t.sms_message()).map(str::to_string),
                unused_account_validity_days: Some(a.unused_account_validity_days())
                    .filter(|d| *d != 0),
            }
        }),
        device_configuration: up
            .device_configuration()
            .map(|d| model::DeviceConfiguration {
                challenge_required_on_new_device: d.challenge_required_on_new_device(),
                device_only_remembered_on_user_prompt: d.device_only_remembered_on_user_prompt(),
            }),
        advanced_security_mode: up
            .user_pool_add_ons()
            .map(|a| a.advanced_security_mode().as_str().to_string())
            .and_then(non_empty),
        deletion_protection: up.deletion_protection().map(|d| d.as_str().to_string()),
        user_pool_tier: up.user_pool_tier().map(|t| t.as_str().to_string()),
        tags: up
            .user_pool_tags()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
        domain: None,
        custom_domain: None,
        clients: Vec::new(),
        groups: Vec::new(),
        identity_providers: Vec::new(),
        resource_servers: Vec::new(),
        // Email MFA's message comes from GetUserPoolMfaConfig (apply_mfa).
        email_authentication_message: None,
        email_authentication_subject: None,
        advanced_security_custom_auth_mode: up
            .user_pool_add_ons()
            .and_then(|a| a.advanced_security_additional_flows())
            .and_then(|f| f.custom_auth_mode())
            .map(|m| m.as_str().to_string())
            .and_then(non_empty),
        ..Default::default()
    }
}

fn convert_schema(a: &t::SchemaAttributeType) -> model::SchemaAttribute {
    model::SchemaAttribute {
        name: a.name().unwrap_or_default().to_string(),
        data_type: a.attribute_data_type().map(|d| d.as_str().to_string()),
        developer_only: a.developer_only_attribute().unwrap_or(false),
        mutable: a.mutable().unwrap_or(false),
        required: a.required().unwrap_or(false),
        string_min_length: a
            .string_attribute_constraints()
            .and_then(|c| c.min_length())
            .map(str::to_string),
        string_max_length: a
            .string_attribute_constraints()
            .and_then(|c| c.max_length())
            .map(str::to_string),
        number_min_value: a
            .number_attribute_constraints()
            .and_then(|c| c.min_value())
            .map(str::to_string),
        number_max_value: a
            .number_attribute_constraints()
            .and_then(|c| c.max_value())
            .map(str::to_string),
    }
}

fn convert_sms(s: &t::SmsConfigurationType) -> Option<model::SmsConfiguration> {
    let sms = model::SmsConfiguration {
        sns_caller_arn: non_empty(s.sns_caller_arn().to_string()),
        external_id: s.external_id().map(str::to_string).and_then(non_empty),
        sns_region: s.sns_region().map(str::to_string).and_then(non_empty),
    };
    (sms != model::SmsConfiguration::default()).then_some(sms)
}

fn convert_lambda(l: &t::LambdaConfigType) -> BTreeMap<String, String> {
    let mut m = BTreeMap::new();
    let mut put = |k: &str, v: Option<&str>| {
        if let Some(v) = v.filter(|v| !v.trim().is_empty()) {
            m.insert(k.to_string(), v.to_string());
        }
    };
    put("PreSignUp", l.pre_sign_up());
    put("CustomMessage", l.custom_message());
    put("PostConfirmation", l.post_confirmation());
    put("PreAuthentication", l.pre_authentication());
    put("PostAuthentication", l.post_authentication());
    put("DefineAuthChallenge", l.define_auth_challenge());
    put("CreateAuthChallenge", l.create_auth_challenge());
    put(
        "VerifyAuthChallengeResponse",
        l.verify_auth_challenge_response(),
    );
    put("PreTokenGeneration", l.pre_token_generation());
    put("UserMigration", l.user_migration());
    put("KMSKeyID", l.kms_key_id());
    // Each nested trigger has two required members; `{}` comes back with both filled with ""
    // and means no trigger: kept only with a function ARN.
    let nested = [
        (
            "PreTokenGenerationConfig",
            l.pre_token_generation_config()
                .map(|p| (p.lambda_arn(), p.lambda_version().as_str())),
        ),
        (
            "CustomSMSSender",
            l.custom_sms_sender()
                .map(|p| (p.lambda_arn(), p.lambda_version().as_str())),
        ),
        (
            "CustomEmailSender",
            l.custom_email_sender()
                .map(|p| (p.lambda_arn(), p.lambda_version().as_str())),
        ),
    ];
    for (name, config) in nested {
        if let Some((arn, version)) = config.filter(|(arn, _)| !arn.trim().is_empty()) {
            put(&format!("{name}.LambdaArn"), Some(arn));
            put(&format!("{name}.LambdaVersion"), Some(version));
        }
    }
    m
}

fn apply_mfa(
    pool: &mut model::UserPool,
    mfa: &aws_sdk_cognitoidentityprovider::operation::get_user_pool_mfa_config::GetUserPoolMfaConfigOutput,
) {
    if let Some(m) = mfa.mfa_configuration() {
        pool.mfa_configuration = Some(m.as_str().to_string());
    }
    let mut enabled = Vec::new();
    if let Some(sms) = mfa.sms_mfa_configuration() {
        enabled.push("SMS_MFA".to_string());
        if let Some(msg) = sms.sms_authentication_message() {
            pool.sms_authentication_message = Some(msg.to_string());
        }
        if pool.sms_configuration.is_none() {
            pool.sms_configuration = sms.sms_configuration().and_then(convert_sms);
        }
    }
    if mfa
        .software_token_mfa_configuration()
        .is_some_and(|s| s.enabled())
    {
        enabled.push("SOFTWARE_TOKEN_MFA".to_string());
    }
    if let Some(email) = mfa.email_mfa_configuration() {
        enabled.push("EMAIL_OTP".to_string());
        pool.email_authentication_message = email.message().map(str::to_string).and_then(non_empty);
        pool.email_authentication_subject = email.subject().map(str::to_string).and_then(non_empty);
    }
    pool.enabled_mfas = enabled;
    if let Some(w) = mfa.web_authn_configuration() {
        pool.web_authn = Some(model::WebAuthnConfig {
            relying_party_id: w.relying_party_id().map(str::to_string),
            user_verification: w.user_verification().map(|u| u.as_str().to_string()),
            factor_configuration: w
                .factor_configuration()
                .map(|f| f.as_str().to_string())
                .and_then(non_empty),
        });
    }
}

fn convert_client(c: &t::UserPoolClientType) -> model::AppClient {
    model::AppClient {
        id: c.client_id().unwrap_or_default().to_string(),
        name: c.client_name().unwrap_or_default().to_string(),
        // The secret's value is dropped right here; only its existence is kept.
        has_secret: c.client_secret().is_some_and(|s| !s.is_empty()),
        access_token_validity: c.access_token_validity(),
        id_token_validity: c.id_token_validity(),
        refresh_token_validity: Some(c.refresh_token_validity()).filter(|v| *v != 0),
        token_validity_units: c.token_validity_units().map(|u| model::TokenValidityUnits {
            access_token: u.access_token().map(|x| x.as_str().to_string()),
            id_token: u.id_token().map(|x| x.as_str().to_string()),
            refresh_token: u.refresh_token().map(|x| x.as_str().to_string()),
        }),
        auth_session_validity: c.auth_session_validity(),
        explicit_auth_flows: c
            .explicit_auth_flows()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        supported_identity_providers: strings(c.supported_identity_providers()),
        callback_urls: strings(c.callback_urls()),
        logout_urls: strings(c.logout_urls()),
        default_redirect_uri: c.default_redirect_uri().map(str::to_string),
        allowed_oauth_flows: c
            .allowed_o_auth_flows()
            .iter()
            .map(|f| f.as_str().to_string())
            .collect(),
        allowed_oauth_scopes: strings(c.allowed_o_auth_scopes()),
        allowed_oauth_flows_user_pool_client: c
            .allowed_o_auth_flows_user_pool_client()
            .unwrap_or(false),
        read_attributes: strings(c.read_attributes()),
        write_attributes: strings(c.write_attributes()),
        prevent_user_existence_errors: c
            .prevent_user_existence_errors()
            .map(|p| p.as_str().to_string()),
        enable_token_revocation: c.enable_token_revocation(),
        enable_propagate_additional_user_context_data: c
            .enable_propagate_additional_user_context_data(),
        analytics_configuration: c.analytics_configuration().and_then(|a| {
            model::AnalyticsConfiguration {
                application_id: a.application_id().map(str::to_string).and_then(non_empty),
                application_arn: a.application_arn().map(str::to_string).and_then(non_empty),
                role_arn: a.role_arn().map(str::to_string).and_then(non_empty),
                external_id: a.external_id().map(str::to_string).and_then(non_empty),
                user_data_shared: a.user_data_shared(),
            }
            .into_non_empty()
        }),
        // `{}` comes back with `Feature` filled with "": no rotation configured.
        refresh_token_rotation: c
            .refresh_token_rotation()
            .filter(|r| !r.feature().as_str().trim().is_empty())
            .map(|r| model::RefreshTokenRotation {
                feature: r.feature().as_str().to_string(),
                retry_grace_period_seconds: r.retry_grace_period_seconds(),
            }),
        ..Default::default()
    }
}

fn convert_identity_provider(p: &t::IdentityProviderType) -> model::IdentityProvider {
    let details = p
        .provider_details()
        .map(|d| {
            d.iter()
                .map(|(k, v)| {
                    let value = if is_secret_detail_key(k) {
                        model::REDACTED.to_string()
                    } else {
                        v.clone()
                    };
                    (k.clone(), value)
                })
                .collect()
        })
        .unwrap_or_default();
    model::IdentityProvider {
        name: p.provider_name().unwrap_or_default().to_string(),
        provider_type: p
            .provider_type()
            .map(|t| t.as_str().to_string())
            .unwrap_or_default(),
        details,
        attribute_mapping: p
            .attribute_mapping()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
        idp_identifiers: strings(p.idp_identifiers()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// DescribeUserPoolDomain for a prefix domain, as in the aws-cli example: the SDK's
    /// deserializer turns `"CustomDomainConfig": {}` into a `CertificateArn` of ""
    /// (`CustomDomainConfigType::deserialize`: `certificate_arn.or(Some(String::new()))`).
    #[test]
    fn an_empty_custom_domain_config_is_absent() {
        let empty = t::CustomDomainConfigType::builder()
            .certificate_arn("")
            .build()
            .unwrap();
        let desc = t::DomainDescriptionType::builder()
            .user_pool_id("us-west-2_EXAMPLE")
            .domain("my-domain")
            .custom_domain_config(empty)
            .cloud_front_distribution("d111111abcdef8.cloudfront.net")
            .status(t::DomainStatusType::Active)
            .build();
        let d = convert_domain("my-domain", Some(&desc));
        assert_eq!(d.certificate_arn, None);
        assert_eq!(
            d.cloud_front_distribution.as_deref(),
            Some("d111111abcdef8.cloudfront.net")
        );
        let cert = "arn:aws:acm:us-east-1:111122223333:certificate/a1b2";
        let custom = t::DomainDescriptionType::builder()
            .custom_domain_config(
                t::CustomDomainConfigType::builder()
                    .certificate_arn(cert)
                    .build()
                    .unwrap(),
            )
            .build();
        let d = convert_domain("auth.example.com", Some(&custom));
        assert_eq!(d.certificate_arn.as_deref(), Some(cert));
        assert_eq!(convert_domain("x", None).certificate_arn, None);
    }

    #[test]
    fn empty_sms_email_message_and_add_on_structures_are_absent() {
        let sms = t::SmsConfigurationType::builder()
            .sns_caller_arn("")
            .build();
        assert_eq!(convert_sms(&sms), None);
        let sms = t::SmsConfigurationType::builder()
            .sns_caller_arn("arn:aws:iam::111122223333:role/sms")
            .build();
        assert_eq!(
            convert_sms(&sms).and_then(|s| s.sns_caller_arn).as_deref(),
            Some("arn:aws:iam::111122223333:role/sms")
        );
        let up = t::UserPoolType::builder()
            .id("us-east-1_x")
            .email_configuration(t::EmailConfigurationType::builder().build())
            .verification_message_template(t::VerificationMessageTemplateType::builder().build())
            .user_pool_add_ons(
                t::UserPoolAddOnsType::builder()
                    .advanced_security_mode(t::AdvancedSecurityModeType::from(""))
                    .build()
                    .unwrap(),
            )
            .sms_configuration(
                t::SmsConfigurationType::builder()
                    .sns_caller_arn("")
                    .build(),
            )
            .build();
        let pool = convert_pool(&up, "us-east-1");
        assert_eq!(pool.email_configuration, None);
        assert_eq!(pool.verification_message_template, None);
        assert_eq!(pool.advanced_security_mode, None);
        assert_eq!(pool.sms_configuration, None);
    }

    /// The fields carried since issue 11: read when set, absent when AWS answers an empty
    /// structure (the SDK fills required members with "" / 0).
    #[test]
    fn issue_11_fields_are_read_and_empty_ones_are_absent() {
        let client = |rotation: Option<t::RefreshTokenRotationType>,
                      analytics: Option<t::AnalyticsConfigurationType>| {
            convert_client(
                &t::UserPoolClientType::builder()
                    .client_id("c")
                    .set_refresh_token_rotation(rotation)
                    .set_analytics_configuration(analytics)
                    .build(),
            )
        };
        let empty_rotation = t::RefreshTokenRotationType::builder()
            .feature(t::FeatureType::from(""))
            .build()
            .unwrap();
        let c = client(
            Some(empty_rotation),
            Some(t::AnalyticsConfigurationType::builder().build()),
        );
        assert_eq!(
            (c.refresh_token_rotation, c.analytics_configuration),
            (None, None)
        );
        let rotation = t::RefreshTokenRotationType::builder()
            .feature(t::FeatureType::Enabled)
            .retry_grace_period_seconds(10)
            .build()
            .unwrap();
        let analytics = t::AnalyticsConfigurationType::builder()
            .application_arn("arn:aws:mobiletargeting:us-east-1:111122223333:apps/a")
            .user_data_shared(true)
            .build();
        let c = client(Some(rotation), Some(analytics));
        assert_eq!(
            c.refresh_token_rotation,
            Some(model::RefreshTokenRotation {
                feature: "ENABLED".into(),
                retry_grace_period_seconds: Some(10)
            })
        );
        let a = c.analytics_configuration.unwrap();
        assert!(a.user_data_shared && a.application_id.is_none());

        let pool = |unused: i32, flows: Option<t::AdvancedSecurityAdditionalFlowsType>| {
            let up = t::UserPoolType::builder()
                .admin_create_user_config(
                    t::AdminCreateUserConfigType::builder()
                        .unused_account_validity_days(unused)
                        .build(),
                )
                .user_pool_add_ons(
                    t::UserPoolAddOnsType::builder()
                        .advanced_security_mode(t::AdvancedSecurityModeType::Off)
                        .set_advanced_security_additional_flows(flows)
                        .build()
                        .unwrap(),
                )
                .build();
            convert_pool(&up, "us-east-1")
        };
        let p = pool(
            0,
            Some(t::AdvancedSecurityAdditionalFlowsType::builder().build()),
        );
        let unused = |p: &model::UserPool| {
            p.admin_create_user_config
                .as_ref()
                .and_then(|a| a.unused_account_validity_days)
        };
        assert_eq!(unused(&p), None);
        assert_eq!(p.advanced_security_custom_auth_mode, None);
        let p = pool(
            7,
            Some(
                t::AdvancedSecurityAdditionalFlowsType::builder()
                    .custom_auth_mode(t::AdvancedSecurityEnabledModeType::Enforced)
                    .build(),
            ),
        );
        assert_eq!(unused(&p), Some(7));
        assert_eq!(
            p.advanced_security_custom_auth_mode.as_deref(),
            Some("ENFORCED")
        );

        // A security policy only with a certificate; a failover only with a region.
        let domain = |cert: &str, region: &str| {
            let desc = t::DomainDescriptionType::builder()
                .custom_domain_config(
                    t::CustomDomainConfigType::builder()
                        .certificate_arn(cert)
                        .security_policy(t::SecurityPolicyType::TlsV122021)
                        .build()
                        .unwrap(),
                )
                .routing(
                    t::RoutingType::builder()
                        .failover(
                            t::FailoverType::builder()
                                .secondary_region(region)
                                .primary_route53_health_check_id("")
                                .build()
                                .unwrap(),
                        )
                        .build(),
                )
                .build();
            convert_domain("d", Some(&desc))
        };
        let d = domain("", "");
        assert_eq!((d.security_policy, d.failover), (None, None));
        let d = domain(
            "arn:aws:acm:us-east-1:111122223333:certificate/a",
            "us-west-2",
        );
        assert_eq!(d.security_policy.as_deref(), Some("TLS_V1_2_2021"));
        assert_eq!(
            d.failover,
            Some(model::DomainFailover {
                secondary_region: "us-west-2".into(),
                primary_route53_health_check_id: None
            })
        );
    }

    #[test]
    fn empty_nested_triggers_are_absent() {
        let l = t::LambdaConfigType::builder()
            .pre_sign_up("arn:aws:lambda:us-east-1:111122223333:function:pre")
            .custom_sms_sender(
                t::CustomSmsLambdaVersionConfigType::builder()
                    .lambda_arn("")
                    .lambda_version(t::CustomSmsSenderLambdaVersionType::from(""))
                    .build()
                    .unwrap(),
            )
            .custom_email_sender(
                t::CustomEmailLambdaVersionConfigType::builder()
                    .lambda_arn("arn:aws:lambda:us-east-1:111122223333:function:mail")
                    .lambda_version(t::CustomEmailSenderLambdaVersionType::V10)
                    .build()
                    .unwrap(),
            )
            .build();
        let m = convert_lambda(&l);
        let keys: Vec<&str> = m.keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "CustomEmailSender.LambdaArn",
                "CustomEmailSender.LambdaVersion",
                "PreSignUp"
            ]
        );
        assert_eq!(m["CustomEmailSender.LambdaVersion"], "V1_0");
    }
}
