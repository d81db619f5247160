"""Faithful mode of the local emulator: moto 5.2.5 made to answer the way Amazon Cognito does.

Owns: applying AWS's server-side defaults when a resource is created or updated (user pools,
app clients, identity providers, groups, domains, identity pools), keeping the values moto drops,
and the Cognito calls moto lacks that a scan, a deployer or the seeder needs (risk configuration,
UI customization, managed login branding, log delivery, tags, principal tag maps). The facts live
in ONE data table, scripts/aws-defaults.json, each entry with its source; this module only
applies them. scripts/emulator.py calls `install()` unless --plain.

New per-account-and-region state is kept on moto's own backends (attributes named `cogref_*`), so
`POST /moto-api/reset` clears it with everything else.
"""

from __future__ import annotations

import base64
import copy
import datetime
import hashlib
import json
import os
from typing import Any, Callable

JSON_HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
DEFAULTS_PATH = os.path.join(os.path.dirname(os.path.abspath(__file__)), "aws-defaults.json")


def load_defaults(path: str = DEFAULTS_PATH) -> dict[str, Any]:
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def _value(table: dict[str, Any], *keys: str) -> Any:
    """A deep copy of table[k1][k2]...["value"], so callers may mutate it."""
    node: Any = table
    for key in keys:
        node = node[key]
    return copy.deepcopy(node["value"])


def _epoch(moment: datetime.datetime) -> float:
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=datetime.timezone.utc)
    return moment.timestamp()


def _now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def _respond(body: dict[str, Any]) -> tuple[str, dict[str, str]]:
    return json.dumps(body, default=_json_default), dict(JSON_HEADERS)


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime.datetime):
        return _epoch(value)
    raise TypeError(f"not JSON serialisable: {type(value).__name__}")


def _state(backend: Any, name: str) -> dict[Any, Any]:
    """A dict kept on a moto backend (per account and region), created on first use."""
    attr = f"cogref_{name}"
    if not hasattr(backend, attr):
        setattr(backend, attr, {})
    return getattr(backend, attr)


# --- user pools -------------------------------------------------------------------------------


def faithful_pool_config(table: dict[str, Any], config: dict[str, Any]) -> dict[str, Any]:
    """The stored configuration AWS derives from a CreateUserPool/UpdateUserPool request."""
    pool = table["user_pool"]
    out = copy.deepcopy(config)

    policies = out.setdefault("Policies", {})
    password = policies.get("PasswordPolicy")
    if password is None:
        policies["PasswordPolicy"] = _value(pool, "password_policy_when_policies_absent")
    else:
        for key, default in _value(pool, "password_policy_when_declared").items():
            password.setdefault(key, default)
        if "MinimumLength" not in password:
            password["MinimumLength"] = _value(pool, "password_policy_when_policies_absent")["MinimumLength"]
    policies.setdefault("SignInPolicy", _value(pool, "sign_in_policy"))

    for key, default in _value(pool, "create_defaults").items():
        out.setdefault(key, default)
    email = out["EmailConfiguration"]
    default_email = _value(pool, "create_defaults")["EmailConfiguration"]
    for key, default in default_email.items():
        email.setdefault(key, default)

    admin = out.setdefault("AdminCreateUserConfig", {})
    for key, default in _value(pool, "admin_create_user_config").items():
        admin.setdefault(key, default)
    if _value(pool, "unused_account_validity_days_from_temporary_password_days"):
        admin.setdefault(
            "UnusedAccountValidityDays", policies["PasswordPolicy"]["TemporaryPasswordValidityDays"]
        )

    template = out["VerificationMessageTemplate"]
    template.setdefault("DefaultEmailOption", "CONFIRM_WITH_CODE")
    for legacy, key in _value(pool, "legacy_message_mirror").items():
        if legacy in out and key not in template:
            template[key] = out[legacy]
        elif key in template and legacy not in out:
            out[legacy] = template[key]
    return out


