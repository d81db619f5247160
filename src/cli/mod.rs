//! Command-line types (clap derive) and nothing else: parsing, help text, value validation.
//! The arguments of the larger subcommands live in one file each beside this one.

pub mod check;
pub mod drift;
pub mod fleet;
pub mod iac;
pub mod onboard;

use crate::model::{IdentityPoolId, UserPoolId};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

const EXIT_CODES: &str = "\
Exit codes:
  0  success: no drift, combination ready
  1  findings: drift that can be applied in place, or readiness findings
  2  error: bad usage or input, I/O, AWS errors, partial scan (see --allow-partial)
  3  drift that Cognito cannot apply in place (replacement or impossible), or a widened
     IAM trust policy (trust-policy-widened)";

const ABOUT: &str = "Read-only inventory of Amazon Cognito user pools, app clients, identity pools and their IAM roles";

const LONG_ABOUT: &str = "\
cogref reads Amazon Cognito accounts with Describe/List/Get calls only (it never changes \
anything) and writes a versioned, secret-free snapshot. Every other command works on that \
snapshot, live or from a file given with --snapshot.

Credentials and region come from the standard AWS chain (environment, --profile, SSO, instance \
roles). Pool ids carry their region (us-west-2_AbC, us-east-1:GUID), so --region is only \
needed to list whole regions.";

#[derive(Debug, Parser)]
#[command(name = "cogref", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXIT_CODES)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

/// Options accepted before or after the subcommand.
#[derive(Debug, Args, Clone)]
#[command(next_help_heading = "Global options")]
pub struct GlobalArgs {
    /// AWS profile from ~/.aws/config (default: AWS_PROFILE or "default")
    #[arg(long, global = true, value_name = "NAME")]
    pub profile: Option<String>,

    /// Region to scan; repeat for several (default: AWS_REGION or the profile's region)
    #[arg(long, global = true, value_name = "REGION")]
    pub region: Vec<String>,

    /// Send every AWS call to this endpoint (a local emulator, a proxy)
    #[arg(long, global = true, env = "AWS_ENDPOINT_URL", value_name = "URL")]
    pub endpoint_url: Option<String>,

    /// Work offline from a snapshot written by `cogref scan` instead of reading AWS
    #[arg(long, global = true, value_name = "FILE")]
    pub snapshot: Option<PathBuf>,

    /// Output format of reports (scan always writes a JSON snapshot)
    #[arg(long, global = true, value_enum, default_value_t = Format::Text)]
    pub format: Format,

    /// Write the output to this file (atomically) instead of stdout
    #[arg(long, short = 'o', global = true, value_name = "PATH")]
    pub out: Option<PathBuf>,

    /// No progress or warnings on stderr (errors are still printed)
    #[arg(long, short = 'q', global = true)]
    pub quiet: bool,

    /// More detail on stderr (repeat for more)
    #[arg(long, short = 'v', global = true, action = clap::ArgAction::Count)]
    pub verbose: u8,

    /// No colour, even on a terminal (NO_COLOR is honoured too)
    #[arg(long, global = true)]
    pub no_color: bool,

    /// AWS calls in flight at once
    #[arg(long, global = true, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u32).range(1..=256))]
    pub concurrency: u32,

    /// Seconds to wait for one attempt of one AWS call
    #[arg(long, global = true, value_name = "SECONDS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout: u64,

    /// Attempts per AWS call, the first included (throttling, 5xx and dropped connections are
    /// retried with exponential back-off and jitter)
    #[arg(long, global = true, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..=20))]
    pub max_attempts: u32,

    /// Requests per second: RPS for every API quota category, or CATEGORY=RPS for one
    /// (repeatable). Defaults: Cognito's documented default quotas, UserPoolRead=15,
    /// UserPoolResourceRead=20, UserPoolClientRead=15; and cogref's own IdentityPoolRead=10,
    /// IamRead=20, CloudFormationRead=5 (AWS documents no rate for those)
    #[arg(long, global = true, value_name = "[CATEGORY=]RPS")]
    pub rate_limit: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    Markdown,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read an account into a snapshot (JSON), read-only
    ///
    /// Reads user pools (with MFA config, domains, app clients, groups, identity providers and
    /// resource servers), identity pools (with roles and role mappings) and every IAM role they
    /// reference (trust policy, inline and managed policies). Client secrets and identity
    /// provider secrets are never stored: only the fact that one exists.
    ///
    /// A resource that cannot be read is listed in the snapshot's `errors` with a warning; the
    /// scan goes on and exits 2 at the end unless --allow-partial.
    ///
    /// Fleet: with --accounts or --org, each account is read through --assume-role (STS
    /// AssumeRole from your credentials), several at once, into --out DIR: one <account>.json per
    /// account, written as soon as it is done, and index.json (accounts, regions, status, errors).
    /// An account that cannot be reached is recorded in the index; the others complete.
    #[command(after_help = EXIT_CODES)]
    Scan(ScanArgs),

