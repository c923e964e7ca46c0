"""Console pages for the other accountability records: the records index, clients' systems and staff
access to them, processors' agreements, and staff acknowledgements of the policy and procedures."""

from __future__ import annotations

from datetime import datetime, time, timedelta

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBase, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from privacydesk import csvout
from privacydesk.accountability.models import (
    Agreement,
    ClientAccess,
    ClientOrganisation,
    StaffDocument,
    StaffDocumentVersion,
)
from privacydesk.accountability.services import acknowledgements, agreements, providers
from privacydesk.audit import chain
from privacydesk.console.access import ConsoleView
from privacydesk.console.disclosure_views import form_page
from privacydesk.console.records_forms import (
    AccessForm,
    AgreementForm,
    ClientForm,
    ClientSystemForm,
    ReportForm,
    StaffDocumentForm,
    VersionForm,
)
from privacydesk.formerrors import apply_errors


class RecordsIndexView(ConsoleView, View):
    permission = (
        "accountability.view_disclosure",
        "accountability.view_collectionpoint",
        "accountability.view_clientorganisation",
    )

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "console/records_index.html")


# --- Clients' systems and access ------------------------------------------------------------------


class ClientListView(ConsoleView, View):
    permission = "accountability.view_clientorganisation"

    def get(self, request: HttpRequest) -> HttpResponse:
        clients = ClientOrganisation.objects.prefetch_related("systems")
        context = {
            "clients": clients,
            "can_add": request.user.has_perm("accountability.add_clientorganisation"),
            "can_log": request.user.has_perm("accountability.add_clientaccess"),
        }
        return render(request, "console/client_list.html", context)


class ClientFormView(ConsoleView, View):
    def required(self) -> tuple[str, ...]:
        return (
            "accountability.change_clientorganisation"
            if "pk" in self.kwargs
            else "accountability.add_clientorganisation",
        )

    def _instance(self, pk: int | None) -> ClientOrganisation | None:
        return get_object_or_404(ClientOrganisation, pk=pk) if pk else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return form_page(request, ClientForm(instance=self._instance(pk)), "Client", "Save", reverse("console:clients"))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = ClientForm(request.POST, instance=self._instance(pk))
        if form.is_valid():
            client = form.save()
            messages.success(request, f"Saved {client}.")
            return redirect("console:client", pk=client.pk)
        return form_page(request, form, "Client", "Save", reverse("console:clients"), 400)


def _period(request: HttpRequest) -> tuple[ReportForm, datetime, datetime]:
    """The report period from the query string; by default the last full calendar month."""
    today = timezone.localdate()
    first = today.replace(day=1)
    start = (first - timedelta(days=1)).replace(day=1)
    form = ReportForm(request.GET or None, initial={"since": start, "until": first})
    since, until = start, first
    if form.is_bound and form.is_valid():
        since, until = form.cleaned_data["since"], form.cleaned_data["until"]
    zone = timezone.get_current_timezone()
    return form, datetime.combine(since, time.min, zone), datetime.combine(until, time.min, zone)


class ClientView(ConsoleView, View):
    """A client's systems, its agreement terms, and the access report for a period."""

    permission = "accountability.view_clientaccess"

    def _page(
        self, request: HttpRequest, client: ClientOrganisation, system_form: ClientSystemForm, status: int = 200
    ) -> HttpResponse:
        period_form, since, until = _period(request)
        try:
            report = providers.report(client, since, until)
        except ValidationError as exc:
            apply_errors(period_form, exc)
            report = None
        context = {
            "client": client,
            "report": report,
            "period_form": period_form,
            "system_form": system_form,
            "can_add_system": request.user.has_perm("accountability.add_clientsystem"),
            "can_change": request.user.has_perm("accountability.change_clientorganisation"),
            "query": request.GET.urlencode(),
        }
        return render(request, "console/client.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, get_object_or_404(ClientOrganisation, pk=pk), ClientSystemForm())


class ClientSystemAddView(ClientView):
    permission = "accountability.add_clientsystem"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        client = get_object_or_404(ClientOrganisation, pk=pk)
        form = ClientSystemForm(request.POST, instance=None)
        form.instance.client = client
        if form.is_valid():
            with transaction.atomic():
                system = form.save()
            messages.success(request, f"Added {system.name}.")
            return redirect("console:client", pk=pk)
        return self._page(request, client, form, status=400)


class ClientReportExportView(ConsoleView, View):
    permission = "accountability.view_clientaccess"

    def get(self, request: HttpRequest, pk: int) -> HttpResponseBase:
        client = get_object_or_404(ClientOrganisation, pk=pk)
        _, since, until = _period(request)
        try:
            report = providers.report(client, since, until)
        except ValidationError as exc:
            return HttpResponse(" ".join(exc.messages), status=400, content_type="text/plain")
        chain.append("export", "accountability.clientorganisation", client.pk, data={"report": "access"})
        rows = providers.report_rows(report)
        response = StreamingHttpResponse(
            csvout.lines(providers.REPORT_COLUMNS, rows), content_type="text/csv; charset=utf-8"
        )
        name = f"access-report-{client.pk}-{since:%Y%m%d}-{until:%Y%m%d}.csv"
        response["Content-Disposition"] = f'attachment; filename="{name}"'
        return response


class AccessAddView(ConsoleView, View):
    """Log an access to a client's system (the helpdesk can post the same through the API)."""

    permission = "accountability.add_clientaccess"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AccessForm(initial={"staff": request.user.pk, "accessed_at": timezone.localtime()})
        return form_page(request, form, "Log access to a client's system", "Log access", reverse("console:clients"))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = AccessForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            staff = data["staff"]
            if staff != request.user and not request.user.has_perm("accountability.change_clientaccess"):
                form.add_error("staff", "You can log only your own access.")
            else:
                try:
                    providers.log_access(**data)
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, f"Access to {data['system']} logged.")
                    return redirect("console:clients")
        return form_page(request, form, "Log access to a client's system", "Log access", "", 400)


