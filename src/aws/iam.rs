//! Reads the IAM roles a scan found references to (from Cognito resources, and the roles of
//! the stacks a scan reads): the role with its trust policy, its inline
//! policies and its attached managed policies with their default version's document.
//!
//! Each role is read once however many references it has, and each customer-managed policy
//! once however many roles attach it; reads start as references arrive, while the scan goes on
//! reading Cognito. AWS-managed policies (`arn:aws:iam::aws:policy/...`) are
//! recorded by ARN and name only: AWS owns and versions them, and their documents are large.

use super::scan::{Ctx, ScanProgress};
use crate::model;
use futures::channel::mpsc::UnboundedReceiver;
use futures::StreamExt;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Mutex;

/// Reads each role named on `references` (role ARN, who refers to it) once (per account and
/// name), starting as soon
/// as its first reference arrives, and each customer-managed policy once, as soon as the first
/// role attaching it has been read. Ends when every sender is gone and every read is done.
pub(crate) async fn read_roles(
    ctx: &Ctx,
    iam: &aws_sdk_iam::Client,
    account_id: Option<&str>,
    references: UnboundedReceiver<(String, String)>,
) -> Vec<model::Role> {
    let referrers: Mutex<BTreeMap<String, BTreeSet<String>>> = Mutex::new(BTreeMap::new());
    let policies_started: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());
    let (referrers_ref, started) = (&referrers, &policies_started);
    let read: Vec<(model::Role, Vec<(String, PolicyRead)>)> = references
        .filter_map(|(arn, by)| {
            let mut referrers = lock(referrers_ref);
            let refs = referrers.entry(role_key(&arn)).or_default();
            let first = refs.is_empty();
            refs.insert(by);
            futures::future::ready(first.then_some(arn))
        })
        .map(|arn| async move {
            let role = read_referenced_role(ctx, iam, account_id, &arn).await?;
            let new_policies: Vec<String> = role
                .managed_policies
                .iter()
                .filter(|p| !p.arn.starts_with("arn:aws:iam::aws:policy/"))
                .filter(|p| lock(started).insert(p.arn.clone()))
                .map(|p| p.arn.clone())
                .collect();
            let reads = new_policies.into_iter().map(|arn| async move {
                let doc = read_managed_policy(ctx, iam, &arn).await;
                (arn, doc)
            });
            Some((role, futures::future::join_all(reads).await))
        })
        .buffer_unordered(usize::MAX)
        .filter_map(futures::future::ready)
        .collect()
        .await;

    let referrers = referrers.into_inner().unwrap_or_else(|p| p.into_inner());
    let documents: BTreeMap<String, PolicyRead> = read
        .iter()
        .flat_map(|(_, docs)| docs.iter().cloned())
        .collect();
    let mut roles: Vec<model::Role> = read.into_iter().map(|(role, _)| role).collect();
    for role in &mut roles {
        if let Some(refs) = referrers.get(&role_key(&role.arn)) {
            role.referenced_by = refs.iter().cloned().collect();
        }
        for policy in &mut role.managed_policies {
            if let Some(read) = documents.get(&policy.arn) {
                policy.default_version_id = read.version.clone();
                policy.document = read.document.clone();
                policy.path = read.path.clone();
                policy.description = read.description.clone();
            }
        }
    }
    roles
}

