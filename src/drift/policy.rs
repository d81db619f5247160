//! IAM policy documents compared by meaning, and trust policies checked for widening. Pure:
//! no I/O, no AWS, no printing.
//!
//! Drift uses this for every policy document of `AWS::IAM::Role` (`AssumeRolePolicyDocument`,
//! `Policies[].PolicyDocument`), `AWS::IAM::Policy`, `AWS::IAM::RolePolicy` and
//! `AWS::IAM::ManagedPolicy` (`PolicyDocument`); `check` uses the same parsed form to read
//! trust policies. The API:
//!
//! - [`Policy::parse`]: a document (object, JSON text or URL-encoded JSON text) to its
//!   canonical form; [`canonical`] gives that form as JSON. Two documents mean the same thing
//!   exactly when their canonical forms are equal ([`equivalent`]): equal policies are never
//!   drift.
//! - [`diff`]: what differs, in readable terms (statement added/removed/changed, and per
//!   statement which values of which element were added or removed).
//! - [`trust_widening`]: for role TRUST policies, every way the live policy lets more
//!   principals assume the role than the desired one. Each is a [`TRUST_POLICY_WIDENED`]
//!   finding (see that constant for its class and exit code).
//!
//! ## How drift is meant to call it (not wired yet)
//! For each matched pair of policy documents (template values already resolved; a value with
//! an unresolved intrinsic is `value-unknown`, as elsewhere): parse both; if either fails,
//! compare the raw values as today. Otherwise, when [`diff`] is non-empty, one `drift-in-place`
//! finding at the document's path (fix `iam update-assume-role-policy`, `put-role-policy` or
//! `create-policy-version`, each replacing the whole document), its reason the rendered
//! differences. For `AssumeRolePolicyDocument` only, also one [`TRUST_POLICY_WIDENED`] finding
//! per [`trust_widening`] entry.
//!
//! ## What counts as the same policy (the canonical form)
//! Each rule has its source in the IAM User Guide, "IAM JSON policy element reference":
//! - `Statement` as one object or a list; `Action`, `NotAction`, `Resource`, `NotResource`,
//!   each `Principal`/`NotPrincipal` entry and each condition value as a string or a list;
//!   order of statements and of values; duplicate values and duplicate statements: all sets.
//!   (Grammar: "Statement", "Action", "Resource", "Principal", "Condition" pages; a list of
//!   condition values is an OR, so repeating one changes nothing.)
//! - `Sid` is ignored. It is "an optional identifier that you provide for the policy
//!   statement" (page "Sid"): a label, never evaluated, so renaming or dropping it grants or
//!   denies nothing. Statements are paired for [`diff`] by content, not by `Sid`.
//! - `Version`: absent means `2008-10-17` (page "Version"). The only documented difference
//!   between the two languages is policy variables: under `2008-10-17`, `${aws:username}` "is
//!   treated as a literal string". So the version is part of the canonical form only when the
//!   document holds a `${` sequence; otherwise `2012-10-17`, `2008-10-17` and absent are equal.
//! - `Principal: "*"` is `{"AWS": "*"}` (page "Principal", "All principals": the two
//!   "are equivalent"). An account principal written as its id or as
//!   `arn:PARTITION:iam::ID:root` is the same principal (same page, "AWS account principals":
//!   IAM accepts either form and stores the ARN); the canonical form is the bare id.
//! - Action names are lower-cased: "The prefix and the action name are case insensitive"
//!   (page "Action": `iam:ListAccessKeys` is `IAM:listaccesskeys`).
//! - Condition keys are lower-cased: "Context key names are not case-sensitive" (page
//!   "Condition": `aws:SourceIP` is `AWS:SourceIp`). Condition VALUES keep their case except
//!   under the `...IgnoreCase` operators, and a JSON `true`/`10` is the string `"true"`/`"10"`
//!   (IAM compares condition values as strings parsed by the operator). Operator names are kept
//!   as written: IAM documents no case-insensitivity for them, and a difference we cannot prove
//!   harmless is reported rather than hidden. An empty `Condition` is no condition.
//! - Resource ARNs and principal values keep their case (ARNs are case-sensitive).
//!
//! Not merged: two statements that could be written as one (same effect, principal and
//! condition, actions split over both). They are equal in meaning but compare as different;
//! a template rarely splits what IAM returns joined, so this is left as a known limit.
//!
//! Anything this module does not understand (an unknown statement element) is kept verbatim
//! and compared as written, so an unexpected spelling shows as a difference, never as equal.

use serde::Serialize;
use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// The finding code of a widened trust policy: a role's trust policy lets principals assume
/// it that the desired policy does not (another identity pool, guests, another account).
///
/// Its class is the highest severity drift has: drift should report it in a class of its own
/// (`trust-policy-widened`), counted as severe so that it exits 3 like a replacement or an
/// impossible change, and fails the run under every `--fail-on` except `none`. The change is
/// applicable in place (`iam update-assume-role-policy`), but exit 3 already means "do not let
/// this pass silently": it is a security exposure that is live right now, worse than an update
/// that has not happened. A new exit code would be missed by every pipeline that tests `== 3`
/// for "stop".
pub const TRUST_POLICY_WIDENED: &str = "trust-policy-widened";

/// Why a document cannot be read as a policy. Names the element, e.g.
/// `Statement[1].Action: expected a string or a list of strings`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    #[error(transparent)]
    Text(#[from] crate::model::PolicyTextError),
    #[error("{0}: expected {1}")]
    Shape(String, &'static str),
}

/// A policy in canonical form: equal values mean equal policies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Policy {
    /// The effective language version (absent = `2008-10-17`), kept only when the document
    /// uses policy variables (the only case where it changes meaning).
    pub version: Option<String>,
    /// Sorted, without duplicates.
    pub statements: Vec<Statement>,
}

/// One statement in canonical form. `Sid` is not kept (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Statement {
    pub effect: String,
    /// `Principal`: principal type (`AWS`, `Federated`, `Service`, `CanonicalUser`) to values.
    pub principal: Option<BTreeMap<String, BTreeSet<String>>>,
    pub not_principal: Option<BTreeMap<String, BTreeSet<String>>>,
    /// Lower-cased.
    pub action: Option<BTreeSet<String>>,
    pub not_action: Option<BTreeSet<String>>,
    pub resource: Option<BTreeSet<String>>,
    pub not_resource: Option<BTreeSet<String>>,
    /// Sorted; every entry must hold (AND).
    pub condition: Vec<Condition>,
    /// Elements this module does not know, as compact JSON text.
    pub other: BTreeMap<String, String>,
}

/// One operator + key test of a `Condition` block.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Condition {
    /// As written: `StringEquals`, `ForAnyValue:StringLike`, `BoolIfExists`...
    pub operator: String,
    /// Lower-cased.
    pub key: String,
    /// Any one may match (OR).
    pub values: BTreeSet<String>,
}

const DEFAULT_VERSION: &str = "2008-10-17";

impl Policy {
    /// Reads a policy document: a JSON object, or JSON text, plain or URL-encoded.
    pub fn parse(doc: &Value) -> Result<Policy, PolicyError> {
        let owned;
        let doc = match doc {
            Value::String(text) => {
                owned = crate::model::parse_policy_text(text)?;
                &owned
            }
            other => other,
        };
        let Value::Object(map) = doc else {
            return Err(PolicyError::Shape(
                "policy document".into(),
                "a JSON object",
            ));
        };
        let raw: Vec<(String, &Value)> = match map.get("Statement") {
            Some(Value::Array(list)) => list
                .iter()
                .enumerate()
                .map(|(i, s)| (format!("Statement[{i}]"), s))
                .collect(),
            Some(one @ Value::Object(_)) => vec![("Statement".to_string(), one)],
            _ => {
                return Err(PolicyError::Shape(
                    "Statement".into(),
                    "a statement object or a list of them",
                ))
            }
        };
        let mut statements = raw
            .into_iter()
            .map(|(at, s)| Statement::parse(&at, s))
            .collect::<Result<Vec<_>, _>>()?;
        statements.sort();
        statements.dedup();
        let version = match map.get("Version") {
            None => DEFAULT_VERSION.to_string(),
            Some(Value::String(v)) => v.clone(),
            Some(_) => return Err(PolicyError::Shape("Version".into(), "a string")),
        };
        let uses_variables = map
            .get("Statement")
            .is_some_and(|s| s.to_string().contains("${"));
        Ok(Policy {
            version: uses_variables.then_some(version),
            statements,
        })
    }

