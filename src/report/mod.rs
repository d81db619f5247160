//! Rendering of results for people and machines. Pure functions of their inputs: nothing here
//! evaluates, reads AWS or does I/O.

pub mod check;
pub mod drift;
pub mod ls;
