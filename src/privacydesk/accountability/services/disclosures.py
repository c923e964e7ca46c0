"""Recording disclosures, and reading them back for a person, a correction or an export.

Every disclosure is put to the law engine (``law.decide``) with the facts from the register — the
recipient's country and the legal basis recorded for transfers to it, the categories' sensitivity,
the purpose's GDPR basis — and the facts only the caller knows (the exception relied on, consent).
One the engine does not allow is refused with its reasons and nothing is written; one it allows is
stored with the facts and the answer, so the log shows the basis as it stood on the day.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.utils import timezone
from pydantic import BaseModel, ConfigDict, Field

from privacydesk.accountability.models import Disclosure, RoutineDisclosure, RoutineRun
from privacydesk.accountability.services.common import (
    actor_name,
    home_countries,
    lineage_ids,
    organisation_regimes,
    overlapping,
    regimes_for,
)
from privacydesk.law.decide import EXCEPTIONS, Consent, Decision, DecisionInput, GdprBasis, decide
from privacydesk.law.decide import Recipient as LawRecipient
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, Recipient, Transfer

# Transfer bases in the register → the facts the law engine asks about the recipient.
_AU_FACTS = {
    "app_8_1": "contract_requires_app_compliance",
    "app_8_2_a": "similar_law_enforceable",
    "not_disclosure": "keeps_under_our_control",
}
_NZ_FACTS = {
    "ipp_12_1_b": "subject_to_nz_act",
    "ipp_12_1_c": "comparable_safeguards",
    "ipp_12_1_f": "comparable_safeguards",
}


class DisclosureFacts(BaseModel):
    """What the person recording a disclosure knows that the register does not."""

    model_config = ConfigDict(extra="forbid")

    collection_purpose: str = Field(
        "", description="Why the information was first collected; defaults to the person's collection records"
    )
    directly_related: bool = False
    exception: str | None = Field(None, description=f"One of: {', '.join(EXCEPTIONS)}")
    consent: Consent = Field(default_factory=Consent)
    gdpr_basis: GdprBasis = Field("", description="Defaults to the purpose's basis in the register")
    compatible_purpose: bool = False
    direct_marketing: bool = False


class DisclosureRefused(Exception):
    """The law engine does not allow the disclosure; ``reasons`` say why, with citations."""

    def __init__(self, decision: Decision) -> None:
        self.decision = decision
        self.reasons = [
            f"{r.regime.upper()}: {reason.text} ({reason.citation})"
            for r in decision.regimes
            if r.outcome != "allowed"
            for reason in r.reasons
            if reason.outcome != "allowed"
        ]
        super().__init__(
            f"The law engine does not allow this disclosure ({decision.outcome}): " + " ".join(self.reasons)
        )


def recipient_facts(recipient: Recipient, country: str) -> LawRecipient:
    """The law engine's view of a register recipient receiving in ``country``."""
    facts: dict[str, Any] = {"name": recipient.name, "country": country}
    for transfer in Transfer.objects.filter(recipient=recipient, country=country):
        if transfer.au_basis in _AU_FACTS:
            facts[_AU_FACTS[transfer.au_basis]] = True
        if transfer.nz_basis in _NZ_FACTS:
            facts[_NZ_FACTS[transfer.nz_basis]] = True
        if transfer.gdpr_safeguard in {"scc", "bcr"}:
            facts["gdpr_safeguard"] = transfer.gdpr_safeguard
    return LawRecipient(**facts)


def _collection_purpose(person: Person | None, purpose: Purpose | None, given: str) -> str:
    if given.strip():
        return given.strip()
    if person is not None:
        names = Purpose.objects.filter(collection_points__collections__person=person).values_list("name", flat=True)
        first = next(iter(names.order_by("name").distinct()), None)
        if first:
            return str(first)
    return purpose.name if purpose is not None else "providing our services"


def _country(recipient: Recipient, country: str) -> str:
    code = (country or str(recipient.country or "")).upper()
    if not code:
        raise ValidationError(
            {"country": f"Recipient {recipient.name!r} has no country in the register; give the country it is in."}
        )
    return code


