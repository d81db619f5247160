//! Block-style YAML for CloudFormation templates, safe for YAML 1.1 readers.
//!
//! CloudFormation and cfn-lint read YAML 1.1, where `ON`, `OFF`, `yes`, `no`, `y`, `n` are
//! booleans and `2010-09-09` is a date; `serde_yaml` (YAML 1.2) writes those strings bare, and
//! `MfaConfiguration: ON` then becomes `true`. This writer leaves a string bare only when it is
//! a plain word no YAML version can read as anything else, and double-quotes (JSON escapes, which
//! YAML shares) everything else.

use serde_json::Value;

const YAML11_SPECIAL: &[&str] = &[
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~",
];

/// A string that can be written without quotes.
fn is_plain(s: &str) -> bool {
    let mut chars = s.chars();
    let Some(first) = chars.next() else {
        return false;
    };
    first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.' | '/'))
        && !YAML11_SPECIAL.contains(&s.to_ascii_lowercase().as_str())
}

/// A mapping key: bare when plain or an intrinsic-function name (`Fn::GetAtt`).
fn key(k: &str) -> String {
    let intrinsic = k
        .strip_prefix("Fn::")
        .is_some_and(|rest| !rest.is_empty() && rest.chars().all(|c| c.is_ascii_alphanumeric()));
    if is_plain(k) || intrinsic {
        k.to_string()
    } else {
        quoted(k)
    }
}

fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{}\"", s.escape_default()))
}

/// A scalar or empty collection on one line; `None` for a non-empty collection.
fn inline(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if is_plain(s) => Some(s.clone()),
        Value::String(s) => Some(quoted(s)),
        Value::Array(a) if a.is_empty() => Some("[]".into()),
        Value::Object(o) if o.is_empty() => Some("{}".into()),
        _ => None,
    }
}

fn write(v: &Value, indent: usize, out: &mut Vec<String>) {
    let pad = " ".repeat(indent);
    match v {
        Value::Object(o) => {
            for (k, child) in o {
                match inline(child) {
                    Some(s) => out.push(format!("{pad}{}: {s}", key(k))),
                    None => {
                        out.push(format!("{pad}{}:", key(k)));
                        write(child, indent + 2, out);
                    }
                }
            }
        }
        Value::Array(a) => {
            for item in a {
                match inline(item) {
                    Some(s) => out.push(format!("{pad}- {s}")),
                    None => {
                        // The item's first line moves up beside the dash.
                        let start = out.len();
                        write(item, indent + 2, out);
                        if let Some(first) = out.get_mut(start) {
                            *first = format!("{pad}- {}", &first[indent + 2..]);
                        }
                    }
                }
            }
        }
        scalar => out.push(format!("{pad}{}", inline(scalar).unwrap_or_default())),
    }
}

/// The whole document.
pub fn to_string(v: &Value) -> String {
    let mut lines = Vec::new();
    write(v, 0, &mut lines);
    let mut s = lines.join("\n");
    s.push('\n');
    s
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn yaml_11_words_and_dates_are_quoted() {
        let v = json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "MfaConfiguration": "ON",
            "Other": "OFF",
            "Name": "shop-web",
            "Fn::GetAtt": ["Pool", "ProviderName"],
            "cognito-identity.amazonaws.com:aud": "us-east-1:abc",
            "Nested": [{"A": 1, "B": [true, null]}, [], {}],
        });
        let text = to_string(&v);
        assert!(
            text.contains("AWSTemplateFormatVersion: \"2010-09-09\"\n"),
            "{text}"
        );
        assert!(text.contains("MfaConfiguration: \"ON\"\n"), "{text}");
        assert!(text.contains("Other: \"OFF\"\n"), "{text}");
        assert!(text.contains("Name: shop-web\n"), "{text}");
        assert!(
            text.contains("Fn::GetAtt:\n  - Pool\n  - ProviderName\n"),
            "{text}"
        );
        assert!(text.contains("\"cognito-identity.amazonaws.com:aud\": \"us-east-1:abc\"\n"));
        assert!(
            text.contains(
                "Nested:\n  - A: 1\n    B:\n      - true\n      - null\n  - []\n  - {}\n"
            ),
            "{text}"
        );
        // And it reads back as the same value.
        let back: Value = serde_yaml::from_str(&text).unwrap();
        assert_eq!(back, v);
    }
}
