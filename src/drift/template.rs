//! Reading a CloudFormation template (JSON, or YAML with short-form tags such as `!Ref`,
//! `!Sub`, `!GetAtt`), including CDK and Amplify synthesized ones, and evaluating the
//! intrinsic functions drift can evaluate.
//!
//! Values that cannot be known offline (`Fn::ImportValue`, parameters without a default,
//! `Fn::If` on a condition that cannot be evaluated, a `Ref` to a resource that matched no live
//! one, dynamic references...) become an *unknown* marker `{"$unknown": "why"}`, which drift
//! reports as `value-unknown`, never as drift. `Ref`/`Fn::GetAtt` to a matched resource resolve
//! to the live id or attribute; `AWS::Region`, `AWS::AccountId` and `AWS::Partition` come from
//! the live snapshot.
//!
//! Duplicate keys are an error in both formats (CloudFormation rejects them), as are tabs in
//! YAML indentation; errors give the line and column.

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The key of the unknown marker.
pub const UNKNOWN_KEY: &str = "$unknown";
/// The key of the `AWS::NoValue` marker (removed from the enclosing object or list).
pub const NO_VALUE_KEY: &str = "$novalue";

/// Why a value is unknown, when it is (or contains) an unknown marker.
pub fn is_unknown(v: &Value) -> Option<String> {
    match v {
        Value::Object(m) => {
            if m.len() == 1 {
                if let Some(reason) = m.get(UNKNOWN_KEY) {
                    return Some(reason.as_str().unwrap_or("unknown").to_string());
                }
            }
            m.values().find_map(is_unknown)
        }
        Value::Array(a) => a.iter().find_map(is_unknown),
        _ => None,
    }
}

fn unknown(reason: impl Into<String>) -> Value {
    json!({ UNKNOWN_KEY: reason.into() })
}

fn is_no_value(v: &Value) -> bool {
    matches!(v, Value::Object(m) if m.len() == 1 && m.contains_key(NO_VALUE_KEY))
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum TemplateError {
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("invalid YAML at line {line}, column {column}: {message}")]
    Yaml {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("invalid YAML: {0}")]
    YamlNoPosition(String),
    #[error("{0}")]
    Invalid(String),
}

/// Parses JSON (when the text starts with `{`) or YAML into a JSON value; YAML short-form tags
/// become their long form (`!Ref x` -> `{"Ref": "x"}`, `!Sub s` -> `{"Fn::Sub": s}`).
pub fn parse_document(text: &str) -> Result<Value, TemplateError> {
    if text.trim_start().starts_with('{') {
        let mut de = serde_json::Deserializer::from_str(text);
        let strict = StrictJson::deserialize(&mut de)
            .and_then(|v| de.end().map(|_| v))
            .map_err(|e| TemplateError::Json {
                line: e.line(),
                column: e.column(),
                message: strip_position(&e.to_string()),
            })?;
        return Ok(strict.0);
    }
    let yaml: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| match e.location() {
        Some(loc) => TemplateError::Yaml {
            line: loc.line(),
            column: loc.column(),
            message: strip_position(&e.to_string()),
        },
        None => TemplateError::YamlNoPosition(e.to_string()),
    })?;
    yaml_to_json(yaml)
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

fn yaml_to_json(v: serde_yaml::Value) -> Result<Value, TemplateError> {
    use serde_yaml::Value as Y;
    Ok(match v {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => {
            if let Some(i) = n.as_i64() {
                json!(i)
            } else if let Some(u) = n.as_u64() {
                json!(u)
            } else {
                n.as_f64().map(|f| json!(f)).unwrap_or(Value::Null)
            }
        }
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(
            items
                .into_iter()
                .map(yaml_to_json)
                .collect::<Result<_, _>>()?,
        ),
        Y::Mapping(m) => {
            let mut out = Map::new();
            for (k, v) in m {
                let key = match k {
                    Y::String(s) => s,
                    Y::Number(n) => n.to_string(),
                    Y::Bool(b) => b.to_string(),
                    other => {
                        return Err(TemplateError::Invalid(format!(
                            "unsupported YAML mapping key {other:?}"
                        )))
                    }
                };
                out.insert(key, yaml_to_json(v)?);
            }
            Value::Object(out)
        }
        Y::Tagged(t) => {
            let tag = t.tag.to_string();
            let name = tag.trim_start_matches('!');
            let key = match name {
                "Ref" | "Condition" => name.to_string(),
                other => format!("Fn::{other}"),
            };
            let mut inner = yaml_to_json(t.value)?;
            // `!GetAtt A.B` is the string form; the long form takes a list.
            if key == "Fn::GetAtt" {
                if let Value::String(s) = &inner {
                    if let Some((a, b)) = s.split_once('.') {
                        inner = json!([a, b]);
                    }
                }
            }
            json!({ key: inner })
        }
    })
}

