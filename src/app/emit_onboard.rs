//! `cogref emit reference-auth`, `emit outputs` and `emit env`: Amplify onboarding files.
//!
//! `reference-auth` and `env` run the same readiness check as `cogref check` first and refuse
//! (exit 1, findings on stderr, nothing written) unless `--force`; `outputs` refuses the same
//! way a client no Amplify app can sign in with (a confidential client). `--out` of `reference-auth`
//! is a file when it ends in `.ts`, otherwise an Amplify project directory that receives
//! `amplify/auth/resource.ts`.

use super::check::{evaluate, load_combination};
use super::{io, load_snapshot, Exit, Stderr};
use crate::check::{accepts, check, CheckReport};
use crate::cli::onboard::{EnvArgs, EnvFormatArg, OutputsArgs, ReferenceAuthArgs};
use crate::cli::{GlobalArgs, Selection};
use crate::emit::env::{self, EnvFormat};
use crate::emit::outputs;
use crate::emit::reference_auth::{self, ReferenceAuthValues};
use crate::model::{AppClient, IdentityPool, Snapshot, UserPool};
use crate::report;
use anyhow::{anyhow, bail, Context, Result};
use std::path::{Path, PathBuf};

/// Where `reference-auth --out PATH` writes: PATH itself when it ends in `.ts`, else
/// `PATH/amplify/auth/resource.ts`.
pub fn resource_ts_path(out: &Path) -> PathBuf {
    if out.extension().is_some_and(|e| e == "ts") {
        out.to_path_buf()
    } else {
        out.join("amplify").join("auth").join("resource.ts")
    }
}

/// The chosen combination of a report, looked up in the snapshot.
pub(super) fn combination<'a>(
    snapshot: &'a Snapshot,
    report: &CheckReport,
) -> Option<(&'a UserPool, &'a AppClient, &'a IdentityPool)> {
    let pool = snapshot.user_pool(&report.user_pool.id)?;
    let client = pool.client(&report.client.as_ref()?.id)?;
    let ip = snapshot.identity_pool(&report.identity_pool.as_ref()?.id)?;
    Some((pool, client, ip))
}

pub fn reference_auth(
    global: &GlobalArgs,
    args: &ReferenceAuthArgs,
    stderr: &Stderr,
) -> Result<Exit> {
    if let Some(out) = &global.out {
        if out.is_file() && resource_ts_path(out) != *out {
            bail!(
                "--out {}: is a file, expected a directory (or a path ending in .ts)",
                out.display()
            );
        }
    }
    let (snapshot, status) = load_combination(global, &args.combination, stderr)?;
    if status == Exit::Error {
        return Ok(Exit::Error);
    }
    let report = evaluate(&snapshot, &args.combination)?;
    let Some((pool, client, ip)) =
        combination(&snapshot, &report).filter(|_| report.candidates.is_empty())
    else {
        eprint!("{}", report::check::short(&report));
        return Ok(Exit::Findings);
    };
    if !report.ready {
        eprint!("{}", report::check::short(&report));
        if !args.force {
            eprintln!("cogref: not writing resource.ts: Amplify would fail or the app would break (pass --force to write it anyway)");
            return Ok(Exit::Findings);
        }
        stderr.warn("writing resource.ts despite the findings above (--force)");
    }
    let values = ReferenceAuthValues::from_combination(
        pool,
        client,
        ip,
        args.combination.auth_role.as_deref(),
        args.combination.unauth_role.as_deref(),
    )?;
    let content = match &args.env_prefix {
        None => reference_auth::literal(&values, pool, client, ip),
        Some(prefix) => {
            let text = reference_auth::from_env(&values, prefix, pool)?;
            if !stderr.quiet {
                eprintln!(
                    "cogref: resource.ts reads these variables (cogref emit env --prefix {prefix} writes them per branch):"
                );
                for name in reference_auth::env_var_names(&values, prefix)? {
                    eprintln!("  {name}");
                }
            }
            text
        }
    };
    match &global.out {
        None => io::write_stdout(&content)?,
        Some(out) => {
            let path = resource_ts_path(out);
            io::write_file_atomically(&path, content.as_bytes())?;
            stderr.info(&format!("wrote {}", path.display()));
        }
    }
    Ok(Exit::Success)
}

/// The client for `emit outputs` when none is named: the only public client an identity pool
/// accepts, else the only public client.
fn pick_client<'a>(snapshot: &Snapshot, pool: &'a UserPool) -> Result<&'a AppClient> {
    let public: Vec<&AppClient> = pool.clients.iter().filter(|c| !c.has_secret).collect();
    let linked: Vec<&AppClient> = public
        .iter()
        .copied()
        .filter(|c| {
            snapshot
                .identity_pools
                .iter()
                .any(|ip| accepts(ip, pool, c))
        })
        .collect();
    match (linked.as_slice(), public.as_slice()) {
        ([only], _) | ([], [only]) => Ok(only),
        _ => {
            let names: Vec<String> = public
                .iter()
                .map(|c| format!("{} ({})", c.name, c.id))
                .collect();
            bail!(
                "--client: user pool {} has {} public app clients ({}); name one with --client",
                pool.id,
                public.len(),
                if names.is_empty() {
                    "none".to_string()
                } else {
                    names.join(", ")
                }
            )
        }
    }
}

