"""Where personal information comes from: collection points, their notices (versioned, immutable),
and each person's collection records — what was collected, from whom, and which notice they got.

A collection from someone other than the person (a referral, a directory) owes them a notice later:
the collection record carries that duty's due date from the law engine until the notice is given
or an exception is recorded.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from privacydesk.audit.models import AuditedModel
from privacydesk.law.notices import TOPICS
from privacydesk.people.models import Person
from privacydesk.register.models import DataCategory, Purpose, System


class CollectionPoint(AuditedModel):
    KINDS = [
        ("website_form", "Website contact form"),
        ("quote_request", "Quote request"),
        ("support_portal", "Support portal"),
        ("phone", "Phone call"),
        ("event", "Event follow-up"),
        ("job_application", "Job application"),
        ("referral", "Referral from another business"),
        ("public_directory", "Public directory"),
        ("other", "Other"),
    ]
    INDIRECT_KINDS = {"referral", "public_directory"}

    name = models.CharField(max_length=160, unique=True)
    kind = models.CharField(max_length=30, choices=KINDS)
    indirect = models.BooleanField(
        default=False, help_text="Information comes from someone other than the person (a notice is owed later)."
    )
    description = models.TextField(blank=True)
    purposes = models.ManyToManyField(Purpose, blank=True, related_name="collection_points")
    data_categories = models.ManyToManyField(DataCategory, blank=True, related_name="collection_points")
    systems = models.ManyToManyField(System, blank=True, related_name="collection_points")
    required_by_law = models.CharField(
        max_length=200, blank=True, help_text="The law that requires or authorises the collection, if any."
    )
    publicly_available = models.BooleanField(default=False, help_text="The source is publicly available.")
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    @property
    def document(self) -> str:
        return "indirect_collection_notice" if self.indirect else "collection_notice"

    def current_notice(self, at: object | None = None) -> Notice | None:
        """The newest version (in force at ``at``, if given). Uses prefetched notices when there are any."""
        if at is not None:
            return self.notices.filter(effective_from__lte=at).order_by("-version").first()
        return max(self.notices.all(), key=lambda n: n.version, default=None)


class Notice(models.Model):
    """One version of a collection point's notice. Never changed once saved: a new text is a new version."""

    collection_point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="notices")
    version = models.PositiveIntegerField()
    sections = models.JSONField(help_text="Topic → text (law/notices.py TOPICS).")
    effective_from = models.DateTimeField()
    published_by = models.CharField(max_length=150)
    published_at = models.DateTimeField(auto_now_add=True)
    check_result = models.JSONField(default=dict, help_text="The law engine's completeness check at publication.")
    complete = models.BooleanField(default=False)
    change_summary = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["collection_point", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["collection_point", "version"], name="notice_version_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.collection_point} notice v{self.version}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise ValueError("A published notice cannot be changed; publish a new version.")
        super().save(*args, **kwargs)

    def sections_in_order(self) -> list[tuple[str, str]]:
        """(heading, text) in reading order."""
        return [(TOPICS[t][0], self.sections[t]) for t in TOPICS if str(self.sections.get(t, "")).strip()]

    @property
    def text(self) -> str:
        return "\n\n".join(f"{heading}\n{body}" for heading, body in self.sections_in_order())

    @property
    def missing(self) -> list[dict[str, str]]:
        return list(self.check_result.get("missing", []))


class Collection(AuditedModel):
    """That we collected a person's information at a collection point, and the notice it owed them."""

    audit_personal = True

    AT_COLLECTION, PENDING, GIVEN, EXEMPT, NOT_REQUIRED, NO_NOTICE = (
        "at_collection",
        "pending",
        "given",
        "exempt",
        "not_required",
        "no_notice",
    )
    NOTICE_STATES = [
        (AT_COLLECTION, "Given at collection"),
        (PENDING, "Notice due"),
        (GIVEN, "Notice given"),
        (EXEMPT, "Not given: an exception applies"),
        (NOT_REQUIRED, "No notice duty applied"),
        (NO_NOTICE, "No notice was published for this collection point"),
    ]
    METHODS = [("email", "Email"), ("letter", "Letter"), ("phone", "Phone call"), ("in_person", "In person")]

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="collections")
    point = models.ForeignKey(CollectionPoint, on_delete=models.PROTECT, related_name="collections")
    collected_at = models.DateTimeField()
    source = models.CharField(
        max_length=255, blank=True, help_text="Who gave us the information, or where it was published."
    )
    categories = models.ManyToManyField(DataCategory, blank=True, related_name="collections")
    notes = models.TextField(blank=True)
    notice_status = models.CharField(max_length=20, choices=NOTICE_STATES)
    notice = models.ForeignKey(Notice, null=True, blank=True, on_delete=models.PROTECT, related_name="collections")
    notice_jurisdiction = models.CharField(max_length=2, blank=True)
    notice_due = models.DateTimeField(null=True, blank=True)
    notice_rule = models.CharField(max_length=255, blank=True, help_text="Citation of the duty and its due date.")
    notice_explanation = models.TextField(blank=True)
    notice_given_at = models.DateTimeField(null=True, blank=True)
    notice_method = models.CharField(max_length=20, choices=METHODS, blank=True)
    notice_sent_to = models.EmailField(blank=True, help_text="Where privacydesk emailed the notice.")
    notice_sent_text = models.TextField(blank=True, help_text="The message as sent.")
    exemption = models.TextField(blank=True, help_text="The exception relied on when no notice is given.")
    recorded_by = models.CharField(max_length=150)
    recorded_at = models.DateTimeField(auto_now_add=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-collected_at", "-pk"]
        indexes = [models.Index(fields=["notice_status", "notice_due"])]

    def __str__(self) -> str:
        return f"Collection {self.pk} via {self.point}"
