"""The privacy policy in the console: the version in force, whether it still matches the register and
the website configuration, the draft as the register stands now (with its reading level and any
element missing), publishing a new version, and recording a review."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from privacydesk.console.access import ConsoleView
from privacydesk.console.forms import DAY
from privacydesk.formerrors import apply_errors
from privacydesk.policy import services
from privacydesk.policy.compose import compose, reading_grade
from privacydesk.policy.models import PolicyVersion


class PublishForm(forms.Form):
    effective_from = forms.DateField(widget=DAY, label="Takes effect on")
    summary = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="What changed",
        help_text="In plain words: people who asked to be told of changes receive it.",
    )
    notify = forms.BooleanField(required=False, initial=True, label="Email people who asked to be told of changes")


class PolicyConsoleView(ConsoleView, View):
    permission = "policy.view_policyversion"

    def _render(self, request: HttpRequest, form: PublishForm | None = None, status: int = 200) -> HttpResponse:
        version = services.current()
        context: dict[str, Any] = {
            "version": version,
            "versions": PolicyVersion.objects.all()[:20],
            "form": form or PublishForm(initial={"effective_from": timezone.localdate()}),
            "can_publish": request.user.has_perm("policy.add_policyversion"),
        }
        try:
            draft = compose()
        except ValueError as exc:
            context["problem"] = str(exc)
        else:
            context |= {
                "draft": draft.as_dict(),
                "grade": reading_grade(draft.text()),
                "missing": services.missing(draft, timezone.localdate()),
                "drift": services.drift(version) if version else [],
            }
        if version is not None:
            context["reviewed"] = services.last_reviewed(version)
        return render(request, "console/policy.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request)

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("policy.add_policyversion"):
            return HttpResponse(status=403)
        if request.POST.get("action") == "review":
            version = services.current()
            try:
                if version is None:
                    raise ValidationError("Publish a policy first.")
                services.review(version, request.POST.get("note", ""))
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, "Review recorded: the policy still says what we do.")
            return redirect("console:policy")
        form = PublishForm(request.POST)
        if form.is_valid():
            try:
                version = services.publish(form.cleaned_data["effective_from"], form.cleaned_data["summary"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if form.cleaned_data["notify"] and version.number > 1:
                    from privacydesk.policy.tasks import notify_change

                    notify_change.enqueue(version.pk)
                messages.success(
                    request, f"Version {version.number} published, in effect from {version.effective_from:%-d %B %Y}."
                )
                return redirect("console:policy")
        return self._render(request, form, status=400)


class CheckForm(forms.Form):
    jurisdiction = forms.ChoiceField(choices=[("au", "Australia"), ("nz", "New Zealand"), ("eu", "EU (GDPR)")])
    file = forms.FileField(required=False, label="Policy file", help_text="Text, Markdown, HTML or PDF, up to 10 MB.")
    text = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 8}), label="Or paste the policy")


class PolicyCheckView(ConsoleView, View):
    """Check any policy, uploaded or pasted (nothing is stored)."""

    permission = "policy.view_policyversion"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "console/policy_check.html", {"form": CheckForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        from privacydesk.policy.checker import MAX_BYTES, PolicyReadError, check, read
        from privacydesk.policy.onboard import read_register, to_yaml

        form = CheckForm(request.POST, request.FILES)
        context: dict[str, Any] = {"form": form}
        if form.is_valid():
            upload = form.cleaned_data["file"]
            name = upload.name if upload else "pasted text"
            content = upload.read(MAX_BYTES + 1) if upload else form.cleaned_data["text"].encode()
            try:
                text = read(content, name)
                report = check(text, form.cleaned_data["jurisdiction"])
            except PolicyReadError as exc:
                form.add_error("file" if upload else "text", str(exc))
            else:
                context |= {
                    "report": report.as_dict(),
                    "found": sum(e.status != "missing" for e in report.elements),
                    "draft": to_yaml(read_register(text), name),
                }
                return render(request, "console/policy_check.html", context)
        return render(request, "console/policy_check.html", context, status=400)
