//! The public-template corpus test: every template of the shared corpus of real CloudFormation
//! templates (CDK, SAM, Amplify Gen1, hand-written; see its SOURCES.md) is deployed unchanged
//! into its own emulator with `scripts/deploy_template.py`, scanned with `cogref scan --stack`,
//! and compared two ways, as users do: `cogref drift --stack NAME` (the deployed stack: its
//! processed template, parameter values and physical ids) and `cogref drift --desired TEMPLATE
//! --import-file ...` (the template file alone, which cannot know what only the deployed stack
//! knows: a Lambda's ARN, the stack name). A template deployed unchanged must come out clean.
//!
//! `tests/corpus-expectations.json` is the checked-in list of what each template gives today, per
//! mode: `stack` is `clean` (exit 0, no finding) or `known: <cause>`; `desired` is `clean`,
//! `value-unknown: <cause>` (exit 0, every finding `value-unknown`: reported, never drift) or
//! `known: <cause>`. The figure counts a template clean when `stack` is clean and `desired` is
//! clean or value-unknown only. The test fails when an expectation is not met, when a `known` or
//! `value-unknown` one has become clean (flip it, so the list stays honest), and when the corpus
//! and the list disagree on which templates exist. Nothing is skipped: every template prints its
//! outcome.
//!
//! A template that is a fragment another tool merges into the template it compiles (the
//! Serverless Framework's `resources:` files) lists under `framework_wrap` the sections that
//! tool's compiled template declares for it, with their source; the deployer's `--wrap` merges
//! them in, and the merged template is what is deployed and what `--desired` reads, as a user of
//! that tool would compare the compiled template.
//!
//! Then, on every stack that is clean under `--stack` (or gives only `value-unknown`), two
//! console-style edits made with `scripts/console_edit.py` (chosen from the deployed resources
//! and the mutability table, never per template): a mutable setting changed (UpdateUserPool /
//! UpdateIdentityPool; one the template declares when it has one: a boolean, number or text,
//! else a boolean the live pool has) must add exactly that `drift-in-place` finding, exit 1;
//! then a change
//! that cannot be undone in place (a custom attribute added to the append-only schema, or an
//! identity pool's developer provider name set) must add exactly that `drift-impossible`
//! finding, exit 3.
//!
//! The same run emits the corpus (issue 17, [`crate::emit_corpus`]): on each scanned snapshot,
//! and on those of the CDK and Amplify Gen2 stacks `scripts/synth.sh` synthesizes (deployed
//! here too, nested auth stacks included, and held to the same `--stack` and edit checks), every
//! emitter runs and its output is validated; `tests/emit-expectations.json` lists the known
//! failures.

use crate::emit_corpus::{self, EmitOutcome, STAGES};
use crate::harness::{root, run, Emulator, Run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Emulators running at once (the CI machine has 2 cores; deploys mostly wait on HTTP).
const WORKERS: usize = 3;

/// Where the corpus is read from at test time (it is never copied into the repository).
pub(crate) fn corpus_dir() -> PathBuf {
    let candidates = [
        std::env::var_os("COGREF_CORPUS_DIR").map(PathBuf::from),
        Some(root().join("../shared/corpus/cfn-templates")),
        Some(PathBuf::from("/work/shared/corpus/cfn-templates")),
    ];
    for dir in candidates.into_iter().flatten() {
        if dir.join("SOURCES.md").is_file() {
            return dir;
        }
    }
    panic!(
        "the template corpus is not there: set COGREF_CORPUS_DIR to the directory holding \
         SOURCES.md and the templates (../shared/corpus/cfn-templates next to the repository)"
    );
}

struct Expectation {
    /// `cogref drift --desired TEMPLATE`: `clean`, `value-unknown: <cause>` or `known: <cause>`.
    desired: String,
    /// `cogref drift --stack NAME`: `clean`, `value-unknown: <cause>` or `known: <cause>`.
    stack: String,
    /// The stack name to deploy under (Amplify Gen1 templates split theirs on `-`).
    stack_name: Option<String>,
    params: BTreeMap<String, String>,
    /// Nested stacks whose template is not in the corpus (in S3): deployed as unavailable.
    nested_unavailable: Vec<String>,
    /// A fragment's `framework_wrap`: the sections the tool that merges it adds (the deployer's
    /// `--wrap`).
    wrap: Option<Value>,
}

impl Expectation {
    /// What the README figure counts: clean as deployed, and the template alone no worse than
    /// `value-unknown` notes.
    fn counts_clean(&self) -> bool {
        self.stack == "clean"
            && (self.desired == "clean" || self.desired.starts_with("value-unknown: "))
    }
}

fn expectations_doc() -> Value {
    let path = root().join("tests/corpus-expectations.json");
    serde_json::from_slice(&std::fs::read(&path).expect("expectations file"))
        .expect("tests/corpus-expectations.json is JSON")
}

/// `drift --stack` of the synthesized stacks that is not `clean` (`synthesized` in the
/// expectations file): job name -> `value-unknown: <cause>` or `known: <cause>`.
fn synth_expectations() -> BTreeMap<String, String> {
    expectations_doc()["synthesized"]
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(name, _)| name.as_str() != "about")
        .map(|(name, e)| {
            let stack = e["stack"]
                .as_str()
                .unwrap_or_else(|| panic!("synthesized {name}: no `stack` expectation"));
            assert!(
                stack.starts_with("value-unknown: ") || stack.starts_with("known: "),
                "synthesized {name}: list only what is not clean, as `value-unknown: <cause>` or `known: <cause>`"
            );
            (name.clone(), stack.to_string())
        })
        .collect()
}

