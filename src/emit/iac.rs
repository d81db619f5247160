//! What the two IaC emitters (`cloudformation`, `terraform`) share: which resources of a
//! snapshot go into one template (the [`IacScope`]), which schema attributes a template must
//! carry, readable unique names, and the list of things a template cannot carry over
//! ([`Omission`]), so that nothing is ever dropped silently.

use crate::model::{
    is_secret_detail_key, AppClient, IdentityPool, IdentityProvider, Role, SchemaAttribute,
    Snapshot, UserPool, REDACTED,
};
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Why a snapshot cannot be turned into one template.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IacError {
    #[error("--pool {0}: no such user pool in the snapshot")]
    UnknownUserPool(String),
    #[error("--identity-pool {0}: no such identity pool in the snapshot")]
    UnknownIdentityPool(String),
    #[error(
        "the selected resources span several regions ({}); a template describes one region: \
         select one region's pools with --pool / --identity-pool",
        .0.join(", ")
    )]
    SeveralRegions(Vec<String>),
    #[error(
        "nothing to emit: no user pool or identity pool in the snapshot matches the selection"
    )]
    Empty,
}

/// The resources that go into one template: one region, plus the (global) IAM roles they use.
#[derive(Debug, Clone)]
pub struct IacScope<'a> {
    pub account_id: Option<&'a str>,
    pub region: String,
    pub user_pools: Vec<&'a UserPool>,
    pub identity_pools: Vec<&'a IdentityPool>,
    /// Roles referenced by the pools, groups, identity pools and role mappings in scope.
    pub roles: Vec<&'a Role>,
    /// Role ARNs referenced in scope that the snapshot has no record of (kept as literal ARNs).
    pub missing_roles: Vec<String>,
    /// Scan errors of the snapshot (a partial snapshot gives a partial template).
    pub scan_errors: Vec<String>,
}

impl<'a> IacScope<'a> {
    /// Picks the resources to emit.
    ///
    /// No selection: everything in the snapshot. `--pool` only: those user pools and the
    /// identity pools that accept their tokens. `--identity-pool`: those identity pools (and
    /// only the listed user pools, if any).
    pub fn select(
        snapshot: &'a Snapshot,
        pools: &[String],
        identity_pools: &[String],
    ) -> Result<IacScope<'a>, IacError> {
        let user_pools: Vec<&UserPool> = if pools.is_empty() && identity_pools.is_empty() {
            snapshot.user_pools.iter().collect()
        } else {
            let mut v = Vec::new();
            for id in pools {
                v.push(
                    snapshot
                        .user_pool(id)
                        .ok_or_else(|| IacError::UnknownUserPool(id.clone()))?,
                );
            }
            v.sort_by(|a, b| a.id.cmp(&b.id));
            v.dedup_by(|a, b| a.id == b.id);
            v
        };
        let ips: Vec<&IdentityPool> = if !identity_pools.is_empty() {
            let mut v = Vec::new();
            for id in identity_pools {
                v.push(
                    snapshot
                        .identity_pool(id)
                        .ok_or_else(|| IacError::UnknownIdentityPool(id.clone()))?,
                );
            }
            v.sort_by(|a, b| a.id.cmp(&b.id));
            v.dedup_by(|a, b| a.id == b.id);
            v
        } else if !pools.is_empty() {
            snapshot
                .identity_pools
                .iter()
                .filter(|ip| {
                    ip.cognito_identity_providers.iter().any(|p| {
                        p.user_pool_id
                            .as_deref()
                            .is_some_and(|id| user_pools.iter().any(|up| up.id == id))
                    })
                })
                .collect()
        } else {
            snapshot.identity_pools.iter().collect()
        };
        if user_pools.is_empty() && ips.is_empty() {
            return Err(IacError::Empty);
        }
        let regions: BTreeSet<&str> = user_pools
            .iter()
            .map(|p| p.region.as_str())
            .chain(ips.iter().map(|p| p.region.as_str()))
            .collect();
        if regions.len() > 1 {
            return Err(IacError::SeveralRegions(
                regions.into_iter().map(str::to_string).collect(),
            ));
        }
        let region = regions.into_iter().next().unwrap_or_default().to_string();

