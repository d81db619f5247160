//! Steady under faults: throttling, transient 5xx, dropped connections, AccessDenied on one
//! pool, an endpoint that never answers, and responses that cannot be parsed. Faults come from
//! our proxy (`scripts/proxy.py`) between cogref and the emulator.

use crate::harness::{run, sample_account, Proxy, Run, Sample};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const FIXED_TIME: &str = "2026-01-01T00:00:00Z";

fn scan(mut cmd: std::process::Command, extra: &[&str]) -> Run {
    run(cmd
        .env("COGREF_CAPTURED_AT", FIXED_TIME)
        .args(["scan", "-q"])
        .args(extra))
}

fn baseline(sample: &Sample) -> String {
    let r = scan(sample.emulator.cogref(), &[]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    r.stdout
}

#[test]
fn throttling_on_several_operations_is_retried_to_the_same_snapshot() {
    let sample = sample_account();
    let expected = baseline(&sample);
    let rules = json!([
        {"operation": "ListUserPools", "fault": "throttle", "times": 2},
        {"operation": "DescribeUserPool", "fault": "throttle", "times": 3},
        {"operation": "DescribeUserPoolClient", "fault": "throttle", "times": 3},
        {"operation": "ListGroups", "fault": "throttle", "times": 2},
        {"operation": "GetIdentityPoolRoles", "fault": "throttle", "times": 2},
        {"operation": "GetRole", "fault": "throttle", "times": 3},
        {"operation": "GetPolicyVersion", "fault": "throttle", "times": 2}
    ]);
    let proxy = Proxy::start(&sample.emulator.url, rules, &[]);
    let r = scan(proxy.cogref(), &[]);
    let stats = proxy.stop();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        stats["faulted"], 17,
        "every injected throttle was hit: {stats}"
    );
    assert_eq!(r.stdout, expected, "same snapshot as without faults");
}

/// A throttled call is retried by the scan (through its limiter), not by the SDK too: each
/// throttled read is sent exactly `--max-attempts` times, then recorded as an error.
#[test]
fn a_call_throttled_every_time_is_sent_max_attempts_times_then_recorded() {
    let sample = sample_account();
    let rules = json!([{"operation": "DescribeUserPool", "fault": "throttle"}]);
    let proxy = Proxy::start(&sample.emulator.url, rules, &[]);
    let r = scan(proxy.cogref(), &["--max-attempts", "3", "--allow-partial"]);
    let stats = proxy.stop();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(
        stats["by_operation"]["DescribeUserPool"], 9,
        "3 pools x 3: {stats}"
    );
    assert_eq!(stats["faulted"], 9, "{stats}");
    let snap: Value = serde_json::from_str(&r.stdout).unwrap();
    let errors = snap["errors"].as_array().unwrap();
    let throttled: Vec<&Value> = errors
        .iter()
        .filter(|e| e["operation"] == "DescribeUserPool")
        .collect();
    assert_eq!(throttled.len(), 3, "{errors:?}");
    assert!(throttled
        .iter()
        .all(|e| e["code"] == "TooManyRequestsException"));
}

#[test]
fn transient_errors_and_dropped_connections_are_retried_to_the_same_snapshot() {
    let sample = sample_account();
    let expected = baseline(&sample);
    let rules = json!([
        {"operation": "DescribeUserPool", "fault": "unavailable", "times": 2},
        {"operation": "GetUserPoolMfaConfig", "fault": "drop", "times": 2},
        {"operation": "DescribeIdentityPool", "fault": "unavailable", "times": 1},
        {"operation": "ListRolePolicies", "fault": "drop", "times": 2},
        {"operation": "GetRolePolicy", "fault": "unavailable", "times": 2}
    ]);
    let proxy = Proxy::start(&sample.emulator.url, rules, &[]);
    let r = scan(proxy.cogref(), &[]);
    let stats = proxy.stop();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(stats["faulted"], 9, "{stats}");
    assert_eq!(r.stdout, expected);
}

#[test]
fn access_denied_on_one_pool_leaves_the_others_complete() {
    let sample = sample_account();
    let expected: Value = serde_json::from_str(&baseline(&sample)).unwrap();
    let denied = sample.pool_id("field-ops");
    let rules = json!([{"operation": "*", "contains": denied, "fault": "access_denied"}]);
    let proxy = Proxy::start(&sample.emulator.url, rules, &[]);
    let r = scan(proxy.cogref(), &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let snap: Value = serde_json::from_str(&r.stdout).unwrap();
    let names: Vec<&str> = snap["user_pools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names.len(), 2);
    assert!(!names.contains(&"field-ops"));
    for pool in snap["user_pools"].as_array().unwrap() {
        let original = expected["user_pools"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == pool["id"])
            .unwrap();
        assert_eq!(pool, original, "the other pools are complete");
    }
    let errors = snap["errors"].as_array().unwrap();
    assert!(!errors.is_empty());
    for e in errors {
        assert_eq!(e["code"], "AccessDeniedException");
        assert_eq!(e["resource"], format!("user-pool {denied}"));
    }
    assert!(r.stderr.contains("partial scan"), "{}", r.stderr);

    let r = scan(proxy.cogref(), &["--allow-partial"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    proxy.stop();
}

#[test]
fn an_endpoint_that_never_answers_fails_clearly_within_the_timeout() {
    let sample = sample_account();
    let rules = json!([{"operation": "*", "fault": "hang"}]);
    let proxy = Proxy::start(&sample.emulator.url, rules, &[]);
    let started = Instant::now();
    let r = scan(proxy.cogref(), &["--timeout", "1", "--max-attempts", "2"]);
    let elapsed = started.elapsed();
    assert_eq!(r.code, 2);
    assert!(elapsed < Duration::from_secs(15), "took {elapsed:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("GetCallerIdentity"), "{}", r.stderr);
    assert!(r.stderr.contains("TimeoutError"), "{}", r.stderr);
    assert!(r.stdout.is_empty());
}

#[test]
fn an_unparseable_response_is_a_clear_error_naming_the_operation() {
    let sample = sample_account();
    // At the start: the whole scan fails in one line.
    let proxy = Proxy::start(
        &sample.emulator.url,
        json!([{"operation": "GetCallerIdentity", "fault": "garbage"}]),
        &[],
    );
    let r = scan(proxy.cogref(), &[]);
    assert_eq!(r.code, 2);
    assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
    assert!(r.stderr.contains("GetCallerIdentity"), "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    proxy.stop();

    // Mid-scan: recorded against the operation, the rest is read.
    let proxy = Proxy::start(
        &sample.emulator.url,
        json!([{"operation": "DescribeUserPoolClient", "fault": "garbage", "times": 1}]),
        &[],
    );
    let r = scan(proxy.cogref(), &[]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    let snap: Value = serde_json::from_str(&r.stdout).unwrap();
    let errors = snap["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0]["operation"], "DescribeUserPoolClient");
    assert_eq!(errors[0]["code"], "ResponseError");
    assert_eq!(snap["user_pools"].as_array().unwrap().len(), 3);
    proxy.stop();
}
