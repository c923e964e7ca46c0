"""A request's work in connected systems, on its console page: start a search, an erasure's dry run
or the erasure; see each system's step (queued, running, done, failed, waiting for a person) and
retry a failed one without resubmitting the request."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.views import View

from privacydesk.connectors import services
from privacydesk.connectors.models import Job, Step
from privacydesk.console.access import ConsoleView
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
