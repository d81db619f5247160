//! The scan: which resources to read, in what order, how many at once, and what to do when a
//! read fails.
//!
//! Reads run concurrently behind one semaphore (`--concurrency`), each paced by its quota
//! category ([`Limiter`]), as one pipeline: pools are read while ListUserPools still pages, and
//! IAM roles as soon as a read names them (a pool's groups, its SMS role), while Cognito is
//! still read, so no category waits for another to finish. A throttled call is sent again
//! through the limiter (so the retry keeps to the quota too) and other transient failures
//! (5xx, dropped connections) by the SDK's standard retry, up to `--max-attempts`. A read that
//! still fails is recorded in the snapshot's `errors` and the scan goes on. Nothing is read
//! twice: each role and each managed policy is read once however many references it has.

use super::error::classify;
use super::limiter::{pool_of, Limiter};
use super::stacks::{self, StackSelection};
use super::{
    global_clients, iam, identity_pools, user_pools, AwsError, AwsSettings, RegionClients,
};
use crate::model::{IdentityPoolId, ScanError, Snapshot, UserPoolId};
use aws_sdk_cognitoidentityprovider::error::ProvideErrorMetadata;
use aws_smithy_runtime_api::client::result::SdkError;
use aws_smithy_runtime_api::http::Response;
use futures::channel::mpsc;
use futures::StreamExt;
use std::collections::{BTreeMap, BTreeSet};
use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tokio::sync::Semaphore;

/// What to scan.
#[derive(Debug, Clone, Default)]
pub struct ScanRequest {
    /// Regions given with `--region` (or `--all-regions` expanded).
    pub regions: Vec<String>,
    /// `--pool`: only these user pools (their regions are scanned).
    pub pools: Vec<UserPoolId>,
    /// `--identity-pool`: only these identity pools.
    pub identity_pools: Vec<IdentityPoolId>,
    /// Recorded as the snapshot's `captured_at`.
    pub captured_at: String,
    /// CloudFormation stacks to record (`--stack`, `--all-stacks`).
    pub stacks: StackSelection,
    /// IAM role names to read besides those Cognito resources reference (the roles a drift
    /// template declares).
    pub roles: Vec<String>,
}

/// Counters the app layer renders as a progress line. Updated as reads complete.
#[derive(Debug, Default)]
pub struct ScanProgress {
    pub user_pools: AtomicUsize,
    pub clients: AtomicUsize,
    pub identity_pools: AtomicUsize,
    pub roles: AtomicUsize,
    pub calls: AtomicUsize,
    pub errors: AtomicUsize,
}

impl ScanProgress {
    pub fn get(counter: &AtomicUsize) -> usize {
        counter.load(Ordering::Relaxed)
    }
    pub(crate) fn bump(counter: &AtomicUsize) {
        counter.fetch_add(1, Ordering::Relaxed);
    }
}

/// Shared state of one scan: the in-flight limit, progress counters and the error list.
pub(crate) struct Ctx {
    gate: Semaphore,
    limiter: Limiter,
    /// Attempts per call when the answer is a throttle (`--max-attempts`): cogref retries
    /// those itself, through the limiter, so a retry keeps to the quota like any call.
    attempts: u32,
    pub progress: Arc<ScanProgress>,
    errors: Mutex<Vec<ScanError>>,
    /// What was left unread by design (see `Snapshot::not_read`).
    not_read: Mutex<Vec<ScanError>>,
}

