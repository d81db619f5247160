//! `cogref emit terraform`: Terraform `import` blocks with the AWS provider's documented import
//! ids, the matching `resource` blocks describing the live resources, and `sensitive`
//! variables standing for the secrets cogref never reads. Laid out as `terraform fmt` would
//! (see [`hcl`]).
//!
//! Pure: a function of an [`IacScope`]. Resources the configuration owns are linked by
//! reference (`aws_cognito_user_pool.x.id`); everything else stays a literal id or ARN.
//! Inline and managed role policies are separate `aws_iam_role_policy` /
//! `aws_iam_role_policy_attachment` resources, because `inline_policy` and
//! `managed_policy_arns` of `aws_iam_role` are deprecated (provider 5.72.0 changelog).

mod hcl;
mod settings;

use super::iac::{
    client_dependencies, is_server_managed_detail, legacy_message_value, nested_lambda_config,
    omissions_markdown, secret_detail_keys, snake_case, template_schema, IacScope, LambdaValue,
    Namer, TERRAFORM_ONLY_OMITTED,
};
use crate::model::{AppClient, CognitoProvider, IdentityPool, Role, UserPool};
pub use hcl::{quote, Block, Expr, Item};
use serde_json::Value;
use std::collections::HashMap;

/// Import id format of each resource type, as the provider documents it in the `Import`
/// section of `website/docs/r/<type>.html.markdown` of hashicorp/terraform-provider-aws
/// (checked against the provider docs; see also `shared/reference/import-identifiers.json`).
pub const IMPORT_ID_FORMATS: &[(&str, &str)] = &[
    // cognito_user_pool.html.markdown: "import Cognito User Pools using the `id`"
    ("aws_cognito_user_pool", "USER_POOL_ID"),
    // cognito_user_pool_client.html.markdown: "us-west-2_abc123/3ho4ek12345678909nh3fmhpko"
    ("aws_cognito_user_pool_client", "USER_POOL_ID/CLIENT_ID"),
    // cognito_user_pool_domain.html.markdown: "import Cognito User Pool Domains using the `domain`"
    ("aws_cognito_user_pool_domain", "DOMAIN"),
    // cognito_user_group.html.markdown: "the `user_pool_id`/`name` attributes concatenated"
    ("aws_cognito_user_group", "USER_POOL_ID/GROUP_NAME"),
    // cognito_identity_provider.html.markdown: "us-west-2_abc123:CorpAD"
    (
        "aws_cognito_identity_provider",
        "USER_POOL_ID:PROVIDER_NAME",
    ),
    // cognito_resource_server.html.markdown: "us-west-2_abc123|https://example.com"
    ("aws_cognito_resource_server", "USER_POOL_ID|IDENTIFIER"),
    // cognito_identity_pool.html.markdown: "import Cognito Identity Pool using its ID"
    ("aws_cognito_identity_pool", "IDENTITY_POOL_ID"),
    // cognito_identity_pool_roles_attachment.html.markdown: "using the Identity Pool ID"
    (
        "aws_cognito_identity_pool_roles_attachment",
        "IDENTITY_POOL_ID",
    ),
    // cognito_risk_configuration.html.markdown: "the user pool ID or the user pool ID and
    // Client Id separated by a `:`"
    ("aws_cognito_risk_configuration", "USER_POOL_ID[:CLIENT_ID]"),
    // cognito_user_pool_ui_customization.html.markdown: "`user_pool_id` and `client_id`
    // separated by `,`" (`ALL` for the pool-wide one)
    (
        "aws_cognito_user_pool_ui_customization",
        "USER_POOL_ID,CLIENT_ID",
    ),
    // cognito_managed_login_branding.html.markdown: "managed login branding ID, user pool ID,
    // and client ID, separated by pipes"
    (
        "aws_cognito_managed_login_branding",
        "BRANDING_ID|USER_POOL_ID|CLIENT_ID",
    ),
    // cognito_log_delivery_configuration.html.markdown: "using the `user_pool_id`"
    ("aws_cognito_log_delivery_configuration", "USER_POOL_ID"),
    // cognito_identity_pool_provider_principal_tag.html.markdown: "the Identity Pool ID and
    // provider name" (separated by `:`, DecodePoolProviderPrincipalTagsID)
    (
        "aws_cognito_identity_pool_provider_principal_tag",
        "IDENTITY_POOL_ID:PROVIDER_NAME",
    ),
    // iam_role.html.markdown: "import IAM Roles using the `name`"
    ("aws_iam_role", "ROLE_NAME"),
    // iam_role_policy.html.markdown: "using the `role_name:role_policy_name`"
    ("aws_iam_role_policy", "ROLE_NAME:POLICY_NAME"),
    // iam_role_policy_attachment.html.markdown: "the role name and policy arn separated by `/`"
    ("aws_iam_role_policy_attachment", "ROLE_NAME/POLICY_ARN"),
];

