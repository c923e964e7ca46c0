"""The connectors' part of an access package: the person's rows in each connected system, from the
newest finished search for the request (or, without one, for any request of the person's)."""

from __future__ import annotations

from typing import Any

from privacydesk.connectors.models import Job, Step
from privacydesk.people.models import Person


def rows_for(person: Person, request: Any = None) -> dict[str, dict[str, list[dict[str, Any]]]]:
    steps = Step.objects.filter(job__kind=Job.ACCESS, status=Step.SUCCEEDED).select_related("connection__system")
    steps = steps.filter(job__request=request) if request is not None else steps.filter(job__request__person=person)
    held: dict[str, dict[str, list[dict[str, Any]]]] = {}
    for step in steps.order_by("-finished_at"):
        system = step.connection.system.name
        if system not in held:  # the newest search of each system
            held[system] = step.result.get("rows", {})
    return held
