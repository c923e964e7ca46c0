"""Refusal grounds and complaint routes: complete lists, cited, in words a letter can use."""

from __future__ import annotations

import pytest

from privacydesk.law import LawError
from privacydesk.law.grounds import GROUNDS, escalation, grounds


def test_app_12_3_lists_all_ten_grounds() -> None:
    cited = [g.citation.split(",")[0] for g in grounds("au", "access")]
    assert cited == [f"APP 12.3({x})" for x in "abcdefghij"]


def test_nz_access_grounds_come_from_ss_49_to_53() -> None:
    cited = {g.citation for g in grounds("nz", "access")}
    assert "Privacy Act 2020 s 53(b)" in cited and "Privacy Act 2020 s 49(1)(a)(ii)" in cited
    assert all(any(f"s {n}" in c for n in range(49, 54)) for c in cited)


def test_gdpr_erasure_exceptions_are_art_17_3_and_12_5() -> None:
    cited = [g.citation for g in grounds("eu", "erasure")]
    assert cited == ["GDPR Art 12(5)"] + [f"GDPR Art 17(3)({x})" for x in "abcde"]


def test_direct_marketing_objection_cannot_be_overridden() -> None:
    compelling = next(g for g in grounds("eu", "objection") if g.code == "gdpr21_1_compelling")
    assert "never applies to direct marketing" in compelling.letter


def test_every_ground_reads_as_a_sentence_and_is_unique() -> None:
    codes = [g.code for g in GROUNDS]
    assert len(codes) == len(set(codes))
    for g in GROUNDS:
        assert g.letter[0].islower() and g.letter.endswith((".", ")")), g.code
        assert g.citation and g.label


def test_escalation() -> None:
    assert escalation("au").phone == "1300 363 992" and "s 40(1A)" in escalation("au").citation
    assert "Privacy Commissioner" in escalation("nz").name
    assert "in IE" in escalation("eu", "ie").name and escalation("eu").citation == "GDPR Art 77(1)"


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: grounds("au", "deletion"), "accepted: access, correction, erasure, objection"),
        (lambda: grounds("uk", "access"), "accepted: au, nz, eu"),
        (lambda: escalation("eu", "GB"), "unknown EU member state 'GB'"),
    ],
)
def test_bad_input(call, message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(LawError) as caught:
        call()
    assert message in str(caught.value)
