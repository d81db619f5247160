"""The sequential baseline of the benchmark: what a user would do without cogref.

Owns: reading the same things `cogref scan` reads, with boto3, one call at a time (the AWS CLI
in a shell loop, minus process start-up), so the benchmark compares like with like: same
operations, same pagination, each role and customer-managed policy read once, the settings
resources (risk, UI customization, branding, log delivery, principal tags) read where cogref
reads them.

    python scripts/baseline_scan.py --endpoint URL [--region R]

Prints one JSON line: {"calls": n, "user_pools": n, "clients": n, "identity_pools": n, "roles": n}.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from urllib.parse import unquote

import boto3
from botocore.config import Config


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--region", default="us-east-1")
    args = p.parse_args()
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "bench")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "bench")
    cfg = Config(retries={"mode": "standard", "max_attempts": 5})
    mk = lambda s: boto3.client(s, endpoint_url=args.endpoint, region_name=args.region, config=cfg)
    idp, ident, iam, sts = mk("cognito-idp"), mk("cognito-identity"), mk("iam"), mk("sts")
    calls = 0

    def call(fn, **kw):
        nonlocal calls
        calls += 1
        return fn(**kw)

    call(sts.get_caller_identity)
    role_arns: set[str] = set()
    pools, token = [], None
    while True:
        kw = {"MaxResults": 60, **({"NextToken": token} if token else {})}
        page = call(idp.list_user_pools, **kw)
        pools += [p["Id"] for p in page["UserPools"]]
        token = page.get("NextToken")
        if not token:
            break
    n_clients = 0
    for pool_id in pools:
        pool = call(idp.describe_user_pool, UserPoolId=pool_id)["UserPool"]
        call(idp.get_user_pool_mfa_config, UserPoolId=pool_id)
        for key in ("Domain", "CustomDomain"):
            if pool.get(key):
                call(idp.describe_user_pool_domain, Domain=pool[key])
        # The settings resources (issue 13), read when cogref reads them: risk and log delivery
        # for every pool, UI customization only for a pool with a domain.
        has_domain = bool(pool.get("Domain") or pool.get("CustomDomain"))
        call(idp.describe_risk_configuration, UserPoolId=pool_id)
        call(idp.get_log_delivery_configuration, UserPoolId=pool_id)
        if has_domain:
            call(idp.get_ui_customization, UserPoolId=pool_id)
        sms = pool.get("SmsConfiguration", {}).get("SnsCallerArn")
        if sms:
            role_arns.add(sms)
        token = None
        while True:
            page = call(idp.list_user_pool_clients, UserPoolId=pool_id, MaxResults=60,
                        **({"NextToken": token} if token else {}))
            for c in page["UserPoolClients"]:
                cid = c["ClientId"]
                call(idp.describe_user_pool_client, UserPoolId=pool_id, ClientId=cid)
                call(idp.describe_risk_configuration, UserPoolId=pool_id, ClientId=cid)
                try:
                    call(idp.describe_managed_login_branding_by_client, UserPoolId=pool_id, ClientId=cid)
                except idp.exceptions.ResourceNotFoundException:
                    pass  # no branding style: "none", as for cogref
                if has_domain:
                    call(idp.get_ui_customization, UserPoolId=pool_id, ClientId=cid)
                n_clients += 1
            token = page.get("NextToken")
            if not token:
                break
        groups = call(idp.list_groups, UserPoolId=pool_id, Limit=60)["Groups"]
        role_arns.update(g["RoleArn"] for g in groups if g.get("RoleArn"))
        for prov in call(idp.list_identity_providers, UserPoolId=pool_id, MaxResults=60)["Providers"]:
            call(idp.describe_identity_provider, UserPoolId=pool_id, ProviderName=prov["ProviderName"])
        call(idp.list_resource_servers, UserPoolId=pool_id, MaxResults=50)
    ids = [p["IdentityPoolId"] for p in call(ident.list_identity_pools, MaxResults=60)["IdentityPools"]]
    for ip in ids:
        described = call(ident.describe_identity_pool, IdentityPoolId=ip)
        providers = {p["ProviderName"] for p in described.get("CognitoIdentityProviders", [])}
        providers |= set(described.get("SupportedLoginProviders", {}))
        providers |= set(described.get("OpenIdConnectProviderARNs", []))
        providers |= set(described.get("SamlProviderARNs", []))
        for provider in sorted(p for p in providers if p):
            try:
                call(ident.get_principal_tag_attribute_map, IdentityPoolId=ip, IdentityProviderName=provider)
            except ident.exceptions.ResourceNotFoundException:
                pass  # "none", as for cogref
        roles = call(ident.get_identity_pool_roles, IdentityPoolId=ip)
        role_arns.update(roles.get("Roles", {}).values())
        for mapping in roles.get("RoleMappings", {}).values():
            role_arns.update(r["RoleARN"] for r in mapping.get("RulesConfiguration", {}).get("Rules", []))
    policies: set[str] = set()
    for arn in sorted(role_arns):
        name = arn.rsplit("/", 1)[-1]
        call(iam.get_role, RoleName=name)
        for pol in call(iam.list_role_policies, RoleName=name)["PolicyNames"]:
            call(iam.get_role_policy, RoleName=name, PolicyName=pol)
        for att in call(iam.list_attached_role_policies, RoleName=name)["AttachedPolicies"]:
            if not att["PolicyArn"].startswith("arn:aws:iam::aws:policy/"):
                policies.add(att["PolicyArn"])
    for arn in sorted(policies):
        version = call(iam.get_policy, PolicyArn=arn)["Policy"]["DefaultVersionId"]
        call(iam.get_policy_version, PolicyArn=arn, VersionId=version)
    print(json.dumps({"calls": calls, "user_pools": len(pools), "clients": n_clients,
                      "identity_pools": len(ids), "roles": len(role_arns)}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
