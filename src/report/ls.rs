//! The linkage table of `cogref ls`: user pool -> app client (public/secret) -> identity pool ->
//! authenticated / unauthenticated roles, as text, JSON or Markdown.

use crate::model::Snapshot;
use serde::Serialize;

/// One row: a pool's client and one identity pool that accepts it (or none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkRow {
    pub user_pool_id: Option<String>,
    pub user_pool_name: Option<String>,
    pub client_id: Option<String>,
    pub client_name: Option<String>,
    /// `public` or `secret`.
    pub client_type: Option<String>,
    pub identity_pool_id: Option<String>,
    pub identity_pool_name: Option<String>,
    pub auth_role: Option<String>,
    pub unauth_role: Option<String>,
}

/// Rows in snapshot order (pools by id, clients by name); identity pools that accept no
/// scanned client come last, so nothing scanned is left out.
pub fn rows(snapshot: &Snapshot) -> Vec<LinkRow> {
    let mut rows = Vec::new();
    let mut linked_identity_pools = std::collections::BTreeSet::new();
    for pool in &snapshot.user_pools {
        let base = LinkRow {
            user_pool_id: Some(pool.id.clone()),
            user_pool_name: Some(pool.name.clone()),
            client_id: None,
            client_name: None,
            client_type: None,
            identity_pool_id: None,
            identity_pool_name: None,
            auth_role: None,
            unauth_role: None,
        };
        if pool.clients.is_empty() {
            rows.push(base.clone());
        }
        for client in &pool.clients {
            let client_row = LinkRow {
                client_id: Some(client.id.clone()),
                client_name: Some(client.name.clone()),
                client_type: Some(
                    if client.has_secret {
                        "secret"
                    } else {
                        "public"
                    }
                    .into(),
                ),
                ..base.clone()
            };
            let mut any = false;
            for ip in &snapshot.identity_pools {
                let accepts = ip.cognito_identity_providers.iter().any(|p| {
                    p.user_pool_id.as_deref() == Some(pool.id.as_str()) && p.client_id == client.id
                });
                if accepts {
                    any = true;
                    linked_identity_pools.insert(ip.id.clone());
                    rows.push(LinkRow {
                        identity_pool_id: Some(ip.id.clone()),
                        identity_pool_name: Some(ip.name.clone()),
                        auth_role: ip.auth_role().map(str::to_string),
                        unauth_role: ip.unauth_role().map(str::to_string),
                        ..client_row.clone()
                    });
                }
            }
            if !any {
                rows.push(client_row);
            }
        }
    }
    for ip in &snapshot.identity_pools {
        if !linked_identity_pools.contains(&ip.id) {
            rows.push(LinkRow {
                user_pool_id: None,
                user_pool_name: None,
                client_id: None,
                client_name: None,
                client_type: None,
                identity_pool_id: Some(ip.id.clone()),
                identity_pool_name: Some(ip.name.clone()),
                auth_role: ip.auth_role().map(str::to_string),
                unauth_role: ip.unauth_role().map(str::to_string),
            });
        }
    }
    rows
}

/// The role name (last ARN segment) for display; JSON keeps the full ARN.
fn role_name(arn: &str) -> &str {
    arn.rsplit('/').next().unwrap_or(arn)
}

fn named(name: &Option<String>, id: &Option<String>) -> String {
    match (name, id) {
        (Some(n), Some(i)) => format!("{n} ({i})"),
        (None, Some(i)) => i.clone(),
        _ => "-".to_string(),
    }
}

const HEADERS: [&str; 5] = [
    "USER POOL",
    "APP CLIENT",
    "TYPE",
    "IDENTITY POOL",
    "ROLES (auth / unauth)",
];

fn cells(row: &LinkRow) -> [String; 5] {
    let roles = if row.identity_pool_id.is_some() {
        format!(
            "{} / {}",
            row.auth_role.as_deref().map(role_name).unwrap_or("-"),
            row.unauth_role.as_deref().map(role_name).unwrap_or("-")
        )
    } else {
        "-".to_string()
    };
    [
        named(&row.user_pool_name, &row.user_pool_id),
        named(&row.client_name, &row.client_id),
        row.client_type.clone().unwrap_or_else(|| "-".into()),
        named(&row.identity_pool_name, &row.identity_pool_id),
        roles,
    ]
}

pub fn text(rows: &[LinkRow]) -> String {
    let table: Vec<[String; 5]> = rows.iter().map(cells).collect();
    let mut widths = HEADERS.map(str::len);
    for r in &table {
        for (w, c) in widths.iter_mut().zip(r.iter()) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cols: Vec<&str>| {
        let mut l = String::new();
        for (i, c) in cols.iter().enumerate() {
            if i + 1 == cols.len() {
                l.push_str(c);
            } else {
                l.push_str(&format!("{c:<w$}  ", w = widths[i]));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(HEADERS.to_vec());
    for r in &table {
        line(r.iter().map(String::as_str).collect());
    }
    out
}

pub fn markdown(rows: &[LinkRow]) -> String {
    let mut out = format!(
        "| {} |\n|{}\n",
        HEADERS.join(" | "),
        "---|".repeat(HEADERS.len())
    );
    for r in rows {
        let c = cells(r).map(|s| s.replace('|', "\\|"));
        out.push_str(&format!("| {} |\n", c.join(" | ")));
    }
    out
}

pub fn json(rows: &[LinkRow]) -> String {
    let mut s = serde_json::to_string_pretty(rows).unwrap_or_default();
    s.push('\n');
    s
}