/// A JSON value that refuses duplicate object keys.
struct StrictJson(Value);

impl<'de> Deserialize<'de> for StrictJson {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(StrictVisitor).map(StrictJson)
    }
}

struct StrictVisitor;

impl<'de> Visitor<'de> for StrictVisitor {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(json!(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(json!(v))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(json!(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        while let Some(StrictJson(v)) = seq.next_element()? {
            out.push(v);
        }
        Ok(Value::Array(out))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if out.contains_key(&key) {
                return Err(de::Error::custom(format!("duplicate key {key:?}")));
            }
            let StrictJson(v) = map.next_value()?;
            out.insert(key, v);
        }
        Ok(Value::Object(out))
    }
}

/// One resource of a template.
#[derive(Debug, Clone)]
pub struct TemplateResource {
    pub logical_id: String,
    pub resource_type: String,
    pub properties: Value,
    pub condition: Option<String>,
}

/// The parts of a template drift uses.
#[derive(Debug, Clone, Default)]
pub struct Template {
    pub parameters: Map<String, Value>,
    pub conditions: Map<String, Value>,
    pub mappings: Map<String, Value>,
    pub resources: Vec<TemplateResource>,
}

impl Template {
    /// Reads the sections of a parsed template; `Resources` is required.
    pub fn from_value(doc: &Value) -> Result<Template, TemplateError> {
        let section = |name: &str| -> Result<Map<String, Value>, TemplateError> {
            match doc.get(name) {
                None | Some(Value::Null) => Ok(Map::new()),
                Some(Value::Object(m)) => Ok(m.clone()),
                Some(_) => Err(TemplateError::Invalid(format!("`{name}` is not a mapping"))),
            }
        };
        let resources_map =
            match doc.get("Resources") {
                Some(Value::Object(m)) => m,
                _ => return Err(TemplateError::Invalid(
                    "not a CloudFormation template (no `Resources` mapping) nor a cogref snapshot \
                     (no `schema_version`)"
                        .into(),
                )),
            };
        let mut resources = Vec::new();
        for (logical_id, r) in resources_map {
            let resource_type = r
                .get("Type")
                .and_then(Value::as_str)
                .ok_or_else(|| TemplateError::Invalid(format!("resource {logical_id}: no `Type`")))?
                .to_string();
            let properties = r.get("Properties").cloned().unwrap_or_else(|| json!({}));
            if !properties.is_object() {
                return Err(TemplateError::Invalid(format!(
                    "resource {logical_id}: `Properties` is not a mapping"
                )));
            }
            resources.push(TemplateResource {
                logical_id: logical_id.clone(),
                resource_type,
                properties,
                condition: r
                    .get("Condition")
                    .and_then(Value::as_str)
                    .map(str::to_string),
            });
        }
        for r in &resources {
            check_resource_type(&r.logical_id, &r.resource_type)?;
        }
        check_no_cycle(resources_map)?;
        Ok(Template {
            parameters: section("Parameters")?,
            conditions: section("Conditions")?,
            mappings: section("Mappings")?,
            resources,
        })
    }
}

/// Every `AWS::Cognito::*` type CloudFormation has. Source: the CloudFormation registry schemas
/// vendored in shared/reference/cfn-schemas/ (from cfn-lint 1.58.0, schema date 2026-10-20).
const COGNITO_TYPES: &[&str] = &[
    "IdentityPool",
    "IdentityPoolPrincipalTag",
    "IdentityPoolRoleAttachment",
    "LogDeliveryConfiguration",
    "ManagedLoginBranding",
    "Terms",
    "UserPool",
    "UserPoolClient",
    "UserPoolDomain",
    "UserPoolGroup",
    "UserPoolIdentityProvider",
    "UserPoolRegionalConfigurationAttachment",
    "UserPoolReplica",
    "UserPoolResourceServer",
    "UserPoolRiskConfigurationAttachment",
    "UserPoolUICustomizationAttachment",
    "UserPoolUser",
    "UserPoolUserToGroupAttachment",
];

/// A resource type must look like `PROVIDER::SERVICE::RESOURCE` (or `Custom::NAME`); other
/// services' types are skipped by drift, but an `AWS::Cognito::` type CloudFormation does not
/// have is a mistake in the template, reported as such (CloudFormation would reject it).
fn check_resource_type(logical_id: &str, t: &str) -> Result<(), TemplateError> {
    let word = |w: &str| !w.is_empty() && w.bytes().all(|b| b.is_ascii_alphanumeric());
    let parts: Vec<&str> = t.split("::").collect();
    let well_formed = match parts.as_slice() {
        ["Custom", name] => word(name),
        [provider, service, resource] => word(provider) && word(service) && word(resource),
        [provider, service, resource, "MODULE"] => {
            word(provider) && word(service) && word(resource)
        }
        _ => false,
    };
    if !well_formed {
        return Err(TemplateError::Invalid(format!(
            "resource {logical_id}: `Type` {t:?} is not a resource type (PROVIDER::SERVICE::RESOURCE)"
        )));
    }
    if let ["AWS", "Cognito", resource] = parts.as_slice() {
        if !COGNITO_TYPES.contains(resource) {
            return Err(TemplateError::Invalid(format!(
                "resource {logical_id}: unknown resource type {t} (CloudFormation has no such Cognito type)"
            )));
        }
    }
    Ok(())
}

/// The logical ids a resource depends on: `Ref`, `Fn::GetAtt`, `${...}` in `Fn::Sub`, and
/// `DependsOn`, restricted to resources of the template.
fn dependencies(resource: &Value, ids: &Map<String, Value>) -> BTreeSet<String> {
    fn walk(v: &Value, ids: &Map<String, Value>, out: &mut BTreeSet<String>) {
        match v {
            Value::Object(m) => {
                for (k, x) in m {
                    match (k.as_str(), x) {
                        ("Ref", Value::String(name)) if ids.contains_key(name) => {
                            out.insert(name.clone());
                        }
                        ("Fn::GetAtt", Value::Array(a)) => {
                            if let Some(Value::String(name)) = a.first() {
                                if ids.contains_key(name) {
                                    out.insert(name.clone());
                                }
                            }
                        }
                        ("Fn::GetAtt", Value::String(s)) => {
                            let name = s.split('.').next().unwrap_or_default();
                            if ids.contains_key(name) {
                                out.insert(name.to_string());
                            }
                        }
                        ("Fn::Sub", sub) => {
                            let (text, vars) = match sub {
                                Value::String(t) => (Some(t.as_str()), None),
                                Value::Array(a) => (a.first().and_then(Value::as_str), a.get(1)),
                                _ => (None, None),
                            };
                            if let Some(text) = text {
                                for name in sub_references(text) {
                                    let shadowed = vars
                                        .and_then(Value::as_object)
                                        .is_some_and(|v| v.contains_key(&name));
                                    if !shadowed && ids.contains_key(&name) {
                                        out.insert(name);
                                    }
                                }
                            }
                            if let Some(v) = vars {
                                walk(v, ids, out);
                            }
                        }
                        _ => walk(x, ids, out),
                    }
                }
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, ids, out)),
            _ => {}
        }
    }
    let mut out = BTreeSet::new();
    if let Some(p) = resource.get("Properties") {
        walk(p, ids, &mut out);
    }
    match resource.get("DependsOn") {
        Some(Value::String(d)) if ids.contains_key(d) => {
            out.insert(d.clone());
        }
        Some(Value::Array(a)) => out.extend(
            a.iter()
                .filter_map(Value::as_str)
                .filter(|d| ids.contains_key(*d))
                .map(str::to_string),
        ),
        _ => {}
    }
    out
}

/// Names referenced as `${Name}` or `${Name.Attr}` in a `Fn::Sub` string (`${!x}` is literal).
fn sub_references(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(i) = rest.find("${") {
        rest = &rest[i + 2..];
        let Some(end) = rest.find('}') else { break };
        let inner = &rest[..end];
        if !inner.starts_with('!') {
            names.push(inner.split('.').next().unwrap_or_default().to_string());
        }
        rest = &rest[end + 1..];
    }
    names
}

/// CloudFormation refuses a template whose resources depend on each other in a circle; so does
/// cogref, naming the circle.
fn check_no_cycle(resources: &Map<String, Value>) -> Result<(), TemplateError> {
    let graph: BTreeMap<&str, BTreeSet<String>> = resources
        .iter()
        .map(|(id, r)| (id.as_str(), dependencies(r, resources)))
        .collect();
    // Iterative depth-first search with colours: 1 = on the current path, 2 = done.
    let mut colour: BTreeMap<&str, u8> = BTreeMap::new();
    for start in graph.keys() {
        if colour.contains_key(start) {
            continue;
        }
        let mut stack: Vec<(&str, Vec<&str>)> =
            vec![(start, graph[start].iter().map(String::as_str).collect())];
        colour.insert(start, 1);
        while let Some((node, pending)) = stack.last_mut() {
            let node = *node;
            match pending.pop() {
                None => {
                    colour.insert(node, 2);
                    stack.pop();
                }
                Some(next) => match colour.get(next) {
                    Some(1) => {
                        let mut path: Vec<&str> = stack.iter().map(|(n, _)| *n).collect();
                        let from = path.iter().position(|n| *n == next).unwrap_or(0);
                        path.drain(..from);
                        path.push(next);
                        return Err(TemplateError::Invalid(format!(
                            "circular dependency between resources: {}",
                            path.join(" -> ")
                        )));
                    }
                    Some(_) => {}
                    None => {
                        colour.insert(next, 1);
                        let deps = graph
                            .get(next)
                            .map(|d| d.iter().map(String::as_str).collect())
                            .unwrap_or_default();
                        stack.push((next, deps));
                    }
                },
            }
        }
    }
    Ok(())
}

/// What a `Ref` and `Fn::GetAtt` to a matched resource give.
#[derive(Debug, Clone, Default)]
pub struct RefTarget {
    pub ref_value: String,
    pub attributes: BTreeMap<String, String>,
    /// Attributes known to be unreadable, and why (a denied or unsupported read): their
    /// `Fn::GetAtt` stays unknown with that reason.
    pub unread: BTreeMap<String, String>,
}

/// Evaluates intrinsic functions against what is known: parameters, pseudo parameters from
/// the live snapshot, and matched resources.
pub struct Resolver<'a> {
    pub template: &'a Template,
    /// `--parameter NAME=VALUE` overrides, used before a parameter's `Default`.
    pub overrides: &'a BTreeMap<String, String>,
    pub region: Option<String>,
    pub account_id: Option<String>,
    /// Matched resources by logical id.
    pub targets: BTreeMap<String, RefTarget>,
    /// Pseudo parameters known beyond region, account and partition (a deployed stack's
    /// `AWS::StackName` and `AWS::StackId`).
    pub pseudo: BTreeMap<String, String>,
}

