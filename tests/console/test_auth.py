"""Staff sign-in: password, then TOTP (enrolled at first sign-in); lockout after repeated failures."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from privacydesk.audit.models import AuditEntry
from tests.conftest import PASSWORD, totp_now

pytestmark = pytest.mark.django_db


def _password(client: Client, username: str, password: str = PASSWORD, next_url: str = ""):  # type: ignore[no-untyped-def]
    return client.post(
        "/console/sign-in/" + (f"?next={next_url}" if next_url else ""), {"username": username, "password": password}
    )


def test_first_sign_in_enrols_totp_then_every_sign_in_asks_for_a_code(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("privacy_officer", "pat", enrolled=False)
    response = _password(client, "pat")
    assert response.status_code == 302
    response = client.get(response["Location"])
    assert response.status_code == 302 and response["Location"] == "/console/sign-in/enrol/"
    page = client.get("/console/sign-in/enrol/").content.decode()
    assert "<svg" in page, "the QR code is inline SVG"
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page)
    assert secret is not None
    device = TOTPDevice.objects.get(user__username="pat", confirmed=False)

    wrong = client.post("/console/sign-in/enrol/", {"code": "000000" if totp_now(device) != "000000" else "111111"})
    assert wrong.status_code == 400
    assert "Code from your authenticator app: That code is not right" in wrong.content.decode()

    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    enrol_code = totp_now(device)
    response = client.post("/console/sign-in/enrol/", {"code": enrol_code})
    assert response.status_code == 302 and response["Location"] == "/console/"
    assert client.get("/console/").status_code == 200

    client.post("/console/sign-out/")
    assert client.get("/console/").status_code == 302
    _password(client, "pat", next_url="/console/people/")
    assert client.get("/console/").url == "/console/sign-in/code/"  # type: ignore[attr-defined]
    device.refresh_from_db()
    replay = client.post("/console/sign-in/code/", {"code": enrol_code})
    assert replay.status_code == 400, "a code already used is refused"
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.throttling_failure_timestamp = None
    device.save()
    response = client.post("/console/sign-in/code/?next=/console/people/", {"code": totp_now(device, steps_ahead=1)})
    assert response.status_code == 302 and response["Location"] == "/console/people/"
    actions = list(AuditEntry.objects.filter(object_type="auth.user").values_list("action", flat=True))
    assert "enrol_totp" in actions and actions.count("sign_in") >= 3


def test_wrong_codes_are_throttled(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    user = make_staff("staff", "sam")
    device = TOTPDevice.objects.get(user=user)
    _password(client, "sam")
    bad = "123456" if totp_now(device) != "123456" else "654321"
    first = client.post("/console/sign-in/code/", {"code": bad})
    assert "That code is not right" in first.content.decode()
    second = client.post("/console/sign-in/code/", {"code": totp_now(device)})
    assert second.status_code == 400
    assert "Too many wrong codes" in second.content.decode()


def test_malformed_code_names_the_field(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("staff", "kim")
    _password(client, "kim")
    response = client.post("/console/sign-in/code/", {"code": "12ab"})
    assert response.status_code == 400
    assert "Enter the 6-digit code" in response.content.decode()


def test_lockout_after_repeated_wrong_passwords(client: Client, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("staff", "lee")
    for _ in range(5):
        assert _password(client, "lee", "wrong-password").status_code in {200, 429}
    locked = _password(client, "lee")  # even the right password is refused now
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
    assert "_auth_user_id" not in client.session


def test_password_change_then_sign_in_with_the_new_one(make_staff) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    client = sign_in(Client(), make_staff("staff", "ana"))
    weak = client.post(
        "/console/password/", {"old_password": PASSWORD, "new_password1": "short", "new_password2": "short"}
    )
    assert weak.status_code == 400 and 'href="#id_new_password2"' in weak.content.decode()
    new = "a-much-longer-passphrase-2026"
    done = client.post("/console/password/", {"old_password": PASSWORD, "new_password1": new, "new_password2": new})
    assert done.status_code == 302
    assert _password(Client(), "ana", new).status_code == 302
    assert AuditEntry.objects.filter(action="password_change").exists()


def test_administrator_resets_a_lost_authenticator_and_lifts_a_lockout(make_staff) -> None:  # type: ignore[no-untyped-def]
    from tests.conftest import sign_in

    admin = make_staff("administrator", "adm")
    locked = make_staff("staff", "lou")
    outsider = Client()
    for _ in range(5):
        _password(outsider, "lou", "wrong-password")
    assert _password(outsider, "lou").status_code == 429

    client = sign_in(Client(), admin)
    response = client.post(
        f"/console/staff/{locked.pk}/", {"roles": ["staff", "auditor"], "active": "on", "reset_second_factor": "on"}
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=locked).exists()
    assert sorted(locked.groups.values_list("name", flat=True)) == ["auditor", "staff"]
    response = _password(Client(), "lou")
    assert response.status_code == 302, "the lockout was lifted"

    own = client.post(f"/console/staff/{admin.pk}/", {"roles": ["administrator"]})
    assert own.status_code == 400 and "cannot deactivate your own account" in own.content.decode()
