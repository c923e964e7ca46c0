"""Bank accounts: Australian BSB plus account number, and New Zealand bank account numbers.

An Australian account number has no public check digit, so a BSB (six digits, often 062-000) followed
by a six-to-ten-digit account number is reported only with a banking word nearby. A New Zealand
account number (bank-branch-account-suffix, 2-4-7-2/3 digits) is checked by python-stdnum against the
bank and branch ranges and the check-digit algorithms the Payments NZ specification gives."""

from __future__ import annotations

import importlib.resources
import re
from collections.abc import Iterator
from functools import cache

from stdnum.nz import bankaccount

from privacydesk.scan.detectors import Detector, Runs, digits


def bsb_account_is_valid(candidate: str) -> bool:
    number = digits(candidate)
    # The BSB's first digit names the bank group; its second the state (0–7; 8 and 9 are not used).
    return 12 <= len(number) <= 16 and number[1] in "01234567"


AU_BSB_ACCOUNT = Detector(
    entity="AU_BSB_ACCOUNT",
    pattern=re.compile(
        r"\d(?<![\d-]\d)\d{2}[ -]?\d{3}(?:\s*[,/]\s*|\s+)(?:(?:acc(?:oun)?t|a/c)(?:\s*(?:no\.?|number|#))?[:\s]*)?"
        r"\d{2,5}(?:[ -]?\d{1,5}){0,2}(?![\d-])",
        re.IGNORECASE,
    ),
    validate=bsb_account_is_valid,
    runs=Runs(min_digits=6, trail=80),  # the account number can follow a word ("062-000 account 1234 5678")
    score=0.5,
    context=("bsb", "bank", "account", "acct", "a/c", "direct debit", "eft", "pay to", "refund"),
    context_boost=0.4,
    needs_context=True,
    reason="BSB and account pattern",
)


# Bank codes in use (Payments NZ's register): anything else is a card or an order number, rejected
# before python-stdnum's branch tables are consulted.
NZ_BANKS = frozenset(
    [
        "01",
        "02",
        "03",
        "04",
        "05",
        "06",
        "08",
        "10",
        "11",
        "12",
        "13",
        "14",
        "15",
        "16",
        "17",
        "18",
        "19",
        "20",
        "21",
        "22",
        "23",
        "24",
        "25",
        "26",
        "27",
        "28",
        "29",
        "30",
        "31",
        "33",
        "35",
        "38",
    ]
)


def _codes(spec: str) -> Iterator[str]:
    """Each code in a list of codes and ranges as python-stdnum writes them ("0102,0113,0204-0205")."""
    for part in spec.split(","):
        low, _, high = part.partition("-")
        for code in range(int(low), int(high or low) + 1):
            yield f"{code:0{len(low)}d}"


@cache
def _branches() -> frozenset[str]:
    """Every bank and branch (six digits) in Payments NZ's bank branch register, as python-stdnum
    ships it (``stdnum/nz/banks.dat``: a bank line, then indented lines of its branch codes and
    ranges). Read once into a set: python-stdnum's own lookup walks the file's tree in Python, which
    cost more than everything else the scanner does with a number."""
    register = importlib.resources.files("stdnum") / "nz" / "banks.dat"
    found: set[str] = set()
    banks: list[str] = []
    for line in register.read_text().splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        spec = line.split()[0]
        if line[0].isspace():
            found.update(bank + branch for bank in banks for branch in _codes(spec))
        else:
            banks = list(_codes(spec))
    return frozenset(found)


def nz_account_is_valid(candidate: str) -> bool:
    number = digits(candidate)
    if number[:2] not in NZ_BANKS:
        return False
    if len(number) == 15:  # a two-digit suffix: pad it to three, as the standard allows
        number = number[:13] + "0" + number[13:]
    # python-stdnum's validate(): the check digits by the bank's algorithm, then the register.
    return len(number) == 16 and bankaccount._calc_checksum(number) == 0 and number[:6] in _branches()


NZ_BANK_ACCOUNT = Detector(
    entity="NZ_BANK_ACCOUNT",
    pattern=re.compile(r"\d(?<![\d-]\d)\d[ -]?\d{4}[ -]?\d{7}[ -]?\d{2,3}(?![\d-])"),
    validate=nz_account_is_valid,
    runs=Runs(min_digits=15),
    score=0.85,
    context=("bank", "account", "acct", "a/c", "direct credit", "pay to", "refund"),
    context_boost=0.1,
)
