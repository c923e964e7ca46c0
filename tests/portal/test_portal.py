"""The public portal through the real stack: a request end to end without JavaScript, and the
attacks a public form meets — other people's links, old links, replayed and guessed codes, markup."""

from __future__ import annotations

import re
import time

import pytest
from django.core.cache import caches
from django.db import connection
from django.test import Client

from privacydesk.rights import services
from privacydesk.rights.models import Request
from tests.conftest import Inbox, sign_in

SCRIPT = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def _code(inbox: Inbox) -> str:
    found = re.search(r"Your code is: (\d{6})", inbox.bodies[-1])
    assert found
    return found.group(1)


def _submit(client: Client, **changes: str) -> tuple[Request, str]:
    form = {"kind": "access", "requester_name": "Mia Nguyen", "requester_email": "mia@example.com.au", "country": "AU"}
    response = client.post("/privacy/request/", {**form, **changes})
    assert response.status_code == 302, response.content.decode()[:3000]
    return Request.objects.latest("pk"), response["Location"]


def test_request_confirm_and_follow_progress(client: Client, demo_register: None, smtp_server: Inbox) -> None:
    assert "Make a request" in client.get("/privacy/").content.decode()
    made, confirm = _submit(client)
    page = client.get(confirm).content.decode()
    assert made.reference in page and "Check your email" in page
    response = client.post(confirm, {"code": _code(smtp_server)})
    assert response.status_code == 302 and "/privacy/request/status/" in response["Location"]
    status = client.get(response["Location"]).content.decode()
    made.refresh_from_db()
    assert "Being worked on" in status and f"{made.due_at:%d %B %Y}".lstrip("0") in status


