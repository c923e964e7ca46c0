"""Background work for the policy: tell people who asked that it changed."""

from __future__ import annotations

from django_tasks import task

from privacydesk.audit.context import acting_as
from privacydesk.policy import services
from privacydesk.policy.models import PolicyVersion


@task()
def notify_change(version_id: int) -> dict[str, int]:
    with acting_as("worker"):
        return services.notify(PolicyVersion.objects.get(pk=version_id))
