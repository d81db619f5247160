//! cogref: a read-only inventory of Amazon Cognito accounts.
//!
//! Data flows one way: live AWS ([`aws`]) -> the snapshot ([`model`]) -> rendered output. The
//! command layer ([`app`]) is the only place that opens files, prints and picks exit codes.

pub mod app;
pub mod aws;
pub mod cfn;
pub mod check;
pub mod cli;
pub mod drift;
pub mod emit;
pub mod model;
pub mod report;
