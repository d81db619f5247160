//! The snapshot: everything cogref knows about an account, as plain serde types.
//!
//! A snapshot is what `cogref scan` writes and what every offline command (`ls`, `check`,
//! `emit`, `drift`) reads. It holds no SDK types and does no I/O. Every collection is sorted
//! (see [`Snapshot::normalize`]) so two scans of an unchanged account differ only in
//! `captured_at`. Secrets are never stored: an app client secret becomes `has_secret: true`, an
//! identity-provider secret becomes [`REDACTED`].
//!
//! The format is versioned by [`SCHEMA_VERSION`]; readers refuse versions they do not know
//! instead of guessing.

pub mod fleet;
mod ids;
mod policy_text;
mod read;
mod stack;

pub use ids::{is_region_name, IdentityPoolId, PoolIdError, UserPoolId};
pub use policy_text::{parse_policy_text, PolicyTextError};
pub use read::SnapshotError;
pub use stack::{
    is_complete_resource_status, is_unhealthy_stack_status, DeployedStack, StackResource,
};

use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::BTreeMap;

/// Version of the snapshot format written by this build. Bump it on any incompatible change and
/// keep reading the older versions.
pub const SCHEMA_VERSION: u32 = 1;

/// What a secret value is replaced with: records that a secret exists, never its value.
pub const REDACTED: &str = "<redacted: secret exists>";

/// A whole account (one or more regions) at one point in time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub schema_version: u32,
    /// The account the credentials belong to (STS GetCallerIdentity); absent when unknown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_id: Option<String>,
    /// RFC 3339 UTC time the scan started. The only field that differs between two scans of an
    /// unchanged account.
    pub captured_at: String,
    /// Regions that were scanned, sorted.
    pub regions: Vec<String>,
    #[serde(default)]
    pub user_pools: Vec<UserPool>,
    #[serde(default)]
    pub identity_pools: Vec<IdentityPool>,
    /// Every IAM role referenced by a pool, group, identity pool or role mapping, and every
    /// role of a read stack that holds Cognito resources; each read once.
    #[serde(default)]
    pub roles: Vec<Role>,
    /// CloudFormation stacks read with `--stack` / `--all-stacks` (for `cogref drift --stack`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stacks: Vec<DeployedStack>,
    /// Resources that could not be read. A snapshot with errors is partial.
    #[serde(default)]
    pub errors: Vec<ScanError>,
    /// References the scan did not read by design, not failures: a role in another account than
    /// the scanned one (`CrossAccountRole`: these credentials cannot read it). A snapshot with
    /// only these is complete; `check` still reports each such role as unverified.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_read: Vec<ScanError>,
}

