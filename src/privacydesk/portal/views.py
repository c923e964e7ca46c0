"""Public pages. Each handles one step; none needs JavaScript; bad input returns the form with an
error summary, never a 500."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views import View

from privacydesk.formerrors import apply_errors
from privacydesk.portal.forms import CodeForm, DocumentForm, RequestForm
from privacydesk.rights import documents, services
from privacydesk.rights.models import Request


def _client_ip(request: HttpRequest) -> str:
    return str(request.META.get("REMOTE_ADDR", ""))


def _link_problem(request: HttpRequest, error: services.LinkError) -> HttpResponse:
    status = 410 if error.expired else 404
    return render(request, "portal/link_problem.html", {"message": str(error), "expired": error.expired}, status=status)


class HomeView(View):
    """The privacy page: what people can do here, then the privacy policy in force."""

    def get(self, request: HttpRequest) -> HttpResponse:
        from privacydesk.policy import services as policy

        version = policy.current()
        context: dict[str, object] = {"version": version, "nested": True}
        if version is not None:
            context |= {"sections": version.sections, "reviewed": policy.last_reviewed(version),
                        "versions_url": "/privacy/policy/versions/"}  # fmt: skip
        return render(request, "portal/home.html", context)


class RequestView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "portal/request.html", {"form": RequestForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = RequestForm(request.POST)
        key = f"portal:submissions:{_client_ip(request)}"
        if cache.get(key, 0) >= settings.PRIVACYDESK_PORTAL_SUBMISSIONS_PER_HOUR:
            form.is_valid()
            form.add_error(None, "Too many requests from this connection in the last hour. Please try again later.")
            return render(request, "portal/request.html", {"form": form}, status=429)
        if form.is_valid():
            try:
                made = services.submit(services.Submission(**form.cleaned_data))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                cache.add(key, 0, timeout=3600)
                cache.incr(key)
                return redirect("portal:verify", token=services.link_token(made, "verify"))
        return render(request, "portal/request.html", {"form": form}, status=400)


class VerifyView(View):
    max_age = timedelta(days=1)

    def _load(self, token: str) -> Request:
        made, _ = services.from_token(token, "verify", self.max_age)
        return made

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            made = self._load(token)
        except services.LinkError as error:
            return _link_problem(request, error)
        if made.status != Request.AWAITING:
            return redirect("portal:status", token=services.link_token(made, "status"))
        return render(request, "portal/verify.html", {"form": CodeForm(), "made": made, "token": token})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            made = self._load(token)
        except services.LinkError as error:
            return _link_problem(request, error)
        form = CodeForm(request.POST)
        if form.is_valid():
            try:
                services.verify(made, form.cleaned_data["code"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                return redirect("portal:status", token=services.link_token(made, "status"))
        context = {"form": form, "made": made, "token": token}
        return render(request, "portal/verify.html", context, status=400)


class ResendView(VerifyView):
    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            made = self._load(token)
        except services.LinkError as error:
            return _link_problem(request, error)
        form = CodeForm()
        try:
            services.issue_code(made)
        except ValidationError as exc:
            apply_errors(form, exc)
            return render(request, "portal/verify.html", {"form": form, "made": made, "token": token}, status=429)
        return render(request, "portal/verify.html", {"form": form, "made": made, "token": token, "resent": True})


class StatusView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            made, _ = services.from_token(token, "status", timedelta(days=services.STATUS_LINK_DAYS))
        except services.LinkError as error:
            return _link_problem(request, error)
        with timezone.override(made.zone):  # the requester's dates
            return render(request, "portal/status.html", {"made": made, "form": DocumentForm()})


class DocumentView(View):
    """Optional stronger verification: upload an identity document (encrypted at rest)."""

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            made, _ = services.from_token(token, "status", timedelta(days=services.STATUS_LINK_DAYS))
        except services.LinkError as error:
            return _link_problem(request, error)
        form = DocumentForm(request.POST, request.FILES)
        if form.is_valid():
            upload = form.cleaned_data["document"]
            try:
                documents.upload(made, upload, upload.size)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                with timezone.override(made.zone):
                    return render(
                        request, "portal/status.html", {"made": made, "uploaded": True, "form": DocumentForm()}
                    )
        with timezone.override(made.zone):
            return render(request, "portal/status.html", {"made": made, "form": form}, status=400)


class PackageView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            delivery, content = services.open_delivery(token)
        except services.LinkError as error:
            return _link_problem(request, error)
        response = HttpResponse(content, content_type="application/zip")
        response["Content-Disposition"] = f'attachment; filename="your-information-{delivery.request.reference}.zip"'
        response["Cache-Control"] = "no-store"
        return response
