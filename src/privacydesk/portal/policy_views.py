"""The privacy policy, published: the version in force at /privacy/ (HTML) and as Markdown and PDF,
every earlier version, and what changed between each and the one before."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.views import View

from privacydesk import pdf
from privacydesk.policy import services
from privacydesk.policy.models import PolicyVersion


def _context(version: PolicyVersion) -> dict[str, object]:
    return {
        "version": version,
        "sections": version.sections,
        "reviewed": services.last_reviewed(version),
        "versions_url": reverse("portal:policy_versions"),
    }


class PolicyView(View):
    def get(self, request: HttpRequest, fmt: str = "html") -> HttpResponse:
        version = services.current()
        if version is None:
            raise Http404("No privacy policy has been published yet.")
        if fmt == "md":
            return HttpResponse(version.markdown, content_type="text/markdown; charset=utf-8")
        if fmt == "pdf":
            html = render_to_string("policy/document.html", _context(version))
            document = pdf.render_or_none(html)
            if document is None:
                raise Http404("PDF rendering is not available here.")
            response = HttpResponse(document, content_type="application/pdf")
            response["Content-Disposition"] = f'inline; filename="privacy-policy-v{version.number}.pdf"'
            return response
        if fmt != "html":
            raise Http404("Choose html, md or pdf.")
        return render(request, "portal/policy.html", _context(version))


class VersionsView(View):
    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "portal/policy_versions.html", {"versions": PolicyVersion.objects.all()})


class VersionView(View):
    def get(self, request: HttpRequest, number: int) -> HttpResponse:
        version = get_object_or_404(PolicyVersion, number=number)
        return render(request, "portal/policy.html", _context(version))


class ChangesView(View):
    """What changed from the version before, line by line."""

    def get(self, request: HttpRequest, number: int) -> HttpResponse:
        version = get_object_or_404(PolicyVersion, number=number)
        previous = PolicyVersion.objects.filter(number__lt=number).order_by("-number").first()
        if previous is None:
            raise Http404("This is the first version: nothing came before it.")
        context = {"version": version, "previous": previous, "lines": services.diff(previous, version)}
        return render(request, "portal/policy_changes.html", context)
