"""Run the detectors over a text and keep, for each stretch of text, the likeliest identifier.

A candidate is reported only if it validates (a number that fails its checksum is never reported as
that identifier). Its score starts at the detector's base, rises when one of the detector's context
words appears within ``WINDOW`` characters before it (or just after), and falls when an "invoice",
"order" or "ticket" word does. Detectors whose check passes too many random numbers report only with
a context word. Where findings overlap (a nine-digit number that passes both the TFN and ACN checks),
the higher score wins.
"""

from __future__ import annotations

from collections.abc import Iterable

from privacydesk.scan.detectors import Detector, au_medicare, au_tfn, checksummed, nz_nhi
from privacydesk.scan.finding import Finding

WINDOW = 40

DETECTORS: tuple[Detector, ...] = (
    checksummed.CREDIT_CARD,
    checksummed.IBAN,
    au_tfn.DETECTOR,
    checksummed.AU_ABN,
    checksummed.AU_ACN,
    au_medicare.DETECTOR,
    checksummed.NZ_IRD,
    nz_nhi.DETECTOR,
)


def _context(detector: Detector, lowered: str, start: int, end: int) -> tuple[float, str]:
    before = lowered[max(0, start - WINDOW) : start]
    after = lowered[end : end + 15]
    for word in detector.context:
        if word in before or word in after:
            return detector.context_boost, f"context: {word!r}"
    for word in detector.negative_context:
        if word in before[-20:]:
            return -0.3, f"context against: {word!r}"
    return 0.0, ""


def _candidates(text: str, detectors: Iterable[Detector]) -> list[Finding]:
    lowered = text.lower()
    found = []
    for detector in detectors:
        for match in detector.pattern.finditer(text):
            candidate = match.group()
            if not detector.validate(candidate):
                continue
            boost, why = _context(detector, lowered, match.start(), match.end())
            if detector.needs_context and boost <= 0:
                continue
            score = round(max(0.05, min(1.0, detector.score + boost)), 2)
            reason = detector.reason + (f"; {why}" if why else "")
            found.append(Finding(detector.entity, match.start(), match.end(), candidate, score, reason))
    return found


def scan(text: str, detectors: Iterable[Detector] = DETECTORS) -> list[Finding]:
    """Every identifier found in ``text``, in order, overlaps resolved by score."""
    ranked = sorted(_candidates(text, detectors), key=lambda f: (-f.score, f.start))
    kept: list[Finding] = []
    for finding in ranked:
        if all(finding.end <= k.start or finding.start >= k.end for k in kept):
            kept.append(finding)
    return sorted(kept, key=lambda f: f.start)
