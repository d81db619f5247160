"""Sample-account seeder for cogref's tests and benchmarks (talks to the local emulator only).

Owns: the fixed sample account (three user pools, two identity pools, their IAM roles and
policies; on shop-customers the settings CloudFormation models as resources of their own:
threat-protection risk configuration and UI customization pool-wide and for shop-web, shop-web's
managed login branding, log delivery, and shop_identity's principal tag map) and the ids file that tells tests what was created, secrets included, so tests can
prove no secret ever leaks into cogref's output.

    python scripts/seed.py --endpoint URL --out FILE [--region R] [--extra-pools N [--extra-rich]]
                           [--fleet N [--fleet-pools K] [--fleet-external-id ID]]

--fleet N also makes the sample account the management account of an organization with N member
accounts (the first N-1 in OU `workloads`, the last under the root), each with the read role
`cogref-read` (trusting the management account; with --fleet-external-id, only with that
ExternalId) and K user pools `app-<i>-<k>` (default 1) with a public client; odd-numbered members
also get an identity pool `app_<i>_identity` with authenticated and unauthenticated roles. Ids go under "fleet".

Names and structure are fixed; ids are whatever the emulator returns. Readiness for Amplify
referenceAuth, by design:
  shop-customers + shop-web + shop_identity       ready
  partner-portal + partner-web + partner_identity  not ready (alias attributes; IdPs, no domain)
  field-ops + field-app                            not ready (pool linked to no identity pool)
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from typing import Any
from urllib.parse import urlparse

import boto3
from botocore.exceptions import ClientError

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Fixed, distinctive secrets: any of them showing up in cogref's output is a leak.
PARTNER_OIDC_SECRET = "oidc-secret-DO-NOT-LEAK-7f3a9c"
SHOP_GOOGLE_SECRET = "google-secret-DO-NOT-LEAK-2b8e41"
EXTRA_OIDC_SECRET = "extra-oidc-secret-DO-NOT-LEAK-{:04d}"


def trust_cognito_identity(identity_pool_id: str, amr: str) -> dict[str, Any]:
    """Trust policy of a role that identities of one identity pool assume."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Federated": "cognito-identity.amazonaws.com"},
                "Action": "sts:AssumeRoleWithWebIdentity",
                "Condition": {
                    "StringEquals": {"cognito-identity.amazonaws.com:aud": identity_pool_id},
                    "ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:amr": amr},
                },
            }
        ],
    }


def trust_cognito_sms(external_id: str) -> dict[str, Any]:
    """Trust policy of the role a user pool uses to send SMS through SNS."""
    return {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": {"Service": "cognito-idp.amazonaws.com"},
                "Action": "sts:AssumeRole",
                "Condition": {"StringEquals": {"sts:ExternalId": external_id}},
            }
        ],
    }


def policy(actions: list[str], resources: list[str]) -> dict[str, Any]:
    return {
        "Version": "2012-10-17",
        "Statement": [{"Effect": "Allow", "Action": actions, "Resource": resources}],
    }


