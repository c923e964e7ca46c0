"""Law engine endpoints: deadlines (and, as the engine grows, grounds and decisions)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from privacydesk.audit import chain
from privacydesk.law import DUTIES, DecisionInput, LawError, Policy, deadline
from privacydesk.law import decide as run_decide
from privacydesk.law.applies import SMALL_BUSINESS_EXCEPTIONS, Organisation, applies
from privacydesk.law.grounds import REQUEST_KINDS, escalation, grounds
from privacydesk.law.notices import FACTS, TOPICS, check_notice

router = Router(tags=["law"])


class DeadlineOut(Schema):
    due: str | None = Field(description="End of the due day (or exact time) with offset; null when none is fixed")
    rule: str
    citation: str
    explanation: str
    jurisdiction: str
    duty: str
    subdivision: str | None
    start: str
    zone: str
    benchmark: bool = Field(description="True when the period is a regulator's benchmark, not a statutory limit")
    verified: bool = Field(description="False when the rule is confirmed only from secondary sources")


class LawErrorOut(Schema):
    detail: str


@router.get(
    "/deadline",
    response={200: DeadlineOut, 422: LawErrorOut},
    summary="When a duty is due, with the rule and its citation",
    description=f"Duties: {', '.join(DUTIES)}. Jurisdictions: au, nz, eu.",
)
def get_deadline(
    request: HttpRequest,
    jurisdiction: str,
    duty: str,
    start: datetime,
    subdivision: str | None = None,
    complaint_acknowledgement_working_days: int = 5,
) -> Status[dict[str, Any]]:
    policy = Policy(complaint_acknowledgement_working_days=complaint_acknowledgement_working_days)
    try:
        return Status(200, deadline(jurisdiction, duty, start, subdivision, policy).as_dict())
    except LawError as exc:
        return Status(422, {"detail": str(exc)})


class GroundOut(Schema):
    code: str
    citation: str
    label: str
    letter: str = Field(description='Completes "We have not done what you asked because ..."')


class RegulatorOut(Schema):
    name: str
    website: str
    phone: str
    citation: str
    when: str


class GroundsOut(Schema):
    jurisdiction: str
    kind: str
    grounds: list[GroundOut]
    escalation: RegulatorOut


@router.get(
    "/grounds",
    response={200: GroundsOut, 422: LawErrorOut},
    summary="Grounds for refusing or limiting a request, and where a complaint escalates",
    description=f"Kinds: {', '.join(REQUEST_KINDS)}.",
)
def get_grounds(
    request: HttpRequest, jurisdiction: str, kind: str, member_state: str | None = None
) -> Status[dict[str, Any]]:
    try:
        found = grounds(jurisdiction, kind)
        regulator = escalation(jurisdiction, member_state)
    except LawError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(
        200,
        {
            "jurisdiction": jurisdiction,
            "kind": kind,
            "grounds": [g.as_dict() for g in found],
            "escalation": regulator.as_dict(),
        },
    )


class ReasonOut(Schema):
    check: str
    outcome: str
    text: str
    citation: str


class RegimeDecisionOut(Schema):
    regime: str
    outcome: str
    decided_by: str = Field(description="The check (fact) that decided this regime's outcome")
    reasons: list[ReasonOut]


class DecisionOut(Schema):
    outcome: str = Field(description="allowed, needs_consent or not_allowed: the most restrictive regime")
    regimes: list[RegimeDecisionOut]


@router.post(
    "/decide",
    response={200: DecisionOut, 422: LawErrorOut},
    summary="May we use or disclose this information? (APP 6-8, IPP 10-12, GDPR Arts 6, 9, 44-49)",
    description="Every decision requested here is written to the audit log with its facts and outcome.",
)
def post_decide(request: HttpRequest, facts: DecisionInput) -> Status[dict[str, Any]]:
    try:
        decision = run_decide(facts)
    except LawError as exc:
        return Status(422, {"detail": str(exc)})
    result = decision.as_dict()
    chain.append(
        "decide",
        "law.decision",
        "",
        summary=f"{facts.proposed_purpose[:120]}: {decision.outcome}",
        data={
            "facts": facts.model_dump(mode="json", exclude={"recipient": {"name"}}),
            "outcome": decision.outcome,
            "by_regime": {r.regime: [r.outcome, r.decided_by] for r in decision.regimes},
        },
    )
    return Status(200, result)


class ApplyIn(Schema):
    operates_in_au: bool = False
    operates_in_nz: bool = False
    eu_establishment: bool = False
    offers_to_eu: bool = False
    monitors_eu: bool = False
    annual_turnover_aud: int | None = None
    small_business_operator: bool | None = None
    exceptions: list[str] = Field([], description=f"Any of: {', '.join(SMALL_BUSINESS_EXCEPTIONS)}")
    person_country: str | None = Field(None, description="ISO 3166 code of the individual's country, if one")
    on: date | None = None


class RegimeOut(Schema):
    code: str
    name: str
    applies: bool
    reasons: list[str]
    would_apply_if: list[str]


@router.post(
    "/applies",
    response={200: list[RegimeOut], 422: LawErrorOut},
    summary="Which privacy law applies: AU Privacy Act, NZ Privacy Act 2020, GDPR — with reasons",
)
def post_applies(request: HttpRequest, facts: ApplyIn) -> Status[list[dict[str, object]] | dict[str, Any]]:
    data = facts.dict()
    person_country, on = data.pop("person_country"), data.pop("on")
    try:
        org = Organisation(**{**data, "exceptions": frozenset(data["exceptions"])})
        regimes = applies(org, person_country, on)
    except LawError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, [r.as_dict() for r in regimes])


class NoticeCheckIn(Schema):
    jurisdictions: list[str] = Field(min_length=1, description="au, nz, eu")
    document: str = Field("collection_notice", description="collection_notice or indirect_collection_notice")
    on: date | None = Field(None, description="The day the notice is used; default today")
    sections: dict[str, str] = Field(description=f"Topic → text; topics: {', '.join(TOPICS)}")
    facts: list[str] = Field([], description=f"Facts that hold: {', '.join(FACTS)}")


class MatterOut(Schema):
    id: str
    jurisdiction: str
    document: str
    topic: str
    citation: str
    requirement: str
    in_force_from: str
    condition: str | None


class NoticeCheckOut(Schema):
    complete: bool
    topics_needed: list[str]
    missing: list[MatterOut]
    required: list[MatterOut]


@router.post(
    "/notice-check",
    response={200: NoticeCheckOut, 422: LawErrorOut},
    summary="Check a collection notice covers every matter APP 5, IPP 3/3A and GDPR Art 13/14 require",
)
def notice_check(request: HttpRequest, payload: NoticeCheckIn) -> Status[dict[str, Any]]:
    try:
        result = check_notice(
            payload.jurisdictions, payload.document, payload.on or date.today(), payload.sections, payload.facts
        )
    except LawError as exc:
        return Status(422, {"detail": str(exc)})
    return Status(200, result.as_dict())
