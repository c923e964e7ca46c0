"""The demo's consent: a managed IT provider's programs and a year of people's choices, recorded
through the consent services as a website, staff and a mailing platform would."""

from __future__ import annotations

import random
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from privacydesk.audit.context import acting_as
from privacydesk.consent import services
from privacydesk.consent.models import Channel, Program
from privacydesk.people.models import Person
from privacydesk.register.models import System

PROGRAMS = [
    # code, name, basis, direct marketing, default on, channels, description
    ("newsletter", "Monthly newsletter", Program.EXPRESS, True, False, ["email"],
     "Tips, security news and what is new at our service desk, once a month."),
    ("offers", "Offers for clients", Program.INFERRED, True, True, ["email"],
     "Occasional offers on services similar to those you already use."),
    ("maintenance", "Service and maintenance notices", Program.CONTRACT, False, True, ["email", "sms"],
     "Planned outages, maintenance windows and changes to the services we run for you."),
    ("security", "Emergency and security alerts", Program.CONTRACT, False, False, ["sms", "phone", "email"],
     "Urgent alerts about an incident affecting you, only by the ways you choose."),
    ("monitoring", "Monitoring alerts", Program.CONTRACT, False, True, ["email"],
     "Automatic alerts from the monitoring of your systems."),
    ("events", "Events and webinars", Program.EXPRESS, True, False, ["email", "post"],
     "Invitations to our client events and webinars."),
    ("policy_updates", "Changes to our privacy policy", Program.EXPRESS, False, False, ["email"],
     "An email when our privacy policy changes, saying what changed."),
]  # fmt: skip

SIGNUP_NOTICE = "Send me the monthly newsletter. I can unsubscribe at any time from the link in every issue."


def load_consent(seed: int = 2026) -> None:
    """Create the programs and a year of choices (once: a second call changes nothing)."""
    if Program.objects.exists():
        return
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not a secret
    channels = {c.code: c for c in Channel.objects.all()}
    mailing = System.objects.filter(name="Email marketing").first()
    with transaction.atomic(), acting_as("demo"):
        made = {}
        for code, name, basis, marketing, default_on, via, description in PROGRAMS:
            program = Program.objects.create(
                code=code, name=name, basis=basis, direct_marketing=marketing, default_on=default_on,
                description=description,
            )  # fmt: skip
            program.channels.set([channels[c] for c in via])
            if marketing and mailing is not None:
                program.systems.set([mailing])
            made[code] = program
        now = timezone.now()
        for person in Person.objects.filter(merged_into__isnull=True).order_by("pk")[:200]:
            when = now - timedelta(days=rng.randint(20, 360), minutes=rng.randint(0, 600))
            if rng.random() < 0.45:
                services.record(
                    person, services.Choice(made["newsletter"], channels["email"], True), "web_form",
                    occurred_at=when, notice_text=SIGNUP_NOTICE, policy_version="2026-07",
                    evidence={"form": "website footer"},
                )  # fmt: skip
                if rng.random() < 0.2:
                    services.record(
                        person, services.Choice(made["newsletter"], channels["email"], False), "one_click",
                        occurred_at=when + timedelta(days=rng.randint(5, 15)),
                    )  # fmt: skip
            if rng.random() < 0.3:
                services.record(
                    person, services.Choice(made["security"], channels[rng.choice(["sms", "phone"])], True),
                    "phone", occurred_at=when, notice_text="We will call or text only for urgent incidents.",
                )  # fmt: skip
            if rng.random() < 0.08:
                services.record(
                    person, services.Choice(made["offers"], channels["email"], False), "preference_centre",
                    occurred_at=when + timedelta(days=3),
                )  # fmt: skip
        # The mailing platform applied all but the last few opt-outs (it confirms through the API).
        for task in services.pending_propagations().filter(event__occurred_at__lt=now - timedelta(days=3)):
            services.confirm_propagation(task, "api:email-marketing")
