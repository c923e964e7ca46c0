"""Consent operations: record a choice, read a person's choices and history, and answer "may I send
program P by channel C to this person?" with the reason and the event the answer rests on.

Every face (portal, console, API, CLI, imports) records through ``record`` / ``record_choices`` so
the ledger and the derived state never disagree. A check reads the derived state (one indexed row)
and, for direct marketing, asks the law engine what the person's law says about the case; those
answers depend only on a handful of facts, so they are memoised.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from privacydesk import db
from privacydesk.accountability.services.common import (
    lineage_ids,
    regimes_for,
    regimes_for_jurisdiction,
    subdivision_for,
)
from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.consent import catalogue
from privacydesk.consent.models import Channel, ConsentEvent, ConsentState, Program, Propagation
from privacydesk.law.clocks import deadline
from privacydesk.law.decide import decide
from privacydesk.people import services as people
from privacydesk.people.models import Identity, Person, Suppression
from privacydesk.people.normalise import lookup_email, normalise


def program(code: str) -> Program:
    """The program with this code (from the catalogue snapshot: treat it as read-only)."""
    found = catalogue.snapshot().programs.get(code)
    if found is None:
        raise ValidationError({"program": f"There is no program with the code {code!r}."})
    return found


def channel(code: str) -> Channel:
    found = catalogue.snapshot().channels.get(code)
    if found is None:
        raise ValidationError({"channel": f"There is no channel with the code {code!r}."})
    return found


def current(person: Person) -> Person:
    """The surviving record: a merged duplicate's choices live on with the person it was merged into."""
    seen = set()
    while person.merged_into_id is not None and person.pk not in seen:
        seen.add(person.pk)
        person = Person.objects.get(pk=person.merged_into_id)
    return person


# --- Recording ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Choice:
    program: Program
    channel: Channel
    granted: bool


def _apply(event: ConsentEvent) -> None:
    """Move the derived state to ``event`` unless a later event already stands there (an import of old
    history must not overturn a newer choice). Safe with several workers: the update is conditional."""
    later = Q(occurred_at__gt=event.occurred_at) | Q(occurred_at=event.occurred_at, event_id__gt=event.pk)
    key = {"person_id": event.person_id, "program_id": event.program_id, "channel_id": event.channel_id}
    values = {"granted": event.action == ConsentEvent.GRANT, "event_id": event.pk, "occurred_at": event.occurred_at}
    updated = ConsentState.objects.filter(**key).exclude(later).update(**values)
    if updated == 0 and not ConsentState.objects.filter(**key).exists():
        ConsentState.objects.create(**key, **values)


def _validate(choice: Choice, method: str, occurred_at: datetime) -> None:
    if choice.channel not in choice.program.channels.all():
        raise ValidationError({"channel": f"{choice.program.name} is not sent by {choice.channel.name}."})
    if method not in dict(ConsentEvent.METHODS):
        raise ValidationError({"method": f"Unknown method {method!r}; one of {', '.join(dict(ConsentEvent.METHODS))}."})
    if timezone.is_naive(occurred_at):
        raise ValidationError({"occurred_at": "Give the time with its UTC offset."})
    if occurred_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"occurred_at": "A choice cannot be recorded for the future."})


def _propagate(event: ConsentEvent, person: Person) -> None:
    """Queue the opt-out for every mailing system that sends the program, due when the person's law
    says (the earliest where several laws apply; no fixed period means at once)."""
    systems = list(event.program.systems.all())
    if not systems:
        return
    due, citations = None, []
    immediate = False
    for regime in regimes_for(person):
        rule = deadline(regime, "unsubscribe", event.occurred_at, subdivision_for(regime, person.country))
        citations.append(rule.citation)
        if rule.due is None:
            immediate = True
        elif due is None or rule.due < due:
            due = rule.due
    due_at = event.occurred_at if immediate else due
    kind = event.channel.address_kind
    addresses = list(person.identities.filter(kind=kind).values_list("value", flat=True)) if kind != "post" else []
    Propagation.objects.bulk_create(
        Propagation(
            event=event,
            system=system,
            due_at=due_at,
            citation="; ".join(dict.fromkeys(citations))[:255],
            addresses=addresses,
        )
        for system in systems
    )


