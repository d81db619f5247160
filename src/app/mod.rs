//! The command layer: one file per subcommand. The only code that opens files, prints and
//! decides exit codes. It turns the CLI into requests for [`crate::aws`] (live) or reads a
//! snapshot file (offline), then hands the snapshot to pure renderers.

mod check;
mod drift;
mod emit_iac;
mod emit_onboard;
mod exit;
mod fleet;
pub mod io;
mod ls;
mod scan;
mod stderr;

pub use exit::Exit;
pub use stderr::Stderr;

use crate::cli::{Cli, Command, EmitTarget, GlobalArgs, Selection};
use crate::model::Snapshot;
use anyhow::{Context, Result};
use clap::CommandFactory;

/// Runs the parsed command line and returns the exit status.
pub fn run(cli: Cli) -> Result<Exit> {
    let stderr = Stderr::new(&cli.global);
    // Arguments every command shares are checked before any file is read or AWS is called, so
    // a mistyped region or output directory fails at once, not after a long scan.
    for region in scan::check_regions(&cli.global)? {
        stderr.warn(&format!(
            "--region {region:?} is not in cogref's list of regions where Cognito is offered \
             (a region newer than this build, or one without Cognito): using it as given"
        ));
    }
    if let Some(out) = &cli.global.out {
        io::check_out_path(out)?;
    }
    match &cli.command {
        Command::Scan(args) => scan::run(&cli.global, args, &stderr),
        Command::Ls(args) => ls::run(&cli.global, args, &stderr),
        Command::Check(args) => check::run(&cli.global, args, &stderr),
        Command::Emit(EmitTarget::ReferenceAuth(args)) => {
            emit_onboard::reference_auth(&cli.global, args, &stderr)
        }
        Command::Emit(EmitTarget::Outputs(args)) => {
            emit_onboard::outputs(&cli.global, args, &stderr)
        }
        Command::Emit(EmitTarget::Env(args)) => emit_onboard::env(&cli.global, args, &stderr),
        Command::Emit(EmitTarget::Cloudformation(args)) => {
            emit_iac::cloudformation(&cli.global, args, &stderr)
        }
        Command::Emit(EmitTarget::Cdk(args)) => emit_iac::cdk(&cli.global, args, &stderr),
        Command::Emit(EmitTarget::Terraform(args)) => {
            emit_iac::terraform(&cli.global, args, &stderr)
        }
        Command::Drift(args) => drift::run(&cli.global, args, &stderr),
        Command::IamPolicy(args) if args.fleet => fleet::iam_policy(&cli.global, args),
        Command::IamPolicy(_) => {
            let mut policy = serde_json::to_string_pretty(&crate::aws::operations::iam_policy())?;
            policy.push('\n');
            io::write_output(cli.global.out.as_deref(), &policy)?;
            Ok(Exit::Success)
        }
        Command::Completions { shell } => {
            let mut buf = Vec::new();
            clap_complete::generate(*shell, &mut Cli::command(), "cogref", &mut buf);
            io::write_output(
                cli.global.out.as_deref(),
                &String::from_utf8(buf).context("completion script is not UTF-8")?,
            )?;
            Ok(Exit::Success)
        }
    }
}

/// The snapshot a downstream command works on: `--snapshot FILE`, the account of a fleet
/// directory (`--snapshot DIR`) that holds the named pools, or a live scan of what
/// `selection` names. The second value says whether the snapshot is partial (and not allowed
/// to be).
pub(crate) fn load_snapshot(
    global: &GlobalArgs,
    selection: &Selection,
    stderr: &Stderr,
) -> Result<(Snapshot, Exit)> {
    match &global.snapshot {
        Some(path) if path.is_dir() => {
            // A fleet directory: the account that holds the named pool(s).
            let Some(fleet) = fleet::FleetDir::open(path)? else {
                anyhow::bail!("{}: is a directory", path.display());
            };
            if selection.pools.is_empty() {
                anyhow::bail!(
                    "{}: a fleet directory: name a --pool (cogref finds its account) or pass one account's snapshot file",
                    path.display()
                );
            }
            let pools: Vec<String> = selection
                .pools
                .iter()
                .map(|p| p.as_str().to_string())
                .collect();
            Ok((fleet.find_pools(&pools)?, Exit::Success))
        }
        Some(path) => {
            let snapshot = io::read_snapshot(path)?;
            Ok((snapshot, Exit::Success))
        }
        None => {
            let snapshot = scan::live(global, selection, false, stderr)?;
            let status = scan::report_errors(&snapshot, selection.allow_partial, stderr);
            Ok((snapshot, status))
        }
    }
}

/// `--pool` / `--identity-pool` applied to a snapshot: what a live scan of that selection reads
/// (README "Selecting what to scan"): the pools and the identity pools that accept them, the
/// identity pools and the user pools they accept, or with both exactly those; and the roles
/// they reference. With `require`
/// (the snapshot stands for live state), a named pool the snapshot does not hold is an error,
/// never an empty or a full result; a baseline may lack it (the pool is new).
pub(crate) fn select_from_snapshot(
    snapshot: &mut Snapshot,
    selection: &Selection,
    require: bool,
) -> Result<()> {
    let pools: Vec<&str> = selection.pools.iter().map(|p| p.as_str()).collect();
    let ips: Vec<&str> = selection
        .identity_pools
        .iter()
        .map(|p| p.as_str())
        .collect();
    if pools.is_empty() && ips.is_empty() {
        return Ok(());
    }
    for pool in pools.iter().filter(|_| require) {
        if snapshot.user_pool(pool).is_none() {
            anyhow::bail!("--pool {pool}: no such user pool in the snapshot");
        }
    }
    for ip in ips.iter().filter(|_| require) {
        if snapshot.identity_pool(ip).is_none() {
            anyhow::bail!("--identity-pool {ip}: no such identity pool in the snapshot");
        }
    }
    let accepts = |ip: &crate::model::IdentityPool, pool: &str| {
        ip.cognito_identity_providers
            .iter()
            .any(|p| p.user_pool_id.as_deref() == Some(pool))
    };
    let keep_pools: Vec<String> = if !pools.is_empty() {
        pools.iter().map(|p| p.to_string()).collect()
    } else {
        snapshot
            .user_pools
            .iter()
            .filter(|u| {
                snapshot
                    .identity_pools
                    .iter()
                    .any(|ip| ips.contains(&ip.id.as_str()) && accepts(ip, &u.id))
            })
            .map(|u| u.id.clone())
            .collect()
    };
    snapshot.identity_pools.retain(|ip| {
        if ips.is_empty() {
            pools.iter().any(|p| accepts(ip, p))
        } else {
            ips.contains(&ip.id.as_str())
        }
    });
    snapshot.user_pools.retain(|u| keep_pools.contains(&u.id));
    // Roles: those a kept pool or identity pool references (`referenced_by` names it second:
    // `group POOL/NAME`, `identity-pool ID authenticated`, `sms-role POOL`...), as a live scan
    // reads only those.
    let kept: std::collections::BTreeSet<String> = snapshot
        .user_pools
        .iter()
        .map(|u| u.id.clone())
        .chain(snapshot.identity_pools.iter().map(|ip| ip.id.clone()))
        .collect();
    snapshot.roles.retain(|role| {
        role.referenced_by.iter().any(|r| {
            r.split_whitespace()
                .nth(1)
                .and_then(|id| id.split('/').next())
                .is_some_and(|id| kept.contains(id))
        })
    });
    Ok(())
}
