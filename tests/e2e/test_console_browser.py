"""A privacy officer signs in with TOTP, adds a system to the register and finds it in the Art 30
export — in a real browser, through the real stack — and the pages pass axe-core."""

from __future__ import annotations

import base64
import io

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import TOTP
from openpyxl import load_workbook

from tests.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def _code(secret: str) -> str:
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    return f"{TOTP(key).token():06d}"


def _serious(page) -> list[str]:  # type: ignore[no-untyped-def]
    results = Axe().run(page)
    return [
        f"{v['id']}: {v['help']} ({len(v['nodes'])} nodes)"
        for v in results.response["violations"]
        if v["impact"] in {"serious", "critical"}
    ]


def test_sign_in_with_totp_add_system_and_see_it_in_art30(page, make_staff, demo_register) -> None:  # type: ignore[no-untyped-def]
    make_staff("privacy_officer", "officer", enrolled=False)

    page.goto("/console/")
    assert "/console/sign-in/" in page.url
    header_colour = page.evaluate("getComputedStyle(document.querySelector('header.top')).backgroundColor")
    assert header_colour == "rgb(11, 12, 12)", "the stylesheet is served and applied"
    assert _serious(page) == []
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Continue").click()

    page.wait_for_url("**/sign-in/enrol/")
    assert page.locator(".qr svg").is_visible()
    assert _serious(page) == []
    secret = page.locator("#totp-secret").inner_text().strip()
    page.get_by_label("Code from your authenticator app").fill("000000" if _code(secret) != "000000" else "111111")
    page.get_by_role("button", name="Confirm and sign in").click()
    assert page.locator(".error-summary").is_visible()
    assert "That code is not right" in page.locator(".error-summary").inner_text()

    # The wrong guess started django-otp's back-off; a person would wait a moment and try again.
    from django_otp.plugins.otp_totp.models import TOTPDevice

    TOTPDevice.objects.filter(user__username="officer").update(
        throttling_failure_count=0, throttling_failure_timestamp=None
    )
    page.get_by_label("Code from your authenticator app").fill(_code(secret))
    page.get_by_role("button", name="Confirm and sign in").click()
    page.wait_for_url("**/console/")
    assert page.get_by_role("heading", level=1).inner_text() == "Southern Cross Managed IT Pty Ltd"
    assert _serious(page) == []

    page.get_by_role("link", name="Register").click()
    page.get_by_role("link", name="Systems", exact=True).click()
    page.get_by_role("link", name="Add system").click()
    assert _serious(page) == []
    page.get_by_label("Name").fill("Remote monitoring (RMM)")
    page.get_by_label("Vendor").fill("An RMM vendor")
    page.get_by_label("Kind").select_option("processor")
    page.get_by_label("Hosting countries").select_option(["NZ", "SG"])
    page.get_by_label("Security notes").fill("Agent traffic over TLS; MFA for technicians.")
    page.get_by_role("button", name="Save").click()
    assert "Saved Remote monitoring (RMM)." in page.locator(".messages").inner_text()
    assert page.get_by_role("cell", name="Remote monitoring (RMM)", exact=True).is_visible()

    page.goto("/console/register/art30/")
    row = page.locator("#systems tr", has_text="Remote monitoring (RMM)")
    assert "New Zealand; Singapore" in row.inner_text()
    assert _serious(page) == []

    with page.expect_download() as download_info:
        page.get_by_role("link", name="XLSX").first.click()
    workbook = load_workbook(io.BytesIO(open(download_info.value.path(), "rb").read()))  # noqa: SIM115
    rows = {r[0].value: r for r in workbook["Systems"].iter_rows(min_row=2)}
    assert "Remote monitoring (RMM)" in rows
    assert rows["Remote monitoring (RMM)"][3].value == "New Zealand; Singapore"


def test_wrong_password_shows_error_summary(page, make_staff) -> None:  # type: ignore[no-untyped-def]
    make_staff("staff", "sam")
    page.goto("/console/sign-in/")
    page.get_by_label("Username").fill("sam")
    page.get_by_label("Password").fill("not-the-password")
    page.get_by_role("button", name="Continue").click()
    assert "Please enter a correct username and password" in page.locator(".error-summary").inner_text()
    assert _serious(page) == []