def pending_propagations() -> QuerySet[Propagation]:
    """Opt-outs not yet confirmed as applied in a mailing system, soonest due first."""
    return Propagation.objects.filter(confirmed_at__isnull=True).select_related("event__program", "system")


def confirm_propagation(propagation: Propagation, by: str) -> bool:
    """Record that the system has applied the opt-out; False if it was already confirmed (a claim:
    two workers confirming at once record it once)."""
    claimed = Propagation.objects.filter(pk=propagation.pk, confirmed_at__isnull=True).update(
        confirmed_at=timezone.now(), confirmed_by=by, addresses=[]
    )
    if claimed:
        chain.append("confirm", "consent.propagation", propagation.pk, data={"system": propagation.system_id})
    return claimed == 1


# The privacy policy version in force, for consent records that do not name one (the policy app sets
# this in ``AppConfig.ready``; consent does not import it).
POLICY_VERSION: Callable[[], str] = lambda: ""  # noqa: E731


@transaction.atomic
def record_choices(
    person: Person,
    choices: Iterable[Choice],
    method: str,
    *,
    occurred_at: datetime | None = None,
    notice_text: str = "",
    policy_version: str = "",
    evidence: dict[str, Any] | None = None,
    only_changes: bool = True,
) -> list[ConsentEvent]:
    """Record several choices at once (a preference centre's form), one event per choice that changes
    what the person receives; all or nothing."""
    person = current(person)
    when = occurred_at or timezone.now()
    jurisdiction = person.jurisdiction
    states = {(s.program_id, s.channel_id): s.granted for s in ConsentState.objects.filter(person=person)}
    made = []
    for choice in choices:
        _validate(choice, method, when)
        if only_changes and states.get((choice.program.pk, choice.channel.pk)) == choice.granted:
            continue
        unrecorded = (choice.program.pk, choice.channel.pk) not in states
        if only_changes and unrecorded and choice.granted == _default(choice.program):
            continue  # choosing what they already get by default records nothing
        event = ConsentEvent.objects.create(
            person=person,
            program=choice.program,
            channel=choice.channel,
            action=ConsentEvent.GRANT if choice.granted else ConsentEvent.WITHDRAW,
            method=method,
            basis=choice.program.basis,
            jurisdiction=jurisdiction,
            occurred_at=when,
            recorded_by=current_actor().label,
            notice_text=notice_text,
            policy_version=policy_version or POLICY_VERSION(),
            evidence=evidence or {},
        )
        _apply(event)
        if event.action == ConsentEvent.WITHDRAW:
            _propagate(event, person)
        made.append(event)
    if made:
        chain.append(
            "consent",
            "people.person",
            person.pk,
            data={"events": [str(e.receipt) for e in made], "method": method},
        )
    return made


def record(person: Person, choice: Choice, method: str, **kwargs: Any) -> ConsentEvent:
    """Record one grant or withdrawal, even where it repeats the current state (it is still evidence)."""
    [event] = record_choices(person, [choice], method, only_changes=False, **kwargs)
    return event


def withdraw_everything(person: Person, method: str, evidence: dict[str, Any] | None = None) -> list[ConsentEvent]:
    """Stop every program on every channel (erasure, "send me nothing")."""
    choices = [Choice(p, c, False) for p in Program.objects.prefetch_related("channels") for c in p.channels.all()]
    return record_choices(person, choices, method, evidence=evidence)


