"""Complaints: made through the portal, acknowledged, investigated, decided with a remedy and an
action plan, the outcome letter naming the regulator, reopened; time-to-resolve on the dashboard."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.utils import timezone

from privacydesk.rights.models import Request
from tests.conftest import Inbox, pdf_text


def test_a_complaint_from_portal_to_outcome_and_reopen(
    client: Client, demo_register, smtp_server: Inbox, officer_client: Client
) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        "/privacy/request/",
        {
            "kind": "complaint",
            "requester_name": "Aroha Parata",
            "requester_email": "aroha@example.co.nz",
            "country": "NZ",
            "details": "A technician read my medical records while fixing the printer.",
        },
    )
    assert response.status_code == 302
    code = re.search(r"Your code is: (\d{6})", smtp_server.bodies[-1]).group(1)  # type: ignore[union-attr]
    client.post(response["Location"], {"code": code})
    made = Request.objects.get()
    assert made.status == Request.OPEN and made.jurisdiction == "nz" and made.due_at is None
    assert "sets no period to respond to a complaint" in made.due_explanation
    assert smtp_server.messages[-1]["Subject"] == f"We have your privacy request {made.reference}"

    page = officer_client.get(f"/console/requests/{made.pk}/").content.decode()
    assert "Upheld" in page and "What we will do to put it right" in page and "Grounds for refusing" not in page
    missing = officer_client.post(f"/console/requests/{made.pk}/decide/", {"outcome": "upheld", "text": "It happened."})
    assert missing.status_code == 400 and 'href="#id_remedy"' in missing.content.decode()
    decided = officer_client.post(
        f"/console/requests/{made.pk}/decide/",
        {
            "outcome": "upheld",
            "text": "The technician opened a patient file that the ticket did not need.",
            "remedy": "An apology, and the access log for your record.",
            "action_plan": "Technicians now need a second approval to open patient records.",
        },
    )
    assert decided.status_code == 302
    letter = smtp_server.bodies[-1]
    assert "Outcome: Upheld." in letter and "second approval" in letter
    assert "Office of the Privacy Commissioner (New Zealand)" in letter
    # The outcome letter's PDF copy, as attached, is one click from the request page.
    page = officer_client.get(f"/console/requests/{made.pk}/").content.decode()
    outcome = made.messages.get(kind="complaint_outcome")
    link = f"/console/requests/{made.pk}/letters/{outcome.pk}.pdf"
    assert link in page
    pdf = officer_client.get(link)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content == smtp_server.attachments()[outcome.pdf_name]
    assert "Dear Aroha Parata" in pdf_text(pdf.content) and "second approval" in pdf_text(pdf.content)

    dashboard = officer_client.get("/console/").content.decode()
    assert "the last 1 took 0 days at the median" in dashboard

    officer_client.post(f"/console/requests/{made.pk}/reopen/", {"reason": "They say the log is incomplete."})
    made.refresh_from_db()
    assert made.status == Request.OPEN and made.reopened == 1 and made.outcome == ""
    assert "Reopened (earlier decision: Upheld on" in made.notes.last().text  # type: ignore[union-attr]
    assert made.received_at <= timezone.now()


def test_a_review_is_decided_by_someone_else(demo_register, smtp_server: Inbox, make_staff) -> None:  # type: ignore[no-untyped-def]
    from django.core.exceptions import ValidationError

    from privacydesk.rights import services

    first, second = make_staff("privacy_officer", "first"), make_staff("privacy_officer", "second")
    made = services.submit_verified(
        services.Submission("complaint", "Mere Kingi", "mere@example.co.nz", country="NZ"), "Phone"
    )
    services.decide(made, services.DecisionInput("not_upheld", [], "We found no breach."), first)
    services.reopen(made, "She asks for a review.")
    with pytest.raises(ValidationError, match="someone other than the person who made the earlier decision"):
        services.decide(made, services.DecisionInput("not_upheld", [], "Still no breach."), first)
    services.decide(made, services.DecisionInput("partly_upheld", [], "Partly.", remedy="An apology."), second)
    assert Request.objects.get(pk=made.pk).decided_by == second
