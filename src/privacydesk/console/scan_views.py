"""The scanner in the console: paste a ticket, an email or a note, see what personal information it
holds, and copy a redacted version to store instead. Nothing pasted is kept or logged."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import View

from privacydesk.console.access import ConsoleView
from privacydesk.formerrors import apply_errors
from privacydesk.scan.engine import ENTITIES
from privacydesk.scan.redact import POLICIES
from privacydesk.scanning import services


class ScanForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 12}), max_length=services.MAX_CHARACTERS, strip=False)
    card_policy = forms.ChoiceField(
        label="Card numbers", choices=[(p, p) for p in POLICIES if p != "hash"], initial="last4"
    )
    default = forms.ChoiceField(
        label="Everything else", choices=[(p, p) for p in POLICIES if p != "hash"], initial="type"
    )
    min_score = forms.FloatField(label="Report findings scoring at least", min_value=0, max_value=1, initial=0.4)


def _highlighted(text: str, entities: list[dict[str, Any]]) -> list[tuple[str, str | None]]:
    """The text in pieces, each with the entity type it is (or None), for the page to mark up."""
    pieces: list[tuple[str, str | None]] = []
    cursor = 0
    for entity in entities:
        pieces.append((text[cursor : entity["start"]], None))
        pieces.append((text[entity["start"] : entity["end"]], str(entity["type"])))
        cursor = int(entity["end"])
    pieces.append((text[cursor:], None))
    return pieces


class ScanView(ConsoleView, View):
    permission = "scanning.scan_text"

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "console/scan.html", {"form": ScanForm(), "entities": ENTITIES})

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ScanForm(request.POST)
        context: dict[str, Any] = {"form": form, "entities": ENTITIES}
        if form.is_valid():
            data = form.cleaned_data
            scan_request = services.ScanRequest(
                text=data["text"],
                min_score=data["min_score"],
                redact=True,
                policy={"CREDIT_CARD": data["card_policy"]},
                default=data["default"],
            )
            try:
                result = services.run(scan_request)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                context["result"] = result
                context["pieces"] = _highlighted(data["text"], result["entities"])
        return render(request, "console/scan.html", context, status=200 if not form.errors else 422)
