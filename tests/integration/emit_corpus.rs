//! Emitting the corpus: every emitter on real configurations (issue 17). For each template the
//! corpus test deploys and scans (the shared public templates and the CDK / Amplify Gen2 stacks
//! of `.cache/synth/out/manifest.json`), on the scanned snapshot, offline:
//!
//! - `cfn-lint`: `cogref emit cloudformation` succeeds, and the pinned cfn-lint finds no error
//!   in the template (run once over every emitted template at the end, see [`lint_all`]);
//!   warnings are printed, not failed;
//! - `drift-roundtrip`: the emitted template fed back to `cogref drift --snapshot SCAN --desired
//!   TEMPLATE --import-file resources-to-import.json` reports no drift (exit 0, no finding);
//! - `terraform`: `cogref emit terraform` succeeds, every `.tf` file parses, every resource type,
//!   argument and nested block is one the AWS provider documents
//!   (`tests/fixtures/terraform-aws-provider-names.json`, with its sources), every resource has
//!   one import block whose id has the provider's documented format and names a resource of the
//!   snapshot, every Cognito resource of the snapshot is there, and schema attribute names are
//!   bare (the provider adds `custom:` itself);
//! - `outputs`: `cogref emit outputs` for every pool + client (and every identity pool that
//!   accepts them) exits 0 or 1 and writes an `amplify_outputs.json` valid against
//!   `tests/fixtures/amplify-outputs-schema-v1.5.json`;
//! - `cdk`: `cogref emit cdk` in both styles (reference with literal ids; adopt) succeeds, and
//!   every template's two constructs go into ONE batched CDK app (see [`cdk_all`]: one `tsc`
//!   run against the pinned aws-cdk-lib, one `node` run synthesizing one `cdk.App` per
//!   template and style); a tsc error is attributed to the template whose construct file it
//!   names; the reference style synthesizes no resource but CDK's metadata; the adopt style's
//!   synthesized template is cfn-lint clean (in the batched cfn-lint run) and
//!   `cogref drift --snapshot SCAN --desired SYNTHESIZED --import-file resources-to-import.json`
//!   reports no drift.
//!
//! `tests/emit-expectations.json` lists the known failures per template and stage, each with
//! its cause; a stage not listed must be clean, and a listed one that has become clean fails the
//! test (remove it), as in `tests/corpus-expectations.json`.

use crate::harness::{cogref, fixture, root, run};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The stages, in the order they run and are reported.
pub const STAGES: [&str; 5] = ["cfn-lint", "drift-roundtrip", "terraform", "outputs", "cdk"];

/// What each stage gave for one template: `None` when clean, else what was found.
#[derive(Debug, Default, Clone)]
pub struct EmitOutcome {
    pub stages: BTreeMap<&'static str, Option<String>>,
    /// The emitted template.json, for the batched cfn-lint run.
    pub template: Option<PathBuf>,
    /// cfn-lint's warnings and informational findings (printed, allowed).
    pub lint_notes: Vec<String>,
    /// What `emit cdk` wrote, for the batched compile and synth ([`cdk_all`]).
    pub cdk: Option<CdkEmitted>,
}

/// The known failures per template, by stage.
pub fn expectations() -> BTreeMap<String, BTreeMap<String, String>> {
    let path = root().join("tests/emit-expectations.json");
    let doc: Value = serde_json::from_slice(&std::fs::read(&path).expect("emit expectations"))
        .expect("tests/emit-expectations.json is JSON");
    let mut out = BTreeMap::new();
    for (name, stages) in doc["templates"].as_object().expect("a templates map") {
        let mut known = BTreeMap::new();
        for (stage, cause) in stages.as_object().expect("stage -> cause") {
            assert!(
                STAGES.contains(&stage.as_str()),
                "{name}: unknown stage {stage} (one of {STAGES:?})"
            );
            let cause = cause.as_str().expect("cause is a string");
            assert!(
                cause.starts_with("known: "),
                "{name} {stage}: `known: <cause>`, not {cause:?}"
            );
            known.insert(stage.clone(), cause.to_string());
        }
        out.insert(name.clone(), known);
    }
    out
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}

fn first_error_line(text: &str) -> String {
    text.lines()
        .find(|l| l.contains("error"))
        .or_else(|| text.lines().find(|l| !l.trim().is_empty()))
        .unwrap_or("(no message)")
        .trim()
        .to_string()
}

/// Runs every emitter on `scan` into `out` (a fresh directory, created here). cfn-lint is left to
/// [`lint_all`]: the stage is `None` here when the template was written.
pub fn emit_all(scan: &Path, out: &Path) -> EmitOutcome {
    let mut outcome = EmitOutcome::default();
    // `--out` goes into an existing directory (cogref does not create the one it is given).
    std::fs::create_dir_all(out).expect("emit output directory");
    let snapshot: Value = match std::fs::read(scan).map(|b| serde_json::from_slice(&b)) {
        Ok(Ok(v)) => v,
        other => {
            for stage in STAGES {
                outcome
                    .stages
                    .insert(stage, Some(format!("snapshot unreadable: {other:?}")));
            }
            return outcome;
        }
    };

    // CloudFormation, then the round trip through drift.
    let cfn = out.join("cloudformation");
    let emitted = run(cogref()
        .args(["emit", "cloudformation", "--snapshot", arg(scan), "--out"])
        .arg(&cfn));
    if emitted.code != 0 {
        let why = format!(
            "emit cloudformation exit {}: {}",
            emitted.code,
            first_error_line(&emitted.stderr)
        );
        outcome.stages.insert("cfn-lint", Some(why.clone()));
        outcome
            .stages
            .insert("drift-roundtrip", Some(format!("not run: {why}")));
    } else {
        let template = cfn.join("template.json");
        outcome.stages.insert("cfn-lint", None);
        outcome
            .stages
            .insert("drift-roundtrip", roundtrip(scan, &template, &cfn));
        outcome.template = Some(template);
    }

    outcome.stages.insert(
        "terraform",
        terraform(&snapshot, scan, &out.join("terraform")),
    );
    outcome.stages.insert("outputs", outputs(&snapshot, scan));
    // The cdk stage is decided after the batched compile ([`cdk_all`], [`cdk_outcome`]).
    match emit_cdk(scan, out) {
        Ok(emitted) => {
            outcome.stages.insert("cdk", None);
            outcome.cdk = Some(emitted);
        }
        Err(why) => {
            outcome.stages.insert("cdk", Some(why));
        }
    }
    outcome
}