def faithful_schema(table: dict[str, Any], passed: list[Any]) -> list[dict[str, Any]]:
    """Standard attributes with AWS's default constraints, merged with what was passed."""
    by_name = {a["Name"]: a for a in _value(table["user_pool"], "standard_schema")}
    for attribute in passed or []:
        name = attribute.get("Name") if isinstance(attribute, dict) else None
        if name in by_name:
            merged = by_name[name]
            for key in ("Mutable", "Required", "StringAttributeConstraints", "NumberAttributeConstraints"):
                if key in attribute:
                    merged[key] = attribute[key]
    return list(by_name.values())


def _fix_custom_constraints(attribute: Any) -> None:
    """moto gives every custom attribute StringAttributeConstraints {}; AWS matches the type."""
    if not getattr(attribute, "custom", False):
        return
    if attribute.data_type == "Number":
        attribute.string_constraints = None
        if attribute.number_constraints is None:
            attribute.number_constraints = {}
    elif attribute.data_type != "String":
        attribute.string_constraints = None
        attribute.number_constraints = None


def _install_user_pools(table: dict[str, Any]) -> None:
    from moto.cognitoidp import models

    pool_cls = models.CognitoIdpUserPool
    attr_cls = models.CognitoIdpUserPoolAttribute
    real_init = pool_cls.__init__
    real_update = pool_cls.update_extended_config
    real_to_json = pool_cls.to_json
    # moto's standard schema lacks `identities` (AWS lists it: aws-defaults.json standard_schema).
    for attribute in _value(table["user_pool"], "standard_schema"):
        attr_cls.STANDARD_SCHEMA.setdefault(
            attribute["Name"], {k: v for k, v in attribute.items() if k not in ("Name", "DeveloperOnlyAttribute")}
        )

    def init(self: Any, account_id: str, region: str, name: str, extended_config: dict[str, Any]) -> None:
        passed = list(extended_config.get("Schema") or [])
        config = faithful_pool_config(table, extended_config)
        config["Schema"] = faithful_schema(table, passed) + [
            a for a in passed if isinstance(a, dict) and a.get("Name") not in attr_cls.STANDARD_SCHEMA
        ]
        self.cogref_creating = True
        real_init(self, account_id, region, name, config)
        self.cogref_creating = False
        for attribute in self.schema_attributes.values():
            _fix_custom_constraints(attribute)
            if not attribute.custom and attribute.string_constraints is None and attribute.data_type == "String":
                default = attr_cls.STANDARD_SCHEMA.get(attribute.name, {})
                attribute.string_constraints = copy.deepcopy(default.get("StringAttributeConstraints", {}))

    def update_extended_config(self: Any, extended_config: dict[str, Any]) -> None:
        if getattr(self, "cogref_creating", False) or not hasattr(self, "extended_config"):
            config = extended_config
        else:  # UpdateUserPool: omitted parameters reset to defaults, create-only ones stay
            config = copy.deepcopy(extended_config)
            config.pop("UserPoolId", None)
            new_name = config.pop("PoolName", None)
            if new_name:
                self.name = new_name
            for key in _value(table["user_pool"], "kept_on_update"):
                if key not in config and key in self.extended_config:
                    config[key] = copy.deepcopy(self.extended_config[key])
            config = faithful_pool_config(table, config)  # an omitted MfaConfiguration is OFF again
            self.mfa_config = config["MfaConfiguration"]
        real_update(self, config)
        # moto's own defaults carry an invented InviteMessageTemplate and verification texts.
        for key in ("SmsVerificationMessage", "EmailVerificationSubject", "EmailVerificationMessage"):
            if self.extended_config.get(key) is None:
                self.extended_config.pop(key, None)
        self.extended_config["AdminCreateUserConfig"] = config.get("AdminCreateUserConfig", {})
        self.extended_config["VerificationMessageTemplate"] = config.get("VerificationMessageTemplate", {})

    def to_json(self: Any, extended: bool = False) -> dict[str, Any]:
        body = real_to_json(self, extended)
        if extended:
            # moto lets the create-time MfaConfiguration of extended_config shadow the one
            # SetUserPoolMfaConfig set; AWS's DescribeUserPool answers the current one.
            body["MfaConfiguration"] = self.mfa_config
            for attribute in body.get("SchemaAttributes", []):
                for key in ("NumberAttributeConstraints", "StringAttributeConstraints"):
                    if attribute.get(key) is None:
                        attribute.pop(key, None)
            if self.domain is not None and (self.domain.custom_domain_config or {}).get("CertificateArn"):
                body["CustomDomain"] = body.pop("Domain", None)
        return body

    pool_cls.__init__ = init
    pool_cls.update_extended_config = update_extended_config
    pool_cls.to_json = to_json


