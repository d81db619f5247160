//! `cogref ls`: the linkage table, live or from `--snapshot` (a file, or a fleet directory: one
//! section per account).

use super::fleet::{self, FleetDir};
use super::{io, load_snapshot, select_from_snapshot, Exit, Stderr};
use crate::cli::{Format, GlobalArgs, LsArgs};
use crate::model::Snapshot;
use crate::report::ls;
use anyhow::{Context, Result};

pub fn run(global: &GlobalArgs, args: &LsArgs, stderr: &Stderr) -> Result<Exit> {
    if let Some(dir) = global.snapshot.as_deref() {
        if let Some(fleet) = FleetDir::open(dir)? {
            return run_fleet(global, args, &fleet, stderr);
        }
    }
    let (mut snapshot, status) = load_snapshot(global, &args.selection, stderr)?;
    if global.snapshot.is_some() {
        select_from_snapshot(&mut snapshot, &args.selection, true)?;
    }
    io::write_output(global.out.as_deref(), &render(global.format, &snapshot))?;
    Ok(status)
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
    let mut found: std::collections::BTreeMap<String, bool> = std::collections::BTreeMap::new();
    for account in &fleet.index.accounts {
        if let Some(note) = fleet::account_note(account) {
            stderr.warn(&format!("account {}: {note}", account.account_id));
        }
        let rendered = match fleet.snapshot(account)? {
            Some(mut snapshot) => {
                // --pool / --identity-pool: each account shows what it holds of them.
                select_from_snapshot(&mut snapshot, &args.selection, false)?;
                for pool in &args.selection.pools {
                    let held = snapshot.user_pool(pool.as_str()).is_some();
                    *found.entry(pool.as_str().to_string()).or_default() |= held;
                }
                for ip in &args.selection.identity_pools {
                    let held = snapshot.identity_pool(ip.as_str()).is_some();
                    *found.entry(ip.as_str().to_string()).or_default() |= held;
                }
                Some(render(global.format, &snapshot))
            }
            None => None,
        };
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
    if let Some((id, _)) = found.iter().find(|(_, held)| !**held) {
        anyhow::bail!(
            "{}: no account of the fleet holds {id}",
            fleet.dir.display()
        );
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
