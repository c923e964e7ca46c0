"""Console pages for individuals' requests: the queue on the legal clock, one request's page with
its verification, person, assignment, notes and letters, and the decision with written reasons."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views import View

from privacydesk.audit import chain
from privacydesk.connectors.models import Job
from privacydesk.console.access import ConsoleView
from privacydesk.console.forms import DAY
from privacydesk.formerrors import apply_errors
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory
from privacydesk.rights import documents, services
from privacydesk.rights.models import IdentityDocument, Message, Request


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(choices=Request.OUTCOMES, widget=forms.RadioSelect, label="Decision")
    grounds = forms.MultipleChoiceField(
        choices=[], widget=forms.CheckboxSelectMultiple, required=False, label="Grounds for refusing (in part or full)"
    )
    text = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 4}), required=False, label="What we did, in words for the requester"
    )
    evaluative_explanation = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        label="Explanation given instead of evaluative information (APP 12.10)",
    )
    intermediary = forms.CharField(max_length=200, required=False, label="Access through an agreed intermediary")
    remedy = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What we will do to put it right"
    )
    action_plan = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}), required=False, label="What we are changing so it does not recur"
    )

    def __init__(self, *args: Any, request_obj: Request, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        outcome = self.fields["outcome"]
        assert isinstance(outcome, forms.ChoiceField)
        if request_obj.is_complaint:
            outcome.choices = Request.COMPLAINT_OUTCOMES
            for name in ("grounds", "evaluative_explanation", "intermediary"):
                del self.fields[name]
            self.fields["text"].label = "What we found, for the outcome letter"
            return
        for name in ("remedy", "action_plan"):
            del self.fields[name]
        field = self.fields["grounds"]
        assert isinstance(field, forms.MultipleChoiceField)
        field.choices = [(g.code, f"{g.label} ({g.citation})") for g in services.grounds_for(request_obj)]


class AssignForm(forms.Form):
    assigned_to = forms.ModelChoiceField(
        queryset=get_user_model().objects.filter(is_active=True, groups__name="privacy_officer").distinct(),
        required=False,
        label="Assigned to",
    )


class NoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), label="Note")
    disclosable = forms.BooleanField(
        required=False, label="The requester may see this note (it goes into their access package)"
    )


class ChargeForm(forms.Form):
    amount = forms.DecimalField(min_value=0, max_digits=8, decimal_places=2, label="Estimated charge ($)")
    basis = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="What it covers")


class LinkPersonForm(forms.Form):
    person = forms.IntegerField(min_value=1, label="Person's record number")


class CorrectionNoticeForm(forms.Form):
    categories = forms.ModelMultipleChoiceField(
        queryset=DataCategory.objects.all(), widget=forms.CheckboxSelectMultiple, label="Information corrected"
    )


class ExtendForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Reasons (they go in the notice)")
    new_due = forms.DateField(
        required=False,
        widget=DAY,
        label="New date",
        help_text="Australia and New Zealand: choose a reasonable date. EU: leave blank (three months from receipt).",
    )


class ReopenForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 2}), label="Why it is being reopened")


class StatementForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 4}), label="The person's statement, in their words")


class QueueView(ConsoleView, View):
    permission = "rights.view_request"

    def get(self, request: HttpRequest) -> HttpResponse:
        now = timezone.now()
        rows = [(r, services.at_risk(r, now)) for r in services.queue()]
        decided = Request.objects.filter(status=Request.DECIDED).order_by("-decided_at")[:20]
        return render(request, "console/requests.html", {"rows": rows, "decided": decided})


class RequestView(ConsoleView, View):
    permission = "rights.view_request"

    def _page(self, request: HttpRequest, made: Request, status: int = 200, **forms_: Any) -> HttpResponse:
        context = {
            "made": made,
            "risk": services.at_risk(made),
            "decide_form": forms_.get("decide_form") or DecideForm(request_obj=made),
            "assign_form": forms_.get("assign_form") or AssignForm(initial={"assigned_to": made.assigned_to_id}),
            "note_form": forms_.get("note_form") or NoteForm(),
            "link_form": forms_.get("link_form") or LinkPersonForm(),
            "correction_form": forms_.get("correction_form") or CorrectionNoticeForm(),
            "statement_form": forms_.get("statement_form") or StatementForm(),
            "reopen_form": forms_.get("reopen_form") or ReopenForm(),
            "extend_form": forms_.get("extend_form") or ExtendForm(),
            "charge_form": forms_.get("charge_form") or ChargeForm(),
            "letters": services.letters(made),
            "can_change": request.user.has_perm("rights.change_request"),
            "can_decide": request.user.has_perm("rights.decide_request") and made.status == Request.OPEN,
            "jobs": Job.objects.filter(request=made).prefetch_related(
                "steps__connection__system", "steps__connection__assignee"
            ),
        }
        return render(request, "console/request.html", context, status=status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        made = get_object_or_404(Request.objects.select_related("person", "assigned_to", "decided_by"), pk=pk)
        chain.record_view(made, what="request", reason="request handling")
        return self._page(request, made)


class RequestActionView(RequestView):
    """POST one of: assign, note, link a person; each a small form on the request page."""

    permission = "rights.change_request"
    action = ""  # set per URL: assign, note or person

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        made = get_object_or_404(Request, pk=pk)
        form: forms.Form
        action = self.action
        if action == "assign":
            form = AssignForm(request.POST)
            if form.is_valid():
                services.assign(made, form.cleaned_data["assigned_to"])
                messages.success(request, "Assignment saved.")
                return redirect("console:request", pk=pk)
            return self._page(request, made, 400, assign_form=form)
        if action == "note":
            form = NoteForm(request.POST)
            if form.is_valid():
                data = form.cleaned_data
                services.add_note(made, request.user.get_username(), data["text"], data["disclosable"])
                messages.success(request, "Note added.")
                return redirect("console:request", pk=pk)
            return self._page(request, made, 400, note_form=form)
        form = LinkPersonForm(request.POST)
        if form.is_valid():
            person = Person.objects.filter(pk=form.cleaned_data["person"]).first()
            if person is None:
                form.add_error("person", "There is no person with that record number.")
            else:
                try:
                    services.link_person(made, person)
                except ValidationError as exc:
                    apply_errors(form, exc)
                else:
                    messages.success(request, f"Linked to {person.name}.")
                    return redirect("console:request", pk=pk)
        return self._page(request, made, 400, link_form=form)


class DecideView(RequestView):
    permission = "rights.decide_request"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        made = get_object_or_404(Request.objects.select_related("person"), pk=pk)
        form = DecideForm(request.POST, request_obj=made)
        if form.is_valid():
            data = form.cleaned_data
            decision = services.DecisionInput(
                data["outcome"],
                data.get("grounds", []),
                data["text"],
                data.get("evaluative_explanation", ""),
                data.get("intermediary", ""),
                data.get("remedy", ""),
                data.get("action_plan", ""),
            )
            try:
                services.decide(made, decision, request.user)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, f"Decided; the letter was emailed to {made.requester_email}.")
                return redirect("console:request", pk=pk)
        return self._page(request, made, 400, decide_form=form)


class CorrectionNoticeView(RequestView):
    """Tell earlier recipients of corrected information (APP 13.2, GDPR Art 19)."""

    permission = "rights.change_request"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        made = get_object_or_404(Request.objects.select_related("person"), pk=pk)
        form = CorrectionNoticeForm(request.POST)
        if form.is_valid():
            try:
                result = services.notify_correction(made, list(form.cleaned_data["categories"]))
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if not result.emailed and not result.other_way:
                    messages.success(request, "Nobody outside the organisation received that information.")
                if result.emailed:
                    messages.success(request, "Correction notice emailed to " + ", ".join(result.emailed) + ".")
                if result.other_way:
                    messages.warning(
                        request,
                        "No email address in the register; tell them another way: " + ", ".join(result.other_way),
                    )
                return redirect("console:request", pk=pk)
        return self._page(request, made, 400, correction_form=form)


class DocumentView(ConsoleView, View):
    """Open an identity document (decrypted; audited)."""

    permission = "rights.change_request"

    def get(self, request: HttpRequest, pk: int, doc: int) -> HttpResponse:
        document = get_object_or_404(IdentityDocument, pk=doc, request_id=pk)
        try:
            content = documents.read(document)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
            return redirect("console:request", pk=pk)
        response = HttpResponse(content, content_type=document.content_type)
        response["Content-Disposition"] = f'attachment; filename="identity-document-{document.pk}"'
        response["Cache-Control"] = "no-store"
        return response


class LetterPdfView(ConsoleView, View):
    """The PDF copy of a letter, exactly as it was attached to the email (the view is audited)."""

    permission = "rights.view_request"

    def get(self, request: HttpRequest, pk: int, message: int) -> HttpResponse:
        letter = get_object_or_404(
            Message.objects.select_related("request"), pk=message, request_id=pk, pdf__isnull=False
        )
        chain.record_view(letter.request, what="letter", reason=f"letter {letter.pdf_name}")
        response = HttpResponse(bytes(letter.pdf or b""), content_type="application/pdf")
        response["Content-Disposition"] = f'inline; filename="{letter.pdf_name}"'
        response["Cache-Control"] = "no-store"
        return response


class DocumentDecideView(ConsoleView, View):
    permission = "rights.change_request"

    def post(self, request: HttpRequest, pk: int, doc: int) -> HttpResponse:
        document = get_object_or_404(IdentityDocument, pk=doc, request_id=pk)
        try:
            documents.decide(document, request.POST.get("decision", ""))
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, "Verification recorded; the document has been deleted.")
        return redirect("console:request", pk=pk)


class _FormAction(RequestView):
    """One small form on the request page: validate, call the service, say what happened."""

    form_class: type[forms.Form] = forms.Form
    form_key = ""
    done = ""

    def perform(self, made: Request, data: dict[str, Any]) -> None:
        raise NotImplementedError

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        made = get_object_or_404(Request.objects.select_related("person"), pk=pk)
        form = self.form_class(request.POST)
        if form.is_valid():
            try:
                self.perform(made, form.cleaned_data)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, self.done)
                return redirect("console:request", pk=pk)
        return self._page(request, made, 400, **{self.form_key: form})


class StatementView(_FormAction):
    """Keep the person's statement with their record after a refused correction (APP 13.4, IPP 7)."""

    permission = "rights.change_request"
    form_class, form_key, done = StatementForm, "statement_form", "Statement kept with their record."

    def perform(self, made: Request, data: dict[str, Any]) -> None:
        services.record_statement(made, data["text"])


class ReopenView(_FormAction):
    permission = "rights.decide_request"
    form_class, form_key, done = ReopenForm, "reopen_form", "Reopened."

    def perform(self, made: Request, data: dict[str, Any]) -> None:
        services.reopen(made, data["reason"])


class ExtendView(_FormAction):
    permission = "rights.decide_request"
    form_class, form_key, done = ExtendForm, "extend_form", "Extended; the notice with the new date was sent."

    def perform(self, made: Request, data: dict[str, Any]) -> None:
        services.extend(made, data["reason"], data["new_due"])


class ChargeView(_FormAction):
    permission = "rights.decide_request"
    form_class, form_key, done = ChargeForm, "charge_form", "The estimate was emailed to the requester."

    def perform(self, made: Request, data: dict[str, Any]) -> None:
        services.estimate_charge(made, data["amount"], data["basis"])
