"""Console pages for consent: the programs and their audiences, opt-outs still to be applied in
mailing systems, and a choice staff note on a person's record."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views import View

from privacydesk.audit.context import current_actor
from privacydesk.consent import imports, publication, reports, services
from privacydesk.consent.models import ConsentImport, CookieSite, Program, Propagation, PublicationPermission
from privacydesk.console.access import ConsoleView
from privacydesk.console.consent_forms import (
    CookieSiteForm,
    ImportForm,
    ProgramForm,
    PublicationForm,
    StaffChoiceForm,
)
from privacydesk.formerrors import apply_errors
from privacydesk.people.models import Person


class ConsentIndexView(ConsoleView, View):
    permission = "consent.view_program"

    def get(self, request: HttpRequest) -> HttpResponse:
        programs = Program.objects.prefetch_related("channels", "systems")
        rows = [(p, reports.audience(p, months=1)[-1].counts) for p in programs]
        pending = services.pending_propagations()
        context = {
            "rows": rows,
            "pending": pending.count(),
            "overdue": pending.filter(due_at__lt=timezone.now()).count(),
            "can_add": request.user.has_perm("consent.add_program"),
        }
        return render(request, "console/consent_index.html", context)


class ProgramView(ConsoleView, View):
    """A program's settings (editable by the privacy officer) and its audience over twelve months."""

    permission = "consent.view_program"

    def _page(
        self, request: HttpRequest, program: Program | None, form: ProgramForm, status: int = 200
    ) -> HttpResponse:
        context = {
            "program": program,
            "form": form,
            "audience": reports.audience(program) if program else [],
            "can_change": request.user.has_perm("consent.change_program" if program else "consent.add_program"),
        }
        return render(request, "console/program.html", context, status=status)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        program = get_object_or_404(Program, pk=pk) if pk else None
        return self._page(request, program, ProgramForm(instance=program))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        program = get_object_or_404(Program, pk=pk) if pk else None
        needed = "consent.change_program" if program else "consent.add_program"
        if not request.user.has_perm(needed):
            raise PermissionDenied
        form = ProgramForm(request.POST, instance=program)
        if form.is_valid():
            with transaction.atomic():
                saved = form.save()
            messages.success(request, f"Saved {saved.name}.")
            return redirect("console:program", pk=saved.pk)
        return self._page(request, program, form, status=400)


class OptOutsView(ConsoleView, View):
    permission = "consent.view_propagation"

    def get(self, request: HttpRequest) -> HttpResponse:
        rows = services.pending_propagations().select_related("event__channel", "event__person")
        return render(request, "console/opt_outs.html", {"rows": rows, "now": timezone.now()})


class OptOutConfirmView(ConsoleView, View):
    permission = "consent.change_propagation"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        propagation = get_object_or_404(Propagation.objects.select_related("system"), pk=pk)
        if services.confirm_propagation(propagation, current_actor().label):
            messages.success(request, f"Recorded as applied in {propagation.system.name}.")
        else:
            messages.warning(request, "That opt-out was already recorded as applied.")
        return redirect("console:opt_outs")


