"""Background work for breaches: send the queued notices (any number of workers)."""

from __future__ import annotations

from django_tasks import task

from privacydesk.audit.context import acting_as
from privacydesk.breaches import services
from privacydesk.connectors.services import worker_name  # one way to name a worker


@task()
def send_notices() -> dict[str, int]:
    with acting_as("worker"):
        return services.send_all(worker_name())
