//! Deployed CloudFormation stacks, as a snapshot records them for `cogref drift --stack`:
//! the processed template, the parameter values, the outputs and the physical id and status of
//! every resource, with nested stacks (`AWS::CloudFormation::Stack`) read recursively, and the
//! attributes of the few resources read through Cloud Control (`Fn::GetAtt` values the stack's
//! Cognito and IAM resources use that the physical id does not give).
//!
//! Plain data: read by `aws::stacks`, compared by `drift`. Parameter values CloudFormation
//! masks (`NoEcho`) stay masked (`****`), exactly as `DescribeStacks` returns them.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// One deployed stack (a root stack or a nested one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeployedStack {
    /// The stack's ARN.
    pub stack_id: String,
    pub stack_name: String,
    pub region: String,
    /// `CREATE_COMPLETE`, `UPDATE_ROLLBACK_COMPLETE`, ...
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// Parameter values as deployed (`ResolvedValue` for SSM parameter types).
    #[serde(default)]
    pub parameters: BTreeMap<String, String>,
    #[serde(default)]
    pub outputs: BTreeMap<String, String>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// The processed template (transforms such as SAM expanded), as `GetTemplate` returns it.
    pub template: String,
    /// Every resource of the stack, sorted by logical id.
    #[serde(default)]
    pub resources: Vec<StackResource>,
    /// Nested stacks by the logical id of their `AWS::CloudFormation::Stack` resource.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub nested: BTreeMap<String, DeployedStack>,
}

/// One resource of a stack, from `ListStackResources`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StackResource {
    pub logical_id: String,
    /// Absent while a resource is being created or after a failed creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub physical_id: Option<String>,
    pub resource_type: String,
    pub status: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// `Fn::GetAtt` values of this resource that a Cognito or IAM resource of the stack uses
    /// and that do not follow from its physical id, as read by Cloud Control `GetResource`:
    /// attribute (`DomainName`, `Endpoint.Address`) -> value. Absent from older snapshots.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, String>,
    /// Those attributes that could not be read, and why (`GetResource` denied, the type not
    /// supported by Cloud Control, the property absent): attribute -> reason. They stay
    /// unknown in drift, with this reason.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes_unread: BTreeMap<String, String>,
}

impl DeployedStack {
    /// Whether the stack itself (not counting its nested stacks) holds a Cognito resource:
    /// the stacks drift compares, and whose roles and attributes the scan reads.
    pub fn holds_cognito_resource(&self) -> bool {
        self.resources
            .iter()
            .any(|r| r.resource_type.starts_with("AWS::Cognito::"))
    }

    /// Whether the stack or one of its nested stacks holds a Cognito resource.
    pub fn has_cognito_resource(&self) -> bool {
        self.holds_cognito_resource()
            || self
                .nested
                .values()
                .any(DeployedStack::has_cognito_resource)
    }

    /// Sorts resources (and nested stacks' resources) for deterministic output.
    pub fn normalize(&mut self) {
        self.resources.sort();
        for nested in self.nested.values_mut() {
            nested.normalize();
        }
    }
}

/// Whether a stack status means its template no longer describes what is live: a failed
/// operation or a rollback (CloudFormation's `StackStatus` values).
pub fn is_unhealthy_stack_status(status: &str) -> bool {
    status.ends_with("_FAILED") || status.contains("ROLLBACK") || status == "DELETE_COMPLETE"
}

/// Whether a resource status is a completed one (`CREATE_COMPLETE`, `UPDATE_COMPLETE`,
/// `IMPORT_COMPLETE`), i.e. the resource is what its template says.
pub fn is_complete_resource_status(status: &str) -> bool {
    matches!(
        status,
        "CREATE_COMPLETE" | "UPDATE_COMPLETE" | "IMPORT_COMPLETE"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stack(resources: &[(&str, &str)]) -> DeployedStack {
        DeployedStack {
            stack_id: "arn:aws:cloudformation:us-east-1:123456789012:stack/s/1".into(),
            stack_name: "s".into(),
            region: "us-east-1".into(),
            status: "CREATE_COMPLETE".into(),
            status_reason: None,
            parameters: BTreeMap::new(),
            outputs: BTreeMap::new(),
            tags: BTreeMap::new(),
            template: "{}".into(),
            resources: resources
                .iter()
                .map(|(l, t)| StackResource {
                    logical_id: l.to_string(),
                    physical_id: Some(format!("{l}-id")),
                    resource_type: t.to_string(),
                    status: "CREATE_COMPLETE".into(),
                    status_reason: None,
                    attributes: BTreeMap::new(),
                    attributes_unread: BTreeMap::new(),
                })
                .collect(),
            nested: BTreeMap::new(),
        }
    }

    #[test]
    fn cognito_resources_are_found_in_nested_stacks() {
        let mut root = stack(&[("Auth", "AWS::CloudFormation::Stack")]);
        assert!(!root.has_cognito_resource());
        root.nested
            .insert("Auth".into(), stack(&[("Pool", "AWS::Cognito::UserPool")]));
        assert!(root.has_cognito_resource());
    }

    #[test]
    fn statuses() {
        assert!(is_unhealthy_stack_status("UPDATE_ROLLBACK_COMPLETE"));
        assert!(is_unhealthy_stack_status("CREATE_FAILED"));
        assert!(is_unhealthy_stack_status("ROLLBACK_COMPLETE"));
        assert!(!is_unhealthy_stack_status("UPDATE_COMPLETE"));
        assert!(!is_unhealthy_stack_status("IMPORT_COMPLETE"));
        assert!(is_complete_resource_status("IMPORT_COMPLETE"));
        assert!(!is_complete_resource_status("UPDATE_FAILED"));
        assert!(!is_complete_resource_status("CREATE_IN_PROGRESS"));
    }
}
