"""Cloud Control API GetResource in the emulator, for the resources the test deployer simulated.

Owns: answering `CloudApiService.GetResource` (moto 5.2.5 has no Cloud Control; JSON 1.0
protocol, requests signed for `cloudcontrolapi`) for the non-Cognito resources
`scripts/deploy_template.py` simulates, from the model it registered with each of them
(`Model`: the declared properties and the read-only ones), and the check, at registration, that
those resources have AWS's shapes (so the deployer's `Fn::GetAtt` values and these answers agree
because both follow AWS).

Shapes, from the Cloud Control API reference (API_GetResource.html): the answer is
`{"TypeName": T, "ResourceDescription": {"Identifier": ID, "Properties": "<the model as a JSON
string>"}}`; a resource that does not exist is `ResourceNotFoundException`; a type Cloud Control
cannot read is `UnsupportedActionException` (custom resources, whose attributes only their
Lambda knows, and types whose registry schema has no read handler, such as
AWS::CodeBuild::Project: its schema in the CloudFormation registry, as bundled with cfn-lint
1.58.0, has no `handlers`). Identifier: the primary identifier, which is the physical id
(`Ref`) for the types checked below (registry schemas: CloudFront::Distribution /properties/Id,
CodeCommit::Repository /properties/RepositoryId, DynamoDB::Table /properties/TableName).

Shapes of the resources, from the CloudFormation resource reference, "Return values":
a distribution's id is "E" + 13 upper-case letters/digits (e.g. EDFDVBD632BHDS5) and its
DomainName "d" + 13 lower-case letters/digits + ".cloudfront.net" (d111111abcdef8.cloudfront.net);
a CodeCommit repository's Ref is its id (a GUID) and its Arn arn:aws:codecommit:REGION:ACCOUNT:NAME;
a DynamoDB table's Arn arn:aws:dynamodb:REGION:ACCOUNT:table/NAME.

Installed by `install()`, from scripts/emulator.py's patch_moto(), after emulator_stacks.
"""

from __future__ import annotations

import json
import re
from typing import Any, Callable

TARGET_PREFIX = "CloudApiService."
JSON_10 = "application/x-amz-json-1.0"
# Types Cloud Control cannot read (no read handler in the registry schema).
NO_READ_HANDLER = ("AWS::CodeBuild::Project",)
GUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def is_custom(type_name: str) -> bool:
    return type_name.startswith("Custom::") or type_name == "AWS::CloudFormation::CustomResource"


def shape_problems(stack: dict[str, Any]) -> list[str]:
    """What in a registration does not have AWS's shapes (empty: all fine)."""
    problems = []
    region = stack.get("Region", "")
    account = str(stack.get("StackId", "")).split(":")[4] if str(stack.get("StackId", "")).count(":") >= 5 else ""
    for r in stack.get("Resources") or []:
        model, rtype, physical = r.get("Model"), r.get("ResourceType"), str(r.get("PhysicalResourceId", ""))
        if not isinstance(model, dict):
            continue
        where = f"{r.get('LogicalResourceId')} ({rtype})"
        if rtype == "AWS::CloudFront::Distribution":
            if not re.fullmatch(r"E[A-Z0-9]{13}", physical) or model.get("Id") != physical:
                problems.append(f"{where}: the id {physical!r} is not E + 13 upper-case letters/digits")
            if not re.fullmatch(r"d[a-z0-9]{13}\.cloudfront\.net", str(model.get("DomainName", ""))):
                problems.append(f"{where}: DomainName {model.get('DomainName')!r} is not d + 13 characters + .cloudfront.net")
        elif rtype == "AWS::CodeCommit::Repository":
            name = model.get("RepositoryName")
            if not re.fullmatch(GUID, physical):
                problems.append(f"{where}: the physical id {physical!r} is not a repository id (GUID)")
            if model.get("Arn") != f"arn:aws:codecommit:{region}:{account}:{name}":
                problems.append(f"{where}: Arn {model.get('Arn')!r} is not arn:aws:codecommit:{region}:{account}:{name}")
        elif rtype == "AWS::DynamoDB::Table":
            if model.get("Arn") != f"arn:aws:dynamodb:{region}:{account}:table/{physical}":
                problems.append(f"{where}: Arn {model.get('Arn')!r} is not the table's")
    return problems


