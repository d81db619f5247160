//! Drift of deployed CloudFormation stacks (`cogref drift --stack`, `--all-stacks`): each
//! stack of a tree (the root and every nested stack that holds a Cognito resource) is
//! compared as its own template, with what CloudFormation recorded for it:
//!
//! - the processed template (`GetTemplate`), so SAM and other transforms are expanded;
//! - the parameter values as deployed (`DescribeStacks`): a nested stack's parameters are the
//!   values its parent passed down;
//! - the physical id of every resource (`ListStackResources`): Cognito resources are matched
//!   to live ones by id, exactly (no import file, no name guessing), and `Ref`/`Fn::GetAtt` of
//!   any resource of the stack resolve - a Lambda trigger's ARN, a role's ARN, a nested stack's
//!   outputs (`Fn::GetAtt Nested.Outputs.NAME`).
//!
//! A `Fn::GetAtt` of a non-Cognito resource is derived from its physical id where the
//! CloudFormation resource reference documents the format exactly ([`DERIVED_ATTRIBUTES`]);
//! else it is what the scan read through Cloud Control and stored on the resource (which
//! resources the scan reads is decided here, [`attributes_to_read`]); else it stays unknown,
//! with why (a denied read, a custom resource).
//!
//! Stack health is part of the report: a stack in a failed or rollback state, or a Cognito
//! resource whose status is not complete, no longer matches its template.
//! Pure: no I/O and no AWS; the stacks come from the snapshot (`cogref scan --stack`).

use super::template::{parse_document, RefTarget, Resolver, Template};
use super::{compare, read_desired, Desired, DriftError, DriftReport, Options};
use crate::model::{
    is_complete_resource_status, is_unhealthy_stack_status, DeployedStack, Snapshot, StackResource,
};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// One compared stack of a tree.
#[derive(Debug, Clone, Serialize)]
pub struct StackSection {
    /// The root stack's name, then the logical ids of the nested stacks leading here.
    pub path: Vec<String>,
    pub stack_name: String,
    pub stack_id: String,
    pub region: String,
    pub status: String,
    pub report: DriftReport,
}

/// A stack or resource whose status says its template no longer describes what is live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HealthFinding {
    /// `stack-unhealthy` or `resource-not-complete`.
    pub code: &'static str,
    pub path: Vec<String>,
    /// The logical id of the resource (for `resource-not-complete`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logical_id: Option<String>,
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

impl std::fmt::Display for HealthFinding {
    /// `stack-unhealthy: root/Auth is UPDATE_ROLLBACK_COMPLETE (reason)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.code, self.path.join("/"))?;
        if let Some(l) = &self.logical_id {
            write!(f, " resource {l}")?;
        }
        write!(f, " is {}", self.status)?;
        if let Some(r) = &self.reason {
            write!(f, " ({r})")?;
        }
        Ok(())
    }
}

/// Every compared stack of every selected tree, and their health.
#[derive(Debug, Clone, Serialize)]
pub struct StacksReport {
    pub sections: Vec<StackSection>,
    pub health: Vec<HealthFinding>,
}

/// Compares every selected stack tree with the live snapshot. A tree without any Cognito
/// resource is an error that says what the stack has, never an empty "no drift".
pub fn compare_stacks(
    stacks: &[&DeployedStack],
    live: &Snapshot,
    base: &Options,
) -> Result<StacksReport, DriftError> {
    let mut report = StacksReport {
        sections: Vec::new(),
        health: Vec::new(),
    };
    for stack in stacks {
        if !stack.has_cognito_resource() {
            return Err(DriftError::NothingToCompare(format!(
                "stack {} has no Cognito resource ({} resource(s), {} nested stack(s) read)",
                stack.stack_name,
                stack.resources.len(),
                count_nested(stack)
            )));
        }
        walk(
            stack,
            vec![stack.stack_name.clone()],
            live,
            base,
            &mut report,
        )?;
    }
    Ok(report)
}

fn count_nested(s: &DeployedStack) -> usize {
    s.nested.len() + s.nested.values().map(count_nested).sum::<usize>()
}