/// The files of `emit terraform`, by file name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerraformFiles {
    pub files: Vec<(String, String)>,
}

/// Terraform addresses (`type.name`) of everything the configuration owns, by physical id.
#[derive(Debug, Default)]
struct Addresses {
    pools: HashMap<String, String>,
    clients: HashMap<(String, String), String>,
    idps: HashMap<(String, String), String>,
    resource_servers: HashMap<(String, String), String>,
    identity_pools: HashMap<String, String>,
    roles: HashMap<String, String>,
}

fn tf_name(s: &str) -> String {
    let n = snake_case(s);
    match n.chars().next() {
        Some(c) if c.is_ascii_alphabetic() => n,
        _ => format!("r_{n}"),
    }
}

struct Writer<'s, 'a> {
    scope: &'s IacScope<'a>,
    names: HashMap<&'static str, Namer>,
    addr: Addresses,
    resources: Vec<Item>,
    imports: Vec<Item>,
    variables: Vec<Item>,
    variable_names: Vec<String>,
}

/// Builds the files.
pub fn emit(scope: &IacScope) -> TerraformFiles {
    let mut w = Writer {
        scope,
        names: HashMap::new(),
        addr: Addresses::default(),
        resources: Vec::new(),
        imports: Vec::new(),
        variables: Vec::new(),
        variable_names: Vec::new(),
    };
    w.assign_addresses();
    for p in &scope.user_pools {
        w.user_pool(p);
    }
    for ip in &scope.identity_pools {
        w.identity_pool(ip);
    }
    for r in &scope.roles {
        w.role(r);
    }

    let account = scope.account_id.unwrap_or("unknown account");
    let mut main = vec![
        Item::Comment(format!(
            "Amazon Cognito resources of {account} in {}, written by `cogref emit terraform`.",
            scope.region
        )),
        Item::Comment(
            "Adopt them with the import blocks in imports.tf (Terraform >= 1.5); see IMPORT.md."
                .into(),
        ),
        Item::Blank,
    ];
    let mut terraform = Block::new("terraform", &[]);
    terraform.attr("required_version", Expr::str(">= 1.5.0"));
    let mut providers = Block::new("required_providers", &[]);
    providers.attr(
        "aws",
        Expr::Object(vec![
            ("source".into(), Expr::str("hashicorp/aws")),
            ("version".into(), Expr::str(">= 6.0")),
        ]),
    );
    terraform.block(providers);
    main.push(Item::Block(terraform));
    main.push(Item::Blank);
    let mut provider = Block::new("provider", &["aws"]);
    provider.attr("region", Expr::str(scope.region.as_str()));
    main.push(Item::Block(provider));
    for r in w.resources {
        main.push(Item::Blank);
        main.push(r);
    }

    let mut imports = vec![Item::Comment(
        "Import ids in the formats the AWS provider documents for each resource type.".into(),
    )];
    for i in w.imports {
        imports.push(Item::Blank);
        imports.push(i);
    }

    let variable_names = w.variable_names.clone();
    let mut variables = vec![Item::Comment(
        "Secrets cogref never reads: set them in a *.tfvars file kept out of version control."
            .into(),
    )];
    if w.variables.is_empty() {
        variables.push(Item::Comment("None in this configuration.".into()));
    }
    for v in w.variables {
        variables.push(Item::Blank);
        variables.push(v);
    }

    TerraformFiles {
        files: vec![
            ("main.tf".to_string(), hcl::render(&main)),
            ("imports.tf".to_string(), hcl::render(&imports)),
            ("variables.tf".to_string(), hcl::render(&variables)),
            (
                "IMPORT.md".to_string(),
                import_markdown(scope, &variable_names),
            ),
        ],
    }
}

fn reference(address: &str, attribute: &str) -> Expr {
    Expr::raw(format!("{address}.{attribute}"))
}

/// A role ARN: a reference when the configuration owns the role, else the literal ARN.
fn role_arn(addr: &Addresses, arn: &str) -> Expr {
    match addr.roles.get(arn) {
        Some(a) => reference(a, "arn"),
        None => Expr::str(arn),
    }
}

fn string_map(m: &std::collections::BTreeMap<String, String>) -> Expr {
    Expr::Object(
        m.iter()
            .map(|(k, v)| (k.clone(), Expr::str(v.as_str())))
            .collect(),
    )
}

impl Writer<'_, '_> {
    fn name(&mut self, ty: &'static str, base: &str, disambiguator: &str) -> String {
        let n = self
            .names
            .entry(ty)
            .or_default()
            .unique(tf_name(base), &format!("_{}", snake_case(disambiguator)));
        format!("{ty}.{n}")
    }

