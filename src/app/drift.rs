//! `cogref drift`: live state (or a snapshot) against a baseline snapshot or a template.
//!
//! Exit codes: 0 no drift (or none that `--fail-on` counts), 1 drift that can all be applied
//! in place (resources missing live or not in desired count here), 3 drift including a
//! replacement, an impossible change or a widened IAM trust policy, 2 an error or a partial
//! live scan. Unknown values
//! (intrinsics cannot be evaluated) are reported but never fail the run.

use super::fleet::{self, FleetDir};
use super::{io, load_snapshot, scan, Exit, Stderr};
use crate::aws::StackSelection;
use crate::cli::drift::{DriftArgs, FailOn as FailOnArg};
use crate::cli::{Format, GlobalArgs};
use crate::drift::stack::StacksReport;
use crate::drift::{self, DriftReport, FailOn, Options, Outcome};
use crate::model::fleet::AccountStatus;
use crate::model::{DeployedStack, Snapshot};
use crate::report::drift as render;
use anyhow::{bail, Context, Result};
use std::io::IsTerminal;

pub fn run(global: &GlobalArgs, args: &DriftArgs, stderr: &Stderr) -> Result<Exit> {
    if args.fleet.is_fleet() {
        return run_live_fleet(global, args, stderr);
    }
    let live_fleet = match global.snapshot.as_deref() {
        Some(path) => FleetDir::open(path)?,
        None => None,
    };
    if live_fleet.is_some() || args.desired.as_deref().is_some_and(std::path::Path::is_dir) {
        return run_fleet(global, args, live_fleet, stderr);
    }
    let Some(desired_path) = &args.desired else {
        return run_stacks(global, args, stderr);
    };
    // Read and check every input before the (possibly slow) live scan.
    let bytes = io::read_input(desired_path)?;
    let text = String::from_utf8(bytes)
        .map_err(|e| {
            anyhow::anyhow!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        })
        .with_context(|| format!("{}", desired_path.display()))?;
    let desired =
        drift::read_desired(&text).with_context(|| format!("{}", desired_path.display()))?;
    let mut options = Options::default();
    if let Some(path) = &args.import_file {
        let bytes = io::read_input(path)?;
        let text = String::from_utf8_lossy(&bytes);
        options.import =
            drift::parse_import_file(&text).with_context(|| format!("{}", path.display()))?;
    }
    options.map = args.map.iter().cloned().collect();
    if let Some(path) = &args.parameters_file {
        let bytes = io::read_input(path)?;
        let text = String::from_utf8_lossy(&bytes);
        options.parameters =
            drift::parse_parameters_file(&text).with_context(|| format!("{}", path.display()))?;
    }
    options.parameters.extend(args.parameters.iter().cloned());
    if matches!(desired, drift::Desired::Snapshot(_))
        && (!options.map.is_empty() || !options.import.is_empty())
    {
        stderr.warn(
            "--map and --import-file only apply to templates; a baseline is matched by id and name",
        );
    }

    let tree = match &desired {
        drift::Desired::Template(_) => local_tree(desired_path, &text, 0)?,
        drift::Desired::Snapshot(_) => None,
    };

    let (live, status) = match (&desired, &global.snapshot) {
        // A live scan for a template also reads the roles it declares.
        (drift::Desired::Template(t), None) => {
            let roles = drift::iam::template_role_names(t, &options);
            let snapshot = scan::live_with(
                global,
                &args.selection,
                false,
                &StackSelection::None,
                &roles,
                stderr,
            )?;
            let status = scan::report_errors(&snapshot, args.selection.allow_partial, stderr);
            (snapshot, status)
        }
        _ => load_snapshot(global, &args.selection, stderr)?,
    };
    if let Some(tree) = tree {
        // A root template whose nested stack templates sit next to it (cdk.out, Amplify
        // Gen2's .amplify/artifacts/cdk.out): one section per template of the tree.
        let stack = drift::stack::local_stack(&tree, options.parameters.clone(), &live)
            .with_context(|| format!("{}", desired_path.display()))?;
        let report =
            drift::stack::compare_stacks(&[&stack], &live, &options).with_context(|| {
                format!(
                    "{}: comparing desired with live state",
                    desired_path.display()
                )
            })?;
        return finish_stacks(global, args, &report, status, stderr);
    }
    let report = drift::compare(&desired, &live, &options).with_context(|| {
        format!(
            "{}: comparing desired with live state",
            desired_path.display()
        )
    })?;
    let opts = render::RenderOptions {
        desired_file: desired_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| desired_path.display().to_string()),
        color: color(global),
    };
    let rendered = match global.format {
        Format::Text => render::text(&report, &opts),
        Format::Json => render::json(&report, &opts),
        Format::Markdown => render::markdown(&report, &opts),
    };
    io::write_output(global.out.as_deref(), &rendered)?;
    warn_not_compared(&[&report], stderr);
    if status == Exit::Error {
        return Ok(Exit::Error);
    }
    Ok(match report.outcome(fail_on(args.fail_on)) {
        Outcome::Clean => Exit::Success,
        Outcome::InPlace => Exit::Findings,
        Outcome::Severe => Exit::Impossible,
    })
}

