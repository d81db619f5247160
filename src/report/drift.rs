//! Rendering of a drift report: text for people (grouped by resource, each with a unified diff
//! of the normalised JSON, coloured only when asked), JSON for machines, Markdown for a
//! pull-request comment or an issue body. Renders only: the comparison is done by
//! [`crate::drift::compare`].
//!
//! ## JSON schema (`schema_version` 1)
//! ```text
//! {
//!   "schema_version": 1,
//!   "desired": { "kind": "snapshot" | "template", "file": "<file name>" },
//!   "live": { "account_id": string | null, "captured_at": string },
//!   "summary": { "resources_compared", "in_place", "replacement", "impossible", "added",
//!                "removed", "unknown", "trust_widened", "users_to_migrate" }, // integers
//!   "findings": [ {
//!       "code": "drift-in-place" | "drift-replacement" | "drift-impossible"
//!             | "resource-missing-live" | "resource-not-in-desired" | "value-unknown"
//!             | "trust-policy-widened",
//!       "class": "in-place" | "replacement" | "impossible" | "added" | "removed" | "unknown"
//!              | "trust-widened",
//!       "resource": { "type", "logical_id", "physical_id", "name" },   // strings or null
//!       "path": string,            // CloudFormation property path, "" for the resource
//!       "desired": any | null,     // normalised value, null when absent
//!       "live": any | null,
//!       "rule": "in_place" | "create_only" | "append_only" | "never" | null,
//!       "reason": string,
//!       "evidence": string | null, // from the embedded mutability table
//!       "users_at_risk": integer | null,
//!       "fix": { "call": string, "resets_omitted": bool, "note": string | null } | null
//!   } ],
//!   "resources": [ { "resource", "status": "matched" | "missing-live" | "not-in-desired",
//!                    "matched_by": "baseline-id" | "import-file" | "map" | "name" | "parent" | null,
//!                    "not_compared": [string], "desired": object | null, "live": object | null } ],
//!   "skipped": [ { "logical_id", "type", "reason" } ]
//! }
//! ```
//! Findings are sorted by resource (type, logical id, physical id) then path. New fields may be
//! added; existing ones keep their meaning until `schema_version` changes.

use crate::drift::template::is_unknown;
use crate::drift::{DesiredKind, DriftClass, DriftReport, Finding, ResourceDrift};
use serde_json::{json, Value};

/// The version of the JSON report format.
pub const REPORT_SCHEMA_VERSION: u32 = 1;

/// What the renderers need besides the report.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// The desired file's name, as shown in reports.
    pub desired_file: String,
    /// ANSI colour (text only).
    pub color: bool,
}

fn kind_label(kind: DesiredKind) -> &'static str {
    match kind {
        DesiredKind::Snapshot => "baseline snapshot",
        DesiredKind::Template => "CloudFormation template",
    }
}

fn value_text(v: &Option<Value>) -> String {
    match v {
        None => "(absent)".to_string(),
        Some(v) if is_unknown(v).is_some() => "(unknown)".to_string(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(v) => v.to_string(),
    }
}

fn pretty(v: &Option<Value>) -> String {
    match v {
        None => String::new(),
        Some(v) => {
            let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
            s.push('\n');
            s
        }
    }
}

/// The unified diff of the normalised documents, `-` desired, `+` live.
fn unified_diff(r: &ResourceDrift) -> String {
    let (d, l) = (pretty(&r.desired), pretty(&r.live));
    similar::TextDiff::from_lines(&d, &l)
        .unified_diff()
        .context_radius(2)
        .header("desired", "live")
        .to_string()
}

fn headline(report: &DriftReport) -> String {
    let s = report.summary();
    let drifted = report
        .resources
        .iter()
        .filter(|r| r.findings.iter().any(|f| f.class != DriftClass::Unknown))
        .count();
    let total = s.in_place + s.replacement + s.impossible + s.added + s.removed + s.trust_widened;
    let mut line = if total == 0 {
        format!("No drift in {} resources compared", s.resources_compared)
    } else {
        format!(
            "Drift: {total} difference{} in {drifted} of {} resources (in place {}, replacement {}, impossible {}, missing live {}, not in desired {})",
            if total == 1 { "" } else { "s" },
            s.resources_compared,
            s.in_place,
            s.replacement,
            s.impossible,
            s.added,
            s.removed
        )
    };
    if s.trust_widened > 0 {
        line.push_str(&format!(
            "; {} widened trust polic{} (other principals can assume the role)",
            s.trust_widened,
            if s.trust_widened == 1 { "y" } else { "ies" }
        ));
    }
    if s.unknown > 0 {
        line.push_str(&format!(
            "; {} value{} not evaluated (unknown)",
            s.unknown,
            if s.unknown == 1 { "" } else { "s" }
        ));
    }
    if s.users_to_migrate > 0 {
        line.push_str(&format!("; {} users must be migrated", s.users_to_migrate));
    }
    line
}

fn paint(color: bool, code: &str, text: &str) -> String {
    if color {
        format!("\x1b[{code}m{text}\x1b[0m")
    } else {
        text.to_string()
    }
}

fn class_color(c: DriftClass) -> &'static str {
    match c {
        DriftClass::InPlace => "33",
        DriftClass::Replacement | DriftClass::Impossible | DriftClass::TrustWidened => "1;31",
        DriftClass::Added | DriftClass::Removed => "35",
        DriftClass::Unknown => "2",
    }
}

