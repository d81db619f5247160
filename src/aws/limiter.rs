//! Client-side request pacing per API quota category, so a scan goes as fast as the account's
//! quotas allow and never faster.
//!
//! Cognito enforces request-rate quotas per account and region, per category of operations
//! (user pools) or per operation (identity pools). The default rates and the category of each
//! operation cogref calls are embedded from `quotas.json` (sourced from the Cognito developer
//! guide's quotas page; see the file). Each category lets at most `rps` calls start in any
//! window of one second plus a 20 ms guard, and so does each (operation, user pool) pair of
//! the categories Cognito also limits per pool (5 per second). Users can override any rate
//! (`--rate-limit CATEGORY=RPS`, or `--rate-limit RPS` for all), e.g. when a quota was raised or
//! other workloads share it.

use serde::Deserialize;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::{Mutex, Semaphore, SemaphorePermit};
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

/// Extra length of the pacing window beyond the quota's one second. Calls started at most R to
/// a one-second window can still reach the server R+1 to one of its windows when network jitter
/// delays one call and not a later one. 20 ms: measured on a loaded 2-core machine through the
/// benchmark's proxy, 10 ms let through ten times as many throttles and 30 ms cost a point of
/// the quota bound for no fewer (those that remain come from stalls of the machine longer than
/// any guard); a throttle widens its category's window (see `WIDEN_STEP_US`).
const GUARD: Duration = Duration::from_millis(20);

/// How much one throttle widens its category's window, and the most it is widened: a throttle
/// says arrivals there jitter more than the guard, but each millisecond of widening costs R
/// calls a millisecond each for the rest of the scan, and one retried call costs only one
/// slot, so the step is small.
const WIDEN_STEP_US: u64 = 2_000;
const WIDEN_MAX_US: u64 = 30_000;

/// At most `burst` calls start in any window of `length` (the quota's own shape, "R calls per
/// second", plus the guard), at least `spacing` apart (a quarter of the even spacing: a
/// category that was idle, waiting for a List, say, catches up at four times its rate instead
/// of losing the time, the last calls of a scan start early in their window, and a call that
/// starts late delays the next one only when they were that close; yet calls never leave in
/// one clump, whose arrival would spread wider than one call's jitter).
/// Start times are the real ones (taken after the in-flight gate), so a call delayed by the
/// gate can never crowd a later window.
struct Window {
    burst: usize,
    length: Duration,
    spacing: Duration,
    starts: VecDeque<Instant>,
}

impl Window {
    fn new(rps: f64) -> Window {
        // R >= 1: floor(R) calls per second (plus the guard); R < 1: one call per 1/R s.
        let burst = (rps.floor() as usize).max(1);
        let length = Duration::from_secs_f64((burst as f64 / rps).max(1.0)) + GUARD;
        Window {
            burst,
            length,
            spacing: length / (4 * burst as u32),
            starts: VecDeque::with_capacity(burst + 1),
        }
    }

    /// The earliest instant a call may start, with the window `widened` (after throttles).
    fn next_free(&self, now: Instant, widened: Duration) -> Instant {
        let mut at = now;
        if let Some(last) = self.starts.back() {
            at = at.max(*last + self.spacing);
        }
        if self.starts.len() >= self.burst {
            if let Some(oldest) = self.starts.front() {
                at = at.max(*oldest + self.length + widened);
            }
        }
        at
    }

    fn record(&mut self, at: Instant) {
        self.starts.push_back(at);
        while self.starts.len() > self.burst {
            self.starts.pop_front();
        }
    }
}

/// One quota category: its window, and a FIFO queue (the async mutex) so its callers start in
/// the order they asked.
struct Paced {
    window: Mutex<Window>,
    per_pool: Option<f64>,
    /// Microseconds added to the window of this category (and its per-pool windows) after
    /// the service throttled one of its calls: arrivals there jitter more than the guard.
    widened_us: AtomicU64,
}

/// (operation, user pool id).
type PoolKey = (String, String);

/// Paces calls per category (and per operation and user pool where Cognito limits that).
pub(crate) struct Limiter {
    category_of: BTreeMap<String, String>,
    categories: BTreeMap<String, Paced>,
    /// (operation, user pool id) -> its window, made on first use.
    pools: std::sync::Mutex<HashMap<PoolKey, Arc<Mutex<Window>>>>,
}

impl Limiter {
    pub fn new(quotas: &Quotas) -> Limiter {
        let categories = quotas
            .rates
            .iter()
            .map(|(c, rps)| {
                let per_pool = quotas
                    .per_pool_categories
                    .contains(c)
                    .then_some(quotas.per_pool_rps.min(*rps));
                (
                    c.clone(),
                    Paced {
                        window: Mutex::new(Window::new(*rps)),
                        per_pool,
                        widened_us: AtomicU64::new(0),
                    },
                )
            })
            .collect();
        Limiter {
            category_of: quotas.category_of.clone(),
            categories,
            pools: std::sync::Mutex::new(HashMap::new()),
        }
    }

