"""The register: the organisation's data map.

It is what an APP 1.4 privacy policy and a GDPR Art 30 record of processing are made from, so each
model keeps what those documents need and nothing more. Entities are keyed for YAML import by a
human name (``name``) or a taxonomy ``code``, never by database id, so a register kept in git can be
imported into any instance.
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django_countries.fields import CountryField

from privacydesk.audit.models import AuditedModel
from privacydesk.register import identifiers

AU_STATES = [
    ("ACT", "Australian Capital Territory"),
    ("NSW", "New South Wales"),
    ("NT", "Northern Territory"),
    ("QLD", "Queensland"),
    ("SA", "South Australia"),
    ("TAS", "Tasmania"),
    ("VIC", "Victoria"),
    ("WA", "Western Australia"),
]

REGULATORS = [
    ("OAIC", "Office of the Australian Information Commissioner"),
    ("NZ_OPC", "Office of the Privacy Commissioner (New Zealand)"),
    ("EU_SA", "An EU/EEA supervisory authority (GDPR Art 51)"),
    ("ACMA", "Australian Communications and Media Authority (Spam Act)"),
    ("NZ_DIA", "Department of Internal Affairs (NZ, UEMA)"),
]


class Organisation(AuditedModel):
    """The business itself: one row. Controller details for Art 30(1)(a); entity for APP 1.4."""

    legal_name = models.CharField(max_length=200)
    trading_name = models.CharField(max_length=200, blank=True)
    abn = models.CharField(
        "ABN", max_length=14, blank=True, help_text="Australian Business Number, 11 digits (checksum checked)."
    )
    nzbn = models.CharField(
        "NZBN", max_length=13, blank=True, help_text="New Zealand Business Number, 13 digits starting 94."
    )
    operates_in_au = models.BooleanField("Operates in Australia", default=True)
    au_states = models.JSONField(
        "Australian states and territories", default=list, blank=True, help_text="Where it operates in Australia."
    )
    operates_in_nz = models.BooleanField("Operates in New Zealand", default=False)
    has_eu_contacts = models.BooleanField(
        "Holds information about people in the EU",
        default=False,
        help_text="Offers goods or services to, or monitors, people in the EU (GDPR Art 3(2)).",
    )
    eu_establishment = models.BooleanField("Has an establishment in the EU", default=False)
    small_business_operator = models.BooleanField(
        "Small business operator",
        default=False,
        help_text="Annual turnover of $3 million or less (Privacy Act 1988 s 6D).",
    )
    small_business_reasoning = models.TextField(
        blank=True,
        help_text="Why the organisation is or is not a small business operator, and any s 6D(4) exception "
        "(health service, trading in personal information, contracted service provider…).",
    )
    privacy_officer_name = models.CharField(max_length=200, blank=True)
    privacy_officer_email = models.EmailField(blank=True)
    privacy_officer_phone = models.CharField(max_length=40, blank=True)
    postal_address = models.TextField(blank=True)
    regulators = models.JSONField(default=list, blank=True, help_text="Regulators whose jurisdiction applies.")
    eu_supervisory_authority = models.CharField(max_length=200, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        permissions = [("export_register", "Can export the register"), ("import_register", "Can import the register")]

    def __str__(self) -> str:
        return self.legal_name

    def clean(self) -> None:
        errors: dict[str, str] = {}
        if self.abn:
            try:
                self.abn = identifiers.clean_abn(self.abn)
            except ValueError as exc:
                errors["abn"] = str(exc)
        if self.nzbn:
            try:
                self.nzbn = identifiers.clean_nzbn(self.nzbn)
            except ValueError as exc:
                errors["nzbn"] = str(exc)
        if self.operates_in_au and not self.abn and not self.nzbn:
            errors["abn"] = "An organisation operating in Australia needs its ABN (or an NZBN)."
        bad_states = [s for s in self.au_states or [] if s not in dict(AU_STATES)]
        if bad_states:
            errors["au_states"] = f"Unknown state or territory: {', '.join(map(str, bad_states))}."
        bad_regs = [r for r in self.regulators or [] if r not in dict(REGULATORS)]
        if bad_regs:
            errors["regulators"] = f"Unknown regulator: {', '.join(map(str, bad_regs))}."
        if errors:
            raise ValidationError(errors)

    @classmethod
    def current(cls) -> Organisation | None:
        return cls.objects.order_by("pk").first()


class DataCategory(AuditedModel):
    """A kind of personal information, in a taxonomy (``parent``). Sensitive categories are flagged."""

    code = models.SlugField(max_length=80, unique=True, help_text="Stable key, e.g. contact or health.")
    name = models.CharField(max_length=120)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    description = models.TextField(blank=True)
    sensitive = models.BooleanField(
        default=False,
        help_text="Sensitive information (Privacy Act s 6(1)) or a special category (GDPR Art 9/10).",
    )

    class Meta:
        ordering = ["code"]
        verbose_name_plural = "data categories"

    def __str__(self) -> str:
        return self.name


class SubjectType(AuditedModel):
    """A kind of person the organisation holds information about."""

    code = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class System(AuditedModel):
    """Somewhere personal information is held: an application, a service or a store of paper."""

    INTERNAL = "internal"
    PROCESSOR = "processor"
    KIND_CHOICES = [(INTERNAL, "Run by us"), (PROCESSOR, "Service provider (processor)")]

    name = models.CharField(max_length=120, unique=True)
    vendor = models.CharField(max_length=120, blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=PROCESSOR)
    description = models.TextField(blank=True)
    hosting_countries = CountryField(multiple=True, blank=True, help_text="Where the data is stored or accessed.")
    security_notes = models.TextField(blank=True, help_text="Technical and organisational measures (APP 11).")
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="owned_systems"
    )
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="systems")
    subject_types = models.ManyToManyField(SubjectType, blank=True, related_name="systems")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def overseas_countries(self, home: set[str] | None = None) -> list[str]:
        home = home if home is not None else {"AU", "NZ"}
        return [c.code for c in self.hosting_countries if c.code not in home]


class Purpose(AuditedModel):
    """Why information is collected, used or disclosed, and on which lawful basis."""

    PRIMARY = "primary"
    SECONDARY = "secondary"
    KIND_CHOICES = [(PRIMARY, "Primary purpose"), (SECONDARY, "Secondary purpose")]
    GDPR_BASES = [
        ("consent", "Consent — Art 6(1)(a)"),
        ("contract", "Contract — Art 6(1)(b)"),
        ("legal_obligation", "Legal obligation — Art 6(1)(c)"),
        ("vital_interests", "Vital interests — Art 6(1)(d)"),
        ("public_task", "Public task — Art 6(1)(e)"),
        ("legitimate_interests", "Legitimate interests — Art 6(1)(f)"),
    ]

    name = models.CharField(max_length=160, unique=True)
    description = models.TextField(blank=True)
    kind = models.CharField(max_length=20, choices=KIND_CHOICES, default=PRIMARY)
    gdpr_basis = models.CharField("GDPR lawful basis", max_length=30, choices=GDPR_BASES, blank=True)
    au_notes = models.TextField("Australian notes", blank=True, help_text="APP 6: how a secondary use is permitted.")
    nz_notes = models.TextField("New Zealand notes", blank=True, help_text="IPP 1 and 10.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Recipient(AuditedModel):
    """Someone outside the organisation that personal information is disclosed to."""

    KIND_CHOICES = [
        ("service_provider", "Service provider (processor)"),
        ("contractor", "Contractor"),
        ("related_body", "Related body corporate"),
        ("professional_adviser", "Professional adviser"),
        ("government", "Government agency or regulator"),
        ("client", "Client organisation"),
        ("other", "Other third party"),
    ]

    name = models.CharField(max_length=160, unique=True)
    kind = models.CharField(max_length=30, choices=KIND_CHOICES, default="service_provider")
    country = CountryField(blank=True)
    contact = models.CharField(max_length=200, blank=True)
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Transfer(AuditedModel):
    """Personal information sent or stored overseas, and the legal basis in each regime."""

    AU_BASES = [
        ("app_8_1", "Reasonable steps taken; we remain accountable — APP 8.1, s 16C"),
        ("app_8_2_a", "Substantially similar law, enforceable — APP 8.2(a)"),
        ("app_8_2_aa", "Prescribed country or binding scheme — APP 8.2(aa)"),
        ("app_8_2_b", "Informed consent — APP 8.2(b)"),
        ("app_8_2_c", "Required or authorised by law — APP 8.2(c)"),
        ("app_8_2_d", "Permitted general situation — APP 8.2(d)"),
        ("not_disclosure", "Not a disclosure (we keep effective control)"),
    ]
    NZ_BASES = [
        ("ipp_12_1_a", "Individual authorised after being told — IPP 12(1)(a)"),
        ("ipp_12_1_b", "Recipient subject to the Privacy Act 2020 — IPP 12(1)(b)"),
        ("ipp_12_1_c", "Comparable safeguards — IPP 12(1)(c)"),
        ("ipp_12_1_d", "Prescribed binding scheme — IPP 12(1)(d)"),
        ("ipp_12_1_e", "Prescribed country — IPP 12(1)(e)"),
        ("ipp_12_1_f", "Comparable safeguards by agreement — IPP 12(1)(f)"),
        ("agent", "Agent holding for us — s 11, not a disclosure"),
    ]
    GDPR_SAFEGUARDS = [
        ("adequacy", "Adequacy decision — Art 45"),
        ("scc", "Standard contractual clauses — Art 46(2)(c)"),
        ("bcr", "Binding corporate rules — Art 47"),
        ("derogation", "Derogation for a specific situation — Art 49"),
    ]

    system = models.ForeignKey(System, null=True, blank=True, on_delete=models.CASCADE, related_name="transfers")
    recipient = models.ForeignKey(Recipient, null=True, blank=True, on_delete=models.CASCADE, related_name="transfers")
    country = CountryField()
    au_basis = models.CharField("Australian basis", max_length=30, choices=AU_BASES, blank=True)
    nz_basis = models.CharField("New Zealand basis", max_length=30, choices=NZ_BASES, blank=True)
    gdpr_safeguard = models.CharField("GDPR safeguard", max_length=30, choices=GDPR_SAFEGUARDS, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["country"]

    def __str__(self) -> str:
        target = self.system or self.recipient
        return f"{target} → {self.country.name}"

    def clean(self) -> None:
        if (self.system_id is None) == (self.recipient_id is None):
            raise ValidationError({"system": "Choose either a system or a recipient, not both or neither."})


class RetentionRule(AuditedModel):
    """How long a kind of information is kept, from which event, and how it is disposed of."""

    UNITS = [("days", "days"), ("months", "months"), ("years", "years")]
    TRIGGERS = [
        ("collection", "Collection"),
        ("last_contact", "Last contact"),
        ("end_of_relationship", "End of the relationship or contract"),
        ("end_of_financial_year", "End of the financial year"),
        ("payment", "Payment completed"),
        ("request_closed", "Request or complaint closed"),
        ("unsuccessful_application", "Application unsuccessful"),
    ]
    DISPOSAL = [
        ("delete", "Delete"),
        ("deidentify", "De-identify"),
        ("destroy", "Securely destroy (media or paper)"),
        ("overwrite", "Overwrite (rolling recordings or backups)"),
        ("return", "Return to the client"),
        ("archive", "Archive (out of everyday systems, kept encrypted)"),
    ]

    name = models.CharField(max_length=160, unique=True)
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="retention_rules")
    period = models.PositiveIntegerField()
    unit = models.CharField(max_length=10, choices=UNITS, default="years")
    trigger = models.CharField(max_length=40, choices=TRIGGERS, default="end_of_relationship")
    disposal = models.CharField(max_length=20, choices=DISPOSAL, default="delete")
    legal_requirement = models.CharField(
        max_length=255, blank=True, help_text="A law requiring the period, e.g. Corporations Act 2001 s 286."
    )

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def describe(self) -> str:
        trigger, disposal = self.get_trigger_display().lower(), self.get_disposal_display().lower()
        if self.period == 0:
            return f"until {trigger}, then {disposal}"
        return f"{self.period} {self.unit} after {trigger}, then {disposal}"


class ProcessingActivity(AuditedModel):
    """One processing activity: purpose × categories × subjects × systems × recipients × retention."""

    name = models.CharField(max_length=160, unique=True)
    description = models.TextField(blank=True)
    purposes = models.ManyToManyField(Purpose, related_name="activities")
    data_categories = models.ManyToManyField(DataCategory, related_name="activities")
    subject_types = models.ManyToManyField(SubjectType, related_name="activities")
    systems = models.ManyToManyField(System, blank=True, related_name="activities")
    recipients = models.ManyToManyField(Recipient, blank=True, related_name="activities")
    retention_rule = models.ForeignKey(
        RetentionRule, null=True, blank=True, on_delete=models.PROTECT, related_name="activities"
    )

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "processing activities"

    def __str__(self) -> str:
        return self.name


class AutomatedDecision(AuditedModel):
    """A computer program that uses personal information to make, or to do something substantially and
    directly related to making, a decision that could significantly affect someone (APP 1.7-1.9 from
    10 December 2026; GDPR Art 13(2)(f), 22). The privacy policy lists these, or says there are none."""

    name = models.CharField(max_length=160, unique=True)
    description = models.TextField(help_text="What the program decides or does, in plain words.")
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="automated_decisions")
    solely_automated = models.BooleanField(
        default=False, help_text="The program makes the decision itself (not only helps a person make it)."
    )
    effect = models.TextField(blank=True, help_text="How the decision could affect someone's rights or interests.")
    human_review = models.TextField(blank=True, help_text="How someone can ask a person to review the decision.")

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
