"""The quality bar for requests: a requester asks for access in a real browser, reads the code from
the email (a real local SMTP server), confirms, a privacy officer fulfils it in the console, and the
requester downloads a package holding their data and nobody else's. Every page passes axe-core."""

from __future__ import annotations

import io
import json
import re
import zipfile

import pytest

from privacydesk.people import services as people
from tests.conftest import Inbox, pdf_text
from tests.e2e.test_console_browser import _serious
from tests.e2e.test_records_browser import _sign_in

pytestmark = pytest.mark.django_db(transaction=True)


def _last(inbox: Inbox, pattern: str) -> str:
    found = re.search(pattern, inbox.bodies[-1])
    assert found, inbox.bodies[-1]
    return found.group(1)


def test_access_request_from_portal_to_package(
    page, browser, live_server, settings, smtp_server, make_staff, demo_register
) -> None:  # type: ignore[no-untyped-def]
    settings.PRIVACYDESK_BASE_URL = live_server.url
    mia = people.create_person(
        name="Mia Nguyen",
        jurisdiction="AU",
        client_organisation="Harbour Dental",
        identities=[people.IdentityInput("email", "mia.nguyen@example.com.au")],
    )
    people.create_person(
        name="Oliver Smith", jurisdiction="AU", identities=[people.IdentityInput("email", "oliver@example.com.au")]
    )
    make_staff("privacy_officer", "officer")

    page.goto("/privacy/")
    assert _serious(page) == []
    page.get_by_role("link", name="Make a request").click()
    assert _serious(page) == []
    page.get_by_role("button", name="Send request").click()
    assert page.locator(".error-summary").is_visible()  # nothing chosen: the summary names each field
    assert _serious(page) == []
    page.get_by_label("See the information you hold about me").check()
    page.get_by_label("Your full name").fill("Mia Nguyen")
    page.get_by_label("Your email address").fill("mia.nguyen@example.com.au")
    page.get_by_label("Where you live").select_option("AU")
    page.get_by_role("button", name="Send request").click()
    page.wait_for_url("**/privacy/request/confirm/**")
    assert _serious(page) == []
    page.get_by_label("Code from the email").fill(_last(smtp_server, r"Your code is: (\d{6})"))
    page.get_by_role("button", name="Confirm").click()
    page.wait_for_url("**/privacy/request/status/**")
    assert "Being worked on" in page.locator("main").inner_text()
    assert _serious(page) == []
    reference = page.get_by_role("heading", level=1).inner_text().split()[-1]

    officer = browser.new_context(base_url=live_server.url).new_page()
    _sign_in(officer, "officer")
    officer.get_by_role("link", name="Requests").first.click()
    officer.get_by_role("link", name=reference).click()
    assert f"Mia Nguyen (record {mia.pk})" in officer.locator("dl.facts").inner_text()
    assert _serious(officer) == []
    officer.get_by_label("Done in full").check()
    officer.get_by_label("What we did, in words for the requester").fill("Here is everything we hold about you.")
    officer.get_by_role("button", name="Decide and send the letter").click()
    assert "Decided; the letter was emailed" in officer.locator(".messages").inner_text()
    officer.context.close()

    link = _last(smtp_server, r"(http://\S+/privacy/download/\S+/)")
    with page.expect_download() as download_info:
        page.evaluate("url => { const a = document.createElement('a'); a.href = url; a.click(); }", link)
    content = open(download_info.value.path(), "rb").read()  # noqa: SIM115
    archive = zipfile.ZipFile(io.BytesIO(content))
    data = json.loads(archive.read("package.json"))
    assert data["person"]["name"] == "Mia Nguyen" and data["person"]["organisation"] == "Harbour Dental"
    assert [i["value"] for i in data["identities"]] == ["mia.nguyen@example.com.au"]
    everything = "".join(
        pdf_text(archive.read(name)) if name.endswith(".pdf") else archive.read(name).decode()
        for name in archive.namelist()
    )
    assert "Mia Nguyen" in pdf_text(archive.read("summary.pdf"))
    assert "Oliver" not in everything and "oliver@example.com.au" not in everything
    summary = archive.read("summary.html").decode()
    assert "Your information held by Southern Cross Managed IT Pty Ltd" in summary
