//! Picking the app client and identity pool when the user names only the user pool: the only
//! compatible combination, or the list of candidates with why each fits or not.
//!
//! A combination is compatible when the client has no secret and the identity pool lists the
//! pool + client among its Cognito providers (the two things referenceAuth cannot work around).
//! With no compatible combination but exactly one linked one (identity pool accepts it, client
//! has a secret), that one is chosen so the check reports `client-secret` on it.

use crate::model::{AppClient, IdentityPool, Snapshot, UserPool};
use serde::Serialize;

/// Something named on the command line that the snapshot does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ResolveError {
    #[error("--pool {0}: no such user pool in the snapshot")]
    PoolNotFound(String),
    #[error("--client {client}: no such app client in user pool {pool}")]
    ClientNotFound { pool: String, client: String },
    #[error("--identity-pool {0}: no such identity pool in the snapshot")]
    IdentityPoolNotFound(String),
}

/// One client + identity pool pair that could be meant, and why it fits or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Candidate {
    pub client_id: String,
    pub client_name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_pool_id: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_pool_name: Option<String>,
    pub fits: bool,
    /// Why it fits (one reason) or every reason it does not.
    pub reasons: Vec<String>,
}

/// The outcome of resolving a pool (+ optional client, identity pool) to one combination.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The chosen combination, when exactly one candidate fits (or both were named).
    pub chosen: Option<(String, String)>,
    /// Every candidate considered, in pool-client order then identity-pool id order.
    pub candidates: Vec<Candidate>,
    /// What was picked automatically, e.g. `app client (the only compatible one)`.
    pub picked: Vec<String>,
}

/// Resolves the combination. Both `client` and `identity_pool` given: taken as is (the rules
/// then report what is wrong with it). Otherwise candidates are listed and the only one that
/// fits is chosen.
pub fn resolve(
    snapshot: &Snapshot,
    pool_id: &str,
    client: Option<&str>,
    identity_pool: Option<&str>,
) -> Result<Resolution, ResolveError> {
    let pool = snapshot
        .user_pool(pool_id)
        .ok_or_else(|| ResolveError::PoolNotFound(pool_id.to_string()))?;
    let clients: Vec<&AppClient> = match client {
        Some(id) => vec![pool
            .client(id)
            .ok_or_else(|| ResolveError::ClientNotFound {
                pool: pool_id.to_string(),
                client: id.to_string(),
            })?],
        None => pool.clients.iter().collect(),
    };
    let fixed_ip: Option<&IdentityPool> = match identity_pool {
        Some(id) => Some(
            snapshot
                .identity_pool(id)
                .ok_or_else(|| ResolveError::IdentityPoolNotFound(id.to_string()))?,
        ),
        None => None,
    };
    if let (Some(c), Some(ip)) = (clients.first(), fixed_ip) {
        if client.is_some() {
            return Ok(Resolution {
                chosen: Some((c.id.clone(), ip.id.clone())),
                candidates: Vec::new(),
                picked: Vec::new(),
            });
        }
    }

    let mut candidates = Vec::new();
    for c in &clients {
        let ips: Vec<&IdentityPool> = match fixed_ip {
            Some(ip) => vec![ip],
            None => snapshot
                .identity_pools
                .iter()
                .filter(|ip| accepts(ip, pool, c))
                .collect(),
        };
        if ips.is_empty() {
            let mut reasons =
                vec!["no identity pool in the snapshot accepts this client".to_string()];
            if c.has_secret {
                reasons.push("the client has a secret".to_string());
            }
            candidates.push(Candidate {
                client_id: c.id.clone(),
                client_name: c.name.clone(),
                identity_pool_id: None,
                identity_pool_name: None,
                fits: false,
                reasons,
            });
        }
        for ip in ips {
            let mut reasons = Vec::new();
            if c.has_secret {
                reasons.push("the client has a secret".to_string());
            }
            if !accepts(ip, pool, c) {
                reasons.push(
                    "the identity pool does not list this pool + client as a provider".to_string(),
                );
            }
            let fits = reasons.is_empty();
            if fits {
                reasons.push("public client accepted by the identity pool".to_string());
            }
            candidates.push(Candidate {
                client_id: c.id.clone(),
                client_name: c.name.clone(),
                identity_pool_id: Some(ip.id.clone()),
                identity_pool_name: Some(ip.name.clone()),
                fits,
                reasons,
            });
        }
    }
    // The only fitting candidate; failing that, the only linked one (its client has a secret:
    // checking it says so with a finding, which tells more than a list of misfits).
    let fitting: Vec<&Candidate> = candidates.iter().filter(|c| c.fits).collect();
    let linked: Vec<&Candidate> = candidates
        .iter()
        .filter(|c| {
            c.identity_pool_id.as_deref().is_some_and(|ip| {
                snapshot.identity_pool(ip).is_some_and(|ip| {
                    pool.client(&c.client_id)
                        .is_some_and(|client| accepts(ip, pool, client))
                })
            })
        })
        .collect();
    let only = match (fitting.as_slice(), linked.as_slice()) {
        ([only], _) | ([], [only]) => Some(*only),
        _ => None,
    };
    let chosen = only.and_then(|c| {
        c.identity_pool_id
            .clone()
            .map(|ip| (c.client_id.clone(), ip))
    });
    let mut picked = Vec::new();
    if chosen.is_some() {
        if client.is_none() {
            picked.push(format!(
                "app client (the only {} one)",
                if fitting.is_empty() {
                    "linked"
                } else {
                    "compatible"
                }
            ));
        }
        if identity_pool.is_none() {
            picked.push(format!(
                "identity pool (the only {} one)",
                if fitting.is_empty() {
                    "linked"
                } else {
                    "compatible"
                }
            ));
        }
    }
    Ok(Resolution {
        chosen,
        candidates,
        picked,
    })
}

