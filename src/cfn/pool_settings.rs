//! The settings CloudFormation models as resources of their own (issue 13): threat-protection
//! risk configuration and hosted UI customization (pool-wide as `ClientId: ALL`, and per
//! client), managed login branding per client, log delivery per pool, and identity pool
//! principal tag maps per identity provider.
//!
//! Physical ids (what drift matches on): `POOL_ID/CLIENT_ID` (or `POOL_ID/ALL`) for risk and
//! UI attachments, `POOL_ID/BRANDING_ID` for a branding style, the pool id for log delivery,
//! `IDENTITY_POOL_ID/PROVIDER_NAME` for a principal tag map. Their match names are the client
//! id (`ALL` pool-wide) and the provider name; log delivery is matched by its pool.

use super::{put, CfnResource, Mapper};
use crate::model::{
    AppClient, IdentityPool, LogConfiguration, ManagedLoginBranding, RiskConfiguration,
    UiCustomization, UserPool,
};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

pub const RISK: &str = "AWS::Cognito::UserPoolRiskConfigurationAttachment";
pub const UI: &str = "AWS::Cognito::UserPoolUICustomizationAttachment";
pub const BRANDING: &str = "AWS::Cognito::ManagedLoginBranding";
pub const LOG_DELIVERY: &str = "AWS::Cognito::LogDeliveryConfiguration";
pub const PRINCIPAL_TAG: &str = "AWS::Cognito::IdentityPoolPrincipalTag";

/// The client id a pool-wide attachment names.
pub const ALL_CLIENTS: &str = "ALL";

