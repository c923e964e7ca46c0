"""Steps done by hand, in systems without a connector: the person's identities shown to whoever does
the work, a checklist every item of which must be ticked, a note of what was found or changed, and
evidence (a screenshot, an export, a confirmation) kept encrypted with the step.

Who may do one: its connection's assignee, or anyone who manages requests. Showing the identities is
a staff view of a person's record, so it is audited.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from privacydesk import sealed
from privacydesk.audit import chain
from privacydesk.connectors.descriptor import Identity
from privacydesk.connectors.models import Evidence, Job, Step
from privacydesk.connectors.services import identities_of

MAX_FILES = 5


@dataclass
class Upload:
    name: str
    stream: IO[bytes]
    size: int


def may_do(user: Any, step: Step) -> bool:
    if user.has_perm("rights.change_request"):
        return True
    return bool(user.has_perm("connectors.do_manual_step") and step.connection.assignee_id == user.pk)


def may_see_evidence(user: Any, step: Step) -> bool:
    return bool(user.has_perm("connectors.view_evidence") or may_do(user, step))


def checklist(step: Step) -> list[str]:
    return [line.strip() for line in step.connection.checklist.splitlines() if line.strip()]


def identities_for(step: Step) -> dict[Identity, list[str]]:
    """What to search the system for; recorded in the audit log as a view of the person's record."""
    request = step.job.request
    if request.person is not None:
        chain.record_view(request.person, what="identities", reason=f"manual step in {step.connection.name}")
    return identities_of(request)


def _checked(step: Step, ticked: list[str]) -> list[str]:
    items = checklist(step)
    missing = [item for item in items if item not in set(ticked)]
    if missing:
        more = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise ValidationError({"checked": f"Not ticked yet: “{missing[0]}”{more}."})
    return items


def _read(uploads: list[Upload]) -> list[tuple[Upload, bytes, str]]:
    if not uploads:
        raise ValidationError({"evidence": "Upload at least one file that shows the work (a screenshot, an export)."})
    if len(uploads) > MAX_FILES:
        raise ValidationError({"evidence": f"Upload at most {MAX_FILES} files."})
    read = []
    for upload in uploads:
        content = sealed.read_capped(upload.stream, upload.size, "evidence")
        kind = sealed.kind_of(content, text=True)
        if kind is None:
            raise ValidationError(
                {"evidence": f"{upload.name}: upload a PDF, JPEG or PNG, or a text export (CSV, TXT)."}
            )
        read.append((upload, content, kind))
    return read


@transaction.atomic
def complete(step: Step, user: Any, ticked: list[str], note: str, uploads: list[Upload], for_requester: bool) -> Step:
    """Record the step as done by ``user``; every problem is refused before anything is kept."""
    if not may_do(user, step):
        raise ValidationError("This step is assigned to someone else.")
    items = _checked(step, ticked)
    if not note.strip():
        raise ValidationError({"note": "Say what you searched for and what you found or changed."})
    files = _read(uploads)
    by = user.get_username()
    result = {"manual": {"by": by, "checked": items, "note": note.strip(), "files": len(files)}}
    claimed = Step.objects.filter(pk=step.pk, status=Step.MANUAL).update(
        status=Step.SUCCEEDED, result=result, finished_at=timezone.now()
    )
    if claimed != 1:
        raise ValidationError("This step is no longer waiting for a person: someone has finished it.")
    stored: list[str] = []
    try:
        for upload, content, kind in files:
            stored.append(sealed.store(content, "evidence"))
            Evidence.objects.create(
                step=step,
                name=upload.name[:200],
                stored_name=stored[-1],
                content_type=kind,
                size=len(content),
                sha256=hashlib.sha256(content).hexdigest(),
                for_requester=for_requester and step.job.kind == Job.ACCESS,
                uploaded_by=by,
            )
    except BaseException:
        for name in stored:  # the rows go with the transaction; the files must go too
            sealed.remove(name)
        raise
    chain.append(
        "finish", "connectors.step", step.pk, summary=f"{step.connection.name}: done by hand ({len(files)} files)"
    )
    step.refresh_from_db()
    return step


def read(evidence: Evidence) -> bytes:
    """The decrypted file, for a member of staff; every read is audited."""
    content = sealed.load(evidence.stored_name, "evidence")
    chain.append("view", "connectors.evidence", evidence.pk, data={"step": evidence.step_id})
    return content
