"""``POST /api/v1/scan``: find (and optionally redact) personal information in a text — a ticket
before it is stored, a note before it is exported. Tokens need the ``scan`` scope. The text is never
logged or kept."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from ninja import Field, Router, Schema

from privacydesk.api.auth import require
from privacydesk.api.errors import ErrorsOut, validation_errors
from privacydesk.scanning import services

router = Router(tags=["scanner"])


class ScanIn(Schema):
    text: str = Field(description=f"At most {services.MAX_CHARACTERS:,} characters")
    entities: list[str] | None = Field(None, description="Types to look for (default: all)")
    min_score: float = Field(0.4, description="Report findings scoring at least this (0–1)")
    redact: bool = Field(False, description="Also return the text with the findings replaced")
    policy: dict[str, str] = Field(
        default_factory=dict, description="Per type: type, mask, last4, hash or keep (cards default to last4)"
    )
    default: str = Field("type", description="Policy for types not named in policy")


class EntityOut(Schema):
    type: str
    start: int
    end: int
    text: str
    score: float
    reason: str


class RedactionOut(Schema):
    type: str
    policy: str
    start: int
    end: int
    original_start: int
    original_end: int


class ScanOut(Schema):
    entities: list[EntityOut]
    redacted: str | None
    redactions: list[RedactionOut]


@router.post("", response={200: ScanOut, 422: ErrorsOut}, summary="Find and optionally redact personal information")
def scan_text(request: HttpRequest, payload: ScanIn) -> Any:
    require(request, "scanning.scan_text")
    try:
        return services.run(services.ScanRequest(**payload.dict()))
    except ValidationError as exc:
        return validation_errors(exc)
