"""Accountability-record endpoints for the business's other systems: record a disclosure (refused
with the law engine's reasons when it is not allowed), report routine runs, record where a person's
information came from, log staff access to a client's system, and read the records back.

Register entries are named as the register names them — a recipient or purpose by name, a data
category by code — so a client system need not know privacydesk's row numbers.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from privacydesk.accountability.models import ClientOrganisation, ClientSystem, CollectionPoint, RoutineDisclosure
from privacydesk.accountability.services import agreements, collection, disclosures, providers
from privacydesk.accountability.services.disclosures import DisclosureFacts, DisclosureRefused
from privacydesk.api.auth import require
from privacydesk.api.errors import ErrorsOut, validation_errors
from privacydesk.audit import chain
from privacydesk.people import services as people
from privacydesk.register.models import DataCategory, Purpose, Recipient

router = Router(tags=["accountability"])


def _refused(refused: DisclosureRefused) -> Status[dict[str, Any]]:
    detail = [{"field": "basis", "message": reason} for reason in refused.reasons]
    return Status(422, {"detail": detail, "decision": refused.decision.as_dict()})


def _named(model: Any, field: str, value: str, where: str) -> Any:
    found = model.objects.filter(**{field: value}).first()
    if found is None:
        known = ", ".join(model.objects.values_list(field, flat=True)[:30])
        raise ValidationError({where: f"No {model._meta.verbose_name} {value!r} in the register; known: {known}."})
    return found


def _categories(codes: list[str]) -> list[DataCategory]:
    found = {c.code: c for c in DataCategory.objects.filter(code__in=codes)}
    for i, code in enumerate(codes):
        if code not in found:
            raise ValidationError({f"categories[{i}]": f"No data category with code {code!r} in the register."})
    return [found[c] for c in codes]


def _person(person_id: int) -> Any:
    person = people.active().filter(pk=person_id).first()
    if person is None:
        raise ValidationError({"person_id": f"No current person record {person_id} (merged records are not used)."})
    return person


# --- Disclosures ----------------------------------------------------------------------------------


class DisclosureIn(Schema):
    person_id: int
    recipient: str = Field(description="The recipient's name in the register")
    categories: list[str] = Field(min_length=1, description="Data category codes")
    purpose: str = Field("", description="A purpose's name in the register")
    reason: str = Field(min_length=1)
    disclosed_at: datetime = Field(description="With its UTC offset")
    country: str = Field("", description="ISO code, if not the recipient's country in the register")
    facts: DisclosureFacts = Field(default_factory=DisclosureFacts)
    reference: str = ""
    enforcement_activity: str = Field("", description="APP 6.5 note: required with exception enforcement_body")
    belief_basis: str = Field("", description="APP 6.5 note: required with exception enforcement_body")


class DisclosureOut(Schema):
    id: int
    person_id: int
    recipient: str
    country: str
    overseas: bool
    categories: list[str]
    purpose: str
    reason: str
    disclosed_at: datetime
    basis: dict[str, Any]
    reference: str


def _disclosure_out(d: Any) -> dict[str, Any]:
    return {
        "id": d.pk,
        "person_id": d.person_id,
        "recipient": d.recipient.name,
        "country": str(d.country),
        "overseas": d.overseas,
        "categories": [c.code for c in d.categories.all()],
        "purpose": d.purpose.name if d.purpose else "",
        "reason": d.reason,
        "disclosed_at": d.disclosed_at,
        "basis": d.basis,
        "reference": d.reference,
    }


@router.post(
    "/disclosures/",
    response={201: DisclosureOut, 422: ErrorsOut},
    summary="Record a disclosure; refused with the law engine's reasons when not allowed",
)
def record_disclosure(request: HttpRequest, payload: DisclosureIn) -> Status[dict[str, Any]]:
    require(request, "accountability.add_disclosure")
    try:
        with transaction.atomic():
            disclosure = disclosures.record_disclosure(
                person=_person(payload.person_id),
                recipient=_named(Recipient, "name", payload.recipient, "recipient"),
                categories=_categories(payload.categories),
                purpose=_named(Purpose, "name", payload.purpose, "purpose") if payload.purpose else None,
                reason=payload.reason,
                disclosed_at=payload.disclosed_at,
                facts=payload.facts,
                country=payload.country,
                reference=payload.reference,
                channel="api",
                enforcement_activity=payload.enforcement_activity,
                belief_basis=payload.belief_basis,
            )
    except DisclosureRefused as refused:
        return _refused(refused)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, _disclosure_out(disclosure))


@router.get("/disclosures/", response=list[DisclosureOut], summary="One person's one-off disclosures (audited)")
def list_disclosures(request: HttpRequest, person_id: int) -> list[dict[str, Any]]:
    require(request, "accountability.view_disclosure")
    person = get_object_or_404(people.active(), pk=person_id)
    chain.record_view(person, what="disclosures", reason="api")
    return [_disclosure_out(d) for d in disclosures.history(person).disclosures]


class CorrectionRecipientOut(Schema):
    recipient: str
    contact: str
    categories: list[str]
    last_disclosed: datetime | None
    disclosures: list[int]
    routines: list[str]


@router.get(
    "/disclosures/correction-recipients",
    response={200: list[CorrectionRecipientOut], 422: ErrorsOut},
    summary="Recipients who received the corrected categories (APP 13.2, GDPR Art 19)",
)
def correction_recipients(request: HttpRequest, person_id: int, categories: str) -> Status[Any]:
    """``categories``: the corrected data category codes, comma-separated."""
    require(request, "accountability.view_disclosure")
    try:
        codes = [c.strip() for c in categories.split(",") if c.strip()]
        if not codes:
            raise ValidationError({"categories": "Name at least one corrected category code."})
        person, corrected = _person(person_id), _categories(codes)
    except ValidationError as exc:
        return validation_errors(exc)
    chain.record_view(person, what="correction recipients", reason="api")
    found = disclosures.correction_recipients(person, corrected)
    return Status(
        200,
        [
            {
                "recipient": r.recipient.name,
                "contact": r.recipient.contact,
                "categories": [c.code for c in r.categories],
                "last_disclosed": r.last_disclosed,
                "disclosures": r.disclosures,
                "routines": r.routines,
            }
            for r in found
        ],
    )


class RunIn(Schema):
    ran_at: datetime
    record_count: int = Field(ge=0)
    reference: str = ""


class RunOut(Schema):
    id: int
    routine: str
    ran_at: datetime
    record_count: int


@router.post(
    "/disclosures/routines/{routine_id}/runs",
    response={201: RunOut, 422: ErrorsOut},
    summary="Report one run of a routine disclosure (one row, however many people it carried)",
)
def record_run(request: HttpRequest, routine_id: int, payload: RunIn) -> Status[dict[str, Any]]:
    require(request, "accountability.add_routinerun")
    routine = get_object_or_404(RoutineDisclosure, pk=routine_id)
    try:
        run = disclosures.record_run(routine, payload.ran_at, payload.record_count, payload.reference)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, {"id": run.pk, "routine": routine.name, "ran_at": run.ran_at, "record_count": run.record_count})


# --- Collection -----------------------------------------------------------------------------------


class PointOut(Schema):
    id: int
    name: str
    kind: str
    indirect: bool
    notice_version: int | None
    notice_complete: bool


@router.get("/collection/points", response=list[PointOut], summary="Collection points and their current notices")
def points(request: HttpRequest) -> list[dict[str, Any]]:
    require(request, "accountability.view_collectionpoint")
    result = []
    for p in CollectionPoint.objects.filter(active=True).prefetch_related("notices"):
        notice = p.current_notice()
        result.append(
            {
                "id": p.pk,
                "name": p.name,
                "kind": p.kind,
                "indirect": p.indirect,
                "notice_version": notice.version if notice else None,
                "notice_complete": bool(notice and notice.complete),
            }
        )
    return result


class CollectionIn(Schema):
    person_id: int
    point: str = Field(description="The collection point's name")
    collected_at: datetime
    source: str = Field("", description="Required for a referral or directory: who or where it came from")
    categories: list[str] | None = Field(None, description="Data category codes; default: the point's")
    notes: str = ""


class CollectionOut(Schema):
    id: int
    person_id: int
    point: str
    collected_at: datetime
    notice_status: str
    notice_version: int | None
    notice_due: datetime | None
    notice_rule: str
    notice_explanation: str


def _collection_out(c: Any) -> dict[str, Any]:
    return {
        "id": c.pk,
        "person_id": c.person_id,
        "point": c.point.name,
        "collected_at": c.collected_at,
        "notice_status": c.notice_status,
        "notice_version": c.notice.version if c.notice else None,
        "notice_due": c.notice_due,
        "notice_rule": c.notice_rule,
        "notice_explanation": c.notice_explanation,
    }


@router.post(
    "/collection/",
    response={201: CollectionOut, 422: ErrorsOut},
    summary="Record where a person's information came from; an indirect collection queues the notice owed",
)
def record_collection(request: HttpRequest, payload: CollectionIn) -> Status[dict[str, Any]]:
    require(request, "accountability.add_collection")
    try:
        with transaction.atomic():
            record = collection.record_collection(
                person=_person(payload.person_id),
                point=_named(CollectionPoint, "name", payload.point, "point"),
                collected_at=payload.collected_at,
                source=payload.source,
                categories=_categories(payload.categories) if payload.categories is not None else None,
                notes=payload.notes,
            )
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, _collection_out(record))


@router.get("/collection/notices-due", response=list[CollectionOut], summary="Notices owed, soonest due first")
def notices_due(request: HttpRequest) -> list[dict[str, Any]]:
    require(request, "accountability.view_collection")
    return [_collection_out(c) for c in collection.notices_due()[:500]]


# --- Service-provider access ----------------------------------------------------------------------


class AccessIn(Schema):
    client: str = Field(description="The client organisation's name")
    system: str = Field(description="The client system's name")
    staff: str = Field(description="The staff member's username or email")
    accessed_at: datetime
    ended_at: datetime | None = None
    ticket: str = ""
    reason: str = Field(min_length=1)


class AccessOut(Schema):
    id: int
    client: str
    system: str
    staff: str
    accessed_at: datetime
    ended_at: datetime | None
    ticket: str
    reason: str


def _access_out(a: Any) -> dict[str, Any]:
    return {
        "id": a.pk,
        "client": a.system.client.name,
        "system": a.system.name,
        "staff": a.staff.get_username(),
        "accessed_at": a.accessed_at,
        "ended_at": a.ended_at,
        "ticket": a.ticket,
        "reason": a.reason,
    }


@router.post(
    "/provider-access/",
    response={201: AccessOut, 422: ErrorsOut},
    summary="Log a staff member's access to a client's system (e.g. posted by the helpdesk)",
)
def log_access(request: HttpRequest, payload: AccessIn) -> Status[dict[str, Any]]:
    require(request, "accountability.add_clientaccess")
    try:
        client = _named(ClientOrganisation, "name", payload.client, "client")
        system = ClientSystem.objects.filter(client=client, name=payload.system).first()
        if system is None:
            names = ", ".join(client.systems.values_list("name", flat=True)) or "none recorded"
            raise ValidationError({"system": f"{client.name} has no system {payload.system!r}; known: {names}."})
        access = providers.log_access(
            system=system,
            staff=providers.staff_member(payload.staff),
            accessed_at=payload.accessed_at,
            ended_at=payload.ended_at,
            ticket=payload.ticket,
            reason=payload.reason,
            channel="api",
        )
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, _access_out(access))


class ReportOut(Schema):
    client: str
    since: datetime
    until: datetime
    total: int
    without_ticket: int
    by_staff: dict[str, int]
    by_system: dict[str, int]
    accesses: list[AccessOut]


@router.get(
    "/provider-access/report",
    response={200: ReportOut, 422: ErrorsOut},
    summary="A client's access report for a period (from and to dates, the 'to' day not included)",
)
def access_report(request: HttpRequest, client: str, since: date, until: date) -> Status[dict[str, Any]]:
    require(request, "accountability.view_clientaccess")
    zone = timezone.get_current_timezone()
    try:
        organisation = _named(ClientOrganisation, "name", client, "client")
        report = providers.report(
            organisation, datetime.combine(since, time.min, zone), datetime.combine(until, time.min, zone)
        )
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(
        200,
        {
            "client": organisation.name,
            "since": report.since,
            "until": report.until,
            "total": len(report.accesses),
            "without_ticket": report.without_ticket,
            "by_staff": dict(report.by_staff),
            "by_system": dict(report.by_system),
            "accesses": [_access_out(a) for a in report.accesses],
        },
    )


# --- Agreements -----------------------------------------------------------------------------------


class TermsOut(Schema):
    system: str
    status: str = Field(description="current, expiring, expired or none")
    problem: bool
    message: str
    agreements: list[str]


@router.get("/agreements/check", response=list[TermsOut], summary="Does every processor have current privacy terms?")
def agreements_check(request: HttpRequest, on: date | None = None) -> list[dict[str, Any]]:
    require(request, "accountability.view_agreement")
    return [
        {
            "system": s.system.name,
            "status": s.status,
            "problem": s.problem,
            "message": s.message,
            "agreements": [a.title for a in s.agreements],
        }
        for s in agreements.processor_terms(on or timezone.localdate())
    ]
