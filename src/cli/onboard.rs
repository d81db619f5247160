//! Arguments of `cogref emit reference-auth`, `emit outputs` and `emit env`.

use super::check::CombinationArgs;
use crate::model::{IdentityPoolId, UserPoolId};
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
pub struct ReferenceAuthArgs {
    #[command(flatten)]
    pub combination: CombinationArgs,

    /// Read every id and ARN from PREFIX_* environment variables instead of writing them
    /// literally (default prefix COGNITO); the variable names are printed on stderr
    #[arg(long = "env", value_name = "PREFIX", num_args = 0..=1, default_missing_value = "COGNITO")]
    pub env_prefix: Option<String>,

    /// Write the file even when `cogref check` has findings (they are still printed)
    #[arg(long)]
    pub force: bool,
}

#[derive(Debug, Args)]
pub struct OutputsArgs {
    /// The user pool (its region comes from the id)
    #[arg(long, value_name = "POOL_ID")]
    pub pool: UserPoolId,

    /// The app client; default: the pool's only public client (preferring one an identity
    /// pool accepts)
    #[arg(long, value_name = "CLIENT_ID")]
    pub client: Option<String>,

    /// The identity pool; default: the only one that accepts the pool + client, or none
    #[arg(long, value_name = "IDENTITY_POOL_ID")]
    pub identity_pool: Option<IdentityPoolId>,

    /// Leave the identity pool out even when one accepts the pool + client
    #[arg(long, conflicts_with = "identity_pool")]
    pub no_identity_pool: bool,

    /// Write the file even for a client no Amplify app can sign in with (a confidential
    /// client); the findings are still printed
    #[arg(long)]
    pub force: bool,

    /// Go on when some resources could not be read live
    #[arg(long)]
    pub allow_partial: bool,
}

/// How `emit env` writes the variables.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EnvFormatArg {
    /// KEY=value lines (.env)
    Dotenv,
    /// export KEY='value' lines
    Shell,
    /// {"KEY": "value"}: Amplify's branch environment variables
    Json,
    /// echo "KEY=value" >> "$GITHUB_ENV" lines for a GitHub Actions step
    Github,
}

#[derive(Debug, Args)]
#[command(group = clap::ArgGroup::new("which").required(true).args(["branch", "all_branches"]))]
pub struct EnvArgs {
    /// The branch mapping (TOML): per branch the pool, optionally client, identity_pool,
    /// region (the app's) and profile
    #[arg(long, value_name = "FILE", default_value = "cogref-branches.toml")]
    pub mapping: PathBuf,

    /// The branch to write variables for
    #[arg(long, value_name = "NAME")]
    pub branch: Option<String>,

    /// Write one file per branch of the mapping into the --out directory
    #[arg(long)]
    pub all_branches: bool,

    /// Variable prefix (default: the mapping's `prefix`, else COGNITO); must match
    /// `emit reference-auth --env PREFIX`
    #[arg(long, value_name = "PREFIX")]
    pub prefix: Option<String>,

    /// Output format of the variables
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = EnvFormatArg::Dotenv)]
    pub env_format: EnvFormatArg,

    /// Write the variables even when a branch's combination has readiness findings
    #[arg(long)]
    pub force: bool,

    /// Go on when some resources could not be read live
    #[arg(long)]
    pub allow_partial: bool,
}
