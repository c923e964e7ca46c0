"""Background work for accountability records, run by ``privacydesk worker``.

A scheduler enqueues ``send_due_notices`` (``privacydesk notices send --enqueue``) so notices owed
after indirect collection go out by email without anyone clicking; each row is claimed with a
conditional update, so any number of workers can run it at once.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from privacydesk.accountability.services import collection
from privacydesk.audit.context import acting_as


@task()
def send_due_notices(limit: int = 500) -> dict[str, Any]:
    with acting_as("worker"):
        result = collection.send_due_notices(limit)
    return {"sent": result.sent, "skipped": len(result.skipped)}