        let mut arns = BTreeSet::new();
        for p in &user_pools {
            if let Some(arn) = p
                .sms_configuration
                .as_ref()
                .and_then(|s| s.sns_caller_arn.as_ref())
            {
                arns.insert(arn.clone());
            }
            for g in &p.groups {
                if let Some(arn) = &g.role_arn {
                    arns.insert(arn.clone());
                }
            }
        }
        for ip in &ips {
            arns.extend(ip.roles.values().cloned());
            for m in ip.role_mappings.values() {
                arns.extend(m.rules.iter().map(|r| r.role_arn.clone()));
            }
        }
        let mut roles = Vec::new();
        let mut missing_roles = Vec::new();
        for arn in arns {
            match snapshot.role(&arn) {
                Some(r) => roles.push(r),
                None => missing_roles.push(arn),
            }
        }
        let scan_errors = snapshot
            .errors
            .iter()
            .map(|e| format!("{} ({} {}: {})", e.resource, e.operation, e.code, e.message))
            .collect();
        Ok(IacScope {
            account_id: snapshot.account_id.as_deref(),
            region,
            user_pools,
            identity_pools: ips,
            roles,
            missing_roles,
            scan_errors,
        })
    }

    pub fn has_role(&self, arn: &str) -> bool {
        self.roles.iter().any(|r| r.arn == arn)
    }

    pub fn has_identity_pool(&self, id: &str) -> bool {
        self.identity_pools.iter().any(|p| p.id == id)
    }

    /// The pool and client behind `cognito-idp.REGION.amazonaws.com/POOL:CLIENT` (the key of
    /// a role mapping), when both are in scope.
    pub fn owned_provider(&self, key: &str) -> Option<(&'a UserPool, String)> {
        let (provider, client) = key.rsplit_once(':')?;
        let pool_id = crate::model::CognitoProvider::pool_id_from_provider_name(provider)?;
        let pool = self.user_pools.iter().find(|p| p.id == pool_id)?;
        pool.client(client).map(|_| (*pool, client.to_string()))
    }

    /// Everything that cannot be carried over into a template of this scope, with why.
    pub fn omissions(&self) -> Vec<Omission> {
        let mut out = Vec::new();
        for p in &self.user_pools {
            let res = format!("user pool {} ({})", p.name, p.id);
            let defaults = p.schema.len() - template_schema(p).len();
            if defaults > 0 {
                out.push(Omission::new(
                    &res,
                    &format!("{defaults} standard schema attribute(s) at their defaults"),
                    "Cognito lists every standard attribute; those at their defaults are implied \
                     and a template lists only custom attributes and standard ones that differ",
                ));
            }
            if p.estimated_number_of_users > 0 {
                out.push(Omission::new(
                    &res,
                    &format!(
                        "{} user(s), their passwords and group memberships",
                        p.estimated_number_of_users
                    ),
                    "users are data, not configuration; the import keeps them in place",
                ));
            }
            for c in p.clients.iter().filter(|c| c.has_secret) {
                out.push(Omission::new(
                    &format!("app client {} ({})", c.name, c.id),
                    "client secret",
                    "never read by cogref; the template says only that the client has one \
                     (GenerateSecret / generate_secret), which keeps the existing secret",
                ));
            }
            for idp in &p.identity_providers {
                for key in secret_detail_keys(idp) {
                    out.push(Omission::new(
                        &format!("identity provider {} of {}", idp.name, p.id),
                        &format!("ProviderDetails.{key}"),
                        "a secret, never read by cogref: supplied as a no-echo parameter / \
                         sensitive variable that you fill in",
                    ));
                }
                for key in idp.details.keys().filter(|k| is_server_managed_detail(k)) {
                    out.push(Omission::new(
                        &format!("identity provider {} of {}", idp.name, p.id),
                        &format!("ProviderDetails.{key}"),
                        "generated by Cognito, cannot be set",
                    ));
                }
            }
            let legacy = legacy_messages(p);
            for (name, _) in legacy.iter().filter(|(_, differs)| *differs) {
                out.push(Omission::new(
                    &res,
                    name,
                    "differs from VerificationMessageTemplate, which takes precedence; only the \
                     template's value is kept",
                ));
            }
            for key in p.lambda_config.keys().filter(|k| !is_known_lambda_key(k)) {
                out.push(Omission::new(
                    &res,
                    &format!("LambdaConfig.{key}"),
                    "a trigger this version of cogref does not know how to write",
                ));
            }
            let ui = std::iter::once((
                format!("user pool {} ({})", p.name, p.id),
                &p.ui_customization,
            ))
            .chain(p.clients.iter().map(|c| {
                (
                    format!("app client {} ({})", c.name, c.id),
                    &c.ui_customization,
                )
            }));
            for (res, u) in ui {
                if u.as_ref().is_some_and(|u| u.image_url.is_some()) {
                    out.push(Omission::new(
                        &res,
                        "UI customization logo (ImageUrl)",
                        "CloudFormation and Terraform's SetUICustomization wrapper take only the                          CSS here: the uploaded image stays as it is, but a re-create would not                          restore it",
                    ));
                }
            }
        }
        for arn in &self.missing_roles {
            out.push(Omission::new(
                &format!("IAM role {arn}"),
                "the role itself",
                "referenced but not in the snapshot (not readable or outside the scan); \
                 kept as a literal ARN and not imported",
            ));
        }
        for e in &self.scan_errors {
            out.push(Omission::new(
                e,
                "everything cogref could not read",
                "the snapshot is partial; re-scan with the missing permissions",
            ));
        }
        out
    }
}

