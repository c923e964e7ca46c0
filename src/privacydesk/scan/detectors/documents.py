"""Australian passport and driver licence numbers. Neither has a public check digit and both look like
many other codes (a passport number is a letter or two and seven digits; a licence number is six to ten
digits or letters, by state), so both are reported only with a word that names the document nearby."""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector, Runs

AU_PASSPORT = Detector(
    entity="AU_PASSPORT",
    pattern=re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]?\d{7}(?![\w-])"),
    runs=Runs(min_digits=7, lead=2),
    score=0.45,
    context=("passport",),
    context_boost=0.45,
    needs_context=True,
    reason="passport pattern",
)


def _licence_shape(candidate: str) -> bool:
    # At least five digits: words such as "updated" never pass, and nor do most product codes.
    return sum(ch.isdigit() for ch in candidate) >= 5


AU_DRIVER_LICENCE = Detector(
    entity="AU_DRIVER_LICENCE",
    pattern=re.compile(
        r"[A-Z\d](?<![\w-][A-Z\d])(?:(?<=[A-Z])[A-Z]?\d{5,10}|(?<=\d)\d{4,9}|(?<=\d)\d{0,3}[A-Z]{1,2}\d{2,6})(?![\w-])"
    ),
    validate=_licence_shape,
    runs=Runs(lead=2, trail=12),  # letters can come before, between and after its digits
    score=0.4,
    context=("licence", "license", "driver", "dl no", "dl#", "dl:", "dl number"),
    context_boost=0.45,
    needs_context=True,
    reason="licence pattern",
    window=30,
)
