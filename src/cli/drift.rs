//! Arguments of `cogref drift`.

use super::Selection;
use clap::Args;

#[derive(Debug, Args)]
pub struct DriftArgs {
    #[command(flatten)]
    pub selection: Selection,
}
