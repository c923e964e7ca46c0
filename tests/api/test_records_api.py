"""Accountability records through the HTTP API: what another system posts and what it is told back."""

from __future__ import annotations

import pytest
from django.test import Client

from privacydesk.accountability.models import (
    ClientAccess,
    ClientOrganisation,
    ClientSystem,
    CollectionPoint,
    Disclosure,
)
from privacydesk.accounts.models import ApiToken
from privacydesk.people import services as people
from privacydesk.people.models import Person


@pytest.fixture
def headers(make_staff) -> dict[str, str]:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(make_staff("privacy_officer", "officer"), "crm-sync")
    return {"Authorization": f"Bearer {raw}"}


@pytest.fixture
def person(demo_register: None) -> Person:
    return people.create_person(
        name="Lachlan Hughes", jurisdiction="AU", identities=[people.IdentityInput("email", "lachlan@example.com.au")]
    )


def _post(client: Client, path: str, body: dict, headers: dict[str, str]):  # type: ignore[no-untyped-def,type-arg]
    return client.post(path, body, content_type="application/json", headers=headers)


def test_a_disclosure_the_law_engine_rejects_is_refused_with_the_reason(
    client: Client, headers: dict[str, str], person: Person
) -> None:
    body = {
        "person_id": person.pk,
        "recipient": "Email-marketing vendor",
        "categories": ["contact"],
        "purpose": "Marketing our services",
        "reason": "Add to the partner's promotions list",
        "disclosed_at": "2026-11-02T09:00:00+11:00",
        "facts": {"collection_purpose": "Delivering managed IT services"},
    }
    response = _post(client, "/api/v1/records/disclosures/", body, headers)
    assert response.status_code == 422, response.content
    payload = response.json()
    assert payload["decision"]["outcome"] in {"needs_consent", "not_allowed"}
    messages = [d["message"] for d in payload["detail"] if d["field"] == "basis"]
    assert any("APP 6" in m for m in messages) and any("APP 8" in m for m in messages)
    assert not Disclosure.objects.exists()

    # The same disclosure with the person's express consent, told of the overseas risk, is allowed.
    body["facts"]["consent"] = {"given": True, "express": True, "informed_of_overseas_risk": True}
    response = _post(client, "/api/v1/records/disclosures/", body, headers)
    assert response.status_code == 201, response.content
    assert response.json()["overseas"] is True and response.json()["country"] == "US"


def test_unknown_register_names_are_422_naming_the_field(
    client: Client, headers: dict[str, str], person: Person
) -> None:
    body = {
        "person_id": person.pk,
        "recipient": "Nobody Pty Ltd",
        "categories": ["contact", "shoe_size"],
        "reason": "x",
        "disclosed_at": "2026-11-02T09:00:00+11:00",
    }
    response = _post(client, "/api/v1/records/disclosures/", body, headers)
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["field"] == "recipient" and "Nobody Pty Ltd" in error["message"]
    body["recipient"] = "External accountant"
    [error] = _post(client, "/api/v1/records/disclosures/", body, headers).json()["detail"]
    assert error == {"field": "categories[1]", "message": "No data category with code 'shoe_size' in the register."}


