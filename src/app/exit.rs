//! cogref's exit codes, in one place. Documented in `--help` and the README.

/// What a run ended with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Success, no drift, combination ready.
    Success,
    /// Drift that can be applied in place, or readiness findings.
    Findings,
    /// Usage, input, I/O or AWS error, or a partial scan.
    Error,
    /// Drift that Cognito cannot apply in place (replacement or impossible), or a widened IAM
    /// trust policy.
    Impossible,
}

impl Exit {
    pub fn code(self) -> u8 {
        match self {
            Exit::Success => 0,
            Exit::Findings => 1,
            Exit::Error => 2,
            Exit::Impossible => 3,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Exit;

    #[test]
    fn exit_codes_are_stable() {
        assert_eq!(Exit::Success.code(), 0);
        assert_eq!(Exit::Findings.code(), 1);
        assert_eq!(Exit::Error.code(), 2);
        assert_eq!(Exit::Impossible.code(), 3);
    }
}
