"""Importing subscriber lists exported from email-marketing platforms (Mailchimp, Campaign Monitor,
Brevo, or any CSV with an email column), in two steps: a preview that names every problem by row and
column and writes nothing, then — only when the preview is clean and someone confirms — one
transaction that adds the people it must and records each choice as an ``import`` event dated when
the person chose, with the file's hash and row number as evidence.

Addresses on the suppression list (people who asked to be erased or to hear nothing more) are
refused, never imported; an address twice in the file counts once.
"""

from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from privacydesk.consent import services
from privacydesk.consent.models import Channel, Program
from privacydesk.people import services as people
from privacydesk.people.models import Identity, Person, Suppression
from privacydesk.people.normalise import normalise_email

EMAIL_HEADERS = ("email address", "email", "e-mail", "email_address", "subscriber email")
STATUS_HEADERS = ("status", "subscription status", "member status", "opt_in_status")
DATE_HEADERS = (
    "confirm_time", "optin_time", "date subscribed", "subscribed at", "subscribed_at", "consent_date",
    "date added", "created_at", "unsub_time", "date unsubscribed",
)  # fmt: skip
NAME_HEADERS = ("name", "full name", "full_name")
FIRST_HEADERS = ("first name", "firstname", "first_name", "fname")
LAST_HEADERS = ("last name", "lastname", "last_name", "lname")

GRANTED = {"subscribed", "active", "confirmed", "opted in", "opt-in", "yes", "true", "1"}
WITHDRAWN = {"unsubscribed", "opted out", "opt-out", "no", "false", "0", "cleaned", "bounced", "complained"}
SKIPPED = {"pending", "unconfirmed", "transactional", "archived"}

MAX_ROWS = 200_000


@dataclass
class Row:
    number: int  # the line in the file (the header is line 1)
    email: str
    name: str
    action: str  # grant, withdraw, skip
    occurred_at: datetime | None
    person_id: int | None  # matched person, None: a new person will be added
    note: str = ""  # why skipped


@dataclass
class Preview:
    sha256: str
    platform: str
    rows: list[Row] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # "row 7, column Email Address: not a valid email"
    refused: int = 0  # suppressed addresses
    duplicates: int = 0

    @property
    def valid(self) -> bool:
        return not self.errors

    def counts(self) -> dict[str, int]:
        tally = {"grant": 0, "withdraw": 0, "skip": 0, "new_people": 0}
        for row in self.rows:
            tally[row.action] += 1
            if row.person_id is None and row.action != "skip":
                tally["new_people"] += 1
        return {**tally, "refused": self.refused, "duplicates": self.duplicates}


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    lowered = [h.strip().lower() for h in header]
    for name in names:
        if name in lowered:
            return lowered.index(name)
    return None


def _platform(header: list[str]) -> str:
    lowered = {h.strip().lower() for h in header}
    if {"email address", "optin_time"} <= lowered or "member_rating" in lowered:
        return "Mailchimp"
    if "date subscribed" in lowered:
        return "Campaign Monitor"
    if {"email", "firstname", "lastname"} <= lowered:
        return "Brevo"
    return "CSV"


def _when(value: str, where: str, errors: list[str]) -> datetime | None:
    value = value.strip()
    if not value:
        return None
    parsed = parse_datetime(value.replace("/", "-"))
    if parsed is None:
        day = parse_date(value.replace("/", "-"))
        parsed = datetime.combine(day, time(12)) if day else None
    if parsed is None:
        errors.append(f"{where}: {value!r} is not a date (use YYYY-MM-DD or YYYY-MM-DD HH:MM:SS)")
        return None
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)  # platforms export in the account's zone; ours is the best guess
    if parsed > timezone.now():
        errors.append(f"{where}: {value} is in the future")
        return None
    return parsed


