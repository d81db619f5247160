"""Test-only console-style edits of a deployed stack's Cognito resources in the local emulator.

Owns: choosing, generically, one edit a console user could make to a resource a stack deployed
(from its `resources-to-import.json` and the mutability table `src/drift/cognito-mutability.json`,
never per template), making it through the Cognito APIs the way the console does (read the
resource, change one setting, send the whole configuration back), and saying which drift finding
it must give. Two kinds:

- `mutable`: a setting the table marks `in_place` is changed on the stack's first user pool
  (UpdateUserPool) or, without one, its first identity pool (UpdateIdentityPool). Given the
  template (`--template`), a setting the template DECLARES on that pool as a literal is aimed
  at first, a number or text before a boolean: a number moved by one within the resource
  schema's minimum/maximum, a free-text string (its schema pattern allows whitespace, has no
  enum, and still matches with the suffix within maxLength) given a suffix, a boolean flipped;
  the resource schema is cfn-lint's (the pinned cfn-lint of the venv). Settings Cognito
  mirrors into another (the legacy message fields and their VerificationMessageTemplate keys,
  TemporaryPasswordValidityDays and UnusedAccountValidityDays; scripts/aws-defaults.json) are
  left alone: edited alone, both would read back changed. Without such a declared setting, a boolean
  the live resource has is flipped. Which one: picked among the candidates by a hash of
  `--seed` (the template name), so the corpus exercises many of them. Expected:
  `drift-in-place`, exit 1.
- `fixed`: a setting that cannot be changed back in place. The console cannot change a
  create-only property (UsernameAttributes, AliasAttributes...) at all; what it can do is add a
  custom attribute to the schema (AddCustomAttributes; the table's `append_only` Schema: it can
  never be removed) or, on an identity pool without one, set the developer provider name
  (UpdateIdentityPool; the table's `never`: once set it cannot change). Expected:
  `drift-impossible`, exit 3.

    console_edit.py --endpoint URL --import-file FILE --kind mutable|fixed [--seed TEXT]
        [--template FILE] [--out FILE]
    console_edit.py --serve

Prints (or writes to --out) one JSON object: logical_id, resource_type, path, code, rule, what.
No edit possible for the resources deployed: exit 1 with one line. Bad arguments: exit 2.

`--serve`: the same edits for many stacks from one process (boto3 loads once, not twice per
stack; the corpus test runs one per worker): reads one JSON request a line on stdin,
`{"endpoint", "import_file", "kind", "seed", "template"}` (`template` optional), and answers each with one line, `{"ok": <the
object above>}` or `{"error": "<one line>"}` (no edit possible, a failed API call, a bad
request); it ends at end of input.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src/drift/cognito-mutability.json"
AWS_DEFAULTS = ROOT / "scripts/aws-defaults.json"  # the emulator's sourced table of AWS behaviour
SUFFIX = " (edited in the console)"  # what a `mutable` edit appends to a declared free-text string
ADDED_ATTRIBUTE = "console_added"  # the custom attribute a `fixed` edit adds (custom:console_added)
DEVELOPER_PROVIDER = "login.console.example"  # the developer provider name a `fixed` edit sets


class NoEdit(Exception):
    """Nothing the stack deployed can take this kind of edit (exit 1)."""


def load_table(path: Path = TABLE) -> list[dict[str, Any]]:
    return json.loads(path.read_text(encoding="utf-8"))


def at_path(value: Any, path: str) -> Any:
    """The value at a dotted property path, or None (paths with `[]` are not followed)."""
    for part in path.split("."):
        if not isinstance(value, dict) or part not in value:
            return None
        value = value[part]
    return value


def set_path(value: dict[str, Any], path: str, new: Any) -> None:
    parts = path.split(".")
    for part in parts[:-1]:
        value = value[part]
    value[parts[-1]] = new


def bool_candidates(table: list[dict[str, Any]], resource_type: str, live: dict[str, Any]) -> list[str]:
    """In-place properties of `resource_type` whose live value is a boolean, in table order."""
    out = []
    for row in table:
        prop = row["property"]
        if row["resource_type"] != resource_type or row["rule"] != "in_place" or "[" in prop:
            continue
        if isinstance(at_path(live, prop), bool):
            out.append(prop)
    return out


def declared_literals(props: Any, prefix: str = "") -> dict[str, Any]:
    """The literal scalars a template's resource Properties declare, by dotted path (lists and
    intrinsic functions are not followed: their value is not written in the template)."""
    out: dict[str, Any] = {}
    if not isinstance(props, dict):
        return out
    for key, value in props.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            first_key = next(iter(value), "")
            if len(value) == 1 and (first_key.startswith("Fn::") or first_key in ("Ref", "Condition")):
                continue
            out.update(declared_literals(value, path + "."))
        elif isinstance(value, (bool, int, str)):
            out[path] = value
    return out


def _deref(schema: dict[str, Any], node: Any) -> Any:
    while isinstance(node, dict) and isinstance(node.get("$ref"), str):
        ref = node["$ref"]
        if not ref.startswith("#/"):
            return {}
        node = schema
        for part in ref[2:].split("/"):
            node = node.get(part, {}) if isinstance(node, dict) else {}
    return node


def schema_at(schema: dict[str, Any], path: str) -> dict[str, Any]:
    """The resource schema's definition of a dotted property path ({} when it has none)."""
    node: Any = schema
    for part in path.split("."):
        node = _deref(schema, node)
        node = (node.get("properties") or {}).get(part) if isinstance(node, dict) else None
        if node is None:
            return {}
    node = _deref(schema, node)
    return node if isinstance(node, dict) else {}