fn matched_text(r: &ResourceDrift) -> String {
    use crate::drift::{MatchedBy, Status};
    match (r.status, r.matched_by) {
        (Status::MissingLive, _) => "missing live".into(),
        (Status::NotInDesired, _) => "not in desired".into(),
        (Status::Matched, Some(MatchedBy::BaselineId)) => "matched by id".into(),
        (Status::Matched, Some(MatchedBy::ImportFile)) => "matched by import file".into(),
        (Status::Matched, Some(MatchedBy::Map)) => "matched by --map".into(),
        (Status::Matched, Some(MatchedBy::Stack)) => "matched by stack resource".into(),
        (Status::Matched, Some(MatchedBy::Name)) => "matched by name".into(),
        (Status::Matched, Some(MatchedBy::Parent)) => "matched by identity pool".into(),
        (Status::Matched, None) => "matched".into(),
    }
}

/// Text for people.
pub fn text(report: &DriftReport, opts: &RenderOptions) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "Desired: {} ({}); live: account {}, captured {}\n",
        opts.desired_file,
        kind_label(report.desired_kind),
        report.live_account_id.as_deref().unwrap_or("unknown"),
        report.live_captured_at
    ));
    out.push_str(&headline(report));
    out.push('\n');
    for r in report.resources.iter().filter(|r| !r.findings.is_empty()) {
        out.push('\n');
        out.push_str(&paint(opts.color, "1", &r.resource.display()));
        out.push_str(&format!("  [{}]\n", matched_text(r)));
        for f in &r.findings {
            let label = format!("{:<12}", f.class.label());
            out.push_str(&format!(
                "  {} ",
                paint(opts.color, class_color(f.class), &label)
            ));
            if f.path.is_empty() {
                out.push_str(&format!("{}\n", f.code));
            } else {
                out.push_str(&format!(
                    "{}: desired {}, live {}\n",
                    f.path,
                    value_text(&f.desired),
                    value_text(&f.live)
                ));
            }
            let indent = " ".repeat(15);
            out.push_str(&format!("{indent}{}\n", f.reason));
            if let Some(note) = f.fix.as_ref().and_then(|x| x.note.as_ref()) {
                out.push_str(&format!("{indent}fix: {note}\n"));
            } else if let Some(fix) = &f.fix {
                out.push_str(&format!("{indent}fix: {}\n", fix.call));
            }
        }
        if !r.not_compared.is_empty() {
            out.push_str(&format!("  not compared: {}\n", r.not_compared.join(", ")));
        }
        for line in unified_diff(r).lines() {
            let colored = if line.starts_with("---") || line.starts_with("+++") {
                paint(opts.color, "1", line)
            } else if line.starts_with('-') {
                paint(opts.color, "31", line)
            } else if line.starts_with('+') {
                paint(opts.color, "32", line)
            } else if line.starts_with("@@") {
                paint(opts.color, "36", line)
            } else {
                line.to_string()
            };
            out.push_str(&format!("    {colored}\n"));
        }
    }
    if !report.skipped.is_empty() {
        out.push_str("\nNot compared:\n");
        for s in &report.skipped {
            out.push_str(&format!(
                "  {} {}: {}\n",
                s.resource_type, s.logical_id, s.reason
            ));
        }
    }
    out
}