def assess(
    *,
    recipient: Recipient,
    categories: Iterable[DataCategory],
    purpose: Purpose | None,
    reason: str,
    on: date,
    facts: DisclosureFacts,
    person: Person | None = None,
    country: str = "",
    regimes: list[str] | None = None,
) -> tuple[DecisionInput, Decision]:
    """The law engine's answer for a proposed disclosure, without recording anything."""
    categories = list(categories)
    if not categories:
        raise ValidationError({"categories": "Name at least one category of information disclosed."})
    if facts.exception is not None and facts.exception not in EXCEPTIONS:
        raise ValidationError(
            {"exception": f"Unknown exception {facts.exception!r}; accepted: {', '.join(EXCEPTIONS)}."}
        )
    code = _country(recipient, country)
    proposed = purpose.name if purpose is not None else (reason.strip() or "disclosure")
    decision_input = DecisionInput(
        regimes=regimes or regimes_for(person),
        on=on,
        categories=[c.code for c in categories],
        sensitive=any(c.sensitive for c in categories),
        health_information=any(c.code.startswith("health") for c in categories),
        collection_purpose=_collection_purpose(person, purpose, facts.collection_purpose),
        proposed_purpose=proposed,
        directly_related=facts.directly_related,
        action="disclosure",
        direct_marketing=facts.direct_marketing,
        recipient=recipient_facts(recipient, code),
        consent=facts.consent,
        exception=facts.exception,
        gdpr_basis=(facts.gdpr_basis or (purpose.gdpr_basis if purpose else "")),
        compatible_purpose=facts.compatible_purpose,
    )
    return decision_input, decide(decision_input)


@dataclass
class Basis:
    """An allowed disclosure's basis, ready to store: the facts, the answer and where it went."""

    facts: dict[str, Any]
    decision: dict[str, Any]
    country: str
    overseas: bool


def _basis_or_refuse(**kwargs: Any) -> Basis:
    decision_input, decision = assess(**kwargs)
    if decision.outcome != "allowed":
        raise DisclosureRefused(decision)
    code = decision_input.recipient.country if decision_input.recipient else ""
    return Basis(decision_input.model_dump(mode="json"), decision.as_dict(), code, code not in home_countries())


def _check_enforcement_note(facts: DisclosureFacts, activity: str, belief: str) -> None:
    if facts.exception != "enforcement_body":
        return
    errors = {}
    if not activity.strip():
        errors["enforcement_activity"] = "APP 6.5: describe the enforcement body's enforcement-related activity."
    if not belief.strip():
        errors["belief_basis"] = "APP 6.5: say why you believed the disclosure was reasonably necessary for it."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def record_disclosure(
    *,
    person: Person,
    recipient: Recipient,
    categories: Iterable[DataCategory],
    reason: str,
    disclosed_at: datetime,
    facts: DisclosureFacts | None = None,
    purpose: Purpose | None = None,
    country: str = "",
    reference: str = "",
    channel: str = "console",
    enforcement_activity: str = "",
    belief_basis: str = "",
) -> Disclosure:
    """Record one disclosure of ``person``'s information, or raise ``DisclosureRefused`` / ``ValidationError``."""
    facts = facts or DisclosureFacts()
    if person.merged_into_id is not None:
        raise ValidationError({"person": f"Record {person.pk} was merged into {person.merged_into_id}; use that one."})
    if not reason.strip():
        raise ValidationError({"reason": "Say why the information was disclosed."})
    if timezone.is_naive(disclosed_at):
        raise ValidationError({"disclosed_at": "Give the time with its UTC offset, e.g. 2026-11-23T10:00:00+11:00."})
    if disclosed_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"disclosed_at": "A disclosure cannot be recorded before it happens."})
    _check_enforcement_note(facts, enforcement_activity, belief_basis)
    categories = list(categories)
    basis = _basis_or_refuse(
        recipient=recipient,
        categories=categories,
        purpose=purpose,
        reason=reason,
        on=timezone.localtime(disclosed_at).date(),
        facts=facts,
        person=person,
        country=country,
    )
    disclosure = Disclosure.objects.create(
        person=person,
        recipient=recipient,
        purpose=purpose,
        reason=reason.strip(),
        disclosed_at=disclosed_at,
        country=basis.country,
        overseas=basis.overseas,
        exception=facts.exception or "",
        facts=basis.facts,
        basis=basis.decision,
        enforcement_activity=enforcement_activity.strip(),
        belief_basis=belief_basis.strip(),
        reference=reference.strip(),
        channel=channel,
        recorded_by=actor_name(),
    )
    disclosure.categories.set(categories)
    return disclosure


