//! `cogref emit cdk`: a TypeScript construct (`lib/existing-auth.ts`) that brings existing
//! Cognito resources into a CDK app, in one of two styles.
//!
//! - **reference**: `UserPool.fromUserPoolId`, `UserPoolClient.fromUserPoolClientId`,
//!   `IdentityPool.fromIdentityPoolId`, `Role.fromRoleArn` (immutable), exposed as typed
//!   readonly properties; ids literal, or read per branch from CDK context / the environment
//!   with the variable names of `emit reference-auth --env` and `emit env`. Creates nothing.
//! - **adopt**: the L1 constructs (`CfnUserPool`, ...) of exactly the template
//!   [`cloudformation::emit`] writes: same resources, properties and logical ids
//!   (`overrideLogicalId`), `RemovalPolicy.RETAIN`, identity-provider secrets as `noEcho`
//!   parameters; plus `resource-mapping.json` for `cdk import --resource-mapping`, the
//!   `resources-to-import.json` that `cogref drift --import-file` takes, and `IMPORT.md`.
//!
//! Pure: a function of an [`IacScope`]. Both styles name each resource's property after the
//! CloudFormation emitter's logical id, so switching style keeps the property names.

mod props;

pub use props::{camel_case, FREE_FORM};

use super::cloudformation::{self, CloudFormationError, TemplateFormat};
use super::iac::{omissions_markdown, IacScope};
use super::reference_auth::ts_string;
use props::{references, Names, Renderer};
use serde_json::{Map, Value};
use std::collections::{BTreeMap, BTreeSet};

/// Where the construct is written, relative to `--out`.
pub const CONSTRUCT_FILE: &str = "lib/existing-auth.ts";
/// The construct's class name.
pub const CLASS_NAME: &str = "ExistingAuth";
/// The `cdk import --resource-mapping` file of the adopt style.
pub const MAPPING_FILE: &str = "resource-mapping.json";

#[derive(Debug, thiserror::Error)]
pub enum CdkError {
    #[error(transparent)]
    CloudFormation(#[from] CloudFormationError),
    #[error("the CloudFormation emitter's {0} is not what emit cdk expects: {1}")]
    Template(&'static str, String),
    #[error("intrinsic function {0} with argument {1} has no CDK equivalent in emit cdk")]
    Intrinsic(String, String),
    #[error("resources refer to each other in a cycle: {}", .0.join(", "))]
    Cycle(Vec<String>),
    #[error("logical ids {0} and {1} map to the same TypeScript property {2}")]
    NameClash(String, String, String),
    #[error("--env: none of the selected resources is one of the combination's ({0})")]
    NothingFromEnv(String),
}

/// The files of `emit cdk`, by path relative to `--out`, in the order they are listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CdkFiles {
    pub files: Vec<(String, String)>,
}

/// Environment/context variables the reference style reads instead of literal ids: the
/// `(name, value)` pairs of `reference_auth::env_variables`, and their prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnvVariables {
    pub prefix: String,
    pub variables: Vec<(String, String)>,
}

/// The parts of the CloudFormation emitter's output this emitter builds on.
struct Template {
    resources: Map<String, Value>,
    parameters: Map<String, Value>,
    /// `resources-to-import.json`, as written.
    import_text: String,
    import: Vec<Value>,
}

impl Template {
    fn of(scope: &IacScope) -> Result<Template, CdkError> {
        let files = cloudformation::emit(scope, TemplateFormat::Json)?;
        let file = |name: &'static str| {
            files
                .files
                .iter()
                .find(|(n, _)| n == name)
                .map(|(_, text)| text.clone())
                .ok_or_else(|| CdkError::Template(name, "missing".into()))
        };
        let bad = |name: &'static str| {
            move |e: serde_json::Error| CdkError::Template(name, e.to_string())
        };
        let template: Value =
            serde_json::from_str(&file("template.json")?).map_err(bad("template.json"))?;
        let import_text = file("resources-to-import.json")?;
        let import: Vec<Value> =
            serde_json::from_str(&import_text).map_err(bad("resources-to-import.json"))?;
        let section = |key: &str| {
            template
                .get(key)
                .and_then(Value::as_object)
                .cloned()
                .unwrap_or_default()
        };
        Ok(Template {
            resources: section("Resources"),
            parameters: section("Parameters"),
            import_text,
            import,
        })
    }
}

