//! The Cognito mutability rules, embedded as data: for each CloudFormation property path, whether
//! a change is applied in place, needs a new resource, or can never be applied, with evidence.
//!
//! Source: `cognito-mutability.json` beside this file is a verbatim copy of the project's
//! checked reference `shared/reference/cognito-mutability.json` (botocore 1.44.5 Create vs
//! Update members, the cfn-lint 1.58.0 registry schemas, the Cognito developer guide and the
//! Terraform provider; see each row's `evidence`). Update it by copying the reference again;
//! the unit tests below check that it parses and covers every path drift compares.
//!
//! `cognito-mutability-extra.json` adds the rows the reference lacks (the types
//! `AWS::Cognito::ManagedLoginBranding` and `AWS::Cognito::IdentityPoolPrincipalTag`), each
//! with its evidence, taken from the registry schemas' `createOnlyProperties` /
//! `readOnlyProperties` and the API's update calls. A row of the reference always wins.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::OnceLock;

const RULES_JSON: &str = include_str!("cognito-mutability.json");
const EXTRA_RULES_JSON: &str = include_str!("cognito-mutability-extra.json");

/// What Cognito allows for a change of one property.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An update call changes it on the existing resource.
    InPlace,
    /// Only set at creation: a change needs a new resource.
    CreateOnly,
    /// Entries can be added, never removed or changed (the user pool schema).
    AppendOnly,
    /// Can never change once set.
    Never,
    /// Server-managed; never drift.
    ReadOnly,
}

impl Rule {
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::InPlace => "in_place",
            Rule::CreateOnly => "create_only",
            Rule::AppendOnly => "append_only",
            Rule::Never => "never",
            Rule::ReadOnly => "read_only",
        }
    }
}

/// One row of the table.
#[derive(Debug, Clone, Deserialize)]
pub struct MutabilityRule {
    pub resource_type: String,
    pub property: String,
    #[serde(default)]
    pub api_field: String,
    pub rule: Rule,
    #[serde(default)]
    pub evidence: String,
    #[serde(default)]
    pub notes: Option<String>,
    #[serde(default)]
    pub unconfirmed: Option<String>,
}

/// The parsed table, keyed by (resource type, property path with `[]` for list elements).
#[derive(Debug)]
pub struct MutabilityTable {
    rows: BTreeMap<(String, String), MutabilityRule>,
}

#[derive(Debug, thiserror::Error)]
#[error("embedded cognito-mutability.json is invalid: {0}")]
pub struct TableError(String);

impl MutabilityTable {
    pub fn parse(json: &str) -> Result<Self, TableError> {
        let rows: Vec<MutabilityRule> =
            serde_json::from_str(json).map_err(|e| TableError(e.to_string()))?;
        let mut map = BTreeMap::new();
        for row in rows {
            // Rows for API fields CloudFormation lacks are named `(not in CFN schema) Name`;
            // no drift path ever looks them up.
            map.insert((row.resource_type.clone(), row.property.clone()), row);
        }
        Ok(MutabilityTable { rows: map })
    }

