//! Reading a fleet: several accounts of an organization in one run, read-only.
//!
//! Owns how cogref reaches the accounts (Organizations `ListAccounts` / `ListAccountsForParent`
//! for the list, STS `AssumeRole` into a read-only role in each) and how many accounts are read
//! at once. Each account gets its own [`scan`] with its own quota pacing and in-flight limit:
//! Cognito's quotas are per account and region, so accounts never share a budget. A finished
//! account is handed to the caller's `on_done` at once (the app writes it and drops it), so
//! memory holds only the accounts in flight.

use super::error::classify;
use super::scan::{scan, ScanProgress, ScanRequest};
use super::{AwsError, AwsSettings};
use crate::model::{ScanError, Snapshot};
use aws_config::{Region, SdkConfig};
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{future, ProvideCredentials, SharedCredentialsProvider};
use aws_credential_types::Credentials;
use futures::StreamExt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// Which accounts, and how to get into each.
#[derive(Debug, Clone)]
pub struct FleetRequest {
    /// The accounts to read (from `--accounts`, or listed with [`list_org_accounts`]).
    pub accounts: Vec<String>,
    /// `--assume-role`: a role name, or an ARN template containing `{account}`.
    pub role: String,
    /// `--external-id`, passed to every AssumeRole.
    pub external_id: Option<String>,
    /// `--accounts-in-flight`: accounts read at once.
    pub accounts_in_flight: usize,
    /// AssumeRole's DurationSeconds; `None`: the role's default (an hour). Credentials are
    /// renewed before they expire however long the scan of an account takes.
    pub session_duration: Option<Duration>,
}

/// Counters for the progress display.
#[derive(Debug, Default)]
pub struct FleetProgress {
    pub total: AtomicUsize,
    pub done: AtomicUsize,
    pub in_flight: AtomicUsize,
    pub failed: AtomicUsize,
    pub calls: AtomicUsize,
    /// AssumeRole calls made (one per account, plus one per renewal).
    pub assumed: AtomicUsize,
}

impl FleetProgress {
    pub fn get(counter: &AtomicUsize) -> usize {
        counter.load(Ordering::Relaxed)
    }
}

/// The role ARN for `account`: `arn:aws:iam::ACCOUNT:role/NAME` for a name, or the template
/// with `{account}` replaced.
pub fn role_arn(role: &str, account: &str) -> String {
    if role.starts_with("arn:") {
        role.replace("{account}", account)
    } else {
        format!("arn:aws:iam::{account}:role/{role}")
    }
}

/// Checks `--assume-role` before any call: a role name (IAM's characters, an optional path) or
/// an ARN template that names the account with `{account}`.
pub fn validate_role(role: &str) -> Result<(), String> {
    if role.starts_with("arn:") {
        if !role.contains("{account}") {
            return Err(
                "an ARN must contain {account}, e.g. arn:aws:iam::{account}:role/cogref-read"
                    .into(),
            );
        }
        if !role.contains(":role/") {
            return Err(
                "not an IAM role ARN (expected arn:PARTITION:iam::{account}:role/NAME)".into(),
            );
        }
        return Ok(());
    }
    let ok = !role.is_empty()
        && role.len() <= 64 + 512
        && !role.starts_with('/')
        && role
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+=,.@_-/".contains(c));
    if ok {
        Ok(())
    } else {
        Err(
            "expected a role name (letters, digits and +=,.@_-) or an ARN template with {account}"
                .into(),
        )
    }
}

/// The session name AssumeRole records in CloudTrail: `cogref-<account>`, so whoever reads the
/// member account's trail sees who looked.
pub fn session_name(account: &str) -> String {
    format!("cogref-{account}")
}

/// The ACTIVE accounts of the organization (or of one organizational unit, direct children
/// only), sorted. Needs `organizations:ListAccounts` (or `ListAccountsForParent`) in the
/// management or a delegated administrator account.
pub async fn list_org_accounts(
    config: &SdkConfig,
    ou: Option<&str>,
) -> Result<Vec<String>, AwsError> {
    let client = aws_sdk_organizations::Client::new(config);
    let mut accounts = Vec::new();
    let mut token: Option<String> = None;
    let mut seen = std::collections::BTreeSet::new();
    loop {
        let (page, next) = match ou {
            None => {
                let out = client
                    .list_accounts()
                    .set_next_token(token.take())
                    .send()
                    .await
                    .map_err(|e| org_error("ListAccounts", &e))?;
                (
                    out.accounts().to_vec(),
                    out.next_token().map(str::to_string),
                )
            }
            Some(parent) => {
                let out = client
                    .list_accounts_for_parent()
                    .parent_id(parent)
                    .set_next_token(token.take())
                    .send()
                    .await
                    .map_err(|e| org_error("ListAccountsForParent", &e))?;
                (
                    out.accounts().to_vec(),
                    out.next_token().map(str::to_string),
                )
            }
        };
        accounts.extend(
            page.iter()
                .filter(|a| is_active(a))
                .filter_map(|a| a.id().map(str::to_string)),
        );
        match next.filter(|t| !t.is_empty()) {
            // A repeated token ends the loop, so a faulty endpoint cannot make it spin.
            Some(t) if seen.insert(t.clone()) => token = Some(t),
            _ => break,
        }
    }
    accounts.sort();
    accounts.dedup();
    Ok(accounts)
}

