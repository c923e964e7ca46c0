"""The CLI: every command has --help; openapi prints the document; createstaff prints a password once."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from privacydesk.cli import app

COMMANDS = [
    ["migrate"],
    ["serve"],
    ["demo"],
    ["worker"],
    ["audit"],
    ["audit", "verify"],
    ["register"],
    ["register", "export"],
    ["register", "import"],
    ["createstaff"],
    ["openapi"],
    ["deadline"],
    ["decide"],
    ["token"],
    ["token", "create"],
    ["disclosures"],
    ["disclosures", "export"],
    ["notices"],
    ["notices", "due"],
    ["notices", "send"],
    ["requests"],
    ["requests", "remind"],
    ["agreements"],
    ["agreements", "check"],
    ["retention"],
    ["retention", "run"],
    ["retention", "approve"],
    ["breaches"],
    ["breaches", "send"],
    ["breaches", "bounce"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=" ".join)
def test_help(command: list[str]) -> None:
    result = CliRunner().invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.output


def test_console_script_is_installed() -> None:
    exe = subprocess.run([sys.executable, "-m", "privacydesk", "--help"], capture_output=True, text=True, check=False)
    assert exe.returncode == 0 and "audit" in exe.stdout and "register" in exe.stdout


@pytest.mark.django_db
def test_openapi_prints_the_document() -> None:
    result = CliRunner().invoke(app, ["openapi"])
    document = json.loads(result.output)
    assert document["info"]["title"] == "privacydesk"
    assert "/api/v1/people/" in document["paths"]


@pytest.mark.django_db
def test_createstaff_prints_a_password_and_rejects_unknown_roles() -> None:
    ok = CliRunner().invoke(app, ["createstaff", "robin", "--role", "auditor"])
    assert ok.exit_code == 0 and "robin: password " in ok.output
    bad = CliRunner().invoke(app, ["createstaff", "kai", "--role", "boss"])
    assert bad.exit_code == 1 and "Unknown role 'boss'" in bad.output


@pytest.mark.django_db
def test_demo_loads_people_and_register(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.VAR_DIR = tmp_path
    from privacydesk.audit import chain
    from privacydesk.people.models import Person
    from privacydesk.register.models import System

    result = CliRunner().invoke(app, ["demo", "--people", "120"])
    assert result.exit_code == 0, result.output
    assert "username: officer" in result.output and "password: " in result.output
    assert Person.objects.count() == 120 and System.objects.count() == 10
    assert {"AU", "NZ"} <= set(Person.objects.values_list("jurisdiction", flat=True))
    assert chain.verify().ok
    from privacydesk.consent.models import ConsentEvent, ConsentState, Program
    from privacydesk.consent.services import pending_propagations, rebuild_state

    assert Program.objects.count() == 7 and ConsentEvent.objects.filter(method="web_form").exists()
    state = set(ConsentState.objects.values_list("person_id", "program_id", "channel_id", "granted"))
    rebuild_state()
    assert set(ConsentState.objects.values_list("person_id", "program_id", "channel_id", "granted")) == state
    assert all(p.due_at is not None for p in pending_propagations())
    again = CliRunner().invoke(app, ["demo", "--if-empty"])
    assert "already loaded" in again.output and Person.objects.count() == 120

    # its connected systems hold its own people: a search for one finds their rows in each
    from privacydesk.connectors import services as connectors
    from privacydesk.connectors.models import Connection, Job, Step
    from privacydesk.rights import services as rights

    assert set(Connection.objects.values_list("name", flat=True)) == {
        "crm", "helpdesk", "accounting exports", "offline backups"
    }  # fmt: skip
    person = Person.objects.filter(systems__name="CRM").filter(systems__name="Helpdesk (PSA)").first()
    assert person is not None
    email = person.identities.get(kind="email").value
    request = rights.submit_verified(
        rights.Submission("access", person.name, email, country=str(person.country)), "Phone"
    )
    job = connectors.start(request, Job.ACCESS)
    connectors.run_due()
    steps = {s.connection.name: s for s in job.steps.all()}
    assert steps["crm"].status == steps["helpdesk"].status == Step.SUCCEEDED
    assert len(steps["crm"].result["rows"]["contacts"]) == len(steps["helpdesk"].result["rows"]["contacts"]) == 1


def test_a_database_not_yet_migrated_gets_a_clear_message(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An upgrade run before `privacydesk migrate`: say so, exit 2, no traceback."""
    env = {**os.environ, "PRIVACYDESK_VAR_DIR": str(tmp_path), "DJANGO_SETTINGS_MODULE": "privacydesk.settings"}
    env.pop("DATABASE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "privacydesk", "connectors", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 2, result.stderr
    assert "run `privacydesk migrate`" in result.stderr and "Traceback" not in result.stderr
