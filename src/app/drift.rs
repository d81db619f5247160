//! `cogref drift`: live state (or a snapshot) against a baseline snapshot or a template.

use super::{Exit, Stderr};
use crate::cli::drift::DriftArgs;
use crate::cli::GlobalArgs;
use anyhow::{bail, Result};

pub fn run(_global: &GlobalArgs, _args: &DriftArgs, _stderr: &Stderr) -> Result<Exit> {
    bail!("`drift` is not implemented yet")
}
