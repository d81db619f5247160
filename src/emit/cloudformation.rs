//! `cogref emit cloudformation`: a CloudFormation template describing live Cognito resources
//! exactly, the `resources-to-import.json` of an IMPORT change set, and an `IMPORT.md` with the
//! commands to run and everything not carried over.
//!
//! Pure: a function of an [`IacScope`]. Every resource gets `DeletionPolicy: Retain` and
//! `UpdateReplacePolicy: Retain` (an import requires a deletion policy, and a stack must never
//! delete a pool full of users). Resources the template owns are linked with `Ref` /
//! `Fn::GetAtt`; everything else stays a literal id or ARN. Secrets are never written: a
//! confidential client says `GenerateSecret: true`, an identity-provider secret becomes a
//! `NoEcho` parameter.
//!
//! The resources and their properties come from the one snapshot -> CloudFormation mapping,
//! [`crate::cfn`], with [`Linking::Template`]; this file adds the template frame, the
//! import file and IMPORT.md.

mod yaml;

use super::iac::{omissions_markdown, IacScope};
use crate::cfn::{self, Linking, LogicalIds, Selection};
use serde_json::{json, Map, Value};

/// Serialization of the template file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplateFormat {
    Json,
    Yaml,
}

impl TemplateFormat {
    pub fn file_name(self) -> &'static str {
        match self {
            TemplateFormat::Json => "template.json",
            TemplateFormat::Yaml => "template.yaml",
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum CloudFormationError {
    #[error("serialising the template as JSON: {0}")]
    Json(#[from] serde_json::Error),
}

/// The files of `emit cloudformation`, by file name, in the order they are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CloudFormationFiles {
    pub files: Vec<(String, String)>,
}

/// The import identifier properties of each resource type (the `ResourceIdentifier` keys of
/// `--resources-to-import`). Source: `shared/reference/import-identifiers.json`, itself from the
/// `primaryIdentifier` of the cfn-lint 1.58.0 registry schemas.
/// `AWS::Cognito::IdentityPoolRoleAttachment` is identified by its read-only `Id`, which is the
/// identity pool id (unconfirmed; `IdentityPoolId` is its additional identifier);
/// `AWS::Cognito::LogDeliveryConfiguration` likewise by its read-only `Id`, taken to be the user
/// pool id (unconfirmed). `ManagedLoginBranding` and `IdentityPoolPrincipalTag` are not in the
/// reference file: their keys are the `primaryIdentifier` of their registry schemas. Whether
/// CloudFormation imports these five settings types at all is unconfirmed (each has a read
/// handler, which import needs); IMPORT.md says what to do if it refuses one.
pub const IMPORT_IDENTIFIERS: &[(&str, &[&str])] = &[
    ("AWS::Cognito::UserPool", &["UserPoolId"]),
    ("AWS::Cognito::UserPoolClient", &["UserPoolId", "ClientId"]),
    ("AWS::Cognito::UserPoolDomain", &["UserPoolId", "Domain"]),
    ("AWS::Cognito::UserPoolGroup", &["UserPoolId", "GroupName"]),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        &["UserPoolId", "ProviderName"],
    ),
    (
        "AWS::Cognito::UserPoolResourceServer",
        &["UserPoolId", "Identifier"],
    ),
    ("AWS::Cognito::IdentityPool", &["Id"]),
    ("AWS::Cognito::IdentityPoolRoleAttachment", &["Id"]),
    (
        "AWS::Cognito::UserPoolRiskConfigurationAttachment",
        &["UserPoolId", "ClientId"],
    ),
    (
        "AWS::Cognito::UserPoolUICustomizationAttachment",
        &["UserPoolId", "ClientId"],
    ),
    (
        "AWS::Cognito::ManagedLoginBranding",
        &["UserPoolId", "ManagedLoginBrandingId"],
    ),
    ("AWS::Cognito::LogDeliveryConfiguration", &["Id"]),
    (
        "AWS::Cognito::IdentityPoolPrincipalTag",
        &["IdentityPoolId", "IdentityProviderName"],
    ),
    ("AWS::IAM::Role", &["RoleName"]),
];

fn strings(v: &[String]) -> Value {
    Value::Array(v.iter().map(|s| Value::String(s.clone())).collect())
}

fn resource(ty: &str, props: Map<String, Value>, depends_on: Vec<String>) -> Value {
    let mut r = Map::new();
    r.insert("Type".into(), ty.into());
    r.insert("DeletionPolicy".into(), "Retain".into());
    r.insert("UpdateReplacePolicy".into(), "Retain".into());
    if !depends_on.is_empty() {
        let mut d = depends_on;
        d.sort();
        d.dedup();
        r.insert("DependsOn".into(), strings(&d));
    }
    r.insert("Properties".into(), Value::Object(props));
    Value::Object(r)
}

/// One entry of `resources-to-import.json`.
fn import_entry(ty: &str, logical: &str, identifier: &[(&'static str, String)]) -> Value {
    let keys = IMPORT_IDENTIFIERS
        .iter()
        .find(|(t, _)| *t == ty)
        .map(|(_, k)| *k)
        .unwrap_or(&[]);
    debug_assert_eq!(keys.len(), identifier.len(), "{ty}");
    let mut id = Map::new();
    for (k, v) in identifier {
        debug_assert!(keys.contains(k), "{ty} {k}");
        id.insert((*k).to_string(), Value::String(v.clone()));
    }
    json!({ "ResourceType": ty, "LogicalResourceId": logical, "ResourceIdentifier": id })
}

/// Builds the three files.
pub fn emit(
    scope: &IacScope,
    format: TemplateFormat,
) -> Result<CloudFormationFiles, CloudFormationError> {
    let selection = Selection {
        account_id: scope.account_id,
        user_pools: &scope.user_pools,
        identity_pools: &scope.identity_pools,
        roles: &scope.roles,
    };
    let mapped = cfn::resources(
        selection,
        &Linking::Template(Box::new(LogicalIds::assign(selection))),
    );
    let mut resources = Map::new();
    let mut imports = Vec::new();
    for r in mapped.resources {
        let Some(logical) = r.logical_id else {
            continue;
        };
        imports.push(import_entry(
            r.resource_type,
            &logical,
            &r.import_identifier,
        ));
        resources.insert(logical, resource(r.resource_type, r.props, r.depends_on));
    }
    let parameters = mapped.parameters;

    let mut template = Map::new();
    template.insert("AWSTemplateFormatVersion".into(), "2010-09-09".into());
    let account = scope.account_id.unwrap_or("unknown account");
    template.insert(
        "Description".into(),
        format!(
            "Amazon Cognito resources of {account} in {}, written by cogref for an IMPORT \
             change set",
            scope.region
        )
        .into(),
    );
    if !parameters.is_empty() {
        template.insert("Parameters".into(), Value::Object(parameters.clone()));
    }
    template.insert("Resources".into(), Value::Object(resources));
    let template = Value::Object(template);

    let rendered = match format {
        TemplateFormat::Json => {
            let mut s = serde_json::to_string_pretty(&template)?;
            s.push('\n');
            s
        }
        TemplateFormat::Yaml => yaml::to_string(&template),
    };
    imports.sort_by(|a, c| {
        a["LogicalResourceId"]
            .as_str()
            .cmp(&c["LogicalResourceId"].as_str())
    });
    let mut imports = serde_json::to_string_pretty(&Value::Array(imports))?;
    imports.push('\n');
    let params: Vec<String> = parameters.keys().cloned().collect();
    let md = import_markdown(scope, format, &params, rendered.len());
    Ok(CloudFormationFiles {
        files: vec![
            (format.file_name().to_string(), rendered),
            ("resources-to-import.json".to_string(), imports),
            ("IMPORT.md".to_string(), md),
        ],
    })
}

/// The largest template `--template-body` accepts; larger ones go through S3.
const TEMPLATE_BODY_LIMIT: usize = 51_200;

fn import_markdown(
    scope: &IacScope,
    format: TemplateFormat,
    params: &[String],
    template_len: usize,
) -> String {
    let file = format.file_name();
    let account = scope.account_id.unwrap_or("(unknown account)");
    let mut md = String::new();
    md.push_str("# Importing these Cognito resources into CloudFormation\n\n");
    md.push_str(&format!(
        "Written by `cogref emit cloudformation` for account {account}, region {}. `{file}` \
         describes the live resources as they are; `resources-to-import.json` names each one \
         for an IMPORT change set. Every resource has `DeletionPolicy: Retain` and \
         `UpdateReplacePolicy: Retain`: removing it from the stack later never deletes it.\n\n",
        scope.region
    ));
    md.push_str("## 1. Create the IMPORT change set\n\n");
    if template_len > TEMPLATE_BODY_LIMIT {
        md.push_str(&format!(
            "The template is {template_len} bytes, more than the {TEMPLATE_BODY_LIMIT} that \
             `--template-body` takes: upload it to S3 and pass `--template-url` instead.\n\n"
        ));
    }
    md.push_str("```sh\n");
    md.push_str("aws cloudformation create-change-set \\\n");
    md.push_str(&format!("  --region {} \\\n", scope.region));
    md.push_str("  --stack-name cognito \\\n");
    md.push_str("  --change-set-name cogref-import \\\n");
    md.push_str("  --change-set-type IMPORT \\\n");
    md.push_str(&format!("  --template-body file://{file} \\\n"));
    md.push_str("  --resources-to-import file://resources-to-import.json \\\n");
    if !params.is_empty() {
        md.push_str("  --parameters file://parameters.json \\\n");
    }
    md.push_str("  --capabilities CAPABILITY_NAMED_IAM\n");
    md.push_str("```\n\n");
    md.push_str(
        "Review it before executing: `aws cloudformation describe-change-set --stack-name \
         cognito --change-set-name cogref-import`. An existing stack works too: use its name \
         and add its own resources to the template.\n\n",
    );
    md.push_str("## 2. Execute it\n\n```sh\n");
    md.push_str(&format!(
        "aws cloudformation execute-change-set --region {} --stack-name cognito --change-set-name cogref-import\n",
        scope.region
    ));
    md.push_str("```\n\n");
    md.push_str(
        "Then run drift detection on the stack (or `cogref drift --desired TEMPLATE`): it \
         should report no differences.\n\n",
    );
    if !params.is_empty() {
        md.push_str("## Parameters (secrets)\n\n");
        md.push_str(
            "These `NoEcho` parameters stand for identity-provider secrets that cogref never \
             reads. Fill them in from your identity provider's console; an import does not \
             change the provider, but the next stack update writes the value you pass.\n\n",
        );
        md.push_str(
            "Write them to `parameters.json` (keep it out of version control), then pass it as \
             above:\n\n```json\n[\n",
        );
        for (i, p) in params.iter().enumerate() {
            let comma = if i + 1 < params.len() { "," } else { "" };
            md.push_str(&format!(
                "  {{ \"ParameterKey\": \"{p}\", \"ParameterValue\": \"...\" }}{comma}\n"
            ));
        }
        md.push_str("]\n```\n\n");
    }
    md.push_str("## Not carried over\n\n");
    md.push_str(&omissions_markdown(&scope.omissions()));
    if scope
        .identity_pools
        .iter()
        .any(|ip| !ip.roles.is_empty() || !ip.role_mappings.is_empty())
    {
        md.push_str(
        "- **IdentityPoolRoleAttachment**: identified by its `Id`, which cogref takes to be the \
         identity pool id (the registry schema's primary identifier is the read-only `Id`; \
         unconfirmed). If CloudFormation rejects it, import the identity pool first and let \
         the next update create the attachment.\n",
        );
    }
    if has_settings_resources(scope) {
        md.push_str(
            "- **Settings resources** (UserPoolRiskConfigurationAttachment, \
             UserPoolUICustomizationAttachment, ManagedLoginBranding, LogDeliveryConfiguration, \
             IdentityPoolPrincipalTag): each has a read handler, which an import needs, but \
             whether CloudFormation accepts them in an IMPORT change set is unconfirmed \
             (LogDeliveryConfiguration's `Id` is taken to be the user pool id). If it refuses \
             one, drop it from `resources-to-import.json` and the template, import the rest, then \
             add it back in a normal update: the risk, UI, log delivery and principal tag \
             resources are then created by writing the same configuration again (no change); a \
             ManagedLoginBranding cannot be created twice for one client, so delete the \
             existing style first or leave it out of the stack.\n",
        );
    }
    md
}

/// Whether the scope has a resource of one of the settings types.
fn has_settings_resources(scope: &IacScope) -> bool {
    scope.user_pools.iter().any(|p| {
        p.risk_configuration.is_some()
            || p.ui_customization.is_some()
            || !p.log_delivery.is_empty()
            || p.clients.iter().any(|c| {
                c.risk_configuration.is_some()
                    || c.ui_customization.is_some()
                    || c.managed_login_branding.is_some()
            })
    }) || scope
        .identity_pools
        .iter()
        .any(|ip| !ip.principal_tags.is_empty())
}
