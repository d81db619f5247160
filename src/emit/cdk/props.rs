//! CloudFormation template values as TypeScript for CDK L1 constructs: property names in the
//! lowerCamelCase the L1 props use, except inside free-form JSON properties (policy documents,
//! tag maps, provider details...), which CDK passes through as written; intrinsic functions as
//! construct references (`pool.ref`, `role.attrArn`) and `cdk.Fn` calls.

use super::CdkError;
use crate::emit::reference_auth::{ts_key, ts_string};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// How the L1 props type a property, where it is not a typed struct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// `any` or `Record<string, string>`: free-form JSON, keys kept verbatim (CDK writes the
    /// value to the template as it is).
    Verbatim,
    /// `Record<string, Struct>`: keys kept verbatim, each value a typed struct.
    MapOfStructs,
}

/// Properties whose L1 type is not a typed struct, by resource type and CloudFormation path
/// (`*` is any list index or map key). Everything else is a typed struct whose property names
/// are converted with [`camel_case`].
///
/// Source: the `readonly x?: any`, `Record<string, string>` and `Record<string, Struct>`
/// properties of `aws-cognito/lib/cognito.generated.d.ts` and `aws-iam/lib/iam.generated.d.ts`
/// in aws-cdk-lib 2.276.0 (pinned in `scripts/ts-check/package.json`).
pub const FREE_FORM: &[(&str, &str, Shape)] = &[
    (
        "AWS::Cognito::IdentityPool",
        "CognitoEvents",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::IdentityPool",
        "SupportedLoginProviders",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::IdentityPoolPrincipalTag",
        "PrincipalTags",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::IdentityPoolRoleAttachment",
        "Roles",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::IdentityPoolRoleAttachment",
        "RoleMappings",
        Shape::MapOfStructs,
    ),
    ("AWS::Cognito::UserPool", "UserPoolTags", Shape::Verbatim),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        "AttributeMapping",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::UserPoolIdentityProvider",
        "ProviderDetails",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::UserPoolUser",
        "ClientMetadata",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::ManagedLoginBranding",
        "Settings",
        Shape::Verbatim,
    ),
    ("AWS::Cognito::Terms", "Links", Shape::Verbatim),
    (
        "AWS::Cognito::UserPoolRegionalConfigurationAttachment",
        "UserPoolTags",
        Shape::Verbatim,
    ),
    (
        "AWS::Cognito::UserPoolReplica",
        "UserPoolTagsAtCreate",
        Shape::Verbatim,
    ),
    (
        "AWS::IAM::Role",
        "AssumeRolePolicyDocument",
        Shape::Verbatim,
    ),
    (
        "AWS::IAM::Role",
        "Policies.*.PolicyDocument",
        Shape::Verbatim,
    ),
    (
        "AWS::IAM::User",
        "Policies.*.PolicyDocument",
        Shape::Verbatim,
    ),
    (
        "AWS::IAM::Group",
        "Policies.*.PolicyDocument",
        Shape::Verbatim,
    ),
    ("AWS::IAM::ManagedPolicy", "PolicyDocument", Shape::Verbatim),
    ("AWS::IAM::Policy", "PolicyDocument", Shape::Verbatim),
    ("AWS::IAM::RolePolicy", "PolicyDocument", Shape::Verbatim),
    ("AWS::IAM::GroupPolicy", "PolicyDocument", Shape::Verbatim),
    ("AWS::IAM::UserPolicy", "PolicyDocument", Shape::Verbatim),
];

/// The shape of the property at `path` of a resource of type `ty`, when it is not a typed
/// struct.
pub fn shape(ty: &str, path: &[&str]) -> Option<Shape> {
    FREE_FORM.iter().find_map(|(t, pattern, shape)| {
        let segments: Vec<&str> = pattern.split('.').collect();
        let matches = *t == ty
            && segments.len() == path.len()
            && segments.iter().zip(path).all(|(s, p)| *s == "*" || s == p);
        matches.then_some(*shape)
    })
}