fn roundtrip(scan: &Path, template: &Path, dir: &Path) -> Option<String> {
    let r = run(cogref().args([
        "drift",
        "--snapshot",
        arg(scan),
        "--desired",
        arg(template),
        "--import-file",
        arg(&dir.join("resources-to-import.json")),
        "--format",
        "json",
    ]));
    if r.code == 2 {
        return Some(format!("drift exit 2: {}", first_error_line(&r.stderr)));
    }
    let report: Value = match serde_json::from_str(&r.stdout) {
        Ok(v) => v,
        Err(e) => return Some(format!("drift exit {}: report is not JSON: {e}", r.code)),
    };
    crate::corpus::summarize_drift(r.code, &report)
}

// ------------------------------------------------------------------------------ terraform

/// The provider's documented names of one block: its arguments and nested blocks.
#[derive(Debug, Default)]
struct BlockNames {
    arguments: BTreeSet<String>,
    blocks: BTreeMap<String, BlockNames>,
}

fn block_names(v: &Value) -> BlockNames {
    BlockNames {
        arguments: v["arguments"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|a| a.as_str().expect("argument name").to_string())
            .collect(),
        blocks: v["blocks"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, b)| (k.clone(), block_names(b)))
            .collect(),
    }
}

struct ProviderNames {
    resources: BTreeMap<String, BlockNames>,
    import_ids: BTreeMap<String, String>,
    meta: BlockNames,
}

fn provider_names() -> ProviderNames {
    let doc: Value = serde_json::from_slice(
        &std::fs::read(fixture("terraform-aws-provider-names.json")).expect("provider names"),
    )
    .expect("terraform-aws-provider-names.json is JSON");
    let mut resources = BTreeMap::new();
    let mut import_ids = BTreeMap::new();
    for (ty, r) in doc["resources"].as_object().expect("resources") {
        assert!(
            r["source"]
                .as_str()
                .is_some_and(|s| s.contains("website/docs/r/")),
            "{ty}: every entry names its docs page"
        );
        resources.insert(ty.clone(), block_names(r));
        import_ids.insert(
            ty.clone(),
            r["import_id"].as_str().expect("import_id").to_string(),
        );
    }
    ProviderNames {
        resources,
        import_ids,
        meta: block_names(&doc["meta_arguments"]),
    }
}

/// Names in `body` that `names` (plus the meta-arguments at the top) does not document.
fn undocumented(
    body: &hcl::Body,
    names: &BlockNames,
    meta: Option<&BlockNames>,
    at: &str,
    into: &mut Vec<String>,
) {
    for a in body.attributes() {
        let known = names.arguments.contains(a.key())
            || meta.is_some_and(|m| m.arguments.contains(a.key()));
        if !known {
            into.push(format!("argument {at}.{}", a.key()));
        }
    }
    for b in body.blocks() {
        let id = b.identifier();
        let inner = names
            .blocks
            .get(id)
            .or_else(|| meta.and_then(|m| m.blocks.get(id)));
        match inner {
            Some(inner) => undocumented(b.body(), inner, None, &format!("{at}.{id}"), into),
            None => into.push(format!("block {at}.{id}")),
        }
    }
}

fn s<'a>(v: &'a Value, key: &str) -> &'a str {
    v[key].as_str().unwrap_or_default()
}

fn list<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v[key].as_array().into_iter().flatten()
}

/// Every import id the snapshot allows, per resource type, built from the documented formats.
fn expected_import_ids(
    snapshot: &Value,
    formats: &BTreeMap<String, String>,
) -> BTreeMap<String, BTreeSet<String>> {
    let fill = |ty: &str, values: &[(&str, &str)]| -> String {
        let mut id = formats[ty].clone();
        for (placeholder, value) in values {
            id = id.replace(placeholder, value);
        }
        id
    };
    let mut out: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let mut add = |ty: &str, id: String| {
        out.entry(ty.to_string()).or_default().insert(id);
    };
    for p in list(snapshot, "user_pools") {
        let pool = s(p, "id");
        add(
            "aws_cognito_user_pool",
            fill("aws_cognito_user_pool", &[("USER_POOL_ID", pool)]),
        );
        for c in list(p, "clients") {
            let values = [("USER_POOL_ID", pool), ("CLIENT_ID", s(c, "id"))];
            add(
                "aws_cognito_user_pool_client",
                fill("aws_cognito_user_pool_client", &values),
            );
        }
        // The prefix domain and the custom domain are one resource each.
        for key in ["domain", "custom_domain"] {
            if let Some(d) = p[key]["domain"].as_str() {
                add(
                    "aws_cognito_user_pool_domain",
                    fill("aws_cognito_user_pool_domain", &[("DOMAIN", d)]),
                );
            }
        }
        for g in list(p, "groups") {
            let values = [("USER_POOL_ID", pool), ("GROUP_NAME", s(g, "name"))];
            add(
                "aws_cognito_user_group",
                fill("aws_cognito_user_group", &values),
            );
        }
        for i in list(p, "identity_providers") {
            let values = [("USER_POOL_ID", pool), ("PROVIDER_NAME", s(i, "name"))];
            add(
                "aws_cognito_identity_provider",
                fill("aws_cognito_identity_provider", &values),
            );
        }
        for r in list(p, "resource_servers") {
            let values = [("USER_POOL_ID", pool), ("IDENTIFIER", s(r, "identifier"))];
            add(
                "aws_cognito_resource_server",
                fill("aws_cognito_resource_server", &values),
            );
        }
        // Settings resources (issue 13): the risk configuration's client part is optional.
        let risk = "aws_cognito_risk_configuration";
        let ui = "aws_cognito_user_pool_ui_customization";
        let pool_wide = [("[:CLIENT_ID]", ""), ("USER_POOL_ID", pool)];
        if p.get("risk_configuration").is_some() {
            add(risk, fill(risk, &pool_wide));
        }
        if p.get("ui_customization").is_some() {
            add(
                ui,
                fill(ui, &[("USER_POOL_ID", pool), ("CLIENT_ID", "ALL")]),
            );
        }
        if p.get("log_delivery").is_some() {
            let t = "aws_cognito_log_delivery_configuration";
            add(t, fill(t, &[("USER_POOL_ID", pool)]));
        }
        for c in list(p, "clients") {
            let client = s(c, "id");
            let values = [
                ("[:CLIENT_ID]", ":CLIENT_ID"),
                ("USER_POOL_ID", pool),
                ("CLIENT_ID", client),
            ];
            if c.get("risk_configuration").is_some() {
                add(risk, fill(risk, &values));
            }
            if c.get("ui_customization").is_some() {
                add(ui, fill(ui, &values[1..]));
            }
            if let Some(b) = c["managed_login_branding"]["id"].as_str() {
                let t = "aws_cognito_managed_login_branding";
                add(t, fill(t, &[("BRANDING_ID", b), values[1], values[2]]));
            }
        }
    }
    for ip in list(snapshot, "identity_pools") {
        for ty in [
            "aws_cognito_identity_pool",
            "aws_cognito_identity_pool_roles_attachment",
        ] {
            add(ty, fill(ty, &[("IDENTITY_POOL_ID", s(ip, "id"))]));
        }
        let t = "aws_cognito_identity_pool_provider_principal_tag";
        for provider in ip["principal_tags"].as_object().into_iter().flatten() {
            let values = [
                ("IDENTITY_POOL_ID", s(ip, "id")),
                ("PROVIDER_NAME", provider.0),
            ];
            add(t, fill(t, &values));
        }
    }
    for r in list(snapshot, "roles") {
        let role = s(r, "name");
        add("aws_iam_role", fill("aws_iam_role", &[("ROLE_NAME", role)]));
        for p in list(r, "inline_policies") {
            let values = [("ROLE_NAME", role), ("POLICY_NAME", s(p, "name"))];
            add("aws_iam_role_policy", fill("aws_iam_role_policy", &values));
        }
        for p in list(r, "managed_policies") {
            let values = [("ROLE_NAME", role), ("POLICY_ARN", s(p, "arn"))];
            add(
                "aws_iam_role_policy_attachment",
                fill("aws_iam_role_policy_attachment", &values),
            );
        }
    }
    out
}