def test_bad_input_is_named_by_field(client: Client, demo_register: None, smtp_server: Inbox) -> None:
    response = client.post("/privacy/request/", {"kind": "access", "requester_name": "", "requester_email": "nope"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'href="#id_requester_name"' in page and 'href="#id_requester_email"' in page
    assert not Request.objects.exists() and not smtp_server.messages


def test_markup_in_every_free_text_field_is_escaped(
    client: Client, demo_register: None, smtp_server: Inbox, make_staff
) -> None:  # type: ignore[no-untyped-def]
    made, confirm = _submit(
        client,
        requester_name=SCRIPT,
        details=SCRIPT,
        on_behalf="on",
        subject_name=SCRIPT,
        authority=SCRIPT,
    )
    client.post(confirm, {"code": _code(smtp_server)})
    officer = sign_in(Client(), make_staff("privacy_officer"))
    status = client.get(services.link_token(made, "status").join(["/privacy/request/status/", "/"]))
    assert status.status_code == 200 and "<script>alert" not in status.content.decode()
    for page in (
        officer.get(f"/console/requests/{made.pk}/").content.decode(),
        officer.get("/console/requests/").content.decode(),
    ):
        assert "<script>alert" not in page and "<img src=x" not in page
        assert "&lt;script&gt;alert" in page
    letter = smtp_server.bodies[-1]
    assert SCRIPT in letter, "plain-text mail carries the text as typed, not HTML-escaped"
    html = smtp_server.messages[-1].get_body(preferencelist=("html",)).get_content()
    assert "<script>alert" not in html and "&lt;script&gt;alert" in html, "the HTML version escapes it"
    assert made.messages.last().body_html == html.replace("\r\n", "\n")  # type: ignore[union-attr]


def test_another_requesters_link_and_forged_links_are_refused(
    client: Client, demo_register: None, smtp_server: Inbox
) -> None:
    first, _ = _submit(client)
    second, _ = _submit(client, requester_email="else@example.com")
    token = services.link_token(first, "status")
    # A valid signature over another request's number with this request's secret fragment does not exist;
    # tampering with the payload breaks the signature.
    payload, rest = token.split(":", 1)
    forged = payload.replace(payload[:4], payload[:4][::-1]) + ":" + rest
    for bad in (forged, "not-a-token", services.link_token(second, "verify")):
        response = client.get(f"/privacy/request/status/{bad}/")
        assert response.status_code == 404, bad
        assert "This link does not work" in response.content.decode()


def test_an_expired_link_says_so(client: Client, demo_register: None, smtp_server: Inbox, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    made, _ = _submit(client)
    long_ago = time.time() - (services.STATUS_LINK_DAYS + 1) * 86400
    with monkeypatch.context() as m:
        m.setattr(time, "time", lambda: long_ago)
        token = services.link_token(made, "status")
    response = client.get(f"/privacy/request/status/{token}/")
    assert response.status_code == 410 and "This link has expired" in response.content.decode()


def test_a_replayed_code_and_a_hundred_wrong_codes(client: Client, demo_register: None, smtp_server: Inbox) -> None:
    _, confirm = _submit(client)
    code = _code(smtp_server)
    wrong = "000000" if code != "000000" else "111111"
    statuses = [client.post(confirm, {"code": wrong}).status_code for _ in range(100)]
    assert statuses == [400] * 100
    assert "Too many wrong codes" in client.post(confirm, {"code": code}).content.decode()
    # A new code works once; replaying it is refused.
    client.post(confirm.rstrip("/") + "/new-code/")
    fresh = _code(smtp_server)
    assert client.post(confirm, {"code": fresh}).status_code == 302
    replay = client.post(confirm, {"code": fresh})
    assert replay.status_code == 400 and "already confirmed" in replay.content.decode()


def test_submissions_are_rate_limited_per_connection(client: Client, demo_register: None, smtp_server: Inbox) -> None:
    for _ in range(10):
        _submit(client)
    response = client.post(
        "/privacy/request/", {"kind": "question", "requester_name": "A", "requester_email": "a@example.com"}
    )
    assert response.status_code == 429 and "Too many requests" in response.content.decode()
    # The count is in the database cache, where every web worker reads it, not in this process.
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM privacydesk_cache")
        assert cursor.fetchone()[0] == 1


def test_the_limit_is_shared_through_redis(client: Client, demo_register: None, smtp_server: Inbox, settings) -> None:  # type: ignore[no-untyped-def]
    """With PRIVACYDESK_CACHE_URL naming Redis, a second worker (a new connection) sees the count."""
    redis = pytest.importorskip("redis")
    try:
        redis.Redis(host="127.0.0.1", port=6379, socket_connect_timeout=1).ping()
    except redis.ConnectionError:
        pytest.skip("no Redis on 127.0.0.1:6379")
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": "redis://127.0.0.1:6379/15",
            "KEY_PREFIX": f"test-{time.time_ns()}",
        }
    }
    for _ in range(10):
        _submit(client)
    other_worker = caches.create_connection("default")
    assert other_worker.get("portal:submissions:127.0.0.1") == 10
    other_worker.clear()


def test_the_code_by_text_message(client: Client, demo_register: None, smtp_server: Inbox, capfd) -> None:  # type: ignore[no-untyped-def]
    bad = client.post(
        "/privacy/request/",
        {"kind": "access", "requester_name": "Mia", "requester_email": "mia@example.com.au", "code_by": "sms",
         "requester_phone": "12", "country": "AU"},
    )  # fmt: skip
    assert bad.status_code == 400 and 'href="#id_requester_phone"' in bad.content.decode()
    made, confirm = _submit(client, code_by="sms", requester_phone="0412 345 678")
    assert made.requester_phone == "+61412345678" and not smtp_server.messages
    texted = capfd.readouterr().err
    assert "SMS to *********678:" in texted and "+61412345678" not in texted
    code = re.search(r"code is (\d{6})", texted).group(1)  # type: ignore[union-attr]
    assert "by text message" in client.get(confirm).content.decode()
    assert client.post(confirm, {"code": code}).status_code == 302
    assert made.messages.first().to == "+61412345678"  # type: ignore[union-attr]
