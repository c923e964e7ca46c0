"""Is a data breach notifiable, to whom, how, and what must each notification say — under the Privacy
Act 1988 (Cth) Part IIIC (notifiable data breaches), the Privacy Act 2020 (NZ) Part 6 (notifiable
privacy breaches) and the GDPR Arts 33-34. Pure data and functions, without Django.

Whether harm is "serious" (AU, NZ) or the risk "high" (GDPR) is a judgement the Acts leave to the
organisation; this module does not make it. It lists the factors each Act says to weigh, takes the
judgement with the factors considered, and says what follows: the regulator's notification, the
individuals' notices or a public statement, the clocks (``law.clocks``), and the contents each
notification must have.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from privacydesk.law.errors import LawError


@dataclass(frozen=True)
class Factor:
    code: str
    text: str
    citation: str


# The matters each Act says to weigh when judging harm or risk.
FACTORS: dict[str, tuple[Factor, ...]] = {
    "au": (
        Factor("kinds", "the kind or kinds of information", "Privacy Act 1988 (Cth) s 26WG(a)"),
        Factor("sensitivity", "the sensitivity of the information", "s 26WG(b)"),
        Factor("protected", "whether the information is protected by one or more security measures", "s 26WG(c)"),
        Factor("overcome", "the likelihood that any of those security measures could be overcome", "s 26WG(d)"),
        Factor("recipients", "the persons, or kinds of persons, who have obtained or could obtain it", "s 26WG(e)"),
        Factor(
            "intent", "whether those persons intend to cause harm, or could circumvent the security", "s 26WG(f)-(g)"
        ),
        Factor(
            "harm", "the nature of the harm (physical, psychological, emotional, financial, reputational)", "s 26WG(h)"
        ),
    ),
    "nz": (
        Factor(
            "reduce",
            "any action taken by the agency to reduce the risk of harm following the breach",
            "Privacy Act 2020 (NZ) s 113(a)",
        ),
        Factor("sensitivity", "whether the personal information is sensitive in nature", "s 113(b)"),
        Factor("harm", "the nature of the harm that may be caused to affected individuals", "s 113(c)"),
        Factor("recipients", "the person or body that has obtained or may obtain the information", "s 113(d)"),
        Factor("protected", "whether the information is protected by a security measure", "s 113(e)"),
        Factor("other", "any other relevant matters", "s 113(f)"),
    ),
    "eu": (
        Factor(
            "nature",
            "the nature, sensitivity and volume of the personal data",
            "GDPR recital 75-76; EDPB Guidelines 9/2022",
        ),
        Factor("identification", "how easily individuals can be identified", "EDPB Guidelines 9/2022"),
        Factor("severity", "the severity of the consequences for individuals", "GDPR recital 85"),
        Factor("special", "special categories (Art 9) or criminal offence data (Art 10)", "GDPR Art 9, 10"),
        Factor("vulnerable", "vulnerable individuals (such as children)", "GDPR recital 75"),
        Factor("number", "the number of individuals affected", "EDPB Guidelines 9/2022"),
    ),
}

# What each notification must contain, element by element, with its source.
CONTENTS: dict[str, tuple[Factor, ...]] = {
    "au.regulator": (
        Factor("entity", "the identity and contact details of the entity", "Privacy Act 1988 (Cth) s 26WK(3)(a)"),
        Factor("description", "a description of the eligible data breach", "s 26WK(3)(b)"),
        Factor("kinds", "the kinds of information concerned", "s 26WK(3)(c)"),
        Factor(
            "recommendations", "recommendations about the steps individuals should take in response", "s 26WK(3)(d)"
        ),
    ),
    "au.individuals": (
        Factor(
            "statement", "the contents of the statement given to the Commissioner", "Privacy Act 1988 (Cth) s 26WL(3)"
        ),
    ),
    "nz.regulator": (
        Factor(
            "description",
            "a description of the breach, with the number of affected individuals (if known) and "
            "any person or body suspected of holding the information (if known)",
            "Privacy Act 2020 (NZ) s 117(1)(a)",
        ),
        Factor(
            "steps",
            "the steps taken or intended in response, including whether affected individuals have been "
            "or will be contacted",
            "s 117(1)(b)",
        ),
        Factor("public_notice", "the reasons for giving a public notice instead, if so", "s 117(1)(c)"),
        Factor("delay", "the reasons for delaying or not notifying an individual, if so", "s 117(1)(d)"),
        Factor("other_agencies", "the other agencies contacted about the breach and why", "s 117(1)(e)"),
        Factor("contact", "a contact person within the agency for inquiries", "s 117(1)(f)"),
    ),
    "nz.individuals": (
        Factor(
            "description",
            "a description of the breach, and whether a person or body suspected of holding the "
            "information has been identified (without identifying them)",
            "Privacy Act 2020 (NZ) s 117(2)(a)",
        ),
        Factor("steps", "the steps taken or intended in response", "s 117(2)(b)"),
        Factor("advice", "where practicable, steps the individual may take to avoid or reduce harm", "s 117(2)(c)"),
        Factor("commissioner", "confirmation that the Commissioner has been notified", "s 117(2)(d)"),
        Factor("complain", "the individual's right to complain to the Commissioner", "s 117(2)(e)"),
        Factor("contact", "a contact person within the agency for inquiries", "s 117(2)(f)"),
    ),
    "eu.regulator": (
        Factor(
            "nature",
            "the nature of the breach, with the categories and approximate number of data subjects and "
            "of records concerned",
            "GDPR Art 33(3)(a)",
        ),
        Factor(
            "contact",
            "the name and contact details of the data protection officer or other contact point",
            "Art 33(3)(b)",
        ),
        Factor("consequences", "the likely consequences of the breach", "Art 33(3)(c)"),
        Factor(
            "measures", "the measures taken or proposed, including to mitigate possible adverse effects", "Art 33(3)(d)"
        ),
        Factor("delay", "the reasons for any delay beyond 72 hours", "Art 33(1)"),
    ),
    "eu.individuals": (
        Factor("nature", "the nature of the breach, in clear and plain language", "GDPR Art 34(2)"),
        Factor(
            "contact",
            "the name and contact details of the data protection officer or other contact point",
            "Art 34(2), 33(3)(b)",
        ),
        Factor("consequences", "the likely consequences of the breach", "Art 34(2), 33(3)(c)"),
        Factor(
            "measures",
            "the measures taken or proposed, including to mitigate possible adverse effects",
            "Art 34(2), 33(3)(d)",
        ),
    ),
}


@dataclass(frozen=True)
class Judgement:
    """What the organisation judged, for one regime, and the factors it weighed."""

    regime: str  # "au", "nz" or "eu"
    unauthorised_access_or_disclosure: bool = True  # or loss in circumstances where it is likely
    serious_harm_likely: bool = False  # AU s 26WE(2)(a)(ii), NZ s 112(1)(b)
    remedial_action_prevented_harm: bool = False  # AU s 26WF; GDPR Art 34(3)(b)
    risk_unlikely: bool = False  # GDPR Art 33(1): unlikely to result in a risk to rights and freedoms
    high_risk: bool = False  # GDPR Art 34(1)
    unintelligible: bool = False  # GDPR Art 34(3)(a): encrypted, key not compromised
    individual_notice_impracticable: bool = False  # AU s 26WL(2)(c), NZ s 116(1), GDPR Art 34(3)(c)
    notify_only_at_risk: bool = False  # AU s 26WL(2)(b): only those at risk from the breach
    factors: tuple[str, ...] = ()  # codes from FACTORS[regime]


@dataclass(frozen=True)
class Outcome:
    regime: str
    notifiable: bool
    notify_regulator: bool
    individuals: str  # "all", "at_risk", "public", "none"
    regulator_name: str
    reasons: list[str] = field(default_factory=list)
    citations: list[str] = field(default_factory=list)


REGULATORS = {
    "au": "Office of the Australian Information Commissioner",
    "nz": "Office of the Privacy Commissioner (New Zealand)",
    "eu": "the lead supervisory authority",
}


def _check(judgement: Judgement) -> None:
    if judgement.regime not in FACTORS:
        raise LawError(f"unknown regime {judgement.regime!r} (au, nz or eu)")
    known = {f.code for f in FACTORS[judgement.regime]}
    unknown = sorted(set(judgement.factors) - known)
    if unknown:
        raise LawError(f"unknown {judgement.regime} harm factor {unknown[0]!r}; accepted: {', '.join(sorted(known))}")
    if not judgement.factors:
        raise LawError("record the factors considered: the Acts say what must be weighed")


def decide(judgement: Judgement) -> Outcome:
    """What follows from the judgement under its regime."""
    _check(judgement)
    j = judgement
    if j.regime == "au":
        eligible = (
            j.unauthorised_access_or_disclosure and j.serious_harm_likely and not j.remedial_action_prevented_harm
        )
        if not eligible:
            why = (
                "remedial action means serious harm is no longer likely (s 26WF)"
                if j.remedial_action_prevented_harm
                else "serious harm is not likely, or there was no unauthorised access, disclosure or loss (s 26WE(2))"
            )
            return Outcome("au", False, False, "none", REGULATORS["au"], [f"Not an eligible data breach: {why}."],
                           ["Privacy Act 1988 (Cth) s 26WE, 26WF"])  # fmt: skip
        individuals = "public" if j.individual_notice_impracticable else ("at_risk" if j.notify_only_at_risk else "all")
        return Outcome(
            "au", True, True, individuals, REGULATORS["au"],
            ["An eligible data breach: unauthorised access, disclosure or loss, likely to result in serious harm, "
             "not prevented by remedial action. Give the Commissioner a statement and notify individuals as soon "
             "as practicable."],
            ["Privacy Act 1988 (Cth) s 26WE, 26WK, 26WL"],
        )  # fmt: skip
    if j.regime == "nz":
        notifiable = j.unauthorised_access_or_disclosure and j.serious_harm_likely
        if not notifiable:
            return Outcome("nz", False, False, "none", REGULATORS["nz"],
                           ["Not a notifiable privacy breach: it is not reasonable to believe it has caused or is "
                            "likely to cause serious harm (s 112)."], ["Privacy Act 2020 (NZ) s 112, 113"])  # fmt: skip
        individuals = "public" if j.individual_notice_impracticable else "all"
        return Outcome(
            "nz", True, True, individuals, REGULATORS["nz"],
            ["A notifiable privacy breach: notify the Commissioner and affected individuals (or give public notice "
             "where individual notice is not reasonably practicable) as soon as practicable."],
            ["Privacy Act 2020 (NZ) s 112, 114, 115, 116"],
        )  # fmt: skip
    notify = not j.risk_unlikely
    if not j.high_risk:
        individuals, why = "none", "no high risk to individuals (Art 34(1))"
    elif j.unintelligible:
        individuals, why = "none", "the data is unintelligible to anyone not authorised, e.g. encrypted (Art 34(3)(a))"
    elif j.remedial_action_prevented_harm:
        individuals, why = "none", "measures taken since mean the high risk is no longer likely (Art 34(3)(b))"
    elif j.individual_notice_impracticable:
        individuals, why = (
            "public",
            "telling each person would take disproportionate effort: a public communication (Art 34(3)(c))",
        )
    else:
        individuals, why = "all", "a high risk to individuals: tell them without undue delay (Art 34(1))"
    reasons = [
        "Notify the supervisory authority within 72 hours of becoming aware (Art 33(1))."
        if notify
        else "No notification to the supervisory authority: the breach is unlikely to result in a risk (Art 33(1)); "
        "document it (Art 33(5)).",
        why[0].upper() + why[1:] + ".",
    ]
    return Outcome("eu", notify or individuals != "none", notify, individuals, REGULATORS["eu"], reasons,
                   ["GDPR Art 33, 34"])  # fmt: skip


def missing_contents(kind: str, given: dict[str, str]) -> list[Factor]:
    """The required elements of a notification (``kind`` such as "au.regulator") left empty."""
    try:
        required = CONTENTS[kind]
    except KeyError:
        raise LawError(f"unknown notification {kind!r}; accepted: {', '.join(CONTENTS)}") from None
    return [element for element in required if not str(given.get(element.code, "")).strip()]