/// `--stack` / `--all-stacks`: deployed stacks (from `--snapshot`, or read live with the scan)
/// against live state, one section per compared stack, one exit code.
fn run_stacks(global: &GlobalArgs, args: &DriftArgs, stderr: &Stderr) -> Result<Exit> {
    let selection = if args.all_stacks {
        StackSelection::All
    } else {
        StackSelection::Named(args.stack.clone())
    };
    let (live, status) = match &global.snapshot {
        Some(path) => (io::read_snapshot(path)?, Exit::Success),
        None => {
            let snapshot =
                scan::live_with_stacks(global, &args.selection, false, &selection, stderr)?;
            let status = scan::report_errors(&snapshot, args.selection.allow_partial, stderr);
            (snapshot, status)
        }
    };
    let stacks: Vec<&DeployedStack> = match &selection {
        StackSelection::Named(names) => {
            let mut found = Vec::new();
            for name in names {
                match live
                    .stacks
                    .iter()
                    .find(|s| &s.stack_name == name || &s.stack_id == name)
                {
                    Some(s) => found.push(s),
                    None if global.snapshot.is_some() => bail!(
                        "--stack {name}: the snapshot holds no such stack (record it with `cogref scan --stack {name}`)"
                    ),
                    None => bail!("--stack {name}: the stack could not be read (see the warnings above)"),
                }
            }
            found
        }
        _ => live.stacks.iter().collect(),
    };
    if stacks.is_empty() {
        bail!(
            "nothing to compare: no stack in {} holds a Cognito resource",
            if live.regions.is_empty() {
                "the snapshot".to_string()
            } else {
                live.regions.join(", ")
            }
        );
    }
    let options = Options {
        parameters: args.parameters.iter().cloned().collect(),
        ..Options::default()
    };
    let report = drift::stack::compare_stacks(&stacks, &live, &options)
        .context("comparing deployed stacks with live state")?;
    finish_stacks(global, args, &report, status, stderr)
}

/// Renders a stacks report, warns about stack health, and picks the exit code.
fn finish_stacks(
    global: &GlobalArgs,
    args: &DriftArgs,
    report: &StacksReport,
    status: Exit,
    stderr: &Stderr,
) -> Result<Exit> {
    let rendered = render_stacks(global.format, report, color(global));
    io::write_output(global.out.as_deref(), &rendered)?;
    for h in &report.health {
        stderr.warn(&h.to_string());
    }
    let sections: Vec<&DriftReport> = report.sections.iter().map(|s| &s.report).collect();
    warn_not_compared(&sections, stderr);
    if status == Exit::Error {
        return Ok(Exit::Error);
    }
    let fail = fail_on(args.fail_on);
    let worst = report
        .sections
        .iter()
        .map(|s| s.report.outcome(fail))
        .max()
        .unwrap_or(Outcome::Clean);
    Ok(match worst {
        Outcome::Severe => Exit::Impossible,
        Outcome::InPlace => Exit::Findings,
        Outcome::Clean if !report.health.is_empty() && fail != FailOn::None => Exit::Findings,
        Outcome::Clean => Exit::Success,
    })
}

