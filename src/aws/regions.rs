//! Regions where Amazon Cognito user pools are offered, for `--all-regions` and for rejecting a
//! mistyped `--region` before any call is made.
//!
//! Source: AWS General Reference, "Amazon Cognito endpoints and quotas" (commercial and
//! GovCloud partitions). `--all-regions` scans the commercial ones that are enabled by default.

/// Every region cogref accepts in `--region`.
pub const KNOWN_REGIONS: &[&str] = &[
    "af-south-1",
    "ap-east-1",
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-south-2",
    "ap-southeast-1",
    "ap-southeast-2",
    "ap-southeast-3",
    "ap-southeast-4",
    "ap-southeast-5",
    "ca-central-1",
    "ca-west-1",
    "eu-central-1",
    "eu-central-2",
    "eu-north-1",
    "eu-south-1",
    "eu-south-2",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "il-central-1",
    "me-central-1",
    "me-south-1",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-gov-east-1",
    "us-gov-west-1",
    "us-west-1",
    "us-west-2",
];

/// Regions enabled by default in every commercial account: what `--all-regions` scans.
pub const DEFAULT_ENABLED_REGIONS: &[&str] = &[
    "ap-northeast-1",
    "ap-northeast-2",
    "ap-northeast-3",
    "ap-south-1",
    "ap-southeast-1",
    "ap-southeast-2",
    "ca-central-1",
    "eu-central-1",
    "eu-north-1",
    "eu-west-1",
    "eu-west-2",
    "eu-west-3",
    "sa-east-1",
    "us-east-1",
    "us-east-2",
    "us-west-1",
    "us-west-2",
];

pub fn is_known_region(region: &str) -> bool {
    KNOWN_REGIONS.binary_search(&region).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn region_lists_are_sorted_and_consistent() {
        assert!(KNOWN_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(DEFAULT_ENABLED_REGIONS.windows(2).all(|w| w[0] < w[1]));
        assert!(DEFAULT_ENABLED_REGIONS.iter().all(|r| is_known_region(r)));
        assert!(is_known_region("us-east-1"));
        assert!(!is_known_region("us-east-9"));
    }
}
