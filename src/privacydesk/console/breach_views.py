"""The breach register in the console: the list by clock, recording a breach, and its page — clocks
from the law engine, the people affected, the timeline, the assessment under each regime, the
regulators' notifications and the notices to individuals."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from privacydesk.breaches import services
from privacydesk.breaches.models import Action, Breach, Notice, Notification
from privacydesk.connectors.models import Connection
from privacydesk.console.access import ConsoleView
from privacydesk.formerrors import apply_errors
from privacydesk.law.breach import FACTORS
from privacydesk.register.models import DataCategory, System

DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"})

# The judgement each regime asks for, with where the Act asks it.
JUDGEMENTS: dict[str, list[tuple[str, str]]] = {
    "au": [
        ("serious_harm_likely", "Serious harm to any affected person is likely (s 26WE(2))"),
        ("remedial_action_prevented_harm", "Remedial action means serious harm is no longer likely (s 26WF)"),
        ("notify_only_at_risk", "Notify only those at risk from the breach (s 26WL(2)(b))"),
        (
            "individual_notice_impracticable",
            "Notifying individuals directly is not practicable: publish (s 26WL(2)(c))",
        ),
    ],
    "nz": [
        ("serious_harm_likely", "It is reasonable to believe it has caused or is likely to cause serious harm (s 112)"),
        (
            "individual_notice_impracticable",
            "Individual notice is not reasonably practicable: public notice (s 116(1))",
        ),
    ],
    "eu": [
        ("risk_unlikely", "Unlikely to result in a risk to people's rights and freedoms (Art 33(1))"),
        ("high_risk", "Likely to result in a high risk to people (Art 34(1))"),
        ("unintelligible", "The data is unintelligible to others, e.g. encrypted (Art 34(3)(a))"),
        ("remedial_action_prevented_harm", "Measures since mean the high risk is no longer likely (Art 34(3)(b))"),
        (
            "individual_notice_impracticable",
            "Telling each person is disproportionate: public communication (Art 34(3)(c))",
        ),
    ],
}


class BreachForm(forms.Form):
    title = forms.CharField(max_length=200)
    description = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), help_text="What happened, as far as is known."
    )
    kind = forms.ChoiceField(choices=Breach.KINDS)
    occurred_from = forms.DateTimeField(required=False, widget=DATETIME, label="It began (if known)")
    occurred_to = forms.DateTimeField(required=False, widget=DATETIME, label="It ended (if known)")
    suspected_at = forms.DateTimeField(
        widget=DATETIME, label="First suspected", help_text="When there were reasonable grounds to suspect it."
    )
    discovered_at = forms.DateTimeField(widget=DATETIME, label="Became aware", help_text="Starts the 72 hours (GDPR).")
    systems = forms.ModelMultipleChoiceField(
        queryset=System.objects.all(), required=False, widget=forms.CheckboxSelectMultiple
    )
    categories = forms.ModelMultipleChoiceField(
        queryset=DataCategory.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Kinds of information",
    )  # fmt: skip
    estimated_count = forms.IntegerField(required=False, min_value=0, label="About how many people (if not all known)")
    suspected_holder = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    other_agencies = forms.CharField(required=False, widget=forms.Textarea(attrs={"rows": 2}))
    recommendations = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="What affected people should do"
    )


class AffectedForm(forms.Form):
    systems = forms.ModelMultipleChoiceField(
        queryset=System.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Everyone the register links to these systems",
    )  # fmt: skip
    connections = forms.ModelMultipleChoiceField(
        queryset=Connection.objects.exclude(kind=Connection.MANUAL).filter(active=True), required=False,
        widget=forms.CheckboxSelectMultiple, label="Everyone found in these connected systems (by email address)",
    )  # fmt: skip
    emails = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3}), label="Or these people (email addresses, one a line)"
    )


class ActionForm(forms.Form):
    kind = forms.ChoiceField(choices=Action.KINDS)
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="What was done")


class AssessmentForm(forms.Form):
    reasoning = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Why (the decision's record)")

    def __init__(self, *args: Any, regime: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.regime = regime
        for factor in FACTORS[regime]:
            self.fields[f"factor_{factor.code}"] = forms.CharField(
                required=False, label=f"{factor.text[0].upper()}{factor.text[1:]} ({factor.citation})"
            )
        for name, label in JUDGEMENTS[regime]:
            self.fields[name] = forms.BooleanField(required=False, label=label)

    def factors(self) -> dict[str, str]:
        return {f.code: self.cleaned_data.get(f"factor_{f.code}", "") for f in FACTORS[self.regime]}

    def judgement(self) -> dict[str, bool]:
        return {name: bool(self.cleaned_data.get(name)) for name, _label in JUDGEMENTS[self.regime]}


class BreachListView(ConsoleView, View):
    permission = "breaches.view_breach"

    def get(self, request: HttpRequest) -> HttpResponse:
        rows, now = [], timezone.now()
        for breach in Breach.objects.exclude(status=Breach.CLOSED).order_by("-discovered_at"):
            pending = [c for c in services.clocks(breach) if not c.done]
            due = [c for c in pending if c.deadline.due is not None]
            rows.append((breach, pending, min(due, key=lambda c: c.deadline.due or now) if due else None))
        closed = Breach.objects.filter(status=Breach.CLOSED)[:50]
        return render(request, "console/breaches.html", {"rows": rows, "closed": closed, "now": now})


class BreachAddView(ConsoleView, View):
    permission = "breaches.add_breach"

    def _render(self, request: HttpRequest, form: BreachForm, status: int = 200) -> HttpResponse:
        context = {
            "form": form,
            "heading": "Record a data breach",
            "submit": "Record it",
            "back_url": "/console/breaches/",
        }
        return render(request, "console/form_page.html", context, status=status)

    def get(self, request: HttpRequest) -> HttpResponse:
        return self._render(request, BreachForm())

    def post(self, request: HttpRequest) -> HttpResponse:
        form = BreachForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                breach = services.record(**data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Recorded {breach.reference}. Its clocks have started.")
                return redirect("console:breach", pk=breach.pk)
        return self._render(request, form, status=400)


class BreachView(ConsoleView, View):
    permission = "breaches.view_breach"

    def _render(self, request: HttpRequest, breach: Breach, status: int = 200, **given: Any) -> HttpResponse:
        regimes = services.regimes(breach)
        assessments = {a.regime: a for a in breach.assessments.all()}
        sections = []
        for regime in regimes:
            assessment = assessments.get(regime)
            initial: dict[str, Any] = {}
            if assessment is not None:
                initial = {
                    "reasoning": assessment.reasoning,
                    **{f"factor_{k}": v for k, v in assessment.factors.items()},
                }
                initial |= {name: getattr(assessment, name) for name, _label in JUDGEMENTS[regime]}
            form = given.get(f"assess_{regime}") or AssessmentForm(regime=regime, initial=initial, prefix=regime)
            notices = breach.notices.filter(regime=regime)
            sections.append(
                {
                    "regime": regime,
                    "assessment": assessment,
                    "form": form,
                    "notification": breach.notifications.filter(regime=regime, audience=Notification.REGULATOR).first(),
                    "public": breach.notifications.filter(regime=regime, audience=Notification.PUBLIC).first(),
                    "notices": {s: notices.filter(status=s).count() for s, _label in Notice.STATES},
                    "bounced": notices.filter(status=Notice.BOUNCED)[:20],
                }
            )
        context = {
            "breach": breach,
            "clocks": services.clocks(breach),
            "counts": services.counts(breach),
            "sections": sections,
            "affected_form": given.get("affected_form") or AffectedForm(),
            "action_form": given.get("action_form") or ActionForm(),
            "can_change": request.user.has_perm("breaches.change_breach"),
            "now": timezone.now(),
        }
        return render(request, "console/breach.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self._render(request, get_object_or_404(Breach, pk=pk))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if not request.user.has_perm("breaches.change_breach"):
            return HttpResponse(status=403)
        breach = get_object_or_404(Breach, pk=pk)
        step = request.POST.get("step", "")
        try:
            if step == "affected":
                form: forms.Form = AffectedForm(request.POST)
                if not form.is_valid():
                    return self._render(request, breach, 400, affected_form=form)
                added = (
                    services.add_affected_from_systems(breach, form.cleaned_data["systems"])
                    if form.cleaned_data["systems"]
                    else 0
                )
                unmatched = 0
                for connection in form.cleaned_data["connections"]:
                    more, missing = services.add_affected_from_connection(breach, connection)
                    added, unmatched = added + more, unmatched + missing
                if unmatched:
                    messages.warning(request, f"{unmatched} addresses in those systems match nobody in privacydesk.")
                if form.cleaned_data["emails"].strip():
                    try:
                        added += services.add_affected_by_email(breach, form.cleaned_data["emails"])
                    except ValidationError as exc:
                        apply_errors(form, exc)
                        return self._render(request, breach, 400, affected_form=form)
                messages.success(request, f"{added} affected people added.")
            elif step == "action":
                form = ActionForm(request.POST)
                if not form.is_valid():
                    return self._render(request, breach, 400, action_form=form)
                services.act(breach, form.cleaned_data["kind"], form.cleaned_data["text"])
                messages.success(request, "Added to the timeline.")
            elif step.startswith("assess_"):
                regime = step.removeprefix("assess_")
                form = AssessmentForm(request.POST, regime=regime, prefix=regime)
                if not form.is_valid():
                    return self._render(request, breach, 400, **{step: form})
                try:
                    services.assess(
                        breach,
                        regime,
                        factors=form.factors(),
                        reasoning=form.cleaned_data["reasoning"],
                        **form.judgement(),
                    )
                except ValidationError as exc:
                    apply_errors(form, exc)
                    return self._render(request, breach, 400, **{step: form})
                messages.success(request, f"Assessment under {regime.upper()} law recorded.")
            elif step.startswith("draft_"):
                regime, _, audience = step.removeprefix("draft_").partition("_")
                services.draft(breach, regime, audience or Notification.REGULATOR)
                messages.success(request, "Notification generated: read it, then give it to the regulator.")
            elif step.startswith("submit_"):
                notification = get_object_or_404(Notification, pk=int(step.removeprefix("submit_")), breach=breach)
                services.submit(notification, request.POST.get("reference", ""))
                messages.success(request, "Recorded as given.")
            elif step.startswith("notices_"):
                result = services.queue_notices(breach, step.removeprefix("notices_"))
                messages.success(
                    request,
                    f"{result['queued']} notices queued for sending"
                    + (
                        f"; {result['without_address']} people have no email address"
                        if result["without_address"]
                        else ""
                    )
                    + ".",
                )
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
        return redirect("console:breach", pk=breach.pk)


class NotificationView(ConsoleView, View):
    permission = "breaches.view_breach"

    def get(self, request: HttpRequest, pk: int, fmt: str = "html") -> HttpResponse:
        notification = get_object_or_404(Notification, pk=pk)
        if fmt == "pdf" and notification.pdf:
            response = HttpResponse(bytes(notification.pdf), content_type="application/pdf")
            name = f"{notification.breach.reference}-{notification.regime}-{notification.audience}.pdf"
            response["Content-Disposition"] = f'attachment; filename="{name}"'
            return response
        return HttpResponse(notification.html)
