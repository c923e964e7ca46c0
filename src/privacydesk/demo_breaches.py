"""The demo's breach register: an email to the wrong client, discovered yesterday, contained, and
waiting to be assessed, so its clocks show on the dashboard."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from privacydesk.audit.context import acting_as
from privacydesk.breaches import services
from privacydesk.people.models import Identity, Person
from privacydesk.register.models import DataCategory, System


@transaction.atomic
def load_breaches() -> None:
    crm = System.objects.filter(name="CRM").first()
    people = list(Person.objects.filter(subject_type__code="client_contact", identities__kind="email")[:3])
    if crm is None or not people:
        return
    aware = timezone.now() - timedelta(days=1)
    with acting_as("demo"):
        breach = services.record(
            title="Client contact list emailed to the wrong client",
            description="A spreadsheet of three clients' contacts was attached to an email to another client.",
            kind="human_error",
            suspected_at=aware,
            discovered_at=aware,
            occurred_from=aware - timedelta(hours=2),
            occurred_to=aware - timedelta(hours=2),
            systems=[crm],
            categories=DataCategory.objects.filter(code="contact"),
            suspected_holder="Another client's office manager, who reported it.",
            recommendations="Be wary of unexpected emails that use your name; we do not ask for passwords.",
        )
        emails = Identity.objects.filter(person__in=people, kind="email").values_list("value", flat=True)
        services.add_affected_by_email(breach, "\n".join(emails))
        services.act(
            breach, "contain", "The recipient confirmed in writing that the email and attachment were deleted."
        )
