//! Client-side request pacing per API quota category, so a scan goes as fast as the account's
//! quotas allow and never faster.
//!
//! Cognito enforces request-rate quotas per account and region, per category of operations
//! (user pools) or per operation (identity pools). The default rates and the category of each
//! operation cogref calls are embedded from `quotas.json` (sourced from the Cognito developer
//! guide's quotas page; see the file). Each category paces its calls at evenly spaced slots:
//! at most `rps` calls start in any one-second window. Users can override any rate
//! (`--rate-limit CATEGORY=RPS`, or `--rate-limit RPS` for all), e.g. when a quota was raised or
//! other workloads share it.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::time::Duration;
use tokio::sync::Mutex;
use tokio::time::Instant;

const QUOTAS_JSON: &str = include_str!("quotas.json");

#[derive(Debug, Deserialize)]
struct QuotaTable {
    categories: BTreeMap<String, Category>,
    per_user_pool: PerPool,
}

#[derive(Debug, Deserialize)]
struct PerPool {
    rps: f64,
    categories: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct Category {
    rps: f64,
    operations: Vec<String>,
}

/// Default rate (requests per second) of each quota category, and each operation's category.
#[derive(Debug, Clone)]
pub struct Quotas {
    pub rates: BTreeMap<String, f64>,
    pub category_of: BTreeMap<String, String>,
    /// The rate of one operation against one user pool, for the categories that have one
    /// (AWS's, not adjustable: `--rate-limit` does not change it).
    pub per_pool_rps: f64,
    pub per_pool_categories: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum RateLimitError {
    #[error("--rate-limit {0:?}: expected RPS or CATEGORY=RPS with RPS a positive number")]
    Malformed(String),
    #[error("--rate-limit {0:?}: unknown category; known: {1}")]
    UnknownCategory(String, String),
}

impl Quotas {
    /// The embedded defaults.
    pub fn defaults() -> Quotas {
        // The table is compiled in and checked by a unit test; an error here is a build defect.
        let table: QuotaTable =
            serde_json::from_str(QUOTAS_JSON).expect("embedded quotas.json is valid");
        let mut rates = BTreeMap::new();
        let mut category_of = BTreeMap::new();
        for (name, cat) in table.categories {
            for op in &cat.operations {
                category_of.insert(op.clone(), name.clone());
            }
            rates.insert(name, cat.rps);
        }
        Quotas {
            rates,
            category_of,
            per_pool_rps: table.per_user_pool.rps,
            per_pool_categories: table.per_user_pool.categories,
        }
    }

    /// Applies `--rate-limit` overrides: `RPS` for every category or `CATEGORY=RPS`.
    pub fn with_overrides(mut self, overrides: &[String]) -> Result<Quotas, RateLimitError> {
        for o in overrides {
            let (category, rps) = match o.split_once('=') {
                Some((c, r)) => (Some(c.trim()), r),
                None => (None, o.as_str()),
            };
            let rps: f64 = rps
                .trim()
                .parse()
                .ok()
                .filter(|r: &f64| r.is_finite() && *r > 0.0)
                .ok_or_else(|| RateLimitError::Malformed(o.clone()))?;
            match category {
                None => self.rates.values_mut().for_each(|r| *r = rps),
                Some(c) => match self.rates.get_mut(c) {
                    Some(r) => *r = rps,
                    None => {
                        let known = self.rates.keys().cloned().collect::<Vec<_>>().join(", ");
                        return Err(RateLimitError::UnknownCategory(o.clone(), known));
                    }
                },
            }
        }
        Ok(self)
    }
}

/// Share of a category's rate the limiter actually uses. Requests paced at exactly R per second
/// can still reach the server R+1 to a one-second window when network jitter delays one and not
/// the next; 3% of head room absorbs 30 ms of jitter per second of calls.
const HEADROOM: f64 = 0.97;

/// Paces calls per category.
pub(crate) struct Limiter {
    category_of: BTreeMap<String, String>,
    slots: BTreeMap<String, (Duration, Mutex<Option<Instant>>)>,
    per_pool_interval: Duration,
    per_pool_categories: Vec<String>,
    /// The next free slot of each (operation, user pool).
    per_pool: Mutex<BTreeMap<(String, String), Instant>>,
}

impl Limiter {
    pub fn new(quotas: &Quotas) -> Limiter {
        let slots = quotas
            .rates
            .iter()
            .map(|(c, rps)| {
                (
                    c.clone(),
                    (
                        Duration::from_secs_f64(1.0 / (rps * HEADROOM)),
                        Mutex::new(None),
                    ),
                )
            })
            .collect();
        Limiter {
            category_of: quotas.category_of.clone(),
            slots,
            per_pool_interval: Duration::from_secs_f64(1.0 / (quotas.per_pool_rps * HEADROOM)),
            per_pool_categories: quotas.per_pool_categories.clone(),
            per_pool: Mutex::new(BTreeMap::new()),
        }
    }

