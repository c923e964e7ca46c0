"""The scanner through the web application: ``POST /api/v1/scan`` with a scoped token, its field-named
422s, and the console page staff paste a ticket into."""

from __future__ import annotations

import pytest
from django.test import Client

from privacydesk.accounts.models import ApiToken
from tests.conftest import sign_in

TICKET = "Hi Aroha, card 4111 1111 1111 1111 exp 12/28, TFN 123 456 782. Regards, Tom"


def _api(client: Client, token: str, body: dict[str, object]):  # type: ignore[no-untyped-def]
    return client.post(
        "/api/v1/scan", data=body, content_type="application/json", headers={"Authorization": f"Bearer {token}"}
    )


def test_a_helpdesk_token_scans_and_redacts_a_ticket(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    _, token = ApiToken.issue(make_staff("staff", "helpdesk"), "helpdesk", scopes=["scan"])
    response = _api(client, token, {"text": TICKET, "redact": True})
    assert response.status_code == 200, response.content
    body = response.json()
    assert [(e["type"], e["text"]) for e in body["entities"]] == [
        ("PERSON", "Aroha"),
        ("CREDIT_CARD", "4111 1111 1111 1111"),
        ("AU_TFN", "123 456 782"),
        ("PERSON", "Tom"),
    ]
    assert body["redacted"] == "Hi [PERSON], card **** **** **** 1111 exp 12/28, TFN [AU_TFN]. Regards, [PERSON]"
    for r in body["redactions"]:
        assert body["redacted"][r["start"] : r["end"]] in {"**** **** **** 1111", "[AU_TFN]", "[PERSON]"}
    only_tfn = _api(client, token, {"text": TICKET, "entities": ["AU_TFN"]}).json()
    assert [e["type"] for e in only_tfn["entities"]] == ["AU_TFN"] and only_tfn["redacted"] is None


@pytest.mark.parametrize(
    ("body", "field", "message"),
    [
        ({"text": "x", "entities": ["TFN"]}, "entities", "unknown type(s) TFN"),
        ({"text": "x", "min_score": 2}, "min_score", "between 0 and 1"),
        ({"text": "x", "redact": True, "policy": {"AU_TFN": "blur"}}, "policy.AU_TFN", "unknown policy 'blur'"),
        ({"text": "x", "redact": True, "default": "hash"}, "policy", "PRIVACYDESK_REDACTION_KEY"),
        ({"text": "x" * 1_000_001}, "text", "at most 1,000,000"),
    ],
)
def test_bad_requests_name_the_field(client: Client, make_staff, body, field: str, message: str) -> None:  # type: ignore[no-untyped-def]
    _, token = ApiToken.issue(make_staff("staff", "helpdesk"), "helpdesk", scopes=["scan"])
    response = _api(client, token, body)
    assert response.status_code == 422
    assert any(d["field"] == field and message in d["message"] for d in response.json()["detail"]), response.json()


def test_a_token_without_the_scan_scope_is_refused(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    _, token = ApiToken.issue(make_staff("staff", "crm"), "crm", scopes=["consent:check"])
    response = _api(client, token, {"text": TICKET})
    assert response.status_code == 403 and "scanning.scan_text" in response.json()["detail"]


def test_hash_redaction_with_the_servers_key(client: Client, make_staff, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("PRIVACYDESK_REDACTION_KEY", "a-key-from-the-environment")
    _, token = ApiToken.issue(make_staff("staff", "helpdesk"), "helpdesk", scopes=["scan"])
    first = _api(client, token, {"text": "TFN 123 456 782", "redact": True, "policy": {"AU_TFN": "hash"}}).json()
    second = _api(client, token, {"text": "TFN 123-456-782", "redact": True, "policy": {"AU_TFN": "hash"}}).json()
    assert first["redacted"] == second["redacted"] and first["redacted"].startswith("TFN [AU_TFN:")


def test_the_console_page_marks_findings_and_offers_a_redacted_copy(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, make_staff("staff"))
    page = client.get("/console/scan/")
    assert page.status_code == 200 and b"Scan text for personal information" in page.content
    response = client.post(
        "/console/scan/", {"text": TICKET, "card_policy": "last4", "default": "type", "min_score": "0.4"}
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Found 4 items" in html
    assert '<mark title="AU_TFN">123 456 782</mark>' in html
    assert "Hi [PERSON], card **** **** **** 1111 exp 12/28, TFN [AU_TFN]. Regards, [PERSON]" in html
    bad = client.post("/console/scan/", {"text": "", "card_policy": "last4", "default": "type", "min_score": "3"})
    assert bad.status_code == 422
    assert "This field is required." in bad.content.decode()
    assert "Ensure this value is less than or equal to 1." in bad.content.decode()


def test_an_auditor_has_no_scanner(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    sign_in(client, make_staff("auditor"))
    assert client.get("/console/scan/").status_code == 403
