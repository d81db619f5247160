//! Drift: normalise desired and live state, diff them, and classify every difference with the
//! Cognito mutability rules. Pure and synchronous: no I/O, no printing, no AWS.
//!
//! The desired side is a baseline snapshot or a CloudFormation template ([`template`]); the
//! live side is a snapshot. Both are turned into CloudFormation-shaped properties
//! ([`live`] for snapshots) and then into one canonical form ([`normalise`]); matched pairs
//! are diffed leaf by leaf and each difference is classified with the embedded table
//! ([`mutability`]).
//!
//! ## Property paths
//! Findings name a property by its CloudFormation path: `A.B.C` for nested properties
//! (`Policies.PasswordPolicy.MinimumLength`), `Name[key]` for an entry of a keyed collection
//! (`Schema[custom:tier].StringAttributeConstraints.MaxLength`, `UserPoolTags[env]`,
//! `Roles[authenticated]`, `RoleMappings[cognito-idp....:CLIENT]`). Lists are compared whole
//! at their own path (`CallbackURLs`), as sets except role-mapping rules. Token validities are
//! in seconds. An empty path is the resource itself.
//!
//! ## Matching
//! A desired resource is matched to a live one, in this order: by the baseline's own id
//! (baseline snapshots), by `resources-to-import.json`, by `--map LOGICAL_ID=PHYSICAL_ID`, then
//! by name (user pool name, identity pool name; client, group, provider, resource server and
//! domain by name within the matched pool; risk and UI attachments and branding styles by their
//! `ClientId` within the matched pool, `ALL` for pool-wide ones; principal tag maps by
//! `IdentityProviderName` within the matched identity pool; the role attachment and log
//! delivery by their parent).
//! Unmatched desired resources are `resource-missing-live`. Unmatched live resources are
//! `resource-not-in-desired` when in scope: every live resource for a baseline; for a template,
//! the children of the user pools and identity pools it matched (a template describes a stack,
//! not the account).
//!
//! IAM roles and their policies ([`iam`]) are matched and compared on their own terms (roles by
//! name or ARN, policy documents by meaning with [`policy`]) and reported in the same report.
//! Template resources that hold users ([`USER_DATA_TYPES`]) are listed once per type as not
//! compared.

pub mod iam;
pub mod live;
pub mod mutability;
pub mod noise;
pub mod normalise;
pub mod policy;
pub mod stack;
pub mod template;

use crate::model::Snapshot;
use live::LiveResource;
use mutability::{MutabilityTable, Rule};
use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use template::{is_unknown, RefTarget, Resolver, Template, TemplateError};

/// The resource types drift compares.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ResourceType {
    UserPool,
    UserPoolClient,
    UserPoolGroup,
    UserPoolIdentityProvider,
    UserPoolResourceServer,
    UserPoolDomain,
    IdentityPool,
    IdentityPoolRoleAttachment,
    // issue 13: the settings resources (after the clients and pools they name, so those are
    // matched first and their `Ref`s resolve).
    UserPoolRiskConfigurationAttachment,
    UserPoolUICustomizationAttachment,
    ManagedLoginBranding,
    LogDeliveryConfiguration,
    IdentityPoolPrincipalTag,
}

impl ResourceType {
    pub const ALL: [ResourceType; 13] = [
        ResourceType::UserPool,
        ResourceType::UserPoolClient,
        ResourceType::UserPoolGroup,
        ResourceType::UserPoolIdentityProvider,
        ResourceType::UserPoolResourceServer,
        ResourceType::UserPoolDomain,
        ResourceType::IdentityPool,
        ResourceType::IdentityPoolRoleAttachment,
        ResourceType::UserPoolRiskConfigurationAttachment,
        ResourceType::UserPoolUICustomizationAttachment,
        ResourceType::ManagedLoginBranding,
        ResourceType::LogDeliveryConfiguration,
        ResourceType::IdentityPoolPrincipalTag,
    ];

    pub fn cfn(self) -> &'static str {
        match self {
            ResourceType::UserPool => "AWS::Cognito::UserPool",
            ResourceType::UserPoolClient => "AWS::Cognito::UserPoolClient",
            ResourceType::UserPoolGroup => "AWS::Cognito::UserPoolGroup",
            ResourceType::UserPoolIdentityProvider => "AWS::Cognito::UserPoolIdentityProvider",
            ResourceType::UserPoolResourceServer => "AWS::Cognito::UserPoolResourceServer",
            ResourceType::UserPoolDomain => "AWS::Cognito::UserPoolDomain",
            ResourceType::IdentityPool => "AWS::Cognito::IdentityPool",
            ResourceType::IdentityPoolRoleAttachment => "AWS::Cognito::IdentityPoolRoleAttachment",
            ResourceType::UserPoolRiskConfigurationAttachment => {
                "AWS::Cognito::UserPoolRiskConfigurationAttachment"
            }
            ResourceType::UserPoolUICustomizationAttachment => {
                "AWS::Cognito::UserPoolUICustomizationAttachment"
            }
            ResourceType::ManagedLoginBranding => "AWS::Cognito::ManagedLoginBranding",
            ResourceType::LogDeliveryConfiguration => "AWS::Cognito::LogDeliveryConfiguration",
            ResourceType::IdentityPoolPrincipalTag => "AWS::Cognito::IdentityPoolPrincipalTag",
        }
    }

    pub fn from_cfn(s: &str) -> Option<ResourceType> {
        ResourceType::ALL.into_iter().find(|t| t.cfn() == s)
    }

    /// The property naming the parent (user pool or identity pool) of a child resource.
    fn parent_property(self) -> Option<&'static str> {
        match self {
            ResourceType::UserPool | ResourceType::IdentityPool => None,
            ResourceType::IdentityPoolRoleAttachment | ResourceType::IdentityPoolPrincipalTag => {
                Some("IdentityPoolId")
            }
            _ => Some("UserPoolId"),
        }
    }

    /// Whether its parent is an identity pool (else a user pool, or none).
    fn identity_pool_child(self) -> bool {
        self.parent_property() == Some("IdentityPoolId")
    }

    /// The property holding the name used to match by name; `None` for the types there is one
    /// of per parent (matched by their parent).
    fn name_property(self) -> Option<&'static str> {
        match self {
            ResourceType::UserPool => Some("UserPoolName"),
            ResourceType::UserPoolClient => Some("ClientName"),
            ResourceType::UserPoolGroup => Some("GroupName"),
            ResourceType::UserPoolIdentityProvider => Some("ProviderName"),
            ResourceType::UserPoolResourceServer => Some("Identifier"),
            ResourceType::UserPoolDomain => Some("Domain"),
            ResourceType::IdentityPool => Some("IdentityPoolName"),
            ResourceType::IdentityPoolRoleAttachment => None,
            ResourceType::UserPoolRiskConfigurationAttachment
            | ResourceType::UserPoolUICustomizationAttachment
            | ResourceType::ManagedLoginBranding => Some("ClientId"),
            ResourceType::LogDeliveryConfiguration => None,
            ResourceType::IdentityPoolPrincipalTag => Some("IdentityProviderName"),
        }
    }

    /// The physical id drift uses, from a `resources-to-import.json` identifier.
    fn physical_from_identifier(self, id: &BTreeMap<String, Value>) -> Option<String> {
        let get = |k: &str| id.get(k).and_then(Value::as_str).map(str::to_string);
        match self {
            ResourceType::UserPool => get("UserPoolId"),
            ResourceType::UserPoolClient => get("ClientId"),
            ResourceType::UserPoolGroup => {
                Some(format!("{}/{}", get("UserPoolId")?, get("GroupName")?))
            }
            ResourceType::UserPoolIdentityProvider => {
                Some(format!("{}/{}", get("UserPoolId")?, get("ProviderName")?))
            }
            ResourceType::UserPoolResourceServer => {
                Some(format!("{}/{}", get("UserPoolId")?, get("Identifier")?))
            }
            ResourceType::UserPoolDomain => {
                Some(format!("{}/{}", get("UserPoolId")?, get("Domain")?))
            }
            ResourceType::IdentityPool => get("Id").or_else(|| get("IdentityPoolId")),
            ResourceType::IdentityPoolRoleAttachment => get("IdentityPoolId").or_else(|| get("Id")),
            ResourceType::UserPoolRiskConfigurationAttachment
            | ResourceType::UserPoolUICustomizationAttachment => {
                Some(format!("{}/{}", get("UserPoolId")?, get("ClientId")?))
            }
            ResourceType::ManagedLoginBranding => Some(format!(
                "{}/{}",
                get("UserPoolId")?,
                get("ManagedLoginBrandingId")?
            )),
            ResourceType::LogDeliveryConfiguration => get("Id").or_else(|| get("UserPoolId")),
            ResourceType::IdentityPoolPrincipalTag => Some(format!(
                "{}/{}",
                get("IdentityPoolId")?,
                get("IdentityProviderName")?
            )),
        }
    }
}

/// What the desired state is read from.
#[derive(Debug, Clone)]
pub enum Desired {
    Snapshot(Box<Snapshot>),
    Template(Template),
}

