"""Consent endpoints for the business's other systems: "may I send program P by channel C to this
address?", the same for a whole list, recording a choice made elsewhere, and the List-Unsubscribe
headers to put on a message. Tokens for these are usually scoped to ``consent:check`` or
``consent:record`` (accounts.scopes)."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any, Literal

from django.core.exceptions import ValidationError
from django.http import HttpRequest, JsonResponse
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status

from privacydesk.accountability.models import ClientOrganisation
from privacydesk.api.auth import require
from privacydesk.api.errors import ErrorsOut, validation_errors
from privacydesk.audit import chain
from privacydesk.consent import batch, links, publication, services
from privacydesk.consent.models import ConsentEvent, Program, Propagation
from privacydesk.people.models import Person

router = Router(tags=["consent"])

MAX_BATCH_BYTES = 64 * 1024 * 1024  # a million addresses as CSV is about 30 MB


class ProgramOut(Schema):
    code: str
    name: str
    basis: str
    direct_marketing: bool
    default_on: bool
    channels: list[str]


@router.get("/programs", response=list[ProgramOut], summary="The programs and the channels each is sent by")
def programs(request: HttpRequest) -> list[dict[str, Any]]:
    require(request, "consent.view_program")
    return [
        {
            "code": p.code,
            "name": p.name,
            "basis": p.basis,
            "direct_marketing": p.direct_marketing,
            "default_on": p.default_on,
            "channels": [c.code for c in p.channels.all()],
        }
        for p in Program.objects.filter(active=True).prefetch_related("channels")
    ]


class EventOut(Schema):
    receipt: str
    action: str
    method: str
    occurred_at: str


class VerdictOut(Schema):
    allowed: bool
    code: str = Field(
        description="granted, default, withdrawn, no_consent, not_chosen, law, suppressed, unknown, invalid, "
        "inactive or channel"
    )
    reason: str
    citation: str
    event: EventOut | None = Field(description="The consent event the answer rests on, if any")


class CheckQuery(Schema):
    program: str
    channel: str = "email"
    email: str = ""
    phone: str = ""


def _program_channel(program: str, channel: str) -> tuple[Any, Any]:
    return services.program(program), services.channel(channel)


@router.get(
    "/check",
    response={200: VerdictOut, 422: ErrorsOut},
    summary="May this program be sent to this address by this channel? Allowed or blocked, with the reason",
)
def check(request: HttpRequest, query: Query[CheckQuery]) -> Status[dict[str, Any]] | JsonResponse:
    require(request, "consent.check_consent")
    try:
        prog, chan = _program_channel(query.program, query.channel)
        if bool(query.email) == bool(query.phone):
            raise ValidationError({"email": "Give either email or phone."})
        kind, value = ("email", query.email) if query.email else ("phone", query.phone)
        verdict = services.check_address(kind, value, prog, chan)
    except ValidationError as exc:
        return validation_errors(exc)
    # The verdict's shape is VerdictOut by construction (tests hold it to the schema); returning it
    # directly skips re-validating it on the API's busiest route.
    return JsonResponse(verdict.as_dict())


class FilterIn(Schema):
    program: str
    channel: str = "email"
    kind: Literal["email", "phone"] = "email"
    addresses: list[str] = Field(max_length=2_000_000)


class FilterOut(Schema):
    allowed: list[str] = Field(description="The addresses that may receive it, as given")
    blocked: int
    blocked_by_reason: dict[str, int]


@router.post(
    "/filter",
    response={200: FilterOut, 413: ErrorsOut, 422: ErrorsOut},
    summary="The subset of a list of addresses that may receive a program (JSON body, or text/csv with "
    "?program=&channel=&kind=)",
    openapi_extra={"requestBody": {"content": {"application/json": {"schema": FilterIn.model_json_schema()},
                                               "text/csv": {"schema": {"type": "string"}}}}},
)  # fmt: skip
def filter_(request: HttpRequest) -> Status[dict[str, Any]]:
    require(request, "consent.check_consent")
    if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BATCH_BYTES:
        return Status(413, {"detail": [{"field": "", "message": "Send at most 64 MB; split the list."}]})
    try:
        if request.content_type == "text/csv":
            params = request.GET
            payload = FilterIn(
                program=params.get("program", ""),
                channel=params.get("channel", "email"),
                kind=params.get("kind", "email"),  # type: ignore[arg-type]
                addresses=list(batch.read_csv(request.body.decode("utf-8-sig"))),
            )
        else:
            payload = FilterIn.model_validate(json.loads(request.body or b"{}"))
        prog, chan = _program_channel(payload.program, payload.channel)
    except ValidationError as exc:
        return validation_errors(exc)
    except (ValueError, UnicodeDecodeError) as exc:  # bad JSON, bad UTF-8, pydantic's errors
        return Status(422, {"detail": [{"field": "body", "message": str(exc)[:500]}]})
    result = batch.filter_addresses(payload.kind, payload.addresses, prog, chan)
    return Status(
        200,
        {"allowed": result.allowed, "blocked": result.blocked_total, "blocked_by_reason": dict(result.blocked)},
    )


class RecordIn(Schema):
    email: str = ""
    person_id: int | None = None
    program: str
    channel: str = "email"
    action: Literal["grant", "withdraw"]
    method: str = Field("api", description="How the person chose: web_form, phone, email_reply, … or api")
    occurred_at: datetime | None = Field(None, description="When the person chose (default now), with its offset")
    notice_text: str = Field("", description="What the person was shown when they chose")
    policy_version: str = ""
    evidence: dict[str, Any] = Field(default_factory=dict, description="Form id, message id, … (no personal data)")


class RecordOut(Schema):
    receipt: str
    person_id: int
    verdict: VerdictOut


def _person(email: str, person_id: int | None) -> Person:
    if person_id is not None:
        found = Person.objects.filter(pk=person_id).first()
        if found is None:
            raise ValidationError({"person_id": "There is no person with that record number."})
        return found
    person, normalised = services.find("email", email)
    if not normalised:
        raise ValidationError({"email": "Give a valid email address or a person_id."})
    if person is None:
        raise ValidationError({"email": "Nobody with this email address is on record; add the person first."})
    return person


@router.post(
    "/events",
    response={201: RecordOut, 422: ErrorsOut},
    summary="Record a grant or withdrawal made in another system (a sign-up form, a phone call)",
)
def record(request: HttpRequest, payload: RecordIn) -> Status[dict[str, Any]]:
    require(request, "consent.add_consentevent")
    try:
        prog, chan = _program_channel(payload.program, payload.channel)
        person = _person(payload.email, payload.person_id)
        token = getattr(request, "api_token", None)
        evidence = {**payload.evidence, **({"system": token.name} if token else {})}
        event = services.record(
            person,
            services.Choice(prog, chan, payload.action == "grant"),
            payload.method,
            occurred_at=payload.occurred_at,
            notice_text=payload.notice_text,
            policy_version=payload.policy_version,
            evidence=evidence,
        )
    except ValidationError as exc:
        return validation_errors(exc)
    verdict = services.check_person(person, prog, chan)
    return Status(201, {"receipt": str(event.receipt), "person_id": event.person_id, "verdict": verdict.as_dict()})


class HeadersIn(Schema):
    email: str
    program: str
    channel: str = "email"


class HeadersOut(Schema):
    headers: dict[str, str] = Field(description="Add these to the message (RFC 2369, RFC 8058)")
    unsubscribe_url: str
    preferences_url: str


@router.post(
    "/headers",
    response={200: HeadersOut, 422: ErrorsOut},
    summary="The List-Unsubscribe headers and links for one person's copy of a message",
)
def headers(request: HttpRequest, payload: HeadersIn) -> Status[dict[str, Any]]:
    require(request, "consent.check_consent")
    try:
        prog, chan = _program_channel(payload.program, payload.channel)
        person = services.current(_person(payload.email, None))
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(
        200,
        {
            "headers": links.list_headers(person, prog, chan),
            "unsubscribe_url": links.unsubscribe_url(person, prog, chan),
            "preferences_url": links.preferences_url(person),
        },
    )


class PreferenceOut(Schema):
    program: str
    channel: str
    receives: bool
    since: str | None


class HistoryOut(Schema):
    receipt: str
    program: str
    channel: str
    action: str
    method: str
    occurred_at: datetime
    recorded_by: str
    notice_text: str
    policy_version: str


class PersonConsentOut(Schema):
    preferences: list[PreferenceOut]
    history: list[HistoryOut]


@router.get("/people/{person_id}", response=PersonConsentOut, summary="A person's choices and history (audited)")
def person_consent(request: HttpRequest, person_id: int) -> dict[str, Any]:
    require(request, "consent.view_consentevent")
    person = get_object_or_404(Person, pk=person_id)
    chain.record_view(person, what="consent", reason="api")
    return {
        "preferences": [
            {
                "program": row.program.code,
                "channel": row.channel.code,
                "receives": row.receives,
                "since": row.event.occurred_at.isoformat() if row.event else None,
            }
            for row in services.preferences(person)
        ],
        "history": [_history(e) for e in services.history(person)],
    }


def _history(e: ConsentEvent) -> dict[str, Any]:
    return {
        "receipt": str(e.receipt),
        "program": e.program.code,
        "channel": e.channel.code,
        "action": e.action,
        "method": e.method,
        "occurred_at": e.occurred_at,
        "recorded_by": e.recorded_by,
        "notice_text": e.notice_text,
        "policy_version": e.policy_version,
    }


class OptOutOut(Schema):
    id: int
    system: str
    program: str
    channel: str
    addresses: list[str] = Field(description="Addresses to suppress in that system (cleared once confirmed)")
    withdrawn_at: datetime
    due_at: datetime | None = Field(description="The legal limit to apply it; equal to withdrawn_at: at once")
    citation: str
    confirmed_at: datetime | None


def _opt_out(p: Propagation) -> dict[str, Any]:
    return {
        "id": p.pk,
        "system": p.system.name,
        "program": p.event.program.code,
        "channel": p.event.channel.code,
        "addresses": p.addresses,
        "withdrawn_at": p.event.occurred_at,
        "due_at": p.due_at,
        "citation": p.citation,
        "confirmed_at": p.confirmed_at,
    }


@router.get(
    "/opt-outs",
    response=list[OptOutOut],
    summary="Opt-outs a mailing system must apply (pending by default), soonest due first",
)
def opt_outs(request: HttpRequest, system: str = "", pending: bool = True) -> list[dict[str, Any]]:
    require(request, "consent.view_propagation")
    found = (
        services.pending_propagations() if pending else Propagation.objects.select_related("event__program", "system")
    )
    found = found.select_related("event__channel")
    if system:
        found = found.filter(system__name=system)
    return [_opt_out(p) for p in found[:10_000]]


@router.post(
    "/opt-outs/{opt_out_id}/confirm",
    response={200: OptOutOut, 409: ErrorsOut},
    summary="Confirm the opt-out has been applied in that system (its addresses are then forgotten here)",
)
def confirm_opt_out(request: HttpRequest, opt_out_id: int) -> Status[dict[str, Any]]:
    require(request, "consent.change_propagation")
    propagation = get_object_or_404(Propagation, pk=opt_out_id)
    token = getattr(request, "api_token", None)
    by = f"api:{token.name}" if token else request.user.get_username()
    if not services.confirm_propagation(propagation, by):
        return Status(409, {"detail": [{"field": "", "message": "Already confirmed."}]})
    return Status(
        200,
        _opt_out(
            Propagation.objects.select_related("event__program", "event__channel", "system").get(pk=propagation.pk)
        ),
    )


class PublicationVerdictOut(Schema):
    allowed: bool
    reason: str
    permission: dict[str, Any] | None


@router.get(
    "/publication-check",
    response={200: PublicationVerdictOut, 422: ErrorsOut},
    summary="May we publish this kind of thing (testimonial, case study, …) about this client today?",
)
def publication_check(request: HttpRequest, client: str, kind: str) -> Status[dict[str, Any]]:
    require(request, "consent.view_publicationpermission")
    found = ClientOrganisation.objects.filter(name=client).first()
    if found is None:
        return validation_errors(ValidationError({"client": f"No client named {client!r}."}))
    try:
        return Status(200, publication.may_publish(found, kind).as_dict())
    except ValidationError as exc:
        return validation_errors(exc)


class PublicationIn(Schema):
    client: str
    kind: str
    representative_id: int
    scope: str
    granted_on: date
    expires_on: date | None = None
    evidence: str = ""


@router.post(
    "/publications",
    response={201: PublicationVerdictOut, 422: ErrorsOut},
    summary="Record a client's permission to publish (who authorised it, what, until when)",
)
def publication_grant(request: HttpRequest, payload: PublicationIn) -> Status[dict[str, Any]]:
    require(request, "consent.add_publicationpermission")
    found = ClientOrganisation.objects.filter(name=payload.client).first()
    representative = Person.objects.filter(pk=payload.representative_id).first()
    try:
        if found is None:
            raise ValidationError({"client": f"No client named {payload.client!r}."})
        if representative is None:
            raise ValidationError({"representative_id": "There is no person with that record number."})
        made = publication.grant(
            client=found, kind=payload.kind, representative=representative, scope=payload.scope,
            granted_on=payload.granted_on, expires_on=payload.expires_on, evidence=payload.evidence,
        )  # fmt: skip
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, publication.may_publish(found, made.kind, made.granted_on).as_dict())
