//! Arguments of `cogref emit reference-auth`, `emit outputs` and `emit env`.

use super::Selection;
use clap::Args;

#[derive(Debug, Args)]
pub struct ReferenceAuthArgs {
    #[command(flatten)]
    pub selection: Selection,
}

#[derive(Debug, Args)]
pub struct OutputsArgs {
    #[command(flatten)]
    pub selection: Selection,
}

#[derive(Debug, Args)]
pub struct EnvArgs {
    #[command(flatten)]
    pub selection: Selection,
}
