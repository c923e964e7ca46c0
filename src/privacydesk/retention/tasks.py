"""Background work for retention: carry out an approved disposal run (one worker claims it)."""

from __future__ import annotations

from django_tasks import task

from privacydesk.audit.context import acting_as
from privacydesk.retention import disposal
from privacydesk.retention.models import DisposalRun


@task()
def execute_run(run_id: int) -> str:
    with acting_as("worker"):
        run = disposal.execute(DisposalRun.objects.get(pk=run_id))
        return run.status