@transaction.atomic
def rebuild_state(person: Person | None = None) -> int:
    """Recompute the derived state from the ledger (for one person and the records merged into them,
    or everyone). Returns the number of state rows written."""
    if person is not None:
        people_ids = lineage_ids(person)
        ConsentState.objects.filter(person__in=people_ids).delete()
        events = ConsentEvent.objects.filter(person__in=people_ids)
        target = person.pk
    else:
        ConsentState.objects.all().delete()
        events = ConsentEvent.objects.all()
        target = None
    latest: dict[tuple[int, int, int], ConsentEvent] = {}
    for event in events.order_by("occurred_at", "pk"):
        owner = target if target is not None else current(event.person).pk
        latest[(owner, event.program_id, event.channel_id)] = event
    ConsentState.objects.bulk_create(
        ConsentState(
            person_id=owner,
            program_id=program_id,
            channel_id=channel_id,
            granted=e.action == ConsentEvent.GRANT,
            event=e,
            occurred_at=e.occurred_at,
        )
        for (owner, program_id, channel_id), e in latest.items()
    )
    return len(latest)


# --- Reading --------------------------------------------------------------------------------------


def _default(prog: Program) -> bool:
    return prog.default_on and prog.basis != Program.EXPRESS


@dataclass
class Current:
    """One row of a person's preferences: what they get now, and why."""

    program: Program
    channel: Channel
    receives: bool
    event: ConsentEvent | None  # None: the program's default


def preferences(person: Person) -> list[Current]:
    """Every active program and channel with what this person receives now."""
    person = current(person)
    states = {
        (s.program_id, s.channel_id): s for s in ConsentState.objects.filter(person=person).select_related("event")
    }
    rows = []
    for prog in Program.objects.filter(active=True).prefetch_related("channels"):
        for chan in prog.channels.all():
            state = states.get((prog.pk, chan.pk))
            if state is None:
                rows.append(Current(prog, chan, _default(prog), None))
            else:
                rows.append(Current(prog, chan, state.granted, state.event))
    return rows


def history(person: Person) -> list[ConsentEvent]:
    """Every event for this person and any record merged into them, oldest first."""
    ids = lineage_ids(person)
    return list(ConsentEvent.objects.filter(person__in=ids).select_related("program", "channel"))


# --- Checking -------------------------------------------------------------------------------------


@dataclass
class Verdict:
    allowed: bool
    code: str  # granted, withdrawn, no_consent, default, not_chosen, law, suppressed, unknown, inactive, channel
    reason: str
    citation: str = ""
    event: ConsentEvent | None = None

    def as_dict(self) -> dict[str, Any]:
        event = self.event
        return {
            "allowed": self.allowed,
            "code": self.code,
            "reason": self.reason,
            "citation": self.citation,
            "event": None
            if event is None
            else {
                "receipt": str(event.receipt),
                "action": event.action,
                "method": event.method,
                "occurred_at": event.occurred_at.isoformat(),
            },
        }


_RANK = {"allowed": 0, "needs_consent": 1, "not_allowed": 2}


@lru_cache(maxsize=256)
def _marketing_law(regimes: tuple[str, ...], electronic: bool, basis: str, consent: str) -> tuple[str, str, str]:
    """The law engine's direct-marketing answer for these facts: (outcome, text, citation), the most
    restrictive over ``regimes``. Inferred consent is an AU/NZ idea (Spam Act Sch 2 cl 2, UEMA s 4);
    under the GDPR and ePrivacy the same relationship is an existing customer (Art 13(2))."""
    answers = []
    for regime in regimes:
        given = consent == "granted" or (consent == "inferred" and regime in ("au", "nz"))
        decision = decide(
            {
                "regimes": [regime],
                "collection_purpose": "our relationship with the person",
                "proposed_purpose": "direct marketing",
                "direct_marketing": True,
                "electronic_message": electronic,
                "reasonably_expects_marketing": basis in (Program.INFERRED, Program.LEGITIMATE),
                "existing_customer": basis == Program.INFERRED,
                "consent": {"given": given, "express": consent == "granted", "withdrawn": consent == "withdrawn"},
            }
        )
        # Only the direct-marketing check: purpose and lawful-basis checks are the program's own business.
        checks = [r for r in decision.regimes[0].reasons if r.check == "direct_marketing"]
        answers.append((max((r.outcome for r in checks), key=_RANK.__getitem__, default="allowed"), checks))
    outcome = max((a[0] for a in answers), key=_RANK.__getitem__)
    reasons = [r for o, checks in answers if o == outcome for r in checks]
    text = " ".join(dict.fromkeys(r.text for r in reasons))
    citation = "; ".join(dict.fromkeys(r.citation for r in reasons))
    return outcome, text, citation


