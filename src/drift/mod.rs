//! Drift: normalise desired and live state, diff them, and classify every difference with the
//! Cognito mutability rules. Pure and synchronous.
