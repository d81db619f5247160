//! Reading deployed CloudFormation stacks for `cogref drift --stack` / `--all-stacks`:
//! `DescribeStacks` (status, parameter values, outputs, tags), `GetTemplate` (the processed
//! stage, so SAM and other transforms are expanded), `ListStackResources` (paginated: the
//! physical id and status of every resource), nested stacks followed recursively through their
//! `AWS::CloudFormation::Stack` resources, and `ListStacks` for `--all-stacks`; then, for each
//! stack, the attributes of its other resources that its Cognito and IAM resources use and
//! that the physical ids do not give (`cloudcontrol`).
//!
//! Read-only like the rest of `aws`; failures are recorded in the scan's errors through
//! [`Ctx`], so a stack that cannot be read makes the scan partial, never silently empty.

use super::scan::Ctx;
use super::RegionClients;
use crate::model::{DeployedStack, StackResource};
use aws_sdk_cloudformation::types::{StackStatus, TemplateStage};
use std::collections::BTreeMap;
use std::future::Future;
use std::pin::Pin;

/// Which stacks a scan reads.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum StackSelection {
    #[default]
    None,
    /// `--stack NAME_OR_ID` (repeatable).
    Named(Vec<String>),
    /// `--all-stacks`: every root stack of the scanned regions holding a Cognito resource.
    All,
}

/// Nested stacks deeper than this are not followed (CloudFormation itself allows far less in
/// practice; the bound only guards against a faulty endpoint).
const MAX_DEPTH: usize = 16;

/// The region in a stack ARN (`arn:aws:cloudformation:REGION:ACCOUNT:stack/NAME/GUID`).
pub fn region_of_stack_id(id: &str) -> Option<&str> {
    let mut parts = id.split(':');
    match (parts.next(), parts.next(), parts.next(), parts.next()) {
        (Some("arn"), Some(_), Some("cloudformation"), Some(region)) if !region.is_empty() => {
            Some(region)
        }
        _ => None,
    }
}

/// Reads one stack (by name or id) and, recursively, its nested stacks. `None` when the stack
/// could not be read (the error is recorded in `ctx`).
pub(crate) fn read_stack<'a>(
    ctx: &'a Ctx,
    clients: &'a RegionClients,
    region: &'a str,
    name_or_id: &'a str,
    depth: usize,
) -> Pin<Box<dyn Future<Output = Option<DeployedStack>> + Send + 'a>> {
    Box::pin(async move {
        let client = &clients.cfn;
        let resource = format!("stack {name_or_id}");
        let described = ctx
            .call(&resource, "DescribeStacks", || {
                client.describe_stacks().stack_name(name_or_id).send()
            })
            .await?;
        let Some(stack) = described.stacks().first() else {
            ctx.record(
                &resource,
                "DescribeStacks",
                "StackNotFound",
                "DescribeStacks returned no stack",
            );
            return None;
        };
        let stack_id = stack.stack_id().unwrap_or(name_or_id).to_string();
        let template = ctx
            .call(&resource, "GetTemplate", || {
                client
                    .get_template()
                    .stack_name(&stack_id)
                    .template_stage(TemplateStage::Processed)
                    .send()
            })
            .await?
            .template_body()
            .unwrap_or_default()
            .to_string();
        let mut resources: Vec<StackResource> = ctx
            .paginate(
                &resource,
                "ListStackResources",
                |token| {
                    client
                        .list_stack_resources()
                        .stack_name(&stack_id)
                        .set_next_token(token)
                        .send()
                },
                |out| {
                    let items = out
                        .stack_resource_summaries()
                        .iter()
                        .map(|r| StackResource {
                            logical_id: r.logical_resource_id().unwrap_or_default().to_string(),
                            physical_id: r
                                .physical_resource_id()
                                .filter(|p| !p.is_empty())
                                .map(str::to_string),
                            resource_type: r.resource_type().unwrap_or_default().to_string(),
                            status: r
                                .resource_status()
                                .map(|s| s.as_str().to_string())
                                .unwrap_or_default(),
                            status_reason: r.resource_status_reason().map(str::to_string),
                            attributes: BTreeMap::new(),
                            attributes_unread: BTreeMap::new(),
                        })
                        .collect();
                    (items, out.next_token().map(str::to_string))
                },
            )
            .await;
        resources.sort();

        let mut nested = BTreeMap::new();
        if depth < MAX_DEPTH {
            for r in &resources {
                if r.resource_type != "AWS::CloudFormation::Stack" {
                    continue;
                }
                let Some(physical) = &r.physical_id else {
                    continue;
                };
                if let Some(child) = read_stack(ctx, clients, region, physical, depth + 1).await {
                    nested.insert(r.logical_id.clone(), child);
                }
            }
        }

        let mut deployed = DeployedStack {
            stack_name: stack.stack_name().unwrap_or_default().to_string(),
            stack_id,
            region: region.to_string(),
            status: stack
                .stack_status()
                .map(|s| s.as_str().to_string())
                .unwrap_or_default(),
            status_reason: stack.stack_status_reason().map(str::to_string),
            parameters: stack
                .parameters()
                .iter()
                .filter_map(|p| {
                    let key = p.parameter_key()?;
                    let value = p.resolved_value().or(p.parameter_value()).unwrap_or("");
                    Some((key.to_string(), value.to_string()))
                })
                .collect(),
            outputs: stack
                .outputs()
                .iter()
                .filter_map(|o| Some((o.output_key()?.to_string(), o.output_value()?.to_string())))
                .collect(),
            tags: stack
                .tags()
                .iter()
                .filter_map(|t| Some((t.key()?.to_string(), t.value()?.to_string())))
                .collect(),
            template,
            resources,
            nested,
        };
        // The attributes its Cognito and IAM resources use that the physical ids do not give.
        super::cloudcontrol::read_attributes(ctx, &clients.cloudcontrol, &mut deployed).await;
        Some(deployed)
    })
}

/// The ids of every root stack of a region that is not deleted (`ListStacks`, paginated).
/// Nested stacks are left out: they are read through their root.
pub(crate) async fn list_root_stacks(
    ctx: &Ctx,
    client: &aws_sdk_cloudformation::Client,
    region: &str,
) -> Vec<String> {
    let live_statuses: Vec<StackStatus> = StackStatus::values()
        .iter()
        .filter(|s| **s != "DELETE_COMPLETE")
        .map(|s| StackStatus::from(*s))
        .collect();
    let mut ids: Vec<String> = ctx
        .paginate(
            &format!("stacks in {region}"),
            "ListStacks",
            |token| {
                client
                    .list_stacks()
                    .set_stack_status_filter(Some(live_statuses.clone()))
                    .set_next_token(token)
                    .send()
            },
            |out| {
                let items = out
                    .stack_summaries()
                    .iter()
                    .filter(|s| s.parent_id().is_none() && s.root_id().is_none())
                    .filter(|s| s.stack_status() != Some(&StackStatus::DeleteComplete))
                    .filter_map(|s| s.stack_id().map(str::to_string))
                    .collect();
                (items, out.next_token().map(str::to_string))
            },
        )
        .await;
    ids.sort();
    ids.dedup();
    ids
}

#[cfg(test)]
mod tests {
    use super::region_of_stack_id;

    #[test]
    fn region_comes_from_a_stack_arn() {
        assert_eq!(
            region_of_stack_id("arn:aws:cloudformation:eu-west-1:123456789012:stack/auth/1f2e"),
            Some("eu-west-1")
        );
        assert_eq!(region_of_stack_id("my-stack"), None);
        assert_eq!(region_of_stack_id("arn:aws:s3:::bucket"), None);
    }
}
