//! `cogref emit cloudformation` and `cogref emit terraform`: importable IaC for live resources.

use super::{Exit, Stderr};
use crate::cli::iac::{CloudFormationArgs, TerraformArgs};
use crate::cli::GlobalArgs;
use anyhow::{bail, Result};

pub fn cloudformation(_g: &GlobalArgs, _a: &CloudFormationArgs, _s: &Stderr) -> Result<Exit> {
    bail!("`emit cloudformation` is not implemented yet")
}

pub fn terraform(_g: &GlobalArgs, _a: &TerraformArgs, _s: &Stderr) -> Result<Exit> {
    bail!("`emit terraform` is not implemented yet")
}
