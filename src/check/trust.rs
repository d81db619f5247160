//! Reading IAM trust policies: does a role let identities of one identity pool assume it, with
//! the right `amr`? Pure functions over the parsed policy document kept in the snapshot.

use serde_json::Value;

/// The principal Cognito identity pools use to assume roles.
pub const COGNITO_IDENTITY: &str = "cognito-identity.amazonaws.com";
const AUD_KEY: &str = "cognito-identity.amazonaws.com:aud";
const AMR_KEY: &str = "cognito-identity.amazonaws.com:amr";

/// What is wrong with a role's trust policy for one identity pool and one `amr`, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustProblem {
    /// No Allow statement with `sts:AssumeRoleWithWebIdentity` for the federated principal
    /// `cognito-identity.amazonaws.com`.
    NoCognitoIdentityStatement,
    /// Such statements exist, but none has an `aud` condition naming this identity pool.
    /// Carries the `aud` values found (empty when there is no `aud` condition at all).
    AudMismatch(Vec<String>),
    /// The `aud` matches, but no statement restricts `amr` to the expected value. Carries the
    /// `amr` values found (empty when there is no `amr` condition).
    AmrMismatch(Vec<String>),
}

/// Checks `policy` for a statement that trusts `identity_pool_id` identities with `amr`
/// (`authenticated` or `unauthenticated`). `None` means the trust is right.
pub fn trust_problem(policy: &Value, identity_pool_id: &str, amr: &str) -> Option<TrustProblem> {
    let statements: Vec<&Value> = match policy.get("Statement") {
        Some(Value::Array(list)) => list.iter().collect(),
        Some(single @ Value::Object(_)) => vec![single],
        _ => Vec::new(),
    };
    let federated: Vec<&Value> = statements
        .into_iter()
        .filter(|s| s.get("Effect").and_then(Value::as_str) == Some("Allow"))
        .filter(|s| {
            strings(s.get("Action"))
                .iter()
                .any(|a| matches!(a.as_str(), "sts:AssumeRoleWithWebIdentity" | "sts:*" | "*"))
        })
        .filter(|s| {
            strings(s.get("Principal").and_then(|p| p.get("Federated")))
                .iter()
                .any(|p| p == COGNITO_IDENTITY)
        })
        .collect();
    if federated.is_empty() {
        return Some(TrustProblem::NoCognitoIdentityStatement);
    }
    let with_aud: Vec<&Value> = federated
        .iter()
        .copied()
        .filter(|s| {
            condition_values(s, AUD_KEY)
                .iter()
                .any(|v| v == identity_pool_id)
        })
        .collect();
    if with_aud.is_empty() {
        let mut found: Vec<String> = federated
            .iter()
            .flat_map(|s| condition_values(s, AUD_KEY))
            .collect();
        found.sort();
        found.dedup();
        return Some(TrustProblem::AudMismatch(found));
    }
    if with_aud
        .iter()
        .any(|s| condition_values(s, AMR_KEY).iter().any(|v| v == amr))
    {
        return None;
    }
    let mut found: Vec<String> = with_aud
        .iter()
        .flat_map(|s| condition_values(s, AMR_KEY))
        .collect();
    found.sort();
    found.dedup();
    Some(TrustProblem::AmrMismatch(found))
}

/// A string or an array of strings, as IAM allows for most fields.
fn strings(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(list)) => list
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// The values a statement's `Condition` gives `key` under any operator (`StringEquals`,
/// `ForAnyValue:StringLike`, ...). Condition keys are case-insensitive in IAM.
fn condition_values(statement: &Value, key: &str) -> Vec<String> {
    let Some(Value::Object(operators)) = statement.get("Condition") else {
        return Vec::new();
    };
    operators
        .values()
        .filter_map(Value::as_object)
        .flat_map(|keys| {
            keys.iter()
                .filter(|(k, _)| k.eq_ignore_ascii_case(key))
                .flat_map(|(_, v)| strings(Some(v)))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn policy(aud: Value, amr: Value) -> Value {
        json!({"Version": "2012-10-17", "Statement": [{
            "Effect": "Allow",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity",
            "Condition": {
                "StringEquals": {"cognito-identity.amazonaws.com:aud": aud},
                "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr}
            }
        }]})
    }

    #[test]
    fn a_correct_trust_policy_passes() {
        let p = policy(json!("us-east-1:abc"), json!("authenticated"));
        assert_eq!(trust_problem(&p, "us-east-1:abc", "authenticated"), None);
        let p = policy(
            json!(["us-east-1:x", "us-east-1:abc"]),
            json!(["unauthenticated"]),
        );
        assert_eq!(trust_problem(&p, "us-east-1:abc", "unauthenticated"), None);
    }

    #[test]
    fn wrong_aud_and_amr_are_told_apart() {
        let p = policy(json!("us-east-1:other"), json!("authenticated"));
        assert_eq!(
            trust_problem(&p, "us-east-1:abc", "authenticated"),
            Some(TrustProblem::AudMismatch(vec!["us-east-1:other".into()]))
        );
        let p = policy(json!("us-east-1:abc"), json!("authenticated"));
        assert_eq!(
            trust_problem(&p, "us-east-1:abc", "unauthenticated"),
            Some(TrustProblem::AmrMismatch(vec!["authenticated".into()]))
        );
    }

    #[test]
    fn other_principals_do_not_count() {
        let p = json!({"Statement": {"Effect": "Allow", "Principal": {"Service": "lambda.amazonaws.com"},
                       "Action": "sts:AssumeRole"}});
        assert_eq!(
            trust_problem(&p, "us-east-1:abc", "authenticated"),
            Some(TrustProblem::NoCognitoIdentityStatement)
        );
        assert_eq!(
            trust_problem(&Value::Null, "us-east-1:abc", "authenticated"),
            Some(TrustProblem::NoCognitoIdentityStatement)
        );
        let deny = json!({"Statement": [{"Effect": "Deny",
            "Principal": {"Federated": "cognito-identity.amazonaws.com"},
            "Action": "sts:AssumeRoleWithWebIdentity"}]});
        assert_eq!(
            trust_problem(&deny, "us-east-1:abc", "authenticated"),
            Some(TrustProblem::NoCognitoIdentityStatement)
        );
    }
}
