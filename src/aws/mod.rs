//! The only code that talks to AWS.
//!
//! It builds SDK clients from the user's settings (profile, regions, endpoint override,
//! retries, timeouts), reads accounts with Describe/List/Get calls only, and turns SDK types into
//! the [`crate::model`] snapshot. Every operation it may call is listed in [`operations`], which
//! is also the least-privilege IAM policy `cogref iam-policy` prints.

mod cloudcontrol;
mod error;
mod fleet;
mod iam;
mod identity_pools;
mod limiter;
pub mod operations;
mod pool_settings;
pub mod read_fields;
mod regions;
mod scan;
pub mod stacks;
mod user_pools;

pub use error::{classify, AwsError};
pub use fleet::{
    list_org_accounts, role_arn, scan_fleet, session_name, validate_role, AccountResult,
    FleetProgress, FleetRequest,
};
pub use limiter::{Quotas, RateLimitError};
pub use regions::{classify_region, RegionName, DEFAULT_ENABLED_REGIONS, KNOWN_REGIONS};
pub use scan::{scan, ScanProgress, ScanRequest};
pub use stacks::StackSelection;

use aws_config::retry::RetryConfig;
use aws_config::timeout::TimeoutConfig;
use aws_config::{BehaviorVersion, Region, SdkConfig};
use aws_credential_types::provider::ProvideCredentials;
use aws_smithy_runtime_api::client::interceptors::context::InterceptorContext;
use aws_smithy_runtime_api::client::retries::classifiers::{
    ClassifyRetry, RetryAction, RetryClassifierPriority, RetryReason,
};
use aws_smithy_types::retry::ErrorKind;
use std::time::Duration;

/// How to reach AWS: everything a user can set about the connection.
#[derive(Debug, Clone)]
pub struct AwsSettings {
    pub profile: Option<String>,
    pub endpoint_url: Option<String>,
    /// Timeout of one attempt of one call (connect + response).
    pub timeout: Duration,
    /// Attempts per call, first one included (throttling, 5xx and dropped connections are
    /// retried with exponential back-off and jitter: the SDK's standard retry mode).
    pub max_attempts: u32,
    /// Calls in flight at once.
    pub concurrency: usize,
    /// Request rates per quota category (client-side pacing).
    pub quotas: Quotas,
}

impl Default for AwsSettings {
    fn default() -> Self {
        AwsSettings {
            profile: None,
            endpoint_url: None,
            timeout: Duration::from_secs(20),
            max_attempts: 5,
            concurrency: 16,
            quotas: Quotas::defaults(),
        }
    }
}

/// Loads the shared SDK configuration once; per-region clients derive from it.
pub async fn load_config(settings: &AwsSettings) -> Result<SdkConfig, AwsError> {
    if let Some(url) = &settings.endpoint_url {
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(AwsError::EndpointUrl {
                url: url.clone(),
                reason: "must start with http:// or https://".into(),
            });
        }
    }
    let timeouts = TimeoutConfig::builder()
        .connect_timeout(settings.timeout.min(Duration::from_secs(10)))
        .operation_attempt_timeout(settings.timeout)
        .build();
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(
            RetryConfig::standard()
                .with_max_attempts(settings.max_attempts.max(1))
                .with_initial_backoff(Duration::from_millis(100)),
        )
        .timeout_config(timeouts);
    if let Some(profile) = &settings.profile {
        // A named profile is the credentials, as with the AWS CLI: the SDK's default chain
        // would take AWS_ACCESS_KEY_ID from the environment first and read another account
        // without a word.
        // Its role_arn/SSO calls need the region the default chain would give them (the
        // profile's, or AWS_REGION).
        let region = aws_config::default_provider::region::DefaultRegionChain::builder()
            .profile_name(profile)
            .build()
            .region()
            .await;
        let provider_config =
            aws_config::provider_config::ProviderConfig::default().with_region(region);
        loader = loader.profile_name(profile).credentials_provider(
            aws_config::profile::ProfileFileCredentialsProvider::builder()
                .configure(&provider_config)
                .profile_name(profile)
                .build(),
        );
    }
    if let Some(url) = &settings.endpoint_url {
        loader = loader.endpoint_url(url);
    }
    let config = loader.load().await;
    // Fail early, in one line, when there are no credentials at all.
    match config.credentials_provider() {
        None => {
            return Err(AwsError::NoCredentials {
                profile: profile_note(settings),
                detail: "no credentials provider".into(),
            })
        }
        Some(provider) => {
            if let Err(e) = provider.provide_credentials().await {
                let detail =
                    credentials_detail(&aws_sdk_sts::error::DisplayErrorContext(&e).to_string());
                return Err(match &settings.profile {
                    Some(profile) => AwsError::ProfileCredentials {
                        profile: profile.clone(),
                        detail,
                    },
                    None => AwsError::NoCredentials {
                        profile: String::new(),
                        detail,
                    },
                });
            }
        }
    }
    Ok(config)
}

