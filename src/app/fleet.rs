//! Fleets: `cogref scan --accounts/--org` (one snapshot per account plus `index.json` in the
//! `--out` directory), reading such a directory back (`--snapshot DIR` for `ls`, `drift`, and
//! for `check` / `emit` the account that holds the named pool), and `iam-policy --fleet`.
//!
//! Exit codes over a fleet: the highest any account earns (an unreachable account is an error,
//! 2, unless `--allow-partial`).

use super::{io, scan, Exit, Stderr};
use crate::aws::{self, AccountResult, FleetProgress, FleetRequest, StackSelection};
use crate::cli::fleet::FleetArgs;
use crate::cli::{Format, GlobalArgs, IamPolicyArgs, PolicyFormat, ScanArgs, Selection};
use crate::model::fleet::{
    is_account_id, AccountStatus, FleetAccount, FleetIndex, FLEET_INDEX_FILE, FLEET_SCHEMA_VERSION,
};
use crate::model::{ScanError, Snapshot};
use anyhow::{anyhow, bail, Context, Result};
use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

// --- scan -----------------------------------------------------------------------------------

/// `cogref scan --accounts ... | --org ...`.
pub fn scan(global: &GlobalArgs, args: &ScanArgs, stderr: &Stderr) -> Result<Exit> {
    let out = global.out.clone().ok_or_else(|| {
        anyhow!(
            "--out: a fleet scan writes one snapshot per account: name a directory with --out DIR"
        )
    })?;
    if out.is_file() {
        bail!(
            "--out {}: is a file; a fleet scan needs a directory",
            out.display()
        );
    }
    let index = scan_into(
        global,
        &args.fleet,
        &args.selection,
        args.all_regions,
        &scan::stack_selection(args.all_stacks, &args.stack),
        &out,
        stderr,
    )?;
    let failed = index
        .accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Failed)
        .count();
    let partial = index
        .accounts
        .iter()
        .filter(|a| a.status == AccountStatus::Partial)
        .count();
    if (failed == 0 && partial == 0) || args.selection.allow_partial {
        Ok(Exit::Success)
    } else {
        eprintln!(
            "cogref: error: partial fleet: {failed} account(s) could not be read and {partial} were read partially (see {}); pass --allow-partial to accept",
            out.join(FLEET_INDEX_FILE).display()
        );
        Ok(Exit::Error)
    }
}

