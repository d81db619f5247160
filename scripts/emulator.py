"""Local AWS stand-in for cogref's tests: moto's server on 127.0.0.1 only, plus what moto lacks.

Owns: starting moto 5.2.5 on loopback, the few Cognito calls moto does not serve
(cognito-identity SetIdentityPoolRoles / GetIdentityPoolRoles, cognito-idp ListTagsForResource),
a handful of attachable AWS managed IAM policies, Cloud Control's GetResource for the resources
the test deployer simulates (scripts/emulator_cloudcontrol.py), a faster CreateUserPool, and the optional
request log (--record) that proves a client only sent the calls it meant to. By default it
answers like AWS (faithful mode: scripts/emulator_faithful.py applies the server-side defaults
and keeps the values moto drops, from the sourced table scripts/aws-defaults.json, and serves the
other Cognito calls moto lacks); --plain keeps bare moto plus the three calls above.

    python scripts/emulator.py [--port N] [--pid-file PATH] [--record FILE] [--plain]

Prints exactly one stdout line once it accepts connections,
`COGREF_EMULATOR_URL=http://127.0.0.1:<port>`, then serves until SIGTERM/SIGINT (exit 0).
There is deliberately no --host: it never listens anywhere but 127.0.0.1.
"""

from __future__ import annotations

import argparse
import io
import json
import logging
import os
import signal
import sys
import threading
import types
from typing import Any, Callable
from urllib.parse import parse_qs

HOST = "127.0.0.1"
JSON_HEADERS = {"Content-Type": "application/x-amz-json-1.1"}
# The AWS managed IAM policies the emulator knows (arn:aws:iam::aws:policy/NAME): those the seeder
# and the corpus templates attach (a role attaching another one is simulated by the deployer).
# These first ones draw their policy ids from moto's seeded random, as they always have (the ids
# of the fixtures' pools and clients follow from that sequence)...
AWS_MANAGED_POLICIES = (
    "AmazonCognitoPowerUser",
    "AmazonCognitoReadOnly",
    "AmazonDynamoDBReadOnlyAccess",
    "AmazonS3ReadOnlyAccess",
    "AmazonSNSFullAccess",
    "AWSLambdaBasicExecutionRole",
)
# ...and these are loaded without drawing from it, so adding one changes no other id.
AWS_MANAGED_POLICIES_ADDED = (
    "AdministratorAccess",
    "AmazonElastiCacheFullAccess",
    "AmazonESCognitoAccess",
    "AWSLambdaInvocation-DynamoDB",
    "AWSLambdaVPCAccessExecutionRole",
    "CloudWatchLogsFullAccess",
)

# X-Amz-Target prefixes of the JSON protocols, for requests without a SigV4 scope.
TARGET_SERVICES = {
    "AWSCognitoIdentityProviderService": "cognito-idp",
    "AWSCognitoIdentityService": "cognito-identity",
}


# --- what moto 5.2.5 lacks ----------------------------------------------------------------


def _pool_roles(backend: Any) -> dict[str, dict[str, Any]]:
    """Roles and role mappings per identity pool id, kept on moto's (per region) backend."""
    if not hasattr(backend, "cogref_pool_roles"):
        backend.cogref_pool_roles = {}
    return backend.cogref_pool_roles


def set_identity_pool_roles(self: Any) -> tuple[str, dict[str, str]]:
    from moto.cognitoidentity.exceptions import ResourceNotFoundError

    pool_id = self._get_param("IdentityPoolId")
    if pool_id not in self.backend.identity_pools:
        raise ResourceNotFoundError(pool_id)
    # Like AWS: the call replaces roles and role mappings whole.
    _pool_roles(self.backend)[pool_id] = {
        "Roles": self._get_param("Roles") or {},
        "RoleMappings": self._get_param("RoleMappings") or {},
    }
    return "", dict(JSON_HEADERS)


