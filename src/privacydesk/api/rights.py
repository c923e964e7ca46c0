"""Request endpoints for the business's own systems: log a request taken by phone or at the front
desk (verified by staff, so no code is sent), read the queue on the legal clock, and every step the
console offers — assign, note, link the person's record, estimate a charge, extend, decide, reopen,
tell earlier recipients of a correction, keep the person's statement, decide an identity document —
with the letters sent and their PDFs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from privacydesk.api.auth import require
from privacydesk.api.errors import ErrorsOut, validation_errors
from privacydesk.audit import chain
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory
from privacydesk.rights import documents, services
from privacydesk.rights.models import KINDS, IdentityDocument, Message, Request

router = Router(tags=["requests"])


class RequestOut(Schema):
    id: int
    reference: str
    kind: str
    jurisdiction: str
    status: str
    requester_name: str
    requester_email: str
    received_at: datetime
    due_at: datetime | None
    due_citation: str
    due_explanation: str
    due_is_benchmark: bool
    at_risk: str = Field(description="overdue, at_risk (due within 5 days) or empty")
    person_id: int | None
    assigned_to: str
    outcome: str
    grounds: list[str]


def _out(r: Request) -> dict[str, Any]:
    return {
        "id": r.pk,
        "reference": r.reference,
        "kind": r.kind,
        "jurisdiction": r.jurisdiction,
        "status": r.status,
        "requester_name": r.requester_name,
        "requester_email": r.requester_email,
        "received_at": r.received_at,
        "due_at": r.due_at,
        "due_citation": r.due_citation,
        "due_explanation": r.due_explanation,
        "due_is_benchmark": r.due_benchmark,
        "at_risk": services.at_risk(r),
        "person_id": r.person_id,
        "assigned_to": r.assigned_to.get_username() if r.assigned_to else "",
        "outcome": r.outcome,
        "grounds": list(r.grounds),
    }


@router.get("/", response=list[RequestOut], summary="Open requests, soonest legal due date first")
def queue(request: HttpRequest) -> list[dict[str, Any]]:
    require(request, "rights.view_request")
    return [_out(r) for r in services.queue()[:500]]


@router.get("/{request_id}", response=RequestOut, summary="One request (the view is audited)")
def read(request: HttpRequest, request_id: int) -> dict[str, Any]:
    require(request, "rights.view_request")
    made = get_object_or_404(Request, pk=request_id)
    chain.record_view(made, what="api", reason="request handling")
    return _out(made)


class RequestIn(Schema):
    kind: str = Field(description=", ".join(k for k, _ in KINDS))
    requester_name: str
    requester_email: str
    country: str = ""
    jurisdiction: str = Field("", description="au, nz or eu; empty: inferred from the country")
    details: str = ""
    received_at: datetime | None = Field(None, description="When it was received (default now); with its offset")
    identity_checked_by: str = Field(min_length=1, description="How staff confirmed who the requester is")


@router.post(
    "/",
    response={201: RequestOut, 422: ErrorsOut},
    summary="Log a request received another way; staff have confirmed the requester's identity",
)
def create(request: HttpRequest, payload: RequestIn) -> Status[dict[str, Any]]:
    require(request, "rights.change_request")
    if payload.received_at is not None and timezone.is_naive(payload.received_at):
        return validation_errors(ValidationError({"received_at": "Give the time with its UTC offset."}))
    fields = payload.dict(exclude={"received_at", "identity_checked_by"})
    try:
        with transaction.atomic():
            made = services.submit_verified(
                services.Submission(**fields), payload.identity_checked_by, payload.received_at
            )
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, _out(made))


class NoteIn(Schema):
    text: str = Field(min_length=1)


@router.post("/{request_id}/notes", response={201: dict[str, str], 422: ErrorsOut}, summary="Add an internal note")
def note(request: HttpRequest, request_id: int, payload: NoteIn) -> Status[dict[str, str]]:
    require(request, "rights.change_request")
    made = get_object_or_404(Request, pk=request_id)
    services.add_note(made, request.user.get_username(), payload.text)
    return Status(201, {"reference": made.reference})


class DecideIn(Schema):
    outcome: str = Field(description="fulfilled, partly or refused")
    grounds: list[str] = Field([], description="Codes from /api/v1/law/grounds for the request's law and kind")
    text: str = ""
    evaluative_explanation: str = ""
    intermediary: str = ""


@router.post(
    "/{request_id}/decide",
    response={200: RequestOut, 422: ErrorsOut},
    summary="Decide; the letter with reasons (and any download link) is emailed to the requester",
)
def decide(request: HttpRequest, request_id: int, payload: DecideIn) -> Status[dict[str, Any]]:
    require(request, "rights.decide_request")
    made = get_object_or_404(Request, pk=request_id)
    decision = services.DecisionInput(
        payload.outcome, payload.grounds, payload.text, payload.evaluative_explanation, payload.intermediary
    )
    try:
        services.decide(made, decision, request.user)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(200, _out(made))


def _act(made: Request, action: Any) -> Status[dict[str, Any]]:
    """Run one step in a transaction: a 422 with the field at fault, or the request as it now is."""
    try:
        with transaction.atomic():
            action()
    except ValidationError as exc:
        return validation_errors(exc)
    made.refresh_from_db()
    return Status(200, _out(made))


class AssignIn(Schema):
    username: str = Field("", description="A privacy officer's username; empty to unassign")


@router.post("/{request_id}/assign", response={200: RequestOut, 422: ErrorsOut}, summary="Assign to a privacy officer")
def assign(request: HttpRequest, request_id: int, payload: AssignIn) -> Status[dict[str, Any]]:
    require(request, "rights.change_request")
    made = get_object_or_404(Request, pk=request_id)
    return _act(made, lambda: services.assign(made, services.assignee(payload.username)))


class PersonIn(Schema):
    person_id: int


@router.post("/{request_id}/person", response={200: RequestOut, 422: ErrorsOut}, summary="Link the person's record")
def link_person(request: HttpRequest, request_id: int, payload: PersonIn) -> Status[dict[str, Any]]:
    require(request, "rights.change_request")
    made = get_object_or_404(Request, pk=request_id)
    person = Person.objects.filter(pk=payload.person_id).first()
    if person is None:
        return validation_errors(ValidationError({"person_id": "There is no person with that record number."}))
    return _act(made, lambda: services.link_person(made, person))


class ChargeIn(Schema):
    amount: Decimal = Field(ge=0, max_digits=8, decimal_places=2)
    basis: str = Field(description="What the charge covers")


@router.post(
    "/{request_id}/charge",
    response={200: RequestOut, 422: ErrorsOut},
    summary="Estimate the charge for giving access (where the law allows one); emailed before work starts",
)
def charge(request: HttpRequest, request_id: int, payload: ChargeIn) -> Status[dict[str, Any]]:
    require(request, "rights.decide_request")
    made = get_object_or_404(Request, pk=request_id)
    return _act(made, lambda: services.estimate_charge(made, payload.amount, payload.basis))


class ExtendIn(Schema):
    reason: str
    new_due: date | None = Field(None, description="AU/NZ: the reasonable new date; EU: omit (three months)")


@router.post(
    "/{request_id}/extend",
    response={200: RequestOut, 422: ErrorsOut},
    summary="Extend where the law allows; the notice the law requires is emailed",
)
def extend(request: HttpRequest, request_id: int, payload: ExtendIn) -> Status[dict[str, Any]]:
    require(request, "rights.decide_request")
    made = get_object_or_404(Request, pk=request_id)
    return _act(made, lambda: services.extend(made, payload.reason, payload.new_due))


class ReasonIn(Schema):
    reason: str


@router.post("/{request_id}/reopen", response={200: RequestOut, 422: ErrorsOut}, summary="Reopen a decided request")
def reopen(request: HttpRequest, request_id: int, payload: ReasonIn) -> Status[dict[str, Any]]:
    require(request, "rights.decide_request")
    made = get_object_or_404(Request, pk=request_id)
    return _act(made, lambda: services.reopen(made, payload.reason))


class CorrectionNoticeIn(Schema):
    categories: list[str] = Field(description="Codes of the data categories corrected (from /api/v1/register)")


class CorrectionNoticeOut(Schema):
    emailed: list[str]
    other_way: list[str] = Field(description="Recipients without an email address: tell them another way")


@router.post(
    "/{request_id}/correction-notices",
    response={200: CorrectionNoticeOut, 422: ErrorsOut},
    summary="Tell earlier recipients of the corrected information (APP 13.2, GDPR Art 19)",
)
def correction_notices(request: HttpRequest, request_id: int, payload: CorrectionNoticeIn) -> Status[dict[str, Any]]:
    require(request, "rights.change_request")
    made = get_object_or_404(Request.objects.select_related("person"), pk=request_id)
    found = list(DataCategory.objects.filter(code__in=payload.categories))
    unknown = sorted(set(payload.categories) - {c.code for c in found})
    if unknown:
        return validation_errors(ValidationError({"categories": f"No data category with code {', '.join(unknown)}."}))
    try:
        with transaction.atomic():
            result = services.notify_correction(made, found)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(200, {"emailed": result.emailed, "other_way": result.other_way})


class StatementIn(Schema):
    text: str


@router.post(
    "/{request_id}/statement",
    response={201: dict[str, str], 422: ErrorsOut},
    summary="Keep the person's statement with their record after a refused correction (APP 13.4, IPP 7)",
)
def statement(request: HttpRequest, request_id: int, payload: StatementIn) -> Status[dict[str, str]]:
    require(request, "rights.change_request")
    made = get_object_or_404(Request.objects.select_related("person"), pk=request_id)
    try:
        services.record_statement(made, payload.text)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(201, {"reference": made.reference})


class DocumentDecisionIn(Schema):
    decision: str = Field(description="accepted or rejected; the document is deleted either way")


@router.post(
    "/{request_id}/documents/{document_id}/decide",
    response={200: dict[str, str], 422: ErrorsOut},
    summary="Decide an uploaded identity document; the file is deleted",
)
def document_decide(
    request: HttpRequest, request_id: int, document_id: int, payload: DocumentDecisionIn
) -> Status[dict[str, str]]:
    require(request, "rights.change_request")
    document = get_object_or_404(IdentityDocument, pk=document_id, request_id=request_id)
    try:
        documents.decide(document, payload.decision)
    except ValidationError as exc:
        return validation_errors(exc)
    return Status(200, {"decision": payload.decision})


class LetterOut(Schema):
    id: int
    kind: str
    to: str
    subject: str
    sent_at: datetime
    body: str = Field(description="The text as sent (a one-time code is not shown)")
    pdf: str = Field(description="Where to fetch the PDF copy, or empty where none was attached")


@router.get("/{request_id}/letters", response=list[LetterOut], summary="Letters and emails sent (the view is audited)")
def letters(request: HttpRequest, request_id: int) -> list[dict[str, Any]]:
    require(request, "rights.view_request")
    made = get_object_or_404(Request, pk=request_id)
    chain.record_view(made, what="letters", reason="request handling")
    return [
        {
            "id": m.pk,
            "kind": m.kind,
            "to": m.to,
            "subject": m.subject,
            "sent_at": m.sent_at,
            "body": "(the one-time code is not shown)" if m.kind == "verification" else m.body,
            "pdf": f"/api/v1/requests/{made.pk}/letters/{m.pk}/pdf" if m.has_pdf else "",  # type: ignore[attr-defined]
        }
        for m in services.letters(made)
    ]


@router.get(
    "/{request_id}/letters/{letter_id}/pdf",
    summary="The PDF copy of a letter, as attached (the view is audited)",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def letter_pdf(request: HttpRequest, request_id: int, letter_id: int) -> HttpResponse:
    require(request, "rights.view_request")
    letter = get_object_or_404(
        Message.objects.select_related("request"), pk=letter_id, request_id=request_id, pdf__isnull=False
    )
    chain.record_view(letter.request, what="letter", reason=f"letter {letter.pdf_name}")
    response = HttpResponse(bytes(letter.pdf or b""), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{letter.pdf_name}"'
    return response
