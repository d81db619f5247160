//! The `cogref` binary: parse arguments, run the command, map the result to an exit code.
//! Every error, a usage error included, is one line on stderr (`cogref: ...`), exit code 2.

use clap::error::ErrorKind;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match cogref::cli::Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return usage_error(err),
    };
    match cogref::app::run(cli) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => {
            eprintln!("cogref: {}", one_line(&format!("{err:#}")));
            ExitCode::from(cogref::app::Exit::Error.code())
        }
    }
}

/// `--help` and `--version` print as clap prints them (exit 0); every parse error, a missing
/// subcommand included, is one line naming the argument, exit 2.
fn usage_error(err: clap::Error) -> ExitCode {
    match err.kind() {
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let args: Vec<String> = std::env::args().skip(1).collect();
            eprintln!("cogref: {}", cogref::cli::missing_subcommand_line(&args));
            ExitCode::from(cogref::app::Exit::Error.code())
        }
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let code = err.exit_code();
            // A closed stdout (`cogref --help | head`) is no error worth reporting.
            let _ = err.print();
            ExitCode::from(u8::try_from(code).unwrap_or(2))
        }
        _ => {
            eprintln!("cogref: {}", cogref::cli::usage_error_line(&err));
            ExitCode::from(cogref::app::Exit::Error.code())
        }
    }
}

/// Folds a message that spans lines (a parser's context, a nested cause) into one line.
fn one_line(message: &str) -> String {
    message
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}