/// One resource or property that a template does not carry over, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Omission {
    pub resource: String,
    pub item: String,
    pub reason: String,
}

impl Omission {
    pub fn new(resource: &str, item: &str, reason: &str) -> Self {
        Omission {
            resource: resource.to_string(),
            item: item.to_string(),
            reason: reason.to_string(),
        }
    }
}

/// What neither emitter reads or writes for any pool, stated once in every IMPORT.md.
pub const ALWAYS_OMITTED: &[(&str, &str)] = &[
    (
        "Lambda functions, SES identities, SNS, customer-managed IAM policies",
        "referenced by ARN only; they are not imported (manage them in their own stacks)",
    ),
    (
        "ARNs, creation dates, estimated user counts, domain CloudFront distribution and status",
        "server-managed, read-only",
    ),
    (
        "Cognito Sync settings of identity pools (CognitoStreams, PushSync, CognitoEvents)",
        "not read by cogref's scan",
    ),
    (
        "newer settings the snapshot does not hold yet (user pool KeyConfiguration, \
         IssuerConfiguration, SmsConfiguration.EumsSms, LambdaConfig.InboundFederation)",
        "left out of the template; an import does not touch them, but Cognito's update calls \
         reset what they omit, so check them before the first stack update or apply. Every \
         field of the read responses cogref leaves out is listed, with why, in one table of \
         cogref's source: src/aws/read_fields.rs",
    ),
];

/// What only `emit terraform` leaves out: the AWS provider documents no argument for them
/// (tests/fixtures/terraform-aws-provider-names.json). CloudFormation and CDK carry them.
pub const TERRAFORM_ONLY_OMITTED: &[(&str, &str)] = &[(
    "WebAuthn FactorConfiguration, AdminCreateUserConfig.UnusedAccountValidityDays (deprecated; \
     AWS mirrors the temporary password validity into it), domain \
     CustomDomainConfig.SecurityPolicy and Routing",
    "the AWS provider has no argument for them: the import leaves them as they are, but \
     Cognito's update calls reset what they omit, so check them after the first apply that \
     changes these resources",
)];

/// Renders the omissions as a Markdown bullet list (sorted, so deterministic).
pub fn omissions_markdown(omissions: &[Omission]) -> String {
    let mut sorted = omissions.to_vec();
    sorted.sort();
    sorted.dedup();
    let mut out = String::new();
    for o in &sorted {
        out.push_str(&format!(
            "- **{}**: {}: {}.\n",
            o.resource, o.item, o.reason
        ));
    }
    for (what, why) in ALWAYS_OMITTED {
        out.push_str(&format!("- **Every resource**: {what}: {why}.\n"));
    }
    out
}