impl Mapper<'_> {
    /// The pool's settings resources: pool-wide ones, then each client's.
    pub(super) fn pool_settings(&mut self, p: &UserPool) {
        if let Some(r) = &p.risk_configuration {
            self.risk(p, None, r);
        }
        if let Some(u) = &p.ui_customization {
            self.ui(p, None, u);
        }
        for c in &p.clients {
            if let Some(r) = &c.risk_configuration {
                self.risk(p, Some(c), r);
            }
            if let Some(u) = &c.ui_customization {
                self.ui(p, Some(c), u);
            }
            if let Some(b) = &c.managed_login_branding {
                self.branding(p, c, b);
            }
        }
        if !p.log_delivery.is_empty() {
            self.log_delivery(p);
        }
    }

    /// `ClientId` of an attachment: `ALL`, or the client (a `Ref` when the template owns it).
    fn attachment_client(&self, p: &UserPool, c: Option<&AppClient>) -> (String, Value) {
        match c {
            None => (ALL_CLIENTS.to_string(), json!(ALL_CLIENTS)),
            Some(c) => (c.id.clone(), self.link.client_id(Some(&p.id), &c.id)),
        }
    }

    fn risk(&mut self, p: &UserPool, c: Option<&AppClient>, r: &RiskConfiguration) {
        let (client, client_value) = self.attachment_client(p, c);
        let mut x = Map::new();
        x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
        x.insert("ClientId".into(), client_value);
        put(
            &mut x,
            "CompromisedCredentialsRiskConfiguration",
            r.compromised_credentials.clone(),
        );
        put(
            &mut x,
            "AccountTakeoverRiskConfiguration",
            r.account_takeover.clone(),
        );
        put(
            &mut x,
            "RiskExceptionConfiguration",
            r.risk_exception.clone(),
        );
        let physical = format!("{}/{client}", p.id);
        let mut res = self.setting(RISK, &physical, &client, Some(&p.id), x);
        res.import_identifier = vec![("UserPoolId", p.id.clone()), ("ClientId", client)];
        self.push(res);
    }

    fn ui(&mut self, p: &UserPool, c: Option<&AppClient>, u: &UiCustomization) {
        let (client, client_value) = self.attachment_client(p, c);
        let mut x = Map::new();
        x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
        x.insert("ClientId".into(), client_value);
        // ImageUrl is read-only: CloudFormation cannot upload the image (IMPORT.md says so).
        put(&mut x, "CSS", u.css.clone());
        let physical = format!("{}/{client}", p.id);
        let mut res = self.setting(UI, &physical, &client, Some(&p.id), x);
        res.import_identifier = vec![("UserPoolId", p.id.clone()), ("ClientId", client)];
        // The hosted UI it styles is served on the pool's domain: create that first.
        if let Some(ids) = self.link.ids() {
            let mut domains: Vec<String> = [&p.domain, &p.custom_domain]
                .into_iter()
                .flatten()
                .filter_map(|d| ids.domains.get(&(p.id.clone(), d.domain.clone())).cloned())
                .collect();
            domains.sort();
            res.depends_on = domains;
        }
        self.push(res);
    }

    fn branding(&mut self, p: &UserPool, c: &AppClient, b: &ManagedLoginBranding) {
        let mut x = Map::new();
        x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
        x.insert("ClientId".into(), self.link.client_id(Some(&p.id), &c.id));
        if b.use_cognito_provided_values {
            x.insert("UseCognitoProvidedValues".into(), true.into());
        }
        put(&mut x, "Settings", b.settings.clone());
        if !b.assets.is_empty() {
            x.insert("Assets".into(), Value::Array(b.assets.clone()));
        }
        let physical = format!("{}/{}", p.id, b.id);
        let mut res = self.setting(BRANDING, &physical, &c.id, Some(&p.id), x);
        res.ref_value = physical.clone();
        res.attributes
            .insert("ManagedLoginBrandingId".into(), b.id.clone());
        res.import_identifier = vec![
            ("UserPoolId", p.id.clone()),
            ("ManagedLoginBrandingId", b.id.clone()),
        ];
        self.push(res);
    }

    fn log_delivery(&mut self, p: &UserPool) {
        let mut x = Map::new();
        x.insert("UserPoolId".into(), self.link.pool_id(&p.id));
        x.insert(
            "LogConfigurations".into(),
            Value::Array(p.log_delivery.iter().map(log_configuration).collect()),
        );
        let mut res = self.setting(LOG_DELIVERY, &p.id, &p.id, Some(&p.id), x);
        res.attributes.insert("Id".into(), p.id.clone());
        // The registry schema's primary identifier is the read-only `Id`; cogref takes it to
        // be the user pool id (unconfirmed, IMPORT.md says so).
        res.import_identifier = vec![("Id", p.id.clone())];
        self.push(res);
    }

    /// One resource per identity provider with a principal tag map.
    pub(super) fn principal_tags(&mut self, ip: &IdentityPool) {
        for (provider, map) in &ip.principal_tags {
            let mut x = Map::new();
            x.insert("IdentityPoolId".into(), self.link.identity_pool_id(&ip.id));
            let pool = crate::model::CognitoProvider::pool_id_from_provider_name(provider);
            x.insert(
                "IdentityProviderName".into(),
                self.link.provider_name(provider, pool.as_deref()),
            );
            if map.use_defaults {
                x.insert("UseDefaults".into(), true.into());
            }
            if !map.principal_tags.is_empty() {
                x.insert(
                    "PrincipalTags".into(),
                    Value::Object(
                        map.principal_tags
                            .iter()
                            .map(|(k, v)| (k.clone(), v.clone().into()))
                            .collect(),
                    ),
                );
            }
            let physical = format!("{}/{provider}", ip.id);
            let mut res = self.setting(PRINCIPAL_TAG, &physical, provider, Some(&ip.id), x);
            res.import_identifier = vec![
                ("IdentityPoolId", ip.id.clone()),
                ("IdentityProviderName", provider.clone()),
            ];
            self.push(res);
        }
    }

    fn setting(
        &self,
        resource_type: &'static str,
        physical: &str,
        name: &str,
        parent: Option<&str>,
        props: Map<String, Value>,
    ) -> CfnResource {
        let logical = self
            .link
            .ids()
            .and_then(|ids| ids.settings.get(&(resource_type, physical.to_string())))
            .cloned();
        CfnResource {
            resource_type,
            logical_id: logical,
            physical_id: physical.to_string(),
            name: name.to_string(),
            parent: parent.map(str::to_string),
            ref_value: physical.to_string(),
            attributes: BTreeMap::new(),
            users: None,
            import_identifier: Vec::new(),
            depends_on: Vec::new(),
            props,
        }
    }
}