/// A resource cogref could not read, and why.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScanError {
    /// What was being read, e.g. `user-pool us-east-1_abc` or `role arn:aws:iam::1:role/x`.
    pub resource: String,
    /// The API operation, e.g. `DescribeUserPool`.
    pub operation: String,
    /// The AWS error code (`AccessDeniedException`) or cogref's class of transport error
    /// (`TimeoutError`, `DispatchFailure`, `ResponseError`).
    pub code: String,
    pub message: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UserPool {
    pub id: String,
    pub region: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub creation_date: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified_date: Option<String>,
    /// Users in the pool as Cognito estimates it: the users at risk of a replacement.
    #[serde(default)]
    pub estimated_number_of_users: i64,
    /// Sign-in identifiers used as the username (`email`, `phone_number`). Fixed at creation.
    #[serde(default)]
    pub username_attributes: Vec<String>,
    /// Sign-in aliases (`email`, `phone_number`, `preferred_username`). Fixed at creation.
    #[serde(default)]
    pub alias_attributes: Vec<String>,
    /// `UsernameConfiguration.CaseSensitive`; absent means case-sensitive. Fixed at creation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub username_case_sensitive: Option<bool>,
    #[serde(default)]
    pub auto_verified_attributes: Vec<String>,
    /// Attributes that must be verified before an update takes effect.
    #[serde(default)]
    pub attributes_require_verification_before_update: Vec<String>,
    /// Schema attributes as Cognito returns them (custom ones named `custom:x` / `dev:x`),
    /// sorted by name. Standard attributes at their defaults are kept: normalising is the
    /// consumer's job (drift, emit), so the snapshot stays faithful.
    #[serde(default)]
    pub schema: Vec<SchemaAttribute>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_policy: Option<PasswordPolicy>,
    /// Sign-in policy: allowed first authentication factors (passwordless).
    #[serde(default)]
    pub allowed_first_auth_factors: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub web_authn: Option<WebAuthnConfig>,
    /// `OFF`, `ON` or `OPTIONAL`, from GetUserPoolMfaConfig.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mfa_configuration: Option<String>,
    /// `SMS_MFA`, `SOFTWARE_TOKEN_MFA`, `EMAIL_OTP`, from GetUserPoolMfaConfig (DescribeUserPool
    /// does not have them).
    #[serde(default)]
    pub enabled_mfas: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_authentication_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_configuration: Option<SmsConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_verification_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verification_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_verification_subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub verification_message_template: Option<VerificationMessageTemplate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_configuration: Option<EmailConfiguration>,
    /// Lambda triggers by CloudFormation `LambdaConfig` property name (`PreSignUp`, ...).
    /// Custom sender triggers appear as `CustomEmailSender.LambdaArn` etc.
    #[serde(default)]
    pub lambda_config: BTreeMap<String, String>,
    /// Account recovery mechanisms, sorted by priority.
    #[serde(default)]
    pub account_recovery: Vec<RecoveryOption>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub admin_create_user_config: Option<AdminCreateUserConfig>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub device_configuration: Option<DeviceConfiguration>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_security_mode: Option<String>,
    /// `ACTIVE` or `INACTIVE`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletion_protection: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_tier: Option<String>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// The Cognito prefix domain (`myapp` of `myapp.auth.REGION.amazoncognito.com`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub domain: Option<Domain>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub custom_domain: Option<Domain>,
    #[serde(default)]
    pub clients: Vec<AppClient>,
    #[serde(default)]
    pub groups: Vec<Group>,
    #[serde(default)]
    pub identity_providers: Vec<IdentityProvider>,
    #[serde(default)]
    pub resource_servers: Vec<ResourceServer>,
    // issue 11: every field AWS returns
    /// Email MFA message and subject (GetUserPoolMfaConfig `EmailMfaConfiguration`;
    /// CloudFormation `EmailAuthenticationMessage` / `EmailAuthenticationSubject`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_authentication_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_authentication_subject: Option<String>,
    /// `UserPoolAddOns.AdvancedSecurityAdditionalFlows.CustomAuthMode` (`AUDIT`, `ENFORCED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advanced_security_custom_auth_mode: Option<String>,
    // issue 13: extra resource types
    /// The pool-wide threat-protection risk configuration (DescribeRiskConfiguration without a
    /// client); absent when nothing is configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_configuration: Option<RiskConfiguration>,
    /// The pool-wide hosted UI customization (GetUICustomization, `ClientId` `ALL`); absent
    /// when it has neither CSS nor an image.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ui_customization: Option<UiCustomization>,
    /// Log delivery (GetLogDeliveryConfiguration); empty when nothing is delivered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub log_delivery: Vec<LogConfiguration>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchemaAttribute {
    /// As Cognito returns it: `email`, `custom:tier`, `dev:flag`.
    pub name: String,
    /// `String`, `Number`, `DateTime` or `Boolean`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub data_type: Option<String>,
    #[serde(default)]
    pub developer_only: bool,
    #[serde(default)]
    pub mutable: bool,
    #[serde(default)]
    pub required: bool,
    /// Constraints keep Cognito's string form (`"0"`); compare them as numbers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_min_length: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub string_max_length: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_min_value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number_max_value: Option<String>,
}

impl SchemaAttribute {
    /// The name without the `custom:` / `dev:` prefixes, as templates and create calls use it.
    /// DescribeUserPool names a developer-only attribute `dev:custom:NAME` (the
    /// SchemaAttributeType reference says `dev:NAME`; both are accepted): `NAME`.
    pub fn bare_name(&self) -> &str {
        let name = self.name.strip_prefix("dev:").unwrap_or(&self.name);
        name.strip_prefix("custom:").unwrap_or(name)
    }

