"""Erasure in privacydesk's own records: what can go goes, what the law requires us to keep stays,
and the person is told which is which. A keyed hash of each identity is kept so they are never
added back to a mailing list (the suppression list survives the erasure).

Erasure in the business's other systems is the connectors' work; until a system has a connector,
the request records a task for staff naming each system that holds the person's information.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import transaction

from privacydesk.accountability.models import Collection, Disclosure
from privacydesk.accountability.services.common import lineage_ids, overlapping
from privacydesk.audit import chain
from privacydesk.consent import services as consent
from privacydesk.people import services as people
from privacydesk.people.models import Identity, Person
from privacydesk.register.models import DataCategory, RetentionRule
from privacydesk.rights.models import Request

ERASED_NAME = "Erased person {pk}"
# Legal holds that cover a person (titles), from the apps that keep them (retention registers its
# own in ``AppConfig.ready``): a held person's records are not erased while the hold lasts.
HOLDS: list[Callable[[Person], list[str]]] = []


def holds_on(person: Person) -> list[str]:
    return [title for check in HOLDS for title in check(person)]


@dataclass
class ErasurePlan:
    erase: list[str] = field(default_factory=list)
    keep: list[tuple[str, str]] = field(default_factory=list)
    other_systems: list[str] = field(default_factory=list)


def _categories_held(person: Person) -> list[DataCategory]:
    ids = lineage_ids(person)
    held = set(DataCategory.objects.filter(systems__people__in=ids).values_list("pk", flat=True))
    held |= set(DataCategory.objects.filter(collections__person__in=ids).values_list("pk", flat=True))
    held |= set(DataCategory.objects.filter(disclosures__person__in=ids).values_list("pk", flat=True))
    return list(DataCategory.objects.filter(pk__in=held))


def plan(person: Person) -> ErasurePlan:
    """What erasing this person would remove, and what must be kept and why."""
    result = ErasurePlan(
        erase=[
            "your name, organisation, role and notes in our privacy records",
            "your email addresses, phone numbers and other references",
            "who gave us your details and any notes about that",
        ]
    )
    held = _categories_held(person)
    for rule in RetentionRule.objects.exclude(legal_requirement="").prefetch_related("data_categories"):
        shared = overlapping(rule.data_categories.all(), held)
        if shared:
            names = ", ".join(c.name.lower() for c in shared)
            result.keep.append((f"{names} ({rule.name.lower()})", f"{rule.legal_requirement}: kept {rule.describe()}"))
    if Disclosure.objects.filter(person__in=lineage_ids(person)).exists():
        result.keep.append(
            ("the log of what we disclosed and to whom, without your name or contact details",
             "the record of our disclosures and their legal basis (APP 6.5; GDPR Art 5(2), Art 17(3)(e))")
        )  # fmt: skip
    result.keep.append(
        ("a record that you made this request and how we decided it",
         "to show we handled it and to answer any complaint (GDPR Art 17(3)(e))")
    )  # fmt: skip
    result.keep.append(
        ("a one-way code made from your email address and phone number, from which they cannot be read",
         "so that you are never added back to our mailing lists")
    )  # fmt: skip
    result.other_systems = sorted(set(person.systems.values_list("name", flat=True)))
    return result


@transaction.atomic
def erase(request: Request) -> ErasurePlan:
    """Carry out the erasure in privacydesk for ``request``'s person; returns what was done and kept."""
    person = request.person
    assert person is not None
    result = plan(person)
    deidentify(person, "erasure", f"erasure {request.reference}", {"request": request.pk})
    return result


@transaction.atomic
def deidentify(person: Person, method: str, reason: str, data: dict[str, object] | None = None) -> None:
    """Remove what identifies the person (and the records merged into theirs) from privacydesk,
    keeping the evidence of what was done: mailings stopped first (each mailing system told whom to
    drop), a keyed hash of each identity kept on the suppression list, identities deleted, names and
    notes cleared. Used by erasure requests and by disposal at the end of a retention period; doing
    it twice changes nothing more."""
    ids = lineage_ids(person)
    # Stop every mailing first, while the addresses are known, so each mailing system is told whom to drop.
    consent.withdraw_everything(person, method, evidence={"reason": reason})
    for identity in Identity.objects.filter(person__in=ids):
        people.suppress(identity, reason)
    Identity.objects.filter(person__in=ids).delete()
    Collection.objects.filter(person__in=ids).update(source="", notes="")
    for record in Person.objects.filter(pk__in=ids):
        record.name = ERASED_NAME.format(pk=record.pk)
        record.client_organisation = record.role = record.notes = ""
        record.country = ""
        record.save()
    chain.append("erase", "people.person", person.pk, data={**(data or {}), "merged": len(ids) - 1}, reason=reason)