    /// The canonical form as a JSON policy document (sorted, lists everywhere).
    pub fn to_value(&self) -> Value {
        let mut doc = Map::new();
        if let Some(v) = &self.version {
            doc.insert("Version".into(), json!(v));
        }
        let statements: Vec<Value> = self.statements.iter().map(Statement::to_value).collect();
        doc.insert("Statement".into(), Value::Array(statements));
        Value::Object(doc)
    }
}

/// The canonical form of a policy document as JSON (see the module docs).
pub fn canonical(doc: &Value) -> Result<Value, PolicyError> {
    Ok(Policy::parse(doc)?.to_value())
}

/// Whether two documents mean the same policy.
pub fn equivalent(a: &Value, b: &Value) -> Result<bool, PolicyError> {
    Ok(Policy::parse(a)? == Policy::parse(b)?)
}

impl Statement {
    fn parse(at: &str, value: &Value) -> Result<Statement, PolicyError> {
        let Value::Object(map) = value else {
            return Err(PolicyError::Shape(at.to_string(), "a statement object"));
        };
        let field = |name: &str| format!("{at}.{name}");
        let mut s = Statement {
            effect: String::new(),
            principal: None,
            not_principal: None,
            action: None,
            not_action: None,
            resource: None,
            not_resource: None,
            condition: Vec::new(),
            other: BTreeMap::new(),
        };
        for (name, v) in map {
            match name.as_str() {
                "Sid" => {}
                "Effect" => {
                    s.effect = v
                        .as_str()
                        .ok_or_else(|| PolicyError::Shape(field(name), "a string"))?
                        .to_string()
                }
                "Principal" => s.principal = Some(principals(&field(name), v)?),
                "NotPrincipal" => s.not_principal = Some(principals(&field(name), v)?),
                "Action" => s.action = Some(lower(strings(&field(name), v)?)),
                "NotAction" => s.not_action = Some(lower(strings(&field(name), v)?)),
                "Resource" => s.resource = Some(strings(&field(name), v)?),
                "NotResource" => s.not_resource = Some(strings(&field(name), v)?),
                "Condition" => s.condition = conditions(&field(name), v)?,
                _ => {
                    s.other.insert(name.clone(), v.to_string());
                }
            }
        }
        Ok(s)
    }

    fn to_value(&self) -> Value {
        let mut m = Map::new();
        m.insert("Effect".into(), json!(self.effect));
        let principal = |p: &BTreeMap<String, BTreeSet<String>>| json!(p);
        if let Some(p) = &self.principal {
            m.insert("Principal".into(), principal(p));
        }
        if let Some(p) = &self.not_principal {
            m.insert("NotPrincipal".into(), principal(p));
        }
        for (name, set) in [
            ("Action", &self.action),
            ("NotAction", &self.not_action),
            ("Resource", &self.resource),
            ("NotResource", &self.not_resource),
        ] {
            if let Some(set) = set {
                m.insert(name.into(), json!(set));
            }
        }
        if !self.condition.is_empty() {
            let mut block: BTreeMap<&str, Map<String, Value>> = BTreeMap::new();
            for c in &self.condition {
                let keys = block.entry(&c.operator).or_default();
                // Two keys equal but for case under one operator are two tests (both must
                // hold); the second is shown with its position so neither is lost.
                let mut key = c.key.clone();
                let mut n = 2;
                while keys.contains_key(&key) {
                    key = format!("{} ({n})", c.key);
                    n += 1;
                }
                keys.insert(key, json!(c.values));
            }
            m.insert("Condition".into(), json!(block));
        }
        for (name, text) in &self.other {
            let v = serde_json::from_str(text).unwrap_or_else(|_| json!(text));
            m.insert(name.clone(), v);
        }
        Value::Object(m)
    }

    /// Every element as `NAME -> values`, for diffing and pairing: `Effect`, `Principal.AWS`,
    /// `Action`, `Condition.StringEquals.cognito-identity.amazonaws.com:aud`...
    fn elements(&self) -> BTreeMap<String, BTreeSet<String>> {
        let mut out = BTreeMap::new();
        out.insert("Effect".to_string(), BTreeSet::from([self.effect.clone()]));
        for (name, p) in [
            ("Principal", &self.principal),
            ("NotPrincipal", &self.not_principal),
        ] {
            for (kind, values) in p.iter().flatten() {
                out.insert(format!("{name}.{kind}"), values.clone());
            }
        }
        for (name, set) in [
            ("Action", &self.action),
            ("NotAction", &self.not_action),
            ("Resource", &self.resource),
            ("NotResource", &self.not_resource),
        ] {
            if let Some(set) = set {
                out.insert(name.to_string(), set.clone());
            }
        }
        for c in &self.condition {
            out.entry(format!("Condition.{}.{}", c.operator, c.key))
                .or_insert_with(BTreeSet::new)
                .extend(c.values.iter().cloned());
        }
        for (name, text) in &self.other {
            out.insert(name.clone(), BTreeSet::from([text.clone()]));
        }
        out
    }

    /// The values this statement's conditions test `key` against, under any operator
    /// (`StringEquals`, `ForAnyValue:StringLike`...). `key` is matched case-insensitively.
    pub fn tested_values(&self, key: &str) -> BTreeSet<&str> {
        let key = key.to_ascii_lowercase();
        self.condition
            .iter()
            .filter(|c| c.key == key)
            .flat_map(|c| c.values.iter().map(String::as_str))
            .collect()
    }

    /// One line: `Allow sts:assumerolewithwebidentity by Federated cognito-identity.amazonaws.com
    /// when StringEquals cognito-identity.amazonaws.com:aud = us-east-1:abc`.
    pub fn summary(&self) -> String {
        let mut s = self.effect.clone();
        let list = |set: &BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>().join(", ");
        for (word, set) in [
            ("", &self.action),
            ("every action except ", &self.not_action),
        ] {
            if let Some(set) = set {
                s.push_str(&format!(" {word}{}", list(set)));
            }
        }
        for (word, p) in [
            ("by", &self.principal),
            ("by everyone except", &self.not_principal),
        ] {
            if let Some(p) = p {
                let who: Vec<String> = p
                    .iter()
                    .map(|(kind, values)| format!("{kind} {}", list(values)))
                    .collect();
                s.push_str(&format!(" {word} {}", who.join("; ")));
            }
        }
        for (word, set) in [("on", &self.resource), ("on all but", &self.not_resource)] {
            if let Some(set) = set {
                s.push_str(&format!(" {word} {}", list(set)));
            }
        }
        if !self.condition.is_empty() {
            let tests: Vec<String> = self.condition.iter().map(Condition::to_string).collect();
            s.push_str(&format!(" when {}", tests.join(" and ")));
        }
        s
    }
}

impl fmt::Display for Condition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let values: Vec<&str> = self.values.iter().map(String::as_str).collect();
        write!(f, "{} {} = {}", self.operator, self.key, values.join(" | "))
    }
}

/// A string or a list of strings, as a set.
fn strings(at: &str, value: &Value) -> Result<BTreeSet<String>, PolicyError> {
    match value {
        Value::String(s) => Ok(BTreeSet::from([s.clone()])),
        Value::Array(list) => list
            .iter()
            .map(|v| {
                v.as_str().map(str::to_string).ok_or_else(|| {
                    PolicyError::Shape(at.to_string(), "a string or a list of strings")
                })
            })
            .collect(),
        _ => Err(PolicyError::Shape(
            at.to_string(),
            "a string or a list of strings",
        )),
    }
}