/// What a run could not compare, on stderr, the same for every path (one report or one per
/// stack): a warning when desired values could not be evaluated, and with -v one line per
/// entry the report lists under "Not compared" ([`render::not_compared`]).
fn warn_not_compared(reports: &[&DriftReport], stderr: &Stderr) {
    let unknown: usize = reports.iter().map(|r| r.summary().unknown).sum();
    if unknown > 0 {
        stderr.warn(&format!(
            "{unknown} desired value(s) could not be evaluated offline and were not compared (see value-unknown findings)"
        ));
    }
    for report in reports {
        for line in render::not_compared(report) {
            stderr.info(&format!("not compared: {line}"));
        }
    }
}

/// The tree of a root template and the nested stack templates CDK recorded next to it
/// (`Metadata["aws:asset:path"]`, read recursively); `None` when none of them is there.
fn local_tree(
    path: &std::path::Path,
    text: &str,
    depth: usize,
) -> Result<Option<drift::stack::LocalTemplate>> {
    let nested_paths =
        drift::stack::nested_asset_paths(text).with_context(|| format!("{}", path.display()))?;
    let dir = path.parent().unwrap_or(std::path::Path::new("."));
    let mut nested = std::collections::BTreeMap::new();
    for (logical, rel) in nested_paths {
        let file = dir.join(&rel);
        if depth >= 8 || !file.is_file() {
            continue;
        }
        let bytes = io::read_input(&file)?;
        let child_text = String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("not UTF-8 text"))
            .with_context(|| format!("{}", file.display()))?;
        let child = local_tree(&file, &child_text, depth + 1)?.unwrap_or_else(|| {
            drift::stack::LocalTemplate {
                name: rel.clone(),
                text: child_text.clone(),
                nested: std::collections::BTreeMap::new(),
            }
        });
        nested.insert(logical, child);
    }
    if nested.is_empty() {
        return Ok(None);
    }
    Ok(Some(drift::stack::LocalTemplate {
        name: path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| path.display().to_string()),
        text: text.to_string(),
        nested,
    }))
}

/// One report with a section per stack: each section is the ordinary drift report of that
/// stack's template.
fn render_stacks(format: Format, report: &StacksReport, color: bool) -> String {
    let opts = |s: &drift::stack::StackSection| render::RenderOptions {
        desired_file: if s.stack_id.is_empty() {
            s.path.join("/")
        } else {
            format!("stack {}", s.path.join("/"))
        },
        color,
    };
    match format {
        Format::Json => {
            let sections: Vec<serde_json::Value> = report
                .sections
                .iter()
                .map(|s| {
                    let body: serde_json::Value =
                        serde_json::from_str(&render::json(&s.report, &opts(s)))
                            .unwrap_or(serde_json::Value::Null);
                    serde_json::json!({
                        "path": s.path,
                        "stack_name": s.stack_name,
                        "stack_id": s.stack_id,
                        "region": s.region,
                        "status": s.status,
                        "report": body,
                    })
                })
                .collect();
            let doc = serde_json::json!({
                "schema_version": 1,
                "stacks": sections,
                "health": report.health,
            });
            let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
            text.push('\n');
            text
        }
        Format::Text | Format::Markdown => {
            let md = format == Format::Markdown;
            let mut out = String::new();
            if !report.health.is_empty() {
                out.push_str(if md {
                    "## Stack health\n\n"
                } else {
                    "Stack health:\n"
                });
                for h in &report.health {
                    out.push_str(&format!("{}{h}\n", if md { "- " } else { "  " }));
                }
                out.push('\n');
            }
            for s in &report.sections {
                if md {
                    out.push_str(&format!("## {}\n\n", section_title(s)));
                    out.push_str(&render::markdown(&s.report, &opts(s)));
                } else {
                    out.push_str(&format!("== {}\n", section_title(s)));
                    out.push_str(&render::text(&s.report, &opts(s)));
                }
                out.push('\n');
            }
            out
        }
    }
}