impl Ctx {
    /// Runs one AWS call at its category's pace and behind the in-flight limit. `request()`
    /// sends it (called again for a retry after a throttle). A failure is recorded against
    /// `resource` and yields `None`. A read of one user pool's resources (`resource` starts
    /// with the pool id after its kind) is paced by that pool's per-operation quota too.
    pub async fn call<T, E, F>(
        &self,
        resource: &str,
        operation: &str,
        request: impl FnMut() -> F,
    ) -> Option<T>
    where
        F: Future<Output = Result<T, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let pool = pool_of(resource);
        self.send(pool, resource, operation, request, false).await
    }

    /// [`Ctx::call`] for a read of user pool `pool`'s resources: paced by that pool's own
    /// per-operation quota too (see `quotas.json`, `per_user_pool`).
    pub async fn call_in_pool<T, E, F>(
        &self,
        pool: &str,
        resource: &str,
        operation: &str,
        request: impl FnMut() -> F,
    ) -> Option<T>
    where
        F: Future<Output = Result<T, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        self.send(Some(pool), resource, operation, request, false)
            .await
    }

    /// Like [`Ctx::call_in_pool`] (or a plain call when `pool` is `None`), for reads whose
    /// `ResourceNotFoundException` means "there is none" (a client without a branding style,
    /// an identity provider without a principal tag map): that answer is `None`, not an error.
    pub async fn call_or_absent<T, E, F>(
        &self,
        pool: Option<&str>,
        resource: &str,
        operation: &str,
        request: impl FnMut() -> F,
    ) -> Option<T>
    where
        F: Future<Output = Result<T, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        self.send(pool, resource, operation, request, true).await
    }

    /// Sends one call when the limiter lets it start (paced per `pool` and operation too when
    /// `pool` is given), holding an in-flight slot until the answer; a throttled call is sent
    /// again the same way, up to `attempts` in all (the SDK retries other transient failures
    /// itself, see `PacedRetries` in `aws/mod.rs`). A failure is recorded; with `absent_is_none` a
    /// `ResourceNotFoundException` is `None` and not a failure.
    async fn send<T, E, F>(
        &self,
        pool: Option<&str>,
        resource: &str,
        operation: &str,
        request: impl FnMut() -> F,
        absent_is_none: bool,
    ) -> Option<T>
    where
        F: Future<Output = Result<T, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let e = match self.attempt(pool, operation, request).await? {
            Ok(v) => return Some(v),
            Err(e) => e,
        };
        if absent_is_none && e.code() == Some("ResourceNotFoundException") {
            return None;
        }
        let (code, message) = classify(&e);
        self.record(resource, operation, &code, &message);
        None
    }

    /// Sends one call when the limiter lets it start, holding an in-flight slot until the
    /// answer, and sends a throttled call again the same way, up to `attempts` in all. `None`
    /// when the scan stopped before the call could start; otherwise the last answer.
    async fn attempt<T, E, F>(
        &self,
        pool: Option<&str>,
        operation: &str,
        mut request: impl FnMut() -> F,
    ) -> Option<Result<T, SdkError<E, Response>>>
    where
        F: Future<Output = Result<T, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut attempt = 1;
        loop {
            let permit = self
                .limiter
                .start_in_pool(operation, pool, &self.gate)
                .await?;
            ScanProgress::bump(&self.progress.calls);
            let result = request().await;
            drop(permit);
            match result {
                Err(e) if attempt < self.attempts && e.code().is_some_and(super::is_throttling) => {
                    self.limiter.throttled(operation);
                    attempt += 1;
                }
                answer => return Some(answer),
            }
        }
    }

    /// Reads every page of a List call. `request(token)` sends the request for one page;
    /// `page(output)` returns that page's items and the token of the next page (`None` at the
    /// end). A repeated token ends the loop, so a faulty endpoint cannot make it spin.
    pub async fn paginate<O, E, T, R, Fut>(
        &self,
        resource: &str,
        operation: &str,
        request: R,
        page: impl FnMut(O) -> (Vec<T>, Option<String>),
    ) -> Vec<T>
    where
        R: FnMut(Option<String>) -> Fut,
        Fut: Future<Output = Result<O, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut items = Vec::new();
        self.paginate_each(resource, operation, request, page, |mut got| {
            items.append(&mut got)
        })
        .await;
        items
    }

    /// [`Ctx::paginate`], handing each page's items to `on_page` as soon as it arrives (so
    /// their reads start while the next page is listed).
    pub async fn paginate_each<O, E, T, R, Fut>(
        &self,
        resource: &str,
        operation: &str,
        mut request: R,
        mut page: impl FnMut(O) -> (Vec<T>, Option<String>),
        mut on_page: impl FnMut(Vec<T>),
    ) where
        R: FnMut(Option<String>) -> Fut,
        Fut: Future<Output = Result<O, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        let mut pages = Pages::new();
        let mut token = None;
        loop {
            let Some(out) = self
                .call(resource, operation, || request(token.clone()))
                .await
            else {
                break;
            };
            let (got, next) = page(out);
            on_page(got);
            match pages.next(next.as_deref()) {
                Some(t) => token = Some(t),
                None => break,
            }
        }
    }

    /// Like [`Ctx::call`], but a failure is handed back as `(code, message)` instead of being
    /// recorded as a scan error: for reads whose failure is reported where the value is used
    /// (Cloud Control `GetResource`: the attribute stays unknown, with why). Never paced per
    /// user pool: no such read is a user pool's.
    pub async fn try_call<T, E, F>(
        &self,
        operation: &str,
        request: impl FnMut() -> F,
    ) -> Result<T, (String, String)>
    where
        F: Future<Output = Result<T, SdkError<E, Response>>>,
        E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    {
        match self.attempt(None, operation, request).await {
            None => Err(("NotSent".into(), "the scan stopped before the call".into())),
            Some(answer) => answer.map_err(|e| classify(&e)),
        }
    }

    pub fn record(&self, resource: &str, operation: &str, code: &str, message: &str) {
        ScanProgress::bump(&self.progress.errors);
        push_entry(&self.errors, resource, operation, code, message);
    }

    /// Records a reference the scan does not read by design (not a failure: the scan stays
    /// complete).
    pub fn not_read(&self, resource: &str, operation: &str, code: &str, message: &str) {
        push_entry(&self.not_read, resource, operation, code, message);
    }

    fn take_errors(&self) -> Vec<ScanError> {
        match self.errors.lock() {
            Ok(mut e) => std::mem::take(&mut *e),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        }
    }

    fn take_not_read(&self) -> Vec<ScanError> {
        match self.not_read.lock() {
            Ok(mut e) => std::mem::take(&mut *e),
            Err(poisoned) => std::mem::take(&mut *poisoned.into_inner()),
        }
    }
}