/// Standard attributes with Cognito's defaults: (type, mutable, required, string min/max,
/// number min/max). Source: Cognito developer guide, "Standard attributes", and the defaults
/// table of terraform-provider-aws website/docs/r/cognito_user_pool.html.markdown.
type StdDefault = (
    &'static str,
    bool,
    bool,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

fn standard_default(name: &str) -> Option<StdDefault> {
    let string = ("String", true, false, Some("0"), Some("2048"), None, None);
    Some(match name {
        "sub" => ("String", false, true, Some("1"), Some("2048"), None, None),
        "birthdate" => ("String", true, false, Some("10"), Some("10"), None, None),
        "email_verified" | "phone_number_verified" => {
            ("Boolean", true, false, None, None, None, None)
        }
        "updated_at" => ("Number", true, false, None, None, Some("0"), None),
        "address" | "email" | "family_name" | "gender" | "given_name" | "locale"
        | "middle_name" | "name" | "nickname" | "phone_number" | "picture"
        | "preferred_username" | "profile" | "website" | "zoneinfo" => string,
        _ => return None,
    })
}

fn same_number(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => match (a.trim().parse::<i64>(), b.trim().parse::<i64>()) {
            (Ok(x), Ok(y)) => x == y,
            _ => a == b,
        },
        _ => false,
    }
}

/// Whether a standard attribute is exactly at its default (and so implied).
pub fn is_default_standard(a: &SchemaAttribute) -> bool {
    if a.is_custom() {
        return false;
    }
    if a.name == "identities" {
        // Managed by Cognito for federated users; cannot be declared.
        return true;
    }
    let Some((ty, mutable, required, smin, smax, nmin, nmax)) = standard_default(&a.name) else {
        return false;
    };
    a.data_type.as_deref().unwrap_or(ty) == ty
        && a.mutable == mutable
        && a.required == required
        && !a.developer_only
        && same_number(a.string_min_length.as_deref(), smin)
        && same_number(a.string_max_length.as_deref(), smax)
        && same_number(a.number_min_value.as_deref(), nmin)
        && same_number(a.number_max_value.as_deref(), nmax)
}

/// The schema attributes a template lists: custom ones and standard ones not at defaults.
/// The identity providers (by name) and resource servers (by identifier) of `pool` that an app
/// client refers to by value, so the template must create them first: the providers it
/// supports and the servers whose scopes (`IDENTIFIER/scope`) it allows.
pub fn client_dependencies<'p>(
    pool: &'p UserPool,
    client: &AppClient,
) -> (Vec<&'p str>, Vec<&'p str>) {
    let idps = pool
        .identity_providers
        .iter()
        .filter(|i| client.supported_identity_providers.contains(&i.name))
        .map(|i| i.name.as_str())
        .collect();
    let servers = pool
        .resource_servers
        .iter()
        .filter(|rs| {
            let prefix = format!("{}/", rs.identifier);
            client
                .allowed_oauth_scopes
                .iter()
                .any(|s| s.starts_with(&prefix))
        })
        .map(|rs| rs.identifier.as_str())
        .collect();
    (idps, servers)
}

pub fn template_schema(pool: &UserPool) -> Vec<&SchemaAttribute> {
    pool.schema
        .iter()
        .filter(|a| !is_default_standard(a))
        .collect()
}

/// The legacy message properties (`EmailVerificationMessage`, ...) with whether each differs
/// from its `VerificationMessageTemplate` counterpart. Equal ones are mirrors and omitted.
pub fn legacy_messages(pool: &UserPool) -> Vec<(&'static str, bool)> {
    let t = pool.verification_message_template.as_ref();
    let pairs = [
        (
            "EmailVerificationMessage",
            pool.email_verification_message.as_deref(),
            t.and_then(|t| t.email_message.as_deref()),
        ),
        (
            "EmailVerificationSubject",
            pool.email_verification_subject.as_deref(),
            t.and_then(|t| t.email_subject.as_deref()),
        ),
        (
            "SmsVerificationMessage",
            pool.sms_verification_message.as_deref(),
            t.and_then(|t| t.sms_message.as_deref()),
        ),
    ];
    pairs
        .iter()
        .filter_map(|(name, legacy, tmpl)| match (legacy, tmpl) {
            (Some(l), Some(t)) => Some((*name, l != t)),
            (Some(_), None) => Some((*name, false)),
            _ => None,
        })
        .collect()
}

