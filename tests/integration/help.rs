//! `--help` of cogref and of every subcommand, as golden files: a change to the CLI surface
//! shows up in review. Also: the exit codes are documented in the help.

use crate::harness::{assert_golden, cogref};

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
