//! `amplify/auth/resource.ts` with Amplify Gen2's `referenceAuth({...})` for one user pool, app
//! client and identity pool: literal ids, or (`--env PREFIX`) values read from environment
//! variables whose names [`env_var_names`] lists for `cogref emit env`.

use crate::model::{AppClient, IdentityPool, UserPool};
use std::collections::BTreeMap;

/// An error that makes the file impossible to write correctly.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReferenceAuthError {
    #[error("identity pool {0} has no {1} role: referenceAuth needs both roles")]
    MissingRole(String, &'static str),
    #[error("--env {0:?}: a prefix is letters, digits and underscores, starting with a letter")]
    BadPrefix(String),
    #[error("groups {0:?} and {1:?} map to the same environment variable {2}")]
    GroupVariableClash(String, String, String),
}

/// What goes into `referenceAuth({...})`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReferenceAuthValues {
    pub user_pool_id: String,
    pub identity_pool_id: String,
    pub user_pool_client_id: String,
    pub auth_role_arn: String,
    pub unauth_role_arn: String,
    /// Group name -> role ARN, for every pool group that has a role.
    pub groups: BTreeMap<String, String>,
}

impl ReferenceAuthValues {
    /// Values from the snapshot; explicit role ARNs (checked by `cogref check`) win over the
    /// identity pool's.
    pub fn from_combination(
        pool: &UserPool,
        client: &AppClient,
        ip: &IdentityPool,
        auth_role: Option<&str>,
        unauth_role: Option<&str>,
    ) -> Result<Self, ReferenceAuthError> {
        let auth = auth_role
            .or(ip.auth_role())
            .ok_or_else(|| ReferenceAuthError::MissingRole(ip.id.clone(), "authenticated"))?;
        let unauth = unauth_role
            .or(ip.unauth_role())
            .ok_or_else(|| ReferenceAuthError::MissingRole(ip.id.clone(), "unauthenticated"))?;
        Ok(ReferenceAuthValues {
            user_pool_id: pool.id.clone(),
            identity_pool_id: ip.id.clone(),
            user_pool_client_id: client.id.clone(),
            auth_role_arn: auth.to_string(),
            unauth_role_arn: unauth.to_string(),
            groups: pool
                .groups
                .iter()
                .filter_map(|g| Some((g.name.clone(), g.role_arn.clone()?)))
                .collect(),
        })
    }
}

/// Checks an `--env` prefix: `[A-Za-z][A-Za-z0-9_]*`.
pub fn validate_prefix(prefix: &str) -> Result<(), ReferenceAuthError> {
    let ok = prefix
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && prefix
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_');
    if ok {
        Ok(())
    } else {
        Err(ReferenceAuthError::BadPrefix(prefix.to_string()))
    }
}

/// The environment variable of a group's role: `PREFIX_GROUP_<NAME>_ROLE_ARN`, the name upper-
/// cased with every other character than a letter or digit turned into `_`.
pub fn group_variable(prefix: &str, group: &str) -> String {
    let name: String = group
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() {
                c.to_ascii_uppercase()
            } else {
                '_'
            }
        })
        .collect();
    format!("{prefix}_GROUP_{name}_ROLE_ARN")
}

/// Every variable the `--env` style reads, with its value, in file order: the five ids then one
/// per group. Errors when two groups would share a variable.
pub fn env_variables(
    values: &ReferenceAuthValues,
    prefix: &str,
) -> Result<Vec<(String, String)>, ReferenceAuthError> {
    validate_prefix(prefix)?;
    let mut vars = vec![
        (
            format!("{prefix}_USER_POOL_ID"),
            values.user_pool_id.clone(),
        ),
        (
            format!("{prefix}_USER_POOL_CLIENT_ID"),
            values.user_pool_client_id.clone(),
        ),
        (
            format!("{prefix}_IDENTITY_POOL_ID"),
            values.identity_pool_id.clone(),
        ),
        (
            format!("{prefix}_AUTH_ROLE_ARN"),
            values.auth_role_arn.clone(),
        ),
        (
            format!("{prefix}_UNAUTH_ROLE_ARN"),
            values.unauth_role_arn.clone(),
        ),
    ];
    let mut seen: BTreeMap<String, &str> = BTreeMap::new();
    for (group, arn) in &values.groups {
        let var = group_variable(prefix, group);
        if let Some(other) = seen.insert(var.clone(), group) {
            return Err(ReferenceAuthError::GroupVariableClash(
                other.to_string(),
                group.clone(),
                var,
            ));
        }
        vars.push((var, arn.clone()));
    }
    Ok(vars)
}

/// The names of [`env_variables`], for telling users what to set.
pub fn env_var_names(
    values: &ReferenceAuthValues,
    prefix: &str,
) -> Result<Vec<String>, ReferenceAuthError> {
    Ok(env_variables(values, prefix)?
        .into_iter()
        .map(|(k, _)| k)
        .collect())
}

/// A TypeScript single-quoted string literal.
pub(crate) fn ts_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('\'');
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\'' => out.push_str("\\'"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('\'');
    out
}

/// An object key: bare when it is a plain identifier, quoted otherwise.
pub(crate) fn ts_key(s: &str) -> String {
    let plain = s
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if plain {
        s.to_string()
    } else {
        ts_string(s)
    }
}

/// The header comment naming what the file was written from.
fn header(pool: &UserPool, client: &AppClient, ip: &IdentityPool) -> String {
    format!(
        "// Written by `cogref emit reference-auth` for user pool {} ({}),\n// app client {} ({}) and identity pool {} ({}).\n// Check again before deploying: cogref check --pool {} --client {} --identity-pool {}\n",
        pool.name, pool.id, client.name, client.id, ip.name, ip.id, pool.id, client.id, ip.id
    )
}

