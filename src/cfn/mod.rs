//! The one mapping of a snapshot to CloudFormation resources: every user pool, domain, identity
//! provider, resource server, app client, group, identity pool, role attachment, IAM role, and
//! the settings resources of [`pool_settings`] (risk, UI, branding, log delivery, principal tags)
//! with its registry type, its properties, how it is identified and what it links to.
//!
//! Pure: no I/O. Both `emit cloudformation` (with [`Linking::Template`]: `Ref` / `Fn::GetAtt`
//! to what the template owns, secrets as `NoEcho` parameters) and drift (with
//! [`Linking::Literal`]: literal ids and ARNs, secrets as the snapshot's redaction marker) read
//! it, so a field is added once and the round trip template -> drift cannot drift apart.
//! `emit terraform` shares the decisions (which schema attributes, legacy messages, triggers,
//! token units, domain configuration, secrets) through the helpers of [`crate::emit::iac`] and
//! [`domain_certificate`], and keeps its own HCL layout.
//!
//! Property names and shapes follow the CloudFormation registry schemas (cfn-lint 1.58.0 copies
//! in `shared/reference/cfn-schemas/`). Developer-only custom attributes, which Cognito names
//! `dev:custom:NAME` (older pools: `dev:NAME`), are written with their bare `Name` and
//! `DeveloperOnlyAttribute: true`, as CloudFormation declares them.

mod identity_pool;
mod logical_ids;
pub mod pool_settings;
mod user_pool;

pub use logical_ids::LogicalIds;

use crate::model::{Domain, IdentityPool, Role, UserPool};
use serde_json::{json, Map, Value};
use std::collections::BTreeMap;

/// How a resource refers to another one.
#[derive(Debug)]
pub enum Linking {
    /// A template: `Ref` / `Fn::GetAtt` to the resources it owns (by logical id), literal ids
    /// for the rest; identity-provider secrets become `NoEcho` parameters.
    Template(Box<LogicalIds>),
    /// Live state: literal ids and ARNs everywhere; secrets keep the snapshot's marker.
    Literal,
}

impl Linking {
    fn ids(&self) -> Option<&LogicalIds> {
        match self {
            Linking::Template(ids) => Some(ids),
            Linking::Literal => None,
        }
    }

    /// The `UserPoolId` of a pool's child.
    fn pool_id(&self, pool_id: &str) -> Value {
        match self.ids().and_then(|ids| ids.pools.get(pool_id)) {
            Some(l) => reference(l),
            None => Value::String(pool_id.to_string()),
        }
    }

    /// A role ARN: `Fn::GetAtt` when the template owns the role, else the literal ARN.
    fn role_arn(&self, arn: &str) -> Value {
        match self.ids().and_then(|ids| ids.roles.get(arn)) {
            Some(l) => get_att(l, "Arn"),
            None => Value::String(arn.to_string()),
        }
    }

    /// `cognito-idp.REGION.amazonaws.com/POOL` of a pool: `Fn::GetAtt ProviderName` when owned.
    fn provider_name(&self, provider_name: &str, pool_id: Option<&str>) -> Value {
        match pool_id.and_then(|id| self.ids().and_then(|ids| ids.pools.get(id))) {
            Some(l) => get_att(l, "ProviderName"),
            None => Value::String(provider_name.to_string()),
        }
    }

    fn client_id(&self, pool_id: Option<&str>, client_id: &str) -> Value {
        match pool_id.and_then(|p| self.client_logical(p, client_id)) {
            Some(l) => reference(l),
            None => Value::String(client_id.to_string()),
        }
    }

    fn client_logical(&self, pool_id: &str, client_id: &str) -> Option<&String> {
        self.ids()?
            .clients
            .get(&(pool_id.to_string(), client_id.to_string()))
    }

    fn identity_pool_id(&self, id: &str) -> Value {
        match self.ids().and_then(|ids| ids.identity_pools.get(id)) {
            Some(l) => reference(l),
            None => Value::String(id.to_string()),
        }
    }
}