    /// Whether this is a custom (as opposed to standard) attribute.
    pub fn is_custom(&self) -> bool {
        self.name.starts_with("custom:") || self.name.starts_with("dev:")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PasswordPolicy {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minimum_length: Option<i32>,
    #[serde(default)]
    pub require_uppercase: bool,
    #[serde(default)]
    pub require_lowercase: bool,
    #[serde(default)]
    pub require_numbers: bool,
    #[serde(default)]
    pub require_symbols: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub password_history_size: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub temporary_password_validity_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WebAuthnConfig {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relying_party_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_verification: Option<String>,
    // issue 11: every field AWS returns
    /// `FactorConfiguration` (`SINGLE_FACTOR_MODE`, `MULTI_FACTOR_WITH_USER_VERIFICATION`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor_configuration: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SmsConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sns_caller_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sns_region: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VerificationMessageTemplate {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_email_option: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_message_by_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_subject_by_link: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sms_message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmailConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email_sending_account: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to_email_address: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub configuration_set: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RecoveryOption {
    pub priority: i32,
    /// `verified_email`, `verified_phone_number` or `admin_only`.
    pub name: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AdminCreateUserConfig {
    #[serde(default)]
    pub allow_admin_create_user_only: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_email_message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_email_subject: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invite_sms_message: Option<String>,
    // issue 11: every field AWS returns
    /// Deprecated by `PasswordPolicy.TemporaryPasswordValidityDays`, which AWS mirrors into it;
    /// 0 (what the SDK fills in when absent) is absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unused_account_validity_days: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeviceConfiguration {
    #[serde(default)]
    pub challenge_required_on_new_device: bool,
    #[serde(default)]
    pub device_only_remembered_on_user_prompt: bool,
}

/// A hosted UI domain (prefix or custom) as DescribeUserPoolDomain returns it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Domain {
    pub domain: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_front_distribution: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_login_version: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    // issue 11: every field AWS returns
    /// `CustomDomainConfig.SecurityPolicy` (`TLS_V1`, `TLS_V1_2_2021`, ...): custom domains only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub security_policy: Option<String>,
    /// `Routing.Failover` of a multi-Region domain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failover: Option<DomainFailover>,
}

/// `Routing.Failover` of a user pool domain (multi-Region user pools).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DomainFailover {
    pub secondary_region: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_route53_health_check_id: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AppClient {
    pub id: String,
    pub name: String,
    /// A confidential client. The secret itself is never read into the snapshot.
    #[serde(default)]
    pub has_secret: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token_validity: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token_validity: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_validity: Option<i32>,
    /// Units of the three validities; absent means hours, hours, days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token_validity_units: Option<TokenValidityUnits>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_session_validity: Option<i32>,
    #[serde(default)]
    pub explicit_auth_flows: Vec<String>,
    #[serde(default)]
    pub supported_identity_providers: Vec<String>,
    #[serde(default)]
    pub callback_urls: Vec<String>,
    #[serde(default)]
    pub logout_urls: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_redirect_uri: Option<String>,
    #[serde(default)]
    pub allowed_oauth_flows: Vec<String>,
    #[serde(default)]
    pub allowed_oauth_scopes: Vec<String>,
    #[serde(default)]
    pub allowed_oauth_flows_user_pool_client: bool,
    #[serde(default)]
    pub read_attributes: Vec<String>,
    #[serde(default)]
    pub write_attributes: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prevent_user_existence_errors: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_token_revocation: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub enable_propagate_additional_user_context_data: Option<bool>,
    // issue 11: every field AWS returns
    /// Amazon Pinpoint analytics (`AnalyticsConfiguration`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub analytics_configuration: Option<AnalyticsConfiguration>,
    /// `RefreshTokenRotation`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token_rotation: Option<RefreshTokenRotation>,
    // issue 13: extra resource types
    /// This client's own risk configuration; absent when it inherits the pool's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_configuration: Option<RiskConfiguration>,
    /// This client's own UI customization; absent when it inherits the pool's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ui_customization: Option<UiCustomization>,
    /// The managed login branding style of this client (DescribeManagedLoginBrandingByClient).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_login_branding: Option<ManagedLoginBranding>,
}

/// A threat-protection risk configuration (pool-wide or one client's). Each part keeps the
/// shape DescribeRiskConfiguration and CloudFormation share (`Actions`, `EventFilter`,
/// `NotifyConfiguration`, `BlockedIPRangeList`, ...); an absent part is not configured.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compromised_credentials: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_takeover: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub risk_exception: Option<Value>,
}

/// A hosted UI (classic) customization.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UiCustomization {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub css: Option<String>,
    /// Where Cognito serves the uploaded logo; read-only (CloudFormation cannot set it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image_url: Option<String>,
}

/// A managed login branding style of one app client.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedLoginBranding {
    pub id: String,
    #[serde(default)]
    pub use_cognito_provided_values: bool,
    /// The branding settings document as Cognito returns it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settings: Option<Value>,
    /// Image assets: `Category`, `ColorMode`, `Extension`, `Bytes` (base64), `ResourceId`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub assets: Vec<Value>,
}