fn lower(set: BTreeSet<String>) -> BTreeSet<String> {
    set.into_iter().map(|s| s.to_ascii_lowercase()).collect()
}

/// `"*"` or `{TYPE: string or list}`; account ids canonical as the bare id.
fn principals(at: &str, value: &Value) -> Result<BTreeMap<String, BTreeSet<String>>, PolicyError> {
    match value {
        Value::String(s) if s == "*" => Ok(BTreeMap::from([(
            "AWS".to_string(),
            BTreeSet::from(["*".to_string()]),
        )])),
        Value::Object(map) => map
            .iter()
            .map(|(kind, v)| {
                let mut values = strings(&format!("{at}.{kind}"), v)?;
                if kind == "AWS" {
                    values = values.into_iter().map(account_principal).collect();
                }
                Ok((kind.clone(), values))
            })
            .collect(),
        _ => Err(PolicyError::Shape(
            at.to_string(),
            "\"*\" or an object of principal types",
        )),
    }
}

/// `arn:PARTITION:iam::123456789012:root` -> `123456789012`; anything else unchanged.
fn account_principal(value: String) -> String {
    let parts: Vec<&str> = value.split(':').collect();
    match parts.as_slice() {
        ["arn", _, "iam", "", id, "root"] if is_account_id(id) => id.to_string(),
        _ => value,
    }
}

fn is_account_id(s: &str) -> bool {
    s.len() == 12 && s.bytes().all(|b| b.is_ascii_digit())
}

/// `{OPERATOR: {KEY: value or list}}` as sorted tests.
fn conditions(at: &str, value: &Value) -> Result<Vec<Condition>, PolicyError> {
    let Value::Object(block) = value else {
        return Err(PolicyError::Shape(
            at.to_string(),
            "an object of condition operators",
        ));
    };
    let mut out = Vec::new();
    for (operator, keys) in block {
        let here = format!("{at}.{operator}");
        let Value::Object(keys) = keys else {
            return Err(PolicyError::Shape(here, "an object of condition keys"));
        };
        let ignore_case = operator.contains("IgnoreCase");
        for (key, v) in keys {
            let one = |v: &Value| match v {
                Value::String(s) => Ok(s.clone()),
                Value::Bool(_) | Value::Number(_) => Ok(v.to_string()),
                _ => Err(PolicyError::Shape(
                    format!("{here}.{key}"),
                    "a string, number or boolean, or a list of them",
                )),
            };
            let mut values = match v {
                Value::Array(list) => list.iter().map(one).collect::<Result<BTreeSet<_>, _>>()?,
                v => BTreeSet::from([one(v)?]),
            };
            if ignore_case {
                values = lower(values);
            }
            out.push(Condition {
                operator: operator.clone(),
                key: key.to_ascii_lowercase(),
                values,
            });
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Diff

/// One difference between a desired and a live policy. "Added" means in live, not in desired;
/// "removed" means in desired, not in live.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum PolicyDifference {
    /// The language version changed, and the policy uses policy variables.
    VersionChanged {
        desired: Option<String>,
        live: Option<String>,
    },
    StatementAdded {
        statement: Box<Statement>,
    },
    StatementRemoved {
        statement: Box<Statement>,
    },
    /// A desired statement and the live statement most like it.
    StatementChanged {
        desired: Box<Statement>,
        live: Box<Statement>,
        changes: Vec<ElementChange>,
    },
}

/// Values of one statement element that differ: `Action` gained `sts:tagsession`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ElementChange {
    /// `Effect`, `Principal.AWS`, `Action`, `Condition.StringEquals.KEY`...
    pub element: String,
    pub added: Vec<String>,
    pub removed: Vec<String>,
}

impl fmt::Display for PolicyDifference {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PolicyDifference::VersionChanged { desired, live } => write!(
                f,
                "Version changed: desired {}, live {} (the policy uses policy variables)",
                desired.as_deref().unwrap_or("-"),
                live.as_deref().unwrap_or("-")
            ),
            PolicyDifference::StatementAdded { statement } => {
                write!(f, "statement added (live only): {}", statement.summary())
            }
            PolicyDifference::StatementRemoved { statement } => {
                write!(
                    f,
                    "statement removed (desired only): {}",
                    statement.summary()
                )
            }
            PolicyDifference::StatementChanged {
                desired, changes, ..
            } => {
                write!(f, "statement changed: {}", desired.summary())?;
                for c in changes {
                    write!(f, "\n  {}:", c.element)?;
                    if !c.removed.is_empty() {
                        write!(f, " removed {}", c.removed.join(", "))?;
                    }
                    if !c.added.is_empty() {
                        let sep = if c.removed.is_empty() { "" } else { ";" };
                        write!(f, "{sep} added {}", c.added.join(", "))?;
                    }
                }
                Ok(())
            }
        }
    }
}

/// What differs between two canonical policies; empty exactly when they are equal.
pub fn diff(desired: &Policy, live: &Policy) -> Vec<PolicyDifference> {
    let mut out = Vec::new();
    if desired.version != live.version {
        out.push(PolicyDifference::VersionChanged {
            desired: desired.version.clone(),
            live: live.version.clone(),
        });
    }
    let only_desired: Vec<&Statement> = desired
        .statements
        .iter()
        .filter(|s| !live.statements.contains(s))
        .collect();
    let only_live: Vec<&Statement> = live
        .statements
        .iter()
        .filter(|s| !desired.statements.contains(s))
        .collect();
    let pairs = pair(&only_desired, &only_live);
    let paired_live: BTreeSet<usize> = pairs.iter().map(|(_, l)| *l).collect();
    for (i, d) in only_desired.iter().enumerate() {
        match pairs.iter().find(|(di, _)| *di == i) {
            Some((_, l)) => out.push(PolicyDifference::StatementChanged {
                desired: Box::new((*d).clone()),
                live: Box::new(only_live[*l].clone()),
                changes: element_changes(d, only_live[*l]),
            }),
            None => out.push(PolicyDifference::StatementRemoved {
                statement: Box::new((*d).clone()),
            }),
        }
    }
    for (i, l) in only_live.iter().enumerate() {
        if !paired_live.contains(&i) {
            out.push(PolicyDifference::StatementAdded {
                statement: Box::new((*l).clone()),
            });
        }
    }
    out
}

fn element_changes(desired: &Statement, live: &Statement) -> Vec<ElementChange> {
    let (d, l) = (desired.elements(), live.elements());
    let names: BTreeSet<&String> = d.keys().chain(l.keys()).collect();
    let empty = BTreeSet::new();
    names
        .into_iter()
        .filter_map(|name| {
            let dv = d.get(name).unwrap_or(&empty);
            let lv = l.get(name).unwrap_or(&empty);
            let added: Vec<String> = lv.difference(dv).cloned().collect();
            let removed: Vec<String> = dv.difference(lv).cloned().collect();
            (!added.is_empty() || !removed.is_empty()).then(|| ElementChange {
                element: name.clone(),
                added,
                removed,
            })
        })
        .collect()
}

/// Pairs desired and live statements that are the same statement edited: same effect and at
/// least one more element (principals, actions, resources or a condition test) equal. Greedy,
/// most alike first; deterministic because inputs are sorted.
fn pair(desired: &[&Statement], live: &[&Statement]) -> Vec<(usize, usize)> {
    let mut scored = Vec::new();
    for (i, d) in desired.iter().enumerate() {
        let de = d.elements();
        for (j, l) in live.iter().enumerate() {
            if d.effect != l.effect {
                continue;
            }
            let le = l.elements();
            let same = de.iter().filter(|(k, v)| le.get(*k) == Some(v)).count();
            if same >= 2 {
                scored.push((std::cmp::Reverse(same), i, j));
            }
        }
    }
    scored.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (_, i, j) in scored {
        if out.iter().all(|(di, lj)| *di != i && *lj != j) {
            out.push((i, j));
        }
    }
    out.sort();
    out
}

