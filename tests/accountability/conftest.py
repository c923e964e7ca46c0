"""Fixtures for accountability records: the demo register and people in each jurisdiction."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, Recipient, SubjectType, System

SYDNEY = ZoneInfo("Australia/Sydney")
AUCKLAND = ZoneInfo("Pacific/Auckland")


def at(*args: int, zone: ZoneInfo = SYDNEY) -> datetime:
    return datetime(*args, tzinfo=zone)  # type: ignore[misc]


def category(code: str) -> DataCategory:
    return DataCategory.objects.get(code=code)


def recipient(name: str) -> Recipient:
    return Recipient.objects.get(name=name)


def purpose(name: str) -> Purpose:
    return Purpose.objects.get(name=name)


@pytest.fixture
def au_person(demo_register: None) -> Person:
    person = people.create_person(
        name="Mia Nguyen",
        jurisdiction="AU",
        country="AU",
        subject_type=SubjectType.objects.get(code="client_contact"),
        identities=[people.IdentityInput("email", "mia.nguyen@example.com.au")],
    )
    person.systems.add(System.objects.get(name="Accounting"))
    return person


@pytest.fixture
def nz_person(demo_register: None) -> Person:
    return people.create_person(
        name="Aroha Parata",
        jurisdiction="NZ",
        country="NZ",
        subject_type=SubjectType.objects.get(code="prospect"),
        identities=[people.IdentityInput("email", "aroha.parata@example.co.nz")],
    )
