//! `cogref emit cloudformation`, `emit terraform` and `emit cdk`: IaC for live resources.
//!
//! Both write several files into the directory given with `--out`. Every file is rendered
//! before the first one is written, so bad input never leaves a partial set behind.

use super::check::evaluate;
use super::emit_onboard::combination;
use super::{io, Exit, Stderr};
use crate::cli::check::CombinationArgs;
use crate::cli::iac::{CdkArgs, CdkStyle, CloudFormationArgs, TemplateFormat, TerraformArgs};
use crate::cli::{GlobalArgs, Selection};
use crate::emit::cdk::{self, EnvVariables};
use crate::emit::cloudformation::{self, TemplateFormat as CfnFormat};
use crate::emit::iac::IacScope;
use crate::emit::reference_auth::{env_variables, ReferenceAuthValues};
use crate::emit::terraform;
use crate::model::Snapshot;
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

pub fn cloudformation(g: &GlobalArgs, a: &CloudFormationArgs, s: &Stderr) -> Result<Exit> {
    let dir = out_dir(g, "cloudformation")?;
    let (snapshot, status) = super::load_snapshot(g, &a.selection, s)?;
    let scope = scope(&snapshot, &a.selection, s)?;
    let format = match a.template_format {
        TemplateFormat::Json => CfnFormat::Json,
        TemplateFormat::Yaml => CfnFormat::Yaml,
    };
    let files = cloudformation::emit(&scope, format).context("emit cloudformation")?;
    write_all(&dir, &files.files, s)?;
    Ok(status)
}

pub fn terraform(g: &GlobalArgs, a: &TerraformArgs, s: &Stderr) -> Result<Exit> {
    let dir = out_dir(g, "terraform")?;
    let (snapshot, status) = super::load_snapshot(g, &a.selection, s)?;
    let scope = scope(&snapshot, &a.selection, s)?;
    let files = terraform::emit(&scope);
    write_all(&dir, &files.files, s)?;
    Ok(status)
}

pub fn cdk(g: &GlobalArgs, a: &CdkArgs, s: &Stderr) -> Result<Exit> {
    let dir = out_dir(g, "cdk")?;
    if a.style == CdkStyle::Adopt && a.env_prefix.is_some() {
        bail!("--env applies to --style reference: the adopt style carries the live settings, not ids");
    }
    let (snapshot, status) = super::load_snapshot(g, &a.selection, s)?;
    let scope = scope(&snapshot, &a.selection, s)?;
    let files = match (a.style, &a.env_prefix) {
        (CdkStyle::Adopt, _) => cdk::adopt(&scope)?,
        (CdkStyle::Reference, None) => cdk::reference(&scope, None)?,
        (CdkStyle::Reference, Some(prefix)) => {
            let Some(env) = cdk_env(&snapshot, a, prefix)? else {
                return Ok(Exit::Findings);
            };
            if !s.quiet {
                eprintln!("cogref: {} reads these settings from CDK context or the environment (cogref emit env --prefix {prefix} writes them per branch):", cdk::CONSTRUCT_FILE);
                for (name, _) in &env.variables {
                    eprintln!("  {name}");
                }
            }
            cdk::reference(&scope, Some(&env))?
        }
    };
    write_all(&dir, &files.files, s)?;
    Ok(status)
}

/// The variables of `--env PREFIX`: those of `emit reference-auth --env PREFIX` for the one
/// pool + client + identity pool the selection names. `None` (findings printed) when no single
/// combination can be picked.
fn cdk_env(snapshot: &Snapshot, a: &CdkArgs, prefix: &str) -> Result<Option<EnvVariables>> {
    let [pool] = a.selection.pools.as_slice() else {
        bail!("--env: name exactly one user pool with --pool (the variables describe one pool + client + identity pool)");
    };
    if a.selection.identity_pools.len() > 1 {
        bail!("--env: name at most one --identity-pool");
    }
    let args = CombinationArgs {
        pool: pool.clone(),
        client: a.client.clone(),
        identity_pool: a.selection.identity_pools.first().cloned(),
        app_region: None,
        auth_role: None,
        unauth_role: None,
        groups: Vec::new(),
        allow_partial: a.selection.allow_partial,
    };
    let report = evaluate(snapshot, &args)?;
    let Some((pool, client, ip)) =
        combination(snapshot, &report).filter(|_| report.candidates.is_empty())
    else {
        eprint!("{}", crate::report::check::short(&report));
        return Ok(None);
    };
    let values = ReferenceAuthValues::from_combination(pool, client, ip, None, None)?;
    Ok(Some(EnvVariables {
        prefix: prefix.to_string(),
        variables: env_variables(&values, prefix)?,
    }))
}

/// `--out` names a directory (created when missing); an existing file is refused.
fn out_dir(g: &GlobalArgs, command: &str) -> Result<PathBuf> {
    let Some(dir) = &g.out else {
        bail!("emit {command} writes several files: give the directory with --out DIR");
    };
    if dir.exists() && !dir.is_dir() {
        bail!("--out {}: is a file, expected a directory", dir.display());
    }
    Ok(dir.clone())
}

fn scope<'a>(snapshot: &'a Snapshot, sel: &Selection, s: &Stderr) -> Result<IacScope<'a>> {
    let pools: Vec<String> = sel.pools.iter().map(|p| p.as_str().to_string()).collect();
    let ips: Vec<String> = sel
        .identity_pools
        .iter()
        .map(|p| p.as_str().to_string())
        .collect();
    let scope = IacScope::select(snapshot, &pools, &ips)?;
    for arn in &scope.missing_roles {
        s.warn(&format!(
            "role {arn} is referenced but not in the snapshot: kept as a literal ARN, not imported"
        ));
    }
    Ok(scope)
}

fn write_all(dir: &Path, files: &[(String, String)], s: &Stderr) -> Result<()> {
    for (name, content) in files {
        let path = dir.join(name);
        io::write_file_atomically(&path, content.as_bytes())?;
        s.info(&format!("wrote {}", path.display()));
    }
    Ok(())
}
