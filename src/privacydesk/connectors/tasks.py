"""Background work for connected systems: run the steps that are due (any number of workers)."""

from __future__ import annotations

from django_tasks import task

from privacydesk.audit.context import acting_as
from privacydesk.connectors import services


@task()
def run_steps() -> int:
    with acting_as("worker"):
        return services.run_due()
