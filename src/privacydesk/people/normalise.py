"""One canonical form per email address and phone number, so a person is found however it is typed.

Emails: email-validator's normalised form with the local part lower-cased too. RFC 5321 lets a
mailbox be case-sensitive, but no mainstream provider treats it so, and finding the person matters
more here than that corner. Phones: E.164 via phonenumbers, with the organisation's region (or the
person's country) as the default for national numbers such as ``0412 345 678``.
"""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email


def normalise_email(value: str) -> str:
    try:
        result = validate_email(value.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise ValueError(f"Not a valid email address: {exc}") from None
    return str(result.normalized).lower()


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
