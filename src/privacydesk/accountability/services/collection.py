"""Collection points, their notices, and recording where a person's information came from.

A notice is checked by the law engine (``law.notices``) against every regime the organisation is
under, with the facts the register gives about the collection point (a law requires it, data goes
overseas, a purpose rests on legitimate interests or consent). A collection from someone else
queues the notice owed to the person, due by the law engine's clock for their jurisdiction.
"""

from __future__ import annotations

import smtplib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from privacydesk.accountability.models import Collection, CollectionPoint, Notice
from privacydesk.accountability.services.common import (
    actor_name,
    home_countries,
    lineage_ids,
    organisation_regimes,
    regimes_for,
    subdivision_for,
)
from privacydesk.audit import chain
from privacydesk.law import LawError, calendar
from privacydesk.law.clocks import deadline, in_force
from privacydesk.law.notices import TOPICS, NoticeCheck, check_notice, notice_exceptions
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Organisation, Transfer


def point_facts(point: CollectionPoint) -> list[str]:
    """The facts on which conditional notice matters depend, read from the register."""
    facts = []
    if point.required_by_law.strip():
        facts.append("required_by_law")
    systems = list(point.systems.all())
    home = home_countries()
    if any(s.overseas_countries(home) for s in systems) or Transfer.objects.filter(system__in=systems).exists():
        facts.append("overseas")
    bases = {p.gdpr_basis for p in point.purposes.all()}
    if "legitimate_interests" in bases:
        facts.append("legitimate_interests")
    if "consent" in bases:
        facts.append("consent_basis")
    return facts


def check(point: CollectionPoint, sections: Mapping[str, str], on: datetime | None = None) -> NoticeCheck:
    day = timezone.localtime(on or timezone.now()).date()
    return check_notice(organisation_regimes(), point.document, day, sections, point_facts(point))


@transaction.atomic
def publish_notice(
    point: CollectionPoint,
    sections: Mapping[str, str],
    effective_from: datetime | None = None,
    change_summary: str = "",
) -> Notice:
    """Publish a new version of ``point``'s notice. Gaps the law engine finds are recorded with it."""
    unknown = [t for t in sections if t not in TOPICS]
    if unknown:
        raise ValidationError({unknown[0]: f"Unknown notice section; accepted: {', '.join(TOPICS)}."})
    cleaned = {t: str(text).strip() for t, text in sections.items() if str(text).strip()}
    if not cleaned:
        raise ValidationError({"sections": "A notice needs at least one section of text."})
    effective = effective_from or timezone.now()
    result = check(point, cleaned, effective)
    # Lock the point's row so two publishers cannot both take the same version number.
    CollectionPoint.objects.select_for_update().filter(pk=point.pk).first()
    latest = point.notices.order_by("-version").values_list("version", flat=True).first() or 0
    return Notice.objects.create(
        collection_point=point,
        version=latest + 1,
        sections=cleaned,
        effective_from=effective,
        published_by=actor_name(),
        check_result=result.as_dict(),
        complete=result.complete,
        change_summary=change_summary.strip(),
    )


