//! `cogref emit reference-auth`, `emit outputs` and `emit env`: Amplify onboarding files.

use super::{Exit, Stderr};
use crate::cli::onboard::{EnvArgs, OutputsArgs, ReferenceAuthArgs};
use crate::cli::GlobalArgs;
use anyhow::{bail, Result};

pub fn reference_auth(_g: &GlobalArgs, _a: &ReferenceAuthArgs, _s: &Stderr) -> Result<Exit> {
    bail!("`emit reference-auth` is not implemented yet")
}

pub fn outputs(_g: &GlobalArgs, _a: &OutputsArgs, _s: &Stderr) -> Result<Exit> {
    bail!("`emit outputs` is not implemented yet")
}

pub fn env(_g: &GlobalArgs, _a: &EnvArgs, _s: &Stderr) -> Result<Exit> {
    bail!("`emit env` is not implemented yet")
}
