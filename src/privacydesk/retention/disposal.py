"""Disposal runs: find what is past its retention period, propose it, and — once a person approves —
dispose of it, with a destruction certificate.

What is due:
- **person records in privacydesk**: the retention rules of the processing activities for the person's
  kind (client contact, job applicant...) each run from their trigger (the end of the relationship,
  the last contact, the end of the financial year of the last contact, the last closed request...).
  A record goes only when every rule that applies has run out; a rule whose trigger has not happened
  (no end of relationship recorded) keeps it. A person with an open request is skipped.
- **rows in connected systems**: a table whose descriptor names a retention rule and the field
  holding each row's trigger date; rows dated before the cut-off go, with the rows that reference
  them.

Legal holds are checked when the run is proposed and again when each item is carried out (a hold
placed in between still wins): held items are reported, never touched. Each item is one transaction:
a failure part-way leaves every item either done or untouched, and the run's report says which.
Running a finished run again does nothing; ``retry`` queues its failed items again.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from privacydesk import sealed
from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.connectors import services as connectors
from privacydesk.connectors import sql, sql_erase, sql_redact
from privacydesk.connectors.descriptor import DescriptorError
from privacydesk.connectors.models import Connection
from privacydesk.law.retention import disposal_due
from privacydesk.people.models import Person
from privacydesk.register.models import Organisation, ProcessingActivity, RetentionRule
from privacydesk.retention import holds
from privacydesk.retention.models import DisposalItem, DisposalRun
from privacydesk.rights import erasure
from privacydesk.rights.models import Request

BATCH = 1000  # rows of a connected table per item (one transaction each)
DELETING = {"delete", "destroy", "overwrite", "archive"}  # for database rows these all mean the rows go
ARCHIVE = "archive"  # archived records are kept encrypted (privacydesk.sealed) before they go
BY_HAND = {"return"}  # returning records to a client is done by hand
REDACT = "redact"  # what the scanner finds in free text is rewritten, the row kept
# A person record is de-identified whatever the rule's method: the records of requests, consent and
# disclosures that point at it are evidence the law asks us to keep.
PERSON_DONE = "name, contact details and notes removed; records of requests and consent kept without them"


@dataclass(frozen=True)
class Due:
    person: Person
    rule: RetentionRule
    due_on: date


def _home_jurisdiction() -> str:
    org = Organisation.current()
    return "au" if org is None or org.operates_in_au else "nz"


def _financial_year(rule: RetentionRule, jurisdiction: str) -> str | None:
    return jurisdiction.lower() if rule.trigger == "end_of_financial_year" else None


def _rules_by_subject() -> dict[int, list[RetentionRule]]:
    rules: dict[int, list[RetentionRule]] = {}
    activities = ProcessingActivity.objects.filter(retention_rule__isnull=False).select_related("retention_rule")
    for activity in activities.prefetch_related("subject_types"):
        for subject in activity.subject_types.all():
            if activity.retention_rule not in rules.setdefault(subject.pk, []):
                rules[subject.pk].append(activity.retention_rule)  # type: ignore[arg-type]
    return rules


def _triggers(person: Any) -> dict[str, date | None]:
    """When each kind of trigger event happened for the person (None: not yet, or not known)."""
    contacts = [person.created_at, person.last_collection, person.last_request, person.last_consent]
    last_contact = max(c for c in contacts if c is not None).date()
    closed = person.last_closed.date() if person.last_closed else None
    ended = person.relationship_ended_on
    return {
        "collection": person.created_at.date(),
        "last_contact": last_contact,
        "end_of_relationship": ended,
        "unsuccessful_application": ended,
        "end_of_financial_year": ended or last_contact,
        "request_closed": closed,
        "payment": None,  # a payment is an event in a connected system, not of the person's record
    }


def people_due(as_of: date) -> Iterator[Due]:
    """Person records every one of whose retention rules has run out by ``as_of``; with the rule that
    ran out last (the one that governed)."""
    rules = _rules_by_subject()
    disposed = DisposalItem.objects.filter(kind=DisposalItem.PERSON, status=DisposalItem.DONE).values("person_id")
    candidates = (
        Person.objects.filter(merged_into__isnull=True, subject_type__isnull=False)
        .exclude(pk__in=disposed)
        .annotate(
            last_collection=Max("collections__collected_at"),
            last_request=Max("requests__received_at"),
            last_consent=Max("consent_events__occurred_at"),
            last_closed=Max("requests__decided_at"),
        )
        .order_by("pk")
    )
    for person in candidates.iterator(chunk_size=2000):
        applicable = rules.get(person.subject_type_id, [])  # type: ignore[arg-type]
        if not applicable:
            continue
        triggers = _triggers(person)
        dues = []
        for rule in applicable:
            trigger = triggers.get(rule.trigger)
            if trigger is None:
                break  # this rule's clock has not started: keep the record
            year = _financial_year(rule, person.jurisdiction if person.jurisdiction in ("AU", "NZ") else "eu")
            dues.append((disposal_due(trigger, rule.period, rule.unit, year), rule))
        else:
            due_on, rule = max(dues, key=lambda d: (d[0], d[1].pk))
            if due_on <= as_of:
                yield Due(person, rule, due_on)


def _cutoff(rule: RetentionRule, as_of: date, jurisdiction: str) -> date:
    """The first trigger date whose record is not yet due on ``as_of``: rows dated before it go."""
    year = _financial_year(rule, jurisdiction)
    low, high = date(1900, 1, 1), as_of + timedelta(days=1)
    if disposal_due(low, rule.period, rule.unit, year) > as_of:
        return low
    while (high - low).days > 1:  # disposal_due never decreases as the trigger moves later
        middle = low + (high - low) / 2
        if disposal_due(middle, rule.period, rule.unit, year) <= as_of:
            low = middle
        else:
            high = middle
    return high


@transaction.atomic
def propose(as_of: date | None = None) -> DisposalRun:
    """A run listing everything due on ``as_of`` (today): what will go, what a hold keeps, what is
    skipped and why. Nothing is changed until the run is approved and executed."""
    as_of = as_of or timezone.localdate()
    run = DisposalRun.objects.create(as_of=as_of, proposed_by=current_actor().label)
    held = holds.held_people()
    open_requests = set(
        Request.objects.exclude(status__in=[Request.DECIDED, Request.CLOSED]).values_list("person_id", flat=True)
    )
    items = []
    for due in people_due(as_of):
        item = DisposalItem(
            run=run,
            kind=DisposalItem.PERSON,
            person=due.person,
            rule=due.rule,
            method=due.rule.disposal,
            due_on=due.due_on,
        )
        if due.person.pk in held:
            item.status, item.reason = DisposalItem.HELD, "legal hold: " + "; ".join(holds.holds_on(due.person))
        elif due.person.pk in open_requests:
            item.status, item.reason = DisposalItem.SKIPPED, "the person has a request still open"
        items.append(item)
    DisposalItem.objects.bulk_create(items, batch_size=1000)
    problems = _propose_rows(run, as_of)
    run.report = {"proposed": _counts(run), "problems": problems}
    run.save(update_fields=["report"])
    chain.append("propose", "retention.disposalrun", run.pk, summary=f"as of {as_of}: {run.items.count()} items")
    return run


def _propose_rows(run: DisposalRun, as_of: date) -> list[str]:
    """Items for the expired rows of each connected SQL system; problems (a rule the register does not
    have, a system that cannot be reached) are reported, not raised."""
    problems: list[str] = []
    rules = {r.name: r for r in RetentionRule.objects.all()}
    jurisdiction = _home_jurisdiction()
    for connection in Connection.objects.filter(active=True, kind=Connection.SQL).select_related("system"):
        try:
            descriptor, engine, tables = connectors.opened(connection)
            held_tables = holds.held_tables(connection, descriptor)
            held_rows = _held_rows(connection, descriptor, engine, tables)
            for table_doc in descriptor.doc.tables:
                if table_doc.retention is None:
                    continue
                rule = rules.get(table_doc.retention.rule)
                if rule is None:
                    problems.append(
                        f"{connection.name}: table {table_doc.name} names the retention rule "
                        f"{table_doc.retention.rule!r}, which the register does not have"
                    )
                    continue
                cutoff = _cutoff(rule, as_of, jurisdiction)
                keys = sql.expired(descriptor, engine, table_doc.name, cutoff, tables)
                kept = held_rows.get(table_doc.name, set())
                for status, chosen, reason in (
                    (DisposalItem.HELD, [k for k in keys if k in kept], "a person under a legal hold"),
                    (DisposalItem.PROPOSED, [k for k in keys if k not in kept], ""),
                ):
                    if table_doc.name in held_tables and status == DisposalItem.PROPOSED:
                        status, reason = DisposalItem.HELD, held_tables[table_doc.name]
                    if rule.disposal in BY_HAND and status == DisposalItem.PROPOSED:
                        status, reason = DisposalItem.SKIPPED, "to be returned to the client by hand"
                    for start in range(0, len(chosen), BATCH):
                        DisposalItem.objects.create(
                            run=run,
                            kind=DisposalItem.ROWS,
                            connection=connection,
                            table=table_doc.name,
                            keys=[sql._plain(k) for k in chosen[start : start + BATCH]],
                            rule=rule,
                            method=rule.disposal,
                            due_on=as_of,
                            status=status,
                            reason=reason,
                        )
            problems += _propose_redactions(run, connection, descriptor, engine, tables, held_tables, held_rows)
        except (sql.ConnectorError, DescriptorError, ValidationError) as exc:
            problems.append(f"{connection.name}: {exc}")
    return problems


def _propose_redactions(
    run: DisposalRun,
    connection: Connection,
    descriptor: Any,
    engine: Any,
    tables: Any,
    held_tables: dict[str, str],
    held_rows: dict[str, set[Any]],
) -> list[str]:
    """Items for the rows whose free text holds what the descriptor says to redact (card numbers
    typed into tickets), under the register's rule for payment card data."""
    scanned = sql_redact.tables_to_scan(descriptor)
    if not scanned:
        return []
    rule = RetentionRule.objects.filter(data_categories__code="card").order_by("period", "pk").first()
    if rule is None:
        return [f"{connection.name}: no retention rule in the register covers payment card data (category 'card')"]
    for table in scanned:
        keys = sql_redact.find(descriptor, engine, table, tables)
        kept = held_rows.get(table, set())
        for status, chosen, reason in (
            (DisposalItem.HELD, [k for k in keys if k in kept], "a person under a legal hold"),
            (DisposalItem.PROPOSED, [k for k in keys if k not in kept], ""),
        ):
            if table in held_tables and status == DisposalItem.PROPOSED:
                status, reason = DisposalItem.HELD, held_tables[table]
            for start in range(0, len(chosen), BATCH):
                DisposalItem.objects.create(
                    run=run, kind=DisposalItem.ROWS, connection=connection, table=table,
                    keys=[sql._plain(k) for k in chosen[start : start + BATCH]], rule=rule, method=REDACT,
                    due_on=run.as_of, status=status, reason=reason,
                )  # fmt: skip
    return []


