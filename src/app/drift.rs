//! `cogref drift`: live state (or a snapshot) against a baseline snapshot or a template.
//!
//! Exit codes: 0 no drift (or none that `--fail-on` counts), 1 drift that can all be applied
//! in place (resources missing live or not in desired count here), 3 drift including a
//! replacement, an impossible change or a widened IAM trust policy, 2 an error or a partial
//! live scan. Unknown values
//! (intrinsics cannot be evaluated) are reported but never fail the run.
//!
//! Over a fleet (`--accounts/--org`, or `--snapshot DIR` of a fleet scan) the run compares a
//! fleet baseline directory or each account's stacks, one section per account, and exits with
//! the highest code of any account; an account that could not be read is 2 unless
//! `--allow-partial`, and a `--stack` missing in an account is drift (1), never clean.

use super::fleet::{self, FleetDir};
use super::{io, load_snapshot, scan, select_from_snapshot, Exit, Stderr};
use crate::aws::StackSelection;
use crate::cli::drift::{DriftArgs, FailOn as FailOnArg};
use crate::cli::{Format, GlobalArgs};
use crate::drift::stack::StacksReport;
use crate::drift::{self, DriftReport, FailOn, Options, Outcome};
use crate::model::fleet::AccountStatus;
use crate::model::{DeployedStack, ScanError, Snapshot};
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
    let stacks = scan::stack_selection(args.all_stacks, &args.stack);
    if let (Some(live), false) = (&live_fleet, matches!(stacks, StackSelection::None)) {
        return run_fleet_stacks(global, args, &stacks, live, stderr);
    }
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
    let mut desired =
        drift::read_desired(&text).with_context(|| format!("{}", desired_path.display()))?;
    // A baseline compared for some pools only (--pool / --identity-pool): its other pools are
    // out of scope, as they are of the live scan, never "missing live".
    if let drift::Desired::Snapshot(baseline) = &mut desired {
        select_from_snapshot(baseline, &args.selection, false)?;
    }
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
    if let drift::Desired::Template(template) = &desired {
        check_logical_ids(
            template,
            tree.as_ref(),
            desired_path,
            args,
            &options,
            stderr,
        )?;
    }

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
    // Offline, the live snapshot is selected as a live scan of the selection would be.
    let mut live = live;
    if global.snapshot.as_deref().is_some_and(|p| p.is_file()) {
        select_from_snapshot(&mut live, &args.selection, true)?;
    }
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
    let selection = scan::stack_selection(args.all_stacks, &args.stack);
    let (live, status) = match &global.snapshot {
        Some(path) => (io::read_snapshot(path)?, Exit::Success),
        None => {
            let snapshot =
                scan::live_with_stacks(global, &args.selection, false, &selection, stderr)?;
            // A named stack that could not be read is the error, in one line: what
            // CloudFormation answered (a mistyped name: "does not exist"); --allow-partial
            // cannot make up for it.
            if let StackSelection::Named(names) = &selection {
                for name in names {
                    if find_stack(&snapshot, name).is_some() {
                        continue;
                    }
                    let resource = format!("stack {name}");
                    match snapshot.errors.iter().find(|e| e.resource == resource) {
                        Some(e) => bail!(
                            "--stack {name}: could not be read ({}): {}: {}",
                            e.operation,
                            e.code,
                            e.message
                        ),
                        None => bail!("--stack {name}: the stack could not be read"),
                    }
                }
            }
            let status = scan::report_errors(&snapshot, args.selection.allow_partial, stderr);
            (snapshot, status)
        }
    };
    let stacks: Vec<&DeployedStack> = match &selection {
        StackSelection::Named(names) => {
            let mut found = Vec::new();
            for name in names {
                match find_stack(&live, name) {
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
    Ok(stacks_exit(report, fail_on(args.fail_on)))
}

/// The exit code of a stacks report: the worst section's, and stack health (a stack not in a
/// stable state) fails every `--fail-on` level but `none`.
fn stacks_exit(report: &StacksReport, fail: FailOn) -> Exit {
    let worst = report
        .sections
        .iter()
        .map(|s| s.report.outcome(fail))
        .max()
        .unwrap_or(Outcome::Clean);
    match worst {
        Outcome::Severe => Exit::Impossible,
        Outcome::InPlace => Exit::Findings,
        Outcome::Clean if !report.health.is_empty() && fail != FailOn::None => Exit::Findings,
        Outcome::Clean => Exit::Success,
    }
}

/// The recorded stack `name` (a stack name or a stack id) of a snapshot.
fn find_stack<'a>(snapshot: &'a Snapshot, name: &str) -> Option<&'a DeployedStack> {
    snapshot
        .stacks
        .iter()
        .find(|s| s.stack_name == name || s.stack_id == name)
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
/// `--map LOGICAL=ID` must name a resource of the template (or of a nested template next to
/// it): a typo would otherwise fall back to matching by name without a word. An import file
/// entry naming no resource of it, and a `--parameter` it does not declare, are warned about
/// (one line each) and have no effect.
fn check_logical_ids(
    template: &drift::template::Template,
    tree: Option<&drift::stack::LocalTemplate>,
    desired_path: &std::path::Path,
    args: &DriftArgs,
    options: &Options,
    stderr: &Stderr,
) -> Result<()> {
    type Names = std::collections::BTreeSet<String>;
    fn collect(tree: &drift::stack::LocalTemplate, ids: &mut Names, params: &mut Names) {
        for child in tree.nested.values() {
            if let Ok(drift::Desired::Template(t)) = drift::read_desired(&child.text) {
                ids.extend(t.resources.iter().map(|r| r.logical_id.clone()));
                params.extend(t.parameters.keys().cloned());
            }
            collect(child, ids, params);
        }
    }
    let mut ids: Names = template
        .resources
        .iter()
        .map(|r| r.logical_id.clone())
        .collect();
    let mut params: Names = template.parameters.keys().cloned().collect();
    if let Some(tree) = tree {
        collect(tree, &mut ids, &mut params);
    }
    // `--parameter NAME=VALUE` the template does not declare: a typo would leave the Default
    // in force without a word (CloudFormation refuses such a parameter). A warning, since a
    // parameter file (--parameters) commonly holds more than one template declares.
    let undeclared: Vec<&str> = args
        .parameters
        .iter()
        .map(|(name, _)| name.as_str())
        .filter(|name| !params.contains(*name))
        .collect();
    if !undeclared.is_empty() {
        stderr.warn(&format!(
            "--parameter {}: not declared by {} (ignored)",
            undeclared.join(", "),
            desired_path.display()
        ));
    }
    for (logical, physical) in &options.map {
        if !ids.contains(logical) {
            bail!(
                "--map {logical}={physical}: {} has no resource {logical}",
                desired_path.display()
            );
        }
    }
    let unknown: Vec<&str> = options
        .import
        .iter()
        .map(|e| e.logical_resource_id.as_str())
        .filter(|id| !ids.contains(*id))
        .collect();
    if let (false, Some(file)) = (unknown.is_empty(), &args.import_file) {
        stderr.warn(&format!(
            "{}: {} {} no resource of {} (ignored): {}",
            file.display(),
            unknown.len(),
            if unknown.len() == 1 {
                "entry names"
            } else {
                "entries name"
            },
            desired_path.display(),
            unknown.join(", ")
        ));
    }
    Ok(())
}

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

/// A live fleet (`--accounts/--org`), against a fleet baseline (`--desired DIR`) or its
/// deployed stacks (`--stack NAME` / `--all-stacks`): the fleet is read into a temporary fleet
/// directory as `cogref scan` does (accounts in parallel, `--accounts-in-flight`, each
/// account's snapshot written and dropped when done), then compared one account at a time as
/// from `--snapshot DIR`; the directory is removed afterwards.
fn run_live_fleet(global: &GlobalArgs, args: &DriftArgs, stderr: &Stderr) -> Result<Exit> {
    if global.snapshot.is_some() {
        bail!("--snapshot and --accounts/--org both name the live side: give one");
    }
    let stacks = scan::stack_selection(args.all_stacks, &args.stack);
    if matches!(stacks, StackSelection::None) {
        let Some(desired_dir) = &args.desired else {
            bail!("--accounts/--org: drift of a live fleet needs a fleet baseline (--desired DIR, written by `cogref scan --accounts/--org --out DIR`) or --stack NAME / --all-stacks");
        };
        if FleetDir::open(desired_dir)?.is_none() {
            bail!(
                "--desired {}: with --accounts/--org the baseline must be a fleet directory",
                desired_dir.display()
            );
        }
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
        &stacks,
        &live_dir,
        stderr,
    )
    .and_then(|_| FleetDir::open(&live_dir))
    .and_then(|live| match (live, &stacks) {
        (Some(live), StackSelection::Named(_) | StackSelection::All) => {
            run_fleet_stacks(global, args, &stacks, &live, stderr)
        }
        (live, _) => run_fleet(global, args, live, stderr),
    });
    let _ = std::fs::remove_dir_all(&live_dir);
    result
}

/// One drift report over a fleet: a section per account (its heading notes what went wrong
/// in that account), one exit code, the highest of any account. Text and Markdown put each
/// account's report under its heading; JSON is
/// `{schema_version, exit_code, accounts: [{account_id, exit_code, note, report}]}` with
/// `report` the account's report as one run over that account prints it (null when the
/// account could not be compared). Used by every fleet drift (a baseline directory, stacks).
struct FleetReport {
    format: Format,
    exit: Exit,
    text: String,
    sections: Vec<serde_json::Value>,
}

impl FleetReport {
    fn new(format: Format) -> FleetReport {
        FleetReport {
            format,
            exit: Exit::Success,
            text: String::new(),
            sections: Vec::new(),
        }
    }

    /// Adds the section of account `id`: its exit code, a note (also warned on stderr), and
    /// its report rendered in the report's format.
    fn push(
        &mut self,
        id: &str,
        exit: Exit,
        note: Option<String>,
        rendered: Option<&str>,
        stderr: &Stderr,
    ) -> Result<()> {
        if let Some(n) = &note {
            stderr.warn(&format!("account {id}: {n}"));
        }
        self.exit = fleet::worst(self.exit, exit);
        match self.format {
            Format::Json => {
                let report: serde_json::Value = match rendered {
                    Some(r) => serde_json::from_str(r).context("rendering the drift report")?,
                    None => serde_json::Value::Null,
                };
                self.sections.push(serde_json::json!({
                    "account_id": id,
                    "exit_code": exit.code(),
                    "note": note,
                    "report": report,
                }));
            }
            format => {
                let note = note.map(|n| format!(" ({n})")).unwrap_or_default();
                self.text.push_str(&match format {
                    Format::Markdown => format!("## Account {id}{note}\n\n"),
                    _ => format!("=== account {id}{note} ===\n"),
                });
                self.text.push_str(rendered.unwrap_or(""));
                self.text.push('\n');
            }
        }
        Ok(())
    }

    /// Writes the report (stdout or `--out`); the run's exit code.
    fn finish(self, global: &GlobalArgs) -> Result<Exit> {
        let mut text = self.text;
        if self.format == Format::Json {
            text = serde_json::to_string_pretty(&serde_json::json!({
                "schema_version": 1,
                "exit_code": self.exit.code(),
                "accounts": self.sections,
            }))?;
            text.push('\n');
        }
        io::write_output(global.out.as_deref(), &text)?;
        Ok(self.exit)
    }
}

/// A fleet baseline directory against a fleet snapshot directory: one section per account (the
/// union of both indexes), one exit code (the highest of any account). An account with no
/// baseline is compared with an empty one (everything live is "not in desired"); an account
/// the live fleet could not read is an error (2 unless `--allow-partial`), and so is an
/// account of the baseline missing from the live fleet's index.
fn run_fleet(
    global: &GlobalArgs,
    args: &DriftArgs,
    live: Option<FleetDir>,
    stderr: &Stderr,
) -> Result<Exit> {
    let Some(desired_dir) = &args.desired else {
        anyhow::bail!("a fleet is compared with a fleet baseline directory (--desired DIR) or its stacks (--stack NAME / --all-stacks)");
    };
    if desired_dir.is_dir()
        && !desired_dir
            .join(crate::model::fleet::FLEET_INDEX_FILE)
            .is_file()
    {
        anyhow::bail!(
            "--desired {}: is a directory without {}: expected a template or snapshot file, or a fleet baseline directory",
            desired_dir.display(),
            crate::model::fleet::FLEET_INDEX_FILE
        );
    }
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
    let mut out = FleetReport::new(global.format);
    for id in ids {
        let live_entry = live.index.accounts.iter().find(|a| a.account_id == id);
        let desired_entry = desired.index.accounts.iter().find(|a| a.account_id == id);
        let (account_exit, rendered, note) = match (live_entry, desired_entry) {
            (Some(l), _) if l.status == AccountStatus::Failed => {
                let e = fleet::unread(args.selection.allow_partial);
                (e, None, fleet::account_note(l))
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
                        e = fleet::worst(e, fleet::unread(args.selection.allow_partial));
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
        out.push(id, account_exit, note, rendered.as_deref(), stderr)?;
    }
    out.finish(global)
}

/// `--stack NAME` / `--all-stacks` over a fleet directory (from `--snapshot DIR`, or the live
/// fleet read by [`run_live_fleet`]): in each account, its recorded stacks against its live
/// state exactly as for one account ([`drift::stack::compare_stacks`]), rendered as one
/// account's stacks report under that account's section, one account in memory at a time.
///
/// A stack named with `--stack` that does not exist in an account (CloudFormation answered
/// that it does not exist) is drift of the fleet, not an error: the account's heading says
/// "stack NAME: not deployed in this account" and it fails the run with exit 1 at every
/// `--fail-on` level but `none` (as stack health does): a StackSet instance missing in an
/// account must never read as clean. A stack that could not be read is a partial read (exit
/// 2 unless `--allow-partial`); a fleet directory scanned without the stack is an error.
fn run_fleet_stacks(
    global: &GlobalArgs,
    args: &DriftArgs,
    selection: &StackSelection,
    live: &FleetDir,
    stderr: &Stderr,
) -> Result<Exit> {
    let options = Options {
        parameters: args.parameters.iter().cloned().collect(),
        ..Options::default()
    };
    let mut out = FleetReport::new(global.format);
    let mut compared = 0;
    for account in &live.index.accounts {
        let id = account.account_id.as_str();
        let snapshot = match account.status {
            AccountStatus::Failed => None,
            _ => live.snapshot(account)?,
        };
        let Some(snapshot) = snapshot else {
            let note = fleet::account_note(account)
                .unwrap_or_else(|| "not read: no snapshot in the fleet directory".into());
            let exit = fleet::unread(args.selection.allow_partial);
            out.push(id, exit, Some(note), None, stderr)?;
            continue;
        };
        let section = account_stacks(global, args, selection, id, &snapshot, &options, stderr);
        compared += section.compared;
        let note = (!section.notes.is_empty()).then(|| section.notes.join("; "));
        out.push(id, section.exit, note, section.rendered.as_deref(), stderr)?;
    }
    if compared == 0 && matches!(selection, StackSelection::All) && out.exit == Exit::Success {
        bail!("nothing to compare: no stack of any account of the fleet holds a Cognito resource (a fleet directory holds stacks when scanned with --all-stacks or --stack NAME)");
    }
    out.finish(global)
}

/// One account's part of [`run_fleet_stacks`].
struct AccountStacks {
    exit: Exit,
    notes: Vec<String>,
    rendered: Option<String>,
    /// Stack sections compared.
    compared: usize,
}

/// Compares the stacks `selection` selects in one account's snapshot with its live state.
fn account_stacks(
    global: &GlobalArgs,
    args: &DriftArgs,
    selection: &StackSelection,
    id: &str,
    snapshot: &Snapshot,
    options: &Options,
    stderr: &Stderr,
) -> AccountStacks {
    let fail = fail_on(args.fail_on);
    let mut section = AccountStacks {
        exit: Exit::Success,
        notes: Vec::new(),
        rendered: None,
        compared: 0,
    };
    let names: &[String] = match selection {
        StackSelection::Named(names) => names,
        _ => &[],
    };
    let not_deployed = |e: &ScanError| names.iter().any(|n| stack_not_deployed(e, n));
    let mut stacks: Vec<&DeployedStack> = Vec::new();
    for name in names {
        if let Some(s) = find_stack(snapshot, name) {
            stacks.push(s);
        } else if snapshot.errors.iter().any(|e| stack_not_deployed(e, name)) {
            section
                .notes
                .push(format!("stack {name}: not deployed in this account"));
            if fail != FailOn::None {
                section.exit = fleet::worst(section.exit, Exit::Findings);
            }
        } else if let Some(e) = snapshot
            .errors
            .iter()
            .find(|e| e.resource == format!("stack {name}"))
        {
            // Counted below as a failed read.
            section.notes.push(format!(
                "stack {name}: not read: {} {}: {}",
                e.operation, e.code, e.message
            ));
        } else {
            section.notes.push(format!(
                "stack {name}: not in this account's snapshot (record it with `cogref scan --accounts/--org --stack {name}`)"
            ));
            section.exit = Exit::Error;
        }
    }
    if matches!(selection, StackSelection::All) {
        stacks = snapshot.stacks.iter().collect();
        if stacks.is_empty() {
            section
                .notes
                .push("no stack in this account holds a Cognito resource".into());
        }
    }
    let failed = snapshot.errors.iter().filter(|e| !not_deployed(e)).count();
    if failed > 0 {
        section
            .notes
            .push(format!("partial: {failed} read(s) failed"));
        section.exit = fleet::worst(section.exit, fleet::unread(args.selection.allow_partial));
    }
    if stacks.is_empty() {
        return section;
    }
    match drift::stack::compare_stacks(&stacks, snapshot, options) {
        Err(e) => {
            section.notes.push(format!("{e:#}"));
            section.exit = Exit::Error;
        }
        Ok(report) => {
            for h in &report.health {
                stderr.warn(&format!("account {id}: {h}"));
            }
            let reports: Vec<&DriftReport> = report.sections.iter().map(|s| &s.report).collect();
            warn_not_compared(&reports, stderr);
            section.compared = report.sections.len();
            section.exit = fleet::worst(section.exit, stacks_exit(&report, fail));
            section.rendered = Some(render_stacks(global.format, &report, color(global)));
        }
    }
    section
}

/// Whether a scan error says the stack `name` does not exist in the account: CloudFormation's
/// DescribeStacks answers a stack name it does not know with `ValidationError` "Stack with id
/// NAME does not exist" (CloudFormation API reference, DescribeStacks; the same for a deleted
/// stack's name), and cogref records an empty answer as `StackNotFound`.
fn stack_not_deployed(error: &ScanError, name: &str) -> bool {
    error.resource == format!("stack {name}")
        && error.operation == "DescribeStacks"
        && (error.code == "StackNotFound"
            || (error.code == "ValidationError" && error.message.contains("does not exist")))
}

#[cfg(test)]
mod tests {
    use super::stack_not_deployed;
    use crate::model::ScanError;

    fn error(resource: &str, operation: &str, code: &str, message: &str) -> ScanError {
        ScanError {
            resource: resource.into(),
            operation: operation.into(),
            code: code.into(),
            message: message.into(),
        }
    }

    #[test]
    fn only_cloudformations_answer_for_an_unknown_stack_means_not_deployed() {
        let missing = error(
            "stack auth",
            "DescribeStacks",
            "ValidationError",
            "Stack with id auth does not exist",
        );
        assert!(stack_not_deployed(&missing, "auth"));
        assert!(!stack_not_deployed(&missing, "other"));
        let empty = error("stack auth", "DescribeStacks", "StackNotFound", "");
        assert!(stack_not_deployed(&empty, "auth"));
        // Not allowed to look, or another validation failure: a read that failed, not a
        // stack that is not there.
        let denied = error(
            "stack auth",
            "DescribeStacks",
            "AccessDenied",
            "not authorized",
        );
        assert!(!stack_not_deployed(&denied, "auth"));
        let invalid = error(
            "stack auth",
            "DescribeStacks",
            "ValidationError",
            "1 validation error detected",
        );
        assert!(!stack_not_deployed(&invalid, "auth"));
        let later = error(
            "stack auth",
            "GetTemplate",
            "ValidationError",
            "Stack with id auth does not exist",
        );
        assert!(!stack_not_deployed(&later, "auth"));
    }
}
