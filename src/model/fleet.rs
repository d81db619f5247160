//! The fleet index: what `cogref scan` over several accounts writes next to the per-account
//! snapshots (`DIR/index.json`, one `DIR/<account>.json` per account reached).
//!
//! The index is small and plain: which accounts were asked for, which regions, and for each
//! account whether it was scanned completely, partially, or not at all (with why). Readers of a
//! fleet directory start from it; a snapshot file not named in it is not part of the fleet.

use super::ScanError;
use serde::{Deserialize, Serialize};

/// Version of the index format written by this build.
pub const FLEET_SCHEMA_VERSION: u32 = 1;

/// The file name of the index inside a fleet directory.
pub const FLEET_INDEX_FILE: &str = "index.json";

/// `DIR/index.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FleetIndex {
    pub schema_version: u32,
    /// RFC 3339 UTC time the fleet scan started (each snapshot carries its own too).
    pub captured_at: String,
    /// Regions scanned in every account, sorted.
    pub regions: Vec<String>,
    /// One entry per account, sorted by account id.
    pub accounts: Vec<FleetAccount>,
}

/// How one account of the fleet went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FleetAccount {
    pub account_id: String,
    pub status: AccountStatus,
    /// The snapshot file, relative to the index (`<account>.json`); absent when the account
    /// could not be scanned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub snapshot: Option<String>,
    #[serde(default)]
    pub user_pools: usize,
    #[serde(default)]
    pub identity_pools: usize,
    /// Why the account could not be reached (AssumeRole denied, ...), or the reads that failed
    /// in a partial snapshot (the same entries as the snapshot's `errors`).
    #[serde(default)]
    pub errors: Vec<ScanError>,
}

/// `ok`: complete snapshot; `partial`: snapshot with `errors`; `failed`: no snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AccountStatus {
    Ok,
    Partial,
    Failed,
}

#[derive(Debug, thiserror::Error)]
pub enum FleetIndexError {
    #[error("invalid fleet index at line {line}, column {column}: {message}")]
    Json {
        line: usize,
        column: usize,
        message: String,
    },
    #[error("unsupported fleet index schema_version {0}: this cogref reads version {FLEET_SCHEMA_VERSION}; upgrade cogref")]
    UnsupportedVersion(u32),
    #[error("account {0:?}: not a 12-digit account id")]
    BadAccount(String),
    #[error(
        "account {account}: snapshot {file:?} must be a plain file name inside the fleet directory"
    )]
    BadSnapshotName { account: String, file: String },
    #[error("account {0} is listed twice")]
    Duplicate(String),
}

/// Whether `id` looks like an AWS account id (12 digits).
pub fn is_account_id(id: &str) -> bool {
    id.len() == 12 && id.bytes().all(|b| b.is_ascii_digit())
}

impl FleetIndex {
    /// Parses and validates an index; snapshot names must stay inside the directory.
    pub fn from_json(text: &str) -> Result<FleetIndex, FleetIndexError> {
        let mut index: FleetIndex =
            serde_json::from_str(text).map_err(|e| FleetIndexError::Json {
                line: e.line(),
                column: e.column(),
                message: e.to_string().split(" at line ").next().unwrap_or("").into(),
            })?;
        if index.schema_version != FLEET_SCHEMA_VERSION {
            return Err(FleetIndexError::UnsupportedVersion(index.schema_version));
        }
        for a in &index.accounts {
            if !is_account_id(&a.account_id) {
                return Err(FleetIndexError::BadAccount(a.account_id.clone()));
            }
            if let Some(file) = &a.snapshot {
                let plain = !file.is_empty()
                    && !file.contains(['/', '\\'])
                    && file != "."
                    && file != ".."
                    && file != FLEET_INDEX_FILE;
                if !plain {
                    return Err(FleetIndexError::BadSnapshotName {
                        account: a.account_id.clone(),
                        file: file.clone(),
                    });
                }
            }
        }
        index.normalize();
        if let Some(w) = index
            .accounts
            .windows(2)
            .find(|w| w[0].account_id == w[1].account_id)
        {
            return Err(FleetIndexError::Duplicate(w[0].account_id.clone()));
        }
        Ok(index)
    }

    pub fn normalize(&mut self) {
        self.regions.sort();
        self.regions.dedup();
        self.accounts
            .sort_by(|a, b| a.account_id.cmp(&b.account_id));
        for a in &mut self.accounts {
            a.errors.sort();
        }
    }

    /// Pretty JSON with a trailing newline.
    pub fn to_json(&self) -> String {
        let mut s = serde_json::to_string_pretty(self).unwrap_or_default();
        s.push('\n');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn account(id: &str, snapshot: Option<&str>) -> FleetAccount {
        FleetAccount {
            account_id: id.into(),
            status: if snapshot.is_some() {
                AccountStatus::Ok
            } else {
                AccountStatus::Failed
            },
            snapshot: snapshot.map(str::to_string),
            user_pools: 1,
            identity_pools: 0,
            errors: vec![],
        }
    }

    #[test]
    fn index_round_trips_sorted_and_refuses_escaping_names() {
        let index = FleetIndex {
            schema_version: 1,
            captured_at: "2026-01-01T00:00:00Z".into(),
            regions: vec!["us-west-2".into(), "us-east-1".into()],
            accounts: vec![
                account("222222222222", Some("222222222222.json")),
                account("111111111111", None),
            ],
        };
        let back = FleetIndex::from_json(&index.to_json()).unwrap();
        assert_eq!(back.regions, vec!["us-east-1", "us-west-2"]);
        assert_eq!(back.accounts[0].account_id, "111111111111");
        assert_eq!(back.accounts[0].status, AccountStatus::Failed);
        assert!(back.to_json().contains("\"status\": \"failed\""));

        let mut bad = index.clone();
        bad.accounts[0].snapshot = Some("../etc/passwd".into());
        let err = FleetIndex::from_json(&bad.to_json()).unwrap_err();
        assert!(err.to_string().contains("plain file name"), "{err}");
        let mut bad = index.clone();
        bad.accounts[1].account_id = "12345".into();
        assert!(matches!(
            FleetIndex::from_json(&bad.to_json()),
            Err(FleetIndexError::BadAccount(_))
        ));
        let mut bad = index.clone();
        bad.accounts[1].account_id = "222222222222".into();
        assert!(matches!(
            FleetIndex::from_json(&bad.to_json()),
            Err(FleetIndexError::Duplicate(_))
        ));
        let mut bad = index;
        bad.schema_version = 2;
        assert!(matches!(
            FleetIndex::from_json(&bad.to_json()),
            Err(FleetIndexError::UnsupportedVersion(2))
        ));
    }
}