fn walk(
    stack: &DeployedStack,
    path: Vec<String>,
    live: &Snapshot,
    base: &Options,
    out: &mut StacksReport,
) -> Result<(), DriftError> {
    if is_unhealthy_stack_status(&stack.status) {
        out.health.push(HealthFinding {
            code: "stack-unhealthy",
            path: path.clone(),
            logical_id: None,
            status: stack.status.clone(),
            reason: stack.status_reason.clone(),
        });
    }
    if stack.holds_cognito_resource() {
        for r in &stack.resources {
            if r.resource_type.starts_with("AWS::Cognito::")
                && !is_complete_resource_status(&r.status)
            {
                out.health.push(HealthFinding {
                    code: "resource-not-complete",
                    path: path.clone(),
                    logical_id: Some(r.logical_id.clone()),
                    status: r.status.clone(),
                    reason: r.status_reason.clone(),
                });
            }
        }
        let desired = read_desired(&stack.template)?;
        if !matches!(desired, Desired::Template(_)) {
            return Err(DriftError::NothingToCompare(format!(
                "stack {}: its template is not a CloudFormation template",
                stack.stack_name
            )));
        }
        let options = options_for(stack, live, base);
        let report = compare(&desired, live, &options)?;
        out.sections.push(StackSection {
            path: path.clone(),
            stack_name: stack.stack_name.clone(),
            stack_id: stack.stack_id.clone(),
            region: stack.region.clone(),
            status: stack.status.clone(),
            report,
        });
    }
    for (logical, nested) in &stack.nested {
        let mut p = path.clone();
        p.push(logical.clone());
        walk(nested, p, live, base, out)?;
    }
    Ok(())
}

/// Matching and evaluation options for one deployed stack: its parameter values, its Cognito
/// resources matched by physical id, and what `Ref`/`Fn::GetAtt` of its other resources give.
fn options_for(stack: &DeployedStack, live: &Snapshot, base: &Options) -> Options {
    let mut options = base.clone();
    // The deployed values, except those CloudFormation masks (NoEcho: `****`); a user's
    // `--parameter NAME=VALUE` wins.
    options.parameters = stack
        .parameters
        .iter()
        .filter(|(_, v)| v.as_str() != "****")
        .map(|(k, v)| (k.clone(), v.clone()))
        .chain(base.parameters.clone())
        .collect();
    if stack.stack_id.is_empty() {
        // A local template tree: matched like any template (import file, --map, names).
        return options;
    }
    options.import.clear();
    options.from_stack = true;
    options
        .pseudo
        .insert("AWS::StackName".into(), stack.stack_name.clone());
    options
        .pseudo
        .insert("AWS::StackId".into(), stack.stack_id.clone());
    let account = live
        .account_id
        .clone()
        .or_else(|| account_of(&stack.stack_id));
    let wanted = referenced_attributes(&stack.template);
    for r in &stack.resources {
        let Some(physical) = &r.physical_id else {
            continue;
        };
        match r.resource_type.as_str() {
            "AWS::Cognito::UserPool"
            | "AWS::Cognito::UserPoolClient"
            | "AWS::Cognito::IdentityPool" => {
                // Registry handlers record compound ids as `POOL_ID|CLIENT_ID`.
                let id = physical.rsplit('|').next().unwrap_or(physical);
                options.map.insert(r.logical_id.clone(), id.to_string());
            }
            t if t.starts_with("AWS::Cognito::") => {}
            _ => {
                let nested = stack.nested.get(&r.logical_id);
                let target = target_of(
                    r,
                    physical,
                    &stack.region,
                    account.as_deref(),
                    live,
                    nested,
                    wanted.get(&r.logical_id),
                );
                options.targets.insert(r.logical_id.clone(), target);
            }
        }
    }
    options
}

/// The account id in a stack ARN.
fn account_of(stack_id: &str) -> Option<String> {
    stack_id
        .split(':')
        .nth(4)
        .filter(|a| !a.is_empty())
        .map(str::to_string)
}