def preview(text: str, default_status: str = "") -> Preview:
    """Read the file and say what importing it would do; writes nothing."""
    result = Preview(hashlib.sha256(text.encode()).hexdigest(), "CSV")
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    header = next(reader, None)
    if not header:
        result.errors.append("row 1: the file is empty; expected a header row with an email column")
        return result
    result.platform = _platform(header)
    email_col = _column(header, EMAIL_HEADERS)
    if email_col is None:
        result.errors.append(f"row 1: no email column; expected one headed {', '.join(EMAIL_HEADERS[:3])}")
        return result
    status_col, date_col = _column(header, STATUS_HEADERS), _column(header, DATE_HEADERS)
    name_col, first_col, last_col = (_column(header, h) for h in (NAME_HEADERS, FIRST_HEADERS, LAST_HEADERS))
    if status_col is None and default_status not in GRANTED | WITHDRAWN:
        result.errors.append(
            "row 1: no status column; say whether everyone in the file is subscribed or unsubscribed "
            "(Mailchimp exports each status as its own file)"
        )
        return result
    seen: set[str] = set()
    owners = dict(Identity.objects.filter(kind="email").values_list("normalised", "person_id"))
    suppressed = set(Suppression.objects.filter(kind="email").values_list("digest", flat=True))
    for number, cells in enumerate(reader, start=2):
        if number - 1 > MAX_ROWS:
            result.errors.append(f"row {number}: the file has more than {MAX_ROWS:,} rows; split it")
            break
        if not any(c.strip() for c in cells):
            continue

        def cell(col: int | None, cells: list[str] = cells) -> str:
            return cells[col].strip() if col is not None and col < len(cells) else ""

        where = f"row {number}, column {header[email_col].strip()}"
        try:
            email = normalise_email(cell(email_col))
        except ValueError:
            result.errors.append(f"{where}: {cell(email_col)!r} is not a valid email address")
            continue
        if email in seen:
            result.duplicates += 1
            continue
        seen.add(email)
        if suppressed and not suppressed.isdisjoint(people.identity_digests("email", email)):
            result.refused += 1
            continue
        status = (cell(status_col) or default_status).lower()
        if status in GRANTED:
            action = "grant"
        elif status in WITHDRAWN:
            action = "withdraw"
        elif status in SKIPPED:
            action = "skip"
        else:
            column = header[status_col].strip() if status_col is not None else "status"
            result.errors.append(f"row {number}, column {column}: unknown status {status!r}")
            continue
        when = None
        if date_col is not None:
            when = _when(cell(date_col), f"row {number}, column {header[date_col].strip()}", result.errors)
        name = cell(name_col) or " ".join(p for p in (cell(first_col), cell(last_col)) if p)
        result.rows.append(
            Row(number, email, name, action, when, owners.get(email), "not confirmed" if action == "skip" else "")
        )
    return result


def confirm(
    text: str, program: Program, channel: Channel, *, default_status: str = "", file_name: str = ""
) -> dict[str, int]:
    """Import the file: only if its preview is clean; all in one transaction."""
    result = preview(text, default_status)
    if not result.valid:
        raise ValidationError({"file": result.errors[:50]})
    if channel not in program.channels.all():
        raise ValidationError({"channel": f"{program.name} is not sent by {channel.name}."})
    imported_at = timezone.now()
    with transaction.atomic():
        for row in result.rows:
            if row.action == "skip":
                continue
            if row.person_id is None:
                person = people.create_person(
                    name=row.name or row.email,
                    jurisdiction=_jurisdiction_for(row.email),
                    identities=[people.IdentityInput("email", row.email)],
                )
            else:
                person = Person.objects.get(pk=row.person_id)
            services.record(
                person,
                services.Choice(program, channel, row.action == "grant"),
                "import",
                occurred_at=row.occurred_at or imported_at,
                evidence={"file": file_name, "sha256": result.sha256, "row": row.number, "platform": result.platform},
            )
    return result.counts()


def _jurisdiction_for(email: str) -> str:
    """A new person's law, guessed from their address's country domain; the organisation's otherwise."""
    tld = email.rsplit(".", 1)[-1]
    if tld == "au":
        return "AU"
    if tld == "nz":
        return "NZ"
    from privacydesk.law.applies import EU_EEA

    if tld.upper() in EU_EEA:
        return "EU"
    return str(getattr(settings, "PRIVACYDESK_DEFAULT_REGION", "AU"))


def summary(result: Preview) -> dict[str, Any]:
    return {"platform": result.platform, "sha256": result.sha256, **result.counts(), "errors": result.errors}


def stage(text: str, file_name: str, program: Program, channel: Channel, default_status: str, by: str) -> Any:
    """Keep an uploaded file for its preview page; previews older than a day are discarded."""
    from privacydesk.consent.models import ConsentImport

    ConsentImport.objects.filter(confirmed_at__isnull=True, uploaded_at__lt=timezone.now() - timedelta(days=1)).delete()
    return ConsentImport.objects.create(
        file_name=file_name[:200],
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        content=text,
        program=program,
        channel=channel,
        default_status=default_status,
        uploaded_by=by,
    )


def confirm_staged(staged: Any) -> dict[str, int]:
    """Import a staged file once (a conditional update claims it, so a double click imports once),
    then forget its content."""
    from privacydesk.consent.models import ConsentImport

    with transaction.atomic():
        claimed = ConsentImport.objects.filter(pk=staged.pk, confirmed_at__isnull=True).update(
            confirmed_at=timezone.now()
        )
        if claimed != 1:
            raise ValidationError({"file": "This file has already been imported."})
        counts = confirm(
            staged.content,
            staged.program,
            staged.channel,
            default_status=staged.default_status,
            file_name=staged.file_name,
        )
        ConsentImport.objects.filter(pk=staged.pk).update(content="", counts=counts)
    return counts
