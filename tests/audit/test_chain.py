"""The audit chain detects every change made behind the application's back, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from django.db import DatabaseError, connection, transaction
from typer.testing import CliRunner

from privacydesk.audit import chain
from privacydesk.audit.context import acting_as
from privacydesk.audit.models import AuditEntry
from privacydesk.cli import app

pytestmark = pytest.mark.django_db


@contextmanager
def behind_the_applications_back() -> Iterator[None]:
    """Raw SQL, as a DBA with the table owner's rights would type it (trigger disabled on PostgreSQL)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_entry_append_only")
        try:
            yield
        finally:
            if connection.vendor == "postgresql":
                cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_entry_append_only")


def _raw(sql: str, params: list[object]) -> None:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _fill(n: int = 10) -> None:
    with acting_as("staff:tester", reason="testing"):
        for i in range(n):
            chain.append("update", "people.person", i + 1, data={"fields": ["name"]})


def _verify_cli() -> tuple[int, str]:
    result = CliRunner().invoke(app, ["audit", "verify"])
    return result.exit_code, result.output


def test_intact_chain_verifies_and_cli_exits_zero() -> None:
    _fill()
    result = chain.verify()
    assert result.ok and result.checked == 10
    code, output = _verify_cli()
    assert code == 0, output
    assert "intact: 10 entries" in output


def test_entries_link_each_to_the_previous() -> None:
    _fill(3)
    first, second, third = AuditEntry.objects.order_by("seq")
    assert first.prev_hash == chain.GENESIS
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert third.actor == "staff:tester" and third.reason == "testing"


def test_altered_entry_is_named() -> None:
    _fill()
    with behind_the_applications_back():
        _raw("UPDATE audit_auditentry SET actor = %s WHERE seq = %s", ["staff:someone-else", 4])
    result = chain.verify()
    assert not result.ok and result.first_bad_seq == 4
    assert "entry #4 was altered" in result.problem
    code, output = _verify_cli()
    assert code == 1
    assert "entry #4 was altered" in output


def test_altered_entry_with_recomputed_hash_breaks_the_next_link() -> None:
    _fill()
    entry = AuditEntry.objects.get(seq=6)
    forged = chain.digest(
        entry.seq,
        entry.at,
        "staff:forger",
        entry.action,
        entry.object_type,
        entry.object_id,
        entry.summary,
        entry.reason,
        entry.data,
        entry.prev_hash,
    )
    with behind_the_applications_back():
        _raw("UPDATE audit_auditentry SET actor = %s, hash = %s WHERE seq = %s", ["staff:forger", forged, 6])
    result = chain.verify()
    assert not result.ok and result.first_bad_seq == 6
    assert "entry #7 does not follow entry #6" in result.problem


def test_deleted_entry_is_named() -> None:
    _fill()
    with behind_the_applications_back():
        _raw("DELETE FROM audit_auditentry WHERE seq = %s", [5])
    result = chain.verify()
    assert not result.ok and result.first_bad_seq == 5
    assert "entry #5 is missing" in result.problem
    code, output = _verify_cli()
    assert code == 1 and "#5 is missing" in output


def test_entries_cut_from_the_end_are_detected() -> None:
    _fill()
    with behind_the_applications_back():
        _raw("DELETE FROM audit_auditentry WHERE seq >= %s", [9])
    result = chain.verify()
    assert not result.ok and result.first_bad_seq == 9
    assert "entries #9–#10 are missing" in result.problem


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_update_and_delete() -> None:
    _fill(2)
    for sql in ("UPDATE audit_auditentry SET actor = 'x' WHERE seq = 1", "DELETE FROM audit_auditentry WHERE seq = 1"):
        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
            _raw(sql, [])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        AuditEntry.objects.filter(seq=2).update(reason="rewritten")
    assert chain.verify().ok


def test_append_many_continues_the_chain() -> None:
    _fill(3)
    count = chain.append_many(chain.Event("create", "people.person", str(i)) for i in range(7000))
    assert count == 7000
    chain.append("view", "people.person", 1)
    result = chain.verify()
    assert result.ok and result.checked == 7004


def test_personal_values_never_enter_the_log(make_staff) -> None:  # type: ignore[no-untyped-def]
    from privacydesk.people import services

    person = services.create_person(
        name="Ngaio Te Whare", identities=[services.IdentityInput("email", "ngaio.tewhare@example.co.nz")]
    )
    person.notes = "Prefers calls after 3pm"
    person.save()
    dumped = " ".join(str(e.__dict__) for e in AuditEntry.objects.all())
    assert "Ngaio" not in dumped and "ngaio.tewhare" not in dumped and "3pm" not in dumped
    update = AuditEntry.objects.filter(object_type="people.person", action="update").latest("seq")
    assert update.data == {"fields": ["notes", "updated_at"]}
