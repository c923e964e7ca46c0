"""Operations on breaches: record one, say who is affected, contain and remediate it, assess it under
each regime that applies (``law.breach`` says what follows), draft each regulator's notification with
every element its Act requires, and notify individuals by email in batches (safe with several workers:
each notice is claimed with a conditional update), recording what was sent and what bounced."""

from __future__ import annotations

import smtplib
import uuid
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid
from django.db import transaction
from django.db.models import Count
from django.template.loader import render_to_string
from django.utils import timezone

from privacydesk import pdf
from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.breaches.models import Action, Affected, Assessment, Breach, Notice, Notification
from privacydesk.connectors import services as connectors
from privacydesk.connectors.models import Connection
from privacydesk.connectors.sql import ConnectorError
from privacydesk.law import breach as law
from privacydesk.law.clocks import Deadline, deadline
from privacydesk.law.errors import LawError
from privacydesk.people.models import Identity, Person
from privacydesk.register.models import DataCategory, Organisation, System

BATCH = 200  # notices sent over one SMTP connection


@transaction.atomic
def record(
    *,
    title: str,
    description: str,
    kind: str,
    suspected_at: datetime,
    discovered_at: datetime,
    occurred_from: datetime | None = None,
    occurred_to: datetime | None = None,
    systems: Iterable[System] = (),
    categories: Iterable[DataCategory] = (),
    estimated_count: int | None = None,
    suspected_holder: str = "",
    other_agencies: str = "",
    recommendations: str = "",
) -> Breach:
    """A new breach in the register; its clocks start from ``suspected_at`` and ``discovered_at``."""
    now = timezone.now()
    if kind not in dict(Breach.KINDS):
        raise ValidationError({"kind": "Choose what kind of breach this is."})
    for name, value in (("suspected_at", suspected_at), ("discovered_at", discovered_at)):
        if value > now:
            raise ValidationError({name: "This is in the future."})
    if occurred_from and occurred_to and occurred_to < occurred_from:
        raise ValidationError({"occurred_to": "The breach cannot end before it began."})
    if occurred_from and occurred_from > discovered_at:
        raise ValidationError({"occurred_from": "It cannot have begun after it was discovered."})
    breach = Breach.objects.create(
        reference=uuid.uuid4().hex[:20],  # replaced below: the reference is made from the row's number
        title=title.strip(),
        description=description.strip(),
        kind=kind,
        suspected_at=suspected_at,
        discovered_at=discovered_at,
        occurred_from=occurred_from,
        occurred_to=occurred_to,
        estimated_count=estimated_count,
        suspected_holder=suspected_holder.strip(),
        other_agencies=other_agencies.strip(),
        recommendations=recommendations.strip(),
        recorded_by=current_actor().label,
    )
    breach.reference = f"B-{timezone.localdate():%Y}-{breach.pk:04d}"
    Breach.objects.filter(pk=breach.pk).update(reference=breach.reference)
    breach.systems.set(systems)
    breach.data_categories.set(categories)
    return breach


def _add(breach: Breach, people: Iterable[Person], source: str) -> int:
    have = set(breach.affected.values_list("person_id", flat=True))
    rows = [
        Affected(breach=breach, person=p, jurisdiction=p.jurisdiction, source=source)
        for p in people
        if p.pk not in have
    ]
    Affected.objects.bulk_create(rows, batch_size=1000)
    return len(rows)


@transaction.atomic
def add_affected_from_systems(breach: Breach, systems: Iterable[System]) -> int:
    """Everyone the register links to these systems; how many were added."""
    systems = list(systems)
    people = Person.objects.filter(systems__in=systems, merged_into__isnull=True).distinct().order_by("pk")
    added = _add(breach, people.iterator(chunk_size=2000), "systems: " + ", ".join(s.name for s in systems))
    chain.append("update", "breaches.breach", breach.pk, summary=f"{added} affected people from systems")
    return added


