//! `--help` of cogref and of every subcommand, as golden files: a change to the CLI surface
//! shows up in review. Also: the exit codes are documented in the help, and the README's
//! examples parse (and those that run offline, run).

use crate::harness::{assert_golden, cogref, readme_commands, root, run};

const COMMANDS: &[&[&str]] = &[
    &[],
    &["scan"],
    &["ls"],
    &["check"],
    &["emit"],
    &["emit", "reference-auth"],
    &["emit", "outputs"],
    &["emit", "env"],
    &["emit", "cloudformation"],
    &["emit", "terraform"],
    &["emit", "cdk"],
    &["drift"],
    &["iam-policy"],
    &["completions"],
];

#[test]
fn help_of_every_command_matches_its_golden_file() {
    for args in COMMANDS {
        let out = cogref()
            .args(*args)
            .arg("--help")
            .env("COLUMNS", "100")
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        let name = if args.is_empty() {
            "cogref".to_string()
        } else {
            args.join("-")
        };
        assert_golden(&format!("help-{name}.txt"), &text);
    }
}

#[test]
fn exit_codes_are_documented_in_the_help() {
    for args in [&["--help"][..], &["drift", "--help"], &["check", "--help"]] {
        let out = cogref().args(args).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        for line in [
            "0  success",
            "1  findings",
            "2  error",
            "3  drift that Cognito cannot apply in place",
        ] {
            assert!(text.contains(line), "{args:?} --help lacks {line:?}");
        }
    }
}

#[test]
fn completions_are_generated_for_bash() {
    let out = cogref().args(["completions", "bash"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("_cogref()"), "not a bash completion script");
    assert!(text.contains("reference-auth"));
}

/// Every `cogref` example of the README parses with this CLI; every one that runs offline from
/// the committed fixture runs, in a fresh directory, with the exit code its comment gives
/// (`(exit N)`, else 0) and writes the files the README names.
#[test]
fn every_readme_example_parses_and_the_offline_ones_run() {
    use clap::Parser;
    let commands = readme_commands(None);
    assert!(commands.len() > 40, "{commands:?}");
    for (command, _) in &commands {
        let argv: Vec<&str> = command.split_whitespace().collect();
        if let Err(e) = cogref::cli::Cli::try_parse_from(&argv) {
            panic!("README: {command}: {}", cogref::cli::usage_error_line(&e));
        }
    }

    let dir = tempfile::tempdir().unwrap();
    // The branch mapping the `emit env` examples read: the README's own block.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("    # cogref-branches.toml\n").unwrap();
    let mapping: String = readme[start..]
        .lines()
        .skip(1)
        .take_while(|l| !l.trim().is_empty())
        .map(|l| format!("{}\n", l.trim()))
        .collect();
    std::fs::write(dir.path().join("cogref-branches.toml"), mapping).unwrap();
    let fixtures = root().join("tests/fixtures/");
    let mut ran = 0;
    for (command, comment) in &commands {
        if !command.contains("tests/fixtures/") {
            continue;
        }
        let command = command.replace("tests/fixtures/", fixtures.to_str().unwrap());
        let argv: Vec<&str> = command.split_whitespace().skip(1).collect();
        let r = run(cogref().current_dir(dir.path()).args(&argv));
        let expected = comment
            .split_once("(exit ")
            .and_then(|(_, rest)| rest.chars().next())
            .and_then(|c| c.to_digit(10))
            .unwrap_or(0) as i32;
        assert_eq!(r.code, expected, "README: {command}\nstderr: {}", r.stderr);
        ran += 1;
    }
    assert!(ran >= 15, "{ran} offline examples ran");
    // The files the README says they write.
    for file in [
        "amplify/auth/resource.ts",
        "amplify_outputs.json",
        "env/main.github-env.sh",
        "cfn/template.json",
        "cfn/resources-to-import.json",
        "cfn/IMPORT.md",
        "cfn-yaml/template.yaml",
        "shop-cfn/template.json",
        "tf/main.tf",
        "tf/imports.tf",
        "tf/variables.tf",
        "tf/IMPORT.md",
        "lib/existing-auth.ts",
        "resource-mapping.json",
        "resources-to-import.json",
        "IMPORT.md",
    ] {
        assert!(
            dir.path().join(file).is_file(),
            "README example wrote no {file}"
        );
    }
}