def get_identity_pool_roles(self: Any) -> tuple[str, dict[str, str]]:
    from moto.cognitoidentity.exceptions import ResourceNotFoundError

    pool_id = self._get_param("IdentityPoolId")
    if pool_id not in self.backend.identity_pools:
        raise ResourceNotFoundError(pool_id)
    stored = _pool_roles(self.backend).get(pool_id, {})
    body: dict[str, Any] = {"IdentityPoolId": pool_id}
    for key in ("Roles", "RoleMappings"):
        if stored.get(key):  # AWS omits empty maps
            body[key] = stored[key]
    return json.dumps(body), dict(JSON_HEADERS)


def list_tags_for_resource(self: Any) -> tuple[str, dict[str, str]]:
    from moto.cognitoidp.exceptions import ResourceNotFoundError
    from moto.cognitoidp.models import cognitoidp_backends

    arn = self._get_param("ResourceArn") or ""
    parts = arn.split(":")  # arn:aws:cognito-idp:REGION:ACCOUNT:userpool/ID
    pool = None
    if len(parts) == 6 and parts[2] == "cognito-idp" and parts[5].startswith("userpool/"):
        try:
            backend = cognitoidp_backends[parts[4]][parts[3]]
            pool = backend.user_pools.get(parts[5][len("userpool/") :])
        except (KeyError, ValueError):
            pool = None
    if pool is None or pool.arn != arn:
        raise ResourceNotFoundError(f"Resource {arn} not found.")
    tags = dict(pool.extended_config.get("UserPoolTags") or {})
    return json.dumps({"Tags": tags}), dict(JSON_HEADERS)


def patch_moto(faithful: bool = True) -> None:
    """moto dispatches on the snake_case name of the action: adding methods is enough."""
    import moto.cognitoidp.models as idp_models
    import moto.iam.models as iam_models
    from moto.cognitoidentity.responses import CognitoIdentityResponse
    from moto.cognitoidp.responses import CognitoIdpResponse

    import emulator_stacks

    emulator_stacks.install()  # CloudFormation stacks registered by scripts/deploy_template.py
    import emulator_cloudcontrol

    emulator_cloudcontrol.install()  # Cloud Control GetResource of the deployer's simulated resources
    import emulator_auth  # scripts/: the token calls of the Amplify client

    CognitoIdentityResponse.set_identity_pool_roles = set_identity_pool_roles
    CognitoIdentityResponse.get_identity_pool_roles = get_identity_pool_roles
    CognitoIdpResponse.list_tags_for_resource = list_tags_for_resource
    emulator_auth.patch(CognitoIdpResponse)
    import emulator_fleet  # scripts/ is on sys.path: this file runs as a script

    emulator_fleet.patch_sts()  # several accounts: AssumeRole refused like AWS (emulator_fleet.py)

    # Every user pool imports the same bundled RSA key (its token signer), ~0.1 s each time:
    # import it once, so CreateUserPool takes ~10 ms instead of ~130 ms.
    real_import = idp_models.jwk.RSAKey.import_key
    imported: list[Any] = []

    def import_key_once(*args: Any, **kwargs: Any) -> Any:
        if not imported:
            imported.append(real_import(*args, **kwargs))
        return imported[0]

    idp_models.jwk = types.SimpleNamespace(RSAKey=types.SimpleNamespace(import_key=import_key_once))

    # A few AWS managed policies, so roles can attach them (all ~1,600 would cost ~1 s).
    every = json.loads(iam_models.aws_managed_policies_data)
    iam_models.aws_managed_policies_data = json.dumps({name: every[name] for name in AWS_MANAGED_POLICIES})
    iam_models.load_iam_aws_managed_policies = lambda: True
    from moto.moto_api._internal import mock_random

    real_init_aws_policies = iam_models.IAMBackend._init_aws_policies

    def init_aws_policies(self: Any) -> Any:
        policies = real_init_aws_policies(self)
        state = mock_random.getstate()
        try:
            policies += [
                iam_models.AWSManagedPolicy.from_data(name, self.account_id, self.region_name, every[name])
                for name in AWS_MANAGED_POLICIES_ADDED
            ]
        finally:
            mock_random.setstate(state)
        return policies

    iam_models.IAMBackend._init_aws_policies = init_aws_policies

    if faithful:
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        import emulator_faithful

        emulator_faithful.install()
    # (other modules that extend the emulator install themselves here)