def _install_mfa() -> None:
    """SetUserPoolMfaConfig/GetUserPoolMfaConfig keep EmailMfaConfiguration and WebAuthnConfiguration."""
    from moto.cognitoidp.responses import CognitoIdpResponse

    real_set = CognitoIdpResponse.set_user_pool_mfa_config
    real_get = CognitoIdpResponse.get_user_pool_mfa_config
    extra = ("EmailMfaConfiguration", "WebAuthnConfiguration")

    def with_extra(self: Any, result: Any) -> Any:
        pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
        stored = getattr(pool, "cogref_mfa_extra", {})
        body = dict(result.result) if hasattr(result, "result") else dict(result)
        for key in ("SmsMfaConfiguration", "SoftwareTokenMfaConfiguration"):
            if body.get(key) is None:
                body.pop(key, None)
        body.update(stored)
        return _respond(body)

    def set_config(self: Any) -> Any:
        pool = self.backend.describe_user_pool(self._get_param("UserPoolId"))
        given = {k: self._get_param(k) for k in extra if self._get_param(k) is not None}
        # Like SoftwareTokenMfaConfiguration in moto: the call replaces what it sends; a WebAuthn
        # configuration, once set, stays unless sent again.
        stored = dict(getattr(pool, "cogref_mfa_extra", {}))
        stored.pop("EmailMfaConfiguration", None)
        stored.update(given)
        pool.cogref_mfa_extra = stored
        return with_extra(self, real_set(self))

    def get_config(self: Any) -> Any:
        return with_extra(self, real_get(self))

    CognitoIdpResponse.set_user_pool_mfa_config = set_config
    CognitoIdpResponse.get_user_pool_mfa_config = get_config


def _install_clients(table: dict[str, Any]) -> None:
    from moto.cognitoidp import models

    client_cls = models.CognitoIdpUserPoolClient
    real_init = client_cls.__init__
    real_to_json = client_cls.to_json

    def init(self: Any, user_pool_id: str, generate_secret: bool, extended_config: dict[str, Any] | None) -> None:
        real_init(self, user_pool_id, generate_secret, extended_config)
        for key, default in _value(table["user_pool_client"], "create_defaults").items():
            self.extended_config.setdefault(key, default)
        self.cogref_created = _now()

    def to_json(self: Any, extended: bool = False) -> dict[str, Any]:
        body = real_to_json(self, extended)
        if extended and hasattr(self, "cogref_created"):
            body.setdefault("CreationDate", _epoch(self.cogref_created))
            body.setdefault("LastModifiedDate", _epoch(self.cogref_created))
        return body

    client_cls.__init__ = init
    client_cls.to_json = to_json


def faithful_provider_details(table: dict[str, Any], kind: str, details: dict[str, Any]) -> dict[str, Any]:
    entry = table["identity_provider_details"].get(kind)
    out = dict(details or {})
    if not entry:
        return out
    version = out.get("api_version") or entry.get("default_api_version", "")
    for key, value in entry["value"].items():
        out.setdefault(key, value.replace("{api_version}", version))
    return out


def _install_identity_providers(table: dict[str, Any]) -> None:
    from moto.cognitoidp import models

    provider_cls = models.CognitoIdpIdentityProvider
    real_init = provider_cls.__init__
    backend_cls = models.CognitoIdpBackend
    real_update = backend_cls.update_identity_provider

    def init(self: Any, name: str, extended_config: dict[str, Any] | None) -> None:
        config = copy.deepcopy(extended_config or {})
        kind = config.get("ProviderType", "")
        config["ProviderDetails"] = faithful_provider_details(table, kind, config.get("ProviderDetails") or {})
        if kind == "SAML":
            config.setdefault("AttributeMapping", {})
        config.setdefault("IdpIdentifiers", [])
        real_init(self, name, config)

    def update_identity_provider(self: Any, user_pool_id: str, name: str, extended_config: dict[str, Any]) -> Any:
        provider = real_update(self, user_pool_id, name, extended_config)
        if "ProviderDetails" in extended_config:  # replaced whole, then AWS adds its details again
            kind = provider.extended_config.get("ProviderType", "")
            provider.extended_config["ProviderDetails"] = faithful_provider_details(
                table, kind, extended_config["ProviderDetails"]
            )
        provider.last_modified_date = models.utcnow()
        return provider

    provider_cls.__init__ = init
    backend_cls.update_identity_provider = update_identity_provider


