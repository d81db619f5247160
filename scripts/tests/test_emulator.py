"""Tests of the local emulator's faithful mode (scripts/emulator.py + emulator_faithful.py).

Owns: starting the emulator on a free loopback port (faithful, and once --plain), making boto3
calls, and asserting field by field that it answers the way AWS does per scripts/aws-defaults.json.

    .venv/bin/python -m unittest discover -s scripts/tests
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import unittest
from typing import Any

import boto3
from botocore.exceptions import ClientError

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EMULATOR = os.path.join(ROOT, "scripts", "emulator.py")
REGION = "us-east-1"
with open(os.path.join(ROOT, "scripts", "aws-defaults.json"), encoding="utf-8") as _f:
    TABLE = json.load(_f)


class Emulator:
    """One emulator process on 127.0.0.1, a free port."""

    def __init__(self, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, EMULATOR, "--port", "0", *args],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        )
        assert self.process.stdout is not None
        line = self.process.stdout.readline().strip()
        if not line.startswith("COGREF_EMULATOR_URL="):
            self.stop()
            raise RuntimeError(f"emulator did not start: {line!r}")
        self.url = line.split("=", 1)[1]

    def client(self, service: str) -> Any:
        return boto3.client(
            service, endpoint_url=self.url, region_name=REGION,
            aws_access_key_id="testing", aws_secret_access_key="testing",
        )

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.communicate(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()


class FaithfulTest(unittest.TestCase):
    emulator: Emulator

    @classmethod
    def setUpClass(cls) -> None:
        cls.emulator = Emulator()
        cls.idp = cls.emulator.client("cognito-idp")
        cls.identity = cls.emulator.client("cognito-identity")

    @classmethod
    def tearDownClass(cls) -> None:
        cls.emulator.stop()

    def pool(self, name: str, **config: Any) -> str:
        return self.idp.create_user_pool(PoolName=name, **config)["UserPool"]["Id"]

    def describe(self, pool_id: str) -> dict[str, Any]:
        return self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]

    # --- user pools ---------------------------------------------------------------------------

    def test_pool_created_with_only_a_name(self) -> None:
        pool = self.describe(self.pool("only-a-name"))
        self.assertEqual(pool["Policies"], {
            "PasswordPolicy": {
                "MinimumLength": 8, "RequireUppercase": True, "RequireLowercase": True,
                "RequireNumbers": True, "RequireSymbols": True, "TemporaryPasswordValidityDays": 7,
            },
            "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD"]},
        })
        self.assertEqual(pool["MfaConfiguration"], "OFF")
        self.assertEqual(pool["DeletionProtection"], "INACTIVE")
        self.assertEqual(pool["UserPoolTier"], "ESSENTIALS")
        self.assertEqual(pool["EmailConfiguration"], {"EmailSendingAccount": "COGNITO_DEFAULT"})
        self.assertEqual(pool["AdminCreateUserConfig"],
                         {"AllowAdminCreateUserOnly": False, "UnusedAccountValidityDays": 7})
        self.assertEqual(pool["VerificationMessageTemplate"], {"DefaultEmailOption": "CONFIRM_WITH_CODE"})
        for legacy in ("EmailVerificationMessage", "EmailVerificationSubject", "SmsVerificationMessage"):
            self.assertNotIn(legacy, pool)  # moto invents texts; AWS has none
        self.assertEqual(pool["UserAttributeUpdateSettings"], {"AttributesRequireVerificationBeforeUpdate": []})
        self.assertEqual(pool["LambdaConfig"], {})
        schema = {a["Name"]: a for a in pool["SchemaAttributes"]}
        self.assertEqual(len(schema), 21)
        self.assertEqual(schema["sub"], {
            "Name": "sub", "AttributeDataType": "String", "DeveloperOnlyAttribute": False,
            "Mutable": False, "Required": True,
            "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"},
        })
        self.assertEqual(schema["birthdate"]["StringAttributeConstraints"], {"MinLength": "10", "MaxLength": "10"})
        self.assertEqual(schema["updated_at"]["NumberAttributeConstraints"], {"MinValue": "0"})
        self.assertNotIn("StringAttributeConstraints", schema["updated_at"])
        self.assertEqual(schema["identities"]["StringAttributeConstraints"], {})
        self.assertNotIn("StringAttributeConstraints", schema["email_verified"])
        self.assertEqual([a["Name"] for a in pool["SchemaAttributes"]],
                         [a["Name"] for a in TABLE["user_pool"]["standard_schema"]["value"]])

    def test_declared_password_policy_stores_false_for_omitted_booleans(self) -> None:
        pool = self.describe(self.pool("min-length-only", Policies={"PasswordPolicy": {"MinimumLength": 12}}))
        self.assertEqual(pool["Policies"]["PasswordPolicy"], {
            "MinimumLength": 12, "RequireUppercase": False, "RequireLowercase": False,
            "RequireNumbers": False, "RequireSymbols": False, "TemporaryPasswordValidityDays": 7,
        })
        self.assertEqual(pool["Policies"]["SignInPolicy"], {"AllowedFirstAuthFactors": ["PASSWORD"]})

    def test_temporary_password_days_mirror_into_unused_account_validity(self) -> None:
        pool = self.describe(self.pool("temp-3", Policies={"PasswordPolicy": {
            "MinimumLength": 12, "RequireNumbers": True, "TemporaryPasswordValidityDays": 3}}))
        self.assertEqual(pool["AdminCreateUserConfig"]["UnusedAccountValidityDays"], 3)
        self.assertIs(pool["Policies"]["PasswordPolicy"]["RequireNumbers"], True)

    def test_declared_sign_in_policy_is_kept(self) -> None:
        pool = self.describe(self.pool("passwordless", Policies={
            "SignInPolicy": {"AllowedFirstAuthFactors": ["PASSWORD", "EMAIL_OTP"]}}))
        self.assertEqual(pool["Policies"]["SignInPolicy"]["AllowedFirstAuthFactors"], ["PASSWORD", "EMAIL_OTP"])
        self.assertIs(pool["Policies"]["PasswordPolicy"]["RequireSymbols"], True)

    def test_schema_merges_passed_attributes_and_names_custom_ones(self) -> None:
        pool = self.describe(self.pool("custom-attrs", Schema=[
            {"Name": "email", "Required": True, "Mutable": True},
            {"Name": "tier", "AttributeDataType": "String", "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "32"}},
            {"Name": "points", "AttributeDataType": "Number"},
            {"Name": "secret", "AttributeDataType": "String", "DeveloperOnlyAttribute": True},
        ]))
        schema = {a["Name"]: a for a in pool["SchemaAttributes"]}
        self.assertEqual(len(schema), 24)
        self.assertIs(schema["email"]["Required"], True)
        self.assertEqual(schema["email"]["StringAttributeConstraints"], {"MinLength": "0", "MaxLength": "2048"})
        self.assertEqual(schema["custom:tier"]["StringAttributeConstraints"], {"MinLength": "1", "MaxLength": "32"})
        self.assertEqual(schema["custom:points"]["NumberAttributeConstraints"], {})
        self.assertNotIn("StringAttributeConstraints", schema["custom:points"])
        self.assertIs(schema["dev:custom:secret"]["DeveloperOnlyAttribute"], True)
        self.assertNotIn("custom:secret", schema)

    def test_legacy_messages_and_template_mirror_both_ways(self) -> None:
        legacy = self.describe(self.pool("legacy", EmailVerificationMessage="Code {####}",
                                         EmailVerificationSubject="Your code", SmsVerificationMessage="SMS {####}"))
        self.assertEqual(legacy["VerificationMessageTemplate"], {
            "DefaultEmailOption": "CONFIRM_WITH_CODE", "EmailMessage": "Code {####}",
            "EmailSubject": "Your code", "SmsMessage": "SMS {####}",
        })
        template = self.describe(self.pool("template", VerificationMessageTemplate={
            "EmailMessage": "T {####}", "EmailSubject": "T", "SmsMessage": "S {####}"}))
        self.assertEqual(template["EmailVerificationMessage"], "T {####}")
        self.assertEqual(template["EmailVerificationSubject"], "T")
        self.assertEqual(template["SmsVerificationMessage"], "S {####}")

    def test_update_keeps_username_attributes_and_resets_the_rest(self) -> None:
        pool_id = self.pool("update-me", UsernameAttributes=["email"], UsernameConfiguration={"CaseSensitive": False},
                            UserPoolTier="PLUS", DeletionProtection="ACTIVE",
                            Policies={"PasswordPolicy": {"MinimumLength": 12}})
        self.idp.update_user_pool(UserPoolId=pool_id, AutoVerifiedAttributes=["email"])
        pool = self.describe(pool_id)
        self.assertEqual(pool["UsernameAttributes"], ["email"])
        self.assertEqual(pool["UsernameConfiguration"], {"CaseSensitive": False})
        self.assertEqual(pool["UserPoolTier"], "PLUS")
        self.assertEqual(pool["AutoVerifiedAttributes"], ["email"])
        self.assertEqual(pool["Name"], "update-me")
        # UpdateUserPool resets what it omits (COGNITO-FACTS.md): no longer ACTIVE / 12.
        self.assertEqual(pool["DeletionProtection"], "INACTIVE")
        self.assertEqual(pool["Policies"]["PasswordPolicy"]["MinimumLength"], 8)
        self.assertEqual(len(pool["SchemaAttributes"]), 21)

    def test_mfa_config_keeps_email_and_webauthn(self) -> None:
        pool_id = self.pool("mfa", EmailConfiguration={"EmailSendingAccount": "DEVELOPER",
                                                       "SourceArn": "arn:aws:ses:us-east-1:123456789012:identity/x.example.com"})
        self.idp.set_user_pool_mfa_config(
            UserPoolId=pool_id, MfaConfiguration="OPTIONAL",
            SoftwareTokenMfaConfiguration={"Enabled": True},
            EmailMfaConfiguration={"Message": "Code {####}", "Subject": "Sign-in code"},
            WebAuthnConfiguration={"RelyingPartyId": "app.example.com", "UserVerification": "preferred"},
        )
        got = self.idp.get_user_pool_mfa_config(UserPoolId=pool_id)
        self.assertEqual(got["MfaConfiguration"], "OPTIONAL")
        self.assertEqual(got["SoftwareTokenMfaConfiguration"], {"Enabled": True})
        self.assertEqual(got["EmailMfaConfiguration"], {"Message": "Code {####}", "Subject": "Sign-in code"})
        self.assertEqual(got["WebAuthnConfiguration"], {"RelyingPartyId": "app.example.com", "UserVerification": "preferred"})
        self.assertNotIn("SmsMfaConfiguration", got)
        # DescribeUserPool answers the MFA setting SetUserPoolMfaConfig set, as AWS does (a
        # console's read-modify-write UpdateUserPool then keeps it).
        self.assertEqual(self.idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]["MfaConfiguration"], "OPTIONAL")

    # --- clients, providers, groups, domains ------------------------------------------------

    def test_client_defaults(self) -> None:
        pool_id = self.pool("clients")
        made = self.idp.create_user_pool_client(UserPoolId=pool_id, ClientName="web")["UserPoolClient"]
        client = self.idp.describe_user_pool_client(UserPoolId=pool_id, ClientId=made["ClientId"])["UserPoolClient"]
        self.assertEqual(client["RefreshTokenValidity"], 30)
        self.assertEqual(client["AuthSessionValidity"], 3)
        self.assertIs(client["EnableTokenRevocation"], True)
        self.assertIs(client["EnablePropagateAdditionalUserContextData"], False)
        self.assertIs(client["AllowedOAuthFlowsUserPoolClient"], False)
        self.assertEqual(client["TokenValidityUnits"], {})
        self.assertNotIn("AccessTokenValidity", client)
        self.assertIn("CreationDate", client)

    def raw(self, operation: str, body: dict[str, Any]) -> dict[str, Any]:
        """One cognito-idp call on the wire, for members the pinned boto3 model lacks (it drops
        them from requests and responses alike)."""
        import urllib.request

        request = urllib.request.Request(
            self.emulator.url,
            data=json.dumps(body).encode(),
            headers={
                "Content-Type": "application/x-amz-json-1.1",
                "X-Amz-Target": f"AWSCognitoIdentityProviderService.{operation}",
                "Authorization": "AWS4-HMAC-SHA256 Credential=testing/20240101/us-east-1/cognito-idp/aws4_request",
            },
        )
        with urllib.request.urlopen(request) as response:
            return json.loads(response.read() or b"{}")

    def test_members_newer_than_the_pinned_model_are_kept_and_returned(self) -> None:
        pool_id = self.pool("newer-members")
        rotation = {"Feature": "ENABLED", "RetryGracePeriodSeconds": 10}
        made = self.raw("CreateUserPoolClient", {"UserPoolId": pool_id, "ClientName": "web", "RefreshTokenRotation": rotation})
        self.assertEqual(made["UserPoolClient"]["RefreshTokenRotation"], rotation)
        client_id = made["UserPoolClient"]["ClientId"]
        got = self.raw("DescribeUserPoolClient", {"UserPoolId": pool_id, "ClientId": client_id})["UserPoolClient"]
        self.assertEqual(got["RefreshTokenRotation"], rotation)
        self.assertIsInstance(got["CreationDate"], float)
        config = {"CertificateArn": "arn:aws:acm:us-east-1:123456789012:certificate/abc", "SecurityPolicy": "TLS_V1_2_2021"}
        self.raw("CreateUserPoolDomain", {"UserPoolId": pool_id, "Domain": "auth.newer.example.com", "CustomDomainConfig": config})
        domain = self.raw("DescribeUserPoolDomain", {"Domain": "auth.newer.example.com"})["DomainDescription"]
        self.assertEqual(domain["CustomDomainConfig"], config)

    def test_google_provider_details(self) -> None:
        pool_id = self.pool("google")
        self.idp.create_identity_provider(
            UserPoolId=pool_id, ProviderName="Google", ProviderType="Google",
            ProviderDetails={"client_id": "id.apps.example.com", "client_secret": "s", "authorize_scopes": "openid email"},
            AttributeMapping={"email": "email"},
        )
        got = self.idp.describe_identity_provider(UserPoolId=pool_id, ProviderName="Google")["IdentityProvider"]
        self.assertEqual(got["ProviderDetails"], {
            "client_id": "id.apps.example.com", "client_secret": "s", "authorize_scopes": "openid email",
            "authorize_url": "https://accounts.google.com/o/oauth2/v2/auth",
            "token_url": "https://www.googleapis.com/oauth2/v4/token",
            "attributes_url": "https://people.googleapis.com/v1/people/me?personFields=",
            "attributes_url_add_attributes": "true",
            "oidc_issuer": "https://accounts.google.com",
            "token_request_method": "POST",
        })
        self.assertEqual(got["IdpIdentifiers"], [])

    def test_oidc_and_facebook_provider_details(self) -> None:
        pool_id = self.pool("oidc")
        self.idp.create_identity_provider(
            UserPoolId=pool_id, ProviderName="Corp", ProviderType="OIDC",
            ProviderDetails={"client_id": "c", "client_secret": "s", "authorize_scopes": "openid",
                             "oidc_issuer": "https://idp.example.com", "attributes_request_method": "GET"},
        )
        self.idp.create_identity_provider(
            UserPoolId=pool_id, ProviderName="Facebook", ProviderType="Facebook",
            ProviderDetails={"client_id": "c", "client_secret": "s", "authorize_scopes": "email", "api_version": "v19.0"},
        )
        oidc = self.idp.describe_identity_provider(UserPoolId=pool_id, ProviderName="Corp")["IdentityProvider"]
        self.assertEqual(oidc["ProviderDetails"]["attributes_url_add_attributes"], "false")
        self.assertNotIn("authorize_url", oidc["ProviderDetails"])
        facebook = self.idp.describe_identity_provider(UserPoolId=pool_id, ProviderName="Facebook")["IdentityProvider"]
        self.assertEqual(facebook["ProviderDetails"]["token_url"], "https://graph.facebook.com/v19.0/oauth/access_token")
        self.assertEqual(facebook["ProviderDetails"]["token_request_method"], "GET")

    def test_group_without_description_has_none(self) -> None:
        pool_id = self.pool("groups")
        self.idp.create_group(UserPoolId=pool_id, GroupName="plain")
        self.idp.create_group(UserPoolId=pool_id, GroupName="described", Description="d", Precedence=3)
        plain = self.idp.get_group(UserPoolId=pool_id, GroupName="plain")["Group"]
        self.assertNotIn("Description", plain)
        self.assertNotIn("Precedence", plain)
        described = self.idp.get_group(UserPoolId=pool_id, GroupName="described")["Group"]
        self.assertEqual((described["Description"], described["Precedence"]), ("d", 3))
        listed = {g["GroupName"]: g for g in self.idp.list_groups(UserPoolId=pool_id)["Groups"]}
        self.assertNotIn("Description", listed["plain"])

    def test_prefix_domain(self) -> None:
        pool_id = self.pool("domain")
        created = self.idp.create_user_pool_domain(UserPoolId=pool_id, Domain="faithful-prefix")
        self.assertRegex(created["CloudFrontDomain"], r"^d[0-9a-z]{13}\.cloudfront\.net$")
        got = self.idp.describe_user_pool_domain(Domain="faithful-prefix")["DomainDescription"]
        self.assertEqual(got["CustomDomainConfig"], {})
        self.assertEqual(got["CloudFrontDistribution"], created["CloudFrontDomain"])
        self.assertEqual(got["AWSAccountId"], "123456789012")
        self.assertEqual(got["S3Bucket"], "aws-cognito-prod-iad-assets")
        self.assertRegex(got["Version"], r"^\d{14}$")
        self.assertEqual((got["Status"], got["Domain"], got["UserPoolId"]), ("ACTIVE", "faithful-prefix", pool_id))
        self.assertNotIn("ManagedLoginVersion", got)  # not set: none (cdk-real-drift live read)
        self.assertEqual(self.describe(pool_id)["Domain"], "faithful-prefix")

    # --- identity pools -------------------------------------------------------------------

    def test_identity_pool_allow_classic_flow_and_tags(self) -> None:
        plain = self.identity.create_identity_pool(IdentityPoolName="plain_ip", AllowUnauthenticatedIdentities=False)
        self.assertIs(plain["AllowClassicFlow"], False)
        self.assertNotIn("DeveloperProviderName", plain)
        classic = self.identity.create_identity_pool(
            IdentityPoolName="classic_ip", AllowUnauthenticatedIdentities=True, AllowClassicFlow=True,
            IdentityPoolTags={"team": "x"})
        got = self.identity.describe_identity_pool(IdentityPoolId=classic["IdentityPoolId"])
        self.assertIs(got["AllowClassicFlow"], True)
        arn = f"arn:aws:cognito-identity:{REGION}:123456789012:identitypool/{classic['IdentityPoolId']}"
        self.identity.tag_resource(ResourceArn=arn, Tags={"env": "prod"})
        self.assertEqual(self.identity.list_tags_for_resource(ResourceArn=arn)["Tags"], {"team": "x", "env": "prod"})
        self.identity.untag_resource(ResourceArn=arn, TagKeys=["team"])
        got = self.identity.describe_identity_pool(IdentityPoolId=classic["IdentityPoolId"])
        self.assertEqual(got["IdentityPoolTags"], {"env": "prod"})
        updated = self.identity.update_identity_pool(
            IdentityPoolId=classic["IdentityPoolId"], IdentityPoolName="classic_ip", AllowUnauthenticatedIdentities=True)
        self.assertIs(updated["AllowClassicFlow"], False)  # omitted on update: reset, like AWS

    def test_principal_tag_attribute_map_round_trips(self) -> None:
        pool_id = self.identity.create_identity_pool(IdentityPoolName="tags_ip", AllowUnauthenticatedIdentities=False)["IdentityPoolId"]
        provider = "cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"
        empty = self.identity.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=provider)
        self.assertEqual((empty["UseDefaults"], empty.get("PrincipalTags")), (True, None))  # aws-defaults.json principal_tags_untouched
        self.identity.set_principal_tag_attribute_map(
            IdentityPoolId=pool_id, IdentityProviderName=provider, UseDefaults=False,
            PrincipalTags={"department": "custom:dept"})
        got = self.identity.get_principal_tag_attribute_map(IdentityPoolId=pool_id, IdentityProviderName=provider)
        self.assertEqual((got["IdentityPoolId"], got["IdentityProviderName"]), (pool_id, provider))
        self.assertEqual(got["PrincipalTags"], {"department": "custom:dept"})
        with self.assertRaises(ClientError) as err:
            self.identity.get_principal_tag_attribute_map(IdentityPoolId="us-east-1:00000000-0000-0000-0000-000000000000",
                                                          IdentityProviderName=provider)
        self.assertEqual(err.exception.response["Error"]["Code"], "ResourceNotFoundException")

    # --- the cognito-idp calls moto lacks ---------------------------------------------------

    def test_risk_configuration_round_trips_pool_wide_and_per_client(self) -> None:
        pool_id = self.pool("risk")
        client_id = self.idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"]["ClientId"]
        self.assertEqual(self.idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"],
                         {"UserPoolId": pool_id})
        self.idp.set_risk_configuration(UserPoolId=pool_id, CompromisedCredentialsRiskConfiguration={
            "EventFilter": ["SIGN_IN"], "Actions": {"EventAction": "BLOCK"}})
        self.idp.set_risk_configuration(UserPoolId=pool_id, ClientId=client_id, AccountTakeoverRiskConfiguration={
            "Actions": {"HighAction": {"Notify": False, "EventAction": "BLOCK"}}})
        pool_wide = self.idp.describe_risk_configuration(UserPoolId=pool_id)["RiskConfiguration"]
        self.assertEqual(pool_wide["CompromisedCredentialsRiskConfiguration"]["Actions"], {"EventAction": "BLOCK"})
        self.assertNotIn("ClientId", pool_wide)
        per_client = self.idp.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
        self.assertEqual(per_client["ClientId"], client_id)
        self.assertEqual(per_client["AccountTakeoverRiskConfiguration"]["Actions"]["HighAction"]["EventAction"], "BLOCK")
        self.assertNotIn("CompromisedCredentialsRiskConfiguration", per_client)
        # Only UserPoolId and ClientId: the client inherits the pool's again (API reference).
        self.idp.set_risk_configuration(UserPoolId=pool_id, ClientId=client_id)
        inherited = self.idp.describe_risk_configuration(UserPoolId=pool_id, ClientId=client_id)["RiskConfiguration"]
        self.assertNotIn("ClientId", inherited)
        self.assertEqual(inherited["CompromisedCredentialsRiskConfiguration"]["Actions"], {"EventAction": "BLOCK"})
        with self.assertRaises(ClientError) as err:
            self.idp.describe_risk_configuration(UserPoolId="us-east-1_missing")
        self.assertEqual(err.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_ui_customization_round_trips_and_falls_back_to_pool_wide(self) -> None:
        pool_id = self.pool("ui")
        client_id = self.idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"]["ClientId"]
        self.assertEqual(self.idp.get_ui_customization(UserPoolId=pool_id)["UICustomization"], {})
        self.idp.set_ui_customization(UserPoolId=pool_id, CSS=".banner-customizable { color: red; }")
        fallback = self.idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
        self.assertEqual((fallback["ClientId"], fallback["CSS"]), ("ALL", ".banner-customizable { color: red; }"))
        self.assertRegex(fallback["CSSVersion"], r"^\d{14}$")
        self.idp.set_ui_customization(UserPoolId=pool_id, ClientId=client_id, CSS=".x{}", ImageFile=b"\x89PNG")
        own = self.idp.get_ui_customization(UserPoolId=pool_id, ClientId=client_id)["UICustomization"]
        self.assertEqual((own["ClientId"], own["CSS"]), (client_id, ".x{}"))
        self.assertTrue(own["ImageUrl"].endswith(f"/{pool_id}/{client_id}/{own['CSSVersion']}/assets/images/image.jpg"))

    def test_managed_login_branding_round_trips(self) -> None:
        pool_id = self.pool("branding")
        client_id = self.idp.create_user_pool_client(UserPoolId=pool_id, ClientName="c")["UserPoolClient"]["ClientId"]
        made = self.idp.create_managed_login_branding(
            UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=False,
            Settings={"components": {"form": {"borderRadius": 8}}})["ManagedLoginBranding"]
        by_id = self.idp.describe_managed_login_branding(
            UserPoolId=pool_id, ManagedLoginBrandingId=made["ManagedLoginBrandingId"])["ManagedLoginBranding"]
        by_client = self.idp.describe_managed_login_branding_by_client(
            UserPoolId=pool_id, ClientId=client_id)["ManagedLoginBranding"]
        self.assertEqual(by_id, by_client)
        self.assertEqual(by_id["Settings"], {"components": {"form": {"borderRadius": 8}}})
        self.assertIs(by_id["UseCognitoProvidedValues"], False)
        self.assertEqual(by_id["UserPoolId"], pool_id)
        with self.assertRaises(ClientError) as err:
            self.idp.create_managed_login_branding(UserPoolId=pool_id, ClientId=client_id, UseCognitoProvidedValues=True)
        self.assertEqual(err.exception.response["Error"]["Code"], "ManagedLoginBrandingExistsException")
        other = self.idp.create_user_pool_client(UserPoolId=pool_id, ClientName="d")["UserPoolClient"]["ClientId"]
        with self.assertRaises(ClientError) as err:
            self.idp.describe_managed_login_branding_by_client(UserPoolId=pool_id, ClientId=other)
        self.assertEqual(err.exception.response["Error"]["Code"], "ResourceNotFoundException")

    def test_log_delivery_configuration_round_trips(self) -> None:
        pool_id = self.pool("logs")
        empty = self.idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]
        self.assertEqual(empty, {"UserPoolId": pool_id, "LogConfigurations": []})
        config = [{"LogLevel": "ERROR", "EventSource": "userNotification", "CloudWatchLogsConfiguration": {
            "LogGroupArn": "arn:aws:logs:us-east-1:123456789012:log-group:/aws/vendedlogs/cognito"}}]
        self.idp.set_log_delivery_configuration(UserPoolId=pool_id, LogConfigurations=config)
        got = self.idp.get_log_delivery_configuration(UserPoolId=pool_id)["LogDeliveryConfiguration"]
        self.assertEqual(got["LogConfigurations"], config)

    def test_pool_tags_round_trip(self) -> None:
        pool_id = self.pool("tagged", UserPoolTags={"team": "a"})
        arn = self.describe(pool_id)["Arn"]
        self.idp.tag_resource(ResourceArn=arn, Tags={"aws:cloudformation:stack-name": "s", "env": "dev"})
        self.assertEqual(self.idp.list_tags_for_resource(ResourceArn=arn)["Tags"],
                         {"team": "a", "aws:cloudformation:stack-name": "s", "env": "dev"})
        self.idp.untag_resource(ResourceArn=arn, TagKeys=["env"])
        self.assertEqual(self.describe(pool_id)["UserPoolTags"], {"team": "a", "aws:cloudformation:stack-name": "s"})


class PlainTest(unittest.TestCase):
    """--plain keeps bare moto: its sparse answers, and none of the calls faithful mode adds."""

    def test_plain_answers_like_bare_moto(self) -> None:
        emulator = Emulator("--plain")
        try:
            idp = emulator.client("cognito-idp")
            pool_id = idp.create_user_pool(PoolName="plain", Policies={"PasswordPolicy": {"MinimumLength": 12}})["UserPool"]["Id"]
            pool = idp.describe_user_pool(UserPoolId=pool_id)["UserPool"]
            self.assertEqual(pool["Policies"], {"PasswordPolicy": {"MinimumLength": 12}})
            self.assertNotIn("UserPoolTier", pool)
            self.assertEqual(len(pool["SchemaAttributes"]), 20)  # moto's: no `identities`
            idp.create_group(UserPoolId=pool_id, GroupName="g")
            self.assertEqual(idp.get_group(UserPoolId=pool_id, GroupName="g")["Group"]["Description"], "")
            with self.assertRaises(ClientError):
                idp.get_log_delivery_configuration(UserPoolId=pool_id)
        finally:
            emulator.stop()


if __name__ == "__main__":
    unittest.main()
