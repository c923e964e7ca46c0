"""Disposal in a connected system: the helpdesk's call logs go 90 days after the call (deleted), its
tickets 2 years after they were opened — de-identified, not deleted, because billed time entries kept
for tax law point at them. A held person's rows stay; a failure part-way leaves each batch either done
or untouched, and a retry finishes the job."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import create_engine, text

from privacydesk.connectors import fixtures, services
from privacydesk.people import services as people
from privacydesk.register.models import System
from privacydesk.retention import disposal, holds
from privacydesk.retention.models import DisposalItem

AS_OF = date(2026, 11, 24)
TARGET = fixtures.Someone("Aroha Ngata", "aroha.ngata@example.co.nz", "+64212345678", "C777001", "NZ")


@pytest.fixture
def helpdesk(demo_register: None, tmp_path: Path) -> dict[str, Any]:
    address = f"sqlite:///{tmp_path / 'helpdesk.sqlite3'}"
    engine = create_engine(address)
    built = fixtures.build_helpdesk(engine, list(fixtures.population(60, seed=5, target=TARGET)))
    connection = services.add_connection(
        System.objects.get(name="Helpdesk (PSA)"), "helpdesk", address, fixtures.descriptors()["helpdesk"]
    )
    return {"engine": engine, "built": built, "connection": connection}


def _day(value: str) -> date:
    return datetime.fromisoformat(value).date()


def _rows(engine: Any, table: str) -> dict[int, tuple[Any, ...]]:
    with engine.connect() as c:
        return {row[0]: tuple(row) for row in c.execute(text(f"SELECT * FROM {table}"))}


def test_expired_rows_go_held_rows_stay_and_the_certificate_lists_both(helpdesk: dict[str, Any]) -> None:
    engine, built = helpdesk["engine"], helpdesk["built"]
    person = people.create_person(
        name=TARGET.name, jurisdiction="NZ", identities=[people.IdentityInput("email", TARGET.email)]
    )
    holds.place("Ngata v SCMIT", "litigation", "Keep her support history.", people=[person])
    calls, tickets = _rows(engine, "call_logs"), _rows(engine, "tickets")
    old_calls = {k for k, r in calls.items() if _day(r[3]) < date(2026, 8, 26)}  # called 91+ days before AS_OF
    run = disposal.execute(disposal.approve(disposal.propose(AS_OF)))

    after_calls, after_tickets = _rows(engine, "call_logs"), _rows(engine, "tickets")
    hers_calls, hers_tickets = built.owned["call_logs"], built.owned["tickets"]
    assert set(after_calls) == (set(calls) - old_calls) | hers_calls  # old calls deleted, hers kept
    for key, row in after_tickets.items():
        if key in built.carded and key not in hers_tickets and _day(row[4]) >= date(2024, 11, 24):
            assert "**** **** ****" in row[3]  # not yet due, but the card number typed into it is masked
        elif key in hers_tickets or _day(row[4]) >= date(2024, 11, 24):  # opened 2 years + a day before
            assert row == tickets[key]  # held, or not yet due: untouched
        else:
            assert row[2] == row[3] == "erased"  # subject and body de-identified; the row stays for billing
    assert set(after_tickets) == set(tickets)
    held = run.items.filter(status=DisposalItem.HELD)
    assert held.exists() and all(item.reason == "a person under a legal hold" for item in held)
    lines = disposal.certificate_lines(run)
    outcomes = {(line["where"], line["outcome"]) for line in lines}
    assert {("Helpdesk (PSA): call_logs", "Disposed of"), ("Helpdesk (PSA): tickets", "Disposed of")} <= outcomes
    assert ("Helpdesk (PSA): tickets", "Held back by a legal hold") in outcomes  # her old tickets
    ticket_line = next(line for line in lines if line["where"] == "Helpdesk (PSA): tickets" and line["records"] > 0)
    assert ticket_line["rule"] == "Support records"


def test_a_failure_part_way_leaves_each_batch_done_or_untouched_and_a_retry_finishes(
    helpdesk: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = helpdesk["engine"]
    monkeypatch.setattr(disposal, "BATCH", 5)
    run = disposal.approve(disposal.propose(AS_OF))
    batches = list(run.items.filter(table="call_logs", status=DisposalItem.PROPOSED).order_by("pk"))
    assert len(batches) >= 3
    stuck = batches[1].keys[0]
    with engine.begin() as c:
        c.execute(
            text(
                f"CREATE TRIGGER stop BEFORE DELETE ON call_logs WHEN OLD.id = {stuck} "
                "BEGIN SELECT RAISE(ABORT, 'refused'); END"
            )
        )
    run = disposal.execute(run)
    failed = run.items.get(status=DisposalItem.FAILED)
    assert failed.pk == batches[1].pk and "disposal failed and was rolled back" in failed.reason
    remaining = set(_rows(engine, "call_logs"))
    assert set(failed.keys) <= remaining  # the failed batch is whole
    assert not any(set(b.keys) & remaining for b in batches if b.pk != failed.pk)  # the others are gone
    assert run.report["result"]["failed"] == len(failed.keys)

    with engine.begin() as c:
        c.execute(text("DROP TRIGGER stop"))
    run = disposal.execute(disposal.retry(run))
    assert not run.items.filter(status=DisposalItem.FAILED).exists()
    assert not set(failed.keys) & set(_rows(engine, "call_logs"))


def test_a_system_that_cannot_be_read_is_reported_not_fatal(helpdesk: dict[str, Any]) -> None:
    broken = fixtures.descriptors()["helpdesk"].replace("after: opened_at", "after: opened_on")
    connection = helpdesk["connection"]
    connection.descriptor = broken
    connection.save()
    run = disposal.propose(AS_OF)
    assert run.report["problems"] == [
        "helpdesk: helpdesk.yaml, line 19, tables[2].retention.after: 'opened_on' is not one of the table's fields"
    ]
    assert not run.items.filter(kind=DisposalItem.ROWS).exists()


def test_archived_records_are_kept_encrypted_before_they_go(
    helpdesk: dict[str, Any], settings: Any, tmp_path: Path
) -> None:
    import json

    from privacydesk import sealed
    from privacydesk.people.models import Person
    from privacydesk.register.models import RetentionRule, SubjectType

    settings.VAR_DIR = tmp_path
    RetentionRule.objects.filter(name__in=["Call recordings", "Unsuccessful applications"]).update(disposal="archive")
    applicant = people.create_person(
        name="Chloe Nguyen", jurisdiction="AU", subject_type=SubjectType.objects.get(code="job_applicant"),
        relationship_ended_on=date(2025, 1, 10), identities=[people.IdentityInput("email", "chloe@example.com.au")],
    )  # fmt: skip
    calls = _rows(helpdesk["engine"], "call_logs")
    run = disposal.execute(disposal.approve(disposal.propose(AS_OF)))

    item = run.items.get(person=applicant)
    kept = json.loads(sealed.load(item.archive_name, "archive"))
    assert kept["person"]["name"] == "Chloe Nguyen" and kept["identities"][0]["value"] == "chloe@example.com.au"
    assert Person.objects.get(pk=applicant.pk).name.startswith("Erased person")
    assert b"Chloe" not in (tmp_path / "uploads" / item.archive_name).read_bytes()  # encrypted
    archived = [i for i in run.items.filter(table="call_logs", status=DisposalItem.DONE)]
    assert archived and all(i.archive_name and "archived first" in i.reason for i in archived)
    rows = {r["id"] for i in archived for r in json.loads(sealed.load(i.archive_name, "archive"))["call_logs"]}
    assert rows and rows <= set(calls) and not rows & set(_rows(helpdesk["engine"], "call_logs"))
