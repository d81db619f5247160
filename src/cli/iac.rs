//! Arguments of `cogref emit cloudformation`, `emit terraform` and `emit cdk`.

use super::Selection;
use clap::{Args, ValueEnum};

/// Serialization of the CloudFormation template (the global `--format` is for reports).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    Json,
    Yaml,
}

#[derive(Debug, Args)]
#[command(long_about = "\
A CloudFormation template plus resources-to-import.json for an IMPORT change set.

Writes into the directory given with --out: template.json (or template.yaml), \
resources-to-import.json for `aws cloudformation create-change-set --change-set-type IMPORT`, \
and IMPORT.md with the commands to run and everything not carried over.

Without --pool or --identity-pool every user pool and identity pool is included; with --pool \
only, the identity pools that accept those pools' tokens come along. A template describes one \
region.")]
pub struct CloudFormationArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// Serialization of the template file
    #[arg(long, value_enum, default_value_t = TemplateFormat::Json, value_name = "FORMAT")]
    pub template_format: TemplateFormat,
}

#[derive(Debug, Args)]
#[command(long_about = "\
A CloudFormation template plus resources-to-import.json for an IMPORT change set.

Writes into the directory given with --out: main.tf (resource blocks), imports.tf (one \
`import` block per resource, in the id formats the AWS provider documents), variables.tf \
(`sensitive` variables for secrets cogref never reads) and IMPORT.md.

Selection works as for `emit cloudformation`.")]
pub struct TerraformArgs {
    #[command(flatten)]
    pub selection: Selection,
}

/// The two styles of `emit cdk`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CdkStyle {
    /// `fromUserPoolId`/`fromRoleArn`... references to the existing resources (creates nothing)
    Reference,
    /// L1 constructs of the live configuration, for `cdk import --resource-mapping`
    Adopt,
}

#[derive(Debug, Args)]
#[command(long_about = "\
A TypeScript CDK construct for existing Cognito resources.

--style reference writes lib/existing-auth.ts: UserPool.fromUserPoolId, \
UserPoolClient.fromUserPoolClientId, IdentityPool.fromIdentityPoolId and Role.fromRoleArn \
(immutable) as typed readonly properties; synthesizing it creates nothing. With --env PREFIX \
every id is read per branch from CDK context or the environment, with the variable names of \
`emit reference-auth --env` and `emit env` (one pool + client + identity pool: --pool, \
optionally --client and --identity-pool).

--style adopt writes lib/existing-auth.ts with the L1 constructs (CfnUserPool, ...) of the \
template `emit cloudformation` writes (same settings and logical ids, RemovalPolicy.RETAIN, \
secrets as noEcho parameters), resource-mapping.json for `cdk import --resource-mapping`, \
resources-to-import.json for `cogref drift --import-file`, and IMPORT.md.

Selection works as for `emit cloudformation`.")]
pub struct CdkArgs {
    #[command(flatten)]
    pub selection: Selection,

    /// What the construct does with the existing resources
    #[arg(long, value_enum, value_name = "STYLE")]
    pub style: CdkStyle,

    /// Reference style: read every id and ARN from CDK context or PREFIX_* environment
    /// variables (default prefix COGNITO) instead of writing them literally
    #[arg(long = "env", value_name = "PREFIX", num_args = 0..=1, default_missing_value = "COGNITO")]
    pub env_prefix: Option<String>,

    /// Reference style with --env: the app client (default: the only public client an
    /// identity pool accepts)
    #[arg(long, value_name = "CLIENT_ID", requires = "env_prefix")]
    pub client: Option<String>,
}