// ---------------------------------------------------------------------------------------------
// Trust widening

/// How a live trust policy lets more principals assume a role than the desired one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum WideningKind {
    /// A live `Allow` statement shares nothing with any desired one.
    AllowStatementAdded,
    /// A live `Allow` names a principal the desired statement does not.
    PrincipalAdded,
    /// A live `Allow` grants an action the desired statement does not.
    ActionAdded,
    /// A live `Allow` covers a resource the desired statement does not.
    ResourceAdded,
    /// A condition key the desired statement tests is not tested in live
    /// (`cognito-identity.amazonaws.com:aud` removed: any identity pool may assume the role).
    ConditionRemoved,
    /// A condition on the key accepts values the desired one does not: another pool id,
    /// `StringEquals` -> `StringLike` with a wildcard, `ForAnyValue:StringLike` with `*`,
    /// `...IfExists`, `ForAllValues:`.
    ConditionLoosened,
    /// A desired `Deny` statement is gone.
    DenyRemoved,
    /// A desired `Deny` covers less in live (a principal or action dropped, a condition added).
    DenyNarrowed,
}

/// One widening, with the statement it is about and what changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Widening {
    pub kind: WideningKind,
    /// The statement's one-line summary (live for Allow, desired for Deny).
    pub statement: String,
    pub detail: String,
}

impl fmt::Display for Widening {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}\n  statement: {}", self.detail, self.statement)
    }
}

/// Every way `live` lets principals assume the role that `desired` does not: each live
/// `Allow` must be within some desired `Allow`, each desired `Deny` within some live `Deny`.
/// Empty when live is equal to or narrower than desired. Sound in one direction: what is
/// reported empty is never wider; a few exotic narrowings (one wildcard pattern replaced by a
/// narrower one that is not a prefix pattern) are reported as loosened.
pub fn trust_widening(desired: &Policy, live: &Policy) -> Vec<Widening> {
    let of = |p: &Policy, effect: &str| -> Vec<Statement> {
        p.statements
            .iter()
            .filter(|s| s.effect == effect)
            .cloned()
            .collect()
    };
    let mut out = Vec::new();
    let desired_allows = of(desired, "Allow");
    for l in of(live, "Allow") {
        if let Some(gaps) = closest_gaps(&desired_allows, &l, |d| excess(d, &l)) {
            for gap in gaps {
                out.push(Widening {
                    kind: match gap.what {
                        Gap::Principal => WideningKind::PrincipalAdded,
                        Gap::Action => WideningKind::ActionAdded,
                        Gap::Resource => WideningKind::ResourceAdded,
                        Gap::ConditionMissing => WideningKind::ConditionRemoved,
                        Gap::ConditionWeaker => WideningKind::ConditionLoosened,
                    },
                    statement: l.summary(),
                    detail: gap.allow_text(),
                });
            }
        } else {
            out.push(Widening {
                kind: WideningKind::AllowStatementAdded,
                statement: l.summary(),
                detail: "Allow statement added".into(),
            });
        }
    }
    let live_denies = of(live, "Deny");
    for d in of(desired, "Deny") {
        match closest_gaps(&live_denies, &d, |l| excess(l, &d)) {
            Some(gaps) => {
                for gap in gaps {
                    out.push(Widening {
                        kind: WideningKind::DenyNarrowed,
                        statement: d.summary(),
                        detail: gap.deny_text(),
                    });
                }
            }
            None => out.push(Widening {
                kind: WideningKind::DenyRemoved,
                statement: d.summary(),
                detail: "Deny statement removed".into(),
            }),
        }
    }
    out.sort_by(|a, b| (a.kind, &a.statement, &a.detail).cmp(&(b.kind, &b.statement, &b.detail)));
    out.dedup();
    out
}

/// `Some(empty)` when a candidate covers `target`; otherwise the gaps against the related
/// candidate (one sharing a principal, action, resource or condition value) with the fewest;
/// `None` when no candidate is related.
fn closest_gaps(
    candidates: &[Statement],
    target: &Statement,
    gaps_of: impl Fn(&Statement) -> Vec<GapFound>,
) -> Option<Vec<GapFound>> {
    if candidates.iter().any(|c| gaps_of(c).is_empty()) {
        return Some(Vec::new());
    }
    let te = target.elements();
    candidates
        .iter()
        .filter(|c| {
            let ce = c.elements();
            ce.iter()
                .any(|(k, v)| k != "Effect" && te.get(k).is_some_and(|t| !t.is_disjoint(v)))
        })
        .map(gaps_of)
        .min_by_key(Vec::len)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Gap {
    Principal,
    Action,
    Resource,
    ConditionMissing,
    ConditionWeaker,
}

/// Something `inner` matches that `outer` does not.
#[derive(Debug, Clone)]
struct GapFound {
    what: Gap,
    /// The value, or for conditions the key.
    subject: String,
    /// For conditions: outer's test, and inner's tests on the key.
    outer: Option<String>,
    inner: Vec<String>,
    /// For a weaker condition: what inner's tests accept that outer's does not (values, or
    /// "a request without the key").
    accepted: Vec<String>,
}

/// What a looser test on a Cognito trust key lets in, for the readable finding.
const KEY_CONSEQUENCES: [(&str, &str); 2] = [
    (
        "cognito-identity.amazonaws.com:aud",
        "identities of other identity pools can assume the role",
    ),
    (
        "cognito-identity.amazonaws.com:amr",
        "identities of another kind (guest or authenticated) can assume the role",
    ),
];

fn consequence(key: &str) -> String {
    KEY_CONSEQUENCES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, c)| format!(": {c}"))
        .unwrap_or_default()
}

impl GapFound {
    fn simple(what: Gap, subject: String) -> GapFound {
        GapFound {
            what,
            subject,
            outer: None,
            inner: Vec::new(),
            accepted: Vec::new(),
        }
    }

    /// Worded for an Allow: inner is live, outer is desired.
    fn allow_text(&self) -> String {
        let outer = self.outer.as_deref().unwrap_or("-");
        match self.what {
            Gap::Principal => format!("principal added: {}", self.subject),
            Gap::Action => format!("action added: {}", self.subject),
            Gap::Resource => format!("resource added: {}", self.subject),
            Gap::ConditionMissing => format!(
                "condition removed: {} is no longer tested{} (desired {outer})",
                self.subject,
                consequence(&self.subject)
            ),
            Gap::ConditionWeaker => format!(
                "condition loosened: {} now also accepts {}{} (desired {outer}; live {})",
                self.subject,
                self.accepted.join(", "),
                consequence(&self.subject),
                self.inner.join(" and ")
            ),
        }
    }

    /// Worded for a Deny: inner is desired, outer is live.
    fn deny_text(&self) -> String {
        let outer = self.outer.as_deref().unwrap_or("-");
        match self.what {
            Gap::Principal => format!("Deny no longer covers principal {}", self.subject),
            Gap::Action => format!("Deny no longer covers action {}", self.subject),
            Gap::Resource => format!("Deny no longer covers resource {}", self.subject),
            Gap::ConditionMissing => format!("Deny now applies only when {outer}"),
            Gap::ConditionWeaker => format!(
                "Deny condition narrowed: {} (desired {}, live {outer})",
                self.subject,
                self.inner.join(" and ")
            ),
        }
    }
}

