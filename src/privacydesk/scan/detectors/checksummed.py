"""Identifiers python-stdnum validates: ABN, ACN, NZ IRD number, IBAN, and payment cards (Luhn plus
the issuer ranges in use: Visa 4; Mastercard 51–55 and 2221–2720; Amex 34, 37; Diners 36, 38, 300–305;
Discover 6011, 65, 644–649; JCB 3528–3589; UnionPay 62)."""

from __future__ import annotations

import re
from functools import cache

from stdnum import luhn, numdb
from stdnum.au import abn, acn
from stdnum.iso7064 import mod_97_10
from stdnum.nz import ird
from stdnum.util import NumberValidationModule, get_cc_module

from privacydesk.scan.detectors import Detector, Runs, digits


def _card_issuer(number: str) -> bool:
    n2, n3, n4 = int(number[:2]), int(number[:3]), int(number[:4])
    length = len(number)
    if number[0] == "4":
        return length in (13, 16, 19)
    if 51 <= n2 <= 55 or 2221 <= n4 <= 2720:
        return length == 16
    if n2 in (34, 37):
        return length == 15
    if n2 in (36, 38) or 300 <= n3 <= 305:
        return length in (14, 16)
    if n4 == 6011 or n2 == 65 or 644 <= n3 <= 649:
        return length in (16, 19)
    if 3528 <= n4 <= 3589:
        return length in (16, 19)
    return n2 == 62 and 16 <= length <= 19


def card_is_valid(candidate: str) -> bool:
    number = digits(candidate)
    return 13 <= len(number) <= 19 and _card_issuer(number) and luhn.is_valid(number)


CREDIT_CARD = Detector(
    entity="CREDIT_CARD",
    # 13–19 digits, in groups of 4 (or Amex 4-6-5) separated by one space or dash, or none.
    pattern=re.compile(
        r"\d(?<![\d-]\d)(?:\d{3}[ -]?\d{6}[ -]?\d{5}|\d{3}(?:[ -]?\d{4}){2,3}(?:[ -]?\d{1,3})?|\d{12,18})(?![\d-])"
    ),
    validate=card_is_valid,
    runs=Runs(min_digits=13),
    score=0.8,
    context=("card", "visa", "mastercard", "amex", "credit", "cc", "expiry", "cvv"),
    context_boost=0.15,
)

AU_ABN = Detector(
    entity="AU_ABN",
    pattern=re.compile(r"\d(?<![\d-]\d)\d[ -]?\d{3}[ -]?\d{3}[ -]?\d{3}(?![\d-])"),
    validate=lambda c: abn.is_valid(digits(c)),
    runs=Runs(min_digits=11),
    score=0.6,
    context=("abn", "australian business number"),
    context_boost=0.35,
)

AU_ACN = Detector(
    entity="AU_ACN",
    pattern=re.compile(r"\d(?<![\d-]\d)\d{2}[ -]?\d{3}[ -]?\d{3}(?![\d-])"),
    validate=lambda c: acn.is_valid(digits(c)),
    runs=Runs(min_digits=9),
    score=0.3,
    context=("acn", "australian company number", "company number"),
    context_boost=0.6,
    needs_context=True,  # one nine-digit number in ten passes the ACN check by chance
)

NZ_IRD = Detector(
    entity="NZ_IRD",
    pattern=re.compile(r"\d(?<![\d-]\d)\d{1,2}[ -]?\d{3}[ -]?\d{3}(?![\d-])"),
    validate=lambda c: ird.is_valid(digits(c)),
    runs=Runs(min_digits=8),
    score=0.35,
    context=("ird", "inland revenue", "tax number", "gst number"),
    context_boost=0.55,
    needs_context=True,  # the mod-11 check passes one number in eleven by chance
)

_BBAN_PART = re.compile(r"([1-9][0-9]*)!([nac])")
_BBAN_CLASS = {"n": "[0-9]", "a": "[A-Z]", "c": "[A-Za-z0-9]"}


@cache
def _iban_country(country: str) -> tuple[re.Pattern[str], NumberValidationModule | None] | None:
    """A country's account-number (BBAN) structure from SWIFT's IBAN registry, in python-stdnum's copy
    ("4!a6!n8!n": four letters, six digits, eight digits), and python-stdnum's own module for the
    country's further checks where it has one. Looked up once per country: the registry lookup walks
    a tree in Python."""
    structure = numdb.get("iban").info(country)[0][1].get("bban")
    if not structure:
        return None
    pattern = "".join(f"{_BBAN_CLASS[kind]}{{{count}}}" for count, kind in _BBAN_PART.findall(structure))
    return re.compile(pattern), get_cc_module(country.lower(), "iban")


def iban_is_valid(candidate: str) -> bool:
    """python-stdnum's ``iban.is_valid``, with the registry lookup cached per country: the mod-97
    check digits, the country's BBAN structure, and the country's own check where there is one."""
    number = candidate.replace(" ", "")
    country = _iban_country(number[:2])
    if country is None or not mod_97_10.is_valid(number[4:] + number[:4]):
        return False
    structure, module = country
    return structure.fullmatch(number[4:]) is not None and (module is None or module.is_valid(number))


IBAN = Detector(
    entity="IBAN",
    pattern=re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\b"),
    validate=iban_is_valid,
    score=0.9,
    context=("iban", "bank", "account"),
    context_boost=0.05,
)