/// `schema { name = ... }` values with a `custom:` or `dev:` prefix. The provider takes the bare
/// name and adds `custom:` itself when creating and updating the pool (hashicorp/
/// terraform-provider-aws issue #10846, maintainer comment: "the `import` function should be
/// stripping the `custom:` prefix, which is what it does when creating and updating
/// resources"; issue #26704 / pull request #26705: the provider "really wants things to not
/// have `custom:` or `dev:custom:` prefixes").
fn prefixed_schema_names(pool: &hcl::Body, local: &str) -> Vec<String> {
    pool.blocks()
        .filter(|b| b.identifier() == "schema")
        .filter_map(|b| {
            let name = b.body().attributes().find(|a| a.key() == "name")?;
            match name.expr() {
                hcl::Expression::String(n) if n.contains(':') => Some(format!(
                    "aws_cognito_user_pool.{local} schema name {n:?} carries a prefix (the provider wants the bare name)"
                )),
                _ => None,
            }
        })
        .collect()
}

fn terraform(snapshot: &Value, scan: &Path, dir: &Path) -> Option<String> {
    let emitted = run(cogref()
        .args(["emit", "terraform", "--snapshot", arg(scan), "--out"])
        .arg(dir));
    if emitted.code != 0 {
        return Some(format!(
            "emit terraform exit {}: {}",
            emitted.code,
            first_error_line(&emitted.stderr)
        ));
    }
    let problems = check_terraform(snapshot, dir);
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// What is wrong with the `.tf` files of `dir` for `snapshot` (nothing: empty).
fn check_terraform(snapshot: &Value, dir: &Path) -> Vec<String> {
    let names = provider_names();
    let mut problems = Vec::new();
    let mut resources: BTreeMap<String, String> = BTreeMap::new(); // address -> type
    let mut imports: BTreeMap<String, String> = BTreeMap::new(); // address -> id
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("terraform output directory")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "tf"))
        .collect();
    files.sort();
    if files.is_empty() {
        return vec!["no .tf file written".into()];
    }
    for file in &files {
        let name = file.file_name().unwrap_or_default().to_string_lossy();
        let text = std::fs::read_to_string(file).unwrap_or_default();
        let body = match hcl::parse(&text) {
            Ok(b) => b,
            Err(e) => {
                problems.push(format!("{name} does not parse: {e}"));
                continue;
            }
        };
        for block in body.blocks() {
            match block.identifier() {
                "resource" => {
                    let labels: Vec<String> = block
                        .labels()
                        .iter()
                        .map(|l| l.clone().into_inner())
                        .collect();
                    let [ty, local] = labels.as_slice() else {
                        problems.push(format!("{name}: resource block with labels {labels:?}"));
                        continue;
                    };
                    resources.insert(format!("{ty}.{local}"), ty.clone());
                    if ty == "aws_cognito_user_pool" {
                        problems.extend(prefixed_schema_names(block.body(), local));
                    }
                    match names.resources.get(ty) {
                        None => problems.push(format!("resource type {ty} not in the list")),
                        Some(documented) => {
                            let mut found = Vec::new();
                            undocumented(
                                block.body(),
                                documented,
                                Some(&names.meta),
                                ty,
                                &mut found,
                            );
                            problems.extend(found);
                        }
                    }
                }
                "import" => {
                    let attr = |k: &str| {
                        block
                            .body()
                            .attributes()
                            .find(|a| a.key() == k)
                            .map(|a| a.expr().clone())
                    };
                    match (attr("to"), attr("id")) {
                        (
                            Some(to @ hcl::Expression::Traversal(_)),
                            Some(hcl::Expression::String(id)),
                        ) => {
                            imports.insert(to.to_string(), id);
                        }
                        (to, id) => problems.push(format!("import block to={to:?} id={id:?}")),
                    }
                }
                _ => {}
            }
        }
    }
    let expected = expected_import_ids(snapshot, &names.import_ids);
    for (address, ty) in &resources {
        match imports.get(address) {
            None => problems.push(format!("no import block for {address}")),
            Some(id) => {
                if !expected.get(ty).is_some_and(|ids| ids.contains(id)) {
                    problems.push(format!(
                        "import id {id:?} of {address} is not `{}` of a resource in the snapshot",
                        names.import_ids.get(ty).map_or("?", String::as_str)
                    ));
                }
            }
        }
    }
    for address in imports.keys() {
        if !resources.contains_key(address) {
            problems.push(format!(
                "import block for {address}, which has no resource block"
            ));
        }
    }
    // Everything Cognito of the snapshot is there (roles: those the snapshot holds, which are
    // the referenced ones).
    for ty in [
        "aws_cognito_user_pool",
        "aws_cognito_user_pool_client",
        "aws_cognito_identity_pool",
        "aws_cognito_user_group",
        "aws_cognito_identity_provider",
        "aws_cognito_resource_server",
        "aws_cognito_user_pool_domain",
        "aws_cognito_risk_configuration",
        "aws_cognito_user_pool_ui_customization",
        "aws_cognito_managed_login_branding",
        "aws_cognito_log_delivery_configuration",
        "aws_cognito_identity_pool_provider_principal_tag",
    ] {
        let want = expected.get(ty).map_or(0, BTreeSet::len);
        let have = resources.values().filter(|t| *t == ty).count();
        if want != have {
            problems.push(format!("{have} {ty} resource(s), the snapshot has {want}"));
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

// -------------------------------------------------------------------------------- outputs

fn schema_validator() -> jsonschema::Validator {
    let schema: Value = serde_json::from_slice(
        &std::fs::read(fixture("amplify-outputs-schema-v1.5.json")).expect("schema"),
    )
    .expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn outputs(snapshot: &Value, scan: &Path) -> Option<String> {
    let validator = schema_validator();
    let mut problems = Vec::new();
    for p in list(snapshot, "user_pools") {
        let pool = s(p, "id");
        for c in list(p, "clients") {
            let client = s(c, "id");
            // Every identity pool that accepts this pool + client, or none.
            let accepting: Vec<&str> = list(snapshot, "identity_pools")
                .filter(|ip| {
                    list(ip, "cognito_identity_providers").any(|prov| {
                        s(prov, "user_pool_id") == pool && s(prov, "client_id") == client
                    })
                })
                .map(|ip| s(ip, "id"))
                .collect();
            let choices: Vec<Vec<&str>> = if accepting.is_empty() {
                vec![vec!["--no-identity-pool"]]
            } else {
                accepting
                    .iter()
                    .map(|ip| vec!["--identity-pool", *ip])
                    .collect()
            };
            for choice in choices {
                let what = format!("{pool} {client} {}", choice.join(" "));
                // --force: a combination Amplify would refuse (a confidential client, a
                // referenceAuth finding) is still written, so its shape is validated too.
                let r = run(cogref()
                    .args(["emit", "outputs", "--force", "--snapshot", arg(scan)])
                    .args(["--pool", pool, "--client", client])
                    .args(&choice));
                if r.code != 0 && r.code != 1 {
                    problems.push(format!(
                        "{what}: exit {}: {}",
                        r.code,
                        first_error_line(&r.stderr)
                    ));
                    continue;
                }
                let doc: Value = match serde_json::from_str(&r.stdout) {
                    Ok(v) => v,
                    Err(e) => {
                        problems.push(format!("{what}: not JSON: {e}"));
                        continue;
                    }
                };
                // The one deliberate departure from schema 1.5 (README, `emit outputs`): a
                // client with callback URLs but no logout URL gets `redirect_sign_out_uri: []`,
                // which Amplify's runtime accepts, instead of losing signInWithRedirect.
                let errors: Vec<String> = validator
                    .iter_errors(&doc)
                    .filter(|e| {
                        !(e.instance_path.to_string() == "/auth/oauth/redirect_sign_out_uri"
                            && doc["auth"]["oauth"]["redirect_sign_out_uri"]
                                .as_array()
                                .is_some_and(|a| a.is_empty()))
                    })
                    .map(|e| format!("{e} at {}", e.instance_path))
                    .collect();
                if !errors.is_empty() {
                    problems.push(format!("{what}: schema: {}", errors.join(", ")));
                }
                if doc["auth"]["user_pool_id"] != pool
                    || doc["auth"]["user_pool_client_id"] != client
                {
                    problems.push(format!("{what}: outputs name another pool or client"));
                }
            }
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

// ------------------------------------------------------------------------------------- cdk

/// What `emit cdk` wrote for one template, for the batched app of [`cdk_all`].
#[derive(Debug, Clone)]
pub struct CdkEmitted {
    /// A copy of the scanned snapshot, which the adopt style's drift check reads after the
    /// worker that scanned it is gone.
    pub scan: PathBuf,
    /// `--out` of `emit cdk --style reference` (literal ids).
    pub reference: PathBuf,
    /// `--out` of `emit cdk --style adopt` (construct, resources-to-import.json, ...).
    pub adopt: PathBuf,
}

/// The two styles of `emit cdk`, each checked on every template.
const CDK_STYLES: [&str; 2] = ["reference", "adopt"];

fn emit_cdk(scan: &Path, out: &Path) -> Result<CdkEmitted, String> {
    let kept = out.join("scan.json");
    std::fs::copy(scan, &kept).map_err(|e| format!("copying the snapshot: {e}"))?;
    let dir = |style: &str| out.join(format!("cdk-{style}"));
    for style in CDK_STYLES {
        let r = run(cogref()
            .args([
                "emit",
                "cdk",
                "--style",
                style,
                "--snapshot",
                arg(scan),
                "--out",
            ])
            .arg(dir(style)));
        if r.code != 0 {
            return Err(format!(
                "emit cdk --style {style} exit {}: {}",
                r.code,
                first_error_line(&r.stderr)
            ));
        }
    }
    Ok(CdkEmitted {
        scan: kept,
        reference: dir("reference"),
        adopt: dir("adopt"),
    })
}

/// The pinned TypeScript toolchain (`scripts/ts-check/package.json`, installed into
/// `.cache/ts-check` by `scripts/ts-toolchain.sh`): its `node_modules`. Missing or stale: the
/// test fails saying how to install it.
pub fn ts_toolchain() -> PathBuf {
    ts_toolchain_in(&root()).unwrap_or_else(|why| panic!("{why}"))
}

fn ts_toolchain_in(repo: &Path) -> Result<PathBuf, String> {
    let cache = repo.join(".cache/ts-check");
    let pinned = std::fs::read(root().join("scripts/ts-check/package.json"))
        .expect("scripts/ts-check/package.json");
    let installed = std::fs::read(cache.join("package.json")).unwrap_or_default();
    let modules = cache.join("node_modules");
    if installed == pinned
        && modules.join(".bin/tsc").is_file()
        && modules.join("aws-cdk-lib/package.json").is_file()
    {
        return Ok(modules);
    }
    Err(format!(
        "the pinned TypeScript/CDK toolchain is not installed in {} (or is not the one \
         scripts/ts-check/package.json pins): run `bash scripts/ts-toolchain.sh` \
         (scripts/test.sh does it before cargo test; needs node and npm)",
        cache.display()
    ))
}

/// What the batched app gave for one template.
#[derive(Debug, Default, Clone)]
pub struct CdkChecked {
    /// tsc errors in its constructs, synth errors, a reference style that creates resources.
    pub problems: Vec<String>,
    /// The adopt style's synthesized template (linted and drifted by the caller).
    pub adopted: Option<PathBuf>,
}

/// The batched CDK app's outcome: per template, plus what is wrong with the app itself.
#[derive(Debug, Default)]
pub struct CdkBatch {
    pub checked: BTreeMap<String, CdkChecked>,
    /// Errors no template can be blamed for (the app's own file, tsc or node not running).
    pub problems: Vec<String>,
    pub tsc_time: std::time::Duration,
    pub synth_time: std::time::Duration,
}

/// Resource types other than CDK's own metadata in a synthesized template.
fn created_resources(template: &Value) -> Vec<String> {
    template["Resources"]
        .as_object()
        .into_iter()
        .flatten()
        .map(|(id, r)| format!("{id} ({})", s(r, "Type")))
        .filter(|r| !r.ends_with("(AWS::CDK::Metadata)"))
        .collect()
}

/// Compiles and synthesizes the constructs of every template in ONE app under `dir` (a fresh
/// directory): `lib/tNN/{reference,adopt}.ts` are the emitted constructs, `bin/app.ts` loads
/// each one lazily inside its own `cdk.App` (outdir `cdk.out/tNN-STYLE`), so a construct that
/// throws fails only its own template; one `tsc` run (errors attributed by file name), one
/// `node build/bin/app.js` with `CDK_OUTDIR`. The synthesized adopt templates are returned for
/// the caller's batched cfn-lint run and drift ([`cdk_outcome`]).
pub fn cdk_all(items: &[(String, CdkEmitted)], dir: &Path) -> CdkBatch {
    let mut batch = CdkBatch::default();
    if items.is_empty() {
        return batch;
    }
    let modules = ts_toolchain();
    let write = |path: PathBuf, text: &str| {
        std::fs::create_dir_all(path.parent().expect("a parent")).expect("app directory");
        std::fs::write(&path, text).expect("writing the app");
    };
    // tsc and node resolve aws-cdk-lib and constructs through this link: one copy of each.
    std::fs::create_dir_all(dir).expect("app directory");
    std::os::unix::fs::symlink(&modules, dir.join("node_modules"))
        .unwrap_or_else(|e| panic!("linking {} into the app: {e}", modules.display()));
    // The cache's package.json says "type": "module"; the compiled app is CommonJS.
    write(dir.join("package.json"), "{\"type\": \"commonjs\"}\n");
    write(
        dir.join("tsconfig.json"),
        r#"{
  "compilerOptions": {
    "target": "es2022",
    "module": "commonjs",
    "moduleResolution": "node",
    "strict": true,
    "noImplicitAny": true,
    "skipLibCheck": true,
    "types": ["node"],
    "rootDir": ".",
    "outDir": "build"
  },
  "include": ["bin/**/*.ts", "lib/**/*.ts"]
}
"#,
    );
    let mut app = String::from(
        "// The emit corpus's batched CDK app (tests/integration/emit_corpus.rs): one cdk.App per\n\
         // template and style, each construct loaded lazily so that one that throws fails alone.\n\
         import * as cdk from 'aws-cdk-lib';\n\
         import * as fs from 'fs';\n\
         import * as path from 'path';\n",
    );
    let mut calls = String::new();
    let mut owner: BTreeMap<String, String> = BTreeMap::new(); // tNN -> template name
    for (i, (name, emitted)) in items.iter().enumerate() {
        let id = format!("t{i:02}");
        owner.insert(id.clone(), name.clone());
        for style in CDK_STYLES {
            let from = match style {
                "reference" => &emitted.reference,
                _ => &emitted.adopt,
            };
            let text = std::fs::read_to_string(from.join("lib/existing-auth.ts"))
                .expect("the emitted construct");
            write(dir.join(format!("lib/{id}/{style}.ts")), &text);
            let alias = format!("{id}_{style}");
            app.push_str(&format!(
                "import type {{ ExistingAuth as {alias} }} from '../lib/{id}/{style}';\n"
            ));
            calls.push_str(&format!(
                "synth('{id}-{style}', () => (require('../lib/{id}/{style}') as {{ ExistingAuth: typeof {alias} }}).ExistingAuth);\n"
            ));
        }
    }
    app.push_str(
        "\nconst outdir = process.env.CDK_OUTDIR ?? 'cdk.out';\n\
         const results: Record<string, string> = {};\n\
         function synth(id: string, load: () => new (scope: cdk.Stack, id: string) => unknown): void {\n  \
         try {\n    \
         const app = new cdk.App({ outdir: path.join(outdir, id) });\n    \
         const stack = new cdk.Stack(app, 'ExistingAuthStack', {\n      \
         env: { account: '123456789012', region: 'us-east-1' },\n    \
         });\n    \
         const ExistingAuth = load();\n    \
         new ExistingAuth(stack, 'ExistingAuth');\n    \
         app.synth();\n    \
         results[id] = 'ok';\n  \
         } catch (e) {\n    \
         results[id] = e instanceof Error ? `${e.name}: ${e.message}` : String(e);\n  \
         }\n\
         }\n\n",
    );
    app.push_str(&calls);
    app.push_str(
        "\nfs.writeFileSync(path.join(outdir, 'results.json'), JSON.stringify(results, null, 1));\n",
    );
    write(dir.join("bin/app.ts"), &app);

    let mut checked: BTreeMap<String, CdkChecked> = items
        .iter()
        .map(|(n, _)| (n.clone(), CdkChecked::default()))
        .collect();

    // One tsc run; with errors it still writes the JavaScript (noEmitOnError is off), so the
    // synth runs for every template and a type error fails only its own.
    let started = std::time::Instant::now();
    let tsc = Command::new(modules.join(".bin/tsc"))
        .args(["-p", "tsconfig.json", "--pretty", "false"])
        .current_dir(dir)
        .output()
        .expect("running tsc");
    batch.tsc_time = started.elapsed();
    let tsc_out = String::from_utf8_lossy(&tsc.stdout).into_owned();
    for line in tsc_out.lines().filter(|l| l.contains(": error TS")) {
        let file = line.split('(').next().unwrap_or_default();
        let blamed = file
            .strip_prefix("lib/")
            .and_then(|rest| rest.split('/').next())
            .and_then(|id| owner.get(id));
        match blamed {
            Some(name) => checked
                .get_mut(name)
                .expect("a checked entry")
                .problems
                .push(format!("tsc: {}", line.trim())),
            None => batch
                .problems
                .push(format!("the batched CDK app: tsc: {}", line.trim())),
        }
    }
    if tsc.status.code() != Some(0) && !tsc_out.contains(": error TS") {
        batch.problems.push(format!(
            "tsc exit {:?} without an error line: {}{}",
            tsc.status.code(),
            tsc_out,
            String::from_utf8_lossy(&tsc.stderr)
        ));
    }

    let started = std::time::Instant::now();
    let out = dir.join("cdk.out");
    std::fs::create_dir_all(&out).expect("cdk.out");
    // CDK_VALIDATION=false: aws-cdk-lib's built-in template validation (warnings only, unless
    // a feature flag is set) checks the registry schemas cfn-lint checks in the batched lint
    // run, and costs ~90% of this synth's CPU time (10.5 s against 0.9 s for 76 apps);
    // scripts/validate-cdk.sh synthesizes the sample with it on.
    let node = Command::new("node")
        .arg("build/bin/app.js")
        .env("CDK_OUTDIR", &out)
        .env("CDK_VALIDATION", "false")
        .current_dir(dir)
        .output();
    batch.synth_time = started.elapsed();
    let results: Value = match node {
        Err(e) => {
            batch
                .problems
                .push(format!("node could not run ({e}): install node"));
            return CdkBatch { checked, ..batch };
        }
        Ok(o) => match std::fs::read(out.join("results.json")) {
            Ok(bytes) => serde_json::from_slice(&bytes).expect("results.json is JSON"),
            Err(e) => {
                batch.problems.push(format!(
                    "the batched CDK app wrote no results ({e}), exit {:?}: {}",
                    o.status.code(),
                    first_error_line(&String::from_utf8_lossy(&o.stderr))
                ));
                return CdkBatch { checked, ..batch };
            }
        },
    };
    for (id, name) in &owner {
        let entry = checked.get_mut(name).expect("a checked entry");
        for style in CDK_STYLES {
            let key = format!("{id}-{style}");
            match results[&key].as_str() {
                Some("ok") => {}
                Some(why) => {
                    entry.problems.push(format!("{style} style: synth: {why}"));
                    continue;
                }
                None => {
                    entry
                        .problems
                        .push(format!("{style} style: synth did not run"));
                    continue;
                }
            }
            let template = out.join(&key).join("ExistingAuthStack.template.json");
            let parsed: Option<Value> = std::fs::read(&template)
                .ok()
                .and_then(|b| serde_json::from_slice(&b).ok());
            let Some(parsed) = parsed else {
                entry
                    .problems
                    .push(format!("{style} style: no synthesized template"));
                continue;
            };
            if style == "reference" {
                let made = created_resources(&parsed);
                if !made.is_empty() {
                    let more = if made.len() > 3 { ", ..." } else { "" };
                    entry.problems.push(format!(
                        "reference style creates {} resource(s): {}{more}",
                        made.len(),
                        made[..made.len().min(3)].join(", ")
                    ));
                }
            } else {
                entry.adopted = Some(template);
            }
        }
    }
    batch.checked = checked;
    batch
}

/// The cdk stage of one template: the batched app's problems, the cfn-lint errors of the adopt
/// style's synthesized template, and its drift against the scanned snapshot.
pub fn cdk_outcome(
    emitted: &CdkEmitted,
    checked: &CdkChecked,
    lint: Option<&[LintFinding]>,
) -> Option<String> {
    let mut problems = checked.problems.clone();
    if let Some(adopted) = &checked.adopted {
        if let (Some(errors), _) = lint_outcome(lint.unwrap_or_default()) {
            problems.push(format!("adopt style: {errors}"));
        }
        if let Some(drift) = roundtrip(&emitted.scan, adopted, &emitted.adopt) {
            problems.push(format!("adopt style: {drift}"));
        }
    }
    (!problems.is_empty()).then(|| problems.join("; "))
}

/// The kinds of check a cdk stage outcome says failed, as the words a known cause must name.
pub fn cdk_kinds(found: &str) -> Vec<&'static str> {
    [
        ("emit cdk --style", "emit cdk"),
        ("tsc: ", "tsc"),
        ("style: synth", "synth"),
        ("reference style creates", "creates"),
        ("adopt style: cfn-lint", "cfn-lint"),
        ("adopt style: drift", "drift"),
    ]
    .into_iter()
    .filter(|(marker, _)| found.contains(marker))
    .map(|(_, kind)| kind)
    .collect()
}

// -------------------------------------------------------------------------------- cfn-lint

/// The project's cfn-lint, at the version `scripts/requirements-lint.txt` pins.
fn cfn_lint() -> PathBuf {
    let bin = root().join(".venv/bin/cfn-lint");
    let pinned = std::fs::read_to_string(root().join("scripts/requirements-lint.txt"))
        .expect("scripts/requirements-lint.txt");
    let want = pinned
        .lines()
        .find_map(|l| l.trim().strip_prefix("cfn-lint=="))
        .expect("cfn-lint pinned in scripts/requirements-lint.txt")
        .to_string();
    let version = Command::new(&bin).arg("--version").output();
    let have = match version {
        Ok(o) => String::from_utf8_lossy(&o.stdout).trim().to_string(),
        Err(_) => String::new(),
    };
    assert!(
        have == format!("cfn-lint {want}"),
        "cfn-lint {want} is not installed in .venv (found {have:?}): run \
         `.venv/bin/pip install -r scripts/requirements-lint.txt` (scripts/test.sh does it)"
    );
    bin
}

/// One cfn-lint finding.
#[derive(Debug, Clone)]
pub struct LintFinding {
    pub level: String,
    pub rule: String,
    pub message: String,
    pub path: String,
}

/// Lints every template in one cfn-lint run (it accepts many files; one start-up instead of
/// one per template). Returns the findings per file.
pub fn lint_all(templates: &[PathBuf]) -> BTreeMap<PathBuf, Vec<LintFinding>> {
    let mut out: BTreeMap<PathBuf, Vec<LintFinding>> =
        templates.iter().map(|t| (t.clone(), Vec::new())).collect();
    if templates.is_empty() {
        return out;
    }
    let output = Command::new(cfn_lint())
        .args(["--format", "json", "--"])
        .args(templates)
        .output()
        .expect("running cfn-lint");
    let code = output.status.code().unwrap_or(-1);
    // Exit bits: 2 errors, 4 warnings, 8 informational; 1 (or a signal) means it could not run.
    assert!(
        code >= 0 && code & 1 == 0,
        "cfn-lint could not run (exit {code}): {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let findings: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "cfn-lint --format json printed no JSON ({e}): {}",
            String::from_utf8_lossy(&output.stdout)
        )
    });
    for f in findings.as_array().expect("a list of findings") {
        let file = PathBuf::from(f["Filename"].as_str().expect("Filename"));
        let path = f["Location"]["Path"]
            .as_array()
            .map(|p| {
                p.iter()
                    .map(|x| match x {
                        Value::String(s) => s.clone(),
                        other => other.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join("/")
            })
            .unwrap_or_default();
        let finding = LintFinding {
            level: f["Level"].as_str().unwrap_or("?").to_string(),
            rule: f["Rule"]["Id"].as_str().unwrap_or("?").to_string(),
            message: f["Message"].as_str().unwrap_or("").to_string(),
            path,
        };
        out.entry(file).or_default().push(finding);
    }
    out
}

/// The cfn-lint stage of one template from its findings: errors fail, the rest is printed.
pub fn lint_outcome(findings: &[LintFinding]) -> (Option<String>, Vec<String>) {
    let mut errors: Vec<String> = Vec::new();
    let mut others: Vec<String> = Vec::new();
    for f in findings {
        let line = format!("{} {} {}: {}", f.rule, f.level, f.path, f.message);
        if f.level == "Error" {
            errors.push(line);
        } else {
            others.push(line);
        }
    }
    errors.sort();
    let stage = (!errors.is_empty()).then(|| {
        let mut rules: Vec<&str> = findings
            .iter()
            .filter(|f| f.level == "Error")
            .map(|f| f.rule.as_str())
            .collect();
        rules.sort_unstable();
        rules.dedup();
        format!(
            "cfn-lint: {} error(s) [{}]: {}",
            errors.len(),
            rules.join(" "),
            errors.join(" | ")
        )
    });
    (stage, others)
}

/// The rule ids (`E3031`...) a cfn-lint outcome names, to check a known cause names them all.
pub fn lint_rules(found: &str) -> Vec<String> {
    found
        .split(['[', ']', ' '])
        .filter(|w| {
            w.len() == 5
                && w.starts_with(['E', 'W', 'I'])
                && w[1..].chars().all(|c| c.is_ascii_digit())
        })
        .map(str::to_string)
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect()
}

// ------------------------------------------------------------ the checks themselves, tested

/// The Terraform check passes cogref's configuration for the sample account, and reports each
/// kind of mistake it exists for: a resource type, argument or nested block the provider does
/// not document, an import id not in the documented format, a resource without import block, a
/// prefixed schema name, a file that does not parse.
#[test]
fn terraform_check_passes_the_sample_and_catches_what_the_provider_does_not_document() {
    let scan = fixture("sample-snapshot.json");
    let snapshot: Value = serde_json::from_slice(&std::fs::read(&scan).unwrap()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(terraform(&snapshot, &scan, dir.path()), None);

    let main = dir.path().join("main.tf");
    let mut text = std::fs::read_to_string(&main).unwrap();
    text.push_str(
        r#"
resource "aws_cognito_user_pool_domain" "extra" {
  domain            = "shop-customers-demo"
  user_pool_id      = "x"
  custom_domain_cfg = "nope"

  custom_domain_config {
    certificate_arn = "arn"
  }
}

resource "aws_cognito_user_pool" "prefixed" {
  name = "p"

  schema {
    name                = "custom:tier"
    attribute_data_type = "String"
  }
}

resource "aws_cognito_user_pool_ui" "unknown" {
}
"#,
    );
    std::fs::write(&main, &text).unwrap();
    let imports = dir.path().join("imports.tf");
    let mut text = std::fs::read_to_string(&imports).unwrap();
    text.push_str(
        "\nimport {\n  to = aws_cognito_user_pool_domain.extra\n  id = \"us-east-1_x/shop-customers-demo\"\n}\n",
    );
    std::fs::write(&imports, &text).unwrap();
    let problems = check_terraform(&snapshot, dir.path()).join("\n");
    for expected in [
        "argument aws_cognito_user_pool_domain.custom_domain_cfg",
        "block aws_cognito_user_pool_domain.custom_domain_config",
        "resource type aws_cognito_user_pool_ui not in the list",
        "import id \"us-east-1_x/shop-customers-demo\" of aws_cognito_user_pool_domain.extra is not `DOMAIN`",
        "no import block for aws_cognito_user_pool.prefixed",
        "schema name \"custom:tier\" carries a prefix",
        "4 aws_cognito_user_pool resource(s), the snapshot has 3",
    ] {
        assert!(problems.contains(expected), "{expected:?} not in:\n{problems}");
    }

    std::fs::write(dir.path().join("broken.tf"), "resource \"a\" {\n").unwrap();
    assert!(check_terraform(&snapshot, dir.path())
        .iter()
        .any(|p| p.starts_with("broken.tf does not parse")));
}

/// The outputs check passes every pool + client of the sample account.
#[test]
fn outputs_check_passes_every_sample_pool_and_client() {
    let scan = fixture("sample-snapshot.json");
    let snapshot: Value = serde_json::from_slice(&std::fs::read(&scan).unwrap()).unwrap();
    assert_eq!(outputs(&snapshot, &scan), None);
}

/// The batched cfn-lint run reports errors per file and by rule: a prefix domain written with
/// the empty CustomDomainConfig of issue 17 fails, the same domain without it does not.
#[test]
fn lint_all_reports_errors_per_template() {
    let dir = tempfile::tempdir().unwrap();
    let domain = |config: Option<Value>| {
        let mut properties =
            serde_json::json!({"Domain": "my-prefix", "UserPoolId": "us-east-1_abc"});
        if let Some(c) = config {
            properties["CustomDomainConfig"] = c;
        }
        serde_json::json!({
            "AWSTemplateFormatVersion": "2010-09-09",
            "Resources": {"Domain": {"Type": "AWS::Cognito::UserPoolDomain",
                                     "Properties": properties}}
        })
    };
    let good = dir.path().join("good.json");
    std::fs::write(&good, domain(None).to_string()).unwrap();
    let bad = dir.path().join("bad.json");
    let empty = serde_json::json!({"CertificateArn": ""});
    std::fs::write(&bad, domain(Some(empty)).to_string()).unwrap();
    let linted = lint_all(&[good.clone(), bad.clone()]);
    assert_eq!(lint_outcome(&linted[&good]).0, None, "{:?}", linted[&good]);
    let (found, _) = lint_outcome(&linted[&bad]);
    let found = found.expect("errors in bad.json");
    assert_eq!(lint_rules(&found), ["E1159", "E3031", "E3033"], "{found}");
}

/// The batched CDK check passes the sample account in both styles, and blames each kind of
/// failure on its own template only: a type error (tsc), a construct that throws while
/// synthesizing, a reference style that creates resources, an adopt style whose synthesized
/// template drifts from the snapshot.
#[test]
fn cdk_check_passes_the_sample_and_blames_each_failure_on_its_template() {
    let scan = fixture("sample-snapshot.json");
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("good");
    std::fs::create_dir_all(&good).unwrap();
    let emitted = emit_cdk(&scan, &good).unwrap();
    let construct = |e: &CdkEmitted, style: &str| match style {
        "reference" => e.reference.join("lib/existing-auth.ts"),
        _ => e.adopt.join("lib/existing-auth.ts"),
    };
    // A copy of the good emission with one construct file rewritten.
    let variant = |name: &str, style: &str, edit: &dyn Fn(&str) -> String| {
        let out = dir.path().join(name);
        std::fs::create_dir_all(&out).unwrap();
        let e = emit_cdk(&scan, &out).unwrap();
        let file = construct(&e, style);
        let text = std::fs::read_to_string(&file).unwrap();
        let edited = edit(&text);
        assert_ne!(edited, text, "{name}: the edit changed nothing");
        std::fs::write(&file, edited).unwrap();
        (name.to_string(), e)
    };
    let adopt_text = std::fs::read_to_string(construct(&emitted, "adopt")).unwrap();
    let items = vec![
        ("good".to_string(), emitted.clone()),
        variant("mistyped", "adopt", &|t| {
            t.replace("minimumLength: 12,", "minimumLength: '12',")
        }),
        variant("throws", "reference", &|t| {
            t.replace(
                "super(scope, id);",
                "super(scope, id);\n    throw new Error('boom');",
            )
        }),
        variant("creates", "reference", &|_| adopt_text.clone()),
        variant("drifted", "adopt", &|t| {
            t.replace("minimumLength: 12,", "minimumLength: 14,")
        }),
    ];
    let batch = cdk_all(&items, &dir.path().join("app"));
    assert_eq!(batch.problems, Vec::<String>::new());
    let adopted: Vec<PathBuf> = batch
        .checked
        .values()
        .filter_map(|c| c.adopted.clone())
        .collect();
    let linted = lint_all(&adopted);
    let stage = |name: &str| {
        let (_, e) = items.iter().find(|(n, _)| n == name).unwrap();
        let c = &batch.checked[name];
        let lint = c.adopted.as_ref().map(|t| linted[t].as_slice());
        cdk_outcome(e, c, lint)
    };
    assert_eq!(stage("good"), None);
    for (name, expected) in [
        ("mistyped", "tsc: lib/t01/adopt.ts("),
        ("mistyped", "error TS2322"),
        ("throws", "reference style: synth: Error: boom"),
        (
            "creates",
            "reference style creates 34 resource(s): IdentityPoolPartnerIdentity",
        ),
        ("drifted", "adopt style: drift exit 1"),
        ("drifted", "MinimumLength"),
    ] {
        let found = stage(name).unwrap_or_default();
        assert!(
            found.contains(expected),
            "{name}: {expected:?} not in {found:?}"
        );
    }
    // Each template has only its own failures, named by kind (what a known cause names); the
    // mistyped prop also fails CDK's own validation of the L1 props at synth.
    for (name, kinds) in [
        ("mistyped", &["tsc", "synth"][..]),
        ("throws", &["synth"]),
        ("creates", &["creates"]),
        ("drifted", &["drift"]),
    ] {
        let found = stage(name).unwrap_or_default();
        assert_eq!(cdk_kinds(&found), kinds, "{name}: {found}");
    }
}

/// Without the pinned toolchain the cdk stage fails, saying how to install it (never a skip).
#[test]
fn a_missing_ts_toolchain_fails_with_how_to_install_it() {
    let dir = tempfile::tempdir().unwrap();
    let why = ts_toolchain_in(dir.path()).unwrap_err();
    assert!(why.contains("run `bash scripts/ts-toolchain.sh`"), "{why}");
    // A stale install (another package.json) is refused too.
    std::fs::create_dir_all(dir.path().join(".cache/ts-check/node_modules/.bin")).unwrap();
    std::fs::write(dir.path().join(".cache/ts-check/package.json"), "{}").unwrap();
    std::fs::write(dir.path().join(".cache/ts-check/node_modules/.bin/tsc"), "").unwrap();
    assert!(ts_toolchain_in(dir.path()).is_err());
    assert!(
        ts_toolchain_in(&root()).is_ok(),
        "the real install is found"
    );
}
