//! `cogref emit cloudformation` and `cogref emit terraform`: importable IaC for live resources.
//!
//! Both write several files into the directory given with `--out`. Every file is rendered
//! before the first one is written, so bad input never leaves a partial set behind.

use super::{io, Exit, Stderr};
use crate::cli::iac::{CloudFormationArgs, TemplateFormat, TerraformArgs};
use crate::cli::{GlobalArgs, Selection};
use crate::emit::cloudformation::{self, TemplateFormat as CfnFormat};
use crate::emit::iac::IacScope;
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
