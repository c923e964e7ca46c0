"""Redaction: replace what the scanner found, entity by entity, with the policy chosen for it.

Policies:
- ``type``: the entity name in brackets, ``[AU_TFN]`` (the default);
- ``mask``: every letter and digit replaced by ``*``, separators kept (the text keeps its shape);
- ``last4``: as ``mask`` but the last four digits stay readable (the default for payment cards, as PCI
  DSS allows a card number to be shown);
- ``hash``: ``[AU_TFN:1f3a…]``, a keyed HMAC-SHA256 of the value with separators removed, so the same
  number redacts to the same token everywhere (records can still be joined) but cannot be guessed back
  without the key — nine-digit numbers are far too few to hash unkeyed;
- ``keep``: left as it is.

Each redaction reports where its replacement now sits in the output, so offsets stay consistent for
whoever stores or highlights them.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from privacydesk.scan.finding import Finding

POLICIES = ("type", "mask", "last4", "hash", "keep")
DEFAULT_POLICY: Mapping[str, str] = {"CREDIT_CARD": "last4"}


@dataclass(frozen=True, slots=True)
class Redaction:
    entity: str
    policy: str
    start: int  # where the replacement sits in the redacted text
    end: int
    original_start: int  # where the value sat in the input
    original_end: int

    def as_dict(self) -> dict[str, object]:
        return {
            "type": self.entity,
            "policy": self.policy,
            "start": self.start,
            "end": self.end,
            "original_start": self.original_start,
            "original_end": self.original_end,
        }


class RedactionError(ValueError):
    """A policy that does not exist, or ``hash`` without a key."""


def _mask(value: str, keep_last: int = 0) -> str:
    alnum = [i for i, ch in enumerate(value) if ch.isalnum()]
    shown = set(alnum[-keep_last:]) if keep_last else set()
    return "".join(ch if (not ch.isalnum() or i in shown) else "*" for i, ch in enumerate(value))


def replacement(finding: Finding, policy: str, key: bytes | None = None) -> str:
    if policy == "type":
        return f"[{finding.entity}]"
    if policy == "mask":
        return _mask(finding.text)
    if policy == "last4":
        return _mask(finding.text, keep_last=4)
    if policy == "hash":
        if not key:
            raise RedactionError("the hash policy needs a key (PRIVACYDESK_REDACTION_KEY)")
        canonical = "".join(ch for ch in finding.text if ch.isalnum()).upper()
        digest = hmac.new(key, f"{finding.entity}:{canonical}".encode(), hashlib.sha256).hexdigest()[:16]
        return f"[{finding.entity}:{digest}]"
    if policy == "keep":
        return finding.text
    raise RedactionError(f"unknown redaction policy {policy!r} (choose from {', '.join(POLICIES)})")


def check_policy(policy: Mapping[str, str], key: bytes | None = None) -> None:
    """Fail before any text is touched: unknown policies, and ``hash`` without a key."""
    for entity, chosen in policy.items():
        if chosen not in POLICIES:
            raise RedactionError(f"{entity}: unknown redaction policy {chosen!r} (choose from {', '.join(POLICIES)})")
        if chosen == "hash" and not key:
            raise RedactionError(f"{entity}: the hash policy needs a key (PRIVACYDESK_REDACTION_KEY)")


def redact(
    text: str,
    findings: Sequence[Finding],
    policy: Mapping[str, str] | None = None,
    default: str = "type",
    key: bytes | None = None,
) -> tuple[str, list[Redaction]]:
    """``text`` with every finding replaced, and where each replacement sits in the result.

    ``policy`` maps entity names to policies; entities not named get ``DEFAULT_POLICY``'s choice, then
    ``default``. Findings must not overlap (the engine's output never does)."""
    chosen = {**DEFAULT_POLICY, **(policy or {})}
    check_policy({**chosen, "*": default}, key)
    parts: list[str] = []
    redactions: list[Redaction] = []
    cursor = 0
    out_length = 0
    for finding in sorted(findings, key=lambda f: f.start):
        if finding.start < cursor:
            raise RedactionError(f"findings overlap at offset {finding.start}")
        kept = text[cursor : finding.start]
        parts.append(kept)
        out_length += len(kept)
        how = chosen.get(finding.entity, default)
        new = replacement(finding, how, key)
        parts.append(new)
        redactions.append(Redaction(finding.entity, how, out_length, out_length + len(new), finding.start, finding.end))
        out_length += len(new)
        cursor = finding.end
    parts.append(text[cursor:])
    return "".join(parts), redactions
