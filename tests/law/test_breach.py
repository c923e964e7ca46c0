"""Breach notification outcomes, table-driven from the regulators' worked examples: the OAIC's
"remedial action" example (a misdirected email recalled before anyone read it), ransomware with data
taken, a lost laptop whose disk is encrypted (GDPR Art 34(3)(a)), the OPC's misdirected email to a
trusted recipient, and a breach too wide to tell everyone directly."""

from __future__ import annotations

import pytest

from privacydesk.law.breach import CONTENTS, FACTORS, Judgement, decide, missing_contents
from privacydesk.law.errors import LawError

AU_F = ("kinds", "sensitivity", "recipients", "harm")
NZ_F = ("sensitivity", "harm", "recipients", "protected")
EU_F = ("nature", "severity", "number")

CASES = [
    # judgement, notifiable, regulator, individuals, why
    (Judgement("au", serious_harm_likely=True, remedial_action_prevented_harm=True, factors=AU_F),
     False, False, "none", "OAIC: email recalled and deleted before it was opened: s 26WF, not eligible"),
    (Judgement("au", serious_harm_likely=True, factors=AU_F),
     True, True, "all", "ransomware with identity documents taken: eligible, tell everyone"),
    (Judgement("au", serious_harm_likely=True, notify_only_at_risk=True, factors=AU_F),
     True, True, "at_risk", "s 26WL(2)(b): only those at risk"),
    (Judgement("au", serious_harm_likely=True, individual_notice_impracticable=True, factors=AU_F),
     True, True, "public", "s 26WL(2)(c): publish and publicise"),
    (Judgement("au", serious_harm_likely=False, factors=("protected", "overcome")),
     False, False, "none", "encrypted laptop, key safe: serious harm not likely"),
    (Judgement("nz", serious_harm_likely=False, factors=NZ_F),
     False, False, "none", "OPC: misdirected to a trusted recipient who deleted it"),
    (Judgement("nz", serious_harm_likely=True, factors=NZ_F),
     True, True, "all", "NZ: serious harm likely: Commissioner and individuals"),
    (Judgement("nz", serious_harm_likely=True, individual_notice_impracticable=True, factors=NZ_F),
     True, True, "public", "s 116(1): public notice"),
    (Judgement("eu", high_risk=True, factors=EU_F),
     True, True, "all", "GDPR: high risk: authority within 72 hours and the individuals"),
    (Judgement("eu", high_risk=True, unintelligible=True, factors=EU_F),
     True, True, "none", "Art 34(3)(a): encrypted: the authority, not the individuals"),
    (Judgement("eu", high_risk=True, individual_notice_impracticable=True, factors=EU_F),
     True, True, "public", "Art 34(3)(c): public communication"),
    (Judgement("eu", risk_unlikely=True, factors=EU_F),
     False, False, "none", "Art 33(1): unlikely to result in a risk: document only"),
]  # fmt: skip


@pytest.mark.parametrize(
    ("judgement", "notifiable", "regulator", "individuals", "why"), CASES, ids=[c[-1] for c in CASES]
)
def test_outcome(judgement: Judgement, notifiable: bool, regulator: bool, individuals: str, why: str) -> None:
    outcome = decide(judgement)
    assert (outcome.notifiable, outcome.notify_regulator, outcome.individuals) == (
        notifiable,
        regulator,
        individuals,
    ), why
    assert outcome.citations and outcome.reasons


def test_the_factors_considered_must_be_recorded_and_known() -> None:
    with pytest.raises(LawError, match="record the factors considered"):
        decide(Judgement("au", serious_harm_likely=True))
    with pytest.raises(LawError, match="unknown nz harm factor 'kinds'"):
        decide(Judgement("nz", factors=("kinds",)))
    assert all(f.citation for factors in FACTORS.values() for f in factors)


def test_required_contents_of_each_notification() -> None:
    assert [f.code for f in CONTENTS["au.regulator"]] == ["entity", "description", "kinds", "recommendations"]
    missing = missing_contents("eu.regulator", {"nature": "Ransomware", "contact": "DPO", "consequences": " "})
    assert [f.code for f in missing] == ["consequences", "measures", "delay"]
    with pytest.raises(LawError, match="unknown notification"):
        missing_contents("us.regulator", {})
