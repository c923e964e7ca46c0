"""Legal holds: placing and releasing them, their chain of custody, and what they cover.

A hold covers:
- the people it names (and the records merged into theirs): their record in privacydesk, and every
  row of theirs in connected systems;
- the systems it names: every table of every connection to them;
- the data categories it names: the tables of connected systems holding a field of those categories.

While a hold is active, disposal passes over what it covers and erasure leaves it alone (connectors
and rights ask through ``held_tables`` and ``holds_on``, registered in ``AppConfig.ready``).
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from privacydesk import sealed
from privacydesk.accountability.services.common import lineage_ids
from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.connectors.descriptor import Descriptor
from privacydesk.connectors.models import Connection
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, System
from privacydesk.retention.models import CustodyEvent, LegalHold


def active() -> QuerySet[LegalHold]:
    return LegalHold.objects.filter(released_at__isnull=True)


@transaction.atomic
def place(
    title: str,
    kind: str,
    reason: str,
    people: Iterable[Person] = (),
    systems: Iterable[System] = (),
    categories: Iterable[DataCategory] = (),
) -> LegalHold:
    """Place a hold; its first custody event says who placed it and why."""
    if kind not in dict(LegalHold.KINDS):
        raise ValidationError({"kind": "Choose litigation, investigation, forensic evidence or a regulator's inquiry."})
    if not title.strip() or not reason.strip():
        raise ValidationError({"reason": "Say what the hold is for and on whose instruction."})
    people, systems, categories = list(people), list(systems), list(categories)
    if not (people or systems or categories):
        raise ValidationError({"people": "Name at least one person, system or data category the hold covers."})
    by = current_actor().label
    hold = LegalHold.objects.create(title=title.strip(), kind=kind, reason=reason.strip(), placed_by=by)
    hold.people.set(people)
    hold.systems.set(systems)
    hold.data_categories.set(categories)
    CustodyEvent.objects.create(hold=hold, action=CustodyEvent.PLACED, by=by, note=reason.strip())
    return hold


@transaction.atomic
def release(hold: LegalHold, reason: str) -> LegalHold:
    if not reason.strip():
        raise ValidationError({"release_reason": "Say why the hold is no longer needed."})
    by, now = current_actor().label, timezone.now()
    changed = LegalHold.objects.filter(pk=hold.pk, released_at__isnull=True).update(
        released_at=now, released_by=by, release_reason=reason.strip()
    )
    if changed != 1:
        raise ValidationError({"release_reason": "This hold has already been released."})
    CustodyEvent.objects.create(hold=hold, action=CustodyEvent.RELEASED, by=by, note=reason.strip(), at=now)
    hold.refresh_from_db()
    return hold


@transaction.atomic
def record_custody(
    hold: LegalHold, action: str, note: str, evidence: tuple[str, IO[bytes], int] | None = None
) -> CustodyEvent:
    """A link in the chain of custody: evidence taken in (its file encrypted, its SHA-256 kept),
    custody handed over, evidence looked at."""
    if action not in {CustodyEvent.EVIDENCE, CustodyEvent.TRANSFERRED, CustodyEvent.ACCESSED}:
        raise ValidationError({"action": "Record evidence taken in, custody transferred or evidence accessed."})
    if not note.strip():
        raise ValidationError({"note": "Say what happened: what the evidence is, or who took custody."})
    event = CustodyEvent(hold=hold, action=action, by=current_actor().label, note=note.strip())
    if evidence is not None:
        name, stream, size = evidence
        content = sealed.read_capped(stream, size, "evidence")
        event.evidence_name, event.size = name[:200], len(content)
        event.sha256 = hashlib.sha256(content).hexdigest()
        event.content_type = sealed.kind_of(content, text=True) or "application/octet-stream"
        event.stored_name = sealed.store(content, "evidence")
    event.save()
    return event


def read_evidence(event: CustodyEvent) -> bytes:
    """The evidence file, for a member of staff: the read is itself a link in the chain."""
    content = sealed.load(event.stored_name, "evidence")
    CustodyEvent.objects.create(
        hold=event.hold, action=CustodyEvent.ACCESSED, by=current_actor().label, note=f"Opened {event.evidence_name}"
    )
    chain.append("view", "retention.custodyevent", event.pk, data={"hold": event.hold_id})
    return content


def holds_on(person: Person) -> list[str]:
    """The active holds naming this person (or a record merged into theirs), by title."""
    ids = lineage_ids(person)
    return list(active().filter(people__in=ids).distinct().values_list("title", flat=True))


def held_people() -> set[int]:
    """Everyone under an active hold, and the records merged into theirs."""
    named = set(active().values_list("people", flat=True)) - {None}
    return {pk for person in Person.objects.filter(pk__in=named) for pk in lineage_ids(person)}


def held_tables(connection: Connection, descriptor: Descriptor, person: Person | None = None) -> dict[str, str]:
    """The connection's tables an active hold covers, as table → the hold's title: all of them when
    the hold names the system (or, given one, the person); otherwise those with a field in a held
    data category."""
    holds = active()
    every = holds.filter(systems=connection.system_id)
    if person is not None:
        every = every | holds.filter(people__in=lineage_ids(person))
    whole = every.distinct().first()
    tables = [t.name for t in descriptor.doc.tables]
    if whole is not None:
        return {name: f"legal hold: {whole.title}" for name in tables}
    held: dict[str, str] = {}
    by_code: dict[str, Any] = {}
    for hold in holds.prefetch_related("data_categories"):
        for category in hold.data_categories.all():
            by_code.setdefault(category.code, hold.title)
    for table in descriptor.doc.tables:
        for field_doc in table.fields:
            title = next((by_code[c] for c in field_doc.categories if c in by_code), None)
            if title is not None:
                held[table.name] = f"legal hold: {title}"
                break
    return held