def _held_rows(
    connection: Connection, descriptor: Any, engine: Any, tables: Any, people: set[int] | None = None
) -> dict[str, set[Any]]:
    """Each table's rows that belong to a person under a legal hold (found by their identities)."""
    held: dict[str, set[Any]] = {}
    primary = {t.name: t.primary_key for t in descriptor.doc.tables}
    for person in Person.objects.filter(pk__in=holds.held_people() if people is None else people):
        identities = connectors.identities_of_person(person)
        if not identities:
            continue
        found = sql.find(descriptor, engine, identities, tables=tables)
        for table, rows in found.rows.items():
            if primary[table]:
                held.setdefault(table, set()).update(row[primary[table]] for row in rows)
    return held


def _counts(run: DisposalRun) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in run.items.all().only("status", "kind", "keys"):
        size = 1 if item.kind == DisposalItem.PERSON else len(item.keys)
        counts[item.status] = counts.get(item.status, 0) + size
    return counts


def approve(run: DisposalRun) -> DisposalRun:
    changed = DisposalRun.objects.filter(pk=run.pk, status=DisposalRun.PROPOSED).update(
        status=DisposalRun.APPROVED, approved_by=current_actor().label, approved_at=timezone.now()
    )
    if changed != 1:
        raise ValidationError("Only a proposed run can be approved.")
    chain.append("approve", "retention.disposalrun", run.pk)
    run.refresh_from_db()
    return run


