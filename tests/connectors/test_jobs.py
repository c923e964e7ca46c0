"""A request's fulfilment across connected systems, as durable steps run by workers: a CRM in SQLite
and a helpdesk in PostgreSQL reached through a proxy that can be stopped like a database going down.
The stopped one fails only its own step, which succeeds on a later attempt; the other's result is
kept; the dry run comes before the erasure, whose report is signed; addresses are encrypted."""

from __future__ import annotations

import contextlib
import socket
import threading
import uuid
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import signing
from django.core.exceptions import ValidationError
from django.utils import timezone
from sqlalchemy import create_engine
from sqlalchemy.exc import OperationalError

from privacydesk.connectors import services
from privacydesk.connectors.models import Connection, Job, Step
from privacydesk.people import services as people
from privacydesk.register.models import System
from privacydesk.rights import services as rights
from tests.connectors.conftest import TARGET_EMAIL, Crm, _fill, _schema

pytestmark = pytest.mark.django_db(transaction=True)


class Proxy:
    """A TCP forwarder to PostgreSQL that can be stopped and started on the same port."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        self.port = 0
        self.sockets: list[socket.socket] = []
        self.listener: socket.socket | None = None

    def start(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen()
        self.port = listener.getsockname()[1]
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def stop(self) -> None:
        if self.listener is not None:
            with contextlib.suppress(OSError):  # wakes the thread blocked in accept()
                self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        for sock in self.sockets:
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for a, b in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(source: socket.socket, sink: socket.socket) -> None:
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def systems(tmp_path: Path) -> Iterator[tuple[Crm, Crm, Proxy]]:
    crm = Crm(create_engine(f"sqlite:///{tmp_path / 'crm.sqlite3'}"), "crm_")
    meta_crm, tables_crm = _schema(crm.prefix)
    meta_crm.create_all(crm.engine)
    _fill(crm, tables_crm)
    helpdesk = Crm(create_engine("postgresql+psycopg://postgres@127.0.0.1:5432/test"), f"h{uuid.uuid4().hex[:6]}_")
    meta_help, tables_help = _schema(helpdesk.prefix)
    try:
        meta_help.create_all(helpdesk.engine)
    except OperationalError as exc:  # pragma: no cover - only where the server is missing
        pytest.skip(f"PostgreSQL is not reachable here: {exc.orig}")
    _fill(helpdesk, tables_help)
    proxy = Proxy(("127.0.0.1", 5432))
    proxy.start()
    try:
        yield crm, helpdesk, proxy
    finally:
        proxy.stop()
        meta_help.drop_all(helpdesk.engine)
        helpdesk.engine.dispose()


def _setup(crm: Crm, helpdesk: Crm, proxy: Proxy, tmp_path: Path) -> rights.Request:  # type: ignore[name-defined]
    crm_system = System.objects.create(name="Acme CRM")
    help_system = System.objects.create(name="Acme Helpdesk")
    services.add_connection(crm_system, "crm", f"sqlite:///{tmp_path / 'crm.sqlite3'}", crm.descriptor())
    services.add_connection(
        help_system,
        "helpdesk",
        f"postgresql+psycopg://postgres:not-a-real-pw@127.0.0.1:{proxy.port}/test",
        helpdesk.descriptor(),
        timeout_seconds=3,
    )
    Connection.objects.create(
        system=System.objects.create(name="Paper files"),
        name="paper files",
        kind=Connection.MANUAL,
        checklist="Filing cabinet B",
    )
    people.create_person(
        name="Aroha Ngata", jurisdiction="NZ", identities=[people.IdentityInput("email", TARGET_EMAIL)]
    )
    return rights.submit_verified(rights.Submission("access", "Aroha Ngata", TARGET_EMAIL, country="NZ"), "Phone")


def _ids(step: Step, prefix: str) -> dict[str, set[int]]:
    return {name.removeprefix(prefix): {row["id"] for row in rows} for name, rows in step.result["rows"].items()}


def test_a_stopped_database_fails_only_its_own_step_which_then_succeeds(
    systems: tuple[Crm, Crm, Proxy], tmp_path: Path
) -> None:
    crm, helpdesk, proxy = systems
    request = _setup(crm, helpdesk, proxy, tmp_path)
    proxy.stop()  # the helpdesk's database goes down
    job = services.start(request, Job.ACCESS)
    assert services.run_due(worker="w1") == 2
    steps = {s.connection.name: s for s in job.steps.all()}
    assert steps["crm"].status == Step.SUCCEEDED and _ids(steps["crm"], crm.prefix) == crm.target
    down = steps["helpdesk"]
    assert down.status == Step.QUEUED and down.attempts == 1 and down.next_attempt_at > timezone.now()
    assert "cannot connect" in down.error or "while searching" in down.error
    assert "not-a-real-pw" not in down.error
    assert steps["paper files"].status == Step.MANUAL and steps["paper files"].due < request.due_at.date()
    assert services.run_due(worker="w1") == 0  # not due again yet (back-off)

    proxy.start()  # the database is back; the back-off passes
    Step.objects.filter(pk=down.pk).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
    assert services.run_due(worker="w2") == 1
    down.refresh_from_db()
    assert down.status == Step.SUCCEEDED and down.attempts == 2 and down.error == ""
    assert _ids(down, helpdesk.prefix) == helpdesk.target
    crm_step = Step.objects.get(pk=steps["crm"].pk)
    assert crm_step.attempts == 1 and crm_step.result == steps["crm"].result  # not run again


def test_a_step_out_of_attempts_fails_and_staff_can_retry_it(systems: tuple[Crm, Crm, Proxy], tmp_path: Path) -> None:
    crm, helpdesk, proxy = systems
    request = _setup(crm, helpdesk, proxy, tmp_path)
    proxy.stop()
    job = services.start(request, Job.ACCESS)
    down = job.steps.get(connection__name="helpdesk")
    for _ in range(Step.MAX_ATTEMPTS):
        Step.objects.filter(pk=down.pk, status=Step.QUEUED).update(
            next_attempt_at=timezone.now() - timedelta(seconds=1)
        )
        services.run_due()
    down.refresh_from_db()
    assert down.status == Step.FAILED and down.attempts == Step.MAX_ATTEMPTS
    proxy.start()
    assert services.retry(down) and not services.retry(down)  # once: it is queued now
    services.run_due()
    down.refresh_from_db()
    assert down.status == Step.SUCCEEDED


def test_two_workers_never_claim_the_same_step(systems: tuple[Crm, Crm, Proxy], tmp_path: Path) -> None:
    crm, helpdesk, proxy = systems
    services.start(_setup(crm, helpdesk, proxy, tmp_path), Job.ACCESS)
    first, second = services.claim("w1"), services.claim("w2")
    assert first is not None and second is not None and first.pk != second.pk
    assert services.claim("w3") is None
    assert Step.objects.filter(pk=first.pk, status=Step.QUEUED).update(status=Step.RUNNING) == 0  # already taken


def test_erasure_needs_its_dry_run_and_its_report_is_signed(systems: tuple[Crm, Crm, Proxy], tmp_path: Path) -> None:
    crm, helpdesk, proxy = systems
    request = _setup(crm, helpdesk, proxy, tmp_path)
    with pytest.raises(ValidationError, match="dry run first"):
        services.start(request, Job.ERASURE)
    plan = services.start(request, Job.ERASURE_PLAN)
    services.run_due()
    assert all(s.status == Step.SUCCEEDED for s in plan.steps.exclude(connection__kind=Connection.MANUAL))
    job = services.start(request, Job.ERASURE)
    services.run_due()
    for step in job.steps.exclude(connection__kind=Connection.MANUAL):
        assert step.status == Step.SUCCEEDED, step.error
        report = step.result["report"]
        assert report["verified"] is True and not report["dry_run"]
        assert signing.Signer(salt="erasure").unsign(step.result["signature"]) == step.result["digest"]
    again = services.start(request, Job.ACCESS)
    services.run_due()
    assert all(s.result["count"] == 0 for s in again.steps.exclude(connection__kind=Connection.MANUAL))


def test_addresses_are_encrypted_and_descriptors_checked_on_entry(tmp_path: Path) -> None:
    system = System.objects.create(name="Acme CRM")
    crm = Crm(create_engine("sqlite://"), "crm_")
    connection = services.add_connection(
        system, "crm", "postgresql+psycopg://app:pa55word@db.example/crm", crm.descriptor()
    )
    assert "pa55word" not in connection.secret and services.address(connection).endswith("@db.example/crm")
    with pytest.raises(ValidationError) as caught:
        services.add_connection(system, "crm2", "sqlite://", crm.descriptor().replace("erase: hash", "erase: blur", 1))
    assert "crm2.yaml, line 9, tables[0].fields[2].erase" in str(caught.value)
    with pytest.raises(ValidationError, match="Not a database address"):
        services.add_connection(system, "crm3", "not a url", crm.descriptor())


def test_the_rows_found_go_into_the_access_package(systems: tuple[Crm, Crm, Proxy], tmp_path: Path) -> None:
    import io
    import json
    import zipfile

    from privacydesk.rights import package

    crm, helpdesk, proxy = systems
    request = _setup(crm, helpdesk, proxy, tmp_path)
    services.start(request, Job.ACCESS)
    services.run_due()
    archive = zipfile.ZipFile(io.BytesIO(package.build_zip(request.person, request)))
    contacts = archive.read(f"systems/Acme_CRM/{crm.prefix}contacts.csv").decode()
    assert TARGET_EMAIL in contacts and contacts.count("\n") == 2  # a header and her row
    notes = archive.read(f"systems/Acme_Helpdesk/{helpdesk.prefix}notes.csv").decode()
    assert notes.count("\n") == len(helpdesk.target["notes"]) + 1
    data = json.loads(archive.read("package.json"))
    assert [s["system"] for s in data["other_systems"]] == ["Acme CRM", "Acme Helpdesk"]
    assert "What those systems hold about you" in archive.read("summary.html").decode()


def test_the_request_page_starts_the_work_shows_each_system_and_retries_a_failed_step(
    systems: tuple[Crm, Crm, Proxy],
    tmp_path: Path,
    officer_client,  # type: ignore[no-untyped-def]
) -> None:
    crm, helpdesk, proxy = systems
    request = _setup(crm, helpdesk, proxy, tmp_path)
    page = f"/console/requests/{request.pk}/"
    assert "Nothing searched or changed in connected systems yet." in officer_client.get(page).content.decode()
    proxy.stop()
    response = officer_client.post(f"{page}systems/", {"kind": "access"}, follow=True)
    assert "Find and export queued in 3 systems." in response.content.decode()
    job = Job.objects.get(request=request)
    for _ in range(Step.MAX_ATTEMPTS):
        Step.objects.filter(job=job, status=Step.QUEUED).update(next_attempt_at=timezone.now() - timedelta(seconds=1))
        services.run_due()
    shown = officer_client.get(page).content.decode()
    assert f"{sum(len(ids) for ids in crm.target.values())} records found" in shown  # the CRM's search
    assert "Failed" in shown and "Waiting for a person" in shown and "Filing cabinet B" in shown
    down = job.steps.get(connection__name="helpdesk")
    proxy.start()
    response = officer_client.post(f"/console/steps/{down.pk}/retry/", follow=True)
    assert "helpdesk: queued again." in response.content.decode()
    services.run_due()
    assert "Failed" not in officer_client.get(page).content.decode()
    refused = officer_client.post(f"{page}systems/", {"kind": "erasure"}, follow=True).content.decode()
    assert "Run the erasure&#x27;s dry run first" in refused or "Run the erasure's dry run first" in refused


def test_a_person_spread_across_three_systems_is_found_in_each_and_packaged(
    systems: tuple[Crm, Crm, Proxy], tmp_path: Path
) -> None:
    """The CRM (SQLite), the helpdesk (PostgreSQL) and the accounting exports (CSV and XLSX): all of her
    rows from each, none of anyone else's, each system's part of her access package."""
    import io
    import zipfile

    from privacydesk.rights import package
    from tests.connectors.test_files import DESCRIPTOR, exports

    crm, helpdesk, proxy = systems
    request = _setup(crm, helpdesk, proxy, tmp_path)
    folder = tmp_path / "exports"
    folder.mkdir()
    invoices = exports(folder, target=TARGET_EMAIL)["invoices"]
    services.add_connection(
        System.objects.create(name="Xero exports"), "accounting", str(folder), DESCRIPTOR, kind=Connection.FILES
    )
    job = services.start(request, Job.ACCESS)
    services.run_due()
    steps = {s.connection.name: s for s in job.steps.all()}
    assert _ids(steps["crm"], crm.prefix) == crm.target and _ids(steps["helpdesk"], helpdesk.prefix) == helpdesk.target
    accounting = steps["accounting"].result["rows"]
    assert (
        {r["invoice_no"] for r in accounting["invoices"]}
        == invoices
        == {r["invoice_no"] for r in accounting["payments"]}
    )
    names = zipfile.ZipFile(io.BytesIO(package.build_zip(request.person, request))).namelist()
    assert {"systems/Xero_exports/invoices.csv", "systems/Xero_exports/payments.csv"} <= set(names)
    erasure_plan = services.start(request, Job.ERASURE_PLAN)
    assert erasure_plan.steps.get(connection__name="accounting").status == Step.MANUAL  # exports: delete or regenerate
