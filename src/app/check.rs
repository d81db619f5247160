//! `cogref check`: referenceAuth readiness of a pool + client + identity pool combination.
//! Exit 0 when ready, 1 with findings (or when no single combination can be picked), 2 on
//! errors (unknown ids, unreadable snapshot, partial live scan).

use super::{io, load_snapshot, Exit, Stderr};
use crate::check::{self, CheckOptions, CheckReport};
use crate::cli::check::{CheckArgs, CombinationArgs};
use crate::cli::{Format, GlobalArgs, Selection};
use crate::model::Snapshot;
use crate::report;
use anyhow::Result;

pub fn run(global: &GlobalArgs, args: &CheckArgs, stderr: &Stderr) -> Result<Exit> {
    let (snapshot, status) = load_combination(global, &args.combination, stderr)?;
    let report = evaluate(&snapshot, &args.combination)?;
    let rendered = match global.format {
        Format::Text => report::check::text(&report),
        Format::Json => report::check::json(&report),
        Format::Markdown => report::check::markdown(&report),
    };
    io::write_output(global.out.as_deref(), &rendered)?;
    Ok(match (status, report.ready) {
        (Exit::Error, _) => Exit::Error,
        (_, true) => Exit::Success,
        (_, false) => Exit::Findings,
    })
}

/// The snapshot holding the combination: `--snapshot FILE`, or a live scan of the pool (and
/// the identity pool when named; otherwise the identity pools that accept the pool).
pub(super) fn load_combination(
    global: &GlobalArgs,
    combination: &CombinationArgs,
    stderr: &Stderr,
) -> Result<(Snapshot, Exit)> {
    let selection = Selection {
        pools: vec![combination.pool.clone()],
        identity_pools: combination.identity_pool.iter().cloned().collect(),
        allow_partial: combination.allow_partial,
    };
    load_snapshot(global, &selection, stderr)
}

pub(super) fn options(combination: &CombinationArgs) -> CheckOptions {
    CheckOptions {
        app_region: combination.app_region.clone(),
        auth_role: combination.auth_role.clone(),
        unauth_role: combination.unauth_role.clone(),
        groups: combination.groups.clone(),
    }
}

/// Resolves and checks the combination the arguments name.
pub(super) fn evaluate(snapshot: &Snapshot, combination: &CombinationArgs) -> Result<CheckReport> {
    Ok(check::check(
        snapshot,
        combination.pool.as_str(),
        combination.client.as_deref(),
        combination.identity_pool.as_ref().map(|i| i.as_str()),
        &options(combination),
    )?)
}
