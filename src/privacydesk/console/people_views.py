"""Console pages for people. Every look at a person's record is written to the audit log with the
reason the member of staff gave; staff without ``people.view_person`` see a limited record."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db import transaction
from django.forms import BaseForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views import View

from privacydesk.accountability.services import collection, disclosures
from privacydesk.audit import chain
from privacydesk.audit.models import AuditEntry
from privacydesk.consent import services as consent
from privacydesk.console.access import ConsoleView
from privacydesk.console.forms import IdentityForm, MergeForm, PersonEditForm, PersonForm
from privacydesk.people import services
from privacydesk.people.models import Person
from privacydesk.rights.models import CorrectionStatement

REASONS = [
    ("service", "Delivering a service to them or their organisation"),
    ("request", "Handling a privacy request or complaint"),
    ("correction", "Checking or correcting their details"),
    ("audit", "Audit or review"),
    ("other", "Other"),
]


def _apply_errors(form: PersonForm | IdentityForm, exc: ValidationError) -> None:
    for field, errors in exc.message_dict.items():
        target = field if field in form.fields else ("value" if "value" in form.fields else None)
        if field.startswith("identities[0]"):
            target = "email" if "email" in form.fields else None
        elif field.startswith("identities[1]"):
            target = "phone"
        for error in errors:
            form.add_error(target, error)


def _form_page(
    request: HttpRequest, form: BaseForm, heading: str, submit: str, person: Person | None = None, status: int = 200
) -> HttpResponse:
    back = reverse("console:person", args=[person.pk]) if person else ""
    context = {"form": form, "heading": heading, "submit": submit, "back_url": back}
    return render(request, "console/form_page.html", context, status=status)


class PeopleListView(ConsoleView, View):
    permission = "people.view_person_limited"

    def get(self, request: HttpRequest) -> HttpResponse:
        query = request.GET.get("q", "").strip()
        people = services.find(query) if query else services.active()
        page = Paginator(people.select_related("subject_type"), 50).get_page(request.GET.get("page"))
        if query:
            # The search itself reveals whether we hold someone: record it, with the term's kind only.
            chain.append("search", "people.person", "", data={"results": page.paginator.count})
        return render(request, "console/people_list.html", {"page": page, "query": query, "reasons": REASONS})


class PersonView(ConsoleView, View):
    permission = "people.view_person_limited"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(Person.objects.select_related("subject_type", "merged_into"), pk=pk)
        full = request.user.has_perm("people.view_person")
        reason_code = request.GET.get("reason", "")
        reason = dict(REASONS).get(reason_code, "not stated")
        chain.record_view(person, what="full" if full else "limited", reason=reason)
        context = {
            "person": person,
            "statements": CorrectionStatement.objects.filter(person=person).select_related("request"),
            "full": full,
            "identities": person.identities.all(),
            "identity_form": IdentityForm(),
            "can_add_identity": request.user.has_perm("people.add_identity"),
            "can_merge": request.user.has_perm("people.merge_person"),
            "can_change": request.user.has_perm("people.change_person"),
        }
        if request.user.has_perm("consent.view_consentevent"):
            context["consent"] = {
                "preferences": consent.preferences(person),
                "history": consent.history(person),
                "can_record": request.user.has_perm("consent.add_consentevent"),
            }
        context["can_disclose"] = request.user.has_perm("accountability.add_disclosure")
        context["can_collect"] = request.user.has_perm("accountability.add_collection")
        if full:
            context["records"] = {
                "collections": collection.collections_of(person),
                "history": disclosures.history(person),
                "source_statement": collection.source_statement(person),
            }
            context["systems"] = person.systems.all()
            context["merges"] = person.merges_received.select_related("duplicate")
            context["history"] = AuditEntry.objects.filter(
                object_type="people.person", object_id=str(person.pk)
            ).order_by("-seq")[:50]
        return render(request, "console/person.html", context)


class PersonAddView(ConsoleView, View):
    permission = "people.add_person"

    def get(self, request: HttpRequest) -> HttpResponse:
        return _form_page(request, PersonForm(), "Add a person", "Add person")

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PersonForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            identities = []
            if data["email"]:
                identities.append(services.IdentityInput("email", data["email"]))
            if data["phone"]:
                identities.append(services.IdentityInput("phone", data["phone"]))
            fields = {k: v for k, v in data.items() if k not in {"email", "phone"}}
            if not request.user.has_perm("people.view_person"):
                fields.pop("notes", None)
            try:
                person = services.create_person(identities=identities, **fields)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, f"Added {person}.")
                return redirect("console:person", pk=person.pk)
        return _form_page(request, form, "Add a person", "Add person", status=400)


class PersonEditView(ConsoleView, View):
    """Correct a person's details and the systems that hold their information."""

    permission = "people.change_person"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(services.active(), pk=pk)
        return _form_page(request, PersonEditForm(instance=person), f"Edit {person.name}", "Save", person)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(services.active(), pk=pk)
        form = PersonEditForm(request.POST, instance=person)
        if form.is_valid():
            with transaction.atomic():
                form.save()
            messages.success(request, "Saved.")
            return redirect("console:person", pk=pk)
        return _form_page(request, form, f"Edit {person.name}", "Save", person, status=400)


class IdentityAddView(ConsoleView, View):
    permission = "people.add_identity"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(services.active(), pk=pk)
        form = IdentityForm(request.POST)
        if form.is_valid():
            try:
                services.add_identity(person, services.IdentityInput(**form.cleaned_data))
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "Identity added.")
                return redirect("console:person", pk=pk)
        return _form_page(request, form, f"Add an identity for {person.name}", "Add", person, status=400)


class DuplicatesView(ConsoleView, View):
    permission = "people.merge_person"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "console/duplicates.html", {"candidates": services.duplicate_candidates()})


class MergeView(ConsoleView, View):
    permission = "people.merge_person"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        duplicate = get_object_or_404(Person, pk=pk)
        form = MergeForm(request.POST)
        if form.is_valid():
            survivor = Person.objects.filter(pk=form.cleaned_data["survivor"]).first()
            if survivor is None:
                form.add_error("survivor", "There is no person with that record number.")
            else:
                try:
                    services.merge(duplicate, survivor, form.cleaned_data["reason"])
                except ValidationError as exc:
                    for errors in exc.message_dict.values():
                        for error in errors:
                            form.add_error("survivor", error)
                else:
                    messages.success(request, f"Merged record {duplicate.pk} into {survivor.pk}.")
                    return redirect("console:person", pk=survivor.pk)
        return _form_page(request, form, f"Merge record {duplicate.pk}", "Merge", duplicate, status=400)
