"""Request endpoints for the business's own systems: log a request taken by phone or at the front
desk (verified by staff, so no code is sent), read the queue on the legal clock, add a note, decide."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from privacydesk.api.auth import require
from privacydesk.api.errors import ErrorsOut, validation_errors
from privacydesk.audit import chain
from privacydesk.rights import services
from privacydesk.rights.models import KINDS, Request

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