@transaction.atomic
def add_affected_from_connection(breach: Breach, connection: Connection) -> tuple[int, int]:
    """Everyone privacydesk knows in a connected system (matched by e-mail address), for a breach of
    the whole system; the addresses there that match nobody raise the estimate. (added, unmatched)"""
    try:
        people, unmatched = connectors.people_in(connection)
    except ConnectorError as exc:
        raise ValidationError({"connection": f"{connection.name}: {exc}"}) from None
    added = _add(breach, people, f"connected system: {connection.name}")
    if unmatched:
        estimate = max(breach.estimated_count or 0, breach.affected.count() + unmatched)
        Breach.objects.filter(pk=breach.pk).update(estimated_count=estimate)
    chain.append("update", "breaches.breach", breach.pk, summary=f"{added} affected people from {connection.name}")
    return added, unmatched


@transaction.atomic
def add_affected_by_email(breach: Breach, text: str) -> int:
    """People named by email address, one a line (a list from the forensic report); every address
    that matches nobody is refused, naming its line, and nothing is added."""
    from privacydesk.people.normalise import normalise_email

    found, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        identity = Identity.objects.filter(kind="email", normalised=normalise_email(line.strip())).first()
        if identity is None:
            problems.append(f"line {number}: nobody has the email address {line.strip()!r}")
        else:
            found.append(identity.person)
    if problems:
        raise ValidationError({"emails": problems})
    return _add(breach, found, "list")


def regimes(breach: Breach) -> list[str]:
    """The regimes the affected people bring into play, among those the organisation is under."""
    org = Organisation.current()
    covered = {
        "au": org is None or org.operates_in_au,
        "nz": org is not None and org.operates_in_nz,
        "eu": org is not None and (org.has_eu_contacts or org.eu_establishment),
    }
    present = {j.lower() for j in breach.affected.values_list("jurisdiction", flat=True).distinct()}
    return [code for code in ("au", "nz", "eu") if code in present and covered[code]]


def counts(breach: Breach) -> dict[str, int]:
    rows = breach.affected.values("jurisdiction").annotate(n=Count("pk"))
    return {row["jurisdiction"].lower(): row["n"] for row in rows}


@dataclass(frozen=True)
class Clock:
    regime: str
    label: str
    deadline: Deadline
    done: bool


def clocks(breach: Breach) -> list[Clock]:
    """Each regime's clocks, from the law engine: the AU assessment (30 days from suspicion), and each
    regulator's notification (GDPR: 72 hours from awareness; AU and NZ: as soon as practicable)."""
    found = []
    assessed = set(breach.assessments.values_list("regime", flat=True))
    notified = set(
        breach.notifications.filter(audience=Notification.REGULATOR, submitted_at__isnull=False).values_list(
            "regime", flat=True
        )
    )
    for regime in regimes(breach):
        if regime == "au":
            found.append(
                Clock("au", "Assessment", deadline("au", "breach_assessment", breach.suspected_at), "au" in assessed)
            )
        found.append(
            Clock(
                regime,
                "Notify the regulator",
                deadline(regime, "breach_notify_regulator", breach.discovered_at),
                regime in notified,
            )
        )
    return found


@transaction.atomic
def act(breach: Breach, kind: str, text: str) -> Action:
    """A step in the timeline; containment marks the breach contained."""
    if kind not in dict(Action.KINDS):
        raise ValidationError({"kind": "Choose containment, remediation or a note."})
    if not text.strip():
        raise ValidationError({"text": "Say what was done."})
    action = Action.objects.create(breach=breach, kind=kind, text=text.strip(), by=current_actor().label)
    if kind == Action.CONTAIN and breach.contained_at is None:
        Breach.objects.filter(pk=breach.pk).update(contained_at=action.at, status=Breach.CONTAINED)
    chain.append("update", "breaches.breach", breach.pk, summary=f"{action.get_kind_display()} recorded")
    return action