    /// Waits until `operation` may start, takes a permit of `gate` (the in-flight limit) and
    /// records the start; the caller sends the request at once and holds the permit until the
    /// answer. `pool`: the user pool whose resources the call reads, for the operations
    /// Cognito also limits per user pool (see [`pool_of`]). Operations outside the table only
    /// take the permit.
    pub async fn start_in_pool<'a>(
        &self,
        operation: &str,
        pool: Option<&str>,
        gate: &'a Semaphore,
    ) -> Option<SemaphorePermit<'a>> {
        let Some(category) = self
            .category_of
            .get(operation)
            .and_then(|c| self.categories.get(c))
        else {
            return gate.acquire().await.ok();
        };
        let pool = category
            .per_pool
            .and_then(|rps| pool.map(|p| (p, rps)))
            .map(|(pool, rps)| {
                let key = (operation.to_string(), pool.to_string());
                let mut pools = match self.pools.lock() {
                    Ok(p) => p,
                    Err(poisoned) => poisoned.into_inner(),
                };
                pools
                    .entry(key)
                    .or_insert_with(|| Arc::new(Mutex::new(Window::new(rps))))
                    .clone()
            });
        // The per-pool queue first (it only holds this pool's calls of this operation), then
        // the category's: a call waiting for its pool never blocks other pools' calls.
        let widened = || Duration::from_micros(category.widened_us.load(Ordering::Relaxed));
        let mut pool_window = match &pool {
            Some(w) => {
                let w = w.lock().await;
                tokio::time::sleep_until(w.next_free(Instant::now(), widened())).await;
                Some(w)
            }
            None => None,
        };
        let mut window = category.window.lock().await;
        tokio::time::sleep_until(window.next_free(Instant::now(), widened())).await;
        let permit = gate.acquire().await.ok()?;
        let now = Instant::now();
        window.record(now);
        if let Some(w) = pool_window.as_mut() {
            w.record(now);
        }
        Some(permit)
    }

    /// The service throttled a call of `operation` although it kept to the pacing: its
    /// arrivals jitter more than the guard. Widens that category's windows by 10 ms (up to
    /// 100 ms) for the rest of the scan.
    pub fn throttled(&self, operation: &str) {
        if let Some(category) = self
            .category_of
            .get(operation)
            .and_then(|c| self.categories.get(c))
        {
            let _ = category
                .widened_us
                .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |w| {
                    Some((w + WIDEN_STEP_US).min(WIDEN_MAX_US))
                });
        }
    }
}

