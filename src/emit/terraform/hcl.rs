//! A small HCL writer that lays text out the way `terraform fmt` does: two-space indents, one
//! attribute per line, and the `=` of consecutive single-line attributes aligned.
//!
//! The alignment rule is hclwrite's (`format.go`, `formatCells`): a run of consecutive lines
//! that each hold a complete `key = value` is aligned on the longest key; any other line (a
//! blank line, a block header or brace, a comment, or an attribute whose value opens a
//! multi-line bracket) ends the run and keeps a single space before its `=`.

/// An expression on the right of `=`.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    /// Written as is: references, numbers, booleans, templates already quoted.
    Raw(String),
    /// A string literal, quoted and escaped.
    Str(String),
    List(Vec<Expr>),
    /// Keys in order; written one per line.
    Object(Vec<(String, Expr)>),
    /// `name(arg)`, e.g. `jsonencode({...})`.
    Call(&'static str, Box<Expr>),
}

impl Expr {
    pub fn str(s: impl Into<String>) -> Expr {
        Expr::Str(s.into())
    }
    pub fn raw(s: impl Into<String>) -> Expr {
        Expr::Raw(s.into())
    }
    pub fn strings(items: &[String]) -> Expr {
        Expr::List(items.iter().map(|s| Expr::Str(s.clone())).collect())
    }

    /// The expression on one line, when it fits on one (scalars, lists of scalars, `{}`).
    fn single_line(&self) -> Option<String> {
        match self {
            Expr::Raw(s) => Some(s.clone()),
            Expr::Str(s) => Some(quote(s)),
            Expr::List(items) => {
                let parts: Option<Vec<String>> = items
                    .iter()
                    .map(|i| match i {
                        Expr::Raw(_) | Expr::Str(_) => i.single_line(),
                        _ => None,
                    })
                    .collect();
                parts.map(|p| format!("[{}]", p.join(", ")))
            }
            Expr::Object(items) if items.is_empty() => Some("{}".to_string()),
            Expr::Object(_) => None,
            Expr::Call(name, arg) => arg.single_line().map(|a| format!("{name}({a})")),
        }
    }
}

/// A block: `kind "label" ... { body }`.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    pub kind: String,
    pub labels: Vec<String>,
    pub body: Vec<Item>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    Attr(String, Expr),
    Block(Block),
    Blank,
    Comment(String),
}

impl Block {
    pub fn new(kind: &str, labels: &[&str]) -> Block {
        Block {
            kind: kind.to_string(),
            labels: labels.iter().map(|l| l.to_string()).collect(),
            body: Vec::new(),
        }
    }

    pub fn attr(&mut self, key: &str, value: Expr) -> &mut Self {
        self.body.push(Item::Attr(key.to_string(), value));
        self
    }

    pub fn opt_str(&mut self, key: &str, value: Option<&String>) -> &mut Self {
        if let Some(v) = value {
            self.attr(key, Expr::str(v.as_str()));
        }
        self
    }

    pub fn opt_raw<T: ToString>(&mut self, key: &str, value: Option<T>) -> &mut Self {
        if let Some(v) = value {
            self.attr(key, Expr::raw(v.to_string()));
        }
        self
    }

    /// A list attribute, only when the list is not empty.
    pub fn list(&mut self, key: &str, items: &[String]) -> &mut Self {
        if !items.is_empty() {
            self.attr(key, Expr::strings(items));
        }
        self
    }

    /// A nested block, preceded by a blank line when it follows other content.
    pub fn block(&mut self, b: Block) -> &mut Self {
        if !self.body.is_empty() && self.body.last() != Some(&Item::Blank) {
            self.body.push(Item::Blank);
        }
        self.body.push(Item::Block(b));
        self
    }

    /// A multi-line attribute (object or call) set apart by a blank line, as blocks are.
    pub fn spaced_attr(&mut self, key: &str, value: Expr) -> &mut Self {
        if !self.body.is_empty() && self.body.last() != Some(&Item::Blank) {
            self.body.push(Item::Blank);
        }
        self.attr(key, value)
    }
}