/// What `inner` matches beyond `outer`: principals, actions, resources, and each condition test
/// of `outer` that no test of `inner` implies. Empty means `outer` matches everything `inner`
/// does.
fn excess(outer: &Statement, inner: &Statement) -> Vec<GapFound> {
    let flat = |p: &Option<BTreeMap<String, BTreeSet<String>>>| {
        p.as_ref().map(|m| {
            m.iter()
                .flat_map(|(k, vs)| vs.iter().map(move |v| format!("{k} {v}")))
                .collect::<BTreeSet<String>>()
        })
    };
    let principal_match = |pattern: &str, value: &str| pattern == value || pattern == "AWS *";
    let mut out = Vec::new();
    for (what, o_pos, o_neg, i_pos, i_neg, matcher) in [
        (
            Gap::Principal,
            flat(&outer.principal),
            flat(&outer.not_principal),
            flat(&inner.principal),
            flat(&inner.not_principal),
            &principal_match as &dyn Fn(&str, &str) -> bool,
        ),
        (
            Gap::Action,
            outer.action.clone(),
            outer.not_action.clone(),
            inner.action.clone(),
            inner.not_action.clone(),
            &glob_match,
        ),
        (
            Gap::Resource,
            outer.resource.clone(),
            outer.not_resource.clone(),
            inner.resource.clone(),
            inner.not_resource.clone(),
            &glob_match,
        ),
    ] {
        for subject in scope_excess((o_pos, o_neg), (i_pos, i_neg), matcher) {
            out.push(GapFound::simple(what, subject));
        }
    }
    for o in &outer.condition {
        let on_key: Vec<&Condition> = inner.condition.iter().filter(|c| c.key == o.key).collect();
        if on_key.iter().any(|i| implies(i, o)) {
            continue;
        }
        out.push(GapFound {
            what: if on_key.is_empty() {
                Gap::ConditionMissing
            } else {
                Gap::ConditionWeaker
            },
            subject: o.key.clone(),
            outer: Some(o.to_string()),
            inner: on_key.iter().map(|c| c.to_string()).collect(),
            accepted: newly_accepted(o, &on_key),
        });
    }
    out
}

/// What `inner`'s tests on a key accept that `outer`'s test does not, in words.
fn newly_accepted(outer: &Condition, inner: &[&Condition]) -> Vec<String> {
    let (oq, ob, o_if) = operator_parts(&outer.operator);
    let mut out = BTreeSet::new();
    for i in inner {
        let (iq, ib, i_if) = operator_parts(&i.operator);
        if (i_if && !o_if) || (iq == "ForAllValues" && quantifier(oq) != "ForAllValues") {
            out.insert("a request without the key".to_string());
        }
        if is_negated(ib) {
            out.insert(format!("every value except {}", list_or(&i.values)));
            continue;
        }
        let string_like = matches!(family(ib), "string" | "arn") && family(ib) == family(ob);
        for v in &i.values {
            let covered = if string_like {
                string_covered(ib, v, ob, &outer.values)
            } else {
                ib == ob && outer.values.contains(v)
            };
            if !covered {
                out.insert(v.clone());
            }
        }
    }
    if out.is_empty() {
        out.insert("other values".to_string());
    }
    out.into_iter().collect()
}

fn list_or(values: &BTreeSet<String>) -> String {
    values.iter().cloned().collect::<Vec<_>>().join(" | ")
}

/// What an `inner` element (`Action` or `NotAction`...) matches beyond `outer`'s.
#[allow(clippy::type_complexity)]
fn scope_excess(
    outer: (Option<BTreeSet<String>>, Option<BTreeSet<String>>),
    inner: (Option<BTreeSet<String>>, Option<BTreeSet<String>>),
    matches: &dyn Fn(&str, &str) -> bool,
) -> Vec<String> {
    let covered = |set: &BTreeSet<String>, v: &str| set.iter().any(|p| matches(p, v));
    match (outer, inner) {
        ((None, None), _) => Vec::new(),
        ((Some(o), _), (Some(i), _)) => i.into_iter().filter(|v| !covered(&o, v)).collect(),
        ((_, Some(on)), (_, Some(inn))) => on
            .into_iter()
            .filter(|v| !covered(&inn, v))
            .map(|v| format!("{v} (no longer excluded)"))
            .collect(),
        ((None, Some(on)), (Some(i), None)) => i
            .into_iter()
            .filter(|v| on.iter().any(|x| matches(x, v) || matches(v, x)))
            .map(|v| format!("{v} (excluded in desired)"))
            .collect(),
        ((Some(o), None), (None, Some(inn))) => {
            if o.iter().any(|p| p == "*" || p == "AWS *") {
                Vec::new()
            } else {
                let except: Vec<String> = inn.into_iter().collect();
                vec![format!("everything except {}", except.join(", "))]
            }
        }
        (_, (None, None)) => vec!["everything (the element is gone)".to_string()],
    }
}

/// IAM wildcard matching: `*` any run, `?` one character, case-sensitive (action names are
/// already lower-cased; ARNs and condition values keep their case).
fn glob_match(pattern: &str, value: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let v: Vec<char> = value.chars().collect();
    let (mut pi, mut vi, mut star, mut mark) = (0, 0, None, 0);
    while vi < v.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == v[vi]) {
            pi += 1;
            vi += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = vi;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            vi = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|c| *c == '*')
}

/// The parts of an operator: `ForAnyValue:StringLikeIfExists` -> (`ForAnyValue`, `StringLike`,
/// true).
fn operator_parts(op: &str) -> (&str, &str, bool) {
    let (quantifier, rest) = match op.split_once(':') {
        Some((q, rest)) => (q, rest),
        None => ("", op),
    };
    match rest.strip_suffix("IfExists") {
        Some(base) => (quantifier, base, true),
        None => (quantifier, rest, false),
    }
}

fn is_negated(op: &str) -> bool {
    let (_, base, _) = operator_parts(op);
    base.contains("Not")
}

/// `ForAnyValue:` on a single-valued key is the plain operator.
fn quantifier(q: &str) -> &str {
    if q == "ForAnyValue" {
        ""
    } else {
        q
    }
}

/// Operators compared value by value with wildcards: the string and ARN families.
fn family(base: &str) -> &str {
    match base {
        "StringEquals" | "StringLike" | "StringEqualsIgnoreCase" => "string",
        "ArnEquals" | "ArnLike" => "arn",
        other => other,
    }
}

/// Whether every request `strong` accepts is accepted by `weak` (same key).
fn implies(strong: &Condition, weak: &Condition) -> bool {
    let (sq, sb, s_if) = operator_parts(&strong.operator);
    let (wq, wb, w_if) = operator_parts(&weak.operator);
    // `...IfExists` and `ForAllValues:` also pass when the key is absent.
    if s_if && !w_if {
        return false;
    }
    if quantifier(sq) != quantifier(wq) {
        return false;
    }
    if family(sb) != family(wb) {
        return false;
    }
    match family(sb) {
        "string" | "arn" => strong
            .values
            .iter()
            .all(|v| string_covered(sb, v, wb, &weak.values)),
        // Any other operator: values are alternatives (OR), or for a negated operator
        // exclusions (AND), compared as sets.
        _ if is_negated(sb) => weak.values.is_subset(&strong.values),
        _ => sb == wb && strong.values.is_subset(&weak.values),
    }
}

