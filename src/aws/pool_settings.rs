//! Reads the settings CloudFormation models as resource types of their own: threat-protection
//! risk configuration (DescribeRiskConfiguration, pool-wide and per client), hosted UI
//! customization (GetUICustomization, pool-wide and per client), managed login branding
//! (DescribeManagedLoginBrandingByClient), log delivery (GetLogDeliveryConfiguration) and
//! identity pool principal tag maps (GetPrincipalTagAttributeMap, per identity provider).
//!
//! Absent is `None` (or empty), never an empty structure: a risk configuration without any of
//! its three parts, a UI customization without CSS or image, a log delivery configuration
//! without targets and a principal tag map without tags are what Cognito answers for "not
//! configured". `ResourceNotFoundException` of a branding or principal tag read also means
//! "none".
//!
//! Principal tags: a map without `PrincipalTags` is absent whatever its `UseDefaults`. What
//! GetPrincipalTagAttributeMap answers for a provider nobody configured is not documented (the
//! API reference gives the shape only) and could not be settled from public sources: the
//! Terraform provider's delete (`resourcePoolProviderPrincipalTagDelete`,
//! hashicorp/terraform-provider-aws internal/service/cognitoidentity) resets a map to
//! `UseDefaults: true` with no tags, its schema defaults `use_defaults` to true, and other
//! emulators answer an untouched provider with `ResourceNotFoundException`. Both the reset state
//! and any untouched state therefore read as none here, so neither can produce a resource or a
//! drift finding; the cost is that `UseDefaults: true` on its own is not carried (README and
//! `drift::normalise::reads_as_none` say so).
//!
//! When a read is made:
//! - risk configuration: pool-wide for every pool, and for every client; a client's answer is
//!   its own only when it names the client and has a part. The API reference of
//!   `RiskConfigurationType.ClientId` says a configuration without `ClientId` "applies to all
//!   user pool app clients that don't have client-level settings" (the pool-wide one a client
//!   inherits), and SetRiskConfiguration's says sending only `UserPoolId` and `ClientId` resets
//!   a client "to be inherited from the user pool": either answer reads as none for the client;
//! - UI customization: only for pools with a domain (SetUICustomization needs one; the hosted
//!   UI it styles is served there; drift does not report a declared one on a pool without a
//!   domain); a client's answer is its own only when its `ClientId` is the client (the
//!   GetUICustomization API reference: a client without its own gets the pool-level one, whose
//!   `ClientId` is `ALL`, and "if nothing is present, then an empty shape is returned");
//! - branding: for every client (a style needs no domain to exist, as the aws-cdk integ test
//!   `integ-managed-login-branding` shows);
//! - principal tags: for every identity provider the identity pool trusts.
//!
//! No secrets here. Pacing: the categories of `quotas.json`, and the user pool reads also by
//! their pool's own per-operation quota ([`Ctx::call_in_pool`]).

use super::scan::Ctx;
use super::RegionClients;
use crate::model;
use aws_sdk_cognitoidentityprovider::types as t;
use aws_smithy_types::Document;
use serde_json::{json, Map, Value};

/// The pool-wide risk configuration, UI customization (pools with a domain) and log delivery.
pub(crate) async fn read_pool_settings(
    ctx: &Ctx,
    c: &RegionClients,
    pool: &mut model::UserPool,
    has_domain: bool,
) {
    let resource = format!("user-pool {}", pool.id);
    let id = pool.id.as_str();
    let risk = || c.idp.describe_risk_configuration().user_pool_id(id).send();
    let logs = || {
        c.idp
            .get_log_delivery_configuration()
            .user_pool_id(id)
            .send()
    };
    let ui = async {
        if !has_domain {
            return None;
        }
        let req = || c.idp.get_ui_customization().user_pool_id(id).send();
        ctx.call_in_pool(id, &resource, "GetUICustomization", req)
            .await
    };
    let (risk, logs, ui) = futures::join!(
        ctx.call_in_pool(id, &resource, "DescribeRiskConfiguration", risk),
        ctx.call_in_pool(id, &resource, "GetLogDeliveryConfiguration", logs),
        ui
    );
    pool.risk_configuration = risk
        .as_ref()
        .and_then(|r| r.risk_configuration())
        .and_then(convert_risk);
    pool.ui_customization = ui
        .as_ref()
        .and_then(|u| u.ui_customization())
        .and_then(convert_ui);
    pool.log_delivery = logs
        .as_ref()
        .and_then(|l| l.log_delivery_configuration())
        .map(|l| l.log_configurations().iter().map(convert_log).collect())
        .unwrap_or_default();
}