def resource_schema(resource_type: str) -> dict[str, Any]:
    from cfnlint.schema import PROVIDER_SCHEMA_MANAGER

    return PROVIDER_SCHEMA_MANAGER.get_resource_schema("us-east-1", resource_type).schema


def changed_value(live: Any, spec: dict[str, Any]) -> Any:
    """A value other than `live` that the property's schema accepts, or None."""
    if isinstance(live, bool):
        return not live
    if isinstance(live, int):
        lo, hi = spec.get("minimum"), spec.get("maximum")
        for new in (live + 1, live - 1):
            if (lo is None or new >= lo) and (hi is None or new <= hi):
                return new
        return None
    text = isinstance(spec.get("pattern"), str) and "\\s" in spec["pattern"]
    if isinstance(live, str) and spec.get("type") == "string" and "enum" not in spec and text:
        import regex  # the schemas' patterns use \p{..} classes, as cfn-lint does

        new = live + SUFFIX
        if len(new) > spec.get("maxLength", 2048):
            return None
        pattern = spec.get("pattern")
        if pattern and not regex.search(pattern, new):
            return None
        return new
    return None


def same_literal(declared: Any, live: Any) -> bool:
    """The template's literal and the live value are the same setting (YAML may quote numbers
    and booleans)."""
    if isinstance(live, bool) or isinstance(declared, bool):
        return str(declared).lower() == str(live).lower()
    return str(declared) == str(live)


def mirrored_settings() -> set[str]:
    """User pool settings Cognito mirrors into another (scripts/aws-defaults.json): the legacy
    message fields and their VerificationMessageTemplate keys, and TemporaryPasswordValidityDays
    and UnusedAccountValidityDays. Edited alone, both would read back changed."""
    pool = json.loads(AWS_DEFAULTS.read_text(encoding="utf-8"))["user_pool"]
    pairs = pool["legacy_message_mirror"]["value"]
    out = set(pairs) | {f"VerificationMessageTemplate.{key}" for key in pairs.values()}
    if pool["unused_account_validity_days_from_temporary_password_days"]["value"]:
        out |= {"Policies.PasswordPolicy.TemporaryPasswordValidityDays", "AdminCreateUserConfig.UnusedAccountValidityDays"}
    return out


def declared_candidates(table: list[dict[str, Any]], resource_type: str, template_props: Any, live: dict[str, Any], members: set[str]) -> list[tuple[str, Any]]:
    """In-place settings of `resource_type` the template declares as a literal that the live
    resource holds as declared and the update call takes, each with a changed value its schema
    accepts, in table order."""
    declared = declared_literals(template_props)
    in_place = [r["property"] for r in table if r["resource_type"] == resource_type and r["rule"] == "in_place" and "[" not in r["property"]]
    schema: dict[str, Any] | None = None
    mirrored = mirrored_settings() if resource_type == "AWS::Cognito::UserPool" else set()
    out = []
    for prop in in_place:
        if prop not in declared or prop in mirrored or prop.split(".")[0] not in members:
            continue
        value = at_path(live, prop)
        if not isinstance(value, (bool, int, str)) or not same_literal(declared[prop], value):
            continue
        if schema is None:
            schema = resource_schema(resource_type)
        new = changed_value(value, schema_at(schema, prop))
        if new is not None:
            out.append((prop, new))
    return out


