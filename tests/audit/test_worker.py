"""A queued verification is picked up and run by the database-backed worker."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from typer.testing import CliRunner

from privacydesk.audit import chain
from privacydesk.audit.models import AuditEntry
from privacydesk.cli import app

pytestmark = pytest.mark.django_db(transaction=True)


def test_enqueued_verification_runs_in_the_worker() -> None:
    from django_tasks_db.models import DBTaskResult

    chain.append("create", "people.person", 1)
    queued = CliRunner().invoke(app, ["audit", "verify", "--enqueue"])
    assert queued.exit_code == 0 and "Queued" in queued.output
    assert DBTaskResult.objects.filter(status="READY").count() == 1
    call_command("db_worker", "--batch", "--no-startup-delay")
    done = DBTaskResult.objects.get()
    assert done.status == "SUCCESSFUL", done.status
    assert done.return_value == {"ok": True, "checked": 1, "problem": ""}
    entry = AuditEntry.objects.filter(action="verify").get()
    assert entry.actor == "worker" and entry.data == {"ok": True, "checked": 1}
