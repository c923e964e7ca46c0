"""The fast lookup form of an email address agrees with email-validator wherever both accept it."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from privacydesk.people.normalise import lookup_email, normalise_email

atom = st.text(
    alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-",
    min_size=1,
    max_size=12,
)
label = st.from_regex(r"[a-zA-Z0-9]([a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?", fullmatch=True)
tld = st.from_regex(r"[a-zA-Z][a-zA-Z0-9]{1,5}", fullmatch=True)


@settings(max_examples=400, deadline=None)
@given(st.lists(atom, min_size=1, max_size=3), st.lists(label, min_size=1, max_size=3), tld)
def test_fast_path_matches_email_validator(local: list[str], labels: list[str], top: str) -> None:
    address = ".".join(local) + "@" + ".".join([*labels, top])
    try:
        expected = normalise_email(address)
    except ValueError:
        return  # email-validator refuses it (a reserved name, a too-long part): nothing to compare
    assert lookup_email(address) == expected


@pytest.mark.parametrize("odd", ["Zoë@example.com", "josé@exämple.de", '"quoted"@example.com'])
def test_anything_else_goes_to_email_validator(odd: str) -> None:
    try:
        expected = normalise_email(odd)
    except ValueError:
        with pytest.raises(ValueError):
            lookup_email(odd)
        return
    assert lookup_email(odd) == expected


@pytest.mark.parametrize("bad", ["", "nobody", "a@b", "x@-bad.com", "a..b@example.com", " @example.com"])
def test_invalid_addresses_are_refused(bad: str) -> None:
    with pytest.raises(ValueError):
        lookup_email(bad)
