//! Test harness: starts the project's local emulator (moto behind `scripts/emulator.py`) on a
//! free loopback port, seeds it, runs the `cogref` binary against it, and compares outputs with
//! golden files in `snapshots/`.
//!
//! Each test that needs AWS gets its own emulator process, stopped by its pid when the
//! [`Emulator`] is dropped (also on panic), so tests run in parallel without sharing state.
//! A missing emulator is a failure that says how to install it, never a skip.

#![allow(dead_code)]

use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::Duration;

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

fn python() -> PathBuf {
    let py = root().join(".venv/bin/python");
    if !py.exists() {
        panic!(
            "the local AWS emulator is not installed ({} missing): run `bash scripts/venv.sh` \
             (or `scripts/test.sh`, which does it) to install moto into .venv",
            py.display()
        );
    }
    py
}

/// A running emulator. Dropping it stops the process.
pub struct Emulator {
    pub url: String,
    child: Child,
    pub record: Option<PathBuf>,
}

impl Emulator {
    pub fn start() -> Emulator {
        Self::start_with(&[], None)
    }

    /// Starts an emulator that appends one JSON line per request it receives to `record`.
    pub fn start_recording(record: &Path) -> Emulator {
        Self::start_with(&[], Some(record.to_path_buf()))
    }

    fn start_with(extra: &[&str], record: Option<PathBuf>) -> Emulator {
        let mut cmd = Command::new(python());
        cmd.arg(root().join("scripts/emulator.py"))
            .args(["--port", "0"])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        if let Some(r) = &record {
            cmd.arg("--record").arg(r);
        }
        let mut child = cmd.spawn().expect("cannot start scripts/emulator.py");
        let stdout = child.stdout.take().expect("emulator stdout");
        let mut line = String::new();
        BufReader::new(stdout)
            .read_line(&mut line)
            .expect("reading the emulator's URL");
        let url = line
            .trim()
            .strip_prefix("COGREF_EMULATOR_URL=")
            .unwrap_or_else(|| {
                let _ = child.kill();
                panic!("emulator did not print its URL (got {line:?}); run `bash scripts/venv.sh`")
            })
            .to_string();
        assert!(
            url.starts_with("http://127.0.0.1:"),
            "emulator not on loopback: {url}"
        );
        Emulator { url, child, record }
    }

    /// Runs the sample-account seeder against this emulator; returns the ids it wrote.
    pub fn seed(&self, extra: &[&str]) -> Value {
        let dir = tempfile::tempdir().expect("tempdir");
        let out = dir.path().join("ids.json");
        let status = Command::new(python())
            .arg(root().join("scripts/seed.py"))
            .args(["--endpoint", &self.url, "--out"])
            .arg(&out)
            .args(extra)
            .stdout(Stdio::null())
            .status()
            .expect("running scripts/seed.py");
        assert!(status.success(), "seeder failed");
        serde_json::from_slice(&std::fs::read(&out).expect("ids file")).expect("ids json")
    }

    /// Sets moto's random seed so ids come out the same on every run.
    pub fn fix_ids(&self) {
        let script = format!(
            "import urllib.request; urllib.request.urlopen(urllib.request.Request('{}/moto-api/seed?a=42', method='POST'))",
            self.url
        );
        let status = Command::new(python())
            .args(["-c", &script])
            .status()
            .expect("python");
        assert!(status.success());
    }

    /// The operations recorded so far (`service`, `operation`), when started recording.
    pub fn recorded(&self) -> Vec<(String, String)> {
        self.recorded_since(0)
    }

    /// The operations recorded after the first `skip` ones.
    pub fn recorded_since(&self, skip: usize) -> Vec<(String, String)> {
        let path = self.record.as_ref().expect("emulator not recording");
        let text = std::fs::read_to_string(path).unwrap_or_default();
        text.lines()
            .filter(|l| !l.trim().is_empty())
            .skip(skip)
            .map(|l| {
                let v: Value = serde_json::from_str(l).expect("record line");
                (
                    v["service"].as_str().unwrap_or_default().to_string(),
                    v["operation"].as_str().unwrap_or_default().to_string(),
                )
            })
            .collect()
    }

    /// A `cogref` command pointed at this emulator with dummy credentials.
    pub fn cogref(&self) -> Command {
        let mut cmd = cogref();
        cmd.env("AWS_ENDPOINT_URL", &self.url);
        cmd
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// An emulator with the sample account seeded; `ids` is what the seeder wrote.
pub struct Sample {
    pub emulator: Emulator,
    pub ids: Value,
}

pub fn sample_account() -> Sample {
    let emulator = Emulator::start();
    let ids = emulator.seed(&[]);
    Sample { emulator, ids }
}

impl Sample {
    pub fn pool_id(&self, name: &str) -> String {
        self.ids["user_pools"][name]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no pool {name} in ids"))
            .to_string()
    }
    pub fn client_id(&self, pool: &str, client: &str) -> String {
        self.ids["user_pools"][pool]["clients"][client]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no client {pool}/{client} in ids"))
            .to_string()
    }
    pub fn identity_pool_id(&self, name: &str) -> String {
        self.ids["identity_pools"][name]["id"]
            .as_str()
            .unwrap_or_else(|| panic!("no identity pool {name} in ids"))
            .to_string()
    }
    /// Every secret the seeder created (client secrets, IdP client_secret values).
    pub fn secrets(&self) -> Vec<String> {
        self.ids["secrets"]
            .as_array()
            .expect("secrets")
            .iter()
            .map(|s| s.as_str().unwrap().to_string())
            .collect()
    }
}

/// The `cogref` binary with a clean, offline-safe environment: dummy credentials, a region,
/// no profile files of the machine, no colour.
pub fn cogref() -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cogref"));
    let home = std::env::temp_dir().join("cogref-test-home");
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", &home)
        .env("AWS_CONFIG_FILE", home.join("no-config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", home.join("no-credentials"))
        .env("AWS_ACCESS_KEY_ID", "testing")
        .env("AWS_SECRET_ACCESS_KEY", "testing")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("NO_COLOR", "1")
        .stdin(Stdio::null());
    cmd
}

/// What a finished `cogref` run left.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.stdout).unwrap_or_else(|e| {
            panic!(
                "stdout is not JSON ({e}):\n{}\nstderr:\n{}",
                self.stdout, self.stderr
            )
        })
    }
}

