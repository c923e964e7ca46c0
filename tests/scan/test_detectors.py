"""Detectors, table-driven from worked examples, and properties: a valid identifier in random text is
found; the same identifier with its check character changed is not reported as that type."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from privacydesk.scan.detectors import au_medicare, au_tfn, nz_nhi
from privacydesk.scan.engine import scan

# text -> the (entity, matched text) pairs expected, in order
CASES = [
    ("My TFN is 123 456 782, thanks", [("AU_TFN", "123 456 782")]),
    ("TFN 123456782", [("AU_TFN", "123456782")]),
    ("TFN 123 456 783 (typo)", []),
    ("Medicare card 2123 45670 1", [("AU_MEDICARE", "2123 45670 1")]),
    ("medicare 2123456701", [("AU_MEDICARE", "2123456701")]),
    ("Medicare 2123 45671 1", []),
    ("Patient NHI WLD9413, new NHI ZSC21TN", [("NZ_NHI", "WLD9413"), ("NZ_NHI", "ZSC21TN")]),
    ("NHI ZBN77VL", [("NZ_NHI", "ZBN77VL")]),
    ("NHI ZZZ0044 and ZZZ00AA", []),
    ("Visa 4111 1111 1111 1111 exp 12/28", [("CREDIT_CARD", "4111 1111 1111 1111")]),
    ("Mastercard 2223-0000-4841-0010", [("CREDIT_CARD", "2223-0000-4841-0010")]),
    ("Amex 3782 822463 10005", [("CREDIT_CARD", "3782 822463 10005")]),
    ("order 4111 1111 1111 1112", []),
    ("ABN 51 824 753 556", [("AU_ABN", "51 824 753 556")]),
    ("Company ACN 004 085 616", [("AU_ACN", "004 085 616")]),
    ("IRD number 49-091-850", [("NZ_IRD", "49-091-850")]),
    ("Pay to IBAN GB82 WEST 1234 5698 7654 32", [("IBAN", "GB82 WEST 1234 5698 7654 32")]),
    # A nine-digit number passing the ACN check by chance, with no ACN context: not reported as an ACN.
    ("Ticket 004 085 616 closed", []),
    ("ACN 004 085 616. PO number 004 085 616", [("AU_ACN", "004 085 616")]),  # the nearer word wins
    ("Mail sam.kowalski@example.co.nz today", [("EMAIL", "sam.kowalski@example.co.nz")]),
    ("Call 0412 345 678 or (02) 9876 5432", [("PHONE", "0412 345 678"), ("PHONE", "(02) 9876 5432")]),
    ("NZ mobile 021 234 5678, intl +64 9 499 6228", [("PHONE", "021 234 5678"), ("PHONE", "+64 9 499 6228")]),
    ("Serial 0412345678999", []),  # too long for any plan
    ("Login from 203.0.113.45 and 2001:db8::1.", [("IP_ADDRESS", "203.0.113.45"), ("IP_ADDRESS", "2001:db8::1")]),
    ("Updated to build 10.0.19045.3803", []),
    ("BSB 062-000 account 1234 5678", [("AU_BSB_ACCOUNT", "062-000 account 1234 5678")]),
    ("Reference 062-000 1234 5678", []),  # no banking word: no BSB finding
    ("Direct credit to 01-0902-0068389-00", [("NZ_BANK_ACCOUNT", "01-0902-0068389-00")]),
    ("Passport PA1234567 sighted", [("AU_PASSPORT", "PA1234567")]),
    ("Product PA1234567", []),
    ("Driver licence 12345678", [("AU_DRIVER_LICENCE", "12345678")]),
    ("DOB 14/03/1985", [("DATE_OF_BIRTH", "14/03/1985")]),
    ("born on 3 March 1979", [("DATE_OF_BIRTH", "3 March 1979")]),
    ("Adobe renewal 14/03/2025", []),  # "dob" inside "Adobe" is not a birth word
    ("DOB 31/02/1985", []),  # no such day
    ("password is Summer2024!", [("SECRET", "Summer2024!")]),
    ("Wi-Fi key for the guest network is Kiwi2023#;", [("SECRET", "Kiwi2023#")]),
    ("Password reset completed; password has expired", []),
    ("Alarm PIN: 4821", [("SECRET", "4821")]),
    ("key AKIAABCDEFGHIJKLMNOP", [("SECRET", "AKIAABCDEFGHIJKLMNOP")]),
    (
        "Lives at Unit 4, 12 Wattle Street, Parramatta NSW 2150",
        [("ADDRESS", "Unit 4, 12 Wattle Street, Parramatta NSW 2150")],
    ),
    ("Send to PO Box 44, Wekamanawa 6200", [("ADDRESS", "PO Box 44, Wekamanawa 6200")]),
    ("Spoke to Sarah Mitchell about it", [("PERSON", "Sarah Mitchell")]),
    ("Dr Nguyen called", [("PERSON", "Dr Nguyen")]),
    ("Regards,\nTom", [("PERSON", "Tom")]),
    ("Kia ora Aroha, Wiremu Tamati called", [("PERSON", "Aroha"), ("PERSON", "Wiremu Tamati")]),
    ("Grant Access to the Server", []),  # gazetteer words that are not a name here
    ("On leave for chemotherapy and anxiety", [("HEALTH", "chemotherapy"), ("HEALTH", "anxiety")]),
    # A street named like a person, with its suburb and postcode: an address, not Mr Thomas Pass.
    ("Pick-up from 5 Thomas Pass, Upper Hutt 5018.", [("ADDRESS", "5 Thomas Pass, Upper Hutt 5018")]),
    ("The new password I set is Winter2022", [("SECRET", "Winter2022")]),
    ("The admin password for the NAS was changed to Kiwi2025$ by Tom", [("SECRET", "Kiwi2025$")]),
    ("Password reset was done today", []),
    # A context word names the number right after it, not the next one.
    ("TFN 123 456 782; ACN 004 085 616", [("AU_TFN", "123 456 782"), ("AU_ACN", "004 085 616")]),
    ('"TFN 123456782","004085616"', [("AU_TFN", "123456782")]),
    # "İ" lower-cases to two characters: offsets must still point into the original text.
    ("İİİ password: Hunter22 and TFN 123 456 782", [("SECRET", "Hunter22"), ("AU_TFN", "123 456 782")]),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_worked_examples(text: str, expected: list[tuple[str, str]]) -> None:
    assert [(f.entity, f.text) for f in scan(text)] == expected


def test_context_raises_and_invoice_lowers_the_score() -> None:
    [with_context] = scan("Our ABN is 51 824 753 556")
    [bare] = scan("Noted 51 824 753 556 today")
    [invoice] = scan("Invoice 51 824 753 556", min_score=0)
    assert with_context.score > bare.score > invoice.score
    assert scan("Invoice 51 824 753 556") == []  # under the reporting threshold
    assert "context: 'abn'" in with_context.reason and "invoice" in invoice.reason


def test_weak_checks_need_their_word() -> None:
    """A TFN's and an old NHI's check pass one random number in eleven: without a TFN or health word
    nearby, a nine-digit receipt number or an asset tag is not reported as one."""
    assert [f.entity for f in scan("Her tax file number is 123 456 782")] == ["AU_TFN"]
    assert scan("Receipt 123 456 782 and monitoring contract 123456782") == []
    assert [f.text for f in scan("NHI WLD9413")] == ["WLD9413"]
    assert scan("Asset tag WLD9413 moved to the Hamilton office") == []


filler = st.text(alphabet="abcdefghij klmnop QRSTUV.,", max_size=40)


@st.composite
def tfns(draw: st.DrawFn) -> str:
    head = f"{draw(st.integers(10**7, 10**8 - 1)):08d}"
    last = sum(w * int(d) for w, d in zip(au_tfn.WEIGHTS, head, strict=False)) % 11  # 10 ≡ -1 (mod 11)
    assume(last < 10)
    return head + str(last)


@st.composite
def medicare_numbers(draw: st.DrawFn) -> str:
    head = f"{draw(st.integers(2 * 10**7, 7 * 10**7 - 1)):08d}"
    check = sum(w * int(d) for w, d in zip(au_medicare.WEIGHTS, head, strict=True)) % 10
    return head + str(check) + str(draw(st.integers(1, 9)))


@st.composite
def nhis(draw: st.DrawFn) -> str:
    letters = st.sampled_from(nz_nhi.ALPHABET)
    while True:
        first = "".join(draw(st.lists(letters, min_size=3, max_size=3)))
        if draw(st.booleans()):
            six = first + "".join(str(draw(st.integers(0, 9))) for _ in range(3))
            remainder = nz_nhi._weighted(six) % 11
            if remainder:
                return six + str((11 - remainder) % 10)
        else:
            six = first + "".join(str(draw(st.integers(0, 9))) for _ in range(2)) + draw(letters)
            return six + nz_nhi.ALPHABET[23 - nz_nhi._weighted(six) % 23 - 1]


def _mutate_check(entity: str, value: str) -> str:
    """The value with its check character changed (Medicare's is the ninth digit; the tenth is the
    card's issue number, which no check covers)."""
    at = 8 if entity == "AU_MEDICARE" else len(value) - 1
    char = value[at]
    if char.isdigit():
        changed = str((int(char) + 1) % 10)
    else:
        changed = nz_nhi.ALPHABET[(nz_nhi.ALPHABET.index(char) + 1) % len(nz_nhi.ALPHABET)]
    return value[:at] + changed + value[at + 1 :]


@settings(max_examples=200, deadline=None)
@given(st.sampled_from([("AU_TFN", "TFN"), ("AU_MEDICARE", "Medicare"), ("NZ_NHI", "NHI")]), st.data(), filler, filler)
def test_a_valid_identifier_in_text_is_found_and_a_mutated_one_is_not(kind, data, before: str, after: str) -> None:  # type: ignore[no-untyped-def]
    entity, word = kind
    value = data.draw({"AU_TFN": tfns(), "AU_MEDICARE": medicare_numbers(), "NZ_NHI": nhis()}[entity])
    text = f"{before} {word} {value} {after}"
    found = [(f.entity, f.text) for f in scan(text)]
    assert (entity, value) in found, (text, found)
    wrong = _mutate_check(entity, value)
    assert (entity, wrong) not in [(f.entity, f.text) for f in scan(f"{before} {word} {wrong} {after}")]


CODE = """
import sys
from privacydesk.scan.engine import scan
scan("TFN 123 456 782")
print(sorted(m for m in sys.modules if m.startswith("django")))
"""


def test_the_scanner_imports_no_django() -> None:
    result = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)  # noqa: S603
    assert result.stdout.strip() == "[]", result.stdout


