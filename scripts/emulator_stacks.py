"""CloudFormation stacks in the emulator for stacks the test deployer registered.

Owns: the registry of stacks `scripts/deploy_template.py` deployed (moto's CloudFormation cannot
create Cognito resources, so the deployer creates them through the Cognito APIs and registers
the result here), the private registration call (`POST /_cogref/stacks`, a JSON body; never an
AWS action), and CloudFormation's read calls for registered stacks with the shapes of the
CloudFormation API reference (query protocol, XML, serialized by moto from botocore's model):
DescribeStacks, ListStacks, GetTemplate (TemplateStage Original / Processed),
GetTemplateSummary, ListStackResources (pages of 100 with NextToken, as AWS),
DescribeStackResources. A registered stack belongs to the account in its StackId and is seen
only by requests made with that account's credentials (fleet tests deploy the same stack name
into several member accounts). Stacks moto itself created still answer as before.

Installed by `install()`, called from scripts/emulator.py's patch_moto().
"""

from __future__ import annotations

import datetime
import json
import threading
from typing import Any

LIST_STACK_RESOURCES_PAGE = 100  # ListStackResources returns up to 100 summaries per page
REGISTER_PATH = "/_cogref/stacks"

_lock = threading.Lock()
_stacks: dict[str, dict[str, Any]] = {}  # stack id -> registration, in registration order


def register(stack: dict[str, Any]) -> dict[str, Any]:
    """Stores one stack as the deployer described it; returns {"StackId"}."""
    for key in ("StackName", "StackId", "Region", "Resources"):
        if key not in stack:
            raise ValueError(f"registration without {key}")
    stack = dict(stack)
    stack.setdefault("CreationTime", datetime.datetime.now(datetime.timezone.utc))
    with _lock:
        _stacks[stack["StackId"]] = stack
    return {"StackId": stack["StackId"]}


def _account(stack: dict[str, Any]) -> str:
    """The account a stack lives in: the one in its id (arn:aws:cloudformation:R:ACCOUNT:stack/...)."""
    parts = str(stack["StackId"]).split(":")
    return parts[4] if len(parts) > 4 else ""


def find(name_or_id: str | None, region: str, account: str) -> dict[str, Any] | None:
    """The stack `name_or_id` as `account` sees it in `region` (stacks are per account and
    region, as in AWS: another account's stack of the same name is not found)."""
    if not name_or_id:
        return None
    with _lock:
        if name_or_id in _stacks and _account(_stacks[name_or_id]) == account:
            return _stacks[name_or_id]
        for stack in reversed(list(_stacks.values())):
            if stack["StackName"] == name_or_id and stack["Region"] == region and _account(stack) == account:
                return stack
    return None


def in_region(region: str, account: str) -> list[dict[str, Any]]:
    with _lock:
        return [s for s in _stacks.values() if s["Region"] == region and _account(s) == account]


def _template_text(template: Any) -> str:
    return template if isinstance(template, str) else json.dumps(template, indent=1)


def stack_output(stack: dict[str, Any]) -> dict[str, Any]:
    """One `Stack` of DescribeStacks."""
    out: dict[str, Any] = {
        "StackId": stack["StackId"],
        "StackName": stack["StackName"],
        "CreationTime": stack["CreationTime"],
        "StackStatus": stack.get("StackStatus", "CREATE_COMPLETE"),
        "DisableRollback": False,
        "Parameters": stack.get("Parameters") or [],
        "Outputs": stack.get("Outputs") or [],
        "Tags": {t["Key"]: t["Value"] for t in stack.get("Tags") or []},  # moto's transformer lists them
        "NotificationARNs": [],
        "Capabilities": ["CAPABILITY_IAM", "CAPABILITY_NAMED_IAM", "CAPABILITY_AUTO_EXPAND"],
        "EnableTerminationProtection": False,
        "DriftInformation": {"StackDriftStatus": "NOT_CHECKED"},
    }
    if stack.get("Description"):
        out["Description"] = stack["Description"]
    if stack.get("ParentId"):
        out["ParentId"] = stack["ParentId"]
        out["RootId"] = stack.get("RootId") or stack["ParentId"]
    return out


