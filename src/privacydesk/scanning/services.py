"""Scanning and redacting one text for the API and the console, with the request checked first: every
problem is reported against the field it is in, before any text is scanned."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError

from privacydesk.scan.engine import ENTITIES, detectors_for, scan
from privacydesk.scan.redact import DEFAULT_POLICY, POLICIES, redact

MAX_CHARACTERS = 1_000_000  # beyond this, `privacydesk scan` streams a file of any size


@dataclass
class ScanRequest:
    text: str
    entities: list[str] | None = None
    min_score: float = 0.4
    redact: bool = False
    policy: Mapping[str, str] = field(default_factory=dict)
    default: str = "type"


def redaction_key() -> bytes | None:
    """The key for the ``hash`` policy: PRIVACYDESK_REDACTION_KEY, never a default (a hash of a TFN
    with a known key can be reversed by trying every TFN)."""
    return os.environ.get("PRIVACYDESK_REDACTION_KEY", "").encode() or None


def check(request: ScanRequest) -> None:
    errors: dict[str, list[str]] = {}
    if len(request.text) > MAX_CHARACTERS:
        errors["text"] = [
            f"{len(request.text):,} characters; at most {MAX_CHARACTERS:,} here (the CLI's `privacydesk scan` streams "
            "files of any size)"
        ]
    unknown = sorted(set(request.entities or ()) - set(ENTITIES))
    if unknown:
        errors["entities"] = [f"unknown type(s) {', '.join(unknown)}; known: {', '.join(ENTITIES)}"]
    if not 0 <= request.min_score <= 1:
        errors["min_score"] = ["must be between 0 and 1"]
    for entity, policy in request.policy.items():
        if entity not in ENTITIES:
            errors.setdefault(f"policy.{entity}", []).append(f"unknown type; known: {', '.join(ENTITIES)}")
        if policy not in POLICIES:
            errors.setdefault(f"policy.{entity}", []).append(
                f"unknown policy {policy!r}; choose from {', '.join(POLICIES)}"
            )
    if request.default not in POLICIES:
        errors["default"] = [f"unknown policy {request.default!r}; choose from {', '.join(POLICIES)}"]
    if request.redact and "hash" in {*request.policy.values(), request.default} and redaction_key() is None:
        errors["policy"] = ["the hash policy needs PRIVACYDESK_REDACTION_KEY set on the server"]
    if errors:
        raise ValidationError(errors)


def run(request: ScanRequest) -> dict[str, Any]:
    """Findings (and, if asked, the redacted text with where each replacement sits)."""
    check(request)
    detectors = detectors_for(request.entities or None)
    findings = scan(request.text, detectors, request.min_score)
    result: dict[str, Any] = {"entities": [f.as_dict() for f in findings], "redacted": None, "redactions": []}
    if request.redact:
        text, done = redact(
            request.text, findings, {**DEFAULT_POLICY, **request.policy}, request.default, redaction_key()
        )
        result["redacted"] = text
        result["redactions"] = [r.as_dict() for r in done]
    return result
