"""Forms for the consent pages: a program's settings, and a choice staff note from a call or letter."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils import timezone

from privacydesk.consent.models import Channel, ConsentEvent, CookieSite, Program, PublicationPermission
from privacydesk.console.forms import DAY
from privacydesk.register.models import System


class ProgramForm(forms.ModelForm):
    channels = forms.ModelMultipleChoiceField(queryset=Channel.objects.all(), widget=forms.CheckboxSelectMultiple)
    systems = forms.ModelMultipleChoiceField(
        queryset=System.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        label="Mailing systems that send it",
        help_text="Each must apply an opt-out within the legal time; the dashboard shows any that has not.",
    )

    class Meta:
        model = Program
        fields = [
            "code",
            "name",
            "description",
            "basis",
            "direct_marketing",
            "default_on",
            "channels",
            "systems",
            "active",
        ]
        widgets = {"description": forms.Textarea(attrs={"rows": 3}), "basis": forms.RadioSelect}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("basis") == Program.EXPRESS and data.get("default_on"):
            self.add_error("default_on", "A program that needs express consent goes only to people who opted in.")
        return data


class StaffChoiceForm(forms.Form):
    """A choice a person made by phone, email or in person, noted by staff."""

    program = forms.ModelChoiceField(queryset=Program.objects.filter(active=True))
    channel = forms.ModelChoiceField(queryset=Channel.objects.all(), label="By")
    action = forms.ChoiceField(choices=ConsentEvent.ACTIONS, widget=forms.RadioSelect, label="Their choice")
    method = forms.ChoiceField(
        choices=[(m, label) for m, label in ConsentEvent.METHODS if m in ConsentEvent.STAFF_METHODS],
        label="How they told us",
    )
    occurred_at = forms.DateTimeField(
        initial=timezone.now,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        label="When",
    )
    notice_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), required=False, label="What we told them (for an opt-in)"
    )
    note = forms.CharField(max_length=300, required=False, label="Reference (call log, email subject)")


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Subscriber list (CSV)", help_text="An export from Mailchimp, Campaign Monitor, Brevo…"
    )
    program = forms.ModelChoiceField(queryset=Program.objects.filter(active=True))
    channel = forms.ModelChoiceField(queryset=Channel.objects.all(), initial="email", to_field_name="code")
    default_status = forms.ChoiceField(
        choices=[("", "The file has a status column"), ("subscribed", "Everyone is subscribed"),
                 ("unsubscribed", "Everyone unsubscribed")],
        required=False,
        label="Status",
    )  # fmt: skip

    def clean_file(self) -> str:
        upload = self.cleaned_data["file"]
        if upload.size > 20 * 1024 * 1024:
            raise forms.ValidationError("The file is larger than 20 MB; split it.")
        try:
            return str(upload.read().decode("utf-8-sig"))
        except UnicodeDecodeError:
            raise forms.ValidationError("The file is not UTF-8 text; export it as CSV (UTF-8).") from None


class PublicationForm(forms.ModelForm):
    representative = forms.IntegerField(min_value=1, label="Representative's record number")

    class Meta:
        model = PublicationPermission
        fields = ["client", "kind", "scope", "granted_on", "expires_on", "evidence"]
        widgets = {
            "scope": forms.Textarea(attrs={"rows": 3}),
            "granted_on": DAY,
            "expires_on": DAY,
        }


class CookieSiteForm(forms.ModelForm):
    policy_url = forms.URLField(assume_scheme="https", required=False, label="Privacy policy address")
    origins_text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        label="The site's origins",
        help_text="One per line, e.g. https://www.example.com.au",
    )

    class Meta:
        model = CookieSite
        fields = ["name", "mode", "analytics", "marketing", "policy_url", "policy_version", "active"]
        widgets = {"mode": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["origins_text"].initial = "\n".join(self.instance.origins)

    def clean_origins_text(self) -> list[str]:
        from urllib.parse import urlsplit

        origins = []
        for number, line in enumerate(self.cleaned_data["origins_text"].splitlines(), start=1):
            line = line.strip().rstrip("/")
            if not line:
                continue
            parts = urlsplit(line)
            if parts.scheme not in {"https", "http"} or not parts.netloc or parts.path or parts.query:
                raise forms.ValidationError(f"Line {number}: {line!r} is not an origin like https://www.example.com.au")
            origins.append(f"{parts.scheme}://{parts.netloc.lower()}")
        if not origins:
            raise forms.ValidationError("Give at least one origin.")
        return origins

    def save(self, commit: bool = True) -> CookieSite:
        site = super().save(commit=False)
        site.origins = self.cleaned_data["origins_text"]
        if site.pk:
            site.banner_version += 1  # a changed banner asks everyone again
        if commit:
            site.save()
        return site
