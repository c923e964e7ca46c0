"""ABN and NZBN checks, against numbers worked by hand with the published check-digit methods."""

import pytest

from privacydesk.register.identifiers import clean_abn, clean_nzbn


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("51824753556", "51 824 753 556"),  # the ATO's worked example in "Format of the ABN"
        ("51 824 753 556", "51 824 753 556"),
        ("18 123 456 789", "18 123 456 789"),
    ],
)
def test_valid_abn_is_formatted(typed: str, expected: str) -> None:
    assert clean_abn(typed) == expected


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("51824753557", "check digits do not match"),
        ("5182475355", "11 digits"),
        ("5182475355A", "only digits"),
    ],
)
def test_invalid_abn_says_what_is_wrong(typed: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        clean_abn(typed)


def test_nzbn() -> None:
    assert clean_nzbn("9429041535134") == "9429041535134"
    assert clean_nzbn("94290 4771 2348") == "9429047712348"
    with pytest.raises(ValueError, match="check digit"):
        clean_nzbn("9429041535135")
    with pytest.raises(ValueError, match="starts with 94"):
        clean_nzbn("4006381333931")
    with pytest.raises(ValueError, match="13 digits"):
        clean_nzbn("94290415351")
