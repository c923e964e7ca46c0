"""Use and disclosure decisions, worked from the APP Guidelines (chapters 6-8), the NZ OPC's IPP
guidance and the GDPR (Arts 6, 9, 44-49), each asserting the outcome, the deciding check and the
citation a privacy officer would quote."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from privacydesk.law import LawError
from privacydesk.law.decide import decide

BASE: dict[str, Any] = {
    "collection_purpose": "Delivering managed IT services",
    "proposed_purpose": "Delivering managed IT services",
    "categories": ["contact", "technical"],
    "on": "2026-11-23",
}


def _d(regime: str, **facts: Any) -> dict[str, Any]:
    result = decide({**BASE, "regimes": [regime], **facts}).as_dict()
    regime_result: dict[str, Any] = result["regimes"][0]
    return regime_result


def _cites(result: dict[str, Any]) -> str:
    return " | ".join(r["citation"] for r in result["reasons"])


CASES: list[tuple[str, dict[str, Any], str, str, str]] = [
    # (regime, facts, outcome, decided_by, citation that must appear)
    ("au", {}, "allowed", "purpose", "APP 6.1"),
    ("au", {"proposed_purpose": "Selling a partner's products"}, "needs_consent", "purpose", "APP 6.1"),
    ("au", {"proposed_purpose": "Upsell", "consent": {"given": True}}, "allowed", "purpose", "APP 6.1(a)"),
    (
        "au",
        {"proposed_purpose": "Service quality survey", "exception": "related_and_expected"},
        "allowed",
        "purpose",
        "APP 6.2(a)",
    ),
    (
        "au",
        {"proposed_purpose": "Insurance review", "sensitive": True, "exception": "related_and_expected"},
        "needs_consent",
        "purpose",
        "APP 6.2(a)(i)",
    ),
    (
        "au",
        {
            "proposed_purpose": "Return-to-work plan",
            "sensitive": True,
            "directly_related": True,
            "exception": "related_and_expected",
        },
        "allowed",
        "purpose",
        "APP 6.2(a)",
    ),
    (
        "au",
        {"proposed_purpose": "Police request", "exception": "enforcement_body", "action": "disclosure"},
        "allowed",
        "purpose",
        "APP 6.5",
    ),
    ("au", {"proposed_purpose": "Welfare check", "exception": "serious_threat"}, "allowed", "purpose", "s 16A item 1"),
    (
        "au",
        {"proposed_purpose": "Debt recovery claim", "exception": "legal_claims"},
        "allowed",
        "purpose",
        "s 16A item 4",
    ),
    ("au", {"proposed_purpose": "ATO notice", "exception": "required_by_law"}, "allowed", "purpose", "APP 6.2(b)"),
    (
        "au",
        {
            "proposed_purpose": "Newsletter",
            "direct_marketing": True,
            "electronic_message": True,
            "exception": "related_and_expected",
        },
        "needs_consent",
        "direct_marketing",
        "Spam Act 2003 s 16",
    ),
    (
        "au",
        {
            "proposed_purpose": "Newsletter",
            "direct_marketing": True,
            "electronic_message": True,
            "consent": {"given": True},
        },
        "allowed",
        "direct_marketing",
        "APP 7.8",
    ),
    (
        "au",
        {
            "proposed_purpose": "Printed catalogue",
            "direct_marketing": True,
            "reasonably_expects_marketing": True,
            "exception": "related_and_expected",
        },
        "allowed",
        "direct_marketing",
        "APP 7.2",
    ),
    (
        "au",
        {
            "proposed_purpose": "Printed catalogue",
            "direct_marketing": True,
            "collected_from_individual": False,
            "exception": "related_and_expected",
        },
        "needs_consent",
        "direct_marketing",
        "APP 7.3",
    ),
    (
        "au",
        {
            "proposed_purpose": "Health products mailout",
            "direct_marketing": True,
            "sensitive": True,
            "directly_related": True,
            "exception": "related_and_expected",
        },
        "needs_consent",
        "direct_marketing",
        "APP 7.4",
    ),
    (
        "au",
        {
            "action": "disclosure",
            "recipient": {"name": "CRM vendor", "country": "US", "contract_requires_app_compliance": True},
        },
        "allowed",
        "cross_border",
        "s 16C",
    ),
    (
        "au",
        {"action": "disclosure", "recipient": {"name": "Offshore help desk", "country": "PH"}},
        "needs_consent",
        "cross_border",
        "APP 8.1, APP 8.2",
    ),
    (
        "au",
        {
            "action": "disclosure",
            "recipient": {"name": "Offshore help desk", "country": "PH"},
            "consent": {"given": True, "informed_of_overseas_risk": True},
        },
        "allowed",
        "cross_border",
        "APP 8.2(b)",
    ),
    (
        "au",
        {"action": "disclosure", "recipient": {"name": "NZ branch", "country": "NZ", "similar_law_enforceable": True}},
        "allowed",
        "cross_border",
        "APP 8.2(a)",
    ),
    (
        "au",
        {"action": "disclosure", "recipient": {"name": "Cloud host", "country": "SG", "keeps_under_our_control": True}},
        "allowed",
        "purpose",
        "APP 6.1",
    ),
    ("nz", {"proposed_purpose": "Invoice follow-up", "directly_related": True}, "allowed", "purpose", "IPP 10(1)"),
    ("nz", {"proposed_purpose": "Sell the list", "action": "disclosure"}, "needs_consent", "purpose", "IPP 11(1)"),
    (
        "nz",
        {"action": "disclosure", "recipient": {"name": "US CRM", "country": "US"}},
        "needs_consent",
        "cross_border",
        "IPP 12(1)",
    ),
    (
        "nz",
        {"action": "disclosure", "recipient": {"name": "US CRM", "country": "US", "comparable_safeguards": True}},
        "allowed",
        "cross_border",
        "IPP 12(1)(c), (f)",
    ),
    (
        "nz",
        {"action": "disclosure", "recipient": {"name": "AU parent", "country": "AU", "subject_to_nz_act": True}},
        "allowed",
        "cross_border",
        "IPP 12(1)(b)",
    ),
    (
        "nz",
        {
            "action": "disclosure",
            "recipient": {"name": "US CRM", "country": "US"},
            "consent": {"given": True, "informed_of_overseas_risk": True},
        },
        "allowed",
        "cross_border",
        "IPP 12(1)(a)",
    ),
    (
        "nz",
        {
            "proposed_purpose": "Promotions",
            "direct_marketing": True,
            "electronic_message": True,
            "directly_related": True,
        },
        "needs_consent",
        "direct_marketing",
        "Unsolicited Electronic Messages Act 2007",
    ),
    ("eu", {"gdpr_basis": "contract"}, "allowed", "lawful_basis", "GDPR Art 6(1)"),
    ("eu", {"proposed_purpose": "Profiling for ads"}, "needs_consent", "lawful_basis", "Art 6(4)"),
    (
        "eu",
        {"proposed_purpose": "Fraud check", "gdpr_basis": "legitimate_interests", "compatible_purpose": True},
        "allowed",
        "lawful_basis",
        "Art 5(1)(b)",
    ),
    ("eu", {"gdpr_basis": "contract", "sensitive": True}, "needs_consent", "special_category", "GDPR Art 9(1)-(2)"),
    (
        "eu",
        {"sensitive": True, "consent": {"given": True, "express": True}},
        "allowed",
        "special_category",
        "GDPR Art 9(2)(a)",
    ),
    (
        "eu",
        {"gdpr_basis": "contract", "sensitive": True, "exception": "legal_claims"},
        "allowed",
        "special_category",
        "GDPR Art 9(2)(f)",
    ),
    (
        "eu",
        {"gdpr_basis": "contract", "action": "disclosure", "recipient": {"name": "AU office", "country": "AU"}},
        "not_allowed",
        "transfer",
        "GDPR Art 44",
    ),
    (
        "eu",
        {
            "gdpr_basis": "contract",
            "action": "disclosure",
            "recipient": {"name": "AU office", "country": "AU", "gdpr_safeguard": "scc"},
        },
        "allowed",
        "transfer",
        "GDPR Art 46(2)(c)",
    ),
    (
        "eu",
        {"gdpr_basis": "contract", "action": "disclosure", "recipient": {"name": "NZ office", "country": "NZ"}},
        "allowed",
        "transfer",
        "GDPR Art 45",
    ),
    (
        "eu",
        {"gdpr_basis": "contract", "action": "disclosure", "recipient": {"name": "US SaaS", "country": "US"}},
        "not_allowed",
        "transfer",
        "GDPR Art 44",
    ),
    (
        "eu",
        {
            "gdpr_basis": "contract",
            "action": "disclosure",
            "recipient": {"name": "US SaaS", "country": "US", "dpf_certified": True},
        },
        "allowed",
        "transfer",
        "GDPR Art 45",
    ),
    (
        "eu",
        {
            "gdpr_basis": "contract",
            "action": "disclosure",
            "on": "2023-07-09",
            "recipient": {"name": "US SaaS", "country": "US", "dpf_certified": True},
        },
        "not_allowed",
        "transfer",
        "GDPR Art 44",
    ),
    (
        "eu",
        {"gdpr_basis": "contract", "action": "disclosure", "recipient": {"name": "Irish DC", "country": "IE"}},
        "allowed",
        "lawful_basis",
        "GDPR Art 6(1)",
    ),
    (
        "eu",
        {
            "proposed_purpose": "Offers",
            "gdpr_basis": "legitimate_interests",
            "compatible_purpose": True,
            "direct_marketing": True,
            "electronic_message": True,
        },
        "needs_consent",
        "direct_marketing",
        "Directive 2002/58/EC Art 13(1)",
    ),
    (
        "eu",
        {
            "proposed_purpose": "Offers",
            "gdpr_basis": "legitimate_interests",
            "compatible_purpose": True,
            "direct_marketing": True,
            "electronic_message": True,
            "existing_customer": True,
        },
        "allowed",
        "direct_marketing",
        "Art 13(2)",
    ),
]


@pytest.mark.parametrize(("regime", "facts", "outcome", "decided_by", "citation"), CASES)
def test_decision(regime: str, facts: dict[str, Any], outcome: str, decided_by: str, citation: str) -> None:
    result = _d(regime, **facts)
    assert (result["outcome"], result["decided_by"]) == (outcome, decided_by), result
    assert citation in _cites(result)


def test_overall_is_the_most_restrictive_regime() -> None:
    facts = {
        **BASE,
        "regimes": ["au", "eu"],
        "gdpr_basis": "contract",
        "action": "disclosure",
        "recipient": {"name": "Support partner", "country": "PH", "contract_requires_app_compliance": True},
    }
    result = decide(facts)
    assert [r.outcome for r in result.regimes] == ["allowed", "not_allowed"]
    assert result.outcome == "not_allowed"


def test_every_reason_is_cited() -> None:
    for regime, facts, *_ in CASES:
        for reason in _d(regime, **facts)["reasons"]:
            assert reason["citation"] and reason["text"].endswith((".", ")"))


@pytest.mark.parametrize(
    ("facts", "message"),
    [
        ({"regimes": ["au"], "colour": "blue"}, "colour: unknown field; accepted: regimes, on, categories"),
        (
            {"regimes": ["au"], "recipient": {"country": "US", "vibe": 1}},
            "recipient.vibe: unknown field; accepted: name,",
        ),
        ({"regimes": ["uk"]}, "regimes.0: Input should be 'au', 'nz' or 'eu'"),
        ({"regimes": ["au"], "exception": "because"}, "accepted: related_and_expected, required_by_law"),
        ({"regimes": []}, "regimes: List should have at least 1 item"),
    ],
)
def test_bad_input_names_the_field_and_what_is_accepted(facts: dict[str, Any], message: str) -> None:
    with pytest.raises(LawError) as caught:
        decide({**BASE, **facts})
    assert message in str(caught.value)


def test_as_the_law_stood_on_a_date() -> None:
    facts = {
        **BASE,
        "regimes": ["eu"],
        "gdpr_basis": "contract",
        "action": "disclosure",
        "recipient": {"name": "Seoul office", "country": "KR"},
    }
    assert decide({**facts, "on": date(2021, 12, 16)}).outcome == "not_allowed"
    assert decide({**facts, "on": date(2021, 12, 17)}).outcome == "allowed"