/// A client's own risk configuration, UI customization (pools with a domain) and branding.
pub(crate) async fn read_client_settings(
    ctx: &Ctx,
    c: &RegionClients,
    pool_id: &str,
    client: &mut model::AppClient,
    has_domain: bool,
) {
    let resource = format!("app-client {pool_id}/{}", client.id);
    let cid = client.id.as_str();
    let risk = || {
        c.idp
            .describe_risk_configuration()
            .user_pool_id(pool_id)
            .client_id(cid)
            .send()
    };
    let branding = || {
        c.idp
            .describe_managed_login_branding_by_client()
            .user_pool_id(pool_id)
            .client_id(cid)
            .send()
    };
    let ui = async {
        if !has_domain {
            return None;
        }
        let req = || {
            c.idp
                .get_ui_customization()
                .user_pool_id(pool_id)
                .client_id(cid)
                .send()
        };
        ctx.call_in_pool(pool_id, &resource, "GetUICustomization", req)
            .await
    };
    let (risk, branding, ui) = futures::join!(
        ctx.call_in_pool(pool_id, &resource, "DescribeRiskConfiguration", risk),
        ctx.call_or_absent(
            Some(pool_id),
            &resource,
            "DescribeManagedLoginBrandingByClient",
            branding
        ),
        ui
    );
    client.risk_configuration = risk
        .as_ref()
        .and_then(|r| r.risk_configuration())
        .filter(|r| r.client_id() == Some(cid))
        .and_then(convert_risk);
    client.ui_customization = ui
        .as_ref()
        .and_then(|u| u.ui_customization())
        .filter(|u| u.client_id() == Some(cid))
        .and_then(convert_ui);
    client.managed_login_branding = branding
        .as_ref()
        .and_then(|b| b.managed_login_branding())
        .and_then(convert_branding);
}

/// The principal tag maps of every identity provider an identity pool trusts.
pub(crate) async fn read_principal_tags(
    ctx: &Ctx,
    c: &RegionClients,
    pool: &mut model::IdentityPool,
) {
    let mut providers: Vec<String> = pool
        .cognito_identity_providers
        .iter()
        .map(|p| p.provider_name.clone())
        .chain(pool.supported_login_providers.keys().cloned())
        .chain(pool.open_id_connect_provider_arns.iter().cloned())
        .chain(pool.saml_provider_arns.iter().cloned())
        .filter(|p| !p.is_empty())
        .collect();
    providers.sort();
    providers.dedup();
    let resource = format!("identity-pool {}", pool.id);
    let id = pool.id.as_str();
    let reads = providers.iter().map(|provider| {
        let resource = &resource;
        async move {
            let req = || {
                c.identity
                    .get_principal_tag_attribute_map()
                    .identity_pool_id(id)
                    .identity_provider_name(provider)
                    .send()
            };
            let out = ctx
                .call_or_absent(None, resource, "GetPrincipalTagAttributeMap", req)
                .await?;
            let map = model::PrincipalTagMap {
                use_defaults: out.use_defaults().unwrap_or(false),
                principal_tags: out
                    .principal_tags()
                    .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                    .unwrap_or_default(),
            };
            // No tags reads as none, whatever UseDefaults says (module docs).
            (!map.principal_tags.is_empty()).then(|| (provider.clone(), map))
        }
    });
    pool.principal_tags = futures::future::join_all(reads)
        .await
        .into_iter()
        .flatten()
        .collect();
}