    fn assign_addresses(&mut self) {
        let scope = self.scope;
        for p in &scope.user_pools {
            let a = self.name("aws_cognito_user_pool", &p.name, &p.id);
            let short = a.trim_start_matches("aws_cognito_user_pool.").to_string();
            self.addr.pools.insert(p.id.clone(), a);
            for c in &p.clients {
                let a = self.name(
                    "aws_cognito_user_pool_client",
                    &format!("{short}_{}", c.name),
                    &c.id,
                );
                self.addr.clients.insert((p.id.clone(), c.id.clone()), a);
            }
            for idp in &p.identity_providers {
                let a = self.name(
                    "aws_cognito_identity_provider",
                    &format!("{short}_{}", idp.name),
                    "",
                );
                self.addr.idps.insert((p.id.clone(), idp.name.clone()), a);
            }
            for rs in &p.resource_servers {
                let a = self.name(
                    "aws_cognito_resource_server",
                    &format!("{short}_{}", rs.name),
                    &rs.identifier,
                );
                self.addr
                    .resource_servers
                    .insert((p.id.clone(), rs.identifier.clone()), a);
            }
        }
        for ip in &scope.identity_pools {
            let a = self.name("aws_cognito_identity_pool", &ip.name, &ip.id);
            self.addr.identity_pools.insert(ip.id.clone(), a);
        }
        for r in &scope.roles {
            let a = self.name("aws_iam_role", &r.name, &r.path);
            self.addr.roles.insert(r.arn.clone(), a);
        }
    }

    /// Adds `import { to = ADDRESS, id = "ID" }` and the resource block.
    fn add(&mut self, address: &str, id: &str, block: Block) {
        let mut i = Block::new("import", &[]);
        i.attr("to", Expr::raw(address)).attr("id", Expr::str(id));
        self.imports.push(Item::Block(i));
        self.resources.push(Item::Block(block));
    }

    fn resource(address: &str) -> Block {
        let (ty, name) = address.split_once('.').unwrap_or((address, "x"));
        Block::new("resource", &[ty, name])
    }