/// Legacy message properties to write because the template does not carry them.
pub fn legacy_message_value<'p>(pool: &'p UserPool, name: &str) -> Option<&'p str> {
    let t = pool.verification_message_template.as_ref();
    let (legacy, tmpl) = match name {
        "EmailVerificationMessage" => (
            pool.email_verification_message.as_deref(),
            t.and_then(|t| t.email_message.as_deref()),
        ),
        "EmailVerificationSubject" => (
            pool.email_verification_subject.as_deref(),
            t.and_then(|t| t.email_subject.as_deref()),
        ),
        "SmsVerificationMessage" => (
            pool.sms_verification_message.as_deref(),
            t.and_then(|t| t.sms_message.as_deref()),
        ),
        _ => return None,
    };
    match (legacy, tmpl) {
        (Some(l), None) => Some(l),
        _ => None,
    }
}

/// Provider-detail keys that hold a secret (redacted in the snapshot).
pub fn secret_detail_keys(idp: &IdentityProvider) -> Vec<&str> {
    idp.details
        .iter()
        .filter(|(k, v)| is_secret_detail_key(k) || v.as_str() == REDACTED)
        .map(|(k, _)| k.as_str())
        .collect()
}

/// Provider details Cognito generates and DescribeIdentityProvider returns, but that cannot be
/// set (SAML request-signing certificate).
pub fn is_server_managed_detail(key: &str) -> bool {
    key == "ActiveEncryptionCertificate"
}

/// The `LambdaConfig` keys both emitters can write (CloudFormation names, as the snapshot keeps
/// them; nested ones as `Parent.Child`).
pub const LAMBDA_KEYS: &[(&str, &str)] = &[
    ("CreateAuthChallenge", "create_auth_challenge"),
    ("CustomMessage", "custom_message"),
    ("DefineAuthChallenge", "define_auth_challenge"),
    ("KMSKeyID", "kms_key_id"),
    ("PostAuthentication", "post_authentication"),
    ("PostConfirmation", "post_confirmation"),
    ("PreAuthentication", "pre_authentication"),
    ("PreSignUp", "pre_sign_up"),
    ("PreTokenGeneration", "pre_token_generation"),
    ("UserMigration", "user_migration"),
    (
        "VerifyAuthChallengeResponse",
        "verify_auth_challenge_response",
    ),
    (
        "CustomEmailSender.LambdaArn",
        "custom_email_sender.lambda_arn",
    ),
    (
        "CustomEmailSender.LambdaVersion",
        "custom_email_sender.lambda_version",
    ),
    ("CustomSMSSender.LambdaArn", "custom_sms_sender.lambda_arn"),
    (
        "CustomSMSSender.LambdaVersion",
        "custom_sms_sender.lambda_version",
    ),
    (
        "PreTokenGenerationConfig.LambdaArn",
        "pre_token_generation_config.lambda_arn",
    ),
    (
        "PreTokenGenerationConfig.LambdaVersion",
        "pre_token_generation_config.lambda_version",
    ),
];

pub fn is_known_lambda_key(key: &str) -> bool {
    LAMBDA_KEYS.iter().any(|(k, _)| *k == key)
}