/// One log delivery target of a user pool.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogConfiguration {
    /// `userNotification` or `userAuthEvents`.
    pub event_source: String,
    /// `ERROR` or `INFO`.
    pub log_level: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cloud_watch_logs_log_group_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub s3_bucket_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub firehose_stream_arn: Option<String>,
}

/// How an identity pool maps one identity provider's claims to principal tags.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrincipalTagMap {
    #[serde(default)]
    pub use_defaults: bool,
    /// Tag key -> claim name.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub principal_tags: BTreeMap<String, String>,
}

/// An app client's Amazon Pinpoint analytics configuration.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AnalyticsConfiguration {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub application_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    #[serde(default)]
    pub user_data_shared: bool,
}

/// An app client's refresh token rotation.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RefreshTokenRotation {
    /// `ENABLED` or `DISABLED`.
    pub feature: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub retry_grace_period_seconds: Option<i32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TokenValidityUnits {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_token: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub refresh_token: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub precedence: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role_arn: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityProvider {
    pub name: String,
    /// `SAML`, `OIDC`, `Google`, `Facebook`, `LoginWithAmazon`, `SignInWithApple`.
    pub provider_type: String,
    /// Provider details with every secret value replaced by [`REDACTED`].
    #[serde(default)]
    pub details: BTreeMap<String, String>,
    #[serde(default)]
    pub attribute_mapping: BTreeMap<String, String>,
    #[serde(default)]
    pub idp_identifiers: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceServer {
    pub identifier: String,
    pub name: String,
    #[serde(default)]
    pub scopes: Vec<ResourceServerScope>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceServerScope {
    pub name: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentityPool {
    pub id: String,
    pub region: String,
    pub name: String,
    #[serde(default)]
    pub allow_unauthenticated_identities: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allow_classic_flow: Option<bool>,
    #[serde(default)]
    pub cognito_identity_providers: Vec<CognitoProvider>,
    /// Social providers (`accounts.google.com` -> app id).
    #[serde(default)]
    pub supported_login_providers: BTreeMap<String, String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub developer_provider_name: Option<String>,
    #[serde(default)]
    pub open_id_connect_provider_arns: Vec<String>,
    #[serde(default)]
    pub saml_provider_arns: Vec<String>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Roles from GetIdentityPoolRoles: `authenticated` / `unauthenticated` -> role ARN.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    /// Role mappings by identity-provider key (`cognito-idp.REGION.amazonaws.com/POOL:CLIENT`).
    #[serde(default)]
    pub role_mappings: BTreeMap<String, RoleMapping>,
    // issue 13: extra resource types
    /// Principal tag maps (GetPrincipalTagAttributeMap) by identity provider name; a provider
    /// with no map is absent.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub principal_tags: BTreeMap<String, PrincipalTagMap>,
}

impl IdentityPool {
    pub fn auth_role(&self) -> Option<&str> {
        self.roles.get("authenticated").map(String::as_str)
    }
    pub fn unauth_role(&self) -> Option<&str> {
        self.roles.get("unauthenticated").map(String::as_str)
    }
}

/// A user pool + app client that an identity pool accepts tokens from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CognitoProvider {
    /// `cognito-idp.REGION.amazonaws.com/POOL_ID`.
    pub provider_name: String,
    pub client_id: String,
    /// The user pool id parsed from `provider_name` (the link to [`UserPool::id`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_pool_id: Option<String>,
    #[serde(default)]
    pub server_side_token_check: bool,
}

impl CognitoProvider {
    /// Parses `cognito-idp.REGION.amazonaws.com/POOL_ID` into the pool id.
    pub fn pool_id_from_provider_name(provider_name: &str) -> Option<String> {
        let (host, pool) = provider_name.split_once('/')?;
        if host.starts_with("cognito-idp.") && !pool.is_empty() {
            Some(pool.to_string())
        } else {
            None
        }
    }

    /// The provider name an identity pool stores for a user pool.
    pub fn provider_name_for(pool_region: &str, pool_id: &str) -> String {
        format!("cognito-idp.{pool_region}.amazonaws.com/{pool_id}")
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoleMapping {
    /// `Token` or `Rules`.
    #[serde(rename = "type")]
    pub mapping_type: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ambiguous_role_resolution: Option<String>,
    #[serde(default)]
    pub rules: Vec<MappingRule>,
}

#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MappingRule {
    pub claim: String,
    pub match_type: String,
    pub value: String,
    pub role_arn: String,
}

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Role {
    pub arn: String,
    pub name: String,
    #[serde(default = "default_path")]
    pub path: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_session_duration: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub permissions_boundary: Option<String>,
    /// The trust (assume-role) policy, URL-decoded and parsed.
    #[serde(default)]
    pub trust_policy: Value,
    /// Inline policies, sorted by name.
    #[serde(default)]
    pub inline_policies: Vec<InlinePolicy>,
    /// Attached managed policies, sorted by ARN, each with its default version's document.
    #[serde(default)]
    pub managed_policies: Vec<ManagedPolicy>,
    #[serde(default)]
    pub tags: BTreeMap<String, String>,
    /// Who references this role, e.g. `identity-pool us-east-1:guid authenticated`.
    #[serde(default)]
    pub referenced_by: Vec<String>,
}

fn default_path() -> String {
    "/".to_string()
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InlinePolicy {
    pub name: String,
    pub document: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ManagedPolicy {
    pub arn: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_version_id: Option<String>,
    /// The default version's document; absent when it could not be read (see `errors`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<Value>,
    /// `GetPolicy` `Path` (`/` unless created with one); absent when not read (AWS managed
    /// policies, a failed read, or a snapshot of an older cogref).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// `GetPolicy` `Description`; absent when the policy has none or it was not read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl Snapshot {
    /// An empty snapshot of the current schema version.
    pub fn new(captured_at: String) -> Self {
        Snapshot {
            schema_version: SCHEMA_VERSION,
            account_id: None,
            captured_at,
            regions: Vec::new(),
            user_pools: Vec::new(),
            identity_pools: Vec::new(),
            roles: Vec::new(),
            stacks: Vec::new(),
            errors: Vec::new(),
            not_read: Vec::new(),
        }
    }

    /// Sorts every collection so that the serialized form is deterministic.
    pub fn normalize(&mut self) {
        self.regions.sort();
        self.regions.dedup();
        self.stacks.sort_by(|a, b| a.stack_id.cmp(&b.stack_id));
        for stack in &mut self.stacks {
            stack.normalize();
        }
        self.user_pools.sort_by(|a, b| a.id.cmp(&b.id));
        for pool in &mut self.user_pools {
            pool.normalize();
        }
        self.identity_pools.sort_by(|a, b| a.id.cmp(&b.id));
        for ip in &mut self.identity_pools {
            // Role-mapping rule order is significant (first match wins): kept as read.
            ip.cognito_identity_providers.sort();
            ip.open_id_connect_provider_arns.sort();
            ip.saml_provider_arns.sort();
        }
        self.roles.sort_by(|a, b| a.arn.cmp(&b.arn));
        for role in &mut self.roles {
            role.inline_policies.sort_by(|a, b| a.name.cmp(&b.name));
            role.managed_policies.sort_by(|a, b| a.arn.cmp(&b.arn));
            role.referenced_by.sort();
            role.referenced_by.dedup();
        }
        self.errors.sort();
        self.errors.dedup();
        self.not_read.sort();
        self.not_read.dedup();
    }

    pub fn user_pool(&self, id: &str) -> Option<&UserPool> {
        self.user_pools.iter().find(|p| p.id == id)
    }

    pub fn identity_pool(&self, id: &str) -> Option<&IdentityPool> {
        self.identity_pools.iter().find(|p| p.id == id)
    }

    pub fn role(&self, arn: &str) -> Option<&Role> {
        self.roles.iter().find(|r| r.arn == arn)
    }

    /// Identity pools that accept tokens from `pool_id` (any client).
    pub fn identity_pools_for_pool<'a>(
        &'a self,
        pool_id: &'a str,
    ) -> impl Iterator<Item = &'a IdentityPool> + 'a {
        self.identity_pools.iter().filter(move |ip| {
            ip.cognito_identity_providers
                .iter()
                .any(|p| p.user_pool_id.as_deref() == Some(pool_id))
        })
    }
}

impl UserPool {
    fn normalize(&mut self) {
        // Sign-in identifiers, verified attributes and flows are sets in Cognito.
        for list in [
            &mut self.username_attributes,
            &mut self.alias_attributes,
            &mut self.auto_verified_attributes,
            &mut self.attributes_require_verification_before_update,
            &mut self.allowed_first_auth_factors,
            &mut self.enabled_mfas,
        ] {
            list.sort();
            list.dedup();
        }
        self.schema.sort_by(|a, b| a.name.cmp(&b.name));
        self.account_recovery.sort();
        self.clients
            .sort_by(|a, b| (&a.name, &a.id).cmp(&(&b.name, &b.id)));
        for c in &mut self.clients {
            for list in [
                &mut c.explicit_auth_flows,
                &mut c.supported_identity_providers,
                &mut c.callback_urls,
                &mut c.logout_urls,
                &mut c.allowed_oauth_flows,
                &mut c.allowed_oauth_scopes,
                &mut c.read_attributes,
                &mut c.write_attributes,
            ] {
                list.sort();
                list.dedup();
            }
        }
        self.groups.sort_by(|a, b| a.name.cmp(&b.name));
        self.identity_providers.sort_by(|a, b| a.name.cmp(&b.name));
        for idp in &mut self.identity_providers {
            idp.idp_identifiers.sort();
        }
        self.resource_servers
            .sort_by(|a, b| a.identifier.cmp(&b.identifier));
        for rs in &mut self.resource_servers {
            rs.scopes.sort();
        }
        self.log_delivery.sort();
    }

    pub fn client(&self, id: &str) -> Option<&AppClient> {
        self.clients.iter().find(|c| c.id == id)
    }

    /// The provider name identity pools use for this pool.
    pub fn provider_name(&self) -> String {
        CognitoProvider::provider_name_for(&self.region, &self.id)
    }
}

/// Whether a provider-detail key holds a secret that must never be stored.
///
/// Cognito returns `client_secret` for OIDC and social providers; Sign in with Apple has
/// `private_key`. Any key naming a secret, password or private key is treated the same way.
pub fn is_secret_detail_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.contains("secret") || k.contains("private_key") || k.contains("password")
}

/// The committed sample snapshot (`tests/fixtures/sample-snapshot.json`, written by
/// `scripts/make-fixtures.sh`), for unit tests.
#[cfg(test)]
pub(crate) fn sample_snapshot() -> Snapshot {
    let text = include_str!("../../tests/fixtures/sample-snapshot.json");
    Snapshot::from_json(text.as_bytes()).expect("the sample fixture parses")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secret_detail_keys_are_recognised() {
        assert!(is_secret_detail_key("client_secret"));
        assert!(is_secret_detail_key("private_key"));
        assert!(!is_secret_detail_key("client_id"));
        assert!(!is_secret_detail_key("authorize_scopes"));
    }

    #[test]
    fn provider_name_round_trips_to_pool_id() {
        let name = CognitoProvider::provider_name_for("eu-west-1", "eu-west-1_AbC");
        assert_eq!(name, "cognito-idp.eu-west-1.amazonaws.com/eu-west-1_AbC");
        assert_eq!(
            CognitoProvider::pool_id_from_provider_name(&name).as_deref(),
            Some("eu-west-1_AbC")
        );
        assert_eq!(
            CognitoProvider::pool_id_from_provider_name("graph.facebook.com"),
            None
        );
    }

    #[test]
    fn bare_names_drop_custom_and_dev_prefixes() {
        let mut a = SchemaAttribute {
            name: "custom:tier".into(),
            ..Default::default()
        };
        assert_eq!(a.bare_name(), "tier");
        assert!(a.is_custom());
        a.name = "dev:flag".into();
        assert_eq!(a.bare_name(), "flag");
        // What DescribeUserPool returns for a developer-only attribute.
        a.name = "dev:custom:flag".into();
        assert_eq!(a.bare_name(), "flag");
        assert!(a.is_custom());
        a.name = "email".into();
        assert_eq!(a.bare_name(), "email");
        assert!(!a.is_custom());
    }
}