/// Guards a pagination loop against an endpoint that hands back the same token forever.
struct Pages {
    seen: BTreeSet<String>,
}

impl Pages {
    fn new() -> Self {
        Pages {
            seen: BTreeSet::new(),
        }
    }
    /// The token for the next page, or `None` when done (or when the token repeats).
    fn next(&mut self, token: Option<&str>) -> Option<String> {
        let token = token.filter(|t| !t.is_empty())?;
        if self.seen.insert(token.to_string()) {
            Some(token.to_string())
        } else {
            None
        }
    }
}

/// Scans the account as `request` says and returns the (normalised) snapshot. Per-resource
/// failures land in `snapshot.errors`; only set-up failures (credentials, STS) are `Err`.
pub async fn scan(
    config: &aws_config::SdkConfig,
    settings: &AwsSettings,
    request: &ScanRequest,
    progress: Arc<ScanProgress>,
) -> Result<Snapshot, AwsError> {
    let mut regions: BTreeSet<String> = request.regions.iter().cloned().collect();
    regions.extend(request.pools.iter().map(|p| p.region().to_string()));
    regions.extend(
        request
            .identity_pools
            .iter()
            .map(|p| p.region().to_string()),
    );
    if let StackSelection::Named(names) = &request.stacks {
        regions.extend(
            names
                .iter()
                .filter_map(|n| stacks::region_of_stack_id(n))
                .map(str::to_string),
        );
    }
    if regions.is_empty() {
        regions.insert(super::default_region(config).ok_or(AwsError::NoRegion)?);
    }
    let first_region = regions.iter().next().cloned().ok_or(AwsError::NoRegion)?;
    let ctx = Ctx {
        gate: Semaphore::new(settings.concurrency.max(1)),
        limiter: Limiter::new(&settings.quotas),
        attempts: settings.max_attempts.max(1),
        progress,
        errors: Mutex::new(Vec::new()),
        not_read: Mutex::new(Vec::new()),
    };
    let (iam_client, sts) = global_clients(config, &first_region);
    let identity = sts.get_caller_identity().send().await.map_err(|e| {
        let (code, message) = classify(&e);
        AwsError::CallerIdentity { code, message }
    })?;
    ScanProgress::bump(&ctx.progress.calls);
    let account_id = identity.account().map(str::to_string);

    let clients: BTreeMap<String, RegionClients> = regions
        .iter()
        .map(|r| (r.clone(), RegionClients::new(config, r)))
        .collect();

    let stacks = read_stacks(&ctx, &clients, &first_region, &request.stacks).await;
    let derived;
    let request = match &request.stacks {
        // Named stacks and no pool named: scan exactly the pools the stacks hold.
        StackSelection::Named(_)
            if request.pools.is_empty() && request.identity_pools.is_empty() =>
        {
            derived = request_for_stacks(request, &stacks);
            &derived
        }
        _ => request,
    };

    let pools_selected = !request.pools.is_empty();
    let identity_selected = !request.identity_pools.is_empty();
    let wanted: BTreeSet<&str> = request.pools.iter().map(|p| p.as_str()).collect();
    // Only user pools were named: keep the identity pools that link to them.
    let keep_identity_pool = |ip: &crate::model::IdentityPool| {
        !pools_selected
            || identity_selected
            || ip.cognito_identity_providers.iter().any(|p| {
                p.user_pool_id
                    .as_deref()
                    .is_some_and(|id| wanted.contains(id))
            })
    };

    // Everything runs as one pipeline, so no quota category waits for another to finish:
    // user pools are read as soon as a page of ListUserPools names them, and each IAM role
    // as soon as the first read that references it has answered (a pool's groups, its
    // description for the SMS role, an identity pool), not once the whole pool is read.
    let (role_tx, role_rx) = mpsc::unbounded::<(String, String)>();
    // The roles of the read stacks that hold Cognito resources, and those a drift template
    // declares: drift compares them even when no Cognito resource references them. Sent first;
    // the role reader reads a role once per account and name, whatever ARN names it.
    let mut stack_roles = Vec::new();
    for s in &stacks {
        stack_roles_of(s, &s.stack_name, &mut stack_roles);
    }
    let stack_roles = stack_roles
        .into_iter()
        .map(|(path, logical, region, name)| (format!("stack {path} {logical}"), region, name));
    let asked = request.roles.iter().map(|n| {
        (
            "drift template".to_string(),
            first_region.clone(),
            n.clone(),
        )
    });
    for (reference, region, name) in stack_roles.chain(asked) {
        let arn = format!(
            "arn:{}:iam::{}:role/{name}",
            crate::cfn::partition_of(&region),
            account_id.as_deref().unwrap_or_default()
        );
        let _ = role_tx.unbounded_send((arn, reference));
    }
    let (ctx, clients, keep_identity_pool) = (&ctx, &clients, &keep_identity_pool);
    // Owns the sender: when this future ends, the role reader's input ends.
    let cognito = async move {
        let role_tx = role_tx;
        let role_tx = &role_tx;
        let send_roles = move |references: Vec<(String, String)>| {
            for r in references {
                // The receiver lives until every sender is gone: a send cannot fail.
                let _ = role_tx.unbounded_send(r);
            }
        };
        let read_user_pools = |ids: mpsc::UnboundedReceiver<String>| {
            ids.map(move |id| async move {
                user_pools::read_one(ctx, clients, config, &id, &send_roles).await
            })
            .buffer_unordered(usize::MAX)
            .filter_map(futures::future::ready)
            .collect::<Vec<_>>()
        };
        // Identity pools: the selected ones, or every one in the scanned regions.
        let identity_future = async {
            let ids: Vec<String> = if identity_selected {
                request
                    .identity_pools
                    .iter()
                    .map(|p| p.as_str().to_string())
                    .collect()
            } else {
                let lists = futures::future::join_all(
                    clients.values().map(|c| identity_pools::list(ctx, c)),
                )
                .await;
                lists.into_iter().flatten().collect()
            };
            let reads = ids.iter().map(|id| async move {
                let ip = identity_pools::read_one_in(ctx, clients, config, id).await?;
                if keep_identity_pool(&ip) {
                    send_roles(role_references_of_identity_pool(&ip));
                }
                Some(ip)
            });
            let read = futures::future::join_all(reads).await;
            read.into_iter().flatten().collect::<Vec<_>>()
        };
        // User pools that do not depend on identity pools: the selected ones, or every one.
        let pools_future = async {
            if identity_selected && !pools_selected {
                return Vec::new();
            }
            let (tx, rx) = mpsc::unbounded::<String>();
            let listing = async move {
                if pools_selected {
                    for p in &request.pools {
                        let _ = tx.unbounded_send(p.as_str().to_string());
                    }
                } else {
                    let tx = &tx;
                    futures::future::join_all(clients.values().map(|c| {
                        user_pools::list(ctx, c, move |ids| {
                            for id in ids {
                                let _ = tx.unbounded_send(id);
                            }
                        })
                    }))
                    .await;
                }
                // `tx` drops here: the reads end once the listed pools are read.
            };
            let ((), pools) = futures::join!(listing, read_user_pools(rx));
            pools
        };
        let (mut identity_pools, mut user_pools) = futures::join!(identity_future, pools_future);

        if identity_selected && !pools_selected {
            // Only identity pools were named: read the user pools they link to.
            let linked: BTreeSet<String> = identity_pools
                .iter()
                .flat_map(|ip| ip.cognito_identity_providers.iter())
                .filter_map(|p| p.user_pool_id.clone())
                .collect();
            let (tx, rx) = mpsc::unbounded::<String>();
            for id in linked {
                let _ = tx.unbounded_send(id);
            }
            drop(tx);
            user_pools = read_user_pools(rx).await;
        }
        identity_pools.retain(|ip| keep_identity_pool(ip));
        (identity_pools, user_pools)
    };
    let roles = iam::read_roles(ctx, &iam_client, account_id.as_deref(), role_rx);
    let ((identity_pools, user_pools), roles) = futures::join!(cognito, roles);

    let mut snapshot = Snapshot::new(request.captured_at.clone());
    snapshot.account_id = account_id;
    snapshot.regions = regions.into_iter().collect();
    snapshot.user_pools = user_pools;
    snapshot.identity_pools = identity_pools;
    snapshot.roles = roles;
    snapshot.stacks = stacks;
    snapshot.errors = ctx.take_errors();
    snapshot.not_read = ctx.take_not_read();
    snapshot.normalize();
    Ok(snapshot)
}