@transaction.atomic
def record_collection(
    *,
    person: Person,
    point: CollectionPoint,
    collected_at: datetime,
    source: str = "",
    categories: Iterable[DataCategory] | None = None,
    notes: str = "",
) -> Collection:
    """Record that we collected ``person``'s information at ``point``, and what notice that owes them.

    Direct collection: the point's notice in force at the time is the one they were given. Indirect
    collection: the notice is due by the law engine's clock for the person's jurisdiction (IPP 3A only
    for information collected from 1 May 2026; APP 5 and GDPR Art 14 always).
    """
    if timezone.is_naive(collected_at):
        raise ValidationError({"collected_at": "Give the time with its UTC offset, e.g. 2026-11-23T10:00:00+11:00."})
    if collected_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"collected_at": "A collection cannot be recorded before it happens."})
    if point.indirect and not source.strip():
        raise ValidationError({"source": "Say who gave us the information or where it was published."})
    if person.merged_into_id is not None:
        raise ValidationError({"person": f"Record {person.pk} was merged into {person.merged_into_id}; use that one."})
    collection = Collection(
        person=person, point=point, collected_at=collected_at, source=source.strip(), notes=notes.strip()
    )
    collection.recorded_by = actor_name()
    regime = regimes_for(person)[0]
    collection.notice_jurisdiction = regime
    if not point.indirect:
        notice = point.current_notice(collected_at)
        collection.notice = notice
        collection.notice_status = Collection.AT_COLLECTION if notice else Collection.NO_NOTICE
        if notice:
            collection.notice_given_at = collected_at
    else:
        subdivision = subdivision_for(regime, person.country)
        local_day = collected_at.astimezone(calendar.zone(regime, subdivision)).date()
        if not in_force(regime, "indirect_collection_notice", local_day):
            collection.notice_status = Collection.NOT_REQUIRED
            collection.notice_explanation = (
                "No notice duty applied: IPP 3A applies only to information collected on or after 1 May 2026."
            )
        else:
            try:
                due = deadline(regime, "indirect_collection_notice", collected_at, subdivision)
            except LawError as exc:
                raise ValidationError({"collected_at": str(exc)}) from None
            collection.notice_status = Collection.PENDING
            collection.notice_due = due.due
            collection.notice_rule = due.citation[:255]
            collection.notice_explanation = due.explanation
    collection.save()
    collection.categories.set(list(categories) if categories is not None else list(point.data_categories.all()))
    return collection


def _settle(collection: Collection, **changes: object) -> Collection:
    """Move a pending notice on, claiming the row so two people cannot both settle it."""
    claimed = Collection.objects.filter(pk=collection.pk, notice_status=Collection.PENDING).update(**changes)
    if claimed != 1:
        raise ValidationError({"notice": "This notice is not waiting to be given (someone may have just done it)."})
    collection.refresh_from_db()
    chain.append("update", "accountability.collection", collection.pk, data={"fields": sorted(changes)})
    return collection


def give_notice(collection: Collection, method: str, given_at: datetime | None = None) -> Collection:
    """Record that the owed notice was given: the point's current version, by ``method``."""
    if method not in dict(Collection.METHODS):
        raise ValidationError(
            {"method": f"Unknown method {method!r}; accepted: {', '.join(dict(Collection.METHODS))}."}
        )
    notice = collection.point.current_notice()
    if notice is None:
        raise ValidationError({"notice": f"Publish a notice for {collection.point} first."})
    return _settle(
        collection,
        notice_status=Collection.GIVEN,
        notice=notice,
        notice_method=method,
        notice_given_at=given_at or timezone.now(),
    )


def _email_address(person: Person) -> str:
    identity = person.identities.filter(kind="email").order_by("pk").first()
    return identity.value if identity else ""


def compose_notice_email(record: Collection, notice: Notice) -> tuple[str, str]:
    """The subject and body of the email that gives ``notice`` to the person ``record`` is about."""
    org = Organisation.current()
    name = org.legal_name if org else "We"
    when = timezone.localtime(record.collected_at)
    origin = f" from {record.source}" if record.source else ""
    parts = [
        f"Dear {record.person.name},",
        f"{name} collected personal information about you on {when:%d %B %Y}{origin}. "
        "The privacy law asks us to tell you the following.",
        *(f"{heading}\n{text}" for heading, text in notice.sections_in_order()),
        f"(Notice version {notice.version}: {record.point.name}.)",
    ]
    return f"How {name} got your details, and what we do with them", "\n\n".join(parts)