def _install_groups() -> None:
    from moto.cognitoidp import models

    group_cls = models.CognitoIdpGroup
    real_to_json = group_cls.to_json

    def to_json(self: Any) -> dict[str, Any]:
        body = real_to_json(self)
        for key in ("Description", "RoleArn", "Precedence"):
            if body.get(key) in (None, ""):
                body.pop(key, None)
        return body

    group_cls.to_json = to_json


def _install_domains(table: dict[str, Any]) -> None:
    from moto.cognitoidp import models

    domain_cls = models.CognitoIdpUserPoolDomain
    real_init = domain_cls.__init__
    real_to_json = domain_cls.to_json
    codes = _value(table["domain"], "s3_bucket_region_codes")
    prefix_defaults = _value(table["domain"], "prefix_domain")

    def init(self: Any, user_pool_id: str, domain: str, custom_domain_config: dict[str, Any] | None = None) -> None:
        real_init(self, user_pool_id, domain, custom_domain_config)
        self.cogref_created = _now()
        digest = hashlib.sha256(f"{user_pool_id}/{domain}".encode()).hexdigest()
        self.cogref_distribution = "d" + "".join(c for c in digest if c.isalnum())[:13] + ".cloudfront.net"

    def to_json(self: Any, extended: bool = True) -> dict[str, Any]:
        body = real_to_json(self, extended)
        if not extended:
            short = {"CloudFrontDomain": self.cogref_distribution}
            if hasattr(self, "cogref_login_version"):
                short["ManagedLoginVersion"] = self.cogref_login_version
            return short
        region, _, _ = self.user_pool_id.partition("_")
        account = getattr(self, "cogref_account", None) or _pool_account(self.user_pool_id, region)
        body.update(
            {
                "AWSAccountId": account or body.get("AWSAccountId"),
                "CloudFrontDistribution": self.cogref_distribution,
                "S3Bucket": f"aws-cognito-prod-{codes.get(region, region)}-assets",
                "Version": self.cogref_created.strftime("%Y%m%d%H%M%S"),
                "Status": prefix_defaults["Status"],
                "CustomDomainConfig": dict(self.custom_domain_config or prefix_defaults["CustomDomainConfig"]),
            }
        )
        if hasattr(self, "cogref_login_version"):
            body["ManagedLoginVersion"] = self.cogref_login_version
        return body

    domain_cls.__init__ = init
    domain_cls.to_json = to_json

    from moto.cognitoidp.responses import CognitoIdpResponse

    real_create = CognitoIdpResponse.create_user_pool_domain

    def create_user_pool_domain(self: Any) -> Any:
        result = real_create(self)
        domain = self.backend.user_pool_domains[self._get_param("Domain")]
        domain.cogref_account = self.current_account
        version = self._get_param("ManagedLoginVersion")
        if version is not None:
            domain.cogref_login_version = version
        return result

    CognitoIdpResponse.create_user_pool_domain = create_user_pool_domain


def _pool_account(user_pool_id: str, region: str) -> str | None:
    from moto.cognitoidp.models import cognitoidp_backends

    for account, regions in cognitoidp_backends.items():
        backend = regions.get(region) if hasattr(regions, "get") else None
        if backend is not None and user_pool_id in backend.user_pools:
            return account
    return None


# --- identity pools ---------------------------------------------------------------------------


