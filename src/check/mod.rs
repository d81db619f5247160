//! Readiness rules for Amplify's referenceAuth: pure evaluation of a snapshot, producing
//! findings with stable codes. Never prints.
//!
//! The rules are those Amplify's deploy-time check enforces (see COGNITO-FACTS.md,
//! "referenceAuth") plus what Amplify does not check but users trip on (role trust policies,
//! guest access without an unauthenticated role, no password policy). Every finding carries a
//! stable kebab-case [`Code`]; [`Code::ALL`] is the full list, snapshot-tested.
//!
//! Group roles: cogref writes `groups` from the pool's own groups, so Amplify's "a groups role
//! ARN matches no group" can only fail for a mapping the user wrote by hand; `--group NAME=ARN`
//! checks such a mapping ([`Code::GroupRoleUnmatched`]). For the pool's own groups cogref checks
//! what it can see: that each group role exists in the snapshot ([`Code::RoleUnreadable`]) and
//! trusts this identity pool for authenticated identities ([`Code::RoleTrust`]).

mod resolve;
mod trust;

pub use resolve::{accepts, resolve, Candidate, Resolution, ResolveError};
pub use trust::{trust_problem, TrustProblem};

use crate::model::{AppClient, IdentityPool, Snapshot, UserPool};
use serde::{Serialize, Serializer};

/// The stable code of a finding. Never renamed: scripts match on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Code {
    IdentityPoolNoCognitoProvider,
    AliasAttributes,
    IdpWithoutDomain,
    ClientMissingRedirectUrls,
    GroupRoleUnmatched,
    NotIdentityPoolProvider,
    AppRegionMismatch,
    IdentityPoolRoleMissing,
    RoleMismatch,
    ClientSecret,
    RoleUnreadable,
    RoleTrust,
    GuestAccessWithoutUnauthRole,
    NoPasswordPolicy,
}

impl Code {
    pub const ALL: [Code; 14] = [
        Code::IdentityPoolNoCognitoProvider,
        Code::AliasAttributes,
        Code::IdpWithoutDomain,
        Code::ClientMissingRedirectUrls,
        Code::GroupRoleUnmatched,
        Code::NotIdentityPoolProvider,
        Code::AppRegionMismatch,
        Code::IdentityPoolRoleMissing,
        Code::RoleMismatch,
        Code::ClientSecret,
        Code::RoleUnreadable,
        Code::RoleTrust,
        Code::GuestAccessWithoutUnauthRole,
        Code::NoPasswordPolicy,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Code::IdentityPoolNoCognitoProvider => "identity-pool-no-cognito-provider",
            Code::AliasAttributes => "alias-attributes",
            Code::IdpWithoutDomain => "idp-without-domain",
            Code::ClientMissingRedirectUrls => "client-missing-redirect-urls",
            Code::GroupRoleUnmatched => "group-role-unmatched",
            Code::NotIdentityPoolProvider => "not-identity-pool-provider",
            Code::AppRegionMismatch => "app-region-mismatch",
            Code::IdentityPoolRoleMissing => "identity-pool-role-missing",
            Code::RoleMismatch => "role-mismatch",
            Code::ClientSecret => "client-secret",
            Code::RoleUnreadable => "role-unreadable",
            Code::RoleTrust => "role-trust",
            Code::GuestAccessWithoutUnauthRole => "guest-access-without-unauth-role",
            Code::NoPasswordPolicy => "no-password-policy",
        }
    }

    /// Whether Amplify's own deploy-time check fails on this (the others are cogref's extra
    /// checks of what breaks later, at sign-in).
    pub fn amplify_rejects(self) -> bool {
        !matches!(
            self,
            Code::RoleUnreadable
                | Code::RoleTrust
                | Code::GuestAccessWithoutUnauthRole
                | Code::NoPasswordPolicy
        )
    }
}

impl Serialize for Code {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

impl std::fmt::Display for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One reason a combination is not ready.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub code: Code,
    /// What the finding is about, e.g. `user-pool partner-portal (us-east-1_abc)`.
    pub resource: String,
    /// One line saying what is wrong.
    pub message: String,
    /// Why it matters.
    pub why: String,
    /// How to fix it; when `fix_impossible`, what to do instead.
    pub fix: String,
    /// The setting cannot change on this resource: the fix is a new resource.
    pub fix_impossible: bool,
    /// Amplify's deploy-time check fails on this.
    pub amplify_rejects: bool,
}

