"""Ways to reach a person: email addresses, phone numbers (Australian, New Zealand and international,
checked against the numbering plans in ``phonenumbers``) and IP addresses."""

from __future__ import annotations

import ipaddress
import re
from dataclasses import replace
from functools import cache
from itertools import pairwise

import phonenumbers

from privacydesk.scan.detectors import Detector, Hits, Runs, digits

EMAIL = Detector(
    entity="EMAIL",
    # Local part, @, a domain with at least one dot and an alphabetic top-level label.
    pattern=re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b"),
    score=0.95,
    reason="address pattern",
    negative_context=(),
    triggers=("@",),
    trigger_window=(64, 256),
    has_digits=False,
)


def phone_is_valid(candidate: str) -> bool:
    """Valid in the Australian or New Zealand numbering plan written nationally, or any country's plan
    written internationally (+…). The pattern asks national numbers to carry the trunk 0: a bare
    nine-digit number is far more often a TFN, an order number or a Medicare number than a phone
    number written without it."""
    number = digits(candidate)
    if not 7 <= len(number) <= 15:
        return False
    if candidate.startswith("+"):
        regions: tuple[str, ...] = ("ZZ",)
    else:
        regions = _national_regions(number)
    return _valid_in(candidate, regions)


def _national_regions(number: str) -> tuple[str, ...]:
    """Which plans a number written with its trunk 0 could belong to, from its length and second digit
    (parsing costs tens of microseconds; most nine- and ten-digit candidates are ruled out here).
    Australia: 0 + nine digits, areas 2, 3, 7, 8 and mobiles 4 (plus 5 for some services). New Zealand:
    mobiles 02x of 9 to 11 digits, landlines 03, 04, 06, 07, 09 of nine, 0800/0508 freephone."""
    regions = []
    if len(number) == 10 and number[1] in "234578":
        regions.append("AU")
    if (number[1] == "2" and 9 <= len(number) <= 11) or (len(number) == 9 and number[1] in "34679"):
        regions.append("NZ")
    if number.startswith(("0800", "0508")) and 9 <= len(number) <= 10:
        regions.append("NZ")
    return tuple(regions)


_TYPES = ("fixed_line", "mobile", "toll_free", "premium_rate", "shared_cost", "personal_number", "voip", "uan")


@cache
def _plan(region: str) -> tuple[tuple[re.Pattern[str], frozenset[int]], ...]:
    """The number types of a region's plan, from phonenumbers' own metadata: each type's pattern for
    the national significant number and the lengths it may have."""
    metadata = phonenumbers.PhoneMetadata.metadata_for_region(region)
    assert metadata is not None
    plan = []
    for name in _TYPES:
        desc = getattr(metadata, name)
        if desc is not None and desc.national_number_pattern:
            plan.append((re.compile(desc.national_number_pattern), frozenset(desc.possible_length or ())))
    return tuple(plan)


def national_is_valid(number: str, region: str) -> bool:
    """``phonenumbers.is_valid_number(parse(number, region))`` for a national number written with its
    trunk 0, without the parse (which costs tens of microseconds): the number without the 0 must match
    one of the region's number types, at a length that type allows. Tests hold the two in agreement."""
    significant = number[1:]
    return any(len(significant) in lengths and pattern.fullmatch(significant) for pattern, lengths in _plan(region))


# Country codes whose plans are checked without parsing (most international numbers in our users'
# tickets are Australian or New Zealand ones written +61 / +64).
_COUNTRY_CODES = {"61": "AU", "64": "NZ"}


def _valid_in(candidate: str, regions: tuple[str, ...]) -> bool:
    if regions != ("ZZ",):
        number = digits(candidate)
        return any(national_is_valid(number, region) for region in regions)
    number = digits(candidate)
    region = _COUNTRY_CODES.get(number[:2])
    if region is not None:
        # As phonenumbers parses "+61 (0)4…" and "+61 04…": a trunk 0 after the country code is dropped.
        significant = number[2:]
        return national_is_valid("0" + (significant[1:] if significant.startswith("0") else significant), region)
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(candidate, "ZZ"))
    except phonenumbers.NumberParseException:
        return False


PHONE = Detector(
    entity="PHONE",
    # +61 4xx…, (02) 9876 5432, 0412-345-678, 09 499 6228, 021 234 5678: digits with single spaces,
    # dashes, dots or a bracketed area code between them.
    pattern=re.compile(
        r"(?:\+(?<![\w+.-]\+)\d{1,3}[ .-]?(?:\(0\)[ .-]?)?|\((?<![\w(]\()0\d{1,4}\)[ .-]?|0(?<![\w+.-]0))"
        r"\d(?:[ .-]?\d){5,13}(?![\w-])"
    ),
    validate=phone_is_valid,
    score=0.7,
    context=("phone", "mobile", "mob", "ph", "tel", "call", "called", "contact", "cell", "landline", "text", "sms"),
    context_boost=0.2,
    reason="valid in the numbering plan",
)


def ip_is_valid(candidate: str) -> bool:
    try:
        address = ipaddress.ip_address(candidate)
    except ValueError:
        return False
    # 0.0.0.0, 127.0.0.1, ::1 and the like say nothing about anyone.
    return not (address.is_unspecified or address.is_loopback)


IP_ADDRESS = Detector(
    entity="IP_ADDRESS",
    pattern=re.compile(r"\d(?<![\w.:]\d)\d{0,2}(?:\.\d{1,3}){3}(?![\w:]|\.\d)"),
    validate=ip_is_valid,
    runs=Runs(min_digits=4, max_digits=12, trail=3, holds="."),
    score=0.75,
    context=("ip", "address", "connected from", "login from", "vpn", "wan"),
    context_boost=0.15,
    reason="valid address",
    negative_context=("version", "v.", "build"),
)


def _colon_pairs(text: str, hits: Hits) -> list[tuple[int, int]]:
    """Around each two colons at most five characters apart (an IPv6 address has at least two, with
    at most four hex digits between): "Ticket: 123" and "TFN: …" are not searched."""
    colons = hits.get(":", [])
    length = len(text)
    spans = [
        (max(0, first - 48), min(length, second + 48)) for first, second in pairwise(colons) if second - first <= 5
    ]
    merged: list[tuple[int, int]] = []
    for lo, hi in spans:
        if merged and lo <= merged[-1][1]:
            merged[-1] = (merged[-1][0], hi)
        else:
            merged.append((lo, hi))
    return merged


IPV6_ADDRESS = replace(
    IP_ADDRESS,
    pattern=re.compile(
        r"(?<![\w.:])(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7}(?![\w:]|\.\d)"
    ),
    runs=None,
    triggers=(":",),  # the pattern tries every hex letter; only worth it near colons
    regions=_colon_pairs,
    has_digits=False,
)