/// The readable part of a credentials error: the SDK's message chain on one line, without the
/// Rust debug form of the error it appends in parentheses.
fn credentials_detail(text: &str) -> String {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match text
        .find(" (CredentialsNotLoaded(")
        .or_else(|| text.find(" (ProviderError("))
    {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}

fn profile_note(settings: &AwsSettings) -> String {
    settings
        .profile
        .as_ref()
        .map(|p| format!(" for profile {p:?}"))
        .unwrap_or_default()
}

/// The region configured by the environment or profile, if any.
pub fn default_region(config: &SdkConfig) -> Option<String> {
    config.region().map(|r| r.to_string())
}

/// The error codes AWS answers a throttled call with (the list the SDK's standard retry treats
/// as throttling: `THROTTLING_ERRORS` in aws-runtime's `retries/classifiers.rs`).
const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "LimitExceededException",
    "RequestThrottled",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Whether an AWS error code says the call was throttled.
pub(crate) fn is_throttling(code: &str) -> bool {
    THROTTLING_CODES.contains(&code)
}

/// Hands throttled calls back to cogref instead of the SDK's retry: the SDK would send them
/// again after its own back-off, unpaced, into a quota window the limiter believes has room,
/// crowding out the next paced call (which is throttled in turn). The scan retries them
/// through its limiter (`scan::Ctx`). Other retryable failures (5xx, dropped connections,
/// timeouts) stay with the SDK's standard retry.
#[derive(Debug)]
struct PacedRetries;

impl ClassifyRetry for PacedRetries {
    fn classify_retry(&self, _ctx: &InterceptorContext) -> RetryAction {
        RetryAction::NoActionIndicated
    }

    fn classify_retry_v2(&self, _ctx: &InterceptorContext, previous: &RetryAction) -> RetryAction {
        match previous {
            RetryAction::RetryIndicated(RetryReason::RetryableError {
                kind: ErrorKind::ThrottlingError,
                ..
            }) => RetryAction::RetryForbidden,
            _ => RetryAction::NoActionIndicated,
        }
    }

    fn name(&self) -> &'static str {
        "cogref: throttles are retried by the scan's limiter"
    }

    fn priority(&self) -> RetryClassifierPriority {
        // After every classifier of the SDK (the error-code one runs before the modeled one).
        RetryClassifierPriority::run_after(RetryClassifierPriority::transient_error_classifier())
    }
}

/// Clients for one region.
#[derive(Clone)]
pub(crate) struct RegionClients {
    pub region: String,
    pub idp: aws_sdk_cognitoidentityprovider::Client,
    pub identity: aws_sdk_cognitoidentity::Client,
    pub cfn: aws_sdk_cloudformation::Client,
    pub cloudcontrol: aws_sdk_cloudcontrol::Client,
}

impl RegionClients {
    pub fn new(config: &SdkConfig, region: &str) -> Self {
        let region_value = Region::new(region.to_string());
        let idp = aws_sdk_cognitoidentityprovider::config::Builder::from(config)
            .region(region_value.clone())
            .retry_classifier(PacedRetries)
            .build();
        let identity = aws_sdk_cognitoidentity::config::Builder::from(config)
            .region(region_value.clone())
            .retry_classifier(PacedRetries)
            .build();
        let cfn = aws_sdk_cloudformation::config::Builder::from(config)
            .region(region_value.clone())
            .retry_classifier(PacedRetries)
            .build();
        let cloudcontrol = aws_sdk_cloudcontrol::config::Builder::from(config)
            .region(region_value)
            .retry_classifier(PacedRetries)
            .build();
        RegionClients {
            region: region.to_string(),
            idp: aws_sdk_cognitoidentityprovider::Client::from_conf(idp),
            identity: aws_sdk_cognitoidentity::Client::from_conf(identity),
            cfn: aws_sdk_cloudformation::Client::from_conf(cfn),
            cloudcontrol: aws_sdk_cloudcontrol::Client::from_conf(cloudcontrol),
        }
    }
}

/// The IAM client (a global service, signed for us-east-1) and STS in the first scanned region.
pub(crate) fn global_clients(
    config: &SdkConfig,
    first_region: &str,
) -> (aws_sdk_iam::Client, aws_sdk_sts::Client) {
    let iam = aws_sdk_iam::config::Builder::from(config)
        .region(Region::new("us-east-1"))
        .retry_classifier(PacedRetries)
        .build();
    let sts = aws_sdk_sts::config::Builder::from(config)
        .region(Region::new(first_region.to_string()))
        .build();
    (
        aws_sdk_iam::Client::from_conf(iam),
        aws_sdk_sts::Client::from_conf(sts),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_smithy_runtime_api::client::interceptors::context::Input;

    #[test]
    fn throttles_are_left_to_the_scan_and_other_retries_to_the_sdk() {
        let ctx = InterceptorContext::new(Input::doesnt_matter());
        let throttle = RetryAction::throttling_error();
        assert_eq!(
            PacedRetries.classify_retry_v2(&ctx, &throttle),
            RetryAction::RetryForbidden
        );
        for other in [
            RetryAction::transient_error(),
            RetryAction::server_error(),
            RetryAction::NoActionIndicated,
        ] {
            assert_eq!(
                PacedRetries.classify_retry_v2(&ctx, &other),
                RetryAction::NoActionIndicated
            );
        }
        assert!(is_throttling("TooManyRequestsException") && is_throttling("Throttling"));
        assert!(!is_throttling("ResourceNotFoundException"));
    }
}
