//! The public-template corpus test: every template of the shared corpus of real CloudFormation
//! templates (CDK, SAM, Amplify Gen1, hand-written; see its SOURCES.md) is deployed unchanged
//! into its own emulator with `scripts/deploy_template.py`, scanned with `cogref scan`, and
//! compared with `cogref drift --desired TEMPLATE --import-file ...`. A template deployed
//! unchanged must come out clean: exit 0 and no finding.
//!
//! `tests/corpus-expectations.json` is the checked-in list of what each template gives today:
//! `clean`, or `known: <cause>`. The test fails when a `clean` one is not clean, when a `known`
//! one has become clean (flip it, so the list stays honest), and when the corpus and the list
//! disagree on which templates exist. Nothing is skipped: every template prints its outcome.
//!
//! The same run emits the corpus (issue 17, [`crate::emit_corpus`]): on each scanned snapshot,
//! and on those of the CDK and Amplify Gen2 stacks `scripts/synth.sh` synthesizes (deployed
//! here too, nested auth stacks included), every emitter runs and its output is validated;
//! `tests/emit-expectations.json` lists the known failures.

use crate::emit_corpus::{self, EmitOutcome, STAGES};
use crate::harness::{root, run, Emulator, Run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
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
    expect: String,
    /// The stack name to deploy under (Amplify Gen1 templates split theirs on `-`).
    stack_name: Option<String>,
    params: BTreeMap<String, String>,
}

