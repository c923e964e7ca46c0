"""Dated obligations that documents must meet: what a privacy policy or a collection notice must say,
as the law stands on a given day.

The privacy policy's obligations are listed here; a collection notice's are the matters in
``law/notices.py``, one per thing the notice must say, so a notice can be checked matter by matter.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from privacydesk.law.calendar import JURISDICTIONS
from privacydesk.law.errors import LawError
from privacydesk.law.notices import MATTERS
from privacydesk.law.rules import APP_START

DOCUMENTS = ("privacy_policy", "collection_notice", "indirect_collection_notice")


@dataclass(frozen=True)
class Obligation:
    id: str
    jurisdiction: str
    document: str
    citation: str
    requirement: str
    in_force_from: date
    in_force_to: date | None = None

    def in_force(self, day: date) -> bool:
        return self.in_force_from <= day and (self.in_force_to is None or day <= self.in_force_to)

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["in_force_from"] = self.in_force_from.isoformat()
        data["in_force_to"] = self.in_force_to.isoformat() if self.in_force_to else None
        return data


AUTOMATED_DECISIONS = date(2026, 12, 10)  # Privacy and Other Legislation Amendment Act 2024 (Cth)


def _o(oid: str, j: str, doc: str, cite: str, text: str, start: date, end: date | None = None) -> Obligation:
    return Obligation(oid, j, doc, cite, text, start, end)


_POLICY: tuple[Obligation, ...] = (
    _o(
        "app1_4_a",
        "au",
        "privacy_policy",
        "APP 1.4(a)",
        "the kinds of personal information collected and held",
        APP_START,
    ),
    _o("app1_4_b", "au", "privacy_policy", "APP 1.4(b)", "how personal information is collected and held", APP_START),
    _o(
        "app1_4_c",
        "au",
        "privacy_policy",
        "APP 1.4(c)",
        "the purposes of collection, holding, use and disclosure",
        APP_START,
    ),
    _o(
        "app1_4_d",
        "au",
        "privacy_policy",
        "APP 1.4(d)",
        "how to access and seek correction of personal information",
        APP_START,
    ),
    _o(
        "app1_4_e",
        "au",
        "privacy_policy",
        "APP 1.4(e)",
        "how to complain about a breach of the APPs and how complaints are dealt with",
        APP_START,
    ),
    _o(
        "app1_4_f",
        "au",
        "privacy_policy",
        "APP 1.4(f)",
        "whether disclosure to overseas recipients is likely",
        APP_START,
    ),
    _o(
        "app1_4_g",
        "au",
        "privacy_policy",
        "APP 1.4(g)",
        "the countries of likely overseas recipients, where practicable",
        APP_START,
    ),
    _o(
        "app1_7",
        "au",
        "privacy_policy",
        "APP 1.7-1.9",
        "the kinds of personal information used in, and the kinds of decisions made by, computer programs that make "
        "or substantially contribute to decisions significantly affecting individuals",
        AUTOMATED_DECISIONS,
    ),
)
# Collection notices: one obligation per matter the notice must cover (law/notices.py).
OBLIGATIONS: tuple[Obligation, ...] = _POLICY + tuple(
    Obligation(m.id, m.jurisdiction, m.document, m.citation, m.requirement, m.in_force_from) for m in MATTERS
)


def obligations(jurisdiction: str, document: str, on: date) -> list[Obligation]:
    """What ``document`` must contain under ``jurisdiction``'s law on ``on``."""
    if jurisdiction not in JURISDICTIONS:
        raise LawError(f"unknown jurisdiction {jurisdiction!r}; accepted: {', '.join(JURISDICTIONS)}")
    if document not in DOCUMENTS:
        raise LawError(f"unknown document {document!r}; accepted: {', '.join(DOCUMENTS)}")
    return [o for o in OBLIGATIONS if o.jurisdiction == jurisdiction and o.document == document and o.in_force(on)]