fn section_title(s: &drift::stack::StackSection) -> String {
    if s.stack_id.is_empty() {
        format!("Template {}", s.path.join("/"))
    } else {
        format!("Stack {} ({}, {})", s.path.join("/"), s.region, s.status)
    }
}

fn fail_on(arg: FailOnArg) -> FailOn {
    match arg {
        FailOnArg::None => FailOn::None,
        FailOnArg::Any => FailOn::Any,
        FailOnArg::Replacement => FailOn::Replacement,
        FailOnArg::Impossible => FailOn::Impossible,
    }
}

fn color(global: &GlobalArgs) -> bool {
    global.out.is_none()
        && std::io::stdout().is_terminal()
        && !global.no_color
        && !std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// `--desired DIR --accounts/--org`: the live fleet is read into a temporary fleet directory
/// (one account's snapshot in memory at a time), then compared as [`run_fleet`] does; the
/// directory is removed afterwards.
fn run_live_fleet(global: &GlobalArgs, args: &DriftArgs, stderr: &Stderr) -> Result<Exit> {
    if global.snapshot.is_some() {
        bail!("--snapshot and --accounts/--org both name the live side: give one");
    }
    if args.all_stacks || !args.stack.is_empty() {
        bail!("--stack/--all-stacks do not take a fleet yet: run them per account (--snapshot DIR/ACCOUNT.json)");
    }
    let Some(desired_dir) = &args.desired else {
        bail!("--accounts/--org: drift of a live fleet needs a fleet baseline: --desired DIR (written by `cogref scan --accounts/--org --out DIR`)");
    };
    if FleetDir::open(desired_dir)?.is_none() {
        bail!(
            "--desired {}: with --accounts/--org the baseline must be a fleet directory",
            desired_dir.display()
        );
    }
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos())
        .unwrap_or_default();
    let live_dir =
        std::env::temp_dir().join(format!("cogref-live-fleet-{}-{nanos}", std::process::id()));
    let result = fleet::scan_into(
        global,
        &args.fleet,
        &args.selection,
        false,
        &live_dir,
        stderr,
    )
    .and_then(|_| FleetDir::open(&live_dir))
    .and_then(|live| run_fleet(global, args, live, stderr));
    let _ = std::fs::remove_dir_all(&live_dir);
    result
}