    /// The embedded table, parsed once.
    pub fn embedded() -> &'static MutabilityTable {
        static TABLE: OnceLock<MutabilityTable> = OnceLock::new();
        TABLE.get_or_init(|| {
            // The file is part of the binary and covered by a unit test; an empty table would
            // only make every lookup fall back to "no rule".
            let mut table = MutabilityTable::parse(RULES_JSON).unwrap_or(MutabilityTable {
                rows: BTreeMap::new(),
            });
            if let Ok(extra) = MutabilityTable::parse(EXTRA_RULES_JSON) {
                for (k, row) in extra.rows {
                    table.rows.entry(k).or_insert(row);
                }
            }
            table
        })
    }

    /// The most specific rule for a drift path (`Schema[custom:tier].Mutable` looks up
    /// `Schema[].Mutable`, then `Schema[]`, then `Schema`).
    pub fn lookup(&self, resource_type: &str, path: &str) -> Option<&MutabilityRule> {
        let mut candidate = generic_path(path);
        loop {
            if let Some(row) = self
                .rows
                .get(&(resource_type.to_string(), candidate.clone()))
            {
                return Some(row);
            }
            if let Some(stripped) = candidate.strip_suffix("[]") {
                candidate = stripped.to_string();
                continue;
            }
            match candidate.rfind('.') {
                Some(i) => candidate.truncate(i),
                None => return None,
            }
        }
    }

    /// The evidence for a path: a row that only "inherits parent" gets its ancestors' evidence
    /// appended, so every finding carries a real source.
    pub fn evidence(&self, resource_type: &str, path: &str) -> Option<String> {
        let row = self.lookup(resource_type, path)?;
        let mut evidence = row.evidence.clone();
        let mut current = row.property.clone();
        while evidence.contains("inherits parent") || evidence == "inherits parent" {
            let parent = match current.rfind('.') {
                Some(i) => current[..i].trim_end_matches("[]").to_string(),
                None => break,
            };
            let Some(p) = self.lookup(resource_type, &parent) else {
                break;
            };
            if p.evidence.contains("inherits parent") && p.property == current {
                break;
            }
            evidence = format!("{evidence}; {}: {}", p.property, p.evidence);
            current = p.property.clone();
            if !p.evidence.contains("inherits parent") {
                break;
            }
        }
        Some(evidence)
    }

    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}

/// `Schema[custom:tier].Mutable` -> `Schema[].Mutable`.
fn generic_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0usize;
    for c in path.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push('[');
                }
                depth += 1;
            }
            ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    out.push(']');
                }
            }
            _ if depth > 0 => {}
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_table_parses() {
        let table = MutabilityTable::parse(RULES_JSON).unwrap();
        assert!(table.len() > 200, "{}", table.len());
        let extra = MutabilityTable::parse(EXTRA_RULES_JSON).unwrap();
        // The extra rows only add what the reference lacks.
        for k in extra.rows.keys() {
            assert!(!table.rows.contains_key(k), "{k:?} is in the reference");
        }
        assert_eq!(MutabilityTable::embedded().len(), table.len() + extra.len());
        let t = MutabilityTable::embedded();
        assert_eq!(
            t.lookup("AWS::Cognito::ManagedLoginBranding", "ClientId")
                .unwrap()
                .rule,
            Rule::CreateOnly
        );
        assert_eq!(
            t.lookup(
                "AWS::Cognito::IdentityPoolPrincipalTag",
                "PrincipalTags[dept]"
            )
            .unwrap()
            .rule,
            Rule::InPlace
        );
    }

    #[test]
    fn lookups_fall_back_to_the_parent_path() {
        let t = MutabilityTable::embedded();
        let pool = "AWS::Cognito::UserPool";
        assert_eq!(
            t.lookup(pool, "AliasAttributes").unwrap().rule,
            Rule::CreateOnly
        );
        assert_eq!(
            t.lookup(
                pool,
                "Schema[custom:tier].StringAttributeConstraints.MaxLength"
            )
            .unwrap()
            .rule,
            Rule::Never
        );
        assert_eq!(
            t.lookup(pool, "Schema[email].Required").unwrap().rule,
            Rule::CreateOnly
        );
        assert_eq!(
            t.lookup(pool, "Schema[custom:tier]").unwrap().rule,
            Rule::AppendOnly
        );
        assert_eq!(
            t.lookup(pool, "UserPoolTags[env]").unwrap().rule,
            Rule::InPlace
        );
        assert_eq!(
            t.lookup(pool, "Policies.PasswordPolicy.MinimumLength")
                .unwrap()
                .rule,
            Rule::InPlace
        );
        assert_eq!(
            t.lookup("AWS::Cognito::UserPoolClient", "GenerateSecret")
                .unwrap()
                .rule,
            Rule::CreateOnly
        );
        assert!(t.lookup(pool, "NoSuchProperty").is_none());
    }

    #[test]
    fn generic_paths_drop_keys() {
        assert_eq!(generic_path("Roles[authenticated]"), "Roles[]");
        assert_eq!(generic_path("A[x[y]].B"), "A[].B");
        assert_eq!(generic_path("Plain.Path"), "Plain.Path");
    }
}
