"""Legal holds: placed with a reason, released once, evidence taken into custody encrypted with its
hash, every handling a link in the chain; while a hold lasts, neither an erasure request nor an
erasure in a connected system touches what it covers."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from sqlalchemy import create_engine, text

from privacydesk.connectors import fixtures, services
from privacydesk.connectors.models import Job
from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import System
from privacydesk.retention import holds
from privacydesk.retention.models import CustodyEvent
from privacydesk.rights import services as rights

pytestmark = pytest.mark.django_db
EMAIL = "aroha.ngata@example.co.nz"


def _person() -> Person:
    return people.create_person(
        name="Aroha Ngata", jurisdiction="NZ", identities=[people.IdentityInput("email", EMAIL)]
    )


def test_a_hold_keeps_its_chain_of_custody(settings: Any, tmp_path: Path) -> None:
    settings.VAR_DIR = tmp_path
    with pytest.raises(ValidationError, match="Name at least one person, system or data category"):
        holds.place("Empty", "litigation", "Nothing named.")
    hold = holds.place(
        "Ransomware 2026-11",
        "forensic",
        "Disk images of the file server.",
        systems=[System.objects.create(name="File server")],
    )
    image = b"forensic image bytes " * 100
    event = holds.record_custody(
        hold, CustodyEvent.EVIDENCE, "Image of FS01 taken by the IR firm", ("fs01.txt", io.BytesIO(image), len(image))
    )
    assert event.sha256 == hashlib.sha256(image).hexdigest()
    assert b"forensic image" not in (tmp_path / "uploads" / event.stored_name).read_bytes()  # encrypted at rest
    assert holds.read_evidence(event) == image
    holds.record_custody(hold, CustodyEvent.TRANSFERRED, "Handed to Kiwi Forensics Ltd, receipt 4411")
    holds.release(hold, "Insurer closed the claim.")
    with pytest.raises(ValidationError, match="already been released"):
        holds.release(hold, "Again.")
    actions = list(hold.custody.values_list("action", flat=True))
    assert actions == ["placed", "evidence", "accessed", "transferred", "released"]


def test_an_erasure_request_from_a_held_person_cannot_be_fulfilled(make_staff: Any) -> None:
    person = _person()
    holds.place("Ngata v SCMIT", "litigation", "Keep everything about the claimant.", people=[person])
    request = rights.submit_verified(rights.Submission("erasure", "Aroha Ngata", EMAIL, country="NZ"), "Phone")
    officer = make_staff("privacy_officer")
    with pytest.raises(ValidationError, match=r"under a legal hold \(Ngata v SCMIT\)"):
        rights.decide(request, rights.DecisionInput("fulfilled", []), officer)
    assert Person.objects.get(pk=person.pk).name == "Aroha Ngata"


@pytest.mark.django_db(transaction=True)
def test_erasure_in_a_connected_system_leaves_a_held_system_alone(tmp_path: Path) -> None:
    address = f"sqlite:///{tmp_path / 'helpdesk.sqlite3'}"
    engine = create_engine(address)
    target = fixtures.Someone("Aroha Ngata", EMAIL, "+64212345678", "C1", "NZ")
    fixtures.build_helpdesk(engine, list(fixtures.population(30, target=target)))
    system = System.objects.create(name="Helpdesk")
    services.add_connection(system, "helpdesk", address, fixtures.descriptors()["helpdesk"])
    _person()
    request = rights.submit_verified(rights.Submission("erasure", "Aroha Ngata", EMAIL, country="NZ"), "Phone")
    holds.place("Breach 2026-11", "forensic", "Keep the helpdesk as it was.", systems=[system])
    services.start(request, Job.ERASURE_PLAN)
    services.run_due()
    job = services.start(request, Job.ERASURE)
    services.run_due()
    report = job.steps.get().result["report"]
    assert {c["action"] for c in report["changes"]} == {"held"}
    assert all(c["reason"] == "legal hold: Breach 2026-11" for c in report["changes"])
    with engine.connect() as c:
        assert c.execute(text("SELECT count(*) FROM contacts WHERE email = :e"), {"e": EMAIL}).scalar() == 1
