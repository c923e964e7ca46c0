"""Dated obligations that documents must meet: what a privacy policy or a collection notice must say,
as the law stands on a given day.

The policy and accountability-records issues read these to check a policy or notice for
completeness; the engine keeps only the rule, its citation and when it is in force.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date

from privacydesk.law.calendar import JURISDICTIONS
from privacydesk.law.errors import LawError
from privacydesk.law.rules import APP_START, GDPR_START, NZ_2020_START

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
IPP_3A = date(2026, 5, 1)  # amendment inserting IPP 3A (LAW.md); confirm the amending Act


def _o(oid: str, j: str, doc: str, cite: str, text: str, start: date, end: date | None = None) -> Obligation:
    return Obligation(oid, j, doc, cite, text, start, end)


OBLIGATIONS: tuple[Obligation, ...] = (
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
    _o(
        "app5_2",
        "au",
        "collection_notice",
        "APP 5.2",
        "identity and contact details; the fact and circumstances of collection; whether required by law; purposes; "
        "consequences of not collecting; usual recipients; access, correction and complaints in the policy; "
        "likely overseas recipients and their countries",
        APP_START,
    ),
    _o(
        "ipp3",
        "nz",
        "collection_notice",
        "Privacy Act 2020 s 22, IPP 3(1)",
        "the fact of collection; purpose; intended recipients; the agency's name and address; any law authorising or "
        "requiring it; whether supply is voluntary or mandatory and the consequences; rights of access and correction",
        NZ_2020_START,
    ),
    _o(
        "ipp3a",
        "nz",
        "indirect_collection_notice",
        "Privacy Act 2020 s 22, IPP 3A",
        "when collected from someone else: the fact of collection, purpose, intended recipients, the agency's name and "
        "address, any law authorising it, and rights of access and correction, as soon as reasonably practicable",
        IPP_3A,
    ),
    _o(
        "gdpr13",
        "eu",
        "collection_notice",
        "GDPR Art 13",
        "controller identity and contacts; DPO contacts; purposes and lawful basis; legitimate interests; recipients; "
        "third-country transfers and safeguards; retention; rights; withdrawal of consent; right to complain; "
        "statutory or contractual requirement; automated decision-making",
        GDPR_START,
    ),
    _o(
        "gdpr14",
        "eu",
        "indirect_collection_notice",
        "GDPR Art 14",
        "the Art 13 matters plus the categories of data and their source, within a reasonable period and at the "
        "latest within one month",
        GDPR_START,
    ),
)


def obligations(jurisdiction: str, document: str, on: date) -> list[Obligation]:
    """What ``document`` must contain under ``jurisdiction``'s law on ``on``."""
    if jurisdiction not in JURISDICTIONS:
        raise LawError(f"unknown jurisdiction {jurisdiction!r}; accepted: {', '.join(JURISDICTIONS)}")
    if document not in DOCUMENTS:
        raise LawError(f"unknown document {document!r}; accepted: {', '.join(DOCUMENTS)}")
    return [o for o in OBLIGATIONS if o.jurisdiction == jurisdiction and o.document == document and o.in_force(on)]
