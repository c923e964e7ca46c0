"""Signed links: they cannot be forged, reused after rotation, used for another person, or used once
expired; the preference centre changes everything at once; the check API refuses bad tokens."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from privacydesk.accounts.models import ApiToken
from privacydesk.consent import links, services
from privacydesk.consent.models import ConsentEvent
from privacydesk.people.models import Person
from tests.consent.conftest import channel, person


def _path(url: str) -> str:
    return "/" + url.split("://", 1)[1].split("/", 1)[1]


def test_the_preference_centre_changes_everything_at_once(client: Client, mia: Person, programs) -> None:  # type: ignore[no-untyped-def]
    url = _path(links.preferences_url(mia))
    page = client.get(url).content.decode()
    assert "Newsletter" in page and "Emergency alerts" in page
    newsletter, service = programs["newsletter"], programs["service"]
    ticked = {f"p{newsletter.pk}-c{channel('sms').pk}": "on", f"p{service.pk}-c{channel('email').pk}": "on"}
    saved = client.post(url, ticked)
    assert saved.status_code == 200 and "Saved. Your choices apply now." in saved.content.decode()
    now = {(r.program.code, r.channel.code): r.receives for r in services.preferences(mia)}
    assert now[("newsletter", "sms")] and now[("service", "email")]
    assert not now[("service", "post")] and not now[("promotions", "email")]
    events = ConsentEvent.objects.filter(person=mia)
    assert {e.method for e in events} == {"preference_centre"}
    assert all("preference centre" in e.notice_text for e in events)
    client.post(url, {"nothing": "1"})
    assert not any(r.receives for r in services.preferences(mia))


def test_a_link_is_for_one_person_and_dies_on_rotation(client: Client, mia: Person, programs) -> None:  # type: ignore[no-untyped-def]
    other = person("Oliver Smith", "oliver@example.com.au")
    mine = links.preferences_token(mia)
    forged = mine.replace(":", ":x", 1)
    assert client.get(f"/privacy/preferences/{forged}/").status_code == 404
    # Another purpose's token for the same person does not open the preferences.
    unsubscribe = links.unsubscribe_token(mia, programs["newsletter"], channel("email"))
    assert client.get(f"/privacy/preferences/{unsubscribe}/").status_code == 404
    # Each person's link opens only their own page.
    assert "Mia" not in client.get(_path(links.preferences_url(other))).content.decode()
    links.rotate(mia)
    response = client.get(f"/privacy/preferences/{mine}/")
    assert response.status_code == 404 and "no longer valid" in response.content.decode()
    assert client.post(f"/privacy/preferences/{mine}/", {"nothing": "1"}).status_code == 404
    assert not ConsentEvent.objects.exists()


def test_an_expired_link_says_so(client: Client, mia: Person, programs, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    token = links.preferences_token(mia)
    monkeypatch.setattr(links, "MAX_AGE", timedelta(seconds=-1))
    response = client.get(f"/privacy/preferences/{token}/")
    assert response.status_code == 410 and "expired" in response.content.decode()


def test_unsubscribe_get_changes_nothing_post_does(client: Client, mia: Person, programs) -> None:  # type: ignore[no-untyped-def]
    services.record(mia, services.Choice(programs["newsletter"], channel("email"), True), "web_form")
    url = _path(links.unsubscribe_url(mia, programs["newsletter"], channel("email")))
    page = client.get(url)
    assert page.status_code == 200 and "Stop newsletter by email?" in page.content.decode()
    assert services.check_person(mia, programs["newsletter"], channel("email")).allowed, "a GET must not unsubscribe"
    done = client.post(url)
    assert "You are unsubscribed" in done.content.decode()
    assert services.check_person(mia, programs["newsletter"], channel("email")).code == "withdrawn"
    assert ConsentEvent.objects.filter(person=mia).last().method == "unsubscribe_page"  # type: ignore[union-attr]


def test_markup_in_a_program_name_is_shown_as_text(client: Client, mia: Person, programs) -> None:  # type: ignore[no-untyped-def]
    programs["service"].name = "<script>alert(1)</script>"
    programs["service"].save()
    page = client.get(_path(links.preferences_url(mia))).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


@pytest.mark.parametrize("problem", ["missing", "revoked", "out_of_scope", "expired"])
def test_the_check_api_refuses_bad_tokens(client: Client, mia: Person, programs, make_staff, problem: str) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("staff", "crm")
    scopes = ["people:read"] if problem == "out_of_scope" else ["consent:check"]
    token, raw = ApiToken.issue(user, "crm", scopes=scopes)
    if problem == "revoked":
        token.revoked_at = timezone.now()
        token.save()
    if problem == "expired":
        token.expires_at = timezone.now() - timedelta(minutes=1)
        token.save()
    headers = {} if problem == "missing" else {"Authorization": f"Bearer {raw}"}
    response = client.get("/api/v1/consent/check?program=service&email=mia.nguyen@example.com.au", headers=headers)
    if problem == "out_of_scope":
        assert response.status_code == 403 and "consent.check_consent" in response.json()["detail"]
    else:
        assert response.status_code == 401
    _, raw_good = ApiToken.issue(user, "crm-good", scopes=["consent:check"])
    ok = client.get(
        "/api/v1/consent/check?program=service&email=mia.nguyen@example.com.au",
        headers={"Authorization": f"Bearer {raw_good}"},
    )
    assert ok.status_code == 200 and ok.json()["allowed"] is True


def test_a_scope_never_grants_more_than_the_roles(client: Client, mia: Person, programs, make_staff) -> None:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(make_staff("auditor", "reader"), "reader", scopes=["consent:record"])
    response = client.post(
        "/api/v1/consent/events",
        {"email": "mia.nguyen@example.com.au", "program": "newsletter", "action": "grant"},
        content_type="application/json",
        headers={"Authorization": f"Bearer {raw}"},
    )
    assert response.status_code == 403 and "lacks the permission consent.add_consentevent" in response.json()["detail"]


def test_filter_json_and_errors(client: Client, mia: Person, programs, make_staff) -> None:  # type: ignore[no-untyped-def]
    _, raw = ApiToken.issue(make_staff("staff", "mailer"), "mailer", scopes=["consent:check"])
    headers = {"Authorization": f"Bearer {raw}"}
    body = {"program": "service", "addresses": ["MIA.NGUYEN@example.com.au", "x@", "nobody@example.org"]}
    result = client.post("/api/v1/consent/filter", body, content_type="application/json", headers=headers).json()
    assert result == {
        "allowed": ["MIA.NGUYEN@example.com.au"],
        "blocked": 2,
        "blocked_by_reason": {"invalid": 1, "unknown": 1},
    }
    wrong = client.post(
        "/api/v1/consent/filter", {**body, "program": "nope"}, content_type="application/json", headers=headers
    )
    assert wrong.status_code == 422 and wrong.json()["detail"][0]["field"] == "program"
    broken = client.post("/api/v1/consent/filter", "{not json", content_type="application/json", headers=headers)
    assert broken.status_code == 422 and broken.json()["detail"][0]["field"] == "body"


def test_staff_issue_a_scoped_token_and_revoke_it(officer_client: Client, mia: Person, programs, make_staff) -> None:  # type: ignore[no-untyped-def]
    service_account = make_staff("staff", "crm-sync")
    issued = officer_client.post(
        "/console/tokens/add/", {"name": "crm-sync", "user": service_account.pk, "scopes": ["consent:check"]}
    )
    assert issued.status_code == 200
    raw = re.search(r"(pd_[A-Za-z0-9_-]{20,})", issued.content.decode()).group(1)  # type: ignore[union-attr]
    token = ApiToken.objects.get(name="crm-sync")
    assert token.scopes == ["consent:check"] and token.digest != raw
    check = "/api/v1/consent/check?program=service&email=mia.nguyen@example.com.au"
    assert Client().get(check, headers={"Authorization": f"Bearer {raw}"}).status_code == 200
    people_api = Client().get(f"/api/v1/people/{mia.pk}", headers={"Authorization": f"Bearer {raw}"})
    assert people_api.status_code == 403
    listing = officer_client.get("/console/tokens/").content.decode()
    assert "consent:check" in listing
    officer_client.post(f"/console/tokens/{token.pk}/revoke/")
    assert Client().get(check, headers={"Authorization": f"Bearer {raw}"}).status_code == 401
    assert "Revoked" in officer_client.get("/console/tokens/").content.decode()


def test_ask_for_a_link_by_email(client: Client, mia: Person, programs, smtp_server) -> None:  # type: ignore[no-untyped-def]
    assert "Get a link by email" in client.get("/privacy/").content.decode()
    known = client.post("/privacy/preferences/", {"email": "MIA.NGUYEN@example.com.au"})
    unknown = client.post("/privacy/preferences/", {"email": "stranger@example.com"})
    assert known.content.decode().count("If we hold that address") == 1
    assert unknown.content == known.content, "the answer never reveals who is on our lists"
    [message] = smtp_server.messages
    assert message["To"] == "MIA.NGUYEN@example.com.au"
    url = re.search(r"(http://\S+/privacy/preferences/\S+/)", smtp_server.bodies[0]).group(1)  # type: ignore[union-attr]
    assert "Newsletter" in client.get(_path(url)).content.decode()
    for _ in range(3):
        client.post("/privacy/preferences/", {"email": "stranger@example.com"})
    limited = client.post("/privacy/preferences/", {"email": "stranger@example.com"})
    assert limited.status_code == 429
    bad = client.post("/privacy/preferences/", {"email": "<script>"})
    assert bad.status_code == 400 and "<script>" not in bad.content.decode()