/// Reads a desired-state file: a cogref snapshot (has `schema_version`) or a template.
pub fn read_desired(text: &str) -> Result<Desired, DriftError> {
    let doc = template::parse_document(text)?;
    if doc.get("schema_version").is_some() && doc.get("Resources").is_none() {
        let snapshot = Snapshot::from_json(text.as_bytes())
            .map_err(|e| DriftError::Snapshot(e.to_string()))?;
        return Ok(Desired::Snapshot(Box::new(snapshot)));
    }
    Ok(Desired::Template(Template::from_value(&doc)?))
}

/// One entry of `resources-to-import.json`.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct ImportEntry {
    pub resource_type: String,
    pub logical_resource_id: String,
    pub resource_identifier: BTreeMap<String, Value>,
}

/// Parses `resources-to-import.json` (the `--resources-to-import` file of an IMPORT change
/// set).
pub fn parse_import_file(text: &str) -> Result<Vec<ImportEntry>, DriftError> {
    serde_json::from_str(text)
        .map_err(|e| DriftError::Import(format!("line {}, column {}: {e}", e.line(), e.column())))
}

/// Parses a parameter file: CloudFormation's `[{"ParameterKey": K, "ParameterValue": V}]`
/// (the `--parameters file://` form of `aws cloudformation create-stack`) or Amplify Gen1's
/// `parameters.json` `{K: V}`. Values may be empty; numbers and booleans are taken as text.
pub fn parse_parameters_file(text: &str) -> Result<BTreeMap<String, String>, DriftError> {
    let bad = |m: String| DriftError::Parameters(m);
    let doc: Value = serde_json::from_str(text)
        .map_err(|e| bad(format!("line {}, column {}: {e}", e.line(), e.column())))?;
    let scalar = |v: &Value| match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Array(items) => items
            .iter()
            .map(|i| i.as_str().map(str::to_string))
            .collect::<Option<Vec<_>>>()
            .map(|v| v.join(",")),
        _ => None,
    };
    let mut out = BTreeMap::new();
    match &doc {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let key = item.get("ParameterKey").and_then(Value::as_str);
                let value = item.get("ParameterValue").and_then(scalar);
                match (key, value) {
                    (Some(k), Some(v)) => {
                        out.insert(k.to_string(), v);
                    }
                    (Some(k), None) if item.get("UsePreviousValue").is_some() => {
                        return Err(bad(format!(
                            "entry {i} ({k}): UsePreviousValue is known only to the stack; give its ParameterValue"
                        )))
                    }
                    _ => {
                        return Err(bad(format!(
                            "entry {i}: expected {{\"ParameterKey\": NAME, \"ParameterValue\": VALUE}}"
                        )))
                    }
                }
            }
        }
        Value::Object(m) => {
            for (k, v) in m {
                let v = scalar(v).ok_or_else(|| {
                    bad(format!(
                        "{k}: the value is not a string, number, boolean or list of strings"
                    ))
                })?;
                out.insert(k.clone(), v);
            }
        }
        _ => {
            return Err(bad(
                "expected [{ParameterKey, ParameterValue}] or {NAME: VALUE}".into(),
            ))
        }
    }
    Ok(out)
}

/// How desired resources are matched and templates evaluated.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub import: Vec<ImportEntry>,
    /// `--map LOGICAL_ID=PHYSICAL_ID`.
    pub map: BTreeMap<String, String>,
    /// `--parameter NAME=VALUE`.
    pub parameters: BTreeMap<String, String>,
    /// What `Ref`/`Fn::GetAtt` of template resources that are not compared give (a deployed
    /// stack's Lambda functions, roles, nested stacks...), by logical id.
    pub targets: BTreeMap<String, template::RefTarget>,
    /// Pseudo parameters a deployed stack knows (`AWS::StackName`, `AWS::StackId`).
    pub pseudo: BTreeMap<String, String>,
    /// `map` holds a deployed stack's physical ids (reported as matched by the stack).
    pub from_stack: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum DriftError {
    #[error(transparent)]
    Template(#[from] TemplateError),
    #[error("not a valid cogref snapshot: {0}")]
    Snapshot(String),
    #[error("invalid import file: {0}")]
    Import(String),
    #[error("invalid parameter file: {0}")]
    Parameters(String),
    #[error("{0}")]
    Match(String),
    /// The desired side yields nothing to compare: never reported as "no drift".
    #[error("nothing to compare: {0}")]
    NothingToCompare(String),
}

/// Which class of difference a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DriftClass {
    InPlace,
    Replacement,
    Impossible,
    Added,
    Removed,
    Unknown,
    /// A role's live trust policy lets more principals assume it than the desired one
    /// ([`policy::TRUST_POLICY_WIDENED`]): as severe as a replacement (exit 3), and failing the
    /// run under every `--fail-on` except `none`.
    TrustWidened,
}

impl DriftClass {
    /// The stable finding code.
    pub fn code(self) -> &'static str {
        match self {
            DriftClass::InPlace => "drift-in-place",
            DriftClass::Replacement => "drift-replacement",
            DriftClass::Impossible => "drift-impossible",
            DriftClass::Added => "resource-missing-live",
            DriftClass::Removed => "resource-not-in-desired",
            DriftClass::Unknown => "value-unknown",
            DriftClass::TrustWidened => policy::TRUST_POLICY_WIDENED,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            DriftClass::InPlace => "in-place",
            DriftClass::Replacement => "replacement",
            DriftClass::Impossible => "impossible",
            DriftClass::Added => "added",
            DriftClass::Removed => "removed",
            DriftClass::Unknown => "unknown",
            DriftClass::TrustWidened => "trust-widened",
        }
    }
}

/// Every finding code, for documentation and a test that keeps them stable.
pub const FINDING_CODES: [&str; 7] = [
    "drift-in-place",
    "drift-replacement",
    "drift-impossible",
    "resource-missing-live",
    "resource-not-in-desired",
    "value-unknown",
    "trust-policy-widened",
];

/// Which resource a finding is about.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ResourceRef {
    #[serde(rename = "type")]
    pub resource_type: String,
    pub logical_id: Option<String>,
    pub physical_id: Option<String>,
    pub name: Option<String>,
}

impl ResourceRef {
    /// `AWS::Cognito::UserPool ShopPool (shop-customers, us-east-1_abc)`.
    pub fn display(&self) -> String {
        let mut s = self.resource_type.clone();
        if let Some(l) = &self.logical_id {
            s.push(' ');
            s.push_str(l);
        }
        let details: Vec<&str> = [self.name.as_deref(), self.physical_id.as_deref()]
            .into_iter()
            .flatten()
            .collect();
        let details: Vec<&str> = details
            .iter()
            .enumerate()
            .filter(|(i, d)| *i == 0 || Some(**d) != details.first().copied())
            .map(|(_, d)| *d)
            .collect();
        if !details.is_empty() {
            s.push_str(&format!(" ({})", details.join(", ")));
        }
        s
    }
}

/// The API call a manual fix goes through.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    pub call: &'static str,
    /// The call sets every omitted parameter back to its default (or replaces the whole
    /// configuration): a fix must send the full current configuration.
    pub resets_omitted: bool,
    pub note: Option<String>,
}

/// One difference.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Finding {
    pub code: &'static str,
    pub class: DriftClass,
    /// The property path (see the module docs); empty for the resource itself.
    pub path: String,
    pub desired: Option<Value>,
    pub live: Option<Value>,
    /// The mutability rule applied (`in_place`, `create_only`, ...), if any.
    pub rule: Option<&'static str>,
    pub reason: String,
    pub evidence: Option<String>,
    /// Users who must be migrated (a user pool replacement) or would be lost (a removal).
    pub users_at_risk: Option<i64>,
    pub fix: Option<Fix>,
    /// For a policy document: what differs in meaning, one line per difference
    /// ([`policy::diff`] or [`policy::trust_widening`] rendered; a changed statement's element
    /// changes, and a widening's statement, on their own lines indented by two spaces).
    /// Reports show these instead of the whole documents. Empty for every other finding.
    pub differences: Vec<String>,
}

/// How a desired resource was matched to a live one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MatchedBy {
    BaselineId,
    ImportFile,
    Map,
    /// A deployed stack's physical id (`--stack`).
    Stack,
    Name,
    Parent,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Matched,
    MissingLive,
    NotInDesired,
}

/// One resource of the comparison with its normalised documents and findings.
#[derive(Debug, Clone, Serialize)]
pub struct ResourceDrift {
    pub resource: ResourceRef,
    pub status: Status,
    pub matched_by: Option<MatchedBy>,
    /// The normalised desired properties (absent when not in desired).
    pub desired: Option<Value>,
    /// The normalised live properties (absent when not live).
    pub live: Option<Value>,
    /// Desired properties drift cannot read from a live account, not compared.
    pub not_compared: Vec<String>,
    pub findings: Vec<Finding>,
}

/// A template resource drift does not compare (its type is not a Cognito type drift knows).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Skipped {
    pub logical_id: String,
    #[serde(rename = "type")]
    pub resource_type: String,
    pub reason: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum DesiredKind {
    Snapshot,
    Template,
}

/// The result of a comparison.
#[derive(Debug, Clone, Serialize)]
pub struct DriftReport {
    pub desired_kind: DesiredKind,
    pub live_account_id: Option<String>,
    pub live_captured_at: String,
    /// Sorted by type, then logical id, then physical id.
    pub resources: Vec<ResourceDrift>,
    pub skipped: Vec<Skipped>,
}