/// Which role an ARN names: its account and name (a role's path is not part of its identity,
/// so `role/app-auth` and `role/team/app-auth` of one account are one role); a malformed ARN
/// is its own key.
fn role_key(arn: &str) -> String {
    match role_name(arn) {
        Some(name) => format!("{}/{name}", arn.split(':').nth(4).unwrap_or_default()),
        None => arn.to_string(),
    }
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

/// One referenced role, unless its ARN is malformed or of another account (recorded).
async fn read_referenced_role(
    ctx: &Ctx,
    iam: &aws_sdk_iam::Client,
    account_id: Option<&str>,
    arn: &str,
) -> Option<model::Role> {
    let resource = format!("role {arn}");
    let Some(name) = role_name(arn) else {
        ctx.record(&resource, "GetRole", "MalformedArn", "not an IAM role ARN");
        return None;
    };
    let role_account = arn.split(':').nth(4).unwrap_or_default();
    // Not a failure of the scan: a role of another account is never readable with these
    // credentials. Recorded as not read, so `check` still counts it as unverified.
    if account_id.is_some_and(|a| a != role_account) {
        ctx.not_read(
            &resource,
            "GetRole",
            "CrossAccountRole",
            "the role belongs to another account than the scanned one and cannot be read with these credentials",
        );
        return None;
    }
    read_role(ctx, iam, &resource, name).await
}

/// The role name: the last path segment of `arn:aws:iam::ACCOUNT:role/PATH/NAME`.
pub(crate) fn role_name(arn: &str) -> Option<&str> {
    let resource = arn.split(':').nth(5)?;
    let rest = resource.strip_prefix("role/")?;
    rest.rsplit('/').next().filter(|n| !n.is_empty())
}

async fn read_role(
    ctx: &Ctx,
    iam: &aws_sdk_iam::Client,
    resource: &str,
    name: &str,
) -> Option<model::Role> {
    let get = || iam.get_role().role_name(name).send();
    let inline = list_inline(ctx, iam, resource, name);
    let attached = list_attached(ctx, iam, resource, name);
    let (got, inline, attached) =
        futures::join!(ctx.call(resource, "GetRole", get), inline, attached);
    let got = got?;
    let r = got.role()?;
    let trust_policy = r
        .assume_role_policy_document()
        .map(|d| decode_policy(ctx, resource, "GetRole", d))
        .unwrap_or(Value::Null);
    ScanProgress::bump(&ctx.progress.roles);
    Some(model::Role {
        arn: r.arn().to_string(),
        name: r.role_name().to_string(),
        path: r.path().to_string(),
        description: r
            .description()
            .map(str::to_string)
            .filter(|d| !d.is_empty()),
        max_session_duration: r.max_session_duration(),
        permissions_boundary: r
            .permissions_boundary()
            .and_then(|b| b.permissions_boundary_arn())
            .map(str::to_string),
        trust_policy,
        inline_policies: inline,
        managed_policies: attached,
        tags: r
            .tags()
            .iter()
            .map(|t| (t.key().to_string(), t.value().to_string()))
            .collect(),
        referenced_by: Vec::new(),
    })
}

async fn list_inline(
    ctx: &Ctx,
    iam: &aws_sdk_iam::Client,
    resource: &str,
    name: &str,
) -> Vec<model::InlinePolicy> {
    let request = |marker| {
        iam.list_role_policies()
            .role_name(name)
            .set_marker(marker)
            .send()
    };
    let names = ctx
        .paginate(resource, "ListRolePolicies", request, |out| {
            let next = if out.is_truncated { out.marker } else { None };
            (out.policy_names, next)
        })
        .await;
    let reads = names.into_iter().map(|policy| async move {
        let req = || {
            iam.get_role_policy()
                .role_name(name)
                .policy_name(&policy)
                .send()
        };
        let out = ctx.call(resource, "GetRolePolicy", req).await?;
        Some(model::InlinePolicy {
            document: decode_policy(ctx, resource, "GetRolePolicy", out.policy_document()),
            name: policy,
        })
    });
    futures::future::join_all(reads)
        .await
        .into_iter()
        .flatten()
        .collect()
}

async fn list_attached(
    ctx: &Ctx,
    iam: &aws_sdk_iam::Client,
    resource: &str,
    name: &str,
) -> Vec<model::ManagedPolicy> {
    let request = |marker| {
        iam.list_attached_role_policies()
            .role_name(name)
            .set_marker(marker)
            .send()
    };
    ctx.paginate(resource, "ListAttachedRolePolicies", request, |out| {
        let policies = out
            .attached_policies()
            .iter()
            .map(|p| model::ManagedPolicy {
                arn: p.policy_arn().unwrap_or_default().to_string(),
                name: p.policy_name().unwrap_or_default().to_string(),
                default_version_id: None,
                document: None,
                path: None,
                description: None,
            });
        let policies = policies.collect();
        (policies, if out.is_truncated { out.marker } else { None })
    })
    .await
}

/// What is read of one customer-managed policy.
#[derive(Clone, Debug, Default)]
struct PolicyRead {
    version: Option<String>,
    document: Option<Value>,
    path: Option<String>,
    description: Option<String>,
}

/// GetPolicy for the default version id, path and description, then GetPolicyVersion for its
/// document.
async fn read_managed_policy(ctx: &Ctx, iam: &aws_sdk_iam::Client, arn: &str) -> PolicyRead {
    let resource = format!("policy {arn}");
    let req = || iam.get_policy().policy_arn(arn).send();
    let Some(out) = ctx.call(&resource, "GetPolicy", req).await else {
        return PolicyRead::default();
    };
    let policy = out.policy();
    let mut read = PolicyRead {
        path: policy.and_then(|p| p.path()).map(str::to_string),
        description: policy
            .and_then(|p| p.description())
            .filter(|d| !d.is_empty())
            .map(str::to_string),
        ..PolicyRead::default()
    };
    let Some(version) = policy
        .and_then(|p| p.default_version_id())
        .map(str::to_string)
    else {
        return read;
    };
    let req = || {
        iam.get_policy_version()
            .policy_arn(arn)
            .version_id(&version)
            .send()
    };
    let doc = ctx
        .call(&resource, "GetPolicyVersion", req)
        .await
        .and_then(|o| {
            o.policy_version()
                .and_then(|v| v.document().map(str::to_string))
        })
        .map(|d| decode_policy(ctx, &resource, "GetPolicyVersion", &d));
    read.version = Some(version);
    read.document = doc;
    read
}

/// IAM returns policy documents URL-encoded (RFC 3986); some endpoints return them plain.
/// Either way the result is parsed JSON ([`model::parse_policy_text`]). A document that is not
/// JSON is kept as a string and recorded as an error.
fn decode_policy(ctx: &Ctx, resource: &str, operation: &str, raw: &str) -> Value {
    match model::parse_policy_text(raw) {
        Ok(v) => v,
        Err(e) => {
            ctx.record(
                resource,
                operation,
                "MalformedPolicyDocument",
                &e.to_string(),
            );
            Value::String(e.decoded)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::role_name;

    #[test]
    fn role_names_come_from_the_last_path_segment() {
        assert_eq!(
            role_name("arn:aws:iam::123456789012:role/app-auth"),
            Some("app-auth")
        );
        assert_eq!(
            role_name("arn:aws:iam::123456789012:role/service-role/team/app-auth"),
            Some("app-auth")
        );
        assert_eq!(role_name("arn:aws:iam::123456789012:user/bob"), None);
        assert_eq!(role_name("not-an-arn"), None);
    }
}