    /// Show how pools, clients, identity pools and roles link together
    ///
    /// One row per user pool, app client and identity pool that accepts it, with the identity
    /// pool's authenticated and unauthenticated roles. Live, or from --snapshot.
    #[command(after_help = EXIT_CODES)]
    Ls(LsArgs),

    /// Check whether a user pool, app client and identity pool are ready for Amplify's
    /// referenceAuth, before deploying
    #[command(after_help = EXIT_CODES)]
    Check(check::CheckArgs),

    /// Write files from live state or a snapshot: Amplify config, env vars, IaC templates
    #[command(subcommand)]
    Emit(EmitTarget),

    /// Compare live state with a baseline snapshot or a CloudFormation template, flagging what
    /// Cognito cannot change in place
    ///
    /// Fleet: with --accounts or --org (each account read through --assume-role, several at
    /// once, as `scan` does), or from --snapshot DIR written by a fleet scan, the report has a
    /// section per account and one exit code, the highest of any account (an account that
    /// could not be read: 2 unless --allow-partial). It compares a fleet baseline (--desired
    /// DIR), or each account's deployed stacks: --all-stacks, or --stack NAME in every account
    /// (a StackSet's stack), where an account without that stack is drift (exit 1 unless
    /// --fail-on none), never clean. Every stack of an organization, nightly:
    /// `cogref drift --all-stacks --org --assume-role cogref-read`
    #[command(after_help = EXIT_CODES)]
    Drift(drift::DriftArgs),

    /// Print the least-privilege IAM policy cogref needs (every action it can call)
    IamPolicy(IamPolicyArgs),

    /// Print a shell completion script
    Completions {
        /// The shell to generate completions for
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
}

#[derive(Debug, Subcommand)]
pub enum EmitTarget {
    /// amplify/auth/resource.ts with referenceAuth({...}) for a ready combination
    #[command(after_help = EXIT_CODES)]
    ReferenceAuth(onboard::ReferenceAuthArgs),
    /// amplify_outputs.json (client config 1.5) for Amplify.configure without a backend
    #[command(after_help = EXIT_CODES)]
    Outputs(onboard::OutputsArgs),
    /// Per-branch environment variables for the `--env` style of reference-auth
    #[command(after_help = EXIT_CODES)]
    Env(onboard::EnvArgs),
    /// A CloudFormation template plus resources-to-import.json for an IMPORT change set
    #[command(after_help = EXIT_CODES)]
    Cloudformation(iac::CloudFormationArgs),
    /// Terraform import blocks and matching resource blocks
    #[command(after_help = EXIT_CODES)]
    Terraform(iac::TerraformArgs),
    /// A CDK construct that references or adopts (cdk import) existing resources
    #[command(after_help = EXIT_CODES)]
    Cdk(iac::CdkArgs),
}

/// Which resources to read. With none of these, everything in the regions is read.
#[derive(Debug, Args, Clone, Default)]
pub struct Selection {
    /// Only this user pool (its region comes from the id); repeatable
    #[arg(long = "pool", value_name = "POOL_ID")]
    pub pools: Vec<UserPoolId>,

    /// Only this identity pool (its region comes from the id); repeatable
    #[arg(long = "identity-pool", value_name = "IDENTITY_POOL_ID")]
    pub identity_pools: Vec<IdentityPoolId>,

    /// Exit 0 even when some resources could not be read (they are still listed)
    #[arg(long)]
    pub allow_partial: bool,
}

#[derive(Debug, Args)]
pub struct ScanArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// Scan every region where Cognito is enabled by default
    #[arg(long, conflicts_with = "region")]
    pub all_regions: bool,

    /// Also record this deployed CloudFormation stack (name or id; nested stacks included) and
    /// scan the pools it holds, for `cogref drift --snapshot FILE --stack NAME` later (with
    /// --accounts/--org: in every account, for `drift --snapshot DIR --stack NAME`); repeatable
    #[arg(long, value_name = "NAME_OR_ID")]
    pub stack: Vec<String>,

    /// Also record every stack of the scanned regions that holds a Cognito resource
    #[arg(long, conflicts_with = "stack")]
    pub all_stacks: bool,

    #[command(flatten)]
    pub fleet: fleet::FleetArgs,
}

#[derive(Debug, Args)]
pub struct IamPolicyArgs {
    /// The permissions of a fleet run: the source principal's policy (list the organization's
    /// accounts, assume the read role) and the read role's policy
    #[arg(long)]
    pub fleet: bool,

