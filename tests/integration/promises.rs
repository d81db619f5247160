//! The promises that span every command: no secret ever leaves (any file written, stdout or
//! stderr, at the highest verbosity), every call of a full run is a read matching the IAM policy,
//! and every output is byte-identical across two runs on the same input.

use crate::harness::{fixture, run, Emulator, Run};
use serde_json::Value;
use std::collections::BTreeSet;
use std::path::Path;

/// Every command cogref has, as argument lists; `{dir}` is a fresh output directory and the
/// pool/client/identity-pool placeholders come from the seeded ids.
fn every_command(ids: &Value, dir: &Path) -> Vec<Vec<String>> {
    let pool = |n: &str| ids["user_pools"][n]["id"].as_str().unwrap().to_string();
    let client = |p: &str, c: &str| {
        ids["user_pools"][p]["clients"][c]["id"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let shop = pool("shop-customers");
    let partner = pool("partner-portal");
    let web = client("shop-customers", "shop-web");
    let d = |name: &str| dir.join(name).to_str().unwrap().to_string();
    let mapping = dir.join("cogref-branches.toml");
    std::fs::write(
        &mapping,
        format!(
            "prefix = \"SHOP_AUTH\"\n[branches.main]\npool = \"{shop}\"\n\n[branches.\"feature/login\"]\npool = \"{shop}\"\nclient = \"{web}\"\n"
        ),
    )
    .unwrap();
    let m = mapping.to_str().unwrap().to_string();
    let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
    vec![
        s(&["scan", "--all-stacks", "--out", &d("snapshot.json")]),
        s(&["ls"]),
        s(&["ls", "--format", "json"]),
        s(&["check", "--pool", &shop]),
        s(&["check", "--pool", &partner, "--format", "json"]),
        s(&["check", "--pool", &partner, "--format", "markdown"]),
        s(&["emit", "reference-auth", "--pool", &shop, "--out", &d("ra")]),
        s(&[
            "emit",
            "reference-auth",
            "--pool",
            &shop,
            "--env",
            "SHOP_AUTH",
        ]),
        s(&[
            "emit",
            "outputs",
            "--pool",
            &shop,
            "--out",
            &d("amplify_outputs.json"),
        ]),
        s(&[
            "emit",
            "outputs",
            "--pool",
            &partner,
            "--client",
            &client("partner-portal", "partner-web"),
        ]),
        s(&[
            "emit",
            "env",
            "--mapping",
            &m,
            "--all-branches",
            "--force",
            "--out",
            &d("env"),
        ]),
        s(&[
            "emit",
            "env",
            "--mapping",
            &m,
            "--branch",
            "main",
            "--env-format",
            "github",
        ]),
        s(&["emit", "cloudformation", "--out", &d("cfn")]),
        s(&[
            "emit",
            "cloudformation",
            "--template-format",
            "yaml",
            "--out",
            &d("cfn-yaml"),
        ]),
        s(&["emit", "terraform", "--out", &d("tf")]),
        s(&["drift", "--desired", &d("snapshot.json")]),
        s(&[
            "drift",
            "--desired",
            &d("cfn/template.json"),
            "--format",
            "markdown",
            "--out",
            &d("drift.md"),
        ]),
        s(&[
            "drift",
            "--desired",
            &d("cfn-yaml/template.yaml"),
            "--format",
            "json",
        ]),
        s(&["drift", "--stack", "cogref-promise", "--format", "json"]),
        s(&["drift", "--all-stacks", "--out", &d("stacks-drift.txt")]),
        // A fleet run: the management account lists its organization and reads each member
        // through the read role (the one call that is not a read: sts:AssumeRole).
        s(&[
            "scan",
            "--org",
            "--exclude-account",
            "123456789012",
            "--assume-role",
            "cogref-read",
            "--out",
            &d("fleet"),
        ]),
        s(&["iam-policy", "--fleet"]),
        s(&["iam-policy"]),
    ]
}

fn files_under(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files_under(&path, out);
        } else {
            out.push(path);
        }
    }
}