# The validators that cache python-stdnum's registry lookups (per country, per bank branch) must give
# python-stdnum's own answers: compared on valid numbers and on numbers with one character changed.
@settings(max_examples=300, deadline=None)
@given(st.integers(0, 2**32), st.booleans())
def test_iban_check_agrees_with_python_stdnum(seed: int, mutate: bool) -> None:
    import random

    from faker import Faker
    from stdnum import iban

    from privacydesk.scan.detectors.checksummed import iban_is_valid

    fake = Faker()
    fake.seed_instance(seed)
    number = fake.iban()
    if mutate:
        at = random.Random(seed).randrange(len(number))
        number = number[:at] + random.Random(seed + 1).choice("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") + number[at + 1 :]
    assert iban_is_valid(number) == iban.is_valid(number), number


def test_nz_bank_account_check_agrees_with_python_stdnum() -> None:
    import random

    from stdnum.nz import bankaccount

    from privacydesk.scan.detectors.banking import nz_account_is_valid

    rng = random.Random(7)
    valid = 0
    for _ in range(60_000):  # about one in 300 passes both checks: some 200 valid numbers
        number = (
            rng.choice(["01", "02", "03", "06", "11", "12", "15", "25", "31", "38"]) + f"{rng.randrange(10**14):014d}"
        )
        expected = bankaccount.is_valid(number)
        assert nz_account_is_valid(number) == expected, number
        valid += expected
    assert valid > 100