fn log_configuration(l: &LogConfiguration) -> Value {
    let mut m = Map::new();
    m.insert("EventSource".into(), l.event_source.clone().into());
    m.insert("LogLevel".into(), l.log_level.clone().into());
    if let Some(a) = &l.cloud_watch_logs_log_group_arn {
        m.insert(
            "CloudWatchLogsConfiguration".into(),
            json!({ "LogGroupArn": a }),
        );
    }
    if let Some(a) = &l.s3_bucket_arn {
        m.insert("S3Configuration".into(), json!({ "BucketArn": a }));
    }
    if let Some(a) = &l.firehose_stream_arn {
        m.insert("FirehoseConfiguration".into(), json!({ "StreamArn": a }));
    }
    Value::Object(m)
}

/// The physical ids of the settings resources of a user pool and of an identity pool, by
/// resource type, for logical ids (in mapping order).
pub(super) fn pool_setting_ids(p: &UserPool) -> Vec<(&'static str, String, String)> {
    let mut out = Vec::new();
    if p.risk_configuration.is_some() {
        out.push((RISK, format!("{}/{ALL_CLIENTS}", p.id), "All".to_string()));
    }
    if p.ui_customization.is_some() {
        out.push((UI, format!("{}/{ALL_CLIENTS}", p.id), "All".to_string()));
    }
    for c in &p.clients {
        if c.risk_configuration.is_some() {
            out.push((RISK, format!("{}/{}", p.id, c.id), c.name.clone()));
        }
        if c.ui_customization.is_some() {
            out.push((UI, format!("{}/{}", p.id, c.id), c.name.clone()));
        }
        if let Some(b) = &c.managed_login_branding {
            out.push((BRANDING, format!("{}/{}", p.id, b.id), c.name.clone()));
        }
    }
    if !p.log_delivery.is_empty() {
        out.push((LOG_DELIVERY, p.id.clone(), String::new()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{resources, snapshot_resources, Linking, LogicalIds, Selection};
    use super::*;
    use crate::model::Snapshot;

    fn sample() -> Snapshot {
        crate::model::sample_snapshot()
    }

    fn of_type<'a>(rs: &'a [CfnResource], t: &str) -> Vec<&'a CfnResource> {
        rs.iter().filter(|r| r.resource_type == t).collect()
    }

    #[test]
    fn literal_mapping_identifies_each_setting_by_pool_client_or_provider() {
        let s = sample();
        let shop = s
            .user_pools
            .iter()
            .find(|p| p.name == "shop-customers")
            .unwrap();
        let web = shop.clients.iter().find(|c| c.name == "shop-web").unwrap();
        let rs = snapshot_resources(&s);
        let risk = of_type(&rs, RISK);
        let ids: Vec<&str> = risk.iter().map(|r| r.physical_id.as_str()).collect();
        assert_eq!(
            ids,
            [
                format!("{}/ALL", shop.id),
                format!("{}/{}", shop.id, web.id)
            ]
        );
        assert_eq!(risk[0].name, "ALL");
        assert_eq!(risk[0].props["ClientId"], json!("ALL"));
        assert_eq!(risk[1].props["ClientId"], json!(web.id));
        assert_eq!(risk[1].parent.as_deref(), Some(shop.id.as_str()));
        assert_eq!(of_type(&rs, UI).len(), 2);
        let branding = of_type(&rs, BRANDING);
        assert_eq!(branding.len(), 1);
        assert_eq!(branding[0].name, web.id, "matched by its client");
        assert_eq!(
            branding[0].import_identifier,
            vec![
                ("UserPoolId", shop.id.clone()),
                (
                    "ManagedLoginBrandingId",
                    web.managed_login_branding.as_ref().unwrap().id.clone()
                )
            ]
        );
        let logs = of_type(&rs, LOG_DELIVERY);
        assert_eq!(logs.len(), 1);
        assert_eq!(logs[0].physical_id, shop.id);
        assert_eq!(
            logs[0].props["LogConfigurations"][0]["CloudWatchLogsConfiguration"]["LogGroupArn"],
            json!("arn:aws:logs:us-east-1:123456789012:log-group:/aws/cognito/shop-customers")
        );
        let tags = of_type(&rs, PRINCIPAL_TAG);
        assert_eq!(tags.len(), 1);
        assert_eq!(tags[0].name, shop.provider_name());
        assert_eq!(
            tags[0].props["PrincipalTags"],
            json!({"client": "aud", "tier": "custom:tier"})
        );
        // UseDefaults false is the default: not written.
        assert!(tags[0].props.get("UseDefaults").is_none());
        // The other pools have none of these.
        for t in [RISK, UI, BRANDING, LOG_DELIVERY] {
            assert!(of_type(&rs, t)
                .iter()
                .all(|r| r.parent.as_deref() == Some(shop.id.as_str())));
        }
    }

    #[test]
    fn template_mapping_links_pool_client_domain_and_provider() {
        let s = sample();
        let pools: Vec<&UserPool> = s.user_pools.iter().collect();
        let ips: Vec<&IdentityPool> = s.identity_pools.iter().collect();
        let selection = Selection {
            account_id: s.account_id.as_deref(),
            user_pools: &pools,
            identity_pools: &ips,
            roles: &[],
        };
        let mapped = resources(
            selection,
            &Linking::Template(Box::new(LogicalIds::assign(selection))),
        );
        let by_logical = |l: &str| {
            mapped
                .resources
                .iter()
                .find(|r| r.logical_id.as_deref() == Some(l))
                .unwrap_or_else(|| panic!("{l}"))
        };
        let ui = by_logical("UserPoolUICustomizationShopCustomersShopWeb");
        assert_eq!(
            ui.props["UserPoolId"],
            json!({"Ref": "UserPoolShopCustomers"})
        );
        assert_eq!(
            ui.props["ClientId"],
            json!({"Ref": "UserPoolClientShopCustomersShopWeb"})
        );
        assert_eq!(
            ui.depends_on,
            vec!["UserPoolDomainShopCustomers".to_string()]
        );
        assert!(ui.props.get("ImageUrl").is_none());
        let tag = by_logical("IdentityPoolPrincipalTagShopIdentityShopCustomers");
        assert_eq!(
            tag.props["IdentityProviderName"],
            json!({"Fn::GetAtt": ["UserPoolShopCustomers", "ProviderName"]})
        );
        assert_eq!(
            tag.props["IdentityPoolId"],
            json!({"Ref": "IdentityPoolShopIdentity"})
        );
        assert!(by_logical("LogDeliveryConfigurationShopCustomers")
            .depends_on
            .is_empty());
    }

    #[test]
    fn absent_settings_make_no_resources() {
        let mut s = sample();
        for p in &mut s.user_pools {
            p.risk_configuration = None;
            p.ui_customization = None;
            p.log_delivery.clear();
            for c in &mut p.clients {
                c.risk_configuration = None;
                c.ui_customization = None;
                c.managed_login_branding = None;
            }
        }
        for ip in &mut s.identity_pools {
            ip.principal_tags.clear();
        }
        let rs = snapshot_resources(&s);
        for t in [RISK, UI, BRANDING, LOG_DELIVERY, PRINCIPAL_TAG] {
            assert!(of_type(&rs, t).is_empty(), "{t}");
        }
        // And serialising such a snapshot writes none of the new fields.
        let text = serde_json::to_string(&s).unwrap();
        for field in [
            "risk_configuration",
            "ui_customization",
            "log_delivery",
            "managed_login_branding",
            "principal_tags",
        ] {
            assert!(!text.contains(field), "{field}");
        }
    }
}