@transaction.atomic
def assess(breach: Breach, regime: str, *, factors: dict[str, str], reasoning: str, **judgement: bool) -> Assessment:
    """Record the assessment under ``regime``: the factors weighed (code → what was found), the
    judgement and its reasoning; what follows comes from the law engine."""
    if regime not in regimes(breach):
        raise ValidationError({"regime": f"{regime.upper()} law is not in play: nobody affected is under it."})
    if not reasoning.strip():
        raise ValidationError({"reasoning": "Explain the decision: it is the record the regulator will ask for."})
    considered = {code: text.strip() for code, text in factors.items() if text and text.strip()}
    try:
        outcome = law.decide(law.Judgement(regime, factors=tuple(considered), **judgement))
    except LawError as exc:
        raise ValidationError({"factors": str(exc)}) from None
    assessment, _ = Assessment.objects.update_or_create(
        breach=breach,
        regime=regime,
        defaults={
            **judgement,
            "factors": considered,
            "reasoning": reasoning.strip(),
            "decided_by": current_actor().label,
            "decided_at": timezone.now(),
            "outcome": {
                "notifiable": outcome.notifiable,
                "notify_regulator": outcome.notify_regulator,
                "individuals": outcome.individuals,
                "regulator": outcome.regulator_name,
                "reasons": outcome.reasons,
                "citations": outcome.citations,
            },
        },
    )
    return assessment


def _org() -> Organisation:
    org = Organisation.current()
    if org is None:
        raise ValidationError("Record the organisation in the register first: every notification names it.")
    return org


def _when(value: datetime | None) -> str:
    return timezone.localtime(value).strftime("%-d %B %Y, %H:%M %Z") if value else "not known"


def _contents(breach: Breach, regime: str) -> dict[str, str]:
    """Each required element of the notification, filled from the breach, the register and the
    assessment."""
    org = _org()
    assessment = breach.assessments.filter(regime=regime).first()
    if assessment is None:
        raise ValidationError({"regime": f"Assess the breach under {regime.upper()} law first."})
    contact = ", ".join(
        part
        for part in (org.privacy_officer_name or "Privacy Officer", org.legal_name, org.privacy_officer_email,
                     org.privacy_officer_phone, org.postal_address.replace("\n", ", "))
        if part
    )  # fmt: skip
    number = counts(breach).get(regime, 0)
    kinds = ", ".join(c.name.lower() for c in breach.data_categories.all()) or "not yet known"
    steps = "; ".join(a.text for a in breach.actions.all()) or "Investigation under way."
    description = (
        f"{breach.description} It began {_when(breach.occurred_from)} and ended {_when(breach.occurred_to)}; "
        f"we suspected it {_when(breach.suspected_at)} and became aware of it {_when(breach.discovered_at)}. "
        f"It affects {number} {'person' if number == 1 else 'people'} under this law"
        + (f" (about {breach.estimated_count} in all)" if breach.estimated_count else "")
        + (f". Who may hold the information: {breach.suspected_holder.rstrip('.')}" if breach.suspected_holder else "")
        + "."
    )
    if not breach.recommendations:
        raise ValidationError({"recommendations": "Say what affected people should do: every notification must."})
    individuals = assessment.outcome.get("individuals", "none")
    if regime == "au":
        entity = f"{org.legal_name}" + (f" (ABN {org.abn})" if org.abn else "") + f". Contact: {contact}"
        return {
            "entity": entity,
            "description": description,
            "kinds": kinds,
            "recommendations": breach.recommendations,
            # s 26WL(3): individuals (or the published statement) are told what the statement says
            "statement": "\n".join(
                [entity, description, f"Information involved: {kinds}.", f"What to do: {breach.recommendations}"]
            ),
        }
    if regime == "nz":
        how = {
            "all": "Each affected individual is being notified directly.",
            "at_risk": "Each affected individual is being notified directly.",
            "public": "A public notice is being given.",
        }.get(individuals, "Individuals are not being notified.")
        return {
            "description": description,
            "steps": f"{steps} {how}",
            "public_notice": "Individual notice is not reasonably practicable (s 116(1))."
            if individuals == "public"
            else "Not applicable: individuals are notified directly.",
            "delay": "No delay is relied on.",
            "other_agencies": breach.other_agencies or "None.",
            "contact": contact,
            "advice": breach.recommendations,
            "commissioner": "We have notified the Privacy Commissioner.",
            "complain": "You may complain to the Privacy Commissioner (privacy.org.nz, 0800 803 909).",
        }
    late = timezone.now() > breach.discovered_at + timedelta(hours=72)
    return {
        "nature": description + f" Categories of data: {kinds}.",
        "contact": contact,
        "consequences": assessment.factors.get("severity", "") or "; ".join(assessment.outcome.get("reasons", [])),
        "measures": steps,
        "delay": "Notified more than 72 hours after awareness because the investigation was needed to establish "
        "the scope."
        if late
        else "Notified within 72 hours of becoming aware.",
    }


