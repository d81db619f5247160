//! Command-line options that make `cogref scan` read a fleet: several accounts, each through a
//! read-only role assumed from the source credentials.

use clap::Args;

/// Which accounts to read and how to reach them.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Fleet (several accounts; with scan, --out is a directory)")]
pub struct FleetArgs {
    /// Read these accounts (12-digit ids, comma-separated or repeated)
    #[arg(
        long,
        value_name = "ID[,ID...]",
        value_delimiter = ',',
        conflicts_with = "org"
    )]
    pub accounts: Vec<String>,

    /// Read every ACTIVE account of the organization (Organizations ListAccounts; run from the
    /// management account or a delegated administrator)
    #[arg(long)]
    pub org: bool,

    /// With --org: only the accounts directly under this organizational unit (or root) id
    #[arg(long, value_name = "OU_ID", requires = "org")]
    pub ou: Option<String>,

    /// Leave this account out (comma-separated or repeated)
    #[arg(long = "exclude-account", value_name = "ID", value_delimiter = ',')]
    pub exclude_accounts: Vec<String>,

    /// The read-only role to assume in each account: a role name (cogref-read), or an ARN
    /// template with {account} (arn:aws:iam::{account}:role/ops/cogref-read)
    #[arg(long, value_name = "NAME|ARN")]
    pub assume_role: Option<String>,

    /// ExternalId to pass to every AssumeRole (when the role's trust policy requires one)
    #[arg(long, value_name = "ID")]
    pub external_id: Option<String>,

    /// Accounts read at once (each has its own quota pacing and --concurrency, and holds its
    /// snapshot in memory until it is written)
    #[arg(long, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u32).range(1..=64))]
    pub accounts_in_flight: u32,
}

impl FleetArgs {
    /// Whether any fleet option asks for a fleet run.
    pub fn is_fleet(&self) -> bool {
        self.org || !self.accounts.is_empty()
    }
}