/// The TypeScript property of a logical id: its first letter lower-cased.
fn property_name(logical: &str) -> String {
    let mut c = logical.chars();
    match c.next() {
        Some(f) => f.to_lowercase().chain(c).collect(),
        None => String::new(),
    }
}

/// `AWS::Cognito::UserPool` -> (`cognito`, `aws-cdk-lib/aws-cognito`, `CfnUserPool`).
fn l1_class(resource_type: &str) -> Result<(String, String, String), CdkError> {
    let parts: Vec<&str> = resource_type.split("::").collect();
    match parts.as_slice() {
        ["AWS", service, name] => {
            let module = service.to_lowercase();
            Ok((
                module.clone(),
                format!("aws-cdk-lib/aws-{module}"),
                format!("Cfn{name}"),
            ))
        }
        _ => Err(CdkError::Template(
            "template.json",
            format!("resource type {resource_type:?} is not AWS::SERVICE::NAME"),
        )),
    }
}

/// The logical ids of the resources `value` depends on, plus its `DependsOn`.
fn dependencies(resource: &Value, resources: &Map<String, Value>) -> BTreeSet<String> {
    let mut refs = Vec::new();
    if let Some(p) = resource.get("Properties") {
        references(p, &mut refs);
    }
    match resource.get("DependsOn") {
        Some(Value::String(s)) => refs.push(s.clone()),
        Some(Value::Array(a)) => refs.extend(a.iter().filter_map(|x| x.as_str().map(String::from))),
        _ => {}
    }
    refs.into_iter()
        .filter(|r| resources.contains_key(r))
        .collect()
}

/// Resources in an order where each comes after everything it refers to (ties by logical id).
fn creation_order(resources: &Map<String, Value>) -> Result<Vec<String>, CdkError> {
    let deps: BTreeMap<&str, BTreeSet<String>> = resources
        .iter()
        .map(|(k, v)| (k.as_str(), dependencies(v, resources)))
        .collect();
    let mut done: BTreeSet<String> = BTreeSet::new();
    let mut order = Vec::new();
    while order.len() < deps.len() {
        let next = deps
            .iter()
            .find(|(k, d)| !done.contains(**k) && d.iter().all(|x| done.contains(x)))
            .map(|(k, _)| k.to_string());
        match next {
            Some(k) => {
                done.insert(k.clone());
                order.push(k);
            }
            None => {
                return Err(CdkError::Cycle(
                    deps.keys()
                        .filter(|k| !done.contains(**k))
                        .map(|k| k.to_string())
                        .collect(),
                ))
            }
        }
    }
    Ok(order)
}

fn imports(modules: &BTreeMap<String, String>) -> String {
    let mut out = String::from("import * as cdk from 'aws-cdk-lib';\n");
    for (alias, path) in modules {
        out.push_str(&format!("import * as {alias} from '{path}';\n"));
    }
    out.push_str("import { Construct } from 'constructs';\n");
    out
}