/// `State` (the current field) is ACTIVE; or, from an endpoint that only sends the older
/// `Status`, that is ACTIVE.
fn is_active(account: &aws_sdk_organizations::types::Account) -> bool {
    use aws_sdk_organizations::types::{AccountState, AccountStatus};
    match account.state() {
        Some(state) => *state == AccountState::Active,
        #[allow(deprecated)]
        None => account.status() == Some(&AccountStatus::Active),
    }
}

fn org_error<E>(
    operation: &str,
    e: &aws_smithy_runtime_api::client::result::SdkError<E, aws_smithy_runtime_api::http::Response>,
) -> AwsError
where
    E: aws_sdk_organizations::error::ProvideErrorMetadata
        + std::error::Error
        + Send
        + Sync
        + 'static,
{
    let (code, message) = classify(e);
    AwsError::Organizations {
        operation: operation.to_string(),
        code,
        message,
    }
}

/// The read role of one account as a credentials provider: every call is an AssumeRole with
/// the source credentials. Installed in the account's SDK configuration, whose identity cache
/// keeps the credentials until shortly before they expire and then asks again, so a scan that
/// outlasts the session (an hour by default) goes on with fresh credentials.
#[derive(Debug)]
struct RoleCredentials {
    sts: aws_sdk_sts::Client,
    arn: String,
    account: String,
    external_id: Option<String>,
    duration: Option<Duration>,
    /// The credentials of the first AssumeRole (made before the scan, to report a refusal in
    /// the index), handed out on the first request for credentials.
    first: Mutex<Option<Credentials>>,
    assumed: AtomicUsize,
}

impl RoleCredentials {
    /// One AssumeRole; an error as (code, message).
    async fn assume(&self) -> Result<Credentials, (String, String)> {
        let out = self
            .sts
            .assume_role()
            .role_arn(&self.arn)
            .role_session_name(session_name(&self.account))
            .set_external_id(self.external_id.clone())
            .set_duration_seconds(self.duration.map(|d| d.as_secs() as i32))
            .send()
            .await
            .map_err(|e| classify(&e))?;
        self.assumed.fetch_add(1, Ordering::Relaxed);
        let Some(c) = out.credentials() else {
            return Err((
                "ResponseError".into(),
                "AssumeRole returned no credentials".into(),
            ));
        };
        let expiry = std::time::SystemTime::try_from(*c.expiration()).ok();
        Ok(Credentials::new(
            c.access_key_id(),
            c.secret_access_key(),
            Some(c.session_token().to_string()),
            expiry,
            "cogref-assume-role",
        ))
    }
}

impl ProvideCredentials for RoleCredentials {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        future::ProvideCredentials::new(async move {
            let first = match self.first.lock() {
                Ok(mut f) => f.take(),
                Err(poisoned) => poisoned.into_inner().take(),
            };
            if let Some(c) = first {
                return Ok(c);
            }
            self.assume().await.map_err(|(code, message)| {
                CredentialsError::provider_error(format!(
                    "AssumeRole {}: {code}: {message}",
                    self.arn
                ))
            })
        })
    }
}

/// Assumes the read role in `account` with the source credentials; the SDK configuration that
/// reads that account, with credentials that renew themselves before they expire
/// ([`RoleCredentials`]), and a counter of the AssumeRole calls made for it.
async fn assume(
    config: &SdkConfig,
    account: &str,
    role: &str,
    external_id: Option<&str>,
    sts_region: &str,
    duration: Option<Duration>,
) -> Result<(SdkConfig, Arc<RoleCredentials>), ScanError> {
    let arn = role_arn(role, account);
    let sts_config = aws_sdk_sts::config::Builder::from(config)
        .region(Region::new(sts_region.to_string()))
        .build();
    let provider = Arc::new(RoleCredentials {
        sts: aws_sdk_sts::Client::from_conf(sts_config),
        arn: arn.clone(),
        account: account.to_string(),
        external_id: external_id.map(str::to_string),
        duration,
        first: Mutex::new(None),
        assumed: AtomicUsize::new(0),
    });
    let first = provider
        .assume()
        .await
        .map_err(|(code, message)| ScanError {
            resource: format!("account {account}"),
            operation: "AssumeRole".into(),
            code,
            message: format!("{arn}: {message}"),
        })?;
    if let Ok(mut f) = provider.first.lock() {
        *f = Some(first);
    }
    let account_config = config
        .to_builder()
        .credentials_provider(SharedCredentialsProvider::new(SharedRole(provider.clone())))
        .build();
    Ok((account_config, provider))
}

