//! IAM roles and their policies in drift: `AWS::IAM::Role`, `AWS::IAM::Policy`,
//! `AWS::IAM::RolePolicy` and `AWS::IAM::ManagedPolicy`, for templates and baselines. Pure: no
//! I/O, no AWS.
//!
//! Live roles come from the snapshot, mapped to CloudFormation properties by the one mapping
//! ([`crate::cfn`]); a baseline's roles go through the same mapping, a template's are resolved
//! like every other template resource. Policy documents are compared by meaning
//! ([`super::policy`]): equal policies written differently are never drift.
//!
//! ## Which roles
//! A scan reads the roles Cognito resources reference (identity pool roles, role mappings,
//! groups, SMS) and the roles of the stacks it reads (`--stack`, `--all-stacks`). A template
//! role is matched to a live one by its `resources-to-import.json` `RoleName`, `--map`, the
//! stack's physical id, or its `RoleName`; a role the snapshot does not hold was not read (or
//! has a generated name that nothing tells): it is listed as not compared, never as clean and
//! never as missing. A baseline's roles are matched by ARN, then by name.
//!
//! ## Classes (the rules, from the CloudFormation registry schemas in
//! `shared/reference/cfn-schemas/`: `createOnlyProperties` of `AWS::IAM::Role` are `RoleName`
//! and `Path`; of `AWS::IAM::ManagedPolicy` `ManagedPolicyName`, `Description` and `Path`)
//! - `RoleName`, `Path`: `drift-replacement` (a new role, a new ARN).
//! - A managed policy's `ManagedPolicyName` (when the template sets one), `Path` (absent = `/`)
//!   and `Description`: `drift-replacement` (a new policy), compared with what `GetPolicy`
//!   returned; listed as not compared when the snapshot does not hold it (an older snapshot).
//! - `AssumeRolePolicyDocument`, `Policies[NAME]`, `ManagedPolicyArns`, `MaxSessionDuration`
//!   (absent = 3600), `Description`, `Tags[KEY]`, `PermissionsBoundary`: `drift-in-place`.
//! - A live trust policy that lets more principals assume the role than the desired one
//!   ([`super::policy::trust_widening`]): one `trust-policy-widened` finding per widening, on
//!   top of the in-place difference.
//! - Tags whose key starts with `aws:` are AWS's own (CloudFormation's `aws:cloudformation:*`;
//!   IAM refuses that prefix from users): not compared.
//! - Inline policies the template declares with `AWS::IAM::Policy` / `AWS::IAM::RolePolicy`
//!   and managed policies it attaches with `AWS::IAM::ManagedPolicy` `Roles` are compared on
//!   those resources, not again on the role.

use super::policy::{self, Policy};
use super::template::{is_unknown, RefTarget, Resolver, Template};
use super::{DriftClass, Finding, Fix, MatchedBy, ResourceDrift, ResourceRef, Skipped, Status};
use crate::cfn::{self, Linking, Selection};
use crate::model::{ManagedPolicy, Role, Snapshot};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};

pub const ROLE: &str = "AWS::IAM::Role";
pub const POLICY: &str = "AWS::IAM::Policy";
pub const ROLE_POLICY: &str = "AWS::IAM::RolePolicy";
pub const MANAGED_POLICY: &str = "AWS::IAM::ManagedPolicy";

/// Every IAM type drift compares.
pub const TYPES: [&str; 4] = [ROLE, POLICY, ROLE_POLICY, MANAGED_POLICY];

/// `MaxSessionDuration` when the template or IAM leaves it out (IAM `CreateRole`: "the default
/// value of one hour is applied").
const DEFAULT_MAX_SESSION: i64 = 3600;

/// A desired role and the live role it is matched to.
#[derive(Debug, Clone)]
pub(super) struct RolePlan {
    logical_id: Option<String>,
    /// The desired properties: unresolved template properties, or the baseline's mapping.
    props: Value,
    /// The live role's index in the snapshot, when matched.
    live: Option<usize>,
    matched_by: Option<MatchedBy>,
    /// The role's name, when known (matched, or named but not read).
    name: Option<String>,
    /// Why it could not be matched.
    why: String,
}

/// What the IAM part of a comparison knows before the Cognito resources are matched.
#[derive(Debug, Clone, Default)]
pub(super) struct Plan {
    roles: Vec<RolePlan>,
    /// `Ref` / `Fn::GetAtt` of the template's roles and managed policies, by logical id.
    pub targets: BTreeMap<String, RefTarget>,
    baseline: bool,
}

fn live_roles(live: &Snapshot) -> Vec<&Role> {
    live.roles.iter().collect()
}

/// The CloudFormation properties of one snapshot role, through the one mapping.
fn mapped(role: &Role) -> Value {
    let roles = [role];
    let selection = Selection {
        account_id: None,
        user_pools: &[],
        identity_pools: &[],
        roles: &roles,
    };
    cfn::resources(selection, &Linking::Literal)
        .resources
        .into_iter()
        .next()
        .map(|r| Value::Object(r.props))
        .unwrap_or(Value::Null)
}

/// Matches a baseline's roles to live ones: by ARN, then by name.
pub(super) fn plan_baseline(baseline: &Snapshot, live: &Snapshot) -> Plan {
    let lives = live_roles(live);
    let roles = baseline
        .roles
        .iter()
        .map(|b| {
            let by_arn = lives.iter().position(|l| l.arn == b.arn);
            let (index, by) = match by_arn {
                Some(i) => (Some(i), Some(MatchedBy::BaselineId)),
                None => match lives.iter().position(|l| l.name == b.name) {
                    Some(i) => (Some(i), Some(MatchedBy::Name)),
                    None => (None, None),
                },
            };
            RolePlan {
                logical_id: None,
                props: mapped(b),
                live: index,
                matched_by: by,
                name: Some(b.name.clone()),
                why: "not in the live snapshot: no scanned Cognito resource references it any \
                      more, so it was not read"
                    .into(),
            }
        })
        .collect();
    Plan {
        roles,
        targets: BTreeMap::new(),
        baseline: true,
    }
}

/// Where a template role's live name comes from.
pub(super) struct Sources<'a> {
    /// `resources-to-import.json` identifiers by logical id and type.
    pub import: &'a dyn Fn(&str, &str, &str) -> Option<String>,
    pub map: &'a BTreeMap<String, String>,
    pub from_stack: bool,
}