/// The IAM roles a user pool's groups reference, each with who refers.
pub(crate) fn group_role_references(
    pool_id: &str,
    groups: &[crate::model::Group],
) -> Vec<(String, String)> {
    groups
        .iter()
        .filter_map(|g| {
            let arn = g.role_arn.clone()?;
            Some((arn, format!("group {pool_id}/{}", g.name)))
        })
        .collect()
}

/// The IAM role a user pool sends SMS messages with, if any, with who refers.
pub(crate) fn sms_role_references(pool: &crate::model::UserPool) -> Vec<(String, String)> {
    pool.sms_configuration
        .as_ref()
        .and_then(|s| s.sns_caller_arn.clone())
        .map(|arn| (arn, format!("sms-role {}", pool.id)))
        .into_iter()
        .collect()
}

/// The IAM roles an identity pool references (its roles, its role-mapping rules).
fn role_references_of_identity_pool(ip: &crate::model::IdentityPool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (kind, arn) in &ip.roles {
        out.push((arn.clone(), format!("identity-pool {} {kind}", ip.id)));
    }
    for (provider, mapping) in &ip.role_mappings {
        for rule in &mapping.rules {
            out.push((
                rule.role_arn.clone(),
                format!("role-mapping {} {provider}", ip.id),
            ));
        }
    }
    out
}