pub fn outputs(global: &GlobalArgs, args: &OutputsArgs, stderr: &Stderr) -> Result<Exit> {
    let selection = Selection {
        pools: vec![args.pool.clone()],
        identity_pools: args.identity_pool.iter().cloned().collect(),
        allow_partial: args.allow_partial,
    };
    let (snapshot, status) = load_snapshot(global, &selection, stderr)?;
    if status == Exit::Error {
        return Ok(Exit::Error);
    }
    let pool = snapshot
        .user_pool(args.pool.as_str())
        .ok_or_else(|| anyhow!("--pool {}: no such user pool in the snapshot", args.pool))?;
    let client = match &args.client {
        Some(id) => pool
            .client(id)
            .ok_or_else(|| anyhow!("--client {id}: no such app client in user pool {}", pool.id))?,
        None => pick_client(&snapshot, pool)?,
    };
    // Like reference-auth: refuse what no Amplify app can sign in with, unless --force.
    let findings = crate::check::sign_in_findings(client);
    if !findings.is_empty() {
        eprint!("{}", report::check::sign_in_refusal(&findings));
        if !args.force {
            eprintln!("cogref: not writing amplify_outputs.json: every sign-in from an Amplify client would fail (pass --force to write it anyway)");
            return Ok(Exit::Findings);
        }
        stderr.warn("writing amplify_outputs.json despite the findings above (--force)");
    }
    let ip = if args.no_identity_pool {
        None
    } else if let Some(id) = &args.identity_pool {
        let ip = snapshot.identity_pool(id.as_str()).ok_or_else(|| {
            anyhow!("--identity-pool {id}: no such identity pool in the snapshot")
        })?;
        if !accepts(ip, pool, client) {
            stderr.warn(&format!(
                "identity pool {} does not accept user pool {} with client {}: sign-in works, AWS credentials will not",
                ip.id, pool.id, client.id
            ));
        }
        Some(ip)
    } else {
        let linked: Vec<&IdentityPool> = snapshot
            .identity_pools
            .iter()
            .filter(|ip| accepts(ip, pool, client))
            .collect();
        match linked.as_slice() {
            [] => {
                if let Some(note) = crate::check::unsearched_regions_note(&snapshot, pool) {
                    stderr.warn(&format!("{note}; writing the file without one"));
                }
                None
            }
            [only] => Some(*only),
            many => bail!(
                "--identity-pool: {} identity pools accept user pool {} with client {} ({}); name one, or pass --no-identity-pool",
                many.len(),
                pool.id,
                client.id,
                many.iter().map(|ip| ip.id.as_str()).collect::<Vec<_>>().join(", ")
            ),
        }
    };
    for warning in outputs::warnings(pool, client) {
        stderr.warn(&warning);
    }
    let rendered = outputs::to_json(&outputs::outputs(pool, client, ip));
    io::write_output(global.out.as_deref(), &rendered)?;
    Ok(Exit::Success)
}

fn env_format(arg: EnvFormatArg) -> EnvFormat {
    match arg {
        EnvFormatArg::Dotenv => EnvFormat::Dotenv,
        EnvFormatArg::Shell => EnvFormat::Shell,
        EnvFormatArg::Json => EnvFormat::Json,
        EnvFormatArg::Github => EnvFormat::Github,
    }
}

/// What one branch resolved to.
enum BranchOutcome {
    Vars(Vec<(String, String)>),
    Findings(Box<CheckReport>),
}

