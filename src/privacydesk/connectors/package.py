"""The connectors' part of an access package: the person's rows in each connected system, from the
newest finished search for the request (or, without one, for any request of the person's), and the
exports staff made by hand from systems without a connector."""

from __future__ import annotations

from typing import Any

from privacydesk.connectors import manual
from privacydesk.connectors.models import Evidence, Job, Step
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


def files_for(person: Person, request: Any = None) -> list[tuple[str, str, bytes]]:
    """(system, file name, content) of the files marked for the person, from each system's newest
    search done by hand."""
    steps = Step.objects.filter(job__kind=Job.ACCESS, status=Step.SUCCEEDED, evidence__for_requester=True)
    steps = steps.filter(job__request=request) if request is not None else steps.filter(job__request__person=person)
    newest: dict[str, Step] = {}
    for step in steps.select_related("connection__system").distinct().order_by("-finished_at"):
        newest.setdefault(step.connection.system.name, step)
    return [
        (system, f"export-{evidence.pk}-{evidence.name}", manual.read(evidence))
        for system, step in sorted(newest.items())
        for evidence in Evidence.objects.filter(step=step, for_requester=True)
    ]
