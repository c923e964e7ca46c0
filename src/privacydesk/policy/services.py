"""Publishing the privacy policy: a new immutable version when the text changes, its readable diff from
the previous one, reviews that change nothing, the version in force on a day (consent records point
at it), drift between the published policy and the register, and the change notice to people who
asked to be told."""

from __future__ import annotations

import difflib
import hashlib
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from privacydesk.audit import chain
from privacydesk.audit.context import current_actor
from privacydesk.law import policy as law
from privacydesk.policy.compose import Policy, compose, reading_grade
from privacydesk.policy.models import PolicyReview, PolicyVersion

NOTICE_PROGRAM = "policy_updates"  # the consent program of people who asked to be told of changes


def current(on: date | None = None) -> PolicyVersion | None:
    """The version in force on ``on`` (today): the latest whose effective date has come."""
    on = on or timezone.localdate()
    return PolicyVersion.objects.filter(effective_from__lte=on).order_by("-effective_from", "-number").first()


def current_label() -> str:
    """For consent records: the version in force now ("" before any is published)."""
    version = current()
    return version.label if version else ""


def missing(policy: Policy, on: date) -> list[law.Element]:
    """The elements its regimes require that the policy does not cover."""
    covered = policy.covered()
    return [e for regime in policy.regimes for e in law.required(regime, on) if e.id not in covered]


@transaction.atomic
def publish(effective_from: date, summary: str) -> PolicyVersion:
    """Publish the policy as composed now, taking effect on ``effective_from``. Refused when it has not
    changed since the last version (record a review instead) or when an element is missing."""
    if effective_from < timezone.localdate():
        raise ValidationError({"effective_from": "A new version cannot take effect in the past."})
    policy = compose()
    gaps = missing(policy, effective_from)
    if gaps:
        raise ValidationError({"summary": [f"missing: {e.text} ({e.citation})" for e in gaps]})
    markdown = policy.markdown()
    digest = hashlib.sha256(markdown.encode()).hexdigest()
    latest = PolicyVersion.objects.order_by("-number").first()
    if latest is not None and latest.sha256 == digest:
        raise ValidationError({"summary": "Nothing has changed since the last version: record a review instead."})
    if latest is not None and not summary.strip():
        raise ValidationError({"summary": "Say what changed: people who asked to be told will read it."})
    number = (PolicyVersion.objects.aggregate(n=Max("number"))["n"] or 0) + 1
    version = PolicyVersion.objects.create(
        number=number,
        effective_from=effective_from,
        published_by=current_actor().label,
        summary=summary.strip() or "First published version.",
        sections=policy.as_dict(),
        markdown=markdown,
        reading_grade=reading_grade(policy.text()),
        sha256=digest,
    )
    chain.append("publish", "policy.policyversion", version.pk, summary=f"version {number}")
    return version


def review(version: PolicyVersion, note: str = "") -> PolicyReview:
    """Record that the policy was reviewed and is still right."""
    if drift(version):
        raise ValidationError("The register has changed since this version: publish a new version instead.")
    return PolicyReview.objects.create(version=version, by=current_actor().label, note=note.strip())


def last_reviewed(version: PolicyVersion) -> date:
    latest = version.reviews.first()
    return (
        max(latest.reviewed_on, version.published_at.date())
        if latest
        else timezone.localtime(version.published_at).date()
    )


@dataclass(frozen=True)
class Drift:
    section: str
    heading: str


def drift(version: PolicyVersion | None = None) -> list[Drift]:
    """The sections of the published policy that no longer say what the register and the website
    configuration would make them say now (a system in a new country, a new purpose, analytics
    turned on...)."""
    version = version or current()
    if version is None:
        return []
    now = compose().as_dict()["sections"]
    then = {s["id"]: s for s in version.sections["sections"]}
    changed = []
    for section in now:
        old = then.get(section["id"])
        if old is None or (old["paragraphs"], old["bullets"]) != (section["paragraphs"], section["bullets"]):
            changed.append(Drift(section["id"], section["heading"]))
    return changed


def diff(old: PolicyVersion, new: PolicyVersion) -> list[tuple[str, str]]:
    """The change between two versions, line by line: ("same" | "added" | "removed", text)."""
    lines = []
    for line in difflib.ndiff(old.markdown.splitlines(), new.markdown.splitlines()):
        tag, text = line[:2], line[2:]
        if tag == "? ":
            continue
        lines.append(({"  ": "same", "+ ": "added", "- ": "removed"}[tag], text))
    return lines


def notify(version: PolicyVersion) -> dict[str, int]:
    """Email the change to everyone who asked to be told (the ``policy_updates`` program), once per
    version; each message goes through the consent check and carries its unsubscribe link."""
    from privacydesk.consent import mailer
    from privacydesk.consent.models import ConsentState, Program

    claimed = PolicyVersion.objects.filter(pk=version.pk, notified_at__isnull=True).update(notified_at=timezone.now())
    program = Program.objects.filter(code=NOTICE_PROGRAM, active=True).first()
    if claimed != 1 or program is None:
        return {"sent": 0, "skipped": 0}
    subject = f"Our privacy policy is changing on {version.effective_from:%-d %B %Y}"
    body = (
        f"We have published version {version.number} of our privacy policy. It takes effect on "
        f"{version.effective_from:%-d %B %Y}.\n\nWhat changed:\n{version.summary}\n\n"
        "You can read the whole policy, and what changed line by line, on our privacy page."
    )
    result = {"sent": 0, "skipped": 0}
    granted = ConsentState.objects.filter(program=program, channel__code="email", granted=True).select_related("person")
    for state in granted.iterator(chunk_size=500):
        verdict = mailer.send_email(state.person, program, subject, body)
        result["sent" if verdict.allowed else "skipped"] += 1
    chain.append("notify", "policy.policyversion", version.pk, data=result)
    return result
