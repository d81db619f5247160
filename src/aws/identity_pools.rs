//! Reads identity pools (ListIdentityPools, DescribeIdentityPool, GetIdentityPoolRoles, and
//! GetPrincipalTagAttributeMap through [`super::pool_settings`]) and
//! converts them into [`crate::model::IdentityPool`], with each Cognito provider linked to its
//! user pool id.

use super::scan::{Ctx, ScanProgress};
use super::RegionClients;
use crate::model::{self, CognitoProvider, IdentityPoolId};
use std::collections::BTreeMap;

/// ListIdentityPools, every page (60 per page, the API's maximum).
pub(crate) async fn list(ctx: &Ctx, c: &RegionClients) -> Vec<String> {
    let request = |token| {
        c.identity
            .list_identity_pools()
            .max_results(60)
            .set_next_token(token)
            .send()
    };
    ctx.paginate(
        &format!("region {}", c.region),
        "ListIdentityPools",
        request,
        |out| {
            let ids = out
                .identity_pools()
                .iter()
                .filter_map(|p| p.identity_pool_id());
            (ids.map(str::to_string).collect(), out.next_token)
        },
    )
    .await
}

/// Reads one identity pool with the clients of its region.
pub(crate) async fn read_one_in(
    ctx: &Ctx,
    clients: &BTreeMap<String, RegionClients>,
    config: &aws_config::SdkConfig,
    id: &str,
) -> Option<model::IdentityPool> {
    let region = id
        .parse::<IdentityPoolId>()
        .map(|p| p.region().to_string())
        .unwrap_or_default();
    match clients.get(&region) {
        Some(client) => read_one(ctx, client, id).await,
        None => read_one(ctx, &RegionClients::new(config, &region), id).await,
    }
}

async fn read_one(ctx: &Ctx, c: &RegionClients, id: &str) -> Option<model::IdentityPool> {
    let resource = format!("identity-pool {id}");
    let describe = || {
        c.identity
            .describe_identity_pool()
            .identity_pool_id(id)
            .send()
    };
    let roles = || {
        c.identity
            .get_identity_pool_roles()
            .identity_pool_id(id)
            .send()
    };
    let (described, roles) = futures::join!(
        ctx.call(&resource, "DescribeIdentityPool", describe),
        ctx.call(&resource, "GetIdentityPoolRoles", roles)
    );
    let d = described?;
    let mut pool = model::IdentityPool {
        id: d.identity_pool_id().to_string(),
        region: c.region.clone(),
        name: d.identity_pool_name().to_string(),
        allow_unauthenticated_identities: d.allow_unauthenticated_identities(),
        allow_classic_flow: d.allow_classic_flow(),
        cognito_identity_providers: d
            .cognito_identity_providers()
            .iter()
            .map(|p| {
                let provider_name = p.provider_name().unwrap_or_default().to_string();
                CognitoProvider {
                    user_pool_id: CognitoProvider::pool_id_from_provider_name(&provider_name),
                    provider_name,
                    client_id: p.client_id().unwrap_or_default().to_string(),
                    server_side_token_check: p.server_side_token_check().unwrap_or(false),
                }
            })
            .collect(),
        supported_login_providers: d
            .supported_login_providers()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
        developer_provider_name: d.developer_provider_name().map(str::to_string),
        open_id_connect_provider_arns: d.open_id_connect_provider_arns().to_vec(),
        saml_provider_arns: d.saml_provider_arns().to_vec(),
        tags: d
            .identity_pool_tags()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default(),
        roles: BTreeMap::new(),
        role_mappings: BTreeMap::new(),
        principal_tags: BTreeMap::new(),
    };
    if let Some(r) = roles {
        pool.roles = r
            .roles()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default();
        pool.role_mappings = r
            .role_mappings()
            .map(|m| {
                m.iter()
                    // A mapping without a type is one the SDK filled from an empty structure.
                    .filter(|(_, v)| !v.r#type().as_str().is_empty())
                    .map(|(k, v)| {
                        let mapping = model::RoleMapping {
                            mapping_type: v.r#type().as_str().to_string(),
                            ambiguous_role_resolution: v
                                .ambiguous_role_resolution()
                                .map(|a| a.as_str().to_string()),
                            rules: v
                                .rules_configuration()
                                .map(|rc| {
                                    rc.rules()
                                        .iter()
                                        .filter(|rule| {
                                            !rule.claim().is_empty() && !rule.role_arn().is_empty()
                                        })
                                        .map(|rule| model::MappingRule {
                                            claim: rule.claim().to_string(),
                                            match_type: rule.match_type().as_str().to_string(),
                                            value: rule.value().to_string(),
                                            role_arn: rule.role_arn().to_string(),
                                        })
                                        .collect()
                                })
                                .unwrap_or_default(),
                        };
                        (k.clone(), mapping)
                    })
                    .collect()
            })
            .unwrap_or_default();
    }
    super::pool_settings::read_principal_tags(ctx, c, &mut pool).await;
    ScanProgress::bump(&ctx.progress.identity_pools);
    Some(pool)
}
