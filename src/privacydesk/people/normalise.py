"""One canonical form per email address and phone number, so a person is found however it is typed.

Emails: email-validator's normalised form with the local part lower-cased too. RFC 5321 lets a
mailbox be case-sensitive, but no mainstream provider treats it so, and finding the person matters
more here than that corner. Phones: E.164 via phonenumbers, with the organisation's region (or the
person's country) as the default for national numbers such as ``0412 345 678``.
"""

from __future__ import annotations

import re

import phonenumbers
from email_validator import EmailNotValidError, validate_email


def normalise_email(value: str) -> str:
    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"Not a valid email address: {exc}") from None
    return str(result.normalized).lower()


# Plain ASCII addresses, the overwhelming majority: dot-separated atoms in the local part, and a domain
# of letters, digits and inner hyphens. For these email-validator's normalised form is the address,
# lower-cased, which is what identities store.
_PLAIN_EMAIL = re.compile(
    r"[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
    r"@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]"
)


def lookup_email(value: str) -> str:
    """The normalised form of an address for finding it (the check API, the batch filter): a fast path
    for plain ASCII addresses, email-validator for anything else. Raises ValueError if invalid."""
    plain = value.strip().lower()
    if len(plain) <= 254 and plain.isascii() and _PLAIN_EMAIL.fullmatch(plain):
        return plain
    return normalise_email(value)


def normalise_phone(value: str, region: str = "AU") -> str:
    try:
        number = phonenumbers.parse(value.strip(), region.upper() or None)
    except phonenumbers.NumberParseException:
        raise ValueError("Not a phone number: use digits, spaces and an optional leading +.") from None
    if not phonenumbers.is_valid_number(number):
        raise ValueError(
            f"Not a valid phone number for {region.upper()}: check the digits, or add the country code (+61, +64…)."
        )
    return str(phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164))


def normalise(kind: str, value: str, region: str = "AU") -> str:
    if kind == "email":
        return normalise_email(value)
    if kind == "phone":
        return normalise_phone(value, region)
    # Customer numbers and other references: case and spacing are not significant.
    return "".join(value.split()).upper()