/// The user pool a resource name starts with: `user-pool us-east-1_abc` or
/// `app-client us-east-1_abc/client` -> `us-east-1_abc`.
pub(crate) fn pool_of(resource: &str) -> Option<&str> {
    let (_, rest) = resource.split_once(' ')?;
    let pool = rest.split('/').next()?;
    (pool.contains('_') && !pool.is_empty()).then_some(pool)
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

    /// Starts `n` calls of `op` on `resource` one after the other; their start times.
    async fn starts(limiter: &Limiter, op: &str, resource: &str, n: usize) -> Vec<Duration> {
        let gate = Semaphore::new(16);
        let t0 = Instant::now();
        let mut out = Vec::new();
        for _ in 0..n {
            let permit = limiter.start_in_pool(op, pool_of(resource), &gate).await;
            assert!(permit.is_some());
            out.push(Instant::now() - t0);
        }
        out
    }

    /// Most starts in any one-second window (half-open, like the server's).
    fn most_in_a_second(starts: &[Duration]) -> usize {
        starts
            .iter()
            .map(|s| {
                starts
                    .iter()
                    .filter(|t| *t >= s && **t - *s < Duration::from_secs(1))
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[tokio::test(start_paused = true)]
    async fn calls_against_one_pool_keep_to_its_own_rate() {
        let q = Quotas::defaults();
        assert_eq!(q.per_pool_rps, 5.0);
        let limiter = Limiter::new(&q);
        let gate = Semaphore::new(16);
        let start = Instant::now();
        // 11 DescribeRiskConfiguration calls against one pool at 5/s: two seconds at least,
        // although the category allows 20/s.
        for _ in 0..11 {
            let op = "DescribeRiskConfiguration";
            assert!(limiter
                .start_in_pool(op, Some("us-east-1_a"), &gate)
                .await
                .is_some());
        }
        let one_pool = Instant::now() - start;
        assert!(one_pool >= Duration::from_secs(2), "{one_pool:?}");
        // Across pools only the category rate applies.
        let start = Instant::now();
        for i in 0..11 {
            let pool = format!("us-east-1_{i}x");
            let op = "DescribeRiskConfiguration";
            assert!(limiter
                .start_in_pool(op, Some(&pool), &gate)
                .await
                .is_some());
        }
        let many = Instant::now() - start;
        assert!(many < Duration::from_millis(600), "{many:?}");
        // Operations outside the per-pool categories are not paced per pool.
        let start = Instant::now();
        for _ in 0..11 {
            let op = "GetPrincipalTagAttributeMap";
            assert!(limiter
                .start_in_pool(op, Some("us-east-1_a"), &gate)
                .await
                .is_some());
        }
        assert!(Instant::now() - start < Duration::from_millis(1100));
    }

    #[tokio::test(start_paused = true)]
    async fn at_most_rate_calls_start_in_any_second_and_no_later_than_needed() {
        let q = Quotas::defaults().with_overrides(&["10".into()]).unwrap();
        let limiter = Limiter::new(&q);
        let op = "DescribeUserPool";
        let s = starts(&limiter, op, "user-pool us-east-1_a", 21).await;
        assert_eq!(most_in_a_second(&s), 10);
        // 10 at four times the rate (25.75 ms apart), 10 more once the first leave the window
        // (1 s + 20 ms), then the 21st.
        // (The paused test clock wakes sleepers on whole milliseconds.)
        assert!(s[1] >= Duration::from_micros(25_500) && s[1] <= Duration::from_millis(26));
        assert!(s[9] <= Duration::from_millis(9 * 26));
        assert_eq!(s[10], Duration::from_millis(1020));
        assert_eq!(s[20], Duration::from_millis(2040));
    }

    #[tokio::test(start_paused = true)]
    async fn a_throttle_widens_its_category_window_by_a_step_up_to_the_most() {
        let q = Quotas::defaults().with_overrides(&["10".into()]).unwrap();
        let limiter = Limiter::new(&q);
        let op = "DescribeUserPool";
        limiter.throttled(op);
        let s = starts(&limiter, op, "user-pool us-east-1_a", 11).await;
        assert_eq!(s[10], Duration::from_millis(1022));
        for _ in 0..100 {
            limiter.throttled(op);
        }
        let s = starts(&limiter, op, "user-pool us-east-1_a", 11).await;
        // The first of these waited for the previous window; the 11th for its own first.
        let gap = s[10] - s[0];
        assert!(gap >= Duration::from_millis(1050) && gap <= Duration::from_millis(1051));
        // Another category is not widened.
        let op = "DescribeIdentityPool";
        let s = starts(&limiter, op, "identity-pool us-east-1:a", 11).await;
        assert_eq!(s[10] - s[0], Duration::from_millis(1020));
        // An operation outside the table is not paced (and not widened).
        limiter.throttled("GetCallerIdentity");
    }

    #[tokio::test(start_paused = true)]
    async fn a_fractional_or_slow_rate_is_never_exceeded() {
        let q = Quotas::defaults().with_overrides(&["0.5".into()]).unwrap();
        let limiter = Limiter::new(&q);
        let s = starts(&limiter, "ListUserPools", "region us-east-1", 3).await;
        assert_eq!(
            s,
            vec![
                Duration::ZERO,
                Duration::from_millis(2020),
                Duration::from_millis(4040)
            ]
        );
        let q = Quotas::defaults().with_overrides(&["3.5".into()]).unwrap();
        let limiter = Limiter::new(&q);
        let s = starts(&limiter, "ListUserPools", "region us-east-1", 20).await;
        assert!(most_in_a_second(&s) <= 3, "{s:?}");
    }

    #[tokio::test(start_paused = true)]
    async fn one_pool_gets_five_calls_a_second_per_operation_and_others_are_not_held_up() {
        let limiter = Limiter::new(&Quotas::defaults());
        let op = "DescribeUserPoolClient";
        let s = starts(&limiter, op, "app-client us-east-1_a/c1", 11).await;
        assert_eq!(most_in_a_second(&s), 5);
        assert_eq!(s[5], Duration::from_millis(1020));
        // Another pool, and another operation on the same pool, wait only for the category's
        // spacing (17 ms at 15/s) and their own pool's (51 ms at 5/s), not for pool a's
        // window (full until 2.04 + 1.02 s).
        let t = Instant::now();
        starts(&limiter, "ListUserPoolClients", "user-pool us-east-1_a", 1).await;
        let s = starts(&limiter, op, "app-client us-east-1_b/c1", 5).await;
        assert!(Instant::now() - t < Duration::from_millis(500), "{s:?}");
        assert_eq!(
            pool_of("identity-provider us-east-1_a/Google"),
            Some("us-east-1_a")
        );
        assert_eq!(pool_of("region us-east-1"), None);
    }

    #[tokio::test(start_paused = true)]
    async fn concurrent_callers_share_the_window_and_a_full_gate_delays_the_recorded_start() {
        let q = Quotas::defaults().with_overrides(&["10".into()]).unwrap();
        let limiter = Limiter::new(&q);
        let gate = Semaphore::new(1);
        let t0 = Instant::now();
        // Each call holds the only permit for 300 ms (its answer): 25 calls are bound by the
        // gate, not the rate; the window must count the real (later) starts.
        let calls = (0..25).map(|_| async {
            let permit = limiter
                .start_in_pool("DescribeUserPool", Some("us-east-1_a"), &gate)
                .await;
            let at = Instant::now() - t0;
            tokio::time::sleep(Duration::from_millis(300)).await;
            drop(permit);
            at
        });
        let mut s = futures::future::join_all(calls).await;
        s.sort();
        assert!(most_in_a_second(&s) <= 10);
        assert_eq!(s[24], Duration::from_millis(24 * 300));
    }
}
