//! The one integration-test entry point. Each module tests one command or promise; all share
//! the harness (emulator lifecycle, running cogref, golden files).

mod amplify_client;
mod bad_input;
mod cdk;
mod check;
mod corpus;
mod drift;
mod emit_corpus;
mod faults;
mod fields;
mod fleet;
mod harness;
mod help;
mod iac;
mod iam_drift;
mod onboard;
mod policy;
mod promises;
mod roundtrip;
mod scan;
mod settings;
mod stacks;
mod synth;
