"""The demo's retention: some relationships ended long ago (so a disposal run has work to do) and one
legal hold (so it has something to hold back)."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta

from django.db import transaction

from privacydesk.audit.context import acting_as
from privacydesk.people.models import Person
from privacydesk.retention import holds


@transaction.atomic
def load_retention(seed: int) -> None:
    rng = random.Random(seed)  # noqa: S311 - synthetic data
    ended: list[Person] = []
    for person in Person.objects.filter(subject_type__code__in=["job_applicant", "client_contact"]).order_by("pk"):
        if rng.random() < 0.3:
            day = date(2014, 1, 1) + timedelta(days=rng.randint(0, 4300))
            Person.objects.filter(pk=person.pk).update(
                relationship_ended_on=day,
                created_at=datetime.combine(day - timedelta(days=rng.randint(60, 1500)), datetime.min.time(), UTC),
            )
            ended.append(person)
    applicants = [p for p in ended if p.subject_type and p.subject_type.code == "job_applicant"]
    if applicants:
        with acting_as("demo"):
            holds.place(
                "Unfair dismissal claim (FWC 2026/4412)",
                "litigation",
                "The applicant's file is evidence in a Fair Work claim; our lawyers asked us to keep it.",
                people=applicants[:1],
            )
