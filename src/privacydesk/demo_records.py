"""The demo organisation's accountability records, made through the same services staff and the API
use: collection points and notices, where some people's details came from (with IPP 3A and APP 5
notices owed, some overdue), one-off and routine disclosures, clients' systems with an access log,
processors' agreements (one expiring, some missing) and staff acknowledgements.

Dates are counted back from today so the demo always has something due this week and something late.
"""

from __future__ import annotations

import random
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from privacydesk.accountability.models import (
    Agreement,
    ClientOrganisation,
    ClientSystem,
    CollectionPoint,
    StaffDocument,
)
from privacydesk.accountability.models.agreements import TERMS
from privacydesk.accountability.services import acknowledgements, collection, disclosures, providers
from privacydesk.accountability.services.disclosures import DisclosureFacts
from privacydesk.accounts.roles import STAFF
from privacydesk.accounts.services import create_staff
from privacydesk.law.notices import TOPICS
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Organisation, Purpose, Recipient, System

POINTS = [
    # name, kind, purposes, categories, systems, law
    ("Website contact form", "website_form", ["Delivering managed IT services"], ["contact"], ["CRM"], ""),
    ("Support portal", "support_portal", ["Delivering managed IT services"], ["contact", "technical"],
     ["Helpdesk (PSA)"], ""),
    ("Referral from a partner", "referral", ["Delivering managed IT services"], ["contact"], ["CRM"], ""),
    ("Job applications", "job_application", ["Recruiting"], ["contact", "recruitment"], ["Microsoft 365"], ""),
    ("Public business directory", "public_directory", ["Marketing our services"], ["contact"], ["CRM"], ""),
]  # fmt: skip


def _notice_text(point: CollectionPoint, org: Organisation) -> dict[str, str]:
    """Plausible notice wording for every topic, from the register."""
    purposes = ", ".join(p.name.lower() for p in point.purposes.all())
    systems = list(point.systems.all())
    countries = sorted({c.name for s in systems for c in s.hosting_countries if c.code not in {"AU", "NZ"}})
    address = org.postal_address.replace("\n", ", ")
    text = {
        "identity": f"{org.legal_name}, {address}. Privacy officer: {org.privacy_officer_email}.",
        "dpo": "We have not appointed a data protection officer; contact our privacy officer.",
        "collection_fact": f"We collect your contact details when you use our {point.name.lower()}.",
        "source": "The business that referred you, or a public directory listing, as the notice we send says.",
        "categories": ", ".join(c.name for c in point.data_categories.all()) + ".",
        "purposes": f"For {purposes}.",
        "lawful_basis": "Performing our contract with you or your employer; your consent for marketing.",
        "legitimate_interests": "Keeping in touch with businesses that may need our services.",
        "law": "No law requires us to collect it.",
        "voluntary": "Giving it is voluntary.",
        "consequences": "Without it we may not be able to respond to you or provide the service.",
        "recipients": "Our service providers that host our systems, and our accountant.",
        "overseas": (f"Our providers hold it in {', '.join(countries)}." if countries else "It stays in Australia.")
        + " They are bound by contract (and standard contractual clauses for EU residents).",
        "retention": "Seven years after our relationship ends, then deleted.",
        "access_correction": "Our privacy policy explains how to see and correct your information.",
        "rights": "EU residents may also ask us to erase, restrict or port it, or object to its use.",
        "withdraw_consent": "You can withdraw consent to marketing at any time by unsubscribing.",
        "complaints": "Complain to our privacy officer first; then to the OAIC, the NZ Privacy Commissioner or, "
        "in the EU, your supervisory authority.",
        "automated_decisions": "We make no decisions about you by automated means alone.",
    }
    return {t: text[t] for t in TOPICS}


def _points(org: Organisation) -> dict[str, CollectionPoint]:
    purposes = {p.name: p for p in Purpose.objects.all()}
    categories = {c.code: c for c in DataCategory.objects.all()}
    systems = {s.name: s for s in System.objects.all()}
    made = {}
    for name, kind, purpose_names, codes, system_names, law in POINTS:
        point, _ = CollectionPoint.objects.get_or_create(
            name=name,
            defaults={
                "kind": kind,
                "indirect": kind in CollectionPoint.INDIRECT_KINDS,
                "required_by_law": law,
                "publicly_available": kind == "public_directory",
            },
        )
        point.purposes.set([purposes[p] for p in purpose_names])
        point.data_categories.set([categories[c] for c in codes])
        point.systems.set([systems[s] for s in system_names])
        made[name] = point
    year_ago = timezone.now() - timedelta(days=400)
    for name in ("Website contact form", "Support portal", "Referral from a partner"):
        if not made[name].notices.exists():
            collection.publish_notice(made[name], _notice_text(made[name], org), effective_from=year_ago)
    if not made["Job applications"].notices.exists():
        partial = {k: v for k, v in _notice_text(made["Job applications"], org).items() if k != "retention"}
        collection.publish_notice(made["Job applications"], partial, effective_from=year_ago)
    return made


