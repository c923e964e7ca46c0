"""``deadline``: by when must a duty be done, under which rule, and why.

The clock starts at an aware datetime (a naive one is refused: "10am" means nothing without a
zone). The day of the event is the calendar day in the jurisdiction's zone — Australia/Sydney (or
the state's zone), Pacific/Auckland, or the EU member state's zone — because a request emailed at
11pm in Sydney on Friday arrived on Friday there, whatever the clock said in London. A due date is
the end of its day (23:59:59) in that zone; an hours period is exact.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime, time, timedelta
from typing import Any

from privacydesk.law import calendar
from privacydesk.law.errors import LawError
from privacydesk.law.rules import RULES, Rule

DUTIES = (
    "access_response",
    "correction_response",
    "erasure_response",
    "objection_response",
    "portability_response",
    "restriction_response",
    "complaint_acknowledgement",
    "complaint_response",
    "breach_assessment",
    "breach_notify_regulator",
    "unsubscribe",
    "extension",
    "indirect_collection_notice",
)
# Duties the law leaves "as soon as practicable": the organisation's own target (``Policy``) gives
# them a date to work to, reported as a target (benchmark), never as a statutory limit.
_POLICY_TARGETS = {"indirect_collection_notice": "indirect_notice_working_days"}
END_OF_DAY = time(23, 59, 59)
_COUNTED = {
    "working_days": "{} working days after it",
    "calendar_days": "{} days after it",
    "month": "{} month after it",
    "months": "{} months after it",
}
_INDEX: dict[tuple[str, str], tuple[Rule, ...]] = {}
for _rule in RULES:
    _INDEX[(_rule.jurisdiction, _rule.duty)] = (*_INDEX.get((_rule.jurisdiction, _rule.duty), ()), _rule)


@dataclass(frozen=True)
class Policy:
    """What the organisation has promised where the law leaves the time to it."""

    complaint_acknowledgement_working_days: int = 5
    # "As soon as practicable" for a notice of indirect collection (APP 5.1, IPP 3A), as a target.
    indirect_notice_working_days: int = 10


@dataclass(frozen=True)
class Deadline:
    jurisdiction: str
    duty: str
    subdivision: str | None
    start: datetime
    due: datetime | None
    rule: str
    citation: str
    rule_text: str
    benchmark: bool = False
    verified: bool = True
    zone: str = field(default="")
    # How the date was counted, kept as facts and put into words only when someone reads them:
    # formatting dates costs more than computing them.
    local_start: datetime | None = None
    counted: str = ""
    unrolled: date | None = None

    @property
    def explanation(self) -> str:
        if self.due is None or self.local_start is None:
            return self.rule_text
        day = self.local_start.date()
        if not self.counted:  # an exact number of hours
            later = f"{self.due:%H:%M} on {_day(self.due.date())}"
            return f"{self.rule_text} Aware at {self.local_start:%H:%M} on {_day(day)} ({self.zone}); {later}."
        text = f"{self.rule_text} Started {_day(day)} ({self.zone}); {self.counted} is "
        if self.unrolled is not None:
            text += f"{_day(self.unrolled)}, not a working day, so the period ends on the next working day, "
        return text + f"{_day(self.due.date())}."

    def as_dict(self) -> dict[str, Any]:
        return {
            "due": self.due.isoformat() if self.due else None,
            "rule": self.rule,
            "citation": self.citation,
            "explanation": self.explanation,
            "jurisdiction": self.jurisdiction,
            "duty": self.duty,
            "subdivision": self.subdivision,
            "start": self.start.isoformat(),
            "zone": self.zone,
            "benchmark": self.benchmark,
            "verified": self.verified,
        }


def _policy_rule(jurisdiction: str, policy: Policy) -> Rule:
    days = policy.complaint_acknowledgement_working_days
    if days < 0:
        raise LawError("complaint_acknowledgement_working_days must be zero or more")
    act = {
        "au": "Privacy Act 1988 (Cth) Sch 1, APP 1.4(e)",
        "nz": "Privacy Act 2020 (NZ) s 201 (privacy officer's duties)",
        "eu": "GDPR Art 12(2) and Art 77",
    }[jurisdiction]
    return Rule(
        f"{jurisdiction}.complaint_acknowledgement.policy",
        jurisdiction,
        "complaint_acknowledgement",
        "working_days",
        days,
        f"Organisation's complaints policy ({act})",
        f"Acknowledge a privacy complaint within {days} working days, as the organisation's policy promises; "
        "the law sets no fixed time.",
        date.min,
    )


def _target_rule(rule: Rule, policy: Policy) -> Rule:
    """A rule with no fixed time, given the organisation's own target in working days."""
    days = getattr(policy, _POLICY_TARGETS[rule.duty])
    if days < 0:
        raise LawError(f"{_POLICY_TARGETS[rule.duty]} must be zero or more")
    return replace(
        rule,
        id=f"{rule.id}.policy",
        kind="working_days",
        amount=days,
        citation=f"{rule.citation}; organisation's target",
        explanation=f"{rule.explanation} The organisation's target is {days} working days.",
        benchmark=True,
    )