/// Reads the fleet `fleet` names into the directory `out` (one snapshot per account, recording
/// the stacks `stacks` selects in each, then `index.json`); the index. Also the live side of
/// `drift` over a fleet (against a fleet baseline, or `--stack` / `--all-stacks`).
pub(crate) fn scan_into(
    global: &GlobalArgs,
    fleet: &FleetArgs,
    selection: &Selection,
    all_regions: bool,
    stacks: &StackSelection,
    out: &Path,
    stderr: &Stderr,
) -> Result<FleetIndex> {
    let out = out.to_path_buf();
    let role = fleet
        .assume_role
        .clone()
        .ok_or_else(|| anyhow!("--assume-role: a fleet scan reads each account through a role: name it (e.g. --assume-role cogref-read; `cogref iam-policy --fleet` prints what it needs)"))?;
    aws::validate_role(&role).map_err(|e| anyhow!("--assume-role {role:?}: {e}"))?;
    for id in fleet.accounts.iter().chain(&fleet.exclude_accounts) {
        if !is_account_id(id) {
            bail!("--accounts/--exclude-account {id:?}: not a 12-digit account id");
        }
    }
    if let Some(ou) = &fleet.ou {
        let ok = (ou.starts_with("ou-") || ou.starts_with("r-"))
            && ou.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
        if !ok {
            bail!("--ou {ou:?}: expected an organizational unit id (ou-xxxx-yyyyyyyy) or a root id (r-xxxx)");
        }
    }
    let mut request = scan::scan_request(global, selection, all_regions)?;
    request.stacks = stacks.clone();
    let settings = scan::settings(global)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let started = Instant::now();
    let progress = Arc::new(FleetProgress::default());
    let excluded: BTreeSet<&String> = fleet.exclude_accounts.iter().collect();

    let entries = runtime.block_on(async {
        let config = aws::load_config(&settings).await?;
        let listed = if fleet.org {
            aws::list_org_accounts(&config, fleet.ou.as_deref()).await?
        } else {
            fleet.accounts.clone()
        };
        let accounts: Vec<String> = listed
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .filter(|a| !excluded.contains(a))
            .collect();
        if accounts.is_empty() {
            bail!("no accounts to read (after --exclude-account)");
        }
        std::fs::create_dir_all(&out)
            .with_context(|| format!("{}: creating directory", out.display()))?;
        stderr.info(&format!(
            "reading {} account(s), {} at a time, through role {role}",
            accounts.len(),
            fleet.accounts_in_flight
        ));
        let request_fleet = FleetRequest {
            accounts,
            role: role.clone(),
            external_id: fleet.external_id.clone(),
            accounts_in_flight: fleet.accounts_in_flight as usize,
            session_duration: role_session_duration()?,
        };
        let ticker = stderr.progress_enabled().then(|| {
            let progress = progress.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(120)).await;
                    let mut err = std::io::stderr().lock();
                    let _ = write!(err, "\r\x1b[2K{}", progress_line(&progress));
                    let _ = err.flush();
                }
            })
        });
        let entries = aws::scan_fleet(
            &config,
            &settings,
            &request,
            &request_fleet,
            progress.clone(),
            |account, result| finish_account(&out, account, result, &progress, stderr),
        )
        .await;
        if let Some(t) = ticker {
            t.abort();
            eprint!("\r\x1b[2K");
        }
        Ok::<_, anyhow::Error>(entries)
    })?;

    let mut regions: BTreeSet<String> = request.regions.iter().cloned().collect();
    for e in &entries {
        regions.extend(e.1.iter().cloned());
    }
    let mut index = FleetIndex {
        schema_version: FLEET_SCHEMA_VERSION,
        captured_at: request.captured_at.clone(),
        regions: regions.into_iter().collect(),
        accounts: entries.into_iter().map(|(a, _)| a).collect(),
    };
    index.normalize();
    io::write_file_atomically(&out.join(FLEET_INDEX_FILE), index.to_json().as_bytes())?;
    let count = |status| index.accounts.iter().filter(|a| a.status == status).count();
    stderr.info(&format!(
        "read {} account(s) ({} failed, {} partial) in {:.1}s with {} call(s) ({} AssumeRole); index written to {}",
        index.accounts.len(),
        count(AccountStatus::Failed),
        count(AccountStatus::Partial),
        started.elapsed().as_secs_f64(),
        FleetProgress::get(&progress.calls),
        FleetProgress::get(&progress.assumed),
        out.join(FLEET_INDEX_FILE).display()
    ));
    Ok(index)
}

/// AssumeRole's session length: the role's default (an hour), or `COGREF_ROLE_SESSION_SECONDS`
/// (for tests of the renewal; AWS accepts 900 s and more).
fn role_session_duration() -> Result<Option<Duration>> {
    match std::env::var("COGREF_ROLE_SESSION_SECONDS") {
        Err(_) => Ok(None),
        Ok(v) => v
            .trim()
            .parse::<u64>()
            .ok()
            .filter(|s| *s > 0)
            .map(|s| Some(Duration::from_secs(s)))
            .ok_or_else(|| {
                anyhow!("COGREF_ROLE_SESSION_SECONDS={v:?}: expected a number of seconds")
            }),
    }
}

fn progress_line(p: &FleetProgress) -> String {
    format!(
        "fleet: {}/{} accounts done, {} in flight, {} failed ({} calls)",
        FleetProgress::get(&p.done),
        FleetProgress::get(&p.total),
        FleetProgress::get(&p.in_flight),
        FleetProgress::get(&p.failed),
        FleetProgress::get(&p.calls),
    )
}

