"""API tokens for the business's other systems.

A token acts as a service user, so its permissions are that user's roles: the API checks exactly
what the console checks, narrowed by the token's scopes (``accounts.scopes``). Only a SHA-256 of the
token is stored; the token is shown once. Revoking keeps the row (name, last use) for the record.
"""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone

PREFIX = "pd_"


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
        token = cls.objects.select_related("user").filter(digest=hash_token(raw)).first()
        if token is None or not token.user.is_active or token.revoked_at is not None:
            return None
        if token.expires_at and token.expires_at <= timezone.now():
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token
