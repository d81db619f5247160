//! Rendering of a drift report: text for people (grouped by resource, each with a unified diff
//! of the normalised JSON, coloured only when asked), JSON for machines, Markdown for a
//! pull-request comment or an issue body. Renders only: the comparison is done by
//! [`crate::drift::compare`].
//!
//! A finding with `differences` (a policy document: IAM trust, inline and managed policies) is
//! shown in text and Markdown as those lines, one per difference, under the finding; neither
//! its documents nor their unified diff are repeated (the unified diff leaves out the paths
//! such findings cover). JSON keeps both documents in full, and the lines.
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
//!       "fix": { "call": string, "resets_omitted": bool, "note": string | null } | null,
//!       "differences": [string]    // policy documents: what differs in meaning, one line
//!                                  // each (details of the line above indented by 2 spaces);
//!                                  // [] for every other finding
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

/// The segments of a finding path: `A.B` is `A`, `B`; `Policies[as-text]` is `Policies`,
/// `as-text` (a key in brackets may hold dots).
fn path_segments(path: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix('[') {
            let end = r.find(']').unwrap_or(r.len());
            out.push(&r[..end]);
            rest = r.get(end + 1..).unwrap_or("");
        } else {
            let end = rest.find(['.', '[']).unwrap_or(rest.len());
            out.push(&rest[..end]);
            rest = &rest[end..];
        }
        rest = rest.strip_prefix('.').unwrap_or(rest);
    }
    out
}

/// Removes the value at `path` from a document, when the path leads through objects.
fn remove_path(doc: &mut Value, path: &str) {
    let segments = path_segments(path);
    let Some((last, parents)) = segments.split_last() else {
        return;
    };
    let mut here = doc;
    for s in parents {
        match here.get_mut(*s) {
            Some(next) => here = next,
            None => return,
        }
    }
    if let Value::Object(m) = here {
        m.remove(*last);
    }
}

/// The unified diff of the normalised documents, `-` desired, `+` live, without the paths
/// findings show as `differences` (see the module docs).
fn unified_diff(r: &ResourceDrift) -> String {
    let (mut desired, mut live) = (r.desired.clone(), r.live.clone());
    for f in r.findings.iter().filter(|f| !f.differences.is_empty()) {
        for doc in [&mut desired, &mut live].into_iter().flatten() {
            remove_path(doc, &f.path);
        }
    }
    if desired == live {
        return String::new();
    }
    let (d, l) = (pretty(&desired), pretty(&live));
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
            } else if !f.differences.is_empty() {
                out.push_str(&format!("{}\n", f.path));
            } else {
                out.push_str(&format!(
                    "{}: desired {}, live {}\n",
                    f.path,
                    value_text(&f.desired),
                    value_text(&f.live)
                ));
            }
            let indent = " ".repeat(15);
            if f.differences.is_empty() {
                out.push_str(&format!("{indent}{}\n", f.reason));
            } else {
                out.push_str(&format!("{indent}{}:\n", f.reason));
                for line in &f.differences {
                    out.push_str(&format!("{indent}  {line}\n"));
                }
            }
            if let Some(note) = f.fix.as_ref().and_then(|x| x.note.as_ref()) {
                out.push_str(&format!("{indent}fix: {note}\n"));
            } else if let Some(fix) = &f.fix {
                out.push_str(&format!("{indent}fix: {}\n", fix.call));
            }
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
    let not_compared = not_compared(report);
    if !not_compared.is_empty() {
        out.push_str("\nNot compared:\n");
        for line in not_compared {
            out.push_str(&format!("  {line}\n"));
        }
    }
    out
}

