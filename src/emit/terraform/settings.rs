//! The settings resources of `emit terraform` (issue 13): `aws_cognito_risk_configuration`,
//! `aws_cognito_user_pool_ui_customization`, `aws_cognito_managed_login_branding`,
//! `aws_cognito_log_delivery_configuration` and `aws_cognito_identity_pool_provider_principal_tag`,
//! with the argument and block names and import ids of the provider's docs (see
//! `tests/fixtures/terraform-aws-provider-names.json`). Which settings exist and what they hold
//! is the same snapshot data [`crate::cfn::pool_settings`] maps for CloudFormation.

use super::{reference, string_map, Block, Expr, Writer};
use crate::model::{AppClient, IdentityPool, ManagedLoginBranding, UserPool};
use serde_json::Value;

impl Writer<'_, '_> {
    /// Risk and UI customization (pool-wide and per client), branding, log delivery.
    pub(super) fn pool_settings(&mut self, p: &UserPool, pool_address: &str, domains: &[String]) {
        let short = pool_address
            .trim_start_matches("aws_cognito_user_pool.")
            .to_string();
        if let Some(r) = &p.risk_configuration {
            let a = self.name("aws_cognito_risk_configuration", &short, "");
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(pool_address, "id"));
            risk_blocks(&mut x, r);
            self.add(&a, &p.id, x);
        }
        if let Some(u) = &p.ui_customization {
            let a = self.name("aws_cognito_user_pool_ui_customization", &short, "");
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(pool_address, "id"))
                .opt_str("css", u.css.as_ref());
            depends_on(&mut x, domains);
            self.add(&a, &format!("{},ALL", p.id), x);
        }
        for c in &p.clients {
            self.client_settings(p, pool_address, &short, c, domains);
        }
        if !p.log_delivery.is_empty() {
            let a = self.name("aws_cognito_log_delivery_configuration", &short, "");
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(pool_address, "id"));
            for l in &p.log_delivery {
                let mut b = Block::new("log_configurations", &[]);
                b.attr("event_source", Expr::str(l.event_source.as_str()))
                    .attr("log_level", Expr::str(l.log_level.as_str()));
                for (block, key, value) in [
                    (
                        "cloud_watch_logs_configuration",
                        "log_group_arn",
                        &l.cloud_watch_logs_log_group_arn,
                    ),
                    (
                        "firehose_configuration",
                        "stream_arn",
                        &l.firehose_stream_arn,
                    ),
                    ("s3_configuration", "bucket_arn", &l.s3_bucket_arn),
                ] {
                    if let Some(v) = value {
                        let mut d = Block::new(block, &[]);
                        d.attr(key, Expr::str(v.as_str()));
                        b.block(d);
                    }
                }
                x.block(b);
            }
            self.add(&a, &p.id, x);
        }
    }

    fn client_settings(
        &mut self,
        p: &UserPool,
        pool_address: &str,
        short: &str,
        c: &AppClient,
        domains: &[String],
    ) {
        let base = format!("{short}_{}", c.name);
        let client = self.client_id(Some(&p.id), &c.id);
        if let Some(r) = &c.risk_configuration {
            let a = self.name("aws_cognito_risk_configuration", &base, &c.id);
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(pool_address, "id"))
                .attr("client_id", client.clone());
            risk_blocks(&mut x, r);
            self.add(&a, &format!("{}:{}", p.id, c.id), x);
        }
        if let Some(u) = &c.ui_customization {
            let a = self.name("aws_cognito_user_pool_ui_customization", &base, &c.id);
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(pool_address, "id"))
                .attr("client_id", client.clone())
                .opt_str("css", u.css.as_ref());
            depends_on(&mut x, domains);
            self.add(&a, &format!("{},{}", p.id, c.id), x);
        }
        if let Some(b) = &c.managed_login_branding {
            let a = self.name("aws_cognito_managed_login_branding", &base, &c.id);
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(pool_address, "id"))
                .attr("client_id", client);
            branding_body(&mut x, b);
            self.add(&a, &format!("{}|{}|{}", b.id, p.id, c.id), x);
        }
    }

    /// One `aws_cognito_identity_pool_provider_principal_tag` per mapped provider.
    pub(super) fn principal_tags(&mut self, ip: &IdentityPool, pool_address: &str) {
        let short = pool_address
            .trim_start_matches("aws_cognito_identity_pool.")
            .to_string();
        for (provider, map) in &ip.principal_tags {
            let pool = crate::model::CognitoProvider::pool_id_from_provider_name(provider);
            // An owned user pool is named by its address, not its long provider name.
            let label = pool
                .as_deref()
                .and_then(|p| self.addr.pools.get(p))
                .map(|a| a.trim_start_matches("aws_cognito_user_pool.").to_string())
                .unwrap_or_else(|| provider.clone());
            let a = self.name(
                "aws_cognito_identity_pool_provider_principal_tag",
                &format!("{short}_{label}"),
                "",
            );
            let mut x = Self::resource(&a);
            x.attr("identity_pool_id", reference(pool_address, "id"))
                .attr(
                    "identity_provider_name",
                    self.provider_name(provider, pool.as_deref()),
                )
                // The provider defaults use_defaults to true: always written.
                .attr("use_defaults", Expr::raw(map.use_defaults.to_string()));
            if !map.principal_tags.is_empty() {
                x.spaced_attr("principal_tags", string_map(&map.principal_tags));
            }
            self.add(&a, &format!("{}:{provider}", ip.id), x);
        }
    }
}

