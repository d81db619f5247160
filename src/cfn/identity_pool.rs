//! Identity pools, their role attachments, and the IAM roles a selection uses, as
//! CloudFormation resources.

use super::{put, put_list, reference, tag_list, CfnResource, Linking, Mapper};
use crate::model::{CognitoProvider, IdentityPool, Role};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, HashMap};

impl Mapper<'_> {
    pub(super) fn identity_pool(&mut self, ip: &IdentityPool) {
        let logical = self
            .link
            .ids()
            .and_then(|ids| ids.identity_pools.get(&ip.id))
            .cloned();
        let mut x = Map::new();
        x.insert("IdentityPoolName".into(), ip.name.clone().into());
        x.insert(
            "AllowUnauthenticatedIdentities".into(),
            ip.allow_unauthenticated_identities.into(),
        );
        put(&mut x, "AllowClassicFlow", ip.allow_classic_flow);
        if !ip.cognito_identity_providers.is_empty() {
            let providers: Vec<Value> = ip
                .cognito_identity_providers
                .iter()
                .map(|cp| {
                    let pool = cp
                        .user_pool_id
                        .clone()
                        .or_else(|| CognitoProvider::pool_id_from_provider_name(&cp.provider_name));
                    json!({
                        "ProviderName": self.link.provider_name(&cp.provider_name, pool.as_deref()),
                        "ClientId": self.link.client_id(pool.as_deref(), &cp.client_id),
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
        let mut attributes = BTreeMap::new();
        attributes.insert("Id".to_string(), ip.id.clone());
        attributes.insert("Name".to_string(), ip.name.clone());
        self.push(CfnResource {
            resource_type: "AWS::Cognito::IdentityPool",
            logical_id: logical,
            physical_id: ip.id.clone(),
            name: ip.name.clone(),
            parent: None,
            ref_value: ip.id.clone(),
            attributes,
            users: None,
            import_identifier: vec![("Id", ip.id.clone())],
            depends_on: Vec::new(),
            props: x,
        });
        if !ip.roles.is_empty() || !ip.role_mappings.is_empty() {
            self.role_attachment(ip);
        }
        self.principal_tags(ip);
    }

    fn role_attachment(&mut self, ip: &IdentityPool) {
        let mut x = Map::new();
        x.insert("IdentityPoolId".into(), self.link.identity_pool_id(&ip.id));
        if !ip.roles.is_empty() {
            x.insert(
                "Roles".into(),
                Value::Object(
                    ip.roles
                        .iter()
                        .map(|(k, arn)| (k.clone(), self.link.role_arn(arn)))
                        .collect(),
                ),
            );
        }
        if !ip.role_mappings.is_empty() {
            let mut mappings = Map::new();
            for (key, m) in &ip.role_mappings {
                let mut rm = Map::new();
                let (map_key, provider) = self.mapping_provider(key);
                rm.insert("IdentityProvider".into(), provider);
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
                                "RoleARN": self.link.role_arn(&r.role_arn),
                            })
                        })
                        .collect();
                    rm.insert("RulesConfiguration".into(), json!({ "Rules": rules }));
                }
                mappings.insert(map_key, Value::Object(rm));
            }
            x.insert("RoleMappings".into(), Value::Object(mappings));
        }
        let logical = self
            .link
            .ids()
            .and_then(|ids| ids.attachments.get(&ip.id))
            .cloned();
        let mut attributes = BTreeMap::new();
        attributes.insert("Id".to_string(), ip.id.clone());
        self.push(CfnResource {
            resource_type: "AWS::Cognito::IdentityPoolRoleAttachment",
            logical_id: logical,
            physical_id: ip.id.clone(),
            name: ip.name.clone(),
            parent: Some(ip.id.clone()),
            ref_value: ip.id.clone(),
            attributes,
            users: None,
            import_identifier: vec![("Id", ip.id.clone())],
            depends_on: Vec::new(),
            props: x,
        });
    }

    /// The key and `IdentityProvider` of a role mapping for `cognito-idp.R.amazonaws.com/POOL:CLIENT`:
    /// in a template that owns the pool and client, the client's logical id and a `Fn::Join`
    /// of the pool's provider name and the client id; otherwise the key itself.
    fn mapping_provider(&self, key: &str) -> (String, Value) {
        let owned = key.rsplit_once(':').and_then(|(provider, client)| {
            let pool_id = CognitoProvider::pool_id_from_provider_name(provider)?;
            let ids = self.link.ids()?;
            let pool_l = ids.pools.get(&pool_id)?;
            let client_l = ids.clients.get(&(pool_id.clone(), client.to_string()))?;
            Some((pool_l.clone(), client_l.clone()))
        });
        match owned {
            Some((pool_l, client_l)) => {
                let provider = json!({ "Fn::Join": [":", [
                    { "Fn::GetAtt": [pool_l, "ProviderName"] },
                    reference(&client_l),
                ]] });
                (client_l, provider)
            }
            None => (key.to_string(), key.into()),
        }
    }

    pub(super) fn role(&mut self, r: &Role) {
        let logical = self
            .link
            .ids()
            .and_then(|ids| ids.roles.get(&r.arn))
            .cloned();
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
        let trust = match self.link {
            Linking::Template(ids) => link_identity_pools(&r.trust_policy, &ids.identity_pools),
            Linking::Literal => r.trust_policy.clone(),
        };
        x.insert("AssumeRolePolicyDocument".into(), trust);
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
        let mut attributes = BTreeMap::new();
        attributes.insert("Arn".to_string(), r.arn.clone());
        self.push(CfnResource {
            resource_type: "AWS::IAM::Role",
            logical_id: logical,
            physical_id: r.arn.clone(),
            name: r.name.clone(),
            parent: None,
            ref_value: r.name.clone(),
            attributes,
            users: None,
            import_identifier: vec![("RoleName", r.name.clone())],
            depends_on: Vec::new(),
            props: x,
        });
    }
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
