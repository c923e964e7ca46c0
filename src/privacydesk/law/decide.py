"""``decide``: may we use or disclose this information for this purpose, to this recipient?

For each regime asked about, the engine runs the checks that regime's law requires — purpose (APP 6,
IPP 10/11, GDPR Art 6), sensitive information (APP 6.2(a)(i), GDPR Art 9), direct marketing (APP 7,
Spam Act, UEMA, GDPR Art 21 and ePrivacy) and cross-border disclosure (APP 8, IPP 12, GDPR Chapter V)
— and answers ``allowed``, ``needs_consent`` or ``not_allowed``: the most restrictive of its checks,
naming the check (the fact) that decided it. Every reason carries its citation.

This is decision support for a privacy officer, recorded with the facts it was given; it is not
legal advice, and it says so where the law turns on judgement ("reasonably expect").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from privacydesk.law.applies import EU_EEA
from privacydesk.law.errors import LawError

Outcome = Literal["allowed", "needs_consent", "not_allowed"]
GdprBasis = Literal[
    "", "consent", "contract", "legal_obligation", "vital_interests", "public_task", "legitimate_interests"
]
_RANK = {"allowed": 0, "needs_consent": 1, "not_allowed": 2}

EXCEPTIONS = {
    "related_and_expected": "a related secondary purpose the individual would reasonably expect",
    "required_by_law": "required or authorised by law or a court or tribunal order",
    "serious_threat": "necessary to lessen or prevent a serious threat to life, health or safety",
    "unlawful_activity": "necessary to act on suspected unlawful activity or serious misconduct",
    "missing_person": "necessary to help locate a missing person",
    "legal_claims": "necessary to establish, exercise or defend a legal or equitable claim",
    "adr": "necessary for a confidential alternative dispute resolution process",
    "enforcement_body": "necessary for an enforcement body's enforcement-related activities",
}
# Permitted general situations (Privacy Act 1988 s 16A) among the exceptions, with their item numbers.
_S16A_ITEM = {"serious_threat": 1, "unlawful_activity": 2, "missing_person": 3, "legal_claims": 4, "adr": 5}

# GDPR Art 45 adequacy decisions in force (country: date in force). The US decision covers only
# organisations certified under the EU-US Data Privacy Framework.
ADEQUACY: dict[str, date] = {
    "AD": date(2010, 10, 19), "AR": date(2003, 6, 30), "CA": date(2001, 12, 20), "CH": date(2000, 7, 26),
    "FO": date(2010, 3, 5), "GB": date(2021, 6, 28), "GG": date(2003, 11, 21), "IL": date(2011, 1, 31),
    "IM": date(2004, 4, 28), "JE": date(2008, 5, 8), "JP": date(2019, 1, 23), "KR": date(2021, 12, 17),
    "NZ": date(2012, 12, 19), "UY": date(2012, 8, 21), "US": date(2023, 7, 10),
}  # fmt: skip


class Consent(BaseModel):
    model_config = ConfigDict(extra="forbid")

    given: bool = False
    express: bool = False  # not merely inferred
    informed_of_overseas_risk: bool = Field(
        False,
        description="Told the recipient may not protect it comparably (APP 8.2(b), IPP 12(1)(a), Art 49(1)(a))",
    )
    withdrawn: bool = False

    @property
    def valid(self) -> bool:
        return self.given and not self.withdrawn


class Recipient(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = ""
    country: str = Field(min_length=2, max_length=2, description="ISO 3166 two-letter code")
    keeps_under_our_control: bool = Field(
        False, description="A provider holding the data for us under our effective control: a use, not a disclosure"
    )
    similar_law_enforceable: bool = Field(
        False, description="Bound by law substantially similar to the APPs (APP 8.2(a))"
    )
    contract_requires_app_compliance: bool = Field(False, description="Reasonable steps taken by contract (APP 8.1)")
    subject_to_nz_act: bool = Field(False, description="Carries on business in NZ, so bound by the Privacy Act 2020")
    comparable_safeguards: bool = Field(
        False, description="Comparable safeguards: comparable law, or by agreement such as model clauses (IPP 12)"
    )
    dpf_certified: bool = Field(False, description="US recipient certified under the EU-US Data Privacy Framework")
    gdpr_safeguard: Literal["", "scc", "bcr"] = ""


class DecisionInput(BaseModel):
    """The facts of one proposed use or disclosure."""

    model_config = ConfigDict(extra="forbid")

    regimes: list[Literal["au", "nz", "eu"]] = Field(min_length=1)
    on: date | None = None
    categories: list[str] = []
    sensitive: bool = False
    health_information: bool = False
    collection_purpose: str = Field(min_length=1)
    proposed_purpose: str = Field(min_length=1)
    directly_related: bool = Field(
        False, description="The proposed purpose is directly related to the collection purpose"
    )
    action: Literal["use", "disclosure"] = "use"
    direct_marketing: bool = False
    electronic_message: bool = False
    collected_from_individual: bool = True
    reasonably_expects_marketing: bool = False
    existing_customer: bool = False
    recipient: Recipient | None = None
    consent: Consent = Field(default_factory=Consent)
    exception: str | None = None
    gdpr_basis: GdprBasis = ""
    compatible_purpose: bool = Field(False, description="GDPR Art 6(4): the new purpose is compatible")


@dataclass
class Reason:
    check: str
    outcome: Outcome
    text: str
    citation: str

    def as_dict(self) -> dict[str, str]:
        return {"check": self.check, "outcome": self.outcome, "text": self.text, "citation": self.citation}


@dataclass
class RegimeDecision:
    regime: str
    outcome: Outcome = "allowed"
    decided_by: str = ""
    reasons: list[Reason] = field(default_factory=list)

    def add(self, check: str, outcome: Outcome, text: str, citation: str) -> None:
        self.reasons.append(Reason(check, outcome, text, citation))
        # The deciding check is the most restrictive one; among equals, the last hurdle checked.
        if _RANK[outcome] >= _RANK[self.outcome] or not self.decided_by:
            self.outcome, self.decided_by = max(outcome, self.outcome, key=_RANK.__getitem__), check

    def as_dict(self) -> dict[str, object]:
        return {
            "regime": self.regime,
            "outcome": self.outcome,
            "decided_by": self.decided_by,
            "reasons": [r.as_dict() for r in self.reasons],
        }


@dataclass
class Decision:
    outcome: Outcome
    regimes: list[RegimeDecision]

    def as_dict(self) -> dict[str, object]:
        return {"outcome": self.outcome, "regimes": [r.as_dict() for r in self.regimes]}


def _overseas(facts: DecisionInput, home: set[str]) -> bool:
    r = facts.recipient
    return bool(r and facts.action == "disclosure" and r.country.upper() not in home and not r.keeps_under_our_control)


# --- Australia -----------------------------------------------------------------------------------


def _au(f: DecisionInput) -> RegimeDecision:
    d = RegimeDecision("au")
    exc = f.exception
    if f.proposed_purpose == f.collection_purpose:
        d.add("purpose", "allowed", "The proposed purpose is the primary purpose of collection.", "APP 6.1")
    elif f.consent.valid:
        d.add("purpose", "allowed", "The individual has consented to the secondary purpose.", "APP 6.1(a)")
    elif exc == "related_and_expected":
        if f.sensitive and not f.directly_related:
            d.add(
                "purpose",
                "needs_consent",
                "For sensitive information a secondary purpose must be directly related, not just related, to the "
                "primary purpose.",
                "APP 6.2(a)(i)",
            )
        else:
            kind = "directly related" if f.sensitive else "related"
            d.add(
                "purpose",
                "allowed",
                f"The secondary purpose is {kind} to the primary purpose and the individual would reasonably "
                "expect it (a judgement: record why).",
                "APP 6.2(a)",
            )
    elif exc == "required_by_law":
        d.add(
            "purpose",
            "allowed",
            "Required or authorised by an Australian law or a court or tribunal order.",
            "APP 6.2(b)",
        )
    elif exc in _S16A_ITEM:
        d.add(
            "purpose",
            "allowed",
            f"A permitted general situation exists: {EXCEPTIONS[exc]}.",
            f"APP 6.2(c); Privacy Act 1988 s 16A item {_S16A_ITEM[exc]}",
        )
    elif exc == "enforcement_body":
        d.add(
            "purpose",
            "allowed",
            "Reasonably necessary for an enforcement body's enforcement-related activities; make a written note "
            "of the use or disclosure.",
            "APP 6.2(e), APP 6.5",
        )
    else:
        d.add(
            "purpose",
            "needs_consent",
            "A secondary purpose without consent and without an APP 6.2 exception.",
            "APP 6.1",
        )

    if f.direct_marketing:
        if f.electronic_message:
            outcome: Outcome = "allowed" if f.consent.valid else "needs_consent"
            d.add(
                "direct_marketing",
                outcome,
                "Commercial electronic messages need consent, express or reasonably inferred, and a functional "
                "unsubscribe; the Spam Act applies instead of APP 7."
                if outcome == "needs_consent"
                else "Consent is on record; include the sender's identity and an unsubscribe facility.",
                "Spam Act 2003 s 16, s 17, s 18; APP 7.8",
            )
        elif f.sensitive and not f.consent.valid:
            d.add(
                "direct_marketing",
                "needs_consent",
                "Sensitive information is used for direct marketing only with consent.",
                "APP 7.4",
            )
        elif f.consent.valid:
            d.add(
                "direct_marketing",
                "allowed",
                "Consent is on record; every message must offer a simple opt-out.",
                "APP 7.3",
            )
        elif f.collected_from_individual and f.reasonably_expects_marketing:
            d.add(
                "direct_marketing",
                "allowed",
                "Collected from the individual, who would reasonably expect it; provide a simple opt-out and "
                "honour any request.",
                "APP 7.2",
            )
        else:
            d.add(
                "direct_marketing",
                "needs_consent",
                "Not reasonably expected (or collected from someone else): consent is needed unless it is "
                "impracticable to obtain.",
                "APP 7.3",
            )

    if _overseas(f, {"AU"}):
        r = f.recipient
        assert r is not None
        if exc == "required_by_law":
            d.add("cross_border", "allowed", "Required or authorised by an Australian law.", "APP 8.2(c)")
        elif exc in ("serious_threat", "unlawful_activity", "missing_person"):
            d.add("cross_border", "allowed", f"A permitted general situation: {EXCEPTIONS[exc]}.", "APP 8.2(d)")
        elif r.similar_law_enforceable:
            d.add(
                "cross_border",
                "allowed",
                f"The recipient in {r.country} is bound by a law substantially similar to the APPs that the "
                "individual can enforce.",
                "APP 8.2(a)",
            )
        elif f.consent.valid and f.consent.informed_of_overseas_risk:
            d.add(
                "cross_border",
                "allowed",
                "The individual consented after being told APP 8.1 would not apply.",
                "APP 8.2(b)",
            )
        elif r.contract_requires_app_compliance:
            d.add(
                "cross_border",
                "allowed",
                "Reasonable steps taken (a contract binding the recipient to the APPs); we remain accountable for "
                "the recipient's acts.",
                "APP 8.1; Privacy Act 1988 s 16C",
            )
        else:
            d.add(
                "cross_border",
                "needs_consent",
                f"Disclosure to {r.country} with no APP 8.2 exception and no reasonable steps: bind the recipient "
                "by contract (APP 8.1) or obtain informed consent (APP 8.2(b)).",
                "APP 8.1, APP 8.2",
            )
    return d


# --- New Zealand ---------------------------------------------------------------------------------


def _nz(f: DecisionInput) -> RegimeDecision:
    d = RegimeDecision("nz")
    principle = "IPP 11(1)" if f.action == "disclosure" else "IPP 10(1)"
    exc = f.exception
    if f.proposed_purpose == f.collection_purpose:
        d.add("purpose", "allowed", "The proposed purpose is one of the purposes of collection.", principle)
    elif f.directly_related:
        d.add("purpose", "allowed", "The proposed purpose is directly related to the purpose of collection.", principle)
    elif f.consent.valid:
        d.add("purpose", "allowed", "The individual has authorised it.", principle)
    elif exc in ("serious_threat", "required_by_law", "enforcement_body", "legal_claims"):
        d.add("purpose", "allowed", f"Believed on reasonable grounds to be necessary: {EXCEPTIONS[exc]}.", principle)
    else:
        d.add(
            "purpose",
            "needs_consent",
            "Not a purpose of collection or directly related to one, and no exception applies: the individual's "
            "authorisation is needed.",
            principle,
        )

    if f.direct_marketing and f.electronic_message:
        outcome: Outcome = "allowed" if f.consent.valid else "needs_consent"
        d.add(
            "direct_marketing",
            outcome,
            "Commercial electronic messages need consent (express, inferred or deemed) and a functional "
            "unsubscribe facility.",
            "Unsolicited Electronic Messages Act 2007 s 9, s 11",
        )

    if _overseas(f, {"NZ"}):
        r = f.recipient
        assert r is not None
        if f.consent.valid and f.consent.informed_of_overseas_risk:
            d.add(
                "cross_border",
                "allowed",
                "Authorised by the individual after being expressly told the recipient may not protect the "
                "information comparably.",
                "IPP 12(1)(a)",
            )
        elif r.subject_to_nz_act:
            d.add("cross_border", "allowed", "The recipient is subject to the Privacy Act 2020.", "IPP 12(1)(b)")
        elif r.comparable_safeguards:
            d.add(
                "cross_border",
                "allowed",
                "Reasonably believed to be subject to comparable safeguards (comparable law, or by agreement).",
                "IPP 12(1)(c), (f)",
            )
        elif exc in ("serious_threat", "enforcement_body"):
            d.add(
                "cross_border",
                "allowed",
                f"Necessary: {EXCEPTIONS[exc]}; IPP 12 yields to these disclosures.",
                "IPP 12; IPP 11(1)",
            )
        else:
            d.add(
                "cross_border",
                "needs_consent",
                f"Disclosure to {r.country} without comparable safeguards: obtain the individual's informed "
                "authorisation or agree comparable safeguards with the recipient.",
                "IPP 12(1)",
            )
    return d


# --- EU ------------------------------------------------------------------------------------------


def _eu(f: DecisionInput, on: date) -> RegimeDecision:
    d = RegimeDecision("eu")
    exc = f.exception
    same = f.proposed_purpose == f.collection_purpose
    if f.consent.valid and (not f.sensitive or f.consent.express):
        d.add("lawful_basis", "allowed", "The data subject has consented to this purpose.", "GDPR Art 6(1)(a)")
    elif exc == "required_by_law" or f.gdpr_basis == "legal_obligation":
        d.add("lawful_basis", "allowed", "Necessary to comply with a legal obligation.", "GDPR Art 6(1)(c)")
    elif exc == "serious_threat" or f.gdpr_basis == "vital_interests":
        d.add("lawful_basis", "allowed", "Necessary to protect someone's vital interests.", "GDPR Art 6(1)(d)")
    elif (same or f.compatible_purpose) and f.gdpr_basis and f.gdpr_basis != "consent":
        why = "the purpose of collection" if same else "a purpose compatible with it (Art 6(4))"
        d.add(
            "lawful_basis",
            "allowed",
            f"Processing for {why} on the same lawful basis ({f.gdpr_basis}).",
            "GDPR Art 6(1), Art 5(1)(b)",
        )
    else:
        d.add(
            "lawful_basis",
            "needs_consent",
            "No lawful basis recorded for this purpose, and it is neither the collection purpose nor a compatible "
            "one: consent is needed (or another Art 6(1) basis, assessed and recorded).",
            "GDPR Art 6(1), Art 6(4)",
        )

    if f.sensitive:
        if f.consent.valid and f.consent.express:
            d.add(
                "special_category",
                "allowed",
                "Explicit consent to processing special category data.",
                "GDPR Art 9(2)(a)",
            )
        elif exc == "legal_claims":
            d.add("special_category", "allowed", "Necessary for legal claims.", "GDPR Art 9(2)(f)")
        elif exc == "serious_threat":
            d.add(
                "special_category",
                "allowed",
                "Vital interests where the data subject cannot consent.",
                "GDPR Art 9(2)(c)",
            )
        elif exc == "required_by_law":
            d.add(
                "special_category",
                "allowed",
                "Employment, social security or substantial public interest law requires it (name the law).",
                "GDPR Art 9(2)(b), (g)",
            )
        else:
            d.add(
                "special_category",
                "needs_consent",
                "Special category data need an Art 9(2) condition: explicit consent is the usual one.",
                "GDPR Art 9(1)-(2)",
            )

    if f.direct_marketing:
        if f.consent.valid:
            d.add(
                "direct_marketing", "allowed", "Consent on record; honour any objection at once.", "GDPR Art 21(2)-(3)"
            )
        elif f.electronic_message and not f.existing_customer:
            d.add(
                "direct_marketing",
                "needs_consent",
                "Electronic marketing to people who are not existing customers needs prior consent.",
                "Directive 2002/58/EC Art 13(1)",
            )
        else:
            d.add(
                "direct_marketing",
                "allowed",
                "Existing customer (similar products, opt-out offered) or non-electronic: legitimate interests may "
                "apply; the person can object at any time.",
                "GDPR Art 6(1)(f), Art 21(2); Directive 2002/58/EC Art 13(2)",
            )

    if _overseas(f, set(EU_EEA)):
        r = f.recipient
        assert r is not None
        country = r.country.upper()
        adequate_since = ADEQUACY.get(country)
        if adequate_since and adequate_since <= on and (country != "US" or r.dpf_certified):
            d.add("transfer", "allowed", f"An adequacy decision covers {country}.", "GDPR Art 45")
        elif r.gdpr_safeguard:
            cite = {"scc": "GDPR Art 46(2)(c)", "bcr": "GDPR Art 47"}[r.gdpr_safeguard]
            d.add(
                "transfer",
                "allowed",
                f"Appropriate safeguards ({r.gdpr_safeguard.upper()}) with a transfer impact assessment.",
                cite,
            )
        elif f.consent.valid and f.consent.express and f.consent.informed_of_overseas_risk:
            d.add(
                "transfer",
                "allowed",
                "Explicit consent after being told of the risks (a derogation for occasional transfers).",
                "GDPR Art 49(1)(a)",
            )
        elif exc == "legal_claims":
            d.add("transfer", "allowed", "Necessary for legal claims (derogation).", "GDPR Art 49(1)(e)")
        elif exc == "serious_threat":
            d.add(
                "transfer",
                "allowed",
                "Vital interests where consent cannot be given (derogation).",
                "GDPR Art 49(1)(f)",
            )
        else:
            d.add(
                "transfer",
                "not_allowed",
                f"No adequacy decision for {country}, no appropriate safeguard and no derogation: the transfer is "
                "prohibited until one exists.",
                "GDPR Art 44",
            )
    return d


def decide(facts: DecisionInput | dict[str, object]) -> Decision:
    """Decide a proposed use or disclosure under each regime in ``facts.regimes``."""
    if not isinstance(facts, DecisionInput):
        try:
            facts = DecisionInput.model_validate(facts)
        except ValidationError as exc:
            problems = []
            for error in exc.errors():
                where = ".".join(str(p) for p in error["loc"]) or "input"
                message = error["msg"]
                if error["type"] == "extra_forbidden":
                    message = f"unknown field; accepted: {', '.join(_fields_at(error['loc']))}"
                problems.append(f"{where}: {message}")
            raise LawError("; ".join(problems)) from None
    if facts.exception is not None and facts.exception not in EXCEPTIONS:
        raise LawError(f"exception: unknown {facts.exception!r}; accepted: {', '.join(EXCEPTIONS)}")
    on = facts.on or date.today()
    results = []
    for regime in dict.fromkeys(facts.regimes):
        if regime == "au":
            results.append(_au(facts))
        elif regime == "nz":
            results.append(_nz(facts))
        else:
            results.append(_eu(facts, on))
    overall: Outcome = max((r.outcome for r in results), key=_RANK.__getitem__)
    return Decision(overall, results)


def _fields_at(loc: tuple[int | str, ...]) -> list[str]:
    """The field names accepted where an unknown field was found (top level, recipient or consent)."""
    model: type[BaseModel] = DecisionInput
    for part in loc[:-1]:
        info = model.model_fields.get(str(part))
        if info is None:
            continue
        candidates = [info.annotation, *get_args(info.annotation)]
        nested = next((c for c in candidates if isinstance(c, type) and issubclass(c, BaseModel)), None)
        if nested is not None:
            model = nested
    return list(model.model_fields)