/// Counts per class.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub resources_compared: usize,
    pub in_place: usize,
    pub replacement: usize,
    pub impossible: usize,
    pub added: usize,
    pub removed: usize,
    pub unknown: usize,
    /// Widened role trust policies (`trust-policy-widened`).
    pub trust_widened: usize,
    /// Users of user pools that a replacement would force to migrate.
    pub users_to_migrate: i64,
}

/// What fails a pipeline (`--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FailOn {
    /// Never fail on drift.
    None,
    /// Any drift: in place, replacement, impossible, added or removed resources.
    #[default]
    Any,
    /// Replacement or impossible changes, and widened trust policies.
    Replacement,
    /// Impossible changes only (and widened trust policies, which fail every level but
    /// `None`).
    Impossible,
}

/// How serious the drift is for the exit code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Outcome {
    /// No drift that fails the run.
    Clean,
    /// Drift, all of it applicable in place (exit 1).
    InPlace,
    /// Drift that needs a replacement or cannot be applied (exit 3).
    Severe,
}

impl DriftReport {
    pub fn findings(&self) -> impl Iterator<Item = (&ResourceDrift, &Finding)> {
        self.resources
            .iter()
            .flat_map(|r| r.findings.iter().map(move |f| (r, f)))
    }

    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            resources_compared: self.resources.len(),
            ..Summary::default()
        };
        let mut migrating = BTreeSet::new();
        for (r, f) in self.findings() {
            match f.class {
                DriftClass::InPlace => s.in_place += 1,
                DriftClass::Replacement => {
                    s.replacement += 1;
                    if let (Some(users), Some(id)) = (f.users_at_risk, &r.resource.physical_id) {
                        if migrating.insert(id.clone()) {
                            s.users_to_migrate += users;
                        }
                    }
                }
                DriftClass::Impossible => s.impossible += 1,
                DriftClass::Added => s.added += 1,
                DriftClass::Removed => s.removed += 1,
                DriftClass::Unknown => s.unknown += 1,
                DriftClass::TrustWidened => s.trust_widened += 1,
            }
        }
        s
    }

    /// The outcome under a `--fail-on` policy.
    pub fn outcome(&self, fail_on: FailOn) -> Outcome {
        let s = self.summary();
        let severe = s.replacement + s.impossible + s.trust_widened > 0;
        let any = severe || s.in_place + s.added + s.removed > 0;
        let fails = match fail_on {
            FailOn::None => false,
            FailOn::Any => any,
            FailOn::Replacement => severe,
            FailOn::Impossible => s.impossible + s.trust_widened > 0,
        };
        match (fails, severe) {
            (false, _) => Outcome::Clean,
            (true, true) => Outcome::Severe,
            (true, false) => Outcome::InPlace,
        }
    }
}

/// A desired resource before matching.
#[derive(Debug, Clone)]
struct DesiredResource {
    /// Unique key: the logical id (templates) or `TYPE:PHYSICAL_ID` (baselines).
    key: String,
    logical_id: Option<String>,
    rtype: ResourceType,
    /// The baseline's physical id.
    baseline_id: Option<String>,
    /// Properties: CloudFormation-shaped, unresolved for templates.
    props: Value,
    parent: ParentRef,
    /// The baseline's name (templates resolve their name property).
    baseline_name: Option<String>,
}

#[derive(Debug, Clone)]
enum ParentRef {
    None,
    /// Another desired resource.
    Key(String),
    /// Evaluated when matching children (templates).
    Expr(Value),
}

