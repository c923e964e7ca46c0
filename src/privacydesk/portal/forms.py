"""Portal forms: labels and hints in plain English; the rules are in rights.services."""

from __future__ import annotations

from typing import Any

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

from privacydesk.rights.models import KINDS

JURISDICTIONS = [
    ("", "Work it out from my country"),
    ("au", "Australia (Privacy Act 1988)"),
    ("nz", "New Zealand (Privacy Act 2020)"),
    ("eu", "European Union (GDPR)"),
]


class FastSelect(forms.Select):
    """A select built in Python. Django renders each option through a template, which for the ~250
    countries was more than half the time of the whole request page (bench/portal.py)."""

    def render(self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: Any = None) -> SafeString:
        final = self.build_attrs(self.attrs, attrs)
        final["name"] = name
        chosen = "" if value is None else str(value)
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((v, mark_safe(" selected") if str(v) == chosen else "", label) for v, label in self.choices),
        )
        return format_html("<select{}>{}</select>", flatatt(final), options)


class RequestForm(forms.Form):
    kind = forms.ChoiceField(choices=KINDS, widget=forms.RadioSelect, label="What are you asking for?")
    requester_name = forms.CharField(max_length=200, label="Your full name")
    requester_email = forms.EmailField(
        max_length=254, label="Your email address", help_text="We will send a code to it to confirm it is yours."
    )
    code_by = forms.ChoiceField(
        choices=[("email", "Email"), ("sms", "Text message")],
        widget=forms.RadioSelect,
        initial="email",
        required=False,
        label="Send my confirmation code by",
    )
    requester_phone = forms.CharField(
        max_length=20, required=False, label="Your mobile number", help_text="Only if you want the code by text."
    )
    country = forms.ChoiceField(
        choices=[("", "Choose a country"), *countries], required=False, label="Where you live", widget=FastSelect
    )
    jurisdiction = forms.ChoiceField(
        choices=JURISDICTIONS,
        required=False,
        label="Which privacy law applies",
        help_text="If you are not sure, leave it.",
    )
    details = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 5}),
        required=False,
        max_length=5000,
        label="Details",
        help_text="Anything that helps us find your information or understand what you want corrected.",
    )
    on_behalf = forms.BooleanField(required=False, label="I am asking for someone else")
    subject_name = forms.CharField(max_length=200, required=False, label="Their full name")
    authority = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        max_length=2000,
        label="What authorises you to act for them",
        help_text="For example: power of attorney, parent of a child, their written consent.",
    )

    def clean_code_by(self) -> str:
        return str(self.cleaned_data.get("code_by") or "email")

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for name in ("requester_name", "requester_email"):
            self.fields[name].widget.attrs["autocomplete"] = "name" if name == "requester_name" else "email"


class CodeForm(forms.Form):
    code = forms.CharField(
        max_length=12,
        label="Code from the email",
        help_text="Six digits.",
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}),
    )


class DocumentForm(forms.Form):
    document = forms.FileField(
        label="A document that shows who you are",
        help_text="Optional, if we ask for it: a PDF, JPEG or PNG up to 5 MB. We delete it once we have checked it.",
    )