fn resolve_branch(
    global: &GlobalArgs,
    args: &EnvArgs,
    branch: &str,
    mapping: &env::BranchMapping,
    prefix: &str,
    stderr: &Stderr,
) -> Result<Option<BranchOutcome>> {
    let pool_id = mapping
        .pool_id()
        .ok_or_else(|| anyhow!("branch {branch:?}: pool: malformed user pool id"))?;
    let mut branch_global = global.clone();
    if mapping.profile.is_some() {
        branch_global.profile = mapping.profile.clone();
    }
    let selection = Selection {
        pools: vec![pool_id.clone()],
        identity_pools: mapping.identity_pool_id().into_iter().collect(),
        allow_partial: args.allow_partial,
    };
    let (snapshot, status) = load_snapshot(&branch_global, &selection, stderr)
        .with_context(|| format!("branch {branch:?}"))?;
    if status == Exit::Error {
        return Ok(None);
    }
    let check_options = crate::check::CheckOptions {
        app_region: mapping.region.clone(),
        ..Default::default()
    };
    let report = check(
        &snapshot,
        pool_id.as_str(),
        mapping.client.as_deref(),
        mapping.identity_pool.as_deref(),
        &check_options,
    )
    .map_err(|e| anyhow!("branch {branch:?}: {e}"))?;
    let Some((pool, client, ip)) =
        combination(&snapshot, &report).filter(|_| report.candidates.is_empty())
    else {
        let key = if mapping.client.is_none() {
            "client"
        } else {
            "identity_pool"
        };
        let fitting = report.candidates.iter().filter(|c| c.fits).count();
        bail!(
            "branch {branch:?}: {key}: cannot be resolved ({} compatible combinations of {}); set `client` and `identity_pool` in the mapping (cogref check --pool {} lists them)",
            fitting,
            report.candidates.len(),
            pool_id
        );
    };
    if !report.ready && !args.force {
        return Ok(Some(BranchOutcome::Findings(Box::new(report))));
    }
    let values =
        ReferenceAuthValues::from_combination(pool, client, ip, None, None).map_err(|e| {
            let var = if ip.auth_role().is_none() {
                "AUTH_ROLE_ARN"
            } else {
                "UNAUTH_ROLE_ARN"
            };
            anyhow!("branch {branch:?}: {prefix}_{var}: {e}")
        })?;
    let vars = reference_auth::env_variables(&values, prefix)?;
    if let Some((k, _)) = vars.iter().find(|(_, v)| v.is_empty()) {
        bail!("branch {branch:?}: {k}: resolved to an empty value");
    }
    Ok(Some(BranchOutcome::Vars(vars)))
}

pub fn env(global: &GlobalArgs, args: &EnvArgs, stderr: &Stderr) -> Result<Exit> {
    let bytes = io::read_input(&args.mapping).context("--mapping")?;
    let text = String::from_utf8(bytes)
        .map_err(|_| anyhow!("{}: not UTF-8 text", args.mapping.display()))?;
    let mapping =
        env::parse_mapping(&text).with_context(|| format!("{}", args.mapping.display()))?;
    let prefix = args
        .prefix
        .clone()
        .or_else(|| mapping.prefix.clone())
        .unwrap_or_else(|| env::DEFAULT_PREFIX.to_string());
    reference_auth::validate_prefix(&prefix)?;
    let format = env_format(args.env_format);

    let branches: Vec<String> = match &args.branch {
        Some(b) => {
            mapping.branch(b)?;
            vec![b.clone()]
        }
        None => mapping.branches.keys().cloned().collect(),
    };
    let out_dir = if args.all_branches {
        let dir = global.out.clone().ok_or_else(|| {
            anyhow!("--all-branches writes one file per branch: name the directory with --out DIR")
        })?;
        if dir.is_file() {
            bail!(
                "--out {}: is a file; --all-branches needs a directory",
                dir.display()
            );
        }
        Some(dir)
    } else {
        None
    };
    let names = env::file_names(&branches, format)?;

    // Resolve every branch before writing anything: no partial set of files.
    let mut rendered = Vec::new();
    let mut refused = Vec::new();
    for (branch, file) in &names {
        let b = mapping.branch(branch)?;
        match resolve_branch(global, args, branch, b, &prefix, stderr)? {
            None => return Ok(Exit::Error),
            Some(BranchOutcome::Findings(report)) => refused.push((branch.clone(), report)),
            Some(BranchOutcome::Vars(vars)) => {
                rendered.push((file.clone(), env::render(branch, &vars, format)?));
            }
        }
    }
    if !refused.is_empty() {
        for (branch, report) in &refused {
            eprint!("branch {branch}: {}", report::check::short(report));
        }
        eprintln!("cogref: not writing variables for a combination that is not ready (pass --force to write them anyway)");
        return Ok(Exit::Findings);
    }
    match out_dir {
        Some(dir) => {
            for (file, content) in &rendered {
                let path = dir.join(file);
                io::write_file_atomically(&path, content.as_bytes())?;
                stderr.info(&format!("wrote {}", path.display()));
            }
        }
        None => {
            for (_, content) in &rendered {
                io::write_output(global.out.as_deref(), content)?;
            }
        }
    }
    Ok(Exit::Success)
}

#[cfg(test)]
mod tests {
    use super::resource_ts_path;
    use std::path::Path;

    #[test]
    fn out_is_a_file_or_a_project_directory() {
        assert_eq!(
            resource_ts_path(Path::new("x/auth.ts")),
            Path::new("x/auth.ts")
        );
        assert_eq!(
            resource_ts_path(Path::new("app")),
            Path::new("app/amplify/auth/resource.ts")
        );
    }
}