/// Writes one finished account's snapshot (then drops it) and says how it went.
fn finish_account(
    out: &Path,
    account: &str,
    result: AccountResult,
    progress: &FleetProgress,
    stderr: &Stderr,
) -> (FleetAccount, Vec<String>) {
    let file = format!("{account}.json");
    let mut entry = FleetAccount {
        account_id: account.to_string(),
        status: AccountStatus::Failed,
        snapshot: None,
        user_pools: 0,
        identity_pools: 0,
        errors: Vec::new(),
    };
    let mut regions = Vec::new();
    let reached = result.is_ok();
    match result {
        Err(e) => entry.errors.push(e),
        Ok(snapshot) => {
            if snapshot.account_id.as_deref() != Some(account) {
                entry.errors.push(ScanError {
                    resource: format!("account {account}"),
                    operation: "GetCallerIdentity".into(),
                    code: "AccountMismatch".into(),
                    message: format!(
                        "the assumed role's credentials belong to account {}",
                        snapshot.account_id.as_deref().unwrap_or("(unknown)")
                    ),
                });
            } else {
                match io::write_file_atomically(&out.join(&file), snapshot.to_json().as_bytes()) {
                    Ok(()) => {
                        entry.status = if snapshot.errors.is_empty() {
                            AccountStatus::Ok
                        } else {
                            AccountStatus::Partial
                        };
                        entry.snapshot = Some(file);
                        entry.user_pools = snapshot.user_pools.len();
                        entry.identity_pools = snapshot.identity_pools.len();
                        entry.errors = snapshot.errors.clone();
                        regions = snapshot.regions.clone();
                    }
                    Err(e) => entry.errors.push(ScanError {
                        resource: format!("file {}", out.join(&file).display()),
                        operation: "write".into(),
                        code: "WriteFailed".into(),
                        message: format!("{e:#}"),
                    }),
                }
            }
        }
    }
    let line = match entry.status {
        AccountStatus::Failed => {
            let why = entry
                .errors
                .first()
                .map(|e| format!("{} {}: {}", e.operation, e.code, e.message))
                .unwrap_or_default();
            format!("account {account}: not read: {why}")
        }
        status => format!(
            "account {account}: {} ({} user pool(s), {} identity pool(s){})",
            if status == AccountStatus::Ok {
                "read"
            } else {
                "read partially"
            },
            entry.user_pools,
            entry.identity_pools,
            if entry.errors.is_empty() {
                String::new()
            } else {
                format!(", {} read(s) failed", entry.errors.len())
            }
        ),
    };
    if reached && entry.status == AccountStatus::Failed {
        // Reached but not written (wrong account, write failure): the AWS layer counted it done.
        progress
            .failed
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    }
    if !stderr.quiet {
        let done = FleetProgress::get(&progress.done) + 1;
        let mut err = std::io::stderr().lock();
        if stderr.progress_enabled() {
            let _ = write!(err, "\r\x1b[2K");
        }
        let _ = writeln!(
            err,
            "cogref: {line} [{done}/{} done]",
            FleetProgress::get(&progress.total)
        );
    }
    (entry, regions)
}

// --- reading a fleet directory --------------------------------------------------------------

/// A fleet directory given with `--snapshot DIR`.
pub(crate) struct FleetDir {
    pub dir: PathBuf,
    pub index: FleetIndex,
}

impl FleetDir {
    /// `Some` when `path` is a directory: it must hold `index.json`.
    pub fn open(path: &Path) -> Result<Option<FleetDir>> {
        if !path.is_dir() {
            return Ok(None);
        }
        let index_path = path.join(FLEET_INDEX_FILE);
        if !index_path.is_file() {
            bail!(
                "{}: is a directory, expected a snapshot file or a fleet directory with {FLEET_INDEX_FILE} (written by `cogref scan --accounts/--org --out DIR`)",
                path.display()
            );
        }
        let bytes = io::read_input(&index_path)?;
        let text = String::from_utf8(bytes)
            .map_err(|_| anyhow!("{}: not UTF-8 text", index_path.display()))?;
        let index =
            FleetIndex::from_json(&text).with_context(|| format!("{}", index_path.display()))?;
        Ok(Some(FleetDir {
            dir: path.to_path_buf(),
            index,
        }))
    }

    /// The snapshot of one account of the index (read now; callers drop it when done).
    pub fn snapshot(&self, account: &FleetAccount) -> Result<Option<Snapshot>> {
        let Some(file) = &account.snapshot else {
            return Ok(None);
        };
        let snapshot = io::read_snapshot(&self.dir.join(file))?;
        if snapshot.account_id.as_deref() != Some(account.account_id.as_str()) {
            bail!(
                "{}: holds account {}, the index says {}",
                self.dir.join(file).display(),
                snapshot.account_id.as_deref().unwrap_or("(none)"),
                account.account_id
            );
        }
        Ok(Some(snapshot))
    }