    fn user_pool(&mut self, p: &UserPool) {
        let Some(address) = self.addr.pools.get(&p.id).cloned() else {
            return;
        };
        let mut b = Self::resource(&address);
        b.attr("name", Expr::str(p.name.as_str()));
        b.list("alias_attributes", &p.alias_attributes);
        b.list("username_attributes", &p.username_attributes);
        b.list("auto_verified_attributes", &p.auto_verified_attributes);
        b.opt_str("deletion_protection", p.deletion_protection.as_ref());
        b.opt_str("mfa_configuration", p.mfa_configuration.as_ref());
        b.opt_str(
            "sms_authentication_message",
            p.sms_authentication_message.as_ref(),
        );
        for name in [
            "EmailVerificationMessage",
            "EmailVerificationSubject",
            "SmsVerificationMessage",
        ] {
            if let Some(v) = legacy_message_value(p, name) {
                b.attr(&snake_case(&split_camel(name)), Expr::str(v));
            }
        }
        b.opt_str("user_pool_tier", p.user_pool_tier.as_ref());
        if !p.tags.is_empty() {
            b.spaced_attr("tags", string_map(&p.tags));
        }
        if !p.account_recovery.is_empty() {
            let mut ar = Block::new("account_recovery_setting", &[]);
            for r in &p.account_recovery {
                let mut m = Block::new("recovery_mechanism", &[]);
                m.attr("name", Expr::str(r.name.as_str()))
                    .attr("priority", Expr::raw(r.priority.to_string()));
                ar.block(m);
            }
            b.block(ar);
        }
        if let Some(a) = &p.admin_create_user_config {
            let mut x = Block::new("admin_create_user_config", &[]);
            x.attr(
                "allow_admin_create_user_only",
                Expr::raw(a.allow_admin_create_user_only.to_string()),
            );
            let mut t = Block::new("invite_message_template", &[]);
            t.opt_str("email_message", a.invite_email_message.as_ref())
                .opt_str("email_subject", a.invite_email_subject.as_ref())
                .opt_str("sms_message", a.invite_sms_message.as_ref());
            if !t.body.is_empty() {
                x.block(t);
            }
            b.block(x);
        }
        if let Some(d) = &p.device_configuration {
            let mut x = Block::new("device_configuration", &[]);
            x.attr(
                "challenge_required_on_new_device",
                Expr::raw(d.challenge_required_on_new_device.to_string()),
            )
            .attr(
                "device_only_remembered_on_user_prompt",
                Expr::raw(d.device_only_remembered_on_user_prompt.to_string()),
            );
            b.block(x);
        }
        if let Some(e) = &p.email_configuration {
            let mut x = Block::new("email_configuration", &[]);
            x.opt_str("configuration_set", e.configuration_set.as_ref())
                .opt_str("email_sending_account", e.email_sending_account.as_ref())
                .opt_str("from_email_address", e.from.as_ref())
                .opt_str("reply_to_email_address", e.reply_to_email_address.as_ref())
                .opt_str("source_arn", e.source_arn.as_ref());
            b.block(x);
        }
        if p.enabled_mfas.iter().any(|m| m == "EMAIL_OTP") {
            let mut x = Block::new("email_mfa_configuration", &[]);
            x.opt_str("message", p.email_authentication_message.as_ref())
                .opt_str("subject", p.email_authentication_subject.as_ref());
            b.block(x);
        }
        let lambda = nested_lambda_config(&p.lambda_config, true);
        if !lambda.is_empty() {
            let mut x = Block::new("lambda_config", &[]);
            let mut nested = Vec::new();
            for (k, v) in lambda {
                match v {
                    LambdaValue::Arn(a) => {
                        x.attr(&k, Expr::str(a));
                    }
                    LambdaValue::Nested(n) => {
                        let mut inner = Block::new(&k, &[]);
                        for (ik, iv) in n {
                            inner.attr(&ik, Expr::str(iv));
                        }
                        nested.push(inner);
                    }
                }
            }
            for n in nested {
                x.block(n);
            }
            b.block(x);
        }
        if let Some(pp) = &p.password_policy {
            let mut x = Block::new("password_policy", &[]);
            x.opt_raw("minimum_length", pp.minimum_length)
                .opt_raw("password_history_size", pp.password_history_size)
                .attr(
                    "require_lowercase",
                    Expr::raw(pp.require_lowercase.to_string()),
                )
                .attr("require_numbers", Expr::raw(pp.require_numbers.to_string()))
                .attr("require_symbols", Expr::raw(pp.require_symbols.to_string()))
                .attr(
                    "require_uppercase",
                    Expr::raw(pp.require_uppercase.to_string()),
                )
                .opt_raw(
                    "temporary_password_validity_days",
                    pp.temporary_password_validity_days,
                );
            b.block(x);
        }
        for a in template_schema(p) {
            let mut x = Block::new("schema", &[]);
            x.attr("name", Expr::str(a.bare_name()))
                .opt_str("attribute_data_type", a.data_type.as_ref())
                .attr(
                    "developer_only_attribute",
                    Expr::raw(a.developer_only.to_string()),
                )
                .attr("mutable", Expr::raw(a.mutable.to_string()))
                .attr("required", Expr::raw(a.required.to_string()));
            if a.string_min_length.is_some() || a.string_max_length.is_some() {
                let mut c = Block::new("string_attribute_constraints", &[]);
                c.opt_raw("min_length", a.string_min_length.as_ref())
                    .opt_raw("max_length", a.string_max_length.as_ref());
                x.block(c);
            }
            if a.number_min_value.is_some() || a.number_max_value.is_some() {
                let mut c = Block::new("number_attribute_constraints", &[]);
                c.opt_raw("min_value", a.number_min_value.as_ref())
                    .opt_raw("max_value", a.number_max_value.as_ref());
                x.block(c);
            }
            b.block(x);
        }
        if !p.allowed_first_auth_factors.is_empty() {
            let mut x = Block::new("sign_in_policy", &[]);
            x.list("allowed_first_auth_factors", &p.allowed_first_auth_factors);
            b.block(x);
        }
        if let Some(sms) = &p.sms_configuration {
            let mut x = Block::new("sms_configuration", &[]);
            x.opt_str("external_id", sms.external_id.as_ref());
            if let Some(arn) = &sms.sns_caller_arn {
                x.attr("sns_caller_arn", role_arn(&self.addr, arn));
            }
            x.opt_str("sns_region", sms.sns_region.as_ref());
            b.block(x);
        }
        if p.enabled_mfas.iter().any(|m| m == "SOFTWARE_TOKEN_MFA") {
            let mut x = Block::new("software_token_mfa_configuration", &[]);
            x.attr("enabled", Expr::raw("true"));
            b.block(x);
        }
        if !p.attributes_require_verification_before_update.is_empty() {
            let mut x = Block::new("user_attribute_update_settings", &[]);
            x.list(
                "attributes_require_verification_before_update",
                &p.attributes_require_verification_before_update,
            );
            b.block(x);
        }
        if p.advanced_security_mode.is_some() || p.advanced_security_custom_auth_mode.is_some() {
            let mut x = Block::new("user_pool_add_ons", &[]);
            x.opt_str("advanced_security_mode", p.advanced_security_mode.as_ref());
            if let Some(mode) = &p.advanced_security_custom_auth_mode {
                let mut f = Block::new("advanced_security_additional_flows", &[]);
                f.attr("custom_auth_mode", Expr::str(mode.as_str()));
                x.block(f);
            }
            b.block(x);
        }
        if let Some(cs) = p.username_case_sensitive {
            let mut x = Block::new("username_configuration", &[]);
            x.attr("case_sensitive", Expr::raw(cs.to_string()));
            b.block(x);
        }
        if let Some(t) = &p.verification_message_template {
            let mut x = Block::new("verification_message_template", &[]);
            x.opt_str("default_email_option", t.default_email_option.as_ref())
                .opt_str("email_message", t.email_message.as_ref())
                .opt_str("email_message_by_link", t.email_message_by_link.as_ref())
                .opt_str("email_subject", t.email_subject.as_ref())
                .opt_str("email_subject_by_link", t.email_subject_by_link.as_ref())
                .opt_str("sms_message", t.sms_message.as_ref());
            b.block(x);
        }
        if let Some(w) = &p.web_authn {
            let mut x = Block::new("web_authn_configuration", &[]);
            x.opt_str("relying_party_id", w.relying_party_id.as_ref())
                .opt_str("user_verification", w.user_verification.as_ref());
            b.block(x);
        }
        let mut lc = Block::new("lifecycle", &[]);
        lc.attr("prevent_destroy", Expr::raw("true"));
        b.block(lc);
        self.add(&address, &p.id, b);

        let short = address
            .trim_start_matches("aws_cognito_user_pool.")
            .to_string();
        let mut domains = Vec::new();
        for (suffix, domain) in [("", &p.domain), ("_custom", &p.custom_domain)] {
            let Some(d) = domain else { continue };
            let a = self.name(
                "aws_cognito_user_pool_domain",
                &format!("{short}{suffix}"),
                "",
            );
            domains.push(a.clone());
            let mut x = Self::resource(&a);
            x.attr("domain", Expr::str(d.domain.as_str()))
                .attr("user_pool_id", reference(&address, "id"))
                .opt_str(
                    "certificate_arn",
                    crate::cfn::domain_certificate(d)
                        .map(str::to_string)
                        .as_ref(),
                )
                .opt_raw("managed_login_version", d.managed_login_version);
            self.add(&a, &d.domain, x);
        }
        for idp in &p.identity_providers {
            let Some(a) = self
                .addr
                .idps
                .get(&(p.id.clone(), idp.name.clone()))
                .cloned()
            else {
                continue;
            };
            let secrets = secret_detail_keys(idp);
            let mut details = Vec::new();
            for (k, v) in &idp.details {
                if is_server_managed_detail(k) {
                    continue;
                }
                if secrets.contains(&k.as_str()) {
                    let var = format!(
                        "{}_{}",
                        a.trim_start_matches("aws_cognito_identity_provider."),
                        snake_case(k)
                    );
                    let mut vb = Block::new("variable", &[&var]);
                    vb.attr(
                        "description",
                        Expr::str(format!(
                            "{k} of identity provider {} of user pool {} (a secret cogref never reads)",
                            idp.name, p.name
                        )),
                    )
                    .attr("type", Expr::raw("string"))
                    .attr("sensitive", Expr::raw("true"));
                    self.variables.push(Item::Block(vb));
                    self.variable_names.push(var.clone());
                    details.push((k.clone(), Expr::raw(format!("var.{var}"))));
                } else {
                    details.push((k.clone(), Expr::str(v.as_str())));
                }
            }
            let mut x = Self::resource(&a);
            x.attr("user_pool_id", reference(&address, "id"))
                .attr("provider_name", Expr::str(idp.name.as_str()))
                .attr("provider_type", Expr::str(idp.provider_type.as_str()))
                .list("idp_identifiers", &idp.idp_identifiers);
            x.spaced_attr("provider_details", Expr::Object(details));
            if !idp.attribute_mapping.is_empty() {
                x.spaced_attr("attribute_mapping", string_map(&idp.attribute_mapping));
            }
            self.add(&a, &format!("{}:{}", p.id, idp.name), x);
        }
        for rs in &p.resource_servers {
            let Some(a) = self
                .addr
                .resource_servers
                .get(&(p.id.clone(), rs.identifier.clone()))
                .cloned()
            else {
                continue;
            };
            let mut x = Self::resource(&a);
            x.attr("identifier", Expr::str(rs.identifier.as_str()))
                .attr("name", Expr::str(rs.name.as_str()))
                .attr("user_pool_id", reference(&address, "id"));
            for s in &rs.scopes {
                let mut sb = Block::new("scope", &[]);
                sb.attr("scope_name", Expr::str(s.name.as_str()))
                    .attr("scope_description", Expr::str(s.description.as_str()));
                x.block(sb);
            }
            self.add(&a, &format!("{}|{}", p.id, rs.identifier), x);
        }
        for c in &p.clients {
            self.client(p, &address, c);
        }
        for g in &p.groups {
            let a = self.name("aws_cognito_user_group", &format!("{short}_{}", g.name), "");
            let mut x = Self::resource(&a);
            x.attr("name", Expr::str(g.name.as_str()))
                .attr("user_pool_id", reference(&address, "id"))
                .opt_str("description", g.description.as_ref())
                .opt_raw("precedence", g.precedence);
            if let Some(arn) = &g.role_arn {
                x.attr("role_arn", role_arn(&self.addr, arn));
            }
            self.add(&a, &format!("{}/{}", p.id, g.name), x);
        }
        self.pool_settings(p, &address, &domains);
    }

