//! Arguments of `cogref drift`.

use super::Selection;
use clap::{Args, ValueEnum};
use std::path::PathBuf;

#[derive(Debug, Args)]
#[command(group(
    clap::ArgGroup::new("desired_state")
        .required(true)
        .args(["desired", "stack", "all_stacks"])
))]
pub struct DriftArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// The desired state: a baseline snapshot from `cogref scan`, or a CloudFormation template
    /// (JSON or YAML, CDK and Amplify synthesized templates included)
    #[arg(long, value_name = "FILE")]
    pub desired: Option<PathBuf>,

    /// A deployed CloudFormation stack (name or id; region from the id, --region or the
    /// profile): its processed template, parameter values and resources' physical ids are
    /// read, nested stacks included, and every logical id is matched exactly; repeatable. With
    /// a fleet: in every account, an account without it is drift (exit 1)
    #[arg(long, value_name = "NAME_OR_ID", conflicts_with_all = ["import_file", "map"])]
    pub stack: Vec<String>,

    /// Every stack of the scanned regions that holds a Cognito resource (directly or in a
    /// nested stack): one report with a section per stack, one exit code. With a fleet
    /// (--accounts/--org, --snapshot DIR): every such stack of every account
    #[arg(long, conflicts_with_all = ["import_file", "map"])]
    pub all_stacks: bool,

    /// resources-to-import.json (LogicalResourceId + ResourceIdentifier) telling which live
    /// resource each template resource is
    #[arg(long, value_name = "FILE")]
    pub import_file: Option<PathBuf>,

    /// Match a template resource to a live one by id (pool id, client id, identity pool id,
    /// POOL_ID/NAME for groups, providers, resource servers and domains); repeatable
    #[arg(long = "map", value_name = "LOGICAL_ID=PHYSICAL_ID", value_parser = parse_pair)]
    pub map: Vec<(String, String)>,

    /// A template parameter's value (used before its Default; may be empty: NAME=); repeatable
    #[arg(long = "parameter", value_name = "NAME=VALUE", value_parser = parse_parameter)]
    pub parameters: Vec<(String, String)>,

    /// Template parameter values from a file: CloudFormation's [{ParameterKey, ParameterValue}]
    /// or Amplify Gen1's parameters.json {NAME: VALUE}; --parameter wins
    #[arg(long = "parameters", value_name = "FILE")]
    pub parameters_file: Option<PathBuf>,

    /// Which drift makes the exit code non-zero
    #[arg(long, value_enum, value_name = "LEVEL", default_value_t = FailOn::Any)]
    pub fail_on: FailOn,

    // A live fleet, against a fleet baseline directory (--desired DIR) or its stacks (--stack,
    // --all-stacks): --accounts/--org with --assume-role, as for `cogref scan`. Last: its help
    // heading applies to what follows.
    #[command(flatten)]
    pub fleet: super::fleet::FleetArgs,
}

/// `--fail-on` levels.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    /// Never: exit 0 whatever the drift (errors still exit 2)
    None,
    /// Any drift, resources missing live or not in desired included
    Any,
    /// Only changes that need a replacement or cannot be applied, and widened trust policies
    Replacement,
    /// Only changes Cognito can never apply, and widened IAM trust policies
    Impossible,
}

fn parse_pair(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() && !v.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!("expected KEY=VALUE, got {s:?}")),
    }
}

/// `NAME=VALUE` where VALUE may be empty (CloudFormation parameters may be empty strings).
fn parse_parameter(s: &str) -> Result<(String, String), String> {
    match s.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_string(), v.to_string())),
        _ => Err(format!(
            "expected NAME=VALUE (VALUE may be empty), got {s:?}"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::{parse_pair, parse_parameter};

    #[test]
    fn parameters_may_be_empty_but_need_a_name() {
        assert_eq!(parse_parameter("Env=").unwrap(), ("Env".into(), "".into()));
        assert_eq!(
            parse_parameter("E=a=b").unwrap(),
            ("E".into(), "a=b".into())
        );
        assert!(parse_parameter("=x").is_err());
        assert!(parse_parameter("Env").is_err());
    }

    #[test]
    fn pairs_need_both_sides() {
        assert_eq!(
            parse_pair("Pool=us-east-1_a").unwrap(),
            ("Pool".into(), "us-east-1_a".into())
        );
        assert_eq!(parse_pair("P=a=b").unwrap(), ("P".into(), "a=b".into()));
        assert!(parse_pair("Pool").is_err());
        assert!(parse_pair("=x").is_err());
    }
}