def execute(run: DisposalRun, worker: str = "") -> DisposalRun:
    """Carry out an approved run, item by item; the run's report counts what was done, held, skipped
    and failed. Claimed with a conditional update: two workers never carry out the same run."""
    claimed = DisposalRun.objects.filter(pk=run.pk, status=DisposalRun.APPROVED).update(
        status=DisposalRun.RUNNING, claimed_by=worker or connectors.worker_name(), started_at=timezone.now()
    )
    if claimed != 1:
        run.refresh_from_db()
        return run  # not approved, or already run (or running): nothing to do
    key = settings.PRIVACYDESK_ERASURE_KEY.encode()
    held_rows = _HeldRows()
    for item in run.items.filter(status=DisposalItem.PROPOSED).select_related("person", "connection__system", "rule"):
        _carry_out(item, key, held_rows)
    run.status, run.finished_at = DisposalRun.DONE, timezone.now()
    run.report = {**run.report, "result": _counts(run)}
    run.report["certificate"] = _certify(run)
    run.save(update_fields=["status", "finished_at", "report"])
    chain.append("execute", "retention.disposalrun", run.pk, data=run.report["result"])
    return run


class _HeldRows:
    """Held people's rows in each connected system, searched again only when the set of held people
    has changed since the last item (a search per held person per item would repeat the same work)."""

    def __init__(self) -> None:
        self._found: dict[tuple[int, frozenset[int]], dict[str, set[Any]]] = {}

    def of(self, connection: Connection, descriptor: Any, engine: Any, tables: Any) -> dict[str, set[Any]]:
        people = frozenset(holds.held_people())
        key = (connection.pk, people)
        if key not in self._found:
            self._found[key] = _held_rows(connection, descriptor, engine, tables, set(people))
        return self._found[key]