# --- request log ----------------------------------------------------------------------------


def describe_request(environ: dict[str, Any], body: bytes) -> dict[str, str]:
    """{"service", "operation"} of one AWS request, from its headers and body."""
    service = ""
    auth = environ.get("HTTP_AUTHORIZATION", "")
    if "Credential=" in auth:
        # Credential=AKID/DATE/REGION/SERVICE/aws4_request
        scope = auth.split("Credential=", 1)[1].split(",", 1)[0].split("/")
        if len(scope) >= 5:
            service = scope[3]
    target = environ.get("HTTP_X_AMZ_TARGET", "")
    if target:
        prefix, _, operation = target.partition(".")
        service = service or TARGET_SERVICES.get(prefix, prefix)
    else:
        form = parse_qs(environ.get("QUERY_STRING", ""))
        if environ.get("CONTENT_TYPE", "").startswith("application/x-www-form-urlencoded"):
            form.update(parse_qs(body.decode("utf-8", "replace")))
        operation = (form.get("Action") or [""])[0]
    return {"service": service, "operation": operation}


class RequestRecorder:
    """WSGI middleware: appends one JSON line per request, then hands moto the same body."""

    def __init__(self, app: Callable[..., Any], path: str) -> None:
        self.app = app
        self.lock = threading.Lock()
        self.file = open(path, "a", encoding="utf-8")  # noqa: SIM115 (lives as long as the server)

    def __call__(self, environ: dict[str, Any], start_response: Callable[..., Any]) -> Any:
        stream = environ["wsgi.input"]
        length = environ.get("CONTENT_LENGTH") or ""
        if length.isdigit():
            body = stream.read(int(length))
        elif environ.get("wsgi.input_terminated"):
            body = stream.read()
        else:
            body = b""
        environ["wsgi.input"] = io.BytesIO(body)
        line = json.dumps(describe_request(environ, body), sort_keys=True)
        with self.lock:
            self.file.write(line + "\n")
            self.file.flush()
        return self.app(environ, start_response)


# --- server ---------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, default=0, help="TCP port on 127.0.0.1 (0: any free one)")
    parser.add_argument("--pid-file", help="write this process id there (removed on exit)")
    parser.add_argument("--record", help="append one JSON line per request received")
    parser.add_argument("--plain", action="store_true",
                        help="bare moto (no AWS defaults, none of the extra calls but the three above)")
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error("--port must be 0-65535")

    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    logging.getLogger("werkzeug").setLevel(logging.WARNING)  # no per-request lines

    from moto.moto_server.werkzeug_app import (
        DomainDispatcherApplication,
        MotoRequestHandler,
        create_backend_app,
    )
    from werkzeug.serving import make_server

    patch_moto(faithful=not args.plain)
    app: Any = DomainDispatcherApplication(create_backend_app)
    if args.record:
        app = RequestRecorder(app, args.record)

    try:
        server = make_server(HOST, args.port, app, threaded=True, request_handler=MotoRequestHandler)
    except OSError as err:
        print(f"emulator: cannot listen on {HOST}:{args.port}: {err}", file=sys.stderr)
        return 1
    host, port = server.server_address[:2]
    if host != HOST:  # belt and braces: loopback only, ever
        server.server_close()
        print(f"emulator: refusing to listen on {host}", file=sys.stderr)
        return 2
    os.environ["MOTO_PORT"] = str(port)

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    if args.pid_file:
        with open(args.pid_file, "w", encoding="utf-8") as f:
            f.write(f"{os.getpid()}\n")

    thread = threading.Thread(target=server.serve_forever, name="moto", daemon=True)
    thread.start()  # the socket already listens: connections queue until served
    print(f"COGREF_EMULATOR_URL=http://{HOST}:{port}", flush=True)
    try:
        while not stop.wait(3600):
            pass
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
        if args.pid_file:
            try:
                os.remove(args.pid_file)
            except FileNotFoundError:
                pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
