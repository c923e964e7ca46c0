"""Publication permissions: record a client's authority to publish, and check it before publishing."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from privacydesk.audit.context import current_actor
from privacydesk.consent.models import PublicationPermission


@dataclass
class PublicationVerdict:
    allowed: bool
    reason: str
    permission: PublicationPermission | None = None

    def as_dict(self) -> dict[str, Any]:
        p = self.permission
        return {
            "allowed": self.allowed,
            "reason": self.reason,
            "permission": None
            if p is None
            else {
                "id": p.pk,
                "representative_id": p.representative_id,
                "scope": p.scope,
                "granted_on": p.granted_on.isoformat(),
                "expires_on": p.expires_on.isoformat() if p.expires_on else None,
            },
        }


def grant(**fields: Any) -> PublicationPermission:
    """Record a permission; the representative must belong to the client (named as their organisation)."""
    permission = PublicationPermission(recorded_by=current_actor().label, **fields)
    permission.full_clean(exclude=["recorded_by"])
    if permission.expires_on and permission.expires_on <= permission.granted_on:
        raise ValidationError({"expires_on": "The expiry must be after the date it was granted."})
    representative = permission.representative
    org = (representative.client_organisation or "").strip().lower()
    if org and org != permission.client.name.strip().lower():
        raise ValidationError(
            {"representative": f"{representative.name} is with {representative.client_organisation}, "
             f"not {permission.client.name}."}
        )  # fmt: skip
    permission.save()
    return permission


def withdraw(permission: PublicationPermission, on: date | None = None) -> PublicationPermission:
    permission.withdrawn_on = on or timezone.localdate()
    permission.save(update_fields=["withdrawn_on"])
    return permission


def in_force(p: PublicationPermission, on: date) -> bool:
    started = p.granted_on <= on
    return started and (p.expires_on is None or p.expires_on > on) and (p.withdrawn_on is None or p.withdrawn_on > on)


def may_publish(client: Any, kind: str, on: date | None = None) -> PublicationVerdict:
    """Is there a current permission from this client for this kind of publication?"""
    on = on or timezone.localdate()
    if kind not in dict(PublicationPermission.KINDS):
        raise ValidationError(
            {"kind": f"Unknown kind {kind!r}; one of {', '.join(dict(PublicationPermission.KINDS))}."}
        )
    found = list(PublicationPermission.objects.filter(client=client, kind=kind).select_related("representative"))
    current = [p for p in found if in_force(p, on)]
    label = dict(PublicationPermission.KINDS)[kind].lower()
    if current:
        p = current[0]
        until = f" until {p.expires_on:%-d %B %Y}" if p.expires_on else ""
        return PublicationVerdict(
            True, f"Authorised by {p.representative.name} on {p.granted_on:%-d %B %Y}{until}: {p.scope}", p
        )
    if any(p.withdrawn_on and p.withdrawn_on <= on for p in found):
        return PublicationVerdict(False, f"{client.name} withdrew permission for a {label}.")
    if any(p.expires_on and p.expires_on <= on for p in found):
        return PublicationVerdict(False, f"{client.name}'s permission for a {label} has expired; ask again.")
    return PublicationVerdict(False, f"{client.name} has not authorised a {label}.")