fn expectations() -> BTreeMap<String, Expectation> {
    let path = root().join("tests/corpus-expectations.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&path).expect("expectations file"))
        .expect("tests/corpus-expectations.json is JSON");
    let mut out = BTreeMap::new();
    for (name, entry) in doc["templates"].as_object().expect("a templates map") {
        let expect = entry["expect"]
            .as_str()
            .unwrap_or_else(|| panic!("{name}: no expect"))
            .to_string();
        assert!(
            expect == "clean" || expect.starts_with("known: "),
            "{name}: expect is `clean` or `known: <cause>`, not {expect:?}"
        );
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
        out.insert(
            name.clone(),
            Expectation {
                expect,
                stack_name,
                params,
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
    /// Compared with `cogref drift --desired TEMPLATE` (the corpus templates; the synthesized
    /// ones are read by tests/integration/synth.rs).
    drift: bool,
}

fn corpus_job(dir: &Path, template: &str, exp: &Expectation) -> Job {
    Job {
        name: template.to_string(),
        template: dir.join(template),
        stack_name: exp.stack_name.clone().unwrap_or_else(|| "corpus".into()),
        params_file: params_file(dir, template),
        params: exp.params.clone(),
        nested: Vec::new(),
        drift: true,
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
                drift: false,
            }
        })
        .collect()
}

/// What one job gave.
struct Outcome {
    /// The drift comparison: `None` when clean, otherwise what was found (corpus jobs only).
    drift: Option<String>,
    /// The emitters' stages, or why nothing was emitted (the deploy or the scan failed).
    emit: Result<EmitOutcome, String>,
    /// Time spent emitting and validating (cfn-lint excluded), for the report.
    emit_time: Duration,
}

fn check_template(job: &Job, emitted: &Path) -> Outcome {
    let failed = |why: String| Outcome {
        drift: Some(why.clone()),
        emit: Err(why),
        emit_time: Duration::ZERO,
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
    let deployed = run(&mut deploy);
    if deployed.code != 0 {
        return failed(format!("deploy failed: {}", last_line(&deployed.stderr)));
    }

    let summary: Value =
        serde_json::from_slice(&std::fs::read(&summary_path).expect("deploy summary"))
            .expect("deploy summary is JSON");
    let params = given_parameters(&summary);

    let scanned = run(emulator.cogref().arg("scan").arg("--out").arg(&scan));
    let scan_failed = (scanned.code != 0)
        .then(|| format!("scan exit {}: {}", scanned.code, last_line(&scanned.stderr)));
    // A partial scan (exit 2) still writes its snapshot, as a user gets with --allow-partial:
    // the emitters run on it; drift does not.
    if let (Some(why), false) = (&scan_failed, scan.is_file()) {
        return failed(why.clone());
    }
    // Offline from here: the emulator is no longer needed.
    drop(emulator);

    let drift = if let Some(why) = scan_failed {
        Some(why)
    } else if job.drift {
        let mut drift = crate::harness::cogref();
        drift
            .arg("drift")
            .arg("--snapshot")
            .arg(&scan)
            .arg("--desired")
            .arg(&job.template)
            .arg("--import-file")
            .arg(&import)
            .args(["--format", "json"]);
        for (k, v) in &params {
            drift.arg("--parameter").arg(format!("{k}={v}"));
        }
        let drifted = run(&mut drift);
        describe_drift(&drifted)
    } else {
        None
    };

    let started = Instant::now();
    let out = emitted.join(job.name.replace([':', '/'], "_"));
    std::fs::create_dir_all(&out).expect("emit output directory");
    let emit = emit_corpus::emit_all(&scan, &out);
    Outcome {
        drift,
        emit: Ok(emit),
        emit_time: started.elapsed(),
    }
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

fn describe_drift(r: &Run) -> Option<String> {
    if r.code == 2 {
        return Some(format!("drift exit 2: {}", last_line(&r.stderr)));
    }
    summarize_drift(r.code, &r.json())
}

/// `None` for a clean drift run (exit 0, no finding), otherwise its exit code and findings in
/// one line (`code logical-id path`, sorted): shared with the emit corpus's round trip.
pub(crate) fn summarize_drift(code: i32, report: &Value) -> Option<String> {
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    if code == 0 && findings.is_empty() {
        return None;
    }
    let mut lines: Vec<String> = findings
        .iter()
        .map(|f| {
            format!(
                "{} {} {}",
                f["code"].as_str().unwrap_or("?"),
                f["resource"]["logical_id"].as_str().unwrap_or("?"),
                f["path"].as_str().unwrap_or("")
            )
        })
        .collect();
    lines.sort();
    lines.dedup();
    Some(format!(
        "drift exit {code}, {} finding(s): {}",
        findings.len(),
        lines.join("; ")
    ))
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
            scope.spawn(|| loop {
                let Some(i) = queue.lock().unwrap().pop() else {
                    break;
                };
                let outcome = check_template(&jobs[i], &emitted);
                results
                    .lock()
                    .unwrap()
                    .insert(jobs[i].name.clone(), outcome);
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
    let mut clean = 0;
    for (name, outcome) in results.iter().filter(|(n, _)| expected.contains_key(*n)) {
        let exp = &expected[name];
        match &outcome.drift {
            None => {
                clean += 1;
                println!("clean    {name}");
            }
            Some(found) => println!(
                "found    {name}\n           {found}\n           expected {}",
                exp.expect
            ),
        }
        match (exp.expect.as_str(), &outcome.drift) {
            ("clean", Some(found)) => failures.push(format!("{name}: expected clean, got {found}")),
            (known, None) if known != "clean" => failures.push(format!(
                "{name}: now clean, but listed as `{known}`: set it to \"clean\" in tests/corpus-expectations.json"
            )),
            (known, Some(found)) => {
                // A known failure must still fail where it says: deploy, scan, or drift.
                let stage = if known.starts_with("known: deploy:") {
                    "deploy failed"
                } else if known.starts_with("known: scan:") {
                    "scan exit"
                } else {
                    "drift exit"
                };
                if !found.starts_with(stage) {
                    failures.push(format!(
                        "{name}: listed as `{known}`, but now: {found}"
                    ));
                }
            }
            _ => {}
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

    println!("\n{clean}/{drift_total} real templates deployed unchanged: no drift");
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
