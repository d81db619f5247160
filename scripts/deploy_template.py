"""Test-only CloudFormation deployer: creates what a template defines in the local emulator.

Owns: reading a CloudFormation template (JSON, or YAML with short tags and YAML 1.1 quirks),
its parameters (CloudFormation's `[{ParameterKey, ParameterValue}]` file, Amplify Gen1's
`parameters.json` map, `--param K=V`), evaluating intrinsic functions, conditions, mappings and
pseudo parameters, ordering resources by their dependencies (cycles refused), and creating them
the way CloudFormation's resource handlers do: Cognito resources and IAM roles/policies through
the emulator's APIs, every other type simulated with deterministic ids and attributes. It then
writes the IMPORT change-set file cogref's drift reads (`--import-file`), a JSON summary of what
was created / simulated / dropped, and registers the deployed stack (nested stacks too) with the
emulator (`scripts/emulator_stacks.py`) so CloudFormation's read calls answer for it.

    deploy_template.py TEMPLATE --endpoint URL --import-out FILE [--summary-out FILE]
        [--params FILE] [--param K=V ...] [--stack-name NAME] [--region R] [--nested ID=FILE ...]
        [--nested-unavailable ID ...] [--wrap FILE --wrapped-out FILE] [--assume-role ROLE_ARN]

`--assume-role ROLE_ARN`: deploy into another account of the emulator (a fleet member): every
call is made with the credentials the emulator's STS AssumeRole returns for that role, which
read and write the account in the ARN; that account is also the one in the stack's ARNs.

`--wrap FILE`: the template is a fragment another tool merges into the template it compiles
(the Serverless Framework's `resources:`): FILE (JSON) holds the sections that tool's compiled
template adds (`Parameters`, `Conditions`, `Mappings`, `Resources`; any other key, such as a
`source` note, is ignored). They are merged into the fragment (a name both declare is refused),
the merged template is written to `--wrapped-out` as JSON (the compiled template a user would
hand to `cogref drift --desired`), and that is what is deployed and registered.

`--nested-unavailable ID`: the nested stack ID's template is not available (e.g. in an S3 bucket
the test cannot read): it is registered as a stack whose template says so and holds no resource,
listed under `simulated` in the summary; a `Fn::GetAtt ID.Outputs.NAME` fails the deploy, as
its value is unknown.

Anything it cannot deploy ends the run with exit 1 and one line naming the resource.
Bad arguments or unreadable input: exit 2 with one line. Nothing is written on failure.
"""

from __future__ import annotations

import argparse
import base64
import copy
import hashlib
import ipaddress
import json
import os
import re
import sys
import uuid
from pathlib import Path
from typing import Any, Callable

import yaml

DEFAULT_ACCOUNT = "123456789012"  # moto's default account
REMOVE = object()  # AWS::NoValue: the property (or list element) disappears
STATUS = "CREATE_COMPLETE"
# Limits of generated physical names, by type (the API's maximum name length).
NAME_LIMITS = {
    "AWS::IAM::Role": 64,
    "AWS::IAM::ManagedPolicy": 128,
    "AWS::Cognito::UserPool": 128,
    "AWS::Cognito::UserPoolClient": 128,
    "AWS::Cognito::IdentityPool": 128,
    "AWS::Lambda::Function": 64,
    "AWS::S3::Bucket": 63,
}


class DeployError(Exception):
    """Something the template asks for that cannot be deployed (exit 1)."""


class InputError(Exception):
    """Unreadable template, parameter file or argument (exit 2)."""


# --- reading templates -------------------------------------------------------------------------


class CfnLoader(yaml.SafeLoader):
    """YAML 1.1 as CloudFormation reads it: short tags, dates kept as the text written."""


CfnLoader.yaml_implicit_resolvers = {
    key: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}

def _mapping_without_duplicates(loader: yaml.Loader, node: yaml.MappingNode, deep: bool = False) -> Any:
    seen: set[Any] = set()
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in seen:
            mark = key_node.start_mark
            raise yaml.constructor.ConstructorError(None, None, f"duplicate key {key!r} (CloudFormation refuses it)", mark)
        seen.add(key)
    return yaml.SafeLoader.construct_mapping(loader, node, deep=deep)


CfnLoader.construct_mapping = _mapping_without_duplicates  # type: ignore[method-assign]

SHORT_TAGS = (
    "Base64 Cidr FindInMap GetAZs ImportValue Join Select Split Sub Transform If Equals And Or "
    "Not Length ToJsonString"
).split()


def _construct(name: str) -> Callable[[yaml.Loader, yaml.Node], Any]:
    def build(loader: yaml.Loader, node: yaml.Node) -> Any:
        if isinstance(node, yaml.ScalarNode):
            value: Any = loader.construct_scalar(node)
        elif isinstance(node, yaml.SequenceNode):
            value = loader.construct_sequence(node, deep=True)
        else:
            value = loader.construct_mapping(node, deep=True)
        if name == "Ref" or name == "Condition":
            return {name: value}
        if name == "GetAtt" and isinstance(value, str):
            resource, _, attribute = value.partition(".")
            return {"Fn::GetAtt": [resource, attribute]}
        return {"Fn::" + name: value}

    return build


for _tag in SHORT_TAGS + ["GetAtt"]:
    CfnLoader.add_constructor("!" + _tag, _construct(_tag))
CfnLoader.add_constructor("!Ref", _construct("Ref"))
CfnLoader.add_constructor("!Condition", _construct("Condition"))