/// Matches a template's roles to live ones, and what their `Ref` / `Fn::GetAtt` give.
pub(super) fn plan_template(
    t: &Template,
    live: &Snapshot,
    resolver: &Resolver,
    sources: &Sources,
) -> Plan {
    let lives = live_roles(live);
    let mut plan = Plan::default();
    let enabled = |cond: &Option<String>| {
        cond.as_ref()
            .map_or(true, |c| resolver.condition(c, 0) != Some(false))
    };
    for r in t.resources.iter().filter(|r| enabled(&r.condition)) {
        if r.resource_type == MANAGED_POLICY {
            if let Some(arn) = managed_policy_arn(r, live, resolver, sources) {
                let mut attributes = BTreeMap::new();
                attributes.insert("PolicyArn".to_string(), arn.clone());
                plan.targets.insert(
                    r.logical_id.clone(),
                    RefTarget {
                        ref_value: arn,
                        attributes,
                        ..RefTarget::default()
                    },
                );
            }
            continue;
        }
        if r.resource_type != ROLE {
            continue;
        }
        let l = r.logical_id.as_str();
        let named = r
            .properties
            .get("RoleName")
            .map(|n| resolver.resolve(n))
            .and_then(|n| n.as_str().map(str::to_string));
        let given = (sources.import)(l, ROLE, "RoleName")
            .map(|n| (n, MatchedBy::ImportFile))
            .or_else(|| {
                let by = if sources.from_stack {
                    MatchedBy::Stack
                } else {
                    MatchedBy::Map
                };
                sources
                    .map
                    .get(l)
                    .or_else(|| resolver.targets.get(l).map(|t| &t.ref_value))
                    .map(|n| (n.clone(), by))
            })
            .or_else(|| named.clone().map(|n| (n, MatchedBy::Name)));
        let (name, index, by, why) = match given {
            Some((n, by)) => {
                let n = n.rsplit('/').next().unwrap_or(&n).to_string();
                match lives.iter().position(|x| x.name == n) {
                    Some(i) => (Some(n), Some(i), Some(by), String::new()),
                    None => {
                        let why = format!(
                            "role {n} is not in the live snapshot: a scan reads the roles Cognito \
                             resources reference and the roles of the stacks it reads \
                             (`cogref scan --stack STACK`, `drift --stack`)"
                        );
                        (Some(n), None, None, why)
                    }
                }
            }
            None => {
                let why = match r.properties.get("RoleName").map(|n| resolver.resolve(n)) {
                    Some(v) => format!(
                        "its RoleName cannot be evaluated offline ({}): pass --import-file, --map \
                         {l}=ROLE_NAME or --stack",
                        is_unknown(&v).unwrap_or_else(|| "not a string".into())
                    ),
                    None => format!(
                        "its name is generated by CloudFormation and nothing tells which live \
                         role it is: pass --import-file, --map {l}=ROLE_NAME or --stack"
                    ),
                };
                (None, None, None, why)
            }
        };
        if let Some(n) = &name {
            let mut attributes = BTreeMap::new();
            if let Some(i) = index {
                attributes.insert("Arn".to_string(), lives[i].arn.clone());
            }
            plan.targets.insert(
                l.to_string(),
                RefTarget {
                    ref_value: n.clone(),
                    attributes,
                    ..RefTarget::default()
                },
            );
        }
        plan.roles.push(RolePlan {
            logical_id: Some(l.to_string()),
            props: r.properties.clone(),
            live: index,
            matched_by: by,
            name,
            why,
        });
    }
    plan
}

/// The names of the roles a template declares that can be told without reading AWS (import
/// file, `--map`, a `RoleName` that needs no live value): what a live scan for this template
/// reads besides the roles Cognito resources reference.
pub fn template_role_names(t: &Template, options: &super::Options) -> Vec<String> {
    let resolver = Resolver {
        template: t,
        overrides: &options.parameters,
        region: None,
        account_id: None,
        targets: BTreeMap::new(),
        pseudo: options.pseudo.clone(),
    };
    let mut out: Vec<String> = t
        .resources
        .iter()
        .filter(|r| r.resource_type == ROLE)
        .filter_map(|r| {
            let l = r.logical_id.as_str();
            options
                .import
                .iter()
                .find(|e| e.logical_resource_id == l && e.resource_type == ROLE)
                .and_then(|e| e.resource_identifier.get("RoleName"))
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| options.map.get(l).cloned())
                .or_else(|| {
                    let n = resolver.resolve(r.properties.get("RoleName")?);
                    n.as_str().map(str::to_string)
                })
        })
        .map(|n| n.rsplit('/').next().unwrap_or(&n).to_string())
        .collect();
    out.sort();
    out.dedup();
    out
}

/// A template managed policy's ARN: import file, stack or `--map`, else built from its name.
fn managed_policy_arn(
    r: &super::template::TemplateResource,
    live: &Snapshot,
    resolver: &Resolver,
    sources: &Sources,
) -> Option<String> {
    let l = r.logical_id.as_str();
    if let Some(arn) = (sources.import)(l, MANAGED_POLICY, "PolicyArn")
        .or_else(|| sources.map.get(l).cloned())
        .or_else(|| resolver.targets.get(l).map(|t| t.ref_value.clone()))
    {
        return Some(arn);
    }
    let name = resolver.resolve(r.properties.get("ManagedPolicyName")?);
    let path = r
        .properties
        .get("Path")
        .map(|p| resolver.resolve(p))
        .unwrap_or(json!("/"));
    let account = live.account_id.as_deref()?;
    let partition = resolver
        .region
        .as_deref()
        .map(cfn::partition_of)
        .unwrap_or("aws");
    Some(format!(
        "arn:{partition}:iam::{account}:policy{}{}",
        path.as_str()?,
        name.as_str()?
    ))
}

// ---------------------------------------------------------------------------------------------
// Comparison

