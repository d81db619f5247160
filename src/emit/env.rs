//! Per-branch environment variables for the `--env` style of `emit reference-auth`: the branch
//! mapping file (TOML) and the four renderings (dotenv, shell `export`, the JSON map Amplify's
//! branch settings take, GitHub Actions `>> $GITHUB_ENV` lines). Resolving the values from live
//! state is the app layer's job; this file only parses and renders.
//!
//! Mapping file:
//!
//! ```toml
//! prefix = "SHOP_AUTH"            # optional, default COGNITO (--prefix overrides)
//!
//! [branches.main]
//! pool = "us-east-1_AbC123"      # required
//! client = "1example23456789"    # optional: the only compatible client otherwise
//! identity_pool = "us-east-1:0a1b..."  # optional: the only compatible one otherwise
//! region = "us-east-1"           # optional: the Amplify app's region (default: the pool's)
//! profile = "prod"               # optional: AWS profile to read this branch with
//! ```

use crate::model::{is_region_name, IdentityPoolId, UserPoolId};
use serde::Deserialize;
use std::collections::BTreeMap;

/// The default variable prefix.
pub const DEFAULT_PREFIX: &str = "COGNITO";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EnvError {
    #[error("{0}")]
    Toml(String),
    #[error("the mapping names no branch: add a [branches.NAME] table")]
    NoBranches,
    #[error("branch {branch:?}: {key}: {message}")]
    BadValue {
        branch: String,
        key: &'static str,
        message: String,
    },
    #[error("branch {0:?} is not in the mapping (it has: {1})")]
    UnknownBranch(String, String),
    #[error("{0}: value contains a line break")]
    LineBreak(String),
    #[error("branches {0:?} and {1:?} would both be written to {2}")]
    FileNameClash(String, String, String),
}

/// The mapping file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    #[serde(default)]
    pub prefix: Option<String>,
    #[serde(default)]
    pub branches: BTreeMap<String, BranchMapping>,
}

/// One branch: the pool, and what to resolve it with.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BranchMapping {
    pub pool: String,
    #[serde(default)]
    pub client: Option<String>,
    #[serde(default)]
    pub identity_pool: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    #[serde(default)]
    pub profile: Option<String>,
}

impl BranchMapping {
    pub fn pool_id(&self) -> Option<UserPoolId> {
        self.pool.parse().ok()
    }
    pub fn identity_pool_id(&self) -> Option<IdentityPoolId> {
        self.identity_pool.as_deref().and_then(|s| s.parse().ok())
    }
}

/// A TOML error as one line with its position: the parser's own message draws the line with a
/// caret over several lines.
fn toml_error(text: &str, e: &toml::de::Error) -> String {
    let message = e.message().trim().replace('\n', "; ");
    match e.span() {
        Some(span) => {
            let before = text.get(..span.start).unwrap_or(text);
            let line = before.matches('\n').count() + 1;
            let column = before.len() - before.rfind('\n').map_or(0, |i| i + 1) + 1;
            format!("invalid TOML at line {line}, column {column}: {message}")
        }
        None => format!("invalid TOML: {message}"),
    }
}

/// Parses and validates a mapping: every id well-formed, every region a region name.
pub fn parse_mapping(text: &str) -> Result<Mapping, EnvError> {
    let mapping: Mapping =
        toml::from_str(text).map_err(|e| EnvError::Toml(toml_error(text, &e)))?;
    if mapping.branches.is_empty() {
        return Err(EnvError::NoBranches);
    }
    for (branch, b) in &mapping.branches {
        let bad = |key, message: String| EnvError::BadValue {
            branch: branch.clone(),
            key,
            message,
        };
        if let Err(e) = b.pool.parse::<UserPoolId>() {
            return Err(bad("pool", e.to_string()));
        }
        if let Some(ip) = &b.identity_pool {
            if let Err(e) = ip.parse::<IdentityPoolId>() {
                return Err(bad("identity_pool", e.to_string()));
            }
        }
        if let Some(c) = &b.client {
            if c.is_empty() || !c.bytes().all(|x| x.is_ascii_alphanumeric()) {
                return Err(bad("client", format!("malformed app client id {c:?}")));
            }
        }
        if let Some(r) = &b.region {
            if !is_region_name(r) {
                return Err(bad("region", format!("{r:?} is not a region name")));
            }
        }
        if let Some(p) = &b.profile {
            if p.is_empty() {
                return Err(bad("profile", "empty profile name".into()));
            }
        }
    }
    Ok(mapping)
}

