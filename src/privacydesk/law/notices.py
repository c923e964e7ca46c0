"""What a collection notice must tell people, matter by matter, and a check that a notice does.

A notice is written as sections, one per *topic* ("who we are", "why we collect it", "who we give it
to"…), so that one text can serve Australia, New Zealand and the EU at once: each legal *matter*
(APP 5.2(d), IPP 3(1)(b), GDPR Art 13(1)(c)…) names the topic that answers it. ``check_notice``
reports every matter in force for the jurisdictions and date asked whose topic is still empty.

Some matters apply only on a fact: the collection is required by law, data goes overseas, a
purpose rests on legitimate interests or consent, a data protection officer is appointed. The
caller says which facts hold; a matter whose fact does not hold is not required.

The check is of completeness, not of quality: that a section exists and is not blank. Whether the
words are true is the privacy officer's judgement (and the policy checks in the policy issue).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from privacydesk.law.errors import LawError
from privacydesk.law.rules import APP_START, GDPR_START, IPP_3A_START, NZ_2020_START

NOTICE_DOCUMENTS = ("collection_notice", "indirect_collection_notice")

# Topic key: (heading a reader sees, hint for the writer).
TOPICS: dict[str, tuple[str, str]] = {
    "identity": ("Who we are", "Our name, postal address and how to contact us about privacy."),
    "dpo": ("Our data protection officer", "How to contact the data protection officer."),
    "collection_fact": ("What we collect and how", "That we collect your information, what it is, and how."),
    "source": ("Where we got your information", "Who gave it to us or where it was published, and when."),
    "categories": ("The kinds of information", "The categories of personal information we obtained."),
    "purposes": ("Why we collect it", "The purposes we will use it for."),
    "lawful_basis": ("Our legal basis", "The GDPR Art 6 basis for each purpose."),
    "legitimate_interests": ("Our legitimate interests", "The interests we rely on, where the basis is Art 6(1)(f)."),
    "law": ("Laws that require or authorise it", "The name of the law, where a law requires or authorises it."),
    "voluntary": ("Whether you have to give it", "Whether giving it is voluntary or required, and why."),
    "consequences": ("If you do not give it", "What happens if you do not give us some or all of it."),
    "recipients": ("Who we give it to", "The organisations or kinds of organisation we usually disclose it to."),
    "overseas": ("Overseas", "Whether it is likely to go overseas, to which countries, and on what safeguards."),
    "retention": ("How long we keep it", "The period, or how the period is decided."),
    "access_correction": ("Seeing and correcting it", "How to ask for access and correction."),
    "rights": ("Your other rights", "Erasure, restriction, objection and portability (GDPR)."),
    "withdraw_consent": ("Withdrawing consent", "That consent can be withdrawn at any time, and how."),
    "complaints": ("Complaints", "How to complain to us and to the regulator, and how we deal with complaints."),
    "automated_decisions": ("Automated decisions", "Whether we make automated decisions or profile, and how."),
}

# Facts on which a matter may depend.
FACTS = ("required_by_law", "overseas", "legitimate_interests", "consent_basis", "dpo_appointed")


@dataclass(frozen=True)
class Matter:
    id: str
    jurisdiction: str
    document: str
    topic: str
    citation: str
    requirement: str
    in_force_from: date
    condition: str | None = None  # one of FACTS: required only when it holds

    def as_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "jurisdiction": self.jurisdiction,
            "document": self.document,
            "topic": self.topic,
            "citation": self.citation,
            "requirement": self.requirement,
            "in_force_from": self.in_force_from.isoformat(),
            "condition": self.condition,
        }


def _both(
    base: str, jurisdiction: str, cite: str, topic: str, text: str, start: date, cond: str | None = None
) -> tuple[Matter, Matter]:
    """The same matter in the direct and the indirect notice (APP 5 covers both)."""
    return (
        Matter(f"{base}", jurisdiction, "collection_notice", topic, cite, text, start, cond),
        Matter(f"{base}_indirect", jurisdiction, "indirect_collection_notice", topic, cite, text, start, cond),
    )


_APP5 = "Privacy Act 1988 (Cth) Sch 1, APP 5.2"
_IPP3 = "Privacy Act 2020 (NZ) s 22, IPP 3(1)"
_IPP3A = "Privacy Act 2020 (NZ) s 22, IPP 3A(1)"

MATTERS: tuple[Matter, ...] = (
    # --- Australia: APP 5.2, for direct and indirect collection alike -----------------------------
    *_both("app5_2_a", "au", f"{_APP5}(a)", "identity", "the entity's identity and contact details", APP_START),
    Matter(
        "app5_2_b",
        "au",
        "collection_notice",
        "collection_fact",
        f"{_APP5}(b)",
        "the fact and circumstances of collection, where the individual may not be aware of it",
        APP_START,
    ),
    Matter(
        "app5_2_b_indirect",
        "au",
        "indirect_collection_notice",
        "source",
        f"{_APP5}(b)",
        "that the entity collected the information from someone else, and the circumstances of that collection",
        APP_START,
    ),
    *_both(
        "app5_2_c",
        "au",
        f"{_APP5}(c)",
        "law",
        "where collection is required or authorised by law: that fact and the name of the law",
        APP_START,
        "required_by_law",
    ),
    *_both("app5_2_d", "au", f"{_APP5}(d)", "purposes", "the purposes of collection", APP_START),
    *_both(
        "app5_2_e",
        "au",
        f"{_APP5}(e)",
        "consequences",
        "the main consequences if the information is not collected",
        APP_START,
    ),
    *_both(
        "app5_2_f",
        "au",
        f"{_APP5}(f)",
        "recipients",
        "the entities or kinds of entities to which the information is usually disclosed",
        APP_START,
    ),
    *_both(
        "app5_2_g",
        "au",
        f"{_APP5}(g)",
        "access_correction",
        "that the privacy policy explains how to access and seek correction of the information",
        APP_START,
    ),
    *_both(
        "app5_2_h",
        "au",
        f"{_APP5}(h)",
        "complaints",
        "that the privacy policy explains how to complain and how complaints are dealt with",
        APP_START,
    ),
    *_both(
        "app5_2_i",
        "au",
        f"{_APP5}(i)",
        "overseas",
        "whether the information is likely to be disclosed to overseas recipients",
        APP_START,
    ),
    *_both(
        "app5_2_j",
        "au",
        f"{_APP5}(j)",
        "overseas",
        "where it is likely: the countries of those recipients, if practicable",
        APP_START,
        "overseas",
    ),
    # --- New Zealand: IPP 3 (direct) ---------------------------------------------------------------
    Matter("ipp3_1_a", "nz", "collection_notice", "collection_fact", f"{_IPP3}(a)", "the fact of collection",
           NZ_2020_START),
    Matter("ipp3_1_b", "nz", "collection_notice", "purposes", f"{_IPP3}(b)", "the purpose of collection",
           NZ_2020_START),
    Matter("ipp3_1_c", "nz", "collection_notice", "recipients", f"{_IPP3}(c)", "the intended recipients",
           NZ_2020_START),
    Matter(
        "ipp3_1_d",
        "nz",
        "collection_notice",
        "identity",
        f"{_IPP3}(d)",
        "the name and address of the agency collecting and the agency holding the information",
        NZ_2020_START,
    ),
    Matter(
        "ipp3_1_e_i",
        "nz",
        "collection_notice",
        "law",
        f"{_IPP3}(e)(i)",
        "where collection is authorised or required by law: the particular law",
        NZ_2020_START,
        "required_by_law",
    ),
    Matter(
        "ipp3_1_e_ii",
        "nz",
        "collection_notice",
        "voluntary",
        f"{_IPP3}(e)(ii)",
        "where collection is authorised or required by law: whether supplying it is voluntary or mandatory",
        NZ_2020_START,
        "required_by_law",
    ),
    Matter(
        "ipp3_1_f",
        "nz",
        "collection_notice",
        "consequences",
        f"{_IPP3}(f)",
        "the consequences, if any, of not providing all or part of the information",
        NZ_2020_START,
    ),
    Matter(
        "ipp3_1_g",
        "nz",
        "collection_notice",
        "access_correction",
        f"{_IPP3}(g)",
        "the rights of access to and correction of the information (IPPs 6 and 7)",
        NZ_2020_START,
    ),
    # --- New Zealand: IPP 3A (indirect), for information collected from 1 May 2026 -----------------
    Matter("ipp3a_fact", "nz", "indirect_collection_notice", "collection_fact", _IPP3A,
           "the fact that the information has been collected", IPP_3A_START),
    Matter("ipp3a_purpose", "nz", "indirect_collection_notice", "purposes", _IPP3A,
           "the purpose for which it was collected", IPP_3A_START),
    Matter("ipp3a_recipients", "nz", "indirect_collection_notice", "recipients", _IPP3A,
           "the intended recipients", IPP_3A_START),
    Matter("ipp3a_agency", "nz", "indirect_collection_notice", "identity", _IPP3A,
           "the name and address of the agency that collected and the agency that holds the information",
           IPP_3A_START),
    Matter("ipp3a_law", "nz", "indirect_collection_notice", "law", _IPP3A,
           "where collection is authorised or required by law: the particular law", IPP_3A_START,
           "required_by_law"),
    Matter("ipp3a_access", "nz", "indirect_collection_notice", "access_correction", _IPP3A,
           "the rights of access to and correction of the information", IPP_3A_START),
    # --- EU: GDPR Art 13 (from the data subject) ---------------------------------------------------
    Matter("gdpr13_1_a", "eu", "collection_notice", "identity", "GDPR Art 13(1)(a)",
           "the identity and contact details of the controller and any representative", GDPR_START),
    Matter("gdpr13_1_b", "eu", "collection_notice", "dpo", "GDPR Art 13(1)(b)",
           "the contact details of the data protection officer, where there is one", GDPR_START, "dpo_appointed"),
    Matter("gdpr13_1_c", "eu", "collection_notice", "purposes", "GDPR Art 13(1)(c)",
           "the purposes of the processing", GDPR_START),
    Matter("gdpr13_1_c_basis", "eu", "collection_notice", "lawful_basis", "GDPR Art 13(1)(c)",
           "the legal basis for the processing", GDPR_START),
    Matter("gdpr13_1_d", "eu", "collection_notice", "legitimate_interests", "GDPR Art 13(1)(d)",
           "where the basis is Art 6(1)(f): the legitimate interests pursued", GDPR_START, "legitimate_interests"),
    Matter("gdpr13_1_e", "eu", "collection_notice", "recipients", "GDPR Art 13(1)(e)",
           "the recipients or categories of recipients", GDPR_START),
    Matter("gdpr13_1_f", "eu", "collection_notice", "overseas", "GDPR Art 13(1)(f)",
           "where data goes to a third country: that fact, the adequacy decision or safeguards, and how to get a "
           "copy of them", GDPR_START, "overseas"),
    Matter("gdpr13_2_a", "eu", "collection_notice", "retention", "GDPR Art 13(2)(a)",
           "the retention period, or the criteria that decide it", GDPR_START),
    Matter("gdpr13_2_b", "eu", "collection_notice", "rights", "GDPR Art 13(2)(b)",
           "the rights of access, rectification, erasure, restriction, objection and portability", GDPR_START),
    Matter("gdpr13_2_c", "eu", "collection_notice", "withdraw_consent", "GDPR Art 13(2)(c)",
           "where a basis is consent: the right to withdraw it at any time", GDPR_START, "consent_basis"),
    Matter("gdpr13_2_d", "eu", "collection_notice", "complaints", "GDPR Art 13(2)(d)",
           "the right to lodge a complaint with a supervisory authority", GDPR_START),
    Matter("gdpr13_2_e", "eu", "collection_notice", "voluntary", "GDPR Art 13(2)(e)",
           "whether providing the data is a statutory or contractual requirement, whether the person must provide "
           "it and the consequences of not doing so", GDPR_START),
    Matter("gdpr13_2_f", "eu", "collection_notice", "automated_decisions", "GDPR Art 13(2)(f)",
           "the existence of automated decision-making, including profiling, and meaningful information about it",
           GDPR_START),
    # --- EU: GDPR Art 14 (not from the data subject) -----------------------------------------------
    Matter("gdpr14_1_a", "eu", "indirect_collection_notice", "identity", "GDPR Art 14(1)(a)",
           "the identity and contact details of the controller and any representative", GDPR_START),
    Matter("gdpr14_1_b", "eu", "indirect_collection_notice", "dpo", "GDPR Art 14(1)(b)",
           "the contact details of the data protection officer, where there is one", GDPR_START, "dpo_appointed"),
    Matter("gdpr14_1_c", "eu", "indirect_collection_notice", "purposes", "GDPR Art 14(1)(c)",
           "the purposes of the processing", GDPR_START),
    Matter("gdpr14_1_c_basis", "eu", "indirect_collection_notice", "lawful_basis", "GDPR Art 14(1)(c)",
           "the legal basis for the processing", GDPR_START),
    Matter("gdpr14_1_d", "eu", "indirect_collection_notice", "categories", "GDPR Art 14(1)(d)",
           "the categories of personal data concerned", GDPR_START),
    Matter("gdpr14_1_e", "eu", "indirect_collection_notice", "recipients", "GDPR Art 14(1)(e)",
           "the recipients or categories of recipients", GDPR_START),
    Matter("gdpr14_1_f", "eu", "indirect_collection_notice", "overseas", "GDPR Art 14(1)(f)",
           "where data goes to a third country: that fact and the adequacy decision or safeguards", GDPR_START,
           "overseas"),
    Matter("gdpr14_2_a", "eu", "indirect_collection_notice", "retention", "GDPR Art 14(2)(a)",
           "the retention period, or the criteria that decide it", GDPR_START),
    Matter("gdpr14_2_b", "eu", "indirect_collection_notice", "legitimate_interests", "GDPR Art 14(2)(b)",
           "where the basis is Art 6(1)(f): the legitimate interests pursued", GDPR_START, "legitimate_interests"),
    Matter("gdpr14_2_c", "eu", "indirect_collection_notice", "rights", "GDPR Art 14(2)(c)",
           "the rights of access, rectification, erasure, restriction, objection and portability", GDPR_START),
    Matter("gdpr14_2_d", "eu", "indirect_collection_notice", "withdraw_consent", "GDPR Art 14(2)(d)",
           "where a basis is consent: the right to withdraw it at any time", GDPR_START, "consent_basis"),
    Matter("gdpr14_2_e", "eu", "indirect_collection_notice", "complaints", "GDPR Art 14(2)(e)",
           "the right to lodge a complaint with a supervisory authority", GDPR_START),
    Matter("gdpr14_2_f", "eu", "indirect_collection_notice", "source", "GDPR Art 14(2)(f)",
           "the source of the data and whether it came from a publicly accessible source", GDPR_START),
    Matter("gdpr14_2_g", "eu", "indirect_collection_notice", "automated_decisions", "GDPR Art 14(2)(g)",
           "the existence of automated decision-making, including profiling, and meaningful information about it",
           GDPR_START),
)  # fmt: skip


@dataclass
class NoticeCheck:
    """The outcome of checking one notice: what it covers and what it still lacks."""

    required: list[Matter] = field(default_factory=list)
    missing: list[Matter] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing

    @property
    def topics_needed(self) -> list[str]:
        """Topics the notice must have, in reading order."""
        wanted = {m.topic for m in self.required}
        return [t for t in TOPICS if t in wanted]

    def as_dict(self) -> dict[str, object]:
        return {
            "complete": self.complete,
            "topics_needed": self.topics_needed,
            "missing": [m.as_dict() for m in self.missing],
            "required": [m.as_dict() for m in self.required],
        }


def _check_args(jurisdictions: Iterable[str], document: str, facts: Iterable[str]) -> tuple[list[str], set[str]]:
    if document not in NOTICE_DOCUMENTS:
        raise LawError(f"unknown document {document!r}; accepted: {', '.join(NOTICE_DOCUMENTS)}")
    regimes = [j.lower() for j in jurisdictions]
    unknown = [j for j in regimes if j not in {"au", "nz", "eu"}]
    if unknown:
        raise LawError(f"unknown jurisdiction {unknown[0]!r}; accepted: au, nz, eu")
    held = set(facts)
    bad = held - set(FACTS)
    if bad:
        raise LawError(f"unknown fact {sorted(bad)[0]!r}; accepted: {', '.join(FACTS)}")
    return regimes, held


def required_matters(jurisdictions: Iterable[str], document: str, on: date, facts: Iterable[str] = ()) -> list[Matter]:
    """The matters a ``document`` must cover for these jurisdictions on ``on``, given the ``facts`` that hold."""
    regimes, held = _check_args(jurisdictions, document, facts)
    return [
        m
        for m in MATTERS
        if m.jurisdiction in regimes
        and m.document == document
        and m.in_force_from <= on
        and (m.condition is None or m.condition in held)
    ]


def check_notice(
    jurisdictions: Iterable[str],
    document: str,
    on: date,
    sections: Mapping[str, str],
    facts: Iterable[str] = (),
) -> NoticeCheck:
    """Which required matters ``sections`` (topic → text) leaves unanswered.

    >>> check = check_notice(["nz"], "indirect_collection_notice", date(2026, 5, 1), {"identity": "Acme, 1 Queen St"})
    >>> [m.id for m in check.missing][:2]
    ['ipp3a_fact', 'ipp3a_purpose']
    """
    unknown = [t for t in sections if t not in TOPICS]
    if unknown:
        raise LawError(f"unknown notice section {unknown[0]!r}; accepted: {', '.join(TOPICS)}")
    required = required_matters(jurisdictions, document, on, facts)
    missing = [m for m in required if not str(sections.get(m.topic, "")).strip()]
    return NoticeCheck(required=required, missing=missing)


@dataclass(frozen=True)
class NoticeException:
    """A reason the law accepts for not notifying a person of an indirect collection."""

    code: str
    jurisdiction: str
    citation: str
    label: str


_IPP3A_CITE = "Privacy Act 2020 (NZ) s 22, IPP 3A (exceptions)"
NOTICE_EXCEPTIONS: tuple[NoticeException, ...] = (
    NoticeException(
        "au_no_reasonable_steps",
        "au",
        'Privacy Act 1988 (Cth) Sch 1, APP 5.1 ("such steps (if any) as are reasonable")',
        "No step is reasonable in the circumstances (record why)",
    ),
    NoticeException("nz_already_aware", "nz", _IPP3A_CITE, "The person is already aware of the IPP 3A matters"),
    NoticeException("nz_publicly_available", "nz", _IPP3A_CITE, "The information is publicly available"),
    NoticeException("nz_no_prejudice", "nz", _IPP3A_CITE, "Not notifying would not prejudice their interests"),
    NoticeException(
        "nz_prejudice_purpose", "nz", _IPP3A_CITE, "Notifying would prejudice the purposes of the collection"
    ),
    NoticeException("nz_not_practicable", "nz", _IPP3A_CITE, "Notifying is not reasonably practicable"),
    NoticeException(
        "nz_maintenance_of_law",
        "nz",
        _IPP3A_CITE,
        "Necessary to avoid prejudice to the maintenance of the law, or for court or tribunal proceedings",
    ),
    NoticeException("eu_already_has", "eu", "GDPR Art 14(5)(a)", "The person already has the information"),
    NoticeException(
        "eu_disproportionate",
        "eu",
        "GDPR Art 14(5)(b)",
        "Impossible or a disproportionate effort (the information is made public instead)",
    ),
    NoticeException(
        "eu_required_by_law",
        "eu",
        "GDPR Art 14(5)(c)",
        "Obtaining or disclosure is expressly laid down by EU or Member State law with safeguards",
    ),
    NoticeException(
        "eu_professional_secrecy", "eu", "GDPR Art 14(5)(d)", "The data must stay confidential by professional secrecy"
    ),
)


def notice_exceptions(jurisdiction: str) -> list[NoticeException]:
    return [e for e in NOTICE_EXCEPTIONS if e.jurisdiction == jurisdiction.lower()]
