"""API authentication: bearer tokens for machine clients, the console session for people.

Both resolve to a Django user whose roles decide what the API allows, so the API and the console
enforce one set of permissions. A console session counts only once it has passed TOTP.
"""

from __future__ import annotations

import time
from typing import Any

from django.conf import settings
from django.http import HttpRequest
from ninja.errors import HttpError
from ninja.security import APIKeyCookie, HttpBearer

from privacydesk.accounts.models import ApiToken
from privacydesk.audit.context import Actor, set_actor


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = ApiToken.authenticate(token)
        if api_token is None:
            return None
        request.user = api_token.user
        request.api_token = api_token  # type: ignore[attr-defined]
        set_actor(Actor(f"api:{api_token.name}", api_token.user_id))
        return api_token.user


class VerifiedSessionAuth(APIKeyCookie):
    """The console's session cookie, with CSRF checked on unsafe methods."""

    param_name = settings.SESSION_COOKIE_NAME

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_verified():
            return user
        return None


# A token's account permissions, per token, for PERMISSIONS_TTL seconds: reading them costs two
# queries, and a busy client may call many times a second. Revoking the token still takes effect at
# once (the token itself is read on every call); a change to the account's roles within the TTL.
PERMISSIONS_TTL = 30.0
_permissions: dict[str, tuple[float, frozenset[str]]] = {}


def _account_permissions(token: ApiToken) -> frozenset[str]:
    now = time.monotonic()
    cached = _permissions.get(token.digest)
    if cached is not None and cached[0] > now:
        return cached[1]
    perms = frozenset(token.user.get_all_permissions()) if token.user.is_active else frozenset()
    if len(_permissions) > 1000:
        _permissions.clear()
    _permissions[token.digest] = (now + PERMISSIONS_TTL, perms)
    return perms


def require(request: HttpRequest, permission: str) -> None:
    token: ApiToken | None = getattr(request, "api_token", None)
    if token is not None:
        if not token.allows(permission):
            raise HttpError(403, f"This token's scopes ({', '.join(token.scopes)}) do not include {permission}.")
        if token.user.is_superuser or permission in _account_permissions(token):
            return
        raise HttpError(403, f"This account lacks the permission {permission}.")
    if not request.user.has_perm(permission):
        raise HttpError(403, f"This account lacks the permission {permission}.")


AUTH = [TokenAuth(), VerifiedSessionAuth()]
