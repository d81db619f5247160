//! Readiness rules for Amplify's referenceAuth: pure evaluation of a snapshot, producing
//! findings with stable codes. Never prints.