impl Finding {
    fn new(code: Code, resource: String, message: String, why: &str, fix: String) -> Self {
        Finding {
            code,
            resource,
            message,
            why: why.to_string(),
            fix,
            fix_impossible: false,
            amplify_rejects: code.amplify_rejects(),
        }
    }

    fn impossible(mut self) -> Self {
        self.fix_impossible = true;
        self
    }
}

/// What the user said beyond the three resources.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckOptions {
    /// The region the Amplify app deploys to; defaults to the user pool's region.
    pub app_region: Option<String>,
    /// `authRoleArn` the user means to pass; defaults to the identity pool's.
    pub auth_role: Option<String>,
    /// `unauthRoleArn` the user means to pass; defaults to the identity pool's.
    pub unauth_role: Option<String>,
    /// A hand-written `groups` mapping (group name -> role ARN) to check.
    pub groups: Vec<(String, String)>,
}

/// A named resource for reports: id and display name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Named {
    pub id: String,
    pub name: String,
}

/// Everything `cogref check` reports: the combination, how it was chosen, and its findings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CheckReport {
    /// True when a combination was chosen and has no findings.
    pub ready: bool,
    pub user_pool: Named,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub client: Option<Named>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub identity_pool: Option<Named>,
    pub app_region: String,
    /// What cogref picked because it was not named.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub picked: Vec<String>,
    /// The candidates considered when the combination could not be chosen (or was picked).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub candidates: Vec<Candidate>,
    pub findings: Vec<Finding>,
    /// What the check could not see, e.g. identity pools in regions the snapshot does not cover.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
}

/// When no identity pool of the snapshot accepts the pool and none was named: a note saying
/// which regions were searched. An identity pool in another region can accept the pool
/// (its provider name carries the pool's region); it is found when named with
/// `--identity-pool` or when its region is scanned (`--region`), never by guessing.
pub fn unsearched_regions_note(snapshot: &Snapshot, pool: &UserPool) -> Option<String> {
    if snapshot.identity_pools_for_pool(&pool.id).next().is_some() {
        return None;
    }
    let searched = if snapshot.regions.is_empty() {
        pool.region.clone()
    } else {
        snapshot.regions.join(", ")
    };
    Some(format!(
        "no identity pool accepts user pool {}; identity pools were searched only in {searched} (the regions scanned): one in another region was not searched; name it with --identity-pool, or scan its region too (--region REGION)",
        pool.id
    ))
}

/// Resolves the combination and evaluates it: the whole of `cogref check` minus I/O.
pub fn check(
    snapshot: &Snapshot,
    pool_id: &str,
    client: Option<&str>,
    identity_pool: Option<&str>,
    options: &CheckOptions,
) -> Result<CheckReport, ResolveError> {
    let resolution = resolve(snapshot, pool_id, client, identity_pool)?;
    let pool = snapshot
        .user_pool(pool_id)
        .ok_or_else(|| ResolveError::PoolNotFound(pool_id.to_string()))?;
    let app_region = options
        .app_region
        .clone()
        .unwrap_or_else(|| pool.region.clone());
    let user_pool = Named {
        id: pool.id.clone(),
        name: pool.name.clone(),
    };
    let chosen = resolution
        .chosen
        .as_ref()
        .and_then(|(c, ip)| Some((pool.client(c)?, snapshot.identity_pool(ip)?)));
    let Some((c, ip)) = chosen else {
        return Ok(CheckReport {
            ready: false,
            user_pool,
            client: client.and_then(|id| pool.client(id)).map(|c| Named {
                id: c.id.clone(),
                name: c.name.clone(),
            }),
            identity_pool: identity_pool
                .and_then(|id| snapshot.identity_pool(id))
                .map(|ip| Named {
                    id: ip.id.clone(),
                    name: ip.name.clone(),
                }),
            app_region,
            picked: Vec::new(),
            candidates: resolution.candidates,
            findings: Vec::new(),
            notes: identity_pool
                .is_none()
                .then(|| unsearched_regions_note(snapshot, pool))
                .flatten()
                .into_iter()
                .collect(),
        });
    };
    let findings = evaluate(snapshot, pool, c, ip, options);
    Ok(CheckReport {
        ready: findings.is_empty(),
        user_pool,
        client: Some(Named {
            id: c.id.clone(),
            name: c.name.clone(),
        }),
        identity_pool: Some(Named {
            id: ip.id.clone(),
            name: ip.name.clone(),
        }),
        app_region,
        picked: resolution.picked,
        candidates: Vec::new(),
        findings,
        notes: Vec::new(),
    })
}

