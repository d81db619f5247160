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

use crate::harness::{root, run, Emulator, Run};
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::Mutex;

/// Emulators running at once (the CI machine has 2 cores; deploys mostly wait on HTTP).
const WORKERS: usize = 3;

/// Where the corpus is read from at test time (it is never copied into the repository).
fn corpus_dir() -> PathBuf {
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

/// What one template gave: `None` when clean, otherwise what was found.
fn check_template(dir: &Path, template: &str, exp: &Expectation) -> Option<String> {
    let emulator = Emulator::start();
    let work = tempfile::tempdir().expect("tempdir");
    let import = work.path().join("resources-to-import.json");
    let scan = work.path().join("scan.json");
    let params_file = params_file(dir, template);
    let summary_path = work.path().join("summary.json");

    let mut deploy = Command::new(root().join(".venv/bin/python"));
    deploy
        .arg(root().join("scripts/deploy_template.py"))
        .arg(dir.join(template))
        .args(["--endpoint", &emulator.url, "--stack-name"])
        .arg(exp.stack_name.as_deref().unwrap_or("corpus"))
        .arg("--import-out")
        .arg(&import)
        .arg("--summary-out")
        .arg(&summary_path);
    if let Some(f) = &params_file {
        deploy.arg("--params").arg(f);
    }
    for (k, v) in &exp.params {
        deploy.arg("--param").arg(format!("{k}={v}"));
    }
    let deployed = run(&mut deploy);
    if deployed.code != 0 {
        return Some(format!("deploy failed: {}", last_line(&deployed.stderr)));
    }

    let summary: Value =
        serde_json::from_slice(&std::fs::read(&summary_path).expect("deploy summary"))
            .expect("deploy summary is JSON");
    let params = given_parameters(&summary);

    let scanned = run(emulator.cogref().arg("scan").arg("--out").arg(&scan));
    if scanned.code != 0 {
        return Some(format!(
            "scan exit {}: {}",
            scanned.code,
            last_line(&scanned.stderr)
        ));
    }

    let mut drift = emulator.cogref();
    drift
        .arg("drift")
        .arg("--snapshot")
        .arg(&scan)
        .arg("--desired")
        .arg(dir.join(template))
        .arg("--import-file")
        .arg(&import)
        .args(["--format", "json"]);
    for (k, v) in &params {
        drift.arg("--parameter").arg(format!("{k}={v}"));
    }
    let drifted = run(&mut drift);
    describe_drift(&drifted)
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
    let report = r.json();
    let findings = report["findings"].as_array().cloned().unwrap_or_default();
    if r.code == 0 && findings.is_empty() {
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
        "drift exit {}, {} finding(s): {}",
        r.code,
        findings.len(),
        lines.join("; ")
    ))
}

#[test]
fn corpus_templates_deployed_unchanged_show_no_drift() {
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

    let queue = Mutex::new(listed.clone());
    let results = Mutex::new(BTreeMap::new());
    std::thread::scope(|scope| {
        for _ in 0..WORKERS {
            scope.spawn(|| loop {
                let Some(name) = queue.lock().unwrap().pop() else {
                    break;
                };
                let outcome = check_template(&dir, &name, &expected[&name]);
                results.lock().unwrap().insert(name, outcome);
            });
        }
    });
    let results = results.into_inner().unwrap();
    assert_eq!(
        results.len(),
        listed.len(),
        "a worker died: some templates have no outcome"
    );

    let mut failures = Vec::new();
    let mut clean = 0;
    for (name, outcome) in &results {
        let exp = &expected[name];
        match outcome {
            None => {
                clean += 1;
                println!("clean    {name}");
            }
            Some(found) => println!(
                "found    {name}\n           {found}\n           expected {}",
                exp.expect
            ),
        }
        match (exp.expect.as_str(), outcome) {
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
    println!(
        "{clean}/{} real templates deployed unchanged: no drift",
        results.len()
    );
    assert!(
        failures.is_empty(),
        "corpus expectations not met:\n{}",
        failures.join("\n")
    );
}
