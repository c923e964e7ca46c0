"""``privacydesk connectors``: add a connection without the address on the command line, check its
descriptor against the live database (problems named by line), list connections without addresses."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import create_engine
from typer.testing import CliRunner

from privacydesk.cli import app
from privacydesk.connectors.models import Connection
from privacydesk.register.models import System
from tests.connectors.conftest import Crm, _fill, _schema

pytestmark = pytest.mark.django_db(transaction=True)


def test_add_check_and_list(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    database = tmp_path / "crm.sqlite3"
    crm = Crm(create_engine(f"sqlite:///{database}"), "crm_")
    meta, tables = _schema(crm.prefix)
    meta.create_all(crm.engine)
    _fill(crm, tables)
    System.objects.create(name="Acme CRM")
    good, bad = tmp_path / "crm.yaml", tmp_path / "bad.yaml"
    good.write_text(crm.descriptor())
    bad.write_text(crm.descriptor().replace("{name: detail, erase: replace}", "{name: details, erase: replace}"))
    runner = CliRunner()

    missing = runner.invoke(app, ["connectors", "add", "crm", "--system", "Nope", "--descriptor", str(good)])
    assert missing.exit_code == 1 and "no system 'Nope' in the register (it has: Acme CRM)" in missing.output

    monkeypatch.setenv("PRIVACYDESK_CONNECTOR_ADDRESS", f"sqlite:///{database}")
    added = runner.invoke(app, ["connectors", "add", "crm", "--system", "Acme CRM", "--descriptor", str(good)])
    assert added.exit_code == 0, added.output
    assert str(database) not in added.output and str(database) not in Connection.objects.get().secret

    checked = runner.invoke(app, ["connectors", "check", "crm"])
    assert checked.exit_code == 0 and "crm: 5 tables and 17 fields found as described." in checked.output

    runner.invoke(app, ["connectors", "add", "crm-bad", "--system", "Acme CRM", "--descriptor", str(bad)])
    broken = runner.invoke(app, ["connectors", "check", "crm-bad"])
    assert broken.exit_code == 1 and "crm-bad.yaml, line 29, tables[3].fields[2].name" in broken.output

    listed = runner.invoke(app, ["connectors", "list"])
    assert "crm\tAcme CRM\tSQL database" in listed.output and "sqlite" not in listed.output


def test_discover_prints_a_draft_and_flags_what_the_register_omits(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    database = tmp_path / "crm.sqlite3"
    crm = Crm(create_engine(f"sqlite:///{database}"), "crm_")
    meta, tables = _schema(crm.prefix)
    meta.create_all(crm.engine)
    _fill(crm, tables)
    system = System.objects.create(name="Acme CRM")
    monkeypatch.setenv("PRIVACYDESK_CONNECTOR_ADDRESS", f"sqlite:///{database}")
    result = CliRunner().invoke(app, ["connectors", "discover", "--system", "Acme CRM", "--dataset", "crm"])
    assert result.exit_code == 0, result.output
    assert "identity: email" in result.stdout and "dataset: crm" in result.stdout
    assert "register: Acme CRM does not list 'contact' (found in crm_contacts.email)" in result.stderr
    from privacydesk.register.models import DataCategory

    system.data_categories.set(DataCategory.objects.filter(code="contact"))
    again = CliRunner().invoke(app, ["connectors", "discover", "--system", "Acme CRM"])
    assert "does not list 'contact'" not in again.stderr


def test_fixtures_make_three_systems_their_descriptors_match_and_nothing_is_overwritten(tmp_path: Path) -> None:
    from privacydesk.connectors import files, sql
    from privacydesk.connectors.descriptor import load

    runner = CliRunner()
    made = runner.invoke(app, ["connectors", "fixtures", str(tmp_path), "--people", "40"])
    assert made.exit_code == 0, made.output
    assert "crm: 5 accounts, 40 contacts" in made.output and "accounting: 40 customers" in made.output
    for name in ("crm", "helpdesk"):
        descriptor = load((tmp_path / f"{name}.yaml").read_text(), f"{name}.yaml")
        engine = create_engine(f"sqlite:///{tmp_path / f'{name}.sqlite3'}")
        assert set(sql.check(descriptor, engine)) == {t.name for t in descriptor.doc.tables}
        engine.dispose()
    accounting = load((tmp_path / "accounting.yaml").read_text(), "accounting.yaml")
    files.check(accounting, tmp_path / "exports")

    again = runner.invoke(app, ["connectors", "fixtures", str(tmp_path), "--people", "40"])
    assert again.exit_code == 1
    assert "--crm: tables already there: accounts, contacts, emails, notes" in again.output
    replaced = runner.invoke(app, ["connectors", "fixtures", str(tmp_path), "--people", "10", "--replace"])
    assert replaced.exit_code == 0 and "crm: 1 accounts, 10 contacts" in replaced.output
