"""Programs a managed IT provider sends, as fixtures, and people to send them to."""

from __future__ import annotations

import pytest

from privacydesk.consent.models import Channel, Program
from privacydesk.people import services as people
from privacydesk.people.models import Person


def _program(code: str, name: str, basis: str, channels: list[str], **fields: object) -> Program:
    made = Program.objects.create(code=code, name=name, basis=basis, **fields)
    made.channels.set(Channel.objects.filter(code__in=channels))
    return made


@pytest.fixture
def programs(demo_register: None) -> dict[str, Program]:
    return {
        "newsletter": _program("newsletter", "Newsletter", Program.EXPRESS, ["email", "sms"], direct_marketing=True),
        "promotions": _program(
            "promotions", "Offers for clients", Program.INFERRED, ["email"], direct_marketing=True, default_on=True
        ),
        "service": _program("service", "Service notices", Program.CONTRACT, ["email", "post"], default_on=True),
        "emergency": _program("emergency", "Emergency alerts", Program.CONTRACT, ["sms", "phone", "email"]),
    }


def person(name: str, email: str, jurisdiction: str = "AU") -> Person:
    return people.create_person(name=name, jurisdiction=jurisdiction, identities=[people.IdentityInput("email", email)])


@pytest.fixture
def mia(programs: dict[str, Program]) -> Person:
    return person("Mia Nguyen", "mia.nguyen@example.com.au")


def channel(code: str) -> Channel:
    return Channel.objects.get(code=code)
