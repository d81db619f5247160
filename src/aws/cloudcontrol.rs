//! Reading the attributes of non-Cognito resources of a deployed stack through the Cloud
//! Control API, for `scan --stack` / `--all-stacks`: only the resources whose attributes a
//! Cognito or IAM resource of the stack names with `Fn::GetAtt` and that cogref does not derive
//! from the physical id ([`crate::drift::stack::attributes_to_read`]); never every resource.
//!
//! `GetResource(TypeName, Identifier)` (identifier: the physical id, the primary identifier of
//! the type) returns `ResourceDescription {Identifier, Properties}`, `Properties` being the
//! resource model as a JSON string, read-only properties included (Cloud Control API reference,
//! https://docs.aws.amazon.com/cloudcontrolapi/latest/APIReference/API_GetResource.html).
//! `Fn::GetAtt RESOURCE.A.B` is the property at `/A/B`. IAM: `cloudformation:GetResource` (the
//! Cloud Control API's service prefix is `cloudformation`, Service Authorization Reference,
//! "Actions, resources, and condition keys for AWS Cloud Control API") plus the read
//! permissions of the type's own read handler, which Cloud Control calls with the caller's
//! credentials (see `operations::CLOUD_CONTROL_HANDLER_READS`).
//!
//! A read that fails (denied, a type Cloud Control does not support, a resource it cannot
//! find) is no scan error: it is listed in the snapshot's `not_read` (a warning), and the
//! attributes stay unknown, with the reason, recorded on the stack's resource so that drift
//! (also offline, from the snapshot) says why.

use super::scan::Ctx;
use crate::drift::stack::attributes_to_read;
use crate::model::DeployedStack;
use std::collections::{BTreeMap, BTreeSet};

/// Reads what [`attributes_to_read`] names for one stack (not its nested stacks: each is read
/// with its own record) and records it on the stack's resources.
pub(crate) async fn read_attributes(
    ctx: &Ctx,
    client: &aws_sdk_cloudcontrol::Client,
    stack: &mut DeployedStack,
) {
    for read in attributes_to_read(stack) {
        let resource = format!(
            "{} {} (stack {}, resource {})",
            read.resource_type, read.physical_id, stack.stack_name, read.logical_id
        );
        let answer = ctx
            .try_call("GetResource", || {
                client
                    .get_resource()
                    .type_name(&read.resource_type)
                    .identifier(&read.physical_id)
                    .send()
            })
            .await;
        let (found, unread) = match answer {
            Ok(out) => attributes_from(
                out.resource_description().and_then(|d| d.properties()),
                &read.attributes,
            ),
            Err((code, message)) => {
                // Listed as not read (a warning; the scan stays complete).
                ctx.not_read(
                    &resource,
                    "GetResource",
                    &code,
                    &format!("{message} (its attributes stay unknown in drift)"),
                );
                (
                    BTreeMap::new(),
                    read.attributes
                        .iter()
                        .map(|a| {
                            (
                                a.clone(),
                                format!("Cloud Control GetResource failed: {code}: {message}"),
                            )
                        })
                        .collect(),
                )
            }
        };
        if let Some(r) = stack
            .resources
            .iter_mut()
            .find(|r| r.logical_id == read.logical_id)
        {
            r.attributes = found;
            r.attributes_unread = unread;
        }
    }
}

/// The wanted attributes out of a `GetResource` model (`Properties`, a JSON string): values
/// found, and why each other one is not. A scalar is taken as CloudFormation gives it (a
/// string; a number or a boolean as its text); a list or an object is left unknown, as is an
/// absent property.
pub(crate) fn attributes_from(
    properties: Option<&str>,
    wanted: &BTreeSet<String>,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut found = BTreeMap::new();
    let mut unread = BTreeMap::new();
    let model: Option<serde_json::Value> = properties.and_then(|p| serde_json::from_str(p).ok());
    for attribute in wanted {
        let Some(model) = &model else {
            unread.insert(
                attribute.clone(),
                "Cloud Control GetResource returned no readable Properties".to_string(),
            );
            continue;
        };
        let value = attribute.split('.').try_fold(model, |v, key| v.get(key));
        match value {
            Some(serde_json::Value::String(s)) => {
                found.insert(attribute.clone(), s.clone());
            }
            Some(v @ (serde_json::Value::Number(_) | serde_json::Value::Bool(_))) => {
                found.insert(attribute.clone(), v.to_string());
            }
            Some(_) => {
                unread.insert(
                    attribute.clone(),
                    "Cloud Control GetResource returned a list or an object for it".to_string(),
                );
            }
            None => {
                unread.insert(
                    attribute.clone(),
                    format!(
                        "Cloud Control GetResource returned no property /{}",
                        attribute.replace('.', "/")
                    ),
                );
            }
        }
    }
    (found, unread)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wanted(names: &[&str]) -> BTreeSet<String> {
        names.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn attributes_are_property_paths_of_the_model() {
        let model = r#"{"Id": "EDFDVBD632BHDS5", "DomainName": "d111111abcdef8.cloudfront.net",
            "Endpoint": {"Address": "db.example.com", "Port": 5432},
            "Aliases": ["a.example.com"], "Enabled": true}"#;
        let (found, unread) = attributes_from(
            Some(model),
            &wanted(&[
                "DomainName",
                "Endpoint.Address",
                "Endpoint.Port",
                "Enabled",
                "Aliases",
                "Missing",
            ]),
        );
        assert_eq!(
            found,
            BTreeMap::from([
                (
                    "DomainName".to_string(),
                    "d111111abcdef8.cloudfront.net".to_string()
                ),
                ("Enabled".to_string(), "true".to_string()),
                ("Endpoint.Address".to_string(), "db.example.com".to_string()),
                ("Endpoint.Port".to_string(), "5432".to_string()),
            ])
        );
        assert_eq!(
            unread,
            BTreeMap::from([
                (
                    "Aliases".to_string(),
                    "Cloud Control GetResource returned a list or an object for it".to_string()
                ),
                (
                    "Missing".to_string(),
                    "Cloud Control GetResource returned no property /Missing".to_string()
                ),
            ])
        );
    }

    #[test]
    fn a_model_that_is_not_json_leaves_every_attribute_unknown() {
        let (found, unread) = attributes_from(Some("not json"), &wanted(&["Arn"]));
        assert!(found.is_empty());
        assert_eq!(
            unread["Arn"],
            "Cloud Control GetResource returned no readable Properties"
        );
        let (found, unread) = attributes_from(None, &wanted(&["Arn"]));
        assert!(found.is_empty());
        assert_eq!(unread.len(), 1);
    }
}