/// Compares desired with live state.
pub fn compare(
    desired: &Desired,
    live: &Snapshot,
    options: &Options,
) -> Result<DriftReport, DriftError> {
    let live_resources = live::resources(live);
    let empty = Template::default();
    let (kind, template, mut wanted, skipped) = match desired {
        Desired::Snapshot(s) => (
            DesiredKind::Snapshot,
            &empty,
            baseline_resources(s),
            Vec::new(),
        ),
        Desired::Template(t) => {
            let (w, s) = template_resources(t, options);
            (DesiredKind::Template, t, w, s)
        }
    };
    if wanted.is_empty() {
        return Err(DriftError::NothingToCompare(nothing_to_compare(
            desired, &skipped,
        )));
    }
    wanted.sort_by_key(|w| (w.rtype, w.key.clone()));
    let region = if live.regions.len() == 1 {
        live.regions.first().cloned()
    } else {
        let mut rs: BTreeSet<&str> = live.user_pools.iter().map(|p| p.region.as_str()).collect();
        rs.extend(live.identity_pools.iter().map(|p| p.region.as_str()));
        if rs.len() == 1 {
            rs.into_iter().next().map(str::to_string)
        } else {
            None
        }
    };
    let mut resolver = Resolver {
        template,
        overrides: &options.parameters,
        region,
        account_id: live.account_id.clone(),
        targets: options.targets.clone(),
        pseudo: options.pseudo.clone(),
    };
    let imports: BTreeMap<&str, &ImportEntry> = options
        .import
        .iter()
        .map(|e| (e.logical_resource_id.as_str(), e))
        .collect();

    // IAM roles first: a Cognito resource's `Fn::GetAtt Role.Arn` needs them.
    let import_id = |logical: &str, rtype: &str, key: &str| {
        imports
            .get(logical)
            .filter(|e| e.resource_type == rtype)
            .and_then(|e| e.resource_identifier.get(key))
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let iam_plan = match desired {
        Desired::Template(t) => iam::plan_template(
            t,
            live,
            &resolver,
            &iam::Sources {
                import: &import_id,
                map: &options.map,
                from_stack: options.from_stack,
            },
        ),
        Desired::Snapshot(s) => iam::plan_baseline(s, live),
    };
    resolver.targets.extend(iam_plan.targets.clone());

    let mut matches: BTreeMap<String, (usize, MatchedBy)> = BTreeMap::new();
    let mut used: BTreeMap<usize, String> = BTreeMap::new();
    let mut notes: BTreeMap<String, String> = BTreeMap::new();
    for top_level in [true, false] {
        for w in wanted
            .iter()
            .filter(|w| w.rtype.parent_property().is_none() == top_level)
        {
            let parent_live: Option<String> = if top_level {
                None
            } else {
                match parent_live_id(w, &matches, &live_resources, &resolver) {
                    Ok(p) => Some(p),
                    Err(why) => {
                        notes.insert(w.key.clone(), why);
                        continue;
                    }
                }
            };
            let explicit = w
                .logical_id
                .as_deref()
                .and_then(|l| {
                    imports
                        .get(l)
                        .filter(|e| e.resource_type == w.rtype.cfn())
                        .and_then(|e| w.rtype.physical_from_identifier(&e.resource_identifier))
                        .map(|id| (id, MatchedBy::ImportFile))
                        .or_else(|| {
                            let by = if options.from_stack {
                                MatchedBy::Stack
                            } else {
                                MatchedBy::Map
                            };
                            options.map.get(l).map(|id| (id.clone(), by))
                        })
                })
                .or_else(|| w.baseline_id.clone().map(|id| (id, MatchedBy::BaselineId)));
            let mut found = None;
            if let Some((id, by)) = &explicit {
                found = live_resources
                    .iter()
                    .position(|l| l.rtype == w.rtype && &l.physical_id == id)
                    .map(|i| (i, *by));
                if found.is_none() && *by != MatchedBy::BaselineId {
                    let source = match by {
                        MatchedBy::Map => "--map",
                        MatchedBy::Stack => "the stack",
                        _ => "the import file",
                    };
                    notes.insert(
                        w.key.clone(),
                        format!("{source} names {id}, which is not live"),
                    );
                    continue;
                }
            }
            if found.is_none() {
                found =
                    match_by_name(w, parent_live.as_deref(), &live_resources, &resolver, &used)?;
                if found.is_none() {
                    let why = match (w.rtype.name_property(), &parent_live) {
                        (None, Some(p)) => format!("no live {} for {p}", w.rtype.cfn()),
                        (Some(prop), _) => match desired_name(w, &resolver) {
                            Ok(n) => format!("no live {} with {prop} {n:?}", w.rtype.cfn()),
                            Err(why) => format!(
                                "cannot match by name: {prop} is {why}; use --map or --import-file"
                            ),
                        },
                        (None, None) => "no way to match it".to_string(),
                    };
                    notes.insert(w.key.clone(), why);
                }
            }
            if let Some((i, by)) = found {
                if let Some(other) = used.get(&i) {
                    return Err(DriftError::Match(format!(
                        "{} and {} both match live {} {}: use --map to tell them apart",
                        other,
                        w.logical_id.as_deref().unwrap_or(&w.key),
                        live_resources[i].rtype.cfn(),
                        live_resources[i].physical_id
                    )));
                }
                used.insert(i, w.logical_id.clone().unwrap_or_else(|| w.key.clone()));
                matches.insert(w.key.clone(), (i, by));
                if let Some(l) = &w.logical_id {
                    let lr = &live_resources[i];
                    resolver.targets.insert(
                        l.clone(),
                        RefTarget {
                            ref_value: lr.ref_value.clone(),
                            attributes: lr.attributes.clone(),
                            ..RefTarget::default()
                        },
                    );
                }
            }
        }
    }

    let table = MutabilityTable::embedded();
    let mut resources = Vec::new();
    let mut skipped = skipped;
    // The live parent of every desired child whose parent is live.
    let parents: BTreeMap<&str, String> = wanted
        .iter()
        .filter(|w| w.rtype.parent_property().is_some())
        .filter_map(|w| {
            parent_live_id(w, &matches, &live_resources, &resolver)
                .ok()
                .map(|p| (w.key.as_str(), p))
        })
        .collect();
    for w in &wanted {
        let props = match kind {
            DesiredKind::Template => resolver.resolve(&w.props),
            DesiredKind::Snapshot => w.props.clone(),
        };
        let (desired_doc, not_compared) = normalise::canonical(w.rtype, &props);
        let display_name = desired_name(w, &resolver).ok();
        match matches.get(&w.key) {
            Some((i, by)) => {
                let lr = &live_resources[*i];
                let (mut live_doc, _) = normalise::canonical(lr.rtype, &lr.props);
                // A template without a name lets CloudFormation generate one: not drift.
                if let (Some(prop), Value::Object(d), Value::Object(l)) =
                    (w.rtype.name_property(), &desired_doc, &mut live_doc)
                {
                    if !d.contains_key(prop) {
                        l.remove(prop);
                    }
                }
                let mut desired_doc = desired_doc;
                noise::reconcile(w.rtype, &mut desired_doc, &mut live_doc);
                let resource = ResourceRef {
                    resource_type: w.rtype.cfn().to_string(),
                    logical_id: w.logical_id.clone(),
                    physical_id: Some(lr.physical_id.clone()),
                    name: Some(lr.name.clone()),
                };
                let findings = diff(table, w.rtype, &desired_doc, &live_doc, lr.users);
                resources.push(ResourceDrift {
                    resource,
                    status: Status::Matched,
                    matched_by: Some(*by),
                    desired: Some(desired_doc),
                    live: Some(live_doc),
                    not_compared,
                    findings,
                });
            }
            None => {
                if let Some(reason) = unmatched_but_not_drift(w, &desired_doc, &parents, live) {
                    skipped.push(Skipped {
                        logical_id: w.logical_id.clone().unwrap_or_else(|| w.key.clone()),
                        resource_type: w.rtype.cfn().to_string(),
                        reason,
                    });
                    continue;
                }
                let why = notes.get(&w.key).cloned().unwrap_or_default();
                resources.push(ResourceDrift {
                    resource: ResourceRef {
                        resource_type: w.rtype.cfn().to_string(),
                        logical_id: w.logical_id.clone(),
                        physical_id: w.baseline_id.clone(),
                        name: display_name,
                    },
                    status: Status::MissingLive,
                    matched_by: None,
                    desired: Some(desired_doc.clone()),
                    live: None,
                    not_compared,
                    findings: vec![Finding {
                        code: DriftClass::Added.code(),
                        class: DriftClass::Added,
                        path: String::new(),
                        desired: None,
                        live: None,
                        rule: None,
                        reason: format!("in the desired state but not live: {why}"),
                        evidence: None,
                        users_at_risk: None,
                        fix: None,
                        differences: Vec::new(),
                    }],
                });
            }
        }
    }

    let (iam_resources, iam_skipped) = iam::compare(
        &iam_plan,
        match desired {
            Desired::Template(t) => Some(t),
            Desired::Snapshot(_) => None,
        },
        live,
        &resolver,
    );
    resources.extend(iam_resources);
    skipped.extend(iam_skipped);

    // Live resources nobody asked for, when in scope.
    let matched_parents: BTreeSet<&str> = matches
        .values()
        .map(|(i, _)| &live_resources[*i])
        .filter(|l| l.parent.is_none())
        .map(|l| l.physical_id.as_str())
        .collect();
    for (i, lr) in live_resources.iter().enumerate() {
        if used.contains_key(&i) {
            continue;
        }
        let in_scope = match kind {
            DesiredKind::Snapshot => true,
            DesiredKind::Template => lr
                .parent
                .as_deref()
                .is_some_and(|p| matched_parents.contains(p)),
        };
        if !in_scope {
            continue;
        }
        let (live_doc, _) = normalise::canonical(lr.rtype, &lr.props);
        let users = lr.users.filter(|u| *u > 0);
        resources.push(ResourceDrift {
            resource: ResourceRef {
                resource_type: lr.rtype.cfn().to_string(),
                logical_id: None,
                physical_id: Some(lr.physical_id.clone()),
                name: Some(lr.name.clone()),
            },
            status: Status::NotInDesired,
            matched_by: None,
            desired: None,
            live: Some(live_doc),
            not_compared: Vec::new(),
            findings: vec![Finding {
                code: DriftClass::Removed.code(),
                class: DriftClass::Removed,
                path: String::new(),
                desired: None,
                live: None,
                rule: None,
                reason: match lr.users {
                    Some(n) => format!(
                        "live but not in the desired state; deleting it would delete its {n} users"
                    ),
                    None => "live but not in the desired state".to_string(),
                },
                evidence: None,
                users_at_risk: users,
                fix: None,
                differences: Vec::new(),
            }],
        });
    }
    resources.sort_by(|a, b| {
        // Cognito types in their order, then the IAM types.
        let ta = ResourceType::from_cfn(&a.resource.resource_type);
        let tb = ResourceType::from_cfn(&b.resource.resource_type);
        (
            ta.is_none(),
            ta,
            &a.resource.resource_type,
            &a.resource.logical_id,
            &a.resource.physical_id,
            &a.resource.name,
        )
            .cmp(&(
                tb.is_none(),
                tb,
                &b.resource.resource_type,
                &b.resource.logical_id,
                &b.resource.physical_id,
                &b.resource.name,
            ))
    });
    Ok(DriftReport {
        desired_kind: kind,
        live_account_id: live.account_id.clone(),
        live_captured_at: live.captured_at.clone(),
        resources,
        skipped,
    })
}

/// What a desired side without a single comparable resource holds, in one line.
fn nothing_to_compare(desired: &Desired, skipped: &[Skipped]) -> String {
    let Desired::Template(t) = desired else {
        return "the baseline snapshot has no user pool and no identity pool: nothing to compare"
            .into();
    };
    let mut why = if skipped.is_empty() {
        "the template has no Cognito resource".to_string()
    } else {
        let reasons: Vec<String> = skipped
            .iter()
            .map(|s| format!("{} ({})", s.logical_id, s.reason))
            .collect();
        format!(
            "the template has no Cognito resource drift compares; skipped: {}",
            reasons.join(", ")
        )
    };
    let nested = t
        .resources
        .iter()
        .filter(|r| r.resource_type == "AWS::CloudFormation::Stack")
        .count();
    if nested > 0 {
        why.push_str(&format!(
            "; it has {nested} nested stack{} (AWS::CloudFormation::Stack), which cogref does not follow in local templates yet: pass the nested template itself, or compare the deployed stack with --stack",
            if nested == 1 { "" } else { "s" }
        ));
    } else {
        let n = t.resources.len();
        why.push_str(&format!(
            " (it has {n} other resource{})",
            if n == 1 { "" } else { "s" }
        ));
    }
    why
}

fn baseline_resources(s: &Snapshot) -> Vec<DesiredResource> {
    live::resources(s)
        .into_iter()
        .map(|r| {
            let parent = match (r.rtype, &r.parent) {
                (t, Some(p)) if t.identity_pool_child() => {
                    ParentRef::Key(format!("{}:{p}", ResourceType::IdentityPool.cfn()))
                }
                (_, Some(p)) => ParentRef::Key(format!("{}:{p}", ResourceType::UserPool.cfn())),
                (_, None) => ParentRef::None,
            };
            DesiredResource {
                key: format!("{}:{}", r.rtype.cfn(), r.physical_id),
                logical_id: None,
                rtype: r.rtype,
                baseline_id: Some(r.physical_id),
                props: r.props,
                parent,
                baseline_name: Some(r.name),
            }
        })
        .collect()
}

/// The template's Cognito resources drift compares, and those it skips. A resource whose
/// `Condition` is false is skipped, evaluated with the parameter values and pseudo parameters
/// the run was given (a condition on a parameter without a `Default` is decided by the value
/// the stack was deployed with, as CloudFormation decided it); one that cannot be evaluated
/// keeps the resource.
fn template_resources(t: &Template, options: &Options) -> (Vec<DesiredResource>, Vec<Skipped>) {
    let probe = Resolver {
        template: t,
        overrides: &options.parameters,
        region: None,
        account_id: None,
        targets: BTreeMap::new(),
        pseudo: options.pseudo.clone(),
    };
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    let mut users: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for r in &t.resources {
        let Some(rtype) = ResourceType::from_cfn(&r.resource_type) else {
            if USER_DATA_TYPES.contains(&r.resource_type.as_str()) {
                users
                    .entry(r.resource_type.as_str())
                    .or_default()
                    .push(r.logical_id.as_str());
            } else if r.resource_type.starts_with("AWS::Cognito::") {
                skipped.push(Skipped {
                    logical_id: r.logical_id.clone(),
                    resource_type: r.resource_type.clone(),
                    reason: "drift does not compare this Cognito type".into(),
                });
            }
            continue;
        };
        if let Some(cond) = &r.condition {
            if probe.condition(cond, 0) == Some(false) {
                skipped.push(Skipped {
                    logical_id: r.logical_id.clone(),
                    resource_type: r.resource_type.clone(),
                    reason: format!("condition {cond} is false"),
                });
                continue;
            }
        }
        let parent = match rtype.parent_property() {
            None => ParentRef::None,
            Some(prop) => match r.properties.get(prop) {
                Some(Value::Object(m))
                    if m.len() == 1
                        && m.get("Ref")
                            .and_then(Value::as_str)
                            .is_some_and(|x| t.resources.iter().any(|o| o.logical_id == x)) =>
                {
                    ParentRef::Key(m["Ref"].as_str().unwrap_or_default().to_string())
                }
                Some(v) => ParentRef::Expr(v.clone()),
                None => ParentRef::Expr(Value::Null),
            },
        };
        out.push(DesiredResource {
            key: r.logical_id.clone(),
            logical_id: Some(r.logical_id.clone()),
            rtype,
            baseline_id: None,
            props: r.properties.clone(),
            parent,
            baseline_name: None,
        });
    }
    // Users are reported once per type, not once per user.
    for (rtype, ids) in users {
        skipped.push(Skipped {
            logical_id: ids.join(", "),
            resource_type: rtype.to_string(),
            reason: format!(
                "users are data: {} resource{} not compared (drift compares configuration, not \
                 the users and memberships of a pool)",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" }
            ),
        });
    }
    (out, skipped)
}

/// Template types that hold users, not configuration: listed once as not compared.
pub const USER_DATA_TYPES: [&str; 2] = [
    "AWS::Cognito::UserPoolUser",
    "AWS::Cognito::UserPoolUserToGroupAttachment",
];

/// Why an unmatched desired resource is not `resource-missing-live`, if it is not: a settings
/// resource that reads the same as none ([`normalise::reads_as_none`]), or a UI customization
/// of a pool without a live domain (the scan does not read GetUICustomization there: the hosted
/// UI it styles is not served; the domain's own finding, if declared, says so).
fn unmatched_but_not_drift(
    w: &DesiredResource,
    desired_doc: &Value,
    parents: &BTreeMap<&str, String>,
    live: &Snapshot,
) -> Option<String> {
    if normalise::reads_as_none(w.rtype, desired_doc) {
        let what = match w.rtype {
            ResourceType::IdentityPoolPrincipalTag => {
                "it maps no PrincipalTags, and Cognito answers a provider with no tags the same \
                 whether UseDefaults was set or nobody configured it"
            }
            _ => {
                "it declares no setting beyond what names it, and Cognito answers that the \
                  same as none"
            }
        };
        return Some(format!("not live, and not drift: {what}"));
    }
    if w.rtype == ResourceType::UserPoolUICustomizationAttachment {
        let pool = parents.get(w.key.as_str())?;
        let p = live.user_pools.iter().find(|p| &p.id == pool)?;
        if p.domain.is_none() && p.custom_domain.is_none() {
            return Some(format!(
                "user pool {pool} has no domain live: its UI customization is not read (the \
                 hosted UI it styles is not served)"
            ));
        }
    }
    None
}

/// The live id of a desired child's parent, or why there is none.
fn parent_live_id(
    w: &DesiredResource,
    matches: &BTreeMap<String, (usize, MatchedBy)>,
    live: &[LiveResource],
    resolver: &Resolver,
) -> Result<String, String> {
    match &w.parent {
        ParentRef::None => Err("it has no parent".into()),
        ParentRef::Key(k) => match matches.get(k) {
            Some((i, _)) => Ok(live[*i].physical_id.clone()),
            None => Err(format!(
                "its parent {} is not live",
                k.rsplit_once(':')
                    .filter(|_| w.logical_id.is_none())
                    .map(|(_, id)| id)
                    .unwrap_or(k)
            )),
        },
        ParentRef::Expr(v) => {
            let prop = w.rtype.parent_property().unwrap_or("parent");
            let resolved = resolver.resolve(v);
            match resolved.as_str() {
                Some(id)
                    if live
                        .iter()
                        .any(|l| l.parent.is_none() && l.physical_id == id) =>
                {
                    Ok(id.to_string())
                }
                Some(id) => Err(format!("its {prop} {id} is not live")),
                None => Err(format!(
                    "its {prop} is unknown ({})",
                    is_unknown(&resolved).unwrap_or_else(|| "missing".into())
                )),
            }
        }
    }
}

/// The desired resource's name (for matching and display).
fn desired_name(w: &DesiredResource, resolver: &Resolver) -> Result<String, String> {
    if let Some(n) = &w.baseline_name {
        return Ok(n.clone());
    }
    let Some(prop) = w.rtype.name_property() else {
        return Err("not named".into());
    };
    match w.props.get(prop).map(|v| resolver.resolve(v)) {
        Some(Value::String(s)) => Ok(s),
        Some(v) => Err(format!(
            "unknown ({})",
            is_unknown(&v).unwrap_or_else(|| "not a string".into())
        )),
        None => Err("not set (a generated name)".into()),
    }
}

fn match_by_name(
    w: &DesiredResource,
    parent: Option<&str>,
    live: &[LiveResource],
    resolver: &Resolver,
    used: &BTreeMap<usize, String>,
) -> Result<Option<(usize, MatchedBy)>, DriftError> {
    let by_parent = w.rtype.name_property().is_none();
    let candidates: Vec<usize> = if by_parent {
        live.iter()
            .enumerate()
            .filter(|(_, l)| l.rtype == w.rtype && l.parent.as_deref() == parent)
            .map(|(i, _)| i)
            .collect()
    } else {
        let Ok(name) = desired_name(w, resolver) else {
            return Ok(None);
        };
        live.iter()
            .enumerate()
            .filter(|(_, l)| l.rtype == w.rtype && l.name == name && l.parent.as_deref() == parent)
            .map(|(i, _)| i)
            .collect()
    };
    let by = if by_parent {
        MatchedBy::Parent
    } else {
        MatchedBy::Name
    };
    match candidates.as_slice() {
        [] => Ok(None),
        [i] => Ok(Some((*i, by))),
        many => {
            let free: Vec<&usize> = many.iter().filter(|i| !used.contains_key(i)).collect();
            if w.baseline_id.is_some() && free.len() == 1 {
                return Ok(Some((*free[0], by)));
            }
            let ids: Vec<&str> = many.iter().map(|i| live[*i].physical_id.as_str()).collect();
            Err(DriftError::Match(format!(
                "{} matches {} live {} resources by name ({}): use --map {}=ID",
                w.logical_id.as_deref().unwrap_or(&w.key),
                many.len(),
                w.rtype.cfn(),
                ids.join(", "),
                w.logical_id.as_deref().unwrap_or("LOGICAL_ID"),
            )))
        }
    }
}

/// Leaves of a canonical document by path.
fn flatten(rtype: ResourceType, v: &Value) -> BTreeMap<String, Value> {
    let mut out = BTreeMap::new();
    if let Value::Object(m) = v {
        for (k, child) in m {
            flatten_into(rtype, k, child, k, &mut out);
        }
    }
    out
}

fn flatten_into(
    rtype: ResourceType,
    key: &str,
    v: &Value,
    path: &str,
    out: &mut BTreeMap<String, Value>,
) {
    match v {
        Value::Object(m) if is_unknown_marker(v).is_none() && !m.is_empty() => {
            let keyed = normalise::keyed_collections(rtype).contains(&key)
                && !path.contains('[')
                && path == key;
            for (k, child) in m {
                let p = if keyed {
                    format!("{path}[{k}]")
                } else {
                    format!("{path}.{k}")
                };
                flatten_into(rtype, k, child, &p, out);
            }
        }
        _ => {
            out.insert(path.to_string(), v.clone());
        }
    }
}

/// Only a value that IS an unknown marker (not one that contains one).
fn is_unknown_marker(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) if m.len() == 1 => m
            .get(template::UNKNOWN_KEY)
            .map(|r| r.as_str().unwrap_or("unknown").to_string()),
        _ => None,
    }
}