/// `(stack path, logical id, region, role name)` of every `AWS::IAM::Role` of a stack tree,
/// in the stacks that hold a Cognito resource (the ones drift compares).
fn stack_roles_of(
    stack: &crate::model::DeployedStack,
    path: &str,
    out: &mut Vec<(String, String, String, String)>,
) {
    if stack.holds_cognito_resource() {
        for r in &stack.resources {
            if let (true, Some(name)) = (r.resource_type == "AWS::IAM::Role", &r.physical_id) {
                out.push((
                    path.to_string(),
                    r.logical_id.clone(),
                    stack.region.clone(),
                    name.clone(),
                ));
            }
        }
    }
    for (logical, nested) in &stack.nested {
        stack_roles_of(nested, &format!("{path}/{logical}"), out);
    }
}

/// Reads the selected stacks: named ones in the region of their id (a stack ARN) or the first
/// scanned region; with `--all-stacks`, every root stack of every scanned region that holds a
/// Cognito resource, directly or in a nested stack.
async fn read_stacks(
    ctx: &Ctx,
    clients: &BTreeMap<String, RegionClients>,
    first_region: &str,
    selection: &StackSelection,
) -> Vec<crate::model::DeployedStack> {
    let mut found = Vec::new();
    match selection {
        StackSelection::None => {}
        StackSelection::Named(names) => {
            for name in names {
                let region = stacks::region_of_stack_id(name).unwrap_or(first_region);
                if let Some(c) = clients.get(region) {
                    if let Some(s) = stacks::read_stack(ctx, c, region, name, 0).await {
                        found.push(s);
                    }
                }
            }
        }
        StackSelection::All => {
            for (region, c) in clients {
                for id in stacks::list_root_stacks(ctx, &c.cfn, region).await {
                    if let Some(s) = stacks::read_stack(ctx, c, region, &id, 0).await {
                        if s.has_cognito_resource() {
                            found.push(s);
                        }
                    }
                }
            }
        }
    }
    found
}

