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

/// The parts AWS region codes are made of, `GEOGRAPHY[-gov]-DIRECTION-N` (AWS General
/// Reference, "AWS Regions": us-east-1, us-gov-west-1, ap-southeast-7, mx-central-1).
const GEOGRAPHIES: &[&str] = &["af", "ap", "ca", "cn", "eu", "il", "me", "mx", "sa", "us"];
const DIRECTIONS: &[&str] = &[
    "central",
    "east",
    "north",
    "northeast",
    "northwest",
    "south",
    "southeast",
    "southwest",
    "west",
];

/// What a `--region` value is to cogref.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RegionName {
    /// In [`KNOWN_REGIONS`].
    Known,
    /// Shaped like an AWS region code but not in the list: a region newer than this build (AWS
    /// opens several a year), or one without Cognito. Used, with a warning.
    Unlisted,
    /// Not shaped like a region code at all (`us-eats-1`, `useast1`): a typo, refused.
    Malformed,
}

pub fn classify_region(region: &str) -> RegionName {
    if is_known_region(region) {
        return RegionName::Known;
    }
    let parts: Vec<&str> = region.split('-').collect();
    let (geography, direction, number) = match parts.as_slice() {
        [g, d, n] => (*g, *d, *n),
        [g, "gov", d, n] => (*g, *d, *n),
        _ => return RegionName::Malformed,
    };
    let number_ok = !number.is_empty()
        && number.len() <= 2
        && number.bytes().all(|b| b.is_ascii_digit())
        && !number.starts_with('0');
    if GEOGRAPHIES.contains(&geography) && DIRECTIONS.contains(&direction) && number_ok {
        RegionName::Unlisted
    } else {
        RegionName::Malformed
    }
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

    #[test]
    fn a_region_newer_than_the_list_is_told_from_a_typo() {
        assert_eq!(classify_region("eu-west-1"), RegionName::Known);
        assert_eq!(classify_region("us-gov-west-1"), RegionName::Known);
        for newer in [
            "mx-central-1",
            "ap-southeast-7",
            "ap-east-2",
            "us-gov-south-1",
            "eu-west-12",
        ] {
            assert_eq!(classify_region(newer), RegionName::Unlisted, "{newer}");
        }
        for typo in [
            "us-eats-1",
            "useast1",
            "us-east",
            "us-east-01",
            "us-east-1a",
            "xx-east-1",
            "US-EAST-1",
            "us-east-1-",
            "",
            "us--east-1",
            "us-east-100",
        ] {
            assert_eq!(classify_region(typo), RegionName::Malformed, "{typo:?}");
        }
    }
}