/// lowerCamelCase as CDK's code generator writes L1 property and attribute names (the npm
/// `camelcase` algorithm): `CallbackURLs` -> `callbackUrLs`, `RoleARN` -> `roleArn`,
/// `AllowedOAuthFlows` -> `allowedOAuthFlows`, `SNSCallerArn` -> `snsCallerArn`.
pub fn camel_case(name: &str) -> String {
    let chars: Vec<char> = name.chars().collect();
    if chars.len() == 1 {
        return name.to_lowercase();
    }
    // Word boundaries: before an upper after a lower; before the last upper of a run of
    // uppers followed by a lower.
    let mut out: Vec<char> = Vec::with_capacity(chars.len() + 4);
    let (mut last_lower, mut last_upper, mut last_last_upper) = (false, false, false);
    for &c in &chars {
        if last_lower && c.is_uppercase() {
            out.push('-');
            out.push(c);
            last_lower = false;
            last_last_upper = last_upper;
            last_upper = true;
        } else if last_upper && last_last_upper && c.is_lowercase() {
            let prev = out.pop().unwrap_or(c);
            out.push('-');
            out.push(prev);
            out.push(c);
            last_last_upper = last_upper;
            last_upper = false;
            last_lower = true;
        } else {
            out.push(c);
            last_lower = c.is_lowercase();
            last_last_upper = last_upper;
            last_upper = c.is_uppercase();
        }
    }
    let lowered: String = out
        .iter()
        .collect::<String>()
        .trim_start_matches(['_', '.', '-', ' '])
        .to_lowercase();
    let mut result = String::with_capacity(lowered.len());
    let mut upper_next = false;
    let mut after_digit = false;
    for c in lowered.chars() {
        if matches!(c, '_' | '.' | '-' | ' ') {
            upper_next = true;
            after_digit = false;
            continue;
        }
        if upper_next || (after_digit && c.is_alphabetic()) {
            result.extend(c.to_uppercase());
        } else {
            result.push(c);
        }
        upper_next = false;
        after_digit = c.is_ascii_digit();
    }
    result
}

/// The TypeScript expression of a construct, or of a parameter, by logical id.
#[derive(Debug, Default)]
pub struct Names {
    /// Resource logical id -> expression of the construct (`this.userPool`).
    pub resources: BTreeMap<String, String>,
    /// Parameter name -> expression of the `CfnParameter`.
    pub parameters: BTreeMap<String, String>,
}

/// `Ref`/`Fn::*`: the intrinsic function of a one-key object, with its argument.
pub fn intrinsic(v: &Value) -> Option<(&str, &Value)> {
    let m = v.as_object()?;
    if m.len() != 1 {
        return None;
    }
    let (k, arg) = m.iter().next()?;
    (k == "Ref" || k.starts_with("Fn::")).then_some((k.as_str(), arg))
}

/// The logical ids of the resources a value refers to (`Ref`, `Fn::GetAtt`, `Fn::Sub` names).
pub fn references(v: &Value, out: &mut Vec<String>) {
    match intrinsic(v) {
        Some(("Ref", Value::String(target))) => out.push(target.clone()),
        Some(("Fn::GetAtt", arg)) => {
            if let Some(target) = get_att_parts(arg).map(|(t, _)| t) {
                out.push(target);
            }
        }
        Some(("Fn::Sub", arg)) => {
            let text = match arg {
                Value::Array(a) => a.first().and_then(Value::as_str),
                other => other.as_str(),
            };
            for name in text.map(sub_names).unwrap_or_default() {
                out.push(name.split('.').next().unwrap_or(&name).to_string());
            }
            if let Value::Array(a) = arg {
                a.iter().skip(1).for_each(|x| references(x, out));
            }
        }
        _ => match v {
            Value::Array(a) => a.iter().for_each(|x| references(x, out)),
            Value::Object(m) => m.values().for_each(|x| references(x, out)),
            _ => {}
        },
    }
}