/// Splits `Parent.Child` lambda keys into nested maps: `{Parent: {Child: v}}`, leaves `{K: v}`.
pub fn nested_lambda_config(
    config: &BTreeMap<String, String>,
    terraform: bool,
) -> BTreeMap<String, LambdaValue> {
    let mut out: BTreeMap<String, LambdaValue> = BTreeMap::new();
    for (key, value) in config {
        let Some((_, name)) = LAMBDA_KEYS.iter().find(|(k, _)| k == key) else {
            continue;
        };
        let name = if terraform { *name } else { key.as_str() };
        match name.split_once('.') {
            None => {
                out.insert(name.to_string(), LambdaValue::Arn(value.clone()));
            }
            Some((parent, child)) => {
                let entry = out
                    .entry(parent.to_string())
                    .or_insert_with(|| LambdaValue::Nested(BTreeMap::new()));
                if let LambdaValue::Nested(m) = entry {
                    m.insert(child.to_string(), value.clone());
                }
            }
        }
    }
    out
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LambdaValue {
    Arn(String),
    Nested(BTreeMap<String, String>),
}

/// `shop-customers` -> `ShopCustomers`: the words of a name, each capitalised, ASCII
/// alphanumerics only (CloudFormation logical ids).
pub fn pascal_case(name: &str) -> String {
    name.split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut cs = w.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// `Shop Customers` -> `shop_customers` (Terraform resource names).
pub fn snake_case(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    while out.ends_with('_') {
        out.pop();
    }
    out
}

/// Hands out unique names in call order: a taken name gets the disambiguator appended, then a
/// counter. Callers go through resources in sorted order, so names are deterministic.
#[derive(Debug, Default)]
pub struct Namer {
    taken: HashSet<String>,
}

impl Namer {
    pub fn unique(&mut self, base: String, disambiguator: &str) -> String {
        if self.taken.insert(base.clone()) {
            return base;
        }
        let with = format!("{base}{disambiguator}");
        if self.taken.insert(with.clone()) {
            return with;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{with}{n}");
            if self.taken.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(name: &str) -> SchemaAttribute {
        SchemaAttribute {
            name: name.into(),
            data_type: Some("String".into()),
            mutable: true,
            string_min_length: Some("0".into()),
            string_max_length: Some("2048".into()),
            ..Default::default()
        }
    }

    #[test]
    fn standard_attributes_at_defaults_are_implied() {
        assert!(is_default_standard(&attr("email")));
        let mut required = attr("email");
        required.required = true;
        assert!(!is_default_standard(&required));
        let mut longer = attr("name");
        longer.string_max_length = Some("4096".into());
        assert!(!is_default_standard(&longer));
        // Numbers are compared as numbers.
        let mut padded = attr("name");
        padded.string_min_length = Some(" 0".into());
        assert!(is_default_standard(&padded));
        assert!(!is_default_standard(&attr("custom:tier")));
    }

    #[test]
    fn names_are_readable_and_unique() {
        assert_eq!(pascal_case("shop-customers"), "ShopCustomers");
        assert_eq!(pascal_case("shop_identity"), "ShopIdentity");
        assert_eq!(pascal_case("PartnerOIDC"), "PartnerOIDC");
        assert_eq!(snake_case("Shop Customers!"), "shop_customers");
        assert_eq!(snake_case("--a--b--"), "a_b");
        let mut n = Namer::default();
        assert_eq!(n.unique("A".into(), "X"), "A");
        assert_eq!(n.unique("A".into(), "X"), "AX");
        assert_eq!(n.unique("A".into(), "X"), "AX2");
    }

    #[test]
    fn lambda_config_nests_dotted_keys() {
        let mut m = BTreeMap::new();
        m.insert("PreSignUp".to_string(), "arn:a".to_string());
        m.insert(
            "CustomEmailSender.LambdaArn".to_string(),
            "arn:b".to_string(),
        );
        m.insert(
            "CustomEmailSender.LambdaVersion".to_string(),
            "V1_0".to_string(),
        );
        let cfn = nested_lambda_config(&m, false);
        assert_eq!(cfn["PreSignUp"], LambdaValue::Arn("arn:a".into()));
        let LambdaValue::Nested(sender) = &cfn["CustomEmailSender"] else {
            panic!("not nested")
        };
        assert_eq!(sender["LambdaVersion"], "V1_0");
        let tf = nested_lambda_config(&m, true);
        assert!(tf.contains_key("pre_sign_up"));
        assert!(tf.contains_key("custom_email_sender"));
    }
}
