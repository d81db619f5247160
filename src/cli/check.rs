//! Arguments of `cogref check`, and the pool + client + identity pool selection it shares with
//! `emit reference-auth`.

use crate::model::{IdentityPoolId, UserPoolId};
use clap::Args;

/// A user pool + app client + identity pool combination, as Amplify's referenceAuth takes it.
#[derive(Debug, Args, Clone)]
pub struct CombinationArgs {
    /// The user pool (its region comes from the id)
    #[arg(long, value_name = "POOL_ID")]
    pub pool: UserPoolId,

    /// The app client; default: the only public client an identity pool accepts
    #[arg(long, value_name = "CLIENT_ID")]
    pub client: Option<String>,

    /// The identity pool; default: the only one that accepts the pool + client
    #[arg(long, value_name = "IDENTITY_POOL_ID")]
    pub identity_pool: Option<IdentityPoolId>,

    /// Region the Amplify app deploys to (default: the user pool's); Amplify builds the
    /// provider name from it, so a pool in another region fails
    #[arg(long, value_name = "REGION", value_parser = parse_region)]
    pub app_region: Option<String>,

    /// The authRoleArn you pass to referenceAuth (default: the identity pool's)
    #[arg(long, value_name = "ARN")]
    pub auth_role: Option<String>,

    /// The unauthRoleArn you pass to referenceAuth (default: the identity pool's)
    #[arg(long, value_name = "ARN")]
    pub unauth_role: Option<String>,

    /// A `groups` entry of a hand-written referenceAuth to check (repeatable); emitted files
    /// take every pool group that has a role
    #[arg(long = "group", value_name = "NAME=ROLE_ARN", value_parser = parse_group)]
    pub groups: Vec<(String, String)>,

    /// Go on when some resources could not be read live (they are still reported)
    #[arg(long)]
    pub allow_partial: bool,
}

fn parse_region(s: &str) -> Result<String, String> {
    if crate::model::is_region_name(s) {
        Ok(s.to_string())
    } else {
        Err(format!("{s:?} is not a region name (e.g. us-east-1)"))
    }
}

fn parse_group(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((name, arn)) if !name.is_empty() && arn.starts_with("arn:") => {
            Ok((name.to_string(), arn.to_string()))
        }
        _ => Err(format!(
            "{s:?}: expected NAME=ROLE_ARN, e.g. admins=arn:aws:iam::123456789012:role/admins"
        )),
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub combination: CombinationArgs,
}

#[cfg(test)]
mod tests {
    use crate::cli::{Cli, Command};
    use clap::Parser;

    #[test]
    fn groups_and_regions_are_validated() {
        let cli = Cli::try_parse_from([
            "cogref",
            "check",
            "--pool",
            "us-east-1_A",
            "--group",
            "admins=arn:aws:iam::1:role/a",
            "--app-region",
            "eu-west-1",
        ])
        .unwrap();
        let Command::Check(args) = cli.command else {
            panic!()
        };
        assert_eq!(
            args.combination.groups,
            [("admins".to_string(), "arn:aws:iam::1:role/a".to_string())]
        );
        assert_eq!(args.combination.app_region.as_deref(), Some("eu-west-1"));
        for bad in [["--group", "admins"], ["--app-region", "mars"]] {
            let mut argv = vec!["cogref", "check", "--pool", "us-east-1_A"];
            argv.extend(bad);
            assert_eq!(Cli::try_parse_from(argv).unwrap_err().exit_code(), 2);
        }
        assert!(
            Cli::try_parse_from(["cogref", "check"]).is_err(),
            "--pool is required"
        );
    }
}