@transaction.atomic
def define_routine(
    *,
    name: str,
    recipient: Recipient,
    categories: Iterable[DataCategory],
    reason: str,
    started_on: date,
    facts: DisclosureFacts | None = None,
    purpose: Purpose | None = None,
    frequency: str = "nightly",
    source_system: Any = None,
    subject_types: Iterable[Any] = (),
    country: str = "",
    jurisdictions: Iterable[str] | None = None,
) -> RoutineDisclosure:
    """Define a routine disclosure once; its basis is decided now, under the law of each jurisdiction
    whose people it carries (by default every regime the organisation is under)."""
    facts = facts or DisclosureFacts()
    regimes = [j.lower() for j in (jurisdictions or organisation_regimes())]
    unknown = [j for j in regimes if j not in {"au", "nz", "eu"}]
    if unknown:
        raise ValidationError({"jurisdictions": f"Unknown jurisdiction {unknown[0]!r}; accepted: au, nz, eu."})
    subject_types = list(subject_types)
    if source_system is None and not subject_types:
        raise ValidationError(
            {"source_system": "Say whose information it covers: a system, one or more subject types, or both."}
        )
    categories = list(categories)
    basis = _basis_or_refuse(
        recipient=recipient,
        categories=categories,
        purpose=purpose,
        reason=reason,
        on=started_on,
        facts=facts,
        country=country,
        regimes=regimes,
    )
    routine = RoutineDisclosure(
        name=name.strip(),
        recipient=recipient,
        purpose=purpose,
        reason=reason.strip(),
        frequency=frequency,
        source_system=source_system,
        jurisdictions=regimes,
        country=basis.country,
        overseas=basis.overseas,
        started_on=started_on,
        facts=basis.facts,
        basis=basis.decision,
        recorded_by=actor_name(),
    )
    routine.full_clean(exclude=["categories", "subject_types"])
    routine.save()
    routine.categories.set(categories)
    routine.subject_types.set(subject_types)
    return routine


def record_run(routine: RoutineDisclosure, ran_at: datetime, record_count: int, reference: str = "") -> RoutineRun:
    """One run of a routine disclosure: a single row however many people it carried."""
    if routine.ended_on is not None and timezone.localtime(ran_at).date() > routine.ended_on:
        raise ValidationError({"ran_at": f"{routine.name} ended on {routine.ended_on:%d %B %Y}."})
    if timezone.localtime(ran_at).date() < routine.started_on:
        raise ValidationError({"ran_at": f"{routine.name} starts on {routine.started_on:%d %B %Y}."})
    if record_count < 0:
        raise ValidationError({"record_count": "The number of records cannot be negative."})
    return RoutineRun.objects.create(
        routine=routine, ran_at=ran_at, record_count=record_count, reference=reference, recorded_by=actor_name()
    )


@dataclass
class RoutineEntry:
    routine: RoutineDisclosure
    runs: int
    first_run: datetime | None
    last_run: datetime | None
    records: int


def routines_covering(person: Person) -> list[RoutineEntry]:
    """Routine disclosures whose scope takes in this person — a system that holds them, or their type,
    for people under a law the routine carries — with how often each has run."""
    scope = Q(source_system__in=person.systems.all())
    if person.subject_type_id is not None:
        scope |= Q(subject_types=person.subject_type_id)
    regime = set(regimes_for(person))
    ids = set(RoutineDisclosure.objects.filter(scope).values_list("pk", flat=True))
    if not ids:
        return []
    routines = [
        r
        for r in RoutineDisclosure.objects.filter(pk__in=ids)
        .select_related("recipient", "purpose")
        .prefetch_related("categories")
        if regime & set(r.jurisdictions or organisation_regimes())
    ]
    stats = {
        row["routine_id"]: row
        for row in RoutineRun.objects.filter(routine_id__in=[r.pk for r in routines])
        .values("routine_id")
        .annotate(n=Count("pk"), first=Min("ran_at"), last=Max("ran_at"), total=Sum("record_count"))
    }
    entries = []
    for r in routines:
        row = stats.get(r.pk, {})
        entries.append(RoutineEntry(r, row.get("n", 0), row.get("first"), row.get("last"), row.get("total") or 0))
    return entries


@dataclass
class History:
    disclosures: list[Disclosure] = field(default_factory=list)
    routines: list[RoutineEntry] = field(default_factory=list)


def history(person: Person) -> History:
    """Everything disclosed about a person: each one-off disclosure, and each routine covering them."""
    disclosures = list(
        Disclosure.objects.filter(person__in=lineage_ids(person))
        .select_related("recipient", "purpose")
        .prefetch_related("categories")
    )
    return History(disclosures, routines_covering(person))


@dataclass
class CorrectionRecipient:
    """A recipient who received a corrected category, and must be told of the correction if asked
    (APP 13.2) or unless impossible or disproportionate (GDPR Art 19)."""

    recipient: Recipient
    categories: list[DataCategory]
    last_disclosed: datetime | None
    disclosures: list[int] = field(default_factory=list)
    routines: list[str] = field(default_factory=list)