/// The IAM findings of a comparison, once every `Ref` is known.
pub(super) fn compare(
    plan: &Plan,
    template: Option<&Template>,
    live: &Snapshot,
    resolver: &Resolver,
) -> (Vec<ResourceDrift>, Vec<Skipped>) {
    let lives = live_roles(live);
    let mut out = Vec::new();
    let mut skipped = Vec::new();

    // Inline and managed policies declared by their own template resources, by role name.
    let attached = template
        .map(|t| policy_resources(t, resolver))
        .unwrap_or_default();
    let mut inline_elsewhere: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut managed_elsewhere: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &attached {
        for role in &p.roles {
            match (&p.kind, &p.name) {
                (PolicyKind::Inline, Some(n)) => {
                    inline_elsewhere
                        .entry(role.clone())
                        .or_default()
                        .insert(n.clone());
                }
                (PolicyKind::Managed, Some(arn)) => {
                    managed_elsewhere
                        .entry(role.clone())
                        .or_default()
                        .insert(arn.clone());
                }
                _ => {}
            }
        }
    }

    let mut used = BTreeSet::new();
    for rp in &plan.roles {
        let Some(i) = rp.live else {
            skipped.push(Skipped {
                logical_id: rp
                    .logical_id
                    .clone()
                    .or_else(|| rp.name.clone())
                    .unwrap_or_default(),
                resource_type: ROLE.into(),
                reason: rp.why.clone(),
            });
            continue;
        };
        used.insert(i);
        let role = lives[i];
        let props = if plan.baseline {
            rp.props.clone()
        } else {
            resolver.resolve(&rp.props)
        };
        let live_props = mapped(role);
        let mut desired_doc = role_doc(&props);
        let mut live_doc = role_doc(&live_props);
        let no = BTreeSet::new();
        strip(
            &mut live_doc,
            inline_elsewhere.get(&role.name).unwrap_or(&no),
            managed_elsewhere.get(&role.name).unwrap_or(&no),
        );
        // No RoleName (a generated name), or one that cannot be evaluated offline while the
        // import file, --map or the stack names the role: the name is what matched it, not drift.
        let name_unknown = desired_doc
            .get("RoleName")
            .is_some_and(|n| is_unknown(n).is_some())
            && matches!(
                rp.matched_by,
                Some(MatchedBy::ImportFile | MatchedBy::Map | MatchedBy::Stack)
            );
        if desired_doc.get("RoleName").is_none() || name_unknown {
            for d in [&mut desired_doc, &mut live_doc] {
                if let Value::Object(m) = d {
                    m.remove("RoleName");
                }
            }
        }
        let findings = role_findings(&desired_doc, &live_doc);
        for d in [&mut desired_doc, &mut live_doc] {
            readable(d);
        }
        out.push(ResourceDrift {
            resource: ResourceRef {
                resource_type: ROLE.into(),
                logical_id: rp.logical_id.clone(),
                physical_id: Some(role.arn.clone()),
                name: Some(role.name.clone()),
            },
            status: Status::Matched,
            matched_by: rp.matched_by,
            desired: Some(desired_doc),
            live: Some(live_doc),
            not_compared: Vec::new(),
            findings,
        });
    }
    if plan.baseline {
        // Every live role is in scope of a baseline.
        for (i, role) in lives.iter().enumerate() {
            if used.contains(&i) {
                continue;
            }
            let mut live_doc = role_doc(&mapped(role));
            readable(&mut live_doc);
            out.push(ResourceDrift {
                resource: ResourceRef {
                    resource_type: ROLE.into(),
                    logical_id: None,
                    physical_id: Some(role.arn.clone()),
                    name: Some(role.name.clone()),
                },
                status: Status::NotInDesired,
                matched_by: None,
                desired: None,
                live: Some(live_doc),
                not_compared: Vec::new(),
                findings: vec![plain(
                    DriftClass::Removed,
                    "",
                    None,
                    None,
                    format!(
                        "live but not in the desired state (referenced by {})",
                        role.referenced_by.join(", ")
                    ),
                    None,
                )],
            });
        }
    }

    for p in &attached {
        let (drift, skip) = policy_drift(p, &lives);
        out.extend(drift);
        skipped.extend(skip);
    }
    (out, skipped)
}

/// Removes from a live role the inline policies and managed policy attachments that other
/// template resources declare.
fn strip(live: &mut Value, inline: &BTreeSet<String>, managed: &BTreeSet<String>) {
    let Value::Object(m) = live else { return };
    if let Some(Value::Object(p)) = m.get_mut("Policies") {
        p.retain(|k, _| !inline.contains(k));
        if p.is_empty() {
            m.remove("Policies");
        }
    }
    if let Some(Value::Array(a)) = m.get_mut("ManagedPolicyArns") {
        a.retain(|v| !v.as_str().is_some_and(|s| managed.contains(s)));
        if a.is_empty() {
            m.remove("ManagedPolicyArns");
        }
    }
}

/// A role's properties in comparable form: defaults filled in, `Tags` and `Policies` keyed,
/// `ManagedPolicyArns` sorted, policy documents as written (compared by meaning later).
fn role_doc(props: &Value) -> Value {
    let mut m = Map::new();
    let get = |k: &str| props.get(k).filter(|v| !v.is_null());
    if let Some(v) = get("RoleName") {
        m.insert("RoleName".into(), v.clone());
    }
    m.insert(
        "Path".into(),
        get("Path").cloned().unwrap_or_else(|| json!("/")),
    );
    if let Some(v) = get("Description").filter(|v| v.as_str() != Some("")) {
        m.insert("Description".into(), v.clone());
    }
    m.insert(
        "MaxSessionDuration".into(),
        match get("MaxSessionDuration") {
            Some(Value::String(s)) => s
                .trim()
                .parse::<i64>()
                .map(Value::from)
                .unwrap_or_else(|_| json!(s)),
            Some(v) => v.clone(),
            None => json!(DEFAULT_MAX_SESSION),
        },
    );
    if let Some(v) = get("PermissionsBoundary") {
        m.insert("PermissionsBoundary".into(), v.clone());
    }
    if let Some(v) = get("AssumeRolePolicyDocument") {
        m.insert("AssumeRolePolicyDocument".into(), v.clone());
    }
    if let Some(v) = get("Policies") {
        m.insert("Policies".into(), keyed(v, "PolicyName", "PolicyDocument"));
    }
    match get("ManagedPolicyArns") {
        Some(Value::Array(a)) if !a.is_empty() => {
            let mut a = a.clone();
            a.sort_by_key(|v| v.to_string());
            a.dedup();
            m.insert("ManagedPolicyArns".into(), Value::Array(a));
        }
        Some(Value::Array(_)) | None => {}
        Some(v) => {
            m.insert("ManagedPolicyArns".into(), v.clone());
        }
    }
    if let Some(v) = get("Tags") {
        let mut tags = keyed(v, "Key", "Value");
        // `aws:` tags are AWS's own (CloudFormation's `aws:cloudformation:*`): no user sets them.
        if let Value::Object(t) = &mut tags {
            t.retain(|k, _| !k.starts_with("aws:"));
        }
        if tags.as_object().map_or(true, |t| !t.is_empty()) {
            m.insert("Tags".into(), tags);
        }
    }
    Value::Object(m)
}

/// `[{K: name, V: value}]` as `{name: value}`; an unknown or odd value is kept as it is.
fn keyed(v: &Value, key: &str, value: &str) -> Value {
    let Value::Array(items) = v else {
        return v.clone();
    };
    let mut out = Map::new();
    for item in items {
        match (item.get(key), item.get(value)) {
            (Some(Value::String(k)), Some(v)) => {
                out.insert(k.clone(), v.clone());
            }
            _ => return v.clone(),
        }
    }
    Value::Object(out)
}