class Seeder:
    """Creates the sample account and remembers every id and secret in `self.out`."""

    def __init__(self, endpoint: str, region: str) -> None:
        def client(service: str) -> Any:
            return boto3.client(service, endpoint_url=endpoint, region_name=region)

        self.region = region
        self.idp = client("cognito-idp")
        self.identity = client("cognito-identity")
        self.iam = client("iam")
        self.account = client("sts").get_caller_identity()["Account"]
        self.out: dict[str, Any] = {
            "region": region,
            "account_id": self.account,
            "endpoint": endpoint,
            "user_pools": {},
            "identity_pools": {},
            "roles": {},
            "managed_policies": {},
            "secrets": [],
            "extra_pools": [],
        }

    # --- building blocks -----------------------------------------------------------------

    def lambda_arn(self, name: str) -> str:
        return f"arn:aws:lambda:{self.region}:{self.account}:function:{name}"

    def provider_name(self, pool: str) -> str:
        return f"cognito-idp.{self.region}.amazonaws.com/{self.pool_id(pool)}"

    def pool_id(self, pool: str) -> str:
        return self.out["user_pools"][pool]["id"]

    def client_id(self, pool: str, client: str) -> str:
        return self.out["user_pools"][pool]["clients"][client]["id"]

    def user_pool(self, name: str, **config: Any) -> str:
        created = self.idp.create_user_pool(PoolName=name, **config)["UserPool"]
        self.out["user_pools"][name] = {
            "id": created["Id"],
            "arn": created["Arn"],
            "clients": {},
            "domain": None,
            "groups": [],
            "identity_providers": [],
        }
        return created["Id"]

    def app_client(self, pool: str, name: str, **config: Any) -> str:
        created = self.idp.create_user_pool_client(
            UserPoolId=self.pool_id(pool), ClientName=name, **config
        )["UserPoolClient"]
        secret = created.get("ClientSecret")
        self.out["user_pools"][pool]["clients"][name] = {"id": created["ClientId"], "secret": secret}
        if secret:
            self.out["secrets"].append(secret)
        return created["ClientId"]

    def identity_provider(
        self, pool: str, name: str, kind: str, details: dict[str, str], **config: Any
    ) -> None:
        self.idp.create_identity_provider(
            UserPoolId=self.pool_id(pool), ProviderName=name, ProviderType=kind,
            ProviderDetails=details, **config,
        )
        self.out["user_pools"][pool]["identity_providers"].append(name)
        if "client_secret" in details:
            self.out["secrets"].append(details["client_secret"])

    def group(self, pool: str, name: str, precedence: int, role_arn: str | None = None) -> None:
        extra = {"RoleArn": role_arn} if role_arn else {}
        self.idp.create_group(
            UserPoolId=self.pool_id(pool), GroupName=name, Precedence=precedence,
            Description=f"{name} of {pool}", **extra,
        )
        self.out["user_pools"][pool]["groups"].append(name)

    def role(self, name: str, trust: dict[str, Any], path: str = "/", description: str = "") -> str:
        arn = self.iam.create_role(
            RoleName=name, Path=path, AssumeRolePolicyDocument=json.dumps(trust), Description=description,
        )["Role"]["Arn"]
        self.out["roles"][name] = arn
        return arn

    def inline_policy(self, role: str, name: str, document: dict[str, Any]) -> None:
        self.iam.put_role_policy(RoleName=role, PolicyName=name, PolicyDocument=json.dumps(document))

    def managed_policy(self, name: str, document: dict[str, Any], attach_to: list[str]) -> str:
        arn = self.iam.create_policy(
            PolicyName=name, PolicyDocument=json.dumps(document), Description=f"{name} (seeded)"
        )["Policy"]["Arn"]
        self.out["managed_policies"][name] = arn
        for role in attach_to:
            self.iam.attach_role_policy(RoleName=role, PolicyArn=arn)
        return arn

    def identity_pool(self, name: str, allow_unauth: bool, pool: str, client: str, **config: Any) -> str:
        pool_id = self.identity.create_identity_pool(
            IdentityPoolName=name,
            AllowUnauthenticatedIdentities=allow_unauth,
            CognitoIdentityProviders=[
                {
                    "ProviderName": self.provider_name(pool),
                    "ClientId": self.client_id(pool, client),
                    "ServerSideTokenCheck": False,
                }
            ],
            **config,
        )["IdentityPoolId"]
        self.out["identity_pools"][name] = {"id": pool_id, "auth_role_arn": None, "unauth_role_arn": None}
        return pool_id

    def identity_pool_roles(self, name: str, auth: str, unauth: str | None, mappings: dict[str, Any]) -> None:
        roles = {"authenticated": auth, **({"unauthenticated": unauth} if unauth else {})}
        self.identity.set_identity_pool_roles(
            IdentityPoolId=self.out["identity_pools"][name]["id"], Roles=roles, RoleMappings=mappings
        )
        self.out["identity_pools"][name].update(auth_role_arn=auth, unauth_role_arn=unauth)

    # --- the sample account ----------------------------------------------------------------

    def shop(self) -> None:
        pool = "shop-customers"
        self.user_pool(
            pool,
            UsernameAttributes=["email"],
            AutoVerifiedAttributes=["email"],
            UsernameConfiguration={"CaseSensitive": False},
            Policies={
                "PasswordPolicy": {
                    "MinimumLength": 12,
                    "RequireUppercase": True,
                    "RequireLowercase": True,
                    "RequireNumbers": True,
                    "RequireSymbols": True,
                    "TemporaryPasswordValidityDays": 3,
                }
            },
            Schema=[
                {"Name": "email", "AttributeDataType": "String", "Required": True, "Mutable": True},
                {
                    "Name": "tier",
                    "AttributeDataType": "String",
                    "Mutable": True,
                    "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"},
                },
                {
                    "Name": "loyalty_points",
                    "AttributeDataType": "Number",
                    "Mutable": True,
                    "NumberAttributeConstraints": {"MinValue": "0", "MaxValue": "100000"},
                },
            ],
            LambdaConfig={
                "PreSignUp": self.lambda_arn("shop-pre-signup"),
                "PostConfirmation": self.lambda_arn("shop-post-confirmation"),
            },
            EmailConfiguration={
                "EmailSendingAccount": "DEVELOPER",
                "SourceArn": f"arn:aws:ses:{self.region}:{self.account}:identity/shop.example.com",
                "From": "Shop <no-reply@shop.example.com>",
                "ReplyToEmailAddress": "support@shop.example.com",
            },
            AccountRecoverySetting={"RecoveryMechanisms": [{"Name": "verified_email", "Priority": 1}]},
            UserPoolTags={"team": "shop", "env": "prod"},
            DeletionProtection="ACTIVE",
            MfaConfiguration="OPTIONAL",
        )
        self.idp.set_user_pool_mfa_config(
            UserPoolId=self.pool_id(pool),
            SoftwareTokenMfaConfiguration={"Enabled": True},
            MfaConfiguration="OPTIONAL",
        )
        self.identity_provider(
            pool, "Google", "Google",
            {"client_id": "shop-google.apps.example.com", "client_secret": SHOP_GOOGLE_SECRET,
             "authorize_scopes": "profile email openid"},
            AttributeMapping={"email": "email", "username": "sub"},
        )
        self.idp.create_user_pool_domain(Domain="shop-customers-demo", UserPoolId=self.pool_id(pool))
        self.out["user_pools"][pool]["domain"] = "shop-customers-demo"
        self.idp.create_resource_server(
            UserPoolId=self.pool_id(pool),
            Identifier="https://api.shop.example.com",
            Name="shop-api",
            Scopes=[
                {"ScopeName": "orders.read", "ScopeDescription": "Read orders"},
                {"ScopeName": "orders.write", "ScopeDescription": "Place and change orders"},
            ],
        )
        self.app_client(
            pool, "shop-web",
            GenerateSecret=False,
            AllowedOAuthFlows=["code"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthScopes=["openid", "email", "profile"],
            CallbackURLs=["https://shop.example.com/callback", "http://localhost:3000/callback"],
            LogoutURLs=["https://shop.example.com/logout", "http://localhost:3000/"],
            SupportedIdentityProviders=["COGNITO", "Google"],
            AccessTokenValidity=60,
            IdTokenValidity=60,
            RefreshTokenValidity=30,
            TokenValidityUnits={"AccessToken": "minutes", "IdToken": "minutes", "RefreshToken": "days"},
            ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            PreventUserExistenceErrors="ENABLED",
        )
        self.app_client(
            pool, "shop-backend",
            GenerateSecret=True,
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )

        ip = self.identity_pool(
            "shop_identity", True, pool, "shop-web", IdentityPoolTags={"team": "shop"}
        )
        auth = self.role("shop-auth-role", trust_cognito_identity(ip, "authenticated"),
                         description="Signed-in shop customers")
        unauth = self.role("shop-unauth-role", trust_cognito_identity(ip, "unauthenticated"),
                           description="Guest shop visitors")
        admins = self.role("shop-admins-role", trust_cognito_identity(ip, "authenticated"))
        staff = self.role("shop-staff-role", trust_cognito_identity(ip, "authenticated"))
        self.inline_policy("shop-auth-role", "allow-s3-read",
                           policy(["s3:GetObject"], ["arn:aws:s3:::shop-assets/private/*"]))
        self.inline_policy("shop-unauth-role", "allow-s3-read",
                           policy(["s3:GetObject"], ["arn:aws:s3:::shop-assets/public/*"]))
        orders = f"arn:aws:dynamodb:{self.region}:{self.account}:table/orders"
        self.inline_policy("shop-admins-role", "allow-orders-admin", policy(["dynamodb:*"], [orders]))
        self.managed_policy("shop-auth-policy",
                            policy(["dynamodb:GetItem", "dynamodb:Query"], [orders]),
                            ["shop-auth-role"])
        self.managed_policy("shop-staff-policy",
                            policy(["dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"], [orders]),
                            ["shop-staff-role", "shop-admins-role"])
        self.iam.attach_role_policy(RoleName="shop-auth-role",
                                    PolicyArn="arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")

        self.group(pool, "admins", 1, admins)
        self.group(pool, "staff", 10, staff)
        self.group(pool, "customers", 100)
        provider = f"{self.provider_name(pool)}:{self.client_id(pool, 'shop-web')}"
        self.identity_pool_roles(
            "shop_identity", auth, unauth,
            {provider: {"Type": "Token", "AmbiguousRoleResolution": "AuthenticatedRole"}},
        )

    def shop_settings(self) -> None:
        """Risk, UI customization, branding, log delivery and principal tags (issue 13).

        Made after every other resource: the branding id is the only random value it draws, so
        the ids of everything else stay what they were."""
        pool = "shop-customers"
        pool_id = self.pool_id(pool)
        web = self.client_id(pool, "shop-web")
        self.idp.set_risk_configuration(
            UserPoolId=pool_id,
            CompromisedCredentialsRiskConfiguration={
                "EventFilter": ["SIGN_IN", "PASSWORD_CHANGE"],
                "Actions": {"EventAction": "BLOCK"},
            },
            RiskExceptionConfiguration={"BlockedIPRangeList": ["192.0.2.0/24"]},
        )
        self.idp.set_risk_configuration(
            UserPoolId=pool_id,
            ClientId=web,
            AccountTakeoverRiskConfiguration={
                "Actions": {
                    "LowAction": {"EventAction": "NO_ACTION", "Notify": False},
                    "MediumAction": {"EventAction": "MFA_IF_CONFIGURED", "Notify": False},
                    "HighAction": {"EventAction": "BLOCK", "Notify": False},
                }
            },
        )
        self.idp.set_ui_customization(UserPoolId=pool_id, CSS=".banner-customizable {background-color: #0f1b2d;}")
        self.idp.set_ui_customization(
            UserPoolId=pool_id, ClientId=web, CSS=".submitButton-customizable {background-color: #e4572e;}"
        )
        branding = self.idp.create_managed_login_branding(
            UserPoolId=pool_id,
            ClientId=web,
            Settings={
                "components": {
                    "primaryButton": {"lightMode": {"defaults": {"backgroundColor": "e4572eff", "textColor": "ffffffff"}}}
                },
                "categories": {"global": {"colorSchemeMode": "LIGHT"}},
            },
            Assets=[{
                "Category": "FAVICON_SVG",
                "ColorMode": "DYNAMIC",
                "Extension": "SVG",
                "Bytes": b'<svg xmlns="http://www.w3.org/2000/svg"></svg>',
            }],
        )["ManagedLoginBranding"]
        self.idp.set_log_delivery_configuration(
            UserPoolId=pool_id,
            LogConfigurations=[{
                "LogLevel": "ERROR",
                "EventSource": "userNotification",
                "CloudWatchLogsConfiguration": {
                    "LogGroupArn": f"arn:aws:logs:{self.region}:{self.account}:log-group:/aws/cognito/shop-customers"
                },
            }],
        )
        ip = self.out["identity_pools"]["shop_identity"]["id"]
        self.identity.set_principal_tag_attribute_map(
            IdentityPoolId=ip,
            IdentityProviderName=self.provider_name(pool),
            UseDefaults=False,
            PrincipalTags={"tier": "custom:tier", "client": "aud"},
        )
        self.out["user_pools"][pool]["managed_login_branding_id"] = branding["ManagedLoginBrandingId"]

    def partner(self) -> None:
        pool = "partner-portal"
        self.user_pool(
            pool,
            AliasAttributes=["email", "preferred_username"],
            AutoVerifiedAttributes=["email"],
            Policies={
                "PasswordPolicy": {
                    "MinimumLength": 8,
                    "RequireUppercase": True,
                    "RequireLowercase": True,
                    "RequireNumbers": True,
                    "RequireSymbols": False,
                    "TemporaryPasswordValidityDays": 7,
                }
            },
            Schema=[
                {
                    "Name": "company",
                    "AttributeDataType": "String",
                    "Mutable": True,
                    "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "64"},
                }
            ],
            UserPoolTags={"team": "partners"},
        )
        self.identity_provider(
            pool, "PartnerOIDC", "OIDC",
            {
                "client_id": "partner-portal-client",
                "client_secret": PARTNER_OIDC_SECRET,
                "authorize_scopes": "openid email",
                "oidc_issuer": "https://idp.partner.example.com",
                "attributes_request_method": "GET",
            },
            AttributeMapping={"email": "email"},
        )
        self.identity_provider(
            pool, "PartnerSAML", "SAML",
            {"MetadataURL": "https://idp.partner.example.com/saml/metadata.xml"},
            AttributeMapping={"email": "http://schemas.xmlsoap.org/ws/2005/05/identity/claims/emailaddress"},
        )
        # No domain on purpose: identity providers without a domain are not ready for Amplify.
        self.app_client(
            pool, "partner-web",
            GenerateSecret=False,
            AllowedOAuthFlows=["code"],
            AllowedOAuthFlowsUserPoolClient=True,
            AllowedOAuthScopes=["openid", "email"],
            CallbackURLs=["https://partners.example.com/callback"],
            LogoutURLs=["https://partners.example.com/"],
            SupportedIdentityProviders=["COGNITO", "PartnerOIDC", "PartnerSAML"],
            ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )
        self.app_client(
            pool, "partner-sync",
            GenerateSecret=True,
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )

        ip = self.identity_pool("partner_identity", False, pool, "partner-web")
        auth = self.role("partner-auth-role", trust_cognito_identity(ip, "authenticated"),
                         path="/partner/", description="Signed-in partners")
        self.inline_policy("partner-auth-role", "allow-s3-read",
                           policy(["s3:GetObject"], ["arn:aws:s3:::partner-drop/*"]))
        self.managed_policy("partner-auth-policy",
                            policy(["s3:ListBucket"], ["arn:aws:s3:::partner-drop"]),
                            ["partner-auth-role"])
        provider = f"{self.provider_name(pool)}:{self.client_id(pool, 'partner-web')}"
        rule = {"Claim": "custom:company", "MatchType": "Equals", "Value": "acme", "RoleARN": auth}
        self.identity_pool_roles(
            "partner_identity", auth, None,
            {provider: {"Type": "Rules", "AmbiguousRoleResolution": "Deny",
                        "RulesConfiguration": {"Rules": [rule]}}},
        )

    def field_ops(self) -> None:
        pool = "field-ops"
        sms_role = self.role("field-ops-sms-role", trust_cognito_sms("field-ops-external"),
                             description="field-ops sends SMS")
        self.inline_policy("field-ops-sms-role", "allow-sns-publish", policy(["sns:Publish"], ["*"]))
        sms = {"SnsCallerArn": sms_role, "ExternalId": "field-ops-external"}
        self.user_pool(
            pool,
            UsernameAttributes=["phone_number"],
            AutoVerifiedAttributes=["phone_number"],
            MfaConfiguration="ON",
            SmsConfiguration=sms,
        )
        self.idp.set_user_pool_mfa_config(
            UserPoolId=self.pool_id(pool),
            SmsMfaConfiguration={"SmsAuthenticationMessage": "Your code is {####}", "SmsConfiguration": sms},
            MfaConfiguration="ON",
        )
        self.app_client(
            pool, "field-app",
            GenerateSecret=False,
            ExplicitAuthFlows=["ALLOW_USER_SRP_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
            AccessTokenValidity=1,
            RefreshTokenValidity=7,
            TokenValidityUnits={"AccessToken": "hours", "RefreshToken": "days"},
        )
        self.app_client(
            pool, "field-sync",
            GenerateSecret=True,
            ExplicitAuthFlows=["ALLOW_ADMIN_USER_PASSWORD_AUTH", "ALLOW_REFRESH_TOKEN_AUTH"],
        )

    def extras(self, count: int, rich: bool) -> None:
        """Small pools for pagination tests and benchmarks: extra-pool-0001, -0002, ..."""
        for n in range(1, count + 1):
            name = f"extra-pool-{n:04d}"
            created = self.idp.create_user_pool(PoolName=name)["UserPool"]
            pool_id = created["Id"]
            self.out["extra_pools"].append(pool_id)
            clients = [("web", False)] + ([("mobile", False), ("backend", True)] if rich else [])
            for client, secret in clients:
                made = self.idp.create_user_pool_client(
                    UserPoolId=pool_id, ClientName=f"{name}-{client}", GenerateSecret=secret
                )["UserPoolClient"]
                if made.get("ClientSecret"):
                    self.out["secrets"].append(made["ClientSecret"])
            if rich:
                for group, precedence in (("admins", 1), ("users", 10)):
                    self.idp.create_group(UserPoolId=pool_id, GroupName=group, Precedence=precedence)
                oidc_secret = EXTRA_OIDC_SECRET.format(n)
                self.idp.create_identity_provider(
                    UserPoolId=pool_id, ProviderName="ExtraOIDC", ProviderType="OIDC",
                    ProviderDetails={
                        "client_id": f"{name}-oidc", "client_secret": oidc_secret,
                        "authorize_scopes": "openid", "oidc_issuer": "https://idp.extra.example.com",
                        "attributes_request_method": "GET",
                    },
                )
                self.out["secrets"].append(oidc_secret)


FLEET_ROLE = "cogref-read"
# What cogref reads in a member account (the same actions as `cogref iam-policy`).
FLEET_ROLE_ACTIONS = ["cognito-idp:Describe*", "cognito-idp:List*", "cognito-idp:Get*",
                      "cognito-identity:Describe*", "cognito-identity:List*", "cognito-identity:Get*",
                      "iam:GetRole", "iam:GetRolePolicy", "iam:ListRolePolicies",
                      "iam:ListAttachedRolePolicies", "iam:GetPolicy", "iam:GetPolicyVersion"]


def seed_fleet(endpoint: str, region: str, members: int, pools: int, external_id: str | None) -> dict[str, Any]:
    """An organization with `members` member accounts, each with the read role and a few pools."""
    org = boto3.client("organizations", endpoint_url=endpoint, region_name=region)
    sts = boto3.client("sts", endpoint_url=endpoint, region_name=region)
    management = sts.get_caller_identity()["Account"]
    org.create_organization(FeatureSet="ALL")
    root_id = org.list_roots()["Roots"][0]["Id"]
    ou_id = org.create_organizational_unit(ParentId=root_id, Name="workloads")["OrganizationalUnit"]["Id"]
    out: dict[str, Any] = {"management_account": management, "root_id": root_id, "ou_id": ou_id,
                           "role": FLEET_ROLE, "external_id": external_id, "accounts": {}}
    for i in range(1, members + 1):
        status = org.create_account(Email=f"member-{i}@example.com", AccountName=f"member-{i}")
        account = status["CreateAccountStatus"]["AccountId"]
        if i < members:
            org.move_account(AccountId=account, SourceParentId=root_id, DestinationParentId=ou_id)
        creds = sts.assume_role(RoleArn=f"arn:aws:iam::{account}:role/OrganizationAccountAccessRole",
                                RoleSessionName="cogref-seed")["Credentials"]

        def client(service: str, creds: dict[str, Any] = creds) -> Any:
            return boto3.client(service, endpoint_url=endpoint, region_name=region,
                                aws_access_key_id=creds["AccessKeyId"],
                                aws_secret_access_key=creds["SecretAccessKey"],
                                aws_session_token=creds["SessionToken"])

        iam, idp, identity = client("iam"), client("cognito-idp"), client("cognito-identity")
        statement: dict[str, Any] = {"Effect": "Allow", "Action": "sts:AssumeRole",
                                     "Principal": {"AWS": f"arn:aws:iam::{management}:root"}}
        if external_id:
            statement["Condition"] = {"StringEquals": {"sts:ExternalId": external_id}}
        iam.create_role(RoleName=FLEET_ROLE, AssumeRolePolicyDocument=json.dumps(
            {"Version": "2012-10-17", "Statement": [statement]}))
        iam.put_role_policy(RoleName=FLEET_ROLE, PolicyName="cogref-read-only",
                            PolicyDocument=json.dumps(policy(FLEET_ROLE_ACTIONS, ["*"])))
        entry: dict[str, Any] = {"name": f"member-{i}", "in_ou": i < members,
                                 "user_pools": {}, "identity_pools": {}}
        for k in range(1, pools + 1):
            name = f"app-{i}-{k}"
            pool_id = idp.create_user_pool(PoolName=name, UsernameAttributes=["email"])["UserPool"]["Id"]
            web = idp.create_user_pool_client(UserPoolId=pool_id, ClientName=f"{name}-web")["UserPoolClient"]
            entry["user_pools"][name] = {"id": pool_id, "clients": {f"{name}-web": web["ClientId"]}}
        if i % 2 == 1:
            first = entry["user_pools"][f"app-{i}-1"]
            name = f"app_{i}_identity"
            ip_id = identity.create_identity_pool(
                IdentityPoolName=name, AllowUnauthenticatedIdentities=False,
                CognitoIdentityProviders=[{
                    "ProviderName": f"cognito-idp.{region}.amazonaws.com/{first['id']}",
                    "ClientId": first["clients"][f"app-{i}-1-web"], "ServerSideTokenCheck": False}],
            )["IdentityPoolId"]
            role_arn = iam.create_role(
                RoleName=f"app-{i}-auth-role",
                AssumeRolePolicyDocument=json.dumps(trust_cognito_identity(ip_id, "authenticated")),
            )["Role"]["Arn"]
            unauth_arn = iam.create_role(
                RoleName=f"app-{i}-unauth-role",
                AssumeRolePolicyDocument=json.dumps(trust_cognito_identity(ip_id, "unauthenticated")),
            )["Role"]["Arn"]
            identity.set_identity_pool_roles(IdentityPoolId=ip_id,
                                             Roles={"authenticated": role_arn, "unauthenticated": unauth_arn})
            entry["identity_pools"][name] = {"id": ip_id, "auth_role_arn": role_arn, "unauth_role_arn": unauth_arn}
        out["accounts"][account] = entry
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--endpoint", required=True, help="emulator URL, e.g. http://127.0.0.1:5000")
    parser.add_argument("--out", required=True, help="write the ids JSON here")
    parser.add_argument("--region", default="us-east-1")
    parser.add_argument("--extra-pools", type=int, default=0, metavar="N", help="add N small pools")
    parser.add_argument("--extra-rich", action="store_true",
                        help="extra pools get 3 clients, 2 groups and an OIDC provider each")
    parser.add_argument("--fleet", type=int, default=0, metavar="N",
                        help="also: an organization with N member accounts (see the module doc)")
    parser.add_argument("--fleet-pools", type=int, default=1, metavar="K", help="user pools per member")
    parser.add_argument("--fleet-external-id", help="the member read roles require this ExternalId")
    args = parser.parse_args(argv)

    if urlparse(args.endpoint).hostname not in LOOPBACK:
        parser.error(f"--endpoint must be a loopback URL (the local emulator), not {args.endpoint}")
    # Dummy credentials: the emulator accepts anything.
    os.environ.setdefault("AWS_ACCESS_KEY_ID", "testing")
    os.environ.setdefault("AWS_SECRET_ACCESS_KEY", "testing")

    started = time.monotonic()
    seeder = Seeder(args.endpoint, args.region)
    try:
        seeder.shop()
        seeder.partner()
        seeder.field_ops()
        seeder.extras(args.extra_pools, args.extra_rich)
        seeder.shop_settings()
        if args.fleet:
            seeder.out["fleet"] = seed_fleet(args.endpoint, args.region, args.fleet, args.fleet_pools,
                                             args.fleet_external_id)
    except ClientError as err:  # e.g. EntityAlreadyExists: IAM is global, seed an emulator once
        print(f"seed: {err}", file=sys.stderr)
        return 1
    seeder.out["secrets"].sort()
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(seeder.out, f, indent=2, sort_keys=True)
        f.write("\n")
    print(f"seed: {len(seeder.out['user_pools']) + args.extra_pools} user pools in "
          f"{time.monotonic() - started:.1f}s -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
