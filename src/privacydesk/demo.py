"""The demo organisation: a fictional managed IT provider in Sydney with a branch in Auckland.

Everything here is synthetic. The register is written out as data (``demo_register.yaml``) and loaded
through the same import as a customer's file, so the demo also proves the import. People come from
Faker's en_AU and en_NZ locales and are bulk-inserted, with one audit entry each, so that
``--people 100000`` finishes in reasonable time.
"""

from __future__ import annotations

import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from django.db import transaction
from faker import Faker

from privacydesk.accounts.roles import PRIVACY_OFFICER
from privacydesk.accounts.services import create_staff
from privacydesk.audit import chain
from privacydesk.people.models import Identity, Person
from privacydesk.people.normalise import normalise_email
from privacydesk.register import yaml_io
from privacydesk.register.models import SubjectType, System

REGISTER_FILE = Path(__file__).with_name("demo_register.yaml")
BATCH = 2000


@dataclass
class Login:
    username: str
    password: str
    password_from_env: bool


def _chunks(n: int, size: int) -> Iterator[int]:
    while n > 0:
        yield min(size, n)
        n -= size


def _people(count: int, seed: int, progress: bool) -> None:
    fakers = {"AU": Faker("en_AU"), "NZ": Faker("en_NZ")}
    for f in fakers.values():
        f.seed_instance(seed)
    rng = random.Random(seed)
    subjects = {s.code: s for s in SubjectType.objects.all()}
    weights = {"client_contact": 60, "prospect": 15, "staff": 5, "job_applicant": 8, "supplier": 7, "contractor": 5}
    codes = [c for c in weights if c in subjects]
    systems = {s.name: s for s in System.objects.all()}
    companies = [fakers["AU"].company() for _ in range(max(5, count // 25))] + [
        fakers["NZ"].company() for _ in range(max(2, count // 60))
    ]
    through = Person.systems.through
    from rich.progress import Progress

    with Progress(disable=not progress, transient=True) as bar:
        task = bar.add_task("Synthetic people", total=count)
        made = 0
        for size in _chunks(count, BATCH):
            batch: list[Person] = []
            contacts: list[tuple[str, str]] = []
            for _ in range(size):
                made += 1
                roll = rng.random()
                country = "AU" if roll < 0.75 else ("NZ" if roll < 0.95 else rng.choice(["DE", "IE", "NL", "FR"]))
                fake = fakers["NZ" if country == "NZ" else "AU"]
                code = rng.choices(codes, weights=[weights[c] for c in codes])[0]
                first, last = fake.first_name(), fake.last_name()
                name = f"{first} {last}"
                org = rng.choice(companies) if code in {"client_contact", "prospect", "supplier"} else ""
                batch.append(
                    Person(
                        name=name,
                        subject_type=subjects[code],
                        jurisdiction=country if country in {"AU", "NZ"} else "EU",
                        country=country,
                        client_organisation=org,
                        role=fake.job()[:120] if org else "",
                    )
                )
                local = ".".join("".join(ch for ch in part.lower() if ch.isalpha()) for part in (first, last))
                domain = "example.com.au" if country == "AU" else ("example.co.nz" if country == "NZ" else "example.eu")
                email = f"{local}{made}@{domain}"
                phone = (
                    f"+614{rng.randrange(10**7, 10**8):08d}"
                    if country == "AU"
                    else (f"+6421{rng.randrange(10**6, 10**7):07d}" if country == "NZ" else "")
                )
                contacts.append((email, phone))
            with transaction.atomic():
                created = Person.objects.bulk_create(batch)
                identities = []
                links = []
                for person, (email, phone) in zip(created, contacts, strict=True):
                    identities.append(
                        Identity(
                            person=person, kind="email", value=email, normalised=normalise_email(email), label="work"
                        )
                    )
                    if phone:
                        identities.append(
                            Identity(person=person, kind="phone", value=phone, normalised=phone, label="mobile")
                        )
                    for name in _systems_for(person.subject_type.code if person.subject_type else "", rng):
                        if name in systems:
                            links.append(through(person_id=person.pk, system_id=systems[name].pk))
                Identity.objects.bulk_create(identities)
                through.objects.bulk_create(links)
                chain.append_many(
                    chain.Event("create", "people.person", str(p.pk), data={"fields": ["demo"]}, reason="demo data")
                    for p in created
                )
            bar.advance(task, size)


def _systems_for(code: str, rng: random.Random) -> list[str]:
    base = {
        "client_contact": ["Helpdesk (PSA)", "CRM", "Microsoft 365", "Accounting"],
        "prospect": ["CRM", "Email marketing"],
        "staff": ["Microsoft 365", "Payroll", "Offline backups"],
        "job_applicant": ["Microsoft 365"],
        "supplier": ["Accounting", "Microsoft 365"],
        "contractor": ["Microsoft 365", "Helpdesk (PSA)"],
    }.get(code, [])
    extra = ["Call accounting and voicemail"] if rng.random() < 0.3 else []
    return base + extra


def load(people: int = 300, seed: int = 2026, progress: bool = False) -> Login:
    """Create the demo organisation, its register, the privacy officer's login and ``people`` people."""
    with transaction.atomic():
        username = "officer"
        password_env = os.environ.get("PRIVACYDESK_ADMIN_PASSWORD")
        from django.contrib.auth import get_user_model

        if get_user_model().objects.filter(username=username).exists():
            from privacydesk.accounts.services import reset_staff

            password = reset_staff(username, [PRIVACY_OFFICER], password_env)
        else:
            _, password = create_staff(username, "privacy@example.com.au", [PRIVACY_OFFICER], password_env)
        yaml_io.import_yaml(REGISTER_FILE.read_text(encoding="utf-8"), REGISTER_FILE.name)
    _people(people, seed, progress)
    from privacydesk.demo_records import load_records

    load_records(seed)
    from privacydesk.demo_consent import load_consent

    load_consent(seed)
    from privacydesk.demo_breaches import load_breaches
    from privacydesk.demo_retention import load_retention
    from privacydesk.demo_systems import load_systems

    load_retention(seed)

    load_systems(seed)
    load_breaches()
    from django.utils import timezone

    from privacydesk.audit.context import acting_as
    from privacydesk.policy import services as policy

    if policy.current() is None:
        with acting_as("demo"):
            policy.publish(timezone.localdate(), "First published version.")
    return Login(username, password, password_env is not None)
