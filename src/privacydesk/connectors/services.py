"""Operations on connected systems: add a connection, start a request's fulfilment, and run its steps.

Steps are durable rows. A worker claims one with a conditional update (``status=queued`` → ``running``)
and goes on only if exactly one row changed, as healthchecks' ``sendalerts`` does, so any number of
workers on any number of machines share the queue. A step that fails (a database down, a timeout) is
queued again with back-off and gives up after ``Step.MAX_ATTEMPTS``; staff can retry a failed step
without resubmitting the request. A step left ``running`` longer than its connection's timeout (a
worker that died) is queued again. Each step works on its own system: one failing never touches the
others' results.
"""

from __future__ import annotations

import socket
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from sqlalchemy import Engine, Table
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from privacydesk.audit import chain
from privacydesk.connectors import files, sql, sql_erase
from privacydesk.connectors.descriptor import Descriptor, DescriptorError, Identity, load
from privacydesk.connectors.models import Connection, Job, Step
from privacydesk.people.models import Identity as PersonIdentity
from privacydesk.people.models import Person
from privacydesk.register.models import System
from privacydesk.rights.models import Request

MANUAL_DAYS_BEFORE_DUE = 5  # a manual step is due this many days before the request itself
# Tables under a legal hold in a connection, as table → why, for a person (or for anyone: None). The
# app that keeps holds registers its check in ``AppConfig.ready``; erasure leaves held tables alone.
HOLDS: list[Callable[[Connection, Descriptor, Person | None], dict[str, str]]] = []


def held_tables(connection: Connection, descriptor: Descriptor, person: Person | None) -> dict[str, str]:
    held: dict[str, str] = {}
    for check in HOLDS:
        held.update(check(connection, descriptor, person))
    return held


def _fernet() -> Fernet:
    key = settings.PRIVACYDESK_CONNECTOR_KEY
    if not key:
        raise ValidationError({"address": "Connections are not set up here (PRIVACYDESK_CONNECTOR_KEY)."})
    return Fernet(key.encode())


def address(connection: Connection) -> str:
    """The connection's database address, decrypted (for connecting only: never shown or logged)."""
    try:
        return _fernet().decrypt(connection.secret.encode()).decode()
    except InvalidToken:
        raise sql.ConnectorError(f"{connection.name}: the stored address cannot be read with this key") from None


def descriptor_of(connection: Connection) -> Descriptor:
    return load(connection.descriptor, f"{connection.name}.yaml")


def check(connection: Connection) -> int:
    """Check the connection's descriptor against its database or exports folder: every table (or
    file) and column it names must exist (``DescriptorError`` names each missing one with its line;
    ``ConnectorError`` when the system cannot be reached). The number of tables found."""
    descriptor = descriptor_of(connection)
    if connection.kind == Connection.FILES:
        return len(files.check(descriptor, Path(address(connection))))
    engine = sql.engine_for(address(connection), timeout=connection.timeout_seconds)
    try:
        return len(sql.check(descriptor, engine))
    finally:
        engine.dispose()


def people_in(connection: Connection) -> tuple[list[Person], int]:
    """The people privacydesk knows who are in the system (matched by e-mail address), and how many
    addresses in it match nobody: for a breach of the whole system."""
    from privacydesk.people.normalise import normalise_email

    descriptor = descriptor_of(connection)
    if connection.kind == Connection.FILES:
        values = list(files.identity_values(descriptor, Path(address(connection)), Identity.EMAIL))
    else:
        descriptor, engine, tables = opened(connection)
        values = list(sql.identity_values(descriptor, engine, Identity.EMAIL, tables))
    found: dict[int, Person] = {}
    matched: set[str] = set()
    for start in range(0, len(values), 1000):
        normalised = {normalise_email(v): v for v in values[start : start + 1000]}
        identities = PersonIdentity.objects.filter(kind=PersonIdentity.EMAIL, normalised__in=list(normalised))
        for identity in identities.select_related("person"):
            found.setdefault(identity.person_id, identity.person)
            matched.add(identity.normalised)
    unmatched = len({normalise_email(v) for v in values} - matched)
    return list(found.values()), unmatched


def _check_address(url: str) -> None:
    try:
        make_url(url)
    except ArgumentError:
        raise ValidationError({"address": "Not a database address (e.g. postgresql+psycopg://user@host/db)."}) from None


