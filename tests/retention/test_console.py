"""Retention in the console: the privacy officer places a hold (an unknown address named by its line),
records custody with evidence, proposes and approves a disposal run, and reads the certificate."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from django.test import Client

from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import SubjectType, System
from privacydesk.retention import disposal
from privacydesk.retention.models import DisposalRun, LegalHold
from tests.conftest import pdf_text


def _applicant(name: str, email: str) -> Person:
    person = people.create_person(
        name=name,
        jurisdiction="AU",
        subject_type=SubjectType.objects.get(code="job_applicant"),
        relationship_ended_on=date(2025, 1, 10),
        identities=[people.IdentityInput("email", email)],
    )
    Person.objects.filter(pk=person.pk).update(created_at=datetime(2024, 11, 1, tzinfo=UTC))
    return person


def test_holds_and_a_disposal_run_from_the_console(
    demo_register: None, officer_client: Client, settings: Any, tmp_path: Path
) -> None:
    settings.VAR_DIR = tmp_path
    kept = _applicant("Liam Walker", "liam.walker@example.com.au")
    gone = _applicant("Chloe Nguyen", "chloe.nguyen@example.com.au")
    page = officer_client.post(
        "/console/retention/holds/add/",
        {"title": "Walker v SCMIT", "kind": "litigation", "reason": "Solicitor's letter of 3 Nov.",
         "people": "liam.walker@example.com.au\nnobody@example.com.au"},
    )  # fmt: skip
    assert page.status_code == 400
    assert (
        "Line 2: nobody in privacydesk has the email address &#x27;nobody@example.com.au&#x27;."
        in page.content.decode()
    )
    response = officer_client.post(
        "/console/retention/holds/add/",
        {"title": "Walker v SCMIT", "kind": "litigation", "reason": "Solicitor's letter of 3 Nov.",
         "people": "Liam.Walker@example.com.au", "systems": [System.objects.get(name="Microsoft 365").pk]},
    )  # fmt: skip
    hold = LegalHold.objects.get()
    assert response.status_code == 302 and list(hold.people.all()) == [kept]
    evidence = io.BytesIO(b"Mailbox export manifest\n")
    evidence.name = "manifest.txt"
    officer_client.post(
        f"/console/retention/holds/{hold.pk}/",
        {"action": "evidence", "note": "Mailbox export taken", "evidence": evidence},
    )
    shown = officer_client.get(f"/console/retention/holds/{hold.pk}/").content.decode()
    assert "Evidence taken into custody" in shown and "manifest.txt" in shown

    officer_client.post("/console/retention/runs/propose/")
    run = DisposalRun.objects.get()
    listing = officer_client.get(f"/console/retention/runs/{run.pk}/").content.decode()
    assert "Chloe Nguyen" in listing and "Liam Walker" in listing and "Walker v SCMIT" in listing
    officer_client.post(f"/console/retention/runs/{run.pk}/approve/")
    disposal.execute(DisposalRun.objects.get(pk=run.pk))  # what the queued task does
    assert Person.objects.get(pk=gone.pk).name.startswith("Erased person")
    assert Person.objects.get(pk=kept.pk).name == "Liam Walker"
    certificate = officer_client.get(f"/console/retention/runs/{run.pk}/certificate/").content.decode()
    assert "Certificate of disposal" in certificate and "Unsuccessful applications" in certificate
    assert DisposalRun.objects.get(pk=run.pk).report["certificate"]["digest"] in certificate
    document = officer_client.get(f"/console/retention/runs/{run.pk}/certificate.pdf")
    if document["Content-Type"] == "application/pdf":
        assert "Certificate of disposal" in pdf_text(document.content)
    dashboard = officer_client.get("/console/").content.decode()
    assert "1 legal hold in force" in dashboard