fn convert_risk(r: &t::RiskConfigurationType) -> Option<model::RiskConfiguration> {
    let config = model::RiskConfiguration {
        compromised_credentials: r.compromised_credentials_risk_configuration().map(|c| {
            let mut m = Map::new();
            let filters: Vec<Value> = c.event_filter().iter().map(|f| json!(f.as_str())).collect();
            if !filters.is_empty() {
                m.insert("EventFilter".into(), Value::Array(filters));
            }
            if let Some(a) = c.actions() {
                m.insert(
                    "Actions".into(),
                    json!({ "EventAction": a.event_action().as_str() }),
                );
            }
            Value::Object(m)
        }),
        account_takeover: r
            .account_takeover_risk_configuration()
            .map(convert_account_takeover),
        risk_exception: r.risk_exception_configuration().and_then(|e| {
            let mut m = Map::new();
            if !e.blocked_ip_range_list().is_empty() {
                m.insert(
                    "BlockedIPRangeList".into(),
                    json!(e.blocked_ip_range_list()),
                );
            }
            if !e.skipped_ip_range_list().is_empty() {
                m.insert(
                    "SkippedIPRangeList".into(),
                    json!(e.skipped_ip_range_list()),
                );
            }
            (!m.is_empty()).then_some(Value::Object(m))
        }),
    };
    (config != model::RiskConfiguration::default()).then_some(config)
}

fn convert_account_takeover(a: &t::AccountTakeoverRiskConfigurationType) -> Value {
    let mut m = Map::new();
    if let Some(n) = a.notify_configuration() {
        let mut x = Map::new();
        for (key, value) in [("From", n.from()), ("ReplyTo", n.reply_to())] {
            if let Some(v) = value.filter(|v| !v.is_empty()) {
                x.insert(key.into(), json!(v));
            }
        }
        if !n.source_arn().is_empty() {
            x.insert("SourceArn".into(), json!(n.source_arn()));
        }
        for (key, email) in [
            ("BlockEmail", n.block_email()),
            ("NoActionEmail", n.no_action_email()),
            ("MfaEmail", n.mfa_email()),
        ] {
            let Some(e) = email else { continue };
            let mut y = Map::new();
            y.insert("Subject".into(), json!(e.subject()));
            if let Some(h) = e.html_body() {
                y.insert("HtmlBody".into(), json!(h));
            }
            if let Some(t) = e.text_body() {
                y.insert("TextBody".into(), json!(t));
            }
            x.insert(key.into(), Value::Object(y));
        }
        m.insert("NotifyConfiguration".into(), Value::Object(x));
    }
    if let Some(actions) = a.actions() {
        let mut x = Map::new();
        for (key, action) in [
            ("LowAction", actions.low_action()),
            ("MediumAction", actions.medium_action()),
            ("HighAction", actions.high_action()),
        ] {
            let Some(action) = action else { continue };
            x.insert(
                key.into(),
                json!({ "EventAction": action.event_action().as_str(), "Notify": action.notify() }),
            );
        }
        m.insert("Actions".into(), Value::Object(x));
    }
    Value::Object(m)
}

fn convert_ui(u: &t::UiCustomizationType) -> Option<model::UiCustomization> {
    let ui = model::UiCustomization {
        css: u.css().filter(|s| !s.is_empty()).map(str::to_string),
        image_url: u.image_url().filter(|s| !s.is_empty()).map(str::to_string),
    };
    (ui != model::UiCustomization::default()).then_some(ui)
}