/// A fleet baseline directory against a fleet snapshot directory: one section per account (the
/// union of both indexes), one exit code (the highest of any account). An account with no
/// baseline is compared with an empty one (everything live is "not in desired"); an account
/// in the baseline that the live fleet could not read is an error.
fn run_fleet(
    global: &GlobalArgs,
    args: &DriftArgs,
    live: Option<FleetDir>,
    stderr: &Stderr,
) -> Result<Exit> {
    let Some(desired_dir) = &args.desired else {
        anyhow::bail!(
            "--stack/--all-stacks do not take a fleet directory yet: run them per account snapshot (--snapshot DIR/ACCOUNT.json)"
        );
    };
    let Some(live) = live else {
        anyhow::bail!(
            "--desired {}: a fleet baseline directory is compared with a fleet: read it live (--accounts/--org --assume-role NAME) or pass a fleet scanned before (`cogref scan --accounts/--org --out LIVE/`) with --snapshot LIVE/",
            desired_dir.display()
        );
    };
    let Some(desired) = FleetDir::open(desired_dir)? else {
        anyhow::bail!(
            "--desired {}: with a fleet (--snapshot DIR) the baseline must be a fleet directory too",
            desired_dir.display()
        );
    };
    if !args.map.is_empty() || args.import_file.is_some() || !args.parameters.is_empty() {
        anyhow::bail!(
            "--map, --import-file and --parameter apply to templates, not to a fleet baseline"
        );
    }
    let options = Options::default();
    let mut ids: Vec<&str> = live
        .index
        .accounts
        .iter()
        .chain(&desired.index.accounts)
        .map(|a| a.account_id.as_str())
        .collect();
    ids.sort();
    ids.dedup();
    let mut exit = Exit::Success;
    let mut text = String::new();
    let mut sections = Vec::new();
    for id in ids {
        let live_entry = live.index.accounts.iter().find(|a| a.account_id == id);
        let desired_entry = desired.index.accounts.iter().find(|a| a.account_id == id);
        let (account_exit, rendered, note) = match (live_entry, desired_entry) {
            (Some(l), _) if l.status == AccountStatus::Failed => {
                (Exit::Error, None, fleet::account_note(l))
            }
            (Some(l), d) => {
                let live_snapshot = live
                    .snapshot(l)?
                    .ok_or_else(|| anyhow::anyhow!("account {id}: no live snapshot"))?;
                let (baseline, note) = match d.map(|d| desired.snapshot(d)).transpose()?.flatten() {
                    Some(s) => (s, None),
                    None => (
                        Snapshot::new(live_snapshot.captured_at.clone()),
                        Some("no baseline for this account".to_string()),
                    ),
                };
                let file = d
                    .and_then(|d| d.snapshot.clone())
                    .unwrap_or_else(|| "(none)".into());
                let desired_state = drift::Desired::Snapshot(Box::new(baseline));
                let report = drift::compare(&desired_state, &live_snapshot, &options)
                    .with_context(|| format!("account {id}: comparing"))?;
                let opts = render::RenderOptions {
                    desired_file: file,
                    color: color(global),
                };
                let rendered = match global.format {
                    Format::Text => render::text(&report, &opts),
                    Format::Json => render::json(&report, &opts),
                    Format::Markdown => render::markdown(&report, &opts),
                };
                let mut e = match report.outcome(fail_on(args.fail_on)) {
                    Outcome::Clean => Exit::Success,
                    Outcome::InPlace => Exit::Findings,
                    Outcome::Severe => Exit::Impossible,
                };
                let note = match (fleet::account_note(l), note) {
                    (Some(partial), _) => {
                        if !args.selection.allow_partial {
                            e = fleet::worst(e, Exit::Error);
                        }
                        Some(partial)
                    }
                    (None, n) => n,
                };
                (e, Some(rendered), note)
            }
            (None, _) => (
                Exit::Error,
                None,
                Some("in the baseline, not in the live fleet".to_string()),
            ),
        };
        if let Some(n) = &note {
            stderr.warn(&format!("account {id}: {n}"));
        }
        exit = fleet::worst(exit, account_exit);
        match global.format {
            Format::Json => {
                let report: serde_json::Value = match &rendered {
                    Some(r) => serde_json::from_str(r).context("rendering the drift report")?,
                    None => serde_json::Value::Null,
                };
                sections.push(serde_json::json!({
                    "account_id": id,
                    "exit_code": account_exit.code(),
                    "note": note,
                    "report": report,
                }));
            }
            format => {
                let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
                text.push_str(&match format {
                    Format::Markdown => format!("## Account {id}{note}\n\n"),
                    _ => format!("=== account {id}{note} ===\n"),
                });
                text.push_str(rendered.as_deref().unwrap_or(""));
                text.push('\n');
            }
        }
    }
    if global.format == Format::Json {
        text = serde_json::to_string_pretty(&serde_json::json!({
            "schema_version": 1,
            "exit_code": exit.code(),
            "accounts": sections,
        }))?;
        text.push('\n');
    }
    io::write_output(global.out.as_deref(), &text)?;
    Ok(exit)
}