/// `resource.ts` with literal ids and ARNs.
pub fn literal(
    values: &ReferenceAuthValues,
    pool: &UserPool,
    client: &AppClient,
    ip: &IdentityPool,
) -> String {
    let mut out = header(pool, client, ip);
    out.push_str("import { referenceAuth } from '@aws-amplify/backend';\n\nexport const auth = referenceAuth({\n");
    for (key, value) in [
        ("userPoolId", &values.user_pool_id),
        ("identityPoolId", &values.identity_pool_id),
        ("userPoolClientId", &values.user_pool_client_id),
        ("authRoleArn", &values.auth_role_arn),
        ("unauthRoleArn", &values.unauth_role_arn),
    ] {
        out.push_str(&format!("  {key}: {},\n", ts_string(value)));
    }
    if !values.groups.is_empty() {
        out.push_str("  groups: {\n");
        for (name, arn) in &values.groups {
            out.push_str(&format!("    {}: {},\n", ts_key(name), ts_string(arn)));
        }
        out.push_str("  },\n");
    }
    out.push_str("});\n");
    out
}

/// `resource.ts` reading every value from `PREFIX_*` environment variables; a missing variable
/// stops the synth with its name instead of deploying an empty id.
pub fn from_env(
    values: &ReferenceAuthValues,
    prefix: &str,
    pool: &UserPool,
) -> Result<String, ReferenceAuthError> {
    let vars = env_variables(values, prefix)?;
    let mut out = format!(
        "// Written by `cogref emit reference-auth --env {prefix}` from user pool {}.\n// Every id and ARN comes from {prefix}_* environment variables, set per branch with\n// `cogref emit env --prefix {prefix}`; check each branch with `cogref check`.\n",
        pool.name
    );
    out.push_str(&format!(
        "import {{ referenceAuth }} from '@aws-amplify/backend';\n\nfunction required(name: string): string {{\n  const value = process.env[name];\n  if (!value) {{\n    throw new Error(`environment variable ${{name}} is not set (cogref emit env --prefix {prefix} writes it)`);\n  }}\n  return value;\n}}\n\nexport const auth = referenceAuth({{\n"
    ));
    let keys = [
        "userPoolId",
        "userPoolClientId",
        "identityPoolId",
        "authRoleArn",
        "unauthRoleArn",
    ];
    for (key, (var, _)) in keys.iter().zip(vars.iter()) {
        out.push_str(&format!("  {key}: required({}),\n", ts_string(var)));
    }
    if !values.groups.is_empty() {
        out.push_str("  groups: {\n");
        for name in values.groups.keys() {
            out.push_str(&format!(
                "    {}: required({}),\n",
                ts_key(name),
                ts_string(&group_variable(prefix, name))
            ));
        }
        out.push_str("  },\n");
    }
    out.push_str("});\n");
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::{sample, SHOP, SHOP_IDENTITY, SHOP_WEB};

    fn shop_values() -> (crate::model::Snapshot, ReferenceAuthValues) {
        let s = sample();
        let pool = s.user_pool(SHOP).unwrap();
        let v = ReferenceAuthValues::from_combination(
            pool,
            pool.client(SHOP_WEB).unwrap(),
            s.identity_pool(SHOP_IDENTITY).unwrap(),
            None,
            None,
        )
        .unwrap();
        (s, v)
    }

    #[test]
    fn groups_are_those_with_a_role() {
        let (_, v) = shop_values();
        assert_eq!(v.groups.keys().collect::<Vec<_>>(), ["admins", "staff"]);
        assert_eq!(
            v.auth_role_arn,
            "arn:aws:iam::123456789012:role/shop-auth-role"
        );
    }

    #[test]
    fn strings_and_keys_are_escaped() {
        assert_eq!(ts_string("a'b\\c"), "'a\\'b\\\\c'");
        assert_eq!(ts_key("admins"), "admins");
        assert_eq!(ts_key("shop admins"), "'shop admins'");
        assert_eq!(ts_key("9lives"), "'9lives'");
    }

    #[test]
    fn env_variable_names() {
        let (_, mut v) = shop_values();
        let names = env_var_names(&v, "SHOP").unwrap();
        assert_eq!(
            names,
            [
                "SHOP_USER_POOL_ID",
                "SHOP_USER_POOL_CLIENT_ID",
                "SHOP_IDENTITY_POOL_ID",
                "SHOP_AUTH_ROLE_ARN",
                "SHOP_UNAUTH_ROLE_ARN",
                "SHOP_GROUP_ADMINS_ROLE_ARN",
                "SHOP_GROUP_STAFF_ROLE_ARN"
            ]
        );
        assert!(validate_prefix("9X").is_err());
        assert!(validate_prefix("A-B").is_err());
        v.groups.insert("Admins".into(), "arn:x".into());
        assert!(matches!(
            env_var_names(&v, "SHOP"),
            Err(ReferenceAuthError::GroupVariableClash(..))
        ));
    }

    #[test]
    fn a_missing_role_is_an_error() {
        let s = sample();
        let partner = s
            .user_pools
            .iter()
            .find(|p| p.name == "partner-portal")
            .unwrap();
        let ip = s
            .identity_pools
            .iter()
            .find(|p| p.name == "partner_identity")
            .unwrap();
        let err =
            ReferenceAuthValues::from_combination(partner, &partner.clients[1], ip, None, None)
                .unwrap_err();
        assert!(err.to_string().contains("no unauthenticated role"), "{err}");
    }
}
