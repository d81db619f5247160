//! The one integration-test entry point. Each module tests one command or promise; all share
//! the harness (emulator lifecycle, running cogref, golden files).

mod bad_input;
mod check;
mod corpus;
mod drift;
mod emit_corpus;
mod faults;
mod harness;
mod help;
mod iac;
mod onboard;
mod promises;
mod roundtrip;
mod scan;
mod synth;