def _install_identity_pools(table: dict[str, Any]) -> None:
    from moto.cognitoidentity import models
    from moto.cognitoidentity.responses import CognitoIdentityResponse

    pool_cls = models.CognitoIdentityPool
    real_to_json = pool_cls.to_json
    defaults = _value(table["identity_pool"], "create_defaults")

    def to_json(self: Any) -> str:
        body = json.loads(real_to_json(self))
        body["AllowClassicFlow"] = getattr(self, "cogref_allow_classic_flow", defaults["AllowClassicFlow"])
        if not body.get("DeveloperProviderName"):
            body.pop("DeveloperProviderName", None)
        return json.dumps(body)

    pool_cls.to_json = to_json
    real_create = CognitoIdentityResponse.create_identity_pool
    real_update = CognitoIdentityResponse.update_identity_pool

    def create_identity_pool(self: Any) -> str:
        body = real_create(self)
        pool = self.backend.identity_pools[json.loads(body)["IdentityPoolId"]]
        pool.cogref_allow_classic_flow = bool(self._get_param("AllowClassicFlow") or False)
        return pool.to_json()

    def update_identity_pool(self: Any) -> str:
        pool = self.backend.identity_pools.get(self._get_param("IdentityPoolId"))
        body = real_update(self)
        if pool is not None:  # an omitted AllowClassicFlow resets to false, like AWS's update
            pool.cogref_allow_classic_flow = bool(self._get_param("AllowClassicFlow") or False)
            return pool.to_json()
        return body

    CognitoIdentityResponse.create_identity_pool = create_identity_pool
    CognitoIdentityResponse.update_identity_pool = update_identity_pool


# --- the calls moto lacks: cognito-idp --------------------------------------------------------


def _client_or_raise(self: Any, pool: Any, client_id: str | None) -> None:
    from moto.cognitoidp.exceptions import ResourceNotFoundError

    if client_id and client_id not in pool.clients:
        raise ResourceNotFoundError(f"Client {client_id} does not exist.")