    /// Waits until `operation` may start against user pool `pool`: its per-pool slot (for the
    /// categories AWS limits per pool), then its category's.
    pub async fn wait_in_pool(&self, operation: &str, pool: &str) {
        let limited = self
            .category_of
            .get(operation)
            .is_some_and(|c| self.per_pool_categories.contains(c));
        if limited {
            let slot = {
                let mut next = self.per_pool.lock().await;
                let now = Instant::now();
                let key = (operation.to_string(), pool.to_string());
                let slot = match next.get(&key) {
                    Some(n) if *n > now => *n,
                    _ => now,
                };
                next.insert(key, slot + self.per_pool_interval);
                slot
            };
            tokio::time::sleep_until(slot).await;
        }
        self.wait(operation).await;
    }

    /// Waits until `operation` may start. Operations outside the table are not paced.
    pub async fn wait(&self, operation: &str) {
        let Some((interval, next)) = self
            .category_of
            .get(operation)
            .and_then(|c| self.slots.get(c))
        else {
            return;
        };
        let slot = {
            let mut next = next.lock().await;
            let now = Instant::now();
            let slot = match *next {
                Some(n) if n > now => n,
                _ => now,
            };
            *next = Some(slot + *interval);
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::operations::OPERATIONS;

    #[test]
    fn every_paced_operation_is_one_cogref_calls_and_every_cognito_call_is_paced() {
        let q = Quotas::defaults();
        for op in q.category_of.keys() {
            assert!(OPERATIONS.iter().any(|(_, o)| o == op), "{op} not called");
        }
        for (service, op) in OPERATIONS {
            if service.starts_with("cognito") {
                assert!(q.category_of.contains_key(*op), "{op} has no category");
            }
        }
        assert!(q.rates.values().all(|r| *r > 0.0));
    }

    #[test]
    fn overrides_apply_to_one_or_all_categories() {
        let q = Quotas::defaults().with_overrides(&["7".into()]).unwrap();
        assert!(q.rates.values().all(|r| *r == 7.0));
        let first = q.rates.keys().next().unwrap().clone();
        let q = Quotas::defaults()
            .with_overrides(&[format!("{first}=3.5")])
            .unwrap();
        assert_eq!(q.rates[&first], 3.5);
        assert!(Quotas::defaults().with_overrides(&["x=1".into()]).is_err());
        assert!(Quotas::defaults().with_overrides(&["0".into()]).is_err());
        assert!(Quotas::defaults().with_overrides(&["fast".into()]).is_err());
    }

    #[tokio::test(start_paused = true)]
    async fn calls_against_one_pool_keep_to_its_own_rate() {
        let q = Quotas::defaults();
        assert_eq!(q.per_pool_rps, 5.0);
        let limiter = Limiter::new(&q);
        let start = Instant::now();
        // 11 DescribeRiskConfiguration calls against one pool at 5/s: two seconds at least,
        // although the category allows 20/s.
        for _ in 0..11 {
            limiter
                .wait_in_pool("DescribeRiskConfiguration", "us-east-1_a")
                .await;
        }
        let one_pool = Instant::now() - start;
        assert!(one_pool >= Duration::from_secs(2), "{one_pool:?}");
        // Across pools only the category rate applies.
        let start = Instant::now();
        for i in 0..11 {
            limiter
                .wait_in_pool("DescribeRiskConfiguration", &format!("us-east-1_{i}x"))
                .await;
        }
        let many = Instant::now() - start;
        assert!(many < Duration::from_millis(600), "{many:?}");
        // Operations outside the per-pool categories are not paced per pool.
        let start = Instant::now();
        for _ in 0..11 {
            limiter
                .wait_in_pool("GetPrincipalTagAttributeMap", "us-east-1_a")
                .await;
        }
        assert!(Instant::now() - start < Duration::from_millis(1100));
    }

    #[tokio::test(start_paused = true)]
    async fn calls_of_one_category_are_spaced_by_the_rate() {
        let q = Quotas::defaults().with_overrides(&["10".into()]).unwrap();
        let limiter = Limiter::new(&q);
        let op = q.category_of.keys().next().unwrap().clone();
        let start = Instant::now();
        for _ in 0..21 {
            limiter.wait(&op).await;
        }
        // 21 calls at 10/s (less the head room): the last starts just over 2 s after the first,
        // never earlier.
        let elapsed = Instant::now() - start;
        assert!(elapsed >= Duration::from_secs(2), "{elapsed:?}");
        assert!(elapsed <= Duration::from_millis(2100), "{elapsed:?}");
    }
}
