//! Rendering of `cogref check` results (the combination, how it was picked, the candidates when
//! it could not be, and the findings) as text, JSON or Markdown. Never evaluates.

use crate::check::{Candidate, CheckReport, Finding, Named};

fn named(n: &Option<Named>) -> String {
    match n {
        Some(n) => format!("{} ({})", n.name, n.id),
        None => "-".into(),
    }
}

fn verdict(r: &CheckReport) -> String {
    if r.ready {
        "READY for referenceAuth: no findings".into()
    } else if r.client.is_none() || r.identity_pool.is_none() || !r.candidates.is_empty() {
        let fitting = r.candidates.iter().filter(|c| c.fits).count();
        if fitting == 0 {
            "NOT READY: no compatible app client + identity pool for this user pool".into()
        } else {
            format!(
                "AMBIGUOUS: {fitting} compatible combinations; name one with --client and --identity-pool"
            )
        }
    } else {
        let n = r.findings.len();
        let rejects = r.findings.iter().filter(|f| f.amplify_rejects).count();
        format!(
            "NOT READY: {n} finding{} ({rejects} that Amplify's deploy-time check rejects)",
            if n == 1 { "" } else { "s" }
        )
    }
}

fn candidate_line(c: &Candidate) -> String {
    let ip = match (&c.identity_pool_name, &c.identity_pool_id) {
        (Some(n), Some(i)) => format!("{n} ({i})"),
        _ => "no identity pool".into(),
    };
    format!(
        "{} {} ({}) + {}: {}",
        if c.fits { "fits   " } else { "no fit " },
        c.client_name,
        c.client_id,
        ip,
        c.reasons.join("; ")
    )
}

fn fix_line(f: &Finding) -> String {
    if f.fix_impossible {
        format!("fix (impossible in place): {}", f.fix)
    } else {
        format!("fix: {}", f.fix)
    }
}

/// Plain text for a terminal.
pub fn text(r: &CheckReport) -> String {
    let mut out = String::new();
    out.push_str(&format!(
        "user pool      {} ({})\n",
        r.user_pool.name, r.user_pool.id
    ));
    out.push_str(&format!("app client     {}\n", named(&r.client)));
    out.push_str(&format!("identity pool  {}\n", named(&r.identity_pool)));
    out.push_str(&format!("app region     {}\n", r.app_region));
    for p in &r.picked {
        out.push_str(&format!("picked         {p}\n"));
    }
    out.push('\n');
    out.push_str(&verdict(r));
    out.push('\n');
    if !r.candidates.is_empty() {
        out.push_str("\ncandidates:\n");
        for c in &r.candidates {
            out.push_str(&format!("  {}\n", candidate_line(c)));
        }
    }
    for n in &r.notes {
        out.push_str(&format!("\nnote: {n}\n"));
    }
    for f in &r.findings {
        out.push('\n');
        let tag = if f.amplify_rejects {
            "error"
        } else {
            "warning"
        };
        out.push_str(&format!("{tag}[{}] {}\n", f.code, f.resource));
        out.push_str(&format!("  {}\n", f.message));
        out.push_str(&format!("  why: {}\n", f.why));
        out.push_str(&format!("  {}\n", fix_line(f)));
    }
    out
}

/// Pretty JSON of the whole report.
pub fn json(r: &CheckReport) -> String {
    let mut s = serde_json::to_string_pretty(r).unwrap_or_default();
    s.push('\n');
    s
}

fn md(s: &str) -> String {
    s.replace('|', "\\|")
}