/// The adopt style: L1 constructs of the CloudFormation emitter's template.
pub fn adopt(scope: &IacScope) -> Result<CdkFiles, CdkError> {
    let t = Template::of(scope)?;
    let mut names = Names::default();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for logical in t.resources.keys() {
        let prop = property_name(logical);
        if let Some(other) = seen.insert(prop.clone(), logical.clone()) {
            return Err(CdkError::NameClash(other, logical.clone(), prop));
        }
        names
            .resources
            .insert(logical.clone(), format!("this.{prop}"));
    }
    for name in t.parameters.keys() {
        names
            .parameters
            .insert(name.clone(), format!("{}Parameter", property_name(name)));
    }

    let mut modules = BTreeMap::new();
    let mut fields = String::new();
    let mut body = String::new();
    if !t.parameters.is_empty() {
        body.push_str("    // Secrets cogref never reads: pass them at deploy and import time\n    // (cdk deploy --parameters NAME=VALUE); never commit them.\n");
    }
    for (name, p) in &t.parameters {
        let r = Renderer {
            names: &names,
            resource_type: "AWS::CloudFormation::Parameter",
        };
        let props = r.props(&p.as_object().cloned().unwrap_or_default(), &[], 2)?;
        let var = &names.parameters[name];
        body.push_str(&format!(
            "    const {var} = new cdk.CfnParameter(this, {}, {props});\n    {var}.overrideLogicalId({});\n",
            ts_string(name),
            ts_string(name)
        ));
    }
    for logical in creation_order(&t.resources)? {
        let resource = &t.resources[&logical];
        let ty = resource
            .get("Type")
            .and_then(Value::as_str)
            .ok_or_else(|| CdkError::Template("template.json", format!("{logical} has no Type")))?;
        let (alias, path, class) = l1_class(ty)?;
        modules.insert(alias.clone(), path);
        let r = Renderer {
            names: &names,
            resource_type: ty,
        };
        let properties = resource
            .get("Properties")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        let props = r.props(&properties, &[], 2)?;
        let this = &names.resources[&logical];
        fields.push_str(&format!(
            "  readonly {}: {alias}.{class};\n",
            property_name(&logical)
        ));
        body.push_str(&format!(
            "    {this} = adopt(new {alias}.{class}(this, {}, {props}), {});\n",
            ts_string(&logical),
            ts_string(&logical)
        ));
        let explicit: BTreeSet<String> = match resource.get("DependsOn") {
            Some(Value::String(s)) => [s.clone()].into(),
            Some(Value::Array(a)) => a
                .iter()
                .filter_map(|x| x.as_str().map(String::from))
                .collect(),
            _ => BTreeSet::new(),
        };
        for d in explicit {
            if let Some(e) = names.resources.get(&d) {
                body.push_str(&format!("    {this}.addResourceDependency({e});\n"));
            }
        }
    }

    let account = scope.account_id.unwrap_or("(unknown account)");
    let mut ts = format!(
        "// Written by `cogref emit cdk --style adopt` from the Cognito resources of {account} in {}.\n\
         // The resources and settings of `cogref emit cloudformation`, as L1 constructs with the same\n\
         // logical ids, kept on delete (RemovalPolicy.RETAIN). Import them into a stack deployed to\n\
         // {} with `cdk import --resource-mapping {MAPPING_FILE}` (see IMPORT.md), then `cdk diff`.\n\
         // Instantiate it once per stack: the logical ids are fixed.\n",
        scope.region, scope.region
    );
    ts.push_str(&imports(&modules));
    ts.push_str(
        "\n/** Overrides the logical id with the imported one and keeps the resource on delete. */\n\
         function adopt<T extends cdk.CfnResource>(resource: T, logicalId: string): T {\n  \
         resource.overrideLogicalId(logicalId);\n  \
         resource.applyRemovalPolicy(cdk.RemovalPolicy.RETAIN);\n  \
         return resource;\n}\n\n",
    );
    ts.push_str(&format!(
        "export class {CLASS_NAME} extends Construct {{\n{fields}\n  constructor(scope: Construct, id: string) {{\n    super(scope, id);\n\n{body}  }}\n}}\n"
    ));

    let mapping: BTreeMap<String, Value> = t
        .import
        .iter()
        .filter_map(|e| {
            Some((
                e.get("LogicalResourceId")?.as_str()?.to_string(),
                e.get("ResourceIdentifier")?.clone(),
            ))
        })
        .collect();
    let mapping_text = serde_json::to_string_pretty(&mapping)
        .map_err(|e| CdkError::Template(MAPPING_FILE, e.to_string()))?
        + "\n";
    let md = import_markdown(scope, &t);
    Ok(CdkFiles {
        files: vec![
            (CONSTRUCT_FILE.to_string(), ts),
            (MAPPING_FILE.to_string(), mapping_text),
            ("resources-to-import.json".to_string(), t.import_text),
            ("IMPORT.md".to_string(), md),
        ],
    })
}