@transaction.atomic
def draft(breach: Breach, regime: str, audience: str = Notification.REGULATOR) -> Notification:
    """Generate (or regenerate) the notification with every element its Act requires, as HTML and PDF."""
    contents = _contents(breach, regime)
    kind = f"{regime}.regulator" if audience == Notification.REGULATOR else f"{regime}.individuals"
    missing = law.missing_contents(kind, contents)
    if missing:
        raise ValidationError([f"missing: {m.text} ({m.citation})" for m in missing])
    elements = [(element, contents[element.code]) for element in law.CONTENTS[kind]]
    context = {
        "breach": breach,
        "org": _org(),
        "regime": regime,
        "audience": audience,
        "elements": elements,
        "clocks": [c for c in clocks(breach) if c.regime == regime],
        "generated": timezone.localtime(),
    }
    html = render_to_string("breaches/notification.html", context)
    notification, _ = Notification.objects.update_or_create(
        breach=breach,
        regime=regime,
        audience=audience,
        defaults={"contents": contents, "html": html, "pdf": pdf.render_or_none(html), "generated_at": timezone.now()},
    )
    return notification


def submit(notification: Notification, reference: str = "") -> Notification:
    """Record that the notification was given to the regulator (or published): its clock stops."""
    changed = Notification.objects.filter(pk=notification.pk, submitted_at__isnull=True).update(
        submitted_at=timezone.now(), submitted_by=current_actor().label, regulator_reference=reference.strip()
    )
    if changed != 1:
        raise ValidationError("This notification was already recorded as given.")
    chain.append(
        "notify", "breaches.notification", notification.pk, summary=f"{notification.regime} {notification.audience}"
    )
    notification.refresh_from_db()
    return notification


def _notice_text(breach: Breach, regime: str, person: Person, contents: dict[str, str]) -> tuple[str, str]:
    org = _org()
    subject = f"Important: a data breach at {org.trading_name or org.legal_name} that involves your information"
    body = render_to_string(
        "breaches/notice.txt",
        {"breach": breach, "org": org, "person": person, "contents": contents, "regime": regime},
    )
    return subject, body


@transaction.atomic
def queue_notices(breach: Breach, regime: str) -> dict[str, int]:
    """A notice for each affected person under ``regime`` with an email address, composed now and
    stored as it will be sent; those without an address are counted (they need another way, or the
    public statement)."""
    assessment = breach.assessments.filter(regime=regime).first()
    if assessment is None or assessment.outcome.get("individuals") not in ("all", "at_risk"):
        raise ValidationError({"regime": "The assessment does not call for notices to individuals under this law."})
    contents = _contents(breach, regime)
    kind = f"{regime}.individuals"
    missing = law.missing_contents(kind, contents)
    if missing:
        raise ValidationError([f"missing: {m.text} ({m.citation})" for m in missing])
    have = set(breach.notices.filter(regime=regime).values_list("person_id", flat=True))
    emails = dict(
        Identity.objects.filter(kind="email", person__breaches_affecting__breach=breach).values_list(
            "person_id", "value"
        )
    )
    queued, without = [], 0
    affected = breach.affected.filter(jurisdiction__iexact=regime).select_related("person")
    for row in affected.iterator(chunk_size=2000):
        if row.person_id in have:
            continue
        address = emails.get(row.person_id)
        if not address:
            without += 1
            continue
        subject, body = _notice_text(breach, regime, row.person, contents)
        queued.append(Notice(breach=breach, person=row.person, regime=regime, to=address, subject=subject, body=body))
    Notice.objects.bulk_create(queued, batch_size=1000)
    chain.append("notify", "breaches.breach", breach.pk, summary=f"{len(queued)} notices queued ({regime})")
    transaction.on_commit(_enqueue)
    return {"queued": len(queued), "without_address": without}