    /// The snapshot of the one account holding every pool in `pools`.
    pub fn find_pools(&self, pools: &[String]) -> Result<Snapshot> {
        let mut found: Vec<(String, Snapshot)> = Vec::new();
        for account in &self.index.accounts {
            let Some(snapshot) = self.snapshot(account)? else {
                continue;
            };
            if pools
                .iter()
                .all(|p| snapshot.user_pools.iter().any(|u| &u.id == p))
            {
                found.push((account.account_id.clone(), snapshot));
            }
        }
        match found.len() {
            1 => Ok(found.remove(0).1),
            0 => bail!(
                "{}: no account of the fleet holds user pool {}",
                self.dir.display(),
                pools.join(", ")
            ),
            _ => bail!(
                "{}: user pool {} is in several accounts ({}): pass that account's snapshot file",
                self.dir.display(),
                pools.join(", "),
                found
                    .iter()
                    .map(|(a, _)| a.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }
}

/// The status line of an account that has no snapshot, or a partial one.
pub(crate) fn account_note(account: &FleetAccount) -> Option<String> {
    let first = account.errors.first()?;
    Some(match account.status {
        AccountStatus::Failed => format!(
            "not read: {} {}: {}",
            first.operation, first.code, first.message
        ),
        _ => format!("partial: {} read(s) failed", account.errors.len()),
    })
}

/// Exit status of the fleet's accounts themselves: 2 when one has no snapshot or a partial
/// one (unless `allow_partial`).
pub(crate) fn fleet_status(index: &FleetIndex, allow_partial: bool) -> Exit {
    let incomplete = index.accounts.iter().any(|a| a.status != AccountStatus::Ok);
    if incomplete {
        unread(allow_partial)
    } else {
        Exit::Success
    }
}

/// What an account that could not be read, or was read partially, adds to a fleet run's exit
/// code: 2, or nothing with `--allow-partial` (the rule of the fleet scan, [`fleet_status`]).
pub(crate) fn unread(allow_partial: bool) -> Exit {
    if allow_partial {
        Exit::Success
    } else {
        Exit::Error
    }
}

/// The highest exit code wins.
pub(crate) fn worst(a: Exit, b: Exit) -> Exit {
    if b.code() > a.code() {
        b
    } else {
        a
    }
}

/// A section heading per account in text and Markdown reports.
pub(crate) fn heading(format: Format, account: &FleetAccount) -> String {
    let note = account_note(account)
        .map(|n| format!(" ({n})"))
        .unwrap_or_default();
    match format {
        Format::Markdown => format!("## Account {}{note}\n\n", account.account_id),
        _ => format!("=== account {}{note} ===\n", account.account_id),
    }
}

// --- iam-policy --fleet ---------------------------------------------------------------------

/// `cogref iam-policy --fleet`.
pub fn iam_policy(global: &GlobalArgs, args: &IamPolicyArgs) -> Result<Exit> {
    aws::validate_role(&args.assume_role)
        .map_err(|e| anyhow!("--assume-role {:?}: {e}", args.assume_role))?;
    let rendered = match args.policy_format {
        PolicyFormat::Json => {
            let pattern = aws::role_arn(&args.assume_role, "*");
            let mut s = serde_json::to_string_pretty(&aws::operations::fleet_policies(&pattern))?;
            s.push('\n');
            s
        }
        PolicyFormat::Cloudformation => {
            if args.assume_role.starts_with("arn:") {
                bail!("--assume-role: the StackSet template creates the role by name: give a role name, not an ARN");
            }
            if let Some(a) = &args.source_account {
                if !is_account_id(a) {
                    bail!("--source-account {a:?}: not a 12-digit account id");
                }
            }
            let template = crate::emit::fleet_role::stackset_template(
                &args.assume_role,
                args.source_account.as_deref(),
                args.external_id.as_deref(),
                aws::operations::iam_policy(),
            );
            let mut s = serde_json::to_string_pretty(&template)?;
            s.push('\n');
            s
        }
    };
    io::write_output(global.out.as_deref(), &rendered)?;
    Ok(Exit::Success)
}
