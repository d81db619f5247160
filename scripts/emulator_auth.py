"""Token calls the Amplify JavaScript client makes that moto 5.2.5 does not serve.

Owns: cognito-idp `GetTokensFromRefreshToken` (Amplify 6 refreshes sessions with it) and
`RevokeToken` (Amplify's `signOut()` revokes the refresh token with it), added to moto's
cognito-idp handler by `patch(CognitoIdpResponse)`, which scripts/emulator.py's `patch_moto()`
calls. Both are unauthenticated calls (no SigV4), so like moto's own InitiateAuth they find the
user pool by its client id in every region. Also: SRP's `USER_ID_FOR_SRP` challenge parameter
is the username, as in Cognito (moto puts the sub there, which Amplify then sends back as
USERNAME: in a plain-username pool no user has that name, and sign-in fails).

What stays out of reach (named by tests/integration/amplify_client.rs, never silently skipped):
moto does not verify SRP password proofs, so a wrong password signs in too.
"""

from __future__ import annotations

import base64
import json
from typing import Any

JSON_HEADERS = {"Content-Type": "application/x-amz-json-1.1"}


def _pool_of_client(client_id: str) -> Any:
    """The moto user pool that has this app client, in any account and region."""
    from moto.cognitoidp.exceptions import ResourceNotFoundError
    from moto.cognitoidp.models import cognitoidp_backends

    for account in cognitoidp_backends.values():
        for region, backend in account.items():
            if region == "global":
                continue
            for pool in backend.user_pools.values():
                if client_id in pool.clients:
                    return pool
    raise ResourceNotFoundError(client_id)


def _claims(token: str) -> dict[str, Any]:
    """The payload of a JWT moto issued (not verified: moto signed it itself)."""
    try:
        payload = token.split(".")[1]
        return json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    except (IndexError, ValueError):
        return {}


def get_tokens_from_refresh_token(self: Any) -> tuple[str, dict[str, str]]:
    """Like AWS: new access and id tokens for a live refresh token of this client."""
    from moto.cognitoidp.exceptions import NotAuthorizedError

    client_id = self._get_param("ClientId")
    token = self._get_param("RefreshToken") or ""
    pool = _pool_of_client(client_id)
    stored = pool.refresh_tokens.get(token)
    if stored is None or stored[0] != client_id:
        raise NotAuthorizedError("Invalid Refresh Token")
    access, id_token, expires_in = pool.create_tokens_from_refresh_token(token)
    body = {
        "AuthenticationResult": {
            "AccessToken": access,
            "IdToken": id_token,
            "ExpiresIn": expires_in,
            "TokenType": "Bearer",
        }
    }
    return json.dumps(body), dict(JSON_HEADERS)


def revoke_token(self: Any) -> tuple[str, dict[str, str]]:
    """Like AWS: revokes the refresh token and every access token issued from it."""
    from moto.cognitoidp.exceptions import NotAuthorizedError

    client_id = self._get_param("ClientId")
    token = self._get_param("Token") or ""
    pool = _pool_of_client(client_id)
    stored = pool.refresh_tokens.get(token)
    if stored is not None:
        if stored[0] != client_id:
            raise NotAuthorizedError("Token was not issued to this client")
        origin_jti = stored[2]
        pool.refresh_tokens[token] = None
        for access in list(pool.access_tokens):
            if _claims(access).get("origin_jti") == origin_jti:
                pool.access_tokens.pop(access, None)
    return "{}", dict(JSON_HEADERS)


def _srp_user_id_is_the_username(initiate_auth: Any) -> Any:
    def wrapped(self: Any, *args: Any, **kwargs: Any) -> Any:
        result = initiate_auth(self, *args, **kwargs)
        if isinstance(result, dict) and result.get("ChallengeName") == "PASSWORD_VERIFIER":
            params = result.get("ChallengeParameters") or {}
            if "USERNAME" in params:
                params["USER_ID_FOR_SRP"] = params["USERNAME"]
        return result

    return wrapped


def patch(response_class: Any) -> None:
    """Adds the calls to moto's cognito-idp handler (it dispatches on the snake_case name)."""
    from moto.cognitoidp.models import CognitoIdpBackend

    response_class.get_tokens_from_refresh_token = get_tokens_from_refresh_token
    response_class.revoke_token = revoke_token
    CognitoIdpBackend.initiate_auth = _srp_user_id_is_the_username(CognitoIdpBackend.initiate_auth)