/// Whether everything `value` under operator `strong` accepts is accepted by one of `weak`'s
/// values under operator `weak_op`.
fn string_covered(strong: &str, value: &str, weak_op: &str, weak: &BTreeSet<String>) -> bool {
    let wildcards = |s: &str| s.contains('*') || s.contains('?');
    let like = |op: &str| matches!(op, "StringLike" | "ArnLike" | "ArnEquals");
    let ignore_case = |op: &str| op == "StringEqualsIgnoreCase";
    let literal = !ignore_case(strong) && (!like(strong) || !wildcards(value));
    weak.iter().any(|w| {
        if w == "*" && like(weak_op) {
            return true;
        }
        if literal {
            return if ignore_case(weak_op) {
                w.eq_ignore_ascii_case(value)
            } else if like(weak_op) {
                glob_match(w, value)
            } else {
                w == value
            };
        }
        if ignore_case(strong) {
            return ignore_case(weak_op) && w.eq_ignore_ascii_case(value);
        }
        // A pattern: covered by the same pattern, or by a prefix pattern it starts with.
        like(weak_op)
            && (w == value
                || w.strip_suffix('*')
                    .is_some_and(|prefix| !wildcards(prefix) && value.starts_with(prefix)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const POOL: &str = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718";
    const OTHER_POOL: &str = "us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba";
    const AUD: &str = "cognito-identity.amazonaws.com:aud";
    const AMR: &str = "cognito-identity.amazonaws.com:amr";

    fn parse(v: Value) -> Policy {
        match Policy::parse(&v) {
            Ok(p) => p,
            Err(e) => panic!("{v}: {e}"),
        }
    }

    fn assert_same(a: Value, b: Value) {
        let (pa, pb) = (parse(a.clone()), parse(b.clone()));
        assert_eq!(pa, pb, "\n{a}\n{b}");
        assert_eq!(diff(&pa, &pb), vec![]);
        assert_eq!(trust_widening(&pa, &pb), vec![]);
        assert_eq!(trust_widening(&pb, &pa), vec![]);
    }

    fn assert_differ(a: Value, b: Value) {
        let (pa, pb) = (parse(a.clone()), parse(b.clone()));
        assert_ne!(pa, pb, "\n{a}\n{b}");
        assert!(!diff(&pa, &pb).is_empty());
    }

    /// The Cognito trust policy Amplify and the console write, with `aud` and `amr` tests.
    fn trust(aud: Value, amr: Value) -> Value {
        json!({"Version": "2012-10-17", "Statement": [{
            "Sid": "CognitoAssume",
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {AUD: aud},
                "ForAnyValue:StringLike": {AMR: amr}
            }
        }]})
    }

    fn shop_trust() -> Value {
        trust(json!(POOL), json!("authenticated"))
    }

    fn push_statement(doc: &mut Value, statement: Value) {
        match doc["Statement"].as_array_mut() {
            Some(list) => list.push(statement),
            None => panic!("no statement list in {doc}"),
        }
    }

    fn kinds(w: &[Widening]) -> Vec<WideningKind> {
        w.iter().map(|w| w.kind).collect()
    }

    fn widening(desired: Value, live: Value) -> Vec<Widening> {
        trust_widening(&parse(desired), &parse(live))
    }

    // ---- equal but spelled differently: each rule of the canonical form ----

    #[test]
    fn json_text_and_url_encoded_text_equal_the_object() {
        let doc = shop_trust();
        let text = doc.to_string();
        let encoded: String = text
            .bytes()
            .map(|b| match b {
                b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    (b as char).to_string()
                }
                _ => format!("%{b:02X}"),
            })
            .collect();
        assert!(encoded.starts_with("%7B%22"), "{encoded}");
        assert_same(doc.clone(), json!(text));
        assert_same(doc, json!(encoded));
    }

    #[test]
    fn one_statement_object_equals_a_list_of_one() {
        let list = shop_trust();
        let mut one = list.clone();
        one["Statement"] = list["Statement"][0].clone();
        assert_same(list, one);
    }

    #[test]
    fn a_string_equals_a_list_of_one_in_every_element() {
        assert_same(
            json!({"Statement": {"Effect": "Allow", "Action": "s3:GetObject",
                   "Resource": "arn:aws:s3:::b/*", "Principal": {"AWS": "111122223333", "Service": "lambda.amazonaws.com"}}}),
            json!({"Statement": [{"Effect": "Allow", "Action": ["s3:GetObject"],
                   "Resource": ["arn:aws:s3:::b/*"], "Principal": {"AWS": ["111122223333"], "Service": ["lambda.amazonaws.com"]}}]}),
        );
        assert_same(
            json!({"Statement": {"Effect": "Deny", "NotAction": "iam:*", "NotResource": "arn:aws:iam::*:role/x",
                   "NotPrincipal": {"AWS": "arn:aws:iam::111122223333:role/admin"}}}),
            json!({"Statement": {"Effect": "Deny", "NotAction": ["iam:*"], "NotResource": ["arn:aws:iam::*:role/x"],
                   "NotPrincipal": {"AWS": ["arn:aws:iam::111122223333:role/admin"]}}}),
        );
    }

    #[test]
    fn order_of_statements_and_of_values_does_not_matter() {
        let a = json!({"Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": ["arn:aws:s3:::a/*", "arn:aws:s3:::b/*"]},
            {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"}]});
        let b = json!({"Statement": [
            {"Effect": "Deny", "Action": "s3:DeleteObject", "Resource": "*"},
            {"Resource": ["arn:aws:s3:::b/*", "arn:aws:s3:::a/*"], "Action": ["s3:PutObject", "s3:GetObject"], "Effect": "Allow"}]});
        assert_same(a, b);
        assert_same(
            trust(json!([POOL, OTHER_POOL]), json!("authenticated")),
            trust(json!([OTHER_POOL, POOL]), json!("authenticated")),
        );
    }

    #[test]
    fn sid_is_a_label_and_is_ignored() {
        let with = shop_trust();
        let mut without = with.clone();
        without["Statement"][0]
            .as_object_mut()
            .map(|s| s.remove("Sid"));
        assert_eq!(without["Statement"][0].get("Sid"), None);
        assert_same(with.clone(), without);
        let mut renamed = with.clone();
        renamed["Statement"][0]["Sid"] = json!("SomethingElse");
        assert_same(with, renamed);
    }

    #[test]
    fn version_matters_only_with_policy_variables() {
        let mut absent = shop_trust();
        absent.as_object_mut().map(|d| d.remove("Version"));
        let mut old = shop_trust();
        old["Version"] = json!("2008-10-17");
        assert_same(shop_trust(), absent.clone());
        assert_same(shop_trust(), old);
        // With `${aws:username}`, 2008-10-17 (or absent) reads it literally: a difference.
        let vars = |version: Option<&str>| {
            let mut doc = json!({"Statement": {"Effect": "Allow", "Action": "s3:*",
                "Resource": "arn:aws:s3:::home/${aws:username}/*"}});
            if let Some(v) = version {
                doc["Version"] = json!(v);
            }
            doc
        };
        assert_same(vars(None), vars(Some("2008-10-17")));
        assert_differ(vars(Some("2012-10-17")), vars(None));
        assert_eq!(
            diff(&parse(vars(Some("2012-10-17"))), &parse(vars(None))),
            vec![PolicyDifference::VersionChanged {
                desired: Some("2012-10-17".into()),
                live: Some("2008-10-17".into())
            }]
        );
    }

    #[test]
    fn principal_star_equals_aws_star() {
        let s = |p: Value| json!({"Statement": {"Effect": "Allow", "Principal": p, "Action": "sts:AssumeRole"}});
        assert_same(s(json!("*")), s(json!({"AWS": "*"})));
        assert_same(s(json!("*")), s(json!({"AWS": ["*"]})));
    }

    #[test]
    fn an_account_id_equals_its_root_arn_in_any_partition() {
        let s = |p: Value| json!({"Statement": {"Effect": "Allow", "Principal": {"AWS": p}, "Action": "sts:AssumeRole"}});
        assert_same(
            s(json!("111122223333")),
            s(json!("arn:aws:iam::111122223333:root")),
        );
        assert_same(
            s(json!("111122223333")),
            s(json!("arn:aws-cn:iam::111122223333:root")),
        );
        // A role in the account is not the account.
        assert_differ(
            s(json!("111122223333")),
            s(json!("arn:aws:iam::111122223333:role/root")),
        );
    }

    #[test]
    fn action_names_are_case_insensitive() {
        let s = |a: Value| json!({"Statement": {"Effect": "Allow", "Action": a, "Resource": "*"}});
        assert_same(
            s(json!("iam:ListAccessKeys")),
            s(json!("IAM:listaccesskeys")),
        );
        assert_same(
            s(json!(["STS:AssumeRoleWithWebIdentity"])),
            s(json!("sts:assumerolewithwebidentity")),
        );
    }

    #[test]
    fn condition_keys_are_case_insensitive_values_are_not() {
        let s = |k: &str, v: &str| {
            json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringEquals": {k: v}}}})
        };
        assert_same(s("aws:SourceIP", "x"), s("AWS:SourceIp", "x"));
        assert_same(
            trust(json!(POOL), json!("authenticated")),
            json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {"StringEquals": {"Cognito-Identity.amazonaws.com:AUD": POOL},
                              "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:Amr": ["authenticated"]}}}]}),
        );
        assert_differ(s("aws:username", "JohnDoe"), s("aws:username", "johndoe"));
        // ...except under the IgnoreCase operators.
        let ic = |v: &str| {
            json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
            "Condition": {"StringEqualsIgnoreCase": {"aws:username": v}}}})
        };
        assert_same(ic("JohnDoe"), ic("johndoe"));
    }

    #[test]
    fn condition_operator_names_keep_their_case() {
        let s = |op: &str| {
            json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
            "Condition": {op: {"aws:username": "x"}}}})
        };
        assert_differ(s("StringEquals"), s("stringequals"));
    }

    #[test]
    fn condition_values_as_string_list_bool_or_number() {
        assert_same(
            trust(json!(POOL), json!("authenticated")),
            trust(json!([POOL]), json!(["authenticated"])),
        );
        let b = |v: Value| {
            json!({"Statement": {"Effect": "Deny", "Action": "s3:*", "Resource": "*",
            "Condition": {"Bool": {"aws:SecureTransport": v}}}})
        };
        assert_same(b(json!(false)), b(json!("false")));
        assert_same(b(json!(false)), b(json!(["false"])));
        let n = |v: Value| {
            json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*",
            "Condition": {"NumericLessThan": {"s3:max-keys": v}}}})
        };
        assert_same(n(json!(10)), n(json!("10")));
    }

    #[test]
    fn duplicate_values_and_statements_count_once() {
        assert_same(
            trust(
                json!([POOL, POOL]),
                json!(["authenticated", "authenticated"]),
            ),
            shop_trust(),
        );
        let mut twice = shop_trust();
        let st = twice["Statement"][0].clone();
        twice["Statement"] = json!([st.clone(), st]);
        assert_same(twice, shop_trust());
        let s = |a: Value| json!({"Statement": {"Effect": "Allow", "Action": a, "Resource": "*"}});
        assert_same(
            s(json!(["s3:GetObject", "S3:GetObject"])),
            s(json!("s3:getobject")),
        );
    }

    #[test]
    fn an_empty_condition_is_no_condition() {
        let s = json!({"Statement": {"Effect": "Allow", "Action": "s3:*", "Resource": "*"}});
        let mut e = s.clone();
        e["Statement"]["Condition"] = json!({});
        assert_same(s, e);
    }

    #[test]
    fn real_differences_stay_differences() {
        let s = |effect: &str, r: &str| json!({"Statement": {"Effect": effect, "Action": "s3:*", "Resource": r}});
        assert_differ(s("Allow", "arn:aws:s3:::b"), s("Deny", "arn:aws:s3:::b"));
        assert_differ(s("Allow", "arn:aws:s3:::b"), s("Allow", "arn:aws:s3:::B"));
        // An element we do not model is compared as written.
        let mut odd = s("Allow", "*");
        odd["Statement"]["Extra"] = json!({"a": 1});
        assert_differ(odd.clone(), s("Allow", "*"));
        assert_eq!(
            canonical(&odd)
                .ok()
                .map(|c| c["Statement"][0]["Extra"].clone()),
            Some(json!({"a": 1}))
        );
    }

    #[test]
    fn canonical_json_is_sorted_lists_everywhere() {
        let got = canonical(
            &json!({"Version": "2012-10-17", "Statement": {"Sid": "x", "Effect": "Allow",
            "Principal": "*", "Action": ["S3:PutObject", "s3:GetObject"], "Resource": "arn:aws:s3:::b/*",
            "Condition": {"StringEquals": {"AWS:SourceAccount": "111122223333"}}}}),
        );
        assert_eq!(
            got,
            Ok(
                json!({"Statement": [{"Effect": "Allow", "Principal": {"AWS": ["*"]},
                "Action": ["s3:getobject", "s3:putobject"], "Resource": ["arn:aws:s3:::b/*"],
                "Condition": {"StringEquals": {"aws:sourceaccount": ["111122223333"]}}}]})
            )
        );
        assert_eq!(
            equivalent(&shop_trust(), &json!(shop_trust().to_string())),
            Ok(true)
        );
    }

    #[test]
    fn malformed_documents_are_errors_naming_the_element() {
        let err = |v: Value| Policy::parse(&v).err().map(|e| e.to_string());
        assert_eq!(
            err(json!({"Statement": [{"Effect": "Allow", "Action": 5}]})),
            Some("Statement[0].Action: expected a string or a list of strings".into())
        );
        assert_eq!(
            err(json!({"Version": "2012-10-17"})),
            Some("Statement: expected a statement object or a list of them".into())
        );
        assert_eq!(
            err(json!({"Statement": {"Effect": "Allow", "Principal": "someone"}})),
            Some("Statement.Principal: expected \"*\" or an object of principal types".into())
        );
        assert_eq!(
            err(json!({"Statement": {"Effect": "Allow", "Condition": {"StringEquals": {"k": {"x": 1}}}}})),
            Some("Statement.Condition.StringEquals.k: expected a string, number or boolean, or a list of them".into())
        );
        assert_eq!(
            err(Value::Null),
            Some("policy document: expected a JSON object".into())
        );
        assert!(
            err(json!("%7Bnot json")).is_some_and(|e| e.starts_with("policy document is not JSON"))
        );
        // An unresolved template intrinsic is not a policy value.
        assert!(err(
            json!({"Statement": {"Effect": "Allow", "Resource": {"Fn::GetAtt": ["B", "Arn"]}}})
        )
        .is_some());
    }

    // ---- diff ----

    #[test]
    fn diff_names_statements_and_values_added_and_removed() {
        let desired = parse(json!({"Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::b/*"},
            {"Effect": "Deny", "Action": "s3:DeleteBucket", "Resource": "*"}]}));
        let live = parse(json!({"Statement": [
            {"Effect": "Allow", "Action": ["s3:GetObject", "s3:PutObject"], "Resource": "arn:aws:s3:::b/*"},
            {"Effect": "Allow", "Action": "sqs:SendMessage", "Resource": "arn:aws:sqs:us-east-1:111122223333:q"}]}));
        let d = diff(&desired, &live);
        let text: Vec<String> = d.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            vec![
                "statement changed: Allow s3:getobject on arn:aws:s3:::b/*\n  Action: added s3:putobject",
                "statement removed (desired only): Deny s3:deletebucket on *",
                "statement added (live only): Allow sqs:sendmessage on arn:aws:sqs:us-east-1:111122223333:q",
            ]
        );
        assert_eq!(diff(&live, &live), vec![]);
    }

    // ---- trust widening: each rule ----

    #[test]
    fn equal_trust_policies_never_widen() {
        assert_eq!(widening(shop_trust(), shop_trust()), vec![]);
    }

    #[test]
    fn a_principal_added_widens() {
        let mut live = shop_trust();
        live["Statement"][0]["Principal"] =
            json!({"Federated": ["cognito-identity.amazonaws.com", "accounts.google.com"]});
        let w = widening(shop_trust(), live);
        assert_eq!(kinds(&w), vec![WideningKind::PrincipalAdded]);
        assert_eq!(
            w[0].detail,
            "principal added: Federated accounts.google.com"
        );
    }

    #[test]
    fn an_allow_statement_added_widens() {
        let mut live = shop_trust();
        push_statement(
            &mut live,
            json!({"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::444455556666:root"}, "Action": "sts:AssumeRole"}),
        );
        let w = widening(shop_trust(), live);
        assert_eq!(kinds(&w), vec![WideningKind::AllowStatementAdded]);
        assert_eq!(w[0].statement, "Allow sts:assumerole by AWS 444455556666");
    }

    #[test]
    fn an_aud_or_amr_condition_removed_widens() {
        for key in [AUD, AMR] {
            let mut live = shop_trust();
            if let Some(c) = live["Statement"][0]["Condition"].as_object_mut() {
                c.retain(|_, tests| tests.get(key).is_none());
            }
            let w = widening(shop_trust(), live);
            assert_eq!(kinds(&w), vec![WideningKind::ConditionRemoved], "{key}");
            assert!(
                w[0].detail
                    .starts_with(&format!("condition removed: {key}")),
                "{}",
                w[0].detail
            );
        }
    }

    #[test]
    fn aud_changed_to_another_pool_widens() {
        let w = widening(
            shop_trust(),
            trust(json!(OTHER_POOL), json!("authenticated")),
        );
        assert_eq!(kinds(&w), vec![WideningKind::ConditionLoosened]);
        assert_eq!(
            w[0].detail,
            format!(
                "condition loosened: {AUD} now also accepts {OTHER_POOL}: identities of other identity \
                 pools can assume the role (desired StringEquals {AUD} = {POOL}; live StringEquals {AUD} = {OTHER_POOL})"
            )
        );
        // Another pool added next to ours is a widening too.
        let w = widening(
            shop_trust(),
            trust(json!([POOL, OTHER_POOL]), json!("authenticated")),
        );
        assert_eq!(kinds(&w), vec![WideningKind::ConditionLoosened]);
    }

    #[test]
    fn string_equals_to_string_like_with_a_wildcard_widens() {
        let live = json!({"Statement": [{"Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringLike": {AUD: "us-east-1:*"},
                          "ForAnyValue:StringLike": {AMR: "authenticated"}}}]});
        assert_eq!(
            kinds(&widening(shop_trust(), live)),
            vec![WideningKind::ConditionLoosened]
        );
        // StringLike without a wildcard is StringEquals.
        let same = json!({"Statement": [{"Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {"StringLike": {AUD: POOL}, "ForAnyValue:StringLike": {AMR: "authenticated"}}}]});
        assert_eq!(widening(shop_trust(), same), vec![]);
    }

    #[test]
    fn amr_any_value_like_star_or_unauthenticated_widens() {
        for amr in [
            json!("*"),
            json!("unauthenticated"),
            json!(["authenticated", "unauthenticated"]),
        ] {
            let w = widening(shop_trust(), trust(json!(POOL), amr.clone()));
            assert_eq!(kinds(&w), vec![WideningKind::ConditionLoosened], "{amr}");
            assert!(
                w[0].detail
                    .contains("identities of another kind (guest or authenticated)"),
                "{}",
                w[0].detail
            );
        }
    }

    #[test]
    fn if_exists_and_for_all_values_widen() {
        let with_op = |op: &str| {
            json!({"Statement": [{"Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {op: {AUD: POOL}, "ForAnyValue:StringLike": {AMR: "authenticated"}}}]})
        };
        for op in ["StringEqualsIfExists", "ForAllValues:StringEquals"] {
            let w = widening(shop_trust(), with_op(op));
            assert_eq!(kinds(&w), vec![WideningKind::ConditionLoosened], "{op}");
            assert!(
                w[0].detail
                    .contains("now also accepts a request without the key:"),
                "{}",
                w[0].detail
            );
        }
        // ForAnyValue on a single-valued key is the plain operator.
        assert_eq!(
            widening(shop_trust(), with_op("ForAnyValue:StringEquals")),
            vec![]
        );
    }

    #[test]
    fn an_action_added_widens() {
        let mut live = shop_trust();
        live["Statement"][0]["Action"] = json!(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]);
        let w = widening(shop_trust(), live);
        assert_eq!(kinds(&w), vec![WideningKind::ActionAdded]);
        assert_eq!(w[0].detail, "action added: sts:tagsession");
    }

    fn with_deny(deny: Value) -> Value {
        let mut doc = shop_trust();
        push_statement(&mut doc, deny);
        doc
    }

    fn guest_deny() -> Value {
        json!({"Effect": "Deny", "Principal": {"Federated": "cognito-identity.amazonaws.com"},
               "Action": "sts:AssumeRoleWithWebIdentity",
               "Condition": {"ForAnyValue:StringLike": {AMR: "unauthenticated"}}})
    }

    #[test]
    fn a_deny_removed_or_narrowed_widens() {
        let w = widening(with_deny(guest_deny()), shop_trust());
        assert_eq!(kinds(&w), vec![WideningKind::DenyRemoved]);
        // The deny now applies only to one extra condition: it covers less.
        let mut narrowed = guest_deny();
        narrowed["Condition"]["StringEquals"] = json!({AUD: OTHER_POOL});
        let w = widening(with_deny(guest_deny()), with_deny(narrowed));
        assert_eq!(kinds(&w), vec![WideningKind::DenyNarrowed]);
        assert_eq!(
            w[0].detail,
            format!("Deny now applies only when StringEquals {AUD} = {OTHER_POOL}")
        );
    }

    // ---- narrowing is drift, not widening ----

    #[test]
    fn narrowing_is_drift_but_not_widening() {
        let narrowings = [
            // a second pool removed from aud
            (
                trust(json!([POOL, OTHER_POOL]), json!("authenticated")),
                shop_trust(),
            ),
            // a wildcard pattern replaced by the exact pool
            (trust(json!(POOL), json!("*")), shop_trust()),
            // a principal removed
            (
                {
                    let mut d = shop_trust();
                    d["Statement"][0]["Principal"] = json!({"Federated": ["cognito-identity.amazonaws.com", "accounts.google.com"]});
                    d
                },
                shop_trust(),
            ),
            // a condition added
            (shop_trust(), {
                let mut l = shop_trust();
                l["Statement"][0]["Condition"]["StringEquals"]["aws:SourceAccount"] =
                    json!("111122223333");
                l
            }),
            // an action removed
            (
                {
                    let mut d = shop_trust();
                    d["Statement"][0]["Action"] =
                        json!(["sts:AssumeRoleWithWebIdentity", "sts:TagSession"]);
                    d
                },
                shop_trust(),
            ),
            // a deny added, or widened
            (shop_trust(), with_deny(guest_deny())),
            (
                with_deny(guest_deny()),
                with_deny({
                    let mut d = guest_deny();
                    d["Condition"] = json!({});
                    d
                }),
            ),
            // the whole statement removed: nobody can assume the role
            (shop_trust(), json!({"Statement": []})),
        ];
        for (desired, live) in narrowings {
            let (d, l) = (parse(desired.clone()), parse(live.clone()));
            assert!(!diff(&d, &l).is_empty(), "no drift:\n{desired}\n{live}");
            assert_eq!(trust_widening(&d, &l), vec![], "\n{desired}\n{live}");
        }
    }

    #[test]
    fn a_live_statement_within_a_broader_desired_one_is_not_widening() {
        let broad = json!({"Statement": [
            {"Effect": "Allow", "Principal": "*", "Action": "sts:*"},
            {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"}, "Action": "sts:AssumeRole"}]});
        assert_eq!(widening(broad.clone(), shop_trust()), vec![]);
        assert!(!diff(&parse(broad), &parse(shop_trust())).is_empty());
    }

    #[test]
    fn wildcards_match_like_iam() {
        assert!(glob_match("sts:*", "sts:assumerole"));
        assert!(glob_match("s?:get*", "s3:getobject"));
        assert!(!glob_match("s3:get*", "s3:putobject"));
        assert!(glob_match("*", ""));
        assert!(!glob_match("a", ""));
    }
}
