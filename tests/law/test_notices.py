"""Collection notices checked matter by matter, as the law stood on the day of collection."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from privacydesk.law import LawError
from privacydesk.law.clocks import Policy, deadline, in_force
from privacydesk.law.notices import TOPICS, check_notice, required_matters

FULL = {topic: f"Text for {topic}." for topic in TOPICS}


def _missing(jurisdictions: list[str], document: str, on: date, sections: dict[str, str], facts=()) -> list[str]:  # type: ignore[no-untyped-def]
    return [m.id for m in check_notice(jurisdictions, document, on, sections, facts).missing]


@pytest.mark.parametrize(
    ("jurisdictions", "document", "on", "facts", "topics"),
    [
        # APP 5.2 without law, overseas: (a), (b), (d)-(i); (b) is about awareness of collection.
        (["au"], "collection_notice", date(2026, 1, 1), (), [
            "identity", "collection_fact", "purposes", "consequences", "recipients", "overseas",
            "access_correction", "complaints",
        ]),
        # Indirect: APP 5.2(b) is answered by the source section.
        (["au"], "indirect_collection_notice", date(2026, 1, 1), ("required_by_law",), [
            "identity", "source", "purposes", "law", "consequences", "recipients", "overseas",
            "access_correction", "complaints",
        ]),
        # IPP 3A, 1 May 2026: six matters, no consequences or source.
        (["nz"], "indirect_collection_notice", date(2026, 5, 1), (), [
            "identity", "collection_fact", "purposes", "recipients", "access_correction",
        ]),
        (["nz"], "indirect_collection_notice", date(2026, 4, 30), (), []),
        # Art 14 with legitimate interests and a transfer: source and categories join.
        (["eu"], "indirect_collection_notice", date(2026, 1, 1), ("legitimate_interests", "overseas"), [
            "identity", "source", "categories", "purposes", "lawful_basis", "legitimate_interests",
            "recipients", "overseas", "retention", "rights", "complaints", "automated_decisions",
        ]),
    ],
)  # fmt: skip
def test_topics_needed(jurisdictions, document, on, facts, topics) -> None:  # type: ignore[no-untyped-def]
    check = check_notice(jurisdictions, document, on, {}, facts)
    assert check.topics_needed == topics
    assert not check.complete or topics == []


def test_a_full_notice_is_complete_for_every_regime_and_fact() -> None:
    facts = ("required_by_law", "overseas", "legitimate_interests", "consent_basis", "dpo_appointed")
    for document in ("collection_notice", "indirect_collection_notice"):
        assert check_notice(["au", "nz", "eu"], document, date(2026, 12, 1), FULL, facts).complete


def test_a_blank_section_counts_as_missing_and_names_its_citation() -> None:
    sections = {**FULL, "recipients": "   "}
    check = check_notice(["au", "nz"], "collection_notice", date(2026, 6, 1), sections)
    assert [(m.id, m.citation) for m in check.missing] == [
        ("app5_2_f", "Privacy Act 1988 (Cth) Sch 1, APP 5.2(f)"),
        ("ipp3_1_c", "Privacy Act 2020 (NZ) s 22, IPP 3(1)(c)"),
    ]


def test_conditions_add_matters_only_when_they_hold() -> None:
    without = {m.id for m in required_matters(["eu"], "collection_notice", date(2026, 1, 1))}
    with_consent = {m.id for m in required_matters(["eu"], "collection_notice", date(2026, 1, 1), ["consent_basis"])}
    assert with_consent - without == {"gdpr13_2_c"}


def test_bad_input_names_what_is_accepted() -> None:
    with pytest.raises(LawError, match="unknown notice section 'whatever'"):
        check_notice(["au"], "collection_notice", date(2026, 1, 1), {"whatever": "x"})
    with pytest.raises(LawError, match="unknown fact 'secret'"):
        required_matters(["au"], "collection_notice", date(2026, 1, 1), ["secret"])
    with pytest.raises(LawError, match="unknown jurisdiction 'uk'"):
        required_matters(["uk"], "collection_notice", date(2026, 1, 1))


# Worked examples: when is the notice of an indirect collection due?
@pytest.mark.parametrize(
    ("jurisdiction", "subdivision", "collected", "zone", "due", "benchmark"),
    [
        # NZ, Friday 18 Dec 2026: the s 7 summer break (25 Dec-15 Jan) is not counted; 10 working days
        # of the organisation's target end Monday 25 Jan 2027.
        ("nz", None, datetime(2026, 12, 18, 10), "Pacific/Auckland", date(2027, 1, 25), True),
        # NSW, Thursday 24 Dec 2026: Christmas, the Boxing Day substitute (Mon 28) and New Year's Day skipped.
        ("au", "NSW", datetime(2026, 12, 24, 10), "Australia/Sydney", date(2027, 1, 12), True),
        # Ireland, Sunday 31 Jan 2027: one month is Sunday 28 Feb, rolled to Monday 1 Mar (Art 14(3)(a)).
        ("eu", "IE", datetime(2027, 1, 31, 10), "Europe/Dublin", date(2027, 3, 1), False),
    ],
)
def test_indirect_notice_due(jurisdiction, subdivision, collected, zone, due, benchmark) -> None:  # type: ignore[no-untyped-def]
    result = deadline(jurisdiction, "indirect_collection_notice", collected.replace(tzinfo=ZoneInfo(zone)), subdivision)
    assert result.due is not None and result.due.date() == due
    assert result.benchmark is benchmark


def test_indirect_notice_target_follows_the_policy_and_ipp3a_start() -> None:
    start = datetime(2026, 12, 18, 10, tzinfo=ZoneInfo("Pacific/Auckland"))
    faster = deadline("nz", "indirect_collection_notice", start, policy=Policy(indirect_notice_working_days=3))
    assert faster.due is not None and faster.due.date() == date(2026, 12, 23)
    assert "target is 3 working days" in faster.explanation
    assert not in_force("nz", "indirect_collection_notice", date(2026, 4, 30))
    assert in_force("nz", "indirect_collection_notice", date(2026, 5, 1))
    with pytest.raises(LawError, match="no nz rule for indirect_collection_notice was in force on 2026-04-30"):
        deadline("nz", "indirect_collection_notice", datetime(2026, 4, 30, 9, tzinfo=ZoneInfo("Pacific/Auckland")))