/// What the comparison left out, one line each: resources it does not compare (users, other
/// types, roles not read...), then properties of compared resources that cannot be read from
/// a live account. The one place every path (`--desired`, `--stack`, `--all-stacks`, a local
/// template tree) reports them, in text and Markdown; JSON has `skipped` and
/// `resources[].not_compared`.
pub fn not_compared(report: &DriftReport) -> Vec<String> {
    let skipped = report
        .skipped
        .iter()
        .map(|s| format!("{} {}: {}", s.resource_type, s.logical_id, s.reason));
    let properties = report
        .resources
        .iter()
        .filter(|r| !r.not_compared.is_empty())
        .map(|r| {
            format!(
                "{}: not read from live accounts: {}",
                r.resource.display(),
                r.not_compared.join(", ")
            )
        });
    skipped.chain(properties).collect()
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
        "differences": f.differences,
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

/// A value's cell; a policy document whose differences are listed is not repeated.
fn document_cell(f: &Finding, v: &Option<Value>) -> String {
    if f.differences.is_empty() {
        code_cell(v)
    } else {
        "policy document (differences under Why)".to_string()
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
            let mut why = cell(&f.reason);
            if !f.differences.is_empty() {
                why.push(':');
                for line in &f.differences {
                    let (indent, text) = match line.strip_prefix("  ") {
                        Some(rest) => ("&nbsp;&nbsp;&nbsp;&nbsp;", rest),
                        None => ("", line.as_str()),
                    };
                    why.push_str(&format!("<br>{indent}{}", cell(text)));
                }
            }
            if let Some(note) = f.fix.as_ref().and_then(|x| x.note.as_ref()) {
                why.push_str(&format!(". Fix: {}", cell(note)));
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
                document_cell(f, &f.desired),
                document_cell(f, &f.live),
                why
            ));
        }
        let diff = unified_diff(r);
        if !diff.is_empty() {
            out.push_str(
                "\n<details><summary>Normalised diff (- desired, + live)</summary>\n\n```diff\n",
            );
            out.push_str(&diff);
            out.push_str("```\n\n</details>\n");
        }
    }
    let not_compared = not_compared(report);
    if !not_compared.is_empty() {
        out.push_str("\nNot compared:\n\n");
        for line in not_compared {
            out.push_str(&format!("- {}\n", cell(&line)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::drift::{compare, Desired, Options};
    use crate::model::Snapshot;
    use serde_json::json;

    fn sample() -> Snapshot {
        crate::model::sample_snapshot()
    }

    fn opts() -> RenderOptions {
        RenderOptions {
            desired_file: "baseline.json".into(),
            color: false,
        }
    }

    /// The baseline allowed one more action in the guest role's inline policy and had another
    /// description: live drifted on both.
    fn drifted() -> DriftReport {
        let live = sample();
        let mut baseline = live.clone();
        let role = baseline
            .roles
            .iter_mut()
            .find(|r| r.name == "shop-unauth-role")
            .unwrap();
        role.inline_policies[0].document["Statement"][0]["Action"] =
            json!(["s3:GetObject", "s3:ListBucket"]);
        role.description = Some("guests".into());
        compare(
            &Desired::Snapshot(Box::new(baseline)),
            &live,
            &Options::default(),
        )
        .unwrap()
    }

    #[test]
    fn finding_paths_split_into_segments() {
        assert_eq!(
            path_segments("Policies[allow.s3]"),
            vec!["Policies", "allow.s3"]
        );
        assert_eq!(
            path_segments("Schema[custom:tier].StringAttributeConstraints.MaxLength"),
            vec![
                "Schema",
                "custom:tier",
                "StringAttributeConstraints",
                "MaxLength"
            ]
        );
        assert_eq!(
            path_segments("AssumeRolePolicyDocument"),
            vec!["AssumeRolePolicyDocument"]
        );
        assert_eq!(path_segments(""), Vec::<&str>::new());
    }

    #[test]
    fn a_policy_finding_is_shown_as_its_differences_and_json_keeps_the_documents() {
        let report = drifted();
        let text = text(&report, &opts());
        let block: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with("AWS::IAM::Role (shop-unauth-role"))
            .take_while(|l| !l.is_empty())
            .collect();
        assert_eq!(
            block[1..],
            [
                "  in-place     Description: desired \"guests\", live \"Guest shop visitors\"",
                "               can be changed on the existing role",
                "               fix: UpdateRole",
                "  in-place     Policies[allow-s3-read]",
                "               the policy differs in meaning:",
                "                 statement changed: Allow s3:getobject, s3:listbucket on arn:aws:s3:::shop-assets/public/*",
                "                   Action: removed s3:listbucket",
                "               fix: the call replaces the whole policy document",
                "    --- desired",
                "    +++ live",
                "    @@ -27,5 +27,5 @@",
                "         ]",
                "       },",
                "    -  \"Description\": \"guests\",",
                "    +  \"Description\": \"Guest shop visitors\",",
                "       \"MaxSessionDuration\": 3600,",
                "       \"Path\": \"/\",",
            ],
            "{text}"
        );

        let md = markdown(&report, &opts());
        assert!(md.contains(
            "| `Policies[allow-s3-read]` | policy document (differences under Why) | policy document (differences under Why) | the policy differs in meaning:<br>statement changed: Allow s3:getobject, s3:listbucket on arn:aws:s3:::shop-assets/public/*<br>&nbsp;&nbsp;&nbsp;&nbsp;Action: removed s3:listbucket. Fix: the call replaces the whole policy document |"
        ), "{md}");
        assert!(!md.contains("\"Statement\""), "{md}");

        let doc: Value = serde_json::from_str(&json(&report, &opts())).unwrap();
        let f = doc["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["path"] == "Policies[allow-s3-read]")
            .unwrap();
        assert_eq!(
            f["desired"]["Statement"][0]["Action"],
            json!(["s3:getobject", "s3:listbucket"])
        );
        assert_eq!(f["live"]["Statement"][0]["Action"], json!(["s3:getobject"]));
        assert_eq!(
            f["differences"],
            json!([
                "statement changed: Allow s3:getobject, s3:listbucket on arn:aws:s3:::shop-assets/public/*",
                "  Action: removed s3:listbucket"
            ])
        );
    }

    #[test]
    fn properties_not_compared_are_listed_for_resources_without_findings_too() {
        let mut report = drifted();
        let clean = report
            .resources
            .iter_mut()
            .find(|r| {
                r.findings.is_empty() && r.resource.name.as_deref() == Some("shop-staff-role")
            })
            .unwrap();
        clean.not_compared = vec!["Users (IAM users and groups are not read)".into()];
        assert_eq!(
            not_compared(&report),
            vec!["AWS::IAM::Role (shop-staff-role, arn:aws:iam::123456789012:role/shop-staff-role): \
                  not read from live accounts: Users (IAM users and groups are not read)"]
        );
        let text = text(&report, &opts());
        assert!(
            text.ends_with(&format!(
                "\nNot compared:\n  {}\n",
                not_compared(&report)[0]
            )),
            "{text}"
        );
        let md = markdown(&report, &opts());
        assert!(
            md.ends_with(&format!(
                "\nNot compared:\n\n- {}\n",
                not_compared(&report)[0]
            )),
            "{md}"
        );
    }
}
