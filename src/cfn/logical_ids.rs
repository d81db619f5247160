//! Logical ids of the resources a template owns: readable (`UserPoolShopCustomers`), unique,
//! and deterministic (assigned in snapshot order).

use super::pool_settings::{pool_setting_ids, BRANDING, LOG_DELIVERY, PRINCIPAL_TAG, RISK, UI};
use super::Selection;
use crate::emit::iac::{pascal_case, Namer};
use crate::model::CognitoProvider;
use std::collections::HashMap;

/// Logical ids of everything the template owns, keyed by physical id.
#[derive(Debug, Default)]
pub struct LogicalIds {
    pub pools: HashMap<String, String>,
    pub clients: HashMap<(String, String), String>,
    pub idps: HashMap<(String, String), String>,
    pub resource_servers: HashMap<(String, String), String>,
    pub groups: HashMap<(String, String), String>,
    pub domains: HashMap<(String, String), String>,
    pub identity_pools: HashMap<String, String>,
    pub attachments: HashMap<String, String>,
    pub roles: HashMap<String, String>,
    /// Risk and UI attachments, branding styles, log delivery and principal tag maps, by
    /// (resource type, physical id).
    pub settings: HashMap<(&'static str, String), String>,
}

impl LogicalIds {
    pub fn assign(selection: Selection) -> LogicalIds {
        let mut namer = Namer::default();
        let mut ids = LogicalIds::default();
        for p in selection.user_pools {
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
            for (rtype, physical, label) in pool_setting_ids(p) {
                let kind = setting_prefix(rtype);
                let l = namer.unique(format!("{kind}{short}{}", pascal_case(&label)), "");
                ids.settings.insert((rtype, physical), l);
            }
        }
        for ip in selection.identity_pools {
            let suffix = pascal_case(ip.id.split(':').nth(1).unwrap_or(&ip.id));
            let l = namer.unique(format!("IdentityPool{}", pascal_case(&ip.name)), &suffix);
            let a = namer.unique(
                format!(
                    "IdentityPoolRoleAttachment{}",
                    l.strip_prefix("IdentityPool").unwrap_or(&l)
                ),
                "",
            );
            for provider in ip.principal_tags.keys() {
                // A user pool the template owns is named by its short name, not its long
                // provider name (`cognito-idp.REGION.amazonaws.com/POOL_ID`).
                let label = CognitoProvider::pool_id_from_provider_name(provider)
                    .and_then(|pool| ids.pools.get(&pool))
                    .map(|pool| pool.strip_prefix("UserPool").unwrap_or(pool).to_string())
                    .unwrap_or_else(|| pascal_case(provider));
                let t = namer.unique(
                    format!(
                        "IdentityPoolPrincipalTag{}{label}",
                        l.strip_prefix("IdentityPool").unwrap_or(&l),
                    ),
                    "",
                );
                ids.settings
                    .insert((PRINCIPAL_TAG, format!("{}/{provider}", ip.id)), t);
            }
            ids.identity_pools.insert(ip.id.clone(), l);
            ids.attachments.insert(ip.id.clone(), a);
        }
        for r in selection.roles {
            let l = namer.unique(
                format!("Role{}", pascal_case(&r.name)),
                &pascal_case(&r.path),
            );
            ids.roles.insert(r.arn.clone(), l);
        }
        ids
    }
}

/// The logical id prefix of a settings resource type.
fn setting_prefix(rtype: &str) -> &'static str {
    match rtype {
        RISK => "UserPoolRiskConfiguration",
        UI => "UserPoolUICustomization",
        BRANDING => "ManagedLoginBranding",
        LOG_DELIVERY => "LogDeliveryConfiguration",
        _ => "Setting",
    }
}