fn depends_on(x: &mut Block, domains: &[String]) {
    if !domains.is_empty() {
        x.attr(
            "depends_on",
            Expr::List(domains.iter().map(|d| Expr::raw(d.clone())).collect()),
        );
    }
}

fn risk_blocks(x: &mut Block, r: &crate::model::RiskConfiguration) {
    for (name, part) in [
        ("account_takeover_risk_configuration", &r.account_takeover),
        (
            "compromised_credentials_risk_configuration",
            &r.compromised_credentials,
        ),
        ("risk_exception_configuration", &r.risk_exception),
    ] {
        if let Some(Value::Object(m)) = part {
            x.block(nested_block(name, m));
        }
    }
}

/// A CloudFormation-shaped object as a block: objects become nested blocks, lists of strings
/// lists, scalars arguments, each named in snake_case (`BlockedIPRangeList` ->
/// `blocked_ip_range_list`), as the provider's risk configuration schema names them.
fn nested_block(name: &str, m: &serde_json::Map<String, Value>) -> Block {
    let mut b = Block::new(name, &[]);
    let mut blocks = Vec::new();
    for (k, v) in m {
        let key = tf_key(k);
        match v {
            Value::Object(inner) => blocks.push(nested_block(&key, inner)),
            Value::Array(items) => {
                let list: Vec<String> = items
                    .iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect();
                b.list(&key, &list);
            }
            Value::String(s) => {
                b.attr(&key, Expr::str(s.as_str()));
            }
            Value::Bool(x) => {
                b.attr(&key, Expr::raw(x.to_string()));
            }
            Value::Number(n) => {
                b.attr(&key, Expr::raw(n.to_string()));
            }
            Value::Null => {}
        }
    }
    for inner in blocks {
        b.block(inner);
    }
    b
}

fn branding_body(x: &mut Block, b: &ManagedLoginBranding) {
    if b.use_cognito_provided_values {
        x.attr("use_cognito_provided_values", Expr::raw("true"));
    }
    if let Some(s) = &b.settings {
        // `settings` is a JSON string; serde_json writes object keys sorted.
        x.attr("settings", Expr::str(s.to_string()));
    }
    for asset in &b.assets {
        let mut a = Block::new("asset", &[]);
        for key in ["Bytes", "Category", "ColorMode", "Extension", "ResourceId"] {
            if let Some(v) = asset.get(key).and_then(Value::as_str) {
                a.attr(&tf_key(key), Expr::str(v));
            }
        }
        x.block(a);
    }
}

/// `PascalCase` with acronyms to `snake_case`: `HtmlBody` -> `html_body`, `BlockedIPRangeList`
/// -> `blocked_ip_range_list`.
fn tf_key(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::new();
    for (i, c) in chars.iter().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            let prev_lower = chars[i - 1].is_ascii_lowercase();
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_ascii_lowercase());
            if prev_lower || (chars[i - 1].is_ascii_uppercase() && next_lower) {
                out.push('_');
            }
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_follow_the_provider_names() {
        assert_eq!(tf_key("BlockedIPRangeList"), "blocked_ip_range_list");
        assert_eq!(tf_key("HtmlBody"), "html_body");
        assert_eq!(tf_key("ColorMode"), "color_mode");
        assert_eq!(tf_key("NoActionEmail"), "no_action_email");
        assert_eq!(tf_key("EventAction"), "event_action");
    }
}
