"""Appending to and verifying the hash chain.

``append`` is the one function every app writes the audit log through. It locks the ``AuditHead``
row (``SELECT ... FOR UPDATE`` on PostgreSQL; SQLite serialises writers itself), so any number of
web and worker processes append to one linear chain; the unique ``seq`` makes a fork impossible
even if the lock were bypassed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from django.db import transaction
from django.utils import timezone

from privacydesk.audit.context import Actor, current_actor
from privacydesk.audit.models import AuditEntry, AuditHead

GENESIS = "0" * 64
BATCH = 5000


def canonical_json(value: Any) -> str:
    """Sorted keys, no insignificant whitespace, UTF-8 kept: one text for one value."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _normalise(data: dict[str, Any] | None) -> dict[str, Any]:
    # Round-trip through JSON so the hashed form is exactly what the JSON column gives back.
    result: dict[str, Any] = json.loads(canonical_json(data or {}))
    return result


def digest(
    seq: int,
    at: datetime,
    actor: str,
    action: str,
    object_type: str,
    object_id: str,
    summary: str,
    reason: str,
    data: dict[str, Any],
    prev_hash: str,
) -> str:
    payload = {
        "seq": seq,
        "at": at.astimezone(UTC).isoformat(),
        "actor": actor,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "summary": summary,
        "reason": reason,
        "data": data,
        "prev": prev_hash,
    }
    return hashlib.sha256(canonical_json(payload).encode()).hexdigest()


@dataclass
class Event:
    """One thing to record. ``object_id`` is a primary key, never a personal value."""

    action: str
    object_type: str = ""
    object_id: str = ""
    summary: str = ""
    data: dict[str, Any] = field(default_factory=dict)
    reason: str = ""
    actor: Actor | None = None


def _locked_head() -> AuditHead:
    head = AuditHead.objects.select_for_update().filter(pk=1).first()
    if head is None:
        head, _ = AuditHead.objects.get_or_create(pk=1)
        head = AuditHead.objects.select_for_update().get(pk=1)
    return head


def _build(event: Event, seq: int, prev: str, at: datetime) -> AuditEntry:
    actor = event.actor or current_actor()
    reason = (event.reason or actor.reason)[:255]
    data = _normalise(event.data)
    summary = event.summary[:255]
    object_id = str(event.object_id)[:64]
    entry_hash = digest(seq, at, actor.label, event.action, event.object_type, object_id, summary, reason, data, prev)
    return AuditEntry(
        seq=seq,
        at=at,
        actor=actor.label,
        actor_user_id=actor.user_id,
        action=event.action,
        object_type=event.object_type,
        object_id=object_id,
        summary=summary,
        reason=reason,
        data=data,
        prev_hash=prev,
        hash=entry_hash,
    )


def append(
    action: str,
    object_type: str = "",
    object_id: object = "",
    summary: str = "",
    data: dict[str, Any] | None = None,
    reason: str = "",
    actor: Actor | None = None,
) -> AuditEntry:
    """Record one event, chained to the newest entry, in the caller's transaction if there is one."""
    event = Event(action, object_type, str(object_id), summary, data or {}, reason, actor)
    with transaction.atomic():
        head = _locked_head()
        entry = _build(event, head.seq + 1, head.hash, timezone.now())
        entry.save(force_insert=True)
        AuditHead.objects.filter(pk=1).update(seq=entry.seq, hash=entry.hash)
    return entry


def append_many(events: Iterable[Event]) -> int:
    """Record many events in one transaction (imports, demo data, bulk disclosures)."""
    count = 0
    with transaction.atomic():
        head = _locked_head()
        seq, prev = head.seq, head.hash
        batch: list[AuditEntry] = []
        for event in events:
            seq += 1
            entry = _build(event, seq, prev, timezone.now())
            prev = entry.hash
            batch.append(entry)
            if len(batch) >= BATCH:
                AuditEntry.objects.bulk_create(batch)
                count += len(batch)
                batch = []
        if batch:
            AuditEntry.objects.bulk_create(batch)
            count += len(batch)
        AuditHead.objects.filter(pk=1).update(seq=seq, hash=prev)
    return count


@dataclass
class VerifyResult:
    ok: bool
    checked: int
    problem: str = ""
    first_bad_seq: int | None = None


_FIELDS = (
    "seq",
    "at",
    "actor",
    "action",
    "object_type",
    "object_id",
    "summary",
    "reason",
    "data",
    "prev_hash",
    "hash",
)


def _rows(chunk_size: int) -> Iterator[tuple[Any, ...]]:
    return AuditEntry.objects.order_by("seq").values_list(*_FIELDS).iterator(chunk_size=chunk_size)


def verify(chunk_size: int = 10000, progress: Any = None) -> VerifyResult:
    """Walk the chain from the first entry; report the first entry altered, missing or out of place.

    ``progress`` is an optional callable given the number of entries checked so far, every chunk.
    """
    expected_seq, prev, checked = 1, GENESIS, 0
    for seq, at, actor, action, object_type, object_id, summary, reason, data, prev_hash, stored in _rows(chunk_size):
        if seq != expected_seq:
            missing = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}–{seq - 1}"
            return VerifyResult(False, checked, f"entry #{missing} is missing (deleted)", expected_seq)
        if prev_hash != prev:
            return VerifyResult(
                False, checked, f"entry #{seq} does not follow entry #{seq - 1}: one of them was altered", seq - 1
            )
        if digest(seq, at, actor, action, object_type, object_id, summary, reason, data, prev_hash) != stored:
            return VerifyResult(False, checked, f"entry #{seq} was altered: its contents do not match its hash", seq)
        prev = stored
        expected_seq += 1
        checked += 1
        if progress is not None and checked % chunk_size == 0:
            progress(checked)
    head = AuditHead.objects.filter(pk=1).first()
    head_seq, head_hash = (head.seq, head.hash) if head else (0, GENESIS)
    if head_seq != checked:
        if head_seq > checked:
            return VerifyResult(
                False,
                checked,
                f"entries #{checked + 1}–#{head_seq} are missing: the log ends early (deleted)",
                checked + 1,
            )
        return VerifyResult(
            False, checked, f"entry #{head_seq + 1} onwards were added outside the application", head_seq + 1
        )
    if head_hash != prev:
        return VerifyResult(
            False, checked, f"entry #{checked} was altered: it does not match the recorded head", checked
        )
    if progress is not None:
        progress(checked)
    return VerifyResult(True, checked)


def record_view(obj: Any, what: str = "record", reason: str = "") -> AuditEntry:
    """Record that a member of staff (or an API client) looked at a person's information."""
    return append("view", obj._meta.label_lower, obj.pk, data={"view": what}, reason=reason)