def _parsed_is_valid(candidate: str, region: str) -> bool:
    import phonenumbers

    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(candidate, region))
    except phonenumbers.NumberParseException:
        return False


@pytest.mark.parametrize("region", ["AU", "NZ"])
def test_phone_plan_check_agrees_with_phonenumbers(region: str) -> None:
    """The scanner checks AU and NZ numbers (national, and international +61 / +64 with or without a
    trunk 0) against phonenumbers' metadata without parsing them; parsing must agree."""
    import random

    from privacydesk.scan.detectors.contact import PHONE, national_is_valid, phone_is_valid

    rng = random.Random(region)
    code = {"AU": "61", "NZ": "64"}[region]
    valid = 0
    for _ in range(30_000):
        body = rng.choice("2345789") + "".join(rng.choice("0123456789") for _ in range(rng.randint(6, 10)))
        national = "0" + body
        assert national_is_valid(national, region) == _parsed_is_valid(national, region), national
        sep = rng.choice([" ", "", "-", "."])
        written = f"+{code}{sep}" + rng.choice(["", "(0)" + sep, "0"]) + sep.join([body[:1], body[1:5], body[5:]])
        if PHONE.pattern.fullmatch(written):
            expected = _parsed_is_valid(written, "ZZ")
            assert phone_is_valid(written) == expected, written
            valid += expected
    assert valid > 1000


@settings(max_examples=500, deadline=None)
@given(st.text(alphabet="0123456789 ./-aZ\n", max_size=200))
def test_digit_runs_from_positions_are_the_runs_the_pattern_finds(text: str) -> None:
    """Prose's digit runs are built from the digits' positions; dense text's with a pattern. Same runs."""
    from privacydesk.scan.engine import _runs

    positions = sorted(i for i, ch in enumerate(text) if ch.isdigit())
    assert _runs(text, positions) == _runs(text, None)