/// Policy documents in the report's documents: canonical where they parse, so the diff shows
/// only differences of meaning.
fn readable(doc: &mut Value) {
    let Value::Object(m) = doc else { return };
    if let Some(d) = m.get_mut("AssumeRolePolicyDocument") {
        canonical_in_place(d);
    }
    if let Some(Value::Object(p)) = m.get_mut("Policies") {
        for d in p.values_mut() {
            canonical_in_place(d);
        }
    }
}

fn canonical_in_place(doc: &mut Value) {
    if is_unknown(doc).is_none() {
        if let Ok(c) = policy::canonical(doc) {
            *doc = c;
        }
    }
}

fn plain(
    class: DriftClass,
    path: &str,
    desired: Option<Value>,
    live: Option<Value>,
    reason: String,
    fix: Option<Fix>,
) -> Finding {
    Finding {
        code: class.code(),
        class,
        path: path.to_string(),
        desired,
        live,
        rule: None,
        reason,
        evidence: None,
        users_at_risk: None,
        fix,
        differences: Vec::new(),
    }
}

fn fix(call: &'static str, note: Option<&str>) -> Option<Fix> {
    Some(Fix {
        call,
        resets_omitted: note.is_some(),
        note: note.map(str::to_string),
    })
}

const EVIDENCE_ROLE: &str = "CloudFormation registry schema AWS::IAM::Role \
     (shared/reference/cfn-schemas/aws-iam-role.json): createOnlyProperties Path, RoleName";

/// Findings for a matched role.
fn role_findings(desired: &Value, live: &Value) -> Vec<Finding> {
    let mut out = Vec::new();
    let get = |doc: &Value, k: &str| doc.get(k).cloned();
    for (prop, class, call, rule) in [
        (
            "RoleName",
            DriftClass::Replacement,
            None,
            Some("create_only"),
        ),
        ("Path", DriftClass::Replacement, None, Some("create_only")),
        (
            "Description",
            DriftClass::InPlace,
            Some("UpdateRole"),
            Some("in_place"),
        ),
        (
            "MaxSessionDuration",
            DriftClass::InPlace,
            Some("UpdateRole"),
            Some("in_place"),
        ),
        (
            "PermissionsBoundary",
            DriftClass::InPlace,
            Some("PutRolePermissionsBoundary/DeleteRolePermissionsBoundary"),
            Some("in_place"),
        ),
        (
            "ManagedPolicyArns",
            DriftClass::InPlace,
            Some("AttachRolePolicy/DetachRolePolicy"),
            Some("in_place"),
        ),
    ] {
        let (d, l) = (get(desired, prop), get(live, prop));
        if d == l {
            continue;
        }
        if let Some(reason) = d.as_ref().and_then(is_unknown) {
            out.push(unknown(prop, d.clone(), l, &reason));
            continue;
        }
        let reason = match class {
            DriftClass::Replacement => {
                "fixed when the role is created: applying it means a new role (a new ARN for \
                 everything that references it)"
                    .to_string()
            }
            _ => "can be changed on the existing role".to_string(),
        };
        let mut f = plain(class, prop, d, l, reason, call.and_then(|c| fix(c, None)));
        f.rule = rule;
        if class == DriftClass::Replacement {
            f.evidence = Some(EVIDENCE_ROLE.into());
        }
        out.push(f);
    }
    keyed_findings(
        desired.get("Tags"),
        live.get("Tags"),
        "Tags",
        &mut out,
        |path, d, l| {
            let mut f = plain(
                DriftClass::InPlace,
                path,
                d,
                l,
                "can be changed on the existing role".into(),
                fix("TagRole/UntagRole", None),
            );
            f.rule = Some("in_place");
            Some(f)
        },
    );
    keyed_findings(
        desired.get("Policies"),
        live.get("Policies"),
        "Policies",
        &mut out,
        |path, d, l| document_finding(path, d, l, "PutRolePolicy", "DeleteRolePolicy"),
    );
    if let Some(trust) = document_pair(
        desired.get("AssumeRolePolicyDocument"),
        live.get("AssumeRolePolicyDocument"),
    ) {
        out.extend(trust_findings(trust));
    }
    out.sort_by(|a, b| (&a.path, a.class).cmp(&(&b.path, b.class)));
    out
}

fn unknown(path: &str, desired: Option<Value>, live: Option<Value>, reason: &str) -> Finding {
    plain(
        DriftClass::Unknown,
        path,
        desired,
        live,
        format!("the desired value cannot be evaluated offline: {reason}"),
        None,
    )
}

/// Findings for a keyed collection (`Tags`, `Policies`): the whole collection unknown, or one
/// per key that differs.
fn keyed_findings(
    desired: Option<&Value>,
    live: Option<&Value>,
    prop: &str,
    out: &mut Vec<Finding>,
    each: impl Fn(&str, Option<Value>, Option<Value>) -> Option<Finding>,
) {
    if desired == live {
        return;
    }
    if let Some(reason) = desired.and_then(is_unknown_whole) {
        out.push(unknown(prop, desired.cloned(), live.cloned(), &reason));
        return;
    }
    let empty = Map::new();
    let (d, l) = (
        desired.and_then(Value::as_object).unwrap_or(&empty),
        live.and_then(Value::as_object).unwrap_or(&empty),
    );
    let keys: BTreeSet<&String> = d.keys().chain(l.keys()).collect();
    for k in keys {
        let (dv, lv) = (d.get(k).cloned(), l.get(k).cloned());
        if dv == lv {
            continue;
        }
        let path = format!("{prop}[{k}]");
        if let Some(reason) = dv.as_ref().and_then(is_unknown) {
            if prop != "Policies" {
                out.push(unknown(&path, dv, lv, &reason));
                continue;
            }
        }
        if let Some(f) = each(&path, dv, lv) {
            out.push(f);
        }
    }
}

/// An unknown marker standing for a whole collection (not one inside it), or a collection that
/// is not keyed.
fn is_unknown_whole(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) if m.len() == 1 && m.contains_key(super::template::UNKNOWN_KEY) => {
            is_unknown(v)
        }
        Value::Object(_) => None,
        other => is_unknown(other).or_else(|| Some("not a list of name/value pairs".into())),
    }
}

/// Two policy documents, parsed, or the finding that says why they cannot be compared.
enum Pair {
    Equal,
    Unknown(Finding),
    /// Either could not be read as a policy: compared as written, and they differ.
    Raw(Finding),
    /// Both parsed, and what differs in meaning ([`lines`]).
    Parsed(Box<(Policy, Policy)>, Vec<String>),
}

fn document_pair(desired: Option<&Value>, live: Option<&Value>) -> Option<(Pair, String)> {
    let path = "AssumeRolePolicyDocument".to_string();
    Some((compare_documents(&path, desired, live)?, path))
}