def _carry_out(item: DisposalItem, key: bytes, held_rows: _HeldRows) -> None:
    """One item, in its own transaction; held or failed items are left exactly as they were (an
    archive file written for a failed item is removed)."""
    stored: list[str] = []  # archive files written for this item
    try:
        with transaction.atomic():
            if item.kind == DisposalItem.PERSON:
                _dispose_person(item, stored)
            else:
                _dispose_rows(item, key, stored, held_rows)
            item.status, item.done_at = DisposalItem.DONE, timezone.now()
            item.save(update_fields=["status", "done_at"])
    except _Held as exc:
        _discard(stored)
        DisposalItem.objects.filter(pk=item.pk).update(status=DisposalItem.HELD, reason=str(exc))
    except (sql.ConnectorError, DescriptorError, ValidationError) as exc:
        _discard(stored)
        message = "; ".join(exc.messages) if isinstance(exc, ValidationError) else str(exc)
        DisposalItem.objects.filter(pk=item.pk).update(status=DisposalItem.FAILED, reason=message)


def _discard(stored: list[str]) -> None:
    for name in stored:
        sealed.remove(name)


class _Held(Exception):
    """A legal hold placed after the run was proposed."""


def _dispose_person(item: DisposalItem, stored: list[str]) -> None:
    person = item.person
    assert person is not None
    titles = holds.holds_on(person)
    if titles:
        raise _Held("legal hold: " + "; ".join(titles))
    if person.requests.exclude(status__in=[Request.DECIDED, Request.CLOSED]).exists():
        raise ValidationError("the person has a request still open")
    reason = PERSON_DONE
    if item.method == ARCHIVE:
        snapshot = {
            "person": {
                "id": person.pk, "name": person.name, "jurisdiction": person.jurisdiction,
                "country": str(person.country),
                "client_organisation": person.client_organisation, "role": person.role, "notes": person.notes,
                "relationship_ended_on": str(person.relationship_ended_on or ""),
            },
            "identities": list(person.identities.values("kind", "value", "label")),
        }  # fmt: skip
        _archive(item, snapshot, stored)
        reason = "archived (kept encrypted), then " + PERSON_DONE
    erasure.deidentify(person, "disposal", f"disposal run {item.run_id} ({item.rule.name})", {"run": item.run_id})
    DisposalItem.objects.filter(pk=item.pk).update(reason=reason)


def _archive(item: DisposalItem, content: Any, stored: list[str]) -> None:
    """Keep ``content`` as an encrypted JSON file named on the item; ``stored`` collects the file so
    that it is removed again if the item fails (its transaction rolls the name back)."""
    data = json.dumps(content, sort_keys=True, default=str).encode()
    name = sealed.store(data, "archive")
    item.archive_name, item.archive_sha256 = name, hashlib.sha256(data).hexdigest()
    DisposalItem.objects.filter(pk=item.pk).update(archive_name=name, archive_sha256=item.archive_sha256)
    stored.append(name)


