"""Small helpers the record kinds share: who is acting, which regimes apply, category lineage."""

from __future__ import annotations

from collections.abc import Iterable

from privacydesk.audit.context import current_actor
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Organisation


def actor_name() -> str:
    return current_actor().label


def home_countries() -> set[str]:
    """Where the organisation operates: a disclosure elsewhere is overseas."""
    org = Organisation.current()
    if org is None:
        return {"AU"}
    home = {code for code, flag in (("AU", org.operates_in_au), ("NZ", org.operates_in_nz)) if flag}
    return home or {"AU"}


def organisation_regimes() -> list[str]:
    org = Organisation.current()
    if org is None:
        return ["au"]
    flags = (("au", org.operates_in_au), ("nz", org.operates_in_nz), ("eu", org.has_eu_contacts))
    return [regime for regime, flag in flags if flag] or ["au"]


def regimes_for(person: Person | None) -> list[str]:
    """The regime whose rules govern a person's information: their jurisdiction, else the organisation's."""
    return regimes_for_jurisdiction(person.jurisdiction if person is not None else "")


def regimes_for_jurisdiction(jurisdiction: str) -> list[str]:
    """The same from a person's jurisdiction code (AU, NZ, EU, OTHER), for callers holding only the code."""
    if jurisdiction in {"AU", "NZ", "EU"}:
        return [jurisdiction.lower()]
    return organisation_regimes()


def au_subdivision() -> str | None:
    """The organisation's first Australian state, whose holidays count its working days."""
    org = Organisation.current()
    states = list(org.au_states or []) if org else []
    return str(states[0]) if states else None


def subdivision_for(regime: str, country: object) -> str | None:
    """Whose calendar counts a clock: the EU member state the person lives in, the organisation's
    first Australian state, or none (New Zealand's working days are national)."""
    from privacydesk.law import calendar

    if regime == "au":
        return au_subdivision()
    if regime == "eu":
        code = str(getattr(country, "code", country) or "").upper()
        return code if code in calendar.subdivisions("eu") else None
    return None


def lineage(categories: Iterable[DataCategory]) -> dict[int, set[int]]:
    """For each category, its own id and every ancestor's id (so 'contact' covers 'contact.email')."""
    parents = dict(DataCategory.objects.values_list("pk", "parent_id"))
    result: dict[int, set[int]] = {}
    for category in categories:
        seen: set[int] = set()
        current: int | None = category.pk
        while current is not None and current not in seen:
            seen.add(current)
            current = parents.get(current)
        result[category.pk] = seen
    return result


def overlapping(a: Iterable[DataCategory], b: Iterable[DataCategory]) -> list[DataCategory]:
    """Categories of ``a`` that are, contain or fall within a category of ``b``."""
    a, b = list(a), list(b)
    lines = lineage([*a, *b])
    return [x for x in a if any(x.pk in lines[y.pk] or y.pk in lines[x.pk] for y in b)]


def lineage_ids(person: Person) -> list[int]:
    """The person and every record merged into them: disclosures follow the person through a merge."""
    ids, frontier = [person.pk], [person.pk]
    while frontier:
        frontier = list(Person.objects.filter(merged_into__in=frontier).values_list("pk", flat=True))
        ids.extend(frontier)
    return ids
