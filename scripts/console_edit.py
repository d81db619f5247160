"""Test-only console-style edits of a deployed stack's Cognito resources in the local emulator.

Owns: choosing, generically, one edit a console user could make to a resource a stack deployed
(from its `resources-to-import.json` and the mutability table `src/drift/cognito-mutability.json`,
never per template), making it through the Cognito APIs the way the console does (read the
resource, change one setting, send the whole configuration back), and saying which drift finding
it must give. Two kinds:

- `mutable`: a boolean setting the table marks `in_place` is flipped on the stack's first user
  pool (UpdateUserPool) or, without one, its first identity pool (UpdateIdentityPool). Which
  boolean: one of the candidates the live resource has, picked by a hash of `--seed` (the
  template name), so the corpus exercises many of them. Expected: `drift-in-place`, exit 1.
- `fixed`: a setting that cannot be changed back in place. The console cannot change a
  create-only property (UsernameAttributes, AliasAttributes...) at all; what it can do is add a
  custom attribute to the schema (AddCustomAttributes; the table's `append_only` Schema: it can
  never be removed) or, on an identity pool without one, set the developer provider name
  (UpdateIdentityPool; the table's `never`: once set it cannot change). Expected:
  `drift-impossible`, exit 3.

    console_edit.py --endpoint URL --import-file FILE --kind mutable|fixed [--seed TEXT] [--out FILE]

Prints (or writes to --out) one JSON object: logical_id, resource_type, path, code, rule, what.
No edit possible for the resources deployed: exit 1 with one line. Bad arguments: exit 2.
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


def pick(candidates: list[str], seed: str) -> str:
    index = int(hashlib.sha256(seed.encode()).hexdigest(), 16) % len(candidates)
    return candidates[index]


def first(imports: list[dict[str, Any]], resource_type: str) -> dict[str, Any] | None:
    return next((e for e in imports if e.get("ResourceType") == resource_type), None)


def update_request(client: Any, operation: str, live: dict[str, Any]) -> dict[str, Any]:
    """The console's read-modify-write: every member of the update call the read returned."""
    members = client.meta.service_model.operation_model(operation).input_shape.members
    return {k: v for k, v in live.items() if k in members}


def edit_mutable(session: Any, endpoint: str, imports: list[dict[str, Any]], table: list[dict[str, Any]], seed: str) -> dict[str, Any]:
    pool = first(imports, "AWS::Cognito::UserPool")
    if pool is not None:
        c = session.client("cognito-idp", endpoint_url=endpoint)
        pool_id = pool["ResourceIdentifier"]["UserPoolId"]
        live = c.describe_user_pool(UserPoolId=pool_id)["UserPool"]
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


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--import-file", required=True, type=Path)
    ap.add_argument("--kind", required=True, choices=["mutable", "fixed"])
    ap.add_argument("--seed", default="")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    try:
        imports = json.loads(args.import_file.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        print(f"console_edit: {args.import_file}: {err}", file=sys.stderr)
        return 2
    import boto3

    session = boto3.session.Session(aws_access_key_id="testing", aws_secret_access_key="testing", region_name=args.region)
    table = load_table()
    try:
        if args.kind == "mutable":
            out = edit_mutable(session, args.endpoint, imports, table, args.seed)
        else:
            out = edit_fixed(session, args.endpoint, imports, table)
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
