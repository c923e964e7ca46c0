"""The register as a YAML document ("privacy as code"), described with pydantic.

The same models validate an import and shape an export, so a file the application wrote always
imports again. Entities refer to each other by ``code`` (categories, subject types) or ``name``.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator

from privacydesk.register import identifiers, models


def _choice(choices: list[tuple[str, str]]) -> set[str]:
    return {value for value, _ in choices}


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)


def _check_choice(value: str, choices: list[tuple[str, str]], what: str) -> str:
    if value and value not in _choice(choices):
        raise ValueError(f"unknown {what} {value!r}; expected one of: {', '.join(sorted(_choice(choices)))}")
    return value


def _check_country(value: str) -> str:
    from django_countries import countries

    code = value.upper()
    if not countries.alpha2(code):
        raise ValueError(f"{value!r} is not an ISO 3166 two-letter country code")
    return code


def one_of(choices: list[tuple[str, str]], what: str) -> AfterValidator:
    """A string that must be one of a model field's choices (or empty), with a message naming it."""
    return AfterValidator(lambda v: _check_choice(v, choices, what))


Country = Annotated[str, AfterValidator(_check_country)]
OptionalCountry = Annotated[str, AfterValidator(lambda v: _check_country(v) if v else v)]
State = Annotated[str, one_of(models.AU_STATES, "state or territory")]
Regulator = Annotated[str, one_of(models.REGULATORS, "regulator")]
GdprBasis = Annotated[str, one_of(models.Purpose.GDPR_BASES, "GDPR lawful basis")]
RecipientKind = Annotated[str, one_of(models.Recipient.KIND_CHOICES, "recipient kind")]
AuBasis = Annotated[str, one_of(models.Transfer.AU_BASES, "Australian basis")]
NzBasis = Annotated[str, one_of(models.Transfer.NZ_BASES, "New Zealand basis")]
GdprSafeguard = Annotated[str, one_of(models.Transfer.GDPR_SAFEGUARDS, "GDPR safeguard")]
Trigger = Annotated[str, one_of(models.RetentionRule.TRIGGERS, "trigger")]
Disposal = Annotated[str, one_of(models.RetentionRule.DISPOSAL, "disposal method")]


class OrganisationDoc(Strict):
    legal_name: str = Field(min_length=1)
    trading_name: str = ""
    abn: str = ""
    nzbn: str = ""
    operates_in_au: bool = True
    au_states: list[State] = []
    operates_in_nz: bool = False
    has_eu_contacts: bool = False
    eu_establishment: bool = False
    small_business_operator: bool = False
    small_business_reasoning: str = ""
    privacy_officer_name: str = ""
    privacy_officer_email: str = ""
    privacy_officer_phone: str = ""
    postal_address: str = ""
    regulators: list[Regulator] = []
    eu_supervisory_authority: str = ""

    @field_validator("abn")
    @classmethod
    def _abn(cls, v: str) -> str:
        return identifiers.clean_abn(v) if v else v

    @field_validator("nzbn")
    @classmethod
    def _nzbn(cls, v: str) -> str:
        return identifiers.clean_nzbn(v) if v else v


class CategoryDoc(Strict):
    code: str = Field(min_length=1, pattern=r"^[-a-zA-Z0-9_]+$")
    name: str = Field(min_length=1)
    parent: str | None = None
    description: str = ""
    sensitive: bool = False


class SubjectTypeDoc(Strict):
    code: str = Field(min_length=1, pattern=r"^[-a-zA-Z0-9_]+$")
    name: str = Field(min_length=1)
    description: str = ""


class SystemDoc(Strict):
    name: str = Field(min_length=1)
    vendor: str = ""
    kind: Literal["internal", "processor"] = "processor"
    description: str = ""
    hosting_countries: list[Country] = []
    security_notes: str = ""
    owner: str | None = None
    data_categories: list[str] = []
    subject_types: list[str] = []


class PurposeDoc(Strict):
    name: str = Field(min_length=1)
    description: str = ""
    kind: Literal["primary", "secondary"] = "primary"
    gdpr_basis: GdprBasis = ""
    au_notes: str = ""
    nz_notes: str = ""


class RecipientDoc(Strict):
    name: str = Field(min_length=1)
    kind: RecipientKind = "service_provider"
    country: OptionalCountry = ""
    contact: str = ""
    description: str = ""


class TransferDoc(Strict):
    system: str | None = None
    recipient: str | None = None
    country: Country
    au_basis: AuBasis = ""
    nz_basis: NzBasis = ""
    gdpr_safeguard: GdprSafeguard = ""
    notes: str = ""


class RetentionRuleDoc(Strict):
    name: str = Field(min_length=1)
    data_categories: list[str] = []
    period: int = Field(ge=0)
    unit: Literal["days", "months", "years"] = "years"
    trigger: Trigger = "end_of_relationship"
    disposal: Disposal = "delete"
    legal_requirement: str = ""


class ActivityDoc(Strict):
    name: str = Field(min_length=1)
    description: str = ""
    purposes: list[str] = Field(min_length=1)
    data_categories: list[str] = Field(min_length=1)
    subject_types: list[str] = Field(min_length=1)
    systems: list[str] = []
    recipients: list[str] = []
    retention_rule: str | None = None


class RegisterDoc(Strict):
    version: Literal[1] = 1
    organisation: OrganisationDoc | None = None
    data_categories: list[CategoryDoc] = []
    subject_types: list[SubjectTypeDoc] = []
    systems: list[SystemDoc] = []
    purposes: list[PurposeDoc] = []
    recipients: list[RecipientDoc] = []
    transfers: list[TransferDoc] = []
    retention_rules: list[RetentionRuleDoc] = []
    processing_activities: list[ActivityDoc] = []
