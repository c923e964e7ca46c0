"""Console forms. Model validation (ABN checksums, country codes) lives on the models; forms add
only what is about the page: widgets, hints and multi-choice fields for JSON lists."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.db.models import Model

from privacydesk.accounts.roles import ROLE_LABELS
from privacydesk.accounts.scopes import CHOICES as SCOPE_CHOICES
from privacydesk.people.models import Identity, Person
from privacydesk.register import models as m


class OrganisationForm(forms.ModelForm):
    au_states = forms.MultipleChoiceField(
        choices=m.AU_STATES, required=False, widget=forms.CheckboxSelectMultiple, label="States and territories"
    )
    regulators = forms.MultipleChoiceField(choices=m.REGULATORS, required=False, widget=forms.CheckboxSelectMultiple)

    class Meta:
        model = m.Organisation
        exclude: list[str] = []


# A date field's input: the browser's date picker, whose value must be ISO 8601 whatever the locale
# (a date shown again in en-AU format would be blank, and the form refused as incomplete).
DAY = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")

REGISTER_FIELDS: dict[type[Model], list[str]] = {
    m.DataCategory: ["code", "name", "parent", "sensitive", "description"],
    m.SubjectType: ["code", "name", "description"],
    m.System: [
        "name",
        "vendor",
        "kind",
        "hosting_countries",
        "owner",
        "data_categories",
        "subject_types",
        "security_notes",
        "description",
    ],
    m.Purpose: ["name", "kind", "gdpr_basis", "description", "au_notes", "nz_notes"],
    m.Recipient: ["name", "kind", "country", "contact", "description"],
    m.Transfer: ["system", "recipient", "country", "au_basis", "nz_basis", "gdpr_safeguard", "notes"],
    m.RetentionRule: ["name", "data_categories", "period", "unit", "trigger", "disposal", "legal_requirement"],
    m.AutomatedDecision: ["name", "description", "data_categories", "solely_automated", "effect", "human_review"],
    m.ProcessingActivity: [
        "name",
        "description",
        "purposes",
        "data_categories",
        "subject_types",
        "systems",
        "recipients",
        "retention_rule",
    ],
}


def register_form(model: type[Model]) -> type[forms.ModelForm]:
    fields = REGISTER_FIELDS[model]
    widgets: dict[str, Any] = {}
    for name in fields:
        field = model._meta.get_field(name)
        if field.many_to_many:
            widgets[name] = forms.CheckboxSelectMultiple
    if "hosting_countries" in fields:
        widgets["hosting_countries"] = forms.SelectMultiple(attrs={"size": 8})
    return forms.modelform_factory(model, fields=fields, widgets=widgets)


class PersonForm(forms.ModelForm):
    email = forms.CharField(required=False, label="Email address")
    phone = forms.CharField(required=False, label="Phone number", help_text="e.g. 0412 345 678 or +64 21 123 4567")

    class Meta:
        model = Person
        fields = ["name", "subject_type", "jurisdiction", "country", "client_organisation", "role", "notes"]


class PersonEditForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = [
            "name", "subject_type", "jurisdiction", "country", "client_organisation", "role", "systems",
            "relationship_ended_on", "notes",
        ]  # fmt: skip
        widgets = {
            "systems": forms.CheckboxSelectMultiple,
            "relationship_ended_on": DAY,
        }


class IdentityForm(forms.Form):
    kind = forms.ChoiceField(choices=Identity.KINDS)
    value = forms.CharField(max_length=254)
    label = forms.CharField(max_length=60, required=False, help_text="e.g. work, mobile, after-hours.")


class MergeForm(forms.Form):
    survivor = forms.IntegerField(label="Keep this person (record number)", min_value=1)
    reason = forms.CharField(max_length=255, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(label="Register YAML file")


class StaffForm(forms.Form):
    username = forms.CharField(max_length=150)
    email = forms.EmailField(required=False)
    roles = forms.MultipleChoiceField(choices=list(ROLE_LABELS.items()), widget=forms.CheckboxSelectMultiple)

    def clean_username(self) -> str:
        name: str = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username=name).exists():
            raise forms.ValidationError("A staff account with this username already exists.")
        return name


class StaffEditForm(forms.Form):
    roles = forms.MultipleChoiceField(
        choices=list(ROLE_LABELS.items()), widget=forms.CheckboxSelectMultiple, required=False
    )
    active = forms.BooleanField(required=False, label="May sign in", help_text="Untick to deactivate the account.")
    reset_second_factor = forms.BooleanField(
        required=False,
        label="Reset two-factor sign-in",
        help_text="For a lost phone: they scan a new QR code at their next sign-in.",
    )


class TokenForm(forms.Form):
    name = forms.CharField(max_length=100, help_text="Which system will use it, e.g. crm-sync.")
    user = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True), label="Acts as staff account"
    )
    scopes = forms.MultipleChoiceField(
        choices=SCOPE_CHOICES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="What the system may do. None ticked: everything the staff account's roles allow.",
    )
