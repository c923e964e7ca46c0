"""Document obligations answer as the law stood on the day asked."""

from datetime import date

import pytest

from privacydesk.law import LawError
from privacydesk.law.obligations import obligations


def _ids(jurisdiction: str, document: str, day: date) -> list[str]:
    return [o.id for o in obligations(jurisdiction, document, day)]


def test_automated_decisions_join_the_au_policy_on_10_december_2026() -> None:
    assert "app1_7" not in _ids("au", "privacy_policy", date(2026, 12, 9))
    assert "app1_7" in _ids("au", "privacy_policy", date(2026, 12, 10))
    assert len(_ids("au", "privacy_policy", date(2026, 12, 10))) == 8


def test_nz_ipp3a_from_1_may_2026() -> None:
    assert _ids("nz", "indirect_collection_notice", date(2026, 4, 30)) == []
    assert _ids("nz", "indirect_collection_notice", date(2026, 5, 1)) == [
        "ipp3a_fact",
        "ipp3a_purpose",
        "ipp3a_recipients",
        "ipp3a_agency",
        "ipp3a_law",
        "ipp3a_access",
    ]


def test_gdpr_notices() -> None:
    # Art 13(1)(a)-(f) with (c) for purposes and for basis, and 13(2)(a)-(f)
    assert len(_ids("eu", "collection_notice", date(2026, 1, 1))) == 13
    assert "gdpr14_2_f" in _ids("eu", "indirect_collection_notice", date(2026, 1, 1))
    assert _ids("eu", "indirect_collection_notice", date(2018, 5, 24)) == []


def test_bad_input() -> None:
    with pytest.raises(LawError, match="accepted: privacy_policy, collection_notice, indirect_collection_notice"):
        obligations("au", "terms", date(2026, 1, 1))
