//! Reading a snapshot from bytes, with errors that say where and what is wrong.
//!
//! The version is checked before the body, so a snapshot from a newer cogref is refused with a
//! clear message instead of a confusing field error.

use super::{Snapshot, SCHEMA_VERSION};

#[derive(Debug, thiserror::Error)]
pub enum SnapshotError {
    #[error("empty file, not a snapshot")]
    Empty,
    #[error("not UTF-8 text (invalid byte at offset {0})")]
    NotUtf8(usize),
    #[error("invalid JSON at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("not a cogref snapshot: no `schema_version` field")]
    NoVersion,
    #[error("not a cogref snapshot: expected a JSON object")]
    NotAnObject,
    #[error("unsupported schema_version {found}: this cogref reads version {SCHEMA_VERSION}; upgrade cogref")]
    UnsupportedVersion { found: String },
}

#[derive(serde::Deserialize)]
struct VersionOnly {
    schema_version: Option<serde_json::Value>,
}

impl Snapshot {
    /// Parses and validates a snapshot written by `cogref scan`.
    pub fn from_json(bytes: &[u8]) -> Result<Snapshot, SnapshotError> {
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(SnapshotError::Empty);
        }
        // A UTF-8 byte-order mark (some Windows editors add one) is not content.
        let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
        let text =
            std::str::from_utf8(bytes).map_err(|e| SnapshotError::NotUtf8(e.valid_up_to()))?;
        if !text.trim_start().starts_with('{') {
            return Err(SnapshotError::NotAnObject);
        }
        let json_error = |e: serde_json::Error| SnapshotError::Json {
            line: e.line(),
            column: e.column(),
            message: strip_position(&e.to_string()),
        };
        let version: VersionOnly = serde_json::from_str(text).map_err(json_error)?;
        match version.schema_version {
            None => return Err(SnapshotError::NoVersion),
            Some(v) if v.as_u64() == Some(u64::from(SCHEMA_VERSION)) => {}
            Some(v) => {
                return Err(SnapshotError::UnsupportedVersion {
                    found: v.to_string(),
                })
            }
        }
        let mut snapshot: Snapshot = serde_json::from_str(text).map_err(json_error)?;
        snapshot.normalize();
        Ok(snapshot)
    }

    /// The canonical serialized form: pretty JSON with sorted keys and a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

/// serde_json appends " at line X column Y"; the error type says it separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_refuses_bad_input() {
        let snap = Snapshot::new("2026-01-01T00:00:00Z".into());
        let json = snap.to_json();
        assert_eq!(Snapshot::from_json(json.as_bytes()).unwrap(), snap);

        assert!(matches!(
            Snapshot::from_json(b"  \n"),
            Err(SnapshotError::Empty)
        ));
        assert!(matches!(
            Snapshot::from_json(b"{\"a\":\xff}"),
            Err(SnapshotError::NotUtf8(5))
        ));
        assert!(matches!(
            Snapshot::from_json(b"{}"),
            Err(SnapshotError::NoVersion)
        ));
        let err = Snapshot::from_json(br#"{"schema_version": 99}"#).unwrap_err();
        assert!(
            err.to_string().contains("unsupported schema_version 99"),
            "{err}"
        );
        let err = Snapshot::from_json(b"{\n\"schema_version\": 1,\n").unwrap_err();
        match err {
            SnapshotError::Json { line, .. } => assert_eq!(line, 3),
            other => panic!("{other}"),
        }
        let err =
            Snapshot::from_json(br#"{"schema_version":1,"captured_at":"x","regions":"us-east-1"}"#)
                .unwrap_err();
        assert!(err.to_string().contains("invalid type"), "{err}");
    }
}