const MAX_DEPTH: usize = 64;

impl Resolver<'_> {
    pub fn resolve(&self, v: &Value) -> Value {
        self.resolve_at(v, 0)
    }

    fn resolve_at(&self, v: &Value, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return unknown("intrinsic functions nested too deeply");
        }
        match v {
            Value::Object(m) if m.len() == 1 => {
                let (k, arg) = m
                    .iter()
                    .next()
                    .map(|(k, a)| (k.as_str(), a))
                    .unwrap_or(("", v));
                match k {
                    "Ref" => match arg.as_str() {
                        Some(name) => self.reference(name),
                        None => unknown("Ref to a non-string"),
                    },
                    "Fn::GetAtt" => self.get_att(arg, depth),
                    "Fn::Sub" => self.sub(arg, depth),
                    "Fn::Join" => self.join(arg, depth),
                    "Fn::Select" => self.select(arg, depth),
                    "Fn::Split" => self.split(arg, depth),
                    "Fn::If" => self.if_(arg, depth),
                    "Fn::FindInMap" => self.find_in_map(arg, depth),
                    "Fn::ImportValue" => {
                        let name = self.resolve_at(arg, depth + 1);
                        match name.as_str() {
                            Some(n) => {
                                unknown(format!("Fn::ImportValue {n} (another stack's export)"))
                            }
                            None => unknown("Fn::ImportValue (another stack's export)"),
                        }
                    }
                    other if other.starts_with("Fn::") => {
                        unknown(format!("{other} is not evaluated by cogref"))
                    }
                    _ => self.resolve_object(m, depth),
                }
            }
            Value::Object(m) => self.resolve_object(m, depth),
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|i| self.resolve_at(i, depth + 1))
                    .filter(|i| !is_no_value(i))
                    .collect(),
            ),
            Value::String(s) if s.contains("{{resolve:") => {
                unknown("dynamic reference {{resolve:...}} (resolved only at deploy time)")
            }
            other => other.clone(),
        }
    }

    fn resolve_object(&self, m: &Map<String, Value>, depth: usize) -> Value {
        let mut out = Map::new();
        for (k, v) in m {
            let r = self.resolve_at(v, depth + 1);
            if !is_no_value(&r) {
                out.insert(k.clone(), r);
            }
        }
        Value::Object(out)
    }

    /// `Ref NAME`: a pseudo parameter, a parameter or a resource.
    pub fn reference(&self, name: &str) -> Value {
        match name {
            "AWS::NoValue" => return json!({ NO_VALUE_KEY: true }),
            "AWS::Region" => {
                return self.region.as_ref().map(|r| json!(r)).unwrap_or_else(|| {
                    unknown("AWS::Region (the live snapshot spans several regions)")
                })
            }
            "AWS::AccountId" => {
                return self
                    .account_id
                    .as_ref()
                    .map(|a| json!(a))
                    .unwrap_or_else(|| unknown("AWS::AccountId (not in the live snapshot)"))
            }
            "AWS::Partition" => {
                return match &self.region {
                    Some(r) => json!(super::live::partition_of(r)),
                    None => json!("aws"),
                }
            }
            "AWS::URLSuffix" => {
                return match &self.region {
                    Some(r) if r.starts_with("cn-") => json!("amazonaws.com.cn"),
                    _ => json!("amazonaws.com"),
                }
            }
            n if n.starts_with("AWS::") => {
                return match self.pseudo.get(n) {
                    Some(v) => json!(v),
                    None => unknown(format!("{n} (known only to the stack)")),
                }
            }
            _ => {}
        }
        if let Some(p) = self.template.parameters.get(name) {
            let ptype = p.get("Type").and_then(Value::as_str).unwrap_or("String");
            let raw = match self.overrides.get(name) {
                Some(v) => json!(v),
                None if ptype.starts_with("AWS::SSM::Parameter::Value") => {
                    return unknown(format!("parameter {name} is read from SSM at deploy time"))
                }
                None => match p.get("Default") {
                    Some(d) => d.clone(),
                    None => {
                        return unknown(format!(
                            "parameter {name} has no default (pass --parameter {name}=VALUE)"
                        ))
                    }
                },
            };
            if ptype == "CommaDelimitedList" || ptype.starts_with("List<") {
                if let Some(s) = raw.as_str() {
                    return Value::Array(s.split(',').map(|x| json!(x.trim())).collect());
                }
            }
            return match raw {
                Value::Number(n) => json!(n.to_string()),
                other => other,
            };
        }
        if let Some(t) = self.targets.get(name) {
            return json!(t.ref_value);
        }
        if self.template.resources.iter().any(|r| r.logical_id == name) {
            return unknown(format!("Ref {name}: {}", self.why_not_resolved(name)));
        }
        unknown(format!("Ref to {name}, which the template does not define"))
    }

    /// Why a resource of the template has no known id or attributes.
    fn why_not_resolved(&self, logical_id: &str) -> String {
        match self
            .template
            .resources
            .iter()
            .find(|r| r.logical_id == logical_id)
        {
            Some(r) if r.resource_type == "AWS::IAM::Role" => {
                "that role matched no live role (name it with --map LOGICAL_ID=ROLE_NAME)".into()
            }
            Some(r) if super::ResourceType::from_cfn(&r.resource_type).is_none() => format!(
                "a {} of the template, not read by cogref (its id is known only to the stack)",
                r.resource_type
            ),
            Some(_) => "that resource matched no live resource".into(),
            None => "the template does not define that resource".into(),
        }
    }

    fn get_att(&self, arg: &Value, depth: usize) -> Value {
        let (resource, attribute) = match arg {
            Value::String(s) => match s.split_once('.') {
                Some((a, b)) => (a.to_string(), json!(b)),
                None => return unknown(format!("Fn::GetAtt {s}: expected RESOURCE.ATTRIBUTE")),
            },
            Value::Array(items) if items.len() == 2 => match items[0].as_str() {
                Some(a) => (a.to_string(), self.resolve_at(&items[1], depth + 1)),
                None => return unknown("Fn::GetAtt with a non-string resource"),
            },
            _ => return unknown("malformed Fn::GetAtt"),
        };
        let Some(attribute) = attribute.as_str() else {
            return unknown(format!(
                "Fn::GetAtt {resource}: attribute cannot be evaluated"
            ));
        };
        match self.targets.get(&resource) {
            Some(t) => match (t.attributes.get(attribute), t.unread.get(attribute)) {
                (Some(v), _) => json!(v),
                (None, Some(why)) => unknown(format!("Fn::GetAtt {resource}.{attribute}: {why}")),
                (None, None) => unknown(format!(
                    "Fn::GetAtt {resource}.{attribute} (not read by cogref)"
                )),
            },
            None => unknown(format!(
                "Fn::GetAtt {resource}.{attribute}: {}",
                self.why_not_resolved(&resource)
            )),
        }
    }

    fn sub(&self, arg: &Value, depth: usize) -> Value {
        let (text, vars) = match arg {
            Value::String(s) => (s.as_str(), None),
            Value::Array(items) if items.len() == 2 => match (&items[0], &items[1]) {
                (Value::String(s), Value::Object(m)) => (s.as_str(), Some(m)),
                _ => return unknown("malformed Fn::Sub"),
            },
            _ => return unknown("malformed Fn::Sub"),
        };
        let mut out = String::new();
        let mut rest = text;
        while let Some(start) = rest.find("${") {
            out.push_str(&rest[..start]);
            let after = &rest[start + 2..];
            let Some(end) = after.find('}') else {
                out.push_str(&rest[start..]);
                rest = "";
                break;
            };
            let name = &after[..end];
            rest = &after[end + 1..];
            if let Some(literal) = name.strip_prefix('!') {
                out.push_str("${");
                out.push_str(literal);
                out.push('}');
                continue;
            }
            let value = match vars.and_then(|m| m.get(name)) {
                Some(v) => self.resolve_at(v, depth + 1),
                None => match name.split_once('.') {
                    Some((r, a)) if !name.starts_with("AWS::") => {
                        self.get_att(&json!([r, a]), depth + 1)
                    }
                    _ => self.reference(name),
                },
            };
            match scalar_string(&value) {
                Some(s) => out.push_str(&s),
                None => {
                    return match is_unknown(&value) {
                        Some(reason) => unknown(format!("Fn::Sub ${{{name}}}: {reason}")),
                        None => unknown(format!("Fn::Sub ${{{name}}} is not a string")),
                    }
                }
            }
        }
        out.push_str(rest);
        json!(out)
    }

    fn join(&self, arg: &Value, depth: usize) -> Value {
        let Value::Array(items) = arg else {
            return unknown("malformed Fn::Join");
        };
        let (Some(delim), Some(list)) = (items.first().and_then(Value::as_str), items.get(1))
        else {
            return unknown("malformed Fn::Join");
        };
        let list = self.resolve_at(list, depth + 1);
        let Value::Array(parts) = &list else {
            return is_unknown(&list)
                .map(|r| unknown(format!("Fn::Join: {r}")))
                .unwrap_or_else(|| unknown("Fn::Join of a non-list"));
        };
        let mut strings = Vec::new();
        for p in parts {
            match scalar_string(p) {
                Some(s) => strings.push(s),
                None => {
                    return unknown(format!(
                        "Fn::Join: {}",
                        is_unknown(p).unwrap_or_else(|| "a part is not a string".into())
                    ))
                }
            }
        }
        json!(strings.join(delim))
    }

    fn select(&self, arg: &Value, depth: usize) -> Value {
        let Value::Array(items) = arg else {
            return unknown("malformed Fn::Select");
        };
        if items.len() != 2 {
            return unknown("malformed Fn::Select");
        }
        let index = self.resolve_at(&items[0], depth + 1);
        let list = self.resolve_at(&items[1], depth + 1);
        let index = match &index {
            Value::Number(n) => n.as_u64(),
            Value::String(s) => s.parse().ok(),
            _ => None,
        };
        match (index, &list) {
            (Some(i), Value::Array(a)) => a
                .get(i as usize)
                .cloned()
                .unwrap_or_else(|| unknown("Fn::Select index out of range")),
            _ => unknown(format!(
                "Fn::Select: {}",
                is_unknown(&list).unwrap_or_else(|| "cannot be evaluated".into())
            )),
        }
    }

    fn split(&self, arg: &Value, depth: usize) -> Value {
        let Value::Array(items) = arg else {
            return unknown("malformed Fn::Split");
        };
        let (Some(delim), Some(text)) = (items.first().and_then(Value::as_str), items.get(1))
        else {
            return unknown("malformed Fn::Split");
        };
        let text = self.resolve_at(text, depth + 1);
        match text.as_str() {
            Some(s) if !delim.is_empty() => {
                Value::Array(s.split(delim).map(|p| json!(p)).collect())
            }
            _ => unknown(format!(
                "Fn::Split: {}",
                is_unknown(&text).unwrap_or_else(|| "cannot be evaluated".into())
            )),
        }
    }

    fn if_(&self, arg: &Value, depth: usize) -> Value {
        let Value::Array(items) = arg else {
            return unknown("malformed Fn::If");
        };
        if items.len() != 3 {
            return unknown("malformed Fn::If");
        }
        let Some(name) = items[0].as_str() else {
            return unknown("malformed Fn::If");
        };
        match self.condition(name, depth + 1) {
            Some(true) => self.resolve_at(&items[1], depth + 1),
            Some(false) => self.resolve_at(&items[2], depth + 1),
            None => unknown(format!(
                "Fn::If on condition {name}, which cannot be evaluated offline"
            )),
        }
    }

    /// Evaluates a named condition; `None` when it depends on something unknown.
    pub fn condition(&self, name: &str, depth: usize) -> Option<bool> {
        let c = self.template.conditions.get(name)?;
        self.condition_expr(c, depth + 1)
    }

    fn condition_expr(&self, c: &Value, depth: usize) -> Option<bool> {
        if depth > MAX_DEPTH {
            return None;
        }
        let Value::Object(m) = c else {
            return c.as_bool();
        };
        let (k, arg) = m.iter().next()?;
        let list = || arg.as_array().cloned().unwrap_or_default();
        match k.as_str() {
            "Condition" => self.condition(arg.as_str()?, depth + 1),
            "Fn::Equals" => {
                let l = list();
                if l.len() != 2 {
                    return None;
                }
                let a = self.resolve_at(&l[0], depth + 1);
                let b = self.resolve_at(&l[1], depth + 1);
                if is_unknown(&a).is_some() || is_unknown(&b).is_some() {
                    return None;
                }
                Some(
                    scalar_string(&a) == scalar_string(&b)
                        && (scalar_string(&a).is_some() || a == b),
                )
            }
            "Fn::Not" => self.condition_expr(list().first()?, depth + 1).map(|b| !b),
            "Fn::And" => {
                let mut all = Some(true);
                for x in list() {
                    match self.condition_expr(&x, depth + 1) {
                        Some(false) => return Some(false),
                        None => all = None,
                        Some(true) => {}
                    }
                }
                all
            }
            "Fn::Or" => {
                let mut any = Some(false);
                for x in list() {
                    match self.condition_expr(&x, depth + 1) {
                        Some(true) => return Some(true),
                        None => any = None,
                        Some(false) => {}
                    }
                }
                any
            }
            _ => None,
        }
    }

    fn find_in_map(&self, arg: &Value, depth: usize) -> Value {
        let Value::Array(items) = arg else {
            return unknown("malformed Fn::FindInMap");
        };
        if items.len() < 3 {
            return unknown("malformed Fn::FindInMap");
        }
        let keys: Vec<Option<String>> = items[..3]
            .iter()
            .map(|k| scalar_string(&self.resolve_at(k, depth + 1)))
            .collect();
        let (Some(a), Some(b), Some(c)) = (&keys[0], &keys[1], &keys[2]) else {
            return unknown("Fn::FindInMap with keys that cannot be evaluated");
        };
        self.template
            .mappings
            .get(a)
            .and_then(|m| m.get(b))
            .and_then(|m| m.get(c))
            .map(|v| self.resolve_at(v, depth + 1))
            .unwrap_or_else(|| unknown(format!("Fn::FindInMap {a}.{b}.{c} is not in Mappings")))
    }
}

