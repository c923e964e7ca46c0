"""Australian Medicare card number: ten digits (eight identifying, a check digit, an issue number),
often 2123 45670 1, sometimes with the one-digit individual reference number after it.

Check: the first digit is 2 to 6; the first eight digits weighted 1, 3, 7, 9, 1, 3, 7, 9 sum, modulo
10, to the ninth; the issue number (tenth) is not 0. Worked example: 2123 45670 1 — 2·1 + 1·3 + 2·7 +
3·9 + 4·1 + 5·3 + 6·7 + 7·9 = 170, and 170 mod 10 = 0, the ninth digit.

>>> is_valid("2123 45670 1")
True
>>> is_valid("2123 45671 1")
False
"""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector, Runs, digits

WEIGHTS = (1, 3, 7, 9, 1, 3, 7, 9)


def is_valid(candidate: str) -> bool:
    number = digits(candidate)
    if len(number) == 11:
        number = number[:10]  # the individual reference number follows the card number
    if len(number) != 10 or number[0] not in "23456" or number[9] == "0":
        return False
    return sum(w * int(d) for w, d in zip(WEIGHTS, number[:8], strict=True)) % 10 == int(number[8])


DETECTOR = Detector(
    entity="AU_MEDICARE",
    pattern=re.compile(r"[2-6](?<![\d-][2-6])\d{3}[ -]?\d{5}[ -]?\d(?:[ -/]?\d)?(?![\d-])"),
    validate=is_valid,
    runs=Runs(min_digits=10),
    score=0.55,
    context=("medicare",),
    context_boost=0.4,
)