fn pool_ref(pool: &UserPool) -> String {
    format!("user-pool {} ({})", pool.name, pool.id)
}

fn client_ref(client: &AppClient) -> String {
    format!("app-client {} ({})", client.name, client.id)
}

fn ip_ref(ip: &IdentityPool) -> String {
    format!("identity-pool {} ({})", ip.name, ip.id)
}

/// What makes every sign-in from an Amplify client library fail, whatever the identity pool:
/// the rules `cogref emit outputs` refuses on (also part of [`evaluate`]). Today one: a client
/// secret. The Amplify libraries never send `SECRET_HASH`, and Cognito rejects `InitiateAuth`
/// of a confidential client without it (NotAuthorizedException).
pub fn sign_in_findings(client: &AppClient) -> Vec<Finding> {
    let mut out = Vec::new();
    if client.has_secret {
        out.push(
            Finding::new(
                Code::ClientSecret,
                client_ref(client),
                "the app client has a secret".into(),
                "Amplify's referenceAuth rejects confidential clients, and the Amplify client libraries send no SECRET_HASH, so Cognito rejects every sign-in with this client (NotAuthorizedException): a web or mobile app cannot keep a secret.",
                "a client secret cannot be removed after the client is created: create a public app client (no secret) and add it to the identity pool".into(),
            )
            .impossible(),
        );
    }
    out
}