#[test]
fn every_command_live_at_full_verbosity_leaks_no_secret_and_sends_only_reads() {
    let work = tempfile::tempdir().unwrap();
    let record = work.path().join("requests.jsonl");
    let emulator = Emulator::start_recording(&record);
    let ids = emulator.seed(&["--fleet", "2"]);
    // A deployed stack, so `drift --stack` / `--all-stacks` read CloudFormation too.
    let deployed = run(
        std::process::Command::new(crate::harness::root().join(".venv/bin/python"))
            .arg(crate::harness::root().join("scripts/deploy_template.py"))
            .arg(fixture("stacks/pool-stack.yaml"))
            .args([
                "--endpoint",
                &emulator.url,
                "--stack-name",
                "cogref-promise",
                "--import-out",
            ])
            .arg(work.path().join("promise-import.json")),
    );
    assert_eq!(deployed.code, 0, "{}", deployed.stderr);
    // A stack whose client names a CloudFront domain: `drift --all-stacks` reads it through
    // Cloud Control (GetResource), whose IAM action is cloudformation:GetResource.
    let webapp = run(
        std::process::Command::new(crate::harness::root().join(".venv/bin/python"))
            .arg(crate::harness::root().join("scripts/deploy_template.py"))
            .arg(fixture("stacks/webapp-stack.yaml"))
            .args([
                "--endpoint",
                &emulator.url,
                "--stack-name",
                "cogref-promise-webapp",
                "--import-out",
            ])
            .arg(work.path().join("promise-webapp-import.json")),
    );
    assert_eq!(webapp.code, 0, "{}", webapp.stderr);
    let seeded = emulator.recorded().len();
    let secrets: Vec<String> = ids["secrets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap().to_string())
        .collect();
    assert_eq!(secrets.len(), 5);

    let dir = work.path().join("out");
    std::fs::create_dir_all(&dir).unwrap();
    let mut runs: Vec<(Vec<String>, Run)> = Vec::new();
    for args in every_command(&ids, &dir) {
        let r = run(emulator.cogref().args(&args).arg("-vv"));
        assert!(
            r.code == 0 || r.code == 1,
            "cogref {args:?} failed ({}): {}",
            r.code,
            r.stderr
        );
        runs.push((args, r));
    }
    let mut files = Vec::new();
    files_under(&dir, &mut files);
    assert!(
        files.len() >= 15,
        "the commands wrote their files: {files:?}"
    );
    for secret in &secrets {
        for (args, r) in &runs {
            assert!(
                !r.stdout.contains(secret.as_str()),
                "secret in stdout of {args:?}"
            );
            assert!(
                !r.stderr.contains(secret.as_str()),
                "secret in stderr of {args:?}"
            );
        }
        for f in &files {
            let bytes = std::fs::read(f).unwrap();
            let text = String::from_utf8_lossy(&bytes);
            assert!(!text.contains(secret.as_str()), "secret in {}", f.display());
        }
    }

    // Read-only across every command: only reads, and exactly the iam-policy actions. The one
    // allowed exception is sts:AssumeRole, made only by the fleet run (one per member account):
    // it returns the read role's temporary credentials and changes nothing.
    const ALLOWED_NON_READS: &[(&str, &str)] = &[("sts", "AssumeRole")];
    let calls = emulator.recorded_since(seeded);
    for (service, op) in &calls {
        assert!(
            ["Describe", "List", "Get"]
                .iter()
                .any(|p| op.starts_with(p))
                || ALLOWED_NON_READS.contains(&(service.as_str(), op.as_str())),
            "non-read call {service}:{op}"
        );
    }
    let assumed = calls
        .iter()
        .filter(|(s, op)| s == "sts" && op == "AssumeRole")
        .count();
    assert_eq!(
        assumed, 2,
        "one AssumeRole per member account, from the fleet run only"
    );
    // Requests are signed for a service's signing name; IAM names the Cloud Control API's
    // actions with the prefix `cloudformation` (Service Authorization Reference).
    let recorded: BTreeSet<String> = calls
        .iter()
        .filter(|(s, _)| s != "sts")
        .map(|(s, op)| match s.as_str() {
            "cloudcontrolapi" => format!("cloudformation:{op}"),
            _ => format!("{s}:{op}"),
        })
        .collect();
    assert!(
        recorded.contains("cloudformation:GetResource"),
        "{recorded:?}"
    );
    let policy = runs.last().unwrap().1.json();
    let mut actions: BTreeSet<String> = policy["Statement"][0]["Action"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a.as_str().unwrap().to_string())
        .collect();
    // The fleet run's source principal adds organizations:ListAccounts (its policy comes from
    // `iam-policy --fleet`, which also allows ListAccountsForParent for --ou).
    let fleet_policy = runs[runs.len() - 2].1.json();
    let source = &fleet_policy["source_policy"]["Statement"][0]["Action"];
    assert!(source
        .as_array()
        .unwrap()
        .contains(&"organizations:ListAccounts".into()));
    actions.insert("organizations:ListAccounts".to_string());
    assert_eq!(fleet_policy["role_policy"], policy);
    assert_eq!(recorded, actions);
}

/// A command's arguments, its stdout, and every file in its output directory afterwards.
type RunOutputs = (Vec<String>, String, Vec<(String, Vec<u8>)>);

#[test]
fn every_output_is_byte_identical_across_two_runs() {
    let ids: Value =
        serde_json::from_slice(&std::fs::read(fixture("sample-ids.json")).unwrap()).unwrap();
    let snapshot = fixture("sample-snapshot.json");
    let outputs: Vec<RunOutputs> = [1, 2]
        .iter()
        .flat_map(|_| {
            let dir = tempfile::tempdir().unwrap();
            // The baseline for drift is the fixture itself (scan is live, compared elsewhere).
            std::fs::copy(&snapshot, dir.path().join("snapshot.json")).unwrap();
            let result: Vec<_> = every_command(&ids, dir.path())
                .into_iter()
                // The fixture records no CloudFormation stack (stacks drift offline is compared
                // with its live run in tests/integration/stacks.rs).
                .filter(|a| {
                    a[0] != "scan" && !a.iter().any(|x| x == "--stack" || x == "--all-stacks")
                })
                .map(|args| {
                    let r = run(crate::harness::cogref()
                        .args(&args)
                        .arg("--snapshot")
                        .arg(&snapshot));
                    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
                    let mut files = Vec::new();
                    files_under(dir.path(), &mut files);
                    files.sort();
                    let contents = files
                        .iter()
                        .map(|f| {
                            let rel = f.strip_prefix(dir.path()).unwrap().display().to_string();
                            (rel, std::fs::read(f).unwrap())
                        })
                        .collect();
                    (args, r.stdout, contents)
                })
                .collect();
            // Paths inside outputs mention the temp dir only through the mapping file.
            result
                .into_iter()
                .map(|(a, out, files)| {
                    let a: Vec<String> = a
                        .iter()
                        .map(|x| x.replace(dir.path().to_str().unwrap(), "DIR"))
                        .collect();
                    (a, out.replace(dir.path().to_str().unwrap(), "DIR"), files)
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let half = outputs.len() / 2;
    assert!(half >= 17);
    for (first, second) in outputs[..half].iter().zip(&outputs[half..]) {
        assert_eq!(first.0, second.0);
        assert_eq!(
            first.1, second.1,
            "stdout of {:?} differs between runs",
            first.0
        );
        assert_eq!(
            first.2, second.2,
            "files after {:?} differ between runs",
            first.0
        );
    }
}