    fn client(&mut self, p: &UserPool, pool_address: &str, c: &AppClient) {
        let Some(a) = self
            .addr
            .clients
            .get(&(p.id.clone(), c.id.clone()))
            .cloned()
        else {
            return;
        };
        let mut x = Self::resource(&a);
        x.attr("name", Expr::str(c.name.as_str()))
            .attr("user_pool_id", reference(pool_address, "id"));
        if c.has_secret {
            x.attr("generate_secret", Expr::raw("true"));
        }
        x.opt_raw("access_token_validity", c.access_token_validity)
            .opt_raw("id_token_validity", c.id_token_validity)
            .opt_raw("refresh_token_validity", c.refresh_token_validity)
            .opt_raw("auth_session_validity", c.auth_session_validity)
            .list("explicit_auth_flows", &c.explicit_auth_flows)
            .list(
                "supported_identity_providers",
                &c.supported_identity_providers,
            )
            .list("callback_urls", &c.callback_urls)
            .list("logout_urls", &c.logout_urls)
            .opt_str("default_redirect_uri", c.default_redirect_uri.as_ref())
            .list("allowed_oauth_flows", &c.allowed_oauth_flows)
            .list("allowed_oauth_scopes", &c.allowed_oauth_scopes);
        if c.allowed_oauth_flows_user_pool_client {
            x.attr("allowed_oauth_flows_user_pool_client", Expr::raw("true"));
        }
        x.list("read_attributes", &c.read_attributes)
            .list("write_attributes", &c.write_attributes)
            .opt_str(
                "prevent_user_existence_errors",
                c.prevent_user_existence_errors.as_ref(),
            )
            .opt_raw("enable_token_revocation", c.enable_token_revocation)
            .opt_raw(
                "enable_propagate_additional_user_context_data",
                c.enable_propagate_additional_user_context_data,
            );
        // Units default to hours, hours, days when Cognito returns none; written explicitly.
        let units = c.token_validity_units.clone().unwrap_or_default();
        let mut u = Block::new("token_validity_units", &[]);
        for (key, value, unit, default) in [
            (
                "access_token",
                c.access_token_validity,
                &units.access_token,
                "hours",
            ),
            ("id_token", c.id_token_validity, &units.id_token, "hours"),
            (
                "refresh_token",
                c.refresh_token_validity,
                &units.refresh_token,
                "days",
            ),
        ] {
            if value.is_some() {
                u.attr(
                    key,
                    Expr::str(unit.clone().unwrap_or_else(|| default.to_string())),
                );
            }
        }
        if !u.body.is_empty() {
            x.block(u);
        }
        if let Some(an) = &c.analytics_configuration {
            let mut y = Block::new("analytics_configuration", &[]);
            y.opt_str("application_arn", an.application_arn.as_ref())
                .opt_str("application_id", an.application_id.as_ref())
                .opt_str("external_id", an.external_id.as_ref())
                .opt_str("role_arn", an.role_arn.as_ref())
                .attr(
                    "user_data_shared",
                    Expr::raw(an.user_data_shared.to_string()),
                );
            x.block(y);
        }
        if let Some(r) = &c.refresh_token_rotation {
            let mut y = Block::new("refresh_token_rotation", &[]);
            y.attr("feature", Expr::str(r.feature.as_str()))
                .opt_raw("retry_grace_period_seconds", r.retry_grace_period_seconds);
            x.block(y);
        }
        let (idps, servers) = client_dependencies(p, c);
        let mut deps: Vec<String> = idps
            .into_iter()
            .filter_map(|n| self.addr.idps.get(&(p.id.clone(), n.to_string())))
            .chain(servers.into_iter().filter_map(|i| {
                self.addr
                    .resource_servers
                    .get(&(p.id.clone(), i.to_string()))
            }))
            .cloned()
            .collect();
        if !deps.is_empty() {
            deps.sort();
            deps.dedup();
            x.spaced_attr(
                "depends_on",
                Expr::List(deps.into_iter().map(Expr::Raw).collect()),
            );
        }
        self.add(&a, &format!("{}/{}", p.id, c.id), x);
    }