/// Markdown for a pull request or an issue.
pub fn markdown(r: &CheckReport) -> String {
    let mut out = String::from("## referenceAuth readiness\n\n");
    out.push_str("| | |\n|---|---|\n");
    out.push_str(&format!(
        "| user pool | {} (`{}`) |\n",
        md(&r.user_pool.name),
        r.user_pool.id
    ));
    for (label, n) in [
        ("app client", &r.client),
        ("identity pool", &r.identity_pool),
    ] {
        match n {
            Some(n) => out.push_str(&format!("| {label} | {} (`{}`) |\n", md(&n.name), n.id)),
            None => out.push_str(&format!("| {label} | - |\n")),
        }
    }
    out.push_str(&format!("| app region | {} |\n", r.app_region));
    for p in &r.picked {
        out.push_str(&format!("| picked | {} |\n", md(p)));
    }
    out.push_str(&format!("\n**{}**\n", verdict(r)));
    if !r.candidates.is_empty() {
        out.push_str("\n| fits | app client | identity pool | why |\n|---|---|---|---|\n");
        for c in &r.candidates {
            let ip = match (&c.identity_pool_name, &c.identity_pool_id) {
                (Some(n), Some(i)) => format!("{} (`{i}`)", md(n)),
                _ => "-".into(),
            };
            out.push_str(&format!(
                "| {} | {} (`{}`) | {} | {} |\n",
                if c.fits { "yes" } else { "no" },
                md(&c.client_name),
                c.client_id,
                ip,
                md(&c.reasons.join("; "))
            ));
        }
    }
    for n in &r.notes {
        out.push_str(&format!("\n> note: {}\n", md(n)));
    }
    if !r.findings.is_empty() {
        out.push_str("\n| code | resource | finding | Amplify rejects | fix impossible |\n|---|---|---|---|---|\n");
        for f in &r.findings {
            out.push_str(&format!(
                "| `{}` | {} | {} | {} | {} |\n",
                f.code,
                md(&f.resource),
                md(&f.message),
                if f.amplify_rejects { "yes" } else { "no" },
                if f.fix_impossible { "yes" } else { "no" }
            ));
        }
        for f in &r.findings {
            out.push_str(&format!("\n### `{}` {}\n\n", f.code, md(&f.resource)));
            out.push_str(&format!(
                "{}\n\n- why: {}\n- {}\n",
                f.message,
                f.why,
                fix_line(f)
            ));
        }
    }
    out
}

/// One line per finding, for stderr when `emit reference-auth` refuses.
pub fn short(r: &CheckReport) -> String {
    let mut out = format!("{}\n", verdict(r));
    for c in &r.candidates {
        out.push_str(&format!("  {}\n", candidate_line(c)));
    }
    for f in &r.findings {
        out.push_str(&format!("  [{}] {}: {}\n", f.code, f.resource, f.message));
    }
    for n in &r.notes {
        out.push_str(&format!("  note: {n}\n"));
    }
    out
}

/// Why `emit outputs` refuses a client: the findings that break every sign-in from an Amplify
/// client library, each with its why.
pub fn sign_in_refusal(findings: &[Finding]) -> String {
    let n = findings.len();
    let mut out = format!(
        "NOT USABLE by the Amplify client libraries: {n} finding{}\n",
        if n == 1 { "" } else { "s" }
    );
    for f in findings {
        out.push_str(&format!("  [{}] {}: {}\n", f.code, f.resource, f.message));
        out.push_str(&format!("    why: {}\n", f.why));
        out.push_str(&format!("    {}\n", fix_line(f)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::tests::{sample, PARTNER, SHOP};
    use crate::check::{check, CheckOptions};

    #[test]
    fn ready_and_not_ready_texts() {
        let s = sample();
        let r = check(&s, SHOP, None, None, &CheckOptions::default()).unwrap();
        let t = text(&r);
        assert!(t.contains("READY for referenceAuth"), "{t}");
        assert!(
            t.contains("picked         app client (the only compatible one)"),
            "{t}"
        );
        let r = check(&s, PARTNER, None, None, &CheckOptions::default()).unwrap();
        let t = text(&r);
        assert!(
            t.contains("error[alias-attributes] user-pool partner-portal"),
            "{t}"
        );
        assert!(t.contains("fix (impossible in place)"), "{t}");
        let m = markdown(&r);
        assert!(m.contains("| `alias-attributes` |"), "{m}");
        let j: serde_json::Value = serde_json::from_str(&json(&r)).unwrap();
        assert_eq!(j["ready"], false);
        assert_eq!(j["findings"][0]["code"], "alias-attributes");
        assert_eq!(j["findings"][0]["fix_impossible"], true);
    }
}