/// `${Name}` and `${Name.Attr}` inside an `Fn::Sub` string (not `${!Literal}`).
fn sub_names(text: &str) -> Vec<String> {
    let mut names = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find("${") {
        rest = &rest[start + 2..];
        if let Some(end) = rest.find('}') {
            let name = &rest[..end];
            if !name.starts_with('!') {
                names.push(name.to_string());
            }
            rest = &rest[end + 1..];
        } else {
            break;
        }
    }
    names
}

fn get_att_parts(arg: &Value) -> Option<(String, String)> {
    match arg {
        Value::Array(a) if a.len() == 2 => Some((a[0].as_str()?.into(), a[1].as_str()?.into())),
        Value::String(s) => s
            .split_once('.')
            .map(|(t, a)| (t.to_string(), a.to_string())),
        _ => None,
    }
}

/// The CDK expression of a pseudo parameter.
fn pseudo(name: &str) -> Option<&'static str> {
    Some(match name {
        "AWS::AccountId" => "cdk.Aws.ACCOUNT_ID",
        "AWS::Region" => "cdk.Aws.REGION",
        "AWS::Partition" => "cdk.Aws.PARTITION",
        "AWS::URLSuffix" => "cdk.Aws.URL_SUFFIX",
        "AWS::StackName" => "cdk.Aws.STACK_NAME",
        "AWS::StackId" => "cdk.Aws.STACK_ID",
        "AWS::NoValue" => "cdk.Aws.NO_VALUE",
        "AWS::NotificationARNs" => "cdk.Aws.NOTIFICATION_ARNS",
        _ => return None,
    })
}

/// Renders property values of one resource type.
pub struct Renderer<'a> {
    pub names: &'a Names,
    pub resource_type: &'a str,
}

