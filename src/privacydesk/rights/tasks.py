"""Background work for requests: reminders before a request falls due (``privacydesk requests
remind --enqueue`` from a scheduler, run by any number of workers)."""

from __future__ import annotations

from django_tasks import task

from privacydesk.audit.context import acting_as
from privacydesk.rights import services


@task()
def remind_due() -> int:
    with acting_as("worker"):
        return services.remind_due()
