"""Ways to reach a person: email addresses, phone numbers (Australian, New Zealand and international,
checked against the numbering plans in ``phonenumbers``) and IP addresses."""

from __future__ import annotations

import ipaddress
import re

import phonenumbers

from privacydesk.scan.detectors import Detector, digits

EMAIL = Detector(
    entity="EMAIL",
    # Local part, @, a domain with at least one dot and an alphabetic top-level label.
    pattern=re.compile(r"(?<![\w.+-])[A-Za-z0-9][A-Za-z0-9._%+'-]{0,63}@(?:[A-Za-z0-9-]{1,63}\.)+[A-Za-z]{2,24}\b"),
    score=0.95,
    reason="address pattern",
    negative_context=(),
)


def phone_is_valid(candidate: str) -> bool:
    """Valid in the Australian or New Zealand numbering plan written nationally, or any country's plan
    written internationally (+…). National numbers must carry the trunk 0: a bare nine-digit number is
    far more often a TFN, an order number or a Medicare number than a phone number written without it."""
    number = digits(candidate)
    if not 7 <= len(number) <= 15:
        return False
    international = candidate.lstrip("(").startswith("+")
    if not international and not number.startswith("0"):
        return False
    for region in ("AU", "NZ") if not international else ("ZZ",):
        try:
            parsed = phonenumbers.parse(candidate, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(parsed):
            return True
    return False


PHONE = Detector(
    entity="PHONE",
    # +61 4xx…, (02) 9876 5432, 0412-345-678, 09 499 6228, 021 234 5678: digits with single spaces,
    # dashes, dots or a bracketed area code between them.
    pattern=re.compile(r"(?<![\w+.-])(?:\+\d{1,3}[ .-]?)?(?:\(0?\d{1,4}\)[ .-]?)?\d(?:[ .-]?\d){5,13}(?![\w-])"),
    validate=phone_is_valid,
    score=0.7,
    context=("phone", "mobile", "mob", "ph", "tel", "call", "contact", "cell", "landline", "number"),
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
    pattern=re.compile(
        r"(?<![\w.:])(?:(?:\d{1,3}\.){3}\d{1,3}|(?=[0-9A-Fa-f:]*:[0-9A-Fa-f:]*:)[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:]|\.\d)"
    ),
    validate=ip_is_valid,
    score=0.75,
    context=("ip", "address", "connected from", "login from", "vpn", "wan"),
    context_boost=0.15,
    reason="valid address",
    negative_context=("version", "v.", "build"),
)
