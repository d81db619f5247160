//! Parsing of user pool and identity pool ids, which carry their region.
//!
//! A user pool id is `REGION_SUFFIX` (`us-west-2_aBc123`), an identity pool id is
//! `REGION:GUID` (`us-east-1:0f1e...`). cogref derives the region from the id instead of asking
//! for it again.

use std::fmt;
use std::str::FromStr;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PoolIdError {
    #[error("malformed user pool id {0:?}: expected REGION_ID, e.g. us-east-1_AbC123xyz")]
    UserPool(String),
    #[error("malformed identity pool id {0:?}: expected REGION:GUID, e.g. us-east-1:0a1b2c3d-...")]
    IdentityPool(String),
}

/// A user pool id such as `us-east-1_AbC123`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct UserPoolId {
    id: String,
    region_len: usize,
}

impl UserPoolId {
    pub fn region(&self) -> &str {
        &self.id[..self.region_len]
    }
    pub fn as_str(&self) -> &str {
        &self.id
    }
}

/// An identity pool id such as `us-east-1:3c1d...`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IdentityPoolId {
    id: String,
    region_len: usize,
}

impl IdentityPoolId {
    pub fn region(&self) -> &str {
        &self.id[..self.region_len]
    }
    pub fn as_str(&self) -> &str {
        &self.id
    }
}

/// A plausible AWS region name: lowercase words and a trailing number, e.g. `us-gov-west-1`.
pub fn is_region_name(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    parts.len() >= 3
        && parts[..parts.len() - 1]
            .iter()
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase()))
        && parts[parts.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && !parts[parts.len() - 1].is_empty()
}

impl FromStr for UserPoolId {
    type Err = PoolIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PoolIdError::UserPool(s.to_string());
        let (region, suffix) = s.split_once('_').ok_or_else(err)?;
        if !is_region_name(region)
            || suffix.is_empty()
            || suffix.len() > 40
            || !suffix.bytes().all(|b| b.is_ascii_alphanumeric())
        {
            return Err(err());
        }
        Ok(UserPoolId {
            id: s.to_string(),
            region_len: region.len(),
        })
    }
}

impl FromStr for IdentityPoolId {
    type Err = PoolIdError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let err = || PoolIdError::IdentityPool(s.to_string());
        let (region, guid) = s.split_once(':').ok_or_else(err)?;
        if !is_region_name(region)
            || guid.is_empty()
            || guid.len() > 40
            || !guid.bytes().all(|b| b.is_ascii_hexdigit() || b == b'-')
        {
            return Err(err());
        }
        Ok(IdentityPoolId {
            id: s.to_string(),
            region_len: region.len(),
        })
    }
}

impl fmt::Display for UserPoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

impl fmt::Display for IdentityPoolId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_pool_ids_carry_their_region() {
        let id: UserPoolId = "us-west-2_aBc123".parse().unwrap();
        assert_eq!(id.region(), "us-west-2");
        let gov: UserPoolId = "us-gov-west-1_X1".parse().unwrap();
        assert_eq!(gov.region(), "us-gov-west-1");
        for bad in [
            "",
            "abc",
            "us-west-2_",
            "_abc",
            "US-WEST-2_abc",
            "us-west-2_a-b",
            "uswest2_a",
        ] {
            assert!(bad.parse::<UserPoolId>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn identity_pool_ids_carry_their_region() {
        let id: IdentityPoolId = "eu-central-1:0a1b2c3d-0000-4000-8000-123456789abc"
            .parse()
            .unwrap();
        assert_eq!(id.region(), "eu-central-1");
        for bad in [
            "eu-central-1",
            "eu-central-1:",
            "eu-central-1:xyz!",
            "eu-central-1_abc",
        ] {
            assert!(bad.parse::<IdentityPoolId>().is_err(), "{bad} accepted");
        }
    }

    #[test]
    fn region_names() {
        assert!(is_region_name("ap-southeast-2"));
        assert!(!is_region_name("ap-southeast"));
        assert!(!is_region_name("mars"));
    }
}