def template_properties(template: dict[str, Any] | None, entry: dict[str, Any]) -> Any:
    """The Properties the template declares for an import entry's resource (None when the
    template is not given or holds no such resource: a nested stack's)."""
    if not template:
        return None
    resource = (template.get("Resources") or {}).get(entry.get("LogicalResourceId"))
    if not isinstance(resource, dict) or resource.get("Type") != entry.get("ResourceType"):
        return None
    return resource.get("Properties")


def pick(candidates: list[str], seed: str) -> str:
    index = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(candidates)
    return candidates[index]


def first(imports: list[dict[str, Any]], resource_type: str) -> dict[str, Any] | None:
    return next((e for e in imports if e.get("ResourceType") == resource_type), None)


def update_request(client: Any, operation: str, live: dict[str, Any]) -> dict[str, Any]:
    """The console's read-modify-write: every member of the update call the read returned."""
    members = client.meta.service_model.operation_model(operation).input_shape.members
    return {k: v for k, v in live.items() if k in members}


def edit_mutable(session: Any, endpoint: str, imports: list[dict[str, Any]], table: list[dict[str, Any]], seed: str, template: dict[str, Any] | None = None) -> dict[str, Any]:
    pool = first(imports, "AWS::Cognito::UserPool")
    if pool is not None:
        c = session.client("cognito-idp", endpoint_url=endpoint)
        pool_id = pool["ResourceIdentifier"]["UserPoolId"]
        live = c.describe_user_pool(UserPoolId=pool_id)["UserPool"]
        members = set(c.meta.service_model.operation_model("UpdateUserPool").input_shape.members)
        declared = declared_candidates(table, "AWS::Cognito::UserPool", template_properties(template, pool), live, members)
        # A declared number or text first: booleans are what the fallback already flips.
        declared = [c for c in declared if not isinstance(c[1], bool)] or declared
        if declared:
            prop = pick([p for p, _ in declared], seed)
            new = dict(declared)[prop]
            request = update_request(c, "UpdateUserPool", {**live, "UserPoolId": pool_id})
            set_path(request, prop, new)
            c.update_user_pool(**request)
            return result(pool, prop, "drift-in-place", "in_place", f"UpdateUserPool {prop} -> {json.dumps(new)} (declared in the template)")
        candidates = bool_candidates(table, "AWS::Cognito::UserPool", live)
        if not candidates:
            raise NoEdit(f"user pool {pool_id}: no boolean in-place setting to change")
        prop = pick(candidates, seed)
        request = update_request(c, "UpdateUserPool", {**live, "UserPoolId": pool_id})
        if prop.split(".")[0] not in request:
            raise NoEdit(f"user pool {pool_id}: {prop} is not a member of UpdateUserPool")
        new = not at_path(live, prop)
        set_path(request, prop, new)
        c.update_user_pool(**request)
        return result(pool, prop, "drift-in-place", "in_place", f"UpdateUserPool {prop} -> {new}")
    ip = first(imports, "AWS::Cognito::IdentityPool")
    if ip is not None:
        c = session.client("cognito-identity", endpoint_url=endpoint)
        ip_id = ip["ResourceIdentifier"]["Id"]
        live = c.describe_identity_pool(IdentityPoolId=ip_id)
        live.pop("ResponseMetadata", None)
        candidates = bool_candidates(table, "AWS::Cognito::IdentityPool", live)
        if not candidates:
            raise NoEdit(f"identity pool {ip_id}: no boolean in-place setting to change")
        prop = pick(candidates, seed)
        request = update_request(c, "UpdateIdentityPool", live)
        new = not live[prop]
        request[prop] = new
        c.update_identity_pool(**request)
        return result(ip, prop, "drift-in-place", "in_place", f"UpdateIdentityPool {prop} -> {new}")
    raise NoEdit("the stack deployed no user pool and no identity pool")