/// A string, number or boolean as the string CloudFormation would substitute.
fn scalar_string(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn sub_references_skip_literals_and_attributes() {
        assert_eq!(
            super::sub_references("${Pool}-${Client.Name}-${!Literal}-${AWS::Region}"),
            ["Pool", "Client", "AWS::Region"]
        );
    }

    use super::*;

    fn resolver<'a>(t: &'a Template, overrides: &'a BTreeMap<String, String>) -> Resolver<'a> {
        let mut targets = BTreeMap::new();
        let mut attributes = BTreeMap::new();
        attributes.insert(
            "ProviderName".to_string(),
            "cognito-idp.us-east-1.amazonaws.com/us-east-1_X".to_string(),
        );
        targets.insert(
            "Pool".to_string(),
            RefTarget {
                ref_value: "us-east-1_X".into(),
                attributes,
                ..RefTarget::default()
            },
        );
        Resolver {
            template: t,
            overrides,
            region: Some("us-east-1".into()),
            account_id: Some("123456789012".into()),
            targets,
            pseudo: BTreeMap::new(),
        }
    }

    #[test]
    fn yaml_short_tags_become_long_form() {
        let doc = parse_document(
            "Resources:\n  C:\n    Type: AWS::Cognito::UserPoolClient\n    Properties:\n      UserPoolId: !Ref Pool\n      Name: !Sub '${AWS::Region}-x'\n      P: !GetAtt Pool.ProviderName\n      L: !Split [',', 'a,b']\n",
        )
        .unwrap();
        let props = &doc["Resources"]["C"]["Properties"];
        assert_eq!(props["UserPoolId"], json!({"Ref": "Pool"}));
        assert_eq!(props["Name"], json!({"Fn::Sub": "${AWS::Region}-x"}));
        assert_eq!(props["P"], json!({"Fn::GetAtt": ["Pool", "ProviderName"]}));
        let t = Template::from_value(&doc).unwrap();
        let o = BTreeMap::new();
        let r = resolver(&t, &o).resolve(props);
        assert_eq!(r["UserPoolId"], json!("us-east-1_X"));
        assert_eq!(r["Name"], json!("us-east-1-x"));
        assert_eq!(
            r["P"],
            json!("cognito-idp.us-east-1.amazonaws.com/us-east-1_X")
        );
        assert_eq!(r["L"], json!(["a", "b"]));
    }

    #[test]
    fn duplicate_keys_and_tabs_are_errors_with_positions() {
        let err = parse_document("{\n  \"a\": 1,\n  \"a\": 2\n}").unwrap_err();
        assert!(matches!(err, TemplateError::Json { line: 3, .. }), "{err}");
        assert!(err.to_string().contains("duplicate key \"a\""), "{err}");
        let err = parse_document("Resources:\n  a: 1\n  a: 2\n").unwrap_err();
        assert!(err.to_string().contains("duplicate entry"), "{err}");
        assert!(
            matches!(
                err,
                TemplateError::Yaml { line: 3, .. } | TemplateError::Yaml { line: 2, .. }
            ),
            "{err:?}"
        );
        let err = parse_document("Resources:\n\tA: 1\n").unwrap_err();
        assert!(
            matches!(err, TemplateError::Yaml { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn unresolvable_values_are_unknown_with_a_reason() {
        let doc = json!({
            "Parameters": {"Env": {"Type": "String"}, "Min": {"Type": "Number", "Default": 10}},
            "Conditions": {"IsProd": {"Fn::Equals": [{"Ref": "Env"}, "prod"]}, "Yes": {"Fn::Equals": ["a", "a"]}},
            "Resources": {"Pool": {"Type": "AWS::Cognito::UserPool"}, "Other": {"Type": "AWS::Cognito::UserPool"}}
        });
        let t = Template::from_value(&doc).unwrap();
        let o = BTreeMap::new();
        let r = resolver(&t, &o);
        assert!(
            is_unknown(&r.resolve(&json!({"Fn::ImportValue": "shared-pool"})))
                .unwrap()
                .contains("shared-pool")
        );
        assert!(is_unknown(&r.resolve(&json!({"Ref": "Env"})))
            .unwrap()
            .contains("--parameter Env="));
        assert_eq!(r.resolve(&json!({"Ref": "Min"})), json!("10"));
        assert!(is_unknown(&r.resolve(&json!({"Fn::If": ["IsProd", 1, 2]}))).is_some());
        assert_eq!(r.resolve(&json!({"Fn::If": ["Yes", 1, 2]})), json!(1));
        assert!(is_unknown(&r.resolve(&json!({"Ref": "Other"})))
            .unwrap()
            .contains("matched no live"));
        assert_eq!(
            r.resolve(&json!({"a": {"Ref": "AWS::NoValue"}, "b": 1})),
            json!({"b": 1})
        );
        assert_eq!(
            r.resolve(&json!({"Fn::Join": [":", [{"Ref": "AWS::AccountId"}, "x"]]})),
            json!("123456789012:x")
        );
        assert_eq!(
            r.resolve(&json!({"Fn::Sub": "${!Literal}-${Pool}"})),
            json!("${Literal}-us-east-1_X")
        );
        let mut o2 = BTreeMap::new();
        o2.insert("Env".to_string(), "prod".to_string());
        assert_eq!(
            resolver(&t, &o2).resolve(&json!({"Fn::If": ["IsProd", 1, 2]})),
            json!(1)
        );
    }
}
