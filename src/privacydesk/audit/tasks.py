"""Background work for the audit log, run by ``privacydesk worker``.

Verifying a long chain takes seconds to minutes, so a scheduler (cron, a systemd timer) enqueues
this nightly with ``privacydesk audit verify --enqueue`` and a worker records the outcome in the
log itself, where the dashboard and auditors see it.
"""

from __future__ import annotations

from typing import Any

from django_tasks import task

from privacydesk.audit import chain
from privacydesk.audit.context import acting_as


@task()
def verify_chain() -> dict[str, Any]:
    with acting_as("worker"):
        result = chain.verify()
        chain.append(
            "verify", "audit.chain", "", data={"ok": result.ok, "checked": result.checked}, summary=result.problem[:255]
        )
    return {"ok": result.ok, "checked": result.checked, "problem": result.problem}