fn under(path: &str, prefix: &str) -> bool {
    path == prefix
        || path
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
}

/// The API call that fixes an in-place difference at `path`.
fn fix_for(rtype: ResourceType, path: &str) -> Fix {
    let resets = |call: &'static str, what: &str| Fix {
        call,
        resets_omitted: true,
        note: Some(format!(
            "{call} sets every parameter it is not given back to its default: a manual fix must \
             send the full current configuration{what}, not just this property"
        )),
    };
    let plain = |call: &'static str| Fix {
        call,
        resets_omitted: false,
        note: None,
    };
    match rtype {
        ResourceType::UserPool => {
            if path.starts_with("Schema") {
                plain("AddCustomAttributes")
            } else if path.starts_with("UserPoolTags") {
                plain("TagResource/UntagResource")
            } else if path.starts_with("EnabledMfas") || path.starts_with("WebAuthn") {
                plain("SetUserPoolMfaConfig")
            } else {
                resets(
                    "UpdateUserPool",
                    " (Lambda triggers, email and SMS configuration, messages, policies...)",
                )
            }
        }
        ResourceType::UserPoolClient => resets(
            "UpdateUserPoolClient",
            " (flows, scopes, URLs, token validities, read/write attributes...)",
        ),
        ResourceType::IdentityPool => {
            if path.starts_with("IdentityPoolTags") {
                plain("TagResource/UntagResource")
            } else {
                resets(
                    "UpdateIdentityPool",
                    " (providers, login providers, flags...)",
                )
            }
        }
        ResourceType::IdentityPoolRoleAttachment => Fix {
            call: "SetIdentityPoolRoles",
            resets_omitted: true,
            note: Some(
                "SetIdentityPoolRoles replaces the roles and role mappings whole: send every \
                 role and every mapping, not just this one"
                    .into(),
            ),
        },
        ResourceType::UserPoolRiskConfigurationAttachment => resets(
            "SetRiskConfiguration",
            " (compromised credentials, account takeover and IP exceptions together)",
        ),
        ResourceType::UserPoolUICustomizationAttachment => {
            resets("SetUICustomization", " (the CSS and the image together)")
        }
        ResourceType::ManagedLoginBranding => plain("UpdateManagedLoginBranding"),
        ResourceType::LogDeliveryConfiguration => resets(
            "SetLogDeliveryConfiguration",
            " (every log configuration of the pool)",
        ),
        ResourceType::IdentityPoolPrincipalTag => resets(
            "SetPrincipalTagAttributeMap",
            " (every principal tag of this provider, and UseDefaults)",
        ),
        ResourceType::UserPoolGroup => plain("UpdateGroup"),
        ResourceType::UserPoolIdentityProvider => plain("UpdateIdentityProvider"),
        ResourceType::UserPoolResourceServer => plain("UpdateResourceServer"),
        ResourceType::UserPoolDomain => plain("UpdateUserPoolDomain"),
    }
}

