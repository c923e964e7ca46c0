"""Requests through the API: a phone request logged by the helpdesk, then decided."""

from __future__ import annotations

import pytest
from django.core import mail
from django.test import Client

from privacydesk.accounts.models import ApiToken
from privacydesk.audit.models import AuditEntry
from privacydesk.rights.models import Request
from tests.conftest import pdf_text


@pytest.fixture
def headers(make_staff) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(make_staff("privacy_officer", "officer"), "helpdesk")
    return {"Authorization": f"Bearer {raw}"}


def test_log_a_phone_request_and_refuse_it_with_reasons(client: Client, headers: dict[str, str], demo_register) -> None:  # type: ignore[no-untyped-def]
    body = {
        "kind": "correction",
        "requester_name": "Aroha Parata",
        "requester_email": "aroha@example.co.nz",
        "country": "NZ",
        "received_at": "2026-11-02T09:00:00+13:00",
        "identity_checked_by": "Called back on the number on file",
    }
    created = client.post("/api/v1/requests/", body, content_type="application/json", headers=headers)
    assert created.status_code == 201, created.content
    made = created.json()
    assert made["status"] == "open" and made["jurisdiction"] == "nz"
    # Twenty NZ working days after Monday 2 November 2026.
    assert made["due_at"].startswith("2026-11-30") and "Privacy Act 2020 (NZ)" in made["due_citation"]
    assert [m.subject for m in mail.outbox] == [f"We have your privacy request {made['reference']}"]
    assert Request.objects.get().notes.get().text == "Identity confirmed by staff: Called back on the number on file"

    wrong = client.post(
        f"/api/v1/requests/{made['id']}/decide",
        {"outcome": "refused", "grounds": ["app12_3_c"]},
        content_type="application/json",
        headers=headers,
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "grounds"
    grounds = client.get("/api/v1/law/grounds?jurisdiction=nz&kind=correction", headers=headers).json()["grounds"]
    decided = client.post(
        f"/api/v1/requests/{made['id']}/decide",
        {"outcome": "refused", "grounds": [grounds[0]["code"]], "text": "The record is accurate."},
        content_type="application/json",
        headers=headers,
    )
    assert decided.status_code == 200 and decided.json()["outcome"] == "refused"
    letter = mail.outbox[-1].body
    assert grounds[0]["citation"] in letter and "Privacy Commissioner" in letter


def test_missing_identity_check_is_422(client: Client, headers: dict[str, str], demo_register) -> None:  # type: ignore[no-untyped-def]
    body = {"kind": "access", "requester_name": "X", "requester_email": "x@example.com", "identity_checked_by": " "}
    response = client.post("/api/v1/requests/", body, content_type="application/json", headers=headers)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "identity_checked_by"
    assert not Request.objects.exists()


def test_every_step_through_the_api_with_the_letters_as_pdf(  # type: ignore[no-untyped-def]
    client: Client, headers: dict[str, str], demo_register
) -> None:
    body = {
        "kind": "access",
        "requester_name": "Lena Vogel",
        "requester_email": "lena@example.de",
        "country": "DE",
        "received_at": "2026-11-02T09:00:00+01:00",
        "identity_checked_by": "Replied from the address on file",
    }
    made = client.post("/api/v1/requests/", body, content_type="application/json", headers=headers).json()
    url = f"/api/v1/requests/{made['id']}"

    def post(step: str, payload: dict[str, object]):  # type: ignore[no-untyped-def]
        return client.post(f"{url}/{step}", payload, content_type="application/json", headers=headers)

    nobody = post("assign", {"username": "not-a-user"})
    assert nobody.status_code == 422 and nobody.json()["detail"][0]["field"] == "username"
    assert post("assign", {"username": "officer"}).json()["assigned_to"] == "officer"
    statement = post("statement", {"text": "I want it changed"})
    assert statement.status_code == 422 and "refused correction" in statement.json()["detail"][0]["message"]

    extended = post("extend", {"reason": "Records are archived off site"})
    assert extended.status_code == 200, extended.content
    # GDPR Art 12(3): two further months, three in all from receipt on 2 November 2026.
    assert extended.json()["due_at"].startswith("2027-02-02")
    assert post("extend", {"reason": "Again"}).json()["detail"][0]["message"].startswith("This request has already")

    letters = client.get(f"{url}/letters", headers=headers).json()
    assert [letter["kind"] for letter in letters] == ["acknowledgement", "extension"]
    pdf_url = letters[-1]["pdf"]
    response = client.get(pdf_url, headers=headers)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    printed = pdf_text(response.content)
    assert "Dear Lena Vogel" in printed and "Records are archived off site" in printed and made["reference"] in printed
    views = AuditEntry.objects.filter(action="view", object_type="rights.request", object_id=str(made["id"]))
    assert {e.data["view"] for e in views} >= {"letters", "letter"}
    other = client.get(f"/api/v1/requests/{made['id'] + 1}/letters/{letters[-1]['id']}/pdf", headers=headers)
    assert other.status_code == 404, "a letter is only found under its own request"
