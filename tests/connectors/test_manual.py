"""A step in a system without a connector, done by hand: the assignee sees whom to search for (an
audited view), ticks every item of the checklist, says what was found and uploads evidence, which is
kept encrypted and, for a search, sent to the person in their access package."""

from __future__ import annotations

import hashlib
import io
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from django.test import Client

from privacydesk.audit.models import AuditEntry
from privacydesk.connectors import services
from privacydesk.connectors.models import Connection, Evidence, Job, Step
from privacydesk.people import services as people
from privacydesk.register.models import System
from privacydesk.rights import services as rights
from privacydesk.rights.package import build_zip
from tests.conftest import sign_in

EMAIL = "mere.tamihana@example.co.nz"
EXPORT = b"id,name,email\n17,Mere Tamihana,mere.tamihana@example.co.nz\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


@pytest.fixture
def setup(db: None, settings: Any, tmp_path: Path, make_staff: Callable[..., Any]) -> dict[str, Any]:
    settings.VAR_DIR = tmp_path
    tech = make_staff("staff", "tech")
    other = make_staff("staff", "other-tech")
    Connection.objects.create(
        system=System.objects.create(name="Legacy billing"),
        name="legacy billing",
        kind=Connection.MANUAL,
        assignee=tech,
        checklist="Search the customer screen by email\nExport the customer's invoices",
    )
    people.create_person(name="Mere Tamihana", jurisdiction="NZ", identities=[people.IdentityInput("email", EMAIL)])
    request = rights.submit_verified(rights.Submission("access", "Mere Tamihana", EMAIL, country="NZ"), "Phone")
    step = services.start(request, Job.ACCESS).steps.get()
    return {"tech": tech, "other": other, "request": request, "step": step}


def _post(client: Client, step: Step, **fields: Any) -> Any:
    data = {
        "checked": ["Search the customer screen by email", "Export the customer's invoices"],
        "note": "Found one customer record and two invoices; exported both.",
        "for_requester": "on",
        "evidence": [_file("invoices.csv", EXPORT), _file("screen.png", PNG)],
        **fields,
    }
    return client.post(f"/console/steps/{step.pk}/", data)


def _file(name: str, content: bytes) -> io.BytesIO:
    handle = io.BytesIO(content)
    handle.name = name
    return handle


def test_the_assignee_finds_the_task_sees_whom_to_search_for_and_the_view_is_audited(
    setup: dict[str, Any], client: Client
) -> None:
    step, request = setup["step"], setup["request"]
    assert step.status == Step.MANUAL and step.due is not None and step.due < request.due_at.date()
    sign_in(client, setup["tech"])
    listing = client.get("/console/steps/by-hand/").content.decode()
    assert "Legacy billing" in listing and request.reference in listing
    page = client.get(f"/console/steps/{step.pk}/").content.decode()
    assert EMAIL in page and "Export the customer&#x27;s invoices" in page
    viewed = AuditEntry.objects.filter(action="view", object_type="people.person", object_id=str(request.person_id))
    assert viewed.filter(reason="manual step in legacy billing").exists()


def test_every_checklist_item_a_note_and_evidence_are_needed_and_nothing_is_kept_until_all_are_there(
    setup: dict[str, Any], client: Client, tmp_path: Path
) -> None:
    step = setup["step"]
    sign_in(client, setup["tech"])
    response = _post(client, step, checked=["Search the customer screen by email"])
    assert response.status_code == 400
    assert "Not ticked yet: “Export the customer&#x27;s invoices”." in response.content.decode()
    response = _post(client, step, evidence=[])
    assert "Upload at least one file that shows the work" in response.content.decode()
    response = _post(client, step, evidence=[_file("notes.docx", b"PK\x03\x04\x00\x00binary\xff\xfe")])
    assert "notes.docx: upload a PDF, JPEG or PNG, or a text export (CSV, TXT)." in response.content.decode()
    response = _post(client, step, note=" ")
    assert response.status_code == 400
    step.refresh_from_db()
    assert step.status == Step.MANUAL and not Evidence.objects.exists()
    assert not any((tmp_path / "uploads").glob("*"))  # no file kept either


def test_done_by_hand_the_evidence_is_encrypted_and_the_export_goes_to_the_person(
    setup: dict[str, Any], client: Client, tmp_path: Path
) -> None:
    step, request = setup["step"], setup["request"]
    sign_in(client, setup["tech"])
    response = _post(client, step)
    assert response.status_code == 302
    step.refresh_from_db()
    assert step.status == Step.SUCCEEDED and step.result["manual"]["by"] == "tech"
    export = Evidence.objects.get(name="invoices.csv")
    assert export.sha256 == hashlib.sha256(EXPORT).hexdigest() and export.content_type == "text/plain"
    on_disk = (tmp_path / "uploads" / export.stored_name).read_bytes()
    assert b"Mere" not in on_disk and b"tamihana" not in on_disk  # encrypted at rest
    assert client.get(f"/console/evidence/{export.pk}/").content == EXPORT
    assert AuditEntry.objects.filter(
        action="view", object_type="connectors.evidence", object_id=str(export.pk)
    ).exists()
    archive = zipfile.ZipFile(io.BytesIO(build_zip(request.person, request)))
    assert archive.read(f"systems/Legacy_billing/export-{export.pk}-invoices.csv") == EXPORT
    assert "exported by our staff" in archive.read("summary.html").decode()
    again = _post(client, step)
    assert again.status_code == 400  # done once: the page no longer takes a second completion
    assert Evidence.objects.count() == 2


def test_only_the_assignee_or_someone_managing_requests_may_do_it_and_an_auditor_may_only_read(
    setup: dict[str, Any], client: Client, make_staff: Callable[..., Any]
) -> None:
    step, auditor = setup["step"], make_staff("auditor")
    sign_in(client, setup["other"])
    assert client.get(f"/console/steps/{step.pk}/").status_code == 403
    assert _post(client, step).status_code == 403
    assert "Legacy billing" not in client.get("/console/steps/by-hand/").content.decode()
    sign_in(client, auditor)
    assert client.get("/console/steps/by-hand/").status_code == 403
    assert _post(client, step).status_code == 403
    sign_in(client, make_staff("privacy_officer"))
    assert _post(client, step).status_code == 302
    sign_in(client, auditor)
    evidence = Evidence.objects.first()
    assert evidence is not None and client.get(f"/console/evidence/{evidence.pk}/").status_code == 200
