"""A person's life with the organisation's mailings, end to end through the real stack: opt in on the
website (its form posts to the API), get a newsletter over real SMTP with working List-Unsubscribe
headers, unsubscribe with one POST, be blocked by the check API at once, be erased, and be refused
when a mailing list carrying their address comes back."""

from __future__ import annotations

import re

from django.test import Client

from privacydesk.accounts.models import ApiToken
from privacydesk.consent import mailer
from privacydesk.consent.models import ConsentEvent, Program
from privacydesk.people.models import Person
from tests.conftest import Inbox


def test_opt_in_mail_one_click_block_erase_refuse(  # type: ignore[no-untyped-def]
    client: Client, programs: dict[str, Program], mia: Person, smtp_server: Inbox, make_staff
) -> None:
    _, website = ApiToken.issue(make_staff("staff", "website"), "website", scopes=["consent:record"])
    _, crm = ApiToken.issue(make_staff("staff", "crm"), "crm", scopes=["consent:check"])
    _, helpdesk = ApiToken.issue(make_staff("privacy_officer", "helpdesk"), "helpdesk", scopes=["requests"])

    def api(method: str, path: str, token: str, **kwargs):  # type: ignore[no-untyped-def]
        return getattr(client, method)(f"/api/v1{path}", headers={"Authorization": f"Bearer {token}"}, **kwargs)

    # 1. The website's sign-up form records the opt-in, with what the person was shown.
    signed_up = api(
        "post",
        "/consent/events",
        website,
        data={
            "email": "Mia.Nguyen@example.com.au",
            "program": "newsletter",
            "action": "grant",
            "method": "web_form",
            "notice_text": "Send me the monthly newsletter. I can unsubscribe at any time.",
            "policy_version": "2026-07",
            "evidence": {"form": "footer-signup"},
        },
        content_type="application/json",
    )
    assert signed_up.status_code == 201, signed_up.content
    assert signed_up.json()["verdict"]["allowed"] is True
    check = "/consent/check?program=newsletter&email=mia.nguyen@example.com.au"
    assert api("get", check, crm).json()["code"] == "granted"

    # 2. The newsletter arrives with RFC 8058 headers and the links in the body.
    assert mailer.send_email(mia, programs["newsletter"], "November news", "Patch Tuesday is coming.").allowed
    message = smtp_server.messages[-1]
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    one_click = re.search(r"<(https?://[^>]+)>", message["List-Unsubscribe"]).group(1)  # type: ignore[union-attr]
    assert "mailto:" in message["List-Unsubscribe"]
    assert "Choose what we send you: http" in smtp_server.bodies[-1]

    # 3. The mail provider's one-click POST (no cookie, no CSRF token) unsubscribes at once.
    path = one_click.split("://", 1)[1].split("/", 1)[1]
    posted = Client(enforce_csrf_checks=True).post(f"/{path}", {"List-Unsubscribe": "One-Click"})
    assert posted.status_code == 200

    # 4. The CRM's next check is blocked, naming the withdrawal it rests on.
    blocked = api("get", check, crm).json()
    assert blocked["allowed"] is False and blocked["code"] == "withdrawn"
    assert blocked["event"]["method"] == "one_click"
    assert not mailer.send_email(mia, programs["newsletter"], "December news", "…").allowed
    assert len(smtp_server.messages) == 1

    # 5. She asks to be erased; the helpdesk logs it (identity checked) and the officer decides it.
    made = api(
        "post",
        "/requests/",
        helpdesk,
        data={
            "kind": "erasure",
            "requester_name": "Mia Nguyen",
            "requester_email": "mia.nguyen@example.com.au",
            "country": "AU",
            "identity_checked_by": "Called back on the number on file",
        },
        content_type="application/json",
    ).json()
    api("post", f"/requests/{made['id']}/person", helpdesk, data={"person_id": mia.pk}, content_type="application/json")
    decided = api(
        "post",
        f"/requests/{made['id']}/decide",
        helpdesk,
        data={"outcome": "fulfilled"},
        content_type="application/json",
    )
    assert decided.status_code == 200, decided.content
    mia.refresh_from_db()
    assert mia.name.startswith("Erased person") and not mia.identities.exists()
    assert ConsentEvent.objects.filter(person=mia, method="erasure").exists(), "every default-on mailing stopped"

    # 6. An old export of the mailing list comes back: her address is refused, others pass.
    csv_body = "Email Address,First Name\nmia.nguyen@example.com.au,Mia\nnew.person@example.com,New\n"
    filtered = api("post", "/consent/filter?program=promotions", crm, data=csv_body, content_type="text/csv").json()
    assert filtered["allowed"] == []
    assert filtered["blocked_by_reason"] == {"suppressed": 1, "unknown": 1}
    assert api("get", check, crm).json()["code"] == "suppressed"
