//! `cogref drift`: live state (or a snapshot) against a baseline snapshot or a template.
//!
//! Exit codes: 0 no drift (or none that `--fail-on` counts), 1 drift that can all be applied
//! in place (resources missing live or not in desired count here), 3 drift including a
//! replacement or an impossible change, 2 an error or a partial live scan. Unknown values
//! (intrinsics cannot be evaluated) are reported but never fail the run.

use super::{io, load_snapshot, Exit, Stderr};
use crate::cli::drift::{DriftArgs, FailOn as FailOnArg};
use crate::cli::{Format, GlobalArgs};
use crate::drift::{self, FailOn, Options, Outcome};
use crate::report::drift as render;
use anyhow::{Context, Result};
use std::io::IsTerminal;

pub fn run(global: &GlobalArgs, args: &DriftArgs, stderr: &Stderr) -> Result<Exit> {
    // Read and check every input before the (possibly slow) live scan.
    let desired_path = &args.desired;
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

    let (live, status) = load_snapshot(global, &args.selection, stderr)?;
    let report = drift::compare(&desired, &live, &options).with_context(|| {
        format!(
            "{}: comparing desired with live state",
            desired_path.display()
        )
    })?;
    for r in &report.resources {
        if !r.not_compared.is_empty() {
            stderr.info(&format!(
                "{}: not compared (not read from live accounts): {}",
                r.resource.display(),
                r.not_compared.join(", ")
            ));
        }
    }
    let opts = render::RenderOptions {
        desired_file: desired_path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| desired_path.display().to_string()),
        color: global.out.is_none()
            && std::io::stdout().is_terminal()
            && !global.no_color
            && !std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
    };
    let rendered = match global.format {
        Format::Text => render::text(&report, &opts),
        Format::Json => render::json(&report, &opts),
        Format::Markdown => render::markdown(&report, &opts),
    };
    io::write_output(global.out.as_deref(), &rendered)?;
    let summary = report.summary();
    if summary.unknown > 0 {
        stderr.warn(&format!(
            "{} desired value(s) could not be evaluated offline and were not compared (see value-unknown findings)",
            summary.unknown
        ));
    }
    if status == Exit::Error {
        return Ok(Exit::Error);
    }
    Ok(match report.outcome(fail_on(args.fail_on)) {
        Outcome::Clean => Exit::Success,
        Outcome::InPlace => Exit::Findings,
        Outcome::Severe => Exit::Impossible,
    })
}

fn fail_on(arg: FailOnArg) -> FailOn {
    match arg {
        FailOnArg::None => FailOn::None,
        FailOnArg::Any => FailOn::Any,
        FailOnArg::Replacement => FailOn::Replacement,
        FailOnArg::Impossible => FailOn::Impossible,
    }
}
