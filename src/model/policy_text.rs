//! Policy documents as IAM spells them: the one place that turns the text IAM returns (or a
//! template holds) into parsed JSON.
//!
//! IAM returns trust policies (`GetRole`), inline policies (`GetRolePolicy`) and managed policy
//! versions (`GetPolicyVersion`) URL-encoded per RFC 3986; some endpoints (and every
//! CloudFormation template that writes a policy as a string) give plain JSON. The scan
//! (`aws::iam`) and the policy comparison (`drift::policy`) both read documents through
//! [`parse_policy_text`].

use serde_json::Value;

/// A policy document that is not JSON, even after URL-decoding.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("policy document is not JSON: {message}")]
pub struct PolicyTextError {
    /// The text after URL-decoding (kept so callers can store what IAM returned).
    pub decoded: String,
    pub message: String,
}

/// Parses a policy document given as plain JSON text or URL-encoded JSON text.
///
/// Text that starts with `{` (after white space) is plain JSON and is never URL-decoded: a
/// plain document may legitimately contain `%` (in a resource ARN, a condition value).
pub fn parse_policy_text(raw: &str) -> Result<Value, PolicyTextError> {
    let text = if raw.trim_start().starts_with('{') {
        raw.to_string()
    } else {
        percent_encoding::percent_decode_str(raw)
            .decode_utf8_lossy()
            .into_owned()
    };
    serde_json::from_str(&text).map_err(|e| PolicyTextError {
        message: e.to_string(),
        decoded: text,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn plain_and_url_encoded_text_give_the_same_document() {
        let plain = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::b/a%20b"}]}"#;
        let encoded = "%7B%22Version%22%3A%222012-10-17%22%2C%22Statement%22%3A%5B%7B%22Effect%22%3A%22Allow%22%2C%22Action%22%3A%22s3%3AGetObject%22%2C%22Resource%22%3A%22arn%3Aaws%3As3%3A%3A%3Ab%2Fa%2520b%22%7D%5D%7D";
        let want = json!({"Version": "2012-10-17", "Statement": [{"Effect": "Allow",
            "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/a%20b"}]});
        assert_eq!(parse_policy_text(plain), Ok(want.clone()));
        assert_eq!(parse_policy_text(encoded), Ok(want.clone()));
        assert_eq!(parse_policy_text(&format!("  \n{plain}")), Ok(want));
    }

    #[test]
    fn text_that_is_not_json_is_an_error_keeping_the_decoded_text() {
        let err = parse_policy_text("%7Bnot%20json").unwrap_err();
        assert_eq!(err.decoded, "{not json");
        assert!(err.message.contains("line 1"), "{}", err.message);
    }
}
