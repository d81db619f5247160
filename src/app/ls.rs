//! `cogref ls`: the linkage table, live or from `--snapshot`.

use super::{io, load_snapshot, Exit, Stderr};
use crate::cli::{Format, GlobalArgs, LsArgs};
use crate::report::ls;
use anyhow::Result;

pub fn run(global: &GlobalArgs, args: &LsArgs, stderr: &Stderr) -> Result<Exit> {
    let (snapshot, status) = load_snapshot(global, &args.selection, stderr)?;
    let rows = ls::rows(&snapshot);
    let rendered = match global.format {
        Format::Text => ls::text(&rows),
        Format::Json => ls::json(&rows),
        Format::Markdown => ls::markdown(&rows),
    };
    io::write_output(global.out.as_deref(), &rendered)?;
    Ok(status)
}