fn finding(class: DriftClass, path: &str, desired: Option<Value>, live: Option<Value>) -> Finding {
    Finding {
        code: class.code(),
        class,
        path: path.to_string(),
        desired,
        live,
        rule: None,
        reason: String::new(),
        evidence: None,
        users_at_risk: None,
        fix: None,
        differences: Vec::new(),
    }
}

/// Findings for one matched pair of canonical documents.
fn diff(
    table: &MutabilityTable,
    rtype: ResourceType,
    desired: &Value,
    live: &Value,
    users: Option<i64>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut d = desired.clone();
    let mut l = live.clone();
    if rtype == ResourceType::UserPool {
        let ds = d.as_object_mut().and_then(|m| m.remove("Schema"));
        let ls = l.as_object_mut().and_then(|m| m.remove("Schema"));
        schema_findings(table, ds, ls, users, &mut findings);
    }
    let dl = flatten(rtype, &d);
    let ll = flatten(rtype, &l);
    let unknown_paths: Vec<(&String, String)> = dl
        .iter()
        .filter_map(|(p, v)| is_unknown(v).map(|r| (p, r)))
        .collect();
    for (p, reason) in &unknown_paths {
        let covered: Vec<(&String, &Value)> = ll.iter().filter(|(lp, _)| under(lp, p)).collect();
        let live_value = match covered.as_slice() {
            [] => None,
            [(lp, v)] if lp == p => Some((*v).clone()),
            many => Some(Value::Object(
                many.iter()
                    .map(|(lp, v)| {
                        (
                            lp[p.len()..].trim_start_matches('.').to_string(),
                            (*v).clone(),
                        )
                    })
                    .collect(),
            )),
        };
        let mut f = finding(DriftClass::Unknown, p, Some(dl[*p].clone()), live_value);
        f.reason = format!("the desired value cannot be evaluated offline: {reason}");
        findings.push(f);
    }
    let paths: BTreeSet<&String> = dl.keys().chain(ll.keys()).collect();
    for p in paths {
        if unknown_paths.iter().any(|(u, _)| under(p, u)) {
            continue;
        }
        let (dv, lv) = (dl.get(p), ll.get(p));
        if dv == lv {
            continue;
        }
        if let Some(f) = classify(table, rtype, p, dv.cloned(), lv.cloned(), users) {
            findings.push(f);
        }
    }
    findings.sort_by(|a, b| a.path.cmp(&b.path));
    findings
}

fn classify(
    table: &MutabilityTable,
    rtype: ResourceType,
    path: &str,
    desired: Option<Value>,
    live: Option<Value>,
    users: Option<i64>,
) -> Option<Finding> {
    // An absent value is Cognito's default where one is known: show that.
    let desired = desired.or_else(|| normalise::default_for(rtype, path));
    let live = live.or_else(|| normalise::default_for(rtype, path));
    if desired == live {
        return None;
    }
    let row = table.lookup(rtype.cfn(), path);
    let rule = row.map(|r| r.rule);
    let live_absent = live.is_none();
    let mut f = finding(DriftClass::InPlace, path, desired, live);
    f.rule = rule.map(Rule::as_str);
    f.evidence = table.evidence(rtype.cfn(), path);
    let notes = row.and_then(|r| r.notes.clone());
    match rule {
        Some(Rule::ReadOnly) => return None,
        None => {
            f.reason = "no mutability rule for this property: assumed changeable in place".into();
        }
        Some(Rule::InPlace) => {
            f.reason = "can be changed on the existing resource".into();
            if let Some(u) = row.and_then(|r| r.unconfirmed.as_ref()) {
                f.reason.push_str(&format!(" (unconfirmed: {u})"));
            }
        }
        Some(Rule::CreateOnly) => {
            f.class = DriftClass::Replacement;
            f.reason = replacement_reason(rtype, users);
            if rtype == ResourceType::UserPool {
                f.users_at_risk = users;
            }
        }
        Some(Rule::Never) if live_absent && rtype != ResourceType::UserPool => {
            f.reason = "not set yet: it can be set once, then never changed".into();
        }
        Some(Rule::Never) | Some(Rule::AppendOnly) => {
            f.class = DriftClass::Impossible;
            f.reason = if path.starts_with("Schema[") {
                "an existing schema attribute can never be changed: the schema is append-only \
                 (attributes are never removed, renamed, retyped, or have Mutable, \
                 DeveloperOnlyAttribute or constraints changed)"
                    .into()
            } else {
                "can never be changed once set".into()
            };
        }
    }
    if let Some(n) = notes {
        f.reason.push_str(&format!(". Note: {n}"));
    }
    f.code = f.class.code();
    if f.class == DriftClass::InPlace {
        f.fix = Some(fix_for(rtype, path));
    }
    Some(f)
}

fn replacement_reason(rtype: ResourceType, users: Option<i64>) -> String {
    match rtype {
        ResourceType::UserPool => format!(
            "fixed when the user pool is created: applying it means a new user pool and a \
             migration of all {} users (EstimatedNumberOfUsers); CloudFormation does not replace \
             the pool, its update fails",
            users.unwrap_or(0)
        ),
        ResourceType::UserPoolClient => {
            "fixed when the app client is created: applying it means a new app client \
             (a new client id for every app that uses it)"
                .into()
        }
        other => format!(
            "fixed when the {} is created: applying it means a new one",
            other.cfn()
        ),
    }
}

