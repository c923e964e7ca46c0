"""Operations on people. Views, the API and the CLI call these; none of them writes models itself."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q, QuerySet

from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.people.models import Identity, Person, PersonMerge, Suppression
from privacydesk.people.normalise import normalise
from privacydesk.people.signals import person_merged


@dataclass(frozen=True)
class IdentityInput:
    kind: str
    value: str
    label: str = ""


def region_for(person: Person | None) -> str:
    country = getattr(person, "country", None)
    code = getattr(country, "code", None) if country else None
    return str(code or settings.PRIVACYDESK_DEFAULT_REGION)


def _identity(person: Person, given: IdentityInput, field: str) -> Identity:
    if given.kind not in dict(Identity.KINDS):
        raise ValidationError({field: f"Unknown identity kind {given.kind!r}."})
    try:
        normalised = normalise(given.kind, given.value, region_for(person))
    except ValueError as exc:
        raise ValidationError({field: str(exc)}) from None
    return Identity(person=person, kind=given.kind, value=given.value.strip(), normalised=normalised, label=given.label)


@transaction.atomic
def create_person(identities: Iterable[IdentityInput] = (), systems: Iterable[int] = (), **fields: object) -> Person:
    """Create a person with identities; nothing is written if any identity is invalid."""
    person = Person(**fields)
    person.full_clean()
    person.save()
    for i, given in enumerate(identities):
        identity = _identity(person, given, f"identities[{i}]")
        if person.identities.filter(kind=identity.kind, normalised=identity.normalised).exists():
            continue
        identity.save()
    if systems:
        person.systems.set(list(systems))
    return person


@transaction.atomic
def add_identity(person: Person, given: IdentityInput) -> Identity:
    identity = _identity(person, given, "value")
    existing = person.identities.filter(kind=identity.kind, normalised=identity.normalised).first()
    if existing:
        raise ValidationError({"value": f"{person} already has this {identity.get_kind_display().lower()}."})
    identity.save()
    return identity


def active() -> QuerySet[Person]:
    return Person.objects.filter(merged_into__isnull=True)


def find(query: str) -> QuerySet[Person]:
    """People matching an identity in any typed form, or a name fragment.

    ``0412 345 678``, ``+61412345678`` and ``(04) 1234 5678`` all find the same person; so do
    ``Jo.Citizen@Example.com`` and ``jo.citizen@example.com``.
    """
    query = query.strip()
    if not query:
        return active().none()
    # Exact identity matches use the (kind, normalised) index; they are gathered in a subquery so
    # the name search does not turn them into a join over every identity.
    exact = Q(normalised="".join(query.split()).upper())
    for kind in (Identity.EMAIL, Identity.PHONE):
        try:
            exact |= Q(kind=kind, normalised=normalise(kind, query, settings.PRIVACYDESK_DEFAULT_REGION))
        except ValueError:
            continue
    if len(query) >= 4 and not query.isdigit():
        # Part of an email address ("@example.co.nz", "jo.citizen"): staff often know only a domain.
        exact |= Q(kind=Identity.EMAIL, normalised__contains=query.lower())
    by_identity = Identity.objects.filter(exact).values("person_id")
    return active().filter(Q(pk__in=by_identity) | Q(name__icontains=query))


def duplicate_candidates(limit: int = 50) -> list[tuple[str, str, list[Person]]]:
    """Identities shared by more than one active person: likely the same individual twice."""
    shared = (
        Identity.objects.filter(person__merged_into__isnull=True)
        .values("kind", "normalised")
        .annotate(people=Count("person", distinct=True))
        .filter(people__gt=1)
        .order_by("kind", "normalised")[:limit]
    )
    result = []
    for row in shared:
        people = list(
            active().filter(identities__kind=row["kind"], identities__normalised=row["normalised"]).distinct()
        )
        result.append((row["kind"], row["normalised"], people))
    return result


@transaction.atomic
def merge(duplicate: Person, survivor: Person, reason: str = "") -> PersonMerge:
    """Fold ``duplicate`` into ``survivor``: identities and system links move, the duplicate remains as
    history pointing at the survivor, and a snapshot of what it held is kept."""
    if duplicate.pk == survivor.pk:
        raise ValidationError({"survivor": "A person cannot be merged into themselves."})
    if duplicate.is_merged:
        raise ValidationError({"duplicate": "This record has already been merged."})
    if survivor.is_merged:
        raise ValidationError({"survivor": "Merge into the surviving record, not into one already merged."})
    snapshot = {
        "name": duplicate.name,
        "jurisdiction": duplicate.jurisdiction,
        "client_organisation": duplicate.client_organisation,
        "role": duplicate.role,
        "identities": [{"kind": i.kind, "value": i.value, "label": i.label} for i in duplicate.identities.all()],
        "systems": list(duplicate.systems.values_list("pk", flat=True)),
    }
    for identity in list(duplicate.identities.all()):
        if survivor.identities.filter(kind=identity.kind, normalised=identity.normalised).exists():
            identity.delete()
        else:
            identity.person = survivor
            identity.save()
    survivor.systems.add(*duplicate.systems.all())
    if not survivor.notes and duplicate.notes:
        survivor.notes = duplicate.notes
        survivor.save()
    duplicate.merged_into = survivor
    duplicate.save()
    record = PersonMerge.objects.create(
        survivor=survivor, duplicate=duplicate, merged_by=current_actor().label, reason=reason, snapshot=snapshot
    )
    chain.append("merge", "people.person", survivor.pk, data={"duplicate": duplicate.pk}, reason=reason)
    person_merged.send(sender=Person, duplicate=duplicate, survivor=survivor)
    return record


def identity_digest(kind: str, normalised: str, secret: str | None = None) -> str:
    """A keyed one-way hash of an identity: the same input gives the same digest, nothing reverses it."""
    key = f"{secret or settings.PRIVACYDESK_SUPPRESSION_KEY or settings.SECRET_KEY}:people.suppression".encode()
    return hmac.new(key, f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()


def identity_digests(kind: str, normalised: str) -> list[str]:
    """The digest under the current key and under each key in SECRET_KEY_FALLBACKS: rotating the key
    must not let anyone on the suppression list back in (new entries use the current key)."""
    if settings.PRIVACYDESK_SUPPRESSION_KEY:
        return [identity_digest(kind, normalised)]
    return [identity_digest(kind, normalised, k) for k in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS)]


def suppress(identity: Identity, reason: str) -> None:
    Suppression.objects.get_or_create(
        digest=identity_digest(identity.kind, identity.normalised), defaults={"kind": identity.kind, "reason": reason}
    )


def is_suppressed(kind: str, value: str, region: str | None = None) -> bool:
    """Whether an identity (as typed) belongs to someone who asked to be erased."""
    try:
        normalised = normalise(kind, value, region or settings.PRIVACYDESK_DEFAULT_REGION)
    except ValueError:
        return False
    return Suppression.objects.filter(digest__in=identity_digests(kind, normalised)).exists()