@transaction.atomic
def save_connection(
    connection: Connection | None,
    *,
    system: System,
    name: str,
    kind: str,
    address: str = "",
    descriptor: str = "",
    timeout_seconds: int = 300,
    assignee: Any = None,
    checklist: str = "",
    active: bool = True,
) -> Connection:
    """Add (``connection`` None) or change a connection. An SQL database or a folder of exports needs
    its address (on a change, an empty one keeps the stored address) and a descriptor, checked with
    every problem's line; the address is encrypted. A manual step needs its checklist."""
    if kind not in dict(Connection.KINDS):
        raise ValidationError({"kind": "Choose an SQL database, a folder of exports or a manual step."})
    same_name = Connection.objects.filter(name=name)
    if connection is not None:
        same_name = same_name.exclude(pk=connection.pk)
    if same_name.exists():
        raise ValidationError({"name": f"A connection named {name!r} already exists."})
    if kind == Connection.MANUAL:
        if not checklist.strip():
            raise ValidationError({"checklist": "Say what to search and change by hand, one item a line."})
    else:
        if not address and (connection is None or not connection.secret or connection.kind == Connection.MANUAL):
            raise ValidationError({"address": "Give the database address (or the exports folder)."})
        if address and kind == Connection.SQL:
            _check_address(address)
        try:
            load(descriptor, f"{name}.yaml")
        except DescriptorError as exc:
            raise ValidationError({"descriptor": [p.describe(exc.filename) for p in exc.problems]}) from None
    connection = connection or Connection()
    connection.system, connection.name, connection.kind = system, name, kind
    connection.descriptor = descriptor if kind != Connection.MANUAL else ""
    connection.timeout_seconds, connection.active = timeout_seconds, active
    connection.assignee, connection.checklist = assignee, checklist.strip()
    if kind == Connection.MANUAL:
        connection.secret = ""
    elif address:
        connection.secret = _fernet().encrypt(address.encode()).decode()
    connection.save()
    return connection


def add_connection(
    system: System, name: str, url: str, descriptor: str, timeout_seconds: int = 300, kind: str = Connection.SQL
) -> Connection:
    """An SQL connection (or, with ``kind=files``, a folder of exports): its address encrypted, its
    descriptor checked (every problem with its line)."""
    return save_connection(
        None, system=system, name=name, kind=kind, address=url, descriptor=descriptor, timeout_seconds=timeout_seconds
    )


def identities_of(request: Request) -> dict[Identity, list[str]]:
    """What the request's person is found by in other systems (nothing without a person)."""
    return identities_of_person(request.person) if request.person is not None else {}


def identities_of_person(person: Person) -> dict[Identity, list[str]]:
    """What a person is found by in other systems: their verified email addresses, phone numbers and
    customer numbers (never their name alone: names are shared)."""
    kinds = {PersonIdentity.EMAIL: Identity.EMAIL, PersonIdentity.PHONE: Identity.PHONE}
    kinds[PersonIdentity.CUSTOMER_NUMBER] = Identity.CUSTOMER_NUMBER
    found: dict[Identity, list[str]] = {}
    for identity in person.identities.all():
        if identity.kind in kinds:
            found.setdefault(kinds[identity.kind], []).append(identity.value)
    return found


@transaction.atomic
def start(request: Request, kind: str) -> Job:
    """A job for the request with one step per active connection; manual connections become a task
    for their assignee, due before the request is."""
    if request.person is None:
        raise ValidationError("The request has no verified person to search for.")
    if (
        kind == Job.ERASURE
        and not Step.objects.filter(job__request=request, job__kind=Job.ERASURE_PLAN, status=Step.SUCCEEDED).exists()
    ):
        raise ValidationError("Run the erasure's dry run first and check what it would change.")
    job = Job.objects.create(request=request, kind=kind)
    for connection in Connection.objects.filter(active=True):
        step = Step(job=job, connection=connection)
        # Exports are copies another system produced: erasing means deleting or regenerating them.
        by_hand = connection.kind == Connection.MANUAL or (connection.kind == Connection.FILES and kind != Job.ACCESS)
        if by_hand:
            step.status = Step.MANUAL
            if connection.kind == Connection.FILES:
                step.result = {
                    "instruction": "Delete these exports, or regenerate them after the source system's erasure."
                }
            if request.due_at:
                step.due = (request.due_at - timedelta(days=MANUAL_DAYS_BEFORE_DUE)).date()
        step.save()
    chain.append("start", "connectors.job", job.pk, summary=f"{job.get_kind_display()}: {job.steps.count()} systems")
    transaction.on_commit(_enqueue)
    return job


def _enqueue() -> None:
    from privacydesk.connectors.tasks import run_steps

    run_steps.enqueue()


def worker_name() -> str:
    return f"{socket.gethostname()}:{id(object())}"


def _requeue_stale(now: Any) -> None:
    """Steps a worker claimed and never finished (it died, or the system hung past its timeout)."""
    for step in Step.objects.filter(status=Step.RUNNING).select_related("connection"):
        if step.claimed_at and step.claimed_at < now - timedelta(seconds=step.connection.timeout_seconds):
            Step.objects.filter(pk=step.pk, status=Step.RUNNING, claimed_at=step.claimed_at).update(
                status=Step.QUEUED, error="the worker did not finish in time", next_attempt_at=now
            )