impl Renderer<'_> {
    /// A typed props object (the top level of a resource's properties, or a nested struct).
    pub fn props(
        &self,
        m: &Map<String, Value>,
        path: &[&str],
        indent: usize,
    ) -> Result<String, CdkError> {
        let mut entries = Vec::new();
        for (k, v) in m {
            let mut p = path.to_vec();
            p.push(k);
            entries.push((ts_key(&camel_case(k)), self.value(v, &p, indent + 1)?));
        }
        Ok(object(entries, indent))
    }

    /// A value at `path`: typed, free-form or an intrinsic function.
    pub fn value(&self, v: &Value, path: &[&str], indent: usize) -> Result<String, CdkError> {
        if intrinsic(v).is_some() {
            return self.expression(v, indent);
        }
        match (shape(self.resource_type, path), v) {
            (Some(Shape::Verbatim), _) => self.verbatim(v, indent),
            (Some(Shape::MapOfStructs), Value::Object(m)) => {
                let mut entries = Vec::new();
                for (k, x) in m {
                    let mut p = path.to_vec();
                    p.push("*");
                    entries.push((ts_key(k), self.value(x, &p, indent + 1)?));
                }
                Ok(object(entries, indent))
            }
            (_, Value::Object(m)) => self.props(m, path, indent),
            (_, Value::Array(a)) => {
                let mut p = path.to_vec();
                p.push("*");
                let items = a
                    .iter()
                    .map(|x| self.value(x, &p, indent + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(array(items, indent))
            }
            (_, scalar) => Ok(self.scalar(scalar)),
        }
    }

    /// Free-form JSON: keys as written, intrinsic functions still resolved.
    fn verbatim(&self, v: &Value, indent: usize) -> Result<String, CdkError> {
        if intrinsic(v).is_some() {
            return self.expression(v, indent);
        }
        match v {
            Value::Object(m) => {
                let entries = m
                    .iter()
                    .map(|(k, x)| Ok((ts_key(k), self.verbatim(x, indent + 1)?)))
                    .collect::<Result<Vec<_>, CdkError>>()?;
                Ok(object(entries, indent))
            }
            Value::Array(a) => {
                let items = a
                    .iter()
                    .map(|x| self.verbatim(x, indent + 1))
                    .collect::<Result<Vec<_>, _>>()?;
                Ok(array(items, indent))
            }
            scalar => Ok(self.scalar(scalar)),
        }
    }

    fn scalar(&self, v: &Value) -> String {
        match v {
            Value::String(s) => ts_string(s),
            Value::Null => "undefined".to_string(),
            other => other.to_string(),
        }
    }

    /// An intrinsic function as a TypeScript expression.
    fn expression(&self, v: &Value, indent: usize) -> Result<String, CdkError> {
        let Some((func, arg)) = intrinsic(v) else {
            return self.verbatim(v, indent);
        };
        let unsupported = || CdkError::Intrinsic(func.to_string(), arg.to_string());
        let list = |a: &Value| -> Result<String, CdkError> { self.verbatim(a, indent) };
        match (func, arg) {
            ("Ref", Value::String(target)) => {
                if let Some(e) = self.names.resources.get(target) {
                    Ok(format!("{e}.ref"))
                } else if let Some(e) = self.names.parameters.get(target) {
                    Ok(format!("{e}.valueAsString"))
                } else {
                    pseudo(target).map(str::to_string).ok_or_else(unsupported)
                }
            }
            ("Fn::GetAtt", _) => {
                let (target, attribute) = get_att_parts(arg).ok_or_else(unsupported)?;
                let e = self.names.resources.get(&target).ok_or_else(unsupported)?;
                Ok(format!(
                    "{e}.{}",
                    camel_case(&format!("Attr{}", attribute.replace('.', "")))
                ))
            }
            ("Fn::Join", Value::Array(a)) if a.len() == 2 => {
                let sep = a[0].as_str().ok_or_else(unsupported)?;
                Ok(format!("cdk.Fn.join({}, {})", ts_string(sep), list(&a[1])?))
            }
            ("Fn::Sub", Value::String(s)) => Ok(format!("cdk.Fn.sub({})", ts_string(s))),
            ("Fn::Sub", Value::Array(a)) if a.len() == 2 => {
                let s = a[0].as_str().ok_or_else(unsupported)?;
                Ok(format!("cdk.Fn.sub({}, {})", ts_string(s), list(&a[1])?))
            }
            ("Fn::Select", Value::Array(a)) if a.len() == 2 => {
                let index = match &a[0] {
                    Value::Number(n) => n.to_string(),
                    Value::String(s) if s.parse::<u32>().is_ok() => s.clone(),
                    _ => return Err(unsupported()),
                };
                Ok(format!("cdk.Fn.select({index}, {})", list(&a[1])?))
            }
            ("Fn::Split", Value::Array(a)) if a.len() == 2 => {
                let sep = a[0].as_str().ok_or_else(unsupported)?;
                Ok(format!(
                    "cdk.Fn.split({}, {})",
                    ts_string(sep),
                    list(&a[1])?
                ))
            }
            ("Fn::ImportValue", x) => Ok(format!("cdk.Fn.importValue({})", list(x)?)),
            ("Fn::Base64", x) => Ok(format!("cdk.Fn.base64({})", list(x)?)),
            _ => Err(unsupported()),
        }
    }
}

fn pad(indent: usize) -> String {
    "  ".repeat(indent)
}

fn object(entries: Vec<(String, String)>, indent: usize) -> String {
    if entries.is_empty() {
        return "{}".to_string();
    }
    let mut out = String::from("{\n");
    for (k, v) in entries {
        out.push_str(&format!("{}{k}: {v},\n", pad(indent + 1)));
    }
    out.push_str(&format!("{}}}", pad(indent)));
    out
}

fn array(items: Vec<String>, indent: usize) -> String {
    if items.is_empty() {
        return "[]".to_string();
    }
    let mut out = String::from("[\n");
    for v in items {
        out.push_str(&format!("{}{v},\n", pad(indent + 1)));
    }
    out.push_str(&format!("{}]", pad(indent)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn camel_case_matches_the_cdk_l1_names() {
        // Names as they appear in aws-cdk-lib 2.276.0's cognito.generated.d.ts / iam.generated.d.ts.
        for (cfn, cdk) in [
            ("CallbackURLs", "callbackUrLs"),
            ("LogoutURLs", "logoutUrLs"),
            ("RoleARN", "roleArn"),
            ("RoleArn", "roleArn"),
            ("AllowedOAuthFlows", "allowedOAuthFlows"),
            (
                "AllowedOAuthFlowsUserPoolClient",
                "allowedOAuthFlowsUserPoolClient",
            ),
            ("SnsCallerArn", "snsCallerArn"),
            // issue 11: the fields carried since.
            ("PrimaryRoute53HealthCheckId", "primaryRoute53HealthCheckId"),
            ("WebAuthnFactorConfiguration", "webAuthnFactorConfiguration"),
            ("RetryGracePeriodSeconds", "retryGracePeriodSeconds"),
            (
                "AdvancedSecurityAdditionalFlows",
                "advancedSecurityAdditionalFlows",
            ),
            ("EmailAuthenticationMessage", "emailAuthenticationMessage"),
            ("UnusedAccountValidityDays", "unusedAccountValidityDays"),
            ("SMSMessage", "smsMessage"),
            ("IdTokenValidity", "idTokenValidity"),
            ("UserPoolId", "userPoolId"),
            ("AttrProviderURL", "attrProviderUrl"),
            ("AttrArn", "attrArn"),
            ("Type", "type"),
        ] {
            assert_eq!(camel_case(cfn), cdk, "{cfn}");
        }
    }

    #[test]
    fn free_form_paths_are_found_by_pattern() {
        assert_eq!(
            shape("AWS::IAM::Role", &["Policies", "*", "PolicyDocument"]),
            Some(Shape::Verbatim)
        );
        assert_eq!(
            shape("AWS::IAM::Role", &["Policies", "*", "PolicyName"]),
            None
        );
        assert_eq!(
            shape(
                "AWS::Cognito::IdentityPoolRoleAttachment",
                &["RoleMappings"]
            ),
            Some(Shape::MapOfStructs)
        );
    }

    #[test]
    fn renders_typed_free_form_and_references() {
        let mut names = Names::default();
        names.resources.insert("Pool".into(), "this.pool".into());
        names.resources.insert("R".into(), "this.r".into());
        let r = Renderer {
            names: &names,
            resource_type: "AWS::Cognito::IdentityPoolRoleAttachment",
        };
        let props = json!({
            "IdentityPoolId": {"Ref": "Pool"},
            "Roles": {"authenticated": {"Fn::GetAtt": ["R", "Arn"]}},
            "RoleMappings": {"Key1": {"Type": "Token", "AmbiguousRoleResolution": "Deny"}}
        });
        let text = r.props(props.as_object().unwrap(), &[], 0).unwrap();
        assert!(text.contains("identityPoolId: this.pool.ref,"), "{text}");
        assert!(text.contains("authenticated: this.r.attrArn,"), "{text}");
        assert!(text.contains("Key1: {"), "{text}");
        assert!(text.contains("ambiguousRoleResolution: 'Deny',"), "{text}");
        let bad = json!({"X": {"Fn::If": ["c", 1, 2]}});
        assert!(r.props(bad.as_object().unwrap(), &[], 0).is_err());
    }

    #[test]
    fn references_include_sub_names() {
        let mut out = Vec::new();
        references(
            &json!({"a": [{"Ref": "A"}, {"Fn::Sub": "x${B.Arn}${!C}${AWS::Region}"}]}),
            &mut out,
        );
        assert_eq!(out, vec!["A", "B", "AWS::Region"]);
    }
}
