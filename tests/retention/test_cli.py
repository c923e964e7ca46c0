"""``privacydesk retention``: a dry run lists what is due and keeps nothing; a run waits for approval;
approving it with --now carries it out and prints the certificate's digest."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from privacydesk.cli import app
from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import SubjectType
from privacydesk.retention.models import DisposalRun

pytestmark = pytest.mark.django_db(transaction=True)


def test_dry_run_then_run_then_approve(demo_register: None) -> None:
    person = people.create_person(
        name="Mere Kingi",
        jurisdiction="NZ",
        subject_type=SubjectType.objects.get(code="job_applicant"),
        relationship_ended_on=date(2025, 2, 1),
    )
    Person.objects.filter(pk=person.pk).update(created_at=datetime(2024, 12, 1, tzinfo=UTC))
    runner = CliRunner()
    dry = runner.invoke(app, ["retention", "run", "--dry-run", "--as-of", "2026-11-24"])
    assert dry.exit_code == 0, dry.output
    assert "1  privacydesk: proposed (Unsuccessful applications: 6 months after application unsuccessful" in dry.output
    assert "Dry run: nothing was changed or kept." in dry.output and not DisposalRun.objects.exists()
    bad = runner.invoke(app, ["retention", "run", "--as-of", "24/11/2026"])
    assert bad.exit_code == 1 and "--as-of: '24/11/2026' is not a date" in bad.output

    proposed = runner.invoke(app, ["retention", "run", "--as-of", "2026-11-24"])
    run = DisposalRun.objects.get()
    assert f"Proposed as run {run.pk}" in proposed.output and Person.objects.get(pk=person.pk).name == "Mere Kingi"
    done = runner.invoke(app, ["retention", "approve", str(run.pk), "--now"])
    assert done.exit_code == 0, done.output
    assert "privacydesk: disposed of" in done.output and "Certificate digest" in done.output
    assert Person.objects.get(pk=person.pk).name.startswith("Erased person")
    again = runner.invoke(app, ["retention", "approve", str(run.pk)])
    assert again.exit_code == 1 and "Only a proposed run can be approved." in again.output
    assert runner.invoke(app, ["retention", "approve", "999"]).exit_code == 1
