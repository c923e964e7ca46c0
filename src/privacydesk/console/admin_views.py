"""Dashboard, audit log, staff accounts and API tokens."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.forms import PasswordChangeForm
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.views import View

from privacydesk import csvout
from privacydesk.accountability.models import CollectionPoint
from privacydesk.accountability.services import acknowledgements, agreements, collection
from privacydesk.accounts.models import ApiToken
from privacydesk.accounts.roles import ROLE_LABELS, roles_of
from privacydesk.accounts.services import create_staff, update_staff
from privacydesk.audit import chain
from privacydesk.audit.models import AuditEntry, AuditHead
from privacydesk.consent import services as consent
from privacydesk.console.access import ConsoleView
from privacydesk.console.forms import StaffEditForm, StaffForm, TokenForm
from privacydesk.people.models import Person
from privacydesk.register import models as m
from privacydesk.rights import services as rights


class DashboardView(ConsoleView, View):
    def get(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        context: dict[str, object] = {"org": m.Organisation.current()}
        if user.has_perm("register.view_system"):
            systems = list(m.System.objects.all())
            context["register"] = {
                "systems": len(systems),
                "overseas": [s for s in systems if s.overseas_countries()],
                "activities": m.ProcessingActivity.objects.count(),
                "without_retention": m.ProcessingActivity.objects.filter(retention_rule__isnull=True).count(),
                "transfers_without_basis": m.Transfer.objects.filter(
                    au_basis="", nz_basis="", gdpr_safeguard=""
                ).count(),
            }
        if user.has_perm("people.view_person_limited"):
            context["people_count"] = Person.objects.filter(merged_into__isnull=True).count()
        if user.has_perm("audit.view_auditentry"):
            context["audit_head"] = AuditHead.objects.filter(pk=1).first()
        context["records"] = _records_summary(user)
        if user.has_perm("rights.view_request"):
            now = timezone.now()
            open_requests = rights.queue()
            context["requests"] = {
                "open": open_requests.count(),
                "overdue": open_requests.filter(due_at__lt=now).count(),
                "this_week": open_requests.filter(due_at__gte=now, due_at__lt=now + timedelta(days=7)).count(),
                "complaints_open": open_requests.filter(kind="complaint").count(),
                "complaint_days": rights.resolution_days("complaint"),
            }
        if user.has_perm("consent.view_propagation"):
            pending = consent.pending_propagations()
            context["opt_outs"] = {
                "pending": pending.count(),
                "overdue": pending.filter(due_at__lt=timezone.now()).count(),
            }
        if user.has_perm("policy.view_policyversion"):
            from privacydesk.policy import services as policy

            version = policy.current()
            try:
                context["policy"] = {"version": version, "drift": policy.drift(version) if version else []}
            except ValueError:  # no organisation recorded yet: nothing to compare
                context["policy"] = {"version": version, "drift": []}
        if user.has_perm("breaches.view_breach"):
            from privacydesk.breaches import services as breaches
            from privacydesk.breaches.models import Breach

            open_breaches = list(Breach.objects.exclude(status=Breach.CLOSED))
            running = [c for b in open_breaches for c in breaches.clocks(b) if not c.done]
            moment = timezone.now()
            context["breaches"] = {
                "open": len(open_breaches),
                "overdue": sum(1 for c in running if c.deadline.due and c.deadline.due < moment),
                "next": min((c.deadline.due for c in running if c.deadline.due), default=None),
                "asap": sum(1 for c in running if c.deadline.due is None),
            }
        if user.has_perm("retention.view_legalhold"):
            from privacydesk.retention import disposal
            from privacydesk.retention.models import DisposalRun

            context["retention"] = {
                **disposal.due_summary(),
                "awaiting_approval": DisposalRun.objects.filter(status=DisposalRun.PROPOSED).count(),
            }
        context["my_outstanding"] = len(acknowledgements.outstanding_for(user))
        return render(request, "console/dashboard.html", context)


def _records_summary(user: Any) -> dict[str, object]:
    """What needs doing in the accountability records, for the roles that can act on it."""
    summary: dict[str, object] = {}
    if user.has_perm("accountability.view_collection"):
        now = timezone.now()
        due = collection.notices_due()
        summary["notices_overdue"] = due.filter(notice_due__lt=now).count()
        summary["notices_this_week"] = due.filter(notice_due__gte=now, notice_due__lt=now + timedelta(days=7)).count()
        summary["notices_pending"] = due.count()
        summary["next_notice"] = due.first()
    if user.has_perm("accountability.view_collectionpoint"):
        points = CollectionPoint.objects.filter(active=True).prefetch_related("notices")
        summary["points_without_notice"] = [p for p in points if (n := p.current_notice()) is None or not n.complete]
    if user.has_perm("accountability.view_agreement"):
        summary["processors_without_terms"] = [s for s in agreements.processor_terms(timezone.localdate()) if s.problem]
    if user.has_perm("accountability.view_acknowledgement"):
        summary["acknowledgements_outstanding"] = sum(len(s.outstanding) for s in acknowledgements.status())
    return summary


AUDIT_FILTERS = ("actor", "action", "object_type", "object_id")
AUDIT_CSV_COLUMNS = ["seq", "at", "actor", "action", "object_type", "object_id", "summary", "reason", "data", "hash"]


def _filtered_entries(request: HttpRequest) -> tuple[QuerySet[AuditEntry], dict[str, str]]:
    filters = {name: request.GET.get(name, "").strip() for name in AUDIT_FILTERS}
    entries = AuditEntry.objects.filter(**{name: value for name, value in filters.items() if value})
    return entries, filters


class AuditLogView(ConsoleView, View):
    permission = "audit.view_auditentry"

    def get(self, request: HttpRequest) -> HttpResponse:
        entries, filters = _filtered_entries(request)
        page = Paginator(entries, 100).get_page(request.GET.get("page"))
        query = urlencode({k: v for k, v in filters.items() if v})
        actions = AuditEntry.objects.order_by("action").values_list("action", flat=True).distinct()
        context = {"page": page, "filters": filters, "query": query, "actions": actions}
        return render(request, "console/audit_log.html", context)


class AuditExportView(ConsoleView, View):
    """The (filtered) log as CSV, for an auditor's working papers. Streams: the log may be large."""

    permission = "audit.view_auditentry"

    def get(self, request: HttpRequest) -> StreamingHttpResponse:
        entries, filters = _filtered_entries(request)
        chain.append("export", "audit.log", "", data={"filters": {k: v for k, v in filters.items() if v}})

        rows = entries.order_by("seq").values(*AUDIT_CSV_COLUMNS).iterator(chunk_size=5000)
        lines = csvout.lines(
            AUDIT_CSV_COLUMNS, ({**row, "data": json.dumps(row["data"], sort_keys=True)} for row in rows)
        )
        response = StreamingHttpResponse(lines, content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        return response


class AuditVerifyView(ConsoleView, View):
    permission = "audit.verify_chain"

    def post(self, request: HttpRequest) -> HttpResponse:
        result = chain.verify()
        chain.append("verify", "audit.chain", "", data={"ok": result.ok, "checked": result.checked})
        return render(request, "console/audit_verify.html", {"result": result})


class StaffListView(ConsoleView, View):
    permission = "auth.view_user"

    def get(self, request: HttpRequest) -> HttpResponse:
        users = [(u, [ROLE_LABELS[r] for r in roles_of(u)]) for u in get_user_model().objects.order_by("username")]
        return render(request, "console/staff_list.html", {"users": users})


class StaffAddView(ConsoleView, View):
    permission = "auth.add_user"

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, StaffForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = StaffForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            user, password = create_staff(data["username"], data["email"], data["roles"])
            # Shown once, on this page only; the person changes nothing until they sign in and enrol TOTP.
            return render(request, "console/staff_created.html", {"new_user": user, "password": password})
        return self._page(request, form, status=400)

    def _page(self, request: HttpRequest, form: StaffForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "heading": "Add a staff account", "submit": "Create account"}
        return render(request, "console/form_page.html", context, status=status)


class StaffEditView(ConsoleView, View):
    """Roles, deactivation, a lost authenticator; saving an active account also lifts a lockout."""

    permission = "auth.change_user"

    def _page(
        self, request: HttpRequest, account: AbstractBaseUser, form: StaffEditForm, status: int = 200
    ) -> HttpResponse:
        context = {
            "form": form,
            "heading": f"Staff account: {account.get_username()}",
            "submit": "Save",
            "back_url": reverse("console:staff"),
        }
        return render(request, "console/form_page.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(get_user_model(), pk=pk)
        form = StaffEditForm(initial={"roles": roles_of(account), "active": account.is_active})
        return self._page(request, account, form)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = get_object_or_404(get_user_model(), pk=pk)
        form = StaffEditForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                update_staff(account, data["roles"], data["active"], data["reset_second_factor"], request.user)
            except ValueError as exc:
                form.add_error(None, str(exc))
            else:
                chain.append(
                    "update",
                    "auth.user",
                    account.pk,
                    summary=account.get_username(),
                    data={
                        "roles": sorted(data["roles"]),
                        "active": data["active"],
                        "reset_second_factor": data["reset_second_factor"],
                    },
                )
                messages.success(request, f"Saved {account.get_username()}.")
                return redirect("console:staff")
        return self._page(request, account, form, status=400)


class PasswordView(ConsoleView, View):
    """Every member of staff changes the generated password they were given."""

    def _page(self, request: HttpRequest, form: PasswordChangeForm, status: int = 200) -> HttpResponse:
        context = {"form": form, "heading": "Change your password", "submit": "Change password"}
        return render(request, "console/form_page.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._page(request, PasswordChangeForm(request.user))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = PasswordChangeForm(request.user, request.POST)
        if form.is_valid():
            user = form.save()
            update_session_auth_hash(request, user)
            chain.append("password_change", "auth.user", user.pk)
            messages.success(request, "Your password has been changed.")
            return redirect("console:dashboard")
        return self._page(request, form, status=400)


class TokenListView(ConsoleView, View):
    permission = "accounts.view_apitoken"

    def get(self, request: HttpRequest) -> HttpResponse:
        tokens = ApiToken.objects.select_related("user")
        can_add = request.user.has_perm("accounts.add_apitoken")
        return render(request, "console/tokens.html", {"tokens": tokens, "form": TokenForm(), "can_add": can_add})


class TokenAddView(ConsoleView, View):
    permission = "accounts.add_apitoken"

    def post(self, request: HttpRequest) -> HttpResponse:
        form = TokenForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            token, raw = ApiToken.issue(data["user"], data["name"], scopes=data["scopes"])
            chain.append("create", "accounts.apitoken", token.pk, summary=token.name, data={"scopes": token.scopes})
            return render(request, "console/token_created.html", {"token": token, "raw": raw})
        tokens = ApiToken.objects.select_related("user")
        return render(request, "console/tokens.html", {"tokens": tokens, "form": form, "can_add": True}, status=400)


class TokenRevokeView(ConsoleView, View):
    permission = "accounts.delete_apitoken"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        token = get_object_or_404(ApiToken, pk=pk)
        revoked = ApiToken.objects.filter(pk=pk, revoked_at__isnull=True).update(revoked_at=timezone.now())
        if revoked:
            chain.append("revoke", "accounts.apitoken", token.pk, summary=token.name)
            messages.success(request, f"Revoked the token {token.name}; it no longer works.")
        return redirect("console:tokens")