def in_force(jurisdiction: str, duty: str, day: date) -> bool:
    """Whether ``jurisdiction``'s law imposes ``duty`` for an event on ``day`` (IPP 3A: from 1 May 2026)."""
    if duty == "complaint_acknowledgement":
        return True
    return any(rule.in_force(day) for rule in _INDEX.get((jurisdiction.lower(), duty), ()))


def _rule_for(jurisdiction: str, duty: str, day: date, policy: Policy) -> Rule:
    if duty == "complaint_acknowledgement":
        return _policy_rule(jurisdiction, policy)
    for rule in _INDEX.get((jurisdiction, duty), ()):
        if rule.in_force(day):
            return _target_rule(rule, policy) if rule.kind == "none" and duty in _POLICY_TARGETS else rule
    earliest = min(r.in_force_from for r in _INDEX[(jurisdiction, duty)])
    raise LawError(f"no {jurisdiction} rule for {duty} was in force on {day.isoformat()}; rules start {earliest}")


def _day(d: date) -> str:
    return f"{d:%A} {d.day} {d:%B %Y}"


def deadline(
    jurisdiction: str,
    duty: str,
    start: datetime,
    subdivision: str | None = None,
    policy: Policy | None = None,
) -> Deadline:
    """When ``duty`` is due under ``jurisdiction``'s law for an event at ``start``.

    >>> from datetime import datetime, timezone
    >>> deadline("nz", "access_response", datetime(2026, 12, 18, 1, tzinfo=timezone.utc)).due.date()
    datetime.date(2027, 2, 9)
    """
    jurisdiction = str(jurisdiction).lower()
    if jurisdiction not in calendar.JURISDICTIONS:
        raise LawError(f"unknown jurisdiction {jurisdiction!r}; accepted: {', '.join(calendar.JURISDICTIONS)}")
    if duty not in DUTIES:
        raise LawError(f"unknown duty {duty!r}; accepted: {', '.join(DUTIES)}")
    sub = calendar.check_subdivision(jurisdiction, subdivision)
    if not isinstance(start, datetime):
        raise LawError("start must be a date and time with its UTC offset, e.g. 2026-12-20T10:00:00+11:00")
    if start.tzinfo is None or start.utcoffset() is None:
        raise LawError(
            f"start {start.isoformat()} has no time zone; give its UTC offset, e.g. 2026-12-20T10:00:00+11:00"
        )
    tz = calendar.zone(jurisdiction, sub)
    local = start.astimezone(tz)
    day = local.date()
    rule = _rule_for(jurisdiction, duty, day, policy or Policy())

    due: datetime | None
    counted = ""
    unrolled: date | None = None
    if rule.kind == "none":
        due = None
    elif rule.kind == "hours":
        due = (start + timedelta(hours=rule.amount)).astimezone(tz)
        counted = ""
    else:
        if rule.kind == "working_days":
            last = calendar.add_working_days(jurisdiction, sub, day, rule.amount)
            counted = _COUNTED["working_days"].format(rule.amount)
        elif rule.kind == "calendar_days":
            last = day + timedelta(days=rule.amount)
            counted = _COUNTED["calendar_days"].format(rule.amount)
        else:
            last = calendar.add_months(day, rule.amount)
            counted = _COUNTED["months" if rule.amount > 1 else "month"].format(rule.amount)
        if rule.roll:
            moved = calendar.next_working_day(jurisdiction, sub, last)
            if moved != last:
                unrolled, last = last, moved
        due = datetime.combine(last, END_OF_DAY, tzinfo=tz)
    return Deadline(
        jurisdiction=jurisdiction,
        duty=duty,
        subdivision=sub,
        start=start,
        due=due,
        rule=rule.id,
        citation=rule.citation,
        rule_text=rule.explanation,
        benchmark=rule.benchmark,
        verified=rule.verified,
        zone=tz.key,
        local_start=local,
        counted=counted,
        unrolled=unrolled,
    )
