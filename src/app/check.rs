//! `cogref check`: referenceAuth readiness of a pool + client + identity pool combination.

use super::{Exit, Stderr};
use crate::cli::check::CheckArgs;
use crate::cli::GlobalArgs;
use anyhow::{bail, Result};

pub fn run(_global: &GlobalArgs, _args: &CheckArgs, _stderr: &Stderr) -> Result<Exit> {
    bail!("`check` is not implemented yet")
}