impl Mapping {
    pub fn branch(&self, name: &str) -> Result<&BranchMapping, EnvError> {
        self.branches.get(name).ok_or_else(|| {
            EnvError::UnknownBranch(
                name.to_string(),
                self.branches.keys().cloned().collect::<Vec<_>>().join(", "),
            )
        })
    }
}

/// How the variables are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EnvFormat {
    /// `KEY=value` lines.
    Dotenv,
    /// `export KEY='value'` lines.
    Shell,
    /// `{"KEY": "value"}`: the environment-variables map of Amplify's branch settings.
    Json,
    /// `echo "KEY=value" >> "$GITHUB_ENV"` lines for a GitHub Actions step.
    Github,
}

impl EnvFormat {
    fn extension(self) -> &'static str {
        match self {
            EnvFormat::Dotenv => "env",
            EnvFormat::Shell => "sh",
            EnvFormat::Json => "json",
            EnvFormat::Github => "github-env.sh",
        }
    }
}

/// The file `--all-branches` writes a branch to: the branch name with anything but letters,
/// digits, `.`, `_` and `-` turned into `-` (so `feature/x` gives `feature-x.env`).
pub fn file_name(branch: &str, format: EnvFormat) -> String {
    let stem: String = branch
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let stem = stem.trim_start_matches('.');
    format!(
        "{}.{}",
        if stem.is_empty() { "branch" } else { stem },
        format.extension()
    )
}

/// File names for every branch, refusing two branches that would share a file.
pub fn file_names(
    branches: &[String],
    format: EnvFormat,
) -> Result<Vec<(String, String)>, EnvError> {
    let mut seen: BTreeMap<String, &String> = BTreeMap::new();
    let mut out = Vec::new();
    for b in branches {
        let name = file_name(b, format);
        if let Some(other) = seen.insert(name.clone(), b) {
            return Err(EnvError::FileNameClash(other.clone(), b.clone(), name));
        }
        out.push((b.clone(), name));
    }
    Ok(out)
}

fn single_quoted(v: &str) -> String {
    format!("'{}'", v.replace('\'', r"'\''"))
}

