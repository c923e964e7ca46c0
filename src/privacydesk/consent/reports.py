"""Figures for the console: a program's audience month by month, replayed from the ledger."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from privacydesk.consent.models import Channel, ConsentEvent, Program
from privacydesk.people.models import Person


@dataclass
class Point:
    month: date  # the month's last day
    counts: dict[str, int]  # channel name -> people who would receive it that day


def _month_ends(months: int, today: date) -> list[date]:
    ends = []
    first = today.replace(day=1)
    for _ in range(months):
        ends.append(min(today, (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)))
        first = (first - timedelta(days=1)).replace(day=1)
    return list(reversed(ends))


def audience(program: Program, months: int = 12, today: date | None = None) -> list[Point]:
    """How many people would have received ``program`` on each month's last day (today for this
    month), per channel: everyone on record by then for a program sent until people opt out, less
    those whose latest choice was to stop; only those who chose it for an opt-in program."""
    today = today or timezone.localdate()
    ends = _month_ends(months, today)
    channels: list[Channel] = list(program.channels.all())
    default = program.default_on and program.basis != Program.EXPRESS
    events = list(
        ConsentEvent.objects.filter(program=program)
        .order_by("occurred_at", "pk")
        .values_list("person_id", "channel_id", "action", "occurred_at")
    )
    joined = (
        sorted(Person.objects.filter(merged_into__isnull=True).values_list("created_at", flat=True)) if default else []
    )
    zone = timezone.get_current_timezone()
    points = []
    for end in ends:
        cutoff = datetime.combine(end, time.max, zone)
        latest: dict[tuple[int, int], bool] = {}
        for person_id, channel_id, action, occurred_at in events:
            if occurred_at > cutoff:
                break
            latest[(person_id, channel_id)] = action == ConsentEvent.GRANT
        counts = {}
        for chan in channels:
            choices = [granted for (_, c), granted in latest.items() if c == chan.pk]
            if default:
                on_record = sum(1 for created in joined if created <= cutoff)
                counts[chan.name] = max(0, on_record - sum(1 for g in choices if not g))
            else:
                counts[chan.name] = sum(1 for g in choices if g)
        points.append(Point(end, counts))
    return points


EXPORT_COLUMNS = [
    "receipt", "person", "program", "channel", "action", "method", "basis", "jurisdiction", "occurred_at",
    "recorded_at", "recorded_by", "policy_version", "notice_text", "evidence",
]  # fmt: skip


def export_rows(since: datetime | None = None, until: datetime | None = None) -> Iterator[dict[str, str]]:
    """The ledger for an auditor, one row per event (record numbers, not names: a name is one lookup
    away for someone entitled to it, and this file travels)."""
    events = ConsentEvent.objects.select_related("program", "channel").order_by("occurred_at", "pk")
    if since is not None:
        events = events.filter(occurred_at__gte=since)
    if until is not None:
        events = events.filter(occurred_at__lt=until)
    for e in events.iterator(chunk_size=2000):
        yield {
            "receipt": str(e.receipt),
            "person": str(e.person_id),
            "program": e.program.code,
            "channel": e.channel.code,
            "action": e.action,
            "method": e.method,
            "basis": e.basis,
            "jurisdiction": e.jurisdiction,
            "occurred_at": e.occurred_at.isoformat(),
            "recorded_at": e.recorded_at.isoformat(),
            "recorded_by": e.recorded_by,
            "policy_version": e.policy_version,
            "notice_text": e.notice_text,
            "evidence": json.dumps(e.evidence, sort_keys=True),
        }