fn schema_findings(
    table: &MutabilityTable,
    desired: Option<Value>,
    live: Option<Value>,
    users: Option<i64>,
    out: &mut Vec<Finding>,
) {
    let rtype = ResourceType::UserPool;
    if let Some(reason) = desired.as_ref().and_then(is_unknown_marker) {
        let mut f = finding(DriftClass::Unknown, "Schema", desired.clone(), live);
        f.reason = format!("the desired value cannot be evaluated offline: {reason}");
        out.push(f);
        return;
    }
    let empty = Map::new();
    let d = desired
        .as_ref()
        .and_then(Value::as_object)
        .unwrap_or(&empty);
    let l = live.as_ref().and_then(Value::as_object).unwrap_or(&empty);
    let keys: BTreeSet<&String> = d.keys().chain(l.keys()).collect();
    let append_row = table.lookup(rtype.cfn(), "Schema");
    for key in keys {
        let path = format!("Schema[{key}]");
        let standard = normalise::standard_attribute_default(key);
        let (dv, lv) = (d.get(key).cloned(), l.get(key).cloned());
        if standard.is_none() {
            match (&dv, &lv) {
                (Some(added), None) => {
                    let required = added.get("Required") == Some(&json!(true));
                    let mut f = finding(
                        if required {
                            DriftClass::Impossible
                        } else {
                            DriftClass::InPlace
                        },
                        &path,
                        dv.clone(),
                        None,
                    );
                    f.rule = Some(Rule::AppendOnly.as_str());
                    f.evidence = append_row.map(|r| r.evidence.clone());
                    if required {
                        f.reason = "a custom attribute can never be required".into();
                    } else {
                        f.reason =
                            "the schema is append-only: a new custom attribute can be added".into();
                        f.fix = Some(fix_for(rtype, &path));
                    }
                    f.code = f.class.code();
                    out.push(f);
                    continue;
                }
                (None, Some(_)) => {
                    let mut f = finding(DriftClass::Impossible, &path, None, lv.clone());
                    f.rule = Some(Rule::AppendOnly.as_str());
                    f.evidence = append_row.map(|r| r.evidence.clone());
                    f.reason =
                        "the schema is append-only: a custom attribute can never be removed".into();
                    out.push(f);
                    continue;
                }
                _ => {}
            }
        }
        let dv = dv.or_else(|| standard.clone()).unwrap_or(Value::Null);
        let lv = lv.or(standard).unwrap_or(Value::Null);
        let mut dl = BTreeMap::new();
        let mut ll = BTreeMap::new();
        flatten_into(rtype, "", &dv, &path, &mut dl);
        flatten_into(rtype, "", &lv, &path, &mut ll);
        let paths: BTreeSet<&String> = dl.keys().chain(ll.keys()).collect();
        for p in paths {
            let (a, b) = (dl.get(p), ll.get(p));
            if a == b {
                continue;
            }
            if let Some(reason) = a.and_then(is_unknown) {
                let mut f = finding(DriftClass::Unknown, p, a.cloned(), b.cloned());
                f.reason = format!("the desired value cannot be evaluated offline: {reason}");
                out.push(f);
                continue;
            }
            let custom_required =
                key.starts_with("custom:") && p.ends_with(".Required") && a == Some(&json!(true));
            if let Some(mut f) = classify(table, rtype, p, a.cloned(), b.cloned(), users) {
                if custom_required {
                    f.class = DriftClass::Impossible;
                    f.code = f.class.code();
                    f.users_at_risk = None;
                    f.fix = None;
                    f.reason = "a custom attribute can never be required".into();
                }
                out.push(f);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Snapshot {
        crate::model::sample_snapshot()
    }

    #[test]
    fn a_snapshot_against_itself_has_no_drift() {
        let s = sample();
        let report = compare(
            &Desired::Snapshot(Box::new(s.clone())),
            &s,
            &Options::default(),
        )
        .unwrap();
        let findings: Vec<_> = report.findings().map(|(_, f)| f.clone()).collect();
        assert!(findings.is_empty(), "{findings:#?}");
        assert_eq!(report.outcome(FailOn::Any), Outcome::Clean);
        assert!(report.resources.len() > 10);
    }

    /// The sample with every field carried since issue 11 set on the first pool, its first
    /// client and a custom domain.
    fn with_every_field() -> Snapshot {
        use crate::model::{AnalyticsConfiguration, Domain, DomainFailover, RefreshTokenRotation};
        let mut s = sample();
        let pool = &mut s.user_pools[0];
        pool.enabled_mfas.push("EMAIL_OTP".into());
        pool.email_authentication_message = Some("Code: {####}".into());
        pool.email_authentication_subject = Some("Your code".into());
        pool.advanced_security_mode = Some("AUDIT".into());
        pool.advanced_security_custom_auth_mode = Some("AUDIT".into());
        pool.web_authn = Some(crate::model::WebAuthnConfig {
            relying_party_id: Some("auth.example.com".into()),
            user_verification: Some("preferred".into()),
            factor_configuration: Some("SINGLE_FACTOR".into()),
        });
        pool.admin_create_user_config
            .get_or_insert_with(Default::default)
            .unused_account_validity_days = Some(30);
        pool.custom_domain = Some(Domain {
            domain: "auth.example.com".into(),
            certificate_arn: Some("arn:aws:acm:us-east-1:123456789012:certificate/a".into()),
            security_policy: Some("TLS_V1_2_2021".into()),
            failover: Some(DomainFailover {
                secondary_region: "us-west-2".into(),
                primary_route53_health_check_id: Some("hc-1".into()),
            }),
            ..Default::default()
        });
        let client = &mut pool.clients[0];
        client.analytics_configuration = Some(AnalyticsConfiguration {
            application_id: Some("0123456789abcdef".into()),
            role_arn: Some("arn:aws:iam::123456789012:role/pinpoint".into()),
            external_id: Some("ext".into()),
            user_data_shared: true,
            ..Default::default()
        });
        client.refresh_token_rotation = Some(RefreshTokenRotation {
            feature: "ENABLED".into(),
            retry_grace_period_seconds: Some(10),
        });
        s
    }

    fn in_place_paths(desired: &Snapshot, live: &Snapshot) -> Vec<(String, String)> {
        let report = compare(
            &Desired::Snapshot(Box::new(desired.clone())),
            live,
            &Options::default(),
        )
        .unwrap();
        report
            .findings()
            .map(|(_, f)| (format!("{:?}", f.class), f.path.clone()))
            .collect()
    }

    #[test]
    fn every_field_carried_since_issue_11_is_compared_in_place() {
        let base = with_every_field();
        assert_eq!(in_place_paths(&base, &base), Vec::<(String, String)>::new());
        type Edit = Box<dyn Fn(&mut Snapshot)>;
        let edits: Vec<(&str, Edit)> = vec![
            (
                "EmailAuthenticationMessage",
                Box::new(|s| {
                    s.user_pools[0].email_authentication_message = Some("x {####}".into())
                }),
            ),
            (
                "EmailAuthenticationSubject",
                Box::new(|s| s.user_pools[0].email_authentication_subject = None),
            ),
            (
                "UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode",
                Box::new(|s| {
                    s.user_pools[0].advanced_security_custom_auth_mode = Some("ENFORCED".into())
                }),
            ),
            (
                "WebAuthnFactorConfiguration",
                Box::new(|s| {
                    if let Some(w) = s.user_pools[0].web_authn.as_mut() {
                        w.factor_configuration = Some("MULTI_FACTOR_WITH_USER_VERIFICATION".into())
                    }
                }),
            ),
            (
                "AdminCreateUserConfig.UnusedAccountValidityDays",
                Box::new(|s| {
                    if let Some(a) = s.user_pools[0].admin_create_user_config.as_mut() {
                        a.unused_account_validity_days = Some(20)
                    }
                }),
            ),
            (
                "CustomDomainConfig.SecurityPolicy",
                Box::new(|s| {
                    if let Some(d) = s.user_pools[0].custom_domain.as_mut() {
                        d.security_policy = Some("TLS_V1_3_2025".into())
                    }
                }),
            ),
            (
                "Routing.Failover.SecondaryRegion",
                Box::new(|s| {
                    if let Some(f) = s.user_pools[0]
                        .custom_domain
                        .as_mut()
                        .and_then(|d| d.failover.as_mut())
                    {
                        f.secondary_region = "eu-west-1".into()
                    }
                }),
            ),
            (
                "AnalyticsConfiguration.UserDataShared",
                Box::new(|s| {
                    if let Some(a) = s.user_pools[0].clients[0].analytics_configuration.as_mut() {
                        a.user_data_shared = false
                    }
                }),
            ),
            (
                "RefreshTokenRotation.RetryGracePeriodSeconds",
                Box::new(|s| {
                    if let Some(r) = s.user_pools[0].clients[0].refresh_token_rotation.as_mut() {
                        r.retry_grace_period_seconds = Some(30)
                    }
                }),
            ),
        ];
        for (path, edit) in edits {
            let mut live = base.clone();
            edit(&mut live);
            assert_eq!(
                in_place_paths(&base, &live),
                vec![("InPlace".to_string(), path.to_string())],
                "{path}"
            );
        }
        // A mirrored UnusedAccountValidityDays is noise: 7 with the default temporary
        // password validity compares equal to none at all.
        let mut mirrored = base.clone();
        mirrored.user_pools[0]
            .admin_create_user_config
            .get_or_insert_with(Default::default)
            .unused_account_validity_days = Some(7);
        if let Some(pp) = mirrored.user_pools[0].password_policy.as_mut() {
            pp.temporary_password_validity_days = None;
        }
        let mut none = mirrored.clone();
        if let Some(a) = none.user_pools[0].admin_create_user_config.as_mut() {
            a.unused_account_validity_days = None;
        }
        assert_eq!(
            in_place_paths(&mirrored, &none),
            Vec::<(String, String)>::new()
        );
    }

    #[test]
    fn every_compared_path_has_a_mutability_rule() {
        let table = MutabilityTable::embedded();
        let s = with_every_field();
        for r in live::resources(&s) {
            let (doc, _) = normalise::canonical(r.rtype, &r.props);
            let mut d = doc.clone();
            if let Some(Value::Object(schema)) = d.as_object_mut().and_then(|m| m.remove("Schema"))
            {
                for (k, attr) in schema {
                    let mut leaves = BTreeMap::new();
                    flatten_into(r.rtype, "", &attr, &format!("Schema[{k}]"), &mut leaves);
                    for p in leaves.keys() {
                        assert!(table.lookup(r.rtype.cfn(), p).is_some(), "{p}");
                    }
                }
            }
            for p in flatten(r.rtype, &d).keys() {
                let row = table.lookup(r.rtype.cfn(), p);
                assert!(row.is_some(), "{} {p} has no rule", r.rtype.cfn());
                assert_ne!(row.map(|r| r.rule), Some(Rule::ReadOnly), "{p}");
            }
        }
        for t in ResourceType::ALL {
            for p in normalise::compared_properties(t) {
                if *p == "TokenValidityUnits" {
                    continue; // folded into the validities
                }
                assert!(
                    table.lookup(t.cfn(), p).is_some(),
                    "{} {p} has no rule",
                    t.cfn()
                );
            }
        }
    }

    /// workload-discovery-on-aws (corpus): a `UserPoolDomain` under a condition on a parameter
    /// without a `Default` is skipped when the given value makes it false, as CloudFormation
    /// skipped it; without the value it cannot be decided and stays.
    #[test]
    fn a_resource_condition_is_decided_by_the_given_parameters() {
        let t = Template::from_value(&serde_json::json!({
            "Parameters": {"UsesCustomIdentity": {"Type": "String", "AllowedValues": ["No", "Yes"]}},
            "Conditions": {"CreateSAMLResources": {"Fn::Equals": [{"Ref": "UsesCustomIdentity"}, "Yes"]}},
            "Resources": {
                "Pool": {"Type": "AWS::Cognito::UserPool", "Properties": {}},
                "Domain": {
                    "Type": "AWS::Cognito::UserPoolDomain",
                    "Condition": "CreateSAMLResources",
                    "Properties": {"Domain": "d", "UserPoolId": {"Ref": "Pool"}}
                }
            }
        }))
        .unwrap();
        let keys = |o: &Options| -> (Vec<String>, Vec<String>) {
            let (wanted, skipped) = template_resources(&t, o);
            let mut w: Vec<String> = wanted.into_iter().map(|w| w.key).collect();
            w.sort();
            (
                w,
                skipped
                    .into_iter()
                    .map(|s| format!("{} {}", s.logical_id, s.reason))
                    .collect(),
            )
        };
        let mut given = Options::default();
        given
            .parameters
            .insert("UsesCustomIdentity".into(), "No".into());
        assert_eq!(
            keys(&given),
            (
                vec!["Pool".to_string()],
                vec!["Domain condition CreateSAMLResources is false".to_string()]
            )
        );
        assert_eq!(
            keys(&Options::default()).0,
            vec!["Domain".to_string(), "Pool".to_string()]
        );
    }

    #[test]
    fn settings_that_read_as_none_are_not_missing_live() {
        let live = sample();
        let mut desired = live.clone();
        let partner_ip = desired
            .identity_pools
            .iter_mut()
            .find(|ip| ip.name == "partner_identity")
            .unwrap();
        let provider = partner_ip.cognito_identity_providers[0]
            .provider_name
            .clone();
        // UseDefaults alone: what Terraform's delete leaves, maybe what nobody touched reads.
        partner_ip.principal_tags.insert(
            provider.clone(),
            crate::model::PrincipalTagMap {
                use_defaults: true,
                principal_tags: BTreeMap::new(),
            },
        );
        let partner = desired
            .user_pools
            .iter_mut()
            .find(|p| p.name == "partner-portal")
            .unwrap();
        assert!(partner.domain.is_none() && partner.custom_domain.is_none());
        // CSS on a pool without a domain: GetUICustomization is not read there.
        partner.ui_customization = Some(crate::model::UiCustomization {
            css: Some(".x{}".into()),
            image_url: None,
        });
        // An attachment with no part: a client reset to inherit the pool's.
        partner.clients[0].risk_configuration = Some(crate::model::RiskConfiguration::default());
        let report = compare(
            &Desired::Snapshot(Box::new(desired.clone())),
            &live,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.findings().count(), 0);
        let skipped: Vec<(&str, bool)> = report
            .skipped
            .iter()
            .map(|s| {
                (
                    s.resource_type.as_str(),
                    s.reason.starts_with("not live, and not drift"),
                )
            })
            .collect();
        assert_eq!(
            skipped,
            vec![
                ("AWS::Cognito::UserPoolRiskConfigurationAttachment", true),
                ("AWS::Cognito::UserPoolUICustomizationAttachment", false),
                ("AWS::Cognito::IdentityPoolPrincipalTag", true),
            ]
        );
        // The same from a template: UseDefaults alone is listed as not compared.
        let template = Template::from_value(&json!({"Resources": {
            "Ip": {"Type": "AWS::Cognito::IdentityPool", "Properties": {
                "IdentityPoolName": "partner_identity", "AllowUnauthenticatedIdentities": false}},
            "Tags": {"Type": "AWS::Cognito::IdentityPoolPrincipalTag", "Properties": {
                "IdentityPoolId": {"Ref": "Ip"}, "IdentityProviderName": provider,
                "UseDefaults": true}}
        }}))
        .unwrap();
        let report = compare(&Desired::Template(template), &live, &Options::default()).unwrap();
        assert!(report
            .resources
            .iter()
            .all(|r| r.resource.resource_type != "AWS::Cognito::IdentityPoolPrincipalTag"));
        assert!(report
            .skipped
            .iter()
            .any(|s| s.logical_id == "Tags" && s.reason.contains("maps no PrincipalTags")));
        // Tags are real configuration: a map with one that is not live is missing.
        let ip = desired
            .identity_pools
            .iter_mut()
            .find(|ip| ip.name == "partner_identity")
            .unwrap();
        if let Some(m) = ip.principal_tags.get_mut(&provider) {
            m.principal_tags.insert("dept".into(), "custom:dept".into());
        }
        let report = compare(
            &Desired::Snapshot(Box::new(desired)),
            &live,
            &Options::default(),
        )
        .unwrap();
        let got: Vec<(&str, &str)> = report
            .findings()
            .map(|(r, f)| (r.resource.resource_type.as_str(), f.code))
            .collect();
        assert_eq!(
            got,
            vec![(
                "AWS::Cognito::IdentityPoolPrincipalTag",
                "resource-missing-live"
            )]
        );
    }

    #[test]
    fn settings_changes_are_classified_by_their_own_rules() {
        let live = sample();
        let mut desired = live.clone();
        let shop = desired
            .user_pools
            .iter_mut()
            .find(|p| p.name == "shop-customers")
            .unwrap();
        shop.risk_configuration.as_mut().unwrap().risk_exception =
            Some(json!({"BlockedIPRangeList": ["198.51.100.0/24"]}));
        shop.clients
            .iter_mut()
            .find(|c| c.name == "shop-web")
            .unwrap()
            .managed_login_branding
            .as_mut()
            .unwrap()
            .use_cognito_provided_values = true;
        let ip = desired
            .identity_pools
            .iter_mut()
            .find(|ip| ip.name == "shop_identity")
            .unwrap();
        ip.principal_tags
            .values_mut()
            .for_each(|m| m.use_defaults = true);
        let report = compare(
            &Desired::Snapshot(Box::new(desired)),
            &live,
            &Options::default(),
        )
        .unwrap();
        let got: Vec<(&str, &str, &str, Option<&str>)> = report
            .findings()
            .map(|(r, f)| {
                (
                    r.resource.resource_type.as_str(),
                    f.path.as_str(),
                    f.code,
                    f.fix.as_ref().map(|x| x.call),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "AWS::Cognito::UserPoolRiskConfigurationAttachment",
                    "RiskExceptionConfiguration.BlockedIPRangeList",
                    "drift-in-place",
                    Some("SetRiskConfiguration")
                ),
                (
                    "AWS::Cognito::ManagedLoginBranding",
                    "UseCognitoProvidedValues",
                    "drift-in-place",
                    Some("UpdateManagedLoginBranding")
                ),
                (
                    "AWS::Cognito::IdentityPoolPrincipalTag",
                    "UseDefaults",
                    "drift-in-place",
                    Some("SetPrincipalTagAttributeMap")
                ),
            ]
        );
        // A create-only identity property: a new branding style, not an update.
        let table = MutabilityTable::embedded();
        let f = classify(
            table,
            ResourceType::ManagedLoginBranding,
            "ClientId",
            Some(json!("a")),
            Some(json!("b")),
            None,
        )
        .unwrap();
        assert_eq!(f.class, DriftClass::Replacement);
    }

    #[test]
    fn finding_codes_are_stable() {
        let classes = [
            DriftClass::InPlace,
            DriftClass::Replacement,
            DriftClass::Impossible,
            DriftClass::Added,
            DriftClass::Removed,
            DriftClass::Unknown,
            DriftClass::TrustWidened,
        ];
        let codes: Vec<&str> = classes.iter().map(|c| c.code()).collect();
        assert_eq!(codes, FINDING_CODES);
    }

    #[test]
    fn outcomes_follow_fail_on() {
        let s = sample();
        let mut desired = s.clone();
        desired.user_pools[1]
            .password_policy
            .as_mut()
            .unwrap()
            .minimum_length = Some(14);
        let report = compare(
            &Desired::Snapshot(Box::new(desired.clone())),
            &s,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.outcome(FailOn::Any), Outcome::InPlace);
        assert_eq!(report.outcome(FailOn::Replacement), Outcome::Clean);
        desired.user_pools[1].alias_attributes = vec!["email".into()];
        let report = compare(
            &Desired::Snapshot(Box::new(desired)),
            &s,
            &Options::default(),
        )
        .unwrap();
        assert_eq!(report.outcome(FailOn::Any), Outcome::Severe);
        assert_eq!(report.outcome(FailOn::Replacement), Outcome::Severe);
        assert_eq!(report.outcome(FailOn::Impossible), Outcome::Clean);
        assert_eq!(report.outcome(FailOn::None), Outcome::Clean);
    }
}
