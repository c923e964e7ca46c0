"""Retention in the console: legal holds (place, record custody, release) and disposal runs (propose,
approve, see what was disposed of, held back or failed, and the destruction certificate)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.views import View

from privacydesk import pdf
from privacydesk.console.access import ConsoleView
from privacydesk.formerrors import apply_errors
from privacydesk.people.models import Identity, Person
from privacydesk.people.normalise import normalise_email
from privacydesk.register.models import DataCategory, Organisation, System
from privacydesk.retention import disposal, holds
from privacydesk.retention.models import CustodyEvent, DisposalItem, DisposalRun, LegalHold


class HoldForm(forms.Form):
    title = forms.CharField(max_length=200, help_text="e.g. Smith v Southern Cross (NSWDC 2026/123).")
    kind = forms.ChoiceField(choices=LegalHold.KINDS)
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), help_text="Why, and on whose instruction.")
    people = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="People (email addresses)",
        help_text="One email address a line; each must belong to a person in privacydesk.",
    )
    systems = forms.ModelMultipleChoiceField(
        queryset=System.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    data_categories = forms.ModelMultipleChoiceField(
        queryset=DataCategory.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )

    def clean_people(self) -> list[Person]:
        found = []
        for number, line in enumerate(self.cleaned_data["people"].splitlines(), start=1):
            if not line.strip():
                continue
            identity = (
                Identity.objects.filter(kind="email", normalised=normalise_email(line.strip()))
                .select_related("person")
                .first()
            )
            if identity is None:
                raise ValidationError(f"Line {number}: nobody in privacydesk has the email address {line.strip()!r}.")
            found.append(identity.person)
        return found


class CustodyForm(forms.Form):
    action = forms.ChoiceField(
        choices=[c for c in CustodyEvent.ACTIONS if c[0] in {"evidence", "transferred", "accessed"}]
    )
    note = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}), help_text="What the evidence is, or who has it now."
    )
    evidence = forms.FileField(
        required=False, help_text="The evidence file, if any: kept encrypted, its SHA-256 recorded."
    )


class ReleaseForm(forms.Form):
    release_reason = forms.CharField(label="Why the hold is no longer needed", widget=forms.Textarea(attrs={"rows": 2}))


class RetentionIndexView(ConsoleView, View):
    permission = ("retention.view_legalhold", "retention.view_disposalrun")

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "holds": LegalHold.objects.prefetch_related("people", "systems", "data_categories")[:50],
            "runs": DisposalRun.objects.all()[:20],
            "summary": disposal.due_summary(),
        }
        return render(request, "console/retention.html", context)


class HoldAddView(ConsoleView, View):
    permission = "retention.add_legalhold"

    def _render(self, request: HttpRequest, form: HoldForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "heading": "Place a legal hold",
            "submit": "Place the hold",
            "back_url": "/console/retention/",
        }
        return render(request, "console/form_page.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, HoldForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = HoldForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                hold = holds.place(
                    data["title"],
                    data["kind"],
                    data["reason"],
                    data["people"],
                    data["systems"],
                    data["data_categories"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(
                    request, f"Hold placed: {hold.title}. Nothing it covers will be disposed of or erased."
                )
                return redirect("console:hold", pk=hold.pk)
        return self._render(request, form, status=400)


class HoldView(ConsoleView, View):
    permission = "retention.view_legalhold"

    def _render(self, request: HttpRequest, hold: LegalHold, status: int = 200, **forms_: Any) -> HttpResponse:
        context = {
            "hold": hold,
            "custody_form": forms_.get("custody_form") or CustodyForm(),
            "release_form": forms_.get("release_form") or ReleaseForm(),
            "can_change": request.user.has_perm("retention.change_legalhold"),
        }
        return render(request, "console/hold.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, get_object_or_404(LegalHold, pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("retention.change_legalhold"):
            return HttpResponse(status=403)
        hold = get_object_or_404(LegalHold, pk=pk)
        if "release_reason" in request.POST:
            form: forms.Form = ReleaseForm(request.POST)
            key = "release_form"
        else:
            form = CustodyForm(request.POST, request.FILES)
            key = "custody_form"
        if form.is_valid():
            try:
                if key == "release_form":
                    holds.release(hold, form.cleaned_data["release_reason"])
                    messages.success(request, "Hold released.")
                else:
                    upload = form.cleaned_data.get("evidence")
                    evidence = (upload.name, upload, upload.size) if upload else None
                    holds.record_custody(hold, form.cleaned_data["action"], form.cleaned_data["note"], evidence)
                    messages.success(request, "Recorded in the chain of custody.")
                return redirect("console:hold", pk=hold.pk)
            except ValidationError as exc:
                apply_errors(form, exc)
        return self._render(request, hold, status=400, **{key: form})


class CustodyEvidenceView(ConsoleView, View):
    permission = "retention.view_legalhold"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        event = get_object_or_404(CustodyEvent.objects.select_related("hold"), pk=pk, stored_name__gt="")
        try:
            content = holds.read_evidence(event)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("console:hold", pk=event.hold_id)
        response = HttpResponse(content, content_type=event.content_type or "application/octet-stream")
        response["Content-Disposition"] = f'attachment; filename="evidence-{event.pk}.bin"'
        return response


class RunProposeView(ConsoleView, View):
    permission = "retention.add_disposalrun"

    def post(self, request: HttpRequest) -> HttpResponse:
        run = disposal.propose()
        messages.success(request, f"Disposal run {run.pk} proposed: check it, then approve it.")
        return redirect("console:disposal_run", pk=run.pk)


class RunView(ConsoleView, View):
    permission = "retention.view_disposalrun"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        run = get_object_or_404(DisposalRun, pk=pk)
        context = {
            "run": run,
            "lines": disposal.certificate_lines(run),
            "people": run.items.filter(kind=DisposalItem.PERSON).select_related("person", "rule")[:200],
            "can_approve": request.user.has_perm("retention.approve_disposalrun")
            and run.status == DisposalRun.PROPOSED,
        }
        return render(request, "console/disposal_run.html", context)


class RunApproveView(ConsoleView, View):
    permission = "retention.approve_disposalrun"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        from privacydesk.retention.tasks import execute_run

        run = get_object_or_404(DisposalRun, pk=pk)
        try:
            disposal.approve(run)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            execute_run.enqueue(run.pk)
            messages.success(request, f"Run {run.pk} approved; a worker is carrying it out.")
        return redirect("console:disposal_run", pk=run.pk)


class CertificateView(ConsoleView, View):
    """The destruction certificate: what was disposed of under which rule, by which method, what was
    held back and why, who approved it, and the signed digest."""

    permission = "retention.view_disposalrun"

    def get(self, request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
        run = get_object_or_404(DisposalRun, pk=pk, status=DisposalRun.DONE)
        context = {
            "run": run,
            "lines": disposal.certificate_lines(run),
            "org": Organisation.current(),
            "printed": timezone.localtime(),
        }
        html = render_to_string("console/disposal_certificate.html", context)
        if fmt == "pdf":
            document = pdf.render_or_none(html)
            if document is not None:
                response = HttpResponse(document, content_type="application/pdf")
                response["Content-Disposition"] = f'attachment; filename="destruction-certificate-{run.pk}.pdf"'
                return response
        return HttpResponse(html)