def _find(type_name: str, identifier: str, region: str, account: str) -> dict[str, Any] | None:
    import emulator_stacks

    for stack in emulator_stacks.in_region(region, account):
        for r in stack.get("Resources") or []:
            if r.get("ResourceType") == type_name and r.get("PhysicalResourceId") == identifier and isinstance(r.get("Model"), dict):
                return r
    return None


def get_resource(body: dict[str, Any], region: str, account: str) -> tuple[int, dict[str, Any]]:
    """(HTTP status, JSON body) of one GetResource in `account` (the caller's: another
    account's stack resources are not found, as in AWS)."""
    type_name = str(body.get("TypeName", ""))
    identifier = str(body.get("Identifier", ""))
    if not type_name or not identifier:
        return 400, {"__type": "ValidationException", "Message": "TypeName and Identifier are required"}
    if is_custom(type_name) or type_name in NO_READ_HANDLER:
        return 400, {"__type": "UnsupportedActionException", "Message": f"Resource type {type_name} does not support READ action"}
    found = _find(type_name, identifier, region, account)
    if found is None:
        return 400, {"__type": "ResourceNotFoundException", "Message": f"{type_name} with identifier {identifier} not found"}
    return 200, {
        "TypeName": type_name,
        "ResourceDescription": {"Identifier": identifier, "Properties": json.dumps(found["Model"], sort_keys=True)},
    }


def _account(environ: dict[str, Any]) -> str:
    """The caller's account, as moto finds it for its own services: from the access key id
    in the SigV4 credential scope (an assumed role's key maps to the role's account)."""
    from moto.iam.models import get_account_id_from

    auth = environ.get("HTTP_AUTHORIZATION", "")
    key = auth.split("Credential=", 1)[1].split("/", 1)[0] if "Credential=" in auth else ""
    return get_account_id_from(key)


def _region(environ: dict[str, Any]) -> str:
    auth = environ.get("HTTP_AUTHORIZATION", "")
    if "Credential=" in auth:
        scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
        if len(scope) >= 3:
            return scope[2]
    return "us-east-1"


def install() -> None:
    """Wraps the WSGI dispatcher (Cloud Control requests) and the stack registration (shapes)."""
    import emulator_stacks
    from moto.moto_server.werkzeug_app import DomainDispatcherApplication

    real_register = emulator_stacks.register

    def register(stack: dict[str, Any]) -> dict[str, Any]:
        problems = shape_problems(stack)
        if problems:
            raise ValueError("not as AWS would have it: " + "; ".join(problems))
        return real_register(stack)

    emulator_stacks.register = register

    real_call: Callable[..., Any] = DomainDispatcherApplication.__call__

    def call(self: Any, environ: dict[str, Any], start_response: Any) -> Any:
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if not target.startswith(TARGET_PREFIX):
            return real_call(self, environ, start_response)
        length = environ.get("CONTENT_LENGTH") or "0"
        raw = environ["wsgi.input"].read(int(length)) if length.isdigit() else b""
        try:
            body = json.loads(raw or b"{}")
        except ValueError:
            body = None
        operation = target[len(TARGET_PREFIX):]
        if not isinstance(body, dict):
            status, answer = 400, {"__type": "ValidationException", "Message": "the body is not a JSON object"}
        elif operation == "GetResource":
            status, answer = get_resource(body, _region(environ), _account(environ))
        else:
            status, answer = 400, {"__type": "UnknownOperationException", "Message": f"the emulator serves only GetResource, not {operation}"}
        data = json.dumps(answer).encode()
        reason = "OK" if status == 200 else "Bad Request"
        start_response(f"{status} {reason}", [("Content-Type", JSON_10), ("Content-Length", str(len(data)))])
        return [data]

    DomainDispatcherApplication.__call__ = call