def summary_output(stack: dict[str, Any]) -> dict[str, Any]:
    """One `StackSummary` of ListStacks."""
    out = {
        "StackId": stack["StackId"],
        "StackName": stack["StackName"],
        "CreationTime": stack["CreationTime"],
        "StackStatus": stack.get("StackStatus", "CREATE_COMPLETE"),
        "DriftInformation": {"StackDriftStatus": "NOT_CHECKED"},
    }
    if stack.get("Description"):
        out["TemplateDescription"] = stack["Description"]
    if stack.get("ParentId"):
        out["ParentId"] = stack["ParentId"]
        out["RootId"] = stack.get("RootId") or stack["ParentId"]
    return out


def resource_summary(stack: dict[str, Any], r: dict[str, Any]) -> dict[str, Any]:
    return {
        "LogicalResourceId": r["LogicalResourceId"],
        "PhysicalResourceId": r.get("PhysicalResourceId", ""),
        "ResourceType": r["ResourceType"],
        "LastUpdatedTimestamp": stack["CreationTime"],
        "ResourceStatus": r.get("ResourceStatus", "CREATE_COMPLETE"),
        "DriftInformation": {"StackResourceDriftStatus": "NOT_CHECKED"},
    }


def install() -> None:
    """Wraps moto's CloudFormation read calls and its WSGI dispatcher."""
    from moto.cloudformation.exceptions import ValidationError
    from moto.cloudformation.responses import CloudFormationResponse
    from moto.core.responses import ActionResult
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    real = {
        name: getattr(CloudFormationResponse, name)
        for name in (
            "describe_stacks",
            "list_stacks",
            "get_template",
            "get_template_summary",
            "list_stack_resources",
            "describe_stack_resources",
        )
    }

    def registered(self: Any) -> dict[str, Any] | None:
        return find(self._get_param("StackName"), self.region, self.current_account)

    def describe_stacks(self: Any) -> Any:
        name = self._get_param("StackName")
        stack = registered(self)
        if stack is not None:
            return ActionResult({"Stacks": [stack_output(stack)]})
        if name:
            return real["describe_stacks"](self)
        ours = [stack_output(s) for s in in_region(self.region, self.current_account)]
        try:
            theirs = real["describe_stacks"](self).result
        except ValidationError:
            theirs = {"Stacks": []}
        return ActionResult({"Stacks": ours + list(theirs.get("Stacks") or []), "NextToken": theirs.get("NextToken")})

    def list_stacks(self: Any) -> Any:
        wanted = self._get_param("StackStatusFilter", []) or []
        ours = [summary_output(s) for s in in_region(self.region, self.current_account)]
        ours = [s for s in ours if not wanted or s["StackStatus"] in wanted]
        theirs = real["list_stacks"](self).result
        return ActionResult({"StackSummaries": ours + list(theirs.get("StackSummaries") or [])})

    def get_template(self: Any) -> Any:
        stack = registered(self)
        if stack is None:
            return real["get_template"](self)
        stage = self._get_param("TemplateStage") or "Original"
        key = "TemplateProcessed" if stage == "Processed" else "TemplateOriginal"
        return ActionResult({"TemplateBody": _template_text(stack.get(key) or stack["TemplateOriginal"]), "StagesAvailable": ["Original", "Processed"]})

    def get_template_summary(self: Any) -> Any:
        stack = registered(self)
        if stack is None:
            return real["get_template_summary"](self)
        template = stack.get("TemplateProcessed") or stack["TemplateOriginal"]
        if isinstance(template, str):
            template = _parse(template)
        declared = template.get("Parameters") or {}
        types = sorted({str(r.get("Type")) for r in (template.get("Resources") or {}).values() if isinstance(r, dict)})
        return ActionResult(
            {
                "Parameters": [
                    {
                        "ParameterKey": k,
                        "ParameterType": str((v or {}).get("Type", "String")),
                        "NoEcho": bool((v or {}).get("NoEcho", False)),
                        "Description": str((v or {}).get("Description", "")),
                        **({"DefaultValue": str(v["Default"])} if isinstance(v, dict) and "Default" in v else {}),
                    }
                    for k, v in declared.items()
                ],
                "Description": str(template.get("Description", "")),
                "ResourceTypes": types,
                "Version": str(template.get("AWSTemplateFormatVersion", "2010-09-09")),
                "ResourceIdentifierSummaries": [],
            }
        )

    def list_stack_resources(self: Any) -> Any:
        stack = registered(self)
        if stack is None:
            return real["list_stack_resources"](self)
        rows = [resource_summary(stack, r) for r in stack["Resources"]]
        token = self._get_param("NextToken")
        start = 0
        if token:
            try:
                start = int(token.rsplit(":", 1)[-1])
            except ValueError as err:
                raise ValidationError(message="Invalid NextToken") from err
        page = rows[start : start + LIST_STACK_RESOURCES_PAGE]
        result: dict[str, Any] = {"StackResourceSummaries": page}
        if start + LIST_STACK_RESOURCES_PAGE < len(rows):
            result["NextToken"] = f"cogref-page:{start + LIST_STACK_RESOURCES_PAGE}"
        return ActionResult(result)

    def describe_stack_resources(self: Any) -> Any:
        stack = registered(self)
        if stack is None:
            return real["describe_stack_resources"](self)
        only = self._get_param("LogicalResourceId")
        rows = []
        for r in stack["Resources"]:
            if only and r["LogicalResourceId"] != only:
                continue
            row = resource_summary(stack, r)
            row.pop("LastUpdatedTimestamp")
            row.update({"StackName": stack["StackName"], "StackId": stack["StackId"], "Timestamp": stack["CreationTime"]})
            rows.append(row)
        return ActionResult({"StackResources": rows})

    for name, fn in (
        ("describe_stacks", describe_stacks),
        ("list_stacks", list_stacks),
        ("get_template", get_template),
        ("get_template_summary", get_template_summary),
        ("list_stack_resources", list_stack_resources),
        ("describe_stack_resources", describe_stack_resources),
    ):
        setattr(CloudFormationResponse, name, fn)

    real_call = DomainDispatcherApplication.__call__

    def call(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        if environ.get("PATH_INFO", "").rstrip("/") != REGISTER_PATH:
            return real_call(self, environ, start_response)
        return _registration_endpoint(environ, start_response)

    DomainDispatcherApplication.__call__ = call


def _parse(text: str) -> dict[str, Any]:
    try:
        doc = json.loads(text)
    except ValueError:
        import yaml

        doc = yaml.load(text, Loader=yaml.BaseLoader)  # noqa: S506 (tags are not needed for a summary)
    return doc if isinstance(doc, dict) else {}


def _registration_endpoint(environ: dict[str, Any], start_response: Any) -> list[bytes]:
    def answer(status: str, body: dict[str, Any]) -> list[bytes]:
        data = json.dumps(body).encode()
        start_response(status, [("Content-Type", "application/json"), ("Content-Length", str(len(data)))])
        return [data]

    method = environ.get("REQUEST_METHOD", "GET")
    if method == "GET":
        with _lock:
            return answer("200 OK", {"Stacks": [{"StackName": s["StackName"], "StackId": s["StackId"]} for s in _stacks.values()]})
    if method != "POST":
        return answer("405 Method Not Allowed", {"error": "POST a stack registration"})
    length = environ.get("CONTENT_LENGTH") or "0"
    body = environ["wsgi.input"].read(int(length)) if length.isdigit() else b""
    try:
        result = register(json.loads(body or b"{}"))
    except (ValueError, TypeError, AttributeError) as err:
        return answer("400 Bad Request", {"error": str(err)})
    return answer("200 OK", result)