def _when(event: ConsentEvent) -> str:
    return f"{timezone.localtime(event.occurred_at):%-d %B %Y} ({event.get_method_display().lower()})"


def decide_case(
    prog: Program, chan: Channel, regimes: tuple[str, ...], granted: bool | None, event: ConsentEvent | None
) -> Verdict:
    """The verdict for a person whose latest choice for ``prog`` by ``chan`` is ``granted`` (None: no
    choice recorded). ``event`` (when known) is named in the reason; the batch filter passes None."""
    when = f" on {_when(event)}" if event is not None else ""
    if granted is False:
        citation = (
            _marketing_law(regimes, chan.electronic_message, prog.basis, "withdrawn")[2]
            if prog.direct_marketing
            else ""
        )
        return Verdict(False, "withdrawn", f"Withdrawn{when}.", citation, event)
    if granted:
        consent, base = "granted", f"Granted{when}."
    elif _default(prog):
        consent = "inferred" if prog.basis == Program.INFERRED else "none"
        base = f"{prog.get_basis_display()}; no opt-out recorded."
    elif prog.basis == Program.EXPRESS:
        return Verdict(False, "no_consent", f"{prog.name} needs express consent and none is recorded.")
    else:
        return Verdict(False, "not_chosen", f"The person has not chosen {chan.name} for {prog.name}.")
    code = "granted" if granted else "default"
    if not prog.direct_marketing:
        return Verdict(True, code, base, "", event)
    outcome, text, citation = _marketing_law(regimes, chan.electronic_message, prog.basis, consent)
    if outcome != "allowed":
        return Verdict(False, "law", f"{base} {text}", citation, event)
    return Verdict(True, code, base, citation, event)


def offered(prog: Program, chan: Channel) -> Verdict | None:
    if not prog.active:
        return Verdict(False, "inactive", f"{prog.name} is not being sent.")
    if (prog.pk, chan.pk) not in catalogue.snapshot().links:
        return Verdict(False, "channel", f"{prog.name} is not sent by {chan.name}.")
    return None


def check_person(person: Person, prog: Program, chan: Channel) -> Verdict:
    """May ``prog`` be sent to ``person`` by ``chan``?"""
    person = current(person)
    refused = offered(prog, chan)
    if refused is not None:
        return refused
    state = ConsentState.objects.filter(person=person, program=prog, channel=chan).select_related("event").first()
    regimes = tuple(regimes_for(person))
    if state is None:
        return decide_case(prog, chan, regimes, None, None)
    return decide_case(prog, chan, regimes, state.granted, state.event)


SUPPRESSED = Verdict(
    False,
    "suppressed",
    "This address belongs to someone who asked to be erased or to hear nothing more; it must not be added back "
    "to any mailing.",
    "APP 7.6; Spam Act 2003 s 18; GDPR Art 17, Art 21(3)",
)
UNKNOWN = Verdict(False, "unknown", "Nobody with this address is on record, so no consent is recorded.")


