"""Console pages for collection points and their notices, recording where a person's information came
from, and the queue of notices owed after indirect collection."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views import View

from privacydesk.accountability.models import Collection, CollectionPoint
from privacydesk.accountability.services import collection as service
from privacydesk.console.access import ConsoleView
from privacydesk.console.disclosure_views import form_page
from privacydesk.console.records_forms import (
    CollectionForm,
    CollectionPointForm,
    ExemptForm,
    GiveNoticeForm,
    NoticeForm,
)
from privacydesk.formerrors import apply_errors
from privacydesk.law.notices import TOPICS, notice_exceptions
from privacydesk.people import services as people


class PointListView(ConsoleView, View):
    permission = "accountability.view_collectionpoint"

    def get(self, request: HttpRequest) -> HttpResponse:
        points = CollectionPoint.objects.prefetch_related("notices")
        rows = [(p, p.current_notice()) for p in points]
        can_add = request.user.has_perm("accountability.add_collectionpoint")
        return render(request, "console/point_list.html", {"rows": rows, "can_add": can_add})


class PointFormView(ConsoleView, View):
    """Add (no pk) or change (pk) a collection point."""

    def required(self) -> tuple[str, ...]:
        action = "change" if "pk" in self.kwargs else "add"
        return (f"accountability.{action}_collectionpoint",)

    def _instance(self, pk: int | None) -> CollectionPoint | None:
        return get_object_or_404(CollectionPoint, pk=pk) if pk else None

    def get(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = CollectionPointForm(instance=self._instance(pk))
        return form_page(request, form, "Collection point", "Save", reverse("console:points"))

    def post(self, request: HttpRequest, pk: int | None = None) -> HttpResponse:
        form = CollectionPointForm(request.POST, instance=self._instance(pk))
        if form.is_valid():
            with transaction.atomic():
                point = form.save()
            messages.success(request, f"Saved {point}.")
            return redirect("console:point", pk=point.pk)
        return form_page(request, form, "Collection point", "Save", reverse("console:points"), 400)


class PointView(ConsoleView, View):
    permission = "accountability.view_collectionpoint"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        point = get_object_or_404(CollectionPoint, pk=pk)
        notices = list(point.notices.all())
        context = {
            "point": point,
            "notices": notices,
            "current": notices[0] if notices else None,
            "needed": [TOPICS[t][0] for t in service.check(point, {}).topics_needed],
            "facts": service.point_facts(point),
            "can_publish": request.user.has_perm("accountability.add_notice"),
            "can_change": request.user.has_perm("accountability.change_collectionpoint"),
        }
        return render(request, "console/point.html", context)


class NoticePublishView(ConsoleView, View):
    """Publish a new version of a collection point's notice, starting from the current text."""

    permission = "accountability.add_notice"

    def _page(self, request: HttpRequest, point: CollectionPoint, form: NoticeForm, status: int = 200) -> HttpResponse:
        back = reverse("console:point", args=[point.pk])
        return form_page(request, form, f"New notice for {point}", "Publish", back, status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        point = get_object_or_404(CollectionPoint, pk=pk)
        current = point.current_notice()
        needed = service.check(point, {}).topics_needed
        return self._page(request, point, NoticeForm(initial=current.sections if current else {}, needed=needed))

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        point = get_object_or_404(CollectionPoint, pk=pk)
        form = NoticeForm(request.POST, needed=service.check(point, {}).topics_needed)
        if form.is_valid():
            try:
                notice = service.publish_notice(
                    point, form.sections(), form.cleaned_data["effective_from"], form.cleaned_data["change_summary"]
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if notice.complete:
                    messages.success(request, f"Version {notice.version} published; it covers every matter required.")
                else:
                    missing = "; ".join(f"{m['citation']} ({m['requirement']})" for m in notice.missing)
                    messages.warning(request, f"Version {notice.version} published, but it does not cover: {missing}")
                return redirect("console:point", pk=pk)
        return self._page(request, point, form, status=400)


class CollectionAddView(ConsoleView, View):
    """Record where a person's information came from."""

    permission = "accountability.add_collection"

    def _page(self, request: HttpRequest, form: CollectionForm, pk: int, status: int = 200) -> HttpResponse:
        back = reverse("console:person", args=[pk])
        return form_page(request, form, "Record where their information came from", "Record", back, status)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        get_object_or_404(people.active(), pk=pk)
        return self._page(request, CollectionForm(initial={"collected_at": timezone.localtime()}), pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        person = get_object_or_404(people.active(), pk=pk)
        form = CollectionForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                record = service.record_collection(
                    person=person,
                    point=data["point"],
                    collected_at=data["collected_at"],
                    source=data["source"],
                    categories=data["categories"] or None,
                    notes=data["notes"],
                )
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                if record.notice_status == Collection.PENDING and record.notice_due:
                    due = timezone.localtime(record.notice_due)
                    messages.warning(request, f"A notice is owed to them by {due:%d %B %Y} ({record.notice_rule}).")
                else:
                    messages.success(request, f"Recorded: {record.get_notice_status_display()}.")
                return redirect("console:person", pk=pk)
        return self._page(request, form, pk, status=400)


class NoticesDueView(ConsoleView, View):
    permission = "accountability.view_collection"

    def get(self, request: HttpRequest) -> HttpResponse:
        now = timezone.now()
        due = [
            (c, c.notice_due is not None and c.notice_due < now, notice_exceptions(c.notice_jurisdiction or "au"))
            for c in service.notices_due()
        ]
        context = {
            "due": due,
            "give_form": GiveNoticeForm(),
            "exempt_form": ExemptForm(),
            "can_settle": request.user.has_perm("accountability.change_collection"),
        }
        return render(request, "console/notices_due.html", context)


class _SettleView(ConsoleView, View):
    permission = "accountability.change_collection"

    def _back(self, request: HttpRequest, form: GiveNoticeForm | ExemptForm, heading: str) -> HttpResponse:
        return form_page(request, form, heading, "Save", reverse("console:notices_due"), status=400)


class GiveNoticeView(_SettleView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(Collection, pk=pk)
        form = GiveNoticeForm(request.POST)
        if form.is_valid():
            try:
                service.give_notice(record, form.cleaned_data["method"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Notice recorded as given.")
                return redirect("console:notices_due")
        return self._back(request, form, "Record the notice as given")


class SendNoticeView(_SettleView):
    """Email the owed notice to the person now."""

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(Collection.objects.select_related("person", "point"), pk=pk)
        try:
            service.send_notice(record)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, f"Notice emailed to {record.person.name}.")
        return redirect("console:notices_due")


class ExemptNoticeView(_SettleView):
    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        record = get_object_or_404(Collection, pk=pk)
        form = ExemptForm(request.POST)
        if form.is_valid():
            try:
                service.exempt_notice(record, form.cleaned_data["exemption"], form.cleaned_data["exception"])
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, "Exception recorded; no notice will be given.")
                return redirect("console:notices_due")
        return self._back(request, form, "Record an exception")