/// Compares two documents at `path`; `None` when both are absent.
fn compare_documents(path: &str, desired: Option<&Value>, live: Option<&Value>) -> Option<Pair> {
    let (d, l) = match (desired, live) {
        (None, None) => return None,
        (Some(d), Some(l)) => (d, l),
        _ => {
            return Some(Pair::Raw(plain(
                DriftClass::InPlace,
                path,
                desired.cloned(),
                live.cloned(),
                if desired.is_some() {
                    "in the desired state, not live".into()
                } else {
                    "live, not in the desired state".into()
                },
                None,
            )))
        }
    };
    if let Some(reason) = is_unknown(d) {
        return Some(Pair::Unknown(unknown(
            path,
            Some(d.clone()),
            Some(l.clone()),
            &reason,
        )));
    }
    match (Policy::parse(d), Policy::parse(l)) {
        (Ok(dp), Ok(lp)) => {
            let diffs = policy::diff(&dp, &lp);
            if diffs.is_empty() {
                Some(Pair::Equal)
            } else {
                Some(Pair::Parsed(Box::new((dp, lp)), lines(&diffs)))
            }
        }
        (dr, lr) => {
            if d == l {
                return Some(Pair::Equal);
            }
            let why = [dr.err(), lr.err()]
                .into_iter()
                .flatten()
                .map(|e| e.to_string())
                .collect::<Vec<_>>()
                .join("; ");
            Some(Pair::Raw(plain(
                DriftClass::InPlace,
                path,
                Some(d.clone()),
                Some(l.clone()),
                format!("not readable as a policy ({why}): compared as written, and they differ"),
                None,
            )))
        }
    }
}

/// The finding for an inline policy at `path`, or none when equal in meaning.
fn document_finding(
    path: &str,
    desired: Option<Value>,
    live: Option<Value>,
    put: &'static str,
    delete: &'static str,
) -> Option<Finding> {
    let pair = compare_documents(path, desired.as_ref(), live.as_ref())?;
    let call = if desired.is_none() { delete } else { put };
    let mut f = match pair {
        Pair::Equal => return None,
        Pair::Unknown(f) => return Some(f),
        Pair::Raw(f) => f,
        Pair::Parsed(pair, differences) => {
            let mut f = plain(
                DriftClass::InPlace,
                path,
                Some(pair.0.to_value()),
                Some(pair.1.to_value()),
                "the policy differs in meaning".into(),
                None,
            );
            f.differences = differences;
            f
        }
    };
    f.rule = Some("in_place");
    f.fix = fix(
        call,
        (call == put).then_some("the call replaces the whole policy document"),
    );
    Some(f)
}