fn convert_branding(b: &t::ManagedLoginBrandingType) -> Option<model::ManagedLoginBranding> {
    let id = b.managed_login_branding_id().filter(|i| !i.is_empty())?;
    Some(model::ManagedLoginBranding {
        id: id.to_string(),
        use_cognito_provided_values: b.use_cognito_provided_values(),
        settings: b
            .settings()
            .map(document_json)
            .filter(|v| !v.is_null() && v.as_object().map_or(true, |m| !m.is_empty())),
        assets: b
            .assets()
            .iter()
            .map(|a| {
                let mut m = Map::new();
                m.insert("Category".into(), json!(a.category().as_str()));
                m.insert("ColorMode".into(), json!(a.color_mode().as_str()));
                m.insert("Extension".into(), json!(a.extension().as_str()));
                if let Some(bytes) = a.bytes() {
                    m.insert(
                        "Bytes".into(),
                        json!(aws_smithy_types::base64::encode(bytes.as_ref())),
                    );
                }
                if let Some(r) = a.resource_id() {
                    m.insert("ResourceId".into(), json!(r));
                }
                Value::Object(m)
            })
            .collect(),
    })
}

fn convert_log(l: &t::LogConfigurationType) -> model::LogConfiguration {
    let non_empty = |s: Option<&str>| s.filter(|s| !s.is_empty()).map(str::to_string);
    model::LogConfiguration {
        event_source: l.event_source().as_str().to_string(),
        log_level: l.log_level().as_str().to_string(),
        cloud_watch_logs_log_group_arn: non_empty(
            l.cloud_watch_logs_configuration()
                .and_then(|c| c.log_group_arn()),
        ),
        s3_bucket_arn: non_empty(l.s3_configuration().and_then(|c| c.bucket_arn())),
        firehose_stream_arn: non_empty(l.firehose_configuration().and_then(|c| c.stream_arn())),
    }
}

/// A Smithy document as JSON.
fn document_json(d: &Document) -> Value {
    match d {
        Document::Object(m) => Value::Object(
            m.iter()
                .map(|(k, v)| (k.clone(), document_json(v)))
                .collect(),
        ),
        Document::Array(a) => Value::Array(a.iter().map(document_json).collect()),
        Document::Number(n) => match *n {
            aws_smithy_types::Number::PosInt(i) => json!(i),
            aws_smithy_types::Number::NegInt(i) => json!(i),
            aws_smithy_types::Number::Float(f) => json!(f),
        },
        Document::String(s) => json!(s),
        Document::Bool(b) => json!(b),
        Document::Null => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_risk_configuration_is_absent() {
        let empty = t::RiskConfigurationType::builder()
            .user_pool_id("us-east-1_x")
            .build();
        assert_eq!(convert_risk(&empty), None);
        let blocked = t::RiskConfigurationType::builder()
            .risk_exception_configuration(
                t::RiskExceptionConfigurationType::builder()
                    .blocked_ip_range_list("10.0.0.0/8")
                    .build(),
            )
            .build();
        assert_eq!(
            convert_risk(&blocked).and_then(|r| r.risk_exception),
            Some(json!({ "BlockedIPRangeList": ["10.0.0.0/8"] }))
        );
    }

    #[test]
    fn a_ui_customization_without_css_or_image_is_absent() {
        let empty = t::UiCustomizationType::builder().client_id("ALL").build();
        assert_eq!(convert_ui(&empty), None);
        let css = t::UiCustomizationType::builder().css(".x{}").build();
        assert_eq!(
            convert_ui(&css).and_then(|u| u.css).as_deref(),
            Some(".x{}")
        );
    }

    #[test]
    fn documents_become_json() {
        let mut m = std::collections::HashMap::new();
        m.insert("a".to_string(), Document::Bool(true));
        m.insert(
            "n".to_string(),
            Document::Number(aws_smithy_types::Number::PosInt(2)),
        );
        assert_eq!(
            document_json(&Document::Object(m)),
            json!({ "a": true, "n": 2 })
        );
    }
}