/// `Fn::GetAtt` values that follow exactly from a resource's physical id (its `Ref` value), its
/// region and account, as the CloudFormation resource reference documents them: the type's
/// page, section "Return values" (`https://docs.aws.amazon.com/AWSCloudFormation/latest/
/// TemplateReference/PAGE.html`, PAGE in the last column; `Ref` returns the name for all of
/// them but the SNS topic, whose `Ref` is its ARN, and the KMS key, whose `Ref` is its key id).
/// `{partition}`, `{region}`, `{account}` and `{id}` (the physical id) are filled in.
///
/// Only exact formats are here. A type whose ARN does not contain its physical id (a CodeCommit
/// repository's `Ref` is its repository id, a GUID, its ARN ends with its name) or whose
/// attribute the service assigns (a CloudFront distribution's `DomainName`) is not: such values
/// are read through Cloud Control at scan time, or stay unknown.
pub const DERIVED_ATTRIBUTES: &[(&str, &str, &str, &str)] = &[
    (
        "AWS::CodeBuild::Project",
        "Arn",
        "arn:{partition}:codebuild:{region}:{account}:project/{id}",
        "aws-resource-codebuild-project",
    ),
    (
        "AWS::DynamoDB::Table",
        "Arn",
        "arn:{partition}:dynamodb:{region}:{account}:table/{id}",
        "aws-resource-dynamodb-table",
    ),
    (
        "AWS::KMS::Key",
        "Arn",
        "arn:{partition}:kms:{region}:{account}:key/{id}",
        "aws-resource-kms-key",
    ),
    ("AWS::KMS::Key", "KeyId", "{id}", "aws-resource-kms-key"),
    (
        "AWS::Lambda::Function",
        "Arn",
        "arn:{partition}:lambda:{region}:{account}:function:{id}",
        "aws-resource-lambda-function",
    ),
    (
        // SAM's function becomes an AWS::Lambda::Function of the same name (sam-resource-function).
        "AWS::Serverless::Function",
        "Arn",
        "arn:{partition}:lambda:{region}:{account}:function:{id}",
        "aws-resource-lambda-function",
    ),
    (
        "AWS::S3::Bucket",
        "Arn",
        "arn:{partition}:s3:::{id}",
        "aws-resource-s3-bucket",
    ),
    (
        "AWS::SNS::Topic",
        "TopicArn",
        "{id}",
        "aws-resource-sns-topic",
    ),
];

/// Attributes derived from the physical id by code rather than by a format: an SNS topic's
/// name (the last part of its ARN, its `Ref`), an SQS queue's name and ARN (its `Ref` is the
/// queue URL `https://sqs.REGION.amazonaws.com/ACCOUNT/NAME`, aws-resource-sqs-queue), a
/// role's ARN (it carries the role's path: taken from the role as the snapshot read it) and a
/// nested stack's outputs (`Outputs.NAME`, from the nested stack's record).
const DERIVED_BY_CODE: &[(&str, &str)] = &[
    ("AWS::IAM::Role", "Arn"),
    ("AWS::SNS::Topic", "TopicName"),
    ("AWS::SQS::Queue", "Arn"),
    ("AWS::SQS::Queue", "QueueName"),
    ("AWS::SQS::Queue", "QueueUrl"),
];

/// Whether cogref derives `Fn::GetAtt RESOURCE.attribute` of a resource of this type without
/// reading it.
pub fn is_derived_attribute(resource_type: &str, attribute: &str) -> bool {
    DERIVED_ATTRIBUTES
        .iter()
        .any(|(t, a, _, _)| *t == resource_type && *a == attribute)
        || DERIVED_BY_CODE
            .iter()
            .any(|(t, a)| *t == resource_type && *a == attribute)
        || (resource_type == "AWS::CloudFormation::Stack" && attribute.starts_with("Outputs."))
}

/// Whether a type is a custom resource: its attributes are what its Lambda answered, which no
/// read call returns (neither CloudFormation's nor Cloud Control's).
pub fn is_custom_resource(resource_type: &str) -> bool {
    resource_type.starts_with("Custom::") || resource_type == "AWS::CloudFormation::CustomResource"
}

/// One resource of a stack whose attributes `cogref scan --stack` reads (Cloud Control
/// `GetResource`, identifier: the physical id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AttributeRead {
    pub logical_id: String,
    pub resource_type: String,
    pub physical_id: String,
    /// `Fn::GetAtt` attribute names (`DomainName`, `Endpoint.Address`).
    pub attributes: BTreeSet<String>,
}

/// What to read for one deployed stack: the resources whose attributes a Cognito or IAM
/// resource of the stack names with `Fn::GetAtt` (or `${RESOURCE.ATTRIBUTE}` in `Fn::Sub`), and
/// that cogref does not derive from the physical id. Not every resource of the stack: only
/// those, and nothing for a stack that holds no Cognito resource itself (drift does not compare
/// it). Custom resources are left out (nothing returns their attributes); so are resources
/// without a physical id (not created).
pub fn attributes_to_read(stack: &DeployedStack) -> Vec<AttributeRead> {
    if !stack.holds_cognito_resource() {
        return Vec::new();
    }
    let wanted = referenced_attributes(&stack.template);
    let mut out = Vec::new();
    for r in &stack.resources {
        let (Some(physical), Some(attributes)) = (&r.physical_id, wanted.get(&r.logical_id)) else {
            continue;
        };
        if r.resource_type.starts_with("AWS::Cognito::") || is_custom_resource(&r.resource_type) {
            continue;
        }
        let attributes: BTreeSet<String> = attributes
            .iter()
            .filter(|a| !is_derived_attribute(&r.resource_type, a))
            .cloned()
            .collect();
        if !attributes.is_empty() {
            out.push(AttributeRead {
                logical_id: r.logical_id.clone(),
                resource_type: r.resource_type.clone(),
                physical_id: physical.clone(),
                attributes,
            });
        }
    }
    out
}

