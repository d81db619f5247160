"""Several accounts behind one emulator, as cogref's fleet tests need them.

Owns: making moto's STS AssumeRole answer like AWS for cross-account roles. moto 5.2.5 keeps
state per account and maps the credentials AssumeRole returns to the account in the role ARN
(so a client holding them reads that account), but it hands out credentials for any ARN, even a
role that does not exist. Here AssumeRole is refused with AccessDenied, as AWS does, when the
role does not exist in its account, or when its trust policy requires an sts:ExternalId that
the request does not carry. `OrganizationAccountAccessRole` is always allowed: AWS creates it in
every account made through Organizations (moto does not), and the seeder uses it to set up the
member accounts.

    patch_sts()   # called once from emulator.py's patch_moto()
"""

from __future__ import annotations

import json
import re
from typing import Any
from urllib.parse import unquote

ORG_ACCESS_ROLE = "OrganizationAccountAccessRole"
ROLE_ARN = re.compile(r"^arn:aws[a-z-]*:iam::(\d{12}):role/(?:.*/)?([\w+=,.@-]+)$")


def required_external_ids(trust_document: Any) -> set[str]:
    """The sts:ExternalId values a trust policy's StringEquals conditions require (empty: none)."""
    if isinstance(trust_document, str):
        try:
            trust_document = json.loads(unquote(trust_document))
        except ValueError:
            return set()
    statements = trust_document.get("Statement", []) if isinstance(trust_document, dict) else []
    if isinstance(statements, dict):
        statements = [statements]
    wanted: set[str] = set()
    for statement in statements:
        condition = (statement.get("Condition") or {}).get("StringEquals") or {}
        value = condition.get("sts:ExternalId")
        if isinstance(value, str):
            wanted.add(value)
        elif isinstance(value, list):
            wanted.update(v for v in value if isinstance(v, str))
    return wanted


def patch_sts() -> None:
    from moto.iam.models import iam_backends
    from moto.sts.exceptions import STSClientError
    from moto.sts.models import STSBackend

    real_assume_role = STSBackend.assume_role

    def assume_role(self: Any, **kwargs: Any) -> Any:
        role_arn = kwargs.get("role_arn") or ""
        match = ROLE_ARN.match(role_arn)
        if match and match.group(2) != ORG_ACCESS_ROLE:
            account, _ = match.groups()
            denied = STSClientError(
                "AccessDenied",
                f"User: arn:aws:iam::{self.account_id}:user/moto is not authorized to perform: "
                f"sts:AssumeRole on resource: {role_arn}",
            )
            try:
                role = iam_backends[account]["aws"].get_role_by_arn(role_arn)
            except Exception:  # noqa: BLE001 (moto's IAM raises its own not-found type)
                raise denied from None
            wanted = required_external_ids(role.assume_role_policy_document)
            if wanted and kwargs.get("external_id") not in wanted:
                raise denied
        return real_assume_role(self, **kwargs)

    STSBackend.assume_role = assume_role