/// Multi-line renderings (a statement's details on lines indented by two spaces) as the
/// lines of [`Finding::differences`].
fn lines<T: std::fmt::Display>(items: &[T]) -> Vec<String> {
    items
        .iter()
        .flat_map(|v| {
            v.to_string()
                .lines()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The trust policy findings: the in-place difference and one per widening.
fn trust_findings((pair, path): (Pair, String)) -> Vec<Finding> {
    let update = "UpdateAssumeRolePolicy";
    let note = Some("UpdateAssumeRolePolicy replaces the whole trust policy");
    match pair {
        Pair::Equal => Vec::new(),
        Pair::Unknown(f) => vec![f],
        Pair::Raw(mut f) => {
            f.rule = Some("in_place");
            f.fix = fix(update, note);
            vec![f]
        }
        Pair::Parsed(pair, differences) => {
            let (d, l) = *pair;
            let mut out = Vec::new();
            for w in policy::trust_widening(&d, &l) {
                let mut f = plain(
                    DriftClass::TrustWidened,
                    &path,
                    Some(d.to_value()),
                    Some(l.to_value()),
                    format!(
                        "the live trust policy lets more principals assume the role than the \
                         desired one ({})",
                        serde_json::to_value(w.kind)
                            .ok()
                            .and_then(|v| v.as_str().map(str::to_string))
                            .unwrap_or_default(),
                    ),
                    fix(update, note),
                );
                f.rule = Some("in_place");
                f.differences = lines(std::slice::from_ref(&w));
                out.push(f);
            }
            let mut f = plain(
                DriftClass::InPlace,
                &path,
                Some(d.to_value()),
                Some(l.to_value()),
                "the trust policy differs in meaning".into(),
                fix(update, note),
            );
            f.rule = Some("in_place");
            f.differences = differences;
            out.push(f);
            out
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Policy resources

#[derive(Debug, Clone, PartialEq, Eq)]
enum PolicyKind {
    /// `AWS::IAM::Policy` or `AWS::IAM::RolePolicy`: an inline policy on each role.
    Inline,
    /// `AWS::IAM::ManagedPolicy`: a managed policy attached to each role.
    Managed,
}

/// A template policy resource, resolved.
#[derive(Debug, Clone)]
struct PolicyResource {
    logical_id: String,
    resource_type: &'static str,
    kind: PolicyKind,
    /// The inline policy's name, or the managed policy's ARN.
    name: Option<String>,
    /// Why `name` is not known.
    name_unknown: Option<String>,
    document: Option<Value>,
    /// Role names it is put on or attached to.
    roles: Vec<String>,
    /// Role entries that cannot be evaluated.
    roles_unknown: Vec<String>,
    /// Properties not compared (`Users`, `Groups`).
    not_compared: Vec<String>,
    /// A managed policy's `ManagedPolicyName`, `Path` and `Description`, resolved, when set.
    created_with: Map<String, Value>,
}

fn policy_resources(t: &Template, resolver: &Resolver) -> Vec<PolicyResource> {
    let mut out = Vec::new();
    for r in &t.resources {
        if r.condition
            .as_ref()
            .is_some_and(|c| resolver.condition(c, 0) == Some(false))
        {
            continue;
        }
        let (resource_type, kind) = match r.resource_type.as_str() {
            POLICY => (POLICY, PolicyKind::Inline),
            ROLE_POLICY => (ROLE_POLICY, PolicyKind::Inline),
            MANAGED_POLICY => (MANAGED_POLICY, PolicyKind::Managed),
            _ => continue,
        };
        let props = resolver.resolve(&r.properties);
        let (name, name_unknown) = match kind {
            PolicyKind::Inline => match props.get("PolicyName") {
                Some(Value::String(s)) => (Some(s.clone()), None),
                Some(v) => (
                    None,
                    Some(is_unknown(v).unwrap_or_else(|| "not a string".into())),
                ),
                None => (None, Some("PolicyName is not set".into())),
            },
            PolicyKind::Managed => match resolver.targets.get(&r.logical_id) {
                Some(t) => (Some(t.ref_value.clone()), None),
                None => (
                    None,
                    Some(
                        "its ARN is not known (a generated name: pass --import-file or --stack)"
                            .into(),
                    ),
                ),
            },
        };
        let role_values: Vec<Value> = match resource_type {
            ROLE_POLICY => props.get("RoleName").cloned().into_iter().collect(),
            _ => match props.get("Roles") {
                Some(Value::Array(a)) => a.clone(),
                Some(v) => vec![v.clone()],
                None => Vec::new(),
            },
        };
        let mut roles = Vec::new();
        let mut roles_unknown = Vec::new();
        for v in role_values {
            match v.as_str() {
                // `Roles` takes names; an ARN names the role by its last segment.
                Some(s) => roles.push(s.rsplit('/').next().unwrap_or(s).to_string()),
                None => roles_unknown.push(is_unknown(&v).unwrap_or_else(|| "not a string".into())),
            }
        }
        let not_compared: Vec<String> = ["Users", "Groups"]
            .into_iter()
            .filter(|k| {
                props
                    .get(*k)
                    .is_some_and(|v| v.as_array().map_or(true, |a| !a.is_empty()))
            })
            .map(|k| format!("{k} (IAM users and groups are not read)"))
            .collect();
        let created_with = match kind {
            PolicyKind::Managed => CREATED_WITH
                .iter()
                .filter_map(|k| Some((k.to_string(), props.get(*k)?.clone())))
                .collect(),
            PolicyKind::Inline => Map::new(),
        };
        out.push(PolicyResource {
            logical_id: r.logical_id.clone(),
            resource_type,
            kind,
            name,
            name_unknown,
            document: props.get("PolicyDocument").cloned(),
            roles,
            roles_unknown,
            not_compared,
            created_with,
        });
    }
    out
}

/// The drift of one policy resource: its document on each role it names.
fn policy_drift(p: &PolicyResource, lives: &[&Role]) -> (Option<ResourceDrift>, Option<Skipped>) {
    let skip = |reason: String| {
        (
            None,
            Some(Skipped {
                logical_id: p.logical_id.clone(),
                resource_type: p.resource_type.into(),
                reason,
            }),
        )
    };
    let Some(name) = &p.name else {
        return skip(format!(
            "not compared: {}",
            p.name_unknown.clone().unwrap_or_default()
        ));
    };
    let read: Vec<(&String, &Role)> = p
        .roles
        .iter()
        .filter_map(|n| lives.iter().find(|r| &r.name == n).map(|r| (n, *r)))
        .collect();
    let mut not_compared = p.not_compared.clone();
    for n in &p.roles {
        if !read.iter().any(|(x, _)| *x == n) {
            not_compared.push(format!("Roles[{n}] (the role is not in the live snapshot)"));
        }
    }
    for why in &p.roles_unknown {
        not_compared.push(format!("a role that cannot be evaluated offline ({why})"));
    }
    let path_of = |role: &str| match p.resource_type {
        ROLE_POLICY => "PolicyDocument".to_string(),
        _ => format!("Roles[{role}]"),
    };
    let mut findings = Vec::new();
    let mut shown_desired = p.document.clone().unwrap_or(Value::Null);
    canonical_in_place(&mut shown_desired);
    // The documents shown: inline policies as `Roles: {ROLE: document}` on both sides; managed
    // policies as their document and the roles they are attached to.
    let mut live_roles = Map::new();
    let mut live_doc = Map::new();
    let mut desired_doc = match p.kind {
        PolicyKind::Inline => json!({ "Roles": read
            .iter()
            .map(|(n, _)| ((*n).clone(), shown_desired.clone()))
            .collect::<Map<String, Value>>() }),
        PolicyKind::Managed => json!({
            "PolicyDocument": shown_desired,
            "Roles": read.iter().map(|(n, _)| json!(n)).collect::<Vec<_>>(),
        }),
    };
    match p.kind {
        PolicyKind::Inline => {
            for (n, role) in &read {
                let live = role
                    .inline_policies
                    .iter()
                    .find(|x| &x.name == name)
                    .map(|x| x.document.clone());
                let path = path_of(n);
                let mut shown = live.clone().unwrap_or(Value::Null);
                canonical_in_place(&mut shown);
                live_roles.insert(n.to_string(), shown);
                if live.is_none() {
                    findings.push(plain(
                        DriftClass::InPlace,
                        &path,
                        p.document.clone(),
                        None,
                        format!("the role has no inline policy {name}"),
                        fix("PutRolePolicy", None),
                    ));
                    continue;
                }
                if let Some(f) =
                    document_finding(&path, p.document.clone(), live, "PutRolePolicy", "")
                {
                    findings.push(f);
                }
            }
        }
        PolicyKind::Managed => {
            let mut document: Option<Value> = None;
            let mut policy: Option<&ManagedPolicy> = None;
            for (n, role) in &read {
                let attached = role.managed_policies.iter().find(|x| &x.arn == name);
                if attached.is_some() {
                    live_roles.insert(n.to_string(), Value::Null);
                }
                match attached {
                    Some(a) => {
                        policy = policy.or(Some(a));
                        if document.is_none() {
                            document = a.document.clone();
                        }
                    }
                    None => findings.push(plain(
                        DriftClass::InPlace,
                        &path_of(n),
                        Some(json!(name)),
                        None,
                        format!("the managed policy is not attached to role {n}"),
                        fix("AttachRolePolicy", None),
                    )),
                }
            }
            match document {
                Some(live) => {
                    if let Some(mut f) = document_finding(
                        "PolicyDocument",
                        p.document.clone(),
                        Some(live.clone()),
                        "CreatePolicyVersion",
                        "",
                    ) {
                        if let Some(x) = &mut f.fix {
                            x.note = Some(
                                "CreatePolicyVersion --set-as-default with the whole document"
                                    .into(),
                            );
                        }
                        findings.push(f);
                    }
                    let mut shown = live;
                    canonical_in_place(&mut shown);
                    live_doc.insert("PolicyDocument".into(), shown);
                }
                None => not_compared.push(
                    "PolicyDocument (read only through a role it is attached to, and no read role \
                     has it)"
                        .into(),
                ),
            }
            match policy {
                Some(live) if live.path.is_some() => {
                    let (desired, live) = created_with(&p.created_with, live);
                    findings.extend(created_with_findings(&desired, &live));
                    if let Value::Object(d) = &mut desired_doc {
                        d.extend(desired);
                    }
                    live_doc.extend(live);
                }
                // Not read with GetPolicy (a snapshot of an older cogref, a failed read), or
                // attached to no read role.
                _ => not_compared.extend(
                    CREATED_WITH
                        .iter()
                        .filter(|k| p.created_with.contains_key(**k))
                        .map(|k| format!("{k} (not in the snapshot)")),
                ),
            }
        }
    }
    live_doc.insert(
        "Roles".into(),
        match p.kind {
            PolicyKind::Inline => Value::Object(live_roles),
            PolicyKind::Managed => live_roles.keys().map(|k| json!(k)).collect(),
        },
    );
    if read.is_empty() && findings.is_empty() {
        return skip(format!(
            "not compared: none of the roles it names ({}) is in the live snapshot",
            if p.roles.is_empty() {
                "none".to_string()
            } else {
                p.roles.join(", ")
            }
        ));
    }
    findings.sort_by(|a, b| (&a.path, a.class).cmp(&(&b.path, b.class)));
    (
        Some(ResourceDrift {
            resource: ResourceRef {
                resource_type: p.resource_type.into(),
                logical_id: Some(p.logical_id.clone()),
                physical_id: (p.kind == PolicyKind::Managed).then(|| name.clone()),
                name: (p.kind == PolicyKind::Inline).then(|| name.clone()),
            },
            status: Status::Matched,
            matched_by: Some(MatchedBy::Parent),
            desired: Some(desired_doc),
            live: Some(Value::Object(live_doc)),
            not_compared,
            findings,
        }),
        None,
    )
}

/// The properties a managed policy is created with, which no IAM call changes.
const CREATED_WITH: [&str; 3] = ["ManagedPolicyName", "Path", "Description"];

const EVIDENCE_MANAGED_POLICY: &str = "CloudFormation registry schema AWS::IAM::ManagedPolicy \
     (shared/reference/cfn-schemas/aws-iam-managedpolicy.json): createOnlyProperties \
     ManagedPolicyName, Description, Path (\"The policy description is immutable\")";

/// A managed policy's name, path and description in comparable form, desired and live (read
/// with `GetPolicy`): `Path` absent is `/`, an empty `Description` is none, and without a
/// desired `ManagedPolicyName` (a generated name) the name is what matched it, not compared.
fn created_with(
    desired: &Map<String, Value>,
    live: &ManagedPolicy,
) -> (Map<String, Value>, Map<String, Value>) {
    let mut d = Map::new();
    let mut l = Map::new();
    if let Some(n) = desired.get("ManagedPolicyName") {
        d.insert("ManagedPolicyName".into(), n.clone());
        l.insert("ManagedPolicyName".into(), json!(live.name));
    }
    d.insert(
        "Path".into(),
        desired.get("Path").cloned().unwrap_or_else(|| json!("/")),
    );
    if let Some(path) = &live.path {
        l.insert("Path".into(), json!(path));
    }
    if let Some(v) = desired
        .get("Description")
        .filter(|v| v.as_str() != Some(""))
    {
        d.insert("Description".into(), v.clone());
    }
    if let Some(v) = &live.description {
        l.insert("Description".into(), json!(v));
    }
    (d, l)
}

/// A managed policy's name, path or description changed: a new policy.
fn created_with_findings(desired: &Map<String, Value>, live: &Map<String, Value>) -> Vec<Finding> {
    let mut out = Vec::new();
    for prop in CREATED_WITH {
        let (d, l) = (desired.get(prop).cloned(), live.get(prop).cloned());
        if d == l {
            continue;
        }
        if let Some(reason) = d.as_ref().and_then(is_unknown) {
            out.push(unknown(prop, d, l, &reason));
            continue;
        }
        let mut f = plain(
            DriftClass::Replacement,
            prop,
            d,
            l,
            "fixed when the managed policy is created: applying it means a new policy (a new \
             ARN, attached again to every role)"
                .into(),
            None,
        );
        f.rule = Some("create_only");
        f.evidence = Some(EVIDENCE_MANAGED_POLICY.into());
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::{compare, Desired, DriftClass, FailOn, Options, Outcome};
    use crate::model::Snapshot;
    use serde_json::json;

    fn sample() -> Snapshot {
        crate::model::sample_snapshot()
    }

    /// `(role name, code, path)` of the IAM findings of a baseline comparison.
    fn role_findings(baseline: Snapshot, live: &Snapshot) -> Vec<(String, &'static str, String)> {
        let report = compare(
            &Desired::Snapshot(Box::new(baseline)),
            live,
            &Options::default(),
        )
        .unwrap();
        report
            .findings()
            .filter(|(r, _)| r.resource.resource_type == super::ROLE)
            .map(|(r, f)| {
                (
                    r.resource.name.clone().unwrap_or_default(),
                    f.code,
                    f.path.clone(),
                )
            })
            .collect()
    }

    fn role<'a>(s: &'a mut Snapshot, name: &str) -> &'a mut crate::model::Role {
        s.roles.iter_mut().find(|r| r.name == name).unwrap()
    }

    #[test]
    fn a_baseline_compares_roles_and_equal_spellings_are_not_drift() {
        let live = sample();
        let report = compare(
            &Desired::Snapshot(Box::new(live.clone())),
            &live,
            &Options::default(),
        )
        .unwrap();
        let roles = report
            .resources
            .iter()
            .filter(|r| r.resource.resource_type == super::ROLE)
            .count();
        assert_eq!(roles, live.roles.len());

        // The same trust policy and inline policy as IAM could return them another time:
        // one statement object, lists for strings, a Sid, no Version, URL-encoded text; and
        // MaxSessionDuration absent (IAM's default, 3600).
        let mut baseline = live.clone();
        let r = role(&mut baseline, "shop-auth-role");
        r.trust_policy = json!({
            "Statement": {
                "Sid": "Cognito",
                "Effect": "Allow",
                "Action": ["sts:AssumeRoleWithWebIdentity"],
                "Principal": {"Federated": ["cognito-identity.amazonaws.com"]},
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": ["us-east-1:54fd9ad3-9716-408e-b721-69bb80962718"]},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": ["authenticated"]}
                }
            }
        });
        r.max_session_duration = None;
        let doc = r.inline_policies[0].document.to_string();
        let encoded: String = url_encode(&doc);
        r.inline_policies[0].document = json!(encoded);
        assert_eq!(role_findings(baseline, &live), vec![]);
    }

    fn url_encode(s: &str) -> String {
        s.bytes()
            .map(|b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect()
    }

    #[test]
    fn role_properties_are_classified() {
        let live = sample();
        let mut baseline = live.clone();
        let r = role(&mut baseline, "shop-unauth-role");
        r.path = "/app/".into();
        r.max_session_duration = Some(7200);
        r.tags.insert("env".into(), "prod".into());
        r.description = Some("guests".into());
        r.permissions_boundary = Some("arn:aws:iam::123456789012:policy/boundary".into());
        r.managed_policies.clear();
        r.inline_policies.clear();
        let got = role_findings(baseline.clone(), &live);
        assert_eq!(
            got,
            vec![
                (
                    "shop-unauth-role".into(),
                    "drift-in-place",
                    "Description".into()
                ),
                (
                    "shop-unauth-role".into(),
                    "drift-in-place",
                    "MaxSessionDuration".into()
                ),
                (
                    "shop-unauth-role".into(),
                    "drift-replacement",
                    "Path".into()
                ),
                (
                    "shop-unauth-role".into(),
                    "drift-in-place",
                    "PermissionsBoundary".into()
                ),
                (
                    "shop-unauth-role".into(),
                    "drift-in-place",
                    "Policies[allow-s3-read]".into()
                ),
                (
                    "shop-unauth-role".into(),
                    "drift-in-place",
                    "Tags[env]".into()
                ),
            ]
        );
        let report = compare(
            &Desired::Snapshot(Box::new(baseline)),
            &live,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.outcome(FailOn::Any), Outcome::Severe);
    }

    #[test]
    fn a_widened_trust_policy_fails_every_level_but_none() {
        let live = sample();
        let mut baseline = live.clone();
        // The baseline's trust policy also tested the source account; live does not.
        let r = role(&mut baseline, "shop-staff-role");
        r.trust_policy["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"] =
            json!("123456789012");
        let report = compare(
            &Desired::Snapshot(Box::new(baseline)),
            &live,
            &Options::default(),
        )
        .unwrap();
        let classes: Vec<DriftClass> = report.findings().map(|(_, f)| f.class).collect();
        assert_eq!(classes, vec![DriftClass::InPlace, DriftClass::TrustWidened]);
        assert_eq!(report.summary().trust_widened, 1);
        for fail in [FailOn::Any, FailOn::Replacement, FailOn::Impossible] {
            assert_eq!(report.outcome(fail), Outcome::Severe, "{fail:?}");
        }
        assert_eq!(report.outcome(FailOn::None), Outcome::Clean);
    }

    #[test]
    fn roles_only_on_one_side_of_a_baseline() {
        let live = sample();
        let mut baseline = live.clone();
        baseline.roles.retain(|r| r.name != "shop-staff-role");
        let mut renamed = live.roles[0].clone();
        renamed.arn = "arn:aws:iam::123456789012:role/gone".into();
        renamed.name = "gone".into();
        baseline.roles.push(renamed);
        let report = compare(
            &Desired::Snapshot(Box::new(baseline)),
            &live,
            &Options::default(),
        )
        .unwrap();
        let removed: Vec<_> = report
            .findings()
            .filter(|(r, _)| r.resource.resource_type == super::ROLE)
            .map(|(r, f)| (r.resource.name.clone().unwrap_or_default(), f.code))
            .collect();
        assert_eq!(
            removed,
            vec![("shop-staff-role".to_string(), "resource-not-in-desired")]
        );
        // The baseline role no live resource references any more was not read: listed, not
        // reported missing.
        assert!(report
            .skipped
            .iter()
            .any(|s| s.logical_id == "gone" && s.reason.contains("not read")));
    }

    /// `(path, code)` of the findings on the template's managed policy `AuthPolicy`, and what
    /// it lists as not compared.
    fn managed_policy(
        live: &Snapshot,
        props: serde_json::Value,
    ) -> (Vec<(String, &'static str)>, Vec<String>) {
        let arn = "arn:aws:iam::123456789012:policy/shop-auth-policy";
        let document = live
            .roles
            .iter()
            .flat_map(|r| &r.managed_policies)
            .find(|p| p.arn == arn)
            .and_then(|p| p.document.clone())
            .unwrap();
        let mut policy = json!({"Roles": ["shop-auth-role"], "PolicyDocument": document});
        for (k, v) in props.as_object().unwrap() {
            policy[k] = v.clone();
        }
        let template = json!({"Resources": {
            "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {"UserPoolName": "shop-customers"}},
            "AuthPolicy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": policy},
        }});
        let desired = super::super::read_desired(&template.to_string()).unwrap();
        let mut options = Options::default();
        options.map.insert("AuthPolicy".into(), arn.into());
        let report = compare(&desired, live, &options).unwrap();
        let r = report
            .resources
            .iter()
            .find(|r| r.resource.logical_id.as_deref() == Some("AuthPolicy"))
            .unwrap();
        (
            r.findings
                .iter()
                .map(|f| (f.path.clone(), f.code))
                .collect(),
            r.not_compared.clone(),
        )
    }

    fn read_with_get_policy(live: &mut Snapshot, description: Option<&str>) {
        for p in live
            .roles
            .iter_mut()
            .flat_map(|r| r.managed_policies.iter_mut())
        {
            p.path = Some("/".into());
            p.description = description.map(str::to_string);
        }
    }

    #[test]
    fn a_managed_policy_name_path_or_description_changed_means_a_new_policy() {
        let mut live = sample();
        // A snapshot without what GetPolicy returns (one taken before cogref kept it): listed
        // as not compared.
        for p in live
            .roles
            .iter_mut()
            .flat_map(|r| r.managed_policies.iter_mut())
        {
            p.path = None;
            p.description = None;
        }
        let (findings, not_compared) = managed_policy(
            &live,
            json!({"ManagedPolicyName": "shop-auth-policy", "Description": "signed-in shoppers"}),
        );
        assert_eq!(findings, vec![]);
        assert_eq!(
            not_compared,
            vec![
                "ManagedPolicyName (not in the snapshot)",
                "Description (not in the snapshot)"
            ]
        );

        read_with_get_policy(&mut live, Some("signed-in shoppers"));
        // Equal: the name, Path absent (= "/"), the description.
        let (findings, not_compared) = managed_policy(
            &live,
            json!({"ManagedPolicyName": "shop-auth-policy", "Description": "signed-in shoppers"}),
        );
        assert_eq!((findings, not_compared), (vec![], vec![]));
        // A generated name (the --map ARN matched it): the name is not drift.
        let (findings, _) = managed_policy(&live, json!({"Description": "signed-in shoppers"}));
        assert_eq!(findings, vec![]);

        // Each changed: a replacement (createOnlyProperties).
        let (findings, _) = managed_policy(
            &live,
            json!({"ManagedPolicyName": "shop-auth-v2", "Path": "/shop/", "Description": "shoppers"}),
        );
        assert_eq!(
            findings,
            vec![
                ("Description".to_string(), "drift-replacement"),
                ("ManagedPolicyName".to_string(), "drift-replacement"),
                ("Path".to_string(), "drift-replacement"),
            ]
        );
        // A description only in desired, or only live.
        let (findings, _) = managed_policy(&live, json!({"ManagedPolicyName": "shop-auth-policy"}));
        assert_eq!(
            findings,
            vec![("Description".to_string(), "drift-replacement")]
        );
        read_with_get_policy(&mut live, None);
        let (findings, _) = managed_policy(&live, json!({"Description": "shoppers", "Path": "/"}));
        assert_eq!(
            findings,
            vec![("Description".to_string(), "drift-replacement")]
        );
    }
}
