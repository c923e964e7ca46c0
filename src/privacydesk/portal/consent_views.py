"""The preference centre and one-click unsubscribe, reached from signed links in messages; no login.

Unsubscribing follows RFC 8058: a GET only shows a button (mail scanners open links, and opening a
link must not unsubscribe anyone); a POST — the person's click, or their mail provider's one-click
``List-Unsubscribe=One-Click`` — withdraws at once. The POST needs no CSRF token: the signed link is
the authority, and a mail provider posting it has no cookie.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.cache import cache
from django.core.mail import send_mail
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.views import View
from django.views.decorators.csrf import csrf_exempt

from privacydesk.audit.context import acting_as
from privacydesk.consent import links, services
from privacydesk.people import services as people
from privacydesk.people.models import Person
from privacydesk.register.models import Organisation

PREFERENCES_NOTICE = (
    "You chose which messages to receive from us, and how, in our preference centre. "
    "You can change your choices at any time from the link in any of our messages."
)


def _problem(request: HttpRequest, error: links.LinkError) -> HttpResponse:
    return render(
        request,
        "portal/link_problem.html",
        {"message": str(error), "expired": error.expired, "no_request_link": True},
        status=410 if error.expired else 404,
    )


def _rows(person: Person) -> list[dict[str, Any]]:
    """Preferences grouped by program, for the form."""
    grouped: dict[int, dict[str, Any]] = {}
    for row in services.preferences(person):
        entry = grouped.setdefault(row.program.pk, {"program": row.program, "channels": []})
        entry["channels"].append(
            {"channel": row.channel, "on": row.receives, "name": f"p{row.program.pk}-c{row.channel.pk}"}
        )
    return list(grouped.values())


class PreferencesView(View):
    def _person(self, token: str) -> Person:
        return links.person_from_preferences(token)

    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            person = self._person(token)
        except links.LinkError as error:
            return _problem(request, error)
        return render(request, "portal/preferences.html", {"person": person, "rows": _rows(person)})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            person = self._person(token)
        except links.LinkError as error:
            return _problem(request, error)
        nothing = "nothing" in request.POST
        choices = [
            services.Choice(
                row.program, row.channel, not nothing and f"p{row.program.pk}-c{row.channel.pk}" in request.POST
            )
            for row in services.preferences(person)
        ]
        with acting_as(f"portal:person {person.pk}"):
            made = services.record_choices(
                person, choices, "preference_centre", notice_text=PREFERENCES_NOTICE, evidence={"page": "preferences"}
            )
        return render(
            request,
            "portal/preferences.html",
            {"person": person, "rows": _rows(person), "saved": True, "changes": len(made)},
        )


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    def get(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            _person, program, channel = links.from_unsubscribe(token)
        except links.LinkError as error:
            return _problem(request, error)
        return render(request, "portal/unsubscribe.html", {"program": program, "channel": channel, "done": False})

    def post(self, request: HttpRequest, token: str) -> HttpResponse:
        try:
            person, program, channel = links.from_unsubscribe(token)
        except links.LinkError as error:
            return _problem(request, error)
        one_click = request.POST.get("List-Unsubscribe") == "One-Click"
        method = "one_click" if one_click else "unsubscribe_page"
        with acting_as(f"portal:person {person.pk}"):
            services.record(
                person,
                services.Choice(program, channel, False),
                method,
                evidence={"link": "List-Unsubscribe" if one_click else "unsubscribe page"},
            )
        if one_click:
            return HttpResponse("Unsubscribed.\n", content_type="text/plain; charset=utf-8")
        return render(
            request,
            "portal/unsubscribe.html",
            {"program": program, "channel": channel, "done": True, "preferences": links.preferences_token(person)},
        )


class LinkForm(forms.Form):
    email = forms.EmailField(max_length=254, label="Your email address")


LINKS_PER_HOUR = 5


class PreferencesLinkView(View):
    """Ask for a link to the preference centre by email, for someone without one of our messages to
    hand. The answer is the same whether or not we hold the address, so the page cannot be used to
    find out who is on our lists; the link goes only to the address itself."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "portal/preferences_link.html", {"form": LinkForm()})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = LinkForm(request.POST)
        if not form.is_valid():
            return render(request, "portal/preferences_link.html", {"form": form}, status=400)
        limit = f"portal:preference-links:{request.META.get('REMOTE_ADDR', '')}"
        cache.add(limit, 0, timeout=3600)
        if cache.incr(limit) > LINKS_PER_HOUR:
            form.add_error(None, "Too many links asked for from this connection in the last hour. Try again later.")
            return render(request, "portal/preferences_link.html", {"form": form}, status=429)
        person, normalised = services.find("email", form.cleaned_data["email"])
        if person is not None and not people.is_suppressed("email", normalised):
            person = services.current(person)
            send_mail(
                "Your link to choose what we send you",
                render_to_string(
                    "portal/preferences_link_email.txt",
                    {"url": links.preferences_url(person), "org": Organisation.current()},
                ),
                None,
                [form.cleaned_data["email"]],
            )
        return render(request, "portal/preferences_link.html", {"sent": True})
