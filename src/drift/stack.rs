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

use super::template::RefTarget;
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
