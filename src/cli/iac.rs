//! Arguments of `cogref emit cloudformation` and `cogref emit terraform`.

use super::Selection;
use clap::Args;

#[derive(Debug, Args)]
pub struct CloudFormationArgs {
    #[command(flatten)]
    pub selection: Selection,
}

#[derive(Debug, Args)]
pub struct TerraformArgs {
    #[command(flatten)]
    pub selection: Selection,
}