def find(kind: str, value: str) -> tuple[Person | None, str]:
    """The person with this identity, and the normalised form (empty when it is not valid)."""
    from django.conf import settings

    try:
        normalised = normalise(kind, value, settings.PRIVACYDESK_DEFAULT_REGION)
    except ValueError:
        return None, ""
    identity = Identity.objects.filter(kind=kind, normalised=normalised).select_related("person").first()
    return (identity.person if identity else None), normalised


def check_address(kind: str, value: str, prog: Program, chan: Channel) -> Verdict:
    """The check for an address as another system holds it (email or phone).

    The hot path of the check API: the identity, its person, the suppression list and the person's
    state for this program and channel come back in one query."""
    from django.conf import settings

    try:
        normalised = (
            lookup_email(value) if kind == "email" else normalise(kind, value, settings.PRIVACYDESK_DEFAULT_REGION)
        )
    except ValueError:
        return Verdict(False, "invalid", f"Not a valid {kind}.")
    refused = offered(prog, chan)
    if refused is not None:
        return refused
    digests = people.identity_digests(kind, normalised)
    row = _hot_row(digests, kind, normalised, prog.pk, chan.pk)
    if row is None:
        return SUPPRESSED if Suppression.objects.filter(digest__in=digests).exists() else UNKNOWN
    if row["suppressed"]:
        return SUPPRESSED
    if row["person__merged_into_id"] is not None:
        return check_person(Person.objects.get(pk=row["person_id"]), prog, chan)
    regimes = tuple(regimes_for_jurisdiction(row["person__jurisdiction"]))
    event = None
    if row["event_id"] is not None:
        occurred = db.aware(row["occurred_at"])
        assert occurred is not None  # the column is NOT NULL
        receipt = row["receipt"]
        event = ConsentEvent(
            pk=row["event_id"],
            receipt=receipt if isinstance(receipt, uuid.UUID) else uuid.UUID(str(receipt)),
            action=row["action"],
            method=row["method"],
            occurred_at=occurred,
        )
    granted = None if row["granted"] is None else bool(row["granted"])
    return decide_case(prog, chan, regimes, granted, event)


@lru_cache(maxsize=8)
def _hot_sql(vendor: str, keys: int) -> str:
    tables = {
        "identity": Identity._meta.db_table,
        "person": Person._meta.db_table,
        "suppression": Suppression._meta.db_table,
        "state": ConsentState._meta.db_table,
        "event": ConsentEvent._meta.db_table,
    }
    quoted = {k: connection.ops.quote_name(v) for k, v in tables.items()}
    # Only our own table names are formatted in; every value is a query parameter.
    return (  # noqa: S608
        "SELECT i.person_id, p.merged_into_id, p.jurisdiction, "
        "CASE WHEN EXISTS (SELECT 1 FROM {suppression} s WHERE s.digest IN ({digests})) THEN 1 ELSE 0 END, "
        "st.granted, e.id, e.receipt, e.action, e.method, e.occurred_at "
        "FROM {identity} i JOIN {person} p ON p.id = i.person_id "
        "LEFT JOIN {state} st ON st.person_id = i.person_id AND st.program_id = %s AND st.channel_id = %s "
        "LEFT JOIN {event} e ON e.id = st.event_id "
        "WHERE i.kind = %s AND i.normalised = %s"
    ).format(digests=", ".join(["%s"] * keys), **quoted)


def _hot_row(digests: list[str], kind: str, normalised: str, program_id: int, channel_id: int) -> dict[str, Any] | None:
    """One query for everything a check needs about an address. Plain SQL on purpose: this runs on
    every check API call, and building the equivalent ORM query costs more than running it."""
    found = db.fetchone(_hot_sql(connection.vendor, len(digests)), [*digests, program_id, channel_id, kind, normalised])
    if found is None:
        return None
    names = ("person_id", "person__merged_into_id", "person__jurisdiction", "suppressed", "granted", "event_id",
             "receipt", "action", "method", "occurred_at")  # fmt: skip
    return dict(zip(names, found, strict=True))
