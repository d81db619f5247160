//! File and stream I/O of the command layer: reading snapshots with errors that name the file,
//! and writing outputs atomically (temporary file + rename) so a failed run never leaves a
//! half-written file behind.

use crate::model::Snapshot;
use anyhow::{bail, Context, Result};
use std::io::Write;
use std::path::Path;

/// Files larger than this are refused before reading: no real snapshot comes close.
const MAX_INPUT_BYTES: u64 = 512 * 1024 * 1024;

/// Reads a whole input file, refusing directories and oversized files with a clear message.
pub fn read_input(path: &Path) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path).with_context(|| format!("{}", path.display()))?;
    if meta.is_dir() {
        bail!("{}: is a directory, expected a file", path.display());
    }
    if meta.len() > MAX_INPUT_BYTES {
        bail!(
            "{}: {} bytes is larger than the {} MiB cogref reads",
            path.display(),
            meta.len(),
            MAX_INPUT_BYTES / 1024 / 1024
        );
    }
    std::fs::read(path).with_context(|| format!("{}", path.display()))
}

/// Reads a snapshot file (`--snapshot`).
pub fn read_snapshot(path: &Path) -> Result<Snapshot> {
    let bytes = read_input(path)?;
    Snapshot::from_json(&bytes).with_context(|| format!("{}", path.display()))
}

/// Writes `content` to `out` atomically, or to stdout when `out` is `None`.
pub fn write_output(out: Option<&Path>, content: &str) -> Result<()> {
    match out {
        None => write_stdout(content),
        Some(path) => write_file_atomically(path, content.as_bytes()),
    }
}

/// Writes to stdout; a closed pipe (`cogref ... | head`) is not an error.
pub fn write_stdout(content: &str) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(content.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("writing to stdout"),
    }
}

/// Checks, before any work, that `--out PATH` can be written: the directory it goes in (PATH
/// itself when it is one) exists, is a directory and accepts a new file (the same temporary file the write makes). cogref
/// creates its own layout below an output directory, never the directory the user named.
pub fn check_out_path(path: &Path) -> Result<()> {
    // An existing directory is where the files go (`--out DIR` of the emitters, a fleet scan);
    // otherwise the file, or the directory cogref creates, goes in the parent.
    let dir = match path.parent() {
        _ if path.is_dir() => path,
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => bail!(
            "--out {}: directory {} does not exist",
            path.display(),
            dir.display()
        ),
        Err(e) => bail!("--out {}: {}: {e}", path.display(), dir.display()),
        Ok(meta) if !meta.is_dir() => bail!(
            "--out {}: {} is not a directory",
            path.display(),
            dir.display()
        ),
        Ok(_) => {}
    }
    tempfile::NamedTempFile::new_in(dir).map_err(|e| {
        // The OS's reason, without the temporary file's name tempfile appends.
        let text = e.to_string();
        let cause = text.split(" at path ").next().unwrap_or(&text);
        anyhow::anyhow!(
            "--out {}: cannot write in directory {}: {cause}",
            path.display(),
            dir.display()
        )
    })?;
    Ok(())
}

/// Writes next to the target, then renames over it.
pub fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    if path.is_dir() {
        bail!("{}: is a directory, expected a file path", path.display());
    }
    std::fs::create_dir_all(dir)
        .with_context(|| format!("{}: creating directory", dir.display()))?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)
        .with_context(|| format!("{}: creating a temporary file", dir.display()))?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| format!("{}: writing", path.display()))?;
    tmp.persist(path)
        .map_err(|e| e.error)
        .with_context(|| format!("{}: replacing", path.display()))?;
    Ok(())
}
