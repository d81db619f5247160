//! A snapshot as drift's live resources: the one snapshot -> CloudFormation mapping
//! ([`crate::cfn`]) with literal links, restricted to the types drift compares.
//!
//! Both a live snapshot and a baseline snapshot go through it, so a baseline compares against
//! live state on equal terms, and an emitted template (the same mapping with `Ref`s) compares
//! clean against the state it was emitted from.

use super::ResourceType;
use crate::model::Snapshot;
use serde_json::Value;
use std::collections::BTreeMap;

pub use crate::cfn::partition_of;

/// One resource read from a snapshot.
#[derive(Debug, Clone)]
pub struct LiveResource {
    pub rtype: ResourceType,
    /// How drift identifies it: pool and identity pool ids, client ids, `POOL_ID/NAME` for the
    /// other pool children; the identity pool id for its role attachment.
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
    /// CloudFormation-shaped properties.
    pub props: Value,
}

/// Every comparable resource of a snapshot, in snapshot order.
pub fn resources(snapshot: &Snapshot) -> Vec<LiveResource> {
    crate::cfn::snapshot_resources(snapshot)
        .into_iter()
        .filter_map(|r| {
            Some(LiveResource {
                rtype: ResourceType::from_cfn(r.resource_type)?,
                physical_id: r.physical_id,
                name: r.name,
                parent: r.parent,
                ref_value: r.ref_value,
                attributes: r.attributes,
                users: r.users,
                props: Value::Object(r.props),
            })
        })
        .collect()
}