def test_correction_recipients_and_sources_through_the_api(
    client: Client, headers: dict[str, str], person: Person
) -> None:
    body = {
        "person_id": person.pk,
        "recipient": "External accountant",
        "categories": ["billing"],
        "purpose": "Billing and collecting payment",
        "reason": "Reconciliation",
        "disclosed_at": "2026-11-02T09:00:00+11:00",
        "facts": {"collection_purpose": "Billing and collecting payment"},
    }
    assert _post(client, "/api/v1/records/disclosures/", body, headers).status_code == 201
    url = f"/api/v1/records/disclosures/correction-recipients?person_id={person.pk}&categories=card"
    [found] = client.get(url, headers=headers).json()
    assert found["recipient"] == "External accountant" and found["categories"] == ["billing"]
    url = f"/api/v1/records/disclosures/correction-recipients?person_id={person.pk}&categories=contact"
    assert client.get(url, headers=headers).json() == []

    CollectionPoint.objects.create(name="Referral", kind="referral", indirect=True)
    body = {"person_id": person.pk, "point": "Referral", "collected_at": "2026-10-02T10:00:00+10:00", "source": "Acme"}
    created = _post(client, "/api/v1/records/collection/", body, headers)
    assert created.status_code == 201, created.content
    assert created.json()["notice_status"] == "pending" and created.json()["notice_due"].startswith("2026-10-19")
    answer = client.get(f"/api/v1/people/{person.pk}/sources", headers=headers).json()
    assert "Referral from another business, from Acme" in answer["statement"]
    package = client.get(f"/api/v1/people/{person.pk}/package", headers=headers).json()
    assert [d["recipient"] for d in package["disclosures"]] == ["External accountant"]


def test_the_helpdesk_logs_access_and_the_client_gets_a_report(
    client: Client, headers: dict[str, str], make_staff
) -> None:  # type: ignore[no-untyped-def]
    make_staff("staff", "tech")
    practice = ClientOrganisation.objects.create(name="Harbourside Medical")
    ClientSystem.objects.create(client=practice, name="Patient records", holds_sensitive=True)
    body = {
        "client": "Harbourside Medical",
        "system": "Patient records",
        "staff": "tech@example.com.au",
        "accessed_at": "2026-11-02T09:00:00+11:00",
        "ticket": "T-77",
        "reason": "Restore a deleted letter",
    }
    assert _post(client, "/api/v1/records/provider-access/", body, headers).status_code == 201
    wrong = _post(client, "/api/v1/records/provider-access/", {**body, "system": "Billing"}, headers)
    assert wrong.status_code == 422
    assert wrong.json()["detail"][0] == {
        "field": "system",
        "message": "Harbourside Medical has no system 'Billing'; known: Patient records.",
    }
    assert ClientAccess.objects.count() == 1
    url = "/api/v1/records/provider-access/report?client=Harbourside+Medical&since=2026-11-01&until=2026-12-01"
    report = client.get(url, headers=headers).json()
    assert report["total"] == 1 and report["by_staff"] == {"tech": 1}
    assert report["accesses"][0]["ticket"] == "T-77"


def test_notice_check_endpoint(client: Client, headers: dict[str, str]) -> None:
    body = {"jurisdictions": ["nz"], "document": "indirect_collection_notice", "on": "2026-05-01", "sections": {}}
    result = _post(client, "/api/v1/law/notice-check", body, headers).json()
    assert result["complete"] is False and len(result["missing"]) == 5
    bad = _post(client, "/api/v1/law/notice-check", {**body, "sections": {"whatever": "x"}}, headers)
    assert bad.status_code == 422 and "unknown notice section 'whatever'" in bad.json()["detail"]


def test_malformed_facts_are_422_not_500(client: Client, headers: dict[str, str], person: Person) -> None:
    body = {
        "person_id": person.pk,
        "recipient": "External accountant",
        "categories": ["billing"],
        "reason": "x",
        "disclosed_at": "2026-11-02T09:00:00",
        "facts": {"gdpr_basis": "vibes", "exception": "because"},
    }
    response = _post(client, "/api/v1/records/disclosures/", body, headers)
    assert response.status_code == 422
    assert "gdpr_basis" in str(response.json()["detail"])
    body["facts"] = {"exception": "because"}
    [error] = _post(client, "/api/v1/records/disclosures/", body, headers).json()["detail"]
    assert error["field"] == "disclosed_at" and "UTC offset" in error["message"]
    body["disclosed_at"] = "2026-11-02T09:00:00+11:00"
    [error] = _post(client, "/api/v1/records/disclosures/", body, headers).json()["detail"]
    assert error["field"] == "exception" and "accepted: related_and_expected" in error["message"]
