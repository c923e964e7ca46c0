"""Law engine endpoints: deadlines (and, as the engine grows, grounds and decisions)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from privacydesk.law import DUTIES, LawError, deadline

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
