"""Run the detectors over a text and keep, for each stretch of text, the likeliest identifier.

A candidate is reported only if it validates (a number that fails its checksum is never reported as
that identifier). Its score starts at the detector's base, rises when one of the detector's context
words appears within its window before it (or just after), and falls when a reference word ("invoice",
"order", "ticket") comes just before. Detectors whose check passes too many random numbers report only
with a context word. Where findings overlap (a nine-digit number that passes both the TFN and ACN
checks), the higher score wins, then the longer span. Findings scoring under ``MIN_SCORE`` are dropped.
"""

from __future__ import annotations

from collections.abc import Iterable

from privacydesk.scan.detectors import (
    Detector,
    address,
    au_medicare,
    au_tfn,
    banking,
    checksummed,
    contact,
    dates,
    documents,
    health,
    nz_nhi,
    person,
    secrets,
)
from privacydesk.scan.finding import Finding

MIN_SCORE = 0.4
PENALTY = 0.4  # a reference word just before: "Invoice 123 456 782" is not a TFN
AFTER = 15  # characters after a candidate searched for context words ("4111… (Visa)")

DETECTORS: tuple[Detector, ...] = (
    contact.EMAIL,
    contact.PHONE,
    contact.IP_ADDRESS,
    checksummed.CREDIT_CARD,
    checksummed.IBAN,
    au_tfn.DETECTOR,
    checksummed.AU_ABN,
    checksummed.AU_ACN,
    au_medicare.DETECTOR,
    banking.AU_BSB_ACCOUNT,
    documents.AU_PASSPORT,
    documents.AU_DRIVER_LICENCE,
    checksummed.NZ_IRD,
    nz_nhi.DETECTOR,
    banking.NZ_BANK_ACCOUNT,
    dates.DATE_OF_BIRTH,
    secrets.SECRET,
    secrets.PIN,
    secrets.TOKEN,
    address.STREET_ADDRESS,
    address.PO_BOX,
    person.PERSON,
    health.HEALTH,
)
ENTITIES = tuple(dict.fromkeys(d.entity for d in DETECTORS))


def _context(detector: Detector, lowered: str, start: int, end: int) -> tuple[float, str]:
    before = lowered[max(0, start - detector.window) : start]
    after = lowered[end : end + AFTER]
    for word in detector.context:
        if word in before or word in after:
            return detector.context_boost, f"context: {word!r}"
    for word in detector.negative_context:
        if word in before[-20:]:
            return -PENALTY, f"context against: {word!r}"
    return 0.0, ""


def _candidates(text: str, detectors: Iterable[Detector]) -> list[Finding]:
    lowered = text.lower()
    found = []
    for detector in detectors:
        if detector.finder is not None:
            for start, end, score, reason in detector.finder(text):
                found.append(Finding(detector.entity, start, end, text[start:end], score, reason))
            continue
        group = detector.group
        for match in detector.pattern.finditer(text):
            candidate = match.group(group)
            if not detector.validate(candidate):
                continue
            start, end = match.span(group)
            boost, why = _context(detector, lowered, start, end)
            if detector.needs_context and boost <= 0:
                continue
            score = round(max(0.05, min(1.0, detector.score + boost)), 2)
            reason = detector.reason + (f"; {why}" if why else "")
            found.append(Finding(detector.entity, start, end, candidate, score, reason))
    return found


def scan(text: str, detectors: Iterable[Detector] = DETECTORS, min_score: float = MIN_SCORE) -> list[Finding]:
    """Every identifier found in ``text``, in order, overlaps resolved by score then length."""
    ranked = sorted(
        (f for f in _candidates(text, detectors) if f.score >= min_score),
        key=lambda f: (-f.score, f.start - f.end, f.start),
    )
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