def edit_fixed(session: Any, endpoint: str, imports: list[dict[str, Any]], table: list[dict[str, Any]]) -> dict[str, Any]:
    rules = {(r["resource_type"], r["property"]): r["rule"] for r in table}
    pool = first(imports, "AWS::Cognito::UserPool")
    if pool is not None:
        c = session.client("cognito-idp", endpoint_url=endpoint)
        pool_id = pool["ResourceIdentifier"]["UserPoolId"]
        c.add_custom_attributes(
            UserPoolId=pool_id,
            CustomAttributes=[{"Name": ADDED_ATTRIBUTE, "AttributeDataType": "String", "Mutable": True}],
        )
        rule = rules[("AWS::Cognito::UserPool", "Schema")]
        return result(pool, f"Schema[custom:{ADDED_ATTRIBUTE}]", "drift-impossible", rule, f"AddCustomAttributes custom:{ADDED_ATTRIBUTE}")
    ip = first(imports, "AWS::Cognito::IdentityPool")
    if ip is not None:
        c = session.client("cognito-identity", endpoint_url=endpoint)
        ip_id = ip["ResourceIdentifier"]["Id"]
        live = c.describe_identity_pool(IdentityPoolId=ip_id)
        if live.get("DeveloperProviderName"):
            raise NoEdit(f"identity pool {ip_id}: its developer provider name is set already")
        request = update_request(c, "UpdateIdentityPool", live)
        request["DeveloperProviderName"] = DEVELOPER_PROVIDER
        c.update_identity_pool(**request)
        rule = rules[("AWS::Cognito::IdentityPool", "DeveloperProviderName")]
        return result(ip, "DeveloperProviderName", "drift-impossible", rule, f"UpdateIdentityPool DeveloperProviderName -> {DEVELOPER_PROVIDER}")
    raise NoEdit("the stack deployed no user pool and no identity pool")


def result(entry: dict[str, Any], path: str, code: str, rule: str, what: str) -> dict[str, Any]:
    return {
        "logical_id": entry["LogicalResourceId"],
        "resource_type": entry["ResourceType"],
        "path": path,
        "code": code,
        "rule": rule,
        "what": what,
    }


def load_template(path: str | Path | None) -> dict[str, Any] | None:
    if not path:
        return None
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    import deploy_template  # its reader: JSON, or YAML with CloudFormation's short tags

    try:
        return deploy_template.load_template(Path(path))
    except deploy_template.InputError as err:
        raise ValueError(str(err)) from err


def edit(session: Any, endpoint: str, imports: list[dict[str, Any]], table: list[dict[str, Any]], kind: str, seed: str, template: dict[str, Any] | None = None) -> dict[str, Any]:
    if kind == "mutable":
        return edit_mutable(session, endpoint, imports, table, seed, template)
    if kind == "fixed":
        return edit_fixed(session, endpoint, imports, table)
    raise ValueError(f"kind {kind!r}: expected mutable or fixed")


def serve(region: str) -> int:
    """`--serve`: one request a line on stdin, one answer a line on stdout."""
    import boto3

    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region)
    table = load_table()
    for line in sys.stdin:
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            imports = json.loads(Path(req["import_file"]).read_text(encoding="utf-8"))
            template = load_template(req.get("template"))
            answer: dict[str, Any] = {"ok": edit(session, req["endpoint"], imports, table, req["kind"], req.get("seed", ""), template)}
        except NoEdit as err:
            answer = {"error": f"no {req.get('kind')} edit: {err}"}
        except Exception as err:  # noqa: BLE001 (answered, so the caller sees it and the server goes on)
            first = str(err).splitlines()[0] if str(err) else ""
            answer = {"error": f"{type(err).__name__}: {first}"}
        print(json.dumps(answer), flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--serve", action="store_true", help="edit requests as JSON lines on stdin")
    ap.add_argument("--endpoint")
    ap.add_argument("--import-file", type=Path)
    ap.add_argument("--kind", choices=["mutable", "fixed"])
    ap.add_argument("--seed", default="")
    ap.add_argument("--template", type=Path, help="the stack's template: aim at a setting it declares")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    if args.serve:
        return serve(args.region)
    if not (args.endpoint and args.import_file and args.kind):
        ap.error("--endpoint, --import-file and --kind are required (or --serve)")
    try:
        imports = json.loads(args.import_file.read_text(encoding="utf-8"))
        template = load_template(args.template)
    except (OSError, ValueError) as err:
        print(f"console_edit: {args.import_file}: {err}", file=sys.stderr)
        return 2
    import boto3

    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=args.region)
    table = load_table()
    try:
        out = edit(session, args.endpoint, imports, table, args.kind, args.seed, template)
    except NoEdit as err:
        print(f"console_edit: no {args.kind} edit: {err}", file=sys.stderr)
        return 1
    text = json.dumps(out, indent=1)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    else:
        print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
