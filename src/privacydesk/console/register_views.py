"""Console pages for the register: the organisation, one generic list/add/edit/delete for each kind
of entry, the Art 30 record and the YAML export and import."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Model, ProtectedError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from privacydesk.audit import chain
from privacydesk.connectors.models import Connection
from privacydesk.console.access import ConsoleView
from privacydesk.console.display import field_value
from privacydesk.console.forms import REGISTER_FIELDS, ImportForm, OrganisationForm, register_form
from privacydesk.register import art30, yaml_io
from privacydesk.register import models as m

KINDS: dict[str, type[Model]] = {
    "systems": m.System,
    "categories": m.DataCategory,
    "subjects": m.SubjectType,
    "purposes": m.Purpose,
    "recipients": m.Recipient,
    "transfers": m.Transfer,
    "retention": m.RetentionRule,
    "activities": m.ProcessingActivity,
    "automated-decisions": m.AutomatedDecision,
}


def _model(kind: str) -> type[Model]:
    try:
        return KINDS[kind]
    except KeyError:
        raise Http404("No such part of the register.") from None


def _perm(model: type[Model], action: str) -> str:
    return f"register.{action}_{model._meta.model_name}"


class KindView(ConsoleView, View):
    action = "view"

    def required(self) -> tuple[str, ...]:
        return (_perm(_model(self.kwargs["kind"]), self.action),)

    @property
    def model(self) -> Any:
        return _model(self.kwargs["kind"])

    def context(self, **extra: Any) -> dict[str, Any]:
        meta = self.model._meta
        return {
            "kind": self.kwargs["kind"],
            "title": str(meta.verbose_name_plural).capitalize(),
            "singular": str(meta.verbose_name),
            "can_add": self.request.user.has_perm(_perm(self.model, "add")),
            "can_change": self.request.user.has_perm(_perm(self.model, "change")),
            "can_delete": self.request.user.has_perm(_perm(self.model, "delete")),
            **extra,
        }


class RegisterIndexView(ConsoleView, View):
    permission = "register.view_system"

    def get(self, request: HttpRequest) -> HttpResponse:
        sections = [
            (kind, str(model._meta.verbose_name_plural).capitalize(), model._default_manager.count())
            for kind, model in KINDS.items()
        ]
        context = {"sections": sections, "org": m.Organisation.current(), "connections": Connection.objects.count()}
        return render(request, "console/register_index.html", context)


class KindListView(KindView):
    def get(self, request: HttpRequest, kind: str) -> HttpResponse:
        columns = REGISTER_FIELDS[self.model][:4]
        headers = [str(self.model._meta.get_field(c).verbose_name).capitalize() for c in columns]
        rows = [(obj, [field_value(obj, c) for c in columns]) for obj in self.model.objects.all()]
        return render(request, "console/register_list.html", self.context(headers=headers, rows=rows))


class KindFormView(KindView):
    """Add (no pk) or change (pk) one register entry."""

    def required(self) -> tuple[str, ...]:
        return (_perm(_model(self.kwargs["kind"]), "change" if "pk" in self.kwargs else "add"),)

    def _instance(self) -> Any:
        pk = self.kwargs.get("pk")
        return get_object_or_404(self.model, pk=pk) if pk else None

    def get(self, request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
        form = register_form(self.model)(instance=self._instance())
        return render(request, "console/register_form.html", self.context(form=form, object=form.instance))

    def post(self, request: HttpRequest, kind: str, pk: int | None = None) -> HttpResponse:
        form = register_form(self.model)(request.POST, instance=self._instance())
        if form.is_valid():
            obj = form.save()
            messages.success(request, f"Saved {obj}.")
            return redirect("console:register_list", kind=kind)
        return render(request, "console/register_form.html", self.context(form=form, object=form.instance), status=400)


class KindDeleteView(KindView):
    action = "delete"

    def get(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        return render(request, "console/register_delete.html", self.context(object=obj))

    def post(self, request: HttpRequest, kind: str, pk: int) -> HttpResponse:
        obj = get_object_or_404(self.model, pk=pk)
        try:
            obj.delete()
        except ProtectedError:
            messages.error(request, f"{obj} is still used elsewhere in the register; remove those uses first.")
            return redirect("console:register_list", kind=kind)
        messages.success(request, f"Deleted {obj}.")
        return redirect("console:register_list", kind=kind)


class OrganisationView(ConsoleView, View):
    def required(self) -> tuple[str, ...]:
        return ("register.change_organisation",) if self.request.method == "POST" else ("register.view_organisation",)

    def get(self, request: HttpRequest) -> HttpResponse:
        org = m.Organisation.current()
        form = OrganisationForm(instance=org)
        can_change = request.user.has_perm("register.change_organisation")
        facts = []
        if org is not None and not can_change:
            labels: dict[str, str] = {**dict(m.AU_STATES), **dict(m.REGULATORS)}
            for field in form:
                value = getattr(org, field.name)
                if isinstance(value, list):
                    shown = ", ".join(str(labels.get(v, v)) for v in value)
                elif isinstance(value, bool):
                    shown = "Yes" if value else "No"
                else:
                    shown = str(value)
                facts.append((field.label, shown))
        context = {"form": form, "org": org, "can_change": can_change, "facts": facts}
        return render(request, "console/organisation.html", context)

    def post(self, request: HttpRequest) -> HttpResponse:
        form = OrganisationForm(request.POST, instance=m.Organisation.current())
        if form.is_valid():
            form.save()
            messages.success(request, "Saved the organisation's details.")
            return redirect("console:organisation")
        return render(request, "console/organisation.html", {"form": form, "can_change": True}, status=400)


class Art30View(ConsoleView, View):
    permission = "register.export_register"

    def get(self, request: HttpRequest) -> HttpResponse:
        record = art30.build()
        chain.append("view", "register.art30", "", summary="Art 30 record viewed")
        return render(
            request,
            "console/art30.html",
            {"record": record, "activity_columns": art30.ACTIVITY_COLUMNS, "system_columns": art30.SYSTEM_COLUMNS},
        )


def _download(content: str | bytes, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


class Art30ExportView(ConsoleView, View):
    permission = "register.export_register"

    def get(self, request: HttpRequest, fmt: str) -> HttpResponse:
        record = art30.build()
        stamp = timezone.localdate().isoformat()
        chain.append("export", "register.art30", "", summary=f"Art 30 record exported as {fmt}")
        if fmt == "csv":
            return _download(art30.to_csv(record), f"art30-record-{stamp}.csv", "text/csv; charset=utf-8")
        if fmt == "xlsx":
            return _download(
                art30.to_xlsx(record),
                f"art30-record-{stamp}.xlsx",
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        raise Http404("Unknown format.")


class RegisterYamlView(ConsoleView, View):
    permission = "register.export_register"

    def get(self, request: HttpRequest) -> HttpResponse:
        stamp = timezone.localdate().isoformat()
        return _download(yaml_io.export_yaml(), f"register-{stamp}.yaml", "application/yaml; charset=utf-8")


class RegisterImportView(ConsoleView, View):
    permission = "register.import_register"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "console/register_import.html", {"form": ImportForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ImportForm(request.POST, request.FILES)
        problems: list[str] = []
        if form.is_valid():
            upload = form.cleaned_data["file"]
            try:
                text = upload.read().decode("utf-8")
                result = yaml_io.import_yaml(text, upload.name)
            except UnicodeDecodeError:
                problems = [f"{upload.name}: the file is not UTF-8 text."]
            except yaml_io.RegisterImportError as exc:
                problems = [p.describe(exc.filename) for p in exc.problems]
            except ValidationError as exc:
                problems = [f"{upload.name}: {exc}"]
            else:
                messages.success(request, f"Imported {upload.name}: {result}.")
                return redirect(reverse("console:register"))
        context = {"form": form, "problems": problems}
        return render(request, "console/register_import.html", context, status=400)
