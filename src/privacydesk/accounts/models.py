"""API tokens for the business's other systems.

A token acts as a service user, so its permissions are that user's roles: the API checks exactly
what the console checks, narrowed by the token's scopes (``accounts.scopes``). Only a SHA-256 of the
token is stored; the token is shown once. Revoking keeps the row (name, last use) for the record.
"""

from __future__ import annotations

import hashlib
import json
import secrets
from datetime import timedelta
from functools import lru_cache

from django.conf import settings
from django.db import connection, models
from django.utils import timezone

PREFIX = "pd_"
LAST_USED_EVERY = timedelta(minutes=1)


def hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiToken(models.Model):
    name = models.CharField(max_length=100, help_text="Which system uses it, e.g. crm-sync.")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    scopes = models.JSONField(
        default=list, blank=True, help_text="Scope names from accounts.scopes; empty: all the account's permissions."
    )
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def issue(
        cls, user: object, name: str, expires_at: object = None, scopes: list[str] | None = None
    ) -> tuple[ApiToken, str]:
        raw = PREFIX + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, digest=hash_token(raw), expires_at=expires_at, scopes=list(scopes or [])
        )
        return token, raw

    def allows(self, permission: str) -> bool:
        """Whether this token's scopes cover ``permission`` (the account's roles are checked as well)."""
        from privacydesk.accounts.scopes import permissions

        return not self.scopes or permission in permissions(self.scopes)

    @classmethod
    def authenticate(cls, raw: str) -> ApiToken | None:
        token = _lookup(hash_token(raw))
        if token is None or not token.user.is_active or token.revoked_at is not None:
            return None
        if token.expires_at and token.expires_at <= timezone.now():
            return None
        # Record use at most once a minute: a busy client checking consent many times a second must
        # not turn every read into a write.
        now = timezone.now()
        if token.last_used_at is None or now - token.last_used_at > LAST_USED_EVERY:
            cls.objects.filter(pk=token.pk).update(last_used_at=now)
        return token


@lru_cache(maxsize=4)
def _lookup_sql(vendor: str) -> str:
    from django.contrib.auth import get_user_model

    token_table = connection.ops.quote_name(ApiToken._meta.db_table)
    user_table = connection.ops.quote_name(get_user_model()._meta.db_table)
    # Only our own table names are formatted in; the digest is a query parameter.
    tables = {"tokens": token_table, "users": user_table}
    return (  # noqa: S608
        "SELECT t.id, t.name, t.scopes, t.expires_at, t.revoked_at, t.last_used_at, "
        "u.id, u.username, u.is_active, u.is_superuser "
        "FROM {tokens} t JOIN {users} u ON u.id = t.user_id WHERE t.digest = %s"
    ).format(**tables)


def _lookup(digest: str) -> ApiToken | None:
    """The token and its account in one plain query: every API call authenticates, and building the
    ORM query would cost more than running it."""
    from django.contrib.auth import get_user_model

    from privacydesk import db

    row = db.fetchone(_lookup_sql(connection.vendor), [digest])
    if row is None:
        return None
    token_id, name, scopes, expires_at, revoked_at, last_used_at, user_id, username, active, superuser = row
    user = get_user_model()(pk=user_id, username=username, is_active=bool(active), is_superuser=bool(superuser))
    token = ApiToken(
        pk=token_id,
        name=name,
        digest=digest,
        user_id=user_id,
        scopes=json.loads(scopes) if isinstance(scopes, str) else (scopes or []),
        expires_at=db.aware(expires_at),
        revoked_at=db.aware(revoked_at),
        last_used_at=db.aware(last_used_at),
    )
    token.user = user
    return token
