"""A request's work in connected systems, on its console page: start a search, an erasure's dry run
or the erasure; see each system's step (queued, running, done, failed, waiting for a person) and
retry a failed one without resubmitting the request. A step in a system without a connector is done
by hand on its own page, with its checklist and evidence."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View
from django.views.generic import TemplateView

from privacydesk import sealed
from privacydesk.connectors import manual, services
from privacydesk.connectors.models import Evidence, Job, Step
from privacydesk.console.access import ConsoleView
from privacydesk.formerrors import apply_errors
from privacydesk.rights.models import Request


class StartJobView(ConsoleView, View):
    permission = "rights.change_request"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        made = get_object_or_404(Request, pk=pk)
        kind = request.POST.get("kind", "")
        if kind not in dict(Job.KINDS):
            messages.error(request, "Choose what to do in the connected systems.")
        elif kind == Job.ERASURE and not request.user.has_perm("rights.decide_request"):
            messages.error(request, "Only someone who decides requests can erase in connected systems.")
        else:
            try:
                job = services.start(made, kind)
            except ValidationError as exc:
                messages.error(request, " ".join(exc.messages))
            else:
                messages.success(request, f"{job.get_kind_display()} queued in {job.steps.count()} systems.")
        return redirect("console:request", pk=made.pk)


class RetryStepView(ConsoleView, View):
    permission = "rights.change_request"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        step = get_object_or_404(Step.objects.select_related("job", "connection"), pk=pk)
        if services.retry(step):
            messages.success(request, f"{step.connection.name}: queued again.")
        else:
            messages.error(request, f"{step.connection.name}: only a failed step can be retried.")
        return redirect("console:request", pk=step.job.request_id)


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class ManualStepForm(forms.Form):
    checked = forms.MultipleChoiceField(
        label="Checklist", widget=forms.CheckboxSelectMultiple, required=False, help_text="Tick each item once done."
    )
    note = forms.CharField(
        label="What you searched for and what you found or changed", widget=forms.Textarea(attrs={"rows": 4})
    )
    evidence = MultipleFileField(
        label="Evidence",
        required=False,
        help_text=f"Up to {manual.MAX_FILES} files: a screenshot (PNG, JPEG), a PDF, or the export of what was found "
        "(CSV, TXT). Kept encrypted.",
    )
    for_requester = forms.BooleanField(
        label="Send the exported files to the person with their access package", required=False, initial=True
    )

    def __init__(self, *args: Any, step: Step, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        items = manual.checklist(step)
        checked = self.fields["checked"]
        assert isinstance(checked, forms.MultipleChoiceField)
        checked.choices = [(item, item) for item in items]
        if not items:
            del self.fields["checked"]
        if step.job.kind != Job.ACCESS:
            del self.fields["for_requester"]


def _step(pk: int) -> Step:
    return get_object_or_404(
        Step.objects.select_related("job__request__person", "connection__system", "connection__assignee"), pk=pk
    )


class ManualStepListView(ConsoleView, TemplateView):
    """The work waiting for a person: one's own steps, or (for whoever manages requests) everyone's."""

    permission = ("connectors.do_manual_step", "rights.change_request")
    template_name = "console/manual_steps.html"

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        steps = Step.objects.filter(status=Step.MANUAL).select_related(
            "job__request", "connection__system", "connection__assignee"
        )
        if not self.request.user.has_perm("rights.change_request"):
            steps = steps.filter(connection__assignee_id=self.request.user.pk)
        context = super().get_context_data(**kwargs)
        return {**context, "steps": steps.order_by("due", "pk"), "today": timezone.localdate()}


class ManualStepView(ConsoleView, View):
    """One step done by hand: what to search for, the checklist, the note and the evidence."""

    permission = ("connectors.do_manual_step", "rights.change_request", "connectors.view_evidence")

    def _render(self, request: HttpRequest, step: Step, form: ManualStepForm, status: int = 200) -> HttpResponse:
        context = {
            "step": step,
            "form": form,
            "identities": [
                (kind.value.replace("_", " ").capitalize(), values)
                for kind, values in (manual.identities_for(step) if step.status == Step.MANUAL else {}).items()
            ],
            "may_do": step.status == Step.MANUAL and manual.may_do(request.user, step),
            "may_see_evidence": manual.may_see_evidence(request.user, step),
        }
        return render(request, "console/manual_step.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        step = _step(pk)
        if not manual.may_see_evidence(request.user, step):
            raise PermissionDenied
        return self._render(request, step, ManualStepForm(step=step))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        step = _step(pk)
        if not manual.may_do(request.user, step):
            raise PermissionDenied
        form = ManualStepForm(request.POST, request.FILES, step=step)
        if form.is_valid():
            uploads = [manual.Upload(f.name, f, f.size) for f in form.cleaned_data["evidence"]]
            try:
                manual.complete(
                    step,
                    request.user,
                    form.cleaned_data.get("checked", []),
                    form.cleaned_data["note"],
                    uploads,
                    form.cleaned_data.get("for_requester", False),
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"{step.connection.name}: done, with its evidence kept.")
                return redirect("console:manual_step", pk=step.pk)
        return self._render(request, step, form, status=400)


class EvidenceView(ConsoleView, View):
    permission = ("connectors.view_evidence", "connectors.do_manual_step", "rights.change_request")

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        evidence = get_object_or_404(Evidence.objects.select_related("step__connection"), pk=pk)
        if not manual.may_see_evidence(request.user, evidence.step):
            raise PermissionDenied
        try:
            content = manual.read(evidence)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("console:manual_step", pk=evidence.step_id)
        response = HttpResponse(content, content_type=evidence.content_type)
        extension = sealed.EXTENSIONS[evidence.content_type]
        response["Content-Disposition"] = f'attachment; filename="evidence-{evidence.pk}.{extension}"'
        return response
