//! Typed errors of the AWS layer, and the mapping of SDK errors to the `(code, message)` pair
//! that a snapshot's `errors` list records.

use aws_sdk_cognitoidentityprovider::error::{DisplayErrorContext, ProvideErrorMetadata};
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response;

/// Errors that stop a scan before it can read anything.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    #[error("no AWS credentials found{profile}: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or pass --profile ({detail})")]
    NoCredentials { profile: String, detail: String },
    #[error("--profile {profile:?}: no AWS credentials from this profile of AWS_CONFIG_FILE / ~/.aws/config: {detail}")]
    ProfileCredentials { profile: String, detail: String },
    #[error(
        "no region: pass --region, set AWS_REGION, or give pool ids (they carry their region)"
    )]
    NoRegion,
    #[error("cannot identify the account (STS GetCallerIdentity): {code}: {message}")]
    CallerIdentity { code: String, message: String },
    #[error(
        "cannot list the organization's accounts (Organizations {operation}): {code}: {message}"
    )]
    Organizations {
        operation: String,
        code: String,
        message: String,
    },
    #[error("invalid --endpoint-url {url:?}: {reason}")]
    EndpointUrl { url: String, reason: String },
}

/// The AWS error code and a one-line message for any SDK error.
///
/// Service errors keep the service's code (`AccessDeniedException`, `ResourceNotFoundException`).
/// A service response the SDK could not classify (an HTML 500 page, say) becomes `HTTP<status>`;
/// transport failures become `TimeoutError`, `DispatchFailure` (connection refused or dropped)
/// or `ResponseError` (a response that could not be parsed).
pub fn classify<E>(err: &SdkError<E, Response>) -> (String, String)
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    let one_line = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    match err {
        SdkError::ServiceError(se) => {
            let status = se.raw().status().as_u16();
            let e = se.err();
            let code = e
                .code()
                .map(str::to_string)
                .unwrap_or_else(|| format!("HTTP{status}"));
            let message = e.message().map(str::to_string).unwrap_or_else(|| {
                format!("HTTP status {status} with no error the SDK understands")
            });
            (code, one_line(message))
        }
        SdkError::TimeoutError(_) => (
            "TimeoutError".to_string(),
            "no answer within the timeout (see --timeout)".to_string(),
        ),
        SdkError::DispatchFailure(_) => (
            "DispatchFailure".to_string(),
            one_line(DisplayErrorContext(err).to_string()),
        ),
        SdkError::ResponseError(_) => (
            "ResponseError".to_string(),
            one_line(format!(
                "unparseable response: {}",
                DisplayErrorContext(err)
            )),
        ),
        _ => (
            "ConstructionFailure".to_string(),
            one_line(DisplayErrorContext(err).to_string()),
        ),
    }
}
