//! The policy comparison (`cogref::drift::policy`) on a realistic case: the sample account's
//! `shop-auth-role` trust policy as desired, against live copies as IAM's `GetRole` returns
//! them (URL-encoded). One copy only re-spelled (no drift), one widened so that another
//! identity pool, guests and another account can assume the role. The readable diff and the
//! widenings are the golden file `snapshots/policy-diff.txt`.

use crate::harness::{assert_golden, fixture};
use cogref::drift::policy::{diff, trust_widening, Policy, WideningKind, TRUST_POLICY_WIDENED};
use percent_encoding::{utf8_percent_encode, NON_ALPHANUMERIC};
use serde_json::{json, Value};

const SHOP_IDENTITY: &str = "us-east-1:54fd9ad3-9716-408e-b721-69bb80962718";
const PARTNER_IDENTITY: &str = "us-east-1:b1a8b71f-491b-40e9-9ca3-fbb3ff11c8ba";
const AUD: &str = "cognito-identity.amazonaws.com:aud";
const AMR: &str = "cognito-identity.amazonaws.com:amr";

fn desired_trust() -> Value {
    let path = fixture("sample-snapshot.json");
    let text = std::fs::read_to_string(&path).unwrap();
    let snapshot: Value = serde_json::from_str(&text).unwrap();
    let role = snapshot["roles"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["name"] == "shop-auth-role")
        .unwrap_or_else(|| panic!("shop-auth-role not in {}", path.display()));
    role["trust_policy"].clone()
}

/// As IAM returns a document: URL-encoded JSON text.
fn as_iam_returns(doc: &Value) -> Value {
    json!(utf8_percent_encode(&doc.to_string(), NON_ALPHANUMERIC).to_string())
}

#[test]
fn a_widened_cognito_trust_policy_reads_as_a_readable_diff() {
    let desired_doc = desired_trust();
    // Sanity: the fixture is the trust Amplify expects for this identity pool.
    assert_eq!(
        desired_doc["Statement"][0]["Condition"]["StringEquals"][AUD],
        json!(SHOP_IDENTITY)
    );
    let desired = Policy::parse(&desired_doc).unwrap();

    // Re-spelled only: Sid added, one statement object instead of a list, lists, another
    // case for the action and the condition keys, no Version.
    let respelled = json!({"Statement": {
        "Sid": "AmplifyAuthRole",
        "Action": ["STS:AssumeRoleWithWebIdentity"],
        "Principal": {"Federated": ["cognito-identity.amazonaws.com"]},
        "Effect": "Allow",
        "Condition": {
            "ForAnyValue:StringLike": {"Cognito-Identity.amazonaws.com:AMR": ["authenticated"]},
            "StringEquals": {"cognito-identity.amazonaws.com:Aud": [SHOP_IDENTITY, SHOP_IDENTITY]}
        }
    }});
    let respelled = Policy::parse(&as_iam_returns(&respelled)).unwrap();
    assert_eq!(respelled, desired);

    // Widened: aud accepts the partner pool too, amr any value, and an account may assume it.
    let widened_doc = json!({"Version": "2012-10-17", "Statement": [
        {"Effect": "Allow",
         "Principal": {"Federated": "cognito-identity.amazonaws.com"},
         "Action": "sts:AssumeRoleWithWebIdentity",
         "Condition": {
             "StringEquals": {AUD: [SHOP_IDENTITY, PARTNER_IDENTITY]},
             "ForAnyValue:StringLike": {AMR: "*"}}},
        {"Sid": "Debug", "Effect": "Allow",
         "Principal": {"AWS": "arn:aws:iam::444455556666:root"},
         "Action": "sts:AssumeRole"}
    ]});
    let widened = Policy::parse(&as_iam_returns(&widened_doc)).unwrap();

    let differences = diff(&desired, &widened);
    let widenings = trust_widening(&desired, &widened);
    assert_eq!(
        widenings.iter().map(|w| w.kind).collect::<Vec<_>>(),
        vec![
            WideningKind::AllowStatementAdded,
            WideningKind::ConditionLoosened,
            WideningKind::ConditionLoosened,
        ]
    );

    let mut out = String::new();
    out.push_str("desired: shop-auth-role trust policy (tests/fixtures/sample-snapshot.json)\n");
    out.push_str("live: URL-encoded, as IAM GetRole returns it\n\n");
    out.push_str(&format!(
        "re-spelled copy: {} differences, {} widenings\n\n",
        diff(&desired, &respelled).len(),
        trust_widening(&desired, &respelled).len()
    ));
    out.push_str(&format!(
        "widened copy: {} differences\n",
        differences.len()
    ));
    for d in &differences {
        out.push_str(&format!("- {d}\n"));
    }
    out.push_str(&format!("\n{TRUST_POLICY_WIDENED}: {}\n", widenings.len()));
    for w in &widenings {
        out.push_str(&format!("- {w}\n"));
    }
    assert_golden("policy-diff.txt", &out);
}
