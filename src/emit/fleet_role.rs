//! The CloudFormation template (for a StackSet) that creates cogref's read-only role in every
//! account of a fleet, trusting the account cogref runs from. A pure function of its arguments;
//! the app passes the role's policy: exactly `cogref iam-policy` (every action cogref may call in
//! an account).

use serde_json::{json, Value};

/// The template: a `SourceAccountId` parameter (defaulted when `source_account` is given), the
/// role `role_name` trusting that account's principals (with `sts:ExternalId` = `external_id`
/// when given), and the read-only policy inline.
pub fn stackset_template(
    role_name: &str,
    source_account: Option<&str>,
    external_id: Option<&str>,
    policy: Value,
) -> Value {
    let mut source = json!({
        "Type": "String",
        "Description": "The account cogref runs from (the principal that assumes this role)",
        "AllowedPattern": "^[0-9]{12}$",
        "ConstraintDescription": "a 12-digit AWS account id"
    });
    if let Some(account) = source_account {
        source["Default"] = json!(account);
    }
    let mut statement = json!({
        "Effect": "Allow",
        "Principal": {"AWS": {"Fn::Sub": "arn:${AWS::Partition}:iam::${SourceAccountId}:root"}},
        "Action": "sts:AssumeRole"
    });
    if let Some(id) = external_id {
        statement["Condition"] = json!({"StringEquals": {"sts:ExternalId": id}});
    }
    json!({
        "AWSTemplateFormatVersion": "2010-09-09",
        "Description": "cogref read-only role: Describe/List/Get on Cognito user pools, identity pools and the IAM roles they use. Deploy to every account with a StackSet (cogref iam-policy --fleet --policy-format cloudformation).",
        "Parameters": {"SourceAccountId": source},
        "Resources": {
            "CogrefReadRole": {
                "Type": "AWS::IAM::Role",
                "Properties": {
                    "RoleName": role_name,
                    "Description": "Read-only access for cogref (never changes anything)",
                    "MaxSessionDuration": 3600,
                    "AssumeRolePolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [statement]
                    },
                    "Policies": [{
                        "PolicyName": "cogref-read-only",
                        "PolicyDocument": policy
                    }]
                }
            }
        },
        "Outputs": {
            "RoleArn": {
                "Description": "The role cogref assumes (--assume-role)",
                "Value": {"Fn::GetAtt": ["CogrefReadRole", "Arn"]}
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iam_policy() -> Value {
        json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": ["cognito-idp:ListUserPools"], "Resource": "*"}]})
    }

    #[test]
    fn the_role_trusts_the_source_account_with_the_read_only_policy() {
        let t = stackset_template(
            "cogref-read",
            Some("123456789012"),
            Some("nightly"),
            iam_policy(),
        );
        assert_eq!(
            t["Parameters"]["SourceAccountId"]["Default"],
            "123456789012"
        );
        let role = &t["Resources"]["CogrefReadRole"]["Properties"];
        assert_eq!(role["RoleName"], "cogref-read");
        let trust = &role["AssumeRolePolicyDocument"]["Statement"][0];
        assert_eq!(trust["Action"], "sts:AssumeRole");
        assert_eq!(
            trust["Condition"]["StringEquals"]["sts:ExternalId"],
            "nightly"
        );
        assert_eq!(role["Policies"][0]["PolicyDocument"], iam_policy());

        let t = stackset_template("r", None, None, iam_policy());
        assert!(t["Parameters"]["SourceAccountId"].get("Default").is_none());
        let trust = &t["Resources"]["CogrefReadRole"]["Properties"]["AssumeRolePolicyDocument"]
            ["Statement"][0];
        assert!(trust.get("Condition").is_none());
    }
}
