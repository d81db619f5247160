//! `cogref ls`: the linkage table, live or from `--snapshot` (a file, or a fleet directory: one
//! section per account).

use super::fleet::{self, FleetDir};
use super::{io, load_snapshot, Exit, Stderr};
use crate::cli::{Format, GlobalArgs, LsArgs, Selection};
use crate::model::Snapshot;
use crate::report::ls;
use anyhow::{bail, Context, Result};

pub fn run(global: &GlobalArgs, args: &LsArgs, stderr: &Stderr) -> Result<Exit> {
    if let Some(dir) = global.snapshot.as_deref() {
        if let Some(fleet) = FleetDir::open(dir)? {
            return run_fleet(global, args, &fleet, stderr);
        }
    }
    let (mut snapshot, status) = load_snapshot(global, &args.selection, stderr)?;
    if global.snapshot.is_some() {
        narrow(&mut snapshot, &args.selection)?;
    }
    io::write_output(global.out.as_deref(), &render(global.format, &snapshot))?;
    Ok(status)
}

/// `--pool` / `--identity-pool` from a snapshot file select what a live scan would have read
/// (README "Selecting what to scan"): the pools and the identity pools that accept them, the
/// identity pools and the user pools they accept, or with both exactly those. A named pool the
/// snapshot does not hold is an error, never an empty or a full table.
fn narrow(snapshot: &mut Snapshot, selection: &Selection) -> Result<()> {
    let pools: Vec<&str> = selection.pools.iter().map(|p| p.as_str()).collect();
    let ips: Vec<&str> = selection
        .identity_pools
        .iter()
        .map(|p| p.as_str())
        .collect();
    if pools.is_empty() && ips.is_empty() {
        return Ok(());
    }
    for pool in &pools {
        if snapshot.user_pool(pool).is_none() {
            bail!("--pool {pool}: no such user pool in the snapshot");
        }
    }
    for ip in &ips {
        if snapshot.identity_pool(ip).is_none() {
            bail!("--identity-pool {ip}: no such identity pool in the snapshot");
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
    Ok(())
}

fn render(format: Format, snapshot: &Snapshot) -> String {
    let rows = ls::rows(snapshot);
    match format {
        Format::Text => ls::text(&rows),
        Format::Json => ls::json(&rows),
        Format::Markdown => ls::markdown(&rows),
    }
}

/// One section per account; JSON: `{"accounts": [{"account_id", "status", "rows"}]}`.
fn run_fleet(
    global: &GlobalArgs,
    args: &LsArgs,
    fleet: &FleetDir,
    stderr: &Stderr,
) -> Result<Exit> {
    let mut text = String::new();
    let mut accounts = Vec::new();
    for account in &fleet.index.accounts {
        if let Some(note) = fleet::account_note(account) {
            stderr.warn(&format!("account {}: {note}", account.account_id));
        }
        let rendered = fleet
            .snapshot(account)?
            .map(|snapshot| render(global.format, &snapshot));
        match global.format {
            Format::Json => {
                let rows: serde_json::Value = match &rendered {
                    Some(r) => serde_json::from_str(r).context("rendering the ls table")?,
                    None => serde_json::Value::Null,
                };
                accounts.push(serde_json::json!({
                    "account_id": account.account_id,
                    "status": account.status,
                    "rows": rows,
                }));
            }
            format => {
                text.push_str(&fleet::heading(format, account));
                text.push_str(rendered.as_deref().unwrap_or(""));
                text.push('\n');
            }
        }
    }
    if global.format == Format::Json {
        text = serde_json::to_string_pretty(&serde_json::json!({ "accounts": accounts }))?;
        text.push('\n');
    }
    io::write_output(global.out.as_deref(), &text)?;
    Ok(fleet::fleet_status(
        &fleet.index,
        args.selection.allow_partial,
    ))
}
