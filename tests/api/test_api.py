"""The HTTP API through the real stack: token auth, validation messages, audited reads."""

from __future__ import annotations

import pytest
from django.test import Client

from privacydesk.accounts.models import ApiToken
from privacydesk.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def headers(make_staff) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(make_staff("privacy_officer"), "crm-sync")
    return {"Authorization": f"Bearer {raw}"}


def test_create_then_find_by_other_form(client: Client, headers: dict[str, str]) -> None:
    created = client.post(
        "/api/v1/people/",
        {
            "name": "Mere Kingi",
            "jurisdiction": "NZ",
            "country": "NZ",
            "identities": [
                {"kind": "phone", "value": "021 123 4567"},
                {"kind": "email", "value": "Mere@Example.co.nz"},
            ],
        },
        content_type="application/json",
        headers=headers,
    )
    assert created.status_code == 201, created.content
    found = client.get("/api/v1/people/?q=%2B64211234567", headers=headers).json()
    assert [p["name"] for p in found] == ["Mere Kingi"]
    person_id = found[0]["id"]
    one = client.get(f"/api/v1/people/{person_id}?reason=crm%20sync", headers=headers)
    assert one.status_code == 200
    entry = AuditEntry.objects.filter(action="view", object_id=str(person_id)).get()
    assert entry.actor == "api:crm-sync" and entry.reason == "crm sync"


def test_invalid_identity_is_422_naming_the_field(client: Client, headers: dict[str, str]) -> None:
    response = client.post(
        "/api/v1/people/",
        {"name": "X", "identities": [{"kind": "email", "value": "not-an-email"}]},
        content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 422
    assert response.json()["detail"][0]["field"] == "identities[0]"


def test_bad_or_expired_token_is_401(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    assert client.get("/api/v1/register/systems", headers={"Authorization": "Bearer pd_wrong"}).status_code == 401
    token, raw = ApiToken.issue(make_staff("auditor"), "old", expires_at=timezone.now() - timedelta(days=1))
    assert client.get("/api/v1/register/systems", headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert token.digest != raw and raw not in token.digest, "only the hash is stored"


def test_session_needs_csrf_for_writes(make_staff) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    client = sign_in(Client(enforce_csrf_checks=True), make_staff("privacy_officer"))
    assert client.get("/api/v1/register/systems").status_code == 200
    assert client.post("/api/v1/people/", {"name": "Y"}, content_type="application/json").status_code in {401, 403}
