"""Erasing a person in a connected SQL system, on SQLite, PostgreSQL and MariaDB: the dry run changes
nothing; the erasure leaves every protected field and everyone else's rows as they were and no
identity behind; a failure part-way changes nothing; a held table is left alone."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import CheckConstraint, Column, Integer, MetaData, String, Table, insert, select, text

from privacydesk.connectors import sql, sql_erase
from privacydesk.connectors.descriptor import DescriptorError, Identity, load
from tests.connectors.conftest import TARGET_EMAIL, TARGET_PHONE, Crm

KEY = b"test-erasure-key"
WHO = {Identity.EMAIL: [TARGET_EMAIL.lower()]}


def _snapshot(crm: Crm) -> dict[str, dict[int, dict[str, Any]]]:
    tables = {}
    with crm.engine.connect() as connection:
        for name in ("accounts", "contacts", "notes", "tickets", "events", "invoices"):
            table = Table(crm.t(name), MetaData(), autoload_with=crm.engine)
            tables[name] = {row["id"]: dict(row) for row in connection.execute(select(table)).mappings()}
    return tables


def test_the_dry_run_says_what_would_change_and_changes_nothing(crm: Crm) -> None:
    before = _snapshot(crm)
    report = sql_erase.erase(load(crm.descriptor(), "crm.yaml"), crm.engine, WHO, KEY, dry_run=True)
    assert _snapshot(crm) == before
    planned = {c.table.removeprefix(crm.prefix): (c.action, c.rows, c.fields) for c in report.changes}
    assert planned == {
        "contacts": ("update", 1, {"email": "hash", "phone": "hash", "full_name": "replace"}),
        "notes": ("update", len(crm.target["notes"]), {"body": "replace"}),
        "events": ("update", len(crm.target["events"]), {"detail": "replace"}),
    }
    assert report.dry_run and report.verified is None


def test_erasure_leaves_protected_fields_and_other_people_and_no_identity(crm: Crm) -> None:
    before = _snapshot(crm)
    descriptor = load(crm.descriptor(), "crm.yaml")
    report = sql_erase.erase(descriptor, crm.engine, WHO, KEY, dry_run=False)
    after = _snapshot(crm)
    assert report.verified is True and report.remaining == {}
    [contact_id] = crm.target["contacts"]
    contact = after["contacts"][contact_id]
    assert contact["email"] == sql_erase.token(KEY, TARGET_EMAIL, 200)
    assert contact["phone"] == sql_erase.token(KEY, TARGET_PHONE, 40) and len(contact["phone"]) == 40
    assert contact["full_name"] == "erased"
    assert all(after["notes"][i]["body"] == "erased" for i in crm.target["notes"])
    assert all(after["events"][i]["detail"] == "erased" for i in crm.target["events"])
    for name, rows in before.items():  # everything else, and every invoice total, exactly as it was
        mine = crm.target.get(name, set()) if name in ("contacts", "notes", "events") else set()
        assert {k: v for k, v in after[name].items() if k not in mine} == {
            k: v for k, v in rows.items() if k not in mine
        }
    assert sql.find(descriptor, crm.engine, WHO).count() == 0
    assert sql.find(descriptor, crm.engine, {Identity.PHONE: ["+64212345678"]}).count() == 0
    again = sql_erase.erase(descriptor, crm.engine, WHO, KEY, dry_run=False)  # idempotent: nothing left to do
    assert again.changes == [] and again.verified is True


def test_deleting_rows_goes_children_first_and_keeps_what_is_held(crm: Crm) -> None:
    text_ = crm.descriptor().replace("{name: body, erase: replace}", "{name: body, erase: delete_row}")
    text_ = text_.replace("{name: detail, erase: replace}", "{name: detail, erase: delete_row}")
    descriptor = load(text_, "crm.yaml")
    held = {crm.t("events"): "legal hold: investigation 2026-14"}
    report = sql_erase.erase(descriptor, crm.engine, WHO, KEY, dry_run=False, held=held)
    after = _snapshot(crm)
    assert not crm.target["notes"] & after["notes"].keys()  # deleted
    assert crm.target["events"] <= after["events"].keys()  # held: untouched
    assert {c.table: c.action for c in report.changes}[crm.t("events")] == "held"
    assert report.verified is True


def test_a_failure_part_way_changes_nothing(crm: Crm) -> None:
    """The last table refuses the placeholder (a CHECK constraint): the contacts, notes and events
    already changed in the same transaction are rolled back."""
    guarded = Table(
        crm.t("guarded"),
        MetaData(),
        Column("id", Integer, primary_key=True, autoincrement=False),
        Column("contact_id", Integer),
        Column("note", String(50)),
        CheckConstraint("note <> 'erased'", name=f"{crm.prefix}no_placeholder"),
    )
    guarded.create(crm.engine)
    try:
        with crm.engine.begin() as connection:
            connection.execute(insert(guarded), [{"id": 1, "contact_id": min(crm.target["contacts"]), "note": "hers"}])
        extra = f"""  - name: {crm.t("guarded")}
    primary_key: id
    fields:
      - {{name: id}}
      - {{name: contact_id, references: {crm.t("contacts")}.id}}
      - {{name: note, erase: replace}}
"""
        before = _snapshot(crm)
        with pytest.raises(sql.ConnectorError, match="erasure failed and was rolled back"):
            sql_erase.erase(load(crm.descriptor(extra), "crm.yaml"), crm.engine, WHO, KEY, dry_run=False)
        assert _snapshot(crm) == before
        with crm.engine.connect() as connection:
            assert connection.execute(text(f"SELECT note FROM {crm.t('guarded')}")).scalar_one() == "hers"
    finally:
        guarded.drop(crm.engine)


def test_methods_the_columns_cannot_take_are_refused_before_anything_runs(crm: Crm) -> None:
    text_ = crm.descriptor().replace("{name: account_id}", "{name: account_id, erase: hash}")
    text_ = text_.replace(
        "{name: id}\n      - {name: contact_id, references: " + crm.t("contacts") + ".id}\n      - {name: total",
        "{name: id, erase: set_null}\n      - {name: contact_id, references: "
        + crm.t("contacts")
        + ".id}\n      - {name: total",
    )
    before = _snapshot(crm)
    with pytest.raises(DescriptorError) as caught:
        sql_erase.erase(load(text_, "crm.yaml"), crm.engine, WHO, KEY, dry_run=False)
    message = str(caught.value)
    assert "tables[0].fields[1].erase: hash needs a text column; 'account_id' is INTEGER" in message
    assert "tables[4].fields[0].erase: set_null needs a column that may be empty; 'id' may not" in message
    assert _snapshot(crm) == before


def test_the_report_has_a_stable_digest(crm: Crm) -> None:
    descriptor = load(crm.descriptor(), "crm.yaml")
    first = sql_erase.erase(descriptor, crm.engine, WHO, KEY, dry_run=True)
    second = sql_erase.erase(descriptor, crm.engine, WHO, KEY, dry_run=True)
    assert first.digest() == second.digest() and len(first.digest()) == 64