/// Logical id -> the attributes of it that the Cognito and IAM resources of a template name
/// (`Fn::GetAtt`, long or short form, and `${RESOURCE.ATTRIBUTE}` in `Fn::Sub`). A template
/// that cannot be read gives nothing (drift reports the template itself).
fn referenced_attributes(text: &str) -> BTreeMap<String, BTreeSet<String>> {
    fn add(out: &mut BTreeMap<String, BTreeSet<String>>, resource: &str, attribute: &str) {
        if !resource.is_empty() && !attribute.is_empty() {
            out.entry(resource.to_string())
                .or_default()
                .insert(attribute.to_string());
        }
    }
    fn walk(v: &serde_json::Value, out: &mut BTreeMap<String, BTreeSet<String>>) {
        use serde_json::Value;
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("Fn::GetAtt", Value::Array(a)) => {
                            if let (Some(r), Some(at)) = (
                                a.first().and_then(Value::as_str),
                                a.get(1).and_then(Value::as_str),
                            ) {
                                add(out, r, at);
                            }
                        }
                        ("Fn::GetAtt", Value::String(s)) => {
                            if let Some((r, at)) = s.split_once('.') {
                                add(out, r, at);
                            }
                        }
                        ("Fn::Sub", sub) => {
                            let (text, vars) = match sub {
                                Value::String(t) => (Some(t.as_str()), None),
                                Value::Array(a) => (a.first().and_then(Value::as_str), a.get(1)),
                                _ => (None, None),
                            };
                            for name in text.map(sub_names).unwrap_or_default() {
                                let shadowed = vars
                                    .and_then(Value::as_object)
                                    .is_some_and(|v| v.contains_key(&name));
                                if let (false, Some((r, at))) = (shadowed, name.split_once('.')) {
                                    add(out, r, at);
                                }
                            }
                            if let Some(v) = vars {
                                walk(v, out);
                            }
                        }
                        _ => walk(x, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, out)),
            _ => {}
        }
    }
    let mut out = BTreeMap::new();
    let Ok(doc) = parse_document(text) else {
        return out;
    };
    if let Some(resources) = doc.get("Resources").and_then(|r| r.as_object()) {
        for r in resources.values() {
            let t = r.get("Type").and_then(|t| t.as_str()).unwrap_or_default();
            if t.starts_with("AWS::Cognito::") || t.starts_with("AWS::IAM::") {
                if let Some(p) = r.get("Properties") {
                    walk(p, &mut out);
                }
            }
        }
    }
    out
}

/// The `${NAME}` references of a `Fn::Sub` text (`${!literal}` left out).
fn sub_names(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        let after = &rest[start + 2..];
        let Some(end) = after.find('}') else {
            break;
        };
        let name = &after[..end];
        if !name.starts_with('!') {
            out.push(name.trim().to_string());
        }
        rest = &after[end + 1..];
    }
    out
}

/// What `Ref` and `Fn::GetAtt` give for a non-Cognito resource: attributes derived from its
/// physical id (see [`DERIVED_ATTRIBUTES`]), then those the scan read (Cloud Control), and, for
/// the attributes the stack uses that are neither, why they stay unknown.
fn target_of(
    r: &StackResource,
    physical: &str,
    region: &str,
    account: Option<&str>,
    live: &Snapshot,
    nested: Option<&DeployedStack>,
    wanted: Option<&BTreeSet<String>>,
) -> RefTarget {
    let resource_type = r.resource_type.as_str();
    let partition = crate::cfn::partition_of(region);
    let mut attributes = derived_attributes(resource_type, physical, partition, region, account);
    match resource_type {
        "AWS::IAM::Role" => {
            // A role's ARN carries its path: take it from the live snapshot when read there.
            if let Some(role) = live.roles.iter().find(|x| x.name == physical) {
                attributes.insert("Arn".into(), role.arn.clone());
            }
        }
        "AWS::SNS::Topic" => {
            if let Some(name) = physical.rsplit(':').next() {
                attributes.insert("TopicName".into(), name.to_string());
            }
        }
        "AWS::SQS::Queue" => {
            if let Some(name) = physical.rsplit('/').next() {
                attributes.insert("QueueName".into(), name.to_string());
                attributes.insert("QueueUrl".into(), physical.to_string());
                if let Some(a) = account {
                    attributes.insert(
                        "Arn".into(),
                        format!("arn:{partition}:sqs:{region}:{a}:{name}"),
                    );
                }
            }
        }
        "AWS::CloudFormation::Stack" => {
            if let Some(n) = nested {
                for (k, v) in &n.outputs {
                    attributes.insert(format!("Outputs.{k}"), v.clone());
                }
            }
        }
        _ => {}
    }
    for (k, v) in &r.attributes {
        attributes.entry(k.clone()).or_insert_with(|| v.clone());
    }
    let mut unread = r.attributes_unread.clone();
    for a in wanted.into_iter().flatten() {
        if attributes.contains_key(a) || unread.contains_key(a) {
            continue;
        }
        let why = if is_custom_resource(resource_type) {
            format!(
                "{resource_type} is a custom resource: its attributes are what its function \
                 returned, which no read call returns"
            )
        } else if is_derived_attribute(resource_type, a) {
            "derived from the physical id, but the account or the role is not known".to_string()
        } else {
            "not in the snapshot (a scan with --stack by this version reads it through Cloud \
             Control)"
                .to_string()
        };
        unread.insert(a.clone(), why);
    }
    RefTarget {
        ref_value: physical.to_string(),
        attributes,
        unread,
    }
}

