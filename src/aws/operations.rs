//! Every AWS operation cogref may call, as IAM actions. This is the whole surface: all of them
//! read (Describe/List/Get, plus STS GetCallerIdentity, which needs no permission). The
//! read-only test records the requests of a full run and compares them with this list, and
//! `cogref iam-policy` prints it as a least-privilege policy.

/// `(IAM action prefix, operation)` pairs, sorted.
pub const OPERATIONS: &[(&str, &str)] = &[
    ("cloudformation", "DescribeStacks"),
    ("cloudformation", "GetTemplate"),
    ("cloudformation", "ListStackResources"),
    ("cloudformation", "ListStacks"),
    ("cognito-identity", "DescribeIdentityPool"),
    ("cognito-identity", "GetIdentityPoolRoles"),
    ("cognito-identity", "ListIdentityPools"),
    ("cognito-idp", "DescribeIdentityProvider"),
    ("cognito-idp", "DescribeUserPool"),
    ("cognito-idp", "DescribeUserPoolClient"),
    ("cognito-idp", "DescribeUserPoolDomain"),
    ("cognito-idp", "GetUserPoolMfaConfig"),
    ("cognito-idp", "ListGroups"),
    ("cognito-idp", "ListIdentityProviders"),
    ("cognito-idp", "ListResourceServers"),
    ("cognito-idp", "ListUserPoolClients"),
    ("cognito-idp", "ListUserPools"),
    ("iam", "GetPolicy"),
    ("iam", "GetPolicyVersion"),
    ("iam", "GetRole"),
    ("iam", "GetRolePolicy"),
    ("iam", "ListAttachedRolePolicies"),
    ("iam", "ListRolePolicies"),
    ("sts", "GetCallerIdentity"),
];

/// Whether an operation name is a read: what cogref promises never to go beyond.
pub fn is_read_operation(operation: &str) -> bool {
    ["Describe", "List", "Get"]
        .iter()
        .any(|p| operation.starts_with(p))
}

/// The least-privilege IAM policy for everything cogref does, as a JSON document.
///
/// STS GetCallerIdentity needs no permission and is left out of the policy.
pub fn iam_policy() -> serde_json::Value {
    let actions: Vec<String> = OPERATIONS
        .iter()
        .filter(|(service, _)| *service != "sts")
        .map(|(service, op)| format!("{service}:{op}"))
        .collect();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Sid": "CogrefReadOnly",
            "Effect": "Allow",
            "Action": actions,
            "Resource": "*"
        }]
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_operation_is_a_read_and_listed_once() {
        assert!(OPERATIONS.windows(2).all(|w| w[0] < w[1]), "sorted, unique");
        for (_, op) in OPERATIONS {
            assert!(is_read_operation(op), "{op} is not a read");
        }
        assert!(!is_read_operation("UpdateUserPool"));
        assert!(!is_read_operation("SetIdentityPoolRoles"));
    }

    #[test]
    fn policy_lists_every_action_but_sts() {
        let policy = iam_policy();
        let actions = policy["Statement"][0]["Action"].as_array().unwrap();
        assert_eq!(actions.len(), OPERATIONS.len() - 1);
        assert!(actions.contains(&"cognito-idp:GetUserPoolMfaConfig".into()));
        assert!(!actions
            .iter()
            .any(|a| a.as_str().unwrap().starts_with("sts:")));
    }
}
