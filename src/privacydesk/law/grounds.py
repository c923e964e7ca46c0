"""Grounds for refusing or limiting a request, and where a complaint escalates.

Each ground is what a member of staff chooses from when refusing, with its citation and the plain
English sentence a refusal letter uses ("We have not given you … because …"). Letters (the rights
issue) add the reasons specific to the case and the complaint route from ``escalation``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from privacydesk.law.calendar import EU_ZONES, JURISDICTIONS
from privacydesk.law.errors import LawError

REQUEST_KINDS = ("access", "correction", "erasure", "objection")


@dataclass(frozen=True)
class Ground:
    code: str
    jurisdiction: str
    kinds: tuple[str, ...]
    citation: str
    label: str
    letter: str  # completes "We have not done what you asked because …"

    def as_dict(self) -> dict[str, object]:
        return asdict(self)


def _g(code: str, jurisdiction: str, kinds: tuple[str, ...], citation: str, label: str, letter: str) -> Ground:
    return Ground(code, jurisdiction, kinds, citation, label, letter)


A, C, E, OBJ = ("access",), ("correction",), ("erasure",), ("objection",)

GROUNDS: tuple[Ground, ...] = (
    # Australia: APP 12.3 (access), APP 13 (correction)
    _g(
        "app12_3_a",
        "au",
        A,
        "APP 12.3(a)",
        "Serious threat to life, health or safety",
        "giving access would pose a serious threat to the life, health or safety of a person, or to public health "
        "or public safety.",
    ),
    _g(
        "app12_3_b",
        "au",
        A,
        "APP 12.3(b)",
        "Unreasonable impact on others' privacy",
        "giving access would have an unreasonable impact on the privacy of other people.",
    ),
    _g("app12_3_c", "au", A, "APP 12.3(c)", "Frivolous or vexatious", "the request is frivolous or vexatious."),
    _g(
        "app12_3_d",
        "au",
        A,
        "APP 12.3(d)",
        "Legal proceedings",
        "the information relates to existing or anticipated legal proceedings between us, and would not be "
        "available to you through discovery in those proceedings.",
    ),
    _g(
        "app12_3_e",
        "au",
        A,
        "APP 12.3(e)",
        "Negotiations",
        "giving access would reveal our intentions in negotiations with you in a way that would prejudice them.",
    ),
    _g("app12_3_f", "au", A, "APP 12.3(f)", "Unlawful", "giving access would be unlawful."),
    _g(
        "app12_3_g",
        "au",
        A,
        "APP 12.3(g)",
        "Required or authorised by law",
        "an Australian law, or a court or tribunal order, requires or authorises us to refuse access.",
    ),
    _g(
        "app12_3_h",
        "au",
        A,
        "APP 12.3(h)",
        "Unlawful activity or serious misconduct",
        "we suspect unlawful activity or serious misconduct relating to our functions or activities, and giving "
        "access would be likely to prejudice appropriate action in relation to it.",
    ),
    _g(
        "app12_3_i",
        "au",
        A,
        "APP 12.3(i)",
        "Enforcement activities",
        "giving access would be likely to prejudice enforcement-related activities of an enforcement body.",
    ),
    _g(
        "app12_3_j",
        "au",
        A,
        "APP 12.3(j), APP 12.10",
        "Commercially sensitive decision-making",
        "giving access would reveal evaluative information generated within our organisation in connection with "
        "a commercially sensitive decision-making process; we explain the decision instead.",
    ),
    _g(
        "app13_1_not_satisfied",
        "au",
        C,
        "APP 13.1, APP 13.3",
        "Not satisfied the information is wrong",
        "we are not satisfied that the information is inaccurate, out of date, incomplete, irrelevant or "
        "misleading for the purpose for which we hold it. You may ask us to attach a statement to it (APP 13.4).",
    ),
    _g(
        "app11_2_retention_required",
        "au",
        E,
        "APP 11.2",
        "Retention required by law",
        "an Australian law or a court or tribunal order requires us to keep the information.",
    ),
    # New Zealand: Privacy Act 2020 ss 49-53 (access), IPP 7 (correction)
    _g(
        "nz49_1_a_i",
        "nz",
        A,
        "Privacy Act 2020 s 49(1)(a)(i)",
        "Serious threat to life, health or safety",
        "disclosure would be likely to pose a serious threat to the life, health or safety of a person, or to "
        "public health or public safety.",
    ),
    _g(
        "nz49_1_a_ii",
        "nz",
        A,
        "Privacy Act 2020 s 49(1)(a)(ii)",
        "Serious harassment",
        "disclosure would create a significant likelihood of serious harassment of a person.",
    ),
    _g(
        "nz49_1_a_iii",
        "nz",
        A,
        "Privacy Act 2020 s 49(1)(a)(iii)",
        "Victim of an offence",
        "disclosure would include information about a victim of an offence and cause them significant distress, "
        "loss of dignity or injury to feelings.",
    ),
    _g(
        "nz49_1_b",
        "nz",
        A,
        "Privacy Act 2020 s 49(1)(b)",
        "Prejudice to your health",
        "after consulting a health practitioner, we are satisfied disclosure would be likely to prejudice your "
        "physical or mental health.",
    ),
    _g(
        "nz49_1_c",
        "nz",
        A,
        "Privacy Act 2020 s 49(1)(c)",
        "Under 16: contrary to interests",
        "you are under 16 and disclosure would be contrary to your interests.",
    ),
    _g(
        "nz50",
        "nz",
        A,
        "Privacy Act 2020 s 50",
        "Evaluative material",
        "the information is evaluative material supplied in confidence, and disclosing it would break a "
        "promise that it, or its source, would be kept confidential.",
    ),
    _g(
        "nz52",
        "nz",
        A,
        "Privacy Act 2020 s 52",
        "Trade secret",
        "disclosure would reveal a trade secret, or unreasonably prejudice the commercial position of the "
        "person who supplied or is the subject of the information.",
    ),
    _g(
        "nz53_a",
        "nz",
        A,
        "Privacy Act 2020 s 53(a)",
        "Does not exist or cannot be found",
        "the information does not exist or, despite reasonable efforts to locate it, cannot be found.",
    ),
    _g(
        "nz53_b",
        "nz",
        A,
        "Privacy Act 2020 s 53(b)",
        "Affairs of another person",
        "disclosure would involve the unwarranted disclosure of the affairs of another person or of a person who "
        "has died.",
    ),
    _g(
        "nz53_c",
        "nz",
        A,
        "Privacy Act 2020 s 53(c)",
        "Maintenance of the law",
        "disclosure would be likely to prejudice the maintenance of the law, including the prevention, "
        "investigation and detection of offences and the right to a fair trial.",
    ),
    _g(
        "nz53_d",
        "nz",
        A,
        "Privacy Act 2020 s 53(d)",
        "Legal professional privilege",
        "disclosure would breach legal professional privilege.",
    ),
    _g(
        "nz53_h",
        "nz",
        A,
        "Privacy Act 2020 s 53(h)",
        "Frivolous, vexatious or trivial",
        "the request is frivolous or vexatious, or the information requested is trivial.",
    ),
    _g(
        "ipp7_not_corrected",
        "nz",
        C,
        "Privacy Act 2020 s 22, IPP 7(2)-(3)",
        "Not corrected; statement attached",
        "we are not satisfied that the information should be corrected. If you give us a statement of the "
        "correction you asked for, we will attach it so that it is read with the information (IPP 7(3)).",
    ),
    # EU: GDPR Art 12(5), 15(4), 17(3), 21(1)
    _g(
        "gdpr12_5",
        "eu",
        ("access", "correction", "erasure", "objection"),
        "GDPR Art 12(5)",
        "Manifestly unfounded or excessive",
        "the request is manifestly unfounded or excessive, in particular because it is repetitive.",
    ),
    _g(
        "gdpr15_4",
        "eu",
        A,
        "GDPR Art 15(4)",
        "Rights and freedoms of others",
        "giving you a copy of this part would adversely affect the rights and freedoms of others.",
    ),
    _g(
        "gdpr17_3_a",
        "eu",
        E,
        "GDPR Art 17(3)(a)",
        "Freedom of expression and information",
        "keeping the information is necessary for exercising the right of freedom of expression and information.",
    ),
    _g(
        "gdpr17_3_b",
        "eu",
        E,
        "GDPR Art 17(3)(b)",
        "Legal obligation",
        "keeping the information is necessary to comply with a legal obligation that applies to us.",
    ),
    _g(
        "gdpr17_3_c",
        "eu",
        E,
        "GDPR Art 17(3)(c)",
        "Public health",
        "keeping the information is necessary for reasons of public interest in the area of public health.",
    ),
    _g(
        "gdpr17_3_d",
        "eu",
        E,
        "GDPR Art 17(3)(d)",
        "Archiving, research or statistics",
        "keeping the information is necessary for archiving in the public interest, scientific or historical "
        "research, or statistics, and erasure would seriously impair that.",
    ),
    _g(
        "gdpr17_3_e",
        "eu",
        E,
        "GDPR Art 17(3)(e)",
        "Legal claims",
        "keeping the information is necessary for establishing, exercising or defending legal claims.",
    ),
    _g(
        "gdpr21_1_compelling",
        "eu",
        OBJ,
        "GDPR Art 21(1)",
        "Compelling legitimate grounds",
        "we have compelling legitimate grounds for the processing which override your interests, rights and "
        "freedoms. (This never applies to direct marketing: Art 21(3).)",
    ),
    _g(
        "gdpr21_1_legal_claims",
        "eu",
        OBJ,
        "GDPR Art 21(1)",
        "Legal claims",
        "the processing is needed for establishing, exercising or defending legal claims.",
    ),
)


def grounds(jurisdiction: str, kind: str) -> list[Ground]:
    """The grounds on which a request of ``kind`` may be refused or limited under ``jurisdiction``."""
    if jurisdiction not in JURISDICTIONS:
        raise LawError(f"unknown jurisdiction {jurisdiction!r}; accepted: {', '.join(JURISDICTIONS)}")
    if kind not in REQUEST_KINDS:
        raise LawError(f"unknown request kind {kind!r}; accepted: {', '.join(REQUEST_KINDS)}")
    return [g for g in GROUNDS if g.jurisdiction == jurisdiction and kind in g.kinds]


@dataclass(frozen=True)
class Regulator:
    name: str
    website: str
    phone: str
    citation: str
    when: str

    def as_dict(self) -> dict[str, str]:
        return asdict(self)


REGULATORS = {
    "au": Regulator(
        "Office of the Australian Information Commissioner (OAIC)",
        "https://www.oaic.gov.au/privacy/privacy-complaints",
        "1300 363 992",
        "Privacy Act 1988 (Cth) s 36, s 40(1A)",
        "If you are not satisfied with our response, or we have not responded within 30 days, you can complain "
        "to the OAIC.",
    ),
    "nz": Regulator(
        "Office of the Privacy Commissioner (New Zealand)",
        "https://www.privacy.org.nz/your-rights/making-a-complaint/",
        "0800 803 909",
        "Privacy Act 2020 (NZ) Part 5 (complaints)",
        "If you are not satisfied with our response, you can complain to the Privacy Commissioner.",
    ),
}


def escalation(jurisdiction: str, member_state: str | None = None) -> Regulator:
    """Where a complaint goes next. In the EU it is the supervisory authority of the member state of
    the person's habitual residence, place of work or the alleged infringement (Art 77(1))."""
    if jurisdiction in REGULATORS:
        return REGULATORS[jurisdiction]
    if jurisdiction != "eu":
        raise LawError(f"unknown jurisdiction {jurisdiction!r}; accepted: {', '.join(JURISDICTIONS)}")
    state = (member_state or "").upper()
    if state and state not in EU_ZONES:
        raise LawError(f"unknown EU member state {member_state!r}; accepted: {', '.join(EU_ZONES)}")
    where = f"in {state}" if state else "in the member state where you live or work, or where the breach happened"
    return Regulator(
        f"The data protection supervisory authority {where}",
        "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en",
        "",
        "GDPR Art 77(1)",
        "You have the right to lodge a complaint with a supervisory authority.",
    )