/// Whether the identity pool lists this pool (by its region's provider name) and client.
pub fn accepts(ip: &IdentityPool, pool: &UserPool, client: &AppClient) -> bool {
    let name = pool.provider_name();
    ip.cognito_identity_providers
        .iter()
        .any(|p| p.provider_name == name && p.client_id == client.id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::{sample, PARTNER, SHOP, SHOP_BACKEND, SHOP_IDENTITY, SHOP_WEB};

    #[test]
    fn the_only_compatible_combination_is_picked() {
        let s = sample();
        let r = resolve(&s, SHOP, None, None).unwrap();
        assert_eq!(
            r.chosen,
            Some((SHOP_WEB.to_string(), SHOP_IDENTITY.to_string()))
        );
        assert_eq!(r.picked.len(), 2);
        // shop-backend (secret, no identity pool) is listed with its reasons.
        let backend = r
            .candidates
            .iter()
            .find(|c| c.client_name == "shop-backend")
            .unwrap();
        assert!(!backend.fits);
        assert!(
            backend.reasons.iter().any(|x| x.contains("secret")),
            "{backend:?}"
        );
    }

    #[test]
    fn no_compatible_combination_lists_every_client() {
        let s = sample();
        let field = s.user_pools.iter().find(|p| p.name == "field-ops").unwrap();
        let r = resolve(&s, &field.id, None, None).unwrap();
        assert_eq!(r.chosen, None);
        assert_eq!(r.candidates.len(), 2);
        assert!(r.candidates.iter().all(|c| !c.fits));
    }

    #[test]
    fn a_named_identity_pool_that_does_not_accept_the_pool_is_explained() {
        let s = sample();
        let r = resolve(&s, PARTNER, None, Some(SHOP_IDENTITY)).unwrap();
        assert_eq!(r.chosen, None);
        assert!(r
            .candidates
            .iter()
            .all(|c| c.reasons.iter().any(|x| x.contains("does not list"))));
    }

    #[test]
    fn the_only_linked_client_is_chosen_even_with_a_secret() {
        let mut s = sample();
        let ip = s
            .identity_pools
            .iter_mut()
            .find(|i| i.id == SHOP_IDENTITY)
            .unwrap();
        ip.cognito_identity_providers[0].client_id = SHOP_BACKEND.into();
        let r = resolve(&s, SHOP, None, None).unwrap();
        assert_eq!(
            r.chosen,
            Some((SHOP_BACKEND.to_string(), SHOP_IDENTITY.to_string()))
        );
        assert_eq!(r.picked[0], "app client (the only linked one)");
    }

    #[test]
    fn unknown_ids_are_errors() {
        let s = sample();
        assert!(matches!(
            resolve(&s, "us-east-1_nope", None, None),
            Err(ResolveError::PoolNotFound(_))
        ));
        assert!(matches!(
            resolve(&s, SHOP, Some("nope"), None),
            Err(ResolveError::ClientNotFound { .. })
        ));
        assert!(matches!(
            resolve(&s, SHOP, None, Some("us-east-1:0000")),
            Err(ResolveError::IdentityPoolNotFound(_))
        ));
    }
}