    fn identity_pool(&mut self, ip: &IdentityPool) {
        self.identity_pool_and_roles(ip);
        if let Some(address) = self.addr.identity_pools.get(&ip.id).cloned() {
            self.principal_tags(ip, &address);
        }
    }

    fn identity_pool_and_roles(&mut self, ip: &IdentityPool) {
        let Some(address) = self.addr.identity_pools.get(&ip.id).cloned() else {
            return;
        };
        let mut x = Self::resource(&address);
        x.attr("identity_pool_name", Expr::str(ip.name.as_str()))
            .attr(
                "allow_unauthenticated_identities",
                Expr::raw(ip.allow_unauthenticated_identities.to_string()),
            )
            .opt_raw("allow_classic_flow", ip.allow_classic_flow)
            .opt_str(
                "developer_provider_name",
                ip.developer_provider_name.as_ref(),
            )
            .list(
                "openid_connect_provider_arns",
                &ip.open_id_connect_provider_arns,
            )
            .list("saml_provider_arns", &ip.saml_provider_arns);
        if !ip.supported_login_providers.is_empty() {
            x.spaced_attr(
                "supported_login_providers",
                string_map(&ip.supported_login_providers),
            );
        }
        if !ip.tags.is_empty() {
            x.spaced_attr("tags", string_map(&ip.tags));
        }
        for cp in &ip.cognito_identity_providers {
            let pool = cp
                .user_pool_id
                .clone()
                .or_else(|| CognitoProvider::pool_id_from_provider_name(&cp.provider_name));
            let mut b = Block::new("cognito_identity_providers", &[]);
            b.attr("client_id", self.client_id(pool.as_deref(), &cp.client_id))
                .attr(
                    "provider_name",
                    self.provider_name(&cp.provider_name, pool.as_deref()),
                )
                .attr(
                    "server_side_token_check",
                    Expr::raw(cp.server_side_token_check.to_string()),
                );
            x.block(b);
        }
        let mut lc = Block::new("lifecycle", &[]);
        lc.attr("prevent_destroy", Expr::raw("true"));
        x.block(lc);
        self.add(&address, &ip.id, x);

        if ip.roles.is_empty() && ip.role_mappings.is_empty() {
            return;
        }
        let a = self.name(
            "aws_cognito_identity_pool_roles_attachment",
            address.trim_start_matches("aws_cognito_identity_pool."),
            "",
        );
        let mut x = Self::resource(&a);
        x.attr("identity_pool_id", reference(&address, "id"));
        if !ip.roles.is_empty() {
            x.spaced_attr(
                "roles",
                Expr::Object(
                    ip.roles
                        .iter()
                        .map(|(k, arn)| (k.clone(), role_arn(&self.addr, arn)))
                        .collect(),
                ),
            );
        }
        for (key, m) in &ip.role_mappings {
            let mut b = Block::new("role_mapping", &[]);
            let provider = match self.scope.owned_provider(key) {
                Some((pool, client)) => {
                    let pool_a = self.addr.pools.get(&pool.id).cloned().unwrap_or_default();
                    let client_a = self
                        .addr
                        .clients
                        .get(&(pool.id.clone(), client))
                        .cloned()
                        .unwrap_or_default();
                    Expr::raw(format!("\"${{{pool_a}.endpoint}}:${{{client_a}.id}}\""))
                }
                None => Expr::str(key.as_str()),
            };
            b.attr("identity_provider", provider)
                .opt_str(
                    "ambiguous_role_resolution",
                    m.ambiguous_role_resolution.as_ref(),
                )
                .attr("type", Expr::str(m.mapping_type.as_str()));
            if m.mapping_type == "Rules" {
                for r in &m.rules {
                    let mut rb = Block::new("mapping_rule", &[]);
                    rb.attr("claim", Expr::str(r.claim.as_str()))
                        .attr("match_type", Expr::str(r.match_type.as_str()))
                        .attr("role_arn", role_arn(&self.addr, &r.role_arn))
                        .attr("value", Expr::str(r.value.as_str()));
                    b.block(rb);
                }
            }
            x.block(b);
        }
        self.add(&a, &ip.id, x);
    }