fn import_markdown(scope: &IacScope, t: &Template) -> String {
    let mut md = format!(
        "# Adopting the Cognito resources of {} into a CDK app\n\n\
         `{CONSTRUCT_FILE}` declares the resources `cogref emit cloudformation` writes, with the \
         same settings and logical ids, as L1 constructs kept on delete (`RemovalPolicy.RETAIN`). \
         `cdk import` adopts them into a stack without changing them.\n\n\
         ## 1. Add the construct to a stack\n\n\
         Copy `{CONSTRUCT_FILE}` into the CDK app and create it in a stack deployed to account \
         {} and region {} (one `{CLASS_NAME}` per stack: the logical ids are fixed):\n\n\
         ```ts\nnew {CLASS_NAME}(this, 'ExistingAuth');\n```\n\n\
         Nothing else may change in that stack during the import.\n\n\
         ## 2. Import\n\n\
         ```sh\n\
         npx cdk synth\n\
         npx cdk import --resource-mapping {MAPPING_FILE}\n\
         npx cdk diff      # expect no differences\n\
         ```\n\n\
         `{MAPPING_FILE}` maps each logical id to the identifier of the live resource. \
         `resources-to-import.json` holds the same for `cogref drift`:\n\n\
         ```sh\n\
         cogref drift --desired cdk.out/STACK.template.json --import-file resources-to-import.json\n\
         ```\n\n",
        scope.region,
        scope.account_id.unwrap_or("(unknown)"),
        scope.region,
    );
    if !t.parameters.is_empty() {
        md.push_str(
            "## Parameters (secrets)\n\n\
             These `noEcho` parameters stand for identity-provider secrets that cogref never \
             reads. Give each a value at every deploy (`cdk deploy --parameters NAME=VALUE`); \
             an import does not change the provider, but the next deploy writes the value you pass.\n\n",
        );
        for (name, p) in &t.parameters {
            let description = p.get("Description").and_then(Value::as_str).unwrap_or("");
            md.push_str(&format!("- `{name}`: {description}\n"));
        }
        md.push('\n');
    }
    md.push_str("## Not carried over\n\n");
    md.push_str(&omissions_markdown(&scope.omissions()));
    md
}

/// One resource the reference style brings in.
struct Referenced {
    logical: String,
    kind: Kind,
    /// Id, or ARN for roles.
    physical: String,
}

#[derive(Clone, Copy)]
enum Kind {
    UserPool,
    Client,
    IdentityPool,
    Role,
}

impl Kind {
    fn of(resource_type: &str) -> Option<Kind> {
        Some(match resource_type {
            "AWS::Cognito::UserPool" => Kind::UserPool,
            "AWS::Cognito::UserPoolClient" => Kind::Client,
            "AWS::Cognito::IdentityPool" => Kind::IdentityPool,
            "AWS::IAM::Role" => Kind::Role,
            _ => return None,
        })
    }

    /// (TypeScript type, expression creating the reference from `id` and `value`).
    fn code(self, id: &str, value: &str) -> (&'static str, String) {
        let id = ts_string(id);
        match self {
            Kind::UserPool => (
                "cognito.IUserPool",
                format!("cognito.UserPool.fromUserPoolId(this, {id}, {value})"),
            ),
            Kind::Client => (
                "cognito.IUserPoolClient",
                format!("cognito.UserPoolClient.fromUserPoolClientId(this, {id}, {value})"),
            ),
            Kind::IdentityPool => (
                "identitypool.IIdentityPool",
                format!("identitypool.IdentityPool.fromIdentityPoolId(this, {id}, {value})"),
            ),
            Kind::Role => (
                "iam.IRole",
                format!("iam.Role.fromRoleArn(this, {id}, {value}, {{ mutable: false }})"),
            ),
        }
    }
}

