"""Business identifiers, validated with python-stdnum so a mistyped number is caught at entry."""

from __future__ import annotations

from stdnum import ean
from stdnum.au import abn as stdnum_abn
from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength, ValidationError


def clean_abn(value: str) -> str:
    """Return the ABN formatted ``51 824 753 556``; raise ValueError saying what is wrong.

    >>> clean_abn("51824753556")
    '51 824 753 556'
    """
    try:
        return str(stdnum_abn.format(stdnum_abn.validate(value)))
    except InvalidLength:
        raise ValueError("An ABN has 11 digits.") from None
    except InvalidFormat:
        raise ValueError("An ABN contains only digits and spaces.") from None
    except InvalidChecksum:
        raise ValueError("This is not a valid ABN: its check digits do not match. Check for a typing error.") from None
    except ValidationError as exc:  # pragma: no cover - any other stdnum complaint
        raise ValueError(f"This is not a valid ABN ({exc}).") from None


def clean_nzbn(value: str) -> str:
    """An NZBN is a 13-digit GS1 Global Location Number issued with the prefix 94.

    >>> clean_nzbn("9429041535134")
    '9429041535134'
    """
    compact = "".join(ch for ch in value if not ch.isspace())
    if not compact.isdigit() or len(compact) != 13:
        raise ValueError("An NZBN has 13 digits.")
    if not compact.startswith("94"):
        raise ValueError("An NZBN starts with 94.")
    if not ean.is_valid(compact):
        raise ValueError("This is not a valid NZBN: its check digit does not match.")
    return compact