    fn provider_name(&self, provider_name: &str, pool_id: Option<&str>) -> Expr {
        match pool_id.and_then(|id| self.addr.pools.get(id)) {
            Some(a) => reference(a, "endpoint"),
            None => Expr::str(provider_name),
        }
    }

    fn client_id(&self, pool_id: Option<&str>, client_id: &str) -> Expr {
        match pool_id.and_then(|p| {
            self.addr
                .clients
                .get(&(p.to_string(), client_id.to_string()))
        }) {
            Some(a) => reference(a, "id"),
            None => Expr::str(client_id),
        }
    }

    fn role(&mut self, r: &Role) {
        let Some(address) = self.addr.roles.get(&r.arn).cloned() else {
            return;
        };
        let short = address.trim_start_matches("aws_iam_role.").to_string();
        let mut x = Self::resource(&address);
        x.attr("name", Expr::str(r.name.as_str()))
            .attr("path", Expr::str(r.path.as_str()))
            .opt_str("description", r.description.as_ref())
            .opt_raw("max_session_duration", r.max_session_duration)
            .opt_str("permissions_boundary", r.permissions_boundary.as_ref());
        let pools: HashMap<String, String> = self
            .addr
            .identity_pools
            .iter()
            .map(|(id, a)| (id.clone(), format!("{a}.id")))
            .collect();
        x.spaced_attr(
            "assume_role_policy",
            Expr::Call("jsonencode", Box::new(json_expr(&r.trust_policy, &pools))),
        );
        if !r.tags.is_empty() {
            x.spaced_attr("tags", string_map(&r.tags));
        }
        self.add(&address, &r.name, x);

        for p in &r.inline_policies {
            let a = self.name("aws_iam_role_policy", &format!("{short}_{}", p.name), "");
            let mut b = Self::resource(&a);
            b.attr("name", Expr::str(p.name.as_str()))
                .attr("role", reference(&address, "id"))
                .attr(
                    "policy",
                    Expr::Call(
                        "jsonencode",
                        Box::new(json_expr(&p.document, &HashMap::new())),
                    ),
                );
            self.add(&a, &format!("{}:{}", r.name, p.name), b);
        }
        for p in &r.managed_policies {
            let a = self.name(
                "aws_iam_role_policy_attachment",
                &format!("{short}_{}", p.name),
                "",
            );
            let mut b = Self::resource(&a);
            b.attr("role", reference(&address, "name"))
                .attr("policy_arn", Expr::str(p.arn.as_str()));
            self.add(&a, &format!("{}/{}", r.name, p.arn), b);
        }
    }
}