def _enqueue() -> None:
    from privacydesk.breaches.tasks import send_notices

    send_notices.enqueue()


def send_due(worker: str, limit: int = BATCH) -> dict[str, int]:
    """Send up to ``limit`` queued notices over one SMTP connection. A recipient the server refuses is
    recorded as bounced with its reply; a connection that fails leaves the notice queued for the next
    try (failed after ``Notice.MAX_ATTEMPTS``)."""
    result = {"sent": 0, "bounced": 0, "retry": 0}
    ids = list(Notice.objects.filter(status=Notice.QUEUED).order_by("pk").values_list("pk", flat=True)[:limit])
    claimed = []
    for pk in ids:
        if Notice.objects.filter(pk=pk, status=Notice.QUEUED).update(status=Notice.SENDING, claimed_by=worker) == 1:
            claimed.append(pk)
    if not claimed:
        return result
    try:
        connection = get_connection()
        connection.open()
    except (smtplib.SMTPException, OSError) as exc:
        _retry(claimed, f"the mail server could not be reached ({type(exc).__name__})")
        result["retry"] = len(claimed)
        return result
    try:
        for notice in Notice.objects.filter(pk__in=claimed).order_by("pk"):
            message_id = make_msgid(domain="privacydesk.invalid")
            message = EmailMessage(
                notice.subject, notice.body, to=[notice.to], connection=connection,
                headers={"Message-ID": message_id, "Auto-Submitted": "auto-generated"},
            )  # fmt: skip
            try:
                message.send()
            except smtplib.SMTPRecipientsRefused as exc:
                reply = next(iter(exc.recipients.values()), (0, b""))
                error = f"{reply[0]} {reply[1].decode(errors='replace') if isinstance(reply[1], bytes) else reply[1]}"
                Notice.objects.filter(pk=notice.pk).update(
                    status=Notice.BOUNCED, error=error.strip(), attempts=notice.attempts + 1
                )
                result["bounced"] += 1
            except (smtplib.SMTPException, OSError) as exc:
                _retry([notice.pk], f"{type(exc).__name__} while sending")
                result["retry"] += 1
            else:
                Notice.objects.filter(pk=notice.pk).update(
                    status=Notice.SENT,
                    sent_at=timezone.now(),
                    message_id=message_id,
                    attempts=notice.attempts + 1,
                    error="",
                )
                result["sent"] += 1
    finally:
        connection.close()
    return result


def _retry(pks: list[int], error: str) -> None:
    for notice in Notice.objects.filter(pk__in=pks):
        attempts = notice.attempts + 1
        status = Notice.FAILED if attempts >= Notice.MAX_ATTEMPTS else Notice.QUEUED
        Notice.objects.filter(pk=notice.pk).update(status=status, attempts=attempts, error=error)


def send_all(worker: str) -> dict[str, int]:
    """Send batches until nothing queued is left to try now."""
    total = {"sent": 0, "bounced": 0, "retry": 0}
    while True:
        result = send_due(worker)
        for key, value in result.items():
            total[key] += value
        if result["sent"] + result["bounced"] == 0:
            return total


def record_bounce(address: str, reason: str) -> int:
    """A bounce reported later (a delivery status notification): the notices sent to that address
    are marked bounced; how many."""
    return Notice.objects.filter(to__iexact=address.strip(), status=Notice.SENT).update(
        status=Notice.BOUNCED, error=reason.strip()[:500]
    )