/// The [`DERIVED_ATTRIBUTES`] of one resource (those that need the account are left out when
/// it is not known).
pub fn derived_attributes(
    resource_type: &str,
    physical: &str,
    partition: &str,
    region: &str,
    account: Option<&str>,
) -> BTreeMap<String, String> {
    DERIVED_ATTRIBUTES
        .iter()
        .filter(|(t, ..)| *t == resource_type)
        .filter(|(_, _, format, _)| account.is_some() || !format.contains("{account}"))
        .map(|(_, attribute, format, _)| {
            let value = format
                .replace("{partition}", partition)
                .replace("{region}", region)
                .replace("{account}", account.unwrap_or_default())
                .replace("{id}", physical);
            (attribute.to_string(), value)
        })
        .collect()
}

/// A local template and the nested templates found next to it (read by the app layer).
#[derive(Debug, Clone)]
pub struct LocalTemplate {
    /// The file name, shown as the stack's name.
    pub name: String,
    pub text: String,
    /// Nested stack templates by the logical id of their `AWS::CloudFormation::Stack`.
    pub nested: BTreeMap<String, LocalTemplate>,
}

/// The nested stacks of a template whose template CDK recorded as an asset: logical id ->
/// `Metadata["aws:asset:path"]` (a file name relative to the template's directory, as in
/// `cdk.out` and Amplify Gen2's `.amplify/artifacts/cdk.out`).
pub fn nested_asset_paths(text: &str) -> Result<BTreeMap<String, String>, DriftError> {
    let doc = parse_document(text)?;
    let mut out = BTreeMap::new();
    if let Some(resources) = doc.get("Resources").and_then(|r| r.as_object()) {
        for (logical, r) in resources {
            if r.get("Type").and_then(|t| t.as_str()) != Some("AWS::CloudFormation::Stack") {
                continue;
            }
            if let Some(path) = r
                .get("Metadata")
                .and_then(|m| m.get("aws:asset:path"))
                .and_then(|p| p.as_str())
            {
                out.insert(logical.clone(), path.to_string());
            }
        }
    }
    Ok(out)
}

