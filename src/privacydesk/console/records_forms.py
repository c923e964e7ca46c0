"""Console forms for accountability records. Rules live in the services; these only collect input."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django_countries import countries

from privacydesk.accountability.models import (
    Agreement,
    ClientOrganisation,
    ClientSystem,
    Collection,
    CollectionPoint,
    StaffDocument,
)
from privacydesk.accountability.models.agreements import TERMS
from privacydesk.console.forms import DAY
from privacydesk.law.decide import EXCEPTIONS
from privacydesk.law.notices import NOTICE_EXCEPTIONS, TOPICS
from privacydesk.register.models import DataCategory, Purpose, Recipient, SubjectType, System

WHEN = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TICKS = forms.CheckboxSelectMultiple


class DisclosureForm(forms.Form):
    recipient = forms.ModelChoiceField(queryset=Recipient.objects.all(), help_text="From the register.")
    categories = forms.ModelMultipleChoiceField(
        queryset=DataCategory.objects.all(), widget=TICKS, label="Information disclosed"
    )
    purpose = forms.ModelChoiceField(queryset=Purpose.objects.all(), required=False, label="Purpose (register)")
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why it was disclosed")
    disclosed_at = forms.DateTimeField(widget=WHEN, label="When")
    country = forms.ChoiceField(
        choices=[("", "The recipient's country in the register"), *countries],
        required=False,
        help_text="Where the recipient received it, if not its country in the register.",
    )
    collection_purpose = forms.CharField(
        required=False, help_text="Why we first collected it. Left blank: from the person's collection records."
    )
    exception = forms.ChoiceField(
        choices=[("", "None — the purpose itself allows it"), *EXCEPTIONS.items()],
        required=False,
        label="Exception relied on",
    )
    consent_given = forms.BooleanField(required=False, label="The person consented to this disclosure")
    informed_of_overseas_risk = forms.BooleanField(
        required=False, label="They were told an overseas recipient may not protect it as our law does"
    )
    enforcement_activity = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="APP 6.5 written note, for an enforcement body: the enforcement-related activity.",
    )
    belief_basis = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="APP 6.5: why we reasonably believed the disclosure was reasonably necessary for it.",
    )
    reference = forms.CharField(max_length=120, required=False, help_text="Ticket, letter or order reference.")


class RoutineForm(forms.Form):
    name = forms.CharField(max_length=160)
    recipient = forms.ModelChoiceField(queryset=Recipient.objects.all())
    categories = forms.ModelMultipleChoiceField(queryset=DataCategory.objects.all(), widget=TICKS)
    purpose = forms.ModelChoiceField(queryset=Purpose.objects.all(), required=False)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}))
    frequency = forms.CharField(max_length=60, initial="nightly")
    source_system = forms.ModelChoiceField(
        queryset=System.objects.all(), required=False, help_text="Everyone whose information this system holds."
    )
    subject_types = forms.ModelMultipleChoiceField(
        queryset=SubjectType.objects.all(), widget=TICKS, required=False, help_text="Everyone of these types."
    )
    jurisdictions = forms.MultipleChoiceField(
        choices=[("au", "Australia"), ("nz", "New Zealand"), ("eu", "EU")],
        widget=TICKS,
        required=False,
        help_text="Whose people it carries; the disclosure must be lawful under each. Blank: all that apply to us.",
    )
    started_on = forms.DateField(widget=DAY)
    collection_purpose = forms.CharField(required=False)
    exception = forms.ChoiceField(choices=[("", "None"), *EXCEPTIONS.items()], required=False)


class RunForm(forms.Form):
    ran_at = forms.DateTimeField(widget=WHEN, label="When it ran")
    record_count = forms.IntegerField(min_value=0, label="Records sent")
    reference = forms.CharField(max_length=120, required=False)


class CorrectionForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        queryset=DataCategory.objects.all(), widget=TICKS, label="Information corrected"
    )


class CollectionPointForm(forms.ModelForm):
    class Meta:
        model = CollectionPoint
        fields = [
            "name",
            "kind",
            "indirect",
            "description",
            "purposes",
            "data_categories",
            "systems",
            "required_by_law",
            "publicly_available",
            "active",
        ]
        widgets = {"purposes": TICKS, "data_categories": TICKS, "systems": TICKS}


class NoticeForm(forms.Form):
    """One text box per notice topic; the law engine says which the collection point needs."""

    change_summary = forms.CharField(max_length=255, required=False, label="What changed")
    effective_from = forms.DateTimeField(widget=WHEN, required=False, help_text="Blank: from now.")

    def __init__(self, *args: Any, needed: list[str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        wanted = set(needed or [])
        for topic, (heading, hint) in TOPICS.items():
            label = heading + ("" if topic in wanted else " (not required here)")
            self.fields[topic] = forms.CharField(
                widget=forms.Textarea(attrs={"rows": 3}), required=False, label=label, help_text=hint
            )

    def sections(self) -> dict[str, str]:
        return {t: self.cleaned_data.get(t, "") for t in TOPICS if self.cleaned_data.get(t, "").strip()}


class CollectionForm(forms.Form):
    point = forms.ModelChoiceField(queryset=CollectionPoint.objects.filter(active=True), label="Collection point")
    collected_at = forms.DateTimeField(widget=WHEN, label="When")
    source = forms.CharField(
        max_length=255, required=False, help_text="For a referral or directory: who gave it to us or where it was."
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=DataCategory.objects.all(),
        widget=TICKS,
        required=False,
        help_text="Blank: the collection point's categories.",
    )
    notes = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), required=False)


class GiveNoticeForm(forms.Form):
    method = forms.ChoiceField(choices=Collection.METHODS)


class ExemptForm(forms.Form):
    exception = forms.ChoiceField(
        choices=[("", "Choose the exception"), *((e.code, f"{e.label} — {e.citation}") for e in NOTICE_EXCEPTIONS)],
        label="Exception relied on",
    )
    exemption = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it applies to this person")


class ClientForm(forms.ModelForm):
    class Meta:
        model = ClientOrganisation
        fields = [
            "name",
            "abn",
            "contact_name",
            "contact_email",
            "agreement_reference",
            "confidentiality_terms",
            "agreement_signed_on",
            "agreement_expires_on",
            "notes",
        ]
        widgets = {"agreement_signed_on": DAY, "agreement_expires_on": DAY}


class ClientSystemForm(forms.ModelForm):
    class Meta:
        model = ClientSystem
        fields = ["name", "description", "holds_sensitive", "data_categories"]
        widgets = {"data_categories": TICKS}


class AccessForm(forms.Form):
    system = forms.ModelChoiceField(queryset=ClientSystem.objects.select_related("client"), label="Client system")
    staff = forms.ModelChoiceField(queryset=get_user_model().objects.filter(is_active=True), label="Who")
    accessed_at = forms.DateTimeField(widget=WHEN, label="When")
    ended_at = forms.DateTimeField(widget=WHEN, required=False, label="Until")
    ticket = forms.CharField(max_length=120, required=False)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why")


class ReportForm(forms.Form):
    since = forms.DateField(widget=DAY, label="From")
    until = forms.DateField(widget=DAY, label="Up to (not including)")


class AgreementForm(forms.ModelForm):
    terms = forms.MultipleChoiceField(
        choices=list(TERMS.items()), widget=TICKS, required=False, label="Terms it includes"
    )

    class Meta:
        model = Agreement
        fields = [
            "party",
            "title",
            "terms",
            "privacy_terms",
            "work_locations",
            "systems",
            "signed_on",
            "expires_on",
            "document_reference",
            "notes",
        ]
        widgets = {
            "systems": TICKS,
            "signed_on": DAY,
            "expires_on": DAY,
            "work_locations": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        party = self.fields["party"]
        assert isinstance(party, forms.ModelChoiceField)
        party.queryset = Recipient.objects.filter(kind__in=["service_provider", "contractor", "related_body"])
        party.help_text = "A service provider or contractor in the register's recipients."

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        signed, expires = data.get("signed_on"), data.get("expires_on")
        if signed and expires and expires < signed:
            self.add_error("expires_on", "The agreement cannot expire before it was signed.")
        return data


class StaffDocumentForm(forms.ModelForm):
    version = forms.CharField(max_length=40, help_text="e.g. 2026.1")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label="Text staff are to read")

    class Meta:
        model = StaffDocument
        fields = ["title", "kind"]


class VersionForm(forms.Form):
    version = forms.CharField(max_length=40, help_text="e.g. 2026.2")
    change_summary = forms.CharField(max_length=255, required=False, label="What changed")
    body = forms.CharField(widget=forms.Textarea(attrs={"rows": 10}), label="Text staff are to read")