def _collections(points: dict[str, CollectionPoint], rng: random.Random) -> None:
    now = timezone.now()
    people = list(Person.objects.select_related("subject_type").order_by("pk")[:400])
    partners = ["Harbour IT Solutions", "Kauri Business Advisers", "Bluegum Accounting"]
    for person in people:
        code = person.subject_type.code if person.subject_type else ""
        if code == "client_contact" and rng.random() < 0.5:
            point = points[rng.choice(["Website contact form", "Support portal"])]
            collection.record_collection(
                person=person, point=point, collected_at=now - timedelta(days=rng.randrange(30, 380))
            )
        elif code == "prospect":
            indirect = rng.random() < 0.6
            point = points["Referral from a partner" if indirect else "Public business directory"]
            # Most referrals are recent enough that a notice is still owed; a few are late.
            record = collection.record_collection(
                person=person,
                point=point,
                collected_at=now - timedelta(days=rng.choice([2, 5, 9, 20, 40, 120])),
                source=rng.choice(partners) if indirect else "Public business directory listing",
            )
            if record.notice_status == "pending" and rng.random() < 0.4 and point.current_notice():
                collection.give_notice(record, "email")
        elif code == "job_applicant" and rng.random() < 0.7:
            collection.record_collection(
                person=person, point=points["Job applications"], collected_at=now - timedelta(days=rng.randrange(5, 90))
            )


def _disclosures(rng: random.Random) -> None:
    now = timezone.now()
    accountant = Recipient.objects.get(name="External accountant")
    ato = Recipient.objects.get(name="Australian Taxation Office")
    billing, employment = DataCategory.objects.get(code="billing"), DataCategory.objects.get(code="employment")
    billing_purpose = Purpose.objects.get(name="Billing and collecting payment")
    clients = list(Person.objects.filter(jurisdiction="AU", subject_type__code="client_contact").order_by("pk")[:6])
    for person in clients[:4]:
        disclosures.record_disclosure(
            person=person,
            recipient=accountant,
            categories=[billing],
            purpose=billing_purpose,
            reason="Disputed invoice reviewed with our accountant.",
            disclosed_at=now - timedelta(days=rng.randrange(3, 200)),
            facts=DisclosureFacts(collection_purpose=billing_purpose.name),
        )
    police, _ = Recipient.objects.get_or_create(
        name="State police", defaults={"kind": "government", "country": "AU", "contact": "Local area command"}
    )
    if clients[4:]:
        disclosures.record_disclosure(
            person=clients[4],
            recipient=police,
            categories=[DataCategory.objects.get(code="technical")],
            reason="Remote-access logs for a reported intrusion on the client's network.",
            disclosed_at=now - timedelta(days=45),
            facts=DisclosureFacts(collection_purpose="Delivering managed IT services", exception="enforcement_body"),
            reference="Police request 2026/4471",
            enforcement_activity="Investigation of unauthorised access to the client's systems (a criminal offence).",
            belief_basis="Written request from a detective naming the investigation; only the relevant logs given.",
        )
    accounting = System.objects.get(name="Accounting")
    sync = disclosures.define_routine(
        name="Nightly invoice sync to the external accountant",
        recipient=accountant,
        categories=[billing],
        purpose=Purpose.objects.get(name="Keeping financial records"),
        reason="Invoices and payments are copied to our accountant's ledger for bookkeeping and tax returns.",
        started_on=(now - timedelta(days=400)).date(),
        facts=DisclosureFacts(collection_purpose="Keeping financial records"),
        source_system=accounting,
        jurisdictions=["au"],
    )
    for night in range(30, 0, -1):
        disclosures.record_run(sync, now - timedelta(days=night, hours=-2), rng.randrange(40, 90), f"sync-{night}")
    stp = disclosures.define_routine(
        name="Single Touch Payroll reporting",
        recipient=ato,
        categories=[employment],
        purpose=Purpose.objects.get(name="Employing and paying staff"),
        reason="Pay and tax details reported to the ATO each pay day, as the tax law requires.",
        frequency="each pay day (fortnightly)",
        started_on=(now - timedelta(days=400)).date(),
        facts=DisclosureFacts(collection_purpose="Employing and paying staff", exception="required_by_law"),
        source_system=System.objects.get(name="Payroll"),
        jurisdictions=["au"],
    )
    for fortnight in range(10, 0, -1):
        disclosures.record_run(stp, now - timedelta(days=14 * fortnight), rng.randrange(12, 16), f"STP-{fortnight}")