def load_template(path: Path) -> dict[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as err:
        raise InputError(f"{path}: cannot read the template: {err.strerror}") from err
    try:
        doc = json.loads(text) if text.lstrip().startswith("{") else yaml.load(text, Loader=CfnLoader)  # noqa: S506
    except (ValueError, yaml.YAMLError) as err:
        first = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise InputError(f"{path}: not a JSON or YAML template: {first}") from err
    if not isinstance(doc, dict) or not isinstance(doc.get("Resources"), dict):
        raise InputError(f"{path}: not a CloudFormation template (no Resources map)")
    return doc


WRAP_SECTIONS = ("Parameters", "Conditions", "Mappings", "Resources")


def wrap_fragment(fragment: dict[str, Any], wrap_path: Path) -> dict[str, Any]:
    """The fragment merged with the sections of `wrap_path` (see `--wrap`); a name declared by
    both is an input error, as the tool merging them would refuse or silently override it."""
    try:
        wrap = json.loads(wrap_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"--wrap {wrap_path}: cannot read it as JSON: {err}") from err
    if not isinstance(wrap, dict):
        raise InputError(f"--wrap {wrap_path}: not a JSON object")
    out = copy.deepcopy(fragment)
    for section in WRAP_SECTIONS:
        add = wrap.get(section)
        if add is None:
            continue
        if not isinstance(add, dict):
            raise InputError(f"--wrap {wrap_path}: {section} is not a map")
        have = out.setdefault(section, {})
        if not isinstance(have, dict):
            raise InputError(f"the template's {section} is not a map")
        for name, decl in add.items():
            if name in have:
                raise InputError(f"--wrap {wrap_path}: {section}.{name} is declared by the template too")
            have[name] = decl
    return out


def _param_value(value: Any) -> Any:
    """A parameter file's value: text, or (Amplify Gen1) an intrinsic of the parent stack."""
    if isinstance(value, dict) and len(value) == 1 and next(iter(value)).startswith(("Fn::", "Ref")):
        return value
    return _param_text(value)


def load_params_file(path: Path) -> dict[str, Any]:
    """CloudFormation's [{ParameterKey, ParameterValue}] form or Amplify Gen1's {name: value}."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise InputError(f"{path}: cannot read the parameter file: {err}") from err
    out: dict[str, str] = {}
    if isinstance(doc, list):
        for i, item in enumerate(doc):
            if not isinstance(item, dict) or "ParameterKey" not in item:
                raise InputError(f"{path}: entry {i} has no ParameterKey")
            out[str(item["ParameterKey"])] = _param_value(item.get("ParameterValue", ""))
    elif isinstance(doc, dict):
        for key, value in doc.items():
            out[str(key)] = _param_value(value)
    else:
        raise InputError(f"{path}: a parameter file is a list of ParameterKey/ParameterValue or a map")
    return out


def _param_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):  # Amplify writes lists for CommaDelimitedList parameters
        return ",".join(_param_text(v) for v in value)
    if value is None:
        return ""
    return str(value)


def cfn_string(value: Any) -> str:
    """How CloudFormation turns a scalar into a string property: booleans lower case."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


# --- deterministic names and ids -----------------------------------------------------------------


def token(*parts: str, length: int = 12, alphabet: str = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") -> str:
    digest = hashlib.sha256("\0".join(parts).encode()).digest()
    return "".join(alphabet[b % len(alphabet)] for b in digest[:length])


def generated_name(stack: str, logical: str, limit: int = 128, sep: str = "-") -> str:
    """CloudFormation's STACKNAME-LOGICALID-RANDOM, truncated to the type's length limit."""
    suffix = token(stack, logical)
    room = limit - len(suffix) - 2 * len(sep)
    stack_part, logical_part = stack, logical
    if len(stack_part) + len(logical_part) > room:
        logical_part = logical_part[: max(room // 2, room - len(stack_part))]
        stack_part = stack_part[: room - len(logical_part)]
    return f"{stack_part}{sep}{logical_part}{sep}{suffix}"


# --- the stack being deployed ----------------------------------------------------------------------


class Stack:
    def __init__(
        self,
        template: dict[str, Any],
        *,
        name: str,
        region: str,
        account: str,
        params: dict[str, str],
        template_path: Path | None = None,
        nested_files: dict[str, Path] | None = None,
        unavailable_nested: set[str] | None = None,
        parent: Stack | None = None,
    ) -> None:
        self.template = template
        self.name = name
        self.region = region
        self.account = account
        self.stack_id = (
            f"arn:aws:cloudformation:{region}:{account}:stack/{name}/"
            f"{uuid.uuid5(uuid.NAMESPACE_URL, f'cogref:{region}:{account}:{name}')}"
        )
        self.template_path = template_path
        self.nested_files = nested_files or {}
        self.unavailable_nested = unavailable_nested or set()
        self.parent = parent
        self.sam = "AWS::Serverless-2016-10-31" in _transforms(template)
        self.resources: dict[str, Any] = template.get("Resources") or {}
        self.mappings: dict[str, Any] = template.get("Mappings") or {}
        self.condition_defs: dict[str, Any] = template.get("Conditions") or {}
        self.conditions: dict[str, bool] = {}
        self.params = self._parameters(params)
        self.physical: dict[str, str] = {}  # logical id -> Ref value
        self.attrs: dict[str, dict[str, Any]] = {}  # logical id -> GetAtt attributes
        self.created: list[dict[str, Any]] = []
        self.simulated: list[dict[str, Any]] = []
        self.dropped: list[dict[str, Any]] = []
        self.imports: list[dict[str, Any]] = []
        self.stack_resources: list[dict[str, Any]] = []
        self.children: list[Stack] = []
        self.outputs: dict[str, str] = {}
        self.resolving: str = ""  # the logical id being deployed, for error messages
        # Values of Fn::GetAtt of a custom resource: only its Lambda knows them -> the resource
        self.custom_values: dict[str, str] = {}

    # parameters -----------------------------------------------------------------------------

    def _parameters(self, given: dict[str, str]) -> dict[str, Any]:
        declared: dict[str, Any] = self.template.get("Parameters") or {}
        out: dict[str, Any] = {}
        for pname, decl in declared.items():
            decl = decl if isinstance(decl, dict) else {}
            if pname in given:
                text = given[pname]
            elif "Default" in decl:
                text = _param_text(decl["Default"])
            else:
                raise DeployError(f"parameter {pname}: no value given and no Default")
            allowed = decl.get("AllowedValues")
            ptype = str(decl.get("Type", "String"))
            if isinstance(allowed, list) and text not in [_param_text(a) for a in allowed]:
                if not (text == "" and ptype.startswith("List")):
                    raise DeployError(f"parameter {pname}: {text!r} is not one of its AllowedValues")
            if ptype == "CommaDelimitedList" or ptype.startswith("List<"):
                out[pname] = [] if text == "" else [p.strip() for p in text.split(",")]
            elif ptype.startswith("AWS::SSM::Parameter::Value<"):
                out[pname] = f"simulated-ssm-value:{text}"
            else:
                out[pname] = text
        return out

    def used_parameters(self) -> dict[str, str]:
        return {k: ",".join(v) if isinstance(v, list) else str(v) for k, v in self.params.items()}

    # pseudo parameters ----------------------------------------------------------------------

    def pseudo(self, name: str) -> Any:
        table = {
            "AWS::Region": self.region,
            "AWS::AccountId": self.account,
            "AWS::StackName": self.name,
            "AWS::StackId": self.stack_id,
            "AWS::Partition": "aws",
            "AWS::URLSuffix": "amazonaws.com",
            "AWS::NotificationARNs": [],
            "AWS::NoValue": REMOVE,
        }
        if name not in table:
            raise DeployError(f"{self.where()}: unknown pseudo parameter {name}")
        return table[name]

    def where(self) -> str:
        return f"resource {self.resolving}" if self.resolving else "template"

    # conditions -----------------------------------------------------------------------------

    def condition(self, name: str) -> bool:
        if name in self.conditions:
            return self.conditions[name]
        if name not in self.condition_defs:
            raise DeployError(f"{self.where()}: unknown condition {name}")
        self.conditions[name] = False  # guards a self-reference
        value = self.resolve(self.condition_defs[name])
        if not isinstance(value, bool):
            raise DeployError(f"condition {name} does not evaluate to a boolean")
        self.conditions[name] = value
        return value

    def enabled(self, decl: dict[str, Any]) -> bool:
        cond = decl.get("Condition")
        return True if cond is None else self.condition(str(cond))

    # intrinsic functions --------------------------------------------------------------------

    def resolve(self, value: Any) -> Any:
        if isinstance(value, list):
            items = [self.resolve(v) for v in value]
            return [v for v in items if v is not REMOVE]
        if not isinstance(value, dict):
            return value
        if len(value) == 1:
            (key, arg), = value.items()
            if key == "Ref" or key.startswith("Fn::") or (key == "Condition" and isinstance(arg, str)):
                return self.intrinsic(key, arg)
        out: dict[str, Any] = {}
        for k, v in value.items():
            r = self.resolve(v)
            if r is not REMOVE:
                out[k] = r
        return out

    def ref(self, name: str) -> Any:
        if name.startswith("AWS::"):
            return self.pseudo(name)
        if name in self.params:
            return self.params[name]
        if name in self.physical:
            return self.physical[name]
        if name in self.resources:
            raise DeployError(f"{self.where()}: Ref {name} before it exists (or it was not created)")
        if self.sam:  # SAM's generated resources (FunctionRole, ServerlessRestApi...)
            return self.sam_implicit(name)["Ref"]
        raise DeployError(f"{self.where()}: Ref to unknown name {name}")

    def get_att(self, resource: str, attribute: str) -> Any:
        if resource in self.attrs:
            attrs = self.attrs[resource]
            if attribute in attrs:
                return attrs[attribute]
            if attrs.get("_unavailable"):
                raise DeployError(f"{self.where()}: Fn::GetAtt {resource}.{attribute}: the template of nested stack {resource} is unavailable, so its outputs are unknown")
            if not attrs.get("_deployed"):  # simulated: any attribute resolves, deterministically
                value = f"simulated-{resource}-{attribute}"
                rtype = str((self.resources.get(resource) or {}).get("Type", ""))
                if rtype.startswith("Custom::") or rtype == "AWS::CloudFormation::CustomResource":
                    self.custom_values[value] = resource
                return value
            raise DeployError(f"{self.where()}: Fn::GetAtt {resource}.{attribute}: no such attribute")
        if resource in self.resources:
            raise DeployError(f"{self.where()}: Fn::GetAtt {resource}.{attribute} before it exists")
        if self.sam:
            return self.sam_implicit(resource).get(attribute, f"simulated-{resource}-{attribute}")
        raise DeployError(f"{self.where()}: Fn::GetAtt of unknown resource {resource}")

    def sam_implicit(self, logical: str) -> dict[str, Any]:
        if logical not in self.attrs:
            name = generated_name(self.name, logical, 64)
            self.physical[logical] = name
            self.attrs[logical] = {"Ref": name, "Arn": self.arn("iam" if logical.endswith("Role") else "lambda", name)}
            self.simulated.append({"LogicalResourceId": logical, "ResourceType": "SAM implicit", "PhysicalResourceId": name})
        return self.attrs[logical]

    def arn(self, service: str, rest: str) -> str:
        if service in ("iam",):
            return f"arn:aws:iam::{self.account}:role/{rest}"
        return f"arn:aws:{service}:{self.region}:{self.account}:{rest}"

    def sub(self, text: str, variables: dict[str, Any]) -> str:
        def replace(m: re.Match[str]) -> str:
            inner = m.group(1)
            if inner.startswith("!"):
                return "${" + inner[1:] + "}"
            inner = inner.strip()
            if inner in variables:
                return cfn_string(variables[inner])
            if "." in inner and not inner.startswith("AWS::"):
                res, _, att = inner.partition(".")
                return cfn_string(self.get_att(res, att))
            value = self.ref(inner)
            if isinstance(value, list):
                raise DeployError(f"{self.where()}: Fn::Sub of the list {inner}")
            return cfn_string(value)

        return re.sub(r"\$\{([^}]*)\}", replace, text)

    def intrinsic(self, key: str, arg: Any) -> Any:  # noqa: C901 (one dispatch table)
        if key == "Ref":
            return self.ref(str(arg))
        if key == "Condition":
            return self.condition(str(arg))
        if key == "Fn::GetAtt":
            if isinstance(arg, str):
                res, _, att = arg.partition(".")
            else:
                res, att = self.resolve(arg[0]), self.resolve(arg[1])
            return self.get_att(str(res), str(att))
        if key == "Fn::Sub":
            if isinstance(arg, list):
                text, variables = arg[0], self.resolve(arg[1]) if len(arg) > 1 else {}
                return self.sub(str(text), variables)
            return self.sub(str(arg), {})
        if key == "Fn::If":
            cond, yes, no = arg
            return self.resolve(yes if self.condition(str(cond)) else no)
        if key == "Fn::Equals":
            a, b = (self.resolve(x) for x in arg)
            return _equal_text(a) == _equal_text(b)
        if key == "Fn::And":
            return all(self._bool(x) for x in arg)
        if key == "Fn::Or":
            return any(self._bool(x) for x in arg)
        if key == "Fn::Not":
            return not self._bool(arg[0])
        arg = self.resolve(arg)
        if key == "Fn::Join":
            sep, items = arg
            return str(sep).join(cfn_string(i) for i in items)
        if key == "Fn::Select":
            index, items = arg
            if isinstance(items, str):
                items = items.split(",")
            try:
                return items[int(index)]
            except (IndexError, ValueError, TypeError) as err:
                raise DeployError(f"{self.where()}: Fn::Select index {index} out of range") from err
        if key == "Fn::Split":
            sep, text = arg
            return str(text).split(str(sep))
        if key == "Fn::FindInMap":
            mname, top, second = arg[0], arg[1], arg[2]
            try:
                return self.mappings[mname][cfn_string(top)][cfn_string(second)]
            except (KeyError, TypeError) as err:
                if len(arg) > 3 and isinstance(arg[3], dict) and "DefaultValue" in arg[3]:
                    return arg[3]["DefaultValue"]
                raise DeployError(f"{self.where()}: Fn::FindInMap {mname}/{top}/{second} not found") from err
        if key == "Fn::GetAZs":
            region = arg or self.region
            return [f"{region}{z}" for z in "abc"]
        if key == "Fn::Base64":
            return base64.b64encode(str(arg).encode()).decode()
        if key == "Fn::ImportValue":
            return f"simulated-import-{arg}"
        if key == "Fn::Cidr":
            block, count, bits = arg
            net = ipaddress.ip_network(str(block), strict=False)
            subnets = net.subnets(new_prefix=net.max_prefixlen - int(bits))
            return [str(s) for _, s in zip(range(int(count)), subnets)]
        if key == "Fn::Length":
            return len(arg)
        if key == "Fn::ToJsonString":
            return json.dumps(arg, separators=(",", ":"))
        raise DeployError(f"{self.where()}: unsupported intrinsic function {key}")

    def _bool(self, value: Any) -> bool:
        r = self.resolve(value)
        if isinstance(r, str) and r.lower() in ("true", "false"):
            return r.lower() == "true"
        if not isinstance(r, bool):
            raise DeployError(f"{self.where()}: a condition function got {r!r}, not a boolean")
        return r

    # dependency order -----------------------------------------------------------------------

    def order(self) -> list[str]:
        deps: dict[str, set[str]] = {}
        for logical, decl in self.resources.items():
            if not isinstance(decl, dict) or "Type" not in decl:
                raise DeployError(f"resource {logical}: no Type")
            found: set[str] = set()
            _collect_refs(decl.get("Properties"), found)
            _collect_refs(decl.get("Metadata", {}).get("cogref") if isinstance(decl.get("Metadata"), dict) else None, found)
            depends = decl.get("DependsOn") or []
            found.update([depends] if isinstance(depends, str) else depends)
            deps[logical] = {d for d in found if d in self.resources and d != logical}
            if logical in found and logical in self.resources:
                raise DeployError(f"resource {logical}: refers to itself")
        done: list[str] = []
        state: dict[str, int] = {}

        def visit(node: str, path: list[str]) -> None:
            if state.get(node) == 2:
                return
            if state.get(node) == 1:
                cycle = path[path.index(node) :] + [node]
                raise DeployError(f"resource {node}: circular dependency {' -> '.join(cycle)}")
            state[node] = 1
            for d in sorted(deps[node]):
                visit(d, path + [node])
            state[node] = 2
            done.append(node)

        for logical in self.resources:
            visit(logical, [])
        return done


def _equal_text(v: Any) -> Any:
    return cfn_string(v) if isinstance(v, (bool, int, float)) else v


def _transforms(template: dict[str, Any]) -> list[str]:
    t = template.get("Transform")
    if isinstance(t, str):
        return [t]
    return [x for x in t if isinstance(x, str)] if isinstance(t, list) else []


def _collect_refs(value: Any, out: set[str]) -> None:
    if isinstance(value, list):
        for v in value:
            _collect_refs(v, out)
    elif isinstance(value, dict):
        for k, v in value.items():
            if k == "Ref" and isinstance(v, str):
                out.add(v)
            elif k == "Fn::GetAtt":
                if isinstance(v, str):
                    out.add(v.split(".", 1)[0])
                elif isinstance(v, list) and v and isinstance(v[0], str):
                    out.add(v[0])
                _collect_refs(v, out)
            elif k == "Fn::Sub":
                text = v[0] if isinstance(v, list) and v else v
                if isinstance(text, str):
                    for m in re.finditer(r"\$\{([^!}][^}]*)\}", text):
                        out.add(m.group(1).strip().split(".", 1)[0])
                _collect_refs(v, out)
            else:
                _collect_refs(v, out)


# --- converting properties to API input -----------------------------------------------------------


def coerce(value: Any, shape: Any, path: str, dropped: list[str]) -> Any:
    """Converts a resolved template value to the type the API shape wants, as CloudFormation's
    handlers do ("true" -> true, "30" -> 30, true -> "true"). Members the API does not know are
    left out and listed in `dropped`."""
    kind = shape.type_name
    if getattr(shape, "is_document_type", False):
        return value  # a free-form JSON document (ManagedLoginBranding Settings): as written
    if kind == "structure":
        if not isinstance(value, dict):
            raise DeployError(f"{path}: expected an object, got {type(value).__name__}")
        out = {}
        for k, v in value.items():
            if k not in shape.members:
                dropped.append(f"{path}.{k}")
                continue
            out[k] = coerce(v, shape.members[k], f"{path}.{k}", dropped)
        return out
    if kind == "list":
        if not isinstance(value, list):
            raise DeployError(f"{path}: expected a list, got {type(value).__name__}")
        return [coerce(v, shape.member, f"{path}[{i}]", dropped) for i, v in enumerate(value)]
    if kind == "map":
        if not isinstance(value, dict):
            raise DeployError(f"{path}: expected a map, got {type(value).__name__}")
        return {cfn_string(k): coerce(v, shape.value, f"{path}.{k}", dropped) for k, v in value.items()}
    if kind == "boolean":
        if isinstance(value, bool):
            return value
        if isinstance(value, str) and value.lower() in ("true", "false"):
            return value.lower() == "true"
        raise DeployError(f"{path}: expected a boolean, got {value!r}")
    if kind in ("integer", "long"):
        try:
            return int(value) if not isinstance(value, bool) else int(value)
        except (TypeError, ValueError) as err:
            raise DeployError(f"{path}: expected an integer, got {value!r}") from err
    if kind == "blob":
        return base64.b64decode(value) if isinstance(value, str) else value
    if isinstance(value, (dict, list)):
        if kind == "string":
            return json.dumps(value, separators=(",", ":"))
        raise DeployError(f"{path}: expected a {kind}, got {type(value).__name__}")
    return cfn_string(value)


# --- resource handlers -------------------------------------------------------------------------


class Deployer:
    def __init__(self, endpoint: str, region: str, role_arn: str | None = None) -> None:
        """`role_arn`: deploy into the account of that role (the emulator's AssumeRole answers
        with credentials of the account in the ARN); otherwise into moto's default account."""
        import boto3

        self.endpoint = endpoint
        self.region = region
        self.session = boto3.session.Session(
            aws_access_key_id="testing", aws_secret_access_key="testing", region_name=region
        )
        if role_arn:
            creds = self.session.client("sts", endpoint_url=endpoint).assume_role(RoleArn=role_arn, RoleSessionName="deploy-template")["Credentials"]
            self.session = boto3.session.Session(
                aws_access_key_id=creds["AccessKeyId"],
                aws_secret_access_key=creds["SecretAccessKey"],
                aws_session_token=creds["SessionToken"],
                region_name=region,
            )
        self.clients: dict[str, Any] = {}

    def client(self, service: str) -> Any:
        if service not in self.clients:
            from botocore.config import Config

            config = Config(retries={"max_attempts": 1, "mode": "standard"})
            self.clients[service] = self.session.client(service, endpoint_url=self.endpoint, config=config)
        return self.clients[service]

    def call(self, stack: Stack, service: str, operation: str, params: dict[str, Any], optional: bool = False) -> dict[str, Any]:
        """One API call with CloudFormation's type conversion; unknown members are dropped.
        `optional`: a call the emulator may not serve yet (moto answers an action it lacks with
        a bare HTTP 500), so a 500 means "emulator lacks it" instead of a failed deploy."""
        from botocore.exceptions import BotoCoreError, ClientError

        client = self.client(service)
        model = client.meta.service_model
        if operation not in model.operation_names:
            raise EmulatorLacks(f"boto3 lacks {operation}")
        shape = model.operation_model(operation).input_shape
        dropped: list[str] = []
        api_params = coerce(params, shape, operation, dropped)
        forwarded: dict[str, Any] = {}
        for d in dropped:
            member = d.split(".", 1)[1] if "." in d else d
            if member in FORWARDED_MEMBERS and model.protocol == "json":
                _put_path(forwarded, member.split("."), _get_path(params, member.split(".")))
            else:
                stack.dropped.append({"LogicalResourceId": stack.resolving, "what": d, "reason": f"not in the {operation} input of boto3"})
        method = getattr(client, _snake(operation))
        event = f"before-call.{model.service_id.hyphenize()}.{operation}"

        def forward(params: dict[str, Any], **_: Any) -> None:
            body = json.loads(params.get("body") or b"{}")
            _merge(body, forwarded)
            params["body"] = json.dumps(body).encode()

        if forwarded:
            client.meta.events.register(event, forward, unique_id="cogref-forward")
        try:
            return method(**api_params)
        except ClientError as err:
            status = err.response.get("ResponseMetadata", {}).get("HTTPStatusCode")
            message = str(err.response.get("Error", {}).get("Message", ""))
            # moto answers an action it does not implement with 404/501, or 500 and its
            # NotImplementedError ("The X action has not been implemented"). IAM's NoSuchEntity
            # is a 404 too, but an answer: what it names does not exist.
            code = str(err.response.get("Error", {}).get("Code", ""))
            if (status in (404, 501) and code != "NoSuchEntity") or (status == 500 and ("implemented" in message or optional)):
                raise EmulatorLacks(f"emulator lacks {operation} (HTTP {status})") from err
            raise DeployError(f"resource {stack.resolving}: {operation} failed: {err}") from err
        except BotoCoreError as err:
            raise DeployError(f"resource {stack.resolving}: {operation} failed: {err}") from err
        finally:
            if forwarded:
                client.meta.events.unregister(event, unique_id="cogref-forward")


# API members newer than the pinned boto3 (1.35.99) model, which CloudFormation's handlers send:
# forwarded to the emulator as the template gives them (moto stores and returns what it
# receives) instead of being dropped. Each with the API reference that lists it.
FORWARDED_MEMBERS = {
    # API_RefreshTokenRotationType: "a request parameter of CreateUserPoolClient and UpdateUserPoolClient"
    "RefreshTokenRotation": "CreateUserPoolClient/UpdateUserPoolClient RefreshTokenRotation",
    # API_CustomDomainConfigType: SecurityPolicy (CreateUserPoolDomain/UpdateUserPoolDomain)
    "CustomDomainConfig.SecurityPolicy": "CreateUserPoolDomain CustomDomainConfig.SecurityPolicy",
    # API_WebAuthnConfigurationType: FactorConfiguration (SetUserPoolMfaConfig)
    "WebAuthnConfiguration.FactorConfiguration": "SetUserPoolMfaConfig WebAuthnConfiguration.FactorConfiguration",
}


def _get_path(value: Any, path: list[str]) -> Any:
    for key in path:
        value = value[key]
    return _seconds_as_int(value, path[-1])


def _seconds_as_int(value: Any, key: str) -> Any:
    """CloudFormation's type conversion for the forwarded members: `...Seconds` are integers."""
    if isinstance(value, dict):
        return {k: _seconds_as_int(v, k) for k, v in value.items()}
    if isinstance(value, str) and value.isdigit() and key.endswith("Seconds"):
        return int(value)
    return value


def _put_path(out: dict[str, Any], path: list[str], value: Any) -> None:
    for key in path[:-1]:
        out = out.setdefault(key, {})
    out[path[-1]] = value


def _merge(body: dict[str, Any], extra: dict[str, Any]) -> None:
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(body.get(key), dict):
            _merge(body[key], value)
        else:
            body[key] = value


class EmulatorLacks(Exception):
    """The emulator (or the pinned boto3) does not serve a call the resource needs."""


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z][a-z])|(?<=[a-z0-9])(?=[A-Z])", "_", name).lower()


def _pick(props: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: props[n] for n in names if n in props}


def _cfn_tags(stack: Stack, logical: str) -> dict[str, str]:
    return {
        "aws:cloudformation:stack-name": stack.name,
        "aws:cloudformation:stack-id": stack.stack_id,
        "aws:cloudformation:logical-id": logical,
    }


def _tag_map(value: Any) -> dict[str, str]:
    if isinstance(value, list):  # [{Key, Value}] form
        return {cfn_string(t.get("Key")): cfn_string(t.get("Value", "")) for t in value if isinstance(t, dict)}
    return {cfn_string(k): cfn_string(v) for k, v in (value or {}).items()}


def _pool_attrs(stack: Stack, pool_id: str, name: str) -> dict[str, Any]:
    host = f"cognito-idp.{stack.region}.amazonaws.com"
    return {
        "Ref": pool_id,
        "UserPoolId": pool_id,
        "Arn": f"arn:aws:cognito-idp:{stack.region}:{stack.account}:userpool/{pool_id}",
        "ProviderName": f"{host}/{pool_id}",
        "ProviderURL": f"https://{host}/{pool_id}",
        "UserPoolName": name,
    }


USER_POOL_MFA_KEYS = (
    "EnabledMfas",
    "WebAuthnRelyingPartyID",
    "WebAuthnUserVerification",
    "WebAuthnFactorConfiguration",
    "EmailAuthenticationMessage",
    "EmailAuthenticationSubject",
)


def check_sms_role(props: dict[str, Any]) -> None:
    """Cognito's CreateUserPool assumes the SMS role (SnsCallerArn) and fails when it cannot
    (InvalidSmsRoleTrustRelationshipException / InvalidSmsRoleAccessPolicyException; real stacks
    show it as CREATE_FAILED of the UserPool). Checked here only where it is certain offline: a
    role in an account id that cannot exist (AWS account ids are 12 digits)."""
    sms = props.get("SmsConfiguration")
    arn = str(sms.get("SnsCallerArn", "")) if isinstance(sms, dict) else ""
    parts = arn.split(":")
    if len(parts) > 4 and parts[2] == "iam" and not re.fullmatch(r"[0-9]{12}", parts[4]):
        raise DeployError(
            f"SmsConfiguration.SnsCallerArn {arn}: {parts[4]!r} is not an AWS account id (12 digits), so no "
            "such role exists; Cognito's CreateUserPool cannot assume it and fails "
            "(InvalidSmsRoleTrustRelationshipException), and so does CloudFormation's create"
        )


def h_user_pool(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    check_sms_role(props)
    name = props.get("UserPoolName") or generated_name(s.name, logical, 128)
    api = {k: v for k, v in props.items() if k not in USER_POOL_MFA_KEYS and k != "UserPoolName"}
    api["PoolName"] = name
    api["UserPoolTags"] = {**_tag_map(props.get("UserPoolTags")), **_cfn_tags(s, logical)}
    schema = []
    for attr in props.get("Schema") or []:
        attr = dict(attr)
        if str(attr.get("Name", "")).startswith("custom:"):
            attr["Name"] = attr["Name"][len("custom:") :]
        schema.append(attr)
    if "Schema" in props:
        api["Schema"] = schema
    mfa_call = any(k in props for k in USER_POOL_MFA_KEYS)
    if mfa_call:
        api.pop("MfaConfiguration", None)
    pool = d.call(s, "cognito-idp", "CreateUserPool", api)["UserPool"]
    pool_id = pool["Id"]
    if mfa_call:
        enabled = props.get("EnabledMfas") or []
        mfa: dict[str, Any] = {"UserPoolId": pool_id, "MfaConfiguration": props.get("MfaConfiguration", "OFF")}
        if "SMS_MFA" in enabled or (not enabled and "SmsConfiguration" in props):
            mfa["SmsMfaConfiguration"] = _pick(props, "SmsAuthenticationMessage", "SmsConfiguration")
        if "EnabledMfas" in props:
            mfa["SoftwareTokenMfaConfiguration"] = {"Enabled": "SOFTWARE_TOKEN_MFA" in enabled}
        if "EMAIL_OTP" in enabled:
            email = {}
            if "EmailAuthenticationMessage" in props:
                email["Message"] = props["EmailAuthenticationMessage"]
            if "EmailAuthenticationSubject" in props:
                email["Subject"] = props["EmailAuthenticationSubject"]
            mfa["EmailMfaConfiguration"] = email
        webauthn = (
            ("WebAuthnRelyingPartyID", "RelyingPartyId"),
            ("WebAuthnUserVerification", "UserVerification"),
            ("WebAuthnFactorConfiguration", "FactorConfiguration"),
        )
        if any(k1 in props for k1, _ in webauthn):
            mfa["WebAuthnConfiguration"] = {k2: props[k1] for k1, k2 in webauthn if k1 in props}
        try:
            d.call(s, "cognito-idp", "SetUserPoolMfaConfig", mfa)
        except EmulatorLacks as err:
            s.dropped.append({"LogicalResourceId": logical, "what": "SetUserPoolMfaConfig", "reason": str(err)})
    return _pool_attrs(s, pool_id, name), {"UserPoolId": pool_id}


def h_client(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    api = dict(props)
    api.setdefault("ClientName", generated_name(s.name, logical, 128))
    client = d.call(s, "cognito-idp", "CreateUserPoolClient", api)["UserPoolClient"]
    attrs = {"Ref": client["ClientId"], "ClientId": client["ClientId"], "Name": client.get("ClientName", "")}
    attrs["ClientSecret"] = "simulated-client-secret-not-exposed"  # never the real one
    return attrs, {"UserPoolId": client["UserPoolId"], "ClientId": client["ClientId"]}


def h_domain(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    out = d.call(s, "cognito-idp", "CreateUserPoolDomain", props)
    cf = out.get("CloudFrontDomain") or f"{token(s.name, logical, length=14).lower()}.cloudfront.net"
    return {"Ref": props["Domain"], "CloudFrontDistribution": cf}, {"UserPoolId": props["UserPoolId"], "Domain": props["Domain"]}


def h_group(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    api = dict(props)
    api.setdefault("GroupName", generated_name(s.name, logical, 128))
    d.call(s, "cognito-idp", "CreateGroup", api)
    return {"Ref": api["GroupName"]}, {"UserPoolId": props["UserPoolId"], "GroupName": api["GroupName"]}


def h_idp(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    d.call(s, "cognito-idp", "CreateIdentityProvider", props)
    return {"Ref": props["ProviderName"]}, {"UserPoolId": props["UserPoolId"], "ProviderName": props["ProviderName"]}


def h_resource_server(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    d.call(s, "cognito-idp", "CreateResourceServer", props)
    return {"Ref": props["Identifier"]}, {"UserPoolId": props["UserPoolId"], "Identifier": props["Identifier"]}


def h_user(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    api = dict(props)
    api.setdefault("Username", str(uuid.uuid5(uuid.NAMESPACE_URL, f"{s.stack_id}/{logical}")))
    d.call(s, "cognito-idp", "AdminCreateUser", api)
    return {"Ref": api["Username"]}, {"UserPoolId": props["UserPoolId"], "Username": api["Username"]}


def h_user_to_group(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    d.call(s, "cognito-idp", "AdminAddUserToGroup", props)
    ident = {k: str(props[k]) for k in ("UserPoolId", "GroupName", "Username")}
    return {"Ref": f"{props['UserPoolId']}/{props['GroupName']}/{props['Username']}"}, ident


def h_identity_pool(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    api = {k: v for k, v in props.items() if k not in ("CognitoStreams", "PushSync", "CognitoEvents")}
    for k in ("CognitoStreams", "PushSync", "CognitoEvents"):
        if k in props:
            s.dropped.append({"LogicalResourceId": logical, "what": k, "reason": "Cognito Sync, not an identity pool API property"})
    api.setdefault("IdentityPoolName", generated_name(s.name, logical, 128, sep="_").replace("-", "_"))
    api["IdentityPoolTags"] = {**_tag_map(props.get("IdentityPoolTags")), **_cfn_tags(s, logical)}
    api.setdefault("AllowUnauthenticatedIdentities", False)
    out = d.call(s, "cognito-identity", "CreateIdentityPool", api)
    return {"Ref": out["IdentityPoolId"], "Name": out["IdentityPoolName"], "Id": out["IdentityPoolId"]}, {"Id": out["IdentityPoolId"]}


def h_role_attachment(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    api: dict[str, Any] = {"IdentityPoolId": props["IdentityPoolId"], "Roles": props.get("Roles") or {}}
    mappings = props.get("RoleMappings")
    if mappings:
        if not isinstance(mappings, dict):
            raise DeployError(f"resource {logical}: RoleMappings is not a map")
        api["RoleMappings"] = {}
        for key, m in mappings.items():
            if not isinstance(m, dict) or "IdentityProvider" not in m:
                raise DeployError(f"resource {logical}: RoleMappings.{key} has no IdentityProvider")
            api["RoleMappings"][cfn_string(m["IdentityProvider"])] = {k: v for k, v in m.items() if k != "IdentityProvider"}
    d.call(s, "cognito-identity", "SetIdentityPoolRoles", api)
    pool = str(props["IdentityPoolId"])
    return {"Ref": pool, "Id": pool}, {"Id": pool}


def _pool_client_handler(operation: str, drop_keys: tuple[str, ...] = ()) -> Callable[..., Any]:
    def handler(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
        api = {k: v for k, v in props.items() if k not in drop_keys}
        out = d.call(s, "cognito-idp", operation, api, optional=True)
        ident = {"UserPoolId": str(props.get("UserPoolId", "")), "ClientId": str(props.get("ClientId", "ALL"))}
        ref = f"{ident['UserPoolId']}-{ident['ClientId']}"
        if operation == "CreateManagedLoginBranding":
            ref = out.get("ManagedLoginBranding", {}).get("ManagedLoginBrandingId", ref)
            ident = {"UserPoolId": ident["UserPoolId"], "ManagedLoginBrandingId": ref}
        if operation == "SetLogDeliveryConfiguration":
            ident = {"Id": ident["UserPoolId"]}
            ref = ident["Id"]
        return {"Ref": ref, "ManagedLoginBrandingId": ref}, ident

    return handler


def h_principal_tag(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    d.call(s, "cognito-identity", "SetPrincipalTagAttributeMap", props, optional=True)
    ident = {"IdentityPoolId": str(props["IdentityPoolId"]), "IdentityProviderName": str(props["IdentityProviderName"])}
    return {"Ref": f"{ident['IdentityPoolId']}|{ident['IdentityProviderName']}"}, ident


def _doc(value: Any, s: Stack | None = None) -> str:
    """A policy document as the API wants it. moto refuses a document without Version, which
    AWS accepts (it then means 2008-10-17): 2012-10-17 is added and the summary says so."""
    if isinstance(value, dict) and "Version" not in value:
        value = {"Version": "2012-10-17", **value}
        if s is not None:
            s.dropped.append({"LogicalResourceId": s.resolving, "what": "PolicyDocument.Version", "reason": "moto requires it: 2012-10-17 added"})
    return value if isinstance(value, str) else json.dumps(value)


def h_role(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    name = props.get("RoleName") or generated_name(s.name, logical, 64)
    api = _pick(props, "Path", "Description", "MaxSessionDuration", "PermissionsBoundary")
    api.update({"RoleName": name, "AssumeRolePolicyDocument": _doc(props.get("AssumeRolePolicyDocument", {}), s)})
    if props.get("Tags"):
        api["Tags"] = props["Tags"]
    role = d.call(s, "iam", "CreateRole", api)["Role"]
    for i, pol in enumerate(props.get("Policies") or []):
        d.call(s, "iam", "PutRolePolicy", {"RoleName": name, "PolicyName": pol.get("PolicyName", f"policy{i}"), "PolicyDocument": _doc(pol.get("PolicyDocument", {}), s)})
    for arn in props.get("ManagedPolicyArns") or []:
        _attach(d, s, logical, name, str(arn))
    return {"Ref": name, "Arn": role["Arn"], "RoleId": role["RoleId"]}, {"RoleName": name}


def _attach(d: Deployer, s: Stack, logical: str, role: str, arn: str) -> None:
    try:
        d.call(s, "iam", "AttachRolePolicy", {"RoleName": role, "PolicyArn": arn})
    except DeployError as err:
        if "NoSuchEntity" not in str(err):
            raise
        s.dropped.append({"LogicalResourceId": logical, "what": f"ManagedPolicyArns {arn}", "reason": "the emulator does not know this managed policy"})


def _roles_of(value: Any) -> list[str]:
    return [r.split("/")[-1] if r.startswith("arn:") else r for r in (cfn_string(x) for x in (value or []))]


def h_policy(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    name = props.get("PolicyName") or generated_name(s.name, logical, 128)
    for role in _roles_of(props.get("Roles")):
        d.call(s, "iam", "PutRolePolicy", {"RoleName": role, "PolicyName": name, "PolicyDocument": _doc(props.get("PolicyDocument", {}), s)})
    for k in ("Users", "Groups"):
        if props.get(k):
            s.dropped.append({"LogicalResourceId": logical, "what": k, "reason": "IAM users and groups are not deployed"})
    pid = f"{s.name[:5]}-{token(s.name, logical)}"
    return {"Ref": pid, "Id": pid}, {"Id": pid}


def h_role_policy(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    d.call(s, "iam", "PutRolePolicy", {"RoleName": props["RoleName"], "PolicyName": props["PolicyName"], "PolicyDocument": _doc(props.get("PolicyDocument", {}), s)})
    return {"Ref": props["PolicyName"]}, {"PolicyName": str(props["PolicyName"]), "RoleName": str(props["RoleName"])}


def h_managed_policy(d: Deployer, s: Stack, logical: str, props: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    name = props.get("ManagedPolicyName") or generated_name(s.name, logical, 128)
    api = {"PolicyName": name, "PolicyDocument": _doc(props.get("PolicyDocument", {}), s)}
    api.update(_pick(props, "Path", "Description"))
    arn = d.call(s, "iam", "CreatePolicy", api)["Policy"]["Arn"]
    for role in _roles_of(props.get("Roles")):
        _attach(d, s, logical, role, arn)
    return {"Ref": arn, "PolicyArn": arn}, {"PolicyArn": arn}


HANDLERS: dict[str, Callable[..., tuple[dict[str, Any], dict[str, str]]]] = {
    "AWS::Cognito::UserPool": h_user_pool,
    "AWS::Cognito::UserPoolClient": h_client,
    "AWS::Cognito::UserPoolDomain": h_domain,
    "AWS::Cognito::UserPoolGroup": h_group,
    "AWS::Cognito::UserPoolIdentityProvider": h_idp,
    "AWS::Cognito::UserPoolResourceServer": h_resource_server,
    "AWS::Cognito::UserPoolUser": h_user,
    "AWS::Cognito::UserPoolUserToGroupAttachment": h_user_to_group,
    "AWS::Cognito::UserPoolRiskConfigurationAttachment": _pool_client_handler("SetRiskConfiguration"),
    "AWS::Cognito::UserPoolUICustomizationAttachment": _pool_client_handler("SetUICustomization"),
    "AWS::Cognito::ManagedLoginBranding": _pool_client_handler("CreateManagedLoginBranding", ("ReturnMergedResources",)),
    "AWS::Cognito::LogDeliveryConfiguration": _pool_client_handler("SetLogDeliveryConfiguration"),
    "AWS::Cognito::IdentityPool": h_identity_pool,
    "AWS::Cognito::IdentityPoolRoleAttachment": h_role_attachment,
    "AWS::Cognito::IdentityPoolPrincipalTag": h_principal_tag,
    "AWS::IAM::Role": h_role,
    "AWS::IAM::Policy": h_policy,
    "AWS::IAM::RolePolicy": h_role_policy,
    "AWS::IAM::ManagedPolicy": h_managed_policy,
}

# Simulated types: (Ref form, attributes) by type; "{name}" is the physical name (the declared
# one for the types of NAME_PROPERTY, else generated). The shapes follow the CloudFormation
# resource reference, "Return values" of each type's page
# (https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-*.html):
#   CloudFront::Distribution: Ref the distribution id ("E" + 13 upper-case letters and digits,
#     e.g. EDFDVBD632BHDS5), DomainName "d" + 13 lower-case letters and digits
#     ".cloudfront.net" (e.g. d111111abcdef8.cloudfront.net), Id = Ref;
#   CodeCommit::Repository: Ref the repository id (a GUID), Arn
#     arn:aws:codecommit:REGION:ACCOUNT:NAME, Name, CloneUrlHttp / CloneUrlSsh
#     (https|ssh)://git-codecommit.REGION.amazonaws.com/v1/repos/NAME;
#   DynamoDB::Table: Ref the table name, Arn arn:aws:dynamodb:REGION:ACCOUNT:table/NAME;
#   CodeBuild::Project: Ref the project name, Arn arn:aws:codebuild:REGION:ACCOUNT:project/NAME.
SIMULATED: dict[str, tuple[str, dict[str, str]]] = {
    "AWS::Lambda::Function": ("{name}", {"Arn": "arn:aws:lambda:{region}:{account}:function:{name}"}),
    "AWS::Serverless::Function": ("{name}", {"Arn": "arn:aws:lambda:{region}:{account}:function:{name}"}),
    "AWS::Lambda::Version": ("arn:aws:lambda:{region}:{account}:function:{name}:1", {"Version": "1"}),
    "AWS::Lambda::Alias": ("arn:aws:lambda:{region}:{account}:function:{name}:live", {}),
    "AWS::SNS::Topic": ("arn:aws:sns:{region}:{account}:{name}", {"TopicArn": "arn:aws:sns:{region}:{account}:{name}", "TopicName": "{name}"}),
    "AWS::SQS::Queue": ("https://sqs.{region}.amazonaws.com/{account}/{name}", {"Arn": "arn:aws:sqs:{region}:{account}:{name}", "QueueName": "{name}"}),
    "AWS::KMS::Key": ("{uuid}", {"Arn": "arn:aws:kms:{region}:{account}:key/{uuid}", "KeyId": "{uuid}"}),
    "AWS::KMS::Alias": ("alias/{name}", {}),
    "AWS::S3::Bucket": ("{lname}", {"Arn": "arn:aws:s3:::{lname}", "DomainName": "{lname}.s3.amazonaws.com", "RegionalDomainName": "{lname}.s3.{region}.amazonaws.com", "WebsiteURL": "http://{lname}.s3-website-{region}.amazonaws.com"}),
    "AWS::DynamoDB::Table": ("{name}", {"Arn": "arn:aws:dynamodb:{region}:{account}:table/{name}", "StreamArn": "arn:aws:dynamodb:{region}:{account}:table/{name}/stream/2020-01-01T00:00:00.000"}),
    "AWS::ApiGateway::RestApi": ("{id}", {"RootResourceId": "{id2}", "RestApiId": "{id}"}),
    "AWS::CloudFront::Distribution": ("E{ID13}", {"DomainName": "d{id13}.cloudfront.net", "Id": "E{ID13}"}),
    "AWS::CodeCommit::Repository": ("{uuid}", {
        "Arn": "arn:aws:codecommit:{region}:{account}:{name}",
        "Name": "{name}",
        "CloneUrlHttp": "https://git-codecommit.{region}.amazonaws.com/v1/repos/{name}",
        "CloneUrlSsh": "ssh://git-codecommit.{region}.amazonaws.com/v1/repos/{name}",
    }),
    "AWS::CodeBuild::Project": ("{name}", {"Arn": "arn:aws:codebuild:{region}:{account}:project/{name}"}),
    "AWS::Serverless::Api": ("{id}", {"RootResourceId": "{id2}"}),
    "AWS::Serverless::HttpApi": ("{id}", {"ApiEndpoint": "https://{id}.execute-api.{region}.amazonaws.com"}),
    "AWS::ApiGatewayV2::Api": ("{id}", {"ApiEndpoint": "https://{id}.execute-api.{region}.amazonaws.com", "ApiId": "{id}"}),
    "AWS::EC2::VPC": ("vpc-{id}", {"CidrBlock": "10.0.0.0/16", "DefaultSecurityGroup": "sg-{id}"}),
    "AWS::Logs::LogGroup": ("{name}", {"Arn": "arn:aws:logs:{region}:{account}:log-group:{name}:*"}),
}


# The property that names a resource of these simulated types (CloudFormation generates a name
# only when it is left out; CodeCommit requires it).
NAME_PROPERTY = {
    "AWS::CodeBuild::Project": "Name",
    "AWS::CodeCommit::Repository": "RepositoryName",
    "AWS::DynamoDB::Table": "TableName",
}


def simulate(s: Stack, logical: str, rtype: str, props: dict[str, Any] | None = None) -> dict[str, Any]:
    declared = (props or {}).get(NAME_PROPERTY.get(rtype, ""))
    name = declared if isinstance(declared, str) and declared else generated_name(s.name, logical, NAME_LIMITS.get(rtype, 64))
    values = {
        "name": name,
        "lname": name.lower()[:63],
        "region": s.region,
        "account": s.account,
        "uuid": str(uuid.uuid5(uuid.NAMESPACE_URL, f"{s.stack_id}/{logical}")),
        "id": token(s.name, logical, length=10, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"),
        "id2": token(logical, s.name, length=10, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"),
        "ID": token(s.name, logical, length=14),
        "ID13": token(s.name, logical, length=13),
        # drawn apart from ID13: a distribution's domain does not follow from its id
        "id13": token(logical, s.name, "domain", length=13, alphabet="abcdefghijklmnopqrstuvwxyz0123456789"),
    }
    ref_form, attr_forms = SIMULATED.get(rtype, ("{name}", {}))
    attrs: dict[str, Any] = {k: v.format(**values) for k, v in attr_forms.items()}
    attrs["Ref"] = ref_form.format(**values)
    if "Arn" not in attrs:
        service = rtype.split("::")[1].lower() if rtype.startswith("AWS::") else "custom"
        attrs["Arn"] = f"arn:aws:{service}:{s.region}:{s.account}:{logical.lower()}/{values['name']}"
        attrs["_invented"] = ["Arn"]  # so references resolve; not a documented shape
    return attrs


# --- deploying a stack ---------------------------------------------------------------------------


def cloud_control_model(rtype: str, props: dict[str, Any], attrs: dict[str, Any]) -> dict[str, Any] | None:
    """What Cloud Control's GetResource returns as a simulated resource's `Properties`: its
    declared properties and its read-only ones (the `Fn::GetAtt` attributes; `A.B` is the
    property path /A/B). The emulator (scripts/emulator_cloudcontrol.py) serves it. Custom
    resources have none: Cloud Control cannot read them."""
    if rtype.startswith("Custom::") or rtype == "AWS::CloudFormation::CustomResource":
        return None
    model: dict[str, Any] = copy.deepcopy(props)
    for key, value in attrs.items():
        if key == "Ref" or key.startswith("_") or key in attrs.get("_invented", []):
            continue
        *path, last = key.split(".")
        node = model
        for part in path:
            node = node.setdefault(part, {}) if isinstance(node.get(part, {}), dict) else {}
        node[last] = value
    return model


def deploy_stack(d: Deployer, s: Stack) -> None:
    for logical in s.order():
        decl = s.resources[logical]
        model: dict[str, Any] | None = None
        rtype = str(decl["Type"])
        s.resolving = logical
        if not s.enabled(decl):
            continue
        props = s.resolve(copy.deepcopy(decl.get("Properties") or {}))
        if not isinstance(props, dict):
            raise DeployError(f"resource {logical}: Properties is not a map")
        entry = {"LogicalResourceId": logical, "ResourceType": rtype}
        if rtype == "AWS::CloudFormation::Stack" and logical in s.unavailable_nested:
            attrs = unavailable_nested(s, logical, props)
            entry["PhysicalResourceId"] = attrs["Ref"]
            attrs["_deployed"] = True
            attrs["_unavailable"] = True  # its outputs are unknown: Fn::GetAtt of one fails
            s.simulated.append({**entry, "reason": "nested stack template unavailable (--nested-unavailable)"})
        elif rtype == "AWS::CloudFormation::Stack":
            attrs = deploy_nested(d, s, logical, props)
            entry["PhysicalResourceId"] = attrs["Ref"]
            attrs["_deployed"] = True
            s.created.append(entry)
        elif rtype in HANDLERS:
            for key in [k for k, v in props.items() if isinstance(v, str) and v in s.custom_values]:
                # What the custom resource's Lambda returns is unknown here: the property is
                # left out, and the summary says so (drift sees the template's Fn::GetAtt).
                s.dropped.append({
                    "LogicalResourceId": logical,
                    "ResourceType": rtype,
                    "what": key,
                    "reason": f"its value is Fn::GetAtt of custom resource {s.custom_values[props[key]]}, which only that resource's Lambda knows",
                })
                del props[key]
            try:
                attrs, ident = HANDLERS[rtype](d, s, logical, props)
            except EmulatorLacks as err:
                attrs, ident = simulate(s, logical, rtype), {}
                s.dropped.append({"LogicalResourceId": logical, "ResourceType": rtype, "what": "resource", "reason": str(err)})
            except KeyError as err:
                raise DeployError(f"resource {logical}: required property {err.args[0]} missing") from err
            entry["PhysicalResourceId"] = cfn_string(attrs["Ref"])
            attrs["_deployed"] = bool(ident)
            if ident:
                s.created.append(entry)
                s.imports.append({"ResourceType": rtype, "LogicalResourceId": logical, "ResourceIdentifier": ident})
        elif rtype.startswith("AWS::Cognito::"):
            raise DeployError(f"resource {logical}: the deployer does not know {rtype}")
        else:
            attrs = simulate(s, logical, rtype, props)
            entry["PhysicalResourceId"] = cfn_string(attrs["Ref"])
            s.simulated.append(entry)
            model = cloud_control_model(rtype, props, attrs)
        s.physical[logical] = attrs["Ref"]
        s.attrs[logical] = attrs
        s.stack_resources.append({**entry, "ResourceStatus": STATUS, **({"Model": model} if model else {})})
    s.resolving = ""
    for oname, decl in (s.template.get("Outputs") or {}).items():
        if isinstance(decl, dict) and s.enabled(decl):
            s.resolving = f"output {oname}"
            s.outputs[oname] = cfn_string(s.resolve(decl.get("Value")))
    s.resolving = ""


def deploy_nested(d: Deployer, parent: Stack, logical: str, props: dict[str, Any]) -> dict[str, Any]:
    path = parent.nested_files.get(logical)
    url = str(props.get("TemplateURL", ""))
    if path is None and parent.template_path is not None and url:
        candidate = parent.template_path.parent / url.rsplit("/", 1)[-1]
        if candidate.is_file():
            path = candidate
    if path is None:
        raise DeployError(f"resource {logical}: nested stack template {url or '(no TemplateURL)'} is not next to the template (use --nested {logical}=FILE)")
    params = {k: _param_text(v) for k, v in (props.get("Parameters") or {}).items()}
    child = Stack(
        load_template(path),
        name=generated_name(parent.name, logical, 128),
        region=parent.region,
        account=parent.account,
        params=params,
        template_path=path,
        parent=parent,
    )
    deploy_stack(d, child)
    parent.children.append(child)
    attrs: dict[str, Any] = {"Ref": child.stack_id}
    for k, v in child.outputs.items():
        attrs[f"Outputs.{k}"] = v
    return attrs


def unavailable_nested(parent: Stack, logical: str, props: dict[str, Any]) -> dict[str, Any]:
    """A nested stack whose template the deployer cannot read: a stack with no resource."""
    url = str(props.get("TemplateURL", "")) or "(no TemplateURL)"
    template = {
        "Description": f"cogref test deployer: the template of nested stack {logical} ({url}) was not available; nothing of it was deployed",
        "Resources": {},
    }
    child = Stack(
        template,
        name=generated_name(parent.name, logical, 128),
        region=parent.region,
        account=parent.account,
        params={},
        parent=parent,
    )
    parent.children.append(child)
    return {"Ref": child.stack_id}


def all_stacks(s: Stack) -> list[Stack]:
    out = [s]
    for c in s.children:
        out.extend(all_stacks(c))
    return out


def registration(s: Stack) -> dict[str, Any]:
    # The text as submitted; the deployer expands no transform, so Processed is that text too.
    original = s.template_path.read_text(encoding="utf-8") if s.template_path else json.dumps(s.template, indent=1)
    return {
        "StackName": s.name,
        "StackId": s.stack_id,
        "Region": s.region,
        "ParentId": s.parent.stack_id if s.parent else None,
        "RootId": _root(s).stack_id if s.parent else None,
        "TemplateOriginal": original,
        "TemplateProcessed": original,
        "Parameters": [{"ParameterKey": k, "ParameterValue": v} for k, v in s.used_parameters().items()],
        "Outputs": [{"OutputKey": k, "OutputValue": v} for k, v in s.outputs.items()],
        "Resources": s.stack_resources,
        "StackStatus": STATUS,
        "Tags": [],
        "Description": str(s.template.get("Description", "")),
    }


def _root(s: Stack) -> Stack:
    return s if s.parent is None else _root(s.parent)


def register(endpoint: str, s: Stack) -> None:
    import urllib.request

    for stack in all_stacks(s):
        body = json.dumps(registration(stack), default=str).encode()
        req = urllib.request.Request(f"{endpoint.rstrip('/')}/_cogref/stacks", data=body, method="POST", headers={"Content-Type": "application/json"})
        try:
            with urllib.request.urlopen(req, timeout=30) as resp:  # noqa: S310 (loopback emulator)
                resp.read()
        except OSError as err:
            raise DeployError(f"stack {stack.name}: the emulator did not register it: {err}") from err


def summary(s: Stack) -> dict[str, Any]:
    stacks = all_stacks(s)
    return {
        "stack_name": s.name,
        "stack_id": s.stack_id,
        "region": s.region,
        "parameters": s.used_parameters(),
        "outputs": s.outputs,
        "nested_stacks": [{"StackName": c.name, "StackId": c.stack_id, "ParentId": c.parent.stack_id if c.parent else None} for c in stacks[1:]],
        "created": [dict(e, StackName=st.name) for st in stacks for e in st.created],
        "simulated": [dict(e, StackName=st.name) for st in stacks for e in st.simulated],
        "dropped": [dict(e, StackName=st.name) for st in stacks for e in st.dropped],
    }


def write_atomic(path: Path, data: Any) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=2, default=str) + "\n", encoding="utf-8")
    os.replace(tmp, path)


def parent_values(d: Deployer, stack_name: str, region: str, account: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Amplify Gen1's parameters.json passes some values as intrinsics of the root stack (the
    auth and unauth roles: `{"Fn::GetAtt": ["AuthRole", "Arn"]}`). The root stack is not deployed
    here, so what it would have made is: an IAM role for `Fn::GetAtt [X, Arn]`, a simulated value
    for anything else. Returns what was made, for the summary."""
    made = []
    for key, value in list(params.items()):
        if not isinstance(value, dict):
            continue
        fn, arg = next(iter(value.items()))
        if fn == "Fn::GetAtt" and isinstance(arg, list) and len(arg) == 2 and arg[1] == "Arn":
            name = generated_name(f"{stack_name}-root", str(arg[0]), 64)
            trust = {"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity"}]}
            holder = Stack({"Resources": {}}, name=stack_name, region=region, account=account, params={})
            holder.resolving = f"parameter {key}"
            role = d.call(holder, "iam", "CreateRole", {"RoleName": name, "AssumeRolePolicyDocument": json.dumps(trust)})["Role"]
            params[key] = role["Arn"]
            made.append({"parameter": key, "what": f"IAM role {name} for the root stack's {arg[0]}", "value": role["Arn"]})
        else:
            params[key] = f"simulated-parent-{token(json.dumps(value, sort_keys=True))}"
            made.append({"parameter": key, "what": f"simulated value of the root stack's {json.dumps(value)}", "value": params[key]})
    return made


def parse_kv(items: list[str], flag: str) -> dict[str, str]:
    out = {}
    for item in items:
        if "=" not in item:
            raise InputError(f"{flag} {item!r}: expected NAME=VALUE")
        k, v = item.split("=", 1)
        out[k] = v
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("template", type=Path)
    ap.add_argument("--endpoint", required=True)
    ap.add_argument("--params", type=Path, help="CloudFormation or Amplify parameter file")
    ap.add_argument("--param", action="append", default=[], metavar="K=V")
    ap.add_argument("--stack-name", default="")
    ap.add_argument("--region", default="us-east-1")
    ap.add_argument("--account", help=f"the account in ARNs (default: --assume-role's, else {DEFAULT_ACCOUNT})")
    ap.add_argument("--assume-role", metavar="ROLE_ARN", help="deploy into the account of this role (through the emulator's STS)")
    ap.add_argument("--nested", action="append", default=[], metavar="LOGICALID=FILE")
    ap.add_argument("--nested-unavailable", action="append", default=[], metavar="LOGICALID")
    ap.add_argument("--import-out", required=True, type=Path)
    ap.add_argument("--summary-out", type=Path)
    ap.add_argument("--no-register", action="store_true", help="do not register the stack with the emulator")
    ap.add_argument("--wrap", type=Path, help="JSON sections merged into a template fragment")
    ap.add_argument("--wrapped-out", type=Path, help="where --wrap writes the merged template")
    args = ap.parse_args(argv)
    template_path = args.template
    try:
        if (args.wrap is None) != (args.wrapped_out is None):
            raise InputError("--wrap and --wrapped-out go together")
        template = load_template(args.template)
        if args.wrap is not None:
            template = wrap_fragment(template, args.wrap)
            template_path = args.wrapped_out
        params = load_params_file(args.params) if args.params else {}
        params.update(parse_kv(args.param, "--param"))
        nested = {k: Path(v) for k, v in parse_kv(args.nested, "--nested").items()}
        if args.assume_role and not re.fullmatch(r"arn:aws:iam::\d{12}:role/.+", args.assume_role):
            raise InputError(f"--assume-role {args.assume_role!r}: not an IAM role ARN")
        if args.account is None:
            args.account = args.assume_role.split(":")[4] if args.assume_role else DEFAULT_ACCOUNT
        name = args.stack_name or re.sub(r"[^A-Za-z0-9-]", "-", args.template.stem)[:100].strip("-") or "stack"
        if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]{0,127}", name):
            raise InputError(f"--stack-name {name!r}: not a valid CloudFormation stack name")
    except InputError as err:
        print(f"deploy_template: error: {err}", file=sys.stderr)
        return 2
    try:
        deployer = Deployer(args.endpoint, args.region, args.assume_role)
        parents = parent_values(deployer, name, args.region, args.account, params)
        stack = Stack(template, name=name, region=args.region, account=args.account, params=params, template_path=template_path, nested_files=nested, unavailable_nested=set(args.nested_unavailable))
        deploy_stack(deployer, stack)
        if args.wrapped_out is not None:
            write_atomic(args.wrapped_out, template)  # registered as the stack's template
        if not args.no_register:
            register(args.endpoint, stack)
    except (DeployError, InputError) as err:
        if args.wrapped_out is not None:
            args.wrapped_out.unlink(missing_ok=True)
        print(f"deploy_template: error: {args.template.name}: {err}", file=sys.stderr)
        return 1
    imports = [i for st in all_stacks(stack) for i in st.imports]
    write_atomic(args.import_out, imports)
    if args.summary_out:
        write_atomic(args.summary_out, {**summary(stack), "given_parameters": sorted(params), "from_parent_stack": parents})
    return 0


if __name__ == "__main__":
    sys.exit(main())
