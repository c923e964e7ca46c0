"""Service-provider access: logging staff access to clients' systems and reporting it per client."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils import timezone

from privacydesk.accountability.models import ClientAccess, ClientOrganisation, ClientSystem
from privacydesk.accountability.services.common import actor_name


def staff_member(identifier: str) -> Any:
    """The active staff account named by username or email, as the helpdesk knows them."""
    value = identifier.strip()
    users = get_user_model().objects.filter(is_active=True).filter(Q(username__iexact=value) | Q(email__iexact=value))
    matches = list(users[:2])
    if len(matches) != 1:
        problem = "no active staff member" if not matches else "more than one staff member"
        raise ValidationError({"staff": f"There is {problem} with username or email {value!r}."})
    return matches[0]


def log_access(
    *,
    system: ClientSystem,
    staff: Any,
    accessed_at: datetime,
    reason: str,
    ticket: str = "",
    ended_at: datetime | None = None,
    channel: str = "console",
) -> ClientAccess:
    """Record one access to a client's system. The reason is required: access must be for a purpose."""
    errors = {}
    if not reason.strip():
        errors["reason"] = "Say why the system was accessed."
    if timezone.is_naive(accessed_at):
        errors["accessed_at"] = "Give the time with its UTC offset, e.g. 2026-11-23T10:00:00+11:00."
    elif accessed_at > timezone.now() + timedelta(minutes=5):
        errors["accessed_at"] = "An access cannot be logged before it happens."
    elif ended_at is not None and ended_at < accessed_at:
        errors["ended_at"] = "The access cannot end before it began."
    if errors:
        raise ValidationError(errors)
    return ClientAccess.objects.create(
        system=system,
        staff=staff,
        accessed_at=accessed_at,
        ended_at=ended_at,
        ticket=ticket.strip(),
        reason=reason.strip(),
        channel=channel,
        recorded_by=actor_name(),
    )


@dataclass
class ClientReport:
    """What a client needs for its own privacy documentation: who reached into which system, and why."""

    client: ClientOrganisation
    since: datetime
    until: datetime
    systems: list[ClientSystem]
    accesses: list[ClientAccess]
    by_staff: Counter[str] = field(default_factory=Counter)
    by_system: Counter[str] = field(default_factory=Counter)
    without_ticket: int = 0


def report(client: ClientOrganisation, since: datetime, until: datetime) -> ClientReport:
    if until <= since:
        raise ValidationError({"until": "The end of the period must be after its start."})
    accesses = list(
        ClientAccess.objects.filter(system__client=client, accessed_at__gte=since, accessed_at__lt=until)
        .select_related("system", "staff")
        .order_by("accessed_at", "pk")
    )
    result = ClientReport(client, since, until, list(client.systems.prefetch_related("data_categories")), accesses)
    for a in accesses:
        result.by_staff[a.staff.get_full_name() or a.staff.get_username()] += 1
        result.by_system[a.system.name] += 1
        result.without_ticket += not a.ticket
    return result


REPORT_COLUMNS = ["accessed_at", "ended_at", "system", "sensitive", "staff", "ticket", "reason", "recorded_via"]


def report_rows(result: ClientReport) -> list[dict[str, object]]:
    return [
        {
            "accessed_at": a.accessed_at.isoformat(),
            "ended_at": a.ended_at.isoformat() if a.ended_at else "",
            "system": a.system.name,
            "sensitive": "yes" if a.system.holds_sensitive else "no",
            "staff": a.staff.get_full_name() or a.staff.get_username(),
            "ticket": a.ticket,
            "reason": a.reason,
            "recorded_via": a.get_channel_display(),
        }
        for a in result.accesses
    ]
