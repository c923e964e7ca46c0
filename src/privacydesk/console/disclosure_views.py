"""Console pages for the disclosure log: recording a disclosure for a person, routine disclosures and
their runs, the log and its CSV export, correction recipients and the access package."""

from __future__ import annotations

import json
from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from privacydesk import csvout
from privacydesk.accountability.models import RoutineDisclosure
from privacydesk.accountability.services import disclosures as service
from privacydesk.accountability.services.disclosures import DisclosureFacts, DisclosureRefused
from privacydesk.audit import chain
from privacydesk.console.access import ConsoleView
from privacydesk.console.records_forms import CorrectionForm, DisclosureForm, RoutineForm, RunForm
from privacydesk.formerrors import apply_errors
from privacydesk.law.decide import Consent
from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.rights import package


def form_page(
    request: HttpRequest, form: BaseForm, heading: str, submit: str, back: str = "", status: int = 200, **extra: Any
) -> HttpResponse:
    context = {"form": form, "heading": heading, "submit": submit, "back_url": back, **extra}
    return render(request, "console/form_page.html", context, status=status)


def refusal_errors(form: BaseForm, refused: DisclosureRefused) -> None:
    form.add_error(None, f"The law engine does not allow this disclosure ({refused.decision.outcome}).")
    for reason in refused.reasons:
        form.add_error(None, reason)


class DiscloseView(ConsoleView, View):
    """Record a disclosure of one person's information."""

    permission = "accountability.add_disclosure"

    def _page(self, request: HttpRequest, form: DisclosureForm, person: Person, status: int = 200) -> HttpResponse:
        back = reverse("console:person", args=[person.pk])
        return form_page(request, form, f"Record a disclosure about {person.name}", "Record disclosure", back, status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, DisclosureForm(), get_object_or_404(people.active(), pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(people.active(), pk=pk)
        form = DisclosureForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            facts = DisclosureFacts(
                collection_purpose=data["collection_purpose"],
                exception=data["exception"] or None,
                consent=Consent(
                    given=data["consent_given"],
                    express=data["consent_given"],
                    informed_of_overseas_risk=data["informed_of_overseas_risk"],
                ),
            )
            try:
                service.record_disclosure(
                    person=person,
                    recipient=data["recipient"],
                    categories=data["categories"],
                    purpose=data["purpose"],
                    reason=data["reason"],
                    disclosed_at=data["disclosed_at"],
                    facts=facts,
                    country=data["country"],
                    reference=data["reference"],
                    enforcement_activity=data["enforcement_activity"],
                    belief_basis=data["belief_basis"],
                )
            except DisclosureRefused as refused:
                refusal_errors(form, refused)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Disclosure to {data['recipient']} recorded.")
                return redirect("console:person", pk=pk)
        return self._page(request, form, person, status=400)


class DisclosureLogView(ConsoleView, View):
    permission = "accountability.view_disclosure"

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = list(service.export_rows())
        rows.reverse()
        page = Paginator(rows, 50).get_page(request.GET.get("page"))
        can_export = request.user.has_perm("accountability.export_disclosure")
        return render(request, "console/disclosure_log.html", {"page": page, "can_export": can_export})


class DisclosureExportView(ConsoleView, View):
    permission = "accountability.export_disclosure"

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        chain.append("export", "accountability.disclosure", "", data={"format": "csv"})
        response = StreamingHttpResponse(
            csvout.lines(service.EXPORT_COLUMNS, service.export_rows()), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="disclosure-log.csv"'
        return response


class RoutineListView(ConsoleView, View):
    permission = "accountability.view_routinedisclosure"

    def get(self, request: HttpRequest) -> HttpResponse:
        routines = RoutineDisclosure.objects.select_related("recipient", "source_system").prefetch_related(
            "categories", "subject_types"
        )
        can_add = request.user.has_perm("accountability.add_routinedisclosure")
        return render(request, "console/routine_list.html", {"routines": routines, "can_add": can_add})


class RoutineAddView(ConsoleView, View):
    permission = "accountability.add_routinedisclosure"

    def get(self, request: HttpRequest) -> HttpResponse:
        back = reverse("console:routines")
        return form_page(request, RoutineForm(), "Define a routine disclosure", "Save", back)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RoutineForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            facts = DisclosureFacts(collection_purpose=data["collection_purpose"], exception=data["exception"] or None)
            try:
                routine = service.define_routine(
                    name=data["name"],
                    recipient=data["recipient"],
                    categories=data["categories"],
                    purpose=data["purpose"],
                    reason=data["reason"],
                    frequency=data["frequency"],
                    source_system=data["source_system"],
                    subject_types=data["subject_types"],
                    jurisdictions=data["jurisdictions"] or None,
                    started_on=data["started_on"],
                    facts=facts,
                )
            except DisclosureRefused as refused:
                refusal_errors(form, refused)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Routine disclosure {routine.name} defined.")
                return redirect("console:routine", pk=routine.pk)
        return form_page(request, form, "Define a routine disclosure", "Save", reverse("console:routines"), 400)


class RoutineView(ConsoleView, View):
    permission = "accountability.view_routinedisclosure"

    def _page(self, request: HttpRequest, routine: RoutineDisclosure, form: RunForm, status: int = 200) -> HttpResponse:
        runs = Paginator(routine.runs.all(), 50).get_page(request.GET.get("page"))
        can_run = request.user.has_perm("accountability.add_routinerun")
        context = {"routine": routine, "runs": runs, "form": form, "can_run": can_run}
        return render(request, "console/routine.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, get_object_or_404(RoutineDisclosure, pk=pk), RunForm())


class RoutineRunView(RoutineView):
    permission = "accountability.add_routinerun"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        routine = get_object_or_404(RoutineDisclosure, pk=pk)
        form = RunForm(request.POST)
        if form.is_valid():
            try:
                service.record_run(routine, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Run recorded.")
                return redirect("console:routine", pk=pk)
        return self._page(request, routine, form, status=400)


class CorrectionRecipientsView(ConsoleView, View):
    """Who must hear of a correction (APP 13.2, GDPR Art 19): exactly those who received that information."""

    permission = "accountability.view_disclosure"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(people.active(), pk=pk)
        form = CorrectionForm(request.GET or None)
        found = None
        if form.is_valid():
            found = service.correction_recipients(person, form.cleaned_data["categories"])
            chain.record_view(person, what="correction recipients", reason="correction")
        context = {"person": person, "form": form, "found": found}
        return render(request, "console/correction_recipients.html", context)


class PackageView(ConsoleView, View):
    """Download a person's access package as JSON (the build is audited)."""

    permission = "people.view_person"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(Person, pk=pk)
        with transaction.atomic():
            data = package.build(person, reason=request.GET.get("reason", "access request"))
        response = HttpResponse(
            json.dumps(data, indent=2, ensure_ascii=False), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="access-package-{person.pk}.json"'
        return response