fn finding_json(r: &ResourceDrift, f: &Finding) -> Value {
    json!({
        "code": f.code,
        "class": f.class,
        "resource": r.resource,
        "path": f.path,
        "desired": f.desired,
        "live": f.live,
        "rule": f.rule,
        "reason": f.reason,
        "evidence": f.evidence,
        "users_at_risk": f.users_at_risk,
        "fix": f.fix,
    })
}

/// JSON for machines (see the module docs for the schema).
pub fn json(report: &DriftReport, opts: &RenderOptions) -> String {
    let findings: Vec<Value> = report.findings().map(|(r, f)| finding_json(r, f)).collect();
    let resources: Vec<Value> = report
        .resources
        .iter()
        .map(|r| {
            json!({
                "resource": r.resource,
                "status": r.status,
                "matched_by": r.matched_by,
                "not_compared": r.not_compared,
                "desired": r.desired,
                "live": r.live,
            })
        })
        .collect();
    let doc = json!({
        "schema_version": REPORT_SCHEMA_VERSION,
        "desired": {"kind": report.desired_kind, "file": opts.desired_file},
        "live": {"account_id": report.live_account_id, "captured_at": report.live_captured_at},
        "summary": report.summary(),
        "findings": findings,
        "resources": resources,
        "skipped": report.skipped,
    });
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}

fn cell(s: &str) -> String {
    s.replace('|', "\\|").replace('\n', " ")
}

fn code_cell(v: &Option<Value>) -> String {
    match v {
        None => "—".to_string(),
        Some(v) if is_unknown(v).is_some() => "unknown".to_string(),
        Some(v) => format!("`{}`", cell(&v.to_string()).replace('`', "'")),
    }
}

/// Markdown for a pull-request comment or an issue body.
pub fn markdown(report: &DriftReport, opts: &RenderOptions) -> String {
    let s = report.summary();
    let mut out = String::from("## cogref drift report\n\n");
    out.push_str(&format!(
        "Desired: `{}` ({}). Live: account `{}`, captured {}.\n\n",
        cell(&opts.desired_file),
        kind_label(report.desired_kind),
        report.live_account_id.as_deref().unwrap_or("unknown"),
        report.live_captured_at
    ));
    out.push_str(&format!("**{}.**\n\n", headline(report)));
    out.push_str("| Class | Count |\n|---|---|\n");
    for (label, n) in [
        ("in place", s.in_place),
        ("replacement", s.replacement),
        ("impossible", s.impossible),
        ("missing live", s.added),
        ("not in desired", s.removed),
        ("unknown (not evaluated)", s.unknown),
        ("trust policy widened", s.trust_widened),
    ] {
        out.push_str(&format!("| {label} | {n} |\n"));
    }
    for r in report.resources.iter().filter(|r| !r.findings.is_empty()) {
        out.push_str(&format!(
            "\n### {} — {}\n\n",
            cell(&r.resource.display()),
            matched_text(r)
        ));
        out.push_str("| Class | Property | Desired | Live | Why |\n|---|---|---|---|---|\n");
        for f in &r.findings {
            let mut why = f.reason.clone();
            if let Some(note) = f.fix.as_ref().and_then(|x| x.note.as_ref()) {
                why.push_str(&format!(". Fix: {note}"));
            }
            out.push_str(&format!(
                "| {} `{}` | {} | {} | {} | {} |\n",
                f.class.label(),
                f.code,
                if f.path.is_empty() {
                    "—".to_string()
                } else {
                    format!("`{}`", cell(&f.path))
                },
                code_cell(&f.desired),
                code_cell(&f.live),
                cell(&why)
            ));
        }
        out.push_str(
            "\n<details><summary>Normalised diff (- desired, + live)</summary>\n\n```diff\n",
        );
        out.push_str(&unified_diff(r));
        out.push_str("```\n\n</details>\n");
    }
    if !report.skipped.is_empty() {
        out.push_str("\nNot compared:\n\n");
        for sk in &report.skipped {
            out.push_str(&format!(
                "- `{}` {}: {}\n",
                cell(&sk.logical_id),
                sk.resource_type,
                cell(&sk.reason)
            ));
        }
    }
    out
}