/// A local template tree as stacks to compare: each nested template gets the `Parameters` its
/// parent's `AWS::CloudFormation::Stack` resource passes down, evaluated in the parent (values
/// that cannot be evaluated offline are left out, so the nested template's own default or an
/// unknown marker applies). Nested outputs are not passed up: a parent's `Fn::GetAtt
/// Nested.Outputs.NAME` stays unknown (reported, never drift).
pub fn local_stack(
    t: &LocalTemplate,
    parameters: BTreeMap<String, String>,
    live: &Snapshot,
) -> Result<DeployedStack, DriftError> {
    let doc = parse_document(&t.text)?;
    let template = Template::from_value(&doc)?;
    let region = match live.regions.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    };
    let resolver = Resolver {
        template: &template,
        overrides: &parameters,
        region,
        account_id: live.account_id.clone(),
        targets: BTreeMap::new(),
        pseudo: BTreeMap::new(),
    };
    let mut nested = BTreeMap::new();
    for (logical, child) in &t.nested {
        let passed = template
            .resources
            .iter()
            .find(|r| &r.logical_id == logical)
            .and_then(|r| r.properties.get("Parameters"))
            .map(|p| resolver.resolve(p));
        let mut values = BTreeMap::new();
        if let Some(serde_json::Value::Object(m)) = passed {
            for (k, v) in m {
                if super::template::is_unknown(&v).is_some() {
                    continue;
                }
                let value = match v {
                    serde_json::Value::String(s) => s,
                    serde_json::Value::Array(items) => items
                        .iter()
                        .map(|i| {
                            i.as_str()
                                .map(str::to_string)
                                .unwrap_or_else(|| i.to_string())
                        })
                        .collect::<Vec<_>>()
                        .join(","),
                    other => other.to_string(),
                };
                values.insert(k, value);
            }
        }
        nested.insert(logical.clone(), local_stack(child, values, live)?);
    }
    Ok(DeployedStack {
        stack_id: String::new(),
        stack_name: t.name.clone(),
        region: String::new(),
        status: String::new(),
        status_reason: None,
        parameters,
        outputs: BTreeMap::new(),
        tags: BTreeMap::new(),
        template: t.text.clone(),
        resources: template
            .resources
            .iter()
            .map(|r| crate::model::StackResource {
                logical_id: r.logical_id.clone(),
                physical_id: None,
                resource_type: r.resource_type.clone(),
                status: "CREATE_COMPLETE".into(),
                status_reason: None,
                attributes: BTreeMap::new(),
                attributes_unread: BTreeMap::new(),
            })
            .collect(),
        nested,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ACCOUNT: &str = "123456789012";

    fn resource(logical: &str, t: &str, physical: &str) -> StackResource {
        StackResource {
            logical_id: logical.into(),
            physical_id: Some(physical.into()),
            resource_type: t.into(),
            status: "CREATE_COMPLETE".into(),
            status_reason: None,
            attributes: BTreeMap::new(),
            attributes_unread: BTreeMap::new(),
        }
    }

    /// A deployed web app: a client whose callback is the CloudFront domain, a role policy
    /// naming a table, a CodeBuild project, a CodeCommit repository and a custom resource.
    fn webapp(resources: Vec<StackResource>) -> DeployedStack {
        DeployedStack {
            stack_id: format!("arn:aws:cloudformation:eu-west-1:{ACCOUNT}:stack/web/1"),
            stack_name: "web".into(),
            region: "eu-west-1".into(),
            status: "CREATE_COMPLETE".into(),
            status_reason: None,
            parameters: BTreeMap::new(),
            outputs: BTreeMap::new(),
            tags: BTreeMap::new(),
            template: r#"
Resources:
  Site: {Type: AWS::CloudFront::Distribution, Properties: {}}
  Books: {Type: AWS::DynamoDB::Table, Properties: {}}
  Build: {Type: AWS::CodeBuild::Project, Properties: {}}
  Repo: {Type: AWS::CodeCommit::Repository, Properties: {RepositoryName: app}}
  Mapping: {Type: Custom::RoleMapping, Properties: {}}
  Fn:
    Type: AWS::Lambda::Function
    Properties: {Environment: {Variables: {ID: !GetAtt Site.Id}}}
  Client:
    Type: AWS::Cognito::UserPoolClient
    Properties:
      UserPoolId: us-east-1_X
      CallbackURLs: [!Sub "https://${Site.DomainName}/index.html", !Sub "${!Site.Id}"]
      ClientName: !GetAtt Mapping.Name
  Policy:
    Type: AWS::IAM::RolePolicy
    Properties:
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: [!GetAtt Books.Arn, !GetAtt [Build, Arn], !GetAtt Repo.Arn,
                       !GetAtt Books.StreamArn]
"#
            .into(),
            resources,
            nested: BTreeMap::new(),
        }
    }

    #[test]
    fn documented_arns_are_derived_exactly() {
        let derive = |t: &str, id: &str, region: &str, account: Option<&str>| {
            derived_attributes(t, id, crate::cfn::partition_of(region), region, account)
        };
        assert_eq!(
            derive("AWS::DynamoDB::Table", "Books", "us-east-1", Some(ACCOUNT)),
            BTreeMap::from([(
                "Arn".to_string(),
                "arn:aws:dynamodb:us-east-1:123456789012:table/Books".to_string()
            )])
        );
        assert_eq!(
            derive(
                "AWS::CodeBuild::Project",
                "site-build",
                "eu-west-1",
                Some(ACCOUNT)
            )["Arn"],
            "arn:aws:codebuild:eu-west-1:123456789012:project/site-build"
        );
        assert_eq!(
            derive("AWS::Lambda::Function", "hook", "cn-north-1", Some(ACCOUNT))["Arn"],
            "arn:aws-cn:lambda:cn-north-1:123456789012:function:hook"
        );
        assert_eq!(
            derive("AWS::KMS::Key", "1234abcd-12ab", "us-east-1", Some(ACCOUNT)),
            BTreeMap::from([
                (
                    "Arn".to_string(),
                    "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab".to_string()
                ),
                ("KeyId".to_string(), "1234abcd-12ab".to_string()),
            ])
        );
        // Without the account, only what does not need it.
        assert!(derive("AWS::DynamoDB::Table", "Books", "us-east-1", None).is_empty());
        assert_eq!(
            derive("AWS::S3::Bucket", "my-bucket", "us-east-1", None)["Arn"],
            "arn:aws:s3:::my-bucket"
        );
        // Never derived: a CodeCommit repository's id is a GUID, its ARN ends with its name;
        // a distribution's domain is the service's choice; a stream ARN has a timestamp.
        assert!(derive(
            "AWS::CodeCommit::Repository",
            "f1e2",
            "us-east-1",
            Some(ACCOUNT)
        )
        .is_empty());
        assert!(!is_derived_attribute(
            "AWS::CloudFront::Distribution",
            "DomainName"
        ));
        assert!(!is_derived_attribute("AWS::DynamoDB::Table", "StreamArn"));
        assert!(is_derived_attribute(
            "AWS::CloudFormation::Stack",
            "Outputs.PoolId"
        ));
    }

    #[test]
    fn only_attributes_cognito_and_iam_resources_use_and_cogref_cannot_derive_are_read() {
        let stack = webapp(vec![
            resource("Site", "AWS::CloudFront::Distribution", "EDFDVBD632BHDS5"),
            resource("Books", "AWS::DynamoDB::Table", "Books"),
            resource("Build", "AWS::CodeBuild::Project", "site-build"),
            resource(
                "Repo",
                "AWS::CodeCommit::Repository",
                "3f6e1a2b-0000-4c5d-9e8f-0123456789ab",
            ),
            resource("Mapping", "Custom::RoleMapping", "mapping-1"),
            resource("Fn", "AWS::Lambda::Function", "fn"),
            resource(
                "Client",
                "AWS::Cognito::UserPoolClient",
                "us-east-1_X|client1",
            ),
        ]);
        let reads = attributes_to_read(&stack);
        let got: Vec<(&str, Vec<&str>)> = reads
            .iter()
            .map(|r| {
                (
                    r.logical_id.as_str(),
                    r.attributes.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        // Site.Id is used only by the Lambda (and `${!Site.Id}` is a literal); the table's ARN
        // and the project's ARN are derived; the custom resource has nothing to read. In the
        // order of the stack's resources.
        assert_eq!(
            got,
            vec![
                ("Site", vec!["DomainName"]),
                ("Books", vec!["StreamArn"]),
                ("Repo", vec!["Arn"]),
            ]
        );
        assert_eq!(reads[0].resource_type, "AWS::CloudFront::Distribution");
        assert_eq!(reads[0].physical_id, "EDFDVBD632BHDS5");
        // The webapp template's resources all in place but no Cognito one deployed (it is not
        // compared by drift): nothing is read.
        let mut no_cognito = stack.clone();
        no_cognito.resources.retain(|r| r.logical_id != "Client");
        assert_eq!(attributes_to_read(&no_cognito), vec![]);
    }

    #[test]
    fn attributes_read_at_scan_time_resolve_and_the_others_say_why() {
        let mut site = resource("Site", "AWS::CloudFront::Distribution", "EDFDVBD632BHDS5");
        site.attributes
            .insert("DomainName".into(), "d111111abcdef8.cloudfront.net".into());
        let mut repo = resource(
            "Repo",
            "AWS::CodeCommit::Repository",
            "3f6e1a2b-0000-4c5d-9e8f-0123456789ab",
        );
        repo.attributes_unread.insert(
            "Arn".into(),
            "Cloud Control GetResource failed: AccessDenied: not authorized".into(),
        );
        let stack = webapp(vec![
            site,
            repo,
            resource("Books", "AWS::DynamoDB::Table", "Books"),
            resource("Build", "AWS::CodeBuild::Project", "site-build"),
            resource("Mapping", "Custom::RoleMapping", "mapping-1"),
        ]);
        let live = Snapshot::new("2026-01-01T00:00:00Z".into());
        let options = options_for(&stack, &live, &Options::default());
        let doc = parse_document(&stack.template).unwrap();
        let template = Template::from_value(&doc).unwrap();
        let resolver = Resolver {
            template: &template,
            overrides: &options.parameters,
            region: Some("eu-west-1".into()),
            account_id: Some(ACCOUNT.into()),
            targets: options.targets.clone(),
            pseudo: options.pseudo.clone(),
        };
        let eval = |v: serde_json::Value| resolver.resolve(&v);
        assert_eq!(
            eval(serde_json::json!({"Fn::Sub": "https://${Site.DomainName}/index.html"})),
            serde_json::json!("https://d111111abcdef8.cloudfront.net/index.html")
        );
        assert_eq!(
            eval(serde_json::json!({"Fn::GetAtt": ["Books", "Arn"]})),
            serde_json::json!("arn:aws:dynamodb:eu-west-1:123456789012:table/Books")
        );
        assert_eq!(
            eval(serde_json::json!({"Fn::GetAtt": "Build.Arn"})),
            serde_json::json!("arn:aws:codebuild:eu-west-1:123456789012:project/site-build")
        );
        let why = |v: serde_json::Value| super::super::template::is_unknown(&eval(v)).unwrap();
        assert_eq!(
            why(serde_json::json!({"Fn::GetAtt": "Repo.Arn"})),
            "Fn::GetAtt Repo.Arn: Cloud Control GetResource failed: AccessDenied: not authorized"
        );
        assert!(why(serde_json::json!({"Fn::GetAtt": "Mapping.Name"}))
            .contains("custom resource: its attributes are what its function returned"));
        // A snapshot taken before attributes were read says so.
        assert!(why(serde_json::json!({"Fn::GetAtt": "Books.StreamArn"}))
            .contains("not in the snapshot"));
    }

    #[test]
    fn snapshots_without_read_attributes_still_load() {
        let old = r#"{"logical_id": "Site", "physical_id": "E1",
            "resource_type": "AWS::CloudFront::Distribution", "status": "CREATE_COMPLETE"}"#;
        let r: StackResource = serde_json::from_str(old).unwrap();
        assert!(r.attributes.is_empty() && r.attributes_unread.is_empty());
        // ...and an empty record writes as before.
        assert_eq!(
            serde_json::to_value(&r).unwrap(),
            serde_json::from_str::<serde_json::Value>(old).unwrap()
        );
    }

    #[test]
    fn health_findings_read_as_one_line() {
        let h = HealthFinding {
            code: "resource-not-complete",
            path: vec!["root".into(), "Auth".into()],
            logical_id: Some("Pool".into()),
            status: "UPDATE_FAILED".into(),
            reason: Some("Invalid".into()),
        };
        assert_eq!(
            h.to_string(),
            "resource-not-complete: root/Auth resource Pool is UPDATE_FAILED (Invalid)"
        );
    }

    #[test]
    fn nested_templates_get_the_parameters_their_parent_passes_down() {
        let root = LocalTemplate {
            name: "Root.template.json".into(),
            text: r#"{"Parameters": {"Env": {"Type": "String", "Default": "dev"}},
                "Resources": {"Auth": {"Type": "AWS::CloudFormation::Stack",
                  "Metadata": {"aws:asset:path": "RootAuth.nested.template.json"},
                  "Properties": {"TemplateURL": "https://s3/x.json",
                    "Parameters": {"Stage": {"Fn::Sub": "${Env}-blue"},
                                   "Other": {"Fn::ImportValue": "elsewhere"}}}}}}"#
                .into(),
            nested: BTreeMap::from([(
                "Auth".to_string(),
                LocalTemplate {
                    name: "RootAuth.nested.template.json".into(),
                    text: r#"{"Parameters": {"Stage": {"Type": "String"}},
                        "Resources": {"Pool": {"Type": "AWS::Cognito::UserPool",
                          "Properties": {"UserPoolName": {"Fn::Sub": "pool-${Stage}"}}}}}"#
                        .into(),
                    nested: BTreeMap::new(),
                },
            )]),
        };
        assert_eq!(
            nested_asset_paths(&root.text).unwrap(),
            BTreeMap::from([(
                "Auth".to_string(),
                "RootAuth.nested.template.json".to_string()
            )])
        );
        let live = Snapshot::new("2026-01-01T00:00:00Z".into());
        let stack = local_stack(&root, BTreeMap::new(), &live).unwrap();
        let auth = &stack.nested["Auth"];
        // Evaluated in the parent; the unknown import is left out, never guessed.
        assert_eq!(
            auth.parameters,
            BTreeMap::from([("Stage".to_string(), "dev-blue".to_string())])
        );
        assert!(stack.has_cognito_resource());
        assert!(stack.stack_id.is_empty());
    }
}
