//! Every AWS operation cogref may call, as IAM actions. This is the whole surface: all of them
//! read (Describe/List/Get, plus STS GetCallerIdentity, which needs no permission). The
//! read-only test records the requests of a full run and compares them with this list, and
//! `cogref iam-policy` prints it as a least-privilege policy.

/// `(IAM action prefix, operation)` pairs, sorted.
pub const OPERATIONS: &[(&str, &str)] = &[
    ("cloudformation", "DescribeStacks"),
    // Cloud Control API GetResource: its IAM prefix is `cloudformation` (its requests are
    // signed for `cloudcontrolapi`); see `aws::cloudcontrol`.
    ("cloudformation", "GetResource"),
    ("cloudformation", "GetTemplate"),
    ("cloudformation", "ListStackResources"),
    ("cloudformation", "ListStacks"),
    ("cognito-identity", "DescribeIdentityPool"),
    ("cognito-identity", "GetIdentityPoolRoles"),
    ("cognito-identity", "GetPrincipalTagAttributeMap"),
    ("cognito-identity", "ListIdentityPools"),
    ("cognito-idp", "DescribeIdentityProvider"),
    ("cognito-idp", "DescribeManagedLoginBrandingByClient"),
    ("cognito-idp", "DescribeRiskConfiguration"),
    ("cognito-idp", "DescribeUserPool"),
    ("cognito-idp", "DescribeUserPoolClient"),
    ("cognito-idp", "DescribeUserPoolDomain"),
    ("cognito-idp", "GetLogDeliveryConfiguration"),
    ("cognito-idp", "GetUICustomization"),
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

/// The permissions of the read handlers that Cloud Control `GetResource` calls with the
/// caller's credentials, for the types whose attributes cogref reads that way (see
/// `aws::cloudcontrol`): `(type, actions)`, from `handlers.read.permissions` of each type's
/// resource schema in the CloudFormation registry (as bundled with cfn-lint 1.58.0,
/// `cfnlint/data/schemas/resources`). All are reads. cogref does not call them itself; a
/// type not listed here needs its own schema's read permissions, else its read is denied and
/// its attributes stay unknown (reported, never drift).
pub const CLOUD_CONTROL_HANDLER_READS: &[(&str, &[&str])] = &[
    (
        "AWS::CloudFront::Distribution",
        &[
            "cloudfront:GetDistribution",
            "cloudfront:GetDistributionConfig",
            "cloudfront:ListTagsForResource",
        ],
    ),
    (
        "AWS::CodeCommit::Repository",
        &[
            "codecommit:GetRepository",
            "codecommit:GetRepositoryTriggers",
            "codecommit:ListRepositories",
            "codecommit:ListTagsForResource",
        ],
    ),
];

/// What the *source* principal of a fleet run calls, besides nothing else: it lists the
/// organization's accounts and assumes the read role in each. `sts:AssumeRole` is not a read,
/// but it changes no resource either: it hands out short-lived credentials for the role. It is
/// the one call outside Describe/List/Get that cogref makes, and only with `--accounts`/`--org`.
pub const FLEET_SOURCE_OPERATIONS: &[(&str, &str)] = &[
    ("organizations", "ListAccounts"),
    ("organizations", "ListAccountsForParent"),
    ("sts", "AssumeRole"),
];

/// Calls that are not reads but that cogref may make, each with why it is harmless.
pub const ALLOWED_NON_READS: &[(&str, &str, &str)] = &[(
    "sts",
    "AssumeRole",
    "fleet runs only: returns temporary credentials of the read role, changes nothing",
)];

/// Whether an operation name is a read: what cogref promises never to go beyond.
pub fn is_read_operation(operation: &str) -> bool {
    ["Describe", "List", "Get"]
        .iter()
        .any(|p| operation.starts_with(p))
}

/// The least-privilege IAM policy for everything cogref does, as a JSON document: the calls
/// cogref makes (first statement), and the reads Cloud Control's read handlers make on its
/// behalf for `GetResource` (second statement, [`CLOUD_CONTROL_HANDLER_READS`]).
///
/// STS GetCallerIdentity needs no permission and is left out of the policy.
pub fn iam_policy() -> serde_json::Value {
    let actions: Vec<String> = OPERATIONS
        .iter()
        .filter(|(service, _)| *service != "sts")
        .map(|(service, op)| format!("{service}:{op}"))
        .collect();
    let mut handler_reads: Vec<&str> = CLOUD_CONTROL_HANDLER_READS
        .iter()
        .flat_map(|(_, actions)| actions.iter().copied())
        .collect();
    handler_reads.sort_unstable();
    handler_reads.dedup();
    serde_json::json!({
        "Version": "2012-10-17",
        "Statement": [
            {
                "Sid": "CogrefReadOnly",
                "Effect": "Allow",
                "Action": actions,
                "Resource": "*"
            },
            {
                "Sid": "CogrefCloudControlReadHandlers",
                "Effect": "Allow",
                "Action": handler_reads,
                "Resource": "*"
            }
        ]
    })
}

/// `cogref iam-policy --fleet`: the source principal's policy (list the organization, assume
/// the read role in every account) and the read-only policy of that role, as one document
/// `{"source_policy": ..., "role_policy": ...}`.
pub fn fleet_policies(role_arn_pattern: &str) -> serde_json::Value {
    let list: Vec<String> = FLEET_SOURCE_OPERATIONS
        .iter()
        .filter(|(service, _)| *service == "organizations")
        .map(|(service, op)| format!("{service}:{op}"))
        .collect();
    serde_json::json!({
        "source_policy": {
            "Version": "2012-10-17",
            "Statement": [
                {
                    "Sid": "CogrefListAccounts",
                    "Effect": "Allow",
                    "Action": list,
                    "Resource": "*"
                },
                {
                    "Sid": "CogrefAssumeReadRole",
                    "Effect": "Allow",
                    "Action": "sts:AssumeRole",
                    "Resource": role_arn_pattern
                }
            ]
        },
        "role_policy": iam_policy()
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
        for (service, op) in FLEET_SOURCE_OPERATIONS {
            assert!(
                is_read_operation(op)
                    || ALLOWED_NON_READS
                        .iter()
                        .any(|(s, o, _)| s == service && o == op),
                "{service}:{op} is neither a read nor an allowed exception"
            );
        }
    }

    #[test]
    fn fleet_policies_split_source_and_role() {
        let p = fleet_policies("arn:aws:iam::*:role/cogref-read");
        let source = &p["source_policy"]["Statement"];
        assert_eq!(
            source[0]["Action"],
            serde_json::json!([
                "organizations:ListAccounts",
                "organizations:ListAccountsForParent"
            ])
        );
        assert_eq!(source[1]["Action"], "sts:AssumeRole");
        assert_eq!(source[1]["Resource"], "arn:aws:iam::*:role/cogref-read");
        assert_eq!(p["role_policy"], iam_policy());
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
        assert!(actions.contains(&"cloudformation:GetResource".into()));
        let handlers = policy["Statement"][1]["Action"].as_array().unwrap();
        assert!(handlers.contains(&"cloudfront:GetDistribution".into()));
        for a in handlers {
            let op = a.as_str().unwrap().split(':').nth(1).unwrap();
            assert!(is_read_operation(op), "{op} is not a read");
        }
    }
}
