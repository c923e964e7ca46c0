"""Connected systems in the console: the list, adding and changing a connection (its address typed
once, encrypted, never shown again), and checking a descriptor against the live system with every
problem named by its line."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views import View

from privacydesk.connectors import services, sql
from privacydesk.connectors.descriptor import DescriptorError
from privacydesk.connectors.models import Connection
from privacydesk.console.access import ConsoleView
from privacydesk.formerrors import apply_errors
from privacydesk.register.models import System


class ConnectionForm(forms.Form):
    kind = forms.ChoiceField(choices=Connection.KINDS)
    system = forms.ModelChoiceField(queryset=System.objects.all(), help_text="The register's system this reaches.")
    name = forms.CharField(max_length=120, help_text="A short name, e.g. crm or helpdesk.")
    address = forms.CharField(
        required=False,
        widget=forms.PasswordInput(render_value=False),
        help_text="SQL: the database address with its password (postgresql+psycopg://user:password@host/db). "
        "Exports: the folder's path. Stored encrypted and never shown again.",
    )
    descriptor = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 16, "spellcheck": "false"}),
        label="Dataset descriptor (YAML)",
    )
    timeout_seconds = forms.IntegerField(min_value=1, max_value=3600, initial=300, label="Timeout (seconds)")
    assignee = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True).order_by("username"),
        required=False,
        help_text="Manual steps: who does them.",
    )
    checklist = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Manual steps: what to search and change by hand, one item a line.",
    )
    active = forms.BooleanField(required=False, initial=True, help_text="Inactive connections get no new steps.")

    def __init__(self, *args: Any, connection: Connection | None = None, **kwargs: Any) -> None:
        if connection is not None:
            kwargs.setdefault(
                "initial",
                {
                    "kind": connection.kind,
                    "system": connection.system_id,
                    "name": connection.name,
                    "descriptor": connection.descriptor,
                    "timeout_seconds": connection.timeout_seconds,
                    "assignee": connection.assignee_id,
                    "checklist": connection.checklist,
                    "active": connection.active,
                },
            )
        super().__init__(*args, **kwargs)
        if connection is not None and connection.secret:
            self.fields["address"].help_text = "An address is stored (encrypted). Leave this empty to keep it."


class ConnectionListView(ConsoleView, View):
    permission = "connectors.view_connection"

    def get(self, request: HttpRequest) -> HttpResponse:
        connections = Connection.objects.select_related("system", "assignee")
        return render(request, "console/connections.html", {"connections": connections})


class ConnectionFormView(ConsoleView, View):
    """Add (no pk) or change (pk) a connection."""

    def required(self) -> tuple[str, ...]:
        return ("connectors.change_connection" if "pk" in self.kwargs else "connectors.add_connection",)

    def _connection(self) -> Connection | None:
        pk = self.kwargs.get("pk")
        return get_object_or_404(Connection, pk=pk) if pk else None

    def _render(self, request: HttpRequest, form: ConnectionForm, status: int = 200) -> HttpResponse:
        connection = self._connection()
        heading = f"Change {connection.name}" if connection else "Add a connected system"
        context = {"form": form, "heading": heading, "submit": "Save", "back_url": "/console/register/connections/"}
        return render(request, "console/form_page.html", context, status=status)

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        return self._render(request, ConnectionForm(connection=self._connection()))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        connection = self._connection()
        form = ConnectionForm(request.POST, connection=connection)
        if form.is_valid():
            data = form.cleaned_data
            try:
                saved = services.save_connection(
                    connection,
                    system=data["system"],
                    name=data["name"],
                    kind=data["kind"],
                    address=data["address"],
                    descriptor=data["descriptor"],
                    timeout_seconds=data["timeout_seconds"],
                    assignee=data["assignee"],
                    checklist=data["checklist"],
                    active=data["active"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Saved {saved.name}.")
                return redirect("console:connections")
        return self._render(request, form, status=400)


class ConnectionCheckView(ConsoleView, View):
    """Check the descriptor against the live system now."""

    permission = "connectors.change_connection"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        connection = get_object_or_404(Connection, pk=pk)
        if connection.kind == Connection.MANUAL:
            messages.error(request, f"{connection.name} is done by hand: there is nothing to check.")
            return redirect("console:connections")
        try:
            tables = services.check(connection)
        except DescriptorError as exc:
            for problem in exc.problems:
                messages.error(request, problem.describe(exc.filename))
        except sql.ConnectorError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, f"{connection.name}: {tables} tables found as described.")
        return redirect("console:connections")