def describe_risk_configuration(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    pool = self.backend.describe_user_pool(pool_id)
    _client_or_raise(self, pool, client_id)
    stored = _state(self.backend, "risk")
    found = stored.get((pool_id, client_id)) if client_id else None
    found = found or stored.get((pool_id, None)) or {"UserPoolId": pool_id}
    return _respond({"RiskConfiguration": found})


def set_risk_configuration(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    pool = self.backend.describe_user_pool(pool_id)
    _client_or_raise(self, pool, client_id)
    config: dict[str, Any] = {"UserPoolId": pool_id}
    if client_id:
        config["ClientId"] = client_id
    for key in ("CompromisedCredentialsRiskConfiguration", "AccountTakeoverRiskConfiguration", "RiskExceptionConfiguration"):
        value = self._get_param(key)
        if value is not None:
            config[key] = value
    config["LastModifiedDate"] = _epoch(_now())
    if client_id and len(config) == 3:
        # Only UserPoolId and ClientId: "reset the threat protection settings of an app client
        # to be inherited from the user pool" (SetRiskConfiguration API reference).
        _state(self.backend, "risk").pop((pool_id, client_id), None)
        return _respond({"RiskConfiguration": config})
    _state(self.backend, "risk")[(pool_id, client_id or None)] = config
    return _respond({"RiskConfiguration": config})


def get_ui_customization(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    pool = self.backend.describe_user_pool(pool_id)
    _client_or_raise(self, pool, client_id)
    stored = _state(self.backend, "ui")
    found = (stored.get((pool_id, client_id)) if client_id else None) or stored.get((pool_id, "ALL"))
    return _respond({"UICustomization": found or {}})


def set_ui_customization(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId") or "ALL"
    pool = self.backend.describe_user_pool(pool_id)
    _client_or_raise(self, pool, None if client_id == "ALL" else client_id)
    now = _now()
    version = now.strftime("%Y%m%d%H%M%S")
    key = (pool_id, client_id)
    previous = _state(self.backend, "ui").get(key, {})
    config: dict[str, Any] = {"UserPoolId": pool_id, "ClientId": client_id}
    css = self._get_param("CSS")
    if css is not None:
        config["CSS"] = css
        config["CSSVersion"] = version
    image = self._get_param("ImageFile")
    if image:
        base64.b64decode(image)  # a blob arrives base64-encoded: refuse garbage like AWS would
        host = pool.domain.cogref_distribution if pool.domain is not None else "d0000000000000.cloudfront.net"
        config["ImageUrl"] = f"https://{host}/{pool_id}/{client_id}/{version}/assets/images/image.jpg"
    config["CreationDate"] = previous.get("CreationDate", _epoch(now))
    config["LastModifiedDate"] = _epoch(now)
    _state(self.backend, "ui")[key] = config
    return _respond({"UICustomization": config})


def _branding_body(branding: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in branding.items() if k != "ClientId"}


def create_managed_login_branding(self: Any) -> tuple[str, dict[str, str]]:
    from moto.cognitoidp.exceptions import InvalidParameterException
    from moto.core.exceptions import JsonRESTError
    from moto.moto_api._internal import mock_random  # honours POST /moto-api/seed

    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    pool = self.backend.describe_user_pool(pool_id)
    if not client_id:
        raise InvalidParameterException("ClientId is required.")
    _client_or_raise(self, pool, client_id)
    stored = _state(self.backend, "branding")
    if any(b["UserPoolId"] == pool_id and b["ClientId"] == client_id for b in stored.values()):
        raise JsonRESTError("ManagedLoginBrandingExistsException", f"Managed login branding already exists for client {client_id}.")
    use_defaults = bool(self._get_param("UseCognitoProvidedValues") or False)
    now = _epoch(_now())
    branding = {
        "ManagedLoginBrandingId": str(mock_random.uuid4()),
        "UserPoolId": pool_id,
        "ClientId": client_id,
        "UseCognitoProvidedValues": use_defaults,
        "Settings": self._get_param("Settings") or {},
        "Assets": self._get_param("Assets") or [],
        "CreationDate": now,
        "LastModifiedDate": now,
    }
    stored[branding["ManagedLoginBrandingId"]] = branding
    return _respond({"ManagedLoginBranding": _branding_body(branding)})


def _branding_or_raise(self: Any, pool_id: str, branding_id: str) -> dict[str, Any]:
    from moto.cognitoidp.exceptions import ResourceNotFoundError

    self.backend.describe_user_pool(pool_id)
    branding = _state(self.backend, "branding").get(branding_id)
    if branding is None or branding["UserPoolId"] != pool_id:
        raise ResourceNotFoundError(f"Managed login branding {branding_id} does not exist.")
    return branding


def describe_managed_login_branding(self: Any) -> tuple[str, dict[str, str]]:
    branding = _branding_or_raise(self, self._get_param("UserPoolId"), self._get_param("ManagedLoginBrandingId"))
    return _respond({"ManagedLoginBranding": _branding_body(branding)})


def describe_managed_login_branding_by_client(self: Any) -> tuple[str, dict[str, str]]:
    from moto.cognitoidp.exceptions import ResourceNotFoundError

    pool_id = self._get_param("UserPoolId")
    client_id = self._get_param("ClientId")
    pool = self.backend.describe_user_pool(pool_id)
    _client_or_raise(self, pool, client_id)
    for branding in _state(self.backend, "branding").values():
        if branding["UserPoolId"] == pool_id and branding["ClientId"] == client_id:
            return _respond({"ManagedLoginBranding": _branding_body(branding)})
    raise ResourceNotFoundError(f"Managed login branding for client {client_id} does not exist.")


def update_managed_login_branding(self: Any) -> tuple[str, dict[str, str]]:
    branding = _branding_or_raise(self, self._get_param("UserPoolId"), self._get_param("ManagedLoginBrandingId"))
    for key in ("UseCognitoProvidedValues", "Settings", "Assets"):
        value = self._get_param(key)
        if value is not None:
            branding[key] = value
    branding["LastModifiedDate"] = _epoch(_now())
    return _respond({"ManagedLoginBranding": _branding_body(branding)})


def delete_managed_login_branding(self: Any) -> tuple[str, dict[str, str]]:
    branding = _branding_or_raise(self, self._get_param("UserPoolId"), self._get_param("ManagedLoginBrandingId"))
    del _state(self.backend, "branding")[branding["ManagedLoginBrandingId"]]
    return _respond({})


def get_log_delivery_configuration(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("UserPoolId")
    self.backend.describe_user_pool(pool_id)
    configs = _state(self.backend, "log_delivery").get(pool_id, [])
    return _respond({"LogDeliveryConfiguration": {"UserPoolId": pool_id, "LogConfigurations": configs}})


def set_log_delivery_configuration(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("UserPoolId")
    self.backend.describe_user_pool(pool_id)
    configs = self._get_param("LogConfigurations") or []
    _state(self.backend, "log_delivery")[pool_id] = configs
    return _respond({"LogDeliveryConfiguration": {"UserPoolId": pool_id, "LogConfigurations": configs}})


def _pool_by_arn(arn: str) -> Any:
    from moto.cognitoidp.exceptions import ResourceNotFoundError
    from moto.cognitoidp.models import cognitoidp_backends

    parts = (arn or "").split(":")  # arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID
    pool = None
    if len(parts) == 6 and parts[2] == "cognito-idp" and parts[5].startswith("userpool/"):
        try:
            pool = cognitoidp_backends[parts[4]][parts[3]].user_pools.get(parts[5][len("userpool/") :])
        except (KeyError, ValueError):
            pool = None
    if pool is None or pool.arn != arn:
        raise ResourceNotFoundError(f"Resource {arn} not found.")
    return pool


def idp_tag_resource(self: Any) -> tuple[str, dict[str, str]]:
    pool = _pool_by_arn(self._get_param("ResourceArn"))
    tags = dict(pool.extended_config.get("UserPoolTags") or {})
    tags.update(self._get_param("Tags") or {})
    pool.extended_config["UserPoolTags"] = tags
    return _respond({})


def idp_untag_resource(self: Any) -> tuple[str, dict[str, str]]:
    pool = _pool_by_arn(self._get_param("ResourceArn"))
    tags = dict(pool.extended_config.get("UserPoolTags") or {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    pool.extended_config["UserPoolTags"] = tags
    return _respond({})


# --- the calls moto lacks: cognito-identity ---------------------------------------------------


def _identity_pool_or_raise(backend: Any, pool_id: str) -> Any:
    from moto.cognitoidentity.exceptions import ResourceNotFoundError

    pool = backend.identity_pools.get(pool_id)
    if pool is None:
        raise ResourceNotFoundError(pool_id)
    return pool


def get_principal_tag_attribute_map(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("IdentityPoolId")
    provider = self._get_param("IdentityProviderName")
    _identity_pool_or_raise(self.backend, pool_id)
    stored = _state(self.backend, "principal_tags").get((pool_id, provider))
    # A provider nobody configured: aws-defaults.json identity_pool.principal_tags_untouched
    # (unsettled; the Terraform provider's reset state, which cogref must read as none).
    body: dict[str, Any] = {"IdentityPoolId": pool_id, "IdentityProviderName": provider, **_UNTOUCHED["principal_tags"]}
    if stored:
        body.update(stored)
    return _respond(body)


def set_principal_tag_attribute_map(self: Any) -> tuple[str, dict[str, str]]:
    pool_id = self._get_param("IdentityPoolId")
    provider = self._get_param("IdentityProviderName")
    _identity_pool_or_raise(self.backend, pool_id)
    stored: dict[str, Any] = {"UseDefaults": bool(self._get_param("UseDefaults") or False)}
    tags = self._get_param("PrincipalTags")
    if tags:
        stored["PrincipalTags"] = tags
    _state(self.backend, "principal_tags")[(pool_id, provider)] = stored
    return _respond({"IdentityPoolId": pool_id, "IdentityProviderName": provider, **stored})


def _identity_pool_by_arn(arn: str) -> Any:
    from moto.cognitoidentity.exceptions import ResourceNotFoundError
    from moto.cognitoidentity.models import cognitoidentity_backends

    parts = (arn or "").split(":")  # arn:aws:cognito-identity:REGION:ACCOUNT:identitypool/REGION:GUID
    pool = None
    if len(parts) == 7 and parts[2] == "cognito-identity" and parts[5].startswith("identitypool/"):
        pool_id = parts[5][len("identitypool/") :] + ":" + parts[6]
        try:
            pool = cognitoidentity_backends[parts[4]][parts[3]].identity_pools.get(pool_id)
        except (KeyError, ValueError):
            pool = None
    if pool is None:
        raise ResourceNotFoundError(arn)
    return pool


def identity_list_tags_for_resource(self: Any) -> tuple[str, dict[str, str]]:
    pool = _identity_pool_by_arn(self._get_param("ResourceArn"))
    return _respond({"Tags": dict(pool.tags or {})})


def identity_tag_resource(self: Any) -> tuple[str, dict[str, str]]:
    pool = _identity_pool_by_arn(self._get_param("ResourceArn"))
    pool.tags = {**(pool.tags or {}), **(self._get_param("Tags") or {})}
    return _respond({})


def identity_untag_resource(self: Any) -> tuple[str, dict[str, str]]:
    pool = _identity_pool_by_arn(self._get_param("ResourceArn"))
    tags = dict(pool.tags or {})
    for key in self._get_param("TagKeys") or []:
        tags.pop(key, None)
    pool.tags = tags
    return _respond({})


def _install_unmodelled_members() -> None:
    """moto serializes its answers through the botocore model it pins (1.35.99), which drops the
    members AWS added later: app client `RefreshTokenRotation` (API_RefreshTokenRotationType, "a
    response parameter of DescribeUserPoolClient") and domain `CustomDomainConfig.SecurityPolicy`
    (API_CustomDomainConfigType). moto stores what it receives; these reads answer with all of it."""
    from moto.cognitoidp.responses import CognitoIdpResponse

    def unmodelled(real: Callable[..., Any]) -> Callable[..., Any]:
        def answer(self: Any) -> Any:
            result = real(self)
            return _respond(dict(result.result)) if hasattr(result, "result") else result

        return answer

    for name in (
        "create_user_pool_client",
        "describe_user_pool_client",
        "update_user_pool_client",
        "describe_user_pool_domain",
    ):
        setattr(CognitoIdpResponse, name, unmodelled(getattr(CognitoIdpResponse, name)))


# What the added calls answer for what nobody configured (install() fills it from the table).
_UNTOUCHED: dict[str, Any] = {"principal_tags": {"UseDefaults": False}}


def _install_missing_calls(table: dict[str, Any]) -> None:
    from moto.cognitoidentity.responses import CognitoIdentityResponse
    from moto.cognitoidp.responses import CognitoIdpResponse

    _UNTOUCHED["principal_tags"] = _value(table["identity_pool"], "principal_tags_untouched")
    idp: dict[str, Callable[..., Any]] = {
        "describe_risk_configuration": describe_risk_configuration,
        "set_risk_configuration": set_risk_configuration,
        "get_ui_customization": get_ui_customization,
        "set_ui_customization": set_ui_customization,
        "create_managed_login_branding": create_managed_login_branding,
        "describe_managed_login_branding": describe_managed_login_branding,
        "describe_managed_login_branding_by_client": describe_managed_login_branding_by_client,
        "update_managed_login_branding": update_managed_login_branding,
        "delete_managed_login_branding": delete_managed_login_branding,
        "get_log_delivery_configuration": get_log_delivery_configuration,
        "set_log_delivery_configuration": set_log_delivery_configuration,
        "tag_resource": idp_tag_resource,
        "untag_resource": idp_untag_resource,
    }
    identity: dict[str, Callable[..., Any]] = {
        "get_principal_tag_attribute_map": get_principal_tag_attribute_map,
        "set_principal_tag_attribute_map": set_principal_tag_attribute_map,
        "list_tags_for_resource": identity_list_tags_for_resource,
        "tag_resource": identity_tag_resource,
        "untag_resource": identity_untag_resource,
    }
    for name, method in idp.items():
        setattr(CognitoIdpResponse, name, method)
    for name, method in identity.items():
        setattr(CognitoIdentityResponse, name, method)


def install(defaults_path: str = DEFAULTS_PATH) -> None:
    """Make moto answer like AWS. Call once, before the server starts."""
    table = load_defaults(defaults_path)
    _install_user_pools(table)
    _install_mfa()
    _install_clients(table)
    _install_identity_providers(table)
    _install_groups()
    _install_domains(table)
    _install_identity_pools(table)
    _install_unmodelled_members()
    _install_missing_calls(table)