/// Quotes a string as an HCL literal: escapes and the template sequences `${` and `%{`.
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '$' | '%' if chars.peek() == Some(&'{') => {
                out.push(c);
                out.push(c);
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// An object key: bare when it is a plain identifier, quoted otherwise.
fn key(k: &str) -> String {
    let mut cs = k.chars();
    let ident = cs
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && cs.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !matches!(k, "true" | "false" | "null" | "for" | "in" | "if");
    if ident {
        k.to_string()
    } else {
        quote(k)
    }
}

/// One output line: `lead` (indent and key) and, for a complete single-line attribute, the
/// `= value` part that gets aligned.
struct Line {
    lead: String,
    assign: Option<String>,
}

impl Line {
    fn plain(text: String) -> Line {
        Line {
            lead: text,
            assign: None,
        }
    }
}

fn pad(indent: usize) -> String {
    " ".repeat(indent)
}

fn push_expr(lines: &mut Vec<Line>, indent: usize, prefix: String, e: &Expr, suffix: &str) {
    if let Some(s) = e.single_line() {
        lines.push(Line::plain(format!("{prefix}{s}{suffix}")));
        return;
    }
    match e {
        Expr::List(items) => {
            lines.push(Line::plain(format!("{prefix}[")));
            for item in items {
                push_expr(lines, indent + 2, pad(indent + 2), item, ",");
            }
            lines.push(Line::plain(format!("{}]{suffix}", pad(indent))));
        }
        Expr::Object(items) => {
            lines.push(Line::plain(format!("{prefix}{{")));
            for (k, v) in items {
                push_attr(lines, indent + 2, &key(k), v);
            }
            lines.push(Line::plain(format!("{}}}{suffix}", pad(indent))));
        }
        Expr::Call(name, arg) => {
            push_expr(
                lines,
                indent,
                format!("{prefix}{name}("),
                arg,
                &format!("){suffix}"),
            );
        }
        Expr::Raw(_) | Expr::Str(_) => {}
    }
}

fn push_attr(lines: &mut Vec<Line>, indent: usize, k: &str, e: &Expr) {
    match e.single_line() {
        Some(s) => lines.push(Line {
            lead: format!("{}{k}", pad(indent)),
            assign: Some(format!("= {s}")),
        }),
        None => push_expr(lines, indent, format!("{}{k} = ", pad(indent)), e, ""),
    }
}

fn push_block(lines: &mut Vec<Line>, indent: usize, b: &Block) {
    let mut header = format!("{}{}", pad(indent), b.kind);
    for l in &b.labels {
        header.push(' ');
        header.push_str(&quote(l));
    }
    if b.body.is_empty() {
        lines.push(Line::plain(format!("{header} {{}}")));
        return;
    }
    lines.push(Line::plain(format!("{header} {{")));
    for item in &b.body {
        match item {
            Item::Attr(k, e) => push_attr(lines, indent + 2, k, e),
            Item::Block(inner) => push_block(lines, indent + 2, inner),
            Item::Blank => lines.push(Line::plain(String::new())),
            Item::Comment(c) => lines.push(Line::plain(format!("{}# {c}", pad(indent + 2)))),
        }
    }
    lines.push(Line::plain(format!("{}}}", pad(indent))));
}

/// Aligns runs of single-line attributes and joins the lines.
fn finish(lines: Vec<Line>) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].assign.is_none() {
            out.push_str(lines[i].lead.trim_end());
            out.push('\n');
            i += 1;
            continue;
        }
        let start = i;
        while i < lines.len() && lines[i].assign.is_some() {
            i += 1;
        }
        let width = lines[start..i]
            .iter()
            .map(|l| l.lead.chars().count())
            .max()
            .unwrap_or(0);
        for l in &lines[start..i] {
            let spaces = width - l.lead.chars().count() + 1;
            out.push_str(&l.lead);
            out.push_str(&" ".repeat(spaces));
            out.push_str(l.assign.as_deref().unwrap_or_default());
            out.push('\n');
        }
    }
    out
}

/// Renders top-level items (blocks, comments, blank lines) as a file.
pub fn render(items: &[Item]) -> String {
    let mut lines = Vec::new();
    for item in items {
        match item {
            Item::Attr(k, e) => push_attr(&mut lines, 0, k, e),
            Item::Block(b) => push_block(&mut lines, 0, b),
            Item::Blank => lines.push(Line::plain(String::new())),
            Item::Comment(c) => lines.push(Line::plain(format!("# {c}"))),
        }
    }
    finish(lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn single_line_attributes_align_until_a_multi_line_one() {
        let mut b = Block::new("resource", &["aws_iam_role", "r"]);
        b.attr("name", Expr::str("x"))
            .attr("max_session_duration", Expr::raw("3600"))
            .attr(
                "assume_role_policy",
                Expr::Call(
                    "jsonencode",
                    Box::new(Expr::Object(vec![
                        ("Version".into(), Expr::str("2012-10-17")),
                        ("a:b".into(), Expr::strings(&["s3:GetObject".into()])),
                    ])),
                ),
            )
            .attr("path", Expr::str("/"));
        let text = render(&[Item::Block(b)]);
        assert_eq!(
            text,
            "resource \"aws_iam_role\" \"r\" {\n  \
             name                 = \"x\"\n  \
             max_session_duration = 3600\n  \
             assume_role_policy = jsonencode({\n    \
             Version = \"2012-10-17\"\n    \
             \"a:b\"   = [\"s3:GetObject\"]\n  \
             })\n  \
             path = \"/\"\n\
             }\n"
        );
    }

    #[test]
    fn strings_escape_quotes_and_template_sequences() {
        assert_eq!(
            quote(r#"a "b" \ ${x} %{y} $z"#),
            r#""a \"b\" \\ $${x} %%{y} $z""#
        );
        assert_eq!(quote("line\nnext"), "\"line\\nnext\"");
    }

    #[test]
    fn empty_blocks_and_lists_of_objects() {
        let mut b = Block::new("x", &[]);
        b.block(Block::new("email_mfa_configuration", &[]));
        b.attr(
            "rules",
            Expr::List(vec![Expr::Object(vec![("a".into(), Expr::raw("1"))])]),
        );
        assert_eq!(
            render(&[Item::Block(b)]),
            "x {\n  email_mfa_configuration {}\n  rules = [\n    {\n      a = 1\n    },\n  ]\n}\n"
        );
    }
}