/// Evaluates every rule on one combination. Findings come in rule order, then resource order.
pub fn evaluate(
    snapshot: &Snapshot,
    pool: &UserPool,
    client: &AppClient,
    ip: &IdentityPool,
    options: &CheckOptions,
) -> Vec<Finding> {
    let mut out = Vec::new();
    let app_region = options.app_region.as_deref().unwrap_or(&pool.region);

    // 1. The identity pool has no Cognito identity providers.
    if ip.cognito_identity_providers.is_empty() {
        out.push(Finding::new(
            Code::IdentityPoolNoCognitoProvider,
            ip_ref(ip),
            "the identity pool has no Cognito user pool providers".into(),
            "Amplify's referenceAuth check fails the deploy when the identity pool accepts no user pool.",
            format!(
                "add {} with client {} to the identity pool's Cognito identity providers (UpdateIdentityPool resets omitted settings: send the full current configuration)",
                pool.provider_name(),
                client.id
            ),
        ));
    }

    // 2. Alias attributes: rejected by Amplify, fixed at creation.
    if !pool.alias_attributes.is_empty() {
        out.push(
            Finding::new(
                Code::AliasAttributes,
                pool_ref(pool),
                format!(
                    "the pool signs in with alias attributes ({})",
                    pool.alias_attributes.join(", ")
                ),
                "Amplify's referenceAuth rejects pools with AliasAttributes (an open upstream issue).",
                "alias attributes cannot change after a pool is created: create a pool with username attributes and migrate the users (or use Amplify.configure without referenceAuth: cogref emit outputs)".into(),
            )
            .impossible(),
        );
    }

    // 3. Identity providers need a domain and a client with callback and logout URLs.
    if !pool.identity_providers.is_empty() {
        let names: Vec<&str> = pool
            .identity_providers
            .iter()
            .map(|i| i.name.as_str())
            .collect();
        if pool.domain.is_none() && pool.custom_domain.is_none() {
            out.push(Finding::new(
                Code::IdpWithoutDomain,
                pool_ref(pool),
                format!(
                    "the pool has identity providers ({}) but no domain",
                    names.join(", ")
                ),
                "Amplify's referenceAuth check fails when a pool with external identity providers has no hosted UI domain: federated sign-in goes through it.",
                "add a domain to the pool (CreateUserPoolDomain with a prefix or a custom domain)".into(),
            ));
        }
        let mut missing = Vec::new();
        if client.callback_urls.is_empty() {
            missing.push("callback");
        }
        if client.logout_urls.is_empty() {
            missing.push("logout");
        }
        if !missing.is_empty() {
            out.push(Finding::new(
                Code::ClientMissingRedirectUrls,
                client_ref(client),
                format!(
                    "the pool has identity providers but the client has no {} URLs",
                    missing.join(" or ")
                ),
                "Amplify's referenceAuth check fails when the pool has external identity providers and the client lacks callback or logout URLs.",
                "set CallbackURLs and LogoutURLs on the client (UpdateUserPoolClient resets omitted settings: send the full current configuration)".into(),
            ));
        }
    }

    // 4. A hand-written groups mapping whose role ARN matches no group of the pool.
    for (name, arn) in &options.groups {
        let matched = pool
            .groups
            .iter()
            .any(|g| &g.name == name && g.role_arn.as_deref() == Some(arn.as_str()));
        if !matched {
            let hint = match pool.groups.iter().find(|g| &g.name == name) {
                Some(g) => match &g.role_arn {
                    Some(actual) => format!("group {name} has role {actual}"),
                    None => format!("group {name} has no role"),
                },
                None => format!("the pool has no group {name}"),
            };
            out.push(Finding::new(
                Code::GroupRoleUnmatched,
                format!("group {name}"),
                format!("role {arn} is not the role of group {name} ({hint})"),
                "Amplify's referenceAuth check fails when a `groups` role ARN is not the role of a group of the pool, and a role under another group's name breaks group authorization rules (allow.groups).",
                "use the group's own role ARN (cogref emit reference-auth writes them from the pool)".into(),
            ));
        }
    }

    // 5. The pool + client must be a provider of the identity pool, in the app's region.
    if !ip.cognito_identity_providers.is_empty() && !accepts(ip, pool, client) {
        let accepted: Vec<String> = ip
            .cognito_identity_providers
            .iter()
            .map(|p| format!("{} client {}", p.provider_name, p.client_id))
            .collect();
        out.push(Finding::new(
            Code::NotIdentityPoolProvider,
            ip_ref(ip),
            format!(
                "the identity pool does not accept {} with client {} (it accepts: {})",
                pool.provider_name(),
                client.id,
                accepted.join("; ")
            ),
            "Amplify's referenceAuth check fails when the user pool and client are not a provider of the identity pool.",
            format!(
                "add provider {} with client {} to the identity pool (UpdateIdentityPool resets omitted settings: send the full current configuration)",
                pool.provider_name(),
                client.id
            ),
        ));
    }
    if pool.region != app_region {
        out.push(Finding::new(
            Code::AppRegionMismatch,
            pool_ref(pool),
            format!(
                "the pool is in {} but the Amplify app deploys to {app_region}",
                pool.region
            ),
            "Amplify builds the provider name from the stack's region (cognito-idp.APP_REGION.amazonaws.com/POOL), which then matches no provider of the identity pool.",
            format!("deploy the Amplify app (this branch) to {}, or reference a pool in {app_region}", pool.region),
        ));
    }
    if ip.region != app_region {
        out.push(Finding::new(
            Code::AppRegionMismatch,
            ip_ref(ip),
            format!(
                "the identity pool is in {} but the Amplify app deploys to {app_region}",
                ip.region
            ),
            "Amplify's check reads the identity pool in the stack's region and does not find it.",
            format!(
                "deploy the Amplify app to {}, or reference an identity pool in {app_region}",
                ip.region
            ),
        ));
    }

    // 6. Roles: both must be set on the identity pool, and what the user passes must match.
    let guest_without_unauth = ip.allow_unauthenticated_identities && ip.unauth_role().is_none();
    for (kind, actual, wanted) in [
        (
            "authenticated",
            ip.auth_role(),
            options.auth_role.as_deref(),
        ),
        (
            "unauthenticated",
            ip.unauth_role(),
            options.unauth_role.as_deref(),
        ),
    ] {
        match (actual, wanted) {
            (None, _) if kind == "unauthenticated" && guest_without_unauth => {}
            (None, _) => out.push(Finding::new(
                Code::IdentityPoolRoleMissing,
                ip_ref(ip),
                format!("the identity pool has no {kind} role"),
                "referenceAuth needs both authRoleArn and unauthRoleArn, and Amplify's check fails when they differ from the identity pool's roles (GetIdentityPoolRoles).",
                format!("set the {kind} role with SetIdentityPoolRoles (it replaces roles and role mappings whole: send the current ones too)"),
            )),
            (Some(actual), Some(wanted)) if actual != wanted => out.push(Finding::new(
                Code::RoleMismatch,
                ip_ref(ip),
                format!("the {kind} role {wanted} is not the identity pool's ({actual})"),
                "Amplify's referenceAuth check fails when authRoleArn/unauthRoleArn differ from the identity pool's roles.",
                format!("pass {actual}, or make {wanted} the identity pool's {kind} role with SetIdentityPoolRoles (send the current role mappings too)"),
            )),
            _ => {}
        }
    }

    // 7. A client with a secret: browsers cannot keep it, and it is fixed at creation.
    out.extend(sign_in_findings(client));

    // Not checked by Amplify. Roles that exist and trust this identity pool.
    let mut roles: Vec<(String, &str, String)> = Vec::new();
    if let Some(arn) = options.auth_role.as_deref().or(ip.auth_role()) {
        roles.push((
            arn.to_string(),
            "authenticated",
            "the authenticated role".into(),
        ));
    }
    if let Some(arn) = options.unauth_role.as_deref().or(ip.unauth_role()) {
        roles.push((
            arn.to_string(),
            "unauthenticated",
            "the unauthenticated role".into(),
        ));
    }
    for g in &pool.groups {
        if let Some(arn) = &g.role_arn {
            roles.push((
                arn.clone(),
                "authenticated",
                format!("the role of group {}", g.name),
            ));
        }
    }
    for (arn, amr, usage) in &roles {
        let Some(role) = snapshot.role(arn) else {
            let reason = snapshot
                .errors
                .iter()
                .chain(&snapshot.not_read)
                .find(|e| e.resource.contains(arn.as_str()))
                .map(|e| format!("{}: {}", e.code, e.message))
                .unwrap_or_else(|| "not in the snapshot".into());
            out.push(Finding::new(
                Code::RoleUnreadable,
                format!("role {arn}"),
                format!("{usage} could not be read ({reason})"),
                "cogref cannot verify its trust policy; a deleted role fails every credential request.",
                "check that the role exists and that cogref may call iam:GetRole (cogref iam-policy), then scan again".into(),
            ));
            continue;
        };
        if let Some(problem) = trust_problem(&role.trust_policy, &ip.id, amr) {
            let detail = match problem {
                TrustProblem::NoCognitoIdentityStatement => {
                    "does not allow sts:AssumeRoleWithWebIdentity for cognito-identity.amazonaws.com".to_string()
                }
                TrustProblem::AudMismatch(found) if found.is_empty() => {
                    "has no cognito-identity.amazonaws.com:aud condition".to_string()
                }
                TrustProblem::AudMismatch(found) => format!(
                    "trusts identity pool {} instead of this one",
                    found.join(", ")
                ),
                TrustProblem::AmrMismatch(found) if found.is_empty() => {
                    "has no cognito-identity.amazonaws.com:amr condition".to_string()
                }
                TrustProblem::AmrMismatch(found) => {
                    format!("restricts amr to {} instead of {amr}", found.join(", "))
                }
            };
            out.push(Finding::new(
                Code::RoleTrust,
                format!("role {arn}"),
                format!("the trust policy of {usage} {detail}"),
                "Identities of this identity pool cannot assume the role (or any identity pool's can): sign-in succeeds but getting AWS credentials fails.",
                format!(
                    "trust cognito-identity.amazonaws.com for sts:AssumeRoleWithWebIdentity with StringEquals cognito-identity.amazonaws.com:aud = {} and ForAnyValue:StringLike cognito-identity.amazonaws.com:amr = {amr} (iam update-assume-role-policy)",
                    ip.id
                ),
            ));
        }
    }

    if guest_without_unauth {
        out.push(Finding::new(
            Code::GuestAccessWithoutUnauthRole,
            ip_ref(ip),
            "guest access is enabled but the identity pool has no unauthenticated role".into(),
            "Guests get an identity but no credentials, and referenceAuth needs an unauthRoleArn equal to the identity pool's (none).",
            "set an unauthenticated role with SetIdentityPoolRoles (send the current roles and mappings too), or disable guest access".into(),
        ));
    }

    if pool.password_policy.is_none() {
        out.push(Finding::new(
            Code::NoPasswordPolicy,
            pool_ref(pool),
            "the pool has no password policy".into(),
            "Amplify's generated config then carries no password rules, so sign-up forms cannot validate passwords before Cognito rejects them.",
            "set Policies.PasswordPolicy with UpdateUserPool (it resets omitted settings: send the full current configuration)".into(),
        ));
    }
    out
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::model::{CognitoProvider, Group, IdentityProvider, Snapshot};

    pub const SHOP: &str = "us-east-1_7bf47042bd1541c8b764fbda3108d448";
    pub const SHOP_WEB: &str = "ed7bf656218a45368c99a89444";
    pub const SHOP_BACKEND: &str = "570210496a394aa69abac50dca";
    pub const SHOP_IDENTITY: &str = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718";
    pub const PARTNER: &str = "us-east-1_78f2ce6bd46b415daada79a34970ed9a";
    pub const PARTNER_WEB: &str = "62fb26d7f4db4a07a506f67070";
    pub const PARTNER_IDENTITY: &str = "us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba";
    const AUTH_ROLE: &str = "arn:aws:iam::123456789012:role/shop-auth-role";
    const ADMINS_ROLE: &str = "arn:aws:iam::123456789012:role/shop-admins-role";

    /// The sample account fixture (a scan of the seeded emulator).
    pub fn sample() -> Snapshot {
        crate::model::sample_snapshot()
    }

    fn codes_with(snapshot: &Snapshot, options: &CheckOptions) -> Vec<&'static str> {
        let r = check(snapshot, SHOP, Some(SHOP_WEB), Some(SHOP_IDENTITY), options).unwrap();
        r.findings.iter().map(|f| f.code.as_str()).collect()
    }

    fn codes(snapshot: &Snapshot) -> Vec<&'static str> {
        codes_with(snapshot, &CheckOptions::default())
    }

    fn shop(s: &mut Snapshot) -> &mut crate::model::UserPool {
        s.user_pools.iter_mut().find(|p| p.id == SHOP).unwrap()
    }

    fn shop_identity(s: &mut Snapshot) -> &mut IdentityPool {
        s.identity_pools
            .iter_mut()
            .find(|p| p.id == SHOP_IDENTITY)
            .unwrap()
    }

    fn web(s: &mut Snapshot) -> &mut AppClient {
        shop(s)
            .clients
            .iter_mut()
            .find(|c| c.id == SHOP_WEB)
            .unwrap()
    }

    #[test]
    fn the_full_list_of_codes_is_stable() {
        let all: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        assert_eq!(
            all,
            [
                "identity-pool-no-cognito-provider",
                "alias-attributes",
                "idp-without-domain",
                "client-missing-redirect-urls",
                "group-role-unmatched",
                "not-identity-pool-provider",
                "app-region-mismatch",
                "identity-pool-role-missing",
                "role-mismatch",
                "client-secret",
                "role-unreadable",
                "role-trust",
                "guest-access-without-unauth-role",
                "no-password-policy",
            ]
        );
        for code in all {
            assert!(
                code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'),
                "{code}"
            );
        }
    }

    #[test]
    fn the_ready_sample_combination_has_no_findings() {
        let s = sample();
        assert_eq!(codes(&s), Vec::<&str>::new());
        let r = check(&s, SHOP, None, None, &CheckOptions::default()).unwrap();
        assert!(r.ready);
        assert_eq!(r.client.unwrap().id, SHOP_WEB);
    }

    #[test]
    fn the_partner_combination_has_its_seeded_findings() {
        let s = sample();
        let r = check(&s, PARTNER, None, None, &CheckOptions::default()).unwrap();
        let codes: Vec<&str> = r.findings.iter().map(|f| f.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "alias-attributes",
                "idp-without-domain",
                "identity-pool-role-missing"
            ]
        );
        assert!(r.findings[0].fix_impossible);
        assert!(!r.findings[1].fix_impossible);
        assert!(!r.ready);
        assert_eq!(r.identity_pool.unwrap().id, PARTNER_IDENTITY);
        assert_eq!(r.client.unwrap().id, PARTNER_WEB);
    }

    #[test]
    fn identity_pool_without_cognito_providers() {
        let mut s = sample();
        shop_identity(&mut s).cognito_identity_providers.clear();
        let c = codes(&s);
        assert!(c.contains(&"identity-pool-no-cognito-provider"), "{c:?}");
        // Not reported twice as "not a provider".
        assert!(!c.contains(&"not-identity-pool-provider"), "{c:?}");
    }

    #[test]
    fn alias_attributes() {
        let mut s = sample();
        shop(&mut s).alias_attributes = vec!["preferred_username".into()];
        assert_eq!(codes(&s), ["alias-attributes"]);
    }

    #[test]
    fn identity_providers_without_domain() {
        let mut s = sample();
        shop(&mut s).domain = None;
        assert_eq!(codes(&s), ["idp-without-domain"]);
        // A custom domain is a domain too.
        shop(&mut s).custom_domain = Some(crate::model::Domain {
            domain: "auth.shop.example.com".into(),
            ..Default::default()
        });
        assert!(codes(&s).is_empty());
        // No identity providers: no domain needed.
        let mut s = sample();
        shop(&mut s).domain = None;
        shop(&mut s).identity_providers.clear();
        assert!(codes(&s).is_empty());
    }

    #[test]
    fn client_without_redirect_urls_when_the_pool_has_identity_providers() {
        let mut s = sample();
        web(&mut s).logout_urls.clear();
        let r = check(
            &s,
            SHOP,
            Some(SHOP_WEB),
            Some(SHOP_IDENTITY),
            &CheckOptions::default(),
        )
        .unwrap();
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].code, Code::ClientMissingRedirectUrls);
        assert!(
            r.findings[0].message.contains("no logout URLs"),
            "{}",
            r.findings[0].message
        );
        // Without identity providers the URLs are not needed.
        shop(&mut s).identity_providers.clear();
        assert!(codes(&s).is_empty());
    }

    #[test]
    fn group_role_that_matches_no_group() {
        let s = sample();
        let bad = CheckOptions {
            groups: vec![("admins".into(), AUTH_ROLE.into())],
            ..Default::default()
        };
        assert_eq!(codes_with(&s, &bad), ["group-role-unmatched"]);
        let good = CheckOptions {
            groups: vec![("admins".into(), ADMINS_ROLE.into())],
            ..Default::default()
        };
        assert!(codes_with(&s, &good).is_empty());
    }

    #[test]
    fn pool_and_client_not_a_provider_of_the_identity_pool() {
        let mut s = sample();
        shop_identity(&mut s).cognito_identity_providers = vec![CognitoProvider {
            provider_name: CognitoProvider::provider_name_for("us-east-1", SHOP),
            client_id: SHOP_BACKEND.into(),
            user_pool_id: Some(SHOP.into()),
            server_side_token_check: false,
        }];
        assert_eq!(codes(&s), ["not-identity-pool-provider"]);
    }

    #[test]
    fn app_region_other_than_the_pools() {
        let s = sample();
        let other = CheckOptions {
            app_region: Some("eu-west-1".into()),
            ..Default::default()
        };
        assert_eq!(
            codes_with(&s, &other),
            ["app-region-mismatch", "app-region-mismatch"]
        );
        let same = CheckOptions {
            app_region: Some("us-east-1".into()),
            ..Default::default()
        };
        assert!(codes_with(&s, &same).is_empty());
    }

    #[test]
    fn identity_pool_without_an_authenticated_role() {
        let mut s = sample();
        shop_identity(&mut s).roles.remove("authenticated");
        assert_eq!(codes(&s), ["identity-pool-role-missing"]);
    }

    #[test]
    fn explicit_role_arns_that_differ_from_the_identity_pools() {
        let s = sample();
        let other = CheckOptions {
            auth_role: Some(ADMINS_ROLE.into()),
            ..Default::default()
        };
        assert_eq!(codes_with(&s, &other), ["role-mismatch"]);
        let same = CheckOptions {
            auth_role: Some(AUTH_ROLE.into()),
            ..Default::default()
        };
        assert!(codes_with(&s, &same).is_empty());
    }

    #[test]
    fn client_with_a_secret() {
        let mut s = sample();
        web(&mut s).has_secret = true;
        let r = check(
            &s,
            SHOP,
            Some(SHOP_WEB),
            Some(SHOP_IDENTITY),
            &CheckOptions::default(),
        )
        .unwrap();
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].code, Code::ClientSecret);
        assert!(r.findings[0].fix_impossible);
    }

    #[test]
    fn role_missing_from_the_snapshot() {
        let mut s = sample();
        s.roles.retain(|r| r.arn != ADMINS_ROLE);
        let r = check(
            &s,
            SHOP,
            Some(SHOP_WEB),
            Some(SHOP_IDENTITY),
            &CheckOptions::default(),
        )
        .unwrap();
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].code, Code::RoleUnreadable);
        assert!(
            r.findings[0].message.contains("group admins"),
            "{}",
            r.findings[0].message
        );
    }

    #[test]
    fn role_trust_policies() {
        // The unauthenticated role trusting amr=authenticated.
        let mut s = sample();
        let unauth = "arn:aws:iam::123456789012:role/shop-unauth-role";
        let auth_trust = s.role(AUTH_ROLE).unwrap().trust_policy.clone();
        s.roles
            .iter_mut()
            .find(|r| r.arn == unauth)
            .unwrap()
            .trust_policy = auth_trust;
        let r = check(
            &s,
            SHOP,
            Some(SHOP_WEB),
            Some(SHOP_IDENTITY),
            &CheckOptions::default(),
        )
        .unwrap();
        assert_eq!(r.findings.len(), 1);
        assert_eq!(r.findings[0].code, Code::RoleTrust);
        assert!(
            r.findings[0].message.contains("instead of unauthenticated"),
            "{}",
            r.findings[0].message
        );
        // A group role trusting another identity pool.
        let mut s = sample();
        let partner_trust = s
            .role("arn:aws:iam::123456789012:role/partner/partner-auth-role")
            .unwrap()
            .trust_policy
            .clone();
        s.roles
            .iter_mut()
            .find(|r| r.arn == ADMINS_ROLE)
            .unwrap()
            .trust_policy = partner_trust;
        let r = check(
            &s,
            SHOP,
            Some(SHOP_WEB),
            Some(SHOP_IDENTITY),
            &CheckOptions::default(),
        )
        .unwrap();
        assert_eq!(r.findings.len(), 1);
        assert!(
            r.findings[0].message.contains(PARTNER_IDENTITY),
            "{}",
            r.findings[0].message
        );
    }

    #[test]
    fn guest_access_without_an_unauthenticated_role() {
        let mut s = sample();
        shop_identity(&mut s).roles.remove("unauthenticated");
        assert_eq!(codes(&s), ["guest-access-without-unauth-role"]);
        // Guest access off: only the missing role matters.
        shop_identity(&mut s).allow_unauthenticated_identities = false;
        assert_eq!(codes(&s), ["identity-pool-role-missing"]);
    }

    #[test]
    fn pool_without_a_password_policy() {
        let mut s = sample();
        shop(&mut s).password_policy = None;
        assert_eq!(codes(&s), ["no-password-policy"]);
    }

    #[test]
    fn every_code_is_covered_by_a_triggering_test() {
        // Each rule test above triggers its code on a copy of the sample; this guards that
        // a code added to ALL without a rule is noticed.
        let mut s = sample();
        shop(&mut s).alias_attributes = vec!["email".into()];
        shop(&mut s).domain = None;
        shop(&mut s).password_policy = None;
        shop(&mut s).groups.push(Group {
            name: "ghosts".into(),
            role_arn: Some("arn:aws:iam::123456789012:role/gone".into()),
            ..Default::default()
        });
        shop(&mut s).identity_providers.push(IdentityProvider {
            name: "Extra".into(),
            provider_type: "OIDC".into(),
            ..Default::default()
        });
        web(&mut s).callback_urls.clear();
        web(&mut s).has_secret = true;
        s.roles
            .iter_mut()
            .find(|r| r.arn == ADMINS_ROLE)
            .unwrap()
            .trust_policy = serde_json::Value::Null;
        shop_identity(&mut s).roles.remove("unauthenticated");
        let options = CheckOptions {
            app_region: Some("eu-west-1".into()),
            auth_role: Some(ADMINS_ROLE.into()),
            unauth_role: None,
            groups: vec![("x".into(), "arn:aws:iam::1:role/x".into())],
        };
        let mut seen: Vec<&str> = codes_with(&s, &options);
        let mut s2 = sample();
        shop_identity(&mut s2).cognito_identity_providers.clear();
        shop_identity(&mut s2).allow_unauthenticated_identities = false;
        shop_identity(&mut s2).roles.clear();
        seen.extend(codes(&s2));
        let mut s3 = sample();
        shop_identity(&mut s3).cognito_identity_providers[0].client_id = "other".into();
        seen.extend(codes(&s3));
        for code in Code::ALL {
            assert!(
                seen.contains(&code.as_str()),
                "{code} never triggered: {seen:?}"
            );
        }
    }
}