def claim(worker: str) -> Step | None:
    """The next due step, claimed for this worker; None when nothing is due."""
    now = timezone.now()
    _requeue_stale(now)
    for pk in Step.objects.filter(status=Step.QUEUED, next_attempt_at__lte=now).values_list("pk", flat=True)[:50]:
        changed = Step.objects.filter(pk=pk, status=Step.QUEUED).update(
            status=Step.RUNNING, claimed_by=worker, claimed_at=now, attempts=F("attempts") + 1
        )
        if changed == 1:
            return Step.objects.select_related("job__request__person", "connection").get(pk=pk)
    return None


# A worker keeps each SQL system's engine (its connection pool) and reflected tables between steps:
# reading the catalogue costs more than a search. Keyed by everything that would change them — the
# stored address, the descriptor, the timeout — and dropped whenever a step against it fails.
_OPEN: dict[tuple[int, str, str, int], tuple[Descriptor, Engine, dict[str, Table]]] = {}


def opened(connection: Connection) -> tuple[Descriptor, Engine, dict[str, Table]]:
    key = (connection.pk, connection.secret, connection.descriptor, connection.timeout_seconds)
    if key not in _OPEN:
        descriptor = descriptor_of(connection)
        engine = sql.engine_for(address(connection), timeout=connection.timeout_seconds)
        try:
            tables = sql.check(descriptor, engine)
        except Exception:
            engine.dispose()
            raise
        _OPEN[key] = (descriptor, engine, tables)
    return _OPEN[key]


def _forget(connection: Connection) -> None:
    for key in [k for k in _OPEN if k[0] == connection.pk]:
        _OPEN.pop(key)[1].dispose()


def _rows_result(found: sql.Found) -> dict[str, Any]:
    return {"rows": found.rows, "truncated": sorted(found.truncated), "count": found.count()}


def _work(step: Step) -> dict[str, Any]:
    connection, job = step.connection, step.job
    identities = identities_of(job.request)
    if connection.kind == Connection.FILES:
        return _rows_result(files.find(descriptor_of(connection), Path(address(connection)), identities))
    descriptor, engine, tables = opened(connection)
    try:
        if job.kind == Job.ACCESS:
            return _rows_result(sql.find(descriptor, engine, identities, tables=tables))
        report = sql_erase.erase(
            descriptor,
            engine,
            identities,
            settings.PRIVACYDESK_ERASURE_KEY.encode(),
            dry_run=job.kind == Job.ERASURE_PLAN,
            held=held_tables(connection, descriptor, job.request.person),
            tables=tables,
        )
    except (sql.ConnectorError, DescriptorError):
        _forget(connection)
        raise
    digest = report.digest()
    return {"report": report.as_dict(), "digest": digest, "signature": signing.Signer(salt="erasure").sign(digest)}


def run(step: Step) -> None:
    """Do one claimed step; record its result, or its error and when to try again."""
    now = timezone.now()
    mine = Step.objects.filter(pk=step.pk, status=Step.RUNNING, claimed_by=step.claimed_by)
    try:
        result = _work(step)
    except (sql.ConnectorError, DescriptorError, ValidationError) as exc:
        error = str(exc) if not isinstance(exc, ValidationError) else "; ".join(exc.messages)
        if step.attempts >= Step.MAX_ATTEMPTS:
            mine.update(status=Step.FAILED, error=error, finished_at=now)
        else:
            mine.update(status=Step.QUEUED, error=error, next_attempt_at=now + step.backoff())
        chain.append("fail", "connectors.step", step.pk, summary=f"{step.connection.name}: attempt {step.attempts}")
        return
    if mine.update(status=Step.SUCCEEDED, result=result, error="", finished_at=timezone.now()) == 1:
        chain.append(
            "finish", "connectors.step", step.pk, summary=f"{step.connection.name}: {step.job.get_kind_display()}"
        )


def run_due(worker: str | None = None, limit: int | None = None) -> int:
    """Claim and run due steps until none is left (or ``limit`` have run); how many ran."""
    worker = worker or worker_name()
    done = 0
    while limit is None or done < limit:
        step = claim(worker)
        if step is None:
            break
        run(step)
        done += 1
    return done


def retry(step: Step) -> bool:
    """Queue a failed step again now, its attempts counted afresh."""
    changed = Step.objects.filter(pk=step.pk, status=Step.FAILED).update(
        status=Step.QUEUED, attempts=0, next_attempt_at=timezone.now(), error=""
    )
    if changed:
        chain.append("retry", "connectors.step", step.pk, summary=step.connection.name)
        transaction.on_commit(_enqueue)
    return changed == 1


def unregistered(system: System, guesses: list[Any]) -> list[tuple[str, str, str]]:
    """(table, column, category) for personal information discovery found in a system that the
    register does not list for it: the register is out of step with what the system holds."""
    listed = set(system.data_categories.values_list("code", flat=True))
    return [
        (table.name, column.name, category)
        for table in guesses
        for column in table.columns
        for category in column.categories
        if category not in listed
    ]