fn referenced(scope: &IacScope, t: &Template) -> Vec<Referenced> {
    let mut out = Vec::new();
    for e in &t.import {
        let field = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or_default();
        let id = |k: &str| {
            e.get("ResourceIdentifier")
                .and_then(|i| i.get(k))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let Some(kind) = Kind::of(field("ResourceType")) else {
            continue;
        };
        let physical = match kind {
            Kind::UserPool => id("UserPoolId"),
            Kind::Client => id("ClientId"),
            Kind::IdentityPool => id("Id"),
            Kind::Role => id("RoleName").and_then(|name| {
                scope
                    .roles
                    .iter()
                    .find(|r| r.name == name)
                    .map(|r| r.arn.clone())
            }),
        };
        if let Some(physical) = physical {
            out.push(Referenced {
                logical: field("LogicalResourceId").to_string(),
                kind,
                physical,
            });
        }
    }
    out
}

/// The reference style: `from*` references, literal or read from context / environment.
pub fn reference(scope: &IacScope, env: Option<&EnvVariables>) -> Result<CdkFiles, CdkError> {
    let t = Template::of(scope)?;
    let mut fields = String::new();
    let mut body = String::new();
    let mut count = 0;
    for r in referenced(scope, &t) {
        let value = match env {
            None => ts_string(&r.physical),
            Some(env) => match env.variables.iter().find(|(_, v)| *v == r.physical) {
                Some((name, _)) => format!("setting(this, {})", ts_string(name)),
                None => continue,
            },
        };
        let prop = property_name(&r.logical);
        let (ty, code) = r.kind.code(&r.logical, &value);
        fields.push_str(&format!("  readonly {prop}: {ty};\n"));
        body.push_str(&format!("    this.{prop} = {code};\n"));
        count += 1;
    }
    if count == 0 {
        let names: Vec<&str> = env
            .map(|e| e.variables.iter().map(|(n, _)| n.as_str()).collect())
            .unwrap_or_default();
        return Err(CdkError::NothingFromEnv(names.join(", ")));
    }
    let mut ts = match env {
        None => format!(
            "// Written by `cogref emit cdk --style reference` from the Cognito resources of {} in {}.\n\
             // References only: synthesizing this creates, changes and deletes nothing.\n",
            scope.account_id.unwrap_or("(unknown account)"),
            scope.region
        ),
        Some(e) => format!(
            "// Written by `cogref emit cdk --style reference --env {p}`.\n\
             // References only: synthesizing this creates, changes and deletes nothing.\n\
             // Every id and ARN comes per branch from CDK context (`cdk deploy -c NAME=VALUE`) or,\n\
             // failing that, the environment variable of the same name; `cogref emit env --prefix {p}`\n\
             // writes them.\n",
            p = e.prefix
        ),
    };
    ts.push_str(
        "import * as cognito from 'aws-cdk-lib/aws-cognito';\n\
         import * as identitypool from 'aws-cdk-lib/aws-cognito-identitypool';\n\
         import * as iam from 'aws-cdk-lib/aws-iam';\n\
         import { Construct } from 'constructs';\n",
    );
    if let Some(e) = env {
        ts.push_str(&format!(
            "\n/** A setting from CDK context, else the environment; a missing one stops the synth. */\n\
             function setting(scope: Construct, name: string): string {{\n  \
             const value: unknown = scope.node.tryGetContext(name) ?? process.env[name];\n  \
             if (typeof value !== 'string' || value === '') {{\n    \
             throw new Error(`${{name}} is not set: pass -c ${{name}}=VALUE to cdk or set the environment variable (cogref emit env --prefix {} writes it)`);\n  \
             }}\n  \
             return value;\n}}\n",
            e.prefix
        ));
    }
    ts.push_str(&format!(
        "\nexport class {CLASS_NAME} extends Construct {{\n{fields}\n  constructor(scope: Construct, id: string) {{\n    super(scope, id);\n{body}  }}\n}}\n"
    ));
    Ok(CdkFiles {
        files: vec![(CONSTRUCT_FILE.to_string(), ts)],
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn creation_order_puts_targets_first_and_refuses_cycles() {
        let r = json!({
            "B": {"Type": "AWS::X::Y", "Properties": {"P": {"Ref": "A"}}},
            "A": {"Type": "AWS::X::Y", "Properties": {}},
            "C": {"Type": "AWS::X::Y", "DependsOn": "B"},
        });
        let order = creation_order(r.as_object().unwrap()).unwrap();
        assert_eq!(order, vec!["A", "B", "C"]);
        let cycle = json!({
            "A": {"Type": "AWS::X::Y", "Properties": {"P": {"Fn::GetAtt": ["B", "Arn"]}}},
            "B": {"Type": "AWS::X::Y", "Properties": {"P": {"Ref": "A"}}},
        });
        assert!(matches!(
            creation_order(cycle.as_object().unwrap()),
            Err(CdkError::Cycle(ids)) if ids == vec!["A", "B"]
        ));
    }

    #[test]
    fn l1_classes_follow_the_type_name() {
        assert_eq!(
            l1_class("AWS::IAM::ManagedPolicy").unwrap(),
            (
                "iam".to_string(),
                "aws-cdk-lib/aws-iam".to_string(),
                "CfnManagedPolicy".to_string()
            )
        );
        assert!(l1_class("Custom::Thing").is_err());
    }
}
