"""What a privacy policy must say, element by element, under each regime — as data with citations,
without Django. The policy generator tags each section with the elements it covers; the checker
looks for each element in any policy.

- Australia: APP 1.4(a)-(g), and APP 1.7-1.9 (automated decisions) from 10 December 2026 (Privacy
  and Other Legislation Amendment Act 2024 (Cth) Sch 1 Pt 15).
- New Zealand: the IPP 3 matters a policy is where agencies usually give them (purpose, recipients,
  the agency's name and address, whether supply is voluntary, access and correction), the IPP 3A
  matters for information collected from others, and the complaint route the OPC expects.
- EU: GDPR Art 13(1) and 13(2) (Art 14 adds the categories and the source when data is not
  collected from the person).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

AUTOMATED_DECISIONS_START = date(2026, 12, 10)


@dataclass(frozen=True)
class Element:
    id: str
    regime: str
    text: str
    citation: str
    in_force_from: date | None = None


ELEMENTS: tuple[Element, ...] = (
    Element(
        "APP1.4(a)",
        "au",
        "the kinds of personal information collected and held",
        "Privacy Act 1988 (Cth) Sch 1 APP 1.4(a)",
    ),
    Element("APP1.4(b)", "au", "how personal information is collected and held", "APP 1.4(b)"),
    Element("APP1.4(c)", "au", "the purposes for which it is collected, held, used and disclosed", "APP 1.4(c)"),
    Element("APP1.4(d)", "au", "how to access personal information and seek its correction", "APP 1.4(d)"),
    Element(
        "APP1.4(e)", "au", "how to complain about a breach of the APPs, and how complaints are dealt with", "APP 1.4(e)"
    ),
    Element(
        "APP1.4(f)", "au", "whether personal information is likely to be disclosed to overseas recipients", "APP 1.4(f)"
    ),
    Element(
        "APP1.4(g)", "au", "if so, the countries where those recipients are likely to be, if practicable", "APP 1.4(g)"
    ),
    Element(
        "APP1.7-1.9",
        "au",
        "the kinds of personal information used in, and the kinds of decisions made by or substantially and directly "
        "related to, computer programs that could significantly affect individuals",
        "APP 1.7-1.9 (Privacy and Other Legislation Amendment Act 2024 Sch 1 Pt 15)",
        AUTOMATED_DECISIONS_START,
    ),
    Element(
        "NZ.purpose",
        "nz",
        "the purpose for which the information is collected",
        "Privacy Act 2020 (NZ) s 22 IPP 3(1)(b)",
    ),
    Element("NZ.recipients", "nz", "the intended recipients of the information", "IPP 3(1)(c)"),
    Element("NZ.agency", "nz", "the name and address of the agency collecting and holding it", "IPP 3(1)(d)"),
    Element(
        "NZ.voluntary",
        "nz",
        "whether supplying it is voluntary or required by law, and the consequences of not supplying it",
        "IPP 3(1)(e)-(f)",
    ),
    Element("NZ.access", "nz", "the rights of access to and correction of the information", "IPP 3(1)(g); IPP 6, 7"),
    Element(
        "NZ.indirect",
        "nz",
        "when information comes from someone else: the source and the IPP 3A matters",
        "IPP 3A (from 1 May 2026)",
        date(2026, 5, 1),
    ),
    Element(
        "NZ.complaints",
        "nz",
        "how to complain to the agency and to the Privacy Commissioner",
        "Privacy Act 2020 (NZ) Part 5; OPC guidance",
    ),
    Element("Art13(1)(a)", "eu", "the identity and contact details of the controller", "GDPR Art 13(1)(a)"),
    Element(
        "Art13(1)(b)",
        "eu",
        "the contact details of the data protection officer, where there is one",
        "GDPR Art 13(1)(b)",
    ),
    Element("Art13(1)(c)", "eu", "the purposes of the processing and its legal basis", "GDPR Art 13(1)(c)"),
    Element("Art13(1)(d)", "eu", "the legitimate interests pursued, where that is the basis", "GDPR Art 13(1)(d)"),
    Element("Art13(1)(e)", "eu", "the recipients or categories of recipients", "GDPR Art 13(1)(e)"),
    Element("Art13(1)(f)", "eu", "transfers to third countries and the safeguards relied on", "GDPR Art 13(1)(f)"),
    Element("Art13(2)(a)", "eu", "how long the data is kept, or the criteria used to decide", "GDPR Art 13(2)(a)"),
    Element(
        "Art13(2)(b)",
        "eu",
        "the rights of access, rectification, erasure, restriction, objection and portability",
        "GDPR Art 13(2)(b)",
    ),
    Element("Art13(2)(c)", "eu", "the right to withdraw consent at any time", "GDPR Art 13(2)(c)"),
    Element("Art13(2)(d)", "eu", "the right to lodge a complaint with a supervisory authority", "GDPR Art 13(2)(d)"),
    Element(
        "Art13(2)(e)",
        "eu",
        "whether providing the data is a statutory or contractual requirement, and the consequences of not "
        "providing it",
        "GDPR Art 13(2)(e)",
    ),
    Element(
        "Art13(2)(f)",
        "eu",
        "automated decision-making, including profiling, with meaningful information about the logic",
        "GDPR Art 13(2)(f), 22",
    ),
)

BY_ID = {element.id: element for element in ELEMENTS}


def required(regime: str, on: date) -> list[Element]:
    """The elements a policy must have under ``regime`` on ``on`` (later-starting ones only once in force)."""
    return [e for e in ELEMENTS if e.regime == regime and (e.in_force_from is None or e.in_force_from <= on)]


# Law a current policy must not present as current: (pattern, what it is, what replaced it).
REPEALED = (
    (r"\bNational Privacy Principles?\b|\bNPPs?\b", "the National Privacy Principles",
     "replaced by the Australian Privacy Principles on 12 March 2014"),
    (r"\bPrivacy Act 1993\b", "the Privacy Act 1993 (NZ)", "repealed by the Privacy Act 2020 from 1 December 2020"),
    (r"\bPrivacy Amendment \(Private Sector\) Act 2000\b", "the Privacy Amendment (Private Sector) Act 2000",
     "an amending Act whose provisions are in the Privacy Act 1988; the NPPs it added were replaced in 2014"),
    (r"\bData Protection Directive\b|\bDirective 95/46/EC\b", "the EU Data Protection Directive",
     "repealed by the GDPR from 25 May 2018"),
    (r"\bPrivacy Shield\b", "the EU-US Privacy Shield",
     "invalidated by the CJEU in Schrems II (C-311/18, 16 July 2020)"),
)  # fmt: skip
