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
//! Stack health is part of the report: a stack in a failed or rollback state, or a Cognito
//! resource whose status is not complete, no longer matches its template.
//! Pure: no I/O and no AWS; the stacks come from the snapshot (`cogref scan --stack`).

use super::template::{parse_document, RefTarget, Resolver, Template};
use super::{compare, read_desired, Desired, DriftError, DriftReport, Options};
use crate::model::{
    is_complete_resource_status, is_unhealthy_stack_status, DeployedStack, Snapshot,
};
use serde::Serialize;
use std::collections::BTreeMap;

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
    let holds_cognito = stack
        .resources
        .iter()
        .any(|r| r.resource_type.starts_with("AWS::Cognito::"));
    if holds_cognito {
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
            t => {
                let nested = stack.nested.get(&r.logical_id);
                let target =
                    target_of(t, physical, &stack.region, account.as_deref(), live, nested);
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

/// What `Ref` and `Fn::GetAtt` give for a non-Cognito resource, from its physical id (the
/// `Ref` value of most types) and the return values the CloudFormation resource reference
/// documents for each type. Attributes that cannot be derived are left out (they stay unknown).
fn target_of(
    resource_type: &str,
    physical: &str,
    region: &str,
    account: Option<&str>,
    live: &Snapshot,
    nested: Option<&DeployedStack>,
) -> RefTarget {
    let partition = crate::cfn::partition_of(region);
    let mut attributes = BTreeMap::new();
    let arn = |service: &str, resource: &str| {
        account.map(|a| format!("arn:{partition}:{service}:{region}:{a}:{resource}"))
    };
    match resource_type {
        "AWS::Lambda::Function" | "AWS::Serverless::Function" => {
            if let Some(a) = arn("lambda", &format!("function:{physical}")) {
                attributes.insert("Arn".into(), a);
            }
        }
        "AWS::IAM::Role" => {
            // A role's ARN carries its path: take it from the live snapshot when read there.
            if let Some(role) = live.roles.iter().find(|x| x.name == physical) {
                attributes.insert("Arn".into(), role.arn.clone());
            }
        }
        "AWS::SNS::Topic" => {
            attributes.insert("TopicArn".into(), physical.to_string());
            if let Some(name) = physical.rsplit(':').next() {
                attributes.insert("TopicName".into(), name.to_string());
            }
        }
        "AWS::SQS::Queue" => {
            if let Some(name) = physical.rsplit('/').next() {
                attributes.insert("QueueName".into(), name.to_string());
                attributes.insert("QueueUrl".into(), physical.to_string());
                if let Some(a) = arn("sqs", name) {
                    attributes.insert("Arn".into(), a);
                }
            }
        }
        "AWS::KMS::Key" => {
            attributes.insert("KeyId".into(), physical.to_string());
            if let Some(a) = arn("kms", &format!("key/{physical}")) {
                attributes.insert("Arn".into(), a);
            }
        }
        "AWS::S3::Bucket" => {
            attributes.insert("Arn".into(), format!("arn:{partition}:s3:::{physical}"));
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
    RefTarget {
        ref_value: physical.to_string(),
        attributes,
    }
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
            })
            .collect(),
        nested,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

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