fn double_quoted(v: &str) -> String {
    let mut out = String::from("\"");
    for c in v.chars() {
        if matches!(c, '"' | '\\' | '$' | '`') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

fn plain(v: &str) -> bool {
    !v.is_empty()
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || ":/._-@+,=".contains(c))
}

/// Renders `vars` (name, value) for `branch`. Values with line breaks are refused: no format
/// carries them safely.
pub fn render(
    branch: &str,
    vars: &[(String, String)],
    format: EnvFormat,
) -> Result<String, EnvError> {
    for (k, v) in vars {
        if v.contains('\n') || v.contains('\r') {
            return Err(EnvError::LineBreak(k.clone()));
        }
    }
    let header = format!("# cogref emit env: branch {branch}\n");
    let mut out = String::new();
    match format {
        EnvFormat::Dotenv => {
            out.push_str(&header);
            for (k, v) in vars {
                let value = if plain(v) {
                    v.clone()
                } else {
                    double_quoted(v)
                };
                out.push_str(&format!("{k}={value}\n"));
            }
        }
        EnvFormat::Shell => {
            out.push_str(&header);
            for (k, v) in vars {
                out.push_str(&format!("export {k}={}\n", single_quoted(v)));
            }
        }
        EnvFormat::Json => {
            let map: BTreeMap<&str, &str> =
                vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
            out = serde_json::to_string_pretty(&map).unwrap_or_default();
            out.push('\n');
        }
        EnvFormat::Github => {
            out.push_str(&header);
            for (k, v) in vars {
                out.push_str(&format!(
                    "echo {} >> \"$GITHUB_ENV\"\n",
                    double_quoted(&format!("{k}={v}"))
                ));
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAPPING: &str = r#"
prefix = "SHOP"
[branches.main]
pool = "us-east-1_AbC123"
profile = "prod"
[branches."feature/x"]
pool = "us-east-1_AbC123"
client = "abc123"
identity_pool = "us-east-1:0a1b2c3d-0000-4000-8000-123456789abc"
region = "eu-west-1"
"#;

    #[test]
    fn toml_syntax_errors_are_one_line_with_their_position() {
        let e = parse_mapping("prefix = \"X\"\n[branches.main]\npool = \n").unwrap_err();
        let text = e.to_string();
        assert!(!text.contains('\n'), "{text}");
        assert!(
            text.starts_with("invalid TOML at line 3, column 8: "),
            "{text}"
        );
    }

    #[test]
    fn mappings_parse_and_validate() {
        let m = parse_mapping(MAPPING).unwrap();
        assert_eq!(m.prefix.as_deref(), Some("SHOP"));
        assert_eq!(m.branch("main").unwrap().profile.as_deref(), Some("prod"));
        assert_eq!(
            m.branch("feature/x").unwrap().region.as_deref(),
            Some("eu-west-1")
        );
        assert!(m
            .branch("dev")
            .unwrap_err()
            .to_string()
            .contains("feature/x, main"));
        let err = parse_mapping("[branches.main]\npool = \"nope\"\n").unwrap_err();
        assert!(
            err.to_string()
                .starts_with("branch \"main\": pool: malformed user pool id"),
            "{err}"
        );
        let err = parse_mapping("[branches.main]\npool = \"us-east-1_a\"\nregion = \"mars\"\n")
            .unwrap_err();
        assert!(err.to_string().contains("region"), "{err}");
        let err =
            parse_mapping("[branches.main]\npool = \"us-east-1_a\"\npoool = 1\n").unwrap_err();
        assert!(err.to_string().contains("unknown field"), "{err}");
        assert_eq!(
            parse_mapping("prefix = \"X\"\n").unwrap_err(),
            EnvError::NoBranches
        );
    }

    #[test]
    fn file_names_are_safe_and_distinct() {
        assert_eq!(file_name("feature/x", EnvFormat::Dotenv), "feature-x.env");
        assert_eq!(file_name("../up", EnvFormat::Json), "-up.json");
        assert_eq!(file_name("main", EnvFormat::Github), "main.github-env.sh");
        let clash = file_names(&["a/b".into(), "a-b".into()], EnvFormat::Shell).unwrap_err();
        assert!(matches!(clash, EnvError::FileNameClash(..)));
    }

    #[test]
    fn renderings() {
        let vars = vec![
            ("P_USER_POOL_ID".to_string(), "us-east-1_Ab".to_string()),
            ("P_X".to_string(), "it's $x".to_string()),
        ];
        assert_eq!(
            render("main", &vars, EnvFormat::Dotenv).unwrap(),
            "# cogref emit env: branch main\nP_USER_POOL_ID=us-east-1_Ab\nP_X=\"it's \\$x\"\n"
        );
        assert_eq!(
            render("main", &vars, EnvFormat::Shell).unwrap(),
            "# cogref emit env: branch main\nexport P_USER_POOL_ID='us-east-1_Ab'\nexport P_X='it'\\''s $x'\n"
        );
        assert_eq!(
            render("main", &vars, EnvFormat::Github).unwrap(),
            "# cogref emit env: branch main\necho \"P_USER_POOL_ID=us-east-1_Ab\" >> \"$GITHUB_ENV\"\necho \"P_X=it's \\$x\" >> \"$GITHUB_ENV\"\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&render("main", &vars, EnvFormat::Json).unwrap()).unwrap();
        assert_eq!(json["P_X"], "it's $x");
        let bad = vec![("K".to_string(), "a\nb".to_string())];
        assert_eq!(
            render("m", &bad, EnvFormat::Json).unwrap_err(),
            EnvError::LineBreak("K".into())
        );
    }
}