def _clients(tech: object, officer: object, rng: random.Random) -> None:
    now = timezone.now()
    health = DataCategory.objects.get(code="health")
    practice, _ = ClientOrganisation.objects.get_or_create(
        name="Harbourside Family Medical (demo)",
        defaults={
            "agreement_reference": "MSA-2025-014",
            "confidentiality_terms": "Clause 12: patient information is confidential; access only to resolve a "
            "logged ticket; no copies leave the practice's systems; breaches reported within 24 hours.",
            "agreement_signed_on": (now - timedelta(days=300)).date(),
            "agreement_expires_on": (now + timedelta(days=430)).date(),
        },
    )
    records, _ = ClientSystem.objects.get_or_create(client=practice, name="Patient records", holds_sensitive=True)
    records.data_categories.set([health])
    files, _ = ClientSystem.objects.get_or_create(client=practice, name="Practice file server")
    legal, _ = ClientOrganisation.objects.get_or_create(
        name="Kauri Legal (demo)", defaults={"agreement_reference": "NZ-MSA-007"}
    )
    dms, _ = ClientSystem.objects.get_or_create(client=legal, name="Document management", holds_sensitive=True)
    reasons = ["Restore a deleted letter", "Printer driver fault", "Backup check", "Patch a server", "MFA reset"]
    for i in range(25):
        system = rng.choice([records, files, dms])
        when = now - timedelta(days=rng.randrange(1, 60), hours=rng.randrange(0, 8))
        providers.log_access(
            system=system,
            staff=rng.choice([tech, officer]),
            accessed_at=when,
            ended_at=when + timedelta(minutes=rng.randrange(10, 90)),
            ticket="" if i % 9 == 0 else f"T-{4000 + i}",
            reason=rng.choice(reasons),
            channel=rng.choice(["api", "console"]),
        )


def _agreements() -> None:
    today = timezone.localdate()
    crm_vendor = Recipient.objects.get(name="CRM vendor")
    mail_vendor = Recipient.objects.get(name="Email-marketing vendor")
    helpdesk_vendor, _ = Recipient.objects.get_or_create(
        name="Helpdesk vendor", defaults={"kind": "service_provider", "country": "AU"}
    )
    rows = [
        (crm_vendor, "CRM data processing addendum", "CRM", list(TERMS), None, ["US"]),
        (mail_vendor, "Email platform terms", "Email marketing", list(TERMS), today + timedelta(days=30), ["US"]),
        (helpdesk_vendor, "PSA subscription terms", "Helpdesk (PSA)", [t for t in TERMS if t != "audit"], None, ["AU"]),
    ]
    for party, title, system, terms, expires, where in rows:
        agreement, made = Agreement.objects.get_or_create(
            party=party,
            title=title,
            defaults={
                "terms": terms,
                "signed_on": today - timedelta(days=200),
                "expires_on": expires,
                "work_locations": where,
            },
        )
        if made:
            agreement.systems.set([System.objects.get(name=system)])


def _acknowledgements(tech: object) -> None:
    policy, made = StaffDocument.objects.get_or_create(title="Privacy policy", defaults={"kind": "privacy_policy"})
    if made:
        version = acknowledgements.publish_version(
            policy, "2026.1", "How we collect, hold, use and disclose personal information (demo text)."
        )
        acknowledgements.acknowledge(tech, version)
    procedure, made = StaffDocument.objects.get_or_create(
        title="Handling client data procedure", defaults={"kind": "procedure"}
    )
    if made:
        acknowledgements.publish_version(
            procedure, "1", "Access a client's system only for a logged ticket; log every access; never copy data."
        )


def _requests(officer: object) -> None:
    """A few requests in the queue: one overdue, one due this week, one from the EU, one awaiting a code."""
    from privacydesk.rights import services as rights

    now = timezone.now()
    people = list(Person.objects.filter(identities__kind="email").distinct().order_by("pk")[:4])
    cases = [("access", 33, "Phone call; confirmed on the mobile number on file"), ("correction", 26, "In person"),
             ("erasure", 3, "Replied from the address on file")]  # fmt: skip
    for person, (kind, days_ago, checked) in zip(people, cases, strict=False):
        email = person.identities.filter(kind="email").first()
        assert email is not None
        rights.submit_verified(
            rights.Submission(kind, person.name, email.value, country=str(person.country or "")),
            checked,
            received_at=now - timedelta(days=days_ago),
        )
    if len(people) == 4:
        rights.submit(rights.Submission("hold", people[3].name, "not-yet-confirmed@example.com.au", country="AU"))


def load_records(seed: int = 2026) -> None:
    """Create the demo's accountability records (once: a second call changes nothing)."""
    if CollectionPoint.objects.exists():
        return
    org = Organisation.current()
    if org is None:
        return
    rng = random.Random(seed)  # noqa: S311 - synthetic demo data, not a secret
    users = get_user_model().objects
    with transaction.atomic():
        found = users.filter(username="tech.demo").first()
        tech = found if found is not None else create_staff("tech.demo", "tech@example.com.au", [STAFF])[0]
        officer = users.get(username="officer")
        points = _points(org)
        _collections(points, rng)
        _disclosures(rng)
        _clients(tech, officer, rng)
        _agreements()
        _acknowledgements(tech)
        _requests(officer)
