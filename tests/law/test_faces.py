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