    /// With --fleet: the read role's name, or an ARN template with {account}
    #[arg(
        long,
        value_name = "NAME|ARN",
        default_value = "cogref-read",
        requires = "fleet"
    )]
    pub assume_role: String,

    /// With --fleet: `json` (both policies) or `cloudformation` (a StackSet template creating the
    /// read role in every account, trusting the source account)
    #[arg(long = "policy-format", value_enum, default_value_t = PolicyFormat::Json, requires = "fleet")]
    pub policy_format: PolicyFormat,

    /// With --policy-format cloudformation: the account allowed to assume the role (the
    /// template's default for its SourceAccountId parameter)
    #[arg(long, value_name = "ID", requires = "fleet")]
    pub source_account: Option<String>,

    /// With --policy-format cloudformation: require this ExternalId in the trust policy
    #[arg(long, value_name = "ID", requires = "fleet")]
    pub external_id: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PolicyFormat {
    Json,
    Cloudformation,
}

#[derive(Debug, Args)]
pub struct LsArgs {
    #[command(flatten)]
    pub selection: Selection,
}

/// A parse error as one line: clap's message with its possible values and tip, without the
/// usage and "For more information" lines it adds (bad input is one line on stderr).
pub fn usage_error_line(err: &clap::Error) -> String {
    let text = err.render().to_string();
    let parts: Vec<String> = text
        .split("\n\n")
        .map(str::trim)
        .filter(|p| {
            !p.is_empty() && !p.starts_with("Usage:") && !p.starts_with("For more information")
        })
        .map(|p| {
            p.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let line = parts.join("; ");
    line.strip_prefix("error: ").unwrap_or(&line).to_string()
}

/// `cogref emit` without its target: one line naming the command and the subcommands it takes
/// (clap would print the whole help).
pub fn missing_subcommand_line(args: &[String]) -> String {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut path = vec!["cogref".to_string()];
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        if let Some(sub) = command.find_subcommand(arg) {
            path.push(arg.clone());
            command = sub.clone();
        } else if arg.starts_with('-') && !arg.contains('=') {
            // An option's value is no subcommand: skip it.
            let long = arg.strip_prefix("--");
            let short = arg.strip_prefix('-').filter(|s| s.len() == 1);
            let takes_value = command
                .get_arguments()
                .find(|a| {
                    long.is_some_and(|l| a.get_long() == Some(l))
                        || short
                            .is_some_and(|s| a.get_short().map(String::from).as_deref() == Some(s))
                })
                .is_some_and(|a| a.get_action().takes_values());
            if takes_value {
                args.next();
            }
        } else if !arg.starts_with('-') {
            break;
        }
    }
    let names: Vec<&str> = command
        .get_subcommands()
        .map(|c| c.get_name())
        .filter(|n| *n != "help")
        .collect();
    format!(
        "'{}' needs a subcommand: {} (see --help)",
        path.join(" "),
        names.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn global_options_are_accepted_after_the_subcommand() {
        let cli = Cli::try_parse_from([
            "cogref",
            "scan",
            "--region",
            "us-east-1",
            "--profile",
            "p",
            "-q",
            "--out",
            "x.json",
        ])
        .unwrap();
        assert_eq!(cli.global.region, vec!["us-east-1"]);
        assert_eq!(cli.global.profile.as_deref(), Some("p"));
        assert!(cli.global.quiet);
        let cli = Cli::try_parse_from(["cogref", "--format", "json", "ls"]).unwrap();
        assert_eq!(cli.global.format, Format::Json);
    }

    #[test]
    fn malformed_pool_ids_are_usage_errors() {
        let err = Cli::try_parse_from(["cogref", "scan", "--pool", "nope"]).unwrap_err();
        assert_eq!(err.exit_code(), 2);
        assert!(err.to_string().contains("malformed user pool id"), "{err}");
    }

    #[test]
    fn a_missing_subcommand_is_named_with_the_ones_it_takes() {
        let err = Cli::try_parse_from(["cogref", "emit"]).unwrap_err();
        assert_eq!(
            err.kind(),
            clap::error::ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        );
        assert_eq!(
            missing_subcommand_line(&[
                "-q".into(),
                "-o".into(),
                "out".into(),
                "--snapshot".into(),
                "snap.json".into(),
                "emit".into()
            ]),
            "'cogref emit' needs a subcommand: reference-auth, outputs, env, cloudformation, \
             terraform, cdk (see --help)"
        );
    }

    #[test]
    fn usage_errors_fold_into_one_line_naming_the_argument() {
        let err = Cli::try_parse_from(["cogref", "ls", "--format", "xml"]).unwrap_err();
        assert_eq!(
            usage_error_line(&err),
            "invalid value 'xml' for '--format <FORMAT>' [possible values: text, json, markdown]"
        );
        let err = Cli::try_parse_from(["cogref", "iam-policy", "--assume-role", "x"]).unwrap_err();
        assert_eq!(
            usage_error_line(&err),
            "the following required arguments were not provided: --fleet"
        );
        let err = Cli::try_parse_from(["cogref", "scan", "--all-regions", "--region", "us-east-1"])
            .unwrap_err();
        assert_eq!(
            usage_error_line(&err),
            "the argument '--all-regions' cannot be used with '--region <REGION>'"
        );
    }
}
