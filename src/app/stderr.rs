//! Messages for people on stderr: warnings, progress and verbose notes, with colour only on a
//! terminal and never when NO_COLOR or --no-color is set. Machine output never goes here.

use crate::cli::GlobalArgs;
use std::io::IsTerminal;

#[derive(Debug, Clone)]
pub struct Stderr {
    pub quiet: bool,
    pub verbose: u8,
    pub color: bool,
    pub terminal: bool,
}

impl Stderr {
    pub fn new(global: &GlobalArgs) -> Self {
        let terminal = std::io::stderr().is_terminal();
        let no_color_env = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Stderr {
            quiet: global.quiet,
            verbose: global.verbose,
            color: terminal && !global.no_color && !no_color_env,
            terminal,
        }
    }

    pub fn warn(&self, message: &str) {
        if !self.quiet {
            if self.color {
                eprintln!("cogref: \x1b[33mwarning\x1b[0m: {message}");
            } else {
                eprintln!("cogref: warning: {message}");
            }
        }
    }

    /// Shown with -v.
    pub fn info(&self, message: &str) {
        if !self.quiet && self.verbose >= 1 {
            eprintln!("cogref: {message}");
        }
    }

    /// Whether a live progress line should be drawn.
    pub fn progress_enabled(&self) -> bool {
        self.terminal && !self.quiet
    }
}