class AccessLogView(ConsoleView, View):
    permission = "accountability.view_clientaccess"

    def get(self, request: HttpRequest) -> HttpResponse:
        entries = ClientAccess.objects.select_related("system__client", "staff")
        page = Paginator(entries, 50).get_page(request.GET.get("page"))
        return render(request, "console/access_log.html", {"page": page})


# --- Agreements -----------------------------------------------------------------------------------


class AgreementListView(ConsoleView, View):
    permission = "accountability.view_agreement"

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "check": agreements.processor_terms(timezone.localdate()),
            "agreements": Agreement.objects.select_related("party").prefetch_related("systems"),
            "can_add": request.user.has_perm("accountability.add_agreement"),
            "today": timezone.localdate(),
        }
        return render(request, "console/agreements.html", context)


class AgreementFormView(ConsoleView, View):
    def required(self) -> tuple[str, ...]:
        return ("accountability.change_agreement" if "pk" in self.kwargs else "accountability.add_agreement",)

    def _instance(self, pk: int | None) -> Agreement | None:
        return get_object_or_404(Agreement, pk=pk) if pk else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = AgreementForm(instance=self._instance(pk))
        return form_page(request, form, "Agreement", "Save", reverse("console:agreements"))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = AgreementForm(request.POST, instance=self._instance(pk))
        if form.is_valid():
            with transaction.atomic():
                agreement = form.save()
            messages.success(request, f"Saved {agreement}.")
            return redirect("console:agreements")
        return form_page(request, form, "Agreement", "Save", reverse("console:agreements"), 400)


# --- Acknowledgements -----------------------------------------------------------------------------


class AcknowledgementStatusView(ConsoleView, View):
    permission = "accountability.view_acknowledgement"

    def get(self, request: HttpRequest) -> HttpResponse:
        context = {
            "status": acknowledgements.status(),
            "can_publish": request.user.has_perm("accountability.add_staffdocumentversion"),
        }
        return render(request, "console/acknowledgements.html", context)


class DocumentAddView(ConsoleView, View):
    permission = ("accountability.add_staffdocument",)

    def get(self, request: HttpRequest) -> HttpResponse:
        back = reverse("console:acknowledgements")
        return form_page(request, StaffDocumentForm(), "A document staff must read", "Publish", back)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StaffDocumentForm(request.POST)
        if form.is_valid():
            try:
                with transaction.atomic():
                    document = form.save()
                    acknowledgements.publish_version(document, form.cleaned_data["version"], form.cleaned_data["body"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Published {document}; every member of staff must now acknowledge it.")
                return redirect("console:acknowledgements")
        return form_page(request, form, "A document staff must read", "Publish", "", 400)


class VersionAddView(ConsoleView, View):
    permission = "accountability.add_staffdocumentversion"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(StaffDocument, pk=pk)
        current = document.current_version()
        form = VersionForm(initial={"body": current.body if current else ""})
        return form_page(request, form, f"New version of {document}", "Publish", reverse("console:acknowledgements"))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        document = get_object_or_404(StaffDocument, pk=pk)
        form = VersionForm(request.POST)
        if form.is_valid():
            try:
                acknowledgements.publish_version(document, **form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "New version published; everyone must acknowledge it again.")
                return redirect("console:acknowledgements")
        return form_page(request, form, f"New version of {document}", "Publish", "", 400)


class MyAcknowledgementsView(ConsoleView, View):
    """What the signed-in member of staff still has to read. Every role has this page."""

    def get(self, request: HttpRequest) -> HttpResponse:
        outstanding = acknowledgements.outstanding_for(request.user)
        done = request.user.acknowledgements.select_related("version__document")[:20]  # type: ignore[union-attr]
        return render(request, "console/my_acknowledgements.html", {"outstanding": outstanding, "done": done})


class AcknowledgeView(ConsoleView, View):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        version = get_object_or_404(StaffDocumentVersion, pk=pk)
        try:
            acknowledgements.acknowledge(request.user, version)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Thank you: you have acknowledged {version}.")
        return redirect("console:my_acknowledgements")
