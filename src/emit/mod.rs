//! Emitters: one file per output format, each a pure function of a snapshot. They never read
//! AWS, print or touch files; the app layer writes what they return.

pub mod cdk;
pub mod cloudformation;
pub mod env;
pub mod fleet_role;
pub mod iac;
pub mod outputs;
pub mod reference_auth;
pub mod terraform;
