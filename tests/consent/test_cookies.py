"""The cookie receipt endpoint without a browser: origins, GPC, bad bodies."""

from __future__ import annotations

import json

from django.test import Client

from privacydesk.consent.models import CookieReceipt, CookieSite


def _site() -> CookieSite:
    return CookieSite.objects.create(
        name="Harbour IT", origins=["https://www.harbourit.example.com.au"], analytics="Visits", marketing=""
    )


def test_receipts_only_from_the_sites_origins(db) -> None:  # type: ignore[no-untyped-def]
    site = _site()
    url = f"/privacy/cookies/{site.key}/receipt"
    body = json.dumps({"visitor": "abc123", "analytics": True, "marketing": True, "action": "accept_all"})
    foreign = Client().post(url, body, content_type="text/plain", headers={"Origin": "https://evil.example"})
    assert foreign.status_code == 403 and not CookieReceipt.objects.exists()
    ok = Client(enforce_csrf_checks=True).post(
        url, body, content_type="text/plain", headers={"Origin": "https://www.harbourit.example.com.au", "Sec-GPC": "1"}
    )
    assert ok.status_code == 201 and ok["Access-Control-Allow-Origin"] == "https://www.harbourit.example.com.au"
    receipt = CookieReceipt.objects.get()
    assert receipt.analytics and not receipt.marketing and receipt.gpc, (
        "GPC refuses marketing; the site sets none anyway"
    )
    preflight = Client().options(url, headers={"Origin": "https://www.harbourit.example.com.au"})
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "POST"


def test_bad_bodies_get_a_clear_422(db) -> None:  # type: ignore[no-untyped-def]
    site = _site()
    url = f"/privacy/cookies/{site.key}/receipt"
    origin = {"Origin": "https://www.harbourit.example.com.au"}
    for body in ("not json", json.dumps({"analytics": True}), json.dumps({"visitor": "<script>", "action": "x"})):
        response = Client().post(url, body, content_type="text/plain", headers=origin)
        assert response.status_code == 422, body
    huge = Client().post(url, "x" * 5000, content_type="text/plain", headers=origin)
    assert huge.status_code == 413


def test_config_is_public_and_says_what_the_site_sets(db) -> None:  # type: ignore[no-untyped-def]
    site = _site()
    config = Client().get(f"/privacy/cookies/{site.key}.json")
    assert config["Access-Control-Allow-Origin"] == "*"
    assert config.json()["categories"] == ["analytics"]
    assert Client().get("/privacy/cookies/nope.json").status_code == 404


def test_add_a_site_in_the_console(officer_client: Client) -> None:
    bad = officer_client.post(
        "/console/consent/cookies/",
        {"name": "Harbour IT", "mode": "categories", "origins_text": "https://www.harbourit.example.com.au\nnot a url"},
    )
    assert bad.status_code == 400 and "Line 2: &#x27;not a url&#x27; is not an origin" in bad.content.decode()
    ok = officer_client.post(
        "/console/consent/cookies/",
        {"name": "Harbour IT", "mode": "categories", "analytics": "Visits",
         "origins_text": "https://WWW.harbourit.example.com.au/\n"},
    )  # fmt: skip
    assert ok.status_code == 302
    site = CookieSite.objects.get()
    assert site.origins == ["https://www.harbourit.example.com.au"]
    page = officer_client.get("/console/consent/cookies/").content.decode()
    assert f'data-site="{site.key}"' in page and "/static/privacydesk/consent.js" in page