/// [`RoleCredentials`] shared between the SDK configuration and the fleet's counters.
#[derive(Debug)]
struct SharedRole(Arc<RoleCredentials>);

impl ProvideCredentials for SharedRole {
    fn provide_credentials<'a>(&'a self) -> future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        self.0.provide_credentials()
    }
}

/// How one account ended: its snapshot (possibly partial), or why it could not be read.
pub type AccountResult = Result<Snapshot, ScanError>;

/// Reads every account of `fleet` (`accounts_in_flight` at a time), each with `request`, and
/// hands each result to `on_done` as soon as it is known. Returns what `on_done` returned, in
/// the order the accounts finished.
pub async fn scan_fleet<T, F>(
    config: &SdkConfig,
    settings: &AwsSettings,
    request: &ScanRequest,
    fleet: &FleetRequest,
    progress: Arc<FleetProgress>,
    on_done: F,
) -> Vec<T>
where
    F: Fn(&str, AccountResult) -> T,
{
    let sts_region = request
        .regions
        .first()
        .cloned()
        .or_else(|| super::default_region(config))
        .unwrap_or_else(|| "us-east-1".to_string());
    progress
        .total
        .store(fleet.accounts.len(), Ordering::Relaxed);
    let progress = &progress;
    let sts_region = &sts_region;
    let on_done = &on_done;
    futures::stream::iter(fleet.accounts.iter())
        .map(|account| async move {
            progress.in_flight.fetch_add(1, Ordering::Relaxed);
            let result = match assume(
                config,
                account,
                &fleet.role,
                fleet.external_id.as_deref(),
                sts_region,
                fleet.session_duration,
            )
            .await
            {
                Err(e) => Err(e),
                Ok((account_config, role)) => {
                    let scan_progress = Arc::new(ScanProgress::default());
                    let result =
                        scan(&account_config, settings, request, scan_progress.clone()).await;
                    progress
                        .calls
                        .fetch_add(ScanProgress::get(&scan_progress.calls), Ordering::Relaxed);
                    // The first AssumeRole is counted below with the account's other calls.
                    let assumed = role.assumed.load(Ordering::Relaxed);
                    progress.assumed.fetch_add(assumed, Ordering::Relaxed);
                    progress
                        .calls
                        .fetch_add(assumed.saturating_sub(1), Ordering::Relaxed);
                    result.map_err(|e| {
                        let (operation, code, message) = match e {
                            AwsError::CallerIdentity { code, message } => {
                                ("GetCallerIdentity", code, message)
                            }
                            other => ("Scan", "AccountUnreadable".into(), other.to_string()),
                        };
                        ScanError {
                            resource: format!("account {account}"),
                            operation: operation.into(),
                            code,
                            message,
                        }
                    })
                }
            };
            progress.calls.fetch_add(1, Ordering::Relaxed);
            if result.is_err() {
                progress.failed.fetch_add(1, Ordering::Relaxed);
            }
            let out = on_done(account, result);
            progress.in_flight.fetch_sub(1, Ordering::Relaxed);
            progress.done.fetch_add(1, Ordering::Relaxed);
            out
        })
        .buffer_unordered(fleet.accounts_in_flight.max(1))
        .collect()
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_names_and_templates_become_arns() {
        assert_eq!(
            role_arn("cogref-read", "111111111111"),
            "arn:aws:iam::111111111111:role/cogref-read"
        );
        assert_eq!(
            role_arn(
                "arn:aws-us-gov:iam::{account}:role/ops/read",
                "222222222222"
            ),
            "arn:aws-us-gov:iam::222222222222:role/ops/read"
        );
        assert!(validate_role("cogref-read").is_ok());
        assert!(validate_role("ops/cogref-read").is_ok());
        assert!(validate_role("arn:aws:iam::{account}:role/x").is_ok());
        assert!(validate_role("arn:aws:iam::111111111111:role/x").is_err());
        assert!(validate_role("arn:aws:s3:::{account}").is_err());
        assert!(validate_role("bad role").is_err());
        assert!(validate_role("").is_err());
        assert_eq!(session_name("111111111111"), "cogref-111111111111");
    }
}
