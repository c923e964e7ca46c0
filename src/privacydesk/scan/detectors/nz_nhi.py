"""New Zealand National Health Index number, in both forms of HISO 10046:2023.

Letters are drawn from the 24 letters A–Z without I and O, valued A = 1 … Z = 24. The first six
characters are weighted 7, 6, 5, 4, 3, 2 and summed.
- Old form AAANNNC: the sum modulo 11 must not be 0; the check digit is 11 minus it (10 written as 0).
- New form AAANNAX (issued from July 2026): the check letter is the letter whose value is 23 minus the
  sum modulo 23 (a remainder of 0 is allowed and gives Y).
Written in capitals, as the Ministry of Health prints them.
Numbers starting with Z are reserved for testing: still reported (test data is often real data's
stand-in).

Worked examples: WLD9413 (sum 283, 283 mod 11 = 8, check 3); ZSC21TN (sum 332, 332 mod 23 = 10, check
value 13 = N); ZBN77VL (sum 334, mod 23 = 12, check 11 = L).

>>> is_valid("WLD9413"), is_valid("ZSC21TN"), is_valid("ZZZ0044"), is_valid("ZZZ00AA")
(True, True, False, False)
"""

from __future__ import annotations

import re

from privacydesk.scan.detectors import Detector

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ"
VALUES = {ch: i + 1 for i, ch in enumerate(ALPHABET)}
OLD = re.compile(r"[A-HJ-NP-Z]{3}\d{4}")
NEW = re.compile(r"[A-HJ-NP-Z]{3}\d{2}[A-HJ-NP-Z]{2}")


def _weighted(six: str) -> int:
    return sum((VALUES[ch] if ch.isalpha() else int(ch)) * w for ch, w in zip(six, (7, 6, 5, 4, 3, 2), strict=True))


def is_valid(candidate: str) -> bool:
    nhi = candidate.upper()
    if OLD.fullmatch(nhi):
        remainder = _weighted(nhi[:6]) % 11
        return remainder != 0 and (11 - remainder) % 10 == int(nhi[6])
    if NEW.fullmatch(nhi):
        return 23 - _weighted(nhi[:6]) % 23 == VALUES[nhi[6]]
    return False


DETECTOR = Detector(
    entity="NZ_NHI",
    pattern=re.compile(r"[A-HJ-NP-Z](?<!\w[A-HJ-NP-Z])[A-HJ-NP-Z]{2}\d{2}(?:\d{2}|[A-HJ-NP-Z]{2})\b"),
    validate=is_valid,
    score=0.75,
    context=("nhi", "national health index", "patient", "health"),
    context_boost=0.2,
    # The old form's check passes one random three-letters-four-digits code in eleven: asset tags,
    # rule and product codes look the same. Reported only with a health word nearby.
    needs_context=True,
)
