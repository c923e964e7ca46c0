"""The deadline through its faces: the CLI's --json and the HTTP API, with clear errors."""

from __future__ import annotations

import json

import pytest
from django.test import Client
from typer.testing import CliRunner

from privacydesk.cli import app


def test_cli_json() -> None:
    result = CliRunner().invoke(
        app,
        [
            "deadline",
            "--jurisdiction",
            "au",
            "--duty",
            "breach_assessment",
            "--start",
            "2026-11-25T10:00:00+11:00",
            "--subdivision",
            "NSW",
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["due"] == "2026-12-29T23:59:59+11:00"
    assert body["rule"] == "au.breach_assessment"
    assert "s 26WH(2)(b)" in body["citation"]
    assert "not a working day" in body["explanation"]


def test_cli_plain_text_for_people() -> None:
    result = CliRunner().invoke(
        app,
        [
            "deadline",
            "--jurisdiction",
            "nz",
            "--duty",
            "breach_notify_regulator",
            "--start",
            "2026-11-25T10:00:00+13:00",
        ],
    )
    assert result.exit_code == 0
    assert "Due: no fixed date" in result.output and "s 114(1)" in result.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--jurisdiction", "uk", "--duty", "access_response", "--start", "2026-11-25T10:00:00+00:00"],
            "accepted: au, nz, eu",
        ),
        (
            ["--jurisdiction", "au", "--duty", "access_response", "--start", "25/11/2026"],
            "not an ISO 8601 date and time",
        ),
        (["--jurisdiction", "au", "--duty", "access_response", "--start", "2026-11-25T10:00:00"], "has no time zone"),
    ],
)
def test_cli_errors_exit_2_with_the_accepted_values(args: list[str], message: str) -> None:
    result = CliRunner().invoke(app, ["deadline", *args])
    assert result.exit_code == 2
    assert message in result.output


@pytest.mark.django_db
def test_api_deadline(make_staff) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    client = sign_in(Client(), make_staff("staff"))
    ok = client.get(
        "/api/v1/law/deadline",
        {"jurisdiction": "eu", "duty": "access_response", "start": "2026-12-31T10:00:00+00:00", "subdivision": "IE"},
    )
    assert ok.status_code == 200
    assert ok.json()["due"] == "2027-02-02T23:59:59+00:00"
    bad = client.get(
        "/api/v1/law/deadline", {"jurisdiction": "eu", "duty": "dsar", "start": "2026-12-31T10:00:00+00:00"}
    )
    assert bad.status_code == 422 and "accepted: access_response" in bad.json()["detail"]
    naive = client.get(
        "/api/v1/law/deadline", {"jurisdiction": "eu", "duty": "access_response", "start": "2026-12-31T10:00:00"}
    )
    assert naive.status_code == 422 and "no time zone" in naive.json()["detail"]
    schema = client.get("/api/v1/openapi.json").json()
    assert "/api/v1/law/deadline" in schema["paths"]


@pytest.mark.django_db
def test_api_grounds(make_staff) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    client = sign_in(Client(), make_staff("staff"))
    body = client.get("/api/v1/law/grounds", {"jurisdiction": "nz", "kind": "correction"}).json()
    assert [g["code"] for g in body["grounds"]] == ["ipp7_not_corrected"]
    assert body["escalation"]["phone"] == "0800 803 909"
    bad = client.get("/api/v1/law/grounds", {"jurisdiction": "nz", "kind": "delete"})
    assert bad.status_code == 422 and "accepted: access, correction" in bad.json()["detail"]


DECISION_FACTS = {
    "regimes": ["au", "eu"],
    "collection_purpose": "Delivering managed IT services",
    "proposed_purpose": "Delivering managed IT services",
    "gdpr_basis": "contract",
    "action": "disclosure",
    "recipient": {"name": "Support partner", "country": "PH", "contract_requires_app_compliance": True},
    "on": "2026-11-23",
}


def test_cli_decide(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "facts.json"
    path.write_text(json.dumps(DECISION_FACTS))
    result = CliRunner().invoke(app, ["decide", "--json", str(path)])
    assert result.exit_code == 0, result.output
    body = json.loads(result.output)
    assert body["outcome"] == "not_allowed"
    assert body["regimes"][1]["decided_by"] == "transfer"
    path.write_text('{"regimes": ["au"], "colour": 1}')
    bad = CliRunner().invoke(app, ["decide", "--json", str(path)])
    assert bad.exit_code == 2 and "colour: unknown field; accepted: regimes" in bad.output
    path.write_text("{not json")
    broken = CliRunner().invoke(app, ["decide", "--json", str(path)])
    assert broken.exit_code == 2 and "not valid JSON (line 1, column 2)" in broken.output


@pytest.mark.django_db
def test_api_decide_is_audited(make_staff) -> None:  # type: ignore[no-untyped-def]
    from privacydesk.accounts.models import ApiToken
    from privacydesk.audit.models import AuditEntry

    _, raw = ApiToken.issue(make_staff("staff"), "crm-sync")
    client = Client()
    response = client.post(
        "/api/v1/law/decide",
        DECISION_FACTS,
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 200, response.content
    assert response.json()["outcome"] == "not_allowed"
    entry = AuditEntry.objects.get(action="decide")
    assert entry.actor == "api:crm-sync"
    assert entry.data["by_regime"] == {"au": ["allowed", "cross_border"], "eu": ["not_allowed", "transfer"]}
    assert "Support partner" not in json.dumps(entry.data), "the recipient's name is not copied into the log"
    invalid = client.post(
        "/api/v1/law/decide",
        {"regimes": ["xx"]},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert invalid.status_code == 422


@pytest.mark.django_db
def test_api_applies(make_staff) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    client = sign_in(Client(enforce_csrf_checks=False), make_staff("auditor"))
    body = client.post(
        "/api/v1/law/applies",
        {
            "operates_in_au": True,
            "annual_turnover_aud": 1_500_000,
            "exceptions": ["health_service"],
            "offers_to_eu": True,
            "person_country": "FR",
            "on": "2026-11-23",
        },
        content_type="application/json",
    ).json()
    assert [(r["code"], r["applies"]) for r in body] == [("au", True), ("nz", False), ("eu", True)]
    bad = client.post("/api/v1/law/applies", {"exceptions": ["charity"]}, content_type="application/json")
    assert bad.status_code == 422 and "accepted: health_service" in bad.json()["detail"]


def test_complaint_acknowledgement_follows_the_organisations_policy() -> None:
    args = [
        "deadline",
        "--jurisdiction",
        "nz",
        "--duty",
        "complaint_acknowledgement",
        "--start",
        "2026-07-03T10:00:00+12:00",
        "--json",
    ]
    default = json.loads(CliRunner().invoke(app, args).output)
    assert default["due"].startswith("2026-07-13"), "5 working days, Matariki skipped"
    two = json.loads(CliRunner().invoke(app, [*args, "--complaint-ack-days", "2"]).output)
    assert two["due"].startswith("2026-07-07") and "within 2 working days" in two["explanation"]
