"""Which privacy law applies: given facts about the organisation and (optionally) the individual,
the regimes that apply, each with the reasons and citations that decided it.

The answer is about coverage, not about any one act: an organisation outside the Privacy Act 1988
is told so, and what would bring it in.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from privacydesk.law.calendar import EU_ZONES
from privacydesk.law.errors import LawError
from privacydesk.law.rules import APP_START, GDPR_START, NZ_2020_START

SMALL_BUSINESS_TURNOVER = 3_000_000  # Privacy Act 1988 (Cth) s 6D(1): $3,000,000 or less

# Privacy Act 1988 s 6D(4), s 6E and s 6EA: what makes a small business operator an organisation.
SMALL_BUSINESS_EXCEPTIONS: dict[str, str] = {
    "health_service": "provides a health service and holds health information (s 6D(4)(b))",
    "trades_in_personal_information": "discloses personal information for a benefit, or collects it from "
    "others for a benefit, without consent or authorisation (s 6D(4)(c)-(d), (7)-(8))",
    "commonwealth_contractor": "is a contracted service provider for a Commonwealth contract (s 6D(4)(e))",
    "related_to_covered_body": "is related to a body corporate that carries on a business that is not a "
    "small business (s 6D(4)(a), (9))",
    "credit_reporting_body": "is a credit reporting body (s 6D(4)(f))",
    "aml_ctf_reporting_entity": "is a reporting entity under the Anti-Money Laundering and Counter-Terrorism "
    "Financing Act 2006 (s 6E(1A))",
    "tenancy_database": "operates a residential tenancy database (s 6E(1D))",
    "employee_association": "is a registered employee association (s 6E(1B))",
    "opted_in": "has chosen to be treated as an organisation (s 6EA)",
    "prescribed": "is prescribed by the regulations (s 6E(2))",
}

EU_EEA = frozenset(EU_ZONES) | {"IS", "LI", "NO"}  # the EEA applies the GDPR too


@dataclass(frozen=True)
class Organisation:
    operates_in_au: bool = False
    operates_in_nz: bool = False
    eu_establishment: bool = False
    offers_to_eu: bool = False  # offers goods or services to people in the EU (GDPR Art 3(2)(a))
    monitors_eu: bool = False  # monitors behaviour of people in the EU (GDPR Art 3(2)(b))
    annual_turnover_aud: int | None = None
    small_business_operator: bool | None = None  # when turnover is not given
    exceptions: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        unknown = sorted(set(self.exceptions) - set(SMALL_BUSINESS_EXCEPTIONS))
        if unknown:
            raise LawError(
                f"unknown small-business exception {unknown[0]!r}; accepted: {', '.join(SMALL_BUSINESS_EXCEPTIONS)}"
            )


@dataclass(frozen=True)
class Regime:
    code: str  # "au", "nz", "eu"
    name: str
    applies: bool
    reasons: list[str] = field(default_factory=list)
    would_apply_if: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, object]:
        return {
            "code": self.code,
            "name": self.name,
            "applies": self.applies,
            "reasons": self.reasons,
            "would_apply_if": self.would_apply_if,
        }


def _australia(org: Organisation, on: date) -> Regime:
    name = "Privacy Act 1988 (Cth) and the Australian Privacy Principles"
    if on < APP_START:
        raise LawError(f"the APPs commenced on {APP_START}; earlier dates are not modelled")
    if not org.operates_in_au:
        return Regime(
            "au",
            name,
            False,
            ["The organisation does not carry on business in Australia, so it has no Australian link (s 5B(3))."],
            ["It carries on business in Australia, or collects or holds personal information in Australia (s 5B(3))."],
        )
    if org.annual_turnover_aud is not None:
        small = org.annual_turnover_aud <= SMALL_BUSINESS_TURNOVER
        turnover = f"Annual turnover of ${org.annual_turnover_aud:,}"
        size = (
            f"{turnover} is $3 million or less: a small business (s 6D(1))."
            if small
            else f"{turnover} is more than $3 million: not a small business (s 6D(1))."
        )
    elif org.small_business_operator is not None:
        small = org.small_business_operator
        size = "Recorded as a small business operator (s 6D)." if small else "Recorded as not a small business (s 6D)."
    else:
        raise LawError("give annual_turnover_aud or small_business_operator to decide Australian coverage")
    if not small:
        return Regime("au", name, True, [size, "It is an organisation bound by the APPs (s 6C, s 15)."])
    if org.exceptions:
        reasons = [size] + [
            f"It is nevertheless an organisation because it {SMALL_BUSINESS_EXCEPTIONS[e]}."
            for e in sorted(org.exceptions)
        ]
        return Regime("au", name, True, reasons)
    return Regime(
        "au",
        name,
        False,
        [size, "A small business operator is not an organisation bound by the APPs (s 6C(1), s 6D)."],
        [f"It {text}." for text in SMALL_BUSINESS_EXCEPTIONS.values()]
        + ["Its annual turnover exceeds $3 million (s 6D(1))."],
    )


def _new_zealand(org: Organisation, on: date) -> Regime:
    name = "Privacy Act 2020 (NZ) and the Information Privacy Principles"
    if on < NZ_2020_START:
        raise LawError(f"the Privacy Act 2020 commenced on {NZ_2020_START}; earlier dates are not modelled")
    if org.operates_in_nz:
        return Regime(
            "nz",
            name,
            True,
            [
                "It carries on business in New Zealand (s 4); the Act applies whatever its size: there is no "
                "small-business exemption.",
                "It applies to its actions in the course of that business wherever the individual is (s 4).",
            ],
        )
    return Regime(
        "nz",
        name,
        False,
        ["It is not a New Zealand agency and does not carry on business in New Zealand (s 4)."],
        ["It carries on business in New Zealand, even without a place of business there (s 4)."],
    )


def _gdpr(org: Organisation, on: date, person_country: str | None) -> Regime:
    name = "General Data Protection Regulation (EU) 2016/679"
    if on < GDPR_START:
        raise LawError(f"the GDPR applies from {GDPR_START}; earlier dates are not modelled")
    if org.eu_establishment:
        return Regime(
            "eu",
            name,
            True,
            [
                "It has an establishment in the Union: the GDPR applies to processing in the context of its "
                "activities, wherever the processing happens (Art 3(1))."
            ],
        )
    in_union = person_country is None or person_country in EU_EEA
    targeting = [
        text
        for flag, text in (
            (org.offers_to_eu, "offers goods or services to people in the Union (Art 3(2)(a))"),
            (org.monitors_eu, "monitors the behaviour of people in the Union (Art 3(2)(b))"),
        )
        if flag
    ]
    if targeting and in_union:
        who = f"the individual is in {person_country}" if person_country else "for people in the Union"
        return Regime(
            "eu",
            name,
            True,
            [
                f"No EU establishment, but it {' and '.join(targeting)}; {who} (Art 3(2)).",
                "It must designate a representative in the Union unless Art 27(2) applies (Art 27(1)).",
            ],
        )
    reasons = ["It has no establishment in the Union (Art 3(1))."]
    if targeting and not in_union:
        reasons.append(f"The individual is in {person_country}, not in the Union (Art 3(2)).")
    else:
        reasons.append("It neither offers goods or services to, nor monitors, people in the Union (Art 3(2)).")
    return Regime(
        "eu",
        name,
        False,
        reasons,
        [
            "It sets up an establishment in the Union (Art 3(1)).",
            "It offers goods or services to, or monitors, people who are in the Union (Art 3(2)).",
        ],
    )


def applies(org: Organisation, person_country: str | None = None, on: date | None = None) -> list[Regime]:
    """The three regimes, each saying whether it applies and why (for one individual's country when
    ``person_country`` is given, else for the organisation in general)."""
    day = on or date.today()
    country = person_country.upper() if person_country else None
    if country is not None and (len(country) != 2 or not country.isalpha()):
        raise LawError(f"person_country {person_country!r} must be an ISO 3166 two-letter code such as AU, NZ, IE")
    return [_australia(org, day), _new_zealand(org, day), _gdpr(org, day, country)]
