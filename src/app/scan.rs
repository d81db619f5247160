//! `cogref scan`: runs a live scan and writes the snapshot. Also the live path of every other
//! command (through [`live`]), with the progress line and the partial-scan policy.

use super::{io, Exit, Stderr};
use crate::aws::{self, AwsSettings, ScanProgress, ScanRequest, StackSelection};
use crate::cli::{GlobalArgs, ScanArgs, Selection};
use crate::model::Snapshot;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::sync::Arc;
use std::time::{Duration, Instant};

pub fn run(global: &GlobalArgs, args: &ScanArgs, stderr: &Stderr) -> Result<Exit> {
    if global.snapshot.is_some() {
        bail!("--snapshot: `scan` reads AWS; --snapshot is for the commands that read a snapshot");
    }
    if args.fleet.is_fleet() {
        return super::fleet::scan(global, args, stderr);
    }
    let stacks = stack_selection(args.all_stacks, &args.stack);
    let snapshot = live_with_stacks(global, &args.selection, args.all_regions, &stacks, stderr)?;
    io::write_output(global.out.as_deref(), &snapshot.to_json())?;
    if let Some(out) = &global.out {
        stderr.info(&format!("snapshot written to {}", out.display()));
    }
    Ok(report_errors(
        &snapshot,
        args.selection.allow_partial,
        stderr,
    ))
}

/// The stacks `--all-stacks` / `--stack NAME...` select (`scan` and `drift`, one account or a
/// fleet).
pub(super) fn stack_selection(all_stacks: bool, names: &[String]) -> StackSelection {
    if all_stacks {
        StackSelection::All
    } else if !names.is_empty() {
        StackSelection::Named(names.to_vec())
    } else {
        StackSelection::None
    }
}

/// Prints a warning per unreadable resource and per reference not read by design; the exit
/// status a partial snapshot earns (what was not read by design fails nothing).
pub fn report_errors(snapshot: &Snapshot, allow_partial: bool, stderr: &Stderr) -> Exit {
    for n in &snapshot.not_read {
        stderr.warn(&format!(
            "not read: {} ({}): {} (not a failure: the scan is complete without it)",
            n.resource, n.code, n.message
        ));
    }
    for e in &snapshot.errors {
        stderr.warn(&format!(
            "could not read {} ({}): {}: {}",
            e.resource, e.operation, e.code, e.message
        ));
    }
    if snapshot.errors.is_empty() || allow_partial {
        Exit::Success
    } else {
        eprintln!(
            "cogref: error: partial scan: {} read(s) failed (listed in the snapshot's `errors`); pass --allow-partial to accept",
            snapshot.errors.len()
        );
        Exit::Error
    }
}

pub(super) fn settings(global: &GlobalArgs) -> Result<AwsSettings> {
    Ok(AwsSettings {
        profile: global.profile.clone(),
        endpoint_url: global.endpoint_url.clone(),
        timeout: Duration::from_secs(global.timeout),
        max_attempts: global.max_attempts,
        concurrency: global.concurrency as usize,
        quotas: aws::Quotas::defaults().with_overrides(&global.rate_limit)?,
    })
}

/// `captured_at`: now, or `COGREF_CAPTURED_AT` for reproducible fixtures.
pub(super) fn captured_at() -> Result<String> {
    if let Ok(fixed) = std::env::var("COGREF_CAPTURED_AT") {
        return Ok(fixed);
    }
    let now = time::OffsetDateTime::now_utc().replace_nanosecond(0)?;
    Ok(now.format(&time::format_description::well_known::Rfc3339)?)
}

/// Every `--region` must be shaped like an AWS region code (also offline, where it is unused:
/// a typo is never silently ignored). Returns the ones that are not in cogref's list of
/// regions where Cognito is offered: newer than this build, or without Cognito (AWS answers
/// for those); they are used, and the caller warns.
pub(super) fn check_regions(global: &GlobalArgs) -> Result<Vec<&str>> {
    let mut unlisted = Vec::new();
    for region in &global.region {
        match aws::classify_region(region) {
            aws::RegionName::Known => {}
            aws::RegionName::Unlisted => unlisted.push(region.as_str()),
            aws::RegionName::Malformed => {
                bail!("--region {region:?}: not a region code (like us-east-1)")
            }
        }
    }
    Ok(unlisted)
}