/// Runs a command to completion (bounded: 120 s) and captures everything.
pub fn run(cmd: &mut Command) -> Run {
    let child = cmd
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawning cogref");
    let output = wait_bounded(child, Duration::from_secs(120));
    Run {
        code: output.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

fn wait_bounded(child: Child, limit: Duration) -> std::process::Output {
    let pid = child.id();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(child.wait_with_output());
    });
    match rx.recv_timeout(limit) {
        Ok(out) => out.expect("waiting for cogref"),
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!("cogref did not finish within {limit:?}");
        }
    }
}

/// Runs `cogref ARGS` against the sample fixture or anything else offline.
pub fn cogref_run(args: &[&str]) -> Run {
    run(cogref().args(args))
}

/// Compares `actual` with the golden file `snapshots/NAME`. With `COGREF_UPDATE_SNAPSHOTS=1`
/// the golden file is (re)written instead; review the diff before committing.
pub fn assert_golden(name: &str, actual: &str) {
    let path = root().join("snapshots").join(name);
    if std::env::var_os("COGREF_UPDATE_SNAPSHOTS").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "golden file {} is missing: run the test with COGREF_UPDATE_SNAPSHOTS=1 and review it",
            path.display()
        )
    });
    if expected != actual {
        let diff = similar::TextDiff::from_lines(expected.as_str(), actual)
            .unified_diff()
            .header("expected", "actual")
            .to_string();
        panic!(
            "output differs from {} (COGREF_UPDATE_SNAPSHOTS=1 to accept):\n{diff}",
            path.display()
        );
    }
}

/// Our fault-injecting proxy (`scripts/proxy.py`) in front of an emulator, on loopback.
pub struct Proxy {
    pub url: String,
    child: Child,
    stats: PathBuf,
    _dir: tempfile::TempDir,
}

impl Proxy {
    /// Starts the proxy with fault `rules` (see scripts/proxy.py) and extra arguments.
    pub fn start(upstream: &str, rules: Value, extra: &[&str]) -> Proxy {
        let dir = tempfile::tempdir().expect("tempdir");
        let faults = dir.path().join("faults.json");
        std::fs::write(&faults, rules.to_string()).expect("faults file");
        let stats = dir.path().join("stats.json");
        let mut child = Command::new(python())
            .arg(root().join("scripts/proxy.py"))
            .args(["--upstream", upstream, "--faults"])
            .arg(&faults)
            .arg("--stats")
            .arg(&stats)
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cannot start scripts/proxy.py");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("proxy stdout"))
            .read_line(&mut line)
            .expect("reading the proxy's URL");
        let url = line
            .trim()
            .strip_prefix("COGREF_PROXY_URL=")
            .unwrap_or_else(|| panic!("proxy did not print its URL (got {line:?})"))
            .to_string();
        Proxy {
            url,
            child,
            stats,
            _dir: dir,
        }
    }

    /// A `cogref` command pointed at this proxy.
    pub fn cogref(&self) -> Command {
        let mut cmd = cogref();
        cmd.env("AWS_ENDPOINT_URL", &self.url);
        cmd
    }

    /// Stops the proxy and returns its statistics (calls, throttled, faulted, ...).
    pub fn stop(mut self) -> Value {
        let _ = Command::new("kill")
            .arg(self.child.id().to_string())
            .status();
        let _ = self.child.wait();
        serde_json::from_slice(&std::fs::read(&self.stats).unwrap_or_default())
            .unwrap_or(Value::Null)
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The `cogref` command lines of the README (of the section under `heading`, or all of it):
/// indented and fenced example lines starting with `cogref `, backslash continuations joined,
/// each with its comment (after ` #`, or on the `# ` lines right under it): `(command, comment)`.
pub fn readme_commands(heading: Option<&str>) -> Vec<(String, String)> {
    let readme = std::fs::read_to_string(root().join("README.md")).expect("README.md");
    let text = match heading {
        None => readme.as_str(),
        Some(h) => {
            let start = readme
                .find(h)
                .unwrap_or_else(|| panic!("README has no {h:?}"));
            let section = &readme[start..];
            &section[..section[3..].find("\n## ").map_or(section.len(), |e| e + 3)]
        }
    };
    let mut out: Vec<(String, String)> = Vec::new();
    let mut fenced = false;
    let mut after_command = false;
    for line in text.replace("\\\n", " ").lines() {
        if line.starts_with("```") {
            fenced = !fenced;
            continue;
        }
        let example = line.starts_with("    cogref ") || (fenced && line.starts_with("cogref "));
        if !example {
            // A comment line right under a command is about it (`# ... (exit 1)`).
            if let (true, Some(comment), Some(last)) = (
                after_command,
                line.trim_start().strip_prefix("# "),
                out.last_mut(),
            ) {
                last.1 = format!("{} {}", last.1, comment.trim()).trim().to_string();
                continue;
            }
            after_command = false;
            continue;
        }
        after_command = true;
        let (command, comment) = line.split_once(" #").unwrap_or((line, ""));
        let command = command.split_whitespace().collect::<Vec<_>>().join(" ");
        out.push((command, comment.trim().to_string()));
    }
    out
}
