//! Arguments of `cogref emit cloudformation` and `cogref emit terraform`.

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