/// What to read, from the global options and `selection`.
pub(super) fn scan_request(
    global: &GlobalArgs,
    selection: &Selection,
    all_regions: bool,
) -> Result<ScanRequest> {
    check_regions(global)?;
    let regions: Vec<String> = if all_regions {
        aws::DEFAULT_ENABLED_REGIONS
            .iter()
            .map(|r| r.to_string())
            .collect()
    } else {
        global.region.clone()
    };
    Ok(ScanRequest {
        regions,
        pools: selection.pools.clone(),
        identity_pools: selection.identity_pools.clone(),
        captured_at: captured_at()?,
        stacks: StackSelection::None,
        roles: Vec::new(),
    })
}

/// Scans AWS as the global options and `selection` say.
pub fn live(
    global: &GlobalArgs,
    selection: &Selection,
    all_regions: bool,
    stderr: &Stderr,
) -> Result<Snapshot> {
    live_with_stacks(
        global,
        selection,
        all_regions,
        &StackSelection::None,
        stderr,
    )
}

/// [`live`], also recording the CloudFormation stacks `stacks` selects.
pub fn live_with_stacks(
    global: &GlobalArgs,
    selection: &Selection,
    all_regions: bool,
    stacks: &StackSelection,
    stderr: &Stderr,
) -> Result<Snapshot> {
    live_with(global, selection, all_regions, stacks, &[], stderr)
}

/// [`live_with_stacks`], also reading the IAM roles named `roles` (a drift template's).
pub fn live_with(
    global: &GlobalArgs,
    selection: &Selection,
    all_regions: bool,
    stacks: &StackSelection,
    roles: &[String],
    stderr: &Stderr,
) -> Result<Snapshot> {
    let mut request = scan_request(global, selection, all_regions)?;
    request.stacks = stacks.clone();
    request.roles = roles.to_vec();
    let settings = settings(global)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the async runtime")?;
    let progress = Arc::new(ScanProgress::default());
    let started = Instant::now();
    let snapshot = runtime.block_on(async {
        let config = aws::load_config(&settings).await?;
        let ticker = stderr.progress_enabled().then(|| {
            let progress = progress.clone();
            tokio::spawn(async move {
                loop {
                    tokio::time::sleep(Duration::from_millis(120)).await;
                    draw(&progress);
                }
            })
        });
        let result = aws::scan(&config, &settings, &request, progress.clone()).await;
        if let Some(t) = ticker {
            t.abort();
            eprint!("\r\x1b[2K");
        }
        result.map_err(anyhow::Error::from)
    })?;
    if !matches!(stacks, StackSelection::None) {
        stderr.info(&format!(
            "read {} stack(s) holding Cognito resources",
            snapshot.stacks.len()
        ));
    }
    stderr.info(&format!(
        "scanned {} user pool(s), {} app client(s), {} identity pool(s), {} role(s) in {:.1}s with {} call(s)",
        snapshot.user_pools.len(),
        snapshot.user_pools.iter().map(|p| p.clients.len()).sum::<usize>(),
        snapshot.identity_pools.len(),
        snapshot.roles.len(),
        started.elapsed().as_secs_f64(),
        ScanProgress::get(&progress.calls),
    ));
    Ok(snapshot)
}

fn draw(p: &ScanProgress) {
    let mut err = std::io::stderr().lock();
    let _ = write!(
        err,
        "\r\x1b[2Kscanning: {} user pools, {} clients, {} identity pools, {} roles ({} calls, {} errors)",
        ScanProgress::get(&p.user_pools),
        ScanProgress::get(&p.clients),
        ScanProgress::get(&p.identity_pools),
        ScanProgress::get(&p.roles),
        ScanProgress::get(&p.calls),
        ScanProgress::get(&p.errors),
    );
    let _ = err.flush();
}
