"""The standard data categories and subject types a new installation starts with.

A privacy officer should not face an empty register: these are the kinds of information and people
an Australian or New Zealand service business usually holds, with every category of *sensitive
information* in the Privacy Act 1988 s 6(1) and of *special category data* in GDPR Art 9(1) flagged.
They are seeded once, when the tables are empty after a migrate; after that the register is the
organisation's own to edit, and nothing is put back.
"""

from __future__ import annotations

from typing import Any

SENSITIVE_CITATION = "Privacy Act 1988 (Cth) s 6(1) 'sensitive information'; GDPR Art 9(1)"

# (code, name, parent code, sensitive, description)
CATEGORIES: list[tuple[str, str, str | None, bool, str]] = [
    ("contact", "Contact details", None, False, "Names, email addresses, phone numbers, postal addresses."),
    ("identity", "Identity information", None, False, "Date of birth, identity documents sighted."),
    ("government_ids", "Government identifiers", "identity", False, "TFN, Medicare, driver licence, passport, IRD."),
    ("billing", "Billing and payment", None, False, "Invoices, payment history, bank details."),
    ("card", "Payment card data", "billing", False, "Card numbers taken for payment; destroyed after use."),
    ("credit", "Credit information", None, False, "Credit checks, trade references (Privacy Act Part IIIA)."),
    ("technical", "Technical and support data", None, False, "Tickets, device and user details, logs."),
    ("credentials", "Account credentials", "technical", False, "Usernames and passwords held to support clients."),
    ("website", "Website usage", None, False, "Cookies, analytics identifiers, IP addresses."),
    ("recordings", "Communications recordings", None, False, "Call recordings and voicemail."),
    ("cctv", "Images and CCTV", None, False, "Photographs and camera footage."),
    ("employment", "Employment records", None, False, "Staff records, payroll, leave, performance."),
    ("recruitment", "Recruitment", None, False, "Applications, CVs, referee reports."),
    ("racial_ethnic_origin", "Racial or ethnic origin", None, True, SENSITIVE_CITATION),
    ("political_opinions", "Political opinions", None, True, SENSITIVE_CITATION),
    ("political_association", "Membership of a political association", None, True, "Privacy Act 1988 s 6(1)"),
    ("religious_beliefs", "Religious beliefs or affiliations", None, True, SENSITIVE_CITATION),
    ("philosophical_beliefs", "Philosophical beliefs", None, True, SENSITIVE_CITATION),
    (
        "professional_association",
        "Membership of a professional or trade association",
        None,
        True,
        "Privacy Act 1988 s 6(1)",
    ),
    ("trade_union", "Trade union membership", None, True, SENSITIVE_CITATION),
    ("sexual_orientation", "Sexual orientation or practices; sex life", None, True, SENSITIVE_CITATION),
    ("criminal", "Criminal record", None, True, "Privacy Act 1988 s 6(1); GDPR Art 10"),
    ("health", "Health information", None, True, "Privacy Act 1988 s 6(1) and s 6FA; GDPR Art 9(1)"),
    ("genetic", "Genetic information", None, True, SENSITIVE_CITATION),
    ("biometric", "Biometric information and templates", None, True, SENSITIVE_CITATION),
]

SUBJECT_TYPES: list[tuple[str, str]] = [
    ("client_contact", "Client contacts"),
    ("prospect", "Prospects"),
    ("staff", "Staff"),
    ("job_applicant", "Job applicants"),
    ("contractor", "Contractors"),
    ("supplier", "Suppliers"),
    ("reseller", "Resellers"),
    ("website_visitor", "Website visitors"),
]


def seed(**kwargs: Any) -> None:
    """post_migrate handler: fill empty category and subject-type tables with the standard set.

    Bulk-inserted with one audit entry for the whole seeding, rather than 33 entries of install noise.
    """
    from django.db import transaction

    from privacydesk.audit import chain
    from privacydesk.register.models import DataCategory, SubjectType

    with transaction.atomic():
        seeded = []
        if not DataCategory.objects.exists():
            DataCategory.objects.bulk_create(
                DataCategory(code=code, name=name, sensitive=sensitive, description=description)
                for code, name, _, sensitive, description in CATEGORIES
            )
            by_code = {c.code: c for c in DataCategory.objects.all()}
            for code, _, parent, _, _ in CATEGORIES:
                if parent:
                    DataCategory.objects.filter(pk=by_code[code].pk).update(parent=by_code[parent])
            seeded.append(f"{len(CATEGORIES)} data categories")
        if not SubjectType.objects.exists():
            SubjectType.objects.bulk_create(SubjectType(code=code, name=name) for code, name in SUBJECT_TYPES)
            seeded.append(f"{len(SUBJECT_TYPES)} subject types")
        if seeded:
            chain.append("create", "register.taxonomy", "", summary="standard taxonomy seeded: " + ", ".join(seeded))
