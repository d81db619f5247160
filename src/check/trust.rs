//! Reading IAM trust policies: does a role let identities of one identity pool assume it, with
//! the right `amr`? Pure functions over the policy document kept in the snapshot, read through
//! the one policy parser ([`crate::drift::policy`]): a single statement or a list, strings or
//! lists, action names and condition keys in any case.

use crate::drift::policy::{Policy, Statement};
use serde_json::Value;
use std::collections::BTreeSet;

/// The principal Cognito identity pools use to assume roles.
pub const COGNITO_IDENTITY: &str = "cognito-identity.amazonaws.com";
const AUD_KEY: &str = "cognito-identity.amazonaws.com:aud";
const AMR_KEY: &str = "cognito-identity.amazonaws.com:amr";

/// What is wrong with a role's trust policy for one identity pool and one `amr`, if anything.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TrustProblem {
    /// No Allow statement with `sts:AssumeRoleWithWebIdentity` for the federated principal
    /// `cognito-identity.amazonaws.com` (or the document is not a readable policy).
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
    let statements = Policy::parse(policy)
        .map(|p| p.statements)
        .unwrap_or_default();
    let federated: Vec<&Statement> = statements
        .iter()
        .filter(|s| s.effect == "Allow")
        .filter(|s| {
            s.action
                .iter()
                .flatten()
                .any(|a| matches!(a.as_str(), "sts:assumerolewithwebidentity" | "sts:*" | "*"))
        })
        .filter(|s| {
            s.principal
                .as_ref()
                .and_then(|p| p.get("Federated"))
                .is_some_and(|f| f.contains(COGNITO_IDENTITY))
        })
        .collect();
    if federated.is_empty() {
        return Some(TrustProblem::NoCognitoIdentityStatement);
    }
    let with_aud: Vec<&Statement> = federated
        .iter()
        .copied()
        .filter(|s| s.tested_values(AUD_KEY).contains(identity_pool_id))
        .collect();
    if with_aud.is_empty() {
        return Some(TrustProblem::AudMismatch(found(&federated, AUD_KEY)));
    }
    if with_aud
        .iter()
        .any(|s| s.tested_values(AMR_KEY).contains(amr))
    {
        return None;
    }
    Some(TrustProblem::AmrMismatch(found(&with_aud, AMR_KEY)))
}

/// Every value the statements test `key` against, sorted and without duplicates.
fn found(statements: &[&Statement], key: &str) -> Vec<String> {
    let all: BTreeSet<&str> = statements
        .iter()
        .flat_map(|s| s.tested_values(key))
        .collect();
    all.into_iter().map(str::to_string).collect()
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
    fn any_spelling_of_the_same_policy_is_read_alike() {
        // One statement object, action and condition keys in another case, URL-encoded text
        // as IAM returns it: all read through the one policy parser.
        let p = json!({"Statement": {"Effect": "Allow",
            "Principal": {"Federated": ["cognito-identity.amazonaws.com"]},
            "Action": "STS:AssumeRoleWithWebIdentity",
            "Condition": {"StringEquals": {"Cognito-Identity.amazonaws.com:AUD": "us-east-1:abc"},
                          "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:Amr": "authenticated"}}}});
        assert_eq!(trust_problem(&p, "us-east-1:abc", "authenticated"), None);
        let encoded: String = p.to_string().bytes().map(|b| format!("%{b:02X}")).collect();
        assert_eq!(
            trust_problem(&json!(encoded), "us-east-1:abc", "authenticated"),
            None
        );
        assert_eq!(
            trust_problem(&json!(encoded), "us-east-1:abc", "unauthenticated"),
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