def send_notice(record: Collection) -> Collection:
    """Email the owed notice to the person and record it as given, keeping the message as sent.

    The row is claimed first and the message sent inside the same transaction: if the mail server
    refuses, the claim is undone and the notice stays due.
    """
    notice = record.point.current_notice()
    if notice is None:
        raise ValidationError({"notice": f"Publish a notice for {record.point} first."})
    address = _email_address(record.person)
    if not address:
        raise ValidationError({"email": "No email address is recorded for this person; give the notice another way."})
    subject, body = compose_notice_email(record, notice)
    try:
        with transaction.atomic():
            settled = _settle(
                record,
                notice_status=Collection.GIVEN,
                notice=notice,
                notice_method="email",
                notice_given_at=timezone.now(),
                notice_sent_to=address,
                notice_sent_text=body,
            )
            EmailMessage(subject, body, to=[address], headers={"Auto-Submitted": "auto-generated"}).send()
    except (smtplib.SMTPException, OSError) as exc:
        problem = f"The mail server did not accept the message ({exc.__class__.__name__}); the notice is still due."
        raise ValidationError({"email": problem}) from None
    return settled


@dataclass
class SendResult:
    sent: int = 0
    skipped: list[str] = field(default_factory=list)


def send_due_notices(limit: int = 500) -> SendResult:
    """Email every notice owed where the person has an email address and the point a notice.

    Safe with several workers at once: each row is claimed with a conditional update, so a notice
    another worker has just sent is skipped, never sent twice.
    """
    result = SendResult()
    for record in notices_due()[:limit]:
        try:
            send_notice(record)
        except ValidationError as exc:
            result.skipped.append(f"collection {record.pk}: {' '.join(exc.messages)}")
        else:
            result.sent += 1
    return result


def exempt_notice(collection: Collection, reason: str, exception: str = "") -> Collection:
    """Record that no notice will be given because an exception applies: which (``exception``, a code
    from ``law.notices.NOTICE_EXCEPTIONS`` for the person's jurisdiction) and why (``reason``)."""
    if not reason.strip():
        raise ValidationError({"exemption": "Say why the exception applies to this person."})
    text = reason.strip()
    if exception:
        allowed = {e.code: e for e in notice_exceptions(collection.notice_jurisdiction or "au")}
        if exception not in allowed:
            accepted = ", ".join(allowed) or "none"
            raise ValidationError({"exception": f"Not an exception under this person's law; accepted: {accepted}."})
        chosen = allowed[exception]
        text = f"{chosen.label} ({chosen.citation}): {text}"
    return _settle(collection, notice_status=Collection.EXEMPT, exemption=text)


def notices_due() -> QuerySet[Collection]:
    """Notices owed, soonest due first."""
    return (
        Collection.objects.filter(notice_status=Collection.PENDING)
        .select_related("person", "point")
        .order_by("notice_due", "pk")
    )


def collections_of(person: Person) -> QuerySet[Collection]:
    return (
        Collection.objects.filter(person__in=lineage_ids(person))
        .select_related("point", "notice")
        .prefetch_related("categories")
        .order_by("collected_at", "pk")
    )


@dataclass
class Source:
    collected_at: datetime
    how: str
    source: str
    categories: list[str]


def sources(person: Person) -> list[Source]:
    """Where the organisation got this person's details (APP 7.7(b)), from the collection records."""
    result = []
    for c in collections_of(person):
        origin = c.source or ("you, directly" if not c.point.indirect else "not recorded")
        result.append(Source(c.collected_at, c.point.get_kind_display(), origin, [x.name for x in c.categories.all()]))
    return result


def source_statement(person: Person) -> str:
    """The answer to "where did you get my details?", in words to send to the person."""
    found = sources(person)
    if not found:
        return "We have no record of collecting your personal information."
    lines = ["We obtained your personal information as follows:"]
    for s in found:
        what = f" ({', '.join(s.categories)})" if s.categories else ""
        lines.append(f"- {timezone.localtime(s.collected_at):%d %B %Y}: {s.how}, from {s.source}{what}.")
    return "\n".join(lines)
