"""One shape for validation errors across the API: each problem names its field."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from ninja import Field, Schema, Status


class FieldError(Schema):
    field: str
    message: str


class ErrorsOut(Schema):
    detail: list[FieldError]
    decision: dict[str, Any] | None = Field(None, description="The law engine's answer, when it refused")


def validation_errors(exc: ValidationError) -> Status[dict[str, Any]]:
    """A Django ValidationError as a 422 naming each field."""
    if not hasattr(exc, "error_dict"):
        return Status(422, {"detail": [{"field": "", "message": m} for m in exc.messages]})
    detail = [{"field": f, "message": m} for f, messages in exc.message_dict.items() for m in messages]
    return Status(422, {"detail": detail})