def _dispose_rows(item: DisposalItem, key: bytes, stored: list[str], held_rows: _HeldRows) -> None:
    connection = item.connection
    assert connection is not None
    descriptor, engine, tables = connectors.opened(connection)
    held = holds.held_tables(connection, descriptor)
    kept = held_rows.of(connection, descriptor, engine, tables).get(item.table, set())
    if item.table in held or kept & set(item.keys):
        raise _Held(held.get(item.table) or "a person under a legal hold")
    if item.method == REDACT:
        redacted = sql_redact.apply(descriptor, engine, item.table, item.keys, tables)
        found = ", ".join(f"{n} {entity}" for entity, n in sorted(redacted.findings.items()))
        item.reason = f"{found} redacted in {redacted.rows} rows (card numbers keep their last four digits)"
        DisposalItem.objects.filter(pk=item.pk).update(reason=item.reason)
        return

    def archive(found: sql.Found) -> None:
        _archive(item, sql.json_ready(found).rows, stored)

    try:
        changes = sql_erase.dispose(
            descriptor, engine, item.table, item.keys, key, item.method in DELETING, held, tables,
            before=archive if item.method == ARCHIVE else None,
        )  # fmt: skip
    except sql_erase.HeldError as exc:
        raise _Held(str(exc)) from None
    done = {"update": "de-identified", "delete": "deleted"}
    notes = sorted({c.reason for c in changes if c.reason}) + (
        ["archived first (kept encrypted)"] if item.archive_name else []
    )
    item.reason = "; ".join([", ".join(f"{c.table} {done.get(c.action, c.action)}" for c in changes), *notes])
    DisposalItem.objects.filter(pk=item.pk).update(reason=item.reason)


def retry(run: DisposalRun) -> DisposalRun:
    """Queue a finished run's failed items again; the run goes back to approved."""
    with transaction.atomic():
        changed = DisposalRun.objects.filter(pk=run.pk, status=DisposalRun.DONE).update(status=DisposalRun.APPROVED)
        if changed == 1:
            run.items.filter(status=DisposalItem.FAILED).update(status=DisposalItem.PROPOSED, reason="")
    run.refresh_from_db()
    return run


def certificate_lines(run: DisposalRun) -> list[dict[str, Any]]:
    """The certificate's content: one line per rule, system and outcome."""
    lines: dict[tuple[str, str, str, str], dict[str, Any]] = {}
    for item in run.items.select_related("rule", "connection__system"):
        where = "privacydesk" if item.kind == DisposalItem.PERSON else f"{item.connection.system.name}: {item.table}"  # type: ignore[union-attr]
        line = lines.setdefault(
            (item.rule.name, where, item.method, item.get_status_display()),
            {
                "rule": item.rule.name,
                "rule_text": item.rule.describe(),
                "legal_requirement": item.rule.legal_requirement,
                "where": where,
                "method": item.method,
                "outcome": item.get_status_display(),
                "records": 0,
                "reasons": set(),
            },
        )
        line["records"] += 1 if item.kind == DisposalItem.PERSON else len(item.keys)
        if item.reason:  # why held, skipped or failed; what was done to rows
            line["reasons"].add(item.reason)
    return [{**line, "reasons": sorted(line["reasons"])} for line in lines.values()]


def _certify(run: DisposalRun) -> dict[str, str]:
    """The certificate's digest (SHA-256 of its canonical content) and a signature over it."""
    content = {
        "run": run.pk,
        "as_of": run.as_of.isoformat(),
        "approved_by": run.approved_by,
        "lines": certificate_lines(run),
    }
    digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
    return {"digest": digest, "signature": signing.Signer(salt="disposal").sign(digest)}


def due_summary(as_of: date | None = None) -> dict[str, int]:
    """For the dashboard: person records due now, and the holds in force."""
    as_of = as_of or timezone.localdate()
    held = holds.held_people()
    due = [d for d in people_due(as_of) if d.person.pk not in held]
    return {"people_due": len(due), "holds": holds.active().count()}
