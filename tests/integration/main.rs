//! The one integration-test entry point. Each module tests one command or promise; all share
//! the harness (emulator lifecycle, running cogref, golden files).

mod harness;

mod bad_input;
mod faults;
mod readonly;
mod scan;