/// `EmailVerificationMessage` -> `Email Verification Message` (for snake_case).
fn split_camel(s: &str) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i > 0 && c.is_ascii_uppercase() {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

/// A JSON value (a policy document) as an HCL expression for `jsonencode`; strings equal to
/// an owned identity pool id become references to it.
fn json_expr(v: &Value, refs: &HashMap<String, String>) -> Expr {
    match v {
        Value::Null => Expr::raw("null"),
        Value::Bool(b) => Expr::raw(b.to_string()),
        Value::Number(n) => Expr::raw(n.to_string()),
        Value::String(s) => match refs.get(s) {
            Some(r) => Expr::raw(r.clone()),
            None => Expr::str(s.as_str()),
        },
        Value::Array(a) => Expr::List(a.iter().map(|x| json_expr(x, refs)).collect()),
        Value::Object(o) => Expr::Object(
            o.iter()
                .map(|(k, x)| (k.clone(), json_expr(x, refs)))
                .collect(),
        ),
    }
}

fn import_markdown(scope: &IacScope, variables: &[String]) -> String {
    let account = scope.account_id.unwrap_or("(unknown account)");
    let mut md = String::new();
    md.push_str("# Importing these Cognito resources into Terraform\n\n");
    md.push_str(&format!(
        "Written by `cogref emit terraform` for account {account}, region {}. `main.tf` \
         describes the live resources as they are, `imports.tf` holds one `import` block per \
         resource (Terraform >= 1.5) with the id format the AWS provider documents, and \
         `variables.tf` declares a `sensitive` variable for every secret cogref never reads. \
         User pools and identity pools carry `lifecycle {{ prevent_destroy = true }}`.\n\n",
        scope.region
    ));
    let var_file = if variables.is_empty() {
        ""
    } else {
        " -var-file=secrets.tfvars"
    };
    md.push_str("## Import\n\n```sh\nterraform init\n");
    md.push_str(&format!(
        "terraform plan{var_file}   # expect imports only, no changes\n"
    ));
    md.push_str(&format!("terraform apply{var_file}\n```\n\n"));
    if !variables.is_empty() {
        md.push_str(
            "`secrets.tfvars` (keep it out of version control) sets the identity-provider \
             secrets cogref never reads:\n\n```hcl\n",
        );
        for v in variables {
            md.push_str(&format!("{v} = \"...\"\n"));
        }
        md.push_str("```\n\n");
    }
    md.push_str(
        "Merging into an existing configuration: drop the `terraform` and `provider` blocks of \
         `main.tf`. After the apply, `imports.tf` can be deleted.\n\n",
    );
    md.push_str("## Not carried over\n\n");
    md.push_str(&omissions_markdown(&scope.omissions()));
    for (what, why) in TERRAFORM_ONLY_OMITTED {
        md.push_str(&format!("- **Every resource**: {what}: {why}.\n"));
    }
    md
}
