"""Law engine endpoints: deadlines (and, as the engine grows, grounds and decisions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from privacydesk.law import DUTIES, LawError, deadline
from privacydesk.law.grounds import REQUEST_KINDS, escalation, grounds

router = Router(tags=["law"])


class DeadlineOut(Schema):
    due: str | None = Field(description="End of the due day (or exact time) with offset; null when none is fixed")
    rule: str
    citation: str
    explanation: str
    jurisdiction: str
    duty: str
    subdivision: str | None
    start: str
    zone: str
    benchmark: bool = Field(description="True when the period is a regulator's benchmark, not a statutory limit")
    verified: bool = Field(description="False when the rule is confirmed only from secondary sources")


class LawErrorOut(Schema):
    detail: str


@router.get(
    "/deadline",
    response={200: DeadlineOut, 422: LawErrorOut},
    summary="When a duty is due, with the rule and its citation",
    description=f"Duties: {', '.join(DUTIES)}. Jurisdictions: au, nz, eu.",
)
def get_deadline(
    request: HttpRequest,
    jurisdiction: str,
    duty: str,
    start: datetime,
    subdivision: str | None = None,
) -> Status[dict[str, Any]]:
    try:
        return Status(200, deadline(jurisdiction, duty, start, subdivision).as_dict())
    except LawError as exc:
        return Status(422, {"detail": str(exc)})


class GroundOut(Schema):
    code: str
    citation: str
    label: str
    letter: str = Field(description='Completes "We have not done what you asked because ..."')


class RegulatorOut(Schema):
    name: str
    website: str
    phone: str
    citation: str
    when: str


class GroundsOut(Schema):
    jurisdiction: str
    kind: str
    grounds: list[GroundOut]
    escalation: RegulatorOut


@router.get(
    "/grounds",
    response={200: GroundsOut, 422: LawErrorOut},
    summary="Grounds for refusing or limiting a request, and where a complaint escalates",
    description=f"Kinds: {', '.join(REQUEST_KINDS)}.",
)
def get_grounds(
    request: HttpRequest, jurisdiction: str, kind: str, member_state: str | None = None
) -> Status[dict[str, Any]]:
    try:
        found = grounds(jurisdiction, kind)
        regulator = escalation(jurisdiction, member_state)
    except LawError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(
        200,
        {
            "jurisdiction": jurisdiction,
            "kind": kind,
            "grounds": [g.as_dict() for g in found],
            "escalation": regulator.as_dict(),
        },
    )