/// The scan request for named stacks: the user pools and identity pools they hold.
fn request_for_stacks(request: &ScanRequest, found: &[crate::model::DeployedStack]) -> ScanRequest {
    fn collect(
        s: &crate::model::DeployedStack,
        pools: &mut Vec<UserPoolId>,
        ids: &mut Vec<IdentityPoolId>,
    ) {
        for r in &s.resources {
            let Some(physical) = &r.physical_id else {
                continue;
            };
            match r.resource_type.as_str() {
                "AWS::Cognito::UserPool" => pools.extend(physical.parse::<UserPoolId>().ok()),
                "AWS::Cognito::IdentityPool" => ids.extend(physical.parse::<IdentityPoolId>().ok()),
                _ => {}
            }
        }
        for n in s.nested.values() {
            collect(n, pools, ids);
        }
    }
    let mut derived = request.clone();
    for s in found {
        collect(s, &mut derived.pools, &mut derived.identity_pools);
    }
    derived
}

/// Appends one entry to a shared list of scan errors or references not read.
fn push_entry(
    list: &Mutex<Vec<ScanError>>,
    resource: &str,
    operation: &str,
    code: &str,
    message: &str,
) {
    let entry = ScanError {
        resource: resource.to_string(),
        operation: operation.to_string(),
        code: code.to_string(),
        message: message.to_string(),
    };
    match list.lock() {
        Ok(mut l) => l.push(entry),
        Err(poisoned) => poisoned.into_inner().push(entry),
    }
}

#[cfg(test)]
mod tests {
    use super::Pages;

    #[test]
    fn pagination_stops_on_a_repeated_or_empty_token() {
        let mut pages = Pages::new();
        assert_eq!(pages.next(Some("a")).as_deref(), Some("a"));
        assert_eq!(pages.next(Some("b")).as_deref(), Some("b"));
        assert_eq!(pages.next(Some("a")), None);
        assert_eq!(pages.next(Some("")), None);
        assert_eq!(pages.next(None), None);
    }
}
