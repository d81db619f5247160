//! The `cogref` binary: parse arguments, run the command, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = cogref::cli::Cli::parse();
    match cogref::app::run(cli) {
        Ok(exit) => ExitCode::from(exit.code()),
        Err(err) => {
            eprintln!("cogref: {err:#}");
            ExitCode::from(cogref::app::Exit::Error.code())
        }
    }
}