class PersonChoiceView(ConsoleView, View):
    """Note a choice the person made by phone, email or in person."""

    permission = "consent.add_consentevent"

    def _page(self, request: HttpRequest, person: Person, form: StaffChoiceForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "heading": f"Record a choice for record {person.pk}",
            "submit": "Record the choice",
            "back_url": reverse("console:person", args=[person.pk]),
        }
        return render(request, "console/form_page.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, get_object_or_404(Person, pk=pk), StaffChoiceForm())

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(Person, pk=pk)
        form = StaffChoiceForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                services.record(
                    person,
                    services.Choice(data["program"], data["channel"], data["action"] == "grant"),
                    data["method"],
                    occurred_at=data["occurred_at"],
                    notice_text=data["notice_text"],
                    evidence={"reference": data["note"]} if data["note"] else {},
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Choice recorded.")
                return redirect("console:person", pk=pk)
        return self._page(request, person, form, status=400)


class ImportView(ConsoleView, View):
    """Upload a subscriber list; the next page previews it."""

    permission = "consent.add_consentimport"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "console/consent_import.html", {"form": ImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        if not form.is_valid():
            return render(request, "console/consent_import.html", {"form": form}, status=400)
        data = form.cleaned_data
        upload = request.FILES.get("file")
        name = str(getattr(upload, "name", "") or "upload.csv")
        staged = imports.stage(
            data["file"], name, data["program"], data["channel"], data["default_status"], current_actor().label
        )
        return redirect("console:consent_import_preview", pk=staged.pk)


class ImportPreviewView(ConsoleView, View):
    permission = "consent.add_consentimport"

    def _page(self, request: HttpRequest, staged: ConsentImport, status: int = 200) -> HttpResponse:
        result = imports.preview(staged.content, staged.default_status) if not staged.confirmed_at else None
        context = {"staged": staged, "result": result, "rows": result.rows[:50] if result else []}
        return render(request, "console/consent_import_preview.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._page(request, get_object_or_404(ConsentImport, pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        staged = get_object_or_404(ConsentImport.objects.select_related("program", "channel"), pk=pk)
        try:
            counts = imports.confirm_staged(staged)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages[:5]))
            staged.refresh_from_db()
            return self._page(request, staged, status=400)
        messages.success(
            request,
            f"Imported: {counts['grant']} opted in, {counts['withdraw']} opted out, "
            f"{counts['new_people']} people added, {counts['refused']} refused (asked to be erased).",
        )
        return redirect("console:consent")


class PublicationsView(ConsoleView, View):
    """Clients' permissions to publish: what is current, what lapsed, and recording a new one."""

    permission = "consent.view_publicationpermission"

    def _page(self, request: HttpRequest, form: PublicationForm, status: int = 200) -> HttpResponse:
        today = timezone.localdate()
        rows = [
            (p, publication.in_force(p, today))
            for p in PublicationPermission.objects.select_related("client", "representative")
        ]
        context = {"rows": rows, "form": form, "can_add": request.user.has_perm("consent.add_publicationpermission")}
        return render(request, "console/publications.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, PublicationForm(initial={"granted_on": timezone.localdate()}))

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("consent.add_publicationpermission"):
            raise PermissionDenied
        form = PublicationForm(request.POST)
        if form.is_valid():
            data = {k: v for k, v in form.cleaned_data.items() if k != "representative"}
            representative = Person.objects.filter(pk=form.cleaned_data["representative"]).first()
            try:
                if representative is None:
                    raise ValidationError({"representative": "There is no person with that record number."})
                publication.grant(representative=representative, **data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Permission recorded.")
                return redirect("console:publications")
        return self._page(request, form, status=400)


class PublicationWithdrawView(ConsoleView, View):
    permission = "consent.change_publicationpermission"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        publication.withdraw(get_object_or_404(PublicationPermission, pk=pk))
        messages.success(request, "Recorded as withdrawn: it may no longer be published.")
        return redirect("console:publications")


class CookieSitesView(ConsoleView, View):
    """Websites with the cookie banner: the snippet to embed, what visitors chose, and the settings."""

    permission = "consent.view_cookiesite"

    def _page(self, request: HttpRequest, form: CookieSiteForm, status: int = 200) -> HttpResponse:
        since = timezone.now() - timedelta(days=30)
        sites = []
        for site in CookieSite.objects.all():
            receipts = site.receipts.filter(recorded_at__gte=since)
            sites.append(
                {
                    "site": site,
                    "total": receipts.count(),
                    "analytics": receipts.filter(analytics=True).count(),
                    "marketing": receipts.filter(marketing=True).count(),
                    "gpc": receipts.filter(gpc=True).count(),
                    "script": request.build_absolute_uri(static("privacydesk/consent.js")),
                }
            )
        context = {"sites": sites, "form": form, "can_add": request.user.has_perm("consent.add_cookiesite")}
        return render(request, "console/cookie_sites.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, CookieSiteForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        if not request.user.has_perm("consent.add_cookiesite"):
            raise PermissionDenied
        form = CookieSiteForm(request.POST)
        if form.is_valid():
            site = form.save()
            messages.success(request, f"Added {site.name}; put the snippet on every page of the site.")
            return redirect("console:cookie_sites")
        return self._page(request, form, status=400)