/// One CloudFormation resource made from the snapshot.
#[derive(Debug, Clone, PartialEq)]
pub struct CfnResource {
    /// The registry type, `AWS::Cognito::UserPool`.
    pub resource_type: &'static str,
    /// The logical id in the template ([`Linking::Template`] only).
    pub logical_id: Option<String>,
    /// How drift identifies it: pool and identity pool ids, client ids, `POOL_ID/NAME` for the
    /// other pool children; the identity pool id for its role attachment; the role ARN.
    pub physical_id: String,
    /// The name used for matching by name (pool name, client name, group name, ...).
    pub name: String,
    /// The physical id of the user pool or identity pool it belongs to.
    pub parent: Option<String>,
    /// What `Ref` returns for this resource in CloudFormation.
    pub ref_value: String,
    /// What `Fn::GetAtt` returns, by attribute name.
    pub attributes: BTreeMap<String, String>,
    /// Users of the pool (user pools only): the users a replacement must migrate.
    pub users: Option<i64>,
    /// The `ResourceIdentifier` of an IMPORT change set (keys of `IMPORT_IDENTIFIERS`).
    pub import_identifier: Vec<(&'static str, String)>,
    /// Logical ids it must be created after ([`Linking::Template`] only).
    pub depends_on: Vec<String>,
    /// The CloudFormation properties.
    pub props: Map<String, Value>,
}

/// What the mapping makes of a selection: its resources, in order (each pool followed by its
/// children, then identity pools with their role attachments, then roles), and the template
/// parameters standing for secrets ([`Linking::Template`] only).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct CfnResources {
    pub resources: Vec<CfnResource>,
    pub parameters: Map<String, Value>,
}

/// What to map: the resources of one template, or every resource of a snapshot.
#[derive(Debug, Clone, Copy)]
pub struct Selection<'s, 'a> {
    pub account_id: Option<&'a str>,
    pub user_pools: &'s [&'a UserPool],
    pub identity_pools: &'s [&'a IdentityPool],
    pub roles: &'s [&'a Role],
}

/// Maps a selection to CloudFormation resources.
pub fn resources(selection: Selection, linking: &Linking) -> CfnResources {
    let mut m = Mapper {
        link: linking,
        out: CfnResources::default(),
    };
    for p in selection.user_pools {
        m.user_pool(p, selection.account_id);
    }
    for ip in selection.identity_pools {
        m.identity_pool(ip);
    }
    for r in selection.roles {
        m.role(r);
    }
    m.out
}

/// Every resource of a snapshot with literal links (what drift compares).
pub fn snapshot_resources(snapshot: &crate::model::Snapshot) -> Vec<CfnResource> {
    let pools: Vec<&UserPool> = snapshot.user_pools.iter().collect();
    let ips: Vec<&IdentityPool> = snapshot.identity_pools.iter().collect();
    let selection = Selection {
        account_id: snapshot.account_id.as_deref(),
        user_pools: &pools,
        identity_pools: &ips,
        roles: &[],
    };
    resources(selection, &Linking::Literal).resources
}

/// The certificate of a domain's `CustomDomainConfig`, or `None` for a prefix domain. An empty
/// configuration is an absent one: DescribeUserPoolDomain answers `"CustomDomainConfig": {}`
/// for a prefix domain, and older snapshots hold the empty `CertificateArn` the SDK filled in.
pub fn domain_certificate(d: &Domain) -> Option<&str> {
    d.certificate_arn
        .as_deref()
        .filter(|c| !c.trim().is_empty())
}

struct Mapper<'l> {
    link: &'l Linking,
    out: CfnResources,
}

impl Mapper<'_> {
    fn push(&mut self, r: CfnResource) {
        self.out.resources.push(r);
    }
}

fn reference(logical: &str) -> Value {
    json!({ "Ref": logical })
}

fn get_att(logical: &str, attribute: &str) -> Value {
    json!({ "Fn::GetAtt": [logical, attribute] })
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

fn tag_list(tags: &BTreeMap<String, String>) -> Value {
    Value::Array(
        tags.iter()
            .map(|(k, v)| json!({ "Key": k, "Value": v }))
            .collect(),
    )
}

/// The partition a region belongs to (`aws-cn`, `aws-us-gov`, otherwise `aws`).
pub fn partition_of(region: &str) -> &'static str {
    if region.starts_with("cn-") {
        "aws-cn"
    } else if region.starts_with("us-gov-") {
        "aws-us-gov"
    } else {
        "aws"
    }
}