fn expectations() -> BTreeMap<String, Expectation> {
    let doc = expectations_doc();
    let mut out = BTreeMap::new();
    for (name, entry) in doc["templates"].as_object().expect("a templates map") {
        let mode = |key: &str| {
            let v = entry[key]
                .as_str()
                .unwrap_or_else(|| panic!("{name}: no `{key}` expectation"))
                .to_string();
            assert!(
                v == "clean" || v.starts_with("known: ") || v.starts_with("value-unknown: "),
                "{name}: `{key}` is `clean`, `value-unknown: <cause>` or `known: <cause>`, not {v:?}"
            );
            v
        };
        let (desired, stack) = (mode("desired"), mode("stack"));
        let params = entry["params"]
            .as_object()
            .map(|m| {
                m.iter()
                    .map(|(k, v)| {
                        (
                            k.clone(),
                            v.as_str().expect("param values are strings").to_string(),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        let stack_name = entry["stack_name"].as_str().map(str::to_string);
        let nested_unavailable = entry["nested_unavailable"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|v| {
                v.as_str()
                    .expect("nested_unavailable lists logical ids")
                    .to_string()
            })
            .collect();
        let wrap = entry.get("framework_wrap").cloned();
        if let Some(w) = &wrap {
            assert!(
                w["source"].as_str().is_some_and(|s| !s.is_empty()),
                "{name}: framework_wrap says where its sections come from (`source`)"
            );
        }
        out.insert(
            name.clone(),
            Expectation {
                desired,
                stack,
                stack_name,
                params,
                nested_unavailable,
                wrap,
            },
        );
    }
    out
}

/// The template's params/ file, when SOURCES.md gives one (the Amplify Gen1 templates).
fn params_file(dir: &Path, template: &str) -> Option<PathBuf> {
    let stem = template.rsplit_once('.').map_or(template, |(s, _)| s);
    let file = dir.join("params").join(format!("{stem}.parameters.json"));
    file.is_file().then_some(file)
}

/// The parameters given to the deployer (file and table), with the values it deployed them
/// with: `cogref drift` gets the same, as a user passes their stack's parameters.
fn given_parameters(summary: &Value) -> Vec<(String, String)> {
    let values = &summary["parameters"];
    summary["given_parameters"]
        .as_array()
        .expect("summary lists given_parameters")
        .iter()
        .filter_map(|k| k.as_str())
        .map(|k| {
            let v = values[k]
                .as_str()
                .unwrap_or_else(|| panic!("no value for parameter {k}"));
            (k.to_string(), v.to_string())
        })
        .collect()
}

/// One deployment of the run: a corpus template, or a stack `scripts/synth.sh` synthesized.
struct Job {
    /// The key in the expectation files: the corpus file name, or `synth:` + manifest name.
    name: String,
    template: PathBuf,
    stack_name: String,
    params_file: Option<PathBuf>,
    params: BTreeMap<String, String>,
    /// Nested stacks given to the deployer: logical id -> template.
    nested: Vec<(String, PathBuf)>,
    /// Nested stacks whose template is unavailable (`--nested-unavailable`).
    nested_unavailable: Vec<String>,
    /// The sections merged into a fragment (`--wrap`); the merged template is the one deployed
    /// and compared with `--desired`.
    wrap: Option<Value>,
    /// Also compared with `cogref drift --desired TEMPLATE` (the corpus templates; the
    /// synthesized ones are read that way by tests/integration/synth.rs).
    desired: bool,
}

fn corpus_job(dir: &Path, template: &str, exp: &Expectation) -> Job {
    Job {
        name: template.to_string(),
        template: dir.join(template),
        stack_name: exp.stack_name.clone().unwrap_or_else(|| "corpus".into()),
        params_file: params_file(dir, template),
        params: exp.params.clone(),
        nested: Vec::new(),
        nested_unavailable: exp.nested_unavailable.clone(),
        wrap: exp.wrap.clone(),
        desired: true,
    }
}

/// The stacks of `.cache/synth/out/manifest.json` (a missing manifest fails with how to make
/// it, never a skip).
fn synth_jobs() -> Vec<Job> {
    let out = root().join(".cache/synth/out");
    let path = out.join("manifest.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{} cannot be read ({e}): run `bash scripts/synth.sh` (scripts/test.sh does it)",
            path.display()
        )
    });
    let manifest: Value = serde_json::from_str(&text).expect("synth manifest is JSON");
    manifest["templates"]
        .as_array()
        .expect("manifest templates")
        .iter()
        .map(|t| {
            let nested = t["nested"]
                .as_array()
                .into_iter()
                .flatten()
                .map(|n| {
                    (
                        n["logical_id"]
                            .as_str()
                            .expect("nested logical_id")
                            .to_string(),
                        out.join(n["template"].as_str().expect("nested template")),
                    )
                })
                .collect();
            Job {
                name: format!("synth:{}", t["name"].as_str().expect("name")),
                template: out.join(t["template"].as_str().expect("template")),
                stack_name: t["stack_name"].as_str().expect("stack_name").to_string(),
                params_file: None,
                params: BTreeMap::new(),
                nested,
                nested_unavailable: Vec::new(),
                wrap: None,
                desired: false,
            }
        })
        .collect()
}

/// What one comparison gave.
#[derive(Debug, Clone)]
enum Found {
    /// Exit 0, no finding.
    Clean,
    /// Exit 0 and every finding `value-unknown` (reported, never drift): the findings.
    UnknownOnly(String),
    /// Anything else, in one line that starts with its stage: `deploy failed`, `scan exit`,
    /// `drift exit`.
    Other(String),
}

impl Found {
    fn describe(&self) -> String {
        match self {
            Found::Clean => "clean".into(),
            Found::UnknownOnly(s) | Found::Other(s) => s.clone(),
        }
    }
}

/// What one job gave.
struct Outcome {
    /// `drift --desired TEMPLATE` (corpus jobs only).
    desired: Option<Found>,
    /// `drift --stack NAME`.
    stack: Found,
    /// The console-style edits, run when `stack` is clean or value-unknown only: what they
    /// gave, or what went wrong.
    edits: Option<Result<String, String>>,
    /// The emitters' stages, or why nothing was emitted (the deploy or the scan failed).
    emit: Result<EmitOutcome, String>,
    /// Time spent emitting and validating (cfn-lint excluded), for the report.
    emit_time: Duration,
    /// Time spent on the console-style edits, for the report.
    edit_time: Duration,
    /// Of which the edits themselves (`console_edit.py`), the rest being `drift --stack`.
    editor_time: Duration,
}

/// One `scripts/console_edit.py --serve` process for a worker: the edits of every stack the
/// worker checks go through it, so boto3 loads once per worker rather than once per edit (two
/// per stack). Each answer is awaited at most [`EDIT_LIMIT`].
struct Editor {
    child: Child,
    stdin: Option<ChildStdin>,
    answers: Receiver<String>,
}

const EDIT_LIMIT: Duration = Duration::from_secs(120);

impl Editor {
    fn start() -> Editor {
        let mut child = Command::new(root().join(".venv/bin/python"))
            .arg(root().join("scripts/console_edit.py"))
            .arg("--serve")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("cannot start scripts/console_edit.py --serve");
        let stdout = child.stdout.take().expect("editor stdout");
        let (tx, answers) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let stdin = child.stdin.take();
        Editor {
            child,
            stdin,
            answers,
        }
    }

    /// One edit of `kind` on the stack whose import file is `import` and template `template`
    /// (a mutable edit aims at a setting it declares): what was edited, or why not (one line).
    fn edit(
        &mut self,
        endpoint: &str,
        import: &Path,
        template: &Path,
        kind: &str,
        seed: &str,
    ) -> Result<Value, String> {
        let request = serde_json::json!({
            "endpoint": endpoint,
            "import_file": import,
            "template": template,
            "kind": kind,
            "seed": seed,
        });
        let stdin = self.stdin.as_mut().ok_or("the editor is gone")?;
        writeln!(stdin, "{request}")
            .and_then(|()| stdin.flush())
            .map_err(|e| format!("the editor does not take requests: {e}"))?;
        let line = self.answers.recv_timeout(EDIT_LIMIT).map_err(|e| {
            let _ = self.child.kill();
            self.stdin = None;
            format!("the editor gave no answer within {EDIT_LIMIT:?}: {e}")
        })?;
        let answer: Value =
            serde_json::from_str(&line).map_err(|e| format!("editor answer {line:?}: {e}"))?;
        match (&answer["ok"], answer["error"].as_str()) {
            (Value::Object(_), _) => Ok(answer["ok"].clone()),
            (_, Some(why)) => Err(why.to_string()),
            _ => Err(format!("editor answer {line:?}: neither ok nor error")),
        }
    }
}

impl Drop for Editor {
    fn drop(&mut self) {
        self.stdin = None; // end of input: the server ends
        let _ = self.child.wait();
    }
}

fn check_template(job: &Job, emitted: &Path, editor: &mut Editor) -> Outcome {
    let failed = |why: String| Outcome {
        desired: job.desired.then(|| Found::Other(why.clone())),
        stack: Found::Other(why.clone()),
        edits: None,
        emit: Err(why),
        emit_time: Duration::ZERO,
        edit_time: Duration::ZERO,
        editor_time: Duration::ZERO,
    };
    let emulator = Emulator::start();
    let work = tempfile::tempdir().expect("tempdir");
    let import = work.path().join("resources-to-import.json");
    let scan = work.path().join("scan.json");
    let summary_path = work.path().join("summary.json");

    let mut deploy = Command::new(root().join(".venv/bin/python"));
    deploy
        .arg(root().join("scripts/deploy_template.py"))
        .arg(&job.template)
        .args(["--endpoint", &emulator.url, "--stack-name", &job.stack_name])
        .arg("--import-out")
        .arg(&import)
        .arg("--summary-out")
        .arg(&summary_path);
    if let Some(f) = &job.params_file {
        deploy.arg("--params").arg(f);
    }
    for (k, v) in &job.params {
        deploy.arg("--param").arg(format!("{k}={v}"));
    }
    for (logical, file) in &job.nested {
        deploy
            .arg("--nested")
            .arg(format!("{logical}={}", file.display()));
    }
    for logical in &job.nested_unavailable {
        deploy.arg("--nested-unavailable").arg(logical);
    }
    // A fragment is deployed, and compared, as the template the tool that merges it compiles.
    let mut desired_template = job.template.clone();
    if let Some(wrap) = &job.wrap {
        let wrap_file = work.path().join("wrap.json");
        std::fs::write(&wrap_file, wrap.to_string()).expect("wrap file");
        desired_template = work.path().join("wrapped-template.json");
        deploy
            .arg("--wrap")
            .arg(&wrap_file)
            .arg("--wrapped-out")
            .arg(&desired_template);
    }
    let deployed = run(&mut deploy);
    if deployed.code != 0 {
        return failed(format!("deploy failed: {}", last_line(&deployed.stderr)));
    }

    let summary: Value =
        serde_json::from_slice(&std::fs::read(&summary_path).expect("deploy summary"))
            .expect("deploy summary is JSON");
    let params = given_parameters(&summary);

    // One scan that also records the stack, for both comparisons.
    let scanned = run(emulator
        .cogref()
        .args(["scan", "--stack", &job.stack_name, "--out"])
        .arg(&scan));
    let scan_failed = (scanned.code != 0)
        .then(|| format!("scan exit {}: {}", scanned.code, last_line(&scanned.stderr)));
    // A partial scan (exit 2) still writes its snapshot, as a user gets with --allow-partial:
    // the emitters run on it; drift does not.
    if let (Some(why), false) = (&scan_failed, scan.is_file()) {
        return failed(why.clone());
    }

    let mut stack_findings = Vec::new();
    let (desired, stack) = if let Some(why) = &scan_failed {
        (
            job.desired.then(|| Found::Other(why.clone())),
            Found::Other(why.clone()),
        )
    } else {
        let desired = job.desired.then(|| {
            let mut drift = crate::harness::cogref();
            drift
                .arg("drift")
                .arg("--snapshot")
                .arg(&scan)
                .arg("--desired")
                .arg(&desired_template)
                .arg("--import-file")
                .arg(&import)
                .args(["--format", "json"]);
            for (k, v) in &params {
                drift.arg("--parameter").arg(format!("{k}={v}"));
            }
            found(&run(&mut drift))
        });
        let r = run(crate::harness::cogref()
            .arg("drift")
            .arg("--snapshot")
            .arg(&scan)
            .args(["--stack", &job.stack_name, "--format", "json"]));
        if r.code != 2 {
            stack_findings = findings(&r.json());
        }
        (desired, found(&r))
    };

    let started = Instant::now();
    let mut editor_time = Duration::ZERO;
    let edits = match &stack {
        Found::Clean => Some(console_edits(
            job,
            &emulator,
            editor,
            (&import, &desired_template),
            &[],
            &mut editor_time,
        )),
        Found::UnknownOnly(_) => Some(console_edits(
            job,
            &emulator,
            editor,
            (&import, &desired_template),
            &stack_findings,
            &mut editor_time,
        )),
        Found::Other(_) => None,
    };
    let edit_time = started.elapsed();
    // Offline from here: the emulator is no longer needed.
    drop(emulator);

    let started = Instant::now();
    let out = emitted.join(job.name.replace([':', '/'], "_"));
    std::fs::create_dir_all(&out).expect("emit output directory");
    let emit = emit_corpus::emit_all(&scan, &out);
    Outcome {
        desired,
        stack,
        edits,
        emit: Ok(emit),
        emit_time: started.elapsed(),
        edit_time,
        editor_time,
    }
}

/// The two console-style edits on a stack that is clean under `--stack` (or gives only the
/// `value-unknown` findings `before`), each followed by `cogref drift --stack` against the
/// emulator: `Ok` with what was edited when each added exactly the finding and exit code it
/// must, otherwise `Err` saying what happened.
fn console_edits(
    job: &Job,
    emulator: &Emulator,
    editor: &mut Editor,
    (import, template): (&Path, &Path),
    before: &[(String, String, String)],
    editor_time: &mut Duration,
) -> Result<String, String> {
    let mut expected: Vec<(String, String, String)> = before.to_vec();
    let mut done = Vec::new();
    for (kind, exit) in [("mutable", 1), ("fixed", 3)] {
        let started = Instant::now();
        let edited = editor.edit(&emulator.url, import, template, kind, &job.name);
        *editor_time += started.elapsed();
        let e = edited.map_err(|why| format!("{kind} edit failed: {why}"))?;
        let field = |k: &str| e[k].as_str().unwrap_or("?").to_string();
        expected.push((field("code"), field("logical_id"), field("path")));
        expected.sort();
        done.push(format!("{kind}: {} ({})", field("what"), field("rule")));
        let drifted =
            run(emulator
                .cogref()
                .args(["drift", "--stack", &job.stack_name, "--format", "json"]));
        let got = if drifted.code == 2 {
            Vec::new()
        } else {
            findings(&drifted.json())
        };
        if drifted.code != exit || got != expected {
            return Err(format!(
                "after the {kind} edit ({}): drift --stack exit {} (expected {exit}), findings {got:?} (expected {expected:?}){}",
                field("what"),
                drifted.code,
                if drifted.code == 2 { format!(": {}", last_line(&drifted.stderr)) } else { String::new() }
            ));
        }
    }
    Ok(done.join("; "))
}

/// The line of a failed run's stderr that says why: its last error line, else its last line.
fn last_line(text: &str) -> String {
    if let Some(line) = text.lines().rev().find(|l| l.contains("error")) {
        return line.trim().to_string();
    }
    text.lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("(no message)")
        .trim()
        .to_string()
}

fn found(r: &Run) -> Found {
    if r.code == 2 {
        return Found::Other(format!("drift exit 2: {}", last_line(&r.stderr)));
    }
    let report = r.json();
    match summarize_drift(r.code, &report) {
        None => Found::Clean,
        Some(line) => {
            let all_unknown = findings(&report)
                .iter()
                .all(|(code, _, _)| code == "value-unknown");
            if r.code == 0 && all_unknown {
                Found::UnknownOnly(line)
            } else {
                Found::Other(line)
            }
        }
    }
}

/// Every finding of a drift report as `(code, logical id, path)`, sorted: the report's own, or
/// those of each section of a report by stack (`--stack`, nested templates).
fn findings(report: &Value) -> Vec<(String, String, String)> {
    let mut reports = vec![report];
    if let Some(sections) = report["stacks"].as_array() {
        reports.extend(sections.iter().map(|s| &s["report"]));
    }
    let mut out: Vec<(String, String, String)> = reports
        .iter()
        .flat_map(|r| r["findings"].as_array().cloned().unwrap_or_default())
        .map(|f| {
            (
                f["code"].as_str().unwrap_or("?").to_string(),
                f["resource"]["logical_id"]
                    .as_str()
                    .unwrap_or("?")
                    .to_string(),
                f["path"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    out.sort();
    out
}

/// `None` for a clean drift run (exit 0, no finding), otherwise its exit code and findings in
/// one line (`code logical-id path`, sorted): shared with the emit corpus's round trip.
pub(crate) fn summarize_drift(code: i32, report: &Value) -> Option<String> {
    let all = findings(report);
    if code == 0 && all.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = all.iter().map(|(c, l, p)| format!("{c} {l} {p}")).collect();
    lines.dedup();
    Some(format!(
        "drift exit {code}, {} finding(s): {}",
        all.len(),
        lines.join("; ")
    ))
}

/// Checks one mode's outcome against its expectation; `None` when met.
fn unmet(name: &str, mode: &str, expect: &str, got: &Found) -> Option<String> {
    let flip = |now: &str| {
        Some(format!(
            "{name} {mode}: now {now}, but listed as `{expect}`: update tests/corpus-expectations.json"
        ))
    };
    match (expect, got) {
        ("clean", Found::Clean) => None,
        ("clean", other) => Some(format!(
            "{name} {mode}: expected clean, got {}",
            other.describe()
        )),
        (e, Found::UnknownOnly(_)) if e.starts_with("value-unknown: ") => None,
        (e, Found::Clean) if e.starts_with("value-unknown: ") => flip("clean"),
        (e, other) if e.starts_with("value-unknown: ") => Some(format!(
            "{name} {mode}: expected value-unknown findings only, got {}",
            other.describe()
        )),
        (_, Found::Clean) => flip("clean"),
        (_, Found::UnknownOnly(s)) => flip(&format!("value-unknown only ({s})")),
        (known, Found::Other(s)) => {
            // A known failure must still fail where it says: deploy, scan, or drift.
            let stage = if known.starts_with("known: deploy:") {
                "deploy failed"
            } else if known.starts_with("known: scan:") {
                "scan exit"
            } else {
                "drift exit"
            };
            (!s.starts_with(stage))
                .then(|| format!("{name} {mode}: listed as `{known}`, but now: {s}"))
        }
    }
}

#[test]
fn corpus_templates_deployed_unchanged_show_no_drift() {
    let started = Instant::now();
    let dir = corpus_dir();
    let expected = expectations();
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("corpus directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".yml") || n.ends_with(".json"))
        .collect();
    on_disk.sort();
    let listed: Vec<String> = expected.keys().cloned().collect();
    assert_eq!(
        on_disk,
        listed,
        "tests/corpus-expectations.json must list exactly the templates of {}",
        dir.display()
    );
    let mut jobs: Vec<Job> = listed
        .iter()
        .map(|name| corpus_job(&dir, name, &expected[name]))
        .collect();
    jobs.extend(synth_jobs());
    let emit_expected = emit_corpus::expectations();

    // The emitted files: in a temporary directory, or in COGREF_EMIT_CORPUS_OUT to look at them.
    let tmp = tempfile::tempdir().expect("tempdir");
    let emitted = std::env::var_os("COGREF_EMIT_CORPUS_OUT")
        .map(PathBuf::from)
        .unwrap_or_else(|| tmp.path().to_path_buf());

    let queue = Mutex::new((0..jobs.len()).rev().collect::<Vec<usize>>());
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| {
                let mut editor = Editor::start();
                loop {
                    let Some(i) = queue.lock().unwrap().pop() else {
                        break;
                    };
                    let outcome = check_template(&jobs[i], &emitted, &mut editor);
                    results
                        .lock()
                        .unwrap()
                        .insert(jobs[i].name.clone(), outcome);
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    assert_eq!(
        results.len(),
        jobs.len(),
        "a worker died: some templates have no outcome"
    );

    // emit cdk: every template's constructs in one app, compiled once and synthesized once.
    let cdk_items: Vec<(String, emit_corpus::CdkEmitted)> = results
        .iter()
        .filter_map(|(name, o)| Some((name.clone(), o.emit.as_ref().ok()?.cdk.clone()?)))
        .collect();
    let cdk = emit_corpus::cdk_all(&cdk_items, &emitted.join("cdk-app"));

    // cfn-lint, once over every emitted template and every synthesized adopt-style template.
    let lint_started = Instant::now();
    let mut templates: Vec<PathBuf> = results
        .values()
        .filter_map(|o| o.emit.as_ref().ok()?.template.clone())
        .collect();
    templates.extend(cdk.checked.values().filter_map(|c| c.adopted.clone()));
    let linted = emit_corpus::lint_all(&templates);
    let lint_time = lint_started.elapsed();
    let cdk_started = Instant::now();
    for (name, emitted_cdk) in &cdk_items {
        let Some(Ok(emit)) = results.get_mut(name).map(|o| o.emit.as_mut()) else {
            continue;
        };
        let checked = &cdk.checked[name];
        let lint = checked.adopted.as_ref().map(|t| linted[t].as_slice());
        emit.stages
            .insert("cdk", emit_corpus::cdk_outcome(emitted_cdk, checked, lint));
    }
    let cdk_drift_time = cdk_started.elapsed();
    for outcome in results.values_mut() {
        let Ok(emit) = &mut outcome.emit else {
            continue;
        };
        let Some(template) = emit.template.clone() else {
            continue;
        };
        let (stage, others) = emit_corpus::lint_outcome(&linted[&template]);
        emit.stages.insert("cfn-lint", stage);
        emit.lint_notes = others;
    }

    let mut failures = cdk.problems.clone();
    let synth_expected = synth_expectations();
    for name in synth_expected.keys() {
        if !results.contains_key(name) {
            failures.push(format!(
                "{name}: listed under `synthesized` in tests/corpus-expectations.json, but no such stack"
            ));
        }
    }
    let (mut clean_stack, mut clean_desired, mut unknown_only, mut counted) = (0, 0, 0, 0);
    let (mut edited, mut edit_time, mut editor_time) = (0, Duration::ZERO, Duration::ZERO);
    for (name, outcome) in &results {
        edit_time += outcome.edit_time;
        editor_time += outcome.editor_time;
        let exp = expected.get(name);
        if let Some(exp) = exp {
            let desired = outcome
                .desired
                .clone()
                .expect("corpus jobs compare --desired");
            println!(
                "{:<8} {name}\n           --stack:   {}\n           --desired: {}",
                if exp.counts_clean() { "clean" } else { "known" },
                outcome.stack.describe(),
                desired.describe()
            );
            failures.extend(unmet(name, "stack", &exp.stack, &outcome.stack));
            failures.extend(unmet(name, "desired", &exp.desired, &desired));
            clean_stack += usize::from(matches!(outcome.stack, Found::Clean));
            clean_desired += usize::from(matches!(desired, Found::Clean));
            unknown_only += usize::from(matches!(desired, Found::UnknownOnly(_)));
            counted += usize::from(
                exp.counts_clean()
                    && matches!(outcome.stack, Found::Clean)
                    && !matches!(desired, Found::Other(_)),
            );
        } else {
            // A synthesized stack: clean as deployed, unless listed.
            println!(
                "synth    {name}\n           --stack:   {}",
                outcome.stack.describe()
            );
            let expect = synth_expected.get(name).map_or("clean", String::as_str);
            failures.extend(unmet(name, "stack", expect, &outcome.stack));
        }
        // Every stack clean as deployed takes both edits, with the right class and exit code.
        match &outcome.edits {
            Some(Ok(done)) => {
                edited += 1;
                println!("           edits:     {done}");
            }
            Some(Err(why)) => {
                println!("           edits:     FAILED {why}");
                failures.push(format!("{name} console edits: {why}"));
            }
            None => {}
        }
    }
    let drift_total = listed.len();

    // The emitters.
    println!("\nemitters (tests/emit-expectations.json):");
    let mut passed: BTreeMap<&str, usize> = BTreeMap::new();
    let mut emitted_count = 0;
    let mut emit_time = Duration::ZERO;
    for name in emit_expected.keys() {
        if !results.contains_key(name) {
            failures.push(format!(
                "{name}: listed in tests/emit-expectations.json, but no such template"
            ));
        }
    }
    for (name, outcome) in &results {
        let known = emit_expected.get(name).cloned().unwrap_or_default();
        emit_time += outcome.emit_time;
        let emit = match &outcome.emit {
            Ok(emit) => emit,
            Err(why) => {
                println!("not emitted {name}: {why}");
                if !expected.contains_key(name) {
                    failures.push(format!(
                        "{name}: a synthesized stack must deploy and scan: {why}"
                    ));
                }
                if !known.is_empty() {
                    failures.push(format!(
                        "{name}: not emitted ({why}), but listed in tests/emit-expectations.json"
                    ));
                }
                continue;
            }
        };
        emitted_count += 1;
        for stage in STAGES {
            let found = emit.stages.get(stage).cloned().flatten();
            match (&found, known.get(stage)) {
                (None, None) => {
                    *passed.entry(stage).or_default() += 1;
                    println!("clean    {stage:<15} {name}");
                }
                (None, Some(cause)) => failures.push(format!(
                    "{name} {stage}: now clean, but listed as `{cause}`: remove it from tests/emit-expectations.json"
                )),
                (Some(found), None) => {
                    println!("FOUND    {stage:<15} {name}\n           {found}");
                    failures.push(format!("{name} {stage}: expected clean, got {found}"));
                }
                (Some(found), Some(cause)) => {
                    println!("known    {stage:<15} {name}\n           {found}\n           expected {cause}");
                    // A known cfn-lint failure names every rule it breaks: a new one is news.
                    // A known cdk failure names each kind of check that fails.
                    for kind in emit_corpus::cdk_kinds(found) {
                        if stage == "cdk" && !cause.contains(kind) {
                            failures.push(format!(
                                "{name} cdk: a {kind} failure is not among the known causes `{cause}`: {found}"
                            ));
                        }
                    }
                    for rule in emit_corpus::lint_rules(found) {
                        if (stage == "cfn-lint" || stage == "cdk") && !cause.contains(&rule) {
                            failures.push(format!(
                                "{name} {stage}: {rule} is not among the known causes `{cause}`: {found}"
                            ));
                        }
                    }
                }
            }
        }
        for note in &emit.lint_notes {
            println!("           cfn-lint note: {note}");
        }
    }

    println!(
        "\n{counted}/{drift_total} real templates deployed unchanged: no drift \
         (clean under drift --stack, and drift --desired exit 0 with value-unknown notes at most)"
    );
    println!(
        "by mode: drift --stack {clean_stack}/{drift_total} clean; drift --desired \
         {clean_desired}/{drift_total} clean + {unknown_only} value-unknown only"
    );
    println!(
        "console-style edits: {edited} stacks (of {} jobs) edited twice, each drift classified as expected; {:.1} s summed: \
         the edits {:.1} s (through {WORKERS} console_edit.py --serve processes, one per worker, whose start \
         the first edit of each waits for), drift --stack after each edit the rest",
        jobs.len(),
        edit_time.as_secs_f64(),
        editor_time.as_secs_f64()
    );
    for stage in STAGES {
        println!(
            "{}/{emitted_count} emitted configurations clean: {stage}",
            passed.get(stage).copied().unwrap_or(0)
        );
    }
    println!(
        "{} jobs ({drift_total} corpus templates + {} synthesized stacks), {emitted_count} emitted; \
         emitting and validating: {:.1} s summed over {WORKERS} workers, cfn-lint once: {:.1} s; \
         whole test: {:.1} s",
        jobs.len(),
        jobs.len() - drift_total,
        emit_time.as_secs_f64(),
        lint_time.as_secs_f64(),
        started.elapsed().as_secs_f64()
    );
    println!(
        "emit cdk, {} templates x 2 styles in one app: tsc {:.1} s, synth {:.1} s, \
         drift of the adopt style {:.1} s (emit cdk itself is in the summed time above)",
        cdk_items.len(),
        cdk.tsc_time.as_secs_f64(),
        cdk.synth_time.as_secs_f64(),
        cdk_drift_time.as_secs_f64()
    );
    assert!(
        failures.is_empty(),
        "corpus expectations not met:\n{}",
        failures.join("\n")
    );
}
