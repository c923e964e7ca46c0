"""Public statements about data breaches, where telling each person directly is not practicable (AU
s 26WL(2)(c), NZ s 116, GDPR Art 34(3)(c)): served once published, never before."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from privacydesk.breaches.models import Notification
from privacydesk.law.breach import CONTENTS


class BreachStatementView(View):
    def get(self, request: HttpRequest, reference: str, regime: str) -> HttpResponse:
        statement = (
            Notification.objects.select_related("breach")
            .filter(
                breach__reference=reference, regime=regime, audience=Notification.PUBLIC, submitted_at__isnull=False
            )
            .first()
        )
        if statement is None:
            raise Http404("No such statement.")
        elements = [
            (element.text, statement.contents.get(element.code, ""))
            for element in CONTENTS.get(f"{regime}.individuals", ())
            if statement.contents.get(element.code)
        ]
        context = {"statement": statement, "breach": statement.breach, "elements": elements}
        return render(request, "portal/breach_statement.html", context)
