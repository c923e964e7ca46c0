"""Australian tax file number: nine digits, often written 123 456 782.

Check: the digits weighted 1, 4, 3, 7, 5, 8, 6, 9, 10 sum to a multiple of 11 — the ATO's published
description, worked through for 123 456 782 (sum 253 = 23 × 11). Older eight-digit TFNs exist, but
sources disagree on their weights and we have not yet checked them against the ATO: they are not
reported (a known gap, not a guess). Reported only with a TFN word nearby: see ``DETECTOR``.

>>> is_valid("123 456 782")
True
>>> is_valid("123 456 783")
False
"""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector, Runs, digits

WEIGHTS = (1, 4, 3, 7, 5, 8, 6, 9, 10)


def is_valid(candidate: str) -> bool:
    number = digits(candidate)
    if len(number) != 9 or len(set(number)) == 1:
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, number, strict=True)) % 11 == 0


DETECTOR = Detector(
    entity="AU_TFN",
    pattern=re.compile(r"\d(?<![\d-]\d)\d{2}[ -]?\d{3}[ -]?\d{3}(?![\d-])"),
    validate=is_valid,
    runs=Runs(min_digits=9),
    score=0.6,
    context=("tfn", "tax file", "tax-file"),
    context_boost=0.35,
    # The check passes one random nine-digit number in eleven, and tickets are full of nine-digit
    # order, receipt and contract numbers: reported only with a TFN word nearby (as ACN and IRD are).
    needs_context=True,
)