def correction_recipients(person: Person, corrected: Iterable[DataCategory]) -> list[CorrectionRecipient]:
    """Exactly the recipients who received any of the corrected categories (or a broader or narrower one)."""
    corrected = list(corrected)
    found: dict[int, CorrectionRecipient] = {}

    def note(recipient: Recipient, categories: list[DataCategory], when: datetime | None) -> CorrectionRecipient:
        entry = found.setdefault(recipient.pk, CorrectionRecipient(recipient, [], None))
        entry.categories.extend(c for c in categories if c not in entry.categories)
        if when is not None and (entry.last_disclosed is None or when > entry.last_disclosed):
            entry.last_disclosed = when
        return entry

    record = history(person)
    for disclosure in record.disclosures:
        shared = overlapping(disclosure.categories.all(), corrected)
        if shared:
            note(disclosure.recipient, shared, disclosure.disclosed_at).disclosures.append(disclosure.pk)
    for item in record.routines:
        if item.runs == 0:
            continue  # defined but never run: nothing has gone to the recipient yet
        shared = overlapping(item.routine.categories.all(), corrected)
        if shared:
            note(item.routine.recipient, shared, item.last_run).routines.append(item.routine.name)
    return sorted(found.values(), key=lambda e: e.recipient.name)


EXPORT_COLUMNS = [
    "id",
    "kind",
    "disclosed_at",
    "person_id",
    "recipient",
    "country",
    "overseas",
    "categories",
    "purpose",
    "reason",
    "outcome",
    "citations",
    "exception",
    "app_6_5_note",
    "reference",
    "recorded_by",
    "record_count",
]


def _citations(basis: dict[str, Any]) -> str:
    cites = [r["citation"] for regime in basis.get("regimes", []) for r in regime.get("reasons", [])]
    return "; ".join(dict.fromkeys(cites))


def export_rows(since: datetime | None = None, until: datetime | None = None) -> Iterator[dict[str, Any]]:
    """The log as rows: one per one-off disclosure and one per routine run, oldest first."""
    disclosures = Disclosure.objects.select_related("recipient", "purpose").prefetch_related("categories")
    runs = RoutineRun.objects.select_related("routine__recipient", "routine__purpose").prefetch_related(
        "routine__categories"
    )
    if since:
        disclosures, runs = disclosures.filter(disclosed_at__gte=since), runs.filter(ran_at__gte=since)
    if until:
        disclosures, runs = disclosures.filter(disclosed_at__lt=until), runs.filter(ran_at__lt=until)
    rows: list[dict[str, Any]] = []
    for d in disclosures.order_by("disclosed_at", "pk").iterator(chunk_size=500):
        note = f"{d.enforcement_activity} — {d.belief_basis}" if d.app_6_5_note else ""
        rows.append(
            {
                "id": f"D{d.pk}",
                "kind": "disclosure",
                "disclosed_at": d.disclosed_at.isoformat(),
                "person_id": d.person_id,
                "recipient": d.recipient.name,
                "country": str(d.country),
                "overseas": d.overseas,
                "categories": ", ".join(c.code for c in d.categories.all()),
                "purpose": d.purpose.name if d.purpose else "",
                "reason": d.reason,
                "outcome": d.basis.get("outcome", ""),
                "citations": _citations(d.basis),
                "exception": d.exception,
                "app_6_5_note": note,
                "reference": d.reference,
                "recorded_by": d.recorded_by,
                "record_count": 1,
            }
        )
    for run in runs.order_by("ran_at", "pk").iterator(chunk_size=500):
        r = run.routine
        rows.append(
            {
                "id": f"R{run.pk}",
                "kind": "routine",
                "disclosed_at": run.ran_at.isoformat(),
                "person_id": "",
                "recipient": r.recipient.name,
                "country": str(r.country),
                "overseas": r.overseas,
                "categories": ", ".join(c.code for c in r.categories.all()),
                "purpose": r.purpose.name if r.purpose else "",
                "reason": f"{r.name}: {r.reason}",
                "outcome": r.basis.get("outcome", ""),
                "citations": _citations(r.basis),
                "exception": r.facts.get("exception") or "",
                "app_6_5_note": "",
                "reference": run.reference,
                "recorded_by": run.recorded_by,
                "record_count": run.record_count,
            }
        )
    rows.sort(key=lambda row: row["disclosed_at"])
    yield from rows
